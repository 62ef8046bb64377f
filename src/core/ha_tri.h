/*
 * ha_tri.h
 *		Three-valued truth: known false, known true, or unknown (NULL).
 *
 * Shared by the rule evaluator (a criterion on a missing value) and the
 * person step of tallies (a nullable boolean column).
 */
#ifndef HA_TRI_H
#define HA_TRI_H

typedef enum HaTri
{
	HA_FALSE = 0,
	HA_TRUE = 1,
	HA_UNKNOWN = 2
} HaTri;

#endif							/* HA_TRI_H */
