/*
 * indicators.h
 *		The criteria values of one housing area for one list year.
 *
 * Pure C: no PostgreSQL headers.  The struct below is also the on-disk
 * representation of the SQL type housing_areas.indicators, so its layout is
 * frozen: 56 bytes, no padding, fields in this order.  Later layouts bump
 * `version`; `reserved` must stay zero until a version gives it a meaning.
 */
#ifndef HA_INDICATORS_H
#define HA_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ha_error.h"
#include "ha_kv.h"

typedef enum HaIndField
{
	HA_IND_RESIDENTS = 0,
	HA_IND_NONWESTERN,
	HA_IND_OUTSIDE_LABOUR,
	HA_IND_CONVICTED,
	HA_IND_NATIONAL_CONVICTED,
	HA_IND_BASIC_EDUCATION,
	HA_IND_INCOME,
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
	int32_t		residents;		/* HA_IND_RESIDENTS */
	double		value[HA_IND_NFIELDS - 1];	/* the other fields, in enum order */
} HaIndicators;

/* What a field is and which values it takes (see ha_kv.h). */
typedef HaFieldSpec HaIndFieldSpec;

extern const HaIndFieldSpec ha_ind_fields[HA_IND_NFIELDS];

extern int	ha_ind_lookup(const char *key, size_t len);
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
	return f == HA_IND_RESIDENTS ? (double) ind->residents : ind->value[f - 1];
}

#endif							/* HA_INDICATORS_H */
