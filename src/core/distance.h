/*
 * distance.h
 *		What it would take for an area to leave a list it is on, or to
 *		enter one it is not on: per criterion, and the cheapest set of
 *		changes under a rule version's gates and "at least k of n".
 *
 * Pure C.  Works on any parsed rule version (rules.h): the lists are the
 * categories the version defines in the list year (udsat, parallelsamfund,
 * forebyggelse, kombineret_udlejning), their checks are read from the
 * version, and every hypothetical record is judged by the same evaluator
 * as classify().  Three-valued: a change that depends on an unknown value
 * is unknown, and an unknown value is never changed.
 *
 * Changes are given in the criterion's unit (percentage points, % of the
 * regional mean, residents) and, when the tallies behind the record are
 * given (HaDistanceBasis), in whole persons of the latest data year (kroner
 * of mean income for income), each the smallest that flips the check by
 * the same arithmetic as to_indicators.  The choice of "cheapest" is in
 * docs/decisions.md.
 */
#ifndef HA_DISTANCE_H
#define HA_DISTANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "ha_tri.h"
#include "rules.h"
#include "tally.h"

/* The lists a version may define (in this order), and the criteria values that may move. */
#define HA_DIST_NLISTS 4
#define HA_DIST_NVARS 7

/* Which way a list is crossed. */
typedef enum HaDirection
{
	HA_DIR_NONE = 0,			/* whether the area is on the list is unknown */
	HA_DIR_LEAVE,				/* on the list now */
	HA_DIR_ENTER				/* not on it now */
} HaDirection;

/* What a row of list_distance stands for. */
typedef enum HaDistanceRole
{
	HA_ROLE_SIZE,				/* the size gate of every list */
	HA_ROLE_REQUIRES,			/* another list that must hold ("when udsat and") */
	HA_ROLE_GATE,				/* a check that must hold */
	HA_ROLE_COUNTED,			/* one of "at least k of n" */
	HA_ROLE_UNLESS				/* another list that keeps the area off */
} HaDistanceRole;

/* Why a change is not given. */
typedef enum HaDistanceNote
{
	HA_NOTE_NONE = 0,
	HA_NOTE_VALUE_UNKNOWN,		/* the value or the threshold is unknown */
	HA_NOTE_NO_PERSONS,			/* no change of persons in the latest data
								 * year flips it (within the populations) */
	HA_NOTE_OTHER_LIST,			/* a list: see that list's rows */
	HA_NOTE_LIST_UNKNOWN,		/* whether the area is on the list is unknown */
	HA_NOTE_UNDECIDED			/* no change of the known values decides it */
} HaDistanceNote;

/*
 * The tallies behind a record (to_indicators' arguments): changes in
 * persons move counts of cur, the latest data year; prev stays as it is.
 */
typedef struct HaDistanceBasis
{
	HaTally		cur;
	bool		has_prev;
	HaTally		prev;
	bool		has_national;
	double		national_convicted;
	bool		has_regional;
	double		regional_income;
} HaDistanceBasis;

/* One row of list_distance(): one check of one list. */
typedef struct HaCheckDistance
{
	HaCategory	list;
	HaTri		on_list;
	HaDirection direction;
	HaDistanceRole role;
	int			alternative;	/* 1.. among the list's rules, for a list of several */
	int			needed;			/* HA_ROLE_COUNTED: k of ncounted */
	int			ncounted;
	HaCategory	other;			/* REQUIRES, UNLESS: the other list */
	HaMargin	margin;			/* check (NULL for REQUIRES, UNLESS), value,
								 * threshold, met (for REQUIRES, UNLESS: the
								 * other list's status) */
	bool		change_known;
	double		change;			/* threshold - value, in the unit */
	bool		strict;			/* must pass the threshold, not only reach it */
	HaOp		flip_op;		/* the value must become flip_op threshold */
	bool		persons_known;
	int64_t		persons;		/* signed: persons (residents: residents), or kr
								 * of mean income for income */
	HaDistanceNote note;
} HaCheckDistance;

#define HA_MAX_DISTANCES (HA_DIST_NLISTS + HA_MAX_RULES * (HA_MAX_RULE_CHECKS + 2))

/* One criterion changed in a set of changes. */
typedef struct HaMove
{
	HaIndField	field;
	double		value;			/* now */
	HaOp		op;				/* the new value must be op threshold */
	double		threshold;
	double		change;			/* threshold - value (without a tally), or the
								 * value reached - value (with one) */
	bool		strict;			/* without a tally: must pass threshold */
	bool		reached_known;	/* with a tally: the value the persons give */
	double		reached;
	bool		counted;		/* amount is known */
	int64_t		amount;			/* signed persons, or kr of mean income */
} HaMove;

/* One set of changes that takes the area off (or onto) one list. */
typedef struct HaChangeSet
{
	HaCategory	list;
	HaTri		on_list;
	HaDirection direction;
	int			option;			/* 1 is the cheapest; 0: no set (see note) */
	int			nmoves;
	HaMove		moves[HA_DIST_NVARS];
	int64_t		persons;		/* sum of |persons| over the moves */
	int64_t		income_kr;		/* |kr| of the income move */
	double		points;			/* sum of |change| over shares and income */
	HaDistanceNote note;
} HaChangeSet;

/*
 * Per list, the subsets of one size of the five criteria other than
 * residents (at most 10), then of one size with residents (at most 10).
 */
#define HA_MAX_CHANGE_SETS (HA_DIST_NLISTS * 20)

extern const char *ha_direction_name(HaDirection d);
extern const char *ha_distance_note(HaDistanceNote n);
extern HaOp ha_op_negation(HaOp op);
extern HaTri ha_list_flag(const HaClassification *c, HaCategory list);
extern int	ha_list_distances(const HaIndicators *ind,
							  const HaDistanceBasis *basis, int list_year,
							  const HaRuleSet *rules, HaCheckDistance *out);
extern int	ha_cheapest_changes(const HaIndicators *ind,
								const HaDistanceBasis *basis, int list_year,
								const HaRuleSet *rules, HaChangeSet *out);

#endif							/* HA_DISTANCE_H */
