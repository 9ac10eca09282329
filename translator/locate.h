/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where ctap's own pieces (runtime, staprun, VM tools) and the target
 * kernel's files (build tree, System.map) are.
 */
#ifndef CTAP_LOCATE_H
#define CTAP_LOCATE_H

#include "session.h"

/*
 * Fill runtime_dir, staprun_path, vm_tool, kernels_tool and tapset_dir:
 * the build tree when stap runs from it, else the installed paths; each may
 * be overridden by the environment (CTAP_RUNTIME, CTAP_STAPRUN, CTAP_VM,
 * CTAP_KERNELS, CTAP_TAPSETS).
 */
int locate_components(struct session *s);

/* The release a cached test-kernel series resolves to (ctap-kernels release). */
char *vm_series_release(const struct session *s, const char *series);

/* The release of a kernel build tree (include/config/kernel.release). */
char *build_dir_release(const char *build_dir);

/*
 * The kbuild tree of a release: /lib/modules/RELEASE/build when installed,
 * else the one ctap-kernels extracted into the cache; the former (even if
 * missing) when neither exists, for the error message.
 */
char *find_build_dir(const char *release);

/* The target's System.map, or NULL when none can be found. */
char *find_system_map(const struct session *s);

/* The target's kernel configuration (.config), or NULL when none is found. */
char *find_kernel_config(const struct session *s);

/* The kernel test cache: $CTAP_CACHE or /var/cache/ctap. */
const char *ctap_cache_dir(void);

#endif
