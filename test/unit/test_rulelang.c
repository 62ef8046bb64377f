/*
 * test_rulelang.c
 *		Unit tests of the rule language parser (src/core/rulelang.c): the
 *		built-in text parses into the versions docs/rules.md describes, each
 *		of its blocks round-trips (alone, and through a printer of the
 *		parsed form), every construct parses, and every kind of refusal
 *		names the right line, column and expectation.
 */
#include "unit.h"
#include "../../src/core/rulelang.h"
#include "../../src/core/rules.h"
#include "../fuzz/same_set.h"

/* The built-in rule text, parsed once (main). */
static const HaRuleBook *builtin;

/* Scratch books: a book is large, so none lives on the stack. */
static HaRuleBook scratch;
static HaRuleBook scratch2;

/* Parse a NUL-terminated text into scratch, reporting a refusal. */
static bool
parse_ok(const char *text)
{
	HaError		err;
	bool		ok = ha_rules_parse(text, (int) strlen(text), &scratch, &err);

	if (!ok)
		printf("#   \"%s\" refused: %s what %d at line %d, column %d, value \"%s\"\n",
			   text, ha_error_name(err.kind), err.about.what, err.about.line,
			   err.about.column, err.value);
	return ok;
}

/*
 * Check that a text is refused with this kind, what, line and column (and
 * found/value text, unless NULL), in a complete report.
 */
static void
refused_len(const char *text, int len, HaErrorKind kind, int what, int line,
			int column, const char *value)
{
	HaError		err;

	memset(&err, 0x7f, sizeof(err));
	if (ha_rules_parse(text, len, &scratch, &err))
	{
		printf("#   \"%s\" was accepted\n", text);
		unit_checks_failed++;
		return;
	}
	if (err.kind != kind || err.about.what != what || err.about.line != line ||
		err.about.column != column || !ha_error_complete(&err) ||
		(value != NULL && strcmp(err.value, value) != 0))
	{
		printf("#   \"%s\": %s what %d at %d:%d value \"%s\"%s; want %s what %d at %d:%d value \"%s\"\n",
			   text, ha_error_name(err.kind), err.about.what, err.about.line,
			   err.about.column, err.value,
			   ha_error_complete(&err) ? "" : " (incomplete)",
			   ha_error_name(kind), what, line, column, value ? value : "*");
		unit_checks_failed++;
	}
}

static void
refused(const char *text, HaErrorKind kind, int what, int line, int column,
		const char *value)
{
	refused_len(text, (int) strlen(text), kind, what, line, column, value);
}

/* The head of a one-version text, for the error cases (2 lines). */
#define HEAD "rules x for the lists of 2030 onward\nan area counts when residents >= 1000\n"

/* ---- a printer of the parsed form, in the rule language ---- */

static void
put(char *buf, size_t cap, const char *s)
{
	size_t		len = strlen(buf);

	snprintf(buf + len, cap - len, "%s", s);
}

static void
print_check(char *buf, size_t cap, const HaCheck *c)
{
	char		num[64];

	put(buf, cap, ha_ind_fields[c->field].key);
	put(buf, cap, " ");
	put(buf, cap, ha_op_name(c->op));
	if (c->times_national)
		snprintf(num, sizeof(num), " %d x national_convicted", c->multiple);
	else
		snprintf(num, sizeof(num), " %g", c->threshold);
	put(buf, cap, num);
}

/* One version in canonical form: one rule a line, lists in parentheses. */
static void
print_set(char *buf, size_t cap, const HaRuleSet *s)
{
	char		line[128];
	int			i,
				j;

	buf[0] = '\0';
	if (s->last_year)
		snprintf(line, sizeof(line), "rules %s for the lists of %d to %d\n",
				 s->id, s->first_year, s->last_year);
	else
		snprintf(line, sizeof(line), "rules %s for the lists of %d onward\n",
				 s->id, s->first_year);
	put(buf, cap, line);
	put(buf, cap, "an area counts when ");
	print_check(buf, cap, &s->size_gate);
	put(buf, cap, "\n");
	for (i = 0; i < s->nrules; i++)
	{
		const HaCategoryRule *r = &s->rules[i];
		bool		first = true;

		put(buf, cap, ha_category_name(r->category));
		if (r->first_year)
		{
			snprintf(line, sizeof(line), " from the list of %d", r->first_year);
			put(buf, cap, line);
		}
		put(buf, cap, " when ");
		if (r->requires != HA_CAT_NONE)
		{
			put(buf, cap, ha_category_name(r->requires));
			first = false;
		}
		for (j = 0; j < r->ngates; j++)
		{
			put(buf, cap, first ? "" : " and ");
			print_check(buf, cap, &r->checks[j]);
			first = false;
		}
		if (r->ncounted > 0)
		{
			snprintf(line, sizeof(line), "%sat least %d of (", first ? "" : " and ",
					 r->needed);
			put(buf, cap, line);
			for (j = 0; j < r->ncounted; j++)
			{
				put(buf, cap, j ? ", " : "");
				print_check(buf, cap, &r->checks[r->ngates + j]);
			}
			put(buf, cap, ")");
		}
		if (r->excludes != HA_CAT_NONE)
		{
			put(buf, cap, ", unless ");
			put(buf, cap, ha_category_name(r->excludes));
		}
		put(buf, cap, "\n");
		/* the history rule follows the rule of the category it counts */
		if (s->omdannelse_lists && r->category == HA_CAT_PARALLELSAMFUND &&
			(i + 1 == s->nrules || s->rules[i + 1].category != HA_CAT_PARALLELSAMFUND))
		{
			snprintf(line, sizeof(line),
					 "omdannelse when parallelsamfund on each of the last %d lists\n",
					 s->omdannelse_lists);
			put(buf, cap, line);
		}
	}
	put(buf, cap, "end\n");
}

/* ---- tests ---- */

/* The rules of dk2018, which dk2021 keeps and adds forebyggelse to. */
#define DK2018_RULES \
	"udsat when at least 2 of (outside_labour > 40, convicted >= 3 x " \
	"national_convicted, basic_education > 60, income < 55)\n" \
	"parallelsamfund when udsat and nonwestern > 50\n" \
	"omdannelse when parallelsamfund on each of the last 5 lists\n" \
	"kombineret_udlejning when outside_labour >= 40\n" \
	"kombineret_udlejning when residents >= 5000 and outside_labour >= 30\n"

/* The built-in versions, printed canonically: written from docs/rules.md. */
static const char *const expected_versions[] = {
	"rules dk2010 for the lists of 2010 to 2012\n"
	"an area counts when residents >= 1000\n"
	"parallelsamfund when at least 2 of (nonwestern > 50, outside_labour > 40, "
	"convicted > 2.7)\n"
	"end\n",

	"rules dk2013 for the lists of 2013 to 2017\n"
	"an area counts when residents >= 1000\n"
	"parallelsamfund when at least 3 of (nonwestern > 50, outside_labour > 40, "
	"convicted > 2.7, basic_education > 50, income < 55)\n"
	"udsat from the list of 2016 when at least 2 of (nonwestern > 50, "
	"outside_labour > 40, convicted > 2.7, basic_education > 50, income < 55)\n"
	"end\n",

	"rules dk2018 for the lists of 2018 to 2020\n"
	"an area counts when residents >= 1000\n"
	DK2018_RULES
	"end\n",

	"rules dk2021 for the lists of 2021 onward\n"
	"an area counts when residents >= 1000\n"
	DK2018_RULES
	"forebyggelse when nonwestern > 30 and at least 2 of (outside_labour > 30, "
	"convicted >= 2 x national_convicted, basic_education > 60, income < 65), "
	"unless udsat\n"
	"end\n",
};

static void
test_builtin_versions(void)
{
	char		buf[4096];
	int			i;

	CHECK(builtin->nsets == 4);
	for (i = 0; i < builtin->nsets && i < 4; i++)
	{
		print_set(buf, sizeof(buf), &builtin->sets[i]);
		CHECK_STR(buf, expected_versions[i]);
	}
	CHECK(builtin->sets[2].omdannelse_first_year == 2018);
	CHECK(builtin->sets[3].omdannelse_first_year == 2021);
	CHECK(builtin->sets[0].omdannelse_lists == 0 && builtin->sets[1].omdannelse_lists == 0);
}

/* Each block alone, and each canonical print, parses to the same version. */
static void
test_round_trip(void)
{
	char		buf[4096];
	char		name[HA_RULES_NAME_LEN];
	HaError		err;
	HaSpan		span;
	int			i;

	for (i = 0; i < builtin->nsets; i++)
	{
		const HaRuleSet *s = &builtin->sets[i];

		snprintf(name, sizeof(name), "%s", s->id);
		CHECK(ha_rules_block(builtin, name, &span, &err));
		CHECK(ha_rules_parse(builtin->text + span.offset, span.length, &scratch,
							 &err));
		CHECK(scratch.nsets == 1 && same_set(&scratch.sets[0], s));
		/* the block's span starts at its comment lines and ends at "end" */
		CHECK(builtin->text[span.offset] == '#');
		CHECK(memcmp(builtin->text + span.offset + span.length - 3, "end", 3) == 0);
		print_set(buf, sizeof(buf), s);
		CHECK(parse_ok(buf) && scratch.nsets == 1 && same_set(&scratch.sets[0], s));
	}
	/* the whole text again: the same book */
	CHECK(ha_rules_parse(ha_builtin_rules, ha_builtin_rules_len, &scratch, &err));
	CHECK(scratch.nsets == builtin->nsets && scratch.nconsequences == builtin->nconsequences);
	for (i = 0; i < builtin->nsets; i++)
		CHECK(same_set(&scratch.sets[i], &builtin->sets[i]));
	CHECK(ha_rules_block(builtin, "consequences", &span, &err));
	CHECK(memcmp(builtin->text + span.offset, "# What", 6) == 0);
	CHECK(!ha_rules_block(builtin, "dk2022", &span, &err));
	unit_check_refused("dk2022", false, &err, HA_ERR_PARAM,
					   HA_E_UNKNOWN_RULES_BLOCK, "", "dk2022");
}

/* The composite's flags: the first check of each criterion, as before. */
static void
test_flags(void)
{
	const HaRuleSet *s;

	/* dk2010 and dk2013: the ghetto test's counted criteria */
	s = &builtin->sets[0];
	CHECK(s->rules[0].flag_checks == 0x7 && s->rules[0].defines_flags);
	s = &builtin->sets[1];
	CHECK(s->rules[0].flag_checks == 0x1f && !s->rules[1].defines_flags);
	/* dk2018, dk2021: udsat's four, and parallelsamfund's nonwestern gate */
	s = &builtin->sets[2];
	CHECK(s->rules[0].flag_checks == 0xf && s->rules[1].flag_checks == 0x1);
	CHECK(!s->rules[2].defines_flags && !s->rules[3].defines_flags);
	s = &builtin->sets[3];
	CHECK(s->rules[0].flag_checks == 0xf && s->rules[1].flag_checks == 0x1);
	CHECK(!s->rules[2].defines_flags && !s->rules[3].defines_flags &&
		  !s->rules[4].defines_flags);
}

/*
 * The compiled form: each distinct comparison once (the size gate first,
 * those of the category rules before the kombineret flag's), every check
 * pointed at its comparison, each flag at its first check and rule year.
 */
static void
test_compiled(void)
{
	const HaRuleSet *s = &builtin->sets[3];
	HaError		err;
	HaIndicators ind;
	HaClassification c;
	int			i,
				j;

	/* dk2021: 14 checks, basic_education > 60 twice: 13 distinct, 10 first */
	CHECK(strcmp(s->id, "dk2021") == 0);
	CHECK(s->ndistinct == 13 && s->ncategory == 10 && s->size_distinct == 0);
	CHECK(s->rules[0].category == HA_CAT_UDSAT &&
		  s->rules[4].category == HA_CAT_FOREBYGGELSE);
	CHECK(s->rules[0].distinct[2] == s->rules[4].distinct[3]);
	CHECK(s->rules[0].distinct[0] != s->rules[4].distinct[1]);	/* > 40, > 30 */
	CHECK(s->rules[2].distinct[0] >= s->ncategory &&
		  s->rules[3].distinct[1] >= s->ncategory);
	for (i = 0; i < s->nrules; i++)
		for (j = 0; j < s->rules[i].ngates + s->rules[i].ncounted; j++)
		{
			const HaCheck *a = &s->rules[i].checks[j];
			const HaCheck *b = &s->distinct[s->rules[i].distinct[j]];

			CHECK(a->field == b->field && a->op == b->op &&
				  a->threshold == b->threshold &&
				  a->times_national == b->times_national);
		}
	CHECK(s->flag_from[HA_CRIT_LABOUR] == INT_MIN && s->flag_counted[HA_CRIT_LABOUR]);
	CHECK(s->flag_from[HA_CRIT_NONWESTERN] == INT_MIN &&
		  !s->flag_counted[HA_CRIT_NONWESTERN] &&
		  s->flag_distinct[HA_CRIT_NONWESTERN] == s->rules[1].distinct[0]);
	CHECK(s->flag_from[HA_CRIT_RESIDENTS] == INT_MAX);

	/* a flag whose first check is in a rule from a later list year */
	CHECK(parse_ok("rules later for the lists of 2010 onward\n"
				   "an area counts when residents >= 1000\n"
				   "udsat when at least 1 of (outside_labour > 40, income < 55)\n"
				   "parallelsamfund from the list of 2016 when udsat and nonwestern > 50\n"
				   "end\n"));
	s = &scratch.sets[0];
	CHECK(s->ndistinct == 4 && s->flag_from[HA_CRIT_NONWESTERN] == 2016);
	CHECK(ha_ind_parse("residents=1913 nonwestern=60 outside_labour=44.6 income=61.8",
					   &ind, &err));
	ha_classify(&ind, 2015, s, &c);
	CHECK(c.category == HA_CAT_UDSAT && !c.flag_defined[HA_CRIT_NONWESTERN]);
	CHECK(c.flag_defined[HA_CRIT_LABOUR] && c.flag[HA_CRIT_LABOUR] == HA_TRUE &&
		  c.criteria_met == 1 && c.criteria_unknown == 0);
	ha_classify(&ind, 2016, s, &c);
	CHECK(c.category == HA_CAT_PARALLELSAMFUND &&
		  c.flag_defined[HA_CRIT_NONWESTERN] && c.flag[HA_CRIT_NONWESTERN] == HA_TRUE);
	CHECK(!c.flag_defined[HA_CRIT_EDUCATION] && !c.flag_defined[HA_CRIT_CONVICTIONS]);
}

/* Every construct, and the layouts a writer may choose. */
static void
test_constructs(void)
{
	const HaCategoryRule *r;

	/* parentheses, "×", a list over several lines with paragraphs */
	CHECK(parse_ok("rules a for the lists of 2010 to 2011 \"p\"\n"
				   "  an area counts when residents >= 1000 \"q\"\n"
				   "  udsat when at least 1 of (\n"
				   "      convicted >= 3 × national_convicted, \"§ 1\"\n"
				   "      income <= 55)\n"
				   "  parallelsamfund when\n"
				   "      nonwestern > 50 and # a comment\n"
				   "      udsat\n"
				   "end"));
	CHECK(scratch.nsets == 1 && scratch.sets[0].nrules == 2);
	r = &scratch.sets[0].rules[0];
	CHECK(r->ncounted == 2 && r->checks[0].times_national &&
		  r->checks[0].multiple == 3 && r->checks[1].op == HA_OP_LE);
	CHECK(r->paragraph.length == 4 &&
		  memcmp(scratch.text + r->paragraph.offset, "§ 1", 4) == 0);
	r = &scratch.sets[0].rules[1];
	CHECK(r->requires == HA_CAT_UDSAT && r->ngates == 1);
	/* a gate after the count is kept before the counted checks */
	CHECK(parse_ok(HEAD "forebyggelse when at least 1 of (income < 65) and "
				   "nonwestern > 30\nend\n"));
	r = &scratch.sets[0].rules[0];
	CHECK(r->ngates == 1 && r->checks[0].field == HA_IND_NONWESTERN &&
		  r->checks[1].field == HA_IND_INCOME);
	/* "unless" after an unparenthesized list, on its own line */
	CHECK(parse_ok(HEAD "udsat when income < 55\n"
				   "forebyggelse when at least 1 of\n  income < 65,\n  "
				   "nonwestern > 30, \"§ 61 b\"\nunless udsat\nend\n"));
	r = &scratch.sets[0].rules[1];
	CHECK(r->ncounted == 2 && r->excludes == HA_CAT_UDSAT &&
		  r->paragraph.length > 0);
	/* CRLF line ends, tabs, blank lines, no final line break */
	CHECK(parse_ok("\r\n\r\nrules a for the lists of 2010 onward\r\n\tan area counts "
				   "when residents >= 1000\r\n\r\nend"));
	/* versions follow each other; the last runs onward */
	CHECK(parse_ok("rules a for the lists of 2010 to 2012\nan area counts when "
				   "residents >= 1\nend\nrules b for the lists of 2013 onward\n"
				   "an area counts when residents >= 1\nend\n"));
	CHECK(scratch.nsets == 2 && scratch.sets[1].last_year == 0);
	/* omdannelse from a later list */
	CHECK(parse_ok(HEAD "parallelsamfund when nonwestern > 50\n"
				   "omdannelse from the list of 2032 when parallelsamfund on "
				   "each of the last 3 lists\nend\n"));
	CHECK(scratch.sets[0].omdannelse_lists == 3 &&
		  scratch.sets[0].omdannelse_first_year == 2032);
	CHECK(!ha_omdannelse(&scratch, 3, 2031) && ha_omdannelse(&scratch, 3, 2032));
	/* consequences, decimals exact */
	CHECK(parse_ok(HEAD "end\nconsequences \"x\"\n  family_housing_target is "
				   "33.25 percent\n  m2_per_dwelling is 80 m2\nend\n"));
	CHECK(scratch.nconsequences == 2 && scratch.consequences[0].mantissa == 3325 &&
		  scratch.consequences[0].decimals == 2);
	{
		HaPlanRule	plan;
		HaError		err;

		CHECK(ha_plan_rule(&scratch, &plan, &err));
		CHECK(plan.target_num == 3325 && plan.target_den == 10000 &&
			  plan.m2_per_dwelling == 80);
	}
	/* thresholds at the ends of their ranges */
	CHECK(parse_ok(HEAD "udsat when income < 1000 and nonwestern >= 0 and "
				   "residents <= 10000000\nend\n"));
	/* a category with two alternatives (OR) and the same "unless" */
	CHECK(parse_ok(HEAD "udsat when income < 55\nforebyggelse when income < 65, "
				   "unless udsat\nforebyggelse when nonwestern > 30, unless udsat\n"
				   "end\n"));
}

/* Refusals with what was expected (42601), at the right place. */
static void
test_syntax_errors(void)
{
	static const char nul[] = "rules x\0 for";

	refused("", HA_E_RULES_INVALID, HA_PROBLEM_NO_VERSIONS, 1, 1, NULL);
	refused("ruled x", HA_E_RULES_SYNTAX, HA_EXPECT_BLOCK, 1, 1, "ruled");
	refused("rules 1", HA_E_RULES_SYNTAX, HA_EXPECT_NAME, 1, 7, "1");
	refused("rules", HA_E_RULES_SYNTAX, HA_EXPECT_NAME, 1, 6, "");
	refused("rules x\n", HA_E_RULES_SYNTAX, HA_EXPECT_WORD, 2, 1, "");
	refused("rules x y", HA_E_RULES_SYNTAX, HA_EXPECT_WORD, 1, 9, "y");
	refused("rules x for the list of", HA_E_RULES_SYNTAX, HA_EXPECT_WORD, 1, 17,
			"list");
	refused("rules x for the lists of 999 onward", HA_E_RULES_SYNTAX,
			HA_EXPECT_YEAR, 1, 26, "999");
	refused("rules x for the lists of 2010 through", HA_E_RULES_SYNTAX,
			HA_EXPECT_YEAR_END, 1, 31, "through");
	refused("rules x for the lists of 2010 onward x", HA_E_RULES_SYNTAX,
			HA_EXPECT_LINE_END, 1, 38, "x");
	refused(HEAD "x", HA_E_RULES_SYNTAX, HA_EXPECT_RULE, 3, 1, "x");
	refused(HEAD, HA_E_RULES_SYNTAX, HA_EXPECT_RULE, 3, 1, "");
	refused(HEAD "udsat when (income < 55)", HA_E_RULES_SYNTAX,
			HA_EXPECT_CONDITION, 3, 12, "(");
	refused(HEAD "udsat when income", HA_E_RULES_SYNTAX, HA_EXPECT_OPERATOR, 3,
			18, "");
	refused(HEAD "udsat when income = 5", HA_E_RULES_SYNTAX, HA_EXPECT_OPERATOR,
			3, 19, "=");
	refused(HEAD "udsat when income ≥ 5", HA_E_RULES_SYNTAX, HA_EXPECT_OPERATOR,
			3, 19, "≥");
	refused(HEAD "udsat when income < x", HA_E_RULES_SYNTAX, HA_EXPECT_NUMBER,
			3, 21, "x");
	refused(HEAD "udsat when income < 5.", HA_E_RULES_SYNTAX, HA_EXPECT_DIGIT,
			3, 23, "");
	refused(HEAD "udsat when income < 5.x", HA_E_RULES_SYNTAX, HA_EXPECT_DIGIT,
			3, 23, "x");
	refused(HEAD "udsat when at least 1 of people > 5", HA_E_RULES_SYNTAX,
			HA_EXPECT_INDICATOR, 3, 26, "people");
	refused(HEAD "udsat when at least one of", HA_E_RULES_SYNTAX,
			HA_EXPECT_WHOLE, 3, 21, "one");
	refused(HEAD "udsat when at least 1 of (income < 5 nonwestern > 3)",
			HA_E_RULES_SYNTAX, HA_EXPECT_LIST_NEXT, 3, 38, "nonwestern");
	refused(HEAD "udsat when income < 5 or nonwestern > 3", HA_E_RULES_SYNTAX,
			HA_EXPECT_CONDITION_END, 3, 23, "or");
	refused(HEAD "udsat when income < 5\nforebyggelse when income < 6, unless 7",
			HA_E_RULES_SYNTAX, HA_EXPECT_CATEGORY, 4, 38, "7");
	refused(HEAD "udsat when income < 5 \"§ 1", HA_E_RULES_SYNTAX,
			HA_EXPECT_QUOTE, 3, 27, "");
	refused(HEAD "udsat when income < 5 \"§ 1\n\"", HA_E_RULES_SYNTAX,
			HA_EXPECT_QUOTE, 3, 27, "\n");
	refused(HEAD "udsat when income < 5 \"§ 1\" x", HA_E_RULES_SYNTAX,
			HA_EXPECT_LINE_END, 3, 29, "x");
	refused(HEAD "end \"x\"", HA_E_RULES_SYNTAX, HA_EXPECT_LINE_END, 3, 5,
			"\"x\"");
	/* bytes that are not printable text, in and out of comments and paragraphs */
	refused_len(nul, (int) sizeof(nul) - 1, HA_E_RULES_SYNTAX,
				HA_EXPECT_PRINTABLE, 1, 8, NULL);
	refused("rules\rx", HA_E_RULES_SYNTAX, HA_EXPECT_PRINTABLE, 1, 6, NULL);
	refused("# \x01\nrules", HA_E_RULES_SYNTAX, HA_EXPECT_PRINTABLE, 1, 3, NULL);
	refused("rules x \"\xff\"", HA_E_RULES_SYNTAX, HA_EXPECT_PRINTABLE, 1, 10, NULL);
	refused("# \xe0\x80\x80 overlong\n", HA_E_RULES_SYNTAX, HA_EXPECT_PRINTABLE, 1,
			3, NULL);
	refused("# \xed\xa0\x80 surrogate\n", HA_E_RULES_SYNTAX, HA_EXPECT_PRINTABLE,
			1, 3, NULL);
	refused("rules \x7f", HA_E_RULES_SYNTAX, HA_EXPECT_PRINTABLE, 1, 7, NULL);
	/* a long token is quoted in part, on a character boundary */
	refused("rules \"æææææææææææææææææææææææææææææææ\"", HA_E_RULES_SYNTAX,
			HA_EXPECT_NAME, 1, 7, "\"æææææææææææææææææææ");
	refused("rules æ", HA_E_RULES_SYNTAX, HA_EXPECT_NAME, 1, 7, "æ");
}

/* Well-formed texts the evaluator cannot run (22P02). */
static void
test_invalid(void)
{
	refused("consequences\nend\n", HA_E_RULES_INVALID, HA_PROBLEM_NO_VERSIONS,
			3, 1, NULL);
	refused(HEAD "end\nrules x for", HA_E_RULES_INVALID,
			HA_PROBLEM_DUPLICATE_VERSION, 4, 7, "x");
	refused("rules x for the lists of 2012 to 2011", HA_E_RULES_INVALID,
			HA_PROBLEM_YEARS_REVERSED, 1, 34, NULL);
	refused("rules x for the lists of 2010 to 2011\nan area counts when "
			"residents >= 1\nend\nrules y for the lists of 2013 onward",
			HA_E_RULES_INVALID, HA_PROBLEM_YEARS_GAP, 4, 26, NULL);
	refused(HEAD "end\nrules y for the lists of 2031 onward", HA_E_RULES_INVALID,
			HA_PROBLEM_AFTER_ONWARD, 4, 1, "x");
	/* a version without list years stands alone */
	refused("rules x\nan area counts when residents >= 1\nend\n"
			"rules y for the lists of 2010 onward", HA_E_RULES_INVALID,
			HA_PROBLEM_YEARLESS_NOT_ALONE, 4, 1, "x");
	refused("rules x for the lists of 2010 to 2011\nan area counts when "
			"residents >= 1\nend\nrules y\n", HA_E_RULES_INVALID,
			HA_PROBLEM_YEARLESS_NOT_ALONE, 4, 7, "y");
	refused(HEAD "udsat from the list of 2029 when income < 5",
			HA_E_RULES_INVALID, HA_PROBLEM_FROM_YEAR, 3, 24, NULL);
	refused(HEAD "parallelsamfund when udsat", HA_E_RULES_INVALID,
			HA_PROBLEM_NOT_DEFINED, 3, 22, "udsat");
	refused(HEAD "udsat when income < 5, unless forebyggelse", HA_E_RULES_INVALID,
			HA_PROBLEM_NOT_DEFINED, 3, 31, "forebyggelse");
	refused(HEAD "kombineret_udlejning when income < 5\nudsat when kombineret_udlejning",
			HA_E_RULES_INVALID, HA_PROBLEM_NOT_A_CONDITION, 4, 12,
			"kombineret_udlejning");
	refused(HEAD "udsat when omdannelse", HA_E_RULES_INVALID,
			HA_PROBLEM_NOT_A_CONDITION, 3, 12, "omdannelse");
	refused(HEAD "udsat when income < 5\nudsat when udsat and nonwestern > 5",
			HA_E_RULES_INVALID, HA_PROBLEM_DEFINED_AFTER_USE, 4, 1, "udsat");
	refused(HEAD "udsat when income < 5\nforebyggelse when income < 6, unless udsat\n"
			"forebyggelse when income < 7", HA_E_RULES_INVALID,
			HA_PROBLEM_UNLESS_DIFFERS, 5, 1, "forebyggelse");
	refused(HEAD "udsat when income < 5\nparallelsamfund when nonwestern > 5\n"
			"forebyggelse when udsat and parallelsamfund", HA_E_RULES_INVALID,
			HA_PROBLEM_TWO_CATEGORIES, 5, 29, "parallelsamfund");
	refused(HEAD "udsat when at least 1 of (income < 5) and at least 1 of "
			"(income < 6)", HA_E_RULES_INVALID, HA_PROBLEM_TWO_COUNTS, 3, 43, NULL);
	refused(HEAD "udsat when at least 2 of (income < 5)", HA_E_RULES_INVALID,
			HA_PROBLEM_NEEDED_RANGE, 3, 21, NULL);
	refused(HEAD "udsat when convicted > 0 x national_convicted",
			HA_E_RULES_INVALID, HA_PROBLEM_MULTIPLE_RANGE, 3, 24, "0");
	refused(HEAD "udsat when convicted > 1.5 x national_convicted",
			HA_E_RULES_INVALID, HA_PROBLEM_MULTIPLE_RANGE, 3, 24, "1.5");
	refused(HEAD "udsat when income > 2 x national_convicted", HA_E_RULES_INVALID,
			HA_PROBLEM_NOT_RELATIVE, 3, 12, "income");
	refused(HEAD "udsat when national_convicted > 2", HA_E_RULES_INVALID,
			HA_PROBLEM_NATIONAL_ALONE, 3, 12, NULL);
	refused(HEAD "udsat when income < 1000.5", HA_E_RULES_INVALID,
			HA_PROBLEM_THRESHOLD_RANGE, 3, 21, "1000.5");
	refused(HEAD "udsat when income < 5 and \"a\"\n nonwestern > 5 \"b\"",
			HA_E_RULES_INVALID, HA_PROBLEM_TWO_PARAGRAPHS, 4, 17, NULL);
}

/* Refusals of the history rule (omdannelse), after a one-version head. */
static void
test_history_rule_errors(void)
{
	static const struct
	{
		const char *rules;		/* after HEAD */
		HaRulesProblem problem;
		int			line;
		int			column;
		const char *value;		/* NULL: not checked */
	}			cases[] = {
		{"udsat when income < 5\nparallelsamfund when udsat on each", HA_PROBLEM_HISTORY_CATEGORY, 4, 28, "parallelsamfund"},
		{"omdannelse when income < 5", HA_PROBLEM_OMDANNELSE_HISTORY, 3, 17, NULL},
		{"parallelsamfund when income < 5\nomdannelse when parallelsamfund", HA_PROBLEM_OMDANNELSE_HISTORY, 4, 17, NULL},
		{"udsat when income < 5\nomdannelse when udsat on each", HA_PROBLEM_HISTORY_OF, 4, 17, "udsat"},
		{"omdannelse when parallelsamfund on each", HA_PROBLEM_NOT_DEFINED, 3, 17, "parallelsamfund"},
		{"parallelsamfund when income < 5\n"
			"omdannelse when parallelsamfund on each of the last 5 lists\n"
			"omdannelse when parallelsamfund on each of the last 5 lists",
		HA_PROBLEM_OMDANNELSE_TWICE, 5, 1, NULL},
		{"parallelsamfund when income < 5\n"
			"omdannelse when parallelsamfund on each of the last 51 lists",
		HA_PROBLEM_LISTS_RANGE, 4, 53, NULL},
	};
	char		text[512];
	int			i;

	for (i = 0; i < (int) lengthof(cases); i++)
	{
		snprintf(text, sizeof(text), HEAD "%s", cases[i].rules);
		refused(text, HA_E_RULES_INVALID, cases[i].problem, cases[i].line,
				cases[i].column, cases[i].value);
	}
}

/*
 * Refusals in the consequences block after a one-version text: syntax,
 * what cannot run and capacities.
 */
static void
test_consequence_errors(void)
{
	static const struct
	{
		const char *block;		/* after HEAD "end\nconsequences\n" */
		HaErrorKind kind;
		int			what;
		int			line;
		int			column;
		const char *value;		/* NULL: not checked */
	}			cases[] = {
		{" daycare_cap is 30\nend", HA_E_RULES_SYNTAX, HA_EXPECT_UNIT, 5, 19, "\n"},
		{" daycare_cap is many percent\nend", HA_E_RULES_SYNTAX, HA_EXPECT_NUMBER, 5, 17, "many"},
		{" 3\nend", HA_E_RULES_SYNTAX, HA_EXPECT_CONSEQUENCE, 5, 2, "3"},
		{"end\nconsequences", HA_E_RULES_INVALID, HA_PROBLEM_TWO_CONSEQUENCE_BLOCKS, 6, 1, NULL},
		{" cap is 30 percent", HA_E_RULES_INVALID, HA_PROBLEM_UNKNOWN_CONSEQUENCE, 5, 2, "cap"},
		{" daycare_cap is 30 percent\n daycare_cap is", HA_E_RULES_INVALID, HA_PROBLEM_DUPLICATE_CONSEQUENCE, 6, 2, "daycare_cap"},
		{" daycare_cap is the year 2030", HA_E_RULES_INVALID, HA_PROBLEM_WRONG_UNIT, 5, 17, "daycare_cap"},
		{" plan_deadline is 2030 years", HA_E_RULES_INVALID, HA_PROBLEM_WRONG_UNIT, 5, 24, "plan_deadline"},
		{" daycare_cap is 0 percent", HA_E_RULES_INVALID, HA_PROBLEM_CONSEQUENCE_RANGE, 5, 17, "0"},
		{" family_housing_target is 40.0000001 percent", HA_E_RULES_INVALID, HA_PROBLEM_CONSEQUENCE_RANGE, 5, 27, "40.0000001"},
		{" language_test_lists is 2.5 lists", HA_E_RULES_INVALID, HA_PROBLEM_CONSEQUENCE_RANGE, 5, 25, "2.5"},
		{" plan_deadline is the year 999", HA_E_RULES_INVALID, HA_PROBLEM_CONSEQUENCE_RANGE, 5, 28, "999"},
		{" daycare_cap is 1.0000000000000000 percent", HA_E_RULES_LIMIT, HA_LIMIT_NUMBER, 5, 17, NULL},
	};
	char		text[256];
	int			i;

	for (i = 0; i < (int) lengthof(cases); i++)
	{
		snprintf(text, sizeof(text), HEAD "end\nconsequences\n%s",
				 cases[i].block);
		refused(text, cases[i].kind, cases[i].what, cases[i].line,
				cases[i].column, cases[i].value);
	}
}

/* Capacities (54000). */
static void
test_limits(void)
{
	static char text[HA_RULES_MAX_LEN + 2];
	char		buf[4096];
	int			i;

	memset(text, '#', sizeof(text));
	refused_len(text, HA_RULES_MAX_LEN + 1, HA_E_RULES_LIMIT, HA_LIMIT_TEXT, 1,
				1, NULL);
	text[HA_RULES_MAX_LEN - 1] = '\n';
	refused_len(text, HA_RULES_MAX_LEN, HA_E_RULES_INVALID,
				HA_PROBLEM_NO_VERSIONS, 2, 1, NULL);
	refused("rules abcdefghijabcdefghijabcdefghij12 for", HA_E_RULES_LIMIT,
			HA_LIMIT_NAME, 1, 7, NULL);
	CHECK(parse_ok("rules abcdefghijabcdefghijabcdefghij1 for the lists of 2010 "
				   "onward\nan area counts when residents >= 1\nend"));
	refused(HEAD "udsat when income < 1234567890123456789012345678901",
			HA_E_RULES_LIMIT, HA_LIMIT_NUMBER, 3, 21, NULL);
	refused(HEAD "udsat when at least 1234567890 of", HA_E_RULES_LIMIT,
			HA_LIMIT_NUMBER, 3, 21, NULL);
	/* 12 comparisons fit in a rule, 13 do not */
	snprintf(buf, sizeof(buf), HEAD "udsat when at least 1 of (income < 1");
	for (i = 1; i < HA_MAX_RULE_CHECKS; i++)
		strcat(buf, ", income < 1");
	strcat(buf, ")\nend\n");
	CHECK(parse_ok(buf));
	snprintf(buf, sizeof(buf), HEAD "udsat when nonwestern > 1 and at least 1 of (income < 1");
	for (i = 1; i < HA_MAX_RULE_CHECKS; i++)
		strcat(buf, ", income < 1");
	refused(buf, HA_E_RULES_LIMIT, HA_LIMIT_CHECKS, 3,
			(int) (strlen(buf) - strlen(HEAD) - 9), NULL);
	/* 16 rules fit in a version, 17 do not */
	snprintf(buf, sizeof(buf), HEAD);
	for (i = 0; i < HA_MAX_RULES; i++)
		strcat(buf, "kombineret_udlejning when income < 1\n");
	strcat(buf, "end\n");
	CHECK(parse_ok(buf));
	strcpy(buf + strlen(buf) - 4, "kombineret_udlejning when income < 1\nend\n");
	refused(buf, HA_E_RULES_LIMIT, HA_LIMIT_RULES, 3 + HA_MAX_RULES, 1, NULL);
	/* 8 versions fit in a text, 9 do not */
	buf[0] = '\0';
	for (i = 0; i <= HA_MAX_RULE_SETS; i++)
	{
		char		v[128];

		snprintf(v, sizeof(v), "rules v%d for the lists of %d to %d\n"
				 "an area counts when residents >= 1\nend\n", i, 2010 + i, 2010 + i);
		if (i == HA_MAX_RULE_SETS)
			CHECK(parse_ok(buf));
		strcat(buf, v);
	}
	refused(buf, HA_E_RULES_LIMIT, HA_LIMIT_VERSIONS, 3 * HA_MAX_RULE_SETS + 1,
			1, NULL);
}

/*
 * The gate on menapt instead of nonwestern: > at its boundary, unknown
 * menapt undetermined, the flag of criterion menapt, nonwestern untested.
 */
static void
test_menapt_gate(void)
{
	static const struct
	{
		const char *menapt;		/* NULL: unknown */
		HaCategory	category;
		HaTri		flag;
	}			cases[] = {
		{"50", HA_CAT_UDSAT, HA_FALSE},
		{"50.00001", HA_CAT_PARALLELSAMFUND, HA_TRUE},
		{"50.000004", HA_CAT_UDSAT, HA_FALSE},	/* rounds to 50 */
		{"50.000005", HA_CAT_PARALLELSAMFUND, HA_TRUE},	/* rounds to 50.00001 */
		{"49.99999", HA_CAT_UDSAT, HA_FALSE},
		{NULL, HA_CAT_UNKNOWN, HA_UNKNOWN},
	};
	const HaRuleSet *s;
	HaError		err;
	int			i;

	CHECK(parse_ok("rules menapt for the lists of 2021 onward\n"
				   "an area counts when residents >= 1000\n"
				   "udsat when at least 2 of (outside_labour > 40, convicted >= 3 x "
				   "national_convicted, basic_education > 60, income < 55)\n"
				   "parallelsamfund when udsat and menapt > 50\nend\n"));
	s = ha_rules_for_year(&scratch, 2024, &err);
	CHECK(s != NULL && s->rules[1].checks[0].criterion == HA_CRIT_MENAPT);
	CHECK(strcmp(ha_criterion_name(HA_CRIT_MENAPT), "menapt") == 0);
	for (i = 0; i < (int) lengthof(cases); i++)
	{
		char		text[200];
		HaIndicators ind;
		HaClassification c;

		snprintf(text, sizeof(text), "residents=1913 nonwestern=60 outside_labour=44.6 "
				 "basic_education=67.4 income=61.8%s%s",
				 cases[i].menapt ? " menapt=" : "",
				 cases[i].menapt ? cases[i].menapt : "");
		CHECK(ha_ind_parse(text, &ind, &err));
		ha_classify(&ind, 2024, s, &c);
		CHECK(c.category == cases[i].category);
		CHECK(c.flag_defined[HA_CRIT_MENAPT] && c.flag[HA_CRIT_MENAPT] == cases[i].flag);
		CHECK(!c.flag_defined[HA_CRIT_NONWESTERN]);
		CHECK(ha_category(&ind, 2024, s) == cases[i].category);
	}
	/* the built-in versions never test it */
	for (i = 0; i < builtin->nsets; i++)
	{
		HaIndicators ind;
		HaClassification c;

		CHECK(ha_ind_parse("residents=1913 menapt=90", &ind, &err));
		ha_classify(&ind, 2024, &builtin->sets[i], &c);
		CHECK(!c.flag_defined[HA_CRIT_MENAPT]);
	}
}

/* A parsed text classifies: a what-if without the non-Western gate. */
static void
test_what_if(void)
{
	HaIndicators ind;
	HaError		err;
	HaClassification c;
	const HaRuleSet *s;

	CHECK(parse_ok("rules nogate for the lists of 2021 onward\n"
				   "an area counts when residents >= 1000\n"
				   "udsat when at least 2 of (outside_labour > 40, convicted >= 3 x "
				   "national_convicted, basic_education > 60, income < 55)\n"
				   "parallelsamfund when udsat\nend\n"));
	memcpy(&scratch2, &scratch, sizeof(scratch));	/* a book may be copied */
	s = ha_rules_for_year(&scratch2, 2024, &err);
	CHECK(s != NULL && strcmp(s->id, "nogate") == 0);
	CHECK(ha_ind_parse("residents=1913 nonwestern=49.4 outside_labour=44.6 "
					   "basic_education=67.4 income=61.8", &ind, &err));
	ha_classify(&ind, 2024, s, &c);
	CHECK(c.category == HA_CAT_PARALLELSAMFUND && c.criteria_met == 2);
	CHECK(!c.flag_defined[HA_CRIT_NONWESTERN]);
	CHECK(ha_category(&ind, 2024, s) == HA_CAT_PARALLELSAMFUND);
	/* before the first version's years: no rules */
	CHECK(ha_rules_for_year(&scratch2, 2020, &err) == NULL &&
		  err.kind == HA_E_NO_RULES_FOR_YEAR && err.about.n[1] == 2021);

	/* a version without list years: any year, its history from its year */
	CHECK(parse_ok("rules nogate \"what if\"\n"
				   "an area counts when residents >= 1000\n"
				   "udsat when at least 1 of (outside_labour > 40, income < 55)\n"
				   "parallelsamfund when udsat\n"
				   "omdannelse from the list of 2019 when parallelsamfund on each of "
				   "the last 3 lists\nend\n"));
	s = &scratch.sets[0];
	CHECK(scratch.nsets == 1 && s->first_year == 0 && s->last_year == 0);
	CHECK(ha_rules_for_year(&scratch, 2010, &err) == s);
	ha_classify(&ind, 2010, s, &c);
	CHECK(c.category == HA_CAT_PARALLELSAMFUND && c.criteria_met == 1);
	CHECK(!ha_set_omdannelse(s, 3, 2018) && ha_set_omdannelse(s, 3, 2019) &&
		  !ha_set_omdannelse(s, 2, 2019) && ha_set_omdannelse(s, 50, 9999));
	CHECK(ha_set_omdannelse_possible(s, 2019) &&
		  !ha_set_omdannelse_possible(s, 2018));
	/* dk2021's rule is in force from 2021, dk2010 has none */
	CHECK(ha_set_omdannelse(&builtin->sets[3], 5, 2021) &&
		  !ha_set_omdannelse(&builtin->sets[3], 4, 2021) &&
		  !ha_set_omdannelse(&builtin->sets[0], 50, 2021));
}

int
main(void)
{
	builtin = unit_builtin_book();
	RUN(test_builtin_versions);
	RUN(test_round_trip);
	RUN(test_flags);
	RUN(test_compiled);
	RUN(test_constructs);
	RUN(test_syntax_errors);
	RUN(test_invalid);
	RUN(test_history_rule_errors);
	RUN(test_consequence_errors);
	RUN(test_limits);
	RUN(test_menapt_gate);
	RUN(test_what_if);
	return unit_done("rulelang");
}
