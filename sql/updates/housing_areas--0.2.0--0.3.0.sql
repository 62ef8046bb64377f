-- housing_areas 0.2.0 -> 0.3.0
\echo Use "ALTER EXTENSION housing_areas UPDATE TO '0.3.0'" to load this file. \quit

-- private helpers get a schema of their own, off users' search_path
CREATE SCHEMA housing_areas_private;
COMMENT ON SCHEMA housing_areas_private IS
'private helpers of housing_areas and housing_areas_postgis: not part of the SQL interface, may change in any release';
ALTER FUNCTION years_on_list_step(internal, boolean, integer) SET SCHEMA housing_areas_private;
ALTER FUNCTION years_on_list_final(internal) SET SCHEMA housing_areas_private;
ALTER FUNCTION tally_agg_step(tally, integer, boolean, double precision, boolean, boolean, double precision, boolean)
	SET SCHEMA housing_areas_private;

-- disclose_share: a share of an unknown population is hidden (it was shown)
CREATE OR REPLACE FUNCTION disclose_share(share double precision, population double precision)
	RETURNS double precision
	LANGUAGE sql STABLE PARALLEL SAFE
	-- an unknown population may be a small one: hide the share
	RETURN CASE WHEN population >= min_cell_count() THEN share END;
COMMENT ON FUNCTION disclose_share(double precision, double precision) IS
'a share of a population, or NULL when the population is smaller than min_cell_count() or unknown';

-- tally: exact sums (layout version 2, full-time persons in millionths and
-- income in øre); values stored in layout version 1 are converted on read,
-- so no table is rewritten (docs/decisions.md, "Exact tallies")
COMMENT ON TYPE tally IS
'Additive counts of one housing area for one data year (residents, nonwestern, persons_18_64, outside_labour_fte, persons_18plus, convicted_18plus, persons_30_59, basic_education_30_59, taxpayers_15_64, income_sum), all integers: outside_labour_fte in millionths of a full-time person, income_sum in øre, so sums are exact and do not depend on the order of addition; absent keys count 0';
COMMENT ON FUNCTION tally_in(cstring) IS 'text input of tally: key=value pairs in any order, absent keys count 0; a sum with more decimals than millionths (outside_labour_fte) or øre (income_sum) is rounded half away from zero';
COMMENT ON FUNCTION tally_out(tally) IS 'text output of tally: all keys in canonical order, the sums as exact decimals';
COMMENT ON FUNCTION tally_recv(internal) IS 'binary input of tally, validated like text input: layout version 2 (int8 sums in millionths and øre) and version 1 (float8 sums, housing_areas 0.2.0 and earlier; rounded like text input)';
COMMENT ON FUNCTION tally_send(tally) IS 'binary output of tally, layout version 2';
COMMENT ON FUNCTION tally_add(tally, tally) IS
'implementation of + for tally: adds every count and sum exactly, an error when one would leave its range; also the transition and combine function of sum(tally) and the combine function of tally_agg';
COMMENT ON OPERATOR + (tally, tally) IS 'sum of two tallies: every count and sum added exactly';
COMMENT ON AGGREGATE tally_agg(integer, boolean, double precision, boolean, boolean, double precision, boolean) IS
'tally of person rows, one row per resident. Age bands: 18-64 labour market, 18+ convictions, 30-59 education, 15-64 income (students excluded). outside_labour_fte (0 to 1) is counted in millionths and gross_income (at most 10^15 kroner either way) in øre, each rounded once as its decimal reads, half away from zero, so the result does not depend on the order of the rows or the plan. NULL age: resident in no age band; NULL nonwestern: not non-Western; NULL outside_labour_fte: 0; NULL convicted: not convicted; NULL basic_education: basic (rules); NULL gross_income: no taxpayer record; NULL student: not a student. NULL when there are no rows';
COMMENT ON FUNCTION tally_value(tally, text) IS
'one count or sum of a tally by key; a sum as the float8 nearest its exact decimal value';

-- The PostGIS layer becomes an extension of its own, housing_areas_postgis.
-- Its tables (with every row), views and functions stay where they are and
-- keep working; they are released from housing_areas here, and
--   CREATE EXTENSION housing_areas_postgis VERSION '0.2.0';
--   ALTER EXTENSION housing_areas_postgis UPDATE;
-- makes them members of housing_areas_postgis again (README, "Upgrading").
-- housing_areas itself no longer requires postgis.
ALTER EXTENSION housing_areas DROP TABLE facility_kind;
ALTER EXTENSION housing_areas DROP TABLE area;
ALTER EXTENSION housing_areas DROP TABLE area_year;
ALTER EXTENSION housing_areas DROP TABLE facility;
ALTER EXTENSION housing_areas DROP TABLE enrolment;
ALTER EXTENSION housing_areas DROP TABLE municipality;
ALTER EXTENSION housing_areas DROP FUNCTION dagi_from_geojson(jsonb, text, text);
ALTER EXTENSION housing_areas DROP FUNCTION on_udsat_list(classification, text);
ALTER EXTENSION housing_areas DROP FUNCTION on_a_list(classification, text);
ALTER EXTENSION housing_areas DROP VIEW area_status;
ALTER EXTENSION housing_areas DROP FUNCTION check_facility_kind(text);
ALTER EXTENSION housing_areas DROP FUNCTION check_positive(text, double precision, boolean);
ALTER EXTENSION housing_areas DROP FUNCTION daycare_cap(integer);
ALTER EXTENSION housing_areas DROP FUNCTION language_test_schools(integer);
ALTER EXTENSION housing_areas DROP FUNCTION listed_areas(integer);
ALTER EXTENSION housing_areas DROP FUNCTION nearest_facilities(text, integer, integer);
ALTER EXTENSION housing_areas DROP FUNCTION facility_access(text, double precision, integer);
ALTER EXTENSION housing_areas DROP FUNCTION latest_list_year();
ALTER EXTENSION housing_areas DROP FUNCTION areas_geojson(integer);
ALTER EXTENSION housing_areas DROP FUNCTION check_tile(integer, integer, integer);
ALTER EXTENSION housing_areas DROP FUNCTION areas_mvt_features(integer, integer, integer, integer);
ALTER EXTENSION housing_areas DROP FUNCTION areas_mvt(integer, integer, integer, integer);
ALTER EXTENSION housing_areas DROP FUNCTION category_colour(text);
ALTER EXTENSION housing_areas DROP FUNCTION map_svg(integer, text);
ALTER EXTENSION housing_areas DROP VIEW gis_area_status;
ALTER EXTENSION housing_areas DROP VIEW bi_area_status;

DO $$
BEGIN
	RAISE WARNING 'the tables, views and map functions of housing_areas are now a separate extension, housing_areas_postgis'
		USING DETAIL = 'They keep their rows and work as before, but until housing_areas_postgis adopts them pg_dump does not treat them as part of an extension.',
			  HINT = 'Run CREATE EXTENSION housing_areas_postgis VERSION ''0.2.0''; and then ALTER EXTENSION housing_areas_postgis UPDATE;';
END $$;

-- comments on the attributes of classification (BI tools and the reference show them)
COMMENT ON COLUMN classification.list_year IS
'the list year classified';
COMMENT ON COLUMN classification.rules IS
'the rule version applied: dk2010, dk2013, dk2018 or dk2021';
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

-- the rules as a text in the rule language, built into the library: its
-- definitions, the consequences, and the thresholds derived from it
COMMENT ON FUNCTION thresholds(text) IS
'the rule table of a version, from the built-in rule text (rules(name)): every test of every category with its operator and threshold';

CREATE FUNCTION rules() RETURNS text
	AS 'MODULE_PATHNAME', 'ha_rules_text_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rules() IS
'the built-in rule text, as written: every rule version and the consequences, in the rule language (docs/rule-language.md); classify(), thresholds(), omdannelse(), consequence() and the 40 % rule follow it';

CREATE FUNCTION rules(name text) RETURNS text
	AS 'MODULE_PATHNAME', 'ha_rules_block_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rules(text) IS
'the definition of one rule version (dk2010, dk2013, dk2018, dk2021), or of the consequences (name consequences), as written in the built-in rule text, with the comments above it';

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

-- ---- category enum ----
-- category() and classification.category return the enum category (ordered
-- by severity, unknown first) instead of text.  Neither can change in place
-- while a view, an index or a function with a SQL-standard body uses it:
-- those of the user (and area_status of the PostGIS layer of 0.2.0,
-- released above), and everything built on them, are saved here, dropped,
-- and created again from their definitions, with their owner, grants and
-- comments.  Where a view reads the category field of a classification
-- column ((s.c).category), the field is cast to text so the view keeps its
-- type.  An object whose definition no longer fits the enum (a comparison
-- with a text value, which PostgreSQL stores as 'udsat'::text) stops the
-- update with its name, its definition and what to do; nothing changes then,
-- as the update is one transaction.  This block comes first among this
-- version's blocks, so that those after it create their objects on the enum.
CREATE TYPE category AS ENUM
	('unknown', 'none', 'forebyggelse', 'udsat', 'parallelsamfund', 'omdannelse');
COMMENT ON TYPE category IS
'the category of an area in a list year, ordered by severity: unknown < none < forebyggelse < udsat < parallelsamfund < omdannelse; unknown (missing values decide it) sorts first, so category >= ''udsat'' holds only for areas known to be at least udsat and category >= ''none'' only for decided ones';

CREATE TABLE housing_areas_private.category_update_saved (
	ord integer NOT NULL,
	kind text NOT NULL,
	name text NOT NULL,
	drop_command text NOT NULL,
	create_command text NOT NULL,
	after_commands text[] NOT NULL
);

DO $$
DECLARE
	fn oid := 'housing_areas.category(housing_areas.indicators, integer)'::pg_catalog.regprocedure;
	cls oid := (SELECT t.typrelid FROM pg_catalog.pg_type AS t
				 WHERE t.oid = 'housing_areas.classification'::pg_catalog.regtype);
	att smallint := (SELECT a.attnum FROM pg_catalog.pg_attribute AS a
					  WHERE a.attrelid = cls AND a.attname = 'category');
	o record;
	def text;
	after text[];
	blockers text;
BEGIN
	-- every object that depends on category() or on the attribute, directly
	-- or through another such object (views through their rewrite rules)
	CREATE TABLE housing_areas_private.category_update_dependant AS
	WITH RECURSIVE dep AS (
		SELECT d.classid, d.objid, 1 AS depth
		  FROM pg_catalog.pg_depend AS d
		 WHERE d.deptype = 'n'
		   AND ((d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.refobjid = fn)
				OR (d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
					AND d.refobjid = cls AND d.refobjsubid = att)
				-- a function with a SQL-standard body on classification
				-- stops ALTER TYPE whatever attribute it reads
				OR (d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
					AND ((d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = cls)
						 OR (d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass
							 AND d.refobjid = 'housing_areas.classification'::pg_catalog.regtype))
					AND EXISTS (SELECT 1 FROM pg_catalog.pg_proc AS p
								 WHERE p.oid = d.objid AND p.prosqlbody IS NOT NULL)))
		UNION ALL
		-- what depends on a view (through its rewrite rule) or on a function
		SELECT d.classid, d.objid, dep.depth + 1
		  FROM dep
		  LEFT JOIN pg_catalog.pg_rewrite AS r
			ON dep.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = dep.objid
		  LEFT JOIN pg_catalog.pg_class AS v ON v.oid = r.ev_class
		  JOIN pg_catalog.pg_depend AS d
			ON d.deptype = 'n'
		   AND ((d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = r.ev_class
				 AND NOT (d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid))
				-- a function returning the view's row type (SETOF area_status)
				OR (d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.refobjid = v.reltype)
				OR (dep.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
					AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.refobjid = dep.objid))
		 WHERE dep.depth < 50
	)
	SELECT dep.classid, dep.objid, max(dep.depth) AS depth
	  FROM dep
	 GROUP BY dep.classid, dep.objid;

	-- what cannot be saved and created again: constraints, defaults,
	-- triggers, policies, objects of other extensions
	SELECT string_agg(pg_catalog.pg_describe_object(d.classid, d.objid, 0), ', ' ORDER BY 1)
	  INTO blockers
	  FROM housing_areas_private.category_update_dependant AS d
	  LEFT JOIN pg_catalog.pg_rewrite AS r
		ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid
	 WHERE NOT (d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.rulename = '_RETURN')
	   AND NOT (d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
				AND (SELECT c.relkind FROM pg_catalog.pg_class AS c WHERE c.oid = d.objid) = 'i')
	   AND NOT d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
		OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS e
					WHERE e.deptype = 'e'
					  AND e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
					  AND e.classid = CASE WHEN d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
										   THEN 'pg_catalog.pg_class'::pg_catalog.regclass ELSE d.classid END
					  AND e.objid = COALESCE(r.ev_class, d.objid));
	IF blockers IS NOT NULL THEN
		RAISE EXCEPTION 'cannot update housing_areas: % uses category() or classification.category', blockers
			USING ERRCODE = 'dependent_objects_still_exist',
				  DETAIL = 'Both become the enum type category in 0.3.0, and these objects cannot be created again from their definitions by the update.',
				  HINT = 'Drop them, run ALTER EXTENSION housing_areas UPDATE, and create them again; comparisons with quoted labels keep working (category(ind, list_year) = ''udsat'').';
	END IF;

	FOR o IN
		SELECT d.depth, c.oid AS relid, c.relkind, NULL::oid AS procid
		  FROM housing_areas_private.category_update_dependant AS d
		  JOIN pg_catalog.pg_rewrite AS r ON r.oid = d.objid
		  JOIN pg_catalog.pg_class AS c ON c.oid = r.ev_class
		 WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
		UNION ALL
		SELECT d.depth, d.objid, 'i', NULL
		  FROM housing_areas_private.category_update_dependant AS d
		 WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
		UNION ALL
		SELECT d.depth, NULL, NULL, d.objid
		  FROM housing_areas_private.category_update_dependant AS d
		 WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
		 ORDER BY 1
	LOOP
		after := '{}';
		IF o.procid IS NOT NULL THEN
			INSERT INTO housing_areas_private.category_update_saved
			SELECT o.depth, 'function', p.oid::pg_catalog.regprocedure::text,
				   pg_catalog.format('DROP FUNCTION %s', p.oid::pg_catalog.regprocedure),
				   pg_catalog.pg_get_functiondef(p.oid),
				   ARRAY(SELECT pg_catalog.format('ALTER FUNCTION %s OWNER TO %s',
												  p.oid::pg_catalog.regprocedure, p.proowner::pg_catalog.regrole)
						 UNION ALL
						 SELECT pg_catalog.format('COMMENT ON FUNCTION %s IS %L',
												  p.oid::pg_catalog.regprocedure, ds.description)
						   FROM pg_catalog.pg_description AS ds
						  WHERE ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass
						 UNION ALL
						 SELECT pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', p.oid::pg_catalog.regprocedure)
						  WHERE p.proacl IS NOT NULL
						 UNION ALL
						 SELECT pg_catalog.format('GRANT %s ON FUNCTION %s TO %s', a.privilege_type,
												  p.oid::pg_catalog.regprocedure,
												  CASE WHEN a.grantee = 0 THEN 'PUBLIC'
													   ELSE a.grantee::pg_catalog.regrole::text END)
						   FROM pg_catalog.aclexplode(p.proacl) AS a)
			  FROM pg_catalog.pg_proc AS p WHERE p.oid = o.procid;
			CONTINUE;
		END IF;
		IF o.relkind = 'i' THEN
			INSERT INTO housing_areas_private.category_update_saved
			SELECT o.depth, 'index', c.oid::pg_catalog.regclass::text,
				   pg_catalog.format('DROP INDEX %s', c.oid::pg_catalog.regclass),
				   pg_catalog.pg_get_indexdef(c.oid),
				   ARRAY(SELECT pg_catalog.format('COMMENT ON INDEX %s IS %L', c.oid::pg_catalog.regclass, ds.description)
						   FROM pg_catalog.pg_description AS ds
						  WHERE ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass)
			  FROM pg_catalog.pg_class AS c WHERE c.oid = o.relid;
			CONTINUE;
		END IF;
		def := pg_catalog.pg_get_viewdef(o.relid);
		-- the field category of a classification column keeps its type, text
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d
					 JOIN pg_catalog.pg_rewrite AS r ON r.oid = d.objid
					WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
					  AND r.ev_class = o.relid AND d.refobjid = cls AND d.refobjsubid = att) THEN
			def := pg_catalog.regexp_replace(def, '(\([[:alnum:]_]+\.[[:alnum:]_]+\)\.category)\M',
											 '(\1)::text', 'g');
		END IF;
		INSERT INTO housing_areas_private.category_update_saved
		SELECT o.depth, CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END,
			   pg_catalog.format('%I.%I', n.nspname, c.relname)::text,
			   pg_catalog.format('DROP %s %s', CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
								 pg_catalog.format('%I.%I', n.nspname, c.relname)),
			   pg_catalog.format('CREATE %s %s%s AS %s', CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
								 pg_catalog.format('%I.%I', n.nspname, c.relname),
								 ' WITH (' || pg_catalog.array_to_string(c.reloptions, ', ') || ')', def),
			   ARRAY(SELECT pg_catalog.format('ALTER TABLE %s OWNER TO %s', pg_catalog.format('%I.%I', n.nspname, c.relname),
											  c.relowner::pg_catalog.regrole)
					 UNION ALL
					 SELECT pg_catalog.format('COMMENT ON %s %s IS %L',
											  CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,
											  pg_catalog.format('%I.%I', n.nspname, c.relname), ds.description)
					   FROM pg_catalog.pg_description AS ds
					  WHERE ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
						AND ds.objsubid = 0
					 UNION ALL
					 SELECT pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', pg_catalog.format('%I.%I', n.nspname, c.relname),
											  a.attname, ds.description)
					   FROM pg_catalog.pg_description AS ds
					   JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = ds.objsubid
					  WHERE ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
						AND ds.objsubid > 0
					 UNION ALL
					 SELECT pg_catalog.format('GRANT %s ON %s TO %s', a.privilege_type, pg_catalog.format('%I.%I', n.nspname, c.relname),
											  CASE WHEN a.grantee = 0 THEN 'PUBLIC'
												   ELSE a.grantee::pg_catalog.regrole::text END)
					   FROM pg_catalog.aclexplode(c.relacl) AS a
					  WHERE a.grantee <> c.relowner
					 -- the indexes of a materialized view, the triggers of a view
					 UNION ALL
					 SELECT pg_catalog.pg_get_indexdef(i.indexrelid)
					   FROM pg_catalog.pg_index AS i WHERE i.indrelid = c.oid
					 UNION ALL
					 SELECT pg_catalog.pg_get_triggerdef(t.oid)
					   FROM pg_catalog.pg_trigger AS t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal)
		  FROM pg_catalog.pg_class AS c
		  JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
		 WHERE c.oid = o.relid;
	END LOOP;

	-- drop, the deepest first (a view before the views it reads)
	FOR o IN SELECT s.drop_command FROM housing_areas_private.category_update_saved AS s
			  ORDER BY s.ord DESC, s.name DESC
	LOOP
		EXECUTE o.drop_command;
	END LOOP;
END $$;

ALTER TYPE classification ALTER ATTRIBUTE category TYPE category;
COMMENT ON COLUMN classification.category IS
'the category the indicators alone give, by precedence parallelsamfund, udsat, forebyggelse, none; unknown when missing values decide it; never omdannelse, which needs history (area_status)';
DROP FUNCTION category(indicators, integer);
CREATE FUNCTION category(ind indicators, list_year integer) RETURNS category
	AS 'MODULE_PATHNAME', 'ha_category_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION category(indicators, integer) IS
'the category of classify() alone (parallelsamfund, udsat, forebyggelse, none or unknown): the fast path for large scans';

DO $$
DECLARE
	o record;
	c text;
	done text[] := '{}';
BEGIN
	FOR o IN SELECT s.* FROM housing_areas_private.category_update_saved AS s ORDER BY s.ord, s.name
	LOOP
		BEGIN
			EXECUTE o.create_command;
		EXCEPTION WHEN OTHERS THEN
			RAISE EXCEPTION 'cannot update housing_areas: % % cannot be created again on the enum category', o.kind, o.name
				USING ERRCODE = 'dependent_objects_still_exist',
					  DETAIL = pg_catalog.format('category() and classification.category become the enum type category in 0.3.0; the %s''s definition, %s, now fails: %s.',
												 o.kind, o.create_command, SQLERRM),
					  HINT = pg_catalog.format('Drop %s (%s), run ALTER EXTENSION housing_areas UPDATE, and create it again; comparisons with quoted labels keep working (category(ind, list_year) = ''udsat''), with a label written as text (''udsat''::text) they do not.',
											   o.name, o.drop_command);
		END;
		-- created by this script, it would become part of the extension
		IF o.kind <> 'index' THEN
			EXECUTE pg_catalog.format('ALTER EXTENSION housing_areas DROP %s %s', o.kind, o.name);
		END IF;
		FOREACH c IN ARRAY o.after_commands
		LOOP
			EXECUTE c;
		END LOOP;
		done := done || pg_catalog.format('%s %s', o.kind, o.name);
	END LOOP;
	IF done <> '{}' THEN
		RAISE WARNING 'dropped and created again on the enum category: %', pg_catalog.array_to_string(done, ', ')
			USING DETAIL = 'category() and classification.category are now of the enum type category; a view''s column of category() is now of that type too.';
	END IF;
END $$;
DROP TABLE housing_areas_private.category_update_saved, housing_areas_private.category_update_dependant;

CREATE FUNCTION category_label(category category, list_year integer, lang text DEFAULT 'da')
	RETURNS text
	AS 'MODULE_PATHNAME', 'ha_category_label_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION category_label(category, integer, text) IS
'category_label() of a value of the enum category (category(), classify().category)';

-- ---- disclosure control of shares: their populations and the persons they imply ----
COMMENT ON FUNCTION min_cell_count() IS
'the smallest person count shown: the setting housing_areas.min_cell_count (default 5); 1 turns disclosure control off';
CREATE OR REPLACE FUNCTION disclose_share(share double precision, population double precision)
	RETURNS double precision
	LANGUAGE sql STABLE PARALLEL SAFE
	-- an unknown population may be a small one: hide the share; a share of
	-- a large population may still be one person (16.7 % of 6), or all but
	-- one: the count it implies and the rest, rounded to persons (half up),
	-- are checked like disclose() checks a count
	RETURN CASE WHEN min_cell_count() <= 1 THEN share
				WHEN population >= min_cell_count()
					 AND NOT floor(share * population / 100 + 0.5) BETWEEN 1 AND min_cell_count() - 1
					 AND NOT floor((100 - share) * population / 100 + 0.5) BETWEEN 1 AND min_cell_count() - 1
				THEN share END;
COMMENT ON FUNCTION disclose_share(double precision, double precision) IS
'a share (%) of a population, or NULL when the population is unknown or smaller than min_cell_count(), or when the persons it implies (share × population / 100, rounded) or the rest of the population number 1 to min_cell_count() - 1; the share itself when min_cell_count() is 1';
CREATE OR REPLACE FUNCTION disclose_mean(mean double precision, population double precision)
	RETURNS double precision
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE WHEN min_cell_count() <= 1 OR population >= min_cell_count() THEN mean END;
COMMENT ON FUNCTION disclose_mean(double precision, double precision) IS
'a mean over the persons of a population (e.g. income), or NULL when the population is unknown or smaller than min_cell_count(); the mean itself when min_cell_count() is 1';
CREATE OR REPLACE FUNCTION disclosed_criteria(ind indicators, persons tally, list_year integer)
	RETURNS TABLE (residents integer, nonwestern_pct double precision, outside_labour_pct double precision,
				   convicted_pct double precision, basic_education_pct double precision,
				   income_pct double precision, labour boolean, convictions boolean, education boolean,
				   income boolean, nonwestern boolean, criteria_met integer, criteria_unknown integer,
				   kombineret_udlejning boolean, suppressed text[])
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- each value is checked against its own population: residents for
	-- residents and nonwestern, the counts of the tally persons for the
	-- others (18-64 labour, 18+ convictions, 30-59 education, taxpayers
	-- 15-64 income); without a tally those populations are unknown, and an
	-- unknown population may be a small one. When any value of the record
	-- is hidden, every criterion value and flag, the counts of criteria and
	-- kombineret udlejning are hidden with it: with the category they would
	-- let the hidden one be worked out (2 of 4 criteria, 2 of 3 under dk2010)
	WITH v AS (
		SELECT classify(disclosed_criteria.ind, disclosed_criteria.list_year) AS c,
			   indicator(disclosed_criteria.ind, 'residents') AS r,
			   indicator(disclosed_criteria.ind, 'nonwestern') AS nw,
			   indicator(disclosed_criteria.ind, 'outside_labour') AS ol,
			   indicator(disclosed_criteria.ind, 'convicted') AS cv,
			   indicator(disclosed_criteria.ind, 'basic_education') AS be,
			   indicator(disclosed_criteria.ind, 'income') AS inc,
			   tally_value(disclosed_criteria.persons, 'persons_18_64') AS p_labour,
			   tally_value(disclosed_criteria.persons, 'persons_18plus') AS p_convicted,
			   tally_value(disclosed_criteria.persons, 'persons_30_59') AS p_education,
			   tally_value(disclosed_criteria.persons, 'taxpayers_15_64') AS p_income
	), s AS (
		SELECT v.c, v.r, v.nw, v.ol, v.cv, v.be, v.inc,
			   disclose(v.r::integer) AS r_shown,
			   disclose_share(v.nw, v.r) AS nw_shown,
			   disclose_share(v.ol, v.p_labour) AS ol_shown,
			   disclose_share(v.cv, v.p_convicted) AS cv_shown,
			   disclose_share(v.be, v.p_education) AS be_shown,
			   disclose_mean(v.inc, v.p_income) AS inc_shown
		  FROM v
	), h AS (
		SELECT s.*,
			   (s.r IS NOT NULL AND s.r_shown IS NULL) OR (s.nw IS NOT NULL AND s.nw_shown IS NULL)
			   OR (s.ol IS NOT NULL AND s.ol_shown IS NULL) OR (s.cv IS NOT NULL AND s.cv_shown IS NULL)
			   OR (s.be IS NOT NULL AND s.be_shown IS NULL) OR (s.inc IS NOT NULL AND s.inc_shown IS NULL)
				   AS hide
		  FROM s
	)
	SELECT h.r_shown,
		   CASE WHEN NOT h.hide THEN h.nw_shown END,
		   CASE WHEN NOT h.hide THEN h.ol_shown END,
		   CASE WHEN NOT h.hide THEN h.cv_shown END,
		   CASE WHEN NOT h.hide THEN h.be_shown END,
		   CASE WHEN NOT h.hide THEN h.inc_shown END,
		   CASE WHEN NOT h.hide THEN (h.c).labour END,
		   CASE WHEN NOT h.hide THEN (h.c).convictions END,
		   CASE WHEN NOT h.hide THEN (h.c).education END,
		   CASE WHEN NOT h.hide THEN (h.c).income END,
		   CASE WHEN NOT h.hide THEN (h.c).nonwestern END,
		   CASE WHEN NOT h.hide THEN (h.c).criteria_met END,
		   CASE WHEN NOT h.hide THEN (h.c).criteria_unknown END,
		   CASE WHEN NOT h.hide THEN (h.c).kombineret_udlejning END,
		   -- the values that are known but not shown, in column order
		   array_remove(ARRAY[
			   CASE WHEN h.r IS NOT NULL AND h.r_shown IS NULL THEN 'residents' END,
			   CASE WHEN h.nw IS NOT NULL AND h.hide THEN 'nonwestern_pct' END,
			   CASE WHEN h.ol IS NOT NULL AND h.hide THEN 'outside_labour_pct' END,
			   CASE WHEN h.cv IS NOT NULL AND h.hide THEN 'convicted_pct' END,
			   CASE WHEN h.be IS NOT NULL AND h.hide THEN 'basic_education_pct' END,
			   CASE WHEN h.inc IS NOT NULL AND h.hide THEN 'income_pct' END,
			   CASE WHEN (h.c).labour IS NOT NULL AND h.hide THEN 'labour' END,
			   CASE WHEN (h.c).convictions IS NOT NULL AND h.hide THEN 'convictions' END,
			   CASE WHEN (h.c).education IS NOT NULL AND h.hide THEN 'education' END,
			   CASE WHEN (h.c).income IS NOT NULL AND h.hide THEN 'income' END,
			   CASE WHEN (h.c).nonwestern IS NOT NULL AND h.hide THEN 'nonwestern' END,
			   CASE WHEN (h.c).criteria_met IS NOT NULL AND h.hide THEN 'criteria_met' END,
			   CASE WHEN (h.c).criteria_unknown IS NOT NULL AND h.hide THEN 'criteria_unknown' END,
			   CASE WHEN (h.c).kombineret_udlejning IS NOT NULL AND h.hide THEN 'kombineret_udlejning' END],
			   NULL)
	  FROM h;
END;
COMMENT ON FUNCTION disclosed_criteria(indicators, tally, integer) IS
'the person figures of one area and list year as they may be shown under housing_areas.min_cell_count: residents through disclose(), nonwestern through disclose_share() of residents, outside_labour, convicted and basic_education through disclose_share() of persons_18_64, persons_18plus and persons_30_59 of the tally persons, income through disclose_mean() of its taxpayers_15_64 (unknown without persons: hidden), and the criteria flags, criteria_met, criteria_unknown and kombineret_udlejning of classify(); when any value is hidden, every share and flag is hidden with it; suppressed names the known values hidden. One row, also for NULL arguments';
-- ---- user rule sets and scenarios ----
-- the functions that take a rule version's name take a user rule set's
-- too, which a table holds: STABLE now, no longer IMMUTABLE
ALTER FUNCTION classify(indicators, integer, text) STABLE;
ALTER FUNCTION thresholds(text) STABLE;
ALTER FUNCTION margins(indicators, integer, text) STABLE;
ALTER FUNCTION rules(text) STABLE;
COMMENT ON COLUMN classification.rules IS
'the rule version applied: dk2010, dk2013, dk2018 or dk2021, or the name of a user rule set (create_rules)';
COMMENT ON FUNCTION classify(indicators, integer, text) IS
'classifies one area for one list year by a chosen rule version (dk2010, dk2013, dk2018, dk2021) or user rule set (create_rules), for what-if comparisons; STABLE, as a user rule set can change';
COMMENT ON FUNCTION thresholds(text) IS
'the rule table of a version, from the built-in rule text, or of a user rule set (rules(name)): every test of every category with its operator and threshold';
COMMENT ON FUNCTION margins(indicators, integer, text) IS
'margins() under a chosen rule version or user rule set';
COMMENT ON FUNCTION rules(text) IS
'the definition of one rule version (dk2010, dk2013, dk2018, dk2021), or of the consequences (name consequences), as written in the built-in rule text, with the comments above it; or the definition of a user rule set, as given to create_rules';

CREATE FUNCTION category(ind indicators, list_year integer, rules text) RETURNS category
	AS 'MODULE_PATHNAME', 'ha_category_rules_sql'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION category(indicators, integer, text) IS
'the category of classify(ind, list_year, rules) alone, under a chosen rule version or user rule set: the fast path for what-if scans';

CREATE FUNCTION omdannelse(years integer, list_year integer, rules text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ha_omdannelse_rules_sql'
	LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION omdannelse(integer, integer, text) IS
'omdannelse() under a chosen rule version or user rule set: true when the area has been a parallelsamfund on each of the last N lists, N and the first year from the version''s history rule; false where it has none in force that year';

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
-- ---- list_distance and cheapest_change: what it would take to leave or enter a list ----

CREATE FUNCTION list_distance(ind indicators, list_year integer,
	OUT list text, OUT on_list boolean, OUT direction text, OUT rule text,
	OUT criterion text, OUT value double precision, OUT operator text,
	OUT threshold double precision, OUT holds boolean,
	OUT change double precision, OUT flip_operator text,
	OUT persons bigint, OUT income_kr bigint, OUT unit text, OUT note text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_list_distance_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION list_distance(indicators, integer) IS
'for each list of the year''s rules (udsat, parallelsamfund, forebyggelse, kombineret_udlejning) and each of its tests (the size gate, a list it requires or is kept off by, gates, "at least k of n" criteria): whether the area is on the list (on_list, direction leave or enter), whether the test holds, and the smallest change that flips it: change = threshold - value in the criterion''s unit, the new value must satisfy flip_operator threshold (< and > must pass the threshold, <= and >= may reach it); persons only for the size gate (residents); NULL with a note when a value is unknown';

CREATE FUNCTION list_distance(ind indicators, list_year integer, rules text,
	OUT list text, OUT on_list boolean, OUT direction text, OUT rule text,
	OUT criterion text, OUT value double precision, OUT operator text,
	OUT threshold double precision, OUT holds boolean,
	OUT change double precision, OUT flip_operator text,
	OUT persons bigint, OUT income_kr bigint, OUT unit text, OUT note text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_list_distance_rules_sql'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION list_distance(indicators, integer, text) IS
'list_distance() under a chosen rule version';

CREATE FUNCTION list_distance(cur tally, prev tally,
	national_convicted double precision, regional_income double precision,
	list_year integer,
	OUT list text, OUT on_list boolean, OUT direction text, OUT rule text,
	OUT criterion text, OUT value double precision, OUT operator text,
	OUT threshold double precision, OUT holds boolean,
	OUT change double precision, OUT flip_operator text,
	OUT persons bigint, OUT income_kr bigint, OUT unit text, OUT note text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_list_distance_tally_sql'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION list_distance(tally, tally, double precision, double precision, integer) IS
'list_distance() of the record to_indicators(cur, prev, national_convicted, regional_income) gives, with the change also in persons of the latest data year (cur; prev stays): persons is the signed change of the count the criterion counts (outside_labour: full-time persons outside work and education aged 18-64, convicted: convicted aged 18+, basic_education: aged 30-59 with basic schooling only, nonwestern: non-Western residents, residents: residents), the smallest whole number that flips the test as to_indicators computes it; income_kr the signed change of mean income in whole kroner; NULL with a note when no number within the populations flips it; no rows when cur or list_year is NULL';

CREATE FUNCTION list_distance(cur tally, prev tally,
	national_convicted double precision, regional_income double precision,
	list_year integer, rules text,
	OUT list text, OUT on_list boolean, OUT direction text, OUT rule text,
	OUT criterion text, OUT value double precision, OUT operator text,
	OUT threshold double precision, OUT holds boolean,
	OUT change double precision, OUT flip_operator text,
	OUT persons bigint, OUT income_kr bigint, OUT unit text, OUT note text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_list_distance_tally_rules_sql'
	LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION list_distance(tally, tally, double precision, double precision, integer, text) IS
'list_distance() from tallies under a chosen rule version; no rows when cur, list_year or rules is NULL';

CREATE FUNCTION cheapest_change(ind indicators, list_year integer,
	OUT list text, OUT on_list boolean, OUT direction text, OUT option integer,
	OUT criteria integer, OUT criterion text, OUT value double precision,
	OUT flip_operator text, OUT threshold double precision,
	OUT change double precision, OUT reached double precision,
	OUT persons bigint, OUT income_kr bigint, OUT unit text, OUT note text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_cheapest_change_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION cheapest_change(indicators, integer) IS
'for each list of the year''s rules: the sets of the fewest criteria whose change takes the area off the list (direction leave) or onto it (enter), under the rules'' size gate, gates, "at least k of n" and the lists they require or are kept off by; one row per criterion of a set, option 1 the cheapest (fewest percentage points, then persons; sets that move residents only after those that do not, and only where residents must move; docs/decisions.md); each criterion must satisfy flip_operator threshold, change = threshold - value; only known values change and the list must be decided after the change; a list with no such set, or whose status is unknown, has one row with a note';

CREATE FUNCTION cheapest_change(ind indicators, list_year integer, rules text,
	OUT list text, OUT on_list boolean, OUT direction text, OUT option integer,
	OUT criteria integer, OUT criterion text, OUT value double precision,
	OUT flip_operator text, OUT threshold double precision,
	OUT change double precision, OUT reached double precision,
	OUT persons bigint, OUT income_kr bigint, OUT unit text, OUT note text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_cheapest_change_rules_sql'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION cheapest_change(indicators, integer, text) IS
'cheapest_change() under a chosen rule version';

CREATE FUNCTION cheapest_change(cur tally, prev tally,
	national_convicted double precision, regional_income double precision,
	list_year integer,
	OUT list text, OUT on_list boolean, OUT direction text, OUT option integer,
	OUT criteria integer, OUT criterion text, OUT value double precision,
	OUT flip_operator text, OUT threshold double precision,
	OUT change double precision, OUT reached double precision,
	OUT persons bigint, OUT income_kr bigint, OUT unit text, OUT note text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_cheapest_change_tally_sql'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION cheapest_change(tally, tally, double precision, double precision, integer) IS
'cheapest_change() of the record to_indicators(cur, prev, national_convicted, regional_income) gives, counted in persons of the latest data year (cur): each criterion moves by the fewest whole persons (persons, signed as in list_distance) or whole kroner of mean income (income_kr) that flip one of its tests, reached is the value they give, and option 1 is the set of fewest percentage points, then fewest persons, then fewest kroner; no rows when cur or list_year is NULL';

CREATE FUNCTION cheapest_change(cur tally, prev tally,
	national_convicted double precision, regional_income double precision,
	list_year integer, rules text,
	OUT list text, OUT on_list boolean, OUT direction text, OUT option integer,
	OUT criteria integer, OUT criterion text, OUT value double precision,
	OUT flip_operator text, OUT threshold double precision,
	OUT change double precision, OUT reached double precision,
	OUT persons bigint, OUT income_kr bigint, OUT unit text, OUT note text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'ha_cheapest_change_tally_rules_sql'
	LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION cheapest_change(tally, tally, double precision, double precision, integer, text) IS
'cheapest_change() from tallies under a chosen rule version; no rows when cur, list_year or rules is NULL';
-- ---- menapt: a second origin share in indicators, classify and tally ----
-- indicators gains the key menapt (layout version 2 of the stored image,
-- written only when menapt is known, so stored values do not change);
-- make_indicators gains a last argument menapt, which needs DROP and
-- CREATE (an overload would make old calls ambiguous).  A view, a default,
-- a constraint or a function with a SQL-standard body that calls
-- make_indicators holds its OID and would stop the drop: the update names
-- them and says what to do, and changes nothing (one transaction).
COMMENT ON TYPE indicators IS
'Criteria values of one housing area for one list year (residents, nonwestern, outside_labour, convicted, national_convicted, basic_education, income, menapt); absent keys are unknown';
DO $$
DECLARE
	users text;
BEGIN
	SELECT string_agg(DISTINCT pg_catalog.pg_describe_object(
			CASE WHEN d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
				 THEN 'pg_catalog.pg_class'::pg_catalog.regclass ELSE d.classid END,
			COALESCE(r.ev_class, d.objid), 0), ', ')
	  INTO users
	  FROM pg_catalog.pg_depend AS d
	  LEFT JOIN pg_catalog.pg_rewrite AS r
		ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid
	 WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
	   AND d.refobjid = 'housing_areas.make_indicators(integer, double precision, double precision, double precision, double precision, double precision, double precision)'::pg_catalog.regprocedure
	   AND d.deptype = 'n';
	IF users IS NOT NULL THEN
		RAISE EXCEPTION 'cannot update housing_areas: % uses make_indicators()', users
			USING ERRCODE = 'dependent_objects_still_exist',
				  DETAIL = 'make_indicators gains a last argument menapt in 0.3.0 and is dropped and created again, which these objects prevent.',
				  HINT = 'Drop them, run ALTER EXTENSION housing_areas UPDATE, and create them again; calls of make_indicators keep working unchanged.';
	END IF;
END
$$;
DROP FUNCTION make_indicators(integer, double precision, double precision, double precision, double precision, double precision, double precision);
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
-- classification gains the criterion flag menapt, at the end
ALTER TYPE classification ADD ATTRIBUTE menapt boolean;
COMMENT ON COLUMN classification.menapt IS
'criterion: immigrants and descendants from the MENA countries, Pakistan and Turkey (menapt), as a user rule set tests it (create_rules); NULL when unknown or not tested (every built-in version)';
-- ---- menapt in tally: layout version 3 and tally_agg(..., menapt) ----
-- a tally that counts residents from the MENA countries, Pakistan and
-- Turkey keeps the count in its 7 header bytes (layout version 3); every
-- other tally keeps its version-2 bytes, so no table is rewritten
COMMENT ON TYPE tally IS
'Additive counts of one housing area for one data year (residents, nonwestern, persons_18_64, outside_labour_fte, persons_18plus, convicted_18plus, persons_30_59, basic_education_30_59, taxpayers_15_64, income_sum, and optionally menapt: residents from the MENA countries, Pakistan and Turkey), all integers: outside_labour_fte in millionths of a full-time person, income_sum in øre, so sums are exact and do not depend on the order of addition; absent keys count 0, but an absent menapt is not counted (and a sum counts menapt only when every part does)';
COMMENT ON FUNCTION tally_out(tally) IS 'text output of tally: all keys in canonical order, the sums as exact decimals, menapt last when counted';
COMMENT ON FUNCTION tally_recv(internal) IS 'binary input of tally, validated like text input: layout version 2 (int8 sums in millionths and øre), version 3 (version 2 with the menapt count + 1 in the 7 header bytes) and version 1 (float8 sums, housing_areas 0.2.0 and earlier; rounded like text input)';
COMMENT ON FUNCTION tally_send(tally) IS 'binary output of tally, layout version 2, or version 3 when it counts menapt';
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
COMMENT ON FUNCTION to_indicators(tally, tally, double precision, double precision) IS
'criteria values from the tallies of the latest data year (cur) and the year before (prev): residents, nonwestern, basic_education, income (% of regional_income) and menapt (when cur counts it; rounded to 5 decimals) from cur; outside_labour and convicted as the mean of the two yearly shares; a value is unknown when an argument it needs is NULL or its population is 0';
COMMENT ON FUNCTION tally_value(tally, text) IS
'one count or sum of a tally by key; a sum as the float8 nearest its exact decimal value; menapt is NULL when the tally does not count it';
