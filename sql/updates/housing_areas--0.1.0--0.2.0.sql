-- housing_areas 0.1.0 -> 0.2.0
\echo Use "ALTER EXTENSION housing_areas UPDATE TO '0.2.0'" to load this file. \quit

-- disclosure control: person counts below housing_areas.min_cell_count
-- (default 5) are not shown by the BI view and the demo report.

CREATE FUNCTION min_cell_count() RETURNS integer
	AS 'MODULE_PATHNAME', 'ha_min_cell_count'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION min_cell_count() IS
'the smallest person count shown: the setting housing_areas.min_cell_count (default 5)';

CREATE FUNCTION disclose(n integer) RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE WHEN n > 0 AND n < min_cell_count() THEN NULL ELSE n END;
COMMENT ON FUNCTION disclose(integer) IS
'a person count, or NULL when it is from 1 to min_cell_count() - 1 (register data rules)';

CREATE FUNCTION disclose(n bigint) RETURNS bigint
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE WHEN n > 0 AND n < min_cell_count() THEN NULL ELSE n END;
COMMENT ON FUNCTION disclose(bigint) IS
'a person count, or NULL when it is from 1 to min_cell_count() - 1 (register data rules)';

CREATE FUNCTION disclose_share(share double precision, population double precision)
	RETURNS double precision
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE WHEN population < min_cell_count() THEN NULL ELSE share END;
COMMENT ON FUNCTION disclose_share(double precision, double precision) IS
'a share of a population, or NULL when the population is smaller than min_cell_count()';

-- the BI view suppresses small person counts
CREATE OR REPLACE VIEW bi_area_status AS
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

-- PL/pgSQL helpers pin their search_path
ALTER FUNCTION check_facility_kind(text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION check_positive(text, double precision, boolean) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION check_tile(integer, integer, integer) SET search_path = pg_catalog, pg_temp;

-- map_svg draws the background municipalities in a fixed order
CREATE OR REPLACE FUNCTION map_svg(list_year integer, municipality_code text DEFAULT NULL)
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
