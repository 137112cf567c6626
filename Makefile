# clinix - GNU make, no autotools.  `make demo` and `make check` do
# everything on a fresh Debian/Ubuntu machine; see README.md.

VERSION	 = 0.1.0
PREFIX	?= /usr/local
DESTDIR	?=
BINDIR	?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec/clinix
SHAREDIR ?= $(PREFIX)/share/clinix
MANDIR	?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
# The shared clinic of `clinix init --system` (SYSCONFDIR/clinix and
# LOCALSTATEDIR/lib/clinix) and the group the programs are setgid to.
SYSCONFDIR ?= /etc
LOCALSTATEDIR ?= /var
CLINIX_GROUP ?= clinix

CC	?= cc
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror
CPPFLAGS += -Ilib -DCLINIX_VERSION='"$(VERSION)"'

# SQLite, libyaml, libcsv and libcrypto are linked statically: every program
# is a short process that scripts call thousands of times, and relocating
# four shared libraries costs more than the query it runs (see bench/).
# Expanded on first use, by the first link, so after `deps` has installed
# pkg-config and SQLite, then kept (falls back to Debian's multiarch dir).
LIBDIR	 = $(eval LIBDIR := $(shell pkg-config --variable=libdir sqlite3 \
	   2>/dev/null || echo /usr/lib/$$($(CC) -print-multiarch)))$(LIBDIR)
STATIC	 = $(LIBDIR)/libsqlite3.a $(LIBDIR)/libyaml.a $(LIBDIR)/libcsv.a \
	   $(LIBDIR)/libcrypto.a
LDLIBS	+= $(STATIC) -lm -ldl -pthread

# The migrations, compiled into the programs (see $(B)/gen/schema.c).
SCHEMA	 := $(sort $(wildcard share/schema/[0-9][0-9][0-9]-*.sql))

CMDS	 = clinix db user audit patient provider code sched remind chart pay claim
# Completion: the shared scripts (completions/clinix.*, which ask
# `PROG --complete`), for every program: all have option tables.
COMPGEN	 = clinix db user audit provider code patient sched remind chart pay claim
# installed setgid CLINIX_GROUP; the dispatcher only execs them
SETGID	 = $(filter-out clinix,$(CMDS))
LIBSRC	 = $(wildcard lib/*.c)
UNITSRC	 = $(wildcard tests/unit/*.c)

# Two build flavours share the sources: plain (bin/) and ASan+UBSan;
# and the fuzz harnesses theirs (see `fuzz` below).
B	 = build
A	 = build/asan
F	 = build/fuzz
ASANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all

BINS	 = $(CMDS:%=bin/%)
ABINS	 = $(CMDS:%=$(A)/bin/%)

.PHONY: all deps check check-plain check-asan check-fuzz fuzz fuzz-bins \
	fuzz-built demo bench install uninstall clean lint FORCE
all: deps $(BINS)

# Every compile waits for deps, whatever -j is: on a machine without the
# packages a parallel make would otherwise compile against headers apt has
# not unpacked yet.  deps is phony, so the check runs on every make, and
# order-only, so that running it rebuilds nothing.
deps:
	@sh .ci/deps

# Each object depends on the headers it includes, as the compiler lists
# them (-MMD, in a .d beside the object; -MP so a removed header is no
# error); the first build has no .d files and compiles everything anyway.
DEPFLAGS = -MMD -MP
-include $(wildcard $(B)/*/*.d $(A)/*/*.d $(F)/*/*.d $(B)/cmd/*/*.d \
    $(A)/cmd/*/*.d)

LIBOBJ	 = $(LIBSRC:lib/%.c=$(B)/lib/%.o) $(B)/lib/schema.o
ALIBOBJ	 = $(LIBSRC:lib/%.c=$(A)/lib/%.o) $(A)/lib/schema.o
# A program's parts, in a directory of its name (cmd/chart/dx.c, ...):
# no programs of their own, linked into it.
PARTS	 = $(patsubst cmd/%.c,%,$(wildcard cmd/*/*.c))
CMDOBJ	 = $(CMDS:%=$(B)/cmd/%.o) $(PARTS:%=$(B)/cmd/%.o)
ACMDOBJ	 = $(CMDS:%=$(A)/cmd/%.o) $(PARTS:%=$(A)/cmd/%.o)

$(filter-out %/schema.o,$(LIBOBJ)): $(B)/lib/%.o: lib/%.c | deps $(B)/lib
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(filter-out %/schema.o,$(ALIBOBJ)): $(A)/lib/%.o: lib/%.c | deps $(A)/lib
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ASANFLAGS) $(DEPFLAGS) -c -o $@ $<
$(CMDOBJ): $(B)/cmd/%.o: cmd/%.c | deps $(B)/cmd
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(ACMDOBJ): $(A)/cmd/%.o: cmd/%.c | deps $(A)/cmd
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ASANFLAGS) $(DEPFLAGS) -c -o $@ $<

# Every migration is one string in the programs, so a binary and the
# schema it writes come from one build; tools/mkschema fails the build on
# two files with one number or a gap.  The list stamp changes only when
# the set of files does (as $(B)/paths), so a removed or renamed file
# regenerates too.
$(B)/gen/schema.c: tools/mkschema $(SCHEMA) $(B)/gen/schema.list
	sh tools/mkschema $(SCHEMA) >$@.tmp || { rm -f $@.tmp; exit 1; }
	mv $@.tmp $@
$(B)/gen/schema.list: FORCE | $(B)/gen
	@v='$(SCHEMA)'; [ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" >$@
$(B)/lib/schema.o: $(B)/gen/schema.c | deps $(B)/lib
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(A)/lib/schema.o: $(B)/gen/schema.c | deps $(A)/lib
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ASANFLAGS) $(DEPFLAGS) -c -o $@ $<
$(B)/lib/util.o $(A)/lib/util.o: CPPFLAGS += -DSHAREDIR='"$(SHAREDIR)"'
# priv.c carries the system clinic's paths and group.  The stamp changes
# only when they do (as git's GIT-CFLAGS), so `make install SYSCONFDIR=...`
# after a plain `make` rebuilds what it must and no more.
$(B)/lib/priv.o $(A)/lib/priv.o: CPPFLAGS += \
	-DSYSCONFDIR='"$(SYSCONFDIR)"' -DLOCALSTATEDIR='"$(LOCALSTATEDIR)"' \
	-DCLINIX_GROUP='"$(CLINIX_GROUP)"'
$(B)/lib/priv.o $(A)/lib/priv.o: $(B)/paths
$(B)/paths: FORCE | $(B)/lib
	@v='$(SYSCONFDIR) $(LOCALSTATEDIR) $(CLINIX_GROUP)'; \
	    [ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" >$@
FORCE:

# Build outputs stay under build/ and bin/: the source tree gets none.
$(B)/libclinix.a: $(LIBOBJ)
	rm -f $@ && ar rcs $@ $^
$(A)/libclinix.a: $(ALIBOBJ)
	rm -f $@ && ar rcs $@ $^

$(BINS): bin/%: $(B)/cmd/%.o $(B)/libclinix.a | bin
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(B)/libclinix.a $(LDLIBS)
$(ABINS): $(A)/bin/%: $(A)/cmd/%.o $(A)/libclinix.a | $(A)/bin $(A)/share
	$(CC) $(CFLAGS) $(ASANFLAGS) -o $@ $(filter %.o,$^) $(A)/libclinix.a \
	    $(LDLIBS)
bin/chart: $(filter $(B)/cmd/chart/%,$(CMDOBJ))
$(A)/bin/chart: $(filter $(A)/cmd/chart/%,$(ACMDOBJ))
bin/pay: $(filter $(B)/cmd/pay/%,$(CMDOBJ))
$(A)/bin/pay: $(filter $(A)/cmd/pay/%,$(ACMDOBJ))
bin/claim: $(filter $(B)/cmd/claim/%,$(CMDOBJ))
$(A)/bin/claim: $(filter $(A)/cmd/claim/%,$(ACMDOBJ))

# A unit test is one file: compiled and linked in one step, its .d beside.
$(B)/unit/%: tests/unit/%.c $(B)/libclinix.a | deps $(B)/unit
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -MF $@.d -o $@ $< \
	    $(B)/libclinix.a $(LDLIBS)
$(A)/unit/%: tests/unit/%.c $(A)/libclinix.a | deps $(A)/unit
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ASANFLAGS) $(DEPFLAGS) -MF $@.d -o $@ $< \
	    $(A)/libclinix.a $(LDLIBS)

bin $(B)/lib $(B)/cmd $(A)/lib $(A)/cmd $(A)/bin $(B)/unit $(A)/unit $(B)/gen:
	mkdir -p $@
# programs find share/ at ../share from their own directory
$(A)/share:
	mkdir -p $(A) && ln -sfn ../../share $@

UNITS	 = $(UNITSRC:tests/unit/%.c=%)

# libFuzzer harnesses, one per parser of outside input (tests/fuzz/NAME.c,
# seeds in tests/fuzz/NAME/): the library once more, by clang, with the
# fuzzer's coverage hooks and ASan+UBSan, in objects of its own.  No
# -Werror on the library here: gcc's build is the one kept warning-free,
# and a warning only clang gives must not stop `make check`.
FUZZCC	?= clang
FUZZ_SECONDS ?= 600
FUZZFLAGS = -O1 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra \
	    -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all
FUZZSRC	 = $(wildcard tests/fuzz/*.c)
FUZZBINS = $(FUZZSRC:tests/fuzz/%.c=$(F)/bin/%)
FLIBOBJ	 = $(LIBSRC:lib/%.c=$(F)/lib/%.o) $(F)/lib/schema.o

$(filter-out %/schema.o,$(FLIBOBJ)): $(F)/lib/%.o: lib/%.c | deps $(F)/lib
	$(FUZZCC) $(CPPFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer-no-link \
	    $(DEPFLAGS) -c -o $@ $<
# a harness of a module that owns statements links db.o, and so these
$(F)/lib/schema.o: $(B)/gen/schema.c | deps $(F)/lib
	$(FUZZCC) $(CPPFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer-no-link \
	    $(DEPFLAGS) -c -o $@ $<
$(F)/lib/db.o: CPPFLAGS += -DSCHEMA_VERSION=$(SCHEMA_VERSION)
$(F)/lib/db.o: $(SCHEMA)
$(F)/lib/util.o: CPPFLAGS += -DSHAREDIR='"$(SHAREDIR)"'
$(F)/lib/priv.o: CPPFLAGS += \
	-DSYSCONFDIR='"$(SYSCONFDIR)"' -DLOCALSTATEDIR='"$(LOCALSTATEDIR)"' \
	-DCLINIX_GROUP='"$(CLINIX_GROUP)"'
$(F)/lib/priv.o: $(B)/paths
$(F)/libclinix.a: $(FLIBOBJ)
	rm -f $@ && ar rcs $@ $^
$(FUZZBINS): $(F)/bin/%: tests/fuzz/%.c $(F)/libclinix.a | deps $(F)/bin
	$(FUZZCC) $(CPPFLAGS) $(FUZZFLAGS) -Werror -fsanitize=fuzzer \
	    $(DEPFLAGS) -MF $@.d -o $@ $< $(F)/libclinix.a $(LDLIBS)
$(F)/lib $(F)/bin:
	mkdir -p $@

# `make fuzz`: each harness FUZZ_SECONDS (default 10 minutes), two at a
# time, from seed 1 on a copy of its seeds; a crash's input is kept in
# build/fuzz/crashes/.  `make check` runs the same for 20 s each, so
# CI's run is the start of one already seen clean.  Without clang,
# check-fuzz skips them (fuzz-bins builds nothing); `make fuzz` fails.
fuzz: deps $(FUZZBINS)
	@sh tests/run fuzz $(F)/bin $(FUZZ_SECONDS)
fuzz-bins: deps
	@if command -v $(FUZZCC) >/dev/null 2>&1; then \
	    $(MAKE) --no-print-directory fuzz-built; \
	fi
# (a recipe, so that make does not say each is up to date)
fuzz-built: $(FUZZBINS)
	@:

# The independent validators the suites run on our output (ical.js,
# node-ical, mailparser), pinned by the lock file.  `clean` leaves them:
# they are slow to fetch.  After deps, which brings node and npm.
NODETOOLS = tests/tools/node_modules/.installed
$(NODETOOLS): tests/tools/package.json tests/tools/package-lock.json | deps
	cd tests/tools && npm ci --no-audit --no-fund --loglevel=error && \
	    touch node_modules/.installed

# The whole suite twice: plain, then under AddressSanitizer + UBSan; then
# each fuzz harness for 20 s (check-fuzz).  The runner prints each part's
# result and, last, the total line CI reads.
check: deps $(NODETOOLS) $(BINS) $(UNITS:%=$(B)/unit/%) $(ABINS) \
	    $(UNITS:%=$(A)/unit/%) fuzz-bins
	@sh tests/run plain bin $(B)/unit asan $(A)/bin $(A)/unit \
	    fuzz $(F)/bin 20
check-plain: deps $(NODETOOLS) $(BINS) $(UNITS:%=$(B)/unit/%)
	@sh tests/run plain bin $(B)/unit
check-asan: deps $(NODETOOLS) $(ABINS) $(UNITS:%=$(A)/unit/%)
	@sh tests/run asan $(A)/bin $(A)/unit
check-fuzz: deps fuzz-bins
	@sh tests/run fuzz $(F)/bin 20

demo: deps $(BINS)
	@sh share/demo.sh

bench: deps $(BINS)
	@sh bench/run

lint:
	mandoc -Tlint -W warning man/*

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) \
	    $(DESTDIR)$(SHAREDIR)/schema $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 bin/clinix $(DESTDIR)$(BINDIR)/clinix
	for c in $(CMDS); do \
	    install -m 755 bin/$$c $(DESTDIR)$(LIBEXECDIR)/$$c || exit 1; \
	done
	@# setgid to a group no staff login is in, as crontab(1): only
	@# root, into the live system, can make the group and chgrp
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" -eq 0 ]; then \
	    getent group $(CLINIX_GROUP) >/dev/null || \
		groupadd --system $(CLINIX_GROUP) || exit 1; \
	    for c in $(SETGID); do \
		chgrp $(CLINIX_GROUP) $(LIBEXECDIR)/$$c && \
		chmod 2755 $(LIBEXECDIR)/$$c || exit 1; \
	    done; \
	else \
	    echo "install: not root, or DESTDIR set: the packager must" \
		"create the system group $(CLINIX_GROUP) and chgrp" \
		"$(CLINIX_GROUP) + chmod 2755 the programs in" \
		"$(LIBEXECDIR) but clinix (see README.md)" >&2; \
	fi
	install -m 644 $(SCHEMA) $(DESTDIR)$(SHAREDIR)/schema/
	mkdir -p $(DESTDIR)$(SHAREDIR)/codes
	install -m 644 share/codes/*.csv $(DESTDIR)$(SHAREDIR)/codes/
	mkdir -p $(DESTDIR)$(SHAREDIR)/catalog
	install -m 644 share/catalog/*.csv $(DESTDIR)$(SHAREDIR)/catalog/
	mkdir -p $(DESTDIR)$(SHAREDIR)/examples
	install -m 644 share/examples/*.csv $(DESTDIR)$(SHAREDIR)/examples/
	mkdir -p $(DESTDIR)$(SHAREDIR)/templates/remind
	install -m 644 share/templates/remind/*.yaml \
	    $(DESTDIR)$(SHAREDIR)/templates/remind/
	mkdir -p $(DESTDIR)$(SHAREDIR)/templates/notes
	install -m 644 share/templates/notes/*.txt \
	    $(DESTDIR)$(SHAREDIR)/templates/notes/
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(wildcard man/*.5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(MANDIR)/man7/
	for c in $(COMPGEN); do \
	    install -m 644 completions/clinix.bash $(DESTDIR)$(BASHCOMPDIR)/$$c && \
	    sed '1s/^#compdef .*/#compdef '$$c'/' completions/_clinix \
		>$(DESTDIR)$(ZSHCOMPDIR)/_$$c && \
	    chmod 644 $(DESTDIR)$(ZSHCOMPDIR)/_$$c && \
	    install -m 644 completions/clinix.fish \
		$(DESTDIR)$(FISHCOMPDIR)/$$c.fish || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/clinix
	for c in $(CMDS); do \
	    rm -f $(DESTDIR)$(LIBEXECDIR)/$$c $(DESTDIR)$(MANDIR)/man1/$$c.1 \
		$(DESTDIR)$(BASHCOMPDIR)/$$c $(DESTDIR)$(ZSHCOMPDIR)/_$$c \
		$(DESTDIR)$(FISHCOMPDIR)/$$c.fish; \
	done
	rm -f $(DESTDIR)$(MANDIR)/man5/clinix.yaml.5 \
	    $(DESTDIR)$(MANDIR)/man7/clinix.7 \
	    $(DESTDIR)$(MANDIR)/man7/clinix-records.7
	rm -rf $(DESTDIR)$(SHAREDIR)
	-rmdir $(DESTDIR)$(LIBEXECDIR)

# (lib/libclinix.a: where builds before 0.1.0 left a copy of the library)
clean:
	rm -rf bin build lib/libclinix.a demo
