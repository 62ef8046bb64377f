-- Twins benchmark (psql variables runs, areas, years, units, pairs): twins for
-- every area of every year, and for every department of a municipality, by
-- the extension (each record's twin_coordinates() once) beside the plain SQL
-- way (a cross join computing both records' coordinates for each pair,
-- ORDER BY distance LIMIT k).  Checks every pair, then times it; results go
-- to bench.results and bench.checks (bench 'twins', group = pair number).
\set ON_ERROR_STOP on
\pset footer off
SET search_path = housing_areas, public;
SELECT setseed(0.16);

-- the plain SQL way for all records of area_year: k = 5, no region, at
-- least 3 criteria in common (twins() defaults), optionally within :km
CREATE FUNCTION bench.naive_twins(max_km double precision) RETURNS TABLE (area_id integer, list_year integer,
	rank integer, twin_id integer, distance double precision, common_criteria integer)
LANGUAGE sql STABLE AS $$
	SELECT t.area_id, t.list_year, n.rank, n.twin_id, n.distance, n.common_criteria
	  FROM housing_areas.area_year AS t
	  JOIN housing_areas.area AS ta ON ta.area_id = t.area_id
	 CROSS JOIN LATERAL (
		SELECT (row_number() OVER (ORDER BY d.distance, d.area_id))::integer AS rank, d.area_id AS twin_id,
			   d.distance, d.common_criteria
		  FROM (SELECT c.area_id,
					   housing_areas.twin_distance(housing_areas.twin_coordinates(t.ind, t.list_year),
												   housing_areas.twin_coordinates(c.ind, c.list_year)) AS distance,
					   housing_areas.twin_common(housing_areas.twin_coordinates(t.ind, t.list_year),
												 housing_areas.twin_coordinates(c.ind, c.list_year)) AS common_criteria
				  FROM housing_areas.area_year AS c
				  JOIN housing_areas.area AS ca ON ca.area_id = c.area_id
				 WHERE c.list_year = t.list_year AND c.area_id <> t.area_id
				   AND (max_km IS NULL OR ST_DWithin(ST_Centroid(ca.geom), ST_Centroid(ta.geom), max_km * 1000))) AS d
		 WHERE d.distance IS NOT NULL
		 ORDER BY d.distance, d.area_id
		 LIMIT 5) AS n
	 WHERE t.ind IS NOT NULL
$$;

-- area_twins as it was until nearest_twins() (the "before" of pairs 1 and 3)
\set all_pairs bench.area_twins_all_pairs
\ir ../fixtures/twins-all-pairs.sql

CREATE TABLE bench.twins_pairs (ord int PRIMARY KEY, data text, ext_label text, base_label text, ext text, base text);
INSERT INTO bench.twins_pairs VALUES
(1, 'national', '`area_twins` (every area and year; k-d trees in C)', '`area_twins` before: all pairs of a year by a hash join, `twin_rms()` per pair',
 $$SELECT area_id, list_year, rank, twin_id, distance, common_criteria FROM housing_areas.area_twins$$,
 $$SELECT * FROM bench.area_twins_all_pairs$$),
(2, 'national', '`twins(area, year)` for every area and year', 'cross join, coordinates per pair, `LIMIT 5` per record',
 $$SELECT ay.area_id, ay.list_year, t.rank, t.twin_id, t.distance, t.common_criteria
     FROM housing_areas.area_year AS ay, housing_areas.twins(ay.area_id, ay.list_year) AS t$$,
 $$SELECT * FROM bench.naive_twins(NULL)$$),
(3, 'departments', '`area_twins` (every department; k-d trees in C)', '`area_twins` before: all pairs by a hash join',
 $$SELECT area_id, list_year, rank, twin_id, distance, common_criteria FROM housing_areas.area_twins$$,
 $$SELECT * FROM bench.area_twins_all_pairs$$),
(4, 'departments', '`twins(department, year, max_km => 1)` for every department', 'the same cross join within 1 km (`ST_DWithin` on centroids)',
 $$SELECT ay.area_id, ay.list_year, t.rank, t.twin_id, t.distance, t.common_criteria
     FROM housing_areas.area_year AS ay, housing_areas.twins(ay.area_id, ay.list_year, max_km => 1) AS t$$,
 $$SELECT * FROM bench.naive_twins(1)$$);
-- only the pairs asked for (psql variable pairs, e.g. '{1,3}')
DELETE FROM bench.twins_pairs WHERE NOT ord = ANY (:'pairs'::int[]);

-- data: :areas areas x :years years over Denmark (3 % of convictions
-- unknown), then :units departments of one municipality in one year
CREATE FUNCTION bench.twins_data(n integer, years integer, side_m double precision) RETURNS void
LANGUAGE sql AS $$
	DELETE FROM housing_areas.area;
	INSERT INTO housing_areas.area (area_id, name, municipality_code, region_code, geom)
	SELECT g, 'Unit ' || g, '0751', '1082',
		   ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(560000 + random() * side_m, 6200000 + random() * side_m), 25832), 60, 4))
	  FROM generate_series(1, n) AS g;
	INSERT INTO housing_areas.area_year (area_id, list_year, ind)
	SELECT a.area_id, 2025 - y,
		   housing_areas.make_indicators(
			   residents => (300 + random() * 3000)::integer, nonwestern => 10 + random() * 70,
			   outside_labour => 20 + random() * 35,
			   convicted => CASE WHEN random() > 0.03 THEN 0.5 + random() * 3 END, national_convicted => 0.8::float8,
			   basic_education => 35 + random() * 40, income => 45 + random() * 40)
	  FROM housing_areas.area AS a, generate_series(1, years) AS y;
	ANALYZE housing_areas.area, housing_areas.area_year;
$$;

CREATE TABLE bench.twins_sizes (ord int PRIMARY KEY, records bigint, per_year bigint);

\echo '-- national:' :areas 'areas x' :years 'years'
SELECT bench.twins_data(:areas, :years, 300000);
\set data national
\ir twins-run.sql

\echo '-- departments:' :units 'in a 20 km square, one year'
SELECT bench.twins_data(:units, 1, 20000);
\set data departments
\ir twins-run.sql
DELETE FROM housing_areas.area;
