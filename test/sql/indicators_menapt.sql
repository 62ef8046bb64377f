-- indicators: the key menapt (% immigrants and descendants from the MENA
-- countries, Pakistan and Turkey), kept to 5 decimals, and the stored
-- image's layout version 2 that carries it (version 1, 0.2.0's bytes,
-- whenever menapt is unknown)
SET search_path = housing_areas, public;
\i test/fixtures/binary.sql

-- text, jsonb, make_indicators and indicator() all know it; it is last
SELECT 'menapt=40.5 residents=1913 nonwestern=49.4'::indicators AS text_in,
       '{"menapt": 40.5, "residents": 1913}'::jsonb::indicators AS from_jsonb,
       ('menapt=40.5 residents=1913'::indicators)::jsonb AS to_jsonb,
       make_indicators(residents => 1913, menapt => 40.5) AS made,
       indicator('residents=1913 menapt=40.5', 'menapt') AS value,
       indicator('residents=1913', 'menapt') AS unknown;
SELECT '{"menapt": null, "residents": 5}'::jsonb::indicators AS null_is_unknown;

-- rounded once to 5 decimals, half away from zero, on the number as
-- written (as numeric(8,5) rounds), whatever the way in
SELECT v AS written,
       ('menapt=' || v)::indicators AS text_in,
       make_indicators(menapt => v::double precision) AS made,
       jsonb_build_object('menapt', v::numeric)::indicators AS from_jsonb,
       round(v::numeric, 5) AS numeric_round
  FROM (VALUES ('40.5'), ('40.000005'), ('40.0000049999'), ('40.000015'),
               ('0.000005'), ('0.0000049'), ('1e-300'), ('99.999995'),
               ('99.9999949'), ('33.333333333333336'), ('12.345675'),
               ('0'), ('100')) AS t(v);
SELECT ('menapt=' || v)::indicators = ('menapt=' || round(v::numeric, 5))::indicators AS same
  FROM (VALUES ('50.000004'), ('50.000005'), ('66.666666666')) AS t(v);
-- more digits than a float8 holds: text and jsonb round the digits as
-- written, as numeric does (the float8 of make_indicators is 40.000005)
SELECT v AS written,
       ('menapt=' || v)::indicators AS text_in,
       jsonb_build_object('menapt', v::numeric)::indicators AS from_jsonb,
       ('menapt=' || v)::indicators = ('menapt=' || round(v::numeric, 5))::indicators AS text_same,
       jsonb_build_object('menapt', v::numeric)::indicators
         = ('menapt=' || round(v::numeric, 5))::indicators AS jsonb_same,
       make_indicators(menapt => v::double precision) AS made
  FROM (VALUES ('40.00000499999999999'), ('40.00000500000000001'),
               ('4.000000499999999999e1'), ('99.99999499999999999')) AS t(v);

-- the range 0 to 100 is checked on the value given, like the other shares
SELECT 'menapt=100.000001'::indicators;
SELECT 'menapt=-0.000001'::indicators;
SELECT 'menapt=NaN'::indicators;
SELECT make_indicators(menapt => 'Infinity');
SELECT '{"menapt": "40"}'::jsonb::indicators;
SELECT '{"menapt": 101}'::jsonb::indicators;

-- equality and hashing: equal values have equal images
SELECT 'menapt=40.5'::indicators = 'menapt=40.500000001'::indicators AS rounded_equal,
       'menapt=40.5'::indicators = 'menapt=40.50001'::indicators AS differ,
       'menapt=0 residents=5'::indicators = make_indicators(residents => 5, menapt => -0.0) AS zero_equal,
       indicators_hash('menapt=40.5') = indicators_hash('menapt=40.500000001') AS same_hash,
       'residents=5'::indicators = 'residents=5 menapt=0'::indicators AS unknown_is_not_zero;
SELECT ind, count(*) AS rows_
  FROM (VALUES ('menapt=40.5'::indicators), ('menapt=40.500004'), ('menapt=40.50001'),
               ('residents=5'), ('residents=5 menapt=0'), ('residents=5 menapt=0.000001')) AS t(ind)
 GROUP BY ind ORDER BY ind::text;
CREATE TABLE ind_hash (id int, ind indicators);
INSERT INTO ind_hash SELECT g, make_indicators(residents => g, menapt => CASE WHEN g % 2 = 0 THEN (g % 700) / 7.0 END)
  FROM generate_series(1, 2000) AS g;
CREATE INDEX ind_hash_idx ON ind_hash USING hash (ind);
SET enable_seqscan = off;
SELECT id, ind FROM ind_hash WHERE ind = make_indicators(residents => 1000, menapt => 42.857142);
-- one hundred-thousandth more is another value
SELECT id, ind FROM ind_hash WHERE ind = 'residents=1000 menapt=42.85715';
SELECT id FROM ind_hash WHERE ind = 'residents=999';
RESET enable_seqscan;
SELECT count(*) AS found_by_hash_join
  FROM ind_hash AS a JOIN ind_hash AS b ON a.ind = b.ind AND a.id = b.id;

-- binary: version 1 (56 bytes, byte for byte 0.2.0's) when menapt is
-- unknown, version 2 (64 bytes, menapt last) when it is known
SELECT indicators_send('residents=1913 income=61.8') AS v1,
       indicators_send('residents=1913 income=61.8 menapt=40.5') AS v2;
SELECT * FROM pg_temp.copy_binary('ind_hash', 'ind_hash2', 'ind');
-- crafted binary values, validated like text input
SELECT label, pg_temp.recv(decode(hex, 'hex'), 'indicators') AS result
  FROM (VALUES
    ('v1 as 0.2.0 sent it', '01000041' || '00000779' || repeat('0000000000000000', 5) || '404ee66666666666'),
    ('v2 valid',         '020000c1' || '00000779' || repeat('0000000000000000', 5) || '404ee66666666666' || '4044400000000000'),
    ('v2 rounded',       '02000080' || '00000000' || repeat('0000000000000000', 6) || '4044000029f16b12'),
    ('v2 menapt 100',    '02000080' || '00000000' || repeat('0000000000000000', 6) || '4059000000000000'),
    ('v2 menapt 100.5',  '02000080' || '00000000' || repeat('0000000000000000', 6) || '4059200000000000'),
    ('v2 menapt NaN',    '02000080' || '00000000' || repeat('0000000000000000', 6) || '7ff8000000000000'),
    ('v2 menapt -0',     '02000080' || '00000000' || repeat('0000000000000000', 6) || '8000000000000000'),
    ('v2 without menapt','02000041' || '00000779' || repeat('0000000000000000', 5) || '404ee66666666666' || '0000000000000000'),
    ('v2 unknown but set','020000c1' || '00000779' || '4049000000000000' || repeat('0000000000000000', 4) || '404ee66666666666' || '4044400000000000'),
    ('v2 reserved set',  '020100c1' || '00000779' || repeat('0000000000000000', 5) || '404ee66666666666' || '4044400000000000'),
    ('v2 of 56 bytes',   '020000c1' || '00000779' || repeat('0000000000000000', 6)),
    ('v1 with menapt bit','010000c1' || '00000779' || repeat('0000000000000000', 6)),
    ('version 3',        '03000041' || '00000779' || repeat('0000000000000000', 6))
  ) AS t(label, hex);
DROP TABLE ind_hash, ind_hash2;

-- classify() builds its composite without heap_form_tuple in the common
-- case, menapt NULL (every built-in version) or known (a rule set that
-- tests it): the same attribute images and NULLs as a row PostgreSQL
-- builds (*= compares them), over records of every kind
SELECT create_rules('menapt_rows', replace(replace(rules('dk2021'), 'rules dk2021 ', 'rules menapt_rows '),
  'parallelsamfund when udsat and nonwestern > 50', 'parallelsamfund when udsat and menapt > 50'));
SELECT r, count(*) AS records, count(*) FILTER (WHERE (c).menapt IS NOT NULL) AS menapt_known,
       bool_and(c *= ROW((c).*)::classification) AS same_images
  FROM (SELECT r, classify(make_indicators(
                 residents => CASE WHEN g % 13 <> 0 THEN g * 7 END,
                 nonwestern => g % 101, outside_labour => (g * 7) % 100,
                 convicted => CASE WHEN g % 5 <> 0 THEN (g % 9) / 2.0 END, national_convicted => 0.9,
                 basic_education => (g * 3) % 100, income => (g * 11) % 200,
                 menapt => CASE WHEN g % 3 <> 0 THEN (g * 13) % 101 END), 2025, r) AS c
          FROM generate_series(1, 600) AS g, (VALUES ('dk2021'), ('dk2013'), ('menapt_rows')) AS v(r)) AS s
 GROUP BY r ORDER BY r;
SELECT drop_rules('menapt_rows');
