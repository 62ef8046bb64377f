-- housing_areas_postgis: what the lists oblige, per area and date
-- (almenboligloven § 51 b, § 51 c, § 59 stk. 6-7, §§ 60-60 b, § 168 a;
-- integrationsloven § 12 stk. 2; dagtilbudsloven § 26 a, § 26 c, § 44 a),
-- and the grounds on which a household is refused a dwelling
-- (allocation_check).  The law as of 2026 (docs/obligations.md).

CREATE TABLE obligation_kind (
	obligation text PRIMARY KEY,
	ordinal integer NOT NULL UNIQUE CHECK (ordinal BETWEEN 1 AND 9),
	paragraph text NOT NULL,
	list_condition text NOT NULL,
	description text NOT NULL
);
COMMENT ON TABLE obligation_kind IS
'the obligations the lists bring, each with its paragraph, the list that brings it and what it obliges (obligations() returns them by these names)';
COMMENT ON COLUMN obligation_kind.obligation IS
'name of the obligation, as obligations() returns it';
COMMENT ON COLUMN obligation_kind.ordinal IS
'its number, 1 to 9: the order of the reports and part of the key of gis_obligations (area_id * 10 + ordinal)';
COMMENT ON COLUMN obligation_kind.paragraph IS
'the paragraph of the law that brings it';
COMMENT ON COLUMN obligation_kind.list_condition IS
'when it holds for an area: the list it follows (udsat: on the udsat list, parallelsamfund and omdannelse included; forebyggelse; omdannelse; kombineret_udlejning; development_plan: under a development plan)';
COMMENT ON COLUMN obligation_kind.description IS
'what it obliges';
INSERT INTO obligation_kind VALUES
	('allocation_limit', 1, 'almenboligloven § 59 stk. 6', 'udsat',
	 'the municipality may not allocate a dwelling to a household on the grounds of § 59 stk. 6 nr. 1-7 (allocation_check)'),
	('allocation_limit_prevention', 2, 'almenboligloven § 59 stk. 7', 'forebyggelse',
	 'the municipality may not allocate a dwelling to a household on the grounds of § 59 stk. 6 nr. 1-4 and 6 consecutive months of selvforsørgelses-, hjemrejse- or overgangsydelse (allocation_check)'),
	('flexible_letting', 3, 'almenboligloven §§ 60-60 b', 'forebyggelse',
	 'fleksibel udlejning with the municipality''s criteria is mandatory; exchange or sublet into an udsat area must meet them'),
	('refusal_required', 4, 'almenboligloven § 51 c', 'omdannelse',
	 'the housing organisation must refuse waiting-list applicants where the applicant or spouse receives selvforsørgelses-, hjemrejse- or overgangsydelse, uddannelseshjælp or kontanthjælp; not those already living in the department (allocation_check)'),
	('combined_letting_possible', 5, 'almenboligloven § 51 b', 'kombineret_udlejning',
	 'the municipality may require the housing organisation to refuse waiting-list applicants on the grounds of § 51 b (kombineret udlejning); a combined_letting decision in force makes it a requirement (allocation_check)'),
	('no_refugee_placement', 6, 'integrationsloven § 12 stk. 2', 'udsat',
	 'the municipality may not place a refugee (temporary or permanent housing) in the area'),
	('daycare_cap', 7, 'dagtilbudsloven § 26 a', 'udsat',
	 'children living in the area count towards the 30 % cap of the daycares they are admitted to; kept after the area leaves the udsat list by a § 26 c decision (daycare_tail)'),
	('learning_offer', 8, 'dagtilbudsloven § 44 a', 'udsat',
	 'a child living in the area who is not in daycare at 1 attends the obligatory learning offer; kept after the area leaves the udsat list by a § 26 c decision (daycare_tail)'),
	('development_plan', 9, 'almenboligloven § 168 a', 'development_plan',
	 'the area is under a development plan that cuts almene familieboliger to at most 40 % of the dwellings by 2030');

CREATE FUNCTION housing_areas_private.list_day(list_year integer) RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- list_date() names the day once; English month names, whatever lc_time
	SELECT to_date(list_date(list_day.list_year), 'FMDD FMMonth YYYY');
END;
COMMENT ON FUNCTION housing_areas_private.list_day(integer) IS
'the publication date of the list of a year as a date (list_date(): 1 October 2010-2012, 1 December from 2013)';

CREATE FUNCTION housing_areas_private.list_status(on_date date, of_area integer)
	RETURNS TABLE (area_id integer, list_year integer, day date, next_day date, in_force boolean,
				   category category, has_record boolean, obligation text, holds boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH lists AS (
		-- every list in area_year: a list applies from its day to the next one's
		SELECT y.list_year, housing_areas_private.list_day(y.list_year) AS day
		  FROM (SELECT DISTINCT ay.list_year FROM area_year AS ay) AS y
	), spans AS (
		SELECT l.list_year, l.day, lead(l.day) OVER (ORDER BY l.list_year) AS next_day
		  FROM lists AS l
	), current AS (
		SELECT max(s.list_year) AS list_year FROM spans AS s WHERE s.day <= list_status.on_date
	), yearly AS (
		-- every area on every list; an area without a record that year is
		-- undetermined, but a development plan it is known to have goes on
		SELECT a.area_id, sp.list_year, sp.day, sp.next_day, sp.list_year = cu.list_year AS in_force,
			   COALESCE(st.category, 'unknown') AS category, st.area_id IS NOT NULL AS has_record,
			   st.on_udsat_list, st.kombineret_udlejning,
			   CASE WHEN st.area_id IS NOT NULL THEN st.development_plan
					WHEN bool_or(st.development_plan) OVER w AND sp.list_year < consequence('plan_deadline') THEN true
			   END AS development_plan,
			   classify(st.ind, sp.list_year) AS c
		  FROM area AS a
		 CROSS JOIN spans AS sp
		 CROSS JOIN current AS cu
		  LEFT JOIN area_status AS st ON st.area_id = a.area_id AND st.list_year = sp.list_year
		 WHERE cu.list_year IS NOT NULL
		   AND (list_status.of_area IS NULL OR a.area_id = list_status.of_area)
		WINDOW w AS (PARTITION BY a.area_id ORDER BY sp.list_year)
	)
	SELECT y.area_id, y.list_year, y.day, y.next_day, y.in_force, y.category, y.has_record, k.obligation,
		   CASE k.list_condition
			   WHEN 'udsat' THEN y.on_udsat_list
			   WHEN 'forebyggelse' THEN
				   CASE WHEN y.category = 'forebyggelse' THEN true
						WHEN y.category <> 'unknown' THEN false
						ELSE (y.c).forebyggelse END
			   WHEN 'omdannelse' THEN
				   CASE WHEN y.category = 'omdannelse' THEN true
						WHEN y.category <> 'unknown' THEN false
						WHEN y.on_udsat_list IS false OR (y.c).parallelsamfund IS false THEN false END
			   WHEN 'kombineret_udlejning' THEN y.kombineret_udlejning
			   WHEN 'development_plan' THEN y.development_plan
		   END
	  FROM yearly AS y
	 CROSS JOIN obligation_kind AS k;
END;
COMMENT ON FUNCTION housing_areas_private.list_status(date, integer) IS
'for every area (or the one given), list and obligation up to and after the list in force on a date: whether the list brings the obligation (true, false, NULL when undetermined); no rows before the first list or for a NULL date';

CREATE FUNCTION obligations(on_date date, of_area integer DEFAULT NULL)
	RETURNS TABLE (area_id integer, obligation text, paragraph text, since date, until date,
				   reason text, holds boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET datestyle = 'ISO, YMD'	-- the dates in the reasons, whatever the session's style
BEGIN ATOMIC
	WITH status AS (
		SELECT s.*,
			   -- the runs of lists on which the obligation holds: a list where it
			   -- does not (or may not) hold starts a new group
			   count(*) FILTER (WHERE s.holds IS NOT TRUE) OVER w AS brk
		  FROM housing_areas_private.list_status(obligations.on_date, obligations.of_area) AS s
		 -- a later list will apply on an infinite date: an error, not the latest list
		 WHERE housing_areas_private.check_date('on_date', obligations.on_date)
		WINDOW w AS (PARTITION BY s.area_id, s.obligation ORDER BY s.list_year)
	), runs AS (
		SELECT s.*,
			   min(s.day) FILTER (WHERE s.holds) OVER g AS run_start,
			   -- the list before the run: false, or NULL (undetermined: it may have held earlier)
			   first_value(s.holds) OVER g AS before_run,
			   first_value(s.list_year) OVER g AS before_year
		  FROM status AS s
		WINDOW g AS (PARTITION BY s.area_id, s.obligation, s.brk ORDER BY s.list_year
					 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
	), ends AS (
		-- each list in force with the first later list on which the
		-- obligation does not certainly hold: the one that starts the next group
		SELECT r.*, nx.day AS end_day, nx.holds AS end_holds, nx.list_year AS end_year
		  FROM runs AS r
		  LEFT JOIN runs AS nx ON nx.area_id = r.area_id AND nx.obligation = r.obligation
							  AND nx.brk = r.brk + 1 AND nx.list_year = nx.before_year
		 WHERE r.in_force
	), last_run AS (
		-- the last run so far: its first list, and the day of the first list
		-- after it, when the area left (both grow with the list year)
		SELECT r.*,
			   max(r.run_start) FILTER (WHERE r.holds) OVER upto AS last_run_start,
			   max(r.next_day) FILTER (WHERE r.holds) OVER upto AS left_day
		  FROM runs AS r
		WINDOW upto AS (PARTITION BY r.area_id, r.obligation ORDER BY r.list_year)
	), tails AS (
		-- dagtilbudsloven § 26 c: the cap and the learning offer kept after the
		-- area leaves the udsat list, by a decision in force, for at most
		-- consequence('daycare_cap_tail') years from the first list without it
		SELECT r.area_id, r.obligation, d.decision_id, d.decided_on, r.left_day,
			   LEAST(d.valid_until, (r.left_day + make_interval(years => consequence('daycare_cap_tail')::integer))::date)
				   AS tail_until,
			   r.last_run_start AS tail_since
		  FROM last_run AS r
		 CROSS JOIN LATERAL (SELECT d1.* FROM decision AS d1
							  WHERE d1.kind = 'daycare_tail' AND d1.area_id = r.area_id
								AND d1.valid_from <= obligations.on_date
								AND (d1.valid_until IS NULL OR obligations.on_date < d1.valid_until)
							  ORDER BY d1.valid_until DESC NULLS FIRST, d1.decision_id
							  LIMIT 1) AS d
		 WHERE r.in_force AND r.holds IS NOT TRUE
		   AND r.obligation IN ('daycare_cap', 'learning_offer')
		   AND r.left_day <= r.day
		   AND obligations.on_date < r.left_day + make_interval(years => consequence('daycare_cap_tail')::integer)
	), letting AS (
		-- almenboligloven § 51 b: the municipality's decision in force
		SELECT d.area_id, d.decision_id, d.decided_on, d.valid_from, d.valid_until,
			   d.includes_pension, d.includes_insurance_benefits
		  FROM decision AS d
		 WHERE d.kind = 'combined_letting'
		   AND d.valid_from <= obligations.on_date
		   AND (d.valid_until IS NULL OR obligations.on_date < d.valid_until)
	)
	SELECT r.area_id, r.obligation,
		   CASE WHEN t.area_id IS NOT NULL THEN k.paragraph || ', § 26 c' ELSE k.paragraph END,
		   CASE WHEN t.area_id IS NOT NULL THEN t.tail_since
				WHEN r.holds THEN r.run_start END,
		   CASE WHEN t.area_id IS NOT NULL THEN t.tail_until
				WHEN r.holds THEN COALESCE(ahead.tail_until, r.end_day)
				ELSE r.next_day END,
		   CASE
			   WHEN t.area_id IS NOT NULL THEN
				   format('%s the udsat list of %s; kept under dagtilbudsloven § 26 c by the municipality''s decision %s of %s, for at most %s years after the area left the udsat list on %s',
						  CASE WHEN r.holds IS NULL THEN 'perhaps still on (undetermined)' ELSE 'not on' END,
						  list_date(r.list_year), t.decision_id, t.decided_on,
						  consequence('daycare_cap_tail'), CASE WHEN r.holds IS NULL THEN 'or after ' ELSE '' END || t.left_day)
			   WHEN r.holds IS false THEN
				   format('not on the kombineret udlejning list of %s, so the municipality''s decision %s of %s under § 51 b, in force, has no list to rest on',
						  list_date(r.list_year), lt.decision_id, lt.decided_on)
			   WHEN r.holds IS NULL AND NOT r.has_record THEN
				   format('undetermined: the area has no record for the list of %s', list_date(r.list_year))
			   WHEN r.holds IS NULL THEN
				   format('undetermined: missing values decide whether the area is %s of %s (category %s)',
						  CASE k.list_condition
							  WHEN 'udsat' THEN 'on the udsat list'
							  WHEN 'forebyggelse' THEN 'a forebyggelsesområde on the list'
							  WHEN 'omdannelse' THEN 'an omdannelsesområde on the list'
							  WHEN 'kombineret_udlejning' THEN 'on the kombineret udlejning list'
							  ELSE 'under a development plan on the list' END,
						  list_date(r.list_year), r.category)
				   || CASE WHEN lt.area_id IS NOT NULL THEN
						   format('; the municipality''s decision %s of %s under § 51 b is in force', lt.decision_id, lt.decided_on)
					  ELSE '' END
			   ELSE
				   CASE k.list_condition
					   WHEN 'udsat' THEN format('on the udsat list of %s (%s)', list_date(r.list_year), r.category)
					   WHEN 'forebyggelse' THEN format('a forebyggelsesområde on the list of %s', list_date(r.list_year))
					   WHEN 'omdannelse' THEN format('an omdannelsesområde on the list of %s', list_date(r.list_year))
					   WHEN 'kombineret_udlejning' THEN
						   format('on the kombineret udlejning list of %s (computed from the indicators)', list_date(r.list_year))
						   || CASE WHEN lt.area_id IS NOT NULL THEN
								   format('; required: the municipality''s decision %s of %s (from %s%s) requires the housing organisation to refuse applicants on the grounds of § 51 b%s',
										  lt.decision_id, lt.decided_on, lt.valid_from,
										  COALESCE(' until ' || lt.valid_until, ''),
										  CASE WHEN lt.includes_pension AND lt.includes_insurance_benefits
												   THEN ', førtidspension and dagpenge, sygedagpenge or ressourceforløbsydelse included'
											   WHEN lt.includes_pension THEN ', førtidspension included'
											   WHEN lt.includes_insurance_benefits
												   THEN ', dagpenge, sygedagpenge or ressourceforløbsydelse included'
											   ELSE '' END)
							  ELSE '; possible only: no decision of the municipality under § 51 b is in force' END
					   ELSE format('under a development plan (§ 168 a) on the list of %s', list_date(r.list_year))
				   END
				   || CASE WHEN r.before_run IS NULL AND r.brk > 0 THEN
						   format('; the list of %s is undetermined, so it may have held before %s', list_date(r.before_year), r.run_start)
					  ELSE '' END
				   || CASE WHEN ahead.tail_until IS NOT NULL THEN
						   format('; the list of %s leaves it out, and a decision under § 26 c keeps it from then', list_date(r.end_year))
					  ELSE '' END
				   || CASE WHEN r.end_day IS NOT NULL AND r.end_holds IS NULL THEN
						   format('; the list of %s is undetermined, so it may hold after %s', list_date(r.end_year), r.end_day)
					  ELSE '' END
		   END,
		   CASE WHEN t.area_id IS NOT NULL THEN true ELSE r.holds END
	  FROM ends AS r
	  JOIN obligation_kind AS k ON k.obligation = r.obligation
	  LEFT JOIN tails AS t ON t.area_id = r.area_id AND t.obligation = r.obligation
	  LEFT JOIN letting AS lt ON lt.area_id = r.area_id AND r.obligation = 'combined_letting_possible'
	  -- a § 26 c decision already made for the day the area leaves the udsat list
	  LEFT JOIN LATERAL (
		SELECT LEAST(d.valid_until, (r.end_day + make_interval(years => consequence('daycare_cap_tail')::integer))::date)
				   AS tail_until
		  FROM decision AS d
		 WHERE r.holds AND r.end_holds IS false AND r.obligation IN ('daycare_cap', 'learning_offer')
		   AND d.kind = 'daycare_tail' AND d.area_id = r.area_id
		   AND d.valid_from <= r.end_day AND (d.valid_until IS NULL OR r.end_day < d.valid_until)
		 ORDER BY d.valid_until DESC NULLS FIRST, d.decision_id
		 LIMIT 1) AS ahead ON true
	 WHERE r.in_force
	   AND (r.holds IS NOT false OR t.area_id IS NOT NULL
			-- a § 51 b decision is reported even where its list does not hold
			OR lt.area_id IS NOT NULL)
	 ORDER BY r.area_id, k.ordinal;
END;
COMMENT ON FUNCTION obligations(date, integer) IS
'one row per area (of all, or of_area) and obligation in force on a date, by the list in force (a list applies from its day, list_date(), until the next list in area_year) and the municipality''s decisions: since (the first list of the uninterrupted run), until (the next list that ends it; NULL while open-ended), the reason, and holds (true; NULL when missing values leave it undetermined; false only for a § 51 b decision in force where the area is not on the list); no rows for a NULL date, an error for an infinite one';

-- ---- allocation and letting: the grounds, and a household checked against them ----

CREATE TABLE country (
	code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
	name text NOT NULL,
	membership text CHECK (membership IN ('EU', 'EEA', 'CH')),
	part_of text REFERENCES country (code)
);
COMMENT ON TABLE country IS
'the citizenships a household document may name: the codes of ISO 3166-1 alpha-2 (as Debian''s iso-codes lists them in 2026) and XK for Kosovo (a user-assigned code the EU and Denmark use); an unknown code is an error, so that EL or UK (the EU''s abbreviations for Greece and the United Kingdom) is never taken for a third country; membership marks the EU, EEA and Swiss ones';
COMMENT ON COLUMN country.code IS
'ISO 3166-1 alpha-2 code (GR for Greece, GB for the United Kingdom)';
COMMENT ON COLUMN country.name IS
'English name of the country';
COMMENT ON COLUMN country.part_of IS
'for a territory of an EU, EEA or Swiss state (Greenland, the Faroe Islands, Åland, Svalbard, the French and Dutch overseas territories), the state whose citizenship its people hold: such a code is no citizenship, and a household document that gives it is refused with that state''s code as a hint; NULL otherwise';
COMMENT ON COLUMN country.membership IS
'EU, EEA (Iceland, Liechtenstein, Norway) or CH (Switzerland): the countries whose citizens § 59 stk. 6 nr. 4 and stk. 7 do not refuse (as of 2026); NULL for a third country';
INSERT INTO country VALUES
	('AD', 'Andorra', NULL, NULL), ('AE', 'United Arab Emirates', NULL, NULL),
	('AF', 'Afghanistan', NULL, NULL), ('AG', 'Antigua and Barbuda', NULL, NULL),
	('AI', 'Anguilla', NULL, NULL), ('AL', 'Albania', NULL, NULL), ('AM', 'Armenia', NULL, NULL),
	('AO', 'Angola', NULL, NULL), ('AQ', 'Antarctica', NULL, NULL), ('AR', 'Argentina', NULL, NULL),
	('AS', 'American Samoa', NULL, NULL), ('AT', 'Austria', 'EU', NULL),
	('AU', 'Australia', NULL, NULL), ('AW', 'Aruba', NULL, 'NL'), ('AX', 'Åland Islands', NULL, 'FI'),
	('AZ', 'Azerbaijan', NULL, NULL), ('BA', 'Bosnia and Herzegovina', NULL, NULL),
	('BB', 'Barbados', NULL, NULL), ('BD', 'Bangladesh', NULL, NULL), ('BE', 'Belgium', 'EU', NULL),
	('BF', 'Burkina Faso', NULL, NULL), ('BG', 'Bulgaria', 'EU', NULL), ('BH', 'Bahrain', NULL, NULL),
	('BI', 'Burundi', NULL, NULL), ('BJ', 'Benin', NULL, NULL),
	('BL', 'Saint Barthélemy', NULL, 'FR'), ('BM', 'Bermuda', NULL, NULL),
	('BN', 'Brunei Darussalam', NULL, NULL), ('BO', 'Bolivia', NULL, NULL),
	('BQ', 'Bonaire, Sint Eustatius and Saba', NULL, 'NL'), ('BR', 'Brazil', NULL, NULL),
	('BS', 'Bahamas', NULL, NULL), ('BT', 'Bhutan', NULL, NULL), ('BV', 'Bouvet Island', NULL, 'NO'),
	('BW', 'Botswana', NULL, NULL), ('BY', 'Belarus', NULL, NULL), ('BZ', 'Belize', NULL, NULL),
	('CA', 'Canada', NULL, NULL), ('CC', 'Cocos (Keeling) Islands', NULL, NULL),
	('CD', 'Congo, The Democratic Republic of the', NULL, NULL),
	('CF', 'Central African Republic', NULL, NULL), ('CG', 'Congo', NULL, NULL),
	('CH', 'Switzerland', 'CH', NULL), ('CI', 'Côte d''Ivoire', NULL, NULL),
	('CK', 'Cook Islands', NULL, NULL), ('CL', 'Chile', NULL, NULL), ('CM', 'Cameroon', NULL, NULL),
	('CN', 'China', NULL, NULL), ('CO', 'Colombia', NULL, NULL), ('CR', 'Costa Rica', NULL, NULL),
	('CU', 'Cuba', NULL, NULL), ('CV', 'Cabo Verde', NULL, NULL), ('CW', 'Curaçao', NULL, 'NL'),
	('CX', 'Christmas Island', NULL, NULL), ('CY', 'Cyprus', 'EU', NULL),
	('CZ', 'Czechia', 'EU', NULL), ('DE', 'Germany', 'EU', NULL), ('DJ', 'Djibouti', NULL, NULL),
	('DK', 'Denmark', 'EU', NULL), ('DM', 'Dominica', NULL, NULL),
	('DO', 'Dominican Republic', NULL, NULL), ('DZ', 'Algeria', NULL, NULL),
	('EC', 'Ecuador', NULL, NULL), ('EE', 'Estonia', 'EU', NULL), ('EG', 'Egypt', NULL, NULL),
	('EH', 'Western Sahara', NULL, NULL), ('ER', 'Eritrea', NULL, NULL), ('ES', 'Spain', 'EU', NULL),
	('ET', 'Ethiopia', NULL, NULL), ('FI', 'Finland', 'EU', NULL), ('FJ', 'Fiji', NULL, NULL),
	('FK', 'Falkland Islands (Malvinas)', NULL, NULL),
	('FM', 'Micronesia, Federated States of', NULL, NULL), ('FO', 'Faroe Islands', NULL, 'DK'),
	('FR', 'France', 'EU', NULL), ('GA', 'Gabon', NULL, NULL), ('GB', 'United Kingdom', NULL, NULL),
	('GD', 'Grenada', NULL, NULL), ('GE', 'Georgia', NULL, NULL), ('GF', 'French Guiana', NULL, 'FR'),
	('GG', 'Guernsey', NULL, NULL), ('GH', 'Ghana', NULL, NULL), ('GI', 'Gibraltar', NULL, NULL),
	('GL', 'Greenland', NULL, 'DK'), ('GM', 'Gambia', NULL, NULL), ('GN', 'Guinea', NULL, NULL),
	('GP', 'Guadeloupe', NULL, 'FR'), ('GQ', 'Equatorial Guinea', NULL, NULL),
	('GR', 'Greece', 'EU', NULL), ('GS', 'South Georgia and the South Sandwich Islands', NULL, NULL),
	('GT', 'Guatemala', NULL, NULL), ('GU', 'Guam', NULL, NULL), ('GW', 'Guinea-Bissau', NULL, NULL),
	('GY', 'Guyana', NULL, NULL), ('HK', 'Hong Kong', NULL, NULL),
	('HM', 'Heard Island and McDonald Islands', NULL, NULL), ('HN', 'Honduras', NULL, NULL),
	('HR', 'Croatia', 'EU', NULL), ('HT', 'Haiti', NULL, NULL), ('HU', 'Hungary', 'EU', NULL),
	('ID', 'Indonesia', NULL, NULL), ('IE', 'Ireland', 'EU', NULL), ('IL', 'Israel', NULL, NULL),
	('IM', 'Isle of Man', NULL, NULL), ('IN', 'India', NULL, NULL),
	('IO', 'British Indian Ocean Territory', NULL, NULL), ('IQ', 'Iraq', NULL, NULL),
	('IR', 'Iran', NULL, NULL), ('IS', 'Iceland', 'EEA', NULL), ('IT', 'Italy', 'EU', NULL),
	('JE', 'Jersey', NULL, NULL), ('JM', 'Jamaica', NULL, NULL), ('JO', 'Jordan', NULL, NULL),
	('JP', 'Japan', NULL, NULL), ('KE', 'Kenya', NULL, NULL), ('KG', 'Kyrgyzstan', NULL, NULL),
	('KH', 'Cambodia', NULL, NULL), ('KI', 'Kiribati', NULL, NULL), ('KM', 'Comoros', NULL, NULL),
	('KN', 'Saint Kitts and Nevis', NULL, NULL), ('KP', 'North Korea', NULL, NULL),
	('KR', 'South Korea', NULL, NULL), ('KW', 'Kuwait', NULL, NULL),
	('KY', 'Cayman Islands', NULL, NULL), ('KZ', 'Kazakhstan', NULL, NULL),
	('LA', 'Laos', NULL, NULL), ('LB', 'Lebanon', NULL, NULL), ('LC', 'Saint Lucia', NULL, NULL),
	('LI', 'Liechtenstein', 'EEA', NULL), ('LK', 'Sri Lanka', NULL, NULL),
	('LR', 'Liberia', NULL, NULL), ('LS', 'Lesotho', NULL, NULL), ('LT', 'Lithuania', 'EU', NULL),
	('LU', 'Luxembourg', 'EU', NULL), ('LV', 'Latvia', 'EU', NULL), ('LY', 'Libya', NULL, NULL),
	('MA', 'Morocco', NULL, NULL), ('MC', 'Monaco', NULL, NULL), ('MD', 'Moldova', NULL, NULL),
	('ME', 'Montenegro', NULL, NULL), ('MF', 'Saint Martin (French part)', NULL, 'FR'),
	('MG', 'Madagascar', NULL, NULL), ('MH', 'Marshall Islands', NULL, NULL),
	('MK', 'North Macedonia', NULL, NULL), ('ML', 'Mali', NULL, NULL), ('MM', 'Myanmar', NULL, NULL),
	('MN', 'Mongolia', NULL, NULL), ('MO', 'Macao', NULL, NULL),
	('MP', 'Northern Mariana Islands', NULL, NULL), ('MQ', 'Martinique', NULL, 'FR'),
	('MR', 'Mauritania', NULL, NULL), ('MS', 'Montserrat', NULL, NULL), ('MT', 'Malta', 'EU', NULL),
	('MU', 'Mauritius', NULL, NULL), ('MV', 'Maldives', NULL, NULL), ('MW', 'Malawi', NULL, NULL),
	('MX', 'Mexico', NULL, NULL), ('MY', 'Malaysia', NULL, NULL), ('MZ', 'Mozambique', NULL, NULL),
	('NA', 'Namibia', NULL, NULL), ('NC', 'New Caledonia', NULL, 'FR'), ('NE', 'Niger', NULL, NULL),
	('NF', 'Norfolk Island', NULL, NULL), ('NG', 'Nigeria', NULL, NULL),
	('NI', 'Nicaragua', NULL, NULL), ('NL', 'Netherlands', 'EU', NULL), ('NO', 'Norway', 'EEA', NULL),
	('NP', 'Nepal', NULL, NULL), ('NR', 'Nauru', NULL, NULL), ('NU', 'Niue', NULL, NULL),
	('NZ', 'New Zealand', NULL, NULL), ('OM', 'Oman', NULL, NULL), ('PA', 'Panama', NULL, NULL),
	('PE', 'Peru', NULL, NULL), ('PF', 'French Polynesia', NULL, 'FR'),
	('PG', 'Papua New Guinea', NULL, NULL), ('PH', 'Philippines', NULL, NULL),
	('PK', 'Pakistan', NULL, NULL), ('PL', 'Poland', 'EU', NULL),
	('PM', 'Saint Pierre and Miquelon', NULL, 'FR'), ('PN', 'Pitcairn', NULL, NULL),
	('PR', 'Puerto Rico', NULL, NULL), ('PS', 'Palestine, State of', NULL, NULL),
	('PT', 'Portugal', 'EU', NULL), ('PW', 'Palau', NULL, NULL), ('PY', 'Paraguay', NULL, NULL),
	('QA', 'Qatar', NULL, NULL), ('RE', 'Réunion', NULL, 'FR'), ('RO', 'Romania', 'EU', NULL),
	('RS', 'Serbia', NULL, NULL), ('RU', 'Russian Federation', NULL, NULL),
	('RW', 'Rwanda', NULL, NULL), ('SA', 'Saudi Arabia', NULL, NULL),
	('SB', 'Solomon Islands', NULL, NULL), ('SC', 'Seychelles', NULL, NULL),
	('SD', 'Sudan', NULL, NULL), ('SE', 'Sweden', 'EU', NULL), ('SG', 'Singapore', NULL, NULL),
	('SH', 'Saint Helena, Ascension and Tristan da Cunha', NULL, NULL),
	('SI', 'Slovenia', 'EU', NULL), ('SJ', 'Svalbard and Jan Mayen', NULL, 'NO'),
	('SK', 'Slovakia', 'EU', NULL), ('SL', 'Sierra Leone', NULL, NULL),
	('SM', 'San Marino', NULL, NULL), ('SN', 'Senegal', NULL, NULL), ('SO', 'Somalia', NULL, NULL),
	('SR', 'Suriname', NULL, NULL), ('SS', 'South Sudan', NULL, NULL),
	('ST', 'Sao Tome and Principe', NULL, NULL), ('SV', 'El Salvador', NULL, NULL),
	('SX', 'Sint Maarten (Dutch part)', NULL, 'NL'), ('SY', 'Syria', NULL, NULL),
	('SZ', 'Eswatini', NULL, NULL), ('TC', 'Turks and Caicos Islands', NULL, NULL),
	('TD', 'Chad', NULL, NULL), ('TF', 'French Southern Territories', NULL, 'FR'),
	('TG', 'Togo', NULL, NULL), ('TH', 'Thailand', NULL, NULL), ('TJ', 'Tajikistan', NULL, NULL),
	('TK', 'Tokelau', NULL, NULL), ('TL', 'Timor-Leste', NULL, NULL),
	('TM', 'Turkmenistan', NULL, NULL), ('TN', 'Tunisia', NULL, NULL), ('TO', 'Tonga', NULL, NULL),
	('TR', 'Türkiye', NULL, NULL), ('TT', 'Trinidad and Tobago', NULL, NULL),
	('TV', 'Tuvalu', NULL, NULL), ('TW', 'Taiwan', NULL, NULL), ('TZ', 'Tanzania', NULL, NULL),
	('UA', 'Ukraine', NULL, NULL), ('UG', 'Uganda', NULL, NULL),
	('UM', 'United States Minor Outlying Islands', NULL, NULL), ('US', 'United States', NULL, NULL),
	('UY', 'Uruguay', NULL, NULL), ('UZ', 'Uzbekistan', NULL, NULL),
	('VA', 'Holy See (Vatican City State)', NULL, NULL),
	('VC', 'Saint Vincent and the Grenadines', NULL, NULL), ('VE', 'Venezuela', NULL, NULL),
	('VG', 'Virgin Islands, British', NULL, NULL), ('VI', 'Virgin Islands, U.S.', NULL, NULL),
	('VN', 'Vietnam', NULL, NULL), ('VU', 'Vanuatu', NULL, NULL),
	('WF', 'Wallis and Futuna', NULL, 'FR'), ('WS', 'Samoa', NULL, NULL),
	('XK', 'Kosovo', NULL, NULL), ('YE', 'Yemen', NULL, NULL), ('YT', 'Mayotte', NULL, 'FR'),
	('ZA', 'South Africa', NULL, NULL), ('ZM', 'Zambia', NULL, NULL), ('ZW', 'Zimbabwe', NULL, NULL);

CREATE TABLE allocation_ground (
	obligation text NOT NULL REFERENCES obligation_kind,
	ground text NOT NULL CHECK (ground IN ('prison_release', 'institution_release', 'lease_terminated',
										   'third_country', 'public_benefits', 'integration_benefits',
										   'insurance_benefits', 'fortidspension', 'public_benefits_now')),
	number integer CHECK (number BETWEEN 1 AND 7),
	paragraph text NOT NULL,
	who text NOT NULL CHECK (who IN ('member', 'applicant_or_spouse')),
	optional text CHECK (optional IN ('includes_pension', 'includes_insurance_benefits')),
	description text NOT NULL,
	PRIMARY KEY (obligation, ground)
);
COMMENT ON TABLE allocation_ground IS
'the grounds on which a household is refused a dwelling under each obligation (allocation_check): § 59 stk. 6 nr. 1-7, § 59 stk. 7, § 51 c and § 51 b';
COMMENT ON COLUMN allocation_ground.obligation IS
'the obligation whose ground it is (obligation_kind): allocation_limit, allocation_limit_prevention, refusal_required or combined_letting_possible';
COMMENT ON COLUMN allocation_ground.ground IS
'the ground, as allocation_check names it: prison_release, institution_release, lease_terminated, third_country, public_benefits, integration_benefits, insurance_benefits, fortidspension or public_benefits_now';
COMMENT ON COLUMN allocation_ground.number IS
'its number in § 59 stk. 6 (nr. 1-7; for stk. 7 the number of the ground of stk. 6 it takes over); NULL for § 51 b and § 51 c, which do not number them';
COMMENT ON COLUMN allocation_ground.paragraph IS
'the paragraph of the law, with its number';
COMMENT ON COLUMN allocation_ground.who IS
'whose circumstances count: any member of the household (member) or only the applicant and the spouse (applicant_or_spouse)';
COMMENT ON COLUMN allocation_ground.optional IS
'for the optional grounds of § 51 b: the column of the combined_letting decision that chooses it (includes_pension, includes_insurance_benefits); NULL for a ground that always applies';
COMMENT ON COLUMN allocation_ground.description IS
'the ground in words';
INSERT INTO allocation_ground VALUES
	('allocation_limit', 'prison_release', 1, 'almenboligloven § 59 stk. 6 nr. 1', 'member', NULL,
	 'a member was released after serving a prison sentence within the last consequence(''allocation_window'') months'),
	('allocation_limit', 'institution_release', 2, 'almenboligloven § 59 stk. 6 nr. 2', 'member', NULL,
	 'a member under 18 was released from a (secure) institution within the last consequence(''allocation_window'') months'),
	('allocation_limit', 'lease_terminated', 3, 'almenboligloven § 59 stk. 6 nr. 3', 'member', NULL,
	 'a member had a lease terminated for gross breach within the last consequence(''allocation_window'') months'),
	('allocation_limit', 'third_country', 4, 'almenboligloven § 59 stk. 6 nr. 4', 'member', NULL,
	 'a member is not a citizen of an EU/EEA country or Switzerland (country.membership), students excepted'),
	('allocation_limit', 'public_benefits', 5, 'almenboligloven § 59 stk. 6 nr. 5', 'member', NULL,
	 'a member has received selvforsørgelses-, hjemrejse- or overgangsydelse, uddannelseshjælp or kontanthjælp for consequence(''benefit_months'') consecutive months'),
	('allocation_limit', 'fortidspension', 6, 'almenboligloven § 59 stk. 6 nr. 6', 'member', NULL,
	 'a member receives førtidspension'),
	('allocation_limit', 'insurance_benefits', 7, 'almenboligloven § 59 stk. 6 nr. 7', 'member', NULL,
	 'a member has received dagpenge, sygedagpenge or ressourceforløbsydelse for consequence(''benefit_months'') consecutive months'),
	('allocation_limit_prevention', 'integration_benefits', 5, 'almenboligloven § 59 stk. 7, cf. stk. 6 nr. 5 (selvforsørgelses-, hjemrejse- or overgangsydelse only)', 'member', NULL,
	 'a member has received selvforsørgelses-, hjemrejse- or overgangsydelse for consequence(''benefit_months'') consecutive months'),
	('refusal_required', 'public_benefits_now', NULL, 'almenboligloven § 51 c', 'applicant_or_spouse', NULL,
	 'the applicant or spouse receives selvforsørgelses-, hjemrejse- or overgangsydelse, uddannelseshjælp or kontanthjælp; not one already living in the department'),
	('combined_letting_possible', 'public_benefits', NULL, 'almenboligloven § 51 b', 'applicant_or_spouse', NULL,
	 'the applicant or spouse has received selvforsørgelses-, hjemrejse- or overgangsydelse, uddannelseshjælp or kontanthjælp for consequence(''benefit_months'') consecutive months; not one already living in the department'),
	('combined_letting_possible', 'fortidspension', NULL, 'almenboligloven § 51 b (optional ground)', 'applicant_or_spouse', 'includes_pension',
	 'the applicant or spouse receives førtidspension, where the decision includes it; not one already living in the department'),
	('combined_letting_possible', 'insurance_benefits', NULL, 'almenboligloven § 51 b (optional ground)', 'applicant_or_spouse', 'includes_insurance_benefits',
	 'the applicant or spouse has received dagpenge, sygedagpenge or ressourceforløbsydelse for consequence(''benefit_months'') consecutive months, where the decision includes it; not one already living in the department');
-- § 59 stk. 7 applies nr. 1-4 of stk. 6 as they are (nr. 5 only in part, above)
INSERT INTO allocation_ground
SELECT 'allocation_limit_prevention', g.ground, g.number,
	   'almenboligloven § 59 stk. 7, cf. stk. 6 nr. ' || g.number, g.who, g.optional, g.description
  FROM allocation_ground AS g
 WHERE g.obligation = 'allocation_limit' AND g.number BETWEEN 1 AND 4;

CREATE FUNCTION housing_areas_private.minor_age() RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN 18;
COMMENT ON FUNCTION housing_areas_private.minor_age() IS
'the age below which a member counts for § 59 stk. 6 nr. 2 ("under 18"), in years';

CREATE FUNCTION housing_areas_private.household_error(key text, message text, detail text,
													  unreadable boolean DEFAULT false)
	RETURNS boolean
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
BEGIN
	IF unreadable THEN
		RAISE EXCEPTION 'invalid household key "%": %', key, message
			USING ERRCODE = 'invalid_text_representation', DETAIL = COALESCE(detail, ''),
				  HINT = 'The household document is described in docs/obligations.md.';
	END IF;
	RAISE EXCEPTION 'invalid household key "%": %', key, message
		USING ERRCODE = 'invalid_parameter_value', DETAIL = COALESCE(detail, ''),
			  HINT = 'The household document is described in docs/obligations.md.';
END
$$;
COMMENT ON FUNCTION housing_areas_private.household_error(text, text, text, boolean) IS
'raises the error of a household document, naming the key: 22023, or 22P02 for a value that cannot be read (unreadable)';

CREATE FUNCTION housing_areas_private.household_date(value jsonb, key text, on_date date) RETURNS date
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
DECLARE
	d date;
BEGIN
	IF jsonb_typeof(value) <> 'string' THEN
		PERFORM housing_areas_private.household_error(key, 'a date must be a string YYYY-MM-DD',
			format('The value is %s.', value::text));
	END IF;
	IF value #>> '{}' !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
		PERFORM housing_areas_private.household_error(key, format('invalid date "%s"', value #>> '{}'),
			'A date is written YYYY-MM-DD.', true);
	END IF;
	BEGIN
		d := (value #>> '{}')::date;
	EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
		PERFORM housing_areas_private.household_error(key, format('invalid date "%s"', value #>> '{}'),
			'The date does not exist.', true);
	END;
	IF d > on_date THEN
		PERFORM housing_areas_private.household_error(key, format('date %s is after the date checked', d),
			format('The household is checked on %s; a date it gives lies on or before that day.', on_date));
	END IF;
	IF d < date '1900-01-01' THEN
		PERFORM housing_areas_private.household_error(key, format('date %s is before 1900', d),
			'Dates from 1900 on are accepted.');
	END IF;
	RETURN d;
END
$$;
COMMENT ON FUNCTION housing_areas_private.household_date(jsonb, text, date) IS
'a date of the household document (a JSON string YYYY-MM-DD, on or before the date checked), or an error naming its key';

CREATE FUNCTION housing_areas_private.household_boolean(value jsonb, key text) RETURNS boolean
	-- STRICT: a missing key (NULL) is unknown
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF jsonb_typeof(value) <> 'boolean' THEN
		PERFORM housing_areas_private.household_error(key, 'must be true or false',
			format('The value is %s; leave the key out when it is not known.', value::text));
	END IF;
	RETURN value::text::boolean;
END
$$;
COMMENT ON FUNCTION housing_areas_private.household_boolean(jsonb, text) IS
'a true/false key of the household document: NULL when missing (unknown), an error naming it for another JSON type';

CREATE FUNCTION housing_areas_private.household_grounds(household jsonb, on_date date)
	RETURNS TABLE (member integer, role text, ground text, meets boolean, why text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
DECLARE
	top_keys constant text[] := ARRAY['members', 'already_resident'];
	member_keys constant text[] := ARRAY['role', 'birth_date', 'age', 'citizenship', 'student', 'prison_release',
										 'institution_release', 'lease_terminated', 'benefits', 'fortidspension'];
	benefit_keys constant text[] := ARRAY['public', 'integration', 'insurance'];
	roles constant text[] := ARRAY['applicant', 'spouse', 'child', 'other'];
	window_months constant integer := housing_areas.consequence('allocation_window')::integer;
	benefit_months constant integer := housing_areas.consequence('benefit_months')::integer;
	m jsonb;
	i integer;
	k text;
	p text;
	v jsonb;
	applicants integer := 0;
	spouses integer := 0;
	r text;
	d date;
	birth date;
	age integer;
	under_18 boolean;
	under_18_why text;
	codes text[];
	unknown_code text;
	territory text;
	territory_detail text;
	c text;
	third boolean;
	student boolean;
	b text;
	months_done boolean;
	now_on boolean;
	public_6 boolean; public_6_why text;
	public_now boolean; public_now_why text;
	integration_6 boolean; integration_6_why text;
	integration_now boolean;
	insurance_6 boolean; insurance_6_why text;
	released boolean;
	released_why text;
	pension boolean;
BEGIN
	IF household IS NULL OR jsonb_typeof(household) <> 'object' THEN
		PERFORM housing_areas_private.household_error('(document)', 'the household must be a JSON object',
			format('The value is %s.', COALESCE(household::text, 'NULL')));
	END IF;
	FOR k IN SELECT jsonb_object_keys(household) LOOP
		IF NOT k = ANY (top_keys) THEN
			PERFORM housing_areas_private.household_error(k, 'unknown key',
				format('The keys of a household are %s.', array_to_string(top_keys, ', ')));
		END IF;
	END LOOP;
	PERFORM housing_areas_private.household_boolean(household -> 'already_resident', 'already_resident');
	IF jsonb_typeof(household -> 'members') IS DISTINCT FROM 'array' OR jsonb_array_length(household -> 'members') = 0 THEN
		PERFORM housing_areas_private.household_error('members', 'a household has a non-empty array of members',
			format('The value is %s.', COALESCE((household -> 'members')::text, 'missing')));
	END IF;

	FOR m, i IN SELECT e.value, e.ordinality - 1 FROM jsonb_array_elements(household -> 'members') WITH ORDINALITY AS e LOOP
		p := format('members[%s]', i);
		IF jsonb_typeof(m) <> 'object' THEN
			PERFORM housing_areas_private.household_error(p, 'a member must be a JSON object',
				format('The value is %s.', m::text));
		END IF;
		FOR k IN SELECT jsonb_object_keys(m) LOOP
			IF NOT k = ANY (member_keys) THEN
				PERFORM housing_areas_private.household_error(p || '.' || k, 'unknown key',
					format('The keys of a member are %s.', array_to_string(member_keys, ', ')));
			END IF;
		END LOOP;
		IF jsonb_typeof(m -> 'role') IS DISTINCT FROM 'string' OR NOT (m ->> 'role') = ANY (roles) THEN
			PERFORM housing_areas_private.household_error(p || '.role', 'every member has a role',
				format('The value is %s; a role is one of %s.', COALESCE((m -> 'role')::text, 'missing'),
					   array_to_string(roles, ', ')));
		END IF;
		r := m ->> 'role';
		applicants := applicants + (r = 'applicant')::integer;
		spouses := spouses + (r = 'spouse')::integer;
		p := format('members[%s] (%s)', i, r);

		-- under 18 on the day checked: from the birth date, else the age
		IF m ? 'birth_date' AND m ? 'age' THEN
			PERFORM housing_areas_private.household_error(format('members[%s].age', i),
				'give birth_date or age, not both', 'Give the birth date when it is known.');
		END IF;
		under_18 := NULL;
		under_18_why := 'age not given';
		IF m ? 'birth_date' THEN
			birth := housing_areas_private.household_date(m -> 'birth_date', format('members[%s].birth_date', i), on_date);
			under_18 := on_date < birth + make_interval(years => housing_areas_private.minor_age());
			under_18_why := format('born %s', birth);
		ELSIF m ? 'age' THEN
			v := m -> 'age';
			IF jsonb_typeof(v) <> 'number' OR (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric)
			   OR (v #>> '{}')::numeric < 0 OR (v #>> '{}')::numeric > 150 THEN
				PERFORM housing_areas_private.household_error(format('members[%s].age', i),
					'an age is a whole number of years from 0 to 150', format('The value is %s.', v::text));
			END IF;
			age := (v #>> '{}')::integer;
			under_18 := age < housing_areas_private.minor_age();
			under_18_why := format('aged %s', age);
		END IF;

		-- § 59 stk. 6 nr. 1-3: within the last allocation_window months: on
		-- the day checked at most that many months after the date (the
		-- period ends with the day of the same number, that day included)
		FOREACH k IN ARRAY ARRAY['prison_release', 'institution_release', 'lease_terminated'] LOOP
			IF NOT m ? k THEN
				released := NULL;
				released_why := k || ' not given';
			ELSIF m -> k = 'null'::jsonb THEN
				released := false;
				released_why := CASE k WHEN 'prison_release' THEN 'not released from prison'
									   WHEN 'institution_release' THEN 'not released from an institution'
									   ELSE 'no lease terminated' END;
			ELSE
				d := housing_areas_private.household_date(m -> k, format('members[%s].%s', i, k), on_date);
				released := on_date <= d + make_interval(months => window_months);
				released_why := format(CASE WHEN released THEN '%s %s, within the last %s months (they end on %s)'
											ELSE '%s %s, more than %s months ago (they ended on %s)' END,
									   CASE k WHEN 'prison_release' THEN 'released from prison on'
											  WHEN 'institution_release' THEN 'released from an institution on'
											  ELSE 'lease terminated for gross breach on' END,
									   d, window_months, (d + make_interval(months => window_months))::date);
			END IF;
			IF k = 'institution_release' THEN
				-- nr. 2 needs both: under 18 and released within the window
				IF under_18 IS false THEN
					released := false;
					released_why := format('not under %s (%s)', housing_areas_private.minor_age(), under_18_why);
				ELSIF released IS NOT false THEN
					released := released AND under_18;
					released_why := released_why || '; ' || CASE WHEN under_18 THEN 'under '
						|| housing_areas_private.minor_age() || ' (' || under_18_why || ')'
						ELSE under_18_why END;
				END IF;
			END IF;
			member := i; role := r; ground := k; meets := released; why := p || ': ' || released_why;
			RETURN NEXT;
		END LOOP;

		-- § 59 stk. 6 nr. 4: not a citizen of an EU/EEA country or
		-- Switzerland, and not a student
		student := housing_areas_private.household_boolean(m -> 'student', format('members[%s].student', i));
		third := NULL;
		IF m ? 'citizenship' THEN
			v := m -> 'citizenship';
			IF jsonb_typeof(v) = 'string' THEN
				v := jsonb_build_array(v);
			END IF;
			IF jsonb_typeof(v) <> 'array' OR jsonb_array_length(v) = 0
			   OR EXISTS (SELECT 1 FROM jsonb_array_elements(v) AS e
						   WHERE jsonb_typeof(e) <> 'string' OR NOT (e #>> '{}') ~ '^[A-Z]{2}$') THEN
				PERFORM housing_areas_private.household_error(format('members[%s].citizenship', i),
					'a citizenship is an ISO 3166-1 alpha-2 code, or an array of them',
					format('The value is %s; write for example "DK" or ["DK", "TR"].', (m -> 'citizenship')::text));
			END IF;
			SELECT array_agg(e #>> '{}' ORDER BY o) INTO codes FROM jsonb_array_elements(v) WITH ORDINALITY AS x(e, o);
			-- two capital letters are not yet a country: EL and UK, the EU's
			-- own abbreviations, would otherwise pass for third countries
			SELECT x.code INTO unknown_code FROM unnest(codes) WITH ORDINALITY AS x(code, o)
			 WHERE NOT EXISTS (SELECT 1 FROM housing_areas.country AS co WHERE co.code = x.code)
			 ORDER BY x.o LIMIT 1;
			SELECT format('country code "%s" names a territory, not a citizenship', co.code),
				   format('The people of %s are citizens of %s (%s); write "%s".', co.name, co.part_of, st.name, co.part_of)
			  INTO territory, territory_detail
			  FROM unnest(codes) WITH ORDINALITY AS x(code, o)
			  JOIN housing_areas.country AS co ON co.code = x.code
			  JOIN housing_areas.country AS st ON st.code = co.part_of
			 ORDER BY x.o LIMIT 1;
			IF unknown_code IS NULL AND territory IS NOT NULL THEN
				PERFORM housing_areas_private.household_error(format('members[%s].citizenship', i),
					territory, territory_detail);
			END IF;
			IF unknown_code IS NOT NULL THEN
				PERFORM housing_areas_private.household_error(format('members[%s].citizenship', i),
					format('unknown country code "%s"', unknown_code),
					CASE unknown_code WHEN 'EL' THEN 'Greece is GR in ISO 3166-1 (EL is the EU''s abbreviation).'
									  WHEN 'UK' THEN 'The United Kingdom is GB in ISO 3166-1 (UK is the EU''s abbreviation).'
									  ELSE 'The codes are those of ISO 3166-1 alpha-2, listed in the table housing_areas.country.' END);
			END IF;
			third := NOT EXISTS (SELECT 1 FROM housing_areas.country AS cc
								 WHERE cc.code = ANY (codes) AND cc.membership IS NOT NULL);
		END IF;
		member := i; role := r; ground := 'third_country';
		meets := third AND NOT student;
		why := p || ': ' || CASE WHEN third IS NULL THEN 'citizenship not given'
								 WHEN third THEN 'citizen of ' || array_to_string(codes, ', ') || ' (not EU/EEA/Swiss)'
								 ELSE 'citizen of ' || array_to_string(codes, ', ') || ' (EU/EEA/Swiss)' END
			   || CASE WHEN third IS false THEN ''
					   WHEN student THEN '; a student (excepted)'
					   WHEN student IS false THEN '; not a student'
					   ELSE '; student not given' END;
		RETURN NEXT;

		-- benefits: per group, the day the current uninterrupted receipt
		-- began (a date), or the whole consecutive months of it up to the day
		-- checked (a number); null or 0: not receiving
		IF m ? 'benefits' AND jsonb_typeof(m -> 'benefits') <> 'object' THEN
			PERFORM housing_areas_private.household_error(format('members[%s].benefits', i),
				'benefits must be a JSON object', format('The value is %s; its keys are %s.',
				(m -> 'benefits')::text, array_to_string(benefit_keys, ', ')));
		END IF;
		FOR k IN SELECT jsonb_object_keys(COALESCE(m -> 'benefits', '{}')) LOOP
			IF NOT k = ANY (benefit_keys) THEN
				PERFORM housing_areas_private.household_error(format('members[%s].benefits.%s', i, k), 'unknown key',
					format('The groups of benefits are %s.', array_to_string(benefit_keys, ', ')));
			END IF;
		END LOOP;
		FOREACH b IN ARRAY benefit_keys LOOP
			k := format('members[%s].benefits.%s', i, b);
			v := m -> 'benefits' -> b;
			IF v IS NULL THEN
				months_done := NULL;
				now_on := NULL;
				c := b || ' benefits not given';
			ELSIF v = 'null'::jsonb THEN
				months_done := false;
				now_on := false;
				c := 'no ' || b || ' benefits';
			ELSIF jsonb_typeof(v) = 'number' THEN
				IF (v #>> '{}')::numeric <> trunc((v #>> '{}')::numeric) OR (v #>> '{}')::numeric < 0
				   OR (v #>> '{}')::numeric > 1200 THEN
					PERFORM housing_areas_private.household_error(k,
						'consecutive months are a whole number from 0 to 1200', format('The value is %s.', v::text));
				END IF;
				months_done := (v #>> '{}')::integer >= benefit_months;
				now_on := (v #>> '{}')::integer > 0;
				c := format('%s consecutive months of %s benefits', v #>> '{}', b);
			ELSIF jsonb_typeof(v) <> 'string' THEN
				PERFORM housing_areas_private.household_error(k,
					'benefits are a whole number of consecutive months, the date the receipt began (YYYY-MM-DD) or null',
					format('The value is %s.', v::text));
			ELSE
				d := housing_areas_private.household_date(v, k, on_date);
				months_done := d + make_interval(months => benefit_months) <= on_date;
				now_on := true;
				c := format('%s benefits since %s (%s consecutive months %s)', b, d, benefit_months,
							CASE WHEN months_done THEN 'reached on ' ELSE 'reached only on ' END
							|| (d + make_interval(months => benefit_months))::date);
			END IF;
			CASE b
				WHEN 'public' THEN public_6 := months_done; public_now := now_on; public_6_why := c;
				WHEN 'integration' THEN integration_6 := months_done; integration_now := now_on; integration_6_why := c;
				ELSE insurance_6 := months_done; insurance_6_why := c;
			END CASE;
		END LOOP;
		-- selvforsørgelses-, hjemrejse- and overgangsydelse are in the public
		-- group too, so a run of them is part of a public run: the public run
		-- decides nr. 5 when it is known, a known integration run otherwise
		member := i; role := r;
		ground := 'public_benefits';
		meets := CASE WHEN public_6 IS NOT NULL THEN public_6 OR COALESCE(integration_6, false)
					  WHEN integration_6 THEN true END;
		why := p || ': ' || public_6_why || '; ' || integration_6_why;
		RETURN NEXT;
		ground := 'integration_benefits'; meets := integration_6; why := p || ': ' || integration_6_why;
		RETURN NEXT;
		ground := 'insurance_benefits'; meets := insurance_6; why := p || ': ' || insurance_6_why;
		RETURN NEXT;
		ground := 'public_benefits_now';
		meets := CASE WHEN public_now IS NOT NULL THEN public_now OR COALESCE(integration_now, false)
					  WHEN integration_now THEN true END;
		why := p || ': ' || CASE WHEN meets THEN 'receives them now: ' ELSE '' END
			   || public_6_why || '; ' || integration_6_why;
		RETURN NEXT;
		pension := housing_areas_private.household_boolean(m -> 'fortidspension', format('members[%s].fortidspension', i));
		ground := 'fortidspension'; meets := pension;
		why := p || ': ' || CASE WHEN pension THEN 'receives førtidspension' WHEN NOT pension THEN 'no førtidspension'
								 ELSE 'fortidspension not given' END;
		RETURN NEXT;
	END LOOP;
	IF applicants <> 1 OR spouses > 1 THEN
		PERFORM housing_areas_private.household_error('members', 'a household has one applicant and at most one spouse',
			format('It has %s applicants and %s spouses.', applicants, spouses));
	END IF;
END
$$;
COMMENT ON FUNCTION housing_areas_private.household_grounds(jsonb, date) IS
'checks a household document and gives, for each member and ground of allocation_check, whether the member meets it on the date (NULL when a missing key leaves it unknown) and why; an error naming the key for unknown keys, wrong types, dates after the date checked, negative months';

CREATE FUNCTION allocation_check(area_id integer, on_date date, household jsonb)
	RETURNS TABLE (obligation text, paragraph text, number integer, ground text, refuses boolean, reason text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	SET datestyle = 'ISO, YMD'
AS $$
#variable_conflict use_column
DECLARE
	resident boolean;
	members jsonb;
BEGIN
	IF area_id IS NULL OR on_date IS NULL THEN
		RAISE EXCEPTION 'allocation_check needs an area and a date'
			USING ERRCODE = 'null_value_not_allowed',
				  DETAIL = format('The area is %s and the date %s.', COALESCE(area_id::text, 'NULL'),
								  COALESCE(on_date::text, 'NULL'));
	END IF;
	-- a later list will apply on an infinite date: no answer, never a guess
	PERFORM housing_areas_private.check_date('on_date', on_date);
	IF NOT EXISTS (SELECT 1 FROM housing_areas.area AS a WHERE a.area_id = allocation_check.area_id) THEN
		RAISE EXCEPTION 'unknown area %', area_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The areas are in housing_areas.area.';
	END IF;
	-- the whole document is checked first, whatever applies in the area
	resident := housing_areas_private.household_boolean(household -> 'already_resident', 'already_resident');
	members := (SELECT jsonb_agg(to_jsonb(h)) FROM housing_areas_private.household_grounds(household, on_date) AS h);
	RETURN QUERY
	WITH hg AS (
		SELECT h.* FROM jsonb_to_recordset(members)
						 AS h(member integer, role text, ground text, meets boolean, why text)
	), ob AS (
		SELECT o.obligation, o.holds, o.reason
		  FROM housing_areas.obligations(allocation_check.on_date, allocation_check.area_id) AS o
	), letting AS (
		-- almenboligloven § 51 b: the decision in force (the latest, if several)
		SELECT d.decision_id, d.decided_on, d.includes_pension, d.includes_insurance_benefits
		  FROM housing_areas.decision AS d
		 WHERE d.kind = 'combined_letting' AND d.area_id = allocation_check.area_id
		   AND d.valid_from <= allocation_check.on_date
		   AND (d.valid_until IS NULL OR allocation_check.on_date < d.valid_until)
		 ORDER BY d.valid_from DESC, d.decision_id DESC
		 LIMIT 1
	), grounds AS (
		SELECT g.obligation, g.ground, g.number, g.paragraph, g.who, ob.holds, ob.reason AS ob_reason,
			   lt.decision_id, lt.decided_on, k.ordinal
		  FROM housing_areas.allocation_ground AS g
		  JOIN housing_areas.obligation_kind AS k ON k.obligation = g.obligation
		  JOIN ob ON ob.obligation = g.obligation
		  LEFT JOIN letting AS lt ON g.obligation = 'combined_letting_possible'
		 WHERE g.obligation <> 'combined_letting_possible'
			OR (lt.decision_id IS NOT NULL
				AND (g.optional IS NULL
					 OR (g.optional = 'includes_pension' AND lt.includes_pension)
					 OR (g.optional = 'includes_insurance_benefits' AND lt.includes_insurance_benefits)))
	), judged AS (
		SELECT g.*,
			   -- Kleene "some member meets it"
			   CASE WHEN bool_or(h.meets) THEN true WHEN bool_or(h.meets IS NULL) THEN NULL ELSE false END AS member_meets,
			   string_agg(h.why, '; ' ORDER BY h.member) FILTER (WHERE h.meets) AS why_true,
			   string_agg(h.why, '; ' ORDER BY h.member) FILTER (WHERE h.meets IS NULL) AS why_unknown,
			   string_agg(h.why, '; ' ORDER BY h.member) AS why_all
		  FROM grounds AS g
		  JOIN hg AS h ON h.ground = g.ground
					  AND (g.who = 'member' OR h.role IN ('applicant', 'spouse'))
		 GROUP BY g.obligation, g.ground, g.number, g.paragraph, g.who, g.holds, g.ob_reason,
				  g.decision_id, g.decided_on, g.ordinal
	), decided AS (
		SELECT j.*,
			   CASE WHEN j.who = 'applicant_or_spouse' THEN j.member_meets AND NOT resident
					ELSE j.member_meets END AS household_meets
		  FROM judged AS j
	)
	SELECT d.obligation, d.paragraph, d.number, d.ground,
		   d.household_meets AND d.holds,
		   CASE WHEN d.household_meets AND d.holds THEN 'refuses: ' || d.why_true
				WHEN d.holds IS false THEN 'does not refuse: ' || d.ob_reason
				WHEN d.who = 'applicant_or_spouse' AND resident AND d.member_meets IS NOT false
					THEN 'does not refuse: the applicant already lives in the department'
				WHEN d.household_meets IS false THEN 'does not refuse: ' || d.why_all
				WHEN d.household_meets IS NULL
					THEN 'unknown: ' || concat_ws('; ', d.why_true, d.why_unknown)
						 || CASE WHEN d.member_meets AND resident IS NULL
								 THEN '; already_resident not given' ELSE '' END
				ELSE 'unknown: ' || d.why_true || '; ' || d.ob_reason
		   END
		   || CASE WHEN d.household_meets AND d.holds THEN
				   CASE d.obligation
					   WHEN 'refusal_required' THEN ' (the housing organisation must refuse the applicant)'
					   WHEN 'combined_letting_possible'
						   THEN format(' (the housing organisation must refuse the applicant: decision %s of %s)',
									   d.decision_id, d.decided_on)
					   ELSE ' (the municipality may not allocate the dwelling to the household)' END
			  ELSE '' END
	  FROM decided AS d
	 ORDER BY d.ordinal, d.number NULLS LAST, d.ground;
END
$$;
COMMENT ON FUNCTION allocation_check(integer, date, jsonb) IS
'one row per ground of refusal that applies in an area on a date (§ 59 stk. 6 nr. 1-7 in udsat areas, § 59 stk. 7 in forebyggelsesområder, § 51 c in omdannelsesområder, § 51 b where a combined_letting decision is in force): whether it refuses the household (true, false, NULL when a missing key or an undetermined list leaves it unknown) and why; the household document is described in docs/obligations.md, and a bad one is an error naming the key; an infinite date is an error';

-- ---- faces: BI and GIS over the latest list date, and a map ----

CREATE FUNCTION housing_areas_private.letting_hidden(list_year integer)
	RETURNS TABLE (area_id integer, hidden_now boolean, hidden_before boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the kombineret udlejning flag is computed from shares (disclosed_criteria()
	-- hides it with the other flags of a record): hidden on the list of the
	-- year, or on an earlier one (which since would tell)
	SELECT ay.area_id,
		   COALESCE(bool_or('kombineret_udlejning' = ANY (dc.suppressed))
					FILTER (WHERE ay.list_year = letting_hidden.list_year), false),
		   COALESCE(bool_or('kombineret_udlejning' = ANY (dc.suppressed))
					FILTER (WHERE ay.list_year < letting_hidden.list_year), false)
	  FROM area_year AS ay
	 CROSS JOIN LATERAL disclosed_criteria(ay.ind, ay.persons, ay.list_year) AS dc
	 WHERE ay.list_year <= letting_hidden.list_year
	 GROUP BY ay.area_id;
END;
COMMENT ON FUNCTION housing_areas_private.letting_hidden(integer) IS
'per area, whether disclosed_criteria() hides its kombineret udlejning flag on the list of a year (hidden_now) or on an earlier list (hidden_before)';

CREATE VIEW bi_obligations AS
WITH d AS (
	SELECT y.list_year, housing_areas_private.list_day(y.list_year) AS day
	  FROM (SELECT latest_list_year() AS list_year) AS y
	 WHERE y.list_year IS NOT NULL
), hidden AS (
	SELECT h.* FROM d CROSS JOIN LATERAL housing_areas_private.letting_hidden(d.list_year) AS h
), shown AS (
	-- combined_letting_possible follows a flag computed from shares: where
	-- it is hidden, every such area gets the same row, whatever the flag
	SELECT o.area_id, o.obligation, o.paragraph,
		   CASE WHEN h.hidden_before AND o.obligation = 'combined_letting_possible' THEN NULL ELSE o.since END AS since,
		   o.until, o.reason, o.holds,
		   CASE WHEN h.hidden_before AND o.obligation = 'combined_letting_possible' THEN 'since' ELSE '' END AS suppressed
	  FROM d
	 CROSS JOIN LATERAL obligations(d.day) AS o
	  LEFT JOIN hidden AS h ON h.area_id = o.area_id
	 WHERE NOT (o.obligation = 'combined_letting_possible' AND COALESCE(h.hidden_now, false))
	UNION ALL
	SELECT h.area_id, k.obligation, k.paragraph, NULL, NULL,
		   'hidden for disclosure (housing_areas.min_cell_count): the kombineret udlejning list is computed from shares of too few persons',
		   NULL, 'since,until,holds'
	  FROM hidden AS h
	  JOIN obligation_kind AS k ON k.obligation = 'combined_letting_possible'
	 WHERE h.hidden_now
)
SELECT s.area_id, a.name, a.municipality_code, d.list_year, d.day AS on_date,
	   s.obligation, s.paragraph, s.since, s.until, s.holds, s.reason, s.suppressed
  FROM shown AS s
 CROSS JOIN d
  JOIN area AS a ON a.area_id = s.area_id;
COMMENT ON VIEW bi_obligations IS
'obligations() on the day of the latest list (latest_list_year()), with the name and municipality of each area: one row per area and obligation in force, built-in types only; combined_letting_possible, which follows a flag computed from shares, goes through disclosed_criteria(): where the flag is hidden, every such area has the same row (holds NULL), and suppressed names what is hidden';
COMMENT ON COLUMN bi_obligations.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN bi_obligations.name IS
'name of the area';
COMMENT ON COLUMN bi_obligations.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN bi_obligations.list_year IS
'the latest list year (latest_list_year()), the same in every row';
COMMENT ON COLUMN bi_obligations.on_date IS
'the day the obligations are given for: the day of the latest list (list_date())';
COMMENT ON COLUMN bi_obligations.obligation IS
'the obligation (obligation_kind.obligation)';
COMMENT ON COLUMN bi_obligations.paragraph IS
'the paragraph of the law that brings it (with § 26 c when a decision keeps it after the area left the udsat list)';
COMMENT ON COLUMN bi_obligations.since IS
'the day of the first list of the uninterrupted run on which it has held; NULL when undetermined';
COMMENT ON COLUMN bi_obligations.until IS
'the day of the later list (or the end of the decision) that ends it; NULL while open-ended';
COMMENT ON COLUMN bi_obligations.holds IS
'true: in force; NULL: undetermined (missing values); false only for a § 51 b decision in force where the area is not on the list';
COMMENT ON COLUMN bi_obligations.reason IS
'why: the list and category, the decision, or what leaves it undetermined';
COMMENT ON COLUMN bi_obligations.suppressed IS
'the columns of this row hidden for disclosure (housing_areas.min_cell_count; disclosed_criteria()), comma-separated: since,until,holds for combined_letting_possible where the kombineret udlejning flag of the list is hidden, since where only that of an earlier list is; empty when nothing is hidden';

CREATE VIEW gis_obligations AS
SELECT b.area_id * 10 + k.ordinal AS id,
	   b.area_id, b.name, b.municipality_code, b.list_year, b.on_date,
	   b.obligation, b.paragraph, b.since, b.until, b.holds, b.reason,
	   a.geom,
	   b.area_id * 10 + k.ordinal AS ogc_fid,
	   b.suppressed
  FROM bi_obligations AS b
  JOIN obligation_kind AS k ON k.obligation = b.obligation
  JOIN area AS a ON a.area_id = b.area_id;
COMMENT ON VIEW gis_obligations IS
'the obligations in force on the day of the latest list as a map layer (the rows of bi_obligations, disclosure included): one polygon per area and obligation (filter "obligation" = ''daycare_cap''), integer key id (area_id * 10 + obligation_kind.ordinal), the same key as ogc_fid for GDAL, geometry(MultiPolygon, 25832)';
COMMENT ON COLUMN gis_obligations.id IS
'integer key for GIS clients: area_id * 10 + the ordinal of the obligation (obligation_kind.ordinal, 1 to 9); the first column, which QGIS proposes as the key of a view';
COMMENT ON COLUMN gis_obligations.area_id IS
'the area (area.area_id)';
COMMENT ON COLUMN gis_obligations.name IS
'name of the area';
COMMENT ON COLUMN gis_obligations.municipality_code IS
'four-digit municipality code of the area; NULL when not recorded';
COMMENT ON COLUMN gis_obligations.list_year IS
'the latest list year (latest_list_year()), the same in every row';
COMMENT ON COLUMN gis_obligations.on_date IS
'the day the obligations are given for: the day of the latest list (list_date())';
COMMENT ON COLUMN gis_obligations.obligation IS
'the obligation (obligation_kind.obligation)';
COMMENT ON COLUMN gis_obligations.paragraph IS
'the paragraph of the law that brings it (with § 26 c when a decision keeps it after the area left the udsat list)';
COMMENT ON COLUMN gis_obligations.since IS
'the day of the first list of the uninterrupted run on which it has held; NULL when undetermined';
COMMENT ON COLUMN gis_obligations.until IS
'the day of the later list (or the end of the decision) that ends it; NULL while open-ended';
COMMENT ON COLUMN gis_obligations.holds IS
'true: in force; NULL: undetermined (missing values); false only for a § 51 b decision in force where the area is not on the list';
COMMENT ON COLUMN gis_obligations.reason IS
'why: the list and category, the decision, or what leaves it undetermined';
COMMENT ON COLUMN gis_obligations.geom IS
'the area polygon: MultiPolygon in EPSG:25832 (metres)';
COMMENT ON COLUMN gis_obligations.ogc_fid IS
'the key id again, under the name GDAL''s PostgreSQL driver takes as the feature id of a view (its PGSQL_OGR_FID default)';
COMMENT ON COLUMN gis_obligations.suppressed IS
'the columns of this row hidden for disclosure, as in bi_obligations: since,until,holds for combined_letting_possible where the kombineret udlejning flag of the list is hidden, since where only that of an earlier list is; empty when nothing is hidden';

CREATE FUNCTION housing_areas_private.obligation_colour(state text) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE state WHEN 'holds' THEN '#2171b5'
					  WHEN 'undetermined' THEN category_colour('unknown')
					  ELSE category_colour('none') END;
END;
COMMENT ON FUNCTION housing_areas_private.obligation_colour(text) IS
'the fill of an area on obligations_map_svg: blue where the obligation holds, the colours of unknown and none for undetermined and not in force';

CREATE FUNCTION housing_areas_private.svg_obligation_areas(on_date date, obligation text, municipality_code text)
	RETURNS housing_areas_private.svg_area[]
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- the category field of svg_area carries the state: holds, undetermined or not
	SELECT ARRAY(
		SELECT ROW(a.area_id,
				   CASE WHEN h.hidden_now THEN 'undetermined'
						WHEN o.holds THEN 'holds' WHEN o.area_id IS NOT NULL AND o.holds IS NULL THEN 'undetermined'
						ELSE 'not' END,
				   a.name || ': ' || CASE WHEN h.hidden_now THEN 'hidden for disclosure'
										  ELSE COALESCE(o.reason, 'not in force') END,
				   a.geom)::housing_areas_private.svg_area
		  FROM area AS a
		  LEFT JOIN obligations(svg_obligation_areas.on_date, NULL) AS o
				 ON o.area_id = a.area_id AND o.obligation = svg_obligation_areas.obligation
		  -- the kombineret udlejning flag goes through disclosed_criteria()
		  LEFT JOIN housing_areas_private.letting_hidden(
					   (SELECT max(ay.list_year) FROM area_year AS ay
						 WHERE housing_areas_private.list_day(ay.list_year) <= svg_obligation_areas.on_date)) AS h
				 ON h.area_id = a.area_id AND svg_obligation_areas.obligation = 'combined_letting_possible'
		 WHERE svg_obligation_areas.municipality_code IS NULL OR a.municipality_code = svg_obligation_areas.municipality_code
		 ORDER BY a.area_id);
END;
COMMENT ON FUNCTION housing_areas_private.svg_obligation_areas(date, text, text) IS
'the areas of obligations_map_svg (of one municipality, or all), each with its state (holds, undetermined, not) in the category field and the reason as tooltip; combined_letting_possible is undetermined where disclosed_criteria() hides the flag it follows';

CREATE FUNCTION housing_areas_private.svg_obligation_shapes(frame housing_areas_private.svg_frame,
															areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	-- the polygons, and on a wide map a circle on each (those in force on top)
	SELECT xmlconcat(
		(SELECT xmlagg(xmlelement(name path,
						   xmlattributes(housing_areas_private.svg_path(svg_obligation_shapes.frame, a.geom) AS d,
										 housing_areas_private.obligation_colour(a.category) AS fill,
										 'evenodd' AS "fill-rule", l.ink AS stroke, l.line_width AS "stroke-width"),
						   xmlelement(name title, a.title))
					   ORDER BY a.area_id)
		   FROM unnest(svg_obligation_shapes.areas) AS a),
		(SELECT xmlagg(housing_areas_private.svg_circle(svg_obligation_shapes.frame, ST_PointOnSurface(a.geom),
						   l.marker_r, housing_areas_private.obligation_colour(a.category), l.ink, l.line_width, a.title)
					   ORDER BY a.category = 'holds', a.area_id)
		   FROM unnest(svg_obligation_shapes.areas) AS a
		  WHERE (svg_obligation_shapes.frame).wide))
	  FROM housing_areas_private.svg_layout() AS l;
END;
COMMENT ON FUNCTION housing_areas_private.svg_obligation_shapes(housing_areas_private.svg_frame, housing_areas_private.svg_area[]) IS
'the areas of obligations_map_svg as paths filled by their state, and circles on a wide map';

CREATE FUNCTION housing_areas_private.svg_obligation_legend(frame housing_areas_private.svg_frame, title text,
															areas housing_areas_private.svg_area[])
	RETURNS xml
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT xmlconcat(
		xmlelement(name text, xmlattributes(l.margin AS x, l.title_y AS y, l.title_style AS style), svg_obligation_legend.title),
		xmlelement(name text, xmlattributes(l.margin AS x, l.summary_y AS y, l.grey AS fill),
				   (SELECT count(*) FILTER (WHERE a.category = 'holds') || ' of ' || count(*) || ' areas, '
						   || count(*) FILTER (WHERE a.category = 'undetermined') || ' undetermined'
					  FROM unnest(svg_obligation_legend.areas) AS a)),
		(SELECT xmlagg(xmlconcat(
					xmlelement(name rect, xmlattributes(c.left_x + l.legend_rect_x AS x,
													   l.legend_rect_y + l.legend_row * e.n AS y,
													   l.legend_rect_width AS width, l.legend_rect_height AS height,
													   housing_areas_private.obligation_colour(e.state) AS fill, l.ink AS stroke)),
					xmlelement(name text, xmlattributes(c.left_x + l.legend_text_x AS x,
													   l.legend_text_y + l.legend_row * e.n AS y), e.label))
				ORDER BY e.n)
		   FROM (VALUES (1, 'holds', 'in force'), (2, 'undetermined', 'undetermined (missing values)'),
						(3, 'not', 'not in force')) AS e(n, state, label)))
	  FROM housing_areas_private.svg_layout() AS l
	 CROSS JOIN LATERAL (SELECT COALESCE((svg_obligation_legend.frame).w, l.empty_map_width) AS left_x) AS c;
END;
COMMENT ON FUNCTION housing_areas_private.svg_obligation_legend(housing_areas_private.svg_frame, text, housing_areas_private.svg_area[]) IS
'the title, the counts and the legend (in force, undetermined, not in force) of obligations_map_svg';

CREATE FUNCTION obligations_map_svg(on_date date, obligation text, municipality_code text DEFAULT NULL)
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH chosen AS MATERIALIZED (
		SELECT housing_areas_private.svg_obligation_areas(obligations_map_svg.on_date, obligations_map_svg.obligation,
														  obligations_map_svg.municipality_code) AS areas,
			   k.paragraph
		  FROM obligation_kind AS k
		 WHERE housing_areas_private.check_known('obligation', obligations_map_svg.obligation,
				   ARRAY(SELECT o.obligation FROM obligation_kind AS o ORDER BY o.ordinal), 'The obligations are ')
		   AND k.obligation = obligations_map_svg.obligation
		   AND obligations_map_svg.on_date IS NOT NULL
	), framed AS MATERIALIZED (
		SELECT c.*, housing_areas_private.svg_frame(housing_areas_private.svg_extent(obligations_map_svg.municipality_code,
																					   c.areas)) AS frame
		  FROM chosen AS c
	)
	SELECT housing_areas_private.svg_document(f.frame, 3,
			   xmlconcat(housing_areas_private.svg_obligation_legend(f.frame,
							 obligations_map_svg.obligation || ' (' || f.paragraph || ') on '
							 || to_char(obligations_map_svg.on_date, 'YYYY-MM-DD')
							 || COALESCE(' — ' || (SELECT m.name FROM municipality AS m
												   WHERE m.municipality_code = obligations_map_svg.municipality_code), ''),
							 f.areas),
						 housing_areas_private.svg_outline(f.frame, obligations_map_svg.municipality_code),
						 housing_areas_private.svg_land(f.frame, obligations_map_svg.municipality_code),
						 housing_areas_private.svg_obligation_shapes(f.frame, f.areas),
						 housing_areas_private.svg_credit(f.frame)))::text
	  FROM framed AS f;
END;
COMMENT ON FUNCTION obligations_map_svg(date, text, text) IS
'an SVG map of one obligation on a date (obligations()): the areas (of one municipality, or all) where it is in force, undetermined or not, with the reason as tooltip, a legend and a title';
