-- classification: three-valued logic for missing (suppressed) values
SET search_path = housing_areas, public;

-- each row: the known indicator values, NULL where a value is unknown
-- (suppressed)
SELECT label, c.category, c.udsat, c.parallelsamfund, c.forebyggelse, c.forebyggelse_raw,
       c.size_ok, c.criteria_met AS met, c.criteria_unknown AS unk
  FROM (VALUES
    -- (label, list_year, residents, nonwestern, outside_labour, basic_education, income, convicted, national_convicted)
    -- decided although convictions are unknown: 2 of 4 already hold
    ('udsat decided, convictions unknown', 2019, 2000,   20,   45,   70,   80, NULL, NULL),
    -- two unknown could still make 2 of 4
    ('udsat undecided',                    2019, 2000,   20,   10,   10, NULL, NULL, NULL),
    -- at most 1 of 4 can hold: decided
    ('udsat impossible',                   2019, 2000,   20,   10,   10,   90, NULL, NULL),
    -- udsat holds, nonwestern unknown: parallelsamfund or udsat
    ('nonwestern unknown',                 2019, 2000, NULL,   45,   70,   90,    0,    1),
    -- udsat holds, nonwestern known: decided
    ('nonwestern known',                   2019, 2000,   51,   45,   70, NULL, NULL, NULL),
    -- residents unknown: size gate unknown
    ('residents unknown',                  2019, NULL,   60,   45,   70, NULL, NULL, NULL),
    -- small area: decided whatever is missing
    ('small area',                         2019,  400, NULL, NULL, NULL, NULL, NULL, NULL),
    -- criteria fail: decided whatever the size
    ('criteria fail',                      2022, NULL,   10,   10,   10,   90,    0,    1),
    -- national average unknown: relative convictions test unknown
    ('national unknown',                   2019, 2000,   60,   45,   10,   90,    5, NULL),
    -- dk2013 absolute test does not need the national average
    ('national unneeded',                  2015, 2000,   60,   45,   10,   90,    5, NULL),
    -- forebyggelse undecided: not udsat, 1 of the weaker 4 known met, 2 unknown
    ('forebyggelse undecided',             2022, 2000,   40,   35, NULL,   90,    0,    1),
    -- forebyggelse: udsat unknown makes the exclusion unknown
    ('udsat unknown, raw forebyggelse',    2022, 2000,   40,   35,   65, NULL, NULL,    1),
    -- only residents known, big area
    ('only residents',                     2024, 5000, NULL, NULL, NULL, NULL, NULL, NULL),
    ('only residents, dk2010',             2011, 5000, NULL, NULL, NULL, NULL, NULL, NULL)
  ) AS t(label, list_year, residents, nonwestern, outside_labour, basic_education, income, convicted, national_convicted),
  LATERAL classify(make_indicators(residents => t.residents, nonwestern => t.nonwestern,
                                   outside_labour => t.outside_labour, basic_education => t.basic_education,
                                   income => t.income, convicted => t.convicted,
                                   national_convicted => t.national_convicted), t.list_year) AS c;

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
