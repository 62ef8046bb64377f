-- development plans after the lists (almenboligloven § 168 a): who may
-- apply for dispensation (stk. 4), and the dwelling ledger projected to
-- 1 January 2030 with the 40 % arithmetic of family_housing_share()
SET search_path = housing_areas, public;

INSERT INTO area (area_id, name, municipality_code, geom)
SELECT i, 'Plan ' || i, '0751', ST_Multi(ST_MakeEnvelope(570000 + 1000 * i, 6220000, 570500 + 1000 * i, 6220500, 25832))
  FROM generate_series(1, 9) AS i;
-- areas 1-7 omdannelse on the list of 2024 (under a plan), 8 only udsat,
-- 9 undetermined between parallelsamfund and omdannelse
INSERT INTO area_year (area_id, list_year, official_category, ind) VALUES
  (1, 2024, 'omdannelse', 'residents=2099 convicted=1.0 national_convicted=0.9'),
  (2, 2024, 'omdannelse', 'residents=2100 convicted=1.0 national_convicted=0.9'),
  (3, 2024, 'omdannelse', 'residents=1500 convicted=2.7 national_convicted=0.9'),
  (4, 2024, 'omdannelse', 'residents=1500 convicted=2.69 national_convicted=0.9'),
  (5, 2024, 'omdannelse', 'convicted=1.0 national_convicted=0.9'),
  (6, 2024, 'omdannelse', 'residents=1500'),
  (7, 2024, 'omdannelse', 'residents=3000'),
  (8, 2024, 'udsat', 'residents=1500 convicted=1.0 national_convicted=0.9');
INSERT INTO area_year (area_id, list_year, official_category, ind)
SELECT 9, y, CASE WHEN y < 2024 THEN 'parallelsamfund'::category END,
       'residents=1500 nonwestern=60 outside_labour=45 basic_education=70 income=50 convicted=1.0 national_convicted=0.9'
  FROM generate_series(2020, 2024) AS y;
UPDATE area_year SET ind = 'residents=1500 outside_labour=45 basic_education=70 income=50 convicted=1.0 national_convicted=0.9'
 WHERE area_id = 9 AND list_year = 2024;
SELECT area_id, category, development_plan, convictions FROM area_status WHERE list_year = 2024 ORDER BY area_id;

-- § 168 a stk. 4: fewer than 2,100 residents and the convictions criterion
-- (>= 3 x the national share) not met; three-valued
SELECT * FROM plan_dispensation(2024);
SELECT count(*) AS plan_areas_2023 FROM plan_dispensation(2023);
SELECT plan_dispensation(NULL);
SELECT * FROM plan_dispensation(2009);

-- ---- the dwelling ledger ----
-- counts of the list of 2024 (1 December 2024); area 2 also 2023
UPDATE area_year SET family_units = 800, dwellings = 1000, demolished = 0, commercial_m2 = 0
 WHERE area_id IN (1, 2, 3, 4) AND list_year = 2024;
UPDATE area_year SET family_units = 500, dwellings = 1000, demolished = 100, commercial_m2 = 7500
 WHERE area_id = 5 AND list_year = 2024;
UPDATE area_year SET family_units = 10, dwellings = 10 WHERE area_id = 6;
INSERT INTO area_year (area_id, list_year, family_units, dwellings) VALUES (2, 2023, 900, 1000);
-- the kinds and their limits
\i test/fixtures/try.sql
-- the ledger, accepted as a whole (a refused row would stop the INSERT)
INSERT INTO dwelling_change (area_id, changed_on, kind, amount) VALUES
  -- area 1: a sale on the list date (which is not after the list) and the
  -- day after; a conversion on 31 December 2029, before the deadline, and a
  -- demolition on 1 January 2030, which is not
  (1, '2024-12-01', 'sale', 1000000),
  (1, '2024-12-02', 'sale', 100),
  (1, '2029-12-31', 'conversion', 100),
  (1, '2030-01-01', 'demolition', 1000000),
  -- area 3: every kind once (new non-family dwellings, commercial floor area)
  (3, '2025-03-01', 'sale', 50),
  (3, '2025-06-01', 'conversion', 50),
  (3, '2026-01-01', 'demolition', 200),
  (3, '2027-01-01', 'new_non_family', 300),
  (3, '2028-01-01', 'commercial_m2', 7499.5),
  -- area 4: a ledger selling more family units than there are
  (4, '2025-01-01', 'sale', 801);
SELECT area_id, changed_on, kind, amount FROM dwelling_change ORDER BY change_id;
-- bad input; each row: the INSERT of one change (amount NULL: none given)
SELECT t.label,
       pg_temp.try(format('INSERT INTO dwelling_change (area_id, changed_on, kind, amount) VALUES (%L, %L, %L, %L)',
                          t.area_id, t.changed_on, t.kind, t.amount))
  FROM (VALUES
  ('half a dwelling', 1, '2025-01-01', 'sale', 0.5),
  ('nothing', 1, '2025-01-01', 'sale', 0),
  ('a negative amount', 1, '2025-01-01', 'new_non_family', -3),
  ('an unknown kind', 1, '2025-01-01', 'renovation', 3),
  ('an unknown area', 99, '2025-01-01', 'sale', 3),
  ('a date out of range', 1, '2009-12-31', 'sale', 3),
  ('no amount', 1, '2025-01-01', 'sale', NULL)
) AS t(label, area_id, changed_on, kind, amount);

-- area 1: 800 - 100 - 100 = 600 of 1000: 60 %, 200 to go (or 500 to add);
-- area 2: the 2024 counts, none of its own changes; area 3: 800 - 50 - 50
-- - 200 = 500 family units of 1000 - 200 + 300 = 1100 dwellings + 200
-- demolished + floor(7499.5 / 75) = 99: 500 / 1399; area 4 inconsistent;
-- area 5 with demolished and commercial counts of its own; area 6 all
-- family units; area 7 and 9 no counts (unknown)
SELECT * FROM plan_projection();
-- the same figures from the 40 % functions directly
SELECT family_housing_share(600, 1000) AS area_1, family_units_over_target(600, 1000) AS to_go_1,
       dwellings_to_add(600, 1000) AS add_1,
       family_housing_share(500, 1100, 200, 7499.5) AS area_3, family_units_over_target(500, 1100, 200, 7499.5) AS to_go_3;
-- the target met exactly: 40 % is not over 40 %; one more dwelling, under it;
-- one family unit more, over it
INSERT INTO dwelling_change (area_id, changed_on, kind, amount) VALUES (2, '2025-01-01', 'sale', 400);
SELECT area_id, family_units, dwellings, share_at_deadline, target_met, family_units_over_target
  FROM plan_projection() WHERE area_id = 2;
INSERT INTO dwelling_change (area_id, changed_on, kind, amount) VALUES (2, '2025-01-01', 'new_non_family', 1);
SELECT area_id, share_at_deadline, target_met FROM plan_projection() WHERE area_id = 2;
DELETE FROM dwelling_change WHERE area_id = 2;
INSERT INTO dwelling_change (area_id, changed_on, kind, amount) VALUES (2, '2025-01-01', 'sale', 399);
SELECT area_id, share_at_deadline, target_met, family_units_over_target, dwellings_to_add
  FROM plan_projection() WHERE area_id = 2;

-- the ledger and its sequence are dumped with the user's rows, and go with the area
SELECT unnest(extconfig)::regclass AS dumped FROM pg_extension
 WHERE extname = 'housing_areas_postgis' ORDER BY 1::text;
DELETE FROM area WHERE area_id = 3;
SELECT count(*) AS changes_of_area_3 FROM dwelling_change WHERE area_id = 3;

-- leave the database as found for the tests that follow
DELETE FROM area;
SELECT setval('dwelling_change_change_id_seq', 1, false) IS NOT NULL AS reset;
