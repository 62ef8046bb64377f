-- privileges: an ordinary role with USAGE/SELECT/EXECUTE can use everything
-- read-only; no SECURITY DEFINER; no search_path hijacking; person-level
-- enrolments stay closed to a role without rights on them
SET search_path = housing_areas, public;
\i test/fixtures/town.sql

-- no function of the extension runs with its owner's rights
SELECT count(*) AS security_definer
  FROM pg_proc WHERE pronamespace IN ('housing_areas'::regnamespace, 'housing_areas_private'::regnamespace) AND prosecdef;
-- every PL/pgSQL function pins its search_path; SQL functions are bound at creation
SELECT p.oid::regprocedure AS plpgsql_function, p.proconfig
  FROM pg_proc AS p JOIN pg_language AS l ON l.oid = p.prolang
 WHERE p.pronamespace IN ('housing_areas'::regnamespace, 'housing_areas_private'::regnamespace)
   AND l.lanname = 'plpgsql' ORDER BY 1;
SELECT count(*) AS sql_functions_with_string_bodies
  FROM pg_proc AS p JOIN pg_language AS l ON l.oid = p.prolang
 WHERE p.pronamespace = 'housing_areas'::regnamespace AND l.lanname = 'sql' AND p.prosqlbody IS NULL;

SET client_min_messages = warning;
DROP ROLE IF EXISTS ha_analyst;
DROP ROLE IF EXISTS ha_viewer;
RESET client_min_messages;
CREATE ROLE ha_analyst;
CREATE ROLE ha_viewer;
-- the analyst: read everything, enrolments included
GRANT USAGE ON SCHEMA housing_areas TO ha_analyst, ha_viewer;
GRANT SELECT ON ALL TABLES IN SCHEMA housing_areas TO ha_analyst;
-- the viewer: everything but the person-level enrolments
GRANT SELECT ON area, area_year, facility, facility_kind, municipality,
               area_status, gis_area_status, bi_area_status TO ha_viewer;
GRANT USAGE ON SCHEMA public TO ha_analyst, ha_viewer;

SET ROLE ha_analyst;
SELECT count(*) AS daycares FROM daycare_cap(2020);
SELECT count(*) AS schools FROM language_test_schools(2021);
SELECT count(*) AS nearest FROM nearest_facilities('school', 2, 2021);
SELECT count(*) AS access FROM facility_access('library', 1000);
SELECT count(*) AS statuses FROM area_status;
SELECT count(*) AS bi FROM bi_area_status;
-- area_twins calls a private C helper (nearest_twins): EXECUTE is PUBLIC's
SELECT count(*) AS twins, count(DISTINCT area_id) AS areas_with_twins FROM area_twins;
SELECT json_array_length(areas_geojson(2024) -> 'features') AS geojson;
SELECT length(areas_mvt(12, 2164, 1272)) > 0 AS mvt;
SELECT length(map_svg(2024)) > 0 AS svg;
SELECT category('residents=2000 outside_labour=45 basic_education=70', 2024);
SELECT tally_value(tally_agg(40, true, 1, false, true, 300000, false), 'residents') AS tally;
-- read-only: no writes
INSERT INTO area_year (area_id, list_year) VALUES (1, 2030);
DELETE FROM enrolment;
UPDATE facility SET name = 'x';
RESET ROLE;

SET ROLE ha_viewer;
-- the views and functions that do not touch enrolments work
SELECT count(*) AS statuses FROM area_status;
SELECT count(*) AS nearest FROM nearest_facilities('school', 1);
-- person-level data: not directly, and not through any function
SELECT count(*) FROM enrolment;
SELECT count(*) FROM daycare_cap(2020);
SELECT count(*) FROM language_test_schools(2021);
RESET ROLE;
-- no view of the extension reads enrolment (so none can leak it)
SELECT count(*) AS views_reading_enrolment
  FROM pg_depend AS d JOIN pg_rewrite AS r ON r.oid = d.objid
 WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = 'housing_areas.enrolment'::regclass;

-- hijacking: a hostile schema first in search_path, with its own operator
-- and functions named like the ones the extension uses, changes nothing
CREATE SCHEMA evil;
CREATE FUNCTION evil.texteq_always(text, text) RETURNS boolean LANGUAGE sql RETURN true;
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.texteq_always);
CREATE FUNCTION evil.st_intersects(public.geometry, public.geometry) RETURNS boolean LANGUAGE sql RETURN true;
CREATE FUNCTION evil.classify(housing_areas.indicators, integer) RETURNS text LANGUAGE sql RETURN 'hijacked';
SET search_path = evil, pg_catalog, housing_areas, public;
-- (this test's own comparison names pg_catalog's operator: the hostile "="
-- would otherwise change the test, not the extension)
SELECT count(*) AS daycares, sum(from_udsat) AS from_udsat FROM housing_areas.daycare_cap(2020);
SELECT * FROM housing_areas.nearest_facilities('no such kind');
SELECT count(*) AS statuses,
       count(*) FILTER (WHERE category OPERATOR(pg_catalog.=) 'udsat') AS udsat
  FROM housing_areas.area_status;
-- a plain query's own "=" is the user's business; on the enum category a
-- hostile text "=" does not apply (no implicit cast to text), so the answer
-- is the right one (it was every row while the category was text)
SELECT count(*) AS hostile_equals_in_a_plain_query FROM housing_areas.area_status WHERE category = 'udsat';
SET search_path = housing_areas, public;
SELECT count(*) AS daycares, sum(from_udsat) AS from_udsat FROM daycare_cap(2020);
SELECT count(*) AS statuses, count(*) FILTER (WHERE category = 'udsat') AS udsat FROM area_status;
DROP SCHEMA evil CASCADE;

REVOKE ALL ON ALL TABLES IN SCHEMA housing_areas FROM ha_analyst, ha_viewer;
REVOKE ALL ON SCHEMA housing_areas, public FROM ha_analyst, ha_viewer;
DROP ROLE ha_analyst;
DROP ROLE ha_viewer;
DELETE FROM area;
DELETE FROM facility;
