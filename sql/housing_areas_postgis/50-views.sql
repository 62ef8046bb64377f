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
