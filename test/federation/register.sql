-- The person register of one or more municipalities, for test/federation.sh.
--
--   psql -v municipalities='{0101}' -v areas=20 -f test/federation/register.sql
--
-- Every server runs this same file: a municipal server for its own
-- municipality, the single reference server for all of them.  The rows are
-- deterministic (setseed per area and data year, the same statements in the
-- same order), so an area's rows are identical, and in the same physical
-- order, wherever they are generated; test/federation.sh checks this with a
-- digest per area and year before it compares any tally.
--
-- Person values follow an area profile ("risk") so that the classification
-- on the coordinator has areas on and off the lists: outside_labour_fte in
-- multiples of 0.01 (not exact in binary: float8 sums then depend on the
-- order of the rows), gross_income in multiples of 100 (exact).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS housing_areas;

\ir municipalities.sql

\ir person.sql

CREATE FUNCTION pg_temp.generate(codes text[], areas int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	m record;
	a int;
	y int;
	n int;
	risk float8;
	nw float8;
	drift float8;
	r float8;
	regional float8;
BEGIN
	FOR m IN SELECT * FROM municipality WHERE code = ANY (codes) ORDER BY code LOOP
		FOR a IN m.first_area .. m.first_area + areas - 1 LOOP
			-- the area's profile and size
			PERFORM setseed(a / 100000.0);
			risk := random();
			nw := random();
			drift := 0.2 * random() - 0.1;
			n := 600 + floor(random() * 7400)::int;
			FOR y IN 2024 .. 2025 LOOP
				PERFORM setseed((2 * a + y - 2024) / 100000.0 + 0.5);
				r := least(1, greatest(0, risk + (y - 2024) * drift));
				regional := CASE y WHEN 2024 THEN 372000 ELSE 381000 END;
				INSERT INTO person
				SELECT (a::bigint * 10 + y - 2020) * 100000 + s.g, m.code, a, y, s.age,
					   random() < 0.05 + 0.35 * nw + 0.35 * r,
					   CASE WHEN s.age BETWEEN 18 AND 64 AND random() < 0.15 + 0.45 * r
							THEN round((0.01 + 0.99 * random())::numeric, 2)::float8
							ELSE 0 END,
					   s.age >= 18 AND random() < 0.002 + 0.03 * r * r,
					   CASE WHEN random() < 0.04 THEN NULL
							ELSE random() < 0.25 + 0.5 * r END,
					   CASE WHEN s.age >= 15 AND random() < 0.97
							THEN round((regional * (1.15 - 0.7 * r) * (0.4 + 1.2 * random()))::numeric, -2)::float8
							END,
					   s.age BETWEEN 18 AND 29 AND random() < 0.3
				  FROM (SELECT g, floor(random() * 91)::int AS age
						  FROM generate_series(1, n + (y - 2024) * floor(n * drift)::int) AS g) AS s;
			END LOOP;
		END LOOP;
	END LOOP;
END
$$;

SELECT pg_temp.generate(:'municipalities', :areas);
ANALYZE person;

-- What a municipality offers when the coordinator must not be able to read
-- person rows at all: a role that may read only the tallies per area and
-- year (the view runs with its owner's rights on person).
CREATE ROLE national LOGIN;
CREATE VIEW area_tally AS
SELECT area_id, data_year,
	   housing_areas.tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education,
							   gross_income, student) AS t
  FROM person
 GROUP BY area_id, data_year;
GRANT SELECT ON area_tally TO national;
