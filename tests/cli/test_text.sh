# crosscheck text: a document's text as crosscheck sees it, for every input
# format; --json with metadata and furniture spans; bad inputs named and
# skipped; hostile pages (deep nesting, 50 MB, lying encodings).
. tests/cli/lib.sh
H=tests/cases/html

expect_exit 0 "text of a page" -- "$CROSSCHECK" text "$H/wordpress.html"
expect_grep "$TMP/out" "^The town council voted 7 to 2" "article text"
expect_no_grep "$TMP/out" "About time too|Leave a Reply|We use cookies" "comments and banners left out"
# one document: its bytes exactly, no frame
if [ "$(head -c 4 "$TMP/out")" = "The " ]; then ok; else bad "single document framed"; fi

expect_exit 0 "text --json of a page" -- "$CROSSCHECK" text --json "$H/newscms.html"
expect_lines "$TMP/out" 1 "one object"
expect_grep "$TMP/out" '"authors":"Sam O’Neill; Priya Shah"' "authors"
expect_grep "$TMP/out" '"published":"2025-01-17"' "published"
expect_grep "$TMP/out" '"boilerplate":\[\{"start":[0-9]+,"end":[0-9]+\}' "caption span"
expect_grep "$TMP/err" "declares windows-1252 but is UTF-8" "encoding warning"
if [ -n "$PY" ] || command -v python3 >/dev/null; then
    python3 - "$TMP/out" >"$TMP/py" 2>&1 <<'PYEOF'
import json, sys
d = json.loads(open(sys.argv[1], encoding="utf-8").read())
b = d["text"].encode()
assert d["bytes"] == len(b), "bytes"
sp = d["boilerplate"][0]
assert b[sp["start"]:sp["end"]].decode() == "A fallen tree blocks the A68 near Corbridge.", b[sp["start"]:sp["end"]]
PYEOF
    if [ $? -eq 0 ]; then ok; else bad "spans point at the caption"; cat "$TMP/py"; fi
fi

# plain text and JSON Lines too; several documents are framed
printf 'A pasted report.\n\nIts second paragraph.\n' >"$TMP/a.txt"
expect_exit 0 "text of plain text" -- "$CROSSCHECK" text "$TMP/a.txt"
expect_grep "$TMP/out" "^Its second paragraph" "plain text as is"
printf '{"text":"First line document."}\n{"text":"Second one."}\n' >"$TMP/b.jsonl"
expect_exit 0 "text of JSON Lines" -- "$CROSSCHECK" text "$TMP/b.jsonl"
expect_grep "$TMP/out" "^==> $TMP/b.jsonl:2 <==$" "second document framed"
expect_exit 0 "text --json of JSON Lines" -- "$CROSSCHECK" text --json "$TMP/b.jsonl"
expect_lines "$TMP/out" 2 "one object per document"

# standard input, sniffed as HTML
expect_exit 0 "text of stdin" -- sh -c "\"$CROSSCHECK\" text - <\"$H/amp.html\""
expect_grep "$TMP/out" "Seul un TER sur trois" "page from stdin"

# bad inputs: named, skipped, the rest printed, exit 1
printf '<html><body><script>x()</script></body></html>' >"$TMP/empty.html"
expect_exit 1 "a page without text" -- "$CROSSCHECK" text "$TMP/empty.html" "$H/amp.html"
expect_one_error_line "$TMP/err" "empty.html: .*no article text" "empty page named"
expect_grep "$TMP/out" "Les syndicats réclament" "the other page printed"
expect_exit 1 "missing file" -- "$CROSSCHECK" text "$TMP/nope.html"
expect_exit 2 "no input" -- "$CROSSCHECK" text
expect_exit 2 "unknown option" -- "$CROSSCHECK" text --bogus x
expect_exit 0 "help" -- "$CROSSCHECK" text --help
expect_grep "$TMP/out" "==> SOURCE <==" "help says how documents are separated"

# hostile pages
python3 -c "
import sys
sys.stdout.write('<html><body><p>Before the deep part of the page.</p>' + '<div>' * 10000 + 'At the very bottom.' + '</div>' * 10000 + '<p>After the deep part of the page.</p></body></html>')" >"$TMP/deep.html"
expect_exit 0 "10,000-deep nesting" -- "$CROSSCHECK" text "$TMP/deep.html"
expect_grep "$TMP/out" "At the very bottom" "deep text kept"
expect_grep "$TMP/out" "After the deep part" "text after the deep part kept"
python3 -c "
import sys
p = '<p>A paragraph of the long page that repeats itself many times over, said the clerk.</p>\n'
sys.stdout.write('<html><body><article><p>The start of the big page.</p>' + p * 620000 + '<p>The end of the big page.</p></article></body></html>')" >"$TMP/big.html"
expect_exit 1 "a 50 MB page over the default cap" -- "$CROSSCHECK" text "$TMP/big.html" "$H/amp.html"
expect_one_error_line "$TMP/err" "big.html: .*limit" "cap named"
expect_grep "$TMP/out" "Les syndicats réclament" "the rest processed"
expect_exit 0 "a 50 MB page under a raised cap" -- "$CROSSCHECK" text --max-bytes 64M "$TMP/big.html"
expect_grep "$TMP/out" "The end of the big page" "big page read whole"
rm -f "$TMP/big.html"
printf '<html><head><meta charset="utf-8"></head><body><p>Caf\351 cr\350me, d\351j\340 vu: the bytes are Latin-1.</p></body></html>' >"$TMP/lie.html"
expect_exit 0 "declared UTF-8, Latin-1 bytes" -- "$CROSSCHECK" text "$TMP/lie.html"
expect_grep "$TMP/out" "Café crème, déjà vu" "converted"
expect_grep "$TMP/err" "declares utf-8" "warned"
finish
