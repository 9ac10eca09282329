/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The target kernel's DWARF (libdw), as the probe providers and the
 * $variable compiler use it:
 *
 *   struct debuginfo      one opened ELF file with DWARF (vmlinux, or a
 *                         module's .ko), its function symbols,
 *                         kprobe-forbidden ranges and exported names
 *                         (elf_image.c; module.c for a .ko)
 *   struct dwarf_index    every function and inlined instance by name, built
 *                         once per build ID and cached on disk (dwarf_index.c)
 *   struct dwarf_site     one probe address resolved from an index entry, with
 *                         the function's DIE, its CU and the frame base at
 *                         hand for the $variable compiler (dwarf_func.c,
 *                         dwarf_line.c)
 *   type naming           SystemTap's spelling of a DWARF type (dwarf_type.c)
 */
#ifndef CTAP_DEBUGINFO_H
#define CTAP_DEBUGINFO_H

#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../session.h"
#include "../util.h"

enum {
	DWARF_ENTRY_INLINE = 1,		/* a DW_TAG_inlined_subroutine instance */
	/* A global function symbol of that name: SystemTap's .exported
	 * (wider than EXPORT_SYMBOL: every non-static function). */
	DWARF_ENTRY_EXPORTED = 2,
};

/* One function body or inlined instance; strings are string-table offsets. */
struct dwarf_entry {
	uint32_t name;
	uint32_t decl_file;		/* as in the CU's file table, relative */
	uint32_t decl_line;
	uint32_t flags;
	uint64_t die;			/* DIE offset in .debug_info */
	uint64_t entry_pc;		/* link-time address of its first instruction */
};

struct dwarf_index {
	struct dwarf_entry *entries;	/* sorted by name, then entry_pc */
	size_t count;
	char *strings;			/* NUL-terminated names, concatenated */
	size_t strings_len;
	void *storage;			/* what entries and strings live in */
};

struct elf_function_symbol {
	uint64_t address;
	uint64_t size;
	const char *name;		/* in the ELF string table */
	bool global;			/* STB_GLOBAL: visible outside its file */
};

struct dwarf_ctypes;

struct address_range {
	uint64_t start, end;		/* [start, end) */
};

struct debuginfo {
	char *path;
	char *build_id;			/* hex */
	int fd;
	Elf *elf;
	Dwarf *dwarf;
	struct dwarf_index index;
	struct elf_function_symbol *symbols;	/* sorted by address */
	size_t nsymbols;
	uint64_t stext;			/* _stext: kprobes are placed relative to it */
	struct address_range *forbidden;	/* addresses kprobes refuse */
	size_t nforbidden;
	uint64_t *blacklist;		/* NOKPROBE_SYMBOL() functions, sorted */
	size_t nblacklist;
	uint64_t text_start, text_end;	/* the probeable text */
	struct site_refusal *refused;	/* sorted by start (site_refusal.c) */
	size_t nrefused;
	/* A module's .ko (module.c): NULL for vmlinux. Its addresses are
	 * those libdwfl laid the sections out at, DWARF and symbols alike. */
	struct module_image *module;
	struct dwarf_ctypes *ctypes;	/* debuginfo_ctypes() */
	Dwarf_CFI *eh_frame_cfi;	/* .eh_frame, when .debug_frame lacks a pc */
};

/* Why an instruction is refused, as site_refusal.why. */
#define REFUSED_JUMP_LABEL "a jump-label site"
#define REFUSED_BUG_TRAP "a BUG()/WARN() trap (ud2)"
#define REFUSED_STATIC_CALL "a static call site"

/* An instruction in the text that kprobes refuse, and why. */
struct site_refusal {
	uint64_t start, end;		/* [start, end) */
	const char *why;		/* "a jump-label site", ... */
};

struct module_image {
	char *name;			/* the kernel's name: '-' read as '_' */
	Dwfl *dwfl;			/* owns the relocated ELF and DWARF */
	struct address_range *text;	/* executable sections kprobes accept */
	size_t ntext;
};

/* One probe address, from a function entry or a source line. */
struct dwarf_site {
	const struct dwarf_entry *entry;
	const char *name;		/* the function (index string) */
	const char *decl_file;
	int decl_line;
	int line;			/* the line of pc, for statement probes */
	uint64_t pc;			/* link-time probe address */
	Dwarf_Die function;		/* subprogram or inlined_subroutine */
	Dwarf_Die cu;
};

/*
 * The target kernel's vmlinux with DWARF for s->release: the ctap cache
 * (kernels/RELEASE/usr/lib/debug/boot), /usr/lib/debug/boot,
 * /lib/modules/RELEASE/build; NULL when none exists. Opened (with its index
 * loaded or built) once per run.
 */
struct debuginfo *kernel_debuginfo(struct session *s);
/* The vmlinux DWARF if this run has opened it, else NULL (never opens). */
const struct debuginfo *kernel_debuginfo_opened(void);
/* The Debian package that holds the target's vmlinux with DWARF. */
char *kernel_debuginfo_package(const struct session *s);
void kernel_debuginfo_free(void);

/* dwarf_names.c */
/*
 * The first DIE at a unit's top level named `name` with one of the ntags
 * tags (and, if definition, no DW_AT_declaration): a type or a global
 * variable for @cast and @var. file: only the unit of that source file
 * ("kernel/time/jiffies.c" or a tail of its path), or NULL. False when no
 * unit has one.
 */
bool dwarf_find_named(struct debuginfo *di, const int *tags, size_t ntags, const char *name,
		      const char *file, bool definition, Dwarf_Die *out);

/* module.c */
/*
 * Module `name` of the target kernel with DWARF: its .ko from
 * linux-image-RELEASE-dbg (the ctap cache's usr/lib/debug/lib/modules, or
 * the host's /usr/lib/debug/lib/modules/RELEASE), opened through libdwfl so
 * its relocations are applied, with its index loaded or built. Once per
 * module per run; NULL when no such file exists.
 */
struct debuginfo *module_debuginfo(struct session *s, const char *name);
/* The modules' DWARF this run has opened: *list, and the count. */
size_t module_debuginfo_opened(struct debuginfo *const **list);
void module_debuginfo_free(void);
void module_image_close(struct module_image *m);
/* Why kprobes would refuse address in a module (not its text, a jump-label
 * site, a BUG()/WARN() trap, a static call site), or NULL if they accept it. */
const char *module_site_refusal(const struct debuginfo *di, uint64_t address);

/* site_refusal.c */
/* The length of the instruction a jump label patches at code: a 2-byte or
 * a 5-byte jump or NOP, told apart by its first byte(s). */
uint64_t jump_site_length(const unsigned char *code, size_t room);
void site_refusals_sort(struct debuginfo *di);
/* How many elements of the array sorted (n of size bytes, each with a
 * uint64_t start at start_offset, ascending) start at or before address:
 * the index after the last such one. */
size_t count_starting_by(const void *sorted, size_t n, size_t size, size_t start_offset,
			 uint64_t address);
/* The entry of di's refused list holding address, or NULL. */
const struct site_refusal *site_refusal_at(const struct debuginfo *di, uint64_t address);

/* elf_image.c */
struct debuginfo *debuginfo_open(const char *path);
void debuginfo_close(struct debuginfo *di);
/* The ctypes of di's DWARF types (dwarf_ctype.h), made on first use and
 * kept until di is closed. */
struct dwarf_ctypes *debuginfo_ctypes(struct debuginfo *di);
/* The function symbol holding address, or NULL. */
const struct elf_function_symbol *debuginfo_symbol_at(const struct debuginfo *di,
						      uint64_t address);
/* Why kprobes would refuse address in vmlinux (outside the text, in entry,
 * noinstr or kprobes text, a NOKPROBE_SYMBOL function, a jump-label or
 * static call site, a BUG()/WARN() trap), or NULL if they accept it; the
 * phrase reads after "its address is". */
const char *debuginfo_refusal(const struct debuginfo *di, uint64_t address);
/* True when kprobes accept address; always for a module, whose probe
 * provider asks module_site_refusal. */
bool debuginfo_probeable(const struct debuginfo *di, uint64_t address);
/* The names of global function symbols, sorted, for the index builder. */
char **debuginfo_exported_names(const struct debuginfo *di, size_t *count);

/* dwarf_index.c */
/*
 * Load the index of di from the cache directory (keyed by build ID), or
 * build it by walking every CU once and save it there. 0 on success.
 */
int dwarf_index_load(struct debuginfo *di, int verbose);
void dwarf_index_free(struct dwarf_index *index);
char *dwarf_index_cache_path(const struct debuginfo *di);
static inline const char *dwarf_entry_string(const struct dwarf_index *index,
					     uint32_t offset)
{
	return index->strings + offset;
}

/* dwarf_func.c */
enum dwarf_function_kind {
	DWARF_FUNCTION_ANY,		/* kernel.function: bodies and inlined instances */
	DWARF_FUNCTION_CALL,		/* .call, .return: bodies only */
	DWARF_FUNCTION_INLINE,		/* .inline: inlined instances only */
};

/* A parsed "name[@file[:line]]" pattern. */
struct function_pattern {
	char *name;
	char *file;			/* NULL: any */
	int line;			/* 0: any */
	bool line_wildcard;		/* ":*": every line (statements) */
};

/* Parse text; false (with *message) on a malformed pattern. */
bool function_pattern_parse(const char *text, struct function_pattern *pattern,
			    char **message);
void function_pattern_free(struct function_pattern *pattern);
bool function_pattern_matches_file(const struct function_pattern *pattern,
				   const char *file);

/*
 * The probe sites of every function matching pattern, one per distinct
 * address, in name and address order; the count. exported_only keeps the
 * functions in __ksymtab. A site kprobes would refuse is left out; if
 * refusal is not NULL, it is set to the first such site's reason (see
 * debuginfo_refusal), or NULL when none was.
 */
size_t dwarf_function_sites(struct debuginfo *di, const struct function_pattern *pattern,
			    enum dwarf_function_kind kind, bool exported_only,
			    struct dwarf_site **sites, const char **refusal);
/* The probe address of a function body: its entry, or after its prologue
 * when its CU was built without optimization (see doc/internals.md). */
uint64_t dwarf_function_probe_pc(Dwarf_Die *function, Dwarf_Die *cu, uint64_t entry_pc);

/* dwarf_line.c */
/*
 * The statement sites of the functions matching pattern at its line (or
 * every line with ":*"): the lowest address of each line within each
 * function's ranges, from the function's own file and not before its
 * declaration (earlier lines belong to inlined callees).
 */
size_t dwarf_statement_sites(struct debuginfo *di, const struct function_pattern *pattern,
			     struct dwarf_site **sites);

/* dwarf_type.c */
/* SystemTap's name of a DWARF type ("struct file*", "size_t", "char*"). */
char *dwarf_type_name(Dwarf_Die *type);
/* " $name:type" for the variables of the site's scopes, innermost first
 * as SystemTap lists them: locals whose location covers the pc, and the
 * function's parameters; appended to out. */
void dwarf_site_variables(struct dwarf_site *site, struct strbuf *out);
/* Each variable visible at pc, in SystemTap's order: the locals of the
 * lexical blocks of function holding pc, innermost first, then function's
 * own locals and its parameters (only those at the function's entry pc).
 * is_local: a DW_TAG_variable, not a parameter. */
void dwarf_visible_variables(Dwarf_Die *function, uint64_t pc,
			     void (*visit)(Dwarf_Die *var, bool is_local, void *ctx), void *ctx);

#endif
