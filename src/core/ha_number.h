/*
 * ha_number.h
 *		Strict number scanning and shortest round-trip formatting.
 *
 * Shared by the text forms of every type, so that all of them accept and
 * print numbers the same way: a plain decimal grammar (no hex, no leading
 * blanks, no words), and output that reads back to the identical double.
 */
#ifndef HA_NUMBER_H
#define HA_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum HaNumStatus
{
	HA_NUM_OK = 0,
	HA_NUM_SYNTAX,				/* not a decimal number */
	HA_NUM_FRACTION,			/* a number, but not a whole one (whole mode) */
	HA_NUM_NAN,					/* NaN in any spelling */
	HA_NUM_INFINITE,			/* Infinity/inf with or without sign */
	HA_NUM_OVERFLOW				/* finite spelling beyond double range */
} HaNumStatus;

/* Enough for any output of ha_format_double(), with the NUL. */
#define HA_DOUBLE_BUFLEN 32

extern HaNumStatus ha_scan_number(const char *tok, size_t len, bool whole,
								  double *out);
extern size_t ha_format_double(double v, char *buf);
extern int	ha_decimal_compare_exact(double a, int k, double b);
extern double ha_round_decimals(double v, int decimals);
extern bool ha_scan_units(const char *tok, size_t len, int decimals,
						  int64_t min, int64_t max, int64_t *out);

/*
 * Compare a with k * b, each double read as its shortest decimal (see
 * ha_decimal_compare_exact).  Inline fast path: k * b in binary is within
 * half an ulp of the decimal product, and each double within half an ulp of
 * its shortest decimal, so a relative gap above 1e-12 decides without
 * decimal arithmetic; only near-ties take the exact way.  Below 1e-290 the
 * doubles may be subnormal, whose ulp is absolute (4.9e-324), so the
 * relative bound does not hold there: such values take the exact way too
 * (with a normal scale, k * b is near a only when b is normal, as k is an
 * int).
 */
static inline int
ha_decimal_compare(double a, int k, double b)
{
	double		p = k * b;
	double		gap = a - p;
	double		scale = (a > p ? a : p);
	int			above,
				below;

	if (scale < 0)
		scale = -scale;
	/* both tests, then one branch that is almost never taken: no guess */
	above = gap > 1e-12 * scale;
	below = gap < -1e-12 * scale;
	if ((above | below) & (scale >= 1e-290))
		return above - below;
	return ha_decimal_compare_exact(a, k, b);
}

#endif							/* HA_NUMBER_H */
