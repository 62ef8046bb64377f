-- housing_areas_postgis: the data model (areas, their yearly records,
-- facilities, enrolments, municipalities) and loading DAGI boundaries.
--
-- Everything here is SQL over PostGIS operators so GiST indexes apply. SQL
-- functions use SQL-standard bodies (BEGIN ATOMIC): they are parsed when the
-- extension is created, so PostGIS in another schema and a restricted
-- search_path at call time cannot break them, and they are still inlined
-- into the calling query. PL/pgSQL helpers qualify every name.

-- A database that ran housing_areas 0.2.0 holds these tables already, with
-- the user's rows: say how to keep them rather than fail on CREATE TABLE.
DO $$
BEGIN
	IF pg_catalog.to_regclass('housing_areas.area_year') IS NOT NULL THEN
		RAISE EXCEPTION 'the tables of housing_areas 0.2.0 are in schema housing_areas'
			USING ERRCODE = 'duplicate_table',
				  DETAIL = 'housing_areas 0.2.0 held the tables, views and map functions that housing_areas_postgis now holds.',
				  HINT = 'To keep them and their rows: ALTER EXTENSION housing_areas UPDATE; CREATE EXTENSION housing_areas_postgis VERSION ''0.2.0''; ALTER EXTENSION housing_areas_postgis UPDATE;';
	END IF;
END $$;

-- ---- tables ----

CREATE TABLE facility_kind (
	kind text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z_]*$'),
	label_da text NOT NULL,
	label_en text NOT NULL,
	colour text NOT NULL DEFAULT '#444444' CHECK (colour ~ '^#[0-9a-fA-F]{6}$')
);
COMMENT ON TABLE facility_kind IS
'kinds of facilities (school, daycare, jobcenter, library, health); add rows for your own kinds';
COMMENT ON COLUMN facility_kind.kind IS
'key of the kind: lower-case letters and underscores (school, daycare, jobcenter, library, health, or your own)';
COMMENT ON COLUMN facility_kind.label_da IS
'name of the kind in Danish';
COMMENT ON COLUMN facility_kind.label_en IS
'name of the kind in English, shown in the legend of map_svg';
COMMENT ON COLUMN facility_kind.colour IS
'colour of the kind''s symbols on map_svg, #rrggbb (default #444444)';
INSERT INTO facility_kind VALUES
	('school', 'skole', 'school', '#1f5fbf'),
	('daycare', 'dagtilbud', 'daycare', '#d9480f'),
	('jobcenter', 'jobcenter', 'job centre', '#5f3dc4'),
	('library', 'bibliotek', 'library', '#2b8a3e'),
	('health', 'sundhedshus', 'health centre', '#c2255c');

CREATE TABLE area (
	area_id integer PRIMARY KEY CHECK (area_id BETWEEN 1 AND 20000000),
	name text NOT NULL,
	municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$'),
	region_code text CHECK (region_code ~ '^108[1-5]$'),
	geom geometry(MultiPolygon, 25832) NOT NULL CONSTRAINT area_geom_valid CHECK (ST_IsValid(geom))
		-- where UTM zone 32N still projects to longitude and latitude (from
		-- the Atlantic to the Baltic, 36 to 84 degrees north): the map
		-- outputs transform every area, and PostGIS cannot beyond that
		CONSTRAINT area_geom_in_utm32n CHECK (geom @ ST_MakeEnvelope(-1000000, 4000000, 2000000, 9300000, 25832))
);
CREATE INDEX area_geom_idx ON area USING gist (geom);
COMMENT ON TABLE area IS
'public housing areas (almenboligloven § 61 a stk. 3) as MultiPolygons in ETRS89 / UTM 32N (EPSG:25832)';
COMMENT ON COLUMN area.area_id IS
'identifier of the area, 1 to 20000000 (so that gis_area_status.id fits an integer)';
COMMENT ON COLUMN area.name IS
'name of the area';
COMMENT ON COLUMN area.municipality_code IS
'four-digit municipality code (e.g. 0751); NULL when not recorded';
COMMENT ON COLUMN area.region_code IS
'region code, 1081-1085; NULL when not recorded';
COMMENT ON COLUMN area.geom IS
'the area boundary: valid MultiPolygon in EPSG:25832 (metres)';
COMMENT ON INDEX area_geom_idx IS
'the area boundaries by place: the homes in an area (ST_Intersects), the areas of a vector tile (&&), a GIS client''s map window';

CREATE TABLE area_year (
	area_id integer NOT NULL REFERENCES area ON DELETE CASCADE,
	list_year integer NOT NULL CHECK (list_year >= 2010),
	ind indicators,
	official_category category CHECK (official_category <> 'unknown'),
	family_units integer CHECK (family_units >= 0),
	dwellings integer CHECK (dwellings >= 0),
	demolished integer CHECK (demolished >= 0),
	commercial_m2 double precision CHECK (commercial_m2 >= 0 AND commercial_m2 <= 1e9),
	PRIMARY KEY (area_id, list_year),
	CONSTRAINT family_units_within_dwellings CHECK (family_units <= dwellings),
	persons tally
);
COMMENT ON TABLE area_year IS
'one row per area and list year: the indicators, the published category where known (history prefers it), and the dwelling counts of the 40 % rule';
COMMENT ON COLUMN area_year.area_id IS
'the area (area.area_id); the row goes when the area is deleted';
COMMENT ON COLUMN area_year.list_year IS
'the list year, 2010 or later: the list of 1 December (1 October 2010-2012)';
COMMENT ON COLUMN area_year.ind IS
'the criteria values for the list (indicators); NULL when none are known';
COMMENT ON COLUMN area_year.official_category IS
'the published category (omdannelse, parallelsamfund, udsat, forebyggelse or none), preferred to the computed one in area_status and its history; NULL when not known';
COMMENT ON COLUMN area_year.family_units IS
'almene familieboliger (public family dwellings) in the area, for the 40 % rule (§ 168 a), at most dwellings; NULL when unknown';
COMMENT ON COLUMN area_year.dwellings IS
'all dwellings in the area, for the 40 % rule (§ 168 a); NULL when unknown';
COMMENT ON COLUMN area_year.demolished IS
'dwellings demolished and not replaced by family units, added to the total of the 40 % rule; NULL counts as 0';
COMMENT ON COLUMN area_year.commercial_m2 IS
'commercial floor area in m², added to the total of the 40 % rule as floor(commercial_m2 / 75) dwellings; NULL counts as 0';
COMMENT ON COLUMN area_year.persons IS
'the tally of the data year the indicators come from (the cur of to_indicators), or a tally holding only its population counts (persons_18_64, persons_18plus, persons_30_59, taxpayers_15_64): the populations disclosure control checks each share against (disclosed_criteria()); NULL when not known, and then every share of an age group is suppressed in the BI and GIS views';
-- a list year, and the key of gis_area_status, by index (GIS clients fetch
-- features by one or the other)
CREATE INDEX area_year_list_year_idx ON area_year (list_year);
CREATE INDEX area_year_gis_id_idx ON area_year ((area_id * 100 + list_year % 100));
COMMENT ON INDEX area_year_list_year_idx IS
'the rows of a list year (gis_area_status, gis_latest_list, latest_list_year())';
COMMENT ON INDEX area_year_gis_id_idx IS
'the key id of gis_area_status and gis_latest_list (area_id * 100 + list_year % 100), for GIS clients fetching features by id';

CREATE TABLE facility (
	facility_id bigint PRIMARY KEY,
	kind text NOT NULL REFERENCES facility_kind ON UPDATE CASCADE,
	name text NOT NULL,
	municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$'),
	geom geometry(Point, 25832) NOT NULL
);
CREATE INDEX facility_geom_idx ON facility USING gist (geom);
CREATE INDEX facility_kind_idx ON facility (kind);
COMMENT ON TABLE facility IS
'schools, daycares, job centres, libraries, health centres as points in EPSG:25832';
COMMENT ON COLUMN facility.facility_id IS
'identifier of the facility';
COMMENT ON COLUMN facility.kind IS
'kind of facility (facility_kind.kind); daycare_cap reads daycare, language_test_schools school';
COMMENT ON COLUMN facility.name IS
'name of the facility';
COMMENT ON COLUMN facility.municipality_code IS
'four-digit municipality code; NULL when not recorded (then left off the map_svg of a municipality)';
COMMENT ON COLUMN facility.geom IS
'location: Point in EPSG:25832 (metres)';
COMMENT ON INDEX facility_geom_idx IS
'the facility points by place: the nearest facilities (<->), those within a distance (ST_DWithin), those on a map (&&)';
COMMENT ON INDEX facility_kind_idx IS
'the facilities of a kind, and the foreign key''s check and cascade when a kind in facility_kind changes or goes';

CREATE TABLE enrolment (
	facility_id bigint NOT NULL REFERENCES facility ON DELETE CASCADE,
	year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	home geometry(Point, 25832) NOT NULL,
	parents_work_or_study boolean
);
CREATE INDEX enrolment_home_idx ON enrolment USING gist (home);
CREATE INDEX enrolment_facility_year_idx ON enrolment (facility_id, year);
COMMENT ON TABLE enrolment IS
'one row per child admitted to a daycare in a calendar year, or per pupil of a school in the school year starting in that year: the home address point, no identities (person-level data: grant with care)';
COMMENT ON COLUMN enrolment.facility_id IS
'the daycare or school (facility.facility_id)';
COMMENT ON COLUMN enrolment.year IS
'the calendar year of admission to a daycare, or the first year of a school year (2019 for 2019/20)';
COMMENT ON COLUMN enrolment.home IS
'the child''s home address: Point in EPSG:25832 (metres)';
COMMENT ON COLUMN enrolment.parents_work_or_study IS
'daycare admissions: the parents declared in writing that they work or study (dagtilbudsloven § 26 b), so the child is left out of the cap when the municipality chose § 26 b; false when they did not, NULL when not recorded';
COMMENT ON INDEX enrolment_home_idx IS
'the home points by place: the children and pupils living in an area (ST_Intersects)';
COMMENT ON INDEX enrolment_facility_year_idx IS
'the children or pupils of a facility in a year, and the foreign key''s cascade when a facility is deleted';

CREATE TABLE municipality (
	municipality_code text PRIMARY KEY CHECK (municipality_code ~ '^[0-9]{4}$'),
	name text NOT NULL,
	region_code text CHECK (region_code ~ '^108[1-5]$'),
	geom geometry(MultiPolygon, 25832) NOT NULL
);
CREATE INDEX municipality_geom_idx ON municipality USING gist (geom);
COMMENT ON TABLE municipality IS
'municipality boundaries (optional; fill from DAGI with dagi_from_geojson), drawn by map_svg';
COMMENT ON COLUMN municipality.municipality_code IS
'four-digit municipality code (DAGI KOMKODE, e.g. 0751)';
COMMENT ON COLUMN municipality.name IS
'name of the municipality';
COMMENT ON COLUMN municipality.region_code IS
'region code, 1081-1085; NULL when not recorded';
COMMENT ON COLUMN municipality.geom IS
'the municipality boundary: MultiPolygon in EPSG:25832 (metres)';

-- user rows survive pg_dump; the five standard kinds are part of the extension
SELECT pg_catalog.pg_extension_config_dump('area', '');
SELECT pg_catalog.pg_extension_config_dump('area_year', '');
SELECT pg_catalog.pg_extension_config_dump('facility', '');
SELECT pg_catalog.pg_extension_config_dump('enrolment', '');
SELECT pg_catalog.pg_extension_config_dump('municipality', '');
SELECT pg_catalog.pg_extension_config_dump('facility_kind',
	'WHERE kind NOT IN (''school'', ''daycare'', ''jobcenter'', ''library'', ''health'')');

-- ---- loading boundaries ----

CREATE FUNCTION housing_areas_private.feature_geometry(geometry jsonb)
	RETURNS geometry
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	-- only what can be a boundary reaches PostGIS, which reports any other
	-- document as an internal error
	RETURN CASE WHEN jsonb_typeof(geometry) = 'object'
					 AND geometry ->> 'type' IN ('Polygon', 'MultiPolygon')
					 AND jsonb_typeof(geometry -> 'coordinates') = 'array'
				THEN ST_Transform(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)), 25832) END;
COMMENT ON FUNCTION housing_areas_private.feature_geometry(jsonb) IS
'a GeoJSON Polygon or MultiPolygon (CRS84, 2D or 3D) in EPSG:25832; NULL for any other document';

CREATE FUNCTION housing_areas_private.check_geojson_feature(feature jsonb, n bigint, code_key text)
	RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	problem text;
BEGIN
	IF feature -> 'geometry' IS NULL OR jsonb_typeof(feature -> 'geometry') <> 'object' THEN
		RAISE EXCEPTION 'GeoJSON feature % has no geometry', n
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('Feature %s (%s "%s") has %s; a boundary needs a Polygon or MultiPolygon.',
								  n, code_key, feature -> 'properties' ->> code_key,
								  coalesce('"geometry": ' || (feature -> 'geometry')::text, 'no "geometry" member')),
				  HINT = 'Remove the feature from the collection, or give it its boundary.';
	END IF;
	IF feature -> 'properties' ->> code_key IS NULL THEN
		RAISE EXCEPTION 'GeoJSON feature % has no property "%"', n, code_key
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Name the property that holds the code, e.g. KOMKODE or REGIONKODE.';
	END IF;
	-- PostGIS reports a geometry it cannot read or project as an internal
	-- error; say which feature it is
	BEGIN
		IF housing_areas_private.feature_geometry(feature -> 'geometry') IS NULL THEN
			problem := 'it is not a Polygon or MultiPolygon with coordinates';
		ELSIF NOT housing_areas_private.valid_geometry(
				housing_areas_private.feature_geometry(feature -> 'geometry')) THEN
			problem := 'it is not a valid polygon (a ring crosses itself or is not closed)';
		END IF;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS problem = MESSAGE_TEXT;
	END;
	IF problem IS NOT NULL THEN
		RAISE EXCEPTION 'GeoJSON feature % has an invalid geometry', n
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('Feature %s (%s "%s"): %s.', n, code_key,
								  feature -> 'properties' ->> code_key, rtrim(problem, '.')),
				  HINT = 'Boundaries are Polygons or MultiPolygons in longitude and latitude (CRS84) with closed rings.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_geojson_feature(jsonb, bigint, text) IS
'true for a GeoJSON feature with a readable, valid geometry and a code, an error naming the feature (its number from 1 and its code) otherwise';

CREATE FUNCTION housing_areas_private.valid_geometry(geom geometry)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN ST_IsValid(geom);
COMMENT ON FUNCTION housing_areas_private.valid_geometry(geometry) IS
'ST_IsValid, bound to PostGIS at creation (for PL/pgSQL callers with a pinned search_path)';

CREATE FUNCTION dagi_from_geojson(doc jsonb, code_key text, name_key text)
	RETURNS TABLE (code text, name text, geom geometry(MultiPolygon, 25832))
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT f.value -> 'properties' ->> code_key,
		   min(f.value -> 'properties' ->> name_key),
		   ST_Multi(ST_Union(housing_areas_private.feature_geometry(f.value -> 'geometry')))
			   ::geometry(MultiPolygon, 25832)
	  FROM jsonb_array_elements(doc -> 'features') WITH ORDINALITY AS f(value, n)
	 WHERE housing_areas_private.check_geojson_feature(f.value, f.n, code_key)
	 GROUP BY 1
	 ORDER BY 1;
END;
COMMENT ON FUNCTION dagi_from_geojson(jsonb, text, text) IS
'one MultiPolygon in EPSG:25832 per code from a DAGI GeoJSON FeatureCollection (Polygon pieces, 3D with dummy Z, CRS84), e.g. dagi_from_geojson(doc, ''KOMKODE'', ''KOMNAVN''); a feature without geometry or code is an error naming it';
