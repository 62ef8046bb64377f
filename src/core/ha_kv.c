/*
 * ha_kv.c
 *		The fields of the record types, and their key=value text form.
 *
 * Text form: key=value pairs in any order, separated by blanks or a comma,
 * e.g. "residents=1913 nonwestern=49.4, income=61.8".  Each key at most
 * once.  What an absent key means is the type's business (unknown for
 * indicators, zero for tally); the output lists the keys of a field mask in
 * the canonical order of the type's fields.
 */
#include "ha_kv.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ha_number.h"

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

/* Store v (a checked value) in field spec of rec; -0 becomes 0. */
void
ha_field_put(const HaFieldSpec *spec, void *rec, double v)
{
	char	   *p = (char *) rec + spec->offset;

	switch (spec->storage)
	{
		case HA_INT32:
			*(int32_t *) p = (int32_t) v;
			break;
		case HA_INT64:
			*(int64_t *) p = (int64_t) v;
			break;
		case HA_DOUBLE:
			*(double *) p = v + 0.0;
			break;
	}
}

/* The value of field spec of rec in its canonical spelling (HA_DOUBLE_BUFLEN). */
void
ha_field_text(const HaFieldSpec *spec, const void *rec, char *buf)
{
	const char *p = (const char *) rec + spec->offset;

	switch (spec->storage)
	{
		case HA_INT32:
			snprintf(buf, HA_DOUBLE_BUFLEN, "%" PRId32, *(const int32_t *) p);
			break;
		case HA_INT64:
			snprintf(buf, HA_DOUBLE_BUFLEN, "%" PRId64, *(const int64_t *) p);
			break;
		case HA_DOUBLE:
			ha_format_double(*(const double *) p, buf);
			break;
	}
}

/* Whether every byte of field spec of rec is zero (an unknown field must be). */
bool
ha_kv_is_zero(const HaFieldSpec *spec, const void *rec)
{
	static const char zero[sizeof(int64_t)];

	return memcmp((const char *) rec + spec->offset, zero,
				  ha_field_size(spec)) == 0;
}

/* Check one value against its field's domain; shown is how to quote it. */
bool
ha_field_check(const HaFieldSpec *spec, double v, const char *shown,
			   HaError *err)
{
	const HaErrorAbout about = {.field = spec};

	if (isnan(v))
		return ha_fail(err, HA_E_NAN, shown, &about);
	if (isinf(v) || v < spec->min || v > spec->max ||
		(spec->min_exclusive && v == spec->min))
		return ha_fail(err, HA_E_OUT_OF_RANGE, shown, &about);
	if (spec->storage != HA_DOUBLE && v != floor(v))
		return ha_fail(err, HA_E_NOT_WHOLE, shown, &about);
	return true;
}

/*
 * Check the stored field f of rec as it may arrive in binary form: its
 * domain, and no negative zero (equal values must have equal bytes).
 */
bool
ha_kv_check_value(const HaKvForm *form, int f, const void *rec, HaError *err)
{
	const HaFieldSpec *spec = &form->fields[f];
	double		v = ha_field_get(spec, rec);
	char		shown[HA_DOUBLE_BUFLEN];

	ha_field_text(spec, rec, shown);
	if (!ha_field_check(spec, v, shown, err))
		return false;
	if (v == 0 && signbit(v))
		return ha_fail(err, HA_E_NEGATIVE_ZERO, NULL,
					   &(HaErrorAbout) {.form = form, .field = spec});
	return true;
}

/*
 * Write the token tok[0..len) into shown[HA_SHOWN_BUFLEN] as an error report
 * quotes it: in full, or its first HA_SHOWN_MAX bytes and "...".
 */
void
ha_shown_token(const char *tok, size_t len, char *shown)
{
	if (len > HA_SHOWN_MAX)
		snprintf(shown, HA_SHOWN_BUFLEN, "%.*s...", HA_SHOWN_MAX, tok);
	else
		snprintf(shown, HA_SHOWN_BUFLEN, "%.*s", (int) len, tok);
}

/*
 * Scan the value token tok[0..len) of a field and check it, quoting the
 * token as written (long tokens by their start only) when it is refused.
 * tok[len] must end the token (see ha_scan_number).  -0 comes out as 0, so
 * equal values have equal bytes.
 */
bool
ha_field_scan(const HaFieldSpec *spec, const char *tok, size_t len,
			  double *out, HaError *err)
{
	const HaErrorAbout about = {.field = spec};
	char		shown[HA_SHOWN_BUFLEN];
	double		v = 0;

	ha_shown_token(tok, len, shown);

	switch (ha_scan_number(tok, len, spec->storage != HA_DOUBLE, &v))
	{
		case HA_NUM_OK:
			if (!ha_field_check(spec, v, shown, err))
				return false;
			*out = v + 0.0;		/* -0 -> +0 */
			return true;
		case HA_NUM_SYNTAX:
			break;
		case HA_NUM_FRACTION:
			return ha_fail(err, HA_E_NOT_WHOLE, shown, &about);
		case HA_NUM_NAN:
			return ha_fail(err, HA_E_NAN, shown, &about);
		case HA_NUM_INFINITE:
		case HA_NUM_OVERFLOW:
			return ha_fail(err, HA_E_OUT_OF_RANGE, shown, &about);
	}
	return ha_fail(err, HA_E_NOT_A_NUMBER, shown, &about);
}

/* Fill err for a malformed input (of kind), quoting the whole input. */
static bool
fail_syntax(const HaKvForm *form, HaErrorKind kind, const char *input,
			const HaFieldSpec *field, HaError *err)
{
	return ha_fail(err, kind, input,
				   &(HaErrorAbout) {.form = form, .field = field});
}

/* Fill err for the unknown key key[0..len), quoting it whole. */
static bool
fail_unknown_key(const HaKvForm *form, const char *key, size_t len,
				 HaError *err)
{
	char		shown[HA_ERR_VALUE_LEN];

	snprintf(shown, sizeof(shown), "%.*s", (int) len, key);
	return ha_fail(err, HA_E_UNKNOWN_KEY, shown,
				   &(HaErrorAbout) {.form = form});
}

/*
 * Parse the text form s into the fields of rec, and set in *seen the bit of
 * each field given.
 *
 * Grammar: blanks* pair (sep pair)* blanks*, where pair is key=value with no
 * blanks around '=', and sep is blanks, or a comma with optional blanks
 * around it.  Every rejection names what is wrong and where.  The caller
 * initialises rec; fields whose key is absent are left as they are.
 */
bool
ha_kv_parse(const HaKvForm *form, const char *s, void *rec, uint32_t *seen,
			HaError *err)
{
	size_t		len = strlen(s);
	const char *p;

	*seen = 0;
	if (len > form->input_max)
		return ha_fail(err, HA_E_TOO_LONG, NULL,
					   &(HaErrorAbout) {.form = form,
					   .n = {(long long) len, (long long) form->input_max}});
	for (p = s; *p; p++)
	{
		unsigned char c = (unsigned char) *p;

		if ((c < 0x20 && !ha_kv_is_blank((char) c)) || c == 0x7f)
			return ha_fail(err, HA_E_CONTROL_CHAR, NULL,
						   &(HaErrorAbout) {.form = form,
						   .n = {c, (long long) (p - s) + 1}});
	}

	p = s;
	while (ha_kv_is_blank(*p))
		p++;
	if (*p == '\0')
		return fail_syntax(form, HA_E_EMPTY, s, NULL, err);

	for (;;)
	{
		const char *key = p;
		const char *val;
		size_t		keylen;
		int			f;
		double		v;

		while (*p && *p != '=' && !ha_kv_is_separator(*p))
			p++;
		keylen = (size_t) (p - key);
		if (keylen == 0)
			return fail_syntax(form, *p == '=' ? HA_E_NO_KEY : HA_E_TWO_SEPARATORS,
							   s, NULL, err);
		f = ha_kv_lookup(form, key, keylen);
		if (f < 0)
			return fail_unknown_key(form, key, keylen, err);
		if (*p != '=')
			return fail_syntax(form, HA_E_MISSING_EQUALS, s, &form->fields[f], err);
		p++;
		val = p;
		while (*p && !ha_kv_is_separator(*p))
			p++;
		if (p == val)
			return fail_syntax(form, HA_E_NO_VALUE, s, &form->fields[f], err);
		if (*seen & (UINT32_C(1) << f))
			return fail_syntax(form, HA_E_DUPLICATE_KEY, NULL, &form->fields[f],
							   err);
		*seen |= UINT32_C(1) << f;
		if (!ha_field_scan(&form->fields[f], val, (size_t) (p - val), &v, err))
			return false;
		ha_field_put(&form->fields[f], rec, v);

		/* separator: blanks, or blanks , blanks */
		while (ha_kv_is_blank(*p))
			p++;
		if (*p == ',')
		{
			p++;
			while (ha_kv_is_blank(*p))
				p++;
			if (*p == '\0')
				return fail_syntax(form, HA_E_TRAILING_COMMA, s, NULL, err);
		}
		if (*p == '\0')
			break;
	}
	return true;
}

/*
 * Append text to buf[*pos..cap) like snprintf, never writing past cap; *pos
 * counts what the whole text needs.
 */
void
ha_append(char *buf, size_t cap, size_t *pos, const char *text)
{
	size_t		n = strlen(text);

	if (*pos < cap)
		snprintf(buf + *pos, cap - *pos, "%s", text);
	*pos += n;
}

/*
 * Write the fields of mask in field order, as the text form ("key=value",
 * one blank between pairs) or as a JSON object.  Returns the length it
 * needs (like snprintf); the output is complete when that is below cap.
 */
size_t
ha_kv_format(const HaKvForm *form, const void *rec, uint32_t mask, bool json,
			 char *buf, size_t cap)
{
	size_t		pos = 0;
	bool		first = true;
	int			f;

	if (cap > 0)
		buf[0] = '\0';
	if (json)
		ha_append(buf, cap, &pos, "{");
	for (f = 0; f < form->nfields; f++)
	{
		char		num[HA_DOUBLE_BUFLEN];

		if (!(mask & (UINT32_C(1) << f)))
			continue;
		if (!first)
			ha_append(buf, cap, &pos, json ? ", " : " ");
		first = false;
		if (json)
			ha_append(buf, cap, &pos, "\"");
		ha_append(buf, cap, &pos, form->fields[f].key);
		ha_append(buf, cap, &pos, json ? "\": " : "=");
		ha_field_text(&form->fields[f], rec, num);
		ha_append(buf, cap, &pos, num);
	}
	if (json)
		ha_append(buf, cap, &pos, "}");
	return pos;
}

/*
 * The value token of key in s, an input ha_kv_parse has accepted with that
 * key in it, into *tok and *len.
 */
void
ha_kv_find_value(const char *s, const char *key, const char **tok, size_t *len)
{
	size_t		keylen = strlen(key);
	const char *p = s;

	for (;;)
	{
		const char *k;
		const char *v;

		while (ha_kv_is_separator(*p))
			p++;
		k = p;
		while (*p != '=')
			p++;
		v = ++p;
		while (*p != '\0' && !ha_kv_is_separator(*p))
			p++;
		if ((size_t) (v - 1 - k) == keylen && memcmp(k, key, keylen) == 0)
		{
			*tok = v;
			*len = (size_t) (p - v);
			return;
		}
	}
}
