// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pass 4: build the generated C into NAME.ko with the target kernel's own
 * kbuild (make -C BUILD-TREE M=DIR modules), so the module matches the
 * target's configuration and compiler exactly, whatever kernel runs here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache.h"
#include "session.h"
#include "util.h"

static int write_kbuild(const struct session *s)
{
	char *path = xasprintf("%s/Kbuild", s->build_dir);
	char *text = xasprintf("obj-m := %s.o\nccflags-y := -I%s\ninclude %s/features.kbuild\n",
			       s->module_name, s->runtime_dir, s->runtime_dir);
	int rc = write_file(path, text, strlen(text));

	if (rc != 0)
		fprintf(stderr, "stap: cannot write %s: %s\n", path, strerror(errno));
	free(path);
	free(text);
	return rc;
}

/*
 * Run make; its output goes to build.log, or to stderr with -v. Module BTF
 * is turned off: nothing reads a script module's BTF, and kbuild would try
 * to make it (with resolve_btfids, which Debian's headers lack) as soon as
 * a vmlinux sits in the build tree, as one put there for debuginfo does.
 */
static int run_make(const struct session *s, const char *log_path)
{
	char *dir_arg = xasprintf("M=%s", s->build_dir);
	char *argv[] = { "make", "-C", s->kernel_build_dir, dir_arg,
			 "CONFIG_DEBUG_INFO_BTF_MODULES=", "modules", NULL };
	int status = -1;
	pid_t pid;

	if (s->verbose >= 2)
		fprintf(stderr, "Running make -C %s %s modules\n", s->kernel_build_dir, dir_arg);
	pid = fork();
	if (pid == 0) {
		if (!s->verbose) {
			int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

			if (fd < 0)
				_exit(127);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			close(fd);
		} else {
			dup2(STDERR_FILENO, STDOUT_FILENO);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "stap: cannot run make: %s\n", strerror(errno));
		_exit(127);
	}
	free(dir_arg);
	if (pid < 0) {
		fprintf(stderr, "stap: cannot fork make: %s\n", strerror(errno));
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void show_log_tail(const char *log_path)
{
	size_t len;
	char *text = read_file(log_path, &len);
	const char *start;
	int lines = 0;

	if (!text)
		return;
	start = text + len;
	while (start > text && lines <= 30)
		if (*--start == '\n')
			lines++;
	fprintf(stderr, "%s", start == text ? text : start + 1);
	free(text);
}

static int copy_file(const char *from, const char *to)
{
	size_t len;
	char *data = read_file(from, &len);
	int rc;

	if (!data)
		return -1;
	rc = write_file(to, data, len);
	free(data);
	return rc;
}

/* Run kbuild in the build directory; NAME.ko is left there. */
static int kbuild(struct session *s)
{
	char *log_path;
	int rc;

	if (write_kbuild(s) != 0)
		return -1;
	log_path = xasprintf("%s/build.log", s->build_dir);
	rc = run_make(s, log_path);
	if (rc != 0 && !s->verbose)
		show_log_tail(log_path);
	free(log_path);
	return rc;
}

int build_module(struct session *s)
{
	struct stat st;
	char *cached = NULL;

	if (stat(s->kernel_build_dir, &st) != 0) {
		fprintf(stderr, "stap: no kernel build tree for %s at %s: install "
			"linux-headers-%s, or for a test kernel run 'ctap-kernels fetch'\n",
			s->release, s->kernel_build_dir, s->release);
		return -1;
	}
	if (s->use_cache)
		cached = module_cache_path(s);
	if (cached && stat(cached, &st) == 0) {
		if (s->verbose)
			fprintf(stderr, "Pass 4: using cached %s\n", cached);
		s->module_path = cached;
	} else {
		if (kbuild(s) != 0) {
			free(cached);
			return -1;
		}
		s->module_path = xasprintf("%s/%s.ko", s->build_dir, s->module_name);
		if (cached && module_cache_store(s->module_path, cached) != 0 && s->verbose)
			fprintf(stderr, "stap: cannot cache the module as %s: %s\n", cached,
				strerror(errno));
		free(cached);
	}
	if (s->last_pass == 4) {
		/* -p4 leaves NAME.ko here, where the user can take it. */
		char *here = xasprintf("%s.ko", s->module_name);

		if (copy_file(s->module_path, here) != 0) {
			fprintf(stderr, "stap: cannot write %s: %s\n", here, strerror(errno));
			free(here);
			return -1;
		}
		free(s->module_path);
		s->module_path = here;
	}
	return 0;
}

static void remove_tree(const char *dir)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		execlp("rm", "rm", "-rf", "--", dir, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
}

void cleanup_build_dir(struct session *s)
{
	if (!s->build_dir)
		return;
	if (s->keep_build_dir)
		fprintf(stderr, "Keeping temporary directory \"%s\"\n", s->build_dir);
	else
		remove_tree(s->build_dir);
}
