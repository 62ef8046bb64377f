-- faces for GIS and BI clients: keys the clients detect, fetches by key and
-- by list year through indexes, the latest list as polygons and points, the
-- map outputs agreeing on list years and on "unknown", tile metadata, the
-- BI time series (test/clients.sh runs GDAL and QGIS against the same views)
SET search_path = housing_areas, public;
\i test/fixtures/town.sql

-- the keys: id first (QGIS proposes the first column of a view), the same
-- value as ogc_fid (GDAL's default feature id column of a view), unique
SELECT c.relname, (SELECT a.attname FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attnum = 1) AS first_column,
       (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = 'ogc_fid') AS ogc_fid,
       (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = 'geom') AS geom
  FROM pg_class AS c WHERE c.relnamespace = 'housing_areas'::regnamespace AND c.relname LIKE 'gis\_%' ORDER BY 1;
SELECT count(*) AS rows, count(DISTINCT id) AS ids, count(*) FILTER (WHERE id = ogc_fid) AS same_key,
       count(*) FILTER (WHERE id = area_id * 100 + list_year % 100) AS documented_key
  FROM gis_area_status;

-- the view gives what area_status joined to area gives (its definition up to 0.3.0)
SELECT count(*) AS differing_rows FROM (
  (SELECT s.area_id * 100 + s.list_year % 100, s.area_id, s.list_year, s.name, s.municipality_code,
          s.category, category_label(s.category, s.list_year), s.on_udsat_list, s.labour, s.convictions,
          s.education, s.income, s.nonwestern, s.years_on_list, s.development_plan, s.kombineret_udlejning, a.geom::text
     FROM area_status AS s JOIN area AS a ON a.area_id = s.area_id
   EXCEPT
   SELECT id, area_id, list_year, name, municipality_code, category, label, on_udsat_list, labour, convictions,
          education, income, nonwestern, years_on_list, development_plan, kombineret_udlejning, geom::text
     FROM gis_area_status)
  UNION ALL
  (SELECT id, area_id, list_year, name, municipality_code, category, label, on_udsat_list, labour, convictions,
          education, income, nonwestern, years_on_list, development_plan, kombineret_udlejning, geom::text
     FROM gis_area_status
   EXCEPT
   SELECT s.area_id * 100 + s.list_year % 100, s.area_id, s.list_year, s.name, s.municipality_code,
          s.category, category_label(s.category, s.list_year), s.on_udsat_list, s.labour, s.convictions,
          s.education, s.income, s.nonwestern, s.years_on_list, s.development_plan, s.kombineret_udlejning, a.geom::text
     FROM area_status AS s JOIN area AS a ON a.area_id = s.area_id)) AS d;

-- a fetch by key or by list year goes through an index, and computes the
-- history of the areas it returns only (not a window over the whole table):
-- the most rows a window of the plan sees at a time (one area: its 11
-- years), and the indexes the plan names
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS TABLE (window_rows bigint, indexes text)
LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) ' || query INTO plan;
  RETURN QUERY
  WITH RECURSIVE node(n) AS (
    SELECT plan -> 0 -> 'Plan'
    UNION ALL
    SELECT json_array_elements(node.n -> 'Plans') FROM node WHERE node.n -> 'Plans' IS NOT NULL)
  SELECT max((n ->> 'Actual Rows')::numeric::bigint) FILTER (WHERE n ->> 'Node Type' = 'WindowAgg'),
         string_agg(DISTINCT n ->> 'Index Name', ', ' ORDER BY n ->> 'Index Name') FROM node;
END $$;
ANALYZE area, area_year;
SELECT 'by id' AS fetch, * FROM pg_temp.plan_of('SELECT * FROM housing_areas.gis_area_status WHERE id = 1524')
UNION ALL
SELECT 'by ids', * FROM pg_temp.plan_of('SELECT * FROM housing_areas.gis_area_status WHERE id IN (1524, 2017, 9914)')
UNION ALL
SELECT 'latest by id', * FROM pg_temp.plan_of('SELECT * FROM housing_areas.gis_latest_list WHERE id = 1524')
UNION ALL
SELECT 'by ogc_fid', * FROM pg_temp.plan_of('SELECT * FROM housing_areas.gis_area_status WHERE ogc_fid = 1524')
UNION ALL
SELECT 'area and year', * FROM pg_temp.plan_of('SELECT * FROM housing_areas.gis_area_status WHERE area_id = 15 AND list_year = 2024');
SELECT id, area_id, list_year, category, years_on_list FROM gis_area_status WHERE id IN (1524, 2017, 9914) ORDER BY id;
-- by list year: the index on area_year (list_year) where the planner wants
-- it (forced here, as at national scale), and one area's rows at a time
SET enable_seqscan = off;
SELECT 'by list year' AS fetch, * FROM pg_temp.plan_of('SELECT * FROM housing_areas.gis_area_status WHERE list_year = 2024')
UNION ALL
SELECT 'latest list', * FROM pg_temp.plan_of('SELECT * FROM housing_areas.gis_latest_list');
RESET enable_seqscan;

-- the latest list: one row per area, as gis_area_status of that year; its
-- points lie inside the polygons
SELECT (SELECT count(*) FROM gis_latest_list) AS latest,
       (SELECT count(*) FROM gis_area_status WHERE list_year = latest_list_year()) AS of_that_year,
       (SELECT min(list_year) || '-' || max(list_year) FROM gis_latest_list) AS years,
       (SELECT count(*) FROM gis_latest_list_points AS p JOIN gis_latest_list AS l USING (id)
         WHERE ST_Within(p.geom, l.geom) AND p.category = l.category) AS points_inside;

-- the map outputs agree on the list years they take: before 2010 the rules'
-- error, a year without rows in area_year an error naming the years held;
-- the same for each
\i test/fixtures/try.sql
SELECT y AS list_year, e AS error, count(*) AS outputs, string_agg(f, ', ' ORDER BY f) AS functions
  FROM (VALUES ('areas_geojson', 'SELECT housing_areas.areas_geojson(%s)'),
               ('areas_mvt', 'SELECT housing_areas.areas_mvt(12, 2164, 1272, %s)'),
               ('areas_mvt_features', 'SELECT * FROM housing_areas.areas_mvt_features(12, 2164, 1272, %s)'),
               ('area_points_mvt_features', 'SELECT * FROM housing_areas.area_points_mvt_features(12, 2164, 1272, %s)'),
               ('areas_mvt far away', 'SELECT housing_areas.areas_mvt(12, 0, 0, %s)'),
               ('areas_tilejson', 'SELECT housing_areas.areas_tilejson(NULL, %s)'),
               ('map_svg', 'SELECT housing_areas.map_svg(%s)'),
               ('map_svg of a municipality', 'SELECT housing_areas.map_svg(%s, ''0751'')')) AS o(f, q),
       (VALUES (2009), (2013), (2030)) AS years(y),
       LATERAL (SELECT pg_temp.try(format(o.q, years.y), true) AS e) AS r
 GROUP BY y, e ORDER BY y, e;
-- the default year of the tiles is the latest; with no rows at all, the
-- same error
SELECT length(areas_mvt(12, 2164, 1272)) = length(areas_mvt(12, 2164, 1272, 2024)) AS default_is_latest;
BEGIN;
DELETE FROM area_year;
SELECT pg_temp.try('SELECT housing_areas.areas_mvt(12, 2164, 1272)', true) AS empty_area_year;
ROLLBACK;

-- "unknown" spelled the same everywhere: an area without a row in the list
-- year is unknown in the GeoJSON, in both tile layers and on the SVG map,
-- as undetermined rows are in area_status
INSERT INTO area VALUES (101, 'Area 101', '0751', '1082', ST_Multi(ST_MakeEnvelope(577500, 6222500, 577800, 6222800, 25832)));
SELECT 'geojson' AS output, f -> 'properties' ->> 'category' AS category, f -> 'properties' ->> 'label' AS label
  FROM json_array_elements(areas_geojson(2024) -> 'features') AS f WHERE (f ->> 'id')::int = 101
UNION ALL
SELECT 'areas_mvt_features', category, label FROM areas_mvt_features(12, 2164, 1272, 2024) WHERE area_id = 101
UNION ALL
SELECT 'area_points_mvt_features', category, label FROM area_points_mvt_features(12, 2164, 1272, 2024) WHERE area_id = 101
UNION ALL
SELECT 'map_svg', CASE WHEN (xpath('//s:path[s:title="Area 101: unknown"]/@fill', xmlparse(document map_svg(2024, '0751')),
                                   '{{s,http://www.w3.org/2000/svg}}'))[1]::text = category_colour('unknown')
                       THEN 'unknown' END, NULL
UNION ALL
SELECT 'area_status', 'unknown', category_label('unknown', 2024);
-- no output has a NULL category
SELECT (SELECT count(*) FROM json_array_elements(areas_geojson(2024) -> 'features') AS f
         WHERE f -> 'properties' ->> 'category' IS NULL) AS geojson_nulls,
       (SELECT count(*) FROM areas_mvt_features(8, 135, 79, 2024) WHERE category IS NULL) AS tile_nulls;
DELETE FROM area WHERE area_id = 101;

-- TileJSON: the layers and fields of the tiles (read from the feature
-- functions), zooms, bounds around the areas, the URL template given
\i test/fixtures/mvt.sql
CREATE TEMP TABLE tj AS SELECT areas_tilejson('http://localhost:7800/housing_areas.areas_mvt/{z}/{x}/{y}.pbf') AS j;
SELECT j ->> 'tilejson' AS tilejson, j -> 'tiles' AS tiles, j ->> 'minzoom' AS minzoom, j ->> 'maxzoom' AS maxzoom,
       j ->> 'list_year' AS list_year, j ->> 'description' AS description
  FROM tj;
SELECT l ->> 'id' AS layer, l -> 'fields' AS fields FROM tj, jsonb_array_elements(j -> 'vector_layers') AS l;
-- the fields are exactly the keys of the decoded tile's layers
SELECT l.layer, l.keys, (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(v -> 'fields') AS k)
                        = (SELECT array_agg(k ORDER BY k) FROM unnest(l.keys) AS k) AS same_fields
  FROM pg_temp.mvt_layers(areas_mvt(12, 2164, 1272, 2024)) AS l
  JOIN tj ON true
  JOIN jsonb_array_elements(tj.j -> 'vector_layers') AS v ON v ->> 'id' = l.layer
 ORDER BY 1;
-- the bounds hold every area (in lon/lat) and the centre lies within them
SELECT bool_and(ST_Within(ST_Transform(a.geom, 4326),
                          ST_Expand(ST_MakeEnvelope((j -> 'bounds' ->> 0)::float8, (j -> 'bounds' ->> 1)::float8,
                                                    (j -> 'bounds' ->> 2)::float8, (j -> 'bounds' ->> 3)::float8, 4326), 0.0001)))
           AS bounds_hold_the_areas,
       bool_and(ST_Within(ST_SetSRID(ST_MakePoint((j -> 'center' ->> 0)::float8, (j -> 'center' ->> 1)::float8), 4326),
                          ST_MakeEnvelope((j -> 'bounds' ->> 0)::float8, (j -> 'bounds' ->> 1)::float8,
                                          (j -> 'bounds' ->> 2)::float8, (j -> 'bounds' ->> 3)::float8, 4326)))
           AS centre_inside
  FROM tj, area AS a;
SELECT areas_tilejson(list_year => 2017) ->> 'description' AS description_2017,
       areas_tilejson() ? 'tiles' AS tiles_without_url;
-- areas smaller than a tile unit at low zoom: gone from "areas", present in
-- "area_points" (the national map keeps them)
SELECT (SELECT count(*) FROM areas_mvt_features(0, 0, 0, 2024)) AS world_polygons,
       (SELECT count(*) FROM area_points_mvt_features(0, 0, 0, 2024)) AS world_points,
       (SELECT count(*) FROM area_points_mvt_features(5, 16, 9, 2024)) AS z5_points,
       (SELECT count(*) FROM area) AS areas;

-- BI: built-in types only in the BI views
SELECT c.relname, string_agg(DISTINCT format_type(a.atttypid, NULL), ', ' ORDER BY format_type(a.atttypid, NULL)) AS types
  FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE c.relnamespace = 'housing_areas'::regnamespace AND c.relname LIKE 'bi\_%'
 GROUP BY c.relname ORDER BY 1;
-- the time series: one row per margins() row of each area and year, one
-- row (criterion NULL) for a year without indicators; values as margins()
-- gives them
UPDATE area_year SET ind = NULL, official_category = 'udsat' WHERE area_id = 1 AND list_year = 2016;
SELECT (SELECT count(*) FROM bi_area_timeseries) AS rows,
       (SELECT sum(GREATEST(1, (SELECT count(*) FROM margins(ay.ind, ay.list_year)))) FROM area_year AS ay) AS expected,
       (SELECT count(*) FROM bi_area_timeseries WHERE criterion IS NULL) AS without_indicators,
       (SELECT count(*) FROM bi_area_timeseries AS t
          JOIN area_year AS ay ON (ay.area_id, ay.list_year) = (t.area_id, t.list_year)
          JOIN LATERAL margins(ay.ind, ay.list_year) AS m
            ON (m.category, m.criterion, m.operator, m.threshold) = (t.test, t.criterion, t.operator, t.threshold)
         WHERE m.value = t.value AND m.met = t.met AND m.distance = t.distance) AS as_margins;
SELECT list_year, list_date, category, category_en, previous_list_year, previous_category, udsat_lists,
       years_on_list, development_plan, count(*) AS tests
  FROM bi_area_timeseries WHERE area_id = 1 AND list_year BETWEEN 2014 AND 2018
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1;
-- the municipality's and the country's figure (one municipality here: the
-- same), the national figure for convictions only
SELECT test, criterion, value, operator, threshold, met, distance, unit,
       round(municipality_value::numeric, 2) AS municipality_value, municipality_areas,
       round(country_value::numeric, 2) AS country_value, country_areas, national_value
  FROM bi_area_timeseries WHERE area_id = 5 AND list_year = 2024 ORDER BY test, criterion, threshold;
-- residents 2500 in 20 areas, 1800 in 20, 1500 in 20, 1200 in 40: the
-- figures weight shares by residents
SELECT round(country_value::numeric, 4) AS country_labour,
       round((20 * 2500 * 45 + 20 * 1800 * 42 + 20 * 1500 * 33 + 40 * 1200 * 20)::numeric
             / (20 * 2500 + 20 * 1800 + 20 * 1500 + 40 * 1200), 4) AS expected
  FROM bi_area_timeseries WHERE area_id = 5 AND list_year = 2024 AND test = 'udsat' AND criterion = 'labour';
-- disclosure: a small population's values, distances and figures are NULL
UPDATE area_year SET ind = 'residents=3 nonwestern=60 outside_labour=45 basic_education=70' WHERE area_id = 2 AND list_year = 2024;
SELECT criterion, value, met, distance FROM bi_area_timeseries
 WHERE area_id = 2 AND list_year = 2024 AND test IN ('all', 'udsat', 'parallelsamfund') ORDER BY test, criterion;
RESET search_path;

DELETE FROM housing_areas.area;
DELETE FROM housing_areas.facility;
