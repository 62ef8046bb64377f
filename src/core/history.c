/*
 * history.c
 *		Runs of consecutive list years, and the 40 % rule of development plans.
 */
#include "history.h"

#include <math.h>
#include <stdio.h>

#include "ha_number.h"

/* Start an empty run. */
void
ha_run_init(HaRun *run)
{
	run->started = false;
	run->last_year = 0;
	run->lo = 0;
	run->hi = 0;
}

/*
 * Add the next list year.  Rows must come in strictly ascending year order;
 * a year that does not follow the previous one directly starts a new run,
 * "not on the list" ends it, and an unknown year widens it.
 */
bool
ha_run_step(HaRun *run, HaTri on_list, int list_year, HaError *err)
{
	if (run->started && list_year <= run->last_year)
		return ha_fail(err, HA_E_YEARS_OUT_OF_ORDER, NULL,
					   &(HaErrorAbout) {.n = {list_year, run->last_year}});
	if (!run->started || list_year != run->last_year + 1)
		run->lo = run->hi = 0;
	switch (on_list)
	{
		case HA_TRUE:
			run->lo++;
			run->hi++;
			break;
		case HA_FALSE:
			run->lo = run->hi = 0;
			break;
		case HA_UNKNOWN:
			run->lo = 0;
			run->hi++;
			break;
	}
	run->started = true;
	run->last_year = list_year;
	return true;
}

/* The run length, when the unknown years do not matter. */
bool
ha_run_known(const HaRun *run, int *years)
{
	if (run->lo != run->hi)
		return false;
	*years = run->lo;
	return true;
}

/* Fill err for a count argument that is negative. */
static bool
fail_negative(HaError *err, const char *name, long long value)
{
	char		shown[32];

	snprintf(shown, sizeof(shown), "%lld", value);
	return ha_fail(err, HA_E_NEGATIVE_COUNT, shown,
				   &(HaErrorAbout) {.arg = name});
}

/*
 * The denominator of the 40 % rule: all dwellings + demolished units not
 * replaced by family units + floor(commercial m² / m2_per_dwelling), the
 * m2_per_dwelling of the rule text (75), after checking the inputs make
 * sense.
 */
bool
ha_plan_total(const HaPlanRule *plan, int32_t family_units, int32_t dwellings,
			  int32_t demolished, double commercial_m2, int64_t *total,
			  HaError *err)
{
	if (family_units < 0)
		return fail_negative(err, "family_units", family_units);
	if (dwellings < 0)
		return fail_negative(err, "dwellings", dwellings);
	if (demolished < 0)
		return fail_negative(err, "demolished", demolished);
	if (isnan(commercial_m2) || commercial_m2 < 0 ||
		commercial_m2 > HA_MAX_COMMERCIAL_M2)
	{
		char		shown[HA_DOUBLE_BUFLEN];

		ha_format_double(commercial_m2, shown);
		return ha_fail(err, HA_E_BAD_FLOOR_AREA, shown,
					   &(HaErrorAbout) {.arg = "commercial_m2"});
	}
	if (family_units > dwellings)
		return ha_fail(err, HA_E_MORE_FAMILY_UNITS, NULL,
					   &(HaErrorAbout) {.n = {family_units, dwellings}});
	*total = (int64_t) dwellings + demolished +
		(int64_t) floor(commercial_m2 / (double) plan->m2_per_dwelling);
	if (*total == 0)
		return ha_fail(err, HA_E_NO_DWELLINGS, NULL,
					   &(HaErrorAbout) {.n = {plan->m2_per_dwelling}});
	return true;
}

/* Family units as a percentage of the total. */
double
ha_plan_share(int32_t family_units, int64_t total)
{
	return 100.0 * (double) family_units / (double) total;
}

/*
 * den F - num T for the target num/den (0.4 = 40/100): positive when the
 * family units are above the target.  |F| < 2^31, T < 2^33 and num, den at
 * most 10^8 (rulelang.c), so it fits.
 */
static int64_t
over_target(const HaPlanRule *plan, int32_t family_units, int64_t total)
{
	return plan->target_den * (int64_t) family_units - plan->target_num * total;
}

/* ceil(F - 0.4 T), at least 0: family units to convert, sell or demolish. */
int64_t
ha_plan_units_over_target(const HaPlanRule *plan, int32_t family_units,
						  int64_t total)
{
	int64_t		n = over_target(plan, family_units, total);

	return n <= 0 ? 0 : (n + plan->target_den - 1) / plan->target_den;
}

/* ceil(F / 0.4 - T), at least 0: other dwellings to add instead. */
int64_t
ha_plan_dwellings_to_add(const HaPlanRule *plan, int32_t family_units,
						 int64_t total)
{
	int64_t		n = over_target(plan, family_units, total);

	return n <= 0 ? 0 : (n + plan->target_num - 1) / plan->target_num;
}
