// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A kernel module's DWARF: its unstripped .ko from linux-image-RELEASE-dbg.
 * A .ko is relocatable (ET_REL): its DWARF refers to its sections through
 * relocations, so it is opened with libdwfl's offline reporting, which lays
 * the sections out and applies them. Every address here (DWARF, symbols,
 * text ranges, refusals) is in that layout; a probe site is then named by
 * the function symbol that holds it and the offset into it ("MOD:sym+off"),
 * which the kernel resolves wherever it loaded the module.
 */
#include "debuginfo.h"

#include <ftw.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../locate.h"
#include "../util.h"

static struct debuginfo **opened;
static size_t nopened, opened_cap;

/* nftw has no user pointer: the search's state lives here. */
static const char *wanted_file;
static char *found_path;

static int find_ko(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	char *name;
	bool done;

	(void)st;
	if (type != FTW_F)
		return 0;
	name = xstrdup(path + ftw->base);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	done = strcmp(name, wanted_file) == 0;
	free(name);
	if (done)
		found_path = xstrdup(path);
	return done;
}

static char *find_module_debuginfo(const struct session *s, const char *name)
{
	char *dirs[] = {
		xasprintf("%s/kernels/%s/usr/lib/debug/lib/modules/%s", ctap_cache_dir(),
			  s->release, s->release),
		xasprintf("/usr/lib/debug/lib/modules/%s", s->release),
	};
	char *file = xasprintf("%s.ko", name);

	wanted_file = file;
	found_path = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		if (!found_path && access(dirs[i], R_OK) == 0)
			nftw(dirs[i], find_ko, 16, FTW_PHYS);
		free(dirs[i]);
	}
	free(file);
	return found_path;
}

static char *build_id_hex(Dwfl_Module *mod)
{
	const unsigned char *bits;
	GElf_Addr vaddr;
	int len = dwfl_module_build_id(mod, &bits, &vaddr);
	struct strbuf hex;

	if (len <= 0)
		return NULL;
	strbuf_init(&hex);
	for (int i = 0; i < len; i++)
		strbuf_addf(&hex, "%02x", bits[i]);
	return strbuf_detach(&hex);
}

static int by_address(const void *a, const void *b)
{
	const struct elf_function_symbol *x = a, *y = b;

	return x->address < y->address ? -1 : x->address > y->address;
}

/* The defined function symbols, at their laid-out addresses. */
static void read_symbols(struct debuginfo *di, Dwfl_Module *mod, Dwarf_Addr bias)
{
	int n = dwfl_module_getsymtab(mod);
	size_t cap = 0;

	for (int i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr, &shndx,
							   NULL, NULL);
		struct elf_function_symbol fs;

		if (!name || !*name || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    shndx == SHN_UNDEF)
			continue;
		fs = (struct elf_function_symbol){
			addr - bias, sym.st_size, name, GELF_ST_BIND(sym.st_info) == STB_GLOBAL,
		};
		VEC_PUSH(di->symbols, di->nsymbols, cap, fs);
	}
	qsort(di->symbols, di->nsymbols, sizeof(*di->symbols), by_address);
}

/* Text the kprobes core blacklists in every module it loads. */
static bool refused_text_section(const char *name)
{
	return strcmp(name, ".noinstr.text") == 0 || strcmp(name, ".kprobes.text") == 0 ||
	       strcmp(name, ".entry.text") == 0;
}

static void read_text(struct debuginfo *di, Elf *elf, Dwarf_Addr bias)
{
	struct module_image *m = di->module;
	Elf_Scn *scn = NULL;
	size_t shstrndx, cap = 0;
	GElf_Shdr shdr;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;
		struct address_range r;

		if (!gelf_getshdr(scn, &shdr) || !(shdr.sh_flags & SHF_ALLOC) ||
		    !(shdr.sh_flags & SHF_EXECINSTR) || !shdr.sh_size)
			continue;
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!name || refused_text_section(name))
			continue;
		r = (struct address_range){ shdr.sh_addr - bias, shdr.sh_addr - bias + shdr.sh_size };
		VEC_PUSH(m->text, m->ntext, cap, r);
	}
}

/* A table whose entries point into the text, each by a PC-relative
 * relocation at a multiple of stride (0: any), and what kprobes say. */
struct site_table {
	const char *section;
	uint64_t stride;
	const char *why;
};

static const struct site_table site_tables[] = {
	/* struct jump_entry { s32 code; s32 target; long key; } */
	{ "__jump_table", 16, REFUSED_JUMP_LABEL },
	/* struct bug_entry: its text address is the only one into text */
	{ "__bug_table", 0, REFUSED_BUG_TRAP },
	/* struct static_call_site { s32 addr; s32 key; } */
	{ ".static_call_sites", 8, REFUSED_STATIC_CALL },
};

/* The refusals one table's relocations name. */
static void read_site_table(struct debuginfo *di, Elf *elf, Elf_Scn *rela,
			    const GElf_Shdr *rela_shdr, const struct site_table *table,
			    Dwarf_Addr bias, size_t *cap)
{
	Elf_Data *data = elf_getdata(rela, NULL);
	Elf_Scn *symtab = elf_getscn(elf, rela_shdr->sh_link);
	Elf_Data *syms = symtab ? elf_getdata(symtab, NULL) : NULL;
	size_t n = rela_shdr->sh_entsize ? rela_shdr->sh_size / rela_shdr->sh_entsize : 0;

	for (size_t i = 0; data && syms && i < n; i++) {
		GElf_Rela r;
		GElf_Sym sym;
		GElf_Shdr target;
		Elf_Scn *scn;
		Elf_Data *code;
		struct site_refusal refusal;
		uint64_t offset;

		if (!gelf_getrela(data, (int)i, &r) ||
		    (table->stride && r.r_offset % table->stride) ||
		    !gelf_getsym(syms, (int)GELF_R_SYM(r.r_info), &sym) ||
		    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
			continue;
		scn = elf_getscn(elf, sym.st_shndx);
		if (!scn || !gelf_getshdr(scn, &target) || !(target.sh_flags & SHF_EXECINSTR))
			continue;
		offset = sym.st_value + (uint64_t)r.r_addend;
		refusal.start = target.sh_addr - bias + offset;
		refusal.why = table->why;
		if (strcmp(table->section, "__jump_table") == 0) {
			code = elf_getdata(scn, NULL);
			refusal.end = refusal.start +
				(code && code->d_buf && offset < code->d_size
				 ? jump_site_length((const unsigned char *)code->d_buf + offset,
						    code->d_size - offset)
				 : 5);
		} else {
			refusal.end = refusal.start + (table->stride ? 5 : 2);
		}
		VEC_PUSH(di->refused, di->nrefused, *cap, refusal);
	}
}

static void read_refusals(struct debuginfo *di, Elf *elf, Dwarf_Addr bias)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx, cap = 0;
	GElf_Shdr shdr;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr applies;
		Elf_Scn *to;
		const char *name;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_RELA)
			continue;
		to = elf_getscn(elf, shdr.sh_info);
		if (!to || !gelf_getshdr(to, &applies))
			continue;
		name = elf_strptr(elf, shstrndx, applies.sh_name);
		for (size_t t = 0; name && t < ARRAY_SIZE(site_tables); t++)
			if (strcmp(name, site_tables[t].section) == 0)
				read_site_table(di, elf, scn, &shdr, &site_tables[t], bias, &cap);
	}
	site_refusals_sort(di);
}

static const Dwfl_Callbacks offline_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

static struct debuginfo *open_module(const char *name, const char *path)
{
	struct debuginfo *di = xcalloc(1, sizeof(*di));
	struct module_image *m = xcalloc(1, sizeof(*m));
	Dwfl_Module *mod;
	Dwarf_Addr bias, elf_bias;
	Elf *elf;

	di->fd = -1;
	di->path = xstrdup(path);
	di->module = m;
	m->name = xstrdup(name);
	m->dwfl = dwfl_begin(&offline_callbacks);
	if (!m->dwfl)
		goto fail;
	mod = dwfl_report_offline(m->dwfl, name, path, -1);
	dwfl_report_end(m->dwfl, NULL, NULL);
	if (!mod)
		goto fail;
	di->dwarf = dwfl_module_getdwarf(mod, &bias);
	elf = dwfl_module_getelf(mod, &elf_bias);
	di->build_id = build_id_hex(mod);
	if (!di->dwarf || !elf || !di->build_id || bias != elf_bias)
		goto fail;
	read_symbols(di, mod, bias);
	read_text(di, elf, bias);
	read_refusals(di, elf, bias);
	return di;
fail:
	debuginfo_close(di);
	return NULL;
}

struct debuginfo *module_debuginfo(struct session *s, const char *name)
{
	char *canonical = xstrdup(name), *path;
	struct debuginfo *di;

	for (char *p = canonical; *p; p++)
		if (*p == '-')
			*p = '_';
	for (size_t i = 0; i < nopened; i++)
		if (strcmp(opened[i]->module->name, canonical) == 0) {
			free(canonical);
			return opened[i];
		}
	path = getenv("CTAP_NO_KERNEL_DEBUGINFO") ? NULL : find_module_debuginfo(s, canonical);
	di = path ? open_module(canonical, path) : NULL;
	if (path && !di && s->verbose >= 1)
		fprintf(stderr, "stap: %s holds no usable DWARF; ignoring it\n", path);
	if (di && dwarf_index_load(di, s->verbose) != 0)
		debuginfo_close(di), di = NULL;
	if (di) {
		if (s->verbose >= 2)
			fprintf(stderr, "Module DWARF: %s (build ID %s)\n", path, di->build_id);
		VEC_PUSH(opened, nopened, opened_cap, di);
	}
	free(path);
	free(canonical);
	return di;
}

size_t module_debuginfo_opened(struct debuginfo *const **list)
{
	*list = opened;
	return nopened;
}

void module_debuginfo_free(void)
{
	for (size_t i = 0; i < nopened; i++)
		debuginfo_close(opened[i]);
	free(opened);
	opened = NULL;
	nopened = opened_cap = 0;
}

void module_image_close(struct module_image *m)
{
	if (!m)
		return;
	if (m->dwfl)
		dwfl_end(m->dwfl);
	free(m->text);
	free(m->name);
	free(m);
}

const char *module_site_refusal(const struct debuginfo *di, uint64_t address)
{
	const struct module_image *m = di->module;
	const struct site_refusal *refused;
	bool in_text = false;

	for (size_t i = 0; i < m->ntext && !in_text; i++)
		in_text = address >= m->text[i].start && address < m->text[i].end;
	if (!in_text)
		return "outside the text kprobes accept";
	if ((refused = site_refusal_at(di, address)))
		return refused->why;
	if (!debuginfo_symbol_at(di, address))
		return "in no function symbol";
	return NULL;
}
