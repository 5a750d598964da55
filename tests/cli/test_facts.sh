# crosscheck report --json on the seeds: the facts and the timeline the
# reconcile stage must find there (issue 4), by its general mechanism.  Each
# check names what a journalist must see; none of it is known to the code.
. tests/cli/lib.sh

expect_exit 0 "report --json seeds" -- "$CROSSCHECK" report --json --with-text "$SEEDS"
cp "$TMP/out" "$TMP/seeds.json"
expect_valid "$TMP/seeds.json" --files

if [ -z "$PY" ]; then
    skip "no python3 with jsonschema: the fact checks need it"
    finish
    exit $?
fi

# Each line printed by the checker is "ok WHAT" or "FAIL WHAT: why".
"$PY" - "$TMP/seeds.json" >"$TMP/facts" 2>&1 <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
facts = d["facts"]
out = []

def check(what, cond, why=""):
    out.append(("ok " if cond else "FAIL ") + what + ("" if cond else ": " + why))

def vals(f):
    return [c["value"] or "" for c in f["claims"]]

def docs(f):
    return {c["doc"] for c in f["claims"]}

def find(pred):
    return [f for f in facts if pred(f)]

check("facts found", len(facts) > 0, "no facts")
# 1. Vardanyan's sentence: 20 years against an expected life sentence.
fs = find(lambda f: any("20 years" in v for v in vals(f)) and any("life" in v for v in vals(f)))
check("the sentence fact: 20 years and life", len(fs) == 1, str([f["topic"] for f in fs]))
if fs:
    f = fs[0]
    check("the sentence fact is conflicting", f["status"] == "conflicting", f["status"])
    check("the sentence fact has a person", f["subject"] is not None, "subject null")
    check("the note says one claim is prospective", "prospective" in (f["note"] or ""), str(f["note"]))
    name = [e["name"] for e in d["entities"] if e["id"] == f["subject"]]
    check("the person is the one both sentences name", name and "Vardanyan" in name[0], str(name))
# 2. Nineteen Armenians held: agreed, with the derivation 8 + 11.
fs = find(lambda f: "Nineteen" in vals(f))
check("the number held: one fact", len(fs) == 1, str(len(fs)))
if fs:
    f = fs[0]
    check("19 held is agreed", f["status"] == "agreed", f["status"])
    check("19 held: at least 19 is among the claims", "at least 19" in vals(f), str(vals(f)))
    check("19 held: three reports", len(docs(f)) >= 3, str(docs(f)))
    check("19 held: the derivation is in the note", "8 + 11 = 19" in (f["note"] or ""), str(f["note"]))
# 3. The four prisoners handed over, both spellings, agreed.
fs = find(lambda f: any("handed over" in c["text"] and "Euljekjian" in c["text"] for c in f["claims"])
          and any("handed over" in c["text"] and "Euljekchyan" in c["text"] for c in f["claims"]))
check("the four handed over: one fact with both spellings", len(fs) == 1, str(len(fs)))
if fs:
    f = fs[0]
    check("the four handed over is agreed", f["status"] == "agreed", f["status"])
    check("the four handed over: the values are four", all(v.lower() in ("four", "at least one") for v in vals(f)), str(vals(f)))
    check("the note names the same people", "Euljekjian" in (f["note"] or "") and "Euljekchyan" in (f["note"] or ""), str(f["note"]))
# 4. Vance raised the prisoners with Aliyev: agreed by four reports.
vance = [e["id"] for e in d["entities"] if "Vance" in e["name"]]
fs = find(lambda f: f["subject"] in vance and any(v.startswith("raised") for v in vals(f)))
check("Vance raised: one fact", len(fs) == 1, str([f["topic"] for f in fs]))
if fs:
    f = fs[0]
    check("Vance raised is agreed", f["status"] == "agreed", f["status"])
    check("Vance raised: four reports", len(docs(f)) == 4, str(sorted(docs(f))))
# Every claim's value lies inside its sentence.
for f in facts:
    for c in f["claims"]:
        if c["value"] is not None and c["value"] not in c["text"]:
            check("value inside its sentence", False, f["id"] + ": " + c["value"])
# Order: conflicting, then agreed, then single-source.
rank = {"conflicting": 0, "agreed": 1, "single-source": 2}
check("facts ordered by status", [rank[f["status"]] for f in facts] == sorted(rank[f["status"]] for f in facts))
# Timeline: oldest first; "on Friday" of the undated report and "13
# February" are one day once anchored on the story.
tl = d["timeline"]
check("timeline found", len(tl) > 0)
check("timeline oldest first", [e["date"] for e in tl] == sorted(e["date"] for e in tl))
day = [e for e in tl if e["date"] == "2026-02-13"]
check("13 February 2026 from two reports", day and {"d1", "d4"} <= set(day[0]["documents"]), str(day))
story = [t for t in d["times"] if t["anchor"] == "story"]
check("times anchored on the story", any(t["text"] == "Friday" and t["value"] == "2026-02-13" for t in story), str(story[:3]))
check("a dated report keeps its own anchor", all(t["doc"] != "d2" for t in story))
check("the OC Media report (no date, nothing shared) stays unanchored",
      all(t["value"] is None for t in d["times"] if t["doc"] == "d5"))
fids = {f["id"] for f in facts}
check("timeline facts exist", all(x in fids for e in tl for x in e["facts"]))
for line in out:
    print(line)
PYEOF
while read -r line; do
    case $line in
    ok*) ok ;;
    *) bad "$line" ;;
    esac
done <"$TMP/facts"

# The same through the library's Markdown path still works.
expect_exit 0 "report (Markdown) seeds" -- "$CROSSCHECK" report "$SEEDS"

finish
