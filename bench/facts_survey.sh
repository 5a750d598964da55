#!/bin/sh
# bench/facts_survey.sh: the facts crosscheck finds in each ECB+ incident
# (../shared/data/ecbplus: every gold story of labels.tsv is one incident
# reported by several outlets), for reading.  There is no gold for facts,
# so this prints no score: it counts conflicting, agreed and single-source
# facts over all incidents and lists every conflict with its values, so
# that a change to the reconcile stage can be judged by reading what it
# flags.  A false conflict is the costliest error a journalist meets.
#
#   sh bench/facts_survey.sh [CROSSCHECK]     (default build/crosscheck)
set -eu
cd "$(dirname "$0")/.."
XC=${1:-build/crosscheck}
data=${XC_SHARED:-../shared}/data/ecbplus
if [ ! -f "$data/labels.tsv" ]; then
    echo "facts_survey.sh: skipped: no $data/labels.tsv" >&2
    exit 0
fi
[ -x "$XC" ] || make -s "$XC"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -F'\t' 'NR > 1 {print $1 "\t" $3}' "$data/labels.tsv" | while IFS="$(printf '\t')" read -r f s; do
    mkdir -p "$tmp/$s"
    cp "$data/texts/$f" "$tmp/$s/"
done
for s in "$tmp"/*/; do
    s=${s%/}
    "$XC" report --json "$s" > "$s.json" 2>/dev/null || rm -f "$s.json"
done
python3 - "$tmp" <<'PY'
import glob, json, os, sys
tot = {'conflicting': 0, 'agreed': 0, 'single-source': 0}
n = 0
for p in sorted(glob.glob(os.path.join(sys.argv[1], '*.json'))):
    d = json.load(open(p))
    n += 1
    for f in d['facts']:
        tot[f['status']] += 1
        if f['status'] == 'conflicting':
            vals = ' | '.join(str(c['value']) for c in f['claims'][:6])
            print('conflict in %s: %s: %s' % (os.path.basename(p)[:-5], f['topic'], vals))
print('facts over %d ECB+ incidents: %d conflicting, %d agreed, %d single-source'
      % (n, tot['conflicting'], tot['agreed'], tot['single-source']))
PY
