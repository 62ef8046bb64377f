#!/usr/bin/env bash
# The README's test command (make test).  Installs what is missing, then runs
# these steps and ends with "N passed, N failed" over all of them:
#
#   unit          C unit tests of src/core under ASan/UBSan (test/run-unit.sh)
#   fuzz          libFuzzer targets, FUZZ_SECONDS (30) each (test/run-fuzz.sh)
#   regress       build with -Wall -Wextra -Werror and -fsanitize=bounds in a copy of the tree,
#                 install into a private server tree, start a throwaway
#                 cluster, run pg_regress over every test/sql/*.sql
#   dump-restore  pg_dump/pg_restore keeps rows, results and indexes
#   load          pgbench, 8 clients, LOAD_SECONDS (60), no lost rows
#   clients       GDAL, QGIS (headless) and psycopg2 against the GIS and BI
#                 views, the GeoJSON and the vector tiles (test/clients.sh;
#                 installs gdal-bin and python3-qgis as root)
#   demo          make demo at a small scale, and its files checked
#                 (test/demo-check.sh)
#   federation    tally_agg computed on three municipal servers through
#                 postgres_fdw, equal bit for bit to one server's
#                 (test/federation.sh)
#   hostile       every function called with hostile arguments, and a bounded
#                 sqlsmith run: no crash, no XX000 (test/hostile.sh)
#   driver        this driver turns each kind of fault red (test/driver-test.sh)
#
# Every step is held to a plan: the number of tests it must report (one per
# RUN() in test/unit, one per fuzz target, one per regression test, the
# "1..N" line of the cluster checks).  A test that did not report, a step
# that exits non-zero without saying why, or a step that could not start
# counts as failed: a green line means every planned test ran and passed.
#
# Environment (mostly for test/driver-test.sh): HA_TEST_STEPS (the steps to
# run, blank-separated), HA_REGRESS (the regression tests, default all of
# test/sql/*.sql), FUZZ_SECONDS, HA_FUZZ_TARGETS, LOAD_SECONDS, HA_TEST_PORT,
# HA_KEEP_FAILED=no (remove the work directory after a failed run too).
set -uo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

steps=${HA_TEST_STEPS:-unit fuzz regress dump-restore load clients demo federation hostile driver}
regress_tests=${HA_REGRESS:-$(ha_regress_tests)}
port=${HA_TEST_PORT:-54329}

work=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-test.XXXXXX)
chmod 755 "$work"
cleanup() {
	ha_cluster_stop
	if [ "$failed" -eq 0 ] || [ "${HA_KEEP_FAILED:-yes}" = no ]; then
		rm -rf "$work"
	else
		echo "# kept $work (logs, regression diffs)" >&2
	fi
}
passed=0 failed=0
trap cleanup EXIT

# Count a failure that no test reported itself.
fail_step() {
	echo "not ok - $1"
	failed=$((failed + 1))
}

# Run a step ($1) whose output is TAP lines; $2 is its plan (the number of
# ok/not ok lines it must print), or "" to take the "1..N" line it prints.
# The command follows.  Unreported tests and a silent non-zero exit fail.
tap_step() {
	local name=$1 plan=$2 log=$work/$1.log rc ok nok ran
	shift 2
	ha_say "$name"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	ok=$(grep -c '^ok ' "$log")
	nok=$(grep -c '^not ok ' "$log")
	[ -n "$plan" ] || plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$log" | head -n 1)
	passed=$((passed + ok))
	failed=$((failed + nok))
	ran=$((ok + nok))
	if [ -z "$plan" ]; then
		fail_step "$name: printed no plan (exit status $rc)"
	elif [ "$ran" -lt "$plan" ]; then
		echo "not ok - $name: $((plan - ran)) of $plan planned tests did not report (exit status $rc)"
		failed=$((failed + plan - ran))
	elif [ "$ran" -gt "$plan" ]; then
		fail_step "$name: $ran tests reported, $plan planned"
	fi
	if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ] && [ "$ran" -ge "${plan:-0}" ]; then
		fail_step "$name: exit status $rc with every test reported ok"
	fi
}

# Print the summary line and leave with its status.
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

# pg_regress over $regress_tests in the build copy, as TAP lines; the exit
# status is make's.  Old (PG <= 15) and TAP (PG >= 16) output both map to
# "ok - regress: NAME" / "not ok - regress: NAME".
regress_tap() {
	local rc
	rm -rf "$build/test/out"
	make -C "$build" -s installcheck with_llvm=no REGRESS="$regress_tests" \
		>"$work/regress.raw" 2>&1
	rc=$?
	ha_regress_outcomes "$work/regress.raw" | sed -E 's/^(ok|not ok) /\1 - regress: /'
	if [ "$rc" -ne 0 ]; then
		grep -vE '^(test |ok |not ok |     )' "$work/regress.raw" | sed 's/^/# /' | tail -n 20
		[ -s "$build/test/out/regression.diffs" ] && cat "$build/test/out/regression.diffs"
		mkdir -p test/out
		[ -s "$build/test/out/regression.diffs" ] && cp "$build/test/out/regression.diffs" test/out/
	fi
	return $rc
}

if ! (ha_bootstrap); then
	fail_step "bootstrap: the packages the tests need could not be installed"
	summary
fi
ha_bootstrap 2>/dev/null

cluster=no
build=$work/src
for step in $steps; do
	case $step in
		unit)
			tap_step unit "$(ha_unit_plan)" bash test/run-unit.sh ;;
		fuzz)
			tap_step fuzz "$(ha_fuzz_targets | wc -w)" \
				bash test/run-fuzz.sh "${FUZZ_SECONDS:-30}" ;;
		regress | dump-restore | load | clients)
			if [ "$cluster" = no ]; then
				cluster=failed
				# -fsanitize=bounds: an index past a fixed array in the glue
				# traps (the server process dies, the test fails) instead of
				# writing beside it; no runtime library needed
				ha_say "building with -Wall -Wextra -Werror and array bounds checks in a copy of the tree, installing into a private tree"
				if ! ha_copy_source "$build"; then
					fail_step "build: could not copy the source tree"
				elif ! HA_SRC=$build ha_install_tree "$work/tree" \
					COPT="-Wall -Wextra -Werror -fsanitize=bounds -fsanitize-undefined-trap-on-error"; then
					fail_step "build"
				elif ! ha_cluster_start "$work/pg" "$port"; then
					fail_step "cluster start"
				else
					cluster=up
				fi
			fi
			if [ "$cluster" != up ]; then
				fail_step "$step: not run (no build or no cluster)"
				continue
			fi
			case $step in
				regress)
					tap_step regress "$(echo "$regress_tests" | wc -w)" regress_tap ;;
				*)
					tap_step "$step" "" bash "test/$step.sh" "$work" ;;
			esac
			;;
		demo)
			tap_step demo "" bash test/demo-check.sh ;;
		federation)
			tap_step federation "" bash test/federation.sh ;;
		hostile)
			tap_step hostile "" bash test/hostile.sh ;;
		driver)
			ha_cluster_stop
			cluster=no
			tap_step driver "" bash test/driver-test.sh ;;
		*)
			fail_step "unknown step '$step' in HA_TEST_STEPS" ;;
	esac
done
summary
