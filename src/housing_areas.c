/*
 * housing_areas.c
 *		Module entry point, the built-in rule text parsed once per backend,
 *		the bridge from core errors to ereport() (every message of the
 *		core's errors is written here), and the record helpers shared by
 *		the types: key hints, range sentences, binary send/recv of the
 *		fields.
 */
#include "housing_areas.h"

#include "libpq/pqformat.h"
#include "utils/elog.h"
#include "utils/guc.h"
#include "utils/memutils.h"

#include "core/ha_number.h"
#include "core/history.h"
#include "core/rulelang.h"
#include "core/rules.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* housing_areas.min_cell_count: person counts below it are not shown. */
static int	min_cell_count = 5;

/* Module load: define the configuration parameters. */
void
_PG_init(void)
{
	DefineCustomIntVariable("housing_areas.min_cell_count",
							"Smallest person count the views and reports show.",
							"Counts of persons from 1 up to one less than this are suppressed "
							"(shown as NULL), as Danish register data rules require; so are "
							"shares of a population this small.",
							&min_cell_count,
							5, 1, 1000,
							PGC_USERSET, 0,
							NULL, NULL, NULL);
	MarkGUCPrefixReserved("housing_areas");
}

/* The built-in rule text, parsed by the first function that needs it. */
static HaRuleBook *rule_book = NULL;

/*
 * The rule versions and consequences of src/core/builtin.rules, which the
 * library embeds: parsed on first use into TopMemoryContext and kept for
 * the life of the backend.  The text is fixed at build time, and the unit
 * tests parse it, so an error here means a broken build.
 */
const HaRuleBook *
ha_rule_book(void)
{
	if (rule_book == NULL)
	{
		HaRuleBook *book = MemoryContextAlloc(TopMemoryContext,
											  sizeof(HaRuleBook));
		HaError		err;

		if (!ha_rules_parse(ha_builtin_rules, ha_builtin_rules_len, book,
							&err))
		{
			pfree(book);
			ha_report(&err);
		}
		rule_book = book;
	}
	return rule_book;
}

PG_FUNCTION_INFO_V1(ha_min_cell_count);
/* min_cell_count(): the current value of housing_areas.min_cell_count. */
Datum
ha_min_cell_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(min_cell_count);
}

/* SQLSTATE of a core error class. */
static int
sqlstate_of(HaErrorCode code)
{
	switch (code)
	{
		case HA_ERR_SYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case HA_ERR_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case HA_ERR_PARAM:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case HA_ERR_LIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case HA_ERR_BINARY:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case HA_ERR_GRAMMAR:
			return ERRCODE_SYNTAX_ERROR;
		case HA_OK:
			break;
	}
	return ERRCODE_INVALID_PARAMETER_VALUE;
}

/*
 * The sentence saying which values a key (or person value) takes, from its
 * unit and range, translated: the detail of a value out of range, the hint
 * of a value that is no number.
 */
char *
ha_range_sentence(const HaFieldSpec *field)
{
	const char *key = field->key;
	char		lo[HA_DOUBLE_BUFLEN];
	char		hi[HA_DOUBLE_BUFLEN];

	ha_format_double(field->min, lo);
	ha_format_double(field->max, hi);
	switch (field->unit)
	{
		case HA_UNIT_RESIDENTS:
			return psprintf(_("Key \"%s\" takes a whole number of residents from %s to %s."),
							key, lo, hi);
		case HA_UNIT_PERCENT:
			if (field->min_exclusive)
				return psprintf(_("Key \"%s\" takes a percentage greater than %s and at most %s."),
								key, lo, hi);
			return psprintf(_("Key \"%s\" takes a percentage from %s to %s."),
							key, lo, hi);
		case HA_UNIT_REGIONAL_PERCENT:
			return psprintf(_("Key \"%s\" takes a percentage of the regional mean from %s to %s."),
							key, lo, hi);
		case HA_UNIT_COUNT:
			return psprintf(_("Key \"%s\" takes a whole number from %s to %s."),
							key, lo, hi);
		case HA_UNIT_AMOUNT:
			ha_tally_bound_text(field, false, lo);
			ha_tally_bound_text(field, true, hi);
			return psprintf(_("Key \"%s\" takes an amount of kroner from %s to %s, kept in whole øre (more decimals are rounded, half away from zero)."),
							key, lo, hi);
		case HA_UNIT_FTE:
			ha_tally_bound_text(field, false, lo);
			ha_tally_bound_text(field, true, hi);
			return psprintf(_("Key \"%s\" takes a number of full-time persons from %s to %s, kept in millionths (more decimals are rounded, half away from zero)."),
							key, lo, hi);
		case HA_UNIT_AGE:
			return psprintf(_("An age is a whole number of years from %s to %s."),
							lo, hi);
		case HA_UNIT_YEAR_SHARE:
			return psprintf(_("%s is the share of the year the person spent outside the labour market and education, from %s to %s, counted in millionths; NULL counts as 0."),
							key, lo, hi);
		case HA_UNIT_GROSS_INCOME:
			return psprintf(_("A gross income is an amount of kroner from %s to %s, counted in whole øre; NULL means the person has no taxpayer record."),
							lo, hi);
	}
	return pstrdup(key);
}

/* errhint() listing the keys of a type, from its field list. */
int
errhint_valid_keys(const HaKvForm *form)
{
	StringInfoData keys;
	int			f;

	initStringInfo(&keys);
	for (f = 0; f < form->nfields - 1; f++)
		appendStringInfo(&keys, "%s%s", f > 0 ? ", " : "", form->fields[f].key);
	return errhint("Valid keys are %s and %s.", keys.data,
				   form->fields[form->nfields - 1].key);
}

/* errdetail() (or errhint()) saying which values the key of err takes. */
static int
errdetail_range(const HaError *err, bool as_hint)
{
	char	   *sentence = ha_range_sentence(err->about.field);

	return as_hint ? errhint("%s", sentence) : errdetail_internal("%s", sentence);
}

/* The detail and hint of a malformed text input (the message is shared). */
static int
describe_syntax(const HaError *err)
{
	const HaErrorAbout *a = &err->about;

	switch (err->kind)
	{
		case HA_E_EMPTY:
			errdetail("The input is empty.");
			return errhint("Give at least one key=value pair, for example \"residents=1913\".");
		case HA_E_NO_KEY:
			return errdetail("A value has no key before \"=\".");
		case HA_E_TWO_SEPARATORS:
			errdetail("Two separators follow each other.");
			return errhint("Separate pairs with blanks or a single comma.");
		case HA_E_TRAILING_COMMA:
			return errdetail("The input ends with a comma.");
		case HA_E_MISSING_EQUALS:
			return errdetail("Expected \"=\" directly after key \"%s\".", a->field->key);
		default:
			errdetail("Key \"%s\" has no value.", a->field->key);
			if (a->form->absent_is_zero)
				return errhint("Leave a key out to count 0.");
			return errhint("Leave a key out to mark its value unknown.");
	}
}

/* The detail of a record no text input could produce (the message is shared). */
static int
describe_binary(const HaError *err)
{
	const HaErrorAbout *a = &err->about;

	switch (err->kind)
	{
		case HA_E_BAD_VERSION:
			return errdetail("Layout version %lld is not supported; this build reads layout versions 1 and %lld.",
							 a->n[0], a->n[1]);
		case HA_E_NOT_ROUNDED:
			return errdetail("Key \"%s\" holds more than 5 decimals, which is not canonical.",
							 a->field->key);
		case HA_E_V2_WITHOUT_MENAPT:
			return errdetail("Layout version 2 is written only for a value with a known menapt, and this one has none.");
		case HA_E_PACKED_OUT_OF_RANGE:
			return errdetail("Key \"%s\" holds the packed integer %lld, beyond its range.",
							 a->field->key, a->n[0]);
		case HA_E_RESERVED_NOT_ZERO:
			return errdetail_plural("The reserved byte is not zero.",
									"The reserved bytes are not zero.",
									(unsigned long) a->n[0]);
		case HA_E_UNKNOWN_FIELD_BITS:
			return errdetail("The field mask has bits for fields that do not exist.");
		case HA_E_UNKNOWN_HOLDS_VALUE:
			return errdetail("Key \"%s\" is marked unknown but holds a value.",
							 a->field->key);
			/* exact tallies (layout version 2) */
		case HA_E_TALLY_VERSION:
			return errdetail("Layout version %lld is not supported; this build reads layout versions 1 to %lld.",
							 a->n[0], a->n[1]);
		case HA_E_TALLY_MENAPT_HEADER:
			return errdetail("Layout version 3 must hold a MENAPT count, and the header holds none.");
		default:
			/* indicators has always said this without naming the key */
			if (a->form == &ha_ind_form)
				return errdetail("Negative zero is not canonical.");
			return errdetail("Key \"%s\" holds negative zero, which is not canonical.",
							 a->field->key);
	}
}

/*
 * "a, b, c and d" of the names of the built-in rule versions, with `more`
 * as the last item when given; `conjunction` is "and" or "or".
 */
char *
ha_version_list(const char *more, const char *conjunction)
{
	const HaRuleBook *book = ha_rule_book();
	StringInfoData list;
	int			n = book->nsets + (more != NULL);
	int			i;

	initStringInfo(&list);
	for (i = 0; i < n; i++)
		appendStringInfo(&list, "%s%s",
						 i == 0 ? "" : i == n - 1 ? psprintf(" %s ", conjunction) : ", ",
						 i < book->nsets ? book->sets[i].id : more);
	return list.data;
}

/* "a, b and c" (or "or c") of the names of the consequence constants. */
static char *
consequence_list(const char *conjunction)
{
	StringInfoData list;
	int			i;

	initStringInfo(&list);
	for (i = 0; i < HA_NCONSEQUENCES; i++)
		appendStringInfo(&list, "%s%s",
						 i == 0 ? "" : i == HA_NCONSEQUENCES - 1 ?
						 psprintf(" %s ", conjunction) : ", ",
						 ha_consequence_name((HaConsequenceId) i));
	return list.data;
}

/*
 * "omdannelse, parallelsamfund, udsat, forebyggelse, none and unknown": the
 * category names of the rule engine (the labels of the enum category), most
 * severe first, unknown last.
 */
static char *
category_list(const char *conjunction)
{
	StringInfoData list;
	int			c;

	initStringInfo(&list);
	for (c = HA_CAT_OMDANNELSE; c >= HA_CAT_NONE; c--)
		appendStringInfo(&list, "%s, ", ha_category_name((HaCategory) c));
	list.len -= 2;
	list.data[list.len] = '\0';
	appendStringInfo(&list, " %s %s", conjunction, ha_category_name(HA_CAT_UNKNOWN));
	return list.data;
}

/* What the rule parser expected, as the end of "Expected ...". */
static char *
expected_phrase(const HaError *err)
{
	StringInfoData keys;
	int			f,
				last = 0;

	switch ((HaRulesExpect) err->about.what)
	{
		case HA_EXPECT_PRINTABLE:
			return _("a printable character");
		case HA_EXPECT_DIGIT:
			return _("a digit after the decimal point");
		case HA_EXPECT_QUOTE:
			return _("the closing quote of the paragraph on the same line");
		case HA_EXPECT_WORD:
			return psprintf("\"%s\"", err->about.word);
		case HA_EXPECT_BLOCK:
			return _("\"rules\" or \"consequences\"");
		case HA_EXPECT_NAME:
			return _("the name of a rule version");
		case HA_EXPECT_YEAR:
			return _("a list year of four digits");
		case HA_EXPECT_YEAR_END:
			return _("\"to\" and the last list year, or \"onward\"");
		case HA_EXPECT_LINE_END:
			return _("the end of the line");
		case HA_EXPECT_RULE:
			return _("a category (udsat, parallelsamfund, omdannelse, forebyggelse or kombineret_udlejning) or \"end\"");
		case HA_EXPECT_CATEGORY:
			return _("a category (udsat, parallelsamfund or forebyggelse)");
		case HA_EXPECT_CONDITION:
			return _("a comparison such as \"outside_labour > 40\", a category or \"at least\"");
		case HA_EXPECT_INDICATOR:
			/* the keys a comparison can read: all but national_convicted */
			initStringInfo(&keys);
			for (f = 0; f < HA_IND_NFIELDS; f++)
				if (ha_criterion_of_field((HaIndField) f) != HA_NCRIT)
					last = f;
			for (f = 0; f < HA_IND_NFIELDS; f++)
				if (ha_criterion_of_field((HaIndField) f) != HA_NCRIT)
					appendStringInfo(&keys, "%s%s", keys.len == 0 ? "" :
									 f == last ? " or " : ", ",
									 ha_ind_fields[f].key);
			return psprintf(_("an indicator (%s)"), keys.data);
		case HA_EXPECT_OPERATOR:
			return _("an operator: >, >=, < or <=");
		case HA_EXPECT_NUMBER:
			return _("a number");
		case HA_EXPECT_WHOLE:
			return _("a whole number");
		case HA_EXPECT_LIST_NEXT:
			return _("\",\" or \")\"");
		case HA_EXPECT_CONDITION_END:
			return _("\"and\", \", unless\" or the end of the line");
		case HA_EXPECT_CONSEQUENCE:
			return psprintf(_("a consequence (%s) or \"end\""), consequence_list("or"));
		case HA_EXPECT_UNIT:
			return _("a unit: percent, years, lists, m2 or residents");
	}
	return "?";
}

/* The message of a syntax error in a rule text. */
static int
describe_rules_syntax(const HaError *err)
{
	const HaErrorAbout *a = &err->about;

	if (a->what == HA_EXPECT_PRINTABLE)
	{
		errmsg("invalid byte 0x%02llX in rule text", (unsigned long long) a->n[0]);
		return errdetail("At line %d, column %d: only printable UTF-8 characters, tabs and line breaks are allowed.",
						 a->line, a->column);
	}
	if (err->value[0] == '\0')
		errmsg("syntax error at end of rule text");
	else if (strcmp(err->value, "\n") == 0)
		errmsg("syntax error at end of line %d of rule text", a->line);
	else
		errmsg("syntax error in rule text at or near \"%s\"", err->value);
	return errdetail("Expected %s at line %d, column %d.", expected_phrase(err),
					 a->line, a->column);
}

/* The hint of the problems of the order of a category's rules. */
#define HINT_CATEGORY_ORDER \
	gettext_noop("Write the rules of a category before the rules that refer to it.")

/*
 * The message of each problem of a rule text whose message names at most
 * the value of the error, and its hint or NULL (none: the message is
 * worded in describe_rules_invalid).
 */
static const struct
{
	const char *message;
	const char *hint;
}			rules_problems[HA_PROBLEM_YEARLESS_NOT_ALONE + 1] = {
	[HA_PROBLEM_DUPLICATE_VERSION] = {gettext_noop("rule version \"%s\" is defined twice"), NULL},
	[HA_PROBLEM_AFTER_ONWARD] = {gettext_noop("no rule version can follow \"%s\", which runs onward"), gettext_noop("Give it a last year: \"for the lists of 2021 to 2025\".")},
	[HA_PROBLEM_NOT_DEFINED] = {gettext_noop("category \"%s\" is used before it has a rule"), HINT_CATEGORY_ORDER},
	[HA_PROBLEM_NOT_A_CONDITION] = {gettext_noop("category \"%s\" cannot be part of a condition"), gettext_noop("A rule can refer to udsat, parallelsamfund and forebyggelse.")},
	[HA_PROBLEM_DEFINED_AFTER_USE] = {gettext_noop("category \"%s\" has a rule after a rule that refers to it"), HINT_CATEGORY_ORDER},
	[HA_PROBLEM_UNLESS_DIFFERS] = {gettext_noop("the rules of category \"%s\" have different \"unless\" clauses"), gettext_noop("Give every rule of a category the same \"unless\" clause, or none.")},
	[HA_PROBLEM_TWO_CATEGORIES] = {gettext_noop("a rule can refer to one category only"), NULL},
	[HA_PROBLEM_TWO_COUNTS] = {gettext_noop("a rule can have one \"at least ... of\" only"), NULL},
	[HA_PROBLEM_MULTIPLE_RANGE] = {gettext_noop("invalid multiple \"%s\" of national_convicted"), gettext_noop("A multiple is a whole number from 1 to 9.")},
	[HA_PROBLEM_NOT_RELATIVE] = {gettext_noop("key \"%s\" cannot be compared with a multiple of national_convicted"), gettext_noop("Only convicted can, as in \"convicted >= 3 x national_convicted\".")},
	[HA_PROBLEM_NATIONAL_ALONE] = {gettext_noop("national_convicted can only be the base of a multiple"), gettext_noop("Write, for example, \"convicted >= 3 x national_convicted\".")},
	[HA_PROBLEM_HISTORY_CATEGORY] = {gettext_noop("category \"%s\" cannot be decided by the history of the lists"), gettext_noop("Only omdannelse is: \"omdannelse when parallelsamfund on each of the last 5 lists\".")},
	[HA_PROBLEM_OMDANNELSE_HISTORY] = {gettext_noop("omdannelse is decided by the history of the lists"), gettext_noop("Write \"omdannelse when parallelsamfund on each of the last 5 lists\".")},
	[HA_PROBLEM_HISTORY_OF] = {gettext_noop("omdannelse follows the parallelsamfund list, not \"%s\""), NULL},
	[HA_PROBLEM_OMDANNELSE_TWICE] = {gettext_noop("a rule version can have one omdannelse rule only"), NULL},
	[HA_PROBLEM_TWO_PARAGRAPHS] = {gettext_noop("a rule can have one paragraph only"), NULL},
	[HA_PROBLEM_NO_VERSIONS] = {gettext_noop("the rule text defines no rule version"), gettext_noop("Start a version with \"rules NAME for the lists of YEAR onward\".")},
	[HA_PROBLEM_TWO_CONSEQUENCE_BLOCKS] = {gettext_noop("the rule text has two consequences blocks"), NULL},
	[HA_PROBLEM_DUPLICATE_CONSEQUENCE] = {gettext_noop("consequence \"%s\" is given twice"), NULL},
	[HA_PROBLEM_YEARLESS_NOT_ALONE] = {gettext_noop("rule version \"%s\" has no list years, so it must be the only version of its text"), gettext_noop("Give every version its years (\"for the lists of 2021 onward\"), or define the version without years alone, with create_rules().")},
};
#undef HINT_CATEGORY_ORDER

/* The message of a rule text the evaluator could not run. */
static int
describe_rules_invalid(const HaError *err)
{
	const HaErrorAbout *a = &err->about;
	const char *v = err->value;

	/* (a problem added after the table's last entry has no message there) */
	if ((size_t) a->what < lengthof(rules_problems) &&
		rules_problems[a->what].message != NULL)
	{
		errmsg(_(rules_problems[a->what].message), v);
		if (rules_problems[a->what].hint != NULL)
			errhint("%s", _(rules_problems[a->what].hint));
	}
	switch ((HaRulesProblem) a->what)
	{
		case HA_PROBLEM_YEARS_REVERSED:
			errmsg("the last list year %lld comes before the first, %lld",
				   a->n[1], a->n[0]);
			break;
		case HA_PROBLEM_YEARS_GAP:
			errmsg("rule version starts with list year %lld instead of %lld",
				   a->n[0], a->n[1]);
			errhint("Each version starts the year after the one before it ends.");
			break;
		case HA_PROBLEM_FROM_YEAR:
			errmsg("list year %lld is not one of the rule version's list years",
				   a->n[0]);
			break;
		case HA_PROBLEM_NEEDED_RANGE:
			errmsg("\"at least %lld of\" %lld criteria is not a test", a->n[0],
				   a->n[1]);
			errhint("The number must be from 1 to the number of criteria listed.");
			break;
		case HA_PROBLEM_THRESHOLD_RANGE:
			errmsg("threshold %s is out of range for key \"%s\"", v,
				   a->field->key);
			errhint("%s", ha_range_sentence(a->field));
			break;
		case HA_PROBLEM_LISTS_RANGE:
			errmsg("%lld lists is out of range for the omdannelse rule", a->n[0]);
			errhint("Give from 1 to %lld lists.", a->n[1]);
			break;
		case HA_PROBLEM_UNKNOWN_CONSEQUENCE:
			errmsg("unknown consequence \"%s\"", v);
			errhint("Valid consequences are %s.", consequence_list("and"));
			break;
		case HA_PROBLEM_WRONG_UNIT:
			errmsg("wrong unit for consequence \"%s\"", v);
			if (strcmp(a->word, "year") == 0)
				errhint("It is a calendar year: write \"%s is the year 2030\".", v);
			else
				errhint("It is given in %s.", a->word);
			break;
		case HA_PROBLEM_CONSEQUENCE_RANGE:
			errmsg("value %s is out of range for consequence \"%s\"", v, a->word);
			if (a->n[0] == 0 && a->n[1] == 100)
				errhint("A percentage is above 0 and at most 100, with at most 6 decimals.");
			else
				errhint("A whole number from %lld to %lld.", a->n[0], a->n[1]);
			break;
		default:
			break;
	}
	return errdetail("At line %d, column %d of the rule text.", a->line,
					 a->column);
}

/*
 * The message of each capacity of the rule parser, and the hint that gives
 * the capacity (HaRulesLimit order).
 */
static const struct
{
	const char *message;
	const char *hint;
}			rules_limits[] = {
	{gettext_noop("rule text is too long"), gettext_noop("At most %lld bytes are accepted.")},
	{gettext_noop("too many rule versions"), gettext_noop("At most %lld versions are accepted.")},
	{gettext_noop("too many rules in one rule version"), gettext_noop("At most %lld category rules are accepted.")},
	{gettext_noop("too many comparisons in one rule"), gettext_noop("At most %lld comparisons are accepted.")},
	{gettext_noop("rule version name is too long"), gettext_noop("At most %lld characters are accepted.")},
	{gettext_noop("number is too long"), gettext_noop("At most %lld digits are accepted.")},
};

/* The message of a rule text beyond a capacity of the parser. */
static int
describe_rules_limit(const HaError *err)
{
	const HaErrorAbout *a = &err->about;

	StaticAssertStmt(lengthof(rules_limits) == HA_LIMIT_NUMBER + 1,
					 "a message for each capacity");
	errmsg("%s", _(rules_limits[a->what].message));
	errhint(_(rules_limits[a->what].hint), a->n[0]);
	return errdetail("At line %d, column %d of the rule text.", a->line,
					 a->column);
}

/*
 * The message, detail and hint of each kind of core error, for ereport():
 * every sentence is a literal, translatable format string.  Kinds that
 * share a message share a case.
 */
static int
describe(const HaError *err)
{
	const HaErrorAbout *a = &err->about;

	switch (err->kind)
	{
		case HA_E_TOO_LONG:
			errmsg("%s input is too long", a->form->type_name);
			return errdetail("The input is %lld bytes long; at most %lld are accepted.",
							 a->n[0], a->n[1]);
		case HA_E_CONTROL_CHAR:
			errmsg("invalid input syntax for type %s", a->form->type_name);
			return errdetail("Control character 0x%02llX at byte %lld is not allowed.",
							 (unsigned long long) a->n[0], a->n[1]);
		case HA_E_EMPTY:
		case HA_E_NO_KEY:
		case HA_E_TWO_SEPARATORS:
		case HA_E_TRAILING_COMMA:
		case HA_E_MISSING_EQUALS:
		case HA_E_NO_VALUE:
			errmsg("invalid input syntax for type %s: \"%s\"",
				   a->form->type_name, err->value);
			return describe_syntax(err);
		case HA_E_UNKNOWN_KEY:
			errmsg("unknown key \"%s\" in %s input", err->value, a->form->type_name);
			return errhint_valid_keys(a->form);
		case HA_E_DUPLICATE_KEY:
			errmsg("duplicate key \"%s\" in %s input", a->field->key,
				   a->form->type_name);
			return errhint("Give each key at most once.");
		case HA_E_NOT_A_NUMBER:
		case HA_E_NOT_WHOLE:
		case HA_E_NAN:
			errmsg("invalid value \"%s\" for key \"%s\"", err->value, a->field->key);
			if (err->kind == HA_E_NAN)
				errdetail("NaN is not a valid value.");
			else if (err->kind == HA_E_NOT_WHOLE)
				errdetail("The value must be a whole number.");
			else
				errdetail("The value is not a number.");
			return errdetail_range(err, true);
		case HA_E_OUT_OF_RANGE:
		case HA_E_PART_EXCEEDS_WHOLE:
		case HA_E_INCOME_WITHOUT_TAXPAYERS:
		case HA_E_INCOME_OUT_OF_RANGE:
			errmsg("value \"%s\" is out of range for key \"%s\"", err->value,
				   a->field->key);
			if (err->kind == HA_E_PART_EXCEEDS_WHOLE)
				return errdetail("Key \"%s\" counts part of key \"%s\" and cannot exceed its value %lld.",
								 a->field->key, a->other->key, a->n[0]);
			if (err->kind == HA_E_INCOME_WITHOUT_TAXPAYERS)
				return errdetail("Key \"%s\" must be 0 when key \"%s\" is 0.",
								 a->field->key, a->other->key);
			errdetail_range(err, false);
			if (err->kind == HA_E_INCOME_OUT_OF_RANGE)
				return errhint("The mean income of the area's taxpayers is compared with regional_income; give both in the same unit (kroner).");
			return 0;
		case HA_E_BAD_VERSION:
		case HA_E_RESERVED_NOT_ZERO:
		case HA_E_UNKNOWN_FIELD_BITS:
		case HA_E_UNKNOWN_HOLDS_VALUE:
		case HA_E_NEGATIVE_ZERO:
		case HA_E_NOT_ROUNDED:
		case HA_E_V2_WITHOUT_MENAPT:
		case HA_E_PACKED_OUT_OF_RANGE:
		case HA_E_TALLY_VERSION:
		case HA_E_TALLY_MENAPT_HEADER:
			errmsg("invalid binary representation of type %s", a->form->type_name);
			return describe_binary(err);
		case HA_E_TALLY_V1_OUT_OF_RANGE:
			errmsg("value \"%s\" is out of range for key \"%s\"", err->value,
				   a->field->key);
			errdetail("The tally was stored in layout version 1 (housing_areas 0.2.0 or earlier, sums in float8), and the value has no equivalent in layout version 2.");
			return errdetail_range(err, true);
		case HA_E_NOTHING_KNOWN:
			errmsg("an indicators record must have at least one known value");
			errdetail("Every value is unknown.");
			return errhint("Give at least one value, for example \"residents=1913\".");
		case HA_E_SUM_OUT_OF_RANGE:
			errmsg("tally value out of range for key \"%s\"", a->field->key);
			if (a->field->unit != HA_UNIT_COUNT)
				return errdetail_range(err, false);
			return errdetail("Counts go up to %.0f.", a->field->max);
		case HA_E_PERSON_NAN:
			errmsg("%s must be a number, not NaN", a->field->key);
			return errdetail_range(err, false);
		case HA_E_PERSON_OUT_OF_RANGE:
			errmsg("%s %s is out of range", a->field->key, err->value);
			return errdetail_range(err, false);
		case HA_E_REGIONAL_INCOME:
			errmsg("regional_income %s is not a positive amount", err->value);
			return errdetail("It is the mean gross income of taxpayers aged 15-64, students excluded, in the region, a positive amount.");
		case HA_E_NO_RULES_FOR_YEAR:
			errmsg("no list rules for year %lld", a->n[0]);
			return errdetail("The first lists were published in %lld.", a->n[1]);
		case HA_E_UNKNOWN_RULE_VERSION:
			errmsg("unknown rule version \"%s\"", err->value);
			return errhint("Valid rule versions are %s, and the rule sets made with create_rules() (housing_areas.rule_set).", ha_version_list(NULL, "and"));
		case HA_E_UNKNOWN_RULES_BLOCK:
			errmsg("unknown rule version \"%s\"", err->value);
			return errhint("Valid names are %s, and the rule sets made with create_rules() (housing_areas.rule_set).", ha_version_list("consequences", "and"));
		case HA_E_UNKNOWN_CONSEQUENCE:
		case HA_E_NO_CONSEQUENCE:
			errmsg("unknown consequence \"%s\"", err->value);
			if (err->kind == HA_E_NO_CONSEQUENCE)
				return errdetail("The rule text does not give it.");
			return errhint("Valid consequences are %s.", consequence_list("and"));
		case HA_E_RULES_SYNTAX:
			return describe_rules_syntax(err);
		case HA_E_RULES_INVALID:
			return describe_rules_invalid(err);
		case HA_E_RULES_LIMIT:
			return describe_rules_limit(err);
		case HA_E_UNKNOWN_CATEGORY:
			errmsg("unknown category \"%s\"", err->value);
			return errhint("Valid categories are %s.", category_list("and"));
		case HA_E_UNKNOWN_LANGUAGE:
			errmsg("unsupported label language \"%s\"", err->value);
			return errhint("Use \"da\" or \"en\".");
		case HA_E_YEARS_OUT_OF_ORDER:
			errmsg("years_on_list needs rows in ascending list_year order");
			errdetail("List year %lld came after %lld.", a->n[0], a->n[1]);
			return errhint("Use years_on_list(...) OVER (PARTITION BY area ORDER BY list_year), with one row per area and year.");
		case HA_E_NEGATIVE_COUNT:
		case HA_E_BAD_FLOOR_AREA:
			errmsg("invalid value \"%s\" for argument \"%s\"", err->value, a->arg);
			if (err->kind == HA_E_NEGATIVE_COUNT)
				return errdetail("Dwelling counts cannot be negative.");
			return errdetail("Commercial floor area is a number of m² from 0 to %.0f.",
							 HA_MAX_COMMERCIAL_M2);
		case HA_E_MORE_FAMILY_UNITS:
			errmsg("more family units than dwellings");
			return errdetail("family_units is %lld but dwellings is %lld; family units are counted among all dwellings.",
							 a->n[0], a->n[1]);
		case HA_E_NO_DWELLINGS:
			errmsg("no dwellings to compute a family housing share of");
			return errdetail("Dwellings, demolished units and whole %lld m² units of commercial floor area add up to 0.",
							 a->n[0]);
		case HA_E_NONE:
		case HA_NKINDS:
			break;
	}
	return errmsg_internal("unexpected core error %s", ha_error_name(err->kind));
}

/*
 * Raise a core error as a PostgreSQL ERROR: the SQLSTATE of its class and
 * the message, detail and hint of its kind.
 */
void
ha_report(const HaError *err)
{
	ereport(ERROR,
			(errcode(sqlstate_of(err->code)),
			 describe(err)));
	pg_unreachable();
}

/* Refuse a binary input that does not hold exactly len bytes of form. */
void
ha_check_binary_length(StringInfo buf, const HaKvForm *form, int len)
{
	int			remaining = buf->len - buf->cursor;

	if (remaining != len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation of type %s",
						form->type_name),
				 errdetail("Expected %d bytes, got %d.", len, remaining)));
}

/*
 * Send the fields of rec in field order, each as its bytes in network byte
 * order: int4, int8, and float8 as pq_sendfloat8 sends it (its bits as an
 * int8).
 */
void
ha_send_fields(StringInfo buf, const HaKvForm *form, const void *rec)
{
	int			f;

	for (f = 0; f < form->nfields; f++)
	{
		const char *p = (const char *) rec + form->fields[f].offset;
		uint32		bits32;
		uint64		bits64;

		if (ha_field_size(&form->fields[f]) == sizeof(bits32))
		{
			memcpy(&bits32, p, sizeof(bits32));
			pq_sendint32(buf, bits32);
		}
		else
		{
			memcpy(&bits64, p, sizeof(bits64));
			pq_sendint64(buf, bits64);
		}
	}
}

/* Receive the fields of rec in field order, the inverse of ha_send_fields. */
void
ha_recv_fields(StringInfo buf, const HaKvForm *form, void *rec)
{
	int			f;

	for (f = 0; f < form->nfields; f++)
	{
		char	   *p = (char *) rec + form->fields[f].offset;
		uint32		bits32;
		uint64		bits64;

		if (ha_field_size(&form->fields[f]) == sizeof(bits32))
		{
			bits32 = pq_getmsgint(buf, sizeof(bits32));
			memcpy(p, &bits32, sizeof(bits32));
		}
		else
		{
			bits64 = pq_getmsgint64(buf);
			memcpy(p, &bits64, sizeof(bits64));
		}
	}
}
