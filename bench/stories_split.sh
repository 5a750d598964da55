#!/bin/sh
# bench/stories_split.sh: held-out check of the story clustering on the
# ECB+ development topics.  The topics are split by parity: half A (odd
# topic numbers) is where thresholds and weights may be chosen, half B
# (even) is held out.  Prints eval-stories' line for A, B and all topics,
# each clustered on its own (report --all over that half's documents).
# BUILD=build-x picks another build directory, SHARED the shared folder.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build}
bin=$build/crosscheck
shared=${SHARED:-../shared}
ecb=$shared/data/ecbplus
[ -x "$bin" ] || make -s BUILD="$build" "$bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
abs=$(cd "$ecb" && pwd)
for half in A B; do
    mkdir -p "$tmp/$half/texts"
    head -n 1 "$ecb/labels.tsv" > "$tmp/$half/labels.tsv"
done
tail -n +2 "$ecb/labels.tsv" | while IFS="$(printf '\t')" read -r file topic story; do
    if [ $((topic % 2)) -eq 1 ]; then half=A; else half=B; fi
    ln -s "$abs/texts/$file" "$tmp/$half/texts/$file"
    printf '%s\t%s\t%s\n' "$file" "$topic" "$story" >> "$tmp/$half/labels.tsv"
done
printf 'A (odd topics, tuning):   '
"$shared"/tools/eval-stories "$bin" "$tmp/A" | tail -n 1
printf 'B (even topics, held out): '
"$shared"/tools/eval-stories "$bin" "$tmp/B" | tail -n 1
printf 'all topics:               '
"$shared"/tools/eval-stories "$bin" "$ecb" | tail -n 1
