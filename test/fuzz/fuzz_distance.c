/*
 * fuzz_distance.c
 *		libFuzzer target: what it would take to leave or enter a list
 *		(list_distance, cheapest_change).
 *
 * Input layout:
 *
 *	  offset  size  use
 *		   0     1  list year: 2010 + byte % 20
 *		   1     1  flags: bit 0 set = tally mode, clear = indicators mode;
 *					tally mode: bit 1 a previous year, bit 2 a national
 *					share (0.3 + (byte >> 4) / 10), bit 3 a regional mean
 *		   2     -  indicators mode: an indicators text; tally mode: the
 *					tally text of the latest year, and after a newline the
 *					previous year's (inputs the parsers refuse are skipped)
 *
 * Under the list year's rule version:
 *
 *	- list_distance writes at most HA_MAX_DISTANCES rows; a row with a
 *	  change has a known outcome, value + change is the threshold (to the
 *	  10 decimals of display) and the flip operator is the operator or its
 *	  negation; a row counted in persons moves the right way;
 *	- cheapest_change writes at most HA_MAX_CHANGE_SETS sets, options
 *	  1..n per list in order, each moving known values only; classified
 *	  again with its moves (the value reached in persons, or the threshold,
 *	  or just past it when it must be passed), every set crosses its list:
 *	  off it (and not onto the list that keeps an area off it) or onto it.
 *
 * Build: see test/run-fuzz.sh.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "distance.h"
#include "rulelang.h"
#include "rules.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The built-in rule text, parsed on the first input. */
static HaRuleBook book;
static bool book_ready;

/* Check the rows of list_distance. */
static void
check_distances(const HaIndicators *ind, const HaDistanceBasis *b, int year,
				const HaRuleSet *rules)
{
	static HaCheckDistance rows[HA_MAX_DISTANCES];
	int			n = ha_list_distances(ind, b, year, rules, rows);
	int			i;

	FUZZ_CHECK(n >= 0 && n <= HA_MAX_DISTANCES, rules->id);
	for (i = 0; i < n; i++)
	{
		const HaCheckDistance *d = &rows[i];
		const HaCheck *c = d->margin.check;

		if (c == NULL)
		{
			FUZZ_CHECK(d->role == HA_ROLE_REQUIRES || d->role == HA_ROLE_UNLESS, rules->id);
			continue;
		}
		if (!d->change_known)
		{
			FUZZ_CHECK(!d->persons_known, rules->id);
			continue;
		}
		FUZZ_CHECK(d->margin.met != HA_UNKNOWN && d->margin.value_known &&
				   d->margin.threshold_known, rules->id);
		FUZZ_CHECK(isfinite(d->change) &&
				   fabs(d->margin.value + d->change - d->margin.threshold) <=
				   1e-9 * (1 + fabs(d->margin.threshold)), rules->id);
		FUZZ_CHECK(d->flip_op == (d->margin.met == HA_TRUE ?
								  ha_op_negation(c->op) : c->op), rules->id);
		if (d->persons_known)
		{
			/* persons move the value the way the change does */
			FUZZ_CHECK(d->persons != 0, rules->id);
			if (d->change != 0)
				FUZZ_CHECK((d->persons > 0) == (d->change > 0), rules->id);
		}
	}
}

/* Check the sets of cheapest_change by classifying each again. */
static void
check_sets(const HaIndicators *ind, const HaDistanceBasis *b, int year,
		   const HaRuleSet *rules)
{
	static HaChangeSet sets[HA_MAX_CHANGE_SETS];
	int			n = ha_cheapest_changes(ind, b, year, rules, sets);
	int			i,
				j;

	FUZZ_CHECK(n >= 0 && n <= HA_MAX_CHANGE_SETS, rules->id);
	for (i = 0; i < n; i++)
	{
		const HaChangeSet *s = &sets[i];
		HaIndicators x = *ind;
		HaClassification c;
		HaTri		want;

		FUZZ_CHECK(s->nmoves >= 0 && s->nmoves <= HA_DIST_NVARS, rules->id);
		if (s->nmoves == 0)
		{
			FUZZ_CHECK(s->option == 0 && s->note != HA_NOTE_NONE, rules->id);
			continue;
		}
		FUZZ_CHECK(s->direction != HA_DIR_NONE, rules->id);
		FUZZ_CHECK(s->option == (i > 0 && sets[i - 1].list == s->list ?
								 sets[i - 1].option + 1 : 1), rules->id);
		int			tiny = -1;	/* a strict move at a subnormal threshold */
		int			ulps;

		for (j = 0; j < s->nmoves; j++)
		{
			const HaMove *m = &s->moves[j];
			double		v = m->threshold;

			FUZZ_CHECK(ha_ind_known(ind, m->field), rules->id);
			if (m->reached_known)
				v = m->reached;
			else if (m->field == HA_IND_RESIDENTS)
				v = m->value + (double) m->amount;
			else if (m->strict)
			{
				/*
				 * Just past the threshold, by a step relative to it: a fixed
				 * step would overshoot a tiny threshold (a multiple of a
				 * national average near 0) past the next one, or below 0.
				 * At a subnormal threshold, one ulp at a time, below.
				 */
				double		step = fabs(v) * 1e-9;

				if (fabs(v) >= DBL_MIN || v == 0)
					v += (m->op == HA_OP_LT ? -1 : 1) * (step > 0 ? step : 1e-12);
				else
				{
					tiny = j;
					v = nextafter(v, m->op == HA_OP_LT ? -INFINITY : INFINITY);
				}
			}
			ha_field_put(&ha_ind_fields[m->field], &x, v);
		}
		ha_classify(&x, year, rules, &c);
		want = s->direction == HA_DIR_ENTER ? HA_TRUE : HA_FALSE;

		/*
		 * A subnormal multiple of national_convicted is compared as the
		 * shortest decimals of its parts (ha_decimal_compare), which lie an
		 * ulp or two from the binary threshold (subnormals keep fewer
		 * digits): the crossing must come within 16 ulps of it.
		 */
		for (ulps = 1; tiny >= 0 && ulps < 16 && ha_list_flag(&c, s->list) != want; ulps++)
		{
			const HaMove *m = &s->moves[tiny];
			double		v = ha_ind_get(&x, m->field);

			ha_field_put(&ha_ind_fields[m->field], &x,
						 nextafter(v, m->op == HA_OP_LT ? -INFINITY : INFINITY));
			ha_classify(&x, year, rules, &c);
		}
		FUZZ_CHECK(ha_list_flag(&c, s->list) == want, ha_category_name(s->list));
		if (s->direction == HA_DIR_LEAVE && s->list == HA_CAT_FOREBYGGELSE)
			FUZZ_CHECK(c.udsat == HA_FALSE, "forebyggelse left by becoming udsat");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	HaError		err;
	HaIndicators ind;
	HaDistanceBasis basis;
	const HaRuleSet *rules;
	char	   *s;
	int			year;
	uint8_t		flags;
	bool		tally_mode;

	if (!book_ready)
	{
		if (!ha_rules_parse(ha_builtin_rules, ha_builtin_rules_len, &book, &err))
			abort();
		book_ready = true;
	}
	if (size < 2)
		return 0;
	year = 2010 + data[0] % 20;
	flags = data[1];
	tally_mode = flags & 1;
	s = fuzz_cstring(data + 2, size - 2);
	memset(&basis, 0, sizeof(basis));
	fuzz_clear_error(&err);
	if (tally_mode)
	{
		char	   *nl = strchr(s, '\n');

		if (nl != NULL)
			*nl = '\0';
		basis.has_prev = (flags & 2) && nl != NULL;
		basis.has_national = flags & 4;
		basis.national_convicted = 0.3 + (flags >> 4) / 10.0;
		basis.has_regional = flags & 8;
		basis.regional_income = 300000;
		if (!ha_tally_parse(s, &basis.cur, &err) ||
			(basis.has_prev && !ha_tally_parse(nl + 1, &basis.prev, &err)) ||
			!ha_tally_to_indicators(&basis.cur, basis.has_prev ? &basis.prev : NULL,
									basis.has_national ? &basis.national_convicted : NULL,
									basis.has_regional ? &basis.regional_income : NULL,
									&ind, &err))
		{
			/* a refusal is a complete report of any class */
			fuzz_check_error(&err, ~0u, "tally input");
			free(s);
			return 0;
		}
	}
	else if (!ha_ind_parse(s, &ind, &err))
	{
		fuzz_check_error(&err, ~0u, "indicators input");
		free(s);
		return 0;
	}
	rules = ha_rules_for_year(&book, year, &err);
	FUZZ_CHECK(rules != NULL, s);
	check_distances(&ind, tally_mode ? &basis : NULL, year, rules);
	check_sets(&ind, tally_mode ? &basis : NULL, year, rules);
	free(s);
	return 0;
}
