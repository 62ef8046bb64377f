/*
 * ha_number.c
 *		Strict number scanning and shortest round-trip formatting.
 */
#include "ha_number.h"

#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/shortest_dec.h"

/* True for an ASCII digit. */
static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Advance *i over the ASCII digits of tok[*i .. len) and count them. */
static size_t
skip_digits(const char *tok, size_t len, size_t *i)
{
	size_t		start = *i;

	while (*i < len && is_digit(tok[*i]))
		(*i)++;
	return *i - start;
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
 * DBL_MAX, or so small that they round to zero) are HA_NUM_OVERFLOW; NaN
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
	digits = skip_digits(tok, len, &i);
	if (i < len && tok[i] == '.')
	{
		plain_integer = false;
		i++;
		digits += skip_digits(tok, len, &i);
	}
	if (digits == 0)
		return HA_NUM_SYNTAX;
	if (i < len && (tok[i] == 'e' || tok[i] == 'E'))
	{
		plain_integer = false;
		i++;
		if (i < len && (tok[i] == '+' || tok[i] == '-'))
			i++;
		if (skip_digits(tok, len, &i) == 0)
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
	/*
	 * ERANGE flags overflow to HUGE_VAL, underflow to zero, and also results
	 * in the subnormal range.  Subnormals are accepted, as float8in does:
	 * they are valid values (reachable from SQL float8 and sums), and
	 * ha_format_double prints them as text that must read back.
	 */
	if (!isfinite(v) || (errno == ERANGE && v == 0))
		return HA_NUM_OVERFLOW;
	if (whole && !plain_integer)
		return HA_NUM_FRACTION;
	*out = v;
	return HA_NUM_OK;
}

/*
 * The shortest decimal that reads back to v (finite, non-zero), as
 * PostgreSQL's float8 output finds it (Ryu): its significant digits, without
 * trailing zeros, into digits (a string of at most 17) and the decimal
 * exponent of the first of them into *exponent.  Returns the digit count.
 *
 * double_to_shortest_decimal_buf() comes from libpgcommon (frontend code,
 * exported by the server too).  It writes fixed notation for exponents -4
 * to 14 and "d.ddde+XX" outside them; both are read back here as digits and
 * the position of the decimal point, so only its digits matter.
 */
static int
shortest_digits(double v, char *digits, int *exponent)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];
	const char *p;
	int			n = 0;
	int			scanned = 0;	/* digits before p, leading zeros included */
	int			point = -1;		/* digits before the decimal point */
	int			first = -1;		/* index of the first non-zero digit */

	double_to_shortest_decimal_buf(fabs(v), buf);
	for (p = buf; *p != '\0' && *p != 'e'; p++)
	{
		if (*p == '.')
		{
			point = scanned;
			continue;
		}
		if (first < 0 && *p != '0')
			first = scanned;
		if (first >= 0)
			digits[n++] = *p;
		scanned++;
	}
	if (point < 0)
		point = scanned;
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*exponent = point - 1 - first + (*p == 'e' ? atoi(p + 1) : 0);
	return n;
}

/*
 * Print a double with the fewest significant digits that read back to
 * exactly the same value (NaN and infinities as PostgreSQL spells them,
 * for error messages).
 *
 * The digits are PostgreSQL's (shortest_digits); the layout is the
 * extension's own, kept so that canonical text does not change: fixed
 * notation for decimal exponents -5 to 16 (all values the types hold in
 * practice), whole numbers there printed exactly, so "100" never comes out
 * as "1e+02"; outside it "d.ddde<exponent>" with no '+' and no leading
 * zeros ("1e-7", "1.5e20").  Returns the length written to buf
 * (HA_DOUBLE_BUFLEN bytes).
 */
size_t
ha_format_double(double v, char *buf)
{
	char		digits[HA_DOUBLE_BUFLEN];
	const char *sign = v < 0 ? "-" : "";
	int			n;
	int			exponent;

	if (isnan(v))
		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "NaN");
	if (isinf(v))
		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "%sInfinity", sign);
	if (v == 0)
		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "0");

	n = shortest_digits(v, digits, &exponent);
	if (exponent < -5 || exponent > 16)
		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "%s%c%s%se%d", sign,
								 digits[0], n > 1 ? "." : "", digits + 1,
								 exponent);
	if (exponent >= n - 1)
		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "%.0f", v);
	if (exponent >= 0)
		return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "%s%.*s.%s", sign,
								 exponent + 1, digits, digits + exponent + 1);
	return (size_t) snprintf(buf, HA_DOUBLE_BUFLEN, "%s0.%.*s%s", sign,
							 -exponent - 1, "0000", digits);
}

/* A non-negative decimal number: mantissa * 10^exponent, no trailing zeros. */
typedef struct HaDecimal
{
	uint64_t	mantissa;
	int			exponent;
} HaDecimal;

/* Number of decimal digits of a positive mantissa. */
static int
digit_count(uint64_t m)
{
	int			n = 1;

	while (m >= 10)
	{
		m /= 10;
		n++;
	}
	return n;
}

/* The shortest round-trip decimal of a positive finite double. */
static HaDecimal
to_decimal(double v)
{
	char		digits[HA_DOUBLE_BUFLEN];
	HaDecimal	d = {0, 0};
	int			n = shortest_digits(v, digits, &d.exponent);
	int			i;

	for (i = 0; i < n; i++)
		d.mantissa = d.mantissa * 10 + (uint64_t) (digits[i] - '0');
	d.exponent -= n - 1;
	return d;
}

/*
 * Compare a with k * b, each double read as its shortest decimal, with
 * exact decimal arithmetic; returns -1, 0 or 1.  Slow (it formats both
 * numbers): ha_decimal_compare() calls it only for near-ties.  a and b must be finite and
 * non-negative, 1 <= k <= 9.
 *
 * The law compares published decimals ("at least 3 times the national
 * average"); in binary, 3 * 0.65 is 1.9500000000000002, so a plain double
 * comparison would wrongly put 1.95 below the threshold.
 */
int
ha_decimal_compare_exact(double a, int k, double b)
{
	HaDecimal	x,
				y;
	int			magx,
				magy;
	int			dx,
				dy;

	if (a == 0 || b == 0)
		return (a > 0) - (b > 0);
	x = to_decimal(a);
	y = to_decimal(b);
	y.mantissa *= (uint64_t) k;		/* < 1e17 * 9: fits */
	while (y.mantissa % 10 == 0)
	{
		y.mantissa /= 10;
		y.exponent++;
	}
	dx = digit_count(x.mantissa);
	dy = digit_count(y.mantissa);
	magx = dx + x.exponent;
	magy = dy + y.exponent;
	if (magx != magy)
		return magx < magy ? -1 : 1;
	/* same magnitude: pad the shorter mantissa to the same digit count */
	while (dx < dy)
	{
		x.mantissa *= 10;
		dx++;
	}
	while (dy < dx)
	{
		y.mantissa *= 10;
		dy++;
	}
	return (x.mantissa > y.mantissa) - (x.mantissa < y.mantissa);
}

/*
 * v rounded to `decimals` decimal places (0 to 17), half away from zero,
 * on the shortest decimal that reads back to v, so the value the user
 * wrote ("40.000005", stored as 40.00000499...) rounds as written, like
 * numeric.  The result is the double nearest that rounded decimal; v must
 * be finite with |v| * 10^decimals below 2^53.
 */
double
ha_round_decimals(double v, int decimals)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17
	};
	HaDecimal	d;
	uint64_t	units;
	int			shift;

	if (v == 0 || isnan(v) || isinf(v))
		return v + 0.0;
	d = to_decimal(fabs(v));
	shift = d.exponent + decimals;
	if (shift >= 0)
	{
		/* no digit beyond the place kept: v is already rounded */
		return v;
	}
	if (-shift > 17)
		units = 0;				/* mantissa < 10^17: below half a unit */
	else
	{
		uint64_t	div = (uint64_t) pow10[-shift];

		units = d.mantissa / div;
		if (d.mantissa % div >= div - d.mantissa % div)
			units++;			/* half or more: away from zero */
	}
	if (units == 0)
		return 0.0;
	return (v < 0 ? -1.0 : 1.0) * ((double) units / pow10[decimals]);
}

/*
 * Read the decimal number tok[0..len) exactly as a whole number of units of
 * 10^-decimals, rounded half away from zero when it has more decimals, into
 * *out; false when the result lies outside min .. max.  tok
 * must match the grammar of ha_scan_number ([+-] digits [. digits] [e [+-]
 * digits], no NaN or infinity): the caller has checked it.
 *
 * The number is its digits D (integer and fraction part, leading zeros
 * included) times 10^(exponent - fraction digits), so the units are D times
 * 10^k with k = exponent - fraction digits + decimals: the first n + k of
 * the n digits are kept, and the first digit dropped decides the rounding
 * (5 or more rounds away from zero: half a unit or more).
 */
bool
ha_scan_units(const char *tok, size_t len, int decimals, int64_t min,
			  int64_t max, int64_t *out)
{
	const char *end = tok + len;
	const char *p = tok;
	const char *digits;
	const char *mark = NULL;	/* the exponent's 'e', or end */
	bool		negative = false;
	long		ndigits = 0;
	long		nfrac = 0;
	long		exponent = 0;
	long		keep;
	long		i;
	uint64_t	value = 0;
	uint64_t	limit;
	bool		round_up = false;

	if (p < end && (*p == '+' || *p == '-'))
		negative = *p++ == '-';
	digits = p;
	for (; p < end && *p != 'e' && *p != 'E'; p++)
	{
		if (*p == '.')
		{
			mark = p;
			continue;
		}
		ndigits++;
		if (mark != NULL)
			nfrac++;
	}
	if (p < end)
	{
		bool		exp_negative = false;

		p++;
		if (*p == '+' || *p == '-')
			exp_negative = *p++ == '-';
		for (; p < end; p++)
			if (exponent < 1000000)
				exponent = exponent * 10 + (*p - '0');
		if (exp_negative)
			exponent = -exponent;
	}

	limit = negative ? (uint64_t) 0 - (uint64_t) min : (uint64_t) max;
	keep = ndigits + exponent - nfrac + decimals;
	i = 0;
	for (p = digits; i < ndigits; p++)
	{
		int			d;

		if (*p == '.')
			continue;
		d = *p - '0';
		if (i < keep)
		{
			if (value > (UINT64_MAX - (uint64_t) d) / 10)
				return false;
			value = value * 10 + (uint64_t) d;
		}
		else if (i == keep)
			round_up = d >= 5;
		i++;
	}
	/* trailing zeros the exponent asks for */
	for (i = ndigits; i < keep && value != 0; i++)
	{
		if (value > UINT64_MAX / 10)
			return false;
		value *= 10;
	}
	if (round_up)
	{
		if (value == UINT64_MAX)
			return false;
		value++;
	}
	if (value > limit)
		return false;
	*out = negative ? (int64_t) ((uint64_t) 0 - value) : (int64_t) value;
	return true;
}
