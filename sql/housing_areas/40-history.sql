-- history: the run of consecutive lists an area has been on, and the
-- omdannelse rule that reads it.

CREATE FUNCTION housing_areas_private.years_on_list_step(internal, boolean, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'ha_years_on_list_step'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION housing_areas_private.years_on_list_step(internal, boolean, integer) IS
'transition function of years_on_list';
CREATE FUNCTION housing_areas_private.years_on_list_final(internal) RETURNS integer
	AS 'MODULE_PATHNAME', 'ha_years_on_list_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION housing_areas_private.years_on_list_final(internal) IS
'final function of years_on_list';

CREATE AGGREGATE years_on_list(on_list boolean, list_year integer) (
	SFUNC = housing_areas_private.years_on_list_step,
	STYPE = internal,
	FINALFUNC = housing_areas_private.years_on_list_final,
	FINALFUNC_MODIFY = READ_ONLY,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE years_on_list(boolean, integer) IS
'consecutive list years ending at the last row, rows in list_year order (use as a window function OVER (PARTITION BY area ORDER BY list_year)); a missing year or false breaks the run; NULL when an unknown year decides it';

CREATE FUNCTION omdannelse(years integer, list_year integer) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ha_omdannelse_sql'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION omdannelse(integer, integer) IS
'true when an area has been a parallelsamfund (ghetto) on each of the last 5 lists including this one, from the 2018 list on';

CREATE FUNCTION omdannelse(years integer, list_year integer, rules text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'ha_omdannelse_sql'
	LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION omdannelse(integer, integer, text) IS
'omdannelse() under a chosen rule version or user rule set: true when the area has been a parallelsamfund on each of the last N lists, N and the first year from the version''s history rule; false where it has none in force that year';
