#!/bin/sh
# bench/times.sh: date recognition and normalization on TimeML (TimeBank and
# AQUAINT, TempEval-3's TBAQ-cleaned), scored by ../shared/tools/eval-times
# against the targets of the time extractor: relaxed-match F1 >= 0.85 and
# exact value accuracy >= 0.8 on the dates found.
#
#   sh bench/times.sh [CROSSCHECK]      (default build/crosscheck)
#
# Run from anywhere; the shared data is looked for in ../shared beside the
# source tree (or $XC_SHARED).  Also prints how many gold values the
# dossier format can express at all: TIMEX3 quarters (1989-Q3), weeks
# (1998-W08), seasons and PRESENT_REF have no allowed value, so the value
# accuracy on TimeBank cannot reach the share of expressible values once
# those dates are found.
set -u
cd "$(dirname "$0")/.." || exit 1
XC=${1:-build/crosscheck}
SHARED=${XC_SHARED:-../shared}
EVAL=$SHARED/tools/eval-times
DATA=$SHARED/data/timeml/TBAQ-cleaned
if [ ! -x "$XC" ]; then
    echo "times.sh: $XC not built (make build/crosscheck)" >&2
    exit 1
fi
if [ ! -f "$EVAL" ] || [ ! -d "$DATA" ]; then
    echo "times.sh: skipped: no $EVAL or $DATA"
    exit 0
fi
for corpus in TimeBank AQUAINT; do
    line=$(python3 "$EVAL" "$XC" "$DATA/$corpus" | tail -n 1)
    echo "$corpus: $line"
    echo "$line" | awk '{
        for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        r = v["recall"] + 0; p = v["precision"] + 0; a = v["value_accuracy"] + 0
        f = (r + p > 0) ? 2 * r * p / (r + p) : 0
        printf "  F1=%.3f (target >= 0.85: %s)  value_accuracy=%.3f (target >= 0.80: %s)\n",
               f, (f >= 0.85 ? "met" : "NOT met"), a, (a >= 0.80 ? "met" : "NOT met")
    }'
    python3 - "$DATA/$corpus" <<'PY'
import os, re, sys
d = sys.argv[1]; n = ok = 0
for f in os.listdir(d):
    if not f.endswith(".tml"): continue
    x = open(os.path.join(d, f), encoding="utf-8").read()
    body = x[x.index("<TEXT>"):x.index("</TEXT>")]
    for m in re.finditer(r"<TIMEX3([^>]*)>", body):
        if 'type="DATE"' not in m.group(1): continue
        v = re.search(r'value="([^"]*)"', m.group(1))
        if not v: continue
        n += 1
        ok += bool(re.fullmatch(r"([0-9]{4}|XXXX)(-[0-9]{2}(-[0-9]{2})?)?", v.group(1)))
print(f"  gold DATE values the dossier format can express: {ok}/{n} = {ok / n:.3f}")
PY
done
