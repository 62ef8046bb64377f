-- housing_areas: the schema of private helpers.  Functions here are called
-- by the public functions and aggregates (so PUBLIC may execute them), but
-- PUBLIC has no USAGE on the schema: they are not for users to call by
-- name, and they stay off users' search_path.

CREATE SCHEMA housing_areas_private;
COMMENT ON SCHEMA housing_areas_private IS
'private helpers of housing_areas and housing_areas_postgis: not part of the SQL interface, may change in any release';
