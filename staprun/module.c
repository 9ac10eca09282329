// SPDX-License-Identifier: GPL-2.0-or-later
#include "staprun.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The value of "name=" in the .ko's .modinfo section: modpost puts the
 * kernel's name of the module there, whatever the file is called. */
static char *modinfo_name(const char *data, size_t size)
{
	static const char key[] = "name=";

	for (size_t i = 0; i + sizeof(key) < size; i++) {
		if ((i == 0 || data[i - 1] == '\0') &&
		    memcmp(data + i, key, sizeof(key) - 1) == 0) {
			size_t start = i + sizeof(key) - 1, end = start;

			while (end < size && data[end])
				end++;
			if (end < size && end > start)
				return strndup(data + start, end - start);
		}
	}
	return NULL;
}

char *module_name_of(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *name = NULL;
	const char *base;
	size_t len;

	if (fd < 0) {
		fprintf(stderr, "staprun: cannot open module %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == 0 && st.st_size > 0) {
		void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);

		if (map != MAP_FAILED) {
			name = modinfo_name(map, (size_t)st.st_size);
			munmap(map, (size_t)st.st_size);
		}
	}
	close(fd);
	if (name)
		return name;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 3 && strcmp(base + len - 3, ".ko") == 0)
		len -= 3;
	name = strndup(base, len);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

int module_load(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0) {
		fprintf(stderr, "staprun: cannot open module %s: %s\n", path, strerror(errno));
		return -1;
	}
	rc = (int)syscall(SYS_finit_module, fd, params, 0);
	if (rc != 0) {
		int err = errno;

		fprintf(stderr, "staprun: cannot load module %s: %s%s\n", path, strerror(err),
			err == EEXIST ? " (a module of that name is already loaded)" :
			err == ENOEXEC ? " (built for another kernel? see dmesg)" : "");
	}
	close(fd);
	return rc == 0 ? 0 : -1;
}

int module_unload(const char *name)
{
	/* A module whose files are just closed may still be busy for a
	 * moment; retry briefly rather than leave it behind. */
	for (int tries = 0; tries < 50; tries++) {
		if (syscall(SYS_delete_module, name, O_NONBLOCK) == 0)
			return 0;
		if (errno != EAGAIN && errno != EBUSY)
			break;
		usleep(100 * 1000);
	}
	fprintf(stderr, "staprun: cannot remove module %s: %s\n", name, strerror(errno));
	return -1;
}
