// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * staprun [-o FILE] [-c CMD | -x PID] [-v] MODULE.ko [NAME=VALUE...]
 *
 * Loads the module, starts the script, relays its output until the script
 * ends (exit(), an error, SIGINT/SIGTERM/SIGHUP, or the end of the -c
 * command), stops it (end probes run), delivers the last output and
 * removes the module, whatever way the run ends.
 */
#include "staprun.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define POLL_INTERVAL_NS (20 * 1000 * 1000)

static volatile sig_atomic_t stop_signal;
static bool verbose;

/* -v: one line on stderr per step of the run. */
static void note(const char *what, const char *detail)
{
	if (verbose)
		fprintf(stderr, "staprun: %s%s\n", what, detail);
}

static void on_signal(int sig)
{
	stop_signal = sig;
}

static void usage(void)
{
	fprintf(stderr, "usage: staprun [-o FILE] [-c CMD | -x PID] [-v] MODULE.ko "
		"[NAME=VALUE...]\n");
}

static void install_signal_handlers(void)
{
	struct sigaction sa = { 0 };
	static const int stops[] = { SIGINT, SIGTERM, SIGHUP };

	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		sigaction(stops[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/*
 * Module parameters: the target pid, then the user's NAME=VALUE words. A
 * value with a blank is quoted, as the kernel splits parameters at blanks
 * outside double quotes (a value cannot hold a double quote itself).
 */
static char *build_params(long target, char **extra, int nextra)
{
	size_t size = 64;
	char *params, *p;

	for (int i = 0; i < nextra; i++)
		size += strlen(extra[i]) + 3;
	params = malloc(size);
	if (!params)
		abort();
	p = params + sprintf(params, "_stp_target=%ld", target);
	for (int i = 0; i < nextra; i++) {
		const char *eq = strchr(extra[i], '=');

		if (eq && strpbrk(eq, " \t\n") && !strchr(eq, '"'))
			p += sprintf(p, " %.*s\"%s\"", (int)(eq + 1 - extra[i]), extra[i], eq + 1);
		else
			p += sprintf(p, " %s", extra[i]);
	}
	return params;
}

struct run {
	struct transport *t;
	FILE *out;
	pid_t target_child;
	bool exit_requested;
	bool failed;
	bool output_error;
};

/* Output first: a handler flushes its output before it queues its error,
 * so on a terminal the error line follows what the handler printed. */
static void pump(struct run *r, bool final)
{
	if (transport_drain_output(r->t, r->out, final) != 0 && !r->output_error) {
		fprintf(stderr, "staprun: cannot write the output: %s\n", strerror(errno));
		r->output_error = true;
	}
	transport_read_messages(r->t, &r->exit_requested, &r->failed);
}

static bool target_exited(struct run *r)
{
	int status;

	if (r->target_child <= 0)
		return false;
	if (waitpid(r->target_child, &status, WNOHANG) != r->target_child)
		return false;
	r->target_child = 0;
	return true;
}

/* Relay until the script should end, then stop it and deliver the rest. */
static void run_script(struct run *r)
{
	const struct timespec interval = { 0, POLL_INTERVAL_NS };
	int rc;

	rc = transport_command(r->t, "start");
	pump(r, false);
	if (rc != 0) {
		fprintf(stderr, "staprun: cannot start the script: %s\n", strerror(-rc));
		r->failed = true;
	} else {
		note("started", "");
		target_release();
		while (!r->exit_requested && !stop_signal && !r->output_error &&
		       !target_exited(r)) {
			nanosleep(&interval, NULL);
			pump(r, false);
		}
		note("stopping: ", r->exit_requested ? "the script ended" :
		     stop_signal ? "signal" : r->output_error ? "output error" :
		     "the -c command exited");
	}
	rc = transport_command(r->t, "stop");
	if (rc != 0) {
		fprintf(stderr, "staprun: cannot stop the script: %s\n", strerror(-rc));
		r->failed = true;
	}
	/* Read to the end only once nothing can write any more. */
	pump(r, rc == 0);
}

int main(int argc, char **argv)
{
	const char *output = NULL, *command = NULL, *module_path;
	long target = 0;
	char *name, *params, *end;
	struct run r = { 0 };
	int opt, status = 1;

	while ((opt = getopt(argc, argv, "+o:c:x:vh")) != -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case 'c':
			command = optarg;
			break;
		case 'x':
			target = strtol(optarg, &end, 10);
			if (*end || target <= 0) {
				fprintf(stderr, "staprun: invalid pid '%s'\n", optarg);
				return 1;
			}
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage();
			return 0;
		default:
			usage();
			return 1;
		}
	}
	if (optind >= argc || (command && target)) {
		usage();
		return 1;
	}
	module_path = argv[optind++];
	name = module_name_of(module_path);
	if (!name)
		return 1;
	if (module_check_params(module_path, argv + optind, argc - optind) != 0 ||
	    module_check_build_ids(module_path) != 0) {
		free(name);
		return 1;
	}
	r.out = stdout;
	if (output && !(r.out = fopen(output, "w"))) {
		fprintf(stderr, "staprun: cannot open %s: %s\n", output, strerror(errno));
		free(name);
		return 1;
	}
	install_signal_handlers();
	if (command) {
		r.target_child = target_spawn(command);
		if (r.target_child < 0)
			goto out;
		target = r.target_child;
	}
	params = build_params(target, argv + optind, argc - optind);
	if (module_load(module_path, params) != 0) {
		free(params);
		goto out;
	}
	free(params);
	note("loaded module ", name);
	r.t = transport_open(name);
	if (r.t) {
		run_script(&r);
		transport_close(r.t);
	}
	if (module_unload(name) == 0) {
		note("removed module ", name);
		if (r.t && !r.failed && !r.output_error)
			status = 0;
	}
out:
	if (r.target_child > 0) {
		/* The script ended first: its command goes with it. */
		kill(-r.target_child, SIGTERM);
		waitpid(r.target_child, NULL, 0);
	}
	if (r.out && r.out != stdout)
		fclose(r.out);
	free(name);
	return status;
}
