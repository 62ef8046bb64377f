-- housing_areas_postgis: the municipality's own monitoring beyond the lists
-- (issue 16): units of its own (departments, parishes, areas it draws, any
-- tenure), their indicators year by year, and tier schemes (a tiered
-- letting agreement's trappemodel) made of user rule sets, beside the
-- official lists. Choices: docs/decisions.md, decision "Own monitoring".

-- ---- tables ----

CREATE TABLE monitoring_unit (
	unit_id integer PRIMARY KEY CHECK (unit_id BETWEEN 1 AND 20000000),
	name text NOT NULL,
	kind text NOT NULL DEFAULT 'own' CHECK (kind ~ '^[a-z][a-z_]*$'),
	tenure text CHECK (tenure IN ('almen', 'privat', 'andel', 'ejer', 'blandet')),
	municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$'),
	area_id integer REFERENCES area ON DELETE SET NULL,
	geom geometry(MultiPolygon, 25832)
		CONSTRAINT monitoring_unit_geom_valid CHECK (ST_IsValid(geom))
		CONSTRAINT monitoring_unit_geom_in_utm32n CHECK (geom @ ST_MakeEnvelope(-1000000, 4000000, 2000000, 9300000, 25832)),
	point geometry(Point, 25832)
		CONSTRAINT monitoring_unit_point_in_utm32n CHECK (point @ ST_MakeEnvelope(-1000000, 4000000, 2000000, 9300000, 25832))
);
CREATE INDEX monitoring_unit_geom_idx ON monitoring_unit USING gist (geom);
CREATE INDEX monitoring_unit_area_idx ON monitoring_unit (area_id);
COMMENT ON TABLE monitoring_unit IS
'the municipality''s own units of monitoring, beside the legal areas of the lists: departments (afdelinger), parishes, areas it draws itself, of any tenure; classified by tier schemes (monitoring_status()); pg_dump keeps the rows';
COMMENT ON COLUMN monitoring_unit.unit_id IS
'identifier of the unit, 1 to 20000000 (so that the key of the GIS layers fits a bigint with the scheme and the year)';
COMMENT ON COLUMN monitoring_unit.name IS
'name of the unit';
COMMENT ON COLUMN monitoring_unit.kind IS
'what the unit is: a lower-case word, e.g. department (a housing department, afdeling), parish (sogn) or own (an area the municipality draws; the default)';
COMMENT ON COLUMN monitoring_unit.tenure IS
'the tenure of its dwellings: almen (public housing), privat (private rental), andel (co-operative), ejer (owner-occupied) or blandet (mixed); NULL when not recorded';
COMMENT ON COLUMN monitoring_unit.municipality_code IS
'four-digit municipality code (e.g. 0751); NULL when not recorded';
COMMENT ON COLUMN monitoring_unit.area_id IS
'the legal area (area.area_id) the unit lies in, when the municipality says so; NULL to find it spatially (the area containing the unit''s point) or when it lies in none; set to NULL when the area is deleted';
COMMENT ON COLUMN monitoring_unit.geom IS
'the unit boundary: valid MultiPolygon in EPSG:25832 (metres); NULL when only an address point is known';
COMMENT ON COLUMN monitoring_unit.point IS
'an address point of the unit: Point in EPSG:25832 (metres), used when geom is NULL (the point layer and the spatial match take it before a point inside geom); NULL when not known';
COMMENT ON INDEX monitoring_unit_geom_idx IS
'the unit boundaries by place, for a GIS client''s map window of the unit layers (&&)';
COMMENT ON INDEX monitoring_unit_area_idx IS
'the units of a legal area';

CREATE TABLE monitoring_year (
	unit_id integer NOT NULL REFERENCES monitoring_unit ON DELETE CASCADE,
	year integer NOT NULL CHECK (year BETWEEN 2010 AND 2100),
	ind indicators,
	persons tally,
	PRIMARY KEY (unit_id, year)
);
COMMENT ON TABLE monitoring_year IS
'one row per monitoring unit and year: its indicators (as for the list of that year) and optionally the tally they come from, for disclosure control; pg_dump keeps the rows';
COMMENT ON COLUMN monitoring_year.unit_id IS
'the unit (monitoring_unit.unit_id); the row goes when the unit is deleted';
COMMENT ON COLUMN monitoring_year.year IS
'the year, 2010 to 2100, read as a list year: the indicators are those a list of that year would use, and the unit is set beside the legal area''s list of the same year';
COMMENT ON COLUMN monitoring_year.ind IS
'the criteria values (indicators); NULL when none are known (the tier is then unknown)';
COMMENT ON COLUMN monitoring_year.persons IS
'the tally of the data year, or a tally of its population counts only: the populations disclosure control checks each share against in bi_monitoring_status and the GIS layers (as area_year.persons); NULL when not known, and then every share of an age group is suppressed';

CREATE TABLE monitoring_scheme (
	scheme_id smallint PRIMARY KEY CHECK (scheme_id BETWEEN 1 AND 99),
	name text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9_]*$'),
	description text
);
COMMENT ON TABLE monitoring_scheme IS
'tier schemes: a named, ordered set of user rule sets (tier_scheme) that puts each monitoring unit and year in a tier, e.g. the trappemodel of a tiered letting agreement; pg_dump keeps the rows';
COMMENT ON COLUMN monitoring_scheme.scheme_id IS
'number of the scheme, 1 to 99 (part of the key of the GIS layers)';
COMMENT ON COLUMN monitoring_scheme.name IS
'name of the scheme, as monitoring_status(scheme) and monitoring_tier() take it: lower-case letters, digits and underscores';
COMMENT ON COLUMN monitoring_scheme.description IS
'free text: the agreement, its date, what the tiers mean';

CREATE TABLE tier_scheme (
	scheme_id smallint NOT NULL REFERENCES monitoring_scheme ON DELETE CASCADE,
	tier smallint NOT NULL CHECK (tier BETWEEN 1 AND 9),
	rule_set text NOT NULL REFERENCES rule_set (name),
	PRIMARY KEY (scheme_id, tier),
	CONSTRAINT tier_scheme_rule_set_once UNIQUE (scheme_id, rule_set)
);
CREATE INDEX tier_scheme_rule_set_idx ON tier_scheme (rule_set);
COMMENT ON TABLE tier_scheme IS
'the tiers of each scheme: tier n holds when the user rule set rule_set puts the unit in a category (category() other than none); the highest tier number is the most severe, and a unit''s tier is the highest that holds (0 when none does); a rule set in use cannot be dropped (drop_rules fails with 23503); pg_dump keeps the rows';
COMMENT ON COLUMN tier_scheme.scheme_id IS
'the scheme (monitoring_scheme.scheme_id); its tiers go when it is deleted';
COMMENT ON COLUMN tier_scheme.tier IS
'the tier, 1 to 9: the higher, the more severe; numbers may leave gaps';
COMMENT ON COLUMN tier_scheme.rule_set IS
'the user rule set (rule_set.name, made with create_rules) that says when a unit is in this tier or a higher one by its own thresholds: the tier holds when the set gives a category other than none; its size gate applies (an area counts when residents >= ...)';
COMMENT ON CONSTRAINT tier_scheme_rule_set_once ON tier_scheme IS
'a rule set is one tier of a scheme, not two';
COMMENT ON INDEX tier_scheme_rule_set_idx IS
'the tiers a rule set is used by (the foreign key''s check when a rule set is dropped)';

SELECT pg_catalog.pg_extension_config_dump('monitoring_unit', '');
SELECT pg_catalog.pg_extension_config_dump('monitoring_year', '');
SELECT pg_catalog.pg_extension_config_dump('monitoring_scheme', '');
SELECT pg_catalog.pg_extension_config_dump('tier_scheme', '');

-- ---- tiers ----

CREATE FUNCTION housing_areas_private.scheme_id(scheme text) RETURNS smallint
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	id smallint;
	has_tiers boolean;
BEGIN
	SELECT s.scheme_id, EXISTS (SELECT 1 FROM housing_areas.tier_scheme AS t WHERE t.scheme_id = s.scheme_id)
	  INTO id, has_tiers
	  FROM housing_areas.monitoring_scheme AS s
	 WHERE s.name = scheme_id.scheme;
	IF id IS NULL THEN
		RAISE EXCEPTION 'tier scheme "%" does not exist', scheme
			USING ERRCODE = 'undefined_object',
				  HINT = coalesce('Known schemes are listed in housing_areas.monitoring_scheme: '
								  || (SELECT pg_catalog.string_agg(s.name, ', ' ORDER BY s.name)
										FROM housing_areas.monitoring_scheme AS s) || '.',
								  'Add the scheme to housing_areas.monitoring_scheme and its tiers to housing_areas.tier_scheme.');
	END IF;
	IF NOT has_tiers THEN
		RAISE EXCEPTION 'tier scheme "%" has no tiers', scheme
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Add its tiers to housing_areas.tier_scheme: a tier number and a user rule set each.';
	END IF;
	RETURN id;
END
$$;
COMMENT ON FUNCTION housing_areas_private.scheme_id(text) IS
'the scheme_id of the tier scheme named scheme; an error when there is no such scheme, or it has no tiers';

CREATE FUNCTION housing_areas_private.tier_of(ind indicators, year integer, scheme_id smallint)
	RETURNS TABLE (tier integer, rule_set text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- one row; a set-returning function so that a call in FROM is inlined
	-- into the caller's plan (three times as fast as a call per row)
	-- the tiers from the most severe down: the first whose rule set gives
	-- a category decides; an unknown one before it leaves the tier unknown
	-- (it might hold), and when none holds the tier is 0, decided by the
	-- least severe set; t is read twice, and computed once (each rule set's
	-- category() once)
	WITH t AS MATERIALIZED (
		SELECT ts.tier, ts.rule_set,
			   COALESCE(category(tier_of.ind, tier_of.year, ts.rule_set), 'unknown') AS category
		  FROM tier_scheme AS ts
		 WHERE ts.scheme_id = tier_of.scheme_id
	), deciding AS (
		SELECT t.tier, t.rule_set, t.category
		  FROM t
		 WHERE t.category <> 'none'
		 ORDER BY t.tier DESC
		 LIMIT 1
	)
	SELECT CASE WHEN d.category IS NULL THEN 0
				WHEN d.category <> 'unknown' THEN d.tier END,
		   COALESCE(d.rule_set, (SELECT t.rule_set FROM t ORDER BY t.tier LIMIT 1))
	  FROM (SELECT 1) AS one
	  LEFT JOIN deciding AS d ON true;
END;
COMMENT ON FUNCTION housing_areas_private.tier_of(indicators, integer, smallint) IS
'one row: the tier of one record under a scheme (by its scheme_id) and the rule set that decides it: the highest tier whose rule set gives a category other than none; NULL when a set above it is undetermined (unknown, or no indicators); 0 when none holds, decided by the lowest tier''s set';

CREATE FUNCTION monitoring_tier(ind indicators, year integer, scheme text) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT t.tier
	  FROM housing_areas_private.tier_of(monitoring_tier.ind, monitoring_tier.year,
										 housing_areas_private.scheme_id(monitoring_tier.scheme)) AS t;
END;
COMMENT ON FUNCTION monitoring_tier(indicators, integer, text) IS
'the tier of one record (indicators of a year) under a tier scheme: the highest tier whose user rule set gives a category other than none, 0 when none does; NULL when a more severe tier''s set is undetermined by missing values or the indicators are NULL; an error for an unknown scheme or one without tiers';

CREATE FUNCTION housing_areas_private.monitoring_rows(scheme_id smallint)
	RETURNS TABLE (unit_id integer, year integer, name text, kind text, tenure text,
				   municipality_code text, tier integer, rules text,
				   criteria_met integer, criteria_unknown integer, criteria text,
				   previous_year integer, previous_tier integer,
				   area_id integer, area_match text, list_category category,
				   ind indicators, persons tally,
				   previous_ind indicators, previous_persons tally)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- Each row on its own, no window function: the caller's condition on
	-- unit_id, year and scheme (a GIS fetch by id) is checked on
	-- monitoring_year before the work of the row (the LATERAL subquery,
	-- kept one by OFFSET 0), and the year before is looked up by the
	-- primary key (unit_id, year - 1).
	SELECT my.unit_id, my.year, u.name, u.kind, u.tenure, u.municipality_code,
		   r.tier, r.rule_set, r.met, r.undetermined, r.criteria,
		   r.previous_year, r.previous_tier,
		   r.area_id, r.area_match, r.list_category,
		   my.ind, my.persons, r.previous_ind, r.previous_persons
	  FROM monitoring_year AS my
	  JOIN monitoring_unit AS u ON u.unit_id = my.unit_id
	 CROSS JOIN LATERAL (
		SELECT t.tier, t.rule_set,
			   CASE WHEN my.ind IS NOT NULL THEN k.met END AS met,
			   CASE WHEN my.ind IS NOT NULL THEN k.undetermined END AS undetermined,
			   k.criteria,
			   pv.year AS previous_year, pv.tier AS previous_tier,
			   pv.ind AS previous_ind, pv.persons AS previous_persons,
			   pl.area_id,
			   CASE WHEN u.area_id IS NOT NULL THEN 'area_id'
					WHEN pl.area_id IS NOT NULL THEN 'spatial' END AS area_match,
			   st.category AS list_category
		  FROM housing_areas_private.tier_of(my.ind, my.year, monitoring_rows.scheme_id) AS t
		 CROSS JOIN LATERAL (
			-- the criteria of the deciding set (margins()), the size gate
			-- shown but not counted
			SELECT (count(*) FILTER (WHERE m.category <> 'all' AND m.met))::integer AS met,
				   (count(*) FILTER (WHERE m.category <> 'all' AND m.met IS NULL))::integer AS undetermined,
				   string_agg(m.criterion || ' ' || COALESCE(m.value::text, 'unknown') || ' '
							  || m.operator || ' ' || m.threshold
							  || CASE WHEN m.criterion = 'convictions' AND m.unit <> '%' THEN ' x national' ELSE '' END
							  || CASE m.met WHEN true THEN ' met' WHEN false THEN ' not met' ELSE ' undetermined' END,
							  '; ') AS criteria
			  FROM margins(my.ind, my.year, t.rule_set) AS m) AS k
		  -- the year before: the unit's row of year - 1, none when it has
		  -- no row that year (a missing year is not skipped)
		  LEFT JOIN LATERAL (
			SELECT py.year, pt.tier, py.ind, py.persons
			  FROM monitoring_year AS py
			 CROSS JOIN LATERAL housing_areas_private.tier_of(py.ind, py.year, monitoring_rows.scheme_id) AS pt
			 WHERE py.unit_id = my.unit_id AND py.year = my.year - 1) AS pv ON true
		  -- the legal area: as given, else the one whose polygon contains
		  -- the unit's point (its address point, else a point inside it)
		 CROSS JOIN LATERAL (
			SELECT COALESCE(u.area_id,
							(SELECT a.area_id FROM area AS a
							  WHERE u.area_id IS NULL
								AND ST_Contains(a.geom, COALESCE(u.point, ST_PointOnSurface(u.geom)))
							  ORDER BY a.area_id LIMIT 1)) AS area_id) AS pl
		  LEFT JOIN LATERAL (SELECT h.category FROM area_status AS h
							  WHERE h.area_id = pl.area_id AND h.list_year = my.year) AS st ON true
		OFFSET 0) AS r;
END;
COMMENT ON FUNCTION housing_areas_private.monitoring_rows(smallint) IS
'the rows of monitoring_status() for a scheme by its scheme_id, unordered, with the indicators and the tally of each row and of the unit''s year before (for the disclosed views); each row is computed on its own, so a condition on unit_id and year is applied before the work';

CREATE FUNCTION monitoring_status(scheme text)
	RETURNS TABLE (unit_id integer, year integer, name text, kind text, tenure text,
				   municipality_code text, tier integer, rules text,
				   criteria_met integer, criteria_unknown integer, criteria text,
				   previous_year integer, previous_tier integer,
				   area_id integer, area_match text, list_category category)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT r.unit_id, r.year, r.name, r.kind, r.tenure, r.municipality_code, r.tier, r.rules,
		   r.criteria_met, r.criteria_unknown, r.criteria, r.previous_year, r.previous_tier,
		   r.area_id, r.area_match, r.list_category
	  FROM monitoring_scheme AS s
	 CROSS JOIN LATERAL housing_areas_private.monitoring_rows(s.scheme_id) AS r
	 -- the scheme looked up once (an InitPlan), and checked before any
	 -- row (a one-time filter): an unknown scheme is an error also when
	 -- there are no rows; monitoring_rows of a column, not of a
	 -- subquery, is inlined (twice as fast)
	 WHERE s.scheme_id = (SELECT housing_areas_private.scheme_id(monitoring_status.scheme))
	   AND (SELECT housing_areas_private.scheme_id(monitoring_status.scheme)) IS NOT NULL
	 ORDER BY r.unit_id, r.year;
END;
COMMENT ON FUNCTION monitoring_status(text) IS
'per monitoring unit and year (monitoring_year) under a tier scheme: the tier (highest tier whose rule set holds, 0 when none, NULL when a more severe set is undetermined), the rule set that decides it (the tier''s, the lowest tier''s for 0, the undetermined one for NULL), its criteria met and undetermined and each of them as text (margins(): criterion, value, operator, threshold, met / not met / undetermined), the tier of the unit''s year before (year - 1; NULL when the unit has no row that year: a missing year is not bridged), and the legal area beside it with its category on the official list that year (area_status); the analyst''s face, not for publication: criteria, criteria_met and the tiers show the person figures of small populations without disclosure control (publish bi_monitoring_status or the GIS layers, which apply min_cell_count); an error for an unknown scheme or one without tiers';

-- ---- faces for BI and GIS tools ----

CREATE VIEW bi_monitoring_status AS
-- every scheme with tiers, every unit and year; person figures through
-- disclosed_criteria(), and when one of a row's values is hidden its tier
-- and counts of criteria are hidden with it (with the thresholds of the
-- rule sets they would bound the hidden value), and so is the previous
-- tier of the row of the year after. No window function: a condition on
-- scheme_id, unit_id and year (the GIS key) reaches monitoring_year
-- before the work of a row (monitoring_rows).
WITH h AS (
	SELECT s.scheme_id, s.name AS scheme, m.unit_id, m.year, m.name, m.kind, m.tenure,
		   m.municipality_code, m.tier, m.rules, m.criteria_met, m.criteria_unknown,
		   m.previous_year, m.previous_tier, m.area_id, m.area_match, m.list_category,
		   d.residents, d.nonwestern_pct, d.outside_labour_pct, d.convicted_pct,
		   d.basic_education_pct, d.income_pct, d.suppressed,
		   cardinality(d.suppressed) > 0 AS hide,
		   cardinality(pd.suppressed) > 0 AS previous_hide
	  FROM monitoring_scheme AS s
	 CROSS JOIN LATERAL housing_areas_private.monitoring_rows(s.scheme_id) AS m
	 CROSS JOIN LATERAL disclosed_criteria(m.ind, m.persons, m.year) AS d
	  LEFT JOIN LATERAL disclosed_criteria(m.previous_ind, m.previous_persons, m.previous_year) AS pd
		ON m.previous_year IS NOT NULL
	 WHERE EXISTS (SELECT 1 FROM tier_scheme AS t WHERE t.scheme_id = s.scheme_id)
)
SELECT h.scheme_id, h.scheme, h.unit_id, h.year, h.name, h.kind, h.tenure, h.municipality_code,
	   CASE WHEN NOT h.hide THEN h.tier END AS tier,
	   h.rules,
	   CASE WHEN NOT h.hide THEN h.criteria_met END AS criteria_met,
	   CASE WHEN NOT h.hide THEN h.criteria_unknown END AS criteria_unknown,
	   h.previous_year,
	   CASE WHEN NOT h.previous_hide THEN h.previous_tier END AS previous_tier,
	   h.area_id, h.area_match, h.list_category::text AS list_category,
	   h.residents, h.nonwestern_pct, h.outside_labour_pct, h.convicted_pct,
	   h.basic_education_pct, h.income_pct,
	   ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat,
	   concat_ws(',',
				 CASE WHEN h.hide AND h.tier IS NOT NULL THEN 'tier' END,
				 CASE WHEN h.hide AND h.criteria_met IS NOT NULL THEN 'criteria_met' END,
				 CASE WHEN h.hide AND h.criteria_unknown IS NOT NULL THEN 'criteria_unknown' END,
				 CASE WHEN h.previous_hide AND h.previous_tier IS NOT NULL THEN 'previous_tier' END,
				 NULLIF(housing_areas_private.suppressed_columns(h.suppressed,
					 '{residents,nonwestern_pct,outside_labour_pct,convicted_pct,basic_education_pct,income_pct}'), ''))
		   AS suppressed
  FROM h
  JOIN monitoring_unit AS u ON u.unit_id = h.unit_id
 CROSS JOIN LATERAL (SELECT ST_Transform(COALESCE(u.point, ST_PointOnSurface(u.geom)), 4326) AS pt) AS p;
COMMENT ON VIEW bi_monitoring_status IS
'monitoring_status() of every tier scheme with tiers, in built-in types for BI tools: one row per scheme, unit and year, the indicators as shares through disclosed_criteria() (housing_areas.min_cell_count; populations from monitoring_year.persons), lon/lat of the unit''s point; when any person figure of a row is hidden, its tier and counts of criteria are hidden too (and the previous_tier of the next year), and the column suppressed names what is hidden';
COMMENT ON COLUMN bi_monitoring_status.scheme_id IS
'the scheme (monitoring_scheme.scheme_id)';
COMMENT ON COLUMN bi_monitoring_status.scheme IS
'name of the scheme';
COMMENT ON COLUMN bi_monitoring_status.unit_id IS
'the unit (monitoring_unit.unit_id)';
COMMENT ON COLUMN bi_monitoring_status.year IS
'the year of the indicators, read as a list year';
COMMENT ON COLUMN bi_monitoring_status.name IS
'name of the unit';
COMMENT ON COLUMN bi_monitoring_status.kind IS
'what the unit is (department, parish, own ...)';
COMMENT ON COLUMN bi_monitoring_status.tenure IS
'the tenure of its dwellings (almen, privat, andel, ejer, blandet); NULL when not recorded';
COMMENT ON COLUMN bi_monitoring_status.municipality_code IS
'four-digit municipality code of the unit; NULL when not recorded';
COMMENT ON COLUMN bi_monitoring_status.tier IS
'the tier under the scheme: the highest tier whose rule set holds, 0 when none does; NULL when a more severe tier''s set is undetermined, or suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN bi_monitoring_status.rules IS
'the user rule set that decides the tier: the tier''s own, the lowest tier''s for tier 0, the undetermined one for an unknown tier';
COMMENT ON COLUMN bi_monitoring_status.criteria_met IS
'the criteria of the deciding rule set met (rows of margins() with met true, the size gate not counted); NULL when the row has no indicators, or suppressed for disclosure';
COMMENT ON COLUMN bi_monitoring_status.criteria_unknown IS
'the criteria of the deciding rule set undetermined for missing values (rows of margins() with met NULL, the size gate not counted); NULL when the row has no indicators, or suppressed for disclosure';
COMMENT ON COLUMN bi_monitoring_status.previous_year IS
'the year before (year - 1) when the unit has a row of it in monitoring_year; NULL otherwise (its first year, or the year before missing)';
COMMENT ON COLUMN bi_monitoring_status.previous_tier IS
'the tier in previous_year; NULL without previous_year (the year before missing), when undetermined, or when suppressed for disclosure in that year';
COMMENT ON COLUMN bi_monitoring_status.area_id IS
'the legal area beside the unit: monitoring_unit.area_id where given, else the area whose polygon contains the unit''s point; NULL when none';
COMMENT ON COLUMN bi_monitoring_status.area_match IS
'how area_id was found: area_id (given in monitoring_unit) or spatial (the unit''s point in the area''s polygon); NULL without an area';
COMMENT ON COLUMN bi_monitoring_status.list_category IS
'the legal area''s category that year on the official lists (area_status.category: omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown); NULL without an area or without its row that year in area_year';
COMMENT ON COLUMN bi_monitoring_status.residents IS
'residents of the unit; NULL when unknown or suppressed for disclosure (1 to min_cell_count() - 1)';
COMMENT ON COLUMN bi_monitoring_status.nonwestern_pct IS
'non-Western immigrants and descendants, % of residents; NULL when unknown or suppressed for disclosure (disclosed_criteria())';
COMMENT ON COLUMN bi_monitoring_status.outside_labour_pct IS
'residents aged 18-64 outside the labour market or education, %; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population persons_18_64 of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.convicted_pct IS
'convicted residents aged 18+, %; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population persons_18plus of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.basic_education_pct IS
'residents aged 30-59 with only basic schooling, %; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population persons_30_59 of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.income_pct IS
'mean gross income of taxpayers aged 15-64, students excluded, % of the regional mean; NULL when unknown or suppressed for disclosure (disclosed_criteria(), population taxpayers_15_64 of monitoring_year.persons)';
COMMENT ON COLUMN bi_monitoring_status.lon IS
'longitude in degrees (EPSG:4326) of the unit''s address point, else of a point inside its boundary; NULL without either';
COMMENT ON COLUMN bi_monitoring_status.lat IS
'latitude in degrees (EPSG:4326) of the same point; NULL without it';
COMMENT ON COLUMN bi_monitoring_status.suppressed IS
'the columns of this row hidden for disclosure, comma-separated: tier, criteria_met, criteria_unknown, previous_tier, then the person figures (residents, nonwestern_pct, outside_labour_pct, convicted_pct, basic_education_pct, income_pct); empty when nothing is hidden (a NULL not listed is unknown)';

CREATE VIEW gis_monitoring_status_points AS
SELECT (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS id,
	   b.scheme, b.unit_id, b.year, b.name, b.kind, b.tenure, b.municipality_code,
	   b.tier, b.previous_tier, b.area_id, b.list_category,
	   COALESCE(u.point, ST_PointOnSurface(u.geom))::geometry(Point, 25832) AS geom,
	   (b.unit_id::bigint * 100 + b.scheme_id) * 100 + b.year % 100 AS ogc_fid,
	   b.suppressed
  FROM bi_monitoring_status AS b
  JOIN monitoring_unit AS u ON u.unit_id = b.unit_id
 WHERE u.point IS NOT NULL OR u.geom IS NOT NULL;
COMMENT ON VIEW gis_monitoring_status_points IS
'bi_monitoring_status for GIS clients as points, every unit with an address point or a boundary (departments often have only an address): key id first (bigint, as gis_monitoring_status), ogc_fid for GDAL, geometry(Point, 25832); tiers disclosed as in bi_monitoring_status; a fetch by id or ogc_fid computes that row only';
COMMENT ON COLUMN gis_monitoring_status_points.id IS
'key for GIS clients: (unit_id * 100 + scheme_id) * 100 + year % 100, unique for years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_monitoring_status_points.scheme IS
'name of the tier scheme';
COMMENT ON COLUMN gis_monitoring_status_points.unit_id IS
'the unit (monitoring_unit.unit_id)';
COMMENT ON COLUMN gis_monitoring_status_points.year IS
'the year of the indicators, read as a list year';
COMMENT ON COLUMN gis_monitoring_status_points.name IS
'name of the unit';
COMMENT ON COLUMN gis_monitoring_status_points.kind IS
'what the unit is (department, parish, own ...)';
COMMENT ON COLUMN gis_monitoring_status_points.tenure IS
'the tenure of its dwellings (almen, privat, andel, ejer, blandet); NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status_points.municipality_code IS
'four-digit municipality code of the unit; NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status_points.tier IS
'the tier under the scheme (0 when no tier holds); NULL when undetermined or suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_monitoring_status_points.previous_tier IS
'the tier of the unit''s year before (year - 1); NULL when it has no row that year, when undetermined or suppressed';
COMMENT ON COLUMN gis_monitoring_status_points.area_id IS
'the legal area beside the unit (given, else spatial); NULL when none';
COMMENT ON COLUMN gis_monitoring_status_points.list_category IS
'the legal area''s category that year on the official lists (area_status); NULL without an area or its row that year';
COMMENT ON COLUMN gis_monitoring_status_points.geom IS
'the unit''s address point, else a point inside its boundary: Point in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_monitoring_status_points.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view';
COMMENT ON COLUMN gis_monitoring_status_points.suppressed IS
'the columns of the row of bi_monitoring_status hidden for disclosure, comma-separated (tier and previous_tier among them); empty when nothing is hidden';

-- the rows of the points layer for the units with a boundary, with it
CREATE VIEW gis_monitoring_status AS
SELECT p.id, p.scheme, p.unit_id, p.year, p.name, p.kind, p.tenure, p.municipality_code,
	   p.tier, p.previous_tier, p.area_id, p.list_category, u.geom, p.ogc_fid, p.suppressed
  FROM gis_monitoring_status_points AS p
  JOIN monitoring_unit AS u ON u.unit_id = p.unit_id
 WHERE u.geom IS NOT NULL;
COMMENT ON VIEW gis_monitoring_status IS
'bi_monitoring_status for GIS clients, the units with a boundary: key id first (bigint: (unit_id * 100 + scheme_id) * 100 + the last two digits of the year), the same key as ogc_fid for GDAL, geometry(MultiPolygon, 25832); tiers disclosed as in bi_monitoring_status; filter on scheme and year for one map; a fetch by id or ogc_fid computes that row only';
COMMENT ON COLUMN gis_monitoring_status.id IS
'key for GIS clients: (unit_id * 100 + scheme_id) * 100 + year % 100, unique for years 2010 to 2109; the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_monitoring_status.scheme IS
'name of the tier scheme';
COMMENT ON COLUMN gis_monitoring_status.unit_id IS
'the unit (monitoring_unit.unit_id)';
COMMENT ON COLUMN gis_monitoring_status.year IS
'the year of the indicators, read as a list year';
COMMENT ON COLUMN gis_monitoring_status.name IS
'name of the unit';
COMMENT ON COLUMN gis_monitoring_status.kind IS
'what the unit is (department, parish, own ...)';
COMMENT ON COLUMN gis_monitoring_status.tenure IS
'the tenure of its dwellings (almen, privat, andel, ejer, blandet); NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status.municipality_code IS
'four-digit municipality code of the unit; NULL when not recorded';
COMMENT ON COLUMN gis_monitoring_status.tier IS
'the tier under the scheme (0 when no tier holds); NULL when undetermined or suppressed for disclosure (listed in suppressed)';
COMMENT ON COLUMN gis_monitoring_status.previous_tier IS
'the tier of the unit''s year before (year - 1); NULL when it has no row that year, when undetermined or suppressed';
COMMENT ON COLUMN gis_monitoring_status.area_id IS
'the legal area beside the unit (given, else spatial); NULL when none';
COMMENT ON COLUMN gis_monitoring_status.list_category IS
'the legal area''s category that year on the official lists (area_status); NULL without an area or its row that year';
COMMENT ON COLUMN gis_monitoring_status.geom IS
'the unit boundary: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_monitoring_status.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view';
COMMENT ON COLUMN gis_monitoring_status.suppressed IS
'the columns of the row of bi_monitoring_status hidden for disclosure, comma-separated (tier and previous_tier among them); empty when nothing is hidden';
