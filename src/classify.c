/*
 * classify.c
 *		SQL glue of the rule engine: classify, category, rules_for_year,
 *		thresholds, margins, list_distance, cheapest_change, rules,
 *		consequence(s), category_label, years_on_list, omdannelse and the
 *		40 % rule functions.
 *
 * The rules are the built-in rule text (src/core/builtin.rules), parsed
 * once per backend by ha_rule_book(), and the user rule sets, which
 * ha_named_rules() (src/rulesets.c) finds by name; their evaluation lives in
 * src/core/rules.c and src/core/history.c.  This file only converts
 * arguments and results.
 */
#include "housing_areas.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"

#include "core/distance.h"
#include "core/history.h"
#include "core/rulelang.h"
#include "core/rules.h"

/* Raise err when a core call failed. */
#define CHECK_CORE(ok, err) do { if (!(ok)) ha_report(&(err)); } while (0)

/*
 * The C function a released script names for the form with a rules
 * argument, served now by the function of every form (call_rules).
 */
#define RELEASED_RULES_FORM(name, function) \
	PG_FUNCTION_INFO_V1(name); \
	Datum \
	name(PG_FUNCTION_ARGS) \
	{ \
		return function(fcinfo); \
	}

/* The rule version of a list year, or an error for years before 2010. */
static const HaRuleSet *
rules_for_year_or_error(int32 list_year)
{
	HaError		err;
	const HaRuleSet *rules = ha_rules_for_year(ha_rule_book(), list_year, &err);

	CHECK_CORE(rules != NULL, err);
	return rules;
}

/*
 * The version a rules argument names (built in or a user rule set), then
 * the error of a list year before the first version's years.
 */
static const HaRuleSet *
chosen_rules(FunctionCallInfo fcinfo, int rules_arg, int32 list_year)
{
	const HaRuleSet *rules = ha_named_rules(fcinfo, PG_GETARG_TEXT_PP(rules_arg));
	HaError		err;

	CHECK_CORE(ha_check_list_year(ha_rule_book(), list_year, &err), err);
	return rules;
}

/*
 * The rule version of a call with the list year as argument 1: the one its
 * argument 2 names in the form that has it, else the year's.
 */
static const HaRuleSet *
call_rules(FunctionCallInfo fcinfo, int32 list_year)
{
	if (PG_NARGS() > 2)
		return chosen_rules(fcinfo, 2, list_year);
	return rules_for_year_or_error(list_year);
}

/* The arguments of a call on a record and a list year [and rules]. */
typedef struct RecordCall
{
	HaIndicators ind;
	int32		list_year;
	const HaRuleSet *rules;		/* call_rules */
} RecordCall;

/* Read a record (argument 0), a list year (1) and the rules they go by. */
static void
record_call(FunctionCallInfo fcinfo, RecordCall *call)
{
	call->list_year = PG_GETARG_INT32(1);
	call->rules = call_rules(fcinfo, call->list_year);
	PG_GETARG_INDICATORS(0, &call->ind);
}

/* A truth value as a nullable SQL boolean. */
static void
set_tri(HaTri t, Datum *value, bool *isnull)
{
	*isnull = (t == HA_UNKNOWN);
	*value = BoolGetDatum(t == HA_TRUE);
}

PG_FUNCTION_INFO_V1(ha_rules_for_year_sql);
/* rules_for_year(list_year): the id of the rule version in force. */
Datum
ha_rules_for_year_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(rules_for_year_or_error(PG_GETARG_INT32(0))->id));
}

/*
 * The labels of the enum housing_areas.category, as OIDs indexed by
 * HaCategory (none to unknown; kombineret_udlejning is a list flag, not a
 * category).  Looked up once per backend, again only when a function is
 * declared with another enum type (the extension dropped and created anew).
 */
typedef struct CategoryEnum
{
	Oid			typid;
	Oid			labels[HA_CAT_UNKNOWN + 1];
} CategoryEnum;

static CategoryEnum category_enum;

/*
 * The label OIDs of the enum type typid.  Every category name of the rule
 * engine must be one of its labels: the enum is the one list of category
 * names SQL sees, and a mismatch is an error, never a wrong label.
 */
static const CategoryEnum *
category_labels(Oid typid)
{
	int			c;

	if (category_enum.typid == typid)
		return &category_enum;
	category_enum.typid = InvalidOid;
	for (c = HA_CAT_NONE; c <= HA_CAT_UNKNOWN; c++)
	{
		const char *name = ha_category_name((HaCategory) c);
		Oid			label = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
											ObjectIdGetDatum(typid),
											CStringGetDatum(name));

		if (!OidIsValid(label))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("enum type %s has no label \"%s\"",
							format_type_be(typid), name),
					 errhint("Run ALTER EXTENSION housing_areas UPDATE.")));
		category_enum.labels[c] = label;
	}
	category_enum.typid = typid;
	return &category_enum;
}

/*
 * How a function returns a category, from the type it is declared with:
 * the enum category, or text where an older version of the extension's SQL
 * (0.2.0 and before, declared text) calls this library; NULL for text.
 */
static const CategoryEnum *
category_labels_for_type(Oid typid)
{
	if (typid == TEXTOID)
		return NULL;
	if (get_typtype(typid) != TYPTYPE_ENUM)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("a category cannot be returned as type %s",
						format_type_be(typid))));
	return category_labels(typid);
}

/* A category as a datum of the enum category, or as text when e is NULL. */
static inline Datum
category_datum(const CategoryEnum *e, HaCategory c)
{
	Assert(c >= HA_CAT_NONE && c <= HA_CAT_UNKNOWN);
	if (e == NULL)
		return CStringGetTextDatum(ha_category_name(c));
	return ObjectIdGetDatum(e->labels[c]);
}

/* The criterion flags at the end of a classification, menapt last. */
static const HaCriterion classification_flags[] = {
	HA_CRIT_LABOUR, HA_CRIT_CONVICTIONS, HA_CRIT_EDUCATION,
	HA_CRIT_INCOME, HA_CRIT_NONWESTERN, HA_CRIT_MENAPT
};

/*
 * The attributes of classification, as classification_datum fills them:
 * list_year, rules, category, the five list flags, criteria_met,
 * criteria_unknown, size_ok, then one flag per criterion.  0.2.0's type,
 * still in place until ALTER EXTENSION UPDATE, lacks the last (menapt).
 */
#define CLASSIFICATION_FIRST_FLAG 11
#define CLASSIFICATION_NATTS ((int) (CLASSIFICATION_FIRST_FLAG + lengthof(classification_flags)))
#define CLASSIFICATION_NATTS_0_2 (CLASSIFICATION_NATTS - 1)

/*
 * Room for a classification tuple: header and null bitmap, then data.  The
 * bitmap's length is written out: BITMAPLEN is an inline function from
 * PostgreSQL 18 on, not a constant expression.
 */
#define CLASSIFICATION_MAX_BYTES \
	(MAXALIGN(offsetof(HeapTupleHeaderData, t_bits) + (CLASSIFICATION_NATTS + 7) / 8) + \
	 HA_RULES_NAME_LEN + CLASSIFICATION_NATTS * (4 + ALIGNOF_INT))

/*
 * The bytes classification_datum copies at a constant size (no call): a
 * usual classification with a rule id of up to HA_RULES_NAME_LEN - 1
 * bytes and a null bitmap fits them.
 */
#define CLASSIFICATION_COPY_BYTES 96

/*
 * A classification of one rule version, all else zero, as heap_form_tuple
 * lays it out: a row whose NULLs are the template's is this copied, then
 * each value written at its offset.  The template has no NULL but the
 * menapt flag of a version that never tests menapt (every built-in one),
 * which is NULL in each of its rows.  Its rule id is also the text datum
 * of the version's id (a short varlena inside bytes).
 */
typedef struct ClassifyTemplate
{
	const HaRuleSet *rules;
	char		id[HA_RULES_NAME_LEN];
	bool		fast;			/* the layout classification_datum writes */
	bool		menapt_null;	/* menapt NULL (the version never tests it) */
	bool		menapt_value;	/* menapt a value (not NULL, not 0.2.0's type) */
	uint16		len;			/* of the tuple, header included */
	uint16		hoff;			/* offset of the data */
	uint16		off[CLASSIFICATION_NATTS];	/* of each attribute in the data */
	union
	{
		char		bytes[CLASSIFICATION_MAX_BYTES];
		double		align;		/* a tuple header is MAXALIGNed */
	}			tuple;
} ClassifyTemplate;

/*
 * What a function returning a classification keeps in its call site's
 * cache (HaCallCache.extra, fn_extra holding the rule set named): the
 * blessed tuple descriptor, the label OIDs, a template per rule version
 * (at most the built-in ones and the call site's user rule set) and the
 * tuple header, so that a scan over millions of rows builds none of them
 * per row.
 */
typedef struct ClassifyCache
{
	TupleDesc	tupdesc;
	const CategoryEnum *categories;
	ClassifyTemplate templates[HA_MAX_RULE_SETS + 1];
	int			ntemplates;
	/* the header heap_form_tuple writes, from a tuple without nulls */
	char		header[offsetof(HeapTupleHeaderData, t_bits)];
	int16		attlen[CLASSIFICATION_NATTS];	/* of each attribute */
	char		attalign[CLASSIFICATION_NATTS];
	char		attstorage[CLASSIFICATION_NATTS];
	int			natts;			/* CLASSIFICATION_NATTS or _0_2 */
	Size		fixed_bound;	/* room for every by-value attribute */
	bool		usual_layout;	/* the layout classification_datum writes */
} ClassifyCache;

/*
 * A short string as a text datum with a 1-byte header, the form a tuple
 * stores it in, so form_classification copies it as it is.
 */
static Datum
short_text(const char *str)
{
	size_t		len = strlen(str);
	char	   *v;

	if (len > VARATT_SHORT_MAX - VARHDRSZ_SHORT)
		return CStringGetTextDatum(str);
	v = palloc(VARHDRSZ_SHORT + len);
	SET_VARSIZE_SHORT(v, VARHDRSZ_SHORT + len);
	memcpy(v + VARHDRSZ_SHORT, str, len);
	return PointerGetDatum(v);
}

/*
 * The length of attribute i in the layout classification_datum writes:
 * int4 list_year, text rules, the enum category (4 bytes), the five list
 * flags, two int4 counts, then booleans.
 */
static int16
usual_attlen(int i)
{
	static const int16 head[CLASSIFICATION_FIRST_FLAG] = {
		4, -1, 4, 1, 1, 1, 1, 1, 4, 4, 1
	};

	return i < CLASSIFICATION_FIRST_FLAG ? head[i] : 1;
}

/*
 * Keep the header heap_form_tuple writes for a classification without
 * nulls: type, natts and whatever else this server version puts there.
 * form_classification copies it and sets only the length, the null flag
 * and the data offset, which depend on the row.
 */
static void
classification_header(ClassifyCache *cache)
{
	TupleDesc	tupdesc = cache->tupdesc;
	Datum		values[CLASSIFICATION_NATTS];
	bool		nulls[CLASSIFICATION_NATTS];
	HeapTuple	tuple;
	int			i;

	if (tupdesc->natts != CLASSIFICATION_NATTS &&
		tupdesc->natts != CLASSIFICATION_NATTS_0_2)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type classification has %d attributes, expected %d",
						tupdesc->natts, (int) CLASSIFICATION_NATTS),
				 errhint("Run ALTER EXTENSION housing_areas UPDATE.")));
	cache->natts = tupdesc->natts;
	cache->fixed_bound = 0;
	cache->usual_layout = cache->categories != NULL;
	for (i = 0; i < cache->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);

		nulls[i] = false;
		cache->attlen[i] = att->attlen;
		cache->attalign[i] = att->attalign;
		cache->attstorage[i] = att->attstorage;
		if (att->attbyval)
			cache->fixed_bound += att->attlen + MAXIMUM_ALIGNOF;
		if (att->attlen != usual_attlen(i))
			cache->usual_layout = false;
		/* bool, int4 and oid (the enum) by value, text by reference */
		if (att->attbyval && att->attlen == 1 && att->attalign == TYPALIGN_CHAR)
			values[i] = (Datum) 0;
		else if (att->attbyval && att->attlen == 4 && att->attalign == TYPALIGN_INT)
			values[i] = (Datum) 0;
		else if (!att->attbyval && att->attlen == -1)
			values[i] = short_text("");
		else
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("attribute \"%s\" of type classification has an unexpected type",
							NameStr(att->attname))));
	}
	tuple = heap_form_tuple(tupdesc, values, nulls);
	memcpy(cache->header, tuple->t_data, sizeof(cache->header));
	heap_freetuple(tuple);
}

/* The cache of a function returning a classification, made on its first call. */
static ClassifyCache *
classify_cache(FunctionCallInfo fcinfo, HaCallCache *cc)
{
	ClassifyCache *cache = (ClassifyCache *) cc->extra;

	if (cache == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	td;

		if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning a classification called in a context that cannot accept it")));
		cache = palloc0(sizeof(ClassifyCache));
		cache->tupdesc = BlessTupleDesc(CreateTupleDescCopy(td));
		cache->categories = category_labels_for_type(TupleDescAttr(cache->tupdesc, 2)->atttypid);
		classification_header(cache);
		cc->extra = cache;
		MemoryContextSwitchTo(old);
	}
	return cache;
}

/*
 * Make the template of a rule version in t: heap_form_tuple's bytes for a
 * row of zeros with this rule id (and menapt NULL where the version never
 * tests it), and the offset of each attribute found as heap_fill_tuple
 * places them (a short varlena unaligned, the rest at their alignment, a
 * NULL nowhere).
 */
static void
make_template(const ClassifyCache *cache, ClassifyTemplate *t,
			  const HaRuleSet *rules)
{
	Datum		values[CLASSIFICATION_NATTS];
	bool		nulls[CLASSIFICATION_NATTS];
	HeapTuple	tuple;
	Size		off = 0;
	int			i;

	memset(t, 0, sizeof(*t));
	t->rules = rules;
	strlcpy(t->id, rules->id, sizeof(t->id));
	memset(nulls, 0, sizeof(nulls));
	for (i = 0; i < cache->natts; i++)
		values[i] = cache->attlen[i] == -1 ? short_text(i == 1 ? rules->id : "")
			: (Datum) 0;
	/* the flag_defined of evaluate(): false in every year */
	t->menapt_null = cache->natts == CLASSIFICATION_NATTS &&
		rules->flag_from[HA_CRIT_MENAPT] == INT_MAX;
	nulls[CLASSIFICATION_NATTS - 1] = t->menapt_null;
	t->menapt_value = cache->natts == CLASSIFICATION_NATTS && !t->menapt_null;
	tuple = heap_form_tuple(cache->tupdesc, values, nulls);
	if (tuple->t_len > sizeof(t->tuple.bytes))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a classification of rule version \"%s\" does not fit %d bytes",
						rules->id, (int) sizeof(t->tuple.bytes))));
	memcpy(t->tuple.bytes, tuple->t_data, tuple->t_len);
	t->len = tuple->t_len;
	t->hoff = tuple->t_data->t_hoff;
	for (i = 0; i < cache->natts; i++)
	{
		if (nulls[i])
			t->off[i] = 0;
		else if (cache->attlen[i] == -1)
		{
			/* short_text gave a short varlena: stored as it is */
			Assert(VARATT_IS_SHORT(DatumGetPointer(values[i])));
			t->off[i] = off;
			off += VARSIZE_SHORT(DatumGetPointer(values[i]));
		}
		else
		{
			off = att_align_nominal(off, cache->attalign[i]);
			t->off[i] = off;
			off += cache->attlen[i];
		}
	}
	if (t->hoff + off != t->len)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type classification has an unexpected layout"),
				 errhint("Run ALTER EXTENSION housing_areas UPDATE.")));
	t->fast = cache->usual_layout && VARATT_IS_SHORT(DatumGetPointer(values[1]));
	heap_freetuple(tuple);
}

/*
 * The template of a rule version, made once per function call site; a
 * user rule set's copy is one buffer that ha_named_rules refills, so its
 * template is made again when its id changes.
 */
static const ClassifyTemplate *
classification_template(HaCallCache *cc, ClassifyCache *cache,
						const HaRuleSet *rules)
{
	ClassifyTemplate *t;
	int			i;

	for (i = 0; i < cache->ntemplates; i++)
	{
		t = &cache->templates[i];
		if (t->rules == rules)
		{
			if (rules == cc->user && strcmp(t->id, rules->id) != 0)
				make_template(cache, t, rules);
			return t;
		}
	}
	/* never full (the built-in versions and one user set); else reuse the last */
	if (cache->ntemplates < (int) lengthof(cache->templates))
		cache->ntemplates++;
	t = &cache->templates[cache->ntemplates - 1];
	make_template(cache, t, rules);
	return t;
}

/* The rule id of a version as a text datum: inside its template. */
static Datum
rules_id_datum(HaCallCache *cc, ClassifyCache *cache, const HaRuleSet *rules)
{
	const ClassifyTemplate *t = classification_template(cc, cache, rules);

	return PointerGetDatum(t->tuple.bytes + t->hoff + t->off[1]);
}

/*
 * heap_form_tuple for a classification, in one pass: every attribute is
 * passed by value except the rule id, a short varlena (and 0.2.0's text
 * category), so the data fits a bound known in advance and needs no sizing
 * pass; the layout (alignment, null bitmap, header, 1-byte varlena
 * headers) is heap_form_tuple's, so any reader of the tuple sees the same
 * bytes.  About a fifth of a classify() call otherwise.
 */
static Datum
form_classification(const ClassifyCache *cache, const Datum *values,
					const bool *nulls)
{
	bool		hasnull = false;
	Size		hoff;
	Size		bound = cache->fixed_bound;
	Size		off = 0;
	HeapTuple	tuple;
	HeapTupleHeader td;
	char	   *data;
	int			i;

	for (i = 0; i < cache->natts; i++)
	{
		hasnull |= nulls[i];
		if (cache->attlen[i] == -1 && !nulls[i])
			bound += VARSIZE_ANY(DatumGetPointer(values[i])) + MAXIMUM_ALIGNOF;
	}
	hoff = offsetof(HeapTupleHeaderData, t_bits);
	if (hasnull)
		hoff += BITMAPLEN(cache->natts);
	hoff = MAXALIGN(hoff);

	tuple = (HeapTuple) palloc0(HEAPTUPLESIZE + hoff + bound);
	td = (HeapTupleHeader) ((char *) tuple + HEAPTUPLESIZE);
	data = (char *) td + hoff;
	memcpy(td, cache->header, sizeof(cache->header));
	if (hasnull)
		td->t_infomask |= HEAP_HASNULL;
	for (i = 0; i < cache->natts; i++)
	{
		if (nulls[i])
			continue;
		if (hasnull)
			td->t_bits[i >> 3] |= 1 << (i & 7);
		switch (cache->attlen[i])
		{
			case 1:
				*(char *) (data + off) = DatumGetChar(values[i]);
				off += 1;
				break;
			case 4:
				off = TYPEALIGN(ALIGNOF_INT, off);
				*(int32 *) (data + off) = DatumGetInt32(values[i]);
				off += 4;
				break;
			default:
				{
					Pointer		val = DatumGetPointer(values[i]);

					Assert(cache->attlen[i] == -1);
					if (VARATT_IS_SHORT(val))
					{
						memcpy(data + off, val, VARSIZE_SHORT(val));
						off += VARSIZE_SHORT(val);
					}
					else if (cache->attstorage[i] != TYPSTORAGE_PLAIN &&
							 VARATT_CAN_MAKE_SHORT(val))
					{
						/* as heap_fill_tuple: a 1-byte header where it fits */
						Size		len = VARATT_CONVERTED_SHORT_SIZE(val);

						SET_VARSIZE_SHORT(data + off, len);
						memcpy(data + off + VARHDRSZ_SHORT, VARDATA(val), len - VARHDRSZ_SHORT);
						off += len;
					}
					else
					{
						Assert(!VARATT_IS_EXTERNAL(val) && !VARATT_IS_COMPRESSED(val));
						off = att_align_nominal(off, cache->attalign[i]);
						memcpy(data + off, val, VARSIZE(val));
						off += VARSIZE(val);
					}
				}
				break;
		}
	}
	Assert(off <= bound);

	tuple->t_len = hoff + off;
	ItemPointerSetInvalid(&(tuple->t_self));
	tuple->t_tableOid = InvalidOid;
	tuple->t_data = td;
	HeapTupleHeaderSetDatumLength(td, hoff + off);
	td->t_hoff = hoff;
#ifdef USE_ASSERT_CHECKING
	{
		/* the same bytes as heap_form_tuple */
		HeapTuple	check = heap_form_tuple(cache->tupdesc, (Datum *) values,
											(bool *) nulls);

		Assert(check->t_len == tuple->t_len);
		Assert(memcmp(check->t_data, tuple->t_data, tuple->t_len) == 0);
		heap_freetuple(check);
	}
#endif
	return HeapTupleGetDatum(tuple);
}

/* Write a truth value as a boolean; true when it is unknown (a NULL). */
static inline bool
put_tri(char *p, HaTri t)
{
	*p = t == HA_TRUE;
	return t == HA_UNKNOWN;
}

/*
 * The classification composite through form_classification, from arrays of
 * values and nulls: any layout, any NULL attribute.
 */
static Datum
classification_by_values(HaCallCache *cc, ClassifyCache *cache,
						 const HaClassification *c)
{
	Datum		values[CLASSIFICATION_NATTS];
	bool		nulls[CLASSIFICATION_NATTS];
	int			i = 0;
	int			k;

	memset(nulls, 0, sizeof(nulls));
	values[i++] = Int32GetDatum(c->list_year);
	values[i++] = rules_id_datum(cc, cache, c->rules);
	values[i++] = category_datum(cache->categories, c->category);
	set_tri(c->udsat, &values[i], &nulls[i]);
	i++;
	set_tri(c->parallelsamfund, &values[i], &nulls[i]);
	i++;
	set_tri(c->forebyggelse, &values[i], &nulls[i]);
	i++;
	set_tri(c->forebyggelse_raw, &values[i], &nulls[i]);
	i++;
	set_tri(c->kombineret, &values[i], &nulls[i]);
	i++;
	values[i++] = Int32GetDatum(c->criteria_met);
	values[i++] = Int32GetDatum(c->criteria_unknown);
	set_tri(c->size_ok, &values[i], &nulls[i]);
	i++;
	for (k = 0; k < cache->natts - CLASSIFICATION_FIRST_FLAG; k++, i++)
	{
		if (c->flag_defined[classification_flags[k]])
			set_tri(c->flag[classification_flags[k]], &values[i], &nulls[i]);
		else
			nulls[i] = true;
	}
	Assert(i == cache->tupdesc->natts);
	return form_classification(cache, values, nulls);
}

/*
 * Build the classification composite: the common case (the usual layout,
 * no NULL attribute but the menapt of a version that never tests it) as a
 * copy of its rule version's template with each value written at its
 * offset, the NULLs found on the way; any other through
 * classification_by_values.
 */
static Datum
classification_datum(FunctionCallInfo fcinfo, const HaClassification *c)
{
	HaCallCache *cc = ha_call_cache(fcinfo);
	ClassifyCache *cache = classify_cache(fcinfo, cc);
	const ClassifyTemplate *t = classification_template(cc, cache, c->rules);
	HeapTupleHeader td;
	char	   *data;
	bool		unknown;
	int			k;

	Assert(c->category >= HA_CAT_NONE && c->category <= HA_CAT_UNKNOWN);
	if (!t->fast)
		return classification_by_values(cc, cache, c);
	/* a copy of constant size (no call) where the tuple fits */
	StaticAssertStmt(sizeof(t->tuple.bytes) >= CLASSIFICATION_COPY_BYTES,
					 "template smaller than its copy");
	if (t->len <= CLASSIFICATION_COPY_BYTES)
	{
		td = (HeapTupleHeader) palloc(CLASSIFICATION_COPY_BYTES);
		memcpy(td, t->tuple.bytes, CLASSIFICATION_COPY_BYTES);
	}
	else
	{
		td = (HeapTupleHeader) palloc(t->len);
		memcpy(td, t->tuple.bytes, t->len);
	}
	data = (char *) td + t->hoff;
	*(int32 *) (data + t->off[0]) = c->list_year;
	*(Oid *) (data + t->off[2]) = cache->categories->labels[c->category];
	unknown = put_tri(data + t->off[3], c->udsat) |
		put_tri(data + t->off[4], c->parallelsamfund) |
		put_tri(data + t->off[5], c->forebyggelse) |
		put_tri(data + t->off[6], c->forebyggelse_raw) |
		put_tri(data + t->off[7], c->kombineret);
	*(int32 *) (data + t->off[8]) = c->criteria_met;
	*(int32 *) (data + t->off[9]) = c->criteria_unknown;
	unknown |= put_tri(data + t->off[10], c->size_ok);
	for (k = 0; k < (int) lengthof(classification_flags) - 1; k++)
		unknown |= put_tri(data + t->off[CLASSIFICATION_FIRST_FLAG + k],
						   c->flag[classification_flags[k]]) |
			!c->flag_defined[classification_flags[k]];
	/* menapt: a value where the template holds one, else NULL as there */
	if (t->menapt_value)
		unknown |= put_tri(data + t->off[CLASSIFICATION_NATTS - 1],
						   c->flag[HA_CRIT_MENAPT]) |
			!c->flag_defined[HA_CRIT_MENAPT];
	else
		unknown |= t->menapt_null & c->flag_defined[HA_CRIT_MENAPT] &
			(c->flag[HA_CRIT_MENAPT] != HA_UNKNOWN);
	/* a NULL attribute the template lacks, or the reverse: the general way */
	if (unknown)
	{
		pfree(td);
		return classification_by_values(cc, cache, c);
	}
#ifdef USE_ASSERT_CHECKING
	{
		/* the same bytes as the general way */
		HeapTupleHeader check = DatumGetHeapTupleHeader(classification_by_values(cc, cache, c));

		Assert(HeapTupleHeaderGetDatumLength(td) == HeapTupleHeaderGetDatumLength(check));
		Assert(memcmp(td, check, HeapTupleHeaderGetDatumLength(td)) == 0);
	}
#endif
	/* what HeapTupleGetDatum returns for a tuple with no external value */
	return PointerGetDatum(td);
}

PG_FUNCTION_INFO_V1(ha_classify_sql);
/*
 * classify(ind, list_year [, rules]): the classification under the year's
 * rules or a chosen version, built in or a user rule set (what-if).
 */
Datum
ha_classify_sql(PG_FUNCTION_ARGS)
{
	RecordCall call;
	HaClassification c;

	record_call(fcinfo, &call);
	ha_classify(&call.ind, call.list_year, call.rules, &c);
	return classification_datum(fcinfo, &c);
}

/* classify(ind, list_year, rules): ha_classify_sql, by its released name. */
RELEASED_RULES_FORM(ha_classify_rules_sql, ha_classify_sql)

PG_FUNCTION_INFO_V1(ha_category_sql);
/*
 * category(ind, list_year [, rules]): only the category, as a label of the
 * enum category, for fast scans; the label OIDs are kept in the call site's
 * cache, beside the rule set named.
 */
Datum
ha_category_sql(PG_FUNCTION_ARGS)
{
	HaCallCache *cc = ha_call_cache(fcinfo);
	RecordCall call;

	if (cc->extra == NULL)
	{
		const CategoryEnum **e = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
													sizeof(*e));

		*e = category_labels_for_type(get_func_rettype(fcinfo->flinfo->fn_oid));
		cc->extra = e;
	}
	record_call(fcinfo, &call);
	PG_RETURN_DATUM(category_datum(*(const CategoryEnum **) cc->extra,
								   ha_category(&call.ind, call.list_year,
											   call.rules)));
}


/* The unit a criterion's values are in. */
static const char *
criterion_unit(HaCriterion c)
{
	switch (c)
	{
		case HA_CRIT_RESIDENTS:
			return "residents";
		case HA_CRIT_INCOME:
			return "% of regional mean";
		default:
			return "%";
	}
}

/* Open a tuplestore result for a set-returning function. */
static ReturnSetInfo *
begin_rows(FunctionCallInfo fcinfo)
{
	InitMaterializedSRF(fcinfo, 0);
	return (ReturnSetInfo *) fcinfo->resultinfo;
}

/* Append one row of thresholds(). */
static void
threshold_row(ReturnSetInfo *rsinfo, const char *category,
			  const char *criterion, const char *op, const HaCheck *check,
			  const char *rule)
{
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	values[0] = CStringGetTextDatum(category);
	values[1] = CStringGetTextDatum(criterion);
	values[2] = CStringGetTextDatum(op);
	if (check)
	{
		values[3] = Float8GetDatum(check->threshold);
		values[4] = CStringGetTextDatum(check->times_national
										? "× national_convicted"
										: criterion_unit(check->criterion));
	}
	else
		nulls[3] = nulls[4] = true;
	values[5] = CStringGetTextDatum(rule);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

PG_FUNCTION_INFO_V1(ha_thresholds_sql);
/* thresholds(rules): the rule table of a version, one row per test. */
Datum
ha_thresholds_sql(PG_FUNCTION_ARGS)
{
	const HaRuleSet *rules = ha_named_rules(fcinfo, PG_GETARG_TEXT_PP(0));
	ReturnSetInfo *rsinfo = begin_rows(fcinfo);
	int			alternative = 0;
	int			i,
				j;

	threshold_row(rsinfo, "all", ha_criterion_name(rules->size_gate.criterion),
				  ha_op_name(rules->size_gate.op), &rules->size_gate, "required");
	for (i = 0; i < rules->nrules; i++)
	{
		const HaCategoryRule *r = &rules->rules[i];
		const HaCheck *counted = r->checks + r->ngates;
		const char *cat = ha_category_name(r->category);
		char		gate_rule[64];
		char		counted_rule[64];

		if (r->category == HA_CAT_KOMBINERET)
			snprintf(gate_rule, sizeof(gate_rule), "alternative %d", ++alternative);
		else
			snprintf(gate_rule, sizeof(gate_rule), "required");
		snprintf(counted_rule, sizeof(counted_rule), "at least %d of %d",
				 r->needed, r->ncounted);
		if (r->first_year)
		{
			char		from[32];

			snprintf(from, sizeof(from), " (lists from %d)", r->first_year);
			strlcat(gate_rule, from, sizeof(gate_rule));
			strlcat(counted_rule, from, sizeof(counted_rule));
		}
		if (r->requires != HA_CAT_NONE)
			threshold_row(rsinfo, cat, ha_category_name(r->requires), "is", NULL,
						  gate_rule);
		for (j = 0; j < r->ngates; j++)
			threshold_row(rsinfo, cat, ha_criterion_name(r->checks[j].criterion),
						  ha_op_name(r->checks[j].op), &r->checks[j], gate_rule);
		for (j = 0; j < r->ncounted; j++)
			threshold_row(rsinfo, cat, ha_criterion_name(counted[j].criterion),
						  ha_op_name(counted[j].op), &counted[j], counted_rule);
		if (r->excludes != HA_CAT_NONE)
			threshold_row(rsinfo, cat, ha_category_name(r->excludes), "is not",
						  NULL, "published list only");
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(ha_margins_sql);
/*
 * margins(ind, list_year [, rules]): every threshold of the year's rules or
 * a chosen version, with value, outcome and distance.
 */
Datum
ha_margins_sql(PG_FUNCTION_ARGS)
{
	RecordCall call;
	ReturnSetInfo *rsinfo;
	HaMargin	m[HA_MAX_MARGINS];
	int			n;
	int			i;

	record_call(fcinfo, &call);
	rsinfo = begin_rows(fcinfo);
	n = ha_margins(&call.ind, call.list_year, call.rules, m);
	for (i = 0; i < n; i++)
	{
		Datum		values[8];
		bool		nulls[8] = {false, false, false, false, false, false, false, false};

		values[0] = CStringGetTextDatum(m[i].category == HA_CAT_NONE ? "all"
										: ha_category_name(m[i].category));
		values[1] = CStringGetTextDatum(ha_criterion_name(m[i].check->criterion));
		values[2] = Float8GetDatum(m[i].value);
		nulls[2] = !m[i].value_known;
		values[3] = CStringGetTextDatum(ha_op_name(m[i].check->op));
		values[4] = Float8GetDatum(m[i].threshold);
		nulls[4] = !m[i].threshold_known;
		set_tri(m[i].met, &values[5], &nulls[5]);
		values[6] = Float8GetDatum(m[i].distance);
		nulls[6] = (m[i].met == HA_UNKNOWN);
		values[7] = CStringGetTextDatum(criterion_unit(m[i].check->criterion));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* margins(ind, list_year, rules): ha_margins_sql, by its released name. */
RELEASED_RULES_FORM(ha_margins_rules_sql, ha_margins_sql)

/*
 * The name of a category passed to category_label: the text as given, or
 * the label of the enum category (the rule engine's name for it).
 */
static char *
category_arg_name(FunctionCallInfo fcinfo)
{
	const CategoryEnum **e = (const CategoryEnum **) fcinfo->flinfo->fn_extra;
	Oid			label;
	int			c;

	if (e == NULL)
	{
		Oid			argtype = get_fn_expr_argtype(fcinfo->flinfo, 0);

		if (!OidIsValid(argtype))
		{
			Oid		   *argtypes;
			int			nargs;

			get_func_signature(fcinfo->flinfo->fn_oid, &argtypes, &nargs);
			argtype = argtypes[0];
		}
		e = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(*e));
		*e = category_labels_for_type(argtype);
		fcinfo->flinfo->fn_extra = e;
	}
	if (*e == NULL)
		return text_to_cstring(PG_GETARG_TEXT_PP(0));
	label = PG_GETARG_OID(0);
	for (c = HA_CAT_NONE; c <= HA_CAT_UNKNOWN; c++)
		if ((*e)->labels[c] == label)
			return pstrdup(ha_category_name((HaCategory) c));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid value for argument \"category\""),
			 errdetail("The label is not a category of the rules.")));
}

PG_FUNCTION_INFO_V1(ha_category_label_sql);
/*
 * category_label(category, list_year, lang): the legal name that year, of
 * a category given as the enum category or as text.
 */
Datum
ha_category_label_sql(PG_FUNCTION_ARGS)
{
	char	   *category = category_arg_name(fcinfo);
	int32		list_year = PG_GETARG_INT32(1);
	char	   *lang = text_to_cstring(PG_GETARG_TEXT_PP(2));
	HaError		err;
	const char *label;

	err.code = HA_OK;
	label = ha_category_label(ha_rule_book(), category, list_year, lang, &err);
	if (label == NULL)
	{
		CHECK_CORE(err.code == HA_OK, err);
		PG_RETURN_NULL();
	}
	PG_RETURN_TEXT_P(cstring_to_text(label));
}

PG_FUNCTION_INFO_V1(ha_years_on_list_step);
/*
 * Transition of years_on_list(on_list, list_year): a NULL on_list is an
 * unknown year; a NULL list_year is an error.
 */
Datum
ha_years_on_list_step(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	HaRun	   *run;
	HaTri		on_list;
	HaError		err;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("years_on_list_step called in non-aggregate context")));
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("list_year must not be null in years_on_list")));

	if (PG_ARGISNULL(0))
	{
		run = (HaRun *) MemoryContextAlloc(aggcontext, sizeof(HaRun));
		ha_run_init(run);
	}
	else
		run = (HaRun *) PG_GETARG_POINTER(0);

	on_list = PG_ARGISNULL(1) ? HA_UNKNOWN
		: (PG_GETARG_BOOL(1) ? HA_TRUE : HA_FALSE);
	CHECK_CORE(ha_run_step(run, on_list, PG_GETARG_INT32(2), &err), err);
	PG_RETURN_POINTER(run);
}

PG_FUNCTION_INFO_V1(ha_years_on_list_final);
/* Final of years_on_list: the run length, NULL when unknown years decide it. */
Datum
ha_years_on_list_final(PG_FUNCTION_ARGS)
{
	HaRun	   *run;
	int			years;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	run = (HaRun *) PG_GETARG_POINTER(0);
	if (!ha_run_known(run, &years))
		PG_RETURN_NULL();
	PG_RETURN_INT32(years);
}

PG_FUNCTION_INFO_V1(ha_omdannelse_sql);
/*
 * omdannelse(years, list_year [, rules]): the consecutive parallelsamfund
 * lists the history rule of the year's rule version asks for (five, from
 * the 2018 list on), or of a chosen version (built in or a user rule set)
 * forced on the year.  Called on NULL input: where the version has no
 * history rule in force that year the answer is false whatever the years
 * are.
 */
Datum
ha_omdannelse_sql(PG_FUNCTION_ARGS)
{
	const HaRuleSet *rules;
	int32		list_year;

	if (PG_ARGISNULL(1) || (PG_NARGS() > 2 && PG_ARGISNULL(2)))
		PG_RETURN_NULL();
	list_year = PG_GETARG_INT32(1);
	rules = call_rules(fcinfo, list_year);
	if (!ha_set_omdannelse_possible(rules, list_year))
		PG_RETURN_BOOL(false);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_GETARG_INT32(0) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value \"%d\" for argument \"years\"",
						PG_GETARG_INT32(0)),
				 errdetail("A number of consecutive lists cannot be negative.")));
	PG_RETURN_BOOL(ha_set_omdannelse(rules, PG_GETARG_INT32(0), list_year));
}

/*
 * The 40 % rule's constants (40 %, 75 m² per dwelling) from the built-in
 * rule text's consequences, and its total from the four arguments, or an
 * error.
 */
static int64
plan_total(FunctionCallInfo fcinfo, HaPlanRule *plan)
{
	HaError		err;
	int64_t		total = 0;

	CHECK_CORE(ha_plan_rule(ha_rule_book(), plan, &err), err);
	CHECK_CORE(ha_plan_total(plan, PG_GETARG_INT32(0), PG_GETARG_INT32(1),
							 PG_GETARG_INT32(2), PG_GETARG_FLOAT8(3),
							 &total, &err), err);
	return (int64) total;
}

/*
 * A count of dwellings under the 40 % rule (plan_total), by one of the
 * core's functions of the family units and the total, as int4, or an
 * out-of-range error.
 */
static Datum
plan_count(FunctionCallInfo fcinfo,
		   int64_t (*count) (const HaPlanRule *plan, int32_t family_units,
							 int64_t total))
{
	HaPlanRule	plan;
	int64		total = plan_total(fcinfo, &plan);
	int64		n = count(&plan, PG_GETARG_INT32(0), total);

	if (n > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("integer out of range")));
	PG_RETURN_INT32((int32) n);
}

PG_FUNCTION_INFO_V1(ha_family_housing_share);
/* family_housing_share(...): family units as % of the § 168 a total. */
Datum
ha_family_housing_share(PG_FUNCTION_ARGS)
{
	HaPlanRule	plan;
	int64		total = plan_total(fcinfo, &plan);

	PG_RETURN_FLOAT8(ha_plan_share(PG_GETARG_INT32(0), total));
}

PG_FUNCTION_INFO_V1(ha_family_units_over_target);
/* family_units_over_target(...): family units to convert, sell or demolish. */
Datum
ha_family_units_over_target(PG_FUNCTION_ARGS)
{
	return plan_count(fcinfo, ha_plan_units_over_target);
}

PG_FUNCTION_INFO_V1(ha_dwellings_to_add);
/* dwellings_to_add(...): other dwellings to build to reach 40 %. */
Datum
ha_dwellings_to_add(PG_FUNCTION_ARGS)
{
	return plan_count(fcinfo, ha_plan_dwellings_to_add);
}

/* A span of the built-in rule text as a text datum. */
static text *
span_text(const HaRuleBook *book, HaSpan span)
{
	return cstring_to_text_with_len(book->text + span.offset, span.length);
}

PG_FUNCTION_INFO_V1(ha_rules_text_sql);
/* rules(): the built-in rule text, as written. */
Datum
ha_rules_text_sql(PG_FUNCTION_ARGS)
{
	const HaRuleBook *book = ha_rule_book();

	PG_RETURN_TEXT_P(cstring_to_text_with_len(book->text, book->length));
}

PG_FUNCTION_INFO_V1(ha_rules_block_sql);
/*
 * rules(name): one built-in version, or the consequences, as written; or
 * the definition of a user rule set, as stored.
 */
Datum
ha_rules_block_sql(PG_FUNCTION_ARGS)
{
	const HaRuleBook *book = ha_rule_book();
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	HaSpan		span;
	HaError		err;
	text	   *def;

	if (ha_rules_block(book, name, &span, &err))
		PG_RETURN_TEXT_P(span_text(book, span));
	def = ha_user_rules_text(name);
	if (def == NULL)
		ha_report(&err);
	PG_RETURN_TEXT_P(def);
}

/*
 * A consequence's value as numeric, exactly as the built-in rule text
 * writes it.
 */
static Datum
consequence_numeric(const HaConsequence *c)
{
	char	   *digits = pnstrdup(ha_rule_book()->text + c->value_text.offset,
								  c->value_text.length);

	return DirectFunctionCall3(numeric_in, CStringGetDatum(digits),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

PG_FUNCTION_INFO_V1(ha_consequence_sql);
/* consequence(name): one constant of what the lists oblige. */
Datum
ha_consequence_sql(PG_FUNCTION_ARGS)
{
	HaError		err;
	const HaConsequence *c = ha_consequence(ha_rule_book(),
											text_to_cstring(PG_GETARG_TEXT_PP(0)),
											&err);

	CHECK_CORE(c != NULL, err);
	PG_RETURN_DATUM(consequence_numeric(c));
}

PG_FUNCTION_INFO_V1(ha_consequences_sql);
/* consequences(): every constant with its unit and paragraph, in text order. */
Datum
ha_consequences_sql(PG_FUNCTION_ARGS)
{
	const HaRuleBook *book = ha_rule_book();
	ReturnSetInfo *rsinfo = begin_rows(fcinfo);
	int			i;

	for (i = 0; i < book->nconsequences; i++)
	{
		const HaConsequence *c = &book->consequences[i];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = CStringGetTextDatum(ha_consequence_name(c->id));
		values[1] = consequence_numeric(c);
		values[2] = CStringGetTextDatum(ha_consequence_unit_name(ha_consequence_unit(c->id)));
		values[3] = PointerGetDatum(span_text(book, c->paragraph));
		nulls[3] = c->paragraph.length == 0;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(ha_parse_rules_sql);
/*
 * housing_areas_private.parse_rules(definition): parse a rule text; the
 * names of its versions, or the parser's error.
 */
Datum
ha_parse_rules_sql(PG_FUNCTION_ARGS)
{
	text	   *definition = PG_GETARG_TEXT_PP(0);
	HaRuleBook *book = palloc(sizeof(HaRuleBook));
	HaError		err;
	Datum	   *ids;
	int			i;

	CHECK_CORE(ha_rules_parse(VARDATA_ANY(definition),
							  VARSIZE_ANY_EXHDR(definition), book, &err), err);
	ids = palloc(sizeof(Datum) * book->nsets);
	for (i = 0; i < book->nsets; i++)
		ids[i] = CStringGetTextDatum(book->sets[i].id);
	PG_RETURN_ARRAYTYPE_P(construct_array(ids, book->nsets, TEXTOID, -1,
										  false, TYPALIGN_INT));
}

/* ---- list_distance and cheapest_change ---- */

/*
 * The record and, for the tally forms, the tallies behind it: arguments
 * (cur, prev, national_convicted, regional_income, list_year[, rules]) read
 * as to_indicators reads them.  False (no rows) when cur or list_year is
 * NULL.
 */
static bool
distance_inputs(FunctionCallInfo fcinfo, bool from_tally, HaIndicators *ind,
				HaDistanceBasis *basis, int32 *list_year)
{
	HaError		err;
	int			year_arg = from_tally ? 4 : 1;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(year_arg))
		return false;
	*list_year = PG_GETARG_INT32(year_arg);
	if (!from_tally)
	{
		PG_GETARG_INDICATORS(0, ind);
		return true;
	}
	memset(basis, 0, sizeof(*basis));
	ha_tally_arg_copy(fcinfo, 0, &basis->cur);
	basis->has_prev = !PG_ARGISNULL(1);
	if (basis->has_prev)
		ha_tally_arg_copy(fcinfo, 1, &basis->prev);
	basis->has_national = !PG_ARGISNULL(2);
	if (basis->has_national)
		basis->national_convicted = PG_GETARG_FLOAT8(2);
	basis->has_regional = !PG_ARGISNULL(3);
	if (basis->has_regional)
		basis->regional_income = PG_GETARG_FLOAT8(3);
	CHECK_CORE(ha_tally_to_indicators(&basis->cur,
									  basis->has_prev ? &basis->prev : NULL,
									  basis->has_national ? &basis->national_convicted : NULL,
									  basis->has_regional ? &basis->regional_income : NULL,
									  ind, &err), err);
	return true;
}

/*
 * The rule version of a distance call: the chosen one (argument rules_arg,
 * -1: none) or the list year's; NULL (no rows) when the chosen one is NULL.
 */
static const HaRuleSet *
distance_rules(FunctionCallInfo fcinfo, int rules_arg, int32 list_year)
{
	HaError		err;

	if (rules_arg < 0)
		return rules_for_year_or_error(list_year);
	if (PG_ARGISNULL(rules_arg))
		return NULL;
	CHECK_CORE(ha_check_list_year(ha_rule_book(), list_year, &err), err);
	return ha_named_rules(fcinfo, PG_GETARG_TEXT_PP(rules_arg));
}

/* The rule column of a list_distance row, worded as thresholds() words it. */
static char *
distance_rule_text(const HaCheckDistance *d, int alternatives)
{
	char	   *prefix = alternatives > 1 ? psprintf("alternative %d", d->alternative) : NULL;

	switch (d->role)
	{
		case HA_ROLE_SIZE:
			return pstrdup("required");
		case HA_ROLE_UNLESS:
			return pstrdup("unless");
		case HA_ROLE_COUNTED:
			return prefix ? psprintf("%s: at least %d of %d", prefix, d->needed, d->ncounted)
				: psprintf("at least %d of %d", d->needed, d->ncounted);
		case HA_ROLE_REQUIRES:
		case HA_ROLE_GATE:
			break;
	}
	return prefix ? prefix : pstrdup("required");
}

/* A signed count as a nullable bigint. */
static void
set_amount(bool known, int64 v, Datum *value, bool *isnull)
{
	*value = Int64GetDatum(v);
	*isnull = !known;
}

/* The columns of a list_distance or cheapest_change row. */
#define DISTANCE_NCOLS 15

/*
 * What a list_distance or cheapest_change form reads from its arguments
 * (the record, for the tally forms the tallies behind it, the list year,
 * the rule version), the result set its rows go to and what the core found
 * for them.
 */
typedef struct DistanceCall
{
	ReturnSetInfo *rsinfo;
	HaIndicators ind;
	HaDistanceBasis basis;
	const HaDistanceBasis *tallies; /* &basis for the tally forms, else NULL */
	int32		list_year;
	const HaRuleSet *rules;
	HaCheckDistance *distances; /* list_distance's tests */
	HaChangeSet *changes;		/* cheapest_change's change sets */
} DistanceCall;

/*
 * Open the result set of a list_distance or cheapest_change call, read its
 * arguments, the form told by their number (distance_inputs,
 * distance_rules), and find its tests or, for cheapest_change, its change
 * sets; their number, none when the record, the list year or a chosen
 * version is NULL.
 */
static int
distance_call(FunctionCallInfo fcinfo, bool changes, DistanceCall *call)
{
	/* (ind, year [, rules]) or (cur, prev, national, regional, year [, rules]) */
	bool		from_tally = PG_NARGS() >= 5;
	int			rules_arg = (PG_NARGS() == 3 || PG_NARGS() == 6) ? PG_NARGS() - 1 : -1;

	call->distances = NULL;
	call->changes = NULL;
	call->rsinfo = begin_rows(fcinfo);
	if (!distance_inputs(fcinfo, from_tally, &call->ind, &call->basis,
						 &call->list_year))
		return 0;
	call->tallies = from_tally ? &call->basis : NULL;
	call->rules = distance_rules(fcinfo, rules_arg, call->list_year);
	if (call->rules == NULL)
		return 0;
	if (changes)
	{
		call->changes = palloc(sizeof(HaChangeSet) * HA_MAX_CHANGE_SETS);
		return ha_cheapest_changes(&call->ind, call->tallies, call->list_year,
								   call->rules, call->changes);
	}
	call->distances = palloc(sizeof(HaCheckDistance) * HA_MAX_DISTANCES);
	return ha_list_distances(&call->ind, call->tallies, call->list_year,
							 call->rules, call->distances);
}

/*
 * Start a list_distance or cheapest_change row: every column NULL but the
 * list, whether the record is on it and the direction of the change.
 */
static void
distance_row_start(Datum *values, bool *nulls, HaCategory list,
				   HaTri on_list, HaDirection direction)
{
	memset(nulls, true, sizeof(bool) * DISTANCE_NCOLS);
	values[0] = CStringGetTextDatum(ha_category_name(list));
	nulls[0] = false;
	set_tri(on_list, &values[1], &nulls[1]);
	if (direction != HA_DIR_NONE)
	{
		values[2] = CStringGetTextDatum(ha_direction_name(direction));
		nulls[2] = false;
	}
}

/* Append a list_distance or cheapest_change row, its note last. */
static void
distance_row_put(const DistanceCall *call, Datum *values, bool *nulls,
				 HaDistanceNote note)
{
	const char *text = ha_distance_note(note);

	if (text)
	{
		values[DISTANCE_NCOLS - 1] = CStringGetTextDatum(text);
		nulls[DISTANCE_NCOLS - 1] = false;
	}
	tuplestore_putvalues(call->rsinfo->setResult, call->rsinfo->setDesc,
						 values, nulls);
}

PG_FUNCTION_INFO_V1(ha_list_distance_sql);
/* list_distance(), every form: every test of every list, and what flips it. */
Datum
ha_list_distance_sql(PG_FUNCTION_ARGS)
{
	DistanceCall call;
	int			n = distance_call(fcinfo, false, &call);
	int			alternatives[HA_NCAT] = {0};
	const HaCheckDistance *d = call.distances;
	int			i;

	/* the number of alternative rules of each list */
	for (i = 0; i < n; i++)
		alternatives[d[i].list] = Max(alternatives[d[i].list], d[i].alternative);
	for (i = 0; i < n; i++)
	{
		Datum		values[DISTANCE_NCOLS];
		bool		nulls[DISTANCE_NCOLS];
		const HaCheck *c = d[i].margin.check;
		bool		income;

		distance_row_start(values, nulls, d[i].list, d[i].on_list, d[i].direction);
		values[3] = CStringGetTextDatum(distance_rule_text(&d[i], alternatives[d[i].list]));
		nulls[3] = false;
		set_tri(d[i].margin.met, &values[8], &nulls[8]);
		if (c == NULL)
		{
			/* another list: "udsat is" / "udsat is not" */
			values[4] = CStringGetTextDatum(ha_category_name(d[i].other));
			values[6] = CStringGetTextDatum(d[i].role == HA_ROLE_UNLESS ? "is not" : "is");
			nulls[4] = nulls[6] = false;
		}
		else
		{
			income = c->field == HA_IND_INCOME;
			values[4] = CStringGetTextDatum(ha_criterion_name(c->criterion));
			nulls[4] = false;
			values[5] = Float8GetDatum(d[i].margin.value);
			nulls[5] = !d[i].margin.value_known;
			values[6] = CStringGetTextDatum(ha_op_name(c->op));
			nulls[6] = false;
			values[7] = Float8GetDatum(d[i].margin.threshold);
			nulls[7] = !d[i].margin.threshold_known;
			if (d[i].change_known)
			{
				values[9] = Float8GetDatum(d[i].change);
				values[10] = CStringGetTextDatum(ha_op_name(d[i].flip_op));
				nulls[9] = nulls[10] = false;
			}
			set_amount(d[i].persons_known && !income, d[i].persons, &values[11], &nulls[11]);
			set_amount(d[i].persons_known && income, d[i].persons, &values[12], &nulls[12]);
			values[13] = CStringGetTextDatum(criterion_unit(c->criterion));
			nulls[13] = false;
		}
		distance_row_put(&call, values, nulls, d[i].note);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(ha_cheapest_change_sql);
/* cheapest_change(), every form: the fewest criteria that cross each list. */
Datum
ha_cheapest_change_sql(PG_FUNCTION_ARGS)
{
	DistanceCall call;
	int			n = distance_call(fcinfo, true, &call);
	const HaChangeSet *s = call.changes;
	int			i,
				j;

	for (i = 0; i < n; i++)
	{
		for (j = 0; j < Max(s[i].nmoves, 1); j++)
		{
			Datum		values[DISTANCE_NCOLS];
			bool		nulls[DISTANCE_NCOLS];

			distance_row_start(values, nulls, s[i].list, s[i].on_list, s[i].direction);
			if (s[i].nmoves > 0)
			{
				const HaMove *m = &s[i].moves[j];
				HaCriterion crit = ha_criterion_of_field(m->field);
				bool		income = m->field == HA_IND_INCOME;

				values[3] = Int32GetDatum(s[i].option);
				values[4] = Int32GetDatum(s[i].nmoves);
				values[5] = CStringGetTextDatum(ha_criterion_name(crit));
				values[6] = Float8GetDatum(m->value);
				values[7] = CStringGetTextDatum(ha_op_name(m->op));
				values[8] = Float8GetDatum(m->threshold);
				values[9] = Float8GetDatum(m->change);
				nulls[3] = nulls[4] = nulls[5] = nulls[6] = nulls[7] = nulls[8] = nulls[9] = false;
				values[10] = Float8GetDatum(m->reached);
				nulls[10] = !m->reached_known;
				set_amount(m->counted && !income, m->amount, &values[11], &nulls[11]);
				set_amount(m->counted && income, m->amount, &values[12], &nulls[12]);
				values[13] = CStringGetTextDatum(criterion_unit(crit));
				nulls[13] = false;
			}
			distance_row_put(&call, values, nulls, s[i].note);
		}
	}
	return (Datum) 0;
}
