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
'Additive counts of one housing area for one data year (residents, nonwestern, persons_18_64, outside_labour_fte, persons_18plus, convicted_18plus, persons_30_59, basic_education_30_59, taxpayers_15_64, income_sum, and optionally menapt: residents from the MENA countries, Pakistan and Turkey), all integers: outside_labour_fte in millionths of a full-time person, income_sum in øre, so sums are exact and do not depend on the order of addition; absent keys count 0, but an absent menapt is not counted (and a sum counts menapt only when every part does)';
COMMENT ON FUNCTION tally_in(cstring) IS 'text input of tally: key=value pairs in any order, absent keys count 0; a sum with more decimals than millionths (outside_labour_fte) or øre (income_sum) is rounded half away from zero';
COMMENT ON FUNCTION tally_out(tally) IS 'text output of tally: all keys in canonical order, the sums as exact decimals, menapt last when counted';
COMMENT ON FUNCTION tally_recv(internal) IS 'binary input of tally, validated like text input: layout version 2 (int8 sums in millionths and øre), version 3 (version 2 with the menapt count + 1 in the 7 header bytes) and version 1 (float8 sums, housing_areas 0.2.0 and earlier; rounded like text input)';
COMMENT ON FUNCTION tally_send(tally) IS 'binary output of tally, layout version 2, or version 3 when it counts menapt';

-- sums

CREATE FUNCTION tally_add(tally, tally) RETURNS tally
	AS 'MODULE_PATHNAME', 'tally_add'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tally_add(tally, tally) IS
'implementation of + for tally: adds every count and sum exactly, an error when one would leave its range; also the transition and combine function of sum(tally) and the combine function of tally_agg';

CREATE OPERATOR + (
	LEFTARG = tally, RIGHTARG = tally,
	PROCEDURE = tally_add,
	COMMUTATOR = +
);
COMMENT ON OPERATOR + (tally, tally) IS 'sum of two tallies: every count and sum added exactly';

CREATE AGGREGATE sum(tally) (
	SFUNC = tally_add,
	STYPE = tally,
	COMBINEFUNC = tally_add,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sum(tally) IS
'sum of tallies, e.g. of the departments of an area; NULL inputs are skipped, NULL when there are none';

-- tallies of person rows

CREATE FUNCTION housing_areas_private.tally_agg_step(state tally, age integer, nonwestern boolean,
	outside_labour_fte double precision, convicted boolean,
	basic_education boolean, gross_income double precision, student boolean)
	RETURNS tally
	AS 'MODULE_PATHNAME', 'tally_agg_step'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION housing_areas_private.tally_agg_step(tally, integer, boolean, double precision, boolean, boolean, double precision, boolean) IS
'transition function of tally_agg: adds one person to the state (NULL state: an empty tally)';

CREATE AGGREGATE tally_agg(age integer, nonwestern boolean,
	outside_labour_fte double precision, convicted boolean,
	basic_education boolean, gross_income double precision, student boolean) (
	SFUNC = housing_areas_private.tally_agg_step,
	STYPE = tally,
	COMBINEFUNC = tally_add,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE tally_agg(integer, boolean, double precision, boolean, boolean, double precision, boolean) IS
'tally of person rows, one row per resident. Age bands: 18-64 labour market, 18+ convictions, 30-59 education, 15-64 income (students excluded). outside_labour_fte (0 to 1) is counted in millionths and gross_income (at most 10^15 kroner either way) in øre, each rounded once as its decimal reads, half away from zero, so the result does not depend on the order of the rows or the plan. NULL age: resident in no age band; NULL nonwestern: not non-Western; NULL outside_labour_fte: 0; NULL convicted: not convicted; NULL basic_education: basic (rules); NULL gross_income: no taxpayer record; NULL student: not a student. NULL when there are no rows';

CREATE FUNCTION housing_areas_private.tally_agg_step(state tally, age integer, nonwestern boolean,
	outside_labour_fte double precision, convicted boolean,
	basic_education boolean, gross_income double precision, student boolean,
	menapt boolean)
	RETURNS tally
	AS 'MODULE_PATHNAME', 'tally_agg_step'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION housing_areas_private.tally_agg_step(tally, integer, boolean, double precision, boolean, boolean, double precision, boolean, boolean) IS
'transition function of tally_agg with menapt: adds one person to the state (NULL state: an empty tally that counts menapt)';

CREATE AGGREGATE tally_agg(age integer, nonwestern boolean,
	outside_labour_fte double precision, convicted boolean,
	basic_education boolean, gross_income double precision, student boolean,
	menapt boolean) (
	SFUNC = housing_areas_private.tally_agg_step,
	STYPE = tally,
	COMBINEFUNC = tally_add,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE tally_agg(integer, boolean, double precision, boolean, boolean, double precision, boolean, boolean) IS
'tally_agg that also counts menapt, residents from the MENA countries, Pakistan and Turkey (a part of residents, like nonwestern); NULL menapt: not counted as MENAPT, as NULL nonwestern is not non-Western. The seven-argument tally_agg does not count menapt (to_indicators then leaves menapt unknown)';

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
'criteria values from the tallies of the latest data year (cur) and the year before (prev): residents, nonwestern, basic_education, income (% of regional_income) and menapt (when cur counts it; rounded to 5 decimals) from cur; outside_labour and convicted as the mean of the two yearly shares; a value is unknown when an argument it needs is NULL or its population is 0';

CREATE FUNCTION tally_value(t tally, key text) RETURNS double precision
	AS 'MODULE_PATHNAME', 'tally_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tally_value(tally, text) IS
'one count or sum of a tally by key; a sum as the float8 nearest its exact decimal value; menapt is NULL when the tally does not count it';

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
