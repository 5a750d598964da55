#!/bin/sh
# bench/fuzz.sh [TARGET...]: run the libFuzzer targets (built by
# 'make fuzz-build' in build-fuzz/), each to a number of executions or for a
# time, and print per target what it did this run and over every run so
# far.  Target (issue 8): zero findings in at least 10 million executions
# per target.
#
#   FUZZ_RUNS=N       stop each target after N executions (libFuzzer -runs)
#   FUZZ_SECONDS=S    stop each target after S seconds (-max_total_time);
#                     with neither set, 60 seconds; with both, the first
#   FUZZ_JOBS=J       fuzz J targets at once (default 1), each under nice
#   FUZZ_MAX_LEN=B    the largest input for every target (default: per
#                     target, see max_len below)
#   FUZZ_RESET=1      forget the tally of earlier runs before this one
#
# A long campaign in pieces, e.g. ten million executions per target on two
# cores, resumed after any interruption (the corpus and the tally stay):
#
#   make fuzz-build
#   FUZZ_RUNS=10000000 FUZZ_JOBS=2 sh bench/fuzz.sh
#   FUZZ_SECONDS=3600 FUZZ_JOBS=2 sh bench/fuzz.sh   (an hour more each)
#
# What stays in build-fuzz/ between runs:
#   corpus/NAME/    libFuzzer's corpus, seeded once from fuzz/NAME.seeds and
#                   fuzz/regress/NAME/, grown by every run
#   findings/NAME/  crash-*, leak-*, timeout-*, oom-* inputs; once the bug
#                   is fixed, copy the input into fuzz/regress/NAME/ (the
#                   test suite replays it for ever) and restart the tally
#                   of NAME (rm build-fuzz/tally/NAME): executions before a
#                   fix do not count towards the target
#   tally/NAME      one line per run: date, commit, executions, seconds,
#                   findings; "cumulative" below is their sum
#   NAME.log        the last run's libFuzzer output
#
# A hang (one input running longer than -timeout=10 s) and a memory blowup
# (over -rss_limit_mb=2048, or one allocation over it) end the run and
# count as findings, like crashes and leaks.
set -u
cd "$(dirname "$0")/.."
runs=${FUZZ_RUNS:-}
secs=${FUZZ_SECONDS:-}
[ -n "$runs$secs" ] || secs=60
jobs=${FUZZ_JOBS:-1}
goal=10000000
out=build-fuzz
[ $# -gt 0 ] || set -- $(ls fuzz/*.c | sed -e 's|fuzz/||' -e 's|\.c$||' | grep -v '^replay$')
for t in "$@"; do
    if [ ! -x "$out/fuzz_$t" ]; then
        echo "bench/fuzz.sh: $out/fuzz_$t is missing: run 'make fuzz-build' first" >&2
        exit 2
    fi
done
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

# The largest input per target.  Longer inputs cost time in proportion
# (more in the analysis, which is worse than linear) but reach no code that
# a few kilobytes do not: a sentence, a date, a JSON line, an HTTP request
# fit in far less, and an HTML page, feed or WARC file needs room only for
# a few elements or records.
max_len() {
    case $1 in
    tokens | dates | analyze) echo 2048 ;;
    text | jsonl | api | http) echo 4096 ;;
    html | feed | warc) echo 8192 ;;
    *) echo 4096 ;;
    esac
}

# Count the findings files in folder $1.
count_findings() {
    ls "$1" 2>/dev/null | grep -c -E '^(crash|leak|timeout|oom)-' || true
}

# Fuzz target $1 once; leave what it did in $out/result/$1.
fuzz_one() {
    t=$1
    corpus=$out/corpus/$t findings=$out/findings/$t log=$out/fuzz_$t.log
    mkdir -p "$corpus" "$findings" "$out/tally"
    # seed the corpus once from the fixtures (libFuzzer keeps what it finds)
    if [ -z "$(ls -A "$corpus")" ]; then
        if [ -f "fuzz/$t.seeds" ]; then
            grep -v '^#' "fuzz/$t.seeds" | while read -r dir; do
                [ -d "$dir" ] && find "$dir" -type f -size -256k -exec cp {} "$corpus"/ \; 2>/dev/null
            done
        fi
        [ -d "fuzz/regress/$t" ] && cp fuzz/regress/$t/* "$corpus"/ 2>/dev/null
    fi
    before=$(count_findings "$findings")
    limit=""
    [ -n "$runs" ] && limit="-runs=$runs"
    [ -n "$secs" ] && limit="$limit -max_total_time=$secs"
    start=$(date +%s)
    rm -f "$out/cpu_$t"
    timer=
    [ -x /usr/bin/time ] && timer="/usr/bin/time -f %U+%S -o $out/cpu_$t"
    # the CPU time too: on a shared machine exec/s (wall clock) says as
    # much about the other programs as about the target.  The ASan
    # quarantine (freed memory kept poisoned to catch its use) is 32 MB,
    # not 256: many times what one execution frees, and the default's
    # fresh pages cost small inputs half their time in page faults.
    # The entropic schedule (libFuzzer's default) with a short list of
    # rare features: it picks the inputs to mutate by the features that few
    # inputs reach, and for every feature of every execution that is still
    # rare it searches that list from the start.  The default list (100
    # features, kept until the most common of them has been seen 255 times)
    # grows to thousands with the tens of thousands of features of the
    # analysis, and the search was 40% of fuzz_analyze's time, 60% while it
    # replays its corpus at the start of each run.  A feature seen fewer
    # than 8 times is rare, and 20 of them are kept: the search costs 2%.
    # Which inputs are kept (the coverage) is decided as before.
    # shellcheck disable=SC2086
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:quarantine_size_mb=32 \
    nice -n 10 $timer "$out/fuzz_$t" $limit -timeout=10 -rss_limit_mb=2048 \
        -max_len="${FUZZ_MAX_LEN:-$(max_len "$t")}" -print_final_stats=1 \
        -entropic_number_of_rarest_features=20 -entropic_feature_frequency_threshold=8 \
        -artifact_prefix="$findings/" "$corpus" >"$log" 2>&1
    took=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    # no final statistics (killed): the last status line's count
    [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    [ -n "$rate" ] && [ "$rate" != 0 ] || rate=$(( ${execs:-0} / (took > 0 ? took : 1) ))
    cpurate=$(tail -n 1 "$out/cpu_$t" 2>/dev/null |
        awk -F+ -v n="${execs:-0}" '$1 + $2 > 0 {printf "%.0f", n / ($1 + $2)}')
    [ -n "$cpurate" ] || cpurate=-
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1 | sed -e 's/cov: //' -e 's/ ft: /\//')
    found=$(($(count_findings "$findings") - before))
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $commit ${execs:-0} $took $found" >>"$out/tally/$t"
    echo "${execs:-0} $rate $cpurate ${cov:-?/?} $found" >"$out/result/$t"
}

# Workers take the targets in turn (mkdir claims one atomically).
worker() {
    for t in "$@"; do
        mkdir "$out/claim/$t" 2>/dev/null || continue
        fuzz_one "$t"
    done
}

mkdir -p "$out"
rm -rf "$out/claim" "$out/result"
mkdir -p "$out/claim" "$out/result"
if [ "${FUZZ_RESET:-0}" = 1 ]; then
    for t in "$@"; do rm -f "$out/tally/$t"; done
fi
echo "fuzz: $# targets, ${runs:+$runs executions}${runs:+${secs:+ or }}${secs:+$secs s} each, $jobs at a time (nice)"
j=0
while [ "$j" -lt "$jobs" ]; do
    worker "$@" &
    j=$((j + 1))
done
wait

printf '%-8s %11s %12s %5s %7s %9s %11s %6s %9s  %s\n' target executions cumulative runs exec/s exec/cpu-s cov/ft found found_all "10M, 0 found"
total=0 bad=0 done_n=0
for t in "$@"; do
    read -r execs rate cpurate cov found <"$out/result/$t" || { execs=0 rate=0 cpurate=- cov=?/? found=0; }
    eval "$(awk '{e += $3; f += $5; n++}
        END {printf "cum=%.0f cumfound=%.0f nruns=%.0f\n", e, f, n}' "$out/tally/$t")"
    ok=no
    [ "$cum" -ge "$goal" ] && [ "$cumfound" -eq 0 ] && ok=yes && done_n=$((done_n + 1))
    printf '%-8s %11s %12s %5s %7s %9s %11s %6s %9s  %s\n' "$t" "$execs" "$cum" "$nruns" "$rate" "$cpurate" "$cov" "$found" "$cumfound" "$ok"
    total=$((total + execs)); bad=$((bad + found))
done
ntargets=$(ls "$out/result" | wc -l)
echo "fuzz: targets=$ntargets executions=$total findings=$bad reached_10M_clean=$done_n/$ntargets (findings in $out/findings/NAME, tally in $out/tally/NAME)"
[ "$bad" -eq 0 ]
