/*
 * ha_error.c
 *		Filling an HaError, and what each kind of error is.
 */
#include "ha_error.h"

#include <stdio.h>
#include <string.h>

/* The SQLSTATE class, name and named members of each kind. */
static const struct
{
	HaErrorCode code;
	const char *name;
	unsigned	about;
}			kinds[HA_NKINDS] = {
#define HA_KIND_ROW(kind, code, about) {code, #kind, about},
	HA_ERROR_KINDS(HA_KIND_ROW)
#undef HA_KIND_ROW
};

/*
 * Record an error of the given kind: the offending text (bounded by
 * HA_ERR_VALUE_LEN, NULL for none) and what it is about (NULL for nothing).
 * Always returns false, so callers can "return ha_fail(...)".
 */
bool
ha_fail(HaError *err, HaErrorKind kind, const char *value,
		const HaErrorAbout *about)
{
	memset(err, 0, sizeof(*err));
	err->kind = kind;
	err->code = kinds[kind].code;
	if (about != NULL)
		err->about = *about;
	snprintf(err->value, sizeof(err->value), "%s", value ? value : "");
	return false;
}

/* The name of a kind of error, as in the source ("HA_E_UNKNOWN_KEY"). */
const char *
ha_error_name(HaErrorKind kind)
{
	return kind < HA_NKINDS ? kinds[kind].name : "(no such kind)";
}

/*
 * Whether a report is one the glue can turn into a message: a known kind
 * with its class, and every member its kind names set.
 */
bool
ha_error_complete(const HaError *err)
{
	unsigned	about;

	if (err->kind <= HA_E_NONE || err->kind >= HA_NKINDS ||
		err->code != kinds[err->kind].code ||
		memchr(err->value, '\0', sizeof(err->value)) == NULL)
		return false;
	about = kinds[err->kind].about;
	return (!(about & HA_ABOUT_FORM) || err->about.form != NULL) &&
		(!(about & HA_ABOUT_FIELD) || err->about.field != NULL) &&
		(!(about & HA_ABOUT_OTHER) || err->about.other != NULL) &&
		(!(about & HA_ABOUT_ARG) || err->about.arg != NULL) &&
		(!(about & HA_ABOUT_VALUE) || err->value[0] != '\0') &&
		(!(about & HA_ABOUT_WHERE) ||
		 (err->about.line >= 1 && err->about.column >= 1));
}
