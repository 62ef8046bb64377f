/*
 * indicators.h
 *		The criteria values of one housing area for one list year.
 *
 * Pure C: no PostgreSQL headers.  HaIndicators is the unpacked record the
 * code works on; the SQL type housing_areas.indicators stores a 56-byte
 * image of it (INTERNALLENGTH 56, fixed for good), which
 * ha_ind_read_image() and ha_ind_write_image() convert:
 *
 * layout version 1 (0.2.0, and every value whose menapt is unknown):
 *   0 u8 version = 1, 1 u8 reserved = 0, 2 u16 known (bits 0-6),
 *   4 i32 residents, 8..55 the six float8 of HA_IND_FIELDS
 * layout version 2 (written only when menapt is known):
 *   0 u8 version = 2, 1 u8 known (bits 0-7, bit 7 menapt),
 *   2..4 residents and 5..7 menapt in hundred-thousandths of a percent,
 *   each an unsigned 24-bit little-endian integer, 8..55 as version 1
 *
 * The first seven fields sit in the struct at their version-1 offsets
 * (indicators.c checks them at compile time), so both images copy them
 * in one piece; menapt follows them.
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
 * form: X(key, NAME, storage, offset in the struct (for the first seven
 * also their offset in both images), min, max, min_exclusive, unit).
 * Absent keys are unknown; bit f of `known` says whether field f is.
 * menapt: % immigrants and descendants from the MENA countries, Pakistan
 * and Turkey (Landsbyggefonden's Beboerdata), kept to 5 decimals
 * (ha_ind_round_menapt).
 */
#define HA_IND_FIELDS(X) \
	X(residents, RESIDENTS, INT32, 4, 0, 10000000, false, RESIDENTS) \
	X(nonwestern, NONWESTERN, DOUBLE, 8, 0, 100, false, PERCENT) \
	X(outside_labour, OUTSIDE_LABOUR, DOUBLE, 16, 0, 100, false, PERCENT) \
	X(convicted, CONVICTED, DOUBLE, 24, 0, 100, false, PERCENT) \
	X(national_convicted, NATIONAL_CONVICTED, DOUBLE, 32, 0, 100, true, PERCENT) \
	X(basic_education, BASIC_EDUCATION, DOUBLE, 40, 0, 100, false, PERCENT) \
	X(income, INCOME, DOUBLE, 48, 0, 1000, false, REGIONAL_PERCENT) \
	X(menapt, MENAPT, DOUBLE, 56, 0, 100, false, PERCENT)

typedef enum HaIndField
{
#define HA_IND_ENUM(key, NAME, ...) HA_IND_##NAME,
	HA_IND_FIELDS(HA_IND_ENUM)
#undef HA_IND_ENUM
	HA_IND_NFIELDS
} HaIndField;

/* The image layouts: version 1 without menapt, version 2 with it. */
#define HA_IND_VERSION 1
#define HA_IND_VERSION_MENAPT 2
#define HA_IND_ALL_KNOWN ((uint16_t) ((1u << HA_IND_NFIELDS) - 1))
/* The fields a version-1 image can hold (all but menapt). */
#define HA_IND_V1_KNOWN ((uint16_t) ((1u << HA_IND_MENAPT) - 1))

/* menapt is stored in units of 10^-5 %: 0 .. 10,000,000. */
#define HA_IND_MENAPT_SCALE 100000.0
#define HA_IND_MENAPT_UNITS_MAX 10000000

/* Longest text input accepted, in bytes (a full record is about 130). */
#define HA_IND_INPUT_MAX 1024

/* Enough for the longest canonical text output, with the NUL. */
#define HA_IND_TEXT_BUFLEN 320

typedef struct HaIndicators
{
	uint32_t	known;			/* bit f set when field f is known */
#define HA_IND_MEMBER(key, NAME, storage, ...) HA_CTYPE_##storage key;
	HA_IND_FIELDS(HA_IND_MEMBER)
#undef HA_IND_MEMBER
} HaIndicators;

/* Size of a stored image (both layouts), and of the unpacked struct. */
#define HA_IND_SIZE 56
#define HA_IND_STRUCT_SIZE 64

/* Bytes of the binary send form: version 1, and version 2 with menapt. */
#define HA_IND_SEND_SIZE 56
#define HA_IND_SEND_SIZE_MENAPT 64

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
extern double ha_ind_round_menapt(double v);
extern bool ha_ind_read_image(const void *image, HaIndicators *out,
							  HaError *err);
extern void ha_ind_write_image(const HaIndicators *ind, void *image);

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
