// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ELF side of a vmlinux with DWARF: its build ID, its function symbols
 * (to name the function an address lies in), the addresses kprobes refuse
 * (entry, noinstr, kprobes and init text; NOKPROBE_SYMBOL functions;
 * jump-label, static call and BUG()/WARN() sites) and its global function
 * names (what .exported selects, as in SystemTap).
 */
#include "debuginfo.h"

#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util.h"
#include "dwarf_ctype.h"

static char *read_build_id(Elf *elf)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;

	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Data *data;
		GElf_Nhdr nhdr;
		size_t offset = 0, name_at, desc_at;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_NOTE)
			continue;
		data = elf_getdata(scn, NULL);
		while (data && (offset = gelf_getnote(data, offset, &nhdr, &name_at,
						      &desc_at)) > 0) {
			const unsigned char *desc = (const unsigned char *)data->d_buf + desc_at;
			struct strbuf hex;

			if (nhdr.n_type != NT_GNU_BUILD_ID || nhdr.n_namesz != 4 ||
			    memcmp((const char *)data->d_buf + name_at, "GNU", 4) != 0)
				continue;
			strbuf_init(&hex);
			for (size_t i = 0; i < nhdr.n_descsz; i++)
				strbuf_addf(&hex, "%02x", desc[i]);
			return strbuf_detach(&hex);
		}
	}
	return NULL;
}

static int by_address(const void *a, const void *b)
{
	const struct elf_function_symbol *x = a, *y = b;

	return x->address < y->address ? -1 : x->address > y->address;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The bytes at a link-time address, from the section holding it. */
static const unsigned char *bytes_at(Elf *elf, uint64_t address, size_t len)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;

	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Data *data;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_PROGBITS ||
		    address < shdr.sh_addr || address + len > shdr.sh_addr + shdr.sh_size)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !data->d_buf)
			return NULL;
		return (const unsigned char *)data->d_buf + (address - shdr.sh_addr);
	}
	return NULL;
}

/* Named symbols the text ranges are built from. */
struct marker {
	const char *name;
	uint64_t *value;
};

/*
 * A table of instructions kprobes refuse, between two linker markers:
 * entries of stride bytes, each starting with an s32 offset from itself
 * to the instruction. The strides are x86_64's struct jump_entry (s32
 * code, s32 target, long key), struct static_call_site (s32 addr, s32
 * key) and struct bug_entry with relative pointers and a verbose BUG
 * (s32 addr, s32 file, u16 line, u16 flags), the same in 6.1 and 6.12.
 * A table whose size is no multiple of its stride is another layout:
 * it is left out rather than misread.
 */
struct refused_table {
	uint64_t start, stop;
	uint64_t stride;
	uint64_t length;	/* of each instruction (at most: see below) */
	const char *why;
};

static void read_refused_table(struct debuginfo *di, const struct refused_table *t,
			       size_t *cap)
{
	uint64_t size = t->stop - t->start;
	const unsigned char *bytes;

	if (t->stop <= t->start || size % t->stride)
		return;
	bytes = bytes_at(di->elf, t->start, size);
	for (uint64_t at = 0; bytes && at < size; at += t->stride) {
		int32_t offset;
		struct site_refusal r;

		memcpy(&offset, bytes + at, sizeof(offset));
		r.start = t->start + at + (uint64_t)(int64_t)offset;
		r.end = r.start + t->length;
		r.why = t->why;
		VEC_PUSH(di->refused, di->nrefused, *cap, r);
	}
}

static void read_symbols(struct debuginfo *di)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;
	size_t cap = 0;
	uint64_t values[18] = { 0 };
	const struct marker markers[] = {
		{ "_stext", &di->stext }, { "_etext", &di->text_end },
		{ "__kprobes_text_start", &values[0] }, { "__kprobes_text_end", &values[1] },
		{ "__entry_text_start", &values[2] }, { "__entry_text_end", &values[3] },
		{ "__irqentry_text_start", &values[4] }, { "__irqentry_text_end", &values[5] },
		{ "__noinstr_text_start", &values[6] }, { "__noinstr_text_end", &values[7] },
		{ "__softirqentry_text_start", &values[8] },
		{ "__softirqentry_text_end", &values[9] },
		{ "__start_kprobe_blacklist", &values[10] },
		{ "__stop_kprobe_blacklist", &values[11] },
		{ "__start___jump_table", &values[12] }, { "__stop___jump_table", &values[13] },
		{ "__start_static_call_sites", &values[14] },
		{ "__stop_static_call_sites", &values[15] },
		{ "__start___bug_table", &values[16] }, { "__stop___bug_table", &values[17] },
	};

	while ((scn = elf_nextscn(di->elf, scn))) {
		Elf_Data *data;
		size_t n;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_SYMTAB)
			continue;
		data = elf_getdata(scn, NULL);
		n = shdr.sh_entsize ? shdr.sh_size / shdr.sh_entsize : 0;
		for (size_t i = 0; data && i < n; i++) {
			GElf_Sym sym;
			const char *name;
			struct elf_function_symbol fs;

			if (!gelf_getsym(data, (int)i, &sym))
				continue;
			name = elf_strptr(di->elf, shdr.sh_link, sym.st_name);
			if (!name || !*name)
				continue;
			if (GELF_ST_TYPE(sym.st_info) != STT_FUNC) {
				for (size_t m = 0; m < ARRAY_SIZE(markers); m++)
					if (strcmp(name, markers[m].name) == 0)
						*markers[m].value = sym.st_value;
				continue;
			}
			fs = (struct elf_function_symbol){
				sym.st_value, sym.st_size, name,
				GELF_ST_BIND(sym.st_info) == STB_GLOBAL,
			};
			VEC_PUSH(di->symbols, di->nsymbols, cap, fs);
		}
	}
	qsort(di->symbols, di->nsymbols, sizeof(*di->symbols), by_address);
	di->text_start = di->stext;
	cap = 0;
	for (size_t i = 0; i < 10; i += 2) {
		struct address_range r = { values[i], values[i + 1] };

		if (r.start && r.end > r.start)
			VEC_PUSH(di->forbidden, di->nforbidden, cap, r);
	}
	if (values[11] > values[10]) {
		size_t n = (values[11] - values[10]) / sizeof(uint64_t);
		const unsigned char *bytes = bytes_at(di->elf, values[10], n * sizeof(uint64_t));

		if (bytes) {
			di->blacklist = xcalloc(n + 1, sizeof(uint64_t));
			memcpy(di->blacklist, bytes, n * sizeof(uint64_t));
			di->nblacklist = n;
			qsort(di->blacklist, n, sizeof(uint64_t), compare_u64);
		}
	}
	/* After the symbols: the markers' values are known only now. */
	const struct refused_table refused_tables[] = {
		/* 5 bytes here; a 2-byte one is told apart when asked about */
		{ values[12], values[13], 16, 5, REFUSED_JUMP_LABEL },
		{ values[14], values[15], 8, 5, REFUSED_STATIC_CALL },
		{ values[16], values[17], 12, 2, REFUSED_BUG_TRAP },
	};
	cap = 0;
	for (size_t i = 0; i < ARRAY_SIZE(refused_tables); i++)
		read_refused_table(di, &refused_tables[i], &cap);
	site_refusals_sort(di);
}

struct debuginfo *debuginfo_open(const char *path)
{
	struct debuginfo *di = xcalloc(1, sizeof(*di));

	elf_version(EV_CURRENT);
	di->path = xstrdup(path);
	di->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (di->fd < 0)
		goto fail;
	di->elf = elf_begin(di->fd, ELF_C_READ_MMAP, NULL);
	if (!di->elf)
		goto fail;
	di->dwarf = dwarf_begin_elf(di->elf, DWARF_C_READ, NULL);
	if (!di->dwarf)
		goto fail;
	di->build_id = read_build_id(di->elf);
	if (!di->build_id)
		goto fail;
	read_symbols(di);
	return di;
fail:
	debuginfo_close(di);
	return NULL;
}

void debuginfo_close(struct debuginfo *di)
{
	if (!di)
		return;
	dwarf_index_free(&di->index);
	dwarf_ctypes_free(di->ctypes);
	if (di->eh_frame_cfi)
		dwarf_cfi_end(di->eh_frame_cfi);
	if (di->module)
		module_image_close(di->module);	/* its libdwfl owns the DWARF and ELF */
	else if (di->dwarf)
		dwarf_end(di->dwarf);
	if (di->elf)
		elf_end(di->elf);
	if (di->fd >= 0)
		close(di->fd);
	free(di->symbols);
	free(di->forbidden);
	free(di->blacklist);
	free(di->refused);
	free(di->build_id);
	free(di->path);
	free(di);
}

struct dwarf_ctypes *debuginfo_ctypes(struct debuginfo *di)
{
	if (!di->ctypes)
		di->ctypes = dwarf_ctypes_new(di->dwarf);
	return di->ctypes;
}

const struct elf_function_symbol *debuginfo_symbol_at(const struct debuginfo *di,
						      uint64_t address)
{
	/* The last symbol starting at or before address. */
	size_t n = count_starting_by(di->symbols, di->nsymbols, sizeof(*di->symbols),
				     offsetof(struct elf_function_symbol, address), address);

	if (!n)
		return NULL;
	const struct elf_function_symbol *sym = &di->symbols[n - 1];

	return address < sym->address + (sym->size ? sym->size : 1) ? sym : NULL;
}

const char *debuginfo_refusal(const struct debuginfo *di, uint64_t address)
{
	const struct elf_function_symbol *sym;
	const struct site_refusal *refused;
	const unsigned char *code;

	if (address < di->text_start || address >= di->text_end)
		return "outside the kernel text";
	for (size_t i = 0; i < di->nforbidden; i++)
		if (address >= di->forbidden[i].start && address < di->forbidden[i].end)
			return "in entry, noinstr or kprobes text";
	sym = debuginfo_symbol_at(di, address);
	if (!sym)
		return "in no function symbol";
	if (bsearch(&sym->address, di->blacklist, di->nblacklist, sizeof(uint64_t), compare_u64))
		return "in a NOKPROBE_SYMBOL function";
	refused = site_refusal_at(di, address);
	if (!refused)
		return NULL;
	/* A jump label's instruction is read only now: reading all of them
	 * up front would fault in most of the text's pages. */
	if (strcmp(refused->why, REFUSED_JUMP_LABEL) == 0 && address >= refused->start + 2 &&
	    (code = bytes_at(di->elf, refused->start, 2)) && jump_site_length(code, 2) == 2)
		return NULL;
	return refused->why;
}

bool debuginfo_probeable(const struct debuginfo *di, uint64_t address)
{
	return di->module || !debuginfo_refusal(di, address);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **debuginfo_exported_names(const struct debuginfo *di, size_t *count)
{
	char **names = NULL;
	size_t cap = 0;

	*count = 0;
	for (size_t i = 0; i < di->nsymbols; i++)
		if (di->symbols[i].global)
			VEC_PUSH(names, *count, cap, xstrdup(di->symbols[i].name));
	if (*count)
		qsort(names, *count, sizeof(*names), compare_names);
	return names;
}
