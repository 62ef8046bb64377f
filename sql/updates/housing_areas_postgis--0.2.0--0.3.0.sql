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

-- dagi_from_geojson: a feature with "geometry": null (valid RFC 7946),
-- without the code property, or with a geometry PostGIS cannot read,
-- project or accept as a polygon is an error naming the feature (it was
-- XX000)
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

CREATE OR REPLACE FUNCTION dagi_from_geojson(doc jsonb, code_key text, name_key text)
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
-- map_svg: composed of small named steps in housing_areas_private (same output)

CREATE FUNCTION housing_areas_private.svg_layout()
	RETURNS TABLE (
		map_size integer,            -- the longer side of the map (px)
		margin integer,              -- x of the map, the title and the notes
		map_top integer,             -- y of the map
		map_bottom integer,          -- the space under the map, for the credit
		padding double precision,    -- the space around what the map shows, a share of its longer side
		min_extent integer,          -- padding a smaller extent as if its longer side were this long (m)
		wide_extent integer,         -- on a map longer than this (m) areas are too small to see: mark them
		max_facilities integer,      -- more facilities in the frame hide the areas: none are drawn
		empty_map_width integer,     -- the map's width when there is nothing to draw
		legend_width integer,        -- the legend's column, right of the map
		min_height integer,          -- the least height of the document
		title_y integer,
		summary_y integer,           -- the line under the title: counts and rules
		empty_note_y integer,        -- 'No areas to show.'
		credit_gap integer,          -- from the bottom of the map to the credit
		legend_row integer,          -- legend row n is legend_row * n below the positions of row 0
		legend_height integer,       -- the document is at least legend_height + legend_row * rows high
		legend_rect_x integer,       -- category swatch, x right of the map's width
		legend_rect_y integer,
		legend_rect_width integer,
		legend_rect_height integer,
		legend_circle_x integer,     -- facility kind symbol, x right of the map's width
		legend_circle_y integer,
		legend_circle_r integer,
		legend_text_x integer,       -- the entry's text, x right of the map's width
		legend_text_y integer,
		marker_r numeric,            -- an area's circle on a wide map
		facility_r numeric,
		style text,                  -- the document's font
		title_style text,
		credit_style text,
		paper text,                  -- background, halo of facility symbols
		ink text,                    -- outlines of areas, markers and swatches
		grey text,                   -- the summary line, a municipality's outline
		faint text,                  -- the credit
		land_fill text,
		land_stroke text,
		land_width text,
		outline_width text,
		outline_dash text,
		line_width text)             -- outlines of areas and symbols
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT 760 AS map_size, 20 AS margin, 70 AS map_top, 40 AS map_bottom,
		   0.04::double precision AS padding, 200 AS min_extent, 30000 AS wide_extent,
		   400 AS max_facilities, 400 AS empty_map_width, 400 AS legend_width, 200 AS min_height,
		   30 AS title_y, 52 AS summary_y, 100 AS empty_note_y, 25 AS credit_gap,
		   22 AS legend_row, 90 AS legend_height,
		   40 AS legend_rect_x, 56 AS legend_rect_y, 16 AS legend_rect_width, 14 AS legend_rect_height,
		   48 AS legend_circle_x, 63 AS legend_circle_y, 5 AS legend_circle_r,
		   64 AS legend_text_x, 68 AS legend_text_y,
		   4.5 AS marker_r, 3.5 AS facility_r,
		   'font-family:sans-serif;font-size:13px'::text AS style,
		   'font-size:20px;font-weight:bold'::text AS title_style, 'font-size:10px'::text AS credit_style,
		   '#ffffff'::text AS paper, '#333333'::text AS ink, '#555555'::text AS grey, '#777777'::text AS faint,
		   '#f2f2f2'::text AS land_fill, '#bbbbbb'::text AS land_stroke, '0.5'::text AS land_width,
		   '1'::text AS outline_width, '4 3'::text AS outline_dash, '0.8'::text AS line_width;
END;
COMMENT ON FUNCTION housing_areas_private.svg_layout() IS
'the layout constants of map_svg, each named once, as one row (a set-returning function so that it is inlined): sizes and positions in px, extents in metres, styles and colours';

CREATE TYPE housing_areas_private.svg_area AS (
	area_id integer,
	category text,
	title text,
	geom geometry
);
COMMENT ON TYPE housing_areas_private.svg_area IS
'an area as map_svg draws it: its category in the list year and its tooltip';
COMMENT ON COLUMN housing_areas_private.svg_area.area_id IS
'the area''s identifier';
COMMENT ON COLUMN housing_areas_private.svg_area.category IS
'its category in the list year; unknown without status';
COMMENT ON COLUMN housing_areas_private.svg_area.title IS
'its tooltip: the name and the category''s English label';
COMMENT ON COLUMN housing_areas_private.svg_area.geom IS
'its boundary in EPSG:25832';

CREATE FUNCTION housing_areas_private.svg_areas(list_year integer, municipality_code text)
	RETURNS housing_areas_private.svg_area[]
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT ARRAY(
		SELECT ROW(a.area_id, c.category,
				   a.name || ': ' || COALESCE(category_label(c.category, svg_areas.list_year, 'en'), c.category),
				   a.geom)::housing_areas_private.svg_area
		  FROM area AS a
		  LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = svg_areas.list_year
		 CROSS JOIN LATERAL (SELECT COALESCE(s.category, 'unknown') AS category) AS c
		 WHERE svg_areas.municipality_code IS NULL OR a.municipality_code = svg_areas.municipality_code
		 ORDER BY a.area_id);
END;
COMMENT ON FUNCTION housing_areas_private.svg_areas(integer, text) IS
'the areas of map_svg (of one municipality, or all) with their category in a list year';

CREATE FUNCTION housing_areas_private.svg_extent(municipality_code text, areas housing_areas_private.svg_area[])
	RETURNS geometry
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- a map of all areas shows the whole country when its boundaries are loaded
	SELECT COALESCE((SELECT ST_Extent(m.geom)::geometry FROM municipality AS m
					  WHERE m.municipality_code = svg_extent.municipality_code),
					(SELECT ST_Extent(m.geom)::geometry FROM municipality AS m
					  WHERE svg_extent.municipality_code IS NULL),
					(SELECT ST_Extent(a.geom)::geometry FROM unnest(svg_extent.areas) AS a));
END;
COMMENT ON FUNCTION housing_areas_private.svg_extent(text, housing_areas_private.svg_area[]) IS
'what map_svg shows: the extent of the municipality, else of the country on a map of all areas, else of the areas; NULL for nothing';

CREATE TYPE housing_areas_private.svg_frame AS (
	box geometry,
	x0 double precision,
	y1 double precision,
	k double precision,
	map_x integer,
	map_y integer,
	w double precision,
	h double precision,
	wide boolean
);
COMMENT ON TYPE housing_areas_private.svg_frame IS
'where map_svg draws an extent: the padded box, its scale to px and the map''s place and size on the page';
COMMENT ON COLUMN housing_areas_private.svg_frame.box IS
'the padded extent: what the map shows (EPSG:25832)';
COMMENT ON COLUMN housing_areas_private.svg_frame.x0 IS
'the box''s left edge (m)';
COMMENT ON COLUMN housing_areas_private.svg_frame.y1 IS
'the box''s top edge (m)';
COMMENT ON COLUMN housing_areas_private.svg_frame.k IS
'the scale: px per metre';
COMMENT ON COLUMN housing_areas_private.svg_frame.map_x IS
'the map''s left edge on the page (px)';
COMMENT ON COLUMN housing_areas_private.svg_frame.map_y IS
'the map''s top edge on the page (px)';
COMMENT ON COLUMN housing_areas_private.svg_frame.w IS
'the map''s width (px)';
COMMENT ON COLUMN housing_areas_private.svg_frame.h IS
'the map''s height (px)';
COMMENT ON COLUMN housing_areas_private.svg_frame.wide IS
'the map is longer than wide_extent of svg_layout(): areas are too small to see, mark them';

CREATE FUNCTION housing_areas_private.svg_frame(extent geometry) RETURNS housing_areas_private.svg_frame
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT b.box, ST_XMin(b.box), ST_YMax(b.box), l.map_size / s.side, l.margin, l.map_top,
		   ceil((ST_XMax(b.box) - ST_XMin(b.box)) * l.map_size / s.side),
		   ceil((ST_YMax(b.box) - ST_YMin(b.box)) * l.map_size / s.side),
		   s.side > l.wide_extent
	  FROM housing_areas_private.svg_layout() AS l
	 CROSS JOIN LATERAL (SELECT ST_Expand(svg_frame.extent,
										  GREATEST(ST_XMax(svg_frame.extent) - ST_XMin(svg_frame.extent),
												   ST_YMax(svg_frame.extent) - ST_YMin(svg_frame.extent),
												   l.min_extent) * l.padding) AS box) AS b
	 CROSS JOIN LATERAL (SELECT GREATEST(ST_XMax(b.box) - ST_XMin(b.box),
										 ST_YMax(b.box) - ST_YMin(b.box)) AS side) AS s;
END;
COMMENT ON FUNCTION housing_areas_private.svg_frame(geometry) IS
'the frame of an extent on the SVG map: padded, its longer side scaled to map_size px';

CREATE FUNCTION housing_areas_private.svg_path(frame housing_areas_private.svg_frame, geom geometry)
	RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- ST_AsSVG writes -y; this affine map makes that the SVG y (down)
	SELECT ST_AsSVG(ST_Affine(svg_path.geom, f.k, 0, 0, f.k, f.map_x - f.k * f.x0, -f.k * f.y1 - f.map_y), 0, 1)
	  FROM (SELECT (svg_path.frame).*) AS f;
END;
COMMENT ON FUNCTION housing_areas_private.svg_path(housing_areas_private.svg_frame, geometry) IS
'the SVG path data (d) of a geometry in a frame of the map';

CREATE FUNCTION housing_areas_private.svg_circle(frame housing_areas_private.svg_frame, pt geometry, r numeric,
												 fill text, stroke text, stroke_width text, title text)
	RETURNS xml
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlelement(name circle,
			   xmlattributes(round((f.map_x + f.k * (ST_X(svg_circle.pt) - f.x0))::numeric, 1) AS cx,
							 round((f.map_y + f.k * (f.y1 - ST_Y(svg_circle.pt)))::numeric, 1) AS cy,
							 svg_circle.r AS r, svg_circle.fill AS fill, svg_circle.stroke AS stroke,
							 svg_circle.stroke_width AS "stroke-width"),
			   xmlelement(name title, svg_circle.title))
	  FROM (SELECT (svg_circle.frame).*) AS f;
END;
COMMENT ON FUNCTION housing_areas_private.svg_circle(housing_areas_private.svg_frame, geometry, numeric, text, text, text, text) IS
'an SVG circle with a tooltip at a point in a frame of the map';

CREATE FUNCTION housing_areas_private.svg_facilities(frame housing_areas_private.svg_frame, municipality_code text)
	RETURNS facility[]
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- through the GiST index on facility.geom; a few hundred symbols at
	-- most, or they hide the areas
	SELECT ARRAY(
		SELECT fa FROM facility AS fa
		 WHERE fa.geom && (svg_facilities.frame).box
		   AND (svg_facilities.municipality_code IS NULL OR fa.municipality_code = svg_facilities.municipality_code)
		   AND (SELECT count(*) FROM facility AS f2 WHERE f2.geom && (svg_facilities.frame).box)
			   <= (SELECT l.max_facilities FROM housing_areas_private.svg_layout() AS l)
		 ORDER BY fa.facility_id);
END;
COMMENT ON FUNCTION housing_areas_private.svg_facilities(housing_areas_private.svg_frame, text) IS
'the facilities map_svg draws in a frame (of one municipality, or all): none when there are too many';

CREATE FUNCTION housing_areas_private.svg_legend_entries(list_year integer, facilities facility[])
	RETURNS TABLE (n bigint, is_area boolean, label text, colour text)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT row_number() OVER (ORDER BY e.ord), e.is_area, e.label, e.colour
	  FROM (SELECT o.ord, true AS is_area,
				   category_label(o.category, svg_legend_entries.list_year, 'da') || ' (' ||
				   category_label(o.category, svg_legend_entries.list_year, 'en') || ')' AS label,
				   category_colour(o.category) AS colour
			  -- the labels of the enum, most severe first, unknown last
			  FROM (SELECT row_number() OVER (ORDER BY l.category = 'unknown', l.category DESC) AS ord,
						   l.category::text AS category
					  FROM unnest(enum_range(NULL::category)) AS l(category)) AS o
			 WHERE category_label(o.category, svg_legend_entries.list_year) IS NOT NULL
			UNION ALL
			SELECT 10 + row_number() OVER (ORDER BY k.kind), false, k.label_en, k.colour
			  FROM facility_kind AS k
			 WHERE k.kind IN (SELECT f.kind FROM unnest(svg_legend_entries.facilities) AS f)) AS e
	 ORDER BY 1;
END;
COMMENT ON FUNCTION housing_areas_private.svg_legend_entries(integer, facility[]) IS
'the rows of the map legend, numbered from 1: the categories of a list year, then the kinds of the facilities drawn';

CREATE FUNCTION housing_areas_private.svg_document(frame housing_areas_private.svg_frame, legend_rows bigint,
												   content xml)
	RETURNS xml
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlelement(name svg,
			   xmlattributes('http://www.w3.org/2000/svg' AS xmlns,
							 COALESCE((svg_document.frame).w, l.empty_map_width) + l.legend_width AS width,
							 GREATEST(COALESCE((svg_document.frame).h, 0) + l.map_top + l.map_bottom,
									  l.legend_height + l.legend_row * svg_document.legend_rows,
									  l.min_height) AS height,
							 l.style AS style),
			   xmlelement(name rect, xmlattributes('100%' AS width, '100%' AS height, l.paper AS fill)),
			   svg_document.content)
	  FROM housing_areas_private.svg_layout() AS l;
END;
COMMENT ON FUNCTION housing_areas_private.svg_document(housing_areas_private.svg_frame, bigint, xml) IS
'the svg element of the map around its content, sized for the frame (NULL: no map) and the legend rows';

CREATE FUNCTION housing_areas_private.svg_title(list_year integer, municipality_code text,
												areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlconcat(
			   xmlelement(name text, xmlattributes(l.margin AS x, l.title_y AS y, l.title_style AS style),
						  'Housing areas on the list of ' || list_date(svg_title.list_year)
						  || COALESCE(' — ' || (SELECT m.name FROM municipality AS m
												 WHERE m.municipality_code = svg_title.municipality_code),
									  ' — municipality ' || svg_title.municipality_code, '')),
			   xmlelement(name text, xmlattributes(l.margin AS x, l.summary_y AS y, l.grey AS fill),
						  cardinality(svg_title.areas) || ' areas, '
						  || (SELECT count(*) FROM unnest(svg_title.areas) AS a
							   WHERE a.category NOT IN ('none', 'unknown'))
						  || ' on a list; rules ' || rules_for_year(svg_title.list_year)))
	  FROM housing_areas_private.svg_layout() AS l;
END;
COMMENT ON FUNCTION housing_areas_private.svg_title(integer, text, housing_areas_private.svg_area[]) IS
'the title of the map (list date, municipality) and the line under it (counts, rules)';

CREATE FUNCTION housing_areas_private.svg_outline(frame housing_areas_private.svg_frame, municipality_code text)
	RETURNS xml
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlelement(name path,
			   xmlattributes(housing_areas_private.svg_path(svg_outline.frame, m.geom) AS d, 'none' AS fill,
							 l.grey AS stroke, l.outline_width AS "stroke-width", l.outline_dash AS "stroke-dasharray"))
	  FROM municipality AS m
	 CROSS JOIN housing_areas_private.svg_layout() AS l
	 WHERE m.municipality_code = svg_outline.municipality_code;
END;
COMMENT ON FUNCTION housing_areas_private.svg_outline(housing_areas_private.svg_frame, text) IS
'the dashed outline of a municipality on its map, when its boundary is loaded';

CREATE FUNCTION housing_areas_private.svg_land(frame housing_areas_private.svg_frame, municipality_code text)
	RETURNS xml
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(xmlelement(name path,
					  xmlattributes(housing_areas_private.svg_path(svg_land.frame, m.geom) AS d, l.land_fill AS fill,
									l.land_stroke AS stroke, l.land_width AS "stroke-width"))
				  ORDER BY m.municipality_code)
	  FROM municipality AS m
	 CROSS JOIN housing_areas_private.svg_layout() AS l
	 WHERE svg_land.municipality_code IS NULL AND svg_land.frame IS NOT NULL;
END;
COMMENT ON FUNCTION housing_areas_private.svg_land(housing_areas_private.svg_frame, text) IS
'the municipalities as background land on a map of all areas (municipality_code NULL)';

CREATE FUNCTION housing_areas_private.svg_area_paths(frame housing_areas_private.svg_frame,
													 areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(xmlelement(name path,
					  xmlattributes(housing_areas_private.svg_path(svg_area_paths.frame, a.geom) AS d,
									category_colour(a.category) AS fill, 'evenodd' AS "fill-rule",
									l.ink AS stroke, l.line_width AS "stroke-width"),
					  xmlelement(name title, a.title))
				  ORDER BY a.area_id)
	  FROM unnest(svg_area_paths.areas) AS a
	 CROSS JOIN housing_areas_private.svg_layout() AS l;
END;
COMMENT ON FUNCTION housing_areas_private.svg_area_paths(housing_areas_private.svg_frame, housing_areas_private.svg_area[]) IS
'the areas as SVG paths filled with the colour of their category';

CREATE FUNCTION housing_areas_private.svg_markers(frame housing_areas_private.svg_frame,
												  areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(housing_areas_private.svg_circle(svg_markers.frame, ST_PointOnSurface(a.geom), l.marker_r,
												   category_colour(a.category), l.ink, l.line_width, a.title)
				  ORDER BY a.category <> 'none', a.area_id)
	  FROM unnest(svg_markers.areas) AS a
	 CROSS JOIN housing_areas_private.svg_layout() AS l
	 WHERE (svg_markers.frame).wide;
END;
COMMENT ON FUNCTION housing_areas_private.svg_markers(housing_areas_private.svg_frame, housing_areas_private.svg_area[]) IS
'a circle on each area of a wide map, where the areas are too small to see (listed areas on top)';

CREATE FUNCTION housing_areas_private.svg_facility_symbols(frame housing_areas_private.svg_frame,
														   facilities facility[])
	RETURNS xml
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(housing_areas_private.svg_circle(svg_facility_symbols.frame, f.geom, l.facility_r, k.colour,
												   l.paper, l.line_width, f.name || ' (' || k.label_en || ')')
				  ORDER BY f.facility_id)
	  FROM unnest(svg_facility_symbols.facilities) AS f
	  JOIN facility_kind AS k ON k.kind = f.kind
	 CROSS JOIN housing_areas_private.svg_layout() AS l;
END;
COMMENT ON FUNCTION housing_areas_private.svg_facility_symbols(housing_areas_private.svg_frame, facility[]) IS
'the facilities as circles in the colour of their kind';

CREATE FUNCTION housing_areas_private.svg_legend(frame housing_areas_private.svg_frame, list_year integer,
												 facilities facility[])
	RETURNS xml
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(xmlconcat(
				CASE WHEN e.is_area
					 THEN xmlelement(name rect, xmlattributes(c.left_x + l.legend_rect_x AS x,
															  l.legend_rect_y + l.legend_row * e.n AS y,
															  l.legend_rect_width AS width, l.legend_rect_height AS height,
															  e.colour AS fill, l.ink AS stroke))
					 ELSE xmlelement(name circle, xmlattributes(c.left_x + l.legend_circle_x AS cx,
																l.legend_circle_y + l.legend_row * e.n AS cy,
																l.legend_circle_r AS r, e.colour AS fill))
				END,
				xmlelement(name text, xmlattributes(c.left_x + l.legend_text_x AS x,
													l.legend_text_y + l.legend_row * e.n AS y), e.label))
			ORDER BY e.n)
	  FROM housing_areas_private.svg_legend_entries(svg_legend.list_year, svg_legend.facilities) AS e
	 CROSS JOIN housing_areas_private.svg_layout() AS l
	 -- the legend's column starts at the map's width
	 CROSS JOIN LATERAL (SELECT COALESCE((svg_legend.frame).w, l.empty_map_width) AS left_x) AS c;
END;
COMMENT ON FUNCTION housing_areas_private.svg_legend(housing_areas_private.svg_frame, integer, facility[]) IS
'the legend right of the map: a swatch per category, a symbol per facility kind drawn';

CREATE FUNCTION housing_areas_private.svg_credit(frame housing_areas_private.svg_frame)
	RETURNS xml
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlconcat(
			   CASE WHEN svg_credit.frame IS NULL
					THEN xmlelement(name text, xmlattributes(l.margin AS x, l.empty_note_y AS y), 'No areas to show.')
			   END,
			   xmlelement(name text, xmlattributes(l.margin AS x,
												   COALESCE((svg_credit.frame).h, 0) + l.map_top + l.credit_gap AS y,
												   l.credit_style AS style, l.faint AS fill),
						  'Boundaries: Geodatastyrelsen & Danske Kommuner (DAGI); EPSG:25832.'))
	  FROM housing_areas_private.svg_layout() AS l;
END;
COMMENT ON FUNCTION housing_areas_private.svg_credit(housing_areas_private.svg_frame) IS
'the credit line under the map, after "No areas to show." when there is no map (frame NULL)';

-- area: a geometry where UTM zone 32N no longer projects to longitude and
-- latitude (the map outputs raised an internal error on it) is refused; an
-- existing row out there stops the update with the constraint's name
ALTER TABLE area ADD CONSTRAINT area_geom_in_utm32n
	CHECK (geom @ ST_MakeEnvelope(-1000000, 4000000, 2000000, 9300000, 25832));
-- GIS clients (issue: QGIS, GDAL, tile servers): a fetch of gis_area_status
-- by its key or by list year uses an index (two new indexes on area_year,
-- and the view driven by area_year with each area's history computed from
-- its own rows); the key also as ogc_fid for GDAL; layers of the latest list
-- (polygons and points); the map outputs agree on the list years they take
-- (before 2010 or without rows in area_year: an error) and spell a missing
-- status 'unknown'; the tiles gain a point layer and TileJSON metadata; a
-- time series per area for BI dashboards

-- a list year, and the key of gis_area_status, by index (GIS clients fetch
-- features by one or the other)
CREATE INDEX area_year_list_year_idx ON area_year (list_year);
CREATE INDEX area_year_gis_id_idx ON area_year ((area_id * 100 + list_year % 100));
COMMENT ON INDEX area_year_list_year_idx IS
'the rows of a list year (gis_area_status, gis_latest_list, latest_list_year())';
COMMENT ON INDEX area_year_gis_id_idx IS
'the key id of gis_area_status and gis_latest_list (area_id * 100 + list_year % 100), for GIS clients fetching features by id';

CREATE FUNCTION housing_areas_private.check_list_year(list_year integer) RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_year integer;
	last_year integer;
BEGIN
	IF list_year IS NOT NULL THEN
		PERFORM housing_areas.rules_for_year(list_year);	-- its error before 2010
		IF EXISTS (SELECT 1 FROM housing_areas.area_year AS ay WHERE ay.list_year = check_list_year.list_year) THEN
			RETURN true;
		END IF;
	END IF;
	SELECT min(ay.list_year), max(ay.list_year) INTO first_year, last_year FROM housing_areas.area_year AS ay;
	RAISE EXCEPTION 'no list of % in area_year', COALESCE(list_year::text, '(latest)')
		USING ERRCODE = 'invalid_parameter_value',
			  DETAIL = CASE WHEN last_year IS NULL THEN 'area_year has no rows.'
							ELSE pg_catalog.format('The list years in area_year run from %s to %s.', first_year, last_year) END,
			  HINT = 'Load the list into housing_areas.area_year, or ask for a year it holds.';
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_list_year(integer) IS
'true for a list year with rows in area_year, an error otherwise: the rules_for_year error before 2010, else one giving the years area_year holds (the map outputs and the tile metadata agree on it)';

CREATE OR REPLACE FUNCTION areas_geojson(list_year integer)
	RETURNS json
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- every area, so one window over area_status (cheaper here than each
	-- area's history on its own, as the tiles do); an area without a row
	-- that year is unknown, as in area_status and on map_svg
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
					   'category', c.category,
					   'label', category_label(c.category, areas_geojson.list_year),
					   'labour', s.labour, 'convictions', s.convictions,
					   'education', s.education, 'income', s.income,
					   'nonwestern', s.nonwestern,
					   'years_on_list', s.years_on_list,
					   'development_plan', s.development_plan,
					   'kombineret_udlejning', s.kombineret_udlejning))
				   ORDER BY a.area_id), '[]'::json))
	  FROM area AS a
	  LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = areas_geojson.list_year
	 CROSS JOIN LATERAL (SELECT COALESCE(s.category, 'unknown') AS category) AS c
	 WHERE housing_areas_private.check_list_year(areas_geojson.list_year);
END;
COMMENT ON FUNCTION areas_geojson(integer) IS
'every area as an RFC 7946 GeoJSON FeatureCollection in EPSG:4326 (exterior rings counter-clockwise), with the category and criteria of the list year as properties (category unknown for an area without a row that year); a year before 2010 or without rows in area_year is an error';

CREATE FUNCTION housing_areas_private.mvt_tile(z integer, x integer, y integer)
	RETURNS TABLE (env3857 geometry, env25832 geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- For the index test the tile envelope (with the 64/4096 buffer) goes to
	-- lon/lat, is clipped to where UTM 32N is still well defined (far beyond
	-- Denmark; a world tile cannot be projected whole), densified, and
	-- transformed to the table's SRID; the column is transformed only for
	-- the output.
	WITH envelope AS (
		SELECT CASE WHEN housing_areas_private.check_tile(mvt_tile.z, mvt_tile.x, mvt_tile.y)
					THEN ST_TileEnvelope(mvt_tile.z, mvt_tile.x, mvt_tile.y)
			   END AS env3857,
			   CASE WHEN housing_areas_private.check_tile(mvt_tile.z, mvt_tile.x, mvt_tile.y)
					THEN ST_Intersection(
							 ST_Transform(ST_TileEnvelope(mvt_tile.z, mvt_tile.x,
														  mvt_tile.y, margin => 64.0 / 4096), 4326),
							 ST_MakeEnvelope(-40, -80, 58, 84, 4326))
			   END AS lonlat
	)
	SELECT e.env3857,
		   ST_Transform(ST_Segmentize(e.lonlat, GREATEST(ST_XMax(e.lonlat) - ST_XMin(e.lonlat),
														  ST_YMax(e.lonlat) - ST_YMin(e.lonlat)) / 16),
						25832) AS env25832
	  FROM envelope AS e
	 WHERE NOT ST_IsEmpty(e.lonlat);
END;
COMMENT ON FUNCTION housing_areas_private.mvt_tile(integer, integer, integer) IS
'a z/x/y tile: its envelope in EPSG:3857, and the envelope with its 64/4096 buffer in EPSG:25832 for the index test; no row for a tile where UTM 32N is undefined, an error for an invalid address';

CREATE FUNCTION housing_areas_private.mvt_areas(z integer, x integer, y integer, list_year integer)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry, env3857 geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the areas whose box meets the tile (GiST index), each with its status
	-- from its own history only; unknown without a row that year
	SELECT a.area_id, a.name, a.municipality_code, y.list_year, c.category,
		   category_label(c.category, y.list_year), s.years_on_list, s.development_plan,
		   a.geom, t.env3857
	  FROM housing_areas_private.mvt_tile(mvt_areas.z, mvt_areas.x, mvt_areas.y) AS t
	 CROSS JOIN (SELECT COALESCE(mvt_areas.list_year, (SELECT latest_list_year())) AS list_year) AS y
	  JOIN area AS a ON a.geom && t.env25832
	  LEFT JOIN LATERAL (SELECT h.* FROM area_status AS h WHERE h.area_id = a.area_id OFFSET 0) AS s
		ON s.list_year = y.list_year
	 CROSS JOIN LATERAL (SELECT COALESCE(s.category, 'unknown') AS category) AS c
	 WHERE housing_areas_private.check_list_year(y.list_year);
END;
COMMENT ON FUNCTION housing_areas_private.mvt_areas(integer, integer, integer, integer) IS
'the areas of a tile with their status in a list year (default: the latest), category unknown without a row that year, geometry in EPSG:25832 and the tile envelope; the list year checked as by the other map outputs';

CREATE OR REPLACE FUNCTION areas_mvt_features(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT p.area_id, p.name, p.municipality_code, p.list_year, p.category, p.label,
		   p.years_on_list, p.development_plan, p.tile_geom
	  FROM (SELECT m.*, ST_AsMVTGeom(ST_Transform(m.geom, 3857), m.env3857, 4096, 64, true) AS tile_geom
			  FROM housing_areas_private.mvt_areas(areas_mvt_features.z, areas_mvt_features.x, areas_mvt_features.y,
												   areas_mvt_features.list_year) AS m) AS p
	 WHERE p.tile_geom IS NOT NULL;
END;
COMMENT ON FUNCTION areas_mvt_features(integer, integer, integer, integer) IS
'the features of the layer "areas" of areas_mvt(): the area polygons in a tile with their status (category unknown without a row that year), geometry in tile coordinates; polygons smaller than a tile unit are left out (see area_points_mvt_features)';

CREATE FUNCTION area_points_mvt_features(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- without a buffer, so that each point is in one tile
	SELECT p.area_id, p.name, p.municipality_code, p.list_year, p.category, p.label,
		   p.years_on_list, p.development_plan, p.tile_geom
	  FROM (SELECT m.*, ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(m.geom), 3857), m.env3857, 4096, 0, true)
							AS tile_geom
			  FROM housing_areas_private.mvt_areas(area_points_mvt_features.z, area_points_mvt_features.x,
												   area_points_mvt_features.y, area_points_mvt_features.list_year) AS m) AS p
	 WHERE p.tile_geom IS NOT NULL;
END;
COMMENT ON FUNCTION area_points_mvt_features(integer, integer, integer, integer) IS
'the features of the layer "area_points" of areas_mvt(): a point inside each area (ST_PointOnSurface) in the tile, with the same attributes as the layer "areas", at every zoom: areas stay visible on a national map where their polygons are smaller than a pixel';

CREATE OR REPLACE FUNCTION areas_mvt(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS bytea
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT COALESCE((SELECT ST_AsMVT(f.*, 'areas', 4096, 'geom', 'area_id')
					   FROM areas_mvt_features(areas_mvt.z, areas_mvt.x, areas_mvt.y,
											   areas_mvt.list_year) AS f),
					''::bytea)
		   || COALESCE((SELECT ST_AsMVT(p.*, 'area_points', 4096, 'geom', 'area_id')
						  FROM area_points_mvt_features(areas_mvt.z, areas_mvt.x, areas_mvt.y,
														areas_mvt.list_year) AS p),
					   ''::bytea);
END;
COMMENT ON FUNCTION areas_mvt(integer, integer, integer, integer) IS
'a Mapbox vector tile of the areas with their category in a list year (default: the latest), for pg_tileserv and Martin: layer "areas" (polygons) and layer "area_points" (a point inside each area, visible at low zoom), feature id area_id; a year before 2010 or without rows in area_year is an error, as for the other map outputs; areas_tilejson() describes it';

CREATE FUNCTION areas_tilejson(tile_url text DEFAULT NULL, list_year integer DEFAULT NULL)
	RETURNS jsonb
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the fields are read from the result columns of the feature functions,
	-- so they cannot drift from what the tiles carry
	WITH year AS (
		SELECT y.list_year
		  FROM (SELECT COALESCE(areas_tilejson.list_year, latest_list_year()) AS list_year) AS y
		 WHERE housing_areas_private.check_list_year(y.list_year)
	), fields AS (
		SELECT jsonb_object_agg(c.name, CASE WHEN c.type IN ('integer', 'bigint', 'double precision', 'real', 'numeric')
											  THEN 'Number'
											  WHEN c.type = 'boolean' THEN 'Boolean'
											  ELSE 'String' END) AS fields
		  FROM unnest((SELECT p.proargnames FROM pg_catalog.pg_proc AS p
						WHERE p.oid = 'housing_areas.areas_mvt_features(integer, integer, integer, integer)'::pg_catalog.regprocedure),
					  (SELECT p.proallargtypes FROM pg_catalog.pg_proc AS p
						WHERE p.oid = 'housing_areas.areas_mvt_features(integer, integer, integer, integer)'::pg_catalog.regprocedure),
					  (SELECT p.proargmodes FROM pg_catalog.pg_proc AS p
						WHERE p.oid = 'housing_areas.areas_mvt_features(integer, integer, integer, integer)'::pg_catalog.regprocedure))
				   AS a(name, type_oid, mode)
		 CROSS JOIN LATERAL (SELECT a.name, pg_catalog.format_type(a.type_oid, NULL) AS type) AS c
		 WHERE a.mode = 't' AND a.name NOT IN ('area_id', 'geom')
	), extent AS (
		SELECT ST_Transform(ST_SetSRID(ST_Extent(a.geom)::geometry, 25832), 4326) AS box FROM area AS a
	)
	SELECT jsonb_strip_nulls(jsonb_build_object(
			   'tilejson', '3.0.0',
			   'name', 'housing_areas',
			   'description', 'Housing areas and their category on the list of ' || list_date(y.list_year)
							  || ' (rules ' || rules_for_year(y.list_year) || '), from housing_areas.areas_mvt',
			   'version', '1.0.0',
			   'scheme', 'xyz',
			   'tiles', CASE WHEN areas_tilejson.tile_url IS NOT NULL THEN jsonb_build_array(areas_tilejson.tile_url) END,
			   'minzoom', 0,
			   'maxzoom', 16,
			   'bounds', CASE WHEN e.box IS NULL THEN '[-180, -85.0511, 180, 85.0511]'::jsonb
							  ELSE jsonb_build_array(round(ST_XMin(e.box)::numeric, 4), round(ST_YMin(e.box)::numeric, 4),
													 round(ST_XMax(e.box)::numeric, 4), round(ST_YMax(e.box)::numeric, 4)) END,
			   'center', CASE WHEN e.box IS NOT NULL
							  THEN jsonb_build_array(round(((ST_XMin(e.box) + ST_XMax(e.box)) / 2)::numeric, 4),
													 round(((ST_YMin(e.box) + ST_YMax(e.box)) / 2)::numeric, 4), 6) END,
			   'list_year', y.list_year,
			   'vector_layers', jsonb_build_array(
				   jsonb_build_object('id', 'areas', 'minzoom', 0, 'maxzoom', 16, 'fields', f.fields,
									  'description', 'area polygons (feature id area_id), left out of a tile where smaller than a tile unit'),
				   jsonb_build_object('id', 'area_points', 'minzoom', 0, 'maxzoom', 16, 'fields', f.fields,
									  'description', 'a point inside each area (feature id area_id), for small scales'))))
	  FROM year AS y CROSS JOIN fields AS f CROSS JOIN extent AS e;
END;
COMMENT ON FUNCTION areas_tilejson(text, integer) IS
'TileJSON 3.0.0 metadata of areas_mvt() for a list year (default: the latest): name, description, the tile URL template when given (e.g. a pg_tileserv or Martin URL ending in {z}/{x}/{y}.pbf), min/max zoom, bounds and center of the areas in lon/lat, and the vector layers "areas" and "area_points" with their fields (Number, String or Boolean, as tippecanoe writes them)';

CREATE OR REPLACE FUNCTION map_svg(list_year integer, municipality_code text DEFAULT NULL)
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- each step once: the areas, the frame of what the map shows (NULL when
	-- there is nothing to draw), the facilities drawn in it
	WITH chosen AS MATERIALIZED (
		SELECT housing_areas_private.svg_areas(map_svg.list_year, map_svg.municipality_code) AS areas
		 WHERE housing_areas_private.check_list_year(map_svg.list_year)
	), framed AS MATERIALIZED (
		SELECT c.areas,
			   housing_areas_private.svg_frame(housing_areas_private.svg_extent(map_svg.municipality_code, c.areas))
				   AS frame
		  FROM chosen AS c
	), drawn AS MATERIALIZED (
		SELECT f.*, housing_areas_private.svg_facilities(f.frame, map_svg.municipality_code) AS facilities
		  FROM framed AS f
	)
	SELECT housing_areas_private.svg_document(d.frame,
			   (SELECT count(*) FROM housing_areas_private.svg_legend_entries(map_svg.list_year, d.facilities)),
			   xmlconcat(housing_areas_private.svg_title(map_svg.list_year, map_svg.municipality_code, d.areas),
						 housing_areas_private.svg_outline(d.frame, map_svg.municipality_code),
						 housing_areas_private.svg_land(d.frame, map_svg.municipality_code),
						 housing_areas_private.svg_area_paths(d.frame, d.areas),
						 housing_areas_private.svg_markers(d.frame, d.areas),
						 housing_areas_private.svg_facility_symbols(d.frame, d.facilities),
						 housing_areas_private.svg_legend(d.frame, map_svg.list_year, d.facilities),
						 housing_areas_private.svg_credit(d.frame)))::text
	  FROM drawn AS d;
END;
COMMENT ON FUNCTION map_svg(integer, text) IS
'an SVG map of the areas (of one municipality, or all) coloured by their category in a list year, with facilities as symbols, a legend and a title with the list date; a year before 2010 or without rows in area_year is an error, as for the other map outputs';

CREATE OR REPLACE VIEW gis_area_status AS
-- Driven by area_year so that a fetch by id (an expression index) or by
-- list_year (an index) reads only those rows; each row takes its status from
-- the history of its own area only: the LATERAL subquery (kept one by OFFSET
-- 0) hands area_status the area_id, which it pushes below its window
-- functions to the primary key of area_year.
SELECT ay.area_id * 100 + ay.list_year % 100 AS id,
	   ay.area_id, ay.list_year, a.name, a.municipality_code,
	   s.category, category_label(s.category, ay.list_year) AS label,
	   s.on_udsat_list, s.labour, s.convictions, s.education, s.income, s.nonwestern,
	   s.years_on_list, s.development_plan, s.kombineret_udlejning,
	   a.geom,
	   ay.area_id * 100 + ay.list_year % 100 AS ogc_fid
  FROM area_year AS ay
  JOIN area AS a ON a.area_id = ay.area_id
 CROSS JOIN LATERAL (SELECT h.* FROM area_status AS h WHERE h.area_id = a.area_id OFFSET 0) AS s
 WHERE s.list_year = ay.list_year;
COMMENT ON VIEW gis_area_status IS
'area_status with the area polygon for GIS clients, every list year: integer key id (area_id * 100 + the last two digits of the list year; QGIS takes the first column of a view as its key), the same key as ogc_fid (GDAL''s feature id), geometry(MultiPolygon, 25832); a fetch by id or by list_year uses an index';
COMMENT ON COLUMN gis_area_status.id IS
'integer key for GIS clients: area_id * 100 + list_year % 100 (the last two digits of the list year), unique for list years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_area_status.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view (its PGSQL_OGR_FID default), so ogrinfo, ogr2ogr and QGIS through GDAL key features by it';

CREATE VIEW gis_latest_list AS
SELECT g.id, g.area_id, g.list_year, g.name, g.municipality_code,
	   g.category, g.label, g.on_udsat_list, g.labour, g.convictions, g.education, g.income, g.nonwestern,
	   g.years_on_list, g.development_plan, g.kombineret_udlejning, g.geom, g.ogc_fid
  FROM gis_area_status AS g
 WHERE g.list_year = (SELECT latest_list_year());	-- once per query, not per row
COMMENT ON VIEW gis_latest_list IS
'the latest list (latest_list_year()) as one layer: a row per area with a row in area_year that year, with its status and polygon (the rows of gis_area_status of that year); key id, also as ogc_fid for GDAL';
COMMENT ON COLUMN gis_latest_list.id IS
'integer key for GIS clients: area_id * 100 + list_year % 100 (the last two digits of the list year), unique for list years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_latest_list.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN gis_latest_list.list_year IS
'the list year: the latest in area_year (latest_list_year()), the same in every row';
COMMENT ON COLUMN gis_latest_list.name IS
'name of the area';
COMMENT ON COLUMN gis_latest_list.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN gis_latest_list.category IS
'the category that year (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown): official_category where given, else computed_category, and omdannelse for a parallelsamfund on each of the last 5 lists from 2018 on; unknown when missing values, this year or in the run, decide it';
COMMENT ON COLUMN gis_latest_list.label IS
'the Danish legal name of category in the list year (category_label(), e.g. ghettoområde before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN gis_latest_list.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse; also true when the category is unknown between udsat and parallelsamfund): official_category where given, else computed; NULL when undetermined';
COMMENT ON COLUMN gis_latest_list.labour IS
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown';
COMMENT ON COLUMN gis_latest_list.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown';
COMMENT ON COLUMN gis_latest_list.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN gis_latest_list.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN gis_latest_list.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown';
COMMENT ON COLUMN gis_latest_list.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN gis_latest_list.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN gis_latest_list.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined';
COMMENT ON COLUMN gis_latest_list.geom IS
'the area polygon: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_latest_list.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view (its PGSQL_OGR_FID default), so ogrinfo, ogr2ogr and QGIS through GDAL key features by it';

CREATE VIEW gis_latest_list_points AS
SELECT g.id, g.area_id, g.list_year, g.name, g.municipality_code,
	   g.category, g.label, g.on_udsat_list, g.labour, g.convictions, g.education, g.income, g.nonwestern,
	   g.years_on_list, g.development_plan, g.kombineret_udlejning,
	   ST_PointOnSurface(g.geom)::geometry(Point, 25832) AS geom, g.ogc_fid
  FROM gis_latest_list AS g;
COMMENT ON VIEW gis_latest_list_points IS
'gis_latest_list with a point inside each area instead of its polygon: areas of a few hundred metres are smaller than a pixel on a national map, points stay visible; key id, also as ogc_fid for GDAL';
COMMENT ON COLUMN gis_latest_list_points.id IS
'integer key for GIS clients: area_id * 100 + list_year % 100 (the last two digits of the list year), unique for list years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_latest_list_points.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN gis_latest_list_points.list_year IS
'the list year: the latest in area_year (latest_list_year()), the same in every row';
COMMENT ON COLUMN gis_latest_list_points.name IS
'name of the area';
COMMENT ON COLUMN gis_latest_list_points.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN gis_latest_list_points.category IS
'the category that year (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown): official_category where given, else computed_category, and omdannelse for a parallelsamfund on each of the last 5 lists from 2018 on; unknown when missing values, this year or in the run, decide it';
COMMENT ON COLUMN gis_latest_list_points.label IS
'the Danish legal name of category in the list year (category_label(), e.g. ghettoområde before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN gis_latest_list_points.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse; also true when the category is unknown between udsat and parallelsamfund): official_category where given, else computed; NULL when undetermined';
COMMENT ON COLUMN gis_latest_list_points.labour IS
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown';
COMMENT ON COLUMN gis_latest_list_points.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown';
COMMENT ON COLUMN gis_latest_list_points.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN gis_latest_list_points.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN gis_latest_list_points.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown';
COMMENT ON COLUMN gis_latest_list_points.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN gis_latest_list_points.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN gis_latest_list_points.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined';
COMMENT ON COLUMN gis_latest_list_points.geom IS
'a point inside the area (ST_PointOnSurface of its polygon): Point in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_latest_list_points.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view (its PGSQL_OGR_FID default), so ogrinfo, ogr2ogr and QGIS through GDAL key features by it';

CREATE VIEW bi_area_timeseries AS
-- one row per area, list year and test of the year's rules (margins()), with
-- the list history of the area and the figures of its municipality's areas
-- and of all areas; a year without indicators keeps one row (criterion NULL)
-- so that the history has no gaps
WITH status AS (
	SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.region_code, s.category,
		   lag(s.list_year) OVER w AS previous_list_year,
		   lag(s.category) OVER w AS previous_category,
		   count(*) FILTER (WHERE s.on_udsat_list) OVER w AS udsat_lists,
		   s.on_udsat_list, s.years_on_list, s.development_plan, s.ind
	  FROM area_status AS s
	WINDOW w AS (PARTITION BY s.area_id ORDER BY s.list_year)
), criterion_values AS (
	-- each criterion's value in each area and year, with its residents
	SELECT ay.list_year, a.municipality_code, k.criterion,
		   indicator(ay.ind, k.indicator_key) AS value, indicator(ay.ind, 'residents') AS residents
	  FROM area_year AS ay
	  JOIN area AS a ON a.area_id = ay.area_id
	 CROSS JOIN (VALUES ('residents', 'residents'), ('labour', 'outside_labour'), ('convictions', 'convicted'),
						('education', 'basic_education'), ('income', 'income'),
						('nonwestern', 'nonwestern')) AS k(criterion, indicator_key)
	 WHERE ay.ind IS NOT NULL
), municipality_figures AS (
	-- residents added up, shares averaged weighted by residents
	SELECT v.list_year, v.municipality_code, v.criterion,
		   CASE WHEN v.criterion = 'residents' THEN sum(v.value)
				ELSE sum(v.value * v.residents) / sum(v.residents) END AS value,
		   sum(v.residents) AS residents, count(*)::integer AS areas
	  FROM criterion_values AS v
	 WHERE v.value IS NOT NULL AND v.residents > 0 AND v.municipality_code IS NOT NULL
	 GROUP BY v.list_year, v.municipality_code, v.criterion
), country_figures AS (
	SELECT v.list_year, v.criterion,
		   CASE WHEN v.criterion = 'residents' THEN sum(v.value)
				ELSE sum(v.value * v.residents) / sum(v.residents) END AS value,
		   sum(v.residents) AS residents, count(*)::integer AS areas
	  FROM criterion_values AS v
	 WHERE v.value IS NOT NULL AND v.residents > 0
	 GROUP BY v.list_year, v.criterion
)
SELECT st.area_id, st.list_year, list_date(st.list_year) AS list_date, st.name,
	   st.municipality_code, st.region_code,
	   st.category,
	   category_label(st.category, st.list_year, 'da') AS category_da,
	   category_label(st.category, st.list_year, 'en') AS category_en,
	   st.previous_list_year, st.previous_category,
	   st.on_udsat_list, st.udsat_lists::integer AS udsat_lists, st.years_on_list, st.development_plan,
	   m.category AS test, m.criterion,
	   d.value, m.unit, m.operator, m.threshold, m.met,
	   CASE WHEN d.value IS NOT NULL THEN m.distance END AS distance,
	   CASE WHEN m.criterion = 'residents' THEN disclose(mf.value::bigint)::double precision
			ELSE disclose_share(mf.value, mf.residents) END AS municipality_value,
	   mf.areas AS municipality_areas,
	   CASE WHEN m.criterion = 'residents' THEN disclose(cf.value::bigint)::double precision
			ELSE disclose_share(cf.value, cf.residents) END AS country_value,
	   cf.areas AS country_areas,
	   CASE WHEN m.criterion = 'convictions' THEN indicator(st.ind, 'national_convicted') END AS national_value
  FROM status AS st
  LEFT JOIN LATERAL margins(st.ind, st.list_year) AS m ON true
  -- person-level figures: small counts and shares of small populations are
  -- suppressed (housing_areas.min_cell_count)
 CROSS JOIN LATERAL (SELECT CASE WHEN m.criterion = 'residents' THEN disclose(m.value::integer)::double precision
								 ELSE disclose_share(m.value, indicator(st.ind, 'residents')) END AS value) AS d
  LEFT JOIN municipality_figures AS mf
	ON mf.list_year = st.list_year AND mf.municipality_code = st.municipality_code AND mf.criterion = m.criterion
  LEFT JOIN country_figures AS cf
	ON cf.list_year = st.list_year AND cf.criterion = m.criterion;
COMMENT ON VIEW bi_area_timeseries IS
'a time series per area for dashboards, in built-in types: one row per area, list year and test of that year''s rules (the rows of margins()), each criterion''s value beside its threshold, the figure of the municipality''s areas and of all areas, and the list history (category, the one before, lists on the udsat list so far, years on the parallelsamfund list, development plan); a year without indicators has one row with criterion NULL; person figures below housing_areas.min_cell_count are NULL';
COMMENT ON COLUMN bi_area_timeseries.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN bi_area_timeseries.list_year IS
'the list year: the list of 1 December (1 October 2010-2012)';
COMMENT ON COLUMN bi_area_timeseries.list_date IS
'the publication date of the list, e.g. 1 December 2025 (list_date())';
COMMENT ON COLUMN bi_area_timeseries.name IS
'name of the area';
COMMENT ON COLUMN bi_area_timeseries.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN bi_area_timeseries.region_code IS
'region code of the area (1081-1085); NULL when not recorded';
COMMENT ON COLUMN bi_area_timeseries.category IS
'the category that year, as in area_status (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown)';
COMMENT ON COLUMN bi_area_timeseries.category_da IS
'the Danish legal name of category in the list year (e.g. ghettoområde before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN bi_area_timeseries.category_en IS
'the English name of category in the list year (e.g. ghetto area before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN bi_area_timeseries.previous_list_year IS
'the area''s list year before this one in area_year; NULL for its first';
COMMENT ON COLUMN bi_area_timeseries.previous_category IS
'the area''s category in previous_list_year; NULL for its first year';
COMMENT ON COLUMN bi_area_timeseries.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse), as in area_status; NULL when undetermined';
COMMENT ON COLUMN bi_area_timeseries.udsat_lists IS
'the lists up to this one on which the area was on the udsat list (on_udsat_list true), counted over its years in area_year';
COMMENT ON COLUMN bi_area_timeseries.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one, as in area_status; NULL when an undetermined year decides it';
COMMENT ON COLUMN bi_area_timeseries.development_plan IS
'under a development plan (§ 168 a), as in area_status; NULL when undetermined';
COMMENT ON COLUMN bi_area_timeseries.test IS
'the test of the year''s rules the threshold belongs to (margins().category): all (residents), udsat, parallelsamfund, forebyggelse or kombineret_udlejning; NULL when the year has no indicators';
COMMENT ON COLUMN bi_area_timeseries.criterion IS
'the criterion: residents, labour, convictions, education, income or nonwestern; NULL when the year has no indicators (the row keeps the list history)';
COMMENT ON COLUMN bi_area_timeseries.value IS
'the area''s value of the criterion that year (residents, or %); NULL when unknown, or suppressed for disclosure (residents below min_cell_count(), or a share of such a population)';
COMMENT ON COLUMN bi_area_timeseries.unit IS
'unit of value and threshold: residents, %, or % of regional mean';
COMMENT ON COLUMN bi_area_timeseries.operator IS
'how value is compared with threshold: >, >=, < or <=';
COMMENT ON COLUMN bi_area_timeseries.threshold IS
'the threshold of the test in that year''s rules (for convictions from 2018: a multiple of the national share)';
COMMENT ON COLUMN bi_area_timeseries.met IS
'whether the value meets the threshold (as margins()); NULL when the value is unknown';
COMMENT ON COLUMN bi_area_timeseries.distance IS
'signed distance past the threshold, positive on the listing side (as margins()); NULL when the value is unknown or suppressed';
COMMENT ON COLUMN bi_area_timeseries.municipality_value IS
'the figure of the areas of the municipality in area_year that list year with the value known: residents added up, shares averaged weighted by residents (an approximation where the criterion counts an age group); NULL without such areas, or suppressed below min_cell_count()';
COMMENT ON COLUMN bi_area_timeseries.municipality_areas IS
'the number of areas municipality_value is computed from';
COMMENT ON COLUMN bi_area_timeseries.country_value IS
'the same figure over all areas in area_year that list year (the country''s housing areas, not the whole population); NULL without such areas, or suppressed below min_cell_count()';
COMMENT ON COLUMN bi_area_timeseries.country_areas IS
'the number of areas country_value is computed from';
COMMENT ON COLUMN bi_area_timeseries.national_value IS
'the national figure the data hold for the criterion: the national share of convicted residents (national_convicted, the base of the convictions threshold from 2018) for convictions; NULL for the other criteria and when unknown';

-- the consequences the rule text states (consequence()): the 30 % daycare
-- cap, the language tests' 30 % and 3 lists, the 2030 plan deadline and the
-- 75 m² per dwelling are read from it, not restated
-- area_status: an undetermined omdannelse is labelled unknown (it was
-- parallelsamfund), the development plan is NULL when only an undetermined
-- year could have started it, and a year whose category is unknown between
-- udsat and none no longer breaks the run of parallelsamfund lists.
-- Same columns, so the views and functions built on it stay.
-- daycare_cap: over_cap is NULL when children from areas whose place on the
-- udsat list is undetermined decide whether the share exceeds 30 % (it was
-- false: they counted as not from an udsat area)
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
	  CROSS JOIN LATERAL (SELECT COALESCE(cl.official_category, (cl.c).category::text, 'unknown')
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
	   (s.c).category::text AS computed_category,
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
			ELSE false END AND s.list_year < consequence('plan_deadline')
		   AS development_plan,
	   (s.c).kombineret_udlejning AS kombineret_udlejning,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / consequence('m2_per_dwelling')::float8) > 0
			THEN family_housing_share(s.family_units, s.dwellings,
									  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_housing_share,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / consequence('m2_per_dwelling')::float8) > 0
			THEN family_units_over_target(s.family_units, s.dwellings,
										  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_units_over_target,
	   s.ind
  FROM categorised AS s
  JOIN area AS a USING (area_id)
WINDOW w AS (PARTITION BY s.area_id ORDER BY s.list_year);
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
		   CASE WHEN 100.0 * c.from_udsat / c.admitted > consequence('daycare_cap') THEN true
				WHEN 100.0 * (c.from_udsat + c.from_undetermined) / c.admitted > consequence('daycare_cap') THEN NULL
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
CREATE OR REPLACE FUNCTION language_test_schools(school_year integer)
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

-- ---- decisions of the municipality (dagtilbudsloven § 26 a-c, almenboligloven § 51 b) ----

CREATE TABLE decision_kind (
	kind text PRIMARY KEY,
	subject text NOT NULL CHECK (subject IN ('area', 'municipality', 'facility')),
	paragraph text NOT NULL,
	description text NOT NULL
);
COMMENT ON TABLE decision_kind IS
'the kinds of municipal decision the obligations follow, each with its paragraph and what it is made for (an area, the municipality or a daycare)';
COMMENT ON COLUMN decision_kind.kind IS
'key of the kind: daycare_tail, parent_work_exemption, daycare_exemption or combined_letting';
COMMENT ON COLUMN decision_kind.subject IS
'what a decision of this kind is made for: area (decision.area_id), municipality (decision.municipality_code) or facility (decision.facility_id, a daycare)';
COMMENT ON COLUMN decision_kind.paragraph IS
'the paragraph of the law that allows the decision';
COMMENT ON COLUMN decision_kind.description IS
'what the decision does';
INSERT INTO decision_kind VALUES
	('daycare_tail', 'area', 'dagtilbudsloven § 26 c',
	 'keeps the daycare cap (§ 26 a), § 23 stk. 4 and the learning offer (§ 44 a) for an area after it leaves the udsat list, for at most consequence(''daycare_cap_tail'') years'),
	('parent_work_exemption', 'municipality', 'dagtilbudsloven § 26 b',
	 'leaves out of the daycare cap the children marked exempt because their parents work or study, for the admissions in the period'),
	('daycare_exemption', 'facility', 'dagtilbudsloven § 26 a stk. 12-14',
	 'exempts a named daycare from the cap, for at most consequence(''daycare_exemption'') months at a time'),
	('combined_letting', 'area', 'almenboligloven § 51 b',
	 'requires the housing organisation to refuse waiting-list applicants on the grounds of § 51 b in an area on the kombineret udlejning list');

CREATE TABLE decision (
	decision_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	kind text NOT NULL REFERENCES decision_kind,
	area_id integer REFERENCES area ON DELETE CASCADE,
	municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$'),
	facility_id bigint REFERENCES facility ON DELETE CASCADE,
	decided_on date NOT NULL CHECK (decided_on BETWEEN '2010-01-01' AND '2100-12-31'),
	valid_from date NOT NULL CHECK (valid_from BETWEEN '2010-01-01' AND '2100-12-31'),
	valid_until date CHECK (valid_until BETWEEN '2010-01-02' AND '2101-01-01'),
	includes_pension boolean,
	includes_insurance_benefits boolean,
	note text,
	CONSTRAINT decision_period CHECK (valid_until > valid_from),
	-- exactly the subject its kind is made for
	CONSTRAINT decision_one_subject CHECK (num_nonnulls(area_id, municipality_code, facility_id) = 1),
	CONSTRAINT decision_subject CHECK (
		CASE kind
			WHEN 'parent_work_exemption' THEN municipality_code IS NOT NULL
			WHEN 'daycare_exemption' THEN facility_id IS NOT NULL
			ELSE area_id IS NOT NULL
		END),
	-- the optional grounds of § 51 b are chosen only for kombineret udlejning
	CONSTRAINT decision_letting_grounds CHECK (
		num_nonnulls(includes_pension, includes_insurance_benefits) = CASE kind WHEN 'combined_letting' THEN 2 ELSE 0 END),
	-- § 26 a stk. 12-14: at most one year at a time
	CONSTRAINT decision_exemption_period CHECK (
		kind <> 'daycare_exemption'
		OR (valid_until IS NOT NULL
			AND valid_until <= valid_from + make_interval(months => consequence('daycare_exemption')::integer)))
);
CREATE INDEX decision_area_idx ON decision (area_id) WHERE area_id IS NOT NULL;
CREATE INDEX decision_facility_idx ON decision (facility_id) WHERE facility_id IS NOT NULL;
COMMENT ON TABLE decision IS
'the municipality''s decisions under § 26 a stk. 12-14, § 26 b and § 26 c of dagtilbudsloven and § 51 b of almenboligloven, each for an area, the municipality or a daycare and for a period; obligations(), allocation_check() and daycare_cap() follow them';
COMMENT ON COLUMN decision.decision_id IS
'identifier of the decision (generated when not given)';
COMMENT ON COLUMN decision.kind IS
'the kind of decision (decision_kind.kind): daycare_tail (§ 26 c), parent_work_exemption (§ 26 b), daycare_exemption (§ 26 a stk. 12-14) or combined_letting (§ 51 b)';
COMMENT ON COLUMN decision.area_id IS
'the area decided for (daycare_tail, combined_letting); NULL for the other kinds';
COMMENT ON COLUMN decision.municipality_code IS
'the municipality that chose § 26 b (parent_work_exemption); NULL for the other kinds';
COMMENT ON COLUMN decision.facility_id IS
'the daycare exempted (daycare_exemption); NULL for the other kinds';
COMMENT ON COLUMN decision.decided_on IS
'the date of the decision';
COMMENT ON COLUMN decision.valid_from IS
'the first day the decision applies';
COMMENT ON COLUMN decision.valid_until IS
'the first day the decision no longer applies (exclusive); NULL while open-ended; a daycare_exemption ends within consequence(''daycare_exemption'') months of valid_from';
COMMENT ON COLUMN decision.includes_pension IS
'combined_letting only: the refusal grounds include førtidspension (§ 51 b, optional); NULL for the other kinds';
COMMENT ON COLUMN decision.includes_insurance_benefits IS
'combined_letting only: the refusal grounds include 6 consecutive months of dagpenge, sygedagpenge or ressourceforløbsydelse (§ 51 b, optional); NULL for the other kinds';
COMMENT ON COLUMN decision.note IS
'free text: the journal number, the council meeting, the reason';
COMMENT ON CONSTRAINT decision_period ON decision IS
'a decision ends after it begins';
COMMENT ON CONSTRAINT decision_one_subject ON decision IS
'a decision is made for exactly one of an area, the municipality or a daycare';
COMMENT ON CONSTRAINT decision_subject ON decision IS
'the subject is the one the kind is made for: the municipality for parent_work_exemption, a daycare for daycare_exemption, an area otherwise';
COMMENT ON CONSTRAINT decision_letting_grounds ON decision IS
'includes_pension and includes_insurance_benefits are given for combined_letting, and only for it';
COMMENT ON CONSTRAINT decision_exemption_period ON decision IS
'dagtilbudsloven § 26 a stk. 12-14: a daycare is exempted for at most consequence(''daycare_exemption'') months at a time, so it has an end';
COMMENT ON INDEX decision_area_idx IS
'the decisions made for an area';
COMMENT ON INDEX decision_facility_idx IS
'the decisions made for a daycare';

SELECT pg_catalog.pg_extension_config_dump('decision', '');
SELECT pg_catalog.pg_extension_config_dump('decision_decision_id_seq', '');
-- ---- disclosure control of shares: populations (area_year.persons), views and outputs through disclosed_criteria() ----
ALTER TABLE area_year ADD COLUMN persons tally;
COMMENT ON COLUMN area_year.persons IS
'the tally of the data year the indicators come from (the cur of to_indicators), or a tally holding only its population counts (persons_18_64, persons_18plus, persons_30_59, taxpayers_15_64): the populations disclosure control checks each share against (disclosed_criteria()); NULL when not known, and then every share of an age group is suppressed in the BI and GIS views';

-- the column (or GeoJSON property) suppressed of the outputs and views that
-- show person figures (disclosed_criteria())
CREATE FUNCTION housing_areas_private.suppressed_columns(suppressed text[], columns text[])
	RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT COALESCE(string_agg(u.name, ',' ORDER BY u.n), '')
	  FROM unnest(suppressed_columns.suppressed) WITH ORDINALITY AS u(name, n)
	 WHERE u.name = ANY (suppressed_columns.columns);
END;
COMMENT ON FUNCTION housing_areas_private.suppressed_columns(text[], text[]) IS
'the names in suppressed (of disclosed_criteria()) that are columns of a view, comma-separated in their order; the empty string when none';
CREATE OR REPLACE FUNCTION areas_geojson(list_year integer)
	RETURNS json
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- every area, so one window over area_status (cheaper here than each
	-- area's history on its own, as the tiles do); an area without a row
	-- that year is unknown, as in area_status and on map_svg
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
					   'category', c.category,
					   'label', category_label(c.category, areas_geojson.list_year),
					   'labour', d.labour, 'convictions', d.convictions,
					   'education', d.education, 'income', d.income,
					   'nonwestern', d.nonwestern,
					   'years_on_list', s.years_on_list,
					   'development_plan', s.development_plan,
					   'kombineret_udlejning', d.kombineret_udlejning,
					   'suppressed', housing_areas_private.suppressed_columns(d.suppressed,
						   '{labour,convictions,education,income,nonwestern,kombineret_udlejning}')))
				   ORDER BY a.area_id), '[]'::json))
	  FROM area AS a
	  LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = areas_geojson.list_year
	  LEFT JOIN area_year AS ay ON ay.area_id = a.area_id AND ay.list_year = areas_geojson.list_year
	 CROSS JOIN LATERAL disclosed_criteria(ay.ind, ay.persons, areas_geojson.list_year) AS d
	 CROSS JOIN LATERAL (SELECT COALESCE(s.category, 'unknown') AS category) AS c
	 WHERE housing_areas_private.check_list_year(areas_geojson.list_year);
END;
COMMENT ON FUNCTION areas_geojson(integer) IS
'every area as an RFC 7946 GeoJSON FeatureCollection in EPSG:4326 (exterior rings counter-clockwise), with the category and criteria of the list year as properties (category unknown for an area without a row that year); the criteria flags and kombineret_udlejning go through disclosed_criteria() (housing_areas.min_cell_count) and the property suppressed names those hidden (comma-separated, empty when none); a year before 2010 or without rows in area_year is an error';
CREATE FUNCTION daycare_cap_disclosed(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer, from_udsat integer,
				   share_pct double precision, over_cap boolean, suppressed text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- from_udsat is shown when it, the children admitted and the rest
	-- (admitted - from_udsat) are all shown by disclose(); the share and
	-- over_cap only with it, since either narrows a hidden from_udsat down
	-- (11 admitted, fewer than 5 from udsat areas and over 30 %: only 4 fits)
	SELECT c.facility_id, c.name, disclose(c.admitted),
		   CASE WHEN x.shown THEN c.from_udsat END,
		   CASE WHEN x.shown THEN c.share_pct END,
		   CASE WHEN x.shown THEN c.over_cap END,
		   concat_ws(',', CASE WHEN disclose(c.admitted) IS NULL THEN 'admitted' END,
					 CASE WHEN NOT x.shown THEN 'from_udsat,share_pct,over_cap' END)
	  FROM daycare_cap(daycare_cap_disclosed.year) AS c
	 CROSS JOIN LATERAL (SELECT disclose(c.admitted) IS NOT NULL AND disclose(c.from_udsat) IS NOT NULL
								AND disclose(c.admitted - c.from_udsat) IS NOT NULL AS shown) AS x
	 ORDER BY c.facility_id;
END;
COMMENT ON FUNCTION daycare_cap_disclosed(integer) IS
'daycare_cap() for publication under housing_areas.min_cell_count: admitted through disclose(); from_udsat, share_pct and over_cap only when admitted, from_udsat and the other children (admitted - from_udsat) are all shown by disclose(), NULL otherwise; suppressed names the hidden columns (comma-separated, empty when none). Publish this, or filter on its over_cap: a list filtered on the over_cap of daycare_cap() tells a hidden share';
CREATE FUNCTION language_test_schools_disclosed(school_year integer)
	RETURNS TABLE (facility_id bigint, name text, pupils integer,
				   from_listed integer, share_pct double precision, suppressed text)
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
	 CROSS JOIN LATERAL (SELECT disclose(l.pupils) IS NOT NULL AND disclose(l.from_listed) IS NOT NULL
								AND disclose(l.pupils - l.from_listed) IS NOT NULL AS shown) AS x
	 ORDER BY l.facility_id;
END;
COMMENT ON FUNCTION language_test_schools_disclosed(integer) IS
'language_test_schools() for publication under housing_areas.min_cell_count: every school that tests, with pupils, from_listed and share_pct only when the pupils, those from listed areas and the others are all shown by disclose(), all three NULL otherwise (the school is on the list because its share is over 30 %, so the pupils alone would narrow a hidden count down); suppressed names the hidden columns (comma-separated, empty when none)';
-- faces for GIS and BI tools: person figures go through
-- disclosed_criteria() (housing_areas.min_cell_count), and each view says in
-- its column suppressed which of its values are hidden

CREATE OR REPLACE VIEW gis_area_status AS
-- Driven by area_year so that a fetch by id (an expression index) or by
-- list_year (an index) reads only those rows; each row takes its status from
-- the history of its own area only: the LATERAL subquery (kept one by OFFSET
-- 0) hands area_status the area_id, which it pushes below its window
-- functions to the primary key of area_year.
SELECT ay.area_id * 100 + ay.list_year % 100 AS id,
	   ay.area_id, ay.list_year, a.name, a.municipality_code,
	   s.category, category_label(s.category, ay.list_year) AS label,
	   s.on_udsat_list, d.labour, d.convictions, d.education, d.income, d.nonwestern,
	   s.years_on_list, s.development_plan, d.kombineret_udlejning,
	   a.geom,
	   ay.area_id * 100 + ay.list_year % 100 AS ogc_fid,
	   housing_areas_private.suppressed_columns(d.suppressed,
		   '{labour,convictions,education,income,nonwestern,kombineret_udlejning}') AS suppressed
  FROM area_year AS ay
  JOIN area AS a ON a.area_id = ay.area_id
 CROSS JOIN LATERAL (SELECT h.* FROM area_status AS h WHERE h.area_id = a.area_id OFFSET 0) AS s
 CROSS JOIN LATERAL disclosed_criteria(ay.ind, ay.persons, ay.list_year) AS d
 WHERE s.list_year = ay.list_year;
COMMENT ON VIEW gis_area_status IS
'area_status with the area polygon for GIS clients, every list year: integer key id (area_id * 100 + the last two digits of the list year; QGIS takes the first column of a view as its key), the same key as ogc_fid (GDAL''s feature id), geometry(MultiPolygon, 25832); a fetch by id or by list_year uses an index; the criteria flags go through disclosed_criteria() (housing_areas.min_cell_count), and the column suppressed names those hidden';
COMMENT ON COLUMN gis_area_status.id IS
'integer key for GIS clients: area_id * 100 + list_year % 100 (the last two digits of the list year), unique for list years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
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
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_area_status.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_area_status.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012); NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_area_status.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012); NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_area_status.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_area_status.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN gis_area_status.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN gis_area_status.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_area_status.geom IS
'the area polygon: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_area_status.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view (its PGSQL_OGR_FID default), so ogrinfo, ogr2ogr and QGIS through GDAL key features by it';
COMMENT ON COLUMN gis_area_status.suppressed IS
'the columns of this row hidden for disclosure (housing_areas.min_cell_count; disclosed_criteria()), comma-separated, e.g. labour,convictions,education,income,nonwestern: a criterion flag is hidden when its population (the age group of the criterion, unknown without area_year.persons) or the persons its share implies are too few, and then every flag of the row with it; empty when nothing is hidden';
CREATE OR REPLACE VIEW gis_latest_list AS
SELECT g.id, g.area_id, g.list_year, g.name, g.municipality_code,
	   g.category, g.label, g.on_udsat_list, g.labour, g.convictions, g.education, g.income, g.nonwestern,
	   g.years_on_list, g.development_plan, g.kombineret_udlejning, g.geom, g.ogc_fid, g.suppressed
  FROM gis_area_status AS g
 WHERE g.list_year = (SELECT latest_list_year());	-- once per query, not per row
COMMENT ON VIEW gis_latest_list IS
'the latest list (latest_list_year()) as one layer: a row per area with a row in area_year that year, with its status and polygon (the rows of gis_area_status of that year, criteria flags disclosed as there); key id, also as ogc_fid for GDAL';
COMMENT ON COLUMN gis_latest_list.id IS
'integer key for GIS clients: area_id * 100 + list_year % 100 (the last two digits of the list year), unique for list years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_latest_list.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN gis_latest_list.list_year IS
'the list year: the latest in area_year (latest_list_year()), the same in every row';
COMMENT ON COLUMN gis_latest_list.name IS
'name of the area';
COMMENT ON COLUMN gis_latest_list.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN gis_latest_list.category IS
'the category that year (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown): official_category where given, else computed_category, and omdannelse for a parallelsamfund on each of the last 5 lists from 2018 on; unknown when missing values, this year or in the run, decide it';
COMMENT ON COLUMN gis_latest_list.label IS
'the Danish legal name of category in the list year (category_label(), e.g. ghettoområde before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN gis_latest_list.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse; also true when the category is unknown between udsat and parallelsamfund): official_category where given, else computed; NULL when undetermined';
COMMENT ON COLUMN gis_latest_list.labour IS
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012); NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012); NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN gis_latest_list.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN gis_latest_list.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list.geom IS
'the area polygon: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_latest_list.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view (its PGSQL_OGR_FID default), so ogrinfo, ogr2ogr and QGIS through GDAL key features by it';
COMMENT ON COLUMN gis_latest_list.suppressed IS
'the columns of this row hidden for disclosure (housing_areas.min_cell_count; disclosed_criteria()), comma-separated, e.g. labour,convictions,education,income,nonwestern: a criterion flag is hidden when its population (the age group of the criterion, unknown without area_year.persons) or the persons its share implies are too few, and then every flag of the row with it; empty when nothing is hidden';
CREATE OR REPLACE VIEW gis_latest_list_points AS
SELECT g.id, g.area_id, g.list_year, g.name, g.municipality_code,
	   g.category, g.label, g.on_udsat_list, g.labour, g.convictions, g.education, g.income, g.nonwestern,
	   g.years_on_list, g.development_plan, g.kombineret_udlejning,
	   ST_PointOnSurface(g.geom)::geometry(Point, 25832) AS geom, g.ogc_fid, g.suppressed
  FROM gis_latest_list AS g;
COMMENT ON VIEW gis_latest_list_points IS
'gis_latest_list with a point inside each area instead of its polygon: areas of a few hundred metres are smaller than a pixel on a national map, points stay visible; criteria flags disclosed as in gis_area_status; key id, also as ogc_fid for GDAL';
COMMENT ON COLUMN gis_latest_list_points.id IS
'integer key for GIS clients: area_id * 100 + list_year % 100 (the last two digits of the list year), unique for list years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_latest_list_points.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN gis_latest_list_points.list_year IS
'the list year: the latest in area_year (latest_list_year()), the same in every row';
COMMENT ON COLUMN gis_latest_list_points.name IS
'name of the area';
COMMENT ON COLUMN gis_latest_list_points.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN gis_latest_list_points.category IS
'the category that year (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown): official_category where given, else computed_category, and omdannelse for a parallelsamfund on each of the last 5 lists from 2018 on; unknown when missing values, this year or in the run, decide it';
COMMENT ON COLUMN gis_latest_list_points.label IS
'the Danish legal name of category in the list year (category_label(), e.g. ghettoområde before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN gis_latest_list_points.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse; also true when the category is unknown between udsat and parallelsamfund): official_category where given, else computed; NULL when undetermined';
COMMENT ON COLUMN gis_latest_list_points.labour IS
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list_points.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list_points.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012); NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list_points.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012); NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list_points.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list_points.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN gis_latest_list_points.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN gis_latest_list_points.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_latest_list_points.geom IS
'a point inside the area (ST_PointOnSurface of its polygon): Point in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_latest_list_points.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view (its PGSQL_OGR_FID default), so ogrinfo, ogr2ogr and QGIS through GDAL key features by it';
COMMENT ON COLUMN gis_latest_list_points.suppressed IS
'the columns of this row hidden for disclosure (housing_areas.min_cell_count; disclosed_criteria()), comma-separated, e.g. labour,convictions,education,income,nonwestern: a criterion flag is hidden when its population (the age group of the criterion, unknown without area_year.persons) or the persons its share implies are too few, and then every flag of the row with it; empty when nothing is hidden';
CREATE OR REPLACE VIEW bi_area_status AS
SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.region_code,
	   s.category,
	   category_label(s.category, s.list_year, 'da') AS category_da,
	   category_label(s.category, s.list_year, 'en') AS category_en,
	   s.computed_category, s.official_category, s.rules,
	   s.on_udsat_list, d.labour, d.convictions, d.education, d.income, d.nonwestern,
	   d.criteria_met, d.criteria_unknown, s.years_on_list, s.development_plan,
	   d.kombineret_udlejning, s.family_housing_share, s.family_units_over_target,
	   -- person-level figures, each against its own population
	   -- (housing_areas.min_cell_count)
	   d.residents, d.nonwestern_pct, d.outside_labour_pct, d.convicted_pct,
	   indicator(s.ind, 'national_convicted') AS national_convicted_pct,
	   d.basic_education_pct, d.income_pct,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat,
	   housing_areas_private.suppressed_columns(d.suppressed,
		   '{labour,convictions,education,income,nonwestern,criteria_met,criteria_unknown,kombineret_udlejning,residents,nonwestern_pct,outside_labour_pct,convicted_pct,basic_education_pct,income_pct}')
		   AS suppressed
  FROM area_status AS s
  JOIN area AS a ON a.area_id = s.area_id
  JOIN area_year AS ay ON ay.area_id = s.area_id AND ay.list_year = s.list_year
 CROSS JOIN LATERAL disclosed_criteria(s.ind, ay.persons, s.list_year) AS d
 CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(a.geom), 4326) AS pt) AS p;
COMMENT ON VIEW bi_area_status IS
'area_status in built-in types only (text labels in Danish and English, booleans, numbers, lon/lat of a point inside the area in EPSG:4326) for BI tools; person figures through disclosed_criteria(): counts below housing_areas.min_cell_count, shares of smaller populations or implying fewer persons, and with any of them every criterion value and flag of the row are NULL, and the column suppressed names them';
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
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_area_status.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_area_status.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012); NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_area_status.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012); NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_area_status.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_area_status.criteria_met IS
'number of criteria of the year''s main test met by the indicators (of 3 on the lists 2010-2012, of 5 on 2013-2017, of the 4 udsat criteria from 2018); NULL when the row has no indicators; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_area_status.criteria_unknown IS
'number of criteria of the year''s main test undecided for missing values; NULL when the row has no indicators; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_area_status.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN bi_area_status.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN bi_area_status.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined; NULL also when suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_area_status.family_housing_share IS
'almene familieboliger as % of dwellings + demolished + floor(commercial_m2 / 75) (the 40 % rule, § 168 a; NULL demolished or commercial_m2 count 0); NULL when family_units or dwellings is NULL or the total is 0';
COMMENT ON COLUMN bi_area_status.family_units_over_target IS
'family units to convert, sell or demolish to reach 40 %: ceil(F - 0.4 T), at least 0, for every area, under a plan or not; NULL when family_units or dwellings is NULL or the total is 0';
COMMENT ON COLUMN bi_area_status.residents IS
'residents at 1 January of the list year; NULL when unknown or suppressed for disclosure (1 to min_cell_count() - 1)';
COMMENT ON COLUMN bi_area_status.nonwestern_pct IS
'non-Western immigrants and descendants, % of residents; NULL when unknown, or suppressed for disclosure (disclose_share() of residents: residents below min_cell_count(), or fewer than min_cell_count() non-Western or other residents; or another value of the row suppressed)';
COMMENT ON COLUMN bi_area_status.outside_labour_pct IS
'residents aged 18-64 outside the labour market or education, % (as the rules average it); NULL when unknown, or suppressed for disclosure (disclose_share() of persons_18_64 of area_year.persons: unknown without it, below min_cell_count(), or implying fewer than min_cell_count() persons in or outside; or another value of the row suppressed)';
COMMENT ON COLUMN bi_area_status.convicted_pct IS
'convicted residents aged 18+, % of residents aged 18+ (as the rules average it); NULL when unknown, or suppressed for disclosure (disclose_share() of persons_18plus of area_year.persons: unknown without it, below min_cell_count(), or implying fewer than min_cell_count() persons convicted or not; or another value of the row suppressed)';
COMMENT ON COLUMN bi_area_status.national_convicted_pct IS
'convicted residents aged 18+ nationally, % (the base of the × national convictions thresholds from 2018; a national figure, not suppressed); NULL when unknown';
COMMENT ON COLUMN bi_area_status.basic_education_pct IS
'residents aged 30-59 with only basic schooling, %; NULL when unknown, or suppressed for disclosure (disclose_share() of persons_30_59 of area_year.persons: unknown without it, below min_cell_count(), or implying fewer than min_cell_count() persons with or without; or another value of the row suppressed)';
COMMENT ON COLUMN bi_area_status.income_pct IS
'mean gross income of taxpayers aged 15-64, students excluded, % of the regional mean; NULL when unknown, or suppressed for disclosure (disclose_mean() of taxpayers_15_64 of area_year.persons: unknown without it, or below min_cell_count(); or another value of the row suppressed)';
COMMENT ON COLUMN bi_area_status.lon IS
'longitude in degrees (EPSG:4326) of a point inside the area';
COMMENT ON COLUMN bi_area_status.lat IS
'latitude in degrees (EPSG:4326) of a point inside the area';
COMMENT ON COLUMN bi_area_status.suppressed IS
'the columns of this row hidden for disclosure (housing_areas.min_cell_count; disclosed_criteria()), comma-separated in column order, e.g. labour,convictions,education,income,nonwestern,criteria_met,criteria_unknown,nonwestern_pct,outside_labour_pct; empty when nothing is hidden (a NULL not listed is unknown)';
CREATE OR REPLACE VIEW bi_area_timeseries AS
-- one row per area, list year and test of the year's rules (margins()), with
-- the list history of the area and the figures of its municipality's areas
-- and of all areas; a year without indicators keeps one row (criterion NULL)
-- so that the history has no gaps. Every person figure goes through
-- disclosed_criteria(), and the figures of the municipality and the country
-- add up only the values shown, so that a hidden value cannot be had as the
-- total minus the parts shown
WITH status AS (
	SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.region_code, s.category,
		   lag(s.list_year) OVER w AS previous_list_year,
		   lag(s.category) OVER w AS previous_category,
		   count(*) FILTER (WHERE s.on_udsat_list) OVER w AS udsat_lists,
		   s.on_udsat_list, s.years_on_list, s.development_plan, s.ind, ay.persons
	  FROM area_status AS s
	  JOIN area_year AS ay ON ay.area_id = s.area_id AND ay.list_year = s.list_year
	WINDOW w AS (PARTITION BY s.area_id ORDER BY s.list_year)
), criterion_values AS (
	-- each criterion's value as shown in each area and year, with its
	-- population (residents where area_year.persons is unknown)
	SELECT ay.list_year, a.municipality_code, k.criterion, k.value, k.population
	  FROM area_year AS ay
	  JOIN area AS a ON a.area_id = ay.area_id
	 CROSS JOIN LATERAL disclosed_criteria(ay.ind, ay.persons, ay.list_year) AS d
	 CROSS JOIN LATERAL (VALUES
		 ('residents', d.residents::double precision, d.residents::double precision),
		 ('labour', d.outside_labour_pct, COALESCE(tally_value(ay.persons, 'persons_18_64'), d.residents)),
		 ('convictions', d.convicted_pct, COALESCE(tally_value(ay.persons, 'persons_18plus'), d.residents)),
		 ('education', d.basic_education_pct, COALESCE(tally_value(ay.persons, 'persons_30_59'), d.residents)),
		 ('income', d.income_pct, COALESCE(tally_value(ay.persons, 'taxpayers_15_64'), d.residents)),
		 ('nonwestern', d.nonwestern_pct, d.residents::double precision)) AS k(criterion, value, population)
	 WHERE ay.ind IS NOT NULL
), municipality_figures AS (
	-- residents added up, shares averaged weighted by their populations
	SELECT v.list_year, v.municipality_code, v.criterion,
		   CASE WHEN v.criterion = 'residents' THEN sum(v.value)
				ELSE sum(v.value * v.population) / sum(v.population) END AS value,
		   sum(v.population) AS population, count(*)::integer AS areas
	  FROM criterion_values AS v
	 WHERE v.value IS NOT NULL AND v.population > 0 AND v.municipality_code IS NOT NULL
	 GROUP BY v.list_year, v.municipality_code, v.criterion
), country_figures AS (
	SELECT v.list_year, v.criterion,
		   CASE WHEN v.criterion = 'residents' THEN sum(v.value)
				ELSE sum(v.value * v.population) / sum(v.population) END AS value,
		   sum(v.population) AS population, count(*)::integer AS areas
	  FROM criterion_values AS v
	 WHERE v.value IS NOT NULL AND v.population > 0
	 GROUP BY v.list_year, v.criterion
)
SELECT st.area_id, st.list_year, list_date(st.list_year) AS list_date, st.name,
	   st.municipality_code, st.region_code,
	   st.category,
	   category_label(st.category, st.list_year, 'da') AS category_da,
	   category_label(st.category, st.list_year, 'en') AS category_en,
	   st.previous_list_year, st.previous_category,
	   st.on_udsat_list, st.udsat_lists::integer AS udsat_lists, st.years_on_list, st.development_plan,
	   m.category AS test, m.criterion,
	   d.value, m.unit, m.operator, m.threshold,
	   CASE WHEN NOT d.hidden THEN m.met END AS met,
	   CASE WHEN d.value IS NOT NULL THEN m.distance END AS distance,
	   f.municipality_value,
	   mf.areas AS municipality_areas,
	   f.country_value,
	   cf.areas AS country_areas,
	   CASE WHEN m.criterion = 'convictions' THEN indicator(st.ind, 'national_convicted') END AS national_value,
	   concat_ws(',', CASE WHEN d.hidden THEN 'value' END,
				 CASE WHEN d.hidden AND m.met IS NOT NULL THEN 'met' END,
				 CASE WHEN d.hidden AND m.distance IS NOT NULL THEN 'distance' END,
				 CASE WHEN mf.value IS NOT NULL AND f.municipality_value IS NULL THEN 'municipality_value' END,
				 CASE WHEN cf.value IS NOT NULL AND f.country_value IS NULL THEN 'country_value' END)
		   AS suppressed
  FROM status AS st
  LEFT JOIN LATERAL margins(st.ind, st.list_year) AS m ON true
 CROSS JOIN LATERAL disclosed_criteria(st.ind, st.persons, st.list_year) AS dc
 CROSS JOIN LATERAL (SELECT v.value, m.value IS NOT NULL AND v.value IS NULL AS hidden
					   FROM (SELECT CASE m.criterion WHEN 'residents' THEN dc.residents::double precision
													 WHEN 'labour' THEN dc.outside_labour_pct
													 WHEN 'convictions' THEN dc.convicted_pct
													 WHEN 'education' THEN dc.basic_education_pct
													 WHEN 'income' THEN dc.income_pct
													 WHEN 'nonwestern' THEN dc.nonwestern_pct END AS value) AS v) AS d
  LEFT JOIN municipality_figures AS mf
	ON mf.list_year = st.list_year AND mf.municipality_code = st.municipality_code AND mf.criterion = m.criterion
  LEFT JOIN country_figures AS cf
	ON cf.list_year = st.list_year AND cf.criterion = m.criterion
 CROSS JOIN LATERAL (SELECT CASE WHEN m.criterion = 'residents' THEN disclose(mf.value::bigint)::double precision
								 ELSE disclose_share(mf.value, mf.population) END AS municipality_value,
							CASE WHEN m.criterion = 'residents' THEN disclose(cf.value::bigint)::double precision
								 ELSE disclose_share(cf.value, cf.population) END AS country_value) AS f;
COMMENT ON VIEW bi_area_timeseries IS
'a time series per area for dashboards, in built-in types: one row per area, list year and test of that year''s rules (the rows of margins()), each criterion''s value beside its threshold, the figure of the municipality''s areas and of all areas, and the list history (category, the one before, lists on the udsat list so far, years on the parallelsamfund list, development plan); a year without indicators has one row with criterion NULL; person figures go through disclosed_criteria() (housing_areas.min_cell_count: a value hidden there is NULL here with its met and distance), the figures of the municipality and the country add up only the values shown, and the column suppressed names what a row hides';
COMMENT ON COLUMN bi_area_timeseries.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN bi_area_timeseries.list_year IS
'the list year: the list of 1 December (1 October 2010-2012)';
COMMENT ON COLUMN bi_area_timeseries.list_date IS
'the publication date of the list, e.g. 1 December 2025 (list_date())';
COMMENT ON COLUMN bi_area_timeseries.name IS
'name of the area';
COMMENT ON COLUMN bi_area_timeseries.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN bi_area_timeseries.region_code IS
'region code of the area (1081-1085); NULL when not recorded';
COMMENT ON COLUMN bi_area_timeseries.category IS
'the category that year, as in area_status (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown)';
COMMENT ON COLUMN bi_area_timeseries.category_da IS
'the Danish legal name of category in the list year (e.g. ghettoområde before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN bi_area_timeseries.category_en IS
'the English name of category in the list year (e.g. ghetto area before 2021); NULL when the category did not exist that year';
COMMENT ON COLUMN bi_area_timeseries.previous_list_year IS
'the area''s list year before this one in area_year; NULL for its first';
COMMENT ON COLUMN bi_area_timeseries.previous_category IS
'the area''s category in previous_list_year; NULL for its first year';
COMMENT ON COLUMN bi_area_timeseries.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse), as in area_status; NULL when undetermined';
COMMENT ON COLUMN bi_area_timeseries.udsat_lists IS
'the lists up to this one on which the area was on the udsat list (on_udsat_list true), counted over its years in area_year';
COMMENT ON COLUMN bi_area_timeseries.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one, as in area_status; NULL when an undetermined year decides it';
COMMENT ON COLUMN bi_area_timeseries.development_plan IS
'under a development plan (§ 168 a), as in area_status; NULL when undetermined';
COMMENT ON COLUMN bi_area_timeseries.test IS
'the test of the year''s rules the threshold belongs to (margins().category): all (residents), udsat, parallelsamfund, forebyggelse or kombineret_udlejning; NULL when the year has no indicators';
COMMENT ON COLUMN bi_area_timeseries.criterion IS
'the criterion: residents, labour, convictions, education, income or nonwestern; NULL when the year has no indicators (the row keeps the list history)';
COMMENT ON COLUMN bi_area_timeseries.value IS
'the area''s value of the criterion that year (residents, or %); NULL when unknown, or suppressed for disclosure as in disclosed_criteria() (then listed in suppressed)';
COMMENT ON COLUMN bi_area_timeseries.unit IS
'unit of value and threshold: residents, %, or % of regional mean';
COMMENT ON COLUMN bi_area_timeseries.operator IS
'how value is compared with threshold: >, >=, < or <=';
COMMENT ON COLUMN bi_area_timeseries.threshold IS
'the threshold of the test in that year''s rules (for convictions from 2018: a multiple of the national share)';
COMMENT ON COLUMN bi_area_timeseries.met IS
'whether the value meets the threshold (as margins()); NULL when the value is unknown, or suppressed with the value';
COMMENT ON COLUMN bi_area_timeseries.distance IS
'signed distance past the threshold, positive on the listing side (as margins()); NULL when the value is unknown or suppressed';
COMMENT ON COLUMN bi_area_timeseries.municipality_value IS
'the figure of the areas of the municipality in area_year that list year whose value is shown (not unknown, not suppressed): residents added up, shares averaged weighted by their populations (area_year.persons; residents where unknown, an approximation); NULL without such areas, or suppressed below min_cell_count()';
COMMENT ON COLUMN bi_area_timeseries.municipality_areas IS
'the number of areas municipality_value is computed from';
COMMENT ON COLUMN bi_area_timeseries.country_value IS
'the same figure over all areas in area_year that list year whose value is shown (the country''s housing areas, not the whole population); NULL without such areas, or suppressed below min_cell_count()';
COMMENT ON COLUMN bi_area_timeseries.country_areas IS
'the number of areas country_value is computed from';
COMMENT ON COLUMN bi_area_timeseries.national_value IS
'the national figure the data hold for the criterion: the national share of convicted residents (national_convicted, the base of the convictions threshold from 2018) for convictions; NULL for the other criteria and when unknown';
COMMENT ON COLUMN bi_area_timeseries.suppressed IS
'the columns of this row hidden for disclosure, comma-separated: value, met and distance when the value is suppressed (disclosed_criteria()), municipality_value and country_value when their figure is; empty when nothing is hidden (a NULL not listed is unknown)';

-- ---- user rule sets and scenarios ----
-- area_status becomes a call of the implementation it shares with
-- area_status_under (same columns; the comments stay)
-- area_status and area_status_under share this one implementation
CREATE FUNCTION housing_areas_private.area_status_rows(scenario text)
	RETURNS TABLE (area_id integer, list_year integer, name text,
				   municipality_code text, region_code text, category text,
				   computed_category text, official_category text, rules text,
				   on_udsat_list boolean, labour boolean, convictions boolean,
				   education boolean, income boolean, nonwestern boolean,
				   criteria_met integer, criteria_unknown integer,
				   years_on_list integer, development_plan boolean,
				   kombineret_udlejning boolean,
				   family_housing_share double precision,
				   family_units_over_target integer, ind indicators)
	-- not STRICT, so that a call with a constant is inlined into the query
	-- (the view's, with NULL): its CASEs fold, and a filter on area_id goes
	-- below the window
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
WITH classified AS (
	-- under a scenario: the named rule set, and no published category
	SELECT ay.area_id, ay.list_year, ay.ind, ay.official_category,
		   CASE WHEN area_status_rows.scenario IS NULL THEN ay.official_category END
			   AS official_used,
		   ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2,
		   CASE WHEN area_status_rows.scenario IS NULL THEN classify(ay.ind, ay.list_year)
				ELSE classify(ay.ind, ay.list_year, area_status_rows.scenario) END AS c
	  FROM area_year AS ay
), effective AS (
	-- on_list: on the parallelsamfund (ghetto) list that year, three-valued
	SELECT cl.*, e.effective_category,
		   CASE WHEN e.effective_category IN ('parallelsamfund', 'omdannelse') THEN true
				WHEN e.effective_category = 'unknown' THEN (cl.c).parallelsamfund
				ELSE false END AS on_list
	  FROM classified AS cl
	  CROSS JOIN LATERAL (SELECT COALESCE(cl.official_used, (cl.c).category::text, 'unknown')
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
				WHEN CASE WHEN area_status_rows.scenario IS NULL THEN omdannelse(r.shortest_run, r.list_year)
						  ELSE omdannelse(r.shortest_run, r.list_year, area_status_rows.scenario) END
					THEN true
				WHEN NOT CASE WHEN area_status_rows.scenario IS NULL THEN omdannelse(r.longest_run, r.list_year)
							  ELSE omdannelse(r.longest_run, r.list_year, area_status_rows.scenario) END
					THEN false
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
	   (s.c).category::text AS computed_category,
	   s.official_category,
	   (s.c).rules AS rules,
	   -- also true when the label is unknown between udsat and parallelsamfund
	   housing_areas_private.on_udsat_list(s.c, s.official_used) AS on_udsat_list,
	   (s.c).labour AS labour, (s.c).convictions AS convictions,
	   (s.c).education AS education, (s.c).income AS income,
	   (s.c).nonwestern AS nonwestern,
	   (s.c).criteria_met AS criteria_met, (s.c).criteria_unknown AS criteria_unknown,
	   s.years_on_list,
	   -- true after a year known to be omdannelse, NULL when only an
	   -- undetermined year could have started the plan (bool_or skips NULLs)
	   CASE WHEN bool_or(s.is_omdannelse IS TRUE) OVER w THEN true
			WHEN bool_or(s.is_omdannelse IS NULL) OVER w THEN NULL
			ELSE false END AND s.list_year < consequence('plan_deadline')
		   AS development_plan,
	   (s.c).kombineret_udlejning AS kombineret_udlejning,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / consequence('m2_per_dwelling')::float8) > 0
			THEN family_housing_share(s.family_units, s.dwellings,
									  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_housing_share,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / consequence('m2_per_dwelling')::float8) > 0
			THEN family_units_over_target(s.family_units, s.dwellings,
										  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_units_over_target,
	   s.ind
  FROM categorised AS s
  JOIN area AS a USING (area_id)
WINDOW w AS (PARTITION BY s.area_id ORDER BY s.list_year);
END;
COMMENT ON FUNCTION housing_areas_private.area_status_rows(text) IS
'the rows of area_status (scenario NULL: the rules of each list year, the published category preferred) or of area_status_under(scenario) (the named rule set on every year, published categories ignored)';

CREATE OR REPLACE VIEW area_status AS
	SELECT * FROM housing_areas_private.area_status_rows(NULL::text);

CREATE FUNCTION area_status_under(rules text) RETURNS SETOF area_status
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT * FROM housing_areas_private.area_status_rows(area_status_under.rules);
END;
COMMENT ON FUNCTION area_status_under(text) IS
'area_status in a scenario: every area and list year classified by the named rule version or user rule set (create_rules) on every year, with that rule set''s history rule for omdannelse; the published categories are ignored, as the scenario is hypothetical (official_category still shows them); rules is the scenario''s name';

CREATE FUNCTION compare_rules(a text, b text)
	RETURNS TABLE (area_id integer, list_year integer, name text,
				   municipality_code text, category_a text, category_b text,
				   residents bigint)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT sa.area_id, sa.list_year, sa.name, sa.municipality_code,
		   sa.category, sb.category,
		   indicator(sa.ind, 'residents')::bigint
	  FROM area_status_under(compare_rules.a) AS sa
	  JOIN area_status_under(compare_rules.b) AS sb
		ON sb.area_id = sa.area_id AND sb.list_year = sa.list_year
	 WHERE sa.category IS DISTINCT FROM sb.category
	 ORDER BY sa.list_year, sa.area_id;
END;
COMMENT ON FUNCTION compare_rules(text, text) IS
'the area-years of area_year whose category (omdannelse included, area_status_under) differs between rule set a and rule set b (built-in versions or user rule sets): the category under each, and the residents of the area that year (NULL when unknown)';

CREATE FUNCTION compare_rules_summary(a text, b text)
	RETURNS TABLE (list_year integer, category_a text, category_b text,
				   areas bigint, residents numeric)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT c.list_year, c.category_a, c.category_b, count(*),
		   -- three-valued: unknown when the residents of one area are
		   CASE WHEN count(c.residents) = count(*) THEN sum(c.residents) END
	  FROM compare_rules(compare_rules_summary.a, compare_rules_summary.b) AS c
	 GROUP BY c.list_year, c.category_a, c.category_b
	 ORDER BY c.list_year, c.category_a, c.category_b;
END;
COMMENT ON FUNCTION compare_rules_summary(text, text) IS
'compare_rules() summed per list year and change: from category_a (under a) to category_b (under b), the number of areas and their residents (NULL when the residents of one of them are unknown)';
-- ---- daycare, learning offer and development plans (dagtilbudsloven § 23 stk. 4, § 26 a-c, § 44 a; almenboligloven § 168 a) ----

-- § 26 b: the parents' declaration, per admission (existing rows: unknown)
ALTER TABLE enrolment ADD COLUMN parents_work_or_study boolean;
COMMENT ON COLUMN enrolment.parents_work_or_study IS
'daycare admissions: the parents declared in writing that they work or study (dagtilbudsloven § 26 b), so the child is left out of the cap when the municipality chose § 26 b; false when they did not, NULL when not recorded';

-- housing_areas_postgis: what the udsat list obliges in daycare
-- (dagtilbudsloven § 23 stk. 4, § 26 a-c, § 44 a): the § 26 c tail check,
-- the daycare cap with its exemptions, the children of the learning offer.
-- Semantics and choices: docs/obligations-daycare.md.

-- ---- dates and periods ----

CREATE FUNCTION housing_areas_private.list_day(list_year integer) RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- list_date() names the day once; English month names, whatever lc_time
	SELECT to_date(list_date(list_day.list_year), 'FMDD FMMonth YYYY');
END;
COMMENT ON FUNCTION housing_areas_private.list_day(integer) IS
'the publication date of the list of a year as a date (list_date(): 1 October 2010-2012, 1 December from 2013)';

CREATE FUNCTION housing_areas_private.check_date(name text, value date) RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT isfinite(value) THEN
		RAISE EXCEPTION 'invalid value "%" for argument "%"', value, name
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'The date must be a day of the calendar, not infinity.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_date(text, date) IS
'true for a finite date or NULL, an error naming the argument for infinity or -infinity';

CREATE FUNCTION housing_areas_private.list_year_on(on_date date) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	-- a list applies from its publication until the next list (no list
	-- year for an infinite date)
	RETURN CASE WHEN NOT isfinite(on_date) THEN NULL
				WHEN on_date >= housing_areas_private.list_day(extract(year FROM on_date)::integer)
				THEN extract(year FROM on_date)::integer
				ELSE extract(year FROM on_date)::integer - 1 END;
COMMENT ON FUNCTION housing_areas_private.list_year_on(date) IS
'the list year whose list applies on a date: the latest list published on or before it';

CREATE FUNCTION housing_areas_private.coverage(periods datemultirange, span daterange) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN periods IS NULL OR NOT periods && span THEN false
				WHEN periods @> span THEN true END;
COMMENT ON FUNCTION housing_areas_private.coverage(datemultirange, daterange) IS
'three-valued: true when the periods cover the whole span, false when they miss it (or there are none), NULL when they cover part of it';

CREATE FUNCTION housing_areas_private.decision_periods(kind text, area_id integer,
	municipality_code text, facility_id bigint)
	RETURNS datemultirange
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT range_agg(daterange(d.valid_from, d.valid_until))
	  FROM decision AS d
	 WHERE d.kind = decision_periods.kind
	   AND (d.area_id = decision_periods.area_id
			OR d.municipality_code = decision_periods.municipality_code
			OR d.facility_id = decision_periods.facility_id);
END;
COMMENT ON FUNCTION housing_areas_private.decision_periods(text, integer, text, bigint) IS
'the days on which decisions of a kind are in force for an area, a municipality or a daycare (give one, NULL for the others); NULL when there are none';

CREATE FUNCTION housing_areas_private.udsat_areas(list_year integer, span daterange)
	RETURNS TABLE (area_id integer, listed boolean, tail boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- an area without a row for the list year is not on it (as daycare_cap
	-- has always read it)
	SELECT a.area_id,
		   CASE WHEN ay.area_id IS NULL THEN false
				ELSE housing_areas_private.on_udsat_list(classify(ay.ind, ay.list_year), ay.official_category) END,
		   housing_areas_private.coverage(
			   housing_areas_private.decision_periods('daycare_tail', a.area_id, NULL, NULL), udsat_areas.span)
	  FROM area AS a
	  LEFT JOIN area_year AS ay ON ay.area_id = a.area_id AND ay.list_year = udsat_areas.list_year;
END;
COMMENT ON FUNCTION housing_areas_private.udsat_areas(integer, daterange) IS
'per area: on the udsat list of the list year (three-valued, false without a row), and whether a § 26 c daycare_tail decision covers the whole span (true), part of it (NULL) or none (false)';

-- ---- § 26 c: a tail only after the area left the list, for at most 3 years ----

CREATE FUNCTION housing_areas_private.check_daycare_tail() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	last_on integer;			-- the last list known to put the area on the udsat list
	first_after integer;		-- the first list year in area_year after it
	undetermined integer;		-- a list year after it whose place is unknown
	left_on date;
	latest date;
BEGIN
	IF NEW.kind <> 'daycare_tail' THEN
		RETURN NULL;
	END IF;
	SELECT max(s.list_year) FILTER (WHERE s.listed)
	  INTO last_on
	  FROM (SELECT ay.list_year,
				   housing_areas_private.on_udsat_list(housing_areas.classify(ay.ind, ay.list_year),
													   ay.official_category) AS listed
			  FROM housing_areas.area_year AS ay
			 WHERE ay.area_id = NEW.area_id) AS s;
	SELECT min(s.list_year), min(s.list_year) FILTER (WHERE s.listed IS NULL)
	  INTO first_after, undetermined
	  FROM (SELECT ay.list_year,
				   housing_areas_private.on_udsat_list(housing_areas.classify(ay.ind, ay.list_year),
													   ay.official_category) AS listed
			  FROM housing_areas.area_year AS ay
			 WHERE ay.area_id = NEW.area_id AND ay.list_year > coalesce(last_on, 0)) AS s;
	IF last_on IS NULL AND undetermined IS NULL THEN
		RAISE EXCEPTION 'area % was never on the udsat list', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('A daycare_tail decision (dagtilbudsloven § 26 c) keeps the rules for an area after it leaves the udsat list; no list year of area %s in area_year puts it on the list.', NEW.area_id),
				  HINT = 'Check area_id, or enter the area''s lists in area_year first.';
	END IF;
	IF undetermined IS NOT NULL THEN
		RAISE EXCEPTION 'when area % left the udsat list is undetermined', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Missing values leave the place of area %s on the udsat list of %s undetermined.',
								  NEW.area_id, housing_areas.list_date(undetermined)),
				  HINT = 'Give official_category, or the missing indicator values, for that list year in area_year.';
	END IF;
	IF first_after IS NULL THEN
		RAISE EXCEPTION 'area % is still on the udsat list', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Its latest list in area_year, of %s, puts it on the udsat list; a daycare_tail decision (dagtilbudsloven § 26 c) applies after an area leaves the list.',
								  housing_areas.list_date(last_on)),
				  HINT = 'Enter the list that takes the area off the udsat list in area_year first.';
	END IF;
	IF first_after <> last_on + 1 THEN
		RAISE EXCEPTION 'when area % left the udsat list is undetermined', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Area %s was on the udsat list of %s, and area_year has no row for the list of %s.',
								  NEW.area_id, housing_areas.list_date(last_on), housing_areas.list_date(last_on + 1)),
				  HINT = 'Enter the area''s row for that list year in area_year.';
	END IF;
	left_on := housing_areas_private.list_day(first_after);
	latest := left_on + pg_catalog.make_interval(years => housing_areas.consequence('daycare_cap_tail')::integer);
	IF NEW.valid_until IS NULL THEN
		RAISE EXCEPTION 'a daycare_tail decision must end'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Dagtilbudsloven § 26 c keeps the rules for at most %s years after the area leaves the udsat list; area %s left it on %s.',
								  housing_areas.consequence('daycare_cap_tail'), NEW.area_id, housing_areas.list_date(first_after)),
				  HINT = format('Give valid_until, %s at the latest.', to_char(latest, 'YYYY-MM-DD'));
	END IF;
	IF NEW.valid_until > latest THEN
		RAISE EXCEPTION 'daycare_tail decision for area % ends too late', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Area %s left the udsat list on %s; dagtilbudsloven § 26 c allows at most %s years after that, so valid_until (exclusive) is %s at the latest, not %s.',
								  NEW.area_id, housing_areas.list_date(first_after),
								  housing_areas.consequence('daycare_cap_tail'), to_char(latest, 'YYYY-MM-DD'), to_char(NEW.valid_until, 'YYYY-MM-DD')),
				  HINT = format('Set valid_until to %s or earlier.', to_char(latest, 'YYYY-MM-DD'));
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_daycare_tail() IS
'trigger on decision: a daycare_tail decision (§ 26 c) is for an area that has left the udsat list, ends, and ends at most consequence(''daycare_cap_tail'') years after the list that took the area off';

-- a constraint trigger runs after the row's CHECK and foreign-key
-- constraints, so they report their own violations first
CREATE CONSTRAINT TRIGGER decision_daycare_tail
	AFTER INSERT OR UPDATE ON decision
	FOR EACH ROW EXECUTE FUNCTION housing_areas_private.check_daycare_tail();
COMMENT ON CONSTRAINT decision_daycare_tail ON decision IS
'dagtilbudsloven § 26 c: a daycare_tail decision is for an area that has left the udsat list and ends at most consequence(''daycare_cap_tail'') years after it left (the trigger of the same name)';
COMMENT ON TRIGGER decision_daycare_tail ON decision IS
'dagtilbudsloven § 26 c: refuses a daycare_tail decision for an area never on the udsat list or still on it, an open-ended one, and one that runs more than consequence(''daycare_cap_tail'') years after the area left the list (checked when the decision is written)';

-- ---- § 26 a-c: the daycare cap and the rule that decided each count ----

CREATE FUNCTION daycare_cap_detail(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer,
				   from_list integer, from_tail integer, left_out integer, undetermined integer,
				   from_udsat integer, share_pct double precision, over_cap boolean,
				   exempted boolean, in_breach boolean, decided_by text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the areas that count: on the udsat list of 1 December the year before,
	-- or under a § 26 c tail in the calendar year, or undetermined; then,
	-- through the GiST index on enrolment.home, the admissions whose home
	-- lies in one of them (by row id, so a home on a shared boundary counts
	-- once; Kleene OR over the areas)
	WITH span AS (
		SELECT sp.days,
			   -- a § 26 b choice of any municipality touching the year (for
			   -- daycares whose municipality is not recorded)
			   housing_areas_private.coverage(
				   (SELECT range_agg(daterange(d.valid_from, d.valid_until)) FROM decision AS d
					 WHERE d.kind = 'parent_work_exemption'), sp.days) IS NOT false AS any_26b
		  -- (no span for a year enrolment.year does not allow: no rows, no error)
		  FROM (SELECT CASE WHEN daycare_cap_detail.year BETWEEN 2000 AND 2100
							THEN daterange(make_date(daycare_cap_detail.year, 1, 1),
										   make_date(daycare_cap_detail.year + 1, 1, 1)) END AS days) AS sp
	), areas AS MATERIALIZED (
		SELECT a.geom, u.listed, u.listed OR u.tail AS covered
		  FROM span AS sp
		  CROSS JOIN housing_areas_private.udsat_areas(daycare_cap_detail.year - 1, sp.days) AS u
		  JOIN area AS a ON a.area_id = u.area_id
		 WHERE (u.listed OR u.tail) IS NOT false AND sp.days IS NOT NULL
	), homes AS MATERIALIZED (
		SELECT e.ctid AS row_id,
			   CASE WHEN bool_or(ar.listed IS TRUE) THEN true WHEN bool_or(ar.listed IS NULL) THEN NULL ELSE false END
				   AS listed,
			   CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS covered
		  FROM areas AS ar
		  JOIN enrolment AS e ON ST_Intersects(ar.geom, e.home)
		 WHERE e.year = daycare_cap_detail.year
		 GROUP BY e.ctid
	), daycares AS MATERIALIZED (
		-- whether the daycare's municipality chose § 26 b for the whole
		-- year (true), part of it (NULL) or not (false); a daycare of
		-- unknown municipality: any § 26 b choice that year may be its own
		SELECT f.facility_id, f.name,
			   CASE WHEN f.municipality_code IS NOT NULL
					THEN housing_areas_private.coverage(
							 housing_areas_private.decision_periods('parent_work_exemption', NULL, f.municipality_code, NULL),
							 sp.days)
					WHEN sp.any_26b THEN NULL
					ELSE false END AS chose_26b
		  FROM facility AS f
		  CROSS JOIN span AS sp
		 WHERE f.kind = 'daycare'
	), children AS (
		-- per admission: lives in an area that counts (three-valued), on
		-- the list itself, and left out under § 26 b (marked, and § 26 b
		-- chosen)
		SELECT dc.facility_id, dc.name,
			   coalesce(h.covered, CASE WHEN h.row_id IS NULL THEN false END) AS covered,
			   h.listed,
			   e.parents_work_or_study AND dc.chose_26b AS left_out
		  FROM enrolment AS e
		  JOIN daycares AS dc ON dc.facility_id = e.facility_id
		  LEFT JOIN homes AS h ON h.row_id = e.ctid
		 WHERE e.year = daycare_cap_detail.year
	), counts AS (
		SELECT c.facility_id, c.name, count(*)::integer AS admitted,
			   (count(*) FILTER (WHERE c.covered AND NOT c.left_out AND c.listed))::integer AS from_list,
			   (count(*) FILTER (WHERE c.covered AND NOT c.left_out AND c.listed IS NOT TRUE))::integer AS from_tail,
			   (count(*) FILTER (WHERE c.covered IS NOT false AND c.left_out))::integer AS left_out,
			   (count(*) FILTER (WHERE (c.covered AND NOT c.left_out) IS NULL))::integer AS undetermined
		  FROM children AS c
		 GROUP BY c.facility_id, c.name
	), outcome AS (
		SELECT n.*, n.from_list + n.from_tail AS from_udsat,
			   -- three-valued: NULL when the undetermined children decide it
			   CASE WHEN 100.0 * (n.from_list + n.from_tail) / n.admitted > consequence('daycare_cap') THEN true
					WHEN 100.0 * (n.from_list + n.from_tail + n.undetermined) / n.admitted > consequence('daycare_cap') THEN NULL
					ELSE false END AS over_cap,
			   100.0 * n.from_list / n.admitted > consequence('daycare_cap') AS over_without_tail,
			   100.0 * (n.from_list + n.from_tail + n.left_out) / n.admitted > consequence('daycare_cap') AS over_without_26b,
			   housing_areas_private.coverage(
				   housing_areas_private.decision_periods('daycare_exemption', NULL, NULL, n.facility_id), sp.days) AS exempted
		  FROM counts AS n
		  CROSS JOIN span AS sp
	)
	SELECT o.facility_id, o.name, o.admitted, o.from_list, o.from_tail, o.left_out, o.undetermined,
		   o.from_udsat, 100.0 * o.from_udsat / o.admitted, o.over_cap, o.exempted,
		   o.over_cap AND NOT o.exempted,
		   CASE WHEN (o.over_cap AND NOT o.exempted) IS NULL THEN NULL
				WHEN o.over_cap AND o.exempted THEN 'dagtilbudsloven § 26 a stk. 12-14'
				WHEN o.over_cap AND NOT o.over_without_tail THEN 'dagtilbudsloven § 26 c'
				WHEN NOT o.over_cap AND o.over_without_26b THEN 'dagtilbudsloven § 26 b'
				ELSE 'dagtilbudsloven § 26 a' END
	  FROM outcome AS o
	 ORDER BY o.facility_id;
END;
COMMENT ON FUNCTION daycare_cap_detail(integer) IS
'per daycare, the daycare cap of a calendar year and the rule behind each count: children on the udsat list of 1 December the year before (§ 26 a), under a § 26 c tail, left out under § 26 b, undetermined; over_cap as in daycare_cap, exempted (§ 26 a stk. 12-14, three-valued), in_breach = over_cap and not exempted, and the paragraph that decided in_breach';

CREATE OR REPLACE FUNCTION daycare_cap(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer,
				   from_udsat integer, share_pct double precision, over_cap boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT d.facility_id, d.name, d.admitted, d.from_udsat, d.share_pct, d.over_cap
	  FROM daycare_cap_detail(daycare_cap.year) AS d
	 ORDER BY d.facility_id;
END;
COMMENT ON FUNCTION daycare_cap(integer) IS
'per daycare: children admitted in the calendar year, how many count towards the cap (living in an area on the udsat list (udsat, parallelsamfund or omdannelse) of 1 December the year before or kept by a § 26 c decision, and not left out under § 26 b), the share, and whether it exceeds the 30 % cap (dagtilbudsloven § 26 a); over_cap is NULL when undetermined children decide it; the rule behind each count and the § 26 a stk. 12-14 exemption: daycare_cap_detail';

-- (daycare_cap_disclosed: created above, unchanged)

-- ---- § 23 stk. 4: children from outside offered a place in such an area ----

CREATE FUNCTION daycare_offer_elsewhere(year integer)
	RETURNS TABLE (facility_id bigint, name text, area_id integer, located boolean, by_tail boolean,
				   admitted integer, from_outside integer, undetermined integer, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH span AS (
		-- (no span for a year enrolment.year does not allow: no rows, no error)
		SELECT CASE WHEN daycare_offer_elsewhere.year BETWEEN 2000 AND 2100
					THEN daterange(make_date(daycare_offer_elsewhere.year, 1, 1),
								   make_date(daycare_offer_elsewhere.year + 1, 1, 1)) END AS days
	), areas AS MATERIALIZED (
		SELECT a.area_id, a.geom, u.listed OR u.tail AS covered, u.tail AND u.listed IS NOT TRUE AS by_tail
		  FROM span AS sp
		  CROSS JOIN housing_areas_private.udsat_areas(daycare_offer_elsewhere.year - 1, sp.days) AS u
		  JOIN area AS a ON a.area_id = u.area_id
		 WHERE (u.listed OR u.tail) IS NOT false AND sp.days IS NOT NULL
	), daycares AS (
		-- a daycare in an area that counts, or in one whose place is undetermined
		SELECT f.facility_id, f.name,
			   (array_agg(ar.area_id ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS area_id,
			   CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS located,
			   (array_agg(ar.by_tail ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS by_tail
		  FROM areas AS ar
		  JOIN facility AS f ON ST_Intersects(ar.geom, f.geom)
		 WHERE f.kind = 'daycare'
		 GROUP BY f.facility_id, f.name
	), homes AS MATERIALIZED (
		SELECT e.ctid AS row_id, CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS covered
		  FROM areas AS ar
		  JOIN enrolment AS e ON ST_Intersects(ar.geom, e.home)
		 WHERE e.year = daycare_offer_elsewhere.year
		 GROUP BY e.ctid
	)
	SELECT dc.facility_id, dc.name, dc.area_id, dc.located, dc.by_tail,
		   count(e.ctid)::integer,
		   (count(e.ctid) FILTER (WHERE h.row_id IS NULL))::integer,
		   (count(e.ctid) FILTER (WHERE h.row_id IS NOT NULL AND h.covered IS NULL))::integer,
		   'dagtilbudsloven § 23 stk. 4' || CASE WHEN dc.by_tail THEN ', § 26 c' ELSE '' END
	  FROM daycares AS dc
	  LEFT JOIN enrolment AS e ON e.facility_id = dc.facility_id AND e.year = daycare_offer_elsewhere.year
	  LEFT JOIN homes AS h ON h.row_id = e.ctid
	 GROUP BY dc.facility_id, dc.name, dc.area_id, dc.located, dc.by_tail
	 ORDER BY dc.facility_id;
END;
COMMENT ON FUNCTION daycare_offer_elsewhere(integer) IS
'dagtilbudsloven § 23 stk. 4: per daycare located in an area on the udsat list of 1 December the year before or kept by a § 26 c decision for the calendar year (located NULL when the area''s place is undetermined): children admitted that year, those living outside every such area (who must also have been offered a place elsewhere) and those whose area is undetermined';

-- ---- § 44 a: the obligatory learning offer ----

CREATE TABLE child (
	child_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	birth_date date NOT NULL CHECK (birth_date BETWEEN '2000-01-01' AND '2100-12-31'),
	home geometry(Point, 25832) NOT NULL,
	home_since date,
	daycare_since date,
	daycare_until date,
	notice_sent date,
	learning_offer_since date,
	learning_offer_until date,
	language_assessed date,
	CONSTRAINT child_home_since CHECK (home_since >= birth_date),
	CONSTRAINT child_daycare CHECK (
		CASE WHEN daycare_since IS NULL THEN daycare_until IS NULL
			 ELSE daycare_since >= birth_date AND (daycare_until IS NULL OR daycare_until > daycare_since) END),
	CONSTRAINT child_learning_offer CHECK (
		CASE WHEN learning_offer_since IS NULL THEN learning_offer_until IS NULL
			 ELSE learning_offer_since >= birth_date
				  AND (learning_offer_until IS NULL OR learning_offer_until > learning_offer_since) END),
	CONSTRAINT child_after_birth CHECK (notice_sent >= birth_date - 365 AND language_assessed >= birth_date)
);
CREATE INDEX child_home_idx ON child USING gist (home);
COMMENT ON TABLE child IS
'children of the learning-offer age whose homes the municipality follows (dagtilbudsloven § 44 a): birth date, home point and dates, no names or CPR numbers (person-level data: grant with care); learning_offer() reads it';
COMMENT ON COLUMN child.child_id IS
'identifier of the child, the municipality''s own key (not a CPR number); generated when not given';
COMMENT ON COLUMN child.birth_date IS
'date of birth';
COMMENT ON COLUMN child.home IS
'the home address: Point in EPSG:25832 (metres)';
COMMENT ON COLUMN child.home_since IS
'the day the child began to live at home (the birth date when born there); NULL when not known';
COMMENT ON COLUMN child.daycare_since IS
'the first day in daycare; NULL when the child is not in daycare';
COMMENT ON COLUMN child.daycare_until IS
'the first day no longer in daycare (exclusive); NULL while in daycare or when not in daycare';
COMMENT ON COLUMN child.notice_sent IS
'the day the parents were informed in writing of the learning offer (§ 44 a); NULL when not yet';
COMMENT ON COLUMN child.learning_offer_since IS
'the first day in the learning offer; NULL when the child does not attend';
COMMENT ON COLUMN child.learning_offer_until IS
'the first day no longer in the learning offer (exclusive); NULL while attending or when not attending';
COMMENT ON COLUMN child.language_assessed IS
'the day of the language assessment (§ 44 c), which ends the obligation; NULL when not yet';
COMMENT ON CONSTRAINT child_home_since ON child IS
'a child lives at its home from its birth at the earliest';
COMMENT ON CONSTRAINT child_daycare ON child IS
'a daycare period starts at birth at the earliest and ends after it starts; no end without a start';
COMMENT ON CONSTRAINT child_learning_offer ON child IS
'a learning-offer period starts at birth at the earliest and ends after it starts; no end without a start';
COMMENT ON CONSTRAINT child_after_birth ON child IS
'the notice is sent at most a year before the birth date given, the language assessment after birth';
COMMENT ON INDEX child_home_idx IS
'the children living in an area (learning_offer)';

SELECT pg_catalog.pg_extension_config_dump('child', '');
SELECT pg_catalog.pg_extension_config_dump('child_child_id_seq', '');

CREATE FUNCTION learning_offer(on_date date DEFAULT CURRENT_DATE)
	RETURNS TABLE (child_id bigint, area_id integer, status text, notice_due date,
				   must_start date, may_leave boolean, reason text, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH areas AS MATERIALIZED (
		-- the areas on the udsat list in force that day, kept by a § 26 c
		-- decision in force that day, or undetermined
		SELECT a.area_id, a.geom, u.listed OR u.tail AS covered, u.tail AND u.listed IS NOT TRUE AS by_tail
		  FROM housing_areas_private.udsat_areas(housing_areas_private.list_year_on(learning_offer.on_date),
												 daterange(learning_offer.on_date, learning_offer.on_date, '[]')) AS u
		  JOIN area AS a ON a.area_id = u.area_id
		 WHERE (u.listed OR u.tail) IS NOT false
	), homes AS MATERIALIZED (
		SELECT c.child_id,
			   (array_agg(ar.area_id ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS area_id,
			   CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS covered,
			   (array_agg(ar.by_tail ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS by_tail
		  FROM areas AS ar
		  JOIN child AS c ON ST_Intersects(ar.geom, c.home)
		 GROUP BY c.child_id
	), kids AS (
		SELECT c.*, h.area_id, h.by_tail,
			   CASE WHEN h.child_id IS NULL THEN false ELSE h.covered END AS covered,
			   (c.birth_date + make_interval(months => consequence('learning_offer_age')::integer))::date AS b1,
			   (c.birth_date + make_interval(months => consequence('learning_offer_entry_age')::integer))::date AS b2,
			   coalesce(c.daycare_since <= learning_offer.on_date
						AND (c.daycare_until IS NULL OR c.daycare_until > learning_offer.on_date), false) AS in_daycare,
			   coalesce(c.learning_offer_since <= learning_offer.on_date
						AND (c.learning_offer_until IS NULL OR c.learning_offer_until > learning_offer.on_date), false) AS attending
		  FROM child AS c
		  LEFT JOIN homes AS h ON h.child_id = c.child_id
		 WHERE c.birth_date <= learning_offer.on_date
		   AND NOT coalesce(c.language_assessed <= learning_offer.on_date, false)
	), start AS (
		-- the first day from the first birthday on when the child lives in
		-- the area (t0), and the day the obligation starts: t0 when not in
		-- daycare then, else the day it leaves daycare
		SELECT k.*, t.t0,
			   CASE WHEN NOT coalesce(k.daycare_since <= t.t0 AND (k.daycare_until IS NULL OR k.daycare_until > t.t0), false)
					THEN t.t0 ELSE k.daycare_until END AS s,
			   coalesce(k.daycare_since <= k.b1 AND (k.daycare_until IS NULL OR k.daycare_until > k.b1), false)
				   AS in_daycare_at_one
		  FROM kids AS k
		  -- (greatest() would skip an unknown home_since)
		  CROSS JOIN LATERAL (SELECT CASE WHEN k.home_since IS NOT NULL THEN greatest(k.b1, k.home_since) END AS t0) AS t
	), would AS (
		-- what applies if the home's area counts
		SELECT s.*,
			   CASE WHEN learning_offer.on_date < s.b1 THEN
						CASE WHEN s.in_daycare_at_one OR s.notice_sent <= learning_offer.on_date THEN NULL
							 WHEN learning_offer.on_date <= (s.b1 - make_interval(months => consequence('learning_offer_notice')::integer))::date
							 THEN 'notice' ELSE 'notice_late' END
					WHEN s.in_daycare THEN NULL
					WHEN s.home_since IS NULL THEN
						CASE WHEN learning_offer.on_date < s.b2 THEN CASE WHEN s.attending THEN 'attends' ELSE 'must_start' END
							 ELSE 'unknown' END
					WHEN s.s < s.b2 AND s.s <= learning_offer.on_date THEN CASE WHEN s.attending THEN 'attends' ELSE 'must_start' END
			   END AS would_status,
			   CASE WHEN learning_offer.on_date < s.b1 THEN 'not in daycare at the first birthday'
					WHEN s.home_since IS NULL AND learning_offer.on_date < s.b2
					THEN 'not in daycare between the ages of one and two (the day the child moved in is not known)'
					WHEN s.home_since IS NULL THEN 'the day the child moved in is not known'
					WHEN s.s = s.b1 THEN 'not in daycare at the age of one'
					WHEN s.s = s.home_since THEN 'moved into the area between the ages of one and two'
					ELSE 'left daycare between the ages of one and two' END AS would_reason
		  FROM start AS s
	)
	SELECT w.child_id,
		   CASE WHEN w.covered IS NOT false THEN w.area_id END,
		   r.status,
		   CASE WHEN r.status IN ('notice', 'notice_late')
					 OR r.status IN ('must_start', 'attends') AND w.s = w.b1
				THEN (w.b1 - make_interval(months => consequence('learning_offer_notice')::integer))::date END,
		   CASE WHEN r.status IN ('notice', 'notice_late') THEN w.b1
				WHEN r.status IN ('must_start', 'attends') AND w.home_since IS NOT NULL THEN w.s END,
		   CASE r.status WHEN 'may_leave' THEN true WHEN 'unknown' THEN NULL ELSE false END,
		   CASE WHEN w.covered IS NULL THEN 'the place of the area on the udsat list is undetermined'
				WHEN r.status <> 'may_leave' THEN w.would_reason
				WHEN w.home_since > w.learning_offer_since THEN 'the family moved out of the area'
				WHEN w.home_since IS NULL THEN 'the child no longer lives in an area on the udsat list'
				ELSE 'the area is no longer on the udsat list and no § 26 c decision keeps it' END,
		   'dagtilbudsloven § 44 a' || CASE WHEN w.covered AND w.by_tail THEN ', § 26 c' ELSE '' END
	  FROM would AS w
	  CROSS JOIN LATERAL (
		SELECT CASE WHEN w.covered THEN w.would_status
					WHEN w.covered IS NULL THEN CASE WHEN w.would_status IS NOT NULL OR w.attending THEN 'unknown' END
					WHEN w.attending THEN 'may_leave' END AS status) AS r
	 WHERE r.status IS NOT NULL
	   AND housing_areas_private.check_date('on_date', learning_offer.on_date)
	 ORDER BY w.child_id;
END;
COMMENT ON FUNCTION learning_offer(date) IS
'dagtilbudsloven § 44 a on a date, per child concerned: living in an area on the udsat list in force that day or kept by a § 26 c decision, the status (notice, notice_late: the written notice is due by notice_due, first birthday minus 3 months; must_start or attends: must attend from must_start, at the first birthday when not in daycare then, or on moving in or leaving daycare between the ages of one and two; may_leave: attends but no longer lives in such an area; unknown: missing values decide it), the reason and the paragraph';

CREATE VIEW bi_learning_offer AS
SELECT l.area_id, a.name,
	   disclose(count(*) FILTER (WHERE l.status = 'notice')) AS notice,
	   disclose(count(*) FILTER (WHERE l.status = 'notice_late')) AS notice_late,
	   disclose(count(*) FILTER (WHERE l.status = 'must_start')) AS must_start,
	   disclose(count(*) FILTER (WHERE l.status = 'attends')) AS attends,
	   disclose(count(*) FILTER (WHERE l.status = 'may_leave')) AS may_leave,
	   disclose(count(*) FILTER (WHERE l.status = 'unknown')) AS unknown
  FROM learning_offer(CURRENT_DATE) AS l
  LEFT JOIN area AS a ON a.area_id = l.area_id
 GROUP BY l.area_id, a.name;
COMMENT ON VIEW bi_learning_offer IS
'for BI: the learning offer today (learning_offer(current_date)) as counts of children per area and status, each through disclose() (counts from 1 to min_cell_count() - 1 are NULL); no totals, so no count can be narrowed down from the others';
COMMENT ON COLUMN bi_learning_offer.area_id IS
'the area (area.area_id); NULL for the children who may leave because they no longer live in such an area';
COMMENT ON COLUMN bi_learning_offer.name IS
'name of the area; NULL with area_id';
COMMENT ON COLUMN bi_learning_offer.notice IS
'children whose parents are to be informed in writing before the first birthday, in time (notice_due is today or later), disclosed';
COMMENT ON COLUMN bi_learning_offer.notice_late IS
'children whose notice is overdue (today is after first birthday minus 3 months), disclosed';
COMMENT ON COLUMN bi_learning_offer.must_start IS
'children who must attend the learning offer and do not yet, disclosed';
COMMENT ON COLUMN bi_learning_offer.attends IS
'children who must attend and do, disclosed';
COMMENT ON COLUMN bi_learning_offer.may_leave IS
'children who attend but may leave because they no longer live in an area on the udsat list or kept by § 26 c, disclosed';
COMMENT ON COLUMN bi_learning_offer.unknown IS
'children for whom missing values decide the obligation, disclosed';

CREATE FUNCTION daycare_offer_elsewhere_disclosed(year integer)
	RETURNS TABLE (facility_id bigint, name text, area_id integer, located boolean,
				   admitted integer, from_outside integer, undetermined integer, paragraph text,
				   suppressed text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- from_outside and undetermined are shown when they, the children
	-- admitted and the rest (the children from such areas) are all shown
	-- by disclose(): otherwise the shown ones would narrow a hidden one down
	SELECT o.facility_id, o.name, o.area_id, o.located, disclose(o.admitted),
		   CASE WHEN x.shown THEN o.from_outside END,
		   CASE WHEN x.shown THEN o.undetermined END,
		   o.paragraph,
		   concat_ws(',', CASE WHEN disclose(o.admitted) IS NULL THEN 'admitted' END,
					 CASE WHEN NOT x.shown THEN 'from_outside,undetermined' END)
	  FROM daycare_offer_elsewhere(daycare_offer_elsewhere_disclosed.year) AS o
	 CROSS JOIN LATERAL (SELECT disclose(o.admitted) IS NOT NULL AND disclose(o.from_outside) IS NOT NULL
								AND disclose(o.undetermined) IS NOT NULL
								AND disclose(o.admitted - o.from_outside - o.undetermined) IS NOT NULL AS shown) AS x
	 ORDER BY o.facility_id;
END;
COMMENT ON FUNCTION daycare_offer_elsewhere_disclosed(integer) IS
'daycare_offer_elsewhere() for publication under housing_areas.min_cell_count: admitted through disclose(); from_outside and undetermined only when admitted, both of them and the other children are all shown by disclose(), NULL otherwise; suppressed names the hidden columns (comma-separated, empty when none)';

CREATE VIEW bi_daycare_offer_elsewhere AS
SELECT o.facility_id, o.name, o.area_id, o.located, o.admitted, o.from_outside, o.undetermined,
	   o.paragraph, o.suppressed
  FROM daycare_offer_elsewhere_disclosed(extract(year FROM CURRENT_DATE)::integer) AS o;
COMMENT ON VIEW bi_daycare_offer_elsewhere IS
'for BI: daycare_offer_elsewhere_disclosed() of the current calendar year (§ 23 stk. 4)';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.facility_id IS
'the daycare (facility.facility_id)';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.name IS
'name of the daycare';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.area_id IS
'the area the daycare lies in';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.located IS
'true when the area is on the udsat list or kept by § 26 c, NULL when its place is undetermined';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.admitted IS
'children admitted this year, through disclose()';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.from_outside IS
'admitted children living outside every such area, who must also have been offered a place elsewhere; NULL when suppressed';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.undetermined IS
'admitted children whose home area''s place is undetermined; NULL when suppressed';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.paragraph IS
'dagtilbudsloven § 23 stk. 4, with § 26 c when a tail decision keeps the area';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.suppressed IS
'the columns hidden by disclosure control, comma-separated; empty when none';

-- housing_areas_postgis: development plans after the lists (almenboligloven
-- § 168 a): who may apply for dispensation, and a ledger of the dwelling
-- stock that projects the 40 % rule to its deadline.
-- Semantics and choices: docs/obligations-daycare.md.

CREATE FUNCTION plan_dispensation(list_year integer)
	RETURNS TABLE (area_id integer, name text, development_plan boolean, residents integer,
				   convictions boolean, may_apply boolean, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- three-valued: an unknown residents count, convictions criterion or
	-- plan leaves may_apply NULL unless another part decides it
	SELECT s.area_id, s.name, s.development_plan,
		   indicator(s.ind, 'residents')::integer, s.convictions,
		   s.development_plan
			   AND indicator(s.ind, 'residents') < consequence('dispensation_residents')
			   AND NOT s.convictions,
		   'almenboligloven § 168 a stk. 4'
	  FROM area_status AS s
	 WHERE s.list_year = plan_dispensation.list_year
	   AND s.development_plan IS NOT false
	 ORDER BY s.area_id;
END;
COMMENT ON FUNCTION plan_dispensation(integer) IS
'almenboligloven § 168 a stk. 4: per area under a development plan in a list year (development_plan true, or NULL when undetermined), its residents and convictions criterion that year, and whether it may apply for dispensation: fewer than 2,100 residents and the convictions criterion not met (three-valued)';

CREATE TABLE dwelling_change (
	change_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	area_id integer NOT NULL REFERENCES area ON DELETE CASCADE,
	changed_on date NOT NULL CHECK (changed_on BETWEEN '2010-01-01' AND '2100-12-31'),
	kind text NOT NULL CHECK (kind IN ('sale', 'conversion', 'demolition', 'new_non_family', 'commercial_m2')),
	amount numeric NOT NULL CHECK (amount > 0 AND amount <= 1000000000),
	note text,
	CONSTRAINT dwelling_change_whole CHECK (kind = 'commercial_m2' OR amount = trunc(amount))
);
CREATE INDEX dwelling_change_area_idx ON dwelling_change (area_id, changed_on);
COMMENT ON TABLE dwelling_change IS
'the ledger of a development plan (§ 168 a): dated changes of an area''s dwelling stock, projected to the deadline by plan_projection()';
COMMENT ON COLUMN dwelling_change.change_id IS
'identifier of the change (generated when not given)';
COMMENT ON COLUMN dwelling_change.area_id IS
'the area (area.area_id); the changes go when the area is deleted';
COMMENT ON COLUMN dwelling_change.changed_on IS
'the date the change takes effect (sale closed, conversion done, building demolished or finished)';
COMMENT ON COLUMN dwelling_change.kind IS
'sale: family units sold (fewer almene familieboliger, same dwellings); conversion: family units made other dwellings (youth, elderly); demolition: family units demolished (fewer family units and dwellings, more demolished); new_non_family: other dwellings built; commercial_m2: commercial floor area added';
COMMENT ON COLUMN dwelling_change.amount IS
'dwellings (a whole number), or m² for commercial_m2; more than 0';
COMMENT ON COLUMN dwelling_change.note IS
'free text: the sale, the building, the case number';
COMMENT ON CONSTRAINT dwelling_change_whole ON dwelling_change IS
'dwellings are counted in whole numbers; only commercial_m2 takes fractions';
COMMENT ON INDEX dwelling_change_area_idx IS
'an area''s changes in date order';

SELECT pg_catalog.pg_extension_config_dump('dwelling_change', '');
SELECT pg_catalog.pg_extension_config_dump('dwelling_change_change_id_seq', '');

CREATE FUNCTION plan_projection()
	RETURNS TABLE (area_id integer, name text, base_list_year integer, changes integer,
				   family_units integer, dwellings integer, demolished integer, commercial_m2 double precision,
				   share_now double precision, share_at_deadline double precision, deadline date,
				   target_met boolean, family_units_over_target integer, dwellings_to_add integer,
				   consistent boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH plan_areas AS (
		-- the areas under a plan (or possibly) on their latest list
		SELECT DISTINCT ON (s.area_id) s.area_id, s.name, s.development_plan
		  FROM area_status AS s
		 ORDER BY s.area_id, s.list_year DESC
	), base AS (
		-- the latest list year with known counts
		SELECT p.area_id, p.name, b.list_year, b.family_units, b.dwellings,
			   coalesce(b.demolished, 0) AS demolished, coalesce(b.commercial_m2, 0) AS commercial_m2
		  FROM plan_areas AS p
		  LEFT JOIN LATERAL (
			SELECT ay.list_year, ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2
			  FROM area_year AS ay
			 WHERE ay.area_id = p.area_id AND ay.family_units IS NOT NULL AND ay.dwellings IS NOT NULL
			 ORDER BY ay.list_year DESC LIMIT 1) AS b ON true
		 WHERE p.development_plan IS NOT false
	), ledger AS (
		-- the changes after that list and before 1 January of the deadline year
		SELECT b.area_id, count(c.change_id)::integer AS changes,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'sale'), 0) AS sold,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'conversion'), 0) AS converted,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'demolition'), 0) AS demolished,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'new_non_family'), 0) AS built,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'commercial_m2'), 0) AS commercial_m2
		  FROM base AS b
		  LEFT JOIN dwelling_change AS c
				 ON c.area_id = b.area_id
				AND c.changed_on > housing_areas_private.list_day(b.list_year)
				AND c.changed_on < make_date(consequence('plan_deadline')::integer, 1, 1)
		 GROUP BY b.area_id
	), projected AS (
		SELECT b.*, l.changes,
			   (b.family_units - l.sold - l.converted - l.demolished)::bigint AS f,
			   (b.dwellings - l.demolished + l.built)::bigint AS t,
			   (b.demolished + l.demolished)::bigint AS d,
			   b.commercial_m2 + l.commercial_m2::double precision AS c
		  FROM base AS b
		  JOIN ledger AS l ON l.area_id = b.area_id
	), checked AS (
		-- a ledger that takes more family units than there are is
		-- inconsistent: no projection; an empty total has no share
		SELECT p.*, p.f >= 0 AS consistent,
			   p.f >= 0 AND p.t <= 2147483647 AND p.d <= 2147483647
			   AND p.t + p.d + floor(p.c / consequence('m2_per_dwelling')::float8) > 0 AS computable,
			   p.dwellings + p.demolished + floor(p.commercial_m2 / consequence('m2_per_dwelling')::float8) > 0 AS computable_now
		  FROM projected AS p
	)
	SELECT c.area_id, c.name, c.list_year, c.changes,
		   CASE WHEN c.consistent THEN c.f END::integer,
		   CASE WHEN c.consistent THEN c.t END::integer,
		   CASE WHEN c.consistent THEN c.d END::integer,
		   CASE WHEN c.consistent THEN c.c END,
		   CASE WHEN c.computable_now
				THEN family_housing_share(c.family_units, c.dwellings, c.demolished, c.commercial_m2) END,
		   CASE WHEN c.computable THEN family_housing_share(c.f::integer, c.t::integer, c.d::integer, c.c) END,
		   make_date(consequence('plan_deadline')::integer, 1, 1),
		   CASE WHEN c.computable
				THEN family_units_over_target(c.f::integer, c.t::integer, c.d::integer, c.c) = 0 END,
		   CASE WHEN c.computable THEN family_units_over_target(c.f::integer, c.t::integer, c.d::integer, c.c) END,
		   CASE WHEN c.computable THEN dwellings_to_add(c.f::integer, c.t::integer, c.d::integer, c.c) END,
		   c.consistent
	  FROM checked AS c
	 ORDER BY c.area_id;
END;
COMMENT ON FUNCTION plan_projection() IS
'almenboligloven § 168 a: per area under a development plan on its latest list (or possibly, when undetermined), the counts of the latest list year that has them plus the dwelling_change entries dated after that list and before 1 January 2030, the family-housing share now and projected to 1 January 2030, whether the 40 % target is met then, and how far it is (family units to convert, sell or demolish, or other dwellings to add instead); NULL where the counts are unknown, the total is 0 or the ledger takes more family units than there are (consistent false)';

-- ---- obligations per area and date, allocation and letting checks, the official list (issue 13 parts 1, 2 and 5) ----

-- housing_areas_postgis: what the lists oblige, per area and date
-- (almenboligloven § 51 b, § 51 c, § 59 stk. 6-7, §§ 60-60 b, § 168 a;
-- integrationsloven § 12 stk. 2; dagtilbudsloven § 26 a, § 26 c, § 44 a),
-- and the grounds on which a household is refused a dwelling
-- (allocation_check).  The law as of 2026 (docs/obligations.md).

CREATE TABLE obligation_kind (
	obligation text PRIMARY KEY,
	ordinal integer NOT NULL UNIQUE CHECK (ordinal BETWEEN 1 AND 9),
	paragraph text NOT NULL,
	list_condition text NOT NULL,
	description text NOT NULL
);
COMMENT ON TABLE obligation_kind IS
'the obligations the lists bring, each with its paragraph, the list that brings it and what it obliges (obligations() returns them by these names)';
COMMENT ON COLUMN obligation_kind.obligation IS
'name of the obligation, as obligations() returns it';
COMMENT ON COLUMN obligation_kind.ordinal IS
'its number, 1 to 9: the order of the reports and part of the key of gis_obligations (area_id * 10 + ordinal)';
COMMENT ON COLUMN obligation_kind.paragraph IS
'the paragraph of the law that brings it';
COMMENT ON COLUMN obligation_kind.list_condition IS
'when it holds for an area: the list it follows (udsat: on the udsat list, parallelsamfund and omdannelse included; forebyggelse; omdannelse; kombineret_udlejning; development_plan: under a development plan)';
COMMENT ON COLUMN obligation_kind.description IS
'what it obliges';
INSERT INTO obligation_kind VALUES
	('allocation_limit', 1, 'almenboligloven § 59 stk. 6', 'udsat',
	 'the municipality may not allocate a dwelling to a household on the grounds of § 59 stk. 6 nr. 1-7 (allocation_check)'),
	('allocation_limit_prevention', 2, 'almenboligloven § 59 stk. 7', 'forebyggelse',
	 'the municipality may not allocate a dwelling to a household on the grounds of § 59 stk. 6 nr. 1-4 and 6 consecutive months of selvforsørgelses-, hjemrejse- or overgangsydelse (allocation_check)'),
	('flexible_letting', 3, 'almenboligloven §§ 60-60 b', 'forebyggelse',
	 'fleksibel udlejning with the municipality''s criteria is mandatory; exchange or sublet into an udsat area must meet them'),
	('refusal_required', 4, 'almenboligloven § 51 c', 'omdannelse',
	 'the housing organisation must refuse waiting-list applicants where the applicant or spouse receives selvforsørgelses-, hjemrejse- or overgangsydelse, uddannelseshjælp or kontanthjælp; not those already living in the department (allocation_check)'),
	('combined_letting_possible', 5, 'almenboligloven § 51 b', 'kombineret_udlejning',
	 'the municipality may require the housing organisation to refuse waiting-list applicants on the grounds of § 51 b (kombineret udlejning); a combined_letting decision in force makes it a requirement (allocation_check)'),
	('no_refugee_placement', 6, 'integrationsloven § 12 stk. 2', 'udsat',
	 'the municipality may not place a refugee (temporary or permanent housing) in the area'),
	('daycare_cap', 7, 'dagtilbudsloven § 26 a', 'udsat',
	 'children living in the area count towards the 30 % cap of the daycares they are admitted to; kept after the area leaves the udsat list by a § 26 c decision (daycare_tail)'),
	('learning_offer', 8, 'dagtilbudsloven § 44 a', 'udsat',
	 'a child living in the area who is not in daycare at 1 attends the obligatory learning offer; kept after the area leaves the udsat list by a § 26 c decision (daycare_tail)'),
	('development_plan', 9, 'almenboligloven § 168 a', 'development_plan',
	 'the area is under a development plan that cuts almene familieboliger to at most 40 % of the dwellings by 2030');

CREATE FUNCTION housing_areas_private.list_status(on_date date, of_area integer)
	RETURNS TABLE (area_id integer, list_year integer, day date, next_day date, in_force boolean,
				   category text, has_record boolean, obligation text, holds boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH lists AS (
		-- every list in area_year: a list applies from its day to the next one's
		SELECT y.list_year, housing_areas_private.list_day(y.list_year) AS day
		  FROM (SELECT DISTINCT ay.list_year FROM area_year AS ay) AS y
	), spans AS (
		SELECT l.list_year, l.day, lead(l.day) OVER (ORDER BY l.list_year) AS next_day
		  FROM lists AS l
	), current AS (
		SELECT max(s.list_year) AS list_year FROM spans AS s WHERE s.day <= list_status.on_date
	), yearly AS (
		-- every area on every list; an area without a record that year is
		-- undetermined, but a development plan it is known to have goes on
		SELECT a.area_id, sp.list_year, sp.day, sp.next_day, sp.list_year = cu.list_year AS in_force,
			   COALESCE(st.category, 'unknown') AS category, st.area_id IS NOT NULL AS has_record,
			   st.on_udsat_list, st.kombineret_udlejning,
			   CASE WHEN st.area_id IS NOT NULL THEN st.development_plan
					WHEN bool_or(st.development_plan) OVER w AND sp.list_year < consequence('plan_deadline') THEN true
			   END AS development_plan,
			   classify(st.ind, sp.list_year) AS c
		  FROM area AS a
		 CROSS JOIN spans AS sp
		 CROSS JOIN current AS cu
		  LEFT JOIN area_status AS st ON st.area_id = a.area_id AND st.list_year = sp.list_year
		 WHERE cu.list_year IS NOT NULL
		   AND (list_status.of_area IS NULL OR a.area_id = list_status.of_area)
		WINDOW w AS (PARTITION BY a.area_id ORDER BY sp.list_year)
	)
	SELECT y.area_id, y.list_year, y.day, y.next_day, y.in_force, y.category, y.has_record, k.obligation,
		   CASE k.list_condition
			   WHEN 'udsat' THEN y.on_udsat_list
			   WHEN 'forebyggelse' THEN
				   CASE WHEN y.category = 'forebyggelse' THEN true
						WHEN y.category <> 'unknown' THEN false
						ELSE (y.c).forebyggelse END
			   WHEN 'omdannelse' THEN
				   CASE WHEN y.category = 'omdannelse' THEN true
						WHEN y.category <> 'unknown' THEN false
						WHEN y.on_udsat_list IS false OR (y.c).parallelsamfund IS false THEN false END
			   WHEN 'kombineret_udlejning' THEN y.kombineret_udlejning
			   WHEN 'development_plan' THEN y.development_plan
		   END
	  FROM yearly AS y
	 CROSS JOIN obligation_kind AS k;
END;
COMMENT ON FUNCTION housing_areas_private.list_status(date, integer) IS
'for every area (or the one given), list and obligation up to and after the list in force on a date: whether the list brings the obligation (true, false, NULL when undetermined); no rows before the first list or for a NULL date';

CREATE FUNCTION obligations(on_date date, of_area integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, obligation text, paragraph text, since date, until date,
				   reason text, holds boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET datestyle = 'ISO, YMD'	-- the dates in the reasons, whatever the session's style
BEGIN ATOMIC
	WITH status AS (
		SELECT s.*,
			   -- the runs of lists on which the obligation holds: a list where it
			   -- does not (or may not) hold starts a new group
			   count(*) FILTER (WHERE s.holds IS NOT TRUE) OVER w AS brk
		  FROM housing_areas_private.list_status(obligations.on_date, obligations.of_area) AS s
		WINDOW w AS (PARTITION BY s.area_id, s.obligation ORDER BY s.list_year)
	), runs AS (
		SELECT s.*,
			   min(s.day) FILTER (WHERE s.holds) OVER g AS run_start,
			   -- the list before the run: false, or NULL (undetermined: it may have held earlier)
			   first_value(s.holds) OVER g AS before_run,
			   first_value(s.list_year) OVER g AS before_year
		  FROM status AS s
		WINDOW g AS (PARTITION BY s.area_id, s.obligation, s.brk ORDER BY s.list_year
					 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
	), ends AS (
		-- each list in force with the first later list on which the
		-- obligation does not certainly hold: the one that starts the next group
		SELECT r.*, nx.day AS end_day, nx.holds AS end_holds, nx.list_year AS end_year
		  FROM runs AS r
		  LEFT JOIN runs AS nx ON nx.area_id = r.area_id AND nx.obligation = r.obligation
							  AND nx.brk = r.brk + 1 AND nx.list_year = nx.before_year
		 WHERE r.in_force
	), last_run AS (
		-- the last run so far: its first list, and the day of the first list
		-- after it, when the area left (both grow with the list year)
		SELECT r.*,
			   max(r.run_start) FILTER (WHERE r.holds) OVER upto AS last_run_start,
			   max(r.next_day) FILTER (WHERE r.holds) OVER upto AS left_day
		  FROM runs AS r
		WINDOW upto AS (PARTITION BY r.area_id, r.obligation ORDER BY r.list_year)
	), tails AS (
		-- dagtilbudsloven § 26 c: the cap and the learning offer kept after the
		-- area leaves the udsat list, by a decision in force, for at most
		-- consequence('daycare_cap_tail') years from the first list without it
		SELECT r.area_id, r.obligation, d.decision_id, d.decided_on, r.left_day,
			   LEAST(d.valid_until, (r.left_day + make_interval(years => consequence('daycare_cap_tail')::integer))::date)
				   AS tail_until,
			   r.last_run_start AS tail_since
		  FROM last_run AS r
		 CROSS JOIN LATERAL (SELECT d1.* FROM decision AS d1
							  WHERE d1.kind = 'daycare_tail' AND d1.area_id = r.area_id
								AND d1.valid_from <= obligations.on_date
								AND (d1.valid_until IS NULL OR obligations.on_date < d1.valid_until)
							  ORDER BY d1.valid_until DESC NULLS FIRST, d1.decision_id
							  LIMIT 1) AS d
		 WHERE r.in_force AND r.holds IS NOT TRUE
		   AND r.obligation IN ('daycare_cap', 'learning_offer')
		   AND r.left_day <= r.day
		   AND obligations.on_date < r.left_day + make_interval(years => consequence('daycare_cap_tail')::integer)
	), letting AS (
		-- almenboligloven § 51 b: the municipality's decision in force
		SELECT d.area_id, d.decision_id, d.decided_on, d.valid_from, d.valid_until,
			   d.includes_pension, d.includes_insurance_benefits
		  FROM decision AS d
		 WHERE d.kind = 'combined_letting'
		   AND d.valid_from <= obligations.on_date
		   AND (d.valid_until IS NULL OR obligations.on_date < d.valid_until)
	)
	SELECT r.area_id, r.obligation,
		   CASE WHEN t.area_id IS NOT NULL THEN k.paragraph || ', § 26 c' ELSE k.paragraph END,
		   CASE WHEN t.area_id IS NOT NULL THEN t.tail_since
				WHEN r.holds THEN r.run_start END,
		   CASE WHEN t.area_id IS NOT NULL THEN t.tail_until
				WHEN r.holds THEN COALESCE(ahead.tail_until, r.end_day)
				ELSE r.next_day END,
		   CASE
			   WHEN t.area_id IS NOT NULL THEN
				   format('%s the udsat list of %s; kept under dagtilbudsloven § 26 c by the municipality''s decision %s of %s, for at most %s years after the area left the udsat list on %s',
						  CASE WHEN r.holds IS NULL THEN 'perhaps still on (undetermined)' ELSE 'not on' END,
						  list_date(r.list_year), t.decision_id, t.decided_on,
						  consequence('daycare_cap_tail'), CASE WHEN r.holds IS NULL THEN 'or after ' ELSE '' END || t.left_day)
			   WHEN r.holds IS false THEN
				   format('not on the kombineret udlejning list of %s, so the municipality''s decision %s of %s under § 51 b, in force, has no list to rest on',
						  list_date(r.list_year), lt.decision_id, lt.decided_on)
			   WHEN r.holds IS NULL AND NOT r.has_record THEN
				   format('undetermined: the area has no record for the list of %s', list_date(r.list_year))
			   WHEN r.holds IS NULL THEN
				   format('undetermined: missing values decide whether the area is %s of %s (category %s)',
						  CASE k.list_condition
							  WHEN 'udsat' THEN 'on the udsat list'
							  WHEN 'forebyggelse' THEN 'a forebyggelsesområde on the list'
							  WHEN 'omdannelse' THEN 'an omdannelsesområde on the list'
							  WHEN 'kombineret_udlejning' THEN 'on the kombineret udlejning list'
							  ELSE 'under a development plan on the list' END,
						  list_date(r.list_year), r.category)
				   || CASE WHEN lt.area_id IS NOT NULL THEN
						   format('; the municipality''s decision %s of %s under § 51 b is in force', lt.decision_id, lt.decided_on)
					  ELSE '' END
			   ELSE
				   CASE k.list_condition
					   WHEN 'udsat' THEN format('on the udsat list of %s (%s)', list_date(r.list_year), r.category)
					   WHEN 'forebyggelse' THEN format('a forebyggelsesområde on the list of %s', list_date(r.list_year))
					   WHEN 'omdannelse' THEN format('an omdannelsesområde on the list of %s', list_date(r.list_year))
					   WHEN 'kombineret_udlejning' THEN
						   format('on the kombineret udlejning list of %s (computed from the indicators)', list_date(r.list_year))
						   || CASE WHEN lt.area_id IS NOT NULL THEN
								   format('; required: the municipality''s decision %s of %s (from %s%s) requires the housing organisation to refuse applicants on the grounds of § 51 b%s',
										  lt.decision_id, lt.decided_on, lt.valid_from,
										  COALESCE(' until ' || lt.valid_until, ''),
										  CASE WHEN lt.includes_pension AND lt.includes_insurance_benefits
												   THEN ', førtidspension and dagpenge, sygedagpenge or ressourceforløbsydelse included'
											   WHEN lt.includes_pension THEN ', førtidspension included'
											   WHEN lt.includes_insurance_benefits
												   THEN ', dagpenge, sygedagpenge or ressourceforløbsydelse included'
											   ELSE '' END)
							  ELSE '; possible only: no decision of the municipality under § 51 b is in force' END
					   ELSE format('under a development plan (§ 168 a) on the list of %s', list_date(r.list_year))
				   END
				   || CASE WHEN r.before_run IS NULL AND r.brk > 0 THEN
						   format('; the list of %s is undetermined, so it may have held before %s', list_date(r.before_year), r.run_start)
					  ELSE '' END
				   || CASE WHEN ahead.tail_until IS NOT NULL THEN
						   format('; the list of %s leaves it out, and a decision under § 26 c keeps it from then', list_date(r.end_year))
					  ELSE '' END
				   || CASE WHEN r.end_day IS NOT NULL AND r.end_holds IS NULL THEN
						   format('; the list of %s is undetermined, so it may hold after %s', list_date(r.end_year), r.end_day)
					  ELSE '' END
		   END,
		   CASE WHEN t.area_id IS NOT NULL THEN true ELSE r.holds END
	  FROM ends AS r
	  JOIN obligation_kind AS k ON k.obligation = r.obligation
	  LEFT JOIN tails AS t ON t.area_id = r.area_id AND t.obligation = r.obligation
	  LEFT JOIN letting AS lt ON lt.area_id = r.area_id AND r.obligation = 'combined_letting_possible'
	  -- a § 26 c decision already made for the day the area leaves the udsat list
	  LEFT JOIN LATERAL (
		SELECT LEAST(d.valid_until, (r.end_day + make_interval(years => consequence('daycare_cap_tail')::integer))::date)
				   AS tail_until
		  FROM decision AS d
		 WHERE r.holds AND r.end_holds IS false AND r.obligation IN ('daycare_cap', 'learning_offer')
		   AND d.kind = 'daycare_tail' AND d.area_id = r.area_id
		   AND d.valid_from <= r.end_day AND (d.valid_until IS NULL OR r.end_day < d.valid_until)
		 ORDER BY d.valid_until DESC NULLS FIRST, d.decision_id
		 LIMIT 1) AS ahead ON true
	 WHERE r.in_force
	   AND (r.holds IS NOT false OR t.area_id IS NOT NULL
			-- a § 51 b decision is reported even where its list does not hold
			OR lt.area_id IS NOT NULL)
	 ORDER BY r.area_id, k.ordinal;
END;
COMMENT ON FUNCTION obligations(date, integer) IS
'one row per area (of all, or of_area) and obligation in force on a date, by the list in force (a list applies from its day, list_date(), until the next list in area_year) and the municipality''s decisions: since (the first list of the uninterrupted run), until (the next list that ends it; NULL while open-ended), the reason, and holds (true; NULL when missing values leave it undetermined; false only for a § 51 b decision in force where the area is not on the list)';

-- ---- allocation and letting: the grounds, and a household checked against them ----

CREATE TABLE country (
	code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
	name text NOT NULL
);
COMMENT ON TABLE country IS
'the citizenships a household document may name: the codes of ISO 3166-1 alpha-2 (as Debian''s iso-codes lists them in 2026) and XK for Kosovo (a user-assigned code the EU and Denmark use); an unknown code is an error, so that EL or UK (the EU''s abbreviations for Greece and the United Kingdom) is never taken for a third country';
COMMENT ON COLUMN country.code IS
'ISO 3166-1 alpha-2 code (GR for Greece, GB for the United Kingdom)';
COMMENT ON COLUMN country.name IS
'English name of the country';
INSERT INTO country VALUES
	('AD', 'Andorra'), ('AE', 'United Arab Emirates'), ('AF', 'Afghanistan'),
	('AG', 'Antigua and Barbuda'), ('AI', 'Anguilla'), ('AL', 'Albania'), ('AM', 'Armenia'),
	('AO', 'Angola'), ('AQ', 'Antarctica'), ('AR', 'Argentina'), ('AS', 'American Samoa'),
	('AT', 'Austria'), ('AU', 'Australia'), ('AW', 'Aruba'), ('AX', 'Åland Islands'),
	('AZ', 'Azerbaijan'), ('BA', 'Bosnia and Herzegovina'), ('BB', 'Barbados'), ('BD', 'Bangladesh'),
	('BE', 'Belgium'), ('BF', 'Burkina Faso'), ('BG', 'Bulgaria'), ('BH', 'Bahrain'),
	('BI', 'Burundi'), ('BJ', 'Benin'), ('BL', 'Saint Barthélemy'), ('BM', 'Bermuda'),
	('BN', 'Brunei Darussalam'), ('BO', 'Bolivia'), ('BQ', 'Bonaire, Sint Eustatius and Saba'),
	('BR', 'Brazil'), ('BS', 'Bahamas'), ('BT', 'Bhutan'), ('BV', 'Bouvet Island'),
	('BW', 'Botswana'), ('BY', 'Belarus'), ('BZ', 'Belize'), ('CA', 'Canada'),
	('CC', 'Cocos (Keeling) Islands'), ('CD', 'Congo, The Democratic Republic of the'),
	('CF', 'Central African Republic'), ('CG', 'Congo'), ('CH', 'Switzerland'),
	('CI', 'Côte d''Ivoire'), ('CK', 'Cook Islands'), ('CL', 'Chile'), ('CM', 'Cameroon'),
	('CN', 'China'), ('CO', 'Colombia'), ('CR', 'Costa Rica'), ('CU', 'Cuba'), ('CV', 'Cabo Verde'),
	('CW', 'Curaçao'), ('CX', 'Christmas Island'), ('CY', 'Cyprus'), ('CZ', 'Czechia'),
	('DE', 'Germany'), ('DJ', 'Djibouti'), ('DK', 'Denmark'), ('DM', 'Dominica'),
	('DO', 'Dominican Republic'), ('DZ', 'Algeria'), ('EC', 'Ecuador'), ('EE', 'Estonia'),
	('EG', 'Egypt'), ('EH', 'Western Sahara'), ('ER', 'Eritrea'), ('ES', 'Spain'), ('ET', 'Ethiopia'),
	('FI', 'Finland'), ('FJ', 'Fiji'), ('FK', 'Falkland Islands (Malvinas)'),
	('FM', 'Micronesia, Federated States of'), ('FO', 'Faroe Islands'), ('FR', 'France'),
	('GA', 'Gabon'), ('GB', 'United Kingdom'), ('GD', 'Grenada'), ('GE', 'Georgia'),
	('GF', 'French Guiana'), ('GG', 'Guernsey'), ('GH', 'Ghana'), ('GI', 'Gibraltar'),
	('GL', 'Greenland'), ('GM', 'Gambia'), ('GN', 'Guinea'), ('GP', 'Guadeloupe'),
	('GQ', 'Equatorial Guinea'), ('GR', 'Greece'),
	('GS', 'South Georgia and the South Sandwich Islands'), ('GT', 'Guatemala'), ('GU', 'Guam'),
	('GW', 'Guinea-Bissau'), ('GY', 'Guyana'), ('HK', 'Hong Kong'),
	('HM', 'Heard Island and McDonald Islands'), ('HN', 'Honduras'), ('HR', 'Croatia'),
	('HT', 'Haiti'), ('HU', 'Hungary'), ('ID', 'Indonesia'), ('IE', 'Ireland'), ('IL', 'Israel'),
	('IM', 'Isle of Man'), ('IN', 'India'), ('IO', 'British Indian Ocean Territory'), ('IQ', 'Iraq'),
	('IR', 'Iran'), ('IS', 'Iceland'), ('IT', 'Italy'), ('JE', 'Jersey'), ('JM', 'Jamaica'),
	('JO', 'Jordan'), ('JP', 'Japan'), ('KE', 'Kenya'), ('KG', 'Kyrgyzstan'), ('KH', 'Cambodia'),
	('KI', 'Kiribati'), ('KM', 'Comoros'), ('KN', 'Saint Kitts and Nevis'), ('KP', 'North Korea'),
	('KR', 'South Korea'), ('KW', 'Kuwait'), ('KY', 'Cayman Islands'), ('KZ', 'Kazakhstan'),
	('LA', 'Laos'), ('LB', 'Lebanon'), ('LC', 'Saint Lucia'), ('LI', 'Liechtenstein'),
	('LK', 'Sri Lanka'), ('LR', 'Liberia'), ('LS', 'Lesotho'), ('LT', 'Lithuania'),
	('LU', 'Luxembourg'), ('LV', 'Latvia'), ('LY', 'Libya'), ('MA', 'Morocco'), ('MC', 'Monaco'),
	('MD', 'Moldova'), ('ME', 'Montenegro'), ('MF', 'Saint Martin (French part)'),
	('MG', 'Madagascar'), ('MH', 'Marshall Islands'), ('MK', 'North Macedonia'), ('ML', 'Mali'),
	('MM', 'Myanmar'), ('MN', 'Mongolia'), ('MO', 'Macao'), ('MP', 'Northern Mariana Islands'),
	('MQ', 'Martinique'), ('MR', 'Mauritania'), ('MS', 'Montserrat'), ('MT', 'Malta'),
	('MU', 'Mauritius'), ('MV', 'Maldives'), ('MW', 'Malawi'), ('MX', 'Mexico'), ('MY', 'Malaysia'),
	('MZ', 'Mozambique'), ('NA', 'Namibia'), ('NC', 'New Caledonia'), ('NE', 'Niger'),
	('NF', 'Norfolk Island'), ('NG', 'Nigeria'), ('NI', 'Nicaragua'), ('NL', 'Netherlands'),
	('NO', 'Norway'), ('NP', 'Nepal'), ('NR', 'Nauru'), ('NU', 'Niue'), ('NZ', 'New Zealand'),
	('OM', 'Oman'), ('PA', 'Panama'), ('PE', 'Peru'), ('PF', 'French Polynesia'),
	('PG', 'Papua New Guinea'), ('PH', 'Philippines'), ('PK', 'Pakistan'), ('PL', 'Poland'),
	('PM', 'Saint Pierre and Miquelon'), ('PN', 'Pitcairn'), ('PR', 'Puerto Rico'),
	('PS', 'Palestine, State of'), ('PT', 'Portugal'), ('PW', 'Palau'), ('PY', 'Paraguay'),
	('QA', 'Qatar'), ('RE', 'Réunion'), ('RO', 'Romania'), ('RS', 'Serbia'),
	('RU', 'Russian Federation'), ('RW', 'Rwanda'), ('SA', 'Saudi Arabia'), ('SB', 'Solomon Islands'),
	('SC', 'Seychelles'), ('SD', 'Sudan'), ('SE', 'Sweden'), ('SG', 'Singapore'),
	('SH', 'Saint Helena, Ascension and Tristan da Cunha'), ('SI', 'Slovenia'),
	('SJ', 'Svalbard and Jan Mayen'), ('SK', 'Slovakia'), ('SL', 'Sierra Leone'),
	('SM', 'San Marino'), ('SN', 'Senegal'), ('SO', 'Somalia'), ('SR', 'Suriname'),
	('SS', 'South Sudan'), ('ST', 'Sao Tome and Principe'), ('SV', 'El Salvador'),
	('SX', 'Sint Maarten (Dutch part)'), ('SY', 'Syria'), ('SZ', 'Eswatini'),
	('TC', 'Turks and Caicos Islands'), ('TD', 'Chad'), ('TF', 'French Southern Territories'),
	('TG', 'Togo'), ('TH', 'Thailand'), ('TJ', 'Tajikistan'), ('TK', 'Tokelau'),
	('TL', 'Timor-Leste'), ('TM', 'Turkmenistan'), ('TN', 'Tunisia'), ('TO', 'Tonga'),
	('TR', 'Türkiye'), ('TT', 'Trinidad and Tobago'), ('TV', 'Tuvalu'), ('TW', 'Taiwan'),
	('TZ', 'Tanzania'), ('UA', 'Ukraine'), ('UG', 'Uganda'),
	('UM', 'United States Minor Outlying Islands'), ('US', 'United States'), ('UY', 'Uruguay'),
	('UZ', 'Uzbekistan'), ('VA', 'Holy See (Vatican City State)'),
	('VC', 'Saint Vincent and the Grenadines'), ('VE', 'Venezuela'),
	('VG', 'Virgin Islands, British'), ('VI', 'Virgin Islands, U.S.'), ('VN', 'Vietnam'),
	('VU', 'Vanuatu'), ('WF', 'Wallis and Futuna'), ('WS', 'Samoa'), ('XK', 'Kosovo'),
	('YE', 'Yemen'), ('YT', 'Mayotte'), ('ZA', 'South Africa'), ('ZM', 'Zambia'), ('ZW', 'Zimbabwe');

CREATE TABLE eu_eea_country (
	code text PRIMARY KEY REFERENCES country,
	membership text NOT NULL CHECK (membership IN ('EU', 'EEA', 'CH'))
);
COMMENT ON TABLE eu_eea_country IS
'the countries whose citizens § 59 stk. 6 nr. 4 and stk. 7 do not refuse: the EU, the other EEA countries and Switzerland (as of 2026)';
COMMENT ON COLUMN eu_eea_country.code IS
'the country (country.code)';
COMMENT ON COLUMN eu_eea_country.membership IS
'EU, EEA (Iceland, Liechtenstein, Norway) or CH (Switzerland)';
INSERT INTO eu_eea_country VALUES
	('AT', 'EU'), ('BE', 'EU'), ('BG', 'EU'), ('HR', 'EU'),
	('CY', 'EU'), ('CZ', 'EU'), ('DK', 'EU'), ('EE', 'EU'),
	('FI', 'EU'), ('FR', 'EU'), ('DE', 'EU'), ('GR', 'EU'),
	('HU', 'EU'), ('IE', 'EU'), ('IT', 'EU'), ('LV', 'EU'),
	('LT', 'EU'), ('LU', 'EU'), ('MT', 'EU'), ('NL', 'EU'),
	('PL', 'EU'), ('PT', 'EU'), ('RO', 'EU'), ('SK', 'EU'),
	('SI', 'EU'), ('ES', 'EU'), ('SE', 'EU'),
	('IS', 'EEA'), ('LI', 'EEA'), ('NO', 'EEA'),
	('CH', 'CH');

CREATE TABLE allocation_ground (
	obligation text NOT NULL REFERENCES obligation_kind,
	ground text NOT NULL CHECK (ground IN ('prison_release', 'institution_release', 'lease_terminated',
										   'third_country', 'public_benefits', 'integration_benefits',
										   'insurance_benefits', 'fortidspension', 'public_benefits_now')),
	number integer CHECK (number BETWEEN 1 AND 7),
	paragraph text NOT NULL,
	who text NOT NULL CHECK (who IN ('member', 'applicant_or_spouse')),
	optional text CHECK (optional IN ('includes_pension', 'includes_insurance_benefits')),
	description text NOT NULL,
	PRIMARY KEY (obligation, ground)
);
COMMENT ON TABLE allocation_ground IS
'the grounds on which a household is refused a dwelling under each obligation (allocation_check): § 59 stk. 6 nr. 1-7, § 59 stk. 7, § 51 c and § 51 b';
COMMENT ON COLUMN allocation_ground.obligation IS
'the obligation whose ground it is (obligation_kind): allocation_limit, allocation_limit_prevention, refusal_required or combined_letting_possible';
COMMENT ON COLUMN allocation_ground.ground IS
'the ground, as allocation_check names it: prison_release, institution_release, lease_terminated, third_country, public_benefits, integration_benefits, insurance_benefits, fortidspension or public_benefits_now';
COMMENT ON COLUMN allocation_ground.number IS
'its number in § 59 stk. 6 (nr. 1-7; for stk. 7 the number of the ground of stk. 6 it takes over); NULL for § 51 b and § 51 c, which do not number them';
COMMENT ON COLUMN allocation_ground.paragraph IS
'the paragraph of the law, with its number';
COMMENT ON COLUMN allocation_ground.who IS
'whose circumstances count: any member of the household (member) or only the applicant and the spouse (applicant_or_spouse)';
COMMENT ON COLUMN allocation_ground.optional IS
'for the optional grounds of § 51 b: the column of the combined_letting decision that chooses it (includes_pension, includes_insurance_benefits); NULL for a ground that always applies';
COMMENT ON COLUMN allocation_ground.description IS
'the ground in words';
INSERT INTO allocation_ground VALUES
	('allocation_limit', 'prison_release', 1, 'almenboligloven § 59 stk. 6 nr. 1', 'member', NULL,
	 'a member was released after serving a prison sentence within the last consequence(''allocation_window'') months'),
	('allocation_limit', 'institution_release', 2, 'almenboligloven § 59 stk. 6 nr. 2', 'member', NULL,
	 'a member under 18 was released from a (secure) institution within the last consequence(''allocation_window'') months'),
	('allocation_limit', 'lease_terminated', 3, 'almenboligloven § 59 stk. 6 nr. 3', 'member', NULL,
	 'a member had a lease terminated for gross breach within the last consequence(''allocation_window'') months'),
	('allocation_limit', 'third_country', 4, 'almenboligloven § 59 stk. 6 nr. 4', 'member', NULL,
	 'a member is not a citizen of an EU/EEA country or Switzerland (eu_eea_country), students excepted'),
	('allocation_limit', 'public_benefits', 5, 'almenboligloven § 59 stk. 6 nr. 5', 'member', NULL,
	 'a member has received selvforsørgelses-, hjemrejse- or overgangsydelse, uddannelseshjælp or kontanthjælp for consequence(''benefit_months'') consecutive months'),
	('allocation_limit', 'fortidspension', 6, 'almenboligloven § 59 stk. 6 nr. 6', 'member', NULL,
	 'a member receives førtidspension'),
	('allocation_limit', 'insurance_benefits', 7, 'almenboligloven § 59 stk. 6 nr. 7', 'member', NULL,
	 'a member has received dagpenge, sygedagpenge or ressourceforløbsydelse for consequence(''benefit_months'') consecutive months'),
	('allocation_limit_prevention', 'prison_release', 1, 'almenboligloven § 59 stk. 7, cf. stk. 6 nr. 1', 'member', NULL,
	 'a member was released after serving a prison sentence within the last consequence(''allocation_window'') months'),
	('allocation_limit_prevention', 'institution_release', 2, 'almenboligloven § 59 stk. 7, cf. stk. 6 nr. 2', 'member', NULL,
	 'a member under 18 was released from a (secure) institution within the last consequence(''allocation_window'') months'),
	('allocation_limit_prevention', 'lease_terminated', 3, 'almenboligloven § 59 stk. 7, cf. stk. 6 nr. 3', 'member', NULL,
	 'a member had a lease terminated for gross breach within the last consequence(''allocation_window'') months'),
	('allocation_limit_prevention', 'third_country', 4, 'almenboligloven § 59 stk. 7, cf. stk. 6 nr. 4', 'member', NULL,
	 'a member is not a citizen of an EU/EEA country or Switzerland (eu_eea_country), students excepted'),
	('allocation_limit_prevention', 'integration_benefits', 5, 'almenboligloven § 59 stk. 7, cf. stk. 6 nr. 5 (selvforsørgelses-, hjemrejse- or overgangsydelse only)', 'member', NULL,
	 'a member has received selvforsørgelses-, hjemrejse- or overgangsydelse for consequence(''benefit_months'') consecutive months'),
	('refusal_required', 'public_benefits_now', NULL, 'almenboligloven § 51 c', 'applicant_or_spouse', NULL,
	 'the applicant or spouse receives selvforsørgelses-, hjemrejse- or overgangsydelse, uddannelseshjælp or kontanthjælp; not one already living in the department'),
	('combined_letting_possible', 'public_benefits', NULL, 'almenboligloven § 51 b', 'applicant_or_spouse', NULL,
	 'the applicant or spouse has received selvforsørgelses-, hjemrejse- or overgangsydelse, uddannelseshjælp or kontanthjælp for consequence(''benefit_months'') consecutive months; not one already living in the department'),
	('combined_letting_possible', 'fortidspension', NULL, 'almenboligloven § 51 b (optional ground)', 'applicant_or_spouse', 'includes_pension',
	 'the applicant or spouse receives førtidspension, where the decision includes it; not one already living in the department'),
	('combined_letting_possible', 'insurance_benefits', NULL, 'almenboligloven § 51 b (optional ground)', 'applicant_or_spouse', 'includes_insurance_benefits',
	 'the applicant or spouse has received dagpenge, sygedagpenge or ressourceforløbsydelse for consequence(''benefit_months'') consecutive months, where the decision includes it; not one already living in the department');

CREATE FUNCTION housing_areas_private.minor_age() RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN 18;
COMMENT ON FUNCTION housing_areas_private.minor_age() IS
'the age below which a member counts for § 59 stk. 6 nr. 2 ("under 18"), in years';

CREATE FUNCTION housing_areas_private.household_error(key text, message text, detail text,
													  unreadable boolean DEFAULT false)
	RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
BEGIN
	IF unreadable THEN
		RAISE EXCEPTION 'invalid household key "%": %', key, message
			USING ERRCODE = 'invalid_text_representation', DETAIL = COALESCE(detail, ''),
				  HINT = 'The household document is described in docs/obligations.md.';
	END IF;
	RAISE EXCEPTION 'invalid household key "%": %', key, message
		USING ERRCODE = 'invalid_parameter_value', DETAIL = COALESCE(detail, ''),
			  HINT = 'The household document is described in docs/obligations.md.';
END
$$;
COMMENT ON FUNCTION housing_areas_private.household_error(text, text, text, boolean) IS
'raises the error of a household document, naming the key: 22023, or 22P02 for a value that cannot be read (unreadable)';

CREATE FUNCTION housing_areas_private.household_date(value jsonb, key text, on_date date) RETURNS date
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
DECLARE
	d date;
BEGIN
	IF jsonb_typeof(value) <> 'string' THEN
		PERFORM housing_areas_private.household_error(key, 'a date must be a string YYYY-MM-DD',
			format('The value is %s.', value::text));
	END IF;
	IF value #>> '{}' !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
		PERFORM housing_areas_private.household_error(key, format('invalid date "%s"', value #>> '{}'),
			'A date is written YYYY-MM-DD.', true);
	END IF;
	BEGIN
		d := (value #>> '{}')::date;
	EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
		PERFORM housing_areas_private.household_error(key, format('invalid date "%s"', value #>> '{}'),
			'The date does not exist.', true);
	END;
	IF d > on_date THEN
		PERFORM housing_areas_private.household_error(key, format('date %s is after the date checked', d),
			format('The household is checked on %s; a date it gives lies on or before that day.', on_date));
	END IF;
	IF d < date '1900-01-01' THEN
		PERFORM housing_areas_private.household_error(key, format('date %s is before 1900', d),
			'Dates from 1900 on are accepted.');
	END IF;
	RETURN d;
END
$$;
COMMENT ON FUNCTION housing_areas_private.household_date(jsonb, text, date) IS
'a date of the household document (a JSON string YYYY-MM-DD, on or before the date checked), or an error naming its key';

CREATE FUNCTION housing_areas_private.household_boolean(value jsonb, key text) RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF value IS NULL THEN
		RETURN NULL;		-- the key is missing: unknown
	END IF;
	IF jsonb_typeof(value) <> 'boolean' THEN
		PERFORM housing_areas_private.household_error(key, 'must be true or false',
			format('The value is %s; leave the key out when it is not known.', value::text));
	END IF;
	RETURN value::text::boolean;
END
$$;
COMMENT ON FUNCTION housing_areas_private.household_boolean(jsonb, text) IS
'a true/false key of the household document: NULL when missing (unknown), an error naming it for another JSON type';

CREATE FUNCTION housing_areas_private.household_grounds(household jsonb, on_date date)
	RETURNS TABLE (member integer, role text, ground text, meets boolean, why text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
#variable_conflict use_column
DECLARE
	top_keys constant text[] := ARRAY['members', 'already_resident'];
	member_keys constant text[] := ARRAY['role', 'birth_date', 'age', 'citizenship', 'student', 'prison_release',
										 'institution_release', 'lease_terminated', 'benefits', 'fortidspension'];
	benefit_keys constant text[] := ARRAY['public', 'integration', 'insurance'];
	roles constant text[] := ARRAY['applicant', 'spouse', 'child', 'other'];
	window_months constant integer := housing_areas.consequence('allocation_window')::integer;
	benefit_months constant integer := housing_areas.consequence('benefit_months')::integer;
	m jsonb;
	i integer;
	k text;
	p text;
	v jsonb;
	applicants integer := 0;
	spouses integer := 0;
	r text;
	d date;
	birth date;
	age integer;
	under_18 boolean;
	under_18_why text;
	codes text[];
	unknown_code text;
	c text;
	third boolean;
	student boolean;
	b text;
	months_done boolean;
	now_on boolean;
	public_6 boolean; public_6_why text;
	public_now boolean; public_now_why text;
	integration_6 boolean; integration_6_why text;
	integration_now boolean;
	insurance_6 boolean; insurance_6_why text;
	released boolean;
	released_why text;
	pension boolean;
BEGIN
	IF household IS NULL OR jsonb_typeof(household) <> 'object' THEN
		PERFORM housing_areas_private.household_error('(document)', 'the household must be a JSON object',
			format('The value is %s.', COALESCE(household::text, 'NULL')));
	END IF;
	FOR k IN SELECT jsonb_object_keys(household) LOOP
		IF NOT k = ANY (top_keys) THEN
			PERFORM housing_areas_private.household_error(k, 'unknown key',
				format('The keys of a household are %s.', array_to_string(top_keys, ', ')));
		END IF;
	END LOOP;
	PERFORM housing_areas_private.household_boolean(household -> 'already_resident', 'already_resident');
	IF jsonb_typeof(household -> 'members') IS DISTINCT FROM 'array' OR jsonb_array_length(household -> 'members') = 0 THEN
		PERFORM housing_areas_private.household_error('members', 'a household has a non-empty array of members',
			format('The value is %s.', COALESCE((household -> 'members')::text, 'missing')));
	END IF;

	FOR m, i IN SELECT e.value, e.ordinality - 1 FROM jsonb_array_elements(household -> 'members') WITH ORDINALITY AS e LOOP
		p := format('members[%s]', i);
		IF jsonb_typeof(m) <> 'object' THEN
			PERFORM housing_areas_private.household_error(p, 'a member must be a JSON object',
				format('The value is %s.', m::text));
		END IF;
		FOR k IN SELECT jsonb_object_keys(m) LOOP
			IF NOT k = ANY (member_keys) THEN
				PERFORM housing_areas_private.household_error(p || '.' || k, 'unknown key',
					format('The keys of a member are %s.', array_to_string(member_keys, ', ')));
			END IF;
		END LOOP;
		IF jsonb_typeof(m -> 'role') IS DISTINCT FROM 'string' OR NOT (m ->> 'role') = ANY (roles) THEN
			PERFORM housing_areas_private.household_error(p || '.role', 'every member has a role',
				format('The value is %s; a role is one of %s.', COALESCE((m -> 'role')::text, 'missing'),
					   array_to_string(roles, ', ')));
		END IF;
		r := m ->> 'role';
		applicants := applicants + (r = 'applicant')::integer;
		spouses := spouses + (r = 'spouse')::integer;
		p := format('members[%s] (%s)', i, r);

		-- under 18 on the day checked: from the birth date, else the age
		IF m ? 'birth_date' AND m ? 'age' THEN
			PERFORM housing_areas_private.household_error(format('members[%s].age', i),
				'give birth_date or age, not both', 'Give the birth date when it is known.');
		END IF;
		under_18 := NULL;
		under_18_why := 'age not given';
		IF m ? 'birth_date' THEN
			birth := housing_areas_private.household_date(m -> 'birth_date', format('members[%s].birth_date', i), on_date);
			under_18 := on_date < birth + make_interval(years => housing_areas_private.minor_age());
			under_18_why := format('born %s', birth);
		ELSIF m ? 'age' THEN
			v := m -> 'age';
			IF jsonb_typeof(v) <> 'number' OR (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric)
			   OR (v #>> '{}')::numeric < 0 OR (v #>> '{}')::numeric > 150 THEN
				PERFORM housing_areas_private.household_error(format('members[%s].age', i),
					'an age is a whole number of years from 0 to 150', format('The value is %s.', v::text));
			END IF;
			age := (v #>> '{}')::integer;
			under_18 := age < housing_areas_private.minor_age();
			under_18_why := format('aged %s', age);
		END IF;

		-- § 59 stk. 6 nr. 1-3: within the last allocation_window months: on
		-- the day checked at most that many months after the date (the
		-- period ends with the day of the same number, that day included)
		FOREACH k IN ARRAY ARRAY['prison_release', 'institution_release', 'lease_terminated'] LOOP
			IF NOT m ? k THEN
				released := NULL;
				released_why := k || ' not given';
			ELSIF m -> k = 'null'::jsonb THEN
				released := false;
				released_why := CASE k WHEN 'prison_release' THEN 'not released from prison'
									   WHEN 'institution_release' THEN 'not released from an institution'
									   ELSE 'no lease terminated' END;
			ELSE
				d := housing_areas_private.household_date(m -> k, format('members[%s].%s', i, k), on_date);
				released := on_date <= d + make_interval(months => window_months);
				released_why := format(CASE WHEN released THEN '%s %s, within the last %s months (they end on %s)'
											ELSE '%s %s, more than %s months ago (they ended on %s)' END,
									   CASE k WHEN 'prison_release' THEN 'released from prison on'
											  WHEN 'institution_release' THEN 'released from an institution on'
											  ELSE 'lease terminated for gross breach on' END,
									   d, window_months, (d + make_interval(months => window_months))::date);
			END IF;
			IF k = 'institution_release' THEN
				-- nr. 2 needs both: under 18 and released within the window
				IF under_18 IS false THEN
					released := false;
					released_why := format('not under %s (%s)', housing_areas_private.minor_age(), under_18_why);
				ELSIF released IS NOT false THEN
					released := released AND under_18;
					released_why := released_why || '; ' || CASE WHEN under_18 THEN 'under '
						|| housing_areas_private.minor_age() || ' (' || under_18_why || ')'
						ELSE under_18_why END;
				END IF;
			END IF;
			member := i; role := r; ground := k; meets := released; why := p || ': ' || released_why;
			RETURN NEXT;
		END LOOP;

		-- § 59 stk. 6 nr. 4: not a citizen of an EU/EEA country or
		-- Switzerland, and not a student
		student := housing_areas_private.household_boolean(m -> 'student', format('members[%s].student', i));
		third := NULL;
		IF m ? 'citizenship' THEN
			v := m -> 'citizenship';
			IF jsonb_typeof(v) = 'string' THEN
				v := jsonb_build_array(v);
			END IF;
			IF jsonb_typeof(v) <> 'array' OR jsonb_array_length(v) = 0
			   OR EXISTS (SELECT 1 FROM jsonb_array_elements(v) AS e
						   WHERE jsonb_typeof(e) <> 'string' OR NOT (e #>> '{}') ~ '^[A-Z]{2}$') THEN
				PERFORM housing_areas_private.household_error(format('members[%s].citizenship', i),
					'a citizenship is an ISO 3166-1 alpha-2 code, or an array of them',
					format('The value is %s; write for example "DK" or ["DK", "TR"].', (m -> 'citizenship')::text));
			END IF;
			SELECT array_agg(e #>> '{}' ORDER BY o) INTO codes FROM jsonb_array_elements(v) WITH ORDINALITY AS x(e, o);
			-- two capital letters are not yet a country: EL and UK, the EU's
			-- own abbreviations, would otherwise pass for third countries
			SELECT x.code INTO unknown_code FROM unnest(codes) WITH ORDINALITY AS x(code, o)
			 WHERE NOT EXISTS (SELECT 1 FROM housing_areas.country AS co WHERE co.code = x.code)
			 ORDER BY x.o LIMIT 1;
			IF unknown_code IS NOT NULL THEN
				PERFORM housing_areas_private.household_error(format('members[%s].citizenship', i),
					format('unknown country code "%s"', unknown_code),
					CASE unknown_code WHEN 'EL' THEN 'Greece is GR in ISO 3166-1 (EL is the EU''s abbreviation).'
									  WHEN 'UK' THEN 'The United Kingdom is GB in ISO 3166-1 (UK is the EU''s abbreviation).'
									  ELSE 'The codes are those of ISO 3166-1 alpha-2, listed in the table housing_areas.country.' END);
			END IF;
			third := NOT EXISTS (SELECT 1 FROM housing_areas.eu_eea_country AS cc WHERE cc.code = ANY (codes));
		END IF;
		member := i; role := r; ground := 'third_country';
		meets := third AND NOT student;
		why := p || ': ' || CASE WHEN third IS NULL THEN 'citizenship not given'
								 WHEN third THEN 'citizen of ' || array_to_string(codes, ', ') || ' (not EU/EEA/Swiss)'
								 ELSE 'citizen of ' || array_to_string(codes, ', ') || ' (EU/EEA/Swiss)' END
			   || CASE WHEN third IS false THEN ''
					   WHEN student THEN '; a student (excepted)'
					   WHEN student IS false THEN '; not a student'
					   ELSE '; student not given' END;
		RETURN NEXT;

		-- benefits: per group, the day the current uninterrupted receipt
		-- began (a date), or the whole consecutive months of it up to the day
		-- checked (a number); null or 0: not receiving
		IF m ? 'benefits' AND jsonb_typeof(m -> 'benefits') <> 'object' THEN
			PERFORM housing_areas_private.household_error(format('members[%s].benefits', i),
				'benefits must be a JSON object', format('The value is %s; its keys are %s.',
				(m -> 'benefits')::text, array_to_string(benefit_keys, ', ')));
		END IF;
		FOR k IN SELECT jsonb_object_keys(COALESCE(m -> 'benefits', '{}')) LOOP
			IF NOT k = ANY (benefit_keys) THEN
				PERFORM housing_areas_private.household_error(format('members[%s].benefits.%s', i, k), 'unknown key',
					format('The groups of benefits are %s.', array_to_string(benefit_keys, ', ')));
			END IF;
		END LOOP;
		FOREACH b IN ARRAY benefit_keys LOOP
			k := format('members[%s].benefits.%s', i, b);
			v := m -> 'benefits' -> b;
			IF v IS NULL THEN
				months_done := NULL;
				now_on := NULL;
				c := b || ' benefits not given';
			ELSIF v = 'null'::jsonb THEN
				months_done := false;
				now_on := false;
				c := 'no ' || b || ' benefits';
			ELSIF jsonb_typeof(v) = 'number' THEN
				IF (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric) OR (v #>> '{}')::numeric < 0
				   OR (v #>> '{}')::numeric > 1200 THEN
					PERFORM housing_areas_private.household_error(k,
						'consecutive months are a whole number from 0 to 1200', format('The value is %s.', v::text));
				END IF;
				months_done := (v #>> '{}')::integer >= benefit_months;
				now_on := (v #>> '{}')::integer > 0;
				c := format('%s consecutive months of %s benefits', v #>> '{}', b);
			ELSIF jsonb_typeof(v) <> 'string' THEN
				PERFORM housing_areas_private.household_error(k,
					'benefits are a whole number of consecutive months, the date the receipt began (YYYY-MM-DD) or null',
					format('The value is %s.', v::text));
			ELSE
				d := housing_areas_private.household_date(v, k, on_date);
				months_done := d + make_interval(months => benefit_months) <= on_date;
				now_on := true;
				c := format('%s benefits since %s (%s consecutive months %s)', b, d, benefit_months,
							CASE WHEN months_done THEN 'reached on ' ELSE 'reached only on ' END
							|| (d + make_interval(months => benefit_months))::date);
			END IF;
			CASE b
				WHEN 'public' THEN public_6 := months_done; public_now := now_on; public_6_why := c;
				WHEN 'integration' THEN integration_6 := months_done; integration_now := now_on; integration_6_why := c;
				ELSE insurance_6 := months_done; insurance_6_why := c;
			END CASE;
		END LOOP;
		-- selvforsørgelses-, hjemrejse- and overgangsydelse are in the public
		-- group too, so a run of them is part of a public run: the public run
		-- decides nr. 5 when it is known, a known integration run otherwise
		member := i; role := r;
		ground := 'public_benefits';
		meets := CASE WHEN public_6 IS NOT NULL THEN public_6 OR COALESCE(integration_6, false)
					  WHEN integration_6 THEN true END;
		why := p || ': ' || public_6_why || '; ' || integration_6_why;
		RETURN NEXT;
		ground := 'integration_benefits'; meets := integration_6; why := p || ': ' || integration_6_why;
		RETURN NEXT;
		ground := 'insurance_benefits'; meets := insurance_6; why := p || ': ' || insurance_6_why;
		RETURN NEXT;
		ground := 'public_benefits_now';
		meets := CASE WHEN public_now IS NOT NULL THEN public_now OR COALESCE(integration_now, false)
					  WHEN integration_now THEN true END;
		why := p || ': ' || CASE WHEN meets THEN 'receives them now: ' ELSE '' END
			   || public_6_why || '; ' || integration_6_why;
		RETURN NEXT;
		pension := housing_areas_private.household_boolean(m -> 'fortidspension', format('members[%s].fortidspension', i));
		ground := 'fortidspension'; meets := pension;
		why := p || ': ' || CASE WHEN pension THEN 'receives førtidspension' WHEN NOT pension THEN 'no førtidspension'
								 ELSE 'fortidspension not given' END;
		RETURN NEXT;
	END LOOP;
	IF applicants <> 1 OR spouses > 1 THEN
		PERFORM housing_areas_private.household_error('members', 'a household has one applicant and at most one spouse',
			format('It has %s applicants and %s spouses.', applicants, spouses));
	END IF;
END
$$;
COMMENT ON FUNCTION housing_areas_private.household_grounds(jsonb, date) IS
'checks a household document and gives, for each member and ground of allocation_check, whether the member meets it on the date (NULL when a missing key leaves it unknown) and why; an error naming the key for unknown keys, wrong types, dates after the date checked, negative months';

CREATE FUNCTION allocation_check(area_id integer, on_date date, household jsonb)
	RETURNS TABLE (obligation text, paragraph text, number integer, ground text, refuses boolean, reason text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
#variable_conflict use_column
DECLARE
	resident boolean;
	members jsonb;
BEGIN
	IF area_id IS NULL OR on_date IS NULL THEN
		RAISE EXCEPTION 'allocation_check needs an area and a date'
			USING ERRCODE = 'null_value_not_allowed',
				  DETAIL = format('The area is %s and the date %s.', COALESCE(area_id::text, 'NULL'),
								  COALESCE(on_date::text, 'NULL'));
	END IF;
	IF NOT EXISTS (SELECT 1 FROM housing_areas.area AS a WHERE a.area_id = allocation_check.area_id) THEN
		RAISE EXCEPTION 'unknown area %', area_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The areas are in housing_areas.area.';
	END IF;
	-- the whole document is checked first, whatever applies in the area
	resident := housing_areas_private.household_boolean(household -> 'already_resident', 'already_resident');
	members := (SELECT jsonb_agg(to_jsonb(h)) FROM housing_areas_private.household_grounds(household, on_date) AS h);
	RETURN QUERY
	WITH hg AS (
		SELECT h.* FROM jsonb_to_recordset(members)
						 AS h(member integer, role text, ground text, meets boolean, why text)
	), ob AS (
		SELECT o.obligation, o.holds, o.reason
		  FROM housing_areas.obligations(allocation_check.on_date, allocation_check.area_id) AS o
	), letting AS (
		-- almenboligloven § 51 b: the decision in force (the latest, if several)
		SELECT d.decision_id, d.decided_on, d.includes_pension, d.includes_insurance_benefits
		  FROM housing_areas.decision AS d
		 WHERE d.kind = 'combined_letting' AND d.area_id = allocation_check.area_id
		   AND d.valid_from <= allocation_check.on_date
		   AND (d.valid_until IS NULL OR allocation_check.on_date < d.valid_until)
		 ORDER BY d.valid_from DESC, d.decision_id DESC
		 LIMIT 1
	), grounds AS (
		SELECT g.obligation, g.ground, g.number, g.paragraph, g.who, ob.holds, ob.reason AS ob_reason,
			   lt.decision_id, lt.decided_on, k.ordinal
		  FROM housing_areas.allocation_ground AS g
		  JOIN housing_areas.obligation_kind AS k ON k.obligation = g.obligation
		  JOIN ob ON ob.obligation = g.obligation
		  LEFT JOIN letting AS lt ON g.obligation = 'combined_letting_possible'
		 WHERE g.obligation <> 'combined_letting_possible'
			OR (lt.decision_id IS NOT NULL
				AND (g.optional IS NULL
					 OR (g.optional = 'includes_pension' AND lt.includes_pension)
					 OR (g.optional = 'includes_insurance_benefits' AND lt.includes_insurance_benefits)))
	), judged AS (
		SELECT g.*,
			   -- Kleene "some member meets it"
			   CASE WHEN bool_or(h.meets) THEN true WHEN bool_or(h.meets IS NULL) THEN NULL ELSE false END AS member_meets,
			   string_agg(h.why, '; ' ORDER BY h.member) FILTER (WHERE h.meets) AS why_true,
			   string_agg(h.why, '; ' ORDER BY h.member) FILTER (WHERE h.meets IS NULL) AS why_unknown,
			   string_agg(h.why, '; ' ORDER BY h.member) AS why_all
		  FROM grounds AS g
		  JOIN hg AS h ON h.ground = g.ground
					  AND (g.who = 'member' OR h.role IN ('applicant', 'spouse'))
		 GROUP BY g.obligation, g.ground, g.number, g.paragraph, g.who, g.holds, g.ob_reason,
				  g.decision_id, g.decided_on, g.ordinal
	), decided AS (
		SELECT j.*,
			   CASE WHEN j.who = 'applicant_or_spouse' THEN j.member_meets AND NOT resident
					ELSE j.member_meets END AS household_meets
		  FROM judged AS j
	)
	SELECT d.obligation, d.paragraph, d.number, d.ground,
		   d.household_meets AND d.holds,
		   CASE WHEN d.household_meets AND d.holds THEN 'refuses: ' || d.why_true
				WHEN d.holds IS false THEN 'does not refuse: ' || d.ob_reason
				WHEN d.who = 'applicant_or_spouse' AND resident AND d.member_meets IS NOT false
					THEN 'does not refuse: the applicant already lives in the department'
				WHEN d.household_meets IS false THEN 'does not refuse: ' || d.why_all
				WHEN d.household_meets IS NULL
					THEN 'unknown: ' || concat_ws('; ', d.why_true, d.why_unknown)
						 || CASE WHEN d.member_meets AND resident IS NULL
								 THEN '; already_resident not given' ELSE '' END
				ELSE 'unknown: ' || d.why_true || '; ' || d.ob_reason
		   END
		   || CASE WHEN d.household_meets AND d.holds THEN
				   CASE d.obligation
					   WHEN 'refusal_required' THEN ' (the housing organisation must refuse the applicant)'
					   WHEN 'combined_letting_possible'
						   THEN format(' (the housing organisation must refuse the applicant: decision %s of %s)',
									   d.decision_id, d.decided_on)
					   ELSE ' (the municipality may not allocate the dwelling to the household)' END
			  ELSE '' END
	  FROM decided AS d
	 ORDER BY d.ordinal, d.number NULLS LAST, d.ground;
END
$$;
COMMENT ON FUNCTION allocation_check(integer, date, jsonb) IS
'one row per ground of refusal that applies in an area on a date (§ 59 stk. 6 nr. 1-7 in udsat areas, § 59 stk. 7 in forebyggelsesområder, § 51 c in omdannelsesområder, § 51 b where a combined_letting decision is in force): whether it refuses the household (true, false, NULL when a missing key or an undetermined list leaves it unknown) and why; the household document is described in docs/obligations.md, and a bad one is an error naming the key';

-- ---- faces: BI and GIS over the latest list date, and a map ----

CREATE FUNCTION housing_areas_private.letting_hidden(list_year integer)
	RETURNS TABLE (area_id integer, hidden_now boolean, hidden_before boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the kombineret udlejning flag is computed from shares (disclosed_criteria()
	-- hides it with the other flags of a record): hidden on the list of the
	-- year, or on an earlier one (which since would tell)
	SELECT ay.area_id,
		   COALESCE(bool_or('kombineret_udlejning' = ANY (dc.suppressed))
					FILTER (WHERE ay.list_year = letting_hidden.list_year), false),
		   COALESCE(bool_or('kombineret_udlejning' = ANY (dc.suppressed))
					FILTER (WHERE ay.list_year < letting_hidden.list_year), false)
	  FROM area_year AS ay
	 CROSS JOIN LATERAL disclosed_criteria(ay.ind, ay.persons, ay.list_year) AS dc
	 WHERE ay.list_year <= letting_hidden.list_year
	 GROUP BY ay.area_id;
END;
COMMENT ON FUNCTION housing_areas_private.letting_hidden(integer) IS
'per area, whether disclosed_criteria() hides its kombineret udlejning flag on the list of a year (hidden_now) or on an earlier list (hidden_before)';

CREATE VIEW bi_obligations AS
WITH d AS (
	SELECT y.list_year, housing_areas_private.list_day(y.list_year) AS day
	  FROM (SELECT latest_list_year() AS list_year) AS y
	 WHERE y.list_year IS NOT NULL
), hidden AS (
	SELECT h.* FROM d CROSS JOIN LATERAL housing_areas_private.letting_hidden(d.list_year) AS h
), shown AS (
	-- combined_letting_possible follows a flag computed from shares: where
	-- it is hidden, every such area gets the same row, whatever the flag
	SELECT o.area_id, o.obligation, o.paragraph,
		   CASE WHEN h.hidden_before AND o.obligation = 'combined_letting_possible' THEN NULL ELSE o.since END AS since,
		   o.until, o.reason, o.holds,
		   CASE WHEN h.hidden_before AND o.obligation = 'combined_letting_possible' THEN 'since' ELSE '' END AS suppressed
	  FROM d
	 CROSS JOIN LATERAL obligations(d.day) AS o
	  LEFT JOIN hidden AS h ON h.area_id = o.area_id
	 WHERE NOT (o.obligation = 'combined_letting_possible' AND COALESCE(h.hidden_now, false))
	UNION ALL
	SELECT h.area_id, k.obligation, k.paragraph, NULL, NULL,
		   'hidden for disclosure (housing_areas.min_cell_count): the kombineret udlejning list is computed from shares of too few persons',
		   NULL, 'since,until,holds'
	  FROM hidden AS h
	  JOIN obligation_kind AS k ON k.obligation = 'combined_letting_possible'
	 WHERE h.hidden_now
)
SELECT s.area_id, a.name, a.municipality_code, d.list_year, d.day AS on_date,
	   s.obligation, s.paragraph, s.since, s.until, s.holds, s.reason, s.suppressed
  FROM shown AS s
 CROSS JOIN d
  JOIN area AS a ON a.area_id = s.area_id;
COMMENT ON VIEW bi_obligations IS
'obligations() on the day of the latest list (latest_list_year()), with the name and municipality of each area: one row per area and obligation in force, built-in types only; combined_letting_possible, which follows a flag computed from shares, goes through disclosed_criteria(): where the flag is hidden, every such area has the same row (holds NULL), and suppressed names what is hidden';
COMMENT ON COLUMN bi_obligations.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN bi_obligations.name IS
'name of the area';
COMMENT ON COLUMN bi_obligations.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN bi_obligations.list_year IS
'the latest list year (latest_list_year()), the same in every row';
COMMENT ON COLUMN bi_obligations.on_date IS
'the day the obligations are given for: the day of the latest list (list_date())';
COMMENT ON COLUMN bi_obligations.obligation IS
'the obligation (obligation_kind.obligation)';
COMMENT ON COLUMN bi_obligations.paragraph IS
'the paragraph of the law that brings it (with § 26 c when a decision keeps it after the area left the udsat list)';
COMMENT ON COLUMN bi_obligations.since IS
'the day of the first list of the uninterrupted run on which it has held; NULL when undetermined';
COMMENT ON COLUMN bi_obligations.until IS
'the day of the later list (or the end of the decision) that ends it; NULL while open-ended';
COMMENT ON COLUMN bi_obligations.holds IS
'true: in force; NULL: undetermined (missing values); false only for a § 51 b decision in force where the area is not on the list';
COMMENT ON COLUMN bi_obligations.reason IS
'why: the list and category, the decision, or what leaves it undetermined';
COMMENT ON COLUMN bi_obligations.suppressed IS
'the columns of this row hidden for disclosure (housing_areas.min_cell_count; disclosed_criteria()), comma-separated: since,until,holds for combined_letting_possible where the kombineret udlejning flag of the list is hidden, since where only that of an earlier list is; empty when nothing is hidden';

CREATE VIEW gis_obligations AS
SELECT b.area_id * 10 + k.ordinal AS id,
	   b.area_id, b.name, b.municipality_code, b.list_year, b.on_date,
	   b.obligation, b.paragraph, b.since, b.until, b.holds, b.reason,
	   a.geom,
	   b.area_id * 10 + k.ordinal AS ogc_fid,
	   b.suppressed
  FROM bi_obligations AS b
  JOIN obligation_kind AS k ON k.obligation = b.obligation
  JOIN area AS a ON a.area_id = b.area_id;
COMMENT ON VIEW gis_obligations IS
'the obligations in force on the day of the latest list as a map layer (the rows of bi_obligations, disclosure included): one polygon per area and obligation (filter "obligation" = ''daycare_cap''), integer key id (area_id * 10 + obligation_kind.ordinal), the same key as ogc_fid for GDAL, geometry(MultiPolygon, 25832)';
COMMENT ON COLUMN gis_obligations.id IS
'integer key for GIS clients: area_id * 10 + the ordinal of the obligation (obligation_kind.ordinal, 1 to 9); the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_obligations.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN gis_obligations.name IS
'name of the area';
COMMENT ON COLUMN gis_obligations.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN gis_obligations.list_year IS
'the latest list year (latest_list_year()), the same in every row';
COMMENT ON COLUMN gis_obligations.on_date IS
'the day the obligations are given for: the day of the latest list (list_date())';
COMMENT ON COLUMN gis_obligations.obligation IS
'the obligation (obligation_kind.obligation)';
COMMENT ON COLUMN gis_obligations.paragraph IS
'the paragraph of the law that brings it (with § 26 c when a decision keeps it after the area left the udsat list)';
COMMENT ON COLUMN gis_obligations.since IS
'the day of the first list of the uninterrupted run on which it has held; NULL when undetermined';
COMMENT ON COLUMN gis_obligations.until IS
'the day of the later list (or the end of the decision) that ends it; NULL while open-ended';
COMMENT ON COLUMN gis_obligations.holds IS
'true: in force; NULL: undetermined (missing values); false only for a § 51 b decision in force where the area is not on the list';
COMMENT ON COLUMN gis_obligations.reason IS
'why: the list and category, the decision, or what leaves it undetermined';
COMMENT ON COLUMN gis_obligations.geom IS
'the area polygon: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_obligations.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view (its PGSQL_OGR_FID default)';
COMMENT ON COLUMN gis_obligations.suppressed IS
'the columns of this row hidden for disclosure, as in bi_obligations: since,until,holds for combined_letting_possible where the kombineret udlejning flag of the list is hidden, since where only that of an earlier list is; empty when nothing is hidden';

CREATE FUNCTION housing_areas_private.obligation_colour(state text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE state WHEN 'holds' THEN '#2171b5'
					  WHEN 'undetermined' THEN category_colour('unknown')
					  ELSE category_colour('none') END;
END;
COMMENT ON FUNCTION housing_areas_private.obligation_colour(text) IS
'the fill of an area on obligations_map_svg: blue where the obligation holds, the colours of unknown and none for undetermined and not in force';

CREATE FUNCTION housing_areas_private.svg_obligation_areas(on_date date, obligation text, municipality_code text)
	RETURNS housing_areas_private.svg_area[]
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the category field of svg_area carries the state: holds, undetermined or not
	SELECT ARRAY(
		SELECT ROW(a.area_id,
				   CASE WHEN h.hidden_now THEN 'undetermined'
						WHEN o.holds THEN 'holds' WHEN o.area_id IS NOT NULL AND o.holds IS NULL THEN 'undetermined'
						ELSE 'not' END,
				   a.name || ': ' || CASE WHEN h.hidden_now THEN 'hidden for disclosure'
										  ELSE COALESCE(o.reason, 'not in force') END,
				   a.geom)::housing_areas_private.svg_area
		  FROM area AS a
		  LEFT JOIN obligations(svg_obligation_areas.on_date, NULL) AS o
				 ON o.area_id = a.area_id AND o.obligation = svg_obligation_areas.obligation
		  -- the kombineret udlejning flag goes through disclosed_criteria()
		  LEFT JOIN housing_areas_private.letting_hidden(
					   (SELECT max(ay.list_year) FROM area_year AS ay
						 WHERE housing_areas_private.list_day(ay.list_year) <= svg_obligation_areas.on_date)) AS h
				 ON h.area_id = a.area_id AND svg_obligation_areas.obligation = 'combined_letting_possible'
		 WHERE svg_obligation_areas.municipality_code IS NULL OR a.municipality_code = svg_obligation_areas.municipality_code
		 ORDER BY a.area_id);
END;
COMMENT ON FUNCTION housing_areas_private.svg_obligation_areas(date, text, text) IS
'the areas of obligations_map_svg (of one municipality, or all), each with its state (holds, undetermined, not) in the category field and the reason as tooltip; combined_letting_possible is undetermined where disclosed_criteria() hides the flag it follows';

CREATE FUNCTION housing_areas_private.svg_obligation_shapes(frame housing_areas_private.svg_frame,
															areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- the polygons, and on a wide map a circle on each (those in force on top)
	SELECT xmlconcat(
		(SELECT xmlagg(xmlelement(name path,
						   xmlattributes(housing_areas_private.svg_path(svg_obligation_shapes.frame, a.geom) AS d,
										 housing_areas_private.obligation_colour(a.category) AS fill,
										 'evenodd' AS "fill-rule", l.ink AS stroke, l.line_width AS "stroke-width"),
						   xmlelement(name title, a.title))
					   ORDER BY a.area_id)
		   FROM unnest(svg_obligation_shapes.areas) AS a),
		(SELECT xmlagg(housing_areas_private.svg_circle(svg_obligation_shapes.frame, ST_PointOnSurface(a.geom),
						   l.marker_r, housing_areas_private.obligation_colour(a.category), l.ink, l.line_width, a.title)
					   ORDER BY a.category = 'holds', a.area_id)
		   FROM unnest(svg_obligation_shapes.areas) AS a
		  WHERE (svg_obligation_shapes.frame).wide))
	  FROM housing_areas_private.svg_layout() AS l;
END;
COMMENT ON FUNCTION housing_areas_private.svg_obligation_shapes(housing_areas_private.svg_frame, housing_areas_private.svg_area[]) IS
'the areas of obligations_map_svg as paths filled by their state, and circles on a wide map';

CREATE FUNCTION housing_areas_private.svg_obligation_legend(frame housing_areas_private.svg_frame, title text,
															areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlconcat(
		xmlelement(name text, xmlattributes(l.margin AS x, l.title_y AS y, l.title_style AS style), svg_obligation_legend.title),
		xmlelement(name text, xmlattributes(l.margin AS x, l.summary_y AS y, l.grey AS fill),
				   (SELECT count(*) FILTER (WHERE a.category = 'holds') || ' of ' || count(*) || ' areas, '
						   || count(*) FILTER (WHERE a.category = 'undetermined') || ' undetermined'
					  FROM unnest(svg_obligation_legend.areas) AS a)),
		(SELECT xmlagg(xmlconcat(
					xmlelement(name rect, xmlattributes(c.left_x + l.legend_rect_x AS x,
													   l.legend_rect_y + l.legend_row * e.n AS y,
													   l.legend_rect_width AS width, l.legend_rect_height AS height,
													   housing_areas_private.obligation_colour(e.state) AS fill, l.ink AS stroke)),
					xmlelement(name text, xmlattributes(c.left_x + l.legend_text_x AS x,
													   l.legend_text_y + l.legend_row * e.n AS y), e.label))
				ORDER BY e.n)
		   FROM (VALUES (1, 'holds', 'in force'), (2, 'undetermined', 'undetermined (missing values)'),
						(3, 'not', 'not in force')) AS e(n, state, label)))
	  FROM housing_areas_private.svg_layout() AS l
	 CROSS JOIN LATERAL (SELECT COALESCE((svg_obligation_legend.frame).w, l.empty_map_width) AS left_x) AS c;
END;
COMMENT ON FUNCTION housing_areas_private.svg_obligation_legend(housing_areas_private.svg_frame, text, housing_areas_private.svg_area[]) IS
'the title, the counts and the legend (in force, undetermined, not in force) of obligations_map_svg';

CREATE FUNCTION housing_areas_private.check_obligation(obligation text) RETURNS boolean
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM housing_areas.obligation_kind AS k WHERE k.obligation = check_obligation.obligation) THEN
		RAISE EXCEPTION 'unknown obligation "%"', obligation
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The obligations are ' || (SELECT string_agg(k.obligation, ', ' ORDER BY k.ordinal)
													  FROM housing_areas.obligation_kind AS k) || '.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_obligation(text) IS
'true for an obligation listed in obligation_kind, an error naming them otherwise';

CREATE FUNCTION obligations_map_svg(on_date date, obligation text, municipality_code text DEFAULT NULL)
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH chosen AS MATERIALIZED (
		SELECT housing_areas_private.svg_obligation_areas(obligations_map_svg.on_date, obligations_map_svg.obligation,
														  obligations_map_svg.municipality_code) AS areas,
			   k.paragraph
		  FROM obligation_kind AS k
		 WHERE housing_areas_private.check_obligation(obligations_map_svg.obligation)
		   AND k.obligation = obligations_map_svg.obligation
		   AND obligations_map_svg.on_date IS NOT NULL
	), framed AS MATERIALIZED (
		SELECT c.*, housing_areas_private.svg_frame(housing_areas_private.svg_extent(obligations_map_svg.municipality_code,
																					   c.areas)) AS frame
		  FROM chosen AS c
	)
	SELECT housing_areas_private.svg_document(f.frame, 3,
			   xmlconcat(housing_areas_private.svg_obligation_legend(f.frame,
							 obligations_map_svg.obligation || ' (' || f.paragraph || ') on '
							 || to_char(obligations_map_svg.on_date, 'YYYY-MM-DD')
							 || COALESCE(' — ' || (SELECT m.name FROM municipality AS m
												   WHERE m.municipality_code = obligations_map_svg.municipality_code), ''),
							 f.areas),
						 housing_areas_private.svg_outline(f.frame, obligations_map_svg.municipality_code),
						 housing_areas_private.svg_land(f.frame, obligations_map_svg.municipality_code),
						 housing_areas_private.svg_obligation_shapes(f.frame, f.areas),
						 housing_areas_private.svg_credit(f.frame)))::text
	  FROM framed AS f;
END;
COMMENT ON FUNCTION obligations_map_svg(date, text, text) IS
'an SVG map of one obligation on a date (obligations()): the areas (of one municipality, or all) where it is in force, undetermined or not, with the reason as tooltip, a legend and a title';

-- housing_areas_postgis: the ministry's published list of a year, typed
-- from its PDF, loaded into area_year.official_category, and where the
-- computed category differs from it

CREATE FUNCTION load_official_list(list_year integer, csv text, complete boolean DEFAULT true,
	OUT listed integer, OUT set_none integer, OUT created integer)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
	-- the labels of the enum a published list can give, most severe first
	categories constant text[] := ARRAY(SELECT u.c::text FROM unnest(enum_range(NULL::housing_areas.category)) AS u(c)
										 WHERE u.c <> 'unknown' ORDER BY u.c DESC);
	line record;
	f text[];
	area text;
	cat text;
	id integer;
	ids integer[];
	seen jsonb := '{}';
	rows_in jsonb := '[]';
	header_done boolean := false;
BEGIN
	IF list_year IS NULL OR csv IS NULL OR complete IS NULL THEN
		RAISE EXCEPTION 'load_official_list needs a list year, the CSV text and complete'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM housing_areas.rules_for_year(list_year);	-- its error before 2010
	IF housing_areas_private.list_day(list_year) > current_date THEN
		RAISE EXCEPTION 'the list of % is not published yet', list_year
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('The list of %s is published on %s.', list_year, housing_areas.list_date(list_year));
	END IF;
	FOR line IN SELECT t.text AS text, t.n AS n
				  FROM regexp_split_to_table(csv, '\r?\n') WITH ORDINALITY AS t(text, n) LOOP
		-- blank lines and # comments are skipped; the first other line may be
		-- the header area,category (or area_id;category)
		CONTINUE WHEN btrim(line.text) = '' OR btrim(line.text) LIKE '#%';
		f := regexp_split_to_array(line.text, '[,;]');
		IF NOT header_done THEN
			header_done := true;
			CONTINUE WHEN cardinality(f) = 2 AND lower(btrim(f[1], ' "')) IN ('area', 'area_id')
						  AND lower(btrim(f[2], ' "')) = 'category';
		END IF;
		IF cardinality(f) <> 2 THEN
			RAISE EXCEPTION 'line % of the list is not an area and a category: "%"', line.n,
				CASE WHEN length(line.text) > 60 THEN left(line.text, 60) || '...' ELSE line.text END
				USING ERRCODE = 'invalid_text_representation',
					  DETAIL = 'A line of the list is an area and its category, separated by a comma or a semicolon.',
					  HINT = 'Write for example: 101,parallelsamfund';
		END IF;
		area := left(btrim(f[1], E' \t"'), 200);
		cat := lower(left(btrim(f[2], E' \t"'), 200));
		-- the area: its identifier, or its name when one area has it
		IF area ~ '^[0-9]{1,9}$' THEN
			id := area::integer;
			IF NOT EXISTS (SELECT 1 FROM housing_areas.area AS a WHERE a.area_id = id) THEN
				RAISE EXCEPTION 'unknown area % on line % of the list', id, line.n
					USING ERRCODE = 'foreign_key_violation',
						  DETAIL = 'The areas are in housing_areas.area.';
			END IF;
		ELSE
			ids := ARRAY(SELECT a.area_id FROM housing_areas.area AS a
						  WHERE lower(a.name) = lower(area) ORDER BY a.area_id);
			IF cardinality(ids) = 0 THEN
				RAISE EXCEPTION 'unknown area "%" on line % of the list', area, line.n
					USING ERRCODE = 'foreign_key_violation',
						  DETAIL = 'An area is given by its area_id or by its name in housing_areas.area.';
			ELSIF cardinality(ids) > 1 THEN
				RAISE EXCEPTION 'area name "%" on line % of the list is ambiguous', area, line.n
					USING ERRCODE = 'invalid_parameter_value',
						  DETAIL = format('The areas %s have that name.', array_to_string(ids, ', ')),
						  HINT = 'Give the area_id instead.';
			END IF;
			id := ids[1];
		END IF;
		-- the category: its key, or its Danish legal name in that year
		IF NOT cat = ANY (categories) THEN
			cat := (SELECT c FROM unnest(categories) AS c
					 WHERE lower(housing_areas.category_label(c, list_year, 'da')) = cat);
			IF cat IS NULL THEN
				RAISE EXCEPTION 'invalid category "%" on line % of the list', left(btrim(f[2], E' \t"'), 200), line.n
					USING ERRCODE = 'invalid_parameter_value',
						  DETAIL = format('A category is one of %s, or its Danish name in %s.',
										  array_to_string(categories, ', '), list_year);
			END IF;
		END IF;
		IF seen ? id::text THEN
			RAISE EXCEPTION 'area % is on the list twice (lines % and %)', id, seen ->> id::text, line.n
				USING ERRCODE = 'unique_violation';
		END IF;
		seen := seen || jsonb_build_object(id::text, line.n);
		rows_in := rows_in || jsonb_build_object('area_id', id, 'category', cat);
	END LOOP;
	IF jsonb_array_length(rows_in) = 0 THEN
		RAISE EXCEPTION 'the list of % has no areas', list_year
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Each line of the list is an area and its category.';
	END IF;

	-- one statement each, so an error above leaves area_year as it was
	WITH given AS (
		SELECT r.area_id, r.category FROM jsonb_to_recordset(rows_in) AS r(area_id integer, category text)
	), upserted AS (
		INSERT INTO housing_areas.area_year AS ay (area_id, list_year, official_category)
		SELECT g.area_id, load_official_list.list_year, g.category::housing_areas.category FROM given AS g
		ON CONFLICT (area_id, list_year) DO UPDATE SET official_category = EXCLUDED.official_category
		RETURNING (xmax = 0) AS inserted
	)
	SELECT count(*), count(*) FILTER (WHERE u.inserted) INTO listed, created FROM upserted AS u;
	set_none := 0;
	IF complete THEN
		-- the published list names every listed area: the others are on none
		WITH changed AS (
			UPDATE housing_areas.area_year AS ay SET official_category = 'none'
			 WHERE ay.list_year = load_official_list.list_year
			   AND NOT seen ? ay.area_id::text
			RETURNING 1
		)
		SELECT count(*) INTO set_none FROM changed;
	END IF;
END
$$;
COMMENT ON FUNCTION load_official_list(integer, text, boolean) IS
'loads the ministry''s published list of a year (published by today) into area_year.official_category from CSV text (lines area,category: an area_id or a unique area name, a category key or its Danish name; a header line area,category and # comments allowed); complete (default): the other areas with a row that year get none; returns the areas listed, set to none and the rows created; any bad line is an error naming it, and nothing is loaded';

CREATE VIEW official_list_differences AS
SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.official_category, s.computed_category,
	   -- omdannelse is a parallelsamfund with history: classify() alone never
	   -- gives it, so it is compared as parallelsamfund
	   CASE WHEN s.computed_category IN ('omdannelse', 'parallelsamfund', 'udsat', 'forebyggelse', 'none')
			THEN false END AS agrees,
	   (SELECT string_agg(format('%s %s: %s %s %s (%s)', m.category, m.criterion,
								 COALESCE(m.value::text, 'unknown'), m.operator, COALESCE(m.threshold::text, 'unknown'),
								 CASE WHEN m.met THEN 'met' WHEN NOT m.met THEN 'not met' ELSE 'unknown' END),
						  '; ' ORDER BY m.category = 'all' DESC, m.category, abs(m.distance) NULLS FIRST, m.criterion)
		  FROM margins(s.ind, s.list_year) AS m
		 WHERE m.category = 'all'
			-- undetermined: every test of a list may decide it
			OR (s.computed_category = 'unknown' AND m.category IN ('udsat', 'parallelsamfund', 'forebyggelse'))
			OR m.category = ANY (CASE WHEN 'forebyggelse' IN (s.official_category, s.computed_category)
									  THEN ARRAY['udsat', 'forebyggelse'] ELSE ARRAY[]::text[] END
								 || CASE WHEN s.official_category IN ('omdannelse', 'parallelsamfund')
										   OR s.computed_category = 'parallelsamfund'
										 THEN ARRAY['udsat', 'parallelsamfund'] ELSE ARRAY[]::text[] END
								 || CASE WHEN 'udsat' IN (s.official_category, s.computed_category)
										 THEN ARRAY['udsat'] ELSE ARRAY[]::text[] END))
		   AS criteria
  FROM area_status AS s
 WHERE s.official_category IS NOT NULL
   AND s.computed_category IS DISTINCT FROM
	   CASE s.official_category WHEN 'omdannelse' THEN 'parallelsamfund' ELSE s.official_category END;
COMMENT ON VIEW official_list_differences IS
'the areas and years where the category computed from the indicators (classify()) differs from the published one (area_year.official_category, omdannelse compared as parallelsamfund), or cannot be computed, with the criteria of the tests that separate them';
COMMENT ON COLUMN official_list_differences.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN official_list_differences.list_year IS
'the list year';
COMMENT ON COLUMN official_list_differences.name IS
'name of the area';
COMMENT ON COLUMN official_list_differences.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN official_list_differences.official_category IS
'the published category (area_year.official_category)';
COMMENT ON COLUMN official_list_differences.computed_category IS
'the category classify() gives from the indicators (parallelsamfund, udsat, forebyggelse, none, or unknown when missing values decide it); NULL when the row has no indicators';
COMMENT ON COLUMN official_list_differences.agrees IS
'false: the computed category is another; NULL: it cannot be computed (unknown, or no indicators)';
COMMENT ON COLUMN official_list_differences.criteria IS
'the criteria that decide between the two categories: the size gate, then each criterion of the tests of udsat, parallelsamfund and forebyggelse that apply to either (all of them when the computed category is unknown), with its value, operator, threshold and whether it is met, the nearest to its threshold first; NULL when the row has no indicators';

-- ---- own monitoring: units, tier schemes of user rule sets, their status (issue 16) ----

-- ---- tables ----

CREATE TABLE monitoring_unit (
	unit_id integer PRIMARY KEY CHECK (unit_id BETWEEN 1 AND 20000000),
	name text NOT NULL,
	kind text NOT NULL DEFAULT 'own' CHECK (kind ~ '^[a-z][a-z_]*$'),
	tenure text CHECK (tenure IN ('almen', 'privat', 'andel', 'ejer', 'blandet')),
	municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$'),
	area_id integer REFERENCES area ON DELETE SET NULL,
	geom geometry(MultiPolygon, 25832)
		CONSTRAINT monitoring_unit_geom_valid CHECK (ST_IsValid(geom))
		CONSTRAINT monitoring_unit_geom_in_utm32n CHECK (geom @ ST_MakeEnvelope(-1000000, 4000000, 2000000, 9300000, 25832)),
	point geometry(Point, 25832)
		CONSTRAINT monitoring_unit_point_in_utm32n CHECK (point @ ST_MakeEnvelope(-1000000, 4000000, 2000000, 9300000, 25832))
);
CREATE INDEX monitoring_unit_geom_idx ON monitoring_unit USING gist (geom);
CREATE INDEX monitoring_unit_area_idx ON monitoring_unit (area_id);
COMMENT ON TABLE monitoring_unit IS
'the municipality''s own units of monitoring, beside the legal areas of the lists: departments (afdelinger), parishes, areas it draws itself, of any tenure; classified by tier schemes (monitoring_status()); pg_dump keeps the rows';
COMMENT ON COLUMN monitoring_unit.unit_id IS
'identifier of the unit, 1 to 20000000 (so that the key of the GIS layers fits a bigint with the scheme and the year)';
COMMENT ON COLUMN monitoring_unit.name IS
'name of the unit';
COMMENT ON COLUMN monitoring_unit.kind IS
'what the unit is: a lower-case word, e.g. department (a housing department, afdeling), parish (sogn) or own (an area the municipality draws; the default)';
COMMENT ON COLUMN monitoring_unit.tenure IS
'the tenure of its dwellings: almen (public housing), privat (private rental), andel (co-operative), ejer (owner-occupied) or blandet (mixed); NULL when not recorded';
COMMENT ON COLUMN monitoring_unit.municipality_code IS
'four-digit municipality code (e.g. 0751); NULL when not recorded';
COMMENT ON COLUMN monitoring_unit.area_id IS
'the legal area (area.area_id) the unit lies in, when the municipality says so; NULL to find it spatially (the area containing the unit''s point) or when it lies in none; set to NULL when the area is deleted';
COMMENT ON COLUMN monitoring_unit.geom IS
'the unit boundary: valid MultiPolygon in EPSG:25832 (metres); NULL when only an address point is known';
COMMENT ON COLUMN monitoring_unit.point IS
'an address point of the unit: Point in EPSG:25832 (metres), used when geom is NULL (the point layer and the spatial match take it before a point inside geom); NULL when not known';
COMMENT ON INDEX monitoring_unit_area_idx IS
'the units of a legal area';

CREATE TABLE monitoring_year (
	unit_id integer NOT NULL REFERENCES monitoring_unit ON DELETE CASCADE,
	year integer NOT NULL CHECK (year BETWEEN 2010 AND 2100),
	ind indicators,
	persons tally,
	PRIMARY KEY (unit_id, year)
);
COMMENT ON TABLE monitoring_year IS
'one row per monitoring unit and year: its indicators (as for the list of that year) and optionally the tally they come from, for disclosure control; pg_dump keeps the rows';
COMMENT ON COLUMN monitoring_year.unit_id IS
'the unit (monitoring_unit.unit_id); the row goes when the unit is deleted';
COMMENT ON COLUMN monitoring_year.year IS
'the year, 2010 to 2100, read as a list year: the indicators are those a list of that year would use, and the unit is set beside the legal area''s list of the same year';
COMMENT ON COLUMN monitoring_year.ind IS
'the criteria values (indicators); NULL when none are known (the tier is then unknown)';
COMMENT ON COLUMN monitoring_year.persons IS
'the tally of the data year, or a tally of its population counts only: the populations disclosure control checks each share against in bi_monitoring_status and the GIS layers (as area_year.persons); NULL when not known, and then every share of an age group is suppressed';

CREATE TABLE monitoring_scheme (
	scheme_id smallint PRIMARY KEY CHECK (scheme_id BETWEEN 1 AND 99),
	name text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9_]*$'),
	description text
);
COMMENT ON TABLE monitoring_scheme IS
'tier schemes: a named, ordered set of user rule sets (tier_scheme) that puts each monitoring unit and year in a tier, e.g. the trappemodel of a tiered letting agreement; pg_dump keeps the rows';
COMMENT ON COLUMN monitoring_scheme.scheme_id IS
'number of the scheme, 1 to 99 (part of the key of the GIS layers)';
COMMENT ON COLUMN monitoring_scheme.name IS
'name of the scheme, as monitoring_status(scheme) and monitoring_tier() take it: lower-case letters, digits and underscores';
COMMENT ON COLUMN monitoring_scheme.description IS
'free text: the agreement, its date, what the tiers mean';

CREATE TABLE tier_scheme (
	scheme_id smallint NOT NULL REFERENCES monitoring_scheme ON DELETE CASCADE,
	tier smallint NOT NULL CHECK (tier BETWEEN 1 AND 9),
	rule_set text NOT NULL REFERENCES rule_set (name),
	PRIMARY KEY (scheme_id, tier),
	CONSTRAINT tier_scheme_rule_set_once UNIQUE (scheme_id, rule_set)
);
CREATE INDEX tier_scheme_rule_set_idx ON tier_scheme (rule_set);
COMMENT ON TABLE tier_scheme IS
'the tiers of each scheme: tier n holds when the user rule set rule_set puts the unit in a category (category() other than none); the highest tier number is the most severe, and a unit''s tier is the highest that holds (0 when none does); a rule set in use cannot be dropped (drop_rules fails with 23503); pg_dump keeps the rows';
COMMENT ON COLUMN tier_scheme.scheme_id IS
'the scheme (monitoring_scheme.scheme_id); its tiers go when it is deleted';
COMMENT ON COLUMN tier_scheme.tier IS
'the tier, 1 to 9: the higher, the more severe; numbers may leave gaps';
COMMENT ON COLUMN tier_scheme.rule_set IS
'the user rule set (rule_set.name, made with create_rules) that says when a unit is in this tier or a higher one by its own thresholds: the tier holds when the set gives a category other than none; its size gate applies (an area counts when residents >= ...)';
COMMENT ON CONSTRAINT tier_scheme_rule_set_once ON tier_scheme IS
'a rule set is one tier of a scheme, not two';
COMMENT ON INDEX tier_scheme_rule_set_idx IS
'the tiers a rule set is used by (the foreign key''s check when a rule set is dropped)';

SELECT pg_catalog.pg_extension_config_dump('monitoring_unit', '');
SELECT pg_catalog.pg_extension_config_dump('monitoring_year', '');
SELECT pg_catalog.pg_extension_config_dump('monitoring_scheme', '');
SELECT pg_catalog.pg_extension_config_dump('tier_scheme', '');

-- ---- tiers ----

CREATE FUNCTION housing_areas_private.scheme_id(scheme text) RETURNS smallint
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	id smallint;
BEGIN
	SELECT s.scheme_id INTO id FROM housing_areas.monitoring_scheme AS s WHERE s.name = scheme_id.scheme;
	IF id IS NULL THEN
		RAISE EXCEPTION 'tier scheme "%" does not exist', scheme
			USING ERRCODE = 'undefined_object',
				  HINT = coalesce('Known schemes are listed in housing_areas.monitoring_scheme: '
								  || (SELECT pg_catalog.string_agg(s.name, ', ' ORDER BY s.name)
										FROM housing_areas.monitoring_scheme AS s) || '.',
								  'Add the scheme to housing_areas.monitoring_scheme and its tiers to housing_areas.tier_scheme.');
	END IF;
	IF NOT EXISTS (SELECT 1 FROM housing_areas.tier_scheme AS t WHERE t.scheme_id = id) THEN
		RAISE EXCEPTION 'tier scheme "%" has no tiers', scheme
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Add its tiers to housing_areas.tier_scheme: a tier number and a user rule set each.';
	END IF;
	RETURN id;
END
$$;
COMMENT ON FUNCTION housing_areas_private.scheme_id(text) IS
'the scheme_id of the tier scheme named scheme; an error when there is no such scheme, or it has no tiers';

CREATE FUNCTION housing_areas_private.tier_of(ind indicators, year integer, scheme_id smallint,
	OUT tier integer, OUT rule_set text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the tiers from the most severe down: the first whose rule set gives
	-- a category decides; an unknown one before it leaves the tier unknown
	-- (it might hold), and when none holds the tier is 0, decided by the
	-- least severe set
	WITH t AS (
		SELECT ts.tier, ts.rule_set,
			   COALESCE(category(tier_of.ind, tier_of.year, ts.rule_set), 'unknown') AS category
		  FROM tier_scheme AS ts
		 WHERE ts.scheme_id = tier_of.scheme_id
	), deciding AS (
		SELECT t.tier, t.rule_set, t.category
		  FROM t
		 WHERE t.category <> 'none'
		 ORDER BY t.tier DESC
		 LIMIT 1
	)
	SELECT CASE WHEN d.category IS NULL THEN 0
				WHEN d.category <> 'unknown' THEN d.tier END,
		   COALESCE(d.rule_set, (SELECT t.rule_set FROM t ORDER BY t.tier LIMIT 1))
	  FROM (SELECT 1) AS one
	  LEFT JOIN deciding AS d ON true;
END;
COMMENT ON FUNCTION housing_areas_private.tier_of(indicators, integer, smallint) IS
'the tier of one record under a scheme (by its scheme_id) and the rule set that decides it: the highest tier whose rule set gives a category other than none; NULL when a set above it is undetermined (unknown, or no indicators); 0 when none holds, decided by the lowest tier''s set';

CREATE FUNCTION monitoring_tier(ind indicators, year integer, scheme text) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT (housing_areas_private.tier_of(monitoring_tier.ind, monitoring_tier.year,
										   housing_areas_private.scheme_id(monitoring_tier.scheme))).tier;
END;
COMMENT ON FUNCTION monitoring_tier(indicators, integer, text) IS
'the tier of one record (indicators of a year) under a tier scheme: the highest tier whose user rule set gives a category other than none, 0 when none does; NULL when a more severe tier''s set is undetermined by missing values or the indicators are NULL; an error for an unknown scheme or one without tiers';

CREATE FUNCTION housing_areas_private.monitoring_rows(scheme_id smallint)
	RETURNS TABLE (unit_id integer, year integer, name text, kind text, tenure text,
				   municipality_code text, tier integer, rules text,
				   criteria_met integer, criteria_unknown integer, criteria text,
				   previous_year integer, previous_tier integer,
				   area_id integer, area_match text, list_category text,
				   ind indicators, persons tally)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH tiered AS (
		SELECT my.unit_id, my.year, u.name, u.kind, u.tenure, u.municipality_code,
			   t.tier, t.rule_set, my.ind, my.persons, u.area_id AS given_area,
			   COALESCE(u.point, ST_PointOnSurface(u.geom)) AS pt
		  FROM monitoring_year AS my
		  JOIN monitoring_unit AS u ON u.unit_id = my.unit_id
		 CROSS JOIN LATERAL housing_areas_private.tier_of(my.ind, my.year, monitoring_rows.scheme_id) AS t
	), placed AS (
		-- the legal area: as given, else the one whose polygon contains
		-- the unit's point (its address point, else a point inside it)
		SELECT tr.*,
			   COALESCE(tr.given_area,
						(SELECT a.area_id FROM area AS a
						  WHERE tr.given_area IS NULL AND ST_Contains(a.geom, tr.pt)
						  ORDER BY a.area_id LIMIT 1)) AS area_id,
			   CASE WHEN tr.given_area IS NOT NULL THEN 'area_id' END AS given
		  FROM tiered AS tr
	)
	SELECT p.unit_id, p.year, p.name, p.kind, p.tenure, p.municipality_code,
		   p.tier, p.rule_set,
		   CASE WHEN p.ind IS NOT NULL THEN k.met END,
		   CASE WHEN p.ind IS NOT NULL THEN k.undetermined END,
		   k.criteria,
		   lag(p.year) OVER w, lag(p.tier) OVER w,
		   p.area_id,
		   CASE WHEN p.given IS NOT NULL THEN p.given WHEN p.area_id IS NOT NULL THEN 'spatial' END,
		   s.category,
		   p.ind, p.persons
	  FROM placed AS p
	 CROSS JOIN LATERAL (
		-- the criteria of the deciding set (margins()), the size gate
		-- shown but not counted
		SELECT (count(*) FILTER (WHERE m.category <> 'all' AND m.met))::integer AS met,
			   (count(*) FILTER (WHERE m.category <> 'all' AND m.met IS NULL))::integer AS undetermined,
			   string_agg(m.criterion || ' ' || COALESCE(m.value::text, 'unknown') || ' '
						  || m.operator || ' ' || m.threshold
						  || CASE WHEN m.criterion = 'convictions' AND m.unit <> '%' THEN ' x national' ELSE '' END
						  || CASE m.met WHEN true THEN ' met' WHEN false THEN ' not met' ELSE ' undetermined' END,
						  '; ') AS criteria
		  FROM margins(p.ind, p.year, p.rule_set) AS m) AS k
	  LEFT JOIN LATERAL (SELECT h.category FROM area_status AS h
						  WHERE h.area_id = p.area_id AND h.list_year = p.year) AS s ON true
	WINDOW w AS (PARTITION BY p.unit_id ORDER BY p.year)
	 ORDER BY p.unit_id, p.year;
END;
COMMENT ON FUNCTION housing_areas_private.monitoring_rows(smallint) IS
'the rows of monitoring_status() for a scheme by its scheme_id, with the indicators and the tally of each row (for the disclosed views)';

CREATE FUNCTION monitoring_status(scheme text)
	RETURNS TABLE (unit_id integer, year integer, name text, kind text, tenure text,
				   municipality_code text, tier integer, rules text,
				   criteria_met integer, criteria_unknown integer, criteria text,
				   previous_year integer, previous_tier integer,
				   area_id integer, area_match text, list_category text)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT r.unit_id, r.year, r.name, r.kind, r.tenure, r.municipality_code, r.tier, r.rules,
		   r.criteria_met, r.criteria_unknown, r.criteria, r.previous_year, r.previous_tier,
		   r.area_id, r.area_match, r.list_category
	  FROM housing_areas_private.monitoring_rows((SELECT housing_areas_private.scheme_id(monitoring_status.scheme))) AS r
	 -- looked up once (an InitPlan), and checked before any row: an
	 -- unknown scheme is an error also when there are no rows
	 WHERE (SELECT housing_areas_private.scheme_id(monitoring_status.scheme)) IS NOT NULL
	 ORDER BY r.unit_id, r.year;
END;
COMMENT ON FUNCTION monitoring_status(text) IS
'per monitoring unit and year (monitoring_year) under a tier scheme: the tier (highest tier whose rule set holds, 0 when none, NULL when a more severe set is undetermined), the rule set that decides it (the tier''s, the lowest tier''s for 0, the undetermined one for NULL), its criteria met and undetermined and each of them as text (margins(): criterion, value, operator, threshold, met / not met / undetermined), the tier of the unit''s year before, and the legal area beside it with its category on the official list that year (area_status); person figures are not disclosure-controlled here (bi_monitoring_status is); an error for an unknown scheme or one without tiers';

-- ---- faces for BI and GIS tools ----

CREATE VIEW bi_monitoring_status AS
-- every scheme with tiers, every unit and year; person figures through
-- disclosed_criteria(), and when one of a row's values is hidden its tier
-- and counts of criteria are hidden with it (with the thresholds of the
-- rule sets they would bound the hidden value), and so is the previous
-- tier of the row after it
WITH r AS (
	SELECT s.scheme_id, s.name AS scheme, m.unit_id, m.year, m.name, m.kind, m.tenure,
		   m.municipality_code, m.tier, m.rules, m.criteria_met, m.criteria_unknown,
		   m.previous_year, m.previous_tier, m.area_id, m.area_match, m.list_category,
		   d.residents, d.nonwestern_pct, d.outside_labour_pct, d.convicted_pct,
		   d.basic_education_pct, d.income_pct, d.suppressed,
		   cardinality(d.suppressed) > 0 AS hide
	  FROM monitoring_scheme AS s
	 CROSS JOIN LATERAL housing_areas_private.monitoring_rows(s.scheme_id) AS m
	 CROSS JOIN LATERAL disclosed_criteria(m.ind, m.persons, m.year) AS d
	 WHERE EXISTS (SELECT 1 FROM tier_scheme AS t WHERE t.scheme_id = s.scheme_id)
), h AS (
	SELECT r.*, lag(r.hide) OVER (PARTITION BY r.scheme_id, r.unit_id ORDER BY r.year) AS previous_hide
	  FROM r
)
SELECT h.scheme_id, h.scheme, h.unit_id, h.year, h.name, h.kind, h.tenure, h.municipality_code,
	   CASE WHEN NOT h.hide THEN h.tier END AS tier,
	   h.rules,
	   CASE WHEN NOT h.hide THEN h.criteria_met END AS criteria_met,
	   CASE WHEN NOT h.hide THEN h.criteria_unknown END AS criteria_unknown,
	   h.previous_year,
	   CASE WHEN NOT h.previous_hide THEN h.previous_tier END AS previous_tier,
	   h.area_id, h.area_match, h.list_category,
	   h.residents, h.nonwestern_pct, h.outside_labour_pct, h.convicted_pct,
	   h.basic_education_pct, h.income_pct,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat,
	   concat_ws(',',
				 CASE WHEN h.hide AND h.tier IS NOT NULL THEN 'tier' END,
				 CASE WHEN h.hide AND h.criteria_met IS NOT NULL THEN 'criteria_met' END,
				 CASE WHEN h.hide AND h.criteria_unknown IS NOT NULL THEN 'criteria_unknown' END,
				 CASE WHEN h.previous_hide AND h.previous_tier IS NOT NULL THEN 'previous_tier' END,
				 NULLIF(housing_areas_private.suppressed_columns(h.suppressed,
					 '{residents,nonwestern_pct,outside_labour_pct,convicted_pct,basic_education_pct,income_pct}'), ''))
		   AS suppressed
  FROM h
  JOIN monitoring_unit AS u ON u.unit_id = h.unit_id
 CROSS JOIN LATERAL (SELECT ST_Transform(COALESCE(u.point, ST_PointOnSurface(u.geom)), 4326) AS pt) AS p;
COMMENT ON VIEW bi_monitoring_status IS
'monitoring_status() of every tier scheme with tiers, in built-in types for BI tools: one row per scheme, unit and year, the indicators as shares through disclosed_criteria() (housing_areas.min_cell_count; populations from monitoring_year.persons), lon/lat of the unit''s point; when any person figure of a row is hidden, its tier and counts of criteria are hidden too (and the previous_tier of the next year), and the column suppressed names what is hidden';
COMMENT ON COLUMN bi_monitoring_status.scheme_id IS
'the scheme (monitoring_scheme.scheme_id)';
COMMENT ON COLUMN bi_monitoring_status.scheme IS
'name of the scheme';
COMMENT ON COLUMN bi_monitoring_status.unit_id IS
'the unit (monitoring_unit.unit_id)';
COMMENT ON COLUMN bi_monitoring_status.year IS
'the year of the indicators, read as a list year';
COMMENT ON COLUMN bi_monitoring_status.name IS
'name of the unit';
COMMENT ON COLUMN bi_monitoring_status.kind IS
'what the unit is (department, parish, own ...)';
COMMENT ON COLUMN bi_monitoring_status.tenure IS
'the tenure of its dwellings (almen, privat, andel, ejer, blandet); NULL when not recorded';
COMMENT ON COLUMN bi_monitoring_status.municipality_code IS
'four-digit municipality code of the unit; NULL when not recorded';
COMMENT ON COLUMN bi_monitoring_status.tier IS
'the tier under the scheme: the highest tier whose rule set holds, 0 when none does; NULL when a more severe tier''s set is undetermined, or suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_monitoring_status.rules IS
'the user rule set that decides the tier: the tier''s own, the lowest tier''s for tier 0, the undetermined one for an unknown tier';
COMMENT ON COLUMN bi_monitoring_status.criteria_met IS
'the criteria of the deciding rule set met (rows of margins() with met true, the size gate not counted); NULL when the row has no indicators, or suppressed for disclosure';
COMMENT ON COLUMN bi_monitoring_status.criteria_unknown IS
'the criteria of the deciding rule set undetermined for missing values (rows of margins() with met NULL, the size gate not counted); NULL when the row has no indicators, or suppressed for disclosure';
COMMENT ON COLUMN bi_monitoring_status.previous_year IS
'the unit''s year before this one in monitoring_year; NULL for its first';
COMMENT ON COLUMN bi_monitoring_status.previous_tier IS
'the tier in previous_year; NULL for the first year, when undetermined, or when suppressed for disclosure in that year';
COMMENT ON COLUMN bi_monitoring_status.area_id IS
'the legal area beside the unit: monitoring_unit.area_id where given, else the area whose polygon contains the unit''s point; NULL when none';
COMMENT ON COLUMN bi_monitoring_status.area_match IS
'how area_id was found: area_id (given in monitoring_unit) or spatial (the unit''s point in the area''s polygon); NULL without an area';
COMMENT ON COLUMN bi_monitoring_status.list_category IS
'the legal area''s category that year on the official lists (area_status.category: omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown); NULL without an area or without its row that year in area_year';
COMMENT ON COLUMN bi_monitoring_status.residents IS
'residents of the unit; NULL when unknown or suppressed for disclosure (1 to min_cell_count() - 1)';
COMMENT ON COLUMN bi_monitoring_status.nonwestern_pct IS
'non-Western immigrants and descendants, % of residents; NULL when unknown or suppressed for disclosure (disclosed_criteria())';
COMMENT ON COLUMN bi_monitoring_status.outside_labour_pct IS
'residents aged 18-64 outside the labour market or education, %; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population persons_18_64 of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.convicted_pct IS
'convicted residents aged 18+, %; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population persons_18plus of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.basic_education_pct IS
'residents aged 30-59 with only basic schooling, %; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population persons_30_59 of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.income_pct IS
'mean gross income of taxpayers aged 15-64, students excluded, % of the regional mean; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population taxpayers_15_64 of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.lon IS
'longitude in degrees (EPSG:4326) of the unit''s address point, else of a point inside its boundary; NULL without either';
COMMENT ON COLUMN bi_monitoring_status.lat IS
'latitude in degrees (EPSG:4326) of the same point; NULL without it';
COMMENT ON COLUMN bi_monitoring_status.suppressed IS
'the columns of this row hidden for disclosure, comma-separated: tier, criteria_met, criteria_unknown, previous_tier, then the person figures (residents, nonwestern_pct, outside_labour_pct, convicted_pct, basic_education_pct, income_pct); empty when nothing is hidden (a NULL not listed is unknown)';

CREATE VIEW gis_monitoring_status AS
SELECT (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS id,
	   b.scheme, b.unit_id, b.year, b.name, b.kind, b.tenure, b.municipality_code,
	   b.tier, b.previous_tier, b.area_id, b.list_category,
	   u.geom,
	   (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS ogc_fid,
	   b.suppressed
  FROM bi_monitoring_status AS b
  JOIN monitoring_unit AS u ON u.unit_id = b.unit_id
 WHERE u.geom IS NOT NULL;
COMMENT ON VIEW gis_monitoring_status IS
'bi_monitoring_status for GIS clients, the units with a boundary: key id first (bigint: (unit_id * 100 + scheme_id) * 100 + the last two digits of the year), the same key as ogc_fid for GDAL, geometry(MultiPolygon, 25832); tiers disclosed as in bi_monitoring_status; filter on scheme and year for one map';
COMMENT ON COLUMN gis_monitoring_status.id IS
'key for GIS clients: (unit_id * 100 + scheme_id) * 100 + year % 100, unique for years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_monitoring_status.scheme IS
'name of the tier scheme';
COMMENT ON COLUMN gis_monitoring_status.unit_id IS
'the unit (monitoring_unit.unit_id)';
COMMENT ON COLUMN gis_monitoring_status.year IS
'the year of the indicators, read as a list year';
COMMENT ON COLUMN gis_monitoring_status.name IS
'name of the unit';
COMMENT ON COLUMN gis_monitoring_status.kind IS
'what the unit is (department, parish, own ...)';
COMMENT ON COLUMN gis_monitoring_status.tenure IS
'the tenure of its dwellings (almen, privat, andel, ejer, blandet); NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status.municipality_code IS
'four-digit municipality code of the unit; NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status.tier IS
'the tier under the scheme (0 when no tier holds); NULL when undetermined or suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_monitoring_status.previous_tier IS
'the tier the unit''s year before; NULL for its first year, when undetermined or suppressed';
COMMENT ON COLUMN gis_monitoring_status.area_id IS
'the legal area beside the unit (given, else spatial); NULL when none';
COMMENT ON COLUMN gis_monitoring_status.list_category IS
'the legal area''s category that year on the official lists (area_status); NULL without an area or its row that year';
COMMENT ON COLUMN gis_monitoring_status.geom IS
'the unit boundary: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_monitoring_status.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view';
COMMENT ON COLUMN gis_monitoring_status.suppressed IS
'the columns of the row of bi_monitoring_status hidden for disclosure, comma-separated (tier and previous_tier among them); empty when nothing is hidden';

CREATE VIEW gis_monitoring_status_points AS
SELECT (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS id,
	   b.scheme, b.unit_id, b.year, b.name, b.kind, b.tenure, b.municipality_code,
	   b.tier, b.previous_tier, b.area_id, b.list_category,
	   COALESCE(u.point, ST_PointOnSurface(u.geom))::geometry(Point, 25832) AS geom,
	   (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS ogc_fid,
	   b.suppressed
  FROM bi_monitoring_status AS b
  JOIN monitoring_unit AS u ON u.unit_id = b.unit_id
 WHERE u.point IS NOT NULL OR u.geom IS NOT NULL;
COMMENT ON VIEW gis_monitoring_status_points IS
'bi_monitoring_status for GIS clients as points, every unit with an address point or a boundary (departments often have only an address): key id first (bigint, as gis_monitoring_status), ogc_fid for GDAL, geometry(Point, 25832); tiers disclosed as in bi_monitoring_status';
COMMENT ON COLUMN gis_monitoring_status_points.id IS
'key for GIS clients: (unit_id * 100 + scheme_id) * 100 + year % 100, unique for years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_monitoring_status_points.scheme IS
'name of the tier scheme';
COMMENT ON COLUMN gis_monitoring_status_points.unit_id IS
'the unit (monitoring_unit.unit_id)';
COMMENT ON COLUMN gis_monitoring_status_points.year IS
'the year of the indicators, read as a list year';
COMMENT ON COLUMN gis_monitoring_status_points.name IS
'name of the unit';
COMMENT ON COLUMN gis_monitoring_status_points.kind IS
'what the unit is (department, parish, own ...)';
COMMENT ON COLUMN gis_monitoring_status_points.tenure IS
'the tenure of its dwellings (almen, privat, andel, ejer, blandet); NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status_points.municipality_code IS
'four-digit municipality code of the unit; NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status_points.tier IS
'the tier under the scheme (0 when no tier holds); NULL when undetermined or suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_monitoring_status_points.previous_tier IS
'the tier the unit''s year before; NULL for its first year, when undetermined or suppressed';
COMMENT ON COLUMN gis_monitoring_status_points.area_id IS
'the legal area beside the unit (given, else spatial); NULL when none';
COMMENT ON COLUMN gis_monitoring_status_points.list_category IS
'the legal area''s category that year on the official lists (area_status); NULL without an area or its row that year';
COMMENT ON COLUMN gis_monitoring_status_points.geom IS
'the unit''s address point, else a point inside its boundary: Point in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_monitoring_status_points.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view';
COMMENT ON COLUMN gis_monitoring_status_points.suppressed IS
'the columns of the row of bi_monitoring_status hidden for disclosure, comma-separated (tier and previous_tier among them); empty when nothing is hidden';

-- ---- review of issue 13: allocation_check refuses an infinite date ----

CREATE OR REPLACE FUNCTION allocation_check(area_id integer, on_date date, household jsonb)
	RETURNS TABLE (obligation text, paragraph text, number integer, ground text, refuses boolean, reason text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
#variable_conflict use_column
DECLARE
	resident boolean;
	members jsonb;
BEGIN
	IF area_id IS NULL OR on_date IS NULL THEN
		RAISE EXCEPTION 'allocation_check needs an area and a date'
			USING ERRCODE = 'null_value_not_allowed',
				  DETAIL = format('The area is %s and the date %s.', COALESCE(area_id::text, 'NULL'),
								  COALESCE(on_date::text, 'NULL'));
	END IF;
	-- a later list will apply on an infinite date: no answer, never a guess
	IF NOT isfinite(on_date) THEN
		RAISE EXCEPTION 'invalid value "%" for argument "on_date"', on_date
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'The date must be a day of the calendar, not infinity.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM housing_areas.area AS a WHERE a.area_id = allocation_check.area_id) THEN
		RAISE EXCEPTION 'unknown area %', area_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The areas are in housing_areas.area.';
	END IF;
	-- the whole document is checked first, whatever applies in the area
	resident := housing_areas_private.household_boolean(household -> 'already_resident', 'already_resident');
	members := (SELECT jsonb_agg(to_jsonb(h)) FROM housing_areas_private.household_grounds(household, on_date) AS h);
	RETURN QUERY
	WITH hg AS (
		SELECT h.* FROM jsonb_to_recordset(members)
						 AS h(member integer, role text, ground text, meets boolean, why text)
	), ob AS (
		SELECT o.obligation, o.holds, o.reason
		  FROM housing_areas.obligations(allocation_check.on_date, allocation_check.area_id) AS o
	), letting AS (
		-- almenboligloven § 51 b: the decision in force (the latest, if several)
		SELECT d.decision_id, d.decided_on, d.includes_pension, d.includes_insurance_benefits
		  FROM housing_areas.decision AS d
		 WHERE d.kind = 'combined_letting' AND d.area_id = allocation_check.area_id
		   AND d.valid_from <= allocation_check.on_date
		   AND (d.valid_until IS NULL OR allocation_check.on_date < d.valid_until)
		 ORDER BY d.valid_from DESC, d.decision_id DESC
		 LIMIT 1
	), grounds AS (
		SELECT g.obligation, g.ground, g.number, g.paragraph, g.who, ob.holds, ob.reason AS ob_reason,
			   lt.decision_id, lt.decided_on, k.ordinal
		  FROM housing_areas.allocation_ground AS g
		  JOIN housing_areas.obligation_kind AS k ON k.obligation = g.obligation
		  JOIN ob ON ob.obligation = g.obligation
		  LEFT JOIN letting AS lt ON g.obligation = 'combined_letting_possible'
		 WHERE g.obligation <> 'combined_letting_possible'
			OR (lt.decision_id IS NOT NULL
				AND (g.optional IS NULL
					 OR (g.optional = 'includes_pension' AND lt.includes_pension)
					 OR (g.optional = 'includes_insurance_benefits' AND lt.includes_insurance_benefits)))
	), judged AS (
		SELECT g.*,
			   -- Kleene "some member meets it"
			   CASE WHEN bool_or(h.meets) THEN true WHEN bool_or(h.meets IS NULL) THEN NULL ELSE false END AS member_meets,
			   string_agg(h.why, '; ' ORDER BY h.member) FILTER (WHERE h.meets) AS why_true,
			   string_agg(h.why, '; ' ORDER BY h.member) FILTER (WHERE h.meets IS NULL) AS why_unknown,
			   string_agg(h.why, '; ' ORDER BY h.member) AS why_all
		  FROM grounds AS g
		  JOIN hg AS h ON h.ground = g.ground
					  AND (g.who = 'member' OR h.role IN ('applicant', 'spouse'))
		 GROUP BY g.obligation, g.ground, g.number, g.paragraph, g.who, g.holds, g.ob_reason,
				  g.decision_id, g.decided_on, g.ordinal
	), decided AS (
		SELECT j.*,
			   CASE WHEN j.who = 'applicant_or_spouse' THEN j.member_meets AND NOT resident
					ELSE j.member_meets END AS household_meets
		  FROM judged AS j
	)
	SELECT d.obligation, d.paragraph, d.number, d.ground,
		   d.household_meets AND d.holds,
		   CASE WHEN d.household_meets AND d.holds THEN 'refuses: ' || d.why_true
				WHEN d.holds IS false THEN 'does not refuse: ' || d.ob_reason
				WHEN d.who = 'applicant_or_spouse' AND resident AND d.member_meets IS NOT false
					THEN 'does not refuse: the applicant already lives in the department'
				WHEN d.household_meets IS false THEN 'does not refuse: ' || d.why_all
				WHEN d.household_meets IS NULL
					THEN 'unknown: ' || concat_ws('; ', d.why_true, d.why_unknown)
						 || CASE WHEN d.member_meets AND resident IS NULL
								 THEN '; already_resident not given' ELSE '' END
				ELSE 'unknown: ' || d.why_true || '; ' || d.ob_reason
		   END
		   || CASE WHEN d.household_meets AND d.holds THEN
				   CASE d.obligation
					   WHEN 'refusal_required' THEN ' (the housing organisation must refuse the applicant)'
					   WHEN 'combined_letting_possible'
						   THEN format(' (the housing organisation must refuse the applicant: decision %s of %s)',
									   d.decision_id, d.decided_on)
					   ELSE ' (the municipality may not allocate the dwelling to the household)' END
			  ELSE '' END
	  FROM decided AS d
	 ORDER BY d.ordinal, d.number NULLS LAST, d.ground;
END
$$;
COMMENT ON FUNCTION allocation_check(integer, date, jsonb) IS
'one row per ground of refusal that applies in an area on a date (§ 59 stk. 6 nr. 1-7 in udsat areas, § 59 stk. 7 in forebyggelsesområder, § 51 c in omdannelsesområder, § 51 b where a combined_letting decision is in force): whether it refuses the household (true, false, NULL when a missing key or an undetermined list leaves it unknown) and why; the household document is described in docs/obligations.md, and a bad one is an error naming the key; an infinite date is an error';

-- ---- review of issue 13: plan_projection cites its paragraph ----

DROP FUNCTION plan_projection();
CREATE FUNCTION plan_projection()
	RETURNS TABLE (area_id integer, name text, base_list_year integer, changes integer,
				   family_units integer, dwellings integer, demolished integer, commercial_m2 double precision,
				   share_now double precision, share_at_deadline double precision, deadline date,
				   target_met boolean, family_units_over_target integer, dwellings_to_add integer,
				   consistent boolean, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH plan_areas AS (
		-- the areas under a plan (or possibly) on their latest list
		SELECT DISTINCT ON (s.area_id) s.area_id, s.name, s.development_plan
		  FROM area_status AS s
		 ORDER BY s.area_id, s.list_year DESC
	), base AS (
		-- the latest list year with known counts
		SELECT p.area_id, p.name, b.list_year, b.family_units, b.dwellings,
			   coalesce(b.demolished, 0) AS demolished, coalesce(b.commercial_m2, 0) AS commercial_m2
		  FROM plan_areas AS p
		  LEFT JOIN LATERAL (
			SELECT ay.list_year, ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2
			  FROM area_year AS ay
			 WHERE ay.area_id = p.area_id AND ay.family_units IS NOT NULL AND ay.dwellings IS NOT NULL
			 ORDER BY ay.list_year DESC LIMIT 1) AS b ON true
		 WHERE p.development_plan IS NOT false
	), ledger AS (
		-- the changes after that list and before 1 January of the deadline year
		SELECT b.area_id, count(c.change_id)::integer AS changes,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'sale'), 0) AS sold,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'conversion'), 0) AS converted,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'demolition'), 0) AS demolished,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'new_non_family'), 0) AS built,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'commercial_m2'), 0) AS commercial_m2
		  FROM base AS b
		  LEFT JOIN dwelling_change AS c
				 ON c.area_id = b.area_id
				AND c.changed_on > housing_areas_private.list_day(b.list_year)
				AND c.changed_on < make_date(consequence('plan_deadline')::integer, 1, 1)
		 GROUP BY b.area_id
	), projected AS (
		SELECT b.*, l.changes,
			   (b.family_units - l.sold - l.converted - l.demolished)::bigint AS f,
			   (b.dwellings - l.demolished + l.built)::bigint AS t,
			   (b.demolished + l.demolished)::bigint AS d,
			   b.commercial_m2 + l.commercial_m2::double precision AS c
		  FROM base AS b
		  JOIN ledger AS l ON l.area_id = b.area_id
	), checked AS (
		-- a ledger that takes more family units than there are is
		-- inconsistent: no projection; an empty total has no share
		SELECT p.*, p.f >= 0 AS consistent,
			   p.f >= 0 AND p.t <= 2147483647 AND p.d <= 2147483647
			   AND p.t + p.d + floor(p.c / consequence('m2_per_dwelling')::float8) > 0 AS computable,
			   p.dwellings + p.demolished + floor(p.commercial_m2 / consequence('m2_per_dwelling')::float8) > 0 AS computable_now
		  FROM projected AS p
	)
	SELECT c.area_id, c.name, c.list_year, c.changes,
		   CASE WHEN c.consistent THEN c.f END::integer,
		   CASE WHEN c.consistent THEN c.t END::integer,
		   CASE WHEN c.consistent THEN c.d END::integer,
		   CASE WHEN c.consistent THEN c.c END,
		   CASE WHEN c.computable_now
				THEN family_housing_share(c.family_units, c.dwellings, c.demolished, c.commercial_m2) END,
		   CASE WHEN c.computable THEN family_housing_share(c.f::integer, c.t::integer, c.d::integer, c.c) END,
		   make_date(consequence('plan_deadline')::integer, 1, 1),
		   CASE WHEN c.computable
				THEN family_units_over_target(c.f::integer, c.t::integer, c.d::integer, c.c) = 0 END,
		   CASE WHEN c.computable THEN family_units_over_target(c.f::integer, c.t::integer, c.d::integer, c.c) END,
		   CASE WHEN c.computable THEN dwellings_to_add(c.f::integer, c.t::integer, c.d::integer, c.c) END,
		   c.consistent,
		   'almenboligloven § 168 a'
	  FROM checked AS c
	 ORDER BY c.area_id;
END;
COMMENT ON FUNCTION plan_projection() IS
'almenboligloven § 168 a: per area under a development plan on its latest list (or possibly, when undetermined), the counts of the latest list year that has them plus the dwelling_change entries dated after that list and before 1 January 2030, the family-housing share now and projected to 1 January 2030, whether the 40 % target is met then, and how far it is (family units to convert, sell or demolish, or other dwellings to add instead); NULL where the counts are unknown, the total is 0 or the ledger takes more family units than there are (consistent false); paragraph: almenboligloven § 168 a';

-- ---- review of issue 13: one § 51 b decision in force for an area at a time ----

ALTER TABLE decision ADD CONSTRAINT decision_one_letting EXCLUDE USING gist (
	int4range(area_id, area_id, '[]') WITH &&, daterange(valid_from, valid_until) WITH &&)
	WHERE (kind = 'combined_letting');
COMMENT ON CONSTRAINT decision_one_letting ON decision IS
'almenboligloven § 51 b: the combined_letting decisions of an area do not overlap, so one decides the grounds on any day (end the old one, valid_until, before the new one starts)';

-- ---- boligsociale helhedsplaner: plans, coverage, twins, effects (as sql/housing_areas_postgis/95-helhedsplaner.sql) ----
-- boligsociale helhedsplaner (comprehensive social plans, funded mainly by
-- Landsbyggefonden): the plans and the areas each covers, which listed areas
-- have a plan in force on a date, twins (the most similar areas of a year)
-- and the change in a plan's areas beside the change in their twins without
-- a plan (difference in differences).
--
-- No extension beyond PostGIS is needed: "one plan per area at a time" is an
-- exclusion constraint over two ranges (int4range of the area, daterange of
-- the period), which GiST indexes without btree_gist.

-- ---- tables ----

CREATE TABLE plan_focus_area (
	focus text PRIMARY KEY CHECK (focus ~ '^[a-z][a-z_]*$'),
	label_da text NOT NULL,
	label_en text NOT NULL
);
COMMENT ON TABLE plan_focus_area IS
'focus areas (indsatsområder) of boligsociale helhedsplaner: the four of Landsbyggefonden''s 2015-2018 round; add rows for your own';
COMMENT ON COLUMN plan_focus_area.focus IS
'key of the focus area: lower-case letters and underscores';
COMMENT ON COLUMN plan_focus_area.label_da IS
'name of the focus area in Danish';
COMMENT ON COLUMN plan_focus_area.label_en IS
'name of the focus area in English';
INSERT INTO plan_focus_area VALUES
	('safety_wellbeing', 'tryghed og trivsel', 'safety and well-being'),
	('crime_prevention', 'kriminalitetsforebyggelse', 'crime prevention'),
	('education_employment', 'uddannelse og beskæftigelse', 'education and employment'),
	('prevention_parenting', 'forebyggelse og forældreansvar', 'prevention and parental responsibility');

CREATE TABLE plan_funding_source (
	source text PRIMARY KEY CHECK (source ~ '^[a-z][a-z_]*$'),
	label_da text NOT NULL,
	label_en text NOT NULL
);
COMMENT ON TABLE plan_funding_source IS
'sources of a plan''s funding (Landsbyggefonden, the municipality, the housing organisation, other); add rows for your own';
COMMENT ON COLUMN plan_funding_source.source IS
'key of the source: lower-case letters and underscores';
COMMENT ON COLUMN plan_funding_source.label_da IS
'name of the source in Danish';
COMMENT ON COLUMN plan_funding_source.label_en IS
'name of the source in English';
INSERT INTO plan_funding_source VALUES
	('landsbyggefonden', 'Landsbyggefonden', 'the National Building Fund'),
	('municipality', 'kommunen', 'the municipality'),
	('housing_organisation', 'boligorganisationen', 'the housing organisation'),
	('other', 'anden finansiering', 'other funding');

CREATE TABLE plan (
	plan_id integer PRIMARY KEY CHECK (plan_id > 0),
	name text NOT NULL CHECK (name <> ''),
	housing_organisation text NOT NULL CHECK (housing_organisation <> ''),
	-- a plan runs from a first day to a last day: never empty, never open
	-- (a daterange whose end precedes its start is refused by the type)
	period daterange NOT NULL
		CONSTRAINT plan_period_possible CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
	status text NOT NULL DEFAULT 'approved' CHECK (status IN ('application', 'approved', 'stopped')),
	municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$')
);
COMMENT ON TABLE plan IS
'boligsociale helhedsplaner: one row per plan, with its period and status; its areas in plan_area, its funding in plan_funding, its focus areas in plan_focus';
COMMENT ON COLUMN plan.plan_id IS
'identifier of the plan, 1 or more';
COMMENT ON COLUMN plan.name IS
'name of the plan';
COMMENT ON COLUMN plan.housing_organisation IS
'the housing organisation (boligorganisation) behind the plan';
COMMENT ON COLUMN plan.period IS
'the days the plan runs, as a daterange [first day, day after the last day); neither empty nor open-ended; for a stopped plan, up to the day it stopped';
COMMENT ON COLUMN plan.status IS
'application (applied for, not in force), approved (in force during its period) or stopped (in force until the end of its period, which is the day it stopped)';
COMMENT ON COLUMN plan.municipality_code IS
'four-digit code of the municipality that co-finances the plan; NULL when not recorded';

CREATE TABLE plan_area (
	plan_id integer NOT NULL REFERENCES plan ON DELETE CASCADE,
	area_id integer NOT NULL REFERENCES area ON DELETE CASCADE,
	-- filled with the plan's period when not given (trigger below)
	period daterange NOT NULL
		CONSTRAINT plan_area_period_possible CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
	PRIMARY KEY (plan_id, area_id),
	-- no two plans cover an area on the same day
	CONSTRAINT plan_area_one_plan_at_a_time
		EXCLUDE USING gist (int4range(area_id, area_id, '[]') WITH &&, period WITH &&)
);
CREATE INDEX plan_area_area_idx ON plan_area (area_id);
COMMENT ON TABLE plan_area IS
'the areas a plan covers, each with the days it covers it (within the plan''s period); a department monitored on its own is a row of area with its own polygon; an area is covered by at most one plan on any day';
COMMENT ON COLUMN plan_area.plan_id IS
'the plan (plan.plan_id); the row goes when the plan is deleted';
COMMENT ON COLUMN plan_area.area_id IS
'the area or department covered (area.area_id); the row goes when the area is deleted';
COMMENT ON COLUMN plan_area.period IS
'the days the plan covers the area, within the plan''s period: the plan''s period when not given, and it follows a change of the plan''s period while it equals it';
COMMENT ON INDEX plan_area_area_idx IS
'the plans of an area (plan_coverage, twins)';
COMMENT ON CONSTRAINT plan_area_one_plan_at_a_time ON plan_area IS
'an area is covered by at most one plan on any day: a second plan for an area starts when the first ends';

CREATE TABLE plan_funding (
	plan_id integer NOT NULL REFERENCES plan ON DELETE CASCADE,
	source text NOT NULL REFERENCES plan_funding_source ON UPDATE CASCADE,
	amount_dkk numeric NOT NULL CHECK (amount_dkk >= 0 AND amount_dkk < 1e12),
	PRIMARY KEY (plan_id, source)
);
COMMENT ON TABLE plan_funding IS
'the funding of a plan by source, in Danish kroner over the whole period';
COMMENT ON COLUMN plan_funding.plan_id IS
'the plan (plan.plan_id); the row goes when the plan is deleted';
COMMENT ON COLUMN plan_funding.source IS
'the source (plan_funding_source.source)';
COMMENT ON COLUMN plan_funding.amount_dkk IS
'the amount in Danish kroner over the plan''s period, 0 or more';

CREATE TABLE plan_focus (
	plan_id integer NOT NULL REFERENCES plan ON DELETE CASCADE,
	focus text NOT NULL REFERENCES plan_focus_area ON UPDATE CASCADE,
	PRIMARY KEY (plan_id, focus)
);
COMMENT ON TABLE plan_focus IS
'the focus areas of a plan';
COMMENT ON COLUMN plan_focus.plan_id IS
'the plan (plan.plan_id); the row goes when the plan is deleted';
COMMENT ON COLUMN plan_focus.focus IS
'the focus area (plan_focus_area.focus)';

-- an area's period: the plan's when not given, and within it
CREATE FUNCTION housing_areas_private.plan_area_period() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	plan_period daterange;
BEGIN
	SELECT p.period INTO plan_period FROM housing_areas.plan AS p WHERE p.plan_id = NEW.plan_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'insert or update on table "plan_area" violates foreign key constraint "plan_area_plan_id_fkey"'
			USING ERRCODE = 'foreign_key_violation',
				  DETAIL = pg_catalog.format('Key (plan_id)=(%s) is not present in table "plan".', NEW.plan_id);
	END IF;
	IF NEW.period IS NULL THEN
		NEW.period := plan_period;
	ELSIF NOT NEW.period <@ plan_period THEN
		RAISE EXCEPTION 'the days % to % of area % lie outside the days % to % of plan %',
			pg_catalog.to_char(pg_catalog.lower(NEW.period), 'YYYY-MM-DD'),
			pg_catalog.to_char(pg_catalog.upper(NEW.period) - 1, 'YYYY-MM-DD'), NEW.area_id,
			pg_catalog.to_char(pg_catalog.lower(plan_period), 'YYYY-MM-DD'),
			pg_catalog.to_char(pg_catalog.upper(plan_period) - 1, 'YYYY-MM-DD'), NEW.plan_id
			USING ERRCODE = 'check_violation',
				  DETAIL = 'A plan covers an area only while the plan runs.',
				  HINT = 'Leave the period out to cover the area for the whole plan, or give days within the plan''s period.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION housing_areas_private.plan_area_period() IS
'trigger of plan_area: fills a missing period with the plan''s, refuses one outside the plan''s period';
CREATE TRIGGER plan_area_period BEFORE INSERT OR UPDATE ON plan_area
	FOR EACH ROW EXECUTE FUNCTION housing_areas_private.plan_area_period();

-- a plan's new period: areas covered for the whole plan follow it, the
-- others must still lie within it
CREATE FUNCTION housing_areas_private.plan_period_change() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NEW.period IS DISTINCT FROM OLD.period THEN
		UPDATE housing_areas.plan_area AS pa SET period = NEW.period
		 WHERE pa.plan_id = NEW.plan_id AND pa.period = OLD.period;
		-- the others: the trigger of plan_area checks them on this update
		UPDATE housing_areas.plan_area AS pa SET period = pa.period
		 WHERE pa.plan_id = NEW.plan_id AND pa.period IS DISTINCT FROM NEW.period;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION housing_areas_private.plan_period_change() IS
'trigger of plan: when a plan''s period changes, its areas covered for the whole old period get the new one, and the others are checked to lie within it';
CREATE TRIGGER plan_period_change AFTER UPDATE OF period ON plan
	FOR EACH ROW EXECUTE FUNCTION housing_areas_private.plan_period_change();

-- user rows survive pg_dump; the built-in focus areas and sources are part
-- of the extension
SELECT pg_catalog.pg_extension_config_dump('plan', '');
SELECT pg_catalog.pg_extension_config_dump('plan_area', '');
SELECT pg_catalog.pg_extension_config_dump('plan_funding', '');
SELECT pg_catalog.pg_extension_config_dump('plan_focus', '');
SELECT pg_catalog.pg_extension_config_dump('plan_focus_area',
	'WHERE focus NOT IN (''safety_wellbeing'', ''crime_prevention'', ''education_employment'', ''prevention_parenting'')');
SELECT pg_catalog.pg_extension_config_dump('plan_funding_source',
	'WHERE source NOT IN (''landsbyggefonden'', ''municipality'', ''housing_organisation'', ''other'')');

-- the distance in km of twins(): between centroids, by index
CREATE INDEX area_centroid_idx ON area USING gist (ST_Centroid(geom));
COMMENT ON INDEX area_centroid_idx IS
'the centroid of each area, for twins() within a distance (ST_DWithin on centroids)';

-- ---- the list cycle ----

-- housing_areas_private.list_day(), the day of a list as a date, is in
-- 70-obligations.sql

CREATE FUNCTION list_in_force(on_date date) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	-- a list applies from its day until the next list's day
	RETURN housing_areas_private.list_year_on(on_date);
COMMENT ON FUNCTION list_in_force(date) IS
'the list year of the list in force on a date: the last list published on or before it (a list applies until the next one); 2012 from 1 October 2012 to 30 November 2013; a year before 2010 when no list was in force, NULL for an infinite date';

-- ---- coverage ----

CREATE FUNCTION housing_areas_private.check_coverage_date(on_date date) RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF housing_areas.list_in_force(on_date) IS NULL OR housing_areas.list_in_force(on_date) < 2010 THEN
		RAISE EXCEPTION 'no list was in force on %',
			coalesce(pg_catalog.to_char(on_date, 'YYYY-MM-DD'), on_date::text)
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'The first list was published on 1 October 2010.';
	END IF;
	RETURN housing_areas_private.check_list_year(housing_areas.list_in_force(on_date));
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_coverage_date(date) IS
'true for a date whose list in force area_year holds, an error otherwise (before the first list, or a list area_year lacks)';

CREATE FUNCTION plan_coverage(on_date date)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, list_status text, covered boolean, plan_id integer,
				   plan_name text, housing_organisation text, plan_period daterange,
				   covered_until date, earliest_exit date, ends_before_exit boolean)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	WITH st AS (
		SELECT s.area_id, s.name, s.municipality_code, s.list_year, s.category,
			   CASE WHEN s.on_udsat_list THEN 'udsat'
					WHEN s.category = 'forebyggelse' THEN 'forebyggelse'
					WHEN s.category = 'unknown' THEN 'unknown'
					-- on no list, but a criterion of the year's main test
					-- holds in an area passing the size gate
					WHEN s.category = 'none' AND s.criteria_met >= 1
						 AND (classify(s.ind, s.list_year)).size_ok THEN 'near'
			   END AS list_status,
			   s.development_plan,
			   housing_areas_private.list_day(s.list_year + 1) AS next_list,
			   make_date(consequence('plan_deadline')::integer, 1, 1) AS deadline
		  FROM area_status AS s
		 WHERE s.list_year = list_in_force(plan_coverage.on_date)
		   AND housing_areas_private.check_coverage_date(plan_coverage.on_date)
	)
	SELECT st.area_id, st.name, st.municipality_code, st.list_year, st.category, st.list_status,
		   cur.plan_id IS NOT NULL, cur.plan_id, cur.name, cur.housing_organisation, cur.period,
		   cov.until,
		   -- an area leaves a list on the next list at the earliest; an
		   -- omdannelse area's development plan runs until 1 January 2030
		   CASE WHEN st.list_status = 'near' THEN NULL
				WHEN st.development_plan THEN greatest(st.next_list, st.deadline)
				WHEN NOT st.development_plan THEN st.next_list END,
		   CASE WHEN cur.plan_id IS NULL OR st.list_status = 'near' THEN NULL
				WHEN cov.until < st.next_list THEN true
				WHEN cov.until >= greatest(st.next_list, st.deadline) THEN false
				WHEN st.development_plan THEN cov.until < st.deadline
				WHEN NOT st.development_plan THEN false END
	  FROM st
	  LEFT JOIN LATERAL (
		SELECT p.plan_id, p.name, p.housing_organisation, pa.period
		  FROM plan_area AS pa JOIN plan AS p ON p.plan_id = pa.plan_id
		 WHERE pa.area_id = st.area_id AND pa.period @> plan_coverage.on_date
		   AND p.status IN ('approved', 'stopped')) AS cur ON true
	  -- the end of the unbroken cover by plans (one after another) from the date
	  LEFT JOIN LATERAL (
		SELECT upper(r.r) AS until
		  FROM unnest((SELECT range_agg(pa.period)
						 FROM plan_area AS pa JOIN plan AS p ON p.plan_id = pa.plan_id
						WHERE pa.area_id = st.area_id AND p.status IN ('approved', 'stopped'))) AS r(r)
		 WHERE r.r @> plan_coverage.on_date) AS cov ON true
	 WHERE st.list_status IS NOT NULL
	 ORDER BY st.area_id;
END;
COMMENT ON FUNCTION plan_coverage(date) IS
'for a date, every area on the list in force (list_in_force()) or near one: its plan in force (an approved or stopped plan covering it that day) or none, the day its unbroken cover by plans ends, the earliest day it could leave the list (the next list; 1 January 2030 for an area under a development plan) and whether the cover ends before that; an error when area_year lacks the list in force';

CREATE FUNCTION housing_areas_private.coverage_date() RETURNS date
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- today, or the last day in force of the latest list area_year holds
	-- that was published by today; NULL when it holds none
	SELECT least(current_date, housing_areas_private.list_day(max(ay.list_year) + 1) - 1)
	  FROM area_year AS ay
	 WHERE ay.list_year <= list_in_force(current_date)
	HAVING count(*) > 0;
END;
COMMENT ON FUNCTION housing_areas_private.coverage_date() IS
'the date of gis_plan_coverage and bi_plan_coverage: today, or, when area_year lacks the list in force today, the last day in force of the latest list it holds published by today; NULL when it holds none';

CREATE VIEW gis_plan_coverage AS
SELECT c.area_id AS id, c.area_id, d.on_date, c.list_year, c.name, c.municipality_code,
	   c.category, c.list_status, c.covered, c.plan_id, c.plan_name, c.housing_organisation,
	   lower(c.plan_period) AS plan_start, upper(c.plan_period) - 1 AS plan_end,
	   c.covered_until - 1 AS covered_to, c.earliest_exit, c.ends_before_exit,
	   a.geom, c.area_id AS ogc_fid
  FROM (SELECT housing_areas_private.coverage_date() AS on_date) AS d
 CROSS JOIN LATERAL plan_coverage(d.on_date) AS c
  JOIN area AS a ON a.area_id = c.area_id;
COMMENT ON VIEW gis_plan_coverage IS
'plan_coverage() of today (or, when area_year lacks today''s list, of the last day in force of the latest list it holds) with the area polygon for GIS clients: one row per area on a list or near one, key id (the area_id), also as ogc_fid for GDAL';
COMMENT ON COLUMN gis_plan_coverage.id IS
'integer key for GIS clients: the area_id (one row per area); the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_plan_coverage.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN gis_plan_coverage.on_date IS
'the date of the coverage: today, or, when area_year lacks the list in force today, the last day in force of the latest list it holds';
COMMENT ON COLUMN gis_plan_coverage.list_year IS
'the list in force on on_date';
COMMENT ON COLUMN gis_plan_coverage.name IS
'name of the area';
COMMENT ON COLUMN gis_plan_coverage.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN gis_plan_coverage.category IS
'the category on the list in force (area_status.category)';
COMMENT ON COLUMN gis_plan_coverage.list_status IS
'udsat (on the udsat list: udsat, parallelsamfund or omdannelse), forebyggelse, unknown (missing values decide the category) or near (on no list, but a criterion of the main test holds and residents >= 1000)';
COMMENT ON COLUMN gis_plan_coverage.covered IS
'an approved or stopped plan covers the area on on_date';
COMMENT ON COLUMN gis_plan_coverage.plan_id IS
'the plan in force (plan.plan_id); NULL when none';
COMMENT ON COLUMN gis_plan_coverage.plan_name IS
'name of the plan in force; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.housing_organisation IS
'housing organisation of the plan in force; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.plan_start IS
'first day the plan in force covers the area; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.plan_end IS
'last day the plan in force covers the area; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.covered_to IS
'last day of the unbroken cover by plans (one plan after another) from on_date; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.earliest_exit IS
'the earliest day the area could leave the list: the next list''s day, or 1 January 2030 under a development plan; NULL for near areas and when the development plan is undetermined';
COMMENT ON COLUMN gis_plan_coverage.ends_before_exit IS
'the cover by plans ends before earliest_exit; NULL when no plan is in force, for near areas, and when undetermined';
COMMENT ON COLUMN gis_plan_coverage.geom IS
'the area polygon: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_plan_coverage.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view';

CREATE VIEW bi_plan_coverage AS
SELECT g.area_id, g.on_date, g.list_year, g.name, g.municipality_code, g.category,
	   category_label(g.category, g.list_year, 'en') AS category_en,
	   g.list_status, g.covered, g.plan_id, g.plan_name, g.housing_organisation,
	   g.plan_start, g.plan_end, g.covered_to, g.earliest_exit, g.ends_before_exit,
	   disclose(indicator(ay.ind, 'residents')::integer) AS residents,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat
  FROM gis_plan_coverage AS g
  JOIN area_year AS ay ON ay.area_id = g.area_id AND ay.list_year = g.list_year
 CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(g.geom), 4326) AS pt) AS p;
COMMENT ON VIEW bi_plan_coverage IS
'gis_plan_coverage in built-in types for BI tools: dates, text, booleans, residents (NULL below housing_areas.min_cell_count), lon/lat of a point inside the area in EPSG:4326';
COMMENT ON COLUMN bi_plan_coverage.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN bi_plan_coverage.on_date IS
'the date of the coverage: today, or, when area_year lacks the list in force today, the last day in force of the latest list it holds';
COMMENT ON COLUMN bi_plan_coverage.list_year IS
'the list in force on on_date';
COMMENT ON COLUMN bi_plan_coverage.name IS
'name of the area';
COMMENT ON COLUMN bi_plan_coverage.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN bi_plan_coverage.category IS
'the category on the list in force (area_status.category)';
COMMENT ON COLUMN bi_plan_coverage.category_en IS
'the English name of the category in the list year; NULL when the category did not exist that year';
COMMENT ON COLUMN bi_plan_coverage.list_status IS
'udsat (on the udsat list: udsat, parallelsamfund or omdannelse), forebyggelse, unknown (missing values decide the category) or near (on no list, but a criterion of the main test holds and residents >= 1000)';
COMMENT ON COLUMN bi_plan_coverage.covered IS
'an approved or stopped plan covers the area on on_date';
COMMENT ON COLUMN bi_plan_coverage.plan_id IS
'the plan in force (plan.plan_id); NULL when none';
COMMENT ON COLUMN bi_plan_coverage.plan_name IS
'name of the plan in force; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.housing_organisation IS
'housing organisation of the plan in force; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.plan_start IS
'first day the plan in force covers the area; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.plan_end IS
'last day the plan in force covers the area; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.covered_to IS
'last day of the unbroken cover by plans (one plan after another) from on_date; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.earliest_exit IS
'the earliest day the area could leave the list: the next list''s day, or 1 January 2030 under a development plan; NULL for near areas and when the development plan is undetermined';
COMMENT ON COLUMN bi_plan_coverage.ends_before_exit IS
'the cover by plans ends before earliest_exit; NULL when no plan is in force, for near areas, and when undetermined';
COMMENT ON COLUMN bi_plan_coverage.residents IS
'residents on the list in force; NULL when unknown or below housing_areas.min_cell_count';
COMMENT ON COLUMN bi_plan_coverage.lon IS
'longitude of a point inside the area (EPSG:4326)';
COMMENT ON COLUMN bi_plan_coverage.lat IS
'latitude of a point inside the area (EPSG:4326)';

-- ---- twins ----

CREATE FUNCTION twin_coordinates(ind indicators, list_year integer) RETURNS double precision[]
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- each criterion of the year's main test and non-Western, divided by
	-- its threshold that year (margins()); NULL when unknown or not tested
	SELECT ARRAY[max(m.value / m.threshold) FILTER (WHERE m.criterion = 'labour'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'convictions'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'education'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'income'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'nonwestern')]
	  FROM margins(twin_coordinates.ind, twin_coordinates.list_year) AS m
	 WHERE m.category IN ('udsat', 'parallelsamfund') AND m.threshold <> 0;
END;
COMMENT ON FUNCTION twin_coordinates(indicators, integer) IS
'the criteria of a record as twins() compares them: labour, convictions, education, income and non-Western, each divided by its threshold in the rules of the list year (1 = at the threshold; convictions by 3 x national_convicted from 2018); an element is NULL when the value is unknown, or the threshold is (convictions without national_convicted), or the year''s rules do not test it';

-- the distance on the five coordinates as scalars: written once, used by
-- twin_common()/twin_distance() on arrays and by area_twins on columns
CREATE FUNCTION housing_areas_private.twin_known(l1 double precision, c1 double precision,
	e1 double precision, i1 double precision, n1 double precision, l2 double precision,
	c2 double precision, e2 double precision, i2 double precision, n2 double precision)
	RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN (l1 - l2 IS NOT NULL)::integer + (c1 - c2 IS NOT NULL)::integer + (e1 - e2 IS NOT NULL)::integer
		   + (i1 - i2 IS NOT NULL)::integer + (n1 - n2 IS NOT NULL)::integer;
COMMENT ON FUNCTION housing_areas_private.twin_known(double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision) IS
'the number of the five coordinates (labour, convictions, education, income, non-Western) known in both of two records';

CREATE FUNCTION housing_areas_private.twin_rms(l1 double precision, c1 double precision,
	e1 double precision, i1 double precision, n1 double precision, l2 double precision,
	c2 double precision, e2 double precision, i2 double precision, n2 double precision,
	min_common integer)
	RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- the root mean square of the differences over the coordinates known in
	-- both; one unknown in either is left out, never guessed; rounded to 10
	-- decimals so that binary noise does not break ties
	RETURN CASE WHEN housing_areas_private.twin_known(l1, c1, e1, i1, n1, l2, c2, e2, i2, n2) >= greatest(min_common, 1)
				THEN round(sqrt((coalesce((l1 - l2) * (l1 - l2), 0) + coalesce((c1 - c2) * (c1 - c2), 0)
								 + coalesce((e1 - e2) * (e1 - e2), 0) + coalesce((i1 - i2) * (i1 - i2), 0)
								 + coalesce((n1 - n2) * (n1 - n2), 0))
								/ housing_areas_private.twin_known(l1, c1, e1, i1, n1, l2, c2, e2, i2, n2)) * 1e10) / 1e10 END;
COMMENT ON FUNCTION housing_areas_private.twin_rms(double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, integer) IS
'twin_distance() on the five coordinates of two records as scalars; NULL when fewer than min_common (at least 1) are known in both';

CREATE FUNCTION twin_common(a double precision[], b double precision[]) RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN housing_areas_private.twin_known(a[1], a[2], a[3], a[4], a[5], b[1], b[2], b[3], b[4], b[5]);
COMMENT ON FUNCTION twin_common(double precision[], double precision[]) IS
'the number of criteria known in both of two twin_coordinates() (0 to 5; 0 when either is NULL)';

CREATE FUNCTION twin_distance(a double precision[], b double precision[], min_common integer DEFAULT 3)
	RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN housing_areas_private.twin_rms(a[1], a[2], a[3], a[4], a[5], b[1], b[2], b[3], b[4], b[5], min_common);
COMMENT ON FUNCTION twin_distance(double precision[], double precision[], integer) IS
'the distance of twins(): the root mean square of the differences of two twin_coordinates() over the criteria known in both (0.1 = a tenth of the thresholds on average), rounded to 10 decimals; NULL when fewer than min_common (at least 1) are known in both';

CREATE FUNCTION housing_areas_private.check_twin_arguments(area_id integer, list_year integer, k integer,
	max_km double precision, min_common integer)
	RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM housing_areas_private.check_positive('k', k, false);
	IF max_km IS NOT NULL THEN
		PERFORM housing_areas_private.check_positive('max_km', max_km, true);
	END IF;
	IF min_common IS NULL OR min_common < 1 OR min_common > 5 THEN
		RAISE EXCEPTION 'invalid value "%" for argument "min_common"', min_common
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'twins() compares 5 criteria: the value must be from 1 to 5.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM housing_areas.area_year AS ay
					WHERE ay.area_id = check_twin_arguments.area_id
					  AND ay.list_year = check_twin_arguments.list_year) THEN
		RAISE EXCEPTION 'area % has no row in area_year for list year %', area_id, list_year
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'twins() compares the areas of one list year in area_year.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_twin_arguments(integer, integer, integer, double precision, integer) IS
'true for arguments twins() can answer, an error naming the argument otherwise (k below 1, max_km negative, min_common outside 1-5, an area without a row that year)';

CREATE FUNCTION twins(area_id integer, list_year integer, k integer DEFAULT 5,
	same_region boolean DEFAULT false, max_km double precision DEFAULT NULL,
	min_common integer DEFAULT 3, unplanned_during daterange DEFAULT NULL)
	RETURNS TABLE (rank integer, twin_id integer, name text, municipality_code text,
				   distance double precision, common_criteria integer, km double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH target AS MATERIALIZED (
		SELECT a.area_id, a.region_code, ST_Centroid(a.geom) AS centre,
			   twin_coordinates(ay.ind, ay.list_year) AS x
		  FROM area_year AS ay JOIN area AS a ON a.area_id = ay.area_id
		 WHERE ay.area_id = twins.area_id AND ay.list_year = twins.list_year
	), candidate AS MATERIALIZED (
		SELECT c.area_id, c.name, c.municipality_code, t.x,
			   twin_coordinates(ay.ind, ay.list_year) AS cx,
			   ST_Distance(ST_Centroid(c.geom), t.centre) / 1000 AS km
		  FROM target AS t
		  JOIN area AS c ON c.area_id <> t.area_id
		  JOIN area_year AS ay ON ay.area_id = c.area_id AND ay.list_year = twins.list_year
		 WHERE (NOT twins.same_region OR c.region_code = t.region_code)
		   AND (twins.max_km IS NULL OR ST_DWithin(ST_Centroid(c.geom), t.centre, twins.max_km * 1000))
		   -- never an area of a plan that covers the area that list year
		   AND NOT EXISTS (SELECT 1 FROM plan_area AS own JOIN plan_area AS o ON o.plan_id = own.plan_id
							WHERE own.area_id = t.area_id AND o.area_id = c.area_id
							  AND own.period && daterange(make_date(twins.list_year, 1, 1),
														  make_date(twins.list_year + 1, 1, 1)))
		   AND (twins.unplanned_during IS NULL
				OR NOT EXISTS (SELECT 1 FROM plan_area AS pa
								WHERE pa.area_id = c.area_id AND pa.period && twins.unplanned_during))
	)
	SELECT (row_number() OVER (ORDER BY d.distance, d.area_id))::integer,
		   d.area_id, d.name, d.municipality_code, d.distance, d.common_criteria, d.km
	  FROM (SELECT c.area_id, c.name, c.municipality_code, c.km,
				   twin_distance(c.x, c.cx, twins.min_common) AS distance,
				   twin_common(c.x, c.cx) AS common_criteria
			  FROM candidate AS c) AS d
	 WHERE d.distance IS NOT NULL
	 ORDER BY d.distance, d.area_id
	 -- the checks here: a LIMIT is evaluated even when nothing is fetched
	 LIMIT CASE WHEN housing_areas_private.check_twin_arguments(twins.area_id, twins.list_year, twins.k,
																twins.max_km, twins.min_common)
				THEN twins.k END;
END;
COMMENT ON FUNCTION twins(integer, integer, integer, boolean, double precision, integer, daterange) IS
'the k areas most like an area in a list year, by twin_distance() of their twin_coordinates() (criteria scaled by their thresholds; criteria unknown in either left out; pairs with fewer than min_common criteria known in both are no twins), ties by area_id; optionally in the same region, within max_km between centroids, and without a plan on any day of unplanned_during; never an area covered by a plan of the area''s own that year; an error for an area without a row that year';

CREATE VIEW area_twins AS
-- every record's coordinates once, as columns; the pairs of each year by a
-- hash join, ranked per record
WITH coordinates AS MATERIALIZED (
	SELECT ay.area_id, ay.list_year, twin_coordinates(ay.ind, ay.list_year) AS x
	  FROM area_year AS ay
	 WHERE ay.ind IS NOT NULL
), x AS MATERIALIZED (
	SELECT c.area_id, c.list_year, c.x[1] AS l, c.x[2] AS c, c.x[3] AS e, c.x[4] AS i, c.x[5] AS n
	  FROM coordinates AS c
), pairs AS (
	SELECT t.area_id, t.list_year, o.area_id AS twin_id,
		   housing_areas_private.twin_rms(t.l, t.c, t.e, t.i, t.n, o.l, o.c, o.e, o.i, o.n, 3) AS distance,
		   housing_areas_private.twin_known(t.l, t.c, t.e, t.i, t.n, o.l, o.c, o.e, o.i, o.n) AS common_criteria
	  FROM x AS t
	  JOIN x AS o ON o.list_year = t.list_year AND o.area_id <> t.area_id
	 WHERE NOT EXISTS (SELECT 1 FROM plan_area AS own JOIN plan_area AS p ON p.plan_id = own.plan_id
						WHERE own.area_id = t.area_id AND p.area_id = o.area_id
						  AND own.period && daterange(make_date(t.list_year, 1, 1), make_date(t.list_year + 1, 1, 1)))
), ranked AS (
	SELECT p.*, (row_number() OVER (PARTITION BY p.area_id, p.list_year ORDER BY p.distance, p.twin_id))::integer AS rank
	  FROM pairs AS p
	 WHERE p.distance IS NOT NULL
)
SELECT r.area_id, r.list_year, r.rank, r.twin_id, r.distance, r.common_criteria
  FROM ranked AS r
 WHERE r.rank <= 5;
COMMENT ON VIEW area_twins IS
'the 5 twins of every area in every list year: twins(area_id, list_year) with its defaults (any region, at least 3 criteria known in both), computed for all rows at once (each record''s twin_coordinates() once)';
COMMENT ON COLUMN area_twins.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN area_twins.list_year IS
'the list year compared';
COMMENT ON COLUMN area_twins.rank IS
'1 for the most similar area, up to 5';
COMMENT ON COLUMN area_twins.twin_id IS
'the twin (area.area_id)';
COMMENT ON COLUMN area_twins.distance IS
'twin_distance() of the two records (0.1 = a tenth of the thresholds on average)';
COMMENT ON COLUMN area_twins.common_criteria IS
'the number of criteria known in both records, 3 to 5';

-- ---- effects ----

CREATE FUNCTION housing_areas_private.check_plan(plan_id integer, k integer) RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM housing_areas_private.check_positive('k', k, false);
	IF NOT EXISTS (SELECT 1 FROM housing_areas.plan AS p WHERE p.plan_id = check_plan.plan_id) THEN
		RAISE EXCEPTION 'no plan %', coalesce(plan_id::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The plans are the rows of housing_areas.plan.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_plan(integer, integer) IS
'true for a plan in the table plan and a k of 1 or more, an error otherwise';

CREATE FUNCTION plan_effects(plan_id integer, k integer DEFAULT 5)
	RETURNS TABLE (criterion text, from_list integer, to_list integer,
				   plan_areas integer, plan_before double precision, plan_after double precision,
				   plan_change double precision,
				   twin_areas integer, twin_before double precision, twin_after double precision,
				   twin_change double precision, difference double precision, note text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH p AS MATERIALIZED (
		-- from the list in force on the plan's first day to the list in force
		-- on its last day (or the latest list held, while it runs)
		SELECT pl.plan_id, pl.period,
			   list_in_force(lower(pl.period)) AS from_list,
			   least(list_in_force(upper(pl.period) - 1), (SELECT latest_list_year())) AS to_list
		  FROM plan AS pl
		 WHERE pl.plan_id = plan_effects.plan_id
		   AND housing_areas_private.check_plan(plan_effects.plan_id, plan_effects.k)
	), plan_areas AS MATERIALIZED (
		-- the plan's areas with a row on the list before the plan
		SELECT pa.area_id, p.from_list, p.period
		  FROM p JOIN plan_area AS pa ON pa.plan_id = p.plan_id
		 WHERE EXISTS (SELECT 1 FROM area_year AS ay WHERE ay.area_id = pa.area_id AND ay.list_year = p.from_list)
	), groups AS (
		SELECT 'plan' AS grp, pa.area_id FROM p JOIN plan_area AS pa ON pa.plan_id = p.plan_id
		UNION
		-- each area's twins on the list before the plan, among the areas
		-- without a plan on any day of the plan's period
		SELECT 'twins', t.twin_id
		  FROM plan_areas AS pa
		 CROSS JOIN LATERAL twins(pa.area_id, pa.from_list, plan_effects.k, unplanned_during => pa.period) AS t
	), v AS (
		-- each area's value as disclosed_criteria() shows it (NULL when
		-- unknown or hidden), on the list before and on the last list
		SELECT g.grp, c.criterion,
			   CASE c.criterion WHEN 'outside_labour' THEN db.outside_labour_pct WHEN 'convicted' THEN db.convicted_pct
					WHEN 'basic_education' THEN db.basic_education_pct WHEN 'income' THEN db.income_pct
					ELSE db.nonwestern_pct END AS before,
			   CASE c.criterion WHEN 'outside_labour' THEN de.outside_labour_pct WHEN 'convicted' THEN de.convicted_pct
					WHEN 'basic_education' THEN de.basic_education_pct WHEN 'income' THEN de.income_pct
					ELSE de.nonwestern_pct END AS after
		  FROM groups AS g CROSS JOIN p
		 CROSS JOIN (VALUES ('outside_labour'), ('convicted'), ('basic_education'),
							('income'), ('nonwestern')) AS c(criterion)
		  LEFT JOIN area_year AS b ON b.area_id = g.area_id AND b.list_year = p.from_list
		  LEFT JOIN LATERAL disclosed_criteria(b.ind, b.persons, b.list_year) AS db ON true
		  LEFT JOIN area_year AS e ON e.area_id = g.area_id AND e.list_year = p.to_list
		  LEFT JOIN LATERAL disclosed_criteria(e.ind, e.persons, e.list_year) AS de ON true
	), s AS (
		-- each figure from the areas with the value shown on both lists
		SELECT v.grp, v.criterion,
			   (count(*) FILTER (WHERE v.before IS NOT NULL AND v.after IS NOT NULL))::integer AS n,
			   avg(v.before) FILTER (WHERE v.after IS NOT NULL) AS before,
			   avg(v.after) FILTER (WHERE v.before IS NOT NULL) AS after
		  FROM v GROUP BY v.grp, v.criterion
	)
	SELECT c.criterion, p.from_list, p.to_list,
		   coalesce(pl.n, 0), pl.before, pl.after,
		   CASE WHEN p.to_list > p.from_list THEN pl.after - pl.before END,
		   coalesce(tw.n, 0), tw.before, tw.after,
		   CASE WHEN p.to_list > p.from_list THEN tw.after - tw.before END,
		   CASE WHEN p.to_list > p.from_list THEN (pl.after - pl.before) - (tw.after - tw.before) END,
		   'a comparison, not proof of cause: the change in the plan''s areas beside the change in similar areas without a plan; other differences between the areas, chance and the choice of twins can explain a difference as well as the plan can'
	  FROM p
	 CROSS JOIN (VALUES (1, 'outside_labour'), (2, 'convicted'), (3, 'basic_education'),
						(4, 'income'), (5, 'nonwestern')) AS c(ord, criterion)
	  LEFT JOIN s AS pl ON pl.grp = 'plan' AND pl.criterion = c.criterion
	  LEFT JOIN s AS tw ON tw.grp = 'twins' AND tw.criterion = c.criterion
	 ORDER BY c.ord;
END;
COMMENT ON FUNCTION plan_effects(integer, integer) IS
'difference in differences for a plan, per criterion value (outside_labour, convicted, basic_education, income, nonwestern, in %): the mean in the plan''s areas on the list in force when it started (from_list) and on the list in force on its last day or the latest list held (to_list), beside the same for the twins (twins(), k per area, on from_list) that no plan covered on any day of the plan''s period; each figure from the areas whose value disclosed_criteria() shows on both lists (plan_areas, twin_areas), so nothing hidden for an area enters it; changes NULL until a later list is held. A comparison, not proof of cause: other differences between the areas, chance and the choice of twins can explain a difference as well as the plan can';

-- ---- own monitoring: each row on its own (a GIS fetch by id computes one row), previous_tier of the year before, tier_of inlined ----
DROP VIEW gis_monitoring_status_points;
DROP VIEW gis_monitoring_status;
DROP VIEW bi_monitoring_status;
DROP FUNCTION monitoring_status(text);
DROP FUNCTION housing_areas_private.monitoring_rows(smallint);
DROP FUNCTION monitoring_tier(indicators, integer, text);
DROP FUNCTION housing_areas_private.tier_of(indicators, integer, smallint);

CREATE FUNCTION housing_areas_private.tier_of(ind indicators, year integer, scheme_id smallint)
	RETURNS TABLE (tier integer, rule_set text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- one row; a set-returning function so that a call in FROM is inlined
	-- into the caller's plan (three times as fast as a call per row)
	-- the tiers from the most severe down: the first whose rule set gives
	-- a category decides; an unknown one before it leaves the tier unknown
	-- (it might hold), and when none holds the tier is 0, decided by the
	-- least severe set
	WITH t AS (
		SELECT ts.tier, ts.rule_set,
			   COALESCE(category(tier_of.ind, tier_of.year, ts.rule_set), 'unknown') AS category
		  FROM tier_scheme AS ts
		 WHERE ts.scheme_id = tier_of.scheme_id
	), deciding AS (
		SELECT t.tier, t.rule_set, t.category
		  FROM t
		 WHERE t.category <> 'none'
		 ORDER BY t.tier DESC
		 LIMIT 1
	)
	SELECT CASE WHEN d.category IS NULL THEN 0
				WHEN d.category <> 'unknown' THEN d.tier END,
		   COALESCE(d.rule_set, (SELECT t.rule_set FROM t ORDER BY t.tier LIMIT 1))
	  FROM (SELECT 1) AS one
	  LEFT JOIN deciding AS d ON true;
END;
COMMENT ON FUNCTION housing_areas_private.tier_of(indicators, integer, smallint) IS
'one row: the tier of one record under a scheme (by its scheme_id) and the rule set that decides it: the highest tier whose rule set gives a category other than none; NULL when a set above it is undetermined (unknown, or no indicators); 0 when none holds, decided by the lowest tier''s set';

CREATE FUNCTION monitoring_tier(ind indicators, year integer, scheme text) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT t.tier
	  FROM housing_areas_private.tier_of(monitoring_tier.ind, monitoring_tier.year,
										 housing_areas_private.scheme_id(monitoring_tier.scheme)) AS t;
END;
COMMENT ON FUNCTION monitoring_tier(indicators, integer, text) IS
'the tier of one record (indicators of a year) under a tier scheme: the highest tier whose user rule set gives a category other than none, 0 when none does; NULL when a more severe tier''s set is undetermined by missing values or the indicators are NULL; an error for an unknown scheme or one without tiers';

CREATE FUNCTION housing_areas_private.monitoring_rows(scheme_id smallint)
	RETURNS TABLE (unit_id integer, year integer, name text, kind text, tenure text,
				   municipality_code text, tier integer, rules text,
				   criteria_met integer, criteria_unknown integer, criteria text,
				   previous_year integer, previous_tier integer,
				   area_id integer, area_match text, list_category text,
				   ind indicators, persons tally,
				   previous_ind indicators, previous_persons tally)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- Each row on its own, no window function: the caller's condition on
	-- unit_id, year and scheme (a GIS fetch by id) is checked on
	-- monitoring_year before the work of the row (the LATERAL subquery,
	-- kept one by OFFSET 0), and the year before is looked up by the
	-- primary key (unit_id, year - 1).
	SELECT my.unit_id, my.year, u.name, u.kind, u.tenure, u.municipality_code,
		   r.tier, r.rule_set, r.met, r.undetermined, r.criteria,
		   r.previous_year, r.previous_tier,
		   r.area_id, r.area_match, r.list_category,
		   my.ind, my.persons, r.previous_ind, r.previous_persons
	  FROM monitoring_year AS my
	  JOIN monitoring_unit AS u ON u.unit_id = my.unit_id
	 CROSS JOIN LATERAL (
		SELECT t.tier, t.rule_set,
			   CASE WHEN my.ind IS NOT NULL THEN k.met END AS met,
			   CASE WHEN my.ind IS NOT NULL THEN k.undetermined END AS undetermined,
			   k.criteria,
			   pv.year AS previous_year, pv.tier AS previous_tier,
			   pv.ind AS previous_ind, pv.persons AS previous_persons,
			   pl.area_id,
			   CASE WHEN u.area_id IS NOT NULL THEN 'area_id'
					WHEN pl.area_id IS NOT NULL THEN 'spatial' END AS area_match,
			   st.category AS list_category
		  FROM housing_areas_private.tier_of(my.ind, my.year, monitoring_rows.scheme_id) AS t
		 CROSS JOIN LATERAL (
			-- the criteria of the deciding set (margins()), the size gate
			-- shown but not counted
			SELECT (count(*) FILTER (WHERE m.category <> 'all' AND m.met))::integer AS met,
				   (count(*) FILTER (WHERE m.category <> 'all' AND m.met IS NULL))::integer AS undetermined,
				   string_agg(m.criterion || ' ' || COALESCE(m.value::text, 'unknown') || ' '
							  || m.operator || ' ' || m.threshold
							  || CASE WHEN m.criterion = 'convictions' AND m.unit <> '%' THEN ' x national' ELSE '' END
							  || CASE m.met WHEN true THEN ' met' WHEN false THEN ' not met' ELSE ' undetermined' END,
							  '; ') AS criteria
			  FROM margins(my.ind, my.year, t.rule_set) AS m) AS k
		  -- the year before: the unit's row of year - 1, none when it has
		  -- no row that year (a missing year is not skipped)
		  LEFT JOIN LATERAL (
			SELECT py.year, pt.tier, py.ind, py.persons
			  FROM monitoring_year AS py
			 CROSS JOIN LATERAL housing_areas_private.tier_of(py.ind, py.year, monitoring_rows.scheme_id) AS pt
			 WHERE py.unit_id = my.unit_id AND py.year = my.year - 1) AS pv ON true
		  -- the legal area: as given, else the one whose polygon contains
		  -- the unit's point (its address point, else a point inside it)
		 CROSS JOIN LATERAL (
			SELECT COALESCE(u.area_id,
							(SELECT a.area_id FROM area AS a
							  WHERE u.area_id IS NULL
								AND ST_Contains(a.geom, COALESCE(u.point, ST_PointOnSurface(u.geom)))
							  ORDER BY a.area_id LIMIT 1)) AS area_id) AS pl
		  LEFT JOIN LATERAL (SELECT h.category FROM area_status AS h
							  WHERE h.area_id = pl.area_id AND h.list_year = my.year) AS st ON true
		OFFSET 0) AS r;
END;
COMMENT ON FUNCTION housing_areas_private.monitoring_rows(smallint) IS
'the rows of monitoring_status() for a scheme by its scheme_id, unordered, with the indicators and the tally of each row and of the unit''s year before (for the disclosed views); each row is computed on its own, so a condition on unit_id and year is applied before the work';

CREATE FUNCTION monitoring_status(scheme text)
	RETURNS TABLE (unit_id integer, year integer, name text, kind text, tenure text,
				   municipality_code text, tier integer, rules text,
				   criteria_met integer, criteria_unknown integer, criteria text,
				   previous_year integer, previous_tier integer,
				   area_id integer, area_match text, list_category text)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT r.unit_id, r.year, r.name, r.kind, r.tenure, r.municipality_code, r.tier, r.rules,
		   r.criteria_met, r.criteria_unknown, r.criteria, r.previous_year, r.previous_tier,
		   r.area_id, r.area_match, r.list_category
	  FROM monitoring_scheme AS s
	 CROSS JOIN LATERAL housing_areas_private.monitoring_rows(s.scheme_id) AS r
	 -- the scheme looked up once (an InitPlan), and checked before any
	 -- row (a one-time filter): an unknown scheme is an error also when
	 -- there are no rows; monitoring_rows of a column, not of a
	 -- subquery, is inlined (twice as fast)
	 WHERE s.scheme_id = (SELECT housing_areas_private.scheme_id(monitoring_status.scheme))
	   AND (SELECT housing_areas_private.scheme_id(monitoring_status.scheme)) IS NOT NULL
	 ORDER BY r.unit_id, r.year;
END;
COMMENT ON FUNCTION monitoring_status(text) IS
'per monitoring unit and year (monitoring_year) under a tier scheme: the tier (highest tier whose rule set holds, 0 when none, NULL when a more severe set is undetermined), the rule set that decides it (the tier''s, the lowest tier''s for 0, the undetermined one for NULL), its criteria met and undetermined and each of them as text (margins(): criterion, value, operator, threshold, met / not met / undetermined), the tier of the unit''s year before (year - 1; NULL when the unit has no row that year: a missing year is not bridged), and the legal area beside it with its category on the official list that year (area_status); the analyst''s face, not for publication: criteria, criteria_met and the tiers show the person figures of small populations without disclosure control (publish bi_monitoring_status or the GIS layers, which apply min_cell_count); an error for an unknown scheme or one without tiers';

-- ---- faces for BI and GIS tools ----

CREATE VIEW bi_monitoring_status AS
-- every scheme with tiers, every unit and year; person figures through
-- disclosed_criteria(), and when one of a row's values is hidden its tier
-- and counts of criteria are hidden with it (with the thresholds of the
-- rule sets they would bound the hidden value), and so is the previous
-- tier of the row of the year after. No window function: a condition on
-- scheme_id, unit_id and year (the GIS key) reaches monitoring_year
-- before the work of a row (monitoring_rows).
WITH h AS (
	SELECT s.scheme_id, s.name AS scheme, m.unit_id, m.year, m.name, m.kind, m.tenure,
		   m.municipality_code, m.tier, m.rules, m.criteria_met, m.criteria_unknown,
		   m.previous_year, m.previous_tier, m.area_id, m.area_match, m.list_category,
		   d.residents, d.nonwestern_pct, d.outside_labour_pct, d.convicted_pct,
		   d.basic_education_pct, d.income_pct, d.suppressed,
		   cardinality(d.suppressed) > 0 AS hide,
		   cardinality(pd.suppressed) > 0 AS previous_hide
	  FROM monitoring_scheme AS s
	 CROSS JOIN LATERAL housing_areas_private.monitoring_rows(s.scheme_id) AS m
	 CROSS JOIN LATERAL disclosed_criteria(m.ind, m.persons, m.year) AS d
	  LEFT JOIN LATERAL disclosed_criteria(m.previous_ind, m.previous_persons, m.previous_year) AS pd
		ON m.previous_year IS NOT NULL
	 WHERE EXISTS (SELECT 1 FROM tier_scheme AS t WHERE t.scheme_id = s.scheme_id)
)
SELECT h.scheme_id, h.scheme, h.unit_id, h.year, h.name, h.kind, h.tenure, h.municipality_code,
	   CASE WHEN NOT h.hide THEN h.tier END AS tier,
	   h.rules,
	   CASE WHEN NOT h.hide THEN h.criteria_met END AS criteria_met,
	   CASE WHEN NOT h.hide THEN h.criteria_unknown END AS criteria_unknown,
	   h.previous_year,
	   CASE WHEN NOT h.previous_hide THEN h.previous_tier END AS previous_tier,
	   h.area_id, h.area_match, h.list_category,
	   h.residents, h.nonwestern_pct, h.outside_labour_pct, h.convicted_pct,
	   h.basic_education_pct, h.income_pct,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat,
	   concat_ws(',',
				 CASE WHEN h.hide AND h.tier IS NOT NULL THEN 'tier' END,
				 CASE WHEN h.hide AND h.criteria_met IS NOT NULL THEN 'criteria_met' END,
				 CASE WHEN h.hide AND h.criteria_unknown IS NOT NULL THEN 'criteria_unknown' END,
				 CASE WHEN h.previous_hide AND h.previous_tier IS NOT NULL THEN 'previous_tier' END,
				 NULLIF(housing_areas_private.suppressed_columns(h.suppressed,
					 '{residents,nonwestern_pct,outside_labour_pct,convicted_pct,basic_education_pct,income_pct}'), ''))
		   AS suppressed
  FROM h
  JOIN monitoring_unit AS u ON u.unit_id = h.unit_id
 CROSS JOIN LATERAL (SELECT ST_Transform(COALESCE(u.point, ST_PointOnSurface(u.geom)), 4326) AS pt) AS p;
COMMENT ON VIEW bi_monitoring_status IS
'monitoring_status() of every tier scheme with tiers, in built-in types for BI tools: one row per scheme, unit and year, the indicators as shares through disclosed_criteria() (housing_areas.min_cell_count; populations from monitoring_year.persons), lon/lat of the unit''s point; when any person figure of a row is hidden, its tier and counts of criteria are hidden too (and the previous_tier of the next year), and the column suppressed names what is hidden';
COMMENT ON COLUMN bi_monitoring_status.scheme_id IS
'the scheme (monitoring_scheme.scheme_id)';
COMMENT ON COLUMN bi_monitoring_status.scheme IS
'name of the scheme';
COMMENT ON COLUMN bi_monitoring_status.unit_id IS
'the unit (monitoring_unit.unit_id)';
COMMENT ON COLUMN bi_monitoring_status.year IS
'the year of the indicators, read as a list year';
COMMENT ON COLUMN bi_monitoring_status.name IS
'name of the unit';
COMMENT ON COLUMN bi_monitoring_status.kind IS
'what the unit is (department, parish, own ...)';
COMMENT ON COLUMN bi_monitoring_status.tenure IS
'the tenure of its dwellings (almen, privat, andel, ejer, blandet); NULL when not recorded';
COMMENT ON COLUMN bi_monitoring_status.municipality_code IS
'four-digit municipality code of the unit; NULL when not recorded';
COMMENT ON COLUMN bi_monitoring_status.tier IS
'the tier under the scheme: the highest tier whose rule set holds, 0 when none does; NULL when a more severe tier''s set is undetermined, or suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_monitoring_status.rules IS
'the user rule set that decides the tier: the tier''s own, the lowest tier''s for tier 0, the undetermined one for an unknown tier';
COMMENT ON COLUMN bi_monitoring_status.criteria_met IS
'the criteria of the deciding rule set met (rows of margins() with met true, the size gate not counted); NULL when the row has no indicators, or suppressed for disclosure';
COMMENT ON COLUMN bi_monitoring_status.criteria_unknown IS
'the criteria of the deciding rule set undetermined for missing values (rows of margins() with met NULL, the size gate not counted); NULL when the row has no indicators, or suppressed for disclosure';
COMMENT ON COLUMN bi_monitoring_status.previous_year IS
'the year before (year - 1) when the unit has a row of it in monitoring_year; NULL otherwise (its first year, or the year before missing)';
COMMENT ON COLUMN bi_monitoring_status.previous_tier IS
'the tier in previous_year; NULL without previous_year (the year before missing), when undetermined, or when suppressed for disclosure in that year';
COMMENT ON COLUMN bi_monitoring_status.area_id IS
'the legal area beside the unit: monitoring_unit.area_id where given, else the area whose polygon contains the unit''s point; NULL when none';
COMMENT ON COLUMN bi_monitoring_status.area_match IS
'how area_id was found: area_id (given in monitoring_unit) or spatial (the unit''s point in the area''s polygon); NULL without an area';
COMMENT ON COLUMN bi_monitoring_status.list_category IS
'the legal area''s category that year on the official lists (area_status.category: omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown); NULL without an area or without its row that year in area_year';
COMMENT ON COLUMN bi_monitoring_status.residents IS
'residents of the unit; NULL when unknown or suppressed for disclosure (1 to min_cell_count() - 1)';
COMMENT ON COLUMN bi_monitoring_status.nonwestern_pct IS
'non-Western immigrants and descendants, % of residents; NULL when unknown or suppressed for disclosure (disclosed_criteria())';
COMMENT ON COLUMN bi_monitoring_status.outside_labour_pct IS
'residents aged 18-64 outside the labour market or education, %; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population persons_18_64 of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.convicted_pct IS
'convicted residents aged 18+, %; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population persons_18plus of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.basic_education_pct IS
'residents aged 30-59 with only basic schooling, %; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population persons_30_59 of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.income_pct IS
'mean gross income of taxpayers aged 15-64, students excluded, % of the regional mean; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population taxpayers_15_64 of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.lon IS
'longitude in degrees (EPSG:4326) of the unit''s address point, else of a point inside its boundary; NULL without either';
COMMENT ON COLUMN bi_monitoring_status.lat IS
'latitude in degrees (EPSG:4326) of the same point; NULL without it';
COMMENT ON COLUMN bi_monitoring_status.suppressed IS
'the columns of this row hidden for disclosure, comma-separated: tier, criteria_met, criteria_unknown, previous_tier, then the person figures (residents, nonwestern_pct, outside_labour_pct, convicted_pct, basic_education_pct, income_pct); empty when nothing is hidden (a NULL not listed is unknown)';

CREATE VIEW gis_monitoring_status AS
SELECT (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS id,
	   b.scheme, b.unit_id, b.year, b.name, b.kind, b.tenure, b.municipality_code,
	   b.tier, b.previous_tier, b.area_id, b.list_category,
	   u.geom,
	   (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS ogc_fid,
	   b.suppressed
  FROM bi_monitoring_status AS b
  JOIN monitoring_unit AS u ON u.unit_id = b.unit_id
 WHERE u.geom IS NOT NULL;
COMMENT ON VIEW gis_monitoring_status IS
'bi_monitoring_status for GIS clients, the units with a boundary: key id first (bigint: (unit_id * 100 + scheme_id) * 100 + the last two digits of the year), the same key as ogc_fid for GDAL, geometry(MultiPolygon, 25832); tiers disclosed as in bi_monitoring_status; filter on scheme and year for one map; a fetch by id or ogc_fid computes that row only';
COMMENT ON COLUMN gis_monitoring_status.id IS
'key for GIS clients: (unit_id * 100 + scheme_id) * 100 + year % 100, unique for years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_monitoring_status.scheme IS
'name of the tier scheme';
COMMENT ON COLUMN gis_monitoring_status.unit_id IS
'the unit (monitoring_unit.unit_id)';
COMMENT ON COLUMN gis_monitoring_status.year IS
'the year of the indicators, read as a list year';
COMMENT ON COLUMN gis_monitoring_status.name IS
'name of the unit';
COMMENT ON COLUMN gis_monitoring_status.kind IS
'what the unit is (department, parish, own ...)';
COMMENT ON COLUMN gis_monitoring_status.tenure IS
'the tenure of its dwellings (almen, privat, andel, ejer, blandet); NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status.municipality_code IS
'four-digit municipality code of the unit; NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status.tier IS
'the tier under the scheme (0 when no tier holds); NULL when undetermined or suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_monitoring_status.previous_tier IS
'the tier of the unit''s year before (year - 1); NULL when it has no row that year, when undetermined or suppressed';
COMMENT ON COLUMN gis_monitoring_status.area_id IS
'the legal area beside the unit (given, else spatial); NULL when none';
COMMENT ON COLUMN gis_monitoring_status.list_category IS
'the legal area''s category that year on the official lists (area_status); NULL without an area or its row that year';
COMMENT ON COLUMN gis_monitoring_status.geom IS
'the unit boundary: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_monitoring_status.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view';
COMMENT ON COLUMN gis_monitoring_status.suppressed IS
'the columns of the row of bi_monitoring_status hidden for disclosure, comma-separated (tier and previous_tier among them); empty when nothing is hidden';

CREATE VIEW gis_monitoring_status_points AS
SELECT (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS id,
	   b.scheme, b.unit_id, b.year, b.name, b.kind, b.tenure, b.municipality_code,
	   b.tier, b.previous_tier, b.area_id, b.list_category,
	   COALESCE(u.point, ST_PointOnSurface(u.geom))::geometry(Point, 25832) AS geom,
	   (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS ogc_fid,
	   b.suppressed
  FROM bi_monitoring_status AS b
  JOIN monitoring_unit AS u ON u.unit_id = b.unit_id
 WHERE u.point IS NOT NULL OR u.geom IS NOT NULL;
COMMENT ON VIEW gis_monitoring_status_points IS
'bi_monitoring_status for GIS clients as points, every unit with an address point or a boundary (departments often have only an address): key id first (bigint, as gis_monitoring_status), ogc_fid for GDAL, geometry(Point, 25832); tiers disclosed as in bi_monitoring_status; a fetch by id or ogc_fid computes that row only';
COMMENT ON COLUMN gis_monitoring_status_points.id IS
'key for GIS clients: (unit_id * 100 + scheme_id) * 100 + year % 100, unique for years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_monitoring_status_points.scheme IS
'name of the tier scheme';
COMMENT ON COLUMN gis_monitoring_status_points.unit_id IS
'the unit (monitoring_unit.unit_id)';
COMMENT ON COLUMN gis_monitoring_status_points.year IS
'the year of the indicators, read as a list year';
COMMENT ON COLUMN gis_monitoring_status_points.name IS
'name of the unit';
COMMENT ON COLUMN gis_monitoring_status_points.kind IS
'what the unit is (department, parish, own ...)';
COMMENT ON COLUMN gis_monitoring_status_points.tenure IS
'the tenure of its dwellings (almen, privat, andel, ejer, blandet); NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status_points.municipality_code IS
'four-digit municipality code of the unit; NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status_points.tier IS
'the tier under the scheme (0 when no tier holds); NULL when undetermined or suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_monitoring_status_points.previous_tier IS
'the tier of the unit''s year before (year - 1); NULL when it has no row that year, when undetermined or suppressed';
COMMENT ON COLUMN gis_monitoring_status_points.area_id IS
'the legal area beside the unit (given, else spatial); NULL when none';
COMMENT ON COLUMN gis_monitoring_status_points.list_category IS
'the legal area''s category that year on the official lists (area_status); NULL without an area or its row that year';
COMMENT ON COLUMN gis_monitoring_status_points.geom IS
'the unit''s address point, else a point inside its boundary: Point in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_monitoring_status_points.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view';
COMMENT ON COLUMN gis_monitoring_status_points.suppressed IS
'the columns of the row of bi_monitoring_status hidden for disclosure, comma-separated (tier and previous_tier among them); empty when nothing is hidden';

-- ---- twins: area_twins per list year by housing_areas_private.nearest_twins() (k-d trees in C) ----
-- the same columns and rows as before; the columns keep their comments
CREATE OR REPLACE VIEW area_twins AS
-- every record's coordinates once; per list year, the 5 nearest of each
-- record by housing_areas_private.nearest_twins() (k-d trees in C, the
-- distance of twin_rms() bit for bit), never an area of a plan that covers
-- the record's area that list year
WITH coordinates AS MATERIALIZED (
	SELECT ay.area_id, ay.list_year, twin_coordinates(ay.ind, ay.list_year) AS x
	  FROM area_year AS ay
	 WHERE ay.ind IS NOT NULL
), years AS (
	SELECT c.list_year, array_agg(c.area_id ORDER BY c.area_id) AS ids,
		   array_agg(c.x ORDER BY c.area_id) AS xs
	  FROM coordinates AS c
	 GROUP BY c.list_year
), excluded AS (
	-- (record, area of a plan that covers the record's area that list year)
	SELECT c.list_year, array_agg(own.area_id) AS area_ids, array_agg(p.area_id) AS twin_ids
	  FROM coordinates AS c
	  JOIN plan_area AS own ON own.area_id = c.area_id
						   AND own.period && daterange(make_date(c.list_year, 1, 1), make_date(c.list_year + 1, 1, 1))
	  JOIN plan_area AS p ON p.plan_id = own.plan_id AND p.area_id <> own.area_id
	 GROUP BY c.list_year
)
SELECT t.area_id, y.list_year, t.rank, t.twin_id, t.distance, t.common_criteria
  FROM years AS y
  LEFT JOIN excluded AS e ON e.list_year = y.list_year
 CROSS JOIN LATERAL housing_areas_private.nearest_twins(y.ids, y.xs, coalesce(e.area_ids, '{}'),
														 coalesce(e.twin_ids, '{}'), 5, 3) AS t;
COMMENT ON VIEW area_twins IS
'the 5 twins of every area in every list year: twins(area_id, list_year) with its defaults (any region, at least 3 criteria known in both), computed for all rows at once (each record''s twin_coordinates() once, then the nearest of each list year by k-d trees in C, exact: the rows all pairs give)';

-- ---- category enum ----
-- area_year.official_category and the category columns of area_status are
-- the enum category of housing_areas (unknown first, then by severity); the
-- GIS and BI views keep text.  A column type cannot change under a view or
-- a function with a SQL-standard body, so everything built on the column
-- and on on_udsat_list/on_a_list (whose argument becomes the enum) is
-- saved, dropped and created again: the extension's own views and
-- functions from their definitions in this version (listed below), the
-- user's from their saved definitions, with their owner, grants and
-- comments.  A user's object that no longer fits the enum (a comparison of
-- official_category or area_status.category with a text value) stops the
-- update with its name and what to do; nothing changes then.  This block
-- comes last, after every block that creates such objects (re-created here
-- from this version's files): a block added later belongs above it.
CREATE TABLE housing_areas_private.category_update_source (
	name text PRIMARY KEY,
	create_command text NOT NULL
);
CREATE TABLE housing_areas_private.category_update_saved (
	ord integer NOT NULL,
	kind text NOT NULL,
	name text NOT NULL,
	member boolean NOT NULL,
	source_name text NOT NULL,
	drop_command text NOT NULL,
	create_command text NOT NULL,
	after_commands text[] NOT NULL
);

-- the definitions of this version of every view and function that can
-- depend on the column, generated from sql/housing_areas_postgis/*.sql by
-- test/category-sources.py (run it with --write after changing them)
-- category sources: begin
INSERT INTO housing_areas_private.category_update_source (name, create_command) VALUES
	('housing_areas_private.on_udsat_list', $src$CREATE FUNCTION housing_areas_private.on_udsat_list(c classification, official_category category) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- omdannelse areas are parallelsamfund areas, which are udsat areas, so
	-- the answer needs no history; NULL when missing values decide it
	RETURN CASE WHEN official_category IN ('udsat', 'parallelsamfund', 'omdannelse') THEN true
				WHEN official_category IS NOT NULL THEN false
				ELSE (c).udsat OR (c).parallelsamfund END;$src$),
	('housing_areas_private.on_a_list', $src$CREATE FUNCTION housing_areas_private.on_a_list(c classification, official_category category) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- forebyggelse is the raw § 61 b test minus udsat areas, so "udsat or
	-- forebyggelse" is "udsat or the raw test"
	RETURN CASE WHEN official_category IS NOT NULL THEN official_category <> 'none'
				ELSE (c).udsat OR (c).parallelsamfund OR (c).forebyggelse_raw END;$src$),
	('housing_areas_private.area_status_rows', $src$CREATE FUNCTION housing_areas_private.area_status_rows(scenario text)
	RETURNS TABLE (area_id integer, list_year integer, name text,
				   municipality_code text, region_code text, category category,
				   computed_category category, official_category category, rules text,
				   on_udsat_list boolean, labour boolean, convictions boolean,
				   education boolean, income boolean, nonwestern boolean,
				   criteria_met integer, criteria_unknown integer,
				   years_on_list integer, development_plan boolean,
				   kombineret_udlejning boolean,
				   family_housing_share double precision,
				   family_units_over_target integer, ind indicators)
	-- not STRICT, so that a call with a constant is inlined into the query
	-- (the view's, with NULL): its CASEs fold, and a filter on area_id goes
	-- below the window
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
WITH classified AS (
	-- under a scenario: the named rule set, and no published category
	SELECT ay.area_id, ay.list_year, ay.ind, ay.official_category,
		   CASE WHEN area_status_rows.scenario IS NULL THEN ay.official_category END
			   AS official_used,
		   ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2,
		   CASE WHEN area_status_rows.scenario IS NULL THEN classify(ay.ind, ay.list_year)
				ELSE classify(ay.ind, ay.list_year, area_status_rows.scenario) END AS c
	  FROM area_year AS ay
), effective AS (
	-- on_list: on the parallelsamfund (ghetto) list that year, three-valued
	SELECT cl.*, e.effective_category,
		   CASE WHEN e.effective_category IN ('parallelsamfund', 'omdannelse') THEN true
				WHEN e.effective_category = 'unknown' THEN (cl.c).parallelsamfund
				ELSE false END AS on_list
	  FROM classified AS cl
	  CROSS JOIN LATERAL (SELECT COALESCE(cl.official_used, (cl.c).category, 'unknown')
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
				WHEN CASE WHEN area_status_rows.scenario IS NULL THEN omdannelse(r.shortest_run, r.list_year)
						  ELSE omdannelse(r.shortest_run, r.list_year, area_status_rows.scenario) END
					THEN true
				WHEN NOT CASE WHEN area_status_rows.scenario IS NULL THEN omdannelse(r.longest_run, r.list_year)
							  ELSE omdannelse(r.longest_run, r.list_year, area_status_rows.scenario) END
					THEN false
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
	   housing_areas_private.on_udsat_list(s.c, s.official_used) AS on_udsat_list,
	   (s.c).labour AS labour, (s.c).convictions AS convictions,
	   (s.c).education AS education, (s.c).income AS income,
	   (s.c).nonwestern AS nonwestern,
	   (s.c).criteria_met AS criteria_met, (s.c).criteria_unknown AS criteria_unknown,
	   s.years_on_list,
	   -- true after a year known to be omdannelse, NULL when only an
	   -- undetermined year could have started the plan (bool_or skips NULLs)
	   CASE WHEN bool_or(s.is_omdannelse IS TRUE) OVER w THEN true
			WHEN bool_or(s.is_omdannelse IS NULL) OVER w THEN NULL
			ELSE false END AND s.list_year < consequence('plan_deadline')
		   AS development_plan,
	   (s.c).kombineret_udlejning AS kombineret_udlejning,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / consequence('m2_per_dwelling')::float8) > 0
			THEN family_housing_share(s.family_units, s.dwellings,
									  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_housing_share,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / consequence('m2_per_dwelling')::float8) > 0
			THEN family_units_over_target(s.family_units, s.dwellings,
										  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_units_over_target,
	   s.ind
  FROM categorised AS s
  JOIN area AS a USING (area_id)
WINDOW w AS (PARTITION BY s.area_id ORDER BY s.list_year);
END;$src$),
	('housing_areas.area_status', $src$CREATE VIEW area_status AS
	SELECT * FROM housing_areas_private.area_status_rows(NULL::text);$src$),
	('housing_areas.latest_list_year', $src$CREATE FUNCTION latest_list_year() RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT max(ay.list_year) FROM area_year AS ay;
END;$src$),
	('housing_areas.area_status_under', $src$CREATE FUNCTION area_status_under(rules text) RETURNS SETOF area_status
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT * FROM housing_areas_private.area_status_rows(area_status_under.rules);
END;$src$),
	('housing_areas.compare_rules', $src$CREATE FUNCTION compare_rules(a text, b text)
	RETURNS TABLE (area_id integer, list_year integer, name text,
				   municipality_code text, category_a category, category_b category,
				   residents bigint)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT sa.area_id, sa.list_year, sa.name, sa.municipality_code,
		   sa.category, sb.category,
		   indicator(sa.ind, 'residents')::bigint
	  FROM area_status_under(compare_rules.a) AS sa
	  JOIN area_status_under(compare_rules.b) AS sb
		ON sb.area_id = sa.area_id AND sb.list_year = sa.list_year
	 WHERE sa.category IS DISTINCT FROM sb.category
	 ORDER BY sa.list_year, sa.area_id;
END;$src$),
	('housing_areas.compare_rules_summary', $src$CREATE FUNCTION compare_rules_summary(a text, b text)
	RETURNS TABLE (list_year integer, category_a category, category_b category,
				   areas bigint, residents numeric)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT c.list_year, c.category_a, c.category_b, count(*),
		   -- three-valued: unknown when the residents of one area are
		   CASE WHEN count(c.residents) = count(*) THEN sum(c.residents) END
	  FROM compare_rules(compare_rules_summary.a, compare_rules_summary.b) AS c
	 GROUP BY c.list_year, c.category_a, c.category_b
	 ORDER BY c.list_year, c.category_a, c.category_b;
END;$src$),
	('housing_areas_private.check_facility_kind', $src$CREATE FUNCTION housing_areas_private.check_facility_kind(kind text) RETURNS boolean
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
$$;$src$),
	('housing_areas_private.check_positive', $src$CREATE FUNCTION housing_areas_private.check_positive(name text, value double precision, allow_zero boolean)
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
$$;$src$),
	('housing_areas_private.listed_areas', $src$CREATE FUNCTION housing_areas_private.listed_areas(list_year integer)
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
END;$src$),
	('housing_areas.language_test_schools', $src$CREATE FUNCTION language_test_schools(school_year integer)
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
END;$src$),
	('housing_areas.language_test_schools_disclosed', $src$CREATE FUNCTION language_test_schools_disclosed(school_year integer)
	RETURNS TABLE (facility_id bigint, name text, pupils integer,
				   from_listed integer, share_pct double precision, suppressed text)
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
	 CROSS JOIN LATERAL (SELECT disclose(l.pupils) IS NOT NULL AND disclose(l.from_listed) IS NOT NULL
								AND disclose(l.pupils - l.from_listed) IS NOT NULL AS shown) AS x
	 ORDER BY l.facility_id;
END;$src$),
	('housing_areas.nearest_facilities', $src$CREATE FUNCTION nearest_facilities(kind text, k integer DEFAULT 3, list_year integer DEFAULT NULL)
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
END;$src$),
	('housing_areas.facility_access', $src$CREATE FUNCTION facility_access(kind text, radius_m double precision, list_year integer DEFAULT NULL)
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
END;$src$),
	('housing_areas_private.suppressed_columns', $src$CREATE FUNCTION housing_areas_private.suppressed_columns(suppressed text[], columns text[])
	RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT COALESCE(string_agg(u.name, ',' ORDER BY u.n), '')
	  FROM unnest(suppressed_columns.suppressed) WITH ORDINALITY AS u(name, n)
	 WHERE u.name = ANY (suppressed_columns.columns);
END;$src$),
	('housing_areas_private.check_list_year', $src$CREATE FUNCTION housing_areas_private.check_list_year(list_year integer) RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_year integer;
	last_year integer;
BEGIN
	IF list_year IS NOT NULL THEN
		PERFORM housing_areas.rules_for_year(list_year);	-- its error before 2010
		IF EXISTS (SELECT 1 FROM housing_areas.area_year AS ay WHERE ay.list_year = check_list_year.list_year) THEN
			RETURN true;
		END IF;
	END IF;
	SELECT min(ay.list_year), max(ay.list_year) INTO first_year, last_year FROM housing_areas.area_year AS ay;
	RAISE EXCEPTION 'no list of % in area_year', COALESCE(list_year::text, '(latest)')
		USING ERRCODE = 'invalid_parameter_value',
			  DETAIL = CASE WHEN last_year IS NULL THEN 'area_year has no rows.'
							ELSE pg_catalog.format('The list years in area_year run from %s to %s.', first_year, last_year) END,
			  HINT = 'Load the list into housing_areas.area_year, or ask for a year it holds.';
END
$$;$src$),
	('housing_areas.areas_geojson', $src$CREATE FUNCTION areas_geojson(list_year integer)
	RETURNS json
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- every area, so one window over area_status (cheaper here than each
	-- area's history on its own, as the tiles do); an area without a row
	-- that year is unknown, as in area_status and on map_svg
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
					   'category', c.category,
					   'label', category_label(c.category, areas_geojson.list_year),
					   'labour', d.labour, 'convictions', d.convictions,
					   'education', d.education, 'income', d.income,
					   'nonwestern', d.nonwestern,
					   'years_on_list', s.years_on_list,
					   'development_plan', s.development_plan,
					   'kombineret_udlejning', d.kombineret_udlejning,
					   'suppressed', housing_areas_private.suppressed_columns(d.suppressed,
						   '{labour,convictions,education,income,nonwestern,kombineret_udlejning}')))
				   ORDER BY a.area_id), '[]'::json))
	  FROM area AS a
	  LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = areas_geojson.list_year
	  LEFT JOIN area_year AS ay ON ay.area_id = a.area_id AND ay.list_year = areas_geojson.list_year
	 CROSS JOIN LATERAL disclosed_criteria(ay.ind, ay.persons, areas_geojson.list_year) AS d
	 CROSS JOIN LATERAL (SELECT COALESCE(s.category, 'unknown') AS category) AS c
	 WHERE housing_areas_private.check_list_year(areas_geojson.list_year);
END;$src$),
	('housing_areas_private.check_tile', $src$CREATE FUNCTION housing_areas_private.check_tile(z integer, x integer, y integer) RETURNS boolean
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
$$;$src$),
	('housing_areas_private.mvt_tile', $src$CREATE FUNCTION housing_areas_private.mvt_tile(z integer, x integer, y integer)
	RETURNS TABLE (env3857 geometry, env25832 geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- For the index test the tile envelope (with the 64/4096 buffer) goes to
	-- lon/lat, is clipped to where UTM 32N is still well defined (far beyond
	-- Denmark; a world tile cannot be projected whole), densified, and
	-- transformed to the table's SRID; the column is transformed only for
	-- the output.
	WITH envelope AS (
		SELECT CASE WHEN housing_areas_private.check_tile(mvt_tile.z, mvt_tile.x, mvt_tile.y)
					THEN ST_TileEnvelope(mvt_tile.z, mvt_tile.x, mvt_tile.y)
			   END AS env3857,
			   CASE WHEN housing_areas_private.check_tile(mvt_tile.z, mvt_tile.x, mvt_tile.y)
					THEN ST_Intersection(
							 ST_Transform(ST_TileEnvelope(mvt_tile.z, mvt_tile.x,
														  mvt_tile.y, margin => 64.0 / 4096), 4326),
							 ST_MakeEnvelope(-40, -80, 58, 84, 4326))
			   END AS lonlat
	)
	SELECT e.env3857,
		   ST_Transform(ST_Segmentize(e.lonlat, GREATEST(ST_XMax(e.lonlat) - ST_XMin(e.lonlat),
														  ST_YMax(e.lonlat) - ST_YMin(e.lonlat)) / 16),
						25832) AS env25832
	  FROM envelope AS e
	 WHERE NOT ST_IsEmpty(e.lonlat);
END;$src$),
	('housing_areas_private.mvt_areas', $src$CREATE FUNCTION housing_areas_private.mvt_areas(z integer, x integer, y integer, list_year integer)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry, env3857 geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the areas whose box meets the tile (GiST index), each with its status
	-- from its own history only; unknown without a row that year
	SELECT a.area_id, a.name, a.municipality_code, y.list_year, c.category,
		   category_label(c.category, y.list_year), s.years_on_list, s.development_plan,
		   a.geom, t.env3857
	  FROM housing_areas_private.mvt_tile(mvt_areas.z, mvt_areas.x, mvt_areas.y) AS t
	 CROSS JOIN (SELECT COALESCE(mvt_areas.list_year, (SELECT latest_list_year())) AS list_year) AS y
	  JOIN area AS a ON a.geom && t.env25832
	  LEFT JOIN LATERAL (SELECT h.* FROM area_status AS h WHERE h.area_id = a.area_id OFFSET 0) AS s
		ON s.list_year = y.list_year
	 CROSS JOIN LATERAL (SELECT COALESCE(s.category, 'unknown')::text AS category) AS c
	 WHERE housing_areas_private.check_list_year(y.list_year);
END;$src$),
	('housing_areas.areas_mvt_features', $src$CREATE FUNCTION areas_mvt_features(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT p.area_id, p.name, p.municipality_code, p.list_year, p.category, p.label,
		   p.years_on_list, p.development_plan, p.tile_geom
	  FROM (SELECT m.*, ST_AsMVTGeom(ST_Transform(m.geom, 3857), m.env3857, 4096, 64, true) AS tile_geom
			  FROM housing_areas_private.mvt_areas(areas_mvt_features.z, areas_mvt_features.x, areas_mvt_features.y,
												   areas_mvt_features.list_year) AS m) AS p
	 WHERE p.tile_geom IS NOT NULL;
END;$src$),
	('housing_areas.area_points_mvt_features', $src$CREATE FUNCTION area_points_mvt_features(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- without a buffer, so that each point is in one tile
	SELECT p.area_id, p.name, p.municipality_code, p.list_year, p.category, p.label,
		   p.years_on_list, p.development_plan, p.tile_geom
	  FROM (SELECT m.*, ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(m.geom), 3857), m.env3857, 4096, 0, true)
							AS tile_geom
			  FROM housing_areas_private.mvt_areas(area_points_mvt_features.z, area_points_mvt_features.x,
												   area_points_mvt_features.y, area_points_mvt_features.list_year) AS m) AS p
	 WHERE p.tile_geom IS NOT NULL;
END;$src$),
	('housing_areas.areas_mvt', $src$CREATE FUNCTION areas_mvt(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS bytea
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT COALESCE((SELECT ST_AsMVT(f.*, 'areas', 4096, 'geom', 'area_id')
					   FROM areas_mvt_features(areas_mvt.z, areas_mvt.x, areas_mvt.y,
											   areas_mvt.list_year) AS f),
					''::bytea)
		   || COALESCE((SELECT ST_AsMVT(p.*, 'area_points', 4096, 'geom', 'area_id')
						  FROM area_points_mvt_features(areas_mvt.z, areas_mvt.x, areas_mvt.y,
														areas_mvt.list_year) AS p),
					   ''::bytea);
END;$src$),
	('housing_areas.areas_tilejson', $src$CREATE FUNCTION areas_tilejson(tile_url text DEFAULT NULL, list_year integer DEFAULT NULL)
	RETURNS jsonb
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the fields are read from the result columns of the feature functions,
	-- so they cannot drift from what the tiles carry
	WITH year AS (
		SELECT y.list_year
		  FROM (SELECT COALESCE(areas_tilejson.list_year, latest_list_year()) AS list_year) AS y
		 WHERE housing_areas_private.check_list_year(y.list_year)
	), fields AS (
		SELECT jsonb_object_agg(c.name, CASE WHEN c.type IN ('integer', 'bigint', 'double precision', 'real', 'numeric')
											  THEN 'Number'
											  WHEN c.type = 'boolean' THEN 'Boolean'
											  ELSE 'String' END) AS fields
		  FROM unnest((SELECT p.proargnames FROM pg_catalog.pg_proc AS p
						WHERE p.oid = 'housing_areas.areas_mvt_features(integer, integer, integer, integer)'::pg_catalog.regprocedure),
					  (SELECT p.proallargtypes FROM pg_catalog.pg_proc AS p
						WHERE p.oid = 'housing_areas.areas_mvt_features(integer, integer, integer, integer)'::pg_catalog.regprocedure),
					  (SELECT p.proargmodes FROM pg_catalog.pg_proc AS p
						WHERE p.oid = 'housing_areas.areas_mvt_features(integer, integer, integer, integer)'::pg_catalog.regprocedure))
				   AS a(name, type_oid, mode)
		 CROSS JOIN LATERAL (SELECT a.name, pg_catalog.format_type(a.type_oid, NULL) AS type) AS c
		 WHERE a.mode = 't' AND a.name NOT IN ('area_id', 'geom')
	), extent AS (
		SELECT ST_Transform(ST_SetSRID(ST_Extent(a.geom)::geometry, 25832), 4326) AS box FROM area AS a
	)
	SELECT jsonb_strip_nulls(jsonb_build_object(
			   'tilejson', '3.0.0',
			   'name', 'housing_areas',
			   'description', 'Housing areas and their category on the list of ' || list_date(y.list_year)
							  || ' (rules ' || rules_for_year(y.list_year) || '), from housing_areas.areas_mvt',
			   'version', '1.0.0',
			   'scheme', 'xyz',
			   'tiles', CASE WHEN areas_tilejson.tile_url IS NOT NULL THEN jsonb_build_array(areas_tilejson.tile_url) END,
			   'minzoom', 0,
			   'maxzoom', 16,
			   'bounds', CASE WHEN e.box IS NULL THEN '[-180, -85.0511, 180, 85.0511]'::jsonb
							  ELSE jsonb_build_array(round(ST_XMin(e.box)::numeric, 4), round(ST_YMin(e.box)::numeric, 4),
													 round(ST_XMax(e.box)::numeric, 4), round(ST_YMax(e.box)::numeric, 4)) END,
			   'center', CASE WHEN e.box IS NOT NULL
							  THEN jsonb_build_array(round(((ST_XMin(e.box) + ST_XMax(e.box)) / 2)::numeric, 4),
													 round(((ST_YMin(e.box) + ST_YMax(e.box)) / 2)::numeric, 4), 6) END,
			   'list_year', y.list_year,
			   'vector_layers', jsonb_build_array(
				   jsonb_build_object('id', 'areas', 'minzoom', 0, 'maxzoom', 16, 'fields', f.fields,
									  'description', 'area polygons (feature id area_id), left out of a tile where smaller than a tile unit'),
				   jsonb_build_object('id', 'area_points', 'minzoom', 0, 'maxzoom', 16, 'fields', f.fields,
									  'description', 'a point inside each area (feature id area_id), for small scales'))))
	  FROM year AS y CROSS JOIN fields AS f CROSS JOIN extent AS e;
END;$src$),
	('housing_areas.category_colour', $src$CREATE FUNCTION category_colour(category text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE category
			   WHEN 'omdannelse' THEN '#67000d'
			   WHEN 'parallelsamfund' THEN '#cb181d'
			   WHEN 'udsat' THEN '#fb6a4a'
			   WHEN 'forebyggelse' THEN '#fdd0a2'
			   WHEN 'none' THEN '#d9d9d9'
			   ELSE '#ffffff' END;
END;$src$),
	('housing_areas_private.svg_layout', $src$CREATE FUNCTION housing_areas_private.svg_layout()
	RETURNS TABLE (
		map_size integer,            -- the longer side of the map (px)
		margin integer,              -- x of the map, the title and the notes
		map_top integer,             -- y of the map
		map_bottom integer,          -- the space under the map, for the credit
		padding double precision,    -- the space around what the map shows, a share of its longer side
		min_extent integer,          -- padding a smaller extent as if its longer side were this long (m)
		wide_extent integer,         -- on a map longer than this (m) areas are too small to see: mark them
		max_facilities integer,      -- more facilities in the frame hide the areas: none are drawn
		empty_map_width integer,     -- the map's width when there is nothing to draw
		legend_width integer,        -- the legend's column, right of the map
		min_height integer,          -- the least height of the document
		title_y integer,
		summary_y integer,           -- the line under the title: counts and rules
		empty_note_y integer,        -- 'No areas to show.'
		credit_gap integer,          -- from the bottom of the map to the credit
		legend_row integer,          -- legend row n is legend_row * n below the positions of row 0
		legend_height integer,       -- the document is at least legend_height + legend_row * rows high
		legend_rect_x integer,       -- category swatch, x right of the map's width
		legend_rect_y integer,
		legend_rect_width integer,
		legend_rect_height integer,
		legend_circle_x integer,     -- facility kind symbol, x right of the map's width
		legend_circle_y integer,
		legend_circle_r integer,
		legend_text_x integer,       -- the entry's text, x right of the map's width
		legend_text_y integer,
		marker_r numeric,            -- an area's circle on a wide map
		facility_r numeric,
		style text,                  -- the document's font
		title_style text,
		credit_style text,
		paper text,                  -- background, halo of facility symbols
		ink text,                    -- outlines of areas, markers and swatches
		grey text,                   -- the summary line, a municipality's outline
		faint text,                  -- the credit
		land_fill text,
		land_stroke text,
		land_width text,
		outline_width text,
		outline_dash text,
		line_width text)             -- outlines of areas and symbols
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT 760 AS map_size, 20 AS margin, 70 AS map_top, 40 AS map_bottom,
		   0.04::double precision AS padding, 200 AS min_extent, 30000 AS wide_extent,
		   400 AS max_facilities, 400 AS empty_map_width, 400 AS legend_width, 200 AS min_height,
		   30 AS title_y, 52 AS summary_y, 100 AS empty_note_y, 25 AS credit_gap,
		   22 AS legend_row, 90 AS legend_height,
		   40 AS legend_rect_x, 56 AS legend_rect_y, 16 AS legend_rect_width, 14 AS legend_rect_height,
		   48 AS legend_circle_x, 63 AS legend_circle_y, 5 AS legend_circle_r,
		   64 AS legend_text_x, 68 AS legend_text_y,
		   4.5 AS marker_r, 3.5 AS facility_r,
		   'font-family:sans-serif;font-size:13px'::text AS style,
		   'font-size:20px;font-weight:bold'::text AS title_style, 'font-size:10px'::text AS credit_style,
		   '#ffffff'::text AS paper, '#333333'::text AS ink, '#555555'::text AS grey, '#777777'::text AS faint,
		   '#f2f2f2'::text AS land_fill, '#bbbbbb'::text AS land_stroke, '0.5'::text AS land_width,
		   '1'::text AS outline_width, '4 3'::text AS outline_dash, '0.8'::text AS line_width;
END;$src$),
	('housing_areas_private.svg_areas', $src$CREATE FUNCTION housing_areas_private.svg_areas(list_year integer, municipality_code text)
	RETURNS housing_areas_private.svg_area[]
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT ARRAY(
		SELECT ROW(a.area_id, c.category,
				   a.name || ': ' || COALESCE(category_label(c.category, svg_areas.list_year, 'en'), c.category),
				   a.geom)::housing_areas_private.svg_area
		  FROM area AS a
		  LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = svg_areas.list_year
		 CROSS JOIN LATERAL (SELECT COALESCE(s.category, 'unknown')::text AS category) AS c
		 WHERE svg_areas.municipality_code IS NULL OR a.municipality_code = svg_areas.municipality_code
		 ORDER BY a.area_id);
END;$src$),
	('housing_areas_private.svg_extent', $src$CREATE FUNCTION housing_areas_private.svg_extent(municipality_code text, areas housing_areas_private.svg_area[])
	RETURNS geometry
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- a map of all areas shows the whole country when its boundaries are loaded
	SELECT COALESCE((SELECT ST_Extent(m.geom)::geometry FROM municipality AS m
					  WHERE m.municipality_code = svg_extent.municipality_code),
					(SELECT ST_Extent(m.geom)::geometry FROM municipality AS m
					  WHERE svg_extent.municipality_code IS NULL),
					(SELECT ST_Extent(a.geom)::geometry FROM unnest(svg_extent.areas) AS a));
END;$src$),
	('housing_areas_private.svg_frame', $src$CREATE FUNCTION housing_areas_private.svg_frame(extent geometry) RETURNS housing_areas_private.svg_frame
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT b.box, ST_XMin(b.box), ST_YMax(b.box), l.map_size / s.side, l.margin, l.map_top,
		   ceil((ST_XMax(b.box) - ST_XMin(b.box)) * l.map_size / s.side),
		   ceil((ST_YMax(b.box) - ST_YMin(b.box)) * l.map_size / s.side),
		   s.side > l.wide_extent
	  FROM housing_areas_private.svg_layout() AS l
	 CROSS JOIN LATERAL (SELECT ST_Expand(svg_frame.extent,
										  GREATEST(ST_XMax(svg_frame.extent) - ST_XMin(svg_frame.extent),
												   ST_YMax(svg_frame.extent) - ST_YMin(svg_frame.extent),
												   l.min_extent) * l.padding) AS box) AS b
	 CROSS JOIN LATERAL (SELECT GREATEST(ST_XMax(b.box) - ST_XMin(b.box),
										 ST_YMax(b.box) - ST_YMin(b.box)) AS side) AS s;
END;$src$),
	('housing_areas_private.svg_path', $src$CREATE FUNCTION housing_areas_private.svg_path(frame housing_areas_private.svg_frame, geom geometry)
	RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- ST_AsSVG writes -y; this affine map makes that the SVG y (down)
	SELECT ST_AsSVG(ST_Affine(svg_path.geom, f.k, 0, 0, f.k, f.map_x - f.k * f.x0, -f.k * f.y1 - f.map_y), 0, 1)
	  FROM (SELECT (svg_path.frame).*) AS f;
END;$src$),
	('housing_areas_private.svg_circle', $src$CREATE FUNCTION housing_areas_private.svg_circle(frame housing_areas_private.svg_frame, pt geometry, r numeric,
												 fill text, stroke text, stroke_width text, title text)
	RETURNS xml
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlelement(name circle,
			   xmlattributes(round((f.map_x + f.k * (ST_X(svg_circle.pt) - f.x0))::numeric, 1) AS cx,
							 round((f.map_y + f.k * (f.y1 - ST_Y(svg_circle.pt)))::numeric, 1) AS cy,
							 svg_circle.r AS r, svg_circle.fill AS fill, svg_circle.stroke AS stroke,
							 svg_circle.stroke_width AS "stroke-width"),
			   xmlelement(name title, svg_circle.title))
	  FROM (SELECT (svg_circle.frame).*) AS f;
END;$src$),
	('housing_areas_private.svg_facilities', $src$CREATE FUNCTION housing_areas_private.svg_facilities(frame housing_areas_private.svg_frame, municipality_code text)
	RETURNS facility[]
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- through the GiST index on facility.geom; a few hundred symbols at
	-- most, or they hide the areas
	SELECT ARRAY(
		SELECT fa FROM facility AS fa
		 WHERE fa.geom && (svg_facilities.frame).box
		   AND (svg_facilities.municipality_code IS NULL OR fa.municipality_code = svg_facilities.municipality_code)
		   AND (SELECT count(*) FROM facility AS f2 WHERE f2.geom && (svg_facilities.frame).box)
			   <= (SELECT l.max_facilities FROM housing_areas_private.svg_layout() AS l)
		 ORDER BY fa.facility_id);
END;$src$),
	('housing_areas_private.svg_legend_entries', $src$CREATE FUNCTION housing_areas_private.svg_legend_entries(list_year integer, facilities facility[])
	RETURNS TABLE (n bigint, is_area boolean, label text, colour text)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT row_number() OVER (ORDER BY e.ord), e.is_area, e.label, e.colour
	  FROM (SELECT o.ord, true AS is_area,
				   category_label(o.category, svg_legend_entries.list_year, 'da') || ' (' ||
				   category_label(o.category, svg_legend_entries.list_year, 'en') || ')' AS label,
				   category_colour(o.category) AS colour
			  -- the labels of the enum, most severe first, unknown last
			  FROM (SELECT row_number() OVER (ORDER BY l.category = 'unknown', l.category DESC) AS ord,
						   l.category::text AS category
					  FROM unnest(enum_range(NULL::category)) AS l(category)) AS o
			 WHERE category_label(o.category, svg_legend_entries.list_year) IS NOT NULL
			UNION ALL
			SELECT 10 + row_number() OVER (ORDER BY k.kind), false, k.label_en, k.colour
			  FROM facility_kind AS k
			 WHERE k.kind IN (SELECT f.kind FROM unnest(svg_legend_entries.facilities) AS f)) AS e
	 ORDER BY 1;
END;$src$),
	('housing_areas_private.svg_document', $src$CREATE FUNCTION housing_areas_private.svg_document(frame housing_areas_private.svg_frame, legend_rows bigint,
												   content xml)
	RETURNS xml
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlelement(name svg,
			   xmlattributes('http://www.w3.org/2000/svg' AS xmlns,
							 COALESCE((svg_document.frame).w, l.empty_map_width) + l.legend_width AS width,
							 GREATEST(COALESCE((svg_document.frame).h, 0) + l.map_top + l.map_bottom,
									  l.legend_height + l.legend_row * svg_document.legend_rows,
									  l.min_height) AS height,
							 l.style AS style),
			   xmlelement(name rect, xmlattributes('100%' AS width, '100%' AS height, l.paper AS fill)),
			   svg_document.content)
	  FROM housing_areas_private.svg_layout() AS l;
END;$src$),
	('housing_areas_private.svg_title', $src$CREATE FUNCTION housing_areas_private.svg_title(list_year integer, municipality_code text,
												areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlconcat(
			   xmlelement(name text, xmlattributes(l.margin AS x, l.title_y AS y, l.title_style AS style),
						  'Housing areas on the list of ' || list_date(svg_title.list_year)
						  || COALESCE(' — ' || (SELECT m.name FROM municipality AS m
												 WHERE m.municipality_code = svg_title.municipality_code),
									  ' — municipality ' || svg_title.municipality_code, '')),
			   xmlelement(name text, xmlattributes(l.margin AS x, l.summary_y AS y, l.grey AS fill),
						  cardinality(svg_title.areas) || ' areas, '
						  || (SELECT count(*) FROM unnest(svg_title.areas) AS a
							   WHERE a.category NOT IN ('none', 'unknown'))
						  || ' on a list; rules ' || rules_for_year(svg_title.list_year)))
	  FROM housing_areas_private.svg_layout() AS l;
END;$src$),
	('housing_areas_private.svg_outline', $src$CREATE FUNCTION housing_areas_private.svg_outline(frame housing_areas_private.svg_frame, municipality_code text)
	RETURNS xml
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlelement(name path,
			   xmlattributes(housing_areas_private.svg_path(svg_outline.frame, m.geom) AS d, 'none' AS fill,
							 l.grey AS stroke, l.outline_width AS "stroke-width", l.outline_dash AS "stroke-dasharray"))
	  FROM municipality AS m
	 CROSS JOIN housing_areas_private.svg_layout() AS l
	 WHERE m.municipality_code = svg_outline.municipality_code;
END;$src$),
	('housing_areas_private.svg_land', $src$CREATE FUNCTION housing_areas_private.svg_land(frame housing_areas_private.svg_frame, municipality_code text)
	RETURNS xml
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(xmlelement(name path,
					  xmlattributes(housing_areas_private.svg_path(svg_land.frame, m.geom) AS d, l.land_fill AS fill,
									l.land_stroke AS stroke, l.land_width AS "stroke-width"))
				  ORDER BY m.municipality_code)
	  FROM municipality AS m
	 CROSS JOIN housing_areas_private.svg_layout() AS l
	 WHERE svg_land.municipality_code IS NULL AND svg_land.frame IS NOT NULL;
END;$src$),
	('housing_areas_private.svg_area_paths', $src$CREATE FUNCTION housing_areas_private.svg_area_paths(frame housing_areas_private.svg_frame,
													 areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(xmlelement(name path,
					  xmlattributes(housing_areas_private.svg_path(svg_area_paths.frame, a.geom) AS d,
									category_colour(a.category) AS fill, 'evenodd' AS "fill-rule",
									l.ink AS stroke, l.line_width AS "stroke-width"),
					  xmlelement(name title, a.title))
				  ORDER BY a.area_id)
	  FROM unnest(svg_area_paths.areas) AS a
	 CROSS JOIN housing_areas_private.svg_layout() AS l;
END;$src$),
	('housing_areas_private.svg_markers', $src$CREATE FUNCTION housing_areas_private.svg_markers(frame housing_areas_private.svg_frame,
												  areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(housing_areas_private.svg_circle(svg_markers.frame, ST_PointOnSurface(a.geom), l.marker_r,
												   category_colour(a.category), l.ink, l.line_width, a.title)
				  ORDER BY a.category <> 'none', a.area_id)
	  FROM unnest(svg_markers.areas) AS a
	 CROSS JOIN housing_areas_private.svg_layout() AS l
	 WHERE (svg_markers.frame).wide;
END;$src$),
	('housing_areas_private.svg_facility_symbols', $src$CREATE FUNCTION housing_areas_private.svg_facility_symbols(frame housing_areas_private.svg_frame,
														   facilities facility[])
	RETURNS xml
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(housing_areas_private.svg_circle(svg_facility_symbols.frame, f.geom, l.facility_r, k.colour,
												   l.paper, l.line_width, f.name || ' (' || k.label_en || ')')
				  ORDER BY f.facility_id)
	  FROM unnest(svg_facility_symbols.facilities) AS f
	  JOIN facility_kind AS k ON k.kind = f.kind
	 CROSS JOIN housing_areas_private.svg_layout() AS l;
END;$src$),
	('housing_areas_private.svg_legend', $src$CREATE FUNCTION housing_areas_private.svg_legend(frame housing_areas_private.svg_frame, list_year integer,
												 facilities facility[])
	RETURNS xml
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlagg(xmlconcat(
				CASE WHEN e.is_area
					 THEN xmlelement(name rect, xmlattributes(c.left_x + l.legend_rect_x AS x,
															  l.legend_rect_y + l.legend_row * e.n AS y,
															  l.legend_rect_width AS width, l.legend_rect_height AS height,
															  e.colour AS fill, l.ink AS stroke))
					 ELSE xmlelement(name circle, xmlattributes(c.left_x + l.legend_circle_x AS cx,
																l.legend_circle_y + l.legend_row * e.n AS cy,
																l.legend_circle_r AS r, e.colour AS fill))
				END,
				xmlelement(name text, xmlattributes(c.left_x + l.legend_text_x AS x,
													l.legend_text_y + l.legend_row * e.n AS y), e.label))
			ORDER BY e.n)
	  FROM housing_areas_private.svg_legend_entries(svg_legend.list_year, svg_legend.facilities) AS e
	 CROSS JOIN housing_areas_private.svg_layout() AS l
	 -- the legend's column starts at the map's width
	 CROSS JOIN LATERAL (SELECT COALESCE((svg_legend.frame).w, l.empty_map_width) AS left_x) AS c;
END;$src$),
	('housing_areas_private.svg_credit', $src$CREATE FUNCTION housing_areas_private.svg_credit(frame housing_areas_private.svg_frame)
	RETURNS xml
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlconcat(
			   CASE WHEN svg_credit.frame IS NULL
					THEN xmlelement(name text, xmlattributes(l.margin AS x, l.empty_note_y AS y), 'No areas to show.')
			   END,
			   xmlelement(name text, xmlattributes(l.margin AS x,
												   COALESCE((svg_credit.frame).h, 0) + l.map_top + l.credit_gap AS y,
												   l.credit_style AS style, l.faint AS fill),
						  'Boundaries: Geodatastyrelsen & Danske Kommuner (DAGI); EPSG:25832.'))
	  FROM housing_areas_private.svg_layout() AS l;
END;$src$),
	('housing_areas.map_svg', $src$CREATE FUNCTION map_svg(list_year integer, municipality_code text DEFAULT NULL)
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- each step once: the areas, the frame of what the map shows (NULL when
	-- there is nothing to draw), the facilities drawn in it
	WITH chosen AS MATERIALIZED (
		SELECT housing_areas_private.svg_areas(map_svg.list_year, map_svg.municipality_code) AS areas
		 WHERE housing_areas_private.check_list_year(map_svg.list_year)
	), framed AS MATERIALIZED (
		SELECT c.areas,
			   housing_areas_private.svg_frame(housing_areas_private.svg_extent(map_svg.municipality_code, c.areas))
				   AS frame
		  FROM chosen AS c
	), drawn AS MATERIALIZED (
		SELECT f.*, housing_areas_private.svg_facilities(f.frame, map_svg.municipality_code) AS facilities
		  FROM framed AS f
	)
	SELECT housing_areas_private.svg_document(d.frame,
			   (SELECT count(*) FROM housing_areas_private.svg_legend_entries(map_svg.list_year, d.facilities)),
			   xmlconcat(housing_areas_private.svg_title(map_svg.list_year, map_svg.municipality_code, d.areas),
						 housing_areas_private.svg_outline(d.frame, map_svg.municipality_code),
						 housing_areas_private.svg_land(d.frame, map_svg.municipality_code),
						 housing_areas_private.svg_area_paths(d.frame, d.areas),
						 housing_areas_private.svg_markers(d.frame, d.areas),
						 housing_areas_private.svg_facility_symbols(d.frame, d.facilities),
						 housing_areas_private.svg_legend(d.frame, map_svg.list_year, d.facilities),
						 housing_areas_private.svg_credit(d.frame)))::text
	  FROM drawn AS d;
END;$src$),
	('housing_areas.gis_area_status', $src$CREATE VIEW gis_area_status AS
-- Driven by area_year so that a fetch by id (an expression index) or by
-- list_year (an index) reads only those rows; each row takes its status from
-- the history of its own area only: the LATERAL subquery (kept one by OFFSET
-- 0) hands area_status the area_id, which it pushes below its window
-- functions to the primary key of area_year.
SELECT ay.area_id * 100 + ay.list_year % 100 AS id,
	   ay.area_id, ay.list_year, a.name, a.municipality_code,
	   s.category::text AS category, category_label(s.category, ay.list_year) AS label,
	   s.on_udsat_list, d.labour, d.convictions, d.education, d.income, d.nonwestern,
	   s.years_on_list, s.development_plan, d.kombineret_udlejning,
	   a.geom,
	   ay.area_id * 100 + ay.list_year % 100 AS ogc_fid,
	   housing_areas_private.suppressed_columns(d.suppressed,
		   '{labour,convictions,education,income,nonwestern,kombineret_udlejning}') AS suppressed
  FROM area_year AS ay
  JOIN area AS a ON a.area_id = ay.area_id
 CROSS JOIN LATERAL (SELECT h.* FROM area_status AS h WHERE h.area_id = a.area_id OFFSET 0) AS s
 CROSS JOIN LATERAL disclosed_criteria(ay.ind, ay.persons, ay.list_year) AS d
 WHERE s.list_year = ay.list_year;$src$),
	('housing_areas.gis_latest_list', $src$CREATE VIEW gis_latest_list AS
SELECT g.id, g.area_id, g.list_year, g.name, g.municipality_code,
	   g.category, g.label, g.on_udsat_list, g.labour, g.convictions, g.education, g.income, g.nonwestern,
	   g.years_on_list, g.development_plan, g.kombineret_udlejning, g.geom, g.ogc_fid, g.suppressed
  FROM gis_area_status AS g
 WHERE g.list_year = (SELECT latest_list_year());	-- once per query, not per row
COMMENT ON VIEW gis_latest_list IS
'the latest list (latest_list_year()) as one layer: a row per area with a row in area_year that year, with its status and polygon (the rows of gis_area_status of that year, criteria flags disclosed as there); key id, also as ogc_fid for GDAL';$src$),
	('housing_areas.gis_latest_list_points', $src$CREATE VIEW gis_latest_list_points AS
SELECT g.id, g.area_id, g.list_year, g.name, g.municipality_code,
	   g.category, g.label, g.on_udsat_list, g.labour, g.convictions, g.education, g.income, g.nonwestern,
	   g.years_on_list, g.development_plan, g.kombineret_udlejning,
	   ST_PointOnSurface(g.geom)::geometry(Point, 25832) AS geom, g.ogc_fid, g.suppressed
  FROM gis_latest_list AS g;$src$),
	('housing_areas.bi_area_status', $src$CREATE VIEW bi_area_status AS
SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.region_code,
	   s.category::text AS category,
	   category_label(s.category, s.list_year, 'da') AS category_da,
	   category_label(s.category, s.list_year, 'en') AS category_en,
	   s.computed_category::text AS computed_category, s.official_category::text AS official_category, s.rules,
	   s.on_udsat_list, d.labour, d.convictions, d.education, d.income, d.nonwestern,
	   d.criteria_met, d.criteria_unknown, s.years_on_list, s.development_plan,
	   d.kombineret_udlejning, s.family_housing_share, s.family_units_over_target,
	   -- person-level figures, each against its own population
	   -- (housing_areas.min_cell_count)
	   d.residents, d.nonwestern_pct, d.outside_labour_pct, d.convicted_pct,
	   indicator(s.ind, 'national_convicted') AS national_convicted_pct,
	   d.basic_education_pct, d.income_pct,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat,
	   housing_areas_private.suppressed_columns(d.suppressed,
		   '{labour,convictions,education,income,nonwestern,criteria_met,criteria_unknown,kombineret_udlejning,residents,nonwestern_pct,outside_labour_pct,convicted_pct,basic_education_pct,income_pct}')
		   AS suppressed
  FROM area_status AS s
  JOIN area AS a ON a.area_id = s.area_id
  JOIN area_year AS ay ON ay.area_id = s.area_id AND ay.list_year = s.list_year
 CROSS JOIN LATERAL disclosed_criteria(s.ind, ay.persons, s.list_year) AS d
 CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(a.geom), 4326) AS pt) AS p;$src$),
	('housing_areas.bi_area_timeseries', $src$CREATE VIEW bi_area_timeseries AS
-- one row per area, list year and test of the year's rules (margins()), with
-- the list history of the area and the figures of its municipality's areas
-- and of all areas; a year without indicators keeps one row (criterion NULL)
-- so that the history has no gaps. Every person figure goes through
-- disclosed_criteria(), and the figures of the municipality and the country
-- add up only the values shown, so that a hidden value cannot be had as the
-- total minus the parts shown
WITH status AS (
	SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.region_code, s.category,
		   lag(s.list_year) OVER w AS previous_list_year,
		   lag(s.category) OVER w AS previous_category,
		   count(*) FILTER (WHERE s.on_udsat_list) OVER w AS udsat_lists,
		   s.on_udsat_list, s.years_on_list, s.development_plan, s.ind, ay.persons
	  FROM area_status AS s
	  JOIN area_year AS ay ON ay.area_id = s.area_id AND ay.list_year = s.list_year
	WINDOW w AS (PARTITION BY s.area_id ORDER BY s.list_year)
), criterion_values AS (
	-- each criterion's value as shown in each area and year, with its
	-- population (residents where area_year.persons is unknown)
	SELECT ay.list_year, a.municipality_code, k.criterion, k.value, k.population
	  FROM area_year AS ay
	  JOIN area AS a ON a.area_id = ay.area_id
	 CROSS JOIN LATERAL disclosed_criteria(ay.ind, ay.persons, ay.list_year) AS d
	 CROSS JOIN LATERAL (VALUES
		 ('residents', d.residents::double precision, d.residents::double precision),
		 ('labour', d.outside_labour_pct, COALESCE(tally_value(ay.persons, 'persons_18_64'), d.residents)),
		 ('convictions', d.convicted_pct, COALESCE(tally_value(ay.persons, 'persons_18plus'), d.residents)),
		 ('education', d.basic_education_pct, COALESCE(tally_value(ay.persons, 'persons_30_59'), d.residents)),
		 ('income', d.income_pct, COALESCE(tally_value(ay.persons, 'taxpayers_15_64'), d.residents)),
		 ('nonwestern', d.nonwestern_pct, d.residents::double precision)) AS k(criterion, value, population)
	 WHERE ay.ind IS NOT NULL
), municipality_figures AS (
	-- residents added up, shares averaged weighted by their populations
	SELECT v.list_year, v.municipality_code, v.criterion,
		   CASE WHEN v.criterion = 'residents' THEN sum(v.value)
				ELSE sum(v.value * v.population) / sum(v.population) END AS value,
		   sum(v.population) AS population, count(*)::integer AS areas
	  FROM criterion_values AS v
	 WHERE v.value IS NOT NULL AND v.population > 0 AND v.municipality_code IS NOT NULL
	 GROUP BY v.list_year, v.municipality_code, v.criterion
), country_figures AS (
	SELECT v.list_year, v.criterion,
		   CASE WHEN v.criterion = 'residents' THEN sum(v.value)
				ELSE sum(v.value * v.population) / sum(v.population) END AS value,
		   sum(v.population) AS population, count(*)::integer AS areas
	  FROM criterion_values AS v
	 WHERE v.value IS NOT NULL AND v.population > 0
	 GROUP BY v.list_year, v.criterion
)
SELECT st.area_id, st.list_year, list_date(st.list_year) AS list_date, st.name,
	   st.municipality_code, st.region_code,
	   st.category::text AS category,
	   category_label(st.category, st.list_year, 'da') AS category_da,
	   category_label(st.category, st.list_year, 'en') AS category_en,
	   st.previous_list_year, st.previous_category::text AS previous_category,
	   st.on_udsat_list, st.udsat_lists::integer AS udsat_lists, st.years_on_list, st.development_plan,
	   m.category AS test, m.criterion,
	   d.value, m.unit, m.operator, m.threshold,
	   CASE WHEN NOT d.hidden THEN m.met END AS met,
	   CASE WHEN d.value IS NOT NULL THEN m.distance END AS distance,
	   f.municipality_value,
	   mf.areas AS municipality_areas,
	   f.country_value,
	   cf.areas AS country_areas,
	   CASE WHEN m.criterion = 'convictions' THEN indicator(st.ind, 'national_convicted') END AS national_value,
	   concat_ws(',', CASE WHEN d.hidden THEN 'value' END,
				 CASE WHEN d.hidden AND m.met IS NOT NULL THEN 'met' END,
				 CASE WHEN d.hidden AND m.distance IS NOT NULL THEN 'distance' END,
				 CASE WHEN mf.value IS NOT NULL AND f.municipality_value IS NULL THEN 'municipality_value' END,
				 CASE WHEN cf.value IS NOT NULL AND f.country_value IS NULL THEN 'country_value' END)
		   AS suppressed
  FROM status AS st
  LEFT JOIN LATERAL margins(st.ind, st.list_year) AS m ON true
 CROSS JOIN LATERAL disclosed_criteria(st.ind, st.persons, st.list_year) AS dc
 CROSS JOIN LATERAL (SELECT v.value, m.value IS NOT NULL AND v.value IS NULL AS hidden
					   FROM (SELECT CASE m.criterion WHEN 'residents' THEN dc.residents::double precision
													 WHEN 'labour' THEN dc.outside_labour_pct
													 WHEN 'convictions' THEN dc.convicted_pct
													 WHEN 'education' THEN dc.basic_education_pct
													 WHEN 'income' THEN dc.income_pct
													 WHEN 'nonwestern' THEN dc.nonwestern_pct END AS value) AS v) AS d
  LEFT JOIN municipality_figures AS mf
	ON mf.list_year = st.list_year AND mf.municipality_code = st.municipality_code AND mf.criterion = m.criterion
  LEFT JOIN country_figures AS cf
	ON cf.list_year = st.list_year AND cf.criterion = m.criterion
 CROSS JOIN LATERAL (SELECT CASE WHEN m.criterion = 'residents' THEN disclose(mf.value::bigint)::double precision
								 ELSE disclose_share(mf.value, mf.population) END AS municipality_value,
							CASE WHEN m.criterion = 'residents' THEN disclose(cf.value::bigint)::double precision
								 ELSE disclose_share(cf.value, cf.population) END AS country_value) AS f;$src$),
	('housing_areas_private.list_day', $src$CREATE FUNCTION housing_areas_private.list_day(list_year integer) RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- list_date() names the day once; English month names, whatever lc_time
	SELECT to_date(list_date(list_day.list_year), 'FMDD FMMonth YYYY');
END;$src$),
	('housing_areas_private.list_status', $src$CREATE FUNCTION housing_areas_private.list_status(on_date date, of_area integer)
	RETURNS TABLE (area_id integer, list_year integer, day date, next_day date, in_force boolean,
				   category category, has_record boolean, obligation text, holds boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH lists AS (
		-- every list in area_year: a list applies from its day to the next one's
		SELECT y.list_year, housing_areas_private.list_day(y.list_year) AS day
		  FROM (SELECT DISTINCT ay.list_year FROM area_year AS ay) AS y
	), spans AS (
		SELECT l.list_year, l.day, lead(l.day) OVER (ORDER BY l.list_year) AS next_day
		  FROM lists AS l
	), current AS (
		SELECT max(s.list_year) AS list_year FROM spans AS s WHERE s.day <= list_status.on_date
	), yearly AS (
		-- every area on every list; an area without a record that year is
		-- undetermined, but a development plan it is known to have goes on
		SELECT a.area_id, sp.list_year, sp.day, sp.next_day, sp.list_year = cu.list_year AS in_force,
			   COALESCE(st.category, 'unknown') AS category, st.area_id IS NOT NULL AS has_record,
			   st.on_udsat_list, st.kombineret_udlejning,
			   CASE WHEN st.area_id IS NOT NULL THEN st.development_plan
					WHEN bool_or(st.development_plan) OVER w AND sp.list_year < consequence('plan_deadline') THEN true
			   END AS development_plan,
			   classify(st.ind, sp.list_year) AS c
		  FROM area AS a
		 CROSS JOIN spans AS sp
		 CROSS JOIN current AS cu
		  LEFT JOIN area_status AS st ON st.area_id = a.area_id AND st.list_year = sp.list_year
		 WHERE cu.list_year IS NOT NULL
		   AND (list_status.of_area IS NULL OR a.area_id = list_status.of_area)
		WINDOW w AS (PARTITION BY a.area_id ORDER BY sp.list_year)
	)
	SELECT y.area_id, y.list_year, y.day, y.next_day, y.in_force, y.category, y.has_record, k.obligation,
		   CASE k.list_condition
			   WHEN 'udsat' THEN y.on_udsat_list
			   WHEN 'forebyggelse' THEN
				   CASE WHEN y.category = 'forebyggelse' THEN true
						WHEN y.category <> 'unknown' THEN false
						ELSE (y.c).forebyggelse END
			   WHEN 'omdannelse' THEN
				   CASE WHEN y.category = 'omdannelse' THEN true
						WHEN y.category <> 'unknown' THEN false
						WHEN y.on_udsat_list IS false OR (y.c).parallelsamfund IS false THEN false END
			   WHEN 'kombineret_udlejning' THEN y.kombineret_udlejning
			   WHEN 'development_plan' THEN y.development_plan
		   END
	  FROM yearly AS y
	 CROSS JOIN obligation_kind AS k;
END;$src$),
	('housing_areas.obligations', $src$CREATE FUNCTION obligations(on_date date, of_area integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, obligation text, paragraph text, since date, until date,
				   reason text, holds boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET datestyle = 'ISO, YMD'	-- the dates in the reasons, whatever the session's style
BEGIN ATOMIC
	WITH status AS (
		SELECT s.*,
			   -- the runs of lists on which the obligation holds: a list where it
			   -- does not (or may not) hold starts a new group
			   count(*) FILTER (WHERE s.holds IS NOT TRUE) OVER w AS brk
		  FROM housing_areas_private.list_status(obligations.on_date, obligations.of_area) AS s
		WINDOW w AS (PARTITION BY s.area_id, s.obligation ORDER BY s.list_year)
	), runs AS (
		SELECT s.*,
			   min(s.day) FILTER (WHERE s.holds) OVER g AS run_start,
			   -- the list before the run: false, or NULL (undetermined: it may have held earlier)
			   first_value(s.holds) OVER g AS before_run,
			   first_value(s.list_year) OVER g AS before_year
		  FROM status AS s
		WINDOW g AS (PARTITION BY s.area_id, s.obligation, s.brk ORDER BY s.list_year
					 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
	), ends AS (
		-- each list in force with the first later list on which the
		-- obligation does not certainly hold: the one that starts the next group
		SELECT r.*, nx.day AS end_day, nx.holds AS end_holds, nx.list_year AS end_year
		  FROM runs AS r
		  LEFT JOIN runs AS nx ON nx.area_id = r.area_id AND nx.obligation = r.obligation
							  AND nx.brk = r.brk + 1 AND nx.list_year = nx.before_year
		 WHERE r.in_force
	), last_run AS (
		-- the last run so far: its first list, and the day of the first list
		-- after it, when the area left (both grow with the list year)
		SELECT r.*,
			   max(r.run_start) FILTER (WHERE r.holds) OVER upto AS last_run_start,
			   max(r.next_day) FILTER (WHERE r.holds) OVER upto AS left_day
		  FROM runs AS r
		WINDOW upto AS (PARTITION BY r.area_id, r.obligation ORDER BY r.list_year)
	), tails AS (
		-- dagtilbudsloven § 26 c: the cap and the learning offer kept after the
		-- area leaves the udsat list, by a decision in force, for at most
		-- consequence('daycare_cap_tail') years from the first list without it
		SELECT r.area_id, r.obligation, d.decision_id, d.decided_on, r.left_day,
			   LEAST(d.valid_until, (r.left_day + make_interval(years => consequence('daycare_cap_tail')::integer))::date)
				   AS tail_until,
			   r.last_run_start AS tail_since
		  FROM last_run AS r
		 CROSS JOIN LATERAL (SELECT d1.* FROM decision AS d1
							  WHERE d1.kind = 'daycare_tail' AND d1.area_id = r.area_id
								AND d1.valid_from <= obligations.on_date
								AND (d1.valid_until IS NULL OR obligations.on_date < d1.valid_until)
							  ORDER BY d1.valid_until DESC NULLS FIRST, d1.decision_id
							  LIMIT 1) AS d
		 WHERE r.in_force AND r.holds IS NOT TRUE
		   AND r.obligation IN ('daycare_cap', 'learning_offer')
		   AND r.left_day <= r.day
		   AND obligations.on_date < r.left_day + make_interval(years => consequence('daycare_cap_tail')::integer)
	), letting AS (
		-- almenboligloven § 51 b: the municipality's decision in force
		SELECT d.area_id, d.decision_id, d.decided_on, d.valid_from, d.valid_until,
			   d.includes_pension, d.includes_insurance_benefits
		  FROM decision AS d
		 WHERE d.kind = 'combined_letting'
		   AND d.valid_from <= obligations.on_date
		   AND (d.valid_until IS NULL OR obligations.on_date < d.valid_until)
	)
	SELECT r.area_id, r.obligation,
		   CASE WHEN t.area_id IS NOT NULL THEN k.paragraph || ', § 26 c' ELSE k.paragraph END,
		   CASE WHEN t.area_id IS NOT NULL THEN t.tail_since
				WHEN r.holds THEN r.run_start END,
		   CASE WHEN t.area_id IS NOT NULL THEN t.tail_until
				WHEN r.holds THEN COALESCE(ahead.tail_until, r.end_day)
				ELSE r.next_day END,
		   CASE
			   WHEN t.area_id IS NOT NULL THEN
				   format('%s the udsat list of %s; kept under dagtilbudsloven § 26 c by the municipality''s decision %s of %s, for at most %s years after the area left the udsat list on %s',
						  CASE WHEN r.holds IS NULL THEN 'perhaps still on (undetermined)' ELSE 'not on' END,
						  list_date(r.list_year), t.decision_id, t.decided_on,
						  consequence('daycare_cap_tail'), CASE WHEN r.holds IS NULL THEN 'or after ' ELSE '' END || t.left_day)
			   WHEN r.holds IS false THEN
				   format('not on the kombineret udlejning list of %s, so the municipality''s decision %s of %s under § 51 b, in force, has no list to rest on',
						  list_date(r.list_year), lt.decision_id, lt.decided_on)
			   WHEN r.holds IS NULL AND NOT r.has_record THEN
				   format('undetermined: the area has no record for the list of %s', list_date(r.list_year))
			   WHEN r.holds IS NULL THEN
				   format('undetermined: missing values decide whether the area is %s of %s (category %s)',
						  CASE k.list_condition
							  WHEN 'udsat' THEN 'on the udsat list'
							  WHEN 'forebyggelse' THEN 'a forebyggelsesområde on the list'
							  WHEN 'omdannelse' THEN 'an omdannelsesområde on the list'
							  WHEN 'kombineret_udlejning' THEN 'on the kombineret udlejning list'
							  ELSE 'under a development plan on the list' END,
						  list_date(r.list_year), r.category)
				   || CASE WHEN lt.area_id IS NOT NULL THEN
						   format('; the municipality''s decision %s of %s under § 51 b is in force', lt.decision_id, lt.decided_on)
					  ELSE '' END
			   ELSE
				   CASE k.list_condition
					   WHEN 'udsat' THEN format('on the udsat list of %s (%s)', list_date(r.list_year), r.category)
					   WHEN 'forebyggelse' THEN format('a forebyggelsesområde on the list of %s', list_date(r.list_year))
					   WHEN 'omdannelse' THEN format('an omdannelsesområde on the list of %s', list_date(r.list_year))
					   WHEN 'kombineret_udlejning' THEN
						   format('on the kombineret udlejning list of %s (computed from the indicators)', list_date(r.list_year))
						   || CASE WHEN lt.area_id IS NOT NULL THEN
								   format('; required: the municipality''s decision %s of %s (from %s%s) requires the housing organisation to refuse applicants on the grounds of § 51 b%s',
										  lt.decision_id, lt.decided_on, lt.valid_from,
										  COALESCE(' until ' || lt.valid_until, ''),
										  CASE WHEN lt.includes_pension AND lt.includes_insurance_benefits
												   THEN ', førtidspension and dagpenge, sygedagpenge or ressourceforløbsydelse included'
											   WHEN lt.includes_pension THEN ', førtidspension included'
											   WHEN lt.includes_insurance_benefits
												   THEN ', dagpenge, sygedagpenge or ressourceforløbsydelse included'
											   ELSE '' END)
							  ELSE '; possible only: no decision of the municipality under § 51 b is in force' END
					   ELSE format('under a development plan (§ 168 a) on the list of %s', list_date(r.list_year))
				   END
				   || CASE WHEN r.before_run IS NULL AND r.brk > 0 THEN
						   format('; the list of %s is undetermined, so it may have held before %s', list_date(r.before_year), r.run_start)
					  ELSE '' END
				   || CASE WHEN ahead.tail_until IS NOT NULL THEN
						   format('; the list of %s leaves it out, and a decision under § 26 c keeps it from then', list_date(r.end_year))
					  ELSE '' END
				   || CASE WHEN r.end_day IS NOT NULL AND r.end_holds IS NULL THEN
						   format('; the list of %s is undetermined, so it may hold after %s', list_date(r.end_year), r.end_day)
					  ELSE '' END
		   END,
		   CASE WHEN t.area_id IS NOT NULL THEN true ELSE r.holds END
	  FROM ends AS r
	  JOIN obligation_kind AS k ON k.obligation = r.obligation
	  LEFT JOIN tails AS t ON t.area_id = r.area_id AND t.obligation = r.obligation
	  LEFT JOIN letting AS lt ON lt.area_id = r.area_id AND r.obligation = 'combined_letting_possible'
	  -- a § 26 c decision already made for the day the area leaves the udsat list
	  LEFT JOIN LATERAL (
		SELECT LEAST(d.valid_until, (r.end_day + make_interval(years => consequence('daycare_cap_tail')::integer))::date)
				   AS tail_until
		  FROM decision AS d
		 WHERE r.holds AND r.end_holds IS false AND r.obligation IN ('daycare_cap', 'learning_offer')
		   AND d.kind = 'daycare_tail' AND d.area_id = r.area_id
		   AND d.valid_from <= r.end_day AND (d.valid_until IS NULL OR r.end_day < d.valid_until)
		 ORDER BY d.valid_until DESC NULLS FIRST, d.decision_id
		 LIMIT 1) AS ahead ON true
	 WHERE r.in_force
	   AND (r.holds IS NOT false OR t.area_id IS NOT NULL
			-- a § 51 b decision is reported even where its list does not hold
			OR lt.area_id IS NOT NULL)
	 ORDER BY r.area_id, k.ordinal;
END;$src$),
	('housing_areas_private.minor_age', $src$CREATE FUNCTION housing_areas_private.minor_age() RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN 18;$src$),
	('housing_areas_private.household_error', $src$CREATE FUNCTION housing_areas_private.household_error(key text, message text, detail text,
													  unreadable boolean DEFAULT false)
	RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
BEGIN
	IF unreadable THEN
		RAISE EXCEPTION 'invalid household key "%": %', key, message
			USING ERRCODE = 'invalid_text_representation', DETAIL = COALESCE(detail, ''),
				  HINT = 'The household document is described in docs/obligations.md.';
	END IF;
	RAISE EXCEPTION 'invalid household key "%": %', key, message
		USING ERRCODE = 'invalid_parameter_value', DETAIL = COALESCE(detail, ''),
			  HINT = 'The household document is described in docs/obligations.md.';
END
$$;$src$),
	('housing_areas_private.household_date', $src$CREATE FUNCTION housing_areas_private.household_date(value jsonb, key text, on_date date) RETURNS date
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
DECLARE
	d date;
BEGIN
	IF jsonb_typeof(value) <> 'string' THEN
		PERFORM housing_areas_private.household_error(key, 'a date must be a string YYYY-MM-DD',
			format('The value is %s.', value::text));
	END IF;
	IF value #>> '{}' !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
		PERFORM housing_areas_private.household_error(key, format('invalid date "%s"', value #>> '{}'),
			'A date is written YYYY-MM-DD.', true);
	END IF;
	BEGIN
		d := (value #>> '{}')::date;
	EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
		PERFORM housing_areas_private.household_error(key, format('invalid date "%s"', value #>> '{}'),
			'The date does not exist.', true);
	END;
	IF d > on_date THEN
		PERFORM housing_areas_private.household_error(key, format('date %s is after the date checked', d),
			format('The household is checked on %s; a date it gives lies on or before that day.', on_date));
	END IF;
	IF d < date '1900-01-01' THEN
		PERFORM housing_areas_private.household_error(key, format('date %s is before 1900', d),
			'Dates from 1900 on are accepted.');
	END IF;
	RETURN d;
END
$$;$src$),
	('housing_areas_private.household_boolean', $src$CREATE FUNCTION housing_areas_private.household_boolean(value jsonb, key text) RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF value IS NULL THEN
		RETURN NULL;		-- the key is missing: unknown
	END IF;
	IF jsonb_typeof(value) <> 'boolean' THEN
		PERFORM housing_areas_private.household_error(key, 'must be true or false',
			format('The value is %s; leave the key out when it is not known.', value::text));
	END IF;
	RETURN value::text::boolean;
END
$$;$src$),
	('housing_areas_private.household_grounds', $src$CREATE FUNCTION housing_areas_private.household_grounds(household jsonb, on_date date)
	RETURNS TABLE (member integer, role text, ground text, meets boolean, why text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
#variable_conflict use_column
DECLARE
	top_keys constant text[] := ARRAY['members', 'already_resident'];
	member_keys constant text[] := ARRAY['role', 'birth_date', 'age', 'citizenship', 'student', 'prison_release',
										 'institution_release', 'lease_terminated', 'benefits', 'fortidspension'];
	benefit_keys constant text[] := ARRAY['public', 'integration', 'insurance'];
	roles constant text[] := ARRAY['applicant', 'spouse', 'child', 'other'];
	window_months constant integer := housing_areas.consequence('allocation_window')::integer;
	benefit_months constant integer := housing_areas.consequence('benefit_months')::integer;
	m jsonb;
	i integer;
	k text;
	p text;
	v jsonb;
	applicants integer := 0;
	spouses integer := 0;
	r text;
	d date;
	birth date;
	age integer;
	under_18 boolean;
	under_18_why text;
	codes text[];
	unknown_code text;
	c text;
	third boolean;
	student boolean;
	b text;
	months_done boolean;
	now_on boolean;
	public_6 boolean; public_6_why text;
	public_now boolean; public_now_why text;
	integration_6 boolean; integration_6_why text;
	integration_now boolean;
	insurance_6 boolean; insurance_6_why text;
	released boolean;
	released_why text;
	pension boolean;
BEGIN
	IF household IS NULL OR jsonb_typeof(household) <> 'object' THEN
		PERFORM housing_areas_private.household_error('(document)', 'the household must be a JSON object',
			format('The value is %s.', COALESCE(household::text, 'NULL')));
	END IF;
	FOR k IN SELECT jsonb_object_keys(household) LOOP
		IF NOT k = ANY (top_keys) THEN
			PERFORM housing_areas_private.household_error(k, 'unknown key',
				format('The keys of a household are %s.', array_to_string(top_keys, ', ')));
		END IF;
	END LOOP;
	PERFORM housing_areas_private.household_boolean(household -> 'already_resident', 'already_resident');
	IF jsonb_typeof(household -> 'members') IS DISTINCT FROM 'array' OR jsonb_array_length(household -> 'members') = 0 THEN
		PERFORM housing_areas_private.household_error('members', 'a household has a non-empty array of members',
			format('The value is %s.', COALESCE((household -> 'members')::text, 'missing')));
	END IF;

	FOR m, i IN SELECT e.value, e.ordinality - 1 FROM jsonb_array_elements(household -> 'members') WITH ORDINALITY AS e LOOP
		p := format('members[%s]', i);
		IF jsonb_typeof(m) <> 'object' THEN
			PERFORM housing_areas_private.household_error(p, 'a member must be a JSON object',
				format('The value is %s.', m::text));
		END IF;
		FOR k IN SELECT jsonb_object_keys(m) LOOP
			IF NOT k = ANY (member_keys) THEN
				PERFORM housing_areas_private.household_error(p || '.' || k, 'unknown key',
					format('The keys of a member are %s.', array_to_string(member_keys, ', ')));
			END IF;
		END LOOP;
		IF jsonb_typeof(m -> 'role') IS DISTINCT FROM 'string' OR NOT (m ->> 'role') = ANY (roles) THEN
			PERFORM housing_areas_private.household_error(p || '.role', 'every member has a role',
				format('The value is %s; a role is one of %s.', COALESCE((m -> 'role')::text, 'missing'),
					   array_to_string(roles, ', ')));
		END IF;
		r := m ->> 'role';
		applicants := applicants + (r = 'applicant')::integer;
		spouses := spouses + (r = 'spouse')::integer;
		p := format('members[%s] (%s)', i, r);

		-- under 18 on the day checked: from the birth date, else the age
		IF m ? 'birth_date' AND m ? 'age' THEN
			PERFORM housing_areas_private.household_error(format('members[%s].age', i),
				'give birth_date or age, not both', 'Give the birth date when it is known.');
		END IF;
		under_18 := NULL;
		under_18_why := 'age not given';
		IF m ? 'birth_date' THEN
			birth := housing_areas_private.household_date(m -> 'birth_date', format('members[%s].birth_date', i), on_date);
			under_18 := on_date < birth + make_interval(years => housing_areas_private.minor_age());
			under_18_why := format('born %s', birth);
		ELSIF m ? 'age' THEN
			v := m -> 'age';
			IF jsonb_typeof(v) <> 'number' OR (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric)
			   OR (v #>> '{}')::numeric < 0 OR (v #>> '{}')::numeric > 150 THEN
				PERFORM housing_areas_private.household_error(format('members[%s].age', i),
					'an age is a whole number of years from 0 to 150', format('The value is %s.', v::text));
			END IF;
			age := (v #>> '{}')::integer;
			under_18 := age < housing_areas_private.minor_age();
			under_18_why := format('aged %s', age);
		END IF;

		-- § 59 stk. 6 nr. 1-3: within the last allocation_window months: on
		-- the day checked at most that many months after the date (the
		-- period ends with the day of the same number, that day included)
		FOREACH k IN ARRAY ARRAY['prison_release', 'institution_release', 'lease_terminated'] LOOP
			IF NOT m ? k THEN
				released := NULL;
				released_why := k || ' not given';
			ELSIF m -> k = 'null'::jsonb THEN
				released := false;
				released_why := CASE k WHEN 'prison_release' THEN 'not released from prison'
									   WHEN 'institution_release' THEN 'not released from an institution'
									   ELSE 'no lease terminated' END;
			ELSE
				d := housing_areas_private.household_date(m -> k, format('members[%s].%s', i, k), on_date);
				released := on_date <= d + make_interval(months => window_months);
				released_why := format(CASE WHEN released THEN '%s %s, within the last %s months (they end on %s)'
											ELSE '%s %s, more than %s months ago (they ended on %s)' END,
									   CASE k WHEN 'prison_release' THEN 'released from prison on'
											  WHEN 'institution_release' THEN 'released from an institution on'
											  ELSE 'lease terminated for gross breach on' END,
									   d, window_months, (d + make_interval(months => window_months))::date);
			END IF;
			IF k = 'institution_release' THEN
				-- nr. 2 needs both: under 18 and released within the window
				IF under_18 IS false THEN
					released := false;
					released_why := format('not under %s (%s)', housing_areas_private.minor_age(), under_18_why);
				ELSIF released IS NOT false THEN
					released := released AND under_18;
					released_why := released_why || '; ' || CASE WHEN under_18 THEN 'under '
						|| housing_areas_private.minor_age() || ' (' || under_18_why || ')'
						ELSE under_18_why END;
				END IF;
			END IF;
			member := i; role := r; ground := k; meets := released; why := p || ': ' || released_why;
			RETURN NEXT;
		END LOOP;

		-- § 59 stk. 6 nr. 4: not a citizen of an EU/EEA country or
		-- Switzerland, and not a student
		student := housing_areas_private.household_boolean(m -> 'student', format('members[%s].student', i));
		third := NULL;
		IF m ? 'citizenship' THEN
			v := m -> 'citizenship';
			IF jsonb_typeof(v) = 'string' THEN
				v := jsonb_build_array(v);
			END IF;
			IF jsonb_typeof(v) <> 'array' OR jsonb_array_length(v) = 0
			   OR EXISTS (SELECT 1 FROM jsonb_array_elements(v) AS e
						   WHERE jsonb_typeof(e) <> 'string' OR NOT (e #>> '{}') ~ '^[A-Z]{2}$') THEN
				PERFORM housing_areas_private.household_error(format('members[%s].citizenship', i),
					'a citizenship is an ISO 3166-1 alpha-2 code, or an array of them',
					format('The value is %s; write for example "DK" or ["DK", "TR"].', (m -> 'citizenship')::text));
			END IF;
			SELECT array_agg(e #>> '{}' ORDER BY o) INTO codes FROM jsonb_array_elements(v) WITH ORDINALITY AS x(e, o);
			-- two capital letters are not yet a country: EL and UK, the EU's
			-- own abbreviations, would otherwise pass for third countries
			SELECT x.code INTO unknown_code FROM unnest(codes) WITH ORDINALITY AS x(code, o)
			 WHERE NOT EXISTS (SELECT 1 FROM housing_areas.country AS co WHERE co.code = x.code)
			 ORDER BY x.o LIMIT 1;
			IF unknown_code IS NOT NULL THEN
				PERFORM housing_areas_private.household_error(format('members[%s].citizenship', i),
					format('unknown country code "%s"', unknown_code),
					CASE unknown_code WHEN 'EL' THEN 'Greece is GR in ISO 3166-1 (EL is the EU''s abbreviation).'
									  WHEN 'UK' THEN 'The United Kingdom is GB in ISO 3166-1 (UK is the EU''s abbreviation).'
									  ELSE 'The codes are those of ISO 3166-1 alpha-2, listed in the table housing_areas.country.' END);
			END IF;
			third := NOT EXISTS (SELECT 1 FROM housing_areas.eu_eea_country AS cc WHERE cc.code = ANY (codes));
		END IF;
		member := i; role := r; ground := 'third_country';
		meets := third AND NOT student;
		why := p || ': ' || CASE WHEN third IS NULL THEN 'citizenship not given'
								 WHEN third THEN 'citizen of ' || array_to_string(codes, ', ') || ' (not EU/EEA/Swiss)'
								 ELSE 'citizen of ' || array_to_string(codes, ', ') || ' (EU/EEA/Swiss)' END
			   || CASE WHEN third IS false THEN ''
					   WHEN student THEN '; a student (excepted)'
					   WHEN student IS false THEN '; not a student'
					   ELSE '; student not given' END;
		RETURN NEXT;

		-- benefits: per group, the day the current uninterrupted receipt
		-- began (a date), or the whole consecutive months of it up to the day
		-- checked (a number); null or 0: not receiving
		IF m ? 'benefits' AND jsonb_typeof(m -> 'benefits') <> 'object' THEN
			PERFORM housing_areas_private.household_error(format('members[%s].benefits', i),
				'benefits must be a JSON object', format('The value is %s; its keys are %s.',
				(m -> 'benefits')::text, array_to_string(benefit_keys, ', ')));
		END IF;
		FOR k IN SELECT jsonb_object_keys(COALESCE(m -> 'benefits', '{}')) LOOP
			IF NOT k = ANY (benefit_keys) THEN
				PERFORM housing_areas_private.household_error(format('members[%s].benefits.%s', i, k), 'unknown key',
					format('The groups of benefits are %s.', array_to_string(benefit_keys, ', ')));
			END IF;
		END LOOP;
		FOREACH b IN ARRAY benefit_keys LOOP
			k := format('members[%s].benefits.%s', i, b);
			v := m -> 'benefits' -> b;
			IF v IS NULL THEN
				months_done := NULL;
				now_on := NULL;
				c := b || ' benefits not given';
			ELSIF v = 'null'::jsonb THEN
				months_done := false;
				now_on := false;
				c := 'no ' || b || ' benefits';
			ELSIF jsonb_typeof(v) = 'number' THEN
				IF (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric) OR (v #>> '{}')::numeric < 0
				   OR (v #>> '{}')::numeric > 1200 THEN
					PERFORM housing_areas_private.household_error(k,
						'consecutive months are a whole number from 0 to 1200', format('The value is %s.', v::text));
				END IF;
				months_done := (v #>> '{}')::integer >= benefit_months;
				now_on := (v #>> '{}')::integer > 0;
				c := format('%s consecutive months of %s benefits', v #>> '{}', b);
			ELSIF jsonb_typeof(v) <> 'string' THEN
				PERFORM housing_areas_private.household_error(k,
					'benefits are a whole number of consecutive months, the date the receipt began (YYYY-MM-DD) or null',
					format('The value is %s.', v::text));
			ELSE
				d := housing_areas_private.household_date(v, k, on_date);
				months_done := d + make_interval(months => benefit_months) <= on_date;
				now_on := true;
				c := format('%s benefits since %s (%s consecutive months %s)', b, d, benefit_months,
							CASE WHEN months_done THEN 'reached on ' ELSE 'reached only on ' END
							|| (d + make_interval(months => benefit_months))::date);
			END IF;
			CASE b
				WHEN 'public' THEN public_6 := months_done; public_now := now_on; public_6_why := c;
				WHEN 'integration' THEN integration_6 := months_done; integration_now := now_on; integration_6_why := c;
				ELSE insurance_6 := months_done; insurance_6_why := c;
			END CASE;
		END LOOP;
		-- selvforsørgelses-, hjemrejse- and overgangsydelse are in the public
		-- group too, so a run of them is part of a public run: the public run
		-- decides nr. 5 when it is known, a known integration run otherwise
		member := i; role := r;
		ground := 'public_benefits';
		meets := CASE WHEN public_6 IS NOT NULL THEN public_6 OR COALESCE(integration_6, false)
					  WHEN integration_6 THEN true END;
		why := p || ': ' || public_6_why || '; ' || integration_6_why;
		RETURN NEXT;
		ground := 'integration_benefits'; meets := integration_6; why := p || ': ' || integration_6_why;
		RETURN NEXT;
		ground := 'insurance_benefits'; meets := insurance_6; why := p || ': ' || insurance_6_why;
		RETURN NEXT;
		ground := 'public_benefits_now';
		meets := CASE WHEN public_now IS NOT NULL THEN public_now OR COALESCE(integration_now, false)
					  WHEN integration_now THEN true END;
		why := p || ': ' || CASE WHEN meets THEN 'receives them now: ' ELSE '' END
			   || public_6_why || '; ' || integration_6_why;
		RETURN NEXT;
		pension := housing_areas_private.household_boolean(m -> 'fortidspension', format('members[%s].fortidspension', i));
		ground := 'fortidspension'; meets := pension;
		why := p || ': ' || CASE WHEN pension THEN 'receives førtidspension' WHEN NOT pension THEN 'no førtidspension'
								 ELSE 'fortidspension not given' END;
		RETURN NEXT;
	END LOOP;
	IF applicants <> 1 OR spouses > 1 THEN
		PERFORM housing_areas_private.household_error('members', 'a household has one applicant and at most one spouse',
			format('It has %s applicants and %s spouses.', applicants, spouses));
	END IF;
END
$$;$src$),
	('housing_areas.allocation_check', $src$CREATE FUNCTION allocation_check(area_id integer, on_date date, household jsonb)
	RETURNS TABLE (obligation text, paragraph text, number integer, ground text, refuses boolean, reason text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
#variable_conflict use_column
DECLARE
	resident boolean;
	members jsonb;
BEGIN
	IF area_id IS NULL OR on_date IS NULL THEN
		RAISE EXCEPTION 'allocation_check needs an area and a date'
			USING ERRCODE = 'null_value_not_allowed',
				  DETAIL = format('The area is %s and the date %s.', COALESCE(area_id::text, 'NULL'),
								  COALESCE(on_date::text, 'NULL'));
	END IF;
	-- a later list will apply on an infinite date: no answer, never a guess
	IF NOT isfinite(on_date) THEN
		RAISE EXCEPTION 'invalid value "%" for argument "on_date"', on_date
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'The date must be a day of the calendar, not infinity.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM housing_areas.area AS a WHERE a.area_id = allocation_check.area_id) THEN
		RAISE EXCEPTION 'unknown area %', area_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The areas are in housing_areas.area.';
	END IF;
	-- the whole document is checked first, whatever applies in the area
	resident := housing_areas_private.household_boolean(household -> 'already_resident', 'already_resident');
	members := (SELECT jsonb_agg(to_jsonb(h)) FROM housing_areas_private.household_grounds(household, on_date) AS h);
	RETURN QUERY
	WITH hg AS (
		SELECT h.* FROM jsonb_to_recordset(members)
						 AS h(member integer, role text, ground text, meets boolean, why text)
	), ob AS (
		SELECT o.obligation, o.holds, o.reason
		  FROM housing_areas.obligations(allocation_check.on_date, allocation_check.area_id) AS o
	), letting AS (
		-- almenboligloven § 51 b: the decision in force (the latest, if several)
		SELECT d.decision_id, d.decided_on, d.includes_pension, d.includes_insurance_benefits
		  FROM housing_areas.decision AS d
		 WHERE d.kind = 'combined_letting' AND d.area_id = allocation_check.area_id
		   AND d.valid_from <= allocation_check.on_date
		   AND (d.valid_until IS NULL OR allocation_check.on_date < d.valid_until)
		 ORDER BY d.valid_from DESC, d.decision_id DESC
		 LIMIT 1
	), grounds AS (
		SELECT g.obligation, g.ground, g.number, g.paragraph, g.who, ob.holds, ob.reason AS ob_reason,
			   lt.decision_id, lt.decided_on, k.ordinal
		  FROM housing_areas.allocation_ground AS g
		  JOIN housing_areas.obligation_kind AS k ON k.obligation = g.obligation
		  JOIN ob ON ob.obligation = g.obligation
		  LEFT JOIN letting AS lt ON g.obligation = 'combined_letting_possible'
		 WHERE g.obligation <> 'combined_letting_possible'
			OR (lt.decision_id IS NOT NULL
				AND (g.optional IS NULL
					 OR (g.optional = 'includes_pension' AND lt.includes_pension)
					 OR (g.optional = 'includes_insurance_benefits' AND lt.includes_insurance_benefits)))
	), judged AS (
		SELECT g.*,
			   -- Kleene "some member meets it"
			   CASE WHEN bool_or(h.meets) THEN true WHEN bool_or(h.meets IS NULL) THEN NULL ELSE false END AS member_meets,
			   string_agg(h.why, '; ' ORDER BY h.member) FILTER (WHERE h.meets) AS why_true,
			   string_agg(h.why, '; ' ORDER BY h.member) FILTER (WHERE h.meets IS NULL) AS why_unknown,
			   string_agg(h.why, '; ' ORDER BY h.member) AS why_all
		  FROM grounds AS g
		  JOIN hg AS h ON h.ground = g.ground
					  AND (g.who = 'member' OR h.role IN ('applicant', 'spouse'))
		 GROUP BY g.obligation, g.ground, g.number, g.paragraph, g.who, g.holds, g.ob_reason,
				  g.decision_id, g.decided_on, g.ordinal
	), decided AS (
		SELECT j.*,
			   CASE WHEN j.who = 'applicant_or_spouse' THEN j.member_meets AND NOT resident
					ELSE j.member_meets END AS household_meets
		  FROM judged AS j
	)
	SELECT d.obligation, d.paragraph, d.number, d.ground,
		   d.household_meets AND d.holds,
		   CASE WHEN d.household_meets AND d.holds THEN 'refuses: ' || d.why_true
				WHEN d.holds IS false THEN 'does not refuse: ' || d.ob_reason
				WHEN d.who = 'applicant_or_spouse' AND resident AND d.member_meets IS NOT false
					THEN 'does not refuse: the applicant already lives in the department'
				WHEN d.household_meets IS false THEN 'does not refuse: ' || d.why_all
				WHEN d.household_meets IS NULL
					THEN 'unknown: ' || concat_ws('; ', d.why_true, d.why_unknown)
						 || CASE WHEN d.member_meets AND resident IS NULL
								 THEN '; already_resident not given' ELSE '' END
				ELSE 'unknown: ' || d.why_true || '; ' || d.ob_reason
		   END
		   || CASE WHEN d.household_meets AND d.holds THEN
				   CASE d.obligation
					   WHEN 'refusal_required' THEN ' (the housing organisation must refuse the applicant)'
					   WHEN 'combined_letting_possible'
						   THEN format(' (the housing organisation must refuse the applicant: decision %s of %s)',
									   d.decision_id, d.decided_on)
					   ELSE ' (the municipality may not allocate the dwelling to the household)' END
			  ELSE '' END
	  FROM decided AS d
	 ORDER BY d.ordinal, d.number NULLS LAST, d.ground;
END
$$;$src$),
	('housing_areas_private.letting_hidden', $src$CREATE FUNCTION housing_areas_private.letting_hidden(list_year integer)
	RETURNS TABLE (area_id integer, hidden_now boolean, hidden_before boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the kombineret udlejning flag is computed from shares (disclosed_criteria()
	-- hides it with the other flags of a record): hidden on the list of the
	-- year, or on an earlier one (which since would tell)
	SELECT ay.area_id,
		   COALESCE(bool_or('kombineret_udlejning' = ANY (dc.suppressed))
					FILTER (WHERE ay.list_year = letting_hidden.list_year), false),
		   COALESCE(bool_or('kombineret_udlejning' = ANY (dc.suppressed))
					FILTER (WHERE ay.list_year < letting_hidden.list_year), false)
	  FROM area_year AS ay
	 CROSS JOIN LATERAL disclosed_criteria(ay.ind, ay.persons, ay.list_year) AS dc
	 WHERE ay.list_year <= letting_hidden.list_year
	 GROUP BY ay.area_id;
END;$src$),
	('housing_areas.bi_obligations', $src$CREATE VIEW bi_obligations AS
WITH d AS (
	SELECT y.list_year, housing_areas_private.list_day(y.list_year) AS day
	  FROM (SELECT latest_list_year() AS list_year) AS y
	 WHERE y.list_year IS NOT NULL
), hidden AS (
	SELECT h.* FROM d CROSS JOIN LATERAL housing_areas_private.letting_hidden(d.list_year) AS h
), shown AS (
	-- combined_letting_possible follows a flag computed from shares: where
	-- it is hidden, every such area gets the same row, whatever the flag
	SELECT o.area_id, o.obligation, o.paragraph,
		   CASE WHEN h.hidden_before AND o.obligation = 'combined_letting_possible' THEN NULL ELSE o.since END AS since,
		   o.until, o.reason, o.holds,
		   CASE WHEN h.hidden_before AND o.obligation = 'combined_letting_possible' THEN 'since' ELSE '' END AS suppressed
	  FROM d
	 CROSS JOIN LATERAL obligations(d.day) AS o
	  LEFT JOIN hidden AS h ON h.area_id = o.area_id
	 WHERE NOT (o.obligation = 'combined_letting_possible' AND COALESCE(h.hidden_now, false))
	UNION ALL
	SELECT h.area_id, k.obligation, k.paragraph, NULL, NULL,
		   'hidden for disclosure (housing_areas.min_cell_count): the kombineret udlejning list is computed from shares of too few persons',
		   NULL, 'since,until,holds'
	  FROM hidden AS h
	  JOIN obligation_kind AS k ON k.obligation = 'combined_letting_possible'
	 WHERE h.hidden_now
)
SELECT s.area_id, a.name, a.municipality_code, d.list_year, d.day AS on_date,
	   s.obligation, s.paragraph, s.since, s.until, s.holds, s.reason, s.suppressed
  FROM shown AS s
 CROSS JOIN d
  JOIN area AS a ON a.area_id = s.area_id;$src$),
	('housing_areas.gis_obligations', $src$CREATE VIEW gis_obligations AS
SELECT b.area_id * 10 + k.ordinal AS id,
	   b.area_id, b.name, b.municipality_code, b.list_year, b.on_date,
	   b.obligation, b.paragraph, b.since, b.until, b.holds, b.reason,
	   a.geom,
	   b.area_id * 10 + k.ordinal AS ogc_fid,
	   b.suppressed
  FROM bi_obligations AS b
  JOIN obligation_kind AS k ON k.obligation = b.obligation
  JOIN area AS a ON a.area_id = b.area_id;$src$),
	('housing_areas_private.obligation_colour', $src$CREATE FUNCTION housing_areas_private.obligation_colour(state text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE state WHEN 'holds' THEN '#2171b5'
					  WHEN 'undetermined' THEN category_colour('unknown')
					  ELSE category_colour('none') END;
END;$src$),
	('housing_areas_private.svg_obligation_areas', $src$CREATE FUNCTION housing_areas_private.svg_obligation_areas(on_date date, obligation text, municipality_code text)
	RETURNS housing_areas_private.svg_area[]
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the category field of svg_area carries the state: holds, undetermined or not
	SELECT ARRAY(
		SELECT ROW(a.area_id,
				   CASE WHEN h.hidden_now THEN 'undetermined'
						WHEN o.holds THEN 'holds' WHEN o.area_id IS NOT NULL AND o.holds IS NULL THEN 'undetermined'
						ELSE 'not' END,
				   a.name || ': ' || CASE WHEN h.hidden_now THEN 'hidden for disclosure'
										  ELSE COALESCE(o.reason, 'not in force') END,
				   a.geom)::housing_areas_private.svg_area
		  FROM area AS a
		  LEFT JOIN obligations(svg_obligation_areas.on_date, NULL) AS o
				 ON o.area_id = a.area_id AND o.obligation = svg_obligation_areas.obligation
		  -- the kombineret udlejning flag goes through disclosed_criteria()
		  LEFT JOIN housing_areas_private.letting_hidden(
					   (SELECT max(ay.list_year) FROM area_year AS ay
						 WHERE housing_areas_private.list_day(ay.list_year) <= svg_obligation_areas.on_date)) AS h
				 ON h.area_id = a.area_id AND svg_obligation_areas.obligation = 'combined_letting_possible'
		 WHERE svg_obligation_areas.municipality_code IS NULL OR a.municipality_code = svg_obligation_areas.municipality_code
		 ORDER BY a.area_id);
END;$src$),
	('housing_areas_private.svg_obligation_shapes', $src$CREATE FUNCTION housing_areas_private.svg_obligation_shapes(frame housing_areas_private.svg_frame,
															areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- the polygons, and on a wide map a circle on each (those in force on top)
	SELECT xmlconcat(
		(SELECT xmlagg(xmlelement(name path,
						   xmlattributes(housing_areas_private.svg_path(svg_obligation_shapes.frame, a.geom) AS d,
										 housing_areas_private.obligation_colour(a.category) AS fill,
										 'evenodd' AS "fill-rule", l.ink AS stroke, l.line_width AS "stroke-width"),
						   xmlelement(name title, a.title))
					   ORDER BY a.area_id)
		   FROM unnest(svg_obligation_shapes.areas) AS a),
		(SELECT xmlagg(housing_areas_private.svg_circle(svg_obligation_shapes.frame, ST_PointOnSurface(a.geom),
						   l.marker_r, housing_areas_private.obligation_colour(a.category), l.ink, l.line_width, a.title)
					   ORDER BY a.category = 'holds', a.area_id)
		   FROM unnest(svg_obligation_shapes.areas) AS a
		  WHERE (svg_obligation_shapes.frame).wide))
	  FROM housing_areas_private.svg_layout() AS l;
END;$src$),
	('housing_areas_private.svg_obligation_legend', $src$CREATE FUNCTION housing_areas_private.svg_obligation_legend(frame housing_areas_private.svg_frame, title text,
															areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlconcat(
		xmlelement(name text, xmlattributes(l.margin AS x, l.title_y AS y, l.title_style AS style), svg_obligation_legend.title),
		xmlelement(name text, xmlattributes(l.margin AS x, l.summary_y AS y, l.grey AS fill),
				   (SELECT count(*) FILTER (WHERE a.category = 'holds') || ' of ' || count(*) || ' areas, '
						   || count(*) FILTER (WHERE a.category = 'undetermined') || ' undetermined'
					  FROM unnest(svg_obligation_legend.areas) AS a)),
		(SELECT xmlagg(xmlconcat(
					xmlelement(name rect, xmlattributes(c.left_x + l.legend_rect_x AS x,
													   l.legend_rect_y + l.legend_row * e.n AS y,
													   l.legend_rect_width AS width, l.legend_rect_height AS height,
													   housing_areas_private.obligation_colour(e.state) AS fill, l.ink AS stroke)),
					xmlelement(name text, xmlattributes(c.left_x + l.legend_text_x AS x,
													   l.legend_text_y + l.legend_row * e.n AS y), e.label))
				ORDER BY e.n)
		   FROM (VALUES (1, 'holds', 'in force'), (2, 'undetermined', 'undetermined (missing values)'),
						(3, 'not', 'not in force')) AS e(n, state, label)))
	  FROM housing_areas_private.svg_layout() AS l
	 CROSS JOIN LATERAL (SELECT COALESCE((svg_obligation_legend.frame).w, l.empty_map_width) AS left_x) AS c;
END;$src$),
	('housing_areas_private.check_obligation', $src$CREATE FUNCTION housing_areas_private.check_obligation(obligation text) RETURNS boolean
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM housing_areas.obligation_kind AS k WHERE k.obligation = check_obligation.obligation) THEN
		RAISE EXCEPTION 'unknown obligation "%"', obligation
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The obligations are ' || (SELECT string_agg(k.obligation, ', ' ORDER BY k.ordinal)
													  FROM housing_areas.obligation_kind AS k) || '.';
	END IF;
	RETURN true;
END
$$;$src$),
	('housing_areas.obligations_map_svg', $src$CREATE FUNCTION obligations_map_svg(on_date date, obligation text, municipality_code text DEFAULT NULL)
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH chosen AS MATERIALIZED (
		SELECT housing_areas_private.svg_obligation_areas(obligations_map_svg.on_date, obligations_map_svg.obligation,
														  obligations_map_svg.municipality_code) AS areas,
			   k.paragraph
		  FROM obligation_kind AS k
		 WHERE housing_areas_private.check_obligation(obligations_map_svg.obligation)
		   AND k.obligation = obligations_map_svg.obligation
		   AND obligations_map_svg.on_date IS NOT NULL
	), framed AS MATERIALIZED (
		SELECT c.*, housing_areas_private.svg_frame(housing_areas_private.svg_extent(obligations_map_svg.municipality_code,
																					   c.areas)) AS frame
		  FROM chosen AS c
	)
	SELECT housing_areas_private.svg_document(f.frame, 3,
			   xmlconcat(housing_areas_private.svg_obligation_legend(f.frame,
							 obligations_map_svg.obligation || ' (' || f.paragraph || ') on '
							 || to_char(obligations_map_svg.on_date, 'YYYY-MM-DD')
							 || COALESCE(' — ' || (SELECT m.name FROM municipality AS m
												   WHERE m.municipality_code = obligations_map_svg.municipality_code), ''),
							 f.areas),
						 housing_areas_private.svg_outline(f.frame, obligations_map_svg.municipality_code),
						 housing_areas_private.svg_land(f.frame, obligations_map_svg.municipality_code),
						 housing_areas_private.svg_obligation_shapes(f.frame, f.areas),
						 housing_areas_private.svg_credit(f.frame)))::text
	  FROM framed AS f;
END;$src$),
	('housing_areas.load_official_list', $src$CREATE FUNCTION load_official_list(list_year integer, csv text, complete boolean DEFAULT true,
	OUT listed integer, OUT set_none integer, OUT created integer)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
	-- the labels of the enum a published list can give, most severe first
	categories constant text[] := ARRAY(SELECT u.c::text FROM unnest(enum_range(NULL::housing_areas.category)) AS u(c)
										 WHERE u.c <> 'unknown' ORDER BY u.c DESC);
	line record;
	f text[];
	area text;
	cat text;
	id integer;
	ids integer[];
	seen jsonb := '{}';
	rows_in jsonb := '[]';
	header_done boolean := false;
BEGIN
	IF list_year IS NULL OR csv IS NULL OR complete IS NULL THEN
		RAISE EXCEPTION 'load_official_list needs a list year, the CSV text and complete'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM housing_areas.rules_for_year(list_year);	-- its error before 2010
	IF housing_areas_private.list_day(list_year) > current_date THEN
		RAISE EXCEPTION 'the list of % is not published yet', list_year
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('The list of %s is published on %s.', list_year, housing_areas.list_date(list_year));
	END IF;
	FOR line IN SELECT t.text AS text, t.n AS n
				  FROM regexp_split_to_table(csv, '\r?\n') WITH ORDINALITY AS t(text, n) LOOP
		-- blank lines and # comments are skipped; the first other line may be
		-- the header area,category (or area_id;category)
		CONTINUE WHEN btrim(line.text) = '' OR btrim(line.text) LIKE '#%';
		f := regexp_split_to_array(line.text, '[,;]');
		IF NOT header_done THEN
			header_done := true;
			CONTINUE WHEN cardinality(f) = 2 AND lower(btrim(f[1], ' "')) IN ('area', 'area_id')
						  AND lower(btrim(f[2], ' "')) = 'category';
		END IF;
		IF cardinality(f) <> 2 THEN
			RAISE EXCEPTION 'line % of the list is not an area and a category: "%"', line.n,
				CASE WHEN length(line.text) > 60 THEN left(line.text, 60) || '...' ELSE line.text END
				USING ERRCODE = 'invalid_text_representation',
					  DETAIL = 'A line of the list is an area and its category, separated by a comma or a semicolon.',
					  HINT = 'Write for example: 101,parallelsamfund';
		END IF;
		area := left(btrim(f[1], E' \t"'), 200);
		cat := lower(left(btrim(f[2], E' \t"'), 200));
		-- the area: its identifier, or its name when one area has it
		IF area ~ '^[0-9]{1,9}$' THEN
			id := area::integer;
			IF NOT EXISTS (SELECT 1 FROM housing_areas.area AS a WHERE a.area_id = id) THEN
				RAISE EXCEPTION 'unknown area % on line % of the list', id, line.n
					USING ERRCODE = 'foreign_key_violation',
						  DETAIL = 'The areas are in housing_areas.area.';
			END IF;
		ELSE
			ids := ARRAY(SELECT a.area_id FROM housing_areas.area AS a
						  WHERE lower(a.name) = lower(area) ORDER BY a.area_id);
			IF cardinality(ids) = 0 THEN
				RAISE EXCEPTION 'unknown area "%" on line % of the list', area, line.n
					USING ERRCODE = 'foreign_key_violation',
						  DETAIL = 'An area is given by its area_id or by its name in housing_areas.area.';
			ELSIF cardinality(ids) > 1 THEN
				RAISE EXCEPTION 'area name "%" on line % of the list is ambiguous', area, line.n
					USING ERRCODE = 'invalid_parameter_value',
						  DETAIL = format('The areas %s have that name.', array_to_string(ids, ', ')),
						  HINT = 'Give the area_id instead.';
			END IF;
			id := ids[1];
		END IF;
		-- the category: its key, or its Danish legal name in that year
		IF NOT cat = ANY (categories) THEN
			cat := (SELECT c FROM unnest(categories) AS c
					 WHERE lower(housing_areas.category_label(c, list_year, 'da')) = cat);
			IF cat IS NULL THEN
				RAISE EXCEPTION 'invalid category "%" on line % of the list', left(btrim(f[2], E' \t"'), 200), line.n
					USING ERRCODE = 'invalid_parameter_value',
						  DETAIL = format('A category is one of %s, or its Danish name in %s.',
										  array_to_string(categories, ', '), list_year);
			END IF;
		END IF;
		IF seen ? id::text THEN
			RAISE EXCEPTION 'area % is on the list twice (lines % and %)', id, seen ->> id::text, line.n
				USING ERRCODE = 'unique_violation';
		END IF;
		seen := seen || jsonb_build_object(id::text, line.n);
		rows_in := rows_in || jsonb_build_object('area_id', id, 'category', cat);
	END LOOP;
	IF jsonb_array_length(rows_in) = 0 THEN
		RAISE EXCEPTION 'the list of % has no areas', list_year
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Each line of the list is an area and its category.';
	END IF;

	-- one statement each, so an error above leaves area_year as it was
	WITH given AS (
		SELECT r.area_id, r.category FROM jsonb_to_recordset(rows_in) AS r(area_id integer, category text)
	), upserted AS (
		INSERT INTO housing_areas.area_year AS ay (area_id, list_year, official_category)
		SELECT g.area_id, load_official_list.list_year, g.category::housing_areas.category FROM given AS g
		ON CONFLICT (area_id, list_year) DO UPDATE SET official_category = EXCLUDED.official_category
		RETURNING (xmax = 0) AS inserted
	)
	SELECT count(*), count(*) FILTER (WHERE u.inserted) INTO listed, created FROM upserted AS u;
	set_none := 0;
	IF complete THEN
		-- the published list names every listed area: the others are on none
		WITH changed AS (
			UPDATE housing_areas.area_year AS ay SET official_category = 'none'
			 WHERE ay.list_year = load_official_list.list_year
			   AND NOT seen ? ay.area_id::text
			RETURNING 1
		)
		SELECT count(*) INTO set_none FROM changed;
	END IF;
END
$$;$src$),
	('housing_areas.official_list_differences', $src$CREATE VIEW official_list_differences AS
SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.official_category, s.computed_category,
	   -- omdannelse is a parallelsamfund with history: classify() alone never
	   -- gives it, so it is compared as parallelsamfund
	   CASE WHEN s.computed_category <> 'unknown' THEN false END AS agrees,
	   (SELECT string_agg(format('%s %s: %s %s %s (%s)', m.category, m.criterion,
								 COALESCE(m.value::text, 'unknown'), m.operator, COALESCE(m.threshold::text, 'unknown'),
								 CASE WHEN m.met THEN 'met' WHEN NOT m.met THEN 'not met' ELSE 'unknown' END),
						  '; ' ORDER BY m.category = 'all' DESC, m.category, abs(m.distance) NULLS FIRST, m.criterion)
		  FROM margins(s.ind, s.list_year) AS m
		 WHERE m.category = 'all'
			-- undetermined: every test of a list may decide it
			OR (s.computed_category = 'unknown' AND m.category IN ('udsat', 'parallelsamfund', 'forebyggelse'))
			OR m.category = ANY (CASE WHEN 'forebyggelse' IN (s.official_category, s.computed_category)
									  THEN ARRAY['udsat', 'forebyggelse'] ELSE ARRAY[]::text[] END
								 || CASE WHEN s.official_category IN ('omdannelse', 'parallelsamfund')
										   OR s.computed_category = 'parallelsamfund'
										 THEN ARRAY['udsat', 'parallelsamfund'] ELSE ARRAY[]::text[] END
								 || CASE WHEN 'udsat' IN (s.official_category, s.computed_category)
										 THEN ARRAY['udsat'] ELSE ARRAY[]::text[] END))
		   AS criteria
  FROM area_status AS s
 WHERE s.official_category IS NOT NULL
   AND s.computed_category IS DISTINCT FROM
	   CASE s.official_category WHEN 'omdannelse' THEN 'parallelsamfund' ELSE s.official_category END;$src$),
	('housing_areas_private.check_date', $src$CREATE FUNCTION housing_areas_private.check_date(name text, value date) RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT isfinite(value) THEN
		RAISE EXCEPTION 'invalid value "%" for argument "%"', value, name
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'The date must be a day of the calendar, not infinity.';
	END IF;
	RETURN true;
END
$$;$src$),
	('housing_areas_private.list_year_on', $src$CREATE FUNCTION housing_areas_private.list_year_on(on_date date) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	-- a list applies from its publication until the next list (no list
	-- year for an infinite date)
	RETURN CASE WHEN NOT isfinite(on_date) THEN NULL
				WHEN on_date >= housing_areas_private.list_day(extract(year FROM on_date)::integer)
				THEN extract(year FROM on_date)::integer
				ELSE extract(year FROM on_date)::integer - 1 END;$src$),
	('housing_areas_private.coverage', $src$CREATE FUNCTION housing_areas_private.coverage(periods datemultirange, span daterange) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN periods IS NULL OR NOT periods && span THEN false
				WHEN periods @> span THEN true END;$src$),
	('housing_areas_private.decision_periods', $src$CREATE FUNCTION housing_areas_private.decision_periods(kind text, area_id integer,
	municipality_code text, facility_id bigint)
	RETURNS datemultirange
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT range_agg(daterange(d.valid_from, d.valid_until))
	  FROM decision AS d
	 WHERE d.kind = decision_periods.kind
	   AND (d.area_id = decision_periods.area_id
			OR d.municipality_code = decision_periods.municipality_code
			OR d.facility_id = decision_periods.facility_id);
END;$src$),
	('housing_areas_private.udsat_areas', $src$CREATE FUNCTION housing_areas_private.udsat_areas(list_year integer, span daterange)
	RETURNS TABLE (area_id integer, listed boolean, tail boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- an area without a row for the list year is not on it (as daycare_cap
	-- has always read it)
	SELECT a.area_id,
		   CASE WHEN ay.area_id IS NULL THEN false
				ELSE housing_areas_private.on_udsat_list(classify(ay.ind, ay.list_year), ay.official_category) END,
		   housing_areas_private.coverage(
			   housing_areas_private.decision_periods('daycare_tail', a.area_id, NULL, NULL), udsat_areas.span)
	  FROM area AS a
	  LEFT JOIN area_year AS ay ON ay.area_id = a.area_id AND ay.list_year = udsat_areas.list_year;
END;$src$),
	('housing_areas_private.check_daycare_tail', $src$CREATE FUNCTION housing_areas_private.check_daycare_tail() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	last_on integer;			-- the last list known to put the area on the udsat list
	first_after integer;		-- the first list year in area_year after it
	undetermined integer;		-- a list year after it whose place is unknown
	left_on date;
	latest date;
BEGIN
	IF NEW.kind <> 'daycare_tail' THEN
		RETURN NULL;
	END IF;
	SELECT max(s.list_year) FILTER (WHERE s.listed)
	  INTO last_on
	  FROM (SELECT ay.list_year,
				   housing_areas_private.on_udsat_list(housing_areas.classify(ay.ind, ay.list_year),
													   ay.official_category) AS listed
			  FROM housing_areas.area_year AS ay
			 WHERE ay.area_id = NEW.area_id) AS s;
	SELECT min(s.list_year), min(s.list_year) FILTER (WHERE s.listed IS NULL)
	  INTO first_after, undetermined
	  FROM (SELECT ay.list_year,
				   housing_areas_private.on_udsat_list(housing_areas.classify(ay.ind, ay.list_year),
													   ay.official_category) AS listed
			  FROM housing_areas.area_year AS ay
			 WHERE ay.area_id = NEW.area_id AND ay.list_year > coalesce(last_on, 0)) AS s;
	IF last_on IS NULL AND undetermined IS NULL THEN
		RAISE EXCEPTION 'area % was never on the udsat list', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('A daycare_tail decision (dagtilbudsloven § 26 c) keeps the rules for an area after it leaves the udsat list; no list year of area %s in area_year puts it on the list.', NEW.area_id),
				  HINT = 'Check area_id, or enter the area''s lists in area_year first.';
	END IF;
	IF undetermined IS NOT NULL THEN
		RAISE EXCEPTION 'when area % left the udsat list is undetermined', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Missing values leave the place of area %s on the udsat list of %s undetermined.',
								  NEW.area_id, housing_areas.list_date(undetermined)),
				  HINT = 'Give official_category, or the missing indicator values, for that list year in area_year.';
	END IF;
	IF first_after IS NULL THEN
		RAISE EXCEPTION 'area % is still on the udsat list', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Its latest list in area_year, of %s, puts it on the udsat list; a daycare_tail decision (dagtilbudsloven § 26 c) applies after an area leaves the list.',
								  housing_areas.list_date(last_on)),
				  HINT = 'Enter the list that takes the area off the udsat list in area_year first.';
	END IF;
	IF first_after <> last_on + 1 THEN
		RAISE EXCEPTION 'when area % left the udsat list is undetermined', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Area %s was on the udsat list of %s, and area_year has no row for the list of %s.',
								  NEW.area_id, housing_areas.list_date(last_on), housing_areas.list_date(last_on + 1)),
				  HINT = 'Enter the area''s row for that list year in area_year.';
	END IF;
	left_on := housing_areas_private.list_day(first_after);
	latest := left_on + pg_catalog.make_interval(years => housing_areas.consequence('daycare_cap_tail')::integer);
	IF NEW.valid_until IS NULL THEN
		RAISE EXCEPTION 'a daycare_tail decision must end'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Dagtilbudsloven § 26 c keeps the rules for at most %s years after the area leaves the udsat list; area %s left it on %s.',
								  housing_areas.consequence('daycare_cap_tail'), NEW.area_id, housing_areas.list_date(first_after)),
				  HINT = format('Give valid_until, %s at the latest.', to_char(latest, 'YYYY-MM-DD'));
	END IF;
	IF NEW.valid_until > latest THEN
		RAISE EXCEPTION 'daycare_tail decision for area % ends too late', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Area %s left the udsat list on %s; dagtilbudsloven § 26 c allows at most %s years after that, so valid_until (exclusive) is %s at the latest, not %s.',
								  NEW.area_id, housing_areas.list_date(first_after),
								  housing_areas.consequence('daycare_cap_tail'), to_char(latest, 'YYYY-MM-DD'), to_char(NEW.valid_until, 'YYYY-MM-DD')),
				  HINT = format('Set valid_until to %s or earlier.', to_char(latest, 'YYYY-MM-DD'));
	END IF;
	RETURN NULL;
END
$$;$src$),
	('housing_areas.daycare_cap_detail', $src$CREATE FUNCTION daycare_cap_detail(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer,
				   from_list integer, from_tail integer, left_out integer, undetermined integer,
				   from_udsat integer, share_pct double precision, over_cap boolean,
				   exempted boolean, in_breach boolean, decided_by text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the areas that count: on the udsat list of 1 December the year before,
	-- or under a § 26 c tail in the calendar year, or undetermined; then,
	-- through the GiST index on enrolment.home, the admissions whose home
	-- lies in one of them (by row id, so a home on a shared boundary counts
	-- once; Kleene OR over the areas)
	WITH span AS (
		SELECT sp.days,
			   -- a § 26 b choice of any municipality touching the year (for
			   -- daycares whose municipality is not recorded)
			   housing_areas_private.coverage(
				   (SELECT range_agg(daterange(d.valid_from, d.valid_until)) FROM decision AS d
					 WHERE d.kind = 'parent_work_exemption'), sp.days) IS NOT false AS any_26b
		  -- (no span for a year enrolment.year does not allow: no rows, no error)
		  FROM (SELECT CASE WHEN daycare_cap_detail.year BETWEEN 2000 AND 2100
							THEN daterange(make_date(daycare_cap_detail.year, 1, 1),
										   make_date(daycare_cap_detail.year + 1, 1, 1)) END AS days) AS sp
	), areas AS MATERIALIZED (
		SELECT a.geom, u.listed, u.listed OR u.tail AS covered
		  FROM span AS sp
		  CROSS JOIN housing_areas_private.udsat_areas(daycare_cap_detail.year - 1, sp.days) AS u
		  JOIN area AS a ON a.area_id = u.area_id
		 WHERE (u.listed OR u.tail) IS NOT false AND sp.days IS NOT NULL
	), homes AS MATERIALIZED (
		SELECT e.ctid AS row_id,
			   CASE WHEN bool_or(ar.listed IS TRUE) THEN true WHEN bool_or(ar.listed IS NULL) THEN NULL ELSE false END
				   AS listed,
			   CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS covered
		  FROM areas AS ar
		  JOIN enrolment AS e ON ST_Intersects(ar.geom, e.home)
		 WHERE e.year = daycare_cap_detail.year
		 GROUP BY e.ctid
	), daycares AS MATERIALIZED (
		-- whether the daycare's municipality chose § 26 b for the whole
		-- year (true), part of it (NULL) or not (false); a daycare of
		-- unknown municipality: any § 26 b choice that year may be its own
		SELECT f.facility_id, f.name,
			   CASE WHEN f.municipality_code IS NOT NULL
					THEN housing_areas_private.coverage(
							 housing_areas_private.decision_periods('parent_work_exemption', NULL, f.municipality_code, NULL),
							 sp.days)
					WHEN sp.any_26b THEN NULL
					ELSE false END AS chose_26b
		  FROM facility AS f
		  CROSS JOIN span AS sp
		 WHERE f.kind = 'daycare'
	), children AS (
		-- per admission: lives in an area that counts (three-valued), on
		-- the list itself, and left out under § 26 b (marked, and § 26 b
		-- chosen)
		SELECT dc.facility_id, dc.name,
			   coalesce(h.covered, CASE WHEN h.row_id IS NULL THEN false END) AS covered,
			   h.listed,
			   e.parents_work_or_study AND dc.chose_26b AS left_out
		  FROM enrolment AS e
		  JOIN daycares AS dc ON dc.facility_id = e.facility_id
		  LEFT JOIN homes AS h ON h.row_id = e.ctid
		 WHERE e.year = daycare_cap_detail.year
	), counts AS (
		SELECT c.facility_id, c.name, count(*)::integer AS admitted,
			   (count(*) FILTER (WHERE c.covered AND NOT c.left_out AND c.listed))::integer AS from_list,
			   (count(*) FILTER (WHERE c.covered AND NOT c.left_out AND c.listed IS NOT TRUE))::integer AS from_tail,
			   (count(*) FILTER (WHERE c.covered IS NOT false AND c.left_out))::integer AS left_out,
			   (count(*) FILTER (WHERE (c.covered AND NOT c.left_out) IS NULL))::integer AS undetermined
		  FROM children AS c
		 GROUP BY c.facility_id, c.name
	), outcome AS (
		SELECT n.*, n.from_list + n.from_tail AS from_udsat,
			   -- three-valued: NULL when the undetermined children decide it
			   CASE WHEN 100.0 * (n.from_list + n.from_tail) / n.admitted > consequence('daycare_cap') THEN true
					WHEN 100.0 * (n.from_list + n.from_tail + n.undetermined) / n.admitted > consequence('daycare_cap') THEN NULL
					ELSE false END AS over_cap,
			   100.0 * n.from_list / n.admitted > consequence('daycare_cap') AS over_without_tail,
			   100.0 * (n.from_list + n.from_tail + n.left_out) / n.admitted > consequence('daycare_cap') AS over_without_26b,
			   housing_areas_private.coverage(
				   housing_areas_private.decision_periods('daycare_exemption', NULL, NULL, n.facility_id), sp.days) AS exempted
		  FROM counts AS n
		  CROSS JOIN span AS sp
	)
	SELECT o.facility_id, o.name, o.admitted, o.from_list, o.from_tail, o.left_out, o.undetermined,
		   o.from_udsat, 100.0 * o.from_udsat / o.admitted, o.over_cap, o.exempted,
		   o.over_cap AND NOT o.exempted,
		   CASE WHEN (o.over_cap AND NOT o.exempted) IS NULL THEN NULL
				WHEN o.over_cap AND o.exempted THEN 'dagtilbudsloven § 26 a stk. 12-14'
				WHEN o.over_cap AND NOT o.over_without_tail THEN 'dagtilbudsloven § 26 c'
				WHEN NOT o.over_cap AND o.over_without_26b THEN 'dagtilbudsloven § 26 b'
				ELSE 'dagtilbudsloven § 26 a' END
	  FROM outcome AS o
	 ORDER BY o.facility_id;
END;$src$),
	('housing_areas.daycare_cap', $src$CREATE FUNCTION daycare_cap(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer,
				   from_udsat integer, share_pct double precision, over_cap boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT d.facility_id, d.name, d.admitted, d.from_udsat, d.share_pct, d.over_cap
	  FROM daycare_cap_detail(daycare_cap.year) AS d
	 ORDER BY d.facility_id;
END;$src$),
	('housing_areas.daycare_cap_disclosed', $src$CREATE FUNCTION daycare_cap_disclosed(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer, from_udsat integer,
				   share_pct double precision, over_cap boolean, suppressed text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- from_udsat is shown when it, the children admitted and the rest
	-- (admitted - from_udsat) are all shown by disclose(); the share and
	-- over_cap only with it, since either narrows a hidden from_udsat down
	-- (11 admitted, fewer than 5 from udsat areas and over 30 %: only 4 fits)
	SELECT c.facility_id, c.name, disclose(c.admitted),
		   CASE WHEN x.shown THEN c.from_udsat END,
		   CASE WHEN x.shown THEN c.share_pct END,
		   CASE WHEN x.shown THEN c.over_cap END,
		   concat_ws(',', CASE WHEN disclose(c.admitted) IS NULL THEN 'admitted' END,
					 CASE WHEN NOT x.shown THEN 'from_udsat,share_pct,over_cap' END)
	  FROM daycare_cap(daycare_cap_disclosed.year) AS c
	 CROSS JOIN LATERAL (SELECT disclose(c.admitted) IS NOT NULL AND disclose(c.from_udsat) IS NOT NULL
								AND disclose(c.admitted - c.from_udsat) IS NOT NULL AS shown) AS x
	 ORDER BY c.facility_id;
END;$src$),
	('housing_areas.daycare_offer_elsewhere', $src$CREATE FUNCTION daycare_offer_elsewhere(year integer)
	RETURNS TABLE (facility_id bigint, name text, area_id integer, located boolean, by_tail boolean,
				   admitted integer, from_outside integer, undetermined integer, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH span AS (
		-- (no span for a year enrolment.year does not allow: no rows, no error)
		SELECT CASE WHEN daycare_offer_elsewhere.year BETWEEN 2000 AND 2100
					THEN daterange(make_date(daycare_offer_elsewhere.year, 1, 1),
								   make_date(daycare_offer_elsewhere.year + 1, 1, 1)) END AS days
	), areas AS MATERIALIZED (
		SELECT a.area_id, a.geom, u.listed OR u.tail AS covered, u.tail AND u.listed IS NOT TRUE AS by_tail
		  FROM span AS sp
		  CROSS JOIN housing_areas_private.udsat_areas(daycare_offer_elsewhere.year - 1, sp.days) AS u
		  JOIN area AS a ON a.area_id = u.area_id
		 WHERE (u.listed OR u.tail) IS NOT false AND sp.days IS NOT NULL
	), daycares AS (
		-- a daycare in an area that counts, or in one whose place is undetermined
		SELECT f.facility_id, f.name,
			   (array_agg(ar.area_id ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS area_id,
			   CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS located,
			   (array_agg(ar.by_tail ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS by_tail
		  FROM areas AS ar
		  JOIN facility AS f ON ST_Intersects(ar.geom, f.geom)
		 WHERE f.kind = 'daycare'
		 GROUP BY f.facility_id, f.name
	), homes AS MATERIALIZED (
		SELECT e.ctid AS row_id, CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS covered
		  FROM areas AS ar
		  JOIN enrolment AS e ON ST_Intersects(ar.geom, e.home)
		 WHERE e.year = daycare_offer_elsewhere.year
		 GROUP BY e.ctid
	)
	SELECT dc.facility_id, dc.name, dc.area_id, dc.located, dc.by_tail,
		   count(e.ctid)::integer,
		   (count(e.ctid) FILTER (WHERE h.row_id IS NULL))::integer,
		   (count(e.ctid) FILTER (WHERE h.row_id IS NOT NULL AND h.covered IS NULL))::integer,
		   'dagtilbudsloven § 23 stk. 4' || CASE WHEN dc.by_tail THEN ', § 26 c' ELSE '' END
	  FROM daycares AS dc
	  LEFT JOIN enrolment AS e ON e.facility_id = dc.facility_id AND e.year = daycare_offer_elsewhere.year
	  LEFT JOIN homes AS h ON h.row_id = e.ctid
	 GROUP BY dc.facility_id, dc.name, dc.area_id, dc.located, dc.by_tail
	 ORDER BY dc.facility_id;
END;$src$),
	('housing_areas.learning_offer', $src$CREATE FUNCTION learning_offer(on_date date DEFAULT CURRENT_DATE)
	RETURNS TABLE (child_id bigint, area_id integer, status text, notice_due date,
				   must_start date, may_leave boolean, reason text, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH areas AS MATERIALIZED (
		-- the areas on the udsat list in force that day, kept by a § 26 c
		-- decision in force that day, or undetermined
		SELECT a.area_id, a.geom, u.listed OR u.tail AS covered, u.tail AND u.listed IS NOT TRUE AS by_tail
		  FROM housing_areas_private.udsat_areas(housing_areas_private.list_year_on(learning_offer.on_date),
												 daterange(learning_offer.on_date, learning_offer.on_date, '[]')) AS u
		  JOIN area AS a ON a.area_id = u.area_id
		 WHERE (u.listed OR u.tail) IS NOT false
	), homes AS MATERIALIZED (
		SELECT c.child_id,
			   (array_agg(ar.area_id ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS area_id,
			   CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS covered,
			   (array_agg(ar.by_tail ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS by_tail
		  FROM areas AS ar
		  JOIN child AS c ON ST_Intersects(ar.geom, c.home)
		 GROUP BY c.child_id
	), kids AS (
		SELECT c.*, h.area_id, h.by_tail,
			   CASE WHEN h.child_id IS NULL THEN false ELSE h.covered END AS covered,
			   (c.birth_date + make_interval(months => consequence('learning_offer_age')::integer))::date AS b1,
			   (c.birth_date + make_interval(months => consequence('learning_offer_entry_age')::integer))::date AS b2,
			   coalesce(c.daycare_since <= learning_offer.on_date
						AND (c.daycare_until IS NULL OR c.daycare_until > learning_offer.on_date), false) AS in_daycare,
			   coalesce(c.learning_offer_since <= learning_offer.on_date
						AND (c.learning_offer_until IS NULL OR c.learning_offer_until > learning_offer.on_date), false) AS attending
		  FROM child AS c
		  LEFT JOIN homes AS h ON h.child_id = c.child_id
		 WHERE c.birth_date <= learning_offer.on_date
		   AND NOT coalesce(c.language_assessed <= learning_offer.on_date, false)
	), start AS (
		-- the first day from the first birthday on when the child lives in
		-- the area (t0), and the day the obligation starts: t0 when not in
		-- daycare then, else the day it leaves daycare
		SELECT k.*, t.t0,
			   CASE WHEN NOT coalesce(k.daycare_since <= t.t0 AND (k.daycare_until IS NULL OR k.daycare_until > t.t0), false)
					THEN t.t0 ELSE k.daycare_until END AS s,
			   coalesce(k.daycare_since <= k.b1 AND (k.daycare_until IS NULL OR k.daycare_until > k.b1), false)
				   AS in_daycare_at_one
		  FROM kids AS k
		  -- (greatest() would skip an unknown home_since)
		  CROSS JOIN LATERAL (SELECT CASE WHEN k.home_since IS NOT NULL THEN greatest(k.b1, k.home_since) END AS t0) AS t
	), would AS (
		-- what applies if the home's area counts
		SELECT s.*,
			   CASE WHEN learning_offer.on_date < s.b1 THEN
						CASE WHEN s.in_daycare_at_one OR s.notice_sent <= learning_offer.on_date THEN NULL
							 WHEN learning_offer.on_date <= (s.b1 - make_interval(months => consequence('learning_offer_notice')::integer))::date
							 THEN 'notice' ELSE 'notice_late' END
					WHEN s.in_daycare THEN NULL
					WHEN s.home_since IS NULL THEN
						CASE WHEN learning_offer.on_date < s.b2 THEN CASE WHEN s.attending THEN 'attends' ELSE 'must_start' END
							 ELSE 'unknown' END
					WHEN s.s < s.b2 AND s.s <= learning_offer.on_date THEN CASE WHEN s.attending THEN 'attends' ELSE 'must_start' END
			   END AS would_status,
			   CASE WHEN learning_offer.on_date < s.b1 THEN 'not in daycare at the first birthday'
					WHEN s.home_since IS NULL AND learning_offer.on_date < s.b2
					THEN 'not in daycare between the ages of one and two (the day the child moved in is not known)'
					WHEN s.home_since IS NULL THEN 'the day the child moved in is not known'
					WHEN s.s = s.b1 THEN 'not in daycare at the age of one'
					WHEN s.s = s.home_since THEN 'moved into the area between the ages of one and two'
					ELSE 'left daycare between the ages of one and two' END AS would_reason
		  FROM start AS s
	)
	SELECT w.child_id,
		   CASE WHEN w.covered IS NOT false THEN w.area_id END,
		   r.status,
		   CASE WHEN r.status IN ('notice', 'notice_late')
					 OR r.status IN ('must_start', 'attends') AND w.s = w.b1
				THEN (w.b1 - make_interval(months => consequence('learning_offer_notice')::integer))::date END,
		   CASE WHEN r.status IN ('notice', 'notice_late') THEN w.b1
				WHEN r.status IN ('must_start', 'attends') AND w.home_since IS NOT NULL THEN w.s END,
		   CASE r.status WHEN 'may_leave' THEN true WHEN 'unknown' THEN NULL ELSE false END,
		   CASE WHEN w.covered IS NULL THEN 'the place of the area on the udsat list is undetermined'
				WHEN r.status <> 'may_leave' THEN w.would_reason
				WHEN w.home_since > w.learning_offer_since THEN 'the family moved out of the area'
				WHEN w.home_since IS NULL THEN 'the child no longer lives in an area on the udsat list'
				ELSE 'the area is no longer on the udsat list and no § 26 c decision keeps it' END,
		   'dagtilbudsloven § 44 a' || CASE WHEN w.covered AND w.by_tail THEN ', § 26 c' ELSE '' END
	  FROM would AS w
	  CROSS JOIN LATERAL (
		SELECT CASE WHEN w.covered THEN w.would_status
					WHEN w.covered IS NULL THEN CASE WHEN w.would_status IS NOT NULL OR w.attending THEN 'unknown' END
					WHEN w.attending THEN 'may_leave' END AS status) AS r
	 WHERE r.status IS NOT NULL
	   AND housing_areas_private.check_date('on_date', learning_offer.on_date)
	 ORDER BY w.child_id;
END;$src$),
	('housing_areas.bi_learning_offer', $src$CREATE VIEW bi_learning_offer AS
SELECT l.area_id, a.name,
	   disclose(count(*) FILTER (WHERE l.status = 'notice')) AS notice,
	   disclose(count(*) FILTER (WHERE l.status = 'notice_late')) AS notice_late,
	   disclose(count(*) FILTER (WHERE l.status = 'must_start')) AS must_start,
	   disclose(count(*) FILTER (WHERE l.status = 'attends')) AS attends,
	   disclose(count(*) FILTER (WHERE l.status = 'may_leave')) AS may_leave,
	   disclose(count(*) FILTER (WHERE l.status = 'unknown')) AS unknown
  FROM learning_offer(CURRENT_DATE) AS l
  LEFT JOIN area AS a ON a.area_id = l.area_id
 GROUP BY l.area_id, a.name;$src$),
	('housing_areas.daycare_offer_elsewhere_disclosed', $src$CREATE FUNCTION daycare_offer_elsewhere_disclosed(year integer)
	RETURNS TABLE (facility_id bigint, name text, area_id integer, located boolean,
				   admitted integer, from_outside integer, undetermined integer, paragraph text,
				   suppressed text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- from_outside and undetermined are shown when they, the children
	-- admitted and the rest (the children from such areas) are all shown
	-- by disclose(): otherwise the shown ones would narrow a hidden one down
	SELECT o.facility_id, o.name, o.area_id, o.located, disclose(o.admitted),
		   CASE WHEN x.shown THEN o.from_outside END,
		   CASE WHEN x.shown THEN o.undetermined END,
		   o.paragraph,
		   concat_ws(',', CASE WHEN disclose(o.admitted) IS NULL THEN 'admitted' END,
					 CASE WHEN NOT x.shown THEN 'from_outside,undetermined' END)
	  FROM daycare_offer_elsewhere(daycare_offer_elsewhere_disclosed.year) AS o
	 CROSS JOIN LATERAL (SELECT disclose(o.admitted) IS NOT NULL AND disclose(o.from_outside) IS NOT NULL
								AND disclose(o.undetermined) IS NOT NULL
								AND disclose(o.admitted - o.from_outside - o.undetermined) IS NOT NULL AS shown) AS x
	 ORDER BY o.facility_id;
END;$src$),
	('housing_areas.bi_daycare_offer_elsewhere', $src$CREATE VIEW bi_daycare_offer_elsewhere AS
SELECT o.facility_id, o.name, o.area_id, o.located, o.admitted, o.from_outside, o.undetermined,
	   o.paragraph, o.suppressed
  FROM daycare_offer_elsewhere_disclosed(extract(year FROM CURRENT_DATE)::integer) AS o;$src$),
	('housing_areas.plan_dispensation', $src$CREATE FUNCTION plan_dispensation(list_year integer)
	RETURNS TABLE (area_id integer, name text, development_plan boolean, residents integer,
				   convictions boolean, may_apply boolean, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- three-valued: an unknown residents count, convictions criterion or
	-- plan leaves may_apply NULL unless another part decides it
	SELECT s.area_id, s.name, s.development_plan,
		   indicator(s.ind, 'residents')::integer, s.convictions,
		   s.development_plan
			   AND indicator(s.ind, 'residents') < consequence('dispensation_residents')
			   AND NOT s.convictions,
		   'almenboligloven § 168 a stk. 4'
	  FROM area_status AS s
	 WHERE s.list_year = plan_dispensation.list_year
	   AND s.development_plan IS NOT false
	 ORDER BY s.area_id;
END;$src$),
	('housing_areas.plan_projection', $src$CREATE FUNCTION plan_projection()
	RETURNS TABLE (area_id integer, name text, base_list_year integer, changes integer,
				   family_units integer, dwellings integer, demolished integer, commercial_m2 double precision,
				   share_now double precision, share_at_deadline double precision, deadline date,
				   target_met boolean, family_units_over_target integer, dwellings_to_add integer,
				   consistent boolean, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH plan_areas AS (
		-- the areas under a plan (or possibly) on their latest list
		SELECT DISTINCT ON (s.area_id) s.area_id, s.name, s.development_plan
		  FROM area_status AS s
		 ORDER BY s.area_id, s.list_year DESC
	), base AS (
		-- the latest list year with known counts
		SELECT p.area_id, p.name, b.list_year, b.family_units, b.dwellings,
			   coalesce(b.demolished, 0) AS demolished, coalesce(b.commercial_m2, 0) AS commercial_m2
		  FROM plan_areas AS p
		  LEFT JOIN LATERAL (
			SELECT ay.list_year, ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2
			  FROM area_year AS ay
			 WHERE ay.area_id = p.area_id AND ay.family_units IS NOT NULL AND ay.dwellings IS NOT NULL
			 ORDER BY ay.list_year DESC LIMIT 1) AS b ON true
		 WHERE p.development_plan IS NOT false
	), ledger AS (
		-- the changes after that list and before 1 January of the deadline year
		SELECT b.area_id, count(c.change_id)::integer AS changes,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'sale'), 0) AS sold,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'conversion'), 0) AS converted,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'demolition'), 0) AS demolished,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'new_non_family'), 0) AS built,
			   coalesce(sum(c.amount) FILTER (WHERE c.kind = 'commercial_m2'), 0) AS commercial_m2
		  FROM base AS b
		  LEFT JOIN dwelling_change AS c
				 ON c.area_id = b.area_id
				AND c.changed_on > housing_areas_private.list_day(b.list_year)
				AND c.changed_on < make_date(consequence('plan_deadline')::integer, 1, 1)
		 GROUP BY b.area_id
	), projected AS (
		SELECT b.*, l.changes,
			   (b.family_units - l.sold - l.converted - l.demolished)::bigint AS f,
			   (b.dwellings - l.demolished + l.built)::bigint AS t,
			   (b.demolished + l.demolished)::bigint AS d,
			   b.commercial_m2 + l.commercial_m2::double precision AS c
		  FROM base AS b
		  JOIN ledger AS l ON l.area_id = b.area_id
	), checked AS (
		-- a ledger that takes more family units than there are is
		-- inconsistent: no projection; an empty total has no share
		SELECT p.*, p.f >= 0 AS consistent,
			   p.f >= 0 AND p.t <= 2147483647 AND p.d <= 2147483647
			   AND p.t + p.d + floor(p.c / consequence('m2_per_dwelling')::float8) > 0 AS computable,
			   p.dwellings + p.demolished + floor(p.commercial_m2 / consequence('m2_per_dwelling')::float8) > 0 AS computable_now
		  FROM projected AS p
	)
	SELECT c.area_id, c.name, c.list_year, c.changes,
		   CASE WHEN c.consistent THEN c.f END::integer,
		   CASE WHEN c.consistent THEN c.t END::integer,
		   CASE WHEN c.consistent THEN c.d END::integer,
		   CASE WHEN c.consistent THEN c.c END,
		   CASE WHEN c.computable_now
				THEN family_housing_share(c.family_units, c.dwellings, c.demolished, c.commercial_m2) END,
		   CASE WHEN c.computable THEN family_housing_share(c.f::integer, c.t::integer, c.d::integer, c.c) END,
		   make_date(consequence('plan_deadline')::integer, 1, 1),
		   CASE WHEN c.computable
				THEN family_units_over_target(c.f::integer, c.t::integer, c.d::integer, c.c) = 0 END,
		   CASE WHEN c.computable THEN family_units_over_target(c.f::integer, c.t::integer, c.d::integer, c.c) END,
		   CASE WHEN c.computable THEN dwellings_to_add(c.f::integer, c.t::integer, c.d::integer, c.c) END,
		   c.consistent,
		   'almenboligloven § 168 a'
	  FROM checked AS c
	 ORDER BY c.area_id;
END;$src$),
	('housing_areas_private.scheme_id', $src$CREATE FUNCTION housing_areas_private.scheme_id(scheme text) RETURNS smallint
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	id smallint;
BEGIN
	SELECT s.scheme_id INTO id FROM housing_areas.monitoring_scheme AS s WHERE s.name = scheme_id.scheme;
	IF id IS NULL THEN
		RAISE EXCEPTION 'tier scheme "%" does not exist', scheme
			USING ERRCODE = 'undefined_object',
				  HINT = coalesce('Known schemes are listed in housing_areas.monitoring_scheme: '
								  || (SELECT pg_catalog.string_agg(s.name, ', ' ORDER BY s.name)
										FROM housing_areas.monitoring_scheme AS s) || '.',
								  'Add the scheme to housing_areas.monitoring_scheme and its tiers to housing_areas.tier_scheme.');
	END IF;
	IF NOT EXISTS (SELECT 1 FROM housing_areas.tier_scheme AS t WHERE t.scheme_id = id) THEN
		RAISE EXCEPTION 'tier scheme "%" has no tiers', scheme
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Add its tiers to housing_areas.tier_scheme: a tier number and a user rule set each.';
	END IF;
	RETURN id;
END
$$;$src$),
	('housing_areas_private.tier_of', $src$CREATE FUNCTION housing_areas_private.tier_of(ind indicators, year integer, scheme_id smallint)
	RETURNS TABLE (tier integer, rule_set text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- one row; a set-returning function so that a call in FROM is inlined
	-- into the caller's plan (three times as fast as a call per row)
	-- the tiers from the most severe down: the first whose rule set gives
	-- a category decides; an unknown one before it leaves the tier unknown
	-- (it might hold), and when none holds the tier is 0, decided by the
	-- least severe set
	WITH t AS (
		SELECT ts.tier, ts.rule_set,
			   COALESCE(category(tier_of.ind, tier_of.year, ts.rule_set), 'unknown') AS category
		  FROM tier_scheme AS ts
		 WHERE ts.scheme_id = tier_of.scheme_id
	), deciding AS (
		SELECT t.tier, t.rule_set, t.category
		  FROM t
		 WHERE t.category <> 'none'
		 ORDER BY t.tier DESC
		 LIMIT 1
	)
	SELECT CASE WHEN d.category IS NULL THEN 0
				WHEN d.category <> 'unknown' THEN d.tier END,
		   COALESCE(d.rule_set, (SELECT t.rule_set FROM t ORDER BY t.tier LIMIT 1))
	  FROM (SELECT 1) AS one
	  LEFT JOIN deciding AS d ON true;
END;$src$),
	('housing_areas.monitoring_tier', $src$CREATE FUNCTION monitoring_tier(ind indicators, year integer, scheme text) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT t.tier
	  FROM housing_areas_private.tier_of(monitoring_tier.ind, monitoring_tier.year,
										 housing_areas_private.scheme_id(monitoring_tier.scheme)) AS t;
END;$src$),
	('housing_areas_private.monitoring_rows', $src$CREATE FUNCTION housing_areas_private.monitoring_rows(scheme_id smallint)
	RETURNS TABLE (unit_id integer, year integer, name text, kind text, tenure text,
				   municipality_code text, tier integer, rules text,
				   criteria_met integer, criteria_unknown integer, criteria text,
				   previous_year integer, previous_tier integer,
				   area_id integer, area_match text, list_category category,
				   ind indicators, persons tally,
				   previous_ind indicators, previous_persons tally)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- Each row on its own, no window function: the caller's condition on
	-- unit_id, year and scheme (a GIS fetch by id) is checked on
	-- monitoring_year before the work of the row (the LATERAL subquery,
	-- kept one by OFFSET 0), and the year before is looked up by the
	-- primary key (unit_id, year - 1).
	SELECT my.unit_id, my.year, u.name, u.kind, u.tenure, u.municipality_code,
		   r.tier, r.rule_set, r.met, r.undetermined, r.criteria,
		   r.previous_year, r.previous_tier,
		   r.area_id, r.area_match, r.list_category,
		   my.ind, my.persons, r.previous_ind, r.previous_persons
	  FROM monitoring_year AS my
	  JOIN monitoring_unit AS u ON u.unit_id = my.unit_id
	 CROSS JOIN LATERAL (
		SELECT t.tier, t.rule_set,
			   CASE WHEN my.ind IS NOT NULL THEN k.met END AS met,
			   CASE WHEN my.ind IS NOT NULL THEN k.undetermined END AS undetermined,
			   k.criteria,
			   pv.year AS previous_year, pv.tier AS previous_tier,
			   pv.ind AS previous_ind, pv.persons AS previous_persons,
			   pl.area_id,
			   CASE WHEN u.area_id IS NOT NULL THEN 'area_id'
					WHEN pl.area_id IS NOT NULL THEN 'spatial' END AS area_match,
			   st.category AS list_category
		  FROM housing_areas_private.tier_of(my.ind, my.year, monitoring_rows.scheme_id) AS t
		 CROSS JOIN LATERAL (
			-- the criteria of the deciding set (margins()), the size gate
			-- shown but not counted
			SELECT (count(*) FILTER (WHERE m.category <> 'all' AND m.met))::integer AS met,
				   (count(*) FILTER (WHERE m.category <> 'all' AND m.met IS NULL))::integer AS undetermined,
				   string_agg(m.criterion || ' ' || COALESCE(m.value::text, 'unknown') || ' '
							  || m.operator || ' ' || m.threshold
							  || CASE WHEN m.criterion = 'convictions' AND m.unit <> '%' THEN ' x national' ELSE '' END
							  || CASE m.met WHEN true THEN ' met' WHEN false THEN ' not met' ELSE ' undetermined' END,
							  '; ') AS criteria
			  FROM margins(my.ind, my.year, t.rule_set) AS m) AS k
		  -- the year before: the unit's row of year - 1, none when it has
		  -- no row that year (a missing year is not skipped)
		  LEFT JOIN LATERAL (
			SELECT py.year, pt.tier, py.ind, py.persons
			  FROM monitoring_year AS py
			 CROSS JOIN LATERAL housing_areas_private.tier_of(py.ind, py.year, monitoring_rows.scheme_id) AS pt
			 WHERE py.unit_id = my.unit_id AND py.year = my.year - 1) AS pv ON true
		  -- the legal area: as given, else the one whose polygon contains
		  -- the unit's point (its address point, else a point inside it)
		 CROSS JOIN LATERAL (
			SELECT COALESCE(u.area_id,
							(SELECT a.area_id FROM area AS a
							  WHERE u.area_id IS NULL
								AND ST_Contains(a.geom, COALESCE(u.point, ST_PointOnSurface(u.geom)))
							  ORDER BY a.area_id LIMIT 1)) AS area_id) AS pl
		  LEFT JOIN LATERAL (SELECT h.category FROM area_status AS h
							  WHERE h.area_id = pl.area_id AND h.list_year = my.year) AS st ON true
		OFFSET 0) AS r;
END;$src$),
	('housing_areas.monitoring_status', $src$CREATE FUNCTION monitoring_status(scheme text)
	RETURNS TABLE (unit_id integer, year integer, name text, kind text, tenure text,
				   municipality_code text, tier integer, rules text,
				   criteria_met integer, criteria_unknown integer, criteria text,
				   previous_year integer, previous_tier integer,
				   area_id integer, area_match text, list_category category)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT r.unit_id, r.year, r.name, r.kind, r.tenure, r.municipality_code, r.tier, r.rules,
		   r.criteria_met, r.criteria_unknown, r.criteria, r.previous_year, r.previous_tier,
		   r.area_id, r.area_match, r.list_category
	  FROM monitoring_scheme AS s
	 CROSS JOIN LATERAL housing_areas_private.monitoring_rows(s.scheme_id) AS r
	 -- the scheme looked up once (an InitPlan), and checked before any
	 -- row (a one-time filter): an unknown scheme is an error also when
	 -- there are no rows; monitoring_rows of a column, not of a
	 -- subquery, is inlined (twice as fast)
	 WHERE s.scheme_id = (SELECT housing_areas_private.scheme_id(monitoring_status.scheme))
	   AND (SELECT housing_areas_private.scheme_id(monitoring_status.scheme)) IS NOT NULL
	 ORDER BY r.unit_id, r.year;
END;$src$),
	('housing_areas.bi_monitoring_status', $src$CREATE VIEW bi_monitoring_status AS
-- every scheme with tiers, every unit and year; person figures through
-- disclosed_criteria(), and when one of a row's values is hidden its tier
-- and counts of criteria are hidden with it (with the thresholds of the
-- rule sets they would bound the hidden value), and so is the previous
-- tier of the row of the year after. No window function: a condition on
-- scheme_id, unit_id and year (the GIS key) reaches monitoring_year
-- before the work of a row (monitoring_rows).
WITH h AS (
	SELECT s.scheme_id, s.name AS scheme, m.unit_id, m.year, m.name, m.kind, m.tenure,
		   m.municipality_code, m.tier, m.rules, m.criteria_met, m.criteria_unknown,
		   m.previous_year, m.previous_tier, m.area_id, m.area_match, m.list_category,
		   d.residents, d.nonwestern_pct, d.outside_labour_pct, d.convicted_pct,
		   d.basic_education_pct, d.income_pct, d.suppressed,
		   cardinality(d.suppressed) > 0 AS hide,
		   cardinality(pd.suppressed) > 0 AS previous_hide
	  FROM monitoring_scheme AS s
	 CROSS JOIN LATERAL housing_areas_private.monitoring_rows(s.scheme_id) AS m
	 CROSS JOIN LATERAL disclosed_criteria(m.ind, m.persons, m.year) AS d
	  LEFT JOIN LATERAL disclosed_criteria(m.previous_ind, m.previous_persons, m.previous_year) AS pd
		ON m.previous_year IS NOT NULL
	 WHERE EXISTS (SELECT 1 FROM tier_scheme AS t WHERE t.scheme_id = s.scheme_id)
)
SELECT h.scheme_id, h.scheme, h.unit_id, h.year, h.name, h.kind, h.tenure, h.municipality_code,
	   CASE WHEN NOT h.hide THEN h.tier END AS tier,
	   h.rules,
	   CASE WHEN NOT h.hide THEN h.criteria_met END AS criteria_met,
	   CASE WHEN NOT h.hide THEN h.criteria_unknown END AS criteria_unknown,
	   h.previous_year,
	   CASE WHEN NOT h.previous_hide THEN h.previous_tier END AS previous_tier,
	   h.area_id, h.area_match, h.list_category::text AS list_category,
	   h.residents, h.nonwestern_pct, h.outside_labour_pct, h.convicted_pct,
	   h.basic_education_pct, h.income_pct,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat,
	   concat_ws(',',
				 CASE WHEN h.hide AND h.tier IS NOT NULL THEN 'tier' END,
				 CASE WHEN h.hide AND h.criteria_met IS NOT NULL THEN 'criteria_met' END,
				 CASE WHEN h.hide AND h.criteria_unknown IS NOT NULL THEN 'criteria_unknown' END,
				 CASE WHEN h.previous_hide AND h.previous_tier IS NOT NULL THEN 'previous_tier' END,
				 NULLIF(housing_areas_private.suppressed_columns(h.suppressed,
					 '{residents,nonwestern_pct,outside_labour_pct,convicted_pct,basic_education_pct,income_pct}'), ''))
		   AS suppressed
  FROM h
  JOIN monitoring_unit AS u ON u.unit_id = h.unit_id
 CROSS JOIN LATERAL (SELECT ST_Transform(COALESCE(u.point, ST_PointOnSurface(u.geom)), 4326) AS pt) AS p;$src$),
	('housing_areas.gis_monitoring_status', $src$CREATE VIEW gis_monitoring_status AS
SELECT (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS id,
	   b.scheme, b.unit_id, b.year, b.name, b.kind, b.tenure, b.municipality_code,
	   b.tier, b.previous_tier, b.area_id, b.list_category,
	   u.geom,
	   (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS ogc_fid,
	   b.suppressed
  FROM bi_monitoring_status AS b
  JOIN monitoring_unit AS u ON u.unit_id = b.unit_id
 WHERE u.geom IS NOT NULL;$src$),
	('housing_areas.gis_monitoring_status_points', $src$CREATE VIEW gis_monitoring_status_points AS
SELECT (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS id,
	   b.scheme, b.unit_id, b.year, b.name, b.kind, b.tenure, b.municipality_code,
	   b.tier, b.previous_tier, b.area_id, b.list_category,
	   COALESCE(u.point, ST_PointOnSurface(u.geom))::geometry(Point, 25832) AS geom,
	   (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS ogc_fid,
	   b.suppressed
  FROM bi_monitoring_status AS b
  JOIN monitoring_unit AS u ON u.unit_id = b.unit_id
 WHERE u.point IS NOT NULL OR u.geom IS NOT NULL;$src$),
	('housing_areas_private.plan_area_period', $src$CREATE FUNCTION housing_areas_private.plan_area_period() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	plan_period daterange;
BEGIN
	SELECT p.period INTO plan_period FROM housing_areas.plan AS p WHERE p.plan_id = NEW.plan_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'insert or update on table "plan_area" violates foreign key constraint "plan_area_plan_id_fkey"'
			USING ERRCODE = 'foreign_key_violation',
				  DETAIL = pg_catalog.format('Key (plan_id)=(%s) is not present in table "plan".', NEW.plan_id);
	END IF;
	IF NEW.period IS NULL THEN
		NEW.period := plan_period;
	ELSIF NOT NEW.period <@ plan_period THEN
		RAISE EXCEPTION 'the days % to % of area % lie outside the days % to % of plan %',
			pg_catalog.to_char(pg_catalog.lower(NEW.period), 'YYYY-MM-DD'),
			pg_catalog.to_char(pg_catalog.upper(NEW.period) - 1, 'YYYY-MM-DD'), NEW.area_id,
			pg_catalog.to_char(pg_catalog.lower(plan_period), 'YYYY-MM-DD'),
			pg_catalog.to_char(pg_catalog.upper(plan_period) - 1, 'YYYY-MM-DD'), NEW.plan_id
			USING ERRCODE = 'check_violation',
				  DETAIL = 'A plan covers an area only while the plan runs.',
				  HINT = 'Leave the period out to cover the area for the whole plan, or give days within the plan''s period.';
	END IF;
	RETURN NEW;
END
$$;$src$),
	('housing_areas_private.plan_period_change', $src$CREATE FUNCTION housing_areas_private.plan_period_change() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NEW.period IS DISTINCT FROM OLD.period THEN
		UPDATE housing_areas.plan_area AS pa SET period = NEW.period
		 WHERE pa.plan_id = NEW.plan_id AND pa.period = OLD.period;
		-- the others: the trigger of plan_area checks them on this update
		UPDATE housing_areas.plan_area AS pa SET period = pa.period
		 WHERE pa.plan_id = NEW.plan_id AND pa.period IS DISTINCT FROM NEW.period;
	END IF;
	RETURN NULL;
END
$$;$src$),
	('housing_areas.list_in_force', $src$CREATE FUNCTION list_in_force(on_date date) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	-- a list applies from its day until the next list's day
	RETURN housing_areas_private.list_year_on(on_date);$src$),
	('housing_areas_private.check_coverage_date', $src$CREATE FUNCTION housing_areas_private.check_coverage_date(on_date date) RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF housing_areas.list_in_force(on_date) IS NULL OR housing_areas.list_in_force(on_date) < 2010 THEN
		RAISE EXCEPTION 'no list was in force on %',
			coalesce(pg_catalog.to_char(on_date, 'YYYY-MM-DD'), on_date::text)
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'The first list was published on 1 October 2010.';
	END IF;
	RETURN housing_areas_private.check_list_year(housing_areas.list_in_force(on_date));
END
$$;$src$),
	('housing_areas.plan_coverage', $src$CREATE FUNCTION plan_coverage(on_date date)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category category, list_status text, covered boolean, plan_id integer,
				   plan_name text, housing_organisation text, plan_period daterange,
				   covered_until date, earliest_exit date, ends_before_exit boolean)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	WITH st AS (
		SELECT s.area_id, s.name, s.municipality_code, s.list_year, s.category,
			   CASE WHEN s.on_udsat_list THEN 'udsat'
					WHEN s.category = 'forebyggelse' THEN 'forebyggelse'
					WHEN s.category = 'unknown' THEN 'unknown'
					-- on no list, but a criterion of the year's main test
					-- holds in an area passing the size gate
					WHEN s.category = 'none' AND s.criteria_met >= 1
						 AND (classify(s.ind, s.list_year)).size_ok THEN 'near'
			   END AS list_status,
			   s.development_plan,
			   housing_areas_private.list_day(s.list_year + 1) AS next_list,
			   make_date(consequence('plan_deadline')::integer, 1, 1) AS deadline
		  FROM area_status AS s
		 WHERE s.list_year = list_in_force(plan_coverage.on_date)
		   AND housing_areas_private.check_coverage_date(plan_coverage.on_date)
	)
	SELECT st.area_id, st.name, st.municipality_code, st.list_year, st.category, st.list_status,
		   cur.plan_id IS NOT NULL, cur.plan_id, cur.name, cur.housing_organisation, cur.period,
		   cov.until,
		   -- an area leaves a list on the next list at the earliest; an
		   -- omdannelse area's development plan runs until 1 January 2030
		   CASE WHEN st.list_status = 'near' THEN NULL
				WHEN st.development_plan THEN greatest(st.next_list, st.deadline)
				WHEN NOT st.development_plan THEN st.next_list END,
		   CASE WHEN cur.plan_id IS NULL OR st.list_status = 'near' THEN NULL
				WHEN cov.until < st.next_list THEN true
				WHEN cov.until >= greatest(st.next_list, st.deadline) THEN false
				WHEN st.development_plan THEN cov.until < st.deadline
				WHEN NOT st.development_plan THEN false END
	  FROM st
	  LEFT JOIN LATERAL (
		SELECT p.plan_id, p.name, p.housing_organisation, pa.period
		  FROM plan_area AS pa JOIN plan AS p ON p.plan_id = pa.plan_id
		 WHERE pa.area_id = st.area_id AND pa.period @> plan_coverage.on_date
		   AND p.status IN ('approved', 'stopped')) AS cur ON true
	  -- the end of the unbroken cover by plans (one after another) from the date
	  LEFT JOIN LATERAL (
		SELECT upper(r.r) AS until
		  FROM unnest((SELECT range_agg(pa.period)
						 FROM plan_area AS pa JOIN plan AS p ON p.plan_id = pa.plan_id
						WHERE pa.area_id = st.area_id AND p.status IN ('approved', 'stopped'))) AS r(r)
		 WHERE r.r @> plan_coverage.on_date) AS cov ON true
	 WHERE st.list_status IS NOT NULL
	 ORDER BY st.area_id;
END;$src$),
	('housing_areas_private.coverage_date', $src$CREATE FUNCTION housing_areas_private.coverage_date() RETURNS date
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- today, or the last day in force of the latest list area_year holds
	-- that was published by today; NULL when it holds none
	SELECT least(current_date, housing_areas_private.list_day(max(ay.list_year) + 1) - 1)
	  FROM area_year AS ay
	 WHERE ay.list_year <= list_in_force(current_date)
	HAVING count(*) > 0;
END;$src$),
	('housing_areas.gis_plan_coverage', $src$CREATE VIEW gis_plan_coverage AS
SELECT c.area_id AS id, c.area_id, d.on_date, c.list_year, c.name, c.municipality_code,
	   c.category::text AS category, c.list_status, c.covered, c.plan_id, c.plan_name, c.housing_organisation,
	   lower(c.plan_period) AS plan_start, upper(c.plan_period) - 1 AS plan_end,
	   c.covered_until - 1 AS covered_to, c.earliest_exit, c.ends_before_exit,
	   a.geom, c.area_id AS ogc_fid
  FROM (SELECT housing_areas_private.coverage_date() AS on_date) AS d
 CROSS JOIN LATERAL plan_coverage(d.on_date) AS c
  JOIN area AS a ON a.area_id = c.area_id;$src$),
	('housing_areas.bi_plan_coverage', $src$CREATE VIEW bi_plan_coverage AS
SELECT g.area_id, g.on_date, g.list_year, g.name, g.municipality_code, g.category,
	   category_label(g.category, g.list_year, 'en') AS category_en,
	   g.list_status, g.covered, g.plan_id, g.plan_name, g.housing_organisation,
	   g.plan_start, g.plan_end, g.covered_to, g.earliest_exit, g.ends_before_exit,
	   disclose(indicator(ay.ind, 'residents')::integer) AS residents,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat
  FROM gis_plan_coverage AS g
  JOIN area_year AS ay ON ay.area_id = g.area_id AND ay.list_year = g.list_year
 CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(g.geom), 4326) AS pt) AS p;$src$),
	('housing_areas.twin_coordinates', $src$CREATE FUNCTION twin_coordinates(ind indicators, list_year integer) RETURNS double precision[]
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- each criterion of the year's main test and non-Western, divided by
	-- its threshold that year (margins()); NULL when unknown or not tested
	SELECT ARRAY[max(m.value / m.threshold) FILTER (WHERE m.criterion = 'labour'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'convictions'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'education'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'income'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'nonwestern')]
	  FROM margins(twin_coordinates.ind, twin_coordinates.list_year) AS m
	 WHERE m.category IN ('udsat', 'parallelsamfund') AND m.threshold <> 0;
END;$src$),
	('housing_areas_private.twin_known', $src$CREATE FUNCTION housing_areas_private.twin_known(l1 double precision, c1 double precision,
	e1 double precision, i1 double precision, n1 double precision, l2 double precision,
	c2 double precision, e2 double precision, i2 double precision, n2 double precision)
	RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN (l1 - l2 IS NOT NULL)::integer + (c1 - c2 IS NOT NULL)::integer + (e1 - e2 IS NOT NULL)::integer
		   + (i1 - i2 IS NOT NULL)::integer + (n1 - n2 IS NOT NULL)::integer;$src$),
	('housing_areas_private.twin_rms', $src$CREATE FUNCTION housing_areas_private.twin_rms(l1 double precision, c1 double precision,
	e1 double precision, i1 double precision, n1 double precision, l2 double precision,
	c2 double precision, e2 double precision, i2 double precision, n2 double precision,
	min_common integer)
	RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- the root mean square of the differences over the coordinates known in
	-- both; one unknown in either is left out, never guessed; rounded to 10
	-- decimals so that binary noise does not break ties
	RETURN CASE WHEN housing_areas_private.twin_known(l1, c1, e1, i1, n1, l2, c2, e2, i2, n2) >= greatest(min_common, 1)
				THEN round(sqrt((coalesce((l1 - l2) * (l1 - l2), 0) + coalesce((c1 - c2) * (c1 - c2), 0)
								 + coalesce((e1 - e2) * (e1 - e2), 0) + coalesce((i1 - i2) * (i1 - i2), 0)
								 + coalesce((n1 - n2) * (n1 - n2), 0))
								/ housing_areas_private.twin_known(l1, c1, e1, i1, n1, l2, c2, e2, i2, n2)) * 1e10) / 1e10 END;$src$),
	('housing_areas.twin_common', $src$CREATE FUNCTION twin_common(a double precision[], b double precision[]) RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN housing_areas_private.twin_known(a[1], a[2], a[3], a[4], a[5], b[1], b[2], b[3], b[4], b[5]);$src$),
	('housing_areas.twin_distance', $src$CREATE FUNCTION twin_distance(a double precision[], b double precision[], min_common integer DEFAULT 3)
	RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN housing_areas_private.twin_rms(a[1], a[2], a[3], a[4], a[5], b[1], b[2], b[3], b[4], b[5], min_common);$src$),
	('housing_areas_private.check_twin_arguments', $src$CREATE FUNCTION housing_areas_private.check_twin_arguments(area_id integer, list_year integer, k integer,
	max_km double precision, min_common integer)
	RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM housing_areas_private.check_positive('k', k, false);
	IF max_km IS NOT NULL THEN
		PERFORM housing_areas_private.check_positive('max_km', max_km, true);
	END IF;
	IF min_common IS NULL OR min_common < 1 OR min_common > 5 THEN
		RAISE EXCEPTION 'invalid value "%" for argument "min_common"', min_common
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'twins() compares 5 criteria: the value must be from 1 to 5.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM housing_areas.area_year AS ay
					WHERE ay.area_id = check_twin_arguments.area_id
					  AND ay.list_year = check_twin_arguments.list_year) THEN
		RAISE EXCEPTION 'area % has no row in area_year for list year %', area_id, list_year
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'twins() compares the areas of one list year in area_year.';
	END IF;
	RETURN true;
END
$$;$src$),
	('housing_areas.twins', $src$CREATE FUNCTION twins(area_id integer, list_year integer, k integer DEFAULT 5,
	same_region boolean DEFAULT false, max_km double precision DEFAULT NULL,
	min_common integer DEFAULT 3, unplanned_during daterange DEFAULT NULL)
	RETURNS TABLE (rank integer, twin_id integer, name text, municipality_code text,
				   distance double precision, common_criteria integer, km double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH target AS MATERIALIZED (
		SELECT a.area_id, a.region_code, ST_Centroid(a.geom) AS centre,
			   twin_coordinates(ay.ind, ay.list_year) AS x
		  FROM area_year AS ay JOIN area AS a ON a.area_id = ay.area_id
		 WHERE ay.area_id = twins.area_id AND ay.list_year = twins.list_year
	), candidate AS MATERIALIZED (
		SELECT c.area_id, c.name, c.municipality_code, t.x,
			   twin_coordinates(ay.ind, ay.list_year) AS cx,
			   ST_Distance(ST_Centroid(c.geom), t.centre) / 1000 AS km
		  FROM target AS t
		  JOIN area AS c ON c.area_id <> t.area_id
		  JOIN area_year AS ay ON ay.area_id = c.area_id AND ay.list_year = twins.list_year
		 WHERE (NOT twins.same_region OR c.region_code = t.region_code)
		   AND (twins.max_km IS NULL OR ST_DWithin(ST_Centroid(c.geom), t.centre, twins.max_km * 1000))
		   -- never an area of a plan that covers the area that list year
		   AND NOT EXISTS (SELECT 1 FROM plan_area AS own JOIN plan_area AS o ON o.plan_id = own.plan_id
							WHERE own.area_id = t.area_id AND o.area_id = c.area_id
							  AND own.period && daterange(make_date(twins.list_year, 1, 1),
														  make_date(twins.list_year + 1, 1, 1)))
		   AND (twins.unplanned_during IS NULL
				OR NOT EXISTS (SELECT 1 FROM plan_area AS pa
								WHERE pa.area_id = c.area_id AND pa.period && twins.unplanned_during))
	)
	SELECT (row_number() OVER (ORDER BY d.distance, d.area_id))::integer,
		   d.area_id, d.name, d.municipality_code, d.distance, d.common_criteria, d.km
	  FROM (SELECT c.area_id, c.name, c.municipality_code, c.km,
				   twin_distance(c.x, c.cx, twins.min_common) AS distance,
				   twin_common(c.x, c.cx) AS common_criteria
			  FROM candidate AS c) AS d
	 WHERE d.distance IS NOT NULL
	 ORDER BY d.distance, d.area_id
	 -- the checks here: a LIMIT is evaluated even when nothing is fetched
	 LIMIT CASE WHEN housing_areas_private.check_twin_arguments(twins.area_id, twins.list_year, twins.k,
																twins.max_km, twins.min_common)
				THEN twins.k END;
END;$src$),
	('housing_areas.area_twins', $src$CREATE VIEW area_twins AS
-- every record's coordinates once; per list year, the 5 nearest of each
-- record by housing_areas_private.nearest_twins() (k-d trees in C, the
-- distance of twin_rms() bit for bit), never an area of a plan that covers
-- the record's area that list year
WITH coordinates AS MATERIALIZED (
	SELECT ay.area_id, ay.list_year, twin_coordinates(ay.ind, ay.list_year) AS x
	  FROM area_year AS ay
	 WHERE ay.ind IS NOT NULL
), years AS (
	SELECT c.list_year, array_agg(c.area_id ORDER BY c.area_id) AS ids,
		   array_agg(c.x ORDER BY c.area_id) AS xs
	  FROM coordinates AS c
	 GROUP BY c.list_year
), excluded AS (
	-- (record, area of a plan that covers the record's area that list year)
	SELECT c.list_year, array_agg(own.area_id) AS area_ids, array_agg(p.area_id) AS twin_ids
	  FROM coordinates AS c
	  JOIN plan_area AS own ON own.area_id = c.area_id
						   AND own.period && daterange(make_date(c.list_year, 1, 1), make_date(c.list_year + 1, 1, 1))
	  JOIN plan_area AS p ON p.plan_id = own.plan_id AND p.area_id <> own.area_id
	 GROUP BY c.list_year
)
SELECT t.area_id, y.list_year, t.rank, t.twin_id, t.distance, t.common_criteria
  FROM years AS y
  LEFT JOIN excluded AS e ON e.list_year = y.list_year
 CROSS JOIN LATERAL housing_areas_private.nearest_twins(y.ids, y.xs, coalesce(e.area_ids, '{}'),
														 coalesce(e.twin_ids, '{}'), 5, 3) AS t;$src$),
	('housing_areas_private.check_plan', $src$CREATE FUNCTION housing_areas_private.check_plan(plan_id integer, k integer) RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM housing_areas_private.check_positive('k', k, false);
	IF NOT EXISTS (SELECT 1 FROM housing_areas.plan AS p WHERE p.plan_id = check_plan.plan_id) THEN
		RAISE EXCEPTION 'no plan %', coalesce(plan_id::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The plans are the rows of housing_areas.plan.';
	END IF;
	RETURN true;
END
$$;$src$),
	('housing_areas.plan_effects', $src$CREATE FUNCTION plan_effects(plan_id integer, k integer DEFAULT 5)
	RETURNS TABLE (criterion text, from_list integer, to_list integer,
				   plan_areas integer, plan_before double precision, plan_after double precision,
				   plan_change double precision,
				   twin_areas integer, twin_before double precision, twin_after double precision,
				   twin_change double precision, difference double precision, note text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH p AS MATERIALIZED (
		-- from the list in force on the plan's first day to the list in force
		-- on its last day (or the latest list held, while it runs)
		SELECT pl.plan_id, pl.period,
			   list_in_force(lower(pl.period)) AS from_list,
			   least(list_in_force(upper(pl.period) - 1), (SELECT latest_list_year())) AS to_list
		  FROM plan AS pl
		 WHERE pl.plan_id = plan_effects.plan_id
		   AND housing_areas_private.check_plan(plan_effects.plan_id, plan_effects.k)
	), plan_areas AS MATERIALIZED (
		-- the plan's areas with a row on the list before the plan
		SELECT pa.area_id, p.from_list, p.period
		  FROM p JOIN plan_area AS pa ON pa.plan_id = p.plan_id
		 WHERE EXISTS (SELECT 1 FROM area_year AS ay WHERE ay.area_id = pa.area_id AND ay.list_year = p.from_list)
	), groups AS (
		SELECT 'plan' AS grp, pa.area_id FROM p JOIN plan_area AS pa ON pa.plan_id = p.plan_id
		UNION
		-- each area's twins on the list before the plan, among the areas
		-- without a plan on any day of the plan's period
		SELECT 'twins', t.twin_id
		  FROM plan_areas AS pa
		 CROSS JOIN LATERAL twins(pa.area_id, pa.from_list, plan_effects.k, unplanned_during => pa.period) AS t
	), v AS (
		-- each area's value as disclosed_criteria() shows it (NULL when
		-- unknown or hidden), on the list before and on the last list
		SELECT g.grp, c.criterion,
			   CASE c.criterion WHEN 'outside_labour' THEN db.outside_labour_pct WHEN 'convicted' THEN db.convicted_pct
					WHEN 'basic_education' THEN db.basic_education_pct WHEN 'income' THEN db.income_pct
					ELSE db.nonwestern_pct END AS before,
			   CASE c.criterion WHEN 'outside_labour' THEN de.outside_labour_pct WHEN 'convicted' THEN de.convicted_pct
					WHEN 'basic_education' THEN de.basic_education_pct WHEN 'income' THEN de.income_pct
					ELSE de.nonwestern_pct END AS after
		  FROM groups AS g CROSS JOIN p
		 CROSS JOIN (VALUES ('outside_labour'), ('convicted'), ('basic_education'),
							('income'), ('nonwestern')) AS c(criterion)
		  LEFT JOIN area_year AS b ON b.area_id = g.area_id AND b.list_year = p.from_list
		  LEFT JOIN LATERAL disclosed_criteria(b.ind, b.persons, b.list_year) AS db ON true
		  LEFT JOIN area_year AS e ON e.area_id = g.area_id AND e.list_year = p.to_list
		  LEFT JOIN LATERAL disclosed_criteria(e.ind, e.persons, e.list_year) AS de ON true
	), s AS (
		-- each figure from the areas with the value shown on both lists
		SELECT v.grp, v.criterion,
			   (count(*) FILTER (WHERE v.before IS NOT NULL AND v.after IS NOT NULL))::integer AS n,
			   avg(v.before) FILTER (WHERE v.after IS NOT NULL) AS before,
			   avg(v.after) FILTER (WHERE v.before IS NOT NULL) AS after
		  FROM v GROUP BY v.grp, v.criterion
	)
	SELECT c.criterion, p.from_list, p.to_list,
		   coalesce(pl.n, 0), pl.before, pl.after,
		   CASE WHEN p.to_list > p.from_list THEN pl.after - pl.before END,
		   coalesce(tw.n, 0), tw.before, tw.after,
		   CASE WHEN p.to_list > p.from_list THEN tw.after - tw.before END,
		   CASE WHEN p.to_list > p.from_list THEN (pl.after - pl.before) - (tw.after - tw.before) END,
		   'a comparison, not proof of cause: the change in the plan''s areas beside the change in similar areas without a plan; other differences between the areas, chance and the choice of twins can explain a difference as well as the plan can'
	  FROM p
	 CROSS JOIN (VALUES (1, 'outside_labour'), (2, 'convicted'), (3, 'basic_education'),
						(4, 'income'), (5, 'nonwestern')) AS c(ord, criterion)
	  LEFT JOIN s AS pl ON pl.grp = 'plan' AND pl.criterion = c.criterion
	  LEFT JOIN s AS tw ON tw.grp = 'twins' AND tw.criterion = c.criterion
	 ORDER BY c.ord;
END;$src$);
-- category sources: end

DO $$
DECLARE
	col smallint := (SELECT a.attnum FROM pg_catalog.pg_attribute AS a
					  WHERE a.attrelid = 'housing_areas.area_year'::pg_catalog.regclass
						AND a.attname = 'official_category');
	ext oid := (SELECT e.oid FROM pg_catalog.pg_extension AS e WHERE e.extname = 'housing_areas_postgis');
	roots oid[] := ARRAY['housing_areas_private.on_udsat_list(housing_areas.classification, text)'::pg_catalog.regprocedure,
						 'housing_areas_private.on_a_list(housing_areas.classification, text)'::pg_catalog.regprocedure]::oid[];
	o record;
	blockers text;
BEGIN
	CREATE TABLE housing_areas_private.category_update_dependant AS
	WITH RECURSIVE dep AS (
		SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass::oid AS classid, r AS objid, 0 AS depth
		  FROM pg_catalog.unnest(roots) AS r
		UNION ALL
		SELECT d.classid, d.objid, 1
		  FROM pg_catalog.pg_depend AS d
		 WHERE d.deptype = 'n' AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
		   AND d.refobjid = 'housing_areas.area_year'::pg_catalog.regclass AND d.refobjsubid = col
		   AND NOT (d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass
					AND d.objid = (SELECT c.oid FROM pg_catalog.pg_constraint AS c
									WHERE c.conrelid = 'housing_areas.area_year'::pg_catalog.regclass
									  AND c.conname = 'area_year_official_category_check'))
		UNION ALL
		-- what depends on a view (through its rewrite rule) or on a function
		SELECT d.classid, d.objid, dep.depth + 1
		  FROM dep
		  LEFT JOIN pg_catalog.pg_rewrite AS r
			ON dep.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = dep.objid
		  LEFT JOIN pg_catalog.pg_class AS v ON v.oid = r.ev_class
		  JOIN pg_catalog.pg_depend AS d
			ON d.deptype = 'n'
		   AND ((d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = r.ev_class
				 AND NOT (d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid))
				-- a function returning the view's row type (SETOF area_status)
				OR (d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.refobjid = v.reltype)
				OR (dep.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
					AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.refobjid = dep.objid))
		 WHERE dep.depth < 50
	)
	SELECT dep.classid, dep.objid, max(dep.depth) AS depth
	  FROM dep
	 GROUP BY dep.classid, dep.objid;

	-- what cannot be saved and created again: constraints, defaults,
	-- triggers, policies, rules, objects of other extensions
	SELECT string_agg(pg_catalog.pg_describe_object(d.classid, d.objid, 0), ', ' ORDER BY 1)
	  INTO blockers
	  FROM housing_areas_private.category_update_dependant AS d
	  LEFT JOIN pg_catalog.pg_rewrite AS r
		ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid
	 WHERE NOT (d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.rulename = '_RETURN')
	   AND NOT (d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
				AND (SELECT c.relkind FROM pg_catalog.pg_class AS c WHERE c.oid = d.objid) = 'i')
	   AND NOT d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
		OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS e
					WHERE e.deptype = 'e'
					  AND e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
					  AND e.refobjid <> ext
					  AND e.classid = CASE WHEN d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
										   THEN 'pg_catalog.pg_class'::pg_catalog.regclass ELSE d.classid END
					  AND e.objid = COALESCE(r.ev_class, d.objid));
	IF blockers IS NOT NULL THEN
		RAISE EXCEPTION 'cannot update housing_areas_postgis: % uses area_year.official_category', blockers
			USING ERRCODE = 'dependent_objects_still_exist',
				  DETAIL = 'It becomes the enum type category in 0.3.0, and these objects cannot be created again from their definitions by the update.',
				  HINT = 'Drop them, run ALTER EXTENSION housing_areas_postgis UPDATE, and create them again; comparisons with quoted labels keep working (official_category = ''udsat'').';
	END IF;

	FOR o IN
		SELECT d.depth, c.oid AS relid, c.relkind, NULL::oid AS procid
		  FROM housing_areas_private.category_update_dependant AS d
		  JOIN pg_catalog.pg_rewrite AS r ON r.oid = d.objid
		  JOIN pg_catalog.pg_class AS c ON c.oid = r.ev_class
		 WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
		UNION ALL
		SELECT d.depth, d.objid, 'i', NULL
		  FROM housing_areas_private.category_update_dependant AS d
		 WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
		UNION ALL
		SELECT d.depth, NULL, NULL, d.objid
		  FROM housing_areas_private.category_update_dependant AS d
		 WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
		 ORDER BY 1
	LOOP
		IF o.procid IS NOT NULL THEN
			INSERT INTO housing_areas_private.category_update_saved
			SELECT o.depth, 'function', p.oid::pg_catalog.regprocedure::text,
				   EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS e
							WHERE e.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND e.objid = p.oid
							  AND e.refobjid = ext AND e.deptype = 'e'),
				   n.nspname || '.' || p.proname,
				   pg_catalog.format('DROP FUNCTION %s', p.oid::pg_catalog.regprocedure),
				   pg_catalog.pg_get_functiondef(p.oid),
				   ARRAY(SELECT pg_catalog.format('ALTER FUNCTION %s OWNER TO %s',
												  p.oid::pg_catalog.regprocedure, p.proowner::pg_catalog.regrole)
						 UNION ALL
						 SELECT pg_catalog.format('COMMENT ON FUNCTION %s IS %L',
												  p.oid::pg_catalog.regprocedure, ds.description)
						   FROM pg_catalog.pg_description AS ds
						  WHERE ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass
						 UNION ALL
						 SELECT pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', p.oid::pg_catalog.regprocedure)
						  WHERE p.proacl IS NOT NULL
						 UNION ALL
						 SELECT pg_catalog.format('GRANT %s ON FUNCTION %s TO %s', a.privilege_type,
												  p.oid::pg_catalog.regprocedure,
												  CASE WHEN a.grantee = 0 THEN 'PUBLIC'
													   ELSE a.grantee::pg_catalog.regrole::text END)
						   FROM pg_catalog.aclexplode(p.proacl) AS a)
			  FROM pg_catalog.pg_proc AS p
			  JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
			 WHERE p.oid = o.procid;
			CONTINUE;
		END IF;
		IF o.relkind = 'i' THEN
			INSERT INTO housing_areas_private.category_update_saved
			SELECT o.depth, 'index', c.oid::pg_catalog.regclass::text, false, '',
				   pg_catalog.format('DROP INDEX %s', c.oid::pg_catalog.regclass),
				   pg_catalog.pg_get_indexdef(c.oid),
				   ARRAY(SELECT pg_catalog.format('COMMENT ON INDEX %s IS %L', c.oid::pg_catalog.regclass, ds.description)
						   FROM pg_catalog.pg_description AS ds
						  WHERE ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass)
			  FROM pg_catalog.pg_class AS c WHERE c.oid = o.relid;
			CONTINUE;
		END IF;
		INSERT INTO housing_areas_private.category_update_saved
		SELECT o.depth, CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END,
			   pg_catalog.format('%I.%I', n.nspname, c.relname)::text,
			   EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS e
						WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid
						  AND e.refobjid = ext AND e.deptype = 'e'),
			   n.nspname || '.' || c.relname,
			   pg_catalog.format('DROP %s %s', CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
								 pg_catalog.format('%I.%I', n.nspname, c.relname)),
			   pg_catalog.format('CREATE %s %s%s AS %s', CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
								 pg_catalog.format('%I.%I', n.nspname, c.relname),
								 ' WITH (' || pg_catalog.array_to_string(c.reloptions, ', ') || ')',
								 pg_catalog.pg_get_viewdef(c.oid)),
			   ARRAY(SELECT pg_catalog.format('ALTER TABLE %s OWNER TO %s', pg_catalog.format('%I.%I', n.nspname, c.relname),
											  c.relowner::pg_catalog.regrole)
					 UNION ALL
					 SELECT pg_catalog.format('COMMENT ON %s %s IS %L',
											  CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
											  pg_catalog.format('%I.%I', n.nspname, c.relname), ds.description)
					   FROM pg_catalog.pg_description AS ds
					  WHERE ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
						AND ds.objsubid = 0
					 UNION ALL
					 SELECT pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', pg_catalog.format('%I.%I', n.nspname, c.relname),
											  a.attname, ds.description)
					   FROM pg_catalog.pg_description AS ds
					   JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = ds.objsubid
					  WHERE ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
						AND ds.objsubid > 0
					 UNION ALL
					 SELECT pg_catalog.format('GRANT %s ON %s TO %s', a.privilege_type, pg_catalog.format('%I.%I', n.nspname, c.relname),
											  CASE WHEN a.grantee = 0 THEN 'PUBLIC'
												   ELSE a.grantee::pg_catalog.regrole::text END)
					   FROM pg_catalog.aclexplode(c.relacl) AS a
					  WHERE a.grantee <> c.relowner
					 -- the indexes of a materialized view, the triggers of a view
					 UNION ALL
					 SELECT pg_catalog.pg_get_indexdef(i.indexrelid)
					   FROM pg_catalog.pg_index AS i WHERE i.indrelid = c.oid
					 UNION ALL
					 SELECT pg_catalog.pg_get_triggerdef(t.oid)
					   FROM pg_catalog.pg_trigger AS t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal)
		  FROM pg_catalog.pg_class AS c
		  JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
		 WHERE c.oid = o.relid;
	END LOOP;

	-- the extension's own objects come back in this version's form
	SELECT string_agg(s.name, ', ') INTO blockers
	  FROM housing_areas_private.category_update_saved AS s
	 WHERE s.member AND NOT EXISTS (SELECT 1 FROM housing_areas_private.category_update_source AS d
									 WHERE d.name = s.source_name);
	IF blockers IS NOT NULL THEN
		RAISE EXCEPTION 'no definition of % in the update script', blockers;
	END IF;

	-- drop, the deepest first (a view before the views it reads)
	FOR o IN SELECT s.drop_command FROM housing_areas_private.category_update_saved AS s
			  ORDER BY s.ord DESC, s.name DESC
	LOOP
		EXECUTE o.drop_command;
	END LOOP;
END $$;

ALTER TABLE area_year DROP CONSTRAINT area_year_official_category_check;
ALTER TABLE area_year ALTER COLUMN official_category TYPE category USING official_category::category;
ALTER TABLE area_year ADD CONSTRAINT area_year_official_category_check CHECK (official_category <> 'unknown');

DO $$
DECLARE
	o record;
	c text;
	done text[] := '{}';
BEGIN
	FOR o IN SELECT s.*, d.create_command AS source_command
			   FROM housing_areas_private.category_update_saved AS s
			   LEFT JOIN housing_areas_private.category_update_source AS d
				 ON s.member AND d.name = s.source_name
			  ORDER BY s.ord, s.name
	LOOP
		IF o.member THEN
			EXECUTE o.source_command;
		ELSE
			BEGIN
				EXECUTE o.create_command;
			EXCEPTION WHEN OTHERS THEN
				RAISE EXCEPTION 'cannot update housing_areas_postgis: % % cannot be created again on the enum category', o.kind, o.name
					USING ERRCODE = 'dependent_objects_still_exist',
						  DETAIL = pg_catalog.format('area_year.official_category and the categories of area_status become the enum type category in 0.3.0; the %s''s definition, %s, now fails: %s.',
													 o.kind, o.create_command, SQLERRM),
						  HINT = pg_catalog.format('Drop %s (%s), run ALTER EXTENSION housing_areas_postgis UPDATE, and create it again; comparisons with quoted labels keep working (category = ''udsat''), with a label written as text (''udsat''::text) they do not.',
												   o.name, o.drop_command);
			END;
			-- created by this script, it would become part of the extension
			IF o.kind <> 'index' THEN
				EXECUTE pg_catalog.format('ALTER EXTENSION housing_areas_postgis DROP %s %s', o.kind, o.name);
			END IF;
			done := done || pg_catalog.format('%s %s', o.kind, o.name);
		END IF;
		-- the comments of on_udsat_list and on_a_list follow (their signature changed)
		IF NOT (o.member AND o.kind = 'function' AND o.name LIKE '%(classification,text)') THEN
			FOREACH c IN ARRAY o.after_commands
			LOOP
				EXECUTE c;
			END LOOP;
		END IF;
	END LOOP;
	IF done <> '{}' THEN
		RAISE WARNING 'dropped and created again on the enum category: %', pg_catalog.array_to_string(done, ', ')
			USING DETAIL = 'area_year.official_category and the categories of area_status are now of the enum type category; a view''s column of them is now of that type too.';
	END IF;
END $$;
DROP TABLE housing_areas_private.category_update_source, housing_areas_private.category_update_saved,
	housing_areas_private.category_update_dependant;
COMMENT ON FUNCTION housing_areas_private.on_udsat_list(classification, category) IS
'on the udsat list (udsat, parallelsamfund or omdannelse) that year: the published category where given, else the classification; NULL when undetermined';
COMMENT ON FUNCTION housing_areas_private.on_a_list(classification, category) IS
'on any list (omdannelse, parallelsamfund, udsat or forebyggelse) that year: the published category where given, else the classification; NULL when undetermined';
