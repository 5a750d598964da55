# Stories and near-copies: add sorts reports into stories as it stores
# them, stories lists them (and --copies the near-copies), the same add
# again changes nothing, report --all clusters the files given, and a
# deleted document leaves no row behind.
. tests/cli/lib.sh
db="$TMP/s.db"
q="$TMP/quakes"
mkdir -p "$q"

cat > "$q/napa1.txt" <<'EOF'
Title: Strong earthquake shakes Napa Valley

A magnitude 6.0 earthquake struck near Napa, California, early on Sunday, injuring more than 120 people and damaging historic buildings downtown. Governor Jerry Brown declared a state of emergency for Napa County. The quake was the strongest to hit the San Francisco Bay Area since 1989, the United States Geological Survey said.
EOF
cat > "$q/napa2.txt" <<'EOF'
Title: Napa quake injures dozens

The 6.0 magnitude quake centred south of Napa woke residents across the Bay Area on Sunday. Jerry Brown, the governor of California, declared an emergency as Napa County officials inspected damaged buildings. More than 120 people were treated; the USGS said it was the largest earthquake in the region in 25 years.
EOF
cat > "$q/haiti1.txt" <<'EOF'
Title: Powerful earthquake devastates Haiti

A magnitude 7.0 earthquake struck Haiti on Tuesday, collapsing the presidential palace in Port-au-Prince and killing thousands. President Rene Preval said the devastation was unimaginable. The United Nations mission headquarters was destroyed and its chief Hedi Annabi was missing.
EOF
cat > "$q/haiti2.txt" <<'EOF'
Title: Thousands feared dead in Haiti quake

Bodies lay in the streets of Port-au-Prince on Wednesday after the 7.0 magnitude quake flattened schools, hospitals and the presidential palace. Haiti's President Rene Preval said parliament had collapsed. The United Nations said Hedi Annabi, head of its mission, was missing.
EOF

# one add: the seeds (one story) and two earthquakes (two stories)
expect_exit 0 "add" -- "$CROSSCHECK" add --db "$db" "$SEEDS" "$q"
expect_grep "$TMP/err" "9 added" "add summary"
expect_exit 0 "stories" -- "$CROSSCHECK" stories --db "$db"
expect_lines "$TMP/out" 3 "three stories"
expect_grep "$TMP/out" "^s1 +5 " "the seeds are one story of five"
expect_grep "$TMP/out" "Mediamax" "outlets listed"
expect_grep "$TMP/out" "^s[0-9]+ +2 .*Napa" "Napa: two reports"
expect_grep "$TMP/out" "^s[0-9]+ +2 .*Haiti" "Haiti: two reports"
cp "$TMP/out" "$TMP/stories1"

expect_exit 0 "stories --json" -- "$CROSSCHECK" stories --db "$db" --json
expect_lines "$TMP/out" 3 "one object per story"
if python3 -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
assert [r["documents"] for r in rows]==[5,2,2], rows
assert all(r["id"].startswith("s") and "title" in r and "first" in r for r in rows)
' "$TMP/out" 2>"$TMP/py"; then ok; else bad "stories --json: $(cat "$TMP/py")"; fi
cp "$TMP/out" "$TMP/list.json"

# a story's dossier carries the headline the list gives it
for sid in s1 s2 s3; do
    "$CROSSCHECK" report --db "$db" --json "$sid" > "$TMP/story.json" 2>"$TMP/err"
    if python3 -c 'import json,sys
listed={r["id"]: r["title"] for r in map(json.loads, open(sys.argv[1]))}
d=json.load(open(sys.argv[2]))
assert d["stories"][0]["title"] == listed[sys.argv[3]], (d["stories"][0]["title"], listed[sys.argv[3]])
' "$TMP/list.json" "$TMP/story.json" "$sid" 2>"$TMP/py"; then ok; else bad "$sid: dossier headline differs from the list: $(cat "$TMP/py")"; fi
done

# the same add again adds nothing and moves nothing
expect_exit 0 "re-add" -- "$CROSSCHECK" add --db "$db" "$SEEDS" "$q"
expect_grep "$TMP/err" "0 added, 9 already stored" "re-add adds nothing"
"$CROSSCHECK" stories --db "$db" > "$TMP/stories2"
if cmp -s "$TMP/stories1" "$TMP/stories2"; then ok; else bad "stories changed after re-add"; fi

# a near-copy: the same article with a new first line and an update
{ echo "Reposted from the wire"; echo; cat "$q/haiti1.txt"; echo; echo "UPDATE: rescue teams arrived on Wednesday."; } > "$TMP/copy.txt"
expect_exit 0 "add a copy" -- "$CROSSCHECK" add --db "$db" "$TMP/copy.txt"
expect_exit 0 "stories --copies" -- "$CROSSCHECK" stories --db "$db" --copies
expect_lines "$TMP/out" 1 "one near-copy"
expect_grep "$TMP/out" "^ +10  copy of +6 " "document 10 (the copy) copies document 6 (haiti1)"
expect_exit 0 "stories --copies --json" -- "$CROSSCHECK" stories --copies --db "$db" --json
expect_grep "$TMP/out" '"resemblance":0\.[6-9]|"resemblance":1\.00' "resemblance given"
expect_exit 0 "stories after the copy" -- "$CROSSCHECK" stories --db "$db"
expect_grep "$TMP/out" "^s[0-9]+ +3 .*Haiti" "the copy joins its original's story"

# bad use
expect_exit 2 "stories takes no arguments" -- "$CROSSCHECK" stories --db "$db" s1
expect_exit 2 "unknown option" -- "$CROSSCHECK" stories --db "$db" --nope
expect_exit 1 "no database" -- "$CROSSCHECK" stories --db "$TMP/none.db"
expect_exit 1 "no database for --copies" -- "$CROSSCHECK" stories --copies --db "$TMP/none.db"

# report --all: the stories of the files given; without it, one story
expect_exit 0 "report --all" -- "$CROSSCHECK" report --all --json "$SEEDS" "$q"
cp "$TMP/out" "$TMP/all.json"
expect_valid "$TMP/all.json"
if python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
sizes=sorted(len(s["documents"]) for s in d["stories"])
assert sizes==[2,2,5], sizes
' "$TMP/all.json" 2>"$TMP/py"; then ok; else bad "report --all stories: $(cat "$TMP/py")"; fi
expect_exit 0 "report without --all" -- "$CROSSCHECK" report --json "$SEEDS" "$q"
if python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
assert len(d["stories"])==1 and len(d["stories"][0]["documents"])==9
' "$TMP/out" 2>"$TMP/py"; then ok; else bad "report without --all: $(cat "$TMP/py")"; fi
# the same files twice give the same stories
"$CROSSCHECK" report --all --json "$SEEDS" "$q" > "$TMP/all2.json" 2>/dev/null
if cmp -s "$TMP/all.json" "$TMP/all2.json"; then ok; else bad "report --all is not deterministic"; fi

# deleting documents leaves nothing behind: no rows of them, no empty story
if python3 -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA foreign_keys=ON")
s=c.execute("select story from documents where id=8").fetchone()[0]
c.execute("delete from documents where story=?", (s,)); c.commit()
for t,col in (("features","doc"),("lsh","doc"),("copies","doc"),("copies","copy_of")):
    n=c.execute(f"select count(*) from {t} where {col} not in (select id from documents)").fetchone()[0]
    assert n==0, (t,col,n)
assert c.execute("select count(*) from stories where id=?", (s,)).fetchone()[0]==0
assert c.execute("select count(*) from story_keys where story=?", (s,)).fetchone()[0]==0
assert c.execute("select count(*) from story_features where story=?", (s,)).fetchone()[0]==0
assert c.execute("select sum(ndocs) from stories").fetchone()[0]==c.execute("select count(*) from documents").fetchone()[0]
' "$db" 2>"$TMP/py"; then ok; else bad "delete left rows: $(cat "$TMP/py")"; fi
expect_exit 0 "stories after deleting a story" -- "$CROSSCHECK" stories --db "$db"
expect_lines "$TMP/out" 2 "two stories left"

finish
