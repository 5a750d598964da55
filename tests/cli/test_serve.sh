# crosscheck serve: refusing to start without a token off loopback, bad
# options, an address in use; then a server on a free loopback port with a
# token and small limits, every endpoint and every error through
# tests/api_client.py, and a clean stop on SIGTERM (no leaks under ASan).
. tests/cli/lib.sh
db="$TMP/s.db"
"$CROSSCHECK" add --db "$db" "$SEEDS" 2>/dev/null

# refusals, each with a message that says what to do
expect_exit 2 "0.0.0.0 without a token" -- env -u CROSSCHECK_TOKEN "$CROSSCHECK" serve --db "$db" --listen 0.0.0.0:0
expect_grep "$TMP/err" "--token or CROSSCHECK_TOKEN" "the refusal names --token and CROSSCHECK_TOKEN"
expect_exit 2 "empty CROSSCHECK_TOKEN is no token" -- env CROSSCHECK_TOKEN= "$CROSSCHECK" serve --db "$db" --listen 0.0.0.0:0
expect_exit 2 "--listen without a port" -- "$CROSSCHECK" serve --db "$db" --listen 127.0.0.1
expect_exit 2 "--listen with a name" -- "$CROSSCHECK" serve --db "$db" --listen example.org:80
expect_exit 2 "--max-body nonsense" -- "$CROSSCHECK" serve --db "$db" --max-body lots
expect_exit 2 "--timeout -1" -- "$CROSSCHECK" serve --db "$db" --timeout -1
expect_exit 2 "a token with a space" -- "$CROSSCHECK" serve --db "$db" --token "a b"
expect_exit 0 "help" -- "$CROSSCHECK" serve --help
expect_grep "$TMP/out" "--max-connections" "help lists the limits"
printf 'not a database at all\n' > "$TMP/notdb"
expect_exit 1 "not a database" -- "$CROSSCHECK" serve --db "$TMP/notdb" --listen 127.0.0.1:0
expect_grep "$TMP/err" "not a crosscheck database" "says the file is not a database"

# start: port 0 picks a free port, which the server prints
# start_server LOG ARGS...: sets PID and PORT
start_server() {
    log=$1
    shift
    "$CROSSCHECK" serve --db "$db" --listen 127.0.0.1:0 "$@" 2>"$log" &
    PID=$!
    PORT=
    for _ in $(seq 1 100); do
        PORT=$(sed -n 's|.*serving on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$log")
        [ -n "$PORT" ] && break
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.1
    done
}

# stop_server LOG WHAT: SIGTERM, then it must exit 0 (ASan: no leaks)
stop_server() {
    kill -TERM "$PID" 2>/dev/null
    wait "$PID"
    rc=$?
    if [ "$rc" -eq 0 ]; then ok; else bad "$2: exit $rc after SIGTERM"; sed 's/^/    /' "$1" | tail -20; fi
}

token=t0k3n-$$-test
start_server "$TMP/log" --token "$token" --max-body 1M --timeout 3 --max-connections 16 --threads 2
if [ -z "$PORT" ]; then
    bad "the server did not start"
    sed 's/^/    /' "$TMP/log"
    finish
    exit
fi
ok

# the same address again: in use
expect_exit 1 "address in use" -- "$CROSSCHECK" serve --db "$db" --listen "127.0.0.1:$PORT"
expect_grep "$TMP/err" "in use" "says the address is in use"

python3 tests/api_client.py "http://127.0.0.1:$PORT" "$token" "$SEEDS" --timeout 3 \
    --max-body 1048576 >"$TMP/api" 2>&1
line=$(tail -n 1 "$TMP/api")
p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -n "$p" ]; then
    T_PASS=$((T_PASS + p))
    T_FAIL=$((T_FAIL + f))
    [ "$f" -eq 0 ] || grep -v 'passed, ' "$TMP/api" | head -30
else
    bad "api_client.py did not finish"
    tail -20 "$TMP/api" | sed 's/^/    /'
fi
stop_server "$TMP/log" "server with a token"
expect_grep "$TMP/log" "stopping" "says it stops"

# on loopback without a token the API is open; CROSSCHECK_TOKEN sets one
# (both servers at once: starting Python is the slow part)
start_server "$TMP/log2" --threads 1
open_pid=$PID open_port=$PORT
CROSSCHECK_TOKEN=from-env-123 start_server "$TMP/log3"
python3 - "$open_port" "$PORT" >"$TMP/two" 2>&1 <<'EOF'
import http.client, sys
def status(port, auth):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    c.request("GET", "/api/health", headers={"Authorization": auth} if auth else {})
    return c.getresponse().status
print("open", status(sys.argv[1], None))
print("env", status(sys.argv[2], None), status(sys.argv[2], "Bearer from-env-123"))
EOF
expect_grep "$TMP/two" '^open 200$' "no token on loopback: the API answers"
expect_grep "$TMP/two" '^env 401 200$' "CROSSCHECK_TOKEN: 401 without it, 200 with it"
stop_server "$TMP/log3" "server with CROSSCHECK_TOKEN"
PID=$open_pid
stop_server "$TMP/log2" "server without a token"
finish
