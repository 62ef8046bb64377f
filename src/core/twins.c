/*
 * twins.c
 *		The k nearest twins of every record of a list year (twins.h).
 *
 * Exactness rests on three points.  The distance of a pair is computed by
 * one function (rms), in the operations and order of twin_rms() in SQL, so
 * the value is bit-identical (this file must be compiled without
 * floating-point contraction: the Makefile gives -ffp-contract=off).  A box
 * is skipped only when the smallest root mean square any record in it can
 * have, over the coordinates shared with the query, is larger than the
 * k-th distance found by more than any rounding can explain (the value is
 * then larger even after rounding to 10 decimals, so no record of the box
 * can enter, not even by a tie won on id).  Within a group every record
 * knows the same coordinates, so the number in common, and whether it
 * reaches min_common, is the same for the whole group.
 */
#include "twins.h"

#include <math.h>
#include <string.h>

/* Records per leaf: a node with more is split at its median. */
#define LEAF_SIZE 8

/* Known values beyond these may meet PostgreSQL's float8 range checks. */
#define SAFE_MAX 1e150
#define SAFE_MIN 1e-140

/* The number of bits set in a 5-bit mask. */
static int
popcount5(unsigned m)
{
	int			c = 0;

	for (; m != 0; m &= m - 1)
		c++;
	return c;
}

/* A size rounded up to a multiple of 16 bytes. */
static size_t
aligned(size_t size)
{
	return (size + 15) & ~(size_t) 15;
}

/*
 * The most tree nodes n records can need: a node of more than LEAF_SIZE
 * records is split in two halves, so a leaf holds at least
 * (LEAF_SIZE + 1) / 2 records or is its group's root, and a tree of L
 * leaves has 2L - 1 nodes.
 */
static size_t
max_nodes(int n)
{
	return (size_t) n * 2 / ((LEAF_SIZE + 1) / 2) + 32;
}

/* The bytes of work memory ha_twins_build needs (twins.h). */
size_t
ha_twins_work_size(int n, int nexcl)
{
	size_t		un = n > 0 ? (size_t) n : 0;
	size_t		ue = nexcl > 0 ? (size_t) nexcl : 0;

	return aligned(un) + aligned(un * sizeof(int32_t)) * 2
		+ aligned(un * HA_TWIN_DIMS * sizeof(double))
		+ aligned(max_nodes(n) * sizeof(HaTwinNode))
		+ aligned(ue * sizeof(int64_t)) + 64;
}

/*
 * The root mean square of a and b over the coordinates in mask (common of
 * them), rounded as twin_rms().
 */
static inline double
rms(const double *a, const double *b, unsigned mask, int common)
{
	double		s = 0.0;
	double		r;
	int			d;

	for (d = 0; d < HA_TWIN_DIMS; d++)
		if (mask & (1u << d))
		{
			double		diff = a[d] - b[d];

			s = s + diff * diff;
		}
	r = sqrt(s / (double) common);
	return rint(r * 1e10) / 1e10;
}

/* The known-mask of a coordinate vector. */
static unsigned
known_mask(const double *a)
{
	unsigned	m = 0;
	int			d;

	for (d = 0; d < HA_TWIN_DIMS; d++)
		if (!isnan(a[d]))
			m |= 1u << d;
	return m;
}

/* The distance of twin_rms() without checks, NaN below min_common (twins.h). */
double
ha_twin_distance(const double *a, const double *b, int min_common, int *common)
{
	unsigned	m = known_mask(a) & known_mask(b);
	int			c = popcount5(m);

	*common = c;
	if (c < (min_common > 1 ? min_common : 1))
		return NAN;
	return rms(a, b, m, c);
}

/* The same distance with each operation checked as PostgreSQL's float8 operators check it. */
static HaTwinsStatus
rms_checked(const double *a, const double *b, unsigned mask, int min_common,
			double *result, int *common)
{
	double		diff[HA_TWIN_DIMS];
	double		s = 0.0;
	double		q;
	double		r;
	double		m;
	int			c = 0;
	int			d;

	/* twin_known() subtracts first, for every coordinate known in both */
	for (d = 0; d < HA_TWIN_DIMS; d++)
		if (mask & (1u << d))
		{
			diff[d] = a[d] - b[d];
			if (isinf(diff[d]))
				return HA_TWINS_OVERFLOW;
			c++;
		}
	*common = c;
	if (c < min_common)
	{
		*result = NAN;
		return HA_TWINS_OK;
	}
	for (d = 0; d < HA_TWIN_DIMS; d++)
		if (mask & (1u << d))
		{
			double		sq = diff[d] * diff[d];

			if (isinf(sq))
				return HA_TWINS_OVERFLOW;
			if (sq == 0.0 && diff[d] != 0.0)
				return HA_TWINS_UNDERFLOW;
			s = s + sq;
			if (isinf(s))
				return HA_TWINS_OVERFLOW;
		}
	q = s / (double) c;
	if (q == 0.0 && s != 0.0)
		return HA_TWINS_UNDERFLOW;
	r = sqrt(q);
	m = r * 1e10;
	if (isinf(m))
		return HA_TWINS_OVERFLOW;
	if (m == 0.0 && r != 0.0)
		return HA_TWINS_UNDERFLOW;
	*result = rint(m) / 1e10;
	return HA_TWINS_OK;
}

/* Whether element x is greater than element y (arg: what the order needs). */
typedef bool (*HeapGreater) (const void *x, const void *y, const void *arg);

/* Swap two elements of size bytes (at most 8). */
static inline void
swap_elements(char *x, char *y, size_t size)
{
	char		t[8];

	memcpy(t, x, size);
	memcpy(x, y, size);
	memcpy(y, t, size);
}

/* Sift element root down a max-heap of n elements of size bytes. */
static void
sift_down(char *a, int root, int n, size_t size, HeapGreater greater,
		  const void *arg)
{
	for (;;)
	{
		int			child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n &&
			greater(a + (child + 1) * size, a + child * size, arg))
			child++;
		if (!greater(a + child * size, a + root * size, arg))
			return;
		swap_elements(a + root * size, a + child * size, size);
		root = child;
	}
}

/* Heap sort of n elements of size bytes, ascending (no allocation). */
static void
heap_sort(void *base, int n, size_t size, HeapGreater greater, const void *arg)
{
	char	   *a = base;
	int			i;

	for (i = n / 2 - 1; i >= 0; i--)
		sift_down(a, i, n, size, greater, arg);
	for (i = n - 1; i > 0; i--)
	{
		swap_elements(a, a + i * size, size);
		sift_down(a, 0, i, size, greater, arg);
	}
}

/* Record index x after y by id (arg: the ids). */
static bool
id_greater(const void *x, const void *y, const void *arg)
{
	const int32_t *ids = arg;

	return ids[*(const int32_t *) x] > ids[*(const int32_t *) y];
}

/* int64 x above y. */
static bool
int64_greater(const void *x, const void *y, const void *arg)
{
	(void) arg;
	return *(const int64_t *) x > *(const int64_t *) y;
}

/* Heap sort of record indices by id. */
static void
sort_by_id(int32_t *a, int n, const int32_t *ids)
{
	heap_sort(a, n, sizeof(int32_t), id_greater, ids);
}

/* Heap sort of int64 values. */
static void
sort_int64(int64_t *a, int n)
{
	heap_sort(a, n, sizeof(int64_t), int64_greater, NULL);
}

/* The record index of an id (indices sorted by id in byid), or -1. */
static int32_t
find_id(const int32_t *byid, int n, const int32_t *ids, int32_t id)
{
	int			lo = 0;
	int			hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (ids[byid[mid]] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < n && ids[byid[lo]] == id) ? byid[lo] : -1;
}

/* The coordinate d of record r. */
#define COORD(set, r, d) ((set)->x[(size_t) (r) * HA_TWIN_DIMS + (d)])

/*
 * Put the records of perm[lo .. hi) in order around position nth by
 * coordinate d: smaller before, larger after (three-way quickselect, so
 * many equal values cost nothing).
 */
static void
select_nth(const HaTwinSet *set, int32_t *perm, int lo, int hi, int nth, int d)
{
	while (hi - lo > 1)
	{
		double		pivot;
		double		p1 = COORD(set, perm[lo], d);
		double		p2 = COORD(set, perm[lo + (hi - lo) / 2], d);
		double		p3 = COORD(set, perm[hi - 1], d);
		int			lt = lo;
		int			i = lo;
		int			gt = hi;

		/* the median of three */
		if ((p1 <= p2 && p2 <= p3) || (p3 <= p2 && p2 <= p1))
			pivot = p2;
		else if ((p2 <= p1 && p1 <= p3) || (p3 <= p1 && p1 <= p2))
			pivot = p1;
		else
			pivot = p3;
		while (i < gt)
		{
			double		v = COORD(set, perm[i], d);
			int32_t		t;

			if (v < pivot)
			{
				t = perm[lt];
				perm[lt++] = perm[i];
				perm[i++] = t;
			}
			else if (v > pivot)
			{
				t = perm[--gt];
				perm[gt] = perm[i];
				perm[i] = t;
			}
			else
				i++;
		}
		if (nth < lt)
			hi = lt;
		else if (nth >= gt)
			lo = gt;
		else
			return;
	}
}

/* Build the tree of perm[first .. last) (known coordinates mask) and return its node. */
static int
build_node(HaTwinSet *set, int first, int last, unsigned mask)
{
	int			node = set->nnodes++;
	HaTwinNode *nd = &set->nodes[node];
	int			d;
	int			r;
	int			split = -1;
	double		spread = -1.0;

	nd->first = first;
	nd->last = last;
	nd->left = nd->right = -1;
	nd->same = false;
	for (d = 0; d < HA_TWIN_DIMS; d++)
	{
		nd->lo[d] = INFINITY;
		nd->hi[d] = -INFINITY;
	}
	for (r = first; r < last; r++)
		for (d = 0; d < HA_TWIN_DIMS; d++)
			if (mask & (1u << d))
			{
				double		v = COORD(set, set->perm[r], d);

				if (v < nd->lo[d])
					nd->lo[d] = v;
				if (v > nd->hi[d])
					nd->hi[d] = v;
			}
	if (last - first <= LEAF_SIZE)
		return node;
	for (d = 0; d < HA_TWIN_DIMS; d++)
		if ((mask & (1u << d)) && nd->hi[d] - nd->lo[d] > spread)
		{
			spread = nd->hi[d] - nd->lo[d];
			split = d;
		}
	if (spread <= 0.0)
	{
		/*
		 * all the same point: a leaf, however large, its records by id, so
		 * that a search stops at the first that cannot enter (the rest have
		 * the same distance and larger ids)
		 */
		sort_by_id(set->perm + first, last - first, set->ids);
		nd->same = true;
		return node;
	}
	{
		int			mid = first + (last - first) / 2;
		int			left;
		int			right;

		select_nth(set, set->perm, first, last, mid, split);
		left = build_node(set, first, mid, mask);
		right = build_node(set, mid, last, mask);
		set->nodes[node].left = left;
		set->nodes[node].right = right;
	}
	return node;
}

/* Group, check and index the records of a list year (twins.h). */
HaTwinsStatus
ha_twins_build(HaTwinSet *set, void *work, int n, const int32_t *ids,
			   const double *x, int nexcl, const int32_t *excl_a,
			   const int32_t *excl_b, int min_common, int64_t *detail)
{
	char	   *w = work;
	int32_t    *byid;
	int			count[33];
	int			start[33];
	int			i;
	int			g;

	memset(set, 0, sizeof(*set));
	set->n = n;
	set->ids = ids;
	set->x = x;
	set->min_common = min_common;
	set->mask = (uint8_t *) w;
	w += aligned((size_t) n);
	set->perm = (int32_t *) w;
	w += aligned((size_t) n * sizeof(int32_t));
	byid = (int32_t *) w;
	w += aligned((size_t) n * sizeof(int32_t));
	set->px = (double *) w;
	w += aligned((size_t) n * HA_TWIN_DIMS * sizeof(double));
	set->nodes = (HaTwinNode *) w;
	w += aligned(max_nodes(n) * sizeof(HaTwinNode));
	set->excl = (int64_t *) w;
	*detail = 0;

	/* known masks, the range of the values, unique ids */
	for (i = 0; i < n; i++)
	{
		int			d;

		set->mask[i] = (uint8_t) known_mask(&x[(size_t) i * HA_TWIN_DIMS]);
		for (d = 0; d < HA_TWIN_DIMS; d++)
		{
			double		v = fabs(x[(size_t) i * HA_TWIN_DIMS + d]);

			if (isinf(v))
			{
				*detail = i;
				return HA_TWINS_NOT_FINITE;
			}
			if (!isnan(v) && v != 0.0 && (v > SAFE_MAX || v < SAFE_MIN))
				set->checked = true;
		}
		byid[i] = i;
	}
	sort_by_id(byid, n, ids);
	for (i = 1; i < n; i++)
		if (ids[byid[i]] == ids[byid[i - 1]])
		{
			*detail = ids[byid[i]];
			return HA_TWINS_DUPLICATE_ID;
		}

	/* excluded pairs as record indices, sorted, without repeats */
	for (i = 0; i < nexcl; i++)
	{
		int32_t		a = find_id(byid, n, ids, excl_a[i]);
		int32_t		b = find_id(byid, n, ids, excl_b[i]);

		if (a >= 0 && b >= 0 && a != b)
			set->excl[set->nexcl++] = ((int64_t) a << 32) | (int64_t) b;
	}
	sort_int64(set->excl, set->nexcl);
	if (set->nexcl > 1)
	{
		int			kept = 1;

		for (i = 1; i < set->nexcl; i++)
			if (set->excl[i] != set->excl[kept - 1])
				set->excl[kept++] = set->excl[i];
		set->nexcl = kept;
	}

	/* group by known mask (counting sort), records with too few known left out */
	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
		count[set->mask[i]]++;
	start[0] = 0;
	for (g = 0; g < 32; g++)
		start[g + 1] = start[g] + (popcount5(g) >= min_common ? count[g] : 0);
	memcpy(count, start, sizeof(count));
	for (i = 0; i < n; i++)
		if (popcount5(set->mask[i]) >= min_common)
			set->perm[count[set->mask[i]]++] = i;

	/* a tree per group */
	for (g = 0; g < 32; g++)
		set->root[g] = start[g + 1] > start[g]
			? build_node(set, start[g], start[g + 1], (unsigned) g) : -1;
	for (i = 0; i < start[32]; i++)
		memcpy(&set->px[(size_t) i * HA_TWIN_DIMS],
			   &x[(size_t) set->perm[i] * HA_TWIN_DIMS],
			   HA_TWIN_DIMS * sizeof(double));
	return HA_TWINS_OK;
}

/* A query in progress: the record, its k best so far as a max-heap by (distance, id). */
typedef struct Query
{
	const HaTwinSet *set;
	int			i;
	const double *q;
	int			k;
	HaTwin	   *heap;
	int			count;
	int			excl_first;		/* the record's excluded pairs */
	int			excl_last;
} Query;

/* Whether twin a comes after twin b: a larger distance, or the same and a larger id. */
static inline bool
after(double da, int32_t ida, double db, int32_t idb)
{
	return da > db || (da == db && ida > idb);
}

/* Sift heap[root] down the max-heap of n twins. */
static void
sift_twin(HaTwin *heap, int root, int n)
{
	for (;;)
	{
		int			child = 2 * root + 1;
		HaTwin		t;

		if (child >= n)
			return;
		if (child + 1 < n && after(heap[child + 1].distance, heap[child + 1].id,
								   heap[child].distance, heap[child].id))
			child++;
		if (!after(heap[child].distance, heap[child].id,
				   heap[root].distance, heap[root].id))
			return;
		t = heap[root];
		heap[root] = heap[child];
		heap[child] = t;
		root = child;
	}
}

/* Whether the pair (query record, record j) is excluded. */
static bool
excluded(const Query *qu, int32_t j)
{
	int64_t		key = ((int64_t) qu->i << 32) | (int64_t) j;
	int			lo = qu->excl_first;
	int			hi = qu->excl_last;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (qu->set->excl[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < qu->excl_last && qu->set->excl[lo] == key;
}

/*
 * Offer record j at distance d with common coordinates in common to the
 * query; false when it comes after all k twins held (so does any record at
 * the same distance with a larger id).
 */
static inline bool
offer(Query *qu, int32_t j, double d, int common)
{
	int32_t		id = qu->set->ids[j];

	if (qu->count == qu->k && !after(qu->heap[0].distance, qu->heap[0].id, d, id))
		return false;
	if (qu->excl_last > qu->excl_first && excluded(qu, j))
		return true;
	if (qu->count < qu->k)
	{
		int			c = qu->count++;

		qu->heap[c].index = j;
		qu->heap[c].id = id;
		qu->heap[c].distance = d;
		qu->heap[c].common = common;
		/* sift up */
		while (c > 0)
		{
			int			parent = (c - 1) / 2;
			HaTwin		t;

			if (!after(qu->heap[c].distance, qu->heap[c].id,
					   qu->heap[parent].distance, qu->heap[parent].id))
				break;
			t = qu->heap[c];
			qu->heap[c] = qu->heap[parent];
			qu->heap[parent] = t;
			c = parent;
		}
	}
	else
	{
		qu->heap[0].index = j;
		qu->heap[0].id = id;
		qu->heap[0].distance = d;
		qu->heap[0].common = common;
		sift_twin(qu->heap, 0, qu->count);
	}
	return true;
}

/* The squared gap of the query to a box over the shared coordinates. */
static inline double
gap2(const Query *qu, const HaTwinNode *nd, unsigned shared)
{
	double		s = 0.0;
	int			d;

	for (d = 0; d < HA_TWIN_DIMS; d++)
		if (shared & (1u << d))
		{
			double		g = 0.0;

			if (qu->q[d] < nd->lo[d])
				g = nd->lo[d] - qu->q[d];
			else if (qu->q[d] > nd->hi[d])
				g = qu->q[d] - nd->hi[d];
			s += g * g;
		}
	return s;
}

/*
 * Whether no record of a box can enter: its smallest root mean square over
 * the shared coordinates exceeds the k-th distance by more than rounding
 * (relative 1e-12, absolute 1e-9 beyond the half unit of the 10th decimal).
 */
static inline bool
beyond(const Query *qu, const HaTwinNode *nd, unsigned shared, int common)
{
	if (qu->count < qu->k)
		return false;
	return sqrt(gap2(qu, nd, shared) / (double) common) * (1.0 - 1e-12) - 1e-9 >
		qu->heap[0].distance;
}

/* Search a tree node for the query over the shared coordinates. */
static void
search(Query *qu, int node, unsigned shared, int common)
{
	const HaTwinSet *set = qu->set;
	const HaTwinNode *nd = &set->nodes[node];

	if (beyond(qu, nd, shared, common))
		return;
	if (nd->left < 0)
	{
		int			r;

		for (r = nd->first; r < nd->last; r++)
		{
			int32_t		j = set->perm[r];

			if (j == qu->i)
				continue;
			if (!offer(qu, j, rms(qu->q, &set->px[(size_t) r * HA_TWIN_DIMS], shared, common),
					   common) && nd->same)
				break;
		}
		return;
	}
	if (gap2(qu, &set->nodes[nd->left], shared) <= gap2(qu, &set->nodes[nd->right], shared))
	{
		search(qu, nd->left, shared, common);
		search(qu, nd->right, shared, common);
	}
	else
	{
		search(qu, nd->right, shared, common);
		search(qu, nd->left, shared, common);
	}
}

/* The k twins of record i, by distance then id (twins.h). */
HaTwinsStatus
ha_twins_of(const HaTwinSet *set, int i, int k, HaTwin *out, int *count)
{
	Query		qu;
	unsigned	mq = set->mask[i];
	int64_t		key = (int64_t) i << 32;
	int			lo = 0;
	int			hi = set->nexcl;
	int			n;

	*count = 0;
	if (k < 1 || (!set->checked && popcount5(mq) < set->min_common))
		return HA_TWINS_OK;
	qu.set = set;
	qu.i = i;
	qu.q = &set->x[(size_t) i * HA_TWIN_DIMS];
	qu.k = k;
	qu.heap = out;
	qu.count = 0;
	/* the record's excluded pairs: [key, key + 2^32) */
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (set->excl[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	qu.excl_first = lo;
	hi = set->nexcl;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (set->excl[mid] < key + ((int64_t) 1 << 32))
			lo = mid + 1;
		else
			hi = mid;
	}
	qu.excl_last = lo;

	if (set->checked)
	{
		int32_t		j;

		/* every pair, each operation checked as PostgreSQL checks it */
		for (j = 0; j < set->n; j++)
		{
			double		d;
			int			common;
			HaTwinsStatus st;

			if (j == i)
				continue;
			if (qu.excl_last > qu.excl_first && excluded(&qu, j))
				continue;
			st = rms_checked(qu.q, &set->x[(size_t) j * HA_TWIN_DIMS],
							 mq & set->mask[j], set->min_common, &d, &common);
			if (st != HA_TWINS_OK)
				return st;
			if (!isnan(d))
				offer(&qu, j, d, common);
		}
	}
	else
	{
		int			g;

		/* the record's own group first: its twins there bound the others */
		if (set->root[mq] >= 0)
			search(&qu, set->root[mq], mq, popcount5(mq));
		for (g = 0; g < 32; g++)
		{
			unsigned	shared = mq & (unsigned) g;
			int			common = popcount5(shared);

			if ((unsigned) g != mq && set->root[g] >= 0 && common >= set->min_common)
				search(&qu, set->root[g], shared, common);
		}
	}

	/* the heap in order: largest to the end */
	for (n = qu.count; n > 1; n--)
	{
		HaTwin		t = out[0];

		out[0] = out[n - 1];
		out[n - 1] = t;
		sift_twin(out, 0, n - 1);
	}
	*count = qu.count;
	return HA_TWINS_OK;
}
