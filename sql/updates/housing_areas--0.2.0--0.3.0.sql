-- housing_areas 0.2.0 -> 0.3.0
\echo Use "ALTER EXTENSION housing_areas UPDATE TO '0.3.0'" to load this file. \quit

-- private helpers get a schema of their own, off users' search_path
CREATE SCHEMA housing_areas_private;
COMMENT ON SCHEMA housing_areas_private IS
'private helpers of housing_areas and housing_areas_postgis: not part of the SQL interface, may change in any release';
ALTER FUNCTION years_on_list_step(internal, boolean, integer) SET SCHEMA housing_areas_private;
ALTER FUNCTION years_on_list_final(internal) SET SCHEMA housing_areas_private;
ALTER FUNCTION tally_agg_step(tally, integer, boolean, double precision, boolean, boolean, double precision, boolean)
	SET SCHEMA housing_areas_private;

-- disclose_share: a share of an unknown population is hidden (it was shown)
CREATE OR REPLACE FUNCTION disclose_share(share double precision, population double precision)
	RETURNS double precision
	LANGUAGE sql STABLE PARALLEL SAFE
	-- an unknown population may be a small one: hide the share
	RETURN CASE WHEN population >= min_cell_count() THEN share END;
COMMENT ON FUNCTION disclose_share(double precision, double precision) IS
'a share of a population, or NULL when the population is smaller than min_cell_count() or unknown';

-- The PostGIS layer becomes an extension of its own, housing_areas_postgis.
-- Its tables (with every row), views and functions stay where they are and
-- keep working; they are released from housing_areas here, and
--   CREATE EXTENSION housing_areas_postgis VERSION '0.2.0';
--   ALTER EXTENSION housing_areas_postgis UPDATE;
-- makes them members of housing_areas_postgis again (README, "Upgrading").
-- housing_areas itself no longer requires postgis.
ALTER EXTENSION housing_areas DROP TABLE facility_kind;
ALTER EXTENSION housing_areas DROP TABLE area;
ALTER EXTENSION housing_areas DROP TABLE area_year;
ALTER EXTENSION housing_areas DROP TABLE facility;
ALTER EXTENSION housing_areas DROP TABLE enrolment;
ALTER EXTENSION housing_areas DROP TABLE municipality;
ALTER EXTENSION housing_areas DROP FUNCTION dagi_from_geojson(jsonb, text, text);
ALTER EXTENSION housing_areas DROP FUNCTION on_udsat_list(classification, text);
ALTER EXTENSION housing_areas DROP FUNCTION on_a_list(classification, text);
ALTER EXTENSION housing_areas DROP VIEW area_status;
ALTER EXTENSION housing_areas DROP FUNCTION check_facility_kind(text);
ALTER EXTENSION housing_areas DROP FUNCTION check_positive(text, double precision, boolean);
ALTER EXTENSION housing_areas DROP FUNCTION daycare_cap(integer);
ALTER EXTENSION housing_areas DROP FUNCTION language_test_schools(integer);
ALTER EXTENSION housing_areas DROP FUNCTION listed_areas(integer);
ALTER EXTENSION housing_areas DROP FUNCTION nearest_facilities(text, integer, integer);
ALTER EXTENSION housing_areas DROP FUNCTION facility_access(text, double precision, integer);
ALTER EXTENSION housing_areas DROP FUNCTION latest_list_year();
ALTER EXTENSION housing_areas DROP FUNCTION areas_geojson(integer);
ALTER EXTENSION housing_areas DROP FUNCTION check_tile(integer, integer, integer);
ALTER EXTENSION housing_areas DROP FUNCTION areas_mvt_features(integer, integer, integer, integer);
ALTER EXTENSION housing_areas DROP FUNCTION areas_mvt(integer, integer, integer, integer);
ALTER EXTENSION housing_areas DROP FUNCTION category_colour(text);
ALTER EXTENSION housing_areas DROP FUNCTION map_svg(integer, text);
ALTER EXTENSION housing_areas DROP VIEW gis_area_status;
ALTER EXTENSION housing_areas DROP VIEW bi_area_status;

DO $$
BEGIN
	RAISE WARNING 'the tables, views and map functions of housing_areas are now a separate extension, housing_areas_postgis'
		USING DETAIL = 'They keep their rows and work as before, but until housing_areas_postgis adopts them pg_dump does not treat them as part of an extension.',
			  HINT = 'Run CREATE EXTENSION housing_areas_postgis VERSION ''0.2.0''; and then ALTER EXTENSION housing_areas_postgis UPDATE;';
END $$;
