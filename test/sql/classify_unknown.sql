-- classification: three-valued logic for missing (suppressed) values
SET search_path = housing_areas, public;

SELECT label, c.category, c.udsat, c.parallelsamfund, c.forebyggelse, c.forebyggelse_raw,
       c.size_ok, c.criteria_met AS met, c.criteria_unknown AS unk
  FROM (VALUES
    -- decided although convictions are unknown: 2 of 4 already hold
    ('udsat decided, convictions unknown', 2019,
     'residents=2000 outside_labour=45 basic_education=70 income=80 nonwestern=20'),
    -- two unknown could still make 2 of 4
    ('udsat undecided', 2019, 'residents=2000 outside_labour=10 basic_education=10 nonwestern=20'),
    -- at most 1 of 4 can hold: decided
    ('udsat impossible', 2019, 'residents=2000 outside_labour=10 basic_education=10 income=90 nonwestern=20'),
    -- udsat holds, nonwestern unknown: parallelsamfund or udsat
    ('nonwestern unknown', 2019,
     'residents=2000 national_convicted=1 convicted=0 income=90 outside_labour=45 basic_education=70'),
    -- udsat holds, nonwestern known: decided
    ('nonwestern known', 2019,
     'residents=2000 outside_labour=45 basic_education=70 nonwestern=51'),
    -- residents unknown: size gate unknown
    ('residents unknown', 2019, 'outside_labour=45 basic_education=70 nonwestern=60'),
    -- small area: decided whatever is missing
    ('small area', 2019, 'residents=400'),
    -- criteria fail: decided whatever the size
    ('criteria fail', 2022,
     'outside_labour=10 basic_education=10 income=90 convicted=0 national_convicted=1 nonwestern=10'),
    -- national average unknown: relative convictions test unknown
    ('national unknown', 2019, 'residents=2000 convicted=5 outside_labour=45 basic_education=10 income=90 nonwestern=60'),
    -- dk2013 absolute test does not need the national average
    ('national unneeded', 2015, 'residents=2000 convicted=5 outside_labour=45 basic_education=10 income=90 nonwestern=60'),
    -- forebyggelse undecided: not udsat, 1 of the weaker 4 known met, 2 unknown
    ('forebyggelse undecided', 2022,
     'residents=2000 national_convicted=1 convicted=0 income=90 outside_labour=35 nonwestern=40'),
    -- forebyggelse: udsat unknown makes the exclusion unknown
    ('udsat unknown, raw forebyggelse', 2022,
     'residents=2000 national_convicted=1 outside_labour=35 basic_education=65 nonwestern=40'),
    -- only residents known, big area
    ('only residents', 2024, 'residents=5000'),
    ('only residents, dk2010', 2011, 'residents=5000')
  ) AS t(label, list_year, ind),
  LATERAL classify(ind::indicators, list_year) AS c;

-- criterion flags are NULL both for unknown values and for tests a version lacks
SELECT rules, labour, convictions, education, income, nonwestern
  FROM classify('residents=2000 outside_labour=45 nonwestern=55', 2011);
SELECT rules, labour, convictions, education, income, nonwestern
  FROM classify('residents=2000 outside_labour=45 nonwestern=55', 2022);

-- a relative convictions check is decided when its missing input cannot
-- change it: 0 % never reaches 3 x a national share above 0, and no share
-- reaches 3 x 40 %; with 0.5 % and no national share it stays unknown
SELECT category, udsat, convictions, criteria_met, criteria_unknown
  FROM classify('residents=2000 outside_labour=45 convicted=0 basic_education=10 income=100', 2019);
SELECT category, udsat, convictions, criteria_met, criteria_unknown
  FROM classify('residents=2000 outside_labour=45 national_convicted=40 basic_education=10 income=100', 2019);
SELECT category, udsat, convictions, criteria_met, criteria_unknown
  FROM classify('residents=2000 outside_labour=45 convicted=0.5 basic_education=10 income=100', 2019);
SELECT criterion, value, threshold, met FROM margins('convicted=0 residents=2000', 2019) WHERE criterion = 'convictions';
