-- history: years_on_list as a window function, omdannelse, the 2018 hard-ghetto list
SET search_path = housing_areas, public;

CREATE TEMP TABLE hist (area text, list_year int, on_list boolean);
INSERT INTO hist VALUES
  -- five in a row, then a break
  ('full', 2014, true), ('full', 2015, true), ('full', 2016, true), ('full', 2017, true),
  ('full', 2018, true), ('full', 2019, false), ('full', 2020, true),
  -- a missing year (2016) breaks the run
  ('gap', 2014, true), ('gap', 2015, true), ('gap', 2017, true), ('gap', 2018, true),
  ('gap', 2019, true), ('gap', 2020, true), ('gap', 2021, true),
  -- an unknown year (2017) leaves the run unknown until it no longer matters
  ('unknown', 2015, true), ('unknown', 2016, true), ('unknown', 2017, NULL),
  ('unknown', 2018, true), ('unknown', 2019, false), ('unknown', 2020, true);

SELECT area, list_year, on_list,
       years_on_list(on_list, list_year) OVER w AS years,
       omdannelse(years_on_list(on_list, list_year) OVER w, list_year) AS omdannelse
  FROM hist
WINDOW w AS (PARTITION BY area ORDER BY list_year)
 ORDER BY area, list_year;

-- as a plain aggregate: the run ending at the last year
SELECT area, years_on_list(on_list, list_year ORDER BY list_year) FROM hist GROUP BY area ORDER BY area;
SELECT years_on_list(on_list, list_year) IS NULL AS empty FROM hist WHERE false;

-- rows out of order, duplicate years and NULL years are errors
SELECT years_on_list(on_list, list_year ORDER BY list_year DESC) FROM hist WHERE area = 'full';
SELECT years_on_list(true, y) FROM (VALUES (2018), (2018)) AS t(y);
SELECT years_on_list(true, NULL::int);

-- omdannelse: 5 lists including this one, only from the 2018 list
SELECT y, n, omdannelse(n, y)
  FROM (VALUES (2017, 5), (2017, 9), (2018, 4), (2018, 5), (2020, 4), (2020, 5), (2024, 6),
               (2017, NULL), (2018, NULL), (NULL, 5)) AS t(y, n);
SELECT omdannelse(-1, 2020);
SELECT omdannelse(5, 2009);

-- Solbakken (Odense) and Nørager/Søstjernevej (Sønderborg): ghettos on every
-- list 2016-2020, hard ghettos on the 2020 list
CREATE TEMP TABLE ghetto_lists (area text, list_year int);
INSERT INTO ghetto_lists
  SELECT a, y FROM unnest(ARRAY['Solbakken', 'Nørager/Søstjernevej']) AS a,
                   generate_series(2016, 2020) AS y;
SELECT area, list_year, years, omdannelse(years, list_year)
  FROM (SELECT area, list_year,
               years_on_list(true, list_year) OVER (PARTITION BY area ORDER BY list_year) AS years
          FROM ghetto_lists) AS s
 WHERE list_year >= 2019 ORDER BY area, list_year;

-- The 2018 hard-ghetto list: the ghettos of 2018 that were also ghettos in
-- 2014, 2015, 2016 and 2017 (earlier lists under dk2013 count). Synthetic
-- areas: each area is a ghetto in the years of its pattern.
CREATE TEMP TABLE g2018 (area int, pattern int[]);
INSERT INTO g2018 VALUES
  (1, '{2014,2015,2016,2017,2018}'),          -- hard ghetto
  (2, '{2013,2014,2015,2016,2017,2018}'),     -- hard ghetto
  (3, '{2015,2016,2017,2018}'),               -- 4 years: not in 2018
  (4, '{2014,2015,2017,2018}'),               -- a year missing
  (5, '{2014,2015,2016,2017}'),               -- not a ghetto in 2018
  (6, '{2010,2011,2012,2013,2014,2015,2016,2017,2018}');
WITH years AS (
  SELECT area, y AS list_year, y = ANY (pattern) AS ghetto
    FROM g2018, generate_series(2010, 2018) AS y
), runs AS (
  SELECT area, list_year, ghetto,
         years_on_list(ghetto, list_year) OVER (PARTITION BY area ORDER BY list_year) AS years
    FROM years
)
SELECT area, years, omdannelse(years, list_year) AS hard_ghetto_2018
  FROM runs WHERE list_year = 2018 ORDER BY area;

-- history from classification: category per year -> run -> omdannelse
CREATE TEMP TABLE area_years (area text, list_year int, ind indicators);
INSERT INTO area_years
  SELECT 'X', y, make_indicators(residents => 2500, nonwestern => 70, outside_labour => 45,
                                 basic_education => 65, income => 50, convicted => 1,
                                 national_convicted => 1)
    FROM generate_series(2014, 2022) AS y;
UPDATE area_years SET ind = make_indicators(residents => 2500, nonwestern => 70, outside_labour => 35,
                                            basic_education => 55, income => 60, convicted => 1,
                                            national_convicted => 1)
 WHERE list_year = 2021;
SELECT list_year, rules_for_year(list_year), category(ind, list_year) AS category,
       years_on_list(category(ind, list_year) = 'parallelsamfund', list_year) OVER w AS years,
       omdannelse(years_on_list(category(ind, list_year) = 'parallelsamfund', list_year) OVER w,
                  list_year) AS omdannelse
  FROM area_years
WINDOW w AS (ORDER BY list_year)
 ORDER BY list_year;
