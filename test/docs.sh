#!/usr/bin/env bash
# docs/reference.md from the catalog: builds, installs into a private tree,
# starts a throwaway cluster, creates both extensions and writes the file
# from test/docs/reference.sql.  `make docs` runs it with --write; without
# it, the generated text goes to standard output.
set -uo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh
ha_bootstrap
work=$(mktemp -d "${TMPDIR:-/tmp}"/housing_areas-docs.XXXXXX)
chmod 755 "$work"
trap 'ha_cluster_stop; rm -rf "$work"' EXIT
ha_copy_source "$work/src" && HA_SRC=$work/src ha_install_tree "$work/tree" >/dev/null ||
	ha_die "build failed"
ha_cluster_start "$work/pg" "${HA_DOCS_PORT:-54338}" || ha_die "the server did not start"
md=$(psql -X -q -At -v ON_ERROR_STOP=1 </dev/null \
	-c "SET client_min_messages = warning" \
	-c "CREATE EXTENSION housing_areas_postgis CASCADE" \
	-f test/docs/reference.sql -c "SELECT md FROM reference_md") || ha_die "could not read the catalog"
if [ "${1:-}" = --write ]; then
	printf '%s\n' "$md" >docs/reference.md
	ha_say "wrote docs/reference.md ($(wc -l <docs/reference.md) lines)"
else
	printf '%s\n' "$md"
fi
