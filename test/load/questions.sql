-- The questions the load check's read scripts ask while other clients
-- write, each with its answer taken before the run: under load, every
-- answer must stay the same.  The writers add area-years of new areas
-- (area_id >= 100000) for 2025 and admissions for 2026, so the questions
-- leave those out.  Sourced by test/load.sh (schema load exists).
CREATE TABLE load.question (question text PRIMARY KEY, query text NOT NULL, answer text);
INSERT INTO load.question (question, query)
SELECT 'classify ' || row_number() OVER (ORDER BY a.area_id),
       'SELECT string_agg(list_year || '' '' || coalesce(housing_areas.category(ind, list_year)::text, ''-'') || '' ''
                          || coalesce((housing_areas.classify(ind, list_year)).criteria_met::text, ''-''),
                          '','' ORDER BY list_year)
          FROM housing_areas.area_year WHERE area_id = ' || a.area_id
  FROM (SELECT area_id FROM housing_areas.area ORDER BY area_id LIMIT 20) AS a
UNION ALL VALUES
  ('udsat lists', 'SELECT string_agg(n::text, '' '' ORDER BY list_year)
                     FROM (SELECT list_year, count(*) FILTER (WHERE on_udsat_list) AS n
                             FROM housing_areas.area_status WHERE area_id < 100000 GROUP BY list_year) AS y'),
  ('nearest schools', 'SELECT count(*) || '' '' || md5(string_agg(n::text, '','' ORDER BY n.area_id, n.rank))
                         FROM housing_areas.nearest_facilities(''school'', 3, 2025) AS n WHERE n.area_id < 100000'),
  ('daycare cap', 'SELECT count(*) FILTER (WHERE d.over_cap) || '' '' || md5(string_agg(d::text, '','' ORDER BY d.facility_id))
                     FROM housing_areas.daycare_cap(2025) AS d'),
  ('tile', 'SELECT count(*) || '' '' || (length(housing_areas.areas_mvt(8, 135, 79, 2025)) > 0)
              FROM housing_areas.areas_mvt_features(8, 135, 79, 2025) AS f WHERE f.area_id < 100000'),
  ('tallies', 'SELECT count(*) || '' '' || md5(string_agg(s.area_id || '' '' || s.i::text, '','' ORDER BY s.area_id))
                 FROM (SELECT p.area_id,
                              housing_areas.to_indicators(housing_areas.tally_agg(p.age, p.nonwestern, p.outside_labour_fte,
                                  p.convicted, p.basic_education, p.gross_income, p.student), NULL, 0.57, 381000) AS i
                         FROM demo.person AS p WHERE p.data_year = 2025 GROUP BY p.area_id) AS s');

-- Ask a question again; an error naming it when the answer has changed.
CREATE FUNCTION load.ask(q text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	want text;
	sql text;
	got text;
BEGIN
	SELECT l.answer, l.query INTO want, sql FROM load.question AS l WHERE l.question = q;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'load check: unknown question "%"', q;
	END IF;
	EXECUTE sql INTO got;
	IF got IS DISTINCT FROM want THEN
		RAISE EXCEPTION 'load check failed: question "%" answered "%" under load, "%" before', q, got, want;
	END IF;
	RETURN true;
END $$;

DO $$
DECLARE r record; got text;
BEGIN
	FOR r IN SELECT * FROM load.question LOOP
		EXECUTE r.query INTO got;
		UPDATE load.question SET answer = got WHERE question = r.question;
	END LOOP;
END $$;
