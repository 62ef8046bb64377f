/*
 * fuzz_record.h
 *		Checks of a record type of src/core that has a key=value text form
 *		(indicators, tally), written once for the fuzz targets.
 *
 * A template, as PostgreSQL's lib/sort_template.h: define
 *	FUZZ_RECORD			the record's C type (HaTally)
 *	FUZZ_PREFIX			the prefix of its functions (ha_tally): _parse,
 *						_validate, _format and _equal
 *	FUZZ_NAME			the name the checks carry (tally)
 *	FUZZ_TEXT_BUFLEN	the size of a buffer that holds its longest text
 * then include this header, after fuzz.h; once per type.  It defines
 * check_<name>_round_trip(rec) and check_<name>_text(s), and undefines the
 * four names.
 */

#define FUZZ_CAT_(a, b) a##_##b
#define FUZZ_CAT(a, b) FUZZ_CAT_(a, b)
#define FUZZ_FN(name) FUZZ_CAT(FUZZ_PREFIX, name)
#define FUZZ_CHECK_FN(what) FUZZ_CAT(FUZZ_CAT(check, FUZZ_NAME), what)
#define FUZZ_STR_(x) #x
#define FUZZ_STR(x) FUZZ_STR_(x)

/*
 * Check that a record passes validation and survives text and back: format,
 * parse, equal and valid, format again identically.
 */
static inline void
FUZZ_CHECK_FN(round_trip) (const FUZZ_RECORD *rec)
{
	FUZZ_RECORD again;
	HaError		err;
	char		text[FUZZ_TEXT_BUFLEN];
	char		text2[FUZZ_TEXT_BUFLEN];

	fuzz_clear_error(&err);
	FUZZ_CHECK(FUZZ_FN(validate) (rec, &err), ha_error_name(err.kind));
	FUZZ_CHECK(FUZZ_FN(format) (rec, text, sizeof(text)) < sizeof(text), text);
	FUZZ_CHECK(FUZZ_FN(parse) (text, &again, &err), text);
	FUZZ_CHECK(FUZZ_FN(equal) (rec, &again), text);
	FUZZ_CHECK(FUZZ_FN(validate) (&again, &err), text);
	FUZZ_CHECK(FUZZ_FN(format) (&again, text2, sizeof(text2)) < sizeof(text2),
			   text2);
	FUZZ_CHECK(strcmp(text, text2) == 0, text2);
}

/*
 * Parse s as text: a record with the round trip above, or a complete report
 * of an error class of text input (syntax, range, limit).
 */
static inline void
FUZZ_CHECK_FN(text) (const char *s)
{
	FUZZ_RECORD rec;
	HaError		err;

	fuzz_clear_error(&err);
	if (FUZZ_FN(parse) (s, &rec, &err))
		FUZZ_CHECK_FN(round_trip) (&rec);
	else
		fuzz_check_error(&err,
						 FUZZ_CODE(HA_ERR_SYNTAX) | FUZZ_CODE(HA_ERR_RANGE) |
						 FUZZ_CODE(HA_ERR_LIMIT), FUZZ_STR(FUZZ_FN(parse)));
}

#undef FUZZ_RECORD
#undef FUZZ_PREFIX
#undef FUZZ_NAME
#undef FUZZ_TEXT_BUFLEN
