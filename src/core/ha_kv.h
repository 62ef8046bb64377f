/*
 * ha_kv.h
 *		The key=value text form shared by the types (indicators, tally).
 *
 * Pure C: no PostgreSQL headers.  A type describes its keys once, as an
 * array of HaFieldSpec, and gets from here the grammar (pairs in any order,
 * separated by blanks or a comma), the checks every value goes through
 * (NaN, infinity, range, whole numbers), and key-specific error messages
 * with the right error code.  Numbers are scanned by ha_scan_number, so all
 * types accept the same spellings.
 */
#ifndef HA_KV_H
#define HA_KV_H

#include <stdbool.h>
#include <stddef.h>

#include "ha_error.h"

/* What a field is and which values it takes. */
typedef struct HaFieldSpec
{
	const char *key;
	double		min;
	double		max;
	bool		min_exclusive;	/* min itself is not allowed */
	bool		whole;			/* integer field */
	const char *range_text;		/* the allowed range, as a sentence */
} HaFieldSpec;

/* One type's text form: its name and keys, and the wording of its hints. */
typedef struct HaKvForm
{
	const char *type_name;		/* "indicators" */
	const HaFieldSpec *fields;
	int			nfields;		/* at most 32 */
	size_t		input_max;		/* longest input accepted, in bytes */
	const char *valid_keys_hint;	/* "Valid keys are ..." */
	const char *example;		/* a pair for hints: "residents=1913" */
	const char *absent_hint;	/* what leaving a key out means */
} HaKvForm;

/* Store the value token tok[0..len) of field f into rec, checking it. */
typedef bool (*HaKvSetter) (void *rec, int f, const char *tok, size_t len,
							HaError *err);

/* Longest value quoted in full in an error message. */
#define HA_SHOWN_MAX 100

extern int	ha_kv_lookup(const HaKvForm *form, const char *key, size_t len);
extern bool ha_kv_parse(const HaKvForm *form, const char *s, HaKvSetter set,
						void *rec, HaError *err);
extern bool ha_field_check(const HaFieldSpec *spec, double v,
						   const char *shown, HaError *err);
extern bool ha_field_scan(const HaFieldSpec *spec, const char *tok, size_t len,
						  double *out, HaError *err);
extern bool ha_field_fail_range(const HaFieldSpec *spec, const char *shown,
								const char *detail, HaError *err);
extern void ha_kv_append(char *buf, size_t cap, size_t *pos, const char *text);

#endif							/* HA_KV_H */
