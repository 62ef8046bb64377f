-- load_official_list(list_year, csv): the ministry's list typed from its
-- PDF into area_year.official_category, all or nothing; and
-- official_list_differences: where the computed category differs
SET search_path = housing_areas, public;
SET datestyle = 'ISO, YMD';

INSERT INTO area (area_id, name, municipality_code, region_code, geom)
SELECT n, v.name, '0751', '1082',
       ST_Multi(ST_MakeEnvelope(575000 + 1000 * n, 6220000, 575400 + 1000 * n, 6220400, 25832))
  FROM (VALUES (1, 'Bispehaven'), (2, 'Gellerupparken'), (3, 'Toveshøj'), (4, 'Skovparken'),
               (5, 'Vestergårdsvej'), (6, 'Vestergårdsvej')) AS v(n, name);
INSERT INTO area_year (area_id, list_year, ind) VALUES
  -- udsat (labour, education), not parallelsamfund (nonwestern 49.4)
  (1, 2024, 'residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 national_convicted=0.65 basic_education=67.4 income=61.8'),
  -- parallelsamfund
  (2, 2024, 'residents=6464 nonwestern=80.6 outside_labour=51.9 convicted=1 national_convicted=0.65 basic_education=70 income=50'),
  -- none
  (3, 2024, 'residents=2000 nonwestern=20 outside_labour=20 convicted=0.5 national_convicted=0.65 basic_education=40 income=90'),
  -- residents unknown: undetermined
  (4, 2024, 'nonwestern=60 outside_labour=45 basic_education=65'),
  (5, 2024, NULL);

CREATE FUNCTION pg_temp.try(list_year integer, csv text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; det text;
BEGIN
  PERFORM load_official_list(list_year, csv);
  RETURN 'accepted';
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
  RETURN st || ': ' || msg || COALESCE(' / ' || NULLIF(det, ''), '');
END $$;

-- bad lists are errors naming the line, and load nothing
SELECT t.label, pg_temp.try(2024, t.csv) FROM (VALUES
  ('unknown area id', E'area,category\n1,udsat\n99,udsat\n'),
  ('unknown area name', E'Bispehavn,udsat'),
  ('ambiguous area name', E'Vestergårdsvej,udsat'),
  ('bad category', E'1,ghetto\n'),
  ('category of another list', E'1,hårdt ghettoområde'),
  ('three fields', E'1,udsat,2024'),
  ('one field', E'1'),
  ('an area twice', E'1,udsat\n2,parallelsamfund\n1,none'),
  ('no areas', E'area,category\n# nothing yet\n'),
  ('empty', ''),
  ('a long line', repeat('x', 100))
) AS t(label, csv);
SELECT pg_temp.try(2009, '1,udsat') AS before_2010, pg_temp.try(2024, NULL) AS no_csv;
SELECT pg_temp.try(2099, '1,udsat') AS not_published_yet;
SELECT count(*) FILTER (WHERE official_category IS NOT NULL) AS official_rows FROM area_year;

-- a list with a header, comments, blank lines, quotes, semicolons, CRLF,
-- names and Danish category names; the other areas of 2024 become none,
-- and an area without a row that year gets one
SELECT * FROM load_official_list(2024, E'area;category\r\n# Boligministeriet, 1 December 2024\r\n\r\n"2";"parallelsamfund"\r\nBispehaven ; Udsat boligområde\r\n6,forebyggelsesområde\r\n');
SELECT area_id, list_year, official_category, ind IS NULL AS no_indicators FROM area_year ORDER BY area_id, list_year;
-- loaded again, the same: nothing created; complete => false leaves the others
SELECT * FROM load_official_list(2024, E'1,udsat\n2,omdannelse', false);
SELECT area_id, official_category FROM area_year WHERE list_year = 2024 ORDER BY area_id;

-- the differences: omdannelse counts as parallelsamfund; unknown and
-- missing indicators are undetermined (agrees NULL); the criteria that
-- separate the two categories, the nearest to their thresholds first
SELECT area_id, list_year, name, official_category, computed_category, agrees, criteria
  FROM official_list_differences ORDER BY area_id;
UPDATE area_year SET official_category = 'udsat' WHERE area_id = 3;
SELECT area_id, official_category, computed_category, agrees, criteria FROM official_list_differences WHERE area_id = 3;
UPDATE area_year SET official_category = 'forebyggelse' WHERE area_id = 1;
SELECT area_id, official_category, computed_category, agrees, criteria FROM official_list_differences WHERE area_id = 1;

DELETE FROM area;
