/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pass 3's expression and statement emitter, shared by its files:
 * emit_code.c (the core: operators, variables, statements), emit_print.c
 * (the printing built-ins), emit_regex.c (=~ and the group readers). A
 * family of constructs gets a file of its own and a case in emit_expr or
 * emit_stmt that calls it.
 */
#ifndef CTAP_EMIT_H
#define CTAP_EMIT_H

#include "translate.h"

struct emitter {
	struct strbuf *out;
	const struct session *s;
	struct handler_needs *needs;
	int indent;
	size_t temps;		/* printf argument temporaries used so far */
	const struct function *function;	/* the script function emitted, NULL in a probe */
	size_t actions_pending;	/* actions not charged yet (emit_action.c) */
	bool actions_checked;	/* a body that cannot loop: checked at entry */
};

void put(struct emitter *em, const char *text);
void putf(struct emitter *em, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void put_indent(struct emitter *em);
void put_c_string(struct emitter *em, const char *s, size_t len);
/* "WHAT at FILE:LINE:COL" as a C string: the `where` of runtime errors. */
void put_where(struct emitter *em, const char *what, struct location loc);

void emit_expr(struct emitter *em, const struct expr *e);

/* emit_action.c: MAXACTION accounting as SystemTap's. emit_action_entry
 * starts a probe or function body; at the places SystemTap charges,
 * action_count adds n actions (charged when ten are pending),
 * action_charge adds n and charges what is pending, naming the token at
 * `at`, action_charge_body_end charges at the end of a body, and
 * action_charge_call after a call returns (inline, inside an
 * expression), if action_call_charges says the call is charged at all. */
void emit_action_entry(struct emitter *em, const struct stmt *body);
void action_count(struct emitter *em, size_t n, struct location at);
void action_charge(struct emitter *em, size_t n, struct location at);
void action_charge_body_end(struct emitter *em, const struct stmt *body);
/* One action charged at the start of a body (a histogram's foreach). */
void action_charge_body_start(struct emitter *em, const struct stmt *body);
bool action_call_charges(const struct emitter *em, const struct expr *call);
void action_charge_call(struct emitter *em, const struct expr *call);
void emit_stmt(struct emitter *em, const struct stmt *st);

/* emit_print.c: the print family evaluates every argument before printing. */
void emit_printf(struct emitter *em, const struct expr *e);
void emit_print(struct emitter *em, const struct expr *e);

/* emit_function.c: calls of script functions, return, next, try/catch. */
void emit_function_call(struct emitter *em, const struct expr *e);
void emit_return(struct emitter *em, const struct stmt *st);
void emit_next(struct emitter *em);
void emit_try(struct emitter *em, const struct stmt *st);

/* emit_array.c: global arrays (a key is `[k...]`, NULL fields '*'). */
void emit_array_index(struct emitter *em, const struct expr *e);
void emit_array_assign(struct emitter *em, const struct expr *e);
void emit_array_incdec(struct emitter *em, const struct expr *e);
void emit_array_in(struct emitter *em, const struct expr *e);
void emit_array_stat_data(struct emitter *em, const struct expr *operand);
void emit_array_stat_add(struct emitter *em, const struct expr *e);
void emit_delete(struct emitter *em, const struct stmt *st);
void emit_foreach(struct emitter *em, const struct stmt *st);

/* emit_stat.c: <<<, @count..@variance, histogram buckets and printing. */
void emit_stat_add(struct emitter *em, const struct expr *e);
void emit_stat_extract(struct emitter *em, const struct expr *e);
void emit_hist_bucket(struct emitter *em, const struct expr *e);
void emit_hist_out(struct emitter *em, const struct expr *e, size_t out,
		   const char *print_function, struct location print_loc);
/* foreach over a histogram's buckets; id names the loop's C variables. */
void emit_hist_foreach(struct emitter *em, const struct stmt *st, size_t id);

/* emit_regex.c */
void emit_regex(struct emitter *em, const struct expr *e);
void emit_regex_group_call(struct emitter *em, const struct expr *e);

#endif
