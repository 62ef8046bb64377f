/*
 * unit_record.h
 *		Test helpers for a record type of src/core that has a key=value text
 *		form (indicators, tally), written once for both.
 *
 * A template, as PostgreSQL's lib/sort_template.h: define
 *	UNIT_RECORD			the record's C type (HaIndicators)
 *	UNIT_PREFIX			the prefix of its functions (ha_ind): _parse,
 *						_validate, _format and _equal
 *	UNIT_TEXT_BUFLEN	the size of a buffer that holds its longest text
 *	UNIT_INPUT_MAX		the longest text input it accepts
 * then include this header once, after unit.h.  Every helper is static
 * inline, so a test file may use only some of them.
 */
#ifndef HA_UNIT_RECORD_H
#define HA_UNIT_RECORD_H

#define UNIT_CAT_(a, b) a##_##b
#define UNIT_CAT(a, b) UNIT_CAT_(a, b)
#define UNIT_FN(name) UNIT_CAT(UNIT_PREFIX, name)

/* Parse s, expecting success. */
static inline UNIT_RECORD
parse_ok(const char *s)
{
	UNIT_RECORD v;
	HaError		err;

	unit_check_accepted(s, UNIT_FN(parse) (s, &v, &err), &err);
	return v;
}

/*
 * Parse s, expecting failure with the given class and kind, naming key and
 * quoting value (NULL: not checked).
 */
static inline HaError
parse_err(const char *s, HaErrorCode code, HaErrorKind kind, const char *key,
		  const char *value)
{
	UNIT_RECORD v;
	HaError		err;

	memset(&err, 0, sizeof(err));
	unit_check_refused(s, UNIT_FN(parse) (s, &v, &err), &err, code, kind, key,
					   value);
	return err;
}

/* The canonical text of a record, which must fit UNIT_TEXT_BUFLEN. */
static inline const char *
text_of(const UNIT_RECORD *rec)
{
	static char buf[UNIT_TEXT_BUFLEN];

	CHECK(UNIT_FN(format) (rec, buf, sizeof(buf)) < sizeof(buf));
	return buf;
}

/* The canonical text of a parsed input. */
static inline const char *
canon(const char *s)
{
	UNIT_RECORD rec = parse_ok(s);

	return text_of(&rec);
}

/*
 * Check that a valid record reads back from its text, equal, and that the
 * text read back formats the same; count a failure in *failures.
 */
static inline void
check_round_trip(const UNIT_RECORD *a, int *failures)
{
	UNIT_RECORD b;
	HaError		err;
	char		t1[UNIT_TEXT_BUFLEN],
				t2[UNIT_TEXT_BUFLEN];

	CHECK(UNIT_FN(format) (a, t1, sizeof(t1)) < sizeof(t1));
	if (!UNIT_FN(parse) (t1, &b, &err) || !UNIT_FN(equal) (a, &b))
	{
		printf("#   round trip failed for \"%s\"\n", t1);
		(*failures)++;
		unit_checks_failed++;
		return;
	}
	UNIT_FN(format) (&b, t2, sizeof(t2));
	if (strcmp(t1, t2) != 0)
	{
		printf("#   \"%s\" reformatted as \"%s\"\n", t1, t2);
		(*failures)++;
		unit_checks_failed++;
	}
}

/*
 * Check n random records, each from make(), that should be valid: each
 * passes validation and reads back from its text.  Stops after 5 failures.
 */
static inline void
check_random_round_trips(int n, UNIT_RECORD (*make) (void))
{
	int			i;
	int			failures = 0;

	for (i = 0; i < n && failures < 5; i++)
	{
		UNIT_RECORD a = make();
		HaError		err;
		bool		valid = UNIT_FN(validate) (&a, &err);

		unit_check_accepted(text_of(&a), valid, &err);
		if (valid)
			check_round_trip(&a, &failures);
		else
			failures++;
	}
}

/* Check that each input cases[i][0] reads back as the text cases[i][1]. */
static inline void
check_canon(const char *const cases[][2], size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		CHECK_STR(canon(cases[i][0]), cases[i][1]);
}

/*
 * Parse 100000 random strings of up to maxlen characters of alphabet: each
 * is refused with a complete report, or accepted as a valid record that
 * reads back from its text.
 */
static inline void
check_random_garbage(const char *alphabet, size_t maxlen)
{
	size_t		nletters = strlen(alphabet);
	int			i;

	for (i = 0; i < 100000; i++)
	{
		char		s[128];
		size_t		n = rng_next() % (maxlen < sizeof(s) ? maxlen : sizeof(s) - 1);
		size_t		j;
		UNIT_RECORD rec;
		HaError		err;

		for (j = 0; j < n; j++)
			s[j] = alphabet[rng_next() % nletters];
		s[n] = '\0';
		if (UNIT_FN(parse) (s, &rec, &err))
		{
			UNIT_RECORD again;

			CHECK(UNIT_FN(validate) (&rec, &err));
			CHECK(UNIT_FN(parse) (text_of(&rec), &again, &err) &&
				  UNIT_FN(equal) (&rec, &again));
		}
		else
			CHECK(ha_error_complete(&err));
	}
}

/*
 * The input limit: one byte more than UNIT_INPUT_MAX is refused (54000,
 * naming both lengths), UNIT_INPUT_MAX bytes are read.
 */
static inline void
check_input_limit(void)
{
	char		big[UNIT_INPUT_MAX + 2];
	HaError		e;

	memset(big, ' ', sizeof(big));
	memcpy(big, "residents=1", 11);
	big[sizeof(big) - 1] = '\0';
	e = parse_err(big, HA_ERR_LIMIT, HA_E_TOO_LONG, "", "");
	CHECK(e.about.n[0] == UNIT_INPUT_MAX + 1 && e.about.n[1] == UNIT_INPUT_MAX);
	big[sizeof(big) - 2] = '\0';
	parse_ok(big);
}

#endif							/* HA_UNIT_RECORD_H */
