#!/bin/sh
# tests/run.sh BUILD: run every unit test program in BUILD/tests and every
# CLI test script in tests/cli, add up what each reports on its last line
# ("N passed, N failed"), and end with the total in the same form.
# Run from the repository root; exits non-zero if anything failed.
build=${1:-build}
CROSSCHECK=$(cd "$build" && pwd)/crosscheck
export CROSSCHECK
pass=0 fail=0 skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() { # name status (the test started at $t0)
    secs=$(($(date +%s) - t0))
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ -n "$line" ]; then
        p=$(echo "$line" | sed 's/^\([0-9]*\) passed.*/\1/')
        f=$(echo "$line" | sed 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/')
        s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
    else
        p=0 f=1 s=
    fi
    # a program that crashed or exited non-zero fails even if it counted none
    [ "$2" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    pass=$((pass + p)) fail=$((fail + f)) skipped=$((skipped + ${s:-0}))
    if [ "$f" -ne 0 ]; then
        echo "FAIL $1 (exit $2, ${secs}s)"
        sed 's/^/    /' "$log"
    else
        echo "ok   $1: $p passed${s:+, $s skipped} (${secs}s)"
    fi
}

for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    t0=$(date +%s)
    "$t" >"$log" 2>&1
    tally "$(basename "$t")" $?
done
for t in tests/cli/test_*.sh; do
    [ -f "$t" ] || continue
    t0=$(date +%s)
    sh "$t" >"$log" 2>&1
    tally "$(basename "$t")" $?
done
if [ "$skipped" -gt 0 ]; then
    echo "$pass passed, $fail failed, $skipped skipped"
else
    echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
