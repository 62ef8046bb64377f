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
-- a list year without rows in area_year is refused, as by every map output
-- (test/sql/gis_clients.sql: the same for each of them)
\set VERBOSITY terse
SELECT areas_geojson(2030);
\set VERBOSITY default

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

-- decode the tiles: test/fixtures/mvt.sql is a protobuf decoder in pg_temp,
-- independent of PostGIS; the town tile above (z 12, 30 areas), the z 8 tile
-- with the whole town, each with area 101, which has no row in area_year
-- (category unknown, the NULLs of its status left out)
\i test/fixtures/mvt.sql
INSERT INTO area VALUES (101, 'Area 101', '0751', '1082', ST_Multi(ST_MakeEnvelope(577500, 6222500, 577800, 6222800, 25832)));
CREATE TEMP TABLE town_mvt AS
SELECT z, x, y, 2024 AS list_year, areas_mvt(z, x, y, 2024) AS tile FROM town_tile
UNION ALL
SELECT z - 4, x / 16, y / 16, 2024, areas_mvt(z - 4, x / 16, y / 16, 2024) FROM town_tile;
-- two layers: "areas" (polygons) and "area_points" (a point inside each
-- area), version 2, extent 4096, one feature per row of their functions
SELECT m.z, m.list_year, (SELECT count(*) FROM pg_temp.mvt_layers(m.tile)) AS layers,
       l.layer, l.version, l.extent, l.features,
       CASE l.layer WHEN 'areas' THEN (SELECT count(*) FROM areas_mvt_features(m.z, m.x, m.y, m.list_year))
                    ELSE (SELECT count(*) FROM area_points_mvt_features(m.z, m.x, m.y, m.list_year)) END AS feature_rows,
       l.keys
  FROM town_mvt AS m, pg_temp.mvt_layers(m.tile) AS l
 ORDER BY m.z DESC, m.list_year, l.layer DESC;
-- the points: one per area, inside its polygon, the same attributes
SELECT m.z, count(*) AS points, count(DISTINCT p.feature_id) AS ids,
       count(*) FILTER (WHERE p.geom_type = 1) AS point_features,
       count(*) FILTER (WHERE p.attrs = a.attrs) AS same_attributes
  FROM town_mvt AS m
  JOIN pg_temp.mvt_features(m.tile) AS p ON p.layer = 'area_points'
  LEFT JOIN pg_temp.mvt_features(m.tile) AS a ON a.layer = 'areas' AND a.feature_id = p.feature_id
 GROUP BY m.z ORDER BY m.z DESC;
-- each feature of "areas": id = area_id, the other columns but geom as
-- attributes (NULLs absent), one polygon ring (MoveTo, LineTo, ClosePath)
-- with the vertices of the geometry column
CREATE TEMP TABLE town_decoded AS
SELECT m.z, m.list_year, f.* FROM town_mvt AS m, pg_temp.mvt_features(m.tile) AS f WHERE f.layer = 'areas';
CREATE TEMP TABLE town_rows AS
SELECT m.z, m.list_year, r.area_id::bigint AS feature_id,
       jsonb_strip_nulls(to_jsonb(r) - 'area_id' - 'geom') AS attrs, ST_AsText(r.geom) AS wkt
  FROM town_mvt AS m, areas_mvt_features(m.z, m.x, m.y, m.list_year) AS r;
SELECT d.z, d.list_year, count(*) AS features, count(DISTINCT d.feature_id) AS ids,
       count(*) FILTER (WHERE d.layer = 'areas' AND d.geom_type = 3 AND d.commands = 3) AS polygons,
       count(DISTINCT d.attrs ->> 'category') AS categories,
       (SELECT count(*) FROM (SELECT feature_id, attrs FROM town_decoded AS a WHERE (a.z, a.list_year) = (d.z, d.list_year)
                              EXCEPT
                              SELECT feature_id, attrs FROM town_rows AS r WHERE (r.z, r.list_year) = (d.z, d.list_year)) AS e) AS only_in_tile,
       (SELECT count(*) FROM (SELECT feature_id, attrs FROM town_rows AS r WHERE (r.z, r.list_year) = (d.z, d.list_year)
                              EXCEPT
                              SELECT feature_id, attrs FROM town_decoded AS a WHERE (a.z, a.list_year) = (d.z, d.list_year)) AS e) AS only_in_rows,
       count(*) FILTER (WHERE d.wkt = (SELECT r.wkt FROM town_rows AS r
                                        WHERE (r.z, r.list_year, r.feature_id) = (d.z, d.list_year, d.feature_id))) AS same_geometry
  FROM town_decoded AS d
 GROUP BY d.z, d.list_year ORDER BY d.z DESC, d.list_year;
-- the attributes against area and area_status themselves
SELECT d.z, d.list_year, count(*) AS features,
       count(*) FILTER (WHERE d.attrs ->> 'name' IS DISTINCT FROM a.name
                           OR d.attrs ->> 'municipality_code' IS DISTINCT FROM a.municipality_code
                           OR (d.attrs ->> 'list_year')::integer IS DISTINCT FROM d.list_year
                           OR d.attrs ->> 'category' IS DISTINCT FROM COALESCE(s.category, 'unknown')::text
                           OR d.attrs ->> 'label' IS DISTINCT FROM category_label(COALESCE(s.category, 'unknown'), d.list_year)
                           OR (d.attrs ->> 'years_on_list')::integer IS DISTINCT FROM s.years_on_list
                           OR (d.attrs ->> 'development_plan')::boolean IS DISTINCT FROM s.development_plan) AS differ,
       count(s.area_id) AS with_status
  FROM town_decoded AS d
  JOIN area AS a ON a.area_id = d.feature_id
  LEFT JOIN area_status AS s ON s.area_id = d.feature_id AND s.list_year = d.list_year
 GROUP BY d.z, d.list_year ORDER BY d.z DESC, d.list_year;
-- the whole town at z 8: the categories of the GeoJSON above
SELECT attrs ->> 'category' AS category, count(*), min(attrs ->> 'label') AS label
  FROM town_decoded WHERE z = 8 GROUP BY 1 ORDER BY 1;
SELECT attrs FROM town_decoded WHERE z = 12 AND feature_id IN (1, 5, 101) ORDER BY list_year, feature_id;

-- the decoder on a tile of every attribute type and geometry type: text,
-- integer, bigint, float8, boolean and real (float_value); NULLs left out
CREATE TEMP TABLE handmade AS
SELECT * FROM (VALUES
  (1, 'Blå & "grøn"', 42, -5000000000::bigint, 0.1::float8, true, 1.5::real, ST_MakePoint(10, 20)),
  (2, '', 0, 9223372036854775807, -1e300, false, 3.4e38::real, ST_GeomFromText('MULTIPOINT(1 2,300 -40)')),
  (3, NULL, -1, -9223372036854775808, 5e-324, NULL, -1e-45::real, ST_MakeLine(ST_MakePoint(0, 0), ST_MakePoint(5, 250))),
  (4, 'x', 2147483647, NULL, NULL, true, NULL, ST_GeomFromText('MULTILINESTRING((0 0,1 1),(5 5,6 7,8 9))')),
  -- counter-clockwise with y up is clockwise with y down: exterior rings
  (5, 'y', -2147483648, 0, 0, false, 0, ST_ForcePolygonCCW(ST_GeomFromText(
      'MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(2 2,2 4,4 4,4 2,2 2)),((20 20,30 20,30 30,20 30,20 20)))'))),
  (6, 'z', 7, 1, 'Infinity', true, 'NaN', ST_ForcePolygonCCW(ST_MakeEnvelope(0, 0, 10, 10)))
  ) AS t (id, str, i, b, d, ok, r, geom);
CREATE TEMP TABLE handmade_tile AS
SELECT ST_AsMVT(h, 'handmade', 256, 'geom', 'id') AS tile FROM handmade AS h;
SELECT * FROM pg_temp.mvt_layers((SELECT tile FROM handmade_tile));
SELECT value_index, type,
       CASE WHEN type IN ('float', 'double') AND jsonb_typeof(value) = 'number'
            THEN (value #>> '{}')::float8::text ELSE value::text END AS value
  FROM pg_temp.mvt_values((SELECT tile FROM handmade_tile));
SELECT d.feature_id, d.geom_type, d.commands,
       d.attrs = jsonb_strip_nulls(to_jsonb(h) - 'id' - 'geom') AS same_attrs,
       d.wkt = ST_AsText(h.geom) AS same_geometry, d.wkt
  FROM pg_temp.mvt_features((SELECT tile FROM handmade_tile)) AS d
  FULL JOIN handmade AS h ON h.id = d.feature_id
 ORDER BY d.feature_id;
-- a tile made by hand: what ST_AsMVT does not write (int_value, the
-- extremes of 64-bit varints, fixed32/fixed64 and unknown fields to skip)
CREATE TEMP TABLE raw_tile AS
SELECT decode(
       '1a8901'                       -- layers (field 3), 137 bytes:
    || '7802'                         --   version 2 (field 15)
    || '0a03726177'                   --   name "raw"
    || '288002'                       --   extent 256 (a two-byte varint)
    || '1a01691a01751a01731a01661a01641a0162'  -- keys i u s f d b
    || '220b20ffffffffffffffffff01'   --   int_value -1 (ten bytes, two's complement)
    || '220b28ffffffffffffffffff01'   --   uint_value 2^64 - 1
    || '220b30ffffffffffffffffff01'   --   sint_value -2^63 (zigzag)
    || '2205150000c03f'               --   float_value 1.5 (fixed32)
    || '2209199a9999999999b9bf'       --   double_value -0.1 (fixed64)
    || '22023801'                     --   bool_value true
    || '122c'                         --   a feature, 44 bytes:
    || '0807'                         --     id 7
    || '120c000001010202030304040505' --     tags (packed): i=0 u=1 s=2 f=3 d=4 b=5
    || '1801'                         --     type 1 (point)
    || '2203093222'                   --     geometry: MoveTo(25, 17)
    || '490102030405060708'           --     unknown field 9, fixed64
    || '5501020304'                   --     unknown field 10, fixed32
    || '5a02ffff'                     --     unknown field 11, length-delimited
    || '609601'                       --     unknown field 12, varint
    || '302a'                         --   unknown layer field 6, varint
    || '800101',                      -- unknown tile field 16 (a two-byte key), varint
       'hex') AS tile;
SELECT * FROM pg_temp.mvt_layers((SELECT tile FROM raw_tile));
SELECT * FROM pg_temp.mvt_values((SELECT tile FROM raw_tile));
SELECT * FROM pg_temp.mvt_features((SELECT tile FROM raw_tile));
-- malformed tiles: a clear error
\set VERBOSITY terse
SELECT * FROM pg_temp.mvt_layers((SELECT substring(tile FROM 1 FOR length(tile) - 1) FROM raw_tile));
SELECT * FROM pg_temp.mvt_layers((SELECT substring(tile FROM 1 FOR 100) FROM raw_tile));
SELECT * FROM pg_temp.mvt_layers('\x08ffffffffffffffffffff01');  -- eleven bytes
SELECT * FROM pg_temp.mvt_layers('\x1801');  -- a layer as a varint
SELECT * FROM pg_temp.mvt_features('\x1a0d0a016112080801180322020900');  -- MoveTo, one parameter
SELECT * FROM pg_temp.mvt_features('\x1a0c0a01611a016b120412020000');  -- a tag with no value
\set VERBOSITY default
-- every proper prefix of the town tile's layer "areas" is malformed (the
-- layer runs to the end of the tile); the whole tile is the two layers one
-- after the other
CREATE TEMP TABLE town_areas_layer AS
SELECT ST_AsMVT(f.*, 'areas', 4096, 'geom', 'area_id') AS tile
  FROM town_tile AS t, areas_mvt_features(t.z, t.x, t.y, 2024) AS f;
SELECT bool_and(COALESCE(pg_temp.mvt_error(substring(l.tile FROM 1 FOR n)) LIKE 'malformed vector tile: %', false))
           AS every_prefix_malformed,
       (SELECT m.tile FROM town_mvt AS m WHERE m.z = 12) = l.tile
           || (SELECT ST_AsMVT(p.*, 'area_points', 4096, 'geom', 'area_id')
                 FROM town_tile AS t, area_points_mvt_features(t.z, t.x, t.y, 2024) AS p) AS tile_is_both_layers
  FROM town_areas_layer AS l, generate_series(1, length(l.tile) - 1) AS n
 GROUP BY l.tile;
DELETE FROM area WHERE area_id = 101;
-- the layer of the tile made by hand cut after 0 to 137 bytes (its length
-- fixed): it decodes where it ends between two fields after the name
WITH cut AS (
  SELECT n, pg_temp.mvt_error('\x1a'::bytea
                              || CASE WHEN n < 128 THEN set_byte('\x00', 0, n)
                                      ELSE set_byte(set_byte('\x0000', 0, n % 128 + 128), 1, n / 128) END
                              || substring(tile FROM 4 FOR n)) AS error
    FROM raw_tile, generate_series(0, 137) AS n)
SELECT regexp_replace(error, '[0-9]+', 'N', 'g') AS error, count(*),
       CASE WHEN error IS NULL THEN array_agg(n ORDER BY n) END AS cut_after
  FROM cut GROUP BY 1, error IS NULL ORDER BY 1 NULLS FIRST;

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
-- 2012: 1 October list, no udsat or forebyggelse in the legend (a row of
-- 2012 for the while: a list year needs rows in area_year)
INSERT INTO area_year (area_id, list_year, official_category) VALUES (1, 2012, 'parallelsamfund');
SELECT (xpath('//s:text[1]/text()', xmlparse(document map_svg(2012)), '{{s,http://www.w3.org/2000/svg}}'))[1]::text;
SELECT count(*) AS legend_rows FROM unnest(xpath('//s:rect[@width="16"]', xmlparse(document map_svg(2012)), '{{s,http://www.w3.org/2000/svg}}'));
DELETE FROM area_year WHERE list_year = 2012;
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
