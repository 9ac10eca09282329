// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Script functions in C. Each function's parameters, locals, temporaries
 * and result live in a frame (struct stp_frame_N), never on the kernel
 * stack: the per-CPU locals area starts with MAXNESTING frames of the
 * largest frame's size, one per level of a call chain, followed by the
 * probe locals. A call evaluates its arguments in the caller, checks
 * c->nesting against MAXNESTING (SystemTap's "MAXNESTING exceeded", near
 * the function's name), fills the next frame and calls the function.
 *
 * Unwinding: a runtime error jumps to the nearest `out` label (the
 * function's end, a try's catch, the handler's end) and the caller checks
 * c->error after each call. `next` in a function sets c->next and returns;
 * every caller returns in turn up to the handler, which ends. try/catch
 * declares a GNU local label `out` around its body, so errors raised in
 * the body, or in functions it calls, land in the catch block.
 */
#include "emit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "probes/probes.h"

static bool function_emitted(const struct function *f)
{
	return f->used && (f->body || f->embedded);
}

/* The function's number among the emitted ones: its C names. */
static size_t function_number(const struct session *s, const struct function *f)
{
	size_t n = 0;

	for (size_t i = 0; i < s->program.nfunctions; i++) {
		if (s->program.functions[i] == f)
			return n;
		if (function_emitted(s->program.functions[i]))
			n++;
	}
	abort();	/* pass 2 resolved the call to a function of the program */
}

static void put_string_copy(struct emitter *em, const char *dst, const char *src)
{
	putf(em, "stp_string_assign(%s, %s)", dst, src);
}

/* f(args): see the file comment. A statement expression whose value is
 * the result (a long, or a copy in a temporary of the caller's). */
void emit_function_call(struct emitter *em, const struct expr *e)
{
	const struct function *f = e->u.call.function;
	size_t n = function_number(em->s, f), id = em->needs->labels++;
	char *where = xasprintf("identifier '%s'", f->name);

	put(em, "({ ");
	for (size_t i = 0; i < e->u.call.nargs; i++) {
		putf(em, e->u.call.args[i]->type == TYPE_STRING ?
		     "const char *a%zu_%zu = " : "int64_t a%zu_%zu = ", i, id);
		emit_expr(em, e->u.call.args[i]);
		put(em, "; ");
	}
	putf(em, "struct stp_frame_%zu *f_%zu; ", n, id);
	put(em, "if (unlikely(c->nesting >= MAXNESTING)) { stp_error(c, \"MAXNESTING exceeded\", ");
	put_where(em, where, f->loc);
	put(em, "); goto out; } ");
	putf(em, "f_%zu = (void *)((char *)c->locals + c->nesting * STP_FRAME_SIZE); ", id);
	putf(em, "memset(f_%zu, 0, sizeof(*f_%zu)); ", id, id);
	for (size_t i = 0; i < e->u.call.nargs; i++) {
		const struct symbol *param = f->locals[i];
		char *dst = xasprintf("f_%zu->v_%s", id, param->name);
		char *src = xasprintf("a%zu_%zu", i, id);

		if (param->type == TYPE_STRING)
			put_string_copy(em, dst, src);
		else
			putf(em, "%s = %s", dst, src);
		put(em, "; ");
		free(dst);
		free(src);
	}
	putf(em, "c->nesting++; stp_function_%zu(c, f_%zu); c->nesting--; ", n, id);
	/* next: a function returns to its caller; the handler ends. */
	if (em->function)
		put(em, "if (unlikely(c->next)) return; ");
	else
		put(em, "if (unlikely(c->next)) { c->next = false; return; } ");
	put(em, "if (unlikely(c->error)) goto out; ");
	action_charge_call(em, e);
	if (f->type == TYPE_STRING) {
		char *dst = xasprintf("l->tmp%zu", em->needs->string_temps++);
		char *src = xasprintf("f_%zu->__retvalue", id);

		put_string_copy(em, dst, src);
		free(dst);
		free(src);
	} else if (f->type == TYPE_LONG) {
		putf(em, "f_%zu->__retvalue", id);
	} else {
		put(em, "(int64_t)0");
	}
	put(em, "; })");
	free(where);
}

/* return [value]: store the result in the frame and leave the function. */
void emit_return(struct emitter *em, const struct stmt *st)
{
	if (st->u.expr && em->function->type != TYPE_UNKNOWN) {
		put_indent(em);
		if (em->function->type == TYPE_STRING) {
			put(em, "stp_string_assign(l->__retvalue, ");
			emit_expr(em, st->u.expr);
			put(em, ");\n");
		} else {
			put(em, "l->__retvalue = ");
			emit_expr(em, st->u.expr);
			put(em, ";\n");
		}
	} else if (st->u.expr) {
		put_indent(em);
		put(em, "(void)");
		emit_expr(em, st->u.expr);
		put(em, ";\n");
	}
	action_charge(em, 1, st->loc);	/* after the value, as SystemTap */
	put_indent(em);
	put(em, "return;\n");
}

/* next: the handler ends; from a function, through every caller. */
void emit_next(struct emitter *em)
{
	if (em->function) {
		put_indent(em);
		put(em, "c->next = true;\n");
	}
	put_indent(em);
	put(em, "return;\n");
}

/*
 * try { body } catch (msg) { handler }: an error in the body ends it and
 * runs the handler with the message; the error is then forgotten (it is
 * neither reported nor counted toward MAXERRORS), as in SystemTap. As
 * there, an error with no actions left (MAXACTION) is not caught: it goes
 * on to the enclosing catch or the handler's end.
 */
void emit_try(struct emitter *em, const struct stmt *st)
{
	size_t id = em->needs->labels++;

	action_charge(em, 0, st->loc);
	put_indent(em);
	put(em, "{\n");
	em->indent++;
	put_indent(em);
	put(em, "__label__ out;\n\n");
	emit_stmt(em, st->u.try_.body);
	action_charge_body_end(em, st->u.try_.body);
	put_indent(em);
	putf(em, "goto try_done_%zu;\n", id);
	em->indent--;
	put_indent(em);
	put(em, "out: __attribute__((unused));\n");
	em->indent++;
	put_indent(em);
	put(em, "if (likely(c->actions_remaining > 0)) {\n");
	em->indent++;
	if (st->u.try_.catch_var) {
		put_indent(em);
		put(em, "stp_string_assign(");
		emit_symbol_name(em->out, st->u.try_.catch_var->u.symbol.sym);
		put(em, ", c->error);\n");
	}
	put_indent(em);
	put(em, "c->error = NULL;\n");
	put_indent(em);
	put(em, "c->error_where = NULL;\n");
	em->indent--;
	put_indent(em);
	put(em, "}\n");
	em->indent--;
	put_indent(em);
	put(em, "}\n");
	put_indent(em);
	put(em, "if (unlikely(c->error))\n");
	put_indent(em);
	put(em, "\tgoto out;\n");
	action_charge(em, 1, st->loc);
	emit_stmt(em, st->u.try_.handler);
	action_charge_body_end(em, st->u.try_.handler);
	put_indent(em);
	putf(em, "try_done_%zu: ;\n", id);
}

/* The members of a frame: parameters and locals, then the result. */
static void emit_frame(struct strbuf *out, const struct function *f, size_t n,
		       const struct handler_needs *needs)
{
	strbuf_addf(out, "struct stp_frame_%zu {\t/* function %s */\n", n, f->name);
	for (size_t i = 0; i < f->nlocals; i++) {
		const struct symbol *v = f->locals[i];

		if (v->type == TYPE_STRING)
			strbuf_addf(out, "\tchar v_%s[MAXSTRINGLEN];\n", v->name);
		else
			strbuf_addf(out, "\tint64_t v_%s;\n", v->name);
	}
	if (f->type == TYPE_STRING)
		strbuf_adds(out, "\tchar __retvalue[MAXSTRINGLEN];\n");
	else if (f->type == TYPE_LONG)
		strbuf_adds(out, "\tint64_t __retvalue;\n");
	for (size_t i = 0; i < needs->string_temps; i++)
		strbuf_addf(out, "\tchar tmp%zu[MAXSTRINGLEN];\n", i);
	if (needs->regex_scratch_states)
		strbuf_addf(out, "\tchar regex_scratch[STP_REGEX_GROUPS_SCRATCH(%zu, %zu)] "
			    "__aligned(8);\n", needs->regex_scratch_states,
			    needs->regex_scratch_slots);
	strbuf_adds(out, "\tchar unused_;\n};\n\n");
}

/*
 * The embedded code with SystemTap's legacy THIS->name (a parameter or
 * local) and THIS->__retvalue rewritten to the function's own fields.
 */
static void add_embedded_code(struct strbuf *out, const char *code)
{
	static const char this_arrow[] = "THIS->";
	const char *p = code, *hit;

	while ((hit = strstr(p, this_arrow)) != NULL) {
		const char *name = hit + strlen(this_arrow);
		size_t len = 0;
		bool word_start = hit == code || !(isalnum((unsigned char)hit[-1]) || hit[-1] == '_');

		while (isalnum((unsigned char)name[len]) || name[len] == '_')
			len++;
		strbuf_addn(out, p, (size_t)(hit - p));
		if (!word_start || len == 0)
			strbuf_adds(out, this_arrow);
		else if (len == strlen("__retvalue") && strncmp(name, "__retvalue", len) == 0)
			strbuf_adds(out, "l->");
		else
			strbuf_adds(out, "l->v_");
		p = name;
	}
	strbuf_adds(out, p);
}

/*
 * An embedded-C body with SystemTap's names around it: STAP_ARG_name,
 * STAP_RETVALUE, STAP_RETURN(v), STAP_ERROR(fmt, ...), STAP_PRINTF(fmt,
 * ...), STAP_NEXT, CONTEXT, THIS and THIS->name. An error names the
 * function, as SystemTap's does.
 */
static void emit_embedded_body(struct strbuf *out, const struct function *f)
{
	char *loc = location_string(f->loc);

	strbuf_adds(out, "#define CONTEXT c\n#define THIS l\n");
	for (size_t i = 0; i < f->nparams; i++)
		strbuf_addf(out, "#define STAP_ARG_%s (l->v_%s)\n", f->locals[i]->name,
			    f->locals[i]->name);
	if (f->type == TYPE_STRING)
		strbuf_adds(out, "#define STAP_RETVALUE (l->__retvalue)\n"
			    "#define STAP_RETURN(v) do { strscpy(l->__retvalue, (v), MAXSTRINGLEN); "
			    "goto out; } while (0)\n");
	else if (f->type == TYPE_LONG)
		strbuf_adds(out, "#define STAP_RETVALUE (l->__retvalue)\n"
			    "#define STAP_RETURN(v) do { l->__retvalue = (v); goto out; } while (0)\n");
	else
		strbuf_adds(out, "#define STAP_RETURN() goto out\n");
	strbuf_adds(out, "#define STAP_PRINTF(fmt, ...) stp_print_cformat(c, fmt, ##__VA_ARGS__)\n"
		    "#define STAP_NEXT do { c->next = true; goto out; } while (0)\n"
		    "#define STAP_ERROR(...) do { snprintf(c->error_buffer, "
		    "sizeof(c->error_buffer), __VA_ARGS__); stp_error(c, c->error_buffer, \"");
	strbuf_adds(out, "identifier '");
	strbuf_add_c_string(out, f->name, strlen(f->name));
	strbuf_adds(out, "' at ");
	strbuf_add_c_string(out, loc, strlen(loc));
	strbuf_adds(out, "\"); goto out; } while (0)\n\t{\n");
	add_embedded_code(out, f->embedded);
	strbuf_adds(out, "\n\t}\n#undef CONTEXT\n#undef THIS\n");
	for (size_t i = 0; i < f->nparams; i++)
		strbuf_addf(out, "#undef STAP_ARG_%s\n", f->locals[i]->name);
	if (f->type != TYPE_UNKNOWN)
		strbuf_adds(out, "#undef STAP_RETVALUE\n");
	strbuf_adds(out, "#undef STAP_RETURN\n#undef STAP_PRINTF\n#undef STAP_NEXT\n"
		    "#undef STAP_ERROR\n");
	free(loc);
}

bool emit_functions(struct strbuf *out, const struct session *s, size_t first_number)
{
	const struct program *prog = &s->program;
	struct strbuf *bodies = xcalloc(prog->nfunctions + 1, sizeof(*bodies));
	struct handler_needs *needs = xcalloc(prog->nfunctions + 1, sizeof(*needs));
	size_t n = 0;

	for (size_t i = 0; i < prog->nembedded; i++) {
		strbuf_adds(out, prog->embedded[i].code);
		strbuf_adds(out, "\n\n");
	}
	for (size_t i = 0; i < prog->nfunctions; i++) {
		const struct function *f = prog->functions[i];
		struct emitter em = { .out = &bodies[n], .s = s, .needs = &needs[n], .indent = 1,
				    .function = f };

		if (!function_emitted(f))
			continue;
		strbuf_init(&bodies[n]);
		strbuf_init(&needs[n].regex_defs);
		needs[n].handler = first_number + n;
		if (f->embedded)
			emit_embedded_body(&bodies[n], f);
		else {
			emit_action_entry(&em, f->body);
			emit_stmt(&em, f->body);
			action_charge_body_end(&em, f->body);
		}
		n++;
	}
	if (!n) {
		free(bodies);
		free(needs);
		return false;
	}
	n = 0;
	for (size_t i = 0; i < prog->nfunctions; i++) {
		if (!function_emitted(prog->functions[i]))
			continue;
		if (needs[n].regex_defs.data)
			strbuf_adds(out, needs[n].regex_defs.data);
		emit_frame(out, prog->functions[i], n, &needs[n]);
		n++;
	}
	/* The largest frame, as a union: nested STP_MAX() would expand
	 * exponentially in the preprocessor (2^n copies for n functions). */
	strbuf_adds(out, "/* A frame per call level, MAXNESTING of them before the probe locals. */\n"
		    "union stp_any_frame {\n\tchar none;\n");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "\tstruct stp_frame_%zu f%zu;\n", i, i);
	strbuf_adds(out, "};\n#define STP_FRAME_SIZE ALIGN(sizeof(union stp_any_frame), 8)\n"
		    "#define STP_FRAMES_SIZE ((size_t)MAXNESTING * STP_FRAME_SIZE)\n\n");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "static void stp_function_%zu(struct stp_context *c, "
			    "struct stp_frame_%zu *l);\n", i, i);
	strbuf_adds(out, "\n");
	n = 0;
	for (size_t i = 0; i < prog->nfunctions; i++) {
		const struct function *f = prog->functions[i];

		if (!function_emitted(f))
			continue;
		strbuf_addf(out, "/* function %s */\n"
			    "static void stp_function_%zu(struct stp_context *c, "
			    "struct stp_frame_%zu *l)\n{\n", f->name, n, n);
		strbuf_adds(out, bodies[n].data ? bodies[n].data : "");
		strbuf_adds(out, "out: __attribute__((unused));\n\treturn;\n}\n\n");
		strbuf_free(&bodies[n]);
		strbuf_free(&needs[n].regex_defs);
		n++;
	}
	free(bodies);
	free(needs);
	return true;
}

/*
 * Probe-point conditions: `probe P if (cond) { ... }` runs the body only
 * while cond holds. A handler may serve several points with different
 * conditions, so each test names the probe that fired (c->probe).
 * SystemTap also disarms such probes while the condition is false; the
 * script sees the same thing either way.
 */
void emit_probe_conditions(struct strbuf *out, const struct session *s, size_t handler,
			   struct handler_needs *needs)
{
	struct emitter em = { .out = out, .s = s, .needs = needs, .indent = 1 };

	for (size_t i = 0; i < s->nprobes; i++) {
		const struct derived_probe *dp = s->probes[i];

		if ((size_t)dp->handler != handler || !dp->condition)
			continue;
		putf(&em, "\tif (c->probe == &stp_probes[%d] && !(", dp->index);
		emit_expr(&em, dp->condition);
		put(&em, "))\n\t\treturn;\n");
	}
}

/* Handlers name the probe that fired (conditions, per-site $variables). */
void emit_probes_declaration(struct strbuf *out, const struct session *s)
{
	if (s->nprobes)
		strbuf_addf(out, "static const struct stp_probe stp_probes[%zu];\n\n",
			    s->nprobes);
}
