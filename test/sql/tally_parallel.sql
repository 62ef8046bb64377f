-- tally: parallel aggregation (partial states combined by tally_add) gives
-- exactly the serial result
SET search_path = housing_areas, public;

-- a regular table (parallel workers cannot read temporary tables); incomes
-- in whole kroner and exclusion in quarter years, so every sum is exact in
-- any order
\i test/fixtures/generated_persons.sql
CREATE TABLE par_persons AS
SELECT g AS id, 1 + (g * 31) % 199 AS area,
       age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student,
       CASE WHEN g % 17 = 0 THEN NULL ELSE g % 6 = 0 END AS menapt
  FROM pg_temp.generated_persons(200000, age_unknown => 89, age_factor => 17, age_modulus => 100,
                                 convicted_every => 19, income_modulus => 600000, income_offset => 20000);
ANALYZE par_persons;

-- the tally of all persons, and those of the areas, planned anew each time
CREATE VIEW par_total AS
SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
  FROM par_persons;
CREATE VIEW par_areas AS
SELECT area, tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
  FROM par_persons GROUP BY area;
-- with the MENAPT count (layout version 3 states combined)
CREATE VIEW par_menapt_areas AS
SELECT area, tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student, menapt) AS t
  FROM par_persons GROUP BY area;

-- serial
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT * FROM par_total;
SELECT t::text AS serial_total FROM par_total \gset
SELECT string_agg(area || ' ' || t::text, E'\n' ORDER BY area) AS serial_areas FROM par_areas \gset
SELECT sum(t)::text AS serial_sum FROM par_areas \gset
SELECT string_agg(area || ' ' || t::text, E'\n' ORDER BY area) AS serial_menapt FROM par_menapt_areas \gset

-- parallel, forced
\i test/fixtures/parallel.sql
CALL pg_temp.force_parallel(true);
EXPLAIN (COSTS OFF) SELECT * FROM par_total;
SELECT t::text AS parallel_total FROM par_total \gset
EXPLAIN (COSTS OFF) SELECT * FROM par_areas;
SELECT string_agg(area || ' ' || t::text, E'\n' ORDER BY area) AS parallel_areas FROM par_areas \gset
SELECT string_agg(area || ' ' || t::text, E'\n' ORDER BY area) AS parallel_menapt FROM par_menapt_areas \gset

-- sum(tally) runs in parallel too: the tallies of 2000 departments
CREATE TABLE par_departments AS
SELECT area, id % 10 AS department,
       tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
  FROM par_persons GROUP BY area, id % 10;
ANALYZE par_departments;
EXPLAIN (COSTS OFF) SELECT sum(t) FROM par_departments;
SELECT sum(t)::text AS parallel_sum FROM par_departments \gset

-- the parallel plans really ran in parallel
SELECT pg_temp.workers_launched('SELECT * FROM par_total') > 0 AS total_workers_launched,
       pg_temp.workers_launched('SELECT * FROM par_areas') > 0 AS areas_workers_launched,
       pg_temp.workers_launched('SELECT sum(t) FROM par_departments') > 0 AS sum_workers_launched;
SELECT :'serial_total' = :'parallel_total' AS total_same,
       :'serial_areas' = :'parallel_areas' AS areas_same,
       :'serial_sum' = :'parallel_sum' AS department_sum_same,
       :'serial_sum' = :'serial_total' AS areas_add_up;
SELECT :'parallel_total' AS total;
-- the MENAPT counts: the same in parallel, each area's the count of its rows
SELECT pg_temp.workers_launched('SELECT * FROM par_menapt_areas') > 0 AS menapt_workers_launched,
       :'serial_menapt' = :'parallel_menapt' AS menapt_areas_same;
SELECT count(*) AS areas,
       bool_and(tally_value(a.t, 'menapt') = p.n) AS menapt_counts_right
  FROM par_menapt_areas AS a
  JOIN (SELECT area, count(*) FILTER (WHERE menapt) AS n FROM par_persons GROUP BY area) AS p USING (area);
SELECT split_part(:'parallel_menapt', E'\n', 1) AS first_menapt_area;
-- the first areas
SELECT split_part(:'parallel_areas', E'\n', n) AS area_tally FROM generate_series(1, 3) AS n;

CALL pg_temp.force_parallel(false);
DROP VIEW par_total, par_areas, par_menapt_areas;
DROP TABLE par_persons, par_departments;
