-- The person table of test/federation.sh, one row per person and data year
-- as a municipality's register extract has it: register.sql creates it on
-- every server, coordinator.sql takes its columns for the partitioned table.
CREATE TABLE person (
	person_id bigint NOT NULL,
	municipality text NOT NULL,
	area_id int NOT NULL,
	data_year int NOT NULL,
	age int NOT NULL,
	nonwestern boolean NOT NULL,
	outside_labour_fte double precision NOT NULL,
	convicted boolean NOT NULL,
	basic_education boolean,
	gross_income double precision,
	student boolean NOT NULL
);
