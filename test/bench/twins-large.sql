-- Twins at scale (psql variable units): area_twins once for :units
-- departments of one municipality in one year (data as in twins.sql), with
-- its two parts timed on their own (each record's twin_coordinates(); the
-- k-d tree search of nearest_twins() on those arrays), then the rows of 20
-- departments checked against twins() (all pairs) for them.  Results to
-- bench.twins_large.
\set ON_ERROR_STOP on
SET search_path = housing_areas, public;
SELECT setseed(0.16);
CREATE TABLE bench.twins_large (ord int PRIMARY KEY, step text, ms double precision, rows bigint, ok boolean);
DELETE FROM housing_areas.area;
SELECT clock_timestamp() AS t0 \gset
INSERT INTO housing_areas.area (area_id, name, municipality_code, region_code, geom)
SELECT g, 'Unit ' || g, '0751', '1082',
	   ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(560000 + random() * 20000, 6200000 + random() * 20000), 25832), 60, 4))
  FROM generate_series(1, :units) AS g;
INSERT INTO housing_areas.area_year (area_id, list_year, ind)
SELECT a.area_id, 2024,
	   housing_areas.make_indicators(
		   residents => (300 + random() * 3000)::integer, nonwestern => 10 + random() * 70,
		   outside_labour => 20 + random() * 35,
		   convicted => CASE WHEN random() > 0.03 THEN 0.5 + random() * 3 END, national_convicted => 0.8::float8,
		   basic_education => 35 + random() * 40, income => 45 + random() * 40)
  FROM housing_areas.area AS a;
ANALYZE housing_areas.area, housing_areas.area_year;
INSERT INTO bench.twins_large
SELECT 1, 'load (areas, records)', extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000,
	   (SELECT count(*) FROM housing_areas.area_year), NULL;

-- the parts: coordinates, then the search alone
SELECT clock_timestamp() AS t1 \gset
CREATE TABLE bench.twins_coordinates AS
SELECT area_id, list_year, twin_coordinates(ind, list_year) AS x FROM housing_areas.area_year WHERE ind IS NOT NULL;
INSERT INTO bench.twins_large
SELECT 2, 'part: `twin_coordinates()` of every department', extract(epoch FROM clock_timestamp() - :'t1'::timestamptz) * 1000,
	   (SELECT count(*) FROM bench.twins_coordinates), NULL;
CREATE TABLE bench.twins_arrays AS
SELECT list_year, array_agg(area_id ORDER BY area_id) AS ids, array_agg(x ORDER BY area_id) AS xs
  FROM bench.twins_coordinates GROUP BY list_year;
SELECT clock_timestamp() AS t2 \gset
CREATE TABLE bench.twins_search AS
SELECT n.* FROM bench.twins_arrays AS a, housing_areas_private.nearest_twins(a.ids, a.xs, '{}', '{}', 5, 3) AS n;
INSERT INTO bench.twins_large
SELECT 3, 'part: `nearest_twins()` on those arrays (k-d trees in C)', extract(epoch FROM clock_timestamp() - :'t2'::timestamptz) * 1000,
	   (SELECT count(*) FROM bench.twins_search), NULL;

-- the whole view
SELECT clock_timestamp() AS t3 \gset
CREATE TABLE bench.twins_view AS SELECT area_id, list_year, rank, twin_id, distance, common_criteria FROM housing_areas.area_twins;
INSERT INTO bench.twins_large
SELECT 4, '`area_twins` (every department)', extract(epoch FROM clock_timestamp() - :'t3'::timestamptz) * 1000,
	   (SELECT count(*) FROM bench.twins_view), (SELECT count(DISTINCT area_id) FROM bench.twins_view) = :units;

-- the check: twins() (all pairs in SQL) of 20 departments
SELECT clock_timestamp() AS t4 \gset
CREATE TABLE bench.twins_function AS
SELECT s.area_id, 2024 AS list_year, t.rank, t.twin_id, t.distance, t.common_criteria
  FROM (SELECT area_id FROM housing_areas.area_year ORDER BY hashint4(area_id) LIMIT 20) AS s,
	   housing_areas.twins(s.area_id, 2024) AS t;
INSERT INTO bench.twins_large
SELECT 5, 'check: `twins()` of 20 departments (all pairs each) = their rows of `area_twins`',
	   extract(epoch FROM clock_timestamp() - :'t4'::timestamptz) * 1000,
	   (SELECT count(*) FROM bench.twins_function),
	   (SELECT count(*) FROM bench.twins_function) = 100
	   AND NOT EXISTS (SELECT * FROM bench.twins_view WHERE area_id IN (SELECT area_id FROM bench.twins_function)
					   EXCEPT ALL SELECT * FROM bench.twins_function)
	   AND NOT EXISTS (SELECT * FROM bench.twins_function
					   EXCEPT ALL SELECT * FROM bench.twins_view WHERE area_id IN (SELECT area_id FROM bench.twins_function));
DELETE FROM housing_areas.area;
