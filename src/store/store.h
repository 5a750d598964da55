/*
 * store.h: the inside of the SQLite document store, shared by store.c (the
 * handle, transactions, adding and reading documents), schema.c (telling
 * our databases from others, creating and migrating the schema) and
 * search.c (full-text search).  Internal; everything here is prefixed
 * xc_store_.  The public functions are declared in crosscheck.h and the
 * schema itself is described in docs/schema.md.
 */
#ifndef XC_STORE_H
#define XC_STORE_H

#include "core/util.h"

#include <sqlite3.h>

/* Written to PRAGMA application_id so that a crosscheck database can be
   told from any other SQLite file: "XCHK". */
#define XC_STORE_APP_ID 0x5843484B

/* How long to wait for another writer, in milliseconds, unless the
   environment variable CROSSCHECK_BUSY_MS says otherwise. */
#define XC_STORE_BUSY_MS 5000

/* Statements used once per document, prepared on first use and kept for
   the life of the handle.  Statements whose rows are handed to a caller's
   callback are never cached, so a callback may call back into the store. */
enum xc_store_stmt {
    XC_STORE_FIND_HASH,
    XC_STORE_ADD_DOC,
    XC_STORE_ADD_BOILER,
    XC_STORE_GET_DOC,
    XC_STORE_GET_BOILER,
    XC_STORE_NSTMT
};

/* The statements of clustering (cluster_store.c), cached the same way. */
enum xc_store_cstmt {
    XC_CSTMT_LSH_FIND,
    XC_CSTMT_LSH_ADD,
    XC_CSTMT_SIG,
    XC_CSTMT_COPY_ADD,
    XC_CSTMT_FEAT_ADD,
    XC_CSTMT_DF_BUMP,
    XC_CSTMT_KEY_FIND,
    XC_CSTMT_KEY_ADD,
    XC_CSTMT_CENTROID,
    XC_CSTMT_CENTROID_PUT,
    XC_CSTMT_STORY_NEW,
    XC_CSTMT_STORY_JOIN,
    XC_CSTMT_DOC_STORY,
    XC_CSTMT_STORY_OF,
    XC_CSTMT_N
};

struct xc_store {
    sqlite3 *db;
    char *path;   /* as given to xc_store_open, for messages */
    int readonly; /* opened with XC_STORE_READONLY */
    int busy_ms;  /* the busy timeout in force */
    int last_rc;  /* the SQLite result of the last failure reported */
    sqlite3_stmt *stmt[XC_STORE_NSTMT];
    sqlite3_stmt *cstmt[XC_CSTMT_N];
};

/*
 * Turn the SQLite result RC of the step described by WHAT into an xc_code,
 * with sqlite3_errmsg's detail in ERR.  Call it before anything else runs
 * on the connection (a ROLLBACK would replace the message).  Returns the
 * code, never XC_OK.
 */
xc_code xc_store_sqlfail(xc_store *st, xc_error *err, int rc,
                         const char *what);

/* Run SQL, which holds no input from outside, with sqlite3_exec.  On
   failure fills ERR as xc_store_sqlfail does. */
xc_code xc_store_exec(xc_store *st, const char *sql, const char *what,
                      xc_error *err);

/*
 * Check that the freshly opened database is ours, or an empty file that may
 * become ours, and bring its schema up to date: set WAL mode, full syncing
 * and foreign keys, then create or migrate in one transaction.  Never writes
 * to a file that is not a crosscheck database.  Fails with XC_ERR_NOT_DB,
 * XC_ERR_SCHEMA (newer than this code), XC_ERR_READONLY (a read-only handle
 * on a database that needs migrating) or a mapped SQLite failure.
 */
xc_code xc_store_schema_open(xc_store *st, xc_error *err);

/*
 * Near-copies and the story of the new document ID (DOC, features F),
 * inside the caller's transaction (cluster_store.c): records F, the
 * near-copy links and the document's story, merging stories it bridges.
 * *story receives the story.  Fails with a mapped SQLite failure or
 * XC_ERR_NOMEM; the caller rolls back.
 */
xc_code xc_store_cluster(xc_store *st, int64_t id, const xc_doc *doc,
                         const xc_features *f, int64_t *story,
                         xc_error *err);

/* The story of stored document DOC in *story (0 when it has none). */
xc_code xc_store_story_of(xc_store *st, int64_t doc, int64_t *story,
                          xc_error *err);

/* Finalize the clustering statements (xc_store_close). */
void xc_store_cluster_close(xc_store *st);

#endif
