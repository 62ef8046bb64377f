/*
 * fuzz_classify.h
 *		Shared checks of a classification under one rule version, for the
 *		libFuzzer targets that classify (fuzz_rules: the built-in versions;
 *		fuzz_rulelang: versions parsed from the fuzzer's text).
 *
 * Under a version at a list year, for a record and a completed copy of it
 * (every missing field given a value):
 *
 *	- ha_category equals ha_classify().category, and the category agrees
 *	  with the flags (parallelsamfund > udsat > forebyggelse > none, unknown
 *	  only when one of them is unknown);
 *	- what the record decides stays decided in the completed copy;
 *	- ha_margins writes one row for the size gate and one per check of each
 *	  category rule in force, and each row's met and distance agree with an
 *	  exact comparison (see check_margins).
 *
 * Included once by each target; everything here is static.
 */
#ifndef HA_FUZZ_CLASSIFY_H
#define HA_FUZZ_CLASSIFY_H

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "ha_number.h"
#include "indicators.h"
#include "rules.h"

#define DISPLAY_ROUNDING 1e-10	/* ha_margins rounds distance to 10 decimals */

/* Values near which the rules change, and extremes the parser accepts. */
static const double interesting[] = {
	0, 0.65, 1.3, 1.95, 2.7, 30, 33.333333333333336, 40, 50, 55, 60, 65,
	100, 1000, 0.1, 1e-11, 5e-324, DBL_MIN, 999.9999999999999
};

/* Residents near the size gates, and the range ends. */
static const int32_t interesting_residents[] = {
	0, 999, 1000, 1001, 4999, 5000, 5001, 10000000
};

#define NINTERESTING ((int) (sizeof(interesting) / sizeof(interesting[0])))
#define NRESIDENTS ((int) (sizeof(interesting_residents) / \
							sizeof(interesting_residents[0])))

/* A little-endian 64-bit number from 8 bytes. */
static uint64_t
read_u64(const uint8_t *p)
{
	uint64_t	v = 0;
	int			i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/*
 * A candidate value of field f from a selector byte and 8 payload bytes:
 * an interesting value moved a few ulps, raw double bits, a fraction of the
 * field's maximum, or a decimal with four places.  It may be out of range.
 */
static double
field_value(HaIndField f, uint8_t sel, const uint8_t *payload)
{
	uint64_t	u = read_u64(payload);
	double		max = ha_ind_fields[f].max;
	double		v;
	int			steps;

	if (f == HA_IND_RESIDENTS)
	{
		if (sel % 2 == 0)
			return interesting_residents[u % NRESIDENTS];
		return (double) (u % 10000002);
	}
	switch (sel % 4)
	{
		case 0:
			v = interesting[u % NINTERESTING];
			for (steps = (int) ((u >> 8) % 9) - 4; steps > 0; steps--)
				v = nextafter(v, INFINITY);
			for (; steps < 0; steps++)
				v = nextafter(v, -INFINITY);
			return v;
		case 1:
			memcpy(&v, payload, sizeof(v));
			return v;
		case 2:
			return (double) (u >> 11) / 9007199254740992.0 * max;
		default:
			return (double) (u % ((uint64_t) max * 10000 + 1)) / 10000;
	}
}

/*
 * A copy of the record with every missing field given a valid value chosen
 * by the bytes p[0..len) (interesting values when they run out).
 */
static HaIndicators
completed(const HaIndicators *ind, const uint8_t *p, size_t len)
{
	HaIndicators full = *ind;
	HaError		err;
	size_t		pos = 0;
	int			f;

	for (f = 0; f < HA_IND_NFIELDS; f++)
	{
		uint8_t		payload[8] = {0};
		uint8_t		sel = 0;
		double		v;
		char		shown[HA_DOUBLE_BUFLEN];

		if (ha_ind_known(ind, (HaIndField) f))
			continue;
		if (pos < len)
			sel = p[pos++];
		payload[0] = (uint8_t) (f * 7 + sel);
		if (pos + 8 <= len)
		{
			memcpy(payload, p + pos, 8);
			pos += 8;
		}
		v = field_value((HaIndField) f, sel, payload);
		ha_format_double(v, shown);
		if (!ha_ind_set(&full, (HaIndField) f, v, shown, &err))
		{
			/* out of range: fall back to a value every field accepts */
			v = f == HA_IND_RESIDENTS ? 1000 : 1;
			FUZZ_CHECK(ha_ind_set(&full, (HaIndField) f, v, "1", &err),
					   ha_error_name(err.kind));
		}
	}
	return full;
}

/* The category the flags of a classification imply (precedence order). */
static HaCategory
category_of_flags(const HaClassification *c)
{
	const HaTri order[] = {c->parallelsamfund, c->udsat, c->forebyggelse};
	const HaCategory cat[] = {HA_CAT_PARALLELSAMFUND, HA_CAT_UDSAT,
	HA_CAT_FOREBYGGELSE};
	int			i;

	for (i = 0; i < 3; i++)
	{
		if (order[i] == HA_TRUE)
			return cat[i];
		if (order[i] == HA_UNKNOWN)
			return HA_CAT_UNKNOWN;
	}
	return HA_CAT_NONE;
}

/* A decided flag must keep its value in the completed record. */
static void
check_flag_kept(HaTri partial, HaTri full, const char *what)
{
	if (partial != HA_UNKNOWN)
		FUZZ_CHECK(full == partial, what);
}

/*
 * Compare the value of a margin row with its threshold exactly: doubles as
 * they are, or, for "times national", the decimals the law compares (the
 * fast path of ha_decimal_compare must agree with the exact way).
 */
static int
row_compare(const HaIndicators *ind, const HaMargin *r, const char *text)
{
	double		nat;
	int			cmp;

	if (!r->check->times_national)
		return (r->value > r->check->threshold) - (r->value < r->check->threshold);
	nat = ha_ind_get(ind, HA_IND_NATIONAL_CONVICTED);
	cmp = ha_decimal_compare_exact(r->value, r->check->multiple, nat);
	FUZZ_CHECK(ha_decimal_compare(r->value, r->check->multiple, nat) == cmp,
			   text);
	return cmp;
}

/* Check the margin rows of one record under one version and year. */
static void
check_margins(const HaIndicators *ind, int year, const HaRuleSet *rules,
			  const HaClassification *c, const char *text)
{
	HaMargin	m[HA_MAX_MARGINS];
	int			n = ha_margins(ind, year, rules, m);
	int			want = 1;
	int			i;

	for (i = 0; i < rules->nrules; i++)
	{
		const HaCategoryRule *r = &rules->rules[i];

		if (r->first_year == 0 || year >= r->first_year)
			want += r->ngates + r->ncounted;
	}
	if (want > HA_MAX_MARGINS)
		want = HA_MAX_MARGINS;
	FUZZ_CHECK(n == want, text);
	FUZZ_CHECK(m[0].check == &rules->size_gate, text);
	FUZZ_CHECK(m[0].met == c->size_ok, text);
	for (i = 0; i < n; i++)
	{
		const HaMargin *r = &m[i];
		HaOp		op;
		int			cmp;
		double		exact;

		FUZZ_CHECK(r->check != NULL, text);
		FUZZ_CHECK(isfinite(r->distance) && isfinite(r->threshold), text);
		if (!r->value_known || !r->threshold_known)
		{
			/*
			 * With an input missing, only a relative check can be decided,
			 * by the range of the missing input (docs/decisions.md, 17);
			 * the differential test checks that it is decided right.
			 */
			if (r->met != HA_UNKNOWN)
				FUZZ_CHECK(r->check->times_national && r->distance == 0, text);
			continue;
		}
		FUZZ_CHECK(r->met != HA_UNKNOWN, text);
		op = r->check->op;
		cmp = row_compare(ind, r, text);
		FUZZ_CHECK(r->met == ((op == HA_OP_GT ? cmp > 0
							   : op == HA_OP_GE ? cmp >= 0
							   : op == HA_OP_LE ? cmp <= 0
							   : cmp < 0) ? HA_TRUE : HA_FALSE), text);
		/* the sign of distance: past the threshold towards "met" */
		if (r->distance > 0)
			FUZZ_CHECK(r->met == HA_TRUE, text);
		else if (r->distance < 0)
			FUZZ_CHECK(r->met == HA_FALSE, text);
		else if (cmp == 0)
		{
			/* exactly at the threshold: met for ">=" and "<=" only */
			FUZZ_CHECK(r->met == (op == HA_OP_GE || op == HA_OP_LE ?
								  HA_TRUE : HA_FALSE), text);
		}
		else
		{
			/* off the threshold, distance 0: only display rounding does that */
			exact = r->check->threshold;
			if (r->check->times_national)
				exact *= ha_ind_get(ind, HA_IND_NATIONAL_CONVICTED);
			FUZZ_CHECK(fabs(r->value - exact) <= DISPLAY_ROUNDING, text);
		}
		if (cmp == 0)
			FUZZ_CHECK(r->distance == 0, text);
	}
}

/* The text of a record and the list year, for failure messages. */
static void
describe(const HaIndicators *ind, int year, char *buf, size_t cap)
{
	size_t		len = ha_ind_format(ind, buf, cap);

	FUZZ_CHECK(len + 20 < cap, buf);
	snprintf(buf + len, cap - len, " (year %d)", year);
}

/*
 * Classify a record and its completed copy under one version at one list
 * year, and check it all; text and fulltext describe them for failures.
 */
static void
check_set(const HaIndicators *ind, const HaIndicators *full, int year,
		  const HaRuleSet *rules, const char *text, const char *fulltext)
{
	HaClassification c;
	HaClassification cf;
	HaCategory	fast;

	ha_classify(ind, year, rules, &c);
	fast = ha_category(ind, year, rules);
	FUZZ_CHECK(fast == c.category, text);
	FUZZ_CHECK(c.category == category_of_flags(&c), text);
	FUZZ_CHECK(c.rules == rules && c.list_year == year, text);
	FUZZ_CHECK(c.forebyggelse != HA_TRUE || c.forebyggelse_raw == HA_TRUE,
			   text);
	FUZZ_CHECK(c.criteria_met >= 0 && c.criteria_unknown >= 0 &&
			   c.criteria_met + c.criteria_unknown <= HA_NCRIT, text);
	check_margins(ind, year, rules, &c, text);

	/* decided answers hold whatever the missing values are */
	ha_classify(full, year, rules, &cf);
	FUZZ_CHECK(cf.category != HA_CAT_UNKNOWN, fulltext);
	FUZZ_CHECK(ha_category(full, year, rules) == cf.category, fulltext);
	if (c.category != HA_CAT_UNKNOWN)
		FUZZ_CHECK(cf.category == c.category, fulltext);
	check_flag_kept(c.udsat, cf.udsat, fulltext);
	check_flag_kept(c.parallelsamfund, cf.parallelsamfund, fulltext);
	check_flag_kept(c.forebyggelse, cf.forebyggelse, fulltext);
	check_flag_kept(c.forebyggelse_raw, cf.forebyggelse_raw, fulltext);
	check_flag_kept(c.kombineret, cf.kombineret, fulltext);
	check_flag_kept(c.size_ok, cf.size_ok, fulltext);
	check_margins(full, year, rules, &cf, fulltext);
}

#endif							/* HA_FUZZ_CLASSIFY_H */
