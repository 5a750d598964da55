#!/bin/sh
# bench/fuzz.sh [TARGET...]: run each libFuzzer target (built by
# 'make fuzz-build' in build-fuzz/) for $FUZZ_SECONDS seconds (default 60)
# on $FUZZ_JOBS parallel workers (default 1), seeded with the test fixtures
# (fuzz/<name>.seeds) and the inputs that once crashed (fuzz/regress/<name>),
# and print per target: executions, executions per second, coverage, and
# findings (crashes, leaks, timeouts, out-of-memory).  A finding is saved in
# build-fuzz/findings/<name>/; copy it into fuzz/regress/<name>/ once fixed,
# so the test suite replays it for ever.  Target (issue 8): zero findings in
# at least 10 million executions per target.
#
#   make fuzz FUZZ_SECONDS=600            all targets, 10 minutes each
#   FUZZ_SECONDS=30 sh bench/fuzz.sh text  one target (after make fuzz-build)
set -u
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
[ $# -gt 0 ] || set -- $(ls fuzz/*.c | sed -e 's|fuzz/||' -e 's|\.c$||' | grep -v '^replay$')
total=0 bad=0
printf '%-10s %12s %10s %8s %9s  %s\n' target executions exec/s cov findings "(${secs}s each, $jobs job(s))"
for t in "$@"; do
    bin=build-fuzz/fuzz_$t
    if [ ! -x "$bin" ]; then
        echo "bench/fuzz.sh: $bin is missing: run 'make fuzz-build' first" >&2
        exit 2
    fi
    corpus=build-fuzz/corpus/$t findings=build-fuzz/findings/$t
    mkdir -p "$corpus" "$findings"
    # seed the corpus once from the fixtures (libFuzzer keeps what it finds)
    if [ -z "$(ls -A "$corpus")" ]; then
        if [ -f "fuzz/$t.seeds" ]; then
            grep -v '^#' "fuzz/$t.seeds" | while read -r dir; do
                [ -d "$dir" ] && find "$dir" -type f -size -256k -exec cp {} "$corpus"/ \; 2>/dev/null
            done
        fi
        [ -d "fuzz/regress/$t" ] && cp fuzz/regress/$t/* "$corpus"/ 2>/dev/null
    fi
    log=build-fuzz/fuzz_$t.log
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=${FUZZ_MAX_LEN:-4096} \
        -jobs="$jobs" -workers="$jobs" -print_final_stats=1 \
        -artifact_prefix="$findings/" "$corpus" >"$log" 2>&1
    # with -jobs, libFuzzer writes fuzz-N.log files per worker
    logs="$log $(ls fuzz-*.log 2>/dev/null)"
    execs=$(cat $logs | sed -n 's/^stat::number_of_executed_units: *//p' | awk '{s+=$1} END {print s+0}')
    rate=$(cat $logs | sed -n 's/^stat::average_exec_per_sec: *//p' | awk '{s+=$1} END {print s+0}')
    cov=$(cat $logs | grep -o 'cov: [0-9]*' | tail -n 1 | sed 's/cov: //')
    found=$(ls "$findings" | wc -l)
    [ -n "$(ls fuzz-*.log 2>/dev/null)" ] && cat fuzz-*.log >>"$log" && rm -f fuzz-*.log
    printf '%-10s %12s %10s %8s %9s\n' "$t" "$execs" "$rate" "${cov:-?}" "$found"
    total=$((total + execs)); bad=$((bad + found))
done
echo "fuzz: targets=$# executions=$total findings=$bad seconds_each=$secs (target: 0 findings in >= 10000000 executions per target)"
[ "$bad" -eq 0 ]
