-- faces for GIS and BI tools: person figures go through
-- disclosed_criteria() (housing_areas.min_cell_count), and each view says in
-- its column suppressed which of its values are hidden

CREATE VIEW gis_area_status AS
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

CREATE VIEW gis_latest_list AS
SELECT g.*		-- the columns of gis_area_status, fixed when the view is created
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

CREATE VIEW gis_latest_list_points AS
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

CREATE VIEW bi_area_status AS
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

CREATE VIEW bi_area_timeseries AS
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
