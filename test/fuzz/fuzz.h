/*
 * fuzz.h
 *		Shared checks of the libFuzzer targets in test/fuzz.
 *
 * A broken invariant prints what was being checked and aborts, so libFuzzer
 * reports a crash and keeps the input as an artifact.  The targets include
 * this header once; everything here is static.
 */
#ifndef HA_FUZZ_H
#define HA_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ha_error.h"

/* Bit of an error code in a set of allowed codes. */
#define FUZZ_CODE(c) (1u << (c))

/* Abort with the failed condition unless cond holds; shown gives context. */
#define FUZZ_CHECK(cond, shown) \
	do { \
		if (!(cond)) \
			fuzz_fail(__FILE__, __LINE__, #cond, (shown)); \
	} while (0)

/* Report a broken invariant and abort (libFuzzer saves the input). */
static void
fuzz_fail(const char *file, int line, const char *cond, const char *shown)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, cond);
	if (shown != NULL)
		fprintf(stderr, "  context: \"%s\"\n", shown);
	abort();
}

/*
 * Check the error a failing core function left: a class from the allowed
 * set, and a complete report (a known kind with its class, every member
 * its kind names set, the quoted text NUL-terminated), so that the glue can
 * always word it.
 */
static void
fuzz_check_error(const HaError *err, unsigned allowed, const char *where)
{
	FUZZ_CHECK(memchr(err->value, '\0', sizeof(err->value)) != NULL, where);
	FUZZ_CHECK(err->code != HA_OK, where);
	FUZZ_CHECK((allowed & FUZZ_CODE(err->code)) != 0, ha_error_name(err->kind));
	FUZZ_CHECK(ha_error_complete(err), ha_error_name(err->kind));
}

/* An HaError with every byte zero, so a stale report cannot pass for a new one. */
static void
fuzz_clear_error(HaError *err)
{
	memset(err, 0, sizeof(*err));
}

/* A NUL-terminated copy of the fuzzer's input (free it with free()). */
static inline char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif							/* HA_FUZZ_H */
