#!/usr/bin/env bash
# Build the libFuzzer targets of test/fuzz (fuzz_*.c, or those named in
# HA_FUZZ_TARGETS) against src/core with
# ASan and UBSan, and run each in turn, one fuzzer process at a time, for
# the given number of seconds (default 30), starting from a temporary copy
# of its seed corpus in test/fuzz/corpus/<target>/ (so runs do not grow the
# repository) and the dictionary test/fuzz/keys.dict.  Prints one TAP line
# per target with its number of executions, the crash artifacts of failed
# runs, and, last, "fuzz: N passed, N failed".  Exit status 0 only when all
# passed.  The temporary directory is removed after a clean run and kept,
# with binaries, logs and artifacts, after a failed one.
set -uo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh
secs=${1:-30}
case $secs in
	'' | *[!0-9]*) echo "usage: $0 [seconds per target]" >&2; exit 2 ;;
esac
CC=${FUZZ_CC:-clang-14}
work=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-fuzz.XXXXXX)
mkdir -p "$work/bin" "$work/corpus" "$work/artifacts"
passed=0 failed=0
# the built-in rule text, as the library embeds it (src/core/builtin_rules.c)
sh src/core/embed-rules.sh src/core/builtin.rules src/core/builtin_rules.c ||
	echo "# could not generate src/core/builtin_rules.c"
for name in $(ha_fuzz_targets); do
	src=test/fuzz/$name.c
	bin=$work/bin/$name
	log=$work/$name.log
	if ! $CC -std=c99 -Wall -Wextra -Werror -g -O1 \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer -Isrc/core \
		-isystem "$(${PG_CONFIG:-pg_config} --includedir-server)" \
		-o "$bin" "$src" src/core/*.c \
		-L"$(${PG_CONFIG:-pg_config} --pkglibdir)" -lpgcommon -lpgport \
		-lm >"$log" 2>&1; then
		sed 's/^/# /' "$log"
		echo "not ok - $name (does not compile with $CC -fsanitize=fuzzer)"
		failed=$((failed + 1))
		continue
	fi
	mkdir -p "$work/corpus/$name"
	[ -d "test/fuzz/corpus/$name" ] && cp -r "test/fuzz/corpus/$name/." "$work/corpus/$name/"
	"$bin" "$work/corpus/$name" -dict=test/fuzz/keys.dict \
		-max_total_time="$secs" -timeout=10 -max_len=2048 -rss_limit_mb=1024 \
		-print_final_stats=1 -artifact_prefix="$work/artifacts/$name-" \
		</dev/null >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\)$/\1/p' "$log")
	seed=$(sed -n 's/^INFO: Seed: \([0-9]*\)$/\1/p' "$log")
	artifacts=$(find "$work/artifacts" -name "$name-*" -type f | sort)
	if [ "$rc" -eq 0 ] && [ -z "$artifacts" ] && [ "${execs:-0}" -gt 0 ]; then
		# libFuzzer's last status line: coverage, features, corpus size
		sed -n 's/^#[0-9]*[[:space:]]*DONE[[:space:]]*/# /p' "$log" | tail -1
		echo "ok - $name (${execs} execs in ${secs} s, seed $seed)"
		passed=$((passed + 1))
	else
		grep -E 'invariant broken|context:|ERROR:|SUMMARY:|runtime error' "$log" |
			head -20 | sed 's/^/# /'
		for a in $artifacts; do
			echo "# crash artifact: $a"
			echo "# reproduce: $bin $a"
		done
		echo "# log: $log"
		echo "not ok - $name (${execs:-0} execs, exit status $rc, seed ${seed:-?})"
		failed=$((failed + 1))
	fi
done
if [ "$failed" -eq 0 ]; then
	rm -rf "$work"
else
	echo "# kept $work (binaries, logs, artifacts)"
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
