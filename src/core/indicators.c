/*
 * indicators.c
 *		Validation, text parsing and formatting of indicator records.
 *
 * Text form: key=value pairs in any order, separated by blanks or a comma,
 * e.g. "residents=1913 nonwestern=49.4, income=61.8".  Absent keys are
 * unknown values.  Output lists the known keys in the canonical order of
 * ha_ind_fields with shortest round-trip numbers, so parse(format(x)) == x
 * bit for bit.
 */
#include "indicators.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ha_kv.h"
#include "ha_number.h"

const HaFieldSpec ha_ind_fields[HA_IND_NFIELDS] = {
	{"residents", 0, 10000000, false, true,
	"a whole number of residents from 0 to 10000000"},
	{"nonwestern", 0, 100, false, false, "a percentage from 0 to 100"},
	{"outside_labour", 0, 100, false, false, "a percentage from 0 to 100"},
	{"convicted", 0, 100, false, false, "a percentage from 0 to 100"},
	{"national_convicted", 0, 100, true, false,
	"a percentage greater than 0 and at most 100"},
	{"basic_education", 0, 100, false, false, "a percentage from 0 to 100"},
	{"income", 0, 1000, false, false,
	"a percentage of the regional mean from 0 to 1000"},
};

/* The text form of indicators: absent keys are unknown values. */
static const HaKvForm ind_form = {
	"indicators", ha_ind_fields, HA_IND_NFIELDS, HA_IND_INPUT_MAX,
	"Valid keys are residents, nonwestern, outside_labour, convicted, "
	"national_convicted, basic_education and income.",
	"residents=1913",
	"Leave a key out to mark its value unknown."
};

/* Return the field index of a key, or -1 when the key is unknown. */
int
ha_ind_lookup(const char *key, size_t len)
{
	return ha_kv_lookup(&ind_form, key, len);
}

/* Make an empty record of the current layout version (all fields unknown). */
void
ha_ind_init(HaIndicators *ind)
{
	memset(ind, 0, sizeof(*ind));
	ind->version = HA_IND_VERSION;
}

/* Store a checked value in field f and mark it known; -0 becomes 0. */
static void
store(HaIndicators *ind, HaIndField f, double v)
{
	v += 0.0;					/* -0 -> +0 */
	if (f == HA_IND_RESIDENTS)
		ind->residents = (int32_t) v;
	else
		ind->value[f - 1] = v;
	ind->known |= (uint16_t) (1u << f);
}

/*
 * Store a value in field f after checking it; shown is the value as the
 * user wrote it (or as formatted), for the error message.  -0 is stored as
 * 0 so equal records have equal bytes.
 */
bool
ha_ind_set(HaIndicators *ind, HaIndField f, double v, const char *shown,
		   HaError *err)
{
	if (!ha_field_check(&ha_ind_fields[f], v, shown, err))
		return false;
	store(ind, f, v);
	return true;
}

/*
 * Scan a value token for field f and store it, with key-specific errors.
 * tok[len] must end the token (see ha_scan_number).
 */
bool
ha_ind_set_text(HaIndicators *ind, HaIndField f, const char *tok, size_t len,
				HaError *err)
{
	double		v;

	if (!ha_field_scan(&ha_ind_fields[f], tok, len, &v, err))
		return false;
	store(ind, f, v);
	return true;
}

/*
 * Check a whole record as it arrives in binary form or from memory: the
 * same domain checks as text input, plus the layout rules text input
 * cannot break (version, reserved byte, unknown fields zeroed).
 */
bool
ha_ind_validate(const HaIndicators *ind, HaError *err)
{
	int			f;

	if (ind->version != HA_IND_VERSION)
	{
		char		detail[128];

		snprintf(detail, sizeof(detail),
				 "Layout version %u is not supported; this build reads version %d.",
				 (unsigned) ind->version, HA_IND_VERSION);
		return ha_fail(err, HA_ERR_BINARY, detail, NULL,
					   "invalid binary representation of type indicators");
	}
	if (ind->reserved != 0)
		return ha_fail(err, HA_ERR_BINARY, "The reserved byte is not zero.",
					   NULL, "invalid binary representation of type indicators");
	if ((ind->known & ~HA_IND_ALL_KNOWN) != 0)
		return ha_fail(err, HA_ERR_BINARY,
					   "The field mask has bits for fields that do not exist.",
					   NULL, "invalid binary representation of type indicators");
	if (ind->known == 0)
		return ha_fail(err, HA_ERR_PARAM, "Every value is unknown.",
					   "Give at least one value, for example \"residents=1913\".",
					   "an indicators record must have at least one known value");

	for (f = 0; f < HA_IND_NFIELDS; f++)
	{
		double		v = ha_ind_get(ind, (HaIndField) f);
		char		shown[HA_DOUBLE_BUFLEN];

		if (!ha_ind_known(ind, (HaIndField) f))
		{
			/* memcmp-based equality needs unknown fields to be all-zero bits */
			if (f == HA_IND_RESIDENTS ? ind->residents != 0
				: memcmp(&ind->value[f - 1], &(double) {0}, sizeof(double)) != 0)
			{
				char		detail[128];

				snprintf(detail, sizeof(detail),
						 "Key \"%s\" is marked unknown but holds a value.",
						 ha_ind_fields[f].key);
				return ha_fail(err, HA_ERR_BINARY, detail, NULL,
							   "invalid binary representation of type indicators");
			}
			continue;
		}
		ha_format_double(v, shown);
		if (!ha_field_check(&ha_ind_fields[f], v, shown, err))
			return false;
		if (f != HA_IND_RESIDENTS && signbit(v))
			return ha_fail(err, HA_ERR_BINARY, "Negative zero is not canonical.",
						   NULL, "invalid binary representation of type indicators");
	}
	return true;
}

/* Adapter from the generic parser's setter to ha_ind_set_text. */
static bool
set_pair(void *rec, int f, const char *tok, size_t len, HaError *err)
{
	return ha_ind_set_text((HaIndicators *) rec, (HaIndField) f, tok, len, err);
}

/*
 * Parse the text form into *out (grammar and errors: ha_kv_parse); absent
 * keys are unknown.
 */
bool
ha_ind_parse(const char *s, HaIndicators *out, HaError *err)
{
	ha_ind_init(out);
	return ha_kv_parse(&ind_form, s, set_pair, out, err);
}

/* The value of known field f in its canonical text spelling. */
static void
format_value(const HaIndicators *ind, HaIndField f, char *buf)
{
	if (f == HA_IND_RESIDENTS)
		snprintf(buf, HA_DOUBLE_BUFLEN, "%d", (int) ind->residents);
	else
		ha_format_double(ind->value[f - 1], buf);
}

/*
 * Write the canonical text form: known keys in field order, one blank
 * between pairs.  Returns the length it needs (like snprintf); the output is
 * complete when that is below cap, which HA_IND_TEXT_BUFLEN guarantees.
 */
size_t
ha_ind_format(const HaIndicators *ind, char *buf, size_t cap)
{
	size_t		pos = 0;
	int			f;

	if (cap > 0)
		buf[0] = '\0';
	for (f = 0; f < HA_IND_NFIELDS; f++)
	{
		char		num[HA_DOUBLE_BUFLEN];

		if (!ha_ind_known(ind, (HaIndField) f))
			continue;
		if (pos > 0)
			ha_kv_append(buf, cap, &pos, " ");
		ha_kv_append(buf, cap, &pos, ha_ind_fields[f].key);
		ha_kv_append(buf, cap, &pos, "=");
		format_value(ind, (HaIndField) f, num);
		ha_kv_append(buf, cap, &pos, num);
	}
	return pos;
}

/* Write the record as a JSON object of its known keys, in field order. */
size_t
ha_ind_format_json(const HaIndicators *ind, char *buf, size_t cap)
{
	size_t		pos = 0;
	int			f;

	if (cap > 0)
		buf[0] = '\0';
	ha_kv_append(buf, cap, &pos, "{");
	for (f = 0; f < HA_IND_NFIELDS; f++)
	{
		char		num[HA_DOUBLE_BUFLEN];

		if (!ha_ind_known(ind, (HaIndField) f))
			continue;
		if (pos > 1)
			ha_kv_append(buf, cap, &pos, ", ");
		ha_kv_append(buf, cap, &pos, "\"");
		ha_kv_append(buf, cap, &pos, ha_ind_fields[f].key);
		ha_kv_append(buf, cap, &pos, "\": ");
		format_value(ind, (HaIndField) f, num);
		ha_kv_append(buf, cap, &pos, num);
	}
	ha_kv_append(buf, cap, &pos, "}");
	return pos;
}

/* Equality of two valid records: same known fields with the same values. */
bool
ha_ind_equal(const HaIndicators *a, const HaIndicators *b)
{
	return memcmp(a, b, sizeof(HaIndicators)) == 0;
}
