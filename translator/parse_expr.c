// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Expressions in SystemTap's precedence order, lowest first: assignment
 * (right associative, '<<<' included), ternary, '||', '&&', '|', '^', '&',
 * 'in', comparisons and regex matches, shifts, '.' concatenation,
 * additive, multiplicative, unary, '++'/'--', values. Assignment, ternary,
 * 'in', unary and the values have their own rules; the left-associative
 * binary levels are one precedence-climbing loop (parse_binary) driven by
 * a table indexed by the token's operator. Each function returns NULL
 * after reporting an error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "util.h"

static struct expr *parse_value(struct parser *p);

static struct expr *make_op(struct parser *p, enum expr_kind kind, const struct token *op,
			    struct expr *left, struct expr *right)
{
	struct expr *e = new_expr(p, kind, op->loc);

	/* Operators are at most three bytes: the field holds any with its NUL. */
	memcpy(e->u.op.op, op->text, op->len + 1);
	e->u.op.left = left;
	e->u.op.right = right;
	return e;
}

/* number: decimal, 0x hex or 0 octal, up to 64 bits unsigned. */
static bool number_value(const char *text, uint64_t *value)
{
	char *end;

	errno = 0;
	*value = strtoull(text, &end, 0);
	return errno == 0 && *end == '\0' && text[0] != '-';
}

static struct expr *parse_number(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct expr *e;
	uint64_t value;

	if (!number_value(tok->text, &value)) {
		error_at(p, tok, "number invalid or out of range");
		return NULL;
	}
	next_tok(p);
	e = new_expr(p, EXPR_NUMBER, tok->loc);
	e->u.number = value;
	return e;
}

/* string: STRING { STRING }   -- adjacent literals concatenate */
static struct expr *parse_string(struct parser *p)
{
	const struct token *tok = next_tok(p);
	struct expr *e = new_expr(p, EXPR_STRING, tok->loc);
	struct strbuf sb;

	if (peek_tok(p)->kind != TOK_STRING) {
		e->u.string.len = tok->len;
		e->u.string.bytes = new_text(p, tok->text, tok->len);
		return e;
	}
	strbuf_init(&sb);
	strbuf_addn(&sb, tok->text, tok->len);
	while (peek_tok(p)->kind == TOK_STRING) {
		tok = next_tok(p);
		strbuf_addn(&sb, tok->text, tok->len);
	}
	e->u.string.len = sb.len;
	e->u.string.bytes = new_text(p, sb.data, sb.len);
	strbuf_free(&sb);
	return e;
}

/* literal: NUMBER | '-' NUMBER | STRING { STRING } */
struct expr *parse_literal(struct parser *p)
{
	const struct token *tok = peek_tok(p);

	if (tok->kind == TOK_STRING)
		return parse_string(p);
	if (token_is_op(tok, "-") && peek_ahead(p, 1)->kind == TOK_NUMBER) {
		struct expr *e;

		next_tok(p);
		e = parse_number(p);
		if (e) {
			e->loc = tok->loc;
			e->u.number = (uint64_t)0 - e->u.number;
		}
		return e;
	}
	if (tok->kind == TOK_NUMBER)
		return parse_number(p);
	error_at(p, tok, "expected literal string or number");
	return NULL;
}

/* An expression list up to `close`: [ item { ',' item } ] close, where an
 * item is an expression, or '*' (a NULL entry) when stars is true. */
static bool parse_list(struct parser *p, const char *close, bool stars,
		       struct expr ***items, size_t *count)
{
	size_t mark = p->exprs.count;

	if (accept_op(p, close))
		return true;
	do {
		struct expr *item = NULL;

		if (stars && accept_op(p, "*")) {
			/* a wildcard key */
		} else if (!(item = parse_expr(p))) {
			drop_exprs(p, mark);
			return false;
		}
		push_expr(p, item);
	} while (accept_op(p, ","));
	*items = take_exprs(p, mark, count);
	return expect_op(p, close);
}

/* keys: ( expr | '*' ) { ',' ( expr | '*' ) } ']' */
bool parse_keys(struct parser *p, struct expr ***keys, size_t *nkeys)
{
	if (token_is_op(peek_tok(p), "]")) {
		error_at(p, peek_tok(p), "expected literal string or number");
		return false;
	}
	return parse_list(p, "]", true, keys, nkeys);
}

/* call: IDENTIFIER '(' [ expr { ',' expr } ] ')' */
static struct expr *parse_call(struct parser *p, const struct token *name)
{
	struct expr *e = new_expr(p, EXPR_CALL, name->loc);

	e->u.call.name = new_text(p, name->text, name->len);
	next_tok(p);	/* the name */
	next_tok(p);	/* '(' */
	if (!parse_list(p, ")", false, &e->u.call.args, &e->u.call.nargs)) {
		expr_free(e);
		return NULL;
	}
	return e;
}

/* index: base '[' keys */
static struct expr *parse_index(struct parser *p, struct expr *base)
{
	const struct token *open = next_tok(p);
	struct expr *e = new_expr(p, EXPR_INDEX, open->loc);

	e->u.index.base = base;
	if (!parse_keys(p, &e->u.index.keys, &e->u.index.nkeys)) {
		expr_free(e);
		return NULL;
	}
	return e;
}

/* The @-operators that take operands, and how many. */
struct at_operator {
	const char *name;
	enum expr_kind kind;
	int min_args, max_args;
	bool guru;			/* only with -g */
	bool string_args;		/* operands are literal strings */
};

static const struct at_operator at_operators[] = {
	{ "@count", EXPR_STAT, 1, 1, false, false },
	{ "@sum", EXPR_STAT, 1, 1, false, false },
	{ "@min", EXPR_STAT, 1, 1, false, false },
	{ "@max", EXPR_STAT, 1, 1, false, false },
	{ "@avg", EXPR_STAT, 1, 1, false, false },
	{ "@variance", EXPR_STAT, 1, 2, false, false },
	{ "@hist_log", EXPR_HIST, 1, 1, false, false },
	{ "@hist_linear", EXPR_HIST, 4, 4, false, false },
	{ "@entry", EXPR_AT, 1, 1, false, false },
	{ "@defined", EXPR_AT, 1, 1, false, false },
	{ "@probewrite", EXPR_AT, 1, 1, false, false },
	{ "@const", EXPR_AT, 1, 1, true, true },
	{ "@kregister", EXPR_AT, 1, 1, true, false },
	{ "@uregister", EXPR_AT, 1, 1, false, false },
	{ "@kderef", EXPR_AT, 2, 2, true, false },
	{ "@uderef", EXPR_AT, 2, 2, false, false },
	{ "@cast", EXPR_TARGET, 2, 3, false, false },
	{ "@var", EXPR_TARGET, 1, 2, false, true },
};

static const struct at_operator *find_at_operator(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(at_operators); i++)
		if (strcmp(at_operators[i].name, name) == 0)
			return &at_operators[i];
	return NULL;
}

/* at_args: '(' operand { ',' operand } ')' with the operator's count;
 * @cast's operands after the first, and @var's, are literal strings. */
static bool parse_at_args(struct parser *p, const struct at_operator *op,
			  struct expr ***args, size_t *nargs)
{
	size_t mark = p->exprs.count;

	if (!expect_op(p, "("))
		return false;
	for (int i = 0; i < op->max_args; i++) {
		bool want_string = op->string_args || (op->kind == EXPR_TARGET && i > 0);
		struct expr *arg;

		if (i > 0 && i >= op->min_args && !token_is_op(peek_tok(p), ","))
			break;
		if (i > 0 && !expect_op(p, ","))
			goto fail;
		if (want_string && peek_tok(p)->kind != TOK_STRING) {
			error_at(p, peek_tok(p), "expected literal string");
			goto fail;
		}
		arg = want_string ? parse_literal(p) : parse_expr(p);
		if (!arg)
			goto fail;
		push_expr(p, arg);
	}
	*args = take_exprs(p, mark, nargs);
	return expect_op(p, ")");
fail:
	drop_exprs(p, mark);
	return false;
}

/* Split "$var$$" into the name and its pretty-print suffix ("" if none). */
static size_t pretty_suffix_start(const char *text, size_t len)
{
	size_t end = len;

	while (end > 1 && text[end - 1] == '$')
		end--;
	/* "$$vars": the leading dollars belong to the name. */
	if (end <= 2 && text[0] == '$' && (end == 1 || text[1] == '$'))
		return len;
	return end;
}

static bool add_pretty(struct parser *p, struct expr *e, const struct token *tok,
		       const char *dollars)
{
	struct target_suffix sfx = { SUFFIX_PRETTY, NULL, NULL, tok->loc };
	size_t cap = e->u.target->nsuffixes;

	if (strcmp(dollars, "$") != 0 && strcmp(dollars, "$$") != 0) {
		error_at(p, tok, "expected '$' or '$$' to pretty-print a value");
		return false;
	}
	sfx.text = new_text(p, dollars, strlen(dollars));
	VEC_PUSH(e->u.target->suffixes, e->u.target->nsuffixes, cap, sfx);
	return true;
}

/* target_suffixes: { '->' NAME | '[' expr ']' } [ '$' | '$$' ] */
static struct expr *parse_target_suffixes(struct parser *p, struct expr *e)
{
	for (;;) {
		const struct token *tok = peek_tok(p);
		struct target_suffix sfx = { SUFFIX_FIELD, NULL, NULL, tok->loc };
		size_t cap = e->u.target->nsuffixes;

		if (token_is_op(tok, "->")) {
			const struct token *field;
			size_t cut;

			next_tok(p);
			field = peek_tok(p);
			if ((field->kind != TOK_IDENTIFIER && field->kind != TOK_KEYWORD) ||
			    field->text[0] == '$' || field->text[0] == '@') {
				error_at(p, field, "expected field name after '->'");
				goto fail;
			}
			next_tok(p);
			cut = pretty_suffix_start(field->text, field->len);
			sfx.text = new_text(p, field->text, cut);
			VEC_PUSH(e->u.target->suffixes, e->u.target->nsuffixes, cap, sfx);
			if (cut < field->len)
				return add_pretty(p, e, field, field->text + cut) ? e : (expr_free(e), NULL);
		} else if (token_is_op(tok, "[")) {
			next_tok(p);
			sfx.kind = SUFFIX_INDEX;
			sfx.index = parse_expr(p);
			if (!sfx.index)
				goto fail;
			VEC_PUSH(e->u.target->suffixes, e->u.target->nsuffixes, cap, sfx);
			if (!expect_op(p, "]"))
				goto fail;
		} else if (tok->kind == TOK_IDENTIFIER && tok->text[0] == '$' &&
			   strspn(tok->text, "$") == tok->len) {
			/* "$var[1]$": the lexer made the suffix its own token. */
			next_tok(p);
			return add_pretty(p, e, tok, tok->text) ? e : (expr_free(e), NULL);
		} else {
			return e;
		}
	}
fail:
	expr_free(e);
	return NULL;
}

/* target: '$'NAME | '$$'NAME, then target_suffixes */
static struct expr *parse_dollar_target(struct parser *p, bool address_of,
					struct location loc)
{
	const struct token *tok = next_tok(p);
	struct expr *e = new_expr(p, EXPR_TARGET, loc);
	size_t cut = pretty_suffix_start(tok->text, tok->len);

	e->u.target->name = new_text(p, tok->text, cut);
	e->u.target->address_of = address_of;
	if (cut < tok->len)
		return add_pretty(p, e, tok, tok->text + cut) ? e : (expr_free(e), NULL);
	return parse_target_suffixes(p, e);
}

/* at_operation: AT-OPERATOR at_args [ target_suffixes | '[' keys ] */
static struct expr *parse_at_operation(struct parser *p, bool address_of,
				       struct location loc)
{
	const struct token *tok = peek_tok(p);
	const struct at_operator *op = find_at_operator(tok->text);
	struct expr *e;
	char *message;
	bool ok;

	if (!op) {
		message = xasprintf("unknown operator or macro %s", tok->text);
		error_at(p, tok, message);
		free(message);
		return NULL;
	}
	if (op->guru && !p->guru) {
		message = xasprintf("using %s operator not permitted; need stap -g", op->name);
		error_at(p, tok, message);
		free(message);
		return NULL;
	}
	if (address_of && op->kind != EXPR_TARGET) {
		error_at(p, tok, "expected '$' variable, @cast or @var after '&'");
		return NULL;
	}
	next_tok(p);
	e = new_expr(p, op->kind, loc);
	if (op->kind == EXPR_TARGET) {
		e->u.target->name = new_text(p, op->name, strlen(op->name));
		e->u.target->address_of = address_of;
		ok = parse_at_args(p, op, &e->u.target->args, &e->u.target->nargs);
	} else {
		e->u.at.name = new_text(p, op->name, strlen(op->name));
		ok = parse_at_args(p, op, &e->u.at.args, &e->u.at.nargs);
	}
	if (!ok) {
		expr_free(e);
		return NULL;
	}
	if (op->kind == EXPR_TARGET)
		return parse_target_suffixes(p, e);
	if (op->kind == EXPR_HIST && token_is_op(peek_tok(p), "["))
		return parse_index(p, e);
	return e;
}

/* indexable: IDENTIFIER | hist_op */
struct expr *parse_indexable(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct expr *e;

	if (is_plain_identifier(tok)) {
		next_tok(p);
		e = new_expr(p, EXPR_SYMBOL, tok->loc);
		e->u.symbol.name = new_text(p, tok->text, tok->len);
		return e;
	}
	if (tok->kind == TOK_IDENTIFIER &&
	    (strcmp(tok->text, "@hist_log") == 0 || strcmp(tok->text, "@hist_linear") == 0)) {
		const struct at_operator *op = find_at_operator(tok->text);

		next_tok(p);
		e = new_expr(p, EXPR_HIST, tok->loc);
		e->u.at.name = new_text(p, op->name, strlen(op->name));
		if (!parse_at_args(p, op, &e->u.at.args, &e->u.at.nargs)) {
			expr_free(e);
			return NULL;
		}
		return e;
	}
	error_at(p, tok, "expected identifier or statistical operation");
	return NULL;
}

/* value: '(' expr ')' | literal | EMBEDDED | [ '&' ] target | at_operation
 *      | IDENTIFIER [ '(' args ')' | '[' keys ] */
static struct expr *parse_value(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct expr *e;

	switch (tok->kind) {
	case TOK_NUMBER:
		return parse_number(p);
	case TOK_STRING:
		return parse_string(p);
	case TOK_EMBEDDED:
		if (!p->guru) {
			error_at(p, tok, "embedded expression code in unprivileged script; "
				 "need stap -g");
			return NULL;
		}
		next_tok(p);
		e = new_expr(p, EXPR_EMBEDDED, tok->loc);
		e->u.code = new_text(p, tok->text, strlen(tok->text));
		return e;
	case TOK_IDENTIFIER:
		if (tok->text[0] == '$')
			return parse_dollar_target(p, false, tok->loc);
		if (tok->text[0] == '@')
			return parse_at_operation(p, false, tok->loc);
		if (token_is_op(peek_ahead(p, 1), "("))
			return parse_call(p, tok);
		next_tok(p);
		e = new_expr(p, EXPR_SYMBOL, tok->loc);
		e->u.symbol.name = new_text(p, tok->text, tok->len);
		if (token_is_op(peek_tok(p), "["))
			return parse_index(p, e);
		return e;
	case TOK_OPERATOR:
		if (token_is_op(tok, "(")) {
			next_tok(p);
			e = parse_expr(p);
			if (e && !expect_op(p, ")")) {
				expr_free(e);
				return NULL;
			}
			return e;
		}
		if (token_is_op(tok, "&")) {
			const struct token *target = peek_ahead(p, 1);

			next_tok(p);
			if (target->kind == TOK_IDENTIFIER && target->text[0] == '$')
				return parse_dollar_target(p, true, tok->loc);
			if (target->kind == TOK_IDENTIFIER && target->text[0] == '@')
				return parse_at_operation(p, true, tok->loc);
			/* &x parses (SystemTap's parser takes it); pass 2 decides. */
			e = parse_value(p);
			return e ? make_op(p, EXPR_UNARY, tok, NULL, e) : NULL;
		}
		break;
	default:
		break;
	}
	error_at(p, tok, "expected literal string or number");
	return NULL;
}

/* crement: ( '++' | '--' ) value | value [ '++' | '--' ] */
static struct expr *parse_crement(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct expr *e;

	if (tok->op == OP_INCREMENT || tok->op == OP_DECREMENT) {
		next_tok(p);
		e = parse_value(p);
		if (!e)
			return NULL;
		e = make_op(p, EXPR_INCDEC, tok, NULL, e);
		e->u.op.prefix = true;
		return e;
	}
	e = parse_value(p);
	tok = peek_tok(p);
	if (e && (tok->op == OP_INCREMENT || tok->op == OP_DECREMENT)) {
		next_tok(p);
		e = make_op(p, EXPR_INCDEC, tok, NULL, e);
		e->u.op.prefix = false;
	}
	return e;
}

/* unary: ( '!' | '~' | '-' | '+' ) unary | crement */
static struct expr *parse_unary(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct expr *operand;

	if (tok->op != OP_NOT && tok->op != OP_TILDE && tok->op != OP_MINUS &&
	    tok->op != OP_PLUS)
		return parse_crement(p);
	if (!enter_nesting(p))
		return NULL;
	next_tok(p);
	operand = parse_unary(p);
	leave_nesting(p);
	if (!operand)
		return NULL;
	return make_op(p, EXPR_UNARY, tok, NULL, operand);
}

/* The binary precedence levels, lowest first. 'in' is not a binary
 * operator (its right side is an array) but has its level, between '&'
 * and the comparisons: a key is a comparison, and an operand of the
 * levels below is an array_in. */
enum binary_level {
	LEVEL_NONE,		/* the token is no binary operator */
	LEVEL_LOGICAL_OR,
	LEVEL_LOGICAL_AND,
	LEVEL_BIT_OR,
	LEVEL_BIT_XOR,
	LEVEL_BIT_AND,
	LEVEL_IN,
	LEVEL_COMPARISON,	/* and the regex matches */
	LEVEL_SHIFT,
	LEVEL_CONCAT,
	LEVEL_ADDITIVE,
	LEVEL_MULTIPLICATIVE,
	LEVEL_COUNT
};

static const struct binary_operator {
	unsigned char level;		/* enum binary_level */
	unsigned char kind;		/* enum expr_kind */
} binary_operators[OP_COUNT] = {
	[OP_LOGICAL_OR] = { LEVEL_LOGICAL_OR, EXPR_LOGICAL },
	[OP_LOGICAL_AND] = { LEVEL_LOGICAL_AND, EXPR_LOGICAL },
	[OP_PIPE] = { LEVEL_BIT_OR, EXPR_BINARY },
	[OP_CARET] = { LEVEL_BIT_XOR, EXPR_BINARY },
	[OP_AMPERSAND] = { LEVEL_BIT_AND, EXPR_BINARY },
	[OP_EQ] = { LEVEL_COMPARISON, EXPR_COMPARISON },
	[OP_NE] = { LEVEL_COMPARISON, EXPR_COMPARISON },
	[OP_LESS] = { LEVEL_COMPARISON, EXPR_COMPARISON },
	[OP_GREATER] = { LEVEL_COMPARISON, EXPR_COMPARISON },
	[OP_LE] = { LEVEL_COMPARISON, EXPR_COMPARISON },
	[OP_GE] = { LEVEL_COMPARISON, EXPR_COMPARISON },
	[OP_MATCH] = { LEVEL_COMPARISON, EXPR_REGEX },
	[OP_NOT_MATCH] = { LEVEL_COMPARISON, EXPR_REGEX },
	[OP_SHL] = { LEVEL_SHIFT, EXPR_BINARY },
	[OP_SHR] = { LEVEL_SHIFT, EXPR_BINARY },
	[OP_CONCAT] = { LEVEL_CONCAT, EXPR_BINARY },
	[OP_PLUS] = { LEVEL_ADDITIVE, EXPR_BINARY },
	[OP_MINUS] = { LEVEL_ADDITIVE, EXPR_BINARY },
	[OP_STAR] = { LEVEL_MULTIPLICATIVE, EXPR_BINARY },
	[OP_SLASH] = { LEVEL_MULTIPLICATIVE, EXPR_BINARY },
	[OP_PERCENT] = { LEVEL_MULTIPLICATIVE, EXPR_BINARY },
};

static struct expr *parse_binary(struct parser *p, int min_level);

/* array_in: '[' keys 'in' indexable | comparison [ 'in' indexable ]
 * The node is made only once 'in' is seen: most comparisons have none. */
static struct expr *parse_array_in(struct parser *p)
{
	struct expr **keys = NULL, *e;
	size_t nkeys = 0;

	if (accept_op(p, "[")) {
		if (!parse_keys(p, &keys, &nkeys))
			goto fail;
		if (!token_is_keyword(peek_tok(p), "in")) {
			error_at(p, peek_tok(p), "unexpected comma-separated expression list");
			goto fail;
		}
	} else {
		struct expr *key = parse_binary(p, LEVEL_COMPARISON);

		if (!key || !token_is_keyword(peek_tok(p), "in"))
			return key;
		keys = xmalloc(sizeof(*keys));
		keys[nkeys++] = key;
	}
	e = new_expr(p, EXPR_ARRAY_IN, next_tok(p)->loc);	/* 'in' */
	e->u.index.keys = keys;
	e->u.index.nkeys = nkeys;
	e->u.index.base = parse_indexable(p);
	if (!e->u.index.base) {
		expr_free(e);
		return NULL;
	}
	return e;
fail:
	for (size_t i = 0; i < nkeys; i++)
		expr_free(keys[i]);
	free(keys);
	return NULL;
}

/* Give back the nesting counted for chains at levels above `above`. */
static void end_chains(struct parser *p, int chained[LEVEL_COUNT], int above)
{
	for (int level = above + 1; level < LEVEL_COUNT; level++) {
		p->depth -= chained[level];
		chained[level] = 0;
	}
}

/*
 * The left-associative binary operators of min_level and above:
 *   logical_or: logical_and { '||' logical_and }
 *   logical_and: bit_or { '&&' bit_or }
 *   bit_or: bit_xor { '|' bit_xor }
 *   bit_xor: bit_and { '^' bit_and }
 *   bit_and: array_in { '&' array_in }
 *   comparison: shift { ( '==' | ... | '>=' ) shift | ( '=~' | '!~' ) STRING }
 *   shift: concatenation { ( '<<' | '>>' ) concatenation }
 *   concatenation: additive { '.' additive }
 *   additive: multiplicative { ( '+' | '-' ) multiplicative }
 *   multiplicative: unary { ( '*' | '/' | '%' ) unary }
 * An array_in ends the levels above 'in', so below it the loop takes only
 * the levels up to '&', and an operator ends the levels above its own. Each operator makes the left-leaning tree one
 * level deeper and counts as nesting; as in one function per level, the
 * count of a level's chain is given back when a lower operator ends it.
 */
static struct expr *parse_binary(struct parser *p, int min_level)
{
	int chained[LEVEL_COUNT] = { 0 };
	int max_level = LEVEL_COUNT - 1;
	struct expr *left;

	if (min_level == LEVEL_IN)
		return parse_array_in(p);
	if (min_level < LEVEL_IN) {
		left = parse_array_in(p);
		max_level = LEVEL_BIT_AND;
	} else {
		left = parse_unary(p);
	}
	while (left) {
		const struct token *op = peek_tok(p);
		const struct binary_operator *binary = &binary_operators[op->op];
		struct expr *right;

		if (binary->level == LEVEL_NONE || binary->level < min_level ||
		    binary->level > max_level)
			break;
		end_chains(p, chained, binary->level);
		next_tok(p);
		if (binary->kind == EXPR_REGEX) {
			if (peek_tok(p)->kind != TOK_STRING) {
				error_at(p, peek_tok(p), "expected literal string");
				expr_free(left);
				left = NULL;
				break;
			}
			right = parse_string(p);
		} else {
			right = parse_binary(p, binary->level + 1);
		}
		if (!right) {
			expr_free(left);
			left = NULL;
			break;
		}
		left = make_op(p, (enum expr_kind)binary->kind, op, left, right);
		if (!enter_nesting(p)) {
			expr_free(left);
			left = NULL;
			break;
		}
		chained[binary->level]++;
		/* The right side took every operator above this one, except
		 * after a regex, whose right side is a string alone: nothing
		 * above this level may follow. */
		max_level = binary->level;
	}
	end_chains(p, chained, LEVEL_NONE);
	return left;
}

/* ternary: logical_or [ '?' expr ':' ternary ] */
static struct expr *parse_ternary(struct parser *p)
{
	struct expr *cond = parse_binary(p, LEVEL_LOGICAL_OR);
	const struct token *tok = peek_tok(p);
	struct expr *then, *otherwise, *e;

	if (!cond || tok->op != OP_QUESTION)
		return cond;
	next_tok(p);
	then = parse_expr(p);
	if (!then || !expect_op(p, ":")) {
		expr_free(cond);
		expr_free(then);
		return NULL;
	}
	if (!enter_nesting(p)) {
		expr_free(cond);
		expr_free(then);
		return NULL;
	}
	otherwise = parse_ternary(p);
	leave_nesting(p);
	if (!otherwise) {
		expr_free(cond);
		expr_free(then);
		return NULL;
	}
	e = new_expr(p, EXPR_TERNARY, tok->loc);
	e->u.ternary.cond = cond;
	e->u.ternary.then = then;
	e->u.ternary.otherwise = otherwise;
	return e;
}

static bool is_assignment(enum lex_operator op)
{
	switch (op) {
	case OP_ASSIGN: case OP_ADD_ASSIGN: case OP_SUB_ASSIGN: case OP_MUL_ASSIGN:
	case OP_DIV_ASSIGN: case OP_MOD_ASSIGN: case OP_SHL_ASSIGN:
	case OP_SHR_ASSIGN: case OP_AND_ASSIGN: case OP_XOR_ASSIGN:
	case OP_OR_ASSIGN: case OP_CONCAT_ASSIGN: case OP_STAT_ADD:
		return true;
	default:
		return false;
	}
}

/* expr: ternary [ ASSIGNMENT-OP expr ]   -- right associative; the
 * operators are = += -= *= /= %= <<= >>= &= ^= |= .= and <<< */
struct expr *parse_expr(struct parser *p)
{
	struct expr *left, *right;
	const struct token *tok;

	if (!enter_nesting(p))
		return NULL;
	left = parse_ternary(p);
	tok = peek_tok(p);
	if (!left || !is_assignment(tok->op)) {
		leave_nesting(p);
		return left;
	}
	next_tok(p);
	right = parse_expr(p);
	leave_nesting(p);
	if (!right) {
		expr_free(left);
		return NULL;
	}
	return make_op(p, EXPR_ASSIGN, tok, left, right);
}
