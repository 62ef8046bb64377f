-- The demo: classify a handful of example areas with every rule version.
-- Worked cases use the values the press reported from ministry data; the
-- other areas are illustrative.
\pset footer off
CREATE EXTENSION housing_areas CASCADE;
SET search_path = housing_areas, public;

\echo
\echo '== Example areas and their indicators'
CREATE TABLE demo_area (name text, list_year int, ind indicators);
INSERT INTO demo_area VALUES
  ('Korskærparken, Fredericia', 2018, 'residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 basic_education=67.4 income=61.8'),
  ('Korskærparken, Fredericia', 2019, 'residents=1962 nonwestern=50.1 outside_labour=44.6 basic_education=67.4'),
  ('Gellerupparken/Toveshøj, Aarhus', 2015, 'residents=6464 nonwestern=80.6 outside_labour=51.9 convicted=3.1 basic_education=66 income=45'),
  ('Mjølnerparken, København (966 residents)', 2023, 'residents=966 nonwestern=82 outside_labour=48 convicted=2.1 national_convicted=0.6 basic_education=68 income=47'),
  ('Illustrative: prevention area', 2024, 'residents=2400 nonwestern=41 outside_labour=33 convicted=0.9 national_convicted=0.6 basic_education=62 income=71'),
  ('Illustrative: suppressed values', 2024, 'residents=1500 nonwestern=55 outside_labour=43');
SELECT name, list_year, ind FROM demo_area;

\echo
\echo '== Classification by the rules of each list year'
SELECT a.name, a.list_year AS year, c.rules, c.category,
       category_label(c.category, a.list_year) AS legal_name,
       c.criteria_met AS met, c.criteria_unknown AS unknown,
       c.kombineret_udlejning AS kombineret
  FROM demo_area AS a, LATERAL classify(a.ind, a.list_year) AS c;

\echo
\echo '== Why: margins of Korskærparken 2018 (distance > 0 means the criterion holds)'
SELECT m.category, m.criterion, m.value, m.operator, m.threshold, m.met, m.distance
  FROM demo_area AS a, LATERAL margins(a.ind, a.list_year) AS m
 WHERE a.name LIKE 'Korskær%' AND a.list_year = 2018;

\echo
\echo '== What if: the Korskærparken 2018 values under every rule version'
SELECT r AS rules, (classify(ind, 2018, r)).category
  FROM demo_area, unnest(ARRAY['dk2010', 'dk2013', 'dk2018', 'dk2021']) AS r
 WHERE name LIKE 'Korskær%' AND list_year = 2018;

\echo
\echo '== History: a ghetto on every list 2016-2020 becomes an omdannelsesområde (hard ghetto) in 2020'
SELECT list_year, years_on_list(true, list_year) OVER w AS years,
       omdannelse(years_on_list(true, list_year) OVER w, list_year) AS omdannelse
  FROM generate_series(2016, 2020) AS list_year
WINDOW w AS (ORDER BY list_year);

\echo
\echo '== The 40 % rule: 820 family units of 1,000 dwellings, 50 demolished, 3,000 m2 shops'
SELECT round(family_housing_share(820, 1000, 50, 3000)::numeric, 1) AS share_pct,
       family_units_over_target(820, 1000, 50, 3000) AS units_to_convert,
       dwellings_to_add(820, 1000, 50, 3000) AS or_dwellings_to_add;
