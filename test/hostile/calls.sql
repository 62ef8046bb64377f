-- Hostile calls of every function of housing_areas and housing_areas_private,
-- generated from the catalog (test/hostile.sh).
--
--   psql -v seed=0.42 -v combos=60 -v copydir=DIR -f test/hostile/calls.sql
--
-- fills hostile.call, one statement per row:
--   direct      every function whose arguments can be written in SQL: all
--               arguments NULL; a valid baseline; the baseline with only its
--               leading arguments (where there are defaults); the baseline
--               with one argument replaced by each hostile value of its type;
--               :combos random combinations of hostile values (setseed(:seed))
--   rows        aggregates over 2 to 5 rows of random hostile values (:combos
--               sets, at least 10), as aggregates and as window functions
--   binary      the binary input functions (receive, whose argument is
--               internal) through COPY ... (FORMAT binary) of hostile payloads:
--               valid send output with words and bytes overwritten, truncated,
--               lengthened, random (one file per payload in copydir)
--   indirect    the aggregates' own support functions taking internal: not
--               callable from SQL, exercised through their aggregate
--   view        every view of the two schemas, read whole
-- reads_tables marks the calls of functions that are not immutable and the
-- views: test/hostile.sh runs them again with hostile rows in the tables
-- (test/hostile/rows.sql).
-- A parameter type without hostile values stops the generator: a new type
-- must get its values here before the test can pass.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS hostile CASCADE;
CREATE SCHEMA hostile;

-- hostile values per type, as SQL expressions (cast to the parameter type
-- by the call); big values are built by the server (repeat()), so a call
-- stays a short statement
CREATE TABLE hostile.value (
	type regtype NOT NULL,
	ord serial,
	expr text NOT NULL
);

INSERT INTO hostile.value (type, expr)
SELECT 'integer', v FROM unnest(ARRAY[
	'NULL', '0', '-1', '1', '2', '3', '4', '5', '12', '30', '999', '1000',
	'2147483647', '-2147483647', '-2147483648',
	'1800', '2009', '2010', '2017', '2018', '2021', '2024', '2025', '2026', '9999', '100000']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'bigint', v FROM unnest(ARRAY[
	'NULL', '0', '-1', '1', '4', '5', '2147483648', '9007199254740993',
	'9223372036854775807', '-9223372036854775808']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'double precision', v FROM unnest(ARRAY[
	'NULL', '0', '''-0''', '-1', '0.5', '1', '30', '50', '100', '100.0001', '1e-300', '5e-324',
	'1e308', '-1e308', '''NaN''', '''Infinity''', '''-Infinity''', '2147483648', '9.2e18']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'boolean', v FROM unnest(ARRAY['NULL', 'true', 'false']) AS v;

-- dates: the ends of the type, infinities, list days and the days around
-- them, leap days
INSERT INTO hostile.value (type, expr)
SELECT 'date', v FROM unnest(ARRAY[
	'NULL', '''infinity''', '''-infinity''', '''4714-11-24 BC''', '''5874897-12-31''',
	'''0001-01-01''', '''1999-12-31''', '''2010-10-01''', '''2025-11-30''', '''2025-12-01''',
	'''2025-12-02''', '''2024-02-29''', '''2026-06-01''', '''2100-01-01''']) AS v;

-- date ranges (plan periods): empty, open, infinite, one day, the ends of
-- the type
INSERT INTO hostile.value (type, expr)
SELECT 'daterange', v FROM unnest(ARRAY[
	'NULL', '''empty''', '''(,)''', '''[2020-01-01,)''', '''(,2020-01-01)''', '''[2025-12-01,2025-12-02)''',
	'''[-infinity,infinity]''', '''[4714-11-24 BC,5874897-12-31]''', '''[2015-01-01,2019-01-01)''']) AS v;

-- arrays of doubles (twin coordinates): empty, short, NULL elements,
-- extremes, two dimensions, a long one, other bounds
INSERT INTO hostile.value (type, expr)
SELECT 'double precision[]', v FROM unnest(ARRAY[
	'NULL', '''{}''', '''{1}''', '''{1,1,1,1,1}''', '''{NULL,NULL,NULL,NULL,NULL}''',
	'''{1e308,-1e308,1e308,-1e308,1e308}''', '''{NaN,Infinity,-Infinity,0,-0}''',
	'''{{1,2},{3,4}}''', 'array_fill(1::float8, ARRAY[100000])', '''[-5:-1]={1,2,3,4,5}''']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'integer[]', v FROM unnest(ARRAY[
	'NULL', '''{}''', '''{1}''', '''{1,2}''', '''{2,1,3}''', '''{NULL}''', '''{1,NULL}''', '''{1,1}''',
	'''{2147483647,-2147483648}''', '''{{1,2},{3,4}}''', '''[-5:-1]={1,2,3,4,5}''',
	'array_fill(7, ARRAY[100000])', 'ARRAY(SELECT generate_series(1, 100000))']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'text', v FROM unnest(ARRAY[
	'NULL', '''''', ''' ''', '''x''', 'repeat(''x'', 1048576)', 'repeat(''æ'', 524288)',
	'''residents=1e308''', '''residents=NaN''', '''residents=-1''', '''residents=1 residents=2''',
	'''income=Infinity''', '''residents=1,,,income=''', '''=''', ''',''',
	'repeat(''residents=1 '', 100000)', '''residents='' || repeat(''9'', 100000)',
	'''dk2010''', '''dk2018''', '''dk2021''', '''dk2099''', '''DK2021''', '''dk''',
	'''udsat''', '''ghetto''', '''parallelsamfund''', '''hard''', '''omdannelse''', '''forebyggelse''',
	'''none''', '''unknown''', '''da''', '''en''', '''school''', '''daycare''', '''jobcenter''',
	'''0751''', '''0101''', '''9999''', '''residents''', '''income''', '''outside_labour_fte''',
	'''income_sum''', 'E''\\''', '''%s%s%s%n''', '''''''; DROP TABLE housing_areas.area; --''',
	'''KOMKODE''', '''KOMNAVN''', '''geometry''', '''type''']) AS v;

-- the same strings as the input functions' cstring
INSERT INTO hostile.value (type, expr)
SELECT 'cstring', expr FROM hostile.value WHERE type = 'text'::regtype ORDER BY ord;

INSERT INTO hostile.value (type, expr)
SELECT 'housing_areas.indicators', v FROM unnest(ARRAY[
	'NULL', '''''', '''residents=0''', '''residents=999''', '''residents=1000''',
	'''residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 basic_education=67.4 income=61.8''',
	'''residents=2147483647 nonwestern=100 outside_labour=100 convicted=100 national_convicted=0.0001 basic_education=100 income=0''',
	'''residents=1000 nonwestern=0 outside_labour=0 convicted=0 national_convicted=0 basic_education=0 income=0''',
	'''residents=1000 convicted=1e300 national_convicted=1e-300''',
	'''residents=1000 income=1e308 outside_labour=1e308''',
	'''national_convicted=1e308''',
	'housing_areas.make_indicators(residents => -1)',
	'housing_areas.make_indicators(income => ''NaN'')',
	'housing_areas.make_indicators(convicted => ''Infinity'', national_convicted => 0)',
	'housing_areas.make_indicators(residents => 2147483647, income => 5e-324)',
	'''residents=10000000 menapt=100''', '''menapt=0.000005''', '''menapt=99.999995''',
	'housing_areas.make_indicators(menapt => ''NaN'')',
	'housing_areas.make_indicators(menapt => 100.000001)',
	'housing_areas.make_indicators(menapt => 5e-324)',
	'''{"residents": 1e1000}''::jsonb::housing_areas.indicators',
	'''residents='' || repeat(''1'', 1048576)']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'housing_areas.tally', v FROM unnest(ARRAY[
	'NULL', '''''', '''residents=1''',
	'''residents=1913 nonwestern=945 persons_18_64=1200 outside_labour_fte=535.25 persons_18plus=1500 convicted_18plus=30 persons_30_59=800 basic_education_30_59=400 taxpayers_15_64=1100 income_sum=330000000''',
	'''residents=9007199254740991 nonwestern=9007199254740991 persons_18_64=9007199254740991 outside_labour_fte=9007199254740991 persons_18plus=9007199254740991 convicted_18plus=9007199254740991 persons_30_59=9007199254740991 basic_education_30_59=9007199254740991 taxpayers_15_64=9007199254740991 income_sum=1e308''',
	'''residents=9007199254740992''', '''residents=-1''', '''income_sum=NaN''',
	'''residents=1 taxpayers_15_64=1 income_sum=1e308''',
	'''residents=10 persons_18_64=10 outside_labour_fte=5e-324''',
	'''residents=1 persons_18plus=1 convicted_18plus=1''',
	'(SELECT housing_areas.tally_agg(a, true, 1, true, true, 1e308, false) FROM generate_series(0, 2) AS a)',
	'''residents=9007199254740991 menapt=9007199254740991''', '''residents=1 menapt=2''',
	'''residents=0 menapt=0''', '''menapt=-1''',
	'(SELECT housing_areas.tally_agg(a, true, 1, true, true, 1, false, a > 0) FROM generate_series(0, 2) AS a)',
	'''residents='' || repeat(''1'', 1048576)']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'jsonb', v FROM unnest(ARRAY[
	'NULL', '''{}''', '''[]''', '''null''', '''0''', '''"x"''', '''true''',
	-- indicators as JSON
	'''{"residents": 1e308}''', '''{"residents": 1e1000}''', '''{"residents": -1e1000}''',
	'''{"residents": 1e-1000}''', '''{"residents": "1913"}''', '''{"residents": null}''',
	'''{"residents": 1.5}''', '''{"income": -1}''', '''{"residents": [1]}''', '''{"bogus": 1}''',
	'''{"residents": 1, "residents": 2}''', '''{"residents": {"residents": 1}}''',
	-- households for allocation_check
	'''{"members": []}''', '''{"members": null}''', '''{"members": {}}''', '''{"members": [null]}''',
	'''{"members": [{"role": "applicant"}]}''', '''{"members": [{"role": "applicant"}, {"role": "applicant"}]}''',
	'''{"members": [{"role": "applicant", "age": -1}]}''', '''{"members": [{"role": "applicant", "age": 1e300}]}''',
	'''{"members": [{"role": "applicant", "birth_date": "infinity"}]}''',
	'''{"members": [{"role": "applicant", "prison_release": "2025-13-45"}]}''',
	'''{"members": [{"role": "applicant", "prison_release": "5874897-12-31"}]}''',
	'''{"members": [{"role": "applicant", "benefits": {"public": -6}}]}''',
	'''{"members": [{"role": "applicant", "benefits": {"public": 1e300}}]}''',
	'''{"members": [{"role": "applicant", "citizenship": ""}]}''', '''{"already_resident": "yes"}''',
	'jsonb_build_object(''members'', (SELECT jsonb_agg(jsonb_build_object(''role'', ''child'', ''age'', 3)) FROM generate_series(1, 10000)))',
	-- GeoJSON documents for dagi_from_geojson
	'''{"type": "FeatureCollection"}''',
	'''{"type": "FeatureCollection", "features": null}''',
	'''{"type": "FeatureCollection", "features": []}''',
	'''{"type": "FeatureCollection", "features": [null]}''',
	'''{"type": "FeatureCollection", "features": [{}]}''',
	'''{"type": "FeatureCollection", "features": {"a": 1}}''',
	-- the known failure of the GIS issue: a Feature whose geometry is null
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": null}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": {"type": "Polygon", "coordinates": [[[10, 56], [10.1, 56], [10.1, 56.1], [10, 56.1], [10, 56]]]}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": {"type": "Polygon", "coordinates": [[[10, 56], [10.1, 56.1], [10.1, 56], [10, 56.1], [10, 56]]]}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": {"type": "Polygon", "coordinates": [[[10, 56], [10.1, 56], [10.1, 56.1]]]}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": {"type": "Polygon", "coordinates": []}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": {"type": "Polygon", "coordinates": [[[1e308, 1e308], [-1e308, 1e308], [0, 0], [1e308, 1e308]]]}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": {"type": "Polygon", "coordinates": [[["a", "b"], [1, 2], [3, 4], ["a", "b"]]]}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": {"type": "Point", "coordinates": [10, 56]}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": {"type": "GeometryCollection", "geometries": []}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": null, "geometry": {"type": "Polygon", "coordinates": [[[10, 56], [10.1, 56], [10.1, 56.1], [10, 56]]]}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": 751, "KOMNAVN": ["Aarhus"]}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[10, 56, 5], [10.1, 56, 5], [10.1, 56.1, 5], [10, 56, 5]]]]}}]}''',
	'''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751"}, "geometry": {"type": "Polygon", "coordinates": [[[10, 56], [10.1, 56], [10.1, 56.1], [10, 56]]], "crs": {"type": "name", "properties": {"name": "EPSG:99999"}}}}]}''',
	'''{"type": "Feature", "properties": {"KOMKODE": "0751"}, "geometry": {"type": "Polygon", "coordinates": [[[10, 56], [10.1, 56], [10.1, 56.1], [10, 56]]]}}''',
	-- deep nesting and a big document
	'(repeat(''['', 5000) || repeat('']'', 5000))::jsonb',
	'jsonb_build_object(''type'', ''FeatureCollection'', ''features'', (SELECT jsonb_agg(jsonb_build_object(''type'', ''Feature'', ''properties'', jsonb_build_object(''KOMKODE'', g::text, ''KOMNAVN'', repeat(''n'', 100)), ''geometry'', jsonb_build_object(''type'', ''Polygon'', ''coordinates'', jsonb_build_array(jsonb_build_array(jsonb_build_array(10, 56), jsonb_build_array(10.1, 56), jsonb_build_array(10.1, 56.1), jsonb_build_array(10, 56)))))) FROM generate_series(1, 3000) AS g))']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'housing_areas.classification', v FROM unnest(ARRAY[
	'NULL',
	'housing_areas.classify(''residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 basic_education=67.4 income=61.8'', 2018)',
	'housing_areas.classify('''', 2021)',
	'ROW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::housing_areas.classification',
	'ROW(-2147483648, ''dk2099'', ''bogus'', true, true, true, true, true, -1, 2147483647, false, NULL, NULL, NULL, NULL, NULL)::housing_areas.classification',
	'ROW(2018, '''', '''', NULL, true, NULL, false, NULL, NULL, NULL, NULL, true, true, true, true, true)::housing_areas.classification']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'housing_areas.category', v FROM unnest(ARRAY[
	'NULL', '''unknown''::housing_areas.category', '''omdannelse''::housing_areas.category',
	'(enum_first(NULL::housing_areas.category))', '(enum_last(NULL::housing_areas.category))']) AS v;

INSERT INTO hostile.value (type, expr)
SELECT 'geometry', v FROM unnest(ARRAY[
	'NULL', '''POINT EMPTY''::geometry', '''MULTIPOLYGON EMPTY''::geometry',
	'''POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))''::geometry',
	'ST_MakeEnvelope(-1e15, -1e15, 1e15, 1e15, 25832)',
	'''POINT(1e308 -1e308)''::geometry']) AS v;

-- a valid value per parameter name (and type); NULL name: any parameter of that type
CREATE TABLE hostile.baseline (
	name text,
	type regtype NOT NULL,
	expr text NOT NULL,
	UNIQUE (name, type)
);
INSERT INTO hostile.baseline (name, type, expr) VALUES
	(NULL, 'integer', '1'), (NULL, 'bigint', '10'), (NULL, 'double precision', '1.5'),
	(NULL, 'boolean', 'true'), (NULL, 'text', '''x'''), (NULL, 'cstring', '''residents=1913'''),
	(NULL, 'housing_areas.indicators',
		'''residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 basic_education=67.4 income=61.8'''),
	(NULL, 'housing_areas.tally',
		'''residents=1913 nonwestern=945 persons_18_64=1200 outside_labour_fte=535.25 persons_18plus=1500 convicted_18plus=30 persons_30_59=800 basic_education_30_59=400 taxpayers_15_64=1100 income_sum=330000000'''),
	(NULL, 'jsonb', '''{"residents": 1913, "income": 61.8}'''),
	(NULL, 'geometry', 'ST_Multi(ST_MakeEnvelope(575000, 6220000, 575400, 6220400, 25832))'),
	(NULL, 'housing_areas.classification',
		'housing_areas.classify(''residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 basic_education=67.4 income=61.8'', 2018)'),
	(NULL, 'housing_areas.category', '''udsat''::housing_areas.category'),
	('list_year', 'integer', '2024'), ('year', 'integer', '2025'), ('school_year', 'integer', '2025'),
	('years', 'integer', '4'), ('residents', 'integer', '1913'), ('age', 'integer', '30'),
	('k', 'integer', '3'), ('z', 'integer', '12'), ('x', 'integer', '2164'), ('y', 'integer', '1272'),
	('family_units', 'integer', '800'), ('dwellings', 'integer', '1000'), ('demolished', 'integer', '0'),
	('n', 'integer', '10'), ('n', 'bigint', '10'),
	('commercial_m2', 'double precision', '0'), ('radius_m', 'double precision', '500'),
	('national_convicted', 'double precision', '0.65'), ('regional_income', 'double precision', '300000'),
	('nonwestern', 'double precision', '49.4'), ('outside_labour', 'double precision', '44.6'),
	('convicted', 'double precision', '1.94'), ('basic_education', 'double precision', '67.4'),
	('income', 'double precision', '61.8'), ('outside_labour_fte', 'double precision', '0.5'),
	('gross_income', 'double precision', '300000'), ('share', 'double precision', '12.5'),
	('population', 'double precision', '100'), ('value', 'double precision', '1'),
	('rules', 'text', '''dk2021'''), ('category', 'text', '''udsat'''), ('lang', 'text', '''en'''),
	('key', 'text', '''residents'''), ('kind', 'text', '''school'''), ('name', 'text', '''radius_m'''),
	('municipality_code', 'text', '''0751'''), ('official_category', 'text', '''udsat'''),
	('code_key', 'text', '''KOMKODE'''), ('name_key', 'text', '''KOMNAVN'''),
	('doc', 'jsonb', '''{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"KOMKODE": "0751", "KOMNAVN": "Aarhus"}, "geometry": {"type": "Polygon", "coordinates": [[[10, 56], [10.1, 56], [10.1, 56.1], [10, 56.1], [10, 56]]]}}]}'''),
	('allow_zero', 'boolean', 'false'), ('student', 'boolean', 'false'), ('on_list', 'boolean', 'true'),
	(NULL, 'integer[]', '''{1,2}'''), ('ids', 'integer[]', '''{3,1,2}'''),
	('coordinates', 'double precision[]', '''{{1,1,1,1,1},{1.1,1,NULL,1,1},{0.5,NULL,1,NULL,1}}'''),
	('exclude_area', 'integer[]', '''{1}'''), ('exclude_twin', 'integer[]', '''{2}'''),
	('min_common', 'integer', '3');

CREATE TABLE hostile.call (
	id serial PRIMARY KEY,
	fn regprocedure,			-- NULL for kind 'view'
	kind text NOT NULL,
	call text,					-- NULL for kind 'indirect'
	reads_tables boolean NOT NULL DEFAULT false	-- called again with hostile rows
);

-- binary payloads for the receive functions: hostile.sh writes each to a
-- file with COPY ... TO (FORMAT binary) and the call reads it back
CREATE TABLE hostile.payload (
	id serial PRIMARY KEY,
	type regtype NOT NULL,
	note text NOT NULL,
	bytes bytea NOT NULL
);
CREATE TABLE hostile.sink_tally (t housing_areas.tally);
CREATE TABLE hostile.sink_indicators (i housing_areas.indicators);

-- a1, ..., an with each argument cast to its parameter type
CREATE FUNCTION hostile.arg_list(args text[], types oid[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(string_agg(
		CASE WHEN a = 'NULL' THEN 'NULL::' || format_type(t, NULL)
			 ELSE '(' || a || ')::' || format_type(t, NULL) END, ', ' ORDER BY o), '')
	  FROM unnest(args, types) WITH ORDINALITY AS u(a, t, o)
$$;

-- one hostile value of each type in types, at random
CREATE FUNCTION hostile.pick(types oid[]) RETURNS text[]
LANGUAGE sql VOLATILE AS $$
	SELECT ARRAY(SELECT (SELECT v.expr FROM hostile.value AS v
						  WHERE v.type = types[g.j] ORDER BY random() LIMIT 1)
				   FROM generate_series(1, cardinality(types)) AS g(j) ORDER BY g.j)
$$;

CREATE FUNCTION hostile.generate(combos int, seed float8) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	f record;
	fn text;
	form text;
	base text[];
	args text[];
	selects text[];
	cols text;
	windows text[];
	i int;
	k int;
	r int;
	v text;
BEGIN
	PERFORM setseed(seed);
	FOR f IN
		SELECT p.oid, p.oid::regprocedure AS sig, n.nspname, p.proname, p.prokind, p.proretset,
			   p.pronargs, p.pronargdefaults, ARRAY(SELECT unnest(p.proargtypes::oid[])) AS types,
			   coalesce((SELECT array_agg(u.name ORDER BY u.o)
						   FROM unnest(p.proargnames,
									   coalesce(p.proargmodes, array_fill('i'::"char", ARRAY[p.pronargs])))
								WITH ORDINALITY AS u(name, mode, o)
						  WHERE u.mode IN ('i', 'b', 'v')), '{}') AS names
		  FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
		 WHERE n.nspname IN ('housing_areas', 'housing_areas_private')
		 ORDER BY n.nspname, p.proname, p.oid::regprocedure::text
	LOOP
		fn := format('%I.%I', f.nspname, f.proname);
		IF 'internal'::regtype = ANY (f.types) THEN
			-- a receive function, or an aggregate's own support function
			INSERT INTO hostile.call (fn, kind)
			VALUES (f.oid, CASE WHEN f.proname LIKE '%\_recv' THEN 'binary' ELSE 'indirect' END);
			CONTINUE;
		END IF;
		IF f.nspname = 'housing_areas_private' AND EXISTS (
				SELECT FROM unnest(f.types) AS t(type)
				 WHERE NOT EXISTS (SELECT FROM hostile.value AS hv WHERE hv.type = t.type)) THEN
			-- a private step of a public function over private types (the
			-- SVG map's frame, areas): reached through its caller
			INSERT INTO hostile.call (fn, kind) VALUES (f.oid, 'indirect');
			CONTINUE;
		END IF;
		FOR i IN 1 .. f.pronargs LOOP
			IF NOT EXISTS (SELECT FROM hostile.value AS hv WHERE hv.type = f.types[i]) THEN
				RAISE EXCEPTION 'no hostile values for type % (parameter % of %)',
					format_type(f.types[i], NULL), i, f.sig;
			END IF;
		END LOOP;
		form := CASE WHEN f.proretset THEN 'SELECT * FROM ' ELSE 'SELECT ' END || fn;
		-- the baseline: by parameter name, else by type
		base := ARRAY(SELECT coalesce(
						  (SELECT b.expr FROM hostile.baseline AS b
							WHERE b.name = f.names[g.j] AND b.type = f.types[g.j]),
						  (SELECT b.expr FROM hostile.baseline AS b
							WHERE b.name IS NULL AND b.type = f.types[g.j]))
						FROM generate_series(1, f.pronargs) AS g(j) ORDER BY g.j);
		INSERT INTO hostile.call (fn, kind, call) VALUES
			(f.oid, 'direct', form || '(' || hostile.arg_list(array_fill('NULL'::text, ARRAY[f.pronargs]), f.types) || ')'),
			(f.oid, 'direct', form || '(' || hostile.arg_list(base, f.types) || ')');
		IF f.pronargdefaults > 0 THEN
			INSERT INTO hostile.call (fn, kind, call)
			VALUES (f.oid, 'direct', form || '(' || hostile.arg_list(base[1:f.pronargs - f.pronargdefaults],
																	 f.types[1:f.pronargs - f.pronargdefaults]) || ')');
		END IF;
		-- one hostile argument at a time
		FOR i IN 1 .. f.pronargs LOOP
			FOR v IN SELECT hv.expr FROM hostile.value AS hv WHERE hv.type = f.types[i] ORDER BY hv.ord LOOP
				args := base;
				args[i] := v;
				INSERT INTO hostile.call (fn, kind, call)
				VALUES (f.oid, 'direct', form || '(' || hostile.arg_list(args, f.types) || ')');
			END LOOP;
		END LOOP;
		-- random combinations
		IF f.pronargs > 1 THEN
			FOR k IN 1 .. combos LOOP
				INSERT INTO hostile.call (fn, kind, call)
				VALUES (f.oid, 'direct', form || '(' || hostile.arg_list(hostile.pick(f.types), f.types) || ')');
			END LOOP;
		END IF;
		-- aggregates over 2 to 5 rows of random hostile values, plain, as a
		-- window function over a moving frame and, when the last argument is
		-- a year, ordered by it
		IF f.prokind = 'a' THEN
			cols := (SELECT string_agg('c' || g.j, ', ' ORDER BY g.j) FROM generate_series(1, f.pronargs) AS g(j));
			windows := ARRAY['', ' OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)'];
			IF f.types[f.pronargs] = 'integer'::regtype THEN
				windows := windows || (' OVER (ORDER BY c' || f.pronargs || ')');
			END IF;
			FOR k IN 1 .. greatest(combos, 10) LOOP
				selects := '{}';
				FOR r IN 1 .. 2 + floor(random() * 4)::int LOOP
					selects := selects || ('SELECT ' || hostile.arg_list(hostile.pick(f.types), f.types));
				END LOOP;
				INSERT INTO hostile.call (fn, kind, call)
				SELECT f.oid, 'rows', format('SELECT %s(%s)%s FROM (%s) AS v(%s)', fn, cols, w,
											 array_to_string(selects, ' UNION ALL '), cols)
				  FROM unnest(windows) AS w;
			END LOOP;
		END IF;
	END LOOP;
	RETURN (SELECT count(*) FROM hostile.call);
END
$$;

-- binary payloads: the send output of a valid value, overwritten word by
-- word and byte by byte, truncated and lengthened, and random bytes
CREATE FUNCTION hostile.payloads(seed float8) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	t record;
	len int;
	i int;
	w text;
	b int;
BEGIN
	PERFORM setseed(seed);
	FOR t IN SELECT * FROM (VALUES
		('housing_areas.tally'::regtype,
		 housing_areas.tally_send('residents=1913 nonwestern=945 persons_18_64=1200 outside_labour_fte=535.25 persons_18plus=1500 convicted_18plus=30 persons_30_59=800 basic_education_30_59=400 taxpayers_15_64=1100 income_sum=330000000')),
		('housing_areas.indicators'::regtype,
		 housing_areas.indicators_send('residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 national_convicted=0.65 basic_education=67.4 income=61.8')),
		-- the layouts that carry menapt: indicators version 2, tally version 3
		('housing_areas.indicators'::regtype,
		 housing_areas.indicators_send('residents=1913 nonwestern=49.4 income=61.8 menapt=40.5')),
		('housing_areas.tally'::regtype,
		 housing_areas.tally_send('residents=1913 nonwestern=945 menapt=400'))
	) AS v(type, valid)
	LOOP
		len := length(t.valid);
		INSERT INTO hostile.payload (type, note, bytes) VALUES (t.type, 'valid', t.valid);
		FOR i IN 0 .. len / 8 - 1 LOOP
			FOREACH w IN ARRAY ARRAY['0000000000000000', 'ffffffffffffffff', '7ff8000000000000',
				'7ff0000000000000', 'fff0000000000000', '8000000000000000', '7fffffffffffffff',
				'001fffffffffffff', '0020000000000000', '0000000000000001'] LOOP
				INSERT INTO hostile.payload (type, note, bytes)
				VALUES (t.type, format('word %s = %s', i, w),
						overlay(t.valid PLACING decode(w, 'hex') FROM 8 * i + 1 FOR 8));
			END LOOP;
		END LOOP;
		FOR i IN 0 .. len - 1 LOOP
			FOREACH b IN ARRAY ARRAY[0, 1, 127, 128, 255] LOOP
				INSERT INTO hostile.payload (type, note, bytes)
				VALUES (t.type, format('byte %s = %s', i, b), set_byte(t.valid, i, b));
			END LOOP;
		END LOOP;
		FOR i IN 0 .. len - 1 LOOP
			INSERT INTO hostile.payload (type, note, bytes)
			VALUES (t.type, format('truncated to %s', i), substr(t.valid, 1, i));
		END LOOP;
		INSERT INTO hostile.payload (type, note, bytes) VALUES
			(t.type, 'one byte more', t.valid || '\x00'::bytea),
			(t.type, 'eight bytes more', t.valid || '\xffffffffffffffff'::bytea),
			(t.type, 'twice', t.valid || t.valid),
			(t.type, '1 MB', t.valid || decode(repeat('ff', 1048576), 'hex'));
		FOR i IN 1 .. 64 LOOP
			INSERT INTO hostile.payload (type, note, bytes)
			VALUES (t.type, format('random %s', i),
					(SELECT string_agg(set_byte('\x00'::bytea, 0, floor(random() * 256)::int), ''::bytea)
					   FROM generate_series(1, len)));
		END LOOP;
	END LOOP;
	RETURN (SELECT count(*) FROM hostile.payload);
END
$$;

SELECT hostile.generate(:combos, :seed) AS calls;
SELECT hostile.payloads(:seed) AS payloads;

-- one binary call per payload, reading the file hostile.sh writes
-- (psql variable copydir: a folder the server can write and read)
SELECT set_config('hostile.copydir', :'copydir', false);
INSERT INTO hostile.call (fn, kind, call)
SELECT c.fn, 'binary',
	   format('COPY hostile.%s FROM %L (FORMAT binary)',
			  CASE p.type WHEN 'housing_areas.tally'::regtype THEN 'sink_tally' ELSE 'sink_indicators' END,
			  current_setting('hostile.copydir') || '/payload_' || p.id || '.bin')
  FROM hostile.payload AS p
  JOIN pg_type AS t ON t.oid = p.type
  JOIN hostile.call AS c ON c.kind = 'binary' AND c.call IS NULL AND c.fn = t.typreceive::regprocedure
 ORDER BY p.id;
DELETE FROM hostile.call WHERE kind = 'binary' AND call IS NULL;

INSERT INTO hostile.call (kind, call)
SELECT 'view', format('SELECT * FROM %I.%I', n.nspname, c.relname)
  FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
 WHERE n.nspname IN ('housing_areas', 'housing_areas_private') AND c.relkind IN ('v', 'm')
 ORDER BY 2;
UPDATE hostile.call AS c SET reads_tables = true
 WHERE c.kind = 'view'
	OR (c.call IS NOT NULL
		AND EXISTS (SELECT FROM pg_proc AS p WHERE p.oid = c.fn AND p.provolatile <> 'i'));
DO $$
DECLARE
	p record;
BEGIN
	FOR p IN SELECT id FROM hostile.payload ORDER BY id LOOP
		EXECUTE format('COPY (SELECT bytes FROM hostile.payload WHERE id = %s) TO %L (FORMAT binary)',
					   p.id, current_setting('hostile.copydir') || '/payload_' || p.id || '.bin');
	END LOOP;
END
$$;
