# quizblitz Makefile. Settings first; flags are appended, never overwritten, so Debian's
# hardening flags (and CI's -Werror) come in through CFLAGS/LDFLAGS.
PKG_CONFIG ?= pkg-config
CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PYTHON ?= python3
VERSION := 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/games
DATADIR ?= $(PREFIX)/share/games/quizblitz
MANDIR ?= $(PREFIX)/share/man
# the interface's translations (po/*.po built into <LOCALEDIR>/<lang>/LC_MESSAGES/quizblitz.mo)
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=

# WERROR=1 (CI) turns warnings into errors.
WERROR ?= 0
# SAN=1 builds with AddressSanitizer and UBSan into build-asan/.
SAN ?= 0

BUILD ?= build
# V=1 shows every command; by default each line says what is being built
V ?= 0
ifeq ($(V),0)
Q := @
say = @printf '  %-7s %s\n' '$(1)' '$(2)'
else
Q :=
say = @:
endif
CFLAGS += -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wformat=2
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DQB_VERSION='"$(VERSION)"' \
            -DQB_DATADIR='"$(DATADIR)"' -DQB_LOCALEDIR='"$(LOCALEDIR)"'
ifeq ($(WERROR),1)
CFLAGS += -Werror
endif
ifeq ($(SAN),1)
BUILD := build-asan
CFLAGS += -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

# the platform's libraries (src/sdl; never the core's): SDL and fonts (FriBidi orders mixed
# left-to-right and right-to-left text, HarfBuzz names each run's script), and libpq for a fleet's
# shared boards on PostgreSQL (src/sdl/fleet.c, whose worker thread needs -pthread). libpq's header
# only: src/sdl/pq.c opens libpq.so.5 at the first connection (-ldl: dlopen before glibc 2.34), so
# a kiosk without a fleet does not load it and the Kerberos, LDAP and TLS libraries it pulls in.
# SDL2_mixer's header only, too: src/sdl/mixer.c opens libSDL2_mixer-2.0.so.0 when sound starts,
# after the first frame, so start-up does not load the ~19 libraries it brings (FluidSynth, GLib...).
SDL_PKGS := sdl2 SDL2_ttf fontconfig fribidi harfbuzz
SDL_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(SDL_PKGS) SDL2_mixer libpq 2>/dev/null)
SDL_LIBS = $(shell $(PKG_CONFIG) --libs $(SDL_PKGS) 2>/dev/null) -ldl
# the core may use inih (INI parsing) and libxcrypt (the operator PIN's hash) but never SDL
CORE_CFLAGS = $(shell $(PKG_CONFIG) --cflags inih 2>/dev/null)
CORE_LIBS = $(shell $(PKG_CONFIG) --libs inih libxcrypt 2>/dev/null)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

CORE_SRC := $(sort $(wildcard src/core/*.c))
SDL_SRC := $(sort $(wildcard src/sdl/*.c))
CORE_OBJ := $(CORE_SRC:src/%.c=$(BUILD)/%.o)
SDL_OBJ := $(SDL_SRC:src/%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/tools/%)
SOUNDS_STAMP := assets/sounds/.stamp

.PHONY: all deps deps-dev deps-test run test check check-headless sounds clean screenshots check-asan valgrind soak help \
        pot update-po

# The interface's languages: one po/LANG.po each, compiled into $(BUILD)/locale, where the
# binary of a checkout finds them (src/sdl/paths.c), and installed under $(LOCALEDIR).
PO_LANGS := $(sort $(basename $(notdir $(wildcard po/*.po))))
MO_FILES := $(PO_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/quizblitz.mo)

all: $(BUILD)/quizblitz $(SOUNDS_STAMP) $(MO_FILES)

# Installs missing -dev packages on Debian/Ubuntu, or says what to install elsewhere: what
# building and playing needs ...
deps:
	@sh packaging/deps.sh build
# ... and what the tests need on top (cmocka, Python, Xvfb, xdotool, ImageMagick, valgrind)
deps-test:
	@sh packaging/deps.sh test
# ... and the tools of make lint and make fuzz (cppcheck, clang-tidy, clang + libFuzzer)
deps-dev:
	@sh packaging/deps.sh dev

# src/core never includes SDL, in any form. It is compiled WITHOUT SDL's flags (so <SDL.h> is not
# even found), an include line naming SDL fails before the compiler runs (FILE:LINE), and the
# headers the compiler really read (-MD lists them, system ones too) must hold no SDL header:
# that catches <SDL2/SDL.h>, "SDL_ttf.h", <SDL2/SDL_mixer.h>, one reached through another header
# or a macro. A failed check removes the object. tests/e2e/test_core_guard.py proves each fires.
CORE_SDL_INCLUDE := ^[[:space:]]*\#[[:space:]]*include[[:space:]]*[<"][^>"]*SDL
CORE_SDL_HEADER := (^|/)(SDL2?/|SDL[A-Za-z0-9_]*[.]h$$)
$(BUILD)/core/%.o: src/core/%.c $(wildcard src/core/*.h) | deps
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)if grep -nE '$(CORE_SDL_INCLUDE)' $< /dev/null; then \
	    echo "$<: error: src/core must not include SDL (the platform layer is src/sdl)" >&2; exit 1; fi
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(CORE_CFLAGS) -MD -MF $(@:.o=.hd) -c $< -o $@
	$(Q)if sdl=$$(tr ' \\' '\n\n' <$(@:.o=.hd) | grep -m 1 -E '$(CORE_SDL_HEADER)'); then rm -f $@; \
	    echo "$<: error: src/core must not include SDL, but it reads" $$sdl >&2; exit 1; fi

$(BUILD)/sdl/%.o: src/sdl/%.c $(wildcard src/core/*.h src/sdl/*.h) | deps
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -pthread $(SDL_CFLAGS) -Isrc -c $< -o $@

$(BUILD)/quizblitz: $(CORE_OBJ) $(SDL_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -pthread $^ -o $@ $(SDL_LIBS) $(CORE_LIBS) -lm

# A catalog: msgfmt --check refuses a translation whose %d and %s do not match the English.
$(BUILD)/locale/%/LC_MESSAGES/quizblitz.mo: po/%.po | deps
	@mkdir -p $(@D)
	$(call say,MSGFMT,$@)
	$(Q)msgfmt --check -o $@ $<

# The template of every message the player reads (sorted, file names without line numbers:
# it changes only when a message does): `make pot` after changing one in the sources, then `make update-po` merges it into each language (the new ones untranslated,
# which tests/e2e/test_i18n.py then fails until they are translated).
I18N_SRC := $(sort $(wildcard src/core/*.[ch] src/sdl/*.[ch]))
XGETTEXT_FLAGS := --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
	--keyword=ngettext:1,2 --add-comments=TRANSLATORS: --add-location=file --sort-output --package-name=quizblitz \
	--package-version=$(VERSION) --msgid-bugs-address=https://github.com/quizblitz/quizblitz/issues
pot:
	xgettext $(XGETTEXT_FLAGS) -o po/quizblitz.pot $(I18N_SRC)
update-po: pot
	for po in po/*.po; do msgmerge --quiet --update --backup=none "$$po" po/quizblitz.pot || exit 1; done

# Sound effects and music are synthesized by our own program (no third-party audio).
$(BUILD)/sfxgen: src/tools/sfxgen.c | deps
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $< -o $@ -lm

$(SOUNDS_STAMP): $(BUILD)/sfxgen
	@mkdir -p assets/sounds
	$(call say,SOUNDS,assets/sounds)
	$(Q)$(BUILD)/sfxgen assets/sounds
	@touch $@

sounds: $(BUILD)/sfxgen
	$(BUILD)/sfxgen assets/sounds
	@touch $(SOUNDS_STAMP)

# QB_SOURCE_DIR: where a unit test finds the checkout's inputs (test_fuzz_regress's regressions)
# QB_LOCALE_DIR: the catalogs this build made (test_i18n reads them)
$(BUILD)/tests/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(CORE_OBJ) $(MO_FILES) | deps-test
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) -DQB_SOURCE_DIR='"$(CURDIR)"' -DQB_LOCALE_DIR='"$(CURDIR)/$(BUILD)/locale"' $(CFLAGS) $(CMOCKA_CFLAGS) -Isrc/core $< $(CORE_OBJ) -o $@ $(LDFLAGS) $(CMOCKA_LIBS) $(CORE_LIBS) -lm

# the software renderer's pixel code (src/sdl/raster.c uses no SDL) against its reference
$(BUILD)/tests/test_raster: tests/unit/test_raster.c src/sdl/raster.c src/sdl/raster.h $(CORE_OBJ) | deps-test
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(CMOCKA_CFLAGS) -Isrc -Isrc/core $< src/sdl/raster.c $(CORE_OBJ) -o $@ $(LDFLAGS) $(CMOCKA_LIBS) $(CORE_LIBS) -lm

$(BUILD)/tests/tools/%: tests/tools/%.c $(CORE_OBJ)
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc/core $< $(CORE_OBJ) -o $@ $(LDFLAGS) $(CORE_LIBS) -lm

# The kill -9 tests' pause, preloaded into the real binaries (see tests/preload/savepause.c):
# built without the sanitizers, which want their runtime first in the library list.
# The same for nolib.so (tests/preload/nolib.c): a machine without libpq or SDL2_mixer, for the
# fleet's tests and test_bad_input.py.
PRELOAD := $(BUILD)/tests/savepause.so $(BUILD)/tests/nolib.so
$(BUILD)/tests/%.so: tests/preload/%.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(filter-out -fsanitize=%,$(CFLAGS)) -fPIC -shared $< -o $@ -ldl

# The targets, with what each does (the README's table).
help:
	@echo "make            build build/quizblitz and the sounds"
	@echo "make run        build and play the bundled decks in a window"
	@echo "make test       build and run every test (unit, end-to-end, X11, the cage kiosk)"
	@echo "make check-headless  the tests without a display server"
	@echo "make sounds     re-synthesize assets/sounds"
	@echo "make screenshots  the README pictures"
	@echo "make check-asan the suite under AddressSanitizer + UBSan"
	@echo "make valgrind   a scripted round under memcheck"
	@echo "make soak       24 h of virtual kiosk time, memory checked"
	@echo "make fuzz       libFuzzer on every parser"
	@echo "make lint       cppcheck and clang-tidy"
	@echo "make bench      the benchmarks of BENCHMARKS.md (make bench-kiosk: cage vs Xvfb)"
	@echo "make install / uninstall / dist / distcheck / deb / clean"

run: all
	./$(BUILD)/quizblitz cards

check: test
test: all $(UNIT_BIN) $(TOOL_BIN) $(PRELOAD) | deps-test
	@BUILD=$(BUILD) PYTHON=$(PYTHON) sh tests/run.sh

# README screenshots, made by the game's own headless mode (assets/screenshots/*.png).
screenshots: all
	@command -v convert >/dev/null || { echo "make screenshots needs ImageMagick's convert (apt-get install imagemagick)"; exit 1; }
	$(PYTHON) tests/e2e/screenshots.py

# The whole suite (unit and end-to-end) built with AddressSanitizer and UBSan.
check-asan:
	$(MAKE) SAN=1 test

# A scripted headless round under valgrind memcheck: no errors, nothing definitely lost.
valgrind: all
	@mkdir -p build/vg
	cd build/vg && SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy valgrind --error-exitcode=1 \
	    --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
	    --suppressions=../../tests/valgrind.supp ../quizblitz --seed 3 \
	    --script ../../tests/scripts/round.txt --scores scores.tsv --window 1280x720 ../../cards/virtualization.md

# Kiosk soak (not part of make test): a day of virtual time with random input from a seeded
# generator, memory checked flat; then shorter runs under AddressSanitizer and valgrind, which
# must report no error. SOAK_HOURS sets the first run's length.
SOAK_HOURS ?= 24
SOAK_DECK ?= cards/virtualization.md
soak: all
	$(PYTHON) tests/soak/soak.py $(BUILD)/quizblitz $(SOAK_DECK) --hours $(SOAK_HOURS)
	$(MAKE) SAN=1 all
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 $(PYTHON) tests/soak/soak.py build-asan/quizblitz $(SOAK_DECK) \
	    --hours 2 --no-rss
	$(PYTHON) tests/soak/soak.py $(BUILD)/quizblitz $(SOAK_DECK) --hours 0.5 --no-rss --wrap valgrind \
	    --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
	    --suppressions=$(CURDIR)/tests/valgrind.supp

# The suite without the real-X11-window test (for builds without a display server).
check-headless: all $(UNIT_BIN) $(TOOL_BIN) $(PRELOAD) | deps-test
	@QB_NO_X11=1 BUILD=$(BUILD) PYTHON=$(PYTHON) sh tests/run.sh

-include packaging/packaging.mk
-include tests/bench/bench.mk
-include tests/fuzz/fuzz.mk
-include tests/lint.mk

clean:
	rm -rf build build-asan assets/sounds/*.wav assets/sounds/*.ogg $(SOUNDS_STAMP)
