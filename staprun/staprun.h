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
/* The module's name as the kernel knows it (.modinfo "name="), else the
 * file name less ".ko"; NULL with a message when the file is unusable. */
char *module_name_of(const char *path);
/* Each word must be NAME=VALUE for a parameter the module declares. */
int module_check_params(const char *path, char **words, int nwords);
int module_load(const char *path, const char *params);
int module_unload(const char *name);

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
