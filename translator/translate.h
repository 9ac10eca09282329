/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pass 3 internals: how probe bodies become C (emit_code.c). */
#ifndef CTAP_TRANSLATE_H
#define CTAP_TRANSLATE_H

#include "session.h"
#include "util.h"

/* What one probe handler needs besides its code. */
struct handler_needs {
	size_t handler;		/* its number, for names of its own */
	size_t string_temps;	/* tmpN buffers for string-valued calls */
	struct strbuf regex_defs;	/* tables of its =~ patterns */
	size_t nregex;
	size_t regex_scratch_states;	/* the largest capture NFA, when groups */
	size_t regex_scratch_slots;	/* are read: sizes l->regex_scratch */
};

/*
 * Append the C body of probe's handler (statements only; the caller writes
 * the function around it, which must define `c`, `l` and the `out` label)
 * and count the temporaries it uses.
 */
void emit_probe_body(struct strbuf *out, const struct session *s,
		     const struct probe *probe, struct handler_needs *needs);

/* The C name of a variable: stp_global_NAME or l->v_NAME. */
void emit_symbol_name(struct strbuf *out, const struct symbol *sym);

/* The value of -D NAME=VALUE, or fallback if NAME is not defined. */
long long define_value(const struct session *s, const char *name, long long fallback);

#endif
