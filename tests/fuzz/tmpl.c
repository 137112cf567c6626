/*
 * tmpl - lib/tmpl.c on any reminder template: loading (placeholders,
 * parts, names, the SMS length check) and, when it loads, rendering every
 * part for a visit in a DST week, as `remind send` does.  tmpl_load looks
 * for DIR/templates/remind/NAME.yaml: DIR is a temp dir of our own, the
 * file a symlink to the memfd that holds the input (fuzz.h).  An odd-sized
 * input is loaded as a template about a patient (no {date} and so on).
 */
#include <sys/stat.h>

#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "date.h"
#include "fuzz.h"
#include "tmpl.h"
#include "util.h"

int	LLVMFuzzerInitialize(int *, char ***);

static char	 dir[4096];
static char	 link_path[4200];
static struct cfg cfg;

static void
cleanup(void)
{
	char p[4200];

	unlink(link_path);
	snprintf(p, sizeof(p), "%s/templates/remind", dir);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/templates", dir);
	rmdir(p);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*tmp = getenv("TMPDIR");
	char		 p[4200];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/clinix-fuzz-tmpl-XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		err(73, "mkdtemp %s", dir);
	atexit(cleanup);
	snprintf(p, sizeof(p), "%s/templates", dir);
	if (mkdir(p, 0700) == -1)
		err(73, "%s", p);
	snprintf(p, sizeof(p), "%s/templates/remind", dir);
	if (mkdir(p, 0700) == -1)
		err(73, "%s", p);
	snprintf(link_path, sizeof(link_path), "%s/fz.yaml", p);
	if (symlink(fuzz_file(NULL, 0), link_path) == -1)
		err(73, "%s", link_path);
	if (date_set_zone("America/New_York") != 0)
		errx(70, "no zone America/New_York (tzdata)");
	cfg.dir = dir;
	cfg.clinic_name = "Clinic";
	cfg.clinic_phone = "+16175550100";
	cfg.remind_sms_max_segments = 3;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the spring-forward Sunday 2026-03-08 at 09:30 EDT, and a plain day */
	static const time_t starts[] = { 1772976600, 1915286400 };
	struct tmpl	*t;
	struct buf	 b = { 0 };

	fuzz_file(data, size);
	if (tmpl_load(&cfg, "fz", NULL, size % 2 == 0, &t) != 0)
		return 0;
	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		struct tmpl_vars v = { "Ana", "Dr. Lee", "Room 1", starts[i] };

		for (int p = 0; p < TP_MAX; p++) {
			tmpl_render(t, (enum tmpl_part)p, &cfg, &v, &b);
			buf_reset(&b);
		}
	}
	buf_free(&b);
	tmpl_free(t);
	return 0;
}
