#!/usr/bin/env bash
# Build and run the C unit tests of src/core under AddressSanitizer and
# UBSan (no PostgreSQL needed), then the Python ones (test/unit/test_*.py:
# sql/build-update.py, the links of the documentation).  Prints each
# test's TAP line and, last, "unit: N passed, N failed".  Exit status 0 only when all passed.
set -uo pipefail
cd "$(dirname "$0")/.."
out=test/out/unit
mkdir -p "$out"
CC=${CC:-gcc}
passed=0 failed=0

# Show test NAME's log ($out/NAME.log) and count its TAP lines; an exit
# status rc other than 0 without a "not ok" line counts as one failure.
count_log() {
	local name=$1 rc=$2 why=$3 log=$out/$1.log p f
	cat "$log"
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name (exit status $rc: $why)"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}
# the built-in rule text, as the library embeds it (src/core/builtin_rules.c)
sh src/core/embed-rules.sh src/core/builtin.rules src/core/builtin_rules.c ||
	echo "# could not generate src/core/builtin_rules.c"
for src in test/unit/test_*.c; do
	name=$(basename "$src" .c)
	bin=$out/$name
	if ! $CC -std=c99 -pedantic -Wall -Wextra -Werror -O1 -g \
		-fsanitize=address,undefined -fno-sanitize-recover=all \
		-fno-omit-frame-pointer -ffp-contract=off \
		-isystem "$(${PG_CONFIG:-pg_config} --includedir-server)" \
		-o "$bin" "$src" src/core/*.c \
		-L"$(${PG_CONFIG:-pg_config} --pkglibdir)" -lpgcommon -lpgport -lm; then
		echo "not ok - $name (does not compile)"
		failed=$((failed + 1))
		continue
	fi
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		"$bin" >"$out/$name.log" 2>&1
	count_log "$name" $? "crash or sanitizer report"
done
# the update-script builder (sql/build-update.py) and the documentation's links, TAP lines too
for src in test/unit/test_*.py; do
	name=$(basename "$src" .py)
	python3 "$src" >"$out/$name.log" 2>&1
	count_log "$name" $? "uncaught error"
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
