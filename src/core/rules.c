/*
 * rules.c
 *		The three-valued evaluator of parsed rule versions, and lookups in
 *		a parsed rule text (versions by year or name, consequences).
 *
 * The rules themselves are in src/core/builtin.rules, parsed by rulelang.c;
 * sources and decisions are in docs/rules.md and docs/decisions.md.
 */
#include "rules.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ha_number.h"

#define LENGTH(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* ---- names ---- */

static const char *const category_names[HA_NCAT] = {
	"none", "forebyggelse", "udsat", "parallelsamfund", "omdannelse",
	"unknown", "kombineret_udlejning"
};

static const char *const criterion_names[HA_NCRIT] = {
	"labour", "convictions", "education", "income", "nonwestern", "menapt",
	"residents"
};

/* The criterion of each indicator; national_convicted is none (HA_NCRIT). */
static const HaCriterion field_criterion[HA_IND_NFIELDS] = {
	[HA_IND_RESIDENTS] = HA_CRIT_RESIDENTS,
	[HA_IND_NONWESTERN] = HA_CRIT_NONWESTERN,
	[HA_IND_OUTSIDE_LABOUR] = HA_CRIT_LABOUR,
	[HA_IND_CONVICTED] = HA_CRIT_CONVICTIONS,
	[HA_IND_NATIONAL_CONVICTED] = HA_NCRIT,
	[HA_IND_BASIC_EDUCATION] = HA_CRIT_EDUCATION,
	[HA_IND_INCOME] = HA_CRIT_INCOME,
	[HA_IND_MENAPT] = HA_CRIT_MENAPT,
};

/* Name and unit of each consequence constant. */
static const struct
{
	const char *name;
	HaConsequenceUnit unit;
}			consequence_specs[HA_NCONSEQUENCES] = {
#define HA_CONSEQUENCE_ROW(name, unit) {#name, HA_CU_##unit},
	HA_CONSEQUENCES(HA_CONSEQUENCE_ROW)
#undef HA_CONSEQUENCE_ROW
};

static const char *const consequence_unit_names[HA_NCU] = {
	"percent", "years", "lists", "year", "m2", "residents", "months"
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

/* The criterion a check on an indicator belongs to (HA_NCRIT: none). */
HaCriterion
ha_criterion_of_field(HaIndField f)
{
	return field_criterion[f];
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
		case HA_OP_LE:
			return "<=";
	}
	return "?";
}

/* The name of a consequence constant, as the rule text writes it. */
const char *
ha_consequence_name(HaConsequenceId id)
{
	return consequence_specs[id].name;
}

/* The unit a consequence constant is given in. */
HaConsequenceUnit
ha_consequence_unit(HaConsequenceId id)
{
	return consequence_specs[id].unit;
}

/* A unit as the rule text (and consequences()) writes it. */
const char *
ha_consequence_unit_name(HaConsequenceUnit unit)
{
	return consequence_unit_names[unit];
}

/* ---- choosing a version ---- */

/* Refuse list years before the first list of the first version. */
bool
ha_check_list_year(const HaRuleBook *book, int list_year, HaError *err)
{
	if (list_year < book->sets[0].first_year)
		return ha_fail(err, HA_E_NO_RULES_FOR_YEAR, NULL,
					   &(HaErrorAbout) {.n = {list_year,
							   book->sets[0].first_year}});
	return true;
}

/*
 * The rule version the law applied to the list of a given year: the one
 * whose years hold it; after the last version's years, the last version.
 */
const HaRuleSet *
ha_rules_for_year(const HaRuleBook *book, int list_year, HaError *err)
{
	int			i;

	if (!ha_check_list_year(book, list_year, err))
		return NULL;
	for (i = 0; i < book->nsets; i++)
	{
		const HaRuleSet *r = &book->sets[i];

		if (list_year >= r->first_year &&
			(r->last_year == 0 || list_year <= r->last_year))
			return r;
	}
	return &book->sets[book->nsets - 1];
}

/* A rule version by its id, e.g. "dk2018". */
const HaRuleSet *
ha_rules_by_id(const HaRuleBook *book, const char *id, HaError *err)
{
	int			i;

	for (i = 0; i < book->nsets; i++)
		if (strcmp(book->sets[i].id, id) == 0)
			return &book->sets[i];
	ha_fail(err, HA_E_UNKNOWN_RULE_VERSION, id, NULL);
	return NULL;
}

/* ---- three-valued logic ---- */

/*
 * The evaluator's form of a truth value: bit 0 "surely true", bit 1
 * "possibly true", so that Kleene AND and OR are bitwise AND and OR and a
 * scan over millions of rows takes no branch and no table on them.
 */
typedef uint8_t HaKleene;

#define K_FALSE 0
#define K_UNKNOWN 2
#define K_TRUE 3

/* Kleene NOT: surely true is not possibly false, and the reverse. */
static inline HaKleene
k_not(HaKleene a)
{
	return (HaKleene) ((((a & 1) ^ 1) << 1) | ((a >> 1) ^ 1));
}

/* A truth value in the evaluator's form. */
static inline HaKleene
k_of(HaTri t)
{
	static const HaKleene of[3] = {
		[HA_FALSE] = K_FALSE, [HA_TRUE] = K_TRUE, [HA_UNKNOWN] = K_UNKNOWN
	};

	return of[t];
}

/* A truth value of the evaluator's form as HaTri. */
static inline HaTri
tri_of(HaKleene k)
{
	static const HaTri of[4] = {
		[K_FALSE] = HA_FALSE, [1] = HA_UNKNOWN, [K_UNKNOWN] = HA_UNKNOWN,
		[K_TRUE] = HA_TRUE
	};

	return of[k];
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
 * The same for a threshold, to 10 decimals or, where finer, 12 significant
 * digits: a multiple of a national average near 0 keeps its size, and
 * cheapest_change() moves values to it and classifies them again.
 */
static double
tidy_threshold(double v)
{
	double		scale;

	if (v == 0 || !isfinite(v) || fabs(v) >= 1e6)
		return v + 0.0;
	scale = fmax(1e10, pow(10, 11 - floor(log10(fabs(v)))));
	if (!isfinite(scale) || !isfinite(v * scale))
		return v + 0.0;			/* subnormal: nothing to round away */
	return round(v * scale) / scale + 0.0;
}

/*
 * Compare the value a check reads with its threshold (times the national
 * share for relative checks): -1, 0 or 1 in *cmp; false when an input is
 * unknown.  The hot path of classification: no margins, no rounding.
 */
static inline bool
check_compare(const HaCheck *c, const HaIndicators *ind, int *cmp)
{
	double		v;

	if (!ha_ind_known(ind, c->field))
		return false;
	v = ha_ind_get(ind, c->field);
	if (c->times_national)
	{
		if (!ha_ind_known(ind, HA_IND_NATIONAL_CONVICTED))
			return false;
		*cmp = ha_decimal_compare(v, c->multiple,
								  ha_ind_get(ind, HA_IND_NATIONAL_CONVICTED));
	}
	else
		*cmp = (v > c->threshold) - (v < c->threshold);
	return true;
}

/* Whether a comparison result meets the check's operator. */
static inline HaTri
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
		case HA_OP_LE:
			return cmp <= 0 ? HA_TRUE : HA_FALSE;
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
	const HaIndFieldSpec *vs = &ha_ind_fields[c->field];
	const HaIndFieldSpec *ns = &ha_ind_fields[HA_IND_NATIONAL_CONVICTED];
	HaTri		lo,
				hi;

	if (!c->times_national)
		return HA_UNKNOWN;
	if (ha_ind_known(ind, c->field) &&
		!ha_ind_known(ind, HA_IND_NATIONAL_CONVICTED))
	{
		double		v = ha_ind_get(ind, c->field);

		/* the smallest national share allowed, or just above it */
		lo = met_from_cmp(c->op, ns->min_exclusive ?
						  (v > c->multiple * ns->min ? 1 : -1) :
						  ha_decimal_compare(v, c->multiple, ns->min));
		hi = met_from_cmp(c->op, ha_decimal_compare(v, c->multiple, ns->max));
	}
	else if (!ha_ind_known(ind, c->field) &&
			 ha_ind_known(ind, HA_IND_NATIONAL_CONVICTED))
	{
		double		n = ha_ind_get(ind, HA_IND_NATIONAL_CONVICTED);

		lo = met_from_cmp(c->op, ha_decimal_compare(vs->min, c->multiple, n));
		hi = met_from_cmp(c->op, ha_decimal_compare(vs->max, c->multiple, n));
	}
	else
		return HA_UNKNOWN;
	/* the check is monotonic in each input: its ends decide it */
	return lo == hi ? lo : HA_UNKNOWN;
}

/* Just the truth value of a check. */
static inline HaTri
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
	int			cmp;

	m->check = c;
	m->value_known = ha_ind_known(ind, c->field);
	m->value = m->value_known ? ha_ind_get(ind, c->field) : 0;
	m->threshold_known = !c->times_national ||
		ha_ind_known(ind, HA_IND_NATIONAL_CONVICTED);
	m->threshold = c->threshold;
	if (c->times_national && m->threshold_known)
		m->threshold = tidy_threshold(c->multiple * ha_ind_get(ind, HA_IND_NATIONAL_CONVICTED));
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
	else if (c->op == HA_OP_LT || c->op == HA_OP_LE)
		m->distance = tidy(m->threshold - m->value);
	else
		m->distance = tidy(m->value - m->threshold);
}

/* Round away binary noise as margins() shows distances (for callers). */
double
ha_tidy(double v)
{
	return tidy(v);
}

/* The truth value of one check on one record (three-valued). */
HaTri
ha_check_met(const HaCheck *c, const HaIndicators *ind)
{
	return check_met(c, ind);
}

/* One check as a margins() row: value, absolute threshold, outcome, distance. */
void
ha_check_margin(const HaCheck *c, const HaIndicators *ind, HaMargin *m)
{
	eval_check(c, ind, m);
}

/* Does this category rule exist in the given list year? */
static inline bool
rule_in_force(const HaCategoryRule *r, int list_year)
{
	return r->first_year == 0 || list_year >= r->first_year;
}

/* Does this category rule exist in the given list year?  (For callers.) */
bool
ha_rule_applies(const HaCategoryRule *r, int list_year)
{
	return rule_in_force(r, list_year);
}

/* ---- compiling a version ---- */

HA_STATIC_ASSERT(HA_MAX_DISTINCT_CHECKS <= 256, distinct_index_fits_uint8);

/* Do two checks compare the same value with the same threshold alike? */
static bool
same_comparison(const HaCheck *a, const HaCheck *b)
{
	return a->field == b->field && a->op == b->op &&
		a->threshold == b->threshold &&
		a->times_national == b->times_national &&
		(!a->times_national || a->multiple == b->multiple);
}

/* The index of check c among the distinct checks of a version, added if new. */
static int
distinct_index(HaRuleSet *set, const HaCheck *c)
{
	int			k;

	for (k = 0; k < set->ndistinct; k++)
		if (same_comparison(&set->distinct[k], c))
			return k;
	set->distinct[set->ndistinct] = *c;
	return set->ndistinct++;
}

/*
 * Compile a parsed version for the evaluator: every distinct comparison
 * once, those of the size gate and the category rules before those only
 * the kombineret flag reads, each check of each rule pointed at its
 * distinct comparison, and the check giving each criterion's flag
 * (flag_checks, which mark_flags of rulelang.c sets first).  The parser
 * calls it once per version; a version is never changed after.
 */
void
ha_compile_rules(HaRuleSet *set)
{
	int			pass,
				i,
				j,
				k;

	set->ndistinct = 0;
	set->size_distinct = distinct_index(set, &set->size_gate);
	for (pass = 0; pass < 2; pass++)
	{
		for (i = 0; i < set->nrules; i++)
		{
			HaCategoryRule *r = &set->rules[i];

			if ((r->category == HA_CAT_KOMBINERET) != (pass == 1))
				continue;
			for (j = 0; j < r->ngates + r->ncounted; j++)
				r->distinct[j] = (uint8_t) distinct_index(set, &r->checks[j]);
		}
		if (pass == 0)
			set->ncategory = set->ndistinct;
	}
	for (k = 0; k < HA_NCRIT; k++)
	{
		set->flag_from[k] = INT_MAX;
		set->flag_distinct[k] = 0;
		set->flag_counted[k] = false;
	}
	for (i = 0; i < set->nrules; i++)
	{
		const HaCategoryRule *r = &set->rules[i];

		for (j = 0; j < r->ngates + r->ncounted; j++)
			if (r->flag_checks & (1u << j))
			{
				HaCriterion c = r->checks[j].criterion;

				set->flag_from[c] = r->first_year == 0 ? INT_MIN : r->first_year;
				set->flag_distinct[c] = r->distinct[j];
				set->flag_counted[c] = j >= r->ngates;
			}
	}
}

/*
 * Whether a plain check is met, by [field known][operator][comparison + 1]:
 * unknown when its value is.
 */
static const HaKleene plain_met[2][4][3] = {
	{
		{K_UNKNOWN, K_UNKNOWN, K_UNKNOWN}, {K_UNKNOWN, K_UNKNOWN, K_UNKNOWN},
		{K_UNKNOWN, K_UNKNOWN, K_UNKNOWN}, {K_UNKNOWN, K_UNKNOWN, K_UNKNOWN},
	},
	{
		[HA_OP_GT] = {K_FALSE, K_FALSE, K_TRUE},
		[HA_OP_GE] = {K_FALSE, K_TRUE, K_TRUE},
		[HA_OP_LT] = {K_TRUE, K_FALSE, K_FALSE},
		[HA_OP_LE] = {K_TRUE, K_TRUE, K_FALSE},
	},
};

/*
 * The truth value of distinct checks [from, to) of a version on one
 * record, into k: a plain one (an indicator against a number) without a
 * branch on the data, each indicator converted once; a relative one as
 * check_met decides it.
 */
static inline void
distinct_checks(const HaRuleSet *rules, const HaIndicators *ind, int from,
				int to, HaKleene *k)
{
	double		v[HA_IND_NFIELDS];
	unsigned	known = ind->known;
	int			i;

#define HA_IND_LOAD(key, NAME, ...) v[HA_IND_##NAME] = (double) ind->key;
	HA_IND_FIELDS(HA_IND_LOAD)
#undef HA_IND_LOAD
	for (i = from; i < to; i++)
	{
		const HaCheck *c = &rules->distinct[i];
		double		x = v[c->field];
		int			cmp = (x > c->threshold) - (x < c->threshold);

		if (c->times_national)
			k[i] = k_of(check_met(c, ind));
		else
			k[i] = plain_met[(known >> c->field) & 1][c->op][cmp + 1];
	}
}

/*
 * Evaluate a compiled version on one record: each distinct check once,
 * then the rules over their outcomes.  With detail, fill the whole
 * classification (flags, criteria counts); without it, only the category,
 * leaving out what cannot change it (the kombineret flag and the checks
 * only it reads) and deciding a small area by the size gate.
 *
 * The flag of a criterion is the outcome of the first check of it in the
 * version (rulelang.c marks it in flag_checks); criteria_met and
 * criteria_unknown count those among "at least k of" checks.
 */
static HaCategory
evaluate(const HaIndicators *ind, int list_year, const HaRuleSet *rules,
		 HaClassification *detail)
{
	HaKleene	k[HA_MAX_DISTINCT_CHECKS];
	HaKleene	raw[HA_NCAT];
	HaKleene	value[HA_NCAT];
	HaKleene	size_ok;
	int			i,
				j;
	static const HaCategory precedence[] = {
		HA_CAT_PARALLELSAMFUND, HA_CAT_UDSAT, HA_CAT_FOREBYGGELSE
	};

	distinct_checks(rules, ind, 0,
					detail ? rules->ndistinct : rules->ncategory, k);
	size_ok = k[rules->size_distinct];
	if (detail)
	{
		detail->list_year = list_year;
		detail->rules = rules;
		detail->size_ok = tri_of(size_ok);
	}
	else if (size_ok == K_FALSE)
		return HA_CAT_NONE;		/* below 1,000 residents: on no list */
	for (i = 0; i < HA_NCAT; i++)
		raw[i] = value[i] = K_FALSE;

	for (i = 0; i < rules->nrules; i++)
	{
		const HaCategoryRule *r = &rules->rules[i];
		const uint8_t *gate = r->distinct;
		const uint8_t *counted = r->distinct + r->ngates;
		HaKleene	t = size_ok;
		int			surely = 0,
					possibly = 0;

		if (!rule_in_force(r, list_year))
			continue;
		/* the category never depends on the kombineret flag */
		if (!detail && r->category == HA_CAT_KOMBINERET)
			continue;
		if (r->requires != HA_CAT_NONE)
			t &= value[r->requires];
		for (j = 0; j < r->ngates; j++)
			t &= k[gate[j]];
		/* "at least needed of": surely when enough surely hold, and so on */
		for (j = 0; j < r->ncounted; j++)
		{
			surely += k[counted[j]] & 1;
			possibly += k[counted[j]] >> 1;
		}
		if (r->ncounted > 0)
			t &= (HaKleene) (((possibly >= r->needed) << 1) |
							 (surely >= r->needed));
		raw[r->category] |= t;
		value[r->category] = raw[r->category];
		/* excluded when the other holds (forebyggelse of an udsat area) */
		if (r->excludes != HA_CAT_NONE)
			value[r->category] &= k_not(value[r->excludes]);
	}

	if (detail)
	{
		/* each criterion's flag where its rule is in force, without a branch */
		detail->criteria_met = detail->criteria_unknown = 0;
		for (i = 0; i < HA_NCRIT; i++)
		{
			bool		defined = list_year >= rules->flag_from[i];
			HaTri		t = defined ? tri_of(k[rules->flag_distinct[i]]) : HA_FALSE;
			bool		counted = defined & rules->flag_counted[i];

			detail->flag[i] = t;
			detail->flag_defined[i] = defined;
			detail->criteria_met += counted & (t == HA_TRUE);
			detail->criteria_unknown += counted & (t == HA_UNKNOWN);
		}
		detail->udsat = tri_of(value[HA_CAT_UDSAT]);
		detail->parallelsamfund = tri_of(value[HA_CAT_PARALLELSAMFUND]);
		detail->forebyggelse = tri_of(value[HA_CAT_FOREBYGGELSE]);
		detail->forebyggelse_raw = tri_of(raw[HA_CAT_FOREBYGGELSE]);
		detail->kombineret = tri_of(value[HA_CAT_KOMBINERET]);
	}
	for (i = 0; i < LENGTH(precedence); i++)
	{
		HaKleene	v = value[precedence[i]];

		if (v == K_TRUE)
			return precedence[i];
		if (v == K_UNKNOWN)
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
 * gate first, then each category's gates and counted criteria in the order
 * of the rule text.  Returns the number of rows written (at most
 * HA_MAX_MARGINS, which every version fits).
 */
int
ha_margins(const HaIndicators *ind, int list_year, const HaRuleSet *rules,
		   HaMargin *out)
{
	int			n = 0;
	int			i,
				j;

	eval_check(&rules->size_gate, ind, &out[n]);
	out[n++].category = HA_CAT_NONE;
	for (i = 0; i < rules->nrules; i++)
	{
		const HaCategoryRule *r = &rules->rules[i];

		if (!rule_in_force(r, list_year))
			continue;
		for (j = 0; j < r->ngates + r->ncounted && n < HA_MAX_MARGINS; j++)
		{
			eval_check(&r->checks[j], ind, &out[n]);
			out[n++].category = r->category;
		}
	}
	return n;
}

/* ---- history ---- */

/*
 * Is a version's history rule in force on the list of a year?  A version
 * applies it from its first year, or from the year its rule names; a
 * version without list years from any year.
 */
bool
ha_set_omdannelse_possible(const HaRuleSet *rules, int list_year)
{
	return rules->omdannelse_lists > 0 &&
		list_year >= rules->omdannelse_first_year;
}

/*
 * Omdannelse under one version: on the parallelsamfund list in each of the
 * last N lists including this one, where its history rule is in force.
 */
bool
ha_set_omdannelse(const HaRuleSet *rules, int years, int list_year)
{
	return ha_set_omdannelse_possible(rules, list_year) &&
		years >= rules->omdannelse_lists;
}

/*
 * Can an area be an omdannelsesområde on the list of this year at all?
 * Only when the year's version has the history rule and it is in force.
 */
bool
ha_omdannelse_possible(const HaRuleBook *book, int list_year)
{
	HaError		err;
	const HaRuleSet *rules = ha_rules_for_year(book, list_year, &err);

	return rules != NULL && ha_set_omdannelse_possible(rules, list_year);
}

/*
 * Omdannelse: on the parallelsamfund (ghetto) list in each of the last N
 * lists including this one, where the year's version has that rule (N = 5
 * from the 2018 list on).
 */
bool
ha_omdannelse(const HaRuleBook *book, int years, int list_year)
{
	HaError		err;
	const HaRuleSet *rules = ha_rules_for_year(book, list_year, &err);

	return rules != NULL && ha_set_omdannelse(rules, years, list_year);
}

/* ---- consequences ---- */

/*
 * A consequence constant by name.  An unknown name, or one the book does
 * not give, is an error.
 */
const HaConsequence *
ha_consequence(const HaRuleBook *book, const char *name, HaError *err)
{
	int			id;
	int			i;

	for (id = 0; id < HA_NCONSEQUENCES; id++)
		if (strcmp(consequence_specs[id].name, name) == 0)
			break;
	if (id == HA_NCONSEQUENCES)
	{
		ha_fail(err, HA_E_UNKNOWN_CONSEQUENCE, name, NULL);
		return NULL;
	}
	for (i = 0; i < book->nconsequences; i++)
		if (book->consequences[i].id == (HaConsequenceId) id)
			return &book->consequences[i];
	ha_fail(err, HA_E_NO_CONSEQUENCE, name, NULL);
	return NULL;
}

/*
 * The 40 % rule's constants from the book: family_housing_target as the
 * exact fraction mantissa / (100 * 10^decimals), m2_per_dwelling whole
 * (rulelang.c checks both when it parses them).
 */
bool
ha_plan_rule(const HaRuleBook *book, HaPlanRule *plan, HaError *err)
{
	const HaConsequence *target = ha_consequence(book, "family_housing_target", err);
	const HaConsequence *m2;
	int			d;

	if (target == NULL)
		return false;
	m2 = ha_consequence(book, "m2_per_dwelling", err);
	if (m2 == NULL)
		return false;
	plan->target_num = target->mantissa;
	plan->target_den = 100;
	for (d = 0; d < target->decimals; d++)
		plan->target_den *= 10;
	plan->m2_per_dwelling = (int64_t) m2->value;
	return true;
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
ha_category_label(const HaRuleBook *book, const char *category, int list_year,
				  const char *lang, HaError *err)
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
	if (!ha_check_list_year(book, list_year, err))
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
