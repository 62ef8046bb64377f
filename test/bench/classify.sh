#!/usr/bin/env bash
# Classify benchmark (not part of make test): category() over area-years
# against the same dk2021 rule as a plain SQL expression (double precision
# tests, and exact numeric tests) and as a PL/pgSQL function, beside
# (classify()).category, rules_for_year(list_year) (a C function that only
# returns a text per row) and two floors that read the same columns as the
# queries measured against them, at several sizes.  Before timing, checks
# that the queries return the same rows (the float versions: all but the
# exact ties, counted independently) and exits non-zero if not.
#   bash test/bench/classify.sh [--write docs/performance.md] [sizes...]
#   (default sizes: 100000 1000000 10000000; BENCH_RUNS runs, default 6;
#   BENCH_PORT, default 54332)
set -uo pipefail
. "$(dirname "$0")/lib-bench.sh"
hb_args classify "$@"
sizes=${HB_ARGS[*]:-100000 1000000 10000000}
hb_runs 6
for n in $sizes; do
	[ "$n" -ge 1000 ] 2>/dev/null || ha_die "a size must be a number of rows >= 1000, not $n"
done
hb_start "${BENCH_PORT:-54332}" "-c shared_buffers=2GB -c work_mem=64MB -c max_parallel_workers_per_gather=0 -c jit=off"

for n in $sizes; do
	ha_say "classify: $n rows"
	hb_psql -v rows="$n" -v runs="$runs" -f test/bench/classify.sql >&2 ||
		ha_die "classify benchmark failed at $n rows"
done

md=$HA_BENCH_WORK/classify.md
{
	hb_environment shared_buffers work_mem max_parallel_workers_per_gather jit
	echo
	# one row per size and query: times in ns per row; each query against
	# its floor (the one reading the same columns) and against category()
	hb_sql <<'SQL'
WITH r AS (
	SELECT r.*, r.grp::bigint AS n,
		   CASE WHEN r.key IN ('text', 'category', 'classify') THEN 'floor_ind'
				WHEN r.key IN ('exact', 'float', 'plpgsql') THEN 'floor_cols' END AS floor_key
	  FROM bench.results AS r WHERE r.bench = 'classify'
)
SELECT '| rows | query | median ms | median ns/row | min | IQR | × floor | above the floor | × `category()` |'
UNION ALL
SELECT '|---|---|--:|--:|--:|--:|--:|--:|--:|'
UNION ALL
(SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s | %s |',
			   to_char(r.n, 'FM999G999G999'), r.label, bench.fmt_median(r.median_ms, r.q1_ms, r.q3_ms),
			   bench.fmt(r.median_ms * 1e6 / r.n), bench.fmt(r.min_ms * 1e6 / r.n),
			   bench.fmt((r.q3_ms - r.q1_ms) * 1e6 / r.n),
			   bench.ratio(r.median_ms / f.median_ms),
			   bench.fmt((r.median_ms - f.median_ms) * 1e6 / r.n),
			   bench.ratio(r.median_ms / c.median_ms))
   FROM r
   LEFT JOIN r AS f ON f.n = r.n AND f.key = r.floor_key
   LEFT JOIN r AS c ON c.n = r.n AND c.key = 'category' AND r.key NOT LIKE 'floor%'
  ORDER BY r.n, r.ord);
SQL
	echo
	echo "Median of $runs runs in ms, then median, minimum and IQR in ns per row; ratios are of medians." \
		"\"× floor\" and \"above the floor\" compare with the floor that reads the same columns:" \
		"\`(ind, list_year)\` for the extension's functions, the seven \`float8\` columns for the" \
		"plain SQL and PL/pgSQL versions."
	echo
	hb_sql <<'SQL'
SELECT 'Checked before timing, on the queries timed: `category()`, `(classify()).category` and the '
	   'plain SQL with exact `numeric` tests return the same rows; the plain SQL with `float8` tests '
	   'and the PL/pgSQL function return the same rows as each other, and differ from `category()` '
	   'exactly on the rows where convicted is exactly 2 or 3 times national_convicted and binary '
	   'floating point decides the test wrongly (3 × 0.65 = 1.9500000000000002 > 1.95), counted '
	   'independently of the extension: '
	   || string_agg(format('%s of %s rows', to_char(expected / 2, 'FM999G999G999'),
							to_char(grp::bigint, 'FM999G999G999')), ', ' ORDER BY grp::bigint) || '.'
  FROM bench.checks WHERE bench = 'classify' AND what LIKE 'category() vs plain SQL, float%';
SQL
	hb_scatter_note classify
} >"$md" || ha_die "could not produce the report"
hb_finish "$md"
