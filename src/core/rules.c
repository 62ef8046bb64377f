/*
 * rules.c
 *		The rule versions as data, and the three-valued evaluator.
 *
 * Every threshold the law has used appears exactly once below, as an HaCheck
 * constant; rule versions are lists of category rules pointing at them.
 * Sources and decisions are in shared/reference/danish-rules.md and the
 * README ("Decisions on unclear points").
 */
#include "rules.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ha_number.h"

#define LENGTH(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* ---- every threshold, once ---- */

/* the size gate of every version: at least 1,000 residents */
static const HaCheck RESIDENTS_GE_1000 = {HA_CRIT_RESIDENTS, HA_OP_GE, 1000, false};
/* kombineret udlejning: the lower labour threshold from 5,000 residents */
static const HaCheck RESIDENTS_GE_5000 = {HA_CRIT_RESIDENTS, HA_OP_GE, 5000, false};

static const HaCheck NONWESTERN_GT_50 = {HA_CRIT_NONWESTERN, HA_OP_GT, 50, false};
static const HaCheck NONWESTERN_GT_30 = {HA_CRIT_NONWESTERN, HA_OP_GT, 30, false};

static const HaCheck LABOUR_GT_40 = {HA_CRIT_LABOUR, HA_OP_GT, 40, false};
static const HaCheck LABOUR_GT_30 = {HA_CRIT_LABOUR, HA_OP_GT, 30, false};
static const HaCheck LABOUR_GE_40 = {HA_CRIT_LABOUR, HA_OP_GE, 40, false};
static const HaCheck LABOUR_GE_30 = {HA_CRIT_LABOUR, HA_OP_GE, 30, false};

static const HaCheck CONVICTED_GT_2_7 = {HA_CRIT_CONVICTIONS, HA_OP_GT, 2.7, false};
static const HaCheck CONVICTED_GE_3X = {HA_CRIT_CONVICTIONS, HA_OP_GE, 3, true};
static const HaCheck CONVICTED_GE_2X = {HA_CRIT_CONVICTIONS, HA_OP_GE, 2, true};

static const HaCheck EDUCATION_GT_50 = {HA_CRIT_EDUCATION, HA_OP_GT, 50, false};
static const HaCheck EDUCATION_GT_60 = {HA_CRIT_EDUCATION, HA_OP_GT, 60, false};

static const HaCheck INCOME_LT_55 = {HA_CRIT_INCOME, HA_OP_LT, 55, false};
static const HaCheck INCOME_LT_65 = {HA_CRIT_INCOME, HA_OP_LT, 65, false};

/* ---- criteria lists ---- */

/* dk2010: ghetto = 2 of these 3 */
static const HaCheck *const dk2010_ghetto[] = {
	&NONWESTERN_GT_50, &LABOUR_GT_40, &CONVICTED_GT_2_7
};

/* dk2013: ghetto = 3 of 5, udsat (2016-2017 list) = 2 of 5 */
static const HaCheck *const dk2013_criteria[] = {
	&NONWESTERN_GT_50, &LABOUR_GT_40, &CONVICTED_GT_2_7, &EDUCATION_GT_50,
	&INCOME_LT_55
};

/* dk2018 and dk2021: udsat = 2 of 4 (§ 61 a stk. 1) */
static const HaCheck *const udsat_criteria[] = {
	&LABOUR_GT_40, &CONVICTED_GE_3X, &EDUCATION_GT_60, &INCOME_LT_55
};

/* parallelsamfund / ghetto = udsat and this (§ 61 a stk. 2) */
static const HaCheck *const parallelsamfund_gate[] = {&NONWESTERN_GT_50};

/* forebyggelse = this and 2 of the 4 weaker criteria (§ 61 b) */
static const HaCheck *const forebyggelse_gate[] = {&NONWESTERN_GT_30};
static const HaCheck *const forebyggelse_criteria[] = {
	&LABOUR_GT_30, &CONVICTED_GE_2X, &EDUCATION_GT_60, &INCOME_LT_65
};

/* kombineret udlejning (§ 51 b): either alternative, after the size gate */
static const HaCheck *const kombineret_any_size[] = {&LABOUR_GE_40};
static const HaCheck *const kombineret_large[] = {&RESIDENTS_GE_5000, &LABOUR_GE_30};

/* ---- rule versions ---- */

#define RULE(cat, first, req, excl, gates, counted, needed, flags) \
	{cat, first, req, excl, gates, LENGTH(gates), counted, LENGTH(counted), \
	 needed, flags}
#define RULE_GATES(cat, req, excl, gates, flags) \
	{cat, 0, req, excl, gates, LENGTH(gates), NULL, 0, 0, flags}
#define RULE_COUNTED(cat, first, counted, needed, flags) \
	{cat, first, HA_CAT_NONE, HA_CAT_NONE, NULL, 0, counted, \
	 LENGTH(counted), needed, flags}

/* the rows dk2018 and dk2021 share */
#define RULES_SINCE_2018 \
	RULE_COUNTED(HA_CAT_UDSAT, 0, udsat_criteria, 2, true), \
	RULE_GATES(HA_CAT_PARALLELSAMFUND, HA_CAT_UDSAT, HA_CAT_NONE, \
			   parallelsamfund_gate, true), \
	RULE_GATES(HA_CAT_KOMBINERET, HA_CAT_NONE, HA_CAT_NONE, \
			   kombineret_any_size, false), \
	RULE_GATES(HA_CAT_KOMBINERET, HA_CAT_NONE, HA_CAT_NONE, \
			   kombineret_large, false)

static const HaCategoryRule dk2010_rules[] = {
	RULE_COUNTED(HA_CAT_PARALLELSAMFUND, 0, dk2010_ghetto, 2, true),
};

static const HaCategoryRule dk2013_rules[] = {
	RULE_COUNTED(HA_CAT_PARALLELSAMFUND, 0, dk2013_criteria, 3, true),
	/* the "udsatte almene boligområder" list was published 2016 and 2017 */
	RULE_COUNTED(HA_CAT_UDSAT, 2016, dk2013_criteria, 2, false),
};

static const HaCategoryRule dk2018_rules[] = {
	RULES_SINCE_2018,
};

static const HaCategoryRule dk2021_rules[] = {
	RULES_SINCE_2018,
	RULE(HA_CAT_FOREBYGGELSE, 0, HA_CAT_NONE, HA_CAT_UDSAT, forebyggelse_gate,
		 forebyggelse_criteria, 2, false),
};

const HaRuleSet ha_rule_sets[] = {
	{"dk2010", 2010, 2012, &RESIDENTS_GE_1000, dk2010_rules, LENGTH(dk2010_rules)},
	{"dk2013", 2013, 2017, &RESIDENTS_GE_1000, dk2013_rules, LENGTH(dk2013_rules)},
	{"dk2018", 2018, 2020, &RESIDENTS_GE_1000, dk2018_rules, LENGTH(dk2018_rules)},
	{"dk2021", 2021, 0, &RESIDENTS_GE_1000, dk2021_rules, LENGTH(dk2021_rules)},
};
const int	ha_nrule_sets = LENGTH(ha_rule_sets);

/* ---- names ---- */

static const char *const category_names[HA_NCAT] = {
	"none", "forebyggelse", "udsat", "parallelsamfund", "omdannelse",
	"unknown", "kombineret_udlejning"
};

static const char *const criterion_names[HA_NCRIT] = {
	"labour", "convictions", "education", "income", "nonwestern", "residents"
};

/* The indicator each criterion reads. */
static const HaIndField criterion_field[HA_NCRIT] = {
	HA_IND_OUTSIDE_LABOUR, HA_IND_CONVICTED, HA_IND_BASIC_EDUCATION,
	HA_IND_INCOME, HA_IND_NONWESTERN, HA_IND_RESIDENTS
};

/* SQL name of a category. */
const char *
ha_category_name(HaCategory c)
{
	return category_names[c];
}

/* SQL name of a criterion. */
const char *
ha_criterion_name(HaCriterion c)
{
	return criterion_names[c];
}

/* An operator as SQL spells it. */
const char *
ha_op_name(HaOp op)
{
	switch (op)
	{
		case HA_OP_GT:
			return ">";
		case HA_OP_GE:
			return ">=";
		case HA_OP_LT:
			return "<";
	}
	return "?";
}

/* ---- choosing a version ---- */

/* Refuse list years before the first list. */
bool
ha_check_list_year(int list_year, HaError *err)
{
	if (list_year < HA_FIRST_LIST_YEAR)
		return ha_fail(err, HA_E_NO_RULES_FOR_YEAR, NULL,
					   &(HaErrorAbout) {.n = {list_year}});
	return true;
}

/* The rule version the law applied to the list of a given year. */
const HaRuleSet *
ha_rules_for_year(int list_year, HaError *err)
{
	int			i;

	if (!ha_check_list_year(list_year, err))
		return NULL;
	for (i = 0; i < ha_nrule_sets; i++)
	{
		const HaRuleSet *r = &ha_rule_sets[i];

		if (list_year >= r->first_year &&
			(r->last_year == 0 || list_year <= r->last_year))
			return r;
	}
	return &ha_rule_sets[ha_nrule_sets - 1];
}

/* A rule version by its id, e.g. "dk2018". */
const HaRuleSet *
ha_rules_by_id(const char *id, HaError *err)
{
	int			i;

	for (i = 0; i < ha_nrule_sets; i++)
		if (strcmp(ha_rule_sets[i].id, id) == 0)
			return &ha_rule_sets[i];
	ha_fail(err, HA_E_UNKNOWN_RULE_VERSION, id, NULL);
	return NULL;
}

/* ---- three-valued logic ---- */

/* Kleene AND. */
static HaTri
tri_and(HaTri a, HaTri b)
{
	if (a == HA_FALSE || b == HA_FALSE)
		return HA_FALSE;
	if (a == HA_TRUE && b == HA_TRUE)
		return HA_TRUE;
	return HA_UNKNOWN;
}

/* Kleene OR. */
static HaTri
tri_or(HaTri a, HaTri b)
{
	if (a == HA_TRUE || b == HA_TRUE)
		return HA_TRUE;
	if (a == HA_FALSE && b == HA_FALSE)
		return HA_FALSE;
	return HA_UNKNOWN;
}

/* Kleene NOT. */
static HaTri
tri_not(HaTri a)
{
	return a == HA_UNKNOWN ? HA_UNKNOWN : (a == HA_TRUE ? HA_FALSE : HA_TRUE);
}

/* Round away binary noise (3 * 0.65 = 1.9500000000000002) for display. */
static double
tidy(double v)
{
	if (fabs(v) < 1e6)
		return round(v * 1e10) / 1e10 + 0.0;
	return v;
}

/*
 * Compare the value a check reads with its threshold (times the national
 * share for relative checks): -1, 0 or 1 in *cmp; false when an input is
 * unknown.  The hot path of classification: no margins, no rounding.
 */
static bool
check_compare(const HaCheck *c, const HaIndicators *ind, int *cmp)
{
	HaIndField	f = criterion_field[c->criterion];
	double		v;

	if (!ha_ind_known(ind, f))
		return false;
	v = ha_ind_get(ind, f);
	if (c->times_national)
	{
		if (!ha_ind_known(ind, HA_IND_NATIONAL_CONVICTED))
			return false;
		*cmp = ha_decimal_compare(v, (int) c->threshold,
								  ha_ind_get(ind, HA_IND_NATIONAL_CONVICTED));
	}
	else
		*cmp = (v > c->threshold) - (v < c->threshold);
	return true;
}

/* Whether a comparison result meets the check's operator. */
static HaTri
met_from_cmp(HaOp op, int cmp)
{
	switch (op)
	{
		case HA_OP_GT:
			return cmp > 0 ? HA_TRUE : HA_FALSE;
		case HA_OP_GE:
			return cmp >= 0 ? HA_TRUE : HA_FALSE;
		case HA_OP_LT:
			return cmp < 0 ? HA_TRUE : HA_FALSE;
	}
	return HA_UNKNOWN;
}

/*
 * The truth value of a relative check (a multiple of the national share)
 * when one of its two inputs is unknown: the unknown one can take any value
 * its field allows, and the check is decided when every such value gives the
 * same answer.  "convicted=0" can never reach 3 x a national share above 0,
 * nor can any share reach 3 x a national share above 33.3 %.
 */
static HaTri
check_bounds(const HaCheck *c, const HaIndicators *ind)
{
	HaIndField	f = criterion_field[c->criterion];
	const HaIndFieldSpec *vs = &ha_ind_fields[f];
	const HaIndFieldSpec *ns = &ha_ind_fields[HA_IND_NATIONAL_CONVICTED];
	HaTri		lo,
				hi;

	if (!c->times_national)
		return HA_UNKNOWN;
	if (ha_ind_known(ind, f) && !ha_ind_known(ind, HA_IND_NATIONAL_CONVICTED))
	{
		double		v = ha_ind_get(ind, f);

		/* the smallest national share allowed, or just above it */
		lo = met_from_cmp(c->op, ns->min_exclusive ?
						  (v > c->threshold * ns->min ? 1 : -1) :
						  ha_decimal_compare(v, (int) c->threshold, ns->min));
		hi = met_from_cmp(c->op, ha_decimal_compare(v, (int) c->threshold, ns->max));
	}
	else if (!ha_ind_known(ind, f) && ha_ind_known(ind, HA_IND_NATIONAL_CONVICTED))
	{
		double		n = ha_ind_get(ind, HA_IND_NATIONAL_CONVICTED);

		lo = met_from_cmp(c->op, ha_decimal_compare(vs->min, (int) c->threshold, n));
		hi = met_from_cmp(c->op, ha_decimal_compare(vs->max, (int) c->threshold, n));
	}
	else
		return HA_UNKNOWN;
	/* the check is monotonic in each input: its ends decide it */
	return lo == hi ? lo : HA_UNKNOWN;
}

/* Just the truth value of a check. */
static HaTri
check_met(const HaCheck *c, const HaIndicators *ind)
{
	int			cmp;

	if (!check_compare(c, ind, &cmp))
		return check_bounds(c, ind);
	return met_from_cmp(c->op, cmp);
}

/*
 * Evaluate one check for margins(): the value, the absolute threshold,
 * whether it is met (unknown when an input is missing) and the signed
 * distance past the threshold towards "met".
 */
static void
eval_check(const HaCheck *c, const HaIndicators *ind, HaMargin *m)
{
	HaIndField	f = criterion_field[c->criterion];
	int			cmp;

	m->check = c;
	m->value_known = ha_ind_known(ind, f);
	m->value = m->value_known ? ha_ind_get(ind, f) : 0;
	m->threshold_known = !c->times_national ||
		ha_ind_known(ind, HA_IND_NATIONAL_CONVICTED);
	m->threshold = c->threshold;
	if (c->times_national && m->threshold_known)
		m->threshold = tidy(c->threshold * ha_ind_get(ind, HA_IND_NATIONAL_CONVICTED));
	m->met = HA_UNKNOWN;
	m->distance = 0;
	if (!check_compare(c, ind, &cmp))
	{
		m->met = check_bounds(c, ind);
		return;
	}
	m->met = met_from_cmp(c->op, cmp);
	if (cmp == 0)
		m->distance = 0;
	else if (c->op == HA_OP_LT)
		m->distance = tidy(m->threshold - m->value);
	else
		m->distance = tidy(m->value - m->threshold);
}

/* Does this category rule exist in the given list year? */
static bool
rule_in_force(const HaCategoryRule *r, int list_year)
{
	return r->first_year == 0 || list_year >= r->first_year;
}

/* "at least needed of these" in three-valued logic. */
static HaTri
at_least(int met, int unknown, int needed)
{
	if (met >= needed)
		return HA_TRUE;
	if (met + unknown < needed)
		return HA_FALSE;
	return HA_UNKNOWN;
}

/*
 * Evaluate a rule version on one record.  With detail, fill the whole
 * classification (flags, criteria counts); without it, only the category,
 * taking every shortcut the three-valued logic allows: a rule is left as
 * soon as it is decided, and a small area is decided by the size gate.
 */
static HaCategory
evaluate(const HaIndicators *ind, int list_year, const HaRuleSet *rules,
		 HaClassification *detail)
{
	HaTri		raw[HA_NCAT];
	HaTri		value[HA_NCAT];
	bool		counted_seen[HA_NCRIT];
	HaTri		size_ok;
	int			i,
				j;
	static const HaCategory precedence[] = {
		HA_CAT_PARALLELSAMFUND, HA_CAT_UDSAT, HA_CAT_FOREBYGGELSE
	};

	size_ok = check_met(rules->size_gate, ind);
	if (detail)
	{
		memset(detail, 0, sizeof(*detail));
		memset(counted_seen, 0, sizeof(counted_seen));
		detail->list_year = list_year;
		detail->rules = rules;
		detail->size_ok = size_ok;
	}
	else if (size_ok == HA_FALSE)
		return HA_CAT_NONE;		/* below 1,000 residents: on no list */
	for (i = 0; i < HA_NCAT; i++)
		raw[i] = value[i] = HA_FALSE;

	for (i = 0; i < rules->nrules; i++)
	{
		const HaCategoryRule *r = &rules->rules[i];
		bool		flags = detail != NULL && r->defines_flags;
		HaTri		t = size_ok;
		int			met = 0,
					unknown = 0;

		if (!rule_in_force(r, list_year))
			continue;
		if (!detail)
		{
			/* the category never depends on the kombineret flag */
			if (r->category == HA_CAT_KOMBINERET)
				continue;
			/* excluded whatever its own tests say (forebyggelse of an udsat area) */
			if (r->excludes != HA_CAT_NONE && value[r->excludes] == HA_TRUE)
				continue;
		}
		if (r->requires != HA_CAT_NONE)
			t = tri_and(t, value[r->requires]);
		for (j = 0; j < r->ngates && (flags || t != HA_FALSE); j++)
		{
			HaTri		g = check_met(r->gates[j], ind);

			t = tri_and(t, g);
			if (flags && !detail->flag_defined[r->gates[j]->criterion])
			{
				detail->flag[r->gates[j]->criterion] = g;
				detail->flag_defined[r->gates[j]->criterion] = true;
			}
		}
		for (j = 0; j < r->ncounted && (flags || t != HA_FALSE); j++)
		{
			HaCriterion crit = r->counted[j]->criterion;
			HaTri		c = check_met(r->counted[j], ind);

			if (c == HA_TRUE)
				met++;
			else if (c == HA_UNKNOWN)
				unknown++;
			if (flags && !counted_seen[crit])
			{
				counted_seen[crit] = true;
				detail->flag[crit] = c;
				detail->flag_defined[crit] = true;
				if (c == HA_TRUE)
					detail->criteria_met++;
				else if (c == HA_UNKNOWN)
					detail->criteria_unknown++;
			}
			else if (!flags && met >= r->needed)
				break;			/* decided: enough criteria hold */
		}
		if (r->ncounted > 0 && t != HA_FALSE)
			t = tri_and(t, at_least(met, unknown + r->ncounted - j, r->needed));
		raw[r->category] = tri_or(raw[r->category], t);
		value[r->category] = raw[r->category];
		if (r->excludes != HA_CAT_NONE)
			value[r->category] = tri_and(raw[r->category],
										 tri_not(value[r->excludes]));
	}

	if (detail)
	{
		detail->udsat = value[HA_CAT_UDSAT];
		detail->parallelsamfund = value[HA_CAT_PARALLELSAMFUND];
		detail->forebyggelse = value[HA_CAT_FOREBYGGELSE];
		detail->forebyggelse_raw = raw[HA_CAT_FOREBYGGELSE];
		detail->kombineret = value[HA_CAT_KOMBINERET];
	}
	for (i = 0; i < LENGTH(precedence); i++)
	{
		HaTri		v = value[precedence[i]];

		if (v == HA_TRUE)
			return precedence[i];
		if (v == HA_UNKNOWN)
			return HA_CAT_UNKNOWN;
	}
	return HA_CAT_NONE;
}

/*
 * Classify one record for one list year under a rule version.
 *
 * Categories a version does not define (or did not publish that year) are
 * false; criteria it does not test are left undefined (NULL in SQL).
 */
void
ha_classify(const HaIndicators *ind, int list_year, const HaRuleSet *rules,
			HaClassification *out)
{
	out->category = evaluate(ind, list_year, rules, out);
}

/* The category alone: the fast path for scans. */
HaCategory
ha_category(const HaIndicators *ind, int list_year, const HaRuleSet *rules)
{
	return evaluate(ind, list_year, rules, NULL);
}

/*
 * Every threshold of a version as margin rows for one record: the size
 * gate first, then each category's gates and counted criteria in table
 * order.  Returns the number of rows written (at most HA_MAX_MARGINS).
 */
int
ha_margins(const HaIndicators *ind, int list_year, const HaRuleSet *rules,
		   HaMargin *out)
{
	int			n = 0;
	int			i,
				j;

	eval_check(rules->size_gate, ind, &out[n]);
	out[n++].category = HA_CAT_NONE;
	for (i = 0; i < rules->nrules; i++)
	{
		const HaCategoryRule *r = &rules->rules[i];

		if (!rule_in_force(r, list_year))
			continue;
		for (j = 0; j < r->ngates + r->ncounted && n < HA_MAX_MARGINS; j++)
		{
			const HaCheck *c = j < r->ngates ? r->gates[j]
				: r->counted[j - r->ngates];

			eval_check(c, ind, &out[n]);
			out[n++].category = r->category;
		}
	}
	return n;
}

/*
 * Omdannelse: on the parallelsamfund (ghetto) list in each of the last five
 * lists including this one, counted from the 2018 list on.
 */
bool
ha_omdannelse(int years, int list_year)
{
	return list_year >= HA_OMDANNELSE_FIRST_YEAR && years >= HA_OMDANNELSE_YEARS;
}

/* ---- labels ---- */

typedef struct HaLabel
{
	HaCategory	category;
	int			first_year;
	int			last_year;		/* 0: still used */
	const char *da;
	const char *en;
} HaLabel;

static const HaLabel labels[] = {
	{HA_CAT_PARALLELSAMFUND, 2010, 2020, "ghettoområde", "ghetto area"},
	{HA_CAT_PARALLELSAMFUND, 2021, 0, "parallelsamfund", "parallel society"},
	{HA_CAT_OMDANNELSE, 2018, 2020, "hårdt ghettoområde", "hard ghetto area"},
	{HA_CAT_OMDANNELSE, 2021, 0, "omdannelsesområde", "transformation area"},
	{HA_CAT_UDSAT, 2016, 2017, "udsat almen boligområde",
	"vulnerable public housing area"},
	{HA_CAT_UDSAT, 2018, 0, "udsat boligområde", "vulnerable housing area"},
	{HA_CAT_FOREBYGGELSE, 2021, 0, "forebyggelsesområde", "prevention area"},
	{HA_CAT_NONE, 2010, 0, "ikke på en liste", "not on a list"},
	{HA_CAT_UNKNOWN, 2010, 0, "ukendt", "unknown"},
};

/*
 * The legal name of a category in a list year, in Danish ("da") or English
 * ("en").  Returns NULL without error when the category did not exist that
 * year (udsat before 2016, say); NULL with err filled on bad arguments.
 */
const char *
ha_category_label(const char *category, int list_year, const char *lang,
				  HaError *err)
{
	int			c;
	int			i;
	bool		danish;

	for (c = 0; c < HA_CAT_KOMBINERET; c++)
		if (strcmp(category, category_names[c]) == 0)
			break;
	if (c == HA_CAT_KOMBINERET)
	{
		ha_fail(err, HA_E_UNKNOWN_CATEGORY, category, NULL);
		return NULL;
	}
	if (strcmp(lang, "da") == 0)
		danish = true;
	else if (strcmp(lang, "en") == 0)
		danish = false;
	else
	{
		ha_fail(err, HA_E_UNKNOWN_LANGUAGE, lang, NULL);
		return NULL;
	}
	if (!ha_check_list_year(list_year, err))
		return NULL;
	for (i = 0; i < LENGTH(labels); i++)
	{
		const HaLabel *l = &labels[i];

		if (l->category == (HaCategory) c && list_year >= l->first_year &&
			(l->last_year == 0 || list_year <= l->last_year))
			return danish ? l->da : l->en;
	}
	err->kind = HA_E_NONE;
	err->code = HA_OK;
	return NULL;
}
