#!/usr/bin/env bash
# Dump/restore check, run by test/run-tests.sh against its throwaway cluster
# (PGHOST etc. set): a database using the extension, with rows in its
# tables, a user rule set, a facility kind of the user's own and indexes on expressions that
# call its functions, goes through pg_dump (custom and plain formats) into
# fresh databases; the same queries must give identical results.
# Prints one TAP line per check.
set -uo pipefail
cd "$(dirname "$0")/.."
bindir=${PG_BINDIR:?PG_BINDIR must be set (test/lib.sh ha_bootstrap)}
work=${1:?usage: test/dump-restore.sh WORKDIR}
q() { psql -X -q -v ON_ERROR_STOP=1 "$@" </dev/null; }

# the queries whose results must survive, digested
digest() {
	psql -X -q -t -A -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SET search_path = housing_areas, public;
SET enable_seqscan = off;
SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
  SELECT 'status ' || area_id || ' ' || list_year || ' ' || category || ' ' || coalesce(years_on_list, -1)
         || ' ' || development_plan AS x FROM area_status
  UNION ALL SELECT 'cap ' || d::text FROM daycare_cap(2025) AS d
  UNION ALL SELECT 'lang ' || l::text FROM language_test_schools(2025) AS l
  UNION ALL SELECT 'near ' || n::text FROM nearest_facilities('school', 2, 2025) AS n
  UNION ALL SELECT 'kinds ' || k::text FROM facility_kind AS k
  UNION ALL SELECT 'decision ' || d::text FROM decision AS d
  UNION ALL SELECT 'decision sequence ' || last_value FROM decision_decision_id_seq
  UNION ALL SELECT 'cap detail ' || d::text FROM daycare_cap_detail(2025) AS d
  UNION ALL SELECT 'offer elsewhere ' || o::text FROM daycare_offer_elsewhere(2025) AS o
  UNION ALL SELECT 'child ' || c::text FROM child AS c
  UNION ALL SELECT 'child sequence ' || last_value FROM child_child_id_seq
  UNION ALL SELECT 'learning offer ' || l::text FROM learning_offer('2026-06-01') AS l
  UNION ALL SELECT 'dwelling change ' || w::text FROM dwelling_change AS w
  UNION ALL SELECT 'dwelling change sequence ' || last_value FROM dwelling_change_change_id_seq
  UNION ALL SELECT 'projection ' || p::text FROM plan_projection() AS p
  UNION ALL SELECT 'dispensation ' || p::text FROM plan_dispensation(2025) AS p
  UNION ALL SELECT 'plan ' || p::text FROM plan AS p
  UNION ALL SELECT 'plan area ' || pa::text FROM plan_area AS pa
  UNION ALL SELECT 'plan funding ' || f::text FROM plan_funding AS f
  UNION ALL SELECT 'plan focus ' || f::text FROM plan_focus AS f
  UNION ALL SELECT 'focus area ' || f::text FROM plan_focus_area AS f
  UNION ALL SELECT 'funding source ' || f::text FROM plan_funding_source AS f
  UNION ALL SELECT 'coverage ' || c::text FROM plan_coverage('2025-12-01') AS c
  UNION ALL SELECT 'geojson ' || md5(areas_geojson(2025)::text)
  UNION ALL SELECT 'svg ' || md5(map_svg(2025))
  UNION ALL SELECT 'tally ' || area_id || ' ' || t::text FROM demo_person_tally AS t
  UNION ALL SELECT 'by index ' || count(*) FROM my_area_year WHERE category(ind, list_year) = 'udsat'
  UNION ALL SELECT 'by hash ' || count(*) FROM my_area_year WHERE ind = (SELECT ind FROM area_year ORDER BY area_id, list_year LIMIT 1)
  UNION ALL SELECT 'rule set ' || name || ' ' || md5(definition) || ' ' || created || ' ' || created_by FROM rule_set
  UNION ALL SELECT 'scenario ' || s::text FROM compare_rules_summary('dk2021', 'nogate') AS s
  UNION ALL SELECT 'unit ' || u::text FROM monitoring_unit AS u
  UNION ALL SELECT 'unit year ' || y::text FROM monitoring_year AS y
  UNION ALL SELECT 'scheme ' || m::text FROM monitoring_scheme AS m
  UNION ALL SELECT 'tier ' || t::text FROM tier_scheme AS t
  UNION ALL SELECT 'monitoring ' || m::text FROM monitoring_status('trappemodel') AS m
  UNION ALL SELECT 'bi monitoring ' || b::text FROM bi_monitoring_status AS b
) AS all_results;
SQL
}

echo "1..3"
fail=0
check() { if [ "$2" = ok ]; then echo "ok - dump/restore: $1"; else echo "not ok - dump/restore: $1 ($3)"; fail=1; fi; }

q -c "DROP DATABASE IF EXISTS ha_dump_src" -c "DROP DATABASE IF EXISTS ha_dump_custom" -c "DROP DATABASE IF EXISTS ha_dump_plain" 2>/dev/null
q -c "CREATE DATABASE ha_dump_src" -c "CREATE DATABASE ha_dump_custom" -c "CREATE DATABASE ha_dump_plain"
q -d ha_dump_src -c "SET client_min_messages = warning; CREATE EXTENSION housing_areas_postgis CASCADE" &&
q -d ha_dump_src -v scale=0.1 -v dagi="$PWD/test/data/dagi" -f test/demo/generate.sql >/dev/null &&
psql -X -q -v ON_ERROR_STOP=1 -d ha_dump_src <<'SQL' >/dev/null
SET search_path = housing_areas, public;
INSERT INTO facility_kind VALUES ('sports', 'idrætsanlæg', 'sports ground', '#00aa00');
INSERT INTO facility VALUES (999999, 'sports', 'Stadion', '0751', ST_SetSRID(ST_MakePoint(575000, 6220000), 25832));
-- a user rule set (rule_set is a configuration table: its rows are dumped)
SELECT create_rules('nogate', replace(replace(rules('dk2021'), 'rules dk2021 ', 'rules nogate '),
                                      'parallelsamfund when udsat and nonwestern > 50', 'parallelsamfund when udsat'));
INSERT INTO decision (kind, municipality_code, decided_on, valid_from, valid_until, note)
	VALUES ('parent_work_exemption', '0751', '2025-11-20', '2026-01-01', '2027-01-01', 'byrådet 20.11.2025');
INSERT INTO decision (kind, area_id, decided_on, valid_from, includes_pension, includes_insurance_benefits)
	SELECT 'combined_letting', min(a.area_id), '2025-12-10', '2026-01-01', true, false FROM area AS a
	 WHERE NOT EXISTS (SELECT 1 FROM decision AS d WHERE d.kind = 'combined_letting' AND d.area_id = a.area_id);
-- a § 26 c tail, which the restore checks against the lists of its area
-- (so area_year must be restored before decision)
INSERT INTO area VALUES (19999999, 'Tail', '0751', NULL, ST_Multi(ST_MakeEnvelope(440000, 6050000, 440500, 6050500, 25832)));
INSERT INTO area_year (area_id, list_year, official_category) VALUES (19999999, 2023, 'udsat'), (19999999, 2024, 'none');
INSERT INTO decision (kind, area_id, decided_on, valid_from, valid_until)
	VALUES ('daycare_tail', 19999999, '2024-12-05', '2024-12-01', '2027-12-01');
INSERT INTO dwelling_change (area_id, changed_on, kind, amount) VALUES (19999999, '2026-01-01', 'sale', 10);
INSERT INTO child (birth_date, home, home_since) VALUES ('2025-06-01', ST_SetSRID(ST_MakePoint(440100, 6050100), 25832), '2025-06-01');
-- a focus area and a funding source of the user's own, on a plan of the demo's
INSERT INTO plan_focus_area VALUES ('housing_moves', 'boligsociale flytninger', 'moving house');
INSERT INTO plan_funding_source VALUES ('foundation', 'fond', 'a private foundation');
INSERT INTO plan_focus SELECT min(plan_id), 'housing_moves' FROM plan HAVING count(*) > 0;
INSERT INTO plan_funding SELECT min(plan_id), 'foundation', 250000 FROM plan HAVING count(*) > 0;
-- the user's own table, with indexes on the extension's functions and types
CREATE TABLE public.my_area_year AS SELECT area_id, list_year, ind FROM area_year;
CREATE INDEX my_category_idx ON public.my_area_year ((category(ind, list_year)));
CREATE INDEX my_indicator_idx ON public.my_area_year ((indicator(ind, 'residents')));
CREATE INDEX my_hash_idx ON public.my_area_year USING hash (ind);
CREATE TABLE public.demo_person_tally AS
  SELECT area_id, tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student) AS t
    FROM demo.person WHERE data_year = 2025 GROUP BY area_id;
ANALYZE;
SQL
[ $? -eq 0 ] || { check "source database" fail "set-up failed"; exit 1; }
before=$(digest ha_dump_src)

# dump with $2, restore into database $3 with $4; the digests must match
restore_check() {
	local label=$1 dump=$2 db=$3 restore=$4 rc after
	eval "$dump" </dev/null 2>"$work/dump.err" && eval "$restore" </dev/null >/dev/null 2>>"$work/dump.err"
	rc=$?
	after=$(digest "$db" 2>>"$work/dump.err")
	if [ $rc -eq 0 ] && [ -n "$before" ] && [ "$before" = "$after" ]; then
		check "$label, identical results" ok
	else
		check "$label, identical results" fail "rc $rc, $before vs $after: $(tail -n 3 "$work/dump.err")"
	fi
}
restore_check "custom format" '"$bindir/pg_dump" -Fc -f "$work/dump.custom" ha_dump_src' ha_dump_custom \
	'"$bindir/pg_restore" --exit-on-error -d ha_dump_custom "$work/dump.custom"'
restore_check "plain format" '"$bindir/pg_dump" -f "$work/dump.sql" ha_dump_src' ha_dump_plain \
	'psql -X -q -v ON_ERROR_STOP=1 -d ha_dump_plain -f "$work/dump.sql"'

# the restored indexes on extension functions are used
plan=$(psql -X -q -t -A -d ha_dump_custom -c "SET enable_seqscan = off; EXPLAIN SELECT * FROM my_area_year WHERE housing_areas.category(ind, list_year) = 'udsat'" </dev/null)
case $plan in
	*my_category_idx*) check "expression index restored and used" ok ;;
	*) check "expression index restored and used" fail "$plan" ;;
esac

[ -n "${KEEP_DBS:-}" ] || q -c "DROP DATABASE ha_dump_src" -c "DROP DATABASE ha_dump_custom" -c "DROP DATABASE ha_dump_plain"
exit $fail
