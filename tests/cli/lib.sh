# tests/cli/lib.sh: sourced by every CLI test script.  $CROSSCHECK is the
# binary under test (tests/run.sh sets it).  Each check adds to the counts;
# finish prints "N passed, N failed" and sets the exit status.
: "${CROSSCHECK:=$(pwd)/build/crosscheck}"
T_PASS=0
T_FAIL=0
T_SKIP=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { T_PASS=$((T_PASS + 1)); }
bad() { T_FAIL=$((T_FAIL + 1)); echo "FAIL: $*"; }
skip() { T_SKIP=$((T_SKIP + 1)); echo "SKIP: $*"; }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
    want=$1 what=$2
    shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else
        bad "$what: exit $got, wanted $want"; sed 's/^/    stderr: /' "$TMP/err" | head -5
    fi
}

# expect_grep FILE PATTERN DESCRIPTION
expect_grep() {
    if grep -qE -- "$2" "$1"; then ok; else bad "$3: /$2/ not in $(basename "$1")"; head -5 "$1" | sed 's/^/    /'; fi
}

expect_no_grep() {
    if grep -qE -- "$2" "$1"; then bad "$3: /$2/ found in $(basename "$1")"; else ok; fi
}

# expect_lines FILE N DESCRIPTION: FILE has exactly N lines
expect_lines() {
    n=$(wc -l <"$1")
    if [ "$n" -eq "$2" ]; then ok; else bad "$3: $n lines, wanted $2"; head -5 "$1" | sed 's/^/    /'; fi
}

finish() {
    if [ "$T_SKIP" -gt 0 ]; then
        echo "$T_PASS passed, $T_FAIL failed, $T_SKIP skipped"
    else
        echo "$T_PASS passed, $T_FAIL failed"
    fi
    [ "$T_FAIL" -eq 0 ]
}

# A Python 3 that has jsonschema, for validating dossiers.
PY=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import jsonschema' 2>/dev/null; then PY=$p; break; fi
done
SEEDS=examples/karabakh-detainees

# expect_valid FILE [--files]: FILE is a dossier that meets the contract
expect_valid() {
    if [ -z "$PY" ]; then skip "no python3 with jsonschema"; return; fi
    if "$PY" tests/validate_dossier.py "$@" >"$TMP/valid" 2>&1; then ok; else
        bad "dossier $1 is not valid"; head -20 "$TMP/valid" | sed 's/^/    /'
    fi
}

# expect_one_error_line FILE PATTERN DESCRIPTION: stderr FILE holds exactly
# one line, of the form "crosscheck: ...", matching PATTERN
expect_one_error_line() {
    n=$(grep -c '^crosscheck: ' "$1")
    if [ "$n" -eq 1 ] && grep -qE -- "$2" "$1"; then ok; else
        bad "$3: wanted one error line matching /$2/"; sed 's/^/    /' "$1" | head -5
    fi
}
