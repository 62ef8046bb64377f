#!/usr/bin/env bash
# Twins at scale (not part of make test): area_twins once for every
# department of one municipality in one year (the all-pairs ways of
# twins.sh take hours there), its parts timed on their own, then the rows
# of 20 departments checked against twins(); exits non-zero if they differ
# or a department has no row.
#   bash test/bench/twins-large.sh [--write docs/performance.md] [units]
#   (units: departments, default 100000; BENCH_PORT, default 55406)
set -uo pipefail
. "$(dirname "$0")/lib-bench.sh"
hb_args twins-large "$@"
units=${HB_ARGS[0]:-100000}
hb_at_least units "$units" 100
hb_start "${BENCH_PORT:-55406}" "-c shared_buffers=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=0"

hb_psql -v units="$units" -f test/bench/twins-large.sql >&2 || ha_die "twins-large benchmark failed"
[ "$(hb_psql -At -c "SELECT bool_and(ok) FROM bench.twins_large WHERE ok IS NOT NULL")" = t ] ||
	ha_die "area_twins differs from twins() or misses departments"

md=$HA_BENCH_WORK/twins-large.md
{
	hb_environment shared_buffers work_mem max_parallel_workers_per_gather jit | grep -v "^- timing:"
	echo
	echo "Data: $units departments in a 20 km square in one year, criteria random, 3 % of convictions" \
		"unknown; no plans. Each step run once, timed by the clock (statement and its table write)."
	echo
	hb_sql <<'SQL'
SELECT '| step | ms | rows | check |'
UNION ALL SELECT '|---|--:|--:|---|'
UNION ALL (SELECT format('| %s | %s | %s | %s |', step, to_char(ms, 'FM999G999G999'), to_char(rows, 'FM999G999G999'),
						 CASE ok WHEN true THEN 'same rows' WHEN false THEN 'DIFFERENT' ELSE '' END)
			 FROM bench.twins_large ORDER BY ord);
SQL
} >"$md" || ha_die "could not produce the report"
hb_finish "$md"
