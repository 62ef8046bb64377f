#!/usr/bin/env bash
# Memory check of the extension inside the server (not part of make test:
# it takes minutes).  Builds, installs into a private server tree as
# test/run-tests.sh does, starts the whole postmaster under valgrind
# memcheck (every forked backend and worker is followed, each writing its
# own log), runs the whole pg_regress suite against it, stops it, and
# reports every non-empty valgrind log, separating the reports whose stack
# involves housing_areas.so (its frames, or its sources under src/) from
# the others.
#
# Usage: bash test/valgrind.sh [make installcheck arguments, e.g. REGRESS=tally_io]
# Builds in a copy of the tree (yours is left alone) and starts the cluster
# with test/lib.sh's ha_cluster_start, as every other script does.
#
# Exit status: 0 when no report touches the extension, 1 when one does,
# 2 when the run itself failed (bootstrap, build, server start, or a
# regression test).
# Works as root (the server runs as OS user postgres) and as an ordinary
# user.  Debian's postgres is not built with USE_VALGRIND, so overruns
# inside palloc'd chunks are not seen; uninitialised reads, reads past
# malloc'd blocks and invalid frees are.
set -uo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh

port=54339
work=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-valgrind.XXXXXX)
chmod 755 "$work"
pgdir=$work/pg
vgdir=$work/valgrind
pm_started=

# Report a failure of the run itself and stop with status 2, keeping the logs.
fail_run() {
	printf 'error: %s\n' "$*" >&2
	keep=yes
	exit 2
}

# Stop the server if it still runs; keep the logs only when there is something to read.
cleanup() {
	[ -n "${pm_started:-}" ] && HA_START_SECONDS=600 ha_cluster_stop
	rm -rf "$pgdir/data" "$work/tree"
	if [ "${keep:-no}" = no ]; then
		rm -rf "$work"
	else
		echo "logs kept in $work" >&2
	fi
}
trap cleanup EXIT

# first in a subshell, so that its errors end the run with status 2
(ha_bootstrap) || fail_run "bootstrap failed"
ha_bootstrap 2>/dev/null
command -v valgrind >/dev/null 2>&1 ||
	fail_run "valgrind not found (Debian: apt-get install valgrind)"
start=$(date +%s)

ha_say "building in a copy of the tree and installing into a private tree"
ha_copy_source "$work/src" && HA_SRC=$work/src ha_install_tree "$work/tree" ||
	fail_run "build failed"

# The valgrind logs go to a directory the server's OS user owns; the
# suppressions are copied next to them.
mkdir -p "$vgdir"
cp test/valgrind.supp "$work/valgrind.supp"
chmod 755 "$vgdir"
chmod 644 "$work/valgrind.supp"
[ "$(id -u)" -eq 0 ] && chown postgres: "$vgdir"

ha_say "starting the postmaster under valgrind (port $port)"
# --fullpath-after= prints our frames with their full source path (frames
# with debug info do not name the .so); 30 callers so that a frame of ours
# still shows under deep PostgreSQL or PostGIS stacks.  No leak check: the
# server frees by memory context, not by free().
HA_START_SECONDS=600 \
HA_SERVER_WRAPPER="valgrind --tool=memcheck --quiet --leak-check=no --num-callers=30 --suppressions=$work/valgrind.supp --fullpath-after= --log-file=$vgdir/postgres.%p.vg" \
	ha_cluster_start "$pgdir" "$port" || fail_run "the server did not start under valgrind"
pm_started=yes

ha_say "pg_regress against the server under valgrind"
make -C "$work/src" -s installcheck with_llvm=no "$@" 2>&1 | tee "$work/regress.log"
[ -s "$work/src/test/out/regression.diffs" ] && cat "$work/src/test/out/regression.diffs"
rp=$(ha_regress_outcomes "$work/regress.log" | grep -c '^ok ')
rf=$(ha_regress_outcomes "$work/regress.log" | grep -c '^not ok ')

ha_say "stopping the server"
HA_START_SECONDS=600 ha_cluster_stop
pm_started=

# Split each log into its reports (blocks of "==PID== " lines separated by
# an empty "==PID==" line) and sort them by whether a frame is ours: in
# housing_areas.so, or in a source file under src/ (matched literally).
export HA_VG_SRC="$work/src/src/"
: >"$work/extension.txt"
: >"$work/other.txt"
nlogs=0
nonempty=()
for log in "$vgdir"/postgres.*.vg; do
	[ -e "$log" ] || continue
	nlogs=$((nlogs + 1))
	[ -s "$log" ] || continue
	nonempty+=("$log")
	awk -v name="$(basename "$log")" \
		-v ext="$work/extension.txt" -v other="$work/other.txt" '
		function flush() {
			if (block == "")
				return
			ours = index(block, "housing_areas.so") || \
				index(block, ENVIRON["HA_VG_SRC"])
			out = ours ? ext : other
			printf "--- %s\n%s", name, block >>out
			block = ""
		}
		/^==[0-9]+==[[:space:]]*$/ { flush(); next }
		{ block = block $0 "\n" }
		END { flush() }' "$log"
done
n_ext=$(grep -c '^--- ' "$work/extension.txt")
n_other=$(grep -c '^--- ' "$work/other.txt")
elapsed=$(($(date +%s) - start))

echo
echo "== valgrind: ${#nonempty[@]} of $nlogs process logs non-empty"
for log in "${nonempty[@]}"; do
	echo "   $log"
done
echo
echo "== reports whose stack involves housing_areas.so: $n_ext"
cat "$work/extension.txt"
echo
echo "== other reports (PostgreSQL, PostGIS and libraries): $n_other"
cat "$work/other.txt"
echo
echo "pg_regress: $rp passed, $rf failed; valgrind: $n_ext extension reports, $n_other other reports; ${elapsed} s"

if [ "$rf" -gt 0 ] || [ "$rp" -eq 0 ]; then
	keep=yes
	exit 2
fi
if [ "$n_ext" -gt 0 ]; then
	keep=yes
	exit 1
fi
[ "$n_other" -gt 0 ] && keep=yes
exit 0
