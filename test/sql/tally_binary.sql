-- tally: binary send/recv through COPY (FORMAT binary), validated like text
SET search_path = housing_areas, public;
\i test/fixtures/binary.sql

CREATE TABLE tally_bin (id int, t tally);
INSERT INTO tally_bin VALUES
  (1, 'residents=1913 nonwestern=945 persons_18_64=1200 outside_labour_fte=535.25 persons_18plus=1400 convicted_18plus=27 persons_30_59=700 basic_education_30_59=472 taxpayers_15_64=1100 income_sum=254000000.5'),
  (2, 'residents=966'),
  (3, 'taxpayers_15_64=3 income_sum=-33.333333333333336'),
  (4, NULL),
  (5, 'residents=9007199254740991 nonwestern=9007199254740991');
INSERT INTO tally_bin
  SELECT 100 + g, tally_agg(g % 90, g % 3 = 0, (g % 5) / 7.0, g % 11 = 0, g % 4 = 0, g * 1000 / 7.0, g % 6 = 0)
    FROM generate_series(1, 1000) AS g GROUP BY g;

SELECT * FROM pg_temp.copy_binary('tally_bin', 'tally_bin2', 't');
SELECT * FROM tally_bin2 WHERE id < 10 ORDER BY id;

-- the binary form: version byte (2), 7 reserved bytes, then the ten fields
-- in order as int8 in network byte order (88 bytes): counts, full-time
-- persons in millionths (0.5 is 500000 = x7a120), income in øre (61.8 is
-- 6180 = x1824)
SELECT tally_send('residents=3 nonwestern=1 persons_18_64=2 outside_labour_fte=0.5 taxpayers_15_64=1 income_sum=61.8');

-- crafted binary values go through tally_recv with the same checks as text,
-- read by pg_temp.recv (test/fixtures/binary.sql)

-- a payload of layout version 1 (what housing_areas 0.2.0 sent): header
-- bytes, then the fields as int8send/float8send
CREATE FUNCTION pg_temp.payload(header bytea, residents int8, nonwestern int8,
    persons_18_64 int8, outside_labour_fte float8, persons_18plus int8,
    convicted_18plus int8, persons_30_59 int8, basic_education_30_59 int8,
    taxpayers_15_64 int8, income_sum float8) RETURNS bytea
LANGUAGE sql AS $$
  SELECT header || int8send(residents) || int8send(nonwestern) || int8send(persons_18_64)
         || float8send(outside_labour_fte) || int8send(persons_18plus)
         || int8send(convicted_18plus) || int8send(persons_30_59)
         || int8send(basic_education_30_59) || int8send(taxpayers_15_64)
         || float8send(income_sum)
$$;

-- a payload of layout version 2: header bytes, then every field, in order,
-- as int8send
CREATE FUNCTION pg_temp.payload2(header bytea, VARIADIC fields int8[]) RETURNS bytea
LANGUAGE sql AS $$
  SELECT header || string_agg(int8send(f), ''::bytea ORDER BY n)
    FROM unnest(fields) WITH ORDINALITY AS u(f, n)
$$;

-- version 2
SELECT label, pg_temp.recv(payload, 'tally') AS result
  FROM (VALUES
    ('valid',              pg_temp.payload2('\x0200000000000000', 3, 1, 2, 500000, 0, 0, 0, 0, 1, 6180)),
    ('same as tally_send', tally_send('residents=3 nonwestern=1 persons_18_64=2 outside_labour_fte=0.5 taxpayers_15_64=1 income_sum=61.8')),
    ('largest sums',       pg_temp.payload2('\x0200000000000000', 3, 0, 9007199254740991, 9223372036854775807, 0, 0, 0, 0, 1, -9223372036854775807)),
    ('version 3',          pg_temp.payload2('\x0300000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    ('reserved byte 7',    pg_temp.payload2('\x0200000000000001', 3, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    ('negative count',     pg_temp.payload2('\x0200000000000000', 3, 0, 0, 0, -1, 0, 0, 0, 0, 0)),
    ('negative fte',       pg_temp.payload2('\x0200000000000000', 3, 0, 2, -1, 0, 0, 0, 0, 0, 0)),
    ('fte > persons_18_64', pg_temp.payload2('\x0200000000000000', 3, 0, 2, 2000001, 0, 0, 0, 0, 0, 0)),
    ('smallest int8 øre',  pg_temp.payload2('\x0200000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 1, -9223372036854775808)),
    ('income, no taxpayers', pg_temp.payload2('\x0200000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 0, 1))
  ) AS t(label, payload);

-- version 1, as housing_areas 0.2.0 sent it: read and converted, float8
-- noise rounded to millionths and øre, the checks of version 1 kept
SELECT label, pg_temp.recv(payload, 'tally') AS result
  FROM (VALUES
    ('valid',              pg_temp.payload('\x0100000000000000', 3, 1, 2, 0.5, 0, 0, 0, 0, 1, 61.8)),
    ('float8 noise',       pg_temp.payload('\x0100000000000000', 3, 0, 3, 0.1::float8 + 0.2, 0, 0, 0, 0, 3, 100.0 / 3)),
    ('beyond version 2',   pg_temp.payload('\x0100000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 1, 1.5e20)),
    ('too short',          '\x0100000000000000'::bytea || int8send(3)),
    ('too long',           pg_temp.payload('\x0100000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 0, 0) || '\x00'::bytea),
    ('empty',              ''::bytea),
    ('version 0',          pg_temp.payload('\x0000000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    ('reserved byte 1',    pg_temp.payload('\x0101000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    ('reserved byte 7',    pg_temp.payload('\x0100000000000080', 3, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    ('negative count',     pg_temp.payload('\x0100000000000000', 3, 0, 0, 0, 0, 0, 0, 0, -1, 0)),
    ('count past 2^53-1',  pg_temp.payload('\x0100000000000000', 9007199254740992, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    ('largest int8',       pg_temp.payload('\x0100000000000000', 0, 0, 0, 0, 9223372036854775807, 0, 0, 0, 0, 0)),
    ('NaN income_sum',     pg_temp.payload('\x0100000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 1, 'NaN')),
    ('infinite fte',       pg_temp.payload('\x0100000000000000', 3, 0, 2, 'Infinity', 0, 0, 0, 0, 0, 0)),
    ('negative fte',       pg_temp.payload('\x0100000000000000', 3, 0, 2, -0.5, 0, 0, 0, 0, 0, 0)),
    ('negative zero fte',  pg_temp.payload('\x0100000000000000', 3, 0, 2, '-0', 0, 0, 0, 0, 0, 0)),
    ('negative zero sum',  pg_temp.payload('\x0100000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 1, '-0')),
    ('nonwestern > residents', pg_temp.payload('\x0100000000000000', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0)),
    ('fte > persons_18_64',    pg_temp.payload('\x0100000000000000', 3, 0, 2, 2.25, 0, 0, 0, 0, 0, 0)),
    ('convicted > 18plus',     pg_temp.payload('\x0100000000000000', 3, 0, 0, 0, 1, 2, 0, 0, 0, 0)),
    ('basic > persons_30_59',  pg_temp.payload('\x0100000000000000', 3, 0, 0, 0, 0, 0, 1, 2, 0, 0)),
    ('income, no taxpayers',   pg_temp.payload('\x0100000000000000', 3, 0, 0, 0, 0, 0, 0, 0, 0, 10))
  ) AS t(label, payload);

DROP TABLE tally_bin, tally_bin2;
