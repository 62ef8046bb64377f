-- housing_areas 0.1.0 as released: frozen, never edit (later changes go to src/updates)
\echo Use "CREATE EXTENSION housing_areas CASCADE" to load this file. \quit
-- indicators: the criteria values of one housing area for one list year.

CREATE TYPE indicators;

CREATE FUNCTION indicators_in(cstring) RETURNS indicators
	AS 'MODULE_PATHNAME', 'indicators_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicators_out(indicators) RETURNS cstring
	AS 'MODULE_PATHNAME', 'indicators_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicators_recv(internal) RETURNS indicators
	AS 'MODULE_PATHNAME', 'indicators_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION indicators_send(indicators) RETURNS bytea
	AS 'MODULE_PATHNAME', 'indicators_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE indicators (
	INTERNALLENGTH = 56,
	INPUT = indicators_in,
	OUTPUT = indicators_out,
	RECEIVE = indicators_recv,
	SEND = indicators_send,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE indicators IS
'Criteria values of one housing area for one list year (residents, nonwestern, outside_labour, convicted, national_convicted, basic_education, income); absent keys are unknown';
COMMENT ON FUNCTION indicators_in(cstring) IS 'text input of indicators: key=value pairs in any order';
COMMENT ON FUNCTION indicators_out(indicators) IS 'text output of indicators: known keys in canonical order';
COMMENT ON FUNCTION indicators_recv(internal) IS 'binary input of indicators, validated like text input';
COMMENT ON FUNCTION indicators_send(indicators) IS 'binary output of indicators';

CREATE FUNCTION make_indicators(
	residents integer DEFAULT NULL,
	nonwestern double precision DEFAULT NULL,
	outside_labour double precision DEFAULT NULL,
	convicted double precision DEFAULT NULL,
	national_convicted double precision DEFAULT NULL,
	basic_education double precision DEFAULT NULL,
	income double precision DEFAULT NULL)
	RETURNS indicators
	AS 'MODULE_PATHNAME', 'make_indicators'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION make_indicators(integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
'builds an indicators record from named arguments; NULL or omitted means unknown, at least one must be known';

CREATE FUNCTION indicator(ind indicators, key text) RETURNS double precision
	AS 'MODULE_PATHNAME', 'indicator_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION indicator(indicators, text) IS
'one value of an indicators record by key, NULL when unknown';

CREATE FUNCTION indicators_to_jsonb(indicators) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'indicators_to_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION indicators_to_jsonb(indicators) IS
'indicators as a jsonb object of its known keys';
CREATE FUNCTION jsonb_to_indicators(jsonb) RETURNS indicators
	AS 'MODULE_PATHNAME', 'jsonb_to_indicators'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION jsonb_to_indicators(jsonb) IS
'indicators from a jsonb object of numbers (null = unknown), validated like text input';

CREATE CAST (indicators AS jsonb) WITH FUNCTION indicators_to_jsonb(indicators);
CREATE CAST (jsonb AS indicators) WITH FUNCTION jsonb_to_indicators(jsonb);
COMMENT ON CAST (indicators AS jsonb) IS 'an object of the known keys';
COMMENT ON CAST (jsonb AS indicators) IS 'from an object of numbers; null values are unknown';

CREATE FUNCTION indicators_eq(indicators, indicators) RETURNS boolean
	AS 'MODULE_PATHNAME', 'indicators_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION indicators_ne(indicators, indicators) RETURNS boolean
	AS 'MODULE_PATHNAME', 'indicators_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION indicators_hash(indicators) RETURNS integer
	AS 'MODULE_PATHNAME', 'indicators_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION indicators_eq(indicators, indicators) IS 'implementation of = for indicators';
COMMENT ON FUNCTION indicators_ne(indicators, indicators) IS 'implementation of <> for indicators';
COMMENT ON FUNCTION indicators_hash(indicators) IS 'hash support for indicators';

CREATE OPERATOR = (
	LEFTARG = indicators, RIGHTARG = indicators,
	PROCEDURE = indicators_eq,
	COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES
);
CREATE OPERATOR <> (
	LEFTARG = indicators, RIGHTARG = indicators,
	PROCEDURE = indicators_ne,
	COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR = (indicators, indicators) IS 'equal: the same known keys with the same values';
COMMENT ON OPERATOR <> (indicators, indicators) IS 'not equal';

CREATE OPERATOR CLASS indicators_hash_ops
	DEFAULT FOR TYPE indicators USING hash AS
	OPERATOR 1 = ,
	FUNCTION 1 indicators_hash(indicators);
COMMENT ON OPERATOR CLASS indicators_hash_ops USING hash IS
'hashing of indicators, for DISTINCT, GROUP BY and hash joins';
COMMENT ON OPERATOR FAMILY indicators_hash_ops USING hash IS
'hash operator family of indicators';
-- tally: additive counts of one housing area for one data year.

CREATE TYPE tally;

CREATE FUNCTION tally_in(cstring) RETURNS tally
	AS 'MODULE_PATHNAME', 'tally_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION tally_out(tally) RETURNS cstring
	AS 'MODULE_PATHNAME', 'tally_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION tally_recv(internal) RETURNS tally
	AS 'MODULE_PATHNAME', 'tally_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION tally_send(tally) RETURNS bytea
	AS 'MODULE_PATHNAME', 'tally_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE tally (
	INTERNALLENGTH = 88,
	INPUT = tally_in,
	OUTPUT = tally_out,
	RECEIVE = tally_recv,
	SEND = tally_send,
	ALIGNMENT = double,
	STORAGE = plain
);

COMMENT ON TYPE tally IS
'Additive counts of one housing area for one data year (residents, nonwestern, persons_18_64, outside_labour_fte, persons_18plus, convicted_18plus, persons_30_59, basic_education_30_59, taxpayers_15_64, income_sum); absent keys count 0';
COMMENT ON FUNCTION tally_in(cstring) IS 'text input of tally: key=value pairs in any order, absent keys count 0';
COMMENT ON FUNCTION tally_out(tally) IS 'text output of tally: all keys in canonical order';
COMMENT ON FUNCTION tally_recv(internal) IS 'binary input of tally, validated like text input';
COMMENT ON FUNCTION tally_send(tally) IS 'binary output of tally';

-- sums

CREATE FUNCTION tally_add(tally, tally) RETURNS tally
	AS 'MODULE_PATHNAME', 'tally_add'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tally_add(tally, tally) IS
'implementation of + for tally: adds every count and sum; also the transition and combine function of sum(tally) and the combine function of tally_agg';

CREATE OPERATOR + (
	LEFTARG = tally, RIGHTARG = tally,
	PROCEDURE = tally_add,
	COMMUTATOR = +
);
COMMENT ON OPERATOR + (tally, tally) IS 'sum of two tallies: every count and sum added';

CREATE AGGREGATE sum(tally) (
	SFUNC = tally_add,
	STYPE = tally,
	COMBINEFUNC = tally_add,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sum(tally) IS
'sum of tallies, e.g. of the departments of an area; NULL inputs are skipped, NULL when there are none';

-- tallies of person rows

CREATE FUNCTION tally_agg_step(state tally, age integer, nonwestern boolean,
	outside_labour_fte double precision, convicted boolean,
	basic_education boolean, gross_income double precision, student boolean)
	RETURNS tally
	AS 'MODULE_PATHNAME', 'tally_agg_step'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION tally_agg_step(tally, integer, boolean, double precision, boolean, boolean, double precision, boolean) IS
'transition function of tally_agg: adds one person to the state (NULL state: an empty tally)';

CREATE AGGREGATE tally_agg(age integer, nonwestern boolean,
	outside_labour_fte double precision, convicted boolean,
	basic_education boolean, gross_income double precision, student boolean) (
	SFUNC = tally_agg_step,
	STYPE = tally,
	COMBINEFUNC = tally_add,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE tally_agg(integer, boolean, double precision, boolean, boolean, double precision, boolean) IS
'tally of person rows, one row per resident. Age bands: 18-64 labour market, 18+ convictions, 30-59 education, 15-64 income (students excluded). NULL age: resident in no age band; NULL nonwestern: not non-Western; NULL outside_labour_fte: 0; NULL convicted: not convicted; NULL basic_education: basic (rules); NULL gross_income: no taxpayer record; NULL student: not a student. NULL when there are no rows';

-- shares and criteria values

CREATE FUNCTION convicted_share(t tally) RETURNS double precision
	AS 'MODULE_PATHNAME', 'tally_convicted_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION convicted_share(tally) IS
'percent of residents aged 18+ convicted (100 * convicted_18plus / persons_18plus); NULL when persons_18plus is 0';

CREATE FUNCTION income_mean(t tally) RETURNS double precision
	AS 'MODULE_PATHNAME', 'tally_income_mean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION income_mean(tally) IS
'mean gross income of taxpayers aged 15-64, students excluded (income_sum / taxpayers_15_64); NULL when there are none';

CREATE FUNCTION to_indicators(cur tally, prev tally DEFAULT NULL,
	national_convicted double precision DEFAULT NULL,
	regional_income double precision DEFAULT NULL)
	RETURNS indicators
	AS 'MODULE_PATHNAME', 'tally_to_indicators'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION to_indicators(tally, tally, double precision, double precision) IS
'criteria values from the tallies of the latest data year (cur) and the year before (prev): residents, nonwestern, basic_education and income (% of regional_income) from cur; outside_labour and convicted as the mean of the two yearly shares; a value is unknown when an argument it needs is NULL or its population is 0';

CREATE FUNCTION tally_value(t tally, key text) RETURNS double precision
	AS 'MODULE_PATHNAME', 'tally_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tally_value(tally, text) IS
'one count or sum of a tally by key';

-- equality and hashing

CREATE FUNCTION tally_eq(tally, tally) RETURNS boolean
	AS 'MODULE_PATHNAME', 'tally_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION tally_ne(tally, tally) RETURNS boolean
	AS 'MODULE_PATHNAME', 'tally_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION tally_hash(tally) RETURNS integer
	AS 'MODULE_PATHNAME', 'tally_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tally_eq(tally, tally) IS 'implementation of = for tally';
COMMENT ON FUNCTION tally_ne(tally, tally) IS 'implementation of <> for tally';
COMMENT ON FUNCTION tally_hash(tally) IS 'hash support for tally';

CREATE OPERATOR = (
	LEFTARG = tally, RIGHTARG = tally,
	PROCEDURE = tally_eq,
	COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel,
	HASHES
);
CREATE OPERATOR <> (
	LEFTARG = tally, RIGHTARG = tally,
	PROCEDURE = tally_ne,
	COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR = (tally, tally) IS 'equal: the same counts and sums';
COMMENT ON OPERATOR <> (tally, tally) IS 'not equal';

CREATE OPERATOR CLASS tally_hash_ops
	DEFAULT FOR TYPE tally USING hash AS
	OPERATOR 1 = ,
	FUNCTION 1 tally_hash(tally);
COMMENT ON OPERATOR CLASS tally_hash_ops USING hash IS
'hashing of tally, for DISTINCT, GROUP BY and hash joins';
COMMENT ON OPERATOR FAMILY tally_hash_ops USING hash IS
'hashing of tally';
-- classification: the list rules of every year, history and consequences.

CREATE TYPE classification AS (
	list_year integer,
	rules text,
	category text,
	udsat boolean,
	parallelsamfund boolean,
	forebyggelse boolean,
	forebyggelse_raw boolean,
	kombineret_udlejning boolean,
	criteria_met integer,
	criteria_unknown integer,
	size_ok boolean,
	labour boolean,
	convictions boolean,
	education boolean,
	income boolean,
	nonwestern boolean
);
COMMENT ON TYPE classification IS
'result of classify(): the category of one area for one list year, each list flag and each criterion; NULL means undetermined (missing values) or, for a criterion, not tested by that rule version';

CREATE FUNCTION rules_for_year(list_year integer) RETURNS text
	AS 'MODULE_PATHNAME', 'ha_rules_for_year_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rules_for_year(integer) IS
'the rule version the law applied to the list of a year: dk2010 (2010-2012), dk2013 (2013-2017), dk2018 (2018-2020), dk2021 (2021-)';

CREATE FUNCTION classify(ind indicators, list_year integer) RETURNS classification
	AS 'MODULE_PATHNAME', 'ha_classify_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION classify(indicators, integer) IS
'classifies one area for one list year by the rules in force that year';

CREATE FUNCTION classify(ind indicators, list_year integer, rules text) RETURNS classification
	AS 'MODULE_PATHNAME', 'ha_classify_rules_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION classify(indicators, integer, text) IS
'classifies one area for one list year by a chosen rule version (dk2010, dk2013, dk2018, dk2021), for what-if comparisons';

CREATE FUNCTION category(ind indicators, list_year integer) RETURNS text
	AS 'MODULE_PATHNAME', 'ha_category_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION category(indicators, integer) IS
'the category of classify() alone (parallelsamfund, udsat, forebyggelse, none or unknown): the fast path for large scans';

CREATE FUNCTION thresholds(rules text,
	OUT category text, OUT criterion text, OUT operator text,
	OUT threshold double precision, OUT unit text, OUT rule text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_thresholds_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION thresholds(text) IS
'the rule table of a version: every test of every category with its operator and threshold';

CREATE FUNCTION margins(ind indicators, list_year integer,
	OUT category text, OUT criterion text, OUT value double precision,
	OUT operator text, OUT threshold double precision, OUT met boolean,
	OUT distance double precision, OUT unit text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_margins_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;
COMMENT ON FUNCTION margins(indicators, integer) IS
'for every threshold of the year''s rules: the value, whether it is met, and the signed distance past the threshold (positive: on the listing side)';

CREATE FUNCTION margins(ind indicators, list_year integer, rules text,
	OUT category text, OUT criterion text, OUT value double precision,
	OUT operator text, OUT threshold double precision, OUT met boolean,
	OUT distance double precision, OUT unit text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_margins_rules_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;
COMMENT ON FUNCTION margins(indicators, integer, text) IS
'margins() under a chosen rule version';

CREATE FUNCTION category_label(category text, list_year integer, lang text DEFAULT 'da')
	RETURNS text
	AS 'MODULE_PATHNAME', 'ha_category_label_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION category_label(text, integer, text) IS
'the legal name of a category in a list year (ghettoområde before 2021 ...), in Danish (da) or English (en); NULL when the category did not exist that year';

CREATE FUNCTION years_on_list_step(internal, boolean, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'ha_years_on_list_step'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION years_on_list_step(internal, boolean, integer) IS
'transition function of years_on_list';
CREATE FUNCTION years_on_list_final(internal) RETURNS integer
	AS 'MODULE_PATHNAME', 'ha_years_on_list_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION years_on_list_final(internal) IS
'final function of years_on_list';

CREATE AGGREGATE years_on_list(on_list boolean, list_year integer) (
	SFUNC = years_on_list_step,
	STYPE = internal,
	FINALFUNC = years_on_list_final,
	FINALFUNC_MODIFY = READ_ONLY,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE years_on_list(boolean, integer) IS
'consecutive list years ending at the last row, rows in list_year order (use as a window function OVER (PARTITION BY area ORDER BY list_year)); a missing year or false breaks the run; NULL when an unknown year decides it';

CREATE FUNCTION omdannelse(years integer, list_year integer) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ha_omdannelse_sql'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION omdannelse(integer, integer) IS
'true when an area has been a parallelsamfund (ghetto) on each of the last 5 lists including this one, from the 2018 list on';

CREATE FUNCTION family_housing_share(family_units integer, dwellings integer,
	demolished integer DEFAULT 0, commercial_m2 double precision DEFAULT 0)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'ha_family_housing_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION family_housing_share(integer, integer, integer, double precision) IS
'almene familieboliger as % of all dwellings + demolished units + floor(commercial m2 / 75) (almenboligloven § 168 a)';

CREATE FUNCTION family_units_over_target(family_units integer, dwellings integer,
	demolished integer DEFAULT 0, commercial_m2 double precision DEFAULT 0)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'ha_family_units_over_target'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION family_units_over_target(integer, integer, integer, double precision) IS
'family units to convert, sell or demolish to reach the 40 % target: ceil(F - 0.4 T), at least 0';

CREATE FUNCTION dwellings_to_add(family_units integer, dwellings integer,
	demolished integer DEFAULT 0, commercial_m2 double precision DEFAULT 0)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'ha_dwellings_to_add'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dwellings_to_add(integer, integer, integer, double precision) IS
'other dwellings to add instead to reach the 40 % target: ceil(F / 0.4 - T), at least 0';
-- spatial: areas, facilities, enrolments; the list status of each area and
-- year; the spatial questions the lists raise; GeoJSON, vector tiles, SVG.
--
-- Everything here is SQL over PostGIS operators so GiST indexes apply. SQL
-- functions use SQL-standard bodies (BEGIN ATOMIC): they are parsed when the
-- extension is created, so PostGIS in another schema and a restricted
-- search_path at call time cannot break them, and they are still inlined
-- into the calling query. PL/pgSQL helpers qualify every name.

-- ---- tables ----

CREATE TABLE facility_kind (
	kind text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z_]*$'),
	label_da text NOT NULL,
	label_en text NOT NULL,
	colour text NOT NULL DEFAULT '#444444' CHECK (colour ~ '^#[0-9a-fA-F]{6}$')
);
COMMENT ON TABLE facility_kind IS
'kinds of facilities (school, daycare, jobcenter, library, health); add rows for your own kinds';
INSERT INTO facility_kind VALUES
	('school', 'skole', 'school', '#1f5fbf'),
	('daycare', 'dagtilbud', 'daycare', '#d9480f'),
	('jobcenter', 'jobcenter', 'job centre', '#5f3dc4'),
	('library', 'bibliotek', 'library', '#2b8a3e'),
	('health', 'sundhedshus', 'health centre', '#c2255c');

CREATE TABLE area (
	area_id integer PRIMARY KEY CHECK (area_id BETWEEN 1 AND 20000000),
	name text NOT NULL,
	municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$'),
	region_code text CHECK (region_code ~ '^108[1-5]$'),
	geom geometry(MultiPolygon, 25832) NOT NULL CONSTRAINT area_geom_valid CHECK (ST_IsValid(geom))
);
CREATE INDEX area_geom_idx ON area USING gist (geom);
COMMENT ON TABLE area IS
'public housing areas (almenboligloven § 61 a stk. 3) as MultiPolygons in ETRS89 / UTM 32N (EPSG:25832)';

CREATE TABLE area_year (
	area_id integer NOT NULL REFERENCES area ON DELETE CASCADE,
	list_year integer NOT NULL CHECK (list_year >= 2010),
	ind indicators,
	official_category text CHECK (official_category IN
		('omdannelse', 'parallelsamfund', 'udsat', 'forebyggelse', 'none')),
	family_units integer CHECK (family_units >= 0),
	dwellings integer CHECK (dwellings >= 0),
	demolished integer CHECK (demolished >= 0),
	commercial_m2 double precision CHECK (commercial_m2 >= 0 AND commercial_m2 <= 1e9),
	PRIMARY KEY (area_id, list_year),
	CONSTRAINT family_units_within_dwellings CHECK (family_units <= dwellings)
);
COMMENT ON TABLE area_year IS
'one row per area and list year: the indicators, the published category where known (history prefers it), and the dwelling counts of the 40 % rule';

CREATE TABLE facility (
	facility_id bigint PRIMARY KEY,
	kind text NOT NULL REFERENCES facility_kind ON UPDATE CASCADE,
	name text NOT NULL,
	municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$'),
	geom geometry(Point, 25832) NOT NULL
);
CREATE INDEX facility_geom_idx ON facility USING gist (geom);
CREATE INDEX facility_kind_idx ON facility (kind);
COMMENT ON TABLE facility IS
'schools, daycares, job centres, libraries, health centres as points in EPSG:25832';

CREATE TABLE enrolment (
	facility_id bigint NOT NULL REFERENCES facility ON DELETE CASCADE,
	year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	home geometry(Point, 25832) NOT NULL
);
CREATE INDEX enrolment_home_idx ON enrolment USING gist (home);
CREATE INDEX enrolment_facility_year_idx ON enrolment (facility_id, year);
COMMENT ON TABLE enrolment IS
'one row per child admitted to a daycare in a calendar year, or per pupil of a school in the school year starting in that year: the home address point, no identities (person-level data: grant with care)';

CREATE TABLE municipality (
	municipality_code text PRIMARY KEY CHECK (municipality_code ~ '^[0-9]{4}$'),
	name text NOT NULL,
	region_code text CHECK (region_code ~ '^108[1-5]$'),
	geom geometry(MultiPolygon, 25832) NOT NULL
);
CREATE INDEX municipality_geom_idx ON municipality USING gist (geom);
COMMENT ON TABLE municipality IS
'municipality boundaries (optional; fill from DAGI with dagi_from_geojson), drawn by map_svg';

-- user rows survive pg_dump; the five standard kinds are part of the extension
SELECT pg_catalog.pg_extension_config_dump('area', '');
SELECT pg_catalog.pg_extension_config_dump('area_year', '');
SELECT pg_catalog.pg_extension_config_dump('facility', '');
SELECT pg_catalog.pg_extension_config_dump('enrolment', '');
SELECT pg_catalog.pg_extension_config_dump('municipality', '');
SELECT pg_catalog.pg_extension_config_dump('facility_kind',
	'WHERE kind NOT IN (''school'', ''daycare'', ''jobcenter'', ''library'', ''health'')');

-- ---- loading boundaries ----

CREATE FUNCTION dagi_from_geojson(doc jsonb, code_key text, name_key text)
	RETURNS TABLE (code text, name text, geom geometry(MultiPolygon, 25832))
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT f.value -> 'properties' ->> code_key,
		   min(f.value -> 'properties' ->> name_key),
		   ST_Multi(ST_Union(ST_Transform(ST_Force2D(ST_SetSRID(
			   ST_GeomFromGeoJSON(f.value -> 'geometry'), 4326)), 25832)))::geometry(MultiPolygon, 25832)
	  FROM jsonb_array_elements(doc -> 'features') AS f
	 GROUP BY 1
	 ORDER BY 1;
END;
COMMENT ON FUNCTION dagi_from_geojson(jsonb, text, text) IS
'one MultiPolygon in EPSG:25832 per code from a DAGI GeoJSON FeatureCollection (Polygon pieces, 3D with dummy Z, CRS84), e.g. dagi_from_geojson(doc, ''KOMKODE'', ''KOMNAVN'')';

-- ---- list status per area and year ----

CREATE FUNCTION on_udsat_list(c classification, official_category text) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- omdannelse areas are parallelsamfund areas, which are udsat areas, so
	-- the answer needs no history; NULL when missing values decide it
	RETURN CASE WHEN official_category IN ('udsat', 'parallelsamfund', 'omdannelse') THEN true
				WHEN official_category IS NOT NULL THEN false
				ELSE (c).udsat OR (c).parallelsamfund END;
COMMENT ON FUNCTION on_udsat_list(classification, text) IS
'on the udsat list (udsat, parallelsamfund or omdannelse) that year: the published category where given, else the classification; NULL when undetermined';

CREATE FUNCTION on_a_list(c classification, official_category text) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- forebyggelse is the raw § 61 b test minus udsat areas, so "udsat or
	-- forebyggelse" is "udsat or the raw test"
	RETURN CASE WHEN official_category IS NOT NULL THEN official_category <> 'none'
				ELSE (c).udsat OR (c).parallelsamfund OR (c).forebyggelse_raw END;
COMMENT ON FUNCTION on_a_list(classification, text) IS
'on any list (omdannelse, parallelsamfund, udsat or forebyggelse) that year: the published category where given, else the classification; NULL when undetermined';

CREATE VIEW area_status AS
WITH classified AS (
	SELECT ay.area_id, ay.list_year, ay.ind, ay.official_category,
		   ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2,
		   classify(ay.ind, ay.list_year) AS c
	  FROM area_year AS ay
), effective AS (
	SELECT cl.*,
		   COALESCE(cl.official_category, (cl.c).category, 'unknown') AS effective_category
	  FROM classified AS cl
), runs AS (
	SELECT e.*,
		   years_on_list(CASE WHEN e.effective_category IN ('parallelsamfund', 'omdannelse') THEN true
							  WHEN e.effective_category = 'unknown' THEN NULL
							  ELSE false END,
						 e.list_year)
			   OVER (PARTITION BY e.area_id ORDER BY e.list_year) AS years_on_list
	  FROM effective AS e
), categorised AS (
	SELECT r.*,
		   CASE WHEN r.effective_category = 'parallelsamfund'
					 AND omdannelse(r.years_on_list, r.list_year) THEN 'omdannelse'
				ELSE r.effective_category END AS category
	  FROM runs AS r
)
SELECT s.area_id, s.list_year, a.name, a.municipality_code, a.region_code,
	   s.category,
	   (s.c).category AS computed_category,
	   s.official_category,
	   (s.c).rules AS rules,
	   -- also true when the label is unknown between udsat and parallelsamfund
	   on_udsat_list(s.c, s.official_category) AS on_udsat_list,
	   (s.c).labour AS labour, (s.c).convictions AS convictions,
	   (s.c).education AS education, (s.c).income AS income,
	   (s.c).nonwestern AS nonwestern,
	   (s.c).criteria_met AS criteria_met, (s.c).criteria_unknown AS criteria_unknown,
	   s.years_on_list,
	   bool_or(s.category = 'omdannelse')
		   OVER (PARTITION BY s.area_id ORDER BY s.list_year) AND s.list_year < 2030
		   AS development_plan,
	   (s.c).kombineret_udlejning AS kombineret_udlejning,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / 75) > 0
			THEN family_housing_share(s.family_units, s.dwellings,
									  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_housing_share,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / 75) > 0
			THEN family_units_over_target(s.family_units, s.dwellings,
										  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_units_over_target,
	   s.ind
  FROM categorised AS s
  JOIN area AS a USING (area_id);
COMMENT ON VIEW area_status IS
'one row per area and list year: the category including omdannelse (history from official_category where given, else computed), each criterion, the run of parallelsamfund lists, the development plan (an omdannelse area stays under its plan until 2030) and kombineret udlejning';

-- ---- argument checks shared by the spatial functions ----

CREATE FUNCTION check_facility_kind(kind text) RETURNS boolean
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM housing_areas.facility_kind AS k WHERE k.kind = check_facility_kind.kind) THEN
		RAISE EXCEPTION 'unknown facility kind "%"', kind
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Known kinds are listed in housing_areas.facility_kind: '
						 || (SELECT pg_catalog.string_agg(k.kind, ', ' ORDER BY k.kind)
							   FROM housing_areas.facility_kind AS k) || '.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION check_facility_kind(text) IS
'true for a kind listed in facility_kind, an error naming the known kinds otherwise';

CREATE FUNCTION check_positive(name text, value double precision, allow_zero boolean)
	RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
	IF value IS NULL OR value = 'NaN'::float8 OR value = 'Infinity'::float8
	   OR value < 0 OR (value = 0 AND NOT allow_zero) THEN
		RAISE EXCEPTION 'invalid value "%" for argument "%"', value, name
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = CASE WHEN allow_zero THEN 'The value must be a finite number of 0 or more.'
								ELSE 'The value must be at least 1.' END;
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION check_positive(text, double precision, boolean) IS
'true for a finite non-negative (or, without allow_zero, positive) argument, an error naming it otherwise';

-- ---- spatial questions ----

CREATE FUNCTION daycare_cap(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer,
				   from_udsat integer, share_pct double precision, over_cap boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- areas on the udsat list of 1 December the year before; then, through
	-- the GiST index on enrolment.home, the admissions whose home lies in one
	-- of them (by row id, so a home on a shared boundary counts once)
	WITH listed AS MATERIALIZED (
		SELECT a.geom
		  FROM area AS a
		  JOIN area_year AS ay ON ay.area_id = a.area_id
		 WHERE ay.list_year = daycare_cap.year - 1
		   AND on_udsat_list(classify(ay.ind, ay.list_year), ay.official_category)
	), in_udsat AS MATERIALIZED (
		SELECT DISTINCT e.ctid AS row_id
		  FROM listed AS l
		  JOIN enrolment AS e ON ST_Intersects(l.geom, e.home)
		 WHERE e.year = daycare_cap.year
	)
	SELECT c.facility_id, c.name, c.admitted, c.from_udsat,
		   100.0 * c.from_udsat / c.admitted,
		   100.0 * c.from_udsat / c.admitted > 30
	  FROM (SELECT f.facility_id, f.name, count(*)::integer AS admitted,
				   (count(*) FILTER (WHERE e.ctid IN (SELECT u.row_id FROM in_udsat AS u)))::integer
					   AS from_udsat
			  FROM enrolment AS e
			  JOIN facility AS f ON f.facility_id = e.facility_id
			 WHERE e.year = daycare_cap.year AND f.kind = 'daycare'
			 GROUP BY f.facility_id, f.name) AS c
	 ORDER BY c.facility_id;
END;
COMMENT ON FUNCTION daycare_cap(integer) IS
'per daycare: children admitted in the calendar year, how many live in an area on the udsat list (udsat, parallelsamfund or omdannelse) of 1 December the year before, the share, and whether it exceeds the 30 % cap (dagtilbudsloven § 26 a)';

CREATE FUNCTION language_test_schools(school_year integer)
	RETURNS TABLE (facility_id bigint, name text, pupils integer,
				   from_listed integer, share_pct double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- areas on the udsat list at least once in the lists of the three years
	-- before the school year (for 2019/20: the lists of 2016, 2017 and 2018)
	WITH listed AS MATERIALIZED (
		SELECT a.geom
		  FROM area AS a
		 WHERE a.area_id IN (SELECT ay.area_id FROM area_year AS ay
							  WHERE ay.list_year BETWEEN language_test_schools.school_year - 3
													AND language_test_schools.school_year - 1
								AND on_udsat_list(classify(ay.ind, ay.list_year), ay.official_category))
	), in_listed AS MATERIALIZED (
		SELECT DISTINCT e.ctid AS row_id
		  FROM listed AS l
		  JOIN enrolment AS e ON ST_Intersects(l.geom, e.home)
		 WHERE e.year = language_test_schools.school_year
	)
	SELECT c.facility_id, c.name, c.pupils, c.from_listed,
		   100.0 * c.from_listed / c.pupils
	  FROM (SELECT f.facility_id, f.name, count(*)::integer AS pupils,
				   (count(*) FILTER (WHERE e.ctid IN (SELECT u.row_id FROM in_listed AS u)))::integer
					   AS from_listed
			  FROM enrolment AS e
			  JOIN facility AS f ON f.facility_id = e.facility_id
			 WHERE e.year = language_test_schools.school_year AND f.kind = 'school'
			 GROUP BY f.facility_id, f.name) AS c
	 WHERE 100.0 * c.from_listed / c.pupils > 30
	 ORDER BY c.facility_id;
END;
COMMENT ON FUNCTION language_test_schools(integer) IS
'schools where more than 30 % of the pupils of the school year live in an area that was on the udsat list at least once in the three lists before it: these test every pupil in børnehaveklasse';

CREATE FUNCTION listed_areas(list_year integer)
	RETURNS TABLE (area_id integer)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT a.area_id FROM area AS a
	 WHERE listed_areas.list_year IS NULL
	UNION ALL
	SELECT ay.area_id FROM area_year AS ay
	 WHERE ay.list_year = listed_areas.list_year
	   AND rules_for_year(listed_areas.list_year) IS NOT NULL	-- an error before 2010
	   AND on_a_list(classify(ay.ind, ay.list_year), ay.official_category);
END;
COMMENT ON FUNCTION listed_areas(integer) IS
'the areas on any list (omdannelse, parallelsamfund, udsat, forebyggelse) in a list year; every area when the year is NULL';

CREATE FUNCTION nearest_facilities(kind text, k integer DEFAULT 3, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, rank integer, facility_id bigint, name text,
				   distance_m double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- One KNN scan of the GiST index per area; WITH TIES keeps every
	-- facility at the k-th distance (<-> and ST_Distance share PostGIS's
	-- distance code), so ties are then ordered by facility_id exactly.
	SELECT a.area_id, n.rank, n.facility_id, n.name, n.distance_m
	  FROM area AS a
	  CROSS JOIN LATERAL (
		SELECT (row_number() OVER (ORDER BY c.distance_m, c.facility_id))::integer AS rank,
			   c.facility_id, c.name, c.distance_m
		  FROM (SELECT f.facility_id, f.name, ST_Distance(f.geom, a.geom) AS distance_m
				  FROM facility AS f
				 WHERE f.kind = nearest_facilities.kind
				 ORDER BY f.geom <-> a.geom
				 FETCH FIRST (nearest_facilities.k) ROWS WITH TIES) AS c
		 ORDER BY c.distance_m, c.facility_id
		 LIMIT nearest_facilities.k) AS n
	 WHERE check_facility_kind(nearest_facilities.kind)
	   AND check_positive('k', nearest_facilities.k, false)
	   AND a.area_id IN (SELECT l.area_id FROM listed_areas(nearest_facilities.list_year) AS l)
	 ORDER BY a.area_id, n.rank;
END;
COMMENT ON FUNCTION nearest_facilities(text, integer, integer) IS
'per area (only areas on a list that year when list_year is given) the k nearest facilities of a kind, by distance in metres from the area polygon (0 inside it), ties by facility_id';

CREATE FUNCTION facility_access(kind text, radius_m double precision, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, within integer, nearest_m double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT a.area_id,
		   (SELECT count(*) FROM facility AS f
			 WHERE f.kind = facility_access.kind
			   AND ST_DWithin(f.geom, a.geom, facility_access.radius_m))::integer,
		   (SELECT ST_Distance(f.geom, a.geom) FROM facility AS f
			 WHERE f.kind = facility_access.kind
			 ORDER BY f.geom <-> a.geom LIMIT 1)
	  FROM area AS a
	 WHERE check_facility_kind(facility_access.kind)
	   AND check_positive('radius_m', facility_access.radius_m, true)
	   AND a.area_id IN (SELECT l.area_id FROM listed_areas(facility_access.list_year) AS l)
	 ORDER BY a.area_id;
END;
COMMENT ON FUNCTION facility_access(text, double precision, integer) IS
'per area (only areas on a list that year when list_year is given): facilities of a kind within radius_m metres of the area polygon, and the distance to the nearest one';

-- ---- map outputs ----

CREATE FUNCTION latest_list_year() RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT max(ay.list_year) FROM area_year AS ay;
END;
COMMENT ON FUNCTION latest_list_year() IS
'the newest list year in area_year (the default year of the map outputs)';

CREATE FUNCTION areas_geojson(list_year integer)
	RETURNS json
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT json_build_object(
			   'type', 'FeatureCollection',
			   'features', COALESCE(json_agg(json_build_object(
				   'type', 'Feature',
				   'id', a.area_id,
				   'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(a.geom, 4326)), 6)::json,
				   'properties', json_build_object(
					   'area_id', a.area_id,
					   'name', a.name,
					   'municipality_code', a.municipality_code,
					   'list_year', areas_geojson.list_year,
					   'category', s.category,
					   'label', category_label(COALESCE(s.category, 'unknown'), areas_geojson.list_year),
					   'labour', s.labour, 'convictions', s.convictions,
					   'education', s.education, 'income', s.income,
					   'nonwestern', s.nonwestern,
					   'years_on_list', s.years_on_list,
					   'development_plan', s.development_plan,
					   'kombineret_udlejning', s.kombineret_udlejning))
				   ORDER BY a.area_id), '[]'::json))
	  FROM area AS a
	  LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = areas_geojson.list_year;
END;
COMMENT ON FUNCTION areas_geojson(integer) IS
'every area as an RFC 7946 GeoJSON FeatureCollection in EPSG:4326 (exterior rings counter-clockwise), with the category and criteria of the list year as properties';

CREATE FUNCTION check_tile(z integer, x integer, y integer) RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
	IF z IS NULL OR x IS NULL OR y IS NULL THEN
		RAISE EXCEPTION 'tile coordinates must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF z < 0 OR z > 30 THEN
		RAISE EXCEPTION 'invalid tile zoom "%"', z
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'The zoom level must be from 0 to 30.';
	END IF;
	IF x < 0 OR y < 0 OR x >= (1::bigint << z) OR y >= (1::bigint << z) THEN
		RAISE EXCEPTION 'invalid tile "%/%/%"', z, x, y
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = pg_catalog.format('At zoom %s, x and y run from 0 to %s.', z, (1::bigint << z) - 1);
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION check_tile(integer, integer, integer) IS
'true for a valid z/x/y tile address, an error saying what is wrong otherwise';

CREATE FUNCTION areas_mvt_features(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category text, label text, years_on_list integer, development_plan boolean,
				   geom geometry)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- For the index test the tile envelope (with the 64/4096 buffer) goes to
	-- lon/lat, is clipped to where UTM 32N is still well defined (far beyond
	-- Denmark; a world tile cannot be projected whole), densified, and
	-- transformed to the table's SRID; the column is transformed only for
	-- the output.
	WITH envelope AS (
		SELECT CASE WHEN check_tile(areas_mvt_features.z, areas_mvt_features.x, areas_mvt_features.y)
					THEN ST_TileEnvelope(areas_mvt_features.z, areas_mvt_features.x, areas_mvt_features.y)
			   END AS env3857,
			   CASE WHEN check_tile(areas_mvt_features.z, areas_mvt_features.x, areas_mvt_features.y)
					THEN ST_Intersection(
							 ST_Transform(ST_TileEnvelope(areas_mvt_features.z, areas_mvt_features.x,
														  areas_mvt_features.y, margin => 64.0 / 4096), 4326),
							 ST_MakeEnvelope(-40, -80, 58, 84, 4326))
			   END AS lonlat
	), tile AS (
		SELECT e.env3857,
			   ST_Transform(ST_Segmentize(e.lonlat, GREATEST(ST_XMax(e.lonlat) - ST_XMin(e.lonlat),
															  ST_YMax(e.lonlat) - ST_YMin(e.lonlat)) / 16),
							25832) AS env25832
		  FROM envelope AS e
		 WHERE NOT ST_IsEmpty(e.lonlat)
	)
	SELECT f.* FROM (
		SELECT a.area_id, a.name, a.municipality_code, s.list_year, s.category,
			   category_label(COALESCE(s.category, 'unknown'), COALESCE(s.list_year, 2010)),
			   s.years_on_list, s.development_plan,
			   ST_AsMVTGeom(ST_Transform(a.geom, 3857), t.env3857, 4096, 64, true) AS geom
		  FROM area AS a
		  CROSS JOIN tile AS t
		  LEFT JOIN area_status AS s
			ON s.area_id = a.area_id
		   AND s.list_year = COALESCE(areas_mvt_features.list_year, latest_list_year())
		 WHERE a.geom && t.env25832) AS f
	 WHERE f.geom IS NOT NULL;
END;
COMMENT ON FUNCTION areas_mvt_features(integer, integer, integer, integer) IS
'the features of areas_mvt(): areas in a tile with their status, geometry in tile coordinates';

CREATE FUNCTION areas_mvt(z integer, x integer, y integer, list_year integer DEFAULT NULL)
	RETURNS bytea
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT COALESCE((SELECT ST_AsMVT(f.*, 'areas', 4096, 'geom', 'area_id')
					   FROM areas_mvt_features(areas_mvt.z, areas_mvt.x, areas_mvt.y,
											   areas_mvt.list_year) AS f),
					''::bytea);
END;
COMMENT ON FUNCTION areas_mvt(integer, integer, integer, integer) IS
'a Mapbox vector tile (layer "areas") of the areas with their category in a list year (default: the latest), for pg_tileserv and Martin';

CREATE FUNCTION list_date(list_year integer) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN list_year <= 2012 THEN '1 October ' ELSE '1 December ' END || list_year;
END;
COMMENT ON FUNCTION list_date(integer) IS
'the publication date of a list: 1 October for 2010-2012, 1 December from 2013';

CREATE FUNCTION category_colour(category text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE category
			   WHEN 'omdannelse' THEN '#67000d'
			   WHEN 'parallelsamfund' THEN '#cb181d'
			   WHEN 'udsat' THEN '#fb6a4a'
			   WHEN 'forebyggelse' THEN '#fdd0a2'
			   WHEN 'none' THEN '#d9d9d9'
			   ELSE '#ffffff' END;
END;
COMMENT ON FUNCTION category_colour(text) IS
'the fill colour of a category on the maps (darkest for omdannelse, white for unknown)';

CREATE FUNCTION map_svg(list_year integer, municipality_code text DEFAULT NULL)
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH chosen AS (
		SELECT a.area_id, a.name, a.geom, COALESCE(s.category, 'unknown') AS category
		  FROM area AS a
		  LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = map_svg.list_year
		 WHERE map_svg.municipality_code IS NULL OR a.municipality_code = map_svg.municipality_code
	), outline AS (
		SELECT m.name, m.geom FROM municipality AS m
		 WHERE m.municipality_code = map_svg.municipality_code
	), land AS (
		-- the whole country as background on a map of all areas
		SELECT m.geom FROM municipality AS m WHERE map_svg.municipality_code IS NULL
	), box AS (
		SELECT ST_Expand(b.geom, GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom),
										  ST_YMax(b.geom) - ST_YMin(b.geom), 200) * 0.04) AS geom
		  FROM (SELECT COALESCE((SELECT ST_Extent(o.geom)::geometry FROM outline AS o),
								(SELECT ST_Extent(l.geom)::geometry FROM land AS l),
								(SELECT ST_Extent(c.geom)::geometry FROM chosen AS c)) AS geom) AS b
		 WHERE b.geom IS NOT NULL
	), frame AS (
		-- scale to at most 760 x 760 px, placed at (20, 70); legend on the right
		SELECT b.geom AS box, ST_XMin(b.geom) AS x0, ST_YMax(b.geom) AS y1,
			   760.0 / GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom), ST_YMax(b.geom) - ST_YMin(b.geom)) AS k,
			   ceil((ST_XMax(b.geom) - ST_XMin(b.geom)) * 760.0
					/ GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom), ST_YMax(b.geom) - ST_YMin(b.geom))) AS w,
			   ceil((ST_YMax(b.geom) - ST_YMin(b.geom)) * 760.0
					/ GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom), ST_YMax(b.geom) - ST_YMin(b.geom))) AS h,
			   -- on a map wider than 30 km areas are too small to see: mark them
			   GREATEST(ST_XMax(b.geom) - ST_XMin(b.geom), ST_YMax(b.geom) - ST_YMin(b.geom)) > 30000 AS wide
		  FROM box AS b
	), placed AS (
		-- ST_AsSVG writes -y; this affine map makes that the SVG y (down)
		SELECT c.*, ST_AsSVG(ST_Affine(c.geom, f.k, 0, 0, f.k, 20 - f.k * f.x0, -f.k * f.y1 - 70), 0, 1) AS d
		  FROM chosen AS c CROSS JOIN frame AS f
	), points AS (
		SELECT fa.facility_id, fa.name, fa.kind, k.label_en, k.colour,
			   20 + fr.k * (ST_X(fa.geom) - fr.x0) AS px, 70 + fr.k * (fr.y1 - ST_Y(fa.geom)) AS py
		  FROM facility AS fa
		  JOIN facility_kind AS k ON k.kind = fa.kind
		  CROSS JOIN frame AS fr
		 WHERE fa.geom && fr.box
		   AND (map_svg.municipality_code IS NULL OR fa.municipality_code = map_svg.municipality_code)
		   -- a few hundred symbols at most, or they hide the areas
		   AND (SELECT count(*) FROM facility AS f2 WHERE f2.geom && fr.box) <= 400
	), legend AS (
		SELECT row_number() OVER (ORDER BY l.ord) AS n, l.*
		  FROM (SELECT o.ord, 'area' AS what, o.category AS key,
					   category_label(o.category, map_svg.list_year, 'da') || ' (' ||
					   category_label(o.category, map_svg.list_year, 'en') || ')' AS text,
					   category_colour(o.category) AS colour
				  FROM (VALUES (1, 'omdannelse'), (2, 'parallelsamfund'), (3, 'udsat'),
							   (4, 'forebyggelse'), (5, 'none'), (6, 'unknown')) AS o(ord, category)
				 WHERE category_label(o.category, map_svg.list_year) IS NOT NULL
				UNION ALL
				SELECT 10 + row_number() OVER (ORDER BY k.kind), 'facility', k.kind, k.label_en, k.colour
				  FROM facility_kind AS k
				 WHERE k.kind IN (SELECT p.kind FROM points AS p)) AS l
	)
	SELECT xmlelement(name svg,
		xmlattributes('http://www.w3.org/2000/svg' AS xmlns,
					  COALESCE((SELECT f.w FROM frame AS f), 400) + 400 AS width,
					  GREATEST(COALESCE((SELECT f.h FROM frame AS f), 0) + 110,
							   (SELECT 90 + 22 * count(*) FROM legend), 200) AS height,
					  'font-family:sans-serif;font-size:13px' AS style),
		xmlelement(name rect, xmlattributes('100%' AS width, '100%' AS height, '#ffffff' AS fill)),
		xmlelement(name text, xmlattributes(20 AS x, 30 AS y, 'font-size:20px;font-weight:bold' AS style),
				   'Housing areas on the list of ' || list_date(map_svg.list_year)
				   || COALESCE(' — ' || (SELECT o.name FROM outline AS o),
							   ' — municipality ' || map_svg.municipality_code, '')),
		xmlelement(name text, xmlattributes(20 AS x, 52 AS y, '#555555' AS fill),
				   (SELECT count(*) FROM chosen) || ' areas, '
				   || (SELECT count(*) FROM chosen WHERE category NOT IN ('none', 'unknown'))
				   || ' on a list; rules ' || rules_for_year(map_svg.list_year)),
		(SELECT xmlelement(name path, xmlattributes(o.d AS d, 'none' AS fill, '#555555' AS stroke,
													 '1' AS "stroke-width", '4 3' AS "stroke-dasharray"))
		   FROM (SELECT ST_AsSVG(ST_Affine(ol.geom, f.k, 0, 0, f.k, 20 - f.k * f.x0, -f.k * f.y1 - 70), 0, 1) AS d
				   FROM outline AS ol CROSS JOIN frame AS f) AS o),
		(SELECT xmlagg(xmlelement(name path, xmlattributes(l.d AS d, '#f2f2f2' AS fill, '#bbbbbb' AS stroke,
														   '0.5' AS "stroke-width")))
		   FROM (SELECT ST_AsSVG(ST_Affine(ld.geom, f.k, 0, 0, f.k, 20 - f.k * f.x0, -f.k * f.y1 - 70), 0, 1) AS d
				   FROM land AS ld CROSS JOIN frame AS f) AS l),
		(SELECT xmlagg(xmlelement(name path,
					xmlattributes(p.d AS d, category_colour(p.category) AS fill, 'evenodd' AS "fill-rule",
								  '#333333' AS stroke, '0.8' AS "stroke-width"),
					xmlelement(name title, p.name || ': ' ||
							   COALESCE(category_label(p.category, map_svg.list_year, 'en'), p.category)))
				ORDER BY p.area_id)
		   FROM placed AS p),
		(SELECT xmlagg(xmlelement(name circle,
					xmlattributes(round((20 + f.k * (ST_X(mk.pt) - f.x0))::numeric, 1) AS cx,
								  round((70 + f.k * (f.y1 - ST_Y(mk.pt)))::numeric, 1) AS cy, 4.5 AS r,
								  category_colour(mk.category) AS fill, '#333333' AS stroke, '0.8' AS "stroke-width"),
					xmlelement(name title, mk.name || ': ' ||
							   COALESCE(category_label(mk.category, map_svg.list_year, 'en'), mk.category)))
				ORDER BY mk.category <> 'none', mk.area_id)
		   FROM (SELECT c.area_id, c.name, c.category, ST_PointOnSurface(c.geom) AS pt FROM chosen AS c) AS mk
		   CROSS JOIN frame AS f
		  WHERE f.wide),
		(SELECT xmlagg(xmlelement(name circle,
					xmlattributes(round(pt.px::numeric, 1) AS cx, round(pt.py::numeric, 1) AS cy, 3.5 AS r,
								  pt.colour AS fill, '#ffffff' AS stroke, '0.8' AS "stroke-width"),
					xmlelement(name title, pt.name || ' (' || pt.label_en || ')'))
				ORDER BY pt.facility_id)
		   FROM points AS pt),
		(SELECT xmlagg(xmlconcat(
					CASE WHEN lg.what = 'area'
						 THEN xmlelement(name rect, xmlattributes(COALESCE((SELECT f.w FROM frame AS f), 400) + 40 AS x,
																  56 + 22 * lg.n AS y, 16 AS width, 14 AS height,
																  lg.colour AS fill, '#333333' AS stroke))
						 ELSE xmlelement(name circle, xmlattributes(COALESCE((SELECT f.w FROM frame AS f), 400) + 48 AS cx,
																	63 + 22 * lg.n AS cy, 5 AS r, lg.colour AS fill))
					END,
					xmlelement(name text, xmlattributes(COALESCE((SELECT f.w FROM frame AS f), 400) + 64 AS x,
														68 + 22 * lg.n AS y), lg.text))
				ORDER BY lg.n)
		   FROM legend AS lg),
		CASE WHEN NOT EXISTS (SELECT 1 FROM frame)
			 THEN xmlelement(name text, xmlattributes(20 AS x, 100 AS y), 'No areas to show.') END,
		xmlelement(name text, xmlattributes(20 AS x,
											COALESCE((SELECT f.h FROM frame AS f), 0) + 95 AS y,
											'font-size:10px' AS style, '#777777' AS fill),
				   'Boundaries: Geodatastyrelsen & Danske Kommuner (DAGI); EPSG:25832.')
	)::text;
END;
COMMENT ON FUNCTION map_svg(integer, text) IS
'an SVG map of the areas (of one municipality, or all) coloured by their category in a list year, with facilities as symbols, a legend and a title with the list date';

-- ---- faces for GIS and BI tools ----

CREATE VIEW gis_area_status AS
SELECT s.area_id * 100 + s.list_year % 100 AS id,
	   s.area_id, s.list_year, s.name, s.municipality_code,
	   s.category, category_label(s.category, s.list_year) AS label,
	   s.on_udsat_list, s.labour, s.convictions, s.education, s.income, s.nonwestern,
	   s.years_on_list, s.development_plan, s.kombineret_udlejning,
	   a.geom
  FROM area_status AS s
  JOIN area AS a ON a.area_id = s.area_id;
COMMENT ON VIEW gis_area_status IS
'area_status with the area polygon for QGIS: integer key id (area_id * 100 + the last two digits of the list year), geometry(MultiPolygon, 25832)';

CREATE VIEW bi_area_status AS
SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.region_code,
	   s.category,
	   category_label(s.category, s.list_year, 'da') AS category_da,
	   category_label(s.category, s.list_year, 'en') AS category_en,
	   s.computed_category, s.official_category, s.rules,
	   s.on_udsat_list, s.labour, s.convictions, s.education, s.income, s.nonwestern,
	   s.criteria_met, s.criteria_unknown, s.years_on_list, s.development_plan,
	   s.kombineret_udlejning, s.family_housing_share, s.family_units_over_target,
	   indicator(s.ind, 'residents')::integer AS residents,
	   indicator(s.ind, 'nonwestern') AS nonwestern_pct,
	   indicator(s.ind, 'outside_labour') AS outside_labour_pct,
	   indicator(s.ind, 'convicted') AS convicted_pct,
	   indicator(s.ind, 'national_convicted') AS national_convicted_pct,
	   indicator(s.ind, 'basic_education') AS basic_education_pct,
	   indicator(s.ind, 'income') AS income_pct,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat
  FROM area_status AS s
  JOIN area AS a ON a.area_id = s.area_id
  CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(a.geom), 4326) AS pt) AS p;
COMMENT ON VIEW bi_area_status IS
'area_status in built-in types only (text labels in Danish and English, booleans, numbers, lon/lat of a point inside the area in EPSG:4326) for BI tools';
