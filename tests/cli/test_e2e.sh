# The web page: its helpers under node (tests/e2e/unit.mjs), then the page
# of `crosscheck serve` in headless Chromium, end to end (tests/e2e/e2e.mjs).
# Installs what is missing: Debian's nodejs, npm and chromium when we are
# root, playwright-core from tests/e2e/package-lock.json with npm ci.  Skips
# (counted) only what cannot be installed because we are not root.
#
# Under XC_SANITIZED=1 (make check-asan) it runs all the same: the server is
# then the sanitizer build, a browser is the realistic client for it
# (concurrent requests, uploads, errors), and e2e.mjs fails on any report
# the sanitizers write to the server's stderr.
#
# Environment: CHROMIUM (default /usr/bin/chromium), E2E_OUT (screenshots;
# default e2e/ beside $CROSSCHECK, e.g. build/e2e).
. tests/cli/lib.sh

E2E=tests/e2e
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
LOCK=${TMPDIR:-/tmp}/crosscheck-e2e-install.lock

# with_lock COMMAND...: one installer at a time (tests run in parallel
# checkouts, and apt and npm ci do not share)
with_lock() {
    if command -v flock >/dev/null 2>&1; then
        flock "$LOCK" "$@"
    else
        "$@"
    fi
}

# apt_install PACKAGE...: as root, install what is missing
apt_install() {
    echo "installing $* (Debian packages)"
    with_lock sh -c 'export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"' sh "$@" \
        >"$TMP/apt" 2>&1 || { tail -5 "$TMP/apt"; return 1; }
}

# add_counts FILE: add the "N passed, N failed[, N skipped]" line of FILE
add_counts() {
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    if [ -z "$line" ]; then
        bad "$2: no summary line"
        return
    fi
    p=$(echo "$line" | sed 's/^\([0-9]*\) passed.*/\1/')
    f=$(echo "$line" | sed 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/')
    s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
    T_PASS=$((T_PASS + p)) T_FAIL=$((T_FAIL + f)) T_SKIP=$((T_SKIP + ${s:-0}))
}

root=0
[ "$(id -u)" -eq 0 ] && root=1

# ---- node and npm ----
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    [ "$root" -eq 1 ] && apt_install nodejs npm
fi
if ! command -v node >/dev/null 2>&1; then
    if [ "$root" -eq 1 ]; then bad "the page's tests: could not install node"; else
        skip "the page's tests: node is not installed and we are not root (apt-get install nodejs npm)"
    fi
    finish
    exit $?
fi

# ---- the helpers, and that each script parses ----
for f in web/*.js web/*.mjs; do
    [ -f "$f" ] || continue
    cp "$f" "$TMP/check.mjs"
    if node --check "$TMP/check.mjs" >"$TMP/syntax" 2>&1; then ok; else
        bad "$f does not parse"; sed 's/^/    /' "$TMP/syntax" | head -8
    fi
done
node "$E2E/unit.mjs" >"$TMP/unit" 2>&1
cat "$TMP/unit"
add_counts "$TMP/unit" "unit.mjs"

# ---- the page in the browser ----
if [ ! -x "$CHROMIUM" ] && [ "$root" -eq 1 ] && [ "$CHROMIUM" = /usr/bin/chromium ]; then
    apt_install chromium
fi
if [ ! -x "$CHROMIUM" ]; then
    if [ "$root" -eq 1 ]; then bad "end to end: no $CHROMIUM, and it could not be installed"; else
        skip "end to end: $CHROMIUM is missing and we are not root (apt-get install chromium)"
    fi
    finish
    exit $?
fi
# INSTALLED: exits 0 when node_modules in directory $1 holds the version of
# playwright-core that package-lock.json pins
INSTALLED='const fs = require("fs"), dir = process.argv[1];
const want = JSON.parse(fs.readFileSync(dir + "/package-lock.json")).packages["node_modules/playwright-core"].version;
const got = JSON.parse(fs.readFileSync(dir + "/node_modules/playwright-core/package.json")).version;
process.exit(want === got ? 0 : 1);'
export INSTALLED
if ! node -e "$INSTALLED" "$E2E" 2>/dev/null; then
    echo "installing playwright-core (npm ci in $E2E)"
    # checked again under the lock: another run may have installed it
    if ! with_lock sh -c 'node -e "$INSTALLED" "$1" 2>/dev/null ||
            { cd "$1" && npm ci --no-audit --no-fund --loglevel=error; }' sh "$E2E" >"$TMP/npm" 2>&1 ||
            ! node -e "$INSTALLED" "$E2E" 2>/dev/null; then
        bad "npm ci in $E2E failed"; tail -5 "$TMP/npm" | sed 's/^/    /'
        finish
        exit $?
    fi
fi
if ! "$CROSSCHECK" help serve >/dev/null 2>&1; then
    skip "end to end: $CROSSCHECK has no serve command"
    finish
    exit $?
fi

E2E_OUT=${E2E_OUT:-$(dirname "$CROSSCHECK")/e2e}
export E2E_OUT
node "$E2E/e2e.mjs" >"$TMP/e2e" 2>&1
cat "$TMP/e2e"
add_counts "$TMP/e2e" "e2e.mjs"
finish
