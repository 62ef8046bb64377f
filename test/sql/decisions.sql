-- the municipality's decisions: kinds, subjects, periods, the § 26 a
-- stk. 12-14 limit read from consequence('daycare_exemption'), pg_dump
SET search_path = housing_areas, public;
-- the decision ids shown below start at 1, whichever tests ran before
SELECT setval('decision_decision_id_seq', 1, false) IS NOT NULL AS reset;

SELECT kind, subject, paragraph FROM decision_kind ORDER BY kind;
SELECT name, value, unit, paragraph FROM consequences()
 WHERE unit = 'months' ORDER BY name;
-- decisions and their identity sequence are dumped with the user's rows
SELECT unnest(extconfig)::regclass AS dumped FROM pg_extension
 WHERE extname = 'housing_areas_postgis' AND extconfig IS NOT NULL
 ORDER BY 1::text;

INSERT INTO area VALUES (1, 'Testparken', '0751', '1082',
  ST_Multi(ST_MakeEnvelope(570000, 6220000, 570500, 6220500, 25832)));
-- on the udsat list of 2023, off it on the list of 1 December 2024 (so a
-- § 26 c tail may run until 1 December 2027; daycare tests the limits)
INSERT INTO area_year (area_id, list_year, official_category) VALUES (1, 2023, 'udsat'), (1, 2024, 'none');
INSERT INTO facility VALUES (10, 'daycare', 'Børnehuset', '0751',
  ST_SetSRID(ST_MakePoint(570100, 6220100), 25832));

\i test/fixtures/try.sql
\i test/fixtures/decision.sql

SELECT t.label, pg_temp.try(t.stmt) FROM (VALUES
  ('§ 26 c tail for an area, open-ended',
   pg_temp.decision_insert('daycare_tail', 1, '2025-12-05', '2025-12-01')),
  ('§ 26 b for the municipality, 2026',
   pg_temp.decision_insert('parent_work_exemption', NULL, '2025-10-01', '2026-01-01', '2027-01-01', municipality_code => '0751')),
  ('§ 26 a stk. 12-14 exemption, exactly 12 months',
   pg_temp.decision_insert('daycare_exemption', NULL, '2025-12-01', '2026-01-01', '2027-01-01', facility_id => 10)),
  ('§ 26 a stk. 12-14 exemption, 12 months and a day',
   pg_temp.decision_insert('daycare_exemption', NULL, '2025-12-01', '2026-01-01', '2027-01-02', facility_id => 10)),
  ('§ 26 a stk. 12-14 exemption, open-ended',
   pg_temp.decision_insert('daycare_exemption', NULL, '2025-12-01', '2026-01-01', facility_id => 10)),
  ('§ 51 b with its optional grounds',
   pg_temp.decision_insert('combined_letting', 1, '2025-12-10', '2026-01-01', includes_pension => false, includes_insurance_benefits => true)),
  ('§ 51 b without saying which optional grounds',
   pg_temp.decision_insert('combined_letting', 1, '2025-12-10', '2026-01-01')),
  ('§ 51 b with one optional ground unsaid',
   pg_temp.decision_insert('combined_letting', 1, '2025-12-10', '2026-01-01', includes_pension => true)),
  ('optional grounds on another kind',
   pg_temp.decision_insert('daycare_tail', 1, '2025-12-10', '2026-01-01', includes_pension => true)),
  ('tail for a municipality instead of an area',
   pg_temp.decision_insert('daycare_tail', NULL, '2025-12-05', '2025-12-01', municipality_code => '0751')),
  ('two subjects',
   pg_temp.decision_insert('daycare_tail', 1, '2025-12-05', '2025-12-01', facility_id => 10)),
  ('no subject',
   pg_temp.decision_insert('daycare_tail', NULL, '2025-12-05', '2025-12-01')),
  ('ends the day it begins',
   pg_temp.decision_insert('daycare_tail', 1, '2025-12-05', '2025-12-01', '2025-12-01')),
  ('ends the day after it begins',
   pg_temp.decision_insert('daycare_tail', 1, '2025-12-05', '2025-12-01', '2025-12-02')),
  ('unknown kind',
   pg_temp.decision_insert('flexible_letting', 1, '2025-12-05', '2025-12-01')),
  ('unknown area',
   pg_temp.decision_insert('daycare_tail', 2, '2025-12-05', '2025-12-01')),
  ('malformed municipality code',
   pg_temp.decision_insert('parent_work_exemption', NULL, '2025-12-05', '2025-12-01', municipality_code => '751')),
  ('a date out of range',
   pg_temp.decision_insert('daycare_tail', 1, '1999-12-05', '2025-12-01'))
) AS t(label, stmt);

-- § 51 b: one decision in force for an area at a time (the one accepted
-- above runs from 1 January 2026, open-ended); a new one starts on the
-- day the old one ends (valid_until, exclusive) at the earliest
SELECT t.label, pg_temp.try(t.stmt) FROM (VALUES
  ('a second § 51 b decision while the first is in force',
   pg_temp.decision_insert('combined_letting', 1, '2026-05-10', '2026-06-01', includes_pension => true, includes_insurance_benefits => true)),
  ('the first ended on 1 January 2027',
   $$UPDATE decision SET valid_until = '2027-01-01' WHERE kind = 'combined_letting' AND area_id = 1$$),
  ('a second from the day before the first ends',
   pg_temp.decision_insert('combined_letting', 1, '2026-12-10', '2026-12-31', includes_pension => true, includes_insurance_benefits => true)),
  ('a second from the day the first ends',
   pg_temp.decision_insert('combined_letting', 1, '2026-12-10', '2027-01-01', includes_pension => true, includes_insurance_benefits => true)),
  ('the first extended into the second',
   $$UPDATE decision SET valid_until = '2027-01-02' WHERE kind = 'combined_letting' AND area_id = 1 AND valid_from = '2026-01-01'$$),
  ('two § 26 c tails over the same day (only § 51 b decisions exclude each other)',
   pg_temp.decision_insert('daycare_tail', 1, '2025-12-06', '2025-12-01', '2025-12-02'))
) AS t(label, stmt);

SELECT decision_id, kind, area_id, municipality_code, facility_id, valid_from, valid_until
  FROM decision ORDER BY decision_id;
-- the decisions go with their area or daycare
DELETE FROM facility WHERE facility_id = 10;
SELECT kind, count(*) FROM decision GROUP BY kind ORDER BY kind;
DELETE FROM area WHERE area_id = 1;
SELECT count(*) AS decisions_left FROM decision;
DELETE FROM decision;
