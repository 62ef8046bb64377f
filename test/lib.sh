# test/lib.sh: shared by the README's commands (test/run-tests.sh, test/demo.sh).
#
# ha_bootstrap      find or install PostgreSQL server, dev files and PostGIS
# ha_copy_source    copy the working tree (without build products) to build in
# ha_install_tree   build, then install into a private copy of the server
#                   tree (no root needed, the system stays untouched)
# ha_regress_tests, ha_unit_plan, ha_fuzz_targets
#                   what the test driver must see run
# ha_cluster_start  initdb + start a throwaway cluster from that tree
# ha_cluster_stop   stop it and remove it
# ha_cluster_stop_all  stop every cluster ha_cluster_start started (for
#                   scripts that run several, e.g. test/federation.sh)
#
# Works as root (the server runs as OS user postgres) and as an ordinary
# user (the server runs as that user).  Never reads stdin.

PGMAJOR=${PGMAJOR:-15}
HA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

ha_say() { printf '%s\n' "==> $*" >&2; }
ha_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Make $work, the folder of a script's throwaway servers, and at exit stop
# them and remove it; when $keep is true, leave both and print $2, a
# message in single quotes whose $variables are expanded at exit.
ha_servers_workdir() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/housing_areas-$1.XXXXXX") || ha_die "mktemp failed"
	chmod 755 "$work"
	HA_KEPT_MESSAGE=$2
	trap ha_servers_exit EXIT
}
ha_servers_exit() {
	if [ "${keep:-false}" = true ]; then
		eval "printf '# %s\n' \"$HA_KEPT_MESSAGE\"" >&2
		return
	fi
	ha_cluster_stop_all
	rm -rf "$work"
}

# Build the extension from a copy of the tree into $work/tree, for a
# script's own servers: the bootstrap's messages and a failed build's log go
# to stdout as TAP diagnostics.  (The bootstrap runs twice: in the pipe for
# its messages, then here for the variables it sets.)
ha_build_tree() {
	ha_bootstrap 2>&1 | sed 's/^/# /'
	ha_bootstrap 2>/dev/null
	ha_copy_source "$work/src" || return 1
	HA_SRC=$work/src ha_install_tree "$work/tree" >"$work/build.log" 2>&1 ||
		{ sed 's/^/# /' <"$work/build.log"; return 1; }
}

# Parse a script's options: each spec NAME=VAR reads "--NAME VALUE" into
# $VAR, NAME=VAR! makes "--NAME" set $VAR to true; -h/--help prints the
# script's header comment.  Usage: ha_options "$0" SPEC... -- "$@"
ha_options() {
	local script=$1 spec opt var found
	local -a specs=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do specs+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	while [ $# -gt 0 ]; do
		case $1 in
			-h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "$script"; exit 0 ;;
		esac
		found=false
		for spec in "${specs[@]}"; do
			opt=${spec%%=*} var=${spec#*=}
			[ "$1" = "--$opt" ] || continue
			found=true
			if [ "${var%!}" != "$var" ]; then
				printf -v "${var%!}" true
			else
				[ $# -ge 2 ] || ha_die "--$opt needs a value"
				printf -v "$var" %s "$2"
				shift
			fi
			break
		done
		$found || ha_die "unknown option $1 (try --help)"
		shift
	done
}

# Pick pg_config: $PG_CONFIG if set, else the wanted major's, else PATH's.
ha_find_pg_config() {
	if [ -n "${PG_CONFIG:-}" ]; then
		command -v "$PG_CONFIG" >/dev/null 2>&1 ||
			ha_die "PG_CONFIG=$PG_CONFIG is not an executable pg_config"
	elif [ -x "/usr/lib/postgresql/$PGMAJOR/bin/pg_config" ]; then
		PG_CONFIG=/usr/lib/postgresql/$PGMAJOR/bin/pg_config
	elif command -v pg_config >/dev/null 2>&1; then
		PG_CONFIG=$(command -v pg_config)
	else
		PG_CONFIG=
	fi
	export PG_CONFIG
}

# List the Debian packages still missing for a build and a server with PostGIS.
ha_missing_packages() {
	local missing=() pgxs bindir share incdir
	if [ -z "$PG_CONFIG" ]; then
		missing+=("postgresql-$PGMAJOR" "postgresql-server-dev-$PGMAJOR" "postgresql-$PGMAJOR-postgis-3")
	else
		pgxs=$("$PG_CONFIG" --pgxs 2>/dev/null)
		bindir=$("$PG_CONFIG" --bindir 2>/dev/null)
		share=$("$PG_CONFIG" --sharedir 2>/dev/null)
		incdir=$("$PG_CONFIG" --includedir-server 2>/dev/null)
		[ -x "$bindir/postgres" ] || missing+=("postgresql-$PGMAJOR")
		# Debian's client package ships pgxs.mk without the server headers
		[ -f "$pgxs" ] && [ -f "$incdir/postgres.h" ] ||
			missing+=("postgresql-server-dev-$PGMAJOR")
		[ -f "$share/extension/postgis.control" ] || missing+=("postgresql-$PGMAJOR-postgis-3")
	fi
	command -v cc >/dev/null 2>&1 || missing+=(gcc)
	# the build of the unreleased update scripts (sql/build-update.py)
	command -v python3 >/dev/null 2>&1 || missing+=(python3)
	# the fuzz step of make test (test/run-fuzz.sh): clang-14 and libFuzzer
	command -v clang-14 >/dev/null 2>&1 || missing+=(clang-14)
	compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null ||
		missing+=(libclang-rt-14-dev)
	echo "${missing[*]}"
}

# Make sure PostgreSQL, its dev files and PostGIS are there; install via apt
# as root (or passwordless sudo), otherwise say exactly what to install.
ha_bootstrap() {
	local missing sudo=""
	ha_find_pg_config
	missing=$(ha_missing_packages)
	if [ -n "$missing" ]; then
		if [ "$(id -u)" -ne 0 ]; then
			if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
				sudo="sudo -n"
			else
				ha_die "missing packages: $missing
  Install them as root:  apt-get install $missing
  or set PG_CONFIG to the pg_config of a PostgreSQL that has its server
  development files and PostGIS (see README, Troubleshooting)."
			fi
		fi
		command -v apt-get >/dev/null 2>&1 ||
			ha_die "missing: $missing, and there is no apt-get here to install them; install the equivalents and set PG_CONFIG"
		ha_say "installing $missing"
		export DEBIAN_FRONTEND=noninteractive
		$sudo apt-get update -qq </dev/null >/dev/null ||
			ha_die "apt-get update failed"
		# shellcheck disable=SC2086
		$sudo apt-get install -y -qq $missing </dev/null >/dev/null ||
			ha_die "apt-get install $missing failed"
		ha_find_pg_config
		missing=$(ha_missing_packages)
		[ -z "$missing" ] || ha_die "still missing after install: $missing"
	fi
	export PG_BINDIR=$("$PG_CONFIG" --bindir)
	ha_say "using $("$PG_CONFIG" --version) ($PG_CONFIG)"
}

# Copy the working tree, tracked or not, without build products and test
# output, to directory $1, so a build there leaves the developer's tree alone.
ha_copy_source() {
	local dest=$1
	rm -rf "$dest"
	mkdir -p "$dest" &&
		tar -C "$HA_ROOT" --exclude=./.git --exclude=./test/out --exclude='*.o' \
			--exclude='*.so' --exclude='*.bc' --exclude=./demo-output \
			--exclude='./housing_areas--*.sql' --exclude='./housing_areas_postgis--*.sql' -cf - . |
		tar -C "$dest" -xf -
}

# The regression tests: every test/sql/*.sql, by name, in order.
ha_regress_tests() {
	local f names=()
	for f in "$HA_ROOT"/test/sql/*.sql; do
		[ -e "$f" ] && names+=("$(basename "$f" .sql)")
	done
	echo "${names[*]}"
}

# The number of unit tests: one per RUN() in test/unit/test_*.c.
ha_unit_plan() {
	# RUN() of the C tests, the PLAN of each Python one
	echo $(($(cat "$HA_ROOT"/test/unit/test_*.c | grep -cE '^[[:space:]]*RUN\(') + $(sed -n \
		's/^PLAN = \([0-9][0-9]*\)$/+\1/p' "$HA_ROOT"/test/unit/test_*.py | tr -d '\n')))
}

# The fuzz targets to run: $HA_FUZZ_TARGETS, or every test/fuzz/fuzz_*.c.
ha_fuzz_targets() {
	local f names=()
	if [ -n "${HA_FUZZ_TARGETS:-}" ]; then
		echo "$HA_FUZZ_TARGETS"
		return
	fi
	for f in "$HA_ROOT"/test/fuzz/fuzz_*.c; do
		[ -e "$f" ] && names+=("$(basename "$f" .c)")
	done
	echo "${names[*]}"
}

# Build the source in $HA_SRC (default: this checkout) and install into a
# private server tree under $1; sets HA_TREE_BIN.  Extra make arguments
# (e.g. COPT=...) follow.
ha_install_tree() {
	local tree=$1; shift
	local share pkglib src=${HA_SRC:-$HA_ROOT}
	share=$("$PG_CONFIG" --sharedir)
	pkglib=$("$PG_CONFIG" --pkglibdir)
	make -C "$src" -s with_llvm=no "$@" || return 1
	rm -rf "$tree"
	mkdir -p "$tree$PG_BINDIR" "$tree$share" "$tree$pkglib"
	# The server finds share/ and lib/ relative to its own binary, so a copy of
	# the binaries next to a symlink farm of the real tree is a private server.
	cp "$PG_BINDIR/postgres" "$PG_BINDIR/initdb" "$PG_BINDIR/pg_ctl" "$tree$PG_BINDIR/"
	cp -rs "$share/." "$tree$share/"
	cp -rs "$pkglib/." "$tree$pkglib/"
	rm -f "$tree$share"/extension/housing_areas* "$tree$pkglib/housing_areas.so"
	make -C "$src" -s with_llvm=no "$@" install DESTDIR="$tree" >/dev/null || return 1
	chmod -R a+rX "$tree"
	HA_TREE_BIN=$tree$PG_BINDIR
}

# The outcome of each test in the pg_regress output in file $1, old
# (PostgreSQL <= 15) or TAP (>= 16) style: "ok NAME" or "not ok NAME".
ha_regress_outcomes() {
	sed -E -n \
		-e 's/^(test +| +)?([A-Za-z0-9_]+) +\.\.\. ok( .*)?$/ok \2/p' \
		-e 's/^(test +| +)?([A-Za-z0-9_]+) +\.\.\. FAILED.*$/not ok \2/p' \
		-e 's/^ok [0-9]+ +[-+] +([A-Za-z0-9_]+).*$/ok \1/p' \
		-e 's/^not ok [0-9]+ +[-+] +([A-Za-z0-9_]+).*$/not ok \1/p' "$1"
}

# True when nothing listens on TCP port $1 of 127.0.0.1.
ha_port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Run a command as the server's OS user (postgres when we are root).
ha_as_server() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# Start a throwaway cluster in directory $1 (created), port $2, extra server
# options in $3 (default: Unix socket only).  Exports PGHOST etc.  With
# HA_SERVER_WRAPPER set (e.g. "valgrind --tool=memcheck ..."), the
# postmaster runs under that command, and pg_ctl waits up to
# HA_START_SECONDS (default 60) for it.
ha_cluster_start() {
	local dir=$1 port=$2 listen=${3:-"-c listen_addresses=''"} server=()
	mkdir -p "$dir"
	chmod 755 "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
	ha_as_server "$HA_TREE_BIN/initdb" -D "$dir/data" -A trust -U postgres \
		--no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; return 1; }
	if [ -n "${HA_SERVER_WRAPPER:-}" ]; then
		# pg_ctl execs this script, which execs the wrapper with the real
		# binary: one process, so pg_ctl still finds its postmaster
		printf '#!/bin/sh\nexec %s %s "$@"\n' "$HA_SERVER_WRAPPER" "$HA_TREE_BIN/postgres" \
			>"$dir/postgres"
		chmod 755 "$dir/postgres"
		server=(-p "$dir/postgres")
	fi
	ha_as_server "$HA_TREE_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-t "${HA_START_SECONDS:-60}" "${server[@]}" \
		-o "-k $dir -p $port $listen -c fsync=off -c jit=off" start >/dev/null ||
		{ cat "$dir/server.log" >&2; return 1; }
	export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres
	HA_CLUSTER_DIR=$dir
	HA_CLUSTER_DIRS+=("$dir")
}

# Stop the cluster started by ha_cluster_start and delete its files.
ha_cluster_stop() {
	[ -n "${HA_CLUSTER_DIR:-}" ] || return 0
	ha_as_server "$HA_TREE_BIN/pg_ctl" -D "$HA_CLUSTER_DIR/data" -m fast -w \
		-t "${HA_START_SECONDS:-60}" stop >/dev/null 2>&1
	HA_CLUSTER_DIR=
}

# Install the Debian packages named in the arguments with apt, as root or
# with passwordless sudo (tools a single script needs, e.g. sqlsmith);
# fails, saying what to install, otherwise.
ha_apt_install() {
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
			sudo="sudo -n"
		else
			ha_say "missing: $*; install as root: apt-get install $*"
			return 1
		fi
	fi
	command -v apt-get >/dev/null 2>&1 || { ha_say "missing: $* (no apt-get here)"; return 1; }
	ha_say "installing $*"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y -qq "$@" </dev/null >/dev/null 2>&1 && return 0
	$sudo apt-get update -qq </dev/null >/dev/null 2>&1 &&
		$sudo apt-get install -y -qq "$@" </dev/null >/dev/null 2>&1
}

# Every cluster started so far (HA_CLUSTER_DIR is only the latest; PGHOST
# etc. point at the latest too, so a script with several clusters passes
# -h/-p itself).
HA_CLUSTER_DIRS=()

# Stop every cluster ha_cluster_start started, newest first; one that is
# already stopped is skipped.
ha_cluster_stop_all() {
	local i dir
	for ((i = ${#HA_CLUSTER_DIRS[@]} - 1; i >= 0; i--)); do
		dir=${HA_CLUSTER_DIRS[i]}
		[ -f "$dir/data/postmaster.pid" ] || continue
		ha_as_server "$HA_TREE_BIN/pg_ctl" -D "$dir/data" -m fast -w \
			-t "${HA_START_SECONDS:-60}" stop >/dev/null 2>&1
	done
	HA_CLUSTER_DIRS=()
	HA_CLUSTER_DIR=
}

# Start a benchmark: bootstrap, build, a throwaway cluster on port $1 with
# the server settings in $2, the extension and test/bench/bench.sql loaded;
# prints the machine and the settings.  Cleans up at exit.
ha_bench_start() {
	local port=$1 settings=$2
	ha_bootstrap
	HA_BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-bench.XXXXXX)
	chmod 755 "$HA_BENCH_WORK"
	trap 'ha_cluster_stop; rm -rf "$HA_BENCH_WORK"' EXIT
	ha_install_tree "$HA_BENCH_WORK/tree" >/dev/null || ha_die "build failed"
	ha_cluster_start "$HA_BENCH_WORK/pg" "$port" "-c listen_addresses='' $settings" ||
		ha_die "server did not start"
	echo "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)," \
		"$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)); $("$PG_CONFIG" --version)"
	echo "server settings: $settings"
	psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning; CREATE EXTENSION housing_areas_postgis CASCADE" </dev/null &&
		psql -X -q -v ON_ERROR_STOP=1 -f test/bench/bench.sql </dev/null >/dev/null || ha_die "could not prepare the database"
}
