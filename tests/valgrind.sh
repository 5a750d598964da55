#!/bin/sh
# tests/valgrind.sh ARGS...: run $XC_VALGRIND_BIN (the real crosscheck)
# under Valgrind memcheck, one log per process in $XC_VALGRIND_LOGS.  Used as
# $CROSSCHECK by 'make check-valgrind' (mk/valgrind.mk), which then reads the
# logs: zero errors and zero leaks, or the check fails.
exec valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --track-origins=no --num-callers=30 \
    --log-file="$XC_VALGRIND_LOGS/vg.%p.log" "$XC_VALGRIND_BIN" "$@"
