-- disclosure control: person counts below housing_areas.min_cell_count
-- (default 5), shares of smaller populations or implying fewer persons, and
-- what would let a hidden value be worked out are not shown by any BI or GIS
-- view, map output or publication function
SET search_path = housing_areas, public;

-- the setting exists once the library is loaded (any call of the
-- extension's C functions, or session_preload_libraries)
SELECT min_cell_count();
SHOW housing_areas.min_cell_count;
SELECT n, disclose(n) AS shown, disclose(n::bigint) AS shown_bigint
  FROM (VALUES (0), (1), (4), (5), (6), (NULL)) AS t(n);

-- a share against its population (4 or unknown: hidden) and against the
-- persons it implies and the rest, rounded to persons: 16.7 % of 6 is one
-- person, 83.3 % of 6 all but one; 50 % of 10 is 5 and 5, 40 % of 10 is 4;
-- 0 % and 100 % imply nobody on one side
SELECT share, population, disclose_share(share, population) AS shown
  FROM (VALUES (45.2, 4), (40, 5), (40, NULL), (16.7, 6), (83.3, 6), (50, 10), (40, 10), (60, 10),
               (0, 10), (100, 10), (99.9, 2000), (99.7, 2000), (0.2, 2000), (0.25, 2000), (NULL, 10))
       AS t(share, population);
-- huge and infinite populations are no error
SELECT disclose_share(100, 1e300) AS all_of_many, disclose_share(0.5, 1e300) AS few_of_many,
       disclose_share(50, 'Infinity') AS of_infinity, disclose_share(1e300, 10) AS absurd_share;
-- a mean (income) against its population only
SELECT disclose_mean(61.8, 4) AS of_4, disclose_mean(61.8, 5) AS of_5, disclose_mean(61.8, NULL) AS of_unknown;

SET housing_areas.min_cell_count = 10;
SELECT disclose(9), disclose(10), disclose_share(12.5, 9), disclose_share(50, 20), disclose_share(45, 20);
-- 1 turns control off: nothing is small, an unknown population included
SET housing_areas.min_cell_count = 1;
SELECT disclose(1), disclose_share(16.7, 6), disclose_share(45.2, NULL), disclose_mean(61.8, NULL);
SET housing_areas.min_cell_count = 0;
SET housing_areas.min_cell_count = 1001;
SET housing_areas.min_cell_count = 'five';
SET housing_areas.typo = 3;
RESET housing_areas.min_cell_count;

-- ---- the areas: a small cell of each kind ----
-- 1 Large: nothing small; 2 Tiny: 4 residents; 3 Six: 6 residents, one
-- non-Western; 4 Youth: 1500 residents, 4 aged 30-59 (education); 5 No
-- populations: no tally, so the age groups are unknown; 6 Rest: 97 % of 100,
-- 3 not non-Western; 7 Five: 5 residents, none non-Western (all shown)
INSERT INTO area VALUES
  (1, 'Large', '0751', '1082', ST_Multi(ST_MakeEnvelope(575000, 6220000, 575400, 6220400, 25832))),
  (2, 'Tiny', '0751', '1082', ST_Multi(ST_MakeEnvelope(576000, 6220000, 576400, 6220400, 25832))),
  (3, 'Six', '0751', '1082', ST_Multi(ST_MakeEnvelope(577000, 6220000, 577400, 6220400, 25832))),
  (4, 'Youth', '0751', '1082', ST_Multi(ST_MakeEnvelope(578000, 6220000, 578400, 6220400, 25832))),
  (5, 'No populations', '0751', '1082', ST_Multi(ST_MakeEnvelope(579000, 6220000, 579400, 6220400, 25832))),
  (6, 'Rest', '0751', '1082', ST_Multi(ST_MakeEnvelope(580000, 6220000, 580400, 6220400, 25832))),
  (7, 'Five', '0751', '1082', ST_Multi(ST_MakeEnvelope(581000, 6220000, 581400, 6220400, 25832)));
INSERT INTO area_year (area_id, list_year, ind, persons) VALUES
  (1, 2024, 'residents=2000 nonwestern=60 outside_labour=45 convicted=1 national_convicted=0.6 basic_education=70 income=50',
   'residents=2000 persons_18_64=1200 persons_18plus=1560 persons_30_59=800 taxpayers_15_64=1200'),
  (2, 2024, 'residents=4 nonwestern=50 outside_labour=50 convicted=25 national_convicted=0.6 basic_education=75 income=40',
   'residents=4 persons_18_64=4 persons_18plus=4 persons_30_59=2 taxpayers_15_64=4'),
  (3, 2024, 'residents=6 nonwestern=16.7', 'residents=6 persons_18_64=6 persons_18plus=6 persons_30_59=6 taxpayers_15_64=6'),
  (4, 2024, 'residents=1500 nonwestern=60 outside_labour=45 convicted=1 national_convicted=0.6 basic_education=75 income=50',
   'residents=1500 persons_18_64=900 persons_18plus=1170 persons_30_59=4 taxpayers_15_64=900'),
  (5, 2024, 'residents=2000 nonwestern=60 outside_labour=45 convicted=1 national_convicted=0.6 basic_education=70 income=50', NULL),
  (6, 2024, 'residents=100 nonwestern=97', 'residents=100 persons_18_64=60 persons_18plus=80 persons_30_59=40 taxpayers_15_64=60'),
  (7, 2024, 'residents=5 nonwestern=0', 'residents=5 persons_18_64=5 persons_18plus=5 persons_30_59=5 taxpayers_15_64=5');

-- what each row shows, and what it says it hides
SELECT area_id, residents, nonwestern_pct, outside_labour_pct, convicted_pct, national_convicted_pct,
       basic_education_pct, income_pct, category, suppressed
  FROM bi_area_status ORDER BY area_id;
SELECT area_id, category, labour, convictions, education, income, nonwestern, criteria_met, criteria_unknown,
       kombineret_udlejning
  FROM bi_area_status ORDER BY area_id;
SELECT d.* FROM area_year AS ay, disclosed_criteria(ay.ind, ay.persons, ay.list_year) AS d
 WHERE ay.area_id = 4;
SELECT d.* FROM disclosed_criteria(NULL, NULL, 2024) AS d;

-- ---- the attacks: each tries to read a small cell, and returns a row
-- where it can (so every query below must return no rows) ----

-- the true small cells: (area, the value that must not be had)
CREATE TEMP TABLE small_cell (area_id integer, cell text);
INSERT INTO small_cell VALUES
  (2, 'residents'), (3, 'nonwestern'), (4, 'education'), (5, 'labour'), (5, 'convictions'),
  (5, 'education'), (5, 'income'), (6, 'nonwestern');

-- 1. a count from a share and residents (16.7 % of 6), or the rest (97 % of 100)
SELECT area_id, round(nonwestern_pct * residents / 100) AS persons, residents - round(nonwestern_pct * residents / 100) AS rest
  FROM bi_area_status
 WHERE round(nonwestern_pct * residents / 100) BETWEEN 1 AND 4
    OR residents - round(nonwestern_pct * residents / 100) BETWEEN 1 AND 4;
-- 2. a criterion flag, share or count of criteria in a row with a small
-- cell: the flag itself, or the others with the category or criteria_met
-- (Youth is a parallelsamfund: with labour, income and convictions shown,
-- udsat's 2 of 4 would tell education)
SELECT b.area_id, v.name, v.value
  FROM bi_area_status AS b
 CROSS JOIN LATERAL (VALUES ('labour', b.labour::text), ('convictions', b.convictions::text),
                            ('education', b.education::text), ('income', b.income::text),
                            ('nonwestern', b.nonwestern::text), ('criteria_met', b.criteria_met::text),
                            ('criteria_unknown', b.criteria_unknown::text),
                            ('kombineret_udlejning', b.kombineret_udlejning::text),
                            ('nonwestern_pct', b.nonwestern_pct::text), ('outside_labour_pct', b.outside_labour_pct::text),
                            ('convicted_pct', b.convicted_pct::text), ('basic_education_pct', b.basic_education_pct::text),
                            ('income_pct', b.income_pct::text)) AS v(name, value)
 WHERE b.area_id IN (SELECT area_id FROM small_cell) AND v.value IS NOT NULL;
SELECT b.area_id, 'residents' AS name, b.residents
  FROM bi_area_status AS b JOIN small_cell AS s ON s.area_id = b.area_id AND s.cell = 'residents'
 WHERE b.residents IS NOT NULL;
-- 3. the same through each GIS layer and the GeoJSON
SELECT g.area_id, 'gis_area_status' AS layer FROM gis_area_status AS g
 WHERE g.area_id IN (SELECT area_id FROM small_cell)
   AND num_nonnulls(g.labour, g.convictions, g.education, g.income, g.nonwestern, g.kombineret_udlejning) > 0
UNION ALL
SELECT g.area_id, 'gis_latest_list' FROM gis_latest_list AS g
 WHERE g.area_id IN (SELECT area_id FROM small_cell)
   AND num_nonnulls(g.labour, g.convictions, g.education, g.income, g.nonwestern, g.kombineret_udlejning) > 0
UNION ALL
SELECT g.area_id, 'gis_latest_list_points' FROM gis_latest_list_points AS g
 WHERE g.area_id IN (SELECT area_id FROM small_cell)
   AND num_nonnulls(g.labour, g.convictions, g.education, g.income, g.nonwestern, g.kombineret_udlejning) > 0
UNION ALL
SELECT (f -> 'properties' ->> 'area_id')::integer, 'areas_geojson'
  FROM json_array_elements(areas_geojson(2024) -> 'features') AS f
 WHERE (f -> 'properties' ->> 'area_id')::integer IN (SELECT area_id FROM small_cell)
   AND EXISTS (SELECT 1 FROM json_each(f -> 'properties') AS p
                WHERE p.key IN ('labour', 'convictions', 'education', 'income', 'nonwestern', 'kombineret_udlejning')
                  AND json_typeof(p.value) <> 'null');
-- 4. the time series: a value, its met or its distance in such a row
SELECT t.area_id, t.test, t.criterion, t.value, t.met, t.distance
  FROM bi_area_timeseries AS t
 WHERE t.area_id IN (SELECT area_id FROM small_cell)
   AND (t.value IS NOT NULL OR t.met IS NOT NULL OR t.distance IS NOT NULL)
   AND NOT (t.criterion = 'residents' AND t.area_id <> 2);
-- 5. the neighbours: a municipality's or the country's figure minus the
-- parts shown (residents added up; a share weighted by residents shown)
SELECT t.criterion, t.municipality_value, s.shown_sum, t.country_value
  FROM (SELECT DISTINCT criterion, municipality_value, country_value FROM bi_area_timeseries
         WHERE list_year = 2024 AND criterion = 'residents') AS t
 CROSS JOIN (SELECT sum(residents) AS shown_sum FROM bi_area_status WHERE list_year = 2024) AS s
 WHERE t.municipality_value IS DISTINCT FROM s.shown_sum OR t.country_value IS DISTINCT FROM s.shown_sum;
SELECT DISTINCT t.criterion, t.municipality_value, t.municipality_areas
  FROM bi_area_timeseries AS t
 WHERE t.list_year = 2024 AND t.criterion = 'nonwestern'
   AND (t.municipality_areas <> (SELECT count(*) FROM bi_area_status WHERE nonwestern_pct IS NOT NULL)
        OR abs(t.municipality_value - (SELECT sum(nonwestern_pct * residents) / sum(residents)
                                         FROM bi_area_status WHERE nonwestern_pct IS NOT NULL)) > 1e-9);
-- what the time series shows for Youth's education and the figures
SELECT area_id, test, criterion, value, met, distance, municipality_value, municipality_areas, suppressed
  FROM bi_area_timeseries WHERE area_id IN (1, 4) AND test IN ('all', 'udsat') ORDER BY area_id, test, criterion;

-- the suppressed columns say what the views hide
SELECT area_id, suppressed FROM gis_area_status ORDER BY area_id;
SELECT f -> 'properties' ->> 'area_id' AS area_id, f -> 'properties' ->> 'suppressed' AS suppressed
  FROM json_array_elements(areas_geojson(2024) -> 'features') AS f;
SELECT DISTINCT area_id, suppressed FROM bi_area_timeseries WHERE suppressed <> '' ORDER BY 1, 2;
SELECT count(*) AS gis_rows_saying_what_they_hide
  FROM gis_area_status AS g JOIN bi_area_status AS b USING (area_id, list_year)
 WHERE g.suppressed = housing_areas_private.suppressed_columns(string_to_array(b.suppressed, ','),
           '{labour,convictions,education,income,nonwestern,kombineret_udlejning}');

-- 6. the tiles and the SVG map carry no person figures at all: the
-- category, its label and the list history only
\i test/fixtures/mvt.sql
SELECT layer, keys FROM pg_temp.mvt_layers(areas_mvt(0, 0, 0, 2024)) ORDER BY layer;
SELECT string_agg(t::text, ' | ' ORDER BY t::text) AS svg_titles
  FROM unnest(xpath('//svg:path/svg:title/text()', map_svg(2024)::xml,
                    ARRAY[ARRAY['svg', 'http://www.w3.org/2000/svg']])) AS t;

-- with control off, everything is shown again
SET housing_areas.min_cell_count = 1;
SELECT area_id, residents, nonwestern_pct, basic_education_pct, education, criteria_met, suppressed
  FROM bi_area_status ORDER BY area_id;
RESET housing_areas.min_cell_count;

-- ---- daycares and language tests ----
-- Large (parallelsamfund, on the udsat list of 2024) holds the homes from
-- udsat areas; the others' homes lie outside every area
INSERT INTO facility VALUES
  (11, 'daycare', 'Eleven', '0751', ST_SetSRID(ST_MakePoint(590000, 6230000), 25832)),
  (12, 'daycare', 'Seven', '0751', ST_SetSRID(ST_MakePoint(590100, 6230000), 25832)),
  (13, 'daycare', 'Ten', '0751', ST_SetSRID(ST_MakePoint(590200, 6230000), 25832)),
  (14, 'daycare', 'Three', '0751', ST_SetSRID(ST_MakePoint(590300, 6230000), 25832)),
  (21, 'school', 'Twelve', '0751', ST_SetSRID(ST_MakePoint(590400, 6230000), 25832)),
  (22, 'school', 'Ten school', '0751', ST_SetSRID(ST_MakePoint(590500, 6230000), 25832));
CREATE TEMP TABLE admissions (facility_id bigint, inside integer, outside integer);
-- the issue's daycare: 11 admitted, 4 from udsat areas (36 %, over the cap);
-- 7 admitted, 5 from udsat areas (2 others); 10 admitted, 5 and 5 (shown);
-- 3 admitted, none from udsat areas; schools: 12 pupils, 4 from listed
-- areas (33 %), and 10 pupils, 5 from listed areas
INSERT INTO admissions VALUES (11, 4, 7), (12, 5, 2), (13, 5, 5), (14, 0, 3), (21, 4, 8), (22, 5, 5);
INSERT INTO enrolment (facility_id, year, home)
SELECT a.facility_id, 2025,
       CASE WHEN n <= a.inside THEN ST_SetSRID(ST_MakePoint(575010 + 10 * n, 6220010 + a.facility_id), 25832)
            ELSE ST_SetSRID(ST_MakePoint(600000 + 10 * n, 6230000 + a.facility_id), 25832) END
  FROM admissions AS a, generate_series(1, a.inside + a.outside) AS n;
SELECT * FROM daycare_cap(2025);
SELECT * FROM daycare_cap_disclosed(2025);
SELECT * FROM language_test_schools(2025);
SELECT * FROM language_test_schools_disclosed(2025);
-- the attacks: a hidden from_udsat recomputed from admitted and share_pct,
-- or bounded by over_cap (11 admitted, fewer than 5 and over 30 %: only 4);
-- the rest (admitted - from_udsat) small; a listed school's pupils bounding
-- a hidden from_listed
SELECT d.facility_id, d.admitted, d.share_pct, d.over_cap
  FROM daycare_cap_disclosed(2025) AS d JOIN daycare_cap(2025) AS c USING (facility_id)
 WHERE (disclose(c.from_udsat) IS NULL OR disclose(c.admitted - c.from_udsat) IS NULL)
   AND (d.from_udsat IS NOT NULL OR d.share_pct IS NOT NULL OR d.over_cap IS NOT NULL);
SELECT facility_id, (SELECT array_agg(k) FROM generate_series(1, 4) AS k
                      WHERE 100.0 * k / d.admitted > consequence('daycare_cap')) AS from_udsat_could_be
  FROM daycare_cap_disclosed(2025) AS d
 WHERE d.over_cap AND d.from_udsat IS NULL;
SELECT l.facility_id, l.pupils, l.share_pct
  FROM language_test_schools_disclosed(2025) AS l JOIN language_test_schools(2025) AS c USING (facility_id)
 WHERE (disclose(c.from_listed) IS NULL OR disclose(c.pupils - c.from_listed) IS NULL)
   AND (l.pupils IS NOT NULL OR l.from_listed IS NOT NULL OR l.share_pct IS NOT NULL);
-- totals minus the parts shown: over-cap daycares counted from what is shown
SELECT count(*) FILTER (WHERE over_cap) AS over_cap_shown, count(*) FILTER (WHERE over_cap IS NULL) AS not_shown
  FROM daycare_cap_disclosed(2025);

DELETE FROM facility;
DELETE FROM area;
