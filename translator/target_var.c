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

/* $$parms, $$locals or $$vars: the variables of that role, in order. */
static struct target_access *resolve_parms(const char *name, const struct context_var *vars,
					   size_t nvars)
{
	struct target_access *a = xcalloc(1, sizeof(*a));
	bool parms = strcmp(name, "$$parms") == 0 || strcmp(name, "$$vars") == 0;
	bool locals = strcmp(name, "$$locals") == 0 || strcmp(name, "$$vars") == 0;

	a->result = TARGET_PARMS;
	a->parms = xcalloc(nvars + 1, sizeof(*a->parms));
	if (strcmp(name, "$$return") == 0) {
		for (size_t i = 0; i < nvars; i++)
			if (vars[i].arg == CONTEXT_ARG_RETURN)
				a->parms[a->nparms++] = vars[i];
		return a;
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nvars; i++)
			if (vars[i].arg != CONTEXT_ARG_RETURN &&
			    vars[i].is_local == (pass == 1) &&
			    (pass == 0 ? parms : locals))
				a->parms[a->nparms++] = vars[i];
	return a;
}

static bool is_vars_name(const char *name)
{
	return strcmp(name, "$$parms") == 0 || strcmp(name, "$$locals") == 0 ||
	       strcmp(name, "$$vars") == 0 || strcmp(name, "$$return") == 0;
}

static char *alternatives(const struct context_var *vars, size_t nvars)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i < nvars; i++)
		strbuf_addf(&sb, "%s$%s", i ? " " : "", vars[i].name);
	return strbuf_detach(&sb);
}

struct target_access *target_var_resolve(const struct expr *e,
					 const struct context_var *vars, size_t nvars,
					 char **message, struct location *at)
{
	const char *name = e->u.target->name;
	const struct context_var *var = NULL;
	struct walk w = { .message = message, .at = at };

	if (is_vars_name(name) && !e->u.target->nsuffixes)
		return resolve_parms(name, vars, nvars);
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
	w.type = var->type;
	w.in_memory = var->in_memory;
	for (size_t i = 0; i < e->u.target->nsuffixes; i++) {
		const struct target_suffix *sx = &e->u.target->suffixes[i];
		bool ok;

		if (w.access->bit_size)
			ok = fail(&w, sx->loc, xasprintf("a bitfield has no members"));
		else if (sx->kind == SUFFIX_FIELD)
			ok = walk_field(&w, sx);
		else if (sx->kind == SUFFIX_INDEX)
			ok = walk_index(&w, sx);
		else
			ok = fail(&w, sx->loc, xasprintf("pretty printing with '%s' is not "
							 "supported by this ctap yet", sx->text));
		if (!ok) {
			target_access_free(w.access);
			return NULL;
		}
	}
	if (w.access->bit_size && e->u.target->address_of) {
		fail(&w, e->loc, xasprintf("cannot take the address of a bitfield"));
		target_access_free(w.access);
		return NULL;
	}
	if (!finish(&w, e)) {
		target_access_free(w.access);
		return NULL;
	}
	return w.access;
}

static bool same_string(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

bool target_access_compatible(const struct target_access *a, const struct target_access *b)
{
	return (a->result == TARGET_LONG) == (b->result == TARGET_LONG);
}

bool target_access_equal(const struct target_access *a, const struct target_access *b)
{
	if (!same_string(a->location, b->location) || a->in_memory != b->in_memory)
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
	free(access->location);
	free(access->steps);
	free(access->parms);
	free(access);
}

/* The variable itself: its value, or its address when in memory. */
static void emit_base(struct emitter *em, const struct target_access *a)
{
	if (a->location)
		put(em, a->location);
	else
		putf(em, "stp_arg(c, %d)", a->arg);
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

static void emit_access(struct emitter *em, const struct target_access *a, const char *what,
			struct location loc)
{
	switch (a->result) {
	case TARGET_PARMS:
		emit_parms(em, a, false, 0);
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

/*
 * e's value; DWARF locations read memory near `stp_where`, and sites that
 * read the variable differently pick their own access by the running
 * probe's index in stp_probes[].
 */
static void emit_read(struct emitter *em, const struct expr *e)
{
	const struct target_access *a = e->u.target->access;
	char *what = xasprintf("identifier '%s'", e->u.target->name);

	put(em, "({ const char *stp_where __maybe_unused = ");
	put_where(em, what, e->loc);
	put(em, "; ");
	for (; a->next_site; a = a->next_site) {
		putf(em, "c->probe == &stp_probes[%d] ? ", *a->site_index);
		emit_access(em, a, what, e->loc);
		put(em, " : ");
	}
	emit_access(em, a, what, e->loc);
	put(em, "; })");
	free(what);
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
