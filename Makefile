# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The impact authors
# impact — build, test, demo, benchmark, install.
#
#   make              build ./impact
#   make check        install missing Debian packages (as root), build, run every test
#   make check-asan   the same tests under AddressSanitizer + UndefinedBehaviorSanitizer,
#                     built with gcc and with clang (float-cast-overflow included)
#   make fuzz         run each libFuzzer harness of tests/fuzz/ for FUZZ_SECONDS
#   make demo         run the bundled CAE example and print its report
#   make bench        time impact against the reference implementations
#   make install PREFIX=/usr/local   (DESTDIR honoured; make uninstall)
#
# Layers, each knowing only those below it:
#   lang/  (syntax tree)  ->  runtime/  (values, evaluator)  ->  stdlib/  (built-ins,
#   by capability in sub-folders)  ->  cli/ (command line and REPL, on public headers).
#   `make check-layers` enforces it.

CC       ?= cc
PREFIX   ?= /usr/local
BUILD    ?= build
BIN      ?= impact
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
WARN     := -Wall -Wextra -Wno-unused-parameter
PKGS     := gsl json-c libzip expat nettle
# Translations: the build tree's catalogues, found by an executable run from
# the source tree; an installed one finds PREFIX/share/locale (lang/i18n.c).
LOCALES  := fr
MO_FILES := $(patsubst %,$(BUILD)/locale/%/LC_MESSAGES/impact.mo,$(LOCALES))
CPPFLAGS += -D_GNU_SOURCE -I. -I$(BUILD) $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
            -DIMPACT_BUILD_LOCALEDIR='"$(abspath $(BUILD))/locale"'
LIBS     := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -ljson-c -lzip -lexpat -lnettle) \
            -lreadline -lcsv -lutf8proc -lfreexl -lxlsxwriter -lpthread -lm
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -fopenmp

# Debian packages the build, the tests and the demo need.
DEB_PACKAGES := gcc make flex bison pkg-config libgsl-dev libreadline-dev \
                libcriterion-dev libcsv-dev libjson-c-dev libutf8proc-dev python3 valgrind time \
                man-db vim \
                gettext libzip-dev libexpat1-dev libfreexl-dev python3-openpyxl python3-xlwt nettle-dev \
                clang libclang-rt-14-dev libomp-dev \
                libxlsxwriter-dev python3-jsonschema python3-pil chromium-headless-shell \
                universal-ctags

LANG_SRC    := $(wildcard lang/*.c)
RUNTIME_SRC := $(wildcard runtime/*.c)
STDLIB_SRC  := $(wildcard stdlib/*.c stdlib/*/*.c)
CLI_SRC     := $(wildcard cli/*.c)
GEN_SRC     := $(BUILD)/lexer.c $(BUILD)/parser.c
LIB_OBJ     := $(GEN_SRC:.c=.o) \
               $(patsubst %.c,$(BUILD)/%.o,$(LANG_SRC) $(RUNTIME_SRC) $(STDLIB_SRC))
MAIN_OBJ    := $(patsubst %.c,$(BUILD)/%.o,$(CLI_SRC))
TEST_SRC    := $(wildcard tests/unit/*.c)
TEST_OBJ    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%.o,$(TEST_SRC))
TEST_BIN    := $(BUILD)/tests/unit

.PHONY: check-valgrind
.PHONY: all deps check check-unit check-golden check-spec check-repl check-libraries check-files check-layers check-cycles check-install check-editors check-fmt check-cli check-lsp format uninstall docs-toc check-docs \
        check-asan check-i18n check-report check-mutant check-fuzz fuzz fuzz-build fuzz-check-build fuzz-seeds fuzz-harnesses pot demo screenshot bench install clean

all: $(BIN) $(MO_FILES)

# gcc's OpenMP runtime linked into the program, so that cli/omp_wait.c
# sets its wait policy before it reads it (a shared libgomp reads it before
# any code of the program runs); --as-needed keeps the driver's own -lgomp
# from loading the shared copy too.  clang's libomp reads it later and stays shared.
OMP_STATIC = $(if $(findstring clang,$(shell $(CC) --version 2>/dev/null)),,-Wl,-Bstatic -lgomp -Wl,-Bdynamic -Wl,--as-needed)

$(BIN): $(LIB_OBJ) $(MAIN_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(OMP_STATIC) $(LIBS)

# Installs what is missing, only when run as root on a Debian-like system.
deps:
	@installed=" $$(dpkg-query -W -f='$${Package} $${db:Status-Status}\n' $(DEB_PACKAGES) 2>/dev/null | \
	  awk '$$2 == "installed" { printf "%s ", $$1 }')"; \
	missing=""; for p in $(DEB_PACKAGES); do \
	  case "$$installed" in *" $$p "*) ;; *) missing="$$missing $$p" ;; esac; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "missing Debian packages:$$missing (run as root, or install them)"; exit 1; fi; \
	fi

$(BUILD)/lexer.c $(BUILD)/lexer.h &: lang/lexer.l | $(BUILD)
	flex --header-file=$(BUILD)/lexer.h -o $(BUILD)/lexer.c $<

$(BUILD)/parser.c $(BUILD)/parser.h &: lang/parser.y | $(BUILD)
	bison -Wall --defines=$(BUILD)/parser.h -o $(BUILD)/parser.c $<

# The generated scanner and parser are compiled without the warnings their
# generators are known to trip.
$(BUILD)/lexer.o: $(BUILD)/lexer.c $(BUILD)/parser.h
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-sign-compare -Wno-unused-function -c -o $@ $<
$(BUILD)/parser.o: $(BUILD)/parser.c $(BUILD)/lexer.h
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.c $(BUILD)/parser.h $(BUILD)/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)

# ---- translations (lang/i18n.h) ----------------------------------------------

$(BUILD)/locale/%/LC_MESSAGES/impact.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The report files of every example, read back by jsonschema, openpyxl and
# headless Chromium (tests/report/).
check-report: $(BIN) $(MO_FILES)
	@sh tests/report/run.sh ./$(BIN)

# Every _() and N_() of the C sources into po/impact.pot, merged into each
# po/LL.po: new messages arrive untranslated, for a translator to fill in.
I18N_SOURCES = $(shell git ls-files 'lang/*.[ch]' 'lang/*.y' 'lang/*.l' 'runtime/*.[ch]' 'stdlib/*.[ch]' 'stdlib/*.def' 'cli/*.[ch]' 2>/dev/null)
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --add-comments=TRANSLATORS: --no-wrap \
	  --package-name=impact --no-location --sort-output -o po/impact.pot $(I18N_SOURCES)
	sed -i '/^"POT-Creation-Date:/d' po/impact.pot # no change when no message changed
	for l in $(LOCALES); do msgmerge --quiet --update --backup=none --no-location --no-wrap --sort-output po/$$l.po po/impact.pot; done

# Fails while po/impact.pot misses a message of the sources, or po/LL.po has
# one untranslated or fuzzy (tests/i18n/check.sh), or a run in one language
# shows words of the other (tests/i18n/leaks.py).
check-i18n: $(BIN) $(MO_FILES)
	@sh tests/i18n/check.sh $(LOCALES)
	@python3 tests/i18n/leaks.py ./$(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- tests -----------------------------------------------------------------

# The unit tests are one Criterion program, build/tests/unit (one link
# instead of one per file: the links were a third of their build); each
# test file is compiled without optimisation (-O0 after the flags: a third
# of the compile time); the library it tests is the build's.  One file's
# tests: build/tests/unit --filter 'csv/*' (--list names them).  The
# generated headers come first: the tests include lang/ headers that
# include them, and a parallel build must not compile a test before bison.
$(BUILD)/tests/%.o: tests/unit/%.c $(BUILD)/parser.h $(BUILD)/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -O0 -MMD -MP -c -o $@ $<

$(TEST_BIN): $(TEST_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) -lcriterion

# make check builds first, on every processor, whatever the suites need (the
# interpreter, the unit test program, the fuzzing harnesses, the mutants of
# check-mutant); then runs the suites.  They are independent (each works in
# its own temporary folder), so they run side by side; a fuzzing run, the
# longest, is split in shards (check-fuzz below) so that it is not left
# running alone at the end; the longest are named first, so that they start
# first; job slots beyond one per processor fill the time suites spend
# waiting (on Chromium, on a terminal); --output-sync keeps each suite's
# lines together; -k runs every suite even when one fails, so a run shows
# all its failures, and make names each failed target.
NPROC ?= $(shell nproc 2>/dev/null || echo 2)
CHECK_JOBS ?= $(shell echo $$(( $(NPROC) + 3 )))
CHECK_BUILDS = all $(TEST_BIN) fuzz-check-build fuzz-seeds $(MUTANT_BINS)
CHECK_SUITES = check-unit check-fuzz check-report check-mutant check-golden check-spec check-lsp check-files \
  check-libraries check-layers check-cycles check-repl check-install check-editors check-fmt check-i18n \
  check-docs check-cli

check: deps
	@status=0; \
	$(MAKE) -k -j$(NPROC) $(CHECK_BUILDS) || status=1; \
	$(MAKE) -k -j$(CHECK_JOBS) --output-sync=target CHECK_BUILT=1 $(CHECK_SUITES) || status=1; \
	exit $$status

check-unit: $(TEST_BIN) $(MO_FILES)
	@IMPACT_ROOT=$(CURDIR) $(TEST_BIN) --jobs $(NPROC)

check-golden: $(BIN)
	@sh tests/golden/run.sh ./$(BIN)

# Every example of the language reference and of the guides runs and prints what it shows.
check-spec: $(BIN)
	@sh tests/spec/run.sh ./$(BIN) SPEC.md docs/guide-fr.md docs/guide-en.md

# docs/README.md holds the linked table of contents of SPEC.md: make docs-toc
# writes it, make check-docs fails when it is out of date, and when a
# built-in of the stdlib/*/*.def lists is not in SPEC.md (tests/docs/builtins.py).
docs-toc:
	@python3 tests/docs/toc.py
check-docs:
	@python3 tests/docs/toc.py --check
	@python3 tests/docs/builtins.py

check-repl: $(BIN)
	@sh tests/repl/run.sh ./$(BIN)

# The one C layout (.clang-format), applied to every C file we write.
FORMATTED = $(shell git ls-files 'lang/*.[ch]' 'runtime/*.[ch]' 'stdlib/*.[ch]' 'cli/*.[ch]' 'tests/*.[ch]' 2>/dev/null)
format:
	clang-format -i $(FORMATTED)

# Every example under valgrind's memcheck: an invalid read or write, a jump
# on an uninitialised value or a leak fails it (run as a user would, from the
# example's folder; --read examples for the network's member read from the
# CAE example).  Not in `make check`: the five examples take about three
# minutes on an idle machine.
check-valgrind: all
	@status=0; for f in $$(find examples -name '*.impact' | sort); do \
	  echo "== valgrind impact run $$f"; \
	  ( cd "$$(dirname "$$f")" && valgrind -q --error-exitcode=99 --leak-check=full \
	      --errors-for-leak-kinds=definite,indirect,possible "$(CURDIR)/impact" run --read "$(CURDIR)/examples" "$$(basename "$$f")" \
	      >/dev/null ) || { echo "check-valgrind: $$f fails (above)"; status=1; }; \
	done; \
	if [ $$status = 0 ]; then echo "check-valgrind: every example is clean under valgrind"; fi; \
	exit $$status

# The layers of HACKING.md: lang/ -> runtime/ -> stdlib/ -> cli/ (tests/layers/check.sh), and
# no C file over 900 lines, no function over 80 (tests/layers/sizes.sh, with universal-ctags).
check-layers:
	@sh tests/layers/check.sh
	@sh tests/layers/sizes.sh
	@sh tests/layers/licenses.sh

# The tests guard small-group protection: runtime/disclosure.c is compiled
# once per rule with that rule removed (-DDISCLOSURE_MUTANT=N, N the rule's
# place in MUTANT_RULES, as disclosure.c numbers them; -O0, as speed does not
# matter there) and linked with the other objects unchanged; the golden tests
# run against each scratch interpreter, and this target fails unless at least
# MUTANT_MIN_FAILING of them fail for every rule.  Once that many have failed
# the proof is made: no more are started, and the tests most likely to fail
# come first (MUTANT_GOLDENS: those about privacy, then those reading data
# about people, then the others).  The rules are checked side by side.
MUTANT_RULES = combine threshold dominance differencing masking listing
MUTANT_MIN_FAILING = 3
MUTANT_OBJ = $(filter-out $(BUILD)/runtime/disclosure.o,$(LIB_OBJ)) $(MAIN_OBJ)
MUTANT_BINS = $(patsubst %,build-mutant/impact-%,$(MUTANT_RULES))
MUTANT_GOLDENS = $(shell cd tests/golden && { ls privacy_*.impact; \
  grep -l -E 'csv|sheet|survey|min_cell|min-cell|people' *.impact *.args; ls *.impact; } 2>/dev/null | \
  sed 's/[.][^.]*$$//' | awk '!seen[$$0]++')
.PRECIOUS: build-mutant/disclosure-%.o build-mutant/impact-%

check-mutant: $(patsubst %,check-mutant-%,$(MUTANT_RULES))

build-mutant/disclosure-%.o: runtime/disclosure.c $(BUILD)/runtime/disclosure.o
	@mkdir -p build-mutant
	@n=$$(echo $(MUTANT_RULES) | tr ' ' '\n' | grep -nx '$*' | cut -d: -f1); \
	  [ -n "$$n" ] || { echo "check-mutant: no rule '$*' (MUTANT_RULES: $(MUTANT_RULES))"; exit 1; }; \
	  echo "$(CC) ... -O0 -DDISCLOSURE_MUTANT=$$n -c -o $@ $<"; \
	  $(CC) $(CPPFLAGS) $(ALL_CFLAGS) -O0 -DDISCLOSURE_MUTANT=$$n -c -o $@ $<

build-mutant/impact-%: build-mutant/disclosure-%.o $(MUTANT_OBJ)
	@echo "linking $@ (the build's objects, $<)"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(MUTANT_OBJ) $< $(OMP_STATIC) $(LIBS)

check-mutant-%: build-mutant/impact-%
	@GOLDEN_STOP_AFTER=$(MUTANT_MIN_FAILING) sh tests/golden/run.sh $< $(MUTANT_GOLDENS) >build-mutant/$*.log 2>&1; \
	failing=$$(sed -n 's/^FAIL \([^:]*\):.*/\1/p' build-mutant/$*.log | sort -u); \
	count=$$(echo "$$failing" | grep -c .); \
	if [ "$$count" -lt $(MUTANT_MIN_FAILING) ]; then \
	  echo "check-mutant: without the $* rule only $$count golden tests fail (at least $(MUTANT_MIN_FAILING) must): the tests do not guard it (build-mutant/$*.log)"; exit 1; \
	fi; \
	echo "check-mutant: without the $* rule, golden tests fail, as they must:" $$failing

# Files of stdlib/ that call each other in a circle (nm + tsort); not yet part
# of make check: the CSV reader's and the spreadsheet reader's files still do.
check-cycles: all
	@sh tests/layers/link_cycles.sh $(BUILD)

check-libraries: $(BIN)
	@sh tests/libraries/run.sh ./$(BIN)

# Files and limits on the disk: hostile libraries, safe writes, Ctrl-C, --max-time.
check-files: $(BIN)
	@sh tests/files/run.sh ./$(BIN)

# UBSan's float-cast-overflow (a double too large for the integer it is
# converted to) is not in -fsanitize=undefined: named here, for both compilers.
SANITIZE := -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
# Both halves always run, and every suite of each (-k): one run shows all
# that the sanitizers find, for gcc and for clang.
ASAN_SUITES = check-unit check-golden check-spec check-libraries check-files check-lsp
ASAN_GCC     = BUILD=build-asan BIN=build-asan/impact OPT=-O1 \
  CFLAGS="-O1 -g $(SANITIZE) -fno-omit-frame-pointer" LDFLAGS="$(SANITIZE)"
ASAN_CLANG   = CC=clang BUILD=build-asan-clang BIN=build-asan-clang/impact OPT=-O1 \
  CFLAGS="-O1 -g $(SANITIZE) -fno-omit-frame-pointer -Wno-pass-failed" LDFLAGS="$(SANITIZE)"
check-asan: deps
	@status=0; \
	$(MAKE) -j$(NPROC) $(ASAN_GCC) all $(TEST_BIN:$(BUILD)/%=build-asan/%) || status=1; \
	$(MAKE) -k $(ASAN_GCC) $(ASAN_SUITES) || status=1; \
	$(MAKE) -j$(NPROC) $(ASAN_CLANG) all $(TEST_BIN:$(BUILD)/%=build-asan-clang/%) || status=1; \
	$(MAKE) -k $(ASAN_CLANG) $(ASAN_SUITES) || status=1; \
	if [ $$status = 0 ]; then echo "check-asan: clean"; else echo "check-asan: FAILED (see above)"; fi; \
	exit $$status

# ---- fuzzing (tests/fuzz/README.md) ------------------------------------------
# Each harness tests/fuzz/fuzz_NAME.c is built with clang's libFuzzer and the
# sanitizers, for `make fuzz` into build-fuzz/ (-O1: the most inputs per
# second over a long run), for make check into build-fuzz-check/ (-O0: a
# third of the compile time, and make check tries a few thousand inputs).
# Seeds: the examples, the golden files, the libraries, tests/data and the
# spreadsheets of the tests; findings kept in tests/fuzz/corpus/NAME/.

FUZZ_SECONDS       ?= 600
# make check: after the kept findings and the seeds, this many new inputs per
# harness (a few seconds each), from a fixed seed and an empty scratch
# corpus, so that a run is the same run again
FUZZ_CHECK_RUNS    ?= 500
FUZZ_CHECK_SEED    ?= 1
FUZZ_BUILD         := build-fuzz
FUZZ_CHECK_BUILD   := build-fuzz-check
FUZZ_SEEDS         := $(FUZZ_BUILD)/seeds
FUZZ_TARGETS       := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS         = $(SANITIZE) -fno-omit-frame-pointer -Wno-pass-failed -fsanitize=fuzzer-no-link
# $(call fuzz_options,FOLDER): libFuzzer's options for harness $$t, its findings written into FOLDER
fuzz_options        = -timeout=20 -max_len=65536 -rss_limit_mb=2560 -malloc_limit_mb=2048 -close_fd_mask=3 \
                      -dict=tests/fuzz/$$t.dict -artifact_prefix=$(1)/$$t-

fuzz-build:
	@$(MAKE) --no-print-directory CC=clang BUILD=$(FUZZ_BUILD) CFLAGS="-O1 -g $(FUZZ_CFLAGS)" fuzz-harnesses

fuzz-check-build:
	@$(MAKE) --no-print-directory CC=clang BUILD=$(FUZZ_CHECK_BUILD) CFLAGS="-O0 -gline-tables-only $(FUZZ_CFLAGS)" \
	  fuzz-harnesses

fuzz-harnesses: $(patsubst %,$(BUILD)/fuzz_%,$(FUZZ_TARGETS))

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_OBJ)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJ) $(LIBS)

# Seeds gathered from the repository (never committed twice), each under its
# path in the repository (libFuzzer reads a corpus folder's sub-folders):
# model texts for the model harness; data files, behind the harness's option
# byte, for the CSV one; spreadsheets for the sheet one.  Gathered again when
# one of them changes, or their folders do (a file added or removed).
FUZZ_SEED_MODELS := $(shell find examples models stdlib/std tests/golden -name '*.impact' 2>/dev/null)
FUZZ_SEED_CSV    := $(shell find examples tests/data -name '*.csv' 2>/dev/null)
# (the kept findings of tests/fuzz/corpus/ are not seeds: they run once, as themselves)
FUZZ_SEED_SHEETS := $(shell find examples tests -path tests/fuzz -prune -o \( -name '*.xlsx' -o -name '*.ods' -o -name '*.xls' \) \
                      -print 2>/dev/null)
FUZZ_SEED_FILES  := $(FUZZ_SEED_MODELS) $(FUZZ_SEED_CSV) $(FUZZ_SEED_SHEETS)

fuzz-seeds: $(FUZZ_SEEDS)/.gathered

$(FUZZ_SEEDS)/.gathered: $(FUZZ_SEED_FILES) $(sort $(dir $(FUZZ_SEED_FILES)))
	@rm -rf $(FUZZ_SEEDS) && mkdir -p $(FUZZ_SEEDS)/model $(FUZZ_SEEDS)/csv $(FUZZ_SEEDS)/sheet
	@$(if $(FUZZ_SEED_MODELS),cp --parents $(FUZZ_SEED_MODELS) $(FUZZ_SEEDS)/model/)
	@for f in $(FUZZ_SEED_CSV); do mkdir -p "$(FUZZ_SEEDS)/csv/$${f%/*}"; \
	  { printf '\000'; cat "$$f"; } >"$(FUZZ_SEEDS)/csv/$$f"; done
	@$(if $(FUZZ_SEED_SHEETS),cp --parents $(FUZZ_SEED_SHEETS) $(FUZZ_SEEDS)/sheet/)
	@touch $@

# make fuzz FUZZ_SECONDS=600: each harness for that long; stops at a finding.
fuzz: fuzz-build fuzz-seeds
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  IMPACT_ROOT=$(CURDIR) $(FUZZ_BUILD)/fuzz_$$t $(call fuzz_options,$(FUZZ_BUILD)) -max_total_time=$(FUZZ_SECONDS) \
	    $(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t $(FUZZ_SEEDS)/$$t </dev/null || exit 1; \
	done

# In make check, each harness's kept findings and seeds are dealt in turn
# into FUZZ_CHECK_SHARDS folders, and each folder gets its own libFuzzer run,
# side by side with the other suites (so that the model harness, the longest
# suite, is not left running alone at the end): a run first runs every file
# of its folder (a crash, a sanitizer report, a leak or a timeout on any of
# them fails), then its share of FUZZ_CHECK_RUNS new inputs, from its own
# fixed seed (FUZZ_CHECK_SEED + shard - 1).  Every kept finding and every
# seed runs once; FUZZ_CHECK_RUNS new inputs in all.  libFuzzer counts the
# first runs in -runs (one per file, and the empty input), hence the count
# of files added; a failure shows the error (its first stack frames), the
# summary and where the input was kept.  The long fuzzing is `make fuzz`.  At most 1024 open files:
# the .xls reader's child process that AddressSanitizer stops (a kept finding
# of libfreexl) starts the symbolizer, closing every descriptor the limit
# allows first (20,000 here: 0.3 s each time).
FUZZ_CHECK_SHARDS  ?= 2
FUZZ_SHARD_IDS     := $(shell seq 1 $(FUZZ_CHECK_SHARDS))
# (the model harness first: its shards are the longest)
check-fuzz: $(patsubst %,check-fuzz-%,$(filter model,$(FUZZ_TARGETS)) $(filter-out model,$(FUZZ_TARGETS)))

# check-fuzz-model: every shard of the model harness (check-fuzz-model.1 ...)
check-fuzz-%: $(addprefix check-fuzz-shard-%.,$(FUZZ_SHARD_IDS))
	@:

# (CHECK_BUILT: make check built the harnesses before the suites, so the
# recursive make that checks them is not run again in their way)
check-fuzz-shard-%: $(if $(CHECK_BUILT),,fuzz-check-build) fuzz-seeds
	@t=$(basename $*); k=$(patsubst .%,%,$(suffix $*)); \
	  dir=$(FUZZ_CHECK_BUILD)/shard/$*; out=$(FUZZ_CHECK_BUILD)/corpus/$*; log=$(FUZZ_CHECK_BUILD)/$*.log; \
	  rm -rf $$dir $$out; mkdir -p $$dir $$out; \
	  find tests/fuzz/corpus/$$t $(FUZZ_SEEDS)/$$t -type f | LC_ALL=C sort | \
	    awk -v k=$$k -v n=$(FUZZ_CHECK_SHARDS) '(NR - 1) % n == k - 1' | tr '\n' '\0' | \
	    xargs -0 -r cp --parents -t $$dir; \
	  n=$$(find $$dir -type f | wc -l); runs=$$(( ($(FUZZ_CHECK_RUNS) + $(FUZZ_CHECK_SHARDS) - k) / $(FUZZ_CHECK_SHARDS) )); \
	  echo "== fuzz_$$t, shard $$k of $(FUZZ_CHECK_SHARDS): $$n kept findings and seeds, then $$runs new inputs"; \
	  ulimit -n 1024 2>/dev/null; \
	  IMPACT_ROOT=$(CURDIR) $(FUZZ_CHECK_BUILD)/fuzz_$$t $(call fuzz_options,$(FUZZ_CHECK_BUILD)) \
	    -seed=$$(( $(FUZZ_CHECK_SEED) + k - 1 )) -runs=$$((n + 1 + runs)) $$out $$dir \
	    </dev/null >$$log 2>&1 || { grep -m1 -A24 -E 'ERROR: |runtime error: ' $$log || tail -40 $$log; \
	      grep -E '^SUMMARY|Test unit written' $$log; echo "check-fuzz: fuzz_$$t failed on shard $$k ($$log)"; exit 1; }; \
	  grep -q '^Done [0-9]* runs' $$log || { tail -40 $$log; echo "check-fuzz: fuzz_$$t did not finish shard $$k ($$log)"; exit 1; }

demo: deps
	$(MAKE) all
	./impact run examples/cae/cae.impact

# The README's picture of the HTML report: the CAE example in French, dated
# 31/12/2024 (SOURCE_DATE_EPOCH), as headless Chromium draws it (880 × 1120).
screenshot: $(BIN) $(MO_FILES)
	mkdir -p $(BUILD)
	SOURCE_DATE_EPOCH=1735603200 IMPACT_DATA=$(CURDIR)/examples ./$(BIN) report examples/cae/cae.impact --lang fr -o $(BUILD)/rapport.html >/dev/null
	rm -rf $(BUILD)/chromium-profile
	chromium-headless-shell --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
	  --user-data-dir=$(CURDIR)/$(BUILD)/chromium-profile --window-size=880,1120 \
	  --screenshot=$(CURDIR)/docs/report-screenshot.png file://$(CURDIR)/$(BUILD)/rapport.html
	rm -rf $(BUILD)/chromium-profile

# The reference implementations timed beside impact (../shared/bench-peers).
BENCH_PACKAGES := python3-numpy python3-scipy python3-pandas gawk mawk sqlite3 time

bench: deps
	@$(MAKE) --no-print-directory DEB_PACKAGES="$(BENCH_PACKAGES)" deps
	@command -v node >/dev/null || $(MAKE) --no-print-directory DEB_PACKAGES="nodejs npm" deps
	$(MAKE) all
	sh bench/run.sh ./$(BIN)

# make install [PREFIX=/usr/local] [DESTDIR=...]: the program, its libraries
# (share/impact), its manual page, and the documentation with the runnable
# examples (share/doc/impact).  make uninstall removes exactly those, and the
# folders they leave empty.
DOCDIR   = $(PREFIX)/share/doc/impact
MANDIR   = $(PREFIX)/share/man/man1
SHAREDIR = $(PREFIX)/share/impact
DOC_FILES = README.md SPEC.md LICENSE
DOCS_DIR_FILES = $(wildcard docs/*.md)

install: $(BIN) $(MO_FILES)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHAREDIR)/stdlib $(DESTDIR)$(MANDIR) $(DESTDIR)$(DOCDIR)
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/impact
	cp -r stdlib/std $(DESTDIR)$(SHAREDIR)/stdlib/
	cp -r models $(DESTDIR)$(SHAREDIR)/
	install -m 644 docs/impact.1 $(DESTDIR)$(MANDIR)/impact.1
	install -m 644 $(DOC_FILES) $(DESTDIR)$(DOCDIR)/
	install -d $(DESTDIR)$(DOCDIR)/docs
	install -m 644 $(DOCS_DIR_FILES) $(DESTDIR)$(DOCDIR)/docs/
	cp -r examples $(DESTDIR)$(DOCDIR)/
	for l in $(LOCALES); do install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES; \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/impact.mo $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/impact $(DESTDIR)$(MANDIR)/impact.1
	for l in $(LOCALES); do rm -f $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/impact.mo; \
	  rmdir $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES $(DESTDIR)$(PREFIX)/share/locale/$$l 2>/dev/null || true; done
	rmdir $(DESTDIR)$(PREFIX)/share/locale 2>/dev/null || true
	rm -rf $(DESTDIR)$(SHAREDIR) $(DESTDIR)$(DOCDIR)
	@for d in $(MANDIR) $(PREFIX)/share/man $(PREFIX)/share/doc $(PREFIX)/share $(PREFIX)/bin; do \
	  rmdir $(DESTDIR)$$d 2>/dev/null || true; done

# The command line where golden files cannot reach: a full disk.
check-cli: $(BIN)
	@sh tests/cli/run.sh ./$(BIN)

# impact lsp: a scripted editor session (tests/lsp/session.py frames the
# JSON-RPC messages) and malformed input the server must survive.
check-lsp: $(BIN)
	@python3 tests/lsp/session.py ./$(BIN)

# impact fmt: the layout of a messy file, idempotence and unchanged results
# on every model of the repository (tests/fmt/run.sh).
check-fmt: $(BIN)
	@sh tests/fmt/run.sh ./$(BIN)

# The editor support of editors/: the TextMate grammar (VS Code) tokenised by
# vscode-textmate over every .impact file and SPEC.md block, and the Vim
# syntax read by a headless Vim (tests/editors/).
check-editors: $(BIN)
	@command -v node >/dev/null || $(MAKE) --no-print-directory DEB_PACKAGES="nodejs npm" deps
	@cd tests/editors && { [ -d node_modules/vscode-textmate ] || npm ci --no-audit --no-fund --silent; } \
	  && node grammar_test.js
	@sh tests/editors/vim_test.sh
	@node tests/editors/extension_test.js ./$(BIN)

# Installs into a scratch prefix, runs the installed program from elsewhere,
# reads its manual page, uninstalls (tests/install/run.sh).
check-install: $(BIN) $(MO_FILES)
	@sh tests/install/run.sh $(BIN)

clean:
	rm -rf build build-asan build-asan-clang build-fuzz build-fuzz-check build-mutant impact
