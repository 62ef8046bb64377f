/*
 * twins_naive.h
 *		The reference the k-d tree search of src/core/twins.c is held to, in
 *		the unit test and the fuzz target: every pair, the k best kept by
 *		(distance, id).
 *
 * Include twins.h first.
 */
#ifndef TWINS_NAIVE_H
#define TWINS_NAIVE_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

/* Whether the pair (a, b) of ids is among the nexcl pairs (ex_a[e], ex_b[e]). */
static bool
twins_naive_excluded(const int32_t *ex_a, const int32_t *ex_b, int nexcl,
					 int32_t a, int32_t b)
{
	int			e;

	for (e = 0; e < nexcl; e++)
		if (ex_a[e] == a && ex_b[e] == b)
			return true;
	return false;
}

/*
 * The twins of record i of n (ids, coordinates xs, HA_TWIN_DIMS each) by
 * every pair, the k best by (distance, id) into out; returns how many.
 */
static int
twins_naive(const int32_t *ids, const double *xs, int n, int i, int k,
			int min_common, const int32_t *ex_a, const int32_t *ex_b,
			int nexcl, HaTwin *out)
{
	int			count = 0;
	int			j;

	for (j = 0; j < n; j++)
	{
		int			common;
		double		d;
		int			b;

		if (j == i || twins_naive_excluded(ex_a, ex_b, nexcl, ids[i], ids[j]))
			continue;
		d = ha_twin_distance(&xs[i * HA_TWIN_DIMS], &xs[j * HA_TWIN_DIMS],
							 min_common, &common);
		if (isnan(d))
			continue;
		/* insert into the sorted k best */
		b = count < k ? count++ : k;
		while (b > 0 && (out[b - 1].distance > d ||
						 (out[b - 1].distance == d && out[b - 1].id > ids[j])))
		{
			if (b < k)
				out[b] = out[b - 1];
			b--;
		}
		if (b < k)
		{
			out[b].index = j;
			out[b].id = ids[j];
			out[b].distance = d;
			out[b].common = common;
		}
	}
	return count;
}

#endif							/* TWINS_NAIVE_H */
