# Hostile and broken inputs: each gives one clear error line naming the
# file, exit 1, and the other inputs are still processed.
. tests/cli/lib.sh
good="$SEEDS/000_7fdb04c85ca76e80.txt"

# reject_one NAME PATTERN FILE: report on FILE plus a good file
reject_one() {
    expect_exit 1 "$1" -- "$CROSSCHECK" report --json "$3" "$good"
    expect_one_error_line "$TMP/err" "^crosscheck: $3: $2" "$1"
    expect_grep "$TMP/out" '"id": "d1"' "$1: the good file is still reported"
}

reject_one "missing file" "no such file" "$TMP/nope.txt"
: > "$TMP/empty.txt"
reject_one "empty file" "no text" "$TMP/empty.txt"
printf '\n  \n\t\n' > "$TMP/blank.txt"
reject_one "whitespace only" "no text" "$TMP/blank.txt"
head -c 4096 /bin/sh > "$TMP/binary.txt"
reject_one "binary file" "not a text file|binary" "$TMP/binary.txt"
printf 'Valid “UTF-8” text here.\nThen a bad byte \377 in the middle.\n' > "$TMP/bad-utf8.txt"
reject_one "invalid UTF-8 in the middle" "invalid UTF-8 at byte 45" "$TMP/bad-utf8.txt"
printf 'An overlong slash \300\257 here, after “quotes”.\n' > "$TMP/overlong.txt"
reject_one "overlong encoding" "invalid UTF-8" "$TMP/overlong.txt"
printf 'text with a NUL\000 inside\n' > "$TMP/nul.txt"
reject_one "NUL byte" "not a text file|NUL|binary" "$TMP/nul.txt"
printf '{"text": "fine"}\nthis is not json\n{"title": "no text"}\n{"text": "also fine"}\n' > "$TMP/mixed.jsonl"
expect_exit 1 "JSONL with bad lines" -- "$CROSSCHECK" report --json "$TMP/mixed.jsonl"
expect_grep "$TMP/err" "mixed.jsonl:2: not JSON" "bad JSON line named by number"
expect_grep "$TMP/err" "mixed.jsonl:3: no \"text\"" "record without text named"
expect_grep "$TMP/out" '"id": "d2"' "the good JSONL lines are reported"

# a directory the user cannot read (root reads everything: run as nobody)
mkdir -p "$TMP/locked/inner" && cp "$good" "$TMP/locked/inner/a.txt" && chmod 000 "$TMP/locked/inner"
chmod 755 "$TMP"
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && [ -z "${XC_SANITIZED:-}" ]; then
    cp "$CROSSCHECK" "$TMP/cc" && chmod 755 "$TMP/cc" "$TMP/locked"
    cp "$good" "$TMP/locked/b.txt" && chmod 644 "$TMP/locked/b.txt"
    expect_exit 1 "unreadable directory" -- setpriv --reuid=nobody --regid=nogroup --clear-groups "$TMP/cc" report --json "$TMP/locked"
    expect_one_error_line "$TMP/err" "locked/inner: cannot open directory: Permission denied" "unreadable directory named"
    expect_grep "$TMP/out" '"id": "d1"' "the readable file beside it is reported"
elif [ "$(id -u)" -ne 0 ]; then
    expect_exit 1 "unreadable directory" -- "$CROSSCHECK" report --json "$TMP/locked"
    expect_grep "$TMP/err" "Permission denied" "unreadable directory named"
else
    skip "unreadable directory (needs setpriv and a build without sanitizers)"
fi
chmod 755 "$TMP/locked/inner"

# 100 MB on one line: capped with a clear message, memory stays small
head -c 100000000 /dev/zero | tr '\0' 'a' > "$TMP/huge.txt"
if [ -z "${XC_SANITIZED:-}" ]; then
    expect_exit 1 "100 MB single line" -- sh -c "ulimit -v 400000; exec '$CROSSCHECK' report --json '$TMP/huge.txt' '$good'"
else
    expect_exit 1 "100 MB single line" -- "$CROSSCHECK" report --json "$TMP/huge.txt" "$good"
fi
expect_one_error_line "$TMP/err" "huge.txt: file is 100.0 MB, over the limit" "size cap named"
expect_exit 1 "100 MB on stdin" -- sh -c "'$CROSSCHECK' report --json - '$good' < '$TMP/huge.txt'"
expect_one_error_line "$TMP/err" "^crosscheck: -: input is over the limit" "stdin cap named"
# a JSONL line over the cap is skipped, the next line read
{ printf '{"text": "'; head -c 2000000 /dev/zero | tr '\0' 'b'; printf '"}\n{"text": "after the long line"}\n'; } > "$TMP/long.jsonl"
expect_exit 1 "JSONL line over the cap" -- "$CROSSCHECK" report --json --max-bytes 1M "$TMP/long.jsonl"
expect_one_error_line "$TMP/err" "long.jsonl:1: line is over the limit" "long line named"
expect_grep "$TMP/out" '"bytes": 19' "the line after it is read"
rm -f "$TMP/huge.txt" "$TMP/long.jsonl"

# deep HTML nesting does not crash; the text before it is kept
{ printf '<html><body><p>Intro text before.</p>'; i=0; while [ $i -lt 10000 ]; do printf '<div>'; i=$((i+1)); done; printf 'deep text.'; printf '</body></html>'; } > "$TMP/deep.html"
expect_exit 0 "10,000-deep HTML" -- "$CROSSCHECK" report --json --with-text "$TMP/deep.html"
expect_grep "$TMP/out" '"text": "Intro text before.' "text before the nesting kept"

# a symbolic link back up the tree is not followed (no endless recursion)
mkdir -p "$TMP/loop/a" && cp "$good" "$TMP/loop/a/" && ln -s "$TMP/loop" "$TMP/loop/a/up" && ln -s "$TMP/loop" "$TMP/loop/a/up2"
expect_exit 0 "directory loop" -- "$CROSSCHECK" report --json "$TMP/loop"
expect_grep "$TMP/err" "loop/a/up: a link back to a directory being read" "loop named"
expect_grep "$TMP/out" '"id": "d1"' "the file in the loop read once"
expect_no_grep "$TMP/out" '"id": "d2"' "and only once"

# nothing readable at all
expect_exit 1 "only bad inputs" -- "$CROSSCHECK" report --json "$TMP/empty.txt"
expect_grep "$TMP/err" "no documents to report on" "says there is nothing"
# libxml2 reports Atom xhtml content that is not UTF-8 on its own channel
# ("element content: output error : ..."), without the file's name: every
# line on stderr must be crosscheck's own (found by fuzz_feed)
cp fuzz/regress/feed/serializer-not-utf8.atom "$TMP/serializer.atom"
"$CROSSCHECK" report --json "$TMP/serializer.atom" > "$TMP/out" 2> "$TMP/err"
if grep -v '^crosscheck: ' "$TMP/err" > "$TMP/stray"; then
    bad "feed serializer errors: stray stderr lines: $(head -c 200 "$TMP/stray")"
else
    ok
fi
finish
