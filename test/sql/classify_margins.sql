-- margins: how far an area is from entering or leaving each list; labels
SET search_path = housing_areas, public;

-- Korskærparken 2018 with a national average of 0.65 %
SELECT * FROM margins('residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 national_convicted=0.65 basic_education=67.4 income=61.8', 2018);
-- the same record against the 2022 rules (forebyggelse rows too)
SELECT * FROM margins('residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 national_convicted=0.65 basic_education=67.4 income=61.8', 2022);
-- and under dk2013 (udsat rows appear from 2016)
SELECT category, criterion, value, operator, threshold, met, distance
  FROM margins('residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 basic_education=67.4 income=61.8', 2015);
SELECT count(*) FROM margins('residents=1913', 2016, 'dk2013');
-- unknown values: value, met and distance are NULL
SELECT * FROM margins('residents=999 outside_labour=40', 2021) WHERE category IN ('all', 'udsat', 'kombineret_udlejning');
-- exact boundaries: distance 0, met by >= only
SELECT criterion, operator, value, threshold, met, distance
  FROM margins('residents=1000 outside_labour=40 convicted=1.95 national_convicted=0.65', 2019)
 WHERE category IN ('all', 'udsat', 'kombineret_udlejning');

-- which areas are closest to the list: the smallest distance to the second criterion
CREATE TEMP TABLE near (area text, ind indicators);
INSERT INTO near VALUES
  ('A', 'residents=1500 outside_labour=41 basic_education=59.5 income=70 convicted=1 national_convicted=0.6 nonwestern=55'),
  ('B', 'residents=2500 outside_labour=38 basic_education=50 income=56 convicted=1 national_convicted=0.6 nonwestern=20'),
  ('C', 'residents=1100 outside_labour=45 basic_education=65 income=50 convicted=1 national_convicted=0.6 nonwestern=40');
SELECT area, category(ind, 2024),
       (SELECT string_agg(criterion || ' ' || distance, ', ' ORDER BY distance DESC)
          FROM margins(ind, 2024) WHERE category = 'udsat' AND NOT met) AS udsat_misses
  FROM near ORDER BY area;

-- labels: the legal names of each year, and English
SELECT c, y, category_label(c, y) AS da, category_label(c, y, 'en') AS en
  FROM unnest(ARRAY['omdannelse', 'parallelsamfund', 'udsat', 'forebyggelse', 'none', 'unknown']) AS c,
       unnest(ARRAY[2012, 2016, 2018, 2021]) AS y
 ORDER BY c, y;
SELECT category_label('ghetto', 2015);
SELECT category_label('udsat', 2020, 'de');
SELECT category_label('udsat', 2005);
