-- Classify benchmark for one size (psql variables rows and runs): category()
-- over `rows` area-years against the same dk2021 rule written as plain SQL
-- (binary floating point, and with exact numeric comparisons) and as a
-- PL/pgSQL function, beside (classify()).category, a C function that only
-- returns a text per row (rules_for_year), and two floors that read the
-- same columns as the queries measured against them.  Checks, then times;
-- the results go to bench.results and bench.checks (bench 'classify',
-- group = rows).  Every query returns one row per area-year: (id, text).
\set ON_ERROR_STOP on
\pset footer off
SET search_path = housing_areas, public;
SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.7) \g /dev/null
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench.area_years;
RESET client_min_messages;
-- list years 2021-2025 (all dk2021), no missing values; convicted has two
-- decimals and national_convicted is one of five two-decimal values, so
-- convicted is exactly 2 or 3 times the national share in about 1 row in
-- 150: exact ties, where binary floating point can decide wrongly
CREATE TABLE bench.area_years AS
SELECT g.*, make_indicators(residents::int, nonwestern, outside_labour, convicted,
							national_convicted, basic_education, income) AS ind
  FROM (SELECT i AS id, 2021 + (i % 5)::int AS list_year,
			   round((800 + random() * 4000)::numeric)::float8 AS residents,
			   round((random() * 90)::numeric, 1)::float8 AS nonwestern,
			   round((15 + random() * 40)::numeric, 1)::float8 AS outside_labour,
			   round((random() * 3)::numeric, 2)::float8 AS convicted,
			   (ARRAY[0.55, 0.6, 0.65, 0.7, 0.75])[1 + (i % 5)]::float8 AS national_convicted,
			   round((30 + random() * 45)::numeric, 1)::float8 AS basic_education,
			   round((35 + random() * 60)::numeric, 1)::float8 AS income
		  FROM generate_series(1, :rows) AS i) AS g;
VACUUM (FREEZE, ANALYZE) bench.area_years;
SELECT pg_prewarm('bench.area_years') \g /dev/null

-- what an analyst writes today
CREATE OR REPLACE FUNCTION bench.category_plpgsql(residents float8, nonwestern float8, outside_labour float8,
	convicted float8, national_convicted float8, basic_education float8, income float8)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	n int := 0;
	f int := 0;
BEGIN
	IF residents < 1000 THEN
		RETURN 'none';
	END IF;
	IF outside_labour > 40 THEN n := n + 1; END IF;
	IF convicted >= 3 * national_convicted THEN n := n + 1; END IF;
	IF basic_education > 60 THEN n := n + 1; END IF;
	IF income < 55 THEN n := n + 1; END IF;
	IF n >= 2 THEN
		IF nonwestern > 50 THEN
			RETURN 'parallelsamfund';
		END IF;
		RETURN 'udsat';
	END IF;
	IF nonwestern > 30 THEN
		IF outside_labour > 30 THEN f := f + 1; END IF;
		IF convicted >= 2 * national_convicted THEN f := f + 1; END IF;
		IF basic_education > 60 THEN f := f + 1; END IF;
		IF income < 65 THEN f := f + 1; END IF;
		IF f >= 2 THEN
			RETURN 'forebyggelse';
		END IF;
	END IF;
	RETURN 'none';
END $$;

-- the rule as one SQL expression; :conv3 and :conv2 are the two relative
-- tests (convicted at least 3 resp. 2 times the national share)
\set rule 'CASE WHEN residents < 1000 THEN ''none'' WHEN (outside_labour > 40)::int + (:conv3)::int + (basic_education > 60)::int + (income < 55)::int >= 2 THEN CASE WHEN nonwestern > 50 THEN ''parallelsamfund'' ELSE ''udsat'' END WHEN nonwestern > 30 AND (outside_labour > 30)::int + (:conv2)::int + (basic_education > 60)::int + (income < 65)::int >= 2 THEN ''forebyggelse'' ELSE ''none'' END'
SELECT replace(replace(:'rule', ':conv3', 'convicted >= 3 * national_convicted'),
			   ':conv2', 'convicted >= 2 * national_convicted') AS rule_float,
	   replace(replace(:'rule', ':conv3', 'convicted::numeric >= 3 * national_convicted::numeric'),
			   ':conv2', 'convicted::numeric >= 2 * national_convicted::numeric') AS rule_exact \gset

\set t 'bench.area_years'
\set q_floor_ind 'SELECT id, (ind, list_year) IS NOT NULL FROM ' :t
\set q_floor_cols 'SELECT id, (residents, nonwestern, outside_labour, convicted, national_convicted, basic_education, income) IS NOT NULL FROM ' :t
\set q_text 'SELECT id, rules_for_year(list_year) FROM ' :t ' WHERE ind IS NOT NULL'
\set q_category 'SELECT id, category(ind, list_year) FROM ' :t
\set q_classify 'SELECT id, (classify(ind, list_year)).category FROM ' :t
SELECT format('SELECT id, %s FROM %s', :'rule_exact', :'t') AS q_exact,
	   format('SELECT id, %s FROM %s', :'rule_float', :'t') AS q_float \gset
\set q_plpgsql 'SELECT id, bench.category_plpgsql(residents, nonwestern, outside_labour, convicted, national_convicted, basic_education, income) FROM ' :t

-- Checks, on the very queries timed below.  The float versions differ
-- from the exact rule only where convicted is exactly 2 or 3 times the
-- national share (3 * 0.65 is 1.9500000000000002 in binary, so 1.95 fails
-- ">= 3 x 0.65"): those rows are counted here, independently of the
-- extension, and must be exactly the rows where category() and the float
-- versions differ.
\echo '-- checking,' :rows 'rows'
SELECT count(*) FILTER (WHERE f IS DISTINCT FROM x) AS ties_decided_wrongly,
	   count(*) FILTER (WHERE f IS DISTINCT FROM x
						  AND convicted::numeric NOT IN (3 * national_convicted::numeric,
														 2 * national_convicted::numeric)) AS not_a_tie
  FROM (SELECT t.*, (:rule_float) AS f, (:rule_exact) AS x FROM bench.area_years AS t) AS c \gset
SELECT bench.assert(:not_a_tie = 0, format('the float rule and the exact rule differ on %s rows '
	'that are not exact ties', :not_a_tie)) \g /dev/null
\set g :rows
SELECT bench.check_same('classify', :'g', 'category() = (classify()).category', :'q_category', :'q_classify'),
	   bench.check_same('classify', :'g', 'category() = plain SQL, exact numeric', :'q_category', :'q_exact'),
	   bench.check_same('classify', :'g', 'plain SQL, float = PL/pgSQL', :'q_float', :'q_plpgsql'),
	   bench.check_same('classify', :'g', 'category() vs plain SQL, float: the exact ties',
						:'q_category', :'q_float', 2 * :ties_decided_wrongly),
	   bench.check_same('classify', :'g', 'category() vs PL/pgSQL: the exact ties',
						:'q_category', :'q_plpgsql', 2 * :ties_decided_wrongly) \g /dev/null

\echo '-- timing,' :rows 'rows,' :runs 'runs'
SELECT bench.record('classify', :'g',
	ARRAY['floor_ind', 'floor_cols', 'text', 'category', 'classify', 'exact', 'float', 'plpgsql'],
	ARRAY['floor: `(ind, list_year) IS NOT NULL`',
		  'floor: the 7 `float8` columns `IS NOT NULL`',
		  '`rules_for_year(list_year)` (C, returns text)',
		  '`category(ind, list_year)`',
		  '`(classify(ind, list_year)).category`',
		  'plain SQL, exact `numeric` tests',
		  'plain SQL, `float8` tests',
		  'PL/pgSQL function, `float8` tests'],
	ARRAY[:'q_floor_ind', :'q_floor_cols', :'q_text', :'q_category', :'q_classify',
		  :'q_exact', :'q_float', :'q_plpgsql'],
	:runs) \g /dev/null
DROP TABLE bench.area_years;
