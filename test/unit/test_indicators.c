/*
 * test_indicators.c
 *		Unit tests of the indicators parser, formatter and validation.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"
#include "../../src/core/ha_number.h"
#include "../../src/core/indicators.h"

/* Parse s, expecting success. */
static HaIndicators
parse_ok(const char *s)
{
	HaIndicators		v;
	HaError		err;

	unit_check_accepted(s, ha_ind_parse(s, &v, &err), &err);
	return v;
}

/* Parse s, expecting failure with the given code and message prefix. */
static HaError
parse_err(const char *s, HaErrorCode code, const char *msg_prefix)
{
	HaIndicators		v;
	HaError		err;

	memset(&err, 0, sizeof(err));
	unit_check_refused(s, ha_ind_parse(s, &v, &err), &err, code, msg_prefix);
	return err;
}

/* The canonical text of a parsed input. */
static const char *
canon(const char *s)
{
	static char buf[HA_IND_TEXT_BUFLEN];
	HaIndicators ind = parse_ok(s);

	ha_ind_format(&ind, buf, sizeof(buf));
	return buf;
}

static void
test_korskaerparken_round_trip(void)
{
	const char *s = "residents=1913 nonwestern=49.4 outside_labour=44.6 "
	"convicted=1.94 national_convicted=0.65 basic_education=67.4 income=61.8";

	CHECK_STR(canon(s), s);
}

static void
test_any_order_and_separators(void)
{
	CHECK_STR(canon("income=61.8,residents=1913"), "residents=1913 income=61.8");
	CHECK_STR(canon("  income=61.8 ,  residents=1913\t"),
			  "residents=1913 income=61.8");
	CHECK_STR(canon("income=61.8\nresidents=1913"), "residents=1913 income=61.8");
	CHECK_STR(canon("nonwestern=50, convicted=2.7"),
			  "nonwestern=50 convicted=2.7");
}

static void
test_absent_fields_stay_absent(void)
{
	HaIndicators ind = parse_ok("residents=1000");

	CHECK(ha_ind_known(&ind, HA_IND_RESIDENTS));
	CHECK(!ha_ind_known(&ind, HA_IND_INCOME));
	CHECK(ind.known == 1);
	CHECK_STR(canon("convicted=0"), "convicted=0");
}

static void
test_number_spellings(void)
{
	CHECK_STR(canon("nonwestern=050.50"), "nonwestern=50.5");
	CHECK_STR(canon("nonwestern=.5"), "nonwestern=0.5");
	CHECK_STR(canon("nonwestern=5."), "nonwestern=5");
	CHECK_STR(canon("nonwestern=+5e1"), "nonwestern=50");
	CHECK_STR(canon("nonwestern=1E-7"), "nonwestern=1e-7");
	CHECK_STR(canon("nonwestern=-0"), "nonwestern=0");
	CHECK_STR(canon("residents=+007"), "residents=7");
	CHECK_STR(canon("income=0.1"), "income=0.1");
	CHECK_STR(canon("income=1000"), "income=1000");
	CHECK_STR(canon("income=33.333333333333336"), "income=33.333333333333336");
}

static void
test_boundaries_accepted(void)
{
	CHECK_STR(canon("residents=0"), "residents=0");
	CHECK_STR(canon("residents=10000000"), "residents=10000000");
	CHECK_STR(canon("nonwestern=100"), "nonwestern=100");
	CHECK_STR(canon("national_convicted=100"), "national_convicted=100");
	CHECK_STR(canon("national_convicted=0.000001"), "national_convicted=1e-6");
}

static void
test_rejects_empty(void)
{
	HaError		e = parse_err("", HA_ERR_SYNTAX,
							  "invalid input syntax for type indicators: \"\"");

	CHECK_STR(e.detail, "The input is empty.");
	parse_err("   \t ", HA_ERR_SYNTAX, "invalid input syntax");
}

static void
test_rejects_unknown_and_duplicate_keys(void)
{
	HaError		e = parse_err("residents=1 foo=2", HA_ERR_SYNTAX,
							  "unknown key \"foo\" in indicators input");

	CHECK(strstr(e.hint, "national_convicted") != NULL);
	parse_err("Residents=1", HA_ERR_SYNTAX, "unknown key \"Residents\"");
	e = parse_err("income=5 income=5", HA_ERR_SYNTAX,
				  "duplicate key \"income\" in indicators input");
	CHECK_STR(e.hint, "Give each key at most once.");
}

static void
test_rejects_missing_equals_or_value(void)
{
	HaError		e = parse_err("residents 1913", HA_ERR_SYNTAX,
							  "invalid input syntax for type indicators");

	CHECK_STR(e.detail, "Expected \"=\" directly after key \"residents\".");
	e = parse_err("residents =1913", HA_ERR_SYNTAX, "invalid input syntax");
	CHECK_STR(e.detail, "Expected \"=\" directly after key \"residents\".");
	e = parse_err("residents=", HA_ERR_SYNTAX, "invalid input syntax");
	CHECK_STR(e.detail, "Key \"residents\" has no value.");
	e = parse_err("residents= income=3", HA_ERR_SYNTAX, "invalid input syntax");
	CHECK_STR(e.detail, "Key \"residents\" has no value.");
	e = parse_err("=5", HA_ERR_SYNTAX, "invalid input syntax");
	CHECK_STR(e.detail, "A value has no key before \"=\".");
	e = parse_err("residents=1,,income=2", HA_ERR_SYNTAX, "invalid input syntax");
	CHECK_STR(e.detail, "Two separators follow each other.");
	e = parse_err(",residents=1", HA_ERR_SYNTAX, "invalid input syntax");
	e = parse_err("residents=1,", HA_ERR_SYNTAX, "invalid input syntax");
	CHECK_STR(e.detail, "The input ends with a comma.");
}

static void
test_rejects_non_numeric(void)
{
	HaError		e = parse_err("nonwestern=abc", HA_ERR_SYNTAX,
							  "invalid value \"abc\" for key \"nonwestern\"");

	CHECK_STR(e.detail, "The value is not a number.");
	CHECK_STR(e.hint, "Key \"nonwestern\" takes a percentage from 0 to 100.");
	parse_err("nonwestern=0x10", HA_ERR_SYNTAX, "invalid value \"0x10\"");
	parse_err("nonwestern=1e", HA_ERR_SYNTAX, "invalid value \"1e\"");
	parse_err("nonwestern=.", HA_ERR_SYNTAX, "invalid value \".\"");
	parse_err("nonwestern=1.2.3", HA_ERR_SYNTAX, "invalid value \"1.2.3\"");
	parse_err("nonwestern=--1", HA_ERR_SYNTAX, "invalid value \"--1\"");
	parse_err("nonwestern=5%", HA_ERR_SYNTAX, "invalid value \"5%\"");
	parse_err("nonwestern=1==2", HA_ERR_SYNTAX, "invalid value \"1==2\"");
	parse_err("residents=12x", HA_ERR_SYNTAX, "invalid value \"12x\"");
}

static void
test_rejects_fractional_residents(void)
{
	HaError		e = parse_err("residents=1913.5", HA_ERR_SYNTAX,
							  "invalid value \"1913.5\" for key \"residents\"");

	CHECK_STR(e.detail, "The value must be a whole number.");
	parse_err("residents=1913.0", HA_ERR_SYNTAX, "invalid value \"1913.0\"");
	parse_err("residents=1e3", HA_ERR_SYNTAX, "invalid value \"1e3\"");
}

static void
test_rejects_nan_and_infinity(void)
{
	HaError		e = parse_err("income=NaN", HA_ERR_SYNTAX,
							  "invalid value \"NaN\" for key \"income\"");

	CHECK_STR(e.detail, "NaN is not a valid value.");
	parse_err("income=-nan", HA_ERR_SYNTAX, "invalid value \"-nan\"");
	e = parse_err("income=Infinity", HA_ERR_RANGE,
				  "value \"Infinity\" is out of range for key \"income\"");
	CHECK_STR(e.detail,
			  "Key \"income\" takes a percentage of the regional mean from 0 to 1000.");
	parse_err("income=-inf", HA_ERR_RANGE, "value \"-inf\" is out of range");
	parse_err("residents=inf", HA_ERR_RANGE, "value \"inf\" is out of range");
}

static void
test_rejects_overflow_and_range(void)
{
	HaError		e = parse_err("nonwestern=100.0000001", HA_ERR_RANGE,
							  "value \"100.0000001\" is out of range for key \"nonwestern\"");

	CHECK_STR(e.detail, "Key \"nonwestern\" takes a percentage from 0 to 100.");
	parse_err("nonwestern=-0.1", HA_ERR_RANGE, "value \"-0.1\" is out of range");
	parse_err("income=1e400", HA_ERR_RANGE, "value \"1e400\" is out of range");
	parse_err("income=1e-400", HA_ERR_RANGE, "value \"1e-400\" is out of range");
	parse_err("residents=10000001", HA_ERR_RANGE, "value \"10000001\"");
	parse_err("residents=-1", HA_ERR_RANGE, "value \"-1\" is out of range");
	parse_err("residents=99999999999999999999999", HA_ERR_RANGE, "value");
	e = parse_err("national_convicted=0", HA_ERR_RANGE,
				  "value \"0\" is out of range for key \"national_convicted\"");
	CHECK_STR(e.detail,
			  "Key \"national_convicted\" takes a percentage greater than 0 and at most 100.");
	parse_err("income=1000.0001", HA_ERR_RANGE, "value \"1000.0001\"");
}

static void
test_rejects_control_characters_and_junk(void)
{
	HaError		e = parse_err("residents=1\001", HA_ERR_SYNTAX,
							  "invalid input syntax for type indicators");

	CHECK_STR(e.detail, "Control character 0x01 at byte 12 is not allowed.");
	parse_err("residents=1\177", HA_ERR_SYNTAX, "invalid input syntax");
	parse_err("residents=1913;", HA_ERR_SYNTAX, "invalid value \"1913;\"");
	parse_err("residents=1913 x", HA_ERR_SYNTAX, "unknown key \"x\"");
	parse_err("residents=1913 \xc3\xa6", HA_ERR_SYNTAX, "unknown key");
}

static void
test_rejects_oversized(void)
{
	char		big[HA_IND_INPUT_MAX + 2];
	HaError		e;

	memset(big, ' ', sizeof(big));
	memcpy(big, "residents=1", 11);
	big[sizeof(big) - 1] = '\0';
	e = parse_err(big, HA_ERR_LIMIT, "indicators input is too long");
	CHECK_STR(e.detail, "The input is 1025 bytes long; at most 1024 are accepted.");
	big[sizeof(big) - 2] = '\0';
	parse_ok(big);
}

static void
test_validate_struct(void)
{
	HaIndicators ind = parse_ok("residents=5 income=3");
	HaIndicators bad;
	HaError		err;

	CHECK(ha_ind_validate(&ind, &err));
	bad = ind;
	bad.version = 2;
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_BINARY);
	bad = ind;
	bad.reserved = 1;
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_BINARY);
	bad = ind;
	bad.known |= 0x100;
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_BINARY);
	bad = ind;
	bad.known = 0;
	bad.residents = 0;
	bad.value[HA_IND_INCOME - 1] = 0;
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_PARAM);
	bad = ind;
	bad.value[HA_IND_NONWESTERN - 1] = 1;	/* unknown but set */
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_BINARY);
	bad = ind;
	bad.value[HA_IND_INCOME - 1] = NAN;
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_SYNTAX);
	CHECK_STR(err.message, "invalid value \"NaN\" for key \"income\"");
	bad = ind;
	bad.value[HA_IND_INCOME - 1] = INFINITY;
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_RANGE);
	bad = ind;
	bad.value[HA_IND_INCOME - 1] = 1000.5;
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_RANGE);
	CHECK_STR(err.message, "value \"1000.5\" is out of range for key \"income\"");
	bad = ind;
	bad.residents = -4;
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_RANGE);
	bad = ind;
	bad.value[HA_IND_INCOME - 1] = -0.0;
	CHECK(!ha_ind_validate(&bad, &err) && err.code == HA_ERR_BINARY);
}

static void
test_json_format(void)
{
	HaIndicators ind = parse_ok("income=61.8 residents=1913");
	char		buf[HA_IND_TEXT_BUFLEN];

	ha_ind_format_json(&ind, buf, sizeof(buf));
	CHECK_STR(buf, "{\"residents\": 1913, \"income\": 61.8}");
}

static void
test_format_double_shortest(void)
{
	char		buf[HA_DOUBLE_BUFLEN];

	ha_format_double(0.1 + 0.2, buf);
	CHECK_STR(buf, "0.30000000000000004");
	ha_format_double(100, buf);
	CHECK_STR(buf, "100");
	ha_format_double(1e-5, buf);
	CHECK_STR(buf, "0.00001");
	ha_format_double(1e-6, buf);
	CHECK_STR(buf, "1e-6");
	ha_format_double(1.5e20, buf);
	CHECK_STR(buf, "1.5e20");
	ha_format_double(5e-324, buf);
	CHECK_STR(buf, "5e-324");
	ha_format_double(1.7976931348623157e308, buf);
	CHECK(strtod(buf, NULL) == 1.7976931348623157e308);
}

/* A random valid value for field f, mixing round decimals and raw doubles. */
static double
random_value(HaIndField f)
{
	const HaIndFieldSpec *spec = &ha_ind_fields[f];
	double		u = (double) (rng_next() >> 11) / 9007199254740992.0;	/* [0,1) */
	double		v;

	if (spec->whole)
		return (double) (rng_next() % ((uint64_t) spec->max + 1));
	switch (rng_next() % 4)
	{
		case 0:
			v = round(u * spec->max * 10) / 10;	/* published style */
			break;
		case 1:
			v = u * spec->max;	/* full precision */
			break;
		case 2:
			v = u * 1e-3;		/* tiny */
			break;
		default:
			v = spec->max * (rng_next() % 2);	/* the ends */
			break;
	}
	if (spec->min_exclusive && v <= spec->min)
		v = spec->max;
	return v;
}

static void
test_random_round_trips(void)
{
	int			i;
	int			failures = 0;

	for (i = 0; i < 200000 && failures < 5; i++)
	{
		HaIndicators a,
					b;
		HaError		err;
		char		t1[HA_IND_TEXT_BUFLEN],
					t2[HA_IND_TEXT_BUFLEN];
		uint16_t	mask = 0;
		int			f;

		ha_ind_init(&a);
		while (mask == 0)
			mask = (uint16_t) (rng_next() & HA_IND_ALL_KNOWN);
		for (f = 0; f < HA_IND_NFIELDS; f++)
			if (mask & (1u << f))
				CHECK(ha_ind_set(&a, (HaIndField) f, random_value((HaIndField) f),
								 "?", &err));
		CHECK(ha_ind_validate(&a, &err));
		CHECK(ha_ind_format(&a, t1, sizeof(t1)) < sizeof(t1));
		if (!ha_ind_parse(t1, &b, &err) || !ha_ind_equal(&a, &b))
		{
			printf("#   round trip failed for \"%s\"\n", t1);
			failures++;
			unit_checks_failed++;
			continue;
		}
		ha_ind_format(&b, t2, sizeof(t2));
		if (strcmp(t1, t2) != 0)
		{
			printf("#   \"%s\" reformatted as \"%s\"\n", t1, t2);
			failures++;
			unit_checks_failed++;
		}
	}
}

static void
test_random_garbage_never_crashes(void)
{
	static const char alphabet[] = "residntsoaubcilg_=,. 0123456789eE+-xnN\t";
	int			i;

	for (i = 0; i < 100000; i++)
	{
		char		s[64];
		size_t		n = rng_next() % (sizeof(s) - 1);
		size_t		j;
		HaIndicators ind;
		HaError		err;

		for (j = 0; j < n; j++)
			s[j] = alphabet[rng_next() % (sizeof(alphabet) - 1)];
		s[n] = '\0';
		if (ha_ind_parse(s, &ind, &err))
		{
			char		t[HA_IND_TEXT_BUFLEN];
			HaIndicators again;

			CHECK(ha_ind_validate(&ind, &err));
			ha_ind_format(&ind, t, sizeof(t));
			CHECK(ha_ind_parse(t, &again, &err) && ha_ind_equal(&ind, &again));
		}
		else
			CHECK(err.code != HA_OK && err.message[0] != '\0');
	}
}

/*
 * Subnormal values validate and read back from their own text; found by
 * fuzz_indicators (a raw record with convicted=4.059383253106e-311).
 */
static void
test_subnormal_round_trip(void)
{
	HaIndicators ind;
	HaIndicators again;
	HaError		err;
	char		buf[HA_IND_TEXT_BUFLEN];
	double		v = 0;

	ha_ind_init(&ind);
	CHECK(ha_ind_set(&ind, HA_IND_CONVICTED, 4.059383253106e-311, "x", &err));
	CHECK(ha_ind_validate(&ind, &err));
	ha_ind_format(&ind, buf, sizeof(buf));
	CHECK_STR(buf, "convicted=4.059383253106e-311");
	CHECK(ha_ind_parse(buf, &again, &err) && ha_ind_equal(&ind, &again));
	CHECK_STR(canon("income=4.9406564584124654e-324"), "income=5e-324");
	CHECK_STR(canon("income=3e-324"), "income=5e-324");
	CHECK_STR(canon("nonwestern=1e-310"), "nonwestern=1e-310");
	CHECK(ha_scan_number("2.2250738585072009e-308", 23, false, &v) == HA_NUM_OK);
	CHECK(v == nextafter(DBL_MIN, 0));
	/* spellings that round to zero are still out of range */
	parse_err("income=2e-324", HA_ERR_RANGE, "value \"2e-324\" is out of range");
	parse_err("income=1e-400", HA_ERR_RANGE, "value \"1e-400\" is out of range");
}

int
main(void)
{
	RUN(test_korskaerparken_round_trip);
	RUN(test_any_order_and_separators);
	RUN(test_absent_fields_stay_absent);
	RUN(test_number_spellings);
	RUN(test_boundaries_accepted);
	RUN(test_rejects_empty);
	RUN(test_rejects_unknown_and_duplicate_keys);
	RUN(test_rejects_missing_equals_or_value);
	RUN(test_rejects_non_numeric);
	RUN(test_rejects_fractional_residents);
	RUN(test_rejects_nan_and_infinity);
	RUN(test_rejects_overflow_and_range);
	RUN(test_rejects_control_characters_and_junk);
	RUN(test_rejects_oversized);
	RUN(test_validate_struct);
	RUN(test_json_format);
	RUN(test_format_double_shortest);
	RUN(test_random_round_trips);
	RUN(test_random_garbage_never_crashes);
	RUN(test_subnormal_round_trip);
	return unit_done("indicators");
}
