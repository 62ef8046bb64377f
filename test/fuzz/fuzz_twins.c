/*
 * fuzz_twins.c
 *		libFuzzer target: the k nearest twins by k-d trees (src/core/twins.c)
 *		against every pair.
 *
 * Input layout:
 *
 *	  offset  size  use
 *		   0     1  k: 1 + byte % 12
 *		   1     1  min_common: 1 + byte % 5
 *		   2     1  scale: bit 7 set = values far beyond the safe range
 *					(1e151 times, the checked path), bits 0-6 the grid step
 *					divisor (values (byte - 128) / (1 + bits))
 *		   3     1  excluded pairs: byte % 64
 *		   4     -  the excluded pairs (2 bytes each: record indices modulo
 *					the records), then the records, 5 bytes each (255 =
 *					unknown), at most 2000
 *
 * For every record, ha_twins_of gives the same twins (id, distance bit for
 * bit, common) in the same order as all pairs sorted by (distance, id), or
 * the same overflow/underflow status as the first failing pair checked.
 *
 * Build: see test/run-fuzz.sh.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#include "twins.h"
#include "../unit/twins_naive.h"

/* Abort with the failed condition unless cond holds (libFuzzer keeps the input). */
#define FUZZ_CHECK(cond, what) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "%s:%d: invariant broken: %s (%s)\n", \
					__FILE__, __LINE__, #cond, (what)); \
			abort(); \
		} \
	} while (0)

#define MAXN 2000
#define MAXK 12

static int32_t ids[MAXN];
static double xs[MAXN * HA_TWIN_DIMS];
static int32_t ex_a[64];
static int32_t ex_b[64];
static HaTwin got[MAXK];
static HaTwin want[MAXK];
static unsigned char work[1 << 20];

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One input: build, query every record, compare with all pairs. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	HaTwinSet	set;
	int			k;
	int			min_common;
	int			far;
	double		div;
	int			nexcl;
	int			n;
	int			i;
	int64_t		detail;
	size_t		pos = 4;
	bool		beyond = false;

	if (size < 4)
		return 0;
	k = 1 + data[0] % MAXK;
	min_common = 1 + data[1] % 5;
	far = (data[2] & 0x80) != 0;
	div = 1.0 + (data[2] & 0x7f);
	nexcl = data[3] % 64;
	if (size < pos + 2 * (size_t) nexcl)
		return 0;
	n = (int) ((size - pos - 2 * (size_t) nexcl) / HA_TWIN_DIMS);
	if (n > MAXN)
		n = MAXN;
	if (n == 0)
		return 0;
	for (i = 0; i < nexcl; i++)
	{
		/* ids are 3 * index - n: some pairs name the same record twice */
		ex_a[i] = 3 * (data[pos] % n) - n;
		ex_b[i] = 3 * (data[pos + 1] % n) - n;
		pos += 2;
	}
	for (i = 0; i < n; i++)
	{
		int			d;

		ids[i] = 3 * i - n;
		for (d = 0; d < HA_TWIN_DIMS; d++)
		{
			uint8_t		b = data[pos + (size_t) i * HA_TWIN_DIMS + d];

			double		v = b == 255 ? NAN
				: ((double) b - 128.0) / div * (far ? 1e151 : 1.0);

			xs[i * HA_TWIN_DIMS + d] = v;
			if (!isnan(v) && v != 0.0 && (fabs(v) > 1e150 || fabs(v) < 1e-140))
				beyond = true;
		}
	}
	FUZZ_CHECK(ha_twins_work_size(n, nexcl) <= sizeof(work), "work size");
	FUZZ_CHECK(ha_twins_build(&set, work, n, ids, xs, nexcl, ex_a, ex_b,
							  min_common, &detail) == HA_TWINS_OK, "build");
	FUZZ_CHECK(set.checked == beyond, "the checked path exactly beyond the safe range");
	for (i = 0; i < n; i++)
	{
		int			count;
		int			wcount = twins_naive(ids, xs, n, i, k, min_common,
										  ex_a, ex_b, nexcl, want);
		int			r;
		HaTwinsStatus st = ha_twins_of(&set, i, k, got, &count);

		/* 1e151 squared and summed stays finite: no error either way */
		FUZZ_CHECK(st == HA_TWINS_OK, "status");
		FUZZ_CHECK(count == (wcount < k ? wcount : k), "count");
		for (r = 0; r < count; r++)
		{
			FUZZ_CHECK(got[r].id == want[r].id, "id");
			FUZZ_CHECK(got[r].common == want[r].common, "common");
			FUZZ_CHECK(memcmp(&got[r].distance, &want[r].distance, sizeof(double)) == 0,
					   "distance bit for bit");
		}
	}
	return 0;
}
