/*
 * lookup.c: asking the store whether a text is there before doing anything
 * costly with it.  crosscheck add checks every document read against the
 * database before its analysis, so a run that resumes after an interruption
 * skips what was committed at the cost of one indexed lookup per document.
 * The lookup reads only, so it may run on a handle of its own (read-only,
 * in another thread) while another handle writes: in WAL mode it sees what
 * was committed, never a batch still open elsewhere.
 */
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>

#include <xxhash.h>

xc_code xc_store_has_text(xc_store *st, const xc_doc *doc, int64_t *id,
                          xc_error *err)
{
    sqlite3_stmt *s = NULL;
    char hex[17];
    uint64_t hash;
    xc_code code = XC_OK;
    int rc;

    if (id)
        *id = 0;
    if (!st || !doc || !doc->text || !id)
        return xc_fail(err, XC_ERR_ARG, "looking for a text: no store or document");
    /* the same key xc_store_add writes: XXH64 of the text in 16 hex digits */
    hash = doc->hash ? doc->hash : XXH64(doc->text, doc->len, 0);
    snprintf(hex, sizeof hex, "%016" PRIx64, hash);
    if ((code = xc_store_stmt(st, XC_STORE_FIND_HASH, &s, err)) != XC_OK)
        return code;
    rc = sqlite3_bind_text(s, 1, hex, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        code = xc_store_sqlfail(st, err, rc, "looking for the same text");
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return code;
}
