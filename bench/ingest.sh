#!/bin/sh
# bench/ingest.sh: ingestion end to end (read, analyse, store, find
# near-copies and stories) with 'crosscheck add -j 2' on generated corpora
# of 50,000 and 100,000 news documents, each into a fresh database.
# Prints documents/s, MB/s, peak memory (resident set), the time of
# 'wc -w' on the same bytes as the speed-of-light reference, where the
# time went per stage (add --verbose), and the 100k/50k time ratio.  On a
# machine that other work shares, the wall-clock figures fall; the line of
# CPU milliseconds per document per stage, and the rate they allow on idle
# cores, do not.
#
#   sh bench/ingest.sh [CROSSCHECK]      (default build/crosscheck)
#
# Targets: at least 1,000 documents/s on 2 cores; doubling the corpus at
# most doubles the time (ratio <= 2.0); peak memory under 500 MB at any
# size.  The corpora come from ../shared/tools/make-corpus (real paragraphs
# of the public data recombined into new articles, one file each) and are
# kept between runs in $XC_BENCH_DIR (default build/bench, outside git);
# CORPORA="5000 10000" measures other sizes.
set -u
cd "$(dirname "$0")/.." || exit 1
XC=${1:-build/crosscheck}
SHARED=${XC_SHARED:-../shared}
DIR=${XC_BENCH_DIR:-build/bench}
CORPORA=${CORPORA:-50000 100000}
JOBS=${JOBS:-2}
if [ ! -x "$XC" ]; then
    echo "ingest.sh: $XC not built (make $XC)" >&2
    exit 1
fi
if [ ! -x "$SHARED/tools/make-corpus" ]; then
    echo "ingest.sh: skipped: no $SHARED/tools/make-corpus" >&2
    exit 0
fi
if [ ! -x /usr/bin/time ]; then # GNU time, for the peak resident set
    echo "ingest.sh: installing GNU time (package time)" >&2
    (apt-get install -y time || { apt-get update && apt-get install -y time; }) >/dev/null 2>&1
fi
if [ ! -x /usr/bin/time ]; then
    echo "ingest.sh: /usr/bin/time (GNU time) is needed for peak memory" >&2
    exit 1
fi
mkdir -p "$DIR"
ncpu=$(nproc)
cores=0-$((JOBS - 1))
[ "$ncpu" -lt "$JOBS" ] && cores=0-$((ncpu - 1))
echo "crosscheck add -j $JOBS on cores $cores ($ncpu online), $(date -u '+%Y-%m-%d %H:%M UTC')"

prev_n= prev_t=
for n in $CORPORA; do
    corpus=$DIR/corpus-$n
    if [ ! -f "$corpus/.done" ]; then
        rm -rf "$corpus"
        "$SHARED/tools/make-corpus" --docs "$n" --seed 1 --format dir "$corpus" >/dev/null || exit 1
        touch "$corpus/.done"
    fi
    bytes=$(find -L "$corpus" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
    mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')

    # the reference: counting the words of the same files, warm cache
    find -L "$corpus" -type f -name '*.txt' -print0 | xargs -0 cat >/dev/null
    t0=$(date +%s.%N)
    find -L "$corpus" -type f -name '*.txt' -print0 | xargs -0 wc -w | awk '$2 == "total" {s += $1} END {print s}' >/dev/null
    t1=$(date +%s.%N)
    wct=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')

    db=$DIR/ingest-$n.db
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -f 'ELAPSED %e\nMAXRSS %M\nCPU %U %S' -o "$DIR/time-$n" \
        taskset -c "$cores" "$XC" add -j "$JOBS" -v --db "$db" "$corpus" \
        >/dev/null 2>"$DIR/add-$n.err"
    rc=$?
    t=$(sed -n 's/^ELAPSED //p' "$DIR/time-$n")
    rss=$(sed -n 's/^MAXRSS //p' "$DIR/time-$n")
    cpu=$(sed -n 's/^CPU //p' "$DIR/time-$n" | awk '{print $1 + $2}')
    stored=$("$XC" stories --db "$db" --json 2>/dev/null | wc -l)
    summary=$(grep -E ' added, ' "$DIR/add-$n.err" | tail -n 1 | sed 's/^crosscheck: [^:]*: //')
    awk -v n="$n" -v mb="$mb" -v t="$t" -v rss="$rss" -v wct="$wct" -v rc="$rc" \
        -v stories="$stored" -v s="$summary" -v cpu="$cpu" 'BEGIN {
        printf "%6d documents, %6.1f MB: %7.1f s, %5.0f docs/s, %5.2f MB/s, peak %4.0f MB; wc -w %.2f s (%.0f MB/s)\n",
            n, mb, t, n / t, mb / t, rss / 1024, wct, mb / wct
        printf "        %s; %d stories; exit %d; CPU %.1f s in all threads (%.2f ms per document)\n", s, stories, rc, cpu, 1000 * cpu / n }'
    grep 'times:' "$DIR/add-$n.err" | sed 's/^crosscheck: /        /'
    # what the stages cost in CPU, whatever else the machine runs: the
    # writer (one thread) and the sum over two cores bound the rate
    grep 'times:' "$DIR/add-$n.err" | sed 's/[;,(]/ /g' | awk -v n="$n" -v j="$JOBS" '{
        for (i = 1; i < NF; i++) {
            if ($i == "reading") r = $(i + 1)
            if ($i == "analysis") a = $(i + 1)
            if ($i == "storing") s = $(i + 1)
        }
        w = s > (r + a + s) / j ? s : (r + a + s) / j
        printf "        CPU per document: reading %.2f ms, analysis %.2f ms, storing %.2f ms: at most %.0f docs/s on %d idle cores (the writer alone: %.0f)\n",
            1000 * r / n, 1000 * a / n, 1000 * s / n, n / w, j, n / s }'
    if [ "$rc" -ne 0 ]; then
        sed 's/^/        /' "$DIR/add-$n.err" | head -5
    fi
    if [ -n "$prev_t" ]; then
        awk -v a="$prev_n" -v b="$n" -v ta="$prev_t" -v tb="$t" 'BEGIN {
            printf "time ratio %d/%d documents: %.2f (%.2f x the documents)\n", b, a, tb / ta, b / a }'
    fi
    prev_n=$n prev_t=$t
    rm -f "$db" "$db-wal" "$db-shm"
done
echo "targets: >= 1000 docs/s with -j 2 on 2 cores; time ratio <= 2.0 for twice the documents; peak < 500 MB"
