/*
 * tally.h
 *		Additive counts of one housing area for one data year.
 *
 * Pure C: no PostgreSQL headers.  A tally holds the counts behind the
 * published shares (rules, section 3: combine counts, never shares), so
 * tallies of departments or of person rows add up exactly.
 *
 * Every field is an integer (layout version 2): counts of persons, the
 * time outside the labour market in millionths of a full-time person, and
 * gross income in øre.  Addition is integer addition, so it is exact,
 * associative and commutative: department sums, serial and parallel
 * aggregates and federated sums give the same bytes in any order.  A value
 * with more decimals than its unit holds (a float8 argument of tally_agg,
 * a text input, a version-1 float8 sum) is rounded once to the unit, half
 * away from zero, as its shortest decimal reads (see ha_tally_round).  No
 * count or sum ever wraps: one that would leave its range is an error.
 *
 * The struct below is also the on-disk representation of the SQL type
 * housing_areas.tally, so its layout is frozen: 88 bytes, no padding, an
 * 8-byte header (version, 7 reserved bytes that must be zero) and the
 * fields of HA_TALLY_FIELDS at the offsets given there, each an int64.
 * Version 1 (housing_areas 0.1.0 and 0.2.0) had the same offsets with
 * float8 sums (HaTallyV1); such values, on disk or in binary COPY, are read
 * by converting them (ha_tally_read, ha_tally_from_v1).
 *
 * Layout version 3 is version 2 with a count of residents from the MENA
 * countries, Pakistan and Turkey (MENAPT): the 7 header bytes hold that
 * count + 1 as a little-endian 56-bit integer (0: not counted, as in every
 * version-2 value, whose header bytes are zero).  A tally is written in
 * version 3 only when it counts MENAPT, so every other tally keeps the
 * bytes (and hash) of version 2.  Its population is residents.
 */
#ifndef HA_TALLY_H
#define HA_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#include "ha_error.h"
#include "ha_kv.h"
#include "ha_tri.h"
#include "indicators.h"

/*
 * The fields, in the order of the struct, the text form and the binary
 * form: X(key, NAME, storage, frozen offset, unit, population).  A COUNT is
 * a whole number of persons, 0 .. HA_TALLY_COUNT_MAX; an FTE a number of
 * full-time persons kept in millionths, 0 .. HA_TALLY_FTE_MAX; an AMOUNT
 * kroner kept in øre, -HA_TALLY_AMOUNT_MAX .. HA_TALLY_AMOUNT_MAX, 0 when
 * there are no taxpayers.  A field with a population counts part of it and
 * cannot exceed it.  Layout version 1 stored FTE and AMOUNT as float8.
 */
#define HA_TALLY_FIELDS(X) \
	X(residents, RESIDENTS, INT64, 8, COUNT, NONE) \
	X(nonwestern, NONWESTERN, INT64, 16, COUNT, RESIDENTS) \
	X(persons_18_64, PERSONS_18_64, INT64, 24, COUNT, NONE) \
	X(outside_labour_fte, OUTSIDE_LABOUR_FTE, INT64, 32, FTE, PERSONS_18_64) \
	X(persons_18plus, PERSONS_18PLUS, INT64, 40, COUNT, NONE) \
	X(convicted_18plus, CONVICTED_18PLUS, INT64, 48, COUNT, PERSONS_18PLUS) \
	X(persons_30_59, PERSONS_30_59, INT64, 56, COUNT, NONE) \
	X(basic_education_30_59, BASIC_EDUCATION_30_59, INT64, 64, COUNT, \
	  PERSONS_30_59) \
	X(taxpayers_15_64, TAXPAYERS_15_64, INT64, 72, COUNT, NONE) \
	X(income_sum, INCOME_SUM, INT64, 80, AMOUNT, NONE)

typedef enum HaTallyField
{
#define HA_TALLY_ENUM(key, NAME, ...) HA_TALLY_##NAME,
	HA_TALLY_FIELDS(HA_TALLY_ENUM)
#undef HA_TALLY_ENUM
	HA_TALLY_NFIELDS
} HaTallyField;

/*
 * The layouts written: version 2, and version 3 when MENAPT is counted;
 * HA_TALLY_VERSION_V1 is still read.
 */
#define HA_TALLY_VERSION 2
#define HA_TALLY_VERSION_MENAPT 3
#define HA_TALLY_VERSION_V1 1

/* Largest count: 2^53 - 1, the largest integer every double holds exactly. */
#define HA_TALLY_COUNT_MAX INT64_C(9007199254740991)

/*
 * Each unit: the decimals it keeps (a value is a whole number of
 * 10^-decimals), and its range in those units.  Sums stop at the largest
 * int64 (and its negative, so that negation never overflows).
 */
#define HA_TALLY_DECIMALS_COUNT 0
#define HA_TALLY_DECIMALS_FTE 6		/* millionths of a full-time person */
#define HA_TALLY_DECIMALS_AMOUNT 2	/* øre */
#define HA_TALLY_MIN_COUNT INT64_C(0)
#define HA_TALLY_MAX_COUNT HA_TALLY_COUNT_MAX
#define HA_TALLY_MIN_FTE INT64_C(0)
#define HA_TALLY_MAX_FTE INT64_MAX
#define HA_TALLY_MIN_AMOUNT (-INT64_MAX)
#define HA_TALLY_MAX_AMOUNT INT64_MAX

/* Units per full-time person and per krone, as doubles for the person step. */
#define HA_TALLY_FTE_SCALE 1e6
#define HA_TALLY_AMOUNT_SCALE 1e2

/* Longest text input accepted, in bytes (a full record is about 250). */
#define HA_TALLY_INPUT_MAX 1024

/* Enough for the longest canonical text output, with the NUL. */
#define HA_TALLY_TEXT_BUFLEN 512

/* Enough for one value of a tally field as text, with the NUL. */
#define HA_TALLY_VALUE_BUFLEN 32

/* The largest age accepted: anything above is more likely a birth year. */
#define HA_AGE_MAX 150

/*
 * The largest gross income of one person, in kroner, either sign: far
 * beyond any real income, and its øre (10^17) fit a sum with room.
 */
#define HA_GROSS_INCOME_MAX 1e15

typedef struct HaTally
{
	uint8_t		version;		/* HA_TALLY_VERSION or _MENAPT */
	uint8_t		menapt[7];		/* MENAPT count + 1, little-endian; 0: none */
#define HA_TALLY_MEMBER(key, NAME, storage, ...) HA_CTYPE_##storage key;
	HA_TALLY_FIELDS(HA_TALLY_MEMBER)
#undef HA_TALLY_MEMBER
} HaTally;

/*
 * Layout version 1, as housing_areas 0.1.0 and 0.2.0 stored it: the same
 * offsets, FTE and AMOUNT as float8 (finite, never -0, not rounded).
 */
#define HA_V1_CTYPE_COUNT int64_t
#define HA_V1_CTYPE_FTE double
#define HA_V1_CTYPE_AMOUNT double

typedef struct HaTallyV1
{
	uint8_t		version;		/* HA_TALLY_VERSION_V1 */
	uint8_t		reserved[7];	/* must be zero */
#define HA_TALLY_V1_MEMBER(key, NAME, storage, offset, unit, ...) \
	HA_V1_CTYPE_##unit key;
	HA_TALLY_FIELDS(HA_TALLY_V1_MEMBER)
#undef HA_TALLY_V1_MEMBER
} HaTallyV1;

/* Size of the struct, which is also its binary form (no padding). */
#define HA_TALLY_SIZE 88

/*
 * One person row, as tally_agg receives it.  What an unknown value means is
 * decided in ha_tally_add_person (see tally.c).
 */
typedef struct HaPerson
{
	bool		age_known;
	int32_t		age;			/* whole years at the count date */
	HaTri		nonwestern;
	HaTri		menapt;			/* unknown when tally_agg is not told */
	bool		fte_known;
	double		outside_labour_fte; /* share of the year, 0 .. 1 */
	HaTri		convicted;
	HaTri		basic_education;
	bool		income_known;
	double		gross_income;	/* kroner, |x| <= HA_GROSS_INCOME_MAX */
	HaTri		student;
} HaPerson;

/* Age bands of the rules (inclusive bounds, in whole years). */
#define HA_LABOUR_AGE_MIN 18	/* outside labour market: 18-64 */
#define HA_LABOUR_AGE_MAX 64
#define HA_CONVICTION_AGE_MIN 18	/* convictions: 18 and over */
#define HA_EDUCATION_AGE_MIN 30 /* education: 30-59 */
#define HA_EDUCATION_AGE_MAX 59
#define HA_INCOME_AGE_MIN 15	/* income: taxpayers 15-64, no students */
#define HA_INCOME_AGE_MAX 64

/* Which counts a person row adds to (each 0 or 1). */
typedef struct HaPersonBands
{
	int			labour;			/* persons_18_64 */
	int			adult;			/* persons_18plus */
	int			education;		/* persons_30_59 */
	int			taxpayer;		/* taxpayers_15_64 */
} HaPersonBands;

extern const HaFieldSpec ha_tally_fields[HA_TALLY_NFIELDS];
extern const HaKvForm ha_tally_form;
extern const HaFieldSpec ha_tally_text_fields[HA_TALLY_NFIELDS + 1];
extern const HaKvForm ha_tally_text_form;

/* The key of the MENAPT count in text form: the last of ha_tally_text_form. */
#define HA_TALLY_MENAPT HA_TALLY_NFIELDS

/* Does t count MENAPT (layout version 3)? */
static inline bool
ha_tally_menapt_counted(const HaTally *t)
{
	return t->version == HA_TALLY_VERSION_MENAPT;
}

/* The 56-bit little-endian integer of the header: the count + 1, or 0. */
static inline uint64_t
ha_tally_menapt_raw(const HaTally *t)
{
	uint64_t	v = 0;
	int			i;

	for (i = 6; i >= 0; i--)
		v = (v << 8) | t->menapt[i];
	return v;
}

/* The MENAPT count of t (0 when it is not counted). */
static inline int64_t
ha_tally_menapt(const HaTally *t)
{
	uint64_t	raw = ha_tally_menapt_raw(t);

	return raw == 0 ? 0 : (int64_t) (raw - 1);
}

/*
 * Set the MENAPT count of t (0 .. HA_TALLY_COUNT_MAX) and the layout
 * version that goes with it: 3 when counted, 2 (header bytes zero) when not.
 */
static inline void
ha_tally_set_menapt(HaTally *t, bool counted, int64_t n)
{
	uint64_t	raw = counted ? (uint64_t) n + 1 : 0;
	int			i;

	t->version = counted ? HA_TALLY_VERSION_MENAPT : HA_TALLY_VERSION;
	for (i = 0; i < 7; i++, raw >>= 8)
		t->menapt[i] = (uint8_t) (raw & 0xff);
}
extern const HaFieldSpec ha_tally_v1_fields[HA_TALLY_NFIELDS];
extern const HaKvForm ha_tally_v1_form;

extern void ha_tally_init(HaTally *t);
extern int64_t ha_tally_units(const HaTally *t, HaTallyField f);
extern double ha_tally_get(const HaTally *t, HaTallyField f);
extern size_t ha_tally_value_text(const HaTally *t, HaTallyField f, char *buf);
extern size_t ha_tally_bound_text(const HaFieldSpec *field, bool upper,
								  char *buf);
extern bool ha_tally_round(double v, HaTallyField f, int64_t *out);
extern bool ha_tally_validate(const HaTally *t, HaError *err);
extern bool ha_tally_from_v1(const HaTallyV1 *v1, HaTally *out, HaError *err);
extern bool ha_tally_read(const void *bytes, HaTally *out, HaError *err);
extern bool ha_tally_parse(const char *s, HaTally *out, HaError *err);
extern size_t ha_tally_format(const HaTally *t, char *buf, size_t cap);
extern bool ha_tally_equal(const HaTally *a, const HaTally *b);
extern bool ha_tally_add(HaTally *acc, const HaTally *x, HaError *err);
extern bool ha_tally_add_person(HaTally *t, const HaPerson *p, HaError *err);
extern bool ha_tally_share(const HaTally *t, HaTallyField part, double *out);
extern bool ha_tally_convicted_share(const HaTally *t, double *out);
extern bool ha_tally_income_mean(const HaTally *t, double *out);
extern bool ha_tally_to_indicators(const HaTally *cur, const HaTally *prev,
								   const double *national_convicted,
								   const double *regional_income,
								   HaIndicators *out, HaError *err);

/*
 * The person step is inline: tally_agg runs it once per row, and a call,
 * a branch per value and an error buffer in the frame would cost more than
 * the counting.  It uses bitwise operations on 0/1 flags and no branches
 * on the data; only a refused row, or a value within rounding noise of half
 * a unit, branches (to ha_tally_add_person).
 */

/* True when a person row holds a value outside its domain. */
static inline bool
ha_person_is_bad(const HaPerson *p)
{
	return (p->age_known & ((uint32_t) p->age > HA_AGE_MAX)) |
		(p->fte_known &
		 !((p->outside_labour_fte >= 0) & (p->outside_labour_fte <= 1))) |
		(p->income_known & !(fabs(p->gross_income) <= HA_GROSS_INCOME_MAX));
}

/* The age bands a person row falls in (none when the age is unknown). */
static inline HaPersonBands
ha_person_bands(const HaPerson *p)
{
	uint32_t	age = (uint32_t) p->age;
	int			known = p->age_known;
	HaPersonBands b;

	b.labour = known & (age - HA_LABOUR_AGE_MIN <=
						HA_LABOUR_AGE_MAX - HA_LABOUR_AGE_MIN);
	b.adult = known & (age >= HA_CONVICTION_AGE_MIN);
	b.education = known & (age - HA_EDUCATION_AGE_MIN <=
						   HA_EDUCATION_AGE_MAX - HA_EDUCATION_AGE_MIN);
	b.taxpayer = known & (age - HA_INCOME_AGE_MIN <=
						  HA_INCOME_AGE_MAX - HA_INCOME_AGE_MIN) &
		(p->student != HA_TRUE) & p->income_known;
	return b;
}

/*
 * The fast way of ha_tally_round: x, a double times its scale (10^6 or
 * 100), rounded to the nearest whole unit into *out.  Returns false, for
 * the exact way to decide, when |x| is 2^51 or more (or NaN), or when x
 * lies within 2^-50 |x| of a half unit: x is within 1.5 ulp of the shortest
 * decimal of the double times the scale, so outside that margin both round
 * to the same whole number, and only near-ties need decimal digits.
 */
static inline bool
ha_round_fast(double x, int64_t *out)
{
	double		a = fabs(x);
	int64_t		whole;
	double		frac;

	if (!(a < 0x1p51))
		return false;
	whole = (int64_t) a;
	frac = a - (double) whole;	/* exact */
	if (fabs(frac - 0.5) <= a * 0x1p-50)
		return false;
	whole += frac > 0.5;
	*out = x < 0 ? -whole : whole;
	return true;
}

/*
 * The largest sums a person row may find in a tally and still be added by
 * ha_tally_step: one person adds at most 10^6 millionths and
 * HA_GROSS_INCOME_MAX * 100 øre of either sign.  Closer to the ends of the
 * ranges, ha_tally_add_person decides exactly.
 */
#define HA_STEP_FTE_ROOM (HA_TALLY_MAX_FTE - INT64_C(1000000))
#define HA_STEP_INCOME_ROOM (HA_TALLY_MAX_AMOUNT - INT64_C(100000000000000000))

/*
 * Add a person with bands b, fte millionths outside the labour market (0
 * outside the band) and income øre (0 for a non-taxpayer) to t, where
 * they fit (the caller has checked).  Sub-counts stay within their
 * populations, which grow with them.
 */
static inline void
ha_person_apply(HaTally *t, const HaPerson *p, HaPersonBands b, int64_t fte,
				int64_t income)
{
	t->residents++;
	t->nonwestern += p->nonwestern == HA_TRUE;
	/* a MENAPT count only where it is kept (tally_agg told of it) */
	if (p->menapt == HA_TRUE && ha_tally_menapt_counted(t))
		ha_tally_set_menapt(t, true, ha_tally_menapt(t) + 1);
	t->persons_18_64 += b.labour;
	t->outside_labour_fte += fte;
	t->persons_18plus += b.adult;
	t->convicted_18plus += b.adult & (p->convicted == HA_TRUE);
	t->persons_30_59 += b.education;
	t->basic_education_30_59 += b.education & (p->basic_education != HA_FALSE);
	t->taxpayers_15_64 += b.taxpayer;
	t->income_sum += income;
}

/*
 * Add one person row to *t: the step of tally_agg.  False, leaving *t as
 * it was, when ha_tally_add_person must take the row instead: a value out
 * of its domain, a count or sum near the end of its range, or a value that
 * needs the exact way of rounding.
 *
 * Every person is a resident.  The age bands are those of the rules:
 * 18-64 for the labour market, 18 and over for convictions, 30-59 for
 * education, 15-64 for income.  Values outside a person's band are not
 * counted (but are still checked).  outside_labour_fte is counted in
 * millionths and gross_income in øre, each rounded once (ha_tally_round;
 * here the fast way of ha_round_fast in fewer instructions: an fte of
 * 0 .. 10^6 millionths needs no more than 2^-30 of margin).
 * Unknown values:
 *	 age				resident only, in no age band;
 *	 nonwestern			not counted as non-Western;
 *	 menapt				not counted as MENAPT (as nonwestern);
 *	 outside_labour_fte	0 (no record of time outside);
 *	 convicted			not convicted (no record in the register);
 *	 basic_education	counted as basic, as the rules say;
 *	 gross_income		no taxpayer record: not a taxpayer;
 *	 student			not a student.
 * A known income of 0 or less is a taxpayer with that income.
 */
static inline bool
ha_tally_step(HaTally *t, const HaPerson *p)
{
	HaPersonBands b = ha_person_bands(p);
	double		fte_x;
	double		fte_r;
	double		income_x;
	double		income_r;

	if (ha_person_is_bad(p) |
		(t->residents >= HA_TALLY_COUNT_MAX) |
		(b.labour & (t->persons_18_64 >= HA_TALLY_COUNT_MAX)) |
		(b.adult & (t->persons_18plus >= HA_TALLY_COUNT_MAX)) |
		(b.education & (t->persons_30_59 >= HA_TALLY_COUNT_MAX)) |
		(b.taxpayer & (t->taxpayers_15_64 >= HA_TALLY_COUNT_MAX)) |
		(t->outside_labour_fte > HA_STEP_FTE_ROOM) |
		((uint64_t) t->income_sum + (uint64_t) HA_STEP_INCOME_ROOM >
		 (uint64_t) 2 * HA_STEP_INCOME_ROOM))
		return false;

	/*
	 * In their domains, 0 <= fte_x <= 10^6 and |income_x| <= 10^17.  Adding
	 * and taking away 1.5 * 2^52 rounds a double below 2^51 to the nearest
	 * whole number; the difference is exact.
	 */
	fte_x = (b.labour & p->fte_known) ?
		p->outside_labour_fte * HA_TALLY_FTE_SCALE : 0.0;
	fte_r = (fte_x + 0x1.8p52) - 0x1.8p52;
	income_x = b.taxpayer ? p->gross_income * HA_TALLY_AMOUNT_SCALE : 0.0;
	income_r = (income_x + 0x1.8p52) - 0x1.8p52;
	/* near a half unit (and every |income_x| of 2^51 or more) */
	if ((fabs(fte_x - fte_r) >= 0.5 - 0x1p-30) |
		(fabs(income_x - income_r) + fabs(income_x) * 0x1p-50 >= 0.5))
		return false;
	ha_person_apply(t, p, b, (int64_t) fte_r, (int64_t) income_r);
	return true;
}

#endif							/* HA_TALLY_H */
