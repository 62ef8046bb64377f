-- allocation_check(area, date, household): the grounds of § 59 stk. 6
-- nr. 1-7 (udsat), § 59 stk. 7 (forebyggelse), § 51 c (omdannelse) and
-- § 51 b (a combined_letting decision in force); "within the last 6 months"
-- and "6 consecutive months" at the day before, of and after; unknown keys
-- are unknown answers; bad documents are errors naming the key
SET search_path = housing_areas, public;
SET datestyle = 'ISO, YMD';
\i test/fixtures/obligations.sql

SELECT obligation, ground, number, paragraph, who, optional FROM allocation_ground
 ORDER BY (SELECT k.ordinal FROM obligation_kind AS k WHERE k.obligation = allocation_ground.obligation), number, ground;
SELECT code FROM country WHERE membership <> 'EU' ORDER BY code;
SELECT count(*) AS eu FROM country WHERE membership = 'EU';
SELECT count(*) AS countries, count(membership) AS eu_eea_ch FROM country;

-- the refusal of one ground for a household
CREATE FUNCTION pg_temp.refuses(area integer, on_date date, ground text, doc text) RETURNS text
LANGUAGE sql AS $$
  SELECT string_agg(c.obligation || ': ' || COALESCE(c.refuses::text, 'unknown'), ', ' ORDER BY c.obligation)
    FROM allocation_check(area, on_date, doc::jsonb) AS c WHERE c.ground = refuses.ground $$;
-- an error's SQLSTATE and message, or 'accepted'
CREATE FUNCTION pg_temp.try(area integer, on_date date, doc text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; det text;
BEGIN
  PERFORM allocation_check(area, on_date, doc::jsonb);
  RETURN 'accepted';
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
  RETURN st || ': ' || msg || ' / ' || det;
END $$;

-- a whole household in an udsat area (area 1 on the list of 2022)
SELECT * FROM allocation_check(1, '2023-06-15', $${"already_resident": false, "members": [
  {"role": "applicant", "birth_date": "1980-03-01", "citizenship": "DK", "student": false,
   "prison_release": "2022-12-15", "institution_release": null, "lease_terminated": null,
   "benefits": {"public": 3, "integration": null, "insurance": null}, "fortidspension": false},
  {"role": "spouse", "age": 40, "citizenship": ["TR", "SE"], "prison_release": null, "institution_release": null,
   "lease_terminated": "2022-01-10", "benefits": {"public": null, "integration": null, "insurance": "2022-12-15"},
   "fortidspension": false, "student": false},
  {"role": "child", "birth_date": "2006-06-16", "citizenship": "GB", "prison_release": null,
   "institution_release": "2023-01-02", "lease_terminated": null,
   "benefits": {"public": null, "integration": null, "insurance": null}, "fortidspension": false}]}$$);

-- within the last 6 months: up to and including the day of the same
-- number 6 months later (release 2022-12-15: the last day is 2023-06-15);
-- at the end of a month the last day is the month's last (2022-12-31:
-- 2023-06-30)
SELECT g.ground, d.release, d.on_date,
       pg_temp.refuses(1, d.on_date, g.ground,
         format('{"members": [{"role": "applicant", "age": 16, "%s": "%s"}]}', g.ground, to_char(d.release, 'YYYY-MM-DD'))) AS refuses
  FROM (VALUES ('prison_release'), ('institution_release'), ('lease_terminated')) AS g(ground),
       (VALUES (date '2022-12-15', date '2023-06-14'), ('2022-12-15', '2023-06-15'), ('2022-12-15', '2023-06-16'),
               ('2022-12-31', '2023-06-29'), ('2022-12-31', '2023-06-30'), ('2022-12-31', '2023-07-01'),
               ('2023-06-15', '2023-06-15')) AS d(release, on_date)
 ORDER BY g.ground, d.release, d.on_date;
-- nr. 2 is for members under 18 on the day checked: the day before the
-- 18th birthday, the birthday, the day after; an age in years
SELECT d.birth, pg_temp.refuses(1, '2023-06-15', 'institution_release',
         format('{"members": [{"role": "child", "birth_date": "%s", "institution_release": "2023-06-01"}, {"role": "applicant", "institution_release": null}]}', d.birth)) AS refuses
  FROM (VALUES ('2005-06-16'), ('2005-06-15'), ('2005-06-14')) AS d(birth);
SELECT a.age, pg_temp.refuses(1, '2023-06-15', 'institution_release',
         format('{"members": [{"role": "applicant", "age": %s, "institution_release": "2023-06-01"}]}', a.age)) AS refuses
  FROM (VALUES (17), (18)) AS a(age);
-- released over 6 months ago, or never: false even with the age unknown
SELECT pg_temp.refuses(1, '2023-06-15', 'institution_release',
         '{"members": [{"role": "applicant", "institution_release": "2022-01-01"}]}') AS long_ago,
       pg_temp.refuses(1, '2023-06-15', 'institution_release',
         '{"members": [{"role": "applicant", "institution_release": null}]}') AS never,
       pg_temp.refuses(1, '2023-06-15', 'institution_release',
         '{"members": [{"role": "applicant", "institution_release": "2023-06-01"}]}') AS age_unknown;

-- 6 consecutive months: from the day the receipt began (2022-12-15: met
-- on 2023-06-15), or a whole number of months
SELECT b.grp, d.on_date, pg_temp.refuses(1, d.on_date, b.ground,
         format('{"members": [{"role": "applicant", "benefits": {"%s": "2022-12-15"}}]}', b.grp)) AS refuses
  FROM (VALUES ('public', 'public_benefits'), ('integration', 'public_benefits'), ('insurance', 'insurance_benefits')) AS b(grp, ground),
       (VALUES (date '2023-06-14'), ('2023-06-15'), ('2023-06-16')) AS d(on_date)
 ORDER BY b.grp, d.on_date;
SELECT m.months, pg_temp.refuses(1, '2023-06-15', 'public_benefits',
         format('{"members": [{"role": "applicant", "benefits": {"public": %s}}]}', m.months)) AS refuses
  FROM (VALUES (0), (5), (6), (7)) AS m(months);
-- integration benefits are part of the public group: a known public run
-- decides, else an integration run of 6 months; 2 months of integration
-- benefits leave the public run unknown
SELECT pg_temp.refuses(1, '2023-06-15', 'public_benefits',
         '{"members": [{"role": "applicant", "benefits": {"integration": 6}}]}') AS integration_6_public_unknown,
       pg_temp.refuses(1, '2023-06-15', 'public_benefits',
         '{"members": [{"role": "applicant", "benefits": {"public": 2}}]}') AS public_2_integration_unknown,
       pg_temp.refuses(1, '2023-06-15', 'public_benefits',
         '{"members": [{"role": "applicant", "benefits": {"integration": 2}}]}') AS integration_2_public_unknown,
       pg_temp.refuses(1, '2023-06-15', 'public_benefits',
         '{"members": [{"role": "applicant", "benefits": {"public": 2, "integration": 0}}]}') AS both_below;

-- nr. 4: citizenship of the EU/EEA or Switzerland, students excepted
SELECT c.doc, pg_temp.refuses(1, '2023-06-15', 'third_country',
         format('{"members": [{"role": "applicant", %s}]}', c.doc)) AS refuses
  FROM (VALUES ('"citizenship": "DK"'), ('"citizenship": "CH"'), ('"citizenship": "NO"'),
               ('"citizenship": "GB", "student": false'), ('"citizenship": "GB", "student": true'),
               ('"citizenship": "GB"'), ('"citizenship": "XK"'), ('"citizenship": ["GB", "IE"]'), ('"student": true'), ('"student": false')) AS c(doc);

-- nr. 6: førtidspension of any member; not given is unknown
SELECT f.doc, pg_temp.refuses(1, '2023-06-15', 'fortidspension', f.doc) AS refuses
  FROM (VALUES ('{"members": [{"role": "applicant", "fortidspension": false}, {"role": "other", "fortidspension": true}]}'),
               ('{"members": [{"role": "applicant", "fortidspension": false}, {"role": "child", "fortidspension": false}]}'),
               ('{"members": [{"role": "applicant", "fortidspension": false}, {"role": "child"}]}')) AS f(doc);

-- nothing known: every ground unknown, none allowed
SELECT obligation, number, ground, refuses, reason
  FROM allocation_check(1, '2023-06-15', '{"members": [{"role": "applicant"}]}');

-- § 59 stk. 7 in a forebyggelsesområde: nr. 1-4 and only selvforsørgelses-,
-- hjemrejse- or overgangsydelse; neither førtidspension nor dagpenge
SELECT obligation, number, ground, refuses, reason
  FROM allocation_check(2, '2022-06-01', $${"members": [{"role": "applicant", "citizenship": "DK",
    "prison_release": null, "institution_release": null, "lease_terminated": null, "fortidspension": true,
    "benefits": {"public": 12, "integration": 0, "insurance": 9}}]}$$);
SELECT pg_temp.refuses(2, '2022-06-01', 'integration_benefits',
         '{"members": [{"role": "spouse", "benefits": {"integration": "2021-12-01"}}, {"role": "applicant"}]}') AS integration_6;

-- § 51 c in an omdannelsesområde (area 3, list of 2021): the applicant or
-- spouse receiving the benefits now; not a child; not one already living
-- in the department
SELECT r.doc, pg_temp.refuses(3, '2022-06-01', 'public_benefits_now', r.doc) AS refuses
  FROM (VALUES
    ('{"already_resident": false, "members": [{"role": "applicant", "benefits": {"public": 1}}]}'),
    ('{"already_resident": false, "members": [{"role": "applicant", "benefits": {"public": 0, "integration": null}}]}'),
    ('{"already_resident": false, "members": [{"role": "applicant", "benefits": {"public": null, "integration": null}}, {"role": "spouse", "benefits": {"integration": "2022-06-01"}}]}'),
    ('{"already_resident": false, "members": [{"role": "applicant", "benefits": {"public": null, "integration": null}}, {"role": "child", "benefits": {"public": 3}}]}'),
    ('{"already_resident": true, "members": [{"role": "applicant", "benefits": {"public": 1}}]}'),
    ('{"members": [{"role": "applicant", "benefits": {"public": 1}}]}'),
    ('{"members": [{"role": "applicant", "benefits": {"public": 0, "integration": 0}}]}')) AS r(doc);
SELECT obligation, ground, refuses, reason FROM allocation_check(3, '2022-06-01',
  '{"already_resident": true, "members": [{"role": "applicant", "benefits": {"public": 1}}]}') WHERE ground = 'public_benefits_now';

-- § 51 b: only with a decision in force (area 8 from 2024-01-01, førtidspension
-- included, dagpenge not); the decision of area 9 has no list to rest on
SELECT d AS on_date, c.obligation, c.ground, c.refuses, c.reason
  FROM unnest(ARRAY['2023-12-31', '2024-01-01']::date[]) AS d
  CROSS JOIN LATERAL allocation_check(8, d, $${"already_resident": false, "members": [
    {"role": "applicant", "benefits": {"public": 6, "insurance": 12}, "fortidspension": false},
    {"role": "spouse", "fortidspension": true, "benefits": {"public": 0, "integration": 0, "insurance": 0}},
    {"role": "other", "benefits": {"public": 24}, "fortidspension": true}]}$$) AS c
 WHERE c.obligation = 'combined_letting_possible'
 ORDER BY d, c.ground;
-- § 51 b looks at the applicant and the spouse only: a lodger on benefits
-- or førtidspension refuses nobody; under § 59 stk. 6 he would
SELECT pg_temp.refuses(8, '2024-06-01', 'public_benefits', r.doc) AS public_benefits,
       pg_temp.refuses(8, '2024-06-01', 'fortidspension', r.doc) AS fortidspension
  FROM (VALUES ('{"already_resident": false, "members": [{"role": "applicant", "benefits": {"public": 0, "integration": 0}, "fortidspension": false},
                 {"role": "other", "benefits": {"public": 12}, "fortidspension": true}]}')) AS r(doc);
SELECT pg_temp.refuses(1, '2023-06-15', 'fortidspension',
         '{"members": [{"role": "applicant", "fortidspension": false}, {"role": "other", "fortidspension": true}]}') AS same_lodger_udsat_area;
SELECT obligation, ground, refuses, reason FROM allocation_check(9, '2024-06-01',
  '{"already_resident": false, "members": [{"role": "applicant", "benefits": {"public": 7}}]}');

-- an area whose list is undetermined (area 4 in 2023): a ground the
-- household meets refuses "unknown", one it does not meet is false
SELECT obligation, ground, refuses FROM allocation_check(4, '2024-01-15', $${"members": [
  {"role": "applicant", "citizenship": "DK", "prison_release": "2023-12-01", "institution_release": null,
   "lease_terminated": null, "benefits": {"public": 0, "integration": 0, "insurance": 0}, "fortidspension": false}]}$$)
 ORDER BY obligation, number;
-- an area with no obligation: no rows, but the document is still checked
SELECT count(*) AS grounds FROM allocation_check(6, '2023-06-01', '{"members": [{"role": "applicant"}]}');
SELECT pg_temp.try(6, '2023-06-01', '{"members": [{"role": "applicant", "age": -1}]}');

-- bad documents and arguments: an error naming the key, never an answer
SELECT t.label, pg_temp.try(t.area, '2023-06-15', t.doc) FROM (VALUES
  ('not an object', 1, '[1, 2]'),
  ('unknown key', 1, '{"members": [{"role": "applicant"}], "income": 100}'),
  ('no members', 1, '{"already_resident": false}'),
  ('empty members', 1, '{"members": []}'),
  ('members not an array', 1, '{"members": {"role": "applicant"}}'),
  ('a member not an object', 1, '{"members": ["applicant"]}'),
  ('unknown member key', 1, '{"members": [{"role": "applicant", "prison": "2023-01-01"}]}'),
  ('no role', 1, '{"members": [{"age": 30}]}'),
  ('unknown role', 1, '{"members": [{"role": "lodger"}]}'),
  ('no applicant', 1, '{"members": [{"role": "spouse"}]}'),
  ('two applicants', 1, '{"members": [{"role": "applicant"}, {"role": "applicant"}]}'),
  ('two spouses', 1, '{"members": [{"role": "applicant"}, {"role": "spouse"}, {"role": "spouse"}]}'),
  ('a date as a number', 1, '{"members": [{"role": "applicant", "prison_release": 20230101}]}'),
  ('a date in another format', 1, '{"members": [{"role": "applicant", "prison_release": "15-06-2023"}]}'),
  ('a date that does not exist', 1, '{"members": [{"role": "applicant", "lease_terminated": "2023-02-30"}]}'),
  ('a release after the day checked', 1, '{"members": [{"role": "applicant", "prison_release": "2023-06-16"}]}'),
  ('a birth date after the day checked', 1, '{"members": [{"role": "child", "birth_date": "2023-07-01"}, {"role": "applicant"}]}'),
  ('a benefit start after the day checked', 1, '{"members": [{"role": "applicant", "benefits": {"public": "2023-06-16"}}]}'),
  ('negative age', 1, '{"members": [{"role": "applicant", "age": -1}]}'),
  ('fractional age', 1, '{"members": [{"role": "applicant", "age": 17.5}]}'),
  ('age as text', 1, '{"members": [{"role": "applicant", "age": "17"}]}'),
  ('age and birth date', 1, '{"members": [{"role": "applicant", "age": 17, "birth_date": "2006-01-01"}]}'),
  ('citizenship in lower case', 1, '{"members": [{"role": "applicant", "citizenship": "dk"}]}'),
  ('citizenship as a number', 1, '{"members": [{"role": "applicant", "citizenship": 208}]}'),
  ('no citizenship in the array', 1, '{"members": [{"role": "applicant", "citizenship": []}]}'),
  ('no such country', 1, '{"members": [{"role": "applicant", "citizenship": "XX"}]}'),
  ('the EU''s abbreviation for Greece', 1, '{"members": [{"role": "applicant", "citizenship": ["DK", "EL"]}]}'),
  ('the EU''s abbreviation for the United Kingdom', 1, '{"members": [{"role": "applicant", "citizenship": "UK"}]}'),
  ('Greenland, a territory of Denmark', 1, '{"members": [{"role": "applicant", "citizenship": "GL"}]}'),
  ('the Faroe Islands among others', 1, '{"members": [{"role": "applicant", "citizenship": ["TR", "FO"]}]}'),
  ('Réunion, a part of France', 1, '{"members": [{"role": "applicant", "citizenship": "RE"}]}'),
  ('student as text', 1, '{"members": [{"role": "applicant", "student": "yes"}]}'),
  ('fortidspension as a number', 1, '{"members": [{"role": "applicant", "fortidspension": 1}]}'),
  ('already_resident as text', 1, '{"already_resident": "no", "members": [{"role": "applicant"}]}'),
  ('benefits not an object', 1, '{"members": [{"role": "applicant", "benefits": 6}]}'),
  ('unknown group of benefits', 1, '{"members": [{"role": "applicant", "benefits": {"kontanthjaelp": 6}}]}'),
  ('negative months', 1, '{"members": [{"role": "applicant", "benefits": {"public": -1}}]}'),
  ('fractional months', 1, '{"members": [{"role": "applicant", "benefits": {"insurance": 5.5}}]}'),
  ('months as a boolean', 1, '{"members": [{"role": "applicant", "benefits": {"insurance": true}}]}'),
  ('unknown area', 99, '{"members": [{"role": "applicant"}]}'),
  ('no area', NULL, '{"members": [{"role": "applicant"}]}'),
  ('no document', 1, NULL)
) AS t(label, area, doc);
SELECT pg_temp.try(1, NULL, '{"members": [{"role": "applicant"}]}') AS no_date;
-- an infinite date: a later list will apply then, so no answer
SELECT pg_temp.try(1, 'infinity', '{"members": [{"role": "applicant", "prison_release": "2023-01-01"}]}') AS infinity,
       pg_temp.try(1, '-infinity', '{"members": [{"role": "applicant"}]}') AS minus_infinity;

DELETE FROM decision;
DELETE FROM area;
