# make install honours PREFIX and DESTDIR and installs a working library:
# a program built against the installed header, pkg-config file and library
# runs.
. tests/cli/lib.sh
build=$(dirname "$CROSSCHECK")
dest="$TMP/root"
if [ -n "${XC_SANITIZED:-}" ]; then
    skip "install test runs in the plain build only"
    finish
    exit $?
fi
expect_exit 0 "make install" -- make -s install BUILD="$build" PREFIX=/opt/xc DESTDIR="$dest"
for f in share/crosscheck/ner.model share/crosscheck/roles.txt bin/crosscheck lib/libcrosscheck.a lib/libcrosscheck.so include/crosscheck.h \
         lib/pkgconfig/crosscheck.pc share/man/man1/crosscheck.1; do
    if [ -e "$dest/opt/xc/$f" ]; then ok; else bad "installed $f missing"; fi
done
expect_grep "$dest/opt/xc/lib/pkgconfig/crosscheck.pc" '^prefix=/opt/xc$' "pc file has the prefix"
if command -v groff >/dev/null 2>&1; then
    expect_exit 0 "man page renders" -- groff -man -Tutf8 -ww -z "$dest/opt/xc/share/man/man1/crosscheck.1"
    if [ -s "$TMP/err" ]; then bad "man page warnings"; sed 's/^/    /' "$TMP/err" | head -5; else ok; fi
else
    skip "man page rendering (no groff)"
fi
cat > "$TMP/prog.c" <<'C'
#include <crosscheck.h>
#include <string.h>
int main(void) {
    xc_doc *doc; xc_error err; xc_dossier *d = xc_dossier_new();
    const char *t = "Minister quits after leak row\n\nThe minister said on Friday that talks would go on.\n";
    if (xc_doc_from_bytes("mem", t, strlen(t), NULL, &doc, &err) != XC_OK) return 1;
    xc_dossier_add(d, doc);
    if (xc_dossier_build(d, &err) != XC_OK) return 2;
    if (xc_dossier_write_json(d, stdout, 0, &err) != XC_OK) return 3;
    xc_dossier_free(d);
    return 0;
}
C
sed -i "s|^prefix=.*|prefix=$dest/opt/xc|" "$dest/opt/xc/lib/pkgconfig/crosscheck.pc"
expect_exit 0 "compile against installed library" -- sh -c "cc -o '$TMP/prog' '$TMP/prog.c' \$(PKG_CONFIG_PATH='$dest/opt/xc/lib/pkgconfig' pkg-config --cflags --libs crosscheck)"
expect_exit 0 "run against shared library" -- sh -c "cd / && CROSSCHECK_DATA='$dest/opt/xc/share/crosscheck' LD_LIBRARY_PATH='$dest/opt/xc/lib' '$TMP/prog'"
expect_grep "$TMP/out" '"title": "Minister quits after leak row"' "library built a dossier"
# the installed binary finds its data beside it, from any directory
expect_exit 0 "installed binary runs" -- sh -c "cd / && '$dest/opt/xc/bin/crosscheck' analyze --count '$(pwd)/$SEEDS'"
expect_grep "$TMP/out" 'entities=[1-9]' "installed binary found its model"
finish
