-- boligsociale helhedsplaner: the tables and their constraints, the list in
-- force on a date, coverage, twins (unknown values included) and effects
SET search_path = housing_areas, public;
SET DateStyle = ISO;
\i test/fixtures/try.sql

-- ---- the list in force on a date: the day before, of and after each list day
SELECT d, list_in_force(d) FROM unnest(ARRAY['2010-09-30', '2010-10-01', '2012-09-30', '2012-10-01',
  '2013-11-30', '2013-12-01', '2013-12-02', '2024-11-30', '2024-12-01']::date[]) AS d;

-- ---- the views are empty while area_year is
SELECT count(*) AS gis_rows FROM gis_plan_coverage;
SELECT count(*) AS bi_rows FROM bi_plan_coverage;

-- ---- a small town: areas 1-9 in region 1082 near Aarhus, area 10 in region
-- 1084, 100 km away; records of the lists of 2011, 2021 and 2022
INSERT INTO area
SELECT i, 'Area ' || i, '0751', CASE WHEN i = 10 THEN '1084' ELSE '1082' END,
       ST_Multi(ST_MakeEnvelope(575000 + 1000 * i + CASE WHEN i = 10 THEN 100000 ELSE 0 END, 6220000,
                                575300 + 1000 * i + CASE WHEN i = 10 THEN 100000 ELSE 0 END, 6220300, 25832))
  FROM generate_series(1, 12) AS i;
-- 2022 (dk2021): thresholds labour 40, convictions 3 x national (3), education
-- 60, income 55, nonwestern 50; area 1 sits on every threshold (coordinates 1)
INSERT INTO area_year (area_id, list_year, ind) VALUES
  (1, 2022, 'residents=2000 outside_labour=40 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50'),
  (2, 2022, 'residents=2000 outside_labour=44 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50'),
  (3, 2022, 'residents=2000 outside_labour=48 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50'),
  -- labour unknown: 4 criteria in common, education 10 % off
  (4, 2022, 'residents=2000 convicted=3 national_convicted=1 basic_education=66 income=55 nonwestern=50'),
  -- only labour and nonwestern known: 2 in common
  (5, 2022, 'residents=2000 outside_labour=40 nonwestern=50'),
  -- no national share: convictions unknown, the other four as area 2
  (6, 2022, 'residents=2000 outside_labour=44 convicted=3 basic_education=60 income=55 nonwestern=50'),
  -- as far from area 1 as area 2 (a tie, broken by area_id)
  (7, 2022, 'residents=2000 outside_labour=36 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50'),
  (8, 2022, 'residents=2000 outside_labour=40 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50'),
  (9, 2022, NULL),
  (10, 2022, 'residents=2000 outside_labour=40 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50');
SELECT area_id, twin_coordinates(ind, list_year) FROM area_year WHERE list_year = 2022 ORDER BY 1;
-- under dk2010 (2011) education and income are not tested: NULL
SELECT twin_coordinates('residents=2000 outside_labour=44 convicted=2.7 basic_education=60 income=55 nonwestern=55', 2011);
-- the distance: root mean square over the criteria known in both
SELECT twin_common('{1,1,1,1,1}', '{1.1,1,1,1,1}') AS common, round(twin_distance('{1,1,1,1,1}', '{1.1,1,1,1,1}')::numeric, 6) AS d5,
       round(twin_distance('{1,NULL,1,1,1}', '{1,1,1.1,1,1}')::numeric, 6) AS d4,
       twin_distance('{1,NULL,NULL,NULL,1}', '{1,1,1,1,1}') AS d2_below_3,
       twin_distance('{1,NULL,NULL,NULL,1}', '{1,1,1,1,1}', 2) AS d2_allowed,
       twin_distance(NULL, '{1,1,1,1,1}') AS unknown_record, twin_common(NULL, '{1,1,1,1,1}') AS none_common;

-- area 8 shares a plan with area 1 in 2022; area 3 has a plan in 2020 only
INSERT INTO plan VALUES (1, 'Plan One', 'Boligselskabet', '[2021-01-01,2025-01-01)', 'approved', '0751'),
                        (2, 'Plan Two', 'Boligselskabet', '[2020-01-01,2021-01-01)', 'approved', '0751');
INSERT INTO plan_area (plan_id, area_id) VALUES (1, 1), (1, 8), (2, 3);
-- twins of area 1: 10 (identical, in another region), 2 and 7 (0.0447, a tie
-- broken by area_id), 4 and 6 (0.05 over 4 criteria), 3 (0.0894); never 8
-- (same plan), 5 (2 criteria in common) or 9 (no record)
SELECT rank, twin_id, round(distance::numeric, 4) AS distance, common_criteria, round(km::numeric) AS km
  FROM twins(1, 2022, 10);
-- k; at least 2 criteria in common brings in area 5 (distance 0)
SELECT twin_id FROM twins(1, 2022, 2);
SELECT rank, twin_id, round(distance::numeric, 4) AS distance, common_criteria FROM twins(1, 2022, 3, min_common => 2);
SELECT twin_id, common_criteria FROM twins(1, 2022, 10, min_common => 5);
-- the same region; within 5 km between centroids (area 7 is 6 km away)
SELECT array_agg(twin_id ORDER BY rank) AS same_region FROM twins(1, 2022, 10, same_region => true);
SELECT array_agg(twin_id ORDER BY rank) AS within_5_km FROM twins(1, 2022, 10, max_km => 5);
SELECT array_agg(twin_id ORDER BY rank) AS within_6_km FROM twins(1, 2022, 10, max_km => 6);
-- areas with a plan on a day of 2020 are left out on request (area 3)
SELECT array_agg(twin_id ORDER BY rank) AS unplanned_2020 FROM twins(1, 2022, 10, unplanned_during => '[2020-06-01,2020-07-01)');
SELECT array_agg(twin_id ORDER BY rank) AS unplanned_2019 FROM twins(1, 2022, 10, unplanned_during => '[2019-06-01,2020-01-01)');
-- a record without indicators has no twins, and is no one's twin
SELECT count(*) AS twins_of_no_record FROM twins(9, 2022);
-- area 8 (same plan as 1) has area 1 left out, and the others
SELECT array_agg(twin_id ORDER BY rank) AS twins_of_8 FROM twins(8, 2022, 10);
-- bad arguments
SELECT pg_temp.try($$SELECT * FROM twins(1, 2022, 0)$$) AS k0;
SELECT pg_temp.try($$SELECT * FROM twins(1, 2022, 3, max_km => -1)$$) AS negative_km;
SELECT pg_temp.try($$SELECT * FROM twins(1, 2022, 3, min_common => 0)$$) AS min_common_0;
SELECT pg_temp.try($$SELECT * FROM twins(1, 2022, 3, min_common => 6)$$) AS min_common_6;
SELECT pg_temp.try($$SELECT * FROM twins(1, 2019)$$) AS no_row;
SELECT pg_temp.try($$SELECT * FROM twins(11, 2022)$$) AS area_without_row;
-- the view gives every area's twins() with the defaults
SELECT (SELECT count(*) FROM area_twins) AS view_rows,
       (SELECT count(*) FROM area_year AS ay, twins(ay.area_id, ay.list_year) AS t) AS function_rows,
       NOT EXISTS (SELECT v.area_id, v.list_year, v.rank, v.twin_id, v.distance, v.common_criteria FROM area_twins AS v
                   EXCEPT
                   SELECT ay.area_id, ay.list_year, t.rank, t.twin_id, t.distance, t.common_criteria
                     FROM area_year AS ay, twins(ay.area_id, ay.list_year) AS t) AS same_rows;

-- ---- tables: impossible periods, duplicates, funding, focus
SELECT pg_temp.try($$INSERT INTO plan VALUES (9, 'x', 'y', 'empty', 'approved', NULL)$$) AS empty_period;
SELECT pg_temp.try($$INSERT INTO plan VALUES (9, 'x', 'y', '[2020-01-01,2020-01-01)', 'approved', NULL)$$) AS no_days;
SELECT pg_temp.try($$INSERT INTO plan VALUES (9, 'x', 'y', '[2020-01-01,)', 'approved', NULL)$$) AS open_end;
SELECT pg_temp.try($$INSERT INTO plan VALUES (9, 'x', 'y', '(,2020-01-01)', 'approved', NULL)$$) AS open_start;
SELECT pg_temp.try($$INSERT INTO plan VALUES (9, 'x', 'y', '[2020-01-02,2020-01-01)', 'approved', NULL)$$) AS backwards;
SELECT pg_temp.try($$INSERT INTO plan VALUES (9, 'x', 'y', NULL, 'approved', NULL)$$) AS no_period;
SELECT pg_temp.try($$INSERT INTO plan VALUES (9, 'x', 'y', '[2020-01-01,2020-01-02)', 'finished', NULL)$$) AS bad_status;
SELECT pg_temp.try($$INSERT INTO plan VALUES (9, '', 'y', '[2020-01-01,2020-01-02)', 'approved', NULL)$$) AS no_name;
-- one day is a possible period
SELECT pg_temp.try($$INSERT INTO plan VALUES (9, 'x', 'y', '[2020-01-01,2020-01-02)', 'approved', NULL)$$) AS one_day;
DELETE FROM plan WHERE plan_id = 9;
-- an area's days lie within the plan's: the day before its start and the
-- day after its end are refused, the whole period is accepted
INSERT INTO plan VALUES (3, 'Plan Three', 'Almenbo', '[2015-01-01,2019-01-01)', 'approved', '0751');
SELECT pg_temp.try($$INSERT INTO plan_area VALUES (3, 4, '[2014-12-31,2016-01-01)')$$) AS day_before;
SELECT pg_temp.try($$INSERT INTO plan_area VALUES (3, 4, '[2016-01-01,2019-01-02)')$$) AS day_after;
SELECT pg_temp.try($$INSERT INTO plan_area VALUES (3, 4, '[2015-01-01,2019-01-01)')$$) AS whole;
SELECT pg_temp.try($$INSERT INTO plan_area VALUES (3, 99)$$) AS unknown_area;
SELECT pg_temp.try($$INSERT INTO plan_area VALUES (99, 4)$$) AS unknown_plan;
-- a second plan for area 4: overlapping by one day refused, adjacent accepted
INSERT INTO plan VALUES (4, 'Plan Four', 'Almenbo', '[2018-12-31,2023-01-01)', 'approved', '0751');
SELECT pg_temp.try($$INSERT INTO plan_area (plan_id, area_id) VALUES (4, 4)$$) AS overlap_one_day;
SELECT pg_temp.try($$INSERT INTO plan_area VALUES (4, 4, '[2019-01-01,2023-01-01)')$$) AS adjacent;
-- the same days for another area are fine
SELECT pg_temp.try($$INSERT INTO plan_area (plan_id, area_id) VALUES (4, 5)$$) AS other_area;
-- a new plan period: areas covered for the whole plan follow; one that
-- would then lie outside is refused, one that would overlap another plan too
UPDATE plan SET period = '[2018-06-01,2023-01-01)' WHERE plan_id = 4;
SELECT plan_id, area_id, period FROM plan_area WHERE plan_id IN (3, 4) ORDER BY 1, 2;
SELECT pg_temp.try($$UPDATE plan SET period = '[2020-01-01,2023-01-01)' WHERE plan_id = 4$$) AS area_outside;
SELECT pg_temp.try($$UPDATE plan SET period = '[2015-01-01,2019-06-01)' WHERE plan_id = 3$$) AS now_overlapping;
-- funding and focus areas
INSERT INTO plan_funding VALUES (3, 'landsbyggefonden', 7500000), (3, 'municipality', 2500000);
SELECT pg_temp.try($$INSERT INTO plan_funding VALUES (3, 'housing_organisation', -1)$$) AS negative;
SELECT pg_temp.try($$INSERT INTO plan_funding VALUES (3, 'lottery', 1)$$) AS unknown_source;
SELECT pg_temp.try($$INSERT INTO plan_focus VALUES (3, 'sports')$$) AS unknown_focus;
INSERT INTO plan_focus_area VALUES ('sports', 'idræt', 'sports');
INSERT INTO plan_focus VALUES (3, 'sports'), (3, 'safety_wellbeing');
SELECT p.name, string_agg(f.focus, ', ' ORDER BY f.focus) AS focus,
       (SELECT sum(amount_dkk) FROM plan_funding WHERE plan_id = p.plan_id) AS total_dkk
  FROM plan AS p JOIN plan_focus AS f USING (plan_id) GROUP BY p.plan_id, p.name;
-- deleting a plan removes its areas, funding and focus; an area its plans' rows
DELETE FROM plan WHERE plan_id = 3;
SELECT (SELECT count(*) FROM plan_area WHERE plan_id = 3) AS areas, (SELECT count(*) FROM plan_funding WHERE plan_id = 3) AS funding,
       (SELECT count(*) FROM plan_focus WHERE plan_id = 3) AS focus;
DELETE FROM plan WHERE plan_id = 4;
-- registered for pg_dump, with the user's own focus areas and sources only
SELECT c.relname, e.cond FROM pg_extension AS x,
       unnest(x.extconfig, x.extcondition) AS e(oid, cond) JOIN pg_class AS c ON c.oid = e.oid
 WHERE x.extname = 'housing_areas_postgis' AND c.relname LIKE 'plan%' ORDER BY 1;

-- ---- coverage: the list of 2024 (categories as published), 2025 missing
INSERT INTO area_year (area_id, list_year, ind, official_category) VALUES
  (1, 2024, 'residents=2000', 'udsat'),
  (2, 2024, 'residents=2000', 'omdannelse'),
  (3, 2024, 'residents=2000', 'forebyggelse'),
  -- near: one criterion of the udsat test holds, residents >= 1000
  (4, 2024, 'residents=1000 outside_labour=41 convicted=0.1 national_convicted=1 basic_education=30 income=90', NULL),
  -- one criterion, but 999 residents: not near
  (5, 2024, 'residents=999 outside_labour=41 convicted=0.1 national_convicted=1 basic_education=30 income=90', NULL),
  -- no criterion holds: not near
  (6, 2024, 'residents=2000 outside_labour=40 convicted=0.1 national_convicted=1 basic_education=30 income=90', NULL),
  -- unknown: labour holds, the others are unknown
  (7, 2024, 'residents=2000 outside_labour=41', NULL),
  (8, 2024, 'residents=2000', 'none'),
  (11, 2024, 'residents=2000', 'udsat'),
  (12, 2024, 'residents=2000', 'omdannelse');
-- the next list is that of 1 December 2025: area 1 has a plan to its eve
-- and another from its day (unbroken cover); area 11 a stopped plan to its
-- eve (no gap); area 3 a plan to the day before its eve (a gap of one day);
-- omdannelse areas until 1 January 2030: area 2 to 31 December 2029 (no gap),
-- area 12 to 30 December 2029 (a gap); area 4 (near) an application only;
-- area 7 a plan from 1 June 2025
INSERT INTO plan VALUES
  (10, 'Cover 1a', 'A', '[2024-01-01,2025-12-01)', 'approved', '0751'),
  (11, 'Cover 1b', 'A', '[2025-12-01,2027-01-01)', 'approved', '0751'),
  (12, 'Cover 11', 'A', '[2024-01-01,2025-12-01)', 'stopped', '0751'),
  (13, 'Cover 2', 'B', '[2024-01-01,2030-01-01)', 'approved', '0751'),
  (14, 'Cover 12', 'B', '[2024-01-01,2029-12-31)', 'approved', '0751'),
  (15, 'Applied 4', 'C', '[2024-01-01,2028-01-01)', 'application', '0751'),
  (16, 'Cover 7', 'C', '[2025-06-01,2025-12-02)', 'approved', '0751'),
  (17, 'Cover 3', 'C', '[2024-01-01,2025-11-30)', 'approved', '0751');
UPDATE plan SET period = '[2021-01-01,2024-01-01)' WHERE plan_id = 1;
INSERT INTO plan_area (plan_id, area_id) VALUES (10, 1), (11, 1), (12, 11), (13, 2), (14, 12), (15, 4), (16, 7), (17, 3);
-- on 1 December 2024 (the list of 2024 is in force from that day)
SELECT area_id, list_year, category, list_status, covered, plan_id, plan_period, covered_until,
       earliest_exit, ends_before_exit
  FROM plan_coverage('2024-12-01');
-- on 30 November 2025, the last day of the list of 2024: area 7's plan has started
SELECT area_id, covered, plan_id, covered_until, ends_before_exit FROM plan_coverage('2025-11-30') WHERE covered;
-- the category is the enum here, text in the GIS and BI views
SELECT (SELECT pg_typeof(category) FROM plan_coverage('2024-12-01') LIMIT 1) AS plan_coverage,
       (SELECT pg_typeof(category) FROM gis_plan_coverage LIMIT 1) AS gis,
       (SELECT pg_typeof(category) FROM bi_plan_coverage LIMIT 1) AS bi;
-- errors: before the first list; a list area_year lacks (2025 from 1 December 2025)
SELECT pg_temp.try($$SELECT * FROM plan_coverage('2010-09-30')$$) AS before_lists;
SELECT list_in_force('infinity') AS infinite, pg_temp.try($$SELECT * FROM plan_coverage('infinity')$$) AS infinite_date;
SELECT pg_temp.try($$SELECT * FROM plan_coverage('2025-12-01')$$) AS list_missing;
SELECT count(*) AS null_date FROM plan_coverage(NULL);
-- the views: today, or the last day of the latest list held (30 November
-- 2025 here); the BI view in built-in types, residents through disclose()
SELECT id, on_date, list_year, list_status, covered, plan_name, plan_start, plan_end, covered_to,
       earliest_exit, ends_before_exit, GeometryType(geom) AS geom, ogc_fid
  FROM gis_plan_coverage ORDER BY id;
-- a list held for a year after today's does not move the date
INSERT INTO area_year (area_id, list_year, ind) VALUES (1, 2099, 'residents=2000');
SELECT DISTINCT on_date, list_year FROM gis_plan_coverage;
DELETE FROM area_year WHERE list_year = 2099;
-- (area 4 has 1000 residents: shown at a minimum of 1000)
SET housing_areas.min_cell_count = 1000;
SELECT area_id, on_date, category_en, residents, round(lon::numeric, 2) AS lon, round(lat::numeric, 2) AS lat
  FROM bi_plan_coverage ORDER BY area_id;
RESET housing_areas.min_cell_count;

-- ---- effects: plan 20 covers areas 1 and 2 from 2022 to 2024, so from the
-- list of 2021 to the list of 2024 (in force on its last day)
DELETE FROM plan WHERE plan_id >= 10;
INSERT INTO area_year (area_id, list_year, ind) VALUES
  (1, 2021, 'residents=2000 outside_labour=40 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50'),
  (2, 2021, 'residents=2000 outside_labour=44 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50'),
  (3, 2021, 'residents=2000 outside_labour=45 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50'),
  (6, 2021, 'residents=2000 outside_labour=41 convicted=3 national_convicted=1 basic_education=61 income=55 nonwestern=50'),
  (7, 2021, 'residents=3 outside_labour=39 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50');
UPDATE area_year SET ind = 'residents=400 outside_labour=36 convicted=2 national_convicted=1 basic_education=50 income=60' WHERE (area_id, list_year) = (1, 2024);
UPDATE area_year SET ind = 'residents=500 outside_labour=40 convicted=2 national_convicted=1 basic_education=54 income=60 nonwestern=40' WHERE (area_id, list_year) = (2, 2024);
UPDATE area_year SET ind = 'residents=300 outside_labour=44 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50' WHERE (area_id, list_year) = (3, 2024);
UPDATE area_year SET ind = 'residents=300 outside_labour=40 convicted=3 national_convicted=1 basic_education=60 income=56 nonwestern=50' WHERE (area_id, list_year) = (6, 2024);
UPDATE area_year SET ind = 'residents=3 outside_labour=40 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=49' WHERE (area_id, list_year) = (7, 2024);
DELETE FROM plan WHERE plan_id IN (1, 2);
INSERT INTO plan VALUES (20, 'Effect plan', 'A', '[2022-01-01,2025-01-01)', 'approved', '0751');
INSERT INTO plan_area (plan_id, area_id) VALUES (20, 1), (20, 2);
-- twins on the list of 2021, k = 2 per area: of area 1: 6 and 7; of area 2:
-- 3 and 6 (pooled: 3, 6, 7)
SELECT pa.area_id, array_agg(t.twin_id ORDER BY t.rank) FROM plan_area AS pa, twins(pa.area_id, 2021, 2) AS t
 WHERE pa.plan_id = 20 GROUP BY 1 ORDER BY 1;
-- each value as disclosed_criteria() shows it: without a tally of the age
-- groups (area_year.persons) their populations are unknown, so at the
-- default minimum every value is hidden and no area is behind a figure
SELECT criterion, plan_areas, plan_before, plan_change, twin_areas, twin_before, difference
  FROM plan_effects(20, 2) WHERE criterion IN ('outside_labour', 'nonwestern');
-- with a minimum of 1 every known value is shown.
-- labour: plan (40 + 44) / 2 = 42 -> (36 + 40) / 2 = 38, a change of -4;
-- twins (45 + 41 + 39) / 3 -> (44 + 40 + 40) / 3, -1/3: difference -3.667;
-- nonwestern is unknown in area 1 on 2024: one plan area behind it
SET housing_areas.min_cell_count = 1;
SELECT criterion, from_list, to_list, plan_areas, plan_before, plan_after, plan_change,
       twin_areas, round(twin_before::numeric, 3) AS twin_before, round(twin_after::numeric, 3) AS twin_after,
       round(twin_change::numeric, 3) AS twin_change, round(difference::numeric, 3) AS difference
  FROM plan_effects(20, 2);
SELECT DISTINCT note FROM plan_effects(20, 2);
RESET housing_areas.min_cell_count;
-- while no later list is held, no change is shown
INSERT INTO plan VALUES (21, 'New plan', 'A', '[2025-01-01,2029-01-01)', 'approved', '0751');
INSERT INTO plan_area (plan_id, area_id) VALUES (21, 1);
SET housing_areas.min_cell_count = 1;
SELECT criterion, from_list, to_list, plan_areas, plan_before, plan_after, plan_change, difference
  FROM plan_effects(21) WHERE criterion = 'outside_labour';
RESET housing_areas.min_cell_count;
SELECT pg_temp.try($$SELECT * FROM plan_effects(99)$$) AS unknown_plan;
SELECT pg_temp.try($$SELECT * FROM plan_effects(20, 0)$$) AS k0;

DELETE FROM plan;
DELETE FROM plan_focus_area WHERE focus = 'sports';
DELETE FROM area;

-- ---- area_twins at scale: housing_areas_private.nearest_twins() (k-d trees
-- in C) gives exactly the rows of the all-pairs definition it replaced (the
-- oracle below, as area_twins was written before) and of twins(), on 450
-- records of 2022 and 420 of 2011: a coarse grid (many equal distances),
-- continuous values, unknown values (1 to 3 criteria; 2011 tests neither
-- education nor income), 30 identical areas under one plan (their 29
-- nearest all excluded), plans over 20 areas in 2021-2022 and 20 more in 2011
INSERT INTO area
SELECT g, 'Unit ' || g, '0751', '1082',
       ST_Multi(ST_MakeEnvelope(575000 + 10 * g, 6220000, 575005 + 10 * g, 6220005, 25832))
  FROM generate_series(1, 450) AS g;
INSERT INTO area_year (area_id, list_year, ind)
SELECT g, y, make_indicators(
         residents => 2000, nonwestern => CASE WHEN g % 19 <> 0 THEN 20 + (g * 13 % 10) * 5 END,
         outside_labour => 30 + (g * 7 % 11) * 2,
         convicted => CASE WHEN g % 13 <> 0 AND g % 23 <> 0 THEN 1 + (g * 5 % 7) * 0.5 END,
         national_convicted => CASE WHEN g % 29 <> 0 THEN 1 END,
         basic_education => CASE WHEN g % 17 <> 0 AND g % 23 <> 0 THEN 40 + (g * 3 % 9) * 4 END,
         income => 50 + (g * 11 % 8) * 3)
  FROM generate_series(1, 300) AS g, unnest(ARRAY[2011, 2022]) AS y;
INSERT INTO area_year (area_id, list_year, ind)
SELECT g, 2022, 'residents=2000 outside_labour=40 convicted=3 national_convicted=1 basic_education=60 income=55 nonwestern=50'
  FROM generate_series(301, 330) AS g;
INSERT INTO area_year (area_id, list_year, ind)
SELECT g, y, make_indicators(
         residents => 2000, nonwestern => CASE WHEN g % 11 <> 0 THEN 20 + (g * 0.7548776662 % 1)::float8 * 50 END,
         outside_labour => 25 + (g * 0.5698402910 % 1)::float8 * 30,
         convicted => CASE WHEN g % 7 <> 0 THEN 0.5 + (g * 0.4142135624 % 1)::float8 * 4 END,
         national_convicted => 0.9::float8,
         basic_education => CASE WHEN g % 5 <> 0 THEN 40 + (g * 0.3247179572 % 1)::float8 * 40 END,
         income => 45 + (g * 0.6180339887 % 1)::float8 * 30)
  FROM generate_series(331, 450) AS g, unnest(ARRAY[2011, 2022]) AS y;
INSERT INTO plan VALUES (1, 'Identical', 'A', '[2022-01-01,2023-01-01)', 'approved', '0751'),
                        (2, 'Twenty', 'A', '[2021-06-01,2022-06-01)', 'approved', '0751'),
                        (3, 'Early', 'A', '[2010-06-01,2012-01-01)', 'approved', '0751'),
                        (4, 'Later', 'A', '[2023-01-01,2024-01-01)', 'approved', '0751');
INSERT INTO plan_area (plan_id, area_id) SELECT 1, g FROM generate_series(301, 330) AS g;
INSERT INTO plan_area (plan_id, area_id) SELECT 2, g FROM generate_series(1, 20) AS g;
INSERT INTO plan_area (plan_id, area_id) SELECT 3, g FROM generate_series(21, 30) AS g UNION ALL SELECT 3, g FROM generate_series(331, 340) AS g;
INSERT INTO plan_area (plan_id, area_id) SELECT 4, g FROM generate_series(41, 60) AS g;
ANALYZE area_year;
CREATE TEMP TABLE twins_view AS SELECT area_id, list_year, rank, twin_id, distance, common_criteria FROM area_twins;
-- the oracle: area_twins as it was, every pair of a year, ranked
\set all_pairs pg_temp.twins_all_pairs
\i test/fixtures/twins-all-pairs.sql
CREATE TEMP TABLE twins_oracle AS SELECT * FROM pg_temp.twins_all_pairs;
-- twins() compares an area with every record of its year in SQL: a fifth
-- of the records (each plan's among them) keeps the test quick
CREATE TEMP TABLE twins_function AS
SELECT ay.area_id, ay.list_year, t.rank, t.twin_id, t.distance, t.common_criteria
  FROM area_year AS ay, twins(ay.area_id, ay.list_year) AS t
 WHERE ay.area_id % 5 = 1;
SELECT (SELECT count(*) FROM twins_view) AS view_rows, (SELECT count(*) FROM twins_oracle) AS oracle_rows,
       (SELECT count(*) FROM twins_function) AS function_rows,
       NOT EXISTS (SELECT * FROM twins_view EXCEPT ALL SELECT * FROM twins_oracle)
       AND NOT EXISTS (SELECT * FROM twins_oracle EXCEPT ALL SELECT * FROM twins_view) AS same_as_oracle,
       NOT EXISTS (SELECT * FROM twins_view WHERE area_id % 5 = 1 EXCEPT ALL SELECT * FROM twins_function)
       AND NOT EXISTS (SELECT * FROM twins_function EXCEPT ALL SELECT * FROM twins_view WHERE area_id % 5 = 1) AS same_as_twins,
       -- the distances equal bit for bit, not only as printed
       (SELECT bool_and(float8send(v.distance) = float8send(o.distance))
          FROM twins_view AS v JOIN twins_oracle AS o USING (area_id, list_year, rank)) AS same_bits;
-- what the rows rest on: unknown values, ties above 0 (by twin_id), both
-- years, the identical areas' twins outside their plan
SELECT list_year, count(*) AS rows, count(DISTINCT area_id) AS areas,
       count(*) FILTER (WHERE common_criteria < 5) AS with_unknown,
       count(*) FILTER (WHERE common_criteria = 3) AS on_3,
       (SELECT count(*) FROM twins_view AS b
         WHERE b.list_year = v.list_year
           AND EXISTS (SELECT 1 FROM twins_view AS a
                        WHERE (a.area_id, a.list_year, a.rank + 1) = (b.area_id, b.list_year, b.rank)
                          AND a.distance = b.distance AND a.distance > 0)) AS ties_above_0,
       count(DISTINCT area_id) FILTER (WHERE area_id BETWEEN 301 AND 330) AS identical_with_twins,
       min(distance) FILTER (WHERE area_id BETWEEN 301 AND 330) > 0 AS identical_not_each_other,
       -- plan 4 starts after both years: its areas may be each other's twins
       count(*) FILTER (WHERE area_id BETWEEN 41 AND 60 AND twin_id BETWEEN 41 AND 60) AS plan_4_pairs
  FROM twins_view AS v GROUP BY list_year ORDER BY list_year;
-- the pairs a plan in force that year excludes: none in the view, and
-- some among the nearest when no pair is excluded (the exclusions are at work)
WITH y AS (
	SELECT list_year, array_agg(area_id ORDER BY area_id) AS ids,
	       array_agg(twin_coordinates(ind, list_year) ORDER BY area_id) AS xs
	  FROM area_year WHERE ind IS NOT NULL GROUP BY list_year
), unexcluded AS (
	SELECT y.list_year, n.* FROM y, housing_areas_private.nearest_twins(y.ids, y.xs, '{}', '{}', 5, 3) AS n
), planned(source, list_year, area_id, twin_id) AS (
	SELECT 'view', list_year, area_id, twin_id FROM twins_view
	UNION ALL SELECT 'no exclusions', list_year, area_id, twin_id FROM unexcluded
)
SELECT t.source, t.list_year, count(*) AS plan_pairs
  FROM planned AS t
  JOIN plan_area AS own ON own.area_id = t.area_id
                       AND own.period && daterange(make_date(t.list_year, 1, 1), make_date(t.list_year + 1, 1, 1))
  JOIN plan_area AS p ON p.plan_id = own.plan_id AND p.area_id = t.twin_id
 GROUP BY 1, 2 ORDER BY 1 DESC, 2;
DROP TABLE twins_view, twins_oracle, twins_function;
DROP VIEW pg_temp.twins_all_pairs;
DELETE FROM plan;
DELETE FROM area;

-- ---- nearest_twins() directly: k beyond the records, min_common, ties,
-- exclusion pairs of ids not given, empty input, and bad arguments
SELECT * FROM housing_areas_private.nearest_twins('{5,3,9,4}',
  '{{0,0,0,0,0},{1,0,0,0,0},{0,1,0,0,0},{NULL,NULL,NULL,0,0}}', '{5,77}', '{9,5}', 10, 3);
SELECT * FROM housing_areas_private.nearest_twins('{5,3,9,4}',
  '{{0,0,0,0,0},{1,0,0,0,0},{0,1,0,0,0},{NULL,NULL,NULL,0,0}}', '{}', '{}', 1, 2);
SELECT count(*) AS no_records FROM housing_areas_private.nearest_twins('{}', '{}', '{}', '{}', 5, 3);
SELECT count(*) AS one_record FROM housing_areas_private.nearest_twins('{1}', '{{1,1,1,1,1}}', '{}', '{}', 5, 3);
-- pg_temp.twins_try(ids, coordinates[, exclude_area, exclude_twin, k,
-- min_common]): how nearest_twins() takes them (pg_temp.try)
CREATE FUNCTION pg_temp.twins_try(ids text, x text, ea text DEFAULT '{}',
    eb text DEFAULT '{}', k int DEFAULT 5, min_common int DEFAULT 3,
    detail boolean DEFAULT false) RETURNS text
LANGUAGE sql AS $$
  SELECT pg_temp.try(format('SELECT * FROM housing_areas_private.nearest_twins(%L, %L, %L, %L, %s, %s)',
                            ids, x, ea, eb, k, min_common), detail)
$$;
SELECT pg_temp.twins_try('{1,2}', '{{1,1,1,1,1},{1,1,1,1,1}}', k => 0) AS k0;
SELECT pg_temp.twins_try('{1,2}', '{{1,1,1,1,1},{1,1,1,1,1}}', min_common => 0) AS min_common_0;
SELECT pg_temp.twins_try('{1,2}', '{{1,1,1,1,1},{1,1,1,1,1}}', min_common => 6) AS min_common_6;
SELECT pg_temp.twins_try('{1,2}', '{1,1,1,1,1,1,1,1,1,1}', detail => true) AS flat;
SELECT pg_temp.twins_try('{1,2,3}', '{{1,1,1,1,1},{1,1,1,1,1}}', detail => true) AS too_few_rows;
SELECT pg_temp.twins_try('{1,2}', '{{1,1,1,1},{1,1,1,1}}', detail => true) AS four_columns;
SELECT pg_temp.twins_try('{{1,2}}', '{{1,1,1,1,1},{1,1,1,1,1}}', detail => true) AS ids_2d;
SELECT pg_temp.twins_try('{1,NULL}', '{{1,1,1,1,1},{1,1,1,1,1}}') AS null_id;
SELECT pg_temp.twins_try('{1,1}', '{{1,1,1,1,1},{1,1,1,1,1}}') AS duplicate_id;
SELECT pg_temp.twins_try('{1,2}', '{{1,1,1,1,1},{1,NaN,1,1,1}}') AS nan;
SELECT pg_temp.twins_try('{1,2}', '{{1,1,1,1,1},{1,1,1,1,-Infinity}}') AS infinity;
SELECT pg_temp.twins_try('{1,2}', '{{1,1,1,1,1},{1,1,1,1,1}}', ea => '{1}', detail => true) AS exclusion_lengths;
SELECT pg_temp.twins_try('{1,2}', '{{1,1,1,1,1},{1,1,1,1,1}}', ea => '{1}', eb => '{NULL}') AS exclusion_null;
SELECT pg_temp.twins_try('{1,2}', '{{1,1,1,1,1},{1,1,1,1,1}}', ea => '{{1}}', eb => '{{2}}') AS exclusion_2d;
SELECT pg_temp.twins_try('{1}', '{{{1,1,1,1,1}}}', detail => true) AS coordinates_3d;
SELECT pg_temp.twins_try('{}', '{{1,1,1,1,1}}', detail => true) AS a_row_without_id;
SELECT pg_temp.twins_try('{1}', '{}', detail => true) AS an_id_without_row;
-- arrays with lower bounds other than 1 give the same rows (the exclusion
-- of record 1's twin 2 at work in both)
SELECT array_agg(a ORDER BY a) = array_agg(b ORDER BY b) AS same_rows_any_bounds, count(*) AS rows
  FROM (SELECT n::text AS a, row_number() OVER () AS i
          FROM housing_areas_private.nearest_twins('[0:2]={1,2,3}', '[0:2][-1:3]={{0,0,0,0,0},{1,1,1,1,1},{3,3,3,3,3}}',
                                                   '[5:5]={1}', '[-7:-7]={2}', 5, 1) AS n) AS x
  FULL JOIN (SELECT n::text AS b, row_number() OVER () AS i
               FROM housing_areas_private.nearest_twins('{1,2,3}', '{{0,0,0,0,0},{1,1,1,1,1},{3,3,3,3,3}}',
                                                        '{1}', '{2}', 5, 1) AS n) AS y USING (i);
-- beyond the safe range every pair is checked as the float8 operators of the
-- SQL check them: the same error as twin_distance(), or the same rows
SELECT pg_temp.twins_try('{1,2}', '{{1e200,1,1,1,1},{1,1,1,1,1}}') AS overflow,
       pg_temp.try($$SELECT twin_distance('{1e200,1,1,1,1}', '{1,1,1,1,1}')$$) AS overflow_sql;
SELECT pg_temp.twins_try('{1,2}', '{{1e-170,1,1,1,1},{0,1,1,1,1}}') AS underflow,
       pg_temp.try($$SELECT twin_distance('{1e-170,1,1,1,1}', '{0,1,1,1,1}')$$) AS underflow_sql;
SELECT n.distance = twin_distance('{1e151,2e151,1,1,1}', '{-1e151,1,1,1,1}') AS checked_same
  FROM housing_areas_private.nearest_twins('{1,2}', '{{1e151,2e151,1,1,1},{-1e151,1,1,1,1}}', '{}', '{}', 5, 3) AS n
 WHERE n.area_id = 1;
