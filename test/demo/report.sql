-- The demo report over the generated data (test/demo/generate.sql).
-- psql variables: out (output folder, written on the client side).
\set ON_ERROR_STOP on
\pset footer off
\pset null '-'
SET search_path = housing_areas, public;

\echo
\echo '================================================================================'
\echo ' housing_areas demo: Danish public housing area lists, computed from SQL'
\echo ' Boundaries are real (DAGI 2014). Every area, value, facility and person is SYNTHETIC.'
\echo '================================================================================'
SELECT (SELECT count(*) FROM area) AS areas,
	   (SELECT count(DISTINCT municipality_code) FROM area) AS municipalities,
	   (SELECT count(*) FROM area_year) AS area_years,
	   (SELECT count(*) FROM facility) AS facilities,
	   (SELECT count(*) FROM enrolment) AS enrolments,
	   (SELECT count(*) FROM demo.person) AS person_rows;

\echo
\echo '== 0. The rules at work: published cases (values as reported from ministry data)'
SELECT c.name, c.list_year AS year, k.rules, k.category, category_label(k.category, c.list_year) AS legal_name,
	   k.criteria_met AS met, k.criteria_unknown AS unknown
  FROM (VALUES ('Korskærparken, Fredericia', 2018,
				'residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 basic_education=67.4 income=61.8'),
			   ('Korskærparken, Fredericia', 2019,
				'residents=1962 nonwestern=50.1 outside_labour=44.6 basic_education=67.4'),
			   ('Mjølnerparken, København', 2023,
				'residents=966 nonwestern=80 outside_labour=48 basic_education=68')) AS c(name, list_year, ind),
	   LATERAL classify(c.ind::indicators, c.list_year) AS k;

\echo
\echo '== 1. List sizes per year (computed from the indicators by the rules of each year) beside the published sizes'
CREATE TEMP TABLE published (list_year int PRIMARY KEY, udsat int, ghetto int, hard int, forebyggelse int);
INSERT INTO published VALUES
  (2012, NULL, 33, NULL, NULL), (2013, NULL, 33, NULL, NULL), (2014, NULL, 31, NULL, NULL),
  (2015, NULL, 25, NULL, NULL), (2016, NULL, 25, NULL, NULL), (2017, NULL, 22, NULL, NULL),
  (2018, 43, 29, 15, NULL), (2019, 40, 28, 15, NULL), (2020, 25, 15, 13, NULL),
  (2021, 20, 12, 10, 62), (2022, 17, 10, 9, 67), (2023, 19, 12, 8, 56), (2024, 12, 8, 7, 63);
CREATE TEMP VIEW list_sizes AS
SELECT s.list_year AS year, list_date(s.list_year) AS list_of, min(s.rules) AS rules,
	   count(*) FILTER (WHERE s.on_udsat_list) AS udsat,
	   count(*) FILTER (WHERE s.category IN ('parallelsamfund', 'omdannelse')) AS ghetto_parallel,
	   count(*) FILTER (WHERE s.category = 'omdannelse') AS hard_omdannelse,
	   count(*) FILTER (WHERE s.category = 'forebyggelse') AS forebyggelse,
	   count(*) FILTER (WHERE s.category = 'unknown') AS unknown,
	   p.udsat AS pub_udsat, p.ghetto AS pub_ghetto, p.hard AS pub_hard, p.forebyggelse AS pub_forebyg
  FROM area_status AS s LEFT JOIN published AS p USING (list_year)
 GROUP BY s.list_year, p.udsat, p.ghetto, p.hard, p.forebyggelse
 ORDER BY s.list_year;
SELECT * FROM list_sizes;
\echo '   (udsat includes parallelsamfund, which includes omdannelse; 2016-2017 udsat is the 2-of-5 list)'

\echo
\echo '== 2. The list of 1 December 2025: areas on a list, with the criteria that hold (L labour, C convictions, E education, I income, N non-Western)'
CREATE TEMP VIEW latest AS
SELECT s.area_id, s.name, m.name AS municipality, s.category,
	   category_label(s.category, 2025) AS legal_name,
	   concat_ws(' ', CASE WHEN s.labour THEN 'L' END, CASE WHEN s.convictions THEN 'C' END,
				 CASE WHEN s.education THEN 'E' END, CASE WHEN s.income THEN 'I' END,
				 CASE WHEN s.nonwestern THEN 'N' END) AS criteria,
	   indicator(s.ind, 'residents')::int AS residents,
	   s.years_on_list, s.development_plan AS plan, s.kombineret_udlejning AS kombineret
  FROM area_status AS s JOIN municipality AS m USING (municipality_code)
 WHERE s.list_year = 2025 AND s.category NOT IN ('none')
 ORDER BY array_position(ARRAY['omdannelse', 'parallelsamfund', 'udsat', 'unknown', 'forebyggelse'], s.category),
		  m.name, s.name, s.area_id;
SELECT * FROM latest WHERE category <> 'forebyggelse';
SELECT count(*) AS forebyggelse_areas, string_agg(DISTINCT municipality, ', ') AS in_municipalities
  FROM latest WHERE category = 'forebyggelse';

\echo
\echo '== 3. Changes since the list of 2024, and why (the criteria whose outcome changed)'
CREATE TEMP VIEW changes AS
SELECT a.area_id, a.name, m.name AS municipality, p.category AS "2024", c.category AS "2025",
	   (SELECT string_agg(DISTINCT m1.criterion || ' ' || coalesce(m0.value::text, '?') || ' -> '
						  || coalesce(m1.value::text, '?') || ' (' || m1.operator || ' ' || m1.threshold || ')',
						  '; ')
		  FROM margins(c.ind, 2025) AS m1
		  JOIN margins(p.ind, 2024) AS m0 USING (category, criterion)
		 WHERE m1.category IN ('all', 'udsat', 'parallelsamfund', 'forebyggelse')
		   AND m1.met IS DISTINCT FROM m0.met) AS why
  FROM area_status AS c
  JOIN area_status AS p ON p.area_id = c.area_id AND p.list_year = 2024
  JOIN area AS a ON a.area_id = c.area_id
  JOIN municipality AS m ON m.municipality_code = a.municipality_code
 WHERE c.list_year = 2025 AND c.category IS DISTINCT FROM p.category
 ORDER BY m.name, a.name, a.area_id;
SELECT * FROM changes;

\echo
\echo '== 4. Development plans and the 40 % rule (areas that have been omdannelsesområder, plans run until 2030)'
SELECT s.name, m.name AS municipality, s.category AS "2025",
	   ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2,
	   round(s.family_housing_share::numeric, 1) AS family_pct,
	   s.family_units_over_target AS units_to_convert,
	   dwellings_to_add(ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2) AS or_dwellings_to_add
  FROM area_status AS s
  JOIN area_year AS ay USING (area_id, list_year)
  JOIN municipality AS m USING (municipality_code)
 WHERE s.list_year = 2025 AND s.development_plan
 ORDER BY s.family_housing_share DESC, s.area_id;

\echo
\echo '== 5. Forecast for the list of 1 December 2026, Aarhus, from person rows (data years 2024 and 2025)'
\echo '   tally_agg() per area and year -> to_indicators(2025, 2024, national, regional) -> classify(..., 2026)'
CREATE TEMP TABLE forecast AS
WITH t AS (
	SELECT area_id, data_year,
		   tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS tally
	  FROM demo.person GROUP BY area_id, data_year
), ind AS (
	SELECT cur.area_id,
		   to_indicators(cur.tally, prev.tally,
						 (SELECT avg(national_convicted) FROM demo.reference),
						 (SELECT regional_income FROM demo.reference WHERE data_year = 2025)) AS ind
	  FROM t AS cur JOIN t AS prev ON prev.area_id = cur.area_id AND prev.data_year = 2024
	 WHERE cur.data_year = 2025
)
SELECT a.area_id, a.name, s.category AS list_2025, category(i.ind, 2026) AS forecast_2026, i.ind
  FROM ind AS i JOIN area AS a USING (area_id)
  JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = 2025;
SELECT f.name, f.list_2025, f.forecast_2026,
	   CASE WHEN f.forecast_2026 = f.list_2025 THEN '' ELSE '<- changes' END AS note,
	   (SELECT string_agg(m.criterion || ' ' || round(m.distance::numeric, 1), ', ' ORDER BY abs(m.distance))
		  FROM margins(f.ind, 2026) AS m
		 WHERE m.category = 'udsat' AND abs(m.distance) < 3) AS within_3_points_of_udsat_thresholds
  FROM forecast AS f ORDER BY f.name, f.area_id;

\echo
\echo '== 6. Daycares over the 30 % cap in 2025 (children admitted in 2025 living in an area on the udsat list of 1 December 2024)'
\echo '   (person counts below housing_areas.min_cell_count are shown as <N, as register data rules require)'
SELECT d.name, coalesce(disclose(d.admitted)::text, '<' || min_cell_count()) AS admitted,
	   coalesce(disclose(d.from_udsat)::text, '<' || min_cell_count()) AS from_udsat,
	   CASE WHEN disclose(d.admitted) IS NULL OR disclose(d.from_udsat) IS NULL THEN 'over 30'
			ELSE round(d.share_pct::numeric, 1)::text END AS share_pct
  FROM daycare_cap(2025) AS d WHERE d.over_cap ORDER BY d.share_pct DESC, d.facility_id;
SELECT count(*) AS daycares_with_admissions, count(*) FILTER (WHERE over_cap) AS over_cap FROM daycare_cap(2025);

\echo
\echo '== 7. Schools with language tests in school year 2025/26 (> 30 % of pupils from areas on an udsat list of 2022-2024)'
SELECT l.name, coalesce(disclose(l.pupils)::text, '<' || min_cell_count()) AS pupils,
	   coalesce(disclose(l.from_listed)::text, '<' || min_cell_count()) AS from_listed,
	   CASE WHEN disclose(l.pupils) IS NULL OR disclose(l.from_listed) IS NULL THEN 'over 30'
			ELSE round(l.share_pct::numeric, 1)::text END AS share_pct
  FROM language_test_schools(2025) AS l ORDER BY l.share_pct DESC, l.facility_id;

\echo
\echo '== 8. Nearest services for the areas on the udsat list of 2025 (km from the area boundary)'
CREATE TEMP VIEW services AS
SELECT a.area_id, a.name, m.name AS municipality,
	   max(round((n.distance_m / 1000)::numeric, 1)) FILTER (WHERE n.kind = 'jobcenter') AS jobcenter_km,
	   max(round((n.distance_m / 1000)::numeric, 1)) FILTER (WHERE n.kind = 'library') AS library_km,
	   max(round((n.distance_m / 1000)::numeric, 1)) FILTER (WHERE n.kind = 'health') AS health_km,
	   max(round((n.distance_m / 1000)::numeric, 1)) FILTER (WHERE n.kind = 'school') AS school_km
  FROM (SELECT 'jobcenter' AS kind, * FROM nearest_facilities('jobcenter', 1, 2025)
		UNION ALL SELECT 'library', * FROM nearest_facilities('library', 1, 2025)
		UNION ALL SELECT 'health', * FROM nearest_facilities('health', 1, 2025)
		UNION ALL SELECT 'school', * FROM nearest_facilities('school', 1, 2025)) AS n
  JOIN area AS a USING (area_id)
  JOIN municipality AS m USING (municipality_code)
  JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = 2025
 WHERE s.on_udsat_list
 GROUP BY a.area_id, a.name, m.name
 ORDER BY m.name, a.name, a.area_id;
SELECT * FROM services;

\echo
\echo '== 9. Boligsociale helhedsplaner on 1 January 2026 (list of 1 December 2025 in force): areas on a list or near one, with and without a plan'
\echo '   (near: on no list, but a criterion of the main test holds and residents >= 1000; earliest exit: the next list, or 2030 under a development plan)'
SELECT p.plan_id, p.name, p.housing_organisation, lower(p.period) AS first_day, upper(p.period) - 1 AS last_day, p.status,
	   (SELECT string_agg(a.name, ', ' ORDER BY a.name) FROM plan_area AS pa JOIN area AS a USING (area_id)
		 WHERE pa.plan_id = p.plan_id) AS areas,
	   round((SELECT sum(f.amount_dkk) FROM plan_funding AS f WHERE f.plan_id = p.plan_id) / 1e6, 1) AS mio_kr,
	   round(100 * (SELECT sum(f.amount_dkk) FILTER (WHERE f.source <> 'landsbyggefonden') / sum(f.amount_dkk)
					  FROM plan_funding AS f WHERE f.plan_id = p.plan_id)) AS local_pct
  FROM plan AS p ORDER BY p.plan_id;
CREATE TEMP VIEW coverage AS SELECT * FROM plan_coverage('2026-01-01');
SELECT list_status, count(*) AS areas, count(*) FILTER (WHERE covered) AS with_plan,
	   count(*) FILTER (WHERE NOT covered) AS without_plan,
	   count(*) FILTER (WHERE ends_before_exit) AS plan_ends_before_exit
  FROM coverage GROUP BY list_status
 ORDER BY array_position(ARRAY['udsat', 'unknown', 'forebyggelse', 'near'], list_status);
SELECT c.name, m.name AS municipality, c.category, c.plan_name, c.covered_until - 1 AS covered_to,
	   c.earliest_exit, c.ends_before_exit
  FROM coverage AS c JOIN municipality AS m USING (municipality_code)
 WHERE c.list_status IN ('udsat', 'unknown')
 ORDER BY m.name, c.name, c.area_id;

\echo
\echo '== 10. Twins: the 3 areas most like each area of the first plan on the list before it (criteria / threshold, root mean square)'
CREATE TEMP VIEW first_plan AS
SELECT p.plan_id, p.name, list_in_force(lower(p.period)) AS from_list FROM plan AS p ORDER BY p.plan_id LIMIT 1;
CREATE TEMP VIEW first_plan_twins AS
SELECT a.name AS area, f.from_list AS list, t.rank, t.name AS twin, mt.name AS twin_municipality,
	   round(t.distance::numeric, 3) AS distance, t.common_criteria AS criteria, round(t.km::numeric) AS km
  FROM first_plan AS f
  JOIN plan_area AS pa USING (plan_id)
  JOIN area AS a USING (area_id)
 CROSS JOIN LATERAL twins(pa.area_id, f.from_list, 3) AS t
  JOIN municipality AS mt ON mt.municipality_code = t.municipality_code
 ORDER BY a.name, a.area_id, t.rank;
SELECT * FROM first_plan_twins;

\echo
\echo '== 11. Effects, honestly: the first plan''s areas beside their twins without a plan (difference in differences, percentage points)'
SELECT f.name AS plan FROM first_plan AS f;
CREATE TEMP VIEW effects AS
SELECT e.* FROM first_plan AS f CROSS JOIN LATERAL plan_effects(f.plan_id) AS e;
SELECT criterion, from_list, to_list, plan_areas, round(plan_before::numeric, 1) AS plan_before,
	   round(plan_after::numeric, 1) AS plan_after, round(plan_change::numeric, 1) AS plan_change,
	   twin_areas, round(twin_before::numeric, 1) AS twin_before, round(twin_after::numeric, 1) AS twin_after,
	   round(twin_change::numeric, 1) AS twin_change, round(difference::numeric, 1) AS difference
  FROM effects;
SELECT DISTINCT 'Note: ' || note AS note FROM effects;

\echo
\echo '== 12. Files'
\pset format unaligned
\pset tuples_only on
\set f :out '/areas.geojson'
\o :f
SELECT areas_geojson(2025);
\set f :out '/map.svg'
\o :f
SELECT map_svg(2025);
\set f :out '/map_aarhus.svg'
\o :f
SELECT map_svg(2025, '0751');
\set f :out '/map_koebenhavn.svg'
\o :f
SELECT map_svg(2025, '0101');
\o
\pset format aligned
\pset tuples_only off
\set f :out '/list_sizes.csv'
\set copy '\\copy (SELECT * FROM list_sizes) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/area_status.csv'
\set copy '\\copy (SELECT * FROM bi_area_status ORDER BY area_id, list_year) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/changes_2025.csv'
\set copy '\\copy (SELECT * FROM changes) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/forecast_2026.csv'
\set copy '\\copy (SELECT area_id, name, list_2025, forecast_2026, ind::text AS indicators FROM forecast ORDER BY area_id) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/daycare_cap_2025.csv'
\set copy '\\copy (SELECT facility_id, name, disclose(admitted) AS admitted, disclose(from_udsat) AS from_udsat, CASE WHEN disclose(admitted) IS NOT NULL AND disclose(from_udsat) IS NOT NULL THEN share_pct END AS share_pct, over_cap FROM daycare_cap(2025)) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/language_tests_2025.csv'
\set copy '\\copy (SELECT facility_id, name, disclose(pupils) AS pupils, disclose(from_listed) AS from_listed, CASE WHEN disclose(pupils) IS NOT NULL AND disclose(from_listed) IS NOT NULL THEN share_pct END AS share_pct FROM language_test_schools(2025)) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/services_2025.csv'
\set copy '\\copy (SELECT * FROM services) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
