/*
 * tally.c
 *		Validation, text form, exact arithmetic and shares of tallies.
 *
 * Text form: the key=value grammar of ha_kv.c, e.g.
 * "residents=1913 nonwestern=945 persons_18_64=1200 outside_labour_fte=535.25".
 * An absent key counts 0; at least one pair must be given.  Output lists all
 * ten keys in field order; counts as whole numbers, outside_labour_fte and
 * income_sum as the shortest exact decimal of their millionths and øre
 * ("562.37", "254000000.5", "-7.5"), so parse(format(x)) == x bit for bit.
 * An input value with more decimals than its unit holds is rounded to the
 * unit, half away from zero (ha_tally_round says why), which reads the
 * float8 sums of version-1 text ("income_sum=33.333333333333336") the way
 * ha_tally_from_v1 reads their bytes.
 *
 * Every way into a tally (text, binary of either layout version, sums,
 * person rows) ends in the same checks: counts 0 .. HA_TALLY_COUNT_MAX,
 * sums within their ranges, each sub-count at most its population, and no
 * income without taxpayers.
 */
#include "tally.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ha_number.h"

/* The frozen layouts: each field at its offset, no padding. */
#define HA_LAYOUT_TYPE HaTally
HA_TALLY_FIELDS(HA_FIELD_AT)
#undef HA_LAYOUT_TYPE
HA_STATIC_ASSERT(sizeof(HaTally) == HA_TALLY_SIZE, size);
#define HA_LAYOUT_TYPE HaTallyV1
#define HA_FIELD_AT_V1(key, NAME, storage, offset, ...) \
	HA_STATIC_ASSERT(offsetof(HaTallyV1, key) == (offset), v1_##key##_at);
HA_TALLY_FIELDS(HA_FIELD_AT_V1)
#undef HA_LAYOUT_TYPE
HA_STATIC_ASSERT(sizeof(HaTallyV1) == HA_TALLY_SIZE, v1_size);

/* Error reports quote any text input whole. */
HA_STATIC_ASSERT(HA_TALLY_INPUT_MAX < HA_ERR_VALUE_LEN, input_quoted);
HA_STATIC_ASSERT(HA_TALLY_VALUE_BUFLEN <= HA_DOUBLE_BUFLEN, value_text_fits);

/*
 * The range of each unit of HA_TALLY_FIELDS as doubles, for HaFieldSpec
 * (the hints that word it, and the checks of version 1); the exact range is
 * HA_TALLY_MIN_ and HA_TALLY_MAX_ in units.
 */
#define MIN_COUNT 0
#define MAX_COUNT ((double) HA_TALLY_COUNT_MAX)
#define MIN_FTE 0
#define MAX_FTE ((double) INT64_MAX / HA_TALLY_FTE_SCALE)
#define MIN_AMOUNT (-(double) INT64_MAX / HA_TALLY_AMOUNT_SCALE)
#define MAX_AMOUNT ((double) INT64_MAX / HA_TALLY_AMOUNT_SCALE)

const HaFieldSpec ha_tally_fields[HA_TALLY_NFIELDS] = {
#define HA_TALLY_SPEC(key, NAME, storage, offset, unit, population) \
	{#key, HA_##storage, offsetof(HaTally, key), MIN_##unit, MAX_##unit, \
	 false, HA_UNIT_##unit},
	HA_TALLY_FIELDS(HA_TALLY_SPEC)
#undef HA_TALLY_SPEC
};

/* The text form of tally: absent keys count 0. */
const HaKvForm ha_tally_form = {
	"tally", ha_tally_fields, HA_TALLY_NFIELDS, HA_TALLY_INPUT_MAX, true
};

/*
 * Layout version 1: FTE and AMOUNT as doubles, with the ranges version 1
 * checked (full-time persons up to 2^53 - 1, any finite amount).  Its form
 * reads the bytes of version-1 values and, as the first pass of text input,
 * the grammar of any tally text; its errors are reported against
 * ha_tally_fields (as_v2_error).
 */
#define V1_STORAGE_COUNT HA_INT64
#define V1_STORAGE_FTE HA_DOUBLE
#define V1_STORAGE_AMOUNT HA_DOUBLE
#define V1_MIN_COUNT 0
#define V1_MAX_COUNT ((double) HA_TALLY_COUNT_MAX)
#define V1_MIN_FTE 0
#define V1_MAX_FTE ((double) HA_TALLY_COUNT_MAX)
#define V1_MIN_AMOUNT (-DBL_MAX)
#define V1_MAX_AMOUNT DBL_MAX

const HaFieldSpec ha_tally_v1_fields[HA_TALLY_NFIELDS] = {
#define HA_TALLY_V1_SPEC(key, NAME, storage, offset, unit, population) \
	{#key, V1_STORAGE_##unit, offsetof(HaTallyV1, key), V1_MIN_##unit, \
	 V1_MAX_##unit, false, HA_UNIT_##unit},
	HA_TALLY_FIELDS(HA_TALLY_V1_SPEC)
#undef HA_TALLY_V1_SPEC
};

const HaKvForm ha_tally_v1_form = {
	"tally", ha_tally_v1_fields, HA_TALLY_NFIELDS, HA_TALLY_INPUT_MAX, true
};

/*
 * What text input is read into: the fields of version 1 (the first pass of
 * ha_tally_parse) and the MENAPT count after them.
 */
typedef struct HaTallyText
{
	HaTallyV1	v1;
	int64_t		menapt;
} HaTallyText;

/*
 * The keys of the text form: those of the binary forms, then menapt (the
 * MENAPT count, a part of residents; absent: not counted), first with the
 * storage of version 1 for the first pass of ha_tally_parse.
 */
static const HaFieldSpec text_first_fields[HA_TALLY_NFIELDS + 1] = {
#define HA_TALLY_TEXT_SPEC(key, NAME, storage, offset, unit, population) \
	{#key, V1_STORAGE_##unit, offsetof(HaTallyText, v1.key), V1_MIN_##unit, \
	 V1_MAX_##unit, false, HA_UNIT_##unit},
	HA_TALLY_FIELDS(HA_TALLY_TEXT_SPEC)
#undef HA_TALLY_TEXT_SPEC
	{"menapt", HA_INT64, offsetof(HaTallyText, menapt), V1_MIN_COUNT,
	V1_MAX_COUNT, false, HA_UNIT_COUNT}
};

static const HaKvForm text_first_form = {
	"tally", text_first_fields, HA_TALLY_NFIELDS + 1, HA_TALLY_INPUT_MAX, true
};

/*
 * The keys of the text form as errors and hints name them (the stored
 * fields, then menapt, whose value is in the header, not at an offset).
 */
const HaFieldSpec ha_tally_text_fields[HA_TALLY_NFIELDS + 1] = {
#define HA_TALLY_SPEC2(key, NAME, storage, offset, unit, population) \
	{#key, HA_##storage, offsetof(HaTally, key), MIN_##unit, MAX_##unit, \
	 false, HA_UNIT_##unit},
	HA_TALLY_FIELDS(HA_TALLY_SPEC2)
#undef HA_TALLY_SPEC2
	{"menapt", HA_INT64, 0, MIN_COUNT, MAX_COUNT, false, HA_UNIT_COUNT}
};

const HaKvForm ha_tally_text_form = {
	"tally", ha_tally_text_fields, HA_TALLY_NFIELDS + 1, HA_TALLY_INPUT_MAX, true
};

/* The exact unit of each field: decimals kept, range in units. */
typedef struct TallyUnit
{
	int			decimals;
	int64_t		min;
	int64_t		max;
} TallyUnit;

static const TallyUnit unit_of[HA_TALLY_NFIELDS] = {
#define HA_TALLY_UNIT(key, NAME, storage, offset, unit, population) \
	{HA_TALLY_DECIMALS_##unit, HA_TALLY_MIN_##unit, HA_TALLY_MAX_##unit},
	HA_TALLY_FIELDS(HA_TALLY_UNIT)
#undef HA_TALLY_UNIT
};

/* The population each field counts part of, or -1. */
#define HA_TALLY_NONE (-1)
static const int part_of[HA_TALLY_NFIELDS] = {
#define HA_TALLY_PART(key, NAME, storage, offset, unit, population) \
	HA_TALLY_##population,
	HA_TALLY_FIELDS(HA_TALLY_PART)
#undef HA_TALLY_PART
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
	{"gross_income", HA_DOUBLE, offsetof(HaPerson, gross_income),
		-HA_GROSS_INCOME_MAX, HA_GROSS_INCOME_MAX, false,
	HA_UNIT_GROSS_INCOME},
};

/* 10^n for n = 0 .. 18. */
static const uint64_t pow10_u64[] = {
	UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000),
	UINT64_C(10000), UINT64_C(100000), UINT64_C(1000000),
	UINT64_C(10000000), UINT64_C(100000000), UINT64_C(1000000000),
	UINT64_C(10000000000), UINT64_C(100000000000),
	UINT64_C(1000000000000), UINT64_C(10000000000000),
	UINT64_C(100000000000000), UINT64_C(1000000000000000),
	UINT64_C(10000000000000000), UINT64_C(100000000000000000),
	UINT64_C(1000000000000000000)
};

/* Make an empty tally of layout version 2 (every count 0, no MENAPT count). */
void
ha_tally_init(HaTally *t)
{
	memset(t, 0, sizeof(*t));
	t->version = HA_TALLY_VERSION;
}

/* The stored integer of field f: a count, millionths or øre. */
int64_t
ha_tally_units(const HaTally *t, HaTallyField f)
{
	int64_t		v;

	memcpy(&v, (const char *) t + ha_tally_fields[f].offset, sizeof(v));
	return v;
}

/* Store the integer of field f. */
static void
set_units(HaTally *t, int f, int64_t v)
{
	memcpy((char *) t + ha_tally_fields[f].offset, &v, sizeof(v));
}

/*
 * Write units of 10^-decimals as the shortest exact decimal: "-7.5",
 * "562.37", "0.000001", "0".  Returns the length (below
 * HA_TALLY_VALUE_BUFLEN).
 */
static size_t
units_text(int64_t units, int decimals, char *buf)
{
	uint64_t	mag = units < 0 ? (uint64_t) 0 - (uint64_t) units : (uint64_t) units;
	uint64_t	whole = mag / pow10_u64[decimals];
	uint64_t	frac = mag % pow10_u64[decimals];
	int			n;

	n = snprintf(buf, HA_TALLY_VALUE_BUFLEN, "%s%" PRIu64, units < 0 ? "-" : "",
				 whole);
	if (frac != 0)
	{
		int			digits = decimals;

		while (frac % 10 == 0)
		{
			frac /= 10;
			digits--;
		}
		n += snprintf(buf + n, HA_TALLY_VALUE_BUFLEN - n, ".%0*" PRIu64,
					  digits, frac);
	}
	return (size_t) n;
}

/* The value of field f in its canonical spelling (HA_TALLY_VALUE_BUFLEN). */
size_t
ha_tally_value_text(const HaTally *t, HaTallyField f, char *buf)
{
	return units_text(ha_tally_units(t, f), unit_of[f].decimals, buf);
}

/*
 * The lower or upper end of the range of a tally field, exactly
 * (HA_TALLY_VALUE_BUFLEN): for the hints that say which values a key takes.
 * field is one of ha_tally_fields or ha_tally_v1_fields.
 */
size_t
ha_tally_bound_text(const HaFieldSpec *field, bool upper, char *buf)
{
	int			f = ha_kv_lookup(&ha_tally_form, field->key, strlen(field->key));

	if (f < 0)
		return (size_t) snprintf(buf, HA_TALLY_VALUE_BUFLEN, "?");
	return units_text(upper ? unit_of[f].max : unit_of[f].min,
					  unit_of[f].decimals, buf);
}

/*
 * The value of field f as a double: exact for every count, the double
 * nearest the exact decimal for the sums.
 */
double
ha_tally_get(const HaTally *t, HaTallyField f)
{
	char		text[HA_TALLY_VALUE_BUFLEN];

	if (unit_of[f].decimals == 0)
		return (double) ha_tally_units(t, f);
	ha_tally_value_text(t, f, text);
	return strtod(text, NULL);
}

/*
 * Round the double v to whole units of field f into *out; false when v is
 * not finite, negative for a field that takes no negative values (as text
 * input refuses "-0.0000001"), or the result lies outside the field's
 * range.
 *
 * The value rounded is the shortest decimal that reads back to v, the
 * number PostgreSQL prints for it (0.37, not the binary
 * 0.36999999999999999555910790149937...), and a half unit rounds away from
 * zero: 0.0000005 full-time persons is 1 millionth, 0.005 kroner 1 øre,
 * -0.005 kroner -1 øre.  That is what round(v::text::numeric, 6) or
 * round(v::text::numeric, 2) gives in SQL, and what text input gives for
 * the same digits, so a person row, its text and a version-1 sum of it all
 * round alike.  Half away from zero rather than to even: it is how
 * PostgreSQL's numeric round(), the decimals of a published table and
 * people round, so anyone can check a tally by hand or in SQL; the bias it
 * could bring matters only for values that are exact half units, which
 * full-time fractions (hours / yearly hours) and incomes practically never
 * are.
 *
 * Most values take ha_round_fast; the rest (near-ties, |v| * scale of 2^51
 * or more) take the shortest digits and ha_scan_units.
 */
bool
ha_tally_round(double v, HaTallyField f, int64_t *out)
{
	const TallyUnit *u = &unit_of[f];
	double		scale = u->decimals == HA_TALLY_DECIMALS_FTE ?
		HA_TALLY_FTE_SCALE : HA_TALLY_AMOUNT_SCALE;
	char		text[HA_DOUBLE_BUFLEN];
	int64_t		r;

	/* a field of no negative values refuses them, even those that round to 0 */
	if (!isfinite(v) || (u->min == 0 && v < 0))
		return false;
	if (u->decimals == 0)
	{
		if (v != floor(v) || v < (double) u->min || v > (double) u->max)
			return false;
		*out = (int64_t) v;
		return true;
	}
	if (!ha_round_fast(v * scale, &r))
	{
		size_t		len = ha_format_double(v, text);

		if (!ha_scan_units(text, len, u->decimals, u->min, u->max, &r))
			return false;
	}
	if (r < u->min || r > u->max)
		return false;
	*out = r;
	return true;
}

/* Fill err with kind about field f, quoting shown (NULL: no value). */
static bool
fail_at(HaError *err, HaErrorKind kind, const char *shown, int f)
{
	return ha_fail(err, kind, shown,
				   &(HaErrorAbout) {.field = &ha_tally_fields[f]});
}

/* Fill err for field f of t outside its range, quoting its value. */
static bool
fail_field(HaError *err, HaErrorKind kind, const HaTally *t, int f,
		   const HaErrorAbout *about)
{
	char		shown[HA_TALLY_VALUE_BUFLEN];

	ha_tally_value_text(t, (HaTallyField) f, shown);
	return ha_fail(err, kind, shown, about);
}

/*
 * Whether part (field f) exceeds its population whole, a count: for
 * outside_labour_fte, whether millionths exceed whole * 10^6.
 */
static bool
exceeds_population(int64_t part, int f, int64_t whole)
{
	int64_t		per = (int64_t) pow10_u64[unit_of[f].decimals];

	return part / per > whole || (part / per == whole && part % per != 0);
}

/*
 * Check the header of a tally's bytes: the layout version it must have
 * (a report names the current one, the version callers convert to), and
 * reserved bytes that are all zero.
 */
static bool
check_header(uint8_t version, uint8_t want, const uint8_t *reserved,
			 size_t nreserved, HaError *err)
{
	size_t		i;

	if (version != want)
		return ha_fail(err, HA_E_TALLY_VERSION, NULL,
					   &(HaErrorAbout) {.form = &ha_tally_form,
					   .n = {version, HA_TALLY_VERSION_MENAPT}});
	for (i = 0; i < nreserved; i++)
		if (reserved[i] != 0)
			return ha_fail(err, HA_E_RESERVED_NOT_ZERO, NULL,
						   &(HaErrorAbout) {.form = &ha_tally_form,
						   .n = {(long long) nreserved}});
	return true;
}

/*
 * Check a whole tally of the current layouts as it arrives in binary form,
 * from text, or from memory: layout (version 2 with zero header bytes, or
 * version 3 with a MENAPT count), the range of each field, then the
 * relations between fields (the MENAPT count a part of residents).
 */
bool
ha_tally_validate(const HaTally *t, HaError *err)
{
	int			f;

	if (t->version == HA_TALLY_VERSION_MENAPT)
	{
		uint64_t	raw = ha_tally_menapt_raw(t);
		int64_t		n = ha_tally_menapt(t);
		char		shown[HA_TALLY_VALUE_BUFLEN];

		if (raw == 0)
			return ha_fail(err, HA_E_TALLY_MENAPT_HEADER, NULL,
						   &(HaErrorAbout) {.form = &ha_tally_form});
		snprintf(shown, sizeof(shown), "%" PRId64, n);
		if (raw - 1 > (uint64_t) HA_TALLY_COUNT_MAX)
			return ha_fail(err, HA_E_OUT_OF_RANGE, shown,
						   &(HaErrorAbout) {.field = &ha_tally_text_fields[HA_TALLY_MENAPT]});
		if (n > t->residents)
			return ha_fail(err, HA_E_PART_EXCEEDS_WHOLE, shown,
						   &(HaErrorAbout) {.field = &ha_tally_text_fields[HA_TALLY_MENAPT],
						   .other = &ha_tally_fields[HA_TALLY_RESIDENTS],
						   .n = {(long long) t->residents}});
	}
	else if (!check_header(t->version, HA_TALLY_VERSION, t->menapt,
						   sizeof(t->menapt), err))
		return false;

	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		int64_t		v = ha_tally_units(t, (HaTallyField) f);

		if (v < unit_of[f].min || v > unit_of[f].max)
			return fail_field(err, HA_E_OUT_OF_RANGE, t, f,
							  &(HaErrorAbout) {.field = &ha_tally_fields[f]});
	}

	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		int			whole = part_of[f];
		int64_t		w;

		if (whole < 0)
			continue;
		w = ha_tally_units(t, (HaTallyField) whole);
		if (exceeds_population(ha_tally_units(t, (HaTallyField) f), f, w))
			return fail_field(err, HA_E_PART_EXCEEDS_WHOLE, t, f,
							  &(HaErrorAbout) {.field = &ha_tally_fields[f],
							  .other = &ha_tally_fields[whole],
							  .n = {(long long) w}});
	}
	if (t->income_sum != 0 && t->taxpayers_15_64 == 0)
		return fail_field(err, HA_E_INCOME_WITHOUT_TAXPAYERS, t,
						  HA_TALLY_INCOME_SUM,
						  &(HaErrorAbout) {.field = &ha_tally_fields[HA_TALLY_INCOME_SUM],
						  .other = &ha_tally_fields[HA_TALLY_TAXPAYERS_15_64]});
	return true;
}

/*
 * Report an error found through ha_tally_v1_form (version-1 bytes, or the
 * first pass of text input) against ha_tally_form and ha_tally_fields, so
 * that every error names the current type and its ranges.
 */
static bool
as_v2_error(HaError *err)
{
	int			f;

	if (err->about.form == &ha_tally_v1_form)
		err->about.form = &ha_tally_form;
	if (err->about.form == &text_first_form)
		err->about.form = &ha_tally_text_form;
	if (err->about.field == &text_first_fields[HA_TALLY_MENAPT])
		err->about.field = &ha_tally_text_fields[HA_TALLY_MENAPT];
	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		if (err->about.field == &ha_tally_v1_fields[f] ||
			err->about.field == &text_first_fields[f])
			err->about.field = &ha_tally_fields[f];
		if (err->about.other == &ha_tally_v1_fields[f])
			err->about.other = &ha_tally_fields[f];
	}
	return false;
}

/*
 * Start *out from a record of layout version 1: its counts, which both
 * layouts store as int8, and every sum 0.
 */
static void
counts_of_v1(const HaTallyV1 *v1, HaTally *out)
{
	int			f;

	ha_tally_init(out);
	for (f = 0; f < HA_TALLY_NFIELDS; f++)
		if (ha_tally_v1_fields[f].storage == HA_INT64)
			set_units(out, f,
					  (int64_t) ha_field_get(&ha_tally_v1_fields[f], v1));
}

/*
 * Finish *out, begun by counts_of_v1: each sum of v1 rounded to its unit,
 * or, given the text form, each sum of the set given read again from its
 * digits, exactly; then the checks of ha_tally_validate.  A sum beyond its
 * unit's range is an error, shown as written.
 */
static bool
sums_of(const HaTallyV1 *v1, const char *text, uint32_t given, HaTally *out,
		HaError *err)
{
	int			f;

	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		const HaFieldSpec *spec = &ha_tally_v1_fields[f];
		char		shown[HA_SHOWN_BUFLEN];
		const char *tok;
		size_t		len;
		int64_t		units;

		if (spec->storage == HA_INT64 || !(given & (UINT32_C(1) << f)))
			continue;
		if (text == NULL)
		{
			if (!ha_tally_round(ha_field_get(spec, v1), (HaTallyField) f,
								&units))
			{
				ha_field_text(spec, v1, shown);
				return fail_at(err, HA_E_TALLY_V1_OUT_OF_RANGE, shown, f);
			}
		}
		else
		{
			ha_kv_find_value(text, ha_tally_fields[f].key, &tok, &len);
			if (!ha_scan_units(tok, len, unit_of[f].decimals, unit_of[f].min,
							   unit_of[f].max, &units))
			{
				ha_shown_token(tok, len, shown);
				return fail_at(err, HA_E_OUT_OF_RANGE, shown, f);
			}
		}
		set_units(out, f, units);
	}
	return ha_tally_validate(out, err);
}

/*
 * Convert a tally of layout version 1 (float8 sums) into *out: the checks
 * version 1 made (reserved bytes, the domain of each field, no -0, sub-
 * counts within their populations, no income without taxpayers), then
 * each sum rounded to its unit like
 * any other input (ha_tally_round), then ha_tally_validate.  A sum that no
 * longer fits its range is HA_E_TALLY_V1_OUT_OF_RANGE.  Counts, and sums
 * with at most 6 (full-time persons) or 2 (kroner) decimals, read back
 * unchanged; a sum with more decimals, the noise of float8 addition
 * (1.1099999999999999 for 0.37 + 0.37 + 0.37), is rounded to the unit.
 */
bool
ha_tally_from_v1(const HaTallyV1 *v1, HaTally *out, HaError *err)
{
	int			f;

	if (!check_header(v1->version, HA_TALLY_VERSION_V1, v1->reserved,
					  sizeof(v1->reserved), err))
		return false;
	for (f = 0; f < HA_TALLY_NFIELDS; f++)
		if (!ha_kv_check_value(&ha_tally_v1_form, f, v1, err))
			return as_v2_error(err);
	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		int			whole = part_of[f];
		char		shown[HA_DOUBLE_BUFLEN];
		double		w;

		if (whole < 0)
			continue;
		w = ha_field_get(&ha_tally_v1_fields[whole], v1);
		if (ha_field_get(&ha_tally_v1_fields[f], v1) <= w)
			continue;
		ha_field_text(&ha_tally_v1_fields[f], v1, shown);
		return ha_fail(err, HA_E_PART_EXCEEDS_WHOLE, shown,
					   &(HaErrorAbout) {.field = &ha_tally_fields[f],
					   .other = &ha_tally_fields[whole],
					   .n = {(long long) w}});
	}
	if (v1->income_sum != 0 && v1->taxpayers_15_64 == 0)
	{
		char		shown[HA_DOUBLE_BUFLEN];

		ha_format_double(v1->income_sum, shown);
		return ha_fail(err, HA_E_INCOME_WITHOUT_TAXPAYERS, shown,
					   &(HaErrorAbout) {.field = &ha_tally_fields[HA_TALLY_INCOME_SUM],
					   .other = &ha_tally_fields[HA_TALLY_TAXPAYERS_15_64]});
	}

	counts_of_v1(v1, out);
	return sums_of(v1, NULL, UINT32_MAX, out, err);
}

/*
 * Read HA_TALLY_SIZE bytes of either layout version into *out (the current
 * one), checked: version 2 by ha_tally_validate, version 1 by
 * ha_tally_from_v1, any other version refused.
 */
bool
ha_tally_read(const void *bytes, HaTally *out, HaError *err)
{
	uint8_t		version;

	memcpy(&version, bytes, 1);
	if (version == HA_TALLY_VERSION_V1)
	{
		HaTallyV1	v1;

		memcpy(&v1, bytes, sizeof(v1));
		return ha_tally_from_v1(&v1, out, err);
	}
	memcpy(out, bytes, sizeof(*out));
	return ha_tally_validate(out, err);
}

/*
 * Parse the text form into *out (grammar and errors: ha_kv_parse); absent
 * keys count 0, but an absent menapt is not counted (layout version 2), a
 * given one counted (version 3); the result passes ha_tally_validate.
 *
 * Two passes: ha_kv_parse reads the input through the version-1 form, which
 * checks the grammar, the keys, the counts, and that each sum is a finite
 * decimal of the right sign; then each sum given is read again from its
 * digits by ha_scan_units, exactly, and rounded to its unit.  A float8 could
 * not hold the 19 digits of a large sum in øre.
 */
bool
ha_tally_parse(const char *s, HaTally *out, HaError *err)
{
	HaTallyText first;
	uint32_t	seen;

	memset(&first, 0, sizeof(first));
	if (!ha_kv_parse(&text_first_form, s, &first, &seen, err))
		return as_v2_error(err);

	counts_of_v1(&first.v1, out);
	if (seen & (UINT32_C(1) << HA_TALLY_MENAPT))
		ha_tally_set_menapt(out, true, first.menapt);
	return sums_of(&first.v1, s, seen, out, err);
}

/*
 * Write the canonical text form: all keys in field order, one blank
 * between pairs, and menapt last when it is counted.  Returns the length it needs (like snprintf); the output is
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
		char		num[HA_TALLY_VALUE_BUFLEN];

		if (f > 0)
			ha_append(buf, cap, &pos, " ");
		ha_append(buf, cap, &pos, ha_tally_fields[f].key);
		ha_append(buf, cap, &pos, "=");
		ha_tally_value_text(t, (HaTallyField) f, num);
		ha_append(buf, cap, &pos, num);
	}
	if (ha_tally_menapt_counted(t))
	{
		char		num[HA_TALLY_VALUE_BUFLEN];

		snprintf(num, sizeof(num), " menapt=%" PRId64, ha_tally_menapt(t));
		ha_append(buf, cap, &pos, num);
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
	return fail_at(err, HA_E_SUM_OUT_OF_RANGE, NULL, f);
}

/*
 * Add tally x into *acc (acc and x may be the same): integer addition of
 * every field, so exact, associative and commutative.  The MENAPT counts
 * add when both count it; otherwise the sum does not count it either, so
 * a sum is counted only when every part is (and stays associative).  Fails, leaving *acc
 * as it was, when a count or sum would leave its range (never wraps).  The
 * sum of two valid tallies keeps every relation that ha_tally_validate
 * checks, so no other check is needed.
 */
bool
ha_tally_add(HaTally *acc, const HaTally *x, HaError *err)
{
	HaTally		sum = *acc;
	bool		counted = ha_tally_menapt_counted(acc) &&
		ha_tally_menapt_counted(x);
	int64_t		menapt = ha_tally_menapt(acc) + ha_tally_menapt(x);
	int			f;

	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		int64_t		a = ha_tally_units(&sum, (HaTallyField) f);
		int64_t		b = ha_tally_units(x, (HaTallyField) f);

		/* a and b lie in min .. max, min is 0 or -max: no step overflows */
		if (b > 0 ? a > unit_of[f].max - b : a < unit_of[f].min - b)
			return fail_overflow(err, f);
		set_units(&sum, f, a + b);
	}
	/* a part of residents, whose sum fitted: so does its own */
	ha_tally_set_menapt(&sum, counted, counted ? menapt : 0);
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
 * Whether adding the person with bands b, fte millionths and income øre
 * would carry a count or sum of t past its range.
 */
static bool
ha_person_overflows(const HaTally *t, HaPersonBands b, int64_t fte,
					int64_t income)
{
	return (t->residents >= HA_TALLY_COUNT_MAX) ||
		(b.labour && t->persons_18_64 >= HA_TALLY_COUNT_MAX) ||
		(b.adult && t->persons_18plus >= HA_TALLY_COUNT_MAX) ||
		(b.education && t->persons_30_59 >= HA_TALLY_COUNT_MAX) ||
		(b.taxpayer && t->taxpayers_15_64 >= HA_TALLY_COUNT_MAX) ||
		(t->outside_labour_fte > HA_TALLY_MAX_FTE - fte) ||
		(income > 0 ? t->income_sum > HA_TALLY_MAX_AMOUNT - income
		 : t->income_sum < HA_TALLY_MIN_AMOUNT - income);
}

/*
 * Fill err for the count or sum that a person row (bands b, fte millionths)
 * would carry past its range, ha_person_overflows having said one would.
 */
static bool
fail_person_overflow(const HaTally *t, HaPersonBands b, int64_t fte,
					 HaError *err)
{
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
	if (t->outside_labour_fte > HA_TALLY_MAX_FTE - fte)
		return fail_overflow(err, HA_TALLY_OUTSIDE_LABOUR_FTE);
	return fail_overflow(err, HA_TALLY_INCOME_SUM);
}

/*
 * Add one person row to *t, the careful way: the domain of each value (or
 * the error saying which is wrong), the exact rounding of ha_tally_round,
 * the range of every count and sum (or the error naming the key).  On
 * failure *t is left as it was.  The meaning of each value is documented
 * at ha_tally_step (tally.h), which takes most rows faster and gives the
 * same result; the glue calls this for the rows it refuses.
 */
bool
ha_tally_add_person(HaTally *t, const HaPerson *p, HaError *err)
{
	HaPersonBands b;
	int64_t		fte = 0;
	int64_t		income = 0;

	if (ha_person_is_bad(p))
		return fail_bad_person(p, err);
	b = ha_person_bands(p);
	/* in their domains, both round into range */
	if (b.labour && p->fte_known &&
		!ha_tally_round(p->outside_labour_fte, HA_TALLY_OUTSIDE_LABOUR_FTE,
						&fte))
		return fail_person(err, PERSON_FTE, p->outside_labour_fte);
	if (b.taxpayer &&
		!ha_tally_round(p->gross_income, HA_TALLY_INCOME_SUM, &income))
		return fail_person(err, PERSON_INCOME, p->gross_income);
	if (ha_person_overflows(t, b, fte, income))
		return fail_person_overflow(t, b, fte, err);
	ha_person_apply(t, p, b, fte, income);
	return true;
}

/*
 * The share, in percent, of a sub-count of its population: 100 * part /
 * population from the exact integers, rounded once (the float8 nearest the
 * exact quotient, so a share exactly at a threshold is exact) while the
 * part, and the population times 10^4 for outside_labour_fte, are below
 * 2^53 (9 * 10^11 persons).  False when the population is 0 or the field
 * is not a sub-count.
 */
bool
ha_tally_share(const HaTally *t, HaTallyField part, double *out)
{
	int			whole = part_of[part];
	int64_t		w;
	double		p;

	if (whole < 0)
		return false;
	w = ha_tally_units(t, (HaTallyField) whole);
	if (w == 0)
		return false;
	p = (double) ha_tally_units(t, part);
	if (unit_of[part].decimals == HA_TALLY_DECIMALS_FTE)
		*out = p / ((double) w * (HA_TALLY_FTE_SCALE / 100));
	else
		*out = 100.0 * p / (double) w;
	return true;
}

/* Percent of residents 18+ convicted; false when there are none 18+. */
bool
ha_tally_convicted_share(const HaTally *t, double *out)
{
	return ha_tally_share(t, HA_TALLY_CONVICTED_18PLUS, out);
}

/*
 * Mean gross income of taxpayers 15-64, in kroner: øre / (100 * taxpayers),
 * rounded once while both are below 2^53; false when there are none.
 */
bool
ha_tally_income_mean(const HaTally *t, double *out)
{
	if (t->taxpayers_15_64 == 0)
		return false;
	*out = (double) t->income_sum /
		((double) t->taxpayers_15_64 * HA_TALLY_AMOUNT_SCALE);
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
 * residents, nonwestern, basic_education, income and menapt (when cur
 * counts it) come from cur;
 * outside_labour and convicted are the mean of the shares of cur and prev
 * (unknown without prev).  national_convicted is copied when given (NULL
 * pointer: unknown).  income is 100 * income_mean(cur) / regional_income,
 * unknown without regional_income or taxpayers.  A share whose population
 * is 0 is unknown.  Each yearly share comes from the exact integers,
 * rounded once (ha_tally_share); a two-year mean and the income ratio add
 * one rounding each.  The result goes through ha_ind_set and
 * ha_ind_validate, so it is a valid indicators record or an error naming
 * the key.
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
	/* menapt: 100 * count / residents, rounded to 5 decimals by ha_ind_set */
	if (ha_tally_menapt_counted(cur) && cur->residents > 0 &&
		!set_indicator(out, HA_IND_MENAPT,
					   100.0 * (double) ha_tally_menapt(cur) / (double) cur->residents,
					   err))
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
