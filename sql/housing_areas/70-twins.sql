-- twins: the k nearest records of every record of a list year, in C (k-d
-- trees over the known coordinates, src/core/twins.c).  The PostGIS layer's
-- area_twins calls it per list year with each record's twin_coordinates();
-- the distance is twin_distance()'s, bit for bit (docs/decisions.md, 43).

CREATE FUNCTION housing_areas_private.nearest_twins(ids integer[], coordinates double precision[],
	exclude_area integer[], exclude_twin integer[], k integer, min_common integer)
	RETURNS TABLE (area_id integer, rank integer, twin_id integer, distance double precision,
				   common_criteria integer)
	AS 'MODULE_PATHNAME', 'ha_nearest_twins_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION housing_areas_private.nearest_twins(integer[], double precision[], integer[], integer[], integer, integer) IS
'the k nearest twins of each record (ids, unique; coordinates: one row of 5 per id, labour, convictions, education, income and non-Western as twin_coordinates() gives them, NULL = unknown): the root mean square of the differences over the coordinates known in both, rounded to 10 decimals as twin_distance(), pairs with fewer than min_common in common left out, ties by id; a record never gets the twin exclude_twin[i] when it is exclude_area[i]; rows by record in the order of ids, then rank; exact, by k-d trees rather than all pairs';
