-- map outputs: GeoJSON, vector tiles, SVG

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

CREATE FUNCTION areas_geojson(list_year integer)
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

CREATE FUNCTION housing_areas_private.mvt_areas(z integer, x integer, y integer, list_year integer, points boolean)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the areas whose box meets the tile (GiST index), each with its status
	-- from its own history only; unknown without a row that year; a point
	-- has no buffer, so that each point is in one tile
	SELECT p.area_id, p.name, p.municipality_code, p.list_year, p.category, p.label,
		   p.years_on_list, p.development_plan, p.tile_geom
	  FROM (SELECT a.area_id, a.name, a.municipality_code, y.list_year, c.category,
				   category_label(c.category, y.list_year) AS label, s.years_on_list, s.development_plan,
				   CASE WHEN mvt_areas.points
						THEN ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(a.geom), 3857), t.env3857, 4096, 0, true)
						ELSE ST_AsMVTGeom(ST_Transform(a.geom, 3857), t.env3857, 4096, 64, true) END AS tile_geom
			  FROM housing_areas_private.mvt_tile(mvt_areas.z, mvt_areas.x, mvt_areas.y) AS t
			 CROSS JOIN (SELECT COALESCE(mvt_areas.list_year, (SELECT latest_list_year())) AS list_year) AS y
			  JOIN area AS a ON a.geom && t.env25832
			  LEFT JOIN LATERAL (SELECT h.* FROM area_status AS h WHERE h.area_id = a.area_id OFFSET 0) AS s
				ON s.list_year = y.list_year
			 CROSS JOIN LATERAL (SELECT COALESCE(s.category, 'unknown')::text AS category) AS c
			 WHERE housing_areas_private.check_list_year(y.list_year)) AS p
	 WHERE p.tile_geom IS NOT NULL;
END;
COMMENT ON FUNCTION housing_areas_private.mvt_areas(integer, integer, integer, integer, boolean) IS
'the features of a tile: the areas with their status in a list year (default: the latest), category unknown without a row that year, the list year checked as by the other map outputs; geometry in tile coordinates, the polygon (64-unit buffer) or, with points, a point inside it (no buffer); an area whose geometry is smaller than a tile unit is left out';

CREATE FUNCTION areas_mvt_features(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT * FROM housing_areas_private.mvt_areas(areas_mvt_features.z, areas_mvt_features.x, areas_mvt_features.y,
												  areas_mvt_features.list_year, false);
END;
COMMENT ON FUNCTION areas_mvt_features(integer, integer, integer, integer) IS
'the features of the layer "areas" of areas_mvt(): the area polygons in a tile with their status (category unknown without a row that year), geometry in tile coordinates; polygons smaller than a tile unit are left out (see area_points_mvt_features)';

CREATE FUNCTION area_points_mvt_features(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT * FROM housing_areas_private.mvt_areas(area_points_mvt_features.z, area_points_mvt_features.x,
												  area_points_mvt_features.y, area_points_mvt_features.list_year, true);
END;
COMMENT ON FUNCTION area_points_mvt_features(integer, integer, integer, integer) IS
'the features of the layer "area_points" of areas_mvt(): a point inside each area (ST_PointOnSurface) in the tile, with the same attributes as the layer "areas", at every zoom: areas stay visible on a national map where their polygons are smaller than a pixel';

CREATE FUNCTION areas_mvt(z integer, x integer, y integer, list_year integer DEFAULT NULL)
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

-- ---- the SVG map: small steps in housing_areas_private, composed by map_svg ----

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
		 CROSS JOIN LATERAL (SELECT COALESCE(s.category, 'unknown')::text AS category) AS c
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

CREATE FUNCTION map_svg(list_year integer, municipality_code text DEFAULT NULL)
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
