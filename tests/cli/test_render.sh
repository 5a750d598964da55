# The dossier for people: report --html is one self-contained file (no
# script, nothing fetched, the outlets named, document text escaped),
# report --markdown puts conflicts before agreed before single-source facts,
# and explain finds an entity by any spelling and fails clearly otherwise.
. tests/cli/lib.sh

# ---- HTML ------------------------------------------------------------------
expect_exit 0 "report --html seeds" -- "$CROSSCHECK" report --html "$SEEDS"
cp "$TMP/out" "$TMP/seeds.html"
expect_grep "$TMP/seeds.html" '^<!DOCTYPE html>' "an HTML5 document"
expect_grep "$TMP/seeds.html" '</html>$' "the document is whole"
expect_grep "$TMP/seeds.html" '<style>' "the style sheet is inline"
expect_grep "$TMP/seeds.html" '@media print' "print styles"
expect_no_grep "$TMP/seeds.html" '<script' "no script"
expect_no_grep "$TMP/seeds.html" 'src=' "nothing loaded from elsewhere"
expect_no_grep "$TMP/seeds.html" 'href="?(https?:|//)' "no link out"
expect_no_grep "$TMP/seeds.html" '<link' "no external style sheet"
expect_no_grep "$TMP/seeds.html" '@import|url\(' "no fetch from the style sheet"
for outlet in "Horizon Weekly" "Mediamax" "JAMnews"; do
    expect_grep "$TMP/seeds.html" "$outlet" "outlet $outlet named"
done
expect_grep "$TMP/seeds.html" 'id="conflicts".*|<h2>Conflicts</h2>' "a Conflicts section"
n=$(grep -o '<h2>[A-Za-z ]*</h2>' "$TMP/seeds.html" | tr '\n' ' ')
case "$n" in
*Conflicts*Agreed*"Single source"*Reports*) ok ;;
*) bad "HTML sections out of order: $n" ;;
esac

# -o FILE.html picks HTML, and the file is written whole
expect_exit 0 "report -o dossier.html" -- "$CROSSCHECK" report -o "$TMP/d.html" "$SEEDS"
expect_grep "$TMP/d.html" '^<!DOCTYPE html>' "-o .html writes HTML"
expect_no_grep "$TMP/out" '.' "nothing on standard output with -o"
expect_exit 0 "report --markdown -o x.html" -- "$CROSSCHECK" report --markdown -o "$TMP/md.html" "$SEEDS"
expect_grep "$TMP/md.html" '^# ' "an explicit format wins over the file name"

# hostile text comes out escaped
cat >"$TMP/evil.txt" <<'EOT'
Ruben Vardanyan <script>alert("x")</script> said the court in Baku met & ruled.

Ruben Vardanyan's lawyer <img src=x onerror=alert(1)> spoke on Friday.
EOT
printf 'Ruben Vardanyan was sentenced in Baku on Friday, his lawyer said.\n' >"$TMP/other.txt"
expect_exit 0 "report --html hostile" -- "$CROSSCHECK" report --html --outlet '<b>Evil & Co</b>' "$TMP/evil.txt" "$TMP/other.txt"
expect_no_grep "$TMP/out" '<script|<img|<b>Evil' "document text and metadata escaped"
expect_grep "$TMP/out" '&lt;b&gt;Evil &amp; Co&lt;/b&gt;' "the outlet escaped"

# ---- Markdown ------------------------------------------------------------------
expect_exit 0 "report --markdown seeds" -- "$CROSSCHECK" report --markdown "$SEEDS"
cp "$TMP/out" "$TMP/seeds.md"
order=$(grep -n -E '^## (Conflicts|Agreed|Single source|People|Reports)$' "$TMP/seeds.md" | cut -d: -f2 | tr '\n' '/')
case "$order" in
"## Conflicts/## Agreed/## Single source/## People/## Reports/") ok ;;
*) bad "Markdown sections out of order: $order" ;;
esac
expect_grep "$TMP/seeds.md" 'Pashinyan' "people listed with their spellings"
expect_exit 0 "report --markdown hostile" -- "$CROSSCHECK" report --markdown --outlet '<b>Evil & Co</b>' "$TMP/evil.txt"
expect_no_grep "$TMP/out" '<(b|script)' "Markdown escapes markup"
expect_grep "$TMP/out" '&lt;script&gt;' "the markup shown as text"

# ---- explain -------------------------------------------------------------------
expect_exit 0 "explain Pashinian" -- "$CROSSCHECK" explain Pashinian "$SEEDS"
expect_grep "$TMP/out" '^e[0-9]+ Nikol Pashin(i|y)an \(person\)' "found by a spelling"
expect_grep "$TMP/out" '"Nikol Pashinyan" in d[0-9]+ JAMnews at [0-9]+-[0-9]+' "spellings with offsets"
expect_grep "$TMP/out" 'Why merged:' "the reasons"
expect_grep "$TMP/out" 'same transliteration key' "the key named"
expect_exit 0 "explain folded" -- "$CROSSCHECK" explain 'PASHÍNYAN' "$SEEDS"
expect_grep "$TMP/out" 'Nikol Pashin' "case and accents ignored"
expect_exit 0 "explain --json" -- "$CROSSCHECK" explain --json Aliyev "$SEEDS"
if [ -n "$PY" ]; then
    if "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["name"]=="Ilham Aliyev" and d["why"] and d["mentions"]' "$TMP/out"; then ok; else bad "explain --json"; fi
fi
id=$(grep -o '"id": "e[0-9]*"' "$TMP/out" | head -1 | sed 's/.*"\(e[0-9]*\)"/\1/')
expect_exit 0 "explain by id" -- "$CROSSCHECK" explain "$id" "$SEEDS"
expect_grep "$TMP/out" "^$id Ilham Aliyev" "found by its id"
# a title without a name stands for the one person who holds it
expect_exit 0 "explain Aliyev" -- "$CROSSCHECK" explain Aliyev "$SEEDS"
expect_grep "$TMP/out" 'Titles standing for it:' "titles listed"
expect_grep "$TMP/out" '"Azerbaijani president" in d1 Horizon Weekly at [0-9]+-[0-9]+' "the Azerbaijani president is Aliyev"
expect_grep "$TMP/out" 'a title without a name' "the title's reason"
expect_exit 0 "explain Trump" -- "$CROSSCHECK" explain Trump "$SEEDS"
expect_no_grep "$TMP/out" 'Azerbaijani (president|leader)' "no Azerbaijani title for Trump"
expect_exit 1 "explain unknown" -- "$CROSSCHECK" explain 'Zebulon Nobody' "$SEEDS"
expect_one_error_line "$TMP/err" 'no entity named "Zebulon Nobody"' "a clear message"
expect_exit 1 "explain near miss" -- "$CROSSCHECK" explain 'Pashinyants' "$SEEDS"
expect_grep "$TMP/err" 'closest names: .*Pashin' "the closest names suggested"
expect_exit 1 "explain e999" -- "$CROSSCHECK" explain e999 "$SEEDS"
expect_exit 2 "explain without a name" -- "$CROSSCHECK" explain
expect_exit 2 "explain without inputs" -- "$CROSSCHECK" explain Aliyev
expect_exit 1 "explain missing file" -- "$CROSSCHECK" explain Aliyev "$TMP/nothing-here.txt"
expect_exit 0 "help explain" -- "$CROSSCHECK" help explain
expect_grep "$TMP/out" 'usage: crosscheck explain' "help text"

finish
