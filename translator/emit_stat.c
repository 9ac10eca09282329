// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Statistics to C: `s <<< v` and `a[k] <<< v`, the extractors @count @sum
 * @min @max @avg @variance, histogram buckets `@hist_log(s)[i]` and
 * printing `print(@hist_log(s))`. A statistic's histogram kind and
 * whether it keeps a variance are whole-program facts: stat_desc() finds
 * them from every use, as SystemTap does. foreach over a histogram's
 * buckets is here too.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "ast_walk.h"

/* The global an aggregate operand (s or a[k]) names. */
static const struct symbol *stat_symbol(const struct expr *operand)
{
	if (operand->kind == EXPR_INDEX)
		operand = operand->u.index.base;
	return operand->kind == EXPR_SYMBOL ? operand->u.symbol.sym : NULL;
}

struct desc_search {
	const struct symbol *sym;
	const struct expr *hist;	/* the first histogram use */
	bool variance;
	long long bit_shift;
};

static void find_stat_uses(const struct expr *e, void *ctx)
{
	struct desc_search *ds = ctx;

	if ((e->kind != EXPR_HIST && e->kind != EXPR_STAT) || e->u.at.nargs == 0 ||
	    stat_symbol(e->u.at.args[0]) != ds->sym)
		return;
	if (e->kind == EXPR_HIST && !ds->hist)
		ds->hist = e;
	if (e->kind == EXPR_STAT && strcmp(e->u.at.name, "@variance") == 0) {
		ds->variance = true;
		if (e->u.at.nargs > 1 && e->u.at.args[1]->kind == EXPR_NUMBER)
			ds->bit_shift = (long long)e->u.at.args[1]->u.number;
	}
}

static long long literal(const struct expr *e)
{
	if (e->kind == EXPR_NUMBER)
		return (long long)e->u.number;
	if (e->kind == EXPR_UNARY && strcmp(e->u.op.op, "-") == 0 &&
	    e->u.op.right->kind == EXPR_NUMBER)
		return -(long long)e->u.op.right->u.number;
	return 0;
}

void emit_stat_desc(struct strbuf *out, const struct session *s, const struct symbol *sym)
{
	struct desc_search ds = { .sym = sym };
	struct ast_visitor v = { .expr = find_stat_uses, .ctx = &ds };

	walk_program(&v, &s->program);
	strbuf_adds(out, "{ ");
	if (ds.hist && strcmp(ds.hist->u.at.name, "@hist_log") == 0) {
		strbuf_adds(out, ".hist = STP_HIST_LOG, ");
	} else if (ds.hist && ds.hist->u.at.nargs == 4) {
		strbuf_addf(out, ".hist = STP_HIST_LINEAR, .start = %lld, .stop = %lld, "
			    ".interval = %lld, ", literal(ds.hist->u.at.args[1]),
			    literal(ds.hist->u.at.args[2]), literal(ds.hist->u.at.args[3]));
	}
	if (ds.variance)
		strbuf_addf(out, ".ops = STP_STAT_VARIANCE, .bit_shift = %lld, ", ds.bit_shift);
	strbuf_adds(out, "}");
}

/* "operator '@min'" at the operator: the `where` of its runtime errors
 * (empty aggregate, histogram index out of range), as SystemTap's. */
static void put_operator_where(struct emitter *em, const struct expr *at)
{
	char *what = xasprintf("operator '%s'", at->u.at.name);

	put_where(em, what, at->loc);
	free(what);
}

/* The combined data of s or a[k]: a const struct stp_stat_data *. */
static void emit_stat_data(struct emitter *em, const struct expr *operand)
{
	if (operand->kind == EXPR_SYMBOL) {
		put(em, "stp_stat_read(&");
		emit_symbol_name(em->out, operand->u.symbol.sym);
		put(em, ")");
		return;
	}
	emit_array_stat_data(em, operand);
}

/* The struct stp_stat_desc * of s or a[k]. */
static void emit_stat_desc_ref(struct emitter *em, const struct expr *operand)
{
	const struct symbol *sym = stat_symbol(operand);

	put(em, "&");
	emit_symbol_name(em->out, sym);
	put(em, sym->arity > 0 ? ".stat" : ".desc");
}

void emit_stat_add(struct emitter *em, const struct expr *e)
{
	const struct expr *target = e->u.op.left;

	if (target->kind == EXPR_INDEX) {
		emit_array_stat_add(em, e);
		return;
	}
	put(em, "({ int64_t v_ = ");
	emit_expr(em, e->u.op.right);
	put(em, "; stp_stat_add(&");
	emit_symbol_name(em->out, target->u.symbol.sym);
	put(em, ", v_); v_; })");
}

void emit_stat_extract(struct emitter *em, const struct expr *e)
{
	const char *op = e->u.at.name + 1;
	const struct expr *operand = e->u.at.args[0];
	bool checked = strcmp(op, "count") != 0 && strcmp(op, "sum") != 0;

	putf(em, "({ int64_t r_ = stp_stat_%s(", op);
	if (checked)
		put(em, "c, ");
	emit_stat_data(em, operand);
	if (checked) {
		put(em, ", ");
		put_operator_where(em, e);
	}
	put(em, "); ");
	if (checked)
		put(em, "if (unlikely(c->error)) goto out; ");
	put(em, "r_; })");
}

void emit_hist_bucket(struct emitter *em, const struct expr *e)
{
	const struct expr *hist = e->u.index.base;
	const struct expr *operand = hist->u.at.args[0];

	put(em, "({ int64_t i_ = ");
	emit_expr(em, e->u.index.keys[0]);
	put(em, "; int64_t r_ = stp_hist_bucket(c, ");
	emit_stat_desc_ref(em, operand);
	put(em, ", ");
	emit_stat_data(em, operand);
	put(em, ", i_, ");
	put_operator_where(em, hist);
	put(em, "); if (unlikely(c->error)) goto out; r_; })");
}

/*
 * The histogram text of e (@hist_log(s) or @hist_linear(s, ...)) into the
 * print family's output o<out>_: the print buffer, or sprint's string. An
 * empty aggregate is reported at the print function, as SystemTap does.
 */
void emit_hist_out(struct emitter *em, const struct expr *e, size_t out,
		   const char *print_function, struct location print_loc)
{
	const struct expr *operand = e->u.at.args[0];
	char *what = xasprintf("identifier '%s'", print_function);

	putf(em, "({ stp_hist_out(c, &o%zu_, ", out);
	emit_stat_desc_ref(em, operand);
	put(em, ", ");
	emit_stat_data(em, operand);
	put(em, ", ");
	put_where(em, what, print_loc);
	put(em, "); if (unlikely(c->error)) goto out; (int64_t)0; })");
	free(what);
}

/*
 * foreach ([b] in @hist_log(s) limit n) body, also with a value (v = b):
 * as SystemTap 4.8 translates it, b walks every bucket index from 0 up
 * (a sort direction changes nothing), v is that bucket's count, and limit
 * bounds the iterations. The counts are those of one combined read before
 * the loop (none without a value); each iteration spends an action.
 */
void emit_hist_foreach(struct emitter *em, const struct stmt *st, size_t id)
{
	const struct expr *operand = st->u.foreach->array->u.at.args[0];

	put_indent(em);
	put(em, "{\n");
	em->indent++;
	if (st->u.foreach->value) {
		put_indent(em);
		putf(em, "const struct stp_stat_data *d%zu_ = ", id);
		emit_stat_data(em, operand);
		put(em, ";\n");
	}
	put_indent(em);
	putf(em, "int64_t b%zu_, n%zu_ = stp_stat_buckets(", id, id);
	emit_stat_desc_ref(em, operand);
	putf(em, "), limit%zu_ = ", id);
	if (st->u.foreach->limit)
		emit_expr(em, st->u.foreach->limit);
	else
		put(em, "-1");
	put(em, ";\n");
	put_indent(em);
	putf(em, "for (b%zu_ = 0; b%zu_ < n%zu_; b%zu_++) {\n", id, id, id, id);
	em->indent++;
	put_indent(em);
	putf(em, "if (limit%zu_ >= 0 && b%zu_ >= limit%zu_)\n", id, id, id);
	put_indent(em);
	put(em, "\tbreak;\n");
	/* SystemTap charges a bucket's iteration at once, near the body. */
	action_charge_body_start(em, st->u.foreach->body);
	put_indent(em);
	emit_symbol_name(em->out, st->u.foreach->keys[0]->u.symbol.sym);
	putf(em, " = b%zu_;\n", id);
	if (st->u.foreach->value) {
		put_indent(em);
		emit_symbol_name(em->out, st->u.foreach->value->u.symbol.sym);
		putf(em, " = d%zu_ ? d%zu_->hist[b%zu_] : 0;\n", id, id, id);
	}
	emit_stmt(em, st->u.foreach->body);
	action_charge_body_end(em, st->u.foreach->body);
	em->indent--;
	put_indent(em);
	put(em, "}\n");
	em->indent--;
	put_indent(em);
	put(em, "}\n");
}
