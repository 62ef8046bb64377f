-- Timing helpers shared by the benchmarks (psql -f test/bench/bench.sql).
-- bench_pair() runs two queries alternately (A B A B ...), after one
-- warm-up each, and returns the median time of each in milliseconds, so
-- both are measured under the same conditions in the same run.
CREATE SCHEMA IF NOT EXISTS bench;

CREATE OR REPLACE FUNCTION bench.run_ms(query text) RETURNS double precision
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
BEGIN
	t0 := clock_timestamp();
	-- q::text makes every column be computed: a bare count(*) would let the
	-- planner drop unused columns, subqueries and aggregates
	EXECUTE 'SELECT count(*) FROM (' || query || ') AS q WHERE q::text IS NOT NULL';
	RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;

CREATE OR REPLACE FUNCTION bench.median(v double precision[]) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$
	SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(v) AS x
$$;

CREATE OR REPLACE FUNCTION bench.pair(label text, a text, b text, runs int DEFAULT 5,
	OUT what text, OUT extension_ms double precision, OUT baseline_ms double precision,
	OUT ratio double precision)
LANGUAGE plpgsql AS $$
DECLARE
	ta double precision[] := '{}';
	tb double precision[] := '{}';
BEGIN
	PERFORM bench.run_ms(a);
	PERFORM bench.run_ms(b);
	FOR i IN 1 .. runs LOOP
		ta := ta || bench.run_ms(a);
		tb := tb || bench.run_ms(b);
	END LOOP;
	what := label;
	extension_ms := round(bench.median(ta)::numeric, 1);
	baseline_ms := round(bench.median(tb)::numeric, 1);
	ratio := round((bench.median(ta) / bench.median(tb))::numeric, 2);
END $$;

-- rows of a minus rows of b, plus rows of b minus rows of a: 0 when equal
CREATE OR REPLACE FUNCTION bench.differences(a text, b text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM ((%s EXCEPT ALL %s) UNION ALL (%s EXCEPT ALL %s)) AS d',
				   a, b, b, a) INTO n;
	RETURN n;
END $$;

-- Several queries timed round-robin (one warm-up each, then `runs` rounds
-- of all of them in turn); returns the median of each in milliseconds.
CREATE OR REPLACE FUNCTION bench.times(labels text[], queries text[], runs int DEFAULT 5)
RETURNS TABLE (ord int, what text, ms double precision)
LANGUAGE plpgsql AS $$
DECLARE
	t double precision[] := array_fill(NULL::double precision, ARRAY[array_length(queries, 1), runs]);
BEGIN
	FOR q IN 1 .. array_length(queries, 1) LOOP
		PERFORM bench.run_ms(queries[q]);
	END LOOP;
	FOR r IN 1 .. runs LOOP
		FOR q IN 1 .. array_length(queries, 1) LOOP
			t[q][r] := bench.run_ms(queries[q]);
		END LOOP;
	END LOOP;
	FOR q IN 1 .. array_length(queries, 1) LOOP
		ord := q;
		what := labels[q];
		ms := bench.median(ARRAY(SELECT t[q][r] FROM generate_series(1, runs) AS r));
		RETURN NEXT;
	END LOOP;
END $$;
