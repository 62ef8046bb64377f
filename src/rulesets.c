/*
 * rulesets.c
 *		User rule sets (create_rules): the checks of a definition, and the
 *		lookup of a rule set by name, built-in or from the table
 *		housing_areas.rule_set, with a per-backend cache of parsed
 *		definitions.
 *
 * A user rule set is read afresh, under the active snapshot, whenever a
 * call site names it under a snapshot that may see other rows than the one
 * it was read under (another transaction, command or completed
 * transaction: one indexed lookup); under the same snapshot the call site
 * uses its copy (fn_extra), as the table cannot look different.  The parse
 * is cached per backend, keyed by name and the definition's text, so a
 * definition that was dropped or replaced is never served: the text read
 * decides, not the cache.
 */
#include "housing_areas.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "core/rulelang.h"
#include "core/rules.h"

/* One parsed user rule set of the backend cache. */
typedef struct UserRuleSet
{
	struct UserRuleSet *next;
	char	   *text;			/* the definition, as stored */
	int			length;
	HaRuleSet	set;			/* its one version; spans point into text */
} UserRuleSet;

static MemoryContext user_context = NULL;
static UserRuleSet *user_sets = NULL;

/*
 * The definition of a user rule set as the current snapshot sees it, in
 * the caller's memory context; NULL when there is none by that name.
 */
static text *
read_definition(const char *name)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	text	   *result = NULL;
	int			ret;

	args[0] = CStringGetTextDatum(name);
	SPI_connect();
	ret = SPI_execute_with_args("SELECT r.definition FROM housing_areas.rule_set AS r"
								" WHERE r.name OPERATOR(pg_catalog.=) $1",
								1, argtypes, args, NULL, true, 1);
	if (ret != SPI_OK_SELECT)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not read rule set \"%s\": %s", name,
						SPI_result_code_string(ret))));
	if (SPI_processed == 1)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0],
									  SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
		{
			MemoryContext spi = MemoryContextSwitchTo(caller);

			result = DatumGetTextPCopy(d);
			MemoryContextSwitchTo(spi);
		}
	}
	SPI_finish();
	return result;
}

/* Line and column (from 1, in characters) of a byte offset in a text. */
static void
line_column(const char *s, int offset, int *line, int *column)
{
	int			i;

	*line = 1;
	*column = 1;
	for (i = 0; i < offset; i++)
	{
		if (s[i] == '\n')
		{
			(*line)++;
			*column = 1;
		}
		else if (((unsigned char) s[i] & 0xC0) != 0x80)
			(*column)++;
	}
}

/* Is this the name of a built-in rule version (or of the consequences)? */
static bool
builtin_name(const char *name)
{
	HaSpan		span;
	HaError		err;

	return ha_rules_block(ha_rule_book(), name, &span, &err);
}

/*
 * Parse a user rule set's definition and check that it can be one: a name
 * that is not a built-in one, one version with that name, no consequences.
 * Raises the error otherwise; the book's spans point into `s`.
 */
static void
parse_user_definition(const char *name, const char *s, int len,
					  HaRuleBook *book)
{
	HaError		err;
	int			line;
	int			column;

	if (builtin_name(name))
		ereport(ERROR,
				(errcode(ERRCODE_RESERVED_NAME),
				 errmsg("rule set name \"%s\" is reserved", name),
				 errdetail("\"%s\" is the name of a built-in block of the rule text.",
						   name),
				 errhint("Choose another name; the built-in names are %s.",
						 ha_version_list("consequences", "and"))));
	if (!ha_rules_parse(s, len, book, &err))
		ha_report(&err);
	if (book->nsets != 1)
	{
		line_column(s, book->sets[1].source.offset, &line, &column);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("a rule set definition must hold exactly one rule version"),
				 errdetail("It holds %d: a second version, \"%s\", starts at line %d.",
						   book->nsets, book->sets[1].id, line),
				 errhint("Create each version as a rule set of its own.")));
	}
	if (book->consequences_source.length > 0)
	{
		line_column(s, book->consequences_source.offset, &line, &column);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("a rule set definition cannot have a consequences block"),
				 errdetail("The consequences block starts at line %d.", line),
				 errhint("What the lists oblige is the law's, in rules('consequences'); a rule set says only which areas are on which list.")));
	}
	if (strcmp(book->sets[0].id, name) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rule set name \"%s\" does not match the name in its definition, \"%s\"",
						name, book->sets[0].id),
				 errhint("The name after \"rules\" in the definition must equal the name argument: write \"rules %s\".",
						 name)));
}

/*
 * A user rule set by name, parsed, as the current snapshot sees it; NULL
 * when there is none.  The parse comes from the backend cache when the
 * stored text is the one parsed before.
 */
static const UserRuleSet *
user_rule_set(const char *name)
{
	text	   *def = read_definition(name);
	const char *s;
	int			len;
	UserRuleSet **link;
	UserRuleSet *u;
	HaRuleBook *book;

	if (def == NULL)
		return NULL;
	s = VARDATA_ANY(def);
	len = VARSIZE_ANY_EXHDR(def);
	for (link = &user_sets; *link != NULL; link = &(*link)->next)
		if (strcmp((*link)->set.id, name) == 0)
			break;
	u = *link;
	if (u != NULL && u->length == len && memcmp(u->text, s, len) == 0)
		return u;

	/* new, or changed since it was cached: parse it (the table checked it) */
	book = palloc(sizeof(HaRuleBook));
	parse_user_definition(name, s, len, book);
	if (user_context == NULL)
		user_context = AllocSetContextCreate(TopMemoryContext,
											 "housing_areas rule sets",
											 ALLOCSET_SMALL_SIZES);
	if (u != NULL)
	{
		*link = u->next;
		pfree(u->text);
		pfree(u);
	}
	u = MemoryContextAllocZero(user_context, sizeof(UserRuleSet));
	u->text = MemoryContextAlloc(user_context, len + 1);
	memcpy(u->text, s, len);
	u->text[len] = '\0';
	u->length = len;
	u->set = book->sets[0];
	u->next = user_sets;
	user_sets = u;
	pfree(book);
	return u;
}

/* Raise the error of a rule set name that is neither built in nor created. */
static void
unknown_rule_set(const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown rule version \"%s\"", name),
			 errhint("Valid rule versions are %s, and the rule sets made with create_rules() (housing_areas.rule_set).",
					 ha_version_list(NULL, "and"))));
}

/*
 * What makes the rows a statement sees the same as another's: the
 * transaction, its command counter and the count of completed
 * transactions of the active MVCC snapshot (false: no such snapshot).
 */
static bool
snapshot_identity(HaSnapshotId *id)
{
	Snapshot	snap;

	if (!ActiveSnapshotSet())
		return false;
	snap = GetActiveSnapshot();
	if (snap == NULL || snap->snapshot_type != SNAPSHOT_MVCC)
		return false;
#if PG_VERSION_NUM >= 170000
	id->lxid = MyProc->vxid.lxid;
#else
	id->lxid = MyProc->lxid;
#endif
	id->curcid = snap->curcid;
	id->completions = snap->snapXactCompletionCount;
	return true;
}

/*
 * The rule version a name argument names: a built-in version, else a user
 * rule set, read again whenever the snapshot may see another definition;
 * or an error.
 */
const HaRuleSet *
ha_named_rules(FunctionCallInfo fcinfo, text *name_arg)
{
	HaCallCache *cc = ha_call_cache(fcinfo);
	char	   *name = text_to_cstring(name_arg);
	const HaRuleSet *rules;
	const UserRuleSet *u;
	HaSnapshotId now;
	bool		have_now;
	HaError		err;

	memset(&now, 0, sizeof(now));
	if (cc->rules != NULL && strcmp(cc->name, name) == 0)
	{
		if (cc->rules != cc->user)
			return cc->rules;	/* built in: fixed for the backend's life */
		have_now = snapshot_identity(&now);
		if (have_now && cc->snapshot_known &&
			memcmp(&now, &cc->snapshot, sizeof(now)) == 0)
			return cc->rules;
	}
	cc->rules = NULL;
	rules = ha_rules_by_id(ha_rule_book(), name, &err);
	if (rules == NULL)
	{
		if (strlen(name) >= HA_RULES_NAME_LEN ||
			(u = user_rule_set(name)) == NULL)
			unknown_rule_set(name);
		if (cc->user == NULL)
			cc->user = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
										  sizeof(HaRuleSet));
		*cc->user = u->set;
		rules = cc->user;
		memset(&cc->snapshot, 0, sizeof(cc->snapshot));
		cc->snapshot_known = snapshot_identity(&cc->snapshot);
	}
	strlcpy(cc->name, name, sizeof(cc->name));
	cc->rules = rules;
	return rules;
}

/*
 * The definition of a user rule set, as stored, as the current snapshot
 * sees it; NULL when there is none.
 */
text *
ha_user_rules_text(const char *name)
{
	if (strlen(name) >= HA_RULES_NAME_LEN)
		return NULL;
	return read_definition(name);
}

/*
 * Check that a definition can be the user rule set of that name (the
 * parse of parse_user_definition, thrown away), or raise the error.
 */
static void
check_definition(const char *name, text *def)
{
	HaRuleBook *book = palloc(sizeof(HaRuleBook));

	parse_user_definition(name, VARDATA_ANY(def), VARSIZE_ANY_EXHDR(def), book);
	pfree(book);
}

PG_FUNCTION_INFO_V1(ha_check_rule_set_sql);
/*
 * housing_areas_private.check_rule_set(name, definition): true when the
 * definition can be the user rule set of that name, else the error (the
 * CHECK of housing_areas.rule_set and the first step of create_rules).
 */
Datum
ha_check_rule_set_sql(PG_FUNCTION_ARGS)
{
	check_definition(text_to_cstring(PG_GETARG_TEXT_PP(0)), PG_GETARG_TEXT_PP(1));
	PG_RETURN_BOOL(true);
}

/* Run one statement on rule_set with two text arguments; rows it touched. */
static uint64
write_rule_set(const char *sql, int nargs, text *a, text *b)
{
	Oid			argtypes[2] = {TEXTOID, TEXTOID};
	Datum		args[2];
	uint64		n;
	int			ret;

	args[0] = PointerGetDatum(a);
	args[1] = PointerGetDatum(b);
	SPI_connect();
	ret = SPI_execute_with_args(sql, nargs, argtypes, args, NULL, false, 0);
	if (ret < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not write rule_set: %s",
						SPI_result_code_string(ret))));
	n = SPI_processed;
	SPI_finish();
	return n;
}

PG_FUNCTION_INFO_V1(ha_create_rules_sql);
/*
 * create_rules(name, definition): check the definition, refuse a name in
 * use, and add the row (whose CHECK repeats the checks for any writer).
 */
Datum
ha_create_rules_sql(PG_FUNCTION_ARGS)
{
	text	   *name_arg = PG_GETARG_TEXT_PP(0);
	text	   *def = PG_GETARG_TEXT_PP(1);
	char	   *name = text_to_cstring(name_arg);

	check_definition(name, def);
	if (read_definition(name) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("rule set \"%s\" already exists", name),
				 errhint("Drop it first with drop_rules('%s'), or choose another name.",
						 name)));
	write_rule_set("INSERT INTO housing_areas.rule_set (name, definition)"
				   " VALUES ($1, $2)", 2, name_arg, def);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(ha_drop_rules_sql);
/* drop_rules(name): remove a user rule set; the built-in ones stay. */
Datum
ha_drop_rules_sql(PG_FUNCTION_ARGS)
{
	text	   *name_arg = PG_GETARG_TEXT_PP(0);
	char	   *name = text_to_cstring(name_arg);

	if (builtin_name(name))
		ereport(ERROR,
				(errcode(ERRCODE_RESERVED_NAME),
				 errmsg("rule version \"%s\" is built in and cannot be dropped",
						name),
				 errhint("Only rule sets made with create_rules() can be dropped.")));
	if (write_rule_set("DELETE FROM housing_areas.rule_set AS r"
					   " WHERE r.name OPERATOR(pg_catalog.=) $1",
					   1, name_arg, NULL) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("rule set \"%s\" does not exist", name),
				 errhint("The user rule sets are the rows of housing_areas.rule_set.")));
	PG_RETURN_VOID();
}
