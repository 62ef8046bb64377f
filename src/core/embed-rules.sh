#!/bin/sh
# Write the C source that builds a rule text into the library, so the .so
# needs no file at run time: the bytes of $1 as an array, and
# ha_builtin_rules / ha_builtin_rules_len (src/core/rules.h) pointing at
# them.  Called by the Makefile and by test/run-unit.sh and run-fuzz.sh:
#   sh src/core/embed-rules.sh src/core/builtin.rules src/core/builtin_rules.c
set -e
in=$1
out=$2
{
	printf '/* Generated from %s by src/core/embed-rules.sh: do not edit. */\n' "$in"
	printf '#include "rules.h"\n\n'
	printf 'static const unsigned char bytes[] = {\n'
	od -An -v -tu1 "$in" | sed -e 's/[0-9][0-9]*/&,/g' -e 's/^ */\t/'
	printf '\t0\n};\n\n'
	printf 'const char *const ha_builtin_rules = (const char *) bytes;\n'
	printf 'const int	ha_builtin_rules_len = (int) sizeof(bytes) - 1;\n'
} >"$out.tmp"
mv "$out.tmp" "$out"
