#!/usr/bin/env bash
# The real GIS and BI clients against the extension: GDAL (gdal-bin) reads
# the GIS views with their key, the GeoJSON, and the vector tiles with its
# MVT driver; QGIS (python3-qgis, headless) loads the views through its
# postgres provider and renders a PNG (test/clients/qgis_check.py); psycopg2
# reads the BI views as Python int, str, bool and float.  Every count and
# attribute is checked against PostGIS itself.  Prints TAP (the plan first).
#
#   bash test/clients.sh WORKDIR     from test/run-tests.sh (step "clients"),
#                                    against its cluster (PGHOST etc. set)
#   bash test/clients.sh             alone: builds, starts a throwaway
#                                    cluster and removes it at exit
#
# Installs gdal-bin, python3-qgis, qgis-providers and python3-psycopg2 with
# apt when run as root and they are missing; otherwise it fails and says
# what to install.  HA_CLIENTS_PNG=FILE keeps the rendered map, and
# HA_CLIENTS_SCALE the size of the data (default 0.2, as the demo test).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

plan=26
echo "1..$plan"
started=$SECONDS
reported=0
failed=0
check() {	# name, ok|fail, diagnostics
	reported=$((reported + 1))
	if [ "$2" = ok ]; then
		echo "ok - clients: $1"
	else
		echo "not ok - clients: $1"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | head -n 20 | sed 's/^/# /'
		failed=$((failed + 1))
	fi
}
bail() {	# every check not yet reported fails with the reason
	local n
	for ((n = reported; n < plan; n++)); do check "not run: $1" fail; done
	exit 1
}

# the clients: from Debian, installed when missing (root only)
packages=()
command -v ogrinfo >/dev/null 2>&1 || packages+=(gdal-bin)
/usr/bin/python3 -c 'import qgis.core' 2>/dev/null || packages+=(python3-qgis qgis-providers)
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null || packages+=(python3-psycopg2)
if [ ${#packages[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		bail "missing ${packages[*]}; install as root: apt-get install --no-install-recommends ${packages[*]}"
	fi
	ha_say "installing ${packages[*]}"
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}"; } </dev/null >/dev/null 2>&1 ||
		bail "apt-get install ${packages[*]} failed"
fi
echo "# $(ogrinfo --version)"

if [ -n "${1:-}" ]; then
	work=$1
else
	ha_bootstrap >/dev/null 2>&1 || bail "no PostgreSQL with PostGIS (see test/lib.sh)"
	work=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-clients.XXXXXX)
	chmod 755 "$work"
	trap 'ha_cluster_stop; rm -rf "$work"' EXIT
	ha_copy_source "$work/src" && HA_SRC=$work/src ha_install_tree "$work/tree" >/dev/null 2>&1 ||
		bail "build failed"
	ha_cluster_start "$work/pg" "${HA_TEST_PORT:-54339}" >/dev/null || bail "the server did not start"
fi
tmp=$work/clients
rm -rf "$tmp" && mkdir -p "$tmp" && chmod 755 "$tmp"
db=ha_clients
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "SET search_path = housing_areas, public" -c "$1" </dev/null; }
psql -X -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" </dev/null &&
	psql -X -q -d "$db" -c "SET client_min_messages = warning; CREATE EXTENSION housing_areas_postgis CASCADE" </dev/null &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v scale="${HA_CLIENTS_SCALE:-0.2}" -v dagi="$PWD/test/data/dagi" \
		-f test/demo/generate.sql </dev/null >/dev/null 2>"$tmp/generate.err" ||
	bail "the demo data could not be generated: $(tail -n 3 "$tmp/generate.err")"
conninfo="host=$PGHOST port=$PGPORT dbname=$db user=${PGUSER:-postgres}"
pg="PG:$conninfo"
latest=$(q "SELECT latest_list_year()")

# ---- GDAL: the views with their key ----
for view in gis_area_status gis_latest_list gis_latest_list_points gis_obligations \
	gis_monitoring_status gis_monitoring_status_points; do
	info=$(ogrinfo -ro -so "$pg" "housing_areas.$view" 2>&1)
	count=$(q "SELECT count(*) FROM $view")
	type=$(q "SELECT type FROM geometry_columns WHERE f_table_schema = 'housing_areas' AND f_table_name = '$view'")
	if grep -q '^FID Column = ogc_fid$' <<<"$info" && grep -q "^Feature Count: $count\$" <<<"$info" &&
		grep -qi "^Geometry: ${type/MULTI/Multi }\$" <<<"$info" && grep -q 'ETRS89 / UTM zone 32N' <<<"$info"; then
		check "ogrinfo $view: FID column ogc_fid (no settings), $count features, $type, EPSG:25832" ok
	else
		check "ogrinfo $view: FID column ogc_fid, $count features, $type" fail "$info"
	fi
done
# a fetch by FID is the row with that key
row=$(q "SELECT id || '|' || area_id || '|' || list_year || '|' || category FROM gis_area_status
		 WHERE list_year = $latest ORDER BY category <> 'omdannelse', area_id LIMIT 1")
fid=${row%%|*}
got=$(ogrinfo -ro -q "$pg" housing_areas.gis_area_status -fid "$fid" 2>&1)
want_area=$(cut -d'|' -f2 <<<"$row") want_year=$(cut -d'|' -f3 <<<"$row") want_category=$(cut -d'|' -f4 <<<"$row")
if grep -q "^OGRFeature(housing_areas.gis_area_status):$fid\$" <<<"$got" &&
	grep -q "area_id (Integer) = $want_area\$" <<<"$got" && grep -q "list_year (Integer) = $want_year\$" <<<"$got" &&
	grep -q "category (String) = $want_category\$" <<<"$got"; then
	check "ogrinfo -fid $fid: the row with that key ($want_category, $want_year)" ok
else
	check "ogrinfo -fid $fid: the row with that key" fail "$got"
fi
# a fetch by FID of own monitoring's bigint key computes that row (its
# tier and the tier of its year before)
row=$(q "SELECT id || '|' || unit_id || '|' || year || '|' || tier || '|' || previous_tier FROM gis_monitoring_status_points
		 WHERE tier IS NOT NULL AND previous_tier IS NOT NULL ORDER BY tier DESC, id LIMIT 1")
fid=${row%%|*}
got=$(ogrinfo -ro -q "$pg" housing_areas.gis_monitoring_status_points -fid "$fid" 2>&1)
IFS='|' read -r _ want_unit want_year want_tier want_previous <<<"$row"
if [ -n "$row" ] && grep -q "^OGRFeature(housing_areas.gis_monitoring_status_points):$fid\$" <<<"$got" &&
	grep -q "unit_id (Integer) = $want_unit\$" <<<"$got" && grep -q "year (Integer) = $want_year\$" <<<"$got" &&
	grep -q "^  tier (Integer) = $want_tier\$" <<<"$got" && grep -q "^  previous_tier (Integer) = $want_previous\$" <<<"$got"; then
	check "ogrinfo gis_monitoring_status_points -fid $fid (bigint): the row with that key (unit $want_unit, $want_year, tier $want_tier after $want_previous)" ok
else
	check "ogrinfo gis_monitoring_status_points -fid $fid: the row with that key" fail "$row
$got"
fi
# ogr2ogr keeps the keys as feature ids (-preserve_fid), and every attribute
ogr2ogr -f GPKG "$tmp/latest.gpkg" "$pg" housing_areas.gis_latest_list -preserve_fid -lco FID=fid -nln latest 2>"$tmp/ogr2ogr.err"
ogr2ogr -f CSV "$tmp/latest.csv" "$tmp/latest.gpkg" -sql \
	"SELECT fid + 0 AS feature_id, area_id, list_year, name, category, label, years_on_list, development_plan FROM latest ORDER BY fid" \
	-dialect SQLite 2>>"$tmp/ogr2ogr.err"
psql -X -q -d "$db" -c "\\copy (SELECT id, area_id, list_year, name, category, label, years_on_list,
	CASE development_plan WHEN true THEN 1 WHEN false THEN 0 END FROM housing_areas.gis_latest_list ORDER BY id)
	TO '$tmp/latest.pg.csv' WITH (FORMAT csv)" </dev/null
if [ -s "$tmp/latest.pg.csv" ] && diff <(tail -n +2 "$tmp/latest.csv" | tr -d '"') <(tr -d '"' <"$tmp/latest.pg.csv") >"$tmp/latest.diff"; then
	check "ogr2ogr -preserve_fid gis_latest_list to GeoPackage: ids as feature ids, attributes as in PostGIS ($(wc -l <"$tmp/latest.pg.csv") rows)" ok
else
	check "ogr2ogr -preserve_fid gis_latest_list to GeoPackage" fail "$(cat "$tmp/ogr2ogr.err" "$tmp/latest.diff" | head -n 20)"
fi

# ---- GDAL: the GeoJSON ----
q "SELECT areas_geojson($latest)" >"$tmp/areas.geojson"
info=$(ogrinfo -ro -so "$tmp/areas.geojson" areas 2>&1)
areas=$(q "SELECT count(*) FROM area")
if grep -q "^Feature Count: $areas\$" <<<"$info" && grep -q '^Geometry: Multi Polygon$' <<<"$info" &&
	grep -q 'WGS 84' <<<"$info"; then
	check "ogrinfo areas_geojson($latest): $areas MultiPolygons in WGS 84" ok
else
	check "ogrinfo areas_geojson($latest): $areas MultiPolygons in WGS 84" fail "$info"
fi
ogr2ogr -f CSV "$tmp/geojson.csv" "$tmp/areas.geojson" -dialect SQLite \
	-sql "SELECT category, count(*) AS n FROM areas GROUP BY category ORDER BY category" 2>"$tmp/geojson.err"
want=$(q "SELECT string_agg(c || ',' || n, ' ' ORDER BY c) FROM (SELECT COALESCE(s.category, 'unknown')::text AS c, count(*) AS n
		  FROM area AS a LEFT JOIN area_status AS s ON s.area_id = a.area_id AND s.list_year = $latest GROUP BY 1) AS x")
got=$(tail -n +2 "$tmp/geojson.csv" | tr -d '"' | tr '\n' ' ' | sed 's/ $//')
if [ -n "$want" ] && [ "$got" = "$want" ]; then
	check "the GeoJSON's categories per GDAL equal area_status's ($got)" ok
else
	check "the GeoJSON's categories per GDAL equal area_status's" fail "GDAL: $got
PostGIS: $want
$(cat "$tmp/geojson.err")"
fi
# the feature ids of the GeoJSON are the area ids
ogr2ogr -f CSV "$tmp/geojson_ids.csv" "$tmp/areas.geojson" -sql "SELECT FID AS fid, area_id FROM areas" 2>>"$tmp/geojson.err"
if [ "$(tail -n +2 "$tmp/geojson_ids.csv" | tr -d '"' | awk -F, '$1 == $2 && $1 != ""' | wc -l)" = "$areas" ]; then
	check "the GeoJSON's feature ids are the area ids" ok
else
	check "the GeoJSON's feature ids are the area ids" fail "$(cat "$tmp/geojson_ids.csv" "$tmp/geojson.err")"
fi

# ---- GDAL: the vector tiles, decoded by its MVT driver ----
# a z/x/y.pbf tileset: the tile of all Denmark at z 3 (points only: the
# polygons are smaller than a tile unit), and the z 8 and z 12 tiles around
# an area of Aarhus; each layer's features and attributes against the
# feature functions
aarhus=$(q "SELECT floor((ST_X(p) + 180) / 360 * 2 ^ z)::int || ' ' ||
			floor((1 - ln(tan(radians(ST_Y(p))) + 1 / cos(radians(ST_Y(p)))) / pi()) / 2 * 2 ^ z)::int
		   FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM area
				  WHERE municipality_code = '0751' ORDER BY area_id LIMIT 1) AS a, (VALUES (8), (12)) AS zz(z) ORDER BY z")
z8=$(sed -n 1p <<<"$aarhus") z12=$(sed -n 2p <<<"$aarhus")
tiles="3 4 2 area_points;8 $z8 areas area_points;12 $z12 areas area_points"
mvt_ok=0
mvt_diag=
IFS=';' read -r -a tile_list <<<"$tiles"
for t in "${tile_list[@]}"; do
	read -r z x y tile_layers <<<"$t"
	mkdir -p "$tmp/tiles/$z/$x"
	psql -X -q -At -d "$db" -c "SELECT encode(housing_areas.areas_mvt($z, $x, $y, $latest), 'base64')" </dev/null |
		base64 -d >"$tmp/tiles/$z/$x/$y.pbf"
	for layer in $tile_layers; do
		fn=areas_mvt_features
		[ $layer = area_points ] && fn=area_points_mvt_features
		want=$(q "SELECT count(*) || ' ' || COALESCE(md5(string_agg(area_id || '|' || name || '|' || category || '|' || label
				   || '|' || list_year || '|' || COALESCE(years_on_list::text, ''), ',' ORDER BY area_id)), '-')
				   FROM $fn($z, $x, $y, $latest)")
		# CLIP=NO: GDAL would drop a feature that lies in the tile's buffer only
		ogr2ogr -f CSV "$tmp/tile.csv" "$tmp/tiles/$z/$x/$y.pbf" -oo CLIP=NO -dialect SQLite \
			-sql "SELECT mvt_id, name, category, label, list_year, years_on_list FROM $layer ORDER BY mvt_id" 2>"$tmp/mvt.err"
		got=$(tail -n +2 "$tmp/tile.csv" 2>/dev/null | tr -d '"' | sed 's/,/|/g' | awk 'NF' | paste -sd, -)
		got="$(tail -n +2 "$tmp/tile.csv" 2>/dev/null | awk 'NF' | wc -l) $( [ -n "$got" ] && printf '%s' "$got" | md5sum | cut -d' ' -f1 || echo -)"
		if [ "$got" = "$want" ] && [ "${want%% *}" -gt 0 ]; then
			mvt_ok=$((mvt_ok + 1))
		else
			mvt_diag+="tile $z/$x/$y layer $layer: GDAL $got, PostGIS $want; $(head -c 300 "$tmp/mvt.err")"$'\n'
		fi
	done
done
info=$(ogrinfo -ro -so "$tmp/tiles/8/${z8// //}.pbf" 2>&1)
layers=$(sed -n 's/^[0-9]*: \([a-z_]*\) (.*/\1/p' <<<"$info" | sort | paste -sd' ' -)
if [ "$layers" = "area_points areas" ]; then
	check "GDAL's MVT driver finds the layers areas and area_points in a tile" ok
else
	check "GDAL's MVT driver finds the layers areas and area_points in a tile" fail "$info"
fi
if [ $mvt_ok -eq 5 ]; then
	check "GDAL's MVT driver decodes tiles at z 3, 8 and 12: feature counts, ids and attributes as the feature functions" ok
else
	check "GDAL's MVT driver decodes tiles at z 3, 8 and 12 as the feature functions ($mvt_ok of 5)" fail "$mvt_diag"
fi
# at z 3 (all of Denmark in one tile) every area is a point, the polygons
# too small to draw are left out
z3_points=$(ogrinfo -ro -so "$tmp/tiles/3/4/2.pbf" area_points 2>/dev/null | sed -n 's/^Feature Count: //p')
z3_polygons=$(q "SELECT count(*) FROM areas_mvt_features(3, 4, 2, $latest)")
if [ "$z3_points" = "$areas" ] && [ "$z3_polygons" -lt "$areas" ]; then
	check "the national tile (z 3) has a point for each of the $areas areas ($z3_polygons polygons are large enough to draw)" ok
else
	check "the national tile (z 3) has a point for each area" fail "GDAL: $z3_points points; areas $areas, polygons $z3_polygons"
fi
# the tileset's metadata from areas_tilejson(): GDAL reads layers and fields from it
q "SELECT json_build_object('name', j ->> 'name', 'format', 'pbf', 'minzoom', j -> 'minzoom', 'maxzoom', j -> 'maxzoom',
	'bounds', array_to_string(ARRAY(SELECT jsonb_array_elements_text(j -> 'bounds')), ','),
	'json', jsonb_build_object('vector_layers', j -> 'vector_layers')::text)
	FROM (SELECT areas_tilejson() AS j) AS t" >"$tmp/tiles/metadata.json"
info=$(ogrinfo -ro -so "MVT:$tmp/tiles/8" areas 2>&1)
fields=$(q "SELECT string_agg(k || ' (' || CASE v WHEN 'Number' THEN 'Real' WHEN 'Boolean' THEN 'Integer(Boolean)' ELSE v END || ')', ' ' ORDER BY k)
		   FROM jsonb_each_text((SELECT areas_tilejson() -> 'vector_layers' -> 0 -> 'fields')) AS f(k, v)")
got=$(sed -n 's/^\([a-z_]*\): \([A-Za-z()]*\) .*/\1 (\2)/p' <<<"$info" | grep -v '^mvt_id' | sort | paste -sd' ' -)
if [ -n "$fields" ] && [ "$got" = "$fields" ]; then
	check "GDAL reads the layers' fields from areas_tilejson() as the tileset's metadata.json" ok
else
	check "GDAL reads the layers' fields from areas_tilejson() as metadata.json" fail "GDAL: $got
TileJSON: $fields
$info"
fi

# ---- QGIS ----
png=${HA_CLIENTS_PNG:-$tmp/qgis.png}
mkdir -p "$tmp/home" && chmod 700 "$tmp/home"
HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/home TMPDIR=$tmp/home QT_QPA_PLATFORM=offscreen timeout 300 \
	/usr/bin/python3 test/clients/qgis_check.py "$conninfo" "$png" >"$tmp/qgis.tap" 2>"$tmp/qgis.err"
qgis_rc=$?
sed -n 's/^# QGIS/# QGIS/p' "$tmp/qgis.tap"
while IFS= read -r line; do
	case $line in
		'ok - qgis: '*) check "${line#ok - }" ok ;;
		'not ok - qgis: '*) check "${line#not ok - }" fail ;;
		'# '*) [ "$line" = "${line#\# QGIS}" ] && echo "$line" ;;
	esac
done <"$tmp/qgis.tap"
qgis_checks=$(grep -c '^\(not \)\?ok - qgis: ' "$tmp/qgis.tap")
if [ "$qgis_checks" -ne 8 ]; then
	check "QGIS ran its 8 checks (exit status $qgis_rc, $qgis_checks reported)" fail "$(grep -v XDG_RUNTIME "$tmp/qgis.err" | tail -n 15)"
fi

# ---- BI: psycopg2 reads the BI views in Python's own types ----
types=$(/usr/bin/python3 - "$conninfo" <<'PY' 2>&1
import sys, psycopg2
conn = psycopg2.connect(sys.argv[1])
cur = conn.cursor()
seen = {}
for view in ('bi_area_status', 'bi_area_timeseries'):
    cur.execute('SELECT * FROM housing_areas.%s' % view)
    names = [d[0] for d in cur.description]
    for row in cur.fetchall():
        for name, value in zip(names, row):
            if value is not None:
                seen.setdefault(type(value).__name__, set()).add(view + '.' + name)
print(' '.join(sorted(seen)))
PY
)
if [ "$types" = "bool float int str" ]; then
	check "psycopg2 reads bi_area_status and bi_area_timeseries as bool, float, int and str only" ok
else
	check "psycopg2 reads the BI views as bool, float, int and str only" fail "$types"
fi

# bi_obligations: dates as dates, the rest as above; one row per area and obligation
types=$(/usr/bin/python3 - "$conninfo" <<'PY' 2>&1
import sys, psycopg2
conn = psycopg2.connect(sys.argv[1])
cur = conn.cursor()
cur.execute('SELECT * FROM housing_areas.bi_obligations')
names = [d[0] for d in cur.description]
seen = set()
for row in cur.fetchall():
    for name, value in zip(names, row):
        if value is not None:
            seen.add(type(value).__name__)
print(' '.join(sorted(seen)), cur.rowcount)
PY
)
want="bool date int str $(q "SELECT count(*) FROM bi_obligations")"
if [ "$types" = "$want" ]; then
	check "psycopg2 reads bi_obligations as bool, date, int and str only (${types##* } rows)" ok
else
	check "psycopg2 reads bi_obligations as bool, date, int and str only" fail "got $types, want $want"
fi

[ -n "${KEEP_DBS:-}" ] || psql -X -q -c "DROP DATABASE $db" </dev/null
echo "# clients: $((SECONDS - started)) s"
[ "$reported" -eq "$plan" ] || bail "the script reported $reported of $plan checks"
[ "$failed" -eq 0 ]
