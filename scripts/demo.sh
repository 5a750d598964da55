#!/bin/sh
# scripts/demo.sh BINARY: the README's demo.  Builds the dossier of the five
# bundled seed reports, prints it, and writes dossier.json, dossier.md and
# dossier.html (one file that opens offline in a browser).
set -eu
bin=${1:-build/crosscheck}
corpus=examples/karabakh-detainees
out=${CROSSCHECK_DEMO_OUT:-build/demo}
mkdir -p "$out"
"$bin" report --json --with-text -o "$out/dossier.json" "$corpus"
"$bin" report --markdown -o "$out/dossier.md" "$corpus"
"$bin" report --html -o "$out/dossier.html" "$corpus"
cat "$out/dossier.md"
echo
echo "Wrote $out/dossier.json, $out/dossier.md and $out/dossier.html"
