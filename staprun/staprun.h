/* SPDX-License-Identifier: GPL-2.0-or-later */
/* staprun: load a ctap module, relay its output, remove it when done. */
#ifndef CTAP_STAPRUN_H
#define CTAP_STAPRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* module.c: the kernel side of a module's life. */
/* The whole .ko, read-only (munmap it); NULL with errno when it cannot be
 * mapped. */
void *module_map(const char *path, size_t *size);
/* The next value of a "KEY=VALUE" string of the .ko's .modinfo at or
 * after *pos, which moves past it; NULL when there is none (malloc'd). */
char *modinfo_next(const char *data, size_t size, const char *key, size_t *pos);
/* The module's name as the kernel knows it (.modinfo "name="), else the
 * file name less ".ko"; NULL with a message when the file is unusable. */
char *module_name_of(const char *path);
/* Each word must be NAME=VALUE for a parameter the module declares. */
int module_check_params(const char *path, char **words, int nwords);
int module_load(const char *path, const char *params);
int module_unload(const char *name);

/* build_id.c: the module was built for the running kernel's build. */
/* 0 when every build ID the module names (its .modinfo ctap_build_id
 * entries, "kernel:HEX" or "MODULE:HEX") is the running one's, or the
 * module is not loaded; otherwise -1 with a message. */
int module_check_build_ids(const char *path);

/* transport.c: the module's debugfs files. */
struct transport;
struct transport *transport_open(const char *module_name);
/* Send "start" or "stop"; returns 0 or -errno. */
int transport_command(struct transport *t, const char *command);
/* Print queued messages (errors and warnings to stderr); sets *exit_requested
 * when the script asked to end and *failed when an error was reported. */
void transport_read_messages(struct transport *t, bool *exit_requested, bool *failed);
/* Move available output to out, in sequence order; final: everything that
 * is left, once the module has stopped. Returns -1 on a write error. */
int transport_drain_output(struct transport *t, FILE *out, bool final);
void transport_close(struct transport *t);

/* target.c: staprun -c CMD. */
/* Fork `sh -c cmd`, held until target_release(); returns its pid or -1. */
pid_t target_spawn(const char *cmd);
void target_release(void);

#endif
