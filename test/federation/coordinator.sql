-- The coordinator of test/federation.sh: a person table partitioned by area
-- whose partitions are foreign tables on the municipal servers (one per
-- municipality, the areas of that municipality), and, for comparison, the
-- same data partitioned by municipality; and area_tally, the municipal
-- servers' tally views read as a role that may read nothing else.  The
-- foreign servers muni_<code> and tally_<code> (with OPTIONS (extensions
-- 'housing_areas')) and their user mappings exist already; psql variable
-- areas: the number of areas per municipality.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS housing_areas;
\ir municipalities.sql

-- columns as on the municipal servers
\ir person.sql
ALTER TABLE person RENAME TO person_columns;
CREATE TABLE person (LIKE person_columns) PARTITION BY LIST (area_id);
DROP TABLE person_columns;
COMMENT ON TABLE person IS
'all person rows of the country, each partition a foreign table on the server of one municipality, listing its areas';

CREATE TABLE person_by_municipality (LIKE person) PARTITION BY LIST (municipality);
COMMENT ON TABLE person_by_municipality IS
'the same rows partitioned by municipality: GROUP BY must then include municipality to stay remote';

CREATE TABLE area_tally (
	area_id int NOT NULL,
	data_year int NOT NULL,
	t tally
) PARTITION BY LIST (area_id);
COMMENT ON TABLE area_tally IS
'the tallies per area and data year as each municipality publishes them (its view area_tally), read as a role without access to person rows';

SELECT set_config('fed.areas', :'areas', false);
DO $$
DECLARE
	m record;
	areas text;
BEGIN
	FOR m IN SELECT * FROM municipality ORDER BY code LOOP
		-- the municipality's areas, the partition bound of its person and
		-- tally partitions
		SELECT string_agg(g::text, ', ') INTO areas
		  FROM generate_series(m.first_area, m.first_area + current_setting('fed.areas')::int - 1) AS g;
		EXECUTE format('CREATE FOREIGN TABLE person_%s PARTITION OF person FOR VALUES IN (%s) '
					   'SERVER muni_%s OPTIONS (schema_name %L, table_name %L)',
					   m.code, areas, m.code, 'public', 'person');
		EXECUTE format('CREATE FOREIGN TABLE area_tally_%s PARTITION OF area_tally FOR VALUES IN (%s) '
					   'SERVER tally_%s OPTIONS (schema_name %L, table_name %L)',
					   m.code, areas, m.code, 'public', 'area_tally');
		EXECUTE format('CREATE FOREIGN TABLE person_by_municipality_%s PARTITION OF person_by_municipality '
					   'FOR VALUES IN (%L) SERVER muni_%s OPTIONS (schema_name %L, table_name %L)',
					   m.code, m.code, m.code, 'public', 'person');
	END LOOP;
END
$$;
