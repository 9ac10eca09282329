// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Addresses inside the text that kprobes refuse (register_kprobe fails
 * with -EINVAL): a jump-label site, a static call site or a BUG()/WARN()
 * trap, whose bytes the kernel patches or decodes itself. vmlinux lists
 * them in tables between linker markers (elf_image.c), a module in
 * sections its relocations point into (module.c); both end up here, as
 * ranges sorted by start.
 */
#include "debuginfo.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

uint64_t jump_site_length(const unsigned char *code, size_t room)
{
	if (room >= 1 && code[0] == 0xeb)
		return 2;
	if (room >= 2 && code[0] == 0x66 && code[1] == 0x90)
		return 2;
	return 5;
}

static int by_start(const void *a, const void *b)
{
	const struct site_refusal *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

void site_refusals_sort(struct debuginfo *di)
{
	qsort(di->refused, di->nrefused, sizeof(*di->refused), by_start);
}

size_t count_starting_by(const void *sorted, size_t n, size_t size, size_t start_offset,
			 uint64_t address)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t start;

		memcpy(&start, (const char *)sorted + mid * size + start_offset, sizeof(start));
		if (start <= address)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct site_refusal *site_refusal_at(const struct debuginfo *di, uint64_t address)
{
	/* The last range starting at or before address. Instructions do
	 * not overlap; a range that is a 2-byte jump label's taken as 5
	 * (elf_image.c) may reach into the next one's, which wins. */
	size_t n = count_starting_by(di->refused, di->nrefused, sizeof(*di->refused),
				     offsetof(struct site_refusal, start), address);

	if (n && address < di->refused[n - 1].end)
		return &di->refused[n - 1];
	return NULL;
}
