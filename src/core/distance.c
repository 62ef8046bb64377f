/*
 * distance.c
 *		The smallest changes that take an area off a list, or onto one:
 *		per check (list_distance) and as the cheapest set of criteria under
 *		the version's structure (cheapest_change).
 *
 * Nothing here knows a threshold or a list's structure: both are read from
 * the parsed rule version, and every hypothetical record is classified by
 * ha_classify.  A change counted in persons moves the counts of the latest
 * data year's tally and recomputes the value with ha_tally_to_indicators,
 * so "the smallest number of persons" is exact and rounds the way the
 * record is computed.
 */
#include "distance.h"

#include <math.h>
#include <string.h>

/* The lists, in the order they are reported. */
static const HaCategory lists[HA_DIST_NLISTS] = {
	HA_CAT_UDSAT, HA_CAT_PARALLELSAMFUND, HA_CAT_FOREBYGGELSE,
	HA_CAT_KOMBINERET
};

/* The criteria values that may move (national_convicted is not an area's). */
static const HaIndField vars[HA_DIST_NVARS] = {
	HA_IND_RESIDENTS, HA_IND_NONWESTERN, HA_IND_OUTSIDE_LABOUR,
	HA_IND_CONVICTED, HA_IND_BASIC_EDUCATION, HA_IND_INCOME, HA_IND_MENAPT
};

/* Candidate new values of one criterion kept for the cheapest set. */
#define MAX_CANDIDATES 8

/* Units of outside_labour_fte per full-time person, and øre per krone. */
#define FTE_PER_PERSON INT64_C(1000000)
#define ORE_PER_KRONE INT64_C(100)

/* The name of a direction, as SQL shows it (NULL: none). */
const char *
ha_direction_name(HaDirection d)
{
	switch (d)
	{
		case HA_DIR_LEAVE:
			return "leave";
		case HA_DIR_ENTER:
			return "enter";
		case HA_DIR_NONE:
			break;
	}
	return NULL;
}

/* A note as SQL shows it (NULL: none). */
const char *
ha_distance_note(HaDistanceNote n)
{
	switch (n)
	{
		case HA_NOTE_VALUE_UNKNOWN:
			return "unknown: the value or its threshold is missing";
		case HA_NOTE_NO_PERSONS:
			return "no change of persons in the latest data year flips it";
		case HA_NOTE_OTHER_LIST:
			return "a list: see its own rows";
		case HA_NOTE_LIST_UNKNOWN:
			return "unknown: missing values decide whether the area is on the list";
		case HA_NOTE_UNDECIDED:
			return "unknown: no change of the known values decides it";
		case HA_NOTE_NONE:
			break;
	}
	return NULL;
}

/* The operator that holds exactly where op fails. */
HaOp
ha_op_negation(HaOp op)
{
	switch (op)
	{
		case HA_OP_GT:
			return HA_OP_LE;
		case HA_OP_GE:
			return HA_OP_LT;
		case HA_OP_LT:
			return HA_OP_GE;
		case HA_OP_LE:
			return HA_OP_GT;
	}
	return op;
}

/* A list's flag in a classification (unknown for a category that is no list). */
HaTri
ha_list_flag(const HaClassification *c, HaCategory list)
{
	switch (list)
	{
		case HA_CAT_UDSAT:
			return c->udsat;
		case HA_CAT_PARALLELSAMFUND:
			return c->parallelsamfund;
		case HA_CAT_FOREBYGGELSE:
			return c->forebyggelse;
		case HA_CAT_KOMBINERET:
			return c->kombineret;
		default:
			break;
	}
	return HA_UNKNOWN;
}

/* The first rule of the version that defines this list in this list year, or NULL. */
static const HaCategoryRule *
list_rule(const HaRuleSet *rules, HaCategory list, int list_year)
{
	int			i;

	for (i = 0; i < rules->nrules; i++)
		if (rules->rules[i].category == list &&
			ha_rule_applies(&rules->rules[i], list_year))
			return &rules->rules[i];
	return NULL;
}

/* Does the version define this list in this list year? */
static bool
list_defined(const HaRuleSet *rules, HaCategory list, int list_year)
{
	return list_rule(rules, list, list_year) != NULL;
}

/*
 * The list that keeps an area off this one ("unless udsat"), or NONE: the
 * rules of one list share their "unless" (the parser refuses others).
 */
static HaCategory
list_excluded_by(const HaRuleSet *rules, HaCategory list, int list_year)
{
	const HaCategoryRule *r = list_rule(rules, list, list_year);

	return r != NULL ? r->excludes : HA_CAT_NONE;
}

/*
 * Has a classification crossed the list?  Entering: on it for certain.
 * Leaving: off it for certain, and not by going onto the list that keeps an
 * area off it (an area is not taken off forebyggelse by becoming udsat).
 */
static bool
crossed(const HaClassification *c, HaCategory list, HaCategory excluded,
		HaDirection dir)
{
	if (dir == HA_DIR_ENTER)
		return ha_list_flag(c, list) == HA_TRUE;
	return ha_list_flag(c, list) == HA_FALSE &&
		(excluded == HA_CAT_NONE || ha_list_flag(c, excluded) == HA_FALSE);
}

/* Is the check's threshold known for this record? */
static bool
threshold_known(const HaCheck *c, const HaIndicators *ind)
{
	return !c->times_national || ha_ind_known(ind, HA_IND_NATIONAL_CONVICTED);
}

/* Which way the value must move to flip a check: -1 down, +1 up. */
static int
flip_direction(HaOp op, HaTri met)
{
	bool		greater = (op == HA_OP_GT || op == HA_OP_GE);

	return (greater == (met == HA_TRUE)) ? -1 : 1;
}

/* Must the value pass the threshold (not only reach it) to flip the check? */
static bool
flip_strict(HaOp op, HaTri met)
{
	return (op == HA_OP_GE || op == HA_OP_LE) == (met == HA_TRUE);
}

/* ---- moving persons ---- */

/*
 * The most steps a criterion can move in direction dir (-1, +1): persons
 * within their populations, kroner of mean income within the income
 * field's range; 0 when it cannot move that way.  residents needs no
 * tally; the others do.
 */
static int64_t
max_steps(const HaIndicators *ind, const HaDistanceBasis *b, HaIndField f,
		  int dir)
{
	const HaTally *t;

	if (f == HA_IND_RESIDENTS)
	{
		int64_t		v = (int64_t) ha_ind_get(ind, f);

		return dir < 0 ? v : (int64_t) ha_ind_fields[f].max - v;
	}
	if (b == NULL)
		return 0;
	t = &b->cur;
	switch (f)
	{
		case HA_IND_NONWESTERN:
			return dir < 0 ? t->nonwestern : t->residents - t->nonwestern;
		case HA_IND_MENAPT:
			if (!ha_tally_menapt_counted(t))
				return 0;
			return dir < 0 ? ha_tally_menapt(t) : t->residents - ha_tally_menapt(t);
		case HA_IND_CONVICTED:
			return dir < 0 ? t->convicted_18plus :
				t->persons_18plus - t->convicted_18plus;
		case HA_IND_BASIC_EDUCATION:
			return dir < 0 ? t->basic_education_30_59 :
				t->persons_30_59 - t->basic_education_30_59;
		case HA_IND_OUTSIDE_LABOUR:
			if (dir < 0)
				return (t->outside_labour_fte + FTE_PER_PERSON - 1) / FTE_PER_PERSON;
			/* whole persons not (fully) outside: the population less the FTE */
			return t->persons_18_64 -
				t->outside_labour_fte / FTE_PER_PERSON;
		case HA_IND_INCOME:
			{
				double		mean,
							room;

				if (!b->has_regional || t->taxpayers_15_64 <= 0 ||
					!ha_tally_income_mean(t, &mean))
					return 0;
				room = dir < 0 ? floor(mean) :
					floor(b->regional_income * ha_ind_fields[f].max / 100 - mean);
				/* k kroner for each taxpayer must fit the øre sum */
				if (room > (double) (INT64_MAX / 4 / ORE_PER_KRONE) / (double) t->taxpayers_15_64)
					room = (double) (INT64_MAX / 4 / ORE_PER_KRONE) / (double) t->taxpayers_15_64;
				return room < 1 ? 0 : (int64_t) room;
			}
		default:
			break;
	}
	return 0;
}

/*
 * The value of criterion f after k steps (signed): residents more or fewer;
 * with a tally, persons of the latest data year moving from one side of
 * the criterion to the other (outside_labour: whole full-time persons, the
 * last one the fraction that is left), or k kroner more mean income.  False
 * when the result is not a known value.
 */
static bool
value_after(const HaIndicators *ind, const HaDistanceBasis *b, HaIndField f,
			int64_t k, double *out)
{
	HaTally		t;
	HaIndicators moved;
	HaError		err;

	if (f == HA_IND_RESIDENTS)
	{
		double		v = ha_ind_get(ind, f) + (double) k;

		if (v < ha_ind_fields[f].min || v > ha_ind_fields[f].max)
			return false;
		*out = v;
		return true;
	}
	if (b == NULL)
		return false;
	t = b->cur;
	switch (f)
	{
		case HA_IND_NONWESTERN:
			t.nonwestern += k;
			break;
		case HA_IND_MENAPT:
			/* max_steps keeps the count within 0 .. residents */
			ha_tally_set_menapt(&t, true, ha_tally_menapt(&t) + k);
			break;
		case HA_IND_CONVICTED:
			t.convicted_18plus += k;
			break;
		case HA_IND_BASIC_EDUCATION:
			t.basic_education_30_59 += k;
			break;
		case HA_IND_OUTSIDE_LABOUR:
			{
				int64_t		whole = t.persons_18_64 > INT64_MAX / FTE_PER_PERSON ?
					INT64_MAX : t.persons_18_64 * FTE_PER_PERSON;
				int64_t		step = (k > INT64_MAX / FTE_PER_PERSON ||
									-k > INT64_MAX / FTE_PER_PERSON) ?
					(k < 0 ? -INT64_MAX : INT64_MAX) : k * FTE_PER_PERSON;

				/* the last person moves the fraction that is left */
				if (step < 0 && t.outside_labour_fte < -step)
					t.outside_labour_fte = 0;
				else if (step > 0 && whole - t.outside_labour_fte < step)
					t.outside_labour_fte = whole;
				else
					t.outside_labour_fte += step;
				break;
			}
		case HA_IND_INCOME:
			{
				/* max_steps keeps |k| * 100 * taxpayers below INT64_MAX / 4 */
				int64_t		delta = k * ORE_PER_KRONE * t.taxpayers_15_64;

				if ((delta > 0 && t.income_sum > INT64_MAX - delta) ||
					(delta < 0 && t.income_sum < -INT64_MAX - delta))
					return false;
				t.income_sum += delta;
				break;
			}
		default:
			return false;
	}
	if (!ha_tally_to_indicators(&t, b->has_prev ? &b->prev : NULL,
								b->has_national ? &b->national_convicted : NULL,
								b->has_regional ? &b->regional_income : NULL,
								&moved, &err) ||
		!ha_ind_known(&moved, f))
		return false;
	*out = ha_ind_get(&moved, f);
	return true;
}

/* The outcome of a check with criterion f set to v. */
static HaTri
check_with(const HaCheck *c, const HaIndicators *ind, HaIndField f, double v)
{
	HaIndicators x = *ind;

	ha_field_put(&ha_ind_fields[f], &x, v);
	return ha_check_met(c, &x);
}

/* Has the check flipped from `now` after k steps in direction dir? */
static bool
flipped_after(const HaCheck *c, const HaIndicators *ind,
			  const HaDistanceBasis *b, int dir, int64_t k, HaTri now,
			  double *v)
{
	HaTri		t;

	if (!value_after(ind, b, c->field, dir * k, v))
		return false;
	t = check_with(c, ind, c->field, *v);
	return t != HA_UNKNOWN && t != now;
}

/*
 * The fewest steps (persons, or kroner of mean income) in direction dir that
 * flip a check from its outcome now; 0 when no number within the
 * populations does.  The value moves monotonically with the steps, so the
 * check flips once: a binary search finds the first step.
 */
static int64_t
fewest_steps(const HaCheck *c, const HaIndicators *ind,
			 const HaDistanceBasis *b, int dir, HaTri now, double *reached)
{
	int64_t		lo = 0,
				hi = max_steps(ind, b, c->field, dir);
	double		v;

	if (hi < 1 || !flipped_after(c, ind, b, dir, hi, now, reached))
		return 0;
	while (hi - lo > 1)
	{
		int64_t		mid = lo + (hi - lo) / 2;

		if (flipped_after(c, ind, b, dir, mid, now, &v))
		{
			hi = mid;
			*reached = v;
		}
		else
			lo = mid;
	}
	return hi;
}

/* Can this criterion be counted in persons (or kroner) for this record? */
static bool
countable(const HaDistanceBasis *b, HaIndField f)
{
	return f == HA_IND_RESIDENTS || b != NULL;
}

/* ---- per check ---- */

/* Fill the change of one check of a list. */
static void
check_distance(const HaCheck *c, const HaIndicators *ind,
			   const HaDistanceBasis *b, HaCheckDistance *d)
{
	HaMargin   *m = &d->margin;
	int			dir;

	ha_check_margin(c, ind, m);
	if (m->met == HA_UNKNOWN || !m->value_known || !m->threshold_known)
	{
		d->note = HA_NOTE_VALUE_UNKNOWN;
		return;
	}
	dir = flip_direction(c->op, m->met);
	d->change_known = true;
	d->change = (c->op == HA_OP_GT || c->op == HA_OP_GE) ? -m->distance : m->distance;
	d->change = d->change + 0.0;
	d->strict = flip_strict(c->op, m->met);
	d->flip_op = m->met == HA_TRUE ? ha_op_negation(c->op) : c->op;
	if (countable(b, c->field))
	{
		double		reached;
		int64_t		k = fewest_steps(c, ind, b, dir, m->met, &reached);

		if (k > 0)
		{
			d->persons_known = true;
			d->persons = dir * k;
		}
		else
			d->note = HA_NOTE_NO_PERSONS;
	}
}

/* Start a row of a list. */
static HaCheckDistance *
new_row(HaCheckDistance *out, int *n, HaCategory list, HaTri on,
		HaDirection dir, HaDistanceRole role, int alternative)
{
	HaCheckDistance *d = &out[(*n)++];

	memset(d, 0, sizeof(*d));
	d->list = list;
	d->on_list = on;
	d->direction = dir;
	d->role = role;
	d->alternative = alternative;
	d->other = HA_CAT_NONE;
	return d;
}

/* The direction a list is crossed in, from its status now. */
static HaDirection
direction_of(HaTri on)
{
	return on == HA_TRUE ? HA_DIR_LEAVE : on == HA_FALSE ? HA_DIR_ENTER : HA_DIR_NONE;
}

/*
 * For each list the version defines in the list year, a row for each of
 * its tests (the size gate, lists it requires or is kept off by, gates,
 * counted criteria): whether it holds and the smallest change that flips
 * it, in the unit and, where countable, in persons.  Returns the number of
 * rows (at most HA_MAX_DISTANCES).
 */
int
ha_list_distances(const HaIndicators *ind, const HaDistanceBasis *basis,
				  int list_year, const HaRuleSet *rules, HaCheckDistance *out)
{
	HaClassification now;
	int			n = 0;
	int			l,
				i,
				j;

	ha_classify(ind, list_year, rules, &now);
	for (l = 0; l < HA_DIST_NLISTS; l++)
	{
		HaCategory	list = lists[l];
		HaTri		on = ha_list_flag(&now, list);
		HaDirection dir = direction_of(on);
		HaCheckDistance *d;
		int			alternative = 0;

		if (!list_defined(rules, list, list_year))
			continue;
		d = new_row(out, &n, list, on, dir, HA_ROLE_SIZE, 0);
		check_distance(&rules->size_gate, ind, basis, d);
		for (i = 0; i < rules->nrules; i++)
		{
			const HaCategoryRule *r = &rules->rules[i];

			if (r->category != list || !ha_rule_applies(r, list_year))
				continue;
			alternative++;
			if (r->requires != HA_CAT_NONE)
			{
				d = new_row(out, &n, list, on, dir, HA_ROLE_REQUIRES, alternative);
				d->other = r->requires;
				d->margin.met = ha_list_flag(&now, r->requires);
				d->note = HA_NOTE_OTHER_LIST;
			}
			for (j = 0; j < r->ngates + r->ncounted; j++)
			{
				d = new_row(out, &n, list, on, dir,
							j < r->ngates ? HA_ROLE_GATE : HA_ROLE_COUNTED,
							alternative);
				d->needed = r->needed;
				d->ncounted = r->ncounted;
				check_distance(&r->checks[j], ind, basis, d);
			}
			if (r->excludes != HA_CAT_NONE)
			{
				d = new_row(out, &n, list, on, dir, HA_ROLE_UNLESS, alternative);
				d->other = r->excludes;
				d->margin.met = ha_list_flag(&now, r->excludes);
				d->note = HA_NOTE_OTHER_LIST;
			}
		}
	}
	return n;
}

/* ---- the cheapest set ---- */

/* One way to move one criterion: its new value and what it costs. */
typedef struct Candidate
{
	HaMove		move;
	double		eval_value;		/* the value classified */
} Candidate;

/* The candidates of one criterion. */
typedef struct Var
{
	HaIndField	field;
	int			n;
	Candidate	c[MAX_CANDIDATES];
} Var;

/* Most checks of a version: the size gate and every check of every rule. */
#define MAX_VERSION_CHECKS (1 + HA_MAX_RULES * HA_MAX_RULE_CHECKS)

/* The checks of a version in force in a list year, size gate first. */
static int
version_checks(const HaRuleSet *rules, int list_year, const HaCheck **out)
{
	int			n = 0;
	int			i,
				j;

	out[n++] = &rules->size_gate;
	for (i = 0; i < rules->nrules; i++)
	{
		const HaCategoryRule *r = &rules->rules[i];

		if (!ha_rule_applies(r, list_year))
			continue;
		for (j = 0; j < r->ngates + r->ncounted; j++)
			out[n++] = &r->checks[j];
	}
	return n;
}

/* The absolute threshold of a check (after × national), tidied as margins(). */
static double
absolute_threshold(const HaCheck *c, const HaIndicators *ind)
{
	HaMargin	m;

	ha_check_margin(c, ind, &m);
	return m.threshold;
}

/*
 * A value just past threshold t in direction dir, for classifying a strict
 * crossing without a tally: halfway to the next threshold of the same
 * criterion in the version, or to the end of the field's range.  False
 * when there is no room.
 */
static bool
value_past(const HaRuleSet *rules, int list_year, const HaIndicators *ind,
		   HaIndField f, double t, int dir, double *out)
{
	const HaIndFieldSpec *spec = &ha_ind_fields[f];
	const HaCheck *checks[MAX_VERSION_CHECKS];
	int			n = version_checks(rules, list_year, checks);
	double		next = dir < 0 ? spec->min : spec->max;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (checks[i]->field == f && threshold_known(checks[i], ind))
		{
			double		p = absolute_threshold(checks[i], ind);

			if (dir < 0 ? (p < t && p > next) : (p > t && p < next))
				next = p;
		}
	}
	if (dir < 0 ? !(next < t) : !(next > t))
		return false;
	*out = (t + next) / 2;
	return true;
}

/* Add a candidate unless one with the same value is there. */
static void
add_candidate(Var *v, const Candidate *c)
{
	int			i;

	for (i = 0; i < v->n; i++)
		if (v->c[i].eval_value == c->eval_value)
			return;
	if (v->n < MAX_CANDIDATES)
		v->c[v->n++] = *c;
}

/*
 * The candidate new values of criterion f: for each check of the version
 * on it, the smallest move that flips the check (towards its threshold).
 */
static void
candidates(const HaRuleSet *rules, int list_year, const HaIndicators *ind,
		   const HaDistanceBasis *b, Var *v)
{
	HaIndField	f = v->field;
	double		now = ha_ind_get(ind, f);
	const HaCheck *checks[MAX_VERSION_CHECKS];
	int			n = version_checks(rules, list_year, checks);
	int			i;

	v->n = 0;
	for (i = 0; i < n; i++)
	{
		const HaCheck *chk = checks[i];
		HaTri		met = ha_check_met(chk, ind);
		Candidate	cand;
		int			dir;
		double		t;

		if (chk->field != f || met == HA_UNKNOWN || !threshold_known(chk, ind))
			continue;
		dir = flip_direction(chk->op, met);
		t = absolute_threshold(chk, ind);
		memset(&cand, 0, sizeof(cand));
		cand.move.field = f;
		cand.move.value = now;
		cand.move.op = met == HA_TRUE ? ha_op_negation(chk->op) : chk->op;
		cand.move.threshold = t;
		if (countable(b, f))
		{
			/* the fewest persons (or kroner), and the value they give */
			double		reached;
			int64_t		k = fewest_steps(chk, ind, b, dir, met, &reached);

			if (k == 0)
				continue;
			cand.move.counted = true;
			cand.move.amount = dir * k;
			cand.move.reached_known = true;
			cand.move.reached = reached;
			cand.move.change = ha_tidy(reached - now);
			cand.eval_value = reached;
		}
		else
		{
			/* the threshold itself, or a value just past it */
			cand.move.change = ha_tidy(t - now);
			cand.move.strict = flip_strict(chk->op, met);
			if (cand.move.strict)
			{
				if (!value_past(rules, list_year, ind, f, t, dir, &cand.eval_value))
					continue;
			}
			else
			{
				if (t < ha_ind_fields[f].min || t > ha_ind_fields[f].max ||
					(ha_ind_fields[f].min_exclusive && t == ha_ind_fields[f].min))
					continue;
				cand.eval_value = t;
			}
			if (check_with(chk, ind, f, cand.eval_value) == met)
				continue;
		}
		add_candidate(v, &cand);
	}
}

/* The cost of a set: its percentage points, persons and kroner. */
static void
set_cost(HaChangeSet *s)
{
	int			i;

	s->persons = 0;
	s->income_kr = 0;
	s->points = 0;
	for (i = 0; i < s->nmoves; i++)
	{
		const HaMove *m = &s->moves[i];
		int64_t		a = m->amount < 0 ? -m->amount : m->amount;

		if (m->counted && m->field == HA_IND_INCOME)
			s->income_kr += a;
		else if (m->counted)
			s->persons += a;
		if (m->field != HA_IND_RESIDENTS)
			s->points += fabs(m->change);
	}
}

/*
 * Is set a cheaper than set b (same number of criteria)?  Fewer percentage
 * points (persons relative to the population each criterion counts, and
 * income in points of the regional mean), then fewer persons, then fewer
 * kroner (docs/decisions.md).
 */
static bool
cheaper(const HaChangeSet *a, const HaChangeSet *b)
{
	if (fabs(a->points - b->points) > 1e-9)
		return a->points < b->points;
	if (a->persons != b->persons)
		return a->persons < b->persons;
	return a->income_kr < b->income_kr;
}

/* Number of bits set. */
static int
popcount(unsigned x)
{
	int			n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/*
 * The cheapest combination of candidates of the criteria in mask that
 * crosses the list; false when none does.
 */
static bool
best_for_mask(const Var *v, int nv, unsigned mask, const HaIndicators *ind,
			  int list_year, const HaRuleSet *rules, HaCategory list,
			  HaCategory excluded, HaDirection dir, HaChangeSet *best)
{
	int			idx[HA_DIST_NVARS];
	int			members[HA_DIST_NVARS];
	int			nm = 0;
	int			i;
	bool		found = false;

	for (i = 0; i < nv; i++)
		if (mask & (1u << i))
		{
			members[nm] = i;
			idx[nm++] = 0;
		}
	for (;;)
	{
		HaIndicators x = *ind;
		HaClassification c;

		for (i = 0; i < nm; i++)
			ha_field_put(&ha_ind_fields[v[members[i]].field], &x,
						 v[members[i]].c[idx[i]].eval_value);
		ha_classify(&x, list_year, rules, &c);
		if (crossed(&c, list, excluded, dir))
		{
			HaChangeSet s;

			memset(&s, 0, sizeof(s));
			s.nmoves = nm;
			for (i = 0; i < nm; i++)
				s.moves[i] = v[members[i]].c[idx[i]].move;
			set_cost(&s);
			if (!found || cheaper(&s, best))
				*best = s;
			found = true;
		}
		/* the next combination */
		for (i = 0; i < nm; i++)
		{
			if (++idx[i] < v[members[i]].n)
				break;
			idx[i] = 0;
		}
		if (i == nm)
			break;
	}
	return found;
}

/*
 * For each list the version defines in the list year: the sets of the
 * fewest criteria whose changes take the area off it (when it is on it) or
 * onto it (when it is not), each with its cheapest changes, ordered
 * cheapest first (fewest percentage points, then persons, then kroner of
 * mean income).  Sets that leave residents alone come first (the
 * fewest criteria among them), then the sets of the fewest criteria that
 * move residents: the size gate takes an area off every list with one
 * change, which would otherwise hide every way through the criteria.  Only known values change, and the list must be
 * decided after the change; a list with no such set, or whose status is
 * unknown, gets one row with a note.  Returns the number of sets (at most
 * HA_MAX_CHANGE_SETS).
 */
int
ha_cheapest_changes(const HaIndicators *ind, const HaDistanceBasis *basis,
					int list_year, const HaRuleSet *rules, HaChangeSet *out)
{
	HaClassification now;
	Var			v[HA_DIST_NVARS];
	int			nv = 0;
	int			n = 0;
	unsigned	residents_bit = 0;
	int			l,
				i;

	ha_classify(ind, list_year, rules, &now);
	for (i = 0; i < HA_DIST_NVARS; i++)
	{
		if (!ha_ind_known(ind, vars[i]))
			continue;
		v[nv].field = vars[i];
		candidates(rules, list_year, ind, basis, &v[nv]);
		if (v[nv].n == 0)
			continue;
		if (vars[i] == HA_IND_RESIDENTS)
			residents_bit = 1u << nv;
		nv++;
	}
	for (l = 0; l < HA_DIST_NLISTS; l++)
	{
		HaCategory	list = lists[l];
		HaCategory	excluded = list_excluded_by(rules, list, list_year);
		HaTri		on = ha_list_flag(&now, list);
		HaDirection dir = direction_of(on);
		int			first = n;
		int			group;
		int			size;

		if (!list_defined(rules, list, list_year))
			continue;
		/* sets that leave residents alone, then sets that move residents */
		for (group = 0; group < 2 && dir != HA_DIR_NONE; group++)
		{
			int			group_first = n;

			for (size = 1; size <= nv && n == group_first; size++)
			{
				unsigned	mask;

				for (mask = 1; mask < (1u << nv); mask++)
				{
					HaChangeSet s;

					if (popcount(mask) != size ||
						((mask & residents_bit) != 0) != (group == 1))
						continue;
					/* residents must be needed: the others alone do not cross */
					if (group == 1 && (mask & ~residents_bit) != 0 &&
						best_for_mask(v, nv, mask & ~residents_bit, ind, list_year,
									  rules, list, excluded, dir, &s))
						continue;
					if (!best_for_mask(v, nv, mask, ind, list_year, rules, list,
									   excluded, dir, &s))
						continue;
					/* insert in cost order (stable: criteria order on ties) */
					for (i = n; i > group_first && cheaper(&s, &out[i - 1]); i--)
						out[i] = out[i - 1];
					out[i] = s;
					n++;
				}
			}
		}
		if (n == first)
		{
			memset(&out[n], 0, sizeof(out[n]));
			out[n].note = dir == HA_DIR_NONE ? HA_NOTE_LIST_UNKNOWN : HA_NOTE_UNDECIDED;
			n++;
		}
		for (i = first; i < n; i++)
		{
			out[i].list = list;
			out[i].on_list = on;
			out[i].direction = dir;
			if (out[i].nmoves > 0)
				out[i].option = i - first + 1;
		}
	}
	return n;
}
