-- user rule sets: what-if versions of the rules, in the rule language,
-- stored in a table that pg_dump keeps, usable by name wherever a rule
-- version's name is accepted (docs/rule-language.md, "User rule sets").

CREATE FUNCTION housing_areas_private.check_rule_set(name text, definition text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ha_check_rule_set_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION housing_areas_private.check_rule_set(text, text) IS
'true when definition can be the user rule set name: it parses, holds one rule version, named name, and no consequences, and name is not a built-in one; else the error (the CHECK of rule_set)';

CREATE TABLE rule_set (
	name text PRIMARY KEY,
	definition text NOT NULL,
	created timestamptz NOT NULL DEFAULT pg_catalog.now(),
	created_by name NOT NULL DEFAULT CURRENT_USER,
	CONSTRAINT rule_set_valid CHECK (housing_areas_private.check_rule_set(name, definition))
);
COMMENT ON TABLE rule_set IS
'user rule sets (what-if versions of the rules), one row each; write them with create_rules() and drop_rules(); pg_dump keeps the rows';
COMMENT ON COLUMN rule_set.name IS
'the name of the rule set, as classify(ind, list_year, name) and the other functions take it; equal to the name in its definition, never a built-in one';
COMMENT ON COLUMN rule_set.definition IS
'the rule set in the rule language: one "rules NAME ... end" block, list years optional, comments allowed, no consequences';
COMMENT ON COLUMN rule_set.created IS
'when the rule set was created';
COMMENT ON COLUMN rule_set.created_by IS
'the role that created the rule set';
SELECT pg_catalog.pg_extension_config_dump('rule_set', '');

CREATE FUNCTION create_rules(name text, definition text) RETURNS void
	AS 'MODULE_PATHNAME', 'ha_create_rules_sql'
	LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION create_rules(text, text) IS
'creates a user rule set from a definition in the rule language (one "rules NAME ... end" block whose NAME equals name; list years optional; no consequences); errors name the line and column; classify(), category(), margins(), thresholds(), rules(), omdannelse() and the scenario functions take its name; needs INSERT on rule_set';

CREATE FUNCTION drop_rules(name text) RETURNS void
	AS 'MODULE_PATHNAME', 'ha_drop_rules_sql'
	LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION drop_rules(text) IS
'drops a user rule set (needs DELETE on rule_set); the built-in versions cannot be dropped';
