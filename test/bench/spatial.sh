#!/usr/bin/env bash
# Spatial benchmark (not part of make test): builds, starts a throwaway
# server, generates national-scale data and prints each spatial function's
# time beside the best hand-written PostGIS query for the same answer.
#   bash test/bench/spatial.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
ha_bench_start 54331 "-c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_parallel_workers_per_gather=0"
psql -X -q -f test/bench/spatial.sql </dev/null
