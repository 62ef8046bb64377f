-- rule_sets_round_trip: a user rule set made from the text of dk2021
-- (rules('dk2021') with the name line changed, with and without its list
-- years) classifies exactly as dk2021: the whole classification record and
-- every margins() row, over 100,000 random records with values at, just
-- below and just above every threshold, and missing values
SET search_path = housing_areas, public;
SELECT create_rules('copy', replace(rules('dk2021'), 'rules dk2021 ', 'rules copy '));
SELECT create_rules('copy_anytime', regexp_replace(rules('dk2021'), 'rules dk2021 +for the lists of 2021 onward', 'rules copy_anytime'));
SELECT name, position('for the lists of 2021 onward' IN definition) > 0 AS has_years FROM rule_set ORDER BY name;

SELECT setseed(0.2021);
-- each key: missing (about 1 in 8), a value at a threshold or 0.001 / 1
-- off it, or anywhere in its range
CREATE TEMP TABLE rec AS
SELECT n, y, make_indicators(residents => r, nonwestern => nw, outside_labour => ol,
                             convicted => cv, national_convicted => nc,
                             basic_education => be, income => inc) AS ind
  FROM (SELECT n, 2010 + (random() * 16)::int AS y,
               (ARRAY[NULL, 999, 1000, 1001, 4999, 5000, 5001, (random() * 8000)::int])[1 + (random() * 7.99)::int] AS r,
               (ARRAY[NULL, 29.999, 30, 30.001, 49.999, 50, 50.001, random() * 100])[1 + (random() * 7.99)::int] AS nw,
               (ARRAY[NULL, 29.999, 30, 30.001, 39.999, 40, 40.001, random() * 100])[1 + (random() * 7.99)::int] AS ol,
               (ARRAY[NULL, 1.3, 1.299, 1.301, 1.95, 1.949, 1.951, 0, random() * 6])[1 + (random() * 8.99)::int] AS cv,
               (ARRAY[NULL, 0.65, 0.65, 0.649, 0.651, random() * 2])[1 + (random() * 5.99)::int] AS nc,
               (ARRAY[NULL, 59.999, 60, 60.001, random() * 100])[1 + (random() * 4.99)::int] AS be,
               (ARRAY[NULL, 54.999, 55, 55.001, 64.999, 65, 65.001, random() * 200])[1 + (random() * 7.99)::int] AS inc
          FROM generate_series(1, 100000) AS n) AS v
 WHERE num_nonnulls(r, nw, ol, cv, nc, be, inc) > 0;
-- the records reach every category, decided and undecided
SELECT count(*) >= 99000 AS records, count(DISTINCT category(ind, 2024, 'dk2021')) AS categories,
       count(*) FILTER (WHERE category(ind, 2024, 'dk2021') = 'unknown') > 1000 AS unknowns,
       count(*) FILTER (WHERE category(ind, 2024, 'dk2021') = 'parallelsamfund') > 1000 AS parallelsamfund
  FROM rec;

-- the whole record but its rules column, and the category alone
SELECT count(*) AS compared,
       count(*) FILTER (WHERE (to_jsonb(classify(ind, y, 'dk2021')) - 'rules')
                              IS DISTINCT FROM (to_jsonb(classify(ind, y, 'copy')) - 'rules')) AS classify_differs,
       count(*) FILTER (WHERE (to_jsonb(classify(ind, y, 'dk2021')) - 'rules')
                              IS DISTINCT FROM (to_jsonb(classify(ind, y, 'copy_anytime')) - 'rules')) AS anytime_differs,
       count(*) FILTER (WHERE category(ind, y, 'dk2021') IS DISTINCT FROM category(ind, y, 'copy')) AS category_differs,
       count(*) FILTER (WHERE (classify(ind, y, 'copy')).rules <> 'copy') AS rules_column_wrong
  FROM rec;
-- every margins() row, in order
SELECT count(*) AS compared,
       count(*) FILTER (WHERE a IS DISTINCT FROM b) AS margins_differ,
       sum(jsonb_array_length(a)) AS margin_rows
  FROM (SELECT (SELECT jsonb_agg(to_jsonb(m) ORDER BY o) FROM margins(ind, y, 'dk2021') WITH ORDINALITY AS m(category, criterion, value, operator, threshold, met, distance, unit, o)) AS a,
               (SELECT jsonb_agg(to_jsonb(m) ORDER BY o) FROM margins(ind, y, 'copy') WITH ORDINALITY AS m(category, criterion, value, operator, threshold, met, distance, unit, o)) AS b
          FROM rec) AS t;
-- the rule tables and the history rule agree too
SELECT (SELECT array_agg(t::text) FROM thresholds('dk2021') AS t) = (SELECT array_agg(t::text) FROM thresholds('copy') AS t) AS thresholds_equal;
SELECT count(*) FILTER (WHERE omdannelse(k, y, 'dk2021') IS DISTINCT FROM omdannelse(k, y, 'copy')) AS omdannelse_differs
  FROM generate_series(2010, 2030) AS y, generate_series(0, 7) AS k;
-- a copy of another text is not a copy: the test can fail
SELECT create_rules('not_a_copy', replace(replace(rules('dk2021'), 'rules dk2021 ', 'rules not_a_copy '), 'income < 55', 'income <= 55'));
SELECT count(*) FILTER (WHERE category(ind, y, 'dk2021') IS DISTINCT FROM category(ind, y, 'not_a_copy')) > 0 AS differs
  FROM rec;
SELECT drop_rules(name) FROM rule_set ORDER BY name;
