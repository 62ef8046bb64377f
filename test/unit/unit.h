/*
 * unit.h
 *		A tiny unit-test harness for src/core: TAP-style lines, one per test.
 *
 * Each test is a void function; CHECK records failures without stopping it.
 * The runner counts "ok"/"not ok" lines, so every RUN() is one test.
 */
#ifndef HA_UNIT_H
#define HA_UNIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/ha_error.h"
#include "../../src/core/ha_kv.h"
#include "../../src/core/rulelang.h"
#include "../../src/core/rules.h"

static int	unit_checks_failed;
static long unit_checks_run;	/* checks made, failed or not */
static int	unit_tests_passed;
static int	unit_tests_failed;

/* The number of elements of an array. */
#ifndef lengthof
#define lengthof(array) (sizeof(array) / sizeof((array)[0]))
#endif

#define CHECK(cond) \
	do { \
		unit_checks_run++; \
		if (!(cond)) \
		{ \
			fprintf(stdout, "#   %s:%d: check failed: %s\n", \
					__FILE__, __LINE__, #cond); \
			unit_checks_failed++; \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		unit_checks_run++; \
		if (strcmp(g_, w_) != 0) \
		{ \
			fprintf(stdout, "#   %s:%d: got \"%s\", want \"%s\"\n", \
					__FILE__, __LINE__, g_, w_); \
			unit_checks_failed++; \
		} \
	} while (0)

/* xorshift64*: a small deterministic generator for the randomized tests. */
static uint64_t unit_rng_state = 0x9E3779B97F4A7C15ull;

/* The next pseudo-random 64-bit number. */
static inline uint64_t
rng_next(void)
{
	unit_rng_state ^= unit_rng_state >> 12;
	unit_rng_state ^= unit_rng_state << 25;
	unit_rng_state ^= unit_rng_state >> 27;
	return unit_rng_state * 0x2545F4914F6CDD1Dull;
}

/* The key or argument an error report names, or "". */
static inline const char *
unit_error_key(const HaError *err)
{
	if (err->about.field != NULL)
		return err->about.field->key;
	return err->about.arg != NULL ? err->about.arg : "";
}

/* Record a failure when an input that should be accepted was refused. */
static inline void
unit_check_accepted(const char *input, bool ok, const HaError *err)
{
	unit_checks_run++;
	if (!ok)
	{
		printf("#   unexpected error for \"%s\": %s (key \"%s\", value \"%s\")\n",
			   input, ha_error_name(err->kind), unit_error_key(err), err->value);
		unit_checks_failed++;
	}
}

/*
 * Record a failure unless an input was refused with this SQLSTATE class and
 * kind, in a complete report naming this key and quoting this value (key
 * and value: NULL to skip them).
 */
static inline void
unit_check_refused(const char *input, bool ok, const HaError *err,
				   HaErrorCode code, HaErrorKind kind, const char *key,
				   const char *value)
{
	unit_checks_run++;
	if (ok)
	{
		printf("#   \"%s\" was accepted\n", input);
		unit_checks_failed++;
		return;
	}
	if (err->code != code || err->kind != kind || !ha_error_complete(err))
	{
		printf("#   \"%s\": %s, class %d%s; want %s, class %d\n", input,
			   ha_error_name(err->kind), err->code,
			   ha_error_complete(err) ? "" : " (incomplete)",
			   ha_error_name(kind), code);
		unit_checks_failed++;
	}
	if (key != NULL && strcmp(unit_error_key(err), key) != 0)
	{
		printf("#   \"%s\": key \"%s\", want \"%s\"\n", input,
			   unit_error_key(err), key);
		unit_checks_failed++;
	}
	if (value != NULL && strcmp(err->value, value) != 0)
	{
		printf("#   \"%s\": value \"%s\", want \"%s\"\n", input, err->value,
			   value);
		unit_checks_failed++;
	}
}

/*
 * Print a "not ok" line saying where the built-in rule text failed to parse
 * or plan, and return the exit status of a suite that cannot run.
 */
static inline int
unit_bail_rules(const HaError *err)
{
	printf("not ok - the built-in rules do not parse: %s at line %d, "
		   "column %d\n", ha_error_name(err->kind), err->about.line,
		   err->about.column);
	return 1;
}

/*
 * The built-in rule text, parsed on first use; a suite whose built-in text
 * does not parse stops there (unit_bail_rules).
 */
static inline const HaRuleBook *
unit_builtin_book(void)
{
	static HaRuleBook book;
	static bool parsed;
	HaError		err;

	if (!parsed &&
		!ha_rules_parse(ha_builtin_rules, ha_builtin_rules_len, &book, &err))
		exit(unit_bail_rules(&err));
	parsed = true;
	return &book;
}

/* Run one test function and print its TAP line. */
static void
unit_run(const char *name, void (*fn) (void))
{
	int			before = unit_checks_failed;

	fn();
	if (unit_checks_failed == before)
	{
		unit_tests_passed++;
		printf("ok - %s\n", name);
	}
	else
	{
		unit_tests_failed++;
		printf("not ok - %s\n", name);
	}
}

#define RUN(fn) unit_run(#fn, fn)

/* Print the summary line and return the process exit status. */
static int
unit_done(const char *suite)
{
	printf("# %s: %d passed, %d failed, %ld checks\n", suite,
		   unit_tests_passed, unit_tests_failed, unit_checks_run);
	return unit_tests_failed == 0 ? 0 : 1;
}

#endif							/* HA_UNIT_H */
