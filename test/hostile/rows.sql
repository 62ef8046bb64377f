-- Hostile rows in the tables of housing_areas_postgis, for the second pass
-- of test/hostile.sh (the functions and views that read tables are called
-- again with these rows present).  Each row is its own statement: the
-- constraints refuse the invalid area (area geometry must be valid);
-- test/hostile.sh counts the statements that went in.
SET search_path = housing_areas, public;
-- markup, quotes and a long name, for the SVG, GeoJSON and tile writers
INSERT INTO facility_kind VALUES ('hostile_kind', '<b>&"''', repeat('k', 100000), '#000000');
-- municipalities: self-intersecting (invalid), empty, far away
INSERT INTO municipality VALUES ('9990', '<svg onload="x">&amp;"''', '1081',
	ST_Multi(ST_GeomFromText('POLYGON((575000 6220000, 576000 6221000, 576000 6220000, 575000 6221000, 575000 6220000))', 25832)));
INSERT INTO municipality VALUES ('9991', repeat('m', 100000), NULL, ST_GeomFromText('MULTIPOLYGON EMPTY', 25832));
INSERT INTO municipality VALUES ('9992', 'far', '1085',
	ST_Multi(ST_MakeEnvelope(-1e15, -1e15, 1e15, 1e15, 25832)));
-- areas: empty, huge, tiny, on the edge of the id range; markup in names
INSERT INTO area VALUES (19999990, 'empty', '9991', NULL, ST_GeomFromText('MULTIPOLYGON EMPTY', 25832));
INSERT INTO area VALUES (19999991, '<script>alert(1)</script>&"''', '9992', '1085',
	ST_Multi(ST_MakeEnvelope(-1e15, -1e15, 1e15, 1e15, 25832)));
INSERT INTO area VALUES (19999992, repeat('a', 100000), '0751', '1082',
	ST_Multi(ST_MakeEnvelope(575000, 6220000, 575000.000001, 6220000.000001, 25832)));
INSERT INTO area VALUES (20000000, 'last id', '9990', '1081',
	ST_Multi(ST_MakeEnvelope(575000, 6220000, 576000, 6221000, 25832)));
INSERT INTO area VALUES (19999993, 'invalid', '0751', '1082',
	ST_Multi(ST_GeomFromText('POLYGON((575000 6220000, 576000 6221000, 576000 6220000, 575000 6221000, 575000 6220000))', 25832)));
-- their years: unknown indicators, extremes, 40 % rule edge cases
INSERT INTO area_year VALUES (19999990, 2010, 'residents=0', 'omdannelse', 0, 0, 0, 0);
INSERT INTO area_year VALUES (19999990, 2024, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO area_year VALUES (19999990, 2025,
	'residents=10000000 nonwestern=100 outside_labour=100 convicted=100 national_convicted=0.0001 basic_education=100 income=0',
	'parallelsamfund', 2147483647, 2147483647, 2147483647, 1e9);
INSERT INTO area_year VALUES (19999991, 2018, 'residents=1000 nonwestern=0 outside_labour=0 convicted=0 national_convicted=0.0001 basic_education=0 income=0',
	'none', 0, 0, 0, 0);
INSERT INTO area_year
SELECT 19999991, y, 'residents=1913 nonwestern=80 outside_labour=44.6 convicted=1.94 national_convicted=0.5 basic_education=67.4 income=40',
	   NULL, 2147483647, 2147483647, NULL, NULL
  FROM generate_series(2019, 2025) AS y;
INSERT INTO area_year VALUES (19999992, 2025, 'residents=999', NULL, 1, 1, 0, 0);
-- populations for disclosure control at the edges of a tally, a small cell
INSERT INTO area_year (area_id, list_year, ind, persons) VALUES (20000000, 2024,
	'residents=5 nonwestern=16.7 outside_labour=100 convicted=1e-300 basic_education=0 income=1e-300',
	'persons_18_64=9007199254740991 persons_18plus=1 persons_30_59=0 taxpayers_15_64=9007199254740991');
INSERT INTO area_year VALUES (20000000, 2025, 'residents=10000000 income=1e-300 convicted=1e-300 national_convicted=1e-300', NULL, NULL, NULL, NULL, NULL);
INSERT INTO area_year VALUES (20000000, 2100, 'residents=5000 outside_labour=99 basic_education=99', NULL, NULL, NULL, NULL, NULL);
-- facilities: empty, far, in an empty area, with markup
INSERT INTO facility VALUES (9223372036854775807, 'daycare', '<b>&"''', '0751', ST_GeomFromText('POINT EMPTY', 25832));
INSERT INTO facility VALUES (-9223372036854775808, 'school', repeat('s', 100000), '9992', ST_SetSRID(ST_MakePoint(1e15, -1e15), 25832));
INSERT INTO facility VALUES (-1, 'hostile_kind', 'kind of my own', '9990', ST_SetSRID(ST_MakePoint(575500, 6220500), 25832));
INSERT INTO facility VALUES (-2, 'jobcenter', 'NaN', NULL, ST_SetSRID(ST_MakePoint('NaN', 'NaN'), 25832));
-- enrolments: homes nowhere, far away, in the hostile areas, years at the edges
INSERT INTO enrolment SELECT 9223372036854775807, y, ST_GeomFromText('POINT EMPTY', 25832) FROM generate_series(2024, 2025) AS y;
INSERT INTO enrolment SELECT -9223372036854775808, y, ST_SetSRID(ST_MakePoint(0, 0), 25832) FROM generate_series(2000, 2100, 25) AS y;
INSERT INTO enrolment SELECT -1, 2025, ST_SetSRID(ST_MakePoint(575500, 6220500), 25832) FROM generate_series(1, 40);
INSERT INTO enrolment SELECT -2, 2025, ST_SetSRID(ST_MakePoint('Infinity', '-Infinity'), 25832);
