#!/bin/sh
# bench/serve.sh: latency of `crosscheck serve` under load, measured with wrk
# on loopback.  Target: p99 under 50 ms at 500 requests per second on 2
# cores, with a corpus of 10,000 documents, for the two calls the page makes
# most: a story's dossier (GET /api/stories/N, served from the server's
# cache once built) and full-text search (GET /api/documents?q=...).
#
# The corpus comes from ../shared/tools/make-corpus (real paragraphs
# recombined), stored once with `crosscheck add` in $BUILD/bench/serve/.
# The server runs with 2 request threads, pinned to 2 cores when taskset and
# the cores are there.  Debian's wrk 4.1 has no fixed-rate option (-R), so
# each run paces its connections with a Lua delay() to the target rate and
# reports the rate it reached; a last run without pacing shows the ceiling.
#
#   sh bench/serve.sh            BUILD=build-serve sh bench/serve.sh
#   RATE=500 DURATION=20 DOCS=10000 sh bench/serve.sh
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RATE=${RATE:-500}
DURATION=${DURATION:-20}
DOCS=${DOCS:-10000}
CONNS=${CONNS:-20}
bin=$BUILD/crosscheck
dir=$BUILD/bench/serve
[ -x "$bin" ] || make -s BUILD="$BUILD" "$bin"

if ! command -v wrk >/dev/null 2>&1; then
    echo "bench/serve.sh: installing wrk (Debian package)" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

mkdir -p "$dir"
db=$dir/corpus-$DOCS.db
if [ ! -f "$db" ]; then
    echo "building a corpus of $DOCS documents in $db (once)" >&2
    [ -f "$dir/corpus-$DOCS.jsonl" ] ||
        ../shared/tools/make-corpus --docs "$DOCS" --format jsonl "$dir/corpus-$DOCS.jsonl" >/dev/null
    rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
    t0=$(date +%s)
    "$bin" add --db "$db.tmp" -q "$dir/corpus-$DOCS.jsonl"
    echo "stored and clustered in $(($(date +%s) - t0)) s" >&2
    mv "$db.tmp" "$db"
fi

pin=
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then pin="taskset -c 0,1"; fi
log=$dir/serve.log
$pin "$bin" serve --db "$db" --listen 127.0.0.1:0 --threads 2 --max-connections 256 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT INT TERM
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*serving on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$log"; exit 1; }
base=http://127.0.0.1:$port

# The story: the largest one with at most 50 documents (a big story a
# journalist would open), and a two-word search (the same each time: after
# the first, the server answers it from its memo until the documents
# change; search-distinct below asks a new pair of words every time).
story=$(python3 - "$base" <<'EOF'
import json, sys, urllib.request
s = json.load(urllib.request.urlopen(sys.argv[1] + "/api/stories"))["stories"]
fit = [x for x in s if x["documents"] <= 50] or s
best = max(fit, key=lambda x: (x["documents"], -x["id"]))
print(best["id"], best["documents"], len(s))
EOF
)
set -- $story
sid=$1 sdocs=$2 nstories=$3
query="government+minister"
ndocs=$(python3 -c "import json,urllib.request;print(json.load(urllib.request.urlopen('$base/api/health'))['documents'])")
echo "corpus: $ndocs documents in $nstories stories; story $sid has $sdocs documents"

t0=$(date +%s.%N)
python3 -c "import urllib.request;urllib.request.urlopen('$base/api/stories/$sid', timeout=600).read()"
t1=$(date +%s.%N)
bytes=$(python3 -c "import urllib.request;print(len(urllib.request.urlopen('$base/api/stories/$sid').read()))")
awk -v a="$t0" -v b="$t1" -v n="$bytes" 'BEGIN{printf "first dossier request (builds it): %.2f s, %d bytes\n", b-a, n}'

# wrk paces each connection: delay = connections / rate.  The latency wrk
# reports is request to response, so the pause does not count in it.
pace=$dir/pace.lua
awk -v c="$CONNS" -v r="$RATE" 'BEGIN{
    d = c * 1000.0 / r * 0.85;
    printf "function delay() return %d end\n", d }' > "$pace"

# Distinct searches: each request two words of a hundred, a new pair each
# time (9,900 pairs), so that no answer comes from the server's memo.
words="government minister police president election court officials people city
country war military security state party leader national public health water
school money market company bank price oil energy climate weather storm fire
border trade talks peace attack army troops report law judge prison case trial
vote parliament council mayor region village family children women workers union
strike protest crisis budget tax economy growth jobs prices food farmers land
river coast island airport train road bridge hospital doctors patients virus
vaccine study research university students team season match players coach
club football fans record night week month year"
distinct=$dir/distinct.lua
{
    echo "local words = {"
    for w in $words; do printf '"%s",' "$w"; done
    echo "}"
    cat <<'EOF'
local n, i = #words, 0
request = function()
    local a = i % n
    local b = (a + 1 + math.floor(i / n) % (n - 1)) % n
    i = i + 1
    return wrk.format("GET", "/api/documents?q=" .. words[a + 1] .. "+" .. words[b + 1] .. "&limit=20")
end
EOF
} > "$distinct"
cat "$distinct" "$pace" > "$dir/distinct-paced.lua"

# run NAME URL [wrk options]: one wrk run, then its figures on one line
run() {
    name=$1 url=$2
    shift 2
    out=$dir/wrk-$name.txt
    wrk --latency -d "${DURATION}s" "$@" "$url" > "$out"
    awk -v name="$name" '
        /^  Latency Distribution/ { dist = 1 }
        dist && $1 == "50%" { p50 = $2 }
        dist && $1 == "99%" { p99 = $2 }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /Socket errors:/ { err = $0 }
        function ms(v) {
            if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
            if (v ~ /s$/) return v * 1000; return v }
        END {
            printf "%-16s %7.0f req/s   p50 %7.2f ms   p99 %7.2f ms   %s%s\n",
                name, rps, ms(p50), ms(p99),
                (ms(p99) < 50 ? "p99 under 50 ms" : "p99 OVER 50 ms"),
                (bad ? "   NON-2xx: " bad : "") (err ? "   " err : "")
        }' "$out"
}

# A browser asks for gzip, and the server keeps each dossier compressed as
# well; "dossier-plain" is a client that does not.
gz="Accept-Encoding: gzip"
echo "wrk: $DURATION s each, $CONNS connections paced to $RATE req/s, server on 2 threads"
run dossier "$base/api/stories/$sid" -t1 -c "$CONNS" -s "$pace" -H "$gz"
run dossier-plain "$base/api/stories/$sid" -t1 -c "$CONNS" -s "$pace"
run search "$base/api/documents?q=$query&limit=20" -t1 -c "$CONNS" -s "$pace"
run search-distinct "$base/" -t1 -c "$CONNS" -s "$dir/distinct-paced.lua"
echo "unpaced (the ceiling: as fast as 8 connections go):"
run dossier-max "$base/api/stories/$sid" -t1 -c 8 -H "$gz"
run search-max "$base/api/documents?q=$query&limit=20" -t1 -c 8
run distinct-max "$base/" -t1 -c 8 -s "$distinct"
echo "target: p99 under 50 ms at $RATE req/s on 2 cores, $DOCS documents"
