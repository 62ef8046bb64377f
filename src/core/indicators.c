/*
 * indicators.c
 *		Validation, text parsing and formatting of indicator records.
 *
 * Text form: key=value pairs in any order, separated by blanks or a comma,
 * e.g. "residents=1913 nonwestern=49.4, income=61.8".  Absent keys are
 * unknown values.  Output lists the known keys in the canonical order of
 * HA_IND_FIELDS with shortest round-trip numbers, so parse(format(x)) == x
 * bit for bit.  menapt is rounded to 5 decimals on the way in.
 *
 * Stored images (indicators.h): version 1 whenever menapt is unknown, so
 * such a value has the bytes 0.2.0 stored (and the same hash); version 2
 * only when menapt is known.  Both are canonical: equal records have equal
 * images.
 */
#include "indicators.h"

#include <math.h>
#include <string.h>

#include "ha_number.h"

/*
 * The struct: the first seven fields at their image offsets, so an image
 * copies them in one piece (bytes 4..55 of version 1, 8..55 of version 2);
 * menapt after them; no padding.
 */
#define HA_LAYOUT_TYPE HaIndicators
HA_STATIC_ASSERT(offsetof(HaIndicators, known) == 0, known_at);
HA_IND_FIELDS(HA_FIELD_AT)
HA_STATIC_ASSERT(sizeof(HaIndicators) == HA_IND_STRUCT_SIZE, size);
HA_STATIC_ASSERT(HA_IND_MENAPT == HA_IND_NFIELDS - 1, menapt_last);
HA_STATIC_ASSERT(HA_IND_NFIELDS <= 8, known_fits_a_byte);
HA_STATIC_ASSERT(offsetof(HaIndicators, menapt) == HA_IND_SIZE, menapt_after);

/* Where the float8 fields start in both images and in the struct. */
#define IMAGE_DOUBLES 8
HA_STATIC_ASSERT(offsetof(HaIndicators, nonwestern) == IMAGE_DOUBLES, doubles_at);

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

/* Make an empty record (all fields unknown). */
void
ha_ind_init(HaIndicators *ind)
{
	memset(ind, 0, sizeof(*ind));
}

/*
 * menapt as stored: rounded to 5 decimals (10^-5 %), half away from zero,
 * as numeric(8,5) rounds the decimal the value was written as.  Every
 * input of menapt (text, binary, make_indicators, jsonb, to_indicators)
 * goes through this one function.
 */
double
ha_ind_round_menapt(double v)
{
	return ha_round_decimals(v, 5);
}

/*
 * menapt as written in a token that passed ha_field_scan: its digits read
 * exactly and rounded to 5 decimals, half away from zero, as numeric
 * rounds them, so a token of more digits than a double holds rounds as
 * written ("40.00000499999999999" to 40, where its double, 40.000005,
 * would round up).  The range was checked on the value given.
 */
static double
menapt_of_token(const char *tok, size_t len)
{
	int64_t		units = 0;

	/* in range as a double, within 10^-14 of 100 as digits: never false */
	if (!ha_scan_units(tok, len, 5, 0, HA_IND_MENAPT_UNITS_MAX, &units))
		units = HA_IND_MENAPT_UNITS_MAX;
	return (double) units / HA_IND_MENAPT_SCALE;
}

/*
 * Store a checked value in field f and mark it known; -0 becomes 0, menapt
 * is rounded.
 */
static void
store(HaIndicators *ind, HaIndField f, double v)
{
	if (f == HA_IND_MENAPT)
		v = ha_ind_round_menapt(v);
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
	if (f == HA_IND_MENAPT)
		v = menapt_of_token(tok, len);
	store(ind, f, v);
	return true;
}

/*
 * Check a whole record as it arrives in binary form or from memory: the
 * same domain checks as text input, plus the rules text input cannot
 * break (unknown fields zeroed, no -0, menapt rounded to 5 decimals).
 */
bool
ha_ind_validate(const HaIndicators *ind, HaError *err)
{
	const HaErrorAbout about = {.form = &ha_ind_form};
	int			f;

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
			if (f == HA_IND_MENAPT &&
				ha_ind_round_menapt(ind->menapt) != ind->menapt)
				return ha_fail(err, HA_E_NOT_ROUNDED, NULL,
							   &(HaErrorAbout) {.form = &ha_ind_form,
							   .field = &ha_ind_fields[f]});
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
 * keys are unknown; menapt is rounded from its digits as written.
 */
bool
ha_ind_parse(const char *s, HaIndicators *out, HaError *err)
{
	uint32_t	seen;

	ha_ind_init(out);
	if (!ha_kv_parse(&ha_ind_form, s, out, &seen, err))
		return false;
	out->known = seen;
	if (ha_ind_known(out, HA_IND_MENAPT))
	{
		const char *tok;
		size_t		len;

		ha_kv_find_value(s, ha_ind_fields[HA_IND_MENAPT].key, &tok, &len);
		out->menapt = menapt_of_token(tok, len);
	}
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

/*
 * Equality of two valid records: same known fields with the same values
 * (unknown fields are zero and no value is -0, so the bytes say it).
 */
bool
ha_ind_equal(const HaIndicators *a, const HaIndicators *b)
{
	return memcmp(a, b, sizeof(HaIndicators)) == 0;
}

/* An unsigned 24-bit little-endian integer at p. */
static inline uint32_t
get24(const unsigned char *p)
{
	return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16;
}

/* Write v (below 2^24) at p as an unsigned 24-bit little-endian integer. */
static inline void
put24(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char) (v & 0xff);
	p[1] = (unsigned char) ((v >> 8) & 0xff);
	p[2] = (unsigned char) ((v >> 16) & 0xff);
}

/*
 * Unpack a stored image (layout version 1 or 2) into *out.  Checks what
 * the layout itself guarantees, cheaply enough for every row a query
 * reads: the version, the reserved byte, the field mask, the packed
 * integers within their ranges, a version 2 only with menapt and unknown
 * packed values zero.  A corrupt image is an error, never a crash; the
 * float8 fields are checked where a value enters (ha_ind_validate).
 */
bool
ha_ind_read_image(const void *image, HaIndicators *out, HaError *err)
{
	const unsigned char *p = image;

	if (p[0] == HA_IND_VERSION)
	{
		uint16_t	known;

		if (p[1] != 0)
			return ha_fail(err, HA_E_RESERVED_NOT_ZERO, NULL,
						   &(HaErrorAbout) {.form = &ha_ind_form, .n = {1}});
		memcpy(&known, p + 2, sizeof(known));
		if ((known & ~HA_IND_V1_KNOWN) != 0)
			return ha_fail(err, HA_E_UNKNOWN_FIELD_BITS, NULL,
						   &(HaErrorAbout) {.form = &ha_ind_form});
		out->known = known;
		memcpy(&out->residents, p + 4, HA_IND_SIZE - 4);
		out->menapt = 0;
		return true;
	}
	if (p[0] == HA_IND_VERSION_MENAPT)
	{
		uint32_t	residents = get24(p + 2);
		uint32_t	units = get24(p + 5);

		out->known = p[1];
		if ((out->known & (1u << HA_IND_MENAPT)) == 0)
			return ha_fail(err, HA_E_V2_WITHOUT_MENAPT, NULL,
						   &(HaErrorAbout) {.form = &ha_ind_form});
		if (residents > (uint32_t) ha_ind_fields[HA_IND_RESIDENTS].max)
			return ha_fail(err, HA_E_PACKED_OUT_OF_RANGE, NULL,
						   &(HaErrorAbout) {.form = &ha_ind_form,
						   .field = &ha_ind_fields[HA_IND_RESIDENTS],
						   .n = {residents}});
		if (units > HA_IND_MENAPT_UNITS_MAX)
			return ha_fail(err, HA_E_PACKED_OUT_OF_RANGE, NULL,
						   &(HaErrorAbout) {.form = &ha_ind_form,
						   .field = &ha_ind_fields[HA_IND_MENAPT],
						   .n = {units}});
		if (!ha_ind_known(out, HA_IND_RESIDENTS) && residents != 0)
			return ha_fail(err, HA_E_UNKNOWN_HOLDS_VALUE, NULL,
						   &(HaErrorAbout) {.form = &ha_ind_form,
						   .field = &ha_ind_fields[HA_IND_RESIDENTS]});
		out->residents = (int32_t) residents;
		memcpy(&out->nonwestern, p + IMAGE_DOUBLES, HA_IND_SIZE - IMAGE_DOUBLES);
		out->menapt = (double) units / HA_IND_MENAPT_SCALE;
		return true;
	}
	return ha_fail(err, HA_E_BAD_VERSION, NULL,
				   &(HaErrorAbout) {.form = &ha_ind_form,
				   .n = {p[0], HA_IND_VERSION_MENAPT}});
}

/*
 * Write the canonical image of a valid record: layout version 1 when
 * menapt is unknown (the bytes 0.2.0 wrote), version 2 when it is known.
 * The reserved and padding bytes are zero, so equal records have equal
 * images and hash alike.
 */
void
ha_ind_write_image(const HaIndicators *ind, void *image)
{
	unsigned char *p = image;

	if (!ha_ind_known(ind, HA_IND_MENAPT))
	{
		uint16_t	known = (uint16_t) ind->known;

		p[0] = HA_IND_VERSION;
		p[1] = 0;
		memcpy(p + 2, &known, sizeof(known));
		memcpy(p + 4, &ind->residents, HA_IND_SIZE - 4);
		return;
	}
	p[0] = HA_IND_VERSION_MENAPT;
	p[1] = (unsigned char) ind->known;
	put24(p + 2, (uint32_t) ind->residents);
	put24(p + 5, (uint32_t) llround(ind->menapt * HA_IND_MENAPT_SCALE));
	memcpy(p + IMAGE_DOUBLES, &ind->nonwestern, HA_IND_SIZE - IMAGE_DOUBLES);
}
