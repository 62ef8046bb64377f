-- indicators: constructor with named, defaulted arguments, and the accessor
SET search_path = housing_areas, public;

SELECT make_indicators(residents => 1913, nonwestern => 49.4, outside_labour => 44.6,
                       convicted => 1.94, national_convicted => 0.65,
                       basic_education => 67.4, income => 61.8);
SELECT make_indicators(income => 61.8, residents => 1913);
SELECT make_indicators(1913, 49.4);
SELECT make_indicators(residents => 1000, income => NULL);

-- the constructor and text input agree
SELECT make_indicators(residents => 1962, nonwestern => 50.1)
     = 'nonwestern=50.1 residents=1962'::indicators AS agree;

-- the accessor: every key, NULL when unknown
SELECT k, indicator(make_indicators(residents => 1913, income => 61.8), k)
  FROM unnest(ARRAY['residents', 'nonwestern', 'outside_labour', 'convicted',
                    'national_convicted', 'basic_education', 'income']) AS k;
SELECT indicator(NULL::indicators, 'income') IS NULL AS strict_null;

-- function properties
SELECT proname, provolatile, proisstrict, proparallel
  FROM pg_proc
 WHERE pronamespace = 'housing_areas'::regnamespace
   AND proname IN ('make_indicators', 'indicator', 'indicators_in', 'indicators_out',
                   'indicators_recv', 'indicators_send', 'indicators_to_jsonb',
                   'jsonb_to_indicators', 'indicators_eq', 'indicators_ne', 'indicators_hash')
 ORDER BY proname;

-- errors of the constructor name the key and the range
SELECT make_indicators();
SELECT make_indicators(residents => NULL);
SELECT make_indicators(residents => -1);
SELECT make_indicators(nonwestern => 100.5);
SELECT make_indicators(income => 'NaN');
SELECT make_indicators(income => 'Infinity');
SELECT make_indicators(national_convicted => 0);
SELECT make_indicators(residents => 10000001);
SELECT indicator('income=5', 'Income');
SELECT indicator('income=5', '');
