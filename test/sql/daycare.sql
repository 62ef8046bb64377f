-- what the udsat list obliges in daycare: the § 26 c tail check on
-- decision, daycare_cap with § 26 a stk. 12-14, § 26 b and § 26 c,
-- § 23 stk. 4, the learning offer of § 44 a; each rule at its boundary
SET search_path = housing_areas, public;
-- the decision ids shown below start at 1, whichever tests ran before
SELECT setval('decision_decision_id_seq', 1, false) IS NOT NULL AS reset;

-- areas: 500 m squares 1 km apart
--  1 Listed   on the udsat lists of 2023, 2024 and 2025
--  2 Left     on the list of 2023, off it from the list of 1 December 2024
--  3 Never    on no list
--  4 Unknown  on the list of 2023; its place on the lists of 2024 and 2025 is undetermined
--  5 Gap      on the list of 2021, no row for 2022, off in 2023
--  6 Early    on the list of 2022, off from the list of 1 December 2023
INSERT INTO area (area_id, name, municipality_code, geom)
SELECT i, n, '0751', ST_Multi(ST_MakeEnvelope(570000 + 1000 * i, 6220000, 570500 + 1000 * i, 6220500, 25832))
  FROM (VALUES (1, 'Listed'), (2, 'Left'), (3, 'Never'), (4, 'Unknown'), (5, 'Gap'), (6, 'Early')) AS t(i, n);
INSERT INTO area_year (area_id, list_year, official_category, ind) VALUES
  (1, 2023, 'udsat', NULL), (1, 2024, 'udsat', NULL), (1, 2025, 'parallelsamfund', NULL),
  (2, 2023, 'udsat', NULL), (2, 2024, 'none', NULL), (2, 2025, 'none', NULL),
  (3, 2023, 'none', NULL), (3, 2024, 'none', NULL), (3, 2025, 'none', NULL),
  (4, 2023, 'udsat', NULL), (4, 2024, NULL, 'residents=2000 outside_labour=45'),
  (4, 2025, NULL, 'residents=2000 outside_labour=45'),
  (5, 2021, 'udsat', NULL), (5, 2023, 'none', NULL),
  (6, 2022, 'udsat', NULL), (6, 2023, 'none', NULL), (6, 2024, 'none', NULL), (6, 2025, 'none', NULL);
SELECT area_id, list_year, on_udsat_list FROM area_status ORDER BY area_id, list_year;

-- a point in area i (or outside every area for i = 0), spread by n
CREATE FUNCTION pg_temp.home(i integer, n integer DEFAULT 0) RETURNS geometry
  LANGUAGE sql IMMUTABLE
  RETURN CASE WHEN i = 0 THEN ST_SetSRID(ST_MakePoint(560000 + n, 6210000), 25832)
              ELSE ST_SetSRID(ST_MakePoint(570100 + 1000 * i + n, 6220100), 25832) END;

-- each statement shows its outcome: accepted, or the SQLSTATE, constraint,
-- message, detail and hint (test/fixtures/try.sql without the hint and the
-- constraint, which the § 26 c check's messages need)
CREATE FUNCTION pg_temp.try(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; con text; det text; hint text;
BEGIN
  EXECUTE stmt;
  RETURN 'accepted';
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, con = CONSTRAINT_NAME,
                          det = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
  RETURN st || ' ' || coalesce(con, '') || ': ' || msg || ' | ' || coalesce(det, '') || ' | ' || coalesce(hint, '');
END $$;
\i test/fixtures/decision.sql

-- ---- § 26 c: the tail decision ----
\pset format unaligned
-- the check is for daycare_tail decisions only: another kind of decision
-- for an area never on the list is accepted
SELECT pg_temp.try(pg_temp.decision_insert('combined_letting', 3, '2025-12-05', '2026-01-01',
                                           includes_pension => false, includes_insurance_benefits => false)) AS other_kind;
-- each row: a daycare_tail decision (valid_until NULL: open-ended)
SELECT t.label, pg_temp.try(pg_temp.decision_insert('daycare_tail', t.area_id, t.decided_on, t.valid_from, t.valid_until))
  FROM (VALUES
  ('area 2 left on 1 Dec 2024: until the day before the limit', 2, '2024-12-05', '2024-12-01', '2027-11-30'),
  ('area 2: until the limit, 1 Dec 2027 (exclusive)', 2, '2024-12-05', '2024-12-01', '2027-12-01'),
  ('area 2: a day past the limit', 2, '2024-12-05', '2024-12-01', '2027-12-02'),
  ('area 2: open-ended', 2, '2024-12-05', '2024-12-01', NULL),
  ('area 1: still on the list', 1, '2025-12-05', '2025-12-01', '2026-12-01'),
  ('area 3: never on the list', 3, '2025-12-05', '2025-12-01', '2026-12-01'),
  ('area 4: undetermined after its last list', 4, '2025-12-05', '2025-12-01', '2026-12-01'),
  ('area 5: a list year missing after its last list', 5, '2024-12-05', '2024-12-01', '2025-12-01'),
  ('area 6 left on 1 Dec 2023: a tail that ends in mid-2025', 6, '2023-12-05', '2024-01-01', '2025-07-01'),
  ('a CHECK constraint still reports first', 2, '2024-12-05', '2024-12-01', '2024-12-01'),
  ('so does the foreign key', 99, '2024-12-05', '2024-12-01', '2025-12-01')
) AS t(label, area_id, decided_on, valid_from, valid_until);
-- the check holds for a change of an accepted tail too
SELECT t.label, pg_temp.try(t.stmt) FROM (VALUES
  ('extending an accepted tail past the limit',
   $$UPDATE decision SET valid_until = '2027-12-02' WHERE kind = 'daycare_tail' AND area_id = 2 AND valid_until = '2027-11-30'$$),
  ('moving an accepted tail to an area still on the list',
   $$UPDATE decision SET area_id = 1 WHERE kind = 'daycare_tail' AND area_id = 2 AND valid_until = '2027-11-30'$$)
) AS t(label, stmt);
\pset format aligned
-- keep one tail for area 2, until the limit
DELETE FROM decision WHERE kind = 'daycare_tail' AND area_id = 2 AND valid_until = '2027-11-30';
DELETE FROM decision WHERE kind = 'combined_letting';
SELECT kind, area_id, valid_from, valid_until FROM decision ORDER BY decision_id;

-- ---- § 26 a-c: the daycare cap of 2025 (list of 1 December 2024) ----
-- § 26 b: 0751 chose it for all of 2025, 0147 for the second half only,
-- 0101 not at all; § 26 a stk. 12-14: daycare 105 exempt for all of 2025,
-- 106 for a period that starts in March
INSERT INTO decision (kind, municipality_code, decided_on, valid_from, valid_until) VALUES
  ('parent_work_exemption', '0751', '2024-11-01', '2025-01-01', '2026-01-01'),
  ('parent_work_exemption', '0147', '2025-05-01', '2025-07-01', '2026-01-01');
INSERT INTO facility (facility_id, kind, name, municipality_code, geom)
SELECT 100 + i, 'daycare', 'Daycare ' || (100 + i), m, pg_temp.home(3, 10 * i)
  FROM (VALUES (1, '0751'), (2, '0751'), (3, '0751'), (4, '0751'), (5, '0751'), (6, '0751'),
               (7, '0101'), (8, NULL), (9, '0751'), (10, '0751'), (11, '0147'), (12, '0751')) AS t(i, m);
INSERT INTO decision (kind, facility_id, decided_on, valid_from, valid_until) VALUES
  ('daycare_exemption', 105, '2024-12-01', '2025-01-01', '2026-01-01'),
  ('daycare_exemption', 106, '2025-02-01', '2025-03-01', '2026-03-01');
-- admissions of 2025: n children of daycare f living in area i, parents marked w
CREATE FUNCTION pg_temp.admit(f bigint, n integer, i integer, w boolean) RETURNS void
  LANGUAGE sql
  BEGIN ATOMIC
  INSERT INTO enrolment (facility_id, year, home, parents_work_or_study)
  SELECT f, 2025, pg_temp.home(i, g), w FROM generate_series(1, n) AS g;
  END;
-- 101: 3 of 10 from the listed area: exactly 30 %, not over
SELECT pg_temp.admit(101, 3, 1, false), pg_temp.admit(101, 7, 3, NULL);
-- 102: 3 listed + 1 under the tail of area 2: 40 %, over because of § 26 c
SELECT pg_temp.admit(102, 3, 1, false), pg_temp.admit(102, 1, 2, false), pg_temp.admit(102, 6, 0, NULL);
-- 103: 4 listed, one of them marked (0751 chose § 26 b): 30 %, not over because of § 26 b
SELECT pg_temp.admit(103, 3, 1, false), pg_temp.admit(103, 1, 1, true), pg_temp.admit(103, 6, 3, NULL);
-- 104: 4 listed, one unmarked: 3 count, 1 undetermined: over_cap NULL
SELECT pg_temp.admit(104, 3, 1, false), pg_temp.admit(104, 1, 1, NULL), pg_temp.admit(104, 6, 0, true);
-- 105: 4 listed of 10, exempted for all of 2025: over, not in breach
SELECT pg_temp.admit(105, 4, 1, false), pg_temp.admit(105, 6, 0, false);
-- 106: the same, exempted from March: in_breach NULL
SELECT pg_temp.admit(106, 4, 1, false), pg_temp.admit(106, 6, 0, false);
-- 107: 4 listed and marked, but 0101 did not choose § 26 b: over
SELECT pg_temp.admit(107, 4, 1, true), pg_temp.admit(107, 6, 0, true);
-- 108: 4 listed and marked, daycare of unknown municipality: undetermined
SELECT pg_temp.admit(108, 4, 1, true), pg_temp.admit(108, 6, 0, true);
-- 109: 4 from the area whose place on the list of 2024 is undetermined
SELECT pg_temp.admit(109, 4, 4, false), pg_temp.admit(109, 6, 0, false);
-- 110: 4 from area 6, whose tail ends on 1 July 2025: undetermined
SELECT pg_temp.admit(110, 4, 6, false), pg_temp.admit(110, 6, 0, false);
-- 111: 4 listed and marked, 0147 chose § 26 b from July: undetermined
SELECT pg_temp.admit(111, 4, 1, true), pg_temp.admit(111, 6, 0, false);
-- 112: 4 from area 2 left out under § 26 b, 1 listed: 10 %, not over, § 26 b did not decide it
SELECT pg_temp.admit(112, 4, 2, true), pg_temp.admit(112, 1, 1, false), pg_temp.admit(112, 5, 0, false);

SELECT * FROM daycare_cap_detail(2025);
-- daycare_cap keeps its columns: the same counts
SELECT * FROM daycare_cap(2025);
SELECT count(*) AS differences FROM (
  SELECT facility_id, name, admitted, from_udsat, share_pct, over_cap FROM daycare_cap(2025)
  EXCEPT SELECT facility_id, name, admitted, from_udsat, share_pct, over_cap FROM daycare_cap_detail(2025)) AS d;
-- 2024 (list of 2023): areas 2 and 4 on the list, area 6 under its tail all year
DELETE FROM enrolment WHERE facility_id = 110;
INSERT INTO enrolment (facility_id, year, home) VALUES (110, 2024, pg_temp.home(6)), (110, 2024, pg_temp.home(2)),
  (110, 2024, pg_temp.home(4)), (110, 2024, pg_temp.home(0));
SELECT facility_id, admitted, from_list, from_tail, undetermined, over_cap, decided_by FROM daycare_cap_detail(2024);
-- a calendar year and the tail of area 2 (1 December 2024 to 1 December
-- 2027): part of 2024 (the area is on the list of 2023 anyway), all of
-- 2025 and 2026, part of 2027 (undetermined admissions), none of 2028
SELECT y AS year, u.listed, u.tail
  FROM generate_series(2024, 2028) AS y,
       housing_areas_private.udsat_areas(y - 1, daterange(make_date(y, 1, 1), make_date(y + 1, 1, 1))) AS u
 WHERE u.area_id = 2 ORDER BY y;
-- a day: the tail's first and last day, and the day after
SELECT d, u.tail FROM unnest(ARRAY['2024-11-30', '2024-12-01', '2027-11-30', '2027-12-01']::date[]) AS d,
       housing_areas_private.udsat_areas(2024, daterange(d, d, '[]')) AS u
 WHERE u.area_id = 2 ORDER BY d;

-- ---- § 23 stk. 4: daycares in an udsat or § 26 c area ----
INSERT INTO facility (facility_id, kind, name, municipality_code, geom) VALUES
  (201, 'daycare', 'In Listed', '0751', pg_temp.home(1, 250)),
  (202, 'daycare', 'In Left', '0751', pg_temp.home(2, 250)),
  (203, 'daycare', 'In Never', '0751', pg_temp.home(3, 250)),
  (204, 'daycare', 'In Unknown', '0751', pg_temp.home(4, 250)),
  (205, 'daycare', 'In Listed, no admissions', '0751', pg_temp.home(1, 260));
INSERT INTO enrolment (facility_id, year, home)
SELECT 201, 2025, pg_temp.home(i, g) FROM (VALUES (1), (1), (0), (0), (0), (4), (2), (3)) AS t(i), generate_series(1, 1) AS g
UNION ALL SELECT 202, 2025, pg_temp.home(0, 1)
UNION ALL SELECT 203, 2025, pg_temp.home(0, 2)
UNION ALL SELECT 204, 2025, pg_temp.home(0, 3);
SELECT * FROM daycare_offer_elsewhere(2025);
-- for publication: a count is shown when it, the children admitted and the
-- rest are all shown (201: 8 admitted, 4 from outside, 1 undetermined, 3
-- others: hidden); with min_cell_count 1 everything shows
SELECT * FROM daycare_offer_elsewhere_disclosed(2025);
SET housing_areas.min_cell_count = 1;
SELECT facility_id, admitted, from_outside, undetermined, suppressed FROM daycare_offer_elsewhere_disclosed(2025);
RESET housing_areas.min_cell_count;
-- (the BI view shows the current year: only that no small count shows is fixed)
SELECT count(*) AS small_counts_shown FROM bi_daycare_offer_elsewhere
 WHERE least(admitted, from_outside, undetermined) BETWEEN 1 AND min_cell_count() - 1;

-- ---- § 44 a: the learning offer ----
INSERT INTO child (child_id, birth_date, home, home_since, daycare_since, daycare_until, notice_sent,
                   learning_offer_since, learning_offer_until, language_assessed) VALUES
  -- first birthday 15 June 2026, notice by 15 March 2026
  (1, '2025-06-15', pg_temp.home(1, 1), '2025-06-15', NULL, NULL, NULL, NULL, NULL, NULL),
  -- the same, in daycare from May 2026: no notice
  (2, '2025-06-15', pg_temp.home(1, 2), '2025-06-15', '2026-05-01', NULL, NULL, NULL, NULL, NULL),
  -- the same, notice sent on 1 March 2026
  (3, '2025-06-15', pg_temp.home(1, 3), '2025-06-15', NULL, NULL, '2026-03-01', NULL, NULL, NULL),
  -- second birthday 15 June 2026: moved in the day before it, and on it
  (4, '2024-06-15', pg_temp.home(1, 4), '2026-06-14', NULL, NULL, NULL, NULL, NULL, NULL),
  (5, '2024-06-15', pg_temp.home(1, 5), '2026-06-15', NULL, NULL, NULL, NULL, NULL, NULL),
  -- left daycare the day before the second birthday, and on it
  (6, '2024-06-15', pg_temp.home(1, 6), '2024-06-15', '2025-01-01', '2026-06-14', NULL, NULL, NULL, NULL),
  (7, '2024-06-15', pg_temp.home(1, 7), '2024-06-15', '2025-01-01', '2026-06-15', NULL, NULL, NULL, NULL),
  -- attends since the first birthday
  (8, '2024-03-01', pg_temp.home(1, 8), '2024-03-01', NULL, NULL, '2023-12-01', '2025-03-01', NULL, NULL),
  -- attends, and the family moved out in October 2025
  (9, '2024-03-01', pg_temp.home(0, 9), '2025-10-01', NULL, NULL, '2023-12-01', '2025-03-01', NULL, NULL),
  -- lives in area 2, kept by the tail until 1 December 2027
  (10, '2025-01-10', pg_temp.home(2, 10), '2025-01-10', NULL, NULL, NULL, '2026-01-10', NULL, NULL),
  -- lives in the area whose place is undetermined
  (11, '2025-06-15', pg_temp.home(4, 11), '2025-06-15', NULL, NULL, NULL, NULL, NULL, NULL),
  -- the day the child moved in is not known; second birthday 1 September 2026
  (12, '2024-09-01', pg_temp.home(1, 12), NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  -- assessed (§ 44 c) on 1 November 2025
  (13, '2024-03-01', pg_temp.home(1, 13), '2024-03-01', NULL, NULL, NULL, '2025-03-01', NULL, '2025-11-01'),
  -- lives in the area never on a list
  (14, '2025-06-15', pg_temp.home(3, 14), '2025-06-15', NULL, NULL, NULL, NULL, NULL, NULL),
  -- moved in at 1, in daycare then, left daycare at 18 months
  (15, '2024-06-15', pg_temp.home(1, 15), '2025-06-15', '2025-02-01', '2025-12-15', NULL, NULL, NULL, NULL);
SELECT d AS on_date, l.* FROM unnest(ARRAY['2025-12-10', '2026-03-14', '2026-03-15', '2026-03-16',
                                           '2026-06-14', '2026-06-15', '2026-06-20', '2026-09-02']::date[]) AS d,
       learning_offer(d) AS l
 ORDER BY d, l.child_id;
-- the tail of area 2 ends on 1 December 2027 (exclusive)
SELECT d AS on_date, l.* FROM unnest(ARRAY['2027-11-30', '2027-12-01']::date[]) AS d, learning_offer(d) AS l
 WHERE l.child_id = 10;
-- the list in force: before 1 December 2025 the list of 2024, after it the list of 2025
SELECT d, housing_areas_private.list_year_on(d) FROM unnest(ARRAY['2025-11-30', '2025-12-01', '2012-09-30', '2012-10-01']::date[]) AS d;
-- BI: per area, through disclose (min_cell_count 1 shows every count)
SET housing_areas.min_cell_count = 1;
SELECT l.* FROM (SELECT area_id, count(*) FILTER (WHERE status = 'must_start') AS must_start,
                        count(*) FILTER (WHERE status = 'attends') AS attends
                   FROM learning_offer('2026-06-20') GROUP BY area_id) AS l ORDER BY area_id;
RESET housing_areas.min_cell_count;
-- (the view shows today: only that no small count shows is fixed)
SELECT count(*) AS small_counts_shown FROM bi_learning_offer
 WHERE least(notice, notice_late, must_start, attends, may_leave, unknown) BETWEEN 1 AND min_cell_count() - 1;

-- bad input to the children table
SELECT t.label, pg_temp.try(t.stmt) FROM (VALUES
  ('home before birth', $$INSERT INTO child (child_id, birth_date, home, home_since) VALUES (901, '2025-01-01', pg_temp.home(1), '2024-12-31')$$),
  ('daycare ends before it starts', $$INSERT INTO child (child_id, birth_date, home, daycare_since, daycare_until) VALUES (902, '2025-01-01', pg_temp.home(1), '2025-06-01', '2025-06-01')$$),
  ('daycare end without a start', $$INSERT INTO child (child_id, birth_date, home, daycare_until) VALUES (903, '2025-01-01', pg_temp.home(1), '2025-06-01')$$),
  ('learning offer end without a start', $$INSERT INTO child (child_id, birth_date, home, learning_offer_until) VALUES (907, '2025-01-01', pg_temp.home(1), '2025-06-01')$$),
  ('learning offer before birth', $$INSERT INTO child (child_id, birth_date, home, learning_offer_since) VALUES (904, '2025-01-01', pg_temp.home(1), '2024-06-01')$$),
  ('a home in another reference system', $$INSERT INTO child (child_id, birth_date, home) VALUES (905, '2025-01-01', ST_SetSRID(ST_MakePoint(12.5, 55.7), 4326))$$),
  ('no birth date', $$INSERT INTO child (child_id, home) VALUES (906, pg_temp.home(1))$$)
) AS t(label, stmt);
SELECT learning_offer(NULL);
SELECT * FROM learning_offer('infinity');
-- years no admission can have: no rows (as daycare_cap always gave), no error
SELECT (SELECT count(*) FROM daycare_cap(0)) AS cap_0,
       (SELECT count(*) FROM daycare_cap_detail(2147483647)) AS detail_max,
       (SELECT count(*) FROM daycare_cap(NULL)) AS cap_null,
       (SELECT count(*) FROM daycare_offer_elsewhere(-1)) AS elsewhere_negative;

-- the tail decisions go with their area
DELETE FROM area WHERE area_id = 2;
SELECT count(*) AS tails_left FROM decision WHERE kind = 'daycare_tail';
SELECT facility_id, from_list, from_tail FROM daycare_cap_detail(2025) WHERE facility_id = 102;

-- leave the database as found for the tests that follow
DELETE FROM child;
DELETE FROM decision;
DELETE FROM enrolment;
DELETE FROM facility;
DELETE FROM area;
SELECT setval('decision_decision_id_seq', 1, false) IS NOT NULL AS reset,
       setval('child_child_id_seq', 1, false) IS NOT NULL AS reset_child;
