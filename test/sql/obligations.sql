-- obligations(on_date): each obligation of the lists per area and date,
-- since and until from the history, list days (1 October 2010-2012,
-- 1 December after) at the day before, of and after, undetermined rows,
-- § 26 c tails and § 51 b decisions; the BI and GIS views and the map
SET search_path = housing_areas, public;
SET datestyle = 'ISO, YMD';
\i test/fixtures/obligations.sql

SELECT obligation, ordinal, paragraph, list_condition FROM obligation_kind ORDER BY ordinal;

-- the list in force: a list applies from its day until the next list
SELECT d AS on_date, o.obligation, o.since, o.until, o.holds, o.reason
  FROM unnest(ARRAY['2019-11-30', '2019-12-01', '2020-06-01', '2021-11-30', '2021-12-01', '2021-12-02',
                    '2022-11-30', '2022-12-01', '2030-01-01']::date[]) AS d
  LEFT JOIN LATERAL (SELECT * FROM obligations(d) AS o1 WHERE o1.area_id = 1 AND o1.obligation = 'allocation_limit') AS o ON true
 ORDER BY d;
-- 1 October for the lists of 2010-2012, 1 December from 2013
SELECT d AS on_date, o.obligation, o.since, o.until, o.reason
  FROM unnest(ARRAY['2011-09-30', '2011-10-01', '2012-09-30', '2012-10-01', '2012-10-02',
                    '2013-11-30', '2013-12-01']::date[]) AS d
  LEFT JOIN LATERAL (SELECT * FROM obligations(d) AS o1 WHERE o1.area_id = 10 AND o1.obligation = 'allocation_limit') AS o ON true
 ORDER BY d;
-- before the first list nothing is in force; NULL gives nothing
SELECT count(*) AS before_first_list FROM obligations('2011-09-30');
SELECT count(*) AS null_date FROM obligations(NULL);
-- an infinite date is an error (a later list will apply then), even for an
-- area without rows
SELECT count(*) FROM obligations('infinity');
SELECT count(*) FROM obligations('-infinity', 99);

-- every obligation of a forebyggelse and an omdannelse area (area 1 is on no list of 2021)
SELECT area_id, obligation, paragraph, since, until, holds, reason
  FROM obligations('2022-06-01') WHERE area_id IN (1, 2, 3) AND obligation <> 'combined_letting_possible'
 ORDER BY area_id, obligation;
-- the development plan goes on after the area leaves the lists, until 2030
SELECT d AS on_date, o.obligation, o.since, o.until, o.reason
  FROM unnest(ARRAY['2018-11-30', '2018-12-01', '2023-12-15']::date[]) AS d
  LEFT JOIN LATERAL (SELECT * FROM obligations(d) AS o1 WHERE o1.area_id = 3 AND o1.obligation IN ('development_plan', 'refusal_required')) AS o ON true
 ORDER BY d, o.obligation;

-- undetermined: missing values (area 4), no record for the list (area 5);
-- an area never recorded is undetermined too, never dropped
SELECT area_id, obligation, since, until, holds, reason
  FROM obligations('2022-12-15') WHERE area_id IN (4, 5) ORDER BY area_id, obligation;
SELECT area_id, obligation, since, until, holds, reason
  FROM obligations('2023-12-15') WHERE area_id IN (4, 5) AND obligation IN ('allocation_limit', 'refusal_required')
 ORDER BY area_id, obligation;
INSERT INTO area VALUES (11, 'Ny', '0751', '1082', ST_Multi(ST_MakeEnvelope(600000, 6220000, 600400, 6220400, 25832)));
SELECT obligation, holds, reason FROM obligations('2023-12-15') WHERE area_id = 11 ORDER BY obligation;
DELETE FROM area WHERE area_id = 11;
-- held true, false or undetermined: each obligation of each area has at most one row
SELECT count(*) AS rows, count(DISTINCT (area_id, obligation)) AS distinct_rows,
       count(*) FILTER (WHERE holds) AS in_force, count(*) FILTER (WHERE holds IS NULL) AS undetermined,
       count(*) FILTER (WHERE NOT holds) AS decision_without_list
  FROM obligations('2023-12-15');

-- § 26 c: the cap and the learning offer after leaving the udsat list,
-- while the decision is in force and for at most 3 years from the first
-- list without the area; area 7's decision ends on 2024-01-01 (exclusive)
SELECT o.area_id, d AS on_date, o.obligation, o.paragraph, o.since, o.until, o.reason
  FROM unnest(ARRAY['2022-11-30', '2022-12-01', '2025-11-30', '2025-12-01']::date[]) AS d
  CROSS JOIN LATERAL obligations(d) AS o
 WHERE o.area_id = 6 AND o.obligation IN ('daycare_cap', 'learning_offer', 'allocation_limit')
 ORDER BY d, o.obligation;
SELECT d AS on_date, o.obligation, o.until
  FROM unnest(ARRAY['2023-12-31', '2024-01-01']::date[]) AS d
  LEFT JOIN LATERAL (SELECT * FROM obligations(d) AS o1 WHERE o1.area_id = 7 AND o1.obligation = 'daycare_cap') AS o ON true
 ORDER BY d;
-- a tail for an area that was never on the udsat list is refused (the
-- § 26 c check on decision), and keeps nothing
INSERT INTO decision (decision_id, kind, area_id, decided_on, valid_from) VALUES (106, 'daycare_tail', 2, '2023-01-01', '2023-01-01');
SELECT count(*) AS tail_without_list FROM obligations('2023-06-01') WHERE area_id = 2 AND obligation = 'daycare_cap';
DELETE FROM decision WHERE area_id = 2;

-- § 51 b: possible on the list; a decision makes it a requirement; a
-- decision without the list is shown as such
SELECT d AS on_date, o.area_id, o.since, o.until, o.holds, o.reason
  FROM unnest(ARRAY['2023-12-31', '2024-01-01']::date[]) AS d
  CROSS JOIN LATERAL obligations(d) AS o
 WHERE o.area_id IN (8, 9) AND o.obligation = 'combined_letting_possible'
 ORDER BY d, o.area_id;

-- the views: the latest list's day, a key per area and obligation
SELECT DISTINCT list_year, on_date FROM bi_obligations;
-- combined_letting_possible follows a flag computed from shares: areas 8
-- and 9 have indicators but no populations (area_year.persons), so the
-- flag is hidden (disclosed_criteria()) and both get the same row, though
-- 8 is on the list and 9 is not; the other areas have no shares to hide
SELECT area_id, obligation, since, until, holds, reason, suppressed
  FROM bi_obligations WHERE obligation = 'combined_letting_possible' ORDER BY area_id;
SET housing_areas.min_cell_count = 1;	-- control off: the rows of obligations()
SELECT area_id, obligation, since, until, holds, suppressed
  FROM bi_obligations WHERE obligation = 'combined_letting_possible' AND area_id IN (8, 9) ORDER BY area_id;
RESET housing_areas.min_cell_count;
-- the map hides it alike
SELECT obligations_map_svg('2024-06-01', 'combined_letting_possible') LIKE '%Kombiparken: hidden for disclosure%' AS hidden_on_map;
SELECT (SELECT count(*) FROM bi_obligations) AS bi_rows,
       (SELECT count(*) FROM obligations(housing_areas_private.list_day(latest_list_year()))) AS function_rows,
       (SELECT count(*) FROM bi_obligations WHERE suppressed <> '') AS hidden_rows,
       count(*) AS gis_rows, count(DISTINCT id) AS ids, count(*) FILTER (WHERE id = ogc_fid) AS same_key,
       count(*) FILTER (WHERE id = area_id * 10 + (SELECT k.ordinal FROM obligation_kind AS k WHERE k.obligation = g.obligation))
         AS documented_key,
       count(*) FILTER (WHERE ST_Equals(geom, (SELECT a.geom FROM area AS a WHERE a.area_id = g.area_id))) AS polygons
  FROM gis_obligations AS g;
SELECT format_type(atttypid, atttypmod) AS geom FROM pg_attribute
 WHERE attrelid = 'gis_obligations'::regclass AND attname = 'geom';

-- the map: valid XML, counts in the line under the title, a tooltip per area
SELECT xml_is_well_formed_document(obligations_map_svg('2023-12-15', 'daycare_cap')) AS well_formed,
       substring(obligations_map_svg('2023-12-15', 'daycare_cap') FROM '[0-9]+ of [0-9]+ areas, [0-9]+ undetermined') AS summary,
       (SELECT count(*) FROM regexp_matches(obligations_map_svg('2023-12-15', 'daycare_cap', '0751'), '<path d=', 'g')) AS paths,
       obligations_map_svg('2023-12-15', 'daycare_cap') LIKE '%Halen: not on the udsat list of 1 December 2023; kept under%' AS tail_tooltip;
SELECT obligations_map_svg('2023-12-15', 'daycare');
SELECT obligations_map_svg(NULL, 'daycare_cap') IS NULL AS null_date;

-- the dates in the reasons are ISO whatever the session's style
SET datestyle = 'Postgres, MDY';
SELECT since, reason FROM obligations('2023-06-01') WHERE area_id = 6 AND obligation = 'daycare_cap';
SELECT reason FROM allocation_check(1, '2023-06-15', '{"members": [{"role": "applicant", "prison_release": "2023-01-31"}]}')
 WHERE ground = 'prison_release';
RESET datestyle;

DELETE FROM decision;
DELETE FROM area;
