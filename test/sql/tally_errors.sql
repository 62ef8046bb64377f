-- tally: every bad text input is refused with a clear message and SQLSTATE
SET search_path = housing_areas, public;

-- as psql shows them
SELECT ''::tally;
SELECT 'residents=5 income=2'::tally;
SELECT 'residents=5 residents=6'::tally;
SELECT 'residents 5'::tally;
SELECT 'residents='::tally;
SELECT 'residents=abc'::tally;
SELECT 'residents=5.5'::tally;
SELECT 'taxpayers_15_64=1 income_sum=NaN'::tally;
SELECT 'income_sum=Infinity'::tally;
SELECT 'residents=-1'::tally;
SELECT 'residents=9007199254740992'::tally;
SELECT 'residents=3 nonwestern=4'::tally;
SELECT 'persons_18_64=2 outside_labour_fte=2.5'::tally;
SELECT 'persons_18plus=10 convicted_18plus=11'::tally;
SELECT 'persons_30_59=10 basic_education_30_59=11'::tally;
SELECT 'residents=5 income_sum=100'::tally;
SELECT E'residents=5\x01'::tally;
SELECT ('residents=1' || repeat(' ', 1100))::tally;

-- SQLSTATE of each, through a helper that never lets an error escape:
-- the texts every record type refuses, then those of tally; a value is
-- quoted only by its start
\i test/fixtures/refused.sql
SELECT * FROM pg_temp.refused('tally', pg_temp.malformed() || ARRAY[
  'residents=1,,nonwestern=1', 'residents=1 , , nonwestern=1', 'income=1',
  'outside_labour=1', 'residents=1.2.3', 'residents=0x10', 'residents=1e',
  'residents=5%', 'residents=--5', 'residents=+-5', 'residents=9007199254740992',
  'persons_18_64=1 outside_labour_fte=nan', 'outside_labour_fte=inf',
  'income_sum=-Infinity', 'income_sum=1e400', 'income_sum=1e-400',
  'outside_labour_fte=-0.25', 'residents=3 nonwestern=4', 'nonwestern=1',
  'persons_18_64=2 outside_labour_fte=2.000000000000001',
  'persons_18plus=1 convicted_18plus=2', 'basic_education_30_59=1',
  'income_sum=0.01', 'taxpayers_15_64=0 income_sum=-5', E'residents=5\x1b[0m',
  'taxpayers_15_64=1 income_sum=' || repeat('1', 500)]);

-- nothing was lost: a failed row leaves the table as it was
CREATE TABLE tally_err (t tally);
INSERT INTO tally_err VALUES ('residents=1000');
INSERT INTO tally_err VALUES ('residents=1001'), ('residents=2 nonwestern=3');
SELECT tally_value(t, 'residents') FROM tally_err;
DROP TABLE tally_err;
