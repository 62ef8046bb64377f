#!/usr/bin/env bash
# test/bench/tally.sh: how fast tally_agg counts person rows, against the
# same counts written as plain SQL (count/sum with FILTER).
#
#   bash test/bench/tally.sh [--write docs/performance.md] [rows] [runs]
#   (defaults: 5900000 rows, BENCH_RUNS or 6 runs; BENCH_PORT, default 54391)
#
# Builds the extension (-O2, as installed), starts a throwaway cluster with
# the settings printed below, generates `rows` person rows in 198 areas,
# and then, with 0 and with 2 parallel workers (JIT off, as in the test
# cluster) and once with JIT fully on: checks that tally_agg and the plain
# SQL return the same rows (exits non-zero if not), and times three queries
# `runs` times each after a warm-up, in alternating order: a floor (the same
# scan, columns and grouping with the cheapest aggregate), tally_agg and the
# plain SQL.  Prints medians, minima and IQRs, the ratio tally_agg / plain
# SQL (target: at most 0.5), the same ratio for the time above the floor,
# and the parallel speed-up.  Not part of `make test`.
set -uo pipefail
. "$(dirname "$0")/lib-bench.sh"
hb_args tally "$@"
rows=${HB_ARGS[0]:-5900000}
runs=${HB_ARGS[1]:-${BENCH_RUNS:-6}}
areas=198
hb_at_least rows "$rows" 1000
hb_at_least runs "$runs" 2
hb_start "${BENCH_PORT:-54391}" "-c shared_buffers=1GB -c work_mem=64MB -c max_worker_processes=8 -c max_parallel_workers=8"

ha_say "generating $rows person rows in $areas areas, checking and timing"
hb_psql -v rows="$rows" -v areas="$areas" -v runs="$runs" -f test/bench/tally.sql >&2 ||
	ha_die "tally benchmark failed"

md=$HA_BENCH_WORK/tally.md
{
	hb_environment shared_buffers work_mem max_worker_processes max_parallel_workers huge_pages jit
	echo "- in every run: parallel_setup_cost=0, parallel_tuple_cost=0, min_parallel_table_scan_size=0; the table prewarmed (pg_prewarm);" \
		"\"JIT\": jit=on with jit_above_cost, jit_inline_above_cost and jit_optimize_above_cost 0"
	echo
	hb_sql <<'SQL'
SELECT format('Data: %s person rows in %s areas, %s.', to_char(count(*), 'FM999G999G999'),
			  count(DISTINCT area_id), pg_size_pretty(pg_relation_size('bench.persons')))
  FROM bench.persons;
SQL
	echo
	hb_sql <<'SQL'
WITH r AS (
	SELECT r.*, CASE r.grp WHEN '0 workers' THEN 1 WHEN '2 workers' THEN 2 ELSE 3 END AS g
	  FROM bench.results AS r WHERE r.bench = 'tally'
)
SELECT '| run | query | median ms | min | IQR | above the floor | `tally_agg` / plain SQL: medians | above the floor |'
UNION ALL
SELECT '|---|---|--:|--:|--:|--:|--:|--:|'
UNION ALL
(SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s |', r.grp, r.label,
			   bench.fmt_median(r.median_ms, r.q1_ms, r.q3_ms), bench.fmt(r.min_ms), bench.fmt(r.q3_ms - r.q1_ms),
			   CASE WHEN r.key <> 'floor' THEN bench.fmt(r.median_ms - f.median_ms) END,
			   CASE WHEN r.key = 'tally' THEN bench.ratio(r.median_ms / p.median_ms) END,
			   CASE WHEN r.key = 'tally'
					THEN bench.ratio((r.median_ms - f.median_ms) / (p.median_ms - f.median_ms)) END)
   FROM r
   JOIN r AS f ON f.grp = r.grp AND f.key = 'floor'
   JOIN r AS p ON p.grp = r.grp AND p.key = 'plain'
  ORDER BY r.g, r.ord);
SQL
	echo
	hb_sql <<'SQL'
WITH m AS (
	SELECT max(median_ms) FILTER (WHERE grp = '0 workers' AND key = 'tally') AS t0,
		   max(median_ms) FILTER (WHERE grp = '2 workers' AND key = 'tally') AS t2,
		   max(median_ms) FILTER (WHERE grp = '0 workers' AND key = 'plain') AS p0,
		   max(median_ms) FILTER (WHERE grp = '2 workers' AND key = 'plain') AS p2
	  FROM bench.results WHERE bench = 'tally'
)
SELECT format('Speed-up with 2 workers (ratio of medians): `tally_agg` %s, plain SQL %s. '
			  'Target `tally_agg` / plain SQL ≤ 0.50: %s with 0 workers, %s with 2 workers.',
			  bench.ratio(t0 / t2), bench.ratio(p0 / p2),
			  CASE WHEN t0 / p0 <= 0.5 THEN 'met' ELSE 'missed' END,
			  CASE WHEN t2 / p2 <= 0.5 THEN 'met' ELSE 'missed' END)
  FROM m;
SQL
	echo
	hb_sql <<'SQL'
SELECT 'Checked before timing, under each of the three settings, on the queries timed: `tally_agg` '
	   '(its counts taken out with `tally_value`) and the plain SQL return the same rows ('
	   || string_agg(DISTINCT rows_a::text, ', ') || ' areas). '
	   || (SELECT string_agg(note, ' ' ORDER BY ord) FROM bench.notes WHERE bench = 'tally')
  FROM bench.checks WHERE bench = 'tally';
SQL
	hb_scatter_note tally
} >"$md" || ha_die "could not produce the report"
hb_finish "$md"
