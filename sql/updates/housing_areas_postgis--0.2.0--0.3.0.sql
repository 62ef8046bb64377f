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
			  FROM (VALUES (1, 'omdannelse'), (2, 'parallelsamfund'), (3, 'udsat'),
						   (4, 'forebyggelse'), (5, 'none'), (6, 'unknown')) AS o(ord, category)
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

-- ---- boligsociale helhedsplaner: plans, coverage, twins, effects (as sql/housing_areas_postgis/70-helhedsplaner.sql) ----
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

CREATE FUNCTION housing_areas_private.list_day(list_year integer) RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	-- the day of list_date(): 1 October or 1 December
	RETURN make_date(list_year, CASE WHEN list_date(list_year) LIKE '1 October %' THEN 10 ELSE 12 END, 1);
COMMENT ON FUNCTION housing_areas_private.list_day(integer) IS
'the publication day of the list of a year, as a date (list_date() as text)';

CREATE FUNCTION list_in_force(on_date date) RETURNS integer
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	-- a list applies from its day until the next list's day
	RETURN CASE WHEN on_date >= housing_areas_private.list_day(extract(year FROM on_date)::integer)
				THEN extract(year FROM on_date)::integer
				ELSE extract(year FROM on_date)::integer - 1 END;
COMMENT ON FUNCTION list_in_force(date) IS
'the list year of the list in force on a date: the last list published on or before it (a list applies until the next one); 2012 from 1 October 2012 to 30 November 2013; a year before 2010 when no list was in force';

-- ---- coverage ----

CREATE FUNCTION housing_areas_private.check_coverage_date(on_date date) RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF housing_areas.list_in_force(on_date) < 2010 THEN
		RAISE EXCEPTION 'no list was in force on %', pg_catalog.to_char(on_date, 'YYYY-MM-DD')
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
		SELECT g.grp, c.criterion,
			   indicator(b.ind, c.criterion) AS before, indicator(e.ind, c.criterion) AS after,
			   indicator(e.ind, 'residents') AS residents
		  FROM groups AS g CROSS JOIN p
		 CROSS JOIN (VALUES ('outside_labour'), ('convicted'), ('basic_education'),
							('income'), ('nonwestern')) AS c(criterion)
		  LEFT JOIN area_year AS b ON b.area_id = g.area_id AND b.list_year = p.from_list
		  LEFT JOIN area_year AS e ON e.area_id = g.area_id AND e.list_year = p.to_list
	), s AS (
		-- each figure from the areas with the value known on both lists,
		-- shown only when they hold min_cell_count() residents or more
		SELECT v.grp, v.criterion,
			   (count(*) FILTER (WHERE v.before IS NOT NULL AND v.after IS NOT NULL))::integer AS n,
			   disclose_share(avg(v.before) FILTER (WHERE v.after IS NOT NULL),
							  sum(v.residents) FILTER (WHERE v.before IS NOT NULL AND v.after IS NOT NULL)) AS before,
			   disclose_share(avg(v.after) FILTER (WHERE v.before IS NOT NULL),
							  sum(v.residents) FILTER (WHERE v.before IS NOT NULL AND v.after IS NOT NULL)) AS after
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
'difference in differences for a plan, per criterion value (outside_labour, convicted, basic_education, income, nonwestern, in %): the mean in the plan''s areas on the list in force when it started (from_list) and on the list in force on its last day or the latest list held (to_list), beside the same for the twins (twins(), k per area, on from_list) that no plan covered on any day of the plan''s period; each figure from the areas with the value known on both lists (plan_areas, twin_areas), NULL when they hold fewer than min_cell_count() residents; changes NULL until a later list is held. A comparison, not proof of cause: other differences between the areas, chance and the choice of twins can explain a difference as well as the plan can';
