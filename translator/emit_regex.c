// SPDX-License-Identifier: GPL-2.0-or-later
/* =~ and !~, and the built-ins that read the last match's groups. */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "regex.h"

/*
 * s =~ "re", s !~ "re": the pattern's tables go before the handler. When
 * the script reads groups (matched() & co.), every =~ records its outcome.
 */
void emit_regex(struct emitter *em, const struct expr *e)
{
	const struct expr *pattern = e->u.op.right;
	bool groups = em->s->regex_groups_read;
	char *error = NULL, *name;
	struct regex_dfa *dfa;

	dfa = regex_compile(pattern->u.string.bytes,
			    strnlen(pattern->u.string.bytes, pattern->u.string.len), &error);
	if (!dfa)
		abort();	/* pass 2 compiled it */
	name = xasprintf("stp_regex_%zu_%zu", em->needs->handler, em->needs->nregex++);
	regex_emit_c(&em->needs->regex_defs, name, dfa, groups);
	putf(em, "((int64_t)%s", strcmp(e->u.op.op, "!~") == 0 ? "!" : "");
	if (groups) {
		if (dfa->nfa.count > em->needs->regex_scratch_states)
			em->needs->regex_scratch_states = dfa->nfa.count;
		if ((size_t)dfa->nfa.nslots > em->needs->regex_scratch_slots)
			em->needs->regex_scratch_slots = (size_t)dfa->nfa.nslots;
		putf(em, "stp_regex_match_groups(c, &%s, ", name);
		emit_expr(em, e->u.op.left);
		put(em, ", l->regex_scratch))");
	} else {
		putf(em, "stp_regex_match(&%s, ", name);
		emit_expr(em, e->u.op.left);
		put(em, ", MAXSTRINGLEN))");
	}
	free(name);
	regex_dfa_free(dfa);
}

/* matched(n), matched_str(), ngroups(): they fail on a failed match. */
void emit_regex_group_call(struct emitter *em, const struct expr *e)
{
	const struct builtin *b = e->u.call.builtin;
	char *what = xasprintf("identifier '%s'", b->name);

	putf(em, "({ %s r_ = %s(c, ", b->result == TYPE_STRING ? "const char *" : "int64_t",
	     b->runtime_call);
	if (b->kind == BUILTIN_REGEX_GROUP) {
		emit_expr(em, e->u.call.args[0]);
		put(em, ", ");
	}
	if (b->result == TYPE_STRING)
		putf(em, "l->tmp%zu, ", em->needs->string_temps++);
	put_where(em, what, e->loc);
	put(em, "); if (unlikely(c->error)) goto out; r_; })");
	free(what);
}
