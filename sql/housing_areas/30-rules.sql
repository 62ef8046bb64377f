-- rules: the list rules of every year, the classification of a record by
-- them, margins to each threshold, and the legal names of the categories.

-- The categories, by severity; unknown first, below none (docs/decisions.md,
-- "The category type").  The C code looks its labels up by the names the
-- rule language uses and fails when one is missing.
CREATE TYPE category AS ENUM
	('unknown', 'none', 'forebyggelse', 'udsat', 'parallelsamfund', 'omdannelse');
COMMENT ON TYPE category IS
'the category of an area in a list year, ordered by severity: unknown < none < forebyggelse < udsat < parallelsamfund < omdannelse; unknown (missing values decide it) sorts first, so category >= ''udsat'' holds only for areas known to be at least udsat and category >= ''none'' only for decided ones';

CREATE TYPE classification AS (
	list_year integer,
	rules text,
	category category,
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
	nonwestern boolean,
	menapt boolean
);
COMMENT ON TYPE classification IS
'result of classify(): the category of one area for one list year, each list flag and each criterion; NULL means undetermined (missing values) or, for a criterion, not tested by that rule version';
COMMENT ON COLUMN classification.list_year IS
'the list year classified';
COMMENT ON COLUMN classification.rules IS
'the rule version applied: dk2010, dk2013, dk2018 or dk2021, or the name of a user rule set (create_rules)';
COMMENT ON COLUMN classification.category IS
'the category the indicators alone give, by precedence parallelsamfund, udsat, forebyggelse, none; unknown when missing values decide it; never omdannelse, which needs history (area_status)';
COMMENT ON COLUMN classification.udsat IS
'on the udsat list: 2 of 4 criteria (§ 61 a stk. 1) from dk2018, 2 of 5 under dk2013 on the lists of 2016-2017; false where the rules have no such list, NULL when undetermined';
COMMENT ON COLUMN classification.parallelsamfund IS
'a parallelsamfund (ghettoområde before 2021): udsat and nonwestern (§ 61 a stk. 2) from dk2018, 2 of 3 criteria under dk2010, 3 of 5 under dk2013; NULL when undetermined';
COMMENT ON COLUMN classification.forebyggelse IS
'on the published forebyggelse list (§ 61 b, dk2021): forebyggelse_raw and not udsat; false under earlier rules, NULL when undetermined';
COMMENT ON COLUMN classification.forebyggelse_raw IS
'the § 61 b test alone (non-Western > 30 % and 2 of 4 weaker criteria), udsat areas included; false under rules before dk2021, NULL when undetermined';
COMMENT ON COLUMN classification.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b): residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false under rules before dk2018, NULL when undetermined';
COMMENT ON COLUMN classification.criteria_met IS
'number of criteria of the main test that hold (dk2010: of 3, dk2013: of 5, dk2018 and dk2021: of the 4 udsat criteria), whatever the size gate';
COMMENT ON COLUMN classification.criteria_unknown IS
'number of criteria of the main test undecided for missing values';
COMMENT ON COLUMN classification.size_ok IS
'the size gate of every list: residents >= 1000; NULL when residents is unknown';
COMMENT ON COLUMN classification.labour IS
'criterion: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown';
COMMENT ON COLUMN classification.convictions IS
'criterion: convicted residents aged 18+ > 2.7 % (dk2010, dk2013) or >= 3 × national_convicted (dk2018, dk2021); NULL when unknown';
COMMENT ON COLUMN classification.education IS
'criterion: residents aged 30-59 with only basic schooling > 50 % (dk2013) or > 60 % (dk2018, dk2021); NULL when unknown or not tested (dk2010)';
COMMENT ON COLUMN classification.income IS
'criterion: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (dk2010)';
COMMENT ON COLUMN classification.nonwestern IS
'criterion: non-Western immigrants and descendants > 50 % of residents; NULL when unknown';
COMMENT ON COLUMN classification.menapt IS
'criterion: immigrants and descendants from the MENA countries, Pakistan and Turkey (menapt), as a user rule set tests it (create_rules); NULL when unknown or not tested (every built-in version)';

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
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION classify(indicators, integer, text) IS
'classifies one area for one list year by a chosen rule version (dk2010, dk2013, dk2018, dk2021) or user rule set (create_rules), for what-if comparisons; STABLE, as a user rule set can change';

CREATE FUNCTION category(ind indicators, list_year integer) RETURNS category
	AS 'MODULE_PATHNAME', 'ha_category_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION category(indicators, integer) IS
'the category of classify() alone (parallelsamfund, udsat, forebyggelse, none or unknown): the fast path for large scans';

CREATE FUNCTION category(ind indicators, list_year integer, rules text) RETURNS category
	AS 'MODULE_PATHNAME', 'ha_category_sql'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION category(indicators, integer, text) IS
'the category of classify(ind, list_year, rules) alone, under a chosen rule version or user rule set: the fast path for what-if scans';

CREATE FUNCTION thresholds(rules text,
	OUT category text, OUT criterion text, OUT operator text,
	OUT threshold double precision, OUT unit text, OUT rule text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_thresholds_sql'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION thresholds(text) IS
'the rule table of a version, from the built-in rule text, or of a user rule set (rules(name)): every test of every category with its operator and threshold';

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
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 15;
COMMENT ON FUNCTION margins(indicators, integer, text) IS
'margins() under a chosen rule version or user rule set';

-- what it would take to leave a list, or to enter one

CREATE TYPE list_distance_row AS (
	list text,
	on_list boolean,
	direction text,
	rule text,
	criterion text,
	value double precision,
	operator text,
	threshold double precision,
	holds boolean,
	change double precision,
	flip_operator text,
	persons bigint,
	income_kr bigint,
	unit text,
	note text
);
COMMENT ON TYPE list_distance_row IS
'one row of list_distance(): a test of a list and the smallest change that flips it';
COMMENT ON COLUMN list_distance_row.list IS
'the list: udsat, parallelsamfund, forebyggelse or kombineret_udlejning';
COMMENT ON COLUMN list_distance_row.on_list IS
'whether the area is on the list; NULL when undetermined';
COMMENT ON COLUMN list_distance_row.direction IS
'leave (on the list) or enter (not on it); NULL when on_list is';
COMMENT ON COLUMN list_distance_row.rule IS
'the part of the list''s rule the test belongs to: required, unless, at least k of n, alternative n';
COMMENT ON COLUMN list_distance_row.criterion IS
'the criterion tested (residents, labour, convictions, education, income, nonwestern) or the list it requires or is kept off by';
COMMENT ON COLUMN list_distance_row.value IS
'the area''s value of the criterion, in its unit; NULL when unknown or for a list';
COMMENT ON COLUMN list_distance_row.operator IS
'the test''s operator (>, >=, <, <=; is, is not for a list)';
COMMENT ON COLUMN list_distance_row.threshold IS
'the test''s threshold, in the criterion''s unit (computed where the rules test a multiple of national_convicted)';
COMMENT ON COLUMN list_distance_row.holds IS
'whether the test holds; NULL when unknown';
COMMENT ON COLUMN list_distance_row.change IS
'threshold - value: the smallest change in the unit that, passed (< and >) or reached (<= and >=) as flip_operator says, flips the test; NULL when unknown';
COMMENT ON COLUMN list_distance_row.flip_operator IS
'the operator the new value must satisfy against the threshold to flip the test';
COMMENT ON COLUMN list_distance_row.persons IS
'the signed change in persons that flips the test: the size gate (residents), and from tallies the count the criterion counts; NULL otherwise or with a note';
COMMENT ON COLUMN list_distance_row.income_kr IS
'from tallies: the signed change of mean income in whole kroner that flips the income test; NULL otherwise';
COMMENT ON COLUMN list_distance_row.unit IS
'the unit of value, threshold and change';
COMMENT ON COLUMN list_distance_row.note IS
'why a change is NULL (an unknown value, no whole number of persons flips it) or that a list has its own rows; NULL otherwise';

CREATE TYPE cheapest_change_row AS (
	list text,
	on_list boolean,
	direction text,
	option integer,
	criteria integer,
	criterion text,
	value double precision,
	flip_operator text,
	threshold double precision,
	change double precision,
	reached double precision,
	persons bigint,
	income_kr bigint,
	unit text,
	note text
);
COMMENT ON TYPE cheapest_change_row IS
'one row of cheapest_change(): one criterion of a set of the fewest criteria whose change takes an area off a list or onto it';
COMMENT ON COLUMN cheapest_change_row.list IS
'the list: udsat, parallelsamfund, forebyggelse or kombineret_udlejning';
COMMENT ON COLUMN cheapest_change_row.on_list IS
'whether the area is on the list; NULL when undetermined';
COMMENT ON COLUMN cheapest_change_row.direction IS
'leave (on the list) or enter (not on it); NULL when on_list is';
COMMENT ON COLUMN cheapest_change_row.option IS
'the set, 1 the cheapest; NULL on the row of a list with a note';
COMMENT ON COLUMN cheapest_change_row.criteria IS
'how many criteria the set changes';
COMMENT ON COLUMN cheapest_change_row.criterion IS
'the criterion changed';
COMMENT ON COLUMN cheapest_change_row.value IS
'the area''s value of the criterion, in its unit';
COMMENT ON COLUMN cheapest_change_row.flip_operator IS
'the operator the new value must satisfy against the threshold';
COMMENT ON COLUMN cheapest_change_row.threshold IS
'the threshold of the test the change flips, in the criterion''s unit';
COMMENT ON COLUMN cheapest_change_row.change IS
'threshold - value, in the unit';
COMMENT ON COLUMN cheapest_change_row.reached IS
'from tallies: the value the whole persons or kroner of the change give; NULL otherwise';
COMMENT ON COLUMN cheapest_change_row.persons IS
'the signed change in persons (as in list_distance); NULL where persons do not count it';
COMMENT ON COLUMN cheapest_change_row.income_kr IS
'from tallies: the signed change of mean income in whole kroner; NULL otherwise';
COMMENT ON COLUMN cheapest_change_row.unit IS
'the unit of value, threshold, change and reached';
COMMENT ON COLUMN cheapest_change_row.note IS
'why a list has no set, or that its status is unknown; NULL otherwise';

CREATE FUNCTION list_distance(ind indicators, list_year integer)
	RETURNS SETOF list_distance_row
	AS 'MODULE_PATHNAME', 'ha_list_distance_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION list_distance(indicators, integer) IS
'for each list of the year''s rules (udsat, parallelsamfund, forebyggelse, kombineret_udlejning) and each of its tests (the size gate, a list it requires or is kept off by, gates, "at least k of n" criteria): whether the area is on the list (on_list, direction leave or enter), whether the test holds, and the smallest change that flips it: change = threshold - value in the criterion''s unit, the new value must satisfy flip_operator threshold (< and > must pass the threshold, <= and >= may reach it); persons only for the size gate (residents); NULL with a note when a value is unknown';

CREATE FUNCTION list_distance(ind indicators, list_year integer, rules text)
	RETURNS SETOF list_distance_row
	AS 'MODULE_PATHNAME', 'ha_list_distance_sql'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION list_distance(indicators, integer, text) IS
'list_distance() under a chosen rule version';

CREATE FUNCTION list_distance(cur tally, prev tally,
	national_convicted double precision, regional_income double precision,
	list_year integer)
	RETURNS SETOF list_distance_row
	AS 'MODULE_PATHNAME', 'ha_list_distance_sql'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION list_distance(tally, tally, double precision, double precision, integer) IS
'list_distance() of the record to_indicators(cur, prev, national_convicted, regional_income) gives, with the change also in persons of the latest data year (cur; prev stays): persons is the signed change of the count the criterion counts (outside_labour: full-time persons outside work and education aged 18-64, convicted: convicted aged 18+, basic_education: aged 30-59 with basic schooling only, nonwestern: non-Western residents, residents: residents), the smallest whole number that flips the test as to_indicators computes it; income_kr the signed change of mean income in whole kroner; NULL with a note when no number within the populations flips it; no rows when cur or list_year is NULL';

CREATE FUNCTION list_distance(cur tally, prev tally,
	national_convicted double precision, regional_income double precision,
	list_year integer, rules text)
	RETURNS SETOF list_distance_row
	AS 'MODULE_PATHNAME', 'ha_list_distance_sql'
	LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION list_distance(tally, tally, double precision, double precision, integer, text) IS
'list_distance() from tallies under a chosen rule version; no rows when cur, list_year or rules is NULL';

CREATE FUNCTION cheapest_change(ind indicators, list_year integer)
	RETURNS SETOF cheapest_change_row
	AS 'MODULE_PATHNAME', 'ha_cheapest_change_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION cheapest_change(indicators, integer) IS
'for each list of the year''s rules: the sets of the fewest criteria whose change takes the area off the list (direction leave) or onto it (enter), under the rules'' size gate, gates, "at least k of n" and the lists they require or are kept off by; one row per criterion of a set, option 1 the cheapest (fewest percentage points, then persons; sets that move residents only after those that do not, and only where residents must move; docs/decisions.md); each criterion must satisfy flip_operator threshold, change = threshold - value; only known values change and the list must be decided after the change; a list with no such set, or whose status is unknown, has one row with a note';

CREATE FUNCTION cheapest_change(ind indicators, list_year integer, rules text)
	RETURNS SETOF cheapest_change_row
	AS 'MODULE_PATHNAME', 'ha_cheapest_change_sql'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION cheapest_change(indicators, integer, text) IS
'cheapest_change() under a chosen rule version';

CREATE FUNCTION cheapest_change(cur tally, prev tally,
	national_convicted double precision, regional_income double precision,
	list_year integer)
	RETURNS SETOF cheapest_change_row
	AS 'MODULE_PATHNAME', 'ha_cheapest_change_sql'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION cheapest_change(tally, tally, double precision, double precision, integer) IS
'cheapest_change() of the record to_indicators(cur, prev, national_convicted, regional_income) gives, counted in persons of the latest data year (cur): each criterion moves by the fewest whole persons (persons, signed as in list_distance) or whole kroner of mean income (income_kr) that flip one of its tests, reached is the value they give, and option 1 is the set of fewest percentage points, then fewest persons, then fewest kroner; no rows when cur or list_year is NULL';

CREATE FUNCTION cheapest_change(cur tally, prev tally,
	national_convicted double precision, regional_income double precision,
	list_year integer, rules text)
	RETURNS SETOF cheapest_change_row
	AS 'MODULE_PATHNAME', 'ha_cheapest_change_sql'
	LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION cheapest_change(tally, tally, double precision, double precision, integer, text) IS
'cheapest_change() from tallies under a chosen rule version; no rows when cur, list_year or rules is NULL';

CREATE FUNCTION rules() RETURNS text
	AS 'MODULE_PATHNAME', 'ha_rules_text_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rules() IS
'the built-in rule text, as written: every rule version and the consequences, in the rule language (docs/rule-language.md); classify(), thresholds(), omdannelse(), consequence() and the 40 % rule follow it';

CREATE FUNCTION rules(name text) RETURNS text
	AS 'MODULE_PATHNAME', 'ha_rules_block_sql'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rules(text) IS
'the definition of one rule version (dk2010, dk2013, dk2018, dk2021), or of the consequences (name consequences), as written in the built-in rule text, with the comments above it; or the definition of a user rule set, as given to create_rules';

CREATE FUNCTION consequence(name text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'ha_consequence_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION consequence(text) IS
'one constant of what the lists oblige (the daycare cap, the language-test share and lists, the development plans'' target, deadline and m² per dwelling, the dispensation limit, the daycare cap''s tail and exemption, the allocation and benefit months, the learning offer''s notice and ages), exactly as the consequences of the built-in rule text give it; see consequences()';

CREATE FUNCTION consequences(OUT name text, OUT value numeric, OUT unit text,
	OUT paragraph text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_consequences_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 14;
COMMENT ON FUNCTION consequences() IS
'the constants of what the lists oblige, from the consequences of the built-in rule text: name, value, unit (percent, years, lists, year, m2, residents, months) and the paragraph of the law';

CREATE FUNCTION housing_areas_private.parse_rules(definition text) RETURNS text[]
	AS 'MODULE_PATHNAME', 'ha_parse_rules_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION housing_areas_private.parse_rules(text) IS
'parses a text in the rule language and returns the names of its rule versions, or raises the parser''s error (tests of the parser''s messages)';

CREATE FUNCTION category_label(category text, list_year integer, lang text DEFAULT 'da')
	RETURNS text
	AS 'MODULE_PATHNAME', 'ha_category_label_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION category_label(text, integer, text) IS
'the legal name of a category in a list year (ghettoområde before 2021 ...), in Danish (da) or English (en); NULL when the category did not exist that year';

CREATE FUNCTION category_label(category category, list_year integer, lang text DEFAULT 'da')
	RETURNS text
	AS 'MODULE_PATHNAME', 'ha_category_label_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION category_label(category, integer, text) IS
'category_label() of a value of the enum category (category(), classify().category)';

CREATE FUNCTION list_date(list_year integer) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN list_year <= 2012 THEN '1 October ' ELSE '1 December ' END || list_year;
END;
COMMENT ON FUNCTION list_date(integer) IS
'the publication date of a list: 1 October for 2010-2012, 1 December from 2013';
