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

#include "ha_number.h"

/* Longest value quoted in full in an error message. */
#define HA_SHOWN_MAX 100

const HaIndFieldSpec ha_ind_fields[HA_IND_NFIELDS] = {
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

static const char valid_keys_hint[] =
"Valid keys are residents, nonwestern, outside_labour, convicted, "
"national_convicted, basic_education and income.";

/* Blank characters that separate pairs (ASCII whitespace). */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\v' || c == '\f';
}

/* Characters that end a key or a value. */
static bool
is_separator(char c)
{
	return is_blank(c) || c == ',';
}

/* Return the field index of a key, or -1 when the key is unknown. */
int
ha_ind_lookup(const char *key, size_t len)
{
	int			f;

	for (f = 0; f < HA_IND_NFIELDS; f++)
	{
		if (strlen(ha_ind_fields[f].key) == len &&
			memcmp(ha_ind_fields[f].key, key, len) == 0)
			return f;
	}
	return -1;
}

/* Make an empty record of the current layout version (all fields unknown). */
void
ha_ind_init(HaIndicators *ind)
{
	memset(ind, 0, sizeof(*ind));
	ind->version = HA_IND_VERSION;
}

/* Is field f known? */
bool
ha_ind_known(const HaIndicators *ind, HaIndField f)
{
	return (ind->known & (1u << f)) != 0;
}

/* The value of field f (0 when unknown; check ha_ind_known first). */
double
ha_ind_get(const HaIndicators *ind, HaIndField f)
{
	if (f == HA_IND_RESIDENTS)
		return (double) ind->residents;
	return ind->value[f - 1];
}

/* Fill err with "key takes ..." as detail for an out-of-range value. */
static bool
fail_range(HaError *err, HaIndField f, const char *shown)
{
	char		detail[256];

	snprintf(detail, sizeof(detail), "Key \"%s\" takes %s.",
			 ha_ind_fields[f].key, ha_ind_fields[f].range_text);
	return ha_fail(err, HA_ERR_RANGE, detail, NULL,
				   "value \"%s\" is out of range for key \"%s\"",
				   shown, ha_ind_fields[f].key);
}

/* Fill err for a value that is not acceptable as a number at all. */
static bool
fail_invalid(HaError *err, HaIndField f, const char *shown, const char *detail)
{
	char		hint[256];

	snprintf(hint, sizeof(hint), "Key \"%s\" takes %s.",
			 ha_ind_fields[f].key, ha_ind_fields[f].range_text);
	return ha_fail(err, HA_ERR_SYNTAX, detail, hint,
				   "invalid value \"%s\" for key \"%s\"",
				   shown, ha_ind_fields[f].key);
}

/* Check one value against its field's domain; shown is how to quote it. */
static bool
check_value(HaIndField f, double v, const char *shown, HaError *err)
{
	const HaIndFieldSpec *spec = &ha_ind_fields[f];

	if (isnan(v))
		return fail_invalid(err, f, shown, "NaN is not a valid value.");
	if (isinf(v) || v < spec->min || v > spec->max ||
		(spec->min_exclusive && v == spec->min))
		return fail_range(err, f, shown);
	if (spec->whole && v != floor(v))
		return fail_invalid(err, f, shown, "The value must be a whole number.");
	return true;
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
	if (!check_value(f, v, shown, err))
		return false;
	v += 0.0;					/* -0 -> +0 */
	if (f == HA_IND_RESIDENTS)
		ind->residents = (int32_t) v;
	else
		ind->value[f - 1] = v;
	ind->known |= (uint16_t) (1u << f);
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
	char		shown[HA_SHOWN_MAX + 4];
	double		v = 0;

	/* quote long values by their start only */
	if (len > HA_SHOWN_MAX)
		snprintf(shown, sizeof(shown), "%.*s...", HA_SHOWN_MAX, tok);
	else
		snprintf(shown, sizeof(shown), "%.*s", (int) len, tok);

	switch (ha_scan_number(tok, len, ha_ind_fields[f].whole, &v))
	{
		case HA_NUM_OK:
			return ha_ind_set(ind, f, v, shown, err);
		case HA_NUM_SYNTAX:
			return fail_invalid(err, f, shown, "The value is not a number.");
		case HA_NUM_FRACTION:
			return fail_invalid(err, f, shown,
								"The value must be a whole number.");
		case HA_NUM_NAN:
			return fail_invalid(err, f, shown, "NaN is not a valid value.");
		case HA_NUM_INFINITE:
		case HA_NUM_OVERFLOW:
			return fail_range(err, f, shown);
	}
	return fail_invalid(err, f, shown, "The value is not a number.");
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
		if (!check_value((HaIndField) f, v, shown, err))
			return false;
		if (f != HA_IND_RESIDENTS && signbit(v))
			return ha_fail(err, HA_ERR_BINARY, "Negative zero is not canonical.",
						   NULL, "invalid binary representation of type indicators");
	}
	return true;
}

/* Fill err for a malformed text input, quoting the whole input. */
static bool
fail_syntax(HaError *err, const char *input, const char *detail,
			const char *hint)
{
	return ha_fail(err, HA_ERR_SYNTAX, detail, hint,
				   "invalid input syntax for type indicators: \"%s\"", input);
}

/*
 * Parse the text form into *out.
 *
 * Grammar: blanks* pair (sep pair)* blanks*, where pair is key=value with no
 * blanks around '=', and sep is blanks, or a comma with optional blanks
 * around it.  Every rejection names what is wrong and where.
 */
bool
ha_ind_parse(const char *s, HaIndicators *out, HaError *err)
{
	size_t		len = strlen(s);
	const char *p;
	char		detail[256];

	ha_ind_init(out);

	if (len > HA_IND_INPUT_MAX)
	{
		snprintf(detail, sizeof(detail),
				 "The input is %zu bytes long; at most %d are accepted.",
				 len, HA_IND_INPUT_MAX);
		return ha_fail(err, HA_ERR_LIMIT, detail, NULL,
					   "indicators input is too long");
	}
	for (p = s; *p; p++)
	{
		unsigned char c = (unsigned char) *p;

		if ((c < 0x20 && !is_blank((char) c)) || c == 0x7f)
		{
			snprintf(detail, sizeof(detail),
					 "Control character 0x%02X at byte %zu is not allowed.",
					 c, (size_t) (p - s) + 1);
			return ha_fail(err, HA_ERR_SYNTAX, detail, NULL,
						   "invalid input syntax for type indicators");
		}
	}

	p = s;
	while (is_blank(*p))
		p++;
	if (*p == '\0')
		return fail_syntax(err, s, "The input is empty.",
						   "Give at least one key=value pair, for example \"residents=1913\".");

	for (;;)
	{
		const char *key = p;
		const char *val;
		size_t		keylen;
		int			f;

		while (*p && *p != '=' && !is_separator(*p))
			p++;
		keylen = (size_t) (p - key);
		if (keylen == 0)
		{
			if (*p == '=')
				return fail_syntax(err, s, "A value has no key before \"=\".",
								   NULL);
			return fail_syntax(err, s, "Two separators follow each other.",
							   "Separate pairs with blanks or a single comma.");
		}
		f = ha_ind_lookup(key, keylen);
		if (f < 0)
			return ha_fail(err, HA_ERR_SYNTAX, NULL, valid_keys_hint,
						   "unknown key \"%.*s\" in indicators input",
						   (int) keylen, key);
		if (*p != '=')
		{
			snprintf(detail, sizeof(detail),
					 "Expected \"=\" directly after key \"%s\".",
					 ha_ind_fields[f].key);
			return fail_syntax(err, s, detail, NULL);
		}
		p++;
		val = p;
		while (*p && !is_separator(*p))
			p++;
		if (p == val)
		{
			snprintf(detail, sizeof(detail), "Key \"%s\" has no value.",
					 ha_ind_fields[f].key);
			return fail_syntax(err, s, detail,
							   "Leave a key out to mark its value unknown.");
		}
		if (ha_ind_known(out, (HaIndField) f))
			return ha_fail(err, HA_ERR_SYNTAX, NULL,
						   "Give each key at most once.",
						   "duplicate key \"%s\" in indicators input",
						   ha_ind_fields[f].key);
		if (!ha_ind_set_text(out, (HaIndField) f, val, (size_t) (p - val), err))
			return false;

		/* separator: blanks, or blanks , blanks */
		while (is_blank(*p))
			p++;
		if (*p == ',')
		{
			p++;
			while (is_blank(*p))
				p++;
			if (*p == '\0')
				return fail_syntax(err, s, "The input ends with a comma.", NULL);
		}
		if (*p == '\0')
			break;
	}
	return true;
}

/* Append to buf[*pos..cap) like snprintf, never writing past cap. */
static void
append(char *buf, size_t cap, size_t *pos, const char *text)
{
	size_t		n = strlen(text);

	if (*pos < cap)
		snprintf(buf + *pos, cap - *pos, "%s", text);
	*pos += n;
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
			append(buf, cap, &pos, " ");
		append(buf, cap, &pos, ha_ind_fields[f].key);
		append(buf, cap, &pos, "=");
		format_value(ind, (HaIndField) f, num);
		append(buf, cap, &pos, num);
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
	append(buf, cap, &pos, "{");
	for (f = 0; f < HA_IND_NFIELDS; f++)
	{
		char		num[HA_DOUBLE_BUFLEN];

		if (!ha_ind_known(ind, (HaIndField) f))
			continue;
		if (pos > 1)
			append(buf, cap, &pos, ", ");
		append(buf, cap, &pos, "\"");
		append(buf, cap, &pos, ha_ind_fields[f].key);
		append(buf, cap, &pos, "\": ");
		format_value(ind, (HaIndField) f, num);
		append(buf, cap, &pos, num);
	}
	append(buf, cap, &pos, "}");
	return pos;
}

/* Equality of two valid records: same known fields with the same values. */
bool
ha_ind_equal(const HaIndicators *a, const HaIndicators *b)
{
	return memcmp(a, b, sizeof(HaIndicators)) == 0;
}
