// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The type walk behind `$var->field[i]`. The walk keeps either a value in
 * hand (the variable itself, or a pointer just loaded) or the address of
 * an object in memory; `->` on a pointer value goes to the pointee's
 * address, `->` on a struct in memory just adds the member's offset (the
 * script language writes `->` for C's `.` too), and only the last step, or
 * a pointer met on the way, loads. A char array at the end is a string.
 */
#include "target_var.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "similar.h"
#include "util.h"

struct walk {
	struct target_access *access;
	const struct ctype *type;
	bool in_memory;			/* the address of an object of type */
	char **message;
	struct location *at;
};

static void add_step(struct walk *w, struct target_step step)
{
	size_t cap = w->access->nsteps;

	grow_array((void **)&w->access->steps, &cap, w->access->nsteps + 1,
		   sizeof(step));
	w->access->steps[w->access->nsteps++] = step;
}

static bool fail(struct walk *w, struct location at, char *message)
{
	*w->message = message;
	*w->at = at;
	return false;
}

/* Load the pointer in memory: the walk then holds its value. */
static void load_pointer(struct walk *w)
{
	add_step(w, (struct target_step){ .kind = STEP_LOAD, .size = 8 });
	w->in_memory = false;
}

static bool walk_field(struct walk *w, const struct target_suffix *sx)
{
	struct ctype_member m;
	struct similar_names similar;
	const char **names;
	size_t n;
	char *list;

	if (w->in_memory && w->type->kind == CTYPE_POINTER)
		load_pointer(w);
	if (!w->in_memory) {
		if (w->type->kind != CTYPE_POINTER)
			return fail(w, sx->loc, xasprintf("'%s' is not a pointer (type %s): "
							  "cannot follow '->%s'",
							  w->type->name, w->type->name, sx->text));
		w->type = w->type->target;
		w->in_memory = true;
	}
	if (w->type->kind != CTYPE_STRUCT && w->type->kind != CTYPE_UNION)
		return fail(w, sx->loc, xasprintf("'->%s' on %s, not a struct or union",
						  sx->text, w->type->name));
	if (ctype_find_member((struct ctype *)w->type, sx->text, &m)) {
		if (m.bitfield_size) {
			w->access->bit_offset = (unsigned)(m.bit_offset % 8);
			w->access->bit_size = m.bitfield_size;
		}
		add_step(w, (struct target_step){ .kind = STEP_OFFSET,
						  .offset = m.bit_offset / 8 });
		w->type = m.type;
		return true;
	}
	names = ctype_member_names((struct ctype *)w->type, &n);
	similar_init(&similar, sx->text, true);
	for (size_t i = 0; i < n; i++)
		similar_offer(&similar, names[i]);
	free(names);
	list = similar_join(&similar);
	fail(w, sx->loc, *list ? xasprintf("unable to find member '%s' for %s (similar: %s)",
					   sx->text, w->type->name, list)
			       : xasprintf("unable to find member '%s' for %s",
					   sx->text, w->type->name));
	free(list);
	return false;
}

static bool walk_index(struct walk *w, const struct target_suffix *sx)
{
	if (w->in_memory && w->type->kind == CTYPE_POINTER)
		load_pointer(w);
	if (w->in_memory && w->type->kind == CTYPE_ARRAY) {
		w->type = w->type->target;
	} else if (!w->in_memory && w->type->kind == CTYPE_POINTER) {
		w->type = w->type->target;
		w->in_memory = true;
	} else {
		return fail(w, sx->loc, xasprintf("cannot index %s: not an array or pointer",
						  w->type->name));
	}
	if (w->type->size == 0)
		return fail(w, sx->loc, xasprintf("cannot index elements of %s: no size",
						  w->type->name));
	add_step(w, (struct target_step){ .kind = STEP_INDEX, .index = sx->index,
					  .size = w->type->size });
	return true;
}

/* The value the walk ends on, as the script sees it. */
static bool finish(struct walk *w, const struct expr *e)
{
	const struct ctype *t = w->type;

	if (e->u.target->address_of) {
		if (!w->in_memory)
			return fail(w, e->loc, xasprintf("cannot take the address of '%s': "
							 "not in memory", e->u.target->name));
		w->access->result = TARGET_LONG;
		return true;
	}
	if (w->in_memory && ctype_is_string(t)) {
		w->access->result = TARGET_STRING;
		w->access->string_max = t->nelems;
		return true;
	}
	if (!ctype_is_integral(t))
		return fail(w, e->loc, xasprintf("'%s' is %s: only integers, pointers "
						 "and char arrays can be read",
						 e->u.target->name, t->name));
	/* A bitfield's bits may run past its type's size from the byte it
	 * starts in: read 8 bytes, stp_bitfield() picks the bits. */
	if (w->in_memory)
		add_step(w, (struct target_step){ .kind = STEP_LOAD,
						  .size = w->access->bit_size ? 8 : t->size,
						  .is_signed = t->is_signed });
	w->access->result = TARGET_LONG;
	return true;
}

/* $$parms, $$vars, $$locals, $$return: which variables each lists.
 * Without DWARF a site has no locals, so $$vars is $$parms. */
static bool listed(const char *name, const struct context_var *v)
{
	bool is_return = v->arg == CONTEXT_ARG_RETURN;

	if (strcmp(name, "$$return") == 0)
		return is_return;
	if (strcmp(name, "$$locals") == 0)
		return false;
	return !is_return;
}

static bool is_var_list(const char *name)
{
	return strcmp(name, "$$parms") == 0 || strcmp(name, "$$vars") == 0 ||
	       strcmp(name, "$$locals") == 0 || strcmp(name, "$$return") == 0;
}

/* "name=0x.. name=0x..", or with a $ / $$ suffix "name=<pretty> ...". */
static struct target_access *resolve_var_list(const struct expr *e,
					      const struct context_var *vars, size_t nvars)
{
	const char *name = e->u.target->name;
	struct target_access *a = xcalloc(1, sizeof(*a));
	bool pretty = e->u.target->nsuffixes > 0;
	bool deep = pretty && strcmp(e->u.target->suffixes[0].text, "$$") == 0;
	size_t n = 0;

	a->result = pretty ? TARGET_PRETTY : TARGET_PARMS;
	a->parms = xcalloc(nvars + 1, sizeof(*a->parms));
	for (size_t i = 0; i < nvars; i++) {
		struct context_var v = vars[i];

		if (!listed(name, &v))
			continue;
		if (v.arg == CONTEXT_ARG_RETURN)
			v.name = "return";
		a->parms[a->nparms++] = v;
		if (!pretty)
			continue;
		pretty_add_text(a, n++ ? " " : "");
		pretty_add_text(a, v.name);
		pretty_add_text(a, "=");
		pretty_add_value(a, v.type, false, deep, v.arg);
	}
	return a;
}

static char *alternatives(const struct context_var *vars, size_t nvars)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i < nvars; i++)
		strbuf_addf(&sb, "%s$%s", i ? " " : "", vars[i].name);
	return strbuf_detach(&sb);
}

/* An assigned target: an integer in a register or in memory. */
static bool check_write(struct walk *w, const struct expr *e)
{
	if (w->access->result != TARGET_LONG || e->u.target->address_of)
		return fail(w, e->loc, xasprintf("only an integer or pointer can be "
						 "assigned, not '%s'", e->u.target->name));
	if (w->access->bit_size)
		return fail(w, e->loc, xasprintf("writing a bitfield is not supported "
						 "by this ctap yet"));
	if (!w->access->nsteps && w->access->base != BASE_ARG)
		return fail(w, e->loc, xasprintf("'%s' is not in memory: it cannot be "
						 "assigned", e->u.target->name));
	w->access->write = true;
	return true;
}

/* The suffixes from the walk's start, then the value it ends on. */
static struct target_access *walk_suffixes(struct walk *w, const struct expr *e, bool write)
{
	const struct target_value *tv = e->u.target;
	bool ok = true;

	for (size_t i = 0; i < tv->nsuffixes && ok; i++) {
		const struct target_suffix *sx = &tv->suffixes[i];

		if (w->access->bit_size)
			ok = fail(w, sx->loc, xasprintf("a bitfield has no members"));
		else if (sx->kind == SUFFIX_FIELD)
			ok = walk_field(w, sx);
		else if (sx->kind == SUFFIX_INDEX)
			ok = walk_index(w, sx);
		else if (tv->address_of)
			ok = fail(w, sx->loc, xasprintf("cannot take the address of a "
							"pretty print"));
		else {
			/* the parser puts a pretty print last */
			w->access->result = TARGET_PRETTY;
			pretty_add_value(w->access, w->type, w->in_memory,
					 strcmp(sx->text, "$$") == 0, PRETTY_BASE_WALK);
		}
	}
	if (ok && w->access->bit_size && tv->address_of)
		ok = fail(w, e->loc, xasprintf("cannot take the address of a bitfield"));
	if (ok && w->access->result != TARGET_PRETTY)
		ok = finish(w, e);
	if (ok && write)
		ok = check_write(w, e);
	if (!ok) {
		target_access_free(w->access);
		return NULL;
	}
	return w->access;
}

struct target_access *target_var_resolve(const struct expr *e,
					 const struct context_var *vars, size_t nvars,
					 bool write, char **message, struct location *at)
{
	const char *name = e->u.target->name;
	const struct context_var *var = NULL;
	struct walk w = { .message = message, .at = at };

	if (is_var_list(name)) {
		if (write || e->u.target->address_of ||
		    (e->u.target->nsuffixes && e->u.target->suffixes[0].kind != SUFFIX_PRETTY)) {
			fail(&w, e->loc, xasprintf("'%s' is a string: it has no members, "
						   "address or assignment", name));
			return NULL;
		}
		return resolve_var_list(e, vars, nvars);
	}
	for (size_t i = 0; i < nvars; i++)
		if (strcmp(vars[i].name, name + 1) == 0)
			var = &vars[i];
	if (!var) {
		char *alt = alternatives(vars, nvars);

		fail(&w, e->loc, *alt ? xasprintf("unable to find context variable '%s' "
						 "(alternatives: %s)", name, alt)
				      : xasprintf("unable to find context variable '%s' "
						 "(this probe point has none)", name));
		free(alt);
		return NULL;
	}
	w.access = xcalloc(1, sizeof(*w.access));
	w.access->arg = var->arg;
	w.type = var->type;
	return walk_suffixes(&w, e, write);
}

struct target_access *target_cast_resolve(const struct expr *e, const struct ctype *type,
					  bool write, char **message, struct location *at)
{
	struct walk w = { .message = message, .at = at };

	w.access = xcalloc(1, sizeof(*w.access));
	w.access->base = BASE_OPERAND;
	w.access->operand = e->u.target->args[0];
	/* @cast(p, "T") is p seen as a T *: ->f and [i] as on any pointer */
	w.access->cast_pointer = (struct ctype){ .kind = CTYPE_POINTER, .size = 8,
						 .target = type, .name = type->name };
	w.type = &w.access->cast_pointer;
	if (!e->u.target->nsuffixes && !e->u.target->address_of) {
		fail(&w, e->loc, xasprintf("'%s' is being accessed instead of a member",
					   type->name));
		target_access_free(w.access);
		return NULL;
	}
	return walk_suffixes(&w, e, write);
}

struct target_access *target_global_resolve(const struct expr *e, const char *symbol,
					    const struct ctype *type, bool write,
					    char **message, struct location *at)
{
	struct walk w = { .message = message, .at = at, .type = type, .in_memory = true };

	w.access = xcalloc(1, sizeof(*w.access));
	w.access->base = BASE_SYMBOL;
	w.access->symbol = xstrdup(symbol);
	return walk_suffixes(&w, e, write);
}

bool target_access_equal(const struct target_access *a, const struct target_access *b)
{
	if (a->result == TARGET_PRETTY && !pretty_equal(a, b))
		return false;
	if (a->base != b->base || a->operand != b->operand || a->write != b->write ||
	    (a->symbol && strcmp(a->symbol, b->symbol) != 0))
		return false;
	if (a->result != b->result || a->arg != b->arg || a->nsteps != b->nsteps ||
	    a->string_max != b->string_max || a->bit_offset != b->bit_offset ||
	    a->bit_size != b->bit_size || a->nparms != b->nparms)
		return false;
	for (size_t i = 0; i < a->nsteps; i++)
		if (a->steps[i].kind != b->steps[i].kind ||
		    a->steps[i].offset != b->steps[i].offset ||
		    a->steps[i].size != b->steps[i].size ||
		    a->steps[i].is_signed != b->steps[i].is_signed)
			return false;
	for (size_t i = 0; i < a->nparms; i++)
		if (strcmp(a->parms[i].name, b->parms[i].name) != 0 ||
		    a->parms[i].arg != b->parms[i].arg)
			return false;
	return true;
}

void target_access_free(struct target_access *access)
{
	if (!access)
		return;
	pretty_free(access);
	free(access->steps);
	free(access->parms);
	free(access->symbol);
	free(access);
}

static void emit_base(struct emitter *em, const struct target_access *a)
{
	switch (a->base) {
	case BASE_ARG:
		putf(em, "stp_arg(c, %d)", a->arg);
		break;
	case BASE_OPERAND:
		put(em, "((int64_t)(");
		emit_expr(em, a->operand);
		put(em, "))");
		break;
	case BASE_SYMBOL:
		/* linked by name: the kernel exports it (target_types.c) */
		putf(em, "({ extern const char stp_global[] __asm__(\"%s\"); "
		     "(int64_t)(uintptr_t)stp_global; })", a->symbol);
		break;
	}
}

/* The C expression of the address or value after the first n steps. */
static void emit_steps(struct emitter *em, const struct expr *e, size_t n, const char *what)
{
	const struct target_access *a = e->u.target->access;
	const struct target_step *step;

	if (n == 0) {
		emit_base(em, a);
		return;
	}
	step = &a->steps[n - 1];
	switch (step->kind) {
	case STEP_OFFSET:
		put(em, "(");
		emit_steps(em, e, n - 1, what);
		putf(em, " + %lluLL)", (unsigned long long)step->offset);
		break;
	case STEP_INDEX:
		put(em, "(");
		emit_steps(em, e, n - 1, what);
		put(em, " + (");
		emit_expr(em, step->index);
		putf(em, ") * %lluLL)", (unsigned long long)step->size);
		break;
	case STEP_LOAD:
		put(em, "stp_kread(c, ");
		emit_steps(em, e, n - 1, what);
		putf(em, ", %llu, %d, ", (unsigned long long)step->size, step->is_signed);
		put_where(em, what, e->loc);
		put(em, ")");
		break;
	}
}

static void emit_parms(struct emitter *em, const struct expr *e)
{
	const struct target_access *a = e->u.target->access;

	putf(em, "stp_format_parms(c, l->tmp%zu, %zu", em->needs->string_temps++, a->nparms);
	for (size_t i = 0; i < a->nparms; i++) {
		put(em, ", ");
		put_c_string(em, a->parms[i].name, strlen(a->parms[i].name));
		putf(em, ", stp_arg(c, %d)", a->parms[i].arg);
	}
	put(em, ")");
}

/* The value or address the walk ends on: a pretty print's base. */
static void emit_walk(struct emitter *em, const struct expr *e)
{
	char *what = xasprintf("identifier '%s'", e->u.target->name);

	emit_steps(em, e, e->u.target->access->nsteps, what);
	free(what);
}

void emit_target_var(struct emitter *em, const struct expr *e)
{
	const struct target_access *a = e->u.target->access;
	char *what = xasprintf("identifier '%s'", e->u.target->name);

	switch (a->result) {
	case TARGET_PARMS:
		emit_parms(em, e);
		break;
	case TARGET_PRETTY:
		emit_pretty(em, e, emit_walk);
		break;
	case TARGET_STRING:
		putf(em, "stp_kread_string(c, l->tmp%zu, ", em->needs->string_temps++);
		emit_steps(em, e, a->nsteps, what);
		putf(em, ", %llu, ", (unsigned long long)a->string_max);
		put_where(em, what, e->loc);
		put(em, ")");
		break;
	case TARGET_LONG:
		if (a->bit_size) {
			put(em, "stp_bitfield(");
			emit_steps(em, e, a->nsteps, what);
			putf(em, ", %u, %u, %d)", a->bit_offset, a->bit_size,
			     a->nsteps && a->steps[a->nsteps - 1].is_signed);
		} else {
			put(em, "((int64_t)");
			emit_steps(em, e, a->nsteps, what);
			put(em, ")");
		}
		break;
	}
	free(what);
}

/*
 * `$x = v`: a variable in a register is set in the probe's saved
 * registers (the probed function sees it when the probe returns);
 * memory is written with copy_to_kernel_nofault. `$x += v` and the
 * like read first.
 */
void emit_target_write(struct emitter *em, const struct expr *assign)
{
	const struct expr *e = assign->u.op.left;
	const struct target_access *a = e->u.target->access;
	const char *op = assign->u.op.op;
	char *what = xasprintf("identifier '%s'", e->u.target->name);

	if (a->nsteps) {
		const struct target_step *load = &a->steps[a->nsteps - 1];

		put(em, "stp_kwrite(c, ");
		emit_steps(em, e, a->nsteps - 1, what);
		putf(em, ", %llu, ", (unsigned long long)load->size);
	} else {
		putf(em, "stp_set_arg(c, %d, ", a->arg);
	}
	if (strcmp(op, "=") != 0) {
		put(em, "(");
		emit_target_var(em, e);
		putf(em, " %.*s ", (int)strlen(op) - 1, op);
	}
	put(em, "(");
	emit_expr(em, assign->u.op.right);
	put(em, strcmp(op, "=") != 0 ? ")), " : "), ");
	put_where(em, what, e->loc);
	put(em, ")");
	free(what);
}
