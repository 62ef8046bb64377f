#!/usr/bin/env bash
# Hostile calls and random SQL against both extensions (make hostile, and
# the step hostile of make test).
#
# Builds in a copy of the tree, installs into a private server tree, starts a
# throwaway cluster with both extensions and the demo data (scale 0.2), then:
#
#  1. generates from the catalog a call of every function of the schemas
#     housing_areas and housing_areas_private with hostile arguments of each
#     parameter type (NULL, 0, -1, +-2^31-1, NaN, +-Infinity, '', 1 MB
#     strings, 'residents=1e308', years 0/1800/2009/9999, invalid and empty
#     geometry, empty and deep jsonb, ...; test/hostile/calls.sql), and the
#     binary input functions through COPY (FORMAT binary) of hostile payloads,
#     and a read of every view; runs each call as its own transaction under
#     statement_timeout and records its SQLSTATE; then puts hostile rows in
#     the tables (invalid, empty and far geometry, markup in names, extreme
#     counts; test/hostile/rows.sql) and runs every call that reads tables
#     again;
#  2. runs sqlsmith (Debian package sqlsmith, installed if missing and
#     possible) for a bounded number of random queries with a fixed seed, as
#     a role without write privileges;
#  3. reads the server log for crashes ("terminated by signal", "server
#     process ... was terminated", PANIC, a restart) and internal errors
#     (XX000).
#
# TAP output (plan first, "# " diagnostics); exit 0 only if every test
# passes. It fails on any crash, any lost connection, any XX000 raised by
# the calls, and any XX000 of sqlsmith's queries that comes from this
# extension (raised in its C files or inside one of its SQL or PL/pgSQL
# functions); other XX000 of sqlsmith's queries are listed.
#
# Once a known failure (GIS issue): dagi_from_geojson on a Feature whose
# geometry is null raised XX000 ("invalid GeoJSON representation", from
# PostGIS inside the SQL function); its own test keeps it fixed.
#
#   bash test/hostile.sh                       200 random combinations per function, 10000 sqlsmith queries
#   bash test/hostile.sh --combos 200 --queries 20000 --seed 7
#   bash test/hostile.sh --port 54445          (default: the first free of 54445-54449)
#   bash test/hostile.sh --keep                leave the server and the work folder
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

combos=200 queries=10000 seed=42 port=${HA_HOSTILE_PORT:-} keep=false timeout=10s
ha_options "$0" combos=combos queries=queries seed=seed port=port keep=keep! -- "$@"
[[ $combos =~ ^[0-9]+$ && $queries =~ ^[0-9]+$ && $seed =~ ^[0-9]+$ ]] ||
	ha_die "--combos, --queries and --seed take whole numbers"

started=$SECONDS
plan=10
echo "1..$plan"
n=0 failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; }
diag() { sed 's/^/# /'; }
bail() { not_ok "$1"; echo "Bail out! $1"; exit 1; }

if [ -z "$port" ]; then
	for p in 54445 54446 54447 54448 54449; do ha_port_free "$p" && { port=$p; break; }; done
	port=${port:-54445}
fi

ha_servers_workdir hostile 'kept $work; server: psql -h $work/pg -p $port -U postgres'
log=$work/pg/server.log
q() { psql -X -q -v ON_ERROR_STOP=1 "$@" </dev/null; }
qv() { q -A -t "$@"; }

# ---------------------------------------------------------------- set-up
setup() {
	ha_build_tree || return 1
	ha_port_free "$port" || { echo "port $port is in use (try --port)" | diag; return 1; }
	# every log line carries its SQLSTATE; errors say where they were raised
	ha_cluster_start "$work/pg" "$port" "-c listen_addresses='' -c log_error_verbosity=verbose \
		-c log_line_prefix='%m [%p] %e ' -c max_connections=20" || return 1
	mkdir -p "$work/pg/copy"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$work/pg/copy"
	q -c "SET client_min_messages = warning" -c "CREATE EXTENSION housing_areas_postgis CASCADE" &&
		q -v scale=0.2 -v dagi="$PWD/test/data/dagi" -f test/demo/generate.sql >"$work/demo.log" 2>&1 ||
		{ tail -n 20 "$work/demo.log" | diag; return 1; }
	q -v seed="0.$seed" -v combos="$combos" -v copydir="$work/pg/copy" \
		-f test/hostile/calls.sql >"$work/generate.log" 2>&1 ||
		{ diag <"$work/generate.log"; return 1; }
}
setup || bail "set-up: build, cluster, both extensions, demo data at scale 0.2, calls generated"
functions=$(qv -c "SELECT count(*) FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
	WHERE n.nspname IN ('housing_areas', 'housing_areas_private')")
calls=$(qv -c "SELECT count(*) FROM hostile.call WHERE call IS NOT NULL")
ok "set-up: both extensions with the demo data (scale 0.2); $calls calls generated for $functions functions in $((SECONDS - started)) s"

# Every function is reached: directly, through COPY (FORMAT binary) for a
# receive function, or, for an aggregate's support function taking internal,
# through calls of its aggregate.
uncovered=$(qv -c "
	SELECT string_agg(p.oid::regprocedure::text, ', ')
	  FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
	 WHERE n.nspname IN ('housing_areas', 'housing_areas_private')
	   AND NOT EXISTS (SELECT FROM hostile.call AS c WHERE c.fn = p.oid AND c.call IS NOT NULL)
	   -- a private step that a called function's SQL body is bound to
	   AND NOT EXISTS (WITH RECURSIVE bound(fn) AS (
						   SELECT c.fn FROM hostile.call AS c WHERE c.call IS NOT NULL
						   UNION
						   SELECT d.refobjid FROM pg_depend AS d JOIN bound AS b ON d.objid = b.fn
							WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_proc'::regclass)
					   SELECT FROM bound WHERE bound.fn = p.oid)
	   AND NOT EXISTS (SELECT FROM pg_aggregate AS a JOIN hostile.call AS c ON c.fn = a.aggfnoid
					   WHERE p.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn)
						 AND c.kind = 'rows')")
if [ -z "$uncovered" ]; then
	ok "every function of both schemas is called ($functions: $(qv -c "SELECT string_agg(kind || ' ' || n, ', ' ORDER BY kind) FROM (SELECT kind, count(*) AS n FROM hostile.call GROUP BY kind) AS k"))"
else
	not_ok "functions without a call: $uncovered"
fi

# ---------------------------------------------------------- the calls
# Pass $1: one psql session on database $3 runs the calls chosen by the SQL
# condition $2 in order, each in its own transaction; after each it prints "@@ id SQLSTATE
# message".  If the session dies (a crash ends every connection), the call
# after the last reported one is recorded as LOST, and a new session goes on
# after it once the server accepts connections again.
lost=0
run_pass() {
	local pass=$1 cond=$2 db=$3 last=0 rc next results=$work/results_$1
	: >"$results"
	while :; do
		qv -c "SELECT format(E'%s;\n\\\\if :ERROR\n\\\\echo @@ %s :SQLSTATE :LAST_ERROR_MESSAGE\n\\\\else\n\\\\echo @@ %s 00000\n\\\\endif',
					call, id, id)
				 FROM hostile.call WHERE call IS NOT NULL AND ($cond) AND id > $last ORDER BY id" >"$work/calls.sql"
		[ -s "$work/calls.sql" ] || break
		{
			echo "\\o /dev/null"
			echo "SET statement_timeout = '$timeout';"
			# the calls' errors (some quote a megabyte of input) stay out of
			# the log: psql reports each SQLSTATE, and crashes and restarts
			# are logged by the postmaster
			echo "SET log_min_messages = fatal;"
			cat "$work/calls.sql"
		} >"$work/run.sql"
		psql -X -q -d "$db" -f "$work/run.sql" </dev/null >"$work/out" 2>>"$work/stderr"
		rc=$?
		grep -a '^@@ ' "$work/out" >>"$results"
		[ "$rc" -eq 0 ] && break
		# the session ended early: the next call after the last reported one
		last=$(tail -n 1 "$results" | awk '{print $2}' | grep . || echo "$last")
		next=$(qv -c "SELECT min(id) FROM hostile.call WHERE call IS NOT NULL AND ($cond) AND id > $last")
		[ -n "$next" ] || break
		echo "@@ $next LOST session ended (psql exit status $rc)" >>"$results"
		lost=$((lost + 1)) last=$next
		for _ in $(seq 1 120); do qv -c "SELECT 1" >/dev/null 2>&1 && break; sleep 0.5; done
		[ "$lost" -lt 20 ] || break
	done
	awk -v pass="$pass" '{id = $2; state = $3; $1 = $2 = $3 = ""; sub(/^ +/, "")
		printf "%s\t%s\t%s\t%s\n", pass, id, state, substr($0, 1, 300)}' "$results" |
		iconv -f UTF-8 -t UTF-8 -c | sed 's/\\/\\\\/g' >"$results.tsv"
	q -c "\\copy hostile.result FROM '$results.tsv'"
}
q -c "CREATE TABLE hostile.result (pass text, id int, sqlstate text, message text)" ||
	bail "no result table"
t0=$SECONDS
run_pass demo true postgres || bail "results of the calls could not be loaded"
# pass 2: hostile rows in the tables of a copy of the database, then every
# call that reads tables again (sqlsmith below gets the demo data only)
q -c "CREATE DATABASE hostile_rows TEMPLATE postgres" || bail "could not copy the database"
psql -X -v ON_ERROR_STOP=0 -d hostile_rows -f test/hostile/rows.sql </dev/null >"$work/rows.out" 2>&1
rows_in=$(grep -c '^INSERT 0 [1-9]' "$work/rows.out")
rows_refused=$(grep -c '^psql:.*ERROR' "$work/rows.out")
{
	echo "pass 2: hostile rows (test/hostile/rows.sql): $rows_in statements went in, $rows_refused refused:"
	grep '^psql:.*ERROR' "$work/rows.out" | sed -E 's/^psql:[^:]*:([0-9]+): ERROR: +/  line \1: /' | cut -c 1-120
} | diag
run_pass hostile_rows reads_tables hostile_rows || bail "results of the second pass could not be loaded"
call_seconds=$((SECONDS - t0))
calls=$(qv -c "SELECT count(*) + count(*) FILTER (WHERE reads_tables) FROM hostile.call WHERE call IS NOT NULL")

reported=$(qv -c "SELECT count(*) FROM (SELECT DISTINCT r.pass, r.id FROM hostile.result AS r JOIN hostile.call AS c USING (id)) AS x")
{
	echo "$calls calls (two passes) in $call_seconds s; outcomes by SQLSTATE:"
	qv -F ' ' -c "SELECT '  ' || r.sqlstate, count(*), '(' || string_agg(DISTINCT c.kind, ', ') || ')',
					left(min(r.message), 90)
			FROM hostile.result AS r JOIN hostile.call AS c USING (id)
		   GROUP BY r.sqlstate ORDER BY count(*) DESC"
	echo "by function: calls, succeeded, SQLSTATEs"
	qv -F ' ' -c "SELECT '  ' || coalesce(c.fn::text, c.call), count(*), count(*) FILTER (WHERE r.sqlstate = '00000'),
					string_agg(DISTINCT r.sqlstate, ' ') FILTER (WHERE r.sqlstate <> '00000')
			FROM hostile.result AS r JOIN hostile.call AS c USING (id)
		   GROUP BY 1 ORDER BY 1"
} | diag
if [ "$reported" -eq "$calls" ] && [ "$lost" -eq 0 ]; then
	ok "every call reported an outcome, no connection lost ($reported of $calls)"
else
	not_ok "calls: $reported of $calls reported, $lost lost connections"
	qv -c "SELECT '  ' || r.pass || ': ' || c.call FROM hostile.result AS r JOIN hostile.call AS c USING (id)
		WHERE r.sqlstate = 'LOST'" | cut -c 1-400 | diag
fi

# the known failure of the GIS issue, by its call
known="c.fn = 'housing_areas.dagi_from_geojson(jsonb, text, text)'::regprocedure
	AND c.call LIKE '%\"geometry\": null%'"
xx=$(qv -c "SELECT count(*) FROM hostile.result AS r JOIN hostile.call AS c USING (id)
	WHERE r.sqlstate = 'XX000' AND NOT ($known)")
if [ "$xx" -eq 0 ]; then
	ok "no internal error (XX000) from the calls, apart from the known failure below"
else
	not_ok "$xx calls raised an internal error (XX000)"
	# one example call per function and message
	qv -c "SELECT DISTINCT ON (c.fn, r.message)
				'  ' || r.message || ' (' || count(*) OVER (PARTITION BY c.fn, r.message) || ' calls), e.g. (' || r.pass || ')' || E'\n    ' || c.call
			 FROM hostile.result AS r JOIN hostile.call AS c USING (id)
			WHERE r.sqlstate = 'XX000' AND NOT ($known) ORDER BY c.fn, r.message, length(c.call), c.id" | cut -c 1-600 | diag
fi
kx=$(qv -c "SELECT count(*) FROM hostile.result AS r JOIN hostile.call AS c USING (id)
	WHERE r.sqlstate = 'XX000' AND $known")
if [ "$kx" -eq 0 ]; then
	ok "known failure (GIS issue) fixed: dagi_from_geojson on a Feature with \"geometry\": null raises no XX000"
else
	not_ok "known failure (GIS issue): dagi_from_geojson on a Feature with \"geometry\": null raises XX000 ($kx calls)"
	qv -c "SELECT '  ' || r.message || E'\n    ' || c.call FROM hostile.result AS r JOIN hostile.call AS c USING (id)
		WHERE r.sqlstate = 'XX000' AND $known ORDER BY id LIMIT 1" | cut -c 1-400 | diag
fi
timeouts=$(qv -c "SELECT count(*) FROM hostile.result WHERE sqlstate = '57014'")
if [ "$timeouts" -eq 0 ]; then
	ok "no call ran into statement_timeout ($timeout)"
else
	not_ok "$timeouts calls ran longer than statement_timeout ($timeout)"
	qv -c "SELECT '  ' || c.call FROM hostile.result AS r JOIN hostile.call AS c USING (id)
		WHERE r.sqlstate = '57014' ORDER BY id LIMIT 10" | cut -c 1-300 | diag
fi

# crashes: what the postmaster logs when a backend dies
crash_re='terminated by signal|was terminated by exception|server process .* (was terminated|exited with exit code [^01])|terminating any other active server processes|all server processes terminated|PANIC:|TRAP:'
log_checked=$(wc -l <"$log")
if ! grep -Eq "$crash_re" "$log"; then
	ok "server log after the calls: no crash ($log_checked lines)"
else
	not_ok "server log after the calls: a backend crashed"
	grep -E -B 2 -A 3 "$crash_re" "$log" | cut -c 1-400 | head -n 30 | diag
fi

# ------------------------------------------------------------ sqlsmith
if ! command -v sqlsmith >/dev/null 2>&1; then
	ha_apt_install sqlsmith 2>&1 | diag
fi
if ! command -v sqlsmith >/dev/null 2>&1; then
	not_ok "sqlsmith: not installed (Debian package sqlsmith)"
	not_ok "sqlsmith: server log (not run)"
	not_ok "sqlsmith: internal errors (not run)"
else
	# a login role that may read everything and write nothing: sqlsmith also
	# generates INSERT, UPDATE, DELETE and MERGE, and calls server functions
	q -c "CREATE ROLE smith LOGIN" \
		-c "GRANT USAGE ON SCHEMA housing_areas, housing_areas_private, demo TO smith" \
		-c "GRANT SELECT ON ALL TABLES IN SCHEMA housing_areas, demo TO smith" \
		-c "ALTER ROLE smith SET search_path = housing_areas, public"
	log_before=$(wc -l <"$log")
	t0=$SECONDS
	(cd "$work" && timeout 1800 sqlsmith --target="host=$work/pg port=$port dbname=postgres user=smith" \
		--seed="$seed" --max-queries="$queries" --verbose --exclude-catalog --dump-all-queries) \
		>"$work/sqlsmith.sql" 2>"$work/sqlsmith.out"
	rc=$?
	smith_seconds=$((SECONDS - t0))
	ran=$(sed -n 's/^queries: \([0-9]*\).*/\1/p' "$work/sqlsmith.out" | tail -n 1)
	tail -n +"$((log_before + 1))" "$log" >"$work/sqlsmith.log"
	{
		echo "sqlsmith --seed=$seed --max-queries=$queries: ${ran:-?} queries in $smith_seconds s, exit status $rc;" \
			"$(awk 'BEGIN {RS = ";\n"} /housing_areas/ {n++} END {print n + 0}' "$work/sqlsmith.sql") name an object of the extensions," \
			"$(awk 'BEGIN {RS = ";\n"} /housing_areas(_private)?\.[a-z_0-9]+\(/ {n++} END {print n + 0}' "$work/sqlsmith.sql") call one of their functions by name;" \
			"$(grep -c 'ERROR: ' "$work/sqlsmith.log") errors in the log; the most frequent:"
		# sqlsmith prints its error ranking every so often: the last one
		awk '/^queries: / {block = ""} /^[0-9]+\tERROR/ {block = block $0 "\n"} END {printf "%s", block}' \
			"$work/sqlsmith.out" | head -n 8 | cut -c 1-110 | sed 's/^/  /'
	} | diag
	if [ "${ran:-0}" -ge "$queries" ] && [ "$rc" -eq 0 ]; then
		ok "sqlsmith: $ran random queries ran"
	else
		not_ok "sqlsmith: ${ran:-no} of $queries queries ran (exit status $rc)"
		tail -n 5 "$work/sqlsmith.out" | diag
	fi
	# the XX000 entries of the log, one line each: ERROR, DETAIL, CONTEXT,
	# LOCATION and STATEMENT (every line of an entry has the prefix with the
	# SQLSTATE; a statement's own further lines are joined on)
	awk '/^[0-9]+-[0-9]+-[0-9]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] / {
			key = $1 " " $2 " " $4
			if (key != cur) { if (entry != "") print entry; entry = ""; cur = key }
			if ($5 == "XX000") entry = entry (entry == "" ? "" : " | ") $0
			next
		}
		{ if (entry != "") entry = entry " " $0 }
		END { if (entry != "") print entry }' "$work/sqlsmith.log" >"$work/xx000.log"
	# ours: raised in our C files or inside one of our SQL or PL/pgSQL
	# functions (its CONTEXT line).  An error raised by PostgreSQL or
	# PostGIS in a statement that also calls one of our SQL functions is
	# listed for review, not counted: such a function, if inlined, leaves no
	# CONTEXT line, but the direct calls above give it hostile arguments
	# and fail on any XX000.
	sql_names=$(qv -c "SELECT string_agg(DISTINCT proname, '|') FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
		JOIN pg_language AS l ON l.oid = p.prolang
		WHERE n.nspname IN ('housing_areas', 'housing_areas_private') AND l.lanname IN ('sql', 'plpgsql')")
	grep -E "LOCATION: +[a-z_0-9]+, (housing_areas|indicators|tally|classify)\.c:|CONTEXT: .*function \"?(housing_areas(_private)?\.)?($sql_names)\b" \
		"$work/xx000.log" >"$work/xx000_ours.log"
	grep -vxF -f "$work/xx000_ours.log" "$work/xx000.log" |
		grep -E "housing_areas(_private)?\.($sql_names) *\(" >"$work/xx000_review.log"
	all_xx=$(grep -c . "$work/xx000.log")
	ours=$(grep -c . "$work/xx000_ours.log")
	review=$(grep -c . "$work/xx000_review.log")
	if [ "$ours" -eq 0 ]; then
		ok "sqlsmith: no internal error (XX000) from this extension ($all_xx XX000 in all, raised by PostgreSQL or PostGIS)"
		[ "$all_xx" -eq 0 ] || sed -E 's/^.* XX000 +ERROR: +XX000: ([^|]*)\|.*LOCATION: +([^|]*).*$/\1 (\2)/' "$work/xx000.log" |
			sort | uniq -c | sort -rn | head -n 8 | cut -c 1-150 | diag
	else
		not_ok "sqlsmith: $ours internal errors (XX000) from this extension"
		head -n 5 "$work/xx000_ours.log" | cut -c 1-800 | diag
	fi
	if [ "$review" -gt 0 ]; then
		echo "$review of them in statements that call one of the extension's SQL functions (raised elsewhere; to review):" | diag
		while read -r line; do
			echo "$line" | sed -E 's/^.* XX000 +ERROR: +XX000: ([^|]*)\|.*LOCATION: +([^|]*).*$/  \1 (\2), calls:/'
			echo "$line" | grep -oE "housing_areas(_private)?\.($sql_names) *\(" | sort -u | sed 's/^/    /'
		done <"$work/xx000_review.log" | head -n 20 | diag
	fi
	if ! grep -Eq "$crash_re" "$work/sqlsmith.log"; then
		ok "sqlsmith: no crash in the server log ($(wc -l <"$work/sqlsmith.log") lines)"
	else
		not_ok "sqlsmith: a backend crashed"
		grep -E -B 2 -A 3 "$crash_re" "$work/sqlsmith.log" | cut -c 1-400 | head -n 30 | diag
	fi
fi

echo "# $n tests, $failures failed, $((SECONDS - started)) s"
[ "$failures" -eq 0 ] && [ "$n" -eq "$plan" ]
