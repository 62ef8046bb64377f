/*
 * rules.h
 *		The list rules of every version of almenboligloven § 61 a/§ 61 b as
 *		data, and the evaluator that reads them.
 *
 * Pure C.  Each legal threshold is one HaCheck constant in rules.c; a rule
 * version is a list of category rules that point at those checks.  The
 * evaluator uses three-valued logic: a check on a missing value is unknown,
 * and a category is decided only when the known checks decide it.
 */
#ifndef HA_RULES_H
#define HA_RULES_H

#include <stdbool.h>

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
	HA_CRIT_RESIDENTS,			/* residents (size gates) */
	HA_NCRIT
} HaCriterion;

typedef enum HaOp
{
	HA_OP_GT,					/* "overstiger" */
	HA_OP_GE,					/* "mindst" */
	HA_OP_LT					/* "udgør mindre end" */
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

/* One comparison of one indicator with a threshold. */
typedef struct HaCheck
{
	HaCriterion criterion;
	HaOp		op;
	double		threshold;
	bool		times_national; /* threshold multiplies national_convicted */
} HaCheck;

/* How one category (or one alternative of the kombineret flag) is decided. */
typedef struct HaCategoryRule
{
	HaCategory	category;
	int			first_year;		/* first list year it exists in this version */
	HaCategory	requires;		/* must hold as well, or HA_CAT_NONE */
	HaCategory	excludes;		/* published list leaves these out, or NONE */
	const HaCheck *const *gates;	/* each must hold */
	int			ngates;
	const HaCheck *const *counted;	/* at least `needed` of these must hold */
	int			ncounted;
	int			needed;
	bool		defines_flags;	/* its checks are the composite's flags */
} HaCategoryRule;

/* A version of the rules and the list years it governs. */
typedef struct HaRuleSet
{
	const char *id;
	int			first_year;
	int			last_year;		/* 0: still in force */
	const HaCheck *size_gate;	/* applies to every rule below */
	const HaCategoryRule *rules;
	int			nrules;
} HaRuleSet;

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

#define HA_MAX_MARGINS 32
#define HA_FIRST_LIST_YEAR 2010
#define HA_OMDANNELSE_FIRST_YEAR 2018
#define HA_OMDANNELSE_YEARS 5

extern const HaRuleSet ha_rule_sets[];
extern const int ha_nrule_sets;

extern const char *ha_category_name(HaCategory c);
extern const char *ha_criterion_name(HaCriterion c);
extern const char *ha_op_name(HaOp op);
extern const HaRuleSet *ha_rules_for_year(int list_year, HaError *err);
extern const HaRuleSet *ha_rules_by_id(const char *id, HaError *err);
extern bool ha_check_list_year(int list_year, HaError *err);
extern void ha_classify(const HaIndicators *ind, int list_year,
						const HaRuleSet *rules, HaClassification *out);
extern HaCategory ha_category(const HaIndicators *ind, int list_year,
							  const HaRuleSet *rules);
extern int	ha_margins(const HaIndicators *ind, int list_year,
					   const HaRuleSet *rules, HaMargin *out);
extern bool ha_omdannelse(int years, int list_year);
extern const char *ha_category_label(const char *category, int list_year,
									 const char *lang, HaError *err);

#endif							/* HA_RULES_H */
