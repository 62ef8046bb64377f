-- disclosure control: person counts below housing_areas.min_cell_count
-- (default 5), shares that imply such a count, and every value of a
-- population below it are not shown by the BI and GIS views, the map
-- outputs and the demo's exports (docs/decisions.md, "Disclosure").

CREATE FUNCTION min_cell_count() RETURNS integer
	AS 'MODULE_PATHNAME', 'ha_min_cell_count'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION min_cell_count() IS
'the smallest person count shown: the setting housing_areas.min_cell_count (default 5); 1 turns disclosure control off';

CREATE FUNCTION disclose(n integer) RETURNS integer
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE WHEN n > 0 AND n < min_cell_count() THEN NULL ELSE n END;
COMMENT ON FUNCTION disclose(integer) IS
'a person count, or NULL when it is from 1 to min_cell_count() - 1 (register data rules)';

CREATE FUNCTION disclose(n bigint) RETURNS bigint
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE WHEN n > 0 AND n < min_cell_count() THEN NULL ELSE n END;
COMMENT ON FUNCTION disclose(bigint) IS
'a person count, or NULL when it is from 1 to min_cell_count() - 1 (register data rules)';

CREATE FUNCTION disclose_share(share double precision, population double precision)
	RETURNS double precision
	LANGUAGE sql STABLE PARALLEL SAFE
	-- an unknown population may be a small one: hide the share; a share of
	-- a large population may still be one person (16.7 % of 6), or all but
	-- one: the count it implies and the rest, rounded to persons (half up),
	-- are checked like disclose() checks a count
	RETURN CASE WHEN min_cell_count() <= 1 THEN share
				WHEN population >= min_cell_count()
					 AND NOT floor(share * population / 100 + 0.5) BETWEEN 1 AND min_cell_count() - 1
					 AND NOT floor((100 - share) * population / 100 + 0.5) BETWEEN 1 AND min_cell_count() - 1
				THEN share END;
COMMENT ON FUNCTION disclose_share(double precision, double precision) IS
'a share (%) of a population, or NULL when the population is unknown or smaller than min_cell_count(), or when the persons it implies (share × population / 100, rounded) or the rest of the population number 1 to min_cell_count() - 1; the share itself when min_cell_count() is 1';

CREATE FUNCTION disclose_mean(mean double precision, population double precision)
	RETURNS double precision
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE WHEN min_cell_count() <= 1 OR population >= min_cell_count() THEN mean END;
COMMENT ON FUNCTION disclose_mean(double precision, double precision) IS
'a mean over the persons of a population (e.g. income), or NULL when the population is unknown or smaller than min_cell_count(); the mean itself when min_cell_count() is 1';

CREATE FUNCTION disclosed_criteria(ind indicators, persons tally, list_year integer)
	RETURNS TABLE (residents integer, nonwestern_pct double precision, outside_labour_pct double precision,
				   convicted_pct double precision, basic_education_pct double precision,
				   income_pct double precision, labour boolean, convictions boolean, education boolean,
				   income boolean, nonwestern boolean, criteria_met integer, criteria_unknown integer,
				   kombineret_udlejning boolean, suppressed text[])
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	-- each value is checked against its own population: residents for
	-- residents and nonwestern, the counts of the tally persons for the
	-- others (18-64 labour, 18+ convictions, 30-59 education, taxpayers
	-- 15-64 income); without a tally those populations are unknown, and an
	-- unknown population may be a small one. When any value of the record
	-- is hidden, every criterion value and flag, the counts of criteria and
	-- kombineret udlejning are hidden with it: with the category they would
	-- let the hidden one be worked out (2 of 4 criteria, 2 of 3 under dk2010)
	WITH v AS (
		SELECT classify(disclosed_criteria.ind, disclosed_criteria.list_year) AS c,
			   indicator(disclosed_criteria.ind, 'residents') AS r,
			   indicator(disclosed_criteria.ind, 'nonwestern') AS nw,
			   indicator(disclosed_criteria.ind, 'outside_labour') AS ol,
			   indicator(disclosed_criteria.ind, 'convicted') AS cv,
			   indicator(disclosed_criteria.ind, 'basic_education') AS be,
			   indicator(disclosed_criteria.ind, 'income') AS inc,
			   tally_value(disclosed_criteria.persons, 'persons_18_64') AS p_labour,
			   tally_value(disclosed_criteria.persons, 'persons_18plus') AS p_convicted,
			   tally_value(disclosed_criteria.persons, 'persons_30_59') AS p_education,
			   tally_value(disclosed_criteria.persons, 'taxpayers_15_64') AS p_income
	), s AS (
		SELECT v.c, v.r, v.nw, v.ol, v.cv, v.be, v.inc,
			   disclose(v.r::integer) AS r_shown,
			   disclose_share(v.nw, v.r) AS nw_shown,
			   disclose_share(v.ol, v.p_labour) AS ol_shown,
			   disclose_share(v.cv, v.p_convicted) AS cv_shown,
			   disclose_share(v.be, v.p_education) AS be_shown,
			   disclose_mean(v.inc, v.p_income) AS inc_shown
		  FROM v
	), h AS (
		SELECT s.*,
			   (s.r IS NOT NULL AND s.r_shown IS NULL) OR (s.nw IS NOT NULL AND s.nw_shown IS NULL)
			   OR (s.ol IS NOT NULL AND s.ol_shown IS NULL) OR (s.cv IS NOT NULL AND s.cv_shown IS NULL)
			   OR (s.be IS NOT NULL AND s.be_shown IS NULL) OR (s.inc IS NOT NULL AND s.inc_shown IS NULL)
				   AS hide
		  FROM s
	)
	SELECT h.r_shown,
		   CASE WHEN NOT h.hide THEN h.nw_shown END,
		   CASE WHEN NOT h.hide THEN h.ol_shown END,
		   CASE WHEN NOT h.hide THEN h.cv_shown END,
		   CASE WHEN NOT h.hide THEN h.be_shown END,
		   CASE WHEN NOT h.hide THEN h.inc_shown END,
		   CASE WHEN NOT h.hide THEN (h.c).labour END,
		   CASE WHEN NOT h.hide THEN (h.c).convictions END,
		   CASE WHEN NOT h.hide THEN (h.c).education END,
		   CASE WHEN NOT h.hide THEN (h.c).income END,
		   CASE WHEN NOT h.hide THEN (h.c).nonwestern END,
		   CASE WHEN NOT h.hide THEN (h.c).criteria_met END,
		   CASE WHEN NOT h.hide THEN (h.c).criteria_unknown END,
		   CASE WHEN NOT h.hide THEN (h.c).kombineret_udlejning END,
		   -- the values that are known but not shown, in column order
		   array_remove(ARRAY[
			   CASE WHEN h.r IS NOT NULL AND h.r_shown IS NULL THEN 'residents' END,
			   CASE WHEN h.nw IS NOT NULL AND h.hide THEN 'nonwestern_pct' END,
			   CASE WHEN h.ol IS NOT NULL AND h.hide THEN 'outside_labour_pct' END,
			   CASE WHEN h.cv IS NOT NULL AND h.hide THEN 'convicted_pct' END,
			   CASE WHEN h.be IS NOT NULL AND h.hide THEN 'basic_education_pct' END,
			   CASE WHEN h.inc IS NOT NULL AND h.hide THEN 'income_pct' END,
			   CASE WHEN (h.c).labour IS NOT NULL AND h.hide THEN 'labour' END,
			   CASE WHEN (h.c).convictions IS NOT NULL AND h.hide THEN 'convictions' END,
			   CASE WHEN (h.c).education IS NOT NULL AND h.hide THEN 'education' END,
			   CASE WHEN (h.c).income IS NOT NULL AND h.hide THEN 'income' END,
			   CASE WHEN (h.c).nonwestern IS NOT NULL AND h.hide THEN 'nonwestern' END,
			   CASE WHEN (h.c).criteria_met IS NOT NULL AND h.hide THEN 'criteria_met' END,
			   CASE WHEN (h.c).criteria_unknown IS NOT NULL AND h.hide THEN 'criteria_unknown' END,
			   CASE WHEN (h.c).kombineret_udlejning IS NOT NULL AND h.hide THEN 'kombineret_udlejning' END],
			   NULL)
	  FROM h;
END;
COMMENT ON FUNCTION disclosed_criteria(indicators, tally, integer) IS
'the person figures of one area and list year as they may be shown under housing_areas.min_cell_count: residents through disclose(), nonwestern through disclose_share() of residents, outside_labour, convicted and basic_education through disclose_share() of persons_18_64, persons_18plus and persons_30_59 of the tally persons, income through disclose_mean() of its taxpayers_15_64 (unknown without persons: hidden), and the criteria flags, criteria_met, criteria_unknown and kombineret_udlejning of classify(); when any value is hidden, every share and flag is hidden with it; suppressed names the known values hidden. One row, also for NULL arguments';
