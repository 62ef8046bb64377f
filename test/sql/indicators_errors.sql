-- indicators: every bad text input is refused with a clear message and SQLSTATE
SET search_path = housing_areas, public;

-- as psql shows them
SELECT ''::indicators;
SELECT 'residents=1913 foo=2'::indicators;
SELECT 'income=5 income=6'::indicators;
SELECT 'residents 1913'::indicators;
SELECT 'residents='::indicators;
SELECT 'nonwestern=abc'::indicators;
SELECT 'residents=1913.5'::indicators;
SELECT 'income=NaN'::indicators;
SELECT 'income=-Infinity'::indicators;
SELECT 'income=1e400'::indicators;
SELECT 'nonwestern=100.1'::indicators;
SELECT 'national_convicted=0'::indicators;
SELECT E'residents=1913\x01'::indicators;
SELECT 'residents=1913;'::indicators;
SELECT ('residents=1 ' || repeat(' ', 1100))::indicators;

-- SQLSTATE of each, through a helper that never lets an error escape
CREATE FUNCTION pg_temp.try(input text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  st text; msg text;
BEGIN
  PERFORM input::indicators;
  RETURN 'accepted';
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
  RETURN st || ' ' || msg;
END $$;

SELECT left(input, 30) AS input, pg_temp.try(input) AS result
  FROM (VALUES (''), ('   '), (','), ('='), ('=5'), ('residents'), ('residents=1,'),
               ('residents=1,,income=2'), ('residents=1 , , income=2'),
               ('residents =1'), ('residents= 1'), ('residents=1=2'),
               ('Residents=1'), ('résidents=1'), ('residents=1 residents=1'),
               ('nonwestern=1.2.3'), ('nonwestern=0x10'), ('nonwestern=1e'),
               ('nonwestern=5%'), ('nonwestern=--5'), ('nonwestern=+-5'),
               ('residents=1e3'), ('residents=1913.0'), ('residents=-1'),
               ('residents=10000001'), ('residents=99999999999999999999'),
               ('income=nan'), ('income=inf'), ('income=+Infinity'),
               ('income=1e-400'), ('income=1000.0000001'), ('income=-0.1'),
               ('nonwestern=100.00000000000001'), ('national_convicted=-0'),
               (E'residents=1\x7f'), (E'income=5\x1b[0m'),
               ('residents=1913 junk'), ('residents=1913 5'),
               (repeat('9', 2000))) AS t(input);

-- oversized input: 54000, and values are quoted only by their start
SELECT pg_temp.try('residents=1' || repeat(' ', 1100));
SELECT pg_temp.try('income=' || repeat('1', 500));
-- 1024 bytes is still fine
SELECT pg_temp.try('residents=1' || repeat(' ', 1013));

-- nothing was lost: a failed row leaves the table as it was
CREATE TABLE ind_err (ind indicators);
INSERT INTO ind_err VALUES ('residents=1000');
INSERT INTO ind_err VALUES ('residents=1001'), ('residents=oops');
SELECT * FROM ind_err;
DROP TABLE ind_err;
