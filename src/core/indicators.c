/*
 * indicators.c
 *		Validation, text parsing and formatting of indicator records.
 *
 * Text form: key=value pairs in any order, separated by blanks or a comma,
 * e.g. "residents=1913 nonwestern=49.4, income=61.8".  Absent keys are
 * unknown values.  Output lists the known keys in the canonical order of
 * HA_IND_FIELDS with shortest round-trip numbers, so parse(format(x)) == x
 * bit for bit.
 */
#include "indicators.h"

#include <string.h>

/* The frozen layout: the mask at 2, each field at its offset, no padding. */
#define HA_LAYOUT_TYPE HaIndicators
HA_STATIC_ASSERT(offsetof(HaIndicators, known) == 2, known_at);
HA_IND_FIELDS(HA_FIELD_AT)
HA_STATIC_ASSERT(sizeof(HaIndicators) == HA_IND_SIZE, size);

/* Error reports quote any text input whole. */
HA_STATIC_ASSERT(HA_IND_INPUT_MAX < HA_ERR_VALUE_LEN, input_quoted);

const HaFieldSpec ha_ind_fields[HA_IND_NFIELDS] = {
#define HA_IND_SPEC(key, NAME, storage, offset, min, max, min_exclusive, unit) \
	{#key, HA_##storage, offsetof(HaIndicators, key), min, max, min_exclusive, \
	 HA_UNIT_##unit},
	HA_IND_FIELDS(HA_IND_SPEC)
#undef HA_IND_SPEC
};

/* The text form of indicators: absent keys are unknown values. */
const HaKvForm ha_ind_form = {
	"indicators", ha_ind_fields, HA_IND_NFIELDS, HA_IND_INPUT_MAX, false
};

/* Make an empty record of the current layout version (all fields unknown). */
void
ha_ind_init(HaIndicators *ind)
{
	memset(ind, 0, sizeof(*ind));
	ind->version = HA_IND_VERSION;
}

/* Store a checked value in field f and mark it known; -0 becomes 0. */
static void
store(HaIndicators *ind, HaIndField f, double v)
{
	ha_field_put(&ha_ind_fields[f], ind, v);
	ind->known |= (uint16_t) (1u << f);
}

/*
 * Store a value in field f after checking it; shown is the value as the
 * user wrote it (or as formatted), for the error report.  -0 is stored as
 * 0 so equal records have equal bytes.
 */
bool
ha_ind_set(HaIndicators *ind, HaIndField f, double v, const char *shown,
		   HaError *err)
{
	if (!ha_field_check(&ha_ind_fields[f], v, shown, err))
		return false;
	store(ind, f, v);
	return true;
}

/*
 * Scan a value token for field f and store it, with key-specific errors.
 * tok[len] must end the token (see ha_scan_number).
 */
bool
ha_ind_set_text(HaIndicators *ind, HaIndField f, const char *tok, size_t len,
				HaError *err)
{
	double		v;

	if (!ha_field_scan(&ha_ind_fields[f], tok, len, &v, err))
		return false;
	store(ind, f, v);
	return true;
}

/*
 * Check a whole record as it arrives in binary form or from memory: the
 * same domain checks as text input, plus the layout rules text input
 * cannot break (version, reserved byte, unknown fields zeroed, no -0).
 */
bool
ha_ind_validate(const HaIndicators *ind, HaError *err)
{
	const HaErrorAbout about = {.form = &ha_ind_form};
	int			f;

	if (ind->version != HA_IND_VERSION)
		return ha_fail(err, HA_E_BAD_VERSION, NULL,
					   &(HaErrorAbout) {.form = &ha_ind_form,
					   .n = {ind->version, HA_IND_VERSION}});
	if (ind->reserved != 0)
		return ha_fail(err, HA_E_RESERVED_NOT_ZERO, NULL,
					   &(HaErrorAbout) {.form = &ha_ind_form,
					   .n = {sizeof(ind->reserved)}});
	if ((ind->known & ~HA_IND_ALL_KNOWN) != 0)
		return ha_fail(err, HA_E_UNKNOWN_FIELD_BITS, NULL, &about);
	if (ind->known == 0)
		return ha_fail(err, HA_E_NOTHING_KNOWN, NULL, &about);

	for (f = 0; f < HA_IND_NFIELDS; f++)
	{
		if (ha_ind_known(ind, (HaIndField) f))
		{
			if (!ha_kv_check_value(&ha_ind_form, f, ind, err))
				return false;
		}
		/* memcmp-based equality needs unknown fields to be all-zero bits */
		else if (!ha_kv_is_zero(&ha_ind_fields[f], ind))
			return ha_fail(err, HA_E_UNKNOWN_HOLDS_VALUE, NULL,
						   &(HaErrorAbout) {.form = &ha_ind_form,
						   .field = &ha_ind_fields[f]});
	}
	return true;
}

/*
 * Parse the text form into *out (grammar and errors: ha_kv_parse); absent
 * keys are unknown.
 */
bool
ha_ind_parse(const char *s, HaIndicators *out, HaError *err)
{
	uint32_t	seen;

	ha_ind_init(out);
	if (!ha_kv_parse(&ha_ind_form, s, out, &seen, err))
		return false;
	out->known = (uint16_t) seen;
	return true;
}

/*
 * Write the canonical text form: known keys in field order, one blank
 * between pairs.  Returns the length it needs (like snprintf); the output is
 * complete when that is below cap, which HA_IND_TEXT_BUFLEN guarantees.
 */
size_t
ha_ind_format(const HaIndicators *ind, char *buf, size_t cap)
{
	return ha_kv_format(&ha_ind_form, ind, ind->known, false, buf, cap);
}

/* Write the record as a JSON object of its known keys, in field order. */
size_t
ha_ind_format_json(const HaIndicators *ind, char *buf, size_t cap)
{
	return ha_kv_format(&ha_ind_form, ind, ind->known, true, buf, cap);
}

/* Equality of two valid records: same known fields with the same values. */
bool
ha_ind_equal(const HaIndicators *a, const HaIndicators *b)
{
	return memcmp(a, b, sizeof(HaIndicators)) == 0;
}
