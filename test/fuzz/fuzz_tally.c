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
 * or through tally_recv:
 *
 *	  offset  size  use
 *		   0    88  tally A: ha_tally_validate refuses it with an error, or
 *					it has the text round trip above; a valid A then goes
 *					through ha_tally_to_indicators alone
 *		  88    88  tally B: the same; A + B (both valid) either fails with
 *					a range error leaving A as it was, or is a valid tally
 *					with the round trip, equal to B + A
 *		 176    16  national_convicted, regional_income (two doubles):
 *					ha_tally_to_indicators(A, B or none, ...) either fails
 *					with an error or gives a valid indicators record with
 *					its own text round trip
 *		 192    25  one person row, added to a valid A with
 *					ha_tally_add_person: refused with an error leaving A as
 *					it was, or a valid tally with one more resident
 *
 * Build: see test/run-fuzz.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "ha_number.h"
#include "indicators.h"
#include "tally.h"

#define OFF_B		(sizeof(HaTally))
#define OFF_ARGS	(2 * sizeof(HaTally))
#define OFF_PERSON	(OFF_ARGS + 2 * sizeof(double))
#define PERSON_LEN	25

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Check that a tally passes validation and survives text and back: format,
 * parse, equal, format again identically.
 */
static void
check_round_trip(const HaTally *t)
{
	HaTally		again;
	HaError		err;
	char		text[HA_TALLY_TEXT_BUFLEN];
	char		text2[HA_TALLY_TEXT_BUFLEN];

	fuzz_clear_error(&err);
	FUZZ_CHECK(ha_tally_validate(t, &err), ha_error_name(err.kind));
	FUZZ_CHECK(ha_tally_format(t, text, sizeof(text)) < sizeof(text), text);
	FUZZ_CHECK(ha_tally_parse(text, &again, &err), text);
	FUZZ_CHECK(ha_tally_equal(t, &again), text);
	FUZZ_CHECK(ha_tally_format(&again, text2, sizeof(text2)) < sizeof(text2),
			   text2);
	FUZZ_CHECK(strcmp(text, text2) == 0, text2);
}

/* Check that an indicators record is valid and survives text and back. */
static void
check_indicators(const HaIndicators *ind)
{
	HaIndicators again;
	HaError		err;
	char		text[HA_IND_TEXT_BUFLEN];
	char		text2[HA_IND_TEXT_BUFLEN];

	fuzz_clear_error(&err);
	FUZZ_CHECK(ha_ind_validate(ind, &err), ha_error_name(err.kind));
	FUZZ_CHECK(ha_ind_format(ind, text, sizeof(text)) < sizeof(text), text);
	FUZZ_CHECK(ha_ind_parse(text, &again, &err), text);
	FUZZ_CHECK(ha_ind_equal(ind, &again), text);
	FUZZ_CHECK(ha_ind_format(&again, text2, sizeof(text2)) < sizeof(text2),
			   text2);
	FUZZ_CHECK(strcmp(text, text2) == 0, text2);
}

/* Parse the input as text and check the outcome. */
static void
check_text(const char *s)
{
	HaTally		t;
	HaError		err;

	fuzz_clear_error(&err);
	if (ha_tally_parse(s, &t, &err))
		check_round_trip(&t);
	else
		fuzz_check_error(&err,
						 FUZZ_CODE(HA_ERR_SYNTAX) | FUZZ_CODE(HA_ERR_RANGE) |
						 FUZZ_CODE(HA_ERR_LIMIT), "ha_tally_parse");
}

/* Validate raw bytes as a tally, check the outcome, and say whether valid. */
static bool
check_binary(const uint8_t *bytes, HaTally *t)
{
	HaError		err;

	memcpy(t, bytes, sizeof(*t));
	fuzz_clear_error(&err);
	if (!ha_tally_validate(t, &err))
	{
		fuzz_check_error(&err,
						 FUZZ_CODE(HA_ERR_BINARY) | FUZZ_CODE(HA_ERR_RANGE) |
						 FUZZ_CODE(HA_ERR_SYNTAX), "ha_tally_validate");
		return false;
	}
	check_round_trip(t);
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
	check_round_trip(&ab);
	FUZZ_CHECK(ha_tally_add(&ba, a, &err), "b + a fails where a + b succeeds");
	FUZZ_CHECK(ha_tally_equal(&ab, &ba), "a + b differs from b + a");
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
		check_indicators(&ind);
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
	HaError		err;

	fuzz_clear_error(&err);
	if (!ha_tally_add_person(&after, p, &err))
	{
		fuzz_check_error(&err, FUZZ_CODE(HA_ERR_RANGE) | FUZZ_CODE(HA_ERR_PARAM),
						 "ha_tally_add_person");
		FUZZ_CHECK(ha_tally_equal(&after, t), "a refused person changed the tally");
		return;
	}
	check_round_trip(&after);
	FUZZ_CHECK(after.residents == t->residents + 1, "residents did not grow by one");
}

/* libFuzzer entry point: the input as text, and its bytes as raw structs. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fuzz_cstring(data, size);
	HaTally		a;
	HaTally		b;
	bool		b_valid = false;

	check_text(s);
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
	}
	if (size >= OFF_PERSON + PERSON_LEN)
	{
		HaPerson	p = person_from_bytes(data + OFF_PERSON);

		check_person(&a, &p);
	}
	return 0;
}
