/*
 * fuzz_indicators.c
 *		libFuzzer target: the text form and the binary layout of indicators.
 *
 * Every input is used twice:
 *
 *	- as text (a NUL-terminated copy): ha_ind_parse either fails with an
 *	  error class of text input (syntax, range, limit) in a complete
 *	  report, or
 *	  gives a record that passes ha_ind_validate, formats completely, parses
 *	  back to an equal record and formats again to the identical text;
 *
 *	- its first sizeof(HaIndicators) bytes, when there are that many, as a
 *	  raw record, as it could arrive from disk or through indicators_recv:
 *	  ha_ind_validate either refuses it with a complete error report,
 *	  or the record has the same text round trip, so no byte pattern that
 *	  validation lets through can fail to come back from its own text;
 *
 *	- its first HA_IND_SIZE bytes, when there are that many, as a stored
 *	  image (layout version 1 or 2): ha_ind_read_image either refuses it
 *	  with a complete binary error, or gives a record that, when it also
 *	  passes ha_ind_validate, writes back to the identical bytes (the image
 *	  is canonical, so equal values hash alike) and has the text round trip.
 *
 * Build: see test/run-fuzz.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "ha_number.h"
#include "indicators.h"

#define FUZZ_RECORD HaIndicators
#define FUZZ_PREFIX ha_ind
#define FUZZ_NAME ind
#define FUZZ_TEXT_BUFLEN HA_IND_TEXT_BUFLEN
#include "fuzz_record.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Check that a record passes validation and survives text and back, and
 * that its JSON form fits its buffer.
 */
static void
check_round_trip(const HaIndicators *ind)
{
	char		json[HA_IND_TEXT_BUFLEN];

	check_ind_round_trip(ind);
	FUZZ_CHECK(ha_ind_format_json(ind, json, sizeof(json)) < sizeof(json), json);
}

/* Validate raw bytes as a record and check the outcome. */
static void
check_binary(const uint8_t *bytes)
{
	HaIndicators raw;
	HaError		err;

	memcpy(&raw, bytes, sizeof(raw));
	fuzz_clear_error(&err);
	if (ha_ind_validate(&raw, &err))
		check_round_trip(&raw);
	else
		fuzz_check_error(&err,
						 FUZZ_CODE(HA_ERR_BINARY) | FUZZ_CODE(HA_ERR_RANGE) |
						 FUZZ_CODE(HA_ERR_SYNTAX) | FUZZ_CODE(HA_ERR_PARAM),
						 "ha_ind_validate");
}

/* Read raw bytes as a stored image and check the outcome. */
static void
check_image(const uint8_t *bytes)
{
	HaIndicators ind;
	HaError		err;
	unsigned char again[HA_IND_SIZE];

	fuzz_clear_error(&err);
	if (!ha_ind_read_image(bytes, &ind, &err))
	{
		fuzz_check_error(&err, FUZZ_CODE(HA_ERR_BINARY), "ha_ind_read_image");
		return;
	}
	fuzz_clear_error(&err);
	if (!ha_ind_validate(&ind, &err))
		return;
	ha_ind_write_image(&ind, again);
	FUZZ_CHECK(memcmp(again, bytes, HA_IND_SIZE) == 0, "image not canonical");
	check_round_trip(&ind);
}

/* libFuzzer entry point: the input as text, and its head as a raw record. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fuzz_cstring(data, size);

	check_ind_text(s);
	free(s);
	if (size >= sizeof(HaIndicators))
		check_binary(data);
	if (size >= HA_IND_SIZE)
		check_image(data);
	return 0;
}
