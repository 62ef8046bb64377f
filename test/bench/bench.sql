-- Timing and checking helpers shared by the benchmarks (psql -f test/bench/bench.sql).
--
-- Timing: the "Execution Time" of EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON),
-- i.e. the executor from start to end with every output row and column
-- computed and then discarded: no planning, no output functions, no
-- transfer to the client.  TIMING OFF leaves only the per-node row counts,
-- which both sides of a pair pay alike.
--
-- bench.times() runs a list of queries after one warm-up each, `runs`
-- rounds in alternating order (1 2 3, 3 2 1, 1 2 3, ...), so every pair
-- is measured in both orders and under the same conditions in the same
-- run; it keeps every sample and returns median, minimum and quartiles.
--
-- bench.check_same() runs two queries once each and fails (an exception,
-- so psql with ON_ERROR_STOP exits non-zero) unless they return the same
-- multiset of rows, compared as row text; bench.checks keeps what was
-- checked for the report.
\set ON_ERROR_STOP on
SET client_min_messages = warning;	-- "already exists" when loaded again
CREATE SCHEMA IF NOT EXISTS bench;

CREATE TABLE IF NOT EXISTS bench.results (
	bench text NOT NULL,
	grp text NOT NULL,		-- a size or a setting; '' when there is one
	ord integer NOT NULL,
	key text NOT NULL,
	label text NOT NULL,
	query text NOT NULL,
	runs integer NOT NULL,
	samples double precision[] NOT NULL,
	median_ms double precision NOT NULL,
	min_ms double precision NOT NULL,
	q1_ms double precision NOT NULL,
	q3_ms double precision NOT NULL,
	PRIMARY KEY (bench, grp, key)
);

CREATE TABLE IF NOT EXISTS bench.checks (
	bench text NOT NULL,
	grp text NOT NULL,
	what text NOT NULL,
	rows_a bigint NOT NULL,
	rows_b bigint NOT NULL,
	differing bigint NOT NULL,
	expected bigint NOT NULL
);
-- facts about a run worth a sentence in the report
CREATE TABLE IF NOT EXISTS bench.notes (
	bench text NOT NULL,
	ord serial,
	note text NOT NULL
);
RESET client_min_messages;

CREATE OR REPLACE FUNCTION bench.explain_analyze(query text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) ' || query INTO plan;
	RETURN plan::jsonb -> 0;
END $$;

CREATE OR REPLACE FUNCTION bench.exec_ms(query text) RETURNS double precision
LANGUAGE sql AS $$
	SELECT (bench.explain_analyze(query) ->> 'Execution Time')::double precision
$$;

-- parallel workers launched by one execution of a query, over all its nodes
CREATE OR REPLACE FUNCTION bench.workers_launched(query text) RETURNS integer
LANGUAGE sql AS $$
	SELECT coalesce(sum((w #>> '{}')::integer), 0)::integer
	  FROM jsonb_path_query(bench.explain_analyze(query), 'strict $.**."Workers Launched"') AS w
$$;

-- functions JIT-compiled by one execution of a query (0 without JIT)
CREATE OR REPLACE FUNCTION bench.jit_functions(query text) RETURNS integer
LANGUAGE sql AS $$
	SELECT coalesce((bench.explain_analyze(query) #>> '{JIT,Functions}')::integer, 0)
$$;

CREATE OR REPLACE FUNCTION bench.times(queries text[], runs integer,
	OUT ord integer, OUT samples double precision[], OUT median_ms double precision,
	OUT min_ms double precision, OUT q1_ms double precision, OUT q3_ms double precision)
RETURNS SETOF record
LANGUAGE plpgsql AS $$
DECLARE
	n integer := array_length(queries, 1);
	t double precision[] := array_fill(NULL::double precision, ARRAY[n, runs]);
	q integer;
BEGIN
	FOR k IN 1 .. n LOOP		-- warm-up
		PERFORM bench.exec_ms(queries[k]);
	END LOOP;
	FOR r IN 1 .. runs LOOP
		FOR k IN 1 .. n LOOP
			q := CASE WHEN r % 2 = 1 THEN k ELSE n + 1 - k END;
			t[q][r] := bench.exec_ms(queries[q]);
		END LOOP;
		RAISE NOTICE 'timing: round % of % done', r, runs;
	END LOOP;
	FOR k IN 1 .. n LOOP
		ord := k;
		samples := ARRAY(SELECT t[k][r] FROM generate_series(1, runs) AS r);
		SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), min(x),
			   percentile_cont(0.25) WITHIN GROUP (ORDER BY x),
			   percentile_cont(0.75) WITHIN GROUP (ORDER BY x)
		  INTO median_ms, min_ms, q1_ms, q3_ms
		  FROM unnest(samples) AS x;
		RETURN NEXT;
	END LOOP;
END $$;

-- Time the queries (keys, Markdown labels and SQL in three parallel
-- arrays) and keep the results under (bench, grp).
CREATE OR REPLACE FUNCTION bench.record(bench_name text, grp_name text, keys text[],
	labels text[], queries text[], runs integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM bench.results AS r WHERE r.bench = bench_name AND r.grp = grp_name;
	INSERT INTO bench.results
	SELECT bench_name, grp_name, t.ord, keys[t.ord], labels[t.ord], queries[t.ord], runs,
		   t.samples, t.median_ms, t.min_ms, t.q1_ms, t.q3_ms
	  FROM bench.times(queries, runs) AS t;
END $$;

-- Fail with a message unless ok.
CREATE OR REPLACE FUNCTION bench.assert(ok boolean, message text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	IF ok IS NOT TRUE THEN
		RAISE EXCEPTION 'benchmark check failed: %', message;
	END IF;
END $$;

-- Rows returned by a and b, and the size of their multiset symmetric
-- difference (rows of a not matched by a row of b, and the reverse), rows
-- compared as text; each query runs once.
CREATE OR REPLACE FUNCTION bench.compare(a text, b text,
	OUT rows_a bigint, OUT rows_b bigint, OUT differing bigint)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format($q$
		SELECT coalesce(sum(n_a), 0)::bigint, coalesce(sum(n_b), 0)::bigint,
			   coalesce(sum(abs(n_a - n_b)), 0)::bigint
		  FROM (SELECT count(*) FILTER (WHERE side = 1) AS n_a,
					   count(*) FILTER (WHERE side = 2) AS n_b
				  FROM (SELECT q::text AS r, 1 AS side FROM (%s) AS q
						UNION ALL
						SELECT q::text AS r, 2 AS side FROM (%s) AS q) AS u
				 GROUP BY r) AS g$q$, a, b)
		INTO rows_a, rows_b, differing;
END $$;

-- Fail unless a and b return the same rows (or exactly `expected`
-- differing rows, for a difference that is known and explained), and at
-- least one row each.  Keeps the result in bench.checks.
CREATE OR REPLACE FUNCTION bench.check_same(bench_name text, grp_name text, what text,
	a text, b text, expected bigint DEFAULT 0) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	c record;
BEGIN
	c := bench.compare(a, b);
	IF c.differing <> expected OR c.rows_a = 0 OR c.rows_b = 0 THEN
		RAISE EXCEPTION 'benchmark check failed (%): %: % and % rows, % differing rows, expected %',
			concat_ws(', ', bench_name, nullif(grp_name, '')), what, c.rows_a, c.rows_b, c.differing, expected
			USING HINT = 'The two queries of a timed pair must return the same rows; the timing would compare different answers.';
	END IF;
	RAISE NOTICE 'check passed: %: % and % rows, % differing (expected %)',
		what, c.rows_a, c.rows_b, c.differing, expected;
	DELETE FROM bench.checks AS k WHERE k.bench = bench_name AND k.grp = grp_name AND k.what = check_same.what;
	INSERT INTO bench.checks VALUES (bench_name, grp_name, what, c.rows_a, c.rows_b, c.differing, expected);
	RETURN c.differing;
END $$;

-- Markdown number formats: milliseconds and nanoseconds with a precision
-- that suits their size, ratios with two decimals.
CREATE OR REPLACE FUNCTION bench.fmt(x double precision) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN x IS NULL THEN '–'
				WHEN abs(x) >= 1000 THEN trim(to_char(x, 'FM999G999G999G990'))
				WHEN abs(x) >= 100 THEN round(x::numeric)::text
				WHEN abs(x) >= 10 THEN round(x::numeric, 1)::text
				ELSE round(x::numeric, 2)::text END
$$;

CREATE OR REPLACE FUNCTION bench.ratio(x double precision) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN x IS NULL THEN '–' ELSE round(x::numeric, 2)::text || '×' END
$$;

-- a median cell: the median, marked † when the runs scatter (IQR above
-- 10 % of the median), e.g. because other work shared the machine
CREATE OR REPLACE FUNCTION bench.fmt_median(median double precision, q1 double precision,
	q3 double precision, scale double precision DEFAULT 1) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT bench.fmt(median * scale) || CASE WHEN q3 - q1 > 0.1 * median THEN ' †' ELSE '' END
$$;

-- the footnote for † when a result of the benchmark has one
CREATE OR REPLACE FUNCTION bench.scatter_note(bench_name text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN count(*) > 0 THEN
		format('† %s of %s timed queries have an IQR above 10 %% of their median: other work shared '
			   'the machine during these runs, so compare those figures with care.', count(*), max(n)) END
	  FROM (SELECT r.*, count(*) OVER () AS n FROM bench.results AS r WHERE r.bench = bench_name) AS r
	 WHERE r.q3_ms - r.q1_ms > 0.1 * r.median_ms
$$;
