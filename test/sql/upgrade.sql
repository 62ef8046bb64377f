-- upgrades: install the released 0.1.0 (one extension, with PostGIS), put
-- data and the user's own objects in it, update to 0.2.0 and to 0.3.0 (two
-- extensions: housing_areas and housing_areas_postgis), and compare the
-- whole catalog of both with a fresh install
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
INSERT INTO facility VALUES (7, 'daycare', 'Kept daycare', '0751', ST_SetSRID(ST_MakePoint(575100, 6220100), 25832));
INSERT INTO enrolment VALUES (7, 2023, ST_SetSRID(ST_MakePoint(575100, 6220100), 25832));
INSERT INTO facility_kind VALUES ('sports', 'idrætsanlæg', 'sports ground', '#00aa00');
-- the user's own objects on the extension: an expression index on
-- category(), views on area_status and on a spatial function
CREATE TABLE public.my_area_year AS SELECT area_id, list_year, ind FROM area_year;
CREATE INDEX my_category_idx ON public.my_area_year ((category(ind, list_year)));
CREATE VIEW public.my_status AS SELECT area_id, list_year, category FROM area_status;
CREATE VIEW public.my_cap AS SELECT facility_id, admitted, from_udsat FROM daycare_cap(2023);
-- 0.1.0 has no disclosure control
SELECT list_year, residents FROM bi_area_status ORDER BY list_year;

ALTER EXTENSION housing_areas UPDATE TO '0.2.0';
SELECT extversion FROM pg_extension WHERE extname = 'housing_areas';
SELECT list_year, residents, outside_labour_pct FROM bi_area_status ORDER BY list_year;

-- the user's objects on category() at 0.2.0, where it returns text: a
-- second expression index, a view of it (with a comment and a grant), and
-- a view comparing it with a text value
CREATE INDEX my_category_year_idx ON public.my_area_year ((category(ind, list_year)), list_year);
CREATE VIEW public.my_categories AS
  SELECT area_id, list_year, category(ind, list_year) AS category FROM public.my_area_year;
COMMENT ON VIEW public.my_categories IS 'the categories of my areas';
GRANT SELECT ON public.my_categories TO PUBLIC;
CREATE VIEW public.my_udsat AS
  SELECT area_id, list_year FROM public.my_area_year WHERE category(ind, list_year) = 'parallelsamfund';
CREATE MATERIALIZED VIEW public.my_counts AS
  SELECT category(ind, list_year) AS category, count(*) AS areas FROM public.my_area_year GROUP BY 1;
CREATE UNIQUE INDEX my_counts_category_idx ON public.my_counts (category);
SELECT pg_typeof(category) FROM public.my_categories LIMIT 1;
-- classify() at 0.2.0: this library fills 0.2.0's classification (16
-- attributes, category text), without menapt
SELECT list_year, classify(ind, list_year) AS c, classify(ind, list_year, 'dk2013') AS c_dk2013
  FROM public.my_area_year ORDER BY list_year;
-- the user's objects on indicators at 0.2.0: a hash index over the stored
-- images (layout version 1) and a view calling make_indicators
CREATE INDEX my_ind_hash_idx ON public.my_area_year USING hash (ind);
CREATE VIEW public.my_made AS
  SELECT make_indicators(residents => 1200, nonwestern => 55.5) AS ind;
CREATE TABLE public.my_ind_v1 AS
  SELECT ind, indicators_send(ind) AS sent, ind::text AS shown FROM public.my_area_year;
-- 0.3.0 makes category() return the enum category.  PostgreSQL stored the
-- comparison of my_udsat as category(...) = 'parallelsamfund'::text, which
-- the enum does not take: the update stops, names the view and says what
-- to do, and changes nothing (terse: the DETAIL holds the definition as
-- this PostgreSQL version prints it)
\set VERBOSITY terse
ALTER EXTENSION housing_areas UPDATE;
\set VERBOSITY default
SELECT extversion FROM pg_extension WHERE extname = 'housing_areas';
SELECT * FROM public.my_udsat;
-- as the hint says: drop the view, update, create it again
DROP VIEW public.my_udsat;
-- 0.3.0 gives make_indicators a last argument menapt (DROP and CREATE):
-- a view calling it stops the update, named, and nothing changes
\set VERBOSITY terse
ALTER EXTENSION housing_areas UPDATE;
\set VERBOSITY default
SELECT extversion FROM pg_extension WHERE extname = 'housing_areas';
DROP VIEW public.my_made;
-- 0.3.0 releases the PostGIS layer, with a warning that says what to do;
-- the objects on category() and classification.category are dropped and
-- created again, with a warning that lists them
ALTER EXTENSION housing_areas UPDATE;
CREATE VIEW public.my_udsat AS
  SELECT area_id, list_year FROM public.my_area_year WHERE category(ind, list_year) = 'parallelsamfund';
SELECT * FROM public.my_udsat;
CREATE VIEW public.my_made AS
  SELECT make_indicators(residents => 1200, nonwestern => 55.5) AS ind;
SELECT ind, pg_typeof(ind) FROM public.my_made;
-- indicators stored by 0.1.0/0.2.0 (layout version 1) read back unchanged:
-- the same text, the same binary form, equal to themselves, found through
-- the hash index built at 0.2.0 (the image and its hash are unchanged)
SELECT count(*) AS v1_rows,
       count(*) FILTER (WHERE v.ind::text = v.shown AND indicators_send(v.ind) = v.sent
                          AND v.ind = v.shown::indicators) AS unchanged
  FROM public.my_ind_v1 AS v;
SET enable_seqscan = off;
SELECT list_year, ind FROM public.my_area_year
 WHERE ind = 'residents=2000 nonwestern=60 outside_labour=45 basic_education=70' ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT list_year FROM public.my_area_year
 WHERE ind = 'residents=2000 nonwestern=60 outside_labour=45 basic_education=70';
-- a value with menapt (layout version 2) beside them, in the same index
INSERT INTO public.my_area_year VALUES (1, 2023, 'residents=2000 nonwestern=60 menapt=40.5');
SELECT list_year, ind, classify(ind, list_year) AS c FROM public.my_area_year
 WHERE ind = 'residents=2000 menapt=40.50000 nonwestern=60';
RESET enable_seqscan;
DELETE FROM public.my_area_year WHERE list_year = 2023;
-- the view of category() keeps its comment and grant, is the user's (not
-- the extension's), and its column is now the enum; the rows are all there
SELECT category, pg_typeof(category) FROM public.my_categories ORDER BY list_year;
SELECT obj_description('public.my_categories'::regclass) AS comment,
       has_table_privilege('public', 'public.my_categories', 'SELECT') AS public_select,
       NOT EXISTS (SELECT 1 FROM pg_depend WHERE objid = 'public.my_categories'::regclass
                     AND deptype = 'e') AS not_in_extension;
SELECT count(*) AS my_rows FROM public.my_area_year;
-- the same classifications at 0.3.0, with menapt (NULL: not tested) last
SELECT list_year, classify(ind, list_year) AS c, classify(ind, list_year, 'dk2013') AS c_dk2013
  FROM public.my_area_year ORDER BY list_year;
-- the materialized view is filled again, with its index; its category is
-- now the enum
SELECT category, pg_typeof(category), areas FROM public.my_counts ORDER BY category;
SELECT indexrelid::regclass AS my_counts_index FROM pg_index
 WHERE indrelid = 'public.my_counts'::regclass;
SELECT indexrelid::regclass AS my_index FROM pg_index
 WHERE indrelid = 'public.my_area_year'::regclass ORDER BY 1;
SELECT extversion FROM pg_extension WHERE extname = 'housing_areas';
-- housing_areas no longer requires postgis; the tables and the user's
-- objects are all still there and work
SELECT r.extname AS housing_areas_requires
  FROM pg_depend AS d JOIN pg_extension AS r ON r.oid = d.refobjid
 WHERE d.classid = 'pg_extension'::regclass AND d.refclassid = 'pg_extension'::regclass
   AND d.objid = (SELECT oid FROM pg_extension WHERE extname = 'housing_areas');
SELECT * FROM public.my_status ORDER BY list_year;
SELECT * FROM public.my_cap;
-- a fresh-install command in this state stops and says how to keep the rows
-- (without the CONTEXT lines: PostgreSQL 18 adds the script's statement)
\set SHOW_CONTEXT never
CREATE EXTENSION housing_areas_postgis;
\set SHOW_CONTEXT errors

CREATE EXTENSION housing_areas_postgis VERSION '0.2.0';
-- 0.3.0 makes area_year.official_category and the categories of
-- area_status the enum category; a view comparing official_category with a
-- text value stops the update, which names it and changes nothing
CREATE VIEW public.my_published AS
  SELECT area_id, list_year FROM area_year WHERE official_category = 'udsat';
\set VERBOSITY terse
ALTER EXTENSION housing_areas_postgis UPDATE;
\set VERBOSITY default
SELECT extversion FROM pg_extension WHERE extname = 'housing_areas_postgis';
DROP VIEW public.my_published;
-- the views on area_status and on a spatial function are created again,
-- with a warning that names them
ALTER EXTENSION housing_areas_postgis UPDATE;
CREATE VIEW public.my_published AS
  SELECT area_id, list_year FROM area_year WHERE official_category = 'udsat';
SELECT count(*) AS my_published FROM public.my_published;
SELECT extname, extversion FROM pg_extension WHERE extname LIKE 'housing_areas%' ORDER BY 1;
SELECT pg_typeof(official_category) AS official_category,
       (SELECT pg_typeof(category) FROM area_status LIMIT 1) AS area_status_category,
       (SELECT pg_typeof(category) FROM public.my_status LIMIT 1) AS my_status_category,
       (SELECT pg_typeof(category) FROM gis_area_status LIMIT 1) AS gis_category,
       (SELECT pg_typeof(category) FROM bi_area_status LIMIT 1) AS bi_category
  FROM area_year LIMIT 1;
-- the data is all there, the expression index and the user's views still
-- work, the new version applies
SELECT count(*) AS areas, (SELECT count(*) FROM area_year) AS area_years,
       (SELECT count(*) FROM enrolment) AS enrolments,
       (SELECT count(*) FROM facility_kind WHERE kind = 'sports') AS own_kind FROM area;
SET enable_seqscan = off;
SELECT list_year FROM public.my_area_year WHERE category(ind, list_year) = 'parallelsamfund';
EXPLAIN (COSTS OFF) SELECT list_year FROM public.my_area_year WHERE category(ind, list_year) = 'parallelsamfund';
RESET enable_seqscan;
SELECT * FROM public.my_status ORDER BY list_year;
SELECT * FROM public.my_cap;
SELECT list_year, residents, outside_labour_pct FROM bi_area_status ORDER BY list_year;
-- helpers moved off the search_path, still pinned
SELECT p.oid::regprocedure AS helper, p.proconfig
  FROM pg_proc AS p WHERE p.pronamespace = 'housing_areas_private'::regnamespace ORDER BY p.oid::regprocedure::text;
RESET search_path;
\set catalog_var upgraded_
\i test/fixtures/catalog.sql

\c ha_fresh
SET client_min_messages = warning;
-- the adoption version is only for databases that had housing_areas 0.2.0
\set SHOW_CONTEXT never
CREATE EXTENSION housing_areas_postgis VERSION '0.2.0' CASCADE;
\set SHOW_CONTEXT errors
CREATE EXTENSION housing_areas_postgis CASCADE;
RESET client_min_messages;
SELECT extname, extversion FROM pg_extension WHERE extname LIKE 'housing_areas%' ORDER BY 1;
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
-- the core extension alone needs no PostGIS
DROP EXTENSION housing_areas_postgis;
DROP EXTENSION postgis;
SELECT housing_areas.category('residents=1913 nonwestern=49.4 outside_labour=44.6 basic_education=67.4 income=61.8', 2018);
-- every released version can be installed and updated to the current one
SELECT name, version, installed FROM pg_available_extension_versions
 WHERE name LIKE 'housing_areas%' ORDER BY name, version;

\c :regress_db
DROP DATABASE ha_upgraded;
DROP DATABASE ha_fresh;
