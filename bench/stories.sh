#!/bin/sh
# bench/stories.sh: story clustering quality and cost.
#   1. ECB+ development topics (../shared/tools/eval-stories: BCubed of
#      report --all against the incidents; two incidents of one kind per
#      topic must stay apart);
#   2. an event-level set: the first ECB+ incident of every topic (35
#      different events, each told by several reports) plus the five seed
#      reports, scored with the same tool;
#   3. the cost per document of near-copy search and story assignment in
#      the store (bench/stories_add.c: features computed beforehand) when
#      1,000, 10,000 and 100,000 documents are stored already (SIZES to
#      change), from ../shared/tools/make-corpus.  It must not grow with
#      the store.
# BUILD=build-x picks another build directory, SHARED the shared folder.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build}
bin=$build/crosscheck
sizes=${SIZES:-"1000 10000 100000"}
shared=${SHARED:-../shared}
[ -x "$bin" ] || make -s BUILD="$build" "$bin"
add=$build/bench/stories_add
make -s BUILD="$build" "$add"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "ECB+ development topics (incidents):"
"$shared"/tools/eval-stories "$bin" "$shared"/data/ecbplus | tail -n 1

# the event-level set, as links into a folder eval-stories can read
set2=$tmp/events
mkdir -p "$set2/texts"
printf 'file\ttopic\tstory\n' > "$set2/labels.tsv"
for f in "$shared"/data/ecbplus/texts/*ecb.txt; do
    b=$(basename "$f")
    ln -s "$(cd "$(dirname "$f")" && pwd)/$b" "$set2/texts/$b"
    printf '%s\t%s\t%s\n' "$b" "${b%%_*}" "${b%%_*}" >> "$set2/labels.tsv"
done
for f in examples/karabakh-detainees/*.txt; do
    b=seed_$(basename "$f")
    ln -s "$(pwd)/$f" "$set2/texts/$b"
    printf '%s\tseed\tseed\n' "$b" >> "$set2/labels.tsv"
done
echo "event-level set (35 ECB+ events and the seed story):"
"$shared"/tools/eval-stories "$bin" "$set2" | tail -n 1

# cost per document against a growing store: add up to N, time 500 more
db=$tmp/s.db
have=0
last=
for n in $sizes; do
    corpus=$tmp/corpus-$n
    "$shared"/tools/make-corpus --docs $((n - have + 500)) --seed "$n" --format jsonl "$corpus.jsonl" >/dev/null 2>&1
    head -n $((n - have)) "$corpus.jsonl" > "$corpus.bulk.jsonl"
    tail -n 500 "$corpus.jsonl" > "$corpus.timed.jsonl"
    [ "$n" -gt "$have" ] && "$bin" add --db "$db" "$corpus.bulk.jsonl" 2>/dev/null
    stored=$(sqlite3 "$db" 'select count(*) from documents' 2>/dev/null || echo "$n")
    printf 'clustering with %7s stored: ' "$stored"
    last=$("$add" "$db" "$corpus.timed.jsonl")
    echo "$last"
    have=$((n + 500))
    rm -f "$corpus.jsonl" "$corpus.bulk.jsonl" "$corpus.timed.jsonl"
done
echo "stories: clustering cost at $(echo "$sizes" | awk '{print $NF}') stored: $last"
