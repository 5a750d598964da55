#!/bin/sh
# scripts/demo.sh BINARY: the README's demo.  Builds the dossier of the five
# bundled seed reports, prints it, and writes dossier.json and dossier.md.
set -eu
bin=${1:-build/crosscheck}
corpus=examples/karabakh-detainees
out=${CROSSCHECK_DEMO_OUT:-build/demo}
mkdir -p "$out"
"$bin" report --json --with-text -o "$out/dossier.json" "$corpus"
"$bin" report --markdown -o "$out/dossier.md" "$corpus"
cat "$out/dossier.md"
echo
echo "Wrote $out/dossier.json and $out/dossier.md"
