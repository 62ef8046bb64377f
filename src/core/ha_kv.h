/*
 * ha_kv.h
 *		The fields of the record types (indicators, tally) and their
 *		key=value text form.
 *
 * Pure C: no PostgreSQL headers.  A type lists its fields once, in an
 * X-macro of its header; from that list come the struct, the enum of field
 * indexes, and an array of HaFieldSpec (key, storage, offset, range).
 * Everything else reads the array: the grammar (pairs in any order,
 * separated by blanks or a comma), the checks every value goes through
 * (NaN, infinity, range, whole numbers), the canonical text and JSON, and,
 * in the glue, binary send/recv and the hints that list keys or ranges.
 * Numbers are scanned by ha_scan_number, so all types accept the same
 * spellings.
 */
#ifndef HA_KV_H
#define HA_KV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ha_error.h"

/* A compile-time check at file scope (C99 has no _Static_assert). */
#define HA_STATIC_ASSERT(cond, name) \
	typedef char ha_static_assert_##name[(cond) ? 1 : -1]

/*
 * X-macro row check: the field `key` of struct HA_LAYOUT_TYPE (define it
 * first) sits at the frozen offset its row gives.
 */
#define HA_FIELD_AT(key, NAME, storage, offset, ...) \
	HA_STATIC_ASSERT(offsetof(HA_LAYOUT_TYPE, key) == (offset), key##_at);

/* How a field is stored in its record, and sent in binary form. */
typedef enum HaStorage
{
	HA_INT32,					/* int32_t; int4 on the wire */
	HA_INT64,					/* int64_t; int8 on the wire */
	HA_DOUBLE					/* double; float8 on the wire */
} HaStorage;

/* The C type of each storage, for the X-macros that lay out the structs. */
#define HA_CTYPE_INT32 int32_t
#define HA_CTYPE_INT64 int64_t
#define HA_CTYPE_DOUBLE double

/* What a field's values are; the glue words its range after it. */
typedef enum HaUnit
{
	HA_UNIT_RESIDENTS,			/* a whole number of residents */
	HA_UNIT_PERCENT,			/* a percentage */
	HA_UNIT_REGIONAL_PERCENT,	/* a percentage of the regional mean */
	HA_UNIT_COUNT,				/* a whole number */
	HA_UNIT_FTE,				/* a number of full-time persons */
	HA_UNIT_AMOUNT,				/* any finite amount */
	HA_UNIT_AGE,				/* a person's age in whole years */
	HA_UNIT_YEAR_SHARE,			/* a share of a person's year */
	HA_UNIT_GROSS_INCOME		/* a person's gross income */
} HaUnit;

/* What a field is, where it is stored, and which values it takes. */
typedef struct HaFieldSpec
{
	const char *key;
	HaStorage	storage;		/* integer storage: whole numbers only */
	size_t		offset;			/* in its record */
	double		min;
	double		max;
	bool		min_exclusive;	/* min itself is not allowed */
	HaUnit		unit;
} HaFieldSpec;

/* One record type and its text form. */
typedef struct HaKvForm
{
	const char *type_name;		/* "indicators" */
	const HaFieldSpec *fields;
	int			nfields;		/* at most 32 */
	size_t		input_max;		/* longest text input, < HA_ERR_VALUE_LEN */
	bool		absent_is_zero; /* an absent key counts 0, else it is unknown */
} HaKvForm;

/* Longest value quoted in full in an error report; its buffer, with "...". */
#define HA_SHOWN_MAX 100
#define HA_SHOWN_BUFLEN (HA_SHOWN_MAX + 4)

extern int	ha_kv_lookup(const HaKvForm *form, const char *key, size_t len);
extern bool ha_kv_parse(const HaKvForm *form, const char *s, void *rec,
						uint32_t *seen, HaError *err);
extern size_t ha_kv_format(const HaKvForm *form, const void *rec,
						   uint32_t mask, bool json, char *buf, size_t cap);
extern bool ha_kv_check_value(const HaKvForm *form, int f, const void *rec,
							  HaError *err);
extern bool ha_kv_is_zero(const HaFieldSpec *spec, const void *rec);
extern bool ha_field_check(const HaFieldSpec *spec, double v,
						   const char *shown, HaError *err);
extern bool ha_field_scan(const HaFieldSpec *spec, const char *tok, size_t len,
						  double *out, HaError *err);
extern void ha_field_put(const HaFieldSpec *spec, void *rec, double v);
extern void ha_field_text(const HaFieldSpec *spec, const void *rec, char *buf);
extern void ha_shown_token(const char *tok, size_t len, char *shown);
extern void ha_append(char *buf, size_t cap, size_t *pos, const char *text);
extern void ha_kv_find_value(const char *s, const char *key, const char **tok,
							 size_t *len);

/* Blank characters that separate pairs (ASCII whitespace). */
static inline bool
ha_kv_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\v' || c == '\f';
}

/* Characters that end a key or a value: blanks and the comma. */
static inline bool
ha_kv_is_separator(char c)
{
	return ha_kv_is_blank(c) || c == ',';
}

/* Bytes a field takes in its record and in binary form: 4 or 8. */
static inline size_t
ha_field_size(const HaFieldSpec *spec)
{
	return spec->storage == HA_INT32 ? sizeof(int32_t) : sizeof(int64_t);
}

/*
 * The value of a field of rec as a double (exact for every valid count).
 * Inline: the classifier reads indicator values through it.
 */
static inline double
ha_field_get(const HaFieldSpec *spec, const void *rec)
{
	const char *p = (const char *) rec + spec->offset;

	switch (spec->storage)
	{
		case HA_INT32:
			return (double) *(const int32_t *) p;
		case HA_INT64:
			return (double) *(const int64_t *) p;
		case HA_DOUBLE:
			break;
	}
	return *(const double *) p;
}

#endif							/* HA_KV_H */
