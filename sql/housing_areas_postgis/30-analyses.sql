-- the spatial questions the lists raise: language tests,
-- nearest facilities, access

-- argument checks shared by the spatial functions
-- (PL/pgSQL resolves operators through search_path at run time, so its
-- functions pin it: a caller's schema cannot slip in its own "="; a SQL
-- function is bound at creation)

CREATE FUNCTION housing_areas_private.require(ok boolean, message text, detail text, hint text)
	RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF ok IS NOT TRUE THEN
		-- RAISE takes no NULL option: a detail, a hint, both or neither, as given
		IF detail IS NULL AND hint IS NULL THEN
			RAISE EXCEPTION USING MESSAGE = message, ERRCODE = 'invalid_parameter_value';
		ELSIF hint IS NULL THEN
			RAISE EXCEPTION USING MESSAGE = message, ERRCODE = 'invalid_parameter_value', DETAIL = detail;
		ELSIF detail IS NULL THEN
			RAISE EXCEPTION USING MESSAGE = message, ERRCODE = 'invalid_parameter_value', HINT = hint;
		END IF;
		RAISE EXCEPTION USING MESSAGE = message, ERRCODE = 'invalid_parameter_value', DETAIL = detail, HINT = hint;
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.require(boolean, text, text, text) IS
'true when ok is true, otherwise the error of an invalid argument (22023) with the message and the detail and the hint where given: the one raise of the argument checks';

CREATE FUNCTION housing_areas_private.check_known(what text, value text, known text[], hint text)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN housing_areas_private.require(value = ANY (known), format('unknown %s "%s"', what, value),
		NULL, hint || NULLIF(array_to_string(known, ', '), '') || '.');
COMMENT ON FUNCTION housing_areas_private.check_known(text, text, text[], text) IS
'true for a value among the known names, an error "unknown <what>" otherwise, its hint the given text followed by the known names';

CREATE FUNCTION housing_areas_private.check_facility_kind(kind text) RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN housing_areas_private.check_known('facility kind', kind,
		ARRAY(SELECT k.kind FROM housing_areas.facility_kind AS k ORDER BY k.kind),
		'Known kinds are listed in housing_areas.facility_kind: ');
COMMENT ON FUNCTION housing_areas_private.check_facility_kind(text) IS
'true for a kind listed in facility_kind, an error naming the known kinds otherwise';

CREATE FUNCTION housing_areas_private.check_argument(ok boolean, name text, value text, detail text)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- a NULL value written as RAISE writes it
	RETURN housing_areas_private.require(ok, format('invalid value "%s" for argument "%s"', COALESCE(value, '<NULL>'),
													name), detail, NULL);
COMMENT ON FUNCTION housing_areas_private.check_argument(boolean, text, text, text) IS
'true when ok is true, otherwise the error "invalid value <value> for argument <name>" with the detail';

CREATE FUNCTION housing_areas_private.check_positive(name text, value double precision, allow_zero boolean)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- (NaN sorts above Infinity)
	RETURN housing_areas_private.check_argument(value >= 0 AND value < 'Infinity' AND (value > 0 OR allow_zero),
		name, value::text, CASE WHEN allow_zero THEN 'The value must be a finite number of 0 or more.'
								ELSE 'The value must be at least 1.' END);
COMMENT ON FUNCTION housing_areas_private.check_positive(text, double precision, boolean) IS
'true for a finite non-negative (or, without allow_zero, positive) argument, an error naming it otherwise';

CREATE FUNCTION housing_areas_private.check_date(name text, value date) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN housing_areas_private.check_argument(value IS NULL OR isfinite(value), name, value::text,
		'The date must be a day of the calendar, not infinity.');
COMMENT ON FUNCTION housing_areas_private.check_date(text, date) IS
'true for a finite date or NULL, an error naming the argument for infinity or -infinity';

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

-- daycare_cap(year) and daycare_cap_disclosed(year): in 80-daycare.sql,
-- after the decisions they follow

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
							  WHERE ay.list_year BETWEEN language_test_schools.school_year - consequence('language_test_lists')::integer
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
	 WHERE 100.0 * c.from_listed / c.pupils > consequence('language_test_share')
	 ORDER BY c.facility_id;
END;
COMMENT ON FUNCTION language_test_schools(integer) IS
'schools where more than 30 % of the pupils of the school year live in an area that was on the udsat list at least once in the three lists before it: these test every pupil in børnehaveklasse';

CREATE FUNCTION housing_areas_private.all_shown(VARIADIC counts integer[]) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN NOT EXISTS (SELECT FROM unnest(counts) AS c WHERE disclose(c) IS NULL);
COMMENT ON FUNCTION housing_areas_private.all_shown(integer[]) IS
'true when disclose() shows every one of the counts (a NULL count is not shown): a count of a published total, with the total and the rest, so that no shown one narrows a hidden one down';

CREATE FUNCTION language_test_schools_disclosed(school_year integer)
	RETURNS TABLE (facility_id bigint, name text, pupils integer, from_listed integer,
				   share_pct double precision, suppressed text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- a school is listed because its share is over 30 %, so with a hidden
	-- from_listed the pupils would narrow it down: both are hidden together
	SELECT l.facility_id, l.name,
		   CASE WHEN x.shown THEN l.pupils END,
		   CASE WHEN x.shown THEN l.from_listed END,
		   CASE WHEN x.shown THEN l.share_pct END,
		   CASE WHEN x.shown THEN '' ELSE 'pupils,from_listed,share_pct' END
	  FROM language_test_schools(language_test_schools_disclosed.school_year) AS l
	 CROSS JOIN LATERAL (SELECT housing_areas_private.all_shown(l.pupils, l.from_listed, l.pupils - l.from_listed)
								AS shown) AS x
	 ORDER BY l.facility_id;
END;
COMMENT ON FUNCTION language_test_schools_disclosed(integer) IS
'language_test_schools() for publication under housing_areas.min_cell_count: every school that tests, with pupils, from_listed and share_pct only when the pupils, those from listed areas and the others are all shown by disclose(), all three NULL otherwise (the school is on the list because its share is over 30 %, so the pupils alone would narrow a hidden count down); suppressed names the hidden columns (comma-separated, empty when none)';

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
