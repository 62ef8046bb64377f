/*
 * test_distance.c
 *		Unit tests of what it would take to leave or enter a list
 *		(src/core/distance.c) under the built-in rule text: each check's
 *		change at its boundary, in the unit and in persons, and the cheapest
 *		sets under the gates and "at least k of n".  Expectations are worked
 *		out by hand from docs/rules.md.
 */
#include <math.h>

#include "unit.h"
#include "../../src/core/distance.h"
#include "../../src/core/rulelang.h"
#include "../../src/core/rules.h"
#include "../../src/core/tally.h"

static HaCheckDistance rows[HA_MAX_DISTANCES];
static int	nrows;
static HaChangeSet sets[HA_MAX_CHANGE_SETS];
static int	nsets;

/* Parse a test record, reporting a broken test input as a failure. */
static HaIndicators
record(const char *text)
{
	HaIndicators ind;
	HaError		err;

	unit_check_accepted(text, ha_ind_parse(text, &ind, &err), &err);
	return ind;
}

/* The version of a list year. */
static const HaRuleSet *
version(int year, const char *id)
{
	HaError		err;

	const HaRuleBook *book = unit_builtin_book();

	return id ? ha_rules_by_id(book, id, &err) : ha_rules_for_year(book, year, &err);
}

/* list_distance of a record (and a tally basis, or NULL) into rows. */
static void
distances(const HaIndicators *ind, const HaDistanceBasis *b, int year,
		  const char *id)
{
	nrows = ha_list_distances(ind, b, year, version(year, id), rows);
}

/* cheapest_change of a record into sets. */
static void
cheapest(const HaIndicators *ind, const HaDistanceBasis *b, int year,
		 const char *id)
{
	nsets = ha_cheapest_changes(ind, b, year, version(year, id), sets);
}

/* list_distance of a record text, under its list year's version. */
static void
distances_of(const char *text, int year)
{
	HaIndicators ind = record(text);

	distances(&ind, NULL, year, NULL);
}

/* cheapest_change of a record text, under its list year's version. */
static void
cheapest_of(const char *text, int year)
{
	HaIndicators ind = record(text);

	cheapest(&ind, NULL, year, NULL);
}

/* The row of a list's check on a criterion (the first), or NULL. */
static const HaCheckDistance *
row(HaCategory list, HaDistanceRole role, HaCriterion crit, int nth)
{
	int			i;

	for (i = 0; i < nrows; i++)
		if (rows[i].list == list && rows[i].role == role &&
			(rows[i].margin.check == NULL ||
			 rows[i].margin.check->criterion == crit) &&
			nth-- == 0)
			return &rows[i];
	printf("#   no row for %s, role %d, criterion %s\n",
		   ha_category_name(list), role, ha_criterion_name(crit));
	unit_checks_failed++;
	return &rows[0];
}

/* The option-th set of a list, or NULL. */
static const HaChangeSet *
set_of(HaCategory list, int option)
{
	int			i;

	for (i = 0; i < nsets; i++)
		if (sets[i].list == list && sets[i].option == option)
			return &sets[i];
	return NULL;
}

/* Number of sets of a list (note rows included). */
static int
sets_of(HaCategory list)
{
	int			i,
				n = 0;

	for (i = 0; i < nsets; i++)
		n += sets[i].list == list;
	return n;
}

/* Does a set move exactly these fields (in field order)? */
static bool
moves(const HaChangeSet *s, int n, const HaIndField *fields)
{
	int			i;

	if (s == NULL || s->nmoves != n)
		return false;
	for (i = 0; i < n; i++)
		if (s->moves[i].field != fields[i])
			return false;
	return true;
}

/* Does a set move this one field alone? */
static bool
moves_only(const HaChangeSet *s, HaIndField field)
{
	return moves(s, 1, &field);
}

static const char korskaer[] = "residents=1913 nonwestern=49.4 outside_labour=44.6 "
"convicted=1.94 national_convicted=0.65 basic_education=67.4 income=61.8";

/* Each check's change in its unit, with the operator it must meet. */
static void
test_check_changes(void)
{
	const HaCheckDistance *d;

	distances_of(korskaer, 2024);
	/* udsat: 2 of 4 hold (labour, education) */
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_LABOUR, 0);
	CHECK(d->on_list == HA_TRUE && d->direction == HA_DIR_LEAVE);
	CHECK(d->margin.met == HA_TRUE && d->change_known);
	CHECK(d->change == -4.6 && d->flip_op == HA_OP_LE && !d->strict);
	CHECK(!d->persons_known);	/* no tally */
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_EDUCATION, 0);
	CHECK(d->change == -7.4 && d->flip_op == HA_OP_LE && !d->strict);
	/* 1.94 >= 3 x 0.65 fails: reaching 1.95 is enough */
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_CONVICTIONS, 0);
	CHECK(d->margin.met == HA_FALSE && d->margin.threshold == 1.95);
	CHECK(d->change == 0.01 && d->flip_op == HA_OP_GE && !d->strict);
	/* 61.8 < 55 fails: the value must pass below 55 */
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_INCOME, 0);
	CHECK(d->change == -6.8 && d->flip_op == HA_OP_LT && d->strict);
	/* the size gate: 914 residents fewer (999 < 1000), in persons */
	d = row(HA_CAT_UDSAT, HA_ROLE_SIZE, HA_CRIT_RESIDENTS, 0);
	CHECK(d->change == -913 && d->flip_op == HA_OP_LT && d->strict);
	CHECK(d->persons_known && d->persons == -914);
	/* parallelsamfund: requires udsat, and nonwestern 49.4 > 50 fails */
	d = row(HA_CAT_PARALLELSAMFUND, HA_ROLE_REQUIRES, HA_CRIT_LABOUR, 0);
	CHECK(d->other == HA_CAT_UDSAT && d->margin.met == HA_TRUE &&
		  d->note == HA_NOTE_OTHER_LIST);
	d = row(HA_CAT_PARALLELSAMFUND, HA_ROLE_GATE, HA_CRIT_NONWESTERN, 0);
	CHECK(d->direction == HA_DIR_ENTER && d->change == 0.6 &&
		  d->flip_op == HA_OP_GT && d->strict);
	/* forebyggelse: kept off by udsat */
	d = row(HA_CAT_FOREBYGGELSE, HA_ROLE_UNLESS, HA_CRIT_LABOUR, 0);
	CHECK(d->other == HA_CAT_UDSAT && d->margin.met == HA_TRUE);
	/* kombineret: two alternatives, labour >= 40 holds */
	d = row(HA_CAT_KOMBINERET, HA_ROLE_GATE, HA_CRIT_LABOUR, 0);
	CHECK(d->alternative == 1 && d->change == -4.6 && d->flip_op == HA_OP_LT && d->strict);
	d = row(HA_CAT_KOMBINERET, HA_ROLE_GATE, HA_CRIT_RESIDENTS, 0);
	CHECK(d->alternative == 2 && d->margin.met == HA_FALSE &&
		  d->persons == 5000 - 1913 && d->flip_op == HA_OP_GE);
}

/* At the threshold: > needs a pass, >= a step below; one unit away. */
static void
test_boundaries(void)
{
	const char *text = "residents=1000 outside_labour=40 basic_education=60.01 "
	"convicted=1.95 national_convicted=0.65 income=55 nonwestern=50";
	const HaCheckDistance *d;

	distances_of(text, 2024);
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_LABOUR, 0);
	CHECK(d->margin.met == HA_FALSE && d->change == 0 && d->flip_op == HA_OP_GT && d->strict);
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_EDUCATION, 0);
	CHECK(d->margin.met == HA_TRUE && d->change == -0.01 && d->flip_op == HA_OP_LE);
	/* exactly 3 x 0.65 holds; any step below fails it */
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_CONVICTIONS, 0);
	CHECK(d->margin.met == HA_TRUE && d->change == 0 && d->flip_op == HA_OP_LT && d->strict);
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_INCOME, 0);
	CHECK(d->margin.met == HA_FALSE && d->change == 0 && d->flip_op == HA_OP_LT && d->strict);
	/* residents 1000 >= 1000: one resident fewer */
	d = row(HA_CAT_UDSAT, HA_ROLE_SIZE, HA_CRIT_RESIDENTS, 0);
	CHECK(d->margin.met == HA_TRUE && d->persons == -1);
	/* kombineret >= 40 holds at 40 */
	d = row(HA_CAT_KOMBINERET, HA_ROLE_GATE, HA_CRIT_LABOUR, 0);
	CHECK(d->margin.met == HA_TRUE && d->change == 0 && d->flip_op == HA_OP_LT);
	/* dk2010 and dk2013 have their own thresholds (2.7 absolute, 50) */
	distances_of(text, 2011);
	d = row(HA_CAT_PARALLELSAMFUND, HA_ROLE_COUNTED, HA_CRIT_CONVICTIONS, 0);
	CHECK(d->margin.threshold == 2.7 && d->change == 0.75 && d->flip_op == HA_OP_GT);
	CHECK(nrows == 4);			/* size gate and 3 criteria: one list */
	distances_of(text, 2015);
	d = row(HA_CAT_PARALLELSAMFUND, HA_ROLE_COUNTED, HA_CRIT_EDUCATION, 0);
	CHECK(d->margin.threshold == 50 && d->margin.met == HA_TRUE);
	CHECK(nrows == 6);			/* no udsat list before 2016 */
	distances_of(text, 2016);
	CHECK(nrows == 12);
}

/* Unknown values: no change, a note; never a guess. */
static void
test_unknown(void)
{
	HaIndicators ind = record("residents=1500 outside_labour=44 basic_education=70 convicted=2");
	const HaCheckDistance *d;
	const HaChangeSet *s;
	static const HaIndField both[] = {HA_IND_OUTSIDE_LABOUR, HA_IND_BASIC_EDUCATION};
	int			i;

	distances(&ind, NULL, 2024, NULL);
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_CONVICTIONS, 0);
	CHECK(d->margin.met == HA_UNKNOWN && !d->change_known &&
		  d->note == HA_NOTE_VALUE_UNKNOWN);
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_INCOME, 0);
	CHECK(!d->margin.value_known && !d->change_known);

	/*
	 * udsat holds (2 known); convictions and income are unknown and could
	 * both hold, so no change of the known criteria takes it off: only the
	 * size gate does
	 */
	cheapest(&ind, NULL, 2024, NULL);
	s = set_of(HA_CAT_UDSAT, 1);
	CHECK(moves_only(s, HA_IND_RESIDENTS) && s->moves[0].amount == -501 &&
		  s->persons == 501);
	CHECK(sets_of(HA_CAT_UDSAT) == 1);
	/* parallelsamfund: nonwestern unknown, so its status is unknown */
	s = NULL;
	for (i = 0; i < nsets; i++)
		if (sets[i].list == HA_CAT_PARALLELSAMFUND)
			s = &sets[i];
	CHECK(s != NULL && s->on_list == HA_UNKNOWN && s->direction == HA_DIR_NONE &&
		  s->option == 0 && s->note == HA_NOTE_LIST_UNKNOWN);

	/* with income known (and failing), both known criteria must go */
	cheapest_of("residents=1500 outside_labour=44 basic_education=70 convicted=2 income=60",
				2024);
	CHECK(moves(set_of(HA_CAT_UDSAT, 1), 2, both));
	CHECK(moves_only(set_of(HA_CAT_UDSAT, 2), HA_IND_RESIDENTS));
	CHECK(sets_of(HA_CAT_UDSAT) == 2);

	/* residents unknown: no change of the criteria decides entering */
	cheapest_of("outside_labour=20 basic_education=50 income=70 convicted=0 national_convicted=1",
				2024);
	s = &sets[0];
	CHECK(s->list == HA_CAT_UDSAT && s->direction == HA_DIR_ENTER &&
		  s->option == 0 && s->note == HA_NOTE_UNDECIDED);
}

/* The cheapest sets under the gates, in the unit. */
static void
test_cheapest_unit(void)
{
	const HaChangeSet *s;

	cheapest_of("residents=1913 nonwestern=60 outside_labour=44.6 convicted=1.94 "
				"national_convicted=0.65 basic_education=67.4 income=61.8", 2024);
	/* leave udsat: one of the two criteria that hold, the nearer first */
	CHECK(moves_only(set_of(HA_CAT_UDSAT, 1), HA_IND_OUTSIDE_LABOUR));
	CHECK(moves_only(set_of(HA_CAT_UDSAT, 2), HA_IND_BASIC_EDUCATION));
	CHECK(moves_only(set_of(HA_CAT_UDSAT, 3), HA_IND_RESIDENTS));
	CHECK(sets_of(HA_CAT_UDSAT) == 3);
	s = set_of(HA_CAT_UDSAT, 1);
	CHECK(s->moves[0].op == HA_OP_LE && s->moves[0].threshold == 40 &&
		  s->moves[0].change == -4.6 && !s->moves[0].strict);
	/* leave parallelsamfund: leave udsat, or nonwestern to <= 50 */
	CHECK(moves_only(set_of(HA_CAT_PARALLELSAMFUND, 1), HA_IND_OUTSIDE_LABOUR));
	CHECK(moves_only(set_of(HA_CAT_PARALLELSAMFUND, 2), HA_IND_BASIC_EDUCATION));
	CHECK(moves_only(set_of(HA_CAT_PARALLELSAMFUND, 3), HA_IND_NONWESTERN));
	s = set_of(HA_CAT_PARALLELSAMFUND, 3);
	CHECK(s->moves[0].op == HA_OP_LE && s->moves[0].change == -10);
	/*
	 * enter forebyggelse: it is udsat now; labour to (30, 40] keeps the
	 * § 61 b criterion and leaves udsat (education > 60 holds for both)
	 */
	s = set_of(HA_CAT_FOREBYGGELSE, 1);
	CHECK(s != NULL && s->direction == HA_DIR_ENTER &&
		  moves_only(s, HA_IND_OUTSIDE_LABOUR) &&
		  s->moves[0].threshold == 40);
	/* no set with residents: the criteria alone cross, so residents is not needed */
	CHECK(sets_of(HA_CAT_FOREBYGGELSE) == 2);
	/* leave kombineret: labour below 40, strictly */
	s = set_of(HA_CAT_KOMBINERET, 1);
	CHECK(moves_only(s, HA_IND_OUTSIDE_LABOUR) && s->moves[0].op == HA_OP_LT &&
		  s->moves[0].strict);
}

/* Entering below the size gate needs residents too. */
static void
test_cheapest_size_gate(void)
{
	const HaChangeSet *s;

	cheapest_of("residents=966 nonwestern=80 outside_labour=48 basic_education=68 "
				"income=40 convicted=1 national_convicted=0.6", 2023);
	s = set_of(HA_CAT_PARALLELSAMFUND, 1);
	CHECK(s != NULL && s->direction == HA_DIR_ENTER &&
		  moves_only(s, HA_IND_RESIDENTS) &&
		  s->moves[0].amount == 34 && s->moves[0].op == HA_OP_GE);
	CHECK(sets_of(HA_CAT_PARALLELSAMFUND) == 1);
}

/* A tally: 45 % outside labour both years, 2 % convicted, 70 % basic, 50 % income. */
static HaDistanceBasis
basis(void)
{
	HaDistanceBasis b;
	HaError		err;
	const char *year = "residents=2000 nonwestern=1200 persons_18_64=1000 "
	"outside_labour_fte=450 persons_18plus=1500 convicted_18plus=30 "
	"persons_30_59=500 basic_education_30_59=350 taxpayers_15_64=1000 "
	"income_sum=150000000";

	memset(&b, 0, sizeof(b));
	unit_check_accepted(year, ha_tally_parse(year, &b.cur, &err), &err);
	b.prev = b.cur;
	b.has_prev = true;
	b.has_national = true;
	b.national_convicted = 0.65;
	b.has_regional = true;
	b.regional_income = 300000;
	return b;
}

/* The indicators of a basis, as to_indicators gives them. */
static HaIndicators
basis_record(const HaDistanceBasis *b)
{
	HaIndicators ind;
	HaError		err;

	unit_check_accepted("basis", ha_tally_to_indicators(&b->cur,
														b->has_prev ? &b->prev : NULL,
														&b->national_convicted,
														&b->regional_income,
														&ind, &err), &err);
	return ind;
}

/* Persons: the fewest whole persons of the latest year, rounding the right way. */
static void
test_persons(void)
{
	HaDistanceBasis b = basis();
	HaIndicators ind = basis_record(&b);
	const HaCheckDistance *d;

	distances(&ind, &b, 2024, NULL);
	/* (35 + 45) / 2 = 40: 100 full-time persons into work or education */
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_LABOUR, 0);
	CHECK(d->persons_known && d->persons == -100);
	/* 28 / 1500 and 2 %: mean 1.933 < 1.95; 29 would give 1.967 */
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_CONVICTIONS, 0);
	CHECK(d->persons == -2);
	/* 300 of 500 = 60 %, not above 60 */
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_EDUCATION, 0);
	CHECK(d->persons == -50);
	/* mean income 150,000 of 300,000 regional: 165,000 kr reaches 55 % */
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_INCOME, 0);
	CHECK(d->persons == 15000);
	/* 1000 of 2000 non-Western = 50 %, not above 50 */
	d = row(HA_CAT_PARALLELSAMFUND, HA_ROLE_GATE, HA_CRIT_NONWESTERN, 0);
	CHECK(d->persons == -200);
	/* kombineret >= 40: 101 persons (40 % still holds) */
	d = row(HA_CAT_KOMBINERET, HA_ROLE_GATE, HA_CRIT_LABOUR, 0);
	CHECK(d->persons == -101);
	/* the previous year alone keeps a two-year mean: 90 % then */
	b.prev.outside_labour_fte = INT64_C(900000000);
	ind = basis_record(&b);
	distances(&ind, &b, 2024, NULL);
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_LABOUR, 0);
	CHECK(!d->persons_known && d->note == HA_NOTE_NO_PERSONS && d->change_known);
	/* without prev, labour is unknown: no change at all */
	b = basis();
	b.has_prev = false;
	ind = basis_record(&b);
	distances(&ind, &b, 2024, NULL);
	d = row(HA_CAT_UDSAT, HA_ROLE_COUNTED, HA_CRIT_LABOUR, 0);
	CHECK(!d->change_known && !d->persons_known && d->note == HA_NOTE_VALUE_UNKNOWN);
}

/*
 * The cheapest sets in persons: 4 of 4 hold, 3 must go; the fewest
 * percentage points first, persons on a tie.
 */
static void
test_cheapest_persons(void)
{
	HaDistanceBasis b = basis();
	HaIndicators ind = basis_record(&b);
	const HaChangeSet *s;
	static const HaIndField first[] = {HA_IND_OUTSIDE_LABOUR, HA_IND_CONVICTED, HA_IND_INCOME};
	static const HaIndField second[] = {HA_IND_CONVICTED, HA_IND_BASIC_EDUCATION, HA_IND_INCOME};
	static const HaIndField third[] = {HA_IND_OUTSIDE_LABOUR, HA_IND_CONVICTED, HA_IND_BASIC_EDUCATION};

	cheapest(&ind, &b, 2024, NULL);
	/* 5 + 0.067 + 5 points */
	s = set_of(HA_CAT_UDSAT, 1);
	CHECK(moves(s, 3, first) && s->persons == 102 && s->income_kr == 15000 &&
		  fabs(s->points - (10 + 0.2 / 3)) < 1e-9);
	/* 15.067 points each: 52 persons and 15,000 kr before 152 persons */
	s = set_of(HA_CAT_UDSAT, 2);
	CHECK(moves(s, 3, second) && s->persons == 52);
	s = set_of(HA_CAT_UDSAT, 3);
	CHECK(moves(s, 3, third) && s->persons == 152 && s->income_kr == 0);
	CHECK(sets_of(HA_CAT_UDSAT) == 5);
	s = set_of(HA_CAT_UDSAT, 5);
	CHECK(moves_only(s, HA_IND_RESIDENTS) && s->persons == 1001);
	/* each move reaches a value that flips its test */
	s = set_of(HA_CAT_UDSAT, 2);
	CHECK(s->moves[0].reached_known && s->moves[0].reached < 1.95);
	CHECK(s->moves[1].reached == 60);
	CHECK(s->moves[2].reached == 55);
}

/* Every set of every list, classified again, crosses its list. */
static void
test_sets_cross(void)
{
	int			trial;

	for (trial = 0; trial < 300; trial++)
	{
		char		text[300];
		HaIndicators ind;
		int			year = 2010 + (int) (rng_next() % 16);
		int			i,
					j;

		snprintf(text, sizeof(text),
				 "residents=%d nonwestern=%d outside_labour=%d convicted=%.1f "
				 "national_convicted=0.%d basic_education=%d income=%d",
				 900 + (int) (rng_next() % 5000), 20 + (int) (rng_next() % 60),
				 20 + (int) (rng_next() % 35), (double) (rng_next() % 40) / 10,
				 5 + (int) (rng_next() % 5), 40 + (int) (rng_next() % 35),
				 40 + (int) (rng_next() % 35));
		ind = record(text);
		cheapest(&ind, NULL, year, NULL);
		for (i = 0; i < nsets; i++)
		{
			HaIndicators x = ind;
			HaClassification c;
			HaTri		flag;
			const HaChangeSet *s = &sets[i];

			if (s->nmoves == 0)
			{
				/* every value is known: every list can be crossed */
				printf("#   %s %d: %s has no set\n", text, year, ha_category_name(s->list));
				unit_checks_failed++;
				continue;
			}
			/* move each value just past its threshold, or onto it */
			for (j = 0; j < s->nmoves; j++)
			{
				const HaMove *m = &s->moves[j];
				double		t = m->threshold;
				double		step = m->field == HA_IND_RESIDENTS ? 1 : 1e-6;

				if (m->field == HA_IND_RESIDENTS)
					t = m->value + m->amount;
				else if (m->strict)
					t += (m->op == HA_OP_LT || m->op == HA_OP_LE) ? -step : step;
				ha_field_put(&ha_ind_fields[m->field], &x, t);
			}
			ha_classify(&x, year, version(year, NULL), &c);
			flag = s->list == HA_CAT_UDSAT ? c.udsat :
				s->list == HA_CAT_PARALLELSAMFUND ? c.parallelsamfund :
				s->list == HA_CAT_FOREBYGGELSE ? c.forebyggelse : c.kombineret;
			if (flag != (s->direction == HA_DIR_ENTER ? HA_TRUE : HA_FALSE))
			{
				printf("#   %s %d: set %d of %s does not cross it\n", text, year,
					   s->option, ha_category_name(s->list));
				unit_checks_failed++;
			}
		}
	}
}

int
main(void)
{
	RUN(test_check_changes);
	RUN(test_boundaries);
	RUN(test_unknown);
	RUN(test_cheapest_unit);
	RUN(test_cheapest_size_gate);
	RUN(test_persons);
	RUN(test_cheapest_persons);
	RUN(test_sets_cross);
	return unit_done("distance");
}
