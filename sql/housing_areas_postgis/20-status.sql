-- the list status of each area and year, with history

CREATE FUNCTION housing_areas_private.on_udsat_list(c classification, official_category text) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- omdannelse areas are parallelsamfund areas, which are udsat areas, so
	-- the answer needs no history; NULL when missing values decide it
	RETURN CASE WHEN official_category IN ('udsat', 'parallelsamfund', 'omdannelse') THEN true
				WHEN official_category IS NOT NULL THEN false
				ELSE (c).udsat OR (c).parallelsamfund END;
COMMENT ON FUNCTION housing_areas_private.on_udsat_list(classification, text) IS
'on the udsat list (udsat, parallelsamfund or omdannelse) that year: the published category where given, else the classification; NULL when undetermined';

CREATE FUNCTION housing_areas_private.on_a_list(c classification, official_category text) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- forebyggelse is the raw § 61 b test minus udsat areas, so "udsat or
	-- forebyggelse" is "udsat or the raw test"
	RETURN CASE WHEN official_category IS NOT NULL THEN official_category <> 'none'
				ELSE (c).udsat OR (c).parallelsamfund OR (c).forebyggelse_raw END;
COMMENT ON FUNCTION housing_areas_private.on_a_list(classification, text) IS
'on any list (omdannelse, parallelsamfund, udsat or forebyggelse) that year: the published category where given, else the classification; NULL when undetermined';

-- area_status and area_status_under share this one implementation
CREATE FUNCTION housing_areas_private.area_status_rows(scenario text)
	RETURNS TABLE (area_id integer, list_year integer, name text,
				   municipality_code text, region_code text, category text,
				   computed_category text, official_category text, rules text,
				   on_udsat_list boolean, labour boolean, convictions boolean,
				   education boolean, income boolean, nonwestern boolean,
				   criteria_met integer, criteria_unknown integer,
				   years_on_list integer, development_plan boolean,
				   kombineret_udlejning boolean,
				   family_housing_share double precision,
				   family_units_over_target integer, ind indicators)
	-- not STRICT, so that a call with a constant is inlined into the query
	-- (the view's, with NULL): its CASEs fold, and a filter on area_id goes
	-- below the window
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
WITH classified AS (
	-- under a scenario: the named rule set, and no published category
	SELECT ay.area_id, ay.list_year, ay.ind, ay.official_category,
		   CASE WHEN area_status_rows.scenario IS NULL THEN ay.official_category END
			   AS official_used,
		   ay.family_units, ay.dwellings, ay.demolished, ay.commercial_m2,
		   CASE WHEN area_status_rows.scenario IS NULL THEN classify(ay.ind, ay.list_year)
				ELSE classify(ay.ind, ay.list_year, area_status_rows.scenario) END AS c
	  FROM area_year AS ay
), effective AS (
	-- on_list: on the parallelsamfund (ghetto) list that year, three-valued
	SELECT cl.*, e.effective_category,
		   CASE WHEN e.effective_category IN ('parallelsamfund', 'omdannelse') THEN true
				WHEN e.effective_category = 'unknown' THEN (cl.c).parallelsamfund
				ELSE false END AS on_list
	  FROM classified AS cl
	  CROSS JOIN LATERAL (SELECT COALESCE(cl.official_used, (cl.c).category, 'unknown')
								 AS effective_category) AS e
), runs AS (
	-- the run of lists ending this year, and its shortest and longest
	-- possible length when undetermined years count as off or on the list
	SELECT e.*,
		   years_on_list(e.on_list, e.list_year) OVER w AS years_on_list,
		   years_on_list(COALESCE(e.on_list, false), e.list_year) OVER w AS shortest_run,
		   years_on_list(COALESCE(e.on_list, true), e.list_year) OVER w AS longest_run
	  FROM effective AS e
	WINDOW w AS (PARTITION BY e.area_id ORDER BY e.list_year)
), omdannelse AS (
	-- three-valued: NULL when a missing value, this year or in the run,
	-- decides whether the area is an omdannelsesområde
	SELECT r.*,
		   CASE WHEN r.effective_category = 'omdannelse' THEN true
				WHEN r.on_list IS false THEN false
				WHEN CASE WHEN area_status_rows.scenario IS NULL THEN omdannelse(r.shortest_run, r.list_year)
						  ELSE omdannelse(r.shortest_run, r.list_year, area_status_rows.scenario) END
					THEN true
				WHEN NOT CASE WHEN area_status_rows.scenario IS NULL THEN omdannelse(r.longest_run, r.list_year)
							  ELSE omdannelse(r.longest_run, r.list_year, area_status_rows.scenario) END
					THEN false
		   END AS is_omdannelse
	  FROM runs AS r
), categorised AS (
	-- a parallelsamfund whose omdannelse is undetermined is labelled unknown
	SELECT o.*,
		   CASE WHEN o.effective_category <> 'parallelsamfund' THEN o.effective_category
				WHEN o.is_omdannelse THEN 'omdannelse'
				WHEN NOT o.is_omdannelse THEN 'parallelsamfund'
				ELSE 'unknown' END AS category
	  FROM omdannelse AS o
)
SELECT s.area_id, s.list_year, a.name, a.municipality_code, a.region_code,
	   s.category,
	   (s.c).category AS computed_category,
	   s.official_category,
	   (s.c).rules AS rules,
	   -- also true when the label is unknown between udsat and parallelsamfund
	   housing_areas_private.on_udsat_list(s.c, s.official_used) AS on_udsat_list,
	   (s.c).labour AS labour, (s.c).convictions AS convictions,
	   (s.c).education AS education, (s.c).income AS income,
	   (s.c).nonwestern AS nonwestern,
	   (s.c).criteria_met AS criteria_met, (s.c).criteria_unknown AS criteria_unknown,
	   s.years_on_list,
	   -- true after a year known to be omdannelse, NULL when only an
	   -- undetermined year could have started the plan (bool_or skips NULLs)
	   CASE WHEN bool_or(s.is_omdannelse IS TRUE) OVER w THEN true
			WHEN bool_or(s.is_omdannelse IS NULL) OVER w THEN NULL
			ELSE false END AND s.list_year < consequence('plan_deadline')
		   AS development_plan,
	   (s.c).kombineret_udlejning AS kombineret_udlejning,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / consequence('m2_per_dwelling')::float8) > 0
			THEN family_housing_share(s.family_units, s.dwellings,
									  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_housing_share,
	   CASE WHEN s.dwellings + COALESCE(s.demolished, 0)
				 + floor(COALESCE(s.commercial_m2, 0) / consequence('m2_per_dwelling')::float8) > 0
			THEN family_units_over_target(s.family_units, s.dwellings,
										  COALESCE(s.demolished, 0), COALESCE(s.commercial_m2, 0))
	   END AS family_units_over_target,
	   s.ind
  FROM categorised AS s
  JOIN area AS a USING (area_id)
WINDOW w AS (PARTITION BY s.area_id ORDER BY s.list_year);
END;
COMMENT ON FUNCTION housing_areas_private.area_status_rows(text) IS
'the rows of area_status (scenario NULL: the rules of each list year, the published category preferred) or of area_status_under(scenario) (the named rule set on every year, published categories ignored)';

CREATE VIEW area_status AS
	SELECT * FROM housing_areas_private.area_status_rows(NULL::text);
COMMENT ON VIEW area_status IS
'one row per area and list year: the category including omdannelse (history from official_category where given, else computed), each criterion, the run of parallelsamfund lists, the development plan (an omdannelse area stays under its plan until 2030) and kombineret udlejning';
COMMENT ON COLUMN area_status.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN area_status.list_year IS
'the list year: the list of 1 December (1 October 2010-2012)';
COMMENT ON COLUMN area_status.name IS
'name of the area';
COMMENT ON COLUMN area_status.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN area_status.region_code IS
'region code of the area (1081-1085); NULL when not recorded';
COMMENT ON COLUMN area_status.category IS
'the category that year (omdannelse, parallelsamfund, udsat, forebyggelse, none or unknown): official_category where given, else computed_category, and omdannelse for a parallelsamfund on each of the last 5 lists from 2018 on; unknown when missing values, this year or in the run, decide it';
COMMENT ON COLUMN area_status.computed_category IS
'the category classify() gives from the indicators alone (parallelsamfund, udsat, forebyggelse, none or unknown; never omdannelse); NULL when the row has no indicators';
COMMENT ON COLUMN area_status.official_category IS
'the published category, as entered in area_year; NULL when not given';
COMMENT ON COLUMN area_status.rules IS
'the rule version of the list year (dk2010, dk2013, dk2018, dk2021); NULL when the row has no indicators';
COMMENT ON COLUMN area_status.on_udsat_list IS
'on the udsat list that year (udsat, parallelsamfund or omdannelse; also true when the category is unknown between udsat and parallelsamfund): official_category where given, else computed; NULL when undetermined';
COMMENT ON COLUMN area_status.labour IS
'labour criterion, computed from the indicators: residents aged 18-64 outside the labour market or education > 40 %; NULL when unknown';
COMMENT ON COLUMN area_status.convictions IS
'convictions criterion, computed from the indicators: convicted residents aged 18+ > 2.7 % (lists 2010-2017) or >= 3 × the national share (lists from 2018); NULL when unknown';
COMMENT ON COLUMN area_status.education IS
'education criterion, computed from the indicators: residents aged 30-59 with only basic schooling > 50 % (lists 2013-2017) or > 60 % (lists from 2018); NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN area_status.income IS
'income criterion, computed from the indicators: mean gross income of taxpayers aged 15-64, students excluded, < 55 % of the regional mean; NULL when unknown or not tested (lists 2010-2012)';
COMMENT ON COLUMN area_status.nonwestern IS
'non-Western criterion, computed from the indicators: non-Western immigrants and descendants > 50 % of residents; NULL when unknown';
COMMENT ON COLUMN area_status.criteria_met IS
'number of criteria of the year''s main test met by the indicators (of 3 on the lists 2010-2012, of 5 on 2013-2017, of the 4 udsat criteria from 2018); NULL when the row has no indicators';
COMMENT ON COLUMN area_status.criteria_unknown IS
'number of criteria of the year''s main test undecided for missing values; NULL when the row has no indicators';
COMMENT ON COLUMN area_status.years_on_list IS
'consecutive parallelsamfund (ghetto) lists, omdannelse included, ending with this one: 0 when not on it this year, and a year missing from area_year breaks the run; NULL when an undetermined year decides it';
COMMENT ON COLUMN area_status.development_plan IS
'under a development plan (§ 168 a): true from the first list year known to be omdannelse on, while list_year < 2030; NULL when only years whose omdannelse is undetermined could have started it; false otherwise';
COMMENT ON COLUMN area_status.kombineret_udlejning IS
'on the kombineret udlejning list (§ 51 b), computed from the indicators: residents >= 1000 and outside_labour >= 40 %, or residents >= 5000 and outside_labour >= 30 %; false before 2018, NULL when undetermined';
COMMENT ON COLUMN area_status.family_housing_share IS
'almene familieboliger as % of dwellings + demolished + floor(commercial_m2 / 75) (the 40 % rule, § 168 a; NULL demolished or commercial_m2 count 0); NULL when family_units or dwellings is NULL or the total is 0';
COMMENT ON COLUMN area_status.family_units_over_target IS
'family units to convert, sell or demolish to reach 40 %: ceil(F - 0.4 T), at least 0, for every area, under a plan or not; NULL when family_units or dwellings is NULL or the total is 0';
COMMENT ON COLUMN area_status.ind IS
'the criteria values of the list year (area_year.ind); NULL when none were entered';

CREATE FUNCTION latest_list_year() RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT max(ay.list_year) FROM area_year AS ay;
END;
COMMENT ON FUNCTION latest_list_year() IS
'the newest list year in area_year (the default year of the map outputs)';

CREATE FUNCTION area_status_under(rules text) RETURNS SETOF area_status
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT * FROM housing_areas_private.area_status_rows(area_status_under.rules);
END;
COMMENT ON FUNCTION area_status_under(text) IS
'area_status in a scenario: every area and list year classified by the named rule version or user rule set (create_rules) on every year, with that rule set''s history rule for omdannelse; the published categories are ignored, as the scenario is hypothetical (official_category still shows them); rules is the scenario''s name';

CREATE FUNCTION compare_rules(a text, b text)
	RETURNS TABLE (area_id integer, list_year integer, name text,
				   municipality_code text, category_a text, category_b text,
				   residents bigint)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT sa.area_id, sa.list_year, sa.name, sa.municipality_code,
		   sa.category, sb.category,
		   indicator(sa.ind, 'residents')::bigint
	  FROM area_status_under(compare_rules.a) AS sa
	  JOIN area_status_under(compare_rules.b) AS sb
		ON sb.area_id = sa.area_id AND sb.list_year = sa.list_year
	 WHERE sa.category IS DISTINCT FROM sb.category
	 ORDER BY sa.list_year, sa.area_id;
END;
COMMENT ON FUNCTION compare_rules(text, text) IS
'the area-years of area_year whose category (omdannelse included, area_status_under) differs between rule set a and rule set b (built-in versions or user rule sets): the category under each, and the residents of the area that year (NULL when unknown)';

CREATE FUNCTION compare_rules_summary(a text, b text)
	RETURNS TABLE (list_year integer, category_a text, category_b text,
				   areas bigint, residents numeric)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT c.list_year, c.category_a, c.category_b, count(*),
		   -- three-valued: unknown when the residents of one area are
		   CASE WHEN count(c.residents) = count(*) THEN sum(c.residents) END
	  FROM compare_rules(compare_rules_summary.a, compare_rules_summary.b) AS c
	 GROUP BY c.list_year, c.category_a, c.category_b
	 ORDER BY c.list_year, c.category_a, c.category_b;
END;
COMMENT ON FUNCTION compare_rules_summary(text, text) IS
'compare_rules() summed per list year and change: from category_a (under a) to category_b (under b), the number of areas and their residents (NULL when the residents of one of them are unknown)';
