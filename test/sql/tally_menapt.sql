-- tally: the count of residents from the MENA countries, Pakistan and
-- Turkey (menapt): not counted unless given (layout version 2, the bytes
-- of before), counted in layout version 3 (count + 1 in the header bytes);
-- sums, tally_agg(..., menapt), to_indicators, binary forms
SET search_path = housing_areas, public;
\i test/fixtures/binary.sql

-- text: absent is not counted, 0 is counted; a part of residents
SELECT 'residents=10 menapt=3'::tally AS counted,
       'residents=10'::tally AS not_counted,
       tally_value('residents=10 menapt=3', 'menapt') AS value,
       tally_value('residents=10', 'menapt') AS not_counted_value,
       tally_value('residents=10 menapt=0', 'menapt') AS zero;
SELECT 'residents=10'::tally = 'residents=10 menapt=0'::tally AS not_counted_is_not_zero,
       tally_hash('residents=10 menapt=3') = tally_hash('menapt=3 residents=10') AS same_hash;
SELECT 'residents=2 menapt=3'::tally;
SELECT 'residents=2 menapt=1.5'::tally;
SELECT 'residents=2 menapt=-1'::tally;
SELECT tally_value('residents=2', 'menapt_count');

-- sums: counted + counted is the sum; with a tally that does not count
-- it, the sum does not either (so department sums equal the whole)
SELECT 'residents=10 menapt=3'::tally + 'residents=5 menapt=2' AS both,
       'residents=10 menapt=3'::tally + 'residents=5' AS one;
SELECT sum(t) AS all_counted FROM (VALUES ('residents=1 menapt=1'::tally), ('residents=2 menapt=0')) AS v(t);
SELECT sum(t) AS one_not FROM (VALUES ('residents=1 menapt=1'::tally), ('residents=2'), ('residents=3 menapt=3')) AS v(t);

-- tally_agg with menapt: NULL menapt is not MENAPT (as NULL nonwestern is
-- not non-Western); the seven-argument tally_agg does not count it
SELECT tally_agg(age, nw, NULL, NULL, NULL, NULL, NULL, m) AS with_menapt,
       tally_agg(age, nw, NULL, NULL, NULL, NULL, NULL) AS without
  FROM (VALUES (30, true, true), (40, true, false), (50, NULL, NULL), (60, false, true)) AS p(age, nw, m);
SELECT tally_agg(age, NULL, NULL, NULL, NULL, NULL, NULL, m) AS no_rows
  FROM (VALUES (30, true)) AS p(age, m) WHERE false;

-- to_indicators: menapt = 100 * count / residents, rounded to 5 decimals;
-- unknown when not counted (the old aggregate) or without residents
SELECT to_indicators('residents=3 menapt=1') AS third,
       to_indicators('residents=3 menapt=2') AS two_thirds,
       to_indicators('residents=2000 menapt=1001') AS just_over_50,
       to_indicators('residents=3') AS not_counted,
       to_indicators('residents=0 menapt=0') AS no_residents;

-- binary: version 2 (byte for byte as before) when not counted, version 3
-- with the count + 1 in the 7 header bytes (network order) when counted
SELECT tally_send('residents=10') AS v2, tally_send('residents=10 menapt=3') AS v3;
SELECT label, pg_temp.recv(decode(hex, 'hex'), 'tally') AS result
  FROM (VALUES
    ('v2 as before',   '02' || '00000000000000' || '000000000000000a' || repeat('0000000000000000', 9)),
    ('v3 count 3',     '03' || '00000000000004' || '000000000000000a' || repeat('0000000000000000', 9)),
    ('v3 count 0',     '03' || '00000000000001' || '000000000000000a' || repeat('0000000000000000', 9)),
    ('v3 no count',    '03' || '00000000000000' || '000000000000000a' || repeat('0000000000000000', 9)),
    ('v3 over residents','03' || '0000000000000c' || '000000000000000a' || repeat('0000000000000000', 9)),
    ('v3 huge',        '03' || 'ffffffffffffff' || '000000000000000a' || repeat('0000000000000000', 9)),
    ('v2 header set',  '02' || '00000000000004' || '000000000000000a' || repeat('0000000000000000', 9)),
    ('version 4',      '04' || '00000000000000' || '000000000000000a' || repeat('0000000000000000', 9))
  ) AS t(label, hex);
CREATE TABLE tally_m (id int, t tally);
INSERT INTO tally_m SELECT g, CASE WHEN g % 3 = 0 THEN format('residents=%s', g)::tally
                                   ELSE format('residents=%s menapt=%s', g, g / 3)::tally END
  FROM generate_series(1, 300) AS g;
SELECT * FROM pg_temp.copy_binary('tally_m', 'tally_m2', 't');
CREATE INDEX tally_m_hash ON tally_m USING hash (t);
SET enable_seqscan = off;
SELECT id FROM tally_m WHERE t = 'residents=200 menapt=66';
SELECT id FROM tally_m WHERE t = 'residents=201';
RESET enable_seqscan;
DROP TABLE tally_m, tally_m2;

-- serial and parallel tally_agg(..., menapt) give the same bytes
CREATE TABLE menapt_persons AS
SELECT g AS id, 1 + (g * 31) % 47 AS area,
       CASE WHEN g % 89 = 0 THEN NULL ELSE (g * 17) % 100 END AS age,
       CASE WHEN g % 7 = 0 THEN NULL ELSE g % 3 = 0 END AS nonwestern,
       CASE WHEN g % 11 = 0 THEN NULL ELSE g % 5 < 2 END AS menapt
  FROM generate_series(1, 100000) AS g;
ANALYZE menapt_persons;
CREATE VIEW menapt_areas AS
SELECT area, tally_agg(age, nonwestern, NULL, NULL, NULL, NULL, NULL, menapt) AS t
  FROM menapt_persons GROUP BY area;
SET max_parallel_workers_per_gather = 0;
SELECT string_agg(area || ' ' || t::text, E'\n' ORDER BY area) AS serial_areas FROM menapt_areas \gset
SELECT sum(t)::text AS serial_sum FROM menapt_areas \gset
\i test/fixtures/parallel.sql
CALL pg_temp.force_parallel(true);
EXPLAIN (COSTS OFF) SELECT * FROM menapt_areas;
SELECT pg_temp.workers_launched($$SELECT * FROM menapt_areas$$) > 0 AS ran_in_parallel;
SELECT string_agg(area || ' ' || t::text, E'\n' ORDER BY area) AS parallel_areas FROM menapt_areas \gset
SELECT tally_agg(age, nonwestern, NULL, NULL, NULL, NULL, NULL, menapt)::text AS parallel_total FROM menapt_persons \gset
CALL pg_temp.force_parallel(false);
SELECT :'serial_areas' = :'parallel_areas' AS areas_same,
       :'serial_sum' = :'parallel_total' AS total_same,
       :'parallel_total' AS total,
       (SELECT count(*) FILTER (WHERE menapt) FROM menapt_persons) AS menapt_rows;
DROP VIEW menapt_areas;
DROP TABLE menapt_persons;

-- what it takes to leave or enter a list gated on menapt, counted in
-- persons of the tally's MENAPT count (and nothing to count without it)
SELECT create_rules('menapt_gate', E'rules menapt_gate\n  an area counts when residents >= 1000\n  udsat when outside_labour > 40\n  parallelsamfund when udsat and menapt > 50\nend\n');
-- the tally $1 now; the year before, the same without a menapt count
PREPARE gate_distance(tally) AS
SELECT list, on_list, direction, criterion, value, threshold, holds, change, persons, note
  FROM list_distance($1, 'residents=2000 persons_18_64=1000 outside_labour_fte=500',
                     NULL, NULL, 2025, 'menapt_gate')
 WHERE criterion = 'menapt';
PREPARE gate_change(tally) AS
SELECT list, direction, option, criterion, value, flip_operator, threshold, reached, persons, note
  FROM cheapest_change($1, 'residents=2000 persons_18_64=1000 outside_labour_fte=500',
                       NULL, NULL, 2025, 'menapt_gate')
 WHERE list = 'parallelsamfund';
EXECUTE gate_distance('residents=2000 persons_18_64=1000 outside_labour_fte=500 menapt=1100');
EXECUTE gate_distance('residents=2000 persons_18_64=1000 outside_labour_fte=500 menapt=1000');
EXECUTE gate_change('residents=2000 persons_18_64=1000 outside_labour_fte=500 menapt=1100');
EXECUTE gate_change('residents=2000 persons_18_64=1000 outside_labour_fte=500');
DEALLOCATE gate_distance;
DEALLOCATE gate_change;
-- from indicators alone: the change in points of menapt
SELECT list, direction, option, criterion, value, flip_operator, threshold, change, reached, note
  FROM cheapest_change('residents=2000 outside_labour=50 menapt=50', 2025, 'menapt_gate')
 WHERE list = 'parallelsamfund';
SELECT drop_rules('menapt_gate');
