-- The municipalities of test/federation.sh and the first id of their areas
-- (municipality N holds areas first_area .. first_area + areas - 1): public
-- knowledge, the same on every server, read by register.sql and
-- coordinator.sql.
CREATE TABLE municipality (
	code text PRIMARY KEY,
	name text NOT NULL,
	first_area int NOT NULL
);
INSERT INTO municipality VALUES
	('0101', 'København', 1001),
	('0461', 'Odense', 3001),
	('0751', 'Aarhus', 2001);
