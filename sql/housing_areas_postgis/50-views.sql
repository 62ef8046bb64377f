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
