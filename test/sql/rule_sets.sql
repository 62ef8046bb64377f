-- rule_sets: user rule sets (create_rules, drop_rules), their errors, their
-- use wherever a rule version's name is accepted, and that no statement,
-- in this session or another, ever sees a dropped or replaced definition
SET search_path = housing_areas, public;
\set VERBOSITY default

-- a what-if without the non-Western gate, with its own list years
\i test/fixtures/nogate.sql
SELECT name, created_by = current_user AS by_me, created <= now() AS created
  FROM rule_set ORDER BY name;
SELECT rules('nogate') = definition AS rules_gives_the_definition FROM rule_set WHERE name = 'nogate';
SELECT * FROM thresholds('nogate');

-- every function that takes a rule version's name takes it: 49.4 %
-- non-Western is a parallelsamfund without the gate, udsat under dk2021
\set korskaer '''residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 national_convicted=0.65 basic_education=67.4 income=61.8'''
SELECT rules, category, udsat, parallelsamfund, forebyggelse, kombineret_udlejning,
       criteria_met, criteria_unknown, labour, convictions, nonwestern
  FROM classify(:korskaer, 2024, 'nogate');
SELECT category(:korskaer, 2024, 'nogate') AS nogate, category(:korskaer, 2024, 'dk2021') AS dk2021,
       category(:korskaer, 2024) AS of_the_year;
SELECT * FROM margins(:korskaer, 2024, 'nogate');
-- forced on an earlier year, as a built-in version is; years before the
-- first lists are refused as for every version
SELECT category(:korskaer, 2012, 'nogate');
SELECT category(:korskaer, 2009, 'nogate');
-- its history rule: 5 lists, from its first year
SELECT omdannelse(5, 2021, 'nogate') AS five_2021, omdannelse(4, 2024, 'nogate') AS four_2024,
       omdannelse(5, 2020, 'nogate') AS five_2020, omdannelse(NULL, 2020, 'nogate') AS unknown_2020,
       omdannelse(NULL, 2024, 'nogate') AS unknown_2024, omdannelse(5, 2024, NULL) AS no_rules;
SELECT omdannelse(5, 2024, 'dk2021') AS dk2021, omdannelse(50, 2024, 'dk2010') AS dk2010;
SELECT omdannelse(-1, 2024, 'nogate');

-- a rule set without list years is usable by its name, on every list year,
-- with a history rule that starts where it says
SELECT create_rules('anytime', $rules$
rules anytime
  an area counts when residents >= 500
  udsat when outside_labour > 50
  parallelsamfund when udsat and nonwestern > 50
  omdannelse from the list of 2015 when parallelsamfund on each of the last 2 lists
end
$rules$);
SELECT y, category('residents=600 outside_labour=51 nonwestern=60', y, 'anytime'),
       omdannelse(2, y, 'anytime') AS two_lists
  FROM unnest(ARRAY[2010, 2014, 2015, 2030]) AS y;
SELECT * FROM thresholds('anytime');
-- category(ind, year, rules) is the enum, as category(ind, year) is; the
-- rule id of classify() follows the rule set of each row (two user rule
-- sets and a built-in version through one call site)
SELECT pg_typeof(category(:korskaer, 2024, 'nogate')) AS category_type,
       category(:korskaer, 2024, 'nogate') >= 'udsat' AS at_least_udsat,
       category(:korskaer, 2024, 'nogate') = category(:korskaer, 2024, 'dk2021') AS same_as_dk2021;
SELECT r, (classify('residents=600 outside_labour=51 nonwestern=60', 2024, r)).rules,
       (classify('residents=600 outside_labour=51 nonwestern=60', 2024, r)).category,
       category('residents=600 outside_labour=51 nonwestern=60', 2024, r)
  FROM unnest(ARRAY['nogate', 'anytime', 'dk2021', 'anytime', 'nogate']) WITH ORDINALITY AS u(r, n)
 ORDER BY n;

-- errors: the parser's, with line and column
SELECT create_rules('bad', E'rules bad\n  an area counts when residents >= 1000\n  udsat when income = 55\nend\n');
SELECT create_rules('bad', E'rules bad\n  an area counts when residents >= 1000\n  parallelsamfund when udsat\nend\n');
SELECT create_rules('bad', E'rules bad\n  an area counts when residents >= 1000\n  udsat when income < 1001\nend\n');
SELECT create_rules('bad', 'rules bad for the lists of 2021 onward');
-- one version, named as the argument, without consequences
SELECT create_rules('two', E'rules two for the lists of 2021 to 2022\n  an area counts when residents >= 1\nend\nrules three for the lists of 2023 onward\n  an area counts when residents >= 1\nend\n');
SELECT create_rules('two', E'rules two\n  an area counts when residents >= 1\nend\nrules three\n  an area counts when residents >= 1\nend\n');
SELECT create_rules('cons', E'rules cons\n  an area counts when residents >= 1\nend\nconsequences\n  daycare_cap is 30 percent\nend\n');
SELECT create_rules('other', E'rules another\n  an area counts when residents >= 1\nend\n');
-- reserved names: the built-in blocks, read from the built-in rule text
SELECT create_rules('dk2021', rules('dk2021'));
SELECT create_rules('consequences', rules('consequences'));
-- existing, unknown, built in
SELECT create_rules('nogate', rules('nogate'));
SELECT drop_rules('no_such_rules');
SELECT drop_rules('dk2018');
SELECT classify(:korskaer, 2024, 'no_such_rules');
SELECT rules('no_such_rules');
SELECT * FROM thresholds('no_such_rules');
SELECT category(:korskaer, 2024, repeat('x', 100));
-- NULLs: nothing to create (STRICT), nothing classified
SELECT create_rules(NULL, 'rules x');
SELECT count(*) AS rule_sets FROM rule_set;
SELECT category(:korskaer, 2024, NULL) IS NULL AS category_null;
-- the SQLSTATE of each refusal
\i test/fixtures/try.sql
SELECT stmt, pg_temp.try(stmt) AS outcome
  FROM unnest(ARRAY[
    $$SELECT create_rules('bad', E'rules bad\n  an area counts when residents = 1\nend\n')$$,
    $$SELECT create_rules('bad', E'rules bad\n  an area counts when residents >= 1\n  parallelsamfund when udsat\nend\n')$$,
    $$SELECT create_rules('two', E'rules two for the lists of 2021 to 2022\n  an area counts when residents >= 1\nend\nrules three for the lists of 2023 onward\n  an area counts when residents >= 1\nend\n')$$,
    $$SELECT create_rules('other', E'rules another\n  an area counts when residents >= 1\nend\n')$$,
    $$SELECT create_rules('dk2013', rules('dk2013'))$$,
    $$SELECT create_rules('nogate', rules('nogate'))$$,
    $$SELECT drop_rules('no_such_rules')$$,
    $$SELECT drop_rules('consequences')$$,
    $$SELECT category('residents=1', 2024, 'no_such_rules')$$,
    $$SELECT create_rules('long', 'rules ' || repeat('x', 40))$$]) WITH ORDINALITY AS t(stmt, n)
 ORDER BY n;

-- the table refuses what create_rules refuses, whoever writes it
INSERT INTO rule_set (name, definition) VALUES ('direct', E'rules direct\n  an area counts when residents >= 1\n');
INSERT INTO rule_set (name, definition) VALUES ('dk2010', rules('dk2010'));
UPDATE rule_set SET definition = replace(definition, 'nogate', 'renamed') WHERE name = 'nogate';
SELECT count(*) AS rule_sets FROM rule_set;

-- never stale, in one session: drop, re-create with another definition,
-- in separate statements, in one transaction, and rolled back
CREATE TEMP TABLE probe (n int, ind indicators);
INSERT INTO probe VALUES (1, :korskaer), (2, 'residents=1913 nonwestern=60 outside_labour=50 income=50');
SELECT n, category(ind, 2024, 'nogate') FROM probe ORDER BY n;
SELECT drop_rules('nogate');
SELECT n, category(ind, 2024, 'nogate') FROM probe ORDER BY n;
SELECT create_rules('nogate', E'rules nogate\n  an area counts when residents >= 1000\n  udsat when income < 55\nend\n');
SELECT n, category(ind, 2024, 'nogate'), (classify(ind, 2024, 'nogate')).rules FROM probe ORDER BY n;
BEGIN;
SELECT drop_rules('nogate');
SELECT create_rules('nogate', E'rules nogate\n  an area counts when residents >= 1000\n  udsat when outside_labour > 40\nend\n');
SELECT n, category(ind, 2024, 'nogate') FROM probe ORDER BY n;
SELECT count(*) AS thresholds FROM thresholds('nogate');
ROLLBACK;
SELECT n, category(ind, 2024, 'nogate') FROM probe ORDER BY n;
SELECT count(*) AS thresholds FROM thresholds('nogate');
-- inside one PL/pgSQL block: each statement reads the definition it sees
DO $$
DECLARE
	got text[] := '{}';
BEGIN
	FOR i IN 1..3 LOOP
		PERFORM housing_areas.drop_rules('nogate');
		PERFORM housing_areas.create_rules('nogate', format(E'rules nogate\n  an area counts when residents >= 1000\n  udsat when income < %s\nend\n', 45 + 5 * i));
		got := got || housing_areas.category('residents=1913 income=52', 2024, 'nogate')::text;
	END LOOP;
	RAISE NOTICE 'income < 50, < 55, < 60 for income 52: %', got;
END
$$;
-- one call site of classify() kept across statements (a PL/pgSQL
-- expression), the rule set re-created under its name, testing menapt and
-- not in turn: each classification follows the definition, with the
-- attribute images and NULLs of a row PostgreSQL builds (*=)
DO $$
DECLARE
	c housing_areas.classification;
	got text[] := '{}';
BEGIN
	FOR i IN 1..4 LOOP
		PERFORM housing_areas.drop_rules('nogate');
		PERFORM housing_areas.create_rules('nogate', CASE WHEN i % 2 = 1
			THEN E'rules nogate\n  an area counts when residents >= 1000\n  udsat when menapt > 40\nend\n'
			ELSE E'rules nogate\n  an area counts when residents >= 1000\n  udsat when income < 55\nend\n' END);
		c := housing_areas.classify('residents=1913 income=60 menapt=45', 2024, 'nogate');
		got := got || format('%s menapt=%s same=%s', c.category,
							 coalesce(c.menapt::text, 'NULL'),
							 c *= ROW(c.*)::housing_areas.classification);
	END LOOP;
	RAISE NOTICE 'menapt > 40, income < 55, in turn: %', got;
END
$$;
-- a prepared statement and a cached plan read the definition each time
PREPARE cat(int) AS SELECT category(ind, 2024, 'nogate') FROM probe WHERE n = $1;
EXECUTE cat(2);
SELECT drop_rules('nogate');
SELECT create_rules('nogate', E'rules nogate\n  an area counts when residents >= 1000\n  udsat when outside_labour > 60\nend\n');
EXECUTE cat(2);
SELECT drop_rules('nogate');
EXECUTE cat(2);
DEALLOCATE cat;

-- never stale across sessions: another backend, which has the rule set
-- parsed, sees the drop and the new definition
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT dblink_connect('other', format('dbname=%s port=%s host=%s user=%s', current_database(),
       current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1),
       current_user));
SELECT create_rules('shared', E'rules shared\n  an area counts when residents >= 1000\n  udsat when income < 55\nend\n');
SELECT * FROM dblink('other', $q$SELECT housing_areas.category('residents=1913 income=50 outside_labour=50', 2024, 'shared')$q$) AS t(category text);
SELECT drop_rules('shared');
SELECT * FROM dblink('other', $q$SELECT housing_areas.category('residents=1913 income=50 outside_labour=50', 2024, 'shared')$q$) AS t(category text);
SELECT create_rules('shared', E'rules shared\n  an area counts when residents >= 1000\n  udsat when income < 40\nend\n');
SELECT * FROM dblink('other', $q$SELECT housing_areas.category('residents=1913 income=50 outside_labour=50', 2024, 'shared')$q$) AS t(category text);
-- the other session's open transaction sees the definition of its snapshot
SELECT dblink_exec('other', 'BEGIN ISOLATION LEVEL REPEATABLE READ');
SELECT * FROM dblink('other', $q$SELECT housing_areas.category('residents=1913 income=30', 2024, 'shared')$q$) AS t(category text);
SELECT drop_rules('shared');
SELECT create_rules('shared', E'rules shared\n  an area counts when residents >= 1000\n  udsat when income < 20\nend\n');
SELECT * FROM dblink('other', $q$SELECT housing_areas.category('residents=1913 income=30', 2024, 'shared')$q$) AS t(category text);
SELECT dblink_exec('other', 'COMMIT');
SELECT * FROM dblink('other', $q$SELECT housing_areas.category('residents=1913 income=30', 2024, 'shared')$q$) AS t(category text);
SELECT dblink_disconnect('other');
DROP EXTENSION dblink;

-- a role that may not read rule_set cannot use a user rule set, and
-- still every built-in version; granted SELECT, it can
SET client_min_messages = warning;
DROP ROLE IF EXISTS ha_rules_reader;
RESET client_min_messages;
CREATE ROLE ha_rules_reader;
GRANT USAGE ON SCHEMA housing_areas TO ha_rules_reader;
SET ROLE ha_rules_reader;
SELECT category(:korskaer, 2024, 'dk2018');
SELECT category(:korskaer, 2024, 'shared');
SELECT create_rules('mine', E'rules mine\n  an area counts when residents >= 1\nend\n');
RESET ROLE;
GRANT SELECT ON rule_set TO ha_rules_reader;
SET ROLE ha_rules_reader;
SELECT category(:korskaer, 2024, 'shared');
RESET ROLE;
REVOKE ALL ON rule_set FROM ha_rules_reader;
REVOKE ALL ON SCHEMA housing_areas FROM ha_rules_reader;
DROP ROLE ha_rules_reader;

SELECT drop_rules(name) FROM rule_set ORDER BY name;
SELECT count(*) AS rule_sets_left FROM rule_set;
