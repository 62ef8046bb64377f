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
#include <math.h>
#include <string.h>

#include "ha_number.h"

/* The frozen layout: each field at its offset, no padding. */
#define HA_LAYOUT_TYPE HaTally
HA_TALLY_FIELDS(HA_FIELD_AT)
HA_STATIC_ASSERT(sizeof(HaTally) == HA_TALLY_SIZE, size);

/* Error reports quote any text input whole. */
HA_STATIC_ASSERT(HA_TALLY_INPUT_MAX < HA_ERR_VALUE_LEN, input_quoted);

/* The range of each unit of HA_TALLY_FIELDS. */
#define MIN_COUNT 0
#define MAX_COUNT ((double) HA_TALLY_COUNT_MAX)
#define MIN_FTE 0
#define MAX_FTE ((double) HA_TALLY_COUNT_MAX)
#define MIN_AMOUNT (-DBL_MAX)
#define MAX_AMOUNT DBL_MAX

const HaFieldSpec ha_tally_fields[HA_TALLY_NFIELDS] = {
#define HA_TALLY_SPEC(key, NAME, storage, offset, unit, population) \
	{#key, HA_##storage, offsetof(HaTally, key), MIN_##unit, MAX_##unit, \
	 false, HA_UNIT_##unit},
	HA_TALLY_FIELDS(HA_TALLY_SPEC)
#undef HA_TALLY_SPEC
};

/* The population each field counts part of, or -1. */
#define HA_TALLY_NONE (-1)
static const int part_of[HA_TALLY_NFIELDS] = {
#define HA_TALLY_PART(key, NAME, storage, offset, unit, population) \
	HA_TALLY_##population,
	HA_TALLY_FIELDS(HA_TALLY_PART)
#undef HA_TALLY_PART
};

/* The text form of tally: absent keys count 0. */
const HaKvForm ha_tally_form = {
	"tally", ha_tally_fields, HA_TALLY_NFIELDS, HA_TALLY_INPUT_MAX, true
};

/* The values of a person row that can be refused, as HaPerson holds them. */
enum
{
	PERSON_AGE, PERSON_FTE, PERSON_INCOME
};
static const HaFieldSpec person_fields[] = {
	{"age", HA_INT32, offsetof(HaPerson, age), 0, HA_AGE_MAX, false,
	HA_UNIT_AGE},
	{"outside_labour_fte", HA_DOUBLE, offsetof(HaPerson, outside_labour_fte),
	0, 1, false, HA_UNIT_YEAR_SHARE},
	{"gross_income", HA_DOUBLE, offsetof(HaPerson, gross_income), -DBL_MAX,
	DBL_MAX, false, HA_UNIT_GROSS_INCOME},
};

/* Make an empty tally of the current layout version (every count 0). */
void
ha_tally_init(HaTally *t)
{
	memset(t, 0, sizeof(*t));
	t->version = HA_TALLY_VERSION;
}

/* The value of field f as a double (exact for every valid count). */
double
ha_tally_get(const HaTally *t, HaTallyField f)
{
	return ha_field_get(&ha_tally_fields[f], t);
}

/*
 * Check a whole tally as it arrives in binary form, from text, or from
 * memory: layout (version, reserved bytes, no negative zero), the domain of
 * each field, then the relations between fields.
 */
bool
ha_tally_validate(const HaTally *t, HaError *err)
{
	char		shown[HA_DOUBLE_BUFLEN];
	int			f;
	int			i;

	if (t->version != HA_TALLY_VERSION)
		return ha_fail(err, HA_E_BAD_VERSION, NULL,
					   &(HaErrorAbout) {.form = &ha_tally_form,
					   .n = {t->version, HA_TALLY_VERSION}});
	for (i = 0; i < (int) sizeof(t->reserved); i++)
		if (t->reserved[i] != 0)
			return ha_fail(err, HA_E_RESERVED_NOT_ZERO, NULL,
						   &(HaErrorAbout) {.form = &ha_tally_form,
						   .n = {sizeof(t->reserved)}});

	for (f = 0; f < HA_TALLY_NFIELDS; f++)
		if (!ha_kv_check_value(&ha_tally_form, f, t, err))
			return false;

	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		int			whole = part_of[f];

		if (whole < 0 ||
			ha_tally_get(t, (HaTallyField) f) <= ha_tally_get(t, (HaTallyField) whole))
			continue;
		ha_field_text(&ha_tally_fields[f], t, shown);
		return ha_fail(err, HA_E_PART_EXCEEDS_WHOLE, shown,
					   &(HaErrorAbout) {.field = &ha_tally_fields[f],
					   .other = &ha_tally_fields[whole],
					   .n = {(long long) ha_tally_get(t, (HaTallyField) whole)}});
	}
	if (t->income_sum != 0 && t->taxpayers_15_64 == 0)
	{
		ha_field_text(&ha_tally_fields[HA_TALLY_INCOME_SUM], t, shown);
		return ha_fail(err, HA_E_INCOME_WITHOUT_TAXPAYERS, shown,
					   &(HaErrorAbout) {.field = &ha_tally_fields[HA_TALLY_INCOME_SUM],
					   .other = &ha_tally_fields[HA_TALLY_TAXPAYERS_15_64]});
	}
	return true;
}

/*
 * Parse the text form into *out (grammar and errors: ha_kv_parse); absent
 * keys count 0, and the result passes ha_tally_validate.
 */
bool
ha_tally_parse(const char *s, HaTally *out, HaError *err)
{
	uint32_t	seen;

	ha_tally_init(out);
	if (!ha_kv_parse(&ha_tally_form, s, out, &seen, err))
		return false;
	return ha_tally_validate(out, err);
}

/*
 * Write the canonical text form: all keys in field order, one blank
 * between pairs.  Returns the length it needs (like snprintf); the output is
 * complete when that is below cap, which HA_TALLY_TEXT_BUFLEN guarantees.
 */
size_t
ha_tally_format(const HaTally *t, char *buf, size_t cap)
{
	return ha_kv_format(&ha_tally_form, t, (UINT32_C(1) << HA_TALLY_NFIELDS) - 1,
						false, buf, cap);
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
	return ha_fail(err, HA_E_SUM_OUT_OF_RANGE, NULL,
				   &(HaErrorAbout) {.field = &ha_tally_fields[f]});
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
		const HaFieldSpec *spec = &ha_tally_fields[f];
		char	   *s = (char *) &sum + spec->offset;
		const char *a = (const char *) &in + spec->offset;

		if (spec->storage == HA_DOUBLE)
		{
			double		total = *(double *) s + *(const double *) a;

			if (!isfinite(total))
				return fail_overflow(err, f);
			*(double *) s = total + 0.0;
		}
		else
		{
			int64_t		b = *(const int64_t *) a;

			if (b > HA_TALLY_COUNT_MAX - *(int64_t *) s)
				return fail_overflow(err, f);
			*(int64_t *) s += b;
		}
	}
	*acc = sum;
	return true;
}

/* Fill err for person value v (of person_fields[which]) outside its domain. */
static bool
fail_person(HaError *err, int which, double v)
{
	char		shown[HA_DOUBLE_BUFLEN];
	const HaErrorAbout about = {.field = &person_fields[which]};

	if (isnan(v))
		return ha_fail(err, HA_E_PERSON_NAN, NULL, &about);
	ha_format_double(v, shown);
	return ha_fail(err, HA_E_PERSON_OUT_OF_RANGE, shown, &about);
}

/* Fill err for the first bad value of a person row. */
static bool
fail_bad_person(const HaPerson *p, HaError *err)
{
	if (p->age_known && (p->age < 0 || p->age > HA_AGE_MAX))
		return fail_person(err, PERSON_AGE, (double) p->age);
	if (p->fte_known &&
		!(p->outside_labour_fte >= 0 && p->outside_labour_fte <= 1))
		return fail_person(err, PERSON_FTE, p->outside_labour_fte);
	return fail_person(err, PERSON_INCOME, p->gross_income);
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
	int			whole = part_of[part];
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
		return ha_fail(err, HA_E_REGIONAL_INCOME, shown, NULL);
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
		/* a ratio out of range: say how it came about */
		if (err->kind == HA_E_OUT_OF_RANGE)
			err->kind = HA_E_INCOME_OUT_OF_RANGE;
		return false;
	}
	return ha_ind_validate(out, err);
}
