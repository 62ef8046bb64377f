#!/usr/bin/env bash
# The README's demo command (make demo): from nothing to a report in one
# command. Installs what is missing, builds, starts a throwaway PostgreSQL
# with PostGIS, generates a Denmark-like dataset (real boundaries, synthetic
# values), prints the report and writes GeoJSON, SVG maps (PNG where a
# renderer is present) and CSVs to an output folder.
#
#   make demo                                 run, then stop the server
#   make demo DEMO_ARGS=--keep                keep the server running; print how to
#                                             connect with psql and QGIS
#   make demo DEMO_ARGS="--out DIR"           output folder (default: demo-output)
#   make demo DEMO_ARGS="--scale 0.3"         fewer areas (default 1: about 200)
set -uo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

keep=false
out=demo-output
scale=1
ha_options "$0" keep=keep! out=out scale=scale -- "$@"
[[ $scale =~ ^[0-9]*\.?[0-9]+$ ]] || ha_die "--scale takes a positive number, not \"$scale\""
mkdir -p "$out" || ha_die "cannot create the output folder $out"
out=$(cd "$out" && pwd)

step() { printf '\n[%s/6] %s\n' "$1" "$2" >&2; }

step 1 "checking PostgreSQL, its development files and PostGIS"
ha_bootstrap

work=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-demo.XXXXXX)
chmod 755 "$work"
# stop the server and remove its files at exit; --keep disarms this only
# once the demo has succeeded, so a failed run leaves no server behind
trap 'ha_cluster_stop; rm -rf "$work"' EXIT

step 2 "building the extension and installing it into $work/tree"
ha_install_tree "$work/tree" || ha_die "build failed"

port=54320
until ha_port_free "$port"; do port=$((port + 1)); done
step 3 "starting a throwaway PostgreSQL on localhost:$port"
listen="-c listen_addresses=''"
$keep && listen="-c listen_addresses=localhost"
ha_cluster_start "$work/pg" "$port" "$listen -c shared_buffers=256MB -c work_mem=32MB" ||
	ha_die "the server did not start"
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning; CREATE EXTENSION housing_areas_postgis CASCADE" </dev/null ||
	ha_die "CREATE EXTENSION failed"

step 4 "generating the demo data (scale $scale; about 30 s at scale 1)"
start=$SECONDS
psql -X -q -v ON_ERROR_STOP=1 -v scale="$scale" -v dagi="$PWD/test/data/dagi" \
	-f test/demo/generate.sql </dev/null || ha_die "data generation failed"
echo "    done in $((SECONDS - start)) s" >&2

step 5 "the report"
psql -X -q -v ON_ERROR_STOP=1 -v out="$out" -f test/demo/report.sql </dev/null || ha_die "the report failed"

step 6 "rendering the map"
svg_size() { sed -n 's/^<svg [^>]*width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$1" | head -n 1; }
rendered=false
for svg in "$out"/map*.svg; do
	png=${svg%.svg}.png
	if command -v rsvg-convert >/dev/null 2>&1; then
		rsvg-convert -o "$png" "$svg" && rendered=true
	else
		for browser in chromium chromium-browser google-chrome; do
			command -v "$browser" >/dev/null 2>&1 || continue
			timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
				--disable-background-networking --disable-component-update --disable-sync \
				--user-data-dir="$work/browser" --window-size="$(svg_size "$svg")" \
				--screenshot="$png" "file://$svg" >/dev/null 2>&1 && rendered=true
			break
		done
	fi
done
$rendered || echo "    (no rsvg-convert or Chromium here: the maps are SVG only)" >&2

echo
echo "Output folder: $out"
ls -1 "$out" | sed 's/^/  /'

if $keep; then
	trap - EXIT
	cat <<MSG

The server keeps running (data in $work/pg; trust authentication, localhost only).
  psql:  psql -h localhost -p $port -U postgres postgres
         then: SET search_path = housing_areas, public;
               SELECT * FROM area_status WHERE list_year = 2025 AND category <> 'none';
  QGIS:  Layer > Add Layer > Add PostGIS Layers > New: host localhost, port $port,
         database postgres, user postgres (no password); add housing_areas.gis_area_status
         and filter "list_year" = 2025; housing_areas.facility for the services
  stop:  $( [ "$(id -u)" -eq 0 ] && echo "runuser -u postgres -- ")$HA_TREE_BIN/pg_ctl -D $work/pg/data stop && rm -rf $work
MSG
fi
