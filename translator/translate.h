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
	size_t labels;		/* unique C names (labels, call temporaries) */
};

/*
 * Append the C body of probe's handler (statements only; the caller writes
 * the function around it, which must define `c`, `l` and the `out` label)
 * and count the temporaries it uses.
 */
void emit_probe_body(struct strbuf *out, const struct session *s,
		     const struct probe *probe, struct handler_needs *needs);

/*
 * emit_function.c: the script functions' frames, then their C functions
 * (numbered from first_number, after the handlers, for names of their
 * own); defines STP_FRAMES_SIZE, the per-CPU bytes of MAXNESTING frames
 * that precede the probe locals. Returns whether there were any.
 */
bool emit_functions(struct strbuf *out, const struct session *s, size_t first_number);

/* emit_function.c: probe-point conditions, tested at handler entry
 * (they need stp_probes[] declared before the handlers). */
void emit_probe_conditions(struct strbuf *out, const struct session *s, size_t handler,
			   struct handler_needs *needs);
void emit_probes_declaration(struct strbuf *out, const struct session *s);

/* The C name of a variable: stp_global_NAME or l->v_NAME. */
void emit_symbol_name(struct strbuf *out, const struct symbol *sym);

/* Declarations of a global array (emit_array.c) and of a statistic's
 * stp_stat_desc initialiser, from all its uses (emit_stat.c). */
void emit_array_global(struct strbuf *out, const struct session *s, const struct symbol *g);
void emit_stat_desc(struct strbuf *out, const struct session *s, const struct symbol *g);

/* The value of -D NAME=VALUE, or fallback if NAME is not defined. */
long long define_value(const struct session *s, const char *name, long long fallback);

#endif
