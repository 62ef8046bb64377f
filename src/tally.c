/*
 * tally.c
 *		SQL type housing_areas.tally: I/O, the + operator, the transition
 *		functions of sum(tally) and tally_agg, shares, to_indicators,
 *		equality and hashing.
 *
 * All checking lives in src/core/tally.c; text input, binary input, sums
 * and person rows reach the same validation, so no path can store a tally
 * another path would refuse.
 *
 * Every function reads its tally arguments through tally_arg, which takes a
 * value of the current layouts (version 2, or 3 with a MENAPT count in its
 * header) as it is and converts one of layout version 1 (float8 sums,
 * stored by housing_areas 0.2.0 or earlier and still on disk after ALTER
 * EXTENSION UPDATE) on the way in; every function returns version 2, or 3
 * when the result counts MENAPT.
 *
 * The transition functions update their state in place when nodeAgg calls
 * them (AggCheckCallContext): the state then belongs to the aggregate, and
 * a palloc per row would cost more than the counting itself.  Called as
 * plain functions they never touch their arguments.
 */
#include "ha_record.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

/*
 * Convert a stored tally of another layout version (version 1) into *buf,
 * or raise why it cannot be read; kept out of line, as version 2 is the
 * rule.
 */
static pg_noinline const HaTally *
tally_convert(const void *stored, HaTally *buf)
{
	HaError		err;

	if (!ha_tally_read(stored, buf, &err))
		ha_report(&err);
	return buf;
}

/* Is t of a current layout (2 or 3), which functions read as it is? */
static inline bool
tally_is_current(const HaTally *t)
{
	return (t->version == HA_TALLY_VERSION) | (t->version == HA_TALLY_VERSION_MENAPT);
}

/*
 * Tally argument n in a current layout: the datum itself when it is
 * (values are checked when they are made, as before), else its conversion
 * in *buf.
 */
static inline const HaTally *
tally_arg(FunctionCallInfo fcinfo, int n, HaTally *buf)
{
	const HaTally *t = (const HaTally *) PG_GETARG_POINTER(n);

	if (likely(tally_is_current(t)))
		return t;
	return tally_convert(t, buf);
}

/* Copy tally argument n into *out, converting layout version 1 (for other glue files). */
void
ha_tally_arg_copy(FunctionCallInfo fcinfo, int n, HaTally *out)
{
	const HaTally *t = tally_arg(fcinfo, n, out);

	if (t != out)
		*out = *t;
}

PG_FUNCTION_INFO_V1(tally_in);
/* Text input: key=value pairs, absent keys count 0. */
Datum
tally_in(PG_FUNCTION_ARGS)
{
	HaTally		t;
	HaError		err;

	return ha_record_result(ha_tally_parse(PG_GETARG_CSTRING(0), &t, &err),
							&err, &t, sizeof(t));
}

PG_FUNCTION_INFO_V1(tally_out);
/*
 * Text output: all ten keys in canonical order, sums as exact decimals,
 * and menapt when the tally counts it.
 */
Datum
tally_out(PG_FUNCTION_ARGS)
{
	HaTally		buf;
	const HaTally *t = tally_arg(fcinfo, 0, &buf);
	char	   *text = palloc(HA_TALLY_TEXT_BUFLEN);

	ha_tally_format(t, text, HA_TALLY_TEXT_BUFLEN);
	PG_RETURN_CSTRING(text);
}

PG_FUNCTION_INFO_V1(tally_recv);
/*
 * Binary input: version byte, 7 header bytes, then the fields of
 * HA_TALLY_FIELDS in order in network byte order; the length must be exact.
 * Version 2: every field an int8 (sums in millionths and øre), header bytes
 * zero, checked by ha_tally_validate, the same checks as text input plus
 * the layout rules.  Version 3: the same, the header bytes holding the
 * MENAPT count + 1 as a 56-bit integer in network byte order.
 * Version 1 (what housing_areas 0.2.0 and earlier sent): the sums as
 * float8, checked as version 1 did and converted by ha_tally_from_v1.
 */
Datum
tally_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	HaTally		t;
	HaError		err;
	bool		ok;

	ha_check_binary_length(buf, &ha_tally_form, HA_TALLY_SIZE);
	t.version = (uint8_t) pq_getmsgbyte(buf);
	if (t.version == HA_TALLY_VERSION_V1)
	{
		HaTallyV1	v1;

		v1.version = t.version;
		pq_copymsgbytes(buf, (char *) v1.reserved, sizeof(v1.reserved));
		ha_recv_fields(buf, &ha_tally_v1_form, &v1);
		ok = ha_tally_from_v1(&v1, &t, &err);
	}
	else
	{
		uint8		header[7];
		int			i;

		/* network order on the wire, little-endian in the stored header */
		pq_copymsgbytes(buf, (char *) header, sizeof(header));
		for (i = 0; i < 7; i++)
			t.menapt[i] = header[6 - i];
		ha_recv_fields(buf, &ha_tally_form, &t);
		ok = ha_tally_validate(&t, &err);
	}
	return ha_record_result(ok, &err, &t, sizeof(t));
}

PG_FUNCTION_INFO_V1(tally_send);
/*
 * Binary output, layout version 2 (version 3 when MENAPT is counted): the
 * inverse of tally_recv.
 */
Datum
tally_send(PG_FUNCTION_ARGS)
{
	HaTally		tmp;
	const HaTally *t = tally_arg(fcinfo, 0, &tmp);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, t->version);
	for (i = 6; i >= 0; i--)
		pq_sendbyte(&buf, t->menapt[i]);
	ha_send_fields(&buf, &ha_tally_form, t);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Convert a stored tally of another layout version in place. */
static pg_noinline void
convert_in_place(HaTally *state)
{
	HaTally		buf;

	memcpy(state, tally_convert(state, &buf), sizeof(HaTally));
}

/* A palloc'd copy of tally argument n, as version 2. */
static pg_noinline HaTally *
copy_of_arg(FunctionCallInfo fcinfo, int n)
{
	HaTally		buf;

	return ha_record_copy(tally_arg(fcinfo, n, &buf), sizeof(HaTally));
}

/*
 * The tally a transition function may write to, as version 2: its state
 * argument itself when nodeAgg calls it (the aggregate owns the state, so a
 * version-1 state, the first input of sum(tally) copied, is converted in
 * place: both layouts take 88 bytes), else a copy.
 */
static HaTally *
writable_state(FunctionCallInfo fcinfo)
{
	HaTally    *state = (HaTally *) PG_GETARG_POINTER(0);

	if (likely(AggCheckCallContext(fcinfo, NULL)))
	{
		if (unlikely(!tally_is_current(state)))
			convert_in_place(state);
		return state;
	}
	return copy_of_arg(fcinfo, 0);
}

PG_FUNCTION_INFO_V1(tally_add);
/*
 * a + b: the sum of two tallies.  Also the transition and combine function
 * of sum(tally) and the combine function of tally_agg, where it adds b into
 * the state a in place.
 */
Datum
tally_add(PG_FUNCTION_ARGS)
{
	HaTally    *acc = writable_state(fcinfo);
	HaTally		buf;
	HaError		err;

	if (!ha_tally_add(acc, tally_arg(fcinfo, 1, &buf), &err))
		ha_report(&err);
	PG_RETURN_TALLY_P(acc);
}

/* A nullable boolean argument as a three-valued HaTri. */
static inline HaTri
tri_arg(FunctionCallInfo fcinfo, int n)
{
	if (PG_ARGISNULL(n))
		return HA_UNKNOWN;
	return PG_GETARG_BOOL(n) ? HA_TRUE : HA_FALSE;
}

/*
 * Add a person row that ha_tally_step refused, or raise the reason; kept
 * out of line so the error buffer stays out of the per-row frame.
 */
static pg_noinline void
add_person_or_report(HaTally *state, HaPerson p)
{
	HaError		err;

	if (!ha_tally_add_person(state, &p, &err))
		ha_report(&err);
}

PG_FUNCTION_INFO_V1(tally_agg_step);
/*
 * Transition function of tally_agg(age, nonwestern, outside_labour_fte,
 * convicted, basic_education, gross_income, student[, menapt]): adds one
 * person to the state (NULL state: an empty tally, which counts MENAPT
 * when the aggregate has the argument menapt).  The meaning of NULL
 * arguments is that of ha_tally_step.  Called on NULL input.
 */
Datum
tally_agg_step(PG_FUNCTION_ARGS)
{
	HaTally    *state;
	HaPerson	p;

	if (PG_ARGISNULL(0))
	{
		state = (HaTally *) palloc(sizeof(HaTally));
		ha_tally_init(state);
		if (PG_NARGS() > 8)
			ha_tally_set_menapt(state, true, 0);
	}
	else
		state = writable_state(fcinfo);

	p.age_known = !PG_ARGISNULL(1);
	p.age = p.age_known ? PG_GETARG_INT32(1) : 0;
	p.nonwestern = tri_arg(fcinfo, 2);
	p.fte_known = !PG_ARGISNULL(3);
	p.outside_labour_fte = p.fte_known ? PG_GETARG_FLOAT8(3) : 0;
	p.convicted = tri_arg(fcinfo, 4);
	p.basic_education = tri_arg(fcinfo, 5);
	p.income_known = !PG_ARGISNULL(6);
	p.gross_income = p.income_known ? PG_GETARG_FLOAT8(6) : 0;
	p.student = tri_arg(fcinfo, 7);
	p.menapt = PG_NARGS() > 8 ? tri_arg(fcinfo, 8) : HA_UNKNOWN;

	if (unlikely(!ha_tally_step(state, &p)))
		add_person_or_report(state, p);
	PG_RETURN_TALLY_P(state);
}

PG_FUNCTION_INFO_V1(tally_convicted_share);
/* convicted_share(t): percent of residents 18+ convicted, NULL without any. */
Datum
tally_convicted_share(PG_FUNCTION_ARGS)
{
	HaTally		buf;
	double		v;

	if (!ha_tally_convicted_share(tally_arg(fcinfo, 0, &buf), &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

PG_FUNCTION_INFO_V1(tally_income_mean);
/* income_mean(t): mean gross income of taxpayers 15-64, NULL without any. */
Datum
tally_income_mean(PG_FUNCTION_ARGS)
{
	HaTally		buf;
	double		v;

	if (!ha_tally_income_mean(tally_arg(fcinfo, 0, &buf), &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

PG_FUNCTION_INFO_V1(tally_to_indicators);
/*
 * to_indicators(cur, prev, national_convicted, regional_income): the
 * criteria values from two years of tallies (see ha_tally_to_indicators).
 * NULL cur gives NULL; any other NULL argument leaves the values that need
 * it unknown.  Called on NULL input.
 */
Datum
tally_to_indicators(PG_FUNCTION_ARGS)
{
	HaIndicators result;
	HaTally		cur;
	HaTally		prev;
	double		national = 0;
	double		regional = 0;
	HaError		err;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(2))
		national = PG_GETARG_FLOAT8(2);
	if (!PG_ARGISNULL(3))
		regional = PG_GETARG_FLOAT8(3);

	if (!ha_tally_to_indicators(tally_arg(fcinfo, 0, &cur),
								PG_ARGISNULL(1) ? NULL : tally_arg(fcinfo, 1, &prev),
								PG_ARGISNULL(2) ? NULL : &national,
								PG_ARGISNULL(3) ? NULL : &regional,
								&result, &err))
		ha_report(&err);
	PG_RETURN_DATUM(ha_indicators_result(&result));
}

PG_FUNCTION_INFO_V1(tally_value);
/*
 * tally_value(t, key): one count or sum of a tally by key, as float8: a
 * count exactly, a sum as the float8 nearest its exact decimal; menapt is
 * NULL when the tally does not count it.
 */
Datum
tally_value(PG_FUNCTION_ARGS)
{
	HaTally		buf;
	const HaTally *t = tally_arg(fcinfo, 0, &buf);
	int			f = ha_record_key(&ha_tally_text_form, PG_GETARG_TEXT_PP(1), "tally");

	if (f == HA_TALLY_MENAPT)
	{
		if (!ha_tally_menapt_counted(t))
			PG_RETURN_NULL();
		PG_RETURN_FLOAT8((double) ha_tally_menapt(t));
	}
	PG_RETURN_FLOAT8(ha_tally_get(t, (HaTallyField) f));
}

PG_FUNCTION_INFO_V1(tally_eq);
/* Equality: the same counts and sums. */
Datum
tally_eq(PG_FUNCTION_ARGS)
{
	HaTally		a;
	HaTally		b;

	PG_RETURN_BOOL(ha_tally_equal(tally_arg(fcinfo, 0, &a),
								  tally_arg(fcinfo, 1, &b)));
}

PG_FUNCTION_INFO_V1(tally_ne);
/* Inequality, the negator of tally_eq. */
Datum
tally_ne(PG_FUNCTION_ARGS)
{
	HaTally		a;
	HaTally		b;

	PG_RETURN_BOOL(!ha_tally_equal(tally_arg(fcinfo, 0, &a),
								   tally_arg(fcinfo, 1, &b)));
}

PG_FUNCTION_INFO_V1(tally_hash);
/*
 * Hash of the canonical bytes (version 2, or 3 with a MENAPT count),
 * consistent with tally_eq; a version-2 value hashes as before.
 */
Datum
tally_hash(PG_FUNCTION_ARGS)
{
	HaTally		buf;
	const HaTally *t = tally_arg(fcinfo, 0, &buf);

	return hash_any((const unsigned char *) t, sizeof(HaTally));
}
