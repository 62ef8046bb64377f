#!/usr/bin/env bash
# Load check, run by test/run-tests.sh against its throwaway cluster (Unix
# socket only): pgbench with 8 clients for LOAD_SECONDS (default 60) mixing
# classification, tallies and spatial queries with concurrent inserts into
# area_year and enrolment.  Every read compares its answer with the one
# taken before the run (test/load/questions.sql) and fails the client when
# it differs.  Every insert also writes a log row in the same transaction,
# so lost rows show as a difference.  Prints TAP lines.
set -uo pipefail
cd "$(dirname "$0")/.."
bindir=${PG_BINDIR:?PG_BINDIR must be set (test/lib.sh ha_bootstrap)}
work=${1:?usage: test/load.sh WORKDIR}
seconds=${LOAD_SECONDS:-60}
q() { psql -X -q -v ON_ERROR_STOP=1 -d ha_load "$@" </dev/null; }
echo "1..3"
fail=0
check() { if [ "$2" = ok ]; then echo "ok - load: $1"; else echo "not ok - load: $1 ($3)"; fail=1; fi; }

psql -X -q -c "DROP DATABASE IF EXISTS ha_load" -c "CREATE DATABASE ha_load" </dev/null >/dev/null 2>&1
q -c "SET client_min_messages = warning; CREATE EXTENSION housing_areas_postgis CASCADE" &&
q -v scale=0.1 -v dagi="$PWD/test/data/dagi" -f test/demo/generate.sql >/dev/null &&
q -c "CREATE SCHEMA load; CREATE SEQUENCE load.ids START 100000; CREATE TABLE load.log (kind text NOT NULL, area_id integer)" &&
q -f test/load/questions.sql >/dev/null ||
	{ check "set-up" fail "the database could not be prepared"; exit 1; }
# the answers the readers must keep getting are there and not trivial
read -r questions classify unanswered listed < <(q -t -A -F ' ' -c "
  SELECT count(*), count(*) FILTER (WHERE question LIKE 'classify %'), count(*) FILTER (WHERE answer IS NULL),
         (SELECT answer FROM load.question WHERE question = 'udsat lists') ~ '[1-9]' FROM load.question")
if [ "${classify:-0}" -lt 5 ] || [ "${unanswered:-1}" -ne 0 ] || [ "${listed:-f}" != t ]; then
	check "set-up" fail "questions $questions, unanswered $unanswered, areas on the udsat lists: $listed"
	exit 1
fi
before_enrolment=$(q -t -A -c "SELECT count(*) FROM housing_areas.enrolment")

"$bindir/pgbench" -n -c 8 -j 2 -T "$seconds" -d ha_load -D classify="$classify" \
	-f test/load/read_classify.sql@40 -f test/load/read_spatial.sql@10 -f test/load/read_tally.sql@10 \
	-f test/load/write_area_year.sql@20 -f test/load/write_enrolment.sql@20 \
	</dev/null >"$work/pgbench.log" 2>&1
rc=$?
sed -n 's/^\(number of transactions actually processed\|number of failed transactions\|tps\|latency average\)/  &/p' "$work/pgbench.log" | sed 's/^  /# /'
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/pgbench.log")
done_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.log")
if [ $rc -eq 0 ] && [ "${failed:-x}" = 0 ] && [ "${done_tx:-0}" -gt 0 ]; then
	check "$done_tx transactions in ${seconds} s by 8 clients, 0 failed, every read answered as before the run ($questions questions)" ok
else
	check "pgbench run" fail "exit $rc, failed ${failed:-?}: $(grep -iE 'error|abort' "$work/pgbench.log" | head -n 3)"
fi

# per-script transaction counts from pgbench against what reached the tables
script_tx() { grep -A2 "$1" "$work/pgbench.log" | sed -n 's/.* - \([0-9]*\) transactions.*/\1/p' | head -n 1; }
tx_area=$(script_tx write_area_year.sql)
tx_enrol=$(script_tx write_enrolment.sql)
read -r log_area rows_area log_enrol rows_enrol < <(q -t -A -F ' ' -c "
  SELECT (SELECT count(*) FROM load.log WHERE kind = 'area_year'),
         (SELECT count(*) FROM housing_areas.area_year WHERE area_id >= 100000),
         (SELECT count(*) FROM load.log WHERE kind = 'enrolment'),
         (SELECT count(*) FROM housing_areas.enrolment) - $before_enrolment")
if [ "${tx_area:-x}" = "$log_area" ] && [ "$log_area" = "$rows_area" ] && [ "${rows_area:-0}" -gt 0 ] &&
   [ "${tx_enrol:-x}" = "$log_enrol" ] && [ "$log_enrol" = "$rows_enrol" ] && [ "${rows_enrol:-0}" -gt 0 ]; then
	check "no lost rows ($rows_area area_year and $rows_enrol enrolment inserts, as pgbench counted)" ok
else
	check "no lost rows" fail "area_year: pgbench ${tx_area:-?}, log $log_area, table $rows_area; enrolment: pgbench ${tx_enrol:-?}, log $log_enrol, table $rows_enrol"
fi
# the data is still consistent for the extension
consistent=$(q -t -A -c "SELECT count(*) FROM housing_areas.area_status WHERE list_year = 2025" 2>&1)
if [[ $consistent =~ ^[0-9]+$ ]] && [ "$consistent" -ge "$rows_area" ]; then
	check "area_status reads all $consistent rows of 2025 after the run" ok
else
	check "area_status after the run" fail "$consistent"
fi
psql -X -q -c "DROP DATABASE ha_load" </dev/null
exit $fail
