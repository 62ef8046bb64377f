/*
 * test_rules.c
 *		Unit tests of the rule versions, the three-valued evaluator, history
 *		runs and the 40 % rule, under the built-in rule text.  Expectations
 *		are written out by hand from docs/rules.md, not derived from the
 *		rule text.
 */
#include <math.h>

#include "unit.h"
#include "../../src/core/ha_number.h"
#include "../../src/core/history.h"
#include "../../src/core/indicators.h"
#include "../../src/core/rulelang.h"
#include "../../src/core/rules.h"

#define UNIT_RECORD HaIndicators
#define UNIT_PREFIX ha_ind
#define UNIT_TEXT_BUFLEN HA_IND_TEXT_BUFLEN
#define UNIT_INPUT_MAX HA_IND_INPUT_MAX
#include "unit_record.h"

/* The built-in rule text, parsed once (main). */
static HaRuleBook book;

/* The built-in 40 % rule. */
static HaPlanRule plan;

/* A record meeting no criterion of any version, far from every threshold. */
static const char clean[] = "residents=2000 nonwestern=10 outside_labour=10 "
"convicted=0.1 national_convicted=1 basic_education=10 income=100";

/* Classify a record under a named version (or the year's, when NULL). */
static HaClassification
classify_record(const HaIndicators *ind, int year, const char *rules_id)
{
	HaError		err;
	HaClassification c;
	const HaRuleSet *rules;

	rules = rules_id ? ha_rules_by_id(&book, rules_id, &err) : ha_rules_for_year(&book, year, &err);
	ha_classify(ind, year, rules, &c);
	return c;
}

/* Classify exactly the given record; absent keys are unknown. */
static HaClassification
cls(const char *text, int year, const char *rules_id)
{
	HaIndicators ind = parse_ok(text);

	return classify_record(&ind, year, rules_id);
}

/* Classify the clean record with some values replaced. */
static HaClassification
clsb(const char *overrides, int year, const char *rules_id)
{
	HaIndicators ind = parse_ok(clean);
	HaIndicators over = parse_ok(overrides);
	HaError		err;
	int			f;

	for (f = 0; f < HA_IND_NFIELDS; f++)
		if (ha_ind_known(&over, (HaIndField) f))
			ha_ind_set(&ind, (HaIndField) f, ha_ind_get(&over, (HaIndField) f), "", &err);
	return classify_record(&ind, year, rules_id);
}

/* The category name of an exact record. */
static const char *
cat(const char *text, int year, const char *rules_id)
{
	return ha_category_name(cls(text, year, rules_id).category);
}

/* The category name of the clean record with some values replaced. */
static const char *
catb(const char *overrides, int year, const char *rules_id)
{
	return ha_category_name(clsb(overrides, year, rules_id).category);
}

/* The name of a three-valued answer. */
static const char *
tri_name(HaTri t)
{
	return t == HA_TRUE ? "true" : t == HA_FALSE ? "false" : "unknown";
}

/* The category of the clean record with some values replaced, by name. */
static const char *
category_of(const char *overrides, int year)
{
	return catb(overrides, year, NULL);
}

/* Whether exactly the given record is kombineret udlejning, by name. */
static const char *
kombineret_of(const char *text, int year)
{
	return tri_name(cls(text, year, NULL).kombineret);
}

/* A case: a record (or the overrides of the clean one) and its answer. */
typedef struct OutcomeCase
{
	const char *record;
	const char *want;
} OutcomeCase;

/* Check the answer of outcome to each case on the list of year. */
static void
check_outcomes(const char *(*outcome) (const char *, int), int year,
			   const OutcomeCase *cases, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		const char *got = outcome(cases[i].record, year);

		unit_checks_run++;
		if (strcmp(got, cases[i].want) != 0)
		{
			printf("#   \"%s\" in %d: got \"%s\", want \"%s\"\n",
				   cases[i].record, year, got, cases[i].want);
			unit_checks_failed++;
		}
	}
}

/* Check OutcomeCase rows, written in place, against outcome in year. */
#define CHECK_OUTCOMES(outcome, year, ...) \
	do { \
		static const OutcomeCase cases_[] = {__VA_ARGS__}; \
		check_outcomes((outcome), (year), cases_, lengthof(cases_)); \
	} while (0)

/* Check the categories of overrides of the clean record in year. */
#define CHECK_CATEGORIES(year, ...) CHECK_OUTCOMES(category_of, year, __VA_ARGS__)

static void
test_rules_for_year(void)
{
	HaError		err;

	CHECK(ha_rules_for_year(&book, 2009, &err) == NULL);
	unit_check_refused("2009", false, &err, HA_ERR_PARAM, HA_E_NO_RULES_FOR_YEAR,
					   "", "");
	CHECK(err.about.n[0] == 2009 && err.about.n[1] == 2010);
	CHECK_STR(ha_rules_for_year(&book, 2010, &err)->id, "dk2010");
	CHECK_STR(ha_rules_for_year(&book, 2012, &err)->id, "dk2010");
	CHECK_STR(ha_rules_for_year(&book, 2013, &err)->id, "dk2013");
	CHECK_STR(ha_rules_for_year(&book, 2017, &err)->id, "dk2013");
	CHECK_STR(ha_rules_for_year(&book, 2018, &err)->id, "dk2018");
	CHECK_STR(ha_rules_for_year(&book, 2020, &err)->id, "dk2018");
	CHECK_STR(ha_rules_for_year(&book, 2021, &err)->id, "dk2021");
	CHECK_STR(ha_rules_for_year(&book, 2024, &err)->id, "dk2021");
	CHECK_STR(ha_rules_for_year(&book, 2040, &err)->id, "dk2021");
	CHECK(ha_rules_by_id(&book, "dk2019", &err) == NULL);
	unit_check_refused("dk2019", false, &err, HA_ERR_PARAM,
					   HA_E_UNKNOWN_RULE_VERSION, "", "dk2019");
}

static void
test_size_gate(void)
{
	const char *listed = "nonwestern=60 outside_labour=45 convicted=1 "
	"basic_education=70 income=40 national_convicted=1";
	char		buf[200];

	snprintf(buf, sizeof(buf), "residents=999 %s", listed);
	CHECK_STR(cat(buf, 2024, NULL), "none");
	CHECK(cls(buf, 2024, NULL).size_ok == HA_FALSE);
	CHECK(cls(buf, 2024, NULL).udsat == HA_FALSE);
	snprintf(buf, sizeof(buf), "residents=1000 %s", listed);
	CHECK_STR(cat(buf, 2024, NULL), "parallelsamfund");
	CHECK(cls(buf, 2024, NULL).size_ok == HA_TRUE);
	/* the same gate in every version */
	snprintf(buf, sizeof(buf), "residents=999 %s", listed);
	CHECK_STR(cat(buf, 2011, NULL), "none");
	CHECK_STR(cat(buf, 2015, NULL), "none");
	CHECK_STR(cat(buf, 2019, NULL), "none");
	snprintf(buf, sizeof(buf), "residents=1000 %s", listed);
	CHECK_STR(cat(buf, 2011, NULL), "parallelsamfund");
	CHECK_STR(cat(buf, 2015, NULL), "parallelsamfund");
	CHECK_STR(cat(buf, 2019, NULL), "parallelsamfund");
	/* Mjølnerparken 2023: 966 residents, off every list */
	CHECK_STR(cat("residents=966 nonwestern=80 outside_labour=50 basic_education=70 "
				  "income=40 convicted=3 national_convicted=0.6", 2023, NULL), "none");
}

static void
test_dk2010_boundaries(void)
{
	/* 2 of 3: nonwestern > 50, labour > 40, convicted > 2.7 */
	CHECK_CATEGORIES(2011,
		{"outside_labour=45 nonwestern=49.9", "none"},
		{"outside_labour=45 nonwestern=50", "none"},
		{"outside_labour=45 nonwestern=50.1", "parallelsamfund"},
		{"nonwestern=60 outside_labour=39.9", "none"},
		{"nonwestern=60 outside_labour=40", "none"},
		{"nonwestern=60 outside_labour=40.1", "parallelsamfund"},
		{"nonwestern=60 convicted=2.6", "none"},
		{"nonwestern=60 convicted=2.7", "none"},
		{"nonwestern=60 convicted=2.71", "parallelsamfund"},
		/* education and income are not criteria in 2010: they change nothing */
		{"nonwestern=60 basic_education=90 income=10", "none"});
	CHECK(!clsb("nonwestern=60", 2011, NULL).flag_defined[HA_CRIT_EDUCATION]);
	CHECK(clsb("nonwestern=60", 2011, NULL).flag[HA_CRIT_NONWESTERN] == HA_TRUE);
	/* no udsat, forebyggelse or kombineret under dk2010 */
	CHECK(clsb("nonwestern=60 outside_labour=60", 2011, NULL).udsat == HA_FALSE);
	CHECK(clsb("nonwestern=60 outside_labour=60", 2011, NULL).kombineret == HA_FALSE);
}

static void
test_dk2013_boundaries(void)
{
	/* ghetto: 3 of 5; start from nonwestern and labour met */
#define TWO "nonwestern=60 outside_labour=45 "
	CHECK_CATEGORIES(2015,
		{"nonwestern=60 outside_labour=45 basic_education=49.9", "none"},
		{"nonwestern=60 outside_labour=45 basic_education=50", "none"},
		{"nonwestern=60 outside_labour=45 basic_education=50.1", "parallelsamfund"},
		{"nonwestern=60 outside_labour=45 income=55.1", "none"},
		{"nonwestern=60 outside_labour=45 income=55", "none"},
		{"nonwestern=60 outside_labour=45 income=54.9", "parallelsamfund"},
		{"nonwestern=60 outside_labour=45 convicted=2.7", "none"},
		{"nonwestern=60 outside_labour=45 convicted=2.71", "parallelsamfund"});
	/* convictions are absolute in dk2013: national_convicted plays no part */
	CHECK_STR(cat("residents=2000 nonwestern=60 outside_labour=45 convicted=2.8", 2015, NULL),
			  "parallelsamfund");
	CHECK_CATEGORIES(2015,
		{"nonwestern=60 outside_labour=45 convicted=2.8 national_convicted=5", "parallelsamfund"},
		{"outside_labour=45 basic_education=60 nonwestern=50", "none"},
		{"outside_labour=45 basic_education=60 nonwestern=50.1", "parallelsamfund"},
		{"nonwestern=60 basic_education=60 outside_labour=40", "none"},
		{"nonwestern=60 basic_education=60 outside_labour=40.1", "parallelsamfund"});
	/* udsat: 2 of 5, only on the lists of 2016 and 2017 */
	CHECK_CATEGORIES(2016,
		{"nonwestern=60 basic_education=50.1", "udsat"},
		{"nonwestern=60 basic_education=50", "none"});
	CHECK_CATEGORIES(2017,
		{"nonwestern=60 basic_education=50.1", "udsat"});
	CHECK_CATEGORIES(2015,
		{"nonwestern=60 basic_education=50.1", "none"});
	CHECK(clsb("nonwestern=60 basic_education=50.1", 2015, NULL).udsat == HA_FALSE);
	/* a ghetto is udsat too (3 of 5 implies 2 of 5) */
	CHECK(clsb(TWO "income=50", 2016, NULL).udsat == HA_TRUE);
	CHECK(clsb(TWO "income=50", 2016, NULL).criteria_met == 3);
#undef TWO
}

static void
test_dk2018_boundaries(void)
{
	/* udsat: 2 of 4; start from labour met (outside_labour=45) */
	CHECK_CATEGORIES(2019,
		{"outside_labour=45 basic_education=60", "none"},
		{"outside_labour=45 basic_education=60.1", "udsat"},
		{"outside_labour=45 income=55", "none"},
		{"outside_labour=45 income=54.9", "udsat"},
		{"basic_education=70 outside_labour=40", "none"},
		{"basic_education=70 outside_labour=40.1", "udsat"},
		/* dk2013's education threshold 50 no longer counts */
		{"outside_labour=45 basic_education=55", "none"});
	/* convictions: at least 3 x national; 3 x 0.65 is 1.95 exactly */
	CHECK_CATEGORIES(2019,
		{"outside_labour=45 national_convicted=0.65 convicted=1.94", "none"},
		{"outside_labour=45 national_convicted=0.65 convicted=1.95", "udsat"},
		{"outside_labour=45 national_convicted=0.65 convicted=1.96", "udsat"},
		{"outside_labour=45 national_convicted=0.7 convicted=2.1", "udsat"},
		{"outside_labour=45 national_convicted=0.1 convicted=0.3", "udsat"},
		{"outside_labour=45 national_convicted=0.1 convicted=0.29", "none"});
	/* parallelsamfund (ghetto): udsat and nonwestern > 50 */
#define UDSAT "outside_labour=45 basic_education=70 "
	CHECK_CATEGORIES(2019,
		{"outside_labour=45 basic_education=70 nonwestern=50", "udsat"},
		{"outside_labour=45 basic_education=70 nonwestern=50.1", "parallelsamfund"},
		{"outside_labour=45 nonwestern=90", "none"});
	CHECK(clsb(UDSAT "nonwestern=50.1", 2019, NULL).udsat == HA_TRUE);
	/* no forebyggelse before 2021 */
	CHECK(clsb("nonwestern=40 outside_labour=35 basic_education=65", 2019, NULL)
		  .forebyggelse == HA_FALSE);
	CHECK(clsb("nonwestern=40 outside_labour=35 basic_education=65", 2019, NULL)
		  .forebyggelse_raw == HA_FALSE);
#undef UDSAT
}

static void
test_dk2021_forebyggelse(void)
{
	/*
	 * nonwestern > 30 and 2 of: labour > 30, convictions >= 2x, education > 60,
	 * income < 65; start from nonwestern=40 basic_education=65
	 */
	CHECK_CATEGORIES(2022,
		{"nonwestern=40 basic_education=65 outside_labour=30", "none"},
		{"nonwestern=40 basic_education=65 outside_labour=30.1", "forebyggelse"},
		{"nonwestern=40 basic_education=65 income=65", "none"},
		{"nonwestern=40 basic_education=65 income=64.9", "forebyggelse"},
		{"nonwestern=40 basic_education=65 national_convicted=0.65 convicted=1.29", "none"},
		{"nonwestern=40 basic_education=65 national_convicted=0.65 convicted=1.3", "forebyggelse"},
		{"nonwestern=40 basic_education=65 national_convicted=0.35 convicted=0.7", "forebyggelse"},
		{"nonwestern=40 basic_education=65 national_convicted=0.35 convicted=0.69", "none"},
		{"basic_education=65 outside_labour=35 nonwestern=30", "none"},
		{"basic_education=65 outside_labour=35 nonwestern=30.1", "forebyggelse"},
		{"basic_education=65 outside_labour=35 nonwestern=29.9", "none"});
	/* exclusive of udsat: raw flag stays true */
	{
		HaClassification c = clsb("nonwestern=40 basic_education=65 outside_labour=45",
								 2022, NULL);

		CHECK(c.category == HA_CAT_UDSAT);
		CHECK(c.udsat == HA_TRUE);
		CHECK(c.forebyggelse == HA_FALSE);
		CHECK(c.forebyggelse_raw == HA_TRUE);
	}
	/* dk2021 udsat/parallelsamfund thresholds are those of dk2018 */
	CHECK_CATEGORIES(2024,
		{"outside_labour=45 basic_education=60.1 nonwestern=50.1", "parallelsamfund"},
		{"outside_labour=45 basic_education=60 nonwestern=50.1", "none"},
		/* not udsat (1 of 4), but labour > 30 and income < 65 of the weaker four */
		{"outside_labour=45 basic_education=60 income=60 nonwestern=50.1", "forebyggelse"});
}

static void
test_kombineret_udlejning(void)
{
	CHECK_OUTCOMES(kombineret_of, 2022,
		{"residents=1000 outside_labour=40", "true"},
		{"residents=1000 outside_labour=39.9", "false"},
		{"residents=999 outside_labour=60", "false"},
		{"residents=5000 outside_labour=30", "true"},
		{"residents=4999 outside_labour=30", "false"},
		{"residents=5000 outside_labour=29.9", "false"},
		{"residents=6000", "unknown"},
		{"residents=500", "false"},
		{"outside_labour=35", "unknown"},
		{"outside_labour=25", "false"});
	/* also under dk2018, not before */
	CHECK_OUTCOMES(kombineret_of, 2019, {"residents=1000 outside_labour=40", "true"});
	CHECK_OUTCOMES(kombineret_of, 2015, {"residents=1000 outside_labour=40", "false"});
	/* a flag, not a category */
	CHECK_STR(cat("residents=1000 outside_labour=40 national_convicted=1", 2022, NULL), "unknown");
}

static void
test_three_valued_logic(void)
{
	HaClassification c;

	/* decided although convictions are unknown: 2 of 4 already hold */
	c = cls("residents=2000 outside_labour=45 basic_education=70 income=80 nonwestern=20", 2019, NULL);
	CHECK(c.category == HA_CAT_UDSAT);
	CHECK(c.criteria_met == 2 && c.criteria_unknown == 1);
	CHECK(c.flag[HA_CRIT_CONVICTIONS] == HA_UNKNOWN);
	/* decided although two are unknown: none of the other two holds... */
	c = cls("residents=2000 outside_labour=10 basic_education=10 nonwestern=20", 2019, NULL);
	CHECK(c.category == HA_CAT_UNKNOWN);	/* ...but 2 unknown could still make 2 of 4 */
	CHECK(c.udsat == HA_UNKNOWN);
	CHECK(c.parallelsamfund == HA_FALSE);	/* nonwestern 20 decides it */
	c = cls("residents=2000 outside_labour=10 basic_education=10 income=90 nonwestern=20", 2019, NULL);
	CHECK(c.category == HA_CAT_NONE);	/* at most 1 of 4 can hold */
	CHECK(c.udsat == HA_FALSE);
	/* udsat known, nonwestern unknown: parallelsamfund or udsat -> unknown */
	c = cls("residents=2000 national_convicted=1 convicted=0 income=90 outside_labour=45 basic_education=70",
			2019, NULL);
	CHECK(c.udsat == HA_TRUE && c.parallelsamfund == HA_UNKNOWN);
	CHECK(c.category == HA_CAT_UNKNOWN);
	/* residents unknown: the size gate is unknown */
	c = cls("outside_labour=45 basic_education=70 nonwestern=60", 2019, NULL);
	CHECK(c.size_ok == HA_UNKNOWN && c.category == HA_CAT_UNKNOWN);
	/* ...but a small area is decided whatever else is missing */
	c = cls("residents=400", 2019, NULL);
	CHECK(c.category == HA_CAT_NONE && c.size_ok == HA_FALSE);
	CHECK(c.criteria_unknown == 4 && c.criteria_met == 0);
	/* and failing criteria decide it whatever the size is */
	c = cls("outside_labour=10 basic_education=10 income=90 convicted=0 national_convicted=1 "
			"nonwestern=10", 2022, NULL);
	CHECK(c.category == HA_CAT_NONE && c.size_ok == HA_UNKNOWN);
	/* national_convicted unknown makes the relative convictions test unknown */
	c = cls("residents=2000 convicted=5 outside_labour=45", 2019, NULL);
	CHECK(c.flag[HA_CRIT_CONVICTIONS] == HA_UNKNOWN);
	/* forebyggelse: raw unknown, udsat false -> unknown */
	c = cls("residents=2000 national_convicted=1 convicted=0 income=90 outside_labour=35 "
			"basic_education=55 nonwestern=40", 2022, NULL);
	CHECK(c.udsat == HA_FALSE && c.forebyggelse_raw == HA_FALSE && c.category == HA_CAT_NONE);
	c = cls("residents=2000 national_convicted=1 convicted=0 income=90 outside_labour=35 "
			"nonwestern=40", 2022, NULL);
	CHECK(c.udsat == HA_FALSE);
	CHECK(c.forebyggelse_raw == HA_UNKNOWN && c.category == HA_CAT_UNKNOWN);
}

static void
test_worked_cases(void)
{
	HaClassification c;

	/* Korskærparken, Fredericia, list of 1 Dec 2018: udsat, not a ghetto */
	c = cls("residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 "
			"basic_education=67.4 income=61.8", 2018, NULL);
	CHECK_STR(c.rules->id, "dk2018");
	CHECK(c.category == HA_CAT_UDSAT);
	CHECK(c.flag[HA_CRIT_LABOUR] == HA_TRUE && c.flag[HA_CRIT_EDUCATION] == HA_TRUE);
	CHECK(c.flag[HA_CRIT_INCOME] == HA_FALSE && c.flag[HA_CRIT_NONWESTERN] == HA_FALSE);
	CHECK(c.parallelsamfund == HA_FALSE);
	/* the same area in 2019 with 50.1 % non-Western: ghetto */
	c = cls("residents=1962 nonwestern=50.1 outside_labour=44.6 basic_education=67.4 "
			"income=61.8", 2019, NULL);
	CHECK(c.category == HA_CAT_PARALLELSAMFUND);
	/* Gellerupparken/Toveshøj 2015 (dk2013): all five criteria */
	c = cls("residents=6464 outside_labour=51.9 nonwestern=80.6 convicted=3.1 "
			"basic_education=66 income=45", 2015, NULL);
	CHECK_STR(c.rules->id, "dk2013");
	CHECK(c.category == HA_CAT_PARALLELSAMFUND && c.criteria_met == 5);
}

static void
test_what_if_versions(void)
{
	const char *k = "residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 "
	"national_convicted=0.65 basic_education=67.4 income=61.8";

	CHECK_STR(cat(k, 2018, "dk2018"), "udsat");
	/* dk2013: labour and education are 2 of 5, so udsat where that list existed */
	CHECK_STR(cat(k, 2018, "dk2013"), "udsat");
	CHECK_STR(cat(k, 2016, "dk2013"), "udsat");
	CHECK_STR(cat(k, 2015, "dk2013"), "none");
	CHECK_STR(cat(k, 2018, "dk2010"), "none");
	CHECK_STR(cat(k, 2018, "dk2021"), "udsat");
	CHECK(cls(k, 2018, "dk2021").forebyggelse_raw == HA_TRUE);
}

static void
test_margins(void)
{
	HaIndicators ind;
	HaError		err;
	HaMargin	m[HA_MAX_MARGINS];
	int			n,
				i;
	bool		seen_conv = false;

	ha_ind_parse("residents=1913 nonwestern=49.4 outside_labour=44.6 convicted=1.94 "
				 "national_convicted=0.65 basic_education=67.4 income=61.8", &ind, &err);
	n = ha_margins(&ind, 2019, ha_rules_for_year(&book, 2019, &err), m);
	CHECK(n == 1 + 4 + 1 + 1 + 2);
	CHECK(m[0].check->criterion == HA_CRIT_RESIDENTS && m[0].distance == 913);
	for (i = 0; i < n; i++)
	{
		if (m[i].check->criterion == HA_CRIT_LABOUR && m[i].category == HA_CAT_UDSAT)
			CHECK(m[i].met == HA_TRUE && m[i].distance == 4.6);
		if (m[i].check->criterion == HA_CRIT_INCOME)
			CHECK(m[i].met == HA_FALSE && m[i].distance == -6.8);
		if (m[i].check->criterion == HA_CRIT_NONWESTERN)
			CHECK(m[i].met == HA_FALSE && m[i].distance == -0.6);
		if (m[i].check->criterion == HA_CRIT_CONVICTIONS)
		{
			seen_conv = true;
			CHECK(m[i].threshold == 1.95);
			CHECK(m[i].met == HA_FALSE && m[i].distance == -0.01);
		}
	}
	CHECK(seen_conv);
	n = ha_margins(&ind, 2022, ha_rules_for_year(&book, 2022, &err), m);
	CHECK(n == 1 + 4 + 1 + 1 + 2 + 5);
	n = ha_margins(&ind, 2015, ha_rules_for_year(&book, 2015, &err), m);
	CHECK(n == 1 + 5);			/* udsat rows only from 2016 */
	n = ha_margins(&ind, 2016, ha_rules_for_year(&book, 2016, &err), m);
	CHECK(n == 1 + 5 + 5);
}

static void
test_decimal_compare(void)
{
	CHECK(ha_decimal_compare(1.95, 3, 0.65) == 0);
	CHECK(1.95 < 3 * 0.65);		/* why it is needed */
	CHECK(ha_decimal_compare(1.9499999999999999, 3, 0.65) == 0);	/* same double */
	CHECK(ha_decimal_compare(1.949, 3, 0.65) < 0);
	CHECK(ha_decimal_compare(1.951, 3, 0.65) > 0);
	CHECK(ha_decimal_compare(0.3, 3, 0.1) == 0);
	CHECK(ha_decimal_compare(0, 3, 0.1) < 0);
	CHECK(ha_decimal_compare(0.1, 3, 0) > 0);
	CHECK(ha_decimal_compare(0, 2, 0) == 0);
	CHECK(ha_decimal_compare(100, 3, 33.333333333333336) == 0 ||
		  ha_decimal_compare(100, 3, 33.333333333333336) < 0);
	CHECK(ha_decimal_compare(2.1, 3, 0.7) == 0);
	CHECK(ha_decimal_compare(21, 3, 7) == 0);
	CHECK(ha_decimal_compare(1e-7, 2, 5e-8) == 0);
	CHECK(ha_decimal_compare(100, 2, 50) == 0);
	CHECK(ha_decimal_compare(99.99999999999999, 2, 50) < 0);
	/* subnormals: 3 x 3.2e-322 is 9.6e-322 in decimals, not in binary */
	CHECK(ha_decimal_compare(9.6e-322, 3, 3.2e-322) == 0);
	CHECK(ha_decimal_compare(9.6e-322, 3, 3.2e-322) ==
		  ha_decimal_compare_exact(9.6e-322, 3, 3.2e-322));
	CHECK(ha_decimal_compare(9.7e-322, 3, 3.2e-322) > 0);
	CHECK(ha_decimal_compare(1e-300, 3, 3.2e-322) > 0);
}

static void
test_history_runs(void)
{
	HaRun		r;
	HaError		err;
	int			years = -1;

	ha_run_init(&r);
	CHECK(ha_run_step(&r, HA_TRUE, 2014, &err) && ha_run_known(&r, &years) && years == 1);
	CHECK(ha_run_step(&r, HA_TRUE, 2015, &err) && ha_run_known(&r, &years) && years == 2);
	CHECK(ha_run_step(&r, HA_TRUE, 2016, &err) && ha_run_known(&r, &years) && years == 3);
	CHECK(ha_run_step(&r, HA_TRUE, 2017, &err) && ha_run_known(&r, &years) && years == 4);
	CHECK(ha_run_step(&r, HA_TRUE, 2018, &err) && ha_run_known(&r, &years) && years == 5);
	CHECK(ha_omdannelse(&book, years, 2018));
	/* a gap breaks the run */
	CHECK(ha_run_step(&r, HA_TRUE, 2020, &err) && ha_run_known(&r, &years) && years == 1);
	/* false breaks it */
	CHECK(ha_run_step(&r, HA_FALSE, 2021, &err) && ha_run_known(&r, &years) && years == 0);
	/* unknown makes it unknown until a false or a gap */
	CHECK(ha_run_step(&r, HA_TRUE, 2022, &err) && ha_run_known(&r, &years) && years == 1);
	CHECK(ha_run_step(&r, HA_UNKNOWN, 2023, &err) && !ha_run_known(&r, &years));
	CHECK(ha_run_step(&r, HA_TRUE, 2024, &err) && !ha_run_known(&r, &years));
	CHECK(r.lo == 1 && r.hi == 3);
	CHECK(ha_run_step(&r, HA_FALSE, 2025, &err) && ha_run_known(&r, &years) && years == 0);
	/* out of order */
	unit_check_refused("2025 again", ha_run_step(&r, HA_TRUE, 2025, &err), &err,
					   HA_ERR_PARAM, HA_E_YEARS_OUT_OF_ORDER, "", "");
	CHECK(err.about.n[0] == 2025 && err.about.n[1] == 2025);
	CHECK(!ha_run_step(&r, HA_TRUE, 2019, &err));
}

static void
test_omdannelse(void)
{
	CHECK(!ha_omdannelse(&book, 5, 2017));	/* no omdannelse before the 2018 list */
	CHECK(!ha_omdannelse(&book, 4, 2018));
	CHECK(ha_omdannelse(&book, 5, 2018));
	CHECK(ha_omdannelse(&book, 7, 2024));
	CHECK(!ha_omdannelse(&book, 4, 2020));	/* five for every list from 2018 */
}

static void
test_forty_percent(void)
{
	int64_t		t = 0;
	HaError		err;

	CHECK(ha_plan_total(&plan, 100, 200, 0, 0, &t, &err) && t == 200);
	CHECK(ha_plan_share(100, t) == 50);
	CHECK(ha_plan_units_over_target(&plan, 100, t) == 20);	/* 80 / 200 = 40 % */
	CHECK(ha_plan_dwellings_to_add(&plan, 100, t) == 50);	/* 100 / 250 = 40 % */
	/* exactly 40 %: nothing to do */
	CHECK(ha_plan_total(&plan, 40, 100, 0, 0, &t, &err) && ha_plan_units_over_target(&plan, 40, t) == 0);
	CHECK(ha_plan_dwellings_to_add(&plan, 40, t) == 0);
	/* one over: ceil */
	CHECK(ha_plan_total(&plan, 41, 100, 0, 0, &t, &err) && ha_plan_units_over_target(&plan, 41, t) == 1);
	CHECK(ha_plan_dwellings_to_add(&plan, 41, t) == 3);	/* 41/0.4 = 102.5 -> 3 */
	/* demolished units and commercial m2 / 75 (floored) count in the total */
	CHECK(ha_plan_total(&plan, 900, 1000, 200, 7574, &t, &err) && t == 1000 + 200 + 100);
	CHECK(ha_plan_units_over_target(&plan, 900, t) == 380);	/* 900 - 520 */
	CHECK(ha_plan_dwellings_to_add(&plan, 900, t) == 950);	/* 2250 - 1300 */
	/* errors */
	unit_check_refused("-1", ha_plan_total(&plan, -1, 10, 0, 0, &t, &err), &err,
					   HA_ERR_PARAM, HA_E_NEGATIVE_COUNT, "family_units", "-1");
	unit_check_refused("-2", ha_plan_total(&plan, 1, 10, -2, 0, &t, &err), &err,
					   HA_ERR_PARAM, HA_E_NEGATIVE_COUNT, "demolished", "-2");
	unit_check_refused("11 > 10", ha_plan_total(&plan, 11, 10, 0, 0, &t, &err), &err,
					   HA_ERR_PARAM, HA_E_MORE_FAMILY_UNITS, "", "");
	CHECK(err.about.n[0] == 11 && err.about.n[1] == 10);
	unit_check_refused("74 m2", ha_plan_total(&plan, 0, 0, 0, 74, &t, &err), &err,
					   HA_ERR_PARAM, HA_E_NO_DWELLINGS, "", "");
	CHECK(err.about.n[0] == 75);
	CHECK(ha_plan_total(&plan, 0, 0, 0, 75, &t, &err) && t == 1);
	unit_check_refused("NaN m2", ha_plan_total(&plan, 1, 10, 0, NAN, &t, &err), &err,
					   HA_ERR_PARAM, HA_E_BAD_FLOOR_AREA, "commercial_m2", "NaN");
	unit_check_refused("-1 m2", ha_plan_total(&plan, 1, 10, 0, -1, &t, &err), &err,
					   HA_ERR_PARAM, HA_E_BAD_FLOOR_AREA, "commercial_m2", "-1");
	unit_check_refused("inf m2", ha_plan_total(&plan, 1, 10, 0, INFINITY, &t, &err),
					   &err, HA_ERR_PARAM, HA_E_BAD_FLOOR_AREA, "commercial_m2",
					   "Infinity");
	/* large inputs stay exact */
	CHECK(ha_plan_total(&plan, 2147483647, 2147483647, 2147483647, 1e9, &t, &err));
	CHECK(ha_plan_units_over_target(&plan, 2147483647, t) > 0);
}

static void
test_labels(void)
{
	HaError		err;

	CHECK_STR(ha_category_label(&book, "parallelsamfund", 2015, "da", &err), "ghettoområde");
	CHECK_STR(ha_category_label(&book, "parallelsamfund", 2020, "da", &err), "ghettoområde");
	CHECK_STR(ha_category_label(&book, "parallelsamfund", 2021, "da", &err), "parallelsamfund");
	CHECK_STR(ha_category_label(&book, "omdannelse", 2018, "da", &err), "hårdt ghettoområde");
	CHECK_STR(ha_category_label(&book, "omdannelse", 2021, "da", &err), "omdannelsesområde");
	CHECK_STR(ha_category_label(&book, "udsat", 2016, "da", &err), "udsat almen boligområde");
	CHECK_STR(ha_category_label(&book, "udsat", 2018, "da", &err), "udsat boligområde");
	CHECK_STR(ha_category_label(&book, "forebyggelse", 2021, "en", &err), "prevention area");
	CHECK_STR(ha_category_label(&book, "parallelsamfund", 2012, "en", &err), "ghetto area");
	CHECK(ha_category_label(&book, "omdannelse", 2017, "da", &err) == NULL && err.code == HA_OK);
	CHECK(ha_category_label(&book, "udsat", 2015, "da", &err) == NULL && err.code == HA_OK);
	CHECK(ha_category_label(&book, "forebyggelse", 2020, "da", &err) == NULL && err.code == HA_OK);
	CHECK(ha_category_label(&book, "ghetto", 2020, "da", &err) == NULL &&
		  err.kind == HA_E_UNKNOWN_CATEGORY && err.code == HA_ERR_PARAM);
	CHECK_STR(err.value, "ghetto");
	CHECK(ha_category_label(&book, "udsat", 2020, "de", &err) == NULL &&
		  err.kind == HA_E_UNKNOWN_LANGUAGE && err.code == HA_ERR_PARAM);
	CHECK_STR(err.value, "de");
	CHECK(ha_category_label(&book, "udsat", 2009, "da", &err) == NULL &&
		  err.kind == HA_E_NO_RULES_FOR_YEAR && err.code == HA_ERR_PARAM);
	CHECK(ha_category_label(&book, "kombineret_udlejning", 2020, "da", &err) == NULL &&
		  err.kind == HA_E_UNKNOWN_CATEGORY);
}

/* Two checks test the same threshold the same way. */
static bool
same_check(const HaCheck *a, const HaCheck *b)
{
	return a->criterion == b->criterion && a->field == b->field &&
		a->op == b->op && a->threshold == b->threshold &&
		a->times_national == b->times_national && a->multiple == b->multiple;
}

static void
test_thresholds_of_the_law(void)
{
	/* the law has used 15 distinct thresholds, the size gate included */
	HaCheck		seen[64];
	int			nseen = 0;
	int			s,
				r,
				j,
				k;

	for (s = 0; s < book.nsets; s++)
	{
		const HaRuleSet *rs = &book.sets[s];

		CHECK(same_check(&rs->size_gate, &book.sets[0].size_gate));
		if (s == 0)
			seen[nseen++] = rs->size_gate;
		for (r = 0; r < rs->nrules; r++)
		{
			const HaCategoryRule *cr = &rs->rules[r];

			for (j = 0; j < cr->ngates + cr->ncounted; j++)
			{
				for (k = 0; k < nseen; k++)
					if (same_check(&seen[k], &cr->checks[j]))
						break;
				if (k == nseen && nseen < 64)
					seen[nseen++] = cr->checks[j];
			}
		}
	}
	CHECK(nseen == 15);
	CHECK(book.sets[0].size_gate.criterion == HA_CRIT_RESIDENTS &&
		  book.sets[0].size_gate.op == HA_OP_GE &&
		  book.sets[0].size_gate.threshold == 1000);
}

static void
test_consequences(void)
{
	HaError		err;
	const HaConsequence *c;

	c = ha_consequence(&book, "daycare_cap", &err);
	CHECK(c != NULL && c->value == 30 && c->mantissa == 30 && c->decimals == 0);
	c = ha_consequence(&book, "plan_deadline", &err);
	CHECK(c != NULL && c->value == 2030 &&
		  ha_consequence_unit(c->id) == HA_CU_YEAR);
	CHECK(ha_consequence(&book, "language_test_lists", &err)->value == 3);
	CHECK(ha_consequence(&book, "language_test_share", &err)->value == 30);
	CHECK(ha_consequence(&book, "daycare_cap_tail", &err)->value == 3);
	CHECK(ha_consequence(&book, "dispensation_residents", &err)->value == 2100);
	CHECK(book.nconsequences == HA_NCONSEQUENCES);
	CHECK(ha_consequence(&book, "daycare", &err) == NULL);
	unit_check_refused("daycare", false, &err, HA_ERR_PARAM,
					   HA_E_UNKNOWN_CONSEQUENCE, "", "daycare");
	/* the 40 % rule reads 40 % and 75 m2 from them */
	CHECK(plan.target_num == 40 && plan.target_den == 100 &&
		  plan.m2_per_dwelling == 75);
	/* a rule text without the constants cannot run the 40 % rule */
	{
		static const char text[] = "rules x for the lists of 2010 onward\n"
			"an area counts when residents >= 1\nend\n";
		static HaRuleBook small;
		HaPlanRule	p;

		CHECK(ha_rules_parse(text, (int) strlen(text), &small, &err));
		CHECK(!ha_plan_rule(&small, &p, &err));
		unit_check_refused("no consequences", false, &err, HA_ERR_PARAM,
						   HA_E_NO_CONSEQUENCE, "", "family_housing_target");
	}
}

int
main(void)
{
	HaError		err;

	if (!ha_rules_parse(ha_builtin_rules, ha_builtin_rules_len, &book, &err) ||
		!ha_plan_rule(&book, &plan, &err))
		return unit_bail_rules(&err);
	RUN(test_rules_for_year);
	RUN(test_size_gate);
	RUN(test_dk2010_boundaries);
	RUN(test_dk2013_boundaries);
	RUN(test_dk2018_boundaries);
	RUN(test_dk2021_forebyggelse);
	RUN(test_kombineret_udlejning);
	RUN(test_three_valued_logic);
	RUN(test_worked_cases);
	RUN(test_what_if_versions);
	RUN(test_margins);
	RUN(test_decimal_compare);
	RUN(test_history_runs);
	RUN(test_omdannelse);
	RUN(test_forty_percent);
	RUN(test_labels);
	RUN(test_thresholds_of_the_law);
	RUN(test_consequences);
	return unit_done("rules");
}
