-- The person table of test/federation.sh, one row per person and data year
-- as a municipality's register extract has it: register.sql creates it on
-- every server, coordinator.sql takes its columns for the partitioned table.
\ir ../fixtures/person.sql
CREATE TABLE person (
	person_id bigint NOT NULL,
	municipality text NOT NULL,
	LIKE person_register
);
DROP TABLE person_register;
