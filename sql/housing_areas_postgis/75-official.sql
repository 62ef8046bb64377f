-- housing_areas_postgis: the ministry's published list of a year, typed
-- from its PDF, loaded into area_year.official_category, and where the
-- computed category differs from it

CREATE FUNCTION load_official_list(list_year integer, csv text, complete boolean DEFAULT true,
	OUT listed integer, OUT set_none integer, OUT created integer)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
	categories constant text[] := ARRAY['omdannelse', 'parallelsamfund', 'udsat', 'forebyggelse', 'none'];
	line record;
	f text[];
	area text;
	cat text;
	id integer;
	ids integer[];
	seen jsonb := '{}';
	rows_in jsonb := '[]';
	header_done boolean := false;
BEGIN
	IF list_year IS NULL OR csv IS NULL OR complete IS NULL THEN
		RAISE EXCEPTION 'load_official_list needs a list year, the CSV text and complete'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM housing_areas.rules_for_year(list_year);	-- its error before 2010
	IF housing_areas_private.list_day(list_year) > current_date THEN
		RAISE EXCEPTION 'the list of % is not published yet', list_year
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('The list of %s is published on %s.', list_year, housing_areas.list_date(list_year));
	END IF;
	FOR line IN SELECT t.text AS text, t.n AS n
				  FROM regexp_split_to_table(csv, '\r?\n') WITH ORDINALITY AS t(text, n) LOOP
		-- blank lines and # comments are skipped; the first other line may be
		-- the header area,category (or area_id;category)
		CONTINUE WHEN btrim(line.text) = '' OR btrim(line.text) LIKE '#%';
		f := regexp_split_to_array(line.text, '[,;]');
		IF NOT header_done THEN
			header_done := true;
			CONTINUE WHEN cardinality(f) = 2 AND lower(btrim(f[1], ' "')) IN ('area', 'area_id')
						  AND lower(btrim(f[2], ' "')) = 'category';
		END IF;
		IF cardinality(f) <> 2 THEN
			RAISE EXCEPTION 'line % of the list is not an area and a category: "%"', line.n,
				CASE WHEN length(line.text) > 60 THEN left(line.text, 60) || '...' ELSE line.text END
				USING ERRCODE = 'invalid_text_representation',
					  DETAIL = 'A line of the list is an area and its category, separated by a comma or a semicolon.',
					  HINT = 'Write for example: 101,parallelsamfund';
		END IF;
		area := left(btrim(f[1], E' \t"'), 200);
		cat := lower(left(btrim(f[2], E' \t"'), 200));
		-- the area: its identifier, or its name when one area has it
		IF area ~ '^[0-9]{1,9}$' THEN
			id := area::integer;
			IF NOT EXISTS (SELECT 1 FROM housing_areas.area AS a WHERE a.area_id = id) THEN
				RAISE EXCEPTION 'unknown area % on line % of the list', id, line.n
					USING ERRCODE = 'foreign_key_violation',
						  DETAIL = 'The areas are in housing_areas.area.';
			END IF;
		ELSE
			ids := ARRAY(SELECT a.area_id FROM housing_areas.area AS a
						  WHERE lower(a.name) = lower(area) ORDER BY a.area_id);
			IF cardinality(ids) = 0 THEN
				RAISE EXCEPTION 'unknown area "%" on line % of the list', area, line.n
					USING ERRCODE = 'foreign_key_violation',
						  DETAIL = 'An area is given by its area_id or by its name in housing_areas.area.';
			ELSIF cardinality(ids) > 1 THEN
				RAISE EXCEPTION 'area name "%" on line % of the list is ambiguous', area, line.n
					USING ERRCODE = 'invalid_parameter_value',
						  DETAIL = format('The areas %s have that name.', array_to_string(ids, ', ')),
						  HINT = 'Give the area_id instead.';
			END IF;
			id := ids[1];
		END IF;
		-- the category: its key, or its Danish legal name in that year
		IF NOT cat = ANY (categories) THEN
			cat := (SELECT c FROM unnest(categories) AS c
					 WHERE lower(housing_areas.category_label(c, list_year, 'da')) = cat);
			IF cat IS NULL THEN
				RAISE EXCEPTION 'invalid category "%" on line % of the list', left(btrim(f[2], E' \t"'), 200), line.n
					USING ERRCODE = 'invalid_parameter_value',
						  DETAIL = format('A category is one of %s, or its Danish name in %s.',
										  array_to_string(categories, ', '), list_year);
			END IF;
		END IF;
		IF seen ? id::text THEN
			RAISE EXCEPTION 'area % is on the list twice (lines % and %)', id, seen ->> id::text, line.n
				USING ERRCODE = 'unique_violation';
		END IF;
		seen := seen || jsonb_build_object(id::text, line.n);
		rows_in := rows_in || jsonb_build_object('area_id', id, 'category', cat);
	END LOOP;
	IF jsonb_array_length(rows_in) = 0 THEN
		RAISE EXCEPTION 'the list of % has no areas', list_year
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Each line of the list is an area and its category.';
	END IF;

	-- one statement each, so an error above leaves area_year as it was
	WITH given AS (
		SELECT r.area_id, r.category FROM jsonb_to_recordset(rows_in) AS r(area_id integer, category text)
	), upserted AS (
		INSERT INTO housing_areas.area_year AS ay (area_id, list_year, official_category)
		SELECT g.area_id, load_official_list.list_year, g.category FROM given AS g
		ON CONFLICT (area_id, list_year) DO UPDATE SET official_category = EXCLUDED.official_category
		RETURNING (xmax = 0) AS inserted
	)
	SELECT count(*), count(*) FILTER (WHERE u.inserted) INTO listed, created FROM upserted AS u;
	set_none := 0;
	IF complete THEN
		-- the published list names every listed area: the others are on none
		WITH changed AS (
			UPDATE housing_areas.area_year AS ay SET official_category = 'none'
			 WHERE ay.list_year = load_official_list.list_year
			   AND NOT seen ? ay.area_id::text
			RETURNING 1
		)
		SELECT count(*) INTO set_none FROM changed;
	END IF;
END
$$;
COMMENT ON FUNCTION load_official_list(integer, text, boolean) IS
'loads the ministry''s published list of a year (published by today) into area_year.official_category from CSV text (lines area,category: an area_id or a unique area name, a category key or its Danish name; a header line area,category and # comments allowed); complete (default): the other areas with a row that year get none; returns the areas listed, set to none and the rows created; any bad line is an error naming it, and nothing is loaded';

CREATE VIEW official_list_differences AS
SELECT s.area_id, s.list_year, s.name, s.municipality_code, s.official_category, s.computed_category,
	   -- omdannelse is a parallelsamfund with history: classify() alone never
	   -- gives it, so it is compared as parallelsamfund
	   CASE WHEN s.computed_category IN ('omdannelse', 'parallelsamfund', 'udsat', 'forebyggelse', 'none')
			THEN false END AS agrees,
	   (SELECT string_agg(format('%s %s: %s %s %s (%s)', m.category, m.criterion,
								 COALESCE(m.value::text, 'unknown'), m.operator, COALESCE(m.threshold::text, 'unknown'),
								 CASE WHEN m.met THEN 'met' WHEN NOT m.met THEN 'not met' ELSE 'unknown' END),
						  '; ' ORDER BY m.category = 'all' DESC, m.category, abs(m.distance) NULLS FIRST, m.criterion)
		  FROM margins(s.ind, s.list_year) AS m
		 WHERE m.category = 'all'
			-- undetermined: every test of a list may decide it
			OR (s.computed_category = 'unknown' AND m.category IN ('udsat', 'parallelsamfund', 'forebyggelse'))
			OR m.category = ANY (CASE WHEN 'forebyggelse' IN (s.official_category, s.computed_category)
									  THEN ARRAY['udsat', 'forebyggelse'] ELSE ARRAY[]::text[] END
								 || CASE WHEN s.official_category IN ('omdannelse', 'parallelsamfund')
										   OR s.computed_category = 'parallelsamfund'
										 THEN ARRAY['udsat', 'parallelsamfund'] ELSE ARRAY[]::text[] END
								 || CASE WHEN 'udsat' IN (s.official_category, s.computed_category)
										 THEN ARRAY['udsat'] ELSE ARRAY[]::text[] END))
		   AS criteria
  FROM area_status AS s
 WHERE s.official_category IS NOT NULL
   AND s.computed_category IS DISTINCT FROM
	   CASE s.official_category WHEN 'omdannelse' THEN 'parallelsamfund' ELSE s.official_category END;
COMMENT ON VIEW official_list_differences IS
'the areas and years where the category computed from the indicators (classify()) differs from the published one (area_year.official_category, omdannelse compared as parallelsamfund), or cannot be computed, with the criteria of the tests that separate them';
COMMENT ON COLUMN official_list_differences.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN official_list_differences.list_year IS
'the list year';
COMMENT ON COLUMN official_list_differences.name IS
'name of the area';
COMMENT ON COLUMN official_list_differences.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN official_list_differences.official_category IS
'the published category (area_year.official_category)';
COMMENT ON COLUMN official_list_differences.computed_category IS
'the category classify() gives from the indicators (parallelsamfund, udsat, forebyggelse, none, or unknown when missing values decide it); NULL when the row has no indicators';
COMMENT ON COLUMN official_list_differences.agrees IS
'false: the computed category is another; NULL: it cannot be computed (unknown, or no indicators)';
COMMENT ON COLUMN official_list_differences.criteria IS
'the criteria that decide between the two categories: the size gate, then each criterion of the tests of udsat, parallelsamfund and forebyggelse that apply to either (all of them when the computed category is unknown), with its value, operator, threshold and whether it is met, the nearest to its threshold first; NULL when the row has no indicators';
