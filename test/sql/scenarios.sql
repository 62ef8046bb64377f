-- scenarios: area_status under a named rule set (area_status_under), which
-- shares its implementation with the view area_status, and compare_rules /
-- compare_rules_summary, on constructed areas whose histories differ with
-- and without the non-Western gate
SET search_path = housing_areas, public;

\i test/fixtures/nogate.sql

INSERT INTO area (area_id, name, municipality_code, region_code, geom)
SELECT i, 'Scenario ' || i, '0751', '1082',
       ST_Multi(ST_MakeEnvelope(575000 + 1000 * i, 6220000, 575400 + 1000 * i, 6220400, 25832))
  FROM generate_series(1, 6) AS i;
INSERT INTO area_year (area_id, list_year, ind, official_category)
SELECT a, y,
       CASE a
         -- 1: a parallelsamfund every year: omdannelse from 2022 either way
         WHEN 1 THEN 'residents=2500 nonwestern=60 outside_labour=45 basic_education=65 income=50'
         -- 2: udsat with 40 % non-Western: a parallelsamfund without the
         --    gate, and omdannelse after five such lists from 2021
         WHEN 2 THEN 'residents=1800 nonwestern=40 outside_labour=45 basic_education=65 income=60'
         -- 3: udsat from 2022 only, 50 % non-Western (not above 50)
         WHEN 3 THEN CASE WHEN y >= 2022 THEN 'residents=1200 nonwestern=50 outside_labour=41 income=54'
                          ELSE 'residents=1200 nonwestern=50 outside_labour=30 income=80' END
         -- 4: residents unknown: undecided either way
         WHEN 4 THEN 'nonwestern=40 outside_labour=45 basic_education=65 income=60'
         -- 5: too small: on no list
         WHEN 5 THEN 'residents=999 nonwestern=40 outside_labour=45 basic_education=65 income=60'
         -- 6: none by its values, but published as a parallelsamfund in 2019
         ELSE 'residents=3000 nonwestern=55 outside_labour=20 basic_education=20 income=90'
       END::indicators,
       CASE WHEN a = 6 AND y = 2019 THEN 'parallelsamfund'::category END
  FROM generate_series(1, 6) AS a, generate_series(2018, 2025) AS y;

-- the scenario: every year under nogate, published categories ignored
SELECT area_id, string_agg(list_year || ' ' || category, ', ' ORDER BY list_year) AS nogate
  FROM area_status_under('nogate') GROUP BY area_id ORDER BY area_id;
SELECT area_id, string_agg(list_year || ' ' || category, ', ' ORDER BY list_year) AS dk2021
  FROM area_status_under('dk2021') GROUP BY area_id ORDER BY area_id;
SELECT area_id, string_agg(list_year || ' ' || category, ', ' ORDER BY list_year) AS law
  FROM area_status GROUP BY area_id ORDER BY area_id;
SELECT area_id, list_year, category, computed_category, official_category, rules, on_udsat_list,
       years_on_list, development_plan, nonwestern
  FROM area_status_under('nogate') WHERE area_id IN (2, 6) AND list_year IN (2019, 2024, 2025)
 ORDER BY area_id, list_year;
-- the view and the scenario function are one implementation: under the
-- rules of the list year (dk2018 and dk2021 agree on these areas), with no
-- published category, every column is the same but rules
SELECT count(*) AS rows_compared,
       count(*) FILTER (WHERE (to_jsonb(s) - 'rules') IS DISTINCT FROM (to_jsonb(u) - 'rules')) AS differ
  FROM area_status AS s
  JOIN area_status_under('dk2021') AS u USING (area_id, list_year)
 WHERE s.area_id <> 6;

-- which areas change, from what to what, and how many residents
SELECT * FROM compare_rules('dk2021', 'nogate');
SELECT * FROM compare_rules_summary('dk2021', 'nogate');
SELECT * FROM compare_rules_summary('nogate', 'dk2021') WHERE list_year = 2025;
SELECT count(*) AS no_change FROM compare_rules('dk2021', 'dk2021');
-- the categories of a scenario and of the comparisons are the enum, so the
-- summary sorts by severity (unknown first)
SELECT (SELECT pg_typeof(category) FROM area_status_under('nogate') LIMIT 1) AS scenario,
       (SELECT pg_typeof(category_a) FROM compare_rules('dk2021', 'nogate') LIMIT 1) AS category_a,
       (SELECT pg_typeof(category_b) FROM compare_rules_summary('dk2021', 'nogate') LIMIT 1) AS category_b;
-- against an older version forced on every year
SELECT * FROM compare_rules_summary('dk2021', 'dk2013') WHERE list_year = 2025;

-- errors and NULLs
SELECT count(*) FROM area_status_under('no_such_rules');
SELECT count(*) FROM compare_rules('dk2021', 'no_such_rules');
SELECT count(*) AS null_rules FROM area_status_under(NULL);
SELECT count(*) AS null_rules FROM compare_rules(NULL, 'dk2021');

-- a changed rule set changes the scenario at once
SELECT drop_rules('nogate');
SELECT count(*) FROM area_status_under('nogate');
SELECT create_rules('nogate', E'rules nogate\n  an area counts when residents >= 1000\n  udsat when income < 55\n  parallelsamfund when udsat\n  omdannelse when parallelsamfund on each of the last 2 lists\nend\n');
SELECT area_id, string_agg(list_year || ' ' || category, ', ' ORDER BY list_year) AS nogate
  FROM area_status_under('nogate') WHERE area_id IN (1, 3) GROUP BY area_id ORDER BY area_id;

SELECT drop_rules('nogate');
DELETE FROM area_year WHERE area_id BETWEEN 1 AND 6;
DELETE FROM area WHERE area_id BETWEEN 1 AND 6;

-- docs/guide.md, scenario 2: dk2021 with the parallelsamfund gate on menapt
-- (MENA countries, Pakistan and Turkey) instead of nonwestern; the same
-- SQL as the README, so its figures are checked here
SELECT create_rules('dk2021_menapt',
  replace(replace(rules('dk2021'), 'rules dk2021 ', 'rules dk2021_menapt '),
          'parallelsamfund when udsat and nonwestern > 50',
          'parallelsamfund when udsat and menapt > 50'));
SELECT category, criterion, operator, threshold, unit FROM thresholds('dk2021_menapt')
 WHERE category = 'parallelsamfund';
SELECT name, category(ind, 2025) AS dk2021,
       category(ind, 2025, 'dk2021_menapt') AS menapt_gate,
       (classify(ind, 2025, 'dk2021_menapt')).menapt AS menapt_over_50
  FROM (VALUES
    ('Nordparken', 'residents=2400 nonwestern=62 menapt=48.5 outside_labour=45 basic_education=65 income=50'),
    ('Sønderhøj',  'residents=1500 nonwestern=56 menapt=52 outside_labour=42 income=52'),
    ('Vesterbo',   'residents=1100 nonwestern=55 menapt=50 outside_labour=41 income=54'),
    ('Østergård',  'residents=1300 nonwestern=58 outside_labour=44 basic_education=62 income=53'),
    ('Lindely',    'residents=3000 nonwestern=70 menapt=60 outside_labour=20 basic_education=30 income=90')
  ) AS a(name, ind_text), LATERAL (SELECT ind_text::indicators AS ind) AS i;
-- the same areas on the list of 2025, compared
INSERT INTO area (area_id, name, municipality_code, region_code, geom)
SELECT 6 + i, n, '0751', '1082',
       ST_Multi(ST_MakeEnvelope(575000 + 1000 * i, 6230000, 575400 + 1000 * i, 6230400, 25832))
  FROM unnest(ARRAY['Nordparken', 'Sønderhøj', 'Vesterbo', 'Østergård', 'Lindely']) WITH ORDINALITY AS t(n, i);
INSERT INTO area_year (area_id, list_year, ind)
VALUES (7, 2025, 'residents=2400 nonwestern=62 menapt=48.5 outside_labour=45 basic_education=65 income=50'),
       (8, 2025, 'residents=1500 nonwestern=56 menapt=52 outside_labour=42 income=52'),
       (9, 2025, 'residents=1100 nonwestern=55 menapt=50 outside_labour=41 income=54'),
       (10, 2025, 'residents=1300 nonwestern=58 outside_labour=44 basic_education=62 income=53'),
       (11, 2025, 'residents=3000 nonwestern=70 menapt=60 outside_labour=20 basic_education=30 income=90');
SELECT * FROM compare_rules_summary('dk2021', 'dk2021_menapt') WHERE list_year = 2025;
SELECT name, municipality_code, category_a, category_b, residents
  FROM compare_rules('dk2021', 'dk2021_menapt') WHERE list_year = 2025;
-- the gate at its boundary in margins(): 50 is not above 50, and the
-- distance is in points of menapt; unknown menapt leaves it unknown
SELECT a.name, m.criterion, m.value, m.operator, m.threshold, m.met, m.distance
  FROM area AS a JOIN area_year AS ay USING (area_id),
       margins(ay.ind, 2025, 'dk2021_menapt') AS m
 WHERE a.area_id BETWEEN 7 AND 10 AND m.criterion = 'menapt' ORDER BY a.area_id;
SELECT drop_rules('dk2021_menapt');
DELETE FROM area_year WHERE area_id BETWEEN 7 AND 11;
DELETE FROM area WHERE area_id BETWEEN 7 AND 11;
