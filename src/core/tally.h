/*
 * tally.h
 *		Additive counts of one housing area for one data year.
 *
 * Pure C: no PostgreSQL headers.  A tally holds the counts behind the
 * published shares (rules, section 3: combine counts, never shares), so
 * tallies of departments or of person rows add up exactly.
 *
 * The struct below is also the on-disk representation of the SQL type
 * housing_areas.tally, so its layout is frozen: 88 bytes, no padding, an
 * 8-byte header (version, 7 reserved bytes that must be zero) and the
 * fields of HA_TALLY_FIELDS at the offsets given there, each 8 bytes wide
 * (tally.c checks them at compile time).  Later layouts bump `version`;
 * `reserved` must stay zero until a version gives it a meaning.  Doubles
 * are never -0, so equal tallies have equal bytes.
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
 * a whole number and an FTE a number of full-time persons, both 0 ..
 * HA_TALLY_COUNT_MAX; an AMOUNT is any finite number, 0 when there are no
 * taxpayers.  A field with a population counts part of it and cannot exceed
 * it.
 */
#define HA_TALLY_FIELDS(X) \
	X(residents, RESIDENTS, INT64, 8, COUNT, NONE) \
	X(nonwestern, NONWESTERN, INT64, 16, COUNT, RESIDENTS) \
	X(persons_18_64, PERSONS_18_64, INT64, 24, COUNT, NONE) \
	X(outside_labour_fte, OUTSIDE_LABOUR_FTE, DOUBLE, 32, FTE, PERSONS_18_64) \
	X(persons_18plus, PERSONS_18PLUS, INT64, 40, COUNT, NONE) \
	X(convicted_18plus, CONVICTED_18PLUS, INT64, 48, COUNT, PERSONS_18PLUS) \
	X(persons_30_59, PERSONS_30_59, INT64, 56, COUNT, NONE) \
	X(basic_education_30_59, BASIC_EDUCATION_30_59, INT64, 64, COUNT, \
	  PERSONS_30_59) \
	X(taxpayers_15_64, TAXPAYERS_15_64, INT64, 72, COUNT, NONE) \
	X(income_sum, INCOME_SUM, DOUBLE, 80, AMOUNT, NONE)

typedef enum HaTallyField
{
#define HA_TALLY_ENUM(key, NAME, ...) HA_TALLY_##NAME,
	HA_TALLY_FIELDS(HA_TALLY_ENUM)
#undef HA_TALLY_ENUM
	HA_TALLY_NFIELDS
} HaTallyField;

#define HA_TALLY_VERSION 1

/* Largest count: 2^53 - 1, the largest integer every double holds exactly. */
#define HA_TALLY_COUNT_MAX INT64_C(9007199254740991)

/* Longest text input accepted, in bytes (a full record is about 250). */
#define HA_TALLY_INPUT_MAX 1024

/* Enough for the longest canonical text output, with the NUL. */
#define HA_TALLY_TEXT_BUFLEN 512

/* The largest age accepted: anything above is more likely a birth year. */
#define HA_AGE_MAX 150

typedef struct HaTally
{
	uint8_t		version;		/* HA_TALLY_VERSION */
	uint8_t		reserved[7];	/* must be zero */
#define HA_TALLY_MEMBER(key, NAME, storage, ...) HA_CTYPE_##storage key;
	HA_TALLY_FIELDS(HA_TALLY_MEMBER)
#undef HA_TALLY_MEMBER
} HaTally;

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
	bool		fte_known;
	double		outside_labour_fte; /* share of the year, 0 .. 1 */
	HaTri		convicted;
	HaTri		basic_education;
	bool		income_known;
	double		gross_income;	/* any finite amount */
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

extern void ha_tally_init(HaTally *t);
extern double ha_tally_get(const HaTally *t, HaTallyField f);
extern bool ha_tally_validate(const HaTally *t, HaError *err);
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
 * on the data; only a refused row branches.
 */

/* True when a person row holds a value outside its domain. */
static inline bool
ha_person_is_bad(const HaPerson *p)
{
	return (p->age_known & ((uint32_t) p->age > HA_AGE_MAX)) |
		(p->fte_known &
		 !((p->outside_labour_fte >= 0) & (p->outside_labour_fte <= 1))) |
		(p->income_known & !isfinite(p->gross_income));
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
 * Add one person row to *t: the step of tally_agg.  False, leaving *t as
 * it was, when a value is out of its domain or a count would pass
 * HA_TALLY_COUNT_MAX; ha_tally_add_person then says why.
 *
 * Every person is a resident.  The age bands are those of the rules:
 * 18-64 for the labour market, 18 and over for convictions, 30-59 for
 * education, 15-64 for income.  Values outside a person's band are not
 * counted (but are still checked).  Unknown values:
 *	 age				resident only, in no age band;
 *	 nonwestern			not counted as non-Western;
 *	 outside_labour_fte	0 (no record of time outside);
 *	 convicted			not convicted (no record in the register);
 *	 basic_education	counted as basic, as the rules say;
 *	 gross_income		no taxpayer record: not a taxpayer;
 *	 student			not a student.
 * A known income of 0 or less is a taxpayer with that income.  The doubles
 * get + 0.0 where nothing is added, which changes nothing (they are never
 * -0).
 */
static inline bool
ha_tally_step(HaTally *t, const HaPerson *p)
{
	HaPersonBands b = ha_person_bands(p);
	double		income_sum = t->income_sum +
		(b.taxpayer ? p->gross_income : 0.0);

	if (ha_person_is_bad(p) ||
		((t->residents >= HA_TALLY_COUNT_MAX) |
		 (b.labour & (t->persons_18_64 >= HA_TALLY_COUNT_MAX)) |
		 (b.adult & (t->persons_18plus >= HA_TALLY_COUNT_MAX)) |
		 (b.education & (t->persons_30_59 >= HA_TALLY_COUNT_MAX)) |
		 (b.taxpayer & (t->taxpayers_15_64 >= HA_TALLY_COUNT_MAX)) |
		 !isfinite(income_sum)))
		return false;

	/* sub-counts stay within their populations, which grow with them */
	t->residents++;
	t->nonwestern += p->nonwestern == HA_TRUE;
	t->persons_18_64 += b.labour;
	t->outside_labour_fte +=
		(b.labour & p->fte_known) ? p->outside_labour_fte : 0.0;
	t->persons_18plus += b.adult;
	t->convicted_18plus += b.adult & (p->convicted == HA_TRUE);
	t->persons_30_59 += b.education;
	t->basic_education_30_59 += b.education & (p->basic_education != HA_FALSE);
	t->taxpayers_15_64 += b.taxpayer;
	t->income_sum = income_sum + 0.0;
	return true;
}

#endif							/* HA_TALLY_H */
