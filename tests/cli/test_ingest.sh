# crosscheck add in parallel: -j 1 and -j 4 give the same database, kill -9
# at random moments never loses a committed document and the next run
# finishes, SIGINT and SIGTERM stop cleanly, the progress line shows on a
# terminal only, --quiet and --verbose, bad -j values.
. tests/cli/lib.sh
PY3=$(command -v python3 || true)
if [ -z "$PY3" ]; then
    skip "no python3 (to generate documents and read the database)"
    finish
    exit $?
fi

# Documents made of the seed reports' paragraphs recombined, every 40th a
# copy of the one before (a duplicate inside the input).
# gen DIR N: DIR/NNNNN.txt and the same texts in DIR.jsonl; prints the
# number of distinct texts
gen() {
    "$PY3" - "$1" "$2" <<'EOF'
import glob, json, os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
paras = []
for f in sorted(glob.glob('examples/karabakh-detainees/*.txt')):
    paras += [p.strip() for p in open(f, encoding='utf-8').read().split('\n\n')
              if len(p.strip()) > 40]
rnd = random.Random(5)
os.makedirs(out)
jl = open(out + '.jsonl', 'w', encoding='utf-8')
prev, distinct = None, 0
for i in range(n):
    if i % 40 == 39 and prev:
        text = prev
    else:
        text = 'Detainees report %d\n\n%s\n' % (i, '\n\n'.join(rnd.sample(paras, rnd.randint(2, 4))))
        distinct += 1
    with open(os.path.join(out, '%05d.txt' % i), 'w', encoding='utf-8') as f:
        f.write(text)
    jl.write(json.dumps({'text': text}) + '\n')
    prev = text
print(distinct)
EOF
}

# check DB DIR [-]: "ok N" when the database passes SQLite's integrity check
# and its documents, by number, are the first N distinct files of DIR in
# order (what is stored is always a prefix of the input), or with "-" the
# first N distinct lines of DIR.jsonl read from standard input; "none" when
# there is no database yet; otherwise what is wrong.
check() {
    "$PY3" - "$1" "$2" "${3:-}" <<'EOF'
import os, sqlite3, sys
db, d, stdin = sys.argv[1], sys.argv[2], sys.argv[3] == '-'
if not os.path.exists(db):
    print('none'); sys.exit()
c = sqlite3.connect(db)
ic = c.execute('pragma integrity_check').fetchone()[0]
if ic == 'ok' and not c.execute("select 1 from sqlite_master where name = 'documents'").fetchone():
    print('none'); sys.exit()  # killed before the schema was committed
rows = [os.path.basename(r[0]) for r in c.execute('select source from documents order by id')]
seen, expect = set(), []
for i, f in enumerate(sorted(os.listdir(d))):
    t = open(os.path.join(d, f), 'rb').read()
    if t not in seen:
        seen.add(t)
        expect.append('-:%d' % (i + 1) if stdin else f)
if ic != 'ok':
    print('integrity:', ic)
elif rows != expect[:len(rows)]:
    print('not a prefix of the input:', rows[:5], '...')
else:
    print('ok', len(rows))
EOF
}

# wait_stored DB N [-]: wait until DB holds N documents of $TMP/many (as
# check sees them) or the add running as $pid has ended, a minute at most
wait_stored() {
    for i in $(seq 600); do
        n=$(check "$1" "$TMP/many" ${3:-} | sed -n 's/^ok //p')
        [ "${n:-0}" -ge "$2" ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
}

# wait until the database $1 holds at least $2 documents or add ($pid) has
# ended: a cheap count, polled often, so that a fast add (a sanitized build
# on a few hundred documents) is still caught in the middle
wait_count() {
    for i in $(seq 2000); do
        n=$(python3 -c 'import sqlite3, sys
try:
    db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, timeout=0.05)
    print(db.execute("SELECT count(*) FROM documents").fetchone()[0])
except Exception:
    print(0)' "$1" 2>/dev/null)
        [ "${n:-0}" -ge "$2" ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.02
    done
}

# strip the time of adding, which differs between runs
listing() {
    "$CROSSCHECK" ls --db "$1" --json | sed 's/"added":"[^"]*"//'
    "$CROSSCHECK" stories --db "$1" --json
}

# many: enough that an add is still running when the kill comes, at the
# speed of an optimized build
if [ -n "${XC_SANITIZED:-}" ]; then small=60 many=300; else small=300 many=4000; fi
nsmall=$(gen "$TMP/small" $small)
nmany=$(gen "$TMP/many" $many)

# ---- the same database whatever the number of threads -----------------------
expect_exit 0 "add -j 1" -- "$CROSSCHECK" add --db "$TMP/j1.db" -j 1 --batch 7 "$TMP/small"
expect_grep "$TMP/err" "$nsmall added, $((small - nsmall)) already stored" "-j 1 summary"
expect_exit 0 "add -j 4" -- "$CROSSCHECK" add --db "$TMP/j4.db" --jobs 4 "$TMP/small"
expect_grep "$TMP/err" "$nsmall added, $((small - nsmall)) already stored" "-j 4 summary"
# the log is copied into the database and removed when add ends (the
# writer's connection closes last), not left beside it
if [ -e "$TMP/j4.db-wal" ] || [ -e "$TMP/j1.db-wal" ]; then bad "a -wal file is left after add"; else ok; fi
listing "$TMP/j1.db" > "$TMP/j1.ls"
listing "$TMP/j4.db" > "$TMP/j4.ls"
if [ -s "$TMP/j1.ls" ] && cmp -s "$TMP/j1.ls" "$TMP/j4.ls"; then ok; else
    bad "-j 1 and -j 4 differ"; diff "$TMP/j1.ls" "$TMP/j4.ls" | head -5
fi
check "$TMP/j4.db" "$TMP/small" > "$TMP/c"
expect_grep "$TMP/c" "^ok $nsmall\$" "-j 4 stores the input in order"

# ---- --verbose, --quiet, and a second run skips what is stored --------------
expect_exit 0 "re-add -v" -- "$CROSSCHECK" add --db "$TMP/j4.db" -v -j 2 "$TMP/small"
expect_lines "$TMP/out" "$small" "one line per document"
expect_no_grep "$TMP/out" "^added" "nothing added again"
expect_grep "$TMP/out" "^present	[0-9]+	.*/00000.txt$" "verbose line"
expect_grep "$TMP/err" "times: .*analysis" "verbose stage times"
expect_grep "$TMP/err" "0 added, $small already stored" "re-add summary"
expect_exit 0 "add -q" -- "$CROSSCHECK" add --db "$TMP/q.db" -q "$TMP/small"
if [ -s "$TMP/err" ] || [ -s "$TMP/out" ]; then bad "--quiet printed something"; else ok; fi

# ---- the progress line: on a terminal, never in a pipe ----------------------
expect_exit 0 "add to a pipe" -- "$CROSSCHECK" add --db "$TMP/p1.db" "$TMP/small"
expect_no_grep "$TMP/err" "docs/s" "no progress line when not a terminal"
if tr '\r' '\n' < "$TMP/err" | grep -qv '^crosscheck: '; then bad "stray output on stderr"; else ok; fi
if command -v script >/dev/null 2>&1; then
    script -qec "'$CROSSCHECK' add --db '$TMP/p2.db' '$TMP/small'" /dev/null > "$TMP/tty" 2>&1
    expect_grep "$TMP/tty" "[0-9]+ documents?, [0-9.]+ MB, [0-9]+ docs/s, [0-9.]+ MB/s, [0-9]+%, [0-9hms]+ left" "progress line on a terminal"
    expect_grep "$TMP/tty" "$(printf '\033')\\[K$(printf '\r')?crosscheck: .*: $nsmall added" "line erased before the summary"
    # a run shorter than the tenth of a second between redraws still
    # shows its line once (CI machines ran the one above that fast)
    script -qec "'$CROSSCHECK' add --db '$TMP/p4.db' '$TMP/small/00001.txt'" /dev/null > "$TMP/tty" 2>&1
    expect_grep "$TMP/tty" "1 document, [0-9.]+ MB, [0-9]+ docs/s, [0-9.]+ MB/s, [0-9]+%, [0-9hms]+ left" "a one-document run shows its line"
    script -qec "'$CROSSCHECK' add -q --db '$TMP/p3.db' '$TMP/small'" /dev/null > "$TMP/tty" 2>&1
    expect_no_grep "$TMP/tty" "docs/s" "--quiet: no progress line"
else
    skip "no script(1) for a terminal"
fi

# ---- bad values ---------------------------------------------------------------
for j in 0 -3 x 1000 ''; do
    expect_exit 2 "-j '$j'" -- "$CROSSCHECK" add --db "$TMP/bad.db" -j "$j" "$TMP/small"
done
expect_grep "$TMP/err" "jobs" "bad -j named"
mkdir "$TMP/mixed"
cp "$TMP/small/00001.txt" "$TMP/small/00002.txt" "$TMP/mixed/"
head -c 3000 /bin/sh > "$TMP/mixed/00001b.txt"
expect_exit 1 "a binary input among good ones" -- "$CROSSCHECK" add --db "$TMP/mixed.db" -j 3 "$TMP/mixed"
expect_grep "$TMP/err" "00001b.txt: .*skipped" "binary input named"
expect_grep "$TMP/err" "2 added" "the good ones stored"

# ---- kill -9 at random moments: committed documents survive, the next run
# ---- finishes; the count never goes down -------------------------------------
kdb="$TMP/kill.db"
last=0
for round in 1 2 3 4 5; do
    delay=$("$PY3" -c 'import random; print(round(random.uniform(0.1, 1.2), 2))')
    "$CROSSCHECK" add --db "$kdb" -j 2 --batch 50 -q "$TMP/many" 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    r=$(check "$kdb" "$TMP/many")
    case $r in
    none) [ "$last" -eq 0 ] && ok || bad "round $round: the database vanished" ;;
    "ok "*)
        n=${r#ok }
        if [ "$n" -ge "$last" ]; then ok; else bad "round $round (kill after $delay s): $n documents, $last before"; fi
        last=$n ;;
    *) bad "round $round (kill after $delay s): $r" ;;
    esac
done
expect_exit 0 "add after the kills" -- "$CROSSCHECK" add --db "$kdb" -j 2 --batch 50 "$TMP/many"
check "$kdb" "$TMP/many" > "$TMP/c"
expect_grep "$TMP/c" "^ok $nmany\$" "every document stored once, in order"

# ---- SIGINT while the reader waits on standard input: what was read is
# ---- stored, exit 130 ---------------------------------------------------------
db="$TMP/sigINT.db"
mkfifo "$TMP/fifo"
# a background job of a script ignores SIGINT unless told otherwise
env --default-signal=INT "$CROSSCHECK" add --db "$db" -j 2 --batch 100 - <"$TMP/fifo" >"$TMP/out" 2>"$TMP/err" &
pid=$!
exec 3>"$TMP/fifo"
head -n $((small)) "$TMP/many.jsonl" >&3
# the input pauses: the batch is committed after a second without input
wait_stored "$db" $((small - small / 40)) -
kill -INT $pid
wait $pid
got=$?
exec 3>&-
if [ $got -eq 130 ]; then ok; else bad "SIGINT: exit $got, wanted 130"; cat "$TMP/err"; fi
expect_grep "$TMP/err" "interrupted: [0-9]+ added, [0-9]+ already stored; run the same command again to finish" "SIGINT message"
check "$db" "$TMP/many" - > "$TMP/c"
expect_grep "$TMP/c" "^ok $((small - small / 40))\$" "SIGINT: every line read is stored"
expect_grep "$TMP/err" "interrupted: $((small - small / 40)) added" "SIGINT says what was stored"

# ---- SIGTERM in the middle of a directory: a prefix is stored, exit 143, the
# ---- next run resumes ----------------------------------------------------------
db="$TMP/sigTERM.db"
"$CROSSCHECK" add --db "$db" -j 2 --batch 50 "$TMP/many" >"$TMP/out" 2>"$TMP/err" &
pid=$!
wait_count "$db" 50
kill -TERM $pid
wait $pid
got=$?
if [ $got -eq 143 ]; then ok; else bad "SIGTERM: exit $got, wanted 143"; cat "$TMP/err"; fi
check "$db" "$TMP/many" > "$TMP/c"
expect_grep "$TMP/c" "^ok [0-9]+\$" "SIGTERM leaves a prefix of the input"
n=$(sed -n 's/^ok //p' "$TMP/c")
expect_grep "$TMP/err" "interrupted: ${n:-x} added, [0-9]+ already stored; run the same command again to finish" "SIGTERM says what was stored"
expect_exit 0 "add after SIGTERM" -- "$CROSSCHECK" add --db "$db" -v "$TMP/many"
expect_grep "$TMP/err" ": $((nmany - ${n:-0})) added" "resumes where it stopped"
grep '^added' "$TMP/out" | head -n 1 > "$TMP/first"
expect_grep "$TMP/first" "^added	$((${n:-0} + 1))	" "the next number follows on"
check "$db" "$TMP/many" > "$TMP/c"
expect_grep "$TMP/c" "^ok $nmany\$" "finished after SIGTERM"
finish
