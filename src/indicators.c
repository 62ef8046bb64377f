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

	return ha_record_result(ha_ind_validate(ind, &err), &err, ind,
							sizeof(*ind));
}

PG_FUNCTION_INFO_V1(indicators_in);
/* Text input: key=value pairs. */
Datum
indicators_in(PG_FUNCTION_ARGS)
{
	HaIndicators ind;
	HaError		err;

	return ha_record_result(ha_ind_parse(PG_GETARG_CSTRING(0), &ind, &err),
							&err, &ind, sizeof(ind));
}

PG_FUNCTION_INFO_V1(indicators_out);
/* Text output: known keys in canonical order. */
Datum
indicators_out(PG_FUNCTION_ARGS)
{
	HaIndicators *ind = PG_GETARG_INDICATORS_P(0);
	char	   *buf = palloc(HA_IND_TEXT_BUFLEN);

	ha_ind_format(ind, buf, HA_IND_TEXT_BUFLEN);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(indicators_recv);
/*
 * Binary input: version, reserved, field mask, then the fields of
 * HA_IND_FIELDS in order (int4 residents, float8 values); the struct's
 * bytes in network order.  The length must be exact, and the record passes
 * ha_ind_validate, the same domain checks as text input plus the layout
 * rules.
 */
Datum
indicators_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	HaIndicators ind;

	ha_check_binary_length(buf, &ha_ind_form, HA_IND_SIZE);
	ind.version = (uint8_t) pq_getmsgbyte(buf);
	ind.reserved = (uint8_t) pq_getmsgbyte(buf);
	ind.known = (uint16_t) pq_getmsgint(buf, 2);
	ha_recv_fields(buf, &ha_ind_form, &ind);

	return valid_result(&ind);
}

PG_FUNCTION_INFO_V1(indicators_send);
/* Binary output, the inverse of indicators_recv. */
Datum
indicators_send(PG_FUNCTION_ARGS)
{
	HaIndicators *ind = PG_GETARG_INDICATORS_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ind->version);
	pq_sendbyte(&buf, ind->reserved);
	pq_sendint16(&buf, ind->known);
	ha_send_fields(&buf, &ha_ind_form, ind);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(make_indicators);
/*
 * Constructor with one nullable argument per field (SQL defaults NULL);
 * NULL means unknown.  Called on NULL input.
 */
Datum
make_indicators(PG_FUNCTION_ARGS)
{
	HaIndicators ind;
	HaError		err;
	int			f;

	ha_ind_init(&ind);
	for (f = 0; f < HA_IND_NFIELDS; f++)
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
	HaIndicators *ind = PG_GETARG_INDICATORS_P(0);
	HaIndField	f = ha_record_key(&ha_ind_form, PG_GETARG_TEXT_PP(1),
								  "indicator");

	if (!ha_ind_known(ind, f))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ha_ind_get(ind, f));
}

PG_FUNCTION_INFO_V1(indicators_to_jsonb);
/* Cast to jsonb: an object of the known keys. */
Datum
indicators_to_jsonb(PG_FUNCTION_ARGS)
{
	HaIndicators *ind = PG_GETARG_INDICATORS_P(0);
	char		buf[HA_IND_TEXT_BUFLEN];

	ha_ind_format_json(ind, buf, sizeof(buf));
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

PG_FUNCTION_INFO_V1(indicators_eq);
/* Equality: the same known fields with the same values. */
Datum
indicators_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(ha_ind_equal(PG_GETARG_INDICATORS_P(0),
								PG_GETARG_INDICATORS_P(1)));
}

PG_FUNCTION_INFO_V1(indicators_ne);
/* Inequality, the negator of indicators_eq. */
Datum
indicators_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!ha_ind_equal(PG_GETARG_INDICATORS_P(0),
								 PG_GETARG_INDICATORS_P(1)));
}

PG_FUNCTION_INFO_V1(indicators_hash);
/* Hash of the canonical bytes, consistent with indicators_eq. */
Datum
indicators_hash(PG_FUNCTION_ARGS)
{
	HaIndicators *ind = PG_GETARG_INDICATORS_P(0);

	return hash_any((const unsigned char *) ind, sizeof(HaIndicators));
}
