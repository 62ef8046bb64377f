/*
 * housing_areas.c
 *		Module entry point and the bridge from core errors to ereport().
 */
#include "housing_areas.h"

#include "utils/elog.h"

PG_MODULE_MAGIC;

/* SQLSTATE of a core error code. */
static int
sqlstate_of(HaErrorCode code)
{
	switch (code)
	{
		case HA_ERR_SYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case HA_ERR_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case HA_ERR_PARAM:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case HA_ERR_LIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case HA_ERR_BINARY:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case HA_OK:
			break;
	}
	return ERRCODE_INVALID_PARAMETER_VALUE;
}

/* Raise a core error as a PostgreSQL ERROR. */
void
ha_report(const HaError *err)
{
	ereport(ERROR,
			(errcode(sqlstate_of(err->code)),
			 errmsg_internal("%s", err->message),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : 0));
	pg_unreachable();
}
