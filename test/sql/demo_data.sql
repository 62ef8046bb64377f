-- the demo: the same generator and report as `make demo`, at a tenth of the
-- size, so the demo cannot rot; then checks on the generated data
\set scale 0.1
\set dagi test/data/dagi
\set out test/out
\i test/demo/generate.sql
\i test/demo/report.sql

SET search_path = housing_areas, public;
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
RESET client_min_messages;
DELETE FROM area;
DELETE FROM facility;
DELETE FROM municipality;
