-- tally: exact arithmetic with fractional data.  Full-time fractions and
-- incomes with decimals are rounded once per person (millionths of a
-- full-time person, øre; half away from zero, as round(numeric) does) and
-- then added as integers, so department sums, serial and parallel plans and
-- a federated sum through text all give the same tally bit for bit, and
-- the SQL reference in numeric agrees to the last digit
SET search_path = housing_areas, public;
SET extra_float_digits = 1;	-- float8::text is the shortest exact decimal (the default)

-- the issue's case: fractions such as 0.37 of a full-time person
SELECT tally_agg(40, NULL, f, NULL, NULL, NULL, NULL) AS three_persons
  FROM (VALUES (0.37::float8), (0.37), (0.37)) AS v(f);
SELECT sum(f) AS float8_sum, sum(f) = 1.11 AS float8_exact
  FROM (VALUES (0.37::float8), (0.37), (0.37)) AS v(f);
-- rounding to the unit: half away from zero, as the value reads
SELECT f AS outside_labour_fte, tally_value(tally_agg(40, NULL, f, NULL, NULL, NULL, NULL), 'outside_labour_fte') AS counted
  FROM (VALUES (0.0000005::float8), (0.0000015), (0.00000049999), (0.1234565), (512.0 / 1924)) AS v(f)
 GROUP BY f ORDER BY f;
SELECT i AS gross_income, tally_value(tally_agg(40, NULL, NULL, NULL, NULL, i, NULL), 'income_sum') AS counted
  FROM (VALUES (0.005::float8), (-0.005), (0.015), (2.675), (-2.675), (1000.004999), (100.0 / 3)) AS v(i)
 GROUP BY i ORDER BY i;

-- random persons with fractions, in departments of areas; a regular table
-- so that parallel workers can read it
-- a fresh seed each run (HA_TEST_SEED=<0..1> repeats one); shown on failure
\i test/fixtures/seed.sql
CREATE TABLE exact_persons AS
SELECT g AS id, 1 + (g * 7919) % 60 AS area, floor(r11 * 3)::int AS department,
       CASE WHEN r1 < 0.05 THEN NULL ELSE floor(r2 * 100)::int END AS age,
       r3 < 0.35 AS nonwestern,
       CASE floor(r4 * 7)::int
            WHEN 0 THEN NULL
            WHEN 1 THEN floor(r5 * 1925) / 1924                  -- hours of a 1924-hour year
            WHEN 2 THEN round(r5::numeric, 2)::float8            -- 0.37
            WHEN 3 THEN r5                                       -- 17 digits
            WHEN 4 THEN (floor(r5 * 1000000) + 0.5) / 1000000    -- half a millionth
            WHEN 5 THEN floor(r5 * 366) / 365                    -- days
            ELSE floor(r5 * 5) / 4 END AS outside_labour_fte,
       CASE WHEN r6 < 0.1 THEN NULL ELSE r6 < 0.03 END AS convicted,
       CASE WHEN r7 < 0.1 THEN NULL ELSE r7 < 0.55 END AS basic_education,
       CASE floor(r8 * 6)::int
            WHEN 0 THEN NULL
            WHEN 1 THEN round(r9 * 700000 - 20000)               -- kroner
            WHEN 2 THEN round((r9 * 700000 - 20000)::numeric, 2)::float8  -- øre
            WHEN 3 THEN r9 * 700000 - 20000                      -- 17 digits
            WHEN 4 THEN (floor(r9 * 70000000) + 0.5) / 100       -- half an øre
            ELSE r9 * 700000 * 12 / 7 END AS gross_income,
       r10 < 0.2 AS student
  FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
               random() AS r5, random() AS r6, random() AS r7, random() AS r8,
               random() AS r9, random() AS r10, random() AS r11
          FROM generate_series(1, 120000) AS g) AS s;
ANALYZE exact_persons;

-- the SQL reference: count(*) FILTER and sum() FILTER in numeric, each
-- person's fraction rounded as written (float8::text is its shortest
-- decimal) with round(numeric), half away from zero; laid out as the
-- canonical text of a tally
CREATE VIEW exact_reference AS
SELECT area,
       format('residents=%s nonwestern=%s persons_18_64=%s outside_labour_fte=%s persons_18plus=%s '
              'convicted_18plus=%s persons_30_59=%s basic_education_30_59=%s taxpayers_15_64=%s income_sum=%s',
              count(*), count(*) FILTER (WHERE nonwestern),
              count(*) FILTER (WHERE age BETWEEN 18 AND 64),
              trim_scale(coalesce(sum(round(outside_labour_fte::text::numeric, 6))
                                    FILTER (WHERE age BETWEEN 18 AND 64), 0)),
              count(*) FILTER (WHERE age >= 18),
              count(*) FILTER (WHERE age >= 18 AND convicted),
              count(*) FILTER (WHERE age BETWEEN 30 AND 59),
              count(*) FILTER (WHERE age BETWEEN 30 AND 59 AND basic_education IS NOT FALSE),
              count(*) FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE AND gross_income IS NOT NULL),
              trim_scale(coalesce(sum(round(gross_income::text::numeric, 2))
                                    FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE), 0))) AS t
  FROM exact_persons GROUP BY area;

-- serial: tallies of areas, of departments, and of everybody
SET max_parallel_workers_per_gather = 0;
CREATE TABLE exact_serial AS
SELECT area, tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
  FROM exact_persons GROUP BY area;
CREATE TABLE exact_departments AS
SELECT area, department,
       tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
  FROM exact_persons GROUP BY area, department;
SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)::text AS serial_total
  FROM exact_persons \gset

-- every area: the tally is the SQL reference to the last digit, and the
-- sum of its three departments, in any order, is the area's tally
SELECT count(*) AS areas,
       CASE WHEN count(*) FILTER (WHERE s.t::text = r.t) = count(*) THEN 'all agree'
            ELSE 'disagreements with HA_TEST_SEED=' || :'seed' END AS reference,
       CASE WHEN count(*) FILTER (WHERE d.by_id = s.t AND d.reversed = s.t AND d.plus = s.t
                                    AND d.through_text = s.t) = count(*) THEN 'all add up'
            ELSE 'department sums differ with HA_TEST_SEED=' || :'seed' END AS departments
  FROM exact_serial AS s
  JOIN exact_reference AS r USING (area)
  JOIN (SELECT area,
               sum(t ORDER BY department) AS by_id,
               sum(t ORDER BY department DESC) AS reversed,
               (array_agg(t ORDER BY department))[2] + (array_agg(t ORDER BY department))[3]
                 + (array_agg(t ORDER BY department))[1] AS plus,
               -- as a federated query gets them: remote tallies arrive as text
               sum(t::text::tally ORDER BY department DESC) AS through_text
          FROM exact_departments GROUP BY area) AS d USING (area);
-- float8 sums of the same fractions depend on the grouping (what the issue saw)
SELECT count(*) FILTER (WHERE whole <> by_department) > 0 AS float8_depends_on_grouping
  FROM (SELECT area, sum(outside_labour_fte) AS whole FROM exact_persons GROUP BY area) AS w
  JOIN (SELECT area, sum(s) AS by_department
          FROM (SELECT area, department, sum(outside_labour_fte) AS s
                  FROM exact_persons GROUP BY area, department) AS d
         GROUP BY area) AS d USING (area);

-- the criteria values from the exact integers: each share the float8
-- nearest the exact quotient (numeric with 40 decimals, then float8), the
-- two-year mean and the income ratio as to_indicators computes them; the
-- departments 0 and 1 stand in for two years
WITH y AS (
  SELECT area, department AS year, t FROM exact_departments WHERE department < 2),
shares AS (
  SELECT area, year, t,
         tally_value(t, 'residents')::numeric AS residents,
         (tally_value(t, 'nonwestern')::numeric(60, 40) * 100 / tally_value(t, 'residents')::numeric)::float8 AS nonwestern,
         (split_part(split_part(t::text, 'outside_labour_fte=', 2), ' ', 1)::numeric(60, 40) * 100
            / nullif(tally_value(t, 'persons_18_64'), 0)::numeric)::float8 AS labour,
         (tally_value(t, 'convicted_18plus')::numeric(60, 40) * 100
            / nullif(tally_value(t, 'persons_18plus'), 0)::numeric)::float8 AS convicted,
         (tally_value(t, 'basic_education_30_59')::numeric(60, 40) * 100
            / nullif(tally_value(t, 'persons_30_59'), 0)::numeric)::float8 AS basic_education,
         (split_part(t::text, 'income_sum=', 2)::numeric(60, 40)
            / nullif(tally_value(t, 'taxpayers_15_64'), 0)::numeric)::float8 AS income_mean
    FROM y)
SELECT count(*) AS area_years,
       CASE WHEN count(*) FILTER (WHERE
              to_indicators(c.t, p.t, 0.65, 300000)
              = make_indicators(residents => c.residents::int, nonwestern => c.nonwestern,
                                outside_labour => (c.labour + p.labour) / 2,
                                convicted => (c.convicted + p.convicted) / 2,
                                national_convicted => 0.65, basic_education => c.basic_education,
                                income => 100 * c.income_mean / 300000)
              AND income_mean(c.t) = c.income_mean
              AND convicted_share(c.t) = c.convicted) = count(*) THEN 'all agree'
            ELSE 'disagreements with HA_TEST_SEED=' || :'seed' END AS indicators
  FROM shares AS c JOIN shares AS p ON p.area = c.area AND p.year = 0 AND c.year = 1;

-- parallel, forced: the same tallies, bit for bit
\i test/fixtures/parallel.sql
CALL pg_temp.force_parallel(true);
SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)::text AS parallel_total
  FROM exact_persons \gset
SELECT pg_temp.workers_launched($$SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
  FROM exact_persons$$) > 0 AS total_workers_launched,
       pg_temp.workers_launched($$SELECT area, tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
  FROM exact_persons GROUP BY area$$) > 0 AS areas_workers_launched;
SELECT count(*) AS areas,
       count(*) FILTER (WHERE p.t = s.t AND p.t::text = s.t::text) = count(*) AS areas_same,
       :'serial_total' = :'parallel_total' AS total_same,
       (SELECT sum(t) FROM exact_serial)::text = :'serial_total' AS areas_add_up,
       (SELECT sum(t) FROM exact_departments)::text = :'serial_total' AS departments_add_up
  FROM (SELECT area, tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
          FROM exact_persons GROUP BY area) AS p
  JOIN exact_serial AS s USING (area);
CALL pg_temp.force_parallel(false);

-- sums that would leave their range are errors naming the key, never a wrap
SELECT 'taxpayers_15_64=1 income_sum=92233720368547758.07'::tally + 'taxpayers_15_64=1 income_sum=0.01'::tally;
SELECT 'taxpayers_15_64=1 income_sum=-92233720368547758.07'::tally + 'taxpayers_15_64=1 income_sum=-0.01'::tally;
SELECT 'persons_18_64=9007199254740991 outside_labour_fte=9223372036854.775807'::tally
       + 'persons_18_64=0 outside_labour_fte=0'::tally AS largest_fte;
SELECT 'persons_18_64=9007199254740990 outside_labour_fte=9223372036854.775807'::tally
       + 'persons_18_64=1 outside_labour_fte=0.000001'::tally;
SELECT tally_agg(40, NULL, NULL, NULL, NULL, 1e15, NULL) FROM generate_series(1, 93);
SELECT tally_value(tally_agg(40, NULL, NULL, NULL, NULL, 1e15, NULL), 'income_sum') AS ninety_two
  FROM generate_series(1, 92);

DROP VIEW exact_reference;
DROP TABLE exact_persons, exact_serial, exact_departments;
