-- housing_areas_postgis: what the udsat list obliges in daycare
-- (dagtilbudsloven § 23 stk. 4, § 26 a-c, § 44 a): the § 26 c tail check,
-- the daycare cap with its exemptions, the children of the learning offer.
-- Semantics and choices: docs/obligations-daycare.md.

-- ---- dates and periods ----

CREATE FUNCTION housing_areas_private.list_year_on(on_date date) RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	-- a list applies from its publication until the next list (no list
	-- year for an infinite date)
	RETURN CASE WHEN NOT isfinite(on_date) THEN NULL
				WHEN on_date >= housing_areas_private.list_day(extract(year FROM on_date)::integer)
				THEN extract(year FROM on_date)::integer
				ELSE extract(year FROM on_date)::integer - 1 END;
COMMENT ON FUNCTION housing_areas_private.list_year_on(date) IS
'the list year whose list applies on a date: the latest list published on or before it';

CREATE FUNCTION housing_areas_private.coverage(periods datemultirange, span daterange) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN periods IS NULL OR NOT periods && span THEN false
				WHEN periods @> span THEN true END;
COMMENT ON FUNCTION housing_areas_private.coverage(datemultirange, daterange) IS
'three-valued: true when the periods cover the whole span, false when they miss it (or there are none), NULL when they cover part of it';

CREATE FUNCTION housing_areas_private.decision_periods(kind text, area_id integer,
	municipality_code text, facility_id bigint)
	RETURNS datemultirange
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT range_agg(daterange(d.valid_from, d.valid_until))
	  FROM decision AS d
	 WHERE d.kind = decision_periods.kind
	   AND (d.area_id = decision_periods.area_id
			OR d.municipality_code = decision_periods.municipality_code
			OR d.facility_id = decision_periods.facility_id);
END;
COMMENT ON FUNCTION housing_areas_private.decision_periods(text, integer, text, bigint) IS
'the days on which decisions of a kind are in force for an area, a municipality or a daycare (give one, NULL for the others); NULL when there are none';

CREATE FUNCTION housing_areas_private.udsat_areas(list_year integer, span daterange)
	RETURNS TABLE (area_id integer, listed boolean, tail boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- an area without a row for the list year is not on it (as daycare_cap
	-- has always read it)
	SELECT a.area_id,
		   CASE WHEN ay.area_id IS NULL THEN false
				ELSE housing_areas_private.on_udsat_list(classify(ay.ind, ay.list_year), ay.official_category) END,
		   housing_areas_private.coverage(
			   housing_areas_private.decision_periods('daycare_tail', a.area_id, NULL, NULL), udsat_areas.span)
	  FROM area AS a
	  LEFT JOIN area_year AS ay ON ay.area_id = a.area_id AND ay.list_year = udsat_areas.list_year;
END;
COMMENT ON FUNCTION housing_areas_private.udsat_areas(integer, daterange) IS
'per area: on the udsat list of the list year (three-valued, false without a row), and whether a § 26 c daycare_tail decision covers the whole span (true), part of it (NULL) or none (false)';

-- ---- § 26 c: a tail only after the area left the list, for at most 3 years ----

CREATE FUNCTION housing_areas_private.check_daycare_tail() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	last_on integer;			-- the last list known to put the area on the udsat list
	first_after integer;		-- the first list year in area_year after it
	undetermined integer;		-- a list year after it whose place is unknown
	left_on date;
	latest date;
BEGIN
	IF NEW.kind <> 'daycare_tail' THEN
		RETURN NULL;
	END IF;
	SELECT max(s.list_year) FILTER (WHERE s.listed)
	  INTO last_on
	  FROM (SELECT ay.list_year,
				   housing_areas_private.on_udsat_list(housing_areas.classify(ay.ind, ay.list_year),
													   ay.official_category) AS listed
			  FROM housing_areas.area_year AS ay
			 WHERE ay.area_id = NEW.area_id) AS s;
	SELECT min(s.list_year), min(s.list_year) FILTER (WHERE s.listed IS NULL)
	  INTO first_after, undetermined
	  FROM (SELECT ay.list_year,
				   housing_areas_private.on_udsat_list(housing_areas.classify(ay.ind, ay.list_year),
													   ay.official_category) AS listed
			  FROM housing_areas.area_year AS ay
			 WHERE ay.area_id = NEW.area_id AND ay.list_year > coalesce(last_on, 0)) AS s;
	IF last_on IS NULL AND undetermined IS NULL THEN
		RAISE EXCEPTION 'area % was never on the udsat list', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('A daycare_tail decision (dagtilbudsloven § 26 c) keeps the rules for an area after it leaves the udsat list; no list year of area %s in area_year puts it on the list.', NEW.area_id),
				  HINT = 'Check area_id, or enter the area''s lists in area_year first.';
	END IF;
	IF undetermined IS NOT NULL THEN
		RAISE EXCEPTION 'when area % left the udsat list is undetermined', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Missing values leave the place of area %s on the udsat list of %s undetermined.',
								  NEW.area_id, housing_areas.list_date(undetermined)),
				  HINT = 'Give official_category, or the missing indicator values, for that list year in area_year.';
	END IF;
	IF first_after IS NULL THEN
		RAISE EXCEPTION 'area % is still on the udsat list', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Its latest list in area_year, of %s, puts it on the udsat list; a daycare_tail decision (dagtilbudsloven § 26 c) applies after an area leaves the list.',
								  housing_areas.list_date(last_on)),
				  HINT = 'Enter the list that takes the area off the udsat list in area_year first.';
	END IF;
	IF first_after <> last_on + 1 THEN
		RAISE EXCEPTION 'when area % left the udsat list is undetermined', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Area %s was on the udsat list of %s, and area_year has no row for the list of %s.',
								  NEW.area_id, housing_areas.list_date(last_on), housing_areas.list_date(last_on + 1)),
				  HINT = 'Enter the area''s row for that list year in area_year.';
	END IF;
	left_on := housing_areas_private.list_day(first_after);
	latest := left_on + pg_catalog.make_interval(years => housing_areas.consequence('daycare_cap_tail')::integer);
	IF NEW.valid_until IS NULL THEN
		RAISE EXCEPTION 'a daycare_tail decision must end'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Dagtilbudsloven § 26 c keeps the rules for at most %s years after the area leaves the udsat list; area %s left it on %s.',
								  housing_areas.consequence('daycare_cap_tail'), NEW.area_id, housing_areas.list_date(first_after)),
				  HINT = format('Give valid_until, %s at the latest.', to_char(latest, 'YYYY-MM-DD'));
	END IF;
	IF NEW.valid_until > latest THEN
		RAISE EXCEPTION 'daycare_tail decision for area % ends too late', NEW.area_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_daycare_tail',
				  DETAIL = format('Area %s left the udsat list on %s; dagtilbudsloven § 26 c allows at most %s years after that, so valid_until (exclusive) is %s at the latest, not %s.',
								  NEW.area_id, housing_areas.list_date(first_after),
								  housing_areas.consequence('daycare_cap_tail'), to_char(latest, 'YYYY-MM-DD'), to_char(NEW.valid_until, 'YYYY-MM-DD')),
				  HINT = format('Set valid_until to %s or earlier.', to_char(latest, 'YYYY-MM-DD'));
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION housing_areas_private.check_daycare_tail() IS
'trigger on decision: a daycare_tail decision (§ 26 c) is for an area that has left the udsat list, ends, and ends at most consequence(''daycare_cap_tail'') years after the list that took the area off';

-- a constraint trigger runs after the row's CHECK and foreign-key
-- constraints, so they report their own violations first
CREATE CONSTRAINT TRIGGER decision_daycare_tail
	AFTER INSERT OR UPDATE ON decision
	FOR EACH ROW EXECUTE FUNCTION housing_areas_private.check_daycare_tail();
COMMENT ON CONSTRAINT decision_daycare_tail ON decision IS
'dagtilbudsloven § 26 c: a daycare_tail decision is for an area that has left the udsat list and ends at most consequence(''daycare_cap_tail'') years after it left (the trigger of the same name)';
COMMENT ON TRIGGER decision_daycare_tail ON decision IS
'dagtilbudsloven § 26 c: refuses a daycare_tail decision for an area never on the udsat list or still on it, an open-ended one, and one that runs more than consequence(''daycare_cap_tail'') years after the area left the list (checked when the decision is written)';

-- ---- § 26 a-c: the daycare cap and the rule that decided each count ----

CREATE FUNCTION daycare_cap_detail(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer,
				   from_list integer, from_tail integer, left_out integer, undetermined integer,
				   from_udsat integer, share_pct double precision, over_cap boolean,
				   exempted boolean, in_breach boolean, decided_by text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the areas that count: on the udsat list of 1 December the year before,
	-- or under a § 26 c tail in the calendar year, or undetermined; then,
	-- through the GiST index on enrolment.home, the admissions whose home
	-- lies in one of them (by row id, so a home on a shared boundary counts
	-- once; Kleene OR over the areas)
	WITH span AS (
		SELECT sp.days,
			   -- a § 26 b choice of any municipality touching the year (for
			   -- daycares whose municipality is not recorded)
			   housing_areas_private.coverage(
				   (SELECT range_agg(daterange(d.valid_from, d.valid_until)) FROM decision AS d
					 WHERE d.kind = 'parent_work_exemption'), sp.days) IS NOT false AS any_26b
		  -- (no span for a year enrolment.year does not allow: no rows, no error)
		  FROM (SELECT CASE WHEN daycare_cap_detail.year BETWEEN 2000 AND 2100
							THEN daterange(make_date(daycare_cap_detail.year, 1, 1),
										   make_date(daycare_cap_detail.year + 1, 1, 1)) END AS days) AS sp
	), areas AS MATERIALIZED (
		SELECT a.geom, u.listed, u.listed OR u.tail AS covered
		  FROM span AS sp
		  CROSS JOIN housing_areas_private.udsat_areas(daycare_cap_detail.year - 1, sp.days) AS u
		  JOIN area AS a ON a.area_id = u.area_id
		 WHERE (u.listed OR u.tail) IS NOT false AND sp.days IS NOT NULL
	), homes AS MATERIALIZED (
		SELECT e.ctid AS row_id,
			   CASE WHEN bool_or(ar.listed IS TRUE) THEN true WHEN bool_or(ar.listed IS NULL) THEN NULL ELSE false END
				   AS listed,
			   CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS covered
		  FROM areas AS ar
		  JOIN enrolment AS e ON ST_Intersects(ar.geom, e.home)
		 WHERE e.year = daycare_cap_detail.year
		 GROUP BY e.ctid
	), daycares AS MATERIALIZED (
		-- whether the daycare's municipality chose § 26 b for the whole
		-- year (true), part of it (NULL) or not (false); a daycare of
		-- unknown municipality: any § 26 b choice that year may be its own
		SELECT f.facility_id, f.name,
			   CASE WHEN f.municipality_code IS NOT NULL
					THEN housing_areas_private.coverage(
							 housing_areas_private.decision_periods('parent_work_exemption', NULL, f.municipality_code, NULL),
							 sp.days)
					WHEN sp.any_26b THEN NULL
					ELSE false END AS chose_26b
		  FROM facility AS f
		  CROSS JOIN span AS sp
		 WHERE f.kind = 'daycare'
	), children AS (
		-- per admission: lives in an area that counts (three-valued), on
		-- the list itself, and left out under § 26 b (marked, and § 26 b
		-- chosen)
		SELECT dc.facility_id, dc.name,
			   coalesce(h.covered, CASE WHEN h.row_id IS NULL THEN false END) AS covered,
			   h.listed,
			   e.parents_work_or_study AND dc.chose_26b AS left_out
		  FROM enrolment AS e
		  JOIN daycares AS dc ON dc.facility_id = e.facility_id
		  LEFT JOIN homes AS h ON h.row_id = e.ctid
		 WHERE e.year = daycare_cap_detail.year
	), counts AS (
		SELECT c.facility_id, c.name, count(*)::integer AS admitted,
			   (count(*) FILTER (WHERE c.covered AND NOT c.left_out AND c.listed))::integer AS from_list,
			   (count(*) FILTER (WHERE c.covered AND NOT c.left_out AND c.listed IS NOT TRUE))::integer AS from_tail,
			   (count(*) FILTER (WHERE c.covered IS NOT false AND c.left_out))::integer AS left_out,
			   (count(*) FILTER (WHERE (c.covered AND NOT c.left_out) IS NULL))::integer AS undetermined
		  FROM children AS c
		 GROUP BY c.facility_id, c.name
	), outcome AS (
		SELECT n.*, n.from_list + n.from_tail AS from_udsat,
			   -- three-valued: NULL when the undetermined children decide it
			   CASE WHEN 100.0 * (n.from_list + n.from_tail) / n.admitted > consequence('daycare_cap') THEN true
					WHEN 100.0 * (n.from_list + n.from_tail + n.undetermined) / n.admitted > consequence('daycare_cap') THEN NULL
					ELSE false END AS over_cap,
			   100.0 * n.from_list / n.admitted > consequence('daycare_cap') AS over_without_tail,
			   100.0 * (n.from_list + n.from_tail + n.left_out) / n.admitted > consequence('daycare_cap') AS over_without_26b,
			   housing_areas_private.coverage(
				   housing_areas_private.decision_periods('daycare_exemption', NULL, NULL, n.facility_id), sp.days) AS exempted
		  FROM counts AS n
		  CROSS JOIN span AS sp
	)
	SELECT o.facility_id, o.name, o.admitted, o.from_list, o.from_tail, o.left_out, o.undetermined,
		   o.from_udsat, 100.0 * o.from_udsat / o.admitted, o.over_cap, o.exempted,
		   o.over_cap AND NOT o.exempted,
		   CASE WHEN (o.over_cap AND NOT o.exempted) IS NULL THEN NULL
				WHEN o.over_cap AND o.exempted THEN 'dagtilbudsloven § 26 a stk. 12-14'
				WHEN o.over_cap AND NOT o.over_without_tail THEN 'dagtilbudsloven § 26 c'
				WHEN NOT o.over_cap AND o.over_without_26b THEN 'dagtilbudsloven § 26 b'
				ELSE 'dagtilbudsloven § 26 a' END
	  FROM outcome AS o
	 ORDER BY o.facility_id;
END;
COMMENT ON FUNCTION daycare_cap_detail(integer) IS
'per daycare, the daycare cap of a calendar year and the rule behind each count: children on the udsat list of 1 December the year before (§ 26 a), under a § 26 c tail, left out under § 26 b, undetermined; over_cap as in daycare_cap, exempted (§ 26 a stk. 12-14, three-valued), in_breach = over_cap and not exempted, and the paragraph that decided in_breach';

CREATE FUNCTION daycare_cap(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer,
				   from_udsat integer, share_pct double precision, over_cap boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT d.facility_id, d.name, d.admitted, d.from_udsat, d.share_pct, d.over_cap
	  FROM daycare_cap_detail(daycare_cap.year) AS d
	 ORDER BY d.facility_id;
END;
COMMENT ON FUNCTION daycare_cap(integer) IS
'per daycare: children admitted in the calendar year, how many count towards the cap (living in an area on the udsat list (udsat, parallelsamfund or omdannelse) of 1 December the year before or kept by a § 26 c decision, and not left out under § 26 b), the share, and whether it exceeds the 30 % cap (dagtilbudsloven § 26 a); over_cap is NULL when undetermined children decide it; the rule behind each count and the § 26 a stk. 12-14 exemption: daycare_cap_detail';

-- (daycare_cap_disclosed: unchanged, moved here after daycare_cap)
CREATE FUNCTION daycare_cap_disclosed(year integer)
	RETURNS TABLE (facility_id bigint, name text, admitted integer, from_udsat integer,
				   share_pct double precision, over_cap boolean, suppressed text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- from_udsat is shown when it, the children admitted and the rest
	-- (admitted - from_udsat) are all shown by disclose(); the share and
	-- over_cap only with it, since either narrows a hidden from_udsat down
	-- (11 admitted, fewer than 5 from udsat areas and over 30 %: only 4 fits)
	SELECT c.facility_id, c.name, x.admitted,
		   CASE WHEN x.shown THEN c.from_udsat END,
		   CASE WHEN x.shown THEN c.share_pct END,
		   CASE WHEN x.shown THEN c.over_cap END,
		   concat_ws(',', CASE WHEN x.admitted IS NULL THEN 'admitted' END,
					 CASE WHEN NOT x.shown THEN 'from_udsat,share_pct,over_cap' END)
	  FROM daycare_cap(daycare_cap_disclosed.year) AS c
	 CROSS JOIN LATERAL (SELECT disclose(c.admitted) AS admitted,
								housing_areas_private.all_shown(c.admitted, c.from_udsat, c.admitted - c.from_udsat)
									AS shown) AS x
	 ORDER BY c.facility_id;
END;
COMMENT ON FUNCTION daycare_cap_disclosed(integer) IS
'daycare_cap() for publication under housing_areas.min_cell_count: admitted through disclose(); from_udsat, share_pct and over_cap only when admitted, from_udsat and the other children (admitted - from_udsat) are all shown by disclose(), NULL otherwise; suppressed names the hidden columns (comma-separated, empty when none). Publish this, or filter on its over_cap: a list filtered on the over_cap of daycare_cap() tells a hidden share';

-- ---- § 23 stk. 4: children from outside offered a place in such an area ----

CREATE FUNCTION daycare_offer_elsewhere(year integer)
	RETURNS TABLE (facility_id bigint, name text, area_id integer, located boolean, by_tail boolean,
				   admitted integer, from_outside integer, undetermined integer, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH span AS (
		-- (no span for a year enrolment.year does not allow: no rows, no error)
		SELECT CASE WHEN daycare_offer_elsewhere.year BETWEEN 2000 AND 2100
					THEN daterange(make_date(daycare_offer_elsewhere.year, 1, 1),
								   make_date(daycare_offer_elsewhere.year + 1, 1, 1)) END AS days
	), areas AS MATERIALIZED (
		SELECT a.area_id, a.geom, u.listed OR u.tail AS covered, u.tail AND u.listed IS NOT TRUE AS by_tail
		  FROM span AS sp
		  CROSS JOIN housing_areas_private.udsat_areas(daycare_offer_elsewhere.year - 1, sp.days) AS u
		  JOIN area AS a ON a.area_id = u.area_id
		 WHERE (u.listed OR u.tail) IS NOT false AND sp.days IS NOT NULL
	), daycares AS (
		-- a daycare in an area that counts, or in one whose place is undetermined
		SELECT f.facility_id, f.name,
			   (array_agg(ar.area_id ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS area_id,
			   CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS located,
			   (array_agg(ar.by_tail ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS by_tail
		  FROM areas AS ar
		  JOIN facility AS f ON ST_Intersects(ar.geom, f.geom)
		 WHERE f.kind = 'daycare'
		 GROUP BY f.facility_id, f.name
	), homes AS MATERIALIZED (
		SELECT e.ctid AS row_id, CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS covered
		  FROM areas AS ar
		  JOIN enrolment AS e ON ST_Intersects(ar.geom, e.home)
		 WHERE e.year = daycare_offer_elsewhere.year
		 GROUP BY e.ctid
	)
	SELECT dc.facility_id, dc.name, dc.area_id, dc.located, dc.by_tail,
		   count(e.ctid)::integer,
		   (count(e.ctid) FILTER (WHERE h.row_id IS NULL))::integer,
		   (count(e.ctid) FILTER (WHERE h.row_id IS NOT NULL AND h.covered IS NULL))::integer,
		   'dagtilbudsloven § 23 stk. 4' || CASE WHEN dc.by_tail THEN ', § 26 c' ELSE '' END
	  FROM daycares AS dc
	  LEFT JOIN enrolment AS e ON e.facility_id = dc.facility_id AND e.year = daycare_offer_elsewhere.year
	  LEFT JOIN homes AS h ON h.row_id = e.ctid
	 GROUP BY dc.facility_id, dc.name, dc.area_id, dc.located, dc.by_tail
	 ORDER BY dc.facility_id;
END;
COMMENT ON FUNCTION daycare_offer_elsewhere(integer) IS
'dagtilbudsloven § 23 stk. 4: per daycare located in an area on the udsat list of 1 December the year before or kept by a § 26 c decision for the calendar year (located NULL when the area''s place is undetermined): children admitted that year, those living outside every such area (who must also have been offered a place elsewhere) and those whose area is undetermined';

-- ---- § 44 a: the obligatory learning offer ----

CREATE TABLE child (
	child_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	birth_date date NOT NULL CHECK (birth_date BETWEEN '2000-01-01' AND '2100-12-31'),
	home geometry(Point, 25832) NOT NULL,
	home_since date,
	daycare_since date,
	daycare_until date,
	notice_sent date,
	learning_offer_since date,
	learning_offer_until date,
	language_assessed date,
	CONSTRAINT child_home_since CHECK (home_since >= birth_date),
	CONSTRAINT child_daycare CHECK (
		CASE WHEN daycare_since IS NULL THEN daycare_until IS NULL
			 ELSE daycare_since >= birth_date AND (daycare_until IS NULL OR daycare_until > daycare_since) END),
	CONSTRAINT child_learning_offer CHECK (
		CASE WHEN learning_offer_since IS NULL THEN learning_offer_until IS NULL
			 ELSE learning_offer_since >= birth_date
				  AND (learning_offer_until IS NULL OR learning_offer_until > learning_offer_since) END),
	CONSTRAINT child_after_birth CHECK (notice_sent >= birth_date - 365 AND language_assessed >= birth_date)
);
CREATE INDEX child_home_idx ON child USING gist (home);
COMMENT ON TABLE child IS
'children of the learning-offer age whose homes the municipality follows (dagtilbudsloven § 44 a): birth date, home point and dates, no names or CPR numbers (person-level data: grant with care); learning_offer() reads it';
COMMENT ON COLUMN child.child_id IS
'identifier of the child, the municipality''s own key (not a CPR number); generated when not given';
COMMENT ON COLUMN child.birth_date IS
'date of birth';
COMMENT ON COLUMN child.home IS
'the home address: Point in EPSG:25832 (metres)';
COMMENT ON COLUMN child.home_since IS
'the day the child began to live at home (the birth date when born there); NULL when not known';
COMMENT ON COLUMN child.daycare_since IS
'the first day in daycare; NULL when the child is not in daycare';
COMMENT ON COLUMN child.daycare_until IS
'the first day no longer in daycare (exclusive); NULL while in daycare or when not in daycare';
COMMENT ON COLUMN child.notice_sent IS
'the day the parents were informed in writing of the learning offer (§ 44 a); NULL when not yet';
COMMENT ON COLUMN child.learning_offer_since IS
'the first day in the learning offer; NULL when the child does not attend';
COMMENT ON COLUMN child.learning_offer_until IS
'the first day no longer in the learning offer (exclusive); NULL while attending or when not attending';
COMMENT ON COLUMN child.language_assessed IS
'the day of the language assessment (§ 44 c), which ends the obligation; NULL when not yet';
COMMENT ON CONSTRAINT child_home_since ON child IS
'a child lives at its home from its birth at the earliest';
COMMENT ON CONSTRAINT child_daycare ON child IS
'a daycare period starts at birth at the earliest and ends after it starts; no end without a start';
COMMENT ON CONSTRAINT child_learning_offer ON child IS
'a learning-offer period starts at birth at the earliest and ends after it starts; no end without a start';
COMMENT ON CONSTRAINT child_after_birth ON child IS
'the notice is sent at most a year before the birth date given, the language assessment after birth';
COMMENT ON INDEX child_home_idx IS
'the children living in an area (learning_offer)';

SELECT pg_catalog.pg_extension_config_dump('child', '');
SELECT pg_catalog.pg_extension_config_dump('child_child_id_seq', '');

CREATE FUNCTION learning_offer(on_date date DEFAULT CURRENT_DATE)
	RETURNS TABLE (child_id bigint, area_id integer, status text, notice_due date,
				   must_start date, may_leave boolean, reason text, paragraph text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH areas AS MATERIALIZED (
		-- the areas on the udsat list in force that day, kept by a § 26 c
		-- decision in force that day, or undetermined
		SELECT a.area_id, a.geom, u.listed OR u.tail AS covered, u.tail AND u.listed IS NOT TRUE AS by_tail
		  FROM housing_areas_private.udsat_areas(housing_areas_private.list_year_on(learning_offer.on_date),
												 daterange(learning_offer.on_date, learning_offer.on_date, '[]')) AS u
		  JOIN area AS a ON a.area_id = u.area_id
		 WHERE (u.listed OR u.tail) IS NOT false
	), homes AS MATERIALIZED (
		SELECT c.child_id,
			   (array_agg(ar.area_id ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS area_id,
			   CASE WHEN bool_or(ar.covered IS TRUE) THEN true END AS covered,
			   (array_agg(ar.by_tail ORDER BY ar.covered IS NOT TRUE, ar.area_id))[1] AS by_tail
		  FROM areas AS ar
		  JOIN child AS c ON ST_Intersects(ar.geom, c.home)
		 GROUP BY c.child_id
	), kids AS (
		SELECT c.*, h.area_id, h.by_tail,
			   CASE WHEN h.child_id IS NULL THEN false ELSE h.covered END AS covered,
			   (c.birth_date + make_interval(months => consequence('learning_offer_age')::integer))::date AS b1,
			   (c.birth_date + make_interval(months => consequence('learning_offer_entry_age')::integer))::date AS b2,
			   coalesce(c.daycare_since <= learning_offer.on_date
						AND (c.daycare_until IS NULL OR c.daycare_until > learning_offer.on_date), false) AS in_daycare,
			   coalesce(c.learning_offer_since <= learning_offer.on_date
						AND (c.learning_offer_until IS NULL OR c.learning_offer_until > learning_offer.on_date), false) AS attending
		  FROM child AS c
		  LEFT JOIN homes AS h ON h.child_id = c.child_id
		 WHERE c.birth_date <= learning_offer.on_date
		   AND NOT coalesce(c.language_assessed <= learning_offer.on_date, false)
	), start AS (
		-- the first day from the first birthday on when the child lives in
		-- the area (t0), and the day the obligation starts: t0 when not in
		-- daycare then, else the day it leaves daycare
		SELECT k.*, t.t0,
			   CASE WHEN NOT coalesce(k.daycare_since <= t.t0 AND (k.daycare_until IS NULL OR k.daycare_until > t.t0), false)
					THEN t.t0 ELSE k.daycare_until END AS s,
			   coalesce(k.daycare_since <= k.b1 AND (k.daycare_until IS NULL OR k.daycare_until > k.b1), false)
				   AS in_daycare_at_one
		  FROM kids AS k
		  -- (greatest() would skip an unknown home_since)
		  CROSS JOIN LATERAL (SELECT CASE WHEN k.home_since IS NOT NULL THEN greatest(k.b1, k.home_since) END AS t0) AS t
	), would AS (
		-- what applies if the home's area counts
		SELECT s.*,
			   CASE WHEN learning_offer.on_date < s.b1 THEN
						CASE WHEN s.in_daycare_at_one OR s.notice_sent <= learning_offer.on_date THEN NULL
							 WHEN learning_offer.on_date <= (s.b1 - make_interval(months => consequence('learning_offer_notice')::integer))::date
							 THEN 'notice' ELSE 'notice_late' END
					WHEN s.in_daycare THEN NULL
					WHEN s.home_since IS NULL THEN
						CASE WHEN learning_offer.on_date < s.b2 THEN CASE WHEN s.attending THEN 'attends' ELSE 'must_start' END
							 ELSE 'unknown' END
					WHEN s.s < s.b2 AND s.s <= learning_offer.on_date THEN CASE WHEN s.attending THEN 'attends' ELSE 'must_start' END
			   END AS would_status,
			   CASE WHEN learning_offer.on_date < s.b1 THEN 'not in daycare at the first birthday'
					WHEN s.home_since IS NULL AND learning_offer.on_date < s.b2
					THEN 'not in daycare between the ages of one and two (the day the child moved in is not known)'
					WHEN s.home_since IS NULL THEN 'the day the child moved in is not known'
					WHEN s.s = s.b1 THEN 'not in daycare at the age of one'
					WHEN s.s = s.home_since THEN 'moved into the area between the ages of one and two'
					ELSE 'left daycare between the ages of one and two' END AS would_reason
		  FROM start AS s
	)
	SELECT w.child_id,
		   CASE WHEN w.covered IS NOT false THEN w.area_id END,
		   r.status,
		   CASE WHEN r.status IN ('notice', 'notice_late')
					 OR r.status IN ('must_start', 'attends') AND w.s = w.b1
				THEN (w.b1 - make_interval(months => consequence('learning_offer_notice')::integer))::date END,
		   CASE WHEN r.status IN ('notice', 'notice_late') THEN w.b1
				WHEN r.status IN ('must_start', 'attends') AND w.home_since IS NOT NULL THEN w.s END,
		   CASE r.status WHEN 'may_leave' THEN true WHEN 'unknown' THEN NULL ELSE false END,
		   CASE WHEN w.covered IS NULL THEN 'the place of the area on the udsat list is undetermined'
				WHEN r.status <> 'may_leave' THEN w.would_reason
				WHEN w.home_since > w.learning_offer_since THEN 'the family moved out of the area'
				WHEN w.home_since IS NULL THEN 'the child no longer lives in an area on the udsat list'
				ELSE 'the area is no longer on the udsat list and no § 26 c decision keeps it' END,
		   'dagtilbudsloven § 44 a' || CASE WHEN w.covered AND w.by_tail THEN ', § 26 c' ELSE '' END
	  FROM would AS w
	  CROSS JOIN LATERAL (
		SELECT CASE WHEN w.covered THEN w.would_status
					WHEN w.covered IS NULL THEN CASE WHEN w.would_status IS NOT NULL OR w.attending THEN 'unknown' END
					WHEN w.attending THEN 'may_leave' END AS status) AS r
	 WHERE r.status IS NOT NULL
	   AND housing_areas_private.check_date('on_date', learning_offer.on_date)
	 ORDER BY w.child_id;
END;
COMMENT ON FUNCTION learning_offer(date) IS
'dagtilbudsloven § 44 a on a date, per child concerned: living in an area on the udsat list in force that day or kept by a § 26 c decision, the status (notice, notice_late: the written notice is due by notice_due, first birthday minus 3 months; must_start or attends: must attend from must_start, at the first birthday when not in daycare then, or on moving in or leaving daycare between the ages of one and two; may_leave: attends but no longer lives in such an area; unknown: missing values decide it), the reason and the paragraph';

CREATE VIEW bi_learning_offer AS
SELECT l.area_id, a.name,
	   disclose(count(*) FILTER (WHERE l.status = 'notice')) AS notice,
	   disclose(count(*) FILTER (WHERE l.status = 'notice_late')) AS notice_late,
	   disclose(count(*) FILTER (WHERE l.status = 'must_start')) AS must_start,
	   disclose(count(*) FILTER (WHERE l.status = 'attends')) AS attends,
	   disclose(count(*) FILTER (WHERE l.status = 'may_leave')) AS may_leave,
	   disclose(count(*) FILTER (WHERE l.status = 'unknown')) AS unknown
  FROM learning_offer(CURRENT_DATE) AS l
  LEFT JOIN area AS a ON a.area_id = l.area_id
 GROUP BY l.area_id, a.name;
COMMENT ON VIEW bi_learning_offer IS
'for BI: the learning offer today (learning_offer(current_date)) as counts of children per area and status, each through disclose() (counts from 1 to min_cell_count() - 1 are NULL); no totals, so no count can be narrowed down from the others';
COMMENT ON COLUMN bi_learning_offer.area_id IS
'the area (area.area_id); NULL for the children who may leave because they no longer live in such an area';
COMMENT ON COLUMN bi_learning_offer.name IS
'name of the area; NULL with area_id';
COMMENT ON COLUMN bi_learning_offer.notice IS
'children whose parents are to be informed in writing before the first birthday, in time (notice_due is today or later), disclosed';
COMMENT ON COLUMN bi_learning_offer.notice_late IS
'children whose notice is overdue (today is after first birthday minus 3 months), disclosed';
COMMENT ON COLUMN bi_learning_offer.must_start IS
'children who must attend the learning offer and do not yet, disclosed';
COMMENT ON COLUMN bi_learning_offer.attends IS
'children who must attend and do, disclosed';
COMMENT ON COLUMN bi_learning_offer.may_leave IS
'children who attend but may leave because they no longer live in an area on the udsat list or kept by § 26 c, disclosed';
COMMENT ON COLUMN bi_learning_offer.unknown IS
'children for whom missing values decide the obligation, disclosed';

CREATE FUNCTION daycare_offer_elsewhere_disclosed(year integer)
	RETURNS TABLE (facility_id bigint, name text, area_id integer, located boolean,
				   admitted integer, from_outside integer, undetermined integer, paragraph text,
				   suppressed text)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- from_outside and undetermined are shown when they, the children
	-- admitted and the rest (the children from such areas) are all shown
	-- by disclose(): otherwise the shown ones would narrow a hidden one down
	SELECT o.facility_id, o.name, o.area_id, o.located, x.admitted,
		   CASE WHEN x.shown THEN o.from_outside END,
		   CASE WHEN x.shown THEN o.undetermined END,
		   o.paragraph,
		   concat_ws(',', CASE WHEN x.admitted IS NULL THEN 'admitted' END,
					 CASE WHEN NOT x.shown THEN 'from_outside,undetermined' END)
	  FROM daycare_offer_elsewhere(daycare_offer_elsewhere_disclosed.year) AS o
	 CROSS JOIN LATERAL (SELECT disclose(o.admitted) AS admitted,
								housing_areas_private.all_shown(o.admitted, o.from_outside, o.undetermined,
																o.admitted - o.from_outside - o.undetermined) AS shown) AS x
	 ORDER BY o.facility_id;
END;
COMMENT ON FUNCTION daycare_offer_elsewhere_disclosed(integer) IS
'daycare_offer_elsewhere() for publication under housing_areas.min_cell_count: admitted through disclose(); from_outside and undetermined only when admitted, both of them and the other children are all shown by disclose(), NULL otherwise; suppressed names the hidden columns (comma-separated, empty when none)';

CREATE VIEW bi_daycare_offer_elsewhere AS
SELECT o.facility_id, o.name, o.area_id, o.located, o.admitted, o.from_outside, o.undetermined,
	   o.paragraph, o.suppressed
  FROM daycare_offer_elsewhere_disclosed(extract(year FROM CURRENT_DATE)::integer) AS o;
COMMENT ON VIEW bi_daycare_offer_elsewhere IS
'for BI: daycare_offer_elsewhere_disclosed() of the current calendar year (§ 23 stk. 4)';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.facility_id IS
'the daycare (facility.facility_id)';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.name IS
'name of the daycare';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.area_id IS
'the area the daycare lies in';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.located IS
'true when the area is on the udsat list or kept by § 26 c, NULL when its place is undetermined';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.admitted IS
'children admitted this year, through disclose()';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.from_outside IS
'admitted children living outside every such area, who must also have been offered a place elsewhere; NULL when suppressed';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.undetermined IS
'admitted children whose home area''s place is undetermined; NULL when suppressed';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.paragraph IS
'dagtilbudsloven § 23 stk. 4, with § 26 c when a tail decision keeps the area';
COMMENT ON COLUMN bi_daycare_offer_elsewhere.suppressed IS
'the columns hidden by disclosure control, comma-separated; empty when none';
