/*
 * fuzz_rulelang.c
 *		libFuzzer target: the rule language parser, and the evaluator on
 *		whatever rule versions it accepts.
 *
 * The input is a rule text.  ha_rules_parse must never crash, and:
 *
 *	- a refusal is a complete report (fuzz_check_error) of one of the rule
 *	  text kinds, with the class of its kind (42601, 22P02 or 54000), at a
 *	  line of the input and a column within that line (or just past its
 *	  end), quoting at most HA_RULES_FOUND_LEN bytes of what it found;
 *	- an accepted text gives versions in list-year order without gaps, each
 *	  within the capacities of HaRuleBook, with spans inside the text; every
 *	  version's block, parsed alone, gives the same version again; every
 *	  consequence can be looked up, and the 40 % rule computes with them;
 *	- every accepted version classifies without crashing, under the checks
 *	  of fuzz_classify.h (fast path = full classification, flags agree with
 *	  the category, decided answers stay decided when missing values are
 *	  filled in, margins agree with exact comparisons), for records built
 *	  around the thresholds of the text, at list years around the version's
 *	  own, and omdannelse() is never true where the history rule is not in
 *	  force.
 *
 * Build: see test/run-fuzz.sh.  Seeds: test/fuzz/corpus/fuzz_rulelang/.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_classify.h"
#include "history.h"
#include "indicators.h"
#include "rulelang.h"
#include "rules.h"
#include "same_set.h"

#define RECORDS 4				/* records classified per accepted text */
#define MAX_THRESHOLDS 64

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The state of a small generator seeded by the input. */
static uint64_t rng;

/* The next pseudo-random number (xorshift64*). */
static uint64_t
next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1Dull;
}

/* FNV-1a of the input, never 0: the seed of the records. */
static uint64_t
hash(const uint8_t *data, size_t size)
{
	uint64_t	h = 0xcbf29ce484222325ull;
	size_t		i;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 0x100000001b3ull;
	return h ? h : 1;
}

/* ---- refusals ---- */

/* Check a refusal: its kind, class and place in the input. */
static void
check_refusal(const uint8_t *data, size_t size, const HaError *err)
{
	const HaErrorAbout *a = &err->about;
	size_t		i = 0;
	int			line = 1;
	int			chars = 0;

	fuzz_check_error(err, FUZZ_CODE(HA_ERR_GRAMMAR) | FUZZ_CODE(HA_ERR_SYNTAX) |
					 FUZZ_CODE(HA_ERR_LIMIT), "ha_rules_parse");
	FUZZ_CHECK(err->kind == HA_E_RULES_SYNTAX || err->kind == HA_E_RULES_INVALID ||
			   err->kind == HA_E_RULES_LIMIT, ha_error_name(err->kind));
	if (err->kind == HA_E_RULES_SYNTAX)
		FUZZ_CHECK(strlen(err->value) <= HA_RULES_FOUND_LEN, err->value);
	if (err->kind == HA_E_RULES_LIMIT && a->what == HA_LIMIT_TEXT)
	{
		FUZZ_CHECK(size > HA_RULES_MAX_LEN && a->line == 1 && a->column == 1,
				   "text limit");
		return;
	}
	/* find the line, count its characters */
	while (line < a->line && i < size)
		if (data[i++] == '\n')
			line++;
	FUZZ_CHECK(line == a->line, "error line beyond the input");
	for (; i < size && data[i] != '\n'; i++)
		if ((data[i] & 0xC0) != 0x80)
			chars++;
	FUZZ_CHECK(a->column >= 1 && a->column <= chars + 1,
			   "error column beyond its line");
}

/* ---- accepted texts ---- */

/* A span lies inside the text. */
static void
check_span(HaSpan s, size_t size, const char *what)
{
	FUZZ_CHECK(s.offset >= 0 && s.length >= 0 &&
			   (size_t) s.offset + (size_t) s.length <= size, what);
}

/* The structure of an accepted book, and each block parsed alone. */
static void
check_structure(const HaRuleBook *book, size_t size, HaRuleBook *alone)
{
	HaError		err;
	int			s,
				r,
				t;

	FUZZ_CHECK(book->nsets >= 1 && book->nsets <= HA_MAX_RULE_SETS, "nsets");
	for (s = 0; s < book->nsets; s++)
	{
		const HaRuleSet *set = &book->sets[s];
		HaSpan		span;

		FUZZ_CHECK(set->id[0] != '\0', "empty name");
		FUZZ_CHECK(set->last_year == 0 || set->last_year >= set->first_year,
				   set->id);
		/* a version without list years stands alone */
		FUZZ_CHECK(set->first_year != 0 || (book->nsets == 1 &&
											set->last_year == 0), set->id);
		if (s > 0)
			FUZZ_CHECK(book->sets[s - 1].last_year + 1 == set->first_year, set->id);
		if (s + 1 < book->nsets)
			FUZZ_CHECK(set->last_year != 0, set->id);
		FUZZ_CHECK(set->nrules >= 0 && set->nrules <= HA_MAX_RULES, set->id);
		check_span(set->source, size, set->id);
		check_span(set->paragraph, size, set->id);
		for (r = 0; r < set->nrules; r++)
		{
			const HaCategoryRule *rule = &set->rules[r];
			int			n = rule->ngates + rule->ncounted;

			FUZZ_CHECK(n >= 1 || rule->requires != HA_CAT_NONE, set->id);
			FUZZ_CHECK(n <= HA_MAX_RULE_CHECKS, set->id);
			FUZZ_CHECK(rule->ncounted == 0 ? rule->needed == 0 :
					   rule->needed >= 1 && rule->needed <= rule->ncounted, set->id);
			FUZZ_CHECK((rule->flag_checks >> n) == 0, set->id);
			FUZZ_CHECK(rule->defines_flags == (rule->flag_checks != 0), set->id);
			FUZZ_CHECK(rule->category != HA_CAT_NONE &&
					   rule->category != HA_CAT_OMDANNELSE &&
					   rule->category != HA_CAT_UNKNOWN, set->id);
			FUZZ_CHECK(rule->requires != HA_CAT_KOMBINERET &&
					   rule->requires != HA_CAT_OMDANNELSE &&
					   rule->excludes != HA_CAT_KOMBINERET &&
					   rule->excludes != HA_CAT_OMDANNELSE, set->id);
			check_span(rule->paragraph, size, set->id);
			for (t = 0; t < n; t++)
				FUZZ_CHECK(!rule->checks[t].times_national ||
						   (rule->checks[t].multiple >= 1 &&
							rule->checks[t].multiple <= 9), set->id);
		}
		/* the block alone is the same version */
		FUZZ_CHECK(ha_rules_block(book, set->id, &span, &err), set->id);
		FUZZ_CHECK(span.offset == set->source.offset &&
				   span.length == set->source.length, set->id);
		fuzz_clear_error(&err);
		if (!ha_rules_parse(book->text + span.offset, span.length, alone, &err))
		{
			fprintf(stderr, "block %s: %s what %d at %d:%d\n", set->id,
					ha_error_name(err.kind), err.about.what, err.about.line,
					err.about.column);
			FUZZ_CHECK(false, "a block of an accepted text is refused alone");
		}
		FUZZ_CHECK(alone->nsets == 1 && same_set(&alone->sets[0], set), set->id);
	}
	for (s = 0; s < book->nconsequences; s++)
	{
		const HaConsequence *c = &book->consequences[s];

		check_span(c->value_text, size, "consequence");
		check_span(c->paragraph, size, "consequence");
		FUZZ_CHECK(ha_consequence(book, ha_consequence_name(c->id), &err) == c,
				   ha_consequence_name(c->id));
	}
}

/* The 40 % rule with the text's constants, when it gives them. */
static void
check_plan(const HaRuleBook *book)
{
	HaPlanRule	plan;
	HaError		err;
	int64_t		total;
	static const int32_t units[] = {0, 1, 40, 2147483647};

	fuzz_clear_error(&err);
	if (!ha_plan_rule(book, &plan, &err))
	{
		fuzz_check_error(&err, FUZZ_CODE(HA_ERR_PARAM), "ha_plan_rule");
		return;
	}
	FUZZ_CHECK(plan.target_num > 0 && plan.target_num <= plan.target_den &&
			   plan.m2_per_dwelling >= 1, "plan");
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
	{
		if (!ha_plan_total(&plan, units[i], 2147483647, 2147483647, 1e9, &total,
						   &err))
			continue;
		FUZZ_CHECK(ha_plan_units_over_target(&plan, units[i], total) >= 0, "plan");
		FUZZ_CHECK(ha_plan_dwellings_to_add(&plan, units[i], total) >= 0, "plan");
	}
}

/* Every threshold of the text, as values to build records around. */
static int
thresholds(const HaRuleBook *book, double *out)
{
	int			n = 0;
	int			s,
				r,
				t;

	for (s = 0; s < book->nsets && n < MAX_THRESHOLDS; s++)
	{
		const HaRuleSet *set = &book->sets[s];

		out[n++] = set->size_gate.threshold;
		for (r = 0; r < set->nrules; r++)
			for (t = 0; t < set->rules[r].ngates + set->rules[r].ncounted &&
				 n < MAX_THRESHOLDS; t++)
				out[n++] = set->rules[r].checks[t].threshold;
	}
	return n;
}

/*
 * A record from the generator: each field missing one time in four, else
 * a threshold of the text (a few ulps away), or a value of fuzz_classify.h.
 */
static void
make_record(HaIndicators *ind, const double *th, int nth)
{
	HaError		err;
	int			f;

	do
	{
		ha_ind_init(ind);
		for (f = 0; f < HA_IND_NFIELDS; f++)
		{
			uint64_t	u = next();
			uint8_t		payload[8];
			double		v;
			char		shown[HA_DOUBLE_BUFLEN];
			int			steps;

			if (u % 4 == 0)
				continue;
			if ((u >> 2) % 2 == 0 && nth > 0)
			{
				v = th[(u >> 3) % nth];
				for (steps = (int) ((u >> 12) % 5) - 2; steps > 0; steps--)
					v = nextafter(v, INFINITY);
				for (; steps < 0; steps++)
					v = nextafter(v, -INFINITY);
				if (f == HA_IND_RESIDENTS)
					v = floor(v);
			}
			else
			{
				uint64_t	w = next();

				memcpy(payload, &w, sizeof(payload));
				v = field_value((HaIndField) f, (uint8_t) (u >> 16), payload);
			}
			ha_format_double(v, shown);
			(void) ha_ind_set(ind, (HaIndField) f, v, shown, &err);
		}
	} while (!ha_ind_validate(ind, &err));
}

/* Classify records under the accepted versions, at years around each one's. */
static void
check_classification(const HaRuleBook *book)
{
	double		th[MAX_THRESHOLDS];
	int			nth = thresholds(book, th);
	int			i,
				s,
				r,
				y;

	for (i = 0; i < RECORDS; i++)
	{
		HaIndicators ind;
		HaIndicators full;
		HaError		err;
		char		text[HA_IND_TEXT_BUFLEN + 32];
		char		fulltext[HA_IND_TEXT_BUFLEN + 32];
		uint8_t		rest[64];

		make_record(&ind, th, nth);
		for (y = 0; y < (int) sizeof(rest); y += 8)
		{
			uint64_t	w = next();

			memcpy(rest + y, &w, 8);
		}
		full = completed(&ind, rest, sizeof(rest));
		for (s = 0; s < book->nsets; s++)
		{
			const HaRuleSet *set = &book->sets[s];
			int			years[4 + HA_MAX_RULES];
			int			ny = 0;

			years[ny++] = set->first_year - 1;
			years[ny++] = set->first_year;
			years[ny++] = set->last_year ? set->last_year : set->first_year + 5;
			years[ny++] = (set->last_year ? set->last_year : set->first_year) + 3;
			for (r = 0; r < set->nrules; r++)
				if (set->rules[r].first_year)
					years[ny++] = set->rules[r].first_year;
			for (y = 0; y < ny; y++)
			{
				const HaRuleSet *own = ha_rules_for_year(book, years[y], &err);

				describe(&ind, years[y], text, sizeof(text));
				describe(&full, years[y], fulltext, sizeof(fulltext));
				/* the version forced on the year, and the year's own */
				check_set(&ind, &full, years[y], set, text, fulltext);
				if (own != NULL)
					check_set(&ind, &full, years[y], own, text, fulltext);
				else
					FUZZ_CHECK(years[y] < book->sets[0].first_year, text);
				if (ha_omdannelse(book, 50, years[y]))
					FUZZ_CHECK(ha_omdannelse_possible(book, years[y]), text);
			}
		}
	}
}

/* libFuzzer entry point: the input is a rule text. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static HaRuleBook *book = NULL;
	static HaRuleBook *alone = NULL;
	HaError		err;

	if (book == NULL)
	{
		book = malloc(sizeof(HaRuleBook));
		alone = malloc(sizeof(HaRuleBook));
		FUZZ_CHECK(book != NULL && alone != NULL, "malloc");
	}
	if (size > INT_MAX)
		return 0;
	fuzz_clear_error(&err);
	if (!ha_rules_parse((const char *) data, (int) size, book, &err))
	{
		check_refusal(data, size, &err);
		return 0;
	}
	rng = hash(data, size);
	check_structure(book, size, alone);
	check_plan(book);
	check_classification(book);
	return 0;
}
