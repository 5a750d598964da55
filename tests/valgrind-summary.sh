#!/bin/sh
# tests/valgrind-summary.sh DIR: read the memcheck logs in DIR (one per
# process) and print how many processes ran, their errors and leaks; exit
# non-zero if any process had an error or a definite or indirect leak.
dir=$1
n=0 bad=0
for f in "$dir"/vg.*.log; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    errs=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$f" | tail -n 1)
    lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$f" | tail -n 1 | tr -d ,)
    ind=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$f" | tail -n 1 | tr -d ,)
    if [ -z "$errs" ]; then
        # killed before it could report (a test that times out kills it)
        echo "valgrind: $f: no summary (the process did not exit normally)"
        continue
    fi
    if [ "$errs" -ne 0 ] || [ "${lost:-0}" -ne 0 ] || [ "${ind:-0}" -ne 0 ]; then
        bad=$((bad + 1))
        echo "valgrind: $f: $errs errors, ${lost:-0} bytes definitely lost, ${ind:-0} indirectly"
        grep -A 12 -E "Invalid|uninitialised|definitely lost in|indirectly lost in" "$f" | head -40
    fi
done
echo "valgrind: processes=$n with_errors_or_leaks=$bad"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
