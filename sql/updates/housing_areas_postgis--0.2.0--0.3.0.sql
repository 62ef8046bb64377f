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

-- comments on every column of the tables and views (QGIS and BI tools show them)
COMMENT ON COLUMN facility_kind.kind IS
'key of the kind: lower-case letters and underscores (school, daycare, jobcenter, library, health, or your own)';
COMMENT ON COLUMN facility_kind.label_da IS
'name of the kind in Danish';
COMMENT ON COLUMN facility_kind.label_en IS
'name of the kind in English, shown in the legend of map_svg';
COMMENT ON COLUMN facility_kind.colour IS
'colour of the kind''s symbols on map_svg, #rrggbb (default #444444)';
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
COMMENT ON COLUMN enrolment.facility_id IS
'the daycare or school (facility.facility_id)';
COMMENT ON COLUMN enrolment.year IS
'the calendar year of admission to a daycare, or the first year of a school year (2019 for 2019/20)';
COMMENT ON COLUMN enrolment.home IS
'the child''s home address: Point in EPSG:25832 (metres)';
COMMENT ON COLUMN municipality.municipality_code IS
'four-digit municipality code (DAGI KOMKODE, e.g. 0751)';
COMMENT ON COLUMN municipality.name IS
'name of the municipality';
COMMENT ON COLUMN municipality.region_code IS
'region code, 1081-1085; NULL when not recorded';
COMMENT ON COLUMN municipality.geom IS
'the municipality boundary: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN area_status.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN area_status.list_year IS
'the list year: the list of 1 December (1 October 2010-2012)';
COMMENT ON COLUMN area_status.name IS
'name of the area';
COMMENT ON COLUMN area_status.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN area_status.region_code IS
'region code of the area (1081-1085); NULL when not recorded';
COMMENT ON COLUMN area_status.category IS
'the category that year (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown): official_category where given, else computed_category, and omdannelse for a parallelsamfund on each of the last 5 lists from 2018 on; unknown when missing values, this year or in the run, decide it';
COMMENT ON COLUMN area_status.computed_category IS
'the category classify() gives from the indicators alone (parallelsamfund, udsat, forebyggelse, none or unknown; never omdannelse); NULL when the row has no indicators';
COMMENT ON COLUMN area_status.official_category IS
'the published category, as entered in area_year; NULL when not given';
COMMENT ON COLUMN area_status.rules IS
'the rule version of the list year (dk2010, dk2013, dk2018, dk2021); NULL when the row has no indicators';
COMMENT ON COLUMN area_status.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse; also true when the category is unknown between udsat and parallelsamfund): official_category where given, else computed; NULL when undetermined';
COMMENT ON COLUMN area_status.labour IS
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown';
COMMENT ON COLUMN area_status.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown';
COMMENT ON COLUMN area_status.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN area_status.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN area_status.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown';
COMMENT ON COLUMN area_status.criteria_met IS
'number of criteria of the year''s main test met by the indicators (of 3 on the lists 2010-2012, of 5 on 2013-2017, of the 4 udsat criteria from 2018); NULL when the row has no indicators';
COMMENT ON COLUMN area_status.criteria_unknown IS
'number of criteria of the year''s main test undecided for missing values; NULL when the row has no indicators';
COMMENT ON COLUMN area_status.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN area_status.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN area_status.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined';
COMMENT ON COLUMN area_status.family_housing_share IS
'almene familieboliger as % of dwellings + demolished + floor(commercial_m2 / 75) (the 40 % rule, § 168 a; NULL demolished or commercial_m2 count 0); NULL when family_units or dwellings is NULL or the total is 0';
COMMENT ON COLUMN area_status.family_units_over_target IS
'family units to convert, sell or demolish to reach 40 %: ceil(F - 0.4 T), at least 0, for every area, under a plan or not; NULL when family_units or dwellings is NULL or the total is 0';
COMMENT ON COLUMN area_status.ind IS
'the criteria values of the list year (area_year.ind); NULL when none were entered';
COMMENT ON COLUMN gis_area_status.id IS
'integer key for QGIS: area_id * 100 + list_year % 100 (the last two digits of the list year)';
COMMENT ON COLUMN gis_area_status.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN gis_area_status.list_year IS
'the list year: the list of 1 December (1 October 2010-2012)';
COMMENT ON COLUMN gis_area_status.name IS
'name of the area';
COMMENT ON COLUMN gis_area_status.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN gis_area_status.category IS
'the category that year (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown): official_category where given, else computed_category, and omdannelse for a parallelsamfund on each of the last 5 lists from 2018 on; unknown when missing values, this year or in the run, decide it';
COMMENT ON COLUMN gis_area_status.label IS
'the Danish legal name of category in the list year (category_label(), e.g. ghettoområde before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN gis_area_status.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse; also true when the category is unknown between udsat and parallelsamfund): official_category where given, else computed; NULL when undetermined';
COMMENT ON COLUMN gis_area_status.labour IS
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown';
COMMENT ON COLUMN gis_area_status.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown';
COMMENT ON COLUMN gis_area_status.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN gis_area_status.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN gis_area_status.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown';
COMMENT ON COLUMN gis_area_status.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN gis_area_status.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN gis_area_status.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined';
COMMENT ON COLUMN gis_area_status.geom IS
'the area polygon: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN bi_area_status.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN bi_area_status.list_year IS
'the list year: the list of 1 December (1 October 2010-2012)';
COMMENT ON COLUMN bi_area_status.name IS
'name of the area';
COMMENT ON COLUMN bi_area_status.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN bi_area_status.region_code IS
'region code of the area (1081-1085); NULL when not recorded';
COMMENT ON COLUMN bi_area_status.category IS
'the category that year (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown): official_category where given, else computed_category, and omdannelse for a parallelsamfund on each of the last 5 lists from 2018 on; unknown when missing values, this year or in the run, decide it';
COMMENT ON COLUMN bi_area_status.category_da IS
'the Danish legal name of category in the list year (e.g. ghettoområde before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN bi_area_status.category_en IS
'the English name of category in the list year (e.g. ghetto area before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN bi_area_status.computed_category IS
'the category classify() gives from the indicators alone (parallelsamfund, udsat, forebyggelse, none or unknown; never omdannelse); NULL when the row has no indicators';
COMMENT ON COLUMN bi_area_status.official_category IS
'the published category, as entered in area_year; NULL when not given';
COMMENT ON COLUMN bi_area_status.rules IS
'the rule version of the list year (dk2010, dk2013, dk2018, dk2021); NULL when the row has no indicators';
COMMENT ON COLUMN bi_area_status.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse; also true when the category is unknown between udsat and parallelsamfund): official_category where given, else computed; NULL when undetermined';
COMMENT ON COLUMN bi_area_status.labour IS
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown';
COMMENT ON COLUMN bi_area_status.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown';
COMMENT ON COLUMN bi_area_status.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN bi_area_status.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN bi_area_status.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown';
COMMENT ON COLUMN bi_area_status.criteria_met IS
'number of criteria of the year''s main test met by the indicators (of 3 on the lists 2010-2012, of 5 on 2013-2017, of the 4 udsat criteria from 2018); NULL when the row has no indicators';
COMMENT ON COLUMN bi_area_status.criteria_unknown IS
'number of criteria of the year''s main test undecided for missing values; NULL when the row has no indicators';
COMMENT ON COLUMN bi_area_status.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN bi_area_status.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN bi_area_status.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined';
COMMENT ON COLUMN bi_area_status.family_housing_share IS
'almene familieboliger as % of dwellings + demolished + floor(commercial_m2 / 75) (the 40 % rule, § 168 a; NULL demolished or commercial_m2 count 0); NULL when family_units or dwellings is NULL or the total is 0';
COMMENT ON COLUMN bi_area_status.family_units_over_target IS
'family units to convert, sell or demolish to reach 40 %: ceil(F - 0.4 T), at least 0, for every area, under a plan or not; NULL when family_units or dwellings is NULL or the total is 0';
COMMENT ON COLUMN bi_area_status.residents IS
'residents at 1 January of the list year; NULL when unknown or suppressed for disclosure (1 to min_cell_count() - 1)';
COMMENT ON COLUMN bi_area_status.nonwestern_pct IS
'non-Western immigrants and descendants, % of residents; NULL when unknown, or suppressed for disclosure when residents is below min_cell_count() or unknown';
COMMENT ON COLUMN bi_area_status.outside_labour_pct IS
'residents aged 18-64 outside the labour market or education, % (as the rules average it); NULL when unknown, or suppressed for disclosure when residents is below min_cell_count() or unknown';
COMMENT ON COLUMN bi_area_status.convicted_pct IS
'convicted residents aged 18+, % of residents aged 18+ (as the rules average it); NULL when unknown, or suppressed for disclosure when residents is below min_cell_count() or unknown';
COMMENT ON COLUMN bi_area_status.national_convicted_pct IS
'convicted residents aged 18+ nationally, % (the base of the × national convictions thresholds from 2018; a national figure, not suppressed); NULL when unknown';
COMMENT ON COLUMN bi_area_status.basic_education_pct IS
'residents aged 30-59 with only basic schooling, %; NULL when unknown, or suppressed for disclosure when residents is below min_cell_count() or unknown';
COMMENT ON COLUMN bi_area_status.income_pct IS
'mean gross income of taxpayers aged 15-64, students excluded, % of the regional mean; NULL when unknown, or suppressed for disclosure when residents is below min_cell_count() or unknown';
COMMENT ON COLUMN bi_area_status.lon IS
'longitude in degrees (EPSG:4326) of a point inside the area';
COMMENT ON COLUMN bi_area_status.lat IS
'latitude in degrees (EPSG:4326) of a point inside the area';

-- dagi_from_geojson: a feature with "geometry": null (valid RFC 7946) or
-- without the code property is an error naming the feature (it was XX000)
CREATE FUNCTION housing_areas_private.check_geojson_feature(feature jsonb, n bigint, code_key text)
	RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
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
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_geojson_feature(jsonb, bigint, text) IS
'true for a GeoJSON feature with a geometry and a code, an error naming the feature (its number from 1 and its code) otherwise';

CREATE OR REPLACE FUNCTION dagi_from_geojson(doc jsonb, code_key text, name_key text)
	RETURNS TABLE (code text, name text, geom geometry(MultiPolygon, 25832))
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT f.value -> 'properties' ->> code_key,
		   min(f.value -> 'properties' ->> name_key),
		   ST_Multi(ST_Union(ST_Transform(ST_Force2D(ST_SetSRID(
			   ST_GeomFromGeoJSON(f.value -> 'geometry'), 4326)), 25832)))::geometry(MultiPolygon, 25832)
	  FROM jsonb_array_elements(doc -> 'features') WITH ORDINALITY AS f(value, n)
	 WHERE housing_areas_private.check_geojson_feature(f.value, f.n, code_key)
	 GROUP BY 1
	 ORDER BY 1;
END;
COMMENT ON FUNCTION dagi_from_geojson(jsonb, text, text) IS
'one MultiPolygon in EPSG:25832 per code from a DAGI GeoJSON FeatureCollection (Polygon pieces, 3D with dummy Z, CRS84), e.g. dagi_from_geojson(doc, ''KOMKODE'', ''KOMNAVN''); a feature without geometry or code is an error naming it';
