# make check-valgrind: the end-to-end tests once under Valgrind memcheck
# (issue 8): the browser test drives a server running under memcheck, and
# the report and analysis command tests run every crosscheck process under
# it.  Passes only with zero errors and zero definite or indirect leaks in
# every process's log (kept in $(BUILD)/valgrind/).

VALGRIND_TESTS ?= tests/cli/test_e2e.sh tests/cli/test_report.sh tests/cli/test_analyze.sh

.PHONY: check-valgrind

check-valgrind:
	@sh scripts/install-deps.sh --valgrind
	@$(MAKE) --no-print-directory $(BIN)
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	@status=0; for t in $(VALGRIND_TESTS); do \
	  echo "valgrind: $$t"; \
	  XC_VALGRIND_BIN=$(abspath $(BIN)) XC_VALGRIND_LOGS=$(abspath $(BUILD)/valgrind) \
	  CROSSCHECK=$(abspath tests/valgrind.sh) E2E_OUT=$(abspath $(BUILD)/e2e-valgrind) \
	  XC_VALGRIND=1 sh $$t > $(BUILD)/valgrind/$$(basename $$t).out 2>&1 || status=1; \
	  tail -n 1 $(BUILD)/valgrind/$$(basename $$t).out; \
	done; \
	sh tests/valgrind-summary.sh $(BUILD)/valgrind || status=1; \
	exit $$status
