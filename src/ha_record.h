/*
 * ha_record.h
 *		Glue shared by the SQL types whose values are fixed-length records
 *		of src/core (indicators, tally): returning a record that a core
 *		function made and checked, and reading a key argument.
 */
#ifndef HA_RECORD_H
#define HA_RECORD_H

#include "housing_areas.h"

#include "utils/builtins.h"

/* A palloc'd copy of a record of size bytes, for returning. */
static inline void *
ha_record_copy(const void *rec, size_t size)
{
	return memcpy(palloc(size), rec, size);
}

/*
 * The result of a function that returns a record: a copy of rec when the
 * core function that made or checked it succeeded (ok), else its error
 * raised.
 */
static inline Datum
ha_record_result(bool ok, const HaError *err, const void *rec, size_t size)
{
	if (!ok)
		ha_report(err);
	return PointerGetDatum(ha_record_copy(rec, size));
}

/*
 * The field index of a key given as text, or an error "unknown <noun> key"
 * that lists the valid keys of form.
 */
static inline int
ha_record_key(const HaKvForm *form, text *key, const char *noun)
{
	char	   *k = text_to_cstring(key);
	int			f = ha_kv_lookup(form, k, strlen(k));

	if (f < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown %s key \"%s\"", noun, k),
				 errhint_valid_keys(form)));
	return f;
}

#endif							/* HA_RECORD_H */
