// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pass 5: run the module. On the host, staprun does the work and stap
 * passes its exit status on. With --vm, the module and a static staprun are
 * carried into a throwaway VM of the target kernel (vm/ctap-vm), and the
 * script's output, errors and exit status come back as if run here.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "session.h"
#include "util.h"

static pid_t child;

/* SIGTERM/SIGHUP to stap is passed to the child, which ends the script
 * cleanly; SIGINT reaches the child from the terminal by itself. */
static void forward_signal(int sig)
{
	if (child > 0)
		kill(child, sig);
}

static int run_and_wait(char *const argv[], int verbose)
{
	struct sigaction forward = { 0 }, ignore = { 0 }, old_int, old_term, old_hup;
	int status;

	if (verbose) {
		fprintf(stderr, "Running");
		for (size_t i = 0; argv[i]; i++)
			fprintf(stderr, " %s", argv[i]);
		fprintf(stderr, "\n");
	}
	forward.sa_handler = forward_signal;
	ignore.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGTERM, &forward, &old_term);
	sigaction(SIGHUP, &forward, &old_hup);
	fflush(NULL);
	child = fork();
	if (child == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		sigaction(SIGHUP, &old_hup, NULL);
		execv(argv[0], argv);
		fprintf(stderr, "stap: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (child < 0) {
		fprintf(stderr, "stap: cannot fork: %s\n", strerror(errno));
		return -1;
	}
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

static int run_on_host(struct session *s)
{
	char *argv[12];
	size_t n = 0;

	argv[n++] = s->staprun_path;
	if (s->output_file) {
		argv[n++] = "-o";
		argv[n++] = (char *)s->output_file;
	}
	if (s->target_command) {
		argv[n++] = "-c";
		argv[n++] = (char *)s->target_command;
	}
	if (s->target_pid) {
		argv[n++] = "-x";
		argv[n++] = (char *)s->target_pid;
	}
	argv[n++] = s->module_path;
	argv[n] = NULL;
	return run_and_wait(argv, s->verbose);
}

/* Append the shell-quoted form of arg to sb: 'it'\''s'. */
static void add_shell_quoted(struct strbuf *sb, const char *arg)
{
	strbuf_addc(sb, '\'');
	for (; *arg; arg++) {
		if (*arg == '\'')
			strbuf_adds(sb, "'\\''");
		else
			strbuf_addc(sb, *arg);
	}
	strbuf_addc(sb, '\'');
}

static int copy_out(const char *path, FILE *to)
{
	size_t len;
	char *data = read_file(path, &len);

	if (!data)
		return -1;
	fwrite(data, 1, len, to);
	fflush(to);
	free(data);
	return 0;
}

/* The guest command: staprun on the module, with the same options. */
static char *guest_command(const struct session *s)
{
	struct strbuf cmd;

	strbuf_init(&cmd);
	strbuf_adds(&cmd, "staprun");
	if (s->target_command) {
		strbuf_adds(&cmd, " -c ");
		add_shell_quoted(&cmd, s->target_command);
	}
	if (s->target_pid) {
		strbuf_adds(&cmd, " -x ");
		add_shell_quoted(&cmd, s->target_pid);
	}
	strbuf_addf(&cmd, " /work/%s.ko\n", s->module_name);
	return strbuf_detach(&cmd);
}

static int run_in_vm(struct session *s)
{
	char *cmdfile = xasprintf("%s/vm-commands", s->build_dir);
	char *outdir = xasprintf("%s/vm-results", s->build_dir);
	char *cmd = guest_command(s);
	char *out_path = xasprintf("%s/1.out", outdir);
	char *err_path = xasprintf("%s/1.err", outdir);
	char *rc_path = xasprintf("%s/1.rc", outdir);
	char *argv[] = { s->vm_tool, "-k", s->release, "-f", s->staprun_path,
			 "-f", s->module_path, "-o", outdir, cmdfile, NULL };
	int status = 1, vm_status;
	size_t len;
	char *rc_text;
	FILE *out = stdout;

	if (write_file(cmdfile, cmd, strlen(cmd)) != 0) {
		fprintf(stderr, "stap: cannot write %s: %s\n", cmdfile, strerror(errno));
		goto done;
	}
	vm_status = run_and_wait(argv, s->verbose);
	if (s->output_file) {
		out = fopen(s->output_file, "w");
		if (!out) {
			fprintf(stderr, "stap: cannot write %s: %s\n", s->output_file,
				strerror(errno));
			goto done;
		}
	}
	copy_out(out_path, out);
	copy_out(err_path, stderr);
	if (out != stdout)
		fclose(out);
	rc_text = read_file(rc_path, &len);
	if (vm_status != 0 || !rc_text) {
		fprintf(stderr, "stap: the VM run failed (ctap-vm status %d); see %s\n",
			vm_status, outdir);
		s->keep_build_dir = true;
	} else {
		status = atoi(rc_text);
	}
	free(rc_text);
done:
	free(cmdfile);
	free(outdir);
	free(cmd);
	free(out_path);
	free(err_path);
	free(rc_path);
	return status;
}

int run_module(struct session *s)
{
	return s->vm_series ? run_in_vm(s) : run_on_host(s);
}
