/*
 * housing_areas.h
 *		Shared declarations of the PostgreSQL glue.
 */
#ifndef HOUSING_AREAS_H
#define HOUSING_AREAS_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"

#include "core/ha_error.h"
#include "core/ha_kv.h"
#include "access/tupdesc.h"
#include "core/indicators.h"
#include "core/rules.h"
#include "core/tally.h"

/*
 * Raise a core error as a PostgreSQL ERROR; never returns.  PostgreSQL 18
 * replaced the pg_attribute_noreturn() suffix with the pg_noreturn prefix.
 */
#if PG_VERSION_NUM >= 180000
pg_noreturn extern void ha_report(const HaError *err);
#else
extern void ha_report(const HaError *err) pg_attribute_noreturn();
#endif

/* The built-in rule text, parsed on first use in a backend (never NULL). */
extern const HaRuleBook *ha_rule_book(void);
extern char *ha_version_list(const char *more, const char *conjunction);

/*
 * What a call site of a rule function keeps for one execution of its query
 * (fn_extra): the blessed result row type, and the rule version it named
 * last, a user rule set's copied in (src/rulesets.c).
 */
typedef struct HaSnapshotId
{
	uint32		lxid;			/* the local transaction */
	uint32		curcid;			/* its command */
	uint64		completions;	/* transactions completed before it */
} HaSnapshotId;

typedef struct HaCallCache
{
	void	   *extra;			/* the function's own cache (classify.c) */
	char		name[HA_RULES_NAME_LEN];
	const HaRuleSet *rules;		/* NULL: none named yet */
	HaRuleSet  *user;			/* a user rule set's copy, made on first use */
	bool		snapshot_known; /* user read under this snapshot: */
	HaSnapshotId snapshot;
} HaCallCache;

/*
 * The per-call-site cache of a function (fn_extra), created on first use.
 * Inline: classify() reads it once per row.
 */
static inline HaCallCache *
ha_call_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(HaCallCache));
	return (HaCallCache *) fcinfo->flinfo->fn_extra;
}

extern const HaRuleSet *ha_named_rules(FunctionCallInfo fcinfo, text *name);
extern text *ha_user_rules_text(const char *name);

extern int	errhint_valid_keys(const HaKvForm *form);
extern char *ha_range_sentence(const HaFieldSpec *field);
extern void ha_check_binary_length(StringInfo buf, const HaKvForm *form,
								   int len);
extern void ha_send_fields(StringInfo buf, const HaKvForm *form,
						   const void *rec);
extern void ha_recv_fields(StringInfo buf, const HaKvForm *form, void *rec);

/*
 * Unpack an indicators datum (a 56-byte image of layout version 1 or 2,
 * src/core/indicators.h) into *out; a corrupt image is an error.  No
 * allocation: the classifier calls it for every row.
 */
static inline void
ha_indicators_datum(Datum d, HaIndicators *out)
{
	HaError		err;

	if (unlikely(!ha_ind_read_image(DatumGetPointer(d), out, &err)))
		ha_report(&err);
}

/* Unpack indicators argument n into *out. */
#define PG_GETARG_INDICATORS(n, out) ha_indicators_datum(PG_GETARG_DATUM(n), (out))

/* An indicators datum holding the canonical image of a valid record. */
static inline Datum
ha_indicators_result(const HaIndicators *ind)
{
	void	   *image = palloc(HA_IND_SIZE);

	ha_ind_write_image(ind, image);
	return PointerGetDatum(image);
}

/*
 * Return a tally (fixed length, passed by reference).  Tally arguments are
 * read through tally_arg in src/tally.c, which converts layout version 1.
 */
#define PG_RETURN_TALLY_P(x) PG_RETURN_POINTER(x)
extern void ha_tally_arg_copy(FunctionCallInfo fcinfo, int n,
							  struct HaTally *out);

#endif							/* HOUSING_AREAS_H */
