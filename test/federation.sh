#!/usr/bin/env bash
# Federation: national figures from municipal servers without moving person
# rows (docs/federation.md).  Builds the extension once into a private
# server tree and starts five throwaway clusters on this machine:
#
#   coordinator   port P      postgres_fdw; person partitioned BY LIST (area_id),
#                             one foreign partition per municipal server
#   single        port P+1    every person row in one table: the reference
#   muni_0101 ..  port P+2..  one per municipality, its own rows only
#
# Then checks, as TAP (plan first, "# " diagnostics, exit 0 only if all pass):
# the rows at home equal the reference's; EXPLAIN VERBOSE shows tally_agg
# computed on the municipal servers (and the check catches plans that would
# fetch person rows: three deliberately bad plans must be flagged); the rows
# and bytes that crossed the wire against the person rows that stayed home;
# the tallies equal the single server's bit for bit (tally_send); to_indicators
# and classify on the coordinator give the single server's answer; a role
# that may read only the municipalities' tally views gets the same tallies
# and no person row.  Prints the median time of the federated query against
# the single server.  Partitioned by area rather than by municipality so
# that the plain GROUP BY area_id stays remote (docs/federation.md).
#
#   bash test/federation.sh                  20 areas per municipality (~0.5 M rows)
#   bash test/federation.sh --areas 60       more rows
#   bash test/federation.sh --runs 7         timed runs per side (median)
#   bash test/federation.sh --port 54430     first of five ports (default: 54430,
#                                            else 54435 or 54440 if busy)
#   bash test/federation.sh --keep           leave the servers running
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

areas=20 runs=5 base=${HA_FED_PORT:-} keep=false
ha_options "$0" areas=areas runs=runs port=base keep=keep! -- "$@"
[[ $areas =~ ^[1-9][0-9]*$ && $areas -le 999 ]] || ha_die "--areas takes 1 to 999"
[[ $runs =~ ^[1-9][0-9]*$ ]] || ha_die "--runs takes a positive number"
[[ -z $base || $base =~ ^[0-9]+$ ]] || ha_die "--port takes a number"

started=$SECONDS
munis=(0101 0461 0751)
nmunis=${#munis[@]}
plan=17
echo "1..$plan"

ha_servers_workdir federation 'servers kept in $work: coordinator psql -h $work/coordinator -p $base -U postgres national'

n=0 failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; }
check() { if [ "$2" -eq 0 ]; then ok "$1"; else not_ok "$1"; fi; }
diag() { sed 's/^/# /'; }
# the tests not reached are left unreported: the driver counts them failed
bail() { not_ok "$1"; echo "Bail out! $1"; exit 1; }

# the first of five free ports: --port, or 54430, 54435, 54440 (54445 and
# up are test/hostile.sh's)
if [ -z "$base" ]; then
	for b in 54430 54435 54440; do
		ha_port_free "$b" && ha_port_free $((b + 1)) && ha_port_free $((b + 2)) &&
			ha_port_free $((b + 3)) && ha_port_free $((b + 4)) && { base=$b; break; }
	done
	base=${base:-54430}
fi
# clusters: name -> port and directory (the socket lives there too)
declare -A port dir
port[coordinator]=$base port[single]=$((base + 1))
i=2
for m in "${munis[@]}"; do port[muni_$m]=$((base + i)); i=$((i + 1)); done
for c in "${!port[@]}"; do dir[$c]=$work/$c; done

# psql on cluster $1, database $2; more psql arguments follow
sql() {
	local c=$1 db=$2
	shift 2
	psql -X -q -v ON_ERROR_STOP=1 -h "${dir[$c]}" -p "${port[$c]}" -U postgres -d "$db" "$@" </dev/null
}
sqlv() { sql "$@" -A -t; }

# ---------------------------------------------------------------- set-up
setup() {
	ha_build_tree || return 1
	# postgres_fdw is contrib, shipped with the server package: the private
	# tree links to it
	[ -f "$work/tree$("$PG_CONFIG" --sharedir)/extension/postgres_fdw.control" ] ||
		{ echo "postgres_fdw is not installed next to the server" | diag; return 1; }
	# ss (iproute2) reads the kernel's byte counters of the connections
	command -v ss >/dev/null 2>&1 || ha_apt_install iproute2 2>&1 | diag
	command -v ss >/dev/null 2>&1 || { echo "ss (iproute2) is missing" | diag; return 1; }
	local c p
	for c in coordinator single "${munis[@]/#/muni_}"; do
		p=${port[$c]}
		if ! ha_port_free "$p"; then
			echo "port $p is in use (try --port)" | diag
			return 1
		fi
		# no parallel aggregation and no synchronized scans: with float8
		# sums, equal bits need each area's rows summed in the same order
		# on both sides (docs/federation.md)
		ha_cluster_start "${dir[$c]}" "$p" "-c listen_addresses=127.0.0.1 \
			-c max_parallel_workers_per_gather=0 -c synchronize_seqscans=off" ||
			return 1
	done
}
if ! setup; then
	bail "set-up: build, private tree with postgres_fdw, five clusters"
fi
ok "set-up: one build, five clusters (coordinator :${port[coordinator]}, single :${port[single]}, municipalities :${port[muni_${munis[0]}]}-:${port[muni_${munis[-1]}]}) in $((SECONDS - started)) s"

# ------------------------------------------------------- the person rows
t0=$SECONDS
pids=()
for c in single "${munis[@]/#/muni_}"; do
	if [ "$c" = single ]; then codes="{$(IFS=,; echo "${munis[*]}")}"; else codes="{${c#muni_}}"; fi
	(sql "$c" postgres -c "CREATE DATABASE register" &&
		sql "$c" register -c "ALTER DATABASE register SET search_path = public, housing_areas" &&
		sql "$c" register -v municipalities="$codes" -v areas="$areas" \
			-f test/federation/register.sql >/dev/null) >"$work/gen_$c.log" 2>&1 &
	pids+=($!)
done
genfail=0
for p in "${pids[@]}"; do wait "$p" || genfail=1; done
if [ "$genfail" -ne 0 ]; then
	cat "$work"/gen_*.log | diag
	bail "person rows generated on every server"
fi
home_rows=0
for m in "${munis[@]}"; do
	r=$(sqlv "muni_$m" register -c "SELECT count(*) FROM person")
	home_rows=$((home_rows + r))
done
single_rows=$(sqlv single register -c "SELECT count(*) FROM person")
echo "person rows: $home_rows at home on $nmunis municipal servers, $single_rows on the single server, generated in $((SECONDS - t0)) s" | diag

# the same rows in the same physical order per area and year, and each
# municipal server holds its own municipality only
digest="SELECT municipality, area_id, data_year, count(*),
		md5(string_agg(p::text, E'\n' ORDER BY ctid))
	FROM person AS p GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
for m in "${munis[@]}"; do
	sqlv "muni_$m" register -F ' ' -c "$digest"
done >"$work/digest_home"
sqlv single register -F ' ' -c "$digest" >"$work/digest_single"
groups=$(wc -l <"$work/digest_single")
if [ "$home_rows" -eq "$single_rows" ] && [ "$groups" -eq $((areas * nmunis * 2)) ] &&
	diff "$work/digest_home" "$work/digest_single" >"$work/digest.diff"; then
	ok "rows at home: $home_rows person rows, each area on one municipal server, the same rows in the same order as on the single server ($groups area-year digests)"
else
	head -n 20 "$work/digest.diff" | diag
	not_ok "rows at home: the municipal servers' rows differ from the single server's"
fi

# ------------------------------------------------------ the coordinator
coordinator_setup() {
	local m
	sql coordinator postgres -c "CREATE DATABASE national" &&
		sql coordinator national -c "ALTER DATABASE national SET search_path = public, housing_areas" \
			-c "ALTER DATABASE national SET enable_partitionwise_aggregate = on" \
			-c "SET client_min_messages = warning" \
			-c "CREATE EXTENSION housing_areas" -c "CREATE EXTENSION postgres_fdw" || return 1
	for m in "${munis[@]}"; do
		# muni_: as the municipal superuser (for the person partitions);
		# tally_: as the role national, which may read the tally view only
		sql coordinator national \
			-c "CREATE SERVER muni_$m FOREIGN DATA WRAPPER postgres_fdw OPTIONS (
					host '127.0.0.1', port '${port[muni_$m]}', dbname 'register',
					extensions 'housing_areas', async_capable 'true', fetch_size '1000')" \
			-c "CREATE USER MAPPING FOR CURRENT_USER SERVER muni_$m OPTIONS (user 'postgres')" \
			-c "CREATE SERVER tally_$m FOREIGN DATA WRAPPER postgres_fdw OPTIONS (
					host '127.0.0.1', port '${port[muni_$m]}', dbname 'register',
					extensions 'housing_areas', async_capable 'true')" \
			-c "CREATE USER MAPPING FOR CURRENT_USER SERVER tally_$m OPTIONS (user 'national')" ||
			return 1
	done
	sql coordinator national -v areas="$areas" -f test/federation/coordinator.sql >/dev/null &&
		# negative controls: a server without the extensions option, and
		# person as seen by the role national
		sql coordinator national \
			-c "CREATE SERVER plain_${munis[0]} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (
					host '127.0.0.1', port '${port[muni_${munis[0]}]}', dbname 'register')" \
			-c "CREATE USER MAPPING FOR CURRENT_USER SERVER plain_${munis[0]} OPTIONS (user 'postgres')" \
			-c "CREATE SCHEMA plain" \
			-c "IMPORT FOREIGN SCHEMA public LIMIT TO (person) FROM SERVER plain_${munis[0]} INTO plain" \
			-c "CREATE SCHEMA denied" \
			-c "IMPORT FOREIGN SCHEMA public LIMIT TO (person) FROM SERVER tally_${munis[0]} INTO denied"
}
coordinator_setup >"$work/coordinator.log" 2>&1 || { diag <"$work/coordinator.log"; bail "coordinator set-up"; }

# ------------------------------------------------------------ the plans
agg="tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student)"
q_area="SELECT area_id, $agg AS t FROM person GROUP BY area_id"
q_year="SELECT area_id, data_year, $agg AS t FROM person GROUP BY area_id, data_year"
# in a fixed order: float8 sums of the same tallies in another order can
# differ in the last bit (the async Append returns partitions as they come)
q_national="SELECT sum(t ORDER BY area_id) AS t FROM ($q_area) AS per_area"
q_muni="SELECT municipality, area_id, $agg AS t FROM person_by_municipality GROUP BY municipality, area_id"
# the forecast of the 2026 list from data years 2024 and 2025, on the coordinator
q_classify="WITH t AS ($q_year)
SELECT c.area_id, k.category, k.rules, k.udsat, k.parallelsamfund, k.criteria_met, k.criteria_unknown,
       to_indicators(c.t, p.t, 0.57, 381000) AS indicators
  FROM t AS c JOIN t AS p ON p.area_id = c.area_id AND p.data_year = 2024
 CROSS JOIN LATERAL classify(to_indicators(c.t, p.t, 0.57, 381000), 2026) AS k
 WHERE c.data_year = 2025"

# EXPLAIN VERBOSE of $2 into file $1 (more settings in $3)
explain() { sqlv coordinator national -c "${3:-SELECT 1}" -c "EXPLAIN (VERBOSE, COSTS OFF) $2" >"$1" 2>&1; }

# Does the plan in file $1 compute everything remotely?  Yes (status 0) when
# it has exactly $2 Remote SQL lines and each of them is an aggregate
# "SELECT ... tally_agg(...) ... FROM ... GROUP BY ...": no foreign scan
# fetches person columns to aggregate them here.
remote_only() {
	local file=$1 want=$2 remote bad
	remote=$(grep -c 'Remote SQL:' "$file")
	bad=$(grep 'Remote SQL:' "$file" |
		grep -vcE 'Remote SQL: SELECT .*housing_areas\.tally_agg\(.* FROM public\.person( WHERE .*)? GROUP BY [0-9]')
	[ "$remote" -eq "$want" ] && [ "$bad" -eq 0 ]
}

# a plan that must stay remote: $1 name, $2 query, $3 foreign scans
plan_remote() {
	local f=$work/plan_$n.txt
	explain "$f" "$2"
	if remote_only "$f" "$3"; then
		ok "EXPLAIN VERBOSE: $1 runs on the municipal servers ($3 Remote SQL, all tally_agg ... GROUP BY)"
		grep -E 'Foreign Scan|Remote SQL|Append|Aggregate|Relations' "$f" | head -n 12 | diag
	else
		not_ok "EXPLAIN VERBOSE: $1 runs on the municipal servers"
		diag <"$f"
	fi
}
# a plan that ships rows, which the check must flag: $1 name, $2 query,
# $3 settings, $4 foreign scans
plan_flagged() {
	local f=$work/plan_$n.txt
	explain "$f" "$2" "$3"
	if ! grep -q 'Remote SQL:' "$f"; then
		not_ok "the check flags a plan that ships person rows: $1 (no plan)"
		diag <"$f"
	elif remote_only "$f" "$4"; then
		not_ok "the check flags a plan that ships person rows: $1 (it was not flagged)"
		diag <"$f"
	else
		ok "the check flags a plan that ships person rows: $1"
		grep -m 1 'Remote SQL:' "$f" | sed 's/^ *//' | cut -c 1-150 | diag
	fi
}

plan_remote "SELECT area_id, tally_agg(...) FROM person GROUP BY area_id" "$q_area" "$nmunis"
plan_remote "GROUP BY area_id, data_year, then to_indicators and classify here" "$q_classify" "$nmunis"
plan_remote "the national total, sum(t ORDER BY area_id) of the per-area tallies" "$q_national" "$nmunis"
plan_remote "partitioned by municipality, GROUP BY municipality, area_id" "$q_muni" "$nmunis"
plan_flagged "partitioned by municipality, GROUP BY area_id only (partial aggregates)" \
	"SELECT area_id, $agg FROM person_by_municipality GROUP BY area_id" "" "$nmunis"
plan_flagged "a server without OPTIONS (extensions 'housing_areas')" \
	"SELECT area_id, $agg FROM plain.person GROUP BY area_id" "" 1
plan_flagged "enable_partitionwise_aggregate = off" "$q_area" \
	"SET enable_partitionwise_aggregate = off" "$nmunis"

# ------------------------------------------------- what crossed the wire
# Rows: EXPLAIN ANALYZE counts the rows each Foreign Scan returned.
sqlv coordinator national -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF) $q_year" \
	>"$work/analyze.txt" 2>&1
wire_rows=$(grep -E '^ *(->  )?(Async )?Foreign Scan' "$work/analyze.txt" |
	sed -n 's/.*(actual rows=\([0-9]*\) loops=1).*/\1/p' | awk '{s += $1} END {print s + 0}')
scans=$(grep -cE '^ *(->  )?(Async )?Foreign Scan' "$work/analyze.txt")
if [ "$scans" -eq "$nmunis" ] && [ "${wire_rows:-0}" -eq "$groups" ] && remote_only "$work/analyze.txt" "$nmunis"; then
	ok "rows on the wire: $wire_rows tallies (one per area and data year) from $scans foreign scans; $home_rows person rows stayed home"
else
	not_ok "rows on the wire: expected $groups tallies from $nmunis foreign scans, saw ${wire_rows:-none} from $scans"
	diag <"$work/analyze.txt"
fi

# Bytes: the kernel's TCP counters (ss -ti: bytes_received, bytes_sent) of
# the coordinator's connections to the municipal servers, read before and
# after each query within one session (postgres_fdw keeps its connections):
# the payload of every protocol message of the query (DECLARE, FETCH, the
# DataRows, CLOSE, COMMIT), without TCP/IP headers.  The same for the query
# that makes the coordinator fetch the rows (partitioned by municipality,
# GROUP BY area_id), to show what the person rows would cost.
filter="( $(for m in "${munis[@]}"; do printf 'dport = :%s or ' "${port[muni_$m]}"; done | sed 's/ or $//') )"
ss_snap() { printf '\\! ss -tinHO state established %q > %q\n' "$filter" "$work/ss_$1"; }
{
	echo "\\o /dev/null"
	echo "$q_year;"                   # opens the connections
	ss_snap fed0
	echo "\\timing on"
	echo "$q_year;"
	echo "\\timing off"
	ss_snap fed1
	echo "\\timing on"
	echo "SELECT area_id, $agg FROM person_by_municipality GROUP BY area_id;"
	echo "\\timing off"
	ss_snap rows1
} >"$work/wire.sql"
sql coordinator national -f "$work/wire.sql" >"$work/wire.out" 2>&1
# sum of counter $2 over the connections in snapshot $1
ss_sum() {
	[ -s "$work/ss_$1" ] || { echo 0; return; }
	grep -o "$2:[0-9]*" "$work/ss_$1" | cut -d: -f2 | awk '{s += $1} END {print s + 0}'
}
fed_in=$(($(ss_sum fed1 bytes_received) - $(ss_sum fed0 bytes_received)))
fed_out=$(($(ss_sum fed1 bytes_sent) - $(ss_sum fed0 bytes_sent)))
rows_in=$(($(ss_sum rows1 bytes_received) - $(ss_sum fed1 bytes_received)))
rows_out=$(($(ss_sum rows1 bytes_sent) - $(ss_sum fed1 bytes_sent)))
conns=$(wc -l <"$work/ss_fed1" 2>/dev/null || echo 0)
mapfile -t times < <(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$work/wire.out")
home_bytes=0 home_text=0
for m in "${munis[@]}"; do
	read -r b t < <(sqlv "muni_$m" register -F ' ' \
		-c "SELECT pg_table_size('person'), sum(octet_length(p::text)) FROM person AS p")
	home_bytes=$((home_bytes + b)) home_text=$((home_text + t))
done
tally_text=$(sqlv coordinator national -c "SELECT sum(octet_length(t::text)) FROM ($q_year) AS x")
{
	echo "wire, measured by ss -ti on the coordinator's $conns connections (TCP payload, both directions):"
	printf '  %-44s %12s %12s %10s\n' "" "received" "sent" "time"
	printf '  %-44s %12s %12s %8s ms\n' "tallies (GROUP BY area_id, data_year)" "$fed_in B" "$fed_out B" "${times[0]:-?}"
	printf '  %-44s %12s %12s %8s ms\n' "person rows (partitioned by municipality)" "$rows_in B" "$rows_out B" "${times[1]:-?}"
	echo "  tally text in the $groups result rows: $tally_text B"
	echo "at home: $home_rows person rows, $home_bytes B of table, $home_text B as text"
} | diag
if [ "$conns" -eq "$nmunis" ] && [ "$fed_in" -gt 0 ] && [ "$rows_in" -gt 0 ] &&
	[ $((fed_in * 100)) -lt "$rows_in" ] && [ $((fed_in * 100)) -lt "$home_bytes" ]; then
	ok "bytes on the wire: $fed_in B of tallies received, under 1 % of the $rows_in B the person rows take when fetched ($home_bytes B stored at home)"
else
	not_ok "bytes on the wire: $fed_in B for the tallies against $rows_in B for the rows over $conns connections"
	diag <"$work/wire.out"
fi

# ------------------------------------------------------ bit for bit
# tally_send on the coordinator: the bits after the remote result went
# through tally's text output and input; on the single server: as computed
same_bits() {
	local name=$1 query=$2 key=$3 a b f=$work/bits_$n.txt
	query="SELECT $key, encode(tally_send(t), 'hex') FROM ($query) AS x ORDER BY $key"
	explain "$f" "$query"
	if ! remote_only "$f" "$nmunis"; then
		not_ok "bit for bit: $name (the plan ships person rows)"
		diag <"$f"
		return
	fi
	a=$(sqlv coordinator national -F ' ' -c "$query")
	b=$(sqlv single register -F ' ' -c "$query")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then
		ok "bit for bit: $name, the same as on the single server ($(echo "$a" | wc -l) tallies, md5 $(echo "$a" | md5sum | cut -c 1-12))"
	else
		not_ok "bit for bit: $name, not the same as on the single server"
		diff <(echo "$a") <(echo "$b") | head -n 10 | diag
	fi
}
same_bits "the tallies per area and data year" "$q_year" "area_id, data_year"
same_bits "the tallies per area (both years in one)" "$q_area" "area_id"
same_bits "the national total" "$q_national" "1"

# to_indicators and classify on the coordinator against the single server
a=$(sqlv coordinator national -F ' ' -c "$q_classify ORDER BY 1")
b=$(sqlv single register -F ' ' -c "$q_classify ORDER BY 1")
if [ -n "$a" ] && [ "$a" = "$b" ]; then
	ok "to_indicators and classify on the coordinator: the single server's answer for all $(echo "$a" | wc -l) areas"
	echo "$a" | awk '{print $2}' | sort | uniq -c | awk '{printf "%s %s; ", $2, $1}' |
		sed 's/; $/\n/;s/^/forecast of the 2026 list: /' | diag
else
	not_ok "to_indicators and classify on the coordinator differ from the single server's"
	diff <(echo "$a") <(echo "$b") | head -n 10 | diag
fi

# The municipality enforces it: as the role national the coordinator reads
# the tally view (the same bits) and cannot read person at all.
f=$work/plan_tally.txt
explain "$f" "SELECT area_id, data_year, t FROM area_tally"
a=$(sqlv coordinator national -F ' ' -c "SELECT area_id, data_year, encode(tally_send(t), 'hex') FROM area_tally ORDER BY 1, 2")
b=$(sqlv single register -F ' ' -c "SELECT area_id, data_year, encode(tally_send(t), 'hex') FROM ($q_year) AS x ORDER BY 1, 2")
denied=$(sqlv coordinator national -c "SELECT count(*) FROM denied.person" 2>&1)
if [ -n "$a" ] && [ "$a" = "$b" ] && [ "$(grep -c 'Remote SQL: SELECT area_id, data_year, t FROM public.area_tally$' "$f")" -eq "$nmunis" ] &&
	echo "$denied" | grep -q 'permission denied for table person'; then
	ok "enforced at home: as a role that may read only the view area_tally, the coordinator gets the same $(echo "$a" | wc -l) tallies bit for bit and \"permission denied\" on person"
	grep -m 1 'Remote SQL' "$f" | sed 's/^ *//' | diag
else
	not_ok "enforced at home: the tally views as the role national"
	{ cat "$f"; echo "$denied"; diff <(echo "$a") <(echo "$b") | head -n 5; } | diag
fi

# ------------------------------------------------------------- timing
# median of $runs runs, interleaved; one session per side, warmed up (the
# coordinator's connections to the municipal servers are open)
timed() {
	local c=$1 db=$2 i
	{
		echo "${3:-}"
		echo "\\o /dev/null"
		echo "$q_year;"
		echo "\\timing on"
		for ((i = 0; i < runs; i++)); do echo "$q_year;"; done
	} | psql -X -q -v ON_ERROR_STOP=1 -h "${dir[$c]}" -p "${port[$c]}" -U postgres -d "$db" 2>&1 |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}
median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "?"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
fed_times=$(timed coordinator national)
single_times=$(timed single register)
# for scale only (not compared bit for bit): the single server with parallel
# aggregation, whose partial sums make float8 results depend on the workers
parallel_times=$(timed single register "SET max_parallel_workers_per_gather = 2;")
fed_med=$(echo "$fed_times" | median)
single_med=$(echo "$single_times" | median)
{
	echo "time of GROUP BY area_id, data_year over $home_rows person rows, median of $runs (ms):"
	printf '  %-40s %10s   runs: %s\n' "federated ($nmunis municipal servers)" "$fed_med" "$(echo $fed_times)"
	printf '  %-40s %10s   runs: %s\n' "single server" "$single_med" "$(echo $single_times)"
	printf '  %-40s %10s   runs: %s\n' "single server, 2 parallel workers" "$(echo "$parallel_times" | median)" "$(echo $parallel_times)"
	echo "  (one machine, $(nproc) cores: the municipal servers share its CPUs; no parallel workers in the first two)"
} | diag
if [ "$(echo "$fed_times" | grep -c .)" -eq "$runs" ] && [ "$(echo "$single_times" | grep -c .)" -eq "$runs" ]; then
	ok "timing: federated $fed_med ms, single server $single_med ms (median of $runs)"
else
	not_ok "timing: not every timed run finished"
fi

echo "# $n tests, $failures failed, $((SECONDS - started)) s"
[ "$n" -eq "$plan" ] || echo "# ran $n tests, planned $plan"
[ "$failures" -eq 0 ] && [ "$n" -eq "$plan" ]
