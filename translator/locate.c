// SPDX-License-Identifier: GPL-2.0-or-later
#include "locate.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static char *env_or(const char *name, char *fallback)
{
	const char *value = getenv(name);

	if (value && *value) {
		free(fallback);
		return xstrdup(value);
	}
	return fallback;
}

/* True when this stap is one built in the build tree (plain or sanitized). */
static bool running_uninstalled(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n < 0)
		return false;
	exe[n] = '\0';
	return strcmp(exe, CTAP_BUILDDIR "/translator/stap") == 0 ||
	       strcmp(exe, CTAP_BUILDDIR "/translator/stap-sanitized") == 0;
}

int locate_components(struct session *s)
{
	char *probe;

	if (running_uninstalled()) {
		s->runtime_dir = xstrdup(CTAP_SRCDIR "/runtime");
		s->staprun_path = xstrdup(CTAP_BUILDDIR "/staprun/staprun");
		s->vm_tool = xstrdup(CTAP_SRCDIR "/vm/ctap-vm");
		s->kernels_tool = xstrdup(CTAP_SRCDIR "/vm/ctap-kernels");
		s->tapset_dir = xstrdup(CTAP_SRCDIR "/tapsets");
	} else {
		s->runtime_dir = xstrdup(CTAP_PKGDATADIR "/runtime");
		s->staprun_path = xstrdup(CTAP_BINDIR "/staprun");
		s->vm_tool = xstrdup(CTAP_PKGLIBEXECDIR "/ctap-vm");
		s->kernels_tool = xstrdup(CTAP_PKGLIBEXECDIR "/ctap-kernels");
		s->tapset_dir = xstrdup(CTAP_PKGDATADIR "/tapset");
	}
	s->runtime_dir = env_or("CTAP_RUNTIME", s->runtime_dir);
	s->staprun_path = env_or("CTAP_STAPRUN", s->staprun_path);
	s->vm_tool = env_or("CTAP_VM", s->vm_tool);
	s->kernels_tool = env_or("CTAP_KERNELS", s->kernels_tool);
	s->tapset_dir = env_or("CTAP_TAPSETS", s->tapset_dir);
	probe = xasprintf("%s/runtime.h", s->runtime_dir);
	if (!file_exists(probe)) {
		fprintf(stderr, "stap: ctap runtime not found at %s (set CTAP_RUNTIME)\n",
			s->runtime_dir);
		free(probe);
		return -1;
	}
	free(probe);
	return 0;
}

/* Run argv, returning its first line of standard output; NULL on failure
 * (its standard error passes through to the user). */
static char *capture_first_line(char *const argv[])
{
	int fds[2];
	pid_t pid;
	char buf[512];
	size_t len = 0;
	ssize_t n;
	int status;

	if (pipe(fds) != 0)
		return NULL;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		fprintf(stderr, "stap: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	while (len < sizeof(buf) - 1 &&
	       (n = read(fds[0], buf + len, sizeof(buf) - 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		len += (size_t)n;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !buf[0])
		return NULL;
	return xstrdup(buf);
}

char *vm_series_release(const struct session *s, const char *series)
{
	char *argv[] = { s->kernels_tool, "release", (char *)series, NULL };
	char *release = capture_first_line(argv);

	if (!release)
		fprintf(stderr, "stap: no test kernel for --vm=%s (run scripts/setup, or "
			"'%s fetch %s')\n", series, s->kernels_tool, series);
	return release;
}

char *build_dir_release(const char *build_dir)
{
	char *path = xasprintf("%s/include/config/kernel.release", build_dir);
	size_t len;
	char *text = read_file(path, &len);

	if (!text) {
		fprintf(stderr, "stap: '%s' is not a configured kernel build tree: "
			"cannot read %s: %s\n", build_dir, path, strerror(errno));
		free(path);
		return NULL;
	}
	free(path);
	text[strcspn(text, "\n")] = '\0';
	return text;
}

const char *ctap_cache_dir(void)
{
	const char *dir = getenv("CTAP_CACHE");

	return dir && *dir ? dir : "/var/cache/ctap";
}

char *find_build_dir(const char *release)
{
	char *installed = xasprintf("/lib/modules/%s/build", release);
	char *cached;

	if (file_exists(installed))
		return installed;
	cached = xasprintf("%s/kernels/%s/usr/src/linux-headers-%s", ctap_cache_dir(),
			   release, release);
	if (file_exists(cached)) {
		free(installed);
		return cached;
	}
	free(cached);
	return installed;
}

/* The first of n allocated paths that usable() accepts; frees the rest. */
static char *first_usable(char **paths, size_t n, bool (*usable)(const char *))
{
	char *found = NULL;

	for (size_t i = 0; i < n; i++) {
		if (!found && usable(paths[i]))
			found = paths[i];
		else
			free(paths[i]);
	}
	return found;
}

/* Debian ships a placeholder System.map (the real one is in the -dbg
 * package); a file that small holds no symbols worth reading. */
static bool real_system_map(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_size > 4096;
}

char *find_system_map(const struct session *s)
{
	char *candidates[] = {
		xasprintf("/boot/System.map-%s", s->release),
		xasprintf("%s/System.map", s->kernel_build_dir),
		xasprintf("%s/kernels/%s/boot/System.map-%s", ctap_cache_dir(),
			  s->release, s->release),
	};

	return first_usable(candidates, ARRAY_SIZE(candidates), real_system_map);
}

char *find_kernel_config(const struct session *s)
{
	char *candidates[] = {
		xasprintf("%s/.config", s->kernel_build_dir),
		xasprintf("/boot/config-%s", s->release),
		xasprintf("%s/kernels/%s/boot/config-%s", ctap_cache_dir(),
			  s->release, s->release),
	};

	return first_usable(candidates, ARRAY_SIZE(candidates), file_exists);
}
