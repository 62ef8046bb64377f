/*
 * rulelang.c
 *		The parser of the rule language (docs/rule-language.md).
 *
 * A hand-written lexer and recursive-descent parser over a byte string of
 * known length.  The language is line-oriented: a statement ends at the end
 * of its line, except that a line may break after "when", "of", "(", ","
 * and "and";
 * a quoted paragraph of the law may end any line of a statement, once per
 * statement; "#" starts a comment to the end of the line; indentation does
 * not matter.
 *
 * The grammar (words in quotes are keywords, NL is a line break):
 *
 *	text		:= { version | consequences }		(at least one version)
 *	version		:= "rules" NAME "for" "the" "lists" "of" YEAR
 *				   ( "to" YEAR | "onward" ) NL
 *				   "an" "area" "counts" "when" comparison NL
 *				   { rule NL }
 *				   "end" NL
 *	rule		:= CATEGORY [ "from" "the" "list" "of" YEAR ] "when" body
 *	body		:= CATEGORY "on" "each" "of" "the" "last" WHOLE "lists"
 *				 | part { "and" part } [ "," "unless" CATEGORY ]
 *	part		:= CATEGORY | comparison | "at" "least" WHOLE "of" list
 *	list		:= "(" comparison { "," comparison } ")"
 *				 | comparison { "," comparison }
 *	comparison	:= KEY OP NUMBER [ ( "x" | "×" ) "national_convicted" ]
 *	consequences := "consequences" NL
 *				   { NAME "is" ( NUMBER UNIT | "the" "year" YEAR ) NL }
 *				   "end" NL
 *
 * Beyond the grammar the parser checks what the evaluator relies on (list
 * years in order without gaps, a category referred to only after its
 * rules, thresholds within the range of their indicator, ...): see
 * HaRulesProblem.  Nothing is allocated; the book points into the text.
 */
#include "rulelang.h"

#include <string.h>

#include "ha_number.h"

#define LENGTH(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* Longest number token, in bytes, and longest whole number, in digits. */
#define MAX_NUMBER_LEN 30
#define MAX_WHOLE_DIGITS 9
/* Most significant digits of a consequence value (exact in an int64). */
#define MAX_CONSEQUENCE_DIGITS 15
/* Most decimals of a percentage the 40 % rule computes with exactly. */
#define MAX_PERCENT_DECIMALS 6
/* Most consecutive lists the history rule may ask for. */
#define MAX_HISTORY_LISTS 50
/* The list years a rule text may name. */
#define MIN_YEAR 1000
#define MAX_YEAR 9999

typedef enum TokKind
{
	T_END,						/* end of the text */
	T_NL,						/* a line break */
	T_WORD,
	T_NUMBER,
	T_STRING,					/* a quoted paragraph */
	T_OP,
	T_COMMA,
	T_LPAREN,
	T_RPAREN,
	T_TIMES,					/* "×" */
	T_OTHER						/* any other printable character */
} TokKind;

typedef struct Tok
{
	TokKind		kind;
	int			start;			/* byte offset */
	int			len;
	int			line;
	int			column;
	HaOp		op;				/* T_OP */
} Tok;

/* Where the lexer is: enough to look ahead and come back. */
typedef struct LexState
{
	int			pos;			/* after the current token */
	int			line;
	int			line_start;
	Tok			tok;
} LexState;

/* What the parser knows of the categories of the version it reads. */
typedef struct CategoryUse
{
	bool		defined[HA_NCAT];	/* has a rule */
	bool		referenced[HA_NCAT];	/* a later rule refers to it */
	HaCategory	excludes[HA_NCAT];	/* the "unless" of its rules */
} CategoryUse;

typedef struct Parser
{
	const char *s;
	int			len;
	LexState	lx;
	HaRuleBook *book;
	HaError    *err;
	HaSpan	   *para;			/* where this statement's paragraph goes */
	bool		para_taken;
} Parser;

#define TOK (p->lx.tok)
#define TRY(x) do { if (!(x)) return false; } while (0)

/* ---- errors ---- */

/* Copy a token's text for an error (truncated on a character boundary). */
static void
token_text(const Parser *p, const Tok *t, char *buf)
{
	int			n = t->len;

	if (t->kind == T_END)
		n = 0;
	else if (t->kind == T_NL)
	{
		strcpy(buf, "\n");
		return;
	}
	if (n > HA_RULES_FOUND_LEN)
	{
		n = HA_RULES_FOUND_LEN;
		while (n > 0 && ((unsigned char) p->s[t->start + n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, p->s + t->start, n);
	buf[n] = '\0';
}

/* Fail with an error of the given kind at a token. */
static bool
fail_at(Parser *p, const Tok *t, HaErrorKind kind, int what,
		const char *value, const HaErrorAbout *more)
{
	HaErrorAbout about;

	memset(&about, 0, sizeof(about));
	if (more != NULL)
		about = *more;
	about.line = t->line;
	about.column = t->column;
	about.what = what;
	return ha_fail(p->err, kind, value, &about);
}

/* A syntax error at the current token: expected `what` (or `word`). */
static bool
syntax(Parser *p, HaRulesExpect what, const char *word)
{
	char		found[HA_RULES_FOUND_LEN + 1];

	token_text(p, &TOK, found);
	return fail_at(p, &TOK, HA_E_RULES_SYNTAX, what, found,
				   &(HaErrorAbout) {.word = word});
}

/* A well-formed statement the evaluator cannot run, at a token. */
static bool
invalid(Parser *p, const Tok *t, HaRulesProblem what, const char *value,
		long long n0, long long n1)
{
	return fail_at(p, t, HA_E_RULES_INVALID, what, value,
				   &(HaErrorAbout) {.n = {n0, n1}});
}

/* A capacity of HaRuleBook exceeded, at a token. */
static bool
limit(Parser *p, const Tok *t, HaRulesLimit what, long long max)
{
	return fail_at(p, t, HA_E_RULES_LIMIT, what, NULL,
				   &(HaErrorAbout) {.n = {max}});
}

/* ---- the lexer ---- */

/* The column (in characters, from 1) of a byte offset on the current line. */
static int
column_of(const Parser *p, int offset)
{
	int			col = 1;
	int			i;

	for (i = p->lx.line_start; i < offset; i++)
		if (((unsigned char) p->s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/*
 * The well-formed UTF-8 sequences of two to four bytes (the Unicode
 * Standard, table 3-7): a range of lead bytes, the length, and the range
 * of the second byte; every later byte is 0x80 to 0xBF.
 */
static const struct
{
	unsigned char lead_lo,
				lead_hi;
	int			length;
	unsigned char second_lo,
				second_hi;
}			utf8_forms[] = {
	{0xC2, 0xDF, 2, 0x80, 0xBF},
	{0xE0, 0xE0, 3, 0xA0, 0xBF},
	{0xE1, 0xEC, 3, 0x80, 0xBF},
	{0xED, 0xED, 3, 0x80, 0x9F},
	{0xEE, 0xEF, 3, 0x80, 0xBF},
	{0xF0, 0xF0, 4, 0x90, 0xBF},
	{0xF1, 0xF3, 4, 0x80, 0xBF},
	{0xF4, 0xF4, 4, 0x80, 0x8F},
};

/*
 * The length of the UTF-8 sequence at s[i] (2 to 4), or 0 when the bytes
 * there are not one (overlong forms and surrogates included).
 */
static int
utf8_length(const char *s, int i, int len)
{
	const unsigned char *u = (const unsigned char *) s + i;
	int			f,
				k;

	for (f = 0; f < LENGTH(utf8_forms); f++)
		if (u[0] >= utf8_forms[f].lead_lo && u[0] <= utf8_forms[f].lead_hi)
			break;
	if (f == LENGTH(utf8_forms) || len - i < utf8_forms[f].length ||
		u[1] < utf8_forms[f].second_lo || u[1] > utf8_forms[f].second_hi)
		return 0;
	for (k = 2; k < utf8_forms[f].length; k++)
		if (u[k] < 0x80 || u[k] > 0xBF)
			return 0;
	return utf8_forms[f].length;
}

/* Fail at byte offset i, on the current line, with a lexical error. */
static bool
lex_fail(Parser *p, int i, HaRulesExpect what, const char *found, long long byte)
{
	Tok			t;

	t.kind = T_END;
	t.start = i;
	t.len = 0;
	t.line = p->lx.line;
	t.column = column_of(p, i);
	t.op = HA_OP_GT;
	return fail_at(p, &t, HA_E_RULES_SYNTAX, what, found,
				   &(HaErrorAbout) {.n = {byte}});
}

/*
 * Check the byte at s[i] inside a comment or a paragraph: a tab, printable
 * ASCII or a UTF-8 sequence.  Returns the bytes it takes, 0 after an error.
 */
static int
text_char(Parser *p, int i)
{
	unsigned char c = (unsigned char) p->s[i];
	int			n;

	if (c == '\t' || (c >= 0x20 && c < 0x7F))
		return 1;
	if (c >= 0x80 && (n = utf8_length(p->s, i, p->len)) > 0)
		return n;
	lex_fail(p, i, HA_EXPECT_PRINTABLE, NULL, c);
	return 0;
}

static bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Read the next token into TOK; false (err filled) on a lexical error. */
static bool
advance(Parser *p)
{
	const char *s = p->s;
	int			i = p->lx.pos;
	int			n;
	Tok		   *t = &TOK;

	/* the line after a line break */
	if (t->kind == T_NL)
	{
		p->lx.line++;
		p->lx.line_start = i;
	}
	for (;;)
	{
		if (i < p->len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		else if (i < p->len && s[i] == '#')
		{
			/* a comment: to the end of the line */
			i++;
			while (i < p->len && s[i] != '\n' && s[i] != '\r')
			{
				if ((n = text_char(p, i)) == 0)
					return false;
				i += n;
			}
		}
		else
			break;
	}
	t->start = i;
	t->line = p->lx.line;
	t->column = column_of(p, i);
	t->len = 1;
	if (i >= p->len)
	{
		t->kind = T_END;
		t->len = 0;
	}
	else if (s[i] == '\n')
		t->kind = T_NL;
	else if (s[i] == '\r')
	{
		if (i + 1 >= p->len || s[i + 1] != '\n')
			return lex_fail(p, i, HA_EXPECT_PRINTABLE, NULL, '\r');
		t->kind = T_NL;
		t->len = 2;
	}
	else if (is_letter(s[i]))
	{
		t->kind = T_WORD;
		while (i + t->len < p->len &&
			   (is_letter(s[i + t->len]) || is_digit(s[i + t->len])))
			t->len++;
	}
	else if (is_digit(s[i]))
	{
		t->kind = T_NUMBER;
		while (i + t->len < p->len && is_digit(s[i + t->len]))
			t->len++;
		if (i + t->len < p->len && s[i + t->len] == '.')
		{
			int			at = i + t->len + 1;

			t->len++;
			if (at >= p->len || !is_digit(s[at]))
			{
				char		found[8] = "";

				if (at < p->len && (s[at] == '\n' || s[at] == '\r'))
					strcpy(found, "\n");
				else if (at < p->len)
				{
					if ((n = text_char(p, at)) == 0)
						return false;
					memcpy(found, s + at, n);
					found[n] = '\0';
				}
				return lex_fail(p, at, HA_EXPECT_DIGIT, found, 0);
			}
			while (i + t->len < p->len && is_digit(s[i + t->len]))
				t->len++;
		}
	}
	else if (s[i] == '>' || s[i] == '<')
	{
		bool		eq = i + 1 < p->len && s[i + 1] == '=';

		t->kind = T_OP;
		t->len = eq ? 2 : 1;
		if (s[i] == '>')
			t->op = eq ? HA_OP_GE : HA_OP_GT;
		else
			t->op = eq ? HA_OP_LE : HA_OP_LT;
	}
	else if (s[i] == ',')
		t->kind = T_COMMA;
	else if (s[i] == '(')
		t->kind = T_LPAREN;
	else if (s[i] == ')')
		t->kind = T_RPAREN;
	else if (s[i] == '"')
	{
		t->kind = T_STRING;
		while (i + t->len < p->len && s[i + t->len] != '"')
		{
			if (s[i + t->len] == '\n' || s[i + t->len] == '\r')
				return lex_fail(p, i + t->len, HA_EXPECT_QUOTE, "\n", 0);
			if ((n = text_char(p, i + t->len)) == 0)
				return false;
			t->len += n;
		}
		if (i + t->len >= p->len)
			return lex_fail(p, i + t->len, HA_EXPECT_QUOTE, "", 0);
		t->len++;
	}
	else if ((unsigned char) s[i] == 0xC3 && i + 1 < p->len &&
			 (unsigned char) s[i + 1] == 0x97)
	{
		t->kind = T_TIMES;
		t->len = 2;
	}
	else
	{
		/* a character no token starts with: the parser says what it expected */
		if ((n = text_char(p, i)) == 0)
			return false;
		t->kind = T_OTHER;
		t->len = n;
	}
	p->lx.pos = i + t->len;
	return true;
}

/* Is the current token this keyword? */
static bool
is_word(const Parser *p, const char *w)
{
	return TOK.kind == T_WORD && (int) strlen(w) == TOK.len &&
		memcmp(p->s + TOK.start, w, TOK.len) == 0;
}

/* Take this keyword, or fail saying it was expected. */
static bool
expect_word(Parser *p, const char *w)
{
	if (!is_word(p, w))
		return syntax(p, HA_EXPECT_WORD, w);
	return advance(p);
}

/* Take several keywords in a row ("for the lists of"). */
static bool
expect_words(Parser *p, const char *const *words, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		TRY(expect_word(p, words[i]));
	return true;
}

/*
 * Look past a comma: is the next token that is not a line break or a
 * paragraph the keyword "unless"?  The lexer comes back where it was.
 */
static bool
comma_then_unless(Parser *p)
{
	LexState	saved = p->lx;
	HaError    *err = p->err;
	HaError		scratch;
	bool		found = false;

	p->err = &scratch;
	if (advance(p))
	{
		while (TOK.kind == T_NL || TOK.kind == T_STRING)
			if (!advance(p))
				break;
		found = is_word(p, "unless");
	}
	p->err = err;
	p->lx = saved;
	return found;
}

/* ---- line ends and paragraphs ---- */

/*
 * At a place where a line may end: take a paragraph ending the line (at
 * most one per statement), then the line breaks and blank lines after it.
 * Anything else stays for the caller.
 */
static bool
line_break(Parser *p)
{
	if (TOK.kind == T_STRING)
	{
		if (p->para == NULL)
			return syntax(p, HA_EXPECT_LINE_END, NULL);
		if (p->para_taken)
			return invalid(p, &TOK, HA_PROBLEM_TWO_PARAGRAPHS, NULL, 0, 0);
		p->para->offset = TOK.start + 1;
		p->para->length = TOK.len - 2;
		p->para_taken = true;
		TRY(advance(p));
		if (TOK.kind != T_NL && TOK.kind != T_END)
			return syntax(p, HA_EXPECT_LINE_END, NULL);
	}
	while (TOK.kind == T_NL)
		TRY(advance(p));
	return true;
}

/* The end of a statement: its paragraph, if any, and the end of the line. */
static bool
end_statement(Parser *p, HaRulesExpect otherwise)
{
	if (TOK.kind != T_STRING && TOK.kind != T_NL && TOK.kind != T_END)
		return syntax(p, otherwise, NULL);
	TRY(line_break(p));
	p->para = NULL;
	p->para_taken = false;
	return true;
}

/* Start a statement whose paragraph, if it has one, goes to `para`. */
static void
begin_statement(Parser *p, HaSpan *para)
{
	p->para = para;
	p->para_taken = false;
}

/* After "of", "(", "," or "and" a statement may go on on the next line. */
static bool
continuation(Parser *p)
{
	if (TOK.kind == T_STRING || TOK.kind == T_NL)
		return line_break(p);
	return true;
}

/* ---- numbers and names ---- */

/* A whole number of at most MAX_WHOLE_DIGITS digits; else expected `what`. */
static bool
whole_number(Parser *p, HaRulesExpect what, int *out)
{
	int			v = 0;
	int			i;

	if (TOK.kind != T_NUMBER || memchr(p->s + TOK.start, '.', TOK.len) != NULL)
		return syntax(p, what, NULL);
	if (TOK.len > MAX_WHOLE_DIGITS)
		return limit(p, &TOK, HA_LIMIT_NUMBER, MAX_WHOLE_DIGITS);
	for (i = 0; i < TOK.len; i++)
		v = v * 10 + (p->s[TOK.start + i] - '0');
	*out = v;
	return advance(p);
}

/* A list year: a whole number from MIN_YEAR to MAX_YEAR. */
static bool
year(Parser *p, int *out, Tok *at)
{
	Tok			t = TOK;

	*at = t;
	TRY(whole_number(p, HA_EXPECT_YEAR, out));
	if (*out < MIN_YEAR || *out > MAX_YEAR)
	{
		p->lx.tok = t;			/* report the number itself */
		return syntax(p, HA_EXPECT_YEAR, NULL);
	}
	return true;
}

/* The value of a number token as a double (its grammar is plain decimal). */
static bool
number_value(Parser *p, const Tok *t, double *out)
{
	if (t->len > MAX_NUMBER_LEN)
		return limit(p, t, HA_LIMIT_NUMBER, MAX_NUMBER_LEN);
	if (ha_scan_number(p->s + t->start, t->len, false, out) != HA_NUM_OK)
		return limit(p, t, HA_LIMIT_NUMBER, MAX_NUMBER_LEN);
	return true;
}

/* The category a word names, or HA_CAT_NONE. */
static HaCategory
category_of(const Parser *p)
{
	static const HaCategory named[] = {
		HA_CAT_UDSAT, HA_CAT_PARALLELSAMFUND, HA_CAT_OMDANNELSE,
		HA_CAT_FOREBYGGELSE, HA_CAT_KOMBINERET
	};
	int			i;

	for (i = 0; i < LENGTH(named); i++)
		if (is_word(p, ha_category_name(named[i])))
			return named[i];
	return HA_CAT_NONE;
}

/* The indicator a word names, or HA_IND_NFIELDS. */
static HaIndField
indicator_of(const Parser *p)
{
	int			f;

	for (f = 0; f < HA_IND_NFIELDS; f++)
		if (is_word(p, ha_ind_fields[f].key))
			return (HaIndField) f;
	return HA_IND_NFIELDS;
}

/* ---- rules ---- */

/* KEY OP NUMBER [x national_convicted] into *c. */
static bool
comparison(Parser *p, HaCheck *c)
{
	Tok			key = TOK;
	Tok			num;
	HaIndField	f = indicator_of(p);
	char		shown[MAX_NUMBER_LEN + 1];
	double		v;

	if (f == HA_IND_NFIELDS)
		return syntax(p, HA_EXPECT_INDICATOR, NULL);
	if (f == HA_IND_NATIONAL_CONVICTED)
		return invalid(p, &key, HA_PROBLEM_NATIONAL_ALONE, NULL, 0, 0);
	TRY(advance(p));
	if (TOK.kind != T_OP)
		return syntax(p, HA_EXPECT_OPERATOR, NULL);
	memset(c, 0, sizeof(*c));
	c->field = f;
	c->criterion = ha_criterion_of_field(f);
	c->op = TOK.op;
	TRY(advance(p));
	if (TOK.kind != T_NUMBER)
		return syntax(p, HA_EXPECT_NUMBER, NULL);
	num = TOK;
	TRY(number_value(p, &num, &v));
	token_text(p, &num, shown);
	TRY(advance(p));
	if (TOK.kind == T_TIMES || is_word(p, "x"))
	{
		TRY(advance(p));
		TRY(expect_word(p, "national_convicted"));
		if (f != HA_IND_CONVICTED)
			return invalid(p, &key, HA_PROBLEM_NOT_RELATIVE,
						   ha_ind_fields[f].key, 0, 0);
		if (memchr(p->s + num.start, '.', num.len) != NULL || v < 1 || v > 9)
			return invalid(p, &num, HA_PROBLEM_MULTIPLE_RANGE, shown, 0, 0);
		c->times_national = true;
		c->multiple = (int) v;
		c->threshold = v;
		return true;
	}
	if (v < ha_ind_fields[f].min || v > ha_ind_fields[f].max)
		return fail_at(p, &num, HA_E_RULES_INVALID, HA_PROBLEM_THRESHOLD_RANGE,
					   shown, &(HaErrorAbout) {.field = &ha_ind_fields[f]});
	c->threshold = v;
	return true;
}

/* Append a gate (kept before the counted checks) or a counted check. */
static bool
add_check(Parser *p, HaCategoryRule *r, const Tok *at, const HaCheck *c,
		  bool counted)
{
	if (r->ngates + r->ncounted >= HA_MAX_RULE_CHECKS)
		return limit(p, at, HA_LIMIT_CHECKS, HA_MAX_RULE_CHECKS);
	if (counted)
		r->checks[r->ngates + r->ncounted++] = *c;
	else
	{
		memmove(&r->checks[r->ngates + 1], &r->checks[r->ngates],
				sizeof(HaCheck) * r->ncounted);
		r->checks[r->ngates++] = *c;
	}
	return true;
}

/* The comparisons after "at least k of", with or without parentheses. */
static bool
counted_list(Parser *p, HaCategoryRule *r)
{
	bool		paren = TOK.kind == T_LPAREN;

	if (paren)
	{
		TRY(advance(p));
		TRY(continuation(p));
	}
	for (;;)
	{
		Tok			at = TOK;
		HaCheck		c;

		TRY(comparison(p, &c));
		TRY(add_check(p, r, &at, &c, true));
		if (TOK.kind != T_COMMA || (!paren && comma_then_unless(p)))
			break;
		TRY(advance(p));
		TRY(continuation(p));
	}
	if (paren)
	{
		if (TOK.kind != T_RPAREN)
			return syntax(p, HA_EXPECT_LIST_NEXT, NULL);
		TRY(advance(p));
	}
	return true;
}

/*
 * A category a rule refers to ("udsat and ...", "unless udsat", the
 * history rule's "parallelsamfund"): one the evaluator computes, with its
 * rules already complete.
 */
static bool
refer_to(Parser *p, CategoryUse *use, HaCategory c, const Tok *at)
{
	if (c == HA_CAT_KOMBINERET || c == HA_CAT_OMDANNELSE)
		return invalid(p, at, HA_PROBLEM_NOT_A_CONDITION, ha_category_name(c),
					   0, 0);
	if (!use->defined[c])
		return invalid(p, at, HA_PROBLEM_NOT_DEFINED, ha_category_name(c), 0, 0);
	use->referenced[c] = true;
	return true;
}

/* part { "and" part } [ "," "unless" CATEGORY ] for rule r of category cat. */
static bool
condition(Parser *p, CategoryUse *use, HaCategoryRule *r)
{
	for (;;)
	{
		Tok			at = TOK;
		HaCategory	c = category_of(p);

		if (is_word(p, "at"))
		{
			Tok			k;

			TRY(advance(p));
			TRY(expect_word(p, "least"));
			k = TOK;
			TRY(whole_number(p, HA_EXPECT_WHOLE, &r->needed));
			TRY(expect_word(p, "of"));
			TRY(continuation(p));
			if (r->ncounted > 0)
				return invalid(p, &at, HA_PROBLEM_TWO_COUNTS, NULL, 0, 0);
			TRY(counted_list(p, r));
			if (r->needed < 1 || r->needed > r->ncounted)
				return invalid(p, &k, HA_PROBLEM_NEEDED_RANGE, NULL,
							   r->needed, r->ncounted);
		}
		else if (c != HA_CAT_NONE)
		{
			if (r->requires != HA_CAT_NONE)
				return invalid(p, &at, HA_PROBLEM_TWO_CATEGORIES,
							   ha_category_name(c), 0, 0);
			TRY(refer_to(p, use, c, &at));
			r->requires = c;
			TRY(advance(p));
			if (is_word(p, "on"))
				return invalid(p, &TOK, HA_PROBLEM_HISTORY_CATEGORY,
							   ha_category_name(r->category), 0, 0);
		}
		else if (TOK.kind == T_WORD && indicator_of(p) != HA_IND_NFIELDS)
		{
			HaCheck		g;

			TRY(comparison(p, &g));
			TRY(add_check(p, r, &at, &g, false));
		}
		else
			return syntax(p, HA_EXPECT_CONDITION, NULL);
		if (!is_word(p, "and"))
			break;
		TRY(advance(p));
		TRY(continuation(p));
	}
	if (TOK.kind == T_COMMA)
	{
		Tok			at;
		HaCategory	c;

		TRY(advance(p));
		TRY(continuation(p));
		TRY(expect_word(p, "unless"));
		at = TOK;
		c = category_of(p);
		if (c == HA_CAT_NONE)
			return syntax(p, HA_EXPECT_CATEGORY, NULL);
		TRY(refer_to(p, use, c, &at));
		r->excludes = c;
		TRY(advance(p));
	}
	return end_statement(p, HA_EXPECT_CONDITION_END);
}

/* omdannelse when parallelsamfund on each of the last N lists */
static bool
history(Parser *p, HaRuleSet *set, CategoryUse *use, const Tok *cat_at,
		int from_year)
{
	static const char *const on_each[] = {"on", "each", "of", "the", "last"};
	Tok			at = TOK;
	Tok			n_at;
	HaCategory	c = category_of(p);
	int			n;

	if (c == HA_CAT_NONE)
		return invalid(p, &at, HA_PROBLEM_OMDANNELSE_HISTORY, NULL, 0, 0);
	TRY(advance(p));
	if (!is_word(p, "on"))
		return invalid(p, &at, HA_PROBLEM_OMDANNELSE_HISTORY, NULL, 0, 0);
	if (c != HA_CAT_PARALLELSAMFUND)
		return invalid(p, &at, HA_PROBLEM_HISTORY_OF, ha_category_name(c), 0, 0);
	TRY(refer_to(p, use, c, &at));
	TRY(expect_words(p, on_each, LENGTH(on_each)));
	n_at = TOK;
	TRY(whole_number(p, HA_EXPECT_WHOLE, &n));
	TRY(expect_word(p, "lists"));
	if (n < 1 || n > MAX_HISTORY_LISTS)
		return invalid(p, &n_at, HA_PROBLEM_LISTS_RANGE, NULL, n,
					   MAX_HISTORY_LISTS);
	if (set->omdannelse_lists > 0)
		return invalid(p, cat_at, HA_PROBLEM_OMDANNELSE_TWICE, NULL, 0, 0);
	set->omdannelse_lists = n;
	set->omdannelse_first_year = from_year ? from_year : set->first_year;
	return end_statement(p, HA_EXPECT_LINE_END);
}

/* One category rule (or the history rule) of a version. */
static bool
category_rule(Parser *p, HaRuleSet *set, CategoryUse *use)
{
	static const char *const the_list_of[] = {"the", "list", "of"};
	Tok			cat_at = TOK;
	HaCategory	cat = category_of(p);
	HaCategoryRule *r;
	int			from_year = 0;

	if (cat == HA_CAT_NONE)
		return syntax(p, HA_EXPECT_RULE, NULL);
	TRY(advance(p));
	if (is_word(p, "from"))
	{
		Tok			y_at;

		TRY(advance(p));
		TRY(expect_words(p, the_list_of, LENGTH(the_list_of)));
		TRY(year(p, &from_year, &y_at));
		if (from_year < set->first_year ||
			(set->last_year != 0 && from_year > set->last_year))
			return invalid(p, &y_at, HA_PROBLEM_FROM_YEAR, NULL, from_year,
						   set->first_year);
	}
	if (cat == HA_CAT_OMDANNELSE)
	{
		begin_statement(p, &set->omdannelse_paragraph);
		TRY(expect_word(p, "when"));
		TRY(continuation(p));
		return history(p, set, use, &cat_at, from_year);
	}
	if (set->nrules >= HA_MAX_RULES)
		return limit(p, &cat_at, HA_LIMIT_RULES, HA_MAX_RULES);
	r = &set->rules[set->nrules];
	memset(r, 0, sizeof(*r));
	r->category = cat;
	r->first_year = from_year;
	begin_statement(p, &r->paragraph);
	TRY(expect_word(p, "when"));
	TRY(continuation(p));
	TRY(condition(p, use, r));
	if (use->referenced[cat])
		return invalid(p, &cat_at, HA_PROBLEM_DEFINED_AFTER_USE,
					   ha_category_name(cat), 0, 0);
	if (use->defined[cat] && use->excludes[cat] != r->excludes)
		return invalid(p, &cat_at, HA_PROBLEM_UNLESS_DIFFERS,
					   ha_category_name(cat), 0, 0);
	use->defined[cat] = true;
	use->excludes[cat] = r->excludes;
	set->nrules++;
	return true;
}

/*
 * The flag of each criterion in the classification composite is the
 * outcome of the first check of it in the version, in text order (gates
 * before counted within a rule); the size gate's residents are size_ok.
 */
static void
mark_flags(HaRuleSet *set)
{
	bool		seen[HA_NCRIT] = {false};
	int			i,
				j;

	for (i = 0; i < set->nrules; i++)
	{
		HaCategoryRule *r = &set->rules[i];

		r->flag_checks = 0;
		for (j = 0; j < r->ngates + r->ncounted; j++)
		{
			HaCriterion c = r->checks[j].criterion;

			if (c == HA_CRIT_RESIDENTS || seen[c])
				continue;
			seen[c] = true;
			r->flag_checks |= (uint16_t) (1u << j);
		}
		r->defines_flags = r->flag_checks != 0;
	}
}

/* The start of the line holding byte offset i. */
static int
line_start_of(const Parser *p, int i)
{
	while (i > 0 && p->s[i - 1] != '\n')
		i--;
	return i;
}

/* Is the line starting at i a comment line (blanks, then "#")? */
static bool
comment_line(const Parser *p, int i)
{
	while (i < p->len && (p->s[i] == ' ' || p->s[i] == '\t'))
		i++;
	return i < p->len && p->s[i] == '#';
}

/*
 * The span of a block from its first line (with the comment lines right
 * above it, up to a blank line) to `end`, the end of its "end" line.
 */
static HaSpan
block_span(const Parser *p, const Tok *first, int end)
{
	int			start = line_start_of(p, first->start);
	HaSpan		span;

	while (start > 0)
	{
		int			prev = line_start_of(p, start - 1);

		if (!comment_line(p, prev))
			break;
		start = prev;
	}
	span.offset = start;
	span.length = end - start;
	return span;
}

/* "end" closing a block: returns its line's end in *end. */
static bool
block_end(Parser *p, int *end)
{
	TRY(advance(p));
	begin_statement(p, NULL);
	if (TOK.kind != T_NL && TOK.kind != T_END)
		return syntax(p, HA_EXPECT_LINE_END, NULL);
	*end = TOK.start;
	return end_statement(p, HA_EXPECT_LINE_END);
}

/*
 * The lines of a version after its "rules" line: the size gate, the
 * category rules and "end"; then the version is added to the book.
 */
static bool
version_body(Parser *p, HaRuleSet *set, CategoryUse *use, const Tok *first)
{
	static const char *const an_area_counts_when[] = {"an", "area", "counts",
	"when"};
	int			end = 0;

	begin_statement(p, &set->size_paragraph);
	TRY(expect_words(p, an_area_counts_when, LENGTH(an_area_counts_when)));
	TRY(continuation(p));
	TRY(comparison(p, &set->size_gate));
	TRY(end_statement(p, HA_EXPECT_LINE_END));

	while (!is_word(p, "end"))
		TRY(category_rule(p, set, use));
	TRY(block_end(p, &end));
	mark_flags(set);
	ha_compile_rules(set);
	set->source = block_span(p, first, end);
	p->book->nsets++;
	return true;
}

/* A "rules" block: one version. */
static bool
version(Parser *p)
{
	static const char *const for_the_lists_of[] = {"for", "the", "lists", "of"};
	HaRuleBook *book = p->book;
	Tok			first = TOK;
	Tok			name;
	Tok			y_at;
	HaRuleSet  *set;
	const HaRuleSet *prev = book->nsets > 0 ? &book->sets[book->nsets - 1] : NULL;
	CategoryUse use;
	int			i;

	if (book->nsets >= HA_MAX_RULE_SETS)
		return limit(p, &first, HA_LIMIT_VERSIONS, HA_MAX_RULE_SETS);
	set = &book->sets[book->nsets];
	memset(set, 0, sizeof(*set));
	memset(&use, 0, sizeof(use));
	begin_statement(p, &set->paragraph);
	TRY(advance(p));
	name = TOK;
	if (TOK.kind != T_WORD || is_word(p, "consequences"))
		return syntax(p, HA_EXPECT_NAME, NULL);
	if (TOK.len >= HA_RULES_NAME_LEN)
		return limit(p, &name, HA_LIMIT_NAME, HA_RULES_NAME_LEN - 1);
	memcpy(set->id, p->s + TOK.start, TOK.len);
	set->id[TOK.len] = '\0';
	for (i = 0; i < book->nsets; i++)
		if (strcmp(book->sets[i].id, set->id) == 0)
			return invalid(p, &name, HA_PROBLEM_DUPLICATE_VERSION, set->id, 0, 0);
	if (prev != NULL && prev->first_year == 0)
		return invalid(p, &first, HA_PROBLEM_YEARLESS_NOT_ALONE, prev->id, 0, 0);
	if (prev != NULL && prev->last_year == 0)
		return invalid(p, &first, HA_PROBLEM_AFTER_ONWARD, prev->id, 0, 0);
	TRY(advance(p));
	if (TOK.kind == T_STRING || TOK.kind == T_NL || TOK.kind == T_END)
	{
		/* no list years: a what-if rule set, usable only by its name */
		if (prev != NULL)
			return invalid(p, &name, HA_PROBLEM_YEARLESS_NOT_ALONE, set->id,
						   0, 0);
		TRY(end_statement(p, HA_EXPECT_LINE_END));
		return version_body(p, set, &use, &first);
	}
	TRY(expect_words(p, for_the_lists_of, LENGTH(for_the_lists_of)));
	TRY(year(p, &set->first_year, &y_at));
	if (prev != NULL && set->first_year != prev->last_year + 1)
		return invalid(p, &y_at, HA_PROBLEM_YEARS_GAP, NULL, set->first_year,
					   prev->last_year + 1);
	if (is_word(p, "to"))
	{
		Tok			last_at;

		TRY(advance(p));
		TRY(year(p, &set->last_year, &last_at));
		if (set->last_year < set->first_year)
			return invalid(p, &last_at, HA_PROBLEM_YEARS_REVERSED, NULL,
						   set->first_year, set->last_year);
	}
	else if (is_word(p, "onward"))
		TRY(advance(p));
	else
		return syntax(p, HA_EXPECT_YEAR_END, NULL);
	TRY(end_statement(p, HA_EXPECT_LINE_END));
	return version_body(p, set, &use, &first);
}

/* A number as an exact decimal: mantissa / 10^decimals. */
static bool
exact_decimal(Parser *p, const Tok *t, int64_t *mantissa, int *decimals)
{
	int			digits = 0;
	int			i;
	bool		point = false;

	*mantissa = 0;
	*decimals = 0;
	for (i = 0; i < t->len; i++)
	{
		char		c = p->s[t->start + i];

		if (c == '.')
		{
			point = true;
			continue;
		}
		if (digits > 0 || c != '0')
			digits++;
		if (digits > MAX_CONSEQUENCE_DIGITS)
			return limit(p, t, HA_LIMIT_NUMBER, MAX_CONSEQUENCE_DIGITS);
		*mantissa = *mantissa * 10 + (c - '0');
		if (point)
			(*decimals)++;
	}
	return true;
}

/* The range a consequence's value must lie in, by unit. */
static bool
consequence_in_range(HaConsequenceUnit unit, double v, int decimals,
					 long long *lo, long long *hi)
{
	*lo = 0;
	*hi = 0;
	switch (unit)
	{
		case HA_CU_PERCENT:
			*lo = 0;
			*hi = 100;
			return v > 0 && v <= 100 && decimals <= MAX_PERCENT_DECIMALS;
		case HA_CU_YEARS:
		case HA_CU_LISTS:
			*lo = 1;
			*hi = 100;
			break;
		case HA_CU_MONTHS:
			*lo = 1;
			*hi = 1200;
			break;
		case HA_CU_YEAR:
			*lo = MIN_YEAR;
			*hi = MAX_YEAR;
			break;
		case HA_CU_M2:
			*lo = 1;
			*hi = 1000000;
			break;
		case HA_CU_RESIDENTS:
		case HA_NCU:
			*lo = 0;
			*hi = 10000000;
			break;
	}
	return decimals == 0 && v >= *lo && v <= *hi;
}

/* One line of the consequences block: NAME is VALUE UNIT. */
static bool
consequence(Parser *p)
{
	static const HaConsequenceUnit word_units[] = {
		HA_CU_PERCENT, HA_CU_YEARS, HA_CU_LISTS, HA_CU_M2, HA_CU_RESIDENTS,
		HA_CU_MONTHS
	};
	HaRuleBook *book = p->book;
	HaConsequence *c = &book->consequences[book->nconsequences];
	Tok			name = TOK;
	Tok			num;
	Tok			unit_at = TOK;
	HaConsequenceUnit unit = HA_NCU;
	char		shown[MAX_NUMBER_LEN + 1];
	char		key[HA_RULES_FOUND_LEN + 1];
	long long	lo,
				hi;
	int			id,
				i;

	if (TOK.kind != T_WORD)
		return syntax(p, HA_EXPECT_CONSEQUENCE, NULL);
	token_text(p, &name, key);
	for (id = 0; id < HA_NCONSEQUENCES; id++)
		if (is_word(p, ha_consequence_name((HaConsequenceId) id)))
			break;
	if (id == HA_NCONSEQUENCES)
		return invalid(p, &name, HA_PROBLEM_UNKNOWN_CONSEQUENCE, key, 0, 0);
	for (i = 0; i < book->nconsequences; i++)
		if (book->consequences[i].id == (HaConsequenceId) id)
			return invalid(p, &name, HA_PROBLEM_DUPLICATE_CONSEQUENCE, key, 0, 0);
	memset(c, 0, sizeof(*c));
	c->id = (HaConsequenceId) id;
	begin_statement(p, &c->paragraph);
	TRY(advance(p));
	TRY(expect_word(p, "is"));
	if (is_word(p, "the"))
	{
		unit_at = TOK;
		TRY(advance(p));
		TRY(expect_word(p, "year"));
		unit = HA_CU_YEAR;
	}
	if (TOK.kind != T_NUMBER)
		return syntax(p, HA_EXPECT_NUMBER, NULL);
	num = TOK;
	TRY(number_value(p, &num, &c->value));
	TRY(exact_decimal(p, &num, &c->mantissa, &c->decimals));
	token_text(p, &num, shown);
	c->value_text.offset = num.start;
	c->value_text.length = num.len;
	TRY(advance(p));
	if (unit == HA_NCU)
	{
		unit_at = TOK;
		for (i = 0; i < LENGTH(word_units); i++)
			if (is_word(p, ha_consequence_unit_name(word_units[i])))
				unit = word_units[i];
		if (unit == HA_NCU)
			return syntax(p, HA_EXPECT_UNIT, NULL);
		TRY(advance(p));
	}
	if (unit != ha_consequence_unit(c->id))
		return fail_at(p, &unit_at, HA_E_RULES_INVALID, HA_PROBLEM_WRONG_UNIT, key,
					   &(HaErrorAbout) {.word =
						   ha_consequence_unit_name(ha_consequence_unit(c->id))});
	if (!consequence_in_range(unit, c->value, c->decimals, &lo, &hi))
		return fail_at(p, &num, HA_E_RULES_INVALID,
					   HA_PROBLEM_CONSEQUENCE_RANGE, shown,
					   &(HaErrorAbout) {.n = {lo, hi},
						   .word = ha_consequence_name(c->id)});
	TRY(end_statement(p, HA_EXPECT_LINE_END));
	book->nconsequences++;
	return true;
}

/* The "consequences" block. */
static bool
consequences(Parser *p)
{
	HaRuleBook *book = p->book;
	Tok			first = TOK;
	int			end = 0;

	if (book->consequences_source.length > 0)
		return invalid(p, &first, HA_PROBLEM_TWO_CONSEQUENCE_BLOCKS, NULL, 0, 0);
	begin_statement(p, &book->consequences_paragraph);
	TRY(advance(p));
	TRY(end_statement(p, HA_EXPECT_LINE_END));
	while (!is_word(p, "end"))
		TRY(consequence(p));
	TRY(block_end(p, &end));
	book->consequences_source = block_span(p, &first, end);
	return true;
}

/*
 * Parse a rule text of `length` bytes into *book.  On success the book
 * holds every version in list-year order and the consequences given; on
 * failure err says where and why, and the book is not to be used.
 */
bool
ha_rules_parse(const char *text, int length, HaRuleBook *book, HaError *err)
{
	Parser		p;

	memset(book, 0, sizeof(*book));
	memset(&p, 0, sizeof(p));
	p.s = text;
	p.len = length < 0 ? 0 : length;
	p.book = book;
	p.err = err;
	p.lx.line = 1;
	p.lx.tok.kind = T_END;
	p.lx.tok.line = 1;
	p.lx.tok.column = 1;
	book->text = text;
	book->length = p.len;
	if (length > HA_RULES_MAX_LEN)
		return limit(&p, &p.lx.tok, HA_LIMIT_TEXT, HA_RULES_MAX_LEN);
	if (!advance(&p) || !line_break(&p))
		return false;
	while (p.lx.tok.kind != T_END)
	{
		if (is_word(&p, "rules"))
		{
			if (!version(&p))
				return false;
		}
		else if (is_word(&p, "consequences"))
		{
			if (!consequences(&p))
				return false;
		}
		else
			return syntax(&p, HA_EXPECT_BLOCK, NULL);
	}
	if (book->nsets == 0)
		return invalid(&p, &p.lx.tok, HA_PROBLEM_NO_VERSIONS, NULL, 0, 0);
	return true;
}

/*
 * The text of a block as written: a version by its name, or the
 * consequences block as "consequences".
 */
bool
ha_rules_block(const HaRuleBook *book, const char *name, HaSpan *span,
			   HaError *err)
{
	int			i;

	for (i = 0; i < book->nsets; i++)
		if (strcmp(book->sets[i].id, name) == 0)
		{
			*span = book->sets[i].source;
			return true;
		}
	if (strcmp(name, "consequences") == 0 &&
		book->consequences_source.length > 0)
	{
		*span = book->consequences_source;
		return true;
	}
	return ha_fail(err, HA_E_UNKNOWN_RULES_BLOCK, name, NULL);
}
