-- spatial data model: tables, constraints, geometry checks, area_status, views
SET search_path = housing_areas, public;

-- typmod geometry columns in EPSG:25832, visible in geometry_columns
SELECT f_table_name, f_geometry_column, coord_dimension, srid, type
  FROM geometry_columns WHERE f_table_schema = 'housing_areas' ORDER BY 1, 2;
SELECT indexrelid::regclass, indrelid::regclass
  FROM pg_index WHERE indrelid::regclass::text IN ('area', 'facility', 'enrolment', 'municipality')
   AND indexrelid::regclass::text LIKE '%geom%' OR indexrelid::regclass::text LIKE '%home%' ORDER BY 1;
-- tables registered for pg_dump
SELECT unnest(extconfig)::regclass AS dumped FROM pg_extension WHERE extname = 'housing_areas_postgis' ORDER BY 1;

-- a geometry of the wrong type or SRID is refused with a clear error
\i test/fixtures/try.sql
SELECT pg_temp.try($$INSERT INTO area VALUES (1, 'x', '0751', '1082', ST_SetSRID(ST_Multi(ST_MakeLine(ST_MakePoint(0, 0), ST_MakePoint(1, 1))), 25832))$$) AS lines;
-- a lone Polygon: PostGIS before 3.5 refuses it, 3.5 and later store it as a
-- MultiPolygon; either way the column never holds anything but MultiPolygons
SELECT pg_temp.try($$INSERT INTO area VALUES (1, 'x', '0751', '1082', ST_MakeEnvelope(575000, 6220000, 575001, 6220001, 25832))$$)
       IN ('accepted', '22023 Geometry type (Polygon) does not match column type (MultiPolygon)') AS polygon_refused_or_promoted;
SELECT count(*) AS not_multipolygon FROM area WHERE GeometryType(geom) <> 'MULTIPOLYGON';
DELETE FROM area;
SELECT pg_temp.try($$INSERT INTO area VALUES (1, 'x', '0751', '1082', ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4326)))$$) AS srid;
-- PostGIS gives a geometry without SRID (0) the column's SRID
SELECT pg_temp.try($$INSERT INTO area VALUES (7, 'x', '0751', '1082', 'MULTIPOLYGON(((575000 6220000,575001 6220000,575001 6220001,575000 6220001,575000 6220000)))'::geometry)$$) AS no_srid;
SELECT ST_SRID(geom) FROM area WHERE area_id = 7;
DELETE FROM area;
SELECT pg_temp.try($$INSERT INTO area VALUES (1, 'x', '0751', '1082', ST_SetSRID('MULTIPOLYGON(((575000 6220000,575001 6220001,575001 6220000,575000 6220001,575000 6220000)))'::geometry, 25832))$$) AS invalid;
-- a geometry where UTM 32N no longer reaches longitude and latitude (the
-- map outputs could not transform it)
SELECT pg_temp.try($$INSERT INTO area VALUES (1, 'x', '0751', '1082', ST_Multi(ST_MakeEnvelope(-1e15, -1e15, 1e15, 1e15, 25832)))$$) AS outside_utm32n;
SELECT pg_temp.try($$INSERT INTO area VALUES (1, 'x', '751', '1082', ST_Multi(ST_MakeEnvelope(575000, 6220000, 575001, 6220001, 25832)))$$) AS bad_code;
SELECT pg_temp.try($$INSERT INTO area VALUES (0, 'x', '0751', '1082', ST_Multi(ST_MakeEnvelope(575000, 6220000, 575001, 6220001, 25832)))$$) AS bad_id;
SELECT pg_temp.try($$INSERT INTO facility VALUES (1, 'hospital', 'x', '0751', ST_SetSRID(ST_MakePoint(1, 1), 25832))$$) AS bad_kind;
SELECT pg_temp.try($$INSERT INTO facility VALUES (1, 'school', 'x', '0751', ST_MakeEnvelope(0, 0, 1, 1, 25832))$$) AS not_a_point;
SELECT pg_temp.try($$INSERT INTO area_year (area_id, list_year) VALUES (12345, 2020)$$) AS no_area;

INSERT INTO area VALUES (1, 'Test', '0751', '1082', ST_Multi(ST_MakeEnvelope(590000, 6140000, 590100, 6140100, 25832)));
SELECT pg_temp.try($$INSERT INTO area_year (area_id, list_year) VALUES (1, 2009)$$) AS early_year;
SELECT pg_temp.try($$INSERT INTO area_year (area_id, list_year, official_category) VALUES (1, 2020, 'ghetto')$$) AS bad_category;
SELECT pg_temp.try($$INSERT INTO area_year (area_id, list_year, family_units, dwellings) VALUES (1, 2020, 11, 10)$$) AS too_many_family;
SELECT pg_temp.try($$INSERT INTO area_year (area_id, list_year, commercial_m2) VALUES (1, 2020, 'NaN')$$) AS nan_m2;
SELECT pg_temp.try($$INSERT INTO enrolment VALUES (999, 2020, ST_SetSRID(ST_MakePoint(1, 1), 25832))$$) AS no_facility;
DELETE FROM area;

-- area_status on a small history: official categories where published, computed otherwise
INSERT INTO area VALUES
  (1, 'Solbakken-like', '0461', '1083', ST_Multi(ST_MakeEnvelope(590000, 6140000, 590100, 6140100, 25832))),
  (2, 'Leaves the list', '0461', '1083', ST_Multi(ST_MakeEnvelope(590200, 6140000, 590300, 6140100, 25832))),
  (3, 'Suppressed', '0461', '1083', ST_Multi(ST_MakeEnvelope(590400, 6140000, 590500, 6140100, 25832))),
  (4, 'Unknown in the run', '0461', '1083', ST_Multi(ST_MakeEnvelope(590600, 6140000, 590700, 6140100, 25832)));
INSERT INTO area_year (area_id, list_year, ind, official_category, family_units, dwellings, demolished, commercial_m2) VALUES
  (1, 2014, NULL, 'parallelsamfund', NULL, NULL, NULL, NULL),
  (1, 2015, NULL, 'parallelsamfund', NULL, NULL, NULL, NULL),
  (1, 2016, 'residents=2500 nonwestern=70 outside_labour=45 basic_education=65 income=50', NULL, NULL, NULL, NULL, NULL),
  (1, 2017, 'residents=2500 nonwestern=70 outside_labour=45 basic_education=65 income=50', NULL, NULL, NULL, NULL, NULL),
  (1, 2018, 'residents=2500 nonwestern=70 outside_labour=45 basic_education=65 income=50', NULL, 900, 1000, 0, 0),
  (1, 2019, 'residents=2500 nonwestern=70 outside_labour=35 basic_education=55 income=70 convicted=0 national_convicted=1', NULL, 900, 1000, 0, 0),
  (1, 2030, 'residents=2500 nonwestern=70 outside_labour=35', NULL, NULL, NULL, NULL, NULL),
  (2, 2018, 'residents=1200 nonwestern=60 outside_labour=45 basic_education=65', NULL, 500, 600, 0, 0),
  (2, 2019, 'residents=900 nonwestern=60 outside_labour=45 basic_education=65', NULL, NULL, NULL, NULL, NULL),
  (3, 2018, 'residents=1500 outside_labour=45 basic_education=65', NULL, NULL, NULL, NULL, NULL),
  (3, 2019, 'residents=1500', 'udsat', NULL, NULL, NULL, NULL),
  -- a ghetto 2014-2016, unknown in 2017 (2 of 5 met, non-Western and
  -- convictions missing), a ghetto in 2018 and 2019: omdannelse is
  -- undetermined, so the label is unknown and the plan NULL, not
  -- parallelsamfund without a plan
  (4, 2014, NULL, 'parallelsamfund', NULL, NULL, NULL, NULL),
  (4, 2015, NULL, 'parallelsamfund', NULL, NULL, NULL, NULL),
  (4, 2016, NULL, 'parallelsamfund', NULL, NULL, NULL, NULL),
  (4, 2017, 'residents=2500 outside_labour=45 basic_education=65 income=70', NULL, NULL, NULL, NULL, NULL),
  (4, 2018, 'residents=2500 nonwestern=70 outside_labour=45 basic_education=65 income=50', NULL, NULL, NULL, NULL, NULL),
  (4, 2019, 'residents=2500 nonwestern=70 outside_labour=45 basic_education=65 income=50', NULL, NULL, NULL, NULL, NULL);
SELECT area_id, list_year, category, computed_category, official_category, on_udsat_list,
       years_on_list, development_plan, kombineret_udlejning,
       round(family_housing_share::numeric, 1) AS share, family_units_over_target AS convert
  FROM area_status ORDER BY area_id, list_year;

-- the GIS view: integer key first, typed geometry, unique keys
SELECT attname, format_type(atttypid, atttypmod)
  FROM pg_attribute WHERE attrelid = 'gis_area_status'::regclass AND attnum IN (1, 17) ORDER BY attnum;
SELECT count(*) = count(DISTINCT id) AS unique_ids FROM gis_area_status;
-- the BI view: built-in types only
SELECT DISTINCT format_type(atttypid, NULL) AS types
  FROM pg_attribute WHERE attrelid = 'bi_area_status'::regclass AND attnum > 0 ORDER BY 1;
SELECT area_id, list_year, category, category_da, category_en, residents, round(lon::numeric, 4) AS lon, round(lat::numeric, 4) AS lat
  FROM bi_area_status WHERE area_id = 1 AND list_year = 2018;
SELECT area_id, list_year, category, on_udsat_list FROM bi_area_status WHERE area_id = 3;

DELETE FROM area;
