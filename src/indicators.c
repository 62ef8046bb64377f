/*
 * indicators.c
 *		SQL type housing_areas.indicators: I/O, constructor, accessor, jsonb
 *		casts, equality and hashing.
 *
 * All checking lives in src/core/indicators.c; text input, binary input,
 * the constructor and the jsonb cast reach the same validation, so no path
 * can store a value another path would refuse.
 */
#include "ha_record.h"

#include <math.h>

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "core/ha_number.h"

/*
 * The result of a function that built a record field by field: a copy of
 * it, once it passes ha_ind_validate.
 */
static Datum
valid_result(const HaIndicators *ind)
{
	HaError		err;

	if (!ha_ind_validate(ind, &err))
		ha_report(&err);
	return ha_indicators_result(ind);
}

PG_FUNCTION_INFO_V1(indicators_in);
/* Text input: key=value pairs. */
Datum
indicators_in(PG_FUNCTION_ARGS)
{
	HaIndicators ind;
	HaError		err;

	if (!ha_ind_parse(PG_GETARG_CSTRING(0), &ind, &err))
		ha_report(&err);
	return ha_indicators_result(&ind);
}

PG_FUNCTION_INFO_V1(indicators_out);
/* Text output: known keys in canonical order. */
Datum
indicators_out(PG_FUNCTION_ARGS)
{
	HaIndicators ind;
	char	   *buf = palloc(HA_IND_TEXT_BUFLEN);

	PG_GETARG_INDICATORS(0, &ind);
	ha_ind_format(&ind, buf, HA_IND_TEXT_BUFLEN);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(indicators_recv);
/*
 * Binary input: version, reserved, field mask, then the fields of
 * HA_IND_FIELDS in order (int4 residents, float8 values) in network order.
 * Version 1 (56 bytes, 0.2.0's form) has no menapt; version 2 (64 bytes)
 * ends with menapt and must have it known.  The length must be exact, and
 * the record passes ha_ind_validate, the same domain checks as text input
 * plus the layout rules; menapt is rounded as text input rounds it.
 */
Datum
indicators_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	HaKvForm	form = ha_ind_form;
	HaIndicators ind;
	HaError		err;
	int			version;
	int			reserved;
	uint16		known;

	version = buf->len - buf->cursor > 0 ?
		(unsigned char) buf->data[buf->cursor] : HA_IND_VERSION;
	ha_check_binary_length(buf, &ha_ind_form,
						   version == HA_IND_VERSION_MENAPT ?
						   HA_IND_SEND_SIZE_MENAPT : HA_IND_SEND_SIZE);
	ha_ind_init(&ind);
	version = pq_getmsgbyte(buf);
	reserved = pq_getmsgbyte(buf);
	known = (uint16) pq_getmsgint(buf, 2);
	if (version != HA_IND_VERSION && version != HA_IND_VERSION_MENAPT)
		ha_fail(&err, HA_E_BAD_VERSION, NULL,
				&(HaErrorAbout) {.form = &ha_ind_form,
				.n = {version, HA_IND_VERSION_MENAPT}});
	else if (reserved != 0)
		ha_fail(&err, HA_E_RESERVED_NOT_ZERO, NULL,
				&(HaErrorAbout) {.form = &ha_ind_form, .n = {1}});
	else if (version == HA_IND_VERSION && (known & ~HA_IND_V1_KNOWN) != 0)
		ha_fail(&err, HA_E_UNKNOWN_FIELD_BITS, NULL,
				&(HaErrorAbout) {.form = &ha_ind_form});
	else if (version == HA_IND_VERSION_MENAPT &&
			 (known & (1u << HA_IND_MENAPT)) == 0)
		ha_fail(&err, HA_E_V2_WITHOUT_MENAPT, NULL,
				&(HaErrorAbout) {.form = &ha_ind_form});
	else
	{
		if (version == HA_IND_VERSION)
			form.nfields = HA_IND_MENAPT;
		ha_recv_fields(buf, &form, &ind);
		ind.known = known;
		/* a menapt text input takes is rounded as text input rounds it */
		if (ind.menapt >= 0 && ind.menapt <= 100 && !signbit(ind.menapt))
			ind.menapt = ha_ind_round_menapt(ind.menapt);
		if (ha_ind_validate(&ind, &err))
			return ha_indicators_result(&ind);
	}
	ha_report(&err);
}

PG_FUNCTION_INFO_V1(indicators_send);
/*
 * Binary output, the inverse of indicators_recv: version 1 (byte for byte
 * 0.2.0's form) when menapt is unknown, version 2 when it is known.
 */
Datum
indicators_send(PG_FUNCTION_ARGS)
{
	HaKvForm	form = ha_ind_form;
	HaIndicators ind;
	StringInfoData buf;
	bool		menapt;

	PG_GETARG_INDICATORS(0, &ind);
	menapt = ha_ind_known(&ind, HA_IND_MENAPT);
	if (!menapt)
		form.nfields = HA_IND_MENAPT;
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, menapt ? HA_IND_VERSION_MENAPT : HA_IND_VERSION);
	pq_sendbyte(&buf, 0);
	pq_sendint16(&buf, (uint16) ind.known);
	ha_send_fields(&buf, &form, &ind);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(make_indicators);
/*
 * Constructor with one nullable argument per field (SQL defaults NULL);
 * NULL means unknown.  Called on NULL input; 0.2.0's declaration, still
 * in place until ALTER EXTENSION UPDATE, passes no menapt.
 */
Datum
make_indicators(PG_FUNCTION_ARGS)
{
	HaIndicators ind;
	HaError		err;
	int			f;

	ha_ind_init(&ind);
	for (f = 0; f < HA_IND_NFIELDS && f < PG_NARGS(); f++)
	{
		double		v;
		char		shown[HA_DOUBLE_BUFLEN];

		if (PG_ARGISNULL(f))
			continue;
		if (ha_ind_fields[f].storage == HA_INT32)
		{
			int32		r = PG_GETARG_INT32(f);

			v = (double) r;
			snprintf(shown, sizeof(shown), "%d", r);
		}
		else
		{
			v = PG_GETARG_FLOAT8(f);
			ha_format_double(v, shown);
		}
		if (!ha_ind_set(&ind, (HaIndField) f, v, shown, &err))
			ha_report(&err);
	}
	return valid_result(&ind);
}

PG_FUNCTION_INFO_V1(indicator_value);
/* indicator(ind, key): one field as float8, NULL when unknown. */
Datum
indicator_value(PG_FUNCTION_ARGS)
{
	HaIndicators ind;
	HaIndField	f = ha_record_key(&ha_ind_form, PG_GETARG_TEXT_PP(1),
								  "indicator");

	PG_GETARG_INDICATORS(0, &ind);
	if (!ha_ind_known(&ind, f))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ha_ind_get(&ind, f));
}

PG_FUNCTION_INFO_V1(indicators_to_jsonb);
/* Cast to jsonb: an object of the known keys. */
Datum
indicators_to_jsonb(PG_FUNCTION_ARGS)
{
	HaIndicators ind;
	char		buf[HA_IND_TEXT_BUFLEN];

	PG_GETARG_INDICATORS(0, &ind);
	ha_ind_format_json(&ind, buf, sizeof(buf));
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf));
}

/* Name of a jsonb scalar or container type, for error messages. */
static const char *
jsonb_type_name(const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return "null";
		case jbvString:
			return "string";
		case jbvNumeric:
			return "number";
		case jbvBool:
			return "boolean";
		case jbvBinary:
			return JsonContainerIsArray(v->val.binary.data) ? "array" : "object";
		default:
			return "value";
	}
}

PG_FUNCTION_INFO_V1(jsonb_to_indicators);
/*
 * Cast from jsonb: an object whose keys are indicator keys and whose values
 * are numbers, or null for unknown.  Numbers go through the text scanner, so
 * the rules (whole residents, ranges) are those of text input.
 */
Datum
jsonb_to_indicators(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	HaIndicators ind;
	HaError		err;
	int			f = -1;

	if (!JB_ROOT_IS_OBJECT(jb) || JB_ROOT_IS_SCALAR(jb))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot cast jsonb %s to type indicators",
						JB_ROOT_IS_SCALAR(jb) ? "scalar" : "array"),
				 errhint("Use an object such as {\"residents\": 1913, \"income\": 61.8}.")));

	ha_ind_init(&ind);
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			f = ha_kv_lookup(&ha_ind_form, v.val.string.val, v.val.string.len);
			if (f < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("unknown key \"%.*s\" in jsonb input for type indicators",
								v.val.string.len, v.val.string.val),
						 errhint_valid_keys(&ha_ind_form)));
		}
		else if (tok == WJB_VALUE)
		{
			char	   *num;

			if (v.type == jbvNull)
				continue;
			if (v.type != jbvNumeric)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid jsonb value for key \"%s\"",
								ha_ind_fields[f].key),
						 errdetail("Expected a number or null, found %s %s.",
								   v.type == jbvBinary ? "an" : "a",
								   jsonb_type_name(&v)),
						 errhint("%s", ha_range_sentence(&ha_ind_fields[f]))));
			num = DatumGetCString(DirectFunctionCall1(numeric_out,
													  NumericGetDatum(v.val.numeric)));
			if (!ha_ind_set_text(&ind, (HaIndField) f, num, strlen(num), &err))
				ha_report(&err);
		}
	}
	return valid_result(&ind);
}

/* Whether the two indicators arguments are equal (unpacked, ha_ind_equal). */
static bool
args_equal(FunctionCallInfo fcinfo)
{
	HaIndicators a,
				b;

	PG_GETARG_INDICATORS(0, &a);
	PG_GETARG_INDICATORS(1, &b);
	return ha_ind_equal(&a, &b);
}

PG_FUNCTION_INFO_V1(indicators_eq);
/* Equality: the same known fields with the same values (unpacked). */
Datum
indicators_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(args_equal(fcinfo));
}

PG_FUNCTION_INFO_V1(indicators_ne);
/* Inequality, the negator of indicators_eq. */
Datum
indicators_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!args_equal(fcinfo));
}

PG_FUNCTION_INFO_V1(indicators_hash);
/*
 * Hash of the stored image, consistent with indicators_eq because the
 * image is canonical (ha_ind_write_image); a version-1 image hashes as in
 * 0.2.0, so hash indexes and hash partitions stay valid.  The image is
 * read first, so a corrupt one is an error here too.
 */
Datum
indicators_hash(PG_FUNCTION_ARGS)
{
	HaIndicators ind;

	PG_GETARG_INDICATORS(0, &ind);
	return hash_any((const unsigned char *) PG_GETARG_POINTER(0), HA_IND_SIZE);
}
