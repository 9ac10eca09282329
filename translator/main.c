// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stap: options compatible with SystemTap's, and the pass driver. Each pass
 * reads only what the pass before produced; -p N stops after pass N and
 * prints its product.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "listing.h"
#include "locate.h"
#include "parse.h"
#include "probe_match.h"
#include "probes/probes.h"
#include "session.h"
#include "tapset.h"
#include "util.h"

#define MODULE_NAME_MAX 55	/* MODULE_NAME_LEN - 1 on 64-bit kernels */

static void usage(FILE *out)
{
	fprintf(out,
		"ctap stap %s: a SystemTap-compatible tracer\n"
		"\n"
		"Usage: stap [options] FILE [ARGS...]    run a script file ('-' is stdin)\n"
		"   or: stap [options] -e SCRIPT [ARGS...]\n"
		"\n"
		"Options:\n"
		"  -e SCRIPT      run the script given on the command line\n"
		"  -p NUM         stop after pass NUM (1 parse, 2 elaborate, 3 translate,\n"
		"                 4 build, 5 run); default 5\n"
		"  -v             more verbose: pass timings and build commands (repeatable)\n"
		"  -k             keep the build directory and print its path\n"
		"  -m NAME        name the module NAME (and leave NAME.ko in the current\n"
		"                 directory at -p4)\n"
		"  -r RELEASE     build for kernel RELEASE (or a kernel build DIR) instead\n"
		"                 of the running kernel: cross-building\n"
		"  -o FILE        send the script's output to FILE\n"
		"  -c CMD         start CMD under the script; target() is its pid and the\n"
		"                 script ends when it exits\n"
		"  -x PID         target() is PID\n"
		"  -D NAME[=VAL]  define a runtime limit (e.g. -D MAXACTION=10000)\n"
		"  -t             time each probe: hit counts and cycles, reported at exit\n"
		"  -g             guru mode: allow embedded C (%%{ %%}) and guru-only\n"
		"                 operators (@const, @kregister, ...)\n"
		"  -I DIR         look for tapsets in DIR too (repeatable)\n"
		"  --compatible=VERSION  the SystemTap version the script was written\n"
		"                 for: what %%( systemtap_v ... %%) sees\n"
		"  -w             suppress warnings\n"
		"  --dump-functions  list the tapset library's functions and exit\n"
		"  --dump-probe-aliases  list the tapset library's probe aliases and exit\n"
		"  --dump-probe-types  list the probe-point forms the families serve and exit\n"
		"  -l PATTERN     list the probe points PATTERN matches and exit\n"
		"  -L PATTERN     likewise, with each point's variables and their types\n"
		"  -W             turn warnings into errors\n"
		"  -u             unoptimized: keep unused functions and globals\n"
		"  --disable-cache  always build the module; do not use or fill the\n"
		"                 module cache ($CTAP_DIR/cache, default ~/.ctap/cache)\n"
		"  --vm[=SERIES]  build for a test kernel (default series %s) and run\n"
		"                 pass 5 in a throwaway VM (qemu) instead of on this host\n"
		"  -h, --help     show this help\n"
		"  -V, --version  show the version\n",
		PACKAGE_VERSION, DEFAULT_VM_SERIES);
}

static void version(void)
{
	printf("ctap stap %s (SystemTap language compatible)\n"
	       "License: GPL-2.0-or-later\n", PACKAGE_VERSION);
}

static void add_define(struct session *s, const char *def)
{
	VEC_PUSH(s->defines, s->ndefines, s->defines_cap, xstrdup(def));
}

static bool valid_define(const char *def)
{
	if (!(def[0] == '_' || (def[0] >= 'A' && def[0] <= 'Z') ||
	      (def[0] >= 'a' && def[0] <= 'z')))
		return false;
	for (const char *p = def; *p && *p != '='; p++)
		if (!(*p == '_' || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

static bool valid_module_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > MODULE_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(name[i] == '_' || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= '0' && name[i] <= '9' && i > 0)))
			return false;
	return true;
}

enum { OPT_VM = 256, OPT_DISABLE_CACHE, OPT_COMPATIBLE, OPT_DUMP_FUNCTIONS,
       OPT_DUMP_PROBE_ALIASES, OPT_DUMP_PROBE_TYPES };

/* --compatible takes a version: digits and dots, starting with a digit. */
static bool valid_version(const char *v)
{
	if (!(*v >= '0' && *v <= '9'))
		return false;
	for (; *v; v++)
		if (!((*v >= '0' && *v <= '9') || *v == '.'))
			return false;
	return true;
}

#define KEEP_GOING (-1)
#define EXIT_USAGE 2

/* Returns KEEP_GOING, or the exit status to stop with. */
static int parse_options(struct session *s, int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "vm", optional_argument, NULL, OPT_VM },
		{ "disable-cache", no_argument, NULL, OPT_DISABLE_CACHE },
		{ "compatible", required_argument, NULL, OPT_COMPATIBLE },
		{ "dump-functions", no_argument, NULL, OPT_DUMP_FUNCTIONS },
		{ "dump-probe-aliases", no_argument, NULL, OPT_DUMP_PROBE_ALIASES },
		{ "dump-probe-types", no_argument, NULL, OPT_DUMP_PROBE_TYPES },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	char *end;
	long pass;

	s->last_pass = 5;
	s->use_cache = true;
	while ((opt = getopt_long(argc, argv, "+e:p:vkm:r:o:c:x:D:tgI:wWul:L:hV",
				  long_options, NULL)) != -1) {
		switch (opt) {
		case 'e':
			s->script_text = optarg;
			break;
		case 'p':
			pass = strtol(optarg, &end, 10);
			if (*end || pass < 1 || pass > 5) {
				fprintf(stderr, "stap: invalid pass number '%s' (1-5)\n",
					optarg);
				return EXIT_USAGE;
			}
			s->last_pass = (int)pass;
			break;
		case 'v':
			s->verbose++;
			break;
		case 'k':
			s->keep_build_dir = true;
			break;
		case 'm':
			if (!valid_module_name(optarg)) {
				fprintf(stderr, "stap: invalid module name '%s': use at most %d "
					"characters of [a-zA-Z0-9_], not starting with a digit\n",
					optarg, MODULE_NAME_MAX);
				return EXIT_USAGE;
			}
			free(s->module_name);
			s->module_name = xstrdup(optarg);
			s->module_name_given = true;
			break;
		case 'r':
			free(s->release);
			s->release = xstrdup(optarg);
			break;
		case 'o':
			s->output_file = optarg;
			break;
		case 'c':
			s->target_command = optarg;
			break;
		case 'x':
			s->target_pid = optarg;
			break;
		case 'D':
			if (!valid_define(optarg)) {
				fprintf(stderr, "stap: invalid -D '%s': expected NAME or NAME=VALUE\n",
					optarg);
				return EXIT_USAGE;
			}
			add_define(s, optarg);
			break;
		case 'g':
			s->guru = true;
			break;
		case 'I':
			VEC_PUSH(s->include_dirs, s->ninclude_dirs, s->include_dirs_cap,
				 xstrdup(optarg));
			break;
		case OPT_COMPATIBLE:
			if (!valid_version(optarg)) {
				fprintf(stderr, "stap: invalid --compatible '%s': expected a "
					"version such as 4.8\n", optarg);
				return EXIT_USAGE;
			}
			s->compatible = optarg;
			break;
		case 't':
			add_define(s, "STP_TIMING=1");	/* the runtime's probe timing */
			break;
		case 'w':
			s->suppress_warnings = true;
			break;
		case 'W':
			s->warnings_are_errors = true;
			break;
		case 'u':
			s->keep_unused = true;
			break;
		case OPT_VM:
			s->vm_series = optarg ? optarg : DEFAULT_VM_SERIES;
			break;
		case OPT_DUMP_FUNCTIONS:
			s->dump_functions = true;
			break;
		case OPT_DUMP_PROBE_ALIASES:
			s->dump_probe_aliases = true;
			break;
		case OPT_DUMP_PROBE_TYPES:
			s->dump_probe_types = true;
			break;
		case 'l':
		case 'L':
			s->list_pattern = optarg;
			s->list_vars = opt == 'L';
			free(s->list_script);
			s->list_script = listing_script(optarg);
			s->script_text = s->list_script;
			break;
		case OPT_DISABLE_CACHE:
			s->use_cache = false;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			version();
			return 0;
		default:
			fprintf(stderr, "Try 'stap --help' for more information.\n");
			return EXIT_USAGE;
		}
	}
	if (s->target_command && s->target_pid) {
		fprintf(stderr, "stap: -c and -x cannot be used together\n");
		return EXIT_USAGE;
	}
	if (s->vm_series && s->release) {
		fprintf(stderr, "stap: --vm chooses the kernel; do not combine it with -r\n");
		return EXIT_USAGE;
	}
	if (!s->script_text && !s->dump_functions && !s->dump_probe_aliases &&
	    !s->dump_probe_types) {
		if (optind >= argc) {
			fprintf(stderr, "stap: no script given: use FILE or -e SCRIPT\n"
				"Try 'stap --help' for more information.\n");
			return EXIT_USAGE;
		}
		s->script_path = argv[optind++];
	} else if (!s->script_text && optind < argc) {
		s->script_path = argv[optind++];
	}
	s->script_args = argv + optind;
	s->nscript_args = argc - optind;
	return KEEP_GOING;
}

static struct source_file *load_script(const struct session *s)
{
	char *text;
	size_t len;
	struct source_file *file;

	if (s->script_text)
		return source_file_new("<input>", s->script_text, strlen(s->script_text));
	if (strcmp(s->script_path, "-") == 0) {
		struct strbuf sb;
		char buf[4096];
		size_t n;

		strbuf_init(&sb);
		while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
			strbuf_addn(&sb, buf, n);
		file = source_file_new("<input>", sb.data, sb.len);
		strbuf_free(&sb);
		return file;
	}
	text = read_file(s->script_path, &len);
	if (!text) {
		fprintf(stderr, "stap: cannot read script '%s': %s\n", s->script_path,
			strerror(errno));
		return NULL;
	}
	file = source_file_adopt(s->script_path, text, len);
	return file;
}

/* The target kernel: -r RELEASE or -r BUILD-DIR, --vm SERIES, or uname -r. */
static int resolve_target(struct session *s)
{
	struct utsname uts;

	if (s->vm_series) {
		s->release = vm_series_release(s, s->vm_series);
		if (!s->release)
			return -1;
	} else if (!s->release) {
		if (uname(&uts) != 0) {
			perror("stap: uname");
			return -1;
		}
		s->release = xstrdup(uts.release);
	}
	if (strchr(s->release, '/')) {
		/* -r DIR: a kernel build tree; its release is in include/config. */
		s->kernel_build_dir = xstrdup(s->release);
		free(s->release);
		s->release = build_dir_release(s->kernel_build_dir);
		if (!s->release)
			return -1;
	} else {
		s->kernel_build_dir = find_build_dir(s->release);
	}
	s->system_map = find_system_map(s);
	s->kernel_config = find_kernel_config(s);
	s->arch = xstrdup(uname(&uts) == 0 ? uts.machine : "x86_64");
	return 0;
}

static int print_file(const char *path)
{
	size_t len;
	char *text = read_file(path, &len);

	if (!text) {
		fprintf(stderr, "stap: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	fwrite(text, 1, len, stdout);
	free(text);
	return 0;
}

static void default_module_name(struct session *s, const struct source_file *file)
{
	unsigned long long h = hash_bytes(HASH_INIT, file->text, file->len);

	h = hash_bytes(h, s->release, strlen(s->release));
	for (size_t i = 0; i < s->ndefines; i++)
		h = hash_bytes(h, s->defines[i], strlen(s->defines[i]) + 1);
	s->module_name = xasprintf("stap_%016llx", h);
}

/*
 * The program's tree is left to the exit: freeing 200,000 nodes one by one
 * was a fifth of pass 1's time on a big script. Under AddressSanitizer it
 * is freed, so the leak checker still sees every allocation accounted for.
 */
#if defined(__SANITIZE_ADDRESS__)
#define FREE_PROGRAM_AT_EXIT 1
#else
#define FREE_PROGRAM_AT_EXIT 0
#endif

static void session_free(struct session *s)
{
	if (FREE_PROGRAM_AT_EXIT) {
		for (size_t i = 0; i < s->nprobes; i++)
			derived_probe_free(s->probes[i]);
		free(s->probes);
		program_free(&s->program);
		tapset_index_free(s);
	}
	for (size_t i = 0; i < s->ndefines; i++)
		free(s->defines[i]);
	free(s->defines);
	for (size_t i = 0; i < s->ninclude_dirs; i++)
		free(s->include_dirs[i]);
	free(s->include_dirs);
	free(s->module_name);
	free(s->release);
	free(s->kernel_build_dir);
	free(s->system_map);
	free(s->kernel_config);
	free(s->arch);
	free(s->runtime_dir);
	free(s->staprun_path);
	free(s->vm_tool);
	free(s->kernels_tool);
	free(s->tapset_dir);
	free(s->list_script);
	free(s->c_source);
	free(s->build_dir);
	free(s->module_path);
}

static int pass_failed(int pass, const char *what)
{
	fprintf(stderr, "Pass %d: %s failed.  [man error::pass%d]\n", pass, what, pass);
	return 1;
}

/* -v: one line per finished pass, with its wall time, as SystemTap gives. */
static void pass_done(const struct session *s, int pass, const char *what,
		      struct timespec *since)
{
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
	*since = now;
	if (s->verbose)
		fprintf(stderr, "Pass %d: %s in %ldms.\n", pass, what, ms);
}

/* --dump-functions, --dump-probe-aliases: describe the library, run nothing. */
static int run_dump(struct session *s)
{
	int status = 0;

	if (locate_components(s) != 0 || resolve_target(s) != 0 ||
	    tapset_index_build(s) != 0)
		return 1;
	if (s->dump_functions && tapset_dump_functions(s, stdout) != 0)
		status = 1;
	if (s->dump_probe_aliases && tapset_dump_probe_aliases(s, stdout) != 0)
		status = 1;
	return status;
}

static int run_passes(struct session *s)
{
	struct source_file *file;
	struct preprocess_target target = { 0 };
	struct timespec t;
	char *analyzed;
	int status;

	if (s->dump_functions || s->dump_probe_aliases)
		return run_dump(s);
	if (s->dump_probe_types) {
		dump_probe_types(stdout);
		return 0;
	}
	file = load_script(s);
	clock_gettime(CLOCK_MONOTONIC, &t);
	if (!file)
		return 1;
	/* The target comes first: the preprocessor asks about it. */
	if (locate_components(s) != 0 || resolve_target(s) != 0) {
		source_file_free(file);
		return 1;
	}
	target.release = s->release;
	target.arch = s->arch;
	target.config_path = s->kernel_config;
	target.nargs = s->nscript_args;
	target.args = s->script_args;
	target.guru = s->guru;
	target.systemtap_version = s->compatible;
	/* The library's .stpm macros serve the user's script too. */
	if (tapset_index_build(s) != 0) {
		source_file_free(file);
		return pass_failed(1, "parse");
	}
	target.macros = tapset_macros(s);
	if (parse_file(&s->program, file, &target) > 0)
		return pass_failed(1, "parse");
	pass_done(s, 1, "parsed user script", &t);
	if (s->list_pattern)
		return list_probe_points(s, s->list_vars, stdout);
	if (s->last_pass == 1) {
		print_program(stdout, &s->program);
		return 0;
	}
	if (!s->module_name)
		default_module_name(s, file);
	if (elaborate(s) != 0)
		return pass_failed(2, "analysis");
	/* SystemTap counts library scripts at pass 1; ctap parses them in pass 2. */
	analyzed = xasprintf("analyzed script and %d library script%s",
			     tapset_files_parsed(s), tapset_files_parsed(s) == 1 ? "" : "s");
	pass_done(s, 2, analyzed, &t);
	free(analyzed);
	if (s->last_pass == 2) {
		print_resolved_program(stdout, s);
		return 0;
	}
	if (translate(s) != 0)
		return pass_failed(3, "translation");
	pass_done(s, 3, "translated to C", &t);
	if (s->last_pass == 3) {
		/* Like SystemTap, -p3 shows the generated C itself. */
		return print_file(s->c_source) == 0 ? 0 : 1;
	}
	if (build_module(s) != 0)
		return pass_failed(4, "compilation");
	pass_done(s, 4, "compiled C into a module", &t);
	if (s->last_pass == 4) {
		printf("%s\n", s->module_path);
		return 0;
	}
	status = run_module(s);
	if (status != 0) {
		pass_failed(5, "run");
		return status;	/* staprun's status is stap's */
	}
	pass_done(s, 5, "run completed", &t);
	return 0;
}

int main(int argc, char **argv)
{
	struct session s = { 0 };
	int status = parse_options(&s, argc, argv);

	if (status != KEEP_GOING) {
		session_free(&s);
		return status;
	}
	diag_suppress_warnings = s.suppress_warnings;
	diag_show_similar_warnings = s.verbose > 0;
	status = run_passes(&s);
	diag_finish();
	cleanup_build_dir(&s);
	session_free(&s);
	return status;
}
