/*
 * ha_error.h
 *		Error reports from the pure C core, mapped to ereport() by the glue.
 *
 * The core never allocates and never longjmps: a function that can fail
 * fills an HaError and returns false.  The PostgreSQL layer turns the code
 * into an SQLSTATE and the three strings into errmsg/errdetail/errhint.
 */
#ifndef HA_ERROR_H
#define HA_ERROR_H

#include <stdbool.h>

typedef enum HaErrorCode
{
	HA_OK = 0,
	HA_ERR_SYNTAX,				/* 22P02 invalid_text_representation */
	HA_ERR_RANGE,				/* 22003 numeric_value_out_of_range */
	HA_ERR_PARAM,				/* 22023 invalid_parameter_value */
	HA_ERR_LIMIT,				/* 54000 program_limit_exceeded */
	HA_ERR_BINARY				/* 22P03 invalid_binary_representation */
} HaErrorCode;

#define HA_ERRMSG_LEN 1400

typedef struct HaError
{
	HaErrorCode code;
	char		message[HA_ERRMSG_LEN];
	char		detail[HA_ERRMSG_LEN];	/* empty when there is none */
	char		hint[HA_ERRMSG_LEN];	/* empty when there is none */
} HaError;

/* Fill *err (if not NULL) and return false, so callers can "return ha_fail(...)". */
extern bool ha_fail(HaError *err, HaErrorCode code, const char *detail,
					const char *hint, const char *fmt,...)
#ifdef __GNUC__
			__attribute__((format(printf, 5, 6)))
#endif
			;

#endif							/* HA_ERROR_H */
