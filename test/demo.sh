#!/usr/bin/env bash
# The README's demo command (make demo): installs what is missing, builds,
# starts a throwaway PostgreSQL with PostGIS, creates the extension and
# prints classified example areas.
#
#   make demo                      run and stop the server at the end
#   make demo DEMO_ARGS=--keep     keep the server running and print how to
#                                  connect with psql and QGIS
set -uo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

keep=false
for arg in "$@"; do
	case $arg in
		--keep) keep=true ;;
		-h|--help) sed -n '2,9p' "$0"; exit 0 ;;
		*) ha_die "unknown option $arg (try --help)" ;;
	esac
done

ha_bootstrap
work=$(mktemp -d /tmp/housing_areas-demo.XXXXXX)
chmod 755 "$work"
if ! $keep; then
	trap 'ha_cluster_stop; rm -rf "$work"' EXIT
fi

ha_say "building and installing into $work/tree"
ha_install_tree "$work/tree" || ha_die "build failed"

port=54320
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
ha_say "starting a throwaway PostgreSQL on localhost:$port"
if $keep; then
	ha_cluster_start "$work/pg" "$port" "-c listen_addresses=localhost" || ha_die "server did not start"
else
	ha_cluster_start "$work/pg" "$port" || ha_die "server did not start"
fi

ha_say "creating the extension and classifying example areas"
psql -X -q -v ON_ERROR_STOP=1 -f test/demo.sql </dev/null || ha_die "demo queries failed"

if $keep; then
	cat <<MSG

The server keeps running (data in $work/pg, trust authentication, localhost only).
  psql:  psql -h localhost -p $port -U postgres postgres
         then: SET search_path = housing_areas, public;
  QGIS:  Layer > Add Layer > Add PostGIS Layers > New: host localhost, port $port,
         database postgres, user postgres (no password)
  stop:  $( [ "$(id -u)" -eq 0 ] && echo "runuser -u postgres -- ")$HA_TREE_BIN/pg_ctl -D $work/pg/data stop && rm -rf $work
MSG
fi
