// SPDX-License-Identifier: GPL-2.0-or-later
#include "kernel_btf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../locate.h"
#include "../util.h"

static struct kernel_btf *loaded;
static bool load_tried;

static struct ctype *new_ctype(struct kernel_btf *kb, uint32_t id, enum ctype_kind kind)
{
	struct ctype *t = xcalloc(1, sizeof(*t));

	t->kind = kind;
	t->source = &kb->source;
	t->source_id = id;
	kb->types[id] = t;
	return t;
}

static const char *aggregate_name(const struct btf_type *bt)
{
	const char *tag = bt->kind == BTF_KIND_UNION ? "union" :
			  bt->kind == BTF_KIND_ENUM || bt->kind == BTF_KIND_ENUM64 ? "enum" :
			  "struct";

	return *bt->name ? xasprintf("%s %s", tag, bt->name) : xasprintf("%s {...}", tag);
}

static struct ctype *build(struct kernel_btf *kb, uint32_t id)
{
	struct btf_type bt;
	struct ctype *t;

	if (!btf_type(kb->btf, id, &bt))
		return new_ctype(kb, id, CTYPE_VOID);
	switch (bt.kind) {
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_VAR:
		/* Looked through: the same ctype as what they qualify. */
		kb->types[id] = (struct ctype *)kernel_btf_ctype(kb, bt.size_or_type);
		return kb->types[id];
	case BTF_KIND_INT:
		t = new_ctype(kb, id, CTYPE_INT);
		t->size = bt.size_or_type;
		t->is_signed = (bt.extra[0] >> 24) & 1;
		t->is_char = ((bt.extra[0] >> 24) & 2) || strstr(bt.name, "char");
		t->name = xstrdup(bt.name);
		return t;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		t = new_ctype(kb, id, CTYPE_ENUM);
		t->size = bt.size_or_type;
		t->is_signed = bt.kind_flag;
		t->name = aggregate_name(&bt);
		return t;
	case BTF_KIND_FLOAT:
		t = new_ctype(kb, id, CTYPE_FLOAT);
		t->size = bt.size_or_type;
		t->name = xstrdup(bt.name);
		return t;
	case BTF_KIND_PTR:
		t = new_ctype(kb, id, CTYPE_POINTER);
		t->size = 8;
		t->target = kernel_btf_ctype(kb, bt.size_or_type);
		t->name = xasprintf("%s *", t->target->name);
		return t;
	case BTF_KIND_ARRAY:
		t = new_ctype(kb, id, CTYPE_ARRAY);
		t->target = kernel_btf_ctype(kb, bt.extra[0]);
		t->nelems = bt.extra[2];
		t->size = t->nelems * t->target->size;
		t->name = xasprintf("%s[%llu]", t->target->name, (unsigned long long)t->nelems);
		return t;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_FWD:
		t = new_ctype(kb, id, bt.kind == BTF_KIND_UNION ||
				      (bt.kind == BTF_KIND_FWD && bt.kind_flag)
				      ? CTYPE_UNION : CTYPE_STRUCT);
		t->size = bt.kind == BTF_KIND_FWD ? 0 : bt.size_or_type;
		t->name = aggregate_name(&bt);
		t->members_loaded = bt.kind == BTF_KIND_FWD;
		return t;
	case BTF_KIND_FUNC_PROTO:
	case BTF_KIND_FUNC:
		t = new_ctype(kb, id, CTYPE_FUNCTION);
		t->name = xstrdup("function");
		return t;
	default:
		t = new_ctype(kb, id, CTYPE_VOID);
		t->name = xstrdup("void");
		return t;
	}
}

const struct ctype *kernel_btf_ctype(struct kernel_btf *kb, uint32_t id)
{
	if (id >= btf_type_count(kb->btf))
		id = 0;
	if (kb->types[id])
		return kb->types[id];
	if (id == 0) {
		struct ctype *v = new_ctype(kb, 0, CTYPE_VOID);

		v->name = xstrdup("void");
		return v;
	}
	return build(kb, id);
}

static void load_members(struct ctype_source *src, struct ctype *t)
{
	struct kernel_btf *kb = (struct kernel_btf *)((char *)src -
						       offsetof(struct kernel_btf, source));
	struct btf_type bt;
	size_t cap = 0;

	if (!btf_type(kb->btf, t->source_id, &bt))
		return;
	for (uint16_t i = 0; i < bt.vlen; i++) {
		struct ctype_member m;
		uint32_t type, bit_offset, bits;

		btf_member(kb->btf, &bt, i, &m.name, &type, &bit_offset, &bits);
		m.type = kernel_btf_ctype(kb, type);
		m.bit_offset = bit_offset;
		m.bitfield_size = bits;
		VEC_PUSH(t->members, t->nmembers, cap, m);
	}
}

static bool running_kernel_is(const char *release)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.release, release) == 0;
}

/* The vmlinux ctap-vm extracts (and caches) from the target's vmlinuz. */
static char *vm_vmlinux(const struct session *s)
{
	char *cmd, line[4096] = "";
	FILE *p;

	if (!s->vm_tool || access(s->vm_tool, X_OK) != 0)
		return NULL;
	cmd = xasprintf("'%s' -k '%s' -P 2>/dev/null", s->vm_tool, s->release);
	p = popen(cmd, "r");
	free(cmd);
	if (!p)
		return NULL;
	if (!fgets(line, sizeof(line), p))
		line[0] = '\0';
	if (pclose(p) != 0)
		return NULL;
	line[strcspn(line, "\n")] = '\0';
	return *line ? xstrdup(line) : NULL;
}

static struct btf *try_load(char *path, char **found)
{
	const char *why;
	struct btf *btf = path ? btf_load(path, &why) : NULL;

	if (btf)
		*found = path;
	else
		free(path);
	return btf;
}

static struct kernel_btf *new_kernel_btf(struct btf *btf, char *path)
{
	struct kernel_btf *kb = xcalloc(1, sizeof(*kb));

	kb->btf = btf;
	kb->path = path;
	kb->source.load_members = load_members;
	kb->types = xcalloc(btf_type_count(btf), sizeof(*kb->types));
	return kb;
}

static void free_kernel_btf(struct kernel_btf *kb)
{
	for (uint32_t id = 0; id < btf_type_count(kb->btf); id++) {
		struct ctype *t = kb->types[id];

		/* Qualifiers and typedefs share their target's ctype. */
		if (!t || t->source_id != id)
			continue;
		free((char *)t->name);
		free(t->members);
		free(t);
	}
	free(kb->types);
	free(kb->path);
	btf_free(kb->btf);
	free(kb);
}

struct kernel_btf *kernel_btf_load(struct session *s, char **why)
{
	struct btf *btf = NULL;
	char *path = NULL;

	*why = NULL;
	if (load_tried) {
		if (!loaded)
			*why = xasprintf("no BTF found for kernel %s", s->release);
		return loaded;
	}
	load_tried = true;
	if (getenv("CTAP_KERNEL_BTF"))
		btf = try_load(xstrdup(getenv("CTAP_KERNEL_BTF")), &path);
	if (!btf && running_kernel_is(s->release))
		btf = try_load(xstrdup("/sys/kernel/btf/vmlinux"), &path);
	if (!btf)
		btf = try_load(xasprintf("%s/kernels/%s/usr/lib/debug/boot/vmlinux-%s",
					 ctap_cache_dir(), s->release, s->release), &path);
	if (!btf)
		btf = try_load(xasprintf("%s/vm/vmlinux-%s", ctap_cache_dir(), s->release),
			       &path);
	if (!btf)
		btf = try_load(vm_vmlinux(s), &path);
	if (!btf) {
		*why = xasprintf("no BTF found for kernel %s (looked for its vmlinux "
				 "with a .BTF section)", s->release);
		return NULL;
	}
	loaded = new_kernel_btf(btf, path);
	if (s->verbose >= 2)
		fprintf(stderr, "Loaded BTF (%u types) from %s\n", btf_type_count(btf), path);
	return loaded;
}

/* Modules' BTF, split over the kernel's: freed before it. */
static struct kernel_btf **modules;
static size_t nmodules, modules_cap;

struct kernel_btf *module_btf_load(struct session *s, const char *path, char **why)
{
	struct kernel_btf *kernel = kernel_btf_load(s, why);
	const char *problem;
	struct btf *btf;

	if (!kernel)
		return NULL;
	for (size_t i = 0; i < nmodules; i++)
		if (strcmp(modules[i]->path, path) == 0)
			return modules[i];
	btf = btf_load_split(path, kernel->btf, &problem);
	if (!btf) {
		*why = xasprintf("no BTF in %s (%s)", path, problem);
		return NULL;
	}
	VEC_PUSH(modules, nmodules, modules_cap, new_kernel_btf(btf, xstrdup(path)));
	if (s->verbose >= 2)
		fprintf(stderr, "Loaded module BTF (%u types with the kernel's) from %s\n",
			btf_type_count(btf), path);
	return modules[nmodules - 1];
}

void kernel_btf_free(void)
{
	for (size_t i = 0; i < nmodules; i++)
		free_kernel_btf(modules[i]);
	free(modules);
	modules = NULL;
	nmodules = modules_cap = 0;
	if (loaded)
		free_kernel_btf(loaded);
	loaded = NULL;
	load_tried = false;
}
