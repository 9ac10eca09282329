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
	/* The members whose names are close, or else all of them, as
	 * SystemTap lists its alternatives. */
	names = ctype_member_names((struct ctype *)w->type, &n);
	similar_init(&similar, sx->text, true);
	for (size_t i = 0; i < n; i++)
		similar_offer(&similar, names[i]);
	list = similar_join(&similar);
	if (*list) {
		fail(w, sx->loc, xasprintf("unable to find member '%s' for %s (similar: %s)",
					   sx->text, w->type->name, list));
	} else {
		struct strbuf all;

		strbuf_init(&all);
		for (size_t i = 0; i < n; i++)
			strbuf_addf(&all, "%s%s", i ? ", " : "", names[i]);
		fail(w, sx->loc, n ? xasprintf("unable to find member '%s' for %s "
					       "(alternatives: %s)", sx->text,
					       w->type->name, all.data)
				   : xasprintf("unable to find member '%s' for %s: it has none",
					       sx->text, w->type->name));
		strbuf_free(&all);
	}
	free(names);
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

/*
 * $$parms, $$vars, $$locals, $$return: whether list `name` takes v in the
 * pass for parameters or for locals ($$vars lists the parameters, then
 * the locals). Without DWARF a site has no locals, so $$vars is $$parms.
 */
static bool listed(const char *name, const struct context_var *v, bool locals_pass)
{
	bool is_return = v->arg == CONTEXT_ARG_RETURN;

	if (strcmp(name, "$$return") == 0)
		return is_return && !locals_pass;
	if (is_return || v->is_local != locals_pass)
		return false;
	if (strcmp(name, "$$parms") == 0)
		return !locals_pass;
	if (strcmp(name, "$$locals") == 0)
		return locals_pass;
	return true;
}

static bool is_var_list(const char *name)
{
	return strcmp(name, "$$parms") == 0 || strcmp(name, "$$vars") == 0 ||
	       strcmp(name, "$$locals") == 0 || strcmp(name, "$$return") == 0;
}

/* "name=0x.. name=?", or with a $ / $$ suffix "name=<pretty> ...": a
 * variable that cannot be read at this site prints as "?". */
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
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nvars; i++) {
			struct context_var v = vars[i];

			if (!listed(name, &v, pass == 1))
				continue;
			if (v.arg == CONTEXT_ARG_RETURN)
				v.name = "return";
			a->parms[a->nparms++] = v;
			if (!pretty)
				continue;
			pretty_add_text(a, n++ ? " " : "");
			pretty_add_text(a, v.name);
			pretty_add_text(a, "=");
			if (v.unavailable)
				pretty_add_text(a, "?");
			else
				pretty_add_value(a, v.type, v.in_memory, deep, v.arg, v.location);
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
	/* DWARF: a register is set in the saved registers, memory through the
	 * walk's last load; a computed value (DW_OP_stack_value, pieces, a
	 * constant) has nowhere to be written to */
	if (!w->access->nsteps && w->access->location && !w->access->in_register)
		return fail(w, e->loc, xasprintf("'%s' is computed from its DWARF location "
						 "at this address, not held in a register or "
						 "memory: it cannot be assigned",
						 e->u.target->name));
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
					 strcmp(sx->text, "$$") == 0, PRETTY_BASE_WALK, NULL);
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
	if (var->unavailable) {
		fail(&w, e->loc, xstrdup(var->unavailable));
		return NULL;
	}
	w.access = xcalloc(1, sizeof(*w.access));
	w.access->arg = var->arg;
	w.access->location = var->location ? xstrdup(var->location) : NULL;
	w.access->in_memory = var->in_memory;
	w.access->in_register = var->in_register;
	w.access->reg = var->reg;
	w.type = var->type;
	w.in_memory = var->in_memory;
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

bool target_access_compatible(const struct target_access *a, const struct target_access *b)
{
	return (a->result == TARGET_LONG) == (b->result == TARGET_LONG);
}

bool target_access_equal(const struct target_access *a, const struct target_access *b)
{
	if (a->result == TARGET_PRETTY && !pretty_equal(a, b))
		return false;
	if (!same_string(a->location, b->location) || a->in_memory != b->in_memory ||
	    a->in_register != b->in_register || a->reg != b->reg)
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
		    a->parms[i].arg != b->parms[i].arg ||
		    !same_string(a->parms[i].location, b->parms[i].location) ||
		    a->parms[i].in_memory != b->parms[i].in_memory ||
		    !a->parms[i].unavailable != !b->parms[i].unavailable ||
		    a->parms[i].type->size != b->parms[i].type->size ||
		    ctype_is_integral(a->parms[i].type) != ctype_is_integral(b->parms[i].type))
			return false;
	return true;
}

void target_access_free(struct target_access *access)
{
	if (!access)
		return;
	target_access_free(access->next_site);
	pretty_free(access);
	free(access->location);
	free(access->steps);
	free(access->parms);
	free(access->symbol);
	free(access);
}

static void emit_base(struct emitter *em, const struct target_access *a)
{
	switch (a->base) {
	case BASE_ARG:
		/* the variable's value, or its address when in memory */
		if (a->location)
			put(em, a->location);
		else
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
static void emit_steps(struct emitter *em, const struct target_access *a, size_t n,
		       const char *what, struct location loc)
{
	const struct target_step *step;

	if (n == 0) {
		emit_base(em, a);
		return;
	}
	step = &a->steps[n - 1];
	switch (step->kind) {
	case STEP_OFFSET:
		put(em, "(");
		emit_steps(em, a, n - 1, what, loc);
		putf(em, " + %lluLL)", (unsigned long long)step->offset);
		break;
	case STEP_INDEX:
		put(em, "(");
		emit_steps(em, a, n - 1, what, loc);
		put(em, " + (");
		emit_expr(em, step->index);
		putf(em, ") * %lluLL)", (unsigned long long)step->size);
		break;
	case STEP_LOAD:
		put(em, "stp_kread(c, ");
		emit_steps(em, a, n - 1, what, loc);
		putf(em, ", %llu, %d, ", (unsigned long long)step->size, step->is_signed);
		put_where(em, what, loc);
		put(em, ")");
		break;
	}
}

static bool parm_known(const struct context_var *v)
{
	return !v->unavailable && ctype_is_integral(v->type) && v->type->size <= 8;
}

/* A variable of $$vars as an int64_t C expression (parm_known(v)). */
static void emit_parm_read(struct emitter *em, const struct context_var *v)
{
	put(em, "(int64_t)");
	if (!v->location)
		putf(em, "stp_arg(c, %d)", v->arg);
	else if (v->in_memory)
		putf(em, "stp_kread(c, %s, %llu, %d, stp_where)", v->location,
		     (unsigned long long)v->type->size, v->type->is_signed);
	else
		put(em, v->location);
}

/* $$vars: each variable's name, whether known, and its value (read now,
 * or saved at entry in slots slot + i). */
static void emit_parms(struct emitter *em, const struct target_access *a, bool saved,
		       unsigned slot)
{
	putf(em, "stp_format_parms(c, l->tmp%zu, %zu", em->needs->string_temps++, a->nparms);
	for (size_t i = 0; i < a->nparms; i++) {
		const struct context_var *v = &a->parms[i];

		put(em, ", ");
		put_c_string(em, v->name, strlen(v->name));
		if (!parm_known(v)) {
			put(em, ", 0, 0LL");
		} else if (saved) {
			putf(em, ", 1, stp_entry_value(c, %zu)", slot + i);
		} else {
			put(em, ", 1, ");
			emit_parm_read(em, v);
		}
	}
	put(em, ")");
}

/* The value or address the walk ends on: a pretty print's base. */
static void emit_walk(struct emitter *em, const struct target_access *a, const char *what,
		      struct location loc)
{
	emit_steps(em, a, a->nsteps, what, loc);
}

static void emit_access(struct emitter *em, const struct target_access *a, const char *what,
			struct location loc)
{
	switch (a->result) {
	case TARGET_PARMS:
		emit_parms(em, a, false, 0);
		break;
	case TARGET_PRETTY:
		emit_pretty(em, a, what, loc, emit_walk);
		break;
	case TARGET_STRING:
		putf(em, "stp_kread_string(c, l->tmp%zu, ", em->needs->string_temps++);
		emit_steps(em, a, a->nsteps, what, loc);
		putf(em, ", %llu, ", (unsigned long long)a->string_max);
		put_where(em, what, loc);
		put(em, ")");
		break;
	case TARGET_LONG:
		if (a->bit_size) {
			put(em, "stp_bitfield(");
			emit_steps(em, a, a->nsteps, what, loc);
			putf(em, ", %u, %u, %d)", a->bit_offset, a->bit_size,
			     a->nsteps && a->steps[a->nsteps - 1].is_signed);
		} else {
			put(em, "((int64_t)");
			emit_steps(em, a, a->nsteps, what, loc);
			put(em, ")");
		}
		break;
	}
}

/* What one site does with the variable: data is the emitter's caller's. */
typedef void site_access_fn(struct emitter *em, const struct target_access *site,
			    const char *what, const void *data);

/*
 * One access per site of e's variable, in a statement expression that
 * names `stp_where` (where DWARF reads report a fault): sites that hold
 * the variable differently pick their own access by the running probe's
 * index in stp_probes[].
 */
static void emit_per_site(struct emitter *em, const struct expr *e, site_access_fn *access,
			  const void *data)
{
	const struct target_access *a = e->u.target->access;
	char *what = xasprintf("identifier '%s'", e->u.target->name);

	put(em, "({ const char *stp_where __maybe_unused = ");
	put_where(em, what, e->loc);
	put(em, "; ");
	for (; a->next_site; a = a->next_site) {
		putf(em, "c->probe == &stp_probes[%d] ? ", *a->site_index);
		access(em, a, what, data);
		put(em, " : ");
	}
	access(em, a, what, data);
	put(em, "; })");
	free(what);
}

static void read_access(struct emitter *em, const struct target_access *site, const char *what,
			const void *data)
{
	const struct expr *e = data;

	emit_access(em, site, what, e->loc);
}

/* e's value. */
static void emit_read(struct emitter *em, const struct expr *e)
{
	emit_per_site(em, e, read_access, e);
}

void emit_target_var(struct emitter *em, const struct expr *e)
{
	const struct target_access *a = e->u.target->access;

	if (a->at_entry && a->result == TARGET_PARMS) {
		/* each site's list, from the slots its entry filled */
		put(em, "(");
		for (const struct target_access *site = a; site; site = site->next_site) {
			if (site->next_site)
				putf(em, "c->probe == &stp_probes[%d] ? ", *site->site_index);
			emit_parms(em, site, true, a->entry_slot);
			if (site->next_site)
				put(em, " : ");
		}
		put(em, ")");
	} else if (a->at_entry) {
		putf(em, "stp_entry_value(c, %u)", a->entry_slot);
	} else {
		emit_read(em, e);
	}
}

size_t target_entry_slots(const struct target_access *a)
{
	size_t most = 1;

	for (; a; a = a->next_site)
		if (a->result == TARGET_PARMS && a->nparms > most)
			most = a->nparms;
	return most;
}

/* One site's $$vars values into slots slot + i. */
static void emit_save_parms(struct emitter *em, const struct target_access *a, unsigned slot)
{
	for (size_t i = 0; i < a->nparms; i++) {
		if (!parm_known(&a->parms[i]))
			continue;
		putf(em, "\t\tc->entry_values[%zu] = ", slot + i);
		emit_parm_read(em, &a->parms[i]);
		put(em, ";\n");
	}
}

void emit_target_var_at_entry(struct emitter *em, const struct expr *e)
{
	const struct target_access *a = e->u.target->access;
	char *what = xasprintf("identifier '%s'", e->u.target->name);

	if (a->result != TARGET_PARMS) {
		putf(em, "\tc->entry_values[%u] = ", a->entry_slot);
		emit_read(em, e);
		put(em, ";\n");
		free(what);
		return;
	}
	put(em, "\t{\n\t\tconst char *stp_where __maybe_unused = ");
	put_where(em, what, e->loc);
	put(em, ";\n\n");
	for (const struct target_access *site = a; site; site = site->next_site) {
		if (site->next_site)
			putf(em, "\t%sif (c->probe == &stp_probes[%d]) {\n",
			     site == a ? "" : "} else ", *site->site_index);
		else if (site != a)
			put(em, "\t} else {\n");
		emit_save_parms(em, site, a->entry_slot);
	}
	if (a->next_site)
		put(em, "\t}\n");
	put(em, "\t}\n");
	free(what);
}

/* One site's `e op value` (e's access a): a register, memory, or an
 * argument register. */
static void emit_write_access(struct emitter *em, const struct target_access *a,
			      const struct expr *assign, const char *what)
{
	const struct expr *e = assign->u.op.left;
	const char *op = assign->u.op.op;

	if (a->nsteps) {
		const struct target_step *load = &a->steps[a->nsteps - 1];

		put(em, "stp_kwrite(c, ");
		emit_steps(em, a, a->nsteps - 1, what, e->loc);
		putf(em, ", %llu, ", (unsigned long long)load->size);
	} else if (a->in_register) {
		putf(em, "stp_dwarf_set_register(c, %u, ", a->reg);
	} else {
		putf(em, "stp_set_arg(c, %d, ", a->arg);
	}
	if (strcmp(op, "=") != 0) {
		put(em, "(");
		emit_access(em, a, what, e->loc);
		putf(em, " %.*s ", (int)strlen(op) - 1, op);
	}
	put(em, "(");
	emit_expr(em, assign->u.op.right);
	put(em, strcmp(op, "=") != 0 ? ")), " : "), ");
	put_where(em, what, e->loc);
	put(em, ")");
}

/*
 * `$x = v`: a variable in a register is set in the probe's saved
 * registers (the probed function sees it when the probe returns);
 * memory is written with copy_to_kernel_nofault. `$x += v` and the
 * like read first. Sites that hold the variable differently pick their
 * own access, as reads do.
 */
static void write_access(struct emitter *em, const struct target_access *site,
			 const char *what, const void *data)
{
	emit_write_access(em, site, data, what);
}

void emit_target_write(struct emitter *em, const struct expr *assign)
{
	emit_per_site(em, assign->u.op.left, write_access, assign);
}
