/*
 * ha_error.h
 *		Error reports from the pure C core: what went wrong, never a message.
 *
 * The core never allocates and never longjmps: a function that can fail
 * fills an HaError and returns false.  The report names the kind of error,
 * its SQLSTATE class, the type, key or argument concerned, the offending
 * text and the numbers a message needs; it holds no sentence.  The
 * PostgreSQL glue (ha_report, src/housing_areas.c) owns every message: it
 * turns each kind into errmsg/errdetail/errhint with literal, translatable
 * format strings.
 */
#ifndef HA_ERROR_H
#define HA_ERROR_H

#include <stdbool.h>

/* The SQLSTATE class of an error. */
typedef enum HaErrorCode
{
	HA_OK = 0,
	HA_ERR_SYNTAX,				/* 22P02 invalid_text_representation */
	HA_ERR_RANGE,				/* 22003 numeric_value_out_of_range */
	HA_ERR_PARAM,				/* 22023 invalid_parameter_value */
	HA_ERR_LIMIT,				/* 54000 program_limit_exceeded */
	HA_ERR_BINARY,				/* 22P03 invalid_binary_representation */
	HA_ERR_GRAMMAR				/* 42601 syntax_error (rule text) */
} HaErrorCode;

/* Which members of HaErrorAbout an error kind sets (the glue relies on them). */
#define HA_ABOUT_FORM	0x01	/* form: the type whose input or record failed */
#define HA_ABOUT_FIELD	0x02	/* field: the key (or person value) concerned */
#define HA_ABOUT_OTHER	0x04	/* other: a second key the first depends on */
#define HA_ABOUT_ARG	0x08	/* arg: the SQL argument concerned */
#define HA_ABOUT_VALUE	0x10	/* value: the offending text, never empty */
#define HA_ABOUT_WHERE	0x20	/* line, column: where in a rule text (from 1) */

/*
 * The kinds of error: X(kind, SQLSTATE class, members set).  Numbers go in
 * n[0] and n[1] where a comment says so.
 */
#define HA_ERROR_KINDS(X) \
	X(HA_E_NONE, HA_OK, 0) \
	/* text input of a type: value is the whole input where named */ \
	X(HA_E_TOO_LONG, HA_ERR_LIMIT, HA_ABOUT_FORM)	/* n: length, limit */ \
	X(HA_E_CONTROL_CHAR, HA_ERR_SYNTAX, HA_ABOUT_FORM)	/* n: byte, position */ \
	X(HA_E_EMPTY, HA_ERR_SYNTAX, HA_ABOUT_FORM)	/* value: the blank input */ \
	X(HA_E_NO_KEY, HA_ERR_SYNTAX, HA_ABOUT_FORM | HA_ABOUT_VALUE) \
	X(HA_E_TWO_SEPARATORS, HA_ERR_SYNTAX, HA_ABOUT_FORM | HA_ABOUT_VALUE) \
	X(HA_E_TRAILING_COMMA, HA_ERR_SYNTAX, HA_ABOUT_FORM | HA_ABOUT_VALUE) \
	X(HA_E_MISSING_EQUALS, HA_ERR_SYNTAX, \
	  HA_ABOUT_FORM | HA_ABOUT_FIELD | HA_ABOUT_VALUE) \
	X(HA_E_NO_VALUE, HA_ERR_SYNTAX, \
	  HA_ABOUT_FORM | HA_ABOUT_FIELD | HA_ABOUT_VALUE) \
	X(HA_E_UNKNOWN_KEY, HA_ERR_SYNTAX, HA_ABOUT_FORM | HA_ABOUT_VALUE) /* value: the key */ \
	X(HA_E_DUPLICATE_KEY, HA_ERR_SYNTAX, HA_ABOUT_FORM | HA_ABOUT_FIELD) \
	/* one value of a key: value is the value as written or formatted */ \
	X(HA_E_NOT_A_NUMBER, HA_ERR_SYNTAX, HA_ABOUT_FIELD | HA_ABOUT_VALUE) \
	X(HA_E_NOT_WHOLE, HA_ERR_SYNTAX, HA_ABOUT_FIELD | HA_ABOUT_VALUE) \
	X(HA_E_NAN, HA_ERR_SYNTAX, HA_ABOUT_FIELD | HA_ABOUT_VALUE) \
	X(HA_E_OUT_OF_RANGE, HA_ERR_RANGE, HA_ABOUT_FIELD | HA_ABOUT_VALUE) \
	X(HA_E_PART_EXCEEDS_WHOLE, HA_ERR_RANGE, \
	  HA_ABOUT_FIELD | HA_ABOUT_OTHER | HA_ABOUT_VALUE)	/* n: the whole */ \
	X(HA_E_INCOME_WITHOUT_TAXPAYERS, HA_ERR_RANGE, \
	  HA_ABOUT_FIELD | HA_ABOUT_OTHER | HA_ABOUT_VALUE) \
	X(HA_E_INCOME_OUT_OF_RANGE, HA_ERR_RANGE, HA_ABOUT_FIELD | HA_ABOUT_VALUE) \
	/* a whole record, as it arrives in binary form */ \
	X(HA_E_BAD_VERSION, HA_ERR_BINARY, HA_ABOUT_FORM)	/* n: found, read */ \
	X(HA_E_RESERVED_NOT_ZERO, HA_ERR_BINARY, HA_ABOUT_FORM)	/* n: bytes */ \
	X(HA_E_UNKNOWN_FIELD_BITS, HA_ERR_BINARY, HA_ABOUT_FORM) \
	X(HA_E_UNKNOWN_HOLDS_VALUE, HA_ERR_BINARY, HA_ABOUT_FORM | HA_ABOUT_FIELD) \
	X(HA_E_NEGATIVE_ZERO, HA_ERR_BINARY, HA_ABOUT_FORM | HA_ABOUT_FIELD) \
	X(HA_E_NOT_ROUNDED, HA_ERR_BINARY, HA_ABOUT_FORM | HA_ABOUT_FIELD) \
	X(HA_E_NOTHING_KNOWN, HA_ERR_PARAM, HA_ABOUT_FORM) \
	/* a stored indicators image of layout version 2 */ \
	X(HA_E_V2_WITHOUT_MENAPT, HA_ERR_BINARY, HA_ABOUT_FORM) \
	X(HA_E_PACKED_OUT_OF_RANGE, HA_ERR_BINARY, HA_ABOUT_FORM | HA_ABOUT_FIELD)	/* n: the integer */ \
	/* sums and person rows of tallies */ \
	X(HA_E_SUM_OUT_OF_RANGE, HA_ERR_RANGE, HA_ABOUT_FIELD) \
	X(HA_E_PERSON_NAN, HA_ERR_PARAM, HA_ABOUT_FIELD) \
	X(HA_E_PERSON_OUT_OF_RANGE, HA_ERR_RANGE, HA_ABOUT_FIELD | HA_ABOUT_VALUE) \
	X(HA_E_REGIONAL_INCOME, HA_ERR_PARAM, HA_ABOUT_VALUE) \
	/* exact tallies: layout versions; a version-1 float8 sum beyond version 2 */ \
	X(HA_E_TALLY_VERSION, HA_ERR_BINARY, HA_ABOUT_FORM)	/* n: found, newest */ \
	X(HA_E_TALLY_V1_OUT_OF_RANGE, HA_ERR_RANGE, HA_ABOUT_FIELD | HA_ABOUT_VALUE) \
	X(HA_E_TALLY_MENAPT_HEADER, HA_ERR_BINARY, HA_ABOUT_FORM) \
	/* rules and history: value is the argument as given */ \
	X(HA_E_NO_RULES_FOR_YEAR, HA_ERR_PARAM, 0)	/* n: the year */ \
	X(HA_E_UNKNOWN_RULE_VERSION, HA_ERR_PARAM, HA_ABOUT_VALUE) \
	X(HA_E_UNKNOWN_CATEGORY, HA_ERR_PARAM, HA_ABOUT_VALUE) \
	X(HA_E_UNKNOWN_LANGUAGE, HA_ERR_PARAM, HA_ABOUT_VALUE) \
	X(HA_E_YEARS_OUT_OF_ORDER, HA_ERR_PARAM, 0)	/* n: year, previous */ \
	X(HA_E_NEGATIVE_COUNT, HA_ERR_PARAM, HA_ABOUT_ARG | HA_ABOUT_VALUE) \
	X(HA_E_BAD_FLOOR_AREA, HA_ERR_PARAM, HA_ABOUT_ARG | HA_ABOUT_VALUE) \
	X(HA_E_MORE_FAMILY_UNITS, HA_ERR_PARAM, 0)	/* n: family units, dwellings */ \
	X(HA_E_NO_DWELLINGS, HA_ERR_PARAM, 0)	/* n: m2 per dwelling */ \
	/* \
	 * a rule text (rulelang.h): what is an HaRulesExpect, HaRulesProblem or \
	 * HaRulesLimit; value is the text found (empty at the end of the input) \
	 * or the name concerned, as the enum says \
	 */ \
	X(HA_E_RULES_SYNTAX, HA_ERR_GRAMMAR, HA_ABOUT_WHERE) \
	X(HA_E_RULES_INVALID, HA_ERR_SYNTAX, HA_ABOUT_WHERE) \
	X(HA_E_RULES_LIMIT, HA_ERR_LIMIT, HA_ABOUT_WHERE)	/* n: the limit */ \
	/* names given to rules(), consequence() */ \
	X(HA_E_UNKNOWN_RULES_BLOCK, HA_ERR_PARAM, HA_ABOUT_VALUE) \
	X(HA_E_UNKNOWN_CONSEQUENCE, HA_ERR_PARAM, HA_ABOUT_VALUE) \
	X(HA_E_NO_CONSEQUENCE, HA_ERR_PARAM, HA_ABOUT_VALUE)	/* the rules lack it */

/* What went wrong. */
typedef enum HaErrorKind
{
#define HA_KIND_ENUM(kind, code, about) kind,
	HA_ERROR_KINDS(HA_KIND_ENUM)
#undef HA_KIND_ENUM
	HA_NKINDS
} HaErrorKind;

/* Longest text an error quotes, with its NUL: every text input fits whole. */
#define HA_ERR_VALUE_LEN 1100

struct HaKvForm;
struct HaFieldSpec;

/* What an error is about: the members its kind sets, the rest zero. */
typedef struct HaErrorAbout
{
	const struct HaKvForm *form;
	const struct HaFieldSpec *field;
	const struct HaFieldSpec *other;
	const char *arg;
	long long	n[2];
	int			line;			/* HA_ABOUT_WHERE: line of a rule text, from 1 */
	int			column;			/* HA_ABOUT_WHERE: column (characters), from 1 */
	int			what;			/* rule text: the item expected, the problem */
	const char *word;			/* rule text: a keyword or unit expected */
} HaErrorAbout;

typedef struct HaError
{
	HaErrorKind kind;
	HaErrorCode code;			/* the SQLSTATE class of kind */
	HaErrorAbout about;
	char		value[HA_ERR_VALUE_LEN];	/* empty when the kind names none */
} HaError;

extern bool ha_fail(HaError *err, HaErrorKind kind, const char *value,
					const HaErrorAbout *about);
extern const char *ha_error_name(HaErrorKind kind);
extern bool ha_error_complete(const HaError *err);

#endif							/* HA_ERROR_H */
