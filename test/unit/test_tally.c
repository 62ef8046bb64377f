/*
 * test_tally.c
 *		Unit tests of tally validation, text form, sums, the person step and
 *		the conversion to indicators.
 */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"
#include "../../src/core/ha_number.h"
#include "../../src/core/tally.h"

static const char full[] =
"residents=1913 nonwestern=945 persons_18_64=1200 outside_labour_fte=535.25 "
"persons_18plus=1400 convicted_18plus=27 persons_30_59=700 "
"basic_education_30_59=472 taxpayers_15_64=1100 income_sum=254000000.5";

/* Parse s, expecting success. */
static HaTally
parse_ok(const char *s)
{
	HaTally		v;
	HaError		err;

	unit_check_accepted(s, ha_tally_parse(s, &v, &err), &err);
	return v;
}

/*
 * Parse s, expecting failure with the given class and kind, naming key and
 * quoting value (NULL: not checked).
 */
static HaError
parse_err(const char *s, HaErrorCode code, HaErrorKind kind, const char *key,
		  const char *value)
{
	HaTally		v;
	HaError		err;

	memset(&err, 0, sizeof(err));
	unit_check_refused(s, ha_tally_parse(s, &v, &err), &err, code, kind, key,
					   value);
	return err;
}

/* The canonical text of a tally. */
static const char *
text_of(const HaTally *t)
{
	static char buf[HA_TALLY_TEXT_BUFLEN];

	CHECK(ha_tally_format(t, buf, sizeof(buf)) < sizeof(buf));
	return buf;
}

/* The canonical text of a parsed input. */
static const char *
canon(const char *s)
{
	HaTally		t = parse_ok(s);

	return text_of(&t);
}

/* A person of the given age with every other value unknown (NULL). */
static HaPerson
person(int age)
{
	HaPerson	p;

	memset(&p, 0, sizeof(p));
	p.age_known = true;
	p.age = age;
	p.nonwestern = HA_UNKNOWN;
	p.convicted = HA_UNKNOWN;
	p.basic_education = HA_UNKNOWN;
	p.student = HA_UNKNOWN;
	return p;
}

/* A tally of the given people, checking each step and the result. */
static HaTally
tally_of(const HaPerson *people, int n)
{
	HaTally		t;
	HaError		err;
	int			i;

	ha_tally_init(&t);
	for (i = 0; i < n; i++)
		CHECK(ha_tally_add_person(&t, &people[i], &err));
	CHECK(ha_tally_validate(&t, &err));
	return t;
}

static void
test_round_trip_full(void)
{
	HaTally		t = parse_ok(full);

	CHECK_STR(text_of(&t), full);
	CHECK(t.version == HA_TALLY_VERSION);
	CHECK(t.residents == 1913 && t.nonwestern == 945);
	CHECK(t.outside_labour_fte == 535.25);
	CHECK(t.income_sum == 254000000.5);
	CHECK(sizeof(HaTally) == 88);
}

static void
test_absent_keys_count_zero(void)
{
	CHECK_STR(canon("residents=5"),
			  "residents=5 nonwestern=0 persons_18_64=0 outside_labour_fte=0 "
			  "persons_18plus=0 convicted_18plus=0 persons_30_59=0 "
			  "basic_education_30_59=0 taxpayers_15_64=0 income_sum=0");
	CHECK_STR(canon("nonwestern=2, residents=3\tincome_sum=-7.5 taxpayers_15_64=1"),
			  "residents=3 nonwestern=2 persons_18_64=0 outside_labour_fte=0 "
			  "persons_18plus=0 convicted_18plus=0 persons_30_59=0 "
			  "basic_education_30_59=0 taxpayers_15_64=1 income_sum=-7.5");
}

static void
test_number_spellings(void)
{
	HaTally		t = parse_ok("residents=+007 persons_18_64=3 outside_labour_fte=.5 "
							 "taxpayers_15_64=2 income_sum=-0");

	CHECK(t.residents == 7 && t.outside_labour_fte == 0.5);
	CHECK(t.income_sum == 0 && !signbit(t.income_sum));
	t = parse_ok("persons_18_64=1 outside_labour_fte=-0");
	CHECK(!signbit(t.outside_labour_fte));
	t = parse_ok("taxpayers_15_64=1 income_sum=1.5e20");
	CHECK(strstr(text_of(&t), "income_sum=1.5e20") != NULL);
	t = parse_ok("taxpayers_15_64=1 income_sum=0.30000000000000004");
	CHECK(t.income_sum == 0.1 + 0.2);
}

static void
test_boundaries(void)
{
	HaTally		t = parse_ok("residents=9007199254740991 nonwestern=9007199254740991");

	CHECK(t.residents == HA_TALLY_COUNT_MAX);
	CHECK(strncmp(text_of(&t), "residents=9007199254740991 nonwestern=9007199254740991",
				  54) == 0);
	parse_err("residents=9007199254740992", HA_ERR_RANGE, HA_E_OUT_OF_RANGE,
			  "residents", "9007199254740992");
	t = parse_ok("taxpayers_15_64=1 income_sum=-1.7976931348623157e308");
	CHECK(t.income_sum == -DBL_MAX);
	t = parse_ok("persons_18_64=4 outside_labour_fte=4");
	CHECK(t.outside_labour_fte == 4);
	t = parse_ok("residents=0");
	CHECK(t.residents == 0);
}

static void
test_rejects_syntax(void)
{
	HaError		e = parse_err("", HA_ERR_SYNTAX, HA_E_EMPTY, "", "");

	CHECK(e.about.form == &ha_tally_form);
	e = parse_err("residents=1 income=2", HA_ERR_SYNTAX, HA_E_UNKNOWN_KEY, "",
				  "income");
	CHECK(e.about.form == &ha_tally_form);
	parse_err("residents=1 residents=1", HA_ERR_SYNTAX, HA_E_DUPLICATE_KEY,
			  "residents", "");
	parse_err("residents 1", HA_ERR_SYNTAX, HA_E_MISSING_EQUALS, "residents",
			  "residents 1");
	e = parse_err("residents=", HA_ERR_SYNTAX, HA_E_NO_VALUE, "residents",
				  "residents=");
	CHECK(e.about.form->absent_is_zero);
	parse_err("residents=1,,nonwestern=1", HA_ERR_SYNTAX, HA_E_TWO_SEPARATORS,
			  "", NULL);
	parse_err("residents=1,", HA_ERR_SYNTAX, HA_E_TRAILING_COMMA, "", NULL);
	parse_err("=1", HA_ERR_SYNTAX, HA_E_NO_KEY, "", "=1");
	e = parse_err("residents=1\002", HA_ERR_SYNTAX, HA_E_CONTROL_CHAR, "", "");
	CHECK(e.about.n[0] == 2 && e.about.n[1] == 12);
}

static void
test_rejects_values(void)
{
	HaError		e = parse_err("residents=abc", HA_ERR_SYNTAX,
							  HA_E_NOT_A_NUMBER, "residents", "abc");

	CHECK(e.about.field->unit == HA_UNIT_COUNT);
	CHECK(e.about.field->max == 9007199254740991.0);
	parse_err("residents=1.5", HA_ERR_SYNTAX, HA_E_NOT_WHOLE, "residents", "1.5");
	parse_err("convicted_18plus=1e3", HA_ERR_SYNTAX, HA_E_NOT_WHOLE,
			  "convicted_18plus", "1e3");
	e = parse_err("taxpayers_15_64=1 income_sum=NaN", HA_ERR_SYNTAX, HA_E_NAN,
				  "income_sum", "NaN");
	CHECK(e.about.field->unit == HA_UNIT_AMOUNT);
	parse_err("income_sum=-Infinity", HA_ERR_RANGE, HA_E_OUT_OF_RANGE,
			  "income_sum", "-Infinity");
	parse_err("income_sum=1e400", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, NULL, "1e400");
	parse_err("outside_labour_fte=inf", HA_ERR_RANGE, HA_E_OUT_OF_RANGE,
			  "outside_labour_fte", "inf");
	parse_err("residents=-1", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "residents", "-1");
	parse_err("outside_labour_fte=-0.25", HA_ERR_RANGE, HA_E_OUT_OF_RANGE,
			  "outside_labour_fte", "-0.25");
	parse_err("persons_30_59=99999999999999999999", HA_ERR_RANGE,
			  HA_E_OUT_OF_RANGE, "persons_30_59", NULL);
}

static void
test_rejects_sub_count_above_population(void)
{
	HaError		e = parse_err("residents=3 nonwestern=4", HA_ERR_RANGE,
							  HA_E_PART_EXCEEDS_WHOLE, "nonwestern", "4");

	CHECK_STR(e.about.other->key, "residents");
	CHECK(e.about.n[0] == 3);
	e = parse_err("persons_18_64=2 outside_labour_fte=2.25", HA_ERR_RANGE,
				  HA_E_PART_EXCEEDS_WHOLE, "outside_labour_fte", "2.25");
	CHECK_STR(e.about.other->key, "persons_18_64");
	CHECK(e.about.n[0] == 2);
	e = parse_err("convicted_18plus=1", HA_ERR_RANGE, HA_E_PART_EXCEEDS_WHOLE,
				  "convicted_18plus", "1");
	CHECK_STR(e.about.other->key, "persons_18plus");
	CHECK(e.about.n[0] == 0);
	parse_err("persons_30_59=10 basic_education_30_59=11", HA_ERR_RANGE,
			  HA_E_PART_EXCEEDS_WHOLE, "basic_education_30_59", "11");
	e = parse_err("residents=5 income_sum=100", HA_ERR_RANGE,
				  HA_E_INCOME_WITHOUT_TAXPAYERS, "income_sum", "100");
	CHECK_STR(e.about.other->key, "taxpayers_15_64");
	/* a sub-count equal to its population is fine, and 0 income without taxpayers */
	parse_ok("residents=3 nonwestern=3 persons_18_64=2 outside_labour_fte=2 income_sum=0");
}

static void
test_rejects_oversized(void)
{
	char		big[HA_TALLY_INPUT_MAX + 2];
	HaError		e;

	memset(big, ' ', sizeof(big));
	memcpy(big, "residents=1", 11);
	big[sizeof(big) - 1] = '\0';
	e = parse_err(big, HA_ERR_LIMIT, HA_E_TOO_LONG, "", "");
	CHECK(e.about.n[0] == 1025 && e.about.n[1] == 1024);
	big[sizeof(big) - 2] = '\0';
	parse_ok(big);
}

static void
test_validate_layout(void)
{
	HaTally		ok = parse_ok(full);
	HaTally		bad;
	HaError		err;
	int			i;

	CHECK(ha_tally_validate(&ok, &err));
	bad = ok;
	bad.version = 2;
	unit_check_refused("version 2", ha_tally_validate(&bad, &err), &err,
					   HA_ERR_BINARY, HA_E_BAD_VERSION, "", "");
	CHECK(err.about.n[0] == 2 && err.about.n[1] == 1);
	for (i = 0; i < 7; i++)
	{
		bad = ok;
		bad.reserved[i] = 0x80;
		unit_check_refused("reserved", ha_tally_validate(&bad, &err), &err,
						   HA_ERR_BINARY, HA_E_RESERVED_NOT_ZERO, "", "");
		CHECK(err.about.n[0] == 7);
	}
	bad = ok;
	bad.income_sum = -0.0;
	bad.taxpayers_15_64 = 1;
	unit_check_refused("-0 sum", ha_tally_validate(&bad, &err), &err,
					   HA_ERR_BINARY, HA_E_NEGATIVE_ZERO, "income_sum", "");
	CHECK(err.about.form == &ha_tally_form);
	bad = ok;
	bad.outside_labour_fte = -0.0;
	unit_check_refused("-0 fte", ha_tally_validate(&bad, &err), &err,
					   HA_ERR_BINARY, HA_E_NEGATIVE_ZERO, "outside_labour_fte", "");
	bad = ok;
	bad.income_sum = NAN;
	unit_check_refused("NaN", ha_tally_validate(&bad, &err), &err,
					   HA_ERR_SYNTAX, HA_E_NAN, "income_sum", "NaN");
	bad = ok;
	bad.outside_labour_fte = INFINITY;
	unit_check_refused("inf", ha_tally_validate(&bad, &err), &err,
					   HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "outside_labour_fte",
					   "Infinity");
	bad = ok;
	bad.persons_18plus = INT64_MAX;
	unit_check_refused("INT64_MAX", ha_tally_validate(&bad, &err), &err,
					   HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "persons_18plus",
					   "9223372036854775807");
	bad = ok;
	bad.taxpayers_15_64 = -1;
	unit_check_refused("-1", ha_tally_validate(&bad, &err), &err,
					   HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "taxpayers_15_64", "-1");
	bad = ok;
	bad.convicted_18plus = bad.persons_18plus + 1;
	unit_check_refused("part", ha_tally_validate(&bad, &err), &err,
					   HA_ERR_RANGE, HA_E_PART_EXCEEDS_WHOLE, "convicted_18plus",
					   "1401");
}

/* The struct the X-macro lays out is the frozen one, field by field. */
static void
test_frozen_layout(void)
{
	static const char *const keys[HA_TALLY_NFIELDS] = {
		"residents", "nonwestern", "persons_18_64", "outside_labour_fte",
		"persons_18plus", "convicted_18plus", "persons_30_59",
		"basic_education_30_59", "taxpayers_15_64", "income_sum"
	};
	int			f;

	CHECK(sizeof(HaTally) == 88);
	for (f = 0; f < HA_TALLY_NFIELDS; f++)
	{
		bool		is_double = f == HA_TALLY_OUTSIDE_LABOUR_FTE ||
			f == HA_TALLY_INCOME_SUM;

		CHECK(ha_tally_fields[f].offset == (size_t) (8 + 8 * f));
		CHECK_STR(ha_tally_fields[f].key, keys[f]);
		CHECK(ha_tally_fields[f].storage == (is_double ? HA_DOUBLE : HA_INT64));
	}
	CHECK(ha_kv_lookup(&ha_tally_form, "income_sum", 10) == HA_TALLY_INCOME_SUM);
}

static void
test_add(void)
{
	HaTally		a = parse_ok("residents=3 nonwestern=1 persons_18_64=2 outside_labour_fte=0.75 "
							 "taxpayers_15_64=2 income_sum=500");
	HaTally		b = parse_ok("residents=4 nonwestern=4 persons_18_64=1 outside_labour_fte=1 "
							 "persons_30_59=2 basic_education_30_59=1 taxpayers_15_64=1 "
							 "income_sum=-100.5");
	HaTally		sum = a;
	HaError		err;

	CHECK(ha_tally_add(&sum, &b, &err));
	CHECK_STR(text_of(&sum),
			  "residents=7 nonwestern=5 persons_18_64=3 outside_labour_fte=1.75 "
			  "persons_18plus=0 convicted_18plus=0 persons_30_59=2 "
			  "basic_education_30_59=1 taxpayers_15_64=3 income_sum=399.5");
	CHECK(ha_tally_validate(&sum, &err));
	/* adding to itself doubles */
	CHECK(ha_tally_add(&sum, &sum, &err));
	CHECK(sum.residents == 14 && sum.outside_labour_fte == 3.5 && sum.income_sum == 799);
	/* + is commutative on counts */
	sum = b;
	CHECK(ha_tally_add(&sum, &a, &err));
	CHECK(sum.residents == 7 && sum.income_sum == 399.5);
	/* incomes that cancel give +0, never -0 */
	a = parse_ok("taxpayers_15_64=1 income_sum=-2.5");
	b = parse_ok("taxpayers_15_64=1 income_sum=2.5");
	CHECK(ha_tally_add(&a, &b, &err) && a.income_sum == 0 && !signbit(a.income_sum));
}

static void
test_add_overflow_leaves_acc(void)
{
	HaTally		a = parse_ok("residents=9007199254740991");
	HaTally		b = parse_ok("residents=1");
	HaTally		before;
	HaError		err;

	before = a;
	unit_check_refused("count", ha_tally_add(&a, &b, &err), &err, HA_ERR_RANGE,
					   HA_E_SUM_OUT_OF_RANGE, "residents", "");
	CHECK(ha_tally_equal(&a, &before));
	a = parse_ok("residents=1 taxpayers_15_64=1 income_sum=1.7976931348623157e308");
	b = a;
	before = a;
	unit_check_refused("sum", ha_tally_add(&a, &b, &err), &err, HA_ERR_RANGE,
					   HA_E_SUM_OUT_OF_RANGE, "income_sum", "");
	CHECK(ha_tally_equal(&a, &before));
}

static void
test_person_age_bands(void)
{
	static const struct
	{
		int			age;
		int			p18_64;
		int			p18plus;
		int			p30_59;
		int			tax15_64;
	}			cases[] = {
		{0, 0, 0, 0, 0}, {14, 0, 0, 0, 0}, {15, 0, 0, 0, 1}, {17, 0, 0, 0, 1},
		{18, 1, 1, 0, 1}, {29, 1, 1, 0, 1}, {30, 1, 1, 1, 1}, {59, 1, 1, 1, 1},
		{60, 1, 1, 0, 1}, {64, 1, 1, 0, 1}, {65, 0, 1, 0, 0}, {150, 0, 1, 0, 0},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		HaPerson	p = person(cases[i].age);
		HaTally		t;

		p.outside_labour_fte = 0.5;
		p.fte_known = true;
		p.convicted = HA_TRUE;
		p.basic_education = HA_TRUE;
		p.income_known = true;
		p.gross_income = 1000;
		t = tally_of(&p, 1);
		if (t.residents != 1 || t.persons_18_64 != cases[i].p18_64 ||
			t.persons_18plus != cases[i].p18plus ||
			t.persons_30_59 != cases[i].p30_59 ||
			t.taxpayers_15_64 != cases[i].tax15_64)
		{
			printf("#   age %d: %s\n", cases[i].age, text_of(&t));
			unit_checks_failed++;
		}
		/* the sub-counts follow their band */
		CHECK(t.outside_labour_fte == 0.5 * cases[i].p18_64);
		CHECK(t.convicted_18plus == cases[i].p18plus);
		CHECK(t.basic_education_30_59 == cases[i].p30_59);
		CHECK(t.income_sum == 1000.0 * cases[i].tax15_64);
	}
}

static void
test_person_unknown_values(void)
{
	HaPerson	p = person(40);
	HaTally		t;

	/* every value NULL but the age: resident, in the bands, basic education */
	t = tally_of(&p, 1);
	CHECK_STR(text_of(&t),
			  "residents=1 nonwestern=0 persons_18_64=1 outside_labour_fte=0 "
			  "persons_18plus=1 convicted_18plus=0 persons_30_59=1 "
			  "basic_education_30_59=1 taxpayers_15_64=0 income_sum=0");
	/* unknown age: a resident in no age band, other values not counted */
	p = person(40);
	p.age_known = false;
	p.nonwestern = HA_TRUE;
	p.convicted = HA_TRUE;
	p.income_known = true;
	p.gross_income = 5;
	t = tally_of(&p, 1);
	CHECK_STR(text_of(&t),
			  "residents=1 nonwestern=1 persons_18_64=0 outside_labour_fte=0 "
			  "persons_18plus=0 convicted_18plus=0 persons_30_59=0 "
			  "basic_education_30_59=0 taxpayers_15_64=0 income_sum=0");
}

static void
test_person_flags(void)
{
	HaPerson	people[6];
	HaTally		t;

	people[0] = person(35);		/* non-Western, convicted, educated */
	people[0].nonwestern = HA_TRUE;
	people[0].convicted = HA_TRUE;
	people[0].basic_education = HA_FALSE;
	people[0].income_known = true;
	people[0].gross_income = 300000;
	people[0].student = HA_FALSE;
	people[1] = person(22);		/* student with income: not a taxpayer here */
	people[1].student = HA_TRUE;
	people[1].income_known = true;
	people[1].gross_income = 80000;
	people[1].fte_known = true;
	people[1].outside_labour_fte = 0.25;
	people[2] = person(50);		/* zero income counts as a taxpayer */
	people[2].income_known = true;
	people[2].gross_income = 0;
	people[2].basic_education = HA_TRUE;
	people[2].fte_known = true;
	people[2].outside_labour_fte = 1;
	people[3] = person(44);		/* negative income (losses) */
	people[3].income_known = true;
	people[3].gross_income = -20000.5;
	people[3].nonwestern = HA_FALSE;
	people[3].convicted = HA_FALSE;
	people[4] = person(70);		/* pensioner: labour and income out of band */
	people[4].fte_known = true;
	people[4].outside_labour_fte = 1;
	people[4].income_known = true;
	people[4].gross_income = 200000;
	people[4].convicted = HA_TRUE;
	people[5] = person(16);		/* teenager with a job, student unknown */
	people[5].income_known = true;
	people[5].gross_income = 20000;
	people[5].convicted = HA_TRUE;
	t = tally_of(people, 6);
	CHECK_STR(text_of(&t),
			  "residents=6 nonwestern=1 persons_18_64=4 outside_labour_fte=1.25 "
			  "persons_18plus=5 convicted_18plus=2 persons_30_59=3 "
			  "basic_education_30_59=2 taxpayers_15_64=4 income_sum=299999.5");
}

/*
 * Expect ha_tally_add_person to refuse p with class and kind, naming the
 * person value key and quoting value, and to leave the tally alone.
 */
static void
person_err(const HaPerson *p, HaErrorCode code, HaErrorKind kind,
		   const char *key, const char *value)
{
	HaTally		t = parse_ok("residents=2 persons_18_64=1 outside_labour_fte=0.5");
	HaTally		before = t;
	HaError		err;

	memset(&err, 0, sizeof(err));
	unit_check_refused(key, ha_tally_add_person(&t, p, &err), &err, code, kind,
					   key, value);
	CHECK(ha_tally_equal(&t, &before));
}

static void
test_person_rejects(void)
{
	HaPerson	p;

	p = person(-1);
	person_err(&p, HA_ERR_RANGE, HA_E_PERSON_OUT_OF_RANGE, "age", "-1");
	p = person(151);
	person_err(&p, HA_ERR_RANGE, HA_E_PERSON_OUT_OF_RANGE, "age", "151");
	p = person(1985);
	person_err(&p, HA_ERR_RANGE, HA_E_PERSON_OUT_OF_RANGE, "age", "1985");
	p = person(40);
	p.fte_known = true;
	p.outside_labour_fte = 1.5;
	person_err(&p, HA_ERR_RANGE, HA_E_PERSON_OUT_OF_RANGE,
			   "outside_labour_fte", "1.5");
	p.outside_labour_fte = -0.25;
	person_err(&p, HA_ERR_RANGE, HA_E_PERSON_OUT_OF_RANGE,
			   "outside_labour_fte", "-0.25");
	p.outside_labour_fte = NAN;
	person_err(&p, HA_ERR_PARAM, HA_E_PERSON_NAN, "outside_labour_fte", "");
	p.outside_labour_fte = INFINITY;
	person_err(&p, HA_ERR_RANGE, HA_E_PERSON_OUT_OF_RANGE,
			   "outside_labour_fte", "Infinity");
	/* checked outside the band too */
	p = person(80);
	p.fte_known = true;
	p.outside_labour_fte = 2;
	person_err(&p, HA_ERR_RANGE, HA_E_PERSON_OUT_OF_RANGE,
			   "outside_labour_fte", "2");
	p = person(40);
	p.income_known = true;
	p.gross_income = NAN;
	person_err(&p, HA_ERR_PARAM, HA_E_PERSON_NAN, "gross_income", "");
	p.gross_income = -INFINITY;
	person_err(&p, HA_ERR_RANGE, HA_E_PERSON_OUT_OF_RANGE, "gross_income",
			   "-Infinity");
	p = person(10);
	p.income_known = true;
	p.gross_income = INFINITY;
	person_err(&p, HA_ERR_RANGE, HA_E_PERSON_OUT_OF_RANGE, "gross_income",
			   "Infinity");
}

static void
test_person_overflow(void)
{
	HaTally		t = parse_ok("residents=9007199254740991");
	HaTally		before = t;
	HaPerson	p = person(40);
	HaError		err;

	unit_check_refused("residents", ha_tally_add_person(&t, &p, &err), &err,
					   HA_ERR_RANGE, HA_E_SUM_OUT_OF_RANGE, "residents", "");
	CHECK(ha_tally_equal(&t, &before));
	t = parse_ok("residents=1 taxpayers_15_64=1 income_sum=1.7976931348623157e308");
	before = t;
	p.income_known = true;
	p.gross_income = DBL_MAX;
	unit_check_refused("income", ha_tally_add_person(&t, &p, &err), &err,
					   HA_ERR_RANGE, HA_E_SUM_OUT_OF_RANGE, "income_sum", "");
	CHECK(ha_tally_equal(&t, &before));
}

static void
test_shares(void)
{
	HaTally		t = parse_ok("residents=1200 persons_18plus=1000 convicted_18plus=27 "
							 "taxpayers_15_64=3 income_sum=100");
	double		v = -1;

	CHECK(ha_tally_convicted_share(&t, &v) && v == 2.7);
	CHECK(ha_tally_income_mean(&t, &v) && v == 100.0 / 3);
	CHECK(ha_tally_share(&t, HA_TALLY_NONWESTERN, &v) && v == 0);
	CHECK(!ha_tally_share(&t, HA_TALLY_BASIC_EDUCATION_30_59, &v));
	CHECK(!ha_tally_share(&t, HA_TALLY_RESIDENTS, &v));
	t = parse_ok("residents=5");
	CHECK(!ha_tally_convicted_share(&t, &v));
	CHECK(!ha_tally_income_mean(&t, &v));
	/* 100 * part / whole is the double nearest the exact share */
	t = parse_ok("persons_18plus=3 convicted_18plus=1");
	CHECK(ha_tally_convicted_share(&t, &v) && v == 100.0 / 3);
	t = parse_ok("persons_18plus=7 convicted_18plus=7");
	CHECK(ha_tally_convicted_share(&t, &v) && v == 100);
}

/* Indicators of cur/prev, expecting success; returns the canonical text. */
static const char *
ind_text(const HaTally *cur, const HaTally *prev, const double *nat,
		 const double *reg)
{
	static char buf[HA_IND_TEXT_BUFLEN];
	HaIndicators ind;
	HaError		err;

	if (!ha_tally_to_indicators(cur, prev, nat, reg, &ind, &err))
	{
		unit_check_accepted("to_indicators", false, &err);
		return "";
	}
	CHECK(ha_ind_validate(&ind, &err));
	ha_ind_format(&ind, buf, sizeof(buf));
	return buf;
}

/*
 * Expect ha_tally_to_indicators to fail with class and kind, naming key and
 * quoting value.
 */
static HaError
ind_err(const HaTally *cur, const HaTally *prev, const double *nat,
		const double *reg, HaErrorCode code, HaErrorKind kind, const char *key,
		const char *value)
{
	HaIndicators ind;
	HaError		err;

	memset(&err, 0, sizeof(err));
	unit_check_refused(value, ha_tally_to_indicators(cur, prev, nat, reg, &ind,
													 &err),
					   &err, code, kind, key, value);
	return err;
}

static void
test_to_indicators(void)
{
	/*
	 * By hand: nonwestern 988 of 2000 = 49.4 %; outside labour 562.5 of 1250
	 * = 45 % this year and 550 of 1250 = 44 % the year before, mean 44.5;
	 * convicted 30 of 1500 = 2 % and 36 of 1600 = 2.25 %, mean 2.125; basic
	 * education 540 of 800 = 67.5 %; mean income 180000000 / 1000 = 180000,
	 * 60 % of a regional mean of 300000.
	 */
	HaTally		cur = parse_ok("residents=2000 nonwestern=988 persons_18_64=1250 "
							   "outside_labour_fte=562.5 persons_18plus=1500 "
							   "convicted_18plus=30 persons_30_59=800 "
							   "basic_education_30_59=540 taxpayers_15_64=1000 "
							   "income_sum=180000000");
	HaTally		prev = parse_ok("residents=1990 persons_18_64=1250 "
								"outside_labour_fte=550 persons_18plus=1600 "
								"convicted_18plus=36");
	HaTally		t;
	double		nat = 0.65;
	double		reg = 300000;

	CHECK_STR(ind_text(&cur, &prev, &nat, &reg),
			  "residents=2000 nonwestern=49.4 outside_labour=44.5 convicted=2.125 "
			  "national_convicted=0.65 basic_education=67.5 income=60");
	/* no previous year: the two-year values are unknown */
	CHECK_STR(ind_text(&cur, NULL, &nat, &reg),
			  "residents=2000 nonwestern=49.4 national_convicted=0.65 "
			  "basic_education=67.5 income=60");
	/* no national or regional figure: those are unknown */
	CHECK_STR(ind_text(&cur, &prev, NULL, NULL),
			  "residents=2000 nonwestern=49.4 outside_labour=44.5 convicted=2.125 "
			  "basic_education=67.5");
	/* a population of 0 in either year makes that share unknown */
	t = parse_ok("residents=10 persons_18plus=10 convicted_18plus=1");
	CHECK_STR(ind_text(&cur, &t, NULL, NULL),
			  "residents=2000 nonwestern=49.4 convicted=6 basic_education=67.5");
	CHECK_STR(ind_text(&t, &cur, NULL, &reg), "residents=10 nonwestern=0 convicted=6");
	t = parse_ok("residents=0");
	CHECK_STR(ind_text(&t, &t, &nat, &reg), "residents=0 national_convicted=0.65");
	/* the order of the two years does not matter to the mean */
	CHECK_STR(ind_text(&prev, &cur, NULL, NULL),
			  "residents=1990 nonwestern=0 outside_labour=44.5 convicted=2.125");
}

static void
test_to_indicators_rejects(void)
{
	HaTally		cur = parse_ok("residents=1000 taxpayers_15_64=10 income_sum=3000000");
	double		reg;
	double		nat;
	HaError		e;

	reg = 0;
	ind_err(&cur, NULL, NULL, &reg, HA_ERR_PARAM, HA_E_REGIONAL_INCOME, "", "0");
	reg = -5;
	ind_err(&cur, NULL, NULL, &reg, HA_ERR_PARAM, HA_E_REGIONAL_INCOME, "", "-5");
	reg = NAN;
	ind_err(&cur, NULL, NULL, &reg, HA_ERR_PARAM, HA_E_REGIONAL_INCOME, "", "NaN");
	reg = INFINITY;
	ind_err(&cur, NULL, NULL, &reg, HA_ERR_PARAM, HA_E_REGIONAL_INCOME, "",
			"Infinity");
	/* checked even when there are no taxpayers */
	{
		HaTally		none = parse_ok("residents=1");

		reg = -1;
		ind_err(&none, NULL, NULL, &reg, HA_ERR_PARAM, HA_E_REGIONAL_INCOME, "",
				"-1");
	}
	/* 300000 against 30000 is 1000 %, the most income takes; 29999 is more */
	reg = 30000;
	CHECK_STR(ind_text(&cur, NULL, NULL, &reg), "residents=1000 nonwestern=0 income=1000");
	reg = 29999;
	e = ind_err(&cur, NULL, NULL, &reg, HA_ERR_RANGE, HA_E_INCOME_OUT_OF_RANGE,
				"income", "1000.0333344444815");
	CHECK(e.about.field == &ha_ind_fields[HA_IND_INCOME]);
	/* a negative mean income cannot be a percentage of the region */
	cur = parse_ok("residents=1 taxpayers_15_64=1 income_sum=-5");
	reg = 100;
	ind_err(&cur, NULL, NULL, &reg, HA_ERR_RANGE, HA_E_INCOME_OUT_OF_RANGE,
			"income", "-5");
	nat = 0;
	ind_err(&cur, NULL, &nat, NULL, HA_ERR_RANGE, HA_E_OUT_OF_RANGE,
			"national_convicted", "0");
	nat = NAN;
	ind_err(&cur, NULL, &nat, NULL, HA_ERR_SYNTAX, HA_E_NAN,
			"national_convicted", "NaN");
	cur = parse_ok("residents=10000001");
	ind_err(&cur, NULL, NULL, NULL, HA_ERR_RANGE, HA_E_OUT_OF_RANGE,
			"residents", "10000001");
}

/* A uniform double in [0, 1). */
static double
rng_unit(void)
{
	return (double) (rng_next() >> 11) / 9007199254740992.0;
}

/* A random count up to max, often small, sometimes at the ends. */
static int64_t
random_count(int64_t max)
{
	switch (rng_next() % 4)
	{
		case 0:
			return (int64_t) (rng_next() % 3000) % (max + 1);
		case 1:
			return (int64_t) (rng_next() % ((uint64_t) max + 1));
		case 2:
			return max;
		default:
			return 0;
	}
}

/* A random valid tally, with raw doubles as well as round ones. */
static HaTally
random_tally(void)
{
	HaTally		t;

	ha_tally_init(&t);
	t.residents = random_count(HA_TALLY_COUNT_MAX);
	t.nonwestern = random_count(t.residents);
	t.persons_18_64 = random_count(HA_TALLY_COUNT_MAX);
	t.outside_labour_fte = rng_next() % 2 ? floor(rng_unit() * (double) t.persons_18_64 * 4) / 4
		: rng_unit() * (double) t.persons_18_64;
	t.persons_18plus = random_count(HA_TALLY_COUNT_MAX);
	t.convicted_18plus = random_count(t.persons_18plus);
	t.persons_30_59 = random_count(HA_TALLY_COUNT_MAX);
	t.basic_education_30_59 = random_count(t.persons_30_59);
	t.taxpayers_15_64 = random_count(HA_TALLY_COUNT_MAX);
	if (t.taxpayers_15_64 > 0)
	{
		switch (rng_next() % 3)
		{
			case 0:
				t.income_sum = round(rng_unit() * 1e9);
				break;
			case 1:
				t.income_sum = (rng_unit() - 0.3) * 1e12;
				break;
			default:
				t.income_sum = ldexp(rng_unit() - 0.5, (int) (rng_next() % 2000) - 1000);
				break;
		}
		t.income_sum += 0.0;
	}
	return t;
}

static void
test_random_round_trips(void)
{
	int			i;
	int			failures = 0;

	for (i = 0; i < 100000 && failures < 5; i++)
	{
		HaTally		a = random_tally();
		HaTally		b;
		HaError		err;
		char		t1[HA_TALLY_TEXT_BUFLEN],
					t2[HA_TALLY_TEXT_BUFLEN];

		if (!ha_tally_validate(&a, &err))
		{
			unit_check_accepted(text_of(&a), false, &err);
			failures++;
			continue;
		}
		CHECK(ha_tally_format(&a, t1, sizeof(t1)) < sizeof(t1));
		if (!ha_tally_parse(t1, &b, &err) || !ha_tally_equal(&a, &b))
		{
			printf("#   round trip failed for \"%s\"\n", t1);
			failures++;
			unit_checks_failed++;
			continue;
		}
		ha_tally_format(&b, t2, sizeof(t2));
		if (strcmp(t1, t2) != 0)
		{
			printf("#   \"%s\" reformatted as \"%s\"\n", t1, t2);
			failures++;
			unit_checks_failed++;
		}
	}
}

static void
test_longest_text_fits(void)
{
	HaTally		t;
	HaError		err;
	char		buf[HA_TALLY_TEXT_BUFLEN];
	int			f;

	/* every count at its maximum: in the frozen layout field f is at 8 + 8f */
	ha_tally_init(&t);
	for (f = 0; f < HA_TALLY_NFIELDS; f++)
		if (f != HA_TALLY_OUTSIDE_LABOUR_FTE && f != HA_TALLY_INCOME_SUM)
			*(int64_t *) ((char *) &t + 8 + 8 * f) = HA_TALLY_COUNT_MAX;
	t.outside_labour_fte = nextafter((double) HA_TALLY_COUNT_MAX, 0);
	t.income_sum = -1.2345678901234567e-300;
	CHECK(ha_tally_validate(&t, &err));
	CHECK(ha_tally_format(&t, buf, sizeof(buf)) < sizeof(buf));
	CHECK(ha_tally_parse(buf, &t, &err));
	CHECK(strlen(buf) < HA_TALLY_INPUT_MAX);
}

static void
test_random_garbage_never_crashes(void)
{
	static const char alphabet[] = "residntsoaubcilg_1835plu=,. 0123456789eE+-xnN\t";
	int			i;

	for (i = 0; i < 100000; i++)
	{
		char		s[96];
		size_t		n = rng_next() % (sizeof(s) - 1);
		size_t		j;
		HaTally		t;
		HaError		err;

		for (j = 0; j < n; j++)
			s[j] = alphabet[rng_next() % (sizeof(alphabet) - 1)];
		s[n] = '\0';
		if (ha_tally_parse(s, &t, &err))
		{
			char		txt[HA_TALLY_TEXT_BUFLEN];
			HaTally		again;

			CHECK(ha_tally_validate(&t, &err));
			ha_tally_format(&t, txt, sizeof(txt));
			CHECK(ha_tally_parse(txt, &again, &err) && ha_tally_equal(&t, &again));
		}
		else
			CHECK(ha_error_complete(&err));
	}
}

/* A random person; incomes in whole kroner and quarters of a year, so sums are exact. */
static HaPerson
random_person(void)
{
	static const HaTri tri[] = {HA_FALSE, HA_TRUE, HA_UNKNOWN};
	HaPerson	p;

	memset(&p, 0, sizeof(p));
	p.age_known = rng_next() % 20 != 0;
	p.age = (int32_t) (rng_next() % (HA_AGE_MAX + 1));
	p.nonwestern = tri[rng_next() % 3];
	p.fte_known = rng_next() % 2;
	p.outside_labour_fte = (double) (rng_next() % 5) / 4;
	p.convicted = tri[rng_next() % 3];
	p.basic_education = tri[rng_next() % 3];
	p.income_known = rng_next() % 4 != 0;
	p.gross_income = (double) (rng_next() % 1000000) - 100000;
	p.student = tri[rng_next() % 3];
	return p;
}

static void
test_person_tallies_add_up(void)
{
	int			round;

	for (round = 0; round < 200; round++)
	{
		HaTally		all,
					part[3],
					sum;
		HaError		err;
		int			i;
		int64_t		residents_seen = 0;

		ha_tally_init(&all);
		for (i = 0; i < 3; i++)
			ha_tally_init(&part[i]);
		for (i = 0; i < 500; i++)
		{
			HaPerson	p = random_person();

			CHECK(ha_tally_add_person(&all, &p, &err));
			CHECK(ha_tally_add_person(&part[rng_next() % 3], &p, &err));
			residents_seen++;
		}
		CHECK(ha_tally_validate(&all, &err));
		sum = part[2];
		CHECK(ha_tally_add(&sum, &part[0], &err));
		CHECK(ha_tally_add(&sum, &part[1], &err));
		CHECK(ha_tally_validate(&sum, &err));
		CHECK(ha_tally_equal(&sum, &all));
		CHECK(all.residents == residents_seen);
	}
}

/*
 * Subnormal doubles validate and read back from their own text, whether
 * they come from raw bytes, a person row or a sum; found by fuzz_tally (a
 * raw tally with income_sum=5.133532217503187e-309).
 */
static void
test_subnormal_round_trip(void)
{
	HaTally		t;
	HaTally		again;
	HaTally		neg;
	HaPerson	p = person(40);
	HaError		err;
	char		buf[HA_TALLY_TEXT_BUFLEN];

	t = parse_ok("taxpayers_15_64=1 income_sum=1");
	t.income_sum = 5.133532217503187e-309;
	CHECK(ha_tally_validate(&t, &err));
	CHECK(strstr(text_of(&t), "income_sum=5.133532217503187e-309") != NULL);
	snprintf(buf, sizeof(buf), "%s", text_of(&t));
	CHECK(ha_tally_parse(buf, &again, &err) && ha_tally_equal(&t, &again));

	/* tally_agg(40, NULL, 1e-310, ...): a person's fte in the subnormal range */
	ha_tally_init(&t);
	p.fte_known = true;
	p.outside_labour_fte = 1e-310;
	CHECK(ha_tally_add_person(&t, &p, &err));
	snprintf(buf, sizeof(buf), "%s", text_of(&t));
	CHECK(strstr(buf, "outside_labour_fte=1e-310") != NULL);
	CHECK(ha_tally_parse(buf, &again, &err) && ha_tally_equal(&t, &again));

	/* two normal sums whose total is subnormal */
	t = parse_ok("taxpayers_15_64=1 income_sum=2.5e-308");
	neg = parse_ok("taxpayers_15_64=1 income_sum=-2.4e-308");
	CHECK(ha_tally_add(&t, &neg, &err));
	CHECK(t.income_sum != 0 && fabs(t.income_sum) < DBL_MIN);
	snprintf(buf, sizeof(buf), "%s", text_of(&t));
	CHECK(ha_tally_parse(buf, &again, &err) && ha_tally_equal(&t, &again));
}

int
main(void)
{
	RUN(test_round_trip_full);
	RUN(test_absent_keys_count_zero);
	RUN(test_number_spellings);
	RUN(test_boundaries);
	RUN(test_rejects_syntax);
	RUN(test_rejects_values);
	RUN(test_rejects_sub_count_above_population);
	RUN(test_rejects_oversized);
	RUN(test_validate_layout);
	RUN(test_frozen_layout);
	RUN(test_add);
	RUN(test_add_overflow_leaves_acc);
	RUN(test_person_age_bands);
	RUN(test_person_unknown_values);
	RUN(test_person_flags);
	RUN(test_person_rejects);
	RUN(test_person_overflow);
	RUN(test_shares);
	RUN(test_to_indicators);
	RUN(test_to_indicators_rejects);
	RUN(test_random_round_trips);
	RUN(test_longest_text_fits);
	RUN(test_random_garbage_never_crashes);
	RUN(test_person_tallies_add_up);
	RUN(test_subnormal_round_trip);
	return unit_done("tally");
}
