-- upgrades: install the released 0.1.0, put data in it, ALTER EXTENSION
-- ... UPDATE, and compare the whole catalog with a fresh install
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS ha_upgraded;
DROP DATABASE IF EXISTS ha_fresh;
RESET client_min_messages;
CREATE DATABASE ha_upgraded;
CREATE DATABASE ha_fresh;

\c ha_upgraded
SET client_min_messages = warning;
CREATE EXTENSION postgis;
CREATE EXTENSION housing_areas VERSION '0.1.0';
RESET client_min_messages;
SELECT extversion FROM pg_extension WHERE extname = 'housing_areas';
SET search_path = housing_areas, public;
INSERT INTO area VALUES (1, 'Kept', '0751', '1082', ST_Multi(ST_MakeEnvelope(575000, 6220000, 575400, 6220400, 25832)));
INSERT INTO area_year (area_id, list_year, ind) VALUES
  (1, 2021, 'residents=3 nonwestern=60 outside_labour=45 basic_education=70'),
  (1, 2022, 'residents=2000 nonwestern=60 outside_labour=45 basic_education=70');
INSERT INTO facility_kind VALUES ('sports', 'idrætsanlæg', 'sports ground', '#00aa00');
CREATE TABLE public.my_area_year AS SELECT area_id, list_year, ind FROM area_year;
CREATE INDEX my_category_idx ON public.my_area_year ((category(ind, list_year)));
-- 0.1.0 has no disclosure control
SELECT list_year, residents FROM bi_area_status ORDER BY list_year;
SELECT proconfig FROM pg_proc WHERE proname = 'check_tile';

ALTER EXTENSION housing_areas UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'housing_areas';
-- the data is all there, the expression index still works, the new version applies
SELECT count(*) AS areas, (SELECT count(*) FROM area_year) AS area_years,
       (SELECT count(*) FROM facility_kind WHERE kind = 'sports') AS own_kind FROM area;
SET enable_seqscan = off;
SELECT list_year FROM public.my_area_year WHERE category(ind, list_year) = 'parallelsamfund';
RESET enable_seqscan;
SELECT list_year, residents, outside_labour_pct FROM bi_area_status ORDER BY list_year;
SELECT proconfig FROM pg_proc WHERE proname = 'check_tile';
RESET search_path;
\set catalog_var upgraded_
\i test/fixtures/catalog.sql

\c ha_fresh
SET client_min_messages = warning;
CREATE EXTENSION housing_areas CASCADE;
RESET client_min_messages;
SELECT extversion FROM pg_extension WHERE extname = 'housing_areas';
\set catalog_var fresh_
\i test/fixtures/catalog.sql

-- the same catalog, line by line (each object: properties, definition, comment)
SELECT :upgraded_lines AS upgraded_lines, :fresh_lines AS fresh_lines,
       :'upgraded_catalog' = :'fresh_catalog' AS same_catalog;
SELECT 'only after update' AS where_, l FROM unnest(string_to_array(:'upgraded_catalog', E'\n')) AS l
EXCEPT SELECT 'only after update', l FROM unnest(string_to_array(:'fresh_catalog', E'\n')) AS l
UNION ALL
(SELECT 'only in fresh install', l FROM unnest(string_to_array(:'fresh_catalog', E'\n')) AS l
 EXCEPT SELECT 'only in fresh install', l FROM unnest(string_to_array(:'upgraded_catalog', E'\n')) AS l)
ORDER BY 1, 2;
-- every released version can be installed and updated to the current one
SELECT name, version, installed FROM pg_available_extension_versions
 WHERE name = 'housing_areas' ORDER BY version;

\c :regress_db
DROP DATABASE ha_upgraded;
DROP DATABASE ha_fresh;
