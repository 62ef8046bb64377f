-- docs/reference.md is what the catalog says: generated from the COMMENTs
-- and signatures of both extensions by `make docs`; stale when they change
\set ECHO none
SET client_min_messages = warning;
\i test/docs/reference.sql
RESET client_min_messages;
\set file `cat docs/reference.md`
\set ECHO all
SELECT md = :'file' AS reference_is_current FROM reference_md;
-- the first lines that differ, if any (run make docs to rewrite the file)
WITH g AS (SELECT u.line, u.n FROM reference_md AS r,
                   unnest(string_to_array(r.md, E'\n')) WITH ORDINALITY AS u(line, n)),
     f AS (SELECT u.line, u.n FROM unnest(string_to_array(:'file', E'\n')) WITH ORDINALITY AS u(line, n))
SELECT coalesce(g.n, f.n) AS line, g.line AS generated, f.line AS in_file
  FROM g FULL JOIN f ON f.n = g.n
 WHERE g.line IS DISTINCT FROM f.line
 ORDER BY 1 LIMIT 5;

-- META.json (PGXN) names the versions the control files give
\set meta `cat META.json`
SELECT e.extname, e.extversion,
       e.extversion = (:'meta'::jsonb ->> 'version') AS distribution_version,
       e.extversion = (:'meta'::jsonb -> 'provides' -> e.extname ->> 'version') AS provides_version
  FROM pg_extension AS e WHERE e.extname LIKE 'housing_areas%' ORDER BY 1;
