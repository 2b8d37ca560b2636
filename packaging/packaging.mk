# packaging.mk: install, uninstall, dist, distcheck, deb (included by the Makefile).
#
#   make && sudo make install                     # /usr/local/games, /usr/local/share/games/quizblitz
#   make PREFIX=/usr && sudo make install PREFIX=/usr
#   make install DESTDIR=/tmp/stage PREFIX=/usr   # staged install (packagers, tests)
#   make uninstall [PREFIX=... DESTDIR=...]       # removes exactly what install put there
#   make dist                                     # $(BUILD)/quizblitz-$(VERSION).tar.gz (sources only)
#   make distcheck                                # builds and tests the unpacked tarball
#   make deb                                      # $(BUILD)/deb/quizblitz_$(VERSION)-1_<arch>.deb
#
# dist, distcheck and deb work in $(BUILD)/ only (BUILD=build-pkg keeps them out of the
# shared build/), and leave nothing in the source tree.
#
# Layout (Debian games policy): the binary in $(BINDIR) ($(PREFIX)/games), decks and sounds in
# $(DATADIR) ($(PREFIX)/share/games/quizblitz); the desktop file, AppStream metainfo and icon in
# the freedesktop places under $(PREFIX)/share, never under share/games.

DOCDIR ?= $(PREFIX)/share/doc/quizblitz
APPDIR ?= $(PREFIX)/share/applications
METAINFODIR ?= $(PREFIX)/share/metainfo
ICONDIR ?= $(PREFIX)/share/icons/hicolor/scalable/apps
MAN6DIR ?= $(MANDIR)/man6
APP_ID := io.github.quizblitz.quizblitz
INSTALL ?= install
INSTALL_PROGRAM ?= $(INSTALL) -m 755
INSTALL_DATA ?= $(INSTALL) -m 644

DIST_NAME := quizblitz-$(VERSION)
DIST_TARBALL := $(BUILD)/$(DIST_NAME).tar.gz
DIST_DIR := $(BUILD)/dist

.PHONY: install uninstall install-dirs dist dist-files distcheck deb lint-packaging qb-force

# The binary has $(DATADIR) compiled in (-DQB_DATADIR, used by src/sdl/paths.c only). This stamp
# holds the DATADIR the objects were built with and changes only when DATADIR does, so
# "make install PREFIX=/usr" after a plain "make" rebuilds paths.o instead of installing a
# binary that looks for its decks under /usr/local.
QB_DATADIR_STAMP := $(BUILD)/datadir.stamp
$(QB_DATADIR_STAMP): qb-force
	@mkdir -p $(@D)
	@printf '%s\n' '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ || printf '%s\n' '$(DATADIR) $(LOCALEDIR)' >$@
$(BUILD)/sdl/paths.o: $(QB_DATADIR_STAMP)
qb-force:

# ---- install / uninstall ----

# What install puts where (uninstall removes the same list). The desktop file gets the binary's
# full path: desktop sessions do not always have $(BINDIR) (/usr/games) in their PATH.
# The sounds are generated (and gone from the tree after "make clean"), so uninstall removes
# every *.wav of $(DATADIR)/assets/sounds, a directory only we install into.
INSTALLED_FILES = $(BINDIR)/quizblitz \
	$(addprefix $(DATADIR)/cards/,$(notdir $(wildcard cards/*.md))) \
	$(MAN6DIR)/quizblitz.6 \
	$(APPDIR)/quizblitz.desktop \
	$(METAINFODIR)/$(APP_ID).metainfo.xml \
	$(ICONDIR)/quizblitz.svg \
	$(DOCDIR)/README.md \
	$(PO_LANGS:%=$(LOCALEDIR)/%/LC_MESSAGES/quizblitz.mo)

install: all
	@test -n "$$(ls cards/*.md 2>/dev/null)" || { echo "install: no decks in cards/" >&2; exit 1; }
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(DATADIR)/cards' '$(DESTDIR)$(DATADIR)/assets/sounds' \
	    '$(DESTDIR)$(MAN6DIR)' '$(DESTDIR)$(APPDIR)' '$(DESTDIR)$(METAINFODIR)' '$(DESTDIR)$(ICONDIR)' \
	    '$(DESTDIR)$(DOCDIR)'
	$(INSTALL_PROGRAM) $(BUILD)/quizblitz '$(DESTDIR)$(BINDIR)/quizblitz'
	$(INSTALL_DATA) cards/*.md '$(DESTDIR)$(DATADIR)/cards/'
	$(INSTALL_DATA) assets/sounds/*.wav '$(DESTDIR)$(DATADIR)/assets/sounds/'
	$(INSTALL_DATA) packaging/quizblitz.6 '$(DESTDIR)$(MAN6DIR)/quizblitz.6'
	sed 's|^Exec=quizblitz|Exec=$(BINDIR)/quizblitz|' packaging/quizblitz.desktop >'$(DESTDIR)$(APPDIR)/quizblitz.desktop'
	chmod 644 '$(DESTDIR)$(APPDIR)/quizblitz.desktop'
	$(INSTALL_DATA) packaging/$(APP_ID).metainfo.xml '$(DESTDIR)$(METAINFODIR)/$(APP_ID).metainfo.xml'
	$(INSTALL_DATA) packaging/quizblitz.svg '$(DESTDIR)$(ICONDIR)/quizblitz.svg'
	$(INSTALL_DATA) README.md '$(DESTDIR)$(DOCDIR)/README.md'
	for l in $(PO_LANGS); do \
	    $(INSTALL) -d "$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES" && \
	    $(INSTALL_DATA) $(BUILD)/locale/$$l/LC_MESSAGES/quizblitz.mo "$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/quizblitz.mo" \
	    || exit 1; done
	@echo "installed quizblitz $(VERSION): $(DESTDIR)$(BINDIR)/quizblitz, data in $(DESTDIR)$(DATADIR)"

# Removes the installed files, then the directories of ours that are left empty (not the
# locale directories: $(LOCALEDIR)/LANG/LC_MESSAGES is every program's).
uninstall:
	rm -f $(foreach f,$(INSTALLED_FILES),'$(DESTDIR)$(f)') '$(DESTDIR)$(DATADIR)/assets/sounds/'*.wav
	-rmdir '$(DESTDIR)$(DATADIR)/assets/sounds' '$(DESTDIR)$(DATADIR)/assets' \
	    '$(DESTDIR)$(DATADIR)/cards' '$(DESTDIR)$(DATADIR)' '$(DESTDIR)$(DOCDIR)' 2>/dev/null

# Prints the install directories (the install test reads them).
install-dirs:
	@echo 'BINDIR=$(BINDIR)'
	@echo 'DATADIR=$(DATADIR)'
	@echo 'MANDIR=$(MANDIR)'
	@echo 'APPDIR=$(APPDIR)'
	@echo 'METAINFODIR=$(METAINFODIR)'
	@echo 'ICONDIR=$(ICONDIR)'
	@echo 'DOCDIR=$(DOCDIR)'
	@echo 'LOCALEDIR=$(LOCALEDIR)'

# ---- dist / distcheck ----

# The files of the source tarball. In a git checkout: every file git knows or would add (tracked,
# plus untracked ones that .gitignore does not exclude), minus ones deleted in the work tree.
# Elsewhere (an unpacked tarball): the same directories walked, leaving out what the build,
# the tests and packaging generate. Never generated files: no build directories (build/,
# build-asan/, any other top-level build*/ or $(BUILD)/), no assets/sounds/*.wav.
DIST_PRUNE := -path './build*' -o -path './$(BUILD)' -o -name __pycache__ -o -name .git \
	-o -path ./tests/out -o -path ./debian
dist-files:
	@if [ -e .git ] && command -v git >/dev/null 2>&1; then \
	    git ls-files --cached --others --exclude-standard | while IFS= read -r f; do [ -f "$$f" ] && printf '%s\n' "$$f"; done; \
	else \
	    find . \( $(DIST_PRUNE) \) -prune -o -type f -print | sed 's|^\./||'; \
	fi | grep -v -e '^build[^/]*/' -e '^$(BUILD)/' -e '^assets/sounds/.*\.\(wav\|ogg\)$$' -e '^assets/sounds/\.stamp$$' \
	    -e '^quizblitz-.*\.tar\.gz$$' -e '\.deb$$' -e '\.o$$' -e '\.pyc$$' | LC_ALL=C sort -u

# A make of the unpacked tarball starts fresh: none of this make's variables (command-line ones
# are exported to recipes too), no CFLAGS of ours.
QB_FRESH_ENV := env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD -u WERROR -u SAN -u V -u PREFIX \
	-u DESTDIR -u BINDIR -u DATADIR -u LOCALEDIR -u MANDIR -u DOCDIR -u APPDIR -u METAINFODIR -u ICONDIR \
	-u MAN6DIR -u CFLAGS -u CPPFLAGS -u LDFLAGS

# Reproducible: sorted names, owner 0, every mtime the last commit's (or SOURCE_DATE_EPOCH).
dist:
	@rm -rf $(DIST_DIR) $(DIST_TARBALL) && mkdir -p $(DIST_DIR)/$(DIST_NAME)
	@$(MAKE) -s --no-print-directory dist-files >$(DIST_DIR)/files.txt
	@for f in Makefile README.md LICENSE packaging/packaging.mk packaging/debian/rules cards/virtualization.md; do \
	    grep -qx "$$f" $(DIST_DIR)/files.txt || { echo "dist: $$f is missing" >&2; exit 1; }; done
	@tar -cf - -T $(DIST_DIR)/files.txt | tar -xf - -C $(DIST_DIR)/$(DIST_NAME)
	@epoch=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)}; \
	tar -C $(DIST_DIR) --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$$epoch \
	    --mode=u+rwX,go+rX,go-w -cf - $(DIST_NAME) | gzip -9n >$(DIST_TARBALL)
	@rm -rf $(DIST_DIR)/$(DIST_NAME)
	@echo "$(DIST_TARBALL): $$(wc -l <$(DIST_DIR)/files.txt) files"

# Unpacks the tarball, builds and tests it there ($(DISTCHECK_TEST)) with a fresh make (none of
# this make's variables; DISTCHECK_MAKEFLAGS adds some, e.g. WERROR=1), installs and uninstalls
# it into a temporary DESTDIR (nothing may be left), and checks that the unpacked tree, now
# without git, would put the very same files in a tarball again (nothing generated among them).
DISTCHECK_TEST ?= check
DISTCHECK_MAKEFLAGS ?=
DC_DIR = $(abspath $(BUILD)/distcheck)
DC_MAKE = cd $(DC_DIR)/$(DIST_NAME) && $(QB_FRESH_ENV) $(MAKE) $(DISTCHECK_MAKEFLAGS)
distcheck: dist
	rm -rf $(DC_DIR) && mkdir -p $(DC_DIR)
	tar -xzf $(DIST_TARBALL) -C $(DC_DIR)
	$(DC_MAKE) -s --no-print-directory dist-files >$(DC_DIR)/files-before.txt
	cmp $(DIST_DIR)/files.txt $(DC_DIR)/files-before.txt
	$(DC_MAKE) all
	$(DC_MAKE) $(DISTCHECK_TEST)
	$(DC_MAKE) install DESTDIR=$(DC_DIR)/inst
	$(DC_MAKE) uninstall DESTDIR=$(DC_DIR)/inst
	@left=$$(find $(DC_DIR)/inst -type f); \
	if [ -n "$$left" ]; then echo "distcheck: uninstall left files behind:" >&2; echo "$$left" >&2; exit 1; fi
	$(DC_MAKE) -s --no-print-directory dist-files >$(DC_DIR)/files-after.txt
	@diff -u $(DIST_DIR)/files.txt $(DC_DIR)/files-after.txt \
	    || { echo "distcheck: the build or the tests left files a tarball would pick up" >&2; exit 1; }
	@echo "distcheck: $(DIST_TARBALL) builds, passes 'make $(DISTCHECK_TEST)', installs and uninstalls cleanly"

# ---- Debian package ----

# The tarball becomes the .orig.tar.gz, packaging/debian/ its debian/; dpkg-buildpackage builds
# there (hardening flags on, CFLAGS/LDFLAGS from dpkg-buildflags only) and runs "make check"
# headless. The .deb, .changes and .buildinfo land in $(BUILD)/deb/.
DEB_DIR := $(BUILD)/deb
deb: dist
	@for t in dpkg-buildpackage dh; do command -v $$t >/dev/null 2>&1 || { \
	    echo "deb: $$t is missing; install it with: apt-get install dpkg-dev debhelper" >&2; exit 1; }; done
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)
	cp $(DIST_TARBALL) $(DEB_DIR)/quizblitz_$(VERSION).orig.tar.gz
	tar -xzf $(DIST_TARBALL) -C $(DEB_DIR)
	cp -R $(DEB_DIR)/$(DIST_NAME)/packaging/debian $(DEB_DIR)/$(DIST_NAME)/debian
	cd $(DEB_DIR)/$(DIST_NAME) && $(QB_FRESH_ENV) dpkg-buildpackage -us -uc -b
	@ls $(DEB_DIR)/quizblitz_*.deb $(DEB_DIR)/quizblitz_*.changes

# The validators the packaging must pass (desktop-file-utils, appstream, man-db, groff, lintian).
lint-packaging:
	desktop-file-validate packaging/quizblitz.desktop
	appstreamcli validate --no-net --pedantic packaging/$(APP_ID).metainfo.xml
	@w=$$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z packaging/quizblitz.6 2>&1 >/dev/null); \
	if [ -n "$$w" ]; then echo "$$w" >&2; exit 1; fi; echo "man: packaging/quizblitz.6 renders without warnings"
	@w=$$(groff -man -ww -z packaging/quizblitz.6 2>&1); \
	if [ -n "$$w" ]; then echo "$$w" >&2; exit 1; fi; echo "groff: packaging/quizblitz.6 has no warnings"
	@if ls $(DEB_DIR)/*.changes >/dev/null 2>&1; then lintian -I --fail-on error,warning $(DEB_DIR)/*.changes \
	    && echo "lintian: no errors or warnings"; else echo "lintian: no package built (make deb)"; fi
