-- disclosure control: person counts below housing_areas.min_cell_count
-- (default 5) and shares of smaller populations are not shown
SET search_path = housing_areas, public;

-- the setting exists once the library is loaded (any call of the
-- extension's C functions, or session_preload_libraries)
SELECT min_cell_count();
SHOW housing_areas.min_cell_count;
SELECT n, disclose(n) AS shown, disclose(n::bigint) AS shown_bigint
  FROM (VALUES (0), (1), (4), (5), (6), (NULL)) AS t(n);
SELECT disclose_share(45.2, 4), disclose_share(45.2, 5), disclose_share(45.2, NULL);

SET housing_areas.min_cell_count = 10;
SELECT disclose(9), disclose(10), disclose_share(12.5, 9);
SET housing_areas.min_cell_count = 0;
SET housing_areas.min_cell_count = 1001;
SET housing_areas.min_cell_count = 'five';
SET housing_areas.typo = 3;
RESET housing_areas.min_cell_count;

-- the BI view: a tiny area's counts and shares are suppressed
INSERT INTO area VALUES
  (1, 'Large', '0751', '1082', ST_Multi(ST_MakeEnvelope(575000, 6220000, 575400, 6220400, 25832))),
  (2, 'Tiny', '0751', '1082', ST_Multi(ST_MakeEnvelope(576000, 6220000, 576400, 6220400, 25832)));
INSERT INTO area_year (area_id, list_year, ind) VALUES
  (1, 2024, 'residents=2000 nonwestern=60 outside_labour=45 convicted=1 national_convicted=0.6 basic_education=70 income=50'),
  (2, 2024, 'residents=4 nonwestern=50 outside_labour=50 convicted=25 national_convicted=0.6 basic_education=75 income=40');
SELECT area_id, residents, nonwestern_pct, outside_labour_pct, convicted_pct, national_convicted_pct,
       basic_education_pct, income_pct, category
  FROM bi_area_status ORDER BY area_id;
SET housing_areas.min_cell_count = 1;
SELECT area_id, residents, nonwestern_pct FROM bi_area_status ORDER BY area_id;
RESET housing_areas.min_cell_count;
DELETE FROM area;
