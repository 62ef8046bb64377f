#!/usr/bin/env bash
# test/bench/tally.sh: how fast tally_agg counts person rows, against the
# same counts written as plain SQL (count/sum with FILTER).
#
#   bash test/bench/tally.sh [rows] [runs]      (defaults: 5900000 and 5)
#
# Builds the extension (-O2, as installed), starts a throwaway cluster with
# the settings printed below, generates `rows` person rows in 198 areas,
# checks that both queries give the same counts, then times three queries
# `runs` times each after a warm-up, in turn so that all see the same
# machine: a floor (the same scan and grouping with the cheapest aggregate),
# tally_agg, and the plain SQL.  It does so with 0 and with 2 parallel
# workers (JIT off, as in the test cluster), and once with JIT fully on.
# Prints medians, the ratio tally_agg / plain SQL (target: at most 0.5), the
# same ratio for the time above the floor, and the parallel speed-up.  Not
# part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh

rows=${1:-5900000}
runs=${2:-5}
areas=198
port=${BENCH_PORT:-54391}
settings="-c listen_addresses='' -c shared_buffers=1GB -c work_mem=64MB -c max_worker_processes=8 -c max_parallel_workers=8"

work=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-bench.XXXXXX)
chmod 755 "$work"
cleanup() { ha_cluster_stop; rm -rf "$work"; }
trap cleanup EXIT

ha_bootstrap
ha_say "building and installing into a private tree"
make -s clean >/dev/null 2>&1
ha_install_tree "$work/tree" >/dev/null
ha_say "starting a throwaway PostgreSQL"
ha_cluster_start "$work/pg" "$port" "$settings"

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@" </dev/null; }
psql_script() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

ha_say "generating $rows person rows in $areas areas"
psql_script <<SQL
CREATE EXTENSION housing_areas_postgis CASCADE;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SELECT setseed(0.42);
-- area sizes vary (about 1:4), ages 0-99, about a third non-Western,
-- labour-market exclusion in quarter years, some unknown education and
-- incomes, students among the young
CREATE TABLE persons AS
SELECT area_id, age,
       random() < 0.3 AS nonwestern,
       CASE WHEN age BETWEEN 18 AND 64 AND random() < 0.4
            THEN (1 + floor(random() * 4)) / 4 ELSE 0 END::float8 AS outside_labour_fte,
       age >= 15 AND random() < 0.02 AS convicted,
       CASE WHEN random() < 0.1 THEN NULL ELSE random() < 0.5 END AS basic_education,
       CASE WHEN age < 15 OR random() < 0.05 THEN NULL
            ELSE round(random() * 600000 - 20000) END::float8 AS gross_income,
       age BETWEEN 15 AND 29 AND random() < 0.3 AS student
  FROM (SELECT 1 + (floor(sqrt(random()) * $areas))::int AS area_id,
               floor(random() * 100)::int AS age
          FROM generate_series(1, $rows)) AS g;
VACUUM (FREEZE, ANALYZE) persons;
SELECT pg_prewarm('persons') \\g /dev/null
SQL

tally_q="SELECT area_id, housing_areas.tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t FROM persons GROUP BY area_id"
plain_q="SELECT area_id,
       count(*) AS residents,
       count(*) FILTER (WHERE nonwestern) AS nonwestern,
       count(*) FILTER (WHERE age BETWEEN 18 AND 64) AS persons_18_64,
       coalesce(sum(outside_labour_fte) FILTER (WHERE age BETWEEN 18 AND 64), 0) AS outside_labour_fte,
       count(*) FILTER (WHERE age >= 18) AS persons_18plus,
       count(*) FILTER (WHERE age >= 18 AND convicted) AS convicted_18plus,
       count(*) FILTER (WHERE age BETWEEN 30 AND 59) AS persons_30_59,
       count(*) FILTER (WHERE age BETWEEN 30 AND 59 AND basic_education IS NOT FALSE) AS basic_education_30_59,
       count(*) FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE AND gross_income IS NOT NULL) AS taxpayers_15_64,
       coalesce(sum(gross_income) FILTER (WHERE age BETWEEN 15 AND 64 AND student IS NOT TRUE), 0) AS income_sum
  FROM persons GROUP BY area_id"

ha_say "checking that both queries count the same"
same=$(psql_q -At -c "SET max_parallel_workers_per_gather = 0;" -c "
SELECT count(*) FILTER (WHERE
         housing_areas.tally_value(a.t, 'residents') = b.residents AND
         housing_areas.tally_value(a.t, 'nonwestern') = b.nonwestern AND
         housing_areas.tally_value(a.t, 'persons_18_64') = b.persons_18_64 AND
         housing_areas.tally_value(a.t, 'outside_labour_fte') = b.outside_labour_fte AND
         housing_areas.tally_value(a.t, 'persons_18plus') = b.persons_18plus AND
         housing_areas.tally_value(a.t, 'convicted_18plus') = b.convicted_18plus AND
         housing_areas.tally_value(a.t, 'persons_30_59') = b.persons_30_59 AND
         housing_areas.tally_value(a.t, 'basic_education_30_59') = b.basic_education_30_59 AND
         housing_areas.tally_value(a.t, 'taxpayers_15_64') = b.taxpayers_15_64 AND
         housing_areas.tally_value(a.t, 'income_sum') = b.income_sum) || '/' || count(*)
  FROM ($tally_q) a JOIN ($plain_q) b USING (area_id)")
echo "areas with identical counts: $same"
[ "${same%/*}" = "${same#*/}" ] && [ "${same#*/}" -gt 0 ] ||
	ha_die "tally_agg and the plain SQL disagree"

# The floor: the same scan, columns and grouping with the cheapest
# aggregate (count of the last column, so every column is deformed); both
# queries pay this much before counting anything.
floor_q="SELECT area_id, count(student) FROM persons GROUP BY area_id"

# Time the floor, tally and plain queries under the settings $1 (SQL), in
# turn; prints the three medians in ms.
time_set() {
	local settings=$1 script=$work/time.sql i q
	{
		echo "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;"
		echo "$settings"
		echo '\timing on'
		for ((i = 0; i <= runs; i++)); do	# round 0 is the warm-up
			for q in "$floor_q" "$tally_q" "$plain_q"; do
				echo "$q \\g /dev/null"
			done
		done
	} >"$script"
	psql -X -q -v ON_ERROR_STOP=1 -f "$script" </dev/null |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n +4 |
		awk '
			{ v[NR % 3, ++n[NR % 3]] = $1 }
			function median(k,   i, j, x, m, a) {
				m = n[k]
				for (i = 1; i <= m; i++) a[i] = v[k, i]
				for (i = 2; i <= m; i++) { x = a[i]; for (j = i - 1; j > 0 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
				return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
			}
			END { printf "%.1f %.1f %.1f\n", median(1), median(2), median(0) }'
}

ha_say "plans with 2 workers"
psql_q -c "SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;" \
	-c "EXPLAIN (COSTS OFF) $tally_q"

ha_say "timing: $runs runs of each query after a warm-up, alternating"
read -r f0 t0 p0 < <(time_set "SET max_parallel_workers_per_gather = 0;")
read -r f2 t2 p2 < <(time_set "SET max_parallel_workers_per_gather = 2;")
# JIT as a server with LLVM uses it on bigger queries: compiled expressions
# and deforming, with inlining and optimisation (thresholds 0 here)
read -r fj tj pj < <(time_set "SET max_parallel_workers_per_gather = 0; SET jit = on;
SET jit_above_cost = 0; SET jit_inline_above_cost = 0; SET jit_optimize_above_cost = 0;")

echo
echo "machine:    $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1))"
echo "server:     $(psql_q -At -c 'SELECT version()')"
echo "settings:   $(psql_q -At -c "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', 'max_parallel_workers', 'max_worker_processes', 'huge_pages')")"
echo "            parallel_setup_cost=0 parallel_tuple_cost=0 in every run; table prewarmed (pg_prewarm)"
echo "data:       $(psql_q -At -c "SELECT count(*) || ' rows, ' || count(DISTINCT area_id) || ' areas, ' || pg_size_pretty(pg_relation_size('persons')) FROM persons")"
echo
awk -v f0="$f0" -v t0="$t0" -v p0="$p0" -v f2="$f2" -v t2="$t2" -v p2="$p2" \
	-v fj="$fj" -v tj="$tj" -v pj="$pj" '
	function row(label, f, t, p) {
		printf "%-16s %9.1f %13.1f %13.1f %6.2f   %.0f / %.0f ms = %.2f\n", label, f, t, p, t / p,
			t - f, p - f, (t - f) / (p - f)
	}
	BEGIN {
	printf "%-16s %9s %13s %13s %6s   %s\n", "run", "floor ms", "tally_agg ms", "plain SQL ms",
		"ratio", "above the floor: tally_agg / plain SQL"
	row("0 workers", f0, t0, p0)
	row("2 workers", f2, t2, p2)
	row("0 workers, JIT", fj, tj, pj)
	printf "speed-up with 2 workers: tally_agg %.2fx, plain SQL %.2fx\n", t0 / t2, p0 / p2
	printf "target tally_agg / plain SQL <= 0.50: %s with 0 workers, %s with 2 workers\n",
		t0 / p0 <= 0.5 ? "met" : "missed", t2 / p2 <= 0.5 ? "met" : "missed"
	print "floor: the same scan and grouping with count(student), which both queries pay;"
	print "JIT: jit=on with jit_above_cost, jit_inline_above_cost and jit_optimize_above_cost 0"
}'
