/*
 * ha_number.c
 *		Strict number scanning and shortest round-trip formatting.
 */
#include "ha_number.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* True for an ASCII digit. */
static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Case-insensitive comparison of a token with a lower-case ASCII word. */
static bool
token_is_word(const char *tok, size_t len, const char *word)
{
	size_t		i;

	if (strlen(word) != len)
		return false;
	for (i = 0; i < len; i++)
	{
		char		c = tok[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != word[i])
			return false;
	}
	return true;
}

/*
 * Scan a whole token as a decimal number.
 *
 * tok[len] must be a character that cannot continue a number (NUL, a blank,
 * a comma): strtod reads the digits in place.
 *
 * Grammar: [+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?
 * With whole = true, a valid number with a fraction or exponent part is
 * reported as HA_NUM_FRACTION so the caller can say "must be a whole number"
 * rather than "not a number".  Results that strtod cannot represent (beyond
 * DBL_MAX, or so small they would lose precision) are HA_NUM_OVERFLOW; NaN
 * and infinities are recognised in their usual spellings so the caller can
 * name them.
 */
HaNumStatus
ha_scan_number(const char *tok, size_t len, bool whole, double *out)
{
	size_t		i = 0;
	size_t		digits = 0;
	bool		plain_integer = true;
	const char *word = tok;
	size_t		wordlen = len;
	char	   *end;
	double		v;

	if (len == 0)
		return HA_NUM_SYNTAX;

	if (tok[0] == '+' || tok[0] == '-')
	{
		word++;
		wordlen--;
	}
	if (token_is_word(word, wordlen, "nan"))
		return HA_NUM_NAN;
	if (token_is_word(word, wordlen, "inf") ||
		token_is_word(word, wordlen, "infinity"))
		return HA_NUM_INFINITE;

	if (tok[i] == '+' || tok[i] == '-')
		i++;
	while (i < len && is_digit(tok[i]))
	{
		i++;
		digits++;
	}
	if (i < len && tok[i] == '.')
	{
		plain_integer = false;
		i++;
		while (i < len && is_digit(tok[i]))
		{
			i++;
			digits++;
		}
	}
	if (digits == 0)
		return HA_NUM_SYNTAX;
	if (i < len && (tok[i] == 'e' || tok[i] == 'E'))
	{
		size_t		expdigits = 0;

		plain_integer = false;
		i++;
		if (i < len && (tok[i] == '+' || tok[i] == '-'))
			i++;
		while (i < len && is_digit(tok[i]))
		{
			i++;
			expdigits++;
		}
		if (expdigits == 0)
			return HA_NUM_SYNTAX;
	}
	if (i != len)
		return HA_NUM_SYNTAX;

	/*
	 * The grammar matched exactly tok[0..len), and the caller guarantees that
	 * tok[len] cannot continue a number, so strtod stops at the same place
	 * without a copy, however long the spelling.
	 */
	errno = 0;
	v = strtod(tok, &end);
	if (end != tok + len)
		return HA_NUM_SYNTAX;
	/* ERANGE covers overflow to HUGE_VAL and underflow into subnormals */
	if (errno == ERANGE || !isfinite(v))
		return HA_NUM_OVERFLOW;
	if (whole && !plain_integer)
		return HA_NUM_FRACTION;
	*out = v;
	return HA_NUM_OK;
}

/*
 * Print a double with the fewest significant digits that read back
 * to exactly the same value (NaN and infinities as PostgreSQL spells them,
 * for error messages).
 *
 * Fixed notation is used for decimal exponents -5..16 (all values the types
 * hold in practice), scientific notation outside it, so "100" never comes out
 * as "1e+02".  Returns the length written to buf (HA_DOUBLE_BUFLEN bytes).
 */
size_t
ha_format_double(double v, char *buf)
{
	char		sci[HA_DOUBLE_BUFLEN];
	int			prec;
	int			exponent;
	const char *e;

	if (isnan(v))
		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "NaN");
	if (isinf(v))
		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, v > 0 ? "Infinity" : "-Infinity");
	if (v == 0)
		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "0");

	for (prec = 1; prec < 17; prec++)
	{
		snprintf(sci, sizeof(sci), "%.*e", prec - 1, v);
		if (strtod(sci, NULL) == v)
			break;
	}
	snprintf(sci, sizeof(sci), "%.*e", prec - 1, v);
	e = strchr(sci, 'e');
	exponent = atoi(e + 1);

	if (exponent >= -5 && exponent <= 16)
	{
		int			decimals = prec - 1 - exponent;

		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "%.*f",
								 decimals > 0 ? decimals : 0, v);
	}
	/* "1.5e+20" -> keep as printed, but drop the '+' and leading exponent zeros */
	{
		size_t		mant = (size_t) (e - sci);

		memcpy(buf, sci, mant);
		return mant + (size_t) snprintf(buf + mant, HA_DOUBLE_BUFLEN - mant,
										"e%d", exponent);
	}
}
