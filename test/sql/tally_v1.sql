-- tally: values of layout version 1 (float8 sums, housing_areas 0.1.0 and
-- 0.2.0) that are still on disk after ALTER EXTENSION UPDATE read back
-- unchanged through every function, converted on the way in
SET search_path = housing_areas, public;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pageinspect;	-- to show the bytes on disk
RESET client_min_messages;

-- How to get a version-1 datum on disk when the library is the new one:
-- housing_areas 0.2.0 stored a tally as the memory of its C struct, in the
-- server's byte order (little-endian here): version 1, 7 zero bytes, the
-- counts as int8 and outside_labour_fte and income_sum as float8.  Text
-- input, tally_recv and every function now make version 2, so the bytes
-- are written directly: textout returns a palloc'd copy of its argument's
-- bytes (a bytea is a text to it), and declared as returning tally the
-- server stores the first 88 of them as the datum, calling no tally
-- function.  LANGUAGE internal needs a superuser; only this test does it.
CREATE FUNCTION pg_temp.raw_tally(bytea) RETURNS tally
	LANGUAGE internal IMMUTABLE STRICT AS 'textout';
CREATE FUNCTION pg_temp.le(b bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg(substr(b, i, 1), ''::bytea ORDER BY i DESC) FROM generate_series(1, length(b)) AS i
$$;
CREATE FUNCTION pg_temp.v1(residents int8, nonwestern int8, persons_18_64 int8,
    outside_labour_fte float8, persons_18plus int8, convicted_18plus int8,
    persons_30_59 int8, basic_education_30_59 int8, taxpayers_15_64 int8,
    income_sum float8) RETURNS tally
LANGUAGE sql AS $$
  SELECT pg_temp.raw_tally('\x0100000000000000'::bytea
         || pg_temp.le(int8send(residents)) || pg_temp.le(int8send(nonwestern))
         || pg_temp.le(int8send(persons_18_64)) || pg_temp.le(float8send(outside_labour_fte))
         || pg_temp.le(int8send(persons_18plus)) || pg_temp.le(int8send(convicted_18plus))
         || pg_temp.le(int8send(persons_30_59)) || pg_temp.le(int8send(basic_education_30_59))
         || pg_temp.le(int8send(taxpayers_15_64)) || pg_temp.le(float8send(income_sum)))
$$;

CREATE TABLE v1_disk (id int, t tally);
INSERT INTO v1_disk VALUES
  (1, pg_temp.v1(1913, 945, 1200, 535.25, 1400, 27, 700, 472, 1100, 254000000.5)),
  (2, pg_temp.v1(1850, 900, 1180, 540, 1380, 25, 690, 480, 1090, 248000000)),
  -- what version 1 stored for three persons of 0.37 and three incomes of 100 / 3
  (3, pg_temp.v1(3, 0, 3, 0.37::float8 + 0.37 + 0.37, 0, 0, 0, 0, 3, 100.0 / 3)),
  (4, pg_temp.v1(966, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
  (5, 'residents=1913 nonwestern=945 persons_18_64=1200 outside_labour_fte=535.25 persons_18plus=1400 convicted_18plus=27 persons_30_59=700 basic_education_30_59=472 taxpayers_15_64=1100 income_sum=254000000.5');
CHECKPOINT;
-- the layout version byte of each datum on disk (the tally follows the int4
-- id at offset 8 of the row)
SELECT t_ctid, get_byte(t_data, 8) AS layout_version
  FROM heap_page_items(get_raw_page('v1_disk', 0)) ORDER BY t_ctid;

-- text output: the same text as version 1 printed; float8 noise rounded
SELECT id, t FROM v1_disk ORDER BY id;
-- equality and hashing see the value, not the layout: row 1 (version 1)
-- equals row 5 (version 2)
SELECT a.id, b.id, a.t = b.t AS equal, a.t <> b.t AS not_equal
  FROM v1_disk a, v1_disk b WHERE a.id = 1 AND b.id IN (1, 2, 5) ORDER BY b.id;
SELECT count(*) AS distinct_values FROM (SELECT DISTINCT t FROM v1_disk) AS d;
SELECT tally_value(t, 'residents') AS residents, count(*) FROM v1_disk GROUP BY t ORDER BY 1;
SET enable_mergejoin = off;
SET enable_nestloop = off;
SELECT a.id, b.id FROM v1_disk a JOIN v1_disk b ON a.t = b.t AND a.id < b.id ORDER BY 1, 2;
RESET enable_mergejoin;
RESET enable_nestloop;

-- every other function: accessors, shares, +, sum (whose first state is a
-- copy of a version-1 value), the transition step, to_indicators
SELECT id, tally_value(t, 'outside_labour_fte') AS fte, tally_value(t, 'income_sum') AS income,
       convicted_share(t), income_mean(t)
  FROM v1_disk WHERE id <= 3 ORDER BY id;
SELECT a.t + b.t AS plus FROM v1_disk a, v1_disk b WHERE a.id = 1 AND b.id = 3;
SELECT sum(t) AS v1_first FROM (SELECT t FROM v1_disk WHERE id IN (3, 1) ORDER BY id DESC) AS s;
SELECT sum(t ORDER BY id) = sum(t ORDER BY id DESC) AS any_order,
       sum(t ORDER BY id)::text = (SELECT sum(t::text::tally) FROM v1_disk)::text AS as_text
  FROM v1_disk;
SELECT id, sum(t) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS moving
  FROM v1_disk WHERE id IN (1, 2, 3) ORDER BY id;
SELECT housing_areas_private.tally_agg_step(t, 40, true, 0.37, NULL, NULL, 0.005, false) AS stepped
  FROM v1_disk WHERE id = 3;
SELECT to_indicators(c.t, p.t, 0.65, 300000) AS from_version_1,
       to_indicators(c.t, p.t, 0.65, 300000)
         = to_indicators(c.t::text::tally, p.t::text::tally, 0.65, 300000) AS same_as_version_2
  FROM v1_disk c, v1_disk p WHERE c.id = 1 AND p.id = 2;

-- binary output is version 2; COPY (FORMAT binary) round trip writes version 2
SELECT tally_send(t) FROM v1_disk WHERE id = 3;
SELECT current_setting('data_directory') || '/ha_tally_v1.copy' AS copyfile \gset
COPY v1_disk TO :'copyfile' WITH (FORMAT binary);
CREATE TABLE v2_disk (LIKE v1_disk);
COPY v2_disk FROM :'copyfile' WITH (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE a.t = b.t AND a.t::text = b.t::text) AS identical
  FROM v1_disk a JOIN v2_disk b USING (id);
-- and through text, as pg_dump and pg_restore move them
SELECT current_setting('data_directory') || '/ha_tally_v1.txt' AS textfile \gset
COPY v1_disk TO :'textfile';
CREATE TABLE v2_text (LIKE v1_disk);
COPY v2_text FROM :'textfile';
SELECT count(*) AS rows, count(*) FILTER (WHERE a.t = b.t AND a.t::text = b.t::text) AS identical
  FROM v1_disk a JOIN v2_text b USING (id);
CHECKPOINT;
SELECT DISTINCT get_byte(t_data, 8) AS layout_version_after_copy
  FROM heap_page_items(get_raw_page('v2_disk', 0));
-- rewriting a value through any function makes it version 2
UPDATE v1_disk SET t = t + 'residents=0' WHERE id = 3;
CHECKPOINT;
SELECT get_byte(t_data, 8) AS layout_version_of_row_3
  FROM heap_page_items(get_raw_page('v1_disk', 0))
 WHERE t_xmax = 0 AND get_byte(t_data, 0) = 3;

-- a version-1 value beyond the range of version 2 cannot be read; the
-- error says where it comes from
INSERT INTO v1_disk VALUES (6, pg_temp.v1(3, 0, 0, 0, 0, 0, 0, 0, 1, 1.5e20));
SELECT t FROM v1_disk WHERE id = 6;
SELECT tally_value(t, 'residents') FROM v1_disk WHERE id = 6;
-- and a version-1 datum that version 1 could not have written is refused
INSERT INTO v1_disk VALUES (7, pg_temp.v1(3, 4, 0, 0, 0, 0, 0, 0, 0, 0));
SELECT t FROM v1_disk WHERE id = 7;
DELETE FROM v1_disk WHERE id IN (6, 7);

DROP TABLE v1_disk, v2_disk, v2_text;
DROP EXTENSION pageinspect;
