/*
 * fuzz_tally.c
 *		libFuzzer target: the text form, the binary layout and the arithmetic
 *		of tallies.
 *
 * Every input is used as text (a NUL-terminated copy): ha_tally_parse
 * either fails with an error class of text input (syntax, range, limit) in
 * a complete report, or gives a tally that passes ha_tally_validate, formats
 * completely, parses back to an equal tally and formats again to the
 * identical text.
 *
 * Its bytes are also read as raw structs, as they could arrive from disk
 * or through tally_recv, in either layout version (the first byte says
 * which: 2 is the current one, int64 counts and sums in millionths and
 * øre; 3 the same with a MENAPT count in the header; 1 the float8 sums of
 * housing_areas 0.2.0):
 *
 *	  offset  size  use
 *		   0    88  tally A: ha_tally_read refuses it with an error, or
 *					gives a valid version-2 or -3 tally with the text round trip
 *					above; a version-1 A reads the same as its version-1
 *					text; a valid A then goes through ha_tally_to_indicators
 *					alone
 *		  88    88  tally B: the same; A + B (both valid) either fails with
 *					a range error leaving A as it was, or is a valid tally
 *					with the round trip, equal to B + A; (A + B) + B equals
 *					A + (B + B) when both succeed
 *		 176    16  national_convicted, regional_income (two doubles):
 *					ha_tally_to_indicators(A, B or none, ...) either fails
 *					with an error or gives a valid indicators record with
 *					its own text round trip; both doubles are rounded as
 *					sums (ha_tally_round), which agrees with the text of
 *					their shortest digits
 *		 192    25  one person row, added to a valid A with
 *					ha_tally_add_person: refused with an error leaving A as
 *					it was, or a valid tally with one more resident; the
 *					inline step ha_tally_step gives the same tally or leaves
 *					the row to ha_tally_add_person
 *
 * Build: see test/run-fuzz.sh.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "ha_number.h"
#include "indicators.h"
#include "tally.h"

#define FUZZ_RECORD HaTally
#define FUZZ_PREFIX ha_tally
#define FUZZ_NAME tally
#define FUZZ_TEXT_BUFLEN HA_TALLY_TEXT_BUFLEN
#include "fuzz_record.h"
#define FUZZ_RECORD HaIndicators
#define FUZZ_PREFIX ha_ind
#define FUZZ_NAME ind
#define FUZZ_TEXT_BUFLEN HA_IND_TEXT_BUFLEN
#include "fuzz_record.h"

#define OFF_B		(sizeof(HaTally))
#define OFF_ARGS	(2 * sizeof(HaTally))
#define OFF_PERSON	(OFF_ARGS + 2 * sizeof(double))
#define PERSON_LEN	25

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A version-1 tally reads the same from its bytes and from the text that
 * version 1 printed for it (its float8 sums in shortest digits).
 */
static void
check_v1_text(const uint8_t *bytes, const HaTally *t)
{
	HaTallyV1	v1;
	HaTally		from_text;
	HaError		err;
	char		text[HA_TALLY_TEXT_BUFLEN];

	memcpy(&v1, bytes, sizeof(v1));
	FUZZ_CHECK(ha_kv_format(&ha_tally_v1_form, &v1,
							(UINT32_C(1) << HA_TALLY_NFIELDS) - 1, false, text,
							sizeof(text)) < sizeof(text), text);
	fuzz_clear_error(&err);
	FUZZ_CHECK(ha_tally_parse(text, &from_text, &err), text);
	FUZZ_CHECK(ha_tally_equal(t, &from_text), text);
}

/*
 * Read raw bytes as a tally of either layout, check the outcome, and say
 * whether valid.
 */
static bool
check_binary(const uint8_t *bytes, HaTally *t)
{
	HaError		err;

	fuzz_clear_error(&err);
	if (!ha_tally_read(bytes, t, &err))
	{
		fuzz_check_error(&err,
						 FUZZ_CODE(HA_ERR_BINARY) | FUZZ_CODE(HA_ERR_RANGE) |
						 FUZZ_CODE(HA_ERR_SYNTAX), "ha_tally_read");
		FUZZ_CHECK(err.about.form == NULL || err.about.form == &ha_tally_form,
				   "an error names the version-1 form");
		return false;
	}
	FUZZ_CHECK(t->version == (ha_tally_menapt_counted(t) ? HA_TALLY_VERSION_MENAPT :
							  HA_TALLY_VERSION), "read gives an old layout");
	check_tally_round_trip(t);
	if (bytes[0] == HA_TALLY_VERSION_V1)
		check_v1_text(bytes, t);
	else
		FUZZ_CHECK(memcmp(t, bytes, sizeof(*t)) == 0, "version 2 or 3 changed on read");
	return true;
}

/* Add two valid tallies both ways and check the outcome. */
static void
check_add(const HaTally *a, const HaTally *b)
{
	HaTally		ab = *a;
	HaTally		ba = *b;
	HaError		err;

	fuzz_clear_error(&err);
	if (!ha_tally_add(&ab, b, &err))
	{
		fuzz_check_error(&err, FUZZ_CODE(HA_ERR_RANGE), "ha_tally_add");
		FUZZ_CHECK(ha_tally_equal(&ab, a), "a failed sum changed its accumulator");
		FUZZ_CHECK(!ha_tally_add(&ba, a, &err), "b + a succeeds where a + b fails");
		return;
	}
	check_tally_round_trip(&ab);
	FUZZ_CHECK(ha_tally_add(&ba, a, &err), "b + a fails where a + b succeeds");
	FUZZ_CHECK(ha_tally_equal(&ab, &ba), "a + b differs from b + a");

	/* associative wherever no partial sum leaves a range */
	{
		HaTally		ab_b = ab;
		HaTally		bb = *b;
		HaTally		a_bb = *a;

		if (ha_tally_add(&ab_b, b, &err) && ha_tally_add(&bb, b, &err) &&
			ha_tally_add(&a_bb, &bb, &err))
			FUZZ_CHECK(ha_tally_equal(&ab_b, &a_bb), "(a + b) + b differs from a + (b + b)");
	}
}

/*
 * A double rounds to the same units as the text of its shortest digits
 * reads to, for both sums (the person step and version 1 use the first,
 * text input the second).
 */
static void
check_rounding(double v)
{
	static const HaTallyField sums[] = {HA_TALLY_OUTSIDE_LABOUR_FTE, HA_TALLY_INCOME_SUM};
	size_t		i;

	if (!isfinite(v))
		return;
	for (i = 0; i < sizeof(sums) / sizeof(sums[0]); i++)
	{
		char		num[HA_DOUBLE_BUFLEN];
		char		text[128];
		int64_t		units = 0;
		HaTally		t;
		HaError		err;
		bool		rounded = ha_tally_round(v, sums[i], &units);
		bool		parsed;

		ha_format_double(v, num);
		snprintf(text, sizeof(text), "persons_18_64=9007199254740991 taxpayers_15_64=1 %s=%s",
				 ha_tally_fields[sums[i]].key, num);
		fuzz_clear_error(&err);
		parsed = ha_tally_parse(text, &t, &err);
		if (rounded)
			FUZZ_CHECK(parsed && ha_tally_units(&t, sums[i]) == units, text);
		else
			FUZZ_CHECK(!parsed, text);
	}
}

/* Convert valid tallies to indicators and check the outcome. */
static void
check_to_indicators(const HaTally *cur, const HaTally *prev,
					const double *national, const double *regional)
{
	HaIndicators ind;
	HaError		err;

	fuzz_clear_error(&err);
	if (ha_tally_to_indicators(cur, prev, national, regional, &ind, &err))
		check_ind_round_trip(&ind);
	else
		fuzz_check_error(&err,
						 FUZZ_CODE(HA_ERR_RANGE) | FUZZ_CODE(HA_ERR_PARAM) |
						 FUZZ_CODE(HA_ERR_SYNTAX), "ha_tally_to_indicators");
}

/* Build a person row from PERSON_LEN bytes: flags, four HaTri, age, two doubles. */
static HaPerson
person_from_bytes(const uint8_t *b)
{
	HaPerson	p;

	memset(&p, 0, sizeof(p));
	p.age_known = (b[0] & 1) != 0;
	p.fte_known = (b[0] & 2) != 0;
	p.income_known = (b[0] & 4) != 0;
	p.nonwestern = (HaTri) (b[1] % 3);
	p.convicted = (HaTri) (b[2] % 3);
	p.basic_education = (HaTri) (b[3] % 3);
	p.student = (HaTri) (b[4] % 3);
	p.menapt = (HaTri) ((b[0] >> 3) % 3);
	memcpy(&p.age, b + 5, sizeof(p.age));
	memcpy(&p.outside_labour_fte, b + 9, sizeof(double));
	memcpy(&p.gross_income, b + 17, sizeof(double));
	/* the SQL step passes 0 for an unknown value */
	if (!p.age_known)
		p.age = 0;
	if (!p.fte_known)
		p.outside_labour_fte = 0;
	if (!p.income_known)
		p.gross_income = 0;
	return p;
}

/* Add a person row to a valid tally and check the outcome. */
static void
check_person(const HaTally *t, const HaPerson *p)
{
	HaTally		after = *t;
	HaTally		stepped = *t;
	bool		step_ok = ha_tally_step(&stepped, p);
	HaError		err;

	fuzz_clear_error(&err);
	if (!ha_tally_add_person(&after, p, &err))
	{
		fuzz_check_error(&err, FUZZ_CODE(HA_ERR_RANGE) | FUZZ_CODE(HA_ERR_PARAM),
						 "ha_tally_add_person");
		FUZZ_CHECK(ha_tally_equal(&after, t), "a refused person changed the tally");
		FUZZ_CHECK(!step_ok, "the step takes a row the careful way refuses");
		FUZZ_CHECK(ha_tally_equal(&stepped, t), "a refused step changed the tally");
		return;
	}
	check_tally_round_trip(&after);
	FUZZ_CHECK(after.residents == t->residents + 1, "residents did not grow by one");
	if (step_ok)
		FUZZ_CHECK(ha_tally_equal(&stepped, &after), "the step and the careful way differ");
	else
		FUZZ_CHECK(ha_tally_equal(&stepped, t), "a refused step changed the tally");
}

/* libFuzzer entry point: the input as text, and its bytes as raw structs. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fuzz_cstring(data, size);
	HaTally		a;
	HaTally		b;
	bool		b_valid = false;

	check_tally_text(s);
	free(s);
	if (size < sizeof(HaTally) || !check_binary(data, &a))
		return 0;
	check_to_indicators(&a, NULL, NULL, NULL);
	if (size >= OFF_ARGS && (b_valid = check_binary(data + OFF_B, &b)))
		check_add(&a, &b);
	if (size >= OFF_PERSON)
	{
		double		national;
		double		regional;

		memcpy(&national, data + OFF_ARGS, sizeof(double));
		memcpy(&regional, data + OFF_ARGS + sizeof(double), sizeof(double));
		check_to_indicators(&a, b_valid ? &b : NULL, &national, &regional);
		check_rounding(national);
		check_rounding(regional);
	}
	if (size >= OFF_PERSON + PERSON_LEN)
	{
		HaPerson	p = person_from_bytes(data + OFF_PERSON);

		check_person(&a, &p);
		check_rounding(p.outside_labour_fte);
		check_rounding(p.gross_income);
	}
	return 0;
}
