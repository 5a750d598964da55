# URLs, feeds and web archives through the command line, against the tiny
# server tests/httpd.py on 127.0.0.1: pages, redirects, HTTP errors, a
# redirect loop, a server that never answers, a 50 MB page, a page that
# lies about its charset, RSS and Atom feeds (with --follow), --from-list,
# the pause between requests, and hostile feeds and WARC files on disk.
# Each bad input is one clear error; the good inputs beside it are read.
. tests/cli/lib.sh

if ! command -v python3 >/dev/null 2>&1; then
    skip "no python3 for the test server"
    finish
    exit
fi
python3 tests/httpd.py "$TMP/port" 2>"$TMP/httpd.err" &
HTTPD=$!
trap 'kill "$HTTPD" 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$TMP/port" ]; then
    bad "the test server did not start"; cat "$TMP/httpd.err"
    finish
    exit
fi
U=http://127.0.0.1:$(cat "$TMP/port")
X="$CROSSCHECK"

# ---- pages ------------------------------------------------------------------
expect_exit 0 "a page" -- "$X" text --delay 0 "$U/page.html"
expect_grep "$TMP/out" "Inspectors found three cracks" "the page's article"
expect_exit 0 "a redirect" -- "$X" text --json --delay 0 "$U/redirect"
expect_grep "$TMP/out" "\"source\":\"$U/redirect\"" "source is the URL given"
expect_grep "$TMP/out" "\"url\":\"$U/page.html\"" "url is the URL after redirects"
expect_grep "$TMP/out" '"published":"2026-11-20"' "the page's own date"
expect_exit 0 "plain text" -- "$X" text --delay 0 "$U/text.txt"
expect_grep "$TMP/out" "voted to close the bridge" "text/plain read as text"

# ---- errors, each for its URL, the good page still read -----------------------
reject_url() { # NAME PATTERN URL [options]
    name=$1 pat=$2 url=$3
    shift 3
    expect_exit 1 "$name" -- "$X" text --delay 0 "$@" "$url" "$U/page.html"
    expect_one_error_line "$TMP/err" "^crosscheck: $url: $pat" "$name: named"
    expect_grep "$TMP/out" "Inspectors found three cracks" "$name: the good page is read"
}
# six bad URLs in one run: one error line each, the good page read
expect_exit 1 "bad URLs" -- "$X" text --delay 0 "$U/missing" "$U/error" "$U/loop/a" \
    "$U/chain/1" "http://127.0.0.1:1/x" "http://" "$U/page.html"
n=$(grep -c '^crosscheck: ' "$TMP/err")
if [ "$n" -eq 6 ]; then ok; else bad "bad URLs: $n error lines, wanted 6"; cat "$TMP/err"; fi
expect_grep "$TMP/err" "^crosscheck: $U/missing: HTTP 404; skipped" "HTTP 404"
expect_grep "$TMP/err" "^crosscheck: $U/error: HTTP 500; skipped" "HTTP 500"
expect_grep "$TMP/err" "^crosscheck: $U/loop/a: a redirect loop: $U/loop/a -> $U/loop/b -> $U/loop/a; skipped" "redirect loop"
expect_grep "$TMP/err" "^crosscheck: $U/chain/1: more than 5 redirects; skipped" "endless redirects"
expect_grep "$TMP/err" "^crosscheck: http://127.0.0.1:1/x: cannot connect" "nobody listening"
expect_grep "$TMP/err" "^crosscheck: http://: not a URL that can be read" "not a URL"
expect_grep "$TMP/out" "Inspectors found three cracks" "bad URLs: the good page is read"
t0=$(date +%s)
reject_url "a server that never answers" "no complete answer within 1 s" "$U/slow" --timeout 1
t1=$(date +%s)
if [ $((t1 - t0)) -le 10 ]; then ok; else bad "the timeout took $((t1 - t0)) s"; fi
reject_url "50 MB page" "the page is .*over the limit of 33.6 MB" "$U/big"
reject_url "50 MB page, no length" "the page is over the limit of 4.2 MB" "$U/big-stream" --max-bytes 4M
reject_url "a smaller cap" "the page is over the limit of 0.1 MB" "$U/big" --max-bytes 100k

reject_url "a gzip bomb" "the page is over the limit of 4.2 MB" "$U/gzip-bomb" --max-bytes 4M
expect_exit 0 "a gzip-encoded page" -- "$X" text --delay 0 "$U/gzip.html"
expect_grep "$TMP/out" "repaired over the winter" "decoded by libcurl"
expect_exit 0 "a page 10,000 elements deep" -- "$X" text --delay 0 "$U/deep.html"
expect_grep "$TMP/out" "Intro text before the nesting" "the text before the nesting kept"
expect_exit 0 "a WARC over HTTP" -- "$X" text --json --delay 0 "$U/crawl.warc"
expect_grep "$TMP/out" '"source":"https://archived.example/dam".*"published":"2026-11-20"' "the archived page, its own date"

# a page that says UTF-8 and is Windows-1252: read, its words whole
expect_exit 0 "a page lying about its charset" -- "$X" text --delay 0 "$U/liar.html"
expect_grep "$TMP/out" "café owner said the naïve plan" "the lying page's text decoded"

# ---- feeds ----------------------------------------------------------------------
expect_exit 0 "an RSS feed" -- "$X" text --json --delay 0 "$U/feed.xml"
expect_lines "$TMP/out" 3 "one document per item"
expect_grep "$TMP/out" "\"source\":\"$U/feed.xml#item-1\".*\"outlet\":\"Kessel Gazette\"" "the feed's title is the outlet"
expect_grep "$TMP/out" '"authors":"Ann Lee","published":"2026-11-20"' "dc:creator and pubDate"
expect_grep "$TMP/out" '"text":"Short teaser: cracks were found in the dam."' "the item's content, HTML made text"
expect_grep "$TMP/out" "\"url\":\"$U/page2.html\"" "a relative link made absolute against the feed's URL"
expect_exit 0 "an RSS feed, --follow" -- "$X" text --json --follow --delay 0 "$U/feed.xml"
expect_lines "$TMP/out" 3 "still one document per item"
expect_grep "$TMP/out" "\"source\":\"$U/page.html\".*\"outlet\":\"Kessel Gazette\".*Inspectors found three cracks" "the linked page read, the outlet from the feed"
expect_grep "$TMP/out" "\"source\":\"$U/page2.html\",\"title\":\"Kessel dam to be repaired\"" "the page's own title kept"
expect_one_error_line "$TMP/err" "item-3: $U/missing: HTTP 404; read the feed's text instead" "a dead link falls back to the item's text"
expect_exit 0 "an Atom feed" -- "$X" text --json --delay 0 "$U/atom.xml"
expect_grep "$TMP/out" '"title":"Flood warning lifted","outlet":"Valley Courier".*"published":"2026-11-19"' "Atom entry metadata"
expect_grep "$TMP/out" "\"url\":\"$U/page2.html\"" "Atom link rel=alternate"

# hostile feeds on disk: refused alone, the good file beside them read
good="$SEEDS/000_7fdb04c85ca76e80.txt"
{
    printf '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
    prev=a
    for e in b c d e f g h i j; do
        printf '<!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">\n' $e $prev $prev $prev $prev $prev $prev $prev $prev $prev $prev
        prev=$e
    done
    printf ']>\n<rss version="2.0"><channel><title>B</title><item><title>x</title><description>&j;</description></item></channel></rss>\n'
} > "$TMP/bomb.rss"
expect_exit 1 "entity-expansion bomb" -- "$X" text "$TMP/bomb.rss" "$good"
expect_one_error_line "$TMP/err" "bomb.rss: entities expand past libxml2's limits" "bomb named"
expect_grep "$TMP/out" "." "the good file is read"
printf '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"><channel><title>X</title><item><title>t</title><description>before &x; after the entity</description></item></channel></rss>\n' > "$TMP/xxe.rss"
expect_exit 0 "external entity" -- "$X" text "$TMP/xxe.rss"
expect_grep "$TMP/out" "before after the entity|before  after the entity" "the item read"
expect_no_grep "$TMP/out" "root:" "/etc/passwd not read"
{ printf '<rss><channel><title>D</title><item><title>a</title><description>'; printf '<d>%.0s' $(seq 10000); printf 'deep</description></item></channel></rss>\n'; } > "$TMP/deep.xml"
expect_exit 1 "10,000-deep feed" -- "$X" text "$TMP/deep.xml" "$good"
expect_one_error_line "$TMP/err" "deep.xml: elements nested more than 256 deep; feed refused" "depth named"
printf '<?xml version="1.0"?><catalog><book>x</book></catalog>\n' > "$TMP/other.xml"
expect_exit 1 "XML that is no feed" -- "$X" text "$TMP/other.xml" "$good"
expect_one_error_line "$TMP/err" "other.xml: XML, but not an RSS or Atom feed" "named"

# a web archive, gzip per record, its last member cut short (served by the
# test server as application/gzip: known by its name): the record before it
# read and stored whole, nothing of the broken one
expect_exit 1 "a WARC with a truncated member" -- "$X" text --json --delay 0 "$U/cut.warc.gz" "$good"
expect_one_error_line "$TMP/err" "cut.warc.gz: record 2 at byte [0-9]+: truncated gzip member" "the broken record named"
expect_grep "$TMP/out" '"source":"https://news.example/a".*"published":"2024-01-15"' "the record before it read"
expect_no_grep "$TMP/out" "second archived report" "nothing of the broken record"
expect_exit 1 "add a truncated WARC" -- "$X" add --db "$TMP/warc.db" --delay 0 "$U/cut.warc.gz" "$good"
expect_exit 0 "ls after the WARC" -- "$X" ls --db "$TMP/warc.db"
expect_lines "$TMP/out" 2 "the whole record and the good file stored, nothing half"

# ---- lists of inputs ----------------------------------------------------------------
printf '# reports to add\n\n%s\n  %s  \n%s\n%s\n' "$U/page.html" "$U/missing" "$TMP/nope.txt" "$good" > "$TMP/list.txt"
expect_exit 1 "--from-list" -- "$X" text --delay 0 --from-list "$TMP/list.txt"
expect_grep "$TMP/err" "list.txt:4: $U/missing: HTTP 404" "a bad line named by number"
expect_grep "$TMP/err" "list.txt:5: $TMP/nope.txt: no such file" "a missing file named by line"
expect_grep "$TMP/out" "Inspectors found three cracks" "the list's URL read"
expect_exit 1 "add --from-list, no paths" -- "$X" add --db "$TMP/web.db" --delay 0 --from-list "$TMP/list.txt"
expect_exit 0 "ls after add --from-list" -- "$X" ls --db "$TMP/web.db"
expect_lines "$TMP/out" 2 "two documents stored from the list"
expect_exit 1 "report --from-list" -- "$X" report --json --delay 0 --from-list "$TMP/list.txt"
expect_grep "$TMP/out" '"id": "d2"' "report reads the list"
expect_exit 1 "analyze --from-list" -- "$X" analyze --count --delay 0 --from-list "$TMP/list.txt"
expect_grep "$TMP/out" "documents=2" "analyze reads the list"
expect_exit 1 "a list that is not there" -- "$X" text --from-list "$TMP/nolist.txt"
expect_one_error_line "$TMP/err" "nolist.txt: cannot open the list" "named"
expect_exit 2 "add with nothing" -- "$X" add --db "$TMP/web.db"
expect_exit 2 "--timeout 0" -- "$X" text --timeout 0 "$U/page.html"
expect_exit 2 "--delay -1" -- "$X" text --delay -1 "$U/page.html"

# ---- politeness: the pause between requests to one host ----------------------------
t0=$(date +%s%N)
expect_exit 0 "three pages, --delay 0.3" -- "$X" text --delay 0.3 "$U/page.html" "$U/page2.html" "$U/text.txt"
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
if [ "$ms" -ge 600 ]; then ok; else bad "three requests with --delay 0.3 took only $ms ms"; fi

finish
