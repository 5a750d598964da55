# The database: add, re-add, ls, show, search, stories, report --db, and a
# database that is not one or is locked.
. tests/cli/lib.sh
db="$TMP/c.db"

expect_exit 0 "add seeds" -- "$CROSSCHECK" add --db "$db" "$SEEDS"
expect_grep "$TMP/err" "5 added, 0 already stored" "add summary"
expect_exit 0 "ls" -- "$CROSSCHECK" ls --db "$db" --json
expect_lines "$TMP/out" 5 "five documents listed"
cp "$TMP/out" "$TMP/ls1"
if [ -n "$PY" ]; then
    dump() { "$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*), group_concat(hash) from documents').fetchone()); print(c.execute('select count(*) from boilerplate').fetchone())" "$db"; }
    dump > "$TMP/dump1"
fi

# re-adding the same text adds nothing and changes nothing
expect_exit 0 "re-add" -- "$CROSSCHECK" add --db "$db" "$SEEDS" "$SEEDS/000_7fdb04c85ca76e80.txt"
expect_grep "$TMP/err" "0 added, 6 already stored" "re-add adds nothing"
"$CROSSCHECK" ls --db "$db" --json > "$TMP/ls2"
if cmp -s "$TMP/ls1" "$TMP/ls2"; then ok; else bad "ls changed after re-add"; fi
if [ -n "$PY" ]; then
    dump > "$TMP/dump2"
    if cmp -s "$TMP/dump1" "$TMP/dump2"; then ok; else bad "database changed after re-add"; fi
fi

# show --text is the file byte for byte
expect_exit 0 "show --text" -- "$CROSSCHECK" show --db "$db" --text 2
if cmp -s "$TMP/out" "$SEEDS/001_a54f99c3ef061391.txt"; then ok; else bad "show --text differs from the file"; fi
expect_exit 0 "show" -- "$CROSSCHECK" show --db "$db" 2
expect_grep "$TMP/out" "outlet +Mediamax" "show names the outlet"
expect_exit 1 "show missing" -- "$CROSSCHECK" show --db "$db" 99
expect_one_error_line "$TMP/err" "99: .*(not found|no document)" "missing document named"

# search: BM25 order, snippets, hostile queries are words
expect_exit 0 "search" -- "$CROSSCHECK" search --db "$db" Nuremberg
expect_grep "$TMP/out" '\[Nuremberg\]' "match marked in snippet"
expect_exit 0 "search json" -- "$CROSSCHECK" search --db "$db" --json vardanyan
expect_grep "$TMP/out" '"snippet"' "json hits"
for q in '"unbalanced' 'AND OR (' 'NEAR(' '*' "'; DROP TABLE documents; --"; do
    expect_exit 0 "hostile query $q" -- "$CROSSCHECK" search --db "$db" "$q"
done
expect_exit 0 "ls after hostile queries" -- "$CROSSCHECK" ls --db "$db"
expect_lines "$TMP/out" 5 "still five documents"

# report from the database, and CROSSCHECK_DB
expect_exit 0 "stories" -- "$CROSSCHECK" stories --db "$db"
expect_grep "$TMP/out" "^s1 +5 " "one story of five"
expect_exit 0 "report --db" -- "$CROSSCHECK" report --db "$db" --json --with-text s1
cp "$TMP/out" "$TMP/db.json"
expect_valid "$TMP/db.json" --files
expect_exit 1 "report --db missing story" -- "$CROSSCHECK" report --db "$db" 7
expect_exit 0 "CROSSCHECK_DB" -- env CROSSCHECK_DB="$db" "$CROSSCHECK" ls
expect_lines "$TMP/out" 5 "CROSSCHECK_DB used"

# a database that does not exist is not created by readers
expect_exit 1 "ls on a missing db" -- "$CROSSCHECK" ls --db "$TMP/none.db"
expect_one_error_line "$TMP/err" "none.db: " "missing db named"
if [ -e "$TMP/none.db" ]; then bad "ls created a database"; else ok; fi

# a file that is not a database: clear error, file untouched
head -c 5000 /bin/sh > "$TMP/notdb.db"
cp "$TMP/notdb.db" "$TMP/notdb.orig"
expect_exit 1 "not a database" -- "$CROSSCHECK" add --db "$TMP/notdb.db" "$SEEDS"
expect_one_error_line "$TMP/err" "notdb.db: not a crosscheck database" "not-a-database named"
if cmp -s "$TMP/notdb.db" "$TMP/notdb.orig"; then ok; else bad "not-a-database file changed"; fi

# locked by another writer: clear error, nothing stored half
if [ -n "$PY" ]; then
    "$PY" -c "
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
open(sys.argv[2], 'w').close()
time.sleep(6)
c.execute('ROLLBACK')" "$db" "$TMP/locked" &
    holder=$!
    while [ ! -e "$TMP/locked" ]; do sleep 0.1; done
    expect_exit 1 "locked database" -- env CROSSCHECK_BUSY_MS=300 "$CROSSCHECK" add --db "$db" "$TMP/ls1"
    expect_one_error_line "$TMP/err" "c.db: .*(locked|busy)" "lock named"
    wait $holder
    expect_exit 0 "ls after lock" -- "$CROSSCHECK" ls --db "$db"
    expect_lines "$TMP/out" 5 "nothing stored by the locked add"
    "$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0])" "$db" > "$TMP/ic"
    expect_grep "$TMP/ic" '^ok$' "integrity check"
else
    skip "locked database (no python3)"
fi
# kill -9 in the middle of an add: what was committed is intact, nothing is
# half-written (whole batches only), and the next add completes the job
if [ -n "$PY" ]; then
    "$PY" -c "
import json
with open('$TMP/many.jsonl', 'w') as f:
    for i in range(20000):
        f.write(json.dumps({'text': 'Report %d. The council met on Monday and %d residents attended, officials said.\\n' % (i, i % 97), 'outlet': 'Wire %d' % (i % 7)}) + '\\n')
"
    kdb="$TMP/kill.db"
    for delay in 0.3 0.8; do
        "$CROSSCHECK" add --db "$kdb" --batch 250 -q "$TMP/many.jsonl" 2>/dev/null &
        pid=$!
        sleep $delay
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        "$PY" -c "
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ok = c.execute('pragma integrity_check').fetchone()[0]
n = c.execute('select count(*) from documents').fetchone()[0]
t = c.execute('select count(*) from documents where length(text) = 0 or text is null').fetchone()[0]
print(ok, n % 250 == 0 or n == 20000, t == 0, n)" "$kdb" > "$TMP/kill" 2>&1 || echo "no database yet" > "$TMP/kill"
        if grep -qE '^ok True True|no database yet' "$TMP/kill"; then ok; else bad "after kill -9 ($delay s): $(cat "$TMP/kill")"; fi
    done
    expect_exit 0 "add after kills completes" -- "$CROSSCHECK" add --db "$kdb" --batch 250 "$TMP/many.jsonl"
    expect_grep "$TMP/err" "([0-9]+) added, ([0-9]+) already stored" "summary after resume"
    "$PY" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from documents').fetchone()[0])" "$kdb" > "$TMP/n"
    expect_grep "$TMP/n" '^20000$' "every document stored once"
fi
finish
