#!/usr/bin/env bash
# Classify benchmark (not part of make test): category() over area-years
# against a bare count(*) scan (the floor), the same rule as a plain SQL
# expression and as a PL/pgSQL function, at several sizes.
#   bash test/bench/classify.sh [sizes...]     (default: 100000 1000000 10000000)
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
sizes=${*:-100000 1000000 10000000}
ha_bench_start 54332 "-c shared_buffers=2GB -c work_mem=64MB -c max_parallel_workers_per_gather=0 -c jit=off"
echo "timing: median of 5 round-robin runs (3 above 2 million rows) after a warm-up"
for n in $sizes; do
	psql -X -q -v rows="$n" -f test/bench/classify.sql </dev/null || exit 1
done
