-- rules: the list rules of every year, the classification of a record by
-- them, margins to each threshold, and the legal names of the categories.

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

CREATE FUNCTION list_date(list_year integer) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN list_year <= 2012 THEN '1 October ' ELSE '1 December ' END || list_year;
END;
COMMENT ON FUNCTION list_date(integer) IS
'the publication date of a list: 1 October for 2010-2012, 1 December from 2013';
