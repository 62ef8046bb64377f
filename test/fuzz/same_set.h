/*
 * same_set.h
 *		Whether two parsed rule versions are the same version, for the tests
 *		that parse a version's block again (test/unit/test_rulelang.c and the
 *		fuzz target fuzz_rulelang).
 */
#ifndef HA_SAME_SET_H
#define HA_SAME_SET_H

#include <stdbool.h>
#include <string.h>

#include "../../src/core/rules.h"

/* Two versions the evaluator runs alike (names, spans and text aside). */
static bool
same_set(const HaRuleSet *a, const HaRuleSet *b)
{
	int			i,
				j;

	if (strcmp(a->id, b->id) != 0 || a->first_year != b->first_year ||
		a->last_year != b->last_year || a->nrules != b->nrules ||
		a->omdannelse_lists != b->omdannelse_lists ||
		a->omdannelse_first_year != b->omdannelse_first_year ||
		memcmp(&a->size_gate, &b->size_gate, sizeof(HaCheck)) != 0)
		return false;
	for (i = 0; i < a->nrules; i++)
	{
		const HaCategoryRule *x = &a->rules[i];
		const HaCategoryRule *y = &b->rules[i];

		if (x->category != y->category || x->first_year != y->first_year ||
			x->requires != y->requires || x->excludes != y->excludes ||
			x->ngates != y->ngates || x->ncounted != y->ncounted ||
			x->needed != y->needed || x->defines_flags != y->defines_flags ||
			x->flag_checks != y->flag_checks)
			return false;
		for (j = 0; j < x->ngates + x->ncounted; j++)
			if (memcmp(&x->checks[j], &y->checks[j], sizeof(HaCheck)) != 0)
				return false;
	}
	return true;
}

#endif							/* HA_SAME_SET_H */
