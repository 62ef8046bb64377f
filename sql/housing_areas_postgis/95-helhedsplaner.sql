-- boligsociale helhedsplaner (comprehensive social plans, funded mainly by
-- Landsbyggefonden): the plans and the areas each covers, which listed areas
-- have a plan in force on a date, twins (the most similar areas of a year)
-- and the change in a plan's areas beside the change in their twins without
-- a plan (difference in differences).
--
-- No extension beyond PostGIS is needed: "one plan per area at a time" is an
-- exclusion constraint over two ranges (int4range of the area, daterange of
-- the period), which GiST indexes without btree_gist.

-- ---- tables ----

CREATE TABLE plan_focus_area (
	focus text PRIMARY KEY CHECK (focus ~ '^[a-z][a-z_]*$'),
	label_da text NOT NULL,
	label_en text NOT NULL
);
COMMENT ON TABLE plan_focus_area IS
'focus areas (indsatsområder) of boligsociale helhedsplaner: the four of Landsbyggefonden''s 2015-2018 round; add rows for your own';
COMMENT ON COLUMN plan_focus_area.focus IS
'key of the focus area: lower-case letters and underscores';
COMMENT ON COLUMN plan_focus_area.label_da IS
'name of the focus area in Danish';
COMMENT ON COLUMN plan_focus_area.label_en IS
'name of the focus area in English';

CREATE TABLE plan_funding_source (
	source text PRIMARY KEY CHECK (source ~ '^[a-z][a-z_]*$'),
	label_da text NOT NULL,
	label_en text NOT NULL
);
COMMENT ON TABLE plan_funding_source IS
'sources of a plan''s funding (Landsbyggefonden, the municipality, the housing organisation, other); add rows for your own';
COMMENT ON COLUMN plan_funding_source.source IS
'key of the source: lower-case letters and underscores';
COMMENT ON COLUMN plan_funding_source.label_da IS
'name of the source in Danish';
COMMENT ON COLUMN plan_funding_source.label_en IS
'name of the source in English';

-- the built-in focus areas and sources
INSERT INTO plan_focus_area VALUES
	('safety_wellbeing', 'tryghed og trivsel', 'safety and well-being'),
	('crime_prevention', 'kriminalitetsforebyggelse', 'crime prevention'),
	('education_employment', 'uddannelse og beskæftigelse', 'education and employment'),
	('prevention_parenting', 'forebyggelse og forældreansvar', 'prevention and parental responsibility');
INSERT INTO plan_funding_source VALUES
	('landsbyggefonden', 'Landsbyggefonden', 'the National Building Fund'),
	('municipality', 'kommunen', 'the municipality'),
	('housing_organisation', 'boligorganisationen', 'the housing organisation'),
	('other', 'anden finansiering', 'other funding');

CREATE TABLE plan (
	plan_id integer PRIMARY KEY CHECK (plan_id > 0),
	name text NOT NULL CHECK (name <> ''),
	housing_organisation text NOT NULL CHECK (housing_organisation <> ''),
	-- a plan runs from a first day to a last day: never empty, never open
	-- (a daterange whose end precedes its start is refused by the type)
	period daterange NOT NULL
		CONSTRAINT plan_period_possible CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
	status text NOT NULL DEFAULT 'approved' CHECK (status IN ('application', 'approved', 'stopped')),
	municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$')
);
COMMENT ON TABLE plan IS
'boligsociale helhedsplaner: one row per plan, with its period and status; its areas in plan_area, its funding in plan_funding, its focus areas in plan_focus';
COMMENT ON COLUMN plan.plan_id IS
'identifier of the plan, 1 or more';
COMMENT ON COLUMN plan.name IS
'name of the plan';
COMMENT ON COLUMN plan.housing_organisation IS
'the housing organisation (boligorganisation) behind the plan';
COMMENT ON COLUMN plan.period IS
'the days the plan runs, as a daterange [first day, day after the last day); neither empty nor open-ended; for a stopped plan, up to the day it stopped';
COMMENT ON COLUMN plan.status IS
'application (applied for, not in force), approved (in force during its period) or stopped (in force until the end of its period, which is the day it stopped)';
COMMENT ON COLUMN plan.municipality_code IS
'four-digit code of the municipality that co-finances the plan; NULL when not recorded';

CREATE TABLE plan_area (
	plan_id integer NOT NULL REFERENCES plan ON DELETE CASCADE,
	area_id integer NOT NULL REFERENCES area ON DELETE CASCADE,
	-- filled with the plan's period when not given (trigger below)
	period daterange NOT NULL
		CONSTRAINT plan_area_period_possible CHECK (NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)),
	PRIMARY KEY (plan_id, area_id),
	-- no two plans cover an area on the same day
	CONSTRAINT plan_area_one_plan_at_a_time
		EXCLUDE USING gist (int4range(area_id, area_id, '[]') WITH &&, period WITH &&)
);
CREATE INDEX plan_area_area_idx ON plan_area (area_id);
COMMENT ON TABLE plan_area IS
'the areas a plan covers, each with the days it covers it (within the plan''s period); a department monitored on its own is a row of area with its own polygon; an area is covered by at most one plan on any day';
COMMENT ON COLUMN plan_area.plan_id IS
'the plan (plan.plan_id); the row goes when the plan is deleted';
COMMENT ON COLUMN plan_area.area_id IS
'the area or department covered (area.area_id); the row goes when the area is deleted';
COMMENT ON COLUMN plan_area.period IS
'the days the plan covers the area, within the plan''s period: the plan''s period when not given, and it follows a change of the plan''s period while it equals it';
COMMENT ON INDEX plan_area_area_idx IS
'the plans of an area (plan_coverage, twins)';
COMMENT ON CONSTRAINT plan_area_one_plan_at_a_time ON plan_area IS
'an area is covered by at most one plan on any day: a second plan for an area starts when the first ends';

CREATE TABLE plan_funding (
	plan_id integer NOT NULL REFERENCES plan ON DELETE CASCADE,
	source text NOT NULL REFERENCES plan_funding_source ON UPDATE CASCADE,
	amount_dkk numeric NOT NULL CHECK (amount_dkk >= 0 AND amount_dkk < 1e12),
	PRIMARY KEY (plan_id, source)
);
COMMENT ON TABLE plan_funding IS
'the funding of a plan by source, in Danish kroner over the whole period';
COMMENT ON COLUMN plan_funding.plan_id IS
'the plan (plan.plan_id); the row goes when the plan is deleted';
COMMENT ON COLUMN plan_funding.source IS
'the source (plan_funding_source.source)';
COMMENT ON COLUMN plan_funding.amount_dkk IS
'the amount in Danish kroner over the plan''s period, 0 or more';

CREATE TABLE plan_focus (
	plan_id integer NOT NULL REFERENCES plan ON DELETE CASCADE,
	focus text NOT NULL REFERENCES plan_focus_area ON UPDATE CASCADE,
	PRIMARY KEY (plan_id, focus)
);
COMMENT ON TABLE plan_focus IS
'the focus areas of a plan';
COMMENT ON COLUMN plan_focus.plan_id IS
'the plan (plan.plan_id); the row goes when the plan is deleted';
COMMENT ON COLUMN plan_focus.focus IS
'the focus area (plan_focus_area.focus)';

-- an area's period: the plan's when not given, and within it
CREATE FUNCTION housing_areas_private.plan_area_period() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	plan_period daterange;
BEGIN
	SELECT p.period INTO plan_period FROM housing_areas.plan AS p WHERE p.plan_id = NEW.plan_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'insert or update on table "plan_area" violates foreign key constraint "plan_area_plan_id_fkey"'
			USING ERRCODE = 'foreign_key_violation',
				  DETAIL = pg_catalog.format('Key (plan_id)=(%s) is not present in table "plan".', NEW.plan_id);
	END IF;
	IF NEW.period IS NULL THEN
		NEW.period := plan_period;
	ELSIF NOT NEW.period <@ plan_period THEN
		RAISE EXCEPTION 'the days % to % of area % lie outside the days % to % of plan %',
			pg_catalog.to_char(pg_catalog.lower(NEW.period), 'YYYY-MM-DD'),
			pg_catalog.to_char(pg_catalog.upper(NEW.period) - 1, 'YYYY-MM-DD'), NEW.area_id,
			pg_catalog.to_char(pg_catalog.lower(plan_period), 'YYYY-MM-DD'),
			pg_catalog.to_char(pg_catalog.upper(plan_period) - 1, 'YYYY-MM-DD'), NEW.plan_id
			USING ERRCODE = 'check_violation',
				  DETAIL = 'A plan covers an area only while the plan runs.',
				  HINT = 'Leave the period out to cover the area for the whole plan, or give days within the plan''s period.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION housing_areas_private.plan_area_period() IS
'trigger of plan_area: fills a missing period with the plan''s, refuses one outside the plan''s period';
CREATE TRIGGER plan_area_period BEFORE INSERT OR UPDATE ON plan_area
	FOR EACH ROW EXECUTE FUNCTION housing_areas_private.plan_area_period();

-- a plan's new period: areas covered for the whole plan follow it, the
-- others must still lie within it
CREATE FUNCTION housing_areas_private.plan_period_change() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NEW.period IS DISTINCT FROM OLD.period THEN
		UPDATE housing_areas.plan_area AS pa SET period = NEW.period
		 WHERE pa.plan_id = NEW.plan_id AND pa.period = OLD.period;
		-- the others: the trigger of plan_area checks them on this update
		UPDATE housing_areas.plan_area AS pa SET period = pa.period
		 WHERE pa.plan_id = NEW.plan_id AND pa.period IS DISTINCT FROM NEW.period;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION housing_areas_private.plan_period_change() IS
'trigger of plan: when a plan''s period changes, its areas covered for the whole old period get the new one, and the others are checked to lie within it';
CREATE TRIGGER plan_period_change AFTER UPDATE OF period ON plan
	FOR EACH ROW EXECUTE FUNCTION housing_areas_private.plan_period_change();

-- user rows survive pg_dump; the built-in focus areas and sources are part
-- of the extension
SELECT pg_catalog.pg_extension_config_dump('plan', '');
SELECT pg_catalog.pg_extension_config_dump('plan_area', '');
SELECT pg_catalog.pg_extension_config_dump('plan_funding', '');
SELECT pg_catalog.pg_extension_config_dump('plan_focus', '');
SELECT pg_catalog.pg_extension_config_dump('plan_focus_area',
	'WHERE focus NOT IN (''safety_wellbeing'', ''crime_prevention'', ''education_employment'', ''prevention_parenting'')');
SELECT pg_catalog.pg_extension_config_dump('plan_funding_source',
	'WHERE source NOT IN (''landsbyggefonden'', ''municipality'', ''housing_organisation'', ''other'')');

-- the distance in km of twins(): between centroids, by index
CREATE INDEX area_centroid_idx ON area USING gist (ST_Centroid(geom));
COMMENT ON INDEX area_centroid_idx IS
'the centroid of each area, for twins() within a distance (ST_DWithin on centroids)';

-- ---- the list cycle ----

-- housing_areas_private.list_day(), the day of a list as a date, is in
-- 70-obligations.sql

CREATE FUNCTION list_in_force(on_date date) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	-- a list applies from its day until the next list's day
	RETURN housing_areas_private.list_year_on(on_date);
COMMENT ON FUNCTION list_in_force(date) IS
'the list year of the list in force on a date: the last list published on or before it (a list applies until the next one); 2012 from 1 October 2012 to 30 November 2013; a year before 2010 when no list was in force, NULL for an infinite date';

-- ---- coverage ----

CREATE FUNCTION housing_areas_private.check_coverage_date(on_date date) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	-- no list before 2010: the rules_for_year error of check_list_year would
	-- not say what is wrong with a date
	RETURN CASE WHEN housing_areas_private.require(list_in_force(on_date) >= 2010,
												   format('no list was in force on %s',
														  COALESCE(to_char(on_date, 'YYYY-MM-DD'), on_date::text)),
												   'The first list was published on 1 October 2010.', NULL)
				THEN housing_areas_private.check_list_year(list_in_force(on_date)) END;
COMMENT ON FUNCTION housing_areas_private.check_coverage_date(date) IS
'true for a date whose list in force area_year holds, an error otherwise (before the first list, or a list area_year lacks)';

CREATE FUNCTION plan_coverage(on_date date)
	RETURNS TABLE (area_id integer, name text, municipality_code text, list_year integer,
				   category category, list_status text, covered boolean, plan_id integer,
				   plan_name text, housing_organisation text, plan_period daterange,
				   covered_until date, earliest_exit date, ends_before_exit boolean)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	WITH st AS (
		SELECT s.area_id, s.name, s.municipality_code, s.list_year, s.category,
			   CASE WHEN s.on_udsat_list THEN 'udsat'
					WHEN s.category = 'forebyggelse' THEN 'forebyggelse'
					WHEN s.category = 'unknown' THEN 'unknown'
					-- on no list, but a criterion of the year's main test
					-- holds in an area passing the size gate
					WHEN s.category = 'none' AND s.criteria_met >= 1
						 AND (classify(s.ind, s.list_year)).size_ok THEN 'near'
			   END AS list_status,
			   s.development_plan,
			   housing_areas_private.list_day(s.list_year + 1) AS next_list,
			   make_date(consequence('plan_deadline')::integer, 1, 1) AS deadline
		  FROM area_status AS s
		 WHERE s.list_year = list_in_force(plan_coverage.on_date)
		   AND housing_areas_private.check_coverage_date(plan_coverage.on_date)
	)
	SELECT st.area_id, st.name, st.municipality_code, st.list_year, st.category, st.list_status,
		   cur.plan_id IS NOT NULL, cur.plan_id, cur.name, cur.housing_organisation, cur.period,
		   cov.until,
		   -- an area leaves a list on the next list at the earliest; an
		   -- omdannelse area's development plan runs until 1 January 2030
		   CASE WHEN st.list_status = 'near' THEN NULL
				WHEN st.development_plan THEN greatest(st.next_list, st.deadline)
				WHEN NOT st.development_plan THEN st.next_list END,
		   CASE WHEN cur.plan_id IS NULL OR st.list_status = 'near' THEN NULL
				WHEN cov.until < st.next_list THEN true
				WHEN cov.until >= greatest(st.next_list, st.deadline) THEN false
				WHEN st.development_plan THEN cov.until < st.deadline
				WHEN NOT st.development_plan THEN false END
	  FROM st
	  LEFT JOIN LATERAL (
		SELECT p.plan_id, p.name, p.housing_organisation, pa.period
		  FROM plan_area AS pa JOIN plan AS p ON p.plan_id = pa.plan_id
		 WHERE pa.area_id = st.area_id AND pa.period @> plan_coverage.on_date
		   AND p.status IN ('approved', 'stopped')) AS cur ON true
	  -- the end of the unbroken cover by plans (one after another) from the date
	  LEFT JOIN LATERAL (
		SELECT upper(r.r) AS until
		  FROM unnest((SELECT range_agg(pa.period)
						 FROM plan_area AS pa JOIN plan AS p ON p.plan_id = pa.plan_id
						WHERE pa.area_id = st.area_id AND p.status IN ('approved', 'stopped'))) AS r(r)
		 WHERE r.r @> plan_coverage.on_date) AS cov ON true
	 WHERE st.list_status IS NOT NULL
	 ORDER BY st.area_id;
END;
COMMENT ON FUNCTION plan_coverage(date) IS
'for a date, every area on the list in force (list_in_force()) or near one: its plan in force (an approved or stopped plan covering it that day) or none, the day its unbroken cover by plans ends, the earliest day it could leave the list (the next list; 1 January 2030 for an area under a development plan) and whether the cover ends before that; an error when area_year lacks the list in force';

CREATE FUNCTION housing_areas_private.coverage_date() RETURNS date
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- today, or the last day in force of the latest list area_year holds
	-- that was published by today; NULL when it holds none
	SELECT least(current_date, housing_areas_private.list_day(max(ay.list_year) + 1) - 1)
	  FROM area_year AS ay
	 WHERE ay.list_year <= list_in_force(current_date)
	HAVING count(*) > 0;
END;
COMMENT ON FUNCTION housing_areas_private.coverage_date() IS
'the date of gis_plan_coverage and bi_plan_coverage: today, or, when area_year lacks the list in force today, the last day in force of the latest list it holds published by today; NULL when it holds none';

CREATE VIEW gis_plan_coverage AS
SELECT c.area_id AS id, c.area_id, d.on_date, c.list_year, c.name, c.municipality_code,
	   c.category::text AS category, c.list_status, c.covered, c.plan_id, c.plan_name, c.housing_organisation,
	   lower(c.plan_period) AS plan_start, upper(c.plan_period) - 1 AS plan_end,
	   c.covered_until - 1 AS covered_to, c.earliest_exit, c.ends_before_exit,
	   a.geom, c.area_id AS ogc_fid
  FROM (SELECT housing_areas_private.coverage_date() AS on_date) AS d
 CROSS JOIN LATERAL plan_coverage(d.on_date) AS c
  JOIN area AS a ON a.area_id = c.area_id;
COMMENT ON VIEW gis_plan_coverage IS
'plan_coverage() of today (or, when area_year lacks today''s list, of the last day in force of the latest list it holds) with the area polygon for GIS clients: one row per area on a list or near one, key id (the area_id), also as ogc_fid for GDAL';
COMMENT ON COLUMN gis_plan_coverage.id IS
'integer key for GIS clients: the area_id (one row per area); the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_plan_coverage.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN gis_plan_coverage.on_date IS
'the date of the coverage: today, or, when area_year lacks the list in force today, the last day in force of the latest list it holds';
COMMENT ON COLUMN gis_plan_coverage.list_year IS
'the list in force on on_date';
COMMENT ON COLUMN gis_plan_coverage.name IS
'name of the area';
COMMENT ON COLUMN gis_plan_coverage.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN gis_plan_coverage.category IS
'the category on the list in force (area_status.category)';
COMMENT ON COLUMN gis_plan_coverage.list_status IS
'udsat (on the udsat list: udsat, parallelsamfund or omdannelse), forebyggelse, unknown (missing values decide the category) or near (on no list, but a criterion of the main test holds and residents >= 1000)';
COMMENT ON COLUMN gis_plan_coverage.covered IS
'an approved or stopped plan covers the area on on_date';
COMMENT ON COLUMN gis_plan_coverage.plan_id IS
'the plan in force (plan.plan_id); NULL when none';
COMMENT ON COLUMN gis_plan_coverage.plan_name IS
'name of the plan in force; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.housing_organisation IS
'housing organisation of the plan in force; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.plan_start IS
'first day the plan in force covers the area; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.plan_end IS
'last day the plan in force covers the area; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.covered_to IS
'last day of the unbroken cover by plans (one plan after another) from on_date; NULL when none';
COMMENT ON COLUMN gis_plan_coverage.earliest_exit IS
'the earliest day the area could leave the list: the next list''s day, or 1 January 2030 under a development plan; NULL for near areas and when the development plan is undetermined';
COMMENT ON COLUMN gis_plan_coverage.ends_before_exit IS
'the cover by plans ends before earliest_exit; NULL when no plan is in force, for near areas, and when undetermined';
COMMENT ON COLUMN gis_plan_coverage.geom IS
'the area polygon: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_plan_coverage.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view';

CREATE VIEW bi_plan_coverage AS
SELECT g.area_id, g.on_date, g.list_year, g.name, g.municipality_code, g.category,
	   category_label(g.category, g.list_year, 'en') AS category_en,
	   g.list_status, g.covered, g.plan_id, g.plan_name, g.housing_organisation,
	   g.plan_start, g.plan_end, g.covered_to, g.earliest_exit, g.ends_before_exit,
	   disclose(indicator(ay.ind, 'residents')::integer) AS residents,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat
  FROM gis_plan_coverage AS g
  JOIN area_year AS ay ON ay.area_id = g.area_id AND ay.list_year = g.list_year
 CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(g.geom), 4326) AS pt) AS p;
COMMENT ON VIEW bi_plan_coverage IS
'gis_plan_coverage in built-in types for BI tools: dates, text, booleans, residents (NULL below housing_areas.min_cell_count), lon/lat of a point inside the area in EPSG:4326';
COMMENT ON COLUMN bi_plan_coverage.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN bi_plan_coverage.on_date IS
'the date of the coverage: today, or, when area_year lacks the list in force today, the last day in force of the latest list it holds';
COMMENT ON COLUMN bi_plan_coverage.list_year IS
'the list in force on on_date';
COMMENT ON COLUMN bi_plan_coverage.name IS
'name of the area';
COMMENT ON COLUMN bi_plan_coverage.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN bi_plan_coverage.category IS
'the category on the list in force (area_status.category)';
COMMENT ON COLUMN bi_plan_coverage.category_en IS
'the English name of the category in the list year; NULL when the category did not exist that year';
COMMENT ON COLUMN bi_plan_coverage.list_status IS
'udsat (on the udsat list: udsat, parallelsamfund or omdannelse), forebyggelse, unknown (missing values decide the category) or near (on no list, but a criterion of the main test holds and residents >= 1000)';
COMMENT ON COLUMN bi_plan_coverage.covered IS
'an approved or stopped plan covers the area on on_date';
COMMENT ON COLUMN bi_plan_coverage.plan_id IS
'the plan in force (plan.plan_id); NULL when none';
COMMENT ON COLUMN bi_plan_coverage.plan_name IS
'name of the plan in force; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.housing_organisation IS
'housing organisation of the plan in force; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.plan_start IS
'first day the plan in force covers the area; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.plan_end IS
'last day the plan in force covers the area; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.covered_to IS
'last day of the unbroken cover by plans (one plan after another) from on_date; NULL when none';
COMMENT ON COLUMN bi_plan_coverage.earliest_exit IS
'the earliest day the area could leave the list: the next list''s day, or 1 January 2030 under a development plan; NULL for near areas and when the development plan is undetermined';
COMMENT ON COLUMN bi_plan_coverage.ends_before_exit IS
'the cover by plans ends before earliest_exit; NULL when no plan is in force, for near areas, and when undetermined';
COMMENT ON COLUMN bi_plan_coverage.residents IS
'residents on the list in force; NULL when unknown or below housing_areas.min_cell_count';
COMMENT ON COLUMN bi_plan_coverage.lon IS
'longitude of a point inside the area (EPSG:4326)';
COMMENT ON COLUMN bi_plan_coverage.lat IS
'latitude of a point inside the area (EPSG:4326)';

-- ---- twins ----

CREATE FUNCTION twin_coordinates(ind indicators, list_year integer) RETURNS double precision[]
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- each criterion of the year's main test and non-Western, divided by
	-- its threshold that year (margins()); NULL when unknown or not tested
	SELECT ARRAY[max(m.value / m.threshold) FILTER (WHERE m.criterion = 'labour'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'convictions'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'education'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'income'),
				 max(m.value / m.threshold) FILTER (WHERE m.criterion = 'nonwestern')]
	  FROM margins(twin_coordinates.ind, twin_coordinates.list_year) AS m
	 WHERE m.category IN ('udsat', 'parallelsamfund') AND m.threshold <> 0;
END;
COMMENT ON FUNCTION twin_coordinates(indicators, integer) IS
'the criteria of a record as twins() compares them: labour, convictions, education, income and non-Western, each divided by its threshold in the rules of the list year (1 = at the threshold; convictions by 3 x national_convicted from 2018); an element is NULL when the value is unknown, or the threshold is (convictions without national_convicted), or the year''s rules do not test it';

-- the distance on the five coordinates as scalars: written once, used by
-- twin_common()/twin_distance() on arrays and by area_twins on columns
CREATE FUNCTION housing_areas_private.twin_known(l1 double precision, c1 double precision,
	e1 double precision, i1 double precision, n1 double precision, l2 double precision,
	c2 double precision, e2 double precision, i2 double precision, n2 double precision)
	RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN (l1 - l2 IS NOT NULL)::integer + (c1 - c2 IS NOT NULL)::integer + (e1 - e2 IS NOT NULL)::integer
		   + (i1 - i2 IS NOT NULL)::integer + (n1 - n2 IS NOT NULL)::integer;
COMMENT ON FUNCTION housing_areas_private.twin_known(double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision) IS
'the number of the five coordinates (labour, convictions, education, income, non-Western) known in both of two records';

CREATE FUNCTION housing_areas_private.twin_rms(l1 double precision, c1 double precision,
	e1 double precision, i1 double precision, n1 double precision, l2 double precision,
	c2 double precision, e2 double precision, i2 double precision, n2 double precision,
	min_common integer)
	RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- the root mean square of the differences over the coordinates known in
	-- both; one unknown in either is left out, never guessed; rounded to 10
	-- decimals so that binary noise does not break ties
	RETURN CASE WHEN housing_areas_private.twin_known(l1, c1, e1, i1, n1, l2, c2, e2, i2, n2) >= greatest(min_common, 1)
				THEN round(sqrt((coalesce((l1 - l2) * (l1 - l2), 0) + coalesce((c1 - c2) * (c1 - c2), 0)
								 + coalesce((e1 - e2) * (e1 - e2), 0) + coalesce((i1 - i2) * (i1 - i2), 0)
								 + coalesce((n1 - n2) * (n1 - n2), 0))
								/ housing_areas_private.twin_known(l1, c1, e1, i1, n1, l2, c2, e2, i2, n2)) * 1e10) / 1e10 END;
COMMENT ON FUNCTION housing_areas_private.twin_rms(double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, double precision, integer) IS
'twin_distance() on the five coordinates of two records as scalars; NULL when fewer than min_common (at least 1) are known in both';

CREATE FUNCTION twin_common(a double precision[], b double precision[]) RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN housing_areas_private.twin_known(a[1], a[2], a[3], a[4], a[5], b[1], b[2], b[3], b[4], b[5]);
COMMENT ON FUNCTION twin_common(double precision[], double precision[]) IS
'the number of criteria known in both of two twin_coordinates() (0 to 5; 0 when either is NULL)';

CREATE FUNCTION twin_distance(a double precision[], b double precision[], min_common integer DEFAULT 3)
	RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN housing_areas_private.twin_rms(a[1], a[2], a[3], a[4], a[5], b[1], b[2], b[3], b[4], b[5], min_common);
COMMENT ON FUNCTION twin_distance(double precision[], double precision[], integer) IS
'the distance of twins(): the root mean square of the differences of two twin_coordinates() over the criteria known in both (0.1 = a tenth of the thresholds on average), rounded to 10 decimals; NULL when fewer than min_common (at least 1) are known in both';

CREATE FUNCTION housing_areas_private.check_twin_arguments(area_id integer, list_year integer, k integer,
	max_km double precision, min_common integer)
	RETURNS boolean
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM housing_areas_private.check_positive('k', k, false);
	IF max_km IS NOT NULL THEN
		PERFORM housing_areas_private.check_positive('max_km', max_km, true);
	END IF;
	PERFORM housing_areas_private.check_argument(min_common BETWEEN 1 AND 5, 'min_common', min_common::text,
												 'twins() compares 5 criteria: the value must be from 1 to 5.');
	IF NOT EXISTS (SELECT 1 FROM housing_areas.area_year AS ay
					WHERE ay.area_id = check_twin_arguments.area_id
					  AND ay.list_year = check_twin_arguments.list_year) THEN
		RAISE EXCEPTION 'area % has no row in area_year for list year %', area_id, list_year
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'twins() compares the areas of one list year in area_year.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_twin_arguments(integer, integer, integer, double precision, integer) IS
'true for arguments twins() can answer, an error naming the argument otherwise (k below 1, max_km negative, min_common outside 1-5, an area without a row that year)';

CREATE FUNCTION twins(area_id integer, list_year integer, k integer DEFAULT 5,
	same_region boolean DEFAULT false, max_km double precision DEFAULT NULL,
	min_common integer DEFAULT 3, unplanned_during daterange DEFAULT NULL)
	RETURNS TABLE (rank integer, twin_id integer, name text, municipality_code text,
				   distance double precision, common_criteria integer, km double precision)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH target AS MATERIALIZED (
		SELECT a.area_id, a.region_code, ST_Centroid(a.geom) AS centre,
			   twin_coordinates(ay.ind, ay.list_year) AS x
		  FROM area_year AS ay JOIN area AS a ON a.area_id = ay.area_id
		 WHERE ay.area_id = twins.area_id AND ay.list_year = twins.list_year
	), candidate AS MATERIALIZED (
		SELECT c.area_id, c.name, c.municipality_code, t.x,
			   twin_coordinates(ay.ind, ay.list_year) AS cx,
			   ST_Distance(ST_Centroid(c.geom), t.centre) / 1000 AS km
		  FROM target AS t
		  JOIN area AS c ON c.area_id <> t.area_id
		  JOIN area_year AS ay ON ay.area_id = c.area_id AND ay.list_year = twins.list_year
		 WHERE (NOT twins.same_region OR c.region_code = t.region_code)
		   AND (twins.max_km IS NULL OR ST_DWithin(ST_Centroid(c.geom), t.centre, twins.max_km * 1000))
		   -- never an area of a plan that covers the area that list year
		   AND NOT EXISTS (SELECT 1 FROM plan_area AS own JOIN plan_area AS o ON o.plan_id = own.plan_id
							WHERE own.area_id = t.area_id AND o.area_id = c.area_id
							  AND own.period && daterange(make_date(twins.list_year, 1, 1),
														  make_date(twins.list_year + 1, 1, 1)))
		   AND (twins.unplanned_during IS NULL
				OR NOT EXISTS (SELECT 1 FROM plan_area AS pa
								WHERE pa.area_id = c.area_id AND pa.period && twins.unplanned_during))
	)
	SELECT (row_number() OVER (ORDER BY d.distance, d.area_id))::integer,
		   d.area_id, d.name, d.municipality_code, d.distance, d.common_criteria, d.km
	  FROM (SELECT c.area_id, c.name, c.municipality_code, c.km,
				   twin_distance(c.x, c.cx, twins.min_common) AS distance,
				   twin_common(c.x, c.cx) AS common_criteria
			  FROM candidate AS c) AS d
	 WHERE d.distance IS NOT NULL
	 ORDER BY d.distance, d.area_id
	 -- the checks here: a LIMIT is evaluated even when nothing is fetched
	 LIMIT CASE WHEN housing_areas_private.check_twin_arguments(twins.area_id, twins.list_year, twins.k,
																twins.max_km, twins.min_common)
				THEN twins.k END;
END;
COMMENT ON FUNCTION twins(integer, integer, integer, boolean, double precision, integer, daterange) IS
'the k areas most like an area in a list year, by twin_distance() of their twin_coordinates() (criteria scaled by their thresholds; criteria unknown in either left out; pairs with fewer than min_common criteria known in both are no twins), ties by area_id; optionally in the same region, within max_km between centroids, and without a plan on any day of unplanned_during; never an area covered by a plan of the area''s own that year; an error for an area without a row that year';

CREATE VIEW area_twins AS
-- every record's coordinates once; per list year, the 5 nearest of each
-- record by housing_areas_private.nearest_twins() (k-d trees in C, the
-- distance of twin_rms() bit for bit), never an area of a plan that covers
-- the record's area that list year
WITH coordinates AS MATERIALIZED (
	SELECT ay.area_id, ay.list_year, twin_coordinates(ay.ind, ay.list_year) AS x
	  FROM area_year AS ay
	 WHERE ay.ind IS NOT NULL
), years AS (
	SELECT c.list_year, array_agg(c.area_id ORDER BY c.area_id) AS ids,
		   array_agg(c.x ORDER BY c.area_id) AS xs
	  FROM coordinates AS c
	 GROUP BY c.list_year
), excluded AS (
	-- (record, area of a plan that covers the record's area that list year)
	SELECT c.list_year, array_agg(own.area_id) AS area_ids, array_agg(p.area_id) AS twin_ids
	  FROM coordinates AS c
	  JOIN plan_area AS own ON own.area_id = c.area_id
						   AND own.period && daterange(make_date(c.list_year, 1, 1), make_date(c.list_year + 1, 1, 1))
	  JOIN plan_area AS p ON p.plan_id = own.plan_id AND p.area_id <> own.area_id
	 GROUP BY c.list_year
)
SELECT t.area_id, y.list_year, t.rank, t.twin_id, t.distance, t.common_criteria
  FROM years AS y
  LEFT JOIN excluded AS e ON e.list_year = y.list_year
 CROSS JOIN LATERAL housing_areas_private.nearest_twins(y.ids, y.xs, coalesce(e.area_ids, '{}'),
														 coalesce(e.twin_ids, '{}'), 5, 3) AS t;
COMMENT ON VIEW area_twins IS
'the 5 twins of every area in every list year: twins(area_id, list_year) with its defaults (any region, at least 3 criteria known in both), computed for all rows at once (each record''s twin_coordinates() once, then the nearest of each list year by k-d trees in C, exact: the rows all pairs give)';
COMMENT ON COLUMN area_twins.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN area_twins.list_year IS
'the list year compared';
COMMENT ON COLUMN area_twins.rank IS
'1 for the most similar area, up to 5';
COMMENT ON COLUMN area_twins.twin_id IS
'the twin (area.area_id)';
COMMENT ON COLUMN area_twins.distance IS
'twin_distance() of the two records (0.1 = a tenth of the thresholds on average)';
COMMENT ON COLUMN area_twins.common_criteria IS
'the number of criteria known in both records, 3 to 5';

-- ---- effects ----

CREATE FUNCTION housing_areas_private.check_plan(plan_id integer, k integer) RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE WHEN housing_areas_private.check_positive('k', k, false)
				THEN housing_areas_private.require(EXISTS (SELECT 1 FROM plan AS p WHERE p.plan_id = check_plan.plan_id),
												   format('no plan %s', COALESCE(plan_id::text, 'NULL')),
												   NULL, 'The plans are the rows of housing_areas.plan.') END;
COMMENT ON FUNCTION housing_areas_private.check_plan(integer, integer) IS
'true for a plan in the table plan and a k of 1 or more, an error otherwise';

CREATE FUNCTION plan_effects(plan_id integer, k integer DEFAULT 5)
	RETURNS TABLE (criterion text, from_list integer, to_list integer,
				   plan_areas integer, plan_before double precision, plan_after double precision,
				   plan_change double precision,
				   twin_areas integer, twin_before double precision, twin_after double precision,
				   twin_change double precision, difference double precision, note text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH p AS MATERIALIZED (
		-- from the list in force on the plan's first day to the list in force
		-- on its last day (or the latest list held, while it runs)
		SELECT pl.plan_id, pl.period,
			   list_in_force(lower(pl.period)) AS from_list,
			   least(list_in_force(upper(pl.period) - 1), (SELECT latest_list_year())) AS to_list
		  FROM plan AS pl
		 WHERE pl.plan_id = plan_effects.plan_id
		   AND housing_areas_private.check_plan(plan_effects.plan_id, plan_effects.k)
	), plan_areas AS MATERIALIZED (
		-- the plan's areas with a row on the list before the plan
		SELECT pa.area_id, p.from_list, p.period
		  FROM p JOIN plan_area AS pa ON pa.plan_id = p.plan_id
		 WHERE EXISTS (SELECT 1 FROM area_year AS ay WHERE ay.area_id = pa.area_id AND ay.list_year = p.from_list)
	), groups AS (
		SELECT 'plan' AS grp, pa.area_id FROM p JOIN plan_area AS pa ON pa.plan_id = p.plan_id
		UNION
		-- each area's twins on the list before the plan, among the areas
		-- without a plan on any day of the plan's period
		SELECT 'twins', t.twin_id
		  FROM plan_areas AS pa
		 CROSS JOIN LATERAL twins(pa.area_id, pa.from_list, plan_effects.k, unplanned_during => pa.period) AS t
	), v AS (
		-- each area's value as disclosed_criteria() shows it (NULL when
		-- unknown or hidden), on the list before and on the last list
		SELECT g.grp, c.criterion,
			   CASE c.criterion WHEN 'outside_labour' THEN db.outside_labour_pct WHEN 'convicted' THEN db.convicted_pct
					WHEN 'basic_education' THEN db.basic_education_pct WHEN 'income' THEN db.income_pct
					ELSE db.nonwestern_pct END AS before,
			   CASE c.criterion WHEN 'outside_labour' THEN de.outside_labour_pct WHEN 'convicted' THEN de.convicted_pct
					WHEN 'basic_education' THEN de.basic_education_pct WHEN 'income' THEN de.income_pct
					ELSE de.nonwestern_pct END AS after
		  FROM groups AS g CROSS JOIN p
		 CROSS JOIN (VALUES ('outside_labour'), ('convicted'), ('basic_education'),
							('income'), ('nonwestern')) AS c(criterion)
		  LEFT JOIN area_year AS b ON b.area_id = g.area_id AND b.list_year = p.from_list
		  LEFT JOIN LATERAL disclosed_criteria(b.ind, b.persons, b.list_year) AS db ON true
		  LEFT JOIN area_year AS e ON e.area_id = g.area_id AND e.list_year = p.to_list
		  LEFT JOIN LATERAL disclosed_criteria(e.ind, e.persons, e.list_year) AS de ON true
	), s AS (
		-- each figure from the areas with the value shown on both lists
		SELECT v.grp, v.criterion,
			   (count(*) FILTER (WHERE v.before IS NOT NULL AND v.after IS NOT NULL))::integer AS n,
			   avg(v.before) FILTER (WHERE v.after IS NOT NULL) AS before,
			   avg(v.after) FILTER (WHERE v.before IS NOT NULL) AS after
		  FROM v GROUP BY v.grp, v.criterion
	)
	SELECT c.criterion, p.from_list, p.to_list,
		   coalesce(pl.n, 0), pl.before, pl.after,
		   CASE WHEN p.to_list > p.from_list THEN pl.after - pl.before END,
		   coalesce(tw.n, 0), tw.before, tw.after,
		   CASE WHEN p.to_list > p.from_list THEN tw.after - tw.before END,
		   CASE WHEN p.to_list > p.from_list THEN (pl.after - pl.before) - (tw.after - tw.before) END,
		   'a comparison, not proof of cause: the change in the plan''s areas beside the change in similar areas without a plan; other differences between the areas, chance and the choice of twins can explain a difference as well as the plan can'
	  FROM p
	 CROSS JOIN (VALUES (1, 'outside_labour'), (2, 'convicted'), (3, 'basic_education'),
						(4, 'income'), (5, 'nonwestern')) AS c(ord, criterion)
	  LEFT JOIN s AS pl ON pl.grp = 'plan' AND pl.criterion = c.criterion
	  LEFT JOIN s AS tw ON tw.grp = 'twins' AND tw.criterion = c.criterion
	 ORDER BY c.ord;
END;
COMMENT ON FUNCTION plan_effects(integer, integer) IS
'difference in differences for a plan, per criterion value (outside_labour, convicted, basic_education, income, nonwestern, in %): the mean in the plan''s areas on the list in force when it started (from_list) and on the list in force on its last day or the latest list held (to_list), beside the same for the twins (twins(), k per area, on from_list) that no plan covered on any day of the plan''s period; each figure from the areas whose value disclosed_criteria() shows on both lists (plan_areas, twin_areas), so nothing hidden for an area enters it; changes NULL until a later list is held. A comparison, not proof of cause: other differences between the areas, chance and the choice of twins can explain a difference as well as the plan can';
