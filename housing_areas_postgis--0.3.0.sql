-- housing_areas_postgis 0.3.0: generated from sql/housing_areas_postgis/*.sql; edit those files
\echo Use "CREATE EXTENSION housing_areas_postgis CASCADE" to load this file. \quit
-- housing_areas_postgis: the data model (areas, their yearly records,
-- facilities, enrolments, municipalities) and loading DAGI boundaries.
--
-- Everything here is SQL over PostGIS operators so GiST indexes apply. SQL
-- functions use SQL-standard bodies (BEGIN ATOMIC): they are parsed when the
-- extension is created, so PostGIS in another schema and a restricted
-- search_path at call time cannot break them, and they are still inlined
-- into the calling query. PL/pgSQL helpers qualify every name.

-- ---- tables ----

CREATE TABLE facility_kind (
	kind text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z_]*$'),
	label_da text NOT NULL,
	label_en text NOT NULL,
	colour text NOT NULL DEFAULT '#444444' CHECK (colour ~ '^#[0-9a-fA-F]{6}$')
);
COMMENT ON TABLE facility_kind IS
'kinds of facilities (school, daycare, jobcenter, library, health); add rows for your own kinds';
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
);
CREATE INDEX area_geom_idx ON area USING gist (geom);
COMMENT ON TABLE area IS
'public housing areas (almenboligloven § 61 a stk. 3) as MultiPolygons in ETRS89 / UTM 32N (EPSG:25832)';

CREATE TABLE area_year (
	area_id integer NOT NULL REFERENCES area ON DELETE CASCADE,
	list_year integer NOT NULL CHECK (list_year >= 2010),
	ind indicators,
	official_category text CHECK (official_category IN
		('omdannelse', 'parallelsamfund', 'udsat', 'forebyggelse', 'none')),
	family_units integer CHECK (family_units >= 0),
	dwellings integer CHECK (dwellings >= 0),
	demolished integer CHECK (demolished >= 0),
	commercial_m2 double precision CHECK (commercial_m2 >= 0 AND commercial_m2 <= 1e9),
	PRIMARY KEY (area_id, list_year),
	CONSTRAINT family_units_within_dwellings CHECK (family_units <= dwellings)
);
COMMENT ON TABLE area_year IS
'one row per area and list year: the indicators, the published category where known (history prefers it), and the dwelling counts of the 40 % rule';

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

CREATE TABLE enrolment (
	facility_id bigint NOT NULL REFERENCES facility ON DELETE CASCADE,
	year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	home geometry(Point, 25832) NOT NULL
);
CREATE INDEX enrolment_home_idx ON enrolment USING gist (home);
CREATE INDEX enrolment_facility_year_idx ON enrolment (facility_id, year);
COMMENT ON TABLE enrolment IS
'one row per child admitted to a daycare in a calendar year, or per pupil of a school in the school year starting in that year: the home address point, no identities (person-level data: grant with care)';

CREATE TABLE municipality (
	municipality_code text PRIMARY KEY CHECK (municipality_code ~ '^[0-9]{4}$'),
	name text NOT NULL,
	region_code text CHECK (region_code ~ '^108[1-5]$'),
	geom geometry(MultiPolygon, 25832) NOT NULL
);
CREATE INDEX municipality_geom_idx ON municipality USING gist (geom);
COMMENT ON TABLE municipality IS
'municipality boundaries (optional; fill from DAGI with dagi_from_geojson), drawn by map_svg';

-- user rows survive pg_dump; the five standard kinds are part of the extension
SELECT pg_catalog.pg_extension_config_dump('area', '');
SELECT pg_catalog.pg_extension_config_dump('area_year', '');
SELECT pg_catalog.pg_extension_config_dump('facility', '');
SELECT pg_catalog.pg_extension_config_dump('enrolment', '');
SELECT pg_catalog.pg_extension_config_dump('municipality', '');
SELECT pg_catalog.pg_extension_config_dump('facility_kind',
	'WHERE kind NOT IN (''school'', ''daycare'', ''jobcenter'', ''library'', ''health'')');

-- ---- loading boundaries ----

CREATE FUNCTION dagi_from_geojson(doc jsonb, code_key text, name_key text)
	RETURNS TABLE (code text, name text, geom geometry(MultiPolygon, 25832))
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT f.value -> 'properties' ->> code_key,
		   min(f.value -> 'properties' ->> name_key),
		   ST_Multi(ST_Union(ST_Transform(ST_Force2D(ST_SetSRID(
			   ST_GeomFromGeoJSON(f.value -> 'geometry'), 4326)), 25832)))::geometry(MultiPolygon, 25832)
	  FROM jsonb_array_elements(doc -> 'features') AS f
	 GROUP BY 1
	 ORDER BY 1;
END;
COMMENT ON FUNCTION dagi_from_geojson(jsonb, text, text) IS
'one MultiPolygon in EPSG:25832 per code from a DAGI GeoJSON FeatureCollection (Polygon pieces, 3D with dummy Z, CRS84), e.g. dagi_from_geojson(doc, ''KOMKODE'', ''KOMNAVN'')';
-- the list status of each area and year, with history

CREATE FUNCTION housing_areas_private.on_udsat_list(c classification, official_category text) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- omdannelse areas are parallelsamfund areas, which are udsat areas, so
	-- the answer needs no history; NULL when missing values decide it
	RETURN CASE WHEN official_category IN ('udsat', 'parallelsamfund', 'omdannelse') THEN true
				WHEN official_category IS NOT NULL THEN false
				ELSE (c).udsat OR (c).parallelsamfund END;
COMMENT ON FUNCTION housing_areas_private.on_udsat_list(classification, text) IS
'on the udsat list (udsat, parallelsamfund or omdannelse) that year: the published category where given, else the classification; NULL when undetermined';

CREATE FUNCTION housing_areas_private.on_a_list(c classification, official_category text) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- forebyggelse is the raw § 61 b test minus udsat areas, so "udsat or
	-- forebyggelse" is "udsat or the raw test"
	RETURN CASE WHEN official_category IS NOT NULL THEN official_category <> 'none'
				ELSE (c).udsat OR (c).parallelsamfund OR (c).forebyggelse_raw END;
COMMENT ON FUNCTION housing_areas_private.on_a_list(classification, text) IS
'on any list (omdannelse, parallelsamfund, udsat or forebyggelse) that year: the published category where given, else the classification; NULL when undetermined';

CREATE VIEW area_status AS
WITH classified AS (
	SELECT ay.area_id, ay.list_year, ay.ind, ay.official_category,
		   ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2,
		   classify(ay.ind, ay.list_year) AS c
	  FROM area_year AS ay
), effective AS (
	-- on_list: on the parallelsamfund (ghetto) list that year, three-valued
	SELECT cl.*, e.effective_category,
		   CASE WHEN e.effective_category IN ('parallelsamfund', 'omdannelse') THEN true
				WHEN e.effective_category = 'unknown' THEN (cl.c).parallelsamfund
				ELSE false END AS on_list
	  FROM classified AS cl
	  CROSS JOIN LATERAL (SELECT COALESCE(cl.official_category, (cl.c).category, 'unknown')
								 AS effective_category) AS e
), runs AS (
	-- the run of lists ending this year, and its shortest and longest
	-- possible length when undetermined years count as off or on the list
	SELECT e.*,
		   years_on_list(e.on_list, e.list_year) OVER w AS years_on_list,
		   years_on_list(COALESCE(e.on_list, false), e.list_year) OVER w AS shortest_run,
		   years_on_list(COALESCE(e.on_list, true), e.list_year) OVER w AS longest_run
	  FROM effective AS e
	WINDOW w AS (PARTITION BY e.area_id ORDER BY e.list_year)
), omdannelse AS (
	-- three-valued: NULL when a missing value, this year or in the run,
	-- decides whether the area is an omdannelsesområde
	SELECT r.*,
		   CASE WHEN r.effective_category = 'omdannelse' THEN true
				WHEN r.on_list IS false THEN false
				WHEN omdannelse(r.shortest_run, r.list_year) THEN true
				WHEN NOT omdannelse(r.longest_run, r.list_year) THEN false
		   END AS is_omdannelse
	  FROM runs AS r
), categorised AS (
	-- a parallelsamfund whose omdannelse is undetermined is labelled unknown
	SELECT o.*,
		   CASE WHEN o.effective_category <> 'parallelsamfund' THEN o.effective_category
				WHEN o.is_omdannelse THEN 'omdannelse'
				WHEN NOT o.is_omdannelse THEN 'parallelsamfund'
				ELSE 'unknown' END AS category
	  FROM omdannelse AS o
)
SELECT s.area_id, s.list_year, a.name, a.municipality_code, a.region_code,
	   s.category,
	   (s.c).category AS computed_category,
	   s.official_category,
	   (s.c).rules AS rules,
	   -- also true when the label is unknown between udsat and parallelsamfund
	   housing_areas_private.on_udsat_list(s.c, s.official_category) AS on_udsat_list,
	   (s.c).labour AS labour, (s.c).convictions AS convictions,
	   (s.c).education AS education, (s.c).income AS income,
	   (s.c).nonwestern AS nonwestern,
	   (s.c).criteria_met AS criteria_met, (s.c).criteria_unknown AS criteria_unknown,
	   s.years_on_list,
	   -- true after a year known to be omdannelse, NULL when only an
	   -- undetermined year could have started the plan (bool_or skips NULLs)
	   CASE WHEN bool_or(s.is_omdannelse IS TRUE) OVER w THEN true
			WHEN bool_or(s.is_omdannelse IS NULL) OVER w THEN NULL
			ELSE false END AND s.list_year < 2030
		   AS development_plan,
	   (s.c).kombineret_udlejning AS kombineret_udlejning,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / 75) > 0
			THEN family_housing_share(s.family_units, s.dwellings,
									  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_housing_share,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / 75) > 0
			THEN family_units_over_target(s.family_units, s.dwellings,
										  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_units_over_target,
	   s.ind
  FROM categorised AS s
  JOIN area AS a USING (area_id)
WINDOW w AS (PARTITION BY s.area_id ORDER BY s.list_year);
COMMENT ON VIEW area_status IS
'one row per area and list year: the category including omdannelse (history from official_category where given, else computed), each criterion, the run of parallelsamfund lists, the development plan (an omdannelse area stays under its plan until 2030) and kombineret udlejning';

CREATE FUNCTION latest_list_year() RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT max(ay.list_year) FROM area_year AS ay;
END;
COMMENT ON FUNCTION latest_list_year() IS
'the newest list year in area_year (the default year of the map outputs)';
-- the spatial questions the lists raise: daycare cap, language tests,
-- nearest facilities, access

-- argument checks shared by the spatial functions
-- (PL/pgSQL resolves operators through search_path at run time, so these
-- pin it: a caller's schema cannot slip in its own "=")

CREATE FUNCTION housing_areas_private.check_facility_kind(kind text) RETURNS boolean
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM housing_areas.facility_kind AS k WHERE k.kind = check_facility_kind.kind) THEN
		RAISE EXCEPTION 'unknown facility kind "%"', kind
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Known kinds are listed in housing_areas.facility_kind: '
						 || (SELECT pg_catalog.string_agg(k.kind, ', ' ORDER BY k.kind)
							   FROM housing_areas.facility_kind AS k) || '.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_facility_kind(text) IS
'true for a kind listed in facility_kind, an error naming the known kinds otherwise';

CREATE FUNCTION housing_areas_private.check_positive(name text, value double precision, allow_zero boolean)
	RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF value IS NULL OR value = 'NaN'::float8 OR value = 'Infinity'::float8
	   OR value < 0 OR (value = 0 AND NOT allow_zero) THEN
		RAISE EXCEPTION 'invalid value "%" for argument "%"', value, name
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = CASE WHEN allow_zero THEN 'The value must be a finite number of 0 or more.'
								ELSE 'The value must be at least 1.' END;
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_positive(text, double precision, boolean) IS
'true for a finite non-negative (or, without allow_zero, positive) argument, an error naming it otherwise';

CREATE FUNCTION housing_areas_private.listed_areas(list_year integer)
	RETURNS TABLE (area_id integer)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT a.area_id FROM area AS a
	 WHERE listed_areas.list_year IS NULL
	UNION ALL
	SELECT ay.area_id FROM area_year AS ay
	 WHERE ay.list_year = listed_areas.list_year
	   AND rules_for_year(listed_areas.list_year) IS NOT NULL	-- an error before 2010
	   AND housing_areas_private.on_a_list(classify(ay.ind, ay.list_year), ay.official_category);
END;
COMMENT ON FUNCTION housing_areas_private.listed_areas(integer) IS
'the areas on any list (omdannelse, parallelsamfund, udsat, forebyggelse) in a list year; every area when the year is NULL';

CREATE FUNCTION daycare_cap(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer,
				   from_udsat integer, share_pct double precision, over_cap boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- areas on the udsat list of 1 December the year before, and those whose
	-- place on it is undetermined (missing values); then, through the GiST
	-- index on enrolment.home, the admissions whose home lies in one of them
	-- (by row id, so a home on a shared boundary counts once)
	WITH status AS MATERIALIZED (
		SELECT a.geom, housing_areas_private.on_udsat_list(classify(ay.ind, ay.list_year), ay.official_category) AS listed
		  FROM area AS a
		  JOIN area_year AS ay ON ay.area_id = a.area_id
		 WHERE ay.list_year = daycare_cap.year - 1
	), homes AS MATERIALIZED (
		SELECT e.ctid AS row_id, bool_or(st.listed) AS listed
		  FROM status AS st
		  JOIN enrolment AS e ON ST_Intersects(st.geom, e.home)
		 WHERE e.year = daycare_cap.year AND st.listed IS NOT false
		 GROUP BY e.ctid
	)
	SELECT c.facility_id, c.name, c.admitted, c.from_udsat,
		   100.0 * c.from_udsat / c.admitted,
		   -- three-valued: NULL when the children from undetermined areas
		   -- decide whether the share exceeds 30 %
		   CASE WHEN 100.0 * c.from_udsat / c.admitted > 30 THEN true
				WHEN 100.0 * (c.from_udsat + c.from_undetermined) / c.admitted > 30 THEN NULL
				ELSE false END
	  FROM (SELECT f.facility_id, f.name, count(*)::integer AS admitted,
				   (count(*) FILTER (WHERE e.ctid IN (SELECT h.row_id FROM homes AS h WHERE h.listed)))::integer
					   AS from_udsat,
				   (count(*) FILTER (WHERE e.ctid IN (SELECT h.row_id FROM homes AS h
													   WHERE h.listed IS NULL)))::integer
					   AS from_undetermined
			  FROM enrolment AS e
			  JOIN facility AS f ON f.facility_id = e.facility_id
			 WHERE e.year = daycare_cap.year AND f.kind = 'daycare'
			 GROUP BY f.facility_id, f.name) AS c
	 ORDER BY c.facility_id;
END;
COMMENT ON FUNCTION daycare_cap(integer) IS
'per daycare: children admitted in the calendar year, how many live in an area on the udsat list (udsat, parallelsamfund or omdannelse) of 1 December the year before, the share, and whether it exceeds the 30 % cap (dagtilbudsloven § 26 a); over_cap is NULL when children from areas whose place on the list is undetermined decide it';

CREATE FUNCTION language_test_schools(school_year integer)
	RETURNS TABLE (facility_id bigint, name text, pupils integer,
				   from_listed integer, share_pct double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- areas on the udsat list at least once in the lists of the three years
	-- before the school year (for 2019/20: the lists of 2016, 2017 and 2018)
	WITH listed AS MATERIALIZED (
		SELECT a.geom
		  FROM area AS a
		 WHERE a.area_id IN (SELECT ay.area_id FROM area_year AS ay
							  WHERE ay.list_year BETWEEN language_test_schools.school_year - 3
													AND language_test_schools.school_year - 1
								AND housing_areas_private.on_udsat_list(classify(ay.ind, ay.list_year), ay.official_category))
	), in_listed AS MATERIALIZED (
		SELECT DISTINCT e.ctid AS row_id
		  FROM listed AS l
		  JOIN enrolment AS e ON ST_Intersects(l.geom, e.home)
		 WHERE e.year = language_test_schools.school_year
	)
	SELECT c.facility_id, c.name, c.pupils, c.from_listed,
		   100.0 * c.from_listed / c.pupils
	  FROM (SELECT f.facility_id, f.name, count(*)::integer AS pupils,
				   (count(*) FILTER (WHERE e.ctid IN (SELECT u.row_id FROM in_listed AS u)))::integer
					   AS from_listed
			  FROM enrolment AS e
			  JOIN facility AS f ON f.facility_id = e.facility_id
			 WHERE e.year = language_test_schools.school_year AND f.kind = 'school'
			 GROUP BY f.facility_id, f.name) AS c
	 WHERE 100.0 * c.from_listed / c.pupils > 30
	 ORDER BY c.facility_id;
END;
COMMENT ON FUNCTION language_test_schools(integer) IS
'schools where more than 30 % of the pupils of the school year live in an area that was on the udsat list at least once in the three lists before it: these test every pupil in børnehaveklasse';

CREATE FUNCTION nearest_facilities(kind text, k integer DEFAULT 3, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, rank integer, facility_id bigint, name text,
				   distance_m double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- One KNN scan of the GiST index per area; WITH TIES keeps every
	-- facility at the k-th distance (<-> and ST_Distance share PostGIS's
	-- distance code), so ties are then ordered by facility_id exactly.
	SELECT a.area_id, n.rank, n.facility_id, n.name, n.distance_m
	  FROM area AS a
	  CROSS JOIN LATERAL (
		SELECT (row_number() OVER (ORDER BY c.distance_m, c.facility_id))::integer AS rank,
			   c.facility_id, c.name, c.distance_m
		  FROM (SELECT f.facility_id, f.name, ST_Distance(f.geom, a.geom) AS distance_m
				  FROM facility AS f
				 WHERE f.kind = nearest_facilities.kind
				 ORDER BY f.geom <-> a.geom
				 FETCH FIRST (nearest_facilities.k) ROWS WITH TIES) AS c
		 ORDER BY c.distance_m, c.facility_id
		 LIMIT nearest_facilities.k) AS n
	 WHERE housing_areas_private.check_facility_kind(nearest_facilities.kind)
	   AND housing_areas_private.check_positive('k', nearest_facilities.k, false)
	   AND a.area_id IN (SELECT l.area_id FROM housing_areas_private.listed_areas(nearest_facilities.list_year) AS l)
	 ORDER BY a.area_id, n.rank;
END;
COMMENT ON FUNCTION nearest_facilities(text, integer, integer) IS
'per area (only areas on a list that year when list_year is given) the k nearest facilities of a kind, by distance in metres from the area polygon (0 inside it), ties by facility_id';

CREATE FUNCTION facility_access(kind text, radius_m double precision, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, within integer, nearest_m double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT a.area_id,
		   (SELECT count(*) FROM facility AS f
			 WHERE f.kind = facility_access.kind
			   AND ST_DWithin(f.geom, a.geom, facility_access.radius_m))::integer,
		   (SELECT ST_Distance(f.geom, a.geom) FROM facility AS f
			 WHERE f.kind = facility_access.kind
			 ORDER BY f.geom <-> a.geom LIMIT 1)
	  FROM area AS a
	 WHERE housing_areas_private.check_facility_kind(facility_access.kind)
	   AND housing_areas_private.check_positive('radius_m', facility_access.radius_m, true)
	   AND a.area_id IN (SELECT l.area_id FROM housing_areas_private.listed_areas(facility_access.list_year) AS l)
	 ORDER BY a.area_id;
END;
COMMENT ON FUNCTION facility_access(text, double precision, integer) IS
'per area (only areas on a list that year when list_year is given): facilities of a kind within radius_m metres of the area polygon, and the distance to the nearest one';
-- map outputs: GeoJSON, vector tiles, SVG

CREATE FUNCTION areas_geojson(list_year integer)
	RETURNS json
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT json_build_object(
			   'type', 'FeatureCollection',
			   'features', COALESCE(json_agg(json_build_object(
				   'type', 'Feature',
				   'id', a.area_id,
				   'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(a.geom, 4326)), 6)::json,
				   'properties', json_build_object(
					   'area_id', a.area_id,
					   'name', a.name,
					   'municipality_code', a.municipality_code,
					   'list_year', areas_geojson.list_year,
					   'category', s.category,
					   'label', category_label(COALESCE(s.category, 'unknown'), areas_geojson.list_year),
					   'labour', s.labour, 'convictions', s.convictions,
					   'education', s.education, 'income', s.income,
					   'nonwestern', s.nonwestern,
					   'years_on_list', s.years_on_list,
					   'development_plan', s.development_plan,
					   'kombineret_udlejning', s.kombineret_udlejning))
				   ORDER BY a.area_id), '[]'::json))
	  FROM area AS a
	  LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = areas_geojson.list_year;
END;
COMMENT ON FUNCTION areas_geojson(integer) IS
'every area as an RFC 7946 GeoJSON FeatureCollection in EPSG:4326 (exterior rings counter-clockwise), with the category and criteria of the list year as properties';

CREATE FUNCTION housing_areas_private.check_tile(z integer, x integer, y integer) RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF z IS NULL OR x IS NULL OR y IS NULL THEN
		RAISE EXCEPTION 'tile coordinates must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF z < 0 OR z > 30 THEN
		RAISE EXCEPTION 'invalid tile zoom "%"', z
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'The zoom level must be from 0 to 30.';
	END IF;
	IF x < 0 OR y < 0 OR x >= (1::bigint << z) OR y >= (1::bigint << z) THEN
		RAISE EXCEPTION 'invalid tile "%/%/%"', z, x, y
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = pg_catalog.format('At zoom %s, x and y run from 0 to %s.', z, (1::bigint << z) - 1);
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_tile(integer, integer, integer) IS
'true for a valid z/x/y tile address, an error saying what is wrong otherwise';

CREATE FUNCTION areas_mvt_features(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- For the index test the tile envelope (with the 64/4096 buffer) goes to
	-- lon/lat, is clipped to where UTM 32N is still well defined (far beyond
	-- Denmark; a world tile cannot be projected whole), densified, and
	-- transformed to the table's SRID; the column is transformed only for
	-- the output.
	WITH envelope AS (
		SELECT CASE WHEN housing_areas_private.check_tile(areas_mvt_features.z, areas_mvt_features.x, areas_mvt_features.y)
					THEN ST_TileEnvelope(areas_mvt_features.z, areas_mvt_features.x, areas_mvt_features.y)
			   END AS env3857,
			   CASE WHEN housing_areas_private.check_tile(areas_mvt_features.z, areas_mvt_features.x, areas_mvt_features.y)
					THEN ST_Intersection(
							 ST_Transform(ST_TileEnvelope(areas_mvt_features.z, areas_mvt_features.x,
														  areas_mvt_features.y, margin => 64.0 / 4096), 4326),
							 ST_MakeEnvelope(-40, -80, 58, 84, 4326))
			   END AS lonlat
	), tile AS (
		SELECT e.env3857,
			   ST_Transform(ST_Segmentize(e.lonlat, GREATEST(ST_XMax(e.lonlat) - ST_XMin(e.lonlat),
															  ST_YMax(e.lonlat) - ST_YMin(e.lonlat)) / 16),
							25832) AS env25832
		  FROM envelope AS e
		 WHERE NOT ST_IsEmpty(e.lonlat)
	)
	SELECT f.* FROM (
		SELECT a.area_id, a.name, a.municipality_code, s.list_year, s.category,
			   category_label(COALESCE(s.category, 'unknown'), COALESCE(s.list_year, 2010)),
			   s.years_on_list, s.development_plan,
			   ST_AsMVTGeom(ST_Transform(a.geom, 3857), t.env3857, 4096, 64, true) AS geom
		  FROM area AS a
		  CROSS JOIN tile AS t
		  LEFT JOIN area_status AS s
			ON s.area_id = a.area_id
		   AND s.list_year = COALESCE(areas_mvt_features.list_year, latest_list_year())
		 WHERE a.geom && t.env25832) AS f
	 WHERE f.geom IS NOT NULL;
END;
COMMENT ON FUNCTION areas_mvt_features(integer, integer, integer, integer) IS
'the features of areas_mvt(): areas in a tile with their status, geometry in tile coordinates';

CREATE FUNCTION areas_mvt(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS bytea
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT COALESCE((SELECT ST_AsMVT(f.*, 'areas', 4096, 'geom', 'area_id')
					   FROM areas_mvt_features(areas_mvt.z, areas_mvt.x, areas_mvt.y,
											   areas_mvt.list_year) AS f),
					''::bytea);
END;
COMMENT ON FUNCTION areas_mvt(integer, integer, integer, integer) IS
'a Mapbox vector tile (layer "areas") of the areas with their category in a list year (default: the latest), for pg_tileserv and Martin';

CREATE FUNCTION category_colour(category text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE category
			   WHEN 'omdannelse' THEN '#67000d'
			   WHEN 'parallelsamfund' THEN '#cb181d'
			   WHEN 'udsat' THEN '#fb6a4a'
			   WHEN 'forebyggelse' THEN '#fdd0a2'
			   WHEN 'none' THEN '#d9d9d9'
			   ELSE '#ffffff' END;
END;
COMMENT ON FUNCTION category_colour(text) IS
'the fill colour of a category on the maps (darkest for omdannelse, white for unknown)';

CREATE FUNCTION map_svg(list_year integer, municipality_code text DEFAULT NULL)
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH chosen AS (
		SELECT a.area_id, a.name, a.geom, COALESCE(s.category, 'unknown') AS category
		  FROM area AS a
		  LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = map_svg.list_year
		 WHERE map_svg.municipality_code IS NULL OR a.municipality_code = map_svg.municipality_code
	), outline AS (
		SELECT m.name, m.geom FROM municipality AS m
		 WHERE m.municipality_code = map_svg.municipality_code
	), land AS (
		-- the whole country as background on a map of all areas
		SELECT m.municipality_code, m.geom FROM municipality AS m WHERE map_svg.municipality_code IS NULL
	), box AS (
		SELECT ST_Expand(b.geom, GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom),
										  ST_YMax(b.geom) - ST_YMin(b.geom), 200) * 0.04) AS geom
		  FROM (SELECT COALESCE((SELECT ST_Extent(o.geom)::geometry FROM outline AS o),
								(SELECT ST_Extent(l.geom)::geometry FROM land AS l),
								(SELECT ST_Extent(c.geom)::geometry FROM chosen AS c)) AS geom) AS b
		 WHERE b.geom IS NOT NULL
	), frame AS (
		-- scale to at most 760 x 760 px, placed at (20, 70); legend on the right
		SELECT b.geom AS box, ST_XMin(b.geom) AS x0, ST_YMax(b.geom) AS y1,
			   760.0 / GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom), ST_YMax(b.geom) - ST_YMin(b.geom)) AS k,
			   ceil((ST_XMax(b.geom) - ST_XMin(b.geom)) * 760.0
					/ GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom), ST_YMax(b.geom) - ST_YMin(b.geom))) AS w,
			   ceil((ST_YMax(b.geom) - ST_YMin(b.geom)) * 760.0
					/ GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom), ST_YMax(b.geom) - ST_YMin(b.geom))) AS h,
			   -- on a map wider than 30 km areas are too small to see: mark them
			   GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom), ST_YMax(b.geom) - ST_YMin(b.geom)) > 30000 AS wide
		  FROM box AS b
	), placed AS (
		-- ST_AsSVG writes -y; this affine map makes that the SVG y (down)
		SELECT c.*, ST_AsSVG(ST_Affine(c.geom, f.k, 0, 0, f.k, 20 - f.k * f.x0, -f.k * f.y1 - 70), 0, 1) AS d
		  FROM chosen AS c CROSS JOIN frame AS f
	), points AS (
		SELECT fa.facility_id, fa.name, fa.kind, k.label_en, k.colour,
			   20 + fr.k * (ST_X(fa.geom) - fr.x0) AS px, 70 + fr.k * (fr.y1 - ST_Y(fa.geom)) AS py
		  FROM facility AS fa
		  JOIN facility_kind AS k ON k.kind = fa.kind
		  CROSS JOIN frame AS fr
		 WHERE fa.geom && fr.box
		   AND (map_svg.municipality_code IS NULL OR fa.municipality_code = map_svg.municipality_code)
		   -- a few hundred symbols at most, or they hide the areas
		   AND (SELECT count(*) FROM facility AS f2 WHERE f2.geom && fr.box) <= 400
	), legend AS (
		SELECT row_number() OVER (ORDER BY l.ord) AS n, l.*
		  FROM (SELECT o.ord, 'area' AS what, o.category AS key,
					   category_label(o.category, map_svg.list_year, 'da') || ' (' ||
					   category_label(o.category, map_svg.list_year, 'en') || ')' AS text,
					   category_colour(o.category) AS colour
				  FROM (VALUES (1, 'omdannelse'), (2, 'parallelsamfund'), (3, 'udsat'),
							   (4, 'forebyggelse'), (5, 'none'), (6, 'unknown')) AS o(ord, category)
				 WHERE category_label(o.category, map_svg.list_year) IS NOT NULL
				UNION ALL
				SELECT 10 + row_number() OVER (ORDER BY k.kind), 'facility', k.kind, k.label_en, k.colour
				  FROM facility_kind AS k
				 WHERE k.kind IN (SELECT p.kind FROM points AS p)) AS l
	)
	SELECT xmlelement(name svg,
		xmlattributes('http://www.w3.org/2000/svg' AS xmlns,
					  COALESCE((SELECT f.w FROM frame AS f), 400) + 400 AS width,
					  GREATEST(COALESCE((SELECT f.h FROM frame AS f), 0) + 110,
							   (SELECT 90 + 22 * count(*) FROM legend), 200) AS height,
					  'font-family:sans-serif;font-size:13px' AS style),
		xmlelement(name rect, xmlattributes('100%' AS width, '100%' AS height, '#ffffff' AS fill)),
		xmlelement(name text, xmlattributes(20 AS x, 30 AS y, 'font-size:20px;font-weight:bold' AS style),
				   'Housing areas on the list of ' || list_date(map_svg.list_year)
				   || COALESCE(' — ' || (SELECT o.name FROM outline AS o),
							   ' — municipality ' || map_svg.municipality_code, '')),
		xmlelement(name text, xmlattributes(20 AS x, 52 AS y, '#555555' AS fill),
				   (SELECT count(*) FROM chosen) || ' areas, '
				   || (SELECT count(*) FROM chosen WHERE category NOT IN ('none', 'unknown'))
				   || ' on a list; rules ' || rules_for_year(map_svg.list_year)),
		(SELECT xmlelement(name path, xmlattributes(o.d AS d, 'none' AS fill, '#555555' AS stroke,
													 '1' AS "stroke-width", '4 3' AS "stroke-dasharray"))
		   FROM (SELECT ST_AsSVG(ST_Affine(ol.geom, f.k, 0, 0, f.k, 20 - f.k * f.x0, -f.k * f.y1 - 70), 0, 1) AS d
				   FROM outline AS ol CROSS JOIN frame AS f) AS o),
		(SELECT xmlagg(xmlelement(name path, xmlattributes(l.d AS d, '#f2f2f2' AS fill, '#bbbbbb' AS stroke,
														   '0.5' AS "stroke-width"))
				ORDER BY l.municipality_code)
		   FROM (SELECT ld.municipality_code,
						ST_AsSVG(ST_Affine(ld.geom, f.k, 0, 0, f.k, 20 - f.k * f.x0, -f.k * f.y1 - 70), 0, 1) AS d
				   FROM land AS ld CROSS JOIN frame AS f) AS l),
		(SELECT xmlagg(xmlelement(name path,
					xmlattributes(p.d AS d, category_colour(p.category) AS fill, 'evenodd' AS "fill-rule",
								  '#333333' AS stroke, '0.8' AS "stroke-width"),
					xmlelement(name title, p.name || ': ' ||
							   COALESCE(category_label(p.category, map_svg.list_year, 'en'), p.category)))
				ORDER BY p.area_id)
		   FROM placed AS p),
		(SELECT xmlagg(xmlelement(name circle,
					xmlattributes(round((20 + f.k * (ST_X(mk.pt) - f.x0))::numeric, 1) AS cx,
								  round((70 + f.k * (f.y1 - ST_Y(mk.pt)))::numeric, 1) AS cy, 4.5 AS r,
								  category_colour(mk.category) AS fill, '#333333' AS stroke, '0.8' AS "stroke-width"),
					xmlelement(name title, mk.name || ': ' ||
							   COALESCE(category_label(mk.category, map_svg.list_year, 'en'), mk.category)))
				ORDER BY mk.category <> 'none', mk.area_id)
		   FROM (SELECT c.area_id, c.name, c.category, ST_PointOnSurface(c.geom) AS pt FROM chosen AS c) AS mk
		   CROSS JOIN frame AS f
		  WHERE f.wide),
		(SELECT xmlagg(xmlelement(name circle,
					xmlattributes(round(pt.px::numeric, 1) AS cx, round(pt.py::numeric, 1) AS cy, 3.5 AS r,
								  pt.colour AS fill, '#ffffff' AS stroke, '0.8' AS "stroke-width"),
					xmlelement(name title, pt.name || ' (' || pt.label_en || ')'))
				ORDER BY pt.facility_id)
		   FROM points AS pt),
		(SELECT xmlagg(xmlconcat(
					CASE WHEN lg.what = 'area'
						 THEN xmlelement(name rect, xmlattributes(COALESCE((SELECT f.w FROM frame AS f), 400) + 40 AS x,
																  56 + 22 * lg.n AS y, 16 AS width, 14 AS height,
																  lg.colour AS fill, '#333333' AS stroke))
						 ELSE xmlelement(name circle, xmlattributes(COALESCE((SELECT f.w FROM frame AS f), 400) + 48 AS cx,
																	63 + 22 * lg.n AS cy, 5 AS r, lg.colour AS fill))
					END,
					xmlelement(name text, xmlattributes(COALESCE((SELECT f.w FROM frame AS f), 400) + 64 AS x,
														68 + 22 * lg.n AS y), lg.text))
				ORDER BY lg.n)
		   FROM legend AS lg),
		CASE WHEN NOT EXISTS (SELECT 1 FROM frame)
			 THEN xmlelement(name text, xmlattributes(20 AS x, 100 AS y), 'No areas to show.') END,
		xmlelement(name text, xmlattributes(20 AS x,
											COALESCE((SELECT f.h FROM frame AS f), 0) + 95 AS y,
											'font-size:10px' AS style, '#777777' AS fill),
				   'Boundaries: Geodatastyrelsen & Danske Kommuner (DAGI); EPSG:25832.')
	)::text;
END;
COMMENT ON FUNCTION map_svg(integer, text) IS
'an SVG map of the areas (of one municipality, or all) coloured by their category in a list year, with facilities as symbols, a legend and a title with the list date';
-- faces for GIS and BI tools

CREATE VIEW gis_area_status AS
SELECT s.area_id * 100 + s.list_year % 100 AS id,
	   s.area_id, s.list_year, s.name, s.municipality_code,
	   s.category, category_label(s.category, s.list_year) AS label,
	   s.on_udsat_list, s.labour, s.convictions, s.education, s.income, s.nonwestern,
	   s.years_on_list, s.development_plan, s.kombineret_udlejning,
	   a.geom
  FROM area_status AS s
  JOIN area AS a ON a.area_id = s.area_id;
COMMENT ON VIEW gis_area_status IS
'area_status with the area polygon for QGIS: integer key id (area_id * 100 + the last two digits of the list year), geometry(MultiPolygon, 25832)';

CREATE VIEW bi_area_status AS
SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.region_code,
	   s.category,
	   category_label(s.category, s.list_year, 'da') AS category_da,
	   category_label(s.category, s.list_year, 'en') AS category_en,
	   s.computed_category, s.official_category, s.rules,
	   s.on_udsat_list, s.labour, s.convictions, s.education, s.income, s.nonwestern,
	   s.criteria_met, s.criteria_unknown, s.years_on_list, s.development_plan,
	   s.kombineret_udlejning, s.family_housing_share, s.family_units_over_target,
	   -- person-level figures: small counts and shares of small populations
	   -- are suppressed (housing_areas.min_cell_count)
	   disclose(indicator(s.ind, 'residents')::integer) AS residents,
	   disclose_share(indicator(s.ind, 'nonwestern'), indicator(s.ind, 'residents')) AS nonwestern_pct,
	   disclose_share(indicator(s.ind, 'outside_labour'), indicator(s.ind, 'residents')) AS outside_labour_pct,
	   disclose_share(indicator(s.ind, 'convicted'), indicator(s.ind, 'residents')) AS convicted_pct,
	   indicator(s.ind, 'national_convicted') AS national_convicted_pct,
	   disclose_share(indicator(s.ind, 'basic_education'), indicator(s.ind, 'residents')) AS basic_education_pct,
	   disclose_share(indicator(s.ind, 'income'), indicator(s.ind, 'residents')) AS income_pct,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat
  FROM area_status AS s
  JOIN area AS a ON a.area_id = s.area_id
  CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(a.geom), 4326) AS pt) AS p;
COMMENT ON VIEW bi_area_status IS
'area_status in built-in types only (text labels in Danish and English, booleans, numbers, lon/lat of a point inside the area in EPSG:4326) for BI tools; person counts below housing_areas.min_cell_count and shares of smaller populations are NULL';
