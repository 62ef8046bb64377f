/*
 * tally.c
 *		Validation, text form, arithmetic and shares of tallies.
 *
 * Text form: the key=value grammar of ha_kv.c, e.g.
 * "residents=1913 nonwestern=945 persons_18_64=1200 outside_labour_fte=535.25".
 * An absent key counts 0; at least one pair must be given.  Output lists all
 * ten keys in field order with shortest round-trip numbers, so
 * parse(format(x)) == x bit for bit.
 *
 * Every way into a tally (text, binary, sums, person rows) ends in the same
 * checks: counts 0 .. HA_TALLY_COUNT_MAX, doubles finite, each sub-count at
 * most its population, and no income without taxpayers.
 */
#include "tally.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ha_number.h"

/* The layout must stay as documented in tally.h. */
typedef char ha_tally_layout_check[(sizeof(HaTally) == 88 &&
									offsetof(HaTally, residents) == 8 &&
									offsetof(HaTally, income_sum) == 80) ? 1 : -1];

#define COUNT_RANGE "a whole number from 0 to 9007199254740991"

const HaFieldSpec ha_tally_fields[HA_TALLY_NFIELDS] = {
	{"residents", 0, (double) HA_TALLY_COUNT_MAX, false, true, COUNT_RANGE},
	{"nonwestern", 0, (double) HA_TALLY_COUNT_MAX, false, true, COUNT_RANGE},
	{"persons_18_64", 0, (double) HA_TALLY_COUNT_MAX, false, true, COUNT_RANGE},
	{"outside_labour_fte", 0, (double) HA_TALLY_COUNT_MAX, false, false,
	"a number of full-time persons from 0 to 9007199254740991"},
	{"persons_18plus", 0, (double) HA_TALLY_COUNT_MAX, false, true, COUNT_RANGE},
	{"convicted_18plus", 0, (double) HA_TALLY_COUNT_MAX, false, true,
	COUNT_RANGE},
	{"persons_30_59", 0, (double) HA_TALLY_COUNT_MAX, false, true, COUNT_RANGE},
	{"basic_education_30_59", 0, (double) HA_TALLY_COUNT_MAX, false, true,
	COUNT_RANGE},
	{"taxpayers_15_64", 0, (double) HA_TALLY_COUNT_MAX, false, true,
	COUNT_RANGE},
	{"income_sum", -DBL_MAX, DBL_MAX, false, false, "any finite amount"},
};

/* Where each field lives, its C type, and the population it is part of. */
typedef struct TallyLayout
{
	size_t		offset;
	bool		is_double;
	int			part_of;		/* field index of its population, or -1 */
} TallyLayout;

static const TallyLayout layout[HA_TALLY_NFIELDS] = {
	{offsetof(HaTally, residents), false, -1},
	{offsetof(HaTally, nonwestern), false, HA_TALLY_RESIDENTS},
	{offsetof(HaTally, persons_18_64), false, -1},
	{offsetof(HaTally, outside_labour_fte), true, HA_TALLY_PERSONS_18_64},
	{offsetof(HaTally, persons_18plus), false, -1},
	{offsetof(HaTally, convicted_18plus), false, HA_TALLY_PERSONS_18PLUS},
	{offsetof(HaTally, persons_30_59), false, -1},
	{offsetof(HaTally, basic_education_30_59), false, HA_TALLY_PERSONS_30_59},
	{offsetof(HaTally, taxpayers_15_64), false, -1},
	{offsetof(HaTally, income_sum), true, -1},
};

const char	ha_tally_keys_hint[] =
"Valid keys are residents, nonwestern, persons_18_64, outside_labour_fte, "
"persons_18plus, convicted_18plus, persons_30_59, basic_education_30_59, "
"taxpayers_15_64 and income_sum.";

/* The text form of tally: absent keys count 0. */
static const HaKvForm tally_form = {
	"tally", ha_tally_fields, HA_TALLY_NFIELDS, HA_TALLY_INPUT_MAX,
	ha_tally_keys_hint,
	"residents=1913",
	"Leave a key out to count 0."
};

static const char bad_binary[] = "invalid binary representation of type tally";

/* Return the field index of a key, or -1 when the key is unknown. */
int
ha_tally_lookup(const char *key, size_t len)
{
	return ha_kv_lookup(&tally_form, key, len);
}

/* Make an empty tally of the current layout version (every count 0). */
void
ha_tally_init(HaTally *t)
{
	memset(t, 0, sizeof(*t));
	t->version = HA_TALLY_VERSION;
}

/* The int64 count of field f (not for the two double fields). */
static int64_t *
count_ptr(HaTally *t, int f)
{
	return (int64_t *) ((char *) t + layout[f].offset);
}

/* The double of field f (outside_labour_fte or income_sum). */
static double *
double_ptr(HaTally *t, int f)
{
	return (double *) ((char *) t + layout[f].offset);
}

/* The value of field f as a double (exact for every valid count). */
double
ha_tally_get(const HaTally *t, HaTallyField f)
{
	const char *p = (const char *) t + layout[f].offset;

	if (layout[f].is_double)
		return *(const double *) p;
	return (double) *(const int64_t *) p;
}

/* The value of field f spelled for an error message (counts exactly). */
static void
shown_value(const HaTally *t, int f, char *buf)
{
	const char *p = (const char *) t + layout[f].offset;

	if (layout[f].is_double)
		ha_format_double(*(const double *) p, buf);
	else
		snprintf(buf, HA_DOUBLE_BUFLEN, "%" PRId64, *(const int64_t *) p);
}

/* Fill err for a layout the text form could never produce. */
static bool
fail_binary(HaError *err, const char *detail)
{
	return ha_fail(err, HA_ERR_BINARY, detail, NULL, "%s", bad_binary);
}

/*
 * Check a whole tally as it arrives in binary form, from text, or from
 * memory: layout (version, reserved bytes, no negative zero), the domain of
 * each field, then the relations between fields.
 */
bool
ha_tally_validate(const HaTally *t, HaError *err)
{
	char		detail[256];
	char		shown[HA_DOUBLE_BUFLEN];
	int			f;
	int			i;

	if (t->version != HA_TALLY_VERSION)
	{
		snprintf(detail, sizeof(detail),
				 "Layout version %u is not supported; this build reads version %d.",
				 (unsigned) t->version, HA_TALLY_VERSION);
		return fail_binary(err, detail);
	}
	for (i = 0; i < (int) sizeof(t->reserved); i++)
		if (t->reserved[i] != 0)
			return fail_binary(err, "The reserved bytes are not zero.");

	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		double		v = ha_tally_get(t, (HaTallyField) f);

		shown_value(t, f, shown);
		if (!ha_field_check(&ha_tally_fields[f], v, shown, err))
			return false;
		if (layout[f].is_double && v == 0 && signbit(v))
		{
			snprintf(detail, sizeof(detail),
					 "Key \"%s\" holds negative zero, which is not canonical.",
					 ha_tally_fields[f].key);
			return fail_binary(err, detail);
		}
	}

	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		int			whole = layout[f].part_of;

		if (whole < 0 ||
			ha_tally_get(t, (HaTallyField) f) <= ha_tally_get(t, (HaTallyField) whole))
			continue;
		shown_value(t, whole, shown);
		snprintf(detail, sizeof(detail),
				 "Key \"%s\" counts part of key \"%s\" and cannot exceed its value %s.",
				 ha_tally_fields[f].key, ha_tally_fields[whole].key, shown);
		shown_value(t, f, shown);
		return ha_field_fail_range(&ha_tally_fields[f], shown, detail, err);
	}
	if (t->income_sum != 0 && t->taxpayers_15_64 == 0)
	{
		shown_value(t, HA_TALLY_INCOME_SUM, shown);
		return ha_field_fail_range(&ha_tally_fields[HA_TALLY_INCOME_SUM], shown,
								   "Key \"income_sum\" must be 0 when key \"taxpayers_15_64\" is 0.",
								   err);
	}
	return true;
}

/* Scan a value token for field f of the tally rec and store it. */
static bool
set_pair(void *rec, int f, const char *tok, size_t len, HaError *err)
{
	HaTally    *t = (HaTally *) rec;
	double		v;

	if (!ha_field_scan(&ha_tally_fields[f], tok, len, &v, err))
		return false;
	if (layout[f].is_double)
		*double_ptr(t, f) = v;
	else
		*count_ptr(t, f) = (int64_t) v;
	return true;
}

/*
 * Parse the text form into *out (grammar and errors: ha_kv_parse); absent
 * keys count 0, and the result passes ha_tally_validate.
 */
bool
ha_tally_parse(const char *s, HaTally *out, HaError *err)
{
	ha_tally_init(out);
	if (!ha_kv_parse(&tally_form, s, set_pair, out, err))
		return false;
	return ha_tally_validate(out, err);
}

/*
 * Write the canonical text form: all ten keys in field order, one blank
 * between pairs.  Returns the length it needs (like snprintf); the output is
 * complete when that is below cap, which HA_TALLY_TEXT_BUFLEN guarantees.
 */
size_t
ha_tally_format(const HaTally *t, char *buf, size_t cap)
{
	size_t		pos = 0;
	int			f;

	if (cap > 0)
		buf[0] = '\0';
	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		char		num[HA_DOUBLE_BUFLEN];

		if (f > 0)
			ha_kv_append(buf, cap, &pos, " ");
		ha_kv_append(buf, cap, &pos, ha_tally_fields[f].key);
		ha_kv_append(buf, cap, &pos, "=");
		shown_value(t, f, num);
		ha_kv_append(buf, cap, &pos, num);
	}
	return pos;
}

/* Equality of two valid tallies: the same counts and sums. */
bool
ha_tally_equal(const HaTally *a, const HaTally *b)
{
	return memcmp(a, b, sizeof(HaTally)) == 0;
}

/* Fill err for a sum that no longer fits field f. */
static bool
fail_overflow(HaError *err, int f)
{
	return ha_fail(err, HA_ERR_RANGE,
				   layout[f].is_double
				   ? "The sum is no longer a finite number."
				   : "Counts go up to 9007199254740991.",
				   NULL, "tally value out of range for key \"%s\"",
				   ha_tally_fields[f].key);
}

/*
 * Add tally x into *acc (acc and x may be the same).  Fails, leaving *acc
 * as it was, when a count would pass HA_TALLY_COUNT_MAX or a sum would stop
 * being finite.  The sum of two valid tallies keeps every relation that
 * ha_tally_validate checks, so no other check is needed.
 */
bool
ha_tally_add(HaTally *acc, const HaTally *x, HaError *err)
{
	HaTally		sum = *acc;
	HaTally		in = *x;
	int			f;

	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		if (layout[f].is_double)
		{
			double		s = *double_ptr(&sum, f) + *double_ptr(&in, f);

			if (!isfinite(s))
				return fail_overflow(err, f);
			*double_ptr(&sum, f) = s + 0.0;
		}
		else
		{
			int64_t		a = *count_ptr(&sum, f);
			int64_t		b = *count_ptr(&in, f);

			if (b > HA_TALLY_COUNT_MAX - a)
				return fail_overflow(err, f);
			*count_ptr(&sum, f) = a + b;
		}
	}
	*acc = sum;
	return true;
}

/* Fill err for a person value outside its domain. */
static bool
fail_person(HaError *err, const char *detail, const char *what, double v)
{
	char		shown[HA_DOUBLE_BUFLEN];

	if (isnan(v))
		return ha_fail(err, HA_ERR_PARAM, detail, NULL,
					   "%s must be a number, not NaN", what);
	ha_format_double(v, shown);
	return ha_fail(err, HA_ERR_RANGE, detail, NULL, "%s %s is out of range",
				   what, shown);
}

/* Fill err for the first bad value of a person row. */
static bool
fail_bad_person(const HaPerson *p, HaError *err)
{
	if (p->age_known && (p->age < 0 || p->age > HA_AGE_MAX))
		return fail_person(err,
						   "An age is a whole number of years from 0 to 150.",
						   "age", (double) p->age);
	if (p->fte_known &&
		!(p->outside_labour_fte >= 0 && p->outside_labour_fte <= 1))
		return fail_person(err,
						   "outside_labour_fte is the share of the year the "
						   "person spent outside the labour market and "
						   "education, from 0 to 1; NULL counts as 0.",
						   "outside_labour_fte", p->outside_labour_fte);
	return fail_person(err,
					   "A gross income is a finite amount; NULL means the "
					   "person has no taxpayer record.",
					   "gross_income", p->gross_income);
}

/*
 * Fill err for the count that a person row would push past
 * HA_TALLY_COUNT_MAX, or for an income sum that would stop being finite.
 */
static bool
fail_person_overflow(const HaTally *t, const HaPerson *p, HaError *err)
{
	HaPersonBands b = ha_person_bands(p);

	if (t->residents >= HA_TALLY_COUNT_MAX)
		return fail_overflow(err, HA_TALLY_RESIDENTS);
	if (b.labour && t->persons_18_64 >= HA_TALLY_COUNT_MAX)
		return fail_overflow(err, HA_TALLY_PERSONS_18_64);
	if (b.adult && t->persons_18plus >= HA_TALLY_COUNT_MAX)
		return fail_overflow(err, HA_TALLY_PERSONS_18PLUS);
	if (b.education && t->persons_30_59 >= HA_TALLY_COUNT_MAX)
		return fail_overflow(err, HA_TALLY_PERSONS_30_59);
	if (b.taxpayer && t->taxpayers_15_64 >= HA_TALLY_COUNT_MAX)
		return fail_overflow(err, HA_TALLY_TAXPAYERS_15_64);
	return fail_overflow(err, HA_TALLY_INCOME_SUM);
}

/*
 * Add one person row to *t: ha_tally_step (tally.h, where the meaning of
 * each value is documented), and when it refuses the row, the reason in
 * err.  On failure *t is left as it was.
 */
bool
ha_tally_add_person(HaTally *t, const HaPerson *p, HaError *err)
{
	if (ha_tally_step(t, p))
		return true;
	if (ha_person_is_bad(p))
		return fail_bad_person(p, err);
	return fail_person_overflow(t, p, err);
}

/*
 * The share, in percent, of a sub-count of its population: 100 * part /
 * population, rounded once (so a share exactly at a threshold is exact).
 * False when the population is 0 or the field is not a sub-count.
 */
bool
ha_tally_share(const HaTally *t, HaTallyField part, double *out)
{
	int			whole = layout[part].part_of;
	double		w;

	if (whole < 0)
		return false;
	w = ha_tally_get(t, (HaTallyField) whole);
	if (w == 0)
		return false;
	*out = 100.0 * ha_tally_get(t, part) / w;
	return true;
}

/* Percent of residents 18+ convicted; false when there are none 18+. */
bool
ha_tally_convicted_share(const HaTally *t, double *out)
{
	return ha_tally_share(t, HA_TALLY_CONVICTED_18PLUS, out);
}

/* Mean gross income of taxpayers 15-64; false when there are none. */
bool
ha_tally_income_mean(const HaTally *t, double *out)
{
	if (t->taxpayers_15_64 == 0)
		return false;
	*out = t->income_sum / (double) t->taxpayers_15_64;
	return true;
}

/* Set indicator field f to v through the checks of ha_ind_set. */
static bool
set_indicator(HaIndicators *ind, HaIndField f, double v, HaError *err)
{
	char		shown[HA_DOUBLE_BUFLEN];

	ha_format_double(v, shown);
	return ha_ind_set(ind, f, v, shown, err);
}

/*
 * Set a two-year indicator: the mean of the yearly shares of cur and prev,
 * left unknown when prev is absent or either year's population is 0.
 */
static bool
set_two_year(HaIndicators *ind, HaIndField f, const HaTally *cur,
			 const HaTally *prev, HaTallyField part, HaError *err)
{
	double		a,
				b;

	if (prev == NULL || !ha_tally_share(cur, part, &a) ||
		!ha_tally_share(prev, part, &b))
		return true;
	return set_indicator(ind, f, (a + b) / 2, err);
}

/*
 * The criteria values of an area from the tallies of its last two data
 * years (rules, sections 1 and 3).
 *
 * residents, nonwestern, basic_education and income come from cur;
 * outside_labour and convicted are the mean of the shares of cur and prev
 * (unknown without prev).  national_convicted is copied when given (NULL
 * pointer: unknown).  income is 100 * income_mean(cur) / regional_income,
 * unknown without regional_income or taxpayers.  A share whose population
 * is 0 is unknown.  The result goes through ha_ind_set and ha_ind_validate,
 * so it is a valid indicators record or an error naming the key.
 */
bool
ha_tally_to_indicators(const HaTally *cur, const HaTally *prev,
					   const double *national_convicted,
					   const double *regional_income,
					   HaIndicators *out, HaError *err)
{
	double		v;

	ha_ind_init(out);
	if (regional_income != NULL &&
		!(isfinite(*regional_income) && *regional_income > 0))
	{
		char		shown[HA_DOUBLE_BUFLEN];

		ha_format_double(*regional_income, shown);
		return ha_fail(err, HA_ERR_PARAM,
					   "It is the mean gross income of taxpayers aged 15-64, "
					   "students excluded, in the region, a positive amount.",
					   NULL, "regional_income %s is not a positive amount", shown);
	}

	if (!set_indicator(out, HA_IND_RESIDENTS, (double) cur->residents, err))
		return false;
	if (ha_tally_share(cur, HA_TALLY_NONWESTERN, &v) &&
		!set_indicator(out, HA_IND_NONWESTERN, v, err))
		return false;
	if (!set_two_year(out, HA_IND_OUTSIDE_LABOUR, cur, prev,
					  HA_TALLY_OUTSIDE_LABOUR_FTE, err))
		return false;
	if (!set_two_year(out, HA_IND_CONVICTED, cur, prev,
					  HA_TALLY_CONVICTED_18PLUS, err))
		return false;
	if (national_convicted != NULL &&
		!set_indicator(out, HA_IND_NATIONAL_CONVICTED, *national_convicted, err))
		return false;
	if (ha_tally_share(cur, HA_TALLY_BASIC_EDUCATION_30_59, &v) &&
		!set_indicator(out, HA_IND_BASIC_EDUCATION, v, err))
		return false;
	if (regional_income != NULL && ha_tally_income_mean(cur, &v) &&
		!set_indicator(out, HA_IND_INCOME, 100.0 * v / *regional_income, err))
	{
		if (err != NULL)
			snprintf(err->hint, sizeof(err->hint), "%s",
					 "The mean income of the area's taxpayers is compared with "
					 "regional_income; give both in the same unit (kroner).");
		return false;
	}
	return ha_ind_validate(out, err);
}
