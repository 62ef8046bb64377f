#!/usr/bin/env bash
# Spatial benchmark (not part of make test): builds, starts a throwaway
# server, generates national-scale data and times each spatial function
# beside a hand-written PostGIS query that returns the same rows, given the
# udsat lists as a table.  Before timing, checks that both queries of each
# pair return the same rows and exits non-zero if not.
#   bash test/bench/spatial.sh [--write docs/performance.md]
#   (BENCH_RUNS runs, default 6; BENCH_PORT, default 54331)
set -uo pipefail
. "$(dirname "$0")/lib-bench.sh"
hb_args spatial "$@"
[ ${#HB_ARGS[@]} -eq 0 ] || hb_usage
hb_runs 6
hb_start "${BENCH_PORT:-54331}" "-c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_parallel_workers_per_gather=0"

hb_psql -v runs="$runs" -f test/bench/spatial.sql >&2 || ha_die "spatial benchmark failed"

md=$HA_BENCH_WORK/spatial.md
{
	hb_environment shared_buffers work_mem maintenance_work_mem max_parallel_workers_per_gather jit
	echo
	hb_sql <<'SQL'
SELECT format('Data: %s areas, %s daycares with %s children admitted in 2020, %s schools with %s pupils '
			  'in 2021; %s areas on the udsat list of 2019, %s on one of the lists of 2018–2020; %s daycares '
			  'over the 30 %% cap.',
			  (SELECT count(*) FROM housing_areas.area),
			  to_char((SELECT count(*) FROM housing_areas.facility WHERE kind = 'daycare'), 'FM999G999'),
			  to_char((SELECT count(*) FROM housing_areas.enrolment WHERE year = 2020), 'FM999G999G999'),
			  to_char((SELECT count(*) FROM housing_areas.facility WHERE kind = 'school'), 'FM999G999'),
			  to_char((SELECT count(*) FROM housing_areas.enrolment WHERE year = 2021), 'FM999G999G999'),
			  (SELECT count(*) FROM bench.udsat_list WHERE list_year = 2019),
			  (SELECT count(DISTINCT area_id) FROM bench.udsat_list WHERE list_year BETWEEN 2018 AND 2020),
			  (SELECT count(*) FROM housing_areas.daycare_cap(2020) WHERE over_cap));
SQL
	echo
	hb_sql <<'SQL'
SELECT '| extension | hand-written baseline | rows | extension median ms | min | IQR | baseline median ms | min | IQR | extension / baseline |'
UNION ALL
SELECT '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|'
UNION ALL
(SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |', e.label, b.label,
			   to_char(k.rows_a, 'FM999G999'),
			   bench.fmt_median(e.median_ms, e.q1_ms, e.q3_ms), bench.fmt(e.min_ms), bench.fmt(e.q3_ms - e.q1_ms),
			   bench.fmt_median(b.median_ms, b.q1_ms, b.q3_ms), bench.fmt(b.min_ms), bench.fmt(b.q3_ms - b.q1_ms),
			   bench.ratio(e.median_ms / b.median_ms))
   FROM bench.results AS e
   JOIN bench.results AS b ON b.bench = e.bench AND b.grp = e.grp AND b.key = 'base'
   JOIN bench.checks AS k ON k.bench = e.bench AND k.grp = e.grp
  WHERE e.bench = 'spatial' AND e.key = 'ext'
  ORDER BY e.grp::int);
SQL
	echo
	echo "Checked before timing, on the queries timed: both queries of each pair return the same rows" \
		"(the \"rows\" column; compared as row text, as multisets)."
	hb_scatter_note spatial
} >"$md" || ha_die "could not produce the report"
hb_finish "$md"
