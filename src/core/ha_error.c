/*
 * ha_error.c
 *		Filling an HaError.
 */
#include "ha_error.h"

#include <stdarg.h>
#include <stdio.h>

/* Record an error with its message, detail and hint; always returns false. */
bool
ha_fail(HaError *err, HaErrorCode code, const char *detail, const char *hint,
		const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return false;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	snprintf(err->detail, sizeof(err->detail), "%s", detail ? detail : "");
	snprintf(err->hint, sizeof(err->hint), "%s", hint ? hint : "");
	return false;
}
