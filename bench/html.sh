#!/bin/sh
# bench/html.sh: main text from HTML, accuracy and speed.
#   1. ../shared/tools/eval-html on ../shared/data/html-dev: each page's text
#      must hold its `with` snippets and none of its `without` ones (its
#      last line is printed).
#   2. bench/html_bench.c over the same 100 pages, repeated for at least
#      SECONDS (default 3) of CPU time on one core: pages per second of
#      crosscheck's page-to-document (encoding, parse, article, metadata)
#      beside libxml2's htmlReadMemory alone on the same pages.
# Target: at least 200 pages per second per core.
# BUILD=build-x picks another build directory.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build}
data=${HTML_DEV:-../shared/data/html-dev}
bin=$build/crosscheck
[ -x "$bin" ] || make -s BUILD="$build" "$bin"
hb=$build/bench/html_bench
make -s BUILD="$build" "$hb"
../shared/tools/eval-html "$bin" "$data" | tail -n 1
"$hb" "$data/pages" "${SECONDS_MIN:-3}"
