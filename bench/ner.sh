#!/bin/sh
# bench/ner.sh [CROSSCHECK] [DATA]: how well and how fast the entity tagger
# works.  Runs ../shared/tools/eval-conll (conlleval exact-match entity F1)
# on CoNLL-2003 eng.testa, the development split the model was never trained
# on, then times `crosscheck tag --conll` on the same file repeated 20 times
# (about a million tokens; model loading and CoNLL reading included).
#
# For scale: a tagger that only looks names up scores far lower (compromise,
# a rule-based JavaScript tagger, is about 32 F1 on the CoNLL test split); a
# classic perceptron with good local features is about 88-90 on eng.testa;
# Ratinov and Roth's full system (non-local features, 30 gazetteers, Brown
# clusters from far more unlabelled text) reports about 93 there and 90.8
# on the test split (eng.testb, not in ../shared/data), which scores a few
# points below testa.
set -eu
xc=${1:-./build/crosscheck}
data=${2:-../shared/data}
testa=$data/ner/conll2003/eng.testa
eval=$(dirname "$data")/tools/eval-conll

if [ ! -f "$testa" ] || [ ! -f "$eval" ]; then
    echo "bench/ner.sh: $testa or $eval not found: skipped"
    exit 0
fi
[ -x "$xc" ] || { echo "bench/ner.sh: $xc: not built (make)"; exit 1; }

echo "entity F1 on eng.testa (exact match, conlleval rules):"
python3 "$eval" "$xc" "$testa" | sed 's/^/  /'

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
i=0
while [ $i -lt 20 ]; do cat "$testa"; i=$((i + 1)); done >"$tmp"
tokens=$(grep -c -v -e '^-DOCSTART-' -e '^[[:space:]]*$' "$tmp")
best=
for run in 1 2 3; do
    t0=$(date +%s%N)
    "$xc" tag --conll "$tmp" >/dev/null
    t1=$(date +%s%N)
    ns=$((t1 - t0))
    if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
done
echo "tagging speed: $tokens tokens in $((best / 1000000)) ms (best of 3):" \
    "$((tokens * 1000 / (best / 1000000 + 1))) tokens/second on one core"
echo "compare: compromise ~32 F1 (CoNLL test split); classic perceptron" \
    "with good features ~88-90 F1 on testa; Ratinov & Roth 2009 full system" \
    "~93 on testa, 90.8 on the test split"
