/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The module cache: a built module is kept under a key made of everything
 * that decides its bytes, so an unchanged script skips kbuild next time.
 */
#ifndef CTAP_CACHE_H
#define CTAP_CACHE_H

#include "session.h"

/* The cache directory: $CTAP_DIR/cache, default ~/.ctap/cache. */
char *module_cache_dir(void);

/*
 * The cache path of s's module (DIR/KEY/NAME.ko), keyed by the generated
 * C, the module name, the target's release and configuration, and every
 * runtime file; NULL when a part cannot be read (then nothing is cached).
 */
char *module_cache_path(const struct session *s);

/* Store a freshly built module (atomically: written aside, renamed). */
int module_cache_store(const char *built, const char *cached);

#endif
