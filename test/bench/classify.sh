#!/usr/bin/env bash
# Classify benchmark (not part of make test): category() over area-years
# against a bare count(*) scan (the floor), the same rule as a plain SQL
# expression and as a PL/pgSQL function, at several sizes.
#   bash test/bench/classify.sh [sizes...]     (default: 100000 1000000 10000000)
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib.sh
sizes=${*:-100000 1000000 10000000}
ha_bootstrap
work=$(mktemp -d /tmp/housing_areas-bench.XXXXXX)
chmod 755 "$work"
trap 'ha_cluster_stop; rm -rf "$work"' EXIT
ha_install_tree "$work/tree" >/dev/null || ha_die "build failed"
settings="-c shared_buffers=2GB -c work_mem=64MB -c max_parallel_workers_per_gather=0 -c jit=off"
ha_cluster_start "$work/pg" 54332 "-c listen_addresses='' $settings" || ha_die "server did not start"
echo "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)); $("$PG_CONFIG" --version)"
echo "server settings: $settings; median of 5 round-robin runs (3 above 2 million rows) after a warm-up"
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning; CREATE EXTENSION housing_areas CASCADE" </dev/null &&
psql -X -q -f test/bench/bench.sql </dev/null || exit 1
for n in $sizes; do
	psql -X -q -v rows="$n" -f test/bench/classify.sql </dev/null || exit 1
done
