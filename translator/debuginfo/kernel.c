// SPDX-License-Identifier: GPL-2.0-or-later
/* Finding and opening the target kernel's vmlinux with DWARF, once per run. */
#include "debuginfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../locate.h"
#include "../util.h"

static struct debuginfo *kernel;
static bool kernel_tried;

static bool readable(const char *path)
{
	return access(path, R_OK) == 0;
}

static char *find_vmlinux(const struct session *s)
{
	char *candidates[] = {
		xasprintf("%s/kernels/%s/usr/lib/debug/boot/vmlinux-%s", ctap_cache_dir(),
			  s->release, s->release),
		xasprintf("/usr/lib/debug/boot/vmlinux-%s", s->release),
		xasprintf("/usr/lib/debug/lib/modules/%s/vmlinux", s->release),
		xasprintf("%s/vmlinux", s->kernel_build_dir),
	};
	char *found = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(candidates); i++) {
		if (!found && readable(candidates[i]))
			found = candidates[i];
		else
			free(candidates[i]);
	}
	return found;
}

struct debuginfo *kernel_debuginfo(struct session *s)
{
	char *path;

	if (kernel_tried)
		return kernel;
	kernel_tried = true;
	if (getenv("CTAP_NO_KERNEL_DEBUGINFO"))
		return NULL;
	path = find_vmlinux(s);
	if (!path)
		return NULL;
	kernel = debuginfo_open(path);
	/* Debian's 6.12 build trees hold a vmlinux with BTF only. */
	if (!kernel && s->verbose >= 1)
		fprintf(stderr, "stap: %s holds no usable DWARF; ignoring it\n", path);
	else if (dwarf_index_load(kernel, s->verbose) != 0)
		debuginfo_close(kernel), kernel = NULL;
	else if (s->verbose >= 2)
		fprintf(stderr, "Kernel DWARF: %s (build ID %s)\n", path, kernel->build_id);
	free(path);
	return kernel;
}

const struct debuginfo *kernel_debuginfo_opened(void)
{
	return kernel;
}

char *kernel_debuginfo_package(const struct session *s)
{
	return xasprintf("linux-image-%s-dbg", s->release);
}

void kernel_debuginfo_free(void)
{
	debuginfo_close(kernel);
	kernel = NULL;
	kernel_tried = false;
}
