# lint.mk: static checks over src/ (included by the top-level Makefile).
#   make lint   cppcheck, then clang-tidy with the checks listed (and argued) in tests/.clang-tidy.
# Clean means exit status 0 and no finding printed. A finding is fixed in src/, or, when it is
# a false positive, silenced on its line with a comment saying why:
#   cppcheck:   // cppcheck-suppress ID
#   clang-tidy: // NOLINT(check-name)
# src/core is checked without SDL's flags (as it is built); src/sdl and src/tools with them.

CPPCHECK ?= cppcheck
CLANG_TIDY ?= clang-tidy
LINT_CORE_SRC := $(sort $(wildcard src/core/*.c))
LINT_SDL_SRC := $(sort $(wildcard src/sdl/*.c))
LINT_TOOL_SRC := $(sort $(wildcard src/tools/*.c))
# SDL's include directories for cppcheck (-I only; its -D flags are passed on too)
LINT_SDL_INC = $(filter -I%,$(SDL_CFLAGS))
LINT_DEFS = $(filter -D%,$(CPPFLAGS) $(SDL_CFLAGS))

.PHONY: lint lint-cppcheck lint-tidy

lint: lint-cppcheck lint-tidy
	@echo "lint: clean"

lint-cppcheck: | deps-dev
	$(CPPCHECK) --enable=warning,performance,portability --error-exitcode=1 --inline-suppr \
	    --quiet --std=c11 --suppress=missingIncludeSystem --suppress=unmatchedSuppression \
	    --template='{file}:{line}: {severity}: {message} [{id}]' \
	    $(LINT_DEFS) -I src -I src/core $(LINT_SDL_INC) src/

# --warnings-as-errors in tests/.clang-tidy makes any finding fail the target.
lint-tidy: | deps-dev
	$(CLANG_TIDY) --quiet --config-file=tests/.clang-tidy $(LINT_CORE_SRC) -- \
	    -std=c11 $(CPPFLAGS) $(CORE_CFLAGS) -Isrc/core
	$(CLANG_TIDY) --quiet --config-file=tests/.clang-tidy $(LINT_SDL_SRC) $(LINT_TOOL_SRC) -- \
	    -std=c11 $(CPPFLAGS) $(SDL_CFLAGS) -Isrc
