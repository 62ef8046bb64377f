/*
 * rulelang.h
 *		The rule language: a text that reads like the law, parsed into the
 *		rule versions the evaluator runs (rules.h).
 *
 * Pure C99: no allocation, no PostgreSQL headers.  ha_rules_parse fills a
 * caller's HaRuleBook; the book's spans point into the text, which must
 * outlive it.  A refusal is an HaError of kind HA_E_RULES_SYNTAX (42601:
 * what was expected, what was found), HA_E_RULES_INVALID (22P02: well
 * formed, but not a rule set the evaluator can run) or HA_E_RULES_LIMIT
 * (54000: a capacity of HaRuleBook), always with the line and column (from
 * 1; columns count characters) of the offending token.  The language is
 * described in docs/rule-language.md.
 */
#ifndef HA_RULELANG_H
#define HA_RULELANG_H

#include <stdbool.h>

#include "ha_error.h"
#include "rules.h"

/* Longest rule text accepted, in bytes. */
#define HA_RULES_MAX_LEN (1024 * 1024)

/* Longest text a syntax error quotes as found, in bytes. */
#define HA_RULES_FOUND_LEN 40

/* HA_E_RULES_SYNTAX: what the parser expected (about.what). */
typedef enum HaRulesExpect
{
	HA_EXPECT_PRINTABLE,		/* n[0]: a control or non-UTF-8 byte found */
	HA_EXPECT_DIGIT,			/* a digit after the decimal point */
	HA_EXPECT_QUOTE,			/* the closing quote of a paragraph */
	HA_EXPECT_WORD,				/* about.word */
	HA_EXPECT_BLOCK,			/* "rules" or "consequences" */
	HA_EXPECT_NAME,				/* the name of a rule version */
	HA_EXPECT_YEAR,				/* a list year */
	HA_EXPECT_YEAR_END,			/* "to" and a year, or "onward" */
	HA_EXPECT_LINE_END,			/* the end of the line */
	HA_EXPECT_RULE,				/* a category and its rule, or "end" */
	HA_EXPECT_CATEGORY,			/* a category name */
	HA_EXPECT_CONDITION,		/* a comparison, a category or "at least" */
	HA_EXPECT_INDICATOR,		/* an indicator key */
	HA_EXPECT_OPERATOR,			/* >, >=, < or <= */
	HA_EXPECT_NUMBER,			/* a number */
	HA_EXPECT_WHOLE,			/* a whole number */
	HA_EXPECT_LIST_NEXT,		/* "," or ")" in a parenthesized list */
	HA_EXPECT_CONDITION_END,	/* "and", ", unless" or the end of the line */
	HA_EXPECT_CONSEQUENCE,		/* a consequence name, or "end" */
	HA_EXPECT_UNIT				/* percent, years, lists, m2 or residents */
} HaRulesExpect;

/* HA_E_RULES_INVALID: what is wrong (about.what); value and n as noted. */
typedef enum HaRulesProblem
{
	HA_PROBLEM_DUPLICATE_VERSION,	/* value: the name */
	HA_PROBLEM_YEARS_REVERSED,	/* n: first year, last year */
	HA_PROBLEM_YEARS_GAP,		/* n: first year, the year expected */
	HA_PROBLEM_AFTER_ONWARD,	/* value: the version that runs onward */
	HA_PROBLEM_FROM_YEAR,		/* n: the year, the version's first year */
	HA_PROBLEM_NOT_DEFINED,		/* value: the category used before its rule */
	HA_PROBLEM_NOT_A_CONDITION, /* value: a category no rule can test */
	HA_PROBLEM_DEFINED_AFTER_USE,	/* value: the category */
	HA_PROBLEM_UNLESS_DIFFERS,	/* value: the category */
	HA_PROBLEM_TWO_CATEGORIES,	/* value: the second category */
	HA_PROBLEM_TWO_COUNTS,		/* a second "at least" in one rule */
	HA_PROBLEM_NEEDED_RANGE,	/* n: k, the number of criteria */
	HA_PROBLEM_MULTIPLE_RANGE,	/* value: the multiple */
	HA_PROBLEM_NOT_RELATIVE,	/* value: the key compared with national */
	HA_PROBLEM_NATIONAL_ALONE,	/* national_convicted left of an operator */
	HA_PROBLEM_THRESHOLD_RANGE, /* value: the number; field: the key */
	HA_PROBLEM_HISTORY_CATEGORY,	/* value: a category given a history rule */
	HA_PROBLEM_OMDANNELSE_HISTORY,	/* omdannelse given a condition */
	HA_PROBLEM_HISTORY_OF,		/* value: the category runs are counted of */
	HA_PROBLEM_OMDANNELSE_TWICE,
	HA_PROBLEM_LISTS_RANGE,		/* n: the number of lists, the maximum */
	HA_PROBLEM_TWO_PARAGRAPHS,
	HA_PROBLEM_NO_VERSIONS,
	HA_PROBLEM_TWO_CONSEQUENCE_BLOCKS,
	HA_PROBLEM_UNKNOWN_CONSEQUENCE, /* value: the name */
	HA_PROBLEM_DUPLICATE_CONSEQUENCE,	/* value: the name */
	HA_PROBLEM_WRONG_UNIT,		/* value: the name; word: the unit it takes */
	HA_PROBLEM_CONSEQUENCE_RANGE,	/* value: the number; word: the name; n:
									 * min, max */
	HA_PROBLEM_YEARLESS_NOT_ALONE	/* value: the version without years */
} HaRulesProblem;

/* HA_E_RULES_LIMIT: which capacity (about.what); n[0] is the limit. */
typedef enum HaRulesLimit
{
	HA_LIMIT_TEXT,				/* bytes of the text */
	HA_LIMIT_VERSIONS,			/* versions in one text */
	HA_LIMIT_RULES,				/* category rules in one version */
	HA_LIMIT_CHECKS,			/* comparisons in one rule */
	HA_LIMIT_NAME,				/* bytes of a version name */
	HA_LIMIT_NUMBER				/* digits of a number */
} HaRulesLimit;

extern bool ha_rules_parse(const char *text, int length, HaRuleBook *book,
						   HaError *err);
extern bool ha_rules_block(const HaRuleBook *book, const char *name,
						   HaSpan *span, HaError *err);

#endif							/* HA_RULELANG_H */
