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

char *modinfo_next(const char *data, size_t size, const char *key, size_t *pos)
{
	size_t keylen = strlen(key);

	for (size_t i = *pos; i + keylen + 1 < size; i++) {
		if ((i == 0 || data[i - 1] == '\0') && memcmp(data + i, key, keylen) == 0 &&
		    data[i + keylen] == '=') {
			size_t start = i + keylen + 1, end = start;

			while (end < size && data[end])
				end++;
			*pos = end;
			if (end < size && end > start)
				return strndup(data + start, end - start);
		}
	}
	*pos = size;
	return NULL;
}

void *module_map(const char *path, size_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *map = NULL;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0)
		goto out;
	if (st.st_size == 0) {
		errno = ENOEXEC;	/* an empty file is no module */
		goto out;
	}
	*size = (size_t)st.st_size;
	map = mmap(NULL, *size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		map = NULL;
out:
	close(fd);
	return map;
}

char *module_name_of(const char *path)
{
	size_t size, len;
	char *name = NULL;
	const char *base;
	size_t pos = 0;
	void *map = module_map(path, &size);

	if (!map) {
		fprintf(stderr, "staprun: cannot open module %s: %s\n", path, strerror(errno));
		return NULL;
	}
	/* modpost puts the kernel's name of the module there, whatever the
	 * file is called. */
	name = modinfo_next(map, size, "name", &pos);
	munmap(map, size);
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

/* Whether .modinfo declares the parameter: a "parmtype=NAME:TYPE" entry. */
static bool modinfo_has_param(const char *data, size_t size, const char *name, size_t len)
{
	static const char key[] = "parmtype=";
	size_t want = sizeof(key) - 1 + len + 1;

	for (size_t i = 1; i + want <= size; i++) {
		if (data[i - 1] == '\0' && memcmp(data + i, key, sizeof(key) - 1) == 0 &&
		    memcmp(data + i + sizeof(key) - 1, name, len) == 0 &&
		    data[i + want - 1] == ':')
			return true;
	}
	return false;
}

int module_check_params(const char *path, char **words, int nwords)
{
	size_t size;
	void *map = module_map(path, &size);
	int rc = 0;

	if (!map) {
		fprintf(stderr, "staprun: cannot open module %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < nwords && rc == 0; i++) {
		const char *eq = strchr(words[i], '=');

		if (!eq || eq == words[i]) {
			fprintf(stderr, "staprun: '%s' is not NAME=VALUE\n", words[i]);
			rc = -1;
		} else if (!modinfo_has_param(map, size, words[i], (size_t)(eq - words[i]))) {
			fprintf(stderr, "staprun: module %s has no parameter '%.*s'\n", path,
				(int)(eq - words[i]), words[i]);
			rc = -1;
		}
	}
	munmap(map, size);
	return rc;
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
