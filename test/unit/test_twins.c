/*
 * test_twins.c
 *		Unit tests of the k nearest twins (src/core/twins.c): the distance
 *		at its boundaries, and the k-d tree search against a naive all-pairs
 *		reference on random records with unknowns, ties and excluded pairs,
 *		bit for bit; the float8 checks on values beyond the safe range.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"
#include "../../src/core/twins.h"
#include "twins_naive.h"

#define MAXN 3000
#define MAXK 12

static int32_t ids[MAXN];
static double xs[MAXN * HA_TWIN_DIMS];
static int32_t ex_a[MAXN];
static int32_t ex_b[MAXN];
static HaTwin got[MAXN];
static HaTwin want[MAXN];

/* A uniform double in [0, 1). */
static double
rng_unit(void)
{
	return (double) (rng_next() >> 11) / 9007199254740992.0;
}

/* Build the set of the current records, or record a failure. */
static bool
build(HaTwinSet *set, void **work, int n, int nexcl, int min_common)
{
	int64_t		detail;
	HaTwinsStatus st;

	*work = malloc(ha_twins_work_size(n, nexcl));
	st = ha_twins_build(set, *work, n, ids, xs, nexcl, ex_a, ex_b, min_common,
						&detail);
	CHECK(st == HA_TWINS_OK);
	return st == HA_TWINS_OK;
}

/* Compare the search with the reference for every record; return the rows compared. */
static long
compare_all(int n, int k, int min_common, int nexcl)
{
	HaTwinSet	set;
	void	   *work;
	long		rows = 0;
	int			i;

	if (!build(&set, &work, n, nexcl, min_common))
	{
		free(work);
		return 0;
	}
	for (i = 0; i < n; i++)
	{
		int			count;
		int			wcount = twins_naive(ids, xs, n, i, k, min_common,
										  ex_a, ex_b, nexcl, want);
		int			r;
		bool		same;

		CHECK(ha_twins_of(&set, i, k, got, &count) == HA_TWINS_OK);
		same = count == wcount;
		for (r = 0; same && r < count; r++)
			same = got[r].id == want[r].id && got[r].index == want[r].index &&
				got[r].common == want[r].common &&
				memcmp(&got[r].distance, &want[r].distance, sizeof(double)) == 0;
		if (!same)
		{
			printf("#   n %d k %d min_common %d: record %d (id %d): %d twins, want %d\n",
				   n, k, min_common, i, ids[i], count, wcount);
			for (r = 0; r < count || r < wcount; r++)
				printf("#     %d: got %d %.17g %d, want %d %.17g %d\n", r,
					   r < count ? got[r].id : -1, r < count ? got[r].distance : -1.0,
					   r < count ? got[r].common : -1,
					   r < wcount ? want[r].id : -1, r < wcount ? want[r].distance : -1.0,
					   r < wcount ? want[r].common : -1);
			unit_checks_failed++;
			break;
		}
		rows += count;
	}
	free(work);
	return rows;
}

/*
 * Fill n records: ids shuffled and signed, values on a grid of step (0:
 * continuous), each unknown with chance p_unknown.
 */
static void
fill(int n, double step, double p_unknown)
{
	int			i;

	for (i = 0; i < n; i++)
		ids[i] = (int32_t) (i * 7 - n * 3);
	for (i = n - 1; i > 0; i--)
	{
		int			j = (int) (rng_next() % (uint64_t) (i + 1));
		int32_t		t = ids[i];

		ids[i] = ids[j];
		ids[j] = t;
	}
	for (i = 0; i < n * HA_TWIN_DIMS; i++)
	{
		double		v = rng_unit() * 3.0;

		if (step > 0)
			v = floor(v / step) * step;
		xs[i] = rng_unit() < p_unknown ? NAN : v;
	}
}

/* Exclude nexcl random pairs (some of ids not among the records, some repeated). */
static int
fill_excluded(int n, int nexcl)
{
	int			e;

	for (e = 0; e < nexcl; e++)
	{
		ex_a[e] = ids[rng_next() % (uint64_t) n];
		ex_b[e] = (e % 10 == 9) ? 999999 : ids[rng_next() % (uint64_t) n];
		if (e % 7 == 6 && e > 0)
		{
			ex_a[e] = ex_a[e - 1];
			ex_b[e] = ex_b[e - 1];
		}
	}
	return nexcl;
}

/* The distance: known in both only, min_common, the RMS, rounding to 10 decimals. */
static void
test_distance_boundaries(void)
{
	double		a[5] = {0, 0, 0, 0, 0};
	double		b[5] = {1, 1, 1, 1, 1};
	double		c[5] = {3, NAN, NAN, 4, 0};
	double		e[5] = {0, 5, NAN, 0, NAN};
	double		f[5] = {0.1, 0.2, 0.3, 0.4, 0.5};
	double		g[5] = {0.1, 0.2, 0.3, 0.4, 0.5000000000004};
	int			common;

	CHECK(ha_twin_distance(a, b, 3, &common) == 1.0 && common == 5);
	CHECK(ha_twin_distance(a, a, 5, &common) == 0.0 && common == 5);
	/* c and a: 3 known in both, sqrt((9 + 16 + 0) / 3) */
	CHECK(ha_twin_distance(c, a, 3, &common) == rint(sqrt(25.0 / 3.0) * 1e10) / 1e10);
	CHECK(common == 3);
	CHECK(isnan(ha_twin_distance(c, a, 4, &common)) && common == 3);
	/* c and e: 2 in common (labour, income): a twin at min_common 2, not at 3 */
	CHECK(isnan(ha_twin_distance(c, e, 3, &common)) && common == 2);
	CHECK(ha_twin_distance(c, e, 2, &common) == rint(sqrt((9.0 + 16.0) / 2.0) * 1e10) / 1e10);
	/* below the 10th decimal: the same distance (a tie), not a smaller one */
	CHECK(ha_twin_distance(f, g, 3, &common) == 0.0);
	CHECK(ha_twin_distance(a, f, 3, &common) == ha_twin_distance(a, g, 3, &common));
}

/* A small hand-made set: ties by id, exclusion, too few in common, k beyond n. */
static void
test_small_set(void)
{
	HaTwinSet	set;
	void	   *work;
	int			count;
	static const double v[6][5] = {
		{0, 0, 0, 0, 0},
		{1, 0, 0, 0, 0},		/* id 50 */
		{0, 1, 0, 0, 0},		/* id 40: tie with 50, first by id */
		{0, 0, 0, 0, 0.5},		/* id 30: nearest to id 10, but excluded */
		{NAN, NAN, NAN, 0, 0},	/* id 20: only 2 known: nobody's twin at 3 */
		{0, 0, 2, NAN, NAN}		/* id 60: 3 in common with the full ones */
	};
	static const int32_t vid[6] = {10, 50, 40, 30, 20, 60};

	memcpy(xs, v, sizeof(v));
	memcpy(ids, vid, sizeof(vid));
	ex_a[0] = 10;
	ex_b[0] = 30;
	if (!build(&set, &work, 6, 1, 3))
	{
		free(work);
		return;
	}
	CHECK(ha_twins_of(&set, 0, 10, got, &count) == HA_TWINS_OK);
	CHECK(count == 3);
	CHECK(got[0].id == 40 && got[1].id == 50 && got[2].id == 60);
	CHECK(got[0].distance == got[1].distance);
	CHECK(got[0].distance == rint(sqrt(1.0 / 5.0) * 1e10) / 1e10);
	CHECK(got[2].distance == rint(sqrt(4.0 / 3.0) * 1e10) / 1e10 && got[2].common == 3);
	/* 30 is not excluded from 10's side only: 10 is 30's nearest */
	CHECK(ha_twins_of(&set, 3, 1, got, &count) == HA_TWINS_OK);
	CHECK(count == 1 && got[0].id == 10);
	/* 20 has no twins */
	CHECK(ha_twins_of(&set, 4, 5, got, &count) == HA_TWINS_OK && count == 0);
	/* k = 1 keeps the smaller id of a tie */
	CHECK(ha_twins_of(&set, 0, 1, got, &count) == HA_TWINS_OK);
	CHECK(count == 1 && got[0].id == 40);
	free(work);

	/* the same ids twice */
	ids[5] = 50;
	work = malloc(ha_twins_work_size(6, 0));
	{
		int64_t		detail;

		CHECK(ha_twins_build(&set, work, 6, ids, xs, 0, ex_a, ex_b, 3, &detail)
			  == HA_TWINS_DUPLICATE_ID && detail == 50);
		ids[5] = 60;
		xs[7] = INFINITY;
		CHECK(ha_twins_build(&set, work, 6, ids, xs, 0, ex_a, ex_b, 3, &detail)
			  == HA_TWINS_NOT_FINITE && detail == 1);
	}
	free(work);
	/* no records at all */
	work = malloc(ha_twins_work_size(0, 0));
	{
		int64_t		detail;

		CHECK(ha_twins_build(&set, work, 0, ids, xs, 0, ex_a, ex_b, 3, &detail)
			  == HA_TWINS_OK);
	}
	free(work);
}

/* Random records, continuous values, few unknowns: the search equals all pairs. */
static void
test_random_continuous(void)
{
	int			sizes[] = {1, 2, 3, 9, 17, 100, 700, 3000};
	unsigned	s;
	long		rows = 0;

	for (s = 0; s < lengthof(sizes); s++)
	{
		fill(sizes[s], 0, 0.05);
		rows += compare_all(sizes[s], 5, 3, 0);
	}
	CHECK(rows > 3000 * 4);
}

/* Values on a coarse grid (many ties), many unknowns, every min_common, k 1 to 12, excluded pairs. */
static void
test_random_ties_unknowns(void)
{
	int			round;
	long		rows = 0;

	for (round = 0; round < 40; round++)
	{
		int			n = 1 + (int) (rng_next() % 600);
		int			k = 1 + (int) (rng_next() % MAXK);
		int			min_common = 1 + round % 5;
		double		step = (round % 3 == 0) ? 0.5 : (round % 3 == 1) ? 0.25 : 0;
		double		p_unknown = (round % 4) * 0.15;
		int			nexcl = (round % 2) ? fill_excluded(n, n / 3) : 0;

		fill(n, step, p_unknown);
		if (nexcl)
			fill_excluded(n, nexcl);
		rows += compare_all(n, k, min_common, nexcl);
	}
	CHECK(rows > 10000);
}

/* Many identical records: a large leaf, ties everywhere, each other's twins. */
static void
test_identical(void)
{
	int			i;

	for (i = 0; i < 200; i++)
	{
		int			d;

		ids[i] = (i * 37) % 211;	/* unique, not in order */
		for (d = 0; d < HA_TWIN_DIMS; d++)
			xs[i * HA_TWIN_DIMS + d] = (i < 150) ? 1.25 : (d == 2 ? NAN : 0.5);
	}
	CHECK(compare_all(200, 7, 3, 0) == 200 * 7);
	/* each excluded from a few of its identical ones: the next ids enter */
	for (i = 0; i < 60; i++)
	{
		ex_a[i] = ids[i % 30];
		ex_b[i] = ids[(i * 7 + 1) % 150];
	}
	CHECK(compare_all(200, 7, 3, 60) == 200 * 7);
	/* at 5 in common only the 150 full ones */
	CHECK(compare_all(200, MAXK, 5, 0) == 150 * MAXK);
}

/* Values beyond the safe range: every pair checked, the errors of PostgreSQL's float8 operators. */
static void
test_checked(void)
{
	HaTwinSet	set;
	void	   *work;
	int			count;
	int			i;
	long		rows;

	/* large but no overflow: the checked path gives the reference's rows */
	fill(300, 0, 0.1);
	for (i = 0; i < 300 * HA_TWIN_DIMS; i++)
		if (!isnan(xs[i]))
			xs[i] *= 1e151;
	rows = compare_all(300, 5, 3, 0);
	CHECK(rows > 1000);

	/*
	 * a difference beyond DBL_MAX: overflow, even between two records with
	 * one coordinate known (twin_known() subtracts before min_common)
	 */
	fill(20, 0, 0);
	for (i = 1; i < 2 * HA_TWIN_DIMS; i++)
		xs[i] = NAN;
	xs[0] = 1e308;
	xs[5] = -1e308;
	if (build(&set, &work, 20, 0, 3))
	{
		CHECK(set.checked);
		CHECK(ha_twins_of(&set, 0, 5, got, &count) == HA_TWINS_OVERFLOW);
		/* record 2: no difference beyond DBL_MAX, fewer than 3 in common with them */
		CHECK(ha_twins_of(&set, 2, 5, got, &count) == HA_TWINS_OK && count == 5);
	}
	free(work);

	/* a square beyond DBL_MAX: overflow */
	fill(20, 0, 0);
	xs[0] = 1e200;
	if (build(&set, &work, 20, 0, 3))
		CHECK(ha_twins_of(&set, 0, 5, got, &count) == HA_TWINS_OVERFLOW);
	free(work);

	/* a tiny difference whose square is 0: underflow */
	fill(20, 0, 0);
	for (i = 0; i < 2 * HA_TWIN_DIMS; i++)
		xs[i] = 0.0;
	xs[0] = 1e-170;
	if (build(&set, &work, 20, 0, 3))
		CHECK(ha_twins_of(&set, 0, 5, got, &count) == HA_TWINS_UNDERFLOW);
	free(work);

	/* the same pair excluded: not evaluated, no error */
	ids[0] = 1;
	ids[1] = 2;
	ex_a[0] = 1;
	ex_b[0] = 2;
	for (i = 2; i < 20; i++)
		ids[i] = 100 + i;
	for (i = 2 * HA_TWIN_DIMS; i < 20 * HA_TWIN_DIMS; i++)
		xs[i] = 1.0;
	if (build(&set, &work, 20, 1, 3))
		CHECK(ha_twins_of(&set, 0, 5, got, &count) == HA_TWINS_OK && count == 5);
	free(work);
}

int
main(void)
{
	RUN(test_distance_boundaries);
	RUN(test_small_set);
	RUN(test_random_continuous);
	RUN(test_random_ties_unknowns);
	RUN(test_identical);
	RUN(test_checked);
	return unit_done("twins");
}
