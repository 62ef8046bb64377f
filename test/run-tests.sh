#!/usr/bin/env bash
# The README's test command (make test): installs what is missing, runs the
# C unit tests of src/core under ASan/UBSan, builds with -Wall -Wextra
# -Werror, installs into a private server tree, starts a throwaway cluster,
# runs the whole pg_regress suite, a pg_dump/restore check and a pgbench
# load check (LOAD_SECONDS, default 60), stops the cluster, and ends with
# "N passed, N failed" counting every unit, regression and cluster check.
set -uo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

work=$(mktemp -d /tmp/housing_areas-test.XXXXXX)
chmod 755 "$work"
cleanup() { ha_cluster_stop; rm -rf "$work"; }
trap cleanup EXIT

passed=0 failed=0
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

ha_bootstrap

ha_say "unit tests (src/core, ASan + UBSan)"
unit_log=$work/unit.log
bash test/run-unit.sh | tee "$unit_log"
read -r up uf < <(sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$unit_log")
passed=$((passed + ${up:-0}))
failed=$((failed + ${uf:-1}))

ha_say "fuzzing (src/core, libFuzzer + ASan + UBSan, 30 s per target)"
fuzz_log=$work/fuzz.log
bash test/run-fuzz.sh 30 | tee "$fuzz_log"
read -r fp ff < <(sed -n 's/^fuzz: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$fuzz_log")
passed=$((passed + ${fp:-0}))
failed=$((failed + ${ff:-1}))

ha_say "building with -Wall -Wextra -Werror and installing into a private tree"
make -s clean >/dev/null 2>&1
if ! ha_install_tree "$work/tree" COPT="-Wall -Wextra -Werror"; then
	echo "not ok - build"
	failed=$((failed + 1))
	summary
fi

ha_say "starting a throwaway PostgreSQL"
if ! ha_cluster_start "$work/pg" 54329; then
	echo "not ok - cluster start"
	failed=$((failed + 1))
	summary
fi

ha_say "pg_regress"
rm -rf test/out/results test/out/regression.*
regress_log=$work/regress.log
make -s installcheck with_llvm=no 2>&1 | tee "$regress_log"
[ -s test/out/regression.diffs ] && cat test/out/regression.diffs
rp=$(grep -cE '\.\.\. ok( |$)|^ok [0-9]+ ' "$regress_log")
rf=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$regress_log")
if [ "$rp" -eq 0 ] && [ "$rf" -eq 0 ]; then
	echo "not ok - pg_regress did not run"
	rf=1
fi
passed=$((passed + rp))
failed=$((failed + rf))

# checks that need the whole cluster: pg_dump/restore, and a pgbench load
for check in dump-restore load; do
	ha_say "$check"
	log=$work/$check.log
	bash "test/$check.sh" "$work" 2>&1 | tee "$log"
	cp=$(grep -c '^ok ' "$log")
	cf=$(grep -c '^not ok ' "$log")
	[ "$cp" -eq 0 ] && [ "$cf" -eq 0 ] && cf=1
	passed=$((passed + cp))
	failed=$((failed + cf))
done
summary
