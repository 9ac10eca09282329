// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel_* readers: kernel memory read without faulting. A bad
 * address is a script error in SystemTap's words ("kernel long copy fault
 * at 0x... [man error::fault]"), never an oops: copy_from_kernel_nofault()
 * refuses user addresses and non-canonical ones and recovers from a fault.
 */
#include <linux/uaccess.h>

/* The callers (tapsets/linux/conversions.stp) raise the error with
 * STAP_ERROR, so it names the tapset function as SystemTap's does. */
#define STP_KREAD_FAULT "kernel %s copy fault at 0x%lx [man error::fault]"

/* Read size bytes at addr into dst; false on a fault. */
static bool stp_kcopy(void *dst, unsigned long addr, size_t size)
{
	return !copy_from_kernel_nofault(dst, (const void *)addr, size);
}

/**
 * stp_kcopy_string() - copy a NUL-terminated kernel string.
 * @dst: MAXSTRINGLEN bytes
 * @addr: the string
 * @max: at most this many characters (and MAXSTRINGLEN - 1); < 0: no limit
 *
 * Reads a byte at a time, so a string ending just before an unmapped page
 * is read whole. Return: false on a fault (dst is then "").
 */
static bool stp_kcopy_string(char *dst, unsigned long addr, int64_t max)
{
	int64_t i, limit = MAXSTRINGLEN - 1;
	char ch;

	if (max >= 0 && max < limit)
		limit = max;
	for (i = 0; i < limit; i++) {
		if (copy_from_kernel_nofault(&ch, (const void *)(addr + i), 1)) {
			dst[0] = '\0';
			return false;
		}
		if (!ch)
			break;
		dst[i] = ch;
	}
	dst[i] = '\0';
	return true;
}
