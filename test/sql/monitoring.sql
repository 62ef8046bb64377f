-- own monitoring (issue 16): units of the municipality's own (departments,
-- parishes, own areas, any tenure), a trappemodel of three tiers made of user
-- rule sets, each tier at its thresholds and size gate, unknown values, tier
-- changes over time, the legal area's list beside it, disclosure, bad input
SET search_path = housing_areas, public;
\set SHOW_CONTEXT never

-- the trappemodel: tier 3 is the most severe; every set counts units of at
-- least 200 residents
SELECT create_rules('trappe1', E'rules trappe1\n  an area counts when residents >= 200\n  udsat when at least 1 of (outside_labour > 30, income < 70)\nend\n');
SELECT create_rules('trappe2', E'rules trappe2\n  an area counts when residents >= 200\n  udsat when at least 2 of (outside_labour > 35, income < 60, basic_education > 50)\nend\n');
SELECT create_rules('trappe3', E'rules trappe3\n  an area counts when residents >= 200\n  udsat when outside_labour > 45 and income < 55\nend\n');
INSERT INTO monitoring_scheme VALUES (1, 'trappe', 'tiered letting agreement, tiers 1 to 3');
INSERT INTO tier_scheme VALUES (1, 1, 'trappe1'), (1, 2, 'trappe2'), (1, 3, 'trappe3');

-- each tier at its thresholds (base: tier 0), the size gate, unknown values
SELECT t.note, monitoring_tier(t.ind::indicators, 2024, 'trappe') AS tier
  FROM (VALUES
    ('base',                        'residents=500 outside_labour=20 income=90 basic_education=30'),
    ('labour 30: not above',        'residents=500 outside_labour=30 income=90 basic_education=30'),
    ('labour 30.01: tier 1',        'residents=500 outside_labour=30.01 income=90 basic_education=30'),
    ('income 70: not below',        'residents=500 outside_labour=20 income=70 basic_education=30'),
    ('income 69.9: tier 1',         'residents=500 outside_labour=20 income=69.9 basic_education=30'),
    ('2 of 3: only 1 (income 60)',  'residents=500 outside_labour=36 income=60 basic_education=30'),
    ('2 of 3: income 59.9',         'residents=500 outside_labour=36 income=59.9 basic_education=30'),
    ('2 of 3: education 50.1',      'residents=500 outside_labour=36 income=90 basic_education=50.1'),
    ('tier 3: labour 45 not above', 'residents=500 outside_labour=45 income=54 basic_education=30'),
    ('tier 3: income 55 not below', 'residents=500 outside_labour=45.1 income=55 basic_education=30'),
    ('tier 3',                      'residents=500 outside_labour=45.1 income=54.9 basic_education=30'),
    ('gate: 199 residents',         'residents=199 outside_labour=60 income=40 basic_education=70'),
    ('gate: 200 residents',         'residents=200 outside_labour=60 income=40 basic_education=70'),
    ('residents unknown',           'outside_labour=60 income=40 basic_education=70'),
    ('tier 3 undetermined',         'residents=500 outside_labour=60 basic_education=30'),
    ('tier 3 ruled out, 2 holds',   'residents=500 outside_labour=40 basic_education=60'),
    ('tier 2 undetermined',         'residents=500 outside_labour=31 income=90'),
    ('nothing but residents',       'residents=500')) AS t(note, ind);
SELECT monitoring_tier(NULL, 2024, 'trappe') AS null_ind, monitoring_tier('residents=500', NULL, 'trappe') AS null_year,
       monitoring_tier('residents=500', 2024, NULL) AS null_scheme;

-- bad input
SELECT monitoring_tier('residents=500', 2024, 'no_such_scheme');
SELECT monitoring_tier('residents=500', 2009, 'trappe');
INSERT INTO monitoring_scheme VALUES (2, 'empty', NULL);
SELECT monitoring_tier('residents=500', 2024, 'empty');
SELECT count(*) FROM monitoring_status('no_such_scheme');
INSERT INTO tier_scheme VALUES (2, 0, 'trappe1');
INSERT INTO tier_scheme VALUES (2, 1, 'no_such_rules');
INSERT INTO tier_scheme VALUES (2, 1, 'dk2021');
INSERT INTO tier_scheme VALUES (1, 4, 'trappe1');
INSERT INTO monitoring_scheme VALUES (3, 'Trappe', NULL);
INSERT INTO monitoring_unit (unit_id, name, tenure) VALUES (1, 'Bad tenure', 'rented');
INSERT INTO monitoring_unit (unit_id, name, kind) VALUES (1, 'Bad kind', 'Department');
INSERT INTO monitoring_unit (unit_id, name, geom) VALUES (1, 'A point as boundary', ST_SetSRID(ST_MakePoint(575100, 6220100), 25832));
INSERT INTO monitoring_unit (unit_id, name, point) VALUES (1, 'Wrong SRID', ST_SetSRID(ST_MakePoint(12.5, 55.7), 4326));
-- a rule set in use cannot be dropped; out of use it can
SELECT drop_rules('trappe2');
DELETE FROM monitoring_scheme WHERE name = 'empty';

-- two legal areas with their lists, and five units: a department inside
-- area 9001 (given), an own area inside area 9002 (found spatially), a private
-- block outside every area (a point only), a small parish (disclosure), a
-- unit under the size gate
INSERT INTO area (area_id, name, municipality_code, region_code, geom) VALUES
  (9001, 'Legal 1', '0751', '1082', ST_Multi(ST_MakeEnvelope(575000, 6300000, 576000, 6301000, 25832))),
  (9002, 'Legal 2', '0751', '1082', ST_Multi(ST_MakeEnvelope(577000, 6300000, 578000, 6301000, 25832)));
INSERT INTO area_year (area_id, list_year, ind, official_category) VALUES
  (9001, 2023, 'residents=2500 nonwestern=60 outside_labour=45 basic_education=65 income=50', NULL),
  (9001, 2024, 'residents=2500 nonwestern=60 outside_labour=45 basic_education=65 income=50', NULL),
  (9001, 2025, 'residents=2500 nonwestern=40 outside_labour=45 basic_education=65 income=50', NULL),
  (9002, 2024, 'residents=1200 nonwestern=20 outside_labour=20 basic_education=20 income=90', 'none');
INSERT INTO monitoring_unit (unit_id, name, kind, tenure, municipality_code, area_id, geom, point) VALUES
  (10, 'Afdeling 10', 'department', 'almen', '0751', 9001, NULL, ST_SetSRID(ST_MakePoint(575500, 6300500), 25832)),
  (20, 'Own area 20', 'own', 'blandet', '0751', NULL,
   ST_Multi(ST_MakeEnvelope(577100, 6300100, 577400, 6300400, 25832)), NULL),
  (30, 'Private block 30', 'own', 'privat', '0751', NULL, NULL, ST_SetSRID(ST_MakePoint(590000, 6310000), 25832)),
  (40, 'Small parish 40', 'parish', NULL, '0751', NULL,
   ST_Multi(ST_MakeEnvelope(580000, 6300000, 580100, 6300100, 25832)), NULL),
  (50, 'Under the gate 50', 'department', 'andel', '0751', NULL, NULL, NULL);
INSERT INTO monitoring_year (unit_id, year, ind, persons) VALUES
  (10, 2023, 'residents=800 outside_labour=50 income=50 basic_education=60', 'residents=800 persons_18_64=500 persons_18plus=600 persons_30_59=300 taxpayers_15_64=500'),
  (10, 2024, 'residents=800 outside_labour=40 income=58 basic_education=40', 'residents=800 persons_18_64=500 persons_18plus=600 persons_30_59=300 taxpayers_15_64=500'),
  (10, 2025, 'residents=800 outside_labour=25 income=80 basic_education=40', 'residents=800 persons_18_64=500 persons_18plus=600 persons_30_59=300 taxpayers_15_64=500'),
  (20, 2023, 'residents=300 outside_labour=31 income=75', 'residents=300 persons_18_64=200 persons_18plus=240 persons_30_59=120 taxpayers_15_64=200'),
  (20, 2024, NULL, NULL),
  (20, 2025, 'residents=300 outside_labour=60 basic_education=30', 'residents=300 persons_18_64=200 persons_18plus=240 persons_30_59=120 taxpayers_15_64=200'),
  (30, 2024, 'residents=400 outside_labour=20 income=65 basic_education=20', NULL),
  (40, 2024, 'residents=4 outside_labour=50 income=40 basic_education=60', 'residents=4 persons_18_64=4 persons_18plus=4 persons_30_59=2 taxpayers_15_64=4'),
  (40, 2025, 'residents=250 outside_labour=50 income=40 basic_education=60', 'residents=250 persons_18_64=150 persons_18plus=200 persons_30_59=100 taxpayers_15_64=150'),
  (50, 2024, 'residents=150 outside_labour=60 income=40 basic_education=70', 'residents=150 persons_18_64=100 persons_18plus=120 persons_30_59=60 taxpayers_15_64=100');

SELECT unit_id, year, tier, rules, criteria_met, criteria_unknown, previous_year, previous_tier,
       area_id, area_match, list_category
  FROM monitoring_status('trappe');
SELECT unit_id, year, criteria_met, criteria_unknown, criteria FROM monitoring_status('trappe') WHERE unit_id IN (10, 20) ORDER BY 1, 2;
-- the category of the legal area is the enum here, text in the BI view
SELECT (SELECT pg_typeof(list_category) FROM monitoring_status('trappe') LIMIT 1) AS monitoring_status,
       (SELECT pg_typeof(list_category) FROM bi_monitoring_status LIMIT 1) AS bi;
-- the official list's category beside it is area_status's
SELECT count(*) AS rows_with_area,
       count(*) FILTER (WHERE m.list_category IS DISTINCT FROM s.category) AS differ
  FROM monitoring_status('trappe') AS m
  JOIN area_status AS s ON s.area_id = m.area_id AND s.list_year = m.year;

-- BI: small units and units without a tally hide their shares and tiers
SELECT unit_id, year, tier, previous_tier, residents, outside_labour_pct, income_pct, suppressed
  FROM bi_monitoring_status ORDER BY unit_id, year;
SET housing_areas.min_cell_count = 1;
SELECT unit_id, year, tier, residents, suppressed FROM bi_monitoring_status WHERE unit_id IN (30, 40) ORDER BY unit_id, year;
RESET housing_areas.min_cell_count;
SELECT unit_id, year, round(lon::numeric, 4) AS lon, round(lat::numeric, 4) AS lat
  FROM bi_monitoring_status WHERE year = 2024 ORDER BY unit_id;
-- GIS: polygons for the units that have them, points for all with a place
SELECT id, unit_id, year, tier, ST_GeometryType(geom), ST_SRID(geom), suppressed
  FROM gis_monitoring_status ORDER BY id;
SELECT id, unit_id, ST_AsText(geom) FROM gis_monitoring_status_points WHERE year = 2024 ORDER BY id;
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
 WHERE c.relname IN ('gis_monitoring_status', 'gis_monitoring_status_points')
   AND a.attname IN ('id', 'geom') ORDER BY 1, 2;
-- tier numbers may leave gaps (tiers 2 and 5 of the same rule sets); a
-- scheme without tiers is not in the views
INSERT INTO monitoring_scheme VALUES (4, 'gaps', NULL), (5, 'no_tiers_yet', NULL);
INSERT INTO tier_scheme VALUES (4, 2, 'trappe1'), (4, 5, 'trappe3');
SELECT unit_id, year, tier, rules, previous_tier FROM monitoring_status('gaps') WHERE unit_id IN (10, 20) ORDER BY 1, 2;
SELECT scheme_id, scheme, count(*) AS rows, count(tier) AS tiered FROM bi_monitoring_status GROUP BY 1, 2 ORDER BY 1;
SELECT id, scheme, unit_id, year, tier FROM gis_monitoring_status WHERE id IN (200123, 200423, 200523) ORDER BY id;
DELETE FROM monitoring_scheme WHERE scheme_id IN (4, 5);

-- a GIS client fetching one feature by its key: the same row as in the
-- whole layer, and the work (margins(), category()) done for that row and
-- its year before only, not for every row
SELECT g.id, g.unit_id, g.year, g.tier, g.previous_tier, g.suppressed,
       (SELECT count(*) FROM gis_monitoring_status_points) AS layer_rows
  FROM gis_monitoring_status_points AS g WHERE g.id = 100125;
SELECT count(*) AS differ
  FROM gis_monitoring_status_points AS g
 WHERE (SELECT row(f.*)::text FROM gis_monitoring_status_points AS f WHERE f.id = g.id)
       IS DISTINCT FROM row(g.*)::text;
SELECT count(*) AS differ
  FROM gis_monitoring_status AS g
 WHERE (SELECT row(f.*)::text FROM gis_monitoring_status AS f WHERE f.ogc_fid = g.id)
       IS DISTINCT FROM row(g.*)::text;
SET track_functions = 'all';
-- (the calls counted inside one transaction, where they are not flushed)
BEGIN;
SELECT COALESCE(pg_stat_get_xact_function_calls('margins(indicators,integer,text)'::regprocedure), 0) AS m0,
       COALESCE(pg_stat_get_xact_function_calls('category(indicators,integer,text)'::regprocedure), 0) AS c0 \gset
SELECT id, tier, previous_tier FROM gis_monitoring_status_points WHERE id = 100125;
SELECT pg_stat_get_xact_function_calls('margins(indicators,integer,text)'::regprocedure) - :m0 AS margins_calls,
       pg_stat_get_xact_function_calls('category(indicators,integer,text)'::regprocedure) - :c0 AS category_calls;
SELECT COALESCE(pg_stat_get_xact_function_calls('margins(indicators,integer,text)'::regprocedure), 0) AS m0,
       COALESCE(pg_stat_get_xact_function_calls('category(indicators,integer,text)'::regprocedure), 0) AS c0 \gset
SELECT id, tier, previous_tier FROM gis_monitoring_status WHERE ogc_fid = 200123;
SELECT pg_stat_get_xact_function_calls('margins(indicators,integer,text)'::regprocedure) - :m0 AS margins_calls,
       pg_stat_get_xact_function_calls('category(indicators,integer,text)'::regprocedure) - :c0 AS category_calls;
COMMIT;
RESET track_functions;

-- the previous tier is the year before's: none when the unit has no row
-- that year (a gap is not bridged), in monitoring_status and in the views
DELETE FROM monitoring_year WHERE unit_id = 10 AND year = 2024;
INSERT INTO monitoring_year (unit_id, year, ind, persons) VALUES
  (10, 2021, 'residents=800 outside_labour=50 income=50 basic_education=60', 'residents=800 persons_18_64=500 persons_18plus=600 persons_30_59=300 taxpayers_15_64=500'),
  (10, 2022, 'residents=800 outside_labour=31 income=90 basic_education=40', 'residents=800 persons_18_64=500 persons_18plus=600 persons_30_59=300 taxpayers_15_64=500');
SELECT unit_id, year, tier, previous_year, previous_tier FROM monitoring_status('trappe') WHERE unit_id = 10;
SELECT unit_id, year, tier, previous_year, previous_tier, suppressed FROM bi_monitoring_status WHERE unit_id = 10 ORDER BY year;
SELECT id, year, tier, previous_tier FROM gis_monitoring_status_points WHERE unit_id = 10 ORDER BY id;
-- the year before hidden for disclosure hides the previous tier only
UPDATE monitoring_year SET persons = NULL WHERE unit_id = 10 AND year = 2022;
SELECT unit_id, year, tier, previous_year, previous_tier, suppressed FROM bi_monitoring_status WHERE unit_id = 10 AND year IN (2022, 2023) ORDER BY year;

-- a changed rule set changes the tiers at once
SELECT unit_id, year, tier FROM monitoring_status('trappe') WHERE unit_id = 30;
SELECT drop_rules('trappe1');
DELETE FROM tier_scheme WHERE rule_set = 'trappe1';
SELECT drop_rules('trappe1');
SELECT create_rules('trappe1', E'rules trappe1\n  an area counts when residents >= 200\n  udsat when income < 60\nend\n');
INSERT INTO tier_scheme VALUES (1, 1, 'trappe1');
SELECT unit_id, year, tier FROM monitoring_status('trappe') WHERE unit_id = 30;

-- deleting an area unlinks the unit; deleting a unit its years
DELETE FROM area WHERE area_id = 9001;
SELECT unit_id, area_id FROM monitoring_unit WHERE unit_id = 10;
DELETE FROM monitoring_unit;
SELECT count(*) AS years_left FROM monitoring_year;
DELETE FROM monitoring_scheme;
SELECT count(*) AS tiers_left FROM tier_scheme;
-- an unknown scheme is an error also without any scheme or row
SELECT count(*) FROM monitoring_status('trappe');
SELECT drop_rules('trappe1'), drop_rules('trappe2'), drop_rules('trappe3');
DELETE FROM area_year WHERE area_id = 9002;
DELETE FROM area WHERE area_id = 9002;
