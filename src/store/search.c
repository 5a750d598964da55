/*
 * search.c: full-text search over the stored documents, for `crosscheck
 * search` and the server's search box.  The user types words, not FTS5
 * syntax: the query is cut into words (runs of ASCII letters and digits and
 * of bytes >= 0x80, so any UTF-8 letter stays inside its word) and each word
 * becomes a quoted FTS5 string, so quotes, parentheses, AND, OR, NEAR, '*',
 * ':' or '^' are only ever searched for or ignored, never parsed.  The words
 * are joined by spaces, which FTS5 reads as AND.  Hits come best first by
 * BM25, with a snippet of the text around the matches.  A LIMIT of 0 means
 * no limit.
 *
 * New documents reach the index when their transaction commits (they wait
 * in table fts_todo until then: xc_store_fts_flush in store.c), so that
 * FTS5 indexes a batch at once instead of writing a segment per document.
 */
#include "store/store.h"

#include <inttypes.h>
#include <stdlib.h>

/* The longest FTS5 query a search may build, in bytes. */
#define MAX_QUERY ((size_t)64 * 1024)

static int is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/*
 * The FTS5 query for the words of QUERY in *out (caller frees with free()),
 * or NULL in *out when QUERY holds no word.  Fails with XC_ERR_TOO_BIG or
 * XC_ERR_NOMEM.
 */
static xc_code fts_query(const char *query, char **out, xc_error *err)
{
    const unsigned char *p = (const unsigned char *)query;
    xc_buf b;
    xc_code code = XC_OK;

    *out = NULL;
    xc_buf_init(&b, MAX_QUERY);
    while (*p && code == XC_OK) {
        if (!is_word_byte(*p)) {
            p++;
            continue;
        }
        code = xc_buf_puts(&b, b.len ? " \"" : "\"");
        /* the word rule keeps '"' out of words; doubling it anyway keeps
           the quoting right whatever that rule becomes */
        for (; code == XC_OK && is_word_byte(*p); p++)
            code = *p == '"' ? xc_buf_puts(&b, "\"\"")
                             : xc_buf_append(&b, (const char *)p, 1);
        if (code == XC_OK)
            code = xc_buf_puts(&b, "\"");
    }
    if (code != XC_OK) {
        xc_buf_free(&b);
        return code == XC_ERR_TOO_BIG
                   ? xc_fail(err, code, "searching: the query is too long")
                   : xc_fail(err, code, "searching: out of memory");
    }
    *out = b.data; /* NULL when no word was found */
    return XC_OK;
}

xc_code xc_store_search(xc_store *st, const char *query, size_t limit,
                        xc_hit_cb cb, void *ctx, xc_error *err)
{
    /* snippet(): column 1 is the text; matches in [ ], "…" where cut, about
       12 tokens.  ORDER BY rank (which is bm25 here) lets FTS5 sort the
       matches itself, so snippet() runs only for the LIMIT rows returned;
       ORDER BY bm25(fts) made SQLite compute a snippet for every match
       before sorting (100 ms and more for a common word in 10,000
       documents, 2 ms this way). */
    static const char sql[] =
        "SELECT d.id, d.title, d.outlet, d.source,"
        " snippet(fts, 1, '[', ']', '\xe2\x80\xa6', 12), bm25(fts)"
        " FROM fts JOIN documents AS d ON d.id = fts.rowid"
        " WHERE fts MATCH ?1 ORDER BY rank LIMIT ?2";
    sqlite3_stmt *s = NULL;
    char *match;
    xc_code code;
    int rc;

    if (!st || !query || !cb)
        return xc_fail(err, XC_ERR_ARG, "searching: no store or query");
    code = fts_query(query, &match, err);
    if (code != XC_OK || !match)
        return code;
    /* the documents of this handle's open batch are indexed when it
       commits: index them now, so that the batch finds its own */
    if (!st->readonly && !sqlite3_get_autocommit(st->db) &&
        (code = xc_store_fts_flush(st, err)) != XC_OK) {
        free(match);
        return code;
    }

    rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2,
                                limit == 0 || limit > (size_t)INT64_MAX
                                    ? -1
                                    : (sqlite3_int64)limit);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        xc_hit hit;
        hit.id = sqlite3_column_int64(s, 0);
        hit.title = (const char *)sqlite3_column_text(s, 1);
        hit.outlet = (const char *)sqlite3_column_text(s, 2);
        hit.source = (const char *)sqlite3_column_text(s, 3);
        hit.snippet = (const char *)sqlite3_column_text(s, 4);
        hit.score = sqlite3_column_double(s, 5);
        if (cb(ctx, &hit)) {
            rc = SQLITE_DONE;
            break;
        }
        rc = SQLITE_OK;
    }
    code = rc == SQLITE_DONE ? XC_OK : xc_store_sqlfail(st, err, rc, "searching");
    sqlite3_finalize(s);
    free(match);
    return code;
}
