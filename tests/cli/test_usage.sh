# The command line itself: help, version, exit codes for usage errors.
. tests/cli/lib.sh

expect_exit 0 "--version" -- "$CROSSCHECK" --version
expect_grep "$TMP/out" '^crosscheck [0-9]+\.[0-9]+\.[0-9]+$' "version line"
expect_exit 0 "--help" -- "$CROSSCHECK" --help
cp "$TMP/out" "$TMP/help"
for c in report add ls show search stories; do
    expect_grep "$TMP/help" "^  $c " "--help lists $c"
    expect_exit 0 "help $c" -- "$CROSSCHECK" help "$c"
    expect_grep "$TMP/out" "^usage: crosscheck $c" "help $c shows its usage"
    expect_exit 0 "$c --help" -- "$CROSSCHECK" "$c" --help
    expect_grep "$TMP/out" "^usage: crosscheck $c" "$c --help shows its usage"
done
expect_exit 2 "no command" -- "$CROSSCHECK"
expect_exit 2 "unknown command" -- "$CROSSCHECK" frobnicate
expect_one_error_line "$TMP/err" "'frobnicate' is not a command" "unknown command named"
expect_exit 2 "help for unknown command" -- "$CROSSCHECK" help frobnicate
expect_exit 2 "unknown option" -- "$CROSSCHECK" report --frobnicate "$SEEDS"
expect_grep "$TMP/err" "--frobnicate" "the unknown option is named"
expect_exit 2 "report without inputs" -- "$CROSSCHECK" report
expect_exit 2 "add without inputs" -- "$CROSSCHECK" add --db "$TMP/x.db"
expect_exit 2 "bad --published" -- "$CROSSCHECK" report --published 2026-02-30 "$SEEDS"
expect_grep "$TMP/err" "YYYY-MM-DD" "bad date explains the format"
expect_exit 2 "bad --max-bytes" -- "$CROSSCHECK" report --max-bytes lots "$SEEDS"
expect_exit 2 "bad --format" -- "$CROSSCHECK" report --format pdf "$SEEDS"
expect_exit 2 "show needs a number" -- "$CROSSCHECK" show --db "$TMP/x.db" abc
expect_exit 2 "search needs words" -- "$CROSSCHECK" search --db "$TMP/x.db"
expect_exit 2 "report --db takes one story" -- "$CROSSCHECK" report --db "$TMP/x.db" 1 2
expect_exit 2 "report --db story must be a number" -- "$CROSSCHECK" report --db "$TMP/x.db" nope
finish
