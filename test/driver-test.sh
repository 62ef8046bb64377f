#!/usr/bin/env bash
# A test of the test driver (the last step of make test): each kind of fault
# is put into a scratch copy of the tree, and the driver (test/run-tests.sh,
# limited to the steps the fault concerns) must end with a summary line that
# counts it as failed and with a non-zero exit status.  Prints "1..N" and one
# TAP line per fault.
set -uo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

faults=(broken_expected missing_expected unit_crash fuzz_crash dump_restore_loss
	dump_restore_silent load_error)
echo "1..${#faults[@]}"
work=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-driver.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

# Put fault $1 into the scratch tree $2; print the steps the driver should run,
# then the text a "not ok" line of the run must contain.
inject() {
	local fault=$1 tree=$2
	case $fault in
		broken_expected)
			sed -i '3s/^/changed /' "$tree/test/expected/indicators_io.out"
			echo "regress|regress: indicators_io" ;;
		missing_expected)
			echo "SELECT 1 AS new_test;" >"$tree/test/sql/aa_new.sql"
			echo "regress|regress:" ;;
		unit_crash)
			cat >"$tree/test/unit/test_zz_crash.c" <<'C'
#include "unit.h"

/* Dereference a null pointer: the sanitizer must stop the process. */
static void
test_null_dereference(void)
{
	volatile int *volatile p = NULL;

	CHECK(*p == 0);
}

int
main(void)
{
	RUN(test_null_dereference);
	return unit_done("crash");
}
C
			echo "unit|test_zz_crash" ;;
		fuzz_crash)
			mkdir -p "$tree/test/fuzz/corpus/fuzz_zz_crash"
			printf 'crash' >"$tree/test/fuzz/corpus/fuzz_zz_crash/seed"
			cat >"$tree/test/fuzz/fuzz_zz_crash.c" <<'C'
#include <stddef.h>
#include <stdint.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Trap on any input that starts with 'c': the seed corpus has one. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 0 && data[0] == 'c')
		__builtin_trap();
	return 0;
}
C
			echo "fuzz|fuzz_zz_crash" ;;
		dump_restore_loss)
			# the plain-format restore loses the user's own facility row
			sed -i 's|-d ha_dump_plain -f "\$work/dump.sql"|& \&\& psql -X -q -d ha_dump_plain -c "DELETE FROM housing_areas.facility WHERE facility_id = 999999"|' \
				"$tree/test/dump-restore.sh"
			grep -q 'facility_id = 999999"' "$tree/test/dump-restore.sh" || return 1
			echo "dump-restore|plain format" ;;
		dump_restore_silent)
			# the check dies after its plan line without a word
			sed -i 's/^echo "1\.\.3"$/&; exit 3/' "$tree/test/dump-restore.sh"
			grep -q '^echo "1\.\.3"; exit 3$' "$tree/test/dump-restore.sh" || return 1
			echo "dump-restore|did not report" ;;
		load_error)
			echo "SELECT housing_areas.no_such_function();" >>"$tree/test/load/read_spatial.sql"
			echo "load|pgbench run" ;;
	esac
}

n=0
for fault in "${faults[@]}"; do
	n=$((n + 1))
	tree=$work/$fault
	if ! ha_copy_source "$tree" || ! spec=$(inject "$fault" "$tree"); then
		echo "not ok $n - $fault: could not put the fault into a scratch copy"
		continue
	fi
	steps=${spec%%|*}
	want=${spec#*|}
	log=$work/$fault.log
	HA_TEST_STEPS=$steps FUZZ_SECONDS=5 HA_FUZZ_TARGETS=fuzz_zz_crash LOAD_SECONDS=5 \
		HA_TEST_PORT=54349 HA_KEEP_FAILED=no \
		bash "$tree/test/run-tests.sh" </dev/null >"$log" 2>&1
	rc=$?
	last=$(tail -n 1 "$log")
	if [ "$rc" -ne 0 ] && [[ $last =~ ^[0-9]+\ passed,\ [1-9][0-9]*\ failed$ ]] &&
		grep '^not ok ' "$log" | grep -qF "$want"; then
		echo "ok $n - $fault turns make test red (exit status $rc, \"$last\")"
	else
		sed 's/^/# /' "$log" | tail -n 15
		echo "not ok $n - $fault: exit status $rc, last line \"$last\", want a failure naming \"$want\""
	fi
	rm -rf "$tree"
done
