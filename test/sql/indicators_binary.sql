-- indicators: binary send/recv through COPY (FORMAT binary), validated like text
SET search_path = housing_areas, public;
\i test/fixtures/binary.sql

CREATE TABLE ind_bin (id int, ind indicators);
INSERT INTO ind_bin
  VALUES (1, 'residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 national_convicted=0.65 basic_education=67.4 income=61.8'::indicators),
         (2, 'residents=966'),
         (3, 'income=33.333333333333336 convicted=0'),
         (4, NULL)
  UNION ALL
  SELECT 100 + g, make_indicators(residents => g, income => g / 7.0, nonwestern => CASE WHEN g % 3 = 0 THEN g % 100 END)
    FROM generate_series(1, 1000) AS g;

SELECT * FROM pg_temp.copy_binary('ind_bin', 'ind_bin2', 'ind');
SELECT * FROM ind_bin2 WHERE id < 10 ORDER BY id;

-- the binary form: version, reserved, field mask, residents, six float8
SELECT indicators_send('residents=1913 income=61.8');

-- crafted binary values go through indicators_recv with the same checks as text,
-- read by pg_temp.recv (test/fixtures/binary.sql)
-- header(version 1, reserved 0, mask) + residents + 6 float8, hex
SELECT label, pg_temp.recv(decode(hex, 'hex'), 'indicators') AS result
  FROM (VALUES
    ('valid',            '01000041' || '00000779' || repeat('0000000000000000', 5) || '404ee66666666666'),
    ('too short',        '01000041' || '00000779'),
    ('too long',         '01000041' || '00000779' || repeat('0000000000000000', 6) || '00'),
    ('version 2',        '02000041' || '00000779' || repeat('0000000000000000', 6)),
    ('reserved set',     '01010001' || '00000779' || repeat('0000000000000000', 6)),
    ('unknown mask bit', '01000081' || '00000779' || repeat('0000000000000000', 6)),
    ('nothing known',    '01000000' || '00000000' || repeat('0000000000000000', 6)),
    ('unknown but set',  '01000001' || '00000779' || '4049000000000000' || repeat('0000000000000000', 5)),
    ('negative residents','01000001' || 'ffffffff' || repeat('0000000000000000', 6)),
    ('NaN income',       '01000040' || '00000000' || repeat('0000000000000000', 5) || '7ff8000000000000'),
    ('Infinity income',  '01000040' || '00000000' || repeat('0000000000000000', 5) || '7ff0000000000000'),
    ('income 1000.5',    '01000040' || '00000000' || repeat('0000000000000000', 5) || '408f440000000000'),
    ('negative zero',    '01000040' || '00000000' || repeat('0000000000000000', 5) || '8000000000000000'),
    ('zero national',    '01000010' || '00000000' || repeat('0000000000000000', 6))
  ) AS t(label, hex);

DROP TABLE ind_bin, ind_bin2;
