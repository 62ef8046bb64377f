/*
 * fuzz_rules.c
 *		libFuzzer target: the rule evaluator and margins.
 *
 * Input layout:
 *
 *	  offset  size  use
 *		   0     1  flags: bit 0 set = struct mode, clear = text mode;
 *					bit 1 set = the list year is the raw int32 below
 *		   1     4  list year (int32, little-endian): 2005 + |y| % 30
 *					unless bit 1 is set
 *		   5     -  text mode: the rest is an indicators text for
 *					ha_ind_parse (inputs it refuses are skipped);
 *					struct mode: a field mask byte, then per field a
 *					selector byte and 8 payload bytes (a threshold a few
 *					ulps away, raw double bits, a scaled fraction or a
 *					decimal), each stored with ha_ind_set, which refuses
 *					values outside the field's range; the record must pass
 *					ha_ind_validate
 *
 * Whatever bytes follow choose values for the missing fields of a
 * completed copy of the record.
 *
 * Under every built-in rule version at that list year:
 *
 *	- ha_category equals ha_classify().category, and the category agrees
 *	  with the flags (parallelsamfund > udsat > forebyggelse > none, unknown
 *	  only when one of them is unknown);
 *	- what the record decides stays decided: the completed copy has the
 *	  same category when the record's is known, and the same value of every
 *	  flag that is known;
 *	- ha_margins writes one row for the size gate and one per check of each
 *	  category rule in force; the size row's met is size_ok; met is known
 *	  when the value and the threshold are (with one missing, only a
 *	  relative check may be decided, by the range of the missing input),
 *	  and then follows
 *	  the operator from an exact comparison (decimal for "times
 *	  national"); distance is finite, and its sign agrees with met: past
 *	  the threshold (> 0) means met, short of it (< 0) means not met, and
 *	  exactly at it (0, and only then) means met for ">=" only.
 *	  ha_margins rounds distance to 10 decimals for display, so a value
 *	  within 1e-10 of its threshold but not on it may show distance 0 with
 *	  either met: then only that closeness is checked.
 *
 * Build: see test/run-fuzz.sh.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_classify.h"
#include "ha_number.h"
#include "indicators.h"
#include "rulelang.h"
#include "rules.h"

#define HEADER_LEN	5
#define FIELD_LEN	9

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A little-endian 32-bit number from 4 bytes. */
static uint32_t
read_u32(const uint8_t *p)
{
	return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 |
		(uint32_t) p[3] << 24;
}

/* Build a record from struct-mode bytes; false when it is not valid. */
static bool
record_from_bytes(const uint8_t *p, size_t len, HaIndicators *ind,
				  size_t *used)
{
	HaError		err;
	uint8_t		mask;
	int			f;

	ha_ind_init(ind);
	*used = 0;
	if (len < 1)
		return false;
	mask = p[0];
	*used = 1;
	for (f = 0; f < HA_IND_NFIELDS; f++)
	{
		double		v;
		char		shown[HA_DOUBLE_BUFLEN];

		if (!(mask & (1u << f)))
			continue;
		if (*used + FIELD_LEN > len)
			break;
		v = field_value((HaIndField) f, p[*used], p + *used + 1);
		*used += FIELD_LEN;
		ha_format_double(v, shown);
		fuzz_clear_error(&err);
		if (!ha_ind_set(ind, (HaIndField) f, v, shown, &err))
			fuzz_check_error(&err, FUZZ_CODE(HA_ERR_RANGE) |
							 FUZZ_CODE(HA_ERR_SYNTAX), "ha_ind_set");
	}
	fuzz_clear_error(&err);
	return ha_ind_validate(ind, &err);
}

/* The built-in rule text, parsed on the first input. */
static HaRuleBook *
builtin(void)
{
	static HaRuleBook *book = NULL;
	HaError		err;

	if (book == NULL)
	{
		book = malloc(sizeof(HaRuleBook));
		FUZZ_CHECK(book != NULL, "malloc");
		FUZZ_CHECK(ha_rules_parse(ha_builtin_rules, ha_builtin_rules_len, book,
								  &err), ha_error_name(err.kind));
	}
	return book;
}

/* Classify a record under every version at one list year and check it all. */
static void
check_record(const HaIndicators *ind, int year, const uint8_t *rest,
			 size_t restlen)
{
	const HaRuleBook *book = builtin();
	HaIndicators full = completed(ind, rest, restlen);
	char		text[HA_IND_TEXT_BUFLEN + 32];
	char		fulltext[HA_IND_TEXT_BUFLEN + 32];
	int			v;

	describe(ind, year, text, sizeof(text));
	describe(&full, year, fulltext, sizeof(fulltext));
	for (v = 0; v < book->nsets; v++)
		check_set(ind, &full, year, &book->sets[v], text, fulltext);
}

/* libFuzzer entry point: header, then a record as text or as fields. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	HaIndicators ind;
	HaError		err;
	uint32_t	raw;
	int			year;

	if (size < HEADER_LEN)
		return 0;
	raw = read_u32(data + 1);
	if (data[0] & 2)
		memcpy(&year, &raw, sizeof(year));
	else
		year = 2005 + (int) (raw % 30);

	if (data[0] & 1)
	{
		size_t		used;

		if (record_from_bytes(data + HEADER_LEN, size - HEADER_LEN, &ind, &used))
			check_record(&ind, year, data + HEADER_LEN + used,
						 size - HEADER_LEN - used);
	}
	else
	{
		char	   *s = fuzz_cstring(data + HEADER_LEN, size - HEADER_LEN);
		size_t		textlen = strlen(s);

		fuzz_clear_error(&err);
		if (ha_ind_parse(s, &ind, &err))
		{
			/* bytes after an embedded NUL choose the completion */
			size_t		skip = textlen + 1 < size - HEADER_LEN ? textlen + 1
				: size - HEADER_LEN;

			check_record(&ind, year, data + HEADER_LEN + skip,
						 size - HEADER_LEN - skip);
		}
		free(s);
	}
	return 0;
}
