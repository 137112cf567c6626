/*
 * yedit - unit tests for lib/yedit.c: setting one key of clinix.yaml in
 * its text.  Expected behaviour is yedit.h's contract: the key's line has
 * its value replaced and its trailing comment kept; a commented-out
 * example is put back; a missing key goes at the end of its section, a
 * missing section at the end; every other line stays byte for byte; a
 * section in flow style is refused.  The texts are written out in full.
 */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "util.h"
#include "yedit.h"

static const char base[] =
    "# clinix.yaml\n"
    "\n"
    "clinic:\n"
    "  name: \"Maple\"\n"
    "  # phone: \"+16175550100\"\n"
    "  country: \"US\"    # default country\n"
    "\n"
    "# The database.\n"
    "db: \"/x/clinix.db\"\n"
    "# db_busy_timeout_ms: 5000\n";

static void
set(const char *text, const char *key, const char *value, const char *want,
    const char *what)
{
	struct buf	 out = { 0 };
	const char	*why = NULL;

	is_int(yedit_set(&out, text, key, value, &why), 0, "%s: set", what);
	is_str(out.s, want, "%s: the text", what);
	buf_free(&out);
}

int
main(void)
{
	struct buf	 out = { 0 };
	const char	*why = NULL;

	set(base, "clinic.name", "\"Oak\"",
	    "# clinix.yaml\n\nclinic:\n  name: \"Oak\"\n"
	    "  # phone: \"+16175550100\"\n  country: \"US\"    # default "
	    "country\n\n# The database.\ndb: \"/x/clinix.db\"\n"
	    "# db_busy_timeout_ms: 5000\n", "a key that is set");
	set(base, "clinic.country", "\"GB\"",
	    "# clinix.yaml\n\nclinic:\n  name: \"Maple\"\n"
	    "  # phone: \"+16175550100\"\n  country: \"GB\"    # default "
	    "country\n\n# The database.\ndb: \"/x/clinix.db\"\n"
	    "# db_busy_timeout_ms: 5000\n", "its trailing comment kept");
	set(base, "clinic.phone", "\"+12125550199\"",
	    "# clinix.yaml\n\nclinic:\n  name: \"Maple\"\n"
	    "  phone: \"+12125550199\"\n  country: \"US\"    # default "
	    "country\n\n# The database.\ndb: \"/x/clinix.db\"\n"
	    "# db_busy_timeout_ms: 5000\n", "a commented-out example");
	set(base, "clinic.city", "\"Boston\"",
	    "# clinix.yaml\n\nclinic:\n  name: \"Maple\"\n"
	    "  # phone: \"+16175550100\"\n  country: \"US\"    # default "
	    "country\n  city: \"Boston\"\n\n# The database.\n"
	    "db: \"/x/clinix.db\"\n# db_busy_timeout_ms: 5000\n",
	    "a new key at the end of its section");
	set(base, "db_busy_timeout_ms", "9000",
	    "# clinix.yaml\n\nclinic:\n  name: \"Maple\"\n"
	    "  # phone: \"+16175550100\"\n  country: \"US\"    # default "
	    "country\n\n# The database.\ndb: \"/x/clinix.db\"\n"
	    "db_busy_timeout_ms: 9000\n", "a top-level example");
	set(base, "remind.from", "\"a@b.example\"",
	    "# clinix.yaml\n\nclinic:\n  name: \"Maple\"\n"
	    "  # phone: \"+16175550100\"\n  country: \"US\"    # default "
	    "country\n\n# The database.\ndb: \"/x/clinix.db\"\n"
	    "# db_busy_timeout_ms: 5000\n\nremind:\n  from: \"a@b.example\"\n",
	    "a new section");
	set("remind:\n    sms_command:\n      - /bin/a\n      - b\n"
	    "    from: x\n", "remind.sms_command", "[\"/bin/c\"]",
	    "remind:\n    sms_command: [\"/bin/c\"]\n    from: x\n",
	    "a block list replaced, at the section's own indent");
	set("db: 'it''s' # c\n", "db", "\"y\"", "db: \"y\" # c\n",
	    "a single-quoted value with a quote in it");
	set("clinic:\n  name: a\n", "clinic.zip", "\"02108\"",
	    "clinic:\n  name: a\n  zip: \"02108\"\n",
	    "a section at the end of the file");
	set("", "clinic.name", "\"A\"", "clinic:\n  name: \"A\"\n",
	    "an empty file");
	is_int(yedit_set(&out, "clinic: { name: a }\n", "clinic.name", "b",
	    &why), -1, "a section in flow style is refused");
	ok(why != NULL, "... saying why");
	yedit_quote(&out, "a \"b\" \\ c\td");
	is_str(out.s, "\"a \\\"b\\\" \\\\ c\\x09d\"", "yedit_quote escapes");
	buf_free(&out);
	return done_testing();
}
