-- disclosure control: person counts below housing_areas.min_cell_count
-- (default 5) are not shown by the BI view and the demo report.

CREATE FUNCTION min_cell_count() RETURNS integer
	AS 'MODULE_PATHNAME', 'ha_min_cell_count'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION min_cell_count() IS
'the smallest person count shown: the setting housing_areas.min_cell_count (default 5)';

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
	-- an unknown population may be a small one: hide the share
	RETURN CASE WHEN population >= min_cell_count() THEN share END;
COMMENT ON FUNCTION disclose_share(double precision, double precision) IS
'a share of a population, or NULL when the population is smaller than min_cell_count() or unknown';
