/*
 * history.h
 *		Runs of consecutive list years, and the 40 % rule of development plans.
 *
 * Pure C.  The run state is what the years_on_list aggregate carries from
 * row to row; the plan functions are the arithmetic of almenboligloven
 * § 168 a done in integers, so 40 % is exact.  The 40 % and the 75 m² per
 * dwelling come from the consequences of the rule text (HaPlanRule).
 */
#ifndef HA_HISTORY_H
#define HA_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "ha_error.h"
#include "rules.h"

/*
 * The run of list years ending at the latest row: lo counts it with every
 * unknown year taken as "not on the list", hi with every unknown year taken
 * as "on the list".  The run is known when lo == hi.
 */
typedef struct HaRun
{
	bool		started;
	int			last_year;
	int			lo;
	int			hi;
} HaRun;

/* Largest commercial floor area accepted, in m² (far above any real area). */
#define HA_MAX_COMMERCIAL_M2 1e9

extern void ha_run_init(HaRun *run);
extern bool ha_run_step(HaRun *run, HaTri on_list, int list_year, HaError *err);
extern bool ha_run_known(const HaRun *run, int *years);

extern bool ha_plan_total(const HaPlanRule *plan, int32_t family_units,
						  int32_t dwellings, int32_t demolished,
						  double commercial_m2, int64_t *total, HaError *err);
extern double ha_plan_share(int32_t family_units, int64_t total);
extern int64_t ha_plan_units_over_target(const HaPlanRule *plan,
										 int32_t family_units, int64_t total);
extern int64_t ha_plan_dwellings_to_add(const HaPlanRule *plan,
										int32_t family_units, int64_t total);

#endif							/* HA_HISTORY_H */
