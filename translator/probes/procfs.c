// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * procfs probes: procfs("NAME").read / .write, procfs.read / .write (NAME
 * "command"), .read.maxsize(N). Each NAME is one file,
 * /proc/systemtap/MODULE/NAME; reading it runs the .read probe, whose
 * $value becomes the file's contents, and each write runs the .write
 * probe with what was written in $value (probes/procfs_value.c).
 */
#include "probes.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define PROCFS_DEFAULT_NAME "command"

static enum match_result procfs_error(struct match_error *err, struct location loc,
				      char *message)
{
	err->message = message;
	err->loc = loc;
	return MATCH_ERROR;
}

/* NULL when name can be a file under /proc/systemtap/MODULE, else why not. */
static char *procfs_name_problem(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '/')
		return xstrdup("procfs path cannot start with a '/'");
	if (len == 0 || name[len - 1] == '/')
		return xstrdup("procfs path cannot end with a '/'");
	if (strstr(name, "//"))
		return xstrdup("procfs path component cannot be empty");
	if (strchr(name, '/'))
		return xasprintf("procfs path \"%s\" names a subdirectory, which this "
				 "ctap does not support yet", name);
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return xasprintf("procfs path \"%s\" is not a file name", name);
	return NULL;
}

/* The probe of the same file and direction already made, if any. */
static bool procfs_taken(const struct session *s, const char *name, bool is_write)
{
	for (size_t i = 0; i < s->nprobes; i++) {
		const struct derived_probe *dp = s->probes[i];

		if (dp->provider == &procfs_provider && dp->u.procfs.is_write == is_write &&
		    strcmp(dp->u.procfs.name, name) == 0)
			return true;
	}
	return false;
}

static enum match_result procfs_match(struct session *s, struct probe *probe,
				      const struct probe_point *pp,
				      struct match_error *err)
{
	const char *name = PROCFS_DEFAULT_NAME;
	bool named = pp->components[0].arg != NULL, is_write;
	int64_t maxsize = 0;
	struct derived_probe *dp;
	char *problem;

	if (!component_is(pp, 0, "procfs") || pp->ncomponents < 2)
		return MATCH_NONE;
	if (named && !component_string(pp, 0, &name, err))
		return MATCH_ERROR;
	problem = procfs_name_problem(name);
	if (problem)
		return procfs_error(err, pp->components[0].loc, problem);
	is_write = component_is(pp, 1, "write");
	if (pp->ncomponents > 2) {
		if (is_write || !component_is(pp, 2, "maxsize") || pp->ncomponents > 3)
			return procfs_error(err, pp->components[2].loc,
					    xstrdup("invalid suffix for probe"));
		if (!component_number(pp, 2, &maxsize, err))
			return MATCH_ERROR;
		if (maxsize <= 0 || maxsize > 1 << 20)
			return procfs_error(err, pp->components[2].arg->loc,
					    xasprintf("maxsize must be greater than 0 and "
						      "at most 1048576, not %" PRId64, maxsize));
	}
	if (procfs_taken(s, name, is_write))
		return procfs_error(err, (struct location){ 0 },
				    xasprintf("only one %s procfs probe can exist for "
					      "procfs path \"%s\"",
					      is_write ? "write" : "read", name));
	dp = derived_probe_add(s, probe, pp, &procfs_provider,
			       probe_point_string(pp));
	dp->u.procfs.name = xstrdup(name);
	dp->u.procfs.is_write = is_write;
	dp->u.procfs.maxsize = maxsize;
	return MATCH_OK;
}

/* The probe of the other direction on the same file, after probes[i]. */
static const struct derived_probe *procfs_partner(struct derived_probe **probes,
						  size_t n, size_t i)
{
	for (size_t j = i + 1; j < n; j++)
		if (strcmp(probes[j]->u.procfs.name, probes[i]->u.procfs.name) == 0)
			return probes[j];
	return NULL;
}

static bool procfs_emitted_before(struct derived_probe **probes, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(probes[j]->u.procfs.name, probes[i]->u.procfs.name) == 0)
			return true;
	return false;
}

static void procfs_emit(struct session *s, struct derived_probe **probes,
			size_t n, struct strbuf *defs, struct strbuf *fields)
{
	size_t nfiles = 0;

	(void)s;
	strbuf_adds(defs, "static struct stp_procfs_file stp_procfs_files[] = {\n");
	for (size_t i = 0; i < n; i++) {
		const struct derived_probe *dp = probes[i], *other;
		const struct derived_probe *read, *write;

		if (procfs_emitted_before(probes, i))
			continue;
		other = procfs_partner(probes, n, i);
		read = dp->u.procfs.is_write ? other : dp;
		write = dp->u.procfs.is_write ? dp : other;
		strbuf_adds(defs, "\t{ .name = \"");
		strbuf_add_c_string(defs, dp->u.procfs.name, strlen(dp->u.procfs.name));
		strbuf_adds(defs, "\"");
		if (read)
			strbuf_addf(defs, ", .read = &stp_probes[%d]", read->index);
		if (write)
			strbuf_addf(defs, ", .write = &stp_probes[%d]", write->index);
		if (read && read->u.procfs.maxsize)
			strbuf_addf(defs, ", .bufsize = %" PRId64, read->u.procfs.maxsize + 1);
		else
			strbuf_adds(defs, ", .bufsize = MAXSTRINGLEN");
		strbuf_adds(defs, " },\n");
		nfiles++;
	}
	strbuf_adds(defs, "};\n\n");
	strbuf_addf(fields, "\t.procfs_files = stp_procfs_files,\n\t.nprocfs_files = %zu,\n",
		    nfiles);
}

static void procfs_free(struct derived_probe *dp)
{
	free(dp->u.procfs.name);
}

static const char *const procfs_forms[] = {
	"procfs(string).read", "procfs(string).read.maxsize(number)",
	"procfs(string).write",
	"procfs.read", "procfs.read.maxsize(number)", "procfs.write",
	NULL,
};

const struct probe_provider procfs_provider = {
	.name = "procfs",
	.forms = procfs_forms,
	.match = procfs_match,
	.emit = procfs_emit,
	.free_data = procfs_free,
};
