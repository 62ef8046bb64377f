-- the 40 % rule of development plans (almenboligloven § 168 a)
SET search_path = housing_areas, public;

SELECT f, d, dem, m2,
       family_housing_share(f, d, dem, m2) AS share,
       family_units_over_target(f, d, dem, m2) AS convert,
       dwellings_to_add(f, d, dem, m2) AS add
  FROM (VALUES (100, 200, 0, 0), (40, 100, 0, 0), (41, 100, 0, 0), (39, 100, 0, 0),
               (900, 1000, 200, 7574), (900, 1000, 200, 7575), (1000, 1000, 0, 0),
               (0, 10, 0, 0), (0, 0, 0, 75)) AS t(f, d, dem, m2);

-- the defaults: no demolished units, no commercial floor area
SELECT family_housing_share(820, 1000), family_units_over_target(820, 1000), dwellings_to_add(820, 1000);

-- after converting the proposed number the share is at most 40 %, one fewer is not enough
SELECT f, d, n, 100.0 * (f - n) / d <= 40 AS reaches, 100.0 * (f - n + 1) / d <= 40 AS one_less_reaches
  FROM (VALUES (820, 1000), (333, 500), (7, 10)) AS t(f, d),
       LATERAL family_units_over_target(f, d) AS n;
SELECT f, d, a, 100.0 * f / (d + a) <= 40 AS reaches, 100.0 * f / (d + a - 1) <= 40 AS one_less_reaches
  FROM (VALUES (820, 1000), (333, 500), (7, 10)) AS t(f, d),
       LATERAL dwellings_to_add(f, d) AS a;

-- impossible inputs
SELECT family_housing_share(-1, 100);
SELECT family_housing_share(10, -100);
SELECT family_units_over_target(10, 100, -5);
SELECT dwellings_to_add(110, 100);
SELECT family_housing_share(0, 0);
SELECT family_housing_share(0, 0, 0, 74.9);
SELECT family_housing_share(10, 100, 0, 'NaN');
SELECT family_housing_share(10, 100, 0, -1);
SELECT family_housing_share(10, 100, 0, 'Infinity');
SELECT dwellings_to_add(2147483647, 2147483647);
SELECT family_housing_share(NULL, 100) IS NULL AS strict;
