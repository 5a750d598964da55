#!/bin/sh
# bench/story.sh: time to build the dossier of one story of 10, 100 and
# 1,000 documents (report --json: analysis, entity merging, quotation
# groups, reconciliation, rendering), each the best of 3 runs on one core,
# and the growth ratio per tenfold.  Near-linear stages show a ratio near
# 10.  Target: a 1,000-document story in under 2 seconds.  Then the
# reconcile stage alone (story anchors, facts, timeline; bench/reconcile.c,
# best of 3 on the built dossier), with its own growth ratio.  Documents
# come from ../shared/tools/make-corpus (real paragraphs recombined).
# BUILD=build-x picks another build directory.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build}
bin=$build/crosscheck
[ -x "$bin" ] || make -s BUILD="$build" "$bin"
rec=$build/bench/reconcile
make -s BUILD="$build" "$rec"
prev=
rprev=
for n in 10 100 1000; do
    dir=build/bench/story-$n
    if [ ! -d "$dir" ]; then
        mkdir -p build/bench
        ../shared/tools/make-corpus --docs "$n" --format dir "$dir.tmp" >/dev/null 2>&1 && mv "$dir.tmp" "$dir"
    fi
    best=
    for run in 1 2 3; do
        t0=$(date +%s.%N)
        taskset -c 0 "$bin" report --json "$dir" > /dev/null
        t1=$(date +%s.%N)
        best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN{t=b-a; if (best=="" || t<best) print t; else print best}')
    done
    if [ -n "$prev" ]; then
        awk -v n="$n" -v t="$best" -v p="$prev" 'BEGIN{printf "story of %4d documents: %.3f s (x%.1f for ten times the documents)\n", n, t, t/p}'
    else
        awk -v n="$n" -v t="$best" 'BEGIN{printf "story of %4d documents: %.3f s\n", n, t}'
    fi
    prev=$best
    # the reconcile stage alone: "docs N build B reconcile R (anchor A facts F timeline T) facts K events E"
    line=$(taskset -c 0 "$rec" "$dir" 3)
    r=$(echo "$line" | awk '{print $6}')
    echo "$line" | awk -v p="$rprev" '{
        printf "    reconcile stage: %.4f s (anchor %s, facts %s, timeline %s; %s facts, %s dated events)", $6, $8, $10, substr($12, 1, length($12) - 1), $14, $16
        if (p != "" && p > 0) printf " x%.1f", $6 / p
        printf "\n" }'
    rprev=$r
done
echo "target: a 1,000-document story in under 2 s on one core"
