/*
 * housing_areas.c
 *		Module entry point and the bridge from core errors to ereport().
 */
#include "housing_areas.h"

#include "utils/elog.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* housing_areas.min_cell_count: person counts below it are not shown. */
static int	min_cell_count = 5;

/* Module load: define the configuration parameters. */
void
_PG_init(void)
{
	DefineCustomIntVariable("housing_areas.min_cell_count",
							"Smallest person count the views and reports show.",
							"Counts of persons from 1 up to one less than this are suppressed "
							"(shown as NULL), as Danish register data rules require; so are "
							"shares of a population this small.",
							&min_cell_count,
							5, 1, 1000,
							PGC_USERSET, 0,
							NULL, NULL, NULL);
	MarkGUCPrefixReserved("housing_areas");
}

PG_FUNCTION_INFO_V1(ha_min_cell_count);
/* min_cell_count(): the current value of housing_areas.min_cell_count. */
Datum
ha_min_cell_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(min_cell_count);
}

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
