-- Spatial benchmark (psql variable runs): each of the extension's spatial
-- functions against a hand-written PostGIS query that returns the same rows
-- (same columns, same order), given the udsat lists as a table, at national
-- scale.  Checks every pair, then times it; the results go to bench.results
-- and bench.checks (bench 'spatial', group = pair number).
\set ON_ERROR_STOP on
\pset footer off
SET search_path = housing_areas, public;
SELECT setseed(0.42);

\echo '-- generating: 200 areas, 4,500 daycares, 1,700 schools, 370,000 admissions, 700,000 pupils'
-- 200 areas of ~500 m on a jittered 60 x 40 grid over Jylland/Fyn/Sjælland-sized extent
INSERT INTO area (area_id, name, municipality_code, geom)
SELECT g, 'Area ' || g, lpad((100 + g % 800)::text, 4, '0'),
       ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(450000 + (g % 20) * 20000 + random() * 8000,
                                                  6080000 + (g / 20) * 30000 + random() * 8000), 25832),
                          250 + random() * 150, 8))
  FROM generate_series(1, 200) AS g;
-- 2010-2024 status: about a fifth of the areas meet udsat criteria each year
INSERT INTO area_year (area_id, list_year, ind)
SELECT a.area_id, y,
       make_indicators(residents => 1000 + (a.area_id * 37) % 4000,
                       nonwestern => 20 + (a.area_id * 13 + y) % 60,
                       outside_labour => 25 + (a.area_id * 7 + y * 3) % 25,
                       convicted => 1, national_convicted => 1,
                       basic_education => 40 + (a.area_id * 11 + y) % 30,
                       income => 50 + (a.area_id * 5) % 40)
  FROM area AS a, generate_series(2010, 2024) AS y;
-- facilities near the areas (where children live) and spread out
INSERT INTO facility (facility_id, kind, name, geom)
SELECT 100000 + n, 'daycare', 'Daycare ' || n,
       ST_SetSRID(ST_MakePoint(445000 + random() * 400000, 6075000 + random() * 300000), 25832)
  FROM generate_series(1, 4500) AS n;
INSERT INTO facility (facility_id, kind, name, geom)
SELECT 200000 + n, 'school', 'School ' || n,
       ST_SetSRID(ST_MakePoint(445000 + random() * 400000, 6075000 + random() * 300000), 25832)
  FROM generate_series(1, 1700) AS n;
INSERT INTO facility (facility_id, kind, name, geom)
SELECT 300000 + 1000 * k.i + n, k.kind, initcap(k.kind) || ' ' || n,
       ST_SetSRID(ST_MakePoint(445000 + random() * 400000, 6075000 + random() * 300000), 25832)
  FROM generate_series(1, 300) AS n,
       unnest(ARRAY['jobcenter', 'library', 'health']) WITH ORDINALITY AS k(kind, i);
-- homes: 15 % inside areas, the rest scattered.  Children go to a random
-- facility of the kind, except that half of those living in an area go to
-- the one facility that serves it, so some facilities take more than 30 %
-- of their children from listed areas (as the rules they check assume).
CREATE TEMP TABLE homes AS
SELECT n, in_area, 1 + n % 200 AS area_id,
       CASE WHEN in_area
            THEN (SELECT ST_GeneratePoints(a.geom, 1, n::int) FROM area AS a WHERE a.area_id = 1 + n % 200)
            ELSE ST_SetSRID(ST_MakePoint(445000 + random() * 400000, 6075000 + random() * 300000), 25832)
       END AS home,
       in_area AND random() < 0.5 AS local
  FROM (SELECT n, random() < 0.15 AS in_area FROM generate_series(1::bigint, 1070000) AS n) AS g;
INSERT INTO enrolment (facility_id, year, home)
SELECT 100001 + (CASE WHEN local THEN area_id * 7907 ELSE n * 7919 END) % 4500, 2020, ST_GeometryN(home, 1)
  FROM homes WHERE n <= 370000;
INSERT INTO enrolment (facility_id, year, home)
SELECT 200001 + (CASE WHEN local THEN area_id * 7907 ELSE n * 7919 END) % 1700, 2021, ST_GeometryN(home, 1)
  FROM homes WHERE n > 370000;
DROP TABLE homes;
VACUUM ANALYZE area, area_year, facility, enrolment;
SELECT (SELECT count(*) FROM area) AS areas,
       (SELECT count(*) FROM facility WHERE kind = 'daycare') AS daycares,
       (SELECT count(*) FROM facility WHERE kind = 'school') AS schools,
       (SELECT count(*) FROM enrolment WHERE year = 2020) AS admissions,
       (SELECT count(*) FROM enrolment WHERE year = 2021) AS pupils,
       (SELECT count(*) FROM area_status WHERE list_year = 2019 AND on_udsat_list) AS udsat_2019;

-- What an analyst has without the extension: the published list as a table.
CREATE TABLE bench.udsat_list AS
SELECT area_id, list_year FROM area_status WHERE on_udsat_list;
CREATE INDEX ON bench.udsat_list (list_year);
ANALYZE bench.udsat_list;


-- The pairs: each query text is stored once here, and the check and the
-- timing below both read it from this table.
CREATE TABLE bench.spatial_pairs (ord integer PRIMARY KEY, ext_label text, base_label text,
								  ext text, base text);
-- daycare_cap(2020): the same counts per daycare twice, the baselines differ
-- in how they find a child living in a listed area (from_udsat)
INSERT INTO bench.spatial_pairs
SELECT v.ord, '`daycare_cap(2020)`', v.base_label, $$SELECT * FROM housing_areas.daycare_cap(2020)$$,
       format($$%sSELECT c.facility_id, c.name, c.admitted, c.from_udsat,
       (100.0 * c.from_udsat / c.admitted)::float8, 100.0 * c.from_udsat / c.admitted > 30
  FROM (SELECT f.facility_id, f.name, count(*)::int AS admitted,
               (count(*) FILTER (WHERE %s))::int AS from_udsat
          FROM housing_areas.enrolment AS e JOIN housing_areas.facility AS f ON f.facility_id = e.facility_id
         WHERE e.year = 2020 AND f.kind = 'daycare'
         GROUP BY f.facility_id, f.name) AS c
 ORDER BY c.facility_id$$, v.hits, v.listed)
  FROM (VALUES
(1, '`EXISTS` per child (the obvious query)', '',
 $$EXISTS (SELECT 1 FROM housing_areas.area AS a
                  JOIN bench.udsat_list AS u ON u.area_id = a.area_id AND u.list_year = 2019
                 WHERE ST_Intersects(a.geom, e.home))$$),
(2, 'listed areas → GiST index on the home points',
 $$WITH hits AS MATERIALIZED (
      SELECT DISTINCT e.ctid AS row_id FROM housing_areas.area AS a
        JOIN bench.udsat_list AS u ON u.area_id = a.area_id AND u.list_year = 2019
        JOIN housing_areas.enrolment AS e ON ST_Intersects(a.geom, e.home)
       WHERE e.year = 2020)
$$,
 $$e.ctid IN (SELECT row_id FROM hits)$$)) AS v(ord, base_label, hits, listed);
-- nearest_facilities('school', 3): two baselines, with and without the
-- facility_id tie-break in the KNN order
INSERT INTO bench.spatial_pairs
SELECT v.ord, '`nearest_facilities(''school'', 3)`', v.base_label,
       $$SELECT * FROM housing_areas.nearest_facilities('school', 3)$$,
       format($$SELECT a.area_id, (row_number() OVER (PARTITION BY a.area_id ORDER BY n.distance_m, n.facility_id))::int AS rank,
       n.facility_id, n.name, n.distance_m
  FROM housing_areas.area AS a
 CROSS JOIN LATERAL (SELECT f.facility_id, f.name, ST_Distance(f.geom, a.geom) AS distance_m
                       FROM housing_areas.facility AS f WHERE f.kind = 'school'
                      ORDER BY f.geom <-> a.geom%s LIMIT 3) AS n
 ORDER BY a.area_id, rank$$, v.tie_break)
  FROM (VALUES
(4, 'KNN `LATERAL (… ORDER BY geom <-> area LIMIT 3)` (ties at the 3rd place in index order)', ''),
(5, '`LATERAL (… ORDER BY geom <-> area, facility_id LIMIT 3)` (exact ties; sorts instead of a KNN index scan)',
 ', f.facility_id')) AS v(ord, base_label, tie_break);
INSERT INTO bench.spatial_pairs VALUES
(3, '`language_test_schools(2021)`', 'listed areas → GiST index on the home points',
 $$SELECT * FROM housing_areas.language_test_schools(2021)$$,
 $$WITH hits AS MATERIALIZED (
      SELECT DISTINCT e.ctid AS row_id FROM housing_areas.area AS a
        JOIN housing_areas.enrolment AS e ON ST_Intersects(a.geom, e.home)
       WHERE e.year = 2021
         AND a.area_id IN (SELECT u.area_id FROM bench.udsat_list AS u WHERE u.list_year BETWEEN 2018 AND 2020))
SELECT c.facility_id, c.name, c.pupils, c.from_listed, (100.0 * c.from_listed / c.pupils)::float8
  FROM (SELECT f.facility_id, f.name, count(*)::int AS pupils,
               (count(*) FILTER (WHERE e.ctid IN (SELECT row_id FROM hits)))::int AS from_listed
          FROM housing_areas.enrolment AS e JOIN housing_areas.facility AS f ON f.facility_id = e.facility_id
         WHERE e.year = 2021 AND f.kind = 'school'
         GROUP BY f.facility_id, f.name) AS c
 WHERE 100.0 * c.from_listed / c.pupils > 30
 ORDER BY c.facility_id$$),
(6, '`facility_access(''daycare'', 2000)`', 'correlated subqueries (`ST_DWithin`, KNN `LIMIT 1`)',
 $$SELECT * FROM housing_areas.facility_access('daycare', 2000)$$,
 $$SELECT a.area_id,
       (SELECT count(*) FROM housing_areas.facility AS f
         WHERE f.kind = 'daycare' AND ST_DWithin(f.geom, a.geom, 2000))::int,
       (SELECT ST_Distance(f.geom, a.geom) FROM housing_areas.facility AS f
         WHERE f.kind = 'daycare' ORDER BY f.geom <-> a.geom LIMIT 1)
  FROM housing_areas.area AS a
 ORDER BY a.area_id$$);

\echo '-- checking that each pair returns the same rows'
SELECT format('SELECT bench.check_same(%L, %L, %L, %L, %L)', 'spatial', ord::text,
			  ext_label || ' vs ' || base_label, ext, base)
  FROM bench.spatial_pairs ORDER BY ord
\o /dev/null
\gexec
\o

\echo '-- timing:' :runs 'alternating runs of each pair after a warm-up'
SELECT format('SELECT bench.record(%L, %L, %L, %L, %L, %s)', 'spatial', ord::text,
			  ARRAY['ext', 'base'], ARRAY[ext_label, base_label], ARRAY[ext, base], :runs)
  FROM bench.spatial_pairs ORDER BY ord
\o /dev/null
\gexec
\o
