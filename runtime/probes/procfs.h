/* SPDX-License-Identifier: GPL-2.0-or-later */
/* procfs("NAME").read / .write probes: files in /proc/systemtap/MODULE/. */
#ifndef CTAP_RUNTIME_PROBES_PROCFS_H
#define CTAP_RUNTIME_PROBES_PROCFS_H

#include <linux/proc_fs.h>

/* What a procfs probe's $value reads or sets (the context's procfs). */
struct stp_procfs_value {
	char *buf;			/* NUL-terminated */
	size_t len;
	size_t size;			/* of buf, the NUL included */
};

struct stp_procfs_file {
	const char *name;
	const struct stp_probe *read;	/* or NULL */
	const struct stp_probe *write;	/* or NULL */
	size_t bufsize;			/* MAXSTRINGLEN, or .maxsize(N) + 1 */
};

#endif
