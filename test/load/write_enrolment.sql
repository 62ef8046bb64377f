\set f random(0, 10000)
\set x random(0, 9000)
BEGIN;
INSERT INTO housing_areas.enrolment (facility_id, year, home)
  SELECT facility_id, 2026, ST_SetSRID(ST_MakePoint(575000 + :x, 6221000 + :f % 1000), 25832)
    FROM housing_areas.facility WHERE kind = 'daycare'
   ORDER BY facility_id OFFSET :f % (SELECT count(*) FROM housing_areas.facility WHERE kind = 'daycare') LIMIT 1;
INSERT INTO load.log VALUES ('enrolment', NULL);
END;
