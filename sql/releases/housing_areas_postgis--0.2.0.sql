-- housing_areas_postgis 0.2.0: adopts the PostGIS layer that housing_areas
-- 0.2.0 held and the update of housing_areas to 0.3.0 released, with every
-- row and every object of the user's that depends on it.  Only for that
-- path: CREATE EXTENSION housing_areas_postgis VERSION '0.2.0', then
-- ALTER EXTENSION housing_areas_postgis UPDATE.  Frozen, never edit.
\echo Use "CREATE EXTENSION housing_areas_postgis VERSION '0.2.0'" to load this file. \quit

DO $$
BEGIN
	IF to_regclass('housing_areas.area_year') IS NULL THEN
		RAISE EXCEPTION 'there is no PostGIS layer of housing_areas 0.2.0 to adopt'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = 'Version 0.2.0 of housing_areas_postgis only adopts the tables that the update of housing_areas from 0.2.0 to 0.3.0 released.',
				  HINT = 'For a new installation, run CREATE EXTENSION housing_areas_postgis without VERSION.';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_depend
				WHERE classid = 'pg_catalog.pg_class'::pg_catalog.regclass
				  AND objid = 'housing_areas.area_year'::pg_catalog.regclass
				  AND refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
				  AND deptype = 'e') THEN
		RAISE EXCEPTION 'the PostGIS layer is still part of extension housing_areas'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Run ALTER EXTENSION housing_areas UPDATE first.';
	END IF;
END $$;

ALTER EXTENSION housing_areas_postgis ADD TABLE facility_kind;
ALTER EXTENSION housing_areas_postgis ADD TABLE area;
ALTER EXTENSION housing_areas_postgis ADD TABLE area_year;
ALTER EXTENSION housing_areas_postgis ADD TABLE facility;
ALTER EXTENSION housing_areas_postgis ADD TABLE enrolment;
ALTER EXTENSION housing_areas_postgis ADD TABLE municipality;
ALTER EXTENSION housing_areas_postgis ADD FUNCTION dagi_from_geojson(jsonb, text, text);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION on_udsat_list(classification, text);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION on_a_list(classification, text);
ALTER EXTENSION housing_areas_postgis ADD VIEW area_status;
ALTER EXTENSION housing_areas_postgis ADD FUNCTION check_facility_kind(text);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION check_positive(text, double precision, boolean);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION daycare_cap(integer);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION language_test_schools(integer);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION listed_areas(integer);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION nearest_facilities(text, integer, integer);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION facility_access(text, double precision, integer);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION latest_list_year();
ALTER EXTENSION housing_areas_postgis ADD FUNCTION areas_geojson(integer);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION check_tile(integer, integer, integer);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION areas_mvt_features(integer, integer, integer, integer);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION areas_mvt(integer, integer, integer, integer);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION category_colour(text);
ALTER EXTENSION housing_areas_postgis ADD FUNCTION map_svg(integer, text);
ALTER EXTENSION housing_areas_postgis ADD VIEW gis_area_status;
ALTER EXTENSION housing_areas_postgis ADD VIEW bi_area_status;

-- user rows survive pg_dump; the five standard kinds are part of the extension
SELECT pg_catalog.pg_extension_config_dump('area', '');
SELECT pg_catalog.pg_extension_config_dump('area_year', '');
SELECT pg_catalog.pg_extension_config_dump('facility', '');
SELECT pg_catalog.pg_extension_config_dump('enrolment', '');
SELECT pg_catalog.pg_extension_config_dump('municipality', '');
SELECT pg_catalog.pg_extension_config_dump('facility_kind',
	'WHERE kind NOT IN (''school'', ''daycare'', ''jobcenter'', ''library'', ''health'')');
