-- housing_areas_postgis 0.2.0 -> 0.3.0
\echo Use "ALTER EXTENSION housing_areas_postgis UPDATE TO '0.3.0'" to load this file. \quit

-- private helpers move off users' search_path (the functions that call them
-- are bound to them, not to their names)
ALTER FUNCTION on_udsat_list(classification, text) SET SCHEMA housing_areas_private;
ALTER FUNCTION on_a_list(classification, text) SET SCHEMA housing_areas_private;
ALTER FUNCTION check_facility_kind(text) SET SCHEMA housing_areas_private;
ALTER FUNCTION check_positive(text, double precision, boolean) SET SCHEMA housing_areas_private;
ALTER FUNCTION listed_areas(integer) SET SCHEMA housing_areas_private;
ALTER FUNCTION check_tile(integer, integer, integer) SET SCHEMA housing_areas_private;

-- area_status: an undetermined omdannelse is labelled unknown (it was
-- parallelsamfund), the development plan is NULL when only an undetermined
-- year could have started it, and a year whose category is unknown between
-- udsat and none no longer breaks the run of parallelsamfund lists.
-- Same columns, so the views and functions built on it stay.
CREATE OR REPLACE VIEW area_status AS
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

-- daycare_cap: over_cap is NULL when children from areas whose place on the
-- udsat list is undetermined decide whether the share exceeds 30 % (it was
-- false: they counted as not from an udsat area)
CREATE OR REPLACE FUNCTION daycare_cap(year integer)
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

