/*
 * housing_areas.h
 *		Shared declarations of the PostgreSQL glue.
 */
#ifndef HOUSING_AREAS_H
#define HOUSING_AREAS_H

#include "postgres.h"
#include "fmgr.h"

#include "core/ha_error.h"
#include "core/indicators.h"
#include "core/tally.h"

/*
 * Raise a core error as a PostgreSQL ERROR; never returns.  PostgreSQL 18
 * replaced the suffix pg_attribute_noreturn() by the prefix pg_noreturn.
 */
#if PG_VERSION_NUM >= 180000
pg_noreturn extern void ha_report(const HaError *err);
#else
extern void ha_report(const HaError *err) pg_attribute_noreturn();
#endif

/* Fetch an indicators argument (fixed length, passed by reference). */
#define PG_GETARG_INDICATORS_P(n) ((HaIndicators *) PG_GETARG_POINTER(n))
#define PG_RETURN_INDICATORS_P(x) PG_RETURN_POINTER(x)
#define DatumGetIndicatorsP(d) ((HaIndicators *) DatumGetPointer(d))

/* Fetch a tally argument (fixed length, passed by reference). */
#define PG_GETARG_TALLY_P(n) ((HaTally *) PG_GETARG_POINTER(n))
#define PG_RETURN_TALLY_P(x) PG_RETURN_POINTER(x)

#endif							/* HOUSING_AREAS_H */
