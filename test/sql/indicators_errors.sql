-- indicators: every bad text input is refused with a clear message and SQLSTATE
SET search_path = housing_areas, public;

-- as psql shows them: the size limits (empty, too long), then bad keys
-- and values
SELECT ''::indicators;
SELECT ('residents=1 ' || repeat(' ', 1100))::indicators;
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

-- SQLSTATE of each, through a helper that never lets an error escape:
-- the texts every record type refuses, then those of indicators; a value
-- is quoted only by its start
\i test/fixtures/refused.sql
SELECT * FROM pg_temp.refused('indicators', pg_temp.malformed() || ARRAY[
  'residents=1,,income=2', 'residents=1 , , income=2', 'résidents=1',
  'nonwestern=1.2.3', 'nonwestern=0x10', 'nonwestern=1e', 'nonwestern=5%',
  'nonwestern=--5', 'nonwestern=+-5', 'residents=10000001', 'income=nan',
  'income=inf', 'income=+Infinity', 'income=1e-400', 'income=1000.0000001',
  'income=-0.1', 'nonwestern=100.00000000000001', 'national_convicted=-0',
  E'income=5\x1b[0m', 'income=' || repeat('1', 500)]);

-- nothing was lost: a failed row leaves the table as it was
CREATE TABLE ind_err (ind indicators);
INSERT INTO ind_err VALUES ('residents=1000');
INSERT INTO ind_err VALUES ('residents=1001'), ('residents=oops');
SELECT * FROM ind_err;
DROP TABLE ind_err;
