#!/usr/bin/env bash
# Spatial benchmark (not part of make test): builds, starts a throwaway
# server, generates national-scale data and prints each spatial function's
# time beside the best hand-written PostGIS query for the same answer.
#   bash test/bench/spatial.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
ha_bootstrap
work=$(mktemp -d /tmp/housing_areas-bench.XXXXXX)
chmod 755 "$work"
trap 'ha_cluster_stop; rm -rf "$work"' EXIT
ha_install_tree "$work/tree" >/dev/null || ha_die "build failed"
settings="-c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_parallel_workers_per_gather=0"
ha_cluster_start "$work/pg" 54331 "-c listen_addresses='' $settings" || ha_die "server did not start"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $("$PG_CONFIG" --version)"
echo "server settings: $settings"
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning; CREATE EXTENSION housing_areas CASCADE" </dev/null &&
psql -X -q -f test/bench/bench.sql </dev/null &&
psql -X -q -f test/bench/spatial.sql </dev/null
