-- user rule sets: what-if versions of the rules, in the rule language,
-- stored in a table that pg_dump keeps, usable by name wherever a rule
-- version's name is accepted (docs/rule-language.md, "User rule sets").

CREATE FUNCTION housing_areas_private.check_rule_set(name text, definition text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ha_check_rule_set_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION housing_areas_private.check_rule_set(text, text) IS
'true when definition can be the user rule set name: it parses, holds one rule version, named name, and no consequences, and name is not a built-in one; else the error (the CHECK of rule_set)';

CREATE FUNCTION housing_areas_private.builtin_rules_name(name text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ha_builtin_rules_name_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION housing_areas_private.builtin_rules_name(text) IS
'true when name is a block of the built-in rule text (a rule version or consequences), so reserved';

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
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM housing_areas_private.check_rule_set(create_rules.name, create_rules.definition);
	IF EXISTS (SELECT FROM housing_areas.rule_set AS r WHERE r.name = create_rules.name) THEN
		RAISE EXCEPTION 'rule set "%" already exists', create_rules.name
			USING ERRCODE = 'duplicate_object',
				  HINT = format('Drop it first with drop_rules(%L), or choose another name.', create_rules.name);
	END IF;
	INSERT INTO housing_areas.rule_set (name, definition)
		VALUES (create_rules.name, create_rules.definition);
END
$$;
COMMENT ON FUNCTION create_rules(text, text) IS
'creates a user rule set from a definition in the rule language (one "rules NAME ... end" block whose NAME equals name; list years optional); errors name the line and column; classify(), category(), margins(), thresholds(), rules(), omdannelse() and the scenario functions take its name';

CREATE FUNCTION drop_rules(name text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF housing_areas_private.builtin_rules_name(drop_rules.name) THEN
		RAISE EXCEPTION 'rule version "%" is built in and cannot be dropped', drop_rules.name
			USING ERRCODE = 'reserved_name',
				  HINT = 'Only rule sets made with create_rules() can be dropped.';
	END IF;
	DELETE FROM housing_areas.rule_set AS r WHERE r.name = drop_rules.name;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'rule set "%" does not exist', drop_rules.name
			USING ERRCODE = 'undefined_object',
				  HINT = 'The user rule sets are the rows of housing_areas.rule_set.';
	END IF;
END
$$;
COMMENT ON FUNCTION drop_rules(text) IS
'drops a user rule set; the built-in versions cannot be dropped';
