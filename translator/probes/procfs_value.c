// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * procfs probes' $value, rewritten before symbols are resolved into calls
 * of tapsets/linux/procfs.stp's functions, which reach the file's buffer
 * through the probe's context:
 *   in a .read probe   $value = E   ->  __procfs_value_set(E)
 *                      $value .= E  ->  __procfs_value_append(E)
 *   in a .write probe  $value       ->  __procfs_value_get()
 * $value is a string, not a typed kernel object, so it has nothing to do
 * with the context-variable machinery (target_var.c); as calls it is
 * resolved, typed and pruned like any other tapset use.
 */
#include "../elaborate.h"
#include "../ast_walk.h"
#include "../diag.h"
#include "probes.h"

#include <stdlib.h>
#include <string.h>

enum procfs_kind { PROCFS_NONE, PROCFS_READ, PROCFS_WRITE, PROCFS_MIXED };

struct value_rewrite {
	enum procfs_kind kind;
	int errors;
};

static void value_error(struct value_rewrite *rw, const char *message,
			const struct expr *target)
{
	char *desc = xasprintf("identifier '%s'", target->u.target->name);

	diag_semantic_error(message, desc, target->loc);
	free(desc);
	rw->errors++;
}

static bool is_dollar_name(const struct expr *e)
{
	const char *name;

	if (e->kind != EXPR_TARGET)
		return false;
	name = e->u.target->name;
	/* $1, $2...: script arguments, not context variables. */
	return name[0] == '$' && name[1] && strspn(name + 1, "0123456789") != strlen(name + 1);
}

/* Whether target e is a plain $value; else reports why not. */
static bool check_value(struct value_rewrite *rw, const struct expr *e)
{
	const struct target_value *t = e->u.target;

	if (strcmp(t->name, "$value") != 0) {
		value_error(rw, "invalid target symbol for procfs probe, $value expected", e);
		return false;
	}
	if (t->nsuffixes && t->suffixes[t->nsuffixes - 1].kind == SUFFIX_PRETTY) {
		value_error(rw, "procfs variable '$value' may not be pretty-printed", e);
		return false;
	}
	if (t->nsuffixes || t->address_of) {
		value_error(rw, "procfs variable '$value' is a string: it has no "
			    "members, elements or address", e);
		return false;
	}
	if (rw->kind == PROCFS_MIXED) {
		value_error(rw, "procfs $value cannot be used in a probe with both "
			    "read and write points", e);
		return false;
	}
	return true;
}

/*
 * Replace node e, in place, by a call of name(arg) (or name() when arg
 * is NULL); e's old contents are freed. In place, because the parent
 * points at e, and the walk reads e's kind after this returns.
 */
static void become_call(struct expr *e, const char *name, struct expr *arg)
{
	struct expr *call = expr_new(EXPR_CALL, e->loc);

	call->u.call.name = xstrdup(name);
	if (arg) {
		call->u.call.args = xcalloc(1, sizeof(*call->u.call.args));
		call->u.call.args[0] = arg;
		call->u.call.nargs = 1;
	}
	expr_replace(e, call);
}

/* After an error: node e becomes "", so later steps add no errors of
 * their own about it. */
static void become_empty_string(struct expr *e)
{
	struct expr *empty = expr_new(EXPR_STRING, e->loc);

	empty->u.string.bytes = xstrdup("");
	expr_replace(e, empty);
}

static void rewrite_assignment(struct value_rewrite *rw, struct expr *e)
{
	const struct expr *target = e->u.op.left;
	bool append = strcmp(e->u.op.op, ".=") == 0;
	struct expr *value;

	if (!check_value(rw, target)) {
		become_empty_string(e);
		return;
	}
	if (rw->kind == PROCFS_WRITE) {
		value_error(rw, "procfs $value variable is read-only in a procfs write probe",
			    target);
		become_empty_string(e);
		return;
	}
	if (!append && strcmp(e->u.op.op, "=") != 0) {
		value_error(rw, "procfs $value variable can only be assigned with = or .=",
			    target);
		become_empty_string(e);
		return;
	}
	value = e->u.op.right;
	e->u.op.right = NULL;
	become_call(e, append ? "__procfs_value_append" : "__procfs_value_set", value);
}

static void rewrite_read(struct value_rewrite *rw, struct expr *e)
{
	if (!check_value(rw, e)) {
		become_empty_string(e);
		return;
	}
	if (rw->kind == PROCFS_READ) {
		value_error(rw, "procfs $value variable cannot be read in a procfs read probe", e);
		become_empty_string(e);
		return;
	}
	become_call(e, "__procfs_value_get", NULL);
}

static void visit(const struct expr *node, void *ctx)
{
	struct value_rewrite *rw = ctx;
	/* The walk hands out the program's own nodes; only this step
	 * changes them, and only before their children are walked. An
	 * assignment to $value is replaced whole, so its target is never
	 * visited as a read. */
	struct expr *e = (struct expr *)node;

	if (e->kind == EXPR_ASSIGN && e->u.op.left && is_dollar_name(e->u.op.left))
		rewrite_assignment(rw, e);
	else if (is_dollar_name(e))
		rewrite_read(rw, e);
}

static enum procfs_kind probe_kind(const struct session *s, const struct probe *probe)
{
	enum procfs_kind kind = PROCFS_NONE;

	for (size_t i = 0; i < s->nprobes; i++) {
		const struct derived_probe *dp = s->probes[i];
		enum procfs_kind k;

		if (dp->probe != probe)
			continue;
		if (dp->provider != &procfs_provider)
			return PROCFS_NONE;
		k = dp->u.procfs.is_write ? PROCFS_WRITE : PROCFS_READ;
		kind = kind == PROCFS_NONE || kind == k ? k : PROCFS_MIXED;
	}
	return kind;
}

int rewrite_procfs_values(struct session *s)
{
	struct value_rewrite rw = { 0 };
	struct ast_visitor visitor = { visit, NULL, &rw };

	for (size_t i = 0; i < s->nprobes; i++) {
		struct probe *probe = s->probes[i]->probe;
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = s->probes[j]->probe == probe;
		if (seen || s->probes[i]->provider != &procfs_provider)
			continue;
		rw.kind = probe_kind(s, probe);
		if (rw.kind == PROCFS_NONE)
			continue;
		walk_stmt(&visitor, probe->body);
	}
	return rw.errors;
}
