// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Symbol resolution: every identifier becomes a global, a parameter or
 * local of its probe or function (created at first use, as in SystemTap),
 * a call of a script or tapset function (chosen by name and arity), or a
 * call of a built-in. Functions are resolved when first called, so a
 * tapset function loaded for a call is resolved in turn, to closure.
 * Array arity (how many index keys a variable takes) is fixed here, at its
 * first use in program order.
 */
#include "elaborate.h"

#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "probes/probes.h"
#include "target_types.h"
#include "target_var.h"
#include "similar.h"
#include "tapset.h"
#include "util.h"
#include "ast_walk.h"
#include "diag.h"


struct resolver {
	struct session *s;
	struct program *prog;
	struct probe *probe;		/* the body being resolved: a probe's */
	struct function *function;	/* or a function's */
	struct function **pending;	/* called, not yet resolved */
	size_t npending, pending_cap;
	size_t nresolved_functions;	/* prog->functions[0..n) were considered */
	int loop_depth;
	int errors;
	/* inside @defined(): failures are counted, not reported */
	bool quiet;
	int quiet_failures;
	unsigned entry_slots;		/* values this probe saves at entry */
};

static void error_at(struct resolver *r, const char *message, const char *what,
		     const char *name, struct location loc)
{
	char *desc;

	if (r->quiet) {
		r->quiet_failures++;
		return;
	}
	desc = xasprintf("%s '%s'", what, name);

	diag_semantic_error(message, desc, loc);
	free(desc);
	r->errors++;
}

static struct symbol *find_symbol(struct symbol **syms, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(syms[i]->name, name) == 0)
			return syms[i];
	return NULL;
}

/* A private global or function is visible only in the file declaring it. */
static bool visible_from(bool private_, struct location decl, struct location use)
{
	return !private_ || decl.file_id == use.file_id;
}

static struct symbol *find_global(struct program *prog, const char *name,
				  struct location use)
{
	for (size_t i = 0; i < prog->nglobals; i++) {
		struct symbol *g = prog->globals[i];

		if (strcmp(g->name, name) == 0 && visible_from(g->private_, g->loc, use))
			return g;
	}
	return NULL;
}

static struct symbol *lookup_global(struct resolver *r, const char *name,
				    struct location use)
{
	struct symbol *g = find_global(r->prog, name, use);

	if (!g && tapset_require_global(r->s, name) > 0)
		g = find_global(r->prog, name, use);
	return g;
}

static struct symbol ***current_locals(struct resolver *r, size_t **n, size_t **cap)
{
	if (r->function) {
		*n = &r->function->nlocals;
		*cap = &r->function->locals_cap;
		return &r->function->locals;
	}
	*n = &r->probe->nlocals;
	*cap = &r->probe->locals_cap;
	return &r->probe->locals;
}

/* Record that sym takes `arity` index keys here (0: used as a scalar). */
static void note_arity(struct resolver *r, struct symbol *sym, int arity,
		       const struct expr *use)
{
	char *message;

	if (!sym->arity_known) {
		sym->arity_known = true;
		sym->arity = arity;
		sym->arity_origin = use;
		return;
	}
	if (sym->arity == arity)
		return;
	message = xasprintf("inconsistent arity (%d vs %d)", sym->arity, arity);
	error_at(r, message, "identifier", sym->name, use->loc);
	free(message);
	message = xasprintf("arity %d first inferred here", sym->arity);
	diag_semantic_error_chained(message, "identifier", sym->name,
				    sym->arity_origin->loc);
	free(message);
}

/* Bind a SYMBOL expression. arity < 0: any use that fixes no arity
 * (delete x, a whole array passed on). */
static void resolve_symbol(struct resolver *r, struct expr *e, int arity, bool read,
			   bool write)
{
	const char *name = e->u.symbol.name;
	struct symbol ***locals;
	size_t *n, *cap;
	struct symbol *sym;

	locals = current_locals(r, &n, &cap);
	sym = find_symbol(*locals, *n, name);
	if (!sym)
		sym = lookup_global(r, name, e->loc);
	if (!sym) {
		sym = symbol_new(name, SCOPE_LOCAL, e->loc);
		VEC_PUSH(*locals, *n, *cap, sym);
	}
	if (sym->scope == SCOPE_LOCAL && arity > 0) {
		char *message = xasprintf("unresolved arity-%d global array %s, missing "
					  "global declaration?", arity, name);

		error_at(r, message, "identifier", name, e->loc);
		free(message);
	} else if (arity >= 0) {
		note_arity(r, sym, arity, e);
	}
	sym->read |= read;
	sym->written |= write;
	e->u.symbol.sym = sym;
}

static void resolve_expr(struct resolver *r, struct expr *e);
static void resolve_entry(struct resolver *r, struct expr *e);

static void resolve_keys(struct resolver *r, struct expr **keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (keys[i])
			resolve_expr(r, keys[i]);
}

/* a[k...], @hist_log(s)[k], [k...] in a: the base takes nkeys keys. */
static void resolve_indexed(struct resolver *r, struct expr *base, size_t nkeys,
			    bool read, bool write)
{
	if (base->kind == EXPR_SYMBOL)
		resolve_symbol(r, base, (int)nkeys, read, write);
	else
		resolve_expr(r, base);
}

static void resolve_at(struct resolver *r, struct expr *e);

static void resolve_suffix_indexes(struct resolver *r, struct expr *e)
{
	for (size_t i = 0; i < e->u.target->nsuffixes; i++)
		if (e->u.target->suffixes[i].index)
			resolve_expr(r, e->u.target->suffixes[i].index);
}

static bool is_script_argument(const char *name)
{
	return name[1] && strspn(name + 1, "0123456789") == strlen(name + 1);
}

/*
 * In a .return probe, a parameter (anything but $return) is its value at
 * the function's entry, as SystemTap reads it; so is @entry(...).
 */
static bool in_return_probe(struct resolver *r)
{
	for (size_t i = 0; r->probe && i < r->s->nprobes; i++) {
		const struct derived_probe *dp = r->s->probes[i];

		if (dp->probe == r->probe)
			return derived_probe_is_return(dp);
	}
	return false;
}

/* An access read at entry runs in the kretprobe's entry handler, where
 * the probe's locals do not exist: its indices must be constants. */
static bool check_entry_access(struct resolver *r, struct expr *e)
{
	if (e->u.target->access->result == TARGET_STRING) {
		error_at(r, "a string cannot be saved at a function's entry by this ctap "
			 "(save the pointer: @entry($p), and read it at return)", "identifier",
			 e->u.target->name, e->loc);
		return false;
	}
	if (e->u.target->access->result == TARGET_PRETTY) {
		error_at(r, "a pretty print cannot be saved at a function's entry by this "
			 "ctap (save the pointer: @entry($p), and print @cast(p, ...)$ at "
			 "return)", "identifier", e->u.target->name, e->loc);
		return false;
	}
	for (size_t i = 0; i < e->u.target->nsuffixes; i++) {
		const struct expr *index = e->u.target->suffixes[i].index;

		if (index && index->kind != EXPR_NUMBER) {
			error_at(r, "an index of a value saved at a function's entry must be "
				 "a number", "identifier", e->u.target->name, e->loc);
			return false;
		}
	}
	return true;
}

/* SystemTap's warning for a parameter named in a .return probe. */
static void warn_implicit_entry(const struct expr *e)
{
	char *message = xasprintf("confusing usage, value is captured as @entry(%s) in "
				  ".return probe [man stapprobes] RETURN PROBES",
				  e->u.target->name);
	char *desc = xasprintf("identifier '%s'", e->u.target->name);

	diag_warning(message, desc, e->loc);
	free(message);
	free(desc);
}

/*
 * $var in a probe body: resolved at every site of the probe. The sites
 * share one handler; a site that reads the variable differently (another
 * register, another frame offset) gets its own access in the chain, which
 * the handler picks by the probe that fired.
 */
static void resolve_context_var(struct resolver *r, struct expr *e, bool write,
				bool at_entry, bool explicit_entry)
{
	struct target_access *first = NULL, *own_sites = NULL;
	bool failed = false;

	resolve_suffix_indexes(r, e);
	if (!r->probe) {
		error_at(r, "context variables cannot be used in a function",
			 "identifier", e->u.target->name, e->loc);
		return;
	}
	for (size_t i = 0; i < r->s->nprobes && !failed; i++) {
		struct derived_probe *dp = r->s->probes[i];
		const struct context_var *vars;
		struct target_access *access;
		struct location at;
		size_t n;
		char *message;

		if (dp->probe != r->probe)
			continue;
		if (!(at_entry ? derived_probe_entry_vars(r->s, dp, &vars, &n, &message)
			       : derived_probe_context_vars(r->s, dp, &vars, &n, &message))) {
			access = NULL;
			at = e->loc;
		} else {
			access = target_var_resolve(e, vars, n, write, &message, &at);
		}
		if (access && first && !target_access_compatible(first, access)) {
			message = xasprintf("'%s' is a string at one site of this probe and "
					    "a number at another (%s)", e->u.target->name, dp->pp);
			target_access_free(access);
			access = NULL;
		}
		if (access && first && !target_access_equal(first, access)) {
			/* This site reads it its own way: chain it in front of the
			 * first site's access, which serves the rest. */
			access->site_index = &dp->index;
			access->next_site = own_sites;
			own_sites = access;
			continue;
		}
		if (!access) {
			/* As SystemTap: at the variable, whichever step failed. */
			error_at(r, message, "identifier", e->u.target->name, e->loc);
			free(message);
			failed = true;
		} else if (first) {
			target_access_free(access);
		} else {
			first = access;
		}
	}
	if (own_sites) {
		struct target_access *last = own_sites;

		while (last->next_site)
			last = last->next_site;
		last->next_site = first;
		first = own_sites;
	}
	if (!failed && at_entry && write) {
		error_at(r, "a parameter in a .return probe is its value saved at the "
			 "function's entry: it cannot be assigned", "identifier",
			 e->u.target->name, e->loc);
		failed = true;
	}
	if (failed) {
		target_access_free(first);
		return;
	}
	e->u.target->access = first;
	if (at_entry && check_entry_access(r, e)) {
		first->at_entry = true;
		first->entry_operator = explicit_entry;
		first->entry_slot = r->entry_slots;
		r->entry_slots += (unsigned)target_entry_slots(first);
	}
	if (at_entry && !explicit_entry && e->u.target->name[1] != '$' &&
	    !location_in_tapset(e->loc))
		warn_implicit_entry(e);
}

/* A literal string operand of @cast or @var (the parser checked it). */
static char *string_operand(const struct expr *e, size_t i)
{
	const struct expr *arg = e->u.target->args[i];

	return xstrndup(arg->u.string.bytes, arg->u.string.len);
}

/* "kernel" or "kernel<linux/sched.h>": the types come from the kernel's
 * own description (the header names what SystemTap would compile). */
static bool is_kernel_module(const char *module)
{
	return strcmp(module, "kernel") == 0 ||
	       (strncmp(module, "kernel<", 7) == 0 && module[strlen(module) - 1] == '>');
}

/* As SystemTap: an error at the operator, or at the '->' whose member is
 * not found. */
static void take_access(struct resolver *r, struct expr *e, struct target_access *access,
			char *message, struct location at)
{
	if (access) {
		e->u.target->access = access;
		return;
	}
	if (at.line != e->loc.line || at.col != e->loc.col)
		error_at(r, message, "operator", "->", at);
	else
		error_at(r, message, "operator", e->u.target->name, e->loc);
	free(message);
}

/* @cast(ptr, "type"[, "module"]): ptr seen as a pointer to the type of
 * the kernel or of a module. */
static void resolve_cast(struct resolver *r, struct expr *e, bool write)
{
	char *type_name = string_operand(e, 1);
	char *module = e->u.target->nargs > 2 ? string_operand(e, 2) : xstrdup("kernel");
	const struct ctype *type;
	struct target_access *access = NULL;
	char *message = NULL;
	struct location at = e->loc;

	resolve_expr(r, e->u.target->args[0]);
	resolve_suffix_indexes(r, e);
	/* a module's types are its .ko's (module_debuginfo finds it) */
	type = kernel_type_find(r->s, is_kernel_module(module) ? NULL : module, type_name,
				&message);
	if (type)
		access = target_cast_resolve(e, type, write, &message, &at);
	take_access(r, e, access, message, at);
	free(type_name);
	free(module);
}

/* @var("name[@file]"[, "module"]): a kernel global. */
static void resolve_global_var(struct resolver *r, struct expr *e, bool write)
{
	char *spec = string_operand(e, 0);
	char *module = e->u.target->nargs > 1 ? string_operand(e, 1) : xstrdup("kernel");
	char *file = strchr(spec, '@');
	const struct ctype *type;
	struct target_access *access = NULL;
	char *message = NULL;
	struct location at = e->loc;

	if (file)
		*file++ = '\0';
	resolve_suffix_indexes(r, e);
	if (strcmp(module, "kernel") != 0)
		message = xasprintf("unable to find global '%s' in %s: only kernel "
				    "globals are supported by this ctap yet", spec, module);
	else if ((type = kernel_global_find(r->s, spec, file, &message)))
		access = target_global_resolve(e, spec, type, write, &message, &at);
	take_access(r, e, access, message, at);
	free(spec);
	free(module);
}

static void resolve_target(struct resolver *r, struct expr *e, bool write)
{
	if (write && !r->s->guru && e->u.target->name[0] == '$') {
		error_at(r, "write to target variable not permitted; need stap -g",
			 "identifier", e->u.target->name, e->loc);
		return;
	}
	if (write && !r->s->guru) {
		char *message = xasprintf("write to %s context variable not permitted; "
					  "need stap -g", e->u.target->name);

		error_at(r, message, "operator", e->u.target->name, e->loc);
		free(message);
		return;
	}
	if (e->u.target->name[0] == '$' && !is_script_argument(e->u.target->name))
		resolve_context_var(r, e, write, in_return_probe(r) &&
				    strcmp(e->u.target->name, "$return") != 0 &&
				    strcmp(e->u.target->name, "$$return") != 0, false);
	else if (e->u.target->name[0] == '$')
		error_at(r, "context variables and script arguments are not supported by this ctap yet",
			 "identifier", e->u.target->name, e->loc);
	else if (strcmp(e->u.target->name, "@cast") == 0)
		resolve_cast(r, e, write);
	else
		resolve_global_var(r, e, write);
}

/* The operators a target can be assigned with: the value is read and
 * written back, so only those C computes the same way as the language. */
static bool target_assignable_with(const char *op)
{
	static const char *const ops[] = { "=", "+=", "-=", "*=", "&=", "|=", "^=" };

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i]) == 0)
			return true;
	return false;
}

/* The operand that op (=, +=, <<<, ++) assigns. */
static void resolve_lvalue(struct resolver *r, struct expr *e, const struct expr *op,
			   bool also_read)
{
	if (e->kind == EXPR_SYMBOL) {
		resolve_symbol(r, e, 0, also_read, true);
		return;
	}
	if (e->kind == EXPR_INDEX && e->u.index.base->kind == EXPR_SYMBOL) {
		resolve_indexed(r, e->u.index.base, e->u.index.nkeys, also_read, true);
		resolve_keys(r, e->u.index.keys, e->u.index.nkeys);
		return;
	}
	if (e->kind == EXPR_TARGET && op->kind == EXPR_ASSIGN &&
	    target_assignable_with(op->u.op.op)) {
		resolve_target(r, e, true);
		return;
	}
	if (e->kind == EXPR_TARGET) {
		error_at(r, "only =, +=, -=, *=, &=, |= and ^= can assign a target "
			 "variable in this ctap", "operator", op->u.op.op, op->loc);
		return;
	}
	error_at(r, "Expecting lvalue for assignment", "operator", op->u.op.op, op->loc);
	resolve_expr(r, e);
}

/* The script functions visible here named `name`; the one taking nargs, or
 * (in *any) some other one for the arity message. */
static struct function *find_function(struct program *prog, const char *name,
				      size_t nargs, struct location use,
				      struct function **any)
{
	*any = NULL;
	for (size_t i = 0; i < prog->nfunctions; i++) {
		struct function *f = prog->functions[i];

		if (strcmp(f->name, name) != 0 || !visible_from(f->private_, f->loc, use))
			continue;
		if (f->nparams == nargs)
			return f;
		if (!*any)
			*any = f;
	}
	return NULL;
}

static void unresolved_function(struct resolver *r, struct expr *e)
{
	const char *const *library;
	size_t nlibrary = tapset_function_names(r->s, &library);
	char *similar = similar_function_names(r->prog, e->u.call.name, library, nlibrary);
	char *message;

	if (*similar)
		message = xasprintf("unresolved function %s (similar: %s)",
				    e->u.call.name, similar);
	else
		message = xasprintf("unresolved function %s", e->u.call.name);
	error_at(r, message, "identifier", e->u.call.name, e->loc);
	free(message);
	free(similar);
}

static void call_function(struct resolver *r, struct expr *e, struct function *f)
{
	e->u.call.function = f;
	if (!f->used) {
		f->used = true;
		VEC_PUSH(r->pending, r->npending, r->pending_cap, f);
	}
}

static void resolve_call(struct resolver *r, struct expr *e)
{
	const char *name = e->u.call.name;
	size_t nargs = e->u.call.nargs;
	struct function *other, *f = find_function(r->prog, name, nargs, e->loc, &other);
	const struct builtin *b = f || other ? NULL : builtin_lookup(name);
	char *message;

	/* Ask the tapset library until it has nothing more to offer. */
	while (!f && !other && !b) {
		int loaded = tapset_require_function(r->s, name);

		if (loaded < 0) {
			r->errors++;	/* the tapset's parse error is reported */
			return;
		}
		if (loaded == 0)
			break;
		f = find_function(r->prog, name, nargs, e->loc, &other);
	}
	if (f) {
		call_function(r, e, f);
		return;
	}
	if (other) {
		message = xasprintf("arity mismatch found (function '%s' takes %zu args)",
				    name, other->nparams);
		error_at(r, message, "identifier", name, e->loc);
		diag_semantic_error_chained(NULL, "identifier", other->name, other->loc);
		free(message);
		return;
	}
	if (!b) {
		unresolved_function(r, e);
		return;
	}
	if ((int)nargs < b->min_args || (b->max_args >= 0 && (int)nargs > b->max_args)) {
		message = xasprintf("wrong number of arguments to function '%s' "
				    "(%zu given)", b->name, nargs);
		error_at(r, message, "identifier", name, e->loc);
		free(message);
		return;
	}
	e->u.call.builtin = b;
	if (builtin_reads_regex_groups(b))
		r->s->regex_groups_read = true;
}

/* @count(s), @hist_log(s): the operand is a statistic, a scalar or an
 * array element. */
static void resolve_stat_operand(struct resolver *r, struct expr *e)
{
	if (e->kind == EXPR_SYMBOL)
		resolve_symbol(r, e, 0, true, false);
	else
		resolve_expr(r, e);
}

static void resolve_expr(struct resolver *r, struct expr *e)
{
	switch (e->kind) {
	case EXPR_NUMBER:
	case EXPR_STRING:
	case EXPR_EMBEDDED:
		break;
	case EXPR_SYMBOL:
		resolve_symbol(r, e, 0, true, false);
		break;
	case EXPR_ASSIGN:
		resolve_lvalue(r, e->u.op.left, e, strcmp(e->u.op.op, "=") != 0 &&
				strcmp(e->u.op.op, "<<<") != 0);
		resolve_expr(r, e->u.op.right);
		break;
	case EXPR_INCDEC:
		resolve_lvalue(r, e->u.op.right, e, true);
		break;
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_REGEX:
		if (e->u.op.left)
			resolve_expr(r, e->u.op.left);
		resolve_expr(r, e->u.op.right);
		break;
	case EXPR_TERNARY:
		resolve_expr(r, e->u.ternary.cond);
		resolve_expr(r, e->u.ternary.then);
		resolve_expr(r, e->u.ternary.otherwise);
		break;
	case EXPR_CALL:
		resolve_call(r, e);
		for (size_t i = 0; i < e->u.call.nargs; i++)
			resolve_expr(r, e->u.call.args[i]);
		break;
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		resolve_indexed(r, e->u.index.base, e->u.index.nkeys, true, false);
		resolve_keys(r, e->u.index.keys, e->u.index.nkeys);
		break;
	case EXPR_STAT:
	case EXPR_HIST:
		resolve_stat_operand(r, e->u.at.args[0]);
		for (size_t i = 1; i < e->u.at.nargs; i++)
			resolve_expr(r, e->u.at.args[i]);
		break;
	case EXPR_AT:
		if (strcmp(e->u.at.name, "@entry") == 0)
			resolve_entry(r, e);
		else
			resolve_at(r, e);
		break;
	case EXPR_TARGET:
		resolve_target(r, e, false);
		break;
	}
}

static void resolve_stmt(struct resolver *r, struct stmt *st);

/*
 * @defined(x) becomes 1 when x resolves (at every site of the probe)
 * and 0 when it does not, without an error: a script can then test for
 * a variable or member that only some kernels have.
 */
static void fold_defined(struct resolver *r, struct expr *e)
{
	bool was_quiet = r->quiet;
	int failures = r->quiet_failures;
	bool defined;

	r->quiet = true;
	resolve_expr(r, e->u.at.args[0]);
	defined = r->quiet_failures == failures;
	r->quiet = was_quiet;
	r->quiet_failures = failures;
	expr_free(e->u.at.args[0]);
	free(e->u.at.args);
	node_text_free(e->u.at.name);
	e->kind = EXPR_NUMBER;
	e->u.number = defined;
}

static void resolve_at(struct resolver *r, struct expr *e)
{
	if (strcmp(e->u.at.name, "@defined") == 0)
		fold_defined(r, e);
	else if (strcmp(e->u.at.name, "@probewrite") == 0)
		/* SystemTap 4.8 rejects it wherever a script can write it */
		error_at(r, "unexpected @probewrite", "operator", e->u.at.name, e->loc);
	else
		error_at(r, "this @-operator is not supported by this ctap yet",
			 "operator", e->u.at.name, e->loc);
}

/* The first context variable, @cast/@var or @entry inside an @entry. */
static void find_target(const struct expr *e, void *ctx)
{
	const struct expr **found = ctx;

	if (!*found && ((e->kind == EXPR_TARGET && !is_script_argument(e->u.target->name)) ||
			(e->kind == EXPR_AT && strcmp(e->u.at.name, "@entry") == 0)))
		*found = e;
}

/*
 * @entry(EXPR) of an expression other than a context variable's, such as
 * @entry(gettimeofday_us()): the kretprobe's entry handler evaluates EXPR
 * and saves it in the node's slot, which the .return handler reads. A
 * context variable inside EXPR would need reading at entry from inside
 * an expression; ctap asks for @entry of the variable itself instead.
 * Pass 3 refuses a string EXPR and one that reads globals (the entry
 * handler takes no locks: unsupported.c).
 */
static void resolve_entry_expr(struct resolver *r, struct expr *e)
{
	struct expr *arg = e->u.at.args[0];
	const struct expr *target = NULL;
	struct ast_visitor v = { .expr = find_target, .ctx = &target };

	walk_expr(&v, arg);
	if (target && target->kind == EXPR_AT) {
		error_at(r, "@entry inside @entry", "operator", "@entry", target->loc);
		return;
	}
	if (target) {
		error_at(r, "@entry of an expression holding a context variable is not "
			 "supported by this ctap: apply @entry to the variable itself",
			 "identifier", target->u.target->name, target->loc);
		return;
	}
	resolve_expr(r, arg);
	e->u.at.entry_slot = r->entry_slots++;
}

/*
 * @entry(EXPR) in a .return probe: EXPR's value at the function's entry.
 * A context variable expression ($var, $var->f[2]) is read at entry: the
 * node becomes that expression, marked to be read at entry. Any other
 * EXPR is evaluated at entry whole (resolve_entry_expr).
 */
static void resolve_entry(struct resolver *r, struct expr *e)
{
	struct expr *arg = e->u.at.args[0];

	if (!in_return_probe(r)) {
		error_at(r, "@entry is allowed only in .return probes", "operator",
			 e->u.at.name, e->loc);
		return;
	}
	if (arg->kind != EXPR_TARGET || arg->u.target->name[0] != '$' ||
	    is_script_argument(arg->u.target->name)) {
		resolve_entry_expr(r, e);
		return;
	}
	resolve_context_var(r, arg, false, true, true);
	/* e becomes arg in place (EXPR_AT nodes are carved whole): arg moves
	 * out of the operand list, which is freed with e's old contents */
	e->u.at.nargs = 0;
	expr_replace(e, arg);
}

static void resolve_foreach(struct resolver *r, struct stmt *st)
{
	struct expr *array = st->u.foreach->array;

	if (array->kind == EXPR_SYMBOL)
		resolve_symbol(r, array, (int)st->u.foreach->nkeys, true, false);
	else
		resolve_expr(r, array);
	if (st->u.foreach->nslice && st->u.foreach->nslice != st->u.foreach->nkeys &&
	    array->kind == EXPR_SYMBOL) {
		char *message = xasprintf("inconsistent arity (%zu vs %zu)",
					  st->u.foreach->nkeys, st->u.foreach->nslice);

		error_at(r, message, "identifier", array->u.symbol.name, array->loc);
		free(message);
	}
	resolve_keys(r, st->u.foreach->slice, st->u.foreach->nslice);
	for (size_t i = 0; i < st->u.foreach->nkeys; i++)
		resolve_symbol(r, st->u.foreach->keys[i], 0, false, true);
	if (st->u.foreach->value)
		resolve_symbol(r, st->u.foreach->value, 0, false, true);
	if (st->u.foreach->limit)
		resolve_expr(r, st->u.foreach->limit);
	r->loop_depth++;
	resolve_stmt(r, st->u.foreach->body);
	r->loop_depth--;
}

static void resolve_delete(struct resolver *r, struct expr *e)
{
	if (e->kind == EXPR_SYMBOL) {
		resolve_symbol(r, e, -1, false, true);
		return;
	}
	if (e->kind == EXPR_INDEX && e->u.index.base->kind == EXPR_SYMBOL) {
		resolve_indexed(r, e->u.index.base, e->u.index.nkeys, false, true);
		resolve_keys(r, e->u.index.keys, e->u.index.nkeys);
		return;
	}
	if (e->kind == EXPR_INDEX && e->u.index.base->kind == EXPR_HIST) {
		error_at(r, "cannot delete histogram bucket entries", "operator",
			 e->u.index.base->u.at.name, e->u.index.base->loc);
		return;
	}
	resolve_expr(r, e);
}

static void resolve_jump(struct resolver *r, struct stmt *st)
{
	const char *word = st->kind == STMT_BREAK ? "break" : "continue";
	char *message, *desc;

	if (r->loop_depth)
		return;
	message = xasprintf("%s outside a loop", word);
	desc = xasprintf("keyword '%s'", word);
	diag_semantic_error(message, desc, st->loc);
	free(message);
	free(desc);
	r->errors++;
}

static void resolve_stmt(struct resolver *r, struct stmt *st)
{
	switch (st->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < st->u.block.count; i++)
			resolve_stmt(r, st->u.block.items[i]);
		break;
	case STMT_EXPR:
		resolve_expr(r, st->u.expr);
		break;
	case STMT_IF:
		resolve_expr(r, st->u.if_.cond);
		resolve_stmt(r, st->u.if_.then);
		if (st->u.if_.otherwise)
			resolve_stmt(r, st->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		if (st->u.loop.init)
			resolve_expr(r, st->u.loop.init);
		if (st->u.loop.cond)
			resolve_expr(r, st->u.loop.cond);
		if (st->u.loop.incr)
			resolve_expr(r, st->u.loop.incr);
		r->loop_depth++;
		resolve_stmt(r, st->u.loop.body);
		r->loop_depth--;
		break;
	case STMT_BREAK:
	case STMT_CONTINUE:
		resolve_jump(r, st);
		break;
	case STMT_NULL:
	case STMT_NEXT:
		break;
	case STMT_RETURN:
		if (st->u.expr)
			resolve_expr(r, st->u.expr);
		break;
	case STMT_FOREACH:
		resolve_foreach(r, st);
		break;
	case STMT_DELETE:
		resolve_delete(r, st->u.expr);
		break;
	case STMT_TRY:
		resolve_stmt(r, st->u.try_.body);
		if (st->u.try_.catch_var)
			resolve_symbol(r, st->u.try_.catch_var, 0, false, true);
		resolve_stmt(r, st->u.try_.handler);
		break;
	}
}

static int check_globals(struct program *prog)
{
	int errors = 0;

	for (size_t i = 0; i < prog->nglobals; i++) {
		struct symbol *g = prog->globals[i];
		struct symbol *twin = find_global(prog, g->name, g->loc);

		g->index = (int)i;
		if (twin != g && twin && twin->index < g->index) {
			char *desc = xasprintf("identifier '%s'", g->name);

			diag_semantic_error("duplicate global variable", desc, g->loc);
			free(desc);
			errors++;
		}
		if (g->init) {
			g->type = g->init->kind == EXPR_STRING ? TYPE_STRING : TYPE_LONG;
			g->type_origin = g->init;
			g->written = true;
		}
	}
	return errors;
}

static void resolve_function(struct resolver *r, struct function *f)
{
	r->function = f;
	r->probe = NULL;
	r->loop_depth = 0;
	if (f->nlocals == 0) {
		for (size_t i = 0; i < f->nparams; i++) {
			struct symbol *p = symbol_new(f->params[i].name, SCOPE_LOCAL,
						      f->params[i].loc);

			p->is_param = true;
			p->type = f->params[i].type;
			p->written = true;
			p->arity_known = true;
			VEC_PUSH(f->locals, f->nlocals, f->locals_cap, p);
		}
	}
	if (f->body)
		resolve_stmt(r, f->body);
}

bool in_user_script(const struct program *prog, struct location loc)
{
	return prog->nfiles && location_file(loc) == prog->files[0];
}

int resolve_symbols(struct session *s)
{
	struct resolver r = { .s = s, .prog = &s->program };

	r.errors = check_globals(&s->program);
	for (size_t i = 0; i < s->program.nprobes; i++) {
		r.probe = s->program.probes[i];
		r.function = NULL;
		r.entry_slots = 0;
		r.loop_depth = 0;
		for (size_t j = 0; j < r.probe->npoints; j++)
			if (r.probe->points[j]->condition)
				resolve_expr(&r, r.probe->points[j]->condition);
		resolve_stmt(&r, r.probe->body);
	}
	/* The script's own functions are checked even when unused (and then
	 * pruned); a tapset's only when called. */
	for (size_t i = 0; i < s->program.nfunctions; i++) {
		struct function *f = s->program.functions[i];

		if (in_user_script(&s->program, f->loc) && !f->used) {
			f->used = true;
			VEC_PUSH(r.pending, r.npending, r.pending_cap, f);
		}
	}
	for (size_t i = 0; i < r.npending; i++)
		resolve_function(&r, r.pending[i]);
	free(r.pending);
	return r.errors;
}
