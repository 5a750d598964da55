# crosscheck report on files: the seeds and other inputs give dossiers that
# meet the contract, with metadata and page furniture.
. tests/cli/lib.sh

expect_exit 0 "report --json seeds" -- "$CROSSCHECK" report --json --with-text "$SEEDS"
cp "$TMP/out" "$TMP/seeds.json"
expect_valid "$TMP/seeds.json" --files
expect_grep "$TMP/seeds.json" '"format": "crosscheck-dossier/1"' "format marker"
for outlet in "Horizon Weekly" "Mediamax" "JAMnews"; do
    expect_grep "$TMP/seeds.json" "\"outlet\": \"$outlet\"" "outlet $outlet found"
done
expect_grep "$TMP/seeds.json" '"published": "2026-02-14"' "Mediamax's date line read"
expect_grep "$TMP/seeds.json" '"title": "Aliyev Rules Out Release Of Former Karabakh Leaders"' "headline read"

# the seeds' furniture is marked: check a few lines lie inside spans
if [ -n "$PY" ]; then
    "$PY" - "$TMP/seeds.json" >"$TMP/bp" 2>&1 <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
want = {"001": ["620 views", "Photo: REUTERS"], "004": ["Become a member", "25% OFF", "Related Articles"],
        "003": ["The terms and place names used in this JAMnews article"]}
keep = {"003": ["Possible conditions", "Ruben Vardanyan, the former state minister"],
        "002": ["Five of them were sentenced to life imprisonment"]}
bad = 0
for doc in d["documents"]:
    key = doc["source"].split("/")[-1][:3]
    b = doc["text"].encode()
    def inside(s):
        i = b.find(s.encode())
        return any(sp["start"] <= i and i + len(s.encode()) <= sp["end"] for sp in doc["boilerplate"])
    for s in want.get(key, []):
        if not inside(s):
            print("not marked as furniture:", key, s); bad += 1
    for s in keep.get(key, []):
        if inside(s):
            print("article text marked as furniture:", key, s); bad += 1
sys.exit(1 if bad else 0)
PYEOF
    if [ $? -eq 0 ]; then ok; else bad "seed furniture"; sed 's/^/    /' "$TMP/bp"; fi
fi

# Markdown for people: outlets named, furniture listed, no raw markup from text
expect_exit 0 "report --markdown seeds" -- "$CROSSCHECK" report "$SEEDS"
expect_grep "$TMP/out" '^# ' "markdown has a headline"
expect_grep "$TMP/out" '^5 reports from [1-5] outlets?, published' "summary line counts reports and outlets"
expect_grep "$TMP/out" 'Page furniture set aside' "furniture section"
expect_grep "$TMP/out" '^## People' "people section"
expect_grep "$TMP/out" '^- \*\*Nikol Pashin(i|y)an\*\*.*also written.*Pashin(i|y)an' "a person with the spellings merged"
expect_grep "$TMP/out" '^## Who said what' "quotations section"
expect_exit 0 "report --debug" -- "$CROSSCHECK" report --json --debug "$SEEDS"
expect_grep "$TMP/out" '"why": \[' "merge reasons with --debug"

# -o writes the file whole
expect_exit 0 "report -o" -- "$CROSSCHECK" report --json -o "$TMP/o.json" "$SEEDS"
expect_valid "$TMP/o.json"

# flags override metadata
expect_exit 0 "overrides" -- "$CROSSCHECK" report --json --outlet "Test Wire" --published 2025-12-01 "$SEEDS/000_7fdb04c85ca76e80.txt"
expect_grep "$TMP/out" '"outlet": "Test Wire"' "--outlet applied"
expect_grep "$TMP/out" '"published": "2025-12-01"' "--published applied"

# standard input
expect_exit 0 "stdin" -- sh -c "'$CROSSCHECK' report --json - < '$SEEDS/002_bf5cbe84f216a6c4.txt'"
expect_grep "$TMP/out" '"source": "-"' "stdin source is -"

# JSON Lines: many documents, metadata fields, a timestamp's date kept
printf '%s\n' '{"text":"First report. It says the vote was held on Monday.","title":"Vote held","outlet":"Wire A","published":"2026-03-02T10:00:00Z","url":"https://example.org/a"}' \
    '' '{"text":"Second report on the vote.","outlet":"Wire B","published":"yesterday"}' > "$TMP/in.jsonl"
expect_exit 0 "jsonl" -- "$CROSSCHECK" report --json --with-text "$TMP/in.jsonl"
cp "$TMP/out" "$TMP/jsonl.json"
expect_valid "$TMP/jsonl.json"
expect_grep "$TMP/jsonl.json" '"published": "2026-03-02"' "timestamp date kept"
expect_grep "$TMP/jsonl.json" '"source": ".*in.jsonl:3"' "line number in source"
expect_grep "$TMP/err" 'in.jsonl:3: .*not a date' "bad published date warned"

# minimal HTML
cat > "$TMP/page.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><title>Page title</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2026-01-07T08:00:00+00:00">
<script>var x = "not text";</script><style>p{}</style></head>
<body><nav>Home | World | Sport</nav><article><h1>Flood waters rise</h1>
<p>The river rose &amp; burst its banks on Tuesday.</p><p>Officials said 200 homes were hit.</p></article>
<footer>Copyright 2026</footer></body></html>
HTML
expect_exit 0 "html" -- "$CROSSCHECK" report --json --with-text "$TMP/page.html"
cp "$TMP/out" "$TMP/html.json"
expect_valid "$TMP/html.json"
expect_grep "$TMP/html.json" 'The river rose & burst its banks' "html text with entity decoded"
expect_no_grep "$TMP/html.json" 'not text|Home \| World|Copyright 2026' "script, nav and footer dropped"
expect_grep "$TMP/html.json" '"outlet": "Example News"' "og:site_name read"
expect_grep "$TMP/html.json" '"published": "2026-01-07"' "published time read"

# Windows-1252 text is converted and said so; offsets refer to the converted text
printf 'Caf\351 owner says prices rose\n\nThe caf\351 on the corner \223closed\224 on Monday.\n' > "$TMP/latin.txt"
expect_exit 0 "latin-1" -- "$CROSSCHECK" report --json --with-text "$TMP/latin.txt"
cp "$TMP/out" "$TMP/latin.json"
expect_valid "$TMP/latin.json"
expect_grep "$TMP/latin.json" 'The café on the corner “closed”' "converted to UTF-8"
expect_grep "$TMP/err" 'latin.txt: .*WINDOWS-1252' "conversion is said"

# UTF-16 with a BOM
printf '\377\376H\000e\000l\000l\000o\000 \000w\000o\000r\000l\000d\000.\000\n\000' > "$TMP/u16.txt"
expect_exit 0 "utf-16" -- "$CROSSCHECK" report --json --with-text "$TMP/u16.txt"
expect_grep "$TMP/out" '"text": "Hello world.\\n"' "UTF-16LE converted"

# entities merge across the seeds: one person per spelling family, people
# with different names apart (src/resolve)
if [ -n "$PY" ]; then
    "$PY" - "$TMP/seeds.json" >"$TMP/merge" 2>&1 <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
of = {}
for e in d["entities"]:
    for a in e["aliases"]:
        of.setdefault(a, set()).add(e["id"])
one = [["Nikol Pashinian", "Nikol Pashinyan", "Pashinian", "Pashinyan"],
       ["Alen Simonian", "Alen Simonyan"], ["Vigen Euljekchyan", "Vigen Euljekjian"],
       ["David Davtyan", "Davit Davtyan"], ["J.D. Vance", "JD Vance", "James Vance", "Vance"],
       ["Ilham Aliyev", "Aliyev"], ["U.S.", "US", "United States"]]
apart = [["Vagif Khachatryan", "Arayik Harutyunyan"], ["Khachatryan", "Arayik Harutyunyan"],
         ["Nikol Pashinian", "Alen Simonyan"]]
bad = 0
for forms in one:
    ids = set().union(*(of.get(f, set()) for f in forms))
    if len(ids) != 1 or any(f not in of for f in forms):
        print("not one entity:", forms, sorted(ids)); bad += 1
for a, b in apart:
    if not of.get(a) or not of.get(b) or of[a] & of[b]:
        print("merged or missing:", a, b); bad += 1
aliyev = [e for e in d["entities"] if "Ilham Aliyev" in e["aliases"]]
# every report that names him (the fifth does not) is in one entity
if len(aliyev) != 1 or aliyev[0]["documents"] != ["d1", "d2", "d3", "d4"] or aliyev[0]["name"] != "Ilham Aliyev":
    print("Aliyev:", [(e["name"], e["documents"]) for e in aliyev]); bad += 1
vance = [e for e in d["entities"] if "JD Vance" in e["aliases"]]
if not vance or vance[0]["name"] != "J.D. Vance" or vance[0]["type"] != "person":
    print("Vance's canonical name:", [e["name"] for e in vance]); bad += 1
ids = [e["id"] for e in d["entities"]]
if ids != ["e%d" % (i + 1) for i in range(len(ids))] or any("why" in e for e in d["entities"]):
    print("entity ids not e1..eN, or why without debug"); bad += 1
for q in d["quotes"]:
    if q["speaker"] is not None and q["speaker"] not in ids:
        print("speaker of", q["id"], "is no entity:", q["speaker"]); bad += 1
sys.exit(1 if bad else 0)
PYEOF
    if [ $? -eq 0 ]; then ok; else bad "seed entities merged"; sed 's/^/    /' "$TMP/merge"; fi
fi

# titles standing for a person (src/resolve/merge.c): "the Azerbaijani
# president" of d1 is Ilham Aliyev, the one Azerbaijani president of the
# story; the JSON lists it under his "references", after "mentions", as the
# Markdown lists it among his spellings (expect_valid checked the offsets)
if [ -n "$PY" ]; then
    "$PY" - "$TMP/seeds.json" >"$TMP/refs" 2>&1 <<'PYEOF'
import json, re, sys
d = json.load(open(sys.argv[1]))
bad = 0
for e in d["entities"]:
    keys = list(e)
    if "references" not in e or keys.index("references") != keys.index("mentions") + 1:
        print("entity", e["id"], "has no references right after mentions:", keys); bad += 1
aliyev = [e for e in d["entities"] if e["name"] == "Ilham Aliyev"]
refs = aliyev[0]["references"] if aliyev else []
titles = [r for r in refs if re.fullmatch(r"Azerbaijani (president|leader)", r["text"])]
if not titles or any(r["boilerplate"] for r in refs):
    print("Aliyev's references:", [(r["doc"], r["text"]) for r in refs]); bad += 1
if not any(r["doc"] == "d1" and r["text"] == "Azerbaijani president" for r in refs):
    print("no 'Azerbaijani president' of d1 among", [(r["doc"], r["text"]) for r in refs]); bad += 1
sys.exit(1 if bad else 0)
PYEOF
    if [ $? -eq 0 ]; then ok; else bad "seed title references"; sed 's/^/    /' "$TMP/refs"; fi
fi
expect_exit 0 "report --markdown seeds (titles)" -- "$CROSSCHECK" report --markdown "$SEEDS"
expect_grep "$TMP/out" '^- \*\*Ilham Aliyev\*\*.*also written.*Azerbaijani president' "Markdown lists the title among Aliyev's spellings"

# quotations of the same words across the seeds form groups (src/resolve/quotegroup.c):
# the two translations of the Nuremberg remark, and "absolutely transparent"
if [ -n "$PY" ]; then
    "$PY" - "$TMP/seeds.json" >"$TMP/qg" 2>&1 <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
quotes = {q["id"]: q for q in d["quotes"]}
def group_of(doc, words):
    for q in d["quotes"]:
        if q["doc"] == doc and words in q["text"]:
            return q["group"]
    return "missing"
bad = 0
nur = group_of("d2", "in two months some would come and say"), group_of("d3", "two months after the Nuremberg trials")
if nur[0] is None or nur[0] == "missing" or nur[0] != nur[1]:
    print("Nuremberg translations not one group:", nur); bad += 1
tr = group_of("d1", "absolutely transparent"), group_of("d3", "absolutely transparent"), group_of("d2", "The trial was absolutely transparent")
if tr[0] is None or tr[0] == "missing" or len(set(tr)) != 1:
    print("'absolutely transparent' not one group:", tr); bad += 1
for g in d["quote_groups"]:
    docs = {quotes[q]["doc"] for q in g["quotes"]}
    if len(g["quotes"]) < 2 or len(docs) < 2 or not 0 <= g["similarity"] <= 1:
        print("bad group:", g); bad += 1
    for q in g["quotes"]:
        if quotes[q]["group"] != g["id"]:
            print("quote", q, "does not point back to", g["id"]); bad += 1
byid = {g["id"]: g for g in d["quote_groups"]}
if nur[0] in byid and tr[0] in byid and not byid[nur[0]]["similarity"] < byid[tr[0]]["similarity"]:
    print("translations score no lower than copies"); bad += 1
sys.exit(1 if bad else 0)
PYEOF
    if [ $? -eq 0 ]; then ok; else bad "seed quote groups"; sed 's/^/    /' "$TMP/qg"; fi
fi
expect_exit 0 "report --markdown seeds (groups)" -- "$CROSSCHECK" report "$SEEDS"
expect_grep "$TMP/out" '^## Same words in several reports' "quote groups section"
expect_grep "$TMP/out" 'Nuremberg' "the Nuremberg remark among the groups"

# the same input twice gives the same dossier (stable ids)
"$CROSSCHECK" report --json "$SEEDS" > "$TMP/a.json" 2>/dev/null
"$CROSSCHECK" report --json "$SEEDS" > "$TMP/b.json" 2>/dev/null
if cmp -s "$TMP/a.json" "$TMP/b.json"; then ok; else bad "dossier not stable across runs"; fi

# -o writes a file others can read, as any new file under the umask (not
# mkstemp's 0600): a dossier is meant to be shared
(umask 022; "$CROSSCHECK" report --html -o "$TMP/shared.html" "$SEEDS" 2>/dev/null)
mode=$(stat -c %a "$TMP/shared.html" 2>/dev/null)
if [ "$mode" = 644 ]; then ok; else bad "report -o under umask 022 made mode $mode, wanted 644"; fi
finish
