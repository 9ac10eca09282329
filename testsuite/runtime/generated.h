/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the translator emits after `#include "runtime.h"` in every module,
 * for the hand-written generated-style modules of testsuite/runtime/.
 * Each test defines its globals, handlers and stp_script as stap -p3
 * would, calling the runtime's map and statistics interface directly.
 */
#include "runtime.h"

#define STP_ACTION(where)						\
	do {								\
		if (unlikely(--c->actions_remaining < 0)) {		\
			stp_error(c, "MAXACTION exceeded", where);	\
			goto out;					\
		}							\
	} while (0)

/* A script error in a map or stat operation ends the handler at once. */
#define STP_CHECK()							\
	do {								\
		if (unlikely(c->error))					\
			goto out;					\
	} while (0)

/* Key literals: K(...) is one key of any number of fields. */
#define K(...) ((const union stp_key[]){ __VA_ARGS__ })
#define L(v) { .l = (v) }
#define S(v) { .s = (v) }

static inline void t_print(struct stp_context *c, const char *label, int64_t v)
{
	stp_print_str(c, label);
	stp_print_long(c, v);
	stp_print_mem(c, "\n", 1);
}

static inline void t_prints(struct stp_context *c, const char *label, const char *s)
{
	stp_print_str(c, label);
	stp_print_str(c, s);
	stp_print_mem(c, "\n", 1);
}
