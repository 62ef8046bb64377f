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
\echo '   (every person figure through disclosed_criteria(): an area where an age group or the persons a share implies'
\echo '    are fewer than housing_areas.min_cell_count shows no criteria, as in bi_area_status)'
CREATE TEMP VIEW latest AS
SELECT s.area_id, s.name, m.name AS municipality, s.category,
	   category_label(s.category, 2025) AS legal_name,
	   CASE WHEN s.suppressed LIKE '%criteria_met%' THEN '(suppressed)'
			ELSE concat_ws(' ', CASE WHEN s.labour THEN 'L' END, CASE WHEN s.convictions THEN 'C' END,
						   CASE WHEN s.education THEN 'E' END, CASE WHEN s.income THEN 'I' END,
						   CASE WHEN s.nonwestern THEN 'N' END) END AS criteria,
	   s.residents,
	   s.years_on_list, s.development_plan AS plan, s.kombineret_udlejning AS kombineret
  FROM bi_area_status AS s JOIN municipality AS m USING (municipality_code)
 WHERE s.list_year = 2025 AND s.category NOT IN ('none')
 ORDER BY array_position(ARRAY['omdannelse', 'parallelsamfund', 'udsat', 'unknown', 'forebyggelse'], s.category),
		  m.name, s.name, s.area_id;
SELECT * FROM latest WHERE category <> 'forebyggelse';
SELECT count(*) AS forebyggelse_areas, string_agg(DISTINCT municipality, ', ') AS in_municipalities
  FROM latest WHERE category = 'forebyggelse';

\echo
\echo '== 3. Changes since the list of 2024, and why (the criteria whose outcome changed)'
-- the criteria of both years as bi_area_timeseries shows them (suppressed
-- values and their met left out)
CREATE TEMP TABLE shown_margins AS
SELECT area_id, list_year, test, criterion, value, operator, threshold, met
  FROM bi_area_timeseries WHERE list_year IN (2024, 2025) AND criterion IS NOT NULL AND suppressed = '';
CREATE TEMP VIEW changes AS
SELECT a.area_id, a.name, m.name AS municipality, p.category AS "2024", c.category AS "2025",
	   (SELECT string_agg(DISTINCT m1.criterion || ' ' || coalesce(m0.value::text, '?') || ' -> '
						  || coalesce(m1.value::text, '?') || ' (' || m1.operator || ' ' || m1.threshold || ')',
						  '; ')
		  FROM shown_margins AS m1
		  JOIN shown_margins AS m0 ON m0.area_id = m1.area_id AND m0.list_year = 2024
								  AND m0.test = m1.test AND m0.criterion = m1.criterion
		 WHERE m1.area_id = c.area_id AND m1.list_year = 2025
		   AND m1.test IN ('all', 'udsat', 'parallelsamfund', 'forebyggelse')
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
	SELECT cur.area_id, cur.tally, prev.tally AS prev,
		   to_indicators(cur.tally, prev.tally,
						 (SELECT avg(national_convicted) FROM demo.reference),
						 (SELECT regional_income FROM demo.reference WHERE data_year = 2025)) AS ind
	  FROM t AS cur JOIN t AS prev ON prev.area_id = cur.area_id AND prev.data_year = 2024
	 WHERE cur.data_year = 2025
)
SELECT a.area_id, a.name, s.category AS list_2025, category(i.ind, 2026) AS forecast_2026, i.ind, i.tally, i.prev
  FROM ind AS i JOIN area AS a USING (area_id)
  JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = 2025;
-- the person figures of the forecast as they may be shown: against the
-- populations of the tally of 2025
CREATE TEMP VIEW forecast_shown AS
SELECT f.area_id, f.name, f.list_2025, f.forecast_2026, d.residents, d.nonwestern_pct, d.outside_labour_pct,
	   d.convicted_pct, d.basic_education_pct, d.income_pct, array_to_string(d.suppressed, ',') AS suppressed
  FROM forecast AS f CROSS JOIN LATERAL disclosed_criteria(f.ind, f.tally, 2026) AS d;
SELECT f.name, f.list_2025, f.forecast_2026,
	   CASE WHEN f.forecast_2026 = f.list_2025 THEN '' ELSE '<- changes' END AS note,
	   CASE WHEN d.suppressed <> '{}' THEN '(suppressed)'
			ELSE (SELECT string_agg(m.criterion || ' ' || round(m.distance::numeric, 1), ', ' ORDER BY abs(m.distance))
					FROM margins(f.ind, 2026) AS m
				   WHERE m.category = 'udsat' AND abs(m.distance) < 3) END AS within_3_points_of_udsat_thresholds
  FROM forecast AS f CROSS JOIN LATERAL disclosed_criteria(f.ind, f.tally, 2026) AS d
 ORDER BY f.name, f.area_id;

\echo
\echo '== 5a. What it would take to leave the lists of 2025, and the areas closest to entering them'
\echo '   cheapest_change(): the fewest criteria whose change crosses the list (then the fewest percentage points;'
\echo '   the size gate, residents < 1000, only where no change of the criteria does it); - : unknown values decide it;'
\echo '   an area whose figures disclosed_criteria() hides shows (suppressed): the change would give its values away'
CREATE TEMP VIEW way_off AS
SELECT s.area_id, s.name, s.category, c.list,
	   CASE WHEN d.suppressed = '{}' THEN c.criteria END AS criteria,
	   CASE WHEN d.suppressed <> '{}' THEN '(suppressed)'
			WHEN c.option IS NULL THEN c.note
			ELSE string_agg(c.criterion || ' ' || CASE WHEN c.criterion = 'residents' THEN c.value::int::text
															 ELSE round(c.value::numeric, 1)::text END
							|| ' -> ' || c.flip_operator || ' ' || c.threshold, ' and ' ORDER BY c.criterion)
	   END AS cheapest_change
  FROM area_status AS s
  JOIN area_year AS ay USING (area_id, list_year)
 CROSS JOIN LATERAL disclosed_criteria(s.ind, ay.persons, 2025) AS d
 CROSS JOIN LATERAL cheapest_change(s.ind, 2025) AS c
 WHERE s.list_year = 2025 AND s.category IN ('omdannelse', 'parallelsamfund', 'udsat', 'unknown')
   AND c.list IN ('udsat', 'parallelsamfund') AND c.direction IS DISTINCT FROM 'enter'
   AND (c.option = 1 OR c.option IS NULL)
 GROUP BY s.area_id, s.name, s.category, c.list, c.criteria, c.option, c.note, d.suppressed;
SELECT w.name, m.name AS municipality, w.category AS "2025", w.list AS to_leave, w.criteria, w.cheapest_change
  FROM way_off AS w JOIN area AS a USING (area_id) JOIN municipality AS m USING (municipality_code)
 ORDER BY m.name, w.name, w.area_id, w.list DESC;
SELECT count(*) AS forebyggelse_areas,
	   count(*) FILTER (WHERE c.criteria = 1 AND c.criterion <> 'residents') AS one_criterion_off
  FROM area_status AS s, cheapest_change(s.ind, 2025) AS c
 WHERE s.list_year = 2025 AND s.category = 'forebyggelse' AND c.list = 'forebyggelse' AND c.option = 1;
\echo '   closest to entering the udsat list (areas not on it, figures shown): fewest criteria, then fewest points'
CREATE TEMP VIEW closest AS
SELECT s.area_id, s.name, s.category, c.criteria,
	   sum(abs(c.change)) FILTER (WHERE c.criterion <> 'residents') AS points,
	   string_agg(c.criterion || ' ' || CASE WHEN c.criterion = 'residents' THEN c.value::int::text
											 ELSE round(c.value::numeric, 1)::text END
				  || ' -> ' || c.flip_operator || ' ' || c.threshold, ' and ' ORDER BY c.criterion) AS cheapest_change
  FROM area_status AS s
  JOIN area_year AS ay USING (area_id, list_year)
 CROSS JOIN LATERAL disclosed_criteria(s.ind, ay.persons, 2025) AS d
 CROSS JOIN LATERAL cheapest_change(s.ind, 2025) AS c
 WHERE s.list_year = 2025 AND s.category IN ('none', 'forebyggelse') AND d.suppressed = '{}'
   AND c.list = 'udsat' AND c.direction = 'enter' AND c.option = 1
 GROUP BY s.area_id, s.name, s.category, c.criteria;
SELECT c.name, m.name AS municipality, c.category AS "2025", c.criteria, round(c.points::numeric, 1) AS points,
	   c.cheapest_change
  FROM closest AS c JOIN area AS a USING (area_id) JOIN municipality AS m USING (municipality_code)
 ORDER BY c.criteria, c.points NULLS LAST, c.area_id
 LIMIT 8;
\echo '   in persons, from the person rows of Aarhus (the forecast for 2026): the cheapest way off each list an area'
\echo '   is forecast to be on, or onto the udsat list; counts below min_cell_count shown as <N'
CREATE TEMP VIEW in_persons AS
SELECT f.area_id, f.name, f.forecast_2026, c.list, c.direction,
	   CASE WHEN d.suppressed = '{}' THEN c.criteria END AS criteria,
	   CASE WHEN d.suppressed <> '{}' THEN '(suppressed)' ELSE
	   string_agg(CASE c.criterion
					  WHEN 'income' THEN 'mean income ' || CASE WHEN c.income_kr > 0 THEN 'up' ELSE 'down' END
						  || ' by ' || to_char(abs(c.income_kr), 'FM999,999,999') || ' kr'
					  ELSE coalesce(disclose(abs(c.persons))::text, '<' || min_cell_count()) || ' '
						  || CASE c.criterion || (c.persons < 0)::text
								 WHEN 'labourtrue' THEN 'more aged 18-64 in work or education'
								 WHEN 'labourfalse' THEN 'more aged 18-64 outside work and education'
								 WHEN 'convictionstrue' THEN 'fewer convicted aged 18+'
								 WHEN 'convictionsfalse' THEN 'more convicted aged 18+'
								 WHEN 'educationtrue' THEN 'more aged 30-59 with more than basic schooling'
								 WHEN 'educationfalse' THEN 'more aged 30-59 with basic schooling only'
								 WHEN 'nonwesterntrue' THEN 'fewer non-Western residents'
								 WHEN 'nonwesternfalse' THEN 'more non-Western residents'
								 WHEN 'residentstrue' THEN 'fewer residents'
								 ELSE 'more residents' END
				  END, ', ' ORDER BY c.criterion) END AS cheapest_change
  FROM forecast AS f
 CROSS JOIN LATERAL disclosed_criteria(f.ind, f.tally, 2026) AS d
 CROSS JOIN LATERAL cheapest_change(f.tally, f.prev, (SELECT avg(national_convicted) FROM demo.reference),
									(SELECT regional_income FROM demo.reference WHERE data_year = 2025), 2026) AS c
 WHERE c.option = 1 AND ((c.direction = 'leave' AND c.list IN ('udsat', 'parallelsamfund', 'forebyggelse'))
						 OR (c.direction = 'enter' AND c.list = 'udsat'))
 GROUP BY f.area_id, f.name, f.forecast_2026, c.list, c.direction, c.criteria, d.suppressed;
SELECT name, forecast_2026, direction || ' ' || list AS to, criteria, cheapest_change
  FROM in_persons ORDER BY name, area_id, direction DESC, list DESC;

\echo
\echo '== 6. Daycares over the 30 % cap in 2025 (children admitted in 2025 living in an area on the udsat list of 1 December 2024)'
\echo '   (daycare_cap_disclosed(): counts below housing_areas.min_cell_count, and the share and the cap of a daycare'
\echo '    whose children from udsat areas or others are that few, are not shown, as register data rules require)'
SELECT d.name, d.admitted, d.from_udsat, round(d.share_pct::numeric, 1) AS share_pct
  FROM daycare_cap_disclosed(2025) AS d WHERE d.over_cap ORDER BY d.share_pct DESC, d.facility_id;
SELECT count(*) AS daycares_with_admissions, count(*) FILTER (WHERE over_cap) AS over_cap,
	   count(*) FILTER (WHERE suppressed <> '') AS not_shown
  FROM daycare_cap_disclosed(2025);

\echo
\echo '== 7. Schools with language tests in school year 2025/26 (> 30 % of pupils from areas on an udsat list of 2022-2024)'
SELECT l.name, l.pupils, l.from_listed, round(l.share_pct::numeric, 1) AS share_pct
  FROM language_test_schools_disclosed(2025) AS l ORDER BY l.share_pct DESC NULLS LAST, l.facility_id;

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
\echo '== 9. What applies on 1 December 2025: the obligations of the list of 1 December 2025 and the municipality''s decisions'
\echo '   9a. Allocation, letting, refugees, daycare and plans: areas per obligation (obligations(); undetermined: missing values decide it)'
CREATE TEMP TABLE obligations_2025 AS SELECT * FROM obligations('2025-12-01');
CREATE TEMP VIEW obligation_counts AS
SELECT k.obligation, k.paragraph,
	   count(o.area_id) FILTER (WHERE o.holds) AS areas,
	   count(o.area_id) FILTER (WHERE o.holds IS NULL) AS undetermined,
	   count(o.area_id) FILTER (WHERE o.holds AND o.paragraph LIKE '%§ 26 c') AS by_26c_decision,
	   count(o.area_id) FILTER (WHERE o.holds AND o.reason LIKE '%; required:%') AS required_by_decision,
	   count(DISTINCT a.municipality_code) FILTER (WHERE o.holds) AS municipalities
  FROM obligation_kind AS k
  LEFT JOIN obligations_2025 AS o ON o.obligation = k.obligation
  LEFT JOIN area AS a ON a.area_id = o.area_id
 GROUP BY k.ordinal, k.obligation, k.paragraph
 ORDER BY k.ordinal;
SELECT * FROM obligation_counts;
\echo '   9b. One household checked for a dwelling there (allocation_check): applicant on kontanthjælp since 1 September 2025,'
\echo '       spouse a Syrian citizen (not a student), a son of 16 released from a secure institution on 10 October 2025'
SELECT a.name, c.obligation, c.number AS nr, c.ground, c.refuses, c.reason
  FROM (SELECT o.area_id FROM obligations_2025 AS o
		 WHERE o.holds AND o.obligation IN ('refusal_required', 'allocation_limit')
		 ORDER BY o.obligation = 'refusal_required' DESC, o.area_id LIMIT 1) AS x
  JOIN area AS a ON a.area_id = x.area_id
 CROSS JOIN LATERAL allocation_check(x.area_id, '2025-12-01', $${"already_resident": false, "members": [
	{"role": "applicant", "age": 41, "citizenship": "DK", "student": false, "prison_release": null,
	 "institution_release": null, "lease_terminated": null, "fortidspension": false,
	 "benefits": {"public": "2025-09-01", "integration": null, "insurance": null}},
	{"role": "spouse", "age": 38, "citizenship": "SY", "student": false, "prison_release": null,
	 "institution_release": null, "lease_terminated": null, "fortidspension": false,
	 "benefits": {"public": null, "integration": null, "insurance": null}},
	{"role": "child", "age": 16, "citizenship": "DK", "prison_release": null, "institution_release": "2025-10-10",
	 "lease_terminated": null, "fortidspension": false, "benefits": {"public": null, "integration": null, "insurance": null}}]}$$) AS c
 ORDER BY c.obligation, c.number, c.ground;
\echo '   (map_obligations.svg: the areas under § 59 stk. 6 on 1 December 2025; gis_obligations is the same as a QGIS layer)'

\echo '   9c. Daycare, learning offer and plans (dagtilbudsloven § 23 stk. 4, § 26 a-c, § 44 a; almenboligloven § 168 a)'
\echo '   daycare cap 2025: the rule that decided each daycare (daycare_cap_detail), children counted by each rule'
SELECT coalesce(d.decided_by, 'undetermined') AS decided_by, count(*) AS daycares,
	   count(*) FILTER (WHERE d.in_breach) AS in_breach,
	   coalesce(disclose(sum(d.from_list)::integer)::text, '<' || min_cell_count()) AS from_list,
	   coalesce(disclose(sum(d.from_tail)::integer)::text, '<' || min_cell_count()) AS from_tail_26c,
	   coalesce(disclose(sum(d.left_out)::integer)::text, '<' || min_cell_count()) AS left_out_26b,
	   coalesce(disclose(sum(d.undetermined)::integer)::text, '<' || min_cell_count()) AS undetermined
  FROM daycare_cap_detail(2025) AS d
 GROUP BY d.decided_by ORDER BY d.decided_by NULLS LAST;
\echo '   § 23 stk. 4: daycares in an udsat or § 26 c area, children from outside who must also have been offered a place elsewhere'
\echo '   (counts through daycare_offer_elsewhere_disclosed: a hidden count is shown as -)'
SELECT o.name, a.name AS area, o.paragraph, o.admitted, o.from_outside, o.undetermined
  FROM daycare_offer_elsewhere_disclosed(2025) AS o JOIN area AS a USING (area_id)
 WHERE o.admitted IS DISTINCT FROM 0
 ORDER BY o.from_outside DESC NULLS LAST, o.facility_id LIMIT 10;
\echo '   the learning offer (§ 44 a) on 1 June 2026: children per status'
\echo '   (no dates: the first or last date of a group is one child''s birthday)'
SELECT l.status, l.paragraph, coalesce(disclose(count(*))::text, '<' || min_cell_count()) AS children
  FROM learning_offer('2026-06-01') AS l
 GROUP BY l.status, l.paragraph ORDER BY l.status, l.paragraph;
\echo '   § 168 a stk. 4: plan areas of the list of 2025 that may apply for dispensation (< 2,100 residents, convictions criterion not met)'
SELECT p.name, p.residents, p.convictions, p.may_apply
  FROM plan_dispensation(2025) AS p ORDER BY p.may_apply DESC NULLS LAST, p.area_id;
\echo '   the plans projected to 1 January 2030: counts of the latest list plus the dwelling ledger'
SELECT p.name, p.base_list_year AS counts_of, p.changes, round(p.share_now::numeric, 1) AS share_now,
	   round(p.share_at_deadline::numeric, 1) AS share_2030, p.target_met,
	   p.family_units_over_target AS units_to_go, p.dwellings_to_add AS or_dwellings_to_add
  FROM plan_projection() AS p ORDER BY p.share_at_deadline DESC NULLS LAST, p.area_id;

\echo
\echo '== 10. Own monitoring: trappemodel tiers (the municipality''s own units under its own rule sets, beside the official list)'
\echo '   monitoring_status(''trappemodel''), 2025: the tier (3 most severe, 0 none), the year before, the deciding rule set''s criteria (through bi_monitoring_status: hidden where a figure of a small population would show)'
SELECT m.name, m.kind, m.tenure, b.tier, b.previous_tier AS tier_2024,
	   CASE WHEN b.suppressed = '' THEN m.criteria ELSE '(suppressed: ' || b.suppressed || ')' END AS criteria,
	   a.name AS legal_area, m.area_match, m.list_category AS list_2025
  FROM monitoring_status('trappemodel') AS m
  JOIN bi_monitoring_status AS b ON b.scheme = 'trappemodel' AND b.unit_id = m.unit_id AND b.year = m.year
  LEFT JOIN area AS a ON a.area_id = m.area_id
 WHERE m.year = 2025 ORDER BY m.unit_id;
\echo '   units per tier and year (bi_monitoring_status: a tier hidden for disclosure counts as hidden)'
SELECT b.year, count(*) FILTER (WHERE b.tier = 0) AS tier_0, count(*) FILTER (WHERE b.tier = 1) AS tier_1,
	   count(*) FILTER (WHERE b.tier = 2) AS tier_2, count(*) FILTER (WHERE b.tier = 3) AS tier_3,
	   count(*) FILTER (WHERE b.tier IS NULL AND b.suppressed LIKE '%tier%') AS hidden,
	   count(*) FILTER (WHERE b.tier IS NULL AND b.suppressed NOT LIKE '%tier%') AS unknown
  FROM bi_monitoring_status AS b WHERE b.scheme = 'trappemodel'
 GROUP BY b.year ORDER BY b.year;

\echo
\echo '== 11. Boligsociale helhedsplaner on 1 January 2026 (list of 1 December 2025 in force): areas on a list or near one, with and without a plan'
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
\echo '== 12. Twins: the 3 areas most like each area of the first plan on the list before it (criteria / threshold, root mean square)'
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
\echo '== 13. Effects, honestly: the first plan''s areas beside their twins without a plan (difference in differences, percentage points)'
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
\echo '== 14. Files'
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
\set f :out '/map_obligations.svg'
\o :f
SELECT obligations_map_svg('2025-12-01', 'allocation_limit');
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
\set copy '\\copy (SELECT * FROM forecast_shown ORDER BY area_id) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/daycare_cap_2025.csv'
\set copy '\\copy (SELECT * FROM daycare_cap_disclosed(2025)) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/language_tests_2025.csv'
\set copy '\\copy (SELECT * FROM language_test_schools_disclosed(2025)) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/obligations_2025.csv'
\set copy '\\copy (SELECT area_id, obligation, paragraph, since, until, reason, holds, suppressed FROM bi_obligations ORDER BY area_id, obligation) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
\set f :out '/services_2025.csv'
\set copy '\\copy (SELECT * FROM services) TO ' :'f' ' WITH (FORMAT csv, HEADER)'
:copy
