// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * staprun -c CMD: the command is forked before the module loads (its pid
 * is the script's target()) and held on a pipe until the begin probes have
 * run, so the script sees it from its first instruction.
 */
#include "staprun.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static int release_fd = -1;

pid_t target_spawn(const char *cmd)
{
	int fds[2];
	pid_t pid;
	char go;

	if (pipe(fds) != 0) {
		fprintf(stderr, "staprun: pipe: %s\n", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "staprun: cannot fork for -c: %s\n", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[1]);
		setpgid(0, 0);
		/* EOF without a byte: staprun gave up; do not run the command. */
		if (read(fds[0], &go, 1) != 1)
			_exit(127);
		close(fds[0]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		fprintf(stderr, "staprun: cannot run /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	close(fds[0]);
	release_fd = fds[1];
	return pid;
}

void target_release(void)
{
	if (release_fd < 0)
		return;
	if (write(release_fd, "g", 1) != 1)
		fprintf(stderr, "staprun: cannot start the -c command: %s\n", strerror(errno));
	close(release_fd);
	release_fd = -1;
}
