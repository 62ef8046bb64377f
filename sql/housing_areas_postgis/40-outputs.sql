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
