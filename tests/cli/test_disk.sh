#!/bin/sh
# test_disk.sh: a full disk and a read-only database give a clear error,
# a non-zero exit, and no damage: what was committed before stays, the
# database passes PRAGMA integrity_check, and the next run (with room)
# finishes the job.  Needs root to mount a small tmpfs; skips otherwise.
. tests/cli/lib.sh

integrity() { # DB -> prints "ok COUNT"
    python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("pragma integrity_check").fetchone()[0], c.execute("select count(*) from documents").fetchone()[0])
PY
}

# documents of ~4 KB of varied words, different texts
python3 - "$TMP/docs" <<'PY'
import os, random, sys
random.seed(7)
words = ("the minister said on Friday that talks with officials in the capital "
         "would resume after prisoners were released and a report found").split()
os.makedirs(sys.argv[1])
for i in range(400):
    with open(os.path.join(sys.argv[1], "d%03d.txt" % i), "w") as f:
        f.write("Report %d.\n\n" % i + " ".join(random.choice(words) for _ in range(700)) + ".\n")
PY
mkdir -p "$TMP/small" "$TMP/first"
cp "$TMP"/docs/d00*.txt "$TMP/first/"

# 1200 KB: ten documents fit (a new database has 16 KiB pages, so the ten
# take about 700 KB with the log), the 400 (1.6 MB of text) do not

if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=1200k tmpfs "$TMP/small" 2>/dev/null; then
    skip "full disk: cannot mount a small tmpfs (needs root)"
    skip "read-only database: cannot mount (needs root)"
    finish
    exit $?
fi
trap 'umount "$TMP/small" 2>/dev/null; umount "$TMP/ro" 2>/dev/null; rm -rf "$TMP"' EXIT

# ---- a full disk ------------------------------------------------------------
db=$TMP/small/c.db
expect_exit 0 "first documents fit" -- "$CROSSCHECK" add -q --db "$db" "$TMP/first"
before=$(integrity "$db")
expect_exit 1 "a full disk is an error" -- "$CROSSCHECK" add --batch 20 --db "$db" "$TMP/docs"
expect_grep "$TMP/err" "c\.db.*(full|space)" "the error names the database and says it is full"
expect_no_grep "$TMP/err" "Segmentation|Assertion|runtime error|AddressSanitizer" "no crash"
after=$(integrity "$db")
case $after in ok\ *) ok ;; *) bad "integrity after a full disk: $after" ;; esac
n_before=${before#ok } n_after=${after#ok }
if [ "$n_after" -ge "$n_before" ]; then ok; else bad "documents lost: $n_before before, $n_after after"; fi
if grep -q "stored before the failure" "$TMP/err"; then
    said=$(sed -n 's/.*: \([0-9]*\) documents were stored before the failure.*/\1/p' "$TMP/err")
    if [ "$((n_before + said))" -eq "$n_after" ]; then ok; else
        bad "the message says $said stored, the database gained $((n_after - n_before))"; fi
fi
# with room again, the same command finishes the job
cp "$TMP/small/c.db" "$TMP/c.db"
[ -f "$TMP/small/c.db-wal" ] && cp "$TMP/small/c.db-wal" "$TMP/c.db-wal"
expect_exit 0 "the next run with room finishes" -- "$CROSSCHECK" add -q --db "$TMP/c.db" "$TMP/docs"
final=$(integrity "$TMP/c.db")
if [ "$final" = "ok 400" ]; then ok; else bad "after the rerun: $final, wanted ok 400"; fi

# ---- a read-only database ---------------------------------------------------
mkdir -p "$TMP/ro"
"$CROSSCHECK" add -q --db "$TMP/ro/c.db" "$TMP/first" 2>/dev/null
sum=$(cksum <"$TMP/ro/c.db")
if mount --bind "$TMP/ro" "$TMP/ro" 2>/dev/null && mount -o remount,ro,bind "$TMP/ro" 2>/dev/null; then
    expect_exit 1 "adding to a read-only database is an error" -- "$CROSSCHECK" add --db "$TMP/ro/c.db" "$TMP/docs/d100.txt"
    expect_grep "$TMP/err" "c\.db.*(read-only|readonly|permission|cannot)" "the error says why"
    expect_exit 0 "reading a read-only database works" -- "$CROSSCHECK" ls --db "$TMP/ro/c.db"
    expect_lines "$TMP/out" 10 "all ten documents listed"
    umount "$TMP/ro"
    if [ "$(cksum <"$TMP/ro/c.db")" = "$sum" ]; then ok; else bad "the read-only database changed"; fi
else
    skip "read-only database: cannot remount read-only"
fi
finish
