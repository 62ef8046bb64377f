-- map outputs (GeoJSON, vector tiles, SVG), a restricted search_path, and
-- PostGIS installed in another schema
SET search_path = housing_areas, public;
\i test/fixtures/town.sql

-- GeoJSON: an RFC 7946 FeatureCollection in EPSG:4326
SELECT j ->> 'type' AS type, json_array_length(j -> 'features') AS features,
       (j::jsonb ? 'crs') AS has_crs_member
  FROM (SELECT areas_geojson(2024) AS j) AS x;
WITH f AS (SELECT json_array_elements(areas_geojson(2024) -> 'features') AS f)
SELECT count(*) AS features,
       count(*) FILTER (WHERE f ->> 'type' = 'Feature') AS typed,
       count(*) FILTER (WHERE f -> 'geometry' ->> 'type' = 'MultiPolygon') AS multipolygons,
       bool_and(ST_IsPolygonCCW(ST_GeomFromGeoJSON(f ->> 'geometry'))) AS exterior_ccw,
       bool_and(ST_SRID(ST_GeomFromGeoJSON(f ->> 'geometry')) = 4326) AS srid_4326,
       round(min(ST_XMin(ST_GeomFromGeoJSON(f ->> 'geometry')))::numeric, 2) AS min_lon,
       round(max(ST_YMax(ST_GeomFromGeoJSON(f ->> 'geometry')))::numeric, 2) AS max_lat,
       -- back in 25832 each square is still 400 m x 400 m (within 0.1 %)
       bool_and(abs(ST_Area(ST_Transform(ST_GeomFromGeoJSON(f ->> 'geometry'), 25832)) - 160000) < 160) AS areas_kept
  FROM f;
WITH f AS (SELECT json_array_elements(areas_geojson(2024) -> 'features') AS f)
SELECT f -> 'properties' ->> 'category' AS category, count(*)
  FROM f GROUP BY 1 ORDER BY 1;
SELECT json_array_elements(areas_geojson(2018) -> 'features') -> 'properties' AS first_properties LIMIT 1;
SELECT areas_geojson(2030) -> 'features' -> 0 -> 'properties' ->> 'category' AS no_status_that_year;

-- vector tiles: the z/x/y tile over the town has the areas, other tiles none
CREATE TEMP TABLE town_tile AS
SELECT 12 AS z,
       floor((ST_X(p) + 180) / 360 * 4096)::int AS x,
       floor((1 - ln(tan(radians(ST_Y(p))) + 1 / cos(radians(ST_Y(p)))) / pi()) / 2 * 4096)::int AS y
  FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(577500, 6222500), 25832), 4326) AS p) AS c;
SELECT z, x, y FROM town_tile;
SELECT length(areas_mvt(z, x, y, 2024)) > 0 AS town_tile_has_data,
       (SELECT count(*) FROM areas_mvt_features(z, x, y, 2024)) AS features,
       length(areas_mvt(z, x, y)) = length(areas_mvt(z, x, y, 2024)) AS default_is_latest,
       length(areas_mvt(12, 0, 0)) AS far_tile_bytes,
       (SELECT count(*) FROM areas_mvt_features(z - 4, x / 16, y / 16)) AS z8_tile_features
  FROM town_tile;
-- at zoom 0 a pixel is about 10 km: the 400 m squares collapse and are left out
SELECT count(*) AS world_tile_features FROM areas_mvt_features(0, 0, 0);
-- categories follow the list year
SELECT category, count(*) FROM town_tile, areas_mvt_features(z - 4, x / 16, y / 16, 2017) GROUP BY 1 ORDER BY 1;
SELECT areas_mvt(-1, 0, 0);
SELECT areas_mvt(3, 8, 0);
SELECT areas_mvt(3, 0, -1);
SELECT areas_mvt(31, 0, 0);
SELECT areas_mvt(NULL, 0, 0);

-- SVG: well-formed XML with one path per area, a legend and the list date
CREATE TEMP TABLE svg AS SELECT xmlparse(document map_svg(2024)) AS doc;
SELECT doc IS DOCUMENT AS well_formed,
       (xpath('count(//s:path)', doc, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS paths,
       (xpath('count(//s:circle)', doc, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS circles,
       (xpath('//s:text[1]/text()', doc, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS title,
       (xpath('//s:text[2]/text()', doc, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS subtitle
  FROM svg;
SELECT unnest(xpath('//s:text/text()', doc, '{{s,http://www.w3.org/2000/svg}}'))::text AS legend_and_notes
  FROM svg OFFSET 2;
-- the fills are the category colours
SELECT (xpath('//s:path/@fill', doc, '{{s,http://www.w3.org/2000/svg}}'))::text[] @> ARRAY[category_colour('omdannelse')] AS has_omdannelse_fill
  FROM svg;
-- 2012: 1 October list, no udsat or forebyggelse in the legend
SELECT (xpath('//s:text[1]/text()', xmlparse(document map_svg(2012)), '{{s,http://www.w3.org/2000/svg}}'))[1]::text;
SELECT count(*) AS legend_rows FROM unnest(xpath('//s:rect[@width="16"]', xmlparse(document map_svg(2012)), '{{s,http://www.w3.org/2000/svg}}'));
-- names are escaped
UPDATE area SET name = 'Bl<å> & "Grøn"' WHERE area_id = 1;
SELECT xmlparse(document map_svg(2024)) IS DOCUMENT AS still_well_formed;
SELECT (xpath('//s:path[1]/s:title/text()', xmlparse(document map_svg(2024)), '{{s,http://www.w3.org/2000/svg}}'))[1]::text;
-- one municipality, with its outline and name when the boundary is loaded
INSERT INTO municipality VALUES ('0751', 'Aarhus', '1082', ST_Multi(ST_MakeEnvelope(570000, 6215000, 590000, 6235000, 25832)));
SELECT (xpath('count(//s:path)', d, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS paths,
       (xpath('//s:text[1]/text()', d, '{{s,http://www.w3.org/2000/svg}}'))[1]::text AS title
  FROM (SELECT xmlparse(document map_svg(2024, '0751')) AS d) AS x;
SELECT (xpath('//s:text/text()', xmlparse(document map_svg(2024, '0999')), '{{s,http://www.w3.org/2000/svg}}'))::text[];

-- a restricted search_path breaks nothing
SET search_path = pg_catalog, pg_temp;
SELECT count(*) AS daycare_cap FROM housing_areas.daycare_cap(2020);
SELECT count(*) AS language_test_schools FROM housing_areas.language_test_schools(2021);
SELECT count(*) AS nearest FROM housing_areas.nearest_facilities('school', 2, 2022);
SELECT count(*) AS access FROM housing_areas.facility_access('library', 1000);
SELECT json_array_length(housing_areas.areas_geojson(2024) -> 'features') AS geojson;
SELECT length(housing_areas.areas_mvt(8, 135, 79)) > 0 AS mvt;
SELECT xmlparse(document housing_areas.map_svg(2024)) IS DOCUMENT AS svg;
SELECT count(*) AS area_status FROM housing_areas.area_status;
SELECT count(*) AS gis FROM housing_areas.gis_area_status;
SELECT count(*) AS bi FROM housing_areas.bi_area_status;
SELECT (housing_areas.classify('residents=1000'::housing_areas.indicators, 2024)).category;
SET search_path = housing_areas, public;

DELETE FROM area;
DELETE FROM facility;
DELETE FROM municipality;

-- PostGIS in another schema than the extension
\set regress_db :DBNAME
CREATE DATABASE ha_other_schema;
\c ha_other_schema
SET client_min_messages = warning;
CREATE SCHEMA gis;
CREATE EXTENSION postgis SCHEMA gis;
CREATE EXTENSION housing_areas_postgis CASCADE;
RESET client_min_messages;
SELECT e.extname, n.nspname FROM pg_extension AS e JOIN pg_namespace AS n ON n.oid = e.extnamespace
 WHERE e.extname IN ('postgis', 'housing_areas', 'housing_areas_postgis') ORDER BY 1;
SET search_path = pg_catalog, pg_temp;
INSERT INTO housing_areas.area VALUES
  (1, 'A', '0751', '1082', gis.ST_Multi(gis.ST_MakeEnvelope(575000, 6220000, 575400, 6220400, 25832)));
INSERT INTO housing_areas.area_year (area_id, list_year, ind) VALUES
  (1, 2019, 'residents=2000 nonwestern=60 outside_labour=45 basic_education=70'),
  (1, 2021, 'residents=2000 nonwestern=60 outside_labour=45 basic_education=70');
INSERT INTO housing_areas.facility VALUES
  (1, 'daycare', 'D', '0751', gis.ST_SetSRID(gis.ST_MakePoint(575500, 6220500), 25832));
INSERT INTO housing_areas.enrolment VALUES
  (1, 2020, gis.ST_SetSRID(gis.ST_MakePoint(575100, 6220100), 25832)),
  (1, 2020, gis.ST_SetSRID(gis.ST_MakePoint(576100, 6220100), 25832));
SELECT * FROM housing_areas.daycare_cap(2020);
SELECT * FROM housing_areas.language_test_schools(2021);
SELECT area_id, rank, facility_id, round(distance_m::numeric, 1) FROM housing_areas.nearest_facilities('daycare', 1, 2021);
SELECT * FROM housing_areas.facility_access('daycare', 200);
SELECT housing_areas.areas_geojson(2021) -> 'features' -> 0 -> 'properties' ->> 'category' AS geojson_category;
SELECT length(housing_areas.areas_mvt(8, 135, 79)) > 0 AS mvt;
SELECT xmlparse(document housing_areas.map_svg(2021)) IS DOCUMENT AS svg;
SELECT area_id, list_year, category, years_on_list FROM housing_areas.area_status ORDER BY list_year;
SELECT count(*) FROM housing_areas.gis_area_status;
SELECT round(lon::numeric, 3) AS lon, round(lat::numeric, 3) AS lat FROM housing_areas.bi_area_status LIMIT 1;
\c :regress_db
DROP DATABASE ha_other_schema;
