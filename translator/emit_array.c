// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Global associative arrays to C, against runtime/map.c: element reads and
 * writes, `in`, `delete` (element, slice, whole array, scalar) and
 * `foreach` in all its forms. A key is built as a C array of union
 * stp_key in a block of its own; a slice's '*' fields become a mask.
 * Errors (overflow, empty aggregates) jump to the handler's `out`.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "ast_walk.h"

/* A fresh suffix for C names in a nested block. */
static size_t fresh(struct emitter *em)
{
	return em->needs->labels++;
}

static const struct symbol *array_symbol(const struct expr *e)
{
	return e->u.symbol.sym;
}

static void put_map(struct emitter *em, const struct symbol *sym)
{
	put(em, "&");
	emit_symbol_name(em->out, sym);
}

/* "union stp_key kN_[] = {...}; " for keys (NULL: '*'); returns the mask. */
static unsigned emit_key(struct emitter *em, const struct symbol *sym,
			 struct expr *const *keys, size_t nkeys, size_t id)
{
	unsigned wild = 0;

	putf(em, "union stp_key k%zu_[%d] = { ", id, sym->arity);
	for (size_t i = 0; i < nkeys; i++) {
		if (!keys[i]) {
			wild |= 1u << i;
			put(em, "{ .l = 0 }, ");
			continue;
		}
		put(em, sym->key_types[i] == TYPE_STRING ? "{ .s = " : "{ .l = ");
		emit_expr(em, keys[i]);
		put(em, " }, ");
	}
	put(em, "}; ");
	return wild;
}

/* "identifier 'a'" at the array's use: where overflow is reported. */
static void put_array_where(struct emitter *em, const struct expr *base)
{
	char *what = xasprintf("identifier '%s'", base->u.symbol.sym->name);

	put_where(em, what, base->loc);
	free(what);
}

/* a[k] as a value. */
void emit_array_index(struct emitter *em, const struct expr *e)
{
	const struct symbol *sym = array_symbol(e->u.index.base);
	size_t id = fresh(em);

	put(em, "({ ");
	emit_key(em, sym, e->u.index.keys, e->u.index.nkeys, id);
	if (sym->type == TYPE_STRING) {
		put(em, "stp_map_get_str(");
		put_map(em, sym);
		putf(em, ", k%zu_, l->tmp%zu); })", id, em->needs->string_temps++);
	} else {
		put(em, "stp_map_get_long(");
		put_map(em, sym);
		putf(em, ", k%zu_); })", id);
	}
}

/* The C of `o OP r` for a compound assignment's operator (without '='). */
static void emit_compound(struct emitter *em, const struct expr *e, const char *op,
			  size_t id)
{
	if (op[0] == '/' || op[0] == '%') {
		char what[16];

		snprintf(what, sizeof(what), "operator '%c'", op[0]);
		putf(em, "%s(c, o%zu_, r%zu_, ", op[0] == '/' ? "stp_div" : "stp_mod", id, id);
		put_where(em, what, e->loc);
		put(em, ")");
	} else if (strncmp(op, "<<", 2) == 0) {
		putf(em, "(int64_t)((uint64_t)o%zu_ << (r%zu_ & 63))", id, id);
	} else if (strncmp(op, ">>", 2) == 0) {
		putf(em, "(o%zu_ >> (r%zu_ & 63))", id, id);
	} else {
		putf(em, "(int64_t)((uint64_t)o%zu_ %c (uint64_t)r%zu_)", id, op[0], id);
	}
}

/* a[k] = v, a[k] OP= v, a[k] .= s: the new value. */
void emit_array_assign(struct emitter *em, const struct expr *e)
{
	const struct expr *lhs = e->u.op.left;
	const struct symbol *sym = array_symbol(lhs->u.index.base);
	const char *op = e->u.op.op;
	size_t id = fresh(em);

	put(em, "({ ");
	emit_key(em, sym, lhs->u.index.keys, lhs->u.index.nkeys, id);
	if (sym->type == TYPE_STRING) {
		putf(em, "const char *r%zu_ = ", id);
		emit_expr(em, e->u.op.right);
		put(em, "; ");
		if (strcmp(op, ".=") == 0) {
			size_t tmp = em->needs->string_temps++;

			put(em, "stp_map_get_str(");
			put_map(em, sym);
			putf(em, ", k%zu_, l->tmp%zu); r%zu_ = stp_string_append(l->tmp%zu, r%zu_); ",
			     id, tmp, id, tmp, id);
		}
		put(em, "if (stp_map_set_str(c, ");
		put_map(em, sym);
		putf(em, ", k%zu_, r%zu_, ", id, id);
		put_array_where(em, lhs->u.index.base);
		putf(em, ")) goto out; r%zu_; })", id);
		return;
	}
	putf(em, "int64_t r%zu_ = ", id);
	emit_expr(em, e->u.op.right);
	put(em, "; ");
	if (strcmp(op, "=") != 0) {
		putf(em, "int64_t o%zu_ = stp_map_get_long(", id);
		put_map(em, sym);
		putf(em, ", k%zu_); r%zu_ = ", id, id);
		emit_compound(em, e, op, id);
		put(em, "; if (unlikely(c->error)) goto out; ");
	}
	put(em, "if (stp_map_set_long(c, ");
	put_map(em, sym);
	putf(em, ", k%zu_, r%zu_, ", id, id);
	put_array_where(em, lhs->u.index.base);
	putf(em, ")) goto out; r%zu_; })", id);
}

/* ++a[k], a[k]--: the new or the old value. */
void emit_array_incdec(struct emitter *em, const struct expr *e)
{
	const struct expr *target = e->u.op.right;
	const struct symbol *sym = array_symbol(target->u.index.base);
	int delta = e->u.op.op[0] == '+' ? 1 : -1;
	size_t id = fresh(em);

	put(em, "({ ");
	emit_key(em, sym, target->u.index.keys, target->u.index.nkeys, id);
	putf(em, "int64_t n%zu_ = stp_map_add_long(c, ", id);
	put_map(em, sym);
	putf(em, ", k%zu_, %d, ", id, delta);
	put_array_where(em, target->u.index.base);
	putf(em, "); if (unlikely(c->error)) goto out; n%zu_", id);
	if (!e->u.op.prefix)
		putf(em, " - (%d)", delta);
	put(em, "; })");
}

/* [k...] in a, with or without '*' fields. */
void emit_array_in(struct emitter *em, const struct expr *e)
{
	const struct symbol *sym = array_symbol(e->u.index.base);
	size_t id = fresh(em);
	unsigned wild;

	put(em, "({ ");
	wild = emit_key(em, sym, e->u.index.keys, e->u.index.nkeys, id);
	if (wild) {
		put(em, "(int64_t)stp_map_slice_exists(");
		put_map(em, sym);
		putf(em, ", k%zu_, %uu); })", id, wild);
	} else {
		put(em, "(int64_t)stp_map_exists(");
		put_map(em, sym);
		putf(em, ", k%zu_); })", id);
	}
}

/* The combined statistic of a[k] (NULL when absent). */
void emit_array_stat_data(struct emitter *em, const struct expr *operand)
{
	const struct symbol *sym = array_symbol(operand->u.index.base);
	size_t id = fresh(em);

	put(em, "({ ");
	emit_key(em, sym, operand->u.index.keys, operand->u.index.nkeys, id);
	put(em, "stp_map_get_stat(");
	put_map(em, sym);
	putf(em, ", k%zu_); })", id);
}

/* a[k] <<< v */
void emit_array_stat_add(struct emitter *em, const struct expr *e)
{
	const struct expr *target = e->u.op.left;
	const struct symbol *sym = array_symbol(target->u.index.base);
	size_t id = fresh(em);

	put(em, "({ ");
	emit_key(em, sym, target->u.index.keys, target->u.index.nkeys, id);
	putf(em, "int64_t r%zu_ = ", id);
	emit_expr(em, e->u.op.right);
	put(em, "; if (stp_map_stat_add(c, ");
	put_map(em, sym);
	putf(em, ", k%zu_, r%zu_, ", id, id);
	put_array_where(em, target->u.index.base);
	putf(em, ")) goto out; r%zu_; })", id);
}

/* delete a[k] or delete a[k, *] */
static void emit_delete_element(struct emitter *em, const struct expr *e)
{
	const struct symbol *sym = array_symbol(e->u.index.base);
	size_t id = fresh(em);
	unsigned wild;

	put(em, "{ ");
	wild = emit_key(em, sym, e->u.index.keys, e->u.index.nkeys, id);
	put(em, wild ? "stp_map_delete_slice(" : "stp_map_delete(");
	put_map(em, sym);
	if (wild)
		putf(em, ", k%zu_, %uu); }\n", id, wild);
	else
		putf(em, ", k%zu_); }\n", id);
}

/* delete a (every element), delete s (a statistic), delete x (0 or ""). */
static void emit_delete_variable(struct emitter *em, const struct symbol *sym)
{
	if (sym->arity > 0 || sym->type == TYPE_STATS) {
		put(em, sym->arity > 0 ? "stp_map_clear(" : "stp_stat_clear(");
		put_map(em, sym);
		put(em, ");\n");
	} else if (sym->type == TYPE_STRING) {
		emit_symbol_name(em->out, sym);
		put(em, "[0] = '\\0';\n");
	} else {
		emit_symbol_name(em->out, sym);
		put(em, " = 0;\n");
	}
}

void emit_delete(struct emitter *em, const struct stmt *st)
{
	const struct expr *e = st->u.expr;

	put_indent(em);
	if (e->kind == EXPR_INDEX)
		emit_delete_element(em, e);
	else
		emit_delete_variable(em, e->u.symbol.sym);
}

/* Sorted foreach loops over one array each own a sort slot of its index
 * arrays: a loop's slot is its rank among the program's sorted loops over
 * that array, so loops nested in any way (also through function calls)
 * never share one. */
struct slot_search {
	const struct symbol *sym;
	const struct stmt *target;	/* NULL: count them all */
	unsigned count;
	bool found;
};

static void count_sorted_loops(const struct stmt *st, void *ctx)
{
	struct slot_search *ss = ctx;

	if (st->kind != STMT_FOREACH || ss->found || st->u.foreach->array->kind != EXPR_SYMBOL ||
	    st->u.foreach->array->u.symbol.sym != ss->sym)
		return;
	if (!st->u.foreach->sort.direction)
		return;
	if (st == ss->target) {
		ss->found = true;
		return;
	}
	ss->count++;
}

static unsigned sort_slot(const struct session *s, const struct symbol *sym,
			  const struct stmt *target)
{
	struct slot_search ss = { .sym = sym, .target = target };
	struct ast_visitor v = { .stmt = count_sorted_loops, .ctx = &ss };

	walk_program(&v, &s->program);
	return ss.count;
}

/* What a sort on an array of statistics compares: @count by default. */
static const char *stat_sort_key(const char *aggregate)
{
	if (!aggregate)
		return "STP_STAT_BY_COUNT";
	if (strcmp(aggregate, "@sum") == 0)
		return "STP_STAT_BY_SUM";
	if (strcmp(aggregate, "@min") == 0)
		return "STP_STAT_BY_MIN";
	if (strcmp(aggregate, "@max") == 0)
		return "STP_STAT_BY_MAX";
	if (strcmp(aggregate, "@avg") == 0)
		return "STP_STAT_BY_AVG";
	return "STP_STAT_BY_COUNT";
}

/* Bind the loop's key variables and value to entry eN_. */
static void emit_foreach_bind(struct emitter *em, const struct stmt *st,
			      const struct symbol *sym, size_t id)
{
	for (size_t i = 0; i < st->u.foreach->nkeys; i++) {
		const struct symbol *var = st->u.foreach->keys[i]->u.symbol.sym;

		put_indent(em);
		if (sym->key_types[i] == TYPE_STRING) {
			put(em, "stp_string_assign(");
			emit_symbol_name(em->out, var);
			put(em, ", stp_map_key_str(");
		} else {
			emit_symbol_name(em->out, var);
			put(em, " = stp_map_key_long(");
		}
		put_map(em, sym);
		putf(em, ", e%zu_, %zu)%s;\n", id, i, sym->key_types[i] == TYPE_STRING ? ")" : "");
	}
	if (!st->u.foreach->value || sym->type == TYPE_STATS)
		return;
	put_indent(em);
	if (sym->type == TYPE_STRING) {
		put(em, "stp_string_assign(");
		emit_symbol_name(em->out, st->u.foreach->value->u.symbol.sym);
		put(em, ", stp_map_entry_str(");
	} else {
		emit_symbol_name(em->out, st->u.foreach->value->u.symbol.sym);
		put(em, " = stp_map_entry_long(");
	}
	put_map(em, sym);
	putf(em, ", e%zu_)%s;\n", id, sym->type == TYPE_STRING ? ")" : "");
}

/*
 * foreach ([k...] in a[slice] SORT limit n) body. Unsorted loops walk
 * insertion order; sorted ones go through the map's sort slot. Each iteration spends an action.
 */
void emit_foreach(struct emitter *em, const struct stmt *st)
{
	const struct symbol *sym;
	const struct foreach_sort *sort = &st->u.foreach->sort;
	bool sorted = sort->direction != 0, sliced = st->u.foreach->nslice > 0;
	size_t id = fresh(em);
	unsigned wild = 0;

	action_charge(em, 1, st->loc);
	if (st->u.foreach->array->kind == EXPR_HIST) {
		emit_hist_foreach(em, st, id);
		return;
	}
	sym = array_symbol(st->u.foreach->array);

	put_indent(em);
	put(em, "{\n");
	em->indent++;
	put_indent(em);
	putf(em, "int64_t limit%zu_ = ", id);
	if (st->u.foreach->limit)
		emit_expr(em, st->u.foreach->limit);
	else
		put(em, "-1");
	putf(em, ", seen%zu_ = 0;\n", id);
	if (sliced) {	/* a slice without '*' visits only that element */
		put_indent(em);
		wild = emit_key(em, sym, st->u.foreach->slice, st->u.foreach->nslice, id);
		put(em, "\n");
	}
	put_indent(em);
	if (sorted) {
		unsigned slot = sort_slot(em->s, sym, st);

		putf(em, "u32 i%zu_, n%zu_ = stp_map_sort(", id, id);
		put_map(em, sym);
		/* With a slice, the limit counts matching elements, not sorted ones. */
		putf(em, ", %u, %d, %s, %s, ", slot, sort->column,
		     sort->direction < 0 ? "STP_SORT_DESC" : "STP_SORT_ASC",
		     stat_sort_key(sort->aggregate));
		if (sliced)
			put(em, "-1);\n");
		else
			putf(em, "limit%zu_);\n", id);
		put_indent(em);
		putf(em, "for (i%zu_ = 0; i%zu_ < n%zu_; i%zu_++) {\n", id, id, id, id);
		em->indent++;
		put_indent(em);
		putf(em, "u32 e%zu_ = stp_map_sorted(", id);
		put_map(em, sym);
		putf(em, ", %u, i%zu_);\n", slot, id);
	} else {
		putf(em, "u32 e%zu_;\n", id);
		put_indent(em);
		putf(em, "for (e%zu_ = stp_map_first(", id);
		put_map(em, sym);
		putf(em, "); e%zu_ != STP_MAP_NIL; e%zu_ = stp_map_next(", id, id);
		put_map(em, sym);
		putf(em, ", e%zu_)) {\n", id);
		em->indent++;
	}
	if (sliced) {
		put_indent(em);
		put(em, "if (!stp_map_slice_match(");
		put_map(em, sym);
		putf(em, ", e%zu_, k%zu_, %uu))\n", id, id, wild);
		put_indent(em);
		put(em, "\tcontinue;\n");
	}
	put_indent(em);
	putf(em, "if (limit%zu_ >= 0 && seen%zu_++ >= limit%zu_)\n", id, id, id);
	put_indent(em);
	put(em, "\tbreak;\n");
	action_count(em, 1, st->loc);	/* the iteration */
	emit_foreach_bind(em, st, sym, id);
	emit_stmt(em, st->u.foreach->body);
	action_charge_body_end(em, st->u.foreach->body);
	em->indent--;
	put_indent(em);
	put(em, "}\n");
	em->indent--;
	put_indent(em);
	put(em, "}\n");
}

/* A global array's declaration: key types, then the stp_map. */
void emit_array_global(struct strbuf *out, const struct session *s, const struct symbol *g)
{
	unsigned slots = sort_slot(s, g, NULL);
	static const char *const value_types[] = {
		[TYPE_LONG] = "STP_TYPE_LONG", [TYPE_STRING] = "STP_TYPE_STRING",
		[TYPE_STATS] = "STP_TYPE_STAT",
	};

	strbuf_addf(out, "static const u8 stp_keys_%s[] = { ", g->name);
	for (int i = 0; i < g->arity; i++)
		strbuf_adds(out, g->key_types[i] == TYPE_STRING ? "STP_TYPE_STRING, "
				: "STP_TYPE_LONG, ");
	strbuf_addf(out, "};\nstatic struct stp_map stp_global_%s = {\n"
		    "\t.nkeys = %d, .key_types = stp_keys_%s,\n"
		    "\t.value_type = %s,\n\t.size = %llu, .wrap = %s,\n"
		    "\t.sort_slots = %u,\n", g->name, g->arity, g->name,
		    value_types[g->type == TYPE_UNKNOWN ? TYPE_LONG : g->type],
		    (unsigned long long)g->max_entries, g->wrap ? "true" : "false",
		    slots ? slots : 1);
	if (g->type == TYPE_STATS) {
		strbuf_adds(out, "\t.stat = ");
		emit_stat_desc(out, s, g);
		strbuf_adds(out, ",\n");
	}
	strbuf_adds(out, "}");	/* the caller ends the declaration */
}
