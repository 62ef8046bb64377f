-- Writes docs/reference.md from the catalog of a fresh installation of both
-- extensions: every public object with its signature and its COMMENT, in
-- the order the install scripts create them (the order of the data flow).
-- Defines the temporary view reference_md (one row, one column md: the
-- whole file), read by `make docs` (test/docs.sh --write) and by the
-- regression test reference, which compares it with docs/reference.md.
SET search_path = housing_areas, public;
CREATE TEMP VIEW reference_md AS
WITH ext AS (
	SELECT e.oid, e.extname, e.extversion, obj_description(e.oid, 'pg_extension') AS comment,
		   row_number() OVER (ORDER BY e.extname) AS ord
	  FROM pg_extension AS e WHERE e.extname IN ('housing_areas', 'housing_areas_postgis')
), members AS (
	-- not the parts of another object (array types, row types of tables,
	-- which PostgreSQL 17 lists as members too): the same on every version
	SELECT x.extname, x.ord, d.classid, d.objid
	  FROM pg_depend AS d JOIN ext AS x ON x.oid = d.refobjid
	 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	   AND NOT EXISTS (SELECT 1 FROM pg_depend AS i
					    WHERE i.classid = d.classid AND i.objid = d.objid AND i.deptype = 'i')
), types AS (
	SELECT m.ord, 1 AS section, t.oid AS objid,
		   '#### `' || format_type(t.oid, NULL) || '`' || E'\n\n'
		   || CASE t.typtype WHEN 'c' THEN 'Composite type: ' WHEN 'e' THEN 'Enum: ' ELSE 'Base type ('
				  || t.typlen || ' bytes): ' END
		   || coalesce(obj_description(t.oid, 'pg_type'), '') || E'\n'
		   || coalesce(E'\n| attribute | type | meaning |\n|---|---|---|\n'
					   || (SELECT string_agg('| `' || a.attname || '` | ' || format_type(a.atttypid, a.atttypmod) || ' | '
											 || coalesce(col_description(t.typrelid, a.attnum), '') || ' |', E'\n' ORDER BY a.attnum)
							 FROM pg_attribute AS a WHERE a.attrelid = t.typrelid AND a.attnum > 0) || E'\n', '') AS text
	  FROM members AS m JOIN pg_type AS t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	 WHERE t.typnamespace = 'housing_areas'::regnamespace
), routines AS (
	SELECT m.ord, CASE WHEN p.prokind = 'a' THEN 3 ELSE 2 END AS section, p.oid AS objid,
		   '#### `' || p.proname || '(' || pg_get_function_arguments(p.oid) || ')'
		   || CASE WHEN p.prokind = 'a' THEN '' ELSE ' → ' || pg_get_function_result(p.oid) END || '`' || E'\n\n'
		   || coalesce(obj_description(p.oid, 'pg_proc'), '') || E'\n\n'
		   || '*' || CASE WHEN p.prokind = 'a' THEN 'aggregate' || CASE WHEN a.aggcombinefn <> 0 THEN ', parallel (combine function)' ELSE '' END
						  ELSE (SELECT l.lanname FROM pg_language AS l WHERE l.oid = p.prolang) || ', '
							   || CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END
							   || CASE WHEN p.proisstrict THEN ', strict' ELSE '' END END
		   || CASE p.proparallel WHEN 's' THEN ', parallel safe' WHEN 'r' THEN ', parallel restricted' ELSE ', parallel unsafe' END
		   || '*' || E'\n' AS text
	  FROM members AS m JOIN pg_proc AS p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	  LEFT JOIN pg_aggregate AS a ON a.aggfnoid = p.oid
	 WHERE p.pronamespace = 'housing_areas'::regnamespace
	   -- type input/output, operator and cast support: listed with their type
	   AND NOT EXISTS (SELECT 1 FROM pg_type AS t WHERE p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend))
	   AND NOT EXISTS (SELECT 1 FROM pg_operator AS o WHERE o.oprcode = p.oid)
	   AND NOT EXISTS (SELECT 1 FROM pg_amproc AS ap WHERE ap.amproc = p.oid)
	   AND NOT EXISTS (SELECT 1 FROM pg_cast AS c WHERE c.castfunc = p.oid)
), operators AS (
	SELECT m.ord, 4 AS section, o.oid AS objid,
		   '- `' || coalesce(format_type(o.oprleft, NULL) || ' ', '') || o.oprname || ' '
		   || format_type(o.oprright, NULL) || '` → ' || format_type(o.oprresult, NULL)
		   || ': ' || coalesce(obj_description(o.oid, 'pg_operator'), '') AS text
	  FROM members AS m JOIN pg_operator AS o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
	UNION ALL
	SELECT m.ord, 4, c.oid,
		   '- cast `' || format_type(c.castsource, NULL) || '` → `' || format_type(c.casttarget, NULL) || '`'
		   || CASE c.castcontext WHEN 'e' THEN ' (explicit)' WHEN 'a' THEN ' (on assignment)' ELSE ' (implicit)' END
		   || ': ' || coalesce(obj_description(c.oid, 'pg_cast'), '')
	  FROM members AS m JOIN pg_cast AS c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
), relations AS (
	SELECT m.ord, CASE c.relkind WHEN 'r' THEN 5 ELSE 6 END AS section, c.oid AS objid,
		   '#### `' || c.relname || '`' || E'\n\n' || coalesce(obj_description(c.oid, 'pg_class'), '') || E'\n\n'
		   || E'| column | type | meaning |\n|---|---|---|\n'
		   || (SELECT string_agg('| `' || a.attname || '` | ' || format_type(a.atttypid, a.atttypmod) || ' | '
								 || coalesce(col_description(c.oid, a.attnum), '') || ' |', E'\n' ORDER BY a.attnum)
				 FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) || E'\n' AS text
	  FROM members AS m JOIN pg_class AS c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	 WHERE c.relkind IN ('r', 'v') AND c.relnamespace = 'housing_areas'::regnamespace
), entries AS (
	SELECT * FROM types UNION ALL SELECT * FROM routines UNION ALL SELECT * FROM operators
	UNION ALL SELECT * FROM relations
), sections AS (
	SELECT e.ord, e.section, string_agg(e.text, E'\n' ORDER BY e.objid) AS body
	  FROM entries AS e GROUP BY e.ord, e.section
)
SELECT rtrim('# SQL reference' || E'\n\n'
	   || 'Generated from the catalog of a fresh installation by `make docs` '
	   || '(`test/docs/reference.sql`): every public object of the two extensions with its signature and '
	   || 'its `COMMENT`, in the order the install scripts create them. Do not edit: change the '
	   || '`COMMENT` in `sql/` and run `make docs`; the regression test `reference` fails while this file is stale.'
	   || E'\n\n'
	   || string_agg('## ' || x.extname || ' ' || x.extversion || E'\n\n' || coalesce(x.comment, '') || E'\n\n'
					 || (SELECT string_agg('### ' || (ARRAY['Types', 'Functions', 'Aggregates', 'Operators and casts', 'Tables', 'Views'])[s.section]
										   || E'\n\n' || s.body, E'\n' ORDER BY s.section)
						   FROM sections AS s WHERE s.ord = x.ord), E'\n' ORDER BY x.ord), E'\n') AS md
  FROM ext AS x;
