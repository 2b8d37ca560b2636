# fuzz.mk: libFuzzer harnesses of every parser of user data (included by the top-level Makefile).
#   make fuzz                 builds every harness and runs each for FUZZ_SECONDS (default 60)
#   make fuzz-run-deck        runs one (deck, scores, script, config); make -j2 fuzz runs two at once
#   make fuzz-regress         replays tests/fuzz/regressions/NAME/* through the harnesses
#   make fuzz-build           only builds them
# The corpus grows in $(FUZZ_DIR)/corpus-NAME/ (seeded by tests/fuzz/seeds.sh from cards/,
# tests/decks/, tests/scripts/, tests/config/ and generated score files; tests/ is never
# written). Crashes land in $(FUZZ_DIR)/artifacts-NAME/: copy each into
# tests/fuzz/regressions/NAME/ with a name saying what it caught, and `make test` replays it
# (tests/unit/test_fuzz_regress.c).
# Needs clang with libFuzzer (Debian: clang; clang 14's runtime is in libclang-rt-14-dev or
# libclang-common-14-dev).

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
# a single input taking longer than this many seconds is a finding (quadratic parsers)
FUZZ_TIMEOUT ?= 10
# extra libFuzzer flags, e.g. FUZZ_FLAGS='-jobs=2 -workers=2' or '-max_len=65536'
FUZZ_FLAGS ?=
FUZZ_DIR := build/fuzz
FUZZ_CFLAGS ?= -O1 -g
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# every harness (each has inputs in tests/fuzz/regressions/NAME/)
FUZZ_NAMES := deck scores script config
FUZZ_BINS := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
# the core, compiled again with coverage instrumentation (never mixed with build/core)
FUZZ_CORE_OBJ := $(CORE_SRC:src/%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_ENV := ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# (fuzz-run-% is not .PHONY: make skips pattern rules for phony targets)
.PHONY: fuzz fuzz-build fuzz-regress

fuzz-build: $(FUZZ_BINS) $(FUZZ_DIR)/gen_score_seeds

$(FUZZ_DIR)/obj/core/%.o: src/core/%.c $(wildcard src/core/*.h) | deps-dev
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(CORE_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_CORE_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -Isrc/core $< \
	    $(FUZZ_CORE_OBJ) -o $@ $(CORE_LIBS) -lm

# writes small score files with the core's own serialiser (seeds follow the format)
$(FUZZ_DIR)/gen_score_seeds: tests/fuzz/gen_score_seeds.c $(FUZZ_CORE_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(FUZZ_CFLAGS) $(FUZZ_SAN) -Isrc/core $< $(FUZZ_CORE_OBJ) \
	    -o $@ $(CORE_LIBS) -lm

fuzz: $(FUZZ_NAMES:%=fuzz-run-%)

# One harness for FUZZ_SECONDS; the log is $(FUZZ_DIR)/NAME.log, its last lines are shown.
fuzz-run-%: $(FUZZ_DIR)/fuzz_% $(FUZZ_DIR)/gen_score_seeds
	@sh tests/fuzz/seeds.sh $* $(FUZZ_DIR)/corpus-$* $(FUZZ_DIR)/gen_score_seeds
	@mkdir -p $(FUZZ_DIR)/artifacts-$*
	@echo "fuzz: $* for $(FUZZ_SECONDS) s (log: $(FUZZ_DIR)/$*.log)"
	@$(FUZZ_ENV) $(FUZZ_DIR)/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) \
	    -dict=tests/fuzz/dict/$*.dict -artifact_prefix=$(FUZZ_DIR)/artifacts-$*/ \
	    -print_final_stats=1 $(FUZZ_FLAGS) $(FUZZ_DIR)/corpus-$* >$(FUZZ_DIR)/$*.log 2>&1; \
	    rc=$$?; tail -n 20 $(FUZZ_DIR)/$*.log; \
	    echo "fuzz: $*: $$(grep -E '^#[0-9]+' $(FUZZ_DIR)/$*.log | tail -n 1)"; \
	    echo "fuzz: $*: corpus $$(ls $(FUZZ_DIR)/corpus-$* | wc -l) inputs, artifacts: $$(ls $(FUZZ_DIR)/artifacts-$* | wc -l)"; \
	    exit $$rc

# Replays every saved crash through the instrumented harnesses (make test does the same
# without libFuzzer through tests/unit/test_fuzz_regress.c).
fuzz-regress: $(FUZZ_BINS)
	@for n in $(FUZZ_NAMES); do \
	    set -- tests/fuzz/regressions/$$n/*; \
	    [ -e "$$1" ] || { echo "fuzz-regress: tests/fuzz/regressions/$$n/ holds no inputs" >&2; exit 1; }; \
	    echo "fuzz-regress: $$n: $$# inputs"; \
	    $(FUZZ_ENV) $(FUZZ_DIR)/fuzz_$$n "$$@" >$(FUZZ_DIR)/regress-$$n.log 2>&1 || \
	        { tail -n 40 $(FUZZ_DIR)/regress-$$n.log; exit 1; }; \
	done; echo "fuzz-regress: ok"
