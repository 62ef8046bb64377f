-- Deterministic generator of a Denmark-like dataset for the demo and its
-- regression test.  Boundaries are real (DAGI 2014); every value below is
-- SYNTHETIC: area names, shapes, indicators, facilities, children and
-- persons are made up so that the product can be shown end to end.
--
-- psql variables: scale (1 = about 200 areas; the regression test uses 0.2)
-- and dagi (directory of kommuner.geojson and regioner.geojson).
-- Randomness comes from md5 of stable keys, so the data is the same on
-- every run, whatever the row order or plan.
\set ON_ERROR_STOP on
SET search_path = housing_areas, public;
SET client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS demo;
COMMENT ON SCHEMA demo IS 'synthetic demo data (values are made up; boundaries are real DAGI 2014)';

-- uniform [0, 1) from a key
CREATE FUNCTION demo.u(k text) RETURNS double precision
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN ('x' || substr(md5(k), 1, 12))::bit(48)::bigint / 281474976710656.0;
-- standard normal from a key (Box-Muller)
CREATE FUNCTION demo.n(k text) RETURNS double precision
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN sqrt(-2 * ln(1 - demo.u(k || '/a'))) * cos(2 * pi() * demo.u(k || '/b'));
-- clamp and round
CREATE FUNCTION demo.clamp(v double precision, lo double precision, hi double precision, digits int DEFAULT 1)
	RETURNS double precision
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN round(least(greatest(v, lo), hi)::numeric, digits)::double precision;
-- n points spread uniformly over geometry g, from key k: uniform in its
-- bounding box, kept when inside, numbered like ST_Dump's path.  Unlike the
-- seeded ST_GeneratePoints, whose points changed between PostGIS 3.3 and
-- 3.5, this gives the same points on every PostgreSQL and PostGIS version.
CREATE FUNCTION demo.points(g geometry, n integer, k text)
	RETURNS TABLE (path integer[], geom geometry)
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
	b box2d := box2d(g);
	tries integer := 0;
	found integer := 0;
BEGIN
	IF n < 1 OR ST_Area(g) <= 0 THEN
		RETURN;
	END IF;
	WHILE found < n LOOP
		tries := tries + 1;
		geom := ST_SetSRID(ST_MakePoint(ST_XMin(b) + (ST_XMax(b) - ST_XMin(b)) * demo.u(k || ':' || tries || ':x'),
										ST_YMin(b) + (ST_YMax(b) - ST_YMin(b)) * demo.u(k || ':' || tries || ':y')),
						   ST_SRID(g));
		IF ST_Intersects(g, geom) THEN
			found := found + 1;
			path := ARRAY[found];
			RETURN NEXT;
		END IF;
	END LOOP;
END $$;

\echo '   boundaries: municipalities and regions (DAGI 2014)'
-- read on the client side: no server file access needed
\set kommuner `cat :dagi/kommuner.geojson`
\set regioner `cat :dagi/regioner.geojson`
INSERT INTO municipality (municipality_code, name, geom)
SELECT code, name, geom FROM dagi_from_geojson(:'kommuner'::jsonb, 'KOMKODE', 'KOMNAVN');
CREATE TABLE demo.region AS
SELECT code AS region_code, name, geom FROM dagi_from_geojson(:'regioner'::jsonb, 'REGIONKODE', 'REGIONNAVN');
\unset kommuner
\unset regioner
UPDATE municipality AS m SET region_code = r.region_code
  FROM demo.region AS r WHERE ST_Covers(r.geom, ST_PointOnSurface(m.geom));

\echo '   areas: about 200 x scale, dense in the big cities'
-- how many areas per municipality at scale 1, around the town centre
CREATE TABLE demo.city (municipality_code text PRIMARY KEY, areas int, lon float8, lat float8);
INSERT INTO demo.city VALUES
  ('0101', 26, 12.5683, 55.6761), ('0751', 16, 10.2039, 56.1629), ('0461', 12, 10.3883, 55.3959),
  ('0851', 9, 9.9217, 57.0488), ('0561', 6, 8.4594, 55.4765), ('0730', 5, 10.0364, 56.4607),
  ('0621', 5, 9.4722, 55.4904), ('0615', 5, 9.8503, 55.8607), ('0630', 5, 9.5357, 55.7113),
  ('0607', 4, 9.7529, 55.5657), ('0265', 3, 12.0803, 55.6419), ('0657', 4, 8.9729, 56.1393),
  ('0740', 3, 9.5450, 56.1697), ('0370', 4, 11.7609, 55.2299), ('0330', 5, 11.3531, 55.4028),
  ('0217', 4, 12.5910, 56.0361), ('0540', 4, 9.7926, 54.9138), ('0316', 3, 11.7153, 55.7174),
  ('0791', 3, 9.4017, 56.4532), ('0479', 3, 10.6068, 55.0598), ('0813', 3, 10.5372, 57.4407),
  ('0860', 2, 9.9823, 57.4642), ('0661', 3, 8.6165, 56.3601), ('0510', 3, 9.4893, 55.2494),
  ('0580', 2, 9.4188, 55.0443), ('0259', 4, 12.1818, 55.4580), ('0329', 3, 11.7904, 55.4426),
  ('0779', 2, 9.0260, 56.5670), ('0326', 3, 11.0881, 55.6818), ('0376', 3, 11.8737, 54.7691),
  ('0360', 2, 11.1361, 54.8306), ('0183', 4, 12.3517, 55.6154), ('0165', 4, 12.3534, 55.6569),
  ('0153', 4, 12.4180, 55.6494), ('0169', 4, 12.2749, 55.6568), ('0167', 3, 12.4737, 55.6572),
  ('0159', 2, 12.4890, 55.7330), ('0163', 2, 12.4394, 55.7264), ('0147', 2, 12.5340, 55.6786),
  ('0161', 2, 12.4005, 55.6663), ('0175', 2, 12.4541, 55.6806), ('0151', 3, 12.3630, 55.7316),
  ('0219', 2, 12.3100, 55.9267), ('0430', 1, 10.4800, 55.2370), ('0450', 2, 10.8098, 55.3127),
  ('0573', 1, 8.4803, 55.6205), ('0756', 2, 9.1578, 56.1390), ('0787', 1, 8.6930, 56.9552);
UPDATE demo.city SET areas = round(areas * :scale);
DELETE FROM demo.city WHERE areas < 1;

-- candidate points near each centre, inside the municipality; then a
-- greedy pick keeping 600 m between areas
CREATE TABLE demo.candidate AS
SELECT c.municipality_code, c.areas, demo.u('pick:' || c.municipality_code || ':' || d.path[1]) AS i, d.geom AS pt
  FROM demo.city AS c
  JOIN municipality AS m USING (municipality_code)
  CROSS JOIN LATERAL demo.points(
		ST_Intersection(m.geom, ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326), 25832),
										  1500 + 450 * c.areas)),
		12 * c.areas, 'candidates:' || c.municipality_code) AS d;

CREATE TABLE demo.site (area_id serial, municipality_code text, pt geometry(Point, 25832));
DO $$
DECLARE
	c record;
BEGIN
	FOR c IN SELECT * FROM demo.candidate ORDER BY municipality_code, i LOOP
		IF (SELECT count(*) FROM demo.site AS s WHERE s.municipality_code = c.municipality_code) < c.areas
		   AND NOT EXISTS (SELECT 1 FROM demo.site AS s WHERE ST_DWithin(s.pt, c.pt, 600)) THEN
			INSERT INTO demo.site (municipality_code, pt) VALUES (c.municipality_code, c.pt);
		END IF;
	END LOOP;
END $$;

INSERT INTO area (area_id, name, municipality_code, region_code, geom)
SELECT s.area_id,
	   (ARRAY['Solhøj', 'Birke', 'Egebjerg', 'Lunde', 'Tårn', 'Rosen', 'Skov', 'Vester', 'Nørre',
			  'Sønder', 'Kirke', 'Mølle', 'Eng', 'Strand', 'Bakke', 'Hede', 'Hasle', 'Østre',
			  'Kloster', 'Fælled', 'Ahorn', 'Lærke', 'Toft', 'Agger'])[1 + floor(demo.u('name1:' || s.area_id) * 24)::int]
	   || (ARRAY['parken', 'gården', 'vænget', 'haven', 'højen', 'lunden', 'byen', 'bakken',
				 'marken', 'hegnet', 'toften', 'engen'])[1 + floor(demo.u('name2:' || s.area_id) * 12)::int],
	   s.municipality_code, m.region_code,
	   ST_Multi(ST_CollectionExtract(ST_Intersection(m.geom,
			ST_ConvexHull((SELECT ST_Collect(p.geom ORDER BY p.path)
							 FROM demo.points(ST_Buffer(s.pt, 130 + 150 * demo.u('radius:' || s.area_id)), 12,
											  'shape:' || s.area_id) AS p))), 3))
  FROM demo.site AS s JOIN municipality AS m USING (municipality_code);

\echo '   indicators 2012-2025: a latent deprivation score per area, drifting, with yearly noise'
CREATE TABLE demo.profile AS
SELECT a.area_id,
	   demo.n('score:' || a.area_id) * 0.95
		 + CASE WHEN a.municipality_code IN ('0101', '0751', '0461', '0851') THEN 0.25 ELSE 0 END AS score,
	   0.03 * demo.n('drift:' || a.area_id) AS drift,
	   10 * demo.n('origin:' || a.area_id) AS origin,
	   exp(7.55 + 0.45 * demo.n('residents:' || a.area_id)) AS residents,
	   0.02 * demo.n('growth:' || a.area_id) AS growth
  FROM area AS a;

CREATE TABLE demo.area_year_values AS
SELECT p.area_id, y AS list_year,
	   -- slow improvement until 2018, faster after (demolitions, letting rules)
	   p.score + p.drift * (y - 2012) - 0.02 * (y - 2012) - 0.08 * greatest(y - 2018, 0)
		 + 0.22 * demo.n('noise:' || p.area_id || ':' || y) AS s,
	   round(p.residents * (1 + p.growth * (y - 2012)) + 25 * demo.n('res:' || p.area_id || ':' || y))::int AS residents,
	   round((0.85 - 0.02 * (y - 2012))::numeric, 2)::float8 AS national_convicted,
	   p.origin
  FROM demo.profile AS p, generate_series(2012, 2025) AS y;

INSERT INTO area_year (area_id, list_year, ind)
SELECT v.area_id, v.list_year,
	   make_indicators(
		   residents => greatest(v.residents, 300),
		   nonwestern => demo.clamp(38 + 14 * v.s + v.origin + 2 * demo.n('nw:' || v.area_id || ':' || v.list_year), 2, 95),
		   outside_labour => demo.clamp(34 + 8 * v.s + 1.5 * demo.n('lab:' || v.area_id || ':' || v.list_year), 5, 85),
		   -- from 2019, convictions go missing (suppressed) in a few records
		   convicted => CASE WHEN v.list_year < 2019 OR demo.u('supp:' || v.area_id || ':' || v.list_year) > 0.03
							 THEN demo.clamp(v.national_convicted
											 * (2.1 + 0.9 * v.s + 0.3 * demo.n('con:' || v.area_id || ':' || v.list_year)),
											 0.05, 8, 2) END,
		   national_convicted => v.national_convicted,
		   basic_education => demo.clamp(54 + 8 * v.s + 1.5 * demo.n('edu:' || v.area_id || ':' || v.list_year), 10, 90),
		   income => demo.clamp(64 - 9 * v.s + 1.5 * demo.n('inc:' || v.area_id || ':' || v.list_year), 30, 140))
  FROM demo.area_year_values AS v;

\echo '   the populations of the age groups (area_year.persons), which disclosure control checks each share against'
-- what a municipality would have from Statistics Denmark with the published
-- values: the residents of each age group, as a tally of counts only
UPDATE area_year AS ay
   SET persons = format('residents=%s persons_18_64=%s persons_18plus=%s persons_30_59=%s taxpayers_15_64=%s',
						r.n, round(r.n * (0.56 + 0.08 * demo.u('p1864:' || ay.area_id))),
						round(r.n * (0.72 + 0.08 * demo.u('p18:' || ay.area_id))),
						round(r.n * (0.36 + 0.08 * demo.u('p3059:' || ay.area_id))),
						round(r.n * (0.54 + 0.08 * demo.u('p1864:' || ay.area_id))))::tally
  FROM (SELECT area_id, list_year, indicator(ind, 'residents')::integer AS n FROM area_year) AS r
 WHERE r.area_id = ay.area_id AND r.list_year = ay.list_year;

\echo '   published-style history: official categories of the lists 2012-2017'
-- The early lists are stored as published results (what a municipality
-- would have from the ministry); history prefers them. Two are set apart
-- from what the synthetic values compute, as happens with revised data.
UPDATE area_year AS ay SET official_category = s.computed_category
  FROM area_status AS s
 WHERE s.area_id = ay.area_id AND s.list_year = ay.list_year AND ay.list_year <= 2017
   AND s.computed_category IN ('parallelsamfund', 'udsat', 'none');
UPDATE area_year SET official_category = 'parallelsamfund'
 WHERE list_year = 2014 AND area_id = (SELECT min(area_id) FROM area_status
										WHERE list_year = 2014 AND computed_category = 'none'
										  AND municipality_code = '0101');

\echo '   dwellings of the 40 % rule (from 2018)'
UPDATE area_year AS ay
   SET dwellings = round(p.residents / 2.15),
	   family_units = round(p.residents / 2.15 * (0.93 - 0.015 * (ay.list_year - 2018) * (demo.u('plan:' || ay.area_id) + 0.5))),
	   demolished = round(20 * (ay.list_year - 2018) * demo.u('demol:' || ay.area_id)),
	   commercial_m2 = round(3000 * demo.u('shops:' || ay.area_id))
  FROM demo.profile AS p
 WHERE p.area_id = ay.area_id AND ay.list_year >= 2018;

\echo '   boligsociale helhedsplaner: a handful of plans for listed areas (rounds 2015-2018, 2019-2022, 2025-2028)'
-- Each round gives the municipalities with the most areas on the list in
-- force when it starts one plan each, covering up to three of those areas;
-- Landsbyggefonden pays most, the municipality and the housing
-- organisation at least a quarter between them. Names and sums are made up.
CREATE TABLE demo.plan_round (round int, first_day date, end_day date, list_year int, plans int, focus text[]);
INSERT INTO demo.plan_round VALUES
  (1, '2015-01-01', '2019-01-01', 2014, 3, '{safety_wellbeing,crime_prevention,education_employment,prevention_parenting}'),
  (2, '2019-01-01', '2023-01-01', 2018, 2, '{education_employment,prevention_parenting,safety_wellbeing}'),
  (3, '2025-01-01', '2029-01-01', 2024, 3, '{education_employment,crime_prevention}');
CREATE TABLE demo.plan_pick AS
SELECT r.round, r.first_day, r.end_day, r.focus, s.municipality_code, s.area_id,
	   dense_rank() OVER (PARTITION BY r.round ORDER BY m.listed DESC, s.municipality_code) AS municipality_rank,
	   row_number() OVER (PARTITION BY r.round, s.municipality_code ORDER BY s.area_id) AS area_rank
  FROM demo.plan_round AS r
  JOIN area_status AS s ON s.list_year = r.list_year AND s.on_udsat_list
  JOIN (SELECT list_year, municipality_code, count(*) AS listed FROM area_status
		 WHERE on_udsat_list GROUP BY 1, 2) AS m
	ON m.list_year = r.list_year AND m.municipality_code = s.municipality_code;
DELETE FROM demo.plan_pick AS p USING demo.plan_round AS r
 WHERE r.round = p.round AND (p.municipality_rank > r.plans OR p.area_rank > 3);
INSERT INTO plan (plan_id, name, housing_organisation, period, status, municipality_code)
SELECT 10 * p.round + p.municipality_rank,
	   'Helhedsplan ' || m.name || ' ' || extract(year FROM p.first_day) || '-' || (extract(year FROM p.end_day) - 1),
	   (ARRAY['Boligselskabet ', 'Almenbo ', 'Boligforeningen '])[1 + (p.round + p.municipality_rank) % 3] || m.name,
	   daterange(p.first_day, p.end_day), 'approved', p.municipality_code
  FROM (SELECT DISTINCT round, first_day, end_day, municipality_code, municipality_rank FROM demo.plan_pick) AS p
  JOIN municipality AS m USING (municipality_code);
INSERT INTO plan_area (plan_id, area_id)
SELECT 10 * round + municipality_rank, area_id FROM demo.plan_pick;
INSERT INTO plan_focus (plan_id, focus)
SELECT DISTINCT 10 * p.round + p.municipality_rank, f
  FROM demo.plan_pick AS p CROSS JOIN LATERAL unnest(p.focus) AS f;
INSERT INTO plan_funding (plan_id, source, amount_dkk)
SELECT pl.plan_id, f.source,
	   round((n.areas * (6000000 + 4000000 * demo.u('funding:' || pl.plan_id)))::numeric * f.share, -3)
  FROM plan AS pl
  JOIN (SELECT plan_id, count(*) AS areas FROM plan_area GROUP BY plan_id) AS n USING (plan_id)
 CROSS JOIN (VALUES ('landsbyggefonden', 0.7), ('municipality', 0.2), ('housing_organisation', 0.1)) AS f(source, share);
-- the second round's second plan was stopped after three years
UPDATE plan SET status = 'stopped', period = daterange(lower(period), (lower(period) + interval '3 years')::date)
 WHERE plan_id = 22;

\echo '   facilities: schools, daycares, job centres, libraries, health centres'
-- all facilities of a kind in a town come from one demo.points call over
-- the town, spread over the parts of a multipolygon by area
CREATE TABLE demo.facility_plan AS
SELECT c.municipality_code, k.kind, k.how_many,
	   ST_Transform(ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326), 25832) AS centre,
	   1500 + 450 * c.areas + 2500 AS radius
  FROM demo.city AS c
  CROSS JOIN LATERAL (VALUES ('school', 3 + 2 * c.areas), ('daycare', 5 + 5 * c.areas),
							 ('library', 1 + c.areas / 5), ('health', 1 + c.areas / 6)) AS k(kind, how_many);
INSERT INTO facility (facility_id, kind, name, municipality_code, geom)
SELECT row_number() OVER (ORDER BY x.municipality_code, x.kind, x.i),
	   x.kind, m.name || ' ' || fk.label_da || COALESCE(' ' || x.i, ''), x.municipality_code, x.geom
  FROM (SELECT f.municipality_code, f.kind, d.path[1] AS i, d.geom
		  FROM demo.facility_plan AS f
		  JOIN municipality AS m USING (municipality_code)
		  CROSS JOIN LATERAL demo.points(ST_Intersection(m.geom, ST_Buffer(f.centre, f.radius)),
										 f.how_many, 'facility:' || f.municipality_code || f.kind) AS d
		UNION ALL
		-- one job centre per municipality, at the town centre
		SELECT c.municipality_code, 'jobcenter', NULL,
			   ST_Transform(ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326), 25832)
		  FROM demo.city AS c) AS x
  JOIN municipality AS m USING (municipality_code)
  JOIN facility_kind AS fk ON fk.kind = x.kind;

\echo '   enrolments 2025: admitted children and pupils, at home addresses in and around the areas'
CREATE TABLE demo.home AS
-- children living in the areas
SELECT a.area_id, a.municipality_code, k.kind, d.path[1] AS i, d.geom AS home
  FROM area AS a
  JOIN area_year AS ay ON ay.area_id = a.area_id AND ay.list_year = 2025
  CROSS JOIN LATERAL (VALUES ('daycare', 0.013), ('school', 0.10)) AS k(kind, per_resident)
  CROSS JOIN LATERAL demo.points(a.geom, greatest(1, round(indicator(ay.ind, 'residents') * k.per_resident))::int,
								 'homes:' || a.area_id || k.kind) AS d
UNION ALL
-- and twice as many around them, in the same town
SELECT NULL, c.municipality_code, k.kind, d.path[1], d.geom
  FROM demo.city AS c
  JOIN municipality AS m USING (municipality_code)
  CROSS JOIN LATERAL (VALUES ('daycare', 60), ('school', 450)) AS k(kind, per_area)
  CROSS JOIN LATERAL demo.points(
		ST_Intersection(m.geom, ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326), 25832),
										  1500 + 450 * c.areas + 1500)),
		c.areas * k.per_area, 'town homes:' || c.municipality_code || k.kind) AS d;
-- most children go to the nearest facility of the kind, some to the second nearest
INSERT INTO enrolment (facility_id, year, home)
SELECT (SELECT f.facility_id FROM facility AS f
		 WHERE f.kind = h.kind
		 ORDER BY f.geom <-> h.home, f.facility_id
		 OFFSET CASE WHEN demo.u('choice:' || h.municipality_code || h.kind || coalesce(h.area_id, 0) || ':' || h.i) < 0.7
					 THEN 0 ELSE 1 END
		 LIMIT 1),
	   2025, h.home
  FROM demo.home AS h;

\echo '   person rows: two data years (2024, 2025) for the areas of Aarhus, for the forecast'
-- Data year d holds the population at the end of d (1 January d + 1); the
-- list of 1 December 2026 uses the population of 1 January 2026 and labour
-- market and convictions of 2024 and 2025.  The persons follow each area's
-- trend one year on, so the forecast can differ from the latest list.
\ir ../fixtures/person.sql
CREATE TABLE demo.person (LIKE person_register);
DROP TABLE person_register;
COMMENT ON TABLE demo.person IS 'synthetic person-level register extract (one row per person and data year)';
-- the reference figures the ministry would supply
CREATE TABLE demo.reference (data_year int PRIMARY KEY, national_convicted float8, regional_income float8);
INSERT INTO demo.reference VALUES (2024, 0.58, 372000), (2025, 0.57, 381000);

INSERT INTO demo.person
SELECT q.area_id, q.data_year, q.age, q.nonwestern,
	   CASE WHEN q.age BETWEEN 18 AND 64
			THEN CASE WHEN demo.u(q.k || 'lab') < q.labour / 100 * 1.12 THEN
					  (ARRAY[1, 1, 1, 0.75, 0.5, 0.25])[1 + floor(demo.u(q.k || 'fte') * 6)::int] ELSE 0 END
			ELSE 0 END,
	   q.age >= 18 AND demo.u(q.k || 'con') < q.convicted / 100,
	   CASE WHEN demo.u(q.k || 'eduknown') < 0.04 THEN NULL
			ELSE demo.u(q.k || 'edu') < q.education / 100 END,
	   CASE WHEN q.age >= 15 AND demo.u(q.k || 'taxpayer') < 0.97
			THEN round((q.income / 100 * r.regional_income
						* exp(0.45 * demo.n(q.k || 'inc') - 0.10125))::numeric, -2)::float8 END,
	   q.age BETWEEN 18 AND 29 AND demo.u(q.k || 'student') < 0.3
  FROM (SELECT v.area_id, d AS data_year, n,
			   'p:' || v.area_id || ':' || d || ':' || n || ':' AS k,
			   (ARRAY[3, 9, 16, 22, 27, 33, 38, 44, 49, 55, 61, 68, 76])[1 + floor(demo.u('age:' || v.area_id || ':' || d || ':' || n) * 13)::int]
				 + floor(demo.u('age2:' || v.area_id || ':' || d || ':' || n) * 5)::int AS age,
			   demo.u('nw:' || v.area_id || ':' || d || ':' || n) < indicator(ay.ind, 'nonwestern') / 100 AS nonwestern,
			   indicator(ay.ind, 'outside_labour') + 8 * v.drift_step AS labour,
			   coalesce(indicator(ay.ind, 'convicted'), 1.5) + 0.5 * v.drift_step AS convicted,
			   indicator(ay.ind, 'basic_education') + 8 * v.drift_step AS education,
			   indicator(ay.ind, 'income') - 9 * v.drift_step AS income
		  FROM (SELECT p.area_id, p.drift - 0.10 + 0.25 * demo.n('forecast:' || p.area_id) AS drift_step
				  FROM demo.profile AS p JOIN area AS a USING (area_id)
				 WHERE a.municipality_code = '0751') AS v
		  JOIN area_year AS ay ON ay.area_id = v.area_id AND ay.list_year = 2025
		  CROSS JOIN generate_series(2024, 2025) AS d
		  CROSS JOIN LATERAL generate_series(1, indicator(ay.ind, 'residents')::int) AS n) AS q
  JOIN demo.reference AS r USING (data_year);

\echo '   daycare and plans: § 26 b marks and decisions, § 26 a stk. 12-14, § 26 c tails, children of the learning-offer age, the plan ledger'
-- about 45 % of the parents of the children admitted to a daycare in 2025
-- declared that they work or study (§ 26 b)
UPDATE enrolment AS e
   SET parents_work_or_study = demo.u('work:' || e.facility_id || ':' || ST_X(e.home) || ':' || ST_Y(e.home)) < 0.45
  FROM facility AS f
 WHERE f.facility_id = e.facility_id AND f.kind = 'daycare';
-- a daycare in each area on the udsat list of 2024 (the cap of 2025),
-- with children from the area and from the town around it
INSERT INTO facility (facility_id, kind, name, municipality_code, geom)
SELECT 900000 + a.area_id, 'daycare', a.name || ' børnehus', a.municipality_code, ST_PointOnSurface(a.geom)
  FROM area AS a JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = 2024
 WHERE s.on_udsat_list;
INSERT INTO enrolment (facility_id, year, home, parents_work_or_study)
SELECT f.facility_id, 2025, d.geom, demo.u('work:' || f.facility_id || ':' || w.part || ':' || d.path[1]) < 0.45
  FROM facility AS f
  JOIN area AS a ON f.facility_id = 900000 + a.area_id
  CROSS JOIN LATERAL (VALUES ('in', a.geom, 6),
							 ('around', ST_Difference(ST_Buffer(a.geom, 1500), ST_Buffer(a.geom, 200)), 7)) AS w(part, g, n)
  CROSS JOIN LATERAL demo.points(w.g, w.n, 'børnehus:' || a.area_id || w.part) AS d;
-- § 26 a stk. 12-14: the daycare with the highest share over the cap is
-- exempted for 2025; § 26 b: the municipality of the next one chose it
-- from 2025
INSERT INTO decision (kind, facility_id, decided_on, valid_from, valid_until, note)
SELECT 'daycare_exemption', d.facility_id, '2024-12-10', '2025-01-01', '2026-01-01', 'særlige tilfælde (synthetic)'
  FROM daycare_cap(2025) AS d
 WHERE d.over_cap
 ORDER BY d.share_pct DESC, d.facility_id LIMIT 1;
INSERT INTO decision (kind, municipality_code, decided_on, valid_from, note)
SELECT 'parent_work_exemption', f.municipality_code, '2024-11-20', '2025-01-01', 'byrådet (synthetic)'
  FROM daycare_cap(2025) AS d JOIN facility AS f USING (facility_id)
 WHERE d.over_cap AND f.municipality_code IS NOT NULL
 ORDER BY d.share_pct DESC, d.facility_id OFFSET 1 LIMIT 1;
-- § 26 c: most areas that left the udsat list on the list of 2024 or 2025
-- (and stayed off) keep the rules for the 3 years the law allows
INSERT INTO decision (kind, area_id, decided_on, valid_from, valid_until, note)
SELECT 'daycare_tail', s.area_id, make_date(s.list_year, 12, 15), make_date(s.list_year, 12, 1),
	   make_date(s.list_year + 3, 12, 1), '§ 26 c (synthetic)'
  FROM area_status AS s
  JOIN area_status AS p ON p.area_id = s.area_id AND p.list_year = s.list_year - 1
 WHERE s.list_year IN (2024, 2025) AND p.on_udsat_list AND s.on_udsat_list = false
   AND NOT EXISTS (SELECT 1 FROM area_status AS q
					WHERE q.area_id = s.area_id AND q.list_year > s.list_year AND q.on_udsat_list IS NOT false)
   AND demo.u('tail:' || s.area_id) < 0.7;
-- children born from March 2024 to May 2026 (about 1.2 % of the residents
-- a year) in the areas on a list of 2025 or kept by § 26 c; moves,
-- daycare, notices and the learning offer as a municipality would record
-- them up to 1 June 2026
CREATE TABLE demo.kid AS
SELECT k.key, k.home, k.born, k.moved_in,
	   CASE WHEN demo.u(k.key || 'dc') < 0.65 THEN k.born + 300 + floor(120 * demo.u(k.key || 'dcs'))::int END AS daycare_since
  FROM (SELECT 'kid:' || a.area_id || ':' || d.path[1] AS key, d.geom AS home,
			   date '2024-03-01' + floor(demo.u('born:' || a.area_id || ':' || d.path[1]) * 792)::int AS born,
			   demo.u('moved:' || a.area_id || ':' || d.path[1]) < 0.15 AS moved_in
		  FROM area AS a
		  JOIN area_year AS ay ON ay.area_id = a.area_id AND ay.list_year = 2025
		  CROSS JOIN LATERAL demo.points(a.geom, greatest(1, round(indicator(ay.ind, 'residents') * 0.026))::int,
										 'kids:' || a.area_id) AS d
		 WHERE housing_areas_private.on_udsat_list(classify(ay.ind, 2025), ay.official_category)
			OR a.area_id IN (SELECT dd.area_id FROM decision AS dd WHERE dd.kind = 'daycare_tail')) AS k;
INSERT INTO child (birth_date, home, home_since, daycare_since, notice_sent, learning_offer_since)
SELECT k.born, k.home, h.home_since,
	   CASE WHEN k.daycare_since <= date '2026-06-01' THEN k.daycare_since END,
	   CASE WHEN demo.u(k.key || 'notice') < 0.8 AND k.born + 265 <= date '2026-06-01' THEN k.born + 265 END,
	   CASE WHEN (k.daycare_since IS NULL OR k.daycare_since > (k.born + interval '1 year')::date)
				 AND (k.born + interval '1 year')::date >= h.home_since
				 AND (k.born + interval '1 year')::date <= date '2026-05-01'
				 AND demo.u(k.key || 'attends') < 0.8
			THEN (k.born + interval '1 year')::date + floor(20 * demo.u(k.key || 'start'))::int END
  FROM demo.kid AS k
  CROSS JOIN LATERAL (SELECT CASE WHEN k.moved_in
								  THEN k.born + floor(demo.u(k.key || 'when') * (date '2026-06-01' - k.born))::int
								  ELSE k.born END AS home_since) AS h
 ORDER BY k.key;
-- families who moved out of the areas while their child attended
INSERT INTO child (birth_date, home, home_since, learning_offer_since)
SELECT date '2024-08-01' + 10 * c.n, ST_Translate(c.home, 900, 900), date '2026-03-01' + c.n::int, date '2025-08-05' + 10 * c.n
  FROM (SELECT k.home, (row_number() OVER (ORDER BY k.key))::int AS n FROM demo.kid AS k ORDER BY k.key LIMIT 8) AS c
 WHERE NOT EXISTS (SELECT 1 FROM area AS a WHERE ST_Intersects(a.geom, ST_Translate(c.home, 900, 900)));
-- the plan ledger: what the plan areas of 2025 sold, converted, demolished
-- and built, and the commercial floor area added, from 2026 to 2029
INSERT INTO dwelling_change (area_id, changed_on, kind, amount, note)
SELECT c.area_id, c.changed_on, c.kind, c.amount, 'synthetic'
  FROM (SELECT s.area_id, x.changed_on, x.kind,
			   round(x.share * s.family_units_over_target * demo.u('ledger:' || s.area_id || x.kind)) AS amount
		  FROM area_status AS s
		  CROSS JOIN (VALUES (date '2026-04-01', 'sale', 0.5), (date '2027-09-15', 'conversion', 0.3),
							 (date '2028-05-01', 'demolition', 0.4), (date '2029-03-01', 'new_non_family', 0.6),
							 (date '2029-06-01', 'commercial_m2', 40.0)) AS x(changed_on, kind, share)
		 WHERE s.list_year = 2025 AND s.development_plan) AS c
 WHERE c.amount > 0;
DROP TABLE demo.kid;
-- kombineret udlejning required (§ 51 b, with dagpenge and sygedagpenge,
-- without førtidspension) in every area on its list of 2025
INSERT INTO decision (kind, area_id, decided_on, valid_from, includes_pension, includes_insurance_benefits, note)
SELECT 'combined_letting', s.area_id, '2025-11-25', '2025-12-01', false, true, 'demo: § 51 b'
  FROM area_status AS s
 WHERE s.list_year = 2025 AND s.kombineret_udlejning
 ORDER BY s.area_id;

\echo '   own monitoring: departments and own areas of Aarhus, 2022-2025, and a trappemodel of three tiers (user rule sets)'
-- a tiered letting agreement (udlejningsaftale med trappemodel): tier 3 is
-- the most severe; each tier is a user rule set with its own thresholds
-- and size gate (docs/rule-language.md, "User rule sets")
DO $do$
BEGIN
	PERFORM housing_areas.create_rules('trappe1', $rules$
# trappemodel tier 1 (synthetic agreement): one warning sign
rules trappe1
  an area counts when residents >= 200
  udsat when at least 1 of (outside_labour > 30, income < 70)
end
$rules$);
	PERFORM housing_areas.create_rules('trappe2', $rules$
# trappemodel tier 2: two of three
rules trappe2
  an area counts when residents >= 200
  udsat when at least 2 of (outside_labour > 35, income < 60, basic_education > 50)
end
$rules$);
	PERFORM housing_areas.create_rules('trappe3', $rules$
# trappemodel tier 3: labour and income both far off
rules trappe3
  an area counts when residents >= 200
  udsat when outside_labour > 45 and income < 55
end
$rules$);
END
$do$;
INSERT INTO monitoring_scheme VALUES (1, 'trappemodel', 'udlejningsaftale med trappemodel, trin 1-3 (synthetic)');
INSERT INTO tier_scheme VALUES (1, 1, 'trappe1'), (1, 2, 'trappe2'), (1, 3, 'trappe3');
-- in the first four Aarhus areas: two housing departments (an address
-- point, the legal area given) and two areas the municipality drew (a
-- square inside the area, found spatially); outside the areas: a private
-- rental block, a co-operative and a small department under the size gate
INSERT INTO monitoring_unit (unit_id, name, kind, tenure, municipality_code, area_id, geom, point)
SELECT 100 + a.n, a.name || CASE WHEN a.n <= 2 THEN ' afd. ' || a.n ELSE ' (eget område)' END,
	   CASE WHEN a.n <= 2 THEN 'department' ELSE 'own' END,
	   CASE WHEN a.n <= 2 THEN 'almen' ELSE 'blandet' END, '0751',
	   CASE WHEN a.n <= 2 THEN a.area_id END,
	   CASE WHEN a.n > 2 THEN ST_Multi(ST_Expand(ST_PointOnSurface(a.geom), 60)) END,
	   CASE WHEN a.n <= 2 THEN ST_PointOnSurface(a.geom) END
  FROM (SELECT ar.*, row_number() OVER (ORDER BY ar.area_id) AS n
		  FROM area AS ar WHERE ar.municipality_code = '0751' ORDER BY ar.area_id LIMIT 4) AS a;
INSERT INTO monitoring_unit (unit_id, name, kind, tenure, municipality_code, area_id, geom, point)
SELECT u.unit_id, u.name, u.kind, u.tenure, '0751', NULL,
	   CASE WHEN u.unit_id = 202 THEN ST_Multi(ST_Expand(p.pt, 80)) END,
	   CASE WHEN u.unit_id <> 202 THEN p.pt END
  FROM (VALUES (201, 'Privat udlejning Nord', 'own', 'privat', 10.205, 56.205),
			   (202, 'Andelsboligforeningen Vest', 'own', 'andel', 10.120, 56.150),
			   (203, 'Lille afdeling Syd', 'department', 'almen', 10.190, 56.110)) AS u(unit_id, name, kind, tenure, lon, lat)
 CROSS JOIN LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), 25832) AS pt) AS p;
-- indicators 2022-2025: units in an area follow its values with noise;
-- the others vary around values of their own (the co-operative's poor)
INSERT INTO monitoring_year (unit_id, year, ind, persons)
SELECT v.unit_id, v.year,
	   (format('residents=%s outside_labour=%s basic_education=%s', v.r, v.ol, v.be)
		|| CASE WHEN v.inc IS NOT NULL THEN ' income=' || v.inc ELSE '' END)::indicators,
	   format('residents=%s persons_18_64=%s persons_18plus=%s persons_30_59=%s taxpayers_15_64=%s',
			  v.r, round(v.r * 0.62), round(v.r * 0.78), round(v.r * 0.40), round(v.r * 0.64))::tally
  FROM (SELECT u.unit_id, y.year,
			   CASE WHEN u.unit_id = 203 THEN 120 + round(20 * demo.u('mr:' || u.unit_id || y.year))
					WHEN indicator(ay.ind, 'residents') IS NOT NULL THEN round(indicator(ay.ind, 'residents') * (0.2 + 0.2 * demo.u('mr:' || u.unit_id)))
					ELSE 250 + round(350 * demo.u('mr:' || u.unit_id)) END AS r,
			   demo.clamp(COALESCE(indicator(ay.ind, 'outside_labour'), CASE WHEN u.unit_id = 202 THEN 50 ELSE 30 END)
						  + 6 * demo.n('mo:' || u.unit_id || y.year), 5, 80) AS ol,
			   -- the private block's income of 2025 is not known yet
			   CASE WHEN (u.unit_id, y.year) <> (201, 2025) THEN
			   demo.clamp(COALESCE(indicator(ay.ind, 'income'), CASE WHEN u.unit_id = 202 THEN 52 ELSE 72 END)
						  + 6 * demo.n('mi:' || u.unit_id || y.year), 30, 120) END AS inc,
			   demo.clamp(COALESCE(indicator(ay.ind, 'basic_education'), 35)
						  + 6 * demo.n('me:' || u.unit_id || y.year), 5, 90) AS be
		  FROM monitoring_unit AS u
		 CROSS JOIN generate_series(2022, 2025) AS y(year)
		  LEFT JOIN area AS a ON a.area_id = u.area_id
						   OR (u.area_id IS NULL AND ST_Contains(a.geom, COALESCE(u.point, ST_PointOnSurface(u.geom))))
		  LEFT JOIN area_year AS ay ON ay.area_id = a.area_id AND ay.list_year = y.year) AS v;

ANALYZE area, area_year, facility, enrolment, municipality, child, decision, dwelling_change, monitoring_unit, monitoring_year, demo.person;
DROP TABLE demo.candidate, demo.site, demo.facility_plan, demo.home, demo.plan_round, demo.plan_pick;
RESET client_min_messages;
