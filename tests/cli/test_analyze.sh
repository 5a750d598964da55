# crosscheck analyze: one JSON object per document, in the dossier's shapes;
# --count totals; JSON Lines stream through.
. tests/cli/lib.sh

expect_exit 0 "analyze seeds" -- "$CROSSCHECK" analyze "$SEEDS"
expect_lines "$TMP/out" 5 "one line per document"
cp "$TMP/out" "$TMP/a.jsonl"
if [ -n "$PY" ]; then
    "$PY" - "$TMP/a.jsonl" "$SEEDS" >"$TMP/check" 2>&1 <<'PYEOF'
import json, sys, os
bad = 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    o = json.loads(line)
    if o["id"] != "d%d" % n: print("id", o["id"]); bad += 1
    b = open(o["source"], "rb").read()
    for kind in ("quotes", "times", "quantities"):
        for it in o[kind]:
            if it["doc"] != o["id"] or b[it["start"]:it["end"]].decode() != it["text"]:
                print("offsets", kind, it); bad += 1
    for e in o["entities"]:
        for m in e["mentions"]:
            if b[m["start"]:m["end"]].decode() != m["text"]: print("mention", m); bad += 1
sys.exit(1 if bad else 0)
PYEOF
    if [ $? -eq 0 ]; then ok; else bad "analysis lines"; sed 's/^/    /' "$TMP/check" | head; fi
fi
expect_exit 0 "analyze --count" -- "$CROSSCHECK" analyze --count "$SEEDS"
expect_grep "$TMP/out" '^documents=5 tokens=[1-9][0-9]* sentences=[1-9][0-9]* entities=[0-9]+ quotes=[0-9]+ times=[1-9][0-9]* quantities=[1-9][0-9]* seconds=' "totals line"

# JSON Lines on standard input, one bad line among them
{ for i in 1 2 3; do printf '{"text":"Report %s: the minister resigned on Monday, 3 officials said."}\n' "$i"; done
  printf 'not json\n'; } > "$TMP/s.jsonl"
expect_exit 1 "analyze jsonl with a bad line" -- sh -c "'$CROSSCHECK' analyze - < '$TMP/s.jsonl'"
expect_lines "$TMP/out" 3 "the good lines analysed"
expect_one_error_line "$TMP/err" "^crosscheck: -:4: not JSON" "bad line named"
expect_exit 2 "analyze without input" -- "$CROSSCHECK" analyze
finish
