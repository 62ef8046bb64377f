-- the demo: the same generator and report as `make demo`, at a fifth of the
-- size, so the demo cannot rot; then checks on the generated data.  At 0.2
-- every section of the report has rows (at 0.1 the list of 2025, the plans and
-- the services were empty: 13 areas, none of them ever an omdannelsesområde)
\set scale 0.2
\set dagi test/data/dagi
\set out test/out
\i test/demo/generate.sql
\i test/demo/report.sql

SET search_path = housing_areas, public;
-- rows per section of the report (its views, or the same calls; section 0
-- holds fixed cases) and each column of section 1 over all years: at this
-- scale none may be empty, so "empty" must say none
CREATE TEMP VIEW report_rows (section, what, rows) AS
VALUES (1, 'list years', (SELECT count(*) FROM list_sizes)),
       (1, 'udsat (all years)', (SELECT sum(udsat) FROM list_sizes)),
       (1, 'ghetto_parallel (all years)', (SELECT sum(ghetto_parallel) FROM list_sizes)),
       (1, 'hard_omdannelse (all years)', (SELECT sum(hard_omdannelse) FROM list_sizes)),
       (1, 'forebyggelse (all years)', (SELECT sum(forebyggelse) FROM list_sizes)),
       (1, 'unknown (all years)', (SELECT sum(unknown) FROM list_sizes)),
       (2, 'areas on the list of 2025', (SELECT count(*) FROM latest WHERE category <> 'forebyggelse')),
       (2, 'forebyggelse 2025', (SELECT count(*) FROM latest WHERE category = 'forebyggelse')),
       (3, 'changes since 2024', (SELECT count(*) FROM changes)),
       (4, 'development plans', (SELECT count(*) FROM area_status WHERE list_year = 2025 AND development_plan)),
       (5, 'forecast areas', (SELECT count(*) FROM forecast)),
       (5, 'ways off the lists of 2025', (SELECT count(*) FROM way_off)),
       (5, 'closest to entering udsat', (SELECT count(*) FROM closest)),
       (5, 'forecast in persons', (SELECT count(*) FROM in_persons)),
       (6, 'daycares over the cap', (SELECT count(*) FROM daycare_cap_disclosed(2025) WHERE over_cap)),
       (7, 'schools with language tests', (SELECT count(*) FROM language_test_schools(2025))),
       (8, 'listed areas with services', (SELECT count(*) FROM services)),
       (9, 'obligations in force on 1 December 2025', (SELECT count(*) FROM obligations_2025 WHERE holds)),
       (9, 'kinds of obligation in force', (SELECT count(*) FROM obligation_counts WHERE areas > 0)),
       (9, 'grounds checked for the household', (SELECT count(*) FROM allocation_check(
             (SELECT min(area_id) FROM obligations_2025 WHERE holds AND obligation = 'allocation_limit'),
             '2025-12-01', '{"members": [{"role": "applicant"}]}'))),
       -- the exports hide small cells (test/sql/disclosure.sql tries to
       -- read them): the demo's data has some to hide
       (9, 'daycares with a § 26 b, § 26 c or stk. 12-14 outcome',
        (SELECT count(*) FROM daycare_cap_detail(2025) WHERE decided_by <> 'dagtilbudsloven § 26 a')),
       (9, 'daycares in udsat or § 26 c areas', (SELECT count(*) FROM daycare_offer_elsewhere(2025))),
       (9, 'children of the learning offer', (SELECT count(*) FROM learning_offer('2026-06-01'))),
       (9, 'plan areas projected', (SELECT count(*) FROM plan_projection() WHERE share_at_deadline IS NOT NULL)),
       (14, 'area years with values suppressed', (SELECT count(*) FROM bi_area_status WHERE suppressed <> '')),
       (14, 'daycares with counts suppressed', (SELECT count(*) FROM daycare_cap_disclosed(2025) WHERE suppressed <> '')),
       (10, 'own units tiered in 2025', (SELECT count(*) FROM monitoring_status('trappemodel') WHERE year = 2025 AND tier IS NOT NULL)),
       (10, 'own units beside a legal area', (SELECT count(DISTINCT unit_id) FROM monitoring_status('trappemodel') WHERE area_id IS NOT NULL)),
       (10, 'own units outside every area', (SELECT count(DISTINCT unit_id) FROM monitoring_status('trappemodel') WHERE area_id IS NULL)),
       (10, 'own units whose tier changed', (SELECT count(DISTINCT unit_id) FROM monitoring_status('trappemodel') WHERE tier <> previous_tier)),
       (11, 'plans', (SELECT count(*) FROM plan)),
       (11, 'areas with a plan', (SELECT count(*) FROM coverage WHERE covered)),
       (11, 'areas without a plan', (SELECT count(*) FROM coverage WHERE NOT covered)),
       (12, 'twins', (SELECT count(*) FROM first_plan_twins)),
       (13, 'effects with a difference', (SELECT count(*) FROM effects WHERE difference IS NOT NULL));
SELECT * FROM report_rows;
SELECT coalesce(string_agg(section || ' ' || what, '; ') FILTER (WHERE coalesce(rows, 0) = 0), 'none') AS empty
  FROM report_rows;
-- every area is a valid polygon inside its own municipality, and no two overlap
SELECT count(*) AS areas,
       count(*) FILTER (WHERE ST_IsValid(a.geom)) AS valid,
       -- (intersection vertices may lie a floating-point hair outside the boundary)
       count(*) FILTER (WHERE ST_Covers(m.geom, ST_PointOnSurface(a.geom))
                          AND ST_Area(ST_Intersection(a.geom, m.geom)) >= 0.9999 * ST_Area(a.geom)) AS inside_municipality,
       (SELECT count(*) FROM area AS x JOIN area AS y ON x.area_id < y.area_id AND ST_Intersects(x.geom, y.geom)) AS overlapping
  FROM area AS a JOIN municipality AS m USING (municipality_code);
-- indicators every year 2012-2025; history published for 2012-2017
SELECT min(list_year), max(list_year), count(*) / count(DISTINCT area_id) AS years_per_area,
       count(*) FILTER (WHERE official_category IS NOT NULL) AS official,
       bool_and(official_category IS NULL) FILTER (WHERE list_year > 2017) AS official_only_early
  FROM area_year;
-- values drift: areas enter and leave lists
SELECT count(DISTINCT area_id) FILTER (WHERE on_udsat_list) AS ever_udsat,
       count(DISTINCT area_id) FILTER (WHERE category = 'omdannelse') AS ever_omdannelse
  FROM area_status;
-- children and pupils go to facilities of their kind; person rows for two data years
SELECT f.kind, count(*) FROM enrolment AS e JOIN facility AS f USING (facility_id) GROUP BY f.kind ORDER BY 1;
SELECT data_year, count(*) AS persons, count(DISTINCT area_id) AS areas FROM demo.person GROUP BY 1 ORDER BY 1;
-- the generator is deterministic: a digest of the data
SELECT md5(string_agg(area_id || ':' || list_year || ':' || ind::text, ',' ORDER BY area_id, list_year)) AS indicators_digest
  FROM area_year;

SET client_min_messages = warning;
DROP SCHEMA demo CASCADE;
DELETE FROM monitoring_unit;
DELETE FROM monitoring_scheme;
SELECT count(*) AS rule_sets_dropped
  FROM (SELECT drop_rules(name) FROM rule_set WHERE name IN ('trappe1', 'trappe2', 'trappe3')) AS d;
RESET client_min_messages;
DELETE FROM child;
DELETE FROM decision;
DELETE FROM plan;
DELETE FROM area;
DELETE FROM facility;
DELETE FROM municipality;
