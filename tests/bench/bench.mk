# tests/bench/bench.mk: `make bench`, the benchmarks (included by the top-level Makefile).
# The game is built as `make` builds it (the release flags: CFLAGS ?= -O2 -g); the floor
# program, the LD_PRELOAD shim and the exec timer are built here with the same CC and CFLAGS.
# See BENCHMARKS.md for what is measured and the results.
BENCH_BUILD := $(BUILD)/bench
BENCH_TOOLS := $(BENCH_BUILD)/floor $(BENCH_BUILD)/qbshim.so $(BENCH_BUILD)/launch $(BENCH_BUILD)/fleetload
# the floor links only what a minimal SDL2 text program needs (no SDL2_mixer, no inih)
BENCH_FLOOR_CFLAGS = $(shell $(PKG_CONFIG) --cflags sdl2 SDL2_ttf fontconfig 2>/dev/null)
BENCH_FLOOR_LIBS = $(shell $(PKG_CONFIG) --libs sdl2 SDL2_ttf fontconfig 2>/dev/null)
# BENCH_ARGS: options for tests/bench/run.py, e.g. BENCH_ARGS='--only startup,frames --runs 7'
BENCH_ARGS ?=
# REF: another build of the game for `make bench-pixels` (see tests/bench/pixeldiff.py)
REF ?=

.PHONY: bench bench-tools bench-pixels

bench-tools: $(BENCH_TOOLS)

$(BENCH_BUILD)/floor: tests/bench/floor.c | deps
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(BENCH_FLOOR_CFLAGS) $< -o $@ $(LDFLAGS) $(BENCH_FLOOR_LIBS)

# wraps SDL_RenderPresent, the event calls, TTF_Render* (see the comment in shim.c)
$(BENCH_BUILD)/qbshim.so: tests/bench/shim.c | deps
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(SDL_CFLAGS) -fPIC -shared $< -o $@ $(LDFLAGS) -ldl

# the fleet's load and query benchmarks, with the game's own fleet.o (its SQL, its outbox)
$(BENCH_BUILD)/fleetload: tests/bench/fleetload.c $(BUILD)/sdl/fleet.o $(BUILD)/sdl/pq.o $(CORE_OBJ) | deps
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -pthread $(shell $(PKG_CONFIG) --cflags libpq) -Isrc $< $(BUILD)/sdl/fleet.o \
		$(BUILD)/sdl/pq.o $(CORE_OBJ) -o $@ $(LDFLAGS) $(shell $(PKG_CONFIG) --libs libpq) $(CORE_LIBS) -lm -ldl

$(BENCH_BUILD)/launch: tests/bench/launch.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $< -o $@ $(LDFLAGS)

bench: all $(BENCH_TOOLS)
	@if [ "$(SAN)" = 1 ]; then echo "bench: not with SAN=1 (sanitizers distort every number)"; exit 1; fi
	$(PYTHON) tests/bench/run.py --build $(BUILD) --cflags "$(CFLAGS)" $(BENCH_ARGS)

# Do two builds draw the same pixels? REF=/path/to/other/quizblitz (a build of another commit,
# with its cards/ and assets/ next to its directory).
bench-pixels: all
	@if [ -z "$(REF)" ]; then echo "bench-pixels: give REF=/path/to/another/build/quizblitz"; exit 64; fi
	$(PYTHON) tests/bench/pixeldiff.py $(REF) $(BUILD)/quizblitz

# The kiosk as deployed: idle CPU on the title under cage (Wayland) vs Xvfb (X11), and start-up
# to the first frame under cage; medians of 5 runs (BENCHMARKS.md).
.PHONY: bench-kiosk
bench-kiosk: all
	$(PYTHON) tests/bench/kiosk.py
