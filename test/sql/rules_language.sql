-- the rule language: the built-in rule text as SQL shows it (rules(),
-- consequences), and the parser's messages for every kind of error
SET search_path = housing_areas, public;

-- rules() is the file the library was built from, byte for byte
\set file `cat src/core/builtin.rules`
SELECT rules() = :'file' || E'\n' AS rules_is_the_file,
       length(rules()) > 3000 AS long_enough;
-- each version, as written (with the comments right above it)
SELECT rules('dk2013');
SELECT rules('dk2021');
SELECT rules('consequences');
SELECT rules('dk2022');
SELECT rules('');
SELECT rules(NULL) IS NULL AS strict;
-- every block parses on its own, and the whole text gives the four versions
SELECT housing_areas_private.parse_rules(rules());
SELECT v, housing_areas_private.parse_rules(rules(v))
  FROM unnest(ARRAY['dk2010', 'dk2013', 'dk2018', 'dk2021']) AS v;

-- consequences: the constants of what the lists oblige, exact numerics
SELECT * FROM consequences();
SELECT consequence('daycare_cap') AS daycare_cap,
       consequence('language_test_share') AS language_test_share,
       consequence('language_test_lists') AS language_test_lists,
       consequence('plan_deadline') AS plan_deadline,
       consequence('family_housing_target') AS family_housing_target,
       consequence('m2_per_dwelling') AS m2_per_dwelling,
       pg_typeof(consequence('daycare_cap'));
SELECT consequence('daycare');
SELECT consequence(NULL) IS NULL AS strict;
-- the 40 % rule computes with them: 40 % of 200 dwellings, 7574 m² / 75
SELECT family_units_over_target(100, 200) AS over_target,
       family_housing_share(900, 1000, 200, 7574) AS share;

-- the thresholds are those of the text: one row per comparison in it
SELECT v, count(*) AS rows,
       count(*) FILTER (WHERE criterion NOT IN ('udsat')) - 1 AS comparisons
  FROM unnest(ARRAY['dk2010', 'dk2013', 'dk2018', 'dk2021']) AS v,
       LATERAL thresholds(v)
 GROUP BY v ORDER BY v;

-- omdannelse follows the history rule: 5 lists, where the version has it
SELECT y, omdannelse(5, y) AS five, omdannelse(4, y) AS four
  FROM unnest(ARRAY[2017, 2018, 2021, 2030]) AS y;

-- a small rule text of every construct
SELECT housing_areas_private.parse_rules($$
# a what-if: the 2021 rules without the non-Western gate
rules nogate for the lists of 2021 onward     "a what-if"
  an area counts when residents >= 1000
  udsat when at least 2 of (outside_labour > 40, convicted >= 3 × national_convicted,
                            basic_education > 60, income < 55)
  parallelsamfund when udsat                  "§ 61 a stk. 2, changed"
  omdannelse from the list of 2022 when parallelsamfund on each of the last 4 lists
  forebyggelse when nonwestern <= 100 and
    at least 1 of (outside_labour > 30), unless udsat
end
$$);

-- syntax errors (42601): what was expected, and where
SELECT housing_areas_private.parse_rules('');
SELECT housing_areas_private.parse_rules('# only a comment');
SELECT housing_areas_private.parse_rules('rule dk2030 for the lists of 2030 onward');
SELECT housing_areas_private.parse_rules('rules 2030 for the lists of 2030 onward');
SELECT housing_areas_private.parse_rules('rules consequences for the lists of 2030 onward');
SELECT housing_areas_private.parse_rules('rules x for lists of 2030 onward');
SELECT housing_areas_private.parse_rules('rules x for the lists of 30 onward');
SELECT housing_areas_private.parse_rules('rules x for the lists of 2030.5 onward');
SELECT housing_areas_private.parse_rules('rules x for the lists of 2030 on');
SELECT housing_areas_private.parse_rules('rules x for the lists of 2030 onward now');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nudsat when income < 55\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when people >= 1000\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents = 1000\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= many\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000.\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nghetto when income < 55\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat if income < 55\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when 55 > income\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55 or nonwestern > 50\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when at least two of (income < 55)\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when at least 1 of (income < 55; nonwestern > 50)\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55\nforebyggelse when income < 65, unless omdannelse\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55\nforebyggelse when income < 65, except udsat\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55 "§ 1" "§ 2"\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55 "§ 1\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55\nend "§ 1"');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55 @\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income\t< 55\r\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\n  daycare_cap 30 percent\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\n  daycare_cap is 30 %\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\n  30 is daycare_cap\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\n  daycare_cap is 30 years\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents ≥ 1000\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts\x01 when residents >= 1000\nend');
-- the column counts characters, not bytes
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward "æøå" ?');

-- well-formed texts the evaluator cannot run (22P02)
SELECT housing_areas_private.parse_rules(E'consequences\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nrules x for the lists of 2031 onward\nan area counts when residents >= 1000\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 to 2029\nan area counts when residents >= 1000\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 to 2031\nan area counts when residents >= 1000\nend\nrules y for the lists of 2033 onward\nan area counts when residents >= 1000\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nrules y for the lists of 2031 onward\nan area counts when residents >= 1000\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 to 2031\nan area counts when residents >= 1000\nudsat from the list of 2035 when income < 55\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nparallelsamfund when udsat and nonwestern > 50\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nkombineret_udlejning when outside_labour >= 40\nudsat when kombineret_udlejning\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55\nparallelsamfund when udsat\nudsat when outside_labour > 40\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55\nforebyggelse when income < 65, unless udsat\nforebyggelse when outside_labour > 30\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55\nforebyggelse when income < 65\nparallelsamfund when udsat and forebyggelse\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when at least 1 of (income < 55) and at least 1 of (nonwestern > 50)\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when at least 3 of (income < 55, nonwestern > 50)\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when at least 0 of (income < 55)\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when convicted >= 2.5 x national_convicted\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when convicted >= 10 x national_convicted\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 2 x national_convicted\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when national_convicted > 1\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when nonwestern > 150\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55\nparallelsamfund when udsat on each of the last 5 lists\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nomdannelse when nonwestern > 50\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when income < 55\nomdannelse when udsat on each of the last 5 lists\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nparallelsamfund when income < 55\nomdannelse when parallelsamfund on each of the last 5 lists\nomdannelse when parallelsamfund on each of the last 6 lists\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nparallelsamfund when income < 55\nomdannelse when parallelsamfund on each of the last 0 lists\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when at least 1 of "§ 1"\n  income < 55 "§ 2"\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\nend\nconsequences\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\n  daycare_limit is 30 percent\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\n  daycare_cap is 30 percent\n  daycare_cap is 31 percent\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\n  plan_deadline is 2030 years\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\n  daycare_cap is 130 percent\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nend\nconsequences\n  m2_per_dwelling is 75.5 m2\nend');

-- limits (54000)
SELECT housing_areas_private.parse_rules('rules ' || repeat('x', 40) || ' for the lists of 2030 onward');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1' || repeat('0', 40) || E'\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\nudsat when at least 1 of (' ||
       (SELECT string_agg('income < 55', ', ') FROM generate_series(1, 13)) || E')\nend');
SELECT housing_areas_private.parse_rules(E'rules x for the lists of 2030 onward\nan area counts when residents >= 1000\n' ||
       repeat(E'kombineret_udlejning when income < 55\n', 17) || 'end');
SELECT housing_areas_private.parse_rules((SELECT string_agg(format(E'rules v%s for the lists of %s to %s\nan area counts when residents >= 1000\nend', y, y, y), E'\n')
                                            FROM generate_series(2010, 2018) AS y));
SELECT housing_areas_private.parse_rules(repeat('#', 1048577));

-- docs/rule-language.md quotes the built-in text, and its tables are those
-- of thresholds() (when they are not, the second query prints the new ones)
\set doc `cat docs/rule-language.md`
SELECT position(rules() in :'doc') > 0 AS doc_quotes_the_rules;
CREATE TEMP VIEW threshold_tables AS
SELECT string_agg(t.md, E'\n\n' ORDER BY t.v) AS tables
  FROM (SELECT v, format(E'`%s`, the lists of %s:\n\n| category | criterion | operator | threshold | unit | rule |\n|---|---|---|---|---|---|\n%s',
                         v, (SELECT min(y) || CASE WHEN max(y) = 2100 THEN ' onward' ELSE '–' || max(y) END
                               FROM generate_series(2010, 2100) AS y WHERE rules_for_year(y) = v),
                         string_agg(format('| %s | %s | %s | %s | %s | %s |', r.category, r.criterion, r.operator,
                                           coalesce(r.threshold::text, ''), coalesce(r.unit, ''), r.rule),
                                    E'\n' ORDER BY r.n)) AS md
          FROM unnest(ARRAY['dk2010', 'dk2013', 'dk2018', 'dk2021']) AS v,
               LATERAL thresholds(v) WITH ORDINALITY AS r(category, criterion, operator, threshold, unit, rule, n)
         GROUP BY v) AS t;
SELECT position(E'-->\n' || tables || E'\n<!--' in :'doc') > 0 AS doc_tables_are_current
  FROM threshold_tables;
SELECT tables FROM threshold_tables WHERE position(tables in :'doc') = 0;

-- SQL that applies a consequence reads it like this (the PostGIS layer)
SELECT 100.0 * 4 / 10 > consequence('daycare_cap') AS over_cap,
       2029 < consequence('plan_deadline') AS plan_runs,
       2025 - consequence('language_test_lists')::integer AS first_list,
       floor(7574::float8 / consequence('m2_per_dwelling')::float8) AS dwellings;

-- function properties
SELECT p.oid::regprocedure AS function, provolatile, proisstrict, proparallel
  FROM pg_proc p
 WHERE pronamespace IN ('housing_areas'::regnamespace, 'housing_areas_private'::regnamespace)
   AND proname IN ('rules', 'consequence', 'consequences', 'parse_rules')
 ORDER BY p.oid::regprocedure::text;
