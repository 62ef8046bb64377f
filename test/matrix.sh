#!/usr/bin/env bash
# test/matrix.sh (make test-matrix): the whole pg_regress suite on every
# supported PostgreSQL major.  For each version it builds the extensions
# with -Wall -Wextra -Werror (make test's COPT) in a copy of the tree,
# installs them into a private server tree, starts a throwaway cluster and
# runs `make installcheck` over every test/sql/*.sql; prints one line per
# version and ends with "N passed, N failed" (one per version).
#
#   15  the host (Debian 12): postgresql-15, postgresql-15-postgis-3
#   17  a Debian trixie chroot (PostGIS 3.5)
#   18  a Debian sid chroot (PostGIS 3.7)
#
# The chroots live under $HA_MATRIX_ROOT (default
# /var/tmp/housing_areas-matrix/<release>, about 2.1 GB each); they are made
# with debootstrap (installed if missing) from the mirror of
# /etc/apt/sources.list.d/debian.sources when missing and reused when
# present.  proc, dev and dev/shm are mounted into a chroot only while it
# is in use, and always unmounted on exit (also on failure or interrupt).
# Chroots need root; the host version alone does not.
#
# Environment: HA_MATRIX_VERSIONS (default "15 17 18"), HA_MATRIX_ROOT,
# HA_MATRIX_MIRROR, HA_MATRIX_RELEASE_<major> (e.g. HA_MATRIX_RELEASE_18=sid),
# HA_MATRIX_UPDATE=yes (apt-get upgrade in reused chroots),
# HA_MATRIX_PORT_BASE (54400: the cluster of major N listens on base + N),
# HA_REGRESS (some regression tests only; the count check then uses them),
# HA_MATRIX_DIFF_LINES (300: regression.diffs lines printed per version;
# the whole file is copied to test/out/matrix-<major>.diffs), TMPDIR.
#
# Internally, `test/matrix.sh --inside BASE PORT` runs one version where it
# is (on the host, or inside a chroot): BASE/src is the copy of the tree;
# it writes BASE/out/{build.log,regress.raw,regression.diffs,facts}.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
. test/lib.sh

COPT_STRICT="-Wall -Wextra -Werror"

# --- one version, here --------------------------------------------------
if [ "${1:-}" = --inside ]; then
	base=$2 port=$3 out=$2/out
	rm -rf "$out" "$base/tree" "$base/pg"
	mkdir -p "$out"
	chmod 755 "$base"
	trap 'ha_cluster_stop' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	PG_BINDIR=$("$PG_CONFIG" --bindir)
	export PG_BINDIR
	{
		echo "pg_version=$("$PG_CONFIG" --version | awk '{print $2}')"
		echo "postgis_version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" \
			"$("$PG_CONFIG" --sharedir)/extension/postgis.control" 2>/dev/null)"
		echo "tests=${HA_REGRESS:-$(ha_regress_tests)}"
	} >"$out/facts"
	t0=$SECONDS
	HA_SRC=$base/src ha_install_tree "$base/tree" -k COPT="$COPT_STRICT" >"$out/build.log" 2>&1
	rc=$?
	echo "build_rc=$rc" >>"$out/facts"
	echo "build_warnings=$(grep -cE 'warning:|\[-Werror' "$out/build.log")" >>"$out/facts"
	echo "build_seconds=$((SECONDS - t0))" >>"$out/facts"
	[ "$rc" -eq 0 ] || exit 1
	t0=$SECONDS
	ha_cluster_start "$base/pg" "$port" >>"$out/regress.raw" 2>&1 ||
		{ echo "cluster_rc=1" >>"$out/facts"; exit 1; }
	make -C "$base/src" -s installcheck with_llvm=no \
		${HA_REGRESS:+REGRESS="$HA_REGRESS"} >>"$out/regress.raw" 2>&1
	echo "regress_rc=$?" >>"$out/facts"
	echo "suite_seconds=$((SECONDS - t0))" >>"$out/facts"
	[ -f "$base/src/test/out/regression.diffs" ] &&
		cp "$base/src/test/out/regression.diffs" "$out/"
	exit 0
fi

# --- the matrix ---------------------------------------------------------
versions=${HA_MATRIX_VERSIONS:-15 17 18}
# as /proc/mounts spells it (no symlinks), for the unmount checks
root=$(realpath -m "${HA_MATRIX_ROOT:-/var/tmp/housing_areas-matrix}")
port_base=${HA_MATRIX_PORT_BASE:-54400}
host_major=15
inner=/tmp/housing_areas-matrix  # the work directory inside a chroot

exec 9>&2                        # stderr, also while a step's is redirected
work=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-matrix.XXXXXX)
chmod 755 "$work"
passed=0 failed=0 facts="" timings=()
chroot_dir="" lock_fd=""        # the chroot in use, its lock

# The Debian release whose packages give PostgreSQL $1.
release_of() {
	local var=HA_MATRIX_RELEASE_$1 def=""
	case $1 in
		17) def=trixie ;;
		18) def=sid ;;
	esac
	echo "${!var:-$def}"
}

# The first mirror of the host's apt sources.
mirror() {
	local m=${HA_MATRIX_MIRROR:-}
	[ -n "$m" ] || m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
	[ -n "$m" ] || m=$(awk '$1 == "deb" && $2 !~ /^\[/ && $2 !~ /security/ {print $2; exit}' \
		/etc/apt/sources.list 2>/dev/null)
	echo "${m:-http://deb.debian.org/debian}"
}

# The mount points at or below directory $1, deepest first.
mounts_below() {
	awk -v r="$1" '$2 == r || index($2, r "/") == 1 {print $2}' /proc/mounts | sort -r
}

# Unmount everything at or below chroot $1 (ours, or left by an interrupted
# run or debootstrap); fails if something stays mounted.
unmount_all() {
	local m
	for m in $(mounts_below "$1"); do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	[ -z "$(mounts_below "$1")" ]
}

# Remove chroot $1; never with a mount in it.
remove_chroot() {
	unmount_all "$1" || ha_die "cannot unmount everything below $1; not removing it"
	rm -rf --one-file-system "$1"
}

# Mount proc, dev and a dev/shm of its own into chroot $1.  The dev bind is
# made a slave first, so the shm mount never propagates to the host's /dev.
mount_chroot() {
	mount -t proc proc "$1/proc" &&
		mount --bind /dev "$1/dev" &&
		mount --make-rslave "$1/dev" &&
		mount -t tmpfs -o mode=1777,size=1g shm "$1/dev/shm"
}

# Run a command in a process group of its own and wait for it: bash runs a
# trap at once while in `wait` (not until a foreground command ends, and not
# at all if that command caught the signal), and the trap stops the group.
child=""
bg() {
	local rc
	setsid "$@" </dev/null &
	child=$!
	wait "$child"
	rc=$?
	child=""
	return $rc
}

# Run a shell command in chroot $1 as root, with a clean environment.
in_chroot() {
	local dir=$1; shift
	bg chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/bash -c "$*"
}

# Stop a server left running in the chroot in use, then unmount it.
release_chroot() {
	[ -n "$chroot_dir" ] || return 0
	if [ -f "$chroot_dir$inner/pg/data/postmaster.pid" ]; then
		in_chroot "$chroot_dir" "runuser -u postgres -- $inner/tree$(cat "$chroot_dir$inner/bindir" 2>/dev/null)/pg_ctl \
			-D $inner/pg/data -m immediate -w stop" >/dev/null 2>&1
	fi
	unmount_all "$chroot_dir" || echo "# could not unmount everything below $chroot_dir" >&2
	[ -n "$lock_fd" ] && exec {lock_fd}>&-
	chroot_dir="" lock_fd=""
}

cleanup() {
	release_chroot
	# the host's cluster, should its run have been killed before stopping it
	if [ -f "$work/$host_major/pg/data/postmaster.pid" ] && [ -n "${PG_BINDIR:-}" ]; then
		ha_as_server "$work/$host_major/tree$PG_BINDIR/pg_ctl" -D "$work/$host_major/pg/data" \
			-m immediate -w stop >/dev/null 2>&1
	fi
	if [ "$failed" -eq 0 ]; then
		rm -rf "$work"
	else
		echo "# kept $work (build logs, pg_regress output, diffs)" >&2
	fi
}
# On a signal: stop the running step (its own trap stops its cluster), then
# leave; the EXIT trap stops a chroot's server and unmounts.
on_signal() {
	trap - INT TERM
	if [ -n "$child" ]; then
		kill -TERM -- "-$child" 2>/dev/null
		wait "$child" 2>/dev/null
	fi
	echo "# interrupted" >&9
	exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# Make chroot $2 (release $1) with PostgreSQL $3 unless it is there; sets
# t_chroot and t_apt (seconds, or "reused").  Mounts it (the caller unmounts).
prepare_chroot() {
	local release=$1 dir=$2 major=$3 t0 pkgs
	t_chroot=reused t_apt=reused
	mkdir -p "$(dirname "$dir")"
	exec {lock_fd}>"$dir.lock"
	flock -w 7200 "$lock_fd" || { echo "# $dir is locked by another run" >&2; return 1; }
	chroot_dir=$dir
	unmount_all "$dir" || return 1
	if [ ! -e "$dir/.ha-debootstrap-done" ]; then
		[ -e "$dir" ] && remove_chroot "$dir"
		if ! command -v debootstrap >/dev/null 2>&1; then
			ha_say "installing debootstrap"
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap </dev/null >/dev/null 2>&1 ||
				{ apt-get update -qq </dev/null >/dev/null 2>&1 &&
					DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap </dev/null >/dev/null 2>&1; } ||
				{ echo "# apt-get install debootstrap failed" >&2; return 1; }
		fi
		ha_say "debootstrap $release into $dir (mirror $(mirror))"
		t0=$SECONDS
		if ! bg debootstrap --variant=minbase "$release" "$dir" "$(mirror)" >"$work/debootstrap-$release.log" 2>&1; then
			tail -n 20 "$work/debootstrap-$release.log" | sed 's/^/# /' >&2
			unmount_all "$dir"
			return 1
		fi
		t_chroot=$((SECONDS - t0))
		touch "$dir/.ha-debootstrap-done"
	fi
	mount_chroot "$dir" || return 1
	cp /etc/resolv.conf "$dir/etc/resolv.conf"
	if [ ! -e "$dir/.ha-packages-$major" ]; then
		ha_say "installing PostgreSQL $major, its server development files and PostGIS in $dir"
		t0=$SECONDS
		# no services in a chroot; sid's Release file may be past its Valid-Until
		printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
		chmod 755 "$dir/usr/sbin/policy-rc.d"
		printf '%s\n' 'Acquire::Check-Valid-Until "false";' 'APT::Install-Recommends "false";' \
			>"$dir/etc/apt/apt.conf.d/99housing-areas-matrix"
		pkgs="postgresql-$major postgresql-server-dev-$major postgresql-$major-postgis-3 make gcc libc6-dev python3"
		# postgresql-common first, told not to create (and start) a main cluster
		if ! in_chroot "$dir" "dpkg --configure -a && apt-get update -qq &&
				apt-get install -y -qq postgresql-common &&
				sed -i 's/^#* *create_main_cluster *=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf &&
				apt-get install -y -qq $pkgs" >"$work/apt-$release.log" 2>&1; then
			tail -n 20 "$work/apt-$release.log" | sed 's/^/# /' >&2
			return 1
		fi
		t_apt=$((SECONDS - t0))
		touch "$dir/.ha-packages-$major"
	elif [ "${HA_MATRIX_UPDATE:-no}" = yes ]; then
		ha_say "upgrading the packages of $dir"
		t0=$SECONDS
		in_chroot "$dir" "apt-get update -qq && apt-get upgrade -y -qq" >"$work/apt-$release.log" 2>&1 ||
			{ tail -n 20 "$work/apt-$release.log" | sed 's/^/# /' >&2; return 1; }
		t_apt=$((SECONDS - t0))
	fi
}

# The host's PostgreSQL 15 with PostGIS; installs what is missing as root
# (not the clang of make test's fuzz step).
prepare_host() {
	local pkg want=() t0
	PG_CONFIG="" PGMAJOR=$host_major
	ha_find_pg_config
	for pkg in $(ha_missing_packages); do
		case $pkg in clang-* | libclang-rt-*) ;; *) want+=("$pkg") ;; esac
	done
	command -v make >/dev/null 2>&1 || want+=(make)
	if [ "${#want[@]}" -gt 0 ]; then
		[ "$(id -u)" -eq 0 ] || { echo "# missing: ${want[*]} (install them as root)" >&2; return 1; }
		ha_say "installing ${want[*]}"
		t0=$SECONDS
		{ bg env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			bg env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}"; } >/dev/null 2>&1 ||
			{ echo "# apt-get install ${want[*]} failed" >&2; return 1; }
		t_apt=$((SECONDS - t0))
		PG_CONFIG=""
		ha_find_pg_config
	fi
	[ -n "$PG_CONFIG" ] && [ "$("$PG_CONFIG" --version | awk '{print int($2)}')" = "$host_major" ] ||
		{ echo "# no pg_config of PostgreSQL $host_major" >&2; return 1; }
	PG_BINDIR=$("$PG_CONFIG" --bindir)
}

# A value from the facts file of the version at hand.
get() { sed -n "s/^$1=//p" "$facts" 2>/dev/null | tail -n 1; }

# Print the result line of major $1 from its output directory $2, and the
# diffs of a failure; count it.
report() {
	local major=$1 out=$2 name nfiles ok nok ran failing line diffs
	local pgv pgisv brc bw rrc
	facts=$out/facts
	if [ ! -s "$facts" ]; then
		echo "not ok - PostgreSQL $major: did not run (no build, no suite)"
		failed=$((failed + 1))
		return
	fi
	pgv=$(get pg_version) pgisv=$(get postgis_version)
	brc=$(get build_rc) bw=$(get build_warnings) rrc=$(get regress_rc)
	name="PostgreSQL ${pgv:-$major}${pgisv:+ + PostGIS $pgisv}"
	nfiles=$(get tests | wc -w)
	if [ "$(get cluster_rc)" = 1 ]; then
		echo "not ok - $name: the server did not start (build: $bw warnings)"
		sed 's/^/# /' "$out/regress.raw" | tail -n 20
		failed=$((failed + 1))
		return
	fi
	if [ "$brc" != 0 ]; then
		echo "not ok - $name: build failed (${bw:-?} warnings)"
		[ -f "$out/build.log" ] && grep -E 'warning:|error:' "$out/build.log" | head -n 40 | sed 's/^/# /'
		failed=$((failed + 1))
		return
	fi
	ok=$(ha_regress_outcomes "$out/regress.raw" 2>/dev/null | grep -c '^ok ')
	failing=$(ha_regress_outcomes "$out/regress.raw" 2>/dev/null | sed -n 's/^not ok //p' | xargs)
	nok=$(echo "$failing" | wc -w)
	ran=$((ok + nok))
	line="$name: $ok of $nfiles regression tests passed"
	[ -n "$failing" ] && line="$line, failed: $failing"
	[ "$ran" -ne "$nfiles" ] && line="$line, $ran reported"
	line="$line (build: $bw warnings)"
	if [ "$ok" -eq "$nfiles" ] && [ "$ran" -eq "$nfiles" ] && [ "$nfiles" -gt 0 ] &&
		[ "$rrc" = 0 ] && [ "$bw" = 0 ]; then
		echo "ok - $line"
		passed=$((passed + 1))
		return
	fi
	[ "$rrc" = 0 ] || line="$line, pg_regress exit status ${rrc:-none}"
	echo "not ok - $line"
	failed=$((failed + 1))
	# what pg_regress and make said, without the per-test and setup lines
	grep -vE '^(test |ok |not ok |     |=+|# \+\+\+|# using|\(using|1\.\.[0-9]+$|SET$|[A-Z]+ [A-Z]+$)' \
		"$out/regress.raw" 2>/dev/null | grep -v '^ *$' | sed 's/^/# /' | tail -n 20
	if [ -s "$out/regression.diffs" ]; then
		mkdir -p test/out
		diffs=test/out/matrix-$major.diffs
		cp "$out/regression.diffs" "$diffs"
		head -n "${HA_MATRIX_DIFF_LINES:-300}" "$diffs"
		[ "$(wc -l <"$diffs")" -le "${HA_MATRIX_DIFF_LINES:-300}" ] ||
			echo "# ... $(wc -l <"$diffs") lines in all: $diffs"
	fi
}

for major in $versions; do
	port=$((port_base + major))
	t_start=$SECONDS
	t_chroot=- t_apt=-
	if [ "$major" = "$host_major" ]; then
		ha_say "PostgreSQL $major: the host"
		base=$work/$major
		if ! prepare_host; then
			echo "not ok - PostgreSQL $major: the host's PostgreSQL $major with PostGIS is not installable"
			failed=$((failed + 1))
			continue
		fi
		ha_copy_source "$base/src" &&
			PG_CONFIG=$PG_CONFIG bg bash "$base/src/test/matrix.sh" --inside "$base" "$port"
		out=$base/out
	else
		release=$(release_of "$major")
		if [ -z "$release" ]; then
			echo "not ok - PostgreSQL $major: no Debian release known for it (set HA_MATRIX_RELEASE_$major)"
			failed=$((failed + 1))
			continue
		fi
		if [ "$(id -u)" -ne 0 ]; then
			echo "not ok - PostgreSQL $major: a chroot needs root"
			failed=$((failed + 1))
			continue
		fi
		dir=$root/$release
		ha_say "PostgreSQL $major: Debian $release in $dir"
		if ! prepare_chroot "$release" "$dir" "$major"; then
			release_chroot
			echo "not ok - PostgreSQL $major: could not make the $release chroot $dir"
			failed=$((failed + 1))
			continue
		fi
		pgc=/usr/lib/postgresql/$major/bin/pg_config
		rm -rf "${dir:?}$inner"
		mkdir -p "$dir$inner"
		chmod 755 "$dir$inner"
		if [ ! -x "$dir$pgc" ] || ! ha_copy_source "$dir$inner/src"; then
			release_chroot
			echo "not ok - PostgreSQL $major: no $pgc in $dir, or the tree could not be copied there"
			failed=$((failed + 1))
			continue
		fi
		in_chroot "$dir" "$pgc --bindir" >"$dir$inner/bindir"
		in_chroot "$dir" "PG_CONFIG=$pgc ${HA_REGRESS:+HA_REGRESS='$HA_REGRESS'} \
			bash $inner/src/test/matrix.sh --inside $inner $port"
		release_chroot
		rm -rf "${work:?}/$major"
		mkdir -p "$work/$major"
		cp -r "$dir$inner/out" "$work/$major/"
		out=$work/$major/out
	fi
	report "$major" "$out"
	timings+=("# PostgreSQL $major, seconds: chroot $t_chroot, apt $t_apt, build $(get build_seconds), suite $(get suite_seconds), all $((SECONDS - t_start))")
done
[ "${#timings[@]}" -eq 0 ] || printf '%s\n' "${timings[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
