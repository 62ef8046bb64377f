#!/usr/bin/env bash
# Runs the demo (test/demo.sh) at a small scale and checks the files it
# writes. Prints TAP (the plan 1..N first, then ok / not ok per check, with
# diagnostics as # lines) and exits 0 only if every check passes.
#
#   bash test/demo-check.sh                the regression test's scale, 0.2
#   bash test/demo-check.sh --scale 1      the full demo (about a minute)
#
# The demo runs with --keep, and its own server does the checking: the
# expected numbers are queried from the generated data (not read from the
# report), the GeoJSON is parsed as jsonb, the SVGs by
# xml_is_well_formed_document() and the CSVs by \copy. So nothing is needed
# beyond what the demo needs (no jq, xmllint or python). The server is
# stopped and every temporary file removed at exit, also on failure.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

scale=0.2
ha_options "$0" scale=scale -- "$@"

# the files of report.sql, and the header each CSV must start with
# (area_status.csv: the columns of the view bi_area_status, from the server)
svgs=(map.svg map_aarhus.svg map_koebenhavn.svg map_obligations.svg)
csvs=(list_sizes.csv area_status.csv changes_2025.csv forecast_2026.csv
	  daycare_cap_2025.csv language_tests_2025.csv services_2025.csv obligations_2025.csv)
declare -A header=(
	[list_sizes.csv]='year,list_of,rules,udsat,ghetto_parallel,hard_omdannelse,forebyggelse,unknown,pub_udsat,pub_ghetto,pub_hard,pub_forebyg'
	[changes_2025.csv]='area_id,name,municipality,2024,2025,why'
	[forecast_2026.csv]='area_id,name,list_2025,forecast_2026,residents,nonwestern_pct,outside_labour_pct,convicted_pct,basic_education_pct,income_pct,suppressed'
	[daycare_cap_2025.csv]='facility_id,name,admitted,from_udsat,share_pct,over_cap,suppressed'
	[language_tests_2025.csv]='facility_id,name,pupils,from_listed,share_pct,suppressed'
	[services_2025.csv]='area_id,name,municipality,jobcenter_km,library_km,health_km,school_km'
	[obligations_2025.csv]='area_id,obligation,paragraph,since,until,reason,holds,suppressed'
)
# the rows each CSV must hold, counted from the data rather than through the
# report's views
declare -A rows=(
	[list_sizes.csv]="SELECT count(DISTINCT list_year) FROM area_status"
	[area_status.csv]="SELECT count(*) FROM area_year"
	[changes_2025.csv]="SELECT count(*) FROM area_status AS c JOIN area_status AS p
		ON p.area_id = c.area_id AND p.list_year = 2024
		WHERE c.list_year = 2025 AND c.category IS DISTINCT FROM p.category"
	[forecast_2026.csv]="SELECT count(*) FROM (SELECT area_id FROM demo.person
		GROUP BY area_id HAVING count(DISTINCT data_year) = 2) AS x"
	[daycare_cap_2025.csv]="SELECT count(DISTINCT e.facility_id) FROM enrolment AS e
		JOIN facility AS f USING (facility_id) WHERE f.kind = 'daycare' AND e.year = 2025"
	[language_tests_2025.csv]="SELECT count(*) FROM language_test_schools(2025)"
	[services_2025.csv]="SELECT count(*) FROM area_status WHERE list_year = 2025 AND on_udsat_list"
	[obligations_2025.csv]="SELECT count(*) FROM bi_obligations"
)
echo "1..$((1 + 2 + ${#svgs[@]} + 2 * ${#csvs[@]} + 4 + 1))"

started=$SECONDS
tmp=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-demo-check.XXXXXX) || ha_die "mktemp failed"
out=$tmp/out
# demo.sh's folder (step 2 names it: known even if the demo fails or is
# interrupted), its server's data directory and, once --keep has said so, the port
demo_work='' datadir='' port='' pid=''
kept_server() {
	[ -f "$tmp/demo.log" ] || return 0
	demo_work=$(sed -n 's|^\[2/6\] building the extension and installing it into \(.*/housing_areas-demo\.[A-Za-z0-9]*\)/tree$|\1|p' \
		"$tmp/demo.log" | head -n 1)
	[ -n "$demo_work" ] || return 0
	datadir=$demo_work/pg/data
	pid=$(head -n 1 "$datadir/postmaster.pid" 2>/dev/null)
	port=$(sed -n 's/^  psql:  psql -h localhost -p \([0-9]*\) .*/\1/p' "$tmp/demo.log")
}
cleanup() {
	[ -n "$demo_work" ] || kept_server
	# a fast shutdown (what pg_ctl stop -m fast sends), then wait until the
	# process is gone (it removes postmaster.pid a moment before it exits)
	if [ -n "$datadir" ] && [ -f "$datadir/postmaster.pid" ]; then
		local server
		server=$(head -n 1 "$datadir/postmaster.pid")
		kill -INT "$server" 2>/dev/null
		for _ in $(seq 1 240); do
			kill -0 "$server" 2>/dev/null || break
			sleep 0.5
		done
	fi
	[ -n "$demo_work" ] && rm -rf "$demo_work"
	[ -n "$tmp" ] && rm -rf "$tmp"
	datadir='' demo_work='' tmp=''
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

failed=0
ok() { echo "ok - $1"; }
not_ok() {
	echo "not ok - $1"
	failed=$((failed + 1))
	[ -n "${2:-}" ] && printf '%s\n' "$2" | head -n 20 | sed 's/^/# /'
	return 0
}
# check GOT WANT DESCRIPTION
check() {
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3" "want: $2
got:  $1"
	fi
}
# psql against the demo's server, the script on stdin (psql variables are
# interpolated there, not in -c): the values, or the error, on stdout
q() { { echo 'SET search_path = housing_areas, public;'; cat; } |
		psql -X -q -At -v ON_ERROR_STOP=1 -h localhost -p "$port" -U postgres -d postgres "$@" -f - 2>&1; }

# 1. the demo itself
bash test/demo.sh --keep --scale "$scale" --out "$out" </dev/null >"$tmp/demo.log" 2>&1
demo_rc=$?
kept_server
alive=false
[ -n "$pid" ] && [ -n "$port" ] && [ "$(q <<<'SELECT 1')" = 1 ] && alive=true
if [ "$demo_rc" -eq 0 ] && $alive; then
	ok "demo.sh --keep --scale $scale runs, and its server answers on port $port"
else
	not_ok "demo.sh --keep --scale $scale runs, and its server answers" \
		"exit status $demo_rc; the end of its output:
$(tail -n 15 "$tmp/demo.log")"
fi

# 2. GeoJSON: parses, and holds one feature per area
f=$out/areas.geojson
if ! $alive || [ ! -s "$f" ]; then
	not_ok "areas.geojson parses as a GeoJSON FeatureCollection of (Multi)Polygon features" "no server or no file"
	not_ok "areas.geojson has one feature per area" "no server or no file"
else
	got=$(q -v file="$f" <<'SQL'
\set g `cat :'file'`
SELECT jsonb_typeof(g) = 'object' AND g->>'type' = 'FeatureCollection'
	   AND jsonb_typeof(g->'features') = 'array'
	   AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(g->'features') AS x
						WHERE x->>'type' IS DISTINCT FROM 'Feature'
						   OR x->'geometry'->>'type' NOT IN ('Polygon', 'MultiPolygon'))
  FROM (SELECT :'g'::jsonb AS g) AS s;
SQL
)
	check "$got" t "areas.geojson parses as a GeoJSON FeatureCollection of (Multi)Polygon features"
	got=$(q -v file="$f" <<'SQL'
\set g `cat :'file'`
SELECT jsonb_array_length(g->'features') || ' features, ' || (SELECT count(*) FROM area) || ' areas, ids '
	   || CASE WHEN (SELECT array_agg((x->>'id')::int ORDER BY (x->>'id')::int)
					   FROM jsonb_array_elements(g->'features') AS x)
					IS NOT DISTINCT FROM (SELECT array_agg(area_id ORDER BY area_id) FROM area)
			   THEN 'match' ELSE 'differ' END
  FROM (SELECT :'g'::jsonb AS g) AS s;
SQL
)
	if [[ $got =~ ^([0-9]+)\ features,\ ([0-9]+)\ areas,\ ids\ match$ ]] &&
	   [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] && [ "${BASH_REMATCH[1]}" -gt 0 ]; then
		ok "areas.geojson has one feature per area (${BASH_REMATCH[1]}, ids = area ids)"
	else
		not_ok "areas.geojson has one feature per area" "$got"
	fi
fi

# 3. SVG: well-formed XML documents with an <svg> root
for svg in "${svgs[@]}"; do
	f=$out/$svg
	if ! $alive || [ ! -s "$f" ]; then
		not_ok "$svg is well-formed XML with an svg root" "no server or no file"
		continue
	fi
	got=$(q -v file="$f" <<'SQL'
\set s `cat :'file'`
-- (a column, not the constant: no cast to xml before the test)
SELECT CASE WHEN xml_is_well_formed_document(s)
			THEN (xpath('local-name(/*)', s::xml))[1]::text || ' '
				 || (xpath('namespace-uri(/*)', s::xml))[1]::text
			ELSE 'not well-formed' END
  FROM (SELECT :'s'::text AS s OFFSET 0) AS d;
SQL
)
	check "$got" "svg http://www.w3.org/2000/svg" "$svg is well-formed XML with an svg root"
done

# 4. CSV: the header, then as many records as the data says
for csv in "${csvs[@]}"; do
	f=$out/$csv
	if ! $alive || [ ! -s "$f" ]; then
		not_ok "$csv has its header" "no server or no file"
		not_ok "$csv has the expected rows" "no server or no file"
		continue
	fi
	want=${header[$csv]:-}
	[ -n "$want" ] || want=$(q <<<"SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
								  WHERE attrelid = 'bi_area_status'::regclass AND attnum > 0 AND NOT attisdropped")
	first=$(head -n 1 "$f")
	check "$first" "$want" "$csv has its header"
	# parsed as CSV by the server: every record must have the header's columns
	columns=$(seq -f 'c%g text' -s ', ' 1 "$(awk -F, '{ print NF }' <<<"$want")")
	# (\copy takes no psql variables: the file name goes in from here)
	got=$(q <<SQL
CREATE TEMP TABLE csv ($columns);
\\copy csv FROM '$f' WITH (FORMAT csv, HEADER)
SELECT (SELECT count(*) FROM csv) || ' rows, ' || (${rows[$csv]}) || ' expected';
SQL
)
	if [[ $got =~ ^([0-9]+)\ rows,\ ([0-9]+)\ expected$ ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]; then
		ok "$csv has the expected rows (${BASH_REMATCH[1]})"
	else
		not_ok "$csv has the expected rows" "$got"
	fi
done

# 5. disclosure: the small cells of the data, found here from the true
# values and populations (not through disclosed_criteria()), must not be
# readable in any export; each check also counts the small cells, so that a
# demo without any cannot pass for one that hides them
# (the area years with a value of a population below min_cell_count(), or a
# share implying 1 to min_cell_count() - 1 persons or others, rounded half up)
small_sql="CREATE TEMP VIEW small AS
SELECT DISTINCT ay.area_id, ay.list_year
  FROM area_year AS ay
 CROSS JOIN LATERAL (VALUES
	 (true, indicator(ay.ind, 'nonwestern'), indicator(ay.ind, 'residents')),
	 (true, indicator(ay.ind, 'outside_labour'), tally_value(ay.persons, 'persons_18_64')),
	 (true, indicator(ay.ind, 'convicted'), tally_value(ay.persons, 'persons_18plus')),
	 (true, indicator(ay.ind, 'basic_education'), tally_value(ay.persons, 'persons_30_59')),
	 (false, indicator(ay.ind, 'income'), tally_value(ay.persons, 'taxpayers_15_64')),
	 (false, indicator(ay.ind, 'residents'), indicator(ay.ind, 'residents'))) AS k(is_share, value, pop)
 WHERE k.value IS NOT NULL
   AND (k.pop IS NULL OR k.pop < min_cell_count()
		OR (k.is_share AND (floor(k.value * k.pop / 100 + 0.5) BETWEEN 1 AND min_cell_count() - 1
							OR floor((100 - k.value) * k.pop / 100 + 0.5) BETWEEN 1 AND min_cell_count() - 1)));"
# check_leaks FILE DESCRIPTION SQL [LEAST]: SQL (with a CSV in table csv, all
# text; the file's name in :'file') answers 'N small, M leaked'; M must be 0
# and N at least LEAST (default 1)
check_leaks() {
	local f=$out/$1 got columns load
	if ! $alive || [ ! -s "$f" ]; then
		not_ok "$2" "no server or no file"
		return
	fi
	load=
	if [[ $f == *.csv ]]; then
		columns=$(head -n 1 "$f" | sed 's/,/ text, /g; s/$/ text/')
		load="CREATE TEMP TABLE csv ($columns);
\\copy csv FROM '$f' WITH (FORMAT csv, HEADER)"
	fi
	got=$(q -v file="$f" <<SQL
$small_sql
$load
$3
SQL
)
	if [[ $got =~ ^([0-9]+)\ small,\ 0\ leaked$ ]] && [ "${BASH_REMATCH[1]}" -ge "${4:-1}" ]; then
		ok "$2 (${BASH_REMATCH[1]} small cells, none readable)"
	else
		not_ok "$2" "$got"
	fi
}
check_leaks area_status.csv "area_status.csv shows no share, flag or count of criteria of an area year with a small cell" "
SELECT (SELECT count(*) FROM small) || ' small, ' ||
	   (SELECT count(*) FROM csv AS c JOIN small AS s ON s.area_id = c.area_id::int AND s.list_year = c.list_year::int
		 WHERE concat(c.labour, c.convictions, c.education, c.income, c.nonwestern, c.criteria_met, c.criteria_unknown,
					  c.kombineret_udlejning, c.nonwestern_pct, c.outside_labour_pct, c.convicted_pct,
					  c.basic_education_pct, c.income_pct) <> ''
			OR c.residents::int BETWEEN 1 AND min_cell_count() - 1) || ' leaked';"
check_leaks daycare_cap_2025.csv "daycare_cap_2025.csv: no small count, and no share or cap that narrows one down" "
SELECT (SELECT count(*) FROM daycare_cap(2025) AS t
		 WHERE t.admitted < min_cell_count() OR t.from_udsat BETWEEN 1 AND min_cell_count() - 1
			OR t.admitted - t.from_udsat BETWEEN 1 AND min_cell_count() - 1) || ' small, ' ||
	   (SELECT count(*) FROM csv AS c JOIN daycare_cap(2025) AS t ON t.facility_id = c.facility_id::bigint
		 WHERE ((t.from_udsat BETWEEN 1 AND min_cell_count() - 1 OR t.admitted - t.from_udsat BETWEEN 1 AND min_cell_count() - 1)
				AND concat(c.from_udsat, c.share_pct, c.over_cap) <> '')
			OR (t.admitted < min_cell_count() AND c.admitted IS NOT NULL)) || ' leaked';"
# (the listed schools of the demo have no small counts: 0 small cells may
# pass here; test/sql/disclosure.sql has a school that has)
check_leaks language_tests_2025.csv "language_tests_2025.csv: no small count, and no pupils that narrow one down" "
SELECT (SELECT count(*) FROM language_test_schools(2025) AS t
		 WHERE t.from_listed BETWEEN 1 AND min_cell_count() - 1
			OR t.pupils - t.from_listed BETWEEN 1 AND min_cell_count() - 1) || ' small, ' ||
	   (SELECT count(*) FROM csv AS c JOIN language_test_schools(2025) AS t ON t.facility_id = c.facility_id::bigint
		 WHERE (t.from_listed BETWEEN 1 AND min_cell_count() - 1 OR t.pupils - t.from_listed BETWEEN 1 AND min_cell_count() - 1)
		   AND concat(c.pupils, c.from_listed, c.share_pct) <> '') || ' leaked';" 0
# the GeoJSON: the criteria flags of the list of 2025
check_leaks areas.geojson "areas.geojson shows no criterion flag of an area with a small cell" "
\\set g \`cat :'file'\`
SELECT (SELECT count(*) FROM small WHERE list_year = 2025) || ' small, ' ||
	   (SELECT count(*) FROM json_array_elements((:'g'::json) -> 'features') AS f
		  JOIN small AS s ON s.area_id = (f -> 'properties' ->> 'area_id')::int AND s.list_year = 2025
		 WHERE EXISTS (SELECT 1 FROM json_each(f -> 'properties') AS p
						WHERE p.key IN ('labour', 'convictions', 'education', 'income', 'nonwestern', 'kombineret_udlejning')
						  AND json_typeof(p.value) <> 'null')) || ' leaked';"

# 5. nothing left behind
dirs=("$demo_work" "$tmp")
cleanup
left=
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && left="the server (pid $pid) still runs"
for d in "${dirs[@]}"; do
	[ -n "$d" ] && [ -e "$d" ] && left="$left${left:+; }$d still exists"
done
check "$left" "" "the demo server is stopped and the temporary files are removed"

echo "# scale $scale, $((SECONDS - started)) s"
[ "$failed" -eq 0 ]
