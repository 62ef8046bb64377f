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
'Criteria values of one housing area for one list year (residents, nonwestern, outside_labour, convicted, national_convicted, basic_education, income, menapt); absent keys are unknown';
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
	income double precision DEFAULT NULL,
	menapt double precision DEFAULT NULL)
	RETURNS indicators
	AS 'MODULE_PATHNAME', 'make_indicators'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION make_indicators(integer, double precision, double precision, double precision, double precision, double precision, double precision, double precision) IS
'builds an indicators record from named arguments; NULL or omitted means unknown, at least one must be known; menapt is rounded to 5 decimals';

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
