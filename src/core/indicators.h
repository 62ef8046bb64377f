/*
 * indicators.h
 *		The criteria values of one housing area for one list year.
 *
 * Pure C: no PostgreSQL headers.  The struct below is also the on-disk
 * representation of the SQL type housing_areas.indicators, so its layout is
 * frozen: 56 bytes, no padding, a 4-byte header and the fields of
 * HA_IND_FIELDS at the offsets given there (indicators.c checks them at
 * compile time).  Later layouts bump `version`; `reserved` must stay zero
 * until a version gives it a meaning.
 */
#ifndef HA_INDICATORS_H
#define HA_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ha_error.h"
#include "ha_kv.h"

/*
 * The fields, in the order of the struct, the text form and the binary
 * form: X(key, NAME, storage, frozen offset, min, max, min_exclusive, unit).
 * Absent keys are unknown; bit f of `known` says whether field f is.
 */
#define HA_IND_FIELDS(X) \
	X(residents, RESIDENTS, INT32, 4, 0, 10000000, false, RESIDENTS) \
	X(nonwestern, NONWESTERN, DOUBLE, 8, 0, 100, false, PERCENT) \
	X(outside_labour, OUTSIDE_LABOUR, DOUBLE, 16, 0, 100, false, PERCENT) \
	X(convicted, CONVICTED, DOUBLE, 24, 0, 100, false, PERCENT) \
	X(national_convicted, NATIONAL_CONVICTED, DOUBLE, 32, 0, 100, true, PERCENT) \
	X(basic_education, BASIC_EDUCATION, DOUBLE, 40, 0, 100, false, PERCENT) \
	X(income, INCOME, DOUBLE, 48, 0, 1000, false, REGIONAL_PERCENT)

typedef enum HaIndField
{
#define HA_IND_ENUM(key, NAME, ...) HA_IND_##NAME,
	HA_IND_FIELDS(HA_IND_ENUM)
#undef HA_IND_ENUM
	HA_IND_NFIELDS
} HaIndField;

#define HA_IND_VERSION 1
#define HA_IND_ALL_KNOWN ((uint16_t) ((1u << HA_IND_NFIELDS) - 1))

/* Longest text input accepted, in bytes (a full record is about 130). */
#define HA_IND_INPUT_MAX 1024

/* Enough for the longest canonical text output, with the NUL. */
#define HA_IND_TEXT_BUFLEN 320

typedef struct HaIndicators
{
	uint8_t		version;		/* HA_IND_VERSION */
	uint8_t		reserved;		/* must be zero */
	uint16_t	known;			/* bit f set when field f is known */
#define HA_IND_MEMBER(key, NAME, storage, ...) HA_CTYPE_##storage key;
	HA_IND_FIELDS(HA_IND_MEMBER)
#undef HA_IND_MEMBER
} HaIndicators;

/* Size of the struct, which is also its binary form (no padding). */
#define HA_IND_SIZE 56

/* What a field is and which values it takes (see ha_kv.h). */
typedef HaFieldSpec HaIndFieldSpec;

extern const HaIndFieldSpec ha_ind_fields[HA_IND_NFIELDS];
extern const HaKvForm ha_ind_form;

extern void ha_ind_init(HaIndicators *ind);
extern bool ha_ind_set(HaIndicators *ind, HaIndField f, double v,
					   const char *shown, HaError *err);
extern bool ha_ind_set_text(HaIndicators *ind, HaIndField f,
							const char *tok, size_t len, HaError *err);
extern bool ha_ind_validate(const HaIndicators *ind, HaError *err);
extern bool ha_ind_parse(const char *s, HaIndicators *out, HaError *err);
extern size_t ha_ind_format(const HaIndicators *ind, char *buf, size_t cap);
extern size_t ha_ind_format_json(const HaIndicators *ind, char *buf, size_t cap);
extern bool ha_ind_equal(const HaIndicators *a, const HaIndicators *b);

/* Is field f known?  (Inline: the classifier calls it for every check.) */
static inline bool
ha_ind_known(const HaIndicators *ind, HaIndField f)
{
	return (ind->known & (1u << f)) != 0;
}

/* The value of field f (0 when unknown; check ha_ind_known first). */
static inline double
ha_ind_get(const HaIndicators *ind, HaIndField f)
{
	return ha_field_get(&ha_ind_fields[f], ind);
}

#endif							/* HA_INDICATORS_H */
