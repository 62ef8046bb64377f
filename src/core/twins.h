/*
 * twins.h
 *		The k nearest twins of every record of a list year: exact, by
 *		k-d trees, with the distance of twin_distance() bit for bit.
 *
 * Pure C.  A record has five coordinates (labour, convictions, education,
 * income, non-Western, each divided by its threshold; NaN = unknown).  The
 * distance of two records is the root mean square of the differences over
 * the coordinates known in both, rounded to 10 decimals by rint() (as
 * PostgreSQL's round(float8)), with the same floating-point operations in
 * the same order as housing_areas_private.twin_rms(); pairs with fewer than
 * min_common coordinates known in both are no twins.  A record's twins are
 * ordered by (distance, id); excluded pairs (areas of a plan that covers
 * the record that year) are skipped.
 *
 * The records are grouped by which coordinates they know (at most 32
 * groups), each group in a k-d tree over its known coordinates.  A query
 * searches every group sharing at least min_common known coordinates with
 * it, and skips a box whose smallest possible distance over the shared
 * coordinates exceeds the k-th distance found so far by a safe margin.
 * Where values are so large or so small that PostgreSQL's float8 checks
 * could raise an overflow or underflow error for some pair, every pair is
 * evaluated with those checks instead (HA_TWINS_OVERFLOW/UNDERFLOW).
 *
 * The core does not allocate: the caller gives ha_twins_work_size() bytes.
 */
#ifndef HA_TWINS_H
#define HA_TWINS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The number of coordinates of a record. */
#define HA_TWIN_DIMS 5

/* What a build or a query ended with. */
typedef enum HaTwinsStatus
{
	HA_TWINS_OK = 0,
	HA_TWINS_DUPLICATE_ID,		/* an id twice (detail: the id) */
	HA_TWINS_NOT_FINITE,		/* a coordinate infinite (detail: record index) */
	HA_TWINS_OVERFLOW,			/* a float8 operation of the SQL would overflow */
	HA_TWINS_UNDERFLOW			/* ... would underflow */
} HaTwinsStatus;

/* One twin of a record. */
typedef struct HaTwin
{
	int32_t		index;			/* the twin's record index */
	int32_t		id;				/* its id */
	int			common;			/* coordinates known in both, min_common to 5 */
	double		distance;		/* twin_distance() */
} HaTwin;

/* A node of a group's k-d tree: a box and either two children or records. */
typedef struct HaTwinNode
{
	double		lo[HA_TWIN_DIMS];
	double		hi[HA_TWIN_DIMS];
	int32_t		first;			/* the records perm[first .. last) */
	int32_t		last;
	int32_t		left;			/* children, -1 for a leaf */
	int32_t		right;
	bool		same;			/* a leaf of one point, its records by id */
} HaTwinNode;

/* The records of a list year, grouped and indexed for twin queries. */
typedef struct HaTwinSet
{
	int			n;
	int			min_common;
	const int32_t *ids;
	const double *x;			/* n * HA_TWIN_DIMS, NaN = unknown */
	uint8_t    *mask;			/* per record: bit d set when coordinate d is known */
	int32_t    *perm;			/* record indices, by group, in tree order */
	double	   *px;				/* the coordinates in perm order */
	HaTwinNode *nodes;
	int			nnodes;
	int			root[32];		/* per known-mask: its tree's root, -1 if none */
	int64_t    *excl;			/* excluded pairs (index << 32 | twin index), sorted */
	int			nexcl;
	bool		checked;		/* every pair with PostgreSQL's float8 checks */
} HaTwinSet;

/* The bytes of work memory ha_twins_build needs for n records and nexcl pairs. */
extern size_t ha_twins_work_size(int n, int nexcl);

/*
 * Group and index n records (ids unique; x: n * HA_TWIN_DIMS, NaN unknown)
 * with nexcl excluded pairs (excl_a[i] has no twin excl_b[i]; ids not among
 * the records are ignored).  min_common from 1 to HA_TWIN_DIMS.  The set
 * points into ids and x, which must outlive it.  On an error, *detail says
 * which id or record.
 */
extern HaTwinsStatus ha_twins_build(HaTwinSet *set, void *work, int n,
									const int32_t *ids, const double *x,
									int nexcl, const int32_t *excl_a,
									const int32_t *excl_b, int min_common,
									int64_t *detail);

/*
 * The twins of record i: up to k of them in out (room for k), by distance
 * then id; *count is how many.
 */
extern HaTwinsStatus ha_twins_of(const HaTwinSet *set, int i, int k,
								 HaTwin *out, int *count);

/*
 * The distance of two coordinate vectors as twin_rms() computes it, and the
 * number of coordinates known in both in *common; NaN when fewer than
 * min_common are.  No overflow checks: the reference for tests.
 */
extern double ha_twin_distance(const double *a, const double *b,
							   int min_common, int *common);

#endif							/* HA_TWINS_H */
