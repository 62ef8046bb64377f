-- indicators: casts to and from jsonb
SET search_path = housing_areas, public;

SELECT 'residents=1913 nonwestern=49.4 income=61.8'::indicators::jsonb;
SELECT 'convicted=1e-7 national_convicted=0.65'::indicators::jsonb;
SELECT '{"residents": 1913, "income": 61.8}'::jsonb::indicators;
SELECT '{"income": 61.8, "residents": 1913, "convicted": null}'::jsonb::indicators;
SELECT '{"nonwestern": 5E+1}'::jsonb::indicators;

-- round trips both ways; absent keys stay absent
SELECT ind, ind::jsonb::indicators = ind AS round_trip
  FROM (VALUES ('residents=1913'::indicators),
               ('income=33.333333333333336'),
               ('nonwestern=0.30000000000000004 residents=5'),
               ('residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 national_convicted=0.65 basic_education=67.4 income=61.8')) AS t(ind);
SELECT j, j::indicators::jsonb = j AS round_trip
  FROM (VALUES ('{"residents": 1000}'::jsonb), ('{"convicted": 2.7, "income": 55}')) AS t(j);

-- bad JSON shapes and values
SELECT '[1, 2]'::jsonb::indicators;
SELECT '5'::jsonb::indicators;
SELECT '"residents=5"'::jsonb::indicators;
SELECT 'null'::jsonb::indicators;
SELECT '{}'::jsonb::indicators;
SELECT '{"residents": null}'::jsonb::indicators;
SELECT '{"residents": "1913"}'::jsonb::indicators;
SELECT '{"residents": true}'::jsonb::indicators;
SELECT '{"residents": [1913]}'::jsonb::indicators;
SELECT '{"residents": {"n": 1913}}'::jsonb::indicators;
SELECT '{"inhabitants": 1913}'::jsonb::indicators;
SELECT '{"residents": 1913.5}'::jsonb::indicators;
SELECT '{"residents": 1913.0}'::jsonb::indicators;
SELECT '{"nonwestern": 101}'::jsonb::indicators;
SELECT '{"income": -1}'::jsonb::indicators;
SELECT '{"income": 1e400}'::jsonb::indicators;
SELECT '{"income": 1e-400}'::jsonb::indicators;
