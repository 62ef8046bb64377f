-- Tally benchmark (psql variables rows, areas, runs): tally_agg over `rows`
-- person rows grouped by area, against the same counts written as plain
-- SQL (count/sum with FILTER) and a floor that reads the same columns with
-- the same scan and grouping, with 0 and with 2 parallel workers and with
-- JIT forced on.  Checks under each setting, then times; the results go to
-- bench.results and bench.checks (bench 'tally', group = setting).
\set ON_ERROR_STOP on
\pset footer off
SELECT setseed(0.42) \g /dev/null
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench.persons;
RESET client_min_messages;
-- area sizes vary (about 1:4), ages 0-99, about a third non-Western,
-- labour-market exclusion in quarter years, some unknown education and
-- incomes, students among the young
CREATE TABLE bench.persons AS
SELECT area_id, age,
       random() < 0.3 AS nonwestern,
       CASE WHEN age BETWEEN 18 AND 64 AND random() < 0.4
            THEN (1 + floor(random() * 4)) / 4 ELSE 0 END::float8 AS outside_labour_fte,
       age >= 15 AND random() < 0.02 AS convicted,
       CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.5 END AS basic_education,
       CASE WHEN age < 15 OR random() < 0.05 THEN NULL
            ELSE round(random() * 600000 - 20000) END::float8 AS gross_income,
       age BETWEEN 15 AND 29 AND random() < 0.3 AS student
  FROM (SELECT 1 + (floor(sqrt(random()) * :areas))::int AS area_id,
               floor(random() * 100)::int AS age
          FROM generate_series(1, :rows)) AS g;
VACUUM (FREEZE, ANALYZE) bench.persons;
SELECT pg_prewarm('bench.persons') \g /dev/null

-- The floor: the same scan, columns and grouping with the cheapest
-- aggregate, over a cheap test of every column tally_agg reads, so that
-- the floor deforms what the two queries deform.
\set q_floor 'SELECT area_id, count(*) FILTER (WHERE (age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) IS NOT NULL) FROM bench.persons GROUP BY area_id'
-- tally_agg, with the counts taken out of the tally (198 groups: nothing
-- next to the aggregation), so that both queries return the same rows
\set q_tally 'SELECT area_id, tally_value(t, ''residents''), tally_value(t, ''nonwestern''), tally_value(t, ''persons_18_64''), tally_value(t, ''outside_labour_fte''), tally_value(t, ''persons_18plus''), tally_value(t, ''convicted_18plus''), tally_value(t, ''persons_30_59''), tally_value(t, ''basic_education_30_59''), tally_value(t, ''taxpayers_15_64''), tally_value(t, ''income_sum'') FROM (SELECT area_id, housing_areas.tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t FROM bench.persons GROUP BY area_id) AS g'
\set q_plain 'SELECT area_id, count(*) AS residents, count(*) FILTER (WHERE nonwestern) AS nonwestern, count(*) FILTER (WHERE age BETWEEN 18 AND 64) AS persons_18_64, coalesce(sum(outside_labour_fte) FILTER (WHERE age BETWEEN 18 AND 64), 0) AS outside_labour_fte, count(*) FILTER (WHERE age >= 18) AS persons_18plus, count(*) FILTER (WHERE age >= 18 AND convicted) AS convicted_18plus, count(*) FILTER (WHERE age BETWEEN 30 AND 59) AS persons_30_59, count(*) FILTER (WHERE age BETWEEN 30 AND 59 AND basic_education IS NOT FALSE) AS basic_education_30_59, count(*) FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE AND gross_income IS NOT NULL) AS taxpayers_15_64, coalesce(sum(gross_income) FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE), 0) AS income_sum FROM bench.persons GROUP BY area_id'
SET search_path = housing_areas, public;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
-- a small table gets workers too (a large one gets 2 either way)
SET min_parallel_table_scan_size = 0;

\set keys '{floor,tally,plain}'
\set labels '{"floor: `count(*) FILTER (WHERE (…the 7 columns…) IS NOT NULL)`","`tally_agg(…)`","plain SQL: `count(*)` / `sum(…)` `FILTER (…)`"}'
SELECT ARRAY[:'q_floor', :'q_tally', :'q_plain'] AS queries \gset

\echo '-- 0 workers: checking, then timing'
SET max_parallel_workers_per_gather = 0;
SELECT bench.check_same('tally', '0 workers', 'tally_agg = plain SQL', :'q_tally', :'q_plain') \g /dev/null
SELECT bench.record('tally', '0 workers', :'keys', :'labels', :'queries', :runs) \g /dev/null

\echo '-- 2 workers: checking, then timing'
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) :q_tally;
SELECT bench.workers_launched(:'q_floor') AS w_floor, bench.workers_launched(:'q_tally') AS w_tally,
	   bench.workers_launched(:'q_plain') AS w_plain \gset
SELECT bench.assert(:w_tally > 0 AND :w_plain > 0,
					'no parallel workers were launched with max_parallel_workers_per_gather = 2') \g /dev/null
DELETE FROM bench.notes WHERE bench = 'tally';
INSERT INTO bench.notes (bench, note)
VALUES ('tally', format('Parallel workers launched by one execution with max_parallel_workers_per_gather = 2 '
						'(checked before timing): floor %s, `tally_agg` %s, plain SQL %s.',
						:w_floor, :w_tally, :w_plain));
SELECT bench.check_same('tally', '2 workers', 'tally_agg = plain SQL', :'q_tally', :'q_plain') \g /dev/null
SELECT bench.record('tally', '2 workers', :'keys', :'labels', :'queries', :runs) \g /dev/null

\echo '-- 0 workers, JIT forced on: checking, then timing'
-- as a server with LLVM uses it on bigger queries: compiled expressions
-- and deforming, with inlining and optimisation (thresholds 0 here)
SET max_parallel_workers_per_gather = 0;
SET jit = on;
SET jit_above_cost = 0;
SET jit_inline_above_cost = 0;
SET jit_optimize_above_cost = 0;
SELECT bench.assert(bench.jit_functions(:'q_tally') > 0 AND bench.jit_functions(:'q_plain') > 0,
					'JIT did not compile anything with jit = on (is llvmjit installed?)') \g /dev/null
SELECT bench.check_same('tally', '0 workers, JIT', 'tally_agg = plain SQL', :'q_tally', :'q_plain') \g /dev/null
SELECT bench.record('tally', '0 workers, JIT', :'keys', :'labels', :'queries', :runs) \g /dev/null
