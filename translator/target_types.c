// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Named kernel types and globals for @cast and @var, from the sources in
 * `type_sources` in order: the kernel's DWARF when its -dbg vmlinux is at
 * hand (debuginfo/dwarf_ctype.c), then its BTF. DWARF knows every global
 * (Debian's BTF has VAR records for per-CPU variables only, so
 * @var("jiffies") needs DWARF) and every type the kernel was built with.
 */
#include "target_types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dwarf.h>

#include "debuginfo/debuginfo.h"
#include "debuginfo/dwarf_ctype.h"
#include "debuginfo/kernel_btf.h"
#include "util.h"

struct type_source {
	/* module: a module's own types (its .ko), or NULL for the kernel's */
	const struct ctype *(*find_type)(struct session *s, const char *module, const char *name);
	/* file: the source file whose unit names it (@var("name@file")), or NULL */
	const struct ctype *(*find_global)(struct session *s, const char *name, const char *file,
					   bool *per_cpu);
};

/* The BTF of the kernel, or of a module (split over the kernel's). */
static struct kernel_btf *btf_of(struct session *s, const char *module)
{
	char *why = NULL;
	struct debuginfo *di = module ? module_debuginfo(s, module) : NULL;
	struct kernel_btf *kb = NULL;

	if (!module)
		kb = kernel_btf_load(s, &why);
	else if (di)
		kb = module_btf_load(s, di->path, &why);
	free(why);
	return kb;
}

/* The C keyword a type name starts with, or none: a bare name, which may
 * be any of the kinds C names (struct, union, typedef, base type). */
enum type_keyword { KEYWORD_STRUCT, KEYWORD_UNION, KEYWORD_ENUM, KEYWORD_NONE };

/* "struct x" -> (KEYWORD_STRUCT, "x"). */
static enum type_keyword split_type_name(const char *name, const char **bare)
{
	static const char *const keywords[] = {
		[KEYWORD_STRUCT] = "struct ", [KEYWORD_UNION] = "union ",
		[KEYWORD_ENUM] = "enum ",
	};

	for (size_t i = 0; i < ARRAY_SIZE(keywords); i++) {
		size_t n = strlen(keywords[i]);

		if (strncmp(name, keywords[i], n) == 0) {
			*bare = name + n;
			return (enum type_keyword)i;
		}
	}
	*bare = name;
	return KEYWORD_NONE;
}

static const struct ctype *btf_find_type(struct session *s, const char *module,
					 const char *name)
{
	static const enum btf_kind kinds[][4] = {
		[KEYWORD_STRUCT] = { BTF_KIND_STRUCT },
		[KEYWORD_UNION] = { BTF_KIND_UNION },
		[KEYWORD_ENUM] = { BTF_KIND_ENUM, BTF_KIND_ENUM64 },
		[KEYWORD_NONE] = { BTF_KIND_STRUCT, BTF_KIND_UNION, BTF_KIND_TYPEDEF,
				   BTF_KIND_INT },
	};
	struct kernel_btf *kb = btf_of(s, module);
	const char *bare;
	enum type_keyword keyword = split_type_name(name, &bare);

	if (!kb)
		return NULL;
	for (size_t k = 0; k < 4 && kinds[keyword][k]; k++) {
		uint32_t id = btf_find(kb->btf, kinds[keyword][k], bare);

		if (id)
			return kernel_btf_ctype(kb, id);
	}
	return NULL;
}

/* Whether BTF places VAR `var` in the per-CPU section. */
static bool btf_var_is_per_cpu(struct btf *btf, uint32_t var)
{
	struct btf_type t;

	for (uint32_t id = 1; id < btf_type_count(btf); id++) {
		if (!btf_type(btf, id, &t) || t.kind != BTF_KIND_DATASEC)
			continue;
		/* entries: { type, offset, size } */
		for (uint16_t i = 0; i < t.vlen; i++)
			if (t.extra[3 * i] == var)
				return strcmp(t.name, ".data..percpu") == 0;
	}
	return false;
}

/* A per-CPU variable's symbol is an offset into each CPU's area, not an
 * address a module can read: those are not offered (*per_cpu set). BTF
 * has a VAR record for every per-CPU variable, so it says which they are
 * for DWARF too. */
static const struct ctype *btf_find_global(struct session *s, const char *name,
					   const char *file, bool *per_cpu)
{
	char *why = NULL;
	struct kernel_btf *kb = kernel_btf_load(s, &why);
	uint32_t id;

	free(why);
	if (!kb)
		return NULL;
	/* BTF does not say which file a global is in: the per-CPU answer
	 * still holds, the type is DWARF's to give */
	id = btf_find(kb->btf, BTF_KIND_VAR, name);
	if (!id)
		return NULL;
	*per_cpu = btf_var_is_per_cpu(kb->btf, id);
	return *per_cpu || file ? NULL : kernel_btf_ctype(kb, id);
}

/* As btf_find_type: "struct x" is a struct's definition, a bare name
 * any of the kinds C names. */
static const struct ctype *dwarf_find_type(struct session *s, const char *module,
					   const char *name)
{
	static const struct { int tags[4]; size_t ntags; } kinds[] = {
		[KEYWORD_STRUCT] = { { DW_TAG_structure_type }, 1 },
		[KEYWORD_UNION] = { { DW_TAG_union_type }, 1 },
		[KEYWORD_ENUM] = { { DW_TAG_enumeration_type }, 1 },
		[KEYWORD_NONE] = { { DW_TAG_structure_type, DW_TAG_union_type, DW_TAG_typedef,
				     DW_TAG_base_type }, 4 },
	};
	struct debuginfo *di = module ? module_debuginfo(s, module) : kernel_debuginfo(s);
	const char *bare;
	enum type_keyword keyword = split_type_name(name, &bare);
	Dwarf_Die die;

	if (!di || !dwarf_find_named(di, kinds[keyword].tags, kinds[keyword].ntags, bare, NULL,
				     true, &die))
		return NULL;
	return dwarf_ctype(debuginfo_ctypes(di), &die);
}

/*
 * A global's type from any unit that names it: its definition, or a
 * declaration where none has one (jiffies is the linker's alias of
 * jiffies_64, declared in C and defined by no unit). Per-CPU variables
 * are refused as with BTF, whose VAR records say which those are.
 */
static const struct ctype *dwarf_find_global(struct session *s, const char *name,
					     const char *file, bool *per_cpu)
{
	static const int variable[] = { DW_TAG_variable };
	struct debuginfo *di = kernel_debuginfo(s);
	Dwarf_Die die;

	if (!di)
		return NULL;
	btf_find_global(s, name, NULL, per_cpu);
	if (*per_cpu)
		return NULL;
	if (!dwarf_find_named(di, variable, 1, name, file, false, &die))
		return NULL;
	return dwarf_ctype_of_die(debuginfo_ctypes(di), &die);
}

static const struct type_source type_sources[] = {
	{ dwarf_find_type, dwarf_find_global },
	{ btf_find_type, btf_find_global },
};

const struct ctype *kernel_type_find(struct session *s, const char *module, const char *name,
				     char **why)
{
	if (module && !module_debuginfo(s, module)) {
		*why = xasprintf("type definition '%s' not found in '%s': no debuginfo of "
				 "module '%s'", name, module, module);
		return NULL;
	}
	for (size_t i = 0; i < sizeof(type_sources) / sizeof(type_sources[0]); i++) {
		const struct ctype *t = type_sources[i].find_type(s, module, name);

		if (t)
			return t;
	}
	*why = xasprintf("type definition '%s' not found in '%s'", name,
			 module ? module : "kernel");
	return NULL;
}

/* Whether vmlinux exports `name` (the build tree's Module.symvers): the
 * generated module reaches a global by linking against it. */
static bool exported_by_vmlinux(const struct session *s, const char *name)
{
	char *path = xasprintf("%s/Module.symvers", s->kernel_build_dir);
	FILE *f = fopen(path, "r");
	char line[512], sym[256], module[256];
	bool found = false;

	free(path);
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*s %255s %255s", sym, module) == 2 &&
			strcmp(sym, name) == 0 && strcmp(module, "vmlinux") == 0;
	fclose(f);
	return found;
}

const struct ctype *kernel_global_find(struct session *s, const char *name, const char *file,
				       char **why)
{
	const struct ctype *t = NULL;
	bool per_cpu = false;

	if (file && !kernel_debuginfo(s)) {
		char *package = kernel_debuginfo_package(s);

		*why = xasprintf("unable to find global '%s' in kernel, in %s: '@file' needs "
				 "the kernel's DWARF (%s)", name, file, package);
		free(package);
		return NULL;
	}
	for (size_t i = 0; i < sizeof(type_sources) / sizeof(type_sources[0]) && !t; i++)
		t = type_sources[i].find_global(s, name, file, &per_cpu);
	if (!t && per_cpu) {
		*why = xasprintf("global '%s' is a per-CPU variable: @var of per-CPU "
				 "variables is not supported by this ctap yet", name);
		return NULL;
	}
	if (!t && file) {
		*why = xasprintf("unable to find global '%s' in kernel, in %s", name, file);
		return NULL;
	}
	if (!t) {
		*why = xasprintf("unable to find global '%s' in kernel", name);
		return NULL;
	}
	if (!exported_by_vmlinux(s, name)) {
		*why = xasprintf("global '%s' is not exported by the kernel: reading "
				 "unexported globals is not supported by this ctap yet", name);
		return NULL;
	}
	return t;
}
