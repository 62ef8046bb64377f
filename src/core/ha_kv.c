/*
 * ha_kv.c
 *		Parsing and checking of the key=value text form of the types.
 *
 * Text form: key=value pairs in any order, separated by blanks or a comma,
 * e.g. "residents=1913 nonwestern=49.4, income=61.8".  Each key at most
 * once.  What an absent key means is the type's business (unknown for
 * indicators, zero for tally); so is the output, written with ha_kv_append
 * in the canonical order of the type's fields.
 */
#include "ha_kv.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ha_number.h"

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
ha_kv_lookup(const HaKvForm *form, const char *key, size_t len)
{
	int			f;

	for (f = 0; f < form->nfields; f++)
	{
		if (strlen(form->fields[f].key) == len &&
			memcmp(form->fields[f].key, key, len) == 0)
			return f;
	}
	return -1;
}

/*
 * Fill err for a value outside the field's range: "key takes ..." as
 * detail, unless the caller gives a more specific detail.
 */
bool
ha_field_fail_range(const HaFieldSpec *spec, const char *shown,
					const char *detail, HaError *err)
{
	char		takes[256];

	if (detail == NULL)
	{
		snprintf(takes, sizeof(takes), "Key \"%s\" takes %s.",
				 spec->key, spec->range_text);
		detail = takes;
	}
	return ha_fail(err, HA_ERR_RANGE, detail, NULL,
				   "value \"%s\" is out of range for key \"%s\"",
				   shown, spec->key);
}

/* Fill err for a value that is not acceptable as a number at all. */
static bool
fail_invalid(const HaFieldSpec *spec, const char *shown, const char *detail,
			 HaError *err)
{
	char		hint[256];

	snprintf(hint, sizeof(hint), "Key \"%s\" takes %s.",
			 spec->key, spec->range_text);
	return ha_fail(err, HA_ERR_SYNTAX, detail, hint,
				   "invalid value \"%s\" for key \"%s\"", shown, spec->key);
}

/* Check one value against its field's domain; shown is how to quote it. */
bool
ha_field_check(const HaFieldSpec *spec, double v, const char *shown,
			   HaError *err)
{
	if (isnan(v))
		return fail_invalid(spec, shown, "NaN is not a valid value.", err);
	if (isinf(v) || v < spec->min || v > spec->max ||
		(spec->min_exclusive && v == spec->min))
		return ha_field_fail_range(spec, shown, NULL, err);
	if (spec->whole && v != floor(v))
		return fail_invalid(spec, shown, "The value must be a whole number.",
							err);
	return true;
}

/*
 * Scan the value token tok[0..len) of a field and check it, with
 * key-specific errors quoting the token as written (long tokens by their
 * start only).  tok[len] must end the token (see ha_scan_number).  -0 comes
 * out as 0, so equal values have equal bytes.
 */
bool
ha_field_scan(const HaFieldSpec *spec, const char *tok, size_t len,
			  double *out, HaError *err)
{
	char		shown[HA_SHOWN_MAX + 4];
	double		v = 0;

	if (len > HA_SHOWN_MAX)
		snprintf(shown, sizeof(shown), "%.*s...", HA_SHOWN_MAX, tok);
	else
		snprintf(shown, sizeof(shown), "%.*s", (int) len, tok);

	switch (ha_scan_number(tok, len, spec->whole, &v))
	{
		case HA_NUM_OK:
			if (!ha_field_check(spec, v, shown, err))
				return false;
			*out = v + 0.0;		/* -0 -> +0 */
			return true;
		case HA_NUM_SYNTAX:
			return fail_invalid(spec, shown, "The value is not a number.", err);
		case HA_NUM_FRACTION:
			return fail_invalid(spec, shown,
								"The value must be a whole number.", err);
		case HA_NUM_NAN:
			return fail_invalid(spec, shown, "NaN is not a valid value.", err);
		case HA_NUM_INFINITE:
		case HA_NUM_OVERFLOW:
			return ha_field_fail_range(spec, shown, NULL, err);
	}
	return fail_invalid(spec, shown, "The value is not a number.", err);
}

/* Fill err for a malformed text input, quoting the whole input. */
static bool
fail_syntax(const HaKvForm *form, HaError *err, const char *input,
			const char *detail, const char *hint)
{
	return ha_fail(err, HA_ERR_SYNTAX, detail, hint,
				   "invalid input syntax for type %s: \"%s\"",
				   form->type_name, input);
}

/*
 * Parse the text form s, handing each value token to set(rec, field, ...).
 *
 * Grammar: blanks* pair (sep pair)* blanks*, where pair is key=value with no
 * blanks around '=', and sep is blanks, or a comma with optional blanks
 * around it.  Every rejection names what is wrong and where.  The caller
 * initialises rec; fields whose key is absent are left as they are.
 */
bool
ha_kv_parse(const HaKvForm *form, const char *s, HaKvSetter set, void *rec,
			HaError *err)
{
	size_t		len = strlen(s);
	const char *p;
	char		detail[256];
	char		hint[256];
	uint32_t	seen = 0;

	if (len > form->input_max)
	{
		snprintf(detail, sizeof(detail),
				 "The input is %zu bytes long; at most %zu are accepted.",
				 len, form->input_max);
		return ha_fail(err, HA_ERR_LIMIT, detail, NULL,
					   "%s input is too long", form->type_name);
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
						   "invalid input syntax for type %s", form->type_name);
		}
	}

	p = s;
	while (is_blank(*p))
		p++;
	if (*p == '\0')
	{
		snprintf(hint, sizeof(hint),
				 "Give at least one key=value pair, for example \"%s\".",
				 form->example);
		return fail_syntax(form, err, s, "The input is empty.", hint);
	}

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
				return fail_syntax(form, err, s,
								   "A value has no key before \"=\".", NULL);
			return fail_syntax(form, err, s, "Two separators follow each other.",
							   "Separate pairs with blanks or a single comma.");
		}
		f = ha_kv_lookup(form, key, keylen);
		if (f < 0)
			return ha_fail(err, HA_ERR_SYNTAX, NULL, form->valid_keys_hint,
						   "unknown key \"%.*s\" in %s input",
						   (int) keylen, key, form->type_name);
		if (*p != '=')
		{
			snprintf(detail, sizeof(detail),
					 "Expected \"=\" directly after key \"%s\".",
					 form->fields[f].key);
			return fail_syntax(form, err, s, detail, NULL);
		}
		p++;
		val = p;
		while (*p && !is_separator(*p))
			p++;
		if (p == val)
		{
			snprintf(detail, sizeof(detail), "Key \"%s\" has no value.",
					 form->fields[f].key);
			return fail_syntax(form, err, s, detail, form->absent_hint);
		}
		if (seen & (UINT32_C(1) << f))
			return ha_fail(err, HA_ERR_SYNTAX, NULL,
						   "Give each key at most once.",
						   "duplicate key \"%s\" in %s input",
						   form->fields[f].key, form->type_name);
		seen |= UINT32_C(1) << f;
		if (!set(rec, f, val, (size_t) (p - val), err))
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
				return fail_syntax(form, err, s, "The input ends with a comma.",
								   NULL);
		}
		if (*p == '\0')
			break;
	}
	return true;
}

/* Append text to buf[*pos..cap) like snprintf, never writing past cap. */
void
ha_kv_append(char *buf, size_t cap, size_t *pos, const char *text)
{
	size_t		n = strlen(text);

	if (*pos < cap)
		snprintf(buf + *pos, cap - *pos, "%s", text);
	*pos += n;
}
