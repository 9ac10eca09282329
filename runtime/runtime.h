/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ctap runtime: everything a generated module needs. The generated C
 * file defines its -D limits, includes this header, then its globals,
 * handlers and probe tables, and finally `stp_script`. This header is the
 * translator interface (doc/internals.md); the runtime's implementation is
 * included at its end so each module is one compilation unit.
 */
#ifndef CTAP_RUNTIME_H
#define CTAP_RUNTIME_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/uaccess.h>

/* Limits, SystemTap's defaults; each may be overridden with stap -D. */
#ifndef MAXACTION
#define MAXACTION 1000
#endif
#ifndef MAXSTRINGLEN
#define MAXSTRINGLEN 512
#endif
#ifndef MAXNESTING
#define MAXNESTING 10
#endif
#ifndef MAXTRYLOCK
#define MAXTRYLOCK 1000
#endif
#ifndef TRYLOCKDELAY
#define TRYLOCKDELAY 1000	/* ns between two tries of a global's lock */
#endif
#ifndef MAXERRORS
#define MAXERRORS 0
#endif
#ifndef MAXSKIPPED
#define MAXSKIPPED 100
#endif
#ifndef STP_BUFFER_SIZE
#define STP_BUFFER_SIZE 8192
#endif
/* Overload detection, on unless -D STP_NO_OVERLOAD (context.c). */
#if !defined(STP_NO_OVERLOAD) && !defined(STP_OVERLOAD)
#define STP_OVERLOAD
#endif
#ifndef STP_OVERLOAD_INTERVAL
#define STP_OVERLOAD_INTERVAL 1000000000LL	/* cycles */
#endif
#ifndef STP_OVERLOAD_THRESHOLD
#define STP_OVERLOAD_THRESHOLD 500000000LL	/* cycles spent in handlers */
#endif

#ifndef STP_MAXBACKTRACE
#define STP_MAXBACKTRACE 20	/* frames a kernel backtrace keeps */
#endif

struct stp_probe;
struct stp_procfs_value;

/* The state of one running handler; one per CPU, owned by the runtime. */
/* Groups matched() can read back; a pattern's later groups are not kept. */
#define STP_REGEX_MAX_GROUPS 32

/* The last =~ of this CPU's probe runs, when the script reads its groups. */
struct stp_last_match {
	bool matched;			/* false: the last =~ failed (or none yet) */
	int nslots;			/* 2 * groups, group 0 the whole match */
	s32 offsets[2 * STP_REGEX_MAX_GROUPS];	/* start, end; -1: no part */
	char str[MAXSTRINGLEN];		/* the string it matched in */
};

struct stp_context {
	const struct stp_probe *probe;	/* probe being run */
	struct pt_regs *regs;		/* NULL for begin/end/timer */
	const u64 *args;		/* a tracepoint's arguments, or NULL */
	unsigned int nargs;
	struct stp_procfs_value *procfs;	/* a procfs probe's $value, or NULL */
	int64_t *entry_values;		/* a kretprobe's values saved at entry, or NULL */
	long actions_remaining;		/* past zero: MAXACTION error */
	const char *error;		/* first error of this handler, or NULL */
	void *locals;			/* this CPU's locals area (locals_size bytes) */
	struct stp_last_match last_match;
	int nesting;			/* script function frames in use */
	bool next;			/* `next` in a function: unwind the handler */
	/* runtime-private */
	const char *error_where;
	char error_buffer[MAXSTRINGLEN];	/* a formatted c->error (error(), STAP_ERROR) */
	int busy;
	int stack_depth;		/* stack[] entries; -1: not collected yet */
	unsigned long stack[STP_MAXBACKTRACE];	/* the probe's backtrace (stack.c) */
	char symbol_buffer[KSYM_SYMBOL_LEN];	/* sprint_symbol() scratch (sym.c) */
	char pretty_buffer[MAXSTRINGLEN];	/* a string a pretty print quotes (pretty.c) */
	u64 overload_base;		/* get_cycles() at this CPU's overload interval start */
	int64_t overload_cycles;	/* cycles in handlers since then */
};

/*
 * A script global's lock. A raw spinlock taken only with trylock (bounded
 * by MAXTRYLOCK), so it is safe with interrupts off, on PREEMPT_RT, and a
 * handler that cannot get it is skipped rather than deadlocked.
 */
struct stp_global_lock {
	raw_spinlock_t lock;
	const char *name;		/* the script global's, for the report */
	atomic_t skipped;		/* probes skipped for want of this lock */
	atomic_t contended;		/* -t: tries that found it taken */
};

#define STP_DEFINE_NAMED_GLOBAL_LOCK(var, global_name)			\
	static struct stp_global_lock var __maybe_unused = {		\
		__RAW_SPIN_LOCK_UNLOCKED(var.lock), global_name, ATOMIC_INIT(0), \
		ATOMIC_INIT(0)						\
	}
#define STP_DEFINE_GLOBAL_LOCK(name) STP_DEFINE_NAMED_GLOBAL_LOCK(name, #name)

struct stp_lock_use {
	struct stp_global_lock *lock;
	bool write;
};

struct stp_probe {
	const char *pp;			/* canonical probe point */
	void (*handler)(struct stp_context *c);
	const struct stp_lock_use *locks;	/* in global-declaration order */
	unsigned int nlocks;
	const char *location;		/* -t: FILE:LINE:COL of the probe point */
	const char *derivation;		/* -t: " from: ..." as written */
};

#include "probes/timer.h"
#include "probes/kprobe.h"
#include "probes/tracepoint.h"
#include "probes/perf.h"
#include "probes/procfs.h"
#include "stat.h"
#include "map.h"

struct stp_script {
	const struct stp_probe *const *begin;	/* in run order */
	unsigned int nbegin;
	const struct stp_probe *const *end;	/* in run order */
	unsigned int nend;
	const struct stp_probe *const *error;	/* in run order, when a run fails */
	unsigned int nerror;
	struct stp_timer_probe *timers;
	unsigned int ntimers;
	struct stp_kprobe_probe *kprobes;
	unsigned int nkprobes;
	struct stp_tracepoint_probe *tracepoints;
	unsigned int ntracepoints;
	struct stp_perf_probe *perfs;
	unsigned int nperfs;
	struct stp_procfs_file *procfs_files;
	unsigned int nprocfs_files;
	size_t locals_size;		/* the largest handler's locals */
	struct stp_map *const *maps;	/* allocated at load, freed at unload */
	unsigned int nmaps;
	struct stp_stat *const *stats;	/* scalar statistics, likewise */
	unsigned int nstats;
	struct stp_global_lock *const *locks;	/* every global's, in declaration order */
	unsigned int nlocks;
	const struct stp_probe *probes;	/* -t (STP_TIMING): every probe, timed */
	unsigned int nprobes;
};

/* Defined by the generated code, after this header. */
static const struct stp_script stp_script;

/*
 * The functions below are called by generated code; a script uses only
 * some of them, hence __maybe_unused.
 */

/*
 * Errors: the first one in a handler wins; the handler stops there.
 * stp_exit(): script exit(); no other handler starts, end probes run.
 */
static __maybe_unused void stp_error(struct stp_context *c, const char *msg, const char *where);
static __maybe_unused int64_t stp_div(struct stp_context *c, int64_t a, int64_t b, const char *where);
static __maybe_unused int64_t stp_mod(struct stp_context *c, int64_t a, int64_t b, const char *where);
static __maybe_unused void stp_exit(struct stp_context *c);

/* Context variables (memory.c): the probed call's argument i (-1: its
 * return value), fault-safe reads of kernel memory, $$parms. */
static __maybe_unused int64_t stp_arg(struct stp_context *c, int i);
static __maybe_unused int64_t stp_kread(struct stp_context *c, int64_t addr, unsigned int size,
					int is_signed, const char *where);
static __maybe_unused const char *stp_kread_string(struct stp_context *c, char *buf,
						   int64_t addr, u64 max, const char *where);
static __maybe_unused int64_t stp_bitfield(int64_t word, unsigned int shift, unsigned int bits,
					   int is_signed);
static __maybe_unused const char *stp_format_parms(struct stp_context *c, char *buf,
						   unsigned int n, ...);
/* A .return probe's value saved at its function's entry (@entry). */
static inline int64_t stp_entry_value(struct stp_context *c, unsigned int slot)
{
	return c->entry_values ? c->entry_values[slot] : 0;
}

/* What compiled DWARF locations read (location.c). */
static __maybe_unused int64_t stp_dwarf_register(struct stp_context *c, unsigned int regno);
static __maybe_unused int64_t stp_kernel_static(u64 link_address, u64 printk_link_address);
/* Guru mode: set a DWARF-located register variable (location.c). */
static __maybe_unused int64_t stp_dwarf_set_register(struct stp_context *c, unsigned int regno,
						     int64_t value, const char *where);

/* Output, to this CPU's print buffer. */
#define STP_FMT_LEFT	1	/* '-' */
#define STP_FMT_PLUS	2	/* '+' */
#define STP_FMT_SPACE	4	/* ' ' */
#define STP_FMT_ZERO	8	/* '0' */
#define STP_FMT_ALT	16	/* '#' */
static __maybe_unused void stp_print_str(struct stp_context *c, const char *s);
static __maybe_unused void stp_print_mem(struct stp_context *c, const char *s, size_t len);
static __maybe_unused void stp_print_long(struct stp_context *c, int64_t v);
static __maybe_unused void stp_print_fmt_long(struct stp_context *c, char conv, unsigned int flags,
			       int width, int precision, int64_t v);
static __maybe_unused void stp_print_fmt_str(struct stp_context *c, unsigned int flags,
			      int width, int precision, const char *s);

/*
 * The printf family's formatting (print.c), into the print buffer
 * (STP_OUT_PRINT) or a MAXSTRINGLEN string (stp_out_string(buf): sprintf,
 * sprint; truncated, always terminated). A `*` width is stp_fmt_width(v)
 * (left-justified when v < 0), a `*` precision stp_fmt_clamp(v). %m/%M
 * read memory fault-safely; stp_fmt_mem_check() runs first, so a printf
 * whose memory faults prints nothing ("read fault" error).
 */
struct stp_out {
	char *str;			/* NULL: this CPU's print buffer */
	size_t len;
};
#define STP_OUT_PRINT ((struct stp_out){ NULL, 0 })
static inline struct stp_out stp_out_string(char *buf)
{
	buf[0] = '\0';
	return (struct stp_out){ buf, 0 };
}
static __maybe_unused __printf(2, 3) void stp_print_cformat(struct stp_context *c,
								const char *fmt, ...);
static __maybe_unused void stp_out_mem(struct stp_context *c, struct stp_out *o,
				       const char *s, size_t n);
static __maybe_unused void stp_out_str(struct stp_context *c, struct stp_out *o, const char *s);
static __maybe_unused void stp_out_long(struct stp_context *c, struct stp_out *o, int64_t v);
static __maybe_unused int stp_fmt_width(int64_t v);
static __maybe_unused int stp_fmt_clamp(int64_t v);
static __maybe_unused void stp_fmt_long(struct stp_context *c, struct stp_out *o, char conv,
					unsigned int flags, int width, int precision, int64_t v);
static __maybe_unused void stp_fmt_str(struct stp_context *c, struct stp_out *o,
				       unsigned int flags, int width, int precision,
				       const char *s);
static __maybe_unused void stp_fmt_mem_check(struct stp_context *c, unsigned int flags,
					     int precision, int64_t addr, const char *where);
static __maybe_unused void stp_fmt_mem(struct stp_context *c, struct stp_out *o, char conv,
				       unsigned int flags, int width, int precision,
				       int64_t addr, const char *where);

/* Context functions. */
static __maybe_unused const char *stp_execname(struct stp_context *c, char *buf);
static __maybe_unused int64_t stp_pid(struct stp_context *c);
static __maybe_unused int64_t stp_tid(struct stp_context *c);
static __maybe_unused int64_t stp_task_current(struct stp_context *c);
static __maybe_unused int64_t stp_target(struct stp_context *c);
static __maybe_unused int64_t stp_cpu(struct stp_context *c);
static __maybe_unused int64_t stp_user_mode(struct stp_context *c);

/*
 * Symbols, backtraces, registers and kernel memory, for the context
 * tapsets (tapsets/linux/context-*.stp, registers.stp, conversions.stp).
 */
struct stp_symbol {
	const char *name;		/* valid until the next lookup */
	unsigned long offset, size;
	const char *module;		/* "kernel" for the kernel image */
};
static __maybe_unused bool stp_symbol_lookup(struct stp_context *c, unsigned long addr,
					     struct stp_symbol *sym);
static __maybe_unused void stp_symname(struct stp_context *c, struct stp_out *o,
				       unsigned long addr);
static __maybe_unused void stp_symdata(struct stp_context *c, struct stp_out *o,
				       unsigned long addr);
static __maybe_unused const char *stp_modname(struct stp_context *c, unsigned long addr);
static __maybe_unused int stp_stack_collect(struct stp_context *c);
static __maybe_unused unsigned long stp_stack_at(struct stp_context *c, int64_t n);
static __maybe_unused void stp_stack_hex(struct stp_context *c, struct stp_out *o, int first,
					 int64_t count);
static __maybe_unused void stp_backtrace_symbolic(struct stp_context *c, struct stp_out *o,
						  bool full);
static __maybe_unused void stp_stack_symbolize(struct stp_context *c, struct stp_out *o,
					       const char *s, bool full);
static __maybe_unused int stp_register(struct stp_context *c, const char *name,
				       bool sign_extend, int64_t *value);
static __maybe_unused bool stp_kcopy(void *dst, unsigned long addr, size_t size);
static __maybe_unused bool stp_kcopy_string(char *dst, unsigned long addr, int64_t max);

/*
 * Regular expressions (regex.c): tables from the translator. With groups:
 * every =~ records its outcome in c->last_match, which matched(n),
 * matched_str() and ngroups() read (errors: a failed match, no such group).
 */
struct stp_regex;
static __maybe_unused bool stp_regex_match(const struct stp_regex *re, const char *s,
					   size_t max_len);
static __maybe_unused bool stp_regex_match_groups(struct stp_context *c,
						  const struct stp_regex *re, const char *s,
						  void *scratch);
static __maybe_unused const char *stp_regex_matched(struct stp_context *c, int64_t n,
						    char *buf, const char *where);
static __maybe_unused const char *stp_regex_matched_str(struct stp_context *c, char *buf,
							const char *where);
static __maybe_unused int64_t stp_regex_ngroups(struct stp_context *c, const char *where);


/*
 * Associative arrays (map.c). The caller holds the global's lock, and
 * exclusively for anything but stp_map_exists()/get/iteration. A key is
 * m->nkeys union stp_key fields. Setters return 0 or -ENOSPC after the
 * script error "Array overflow, check MAXMAPENTRIES" (or "..., check size
 * limit (N)"); an absent element reads as 0 or "".
 */
static __maybe_unused bool stp_map_exists(const struct stp_map *m, const union stp_key *key);
static __maybe_unused int64_t stp_map_get_long(const struct stp_map *m, const union stp_key *key);
static __maybe_unused const char *stp_map_get_str(const struct stp_map *m,
						  const union stp_key *key, char *buf);
static __maybe_unused const struct stp_stat_data *stp_map_get_stat(struct stp_map *m,
								   const union stp_key *key);
static __maybe_unused int stp_map_set_long(struct stp_context *c, struct stp_map *m,
					   const union stp_key *key, int64_t v, const char *where);
static __maybe_unused int64_t stp_map_add_long(struct stp_context *c, struct stp_map *m,
					       const union stp_key *key, int64_t delta,
					       const char *where);
static __maybe_unused int stp_map_set_str(struct stp_context *c, struct stp_map *m,
					  const union stp_key *key, const char *s, const char *where);
static __maybe_unused int stp_map_stat_add(struct stp_context *c, struct stp_map *m,
					   const union stp_key *key, int64_t v, const char *where);
static __maybe_unused void stp_map_delete(struct stp_map *m, const union stp_key *key);
static __maybe_unused void stp_map_clear(struct stp_map *m);
static __maybe_unused int64_t stp_map_size(const struct stp_map *m);
/* foreach: unsorted (insertion order) or sorted into one of the map's slots. */
static __maybe_unused u32 stp_map_first(const struct stp_map *m);
static __maybe_unused u32 stp_map_next(const struct stp_map *m, u32 e);
static __maybe_unused u32 stp_map_sort(struct stp_map *m, unsigned int slot, int by, int dir,
				       int stat_by, int64_t limit);
static __maybe_unused u32 stp_map_sorted(const struct stp_map *m, unsigned int slot, u32 i);
static __maybe_unused int64_t stp_map_key_long(const struct stp_map *m, u32 e, unsigned int field);
static __maybe_unused const char *stp_map_key_str(const struct stp_map *m, u32 e,
						  unsigned int field);
static __maybe_unused int64_t stp_map_entry_long(const struct stp_map *m, u32 e);
static __maybe_unused const char *stp_map_entry_str(const struct stp_map *m, u32 e);
static __maybe_unused const struct stp_stat_data *stp_map_entry_stat(struct stp_map *m, u32 e);
/* Slices (map_slice.c): a key with '*' fields, bit i of wild for field i. */
static __maybe_unused bool stp_map_slice_match(const struct stp_map *m, u32 e,
					       const union stp_key *key, u32 wild);
static __maybe_unused bool stp_map_slice_exists(const struct stp_map *m,
						const union stp_key *key, u32 wild);
static __maybe_unused void stp_map_delete_slice(struct stp_map *m, const union stp_key *key,
						u32 wild);

/*
 * Statistics (stat.c, hist.c). stp_stat_add() touches this CPU's data
 * only (the global's lock held at least shared); reading combines the
 * CPUs (lock held exclusively). Extractors take the combined data, or
 * NULL for an absent array element; @min @max @avg @variance and
 * histogram printing of no values are the "empty aggregate" error.
 */
static __maybe_unused void stp_stat_add(struct stp_stat *s, int64_t v);
static __maybe_unused const struct stp_stat_data *stp_stat_read(struct stp_stat *s);
static __maybe_unused void stp_stat_clear(struct stp_stat *s);
static __maybe_unused int64_t stp_stat_count(const struct stp_stat_data *d);
static __maybe_unused int64_t stp_stat_sum(const struct stp_stat_data *d);
static __maybe_unused int64_t stp_stat_min(struct stp_context *c, const struct stp_stat_data *d,
					   const char *where);
static __maybe_unused int64_t stp_stat_max(struct stp_context *c, const struct stp_stat_data *d,
					   const char *where);
static __maybe_unused int64_t stp_stat_avg(struct stp_context *c, const struct stp_stat_data *d,
					   const char *where);
static __maybe_unused int64_t stp_stat_variance(struct stp_context *c,
						const struct stp_stat_data *d, const char *where);
static __maybe_unused int64_t stp_hist_bucket(struct stp_context *c,
					      const struct stp_stat_desc *desc,
					      const struct stp_stat_data *d, int64_t index,
					      const char *where);
static __maybe_unused void stp_hist_out(struct stp_context *c, struct stp_out *o,
					const struct stp_stat_desc *desc,
					const struct stp_stat_data *d, const char *where);
static __maybe_unused void stp_hist_print(struct stp_context *c, const struct stp_stat_desc *desc,
					  const struct stp_stat_data *d, const char *where);

/* The implementation: one compilation unit per module. */
#include "transport/control.c"
#include "transport/relay.c"
#include "print.c"
#include "context.c"
#include "probes/timer.c"
#include "probes/kprobe.c"
#include "probes/tracepoint.c"
#include "probes/perf.c"
#include "probes/procfs.c"
#include "memory.c"
#include "pretty.c"
#include "location.c"
#include "sym.c"
#include "stack.c"
#include "regs.c"
#include "kread.c"
#include "regex.c"
#include "regex_groups.c"
#include "stat.c"
#include "hist.c"
#include "map.c"
#include "map_slice.c"
#include "timing.c"
#include "session.c"

#endif
