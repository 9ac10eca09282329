// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A module whose probes were placed and whose variables were read from a
 * kernel's (or a kernel module's) DWARF is right only on that very build:
 * another build of the same release puts its code elsewhere. The
 * translator writes each such build's GNU build ID into .modinfo as
 * "ctap_build_id=kernel:HEX" or "ctap_build_id=MODULE:HEX"; here they are
 * compared with the running kernel's (/sys/kernel/notes) and with each
 * loaded module's (/sys/module/MODULE/notes/.note.gnu.build-id) before the
 * module is loaded. A module not loaded yet cannot be checked: its probes
 * are armed when it comes. STAPRUN_SYSFS names another sysfs root (tests).
 */
#include "staprun.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define NT_GNU_BUILD_ID 3

/* The file's bytes (at most max), or NULL with errno. */
static unsigned char *read_small_file(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	unsigned char *buf;
	ssize_t n;

	if (fd < 0)
		return NULL;
	buf = malloc(max);
	*len = 0;
	while (buf && *len < max && (n = read(fd, buf + *len, max - *len)) > 0)
		*len += (size_t)n;
	close(fd);
	return buf;
}

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* The GNU build ID among ELF notes, as lowercase hex; NULL if none. */
static char *build_id_of_notes(const unsigned char *notes, size_t len)
{
	size_t at = 0;

	while (at + 12 <= len) {
		uint32_t namesz, descsz, type;
		size_t name_at = at + 12, desc_at;

		memcpy(&namesz, notes + at, 4);
		memcpy(&descsz, notes + at + 4, 4);
		memcpy(&type, notes + at + 8, 4);
		desc_at = name_at + align4(namesz);
		if (namesz > len || descsz > len || desc_at + descsz > len)
			return NULL;
		if (type == NT_GNU_BUILD_ID && namesz == 4 &&
		    memcmp(notes + name_at, "GNU", 4) == 0 && descsz > 0) {
			char *hex = malloc(2 * descsz + 1);

			for (size_t i = 0; hex && i < descsz; i++)
				snprintf(hex + 2 * i, 3, "%02x", notes[desc_at + i]);
			return hex;
		}
		at = desc_at + align4(descsz);
	}
	return NULL;
}

/* Check one "NAME:HEX" entry; 0 when it matches or cannot apply yet. */
static int check_one(const char *module_path, const char *entry, const char *sysfs)
{
	const char *colon = strchr(entry, ':');
	char *name, *notes_path, *running = NULL;
	bool kernel;
	unsigned char *notes;
	size_t len;
	int n, rc = 0;

	if (!colon || colon == entry || !colon[1]) {
		fprintf(stderr, "staprun: %s: malformed ctap_build_id '%s'\n", module_path, entry);
		return -1;
	}
	name = strndup(entry, (size_t)(colon - entry));
	kernel = strcmp(name, "kernel") == 0;
	n = kernel ? asprintf(&notes_path, "%s/kernel/notes", sysfs)
		   : asprintf(&notes_path, "%s/module/%s/notes/.note.gnu.build-id", sysfs, name);
	if (n < 0)
		notes_path = NULL;
	notes = notes_path ? read_small_file(notes_path, 64 * 1024, &len) : NULL;
	if (!notes) {
		/* A module that is not loaded is checked by nobody: its probes
		 * wait for it. The kernel always has notes. */
		if (kernel || errno != ENOENT) {
			fprintf(stderr, "staprun: ERROR: cannot read %s to check %s's build "
				"ID: %s\n", notes_path ? notes_path : name, name, strerror(errno));
			rc = -1;
		}
		goto out;
	}
	running = build_id_of_notes(notes, len);
	if (!running || strcmp(running, colon + 1) != 0) {
		fprintf(stderr, "staprun: ERROR: Build-id mismatch: %s%s is build %s, but %s "
			"was built against build %s's debuginfo. Rebuild it against the "
			"running kernel's debuginfo, or build it with -D STP_NO_BUILDID_CHECK "
			"to load it anyway\n", kernel ? "the running kernel" : "module ",
			kernel ? "" : name, running ? running : "(no GNU build ID)",
			module_path, colon + 1);
		rc = -1;
	}
	free(notes);
out:
	free(running);
	free(notes_path);
	free(name);
	return rc;
}

int module_check_build_ids(const char *path)
{
	const char *sysfs = getenv("STAPRUN_SYSFS");
	size_t size, pos = 0;
	char *entry;
	void *map = module_map(path, &size);
	int rc = 0;

	if (!map) {
		fprintf(stderr, "staprun: cannot open module %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!sysfs || !*sysfs)
		sysfs = "/sys";
	while (rc == 0 && (entry = modinfo_next(map, size, "ctap_build_id", &pos))) {
		rc = check_one(path, entry, sysfs);
		free(entry);
	}
	munmap(map, size);
	return rc;
}
