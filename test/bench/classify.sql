-- Classify benchmark: category() over n area-years (psql variable rows)
-- against a bare count(*) scan of the same table (the floor), the same rule
-- as a plain SQL expression over double precision columns, and a PL/pgSQL
-- function (what an analyst writes today). All three implement dk2021 on
-- list years 2021-2025; the data has no missing values, so all three can
-- agree (three-valued logic is the extension's alone).
\set ON_ERROR_STOP on
\pset footer off
SET search_path = housing_areas, public;
SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.7);
DROP TABLE IF EXISTS bench.area_years;
CREATE TABLE bench.area_years AS
SELECT i AS id, 2021 + (i % 5)::int AS list_year,
       round((800 + random() * 4000)::numeric)::float8 AS residents,
       round((random() * 90)::numeric, 1)::float8 AS nonwestern,
       round((15 + random() * 40)::numeric, 1)::float8 AS outside_labour,
       round((random() * 3)::numeric, 2)::float8 AS convicted,
       (ARRAY[0.55, 0.6, 0.65, 0.7, 0.75])[1 + (i % 5)]::float8 AS national_convicted,
       round((30 + random() * 45)::numeric, 1)::float8 AS basic_education,
       round((35 + random() * 60)::numeric, 1)::float8 AS income
  FROM generate_series(1, :rows) AS i;
ALTER TABLE bench.area_years ADD COLUMN ind indicators;
UPDATE bench.area_years SET ind = make_indicators(residents::int, nonwestern, outside_labour, convicted,
                                                  national_convicted, basic_education, income);
VACUUM FREEZE ANALYZE bench.area_years;
SELECT count(*) AS rows, pg_size_pretty(pg_table_size('bench.area_years')) AS size FROM bench.area_years;

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

\set plain_sql 'CASE WHEN residents < 1000 THEN ''none'' WHEN (outside_labour > 40)::int + (convicted >= 3 * national_convicted)::int + (basic_education > 60)::int + (income < 55)::int >= 2 THEN CASE WHEN nonwestern > 50 THEN ''parallelsamfund'' ELSE ''udsat'' END WHEN nonwestern > 30 AND (outside_labour > 30)::int + (convicted >= 2 * national_convicted)::int + (basic_education > 60)::int + (income < 65)::int >= 2 THEN ''forebyggelse'' ELSE ''none'' END'

-- the same answers (the plain versions compare 3 x national in binary
-- floating point, so they can differ at exact boundaries: counted here)
SELECT category(ind, list_year) AS category, count(*) AS extension,
       count(*) FILTER (WHERE :plain_sql = category(ind, list_year)) AS plain_sql_agrees,
       count(*) FILTER (WHERE bench.category_plpgsql(residents, nonwestern, outside_labour, convicted,
                                                   national_convicted, basic_education, income)
                              = category(ind, list_year)) AS plpgsql_agrees
  FROM bench.area_years GROUP BY 1 ORDER BY 1;

\set q_floor 'SELECT count(*) FROM bench.area_years'
\set q_ext 'SELECT count(*) FROM bench.area_years WHERE category(ind, list_year) <> ''none'''
\set q_classify 'SELECT count(*) FROM bench.area_years WHERE (classify(ind, list_year)).category <> ''none'''
SELECT format('SELECT count(*) FROM bench.area_years WHERE (%s) <> ''none''', :'plain_sql') AS q_sql \gset
\set q_plpgsql 'SELECT count(*) FROM bench.area_years WHERE bench.category_plpgsql(residents, nonwestern, outside_labour, convicted, national_convicted, basic_education, income) <> ''none'''

WITH t AS (
	SELECT * FROM bench.times(ARRAY['count(*) (floor)', 'category(ind, year)', '(classify(ind, year)).category',
									'plain SQL expression', 'PL/pgSQL function'],
							  ARRAY[:'q_floor', :'q_ext', :'q_classify', :'q_sql', :'q_plpgsql'],
							  CASE WHEN :rows > 2000000 THEN 3 ELSE 5 END)
)
SELECT :rows AS rows, t.what, round(t.ms::numeric, 1) AS ms,
	   round((t.ms * 1e6 / :rows)::numeric, 1) AS ns_per_row,
	   round((t.ms / (SELECT ms FROM t WHERE ord = 1))::numeric, 2) AS vs_floor,
	   round((t.ms / (SELECT ms FROM t WHERE ord = 2))::numeric, 2) AS vs_category
  FROM t ORDER BY t.ord;
