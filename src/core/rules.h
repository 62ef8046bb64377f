/*
 * rules.h
 *		The list rules of every version of almenboligloven § 61 a/§ 61 b as
 *		data, and the evaluator that reads them.
 *
 * Pure C.  The rules are written once, in the rule language, in
 * src/core/builtin.rules; rulelang.c parses a rule text into an HaRuleBook:
 * rule versions, each a list of category rules holding their checks, and
 * the consequence constants.  The evaluator uses three-valued logic: a
 * check on a missing value is unknown, and a category is decided only when
 * the known checks decide it.
 *
 * An HaRuleBook holds no pointers into itself, so it may be copied; its
 * spans point into the rule text it was parsed from, which must outlive it.
 */
#ifndef HA_RULES_H
#define HA_RULES_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "ha_error.h"
#include "ha_tri.h"
#include "indicators.h"

/* What a check looks at. */
typedef enum HaCriterion
{
	HA_CRIT_LABOUR = 0,			/* outside_labour */
	HA_CRIT_CONVICTIONS,		/* convicted (absolute or × national) */
	HA_CRIT_EDUCATION,			/* basic_education */
	HA_CRIT_INCOME,				/* income */
	HA_CRIT_NONWESTERN,			/* nonwestern */
	HA_CRIT_MENAPT,				/* menapt (user rule sets only) */
	HA_CRIT_RESIDENTS,			/* residents (size gates) */
	HA_NCRIT
} HaCriterion;

typedef enum HaOp
{
	HA_OP_GT,					/* "overstiger" */
	HA_OP_GE,					/* "mindst" */
	HA_OP_LT,					/* "udgør mindre end" */
	HA_OP_LE					/* "højst" (what-if rules only) */
} HaOp;

/* List categories, in increasing precedence; KOMBINERET is a flag only. */
typedef enum HaCategory
{
	HA_CAT_NONE = 0,
	HA_CAT_FOREBYGGELSE,
	HA_CAT_UDSAT,
	HA_CAT_PARALLELSAMFUND,
	HA_CAT_OMDANNELSE,
	HA_CAT_UNKNOWN,
	HA_CAT_KOMBINERET,
	HA_NCAT
} HaCategory;

/* A stretch of the rule text: byte offset and length (0, 0: none). */
typedef struct HaSpan
{
	int			offset;
	int			length;
} HaSpan;

/* One comparison of one indicator with a threshold. */
typedef struct HaCheck
{
	HaCriterion criterion;
	HaIndField	field;			/* the indicator it reads */
	HaOp		op;
	double		threshold;		/* the multiple, for times_national */
	bool		times_national; /* threshold multiplies national_convicted */
	int			multiple;		/* times_national: the whole multiple */
} HaCheck;

/* Capacities of a parsed rule text; exceeding one is an HA_E_RULES_LIMIT. */
#define HA_MAX_RULE_CHECKS 12	/* checks of one category rule */
#define HA_MAX_RULES 16			/* category rules of one version */
#define HA_MAX_RULE_SETS 8		/* versions in one rule text */
#define HA_RULES_NAME_LEN 32	/* longest version name, with its NUL */
/* distinct checks of one version: the size gate and every check of a rule */
#define HA_MAX_DISTINCT_CHECKS (1 + HA_MAX_RULES * HA_MAX_RULE_CHECKS)

/* How one category (or one alternative of the kombineret flag) is decided. */
typedef struct HaCategoryRule
{
	HaCategory	category;
	int			first_year;		/* first list year it exists, 0: always */
	HaCategory	requires;		/* must hold as well, or HA_CAT_NONE */
	HaCategory	excludes;		/* published list leaves these out, or NONE */
	int			ngates;			/* checks[0 .. ngates) must each hold */
	int			ncounted;		/* at least `needed` of the next ncounted */
	int			needed;
	bool		defines_flags;	/* some check of it is a composite's flag */
	uint16_t	flag_checks;	/* bit j: checks[j] gives its criterion's flag */
	uint8_t		distinct[HA_MAX_RULE_CHECKS];	/* checks[j] is the set's
												 * distinct[distinct[j]] */
	HaCheck		checks[HA_MAX_RULE_CHECKS]; /* gates, then counted */
	HaSpan		paragraph;		/* the paragraph of the law, as quoted */
} HaCategoryRule;

/* A version of the rules and the list years it governs. */
typedef struct HaRuleSet
{
	char		id[HA_RULES_NAME_LEN];
	int			first_year;		/* 0: no list years (a what-if set) */
	int			last_year;		/* 0: still in force, or no list years */
	HaCheck		size_gate;		/* applies to every rule below */
	HaCategoryRule rules[HA_MAX_RULES];
	int			nrules;
	int			omdannelse_lists;	/* consecutive parallelsamfund lists; 0: none */
	int			omdannelse_first_year;
	HaSpan		source;			/* the block as written, comments above it too */
	HaSpan		paragraph;		/* of the version, e.g. the act */
	HaSpan		size_paragraph;
	HaSpan		omdannelse_paragraph;

	/*
	 * Compiled by ha_compile_rules when the version is parsed: each distinct
	 * comparison once, those a category depends on first, so the evaluator
	 * computes each once per record, for every rule that holds it.
	 */
	HaCheck		distinct[HA_MAX_DISTINCT_CHECKS];
	int			ndistinct;
	int			ncategory;		/* distinct[0 .. ncategory): the size gate
								 * and the checks of the category rules */
	int			size_distinct;	/* the size gate is distinct[size_distinct] */
	/* the check giving each criterion's flag (flag_checks), by criterion */
	int			flag_from[HA_NCRIT];	/* first list year of its rule;
										 * INT_MIN: every year, INT_MAX: none */
	uint8_t		flag_distinct[HA_NCRIT];	/* its distinct check */
	bool		flag_counted[HA_NCRIT]; /* among "at least k of" */
} HaRuleSet;

/*
 * The constants of what the lists oblige (rules.md, section 5), with their
 * units, in the order of the rule text; a line for each paragraph of the
 * law they come from.
 */
#define HA_CONSEQUENCES(X) \
	X(daycare_cap, PERCENT) \
	X(daycare_cap_tail, YEARS) \
	X(language_test_share, PERCENT) X(language_test_lists, LISTS) \
	X(family_housing_target, PERCENT) X(plan_deadline, YEAR) X(m2_per_dwelling, M2) \
	X(dispensation_residents, RESIDENTS) \
	X(daycare_exemption, MONTHS) \
	X(allocation_window, MONTHS) X(benefit_months, MONTHS) \
	X(learning_offer_notice, MONTHS) X(learning_offer_age, MONTHS) X(learning_offer_entry_age, MONTHS)

typedef enum HaConsequenceId
{
#define HA_CONSEQUENCE_ENUM(name, unit) HA_CONSEQ_##name,
	HA_CONSEQUENCES(HA_CONSEQUENCE_ENUM)
#undef HA_CONSEQUENCE_ENUM
	HA_NCONSEQUENCES
} HaConsequenceId;

/* The unit of a consequence, as the rule text writes it. */
typedef enum HaConsequenceUnit
{
	HA_CU_PERCENT,				/* "percent" */
	HA_CU_YEARS,				/* "years": a duration */
	HA_CU_LISTS,				/* "lists": a number of yearly lists */
	HA_CU_YEAR,					/* "the year": a calendar year */
	HA_CU_M2,					/* "m2": square metres */
	HA_CU_RESIDENTS,			/* "residents" */
	HA_CU_MONTHS,				/* "months": a duration */
	HA_NCU
} HaConsequenceUnit;

/* One consequence constant as the rule text gives it. */
typedef struct HaConsequence
{
	HaConsequenceId id;
	double		value;
	int64_t		mantissa;		/* value = mantissa / 10^decimals, exactly */
	int			decimals;
	HaSpan		value_text;		/* the number as written */
	HaSpan		paragraph;
} HaConsequence;

/* A parsed rule text: the versions in list-year order, the consequences. */
typedef struct HaRuleBook
{
	const char *text;			/* the rule text; spans point into it */
	int			length;
	HaRuleSet	sets[HA_MAX_RULE_SETS];
	int			nsets;
	HaConsequence consequences[HA_NCONSEQUENCES];	/* in text order */
	int			nconsequences;
	HaSpan		consequences_source;
	HaSpan		consequences_paragraph;
} HaRuleBook;

/* The 40 % rule's constants (§ 168 a), read from a book's consequences. */
typedef struct HaPlanRule
{
	int64_t		target_num;		/* family units at most num/den of all */
	int64_t		target_den;
	int64_t		m2_per_dwelling;
} HaPlanRule;

/* The result of classifying one record for one list year. */
typedef struct HaClassification
{
	int			list_year;
	const HaRuleSet *rules;
	HaCategory	category;		/* never OMDANNELSE: that needs history */
	HaTri		udsat;
	HaTri		parallelsamfund;
	HaTri		forebyggelse;
	HaTri		forebyggelse_raw;
	HaTri		kombineret;
	HaTri		size_ok;
	HaTri		flag[HA_NCRIT]; /* per criterion, at the version's main test */
	bool		flag_defined[HA_NCRIT]; /* false: the version has no such test */
	int			criteria_met;
	int			criteria_unknown;
} HaClassification;

/* One row of margins(): how far a value is from one threshold. */
typedef struct HaMargin
{
	HaCategory	category;		/* HA_CAT_NONE for the size gate */
	const HaCheck *check;
	bool		value_known;
	double		value;
	bool		threshold_known;
	double		threshold;		/* absolute, after × national */
	HaTri		met;
	double		distance;		/* past the threshold towards "met" */
} HaMargin;

#define HA_MAX_MARGINS (1 + HA_MAX_RULES * HA_MAX_RULE_CHECKS)

/* The rule text built into the library (src/core/builtin.rules). */
extern const char *const ha_builtin_rules;
extern const int ha_builtin_rules_len;

extern const char *ha_category_name(HaCategory c);
extern const char *ha_criterion_name(HaCriterion c);
extern const char *ha_op_name(HaOp op);
extern const char *ha_consequence_name(HaConsequenceId id);
extern HaConsequenceUnit ha_consequence_unit(HaConsequenceId id);
extern const char *ha_consequence_unit_name(HaConsequenceUnit unit);
extern HaCriterion ha_criterion_of_field(HaIndField f);
extern const HaRuleSet *ha_rules_for_year(const HaRuleBook *book,
										  int list_year, HaError *err);
extern const HaRuleSet *ha_rules_by_id(const HaRuleBook *book,
									   const char *id, HaError *err);
extern bool ha_check_list_year(const HaRuleBook *book, int list_year,
							   HaError *err);
extern void ha_compile_rules(HaRuleSet *set);
extern void ha_classify(const HaIndicators *ind, int list_year,
						const HaRuleSet *rules, HaClassification *out);
extern HaCategory ha_category(const HaIndicators *ind, int list_year,
							  const HaRuleSet *rules);
extern double ha_tidy(double v);
extern HaTri ha_check_met(const HaCheck *c, const HaIndicators *ind);
extern void ha_check_margin(const HaCheck *c, const HaIndicators *ind,
							HaMargin *m);
extern bool ha_rule_applies(const HaCategoryRule *r, int list_year);
extern int	ha_margins(const HaIndicators *ind, int list_year,
					   const HaRuleSet *rules, HaMargin *out);
extern bool ha_set_omdannelse_possible(const HaRuleSet *rules, int list_year);
extern bool ha_set_omdannelse(const HaRuleSet *rules, int years, int list_year);
extern bool ha_omdannelse_possible(const HaRuleBook *book, int list_year);
extern bool ha_omdannelse(const HaRuleBook *book, int years, int list_year);
extern const HaConsequence *ha_consequence(const HaRuleBook *book,
										   const char *name, HaError *err);
extern bool ha_plan_rule(const HaRuleBook *book, HaPlanRule *plan,
						 HaError *err);
extern const char *ha_category_label(const HaRuleBook *book,
									 const char *category, int list_year,
									 const char *lang, HaError *err);

#endif							/* HA_RULES_H */
