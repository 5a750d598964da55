# Fuzzing (fuzz/, docs/hostile.md).
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_RUNS=N] [FUZZ_JOBS=2] [FUZZ_TARGETS="text html"]
#       build every fuzz target with clang's libFuzzer + ASan + UBSan in
#       build-fuzz/ and run each for FUZZ_SECONDS or to FUZZ_RUNS
#       executions, FUZZ_JOBS targets at a time; bench/fuzz.sh prints the
#       executions (this run and in total over every run, kept in
#       build-fuzz/tally/), coverage and findings per target, and says
#       which have reached 10 million executions without a finding.  The
#       largest input per target (-max_len) is chosen in bench/fuzz.sh.
#
# The normal build also links each target with fuzz/replay.c as
# $(BUILD)/tests/test_fuzz_<name>: the test suite replays the seeds, their
# mutations and every input that once crashed (fuzz/regress/<name>/).

FUZZ_ALL     := $(basename $(notdir $(filter-out fuzz/replay.c,$(wildcard fuzz/*.c))))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_SECONDS ?=
FUZZ_RUNS    ?=
FUZZ_JOBS    ?= 1
FUZZ_REPLAY  := $(FUZZ_ALL:%=$(BUILD)/tests/test_fuzz_%)

.PHONY: fuzz fuzz-build

tests: $(FUZZ_REPLAY)

$(BUILD)/tests/test_fuzz_%: fuzz/%.c fuzz/replay.c $(wildcard fuzz/*.h) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Ifuzz $(ALL_CFLAGS) -DFUZZ_NAME='"$*"' -o $@ fuzz/$*.c fuzz/replay.c $(STATIC) $(LDFLAGS) $(LDLIBS)

fuzz-build:
	@sh scripts/install-deps.sh --fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	  OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" lib
	@for t in $(FUZZ_TARGETS); do \
	  echo "  fuzz target build-fuzz/fuzz_$$t"; \
	  clang $(CPPFLAGS) -Ifuzz -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
	    -fno-omit-frame-pointer -fno-sanitize-recover=undefined $(PKG_CFLAGS) \
	    -o build-fuzz/fuzz_$$t fuzz/$$t.c build-fuzz/libcrosscheck.a $(LDLIBS) || exit 1; \
	done

fuzz: fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_JOBS=$(FUZZ_JOBS) \
	  sh bench/fuzz.sh $(FUZZ_TARGETS)
