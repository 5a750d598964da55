#!/bin/sh
# bench/analyze.sh [DOCS]: speed of the whole per-document analysis
# (tokens, sentences, entities, quotes, times, quantities) on one core, on a
# generated corpus of realistic news (../shared/tools/make-corpus, JSON
# Lines, at least 50 MB by default), with `wc -w` on the same bytes as the
# speed-of-light reference.  Target: 500,000 tokens per second per core.
set -eu
cd "$(dirname "$0")/.."
docs=${1:-20000}
bin=build/crosscheck
corpus=build/bench/corpus-$docs.jsonl
tools=../shared/tools
[ -x "$bin" ] || make -s "$bin"
if [ ! -s "$corpus" ]; then
    [ -x "$tools/make-corpus" ] || { echo "bench/analyze.sh: needs ../shared/tools/make-corpus"; exit 1; }
    mkdir -p build/bench
    "$tools/make-corpus" --docs "$docs" --format jsonl "$corpus.tmp" >/dev/null && mv "$corpus.tmp" "$corpus"
fi
mb=$(du -m "$corpus" | cut -f1)
echo "corpus: $corpus ($docs documents, $mb MB)"
# wc -w on the same bytes
t0=$(date +%s.%N); words=$(wc -w < "$corpus"); t1=$(date +%s.%N)
wcs=$(awk "BEGIN{print $t1 - $t0}")
# the analysis, pinned to one core, peak memory from /usr/bin/time when present
if command -v /usr/bin/time >/dev/null 2>&1; then
    out=$(taskset -c 0 /usr/bin/time -f "maxrss_kb=%M" "$bin" analyze --count --max-bytes 64M "$corpus" 2>&1)
else
    out=$(taskset -c 0 "$bin" analyze --count --max-bytes 64M "$corpus" 2>&1)
fi
echo "$out"
tokens=$(echo "$out" | sed -n 's/.*tokens=\([0-9]*\).*/\1/p')
secs=$(echo "$out" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')
awk -v w="$words" -v s="$wcs" 'BEGIN{printf "wc -w: %d words in %.2f s = %.0f words/s\n", w, s, w / s}'
awk -v t="$tokens" -v s="$secs" 'BEGIN{printf "analyze: %d tokens in %.2f s on one core = %.0f tokens/s (target: 500000)\n", t, s, t / s}'
