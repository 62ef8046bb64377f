-- development plans (almenboligloven § 168 a): the 40 % rule in integer
-- arithmetic.

CREATE FUNCTION family_housing_share(family_units integer, dwellings integer,
	demolished integer DEFAULT 0, commercial_m2 double precision DEFAULT 0)
	RETURNS double precision
	AS 'MODULE_PATHNAME', 'ha_family_housing_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION family_housing_share(integer, integer, integer, double precision) IS
'almene familieboliger as % of all dwellings + demolished units + floor(commercial m2 / 75) (almenboligloven § 168 a)';

CREATE FUNCTION family_units_over_target(family_units integer, dwellings integer,
	demolished integer DEFAULT 0, commercial_m2 double precision DEFAULT 0)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'ha_family_units_over_target'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION family_units_over_target(integer, integer, integer, double precision) IS
'family units to convert, sell or demolish to reach the 40 % target: ceil(F - 0.4 T), at least 0';

CREATE FUNCTION dwellings_to_add(family_units integer, dwellings integer,
	demolished integer DEFAULT 0, commercial_m2 double precision DEFAULT 0)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'ha_dwellings_to_add'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dwellings_to_add(integer, integer, integer, double precision) IS
'other dwellings to add instead to reach the 40 % target: ceil(F / 0.4 - T), at least 0';
