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

#define UNIT_RECORD HaIndicators
#define UNIT_PREFIX ha_ind
#define UNIT_TEXT_BUFLEN HA_IND_TEXT_BUFLEN
#define UNIT_INPUT_MAX HA_IND_INPUT_MAX
#include "unit_record.h"

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
	static const char *const cases[][2] = {
		{"income=61.8,residents=1913", "residents=1913 income=61.8"},
		{"  income=61.8 ,  residents=1913\t", "residents=1913 income=61.8"},
		{"income=61.8\nresidents=1913", "residents=1913 income=61.8"},
		{"nonwestern=50, convicted=2.7", "nonwestern=50 convicted=2.7"},
	};

	check_canon(cases, lengthof(cases));
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
	static const char *const cases[][2] = {
		{"nonwestern=050.50", "nonwestern=50.5"},
		{"nonwestern=.5", "nonwestern=0.5"},
		{"nonwestern=5.", "nonwestern=5"},
		{"nonwestern=+5e1", "nonwestern=50"},
		{"nonwestern=1E-7", "nonwestern=1e-7"},
		{"nonwestern=-0", "nonwestern=0"},
		{"residents=+007", "residents=7"},
		{"income=0.1", "income=0.1"},
		{"income=1000", "income=1000"},
		{"income=33.333333333333336", "income=33.333333333333336"},
	};

	check_canon(cases, lengthof(cases));
}

static void
test_boundaries_accepted(void)
{
	static const char *const cases[][2] = {
		{"residents=0", "residents=0"},
		{"residents=10000000", "residents=10000000"},
		{"nonwestern=100", "nonwestern=100"},
		{"national_convicted=100", "national_convicted=100"},
		{"national_convicted=0.000001", "national_convicted=1e-6"},
	};

	check_canon(cases, lengthof(cases));
}

static void
test_rejects_empty(void)
{
	HaError		e = parse_err("", HA_ERR_SYNTAX, HA_E_EMPTY, "", "");

	CHECK(e.about.form == &ha_ind_form);
	parse_err("   \t ", HA_ERR_SYNTAX, HA_E_EMPTY, NULL, "   \t ");
}

static void
test_rejects_unknown_and_duplicate_keys(void)
{
	HaError		e = parse_err("residents=1 foo=2", HA_ERR_SYNTAX,
							  HA_E_UNKNOWN_KEY, "", "foo");

	CHECK(e.about.form == &ha_ind_form);
	parse_err("Residents=1", HA_ERR_SYNTAX, HA_E_UNKNOWN_KEY, NULL, "Residents");
	parse_err("income=5 income=5", HA_ERR_SYNTAX, HA_E_DUPLICATE_KEY,
			  "income", "");
}

static void
test_rejects_missing_equals_or_value(void)
{
	parse_err("residents 1913", HA_ERR_SYNTAX, HA_E_MISSING_EQUALS,
			  "residents", "residents 1913");
	parse_err("residents =1913", HA_ERR_SYNTAX, HA_E_MISSING_EQUALS,
			  "residents", NULL);
	parse_err("residents=", HA_ERR_SYNTAX, HA_E_NO_VALUE, "residents",
			  "residents=");
	parse_err("residents= income=3", HA_ERR_SYNTAX, HA_E_NO_VALUE,
			  "residents", NULL);
	parse_err("=5", HA_ERR_SYNTAX, HA_E_NO_KEY, "", "=5");
	parse_err("residents=1,,income=2", HA_ERR_SYNTAX, HA_E_TWO_SEPARATORS,
			  "", "residents=1,,income=2");
	parse_err(",residents=1", HA_ERR_SYNTAX, HA_E_TWO_SEPARATORS, "", NULL);
	parse_err("residents=1,", HA_ERR_SYNTAX, HA_E_TRAILING_COMMA, "",
			  "residents=1,");
}

static void
test_rejects_non_numeric(void)
{
	parse_err("nonwestern=abc", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER,
			  "nonwestern", "abc");
	parse_err("nonwestern=0x10", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, NULL, "0x10");
	parse_err("nonwestern=1e", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, NULL, "1e");
	parse_err("nonwestern=.", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, NULL, ".");
	parse_err("nonwestern=1.2.3", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, NULL, "1.2.3");
	parse_err("nonwestern=--1", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, NULL, "--1");
	parse_err("nonwestern=5%", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, NULL, "5%");
	parse_err("nonwestern=1==2", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, NULL, "1==2");
	parse_err("residents=12x", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, "residents",
			  "12x");
}

static void
test_rejects_fractional_residents(void)
{
	parse_err("residents=1913.5", HA_ERR_SYNTAX, HA_E_NOT_WHOLE, "residents",
			  "1913.5");
	parse_err("residents=1913.0", HA_ERR_SYNTAX, HA_E_NOT_WHOLE, NULL, "1913.0");
	parse_err("residents=1e3", HA_ERR_SYNTAX, HA_E_NOT_WHOLE, NULL, "1e3");
}

static void
test_rejects_nan_and_infinity(void)
{
	parse_err("income=NaN", HA_ERR_SYNTAX, HA_E_NAN, "income", "NaN");
	parse_err("income=-nan", HA_ERR_SYNTAX, HA_E_NAN, NULL, "-nan");
	parse_err("income=Infinity", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "income",
			  "Infinity");
	parse_err("income=-inf", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, NULL, "-inf");
	parse_err("residents=inf", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "residents",
			  "inf");
}

static void
test_rejects_overflow_and_range(void)
{
	HaError		e = parse_err("nonwestern=100.0000001", HA_ERR_RANGE,
							  HA_E_OUT_OF_RANGE, "nonwestern", "100.0000001");

	CHECK(e.about.field->min == 0 && e.about.field->max == 100);
	CHECK(e.about.field->unit == HA_UNIT_PERCENT && !e.about.field->min_exclusive);
	parse_err("nonwestern=-0.1", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, NULL, "-0.1");
	parse_err("income=1e400", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, NULL, "1e400");
	parse_err("income=1e-400", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, NULL, "1e-400");
	parse_err("residents=10000001", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, NULL,
			  "10000001");
	parse_err("residents=-1", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, NULL, "-1");
	parse_err("residents=99999999999999999999999", HA_ERR_RANGE,
			  HA_E_OUT_OF_RANGE, "residents", NULL);
	e = parse_err("national_convicted=0", HA_ERR_RANGE, HA_E_OUT_OF_RANGE,
				  "national_convicted", "0");
	CHECK(e.about.field->min_exclusive);
	parse_err("income=1000.0001", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, NULL,
			  "1000.0001");
}

static void
test_rejects_control_characters_and_junk(void)
{
	HaError		e = parse_err("residents=1\001", HA_ERR_SYNTAX,
							  HA_E_CONTROL_CHAR, "", "");

	CHECK(e.about.n[0] == 1 && e.about.n[1] == 12);
	parse_err("residents=1\177", HA_ERR_SYNTAX, HA_E_CONTROL_CHAR, NULL, NULL);
	parse_err("residents=1913;", HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, NULL, "1913;");
	parse_err("residents=1913 x", HA_ERR_SYNTAX, HA_E_UNKNOWN_KEY, NULL, "x");
	parse_err("residents=1913 \xc3\xa6", HA_ERR_SYNTAX, HA_E_UNKNOWN_KEY, NULL,
			  "\xc3\xa6");
}

static void
test_rejects_oversized(void)
{
	char		key[HA_IND_INPUT_MAX + 1];
	HaError		e;

	check_input_limit();
	/* the longest unknown key is quoted whole, and long values by their start */
	memset(key, 'k', sizeof(key));
	key[sizeof(key) - 1] = '\0';
	parse_err(key, HA_ERR_SYNTAX, HA_E_UNKNOWN_KEY, NULL, key);
	memcpy(key, "income=", 7);
	e = parse_err(key, HA_ERR_SYNTAX, HA_E_NOT_A_NUMBER, "income", NULL);
	CHECK(strlen(e.value) == HA_SHOWN_MAX + 3);
}

static void
test_validate_struct(void)
{
	HaIndicators ind = parse_ok("residents=5 income=3");
	HaIndicators bad;
	HaError		err;

	CHECK(ha_ind_validate(&ind, &err));
	bad = ind;
	bad.known |= 0x100;
	unit_check_refused("mask", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_BINARY, HA_E_UNKNOWN_FIELD_BITS, "", "");
	bad = ind;
	bad.known = 0;
	bad.residents = 0;
	bad.income = 0;
	unit_check_refused("none known", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_PARAM, HA_E_NOTHING_KNOWN, "", "");
	bad = ind;
	bad.nonwestern = 1;			/* unknown but set */
	unit_check_refused("unknown set", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_BINARY, HA_E_UNKNOWN_HOLDS_VALUE, "nonwestern", "");
	bad = ind;
	bad.income = NAN;
	unit_check_refused("NaN", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_SYNTAX, HA_E_NAN, "income", "NaN");
	bad = ind;
	bad.income = INFINITY;
	unit_check_refused("inf", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "income", "Infinity");
	bad = ind;
	bad.income = 1000.5;
	unit_check_refused("1000.5", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "income", "1000.5");
	bad = ind;
	bad.residents = -4;
	unit_check_refused("-4", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "residents", "-4");
	bad = ind;
	bad.income = -0.0;
	unit_check_refused("-0", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_BINARY, HA_E_NEGATIVE_ZERO, "income", "");
	CHECK(err.about.form == &ha_ind_form);
	bad = ind;
	bad.known |= 1u << HA_IND_MENAPT;
	bad.menapt = 40.000005;		/* not on the 10^-5 grid */
	unit_check_refused("menapt 6 decimals", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_BINARY, HA_E_NOT_ROUNDED, "menapt", "");
	bad.menapt = 40.00001;
	CHECK(ha_ind_validate(&bad, &err));
	bad.menapt = 100.00001;
	unit_check_refused("menapt > 100", ha_ind_validate(&bad, &err), &err,
					   HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "menapt", "100.00001");
}

/* menapt is rounded once, to 5 decimals, half away from zero, as written. */
static void
test_menapt_rounding(void)
{
	static const char *const cases[][2] = {
		{"menapt=40.5", "menapt=40.5"},
		{"menapt=40.000005", "menapt=40.00001"},	/* the half: away */
		{"menapt=40.0000049999", "menapt=40"},	/* below the half */
		{"menapt=40.000015", "menapt=40.00002"},
		{"menapt=0.000005", "menapt=0.00001"},
		{"menapt=0.0000049", "menapt=0"},
		{"menapt=1e-300", "menapt=0"},
		{"menapt=99.999995", "menapt=100"},
		{"menapt=99.9999949", "menapt=99.99999"},
		{"menapt=33.333333333333336", "menapt=33.33333"},
		{"menapt=100", "menapt=100"},
		{"menapt=0", "menapt=0"},
		{"menapt=12.345675", "menapt=12.34568"},
		/* more digits than a double holds: the digits decide, as numeric */
		{"menapt=40.00000499999999999", "menapt=40"},
		{"menapt=40.00000500000000001", "menapt=40.00001"},
		{"menapt=4.000000499999999999e1", "menapt=40"},
		{"menapt=99.99999499999999999", "menapt=99.99999"},
		{"menapt=0.00000499999999999999", "menapt=0"},
		{"menapt=-0", "menapt=0"},
		{"menapt=0000000000000000000000040.000005", "menapt=40.00001"},
		{"menapt=+40.000005", "menapt=40.00001"},
		{"menapt=4000000499999999999999e-20", "menapt=40"},
		{"menapt=4000000500000000000001e-20", "menapt=40.00001"},
		{"menapt=100.00000000000000000001", "menapt=100"},	/* its double is 100 */
		{"menapt=0e999999999", "menapt=0"},
	};
	HaIndicators ind;
	HaError		err;

	check_canon(cases, lengthof(cases));
	CHECK(ha_ind_round_menapt(40.000005) == 40.00001);
	CHECK(ha_ind_round_menapt(2.5e-6) == 0);
	CHECK(ha_round_decimals(-0.000005, 5) == -0.00001);
	CHECK(ha_round_decimals(1.25, 1) == 1.3);
	CHECK(ha_round_decimals(1.35, 1) == 1.4);
	CHECK(ha_round_decimals(7, 0) == 7);
	/* the range is checked on the value given, before rounding */
	parse_err("menapt=100.000001", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "menapt", "100.000001");
	parse_err("menapt=-0.000001", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "menapt", "-0.000001");
	parse_err("menapt=NaN", HA_ERR_SYNTAX, HA_E_NAN, "menapt", "NaN");
	/* set, as make_indicators and to_indicators store it */
	ha_ind_init(&ind);
	CHECK(ha_ind_set(&ind, HA_IND_MENAPT, 40.000005, "40.000005", &err));
	CHECK(ind.menapt == 40.00001);
	CHECK(ha_ind_validate(&ind, &err));
}

/* The bytes of an image, as hex. */
static void
image_hex(const unsigned char *image, char *hex)
{
	int			i;

	for (i = 0; i < HA_IND_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", image[i]);
}

/* Read an image that must be refused, and check the report. */
static void
image_refused(const unsigned char *image, HaErrorKind kind, const char *key)
{
	HaIndicators out;
	HaError		err;

	unit_check_refused("image", ha_ind_read_image(image, &out, &err), &err,
					   HA_ERR_BINARY, kind, key, "");
}

/*
 * The stored images: version 1 (0.2.0's bytes) without menapt, version 2
 * with it, each read back to the same record; corrupt images refused.
 */
static void
test_images(void)
{
	HaIndicators ind = parse_ok("residents=1913 income=61.8");
	HaIndicators with = parse_ok("residents=1913 income=61.8 menapt=40.5");
	HaIndicators back;
	unsigned char image[HA_IND_SIZE];
	unsigned char bad[HA_IND_SIZE];
	char		hex[2 * HA_IND_SIZE + 1];
	HaError		err;

	/* version 1: version, reserved, u16 mask (native), i32, six float8 */
	ha_ind_write_image(&ind, image);
	CHECK(image[0] == 1 && image[1] == 0);
	{
		uint16_t	known;
		int32_t		residents;
		double		income;

		memcpy(&known, image + 2, 2);
		memcpy(&residents, image + 4, 4);
		memcpy(&income, image + 48, 8);
		CHECK(known == 0x41 && residents == 1913 && income == 61.8);
	}
	CHECK(ha_ind_read_image(image, &back, &err) && ha_ind_equal(&back, &ind));

	/* version 2: version, u8 mask, u24 residents, u24 menapt, little-endian */
	ha_ind_write_image(&with, image);
	image_hex(image, hex);
	CHECK(strncmp(hex, "02c1" "790700" "50cc3d", 16) == 0);	/* 4050000 */
	CHECK(ha_ind_read_image(image, &back, &err) && ha_ind_equal(&back, &with));
	CHECK(back.menapt == 40.5);

	/* extremes of the packed integers */
	with = parse_ok("residents=10000000 menapt=100");
	ha_ind_write_image(&with, image);
	image_hex(image, hex);
	CHECK(strncmp(hex, "0281" "809698" "809698", 16) == 0);
	CHECK(ha_ind_read_image(image, &back, &err) && ha_ind_equal(&back, &with));
	with = parse_ok("menapt=0.00001");
	ha_ind_write_image(&with, image);
	image_hex(image, hex);
	CHECK(strncmp(hex, "0280" "000000" "010000", 16) == 0);
	CHECK(ha_ind_read_image(image, &back, &err) && ha_ind_equal(&back, &with));

	/* corrupt images */
	memcpy(bad, image, sizeof(bad));
	bad[0] = 3;
	image_refused(bad, HA_E_BAD_VERSION, "");
	bad[0] = 0;
	image_refused(bad, HA_E_BAD_VERSION, "");
	memcpy(bad, image, sizeof(bad));
	bad[1] = 0x01;				/* version 2 without menapt */
	image_refused(bad, HA_E_V2_WITHOUT_MENAPT, "");
	memcpy(bad, image, sizeof(bad));
	bad[5] = 0x81;				/* 10000001 units */
	bad[6] = 0x96;
	bad[7] = 0x98;
	image_refused(bad, HA_E_PACKED_OUT_OF_RANGE, "menapt");
	memcpy(bad, image, sizeof(bad));
	bad[1] = 0x81;
	bad[2] = 0x81;				/* 10000001 residents */
	bad[3] = 0x96;
	bad[4] = 0x98;
	image_refused(bad, HA_E_PACKED_OUT_OF_RANGE, "residents");
	memcpy(bad, image, sizeof(bad));
	bad[2] = 1;					/* residents unknown but set */
	image_refused(bad, HA_E_UNKNOWN_HOLDS_VALUE, "residents");
	ha_ind_write_image(&ind, bad);
	bad[1] = 1;
	image_refused(bad, HA_E_RESERVED_NOT_ZERO, "");
	ha_ind_write_image(&ind, bad);
	bad[2] |= 0x80;				/* menapt in a version 1 mask */
	image_refused(bad, HA_E_UNKNOWN_FIELD_BITS, "");
}

/* The struct the X-macro lays out is the frozen one, field by field. */
static void
test_frozen_layout(void)
{
	static const size_t offsets[HA_IND_NFIELDS] = {4, 8, 16, 24, 32, 40, 48, 56};
	static const char *const keys[HA_IND_NFIELDS] = {
		"residents", "nonwestern", "outside_labour", "convicted",
		"national_convicted", "basic_education", "income", "menapt"
	};
	int			f;

	CHECK(sizeof(HaIndicators) == 64);
	for (f = 0; f < HA_IND_NFIELDS; f++)
	{
		CHECK(ha_ind_fields[f].offset == offsets[f]);
		CHECK_STR(ha_ind_fields[f].key, keys[f]);
		CHECK(ha_ind_fields[f].storage == (f == HA_IND_RESIDENTS ? HA_INT32 : HA_DOUBLE));
	}
	CHECK(offsetof(HaIndicators, income) == 48);
	CHECK(ha_kv_lookup(&ha_ind_form, "income", 6) == HA_IND_INCOME);
	CHECK(ha_kv_lookup(&ha_ind_form, "incom", 5) < 0);
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
	CHECK_STR(buf, "1.7976931348623157e308");
	ha_format_double(-0.000012345, buf);
	CHECK_STR(buf, "-0.000012345");
	ha_format_double(123456.789, buf);
	CHECK_STR(buf, "123456.789");
	ha_format_double(1e16, buf);
	CHECK_STR(buf, "10000000000000000");
	ha_format_double(1e17, buf);
	CHECK_STR(buf, "1e17");
	ha_format_double(-2.5e-300, buf);
	CHECK_STR(buf, "-2.5e-300");
	/* whole numbers in fixed notation print exactly, as they always did */
	ha_format_double(36028797018963968.0, buf);
	CHECK_STR(buf, "36028797018963968");
	/* PostgreSQL's shortest digits where the old loop took 17 (2^-24) */
	ha_format_double(5.9604644775390625e-8, buf);
	CHECK_STR(buf, "5.960464477539063e-8");
}

/* A random valid value for field f, mixing round decimals and raw doubles. */
static double
random_value(HaIndField f)
{
	const HaFieldSpec *spec = &ha_ind_fields[f];
	double		u = (double) (rng_next() >> 11) / 9007199254740992.0;	/* [0,1) */
	double		v;

	if (spec->storage != HA_DOUBLE)
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

/* A random valid record: some fields known, with random valid values. */
static HaIndicators
random_record(void)
{
	HaIndicators a;
	HaError		err;
	uint16_t	mask = 0;
	int			f;

	ha_ind_init(&a);
	while (mask == 0)
		mask = (uint16_t) (rng_next() & HA_IND_ALL_KNOWN);
	for (f = 0; f < HA_IND_NFIELDS; f++)
		if (mask & (1u << f))
			CHECK(ha_ind_set(&a, (HaIndField) f, random_value((HaIndField) f),
							 "?", &err));
	return a;
}

static void
test_random_round_trips(void)
{
	int			i;

	check_random_round_trips(200000, random_record);
	/* and through the stored image: the same record, the same bytes again */
	for (i = 0; i < 100000; i++)
	{
		HaIndicators a = random_record();
		HaIndicators b;
		unsigned char image[HA_IND_SIZE];
		unsigned char again[HA_IND_SIZE];
		HaError		err;

		ha_ind_write_image(&a, image);
		CHECK(image[0] == (ha_ind_known(&a, HA_IND_MENAPT) ? 2 : 1));
		CHECK(ha_ind_read_image(image, &b, &err));
		CHECK(ha_ind_equal(&a, &b));
		ha_ind_write_image(&b, again);
		CHECK(memcmp(image, again, sizeof(image)) == 0);
	}
}

static void
test_random_garbage_never_crashes(void)
{
	check_random_garbage("residntsoaubcilg_=,. 0123456789eE+-xnN\t", 63);
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
	parse_err("income=2e-324", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "income", "2e-324");
	parse_err("income=1e-400", HA_ERR_RANGE, HA_E_OUT_OF_RANGE, "income", "1e-400");
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
	RUN(test_menapt_rounding);
	RUN(test_images);
	RUN(test_frozen_layout);
	RUN(test_json_format);
	RUN(test_format_double_shortest);
	RUN(test_random_round_trips);
	RUN(test_random_garbage_never_crashes);
	RUN(test_subnormal_round_trip);
	return unit_done("indicators");
}
