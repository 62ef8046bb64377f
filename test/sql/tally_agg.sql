-- tally: tally_agg over person rows, + and sum(tally)
SET search_path = housing_areas, public;

-- eleven residents, worked out by hand (see the comments per row)
CREATE TABLE household (id int, age int, nonwestern bool, outside_labour_fte float8,
                        convicted bool, basic_education bool, gross_income float8, student bool);
INSERT INTO household VALUES
  (1,    4, false, NULL, NULL,  NULL,  NULL,   NULL),   -- child: a resident only
  (2,   16, true,  NULL, false, NULL,  12000,  true),   -- student: no taxpayer here
  (3,   17, true,  NULL, NULL,  NULL,  30000,  false),  -- taxpayer 15-64, not 18+
  (4,   25, false, 0.25, true,  NULL,  210000, NULL),   -- 18-64, convicted, taxpayer
  (5,   34, true,  1,    false, true,  0,      false),  -- 30-59 basic, taxpayer with 0
  (6,   45, NULL,  0.5,  NULL,  NULL,  380000, false),  -- unknown education is basic
  (7,   59, false, 0,    false, false, -15000, false),  -- educated; a loss
  (8,   60, false, NULL, true,  true,  250000, NULL),   -- 60: not in 30-59
  (9,   64, true,  0.75, false, NULL,  NULL,   false),  -- no taxpayer record
  (10,  65, false, 1,    true,  true,  300000, false),  -- 65: 18+ only
  (11, NULL, true, 1,    true,  true,  500000, false);  -- unknown age: in no band
-- residents 11; nonwestern 2,3,5,9,11 = 5; persons_18_64 4-9 = 6;
-- outside_labour_fte 0.25+1+0.5+0+0+0.75 = 2.5; persons_18plus 4-10 = 7;
-- convicted_18plus 4,8,10 = 3; persons_30_59 5,6,7 = 3; basic 5,6 = 2;
-- taxpayers_15_64 3,4,5,6,7,8 = 6; income_sum 30000+210000+0+380000-15000+250000 = 855000
SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
  FROM household;
SELECT convicted_share(t), income_mean(t)
  FROM (SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
          FROM household) AS s;

-- what a NULL means, one argument at a time (a person aged 40 otherwise)
SELECT label, tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
  FROM (VALUES
    (1, 'all known',              40,   true, 0.5::float8, true, true,  1000::float8, false),
    (2, 'age NULL',               NULL, true, 0.5,         true, true,  1000,         false),
    (3, 'nonwestern NULL',        40,   NULL, 0.5,         true, true,  1000,         false),
    (4, 'outside_labour_fte NULL',40,   true, NULL,        true, true,  1000,         false),
    (5, 'convicted NULL',         40,   true, 0.5,         NULL, true,  1000,         false),
    (6, 'basic_education NULL',   40,   true, 0.5,         true, NULL,  1000,         false),
    (7, 'basic_education false',  40,   true, 0.5,         true, false, 1000,         false),
    (8, 'gross_income NULL',      40,   true, 0.5,         true, true,  NULL,         false),
    (9, 'student NULL',           40,   true, 0.5,         true, true,  1000,         NULL),
    (10, 'student true',           40,   true, 0.5,         true, true,  1000,         true),
    (11, 'everything NULL',        NULL, NULL, NULL,        NULL, NULL,  NULL,         NULL)
  ) AS p(n, label, age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
 GROUP BY n, label ORDER BY n;

-- the age bands (inclusive): 18-64 labour, 18+ convictions, 30-59 education,
-- 15-64 income; every flag set, so each sub-count follows its band
SELECT age, tally_value(t, 'persons_18_64') AS "18_64", tally_value(t, 'outside_labour_fte') AS fte,
       tally_value(t, 'persons_18plus') AS "18plus", tally_value(t, 'convicted_18plus') AS convicted,
       tally_value(t, 'persons_30_59') AS "30_59", tally_value(t, 'basic_education_30_59') AS basic,
       tally_value(t, 'taxpayers_15_64') AS taxpayers, tally_value(t, 'income_sum') AS income
  FROM (SELECT age, tally_agg(age, true, 1, true, true, 1000, false) AS t
          FROM unnest(ARRAY[0, 14, 15, 17, 18, 29, 30, 59, 60, 64, 65, 100, 150]) AS age
         GROUP BY age) AS s
 ORDER BY age;

-- no rows: NULL, like sum(); sum(tally) skips NULL tallies
SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) IS NULL AS no_rows
  FROM household WHERE false;
SELECT sum(t) FROM (VALUES (NULL::tally), (NULL)) AS v(t);
SELECT sum(t) FROM (VALUES ('residents=2'::tally), (NULL), ('residents=3 nonwestern=3')) AS v(t);

-- + adds every field; called outside an aggregate it leaves its inputs alone
SELECT a, a + b AS sum, a AS a_again, a + b = b + a AS commutes
  FROM (SELECT 'residents=3 nonwestern=1 persons_18_64=2 outside_labour_fte=0.75 taxpayers_15_64=2 income_sum=500'::tally AS a,
               'residents=4 nonwestern=4 persons_18_64=1 outside_labour_fte=1 persons_30_59=2 basic_education_30_59=1 taxpayers_15_64=1 income_sum=-100.5'::tally AS b) AS x;
SELECT s AS state, housing_areas_private.tally_agg_step(s, 40, true, 0.5, true, NULL, 1000, false) AS stepped, s AS state_again
  FROM (SELECT 'residents=1'::tally AS s) AS x;
SELECT housing_areas_private.tally_agg_step(NULL, 40, true, 0.5, true, NULL, 1000, false) AS from_null;

-- as a window function: a running tally, and a moving frame of two rows
SELECT id, tally_value(tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
                       OVER (ORDER BY id), 'residents') AS running_residents,
       tally_value(tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
                       OVER (ORDER BY id), 'income_sum') AS running_income,
       tally_value(tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
                       OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), 'residents') AS last_two
  FROM household ORDER BY id;

-- generated persons (deterministic), with NULLs in every nullable column
\i test/fixtures/generated_persons.sql
CREATE TABLE gen_persons AS
SELECT g AS id, 1 + (g * 7) % 23 AS area, 1 + (g / 23) % 4 AS department,
       age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student
  FROM pg_temp.generated_persons(30000, age_unknown => 97, age_factor => 13, age_modulus => 101,
                                 convicted_every => 17, income_modulus => 500000, income_offset => 50000);

-- the same figures in plain SQL (FILTER), with the NULL meanings spelled out
CREATE VIEW gen_plain AS
SELECT area,
       count(*) AS residents,
       count(*) FILTER (WHERE nonwestern) AS nonwestern,
       count(*) FILTER (WHERE age BETWEEN 18 AND 64) AS persons_18_64,
       coalesce(sum(outside_labour_fte) FILTER (WHERE age BETWEEN 18 AND 64), 0) AS outside_labour_fte,
       count(*) FILTER (WHERE age >= 18) AS persons_18plus,
       count(*) FILTER (WHERE age >= 18 AND convicted) AS convicted_18plus,
       count(*) FILTER (WHERE age BETWEEN 30 AND 59) AS persons_30_59,
       count(*) FILTER (WHERE age BETWEEN 30 AND 59 AND basic_education IS NOT FALSE) AS basic_education_30_59,
       count(*) FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE AND gross_income IS NOT NULL) AS taxpayers_15_64,
       coalesce(sum(gross_income) FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE), 0) AS income_sum
  FROM gen_persons GROUP BY area;
CREATE VIEW gen_tally AS
SELECT area, tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
  FROM gen_persons GROUP BY area;

SELECT count(*) AS areas,
       count(*) FILTER (WHERE tally_value(t, 'residents') = p.residents
                          AND tally_value(t, 'nonwestern') = p.nonwestern
                          AND tally_value(t, 'persons_18_64') = p.persons_18_64
                          AND tally_value(t, 'outside_labour_fte') = p.outside_labour_fte
                          AND tally_value(t, 'persons_18plus') = p.persons_18plus
                          AND tally_value(t, 'convicted_18plus') = p.convicted_18plus
                          AND tally_value(t, 'persons_30_59') = p.persons_30_59
                          AND tally_value(t, 'basic_education_30_59') = p.basic_education_30_59
                          AND tally_value(t, 'taxpayers_15_64') = p.taxpayers_15_64
                          AND tally_value(t, 'income_sum') = p.income_sum) AS all_ten_agree,
       count(*) FILTER (WHERE convicted_share(t) = 100.0 * p.convicted_18plus / p.persons_18plus
                          AND income_mean(t) = p.income_sum / p.taxpayers_15_64) AS shares_agree
  FROM gen_tally JOIN gen_plain p USING (area);
-- the whole population both ways
SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
  FROM gen_persons;
SELECT sum(residents) AS residents, sum(nonwestern) AS nonwestern, sum(persons_18_64) AS persons_18_64,
       sum(outside_labour_fte) AS outside_labour_fte, sum(persons_18plus) AS persons_18plus,
       sum(convicted_18plus) AS convicted_18plus, sum(persons_30_59) AS persons_30_59,
       sum(basic_education_30_59) AS basic_education_30_59, sum(taxpayers_15_64) AS taxpayers_15_64,
       sum(income_sum) AS income_sum
  FROM gen_plain;

-- department tallies add up: the sum of an area's departments is the tally
-- of all its persons, and so is + over them
WITH dept AS (
  SELECT area, department,
         tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
    FROM gen_persons GROUP BY area, department)
SELECT count(*) AS areas,
       count(*) FILTER (WHERE d.n = 4) AS with_four_departments,
       count(*) FILTER (WHERE d.total = g.t) AS departments_add_up,
       count(*) FILTER (WHERE d.t1 + d.t2 + d.t3 + d.t4 = g.t AND d.t4 + d.t3 + d.t2 + d.t1 = g.t) AS plus_adds_up
  FROM (SELECT area, count(*) AS n, sum(t) AS total,
               sum(t) FILTER (WHERE department = 1) AS t1,
               sum(t) FILTER (WHERE department = 2) AS t2,
               sum(t) FILTER (WHERE department = 3) AS t3,
               sum(t) FILTER (WHERE department = 4) AS t4
          FROM dept GROUP BY area) AS d
  JOIN gen_tally g USING (area);
-- and the sum of all department tallies is the tally of everybody
SELECT (SELECT sum(t) FROM (SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education,
                                             gross_income, student) AS t
                              FROM gen_persons GROUP BY area, department) AS d)
     = (SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
          FROM gen_persons) AS everybody_adds_up;

-- invalid person values are errors, as psql shows them
SELECT tally_agg(-1, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT tally_agg(1985, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT tally_agg(40, NULL, 1.5, NULL, NULL, NULL, NULL);
SELECT tally_agg(40, NULL, 'NaN', NULL, NULL, NULL, NULL);
SELECT tally_agg(40, NULL, NULL, NULL, NULL, 'Infinity', NULL);
-- one bad row stops the aggregate, wherever it is
SELECT tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)
  FROM (SELECT * FROM household UNION ALL
        SELECT 12, 130 + 30, NULL, NULL, NULL, NULL, NULL, NULL) AS h;

-- SQLSTATE of each, through a helper that never lets an error escape
CREATE FUNCTION pg_temp.try(query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  result text;
  st text; msg text; det text;
BEGIN
  EXECUTE query INTO result;
  RETURN 'ok: ' || result;
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
  RETURN st || ': ' || msg || coalesce(' | ' || nullif(det, ''), '');
END $$;

SELECT args, pg_temp.try(format('SELECT tally_value(tally_agg(%s), ''residents'') FROM (VALUES (1)) AS v', args)) AS result
  FROM (VALUES ('0, NULL, NULL, NULL, NULL, NULL, NULL'),
               ('150, NULL, NULL, NULL, NULL, NULL, NULL'),
               ('-1, NULL, NULL, NULL, NULL, NULL, NULL'),
               ('151, NULL, NULL, NULL, NULL, NULL, NULL'),
               ('-2147483648, NULL, NULL, NULL, NULL, NULL, NULL'),
               ('40, NULL, 0, NULL, NULL, NULL, NULL'),
               ('40, NULL, 1, NULL, NULL, NULL, NULL'),
               ('40, NULL, 1.0000000000000002, NULL, NULL, NULL, NULL'),
               ('40, NULL, -0.25, NULL, NULL, NULL, NULL'),
               ('40, NULL, ''-0'', NULL, NULL, NULL, NULL'),
               ('40, NULL, ''NaN'', NULL, NULL, NULL, NULL'),
               ('40, NULL, ''Infinity'', NULL, NULL, NULL, NULL'),
               ('80, NULL, 2, NULL, NULL, NULL, NULL'),
               ('NULL, NULL, 2, NULL, NULL, NULL, NULL'),
               ('40, NULL, NULL, NULL, NULL, ''NaN'', NULL'),
               ('40, NULL, NULL, NULL, NULL, ''-Infinity'', NULL'),
               ('10, NULL, NULL, NULL, NULL, ''Infinity'', NULL'),
               ('40, NULL, NULL, NULL, NULL, 1e308, NULL'),
               ('40, NULL, NULL, NULL, NULL, -1e308, NULL'),
               ('40, NULL, NULL, NULL, NULL, 1e15, NULL'),
               ('40, NULL, NULL, NULL, NULL, -1000000000000000.1, NULL'),
               ('40, NULL, 0.0000005, NULL, NULL, 0.005, NULL'),
               ('40, NULL, 1e-310, NULL, NULL, 1e-310, NULL')) AS t(args);

-- counts and sums that would leave their range
SELECT 'residents=9007199254740991'::tally + 'residents=1'::tally;
SELECT sum(t) FROM (VALUES ('residents=9007199254740991'::tally), ('residents=1')) AS v(t);
SELECT 'taxpayers_15_64=1 income_sum=92233720368547758.07'::tally + 'taxpayers_15_64=1 income_sum=0.01'::tally;
SELECT housing_areas_private.tally_agg_step('residents=9007199254740991', 40, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT tally_agg(age, NULL, NULL, NULL, NULL, income, NULL)
  FROM (VALUES (40, 1e15::float8), (41, 1e15)) AS v(age, income), generate_series(1, 47);

DROP VIEW gen_tally, gen_plain;
DROP TABLE household, gen_persons;
