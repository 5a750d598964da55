# Fuzzing (fuzz/, docs/hostile.md).
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="text html"]
#       build every fuzz target with clang's libFuzzer + ASan + UBSan in
#       build-fuzz/ and run each for FUZZ_SECONDS (bench/fuzz.sh prints the
#       executions and findings per target)
#
# The normal build also links each target with fuzz/replay.c as
# $(BUILD)/tests/test_fuzz_<name>: the test suite replays the seeds, their
# mutations and every input that once crashed (fuzz/regress/<name>/).

FUZZ_ALL     := $(basename $(notdir $(filter-out fuzz/replay.c,$(wildcard fuzz/*.c))))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_SECONDS ?= 60
FUZZ_REPLAY  := $(FUZZ_ALL:%=$(BUILD)/tests/test_fuzz_%)

.PHONY: fuzz fuzz-build

tests: $(FUZZ_REPLAY)

$(BUILD)/tests/test_fuzz_%: fuzz/%.c fuzz/replay.c fuzz/fuzz.h $(STATIC)
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
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh bench/fuzz.sh $(FUZZ_TARGETS)
