-- tally: shares, and the criteria values (indicators) from two years of tallies
SET search_path = housing_areas, public;

-- convicted_share: percent of residents 18+; 100 * part / whole, rounded once
SELECT convicted_share('persons_18plus=1000 convicted_18plus=27') AS share,
       convicted_share('persons_18plus=1000 convicted_18plus=27') = 2.7 AS exactly_2_7;
SELECT convicted_share('persons_18plus=3 convicted_18plus=1'),
       convicted_share('persons_18plus=7 convicted_18plus=7'),
       convicted_share('persons_18plus=5'),
       convicted_share('residents=5') IS NULL AS none_18plus,
       convicted_share(NULL) IS NULL AS strict;
-- income_mean: mean gross income of taxpayers 15-64 (students excluded)
SELECT income_mean('taxpayers_15_64=4 income_sum=1000000'),
       income_mean('taxpayers_15_64=3 income_sum=100'),
       income_mean('taxpayers_15_64=2 income_sum=-5'),
       income_mean('residents=5') IS NULL AS no_taxpayers,
       income_mean(NULL) IS NULL AS strict;

-- to_indicators, worked out by hand: nonwestern 988 of 2000 = 49.4 %;
-- outside labour 562.5 of 1250 = 45 % this year and 550 of 1250 = 44 % the
-- year before, mean 44.5; convicted 30 of 1500 = 2 % and 36 of 1600 =
-- 2.25 %, mean 2.125; basic education 540 of 800 = 67.5 %; mean income
-- 180000000 / 1000 = 180000, 60 % of a regional mean of 300000
CREATE TABLE two_years (year int, t tally);
INSERT INTO two_years VALUES
  (2017, 'residents=1990 persons_18_64=1250 outside_labour_fte=550 persons_18plus=1600 convicted_18plus=36'),
  (2018, 'residents=2000 nonwestern=988 persons_18_64=1250 outside_labour_fte=562.5 persons_18plus=1500 convicted_18plus=30 persons_30_59=800 basic_education_30_59=540 taxpayers_15_64=1000 income_sum=180000000');
SELECT to_indicators(c.t, p.t, 0.65, 300000)
  FROM two_years c, two_years p WHERE c.year = 2018 AND p.year = 2017;
SELECT to_indicators(c.t, p.t, 0.65, 300000)
       = make_indicators(residents => 2000, nonwestern => 49.4, outside_labour => 44.5, convicted => 2.125,
                         national_convicted => 0.65, basic_education => 67.5, income => 60) AS as_by_hand
  FROM two_years c, two_years p WHERE c.year = 2018 AND p.year = 2017;

-- unknown where an argument is missing: no previous year (two-year values),
-- no national figure, no regional mean; NULL cur gives NULL
SELECT to_indicators(t, NULL, 0.65, 300000) AS no_prev FROM two_years WHERE year = 2018;
SELECT to_indicators(t, NULL, NULL, NULL) AS nothing_else FROM two_years WHERE year = 2018;
SELECT to_indicators(t) AS defaults FROM two_years WHERE year = 2018;
SELECT to_indicators(NULL, t, 0.65, 300000) IS NULL AS null_cur FROM two_years WHERE year = 2018;
-- unknown where a population is 0, in either year
SELECT to_indicators('residents=10 persons_18plus=10 convicted_18plus=1', t, 0.65, 300000) AS from_small
  FROM two_years WHERE year = 2018;
SELECT to_indicators(t, 'residents=10 persons_18plus=10 convicted_18plus=1', 0.65, 300000) AS prev_small
  FROM two_years WHERE year = 2018;
SELECT to_indicators('residents=0', 'residents=0', 0.65, 300000) AS empty_area;

-- from person rows: tallies per area and year, the previous year by lag(),
-- checked against the same figures computed in plain SQL
CREATE TABLE persons_by_year AS
SELECT 1 + g % 3 AS area, 2016 + (g / 3) % 3 AS year,
       (g * 37) % 91 AS age,
       (g * 11) % 7 < 3 AS nonwestern,
       ((g * 7) % 5) / 4.0::float8 AS outside_labour_fte,
       (g * 13) % 29 = 0 AS convicted,
       CASE WHEN g % 10 = 0 THEN NULL ELSE (g * 5) % 7 < 4 END AS basic_education,
       CASE WHEN (g * 37) % 91 < 15 THEN NULL ELSE 100000 + (g * 7919) % 300000 END::float8 AS gross_income,
       (g * 3) % 17 = 0 AS student
  FROM generate_series(1, 9000) AS g;
CREATE VIEW area_year_tally AS
SELECT area, year,
       tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
  FROM persons_by_year GROUP BY area, year;
SELECT area, year, to_indicators(t, lag(t) OVER w, 0.65, 260000)
  FROM area_year_tally
WINDOW w AS (PARTITION BY area ORDER BY year)
 ORDER BY area, year;
WITH plain AS (
  SELECT area, year,
         count(*) AS residents,
         100.0::float8 * count(*) FILTER (WHERE nonwestern) / count(*) AS nonwestern,
         100.0::float8 * sum(outside_labour_fte) FILTER (WHERE age BETWEEN 18 AND 64)
           / count(*) FILTER (WHERE age BETWEEN 18 AND 64) AS labour,
         100.0::float8 * count(*) FILTER (WHERE age >= 18 AND convicted)
           / count(*) FILTER (WHERE age >= 18) AS convicted,
         100.0::float8 * count(*) FILTER (WHERE age BETWEEN 30 AND 59 AND basic_education IS NOT FALSE)
           / count(*) FILTER (WHERE age BETWEEN 30 AND 59) AS basic_education,
         100 * (sum(gross_income) FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE)
           / count(*) FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE AND gross_income IS NOT NULL))
           / 260000 AS income
    FROM persons_by_year GROUP BY area, year),
expected AS (
  SELECT area, year,
         make_indicators(residents => residents::int, nonwestern => nonwestern,
                         outside_labour => (labour + lag(labour) OVER w) / 2,
                         convicted => (convicted + lag(convicted) OVER w) / 2,
                         national_convicted => 0.65, basic_education => basic_education,
                         income => income) AS ind
    FROM plain WINDOW w AS (PARTITION BY area ORDER BY year))
SELECT count(*) AS area_years,
       count(*) FILTER (WHERE e.ind = to_indicators(a.t, (SELECT t FROM area_year_tally p
                                                            WHERE p.area = a.area AND p.year = a.year - 1),
                                                    0.65, 260000)) AS agree
  FROM expected e JOIN area_year_tally a USING (area, year);

-- errors: regional_income must be a positive amount (checked even without taxpayers)
SELECT to_indicators(t, NULL, NULL, 0) FROM two_years WHERE year = 2018;
SELECT to_indicators('residents=5', NULL, NULL, -1);
SELECT to_indicators('residents=5', NULL, NULL, 'NaN');
SELECT to_indicators('residents=5', NULL, NULL, 'Infinity');
-- a mean income beyond 1000 % of the region: usually incomes and regional mean in different units
SELECT to_indicators(t, NULL, NULL, 300) FROM two_years WHERE year = 2018;
SELECT to_indicators('residents=1 taxpayers_15_64=1 income_sum=-5', NULL, NULL, 100);
-- national_convicted and residents take the ranges of indicators
SELECT to_indicators(t, NULL, 0, NULL) FROM two_years WHERE year = 2018;
SELECT to_indicators(t, NULL, 'NaN', NULL) FROM two_years WHERE year = 2018;
SELECT to_indicators(t, NULL, 100.5, NULL) FROM two_years WHERE year = 2018;
SELECT to_indicators('residents=10000001');
SELECT to_indicators('residents=10000000') AS largest;

DROP VIEW area_year_tally;
DROP TABLE two_years, persons_by_year;
