#!/usr/bin/env bash
# Twins benchmark (not part of make test): builds, starts a throwaway server
# and times twins for every record, by the extension (area_twins, and
# twins() called per record) beside the plain SQL way (a cross join that
# computes both records' coordinates for each pair, ORDER BY distance
# LIMIT 5), at national scale (areas x years) and for the departments of
# one municipality in one year.  Before timing, checks that both queries of
# each pair return the same rows and exits non-zero if not.  The work of
# every way grows with the square of the records of a year: the report
# gives the pairs compared per millisecond, to extrapolate from.
#   bash test/bench/twins.sh [--write docs/performance.md] [units]
#   (units: departments, default 2000, at least 50; TWINS_AREAS 200 and TWINS_YEARS 15
#   for the national set; TWINS_PAIRS, default "1 2 3 4", the pairs to run;
#   BENCH_RUNS runs, default 3; BENCH_PORT, default 55406)
# Pairs 1 and 3 set area_twins beside its former all-pairs definition
# (bench.area_twins_all_pairs): the before and after of nearest_twins().
set -uo pipefail
. "$(dirname "$0")/lib-bench.sh"
hb_args twins "$@"
units=${HB_ARGS[0]:-2000}
areas=${TWINS_AREAS:-200}
years=${TWINS_YEARS:-15}
hb_runs 3
pairs=${TWINS_PAIRS:-1 2 3 4}
[[ $pairs =~ ^[1-4]( [1-4])*$ ]] || ha_die "TWINS_PAIRS must be numbers from 1 to 4, not $pairs"
# at least 50: fewer departments may have no neighbour within 1 km (pair 4)
hb_at_least units "$units" 50
hb_start "${BENCH_PORT:-55406}" "-c shared_buffers=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=0"

hb_psql -v runs="$runs" -v areas="$areas" -v years="$years" -v units="$units" -v pairs="{${pairs// /,}}" \
	-f test/bench/twins.sql >&2 ||
	ha_die "twins benchmark failed"

md=$HA_BENCH_WORK/twins.md
{
	hb_environment shared_buffers work_mem max_parallel_workers_per_gather jit
	echo
	echo "Data: national, $areas areas × $years list years (records of a year compared with each other);" \
		"departments, $units in a 20 km square in one year. Criteria random, 3 % of convictions unknown; no plans."
	echo
	hb_sql <<'SQL'
SELECT '| data | extension | plain SQL | rows | records | extension median ms | min | plain median ms | min | extension / plain | pairs per ms (extension) |'
UNION ALL
SELECT '|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|'
UNION ALL
(SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |', p.data, e.label, b.label,
			   to_char(k.rows_a, 'FM999G999G999'), to_char(z.records, 'FM999G999G999'),
			   bench.fmt_median(e.median_ms, e.q1_ms, e.q3_ms), bench.fmt(e.min_ms),
			   bench.fmt_median(b.median_ms, b.q1_ms, b.q3_ms), bench.fmt(b.min_ms),
			   bench.ratio(e.median_ms / b.median_ms),
			   -- pairs of records of the same year, over all years
			   to_char(z.records * (z.per_year - 1) / e.median_ms, 'FM999G999G999'))
   FROM bench.results AS e
   JOIN bench.results AS b ON b.bench = e.bench AND b.grp = e.grp AND b.key = 'base'
   JOIN bench.checks AS k ON k.bench = e.bench AND k.grp = e.grp
   JOIN bench.twins_pairs AS p ON p.ord = e.grp::int
   JOIN bench.twins_sizes AS z ON z.ord = p.ord
  WHERE e.bench = 'twins' AND e.key = 'ext'
  ORDER BY e.grp::int);
SQL
	echo
	echo "Checked before timing, on the queries timed: both queries of each pair return the same rows" \
		"(the \"rows\" column; compared as row text, as multisets). Pair 4 compares only the pairs within" \
		"1 km (through the centroid index), so its pairs-per-ms figure counts pairs it never looked at."
	hb_scatter_note twins
} >"$md" || ha_die "could not produce the report"
hb_finish "$md"
