/*
 * store.c: the document store, where ingested reports are kept between runs
 * so that later stages (clustering, the dossier, search, the server) can
 * read the corpus back.  It sits after ingest in the pipeline: xc_read
 * produces xc_doc records, xc_store_add keeps each distinct text once, and
 * xc_store_get / xc_store_load_story hand them back as new xc_doc records.
 *
 * The store is one SQLite file in WAL mode with full syncing.  Each add, or
 * each batch between xc_store_begin and xc_store_commit, is one transaction,
 * so a crash loses at most the batch being written and never leaves half a
 * document.  Every statement binds its values; no SQL is built from input.
 * Opening, recognising and migrating the file is in schema.c, full-text
 * search in search.c, and the tables are described in docs/schema.md.
 *
 * The busy timeout (how long a writer waits for another writer) is 5 s, or
 * the number of milliseconds in the environment variable CROSSCHECK_BUSY_MS.
 * A read-only handle on a database in a directory it cannot write (where
 * SQLite cannot create the -shm file WAL mode needs) reads the file as
 * immutable, provided no -wal file shows another connection at work.
 */
#include "store/store.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <xxhash.h>

/* The cached statements.  Several-line strings are parenthesized so that
   no compiler mistakes them for a missing comma. */
static const char *const stmt_sql[XC_STORE_NSTMT] = {
    [XC_STORE_FIND_HASH] = "SELECT id FROM documents WHERE hash = ?1",
    [XC_STORE_ADD_DOC] =
        ("INSERT INTO documents (hash, source, title, outlet, published,"
         " language, url, encoding, bytes, text)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
    [XC_STORE_ADD_BOILER] =
        "INSERT INTO boilerplate (doc, start, \"end\") VALUES (?1, ?2, ?3)",
    [XC_STORE_GET_DOC] =
        ("SELECT source, title, outlet, published, language, url, encoding,"
         " hash, text FROM documents WHERE id = ?1"),
    [XC_STORE_GET_BOILER] =
        "SELECT start, \"end\" FROM boilerplate WHERE doc = ?1 ORDER BY start",
    [XC_STORE_FTS_INDEX] =
        ("INSERT INTO fts (rowid, title, text) SELECT d.id, d.title, d.text"
         " FROM fts_todo AS t JOIN documents AS d ON d.id = t.doc ORDER BY t.doc"),
    [XC_STORE_FTS_DONE] = "DELETE FROM fts_todo",
    [XC_STORE_SAVEPOINT] = "SAVEPOINT xc_add",
    [XC_STORE_RELEASE] = "RELEASE xc_add",
};

xc_code xc_store_sqlfail(xc_store *st, xc_error *err, int rc,
                         const char *what)
{
    const char *path = "the database"; /* the caller names the file */
    const char *detail = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    int sys = st->db ? sqlite3_system_errno(st->db) : 0;

    st->last_rc = rc;
    if (rc == SQLITE_READONLY_DIRECTORY)
        return xc_fail(err, XC_ERR_READONLY,
                       "%s: cannot write %s: its directory is read-only, and "
                       "SQLite must create %s-wal and %s-shm beside it",
                       what, path, path, path);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return xc_fail(err, XC_ERR_DB_BUSY,
                       "%s: %s is locked; another crosscheck may be writing "
                       "it (gave up after %d ms): %s",
                       what, path, st->busy_ms, detail);
    case SQLITE_NOTADB:
        return xc_fail(err, XC_ERR_NOT_DB,
                       "not a crosscheck database (file is not SQLite): %s",
                       path);
    case SQLITE_READONLY:
        return xc_fail(err, XC_ERR_READONLY, "%s: cannot write %s: %s", what,
                       path, detail);
    case SQLITE_NOMEM:
        return xc_fail(err, XC_ERR_NOMEM, "%s: out of memory", what);
    case SQLITE_TOOBIG:
        return xc_fail(err, XC_ERR_TOO_BIG, "%s: %s", what, detail);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_PERM:
        if (sys)
            return xc_fail(err, XC_ERR_IO, "%s: %s: %s (%s)", what, path,
                           detail, strerror(sys));
        return xc_fail(err, XC_ERR_IO, "%s: %s: %s", what, path, detail);
    case SQLITE_CORRUPT:
        return xc_fail(err, XC_ERR_DB, "%s: %s is damaged: %s", what, path,
                       detail);
    default:
        return xc_fail(err, XC_ERR_DB, "%s: %s: %s", what, path, detail);
    }
}

xc_code xc_store_exec(xc_store *st, const char *sql, const char *what,
                      xc_error *err)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? XC_OK : xc_store_sqlfail(st, err, rc, what);
}

long xc_store_env_long(const char *name, long fallback, long min, long max)
{
    const char *s = getenv(name);
    char *end;
    long v;
    if (!s || !*s)
        return fallback;
    errno = 0;
    v = strtol(s, &end, 10);
    return errno || *end || v < min || v > max ? fallback : v;
}

/* Open PATH again as an immutable read-only URI.  Fails as
   xc_store_sqlfail does. */
static xc_code reopen_immutable(xc_store *st, xc_error *err)
{
    xc_buf uri;
    xc_code code;
    int rc;

    xc_buf_init(&uri, 0);
    /* "file:///abs" or "file:rel": a path starting "//" must not become a
       URI authority */
    code = xc_buf_puts(&uri, st->path[0] == '/' ? "file://" : "file:");
    for (const unsigned char *p = (const unsigned char *)st->path;
         *p && code == XC_OK; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("/._-~", *p))
            code = xc_buf_append(&uri, (const char *)p, 1);
        else
            code = xc_buf_printf(&uri, "%%%02X", *p);
    }
    if (code == XC_OK)
        code = xc_buf_puts(&uri, "?immutable=1");
    if (code != XC_OK) {
        xc_buf_free(&uri);
        return xc_fail(err, XC_ERR_NOMEM, "opening the database: out of memory");
    }
    sqlite3_close_v2(st->db);
    st->db = NULL;
    rc = sqlite3_open_v2(uri.data, &st->db,
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    xc_buf_free(&uri);
    if (rc != SQLITE_OK)
        return xc_store_sqlfail(st, err, rc, "opening the database");
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, st->busy_ms);
    return XC_OK;
}

/* Nonzero if a read-only handle on ST failed only because SQLite could not
   create the WAL index (-shm) beside a WAL database, and nothing else has
   the database open (no -wal file), so reading it as immutable is safe. */
static int immutable_would_help(const xc_store *st)
{
    char *wal;
    struct stat sb;
    int absent;

    if (st->last_rc != SQLITE_READONLY_DIRECTORY &&
        st->last_rc != SQLITE_READONLY_CANTINIT &&
        (st->last_rc & 0xff) != SQLITE_CANTOPEN)
        return 0;
    wal = malloc(strlen(st->path) + 5);
    if (!wal)
        return 0;
    strcpy(wal, st->path);
    strcat(wal, "-wal");
    absent = stat(wal, &sb) != 0 && errno == ENOENT;
    free(wal);
    return absent;
}

/* Documents committed to the search queue by something that did not
   index them at commit (SQLite used directly): index them now. */
static xc_code index_leftovers(xc_store *st, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "SELECT 1 FROM fts_todo LIMIT 1", -1, &s, NULL);
    xc_code code;
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return XC_OK;
    if (rc != SQLITE_ROW)
        return xc_store_sqlfail(st, err, rc, "reading the search queue");
    if ((code = xc_store_exec(st, "BEGIN IMMEDIATE", "indexing for search", err)) != XC_OK)
        return code;
    code = xc_store_fts_flush(st, err);
    if (code == XC_OK)
        code = xc_store_exec(st, "COMMIT", "indexing for search", err);
    if (code != XC_OK)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return code;
}

xc_code xc_store_open(const char *path, int flags, xc_store **out,
                      xc_error *err)
{
    xc_store *st;
    int oflags, rc;
    xc_code code;

    if (out)
        *out = NULL;
    if (!path || !*path || !out)
        return xc_fail(err, XC_ERR_ARG, "opening a store: no database path");
    xc_error_clear(err);

    if (flags & (XC_STORE_READONLY | XC_STORE_NOCREATE)) {
        struct stat sb;
        if (stat(path, &sb) != 0 && errno == ENOENT)
            return xc_fail(err, XC_ERR_NOT_FOUND, "no such database (add documents first)");
    }

    st = calloc(1, sizeof *st);
    if (!st)
        return xc_fail(err, XC_ERR_NOMEM, "opening the database: out of memory");
    st->path = xc_strdup(path);
    if (!st->path) {
        free(st);
        return xc_fail(err, XC_ERR_NOMEM, "opening the database: out of memory");
    }
    st->readonly = (flags & XC_STORE_READONLY) != 0;
    /* milliseconds, up to an hour */
    st->busy_ms = (int)xc_store_env_long("CROSSCHECK_BUSY_MS", XC_STORE_BUSY_MS,
                                         0, 3600000L);
    {
        long lf = xc_store_env_long("CROSSCHECK_LSH_FILTER", 1, 0, 2);
        st->lshf.off = lf == 0;
        st->lshf.tiny = lf == 2;
    }

    if (st->readonly)
        oflags = SQLITE_OPEN_READONLY;
    else if (flags & XC_STORE_NOCREATE)
        oflags = SQLITE_OPEN_READWRITE;
    else
        oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    /* a bulk store is used by one thread (the checkpointer has its own
       connection): no lock around every call */
    if (flags & XC_STORE_BULK)
        oflags |= SQLITE_OPEN_NOMUTEX;
    rc = sqlite3_open_v2(path, &st->db, oflags, NULL);
    if (rc != SQLITE_OK) {
        code = xc_store_sqlfail(st, err, rc, "opening the database");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, st->busy_ms);

    /* SQLite quietly falls back to reading when the file cannot be opened
       for writing; a caller who asked to write should hear about it now. */
    if (!st->readonly && sqlite3_db_readonly(st->db, "main") == 1) {
        code = xc_fail(err, XC_ERR_READONLY,
                       "cannot write the database: the file or its file "
                       "system is read-only (open it read-only to read it)");
        goto fail;
    }

    code = xc_store_schema_open(st, err);
    if (code != XC_OK && st->readonly && immutable_would_help(st)) {
        /* A read-only directory or file system: SQLite's documented way to
           read a WAL database there is to declare it immutable. */
        code = reopen_immutable(st, err);
        if (code == XC_OK)
            code = xc_store_schema_open(st, err);
    }
    /* Clustering touches pages all over the frequency and story tables:
       a cache of 64 MiB keeps a batch's dirty pages in memory instead of
       spilling them to the log one by one, and each add's savepoint keeps
       its journal of changed pages in memory, not in a temporary file. */
    if (code == XC_OK)
        code = xc_store_exec(st, "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY",
                             "setting up the cache", err);
    if (code == XC_OK && !st->readonly)
        code = index_leftovers(st, err);
    /* bulk: a commit does not wait for the disk (see docs/schema.md) */
    if (code == XC_OK && (flags & XC_STORE_BULK) && !st->readonly) {
        code = xc_store_exec(st, "PRAGMA synchronous = NORMAL", "setting up the store", err);
        st->nosync = 1;
    }
    if (code == XC_OK && (flags & XC_STORE_BULK))
        code = xc_store_checkpoint_start(st, err);
    if (code != XC_OK)
        goto fail;
    xc_error_clear(err);
    *out = st;
    return XC_OK;

fail:
    xc_store_close(st);
    return code;
}

void xc_store_close(xc_store *st)
{
    if (!st)
        return;
    xc_store_checkpoint_stop(st);
    for (int i = 0; i < XC_STORE_NSTMT; i++)
        sqlite3_finalize(st->stmt[i]);
    xc_store_cluster_close(st);
    if (st->db) {
        /* an open batch that was never committed is discarded */
        if (!sqlite3_get_autocommit(st->db))
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        /* what the commits left unsynced: a checkpoint syncs the log
           before it copies and the file after, even when another
           connection stays open and this close is not the last */
        if (st->nosync)
            (void)sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL,
                                            NULL);
        sqlite3_close_v2(st->db);
    }
    free(st->path);
    free(st);
}

xc_code xc_store_stmt(xc_store *st, enum xc_store_stmt which, sqlite3_stmt **out,
                      xc_error *err)
{
    if (!st->stmt[which]) {
        int rc = sqlite3_prepare_v3(st->db, stmt_sql[which], -1,
                                    SQLITE_PREPARE_PERSISTENT,
                                    &st->stmt[which], NULL);
        if (rc != SQLITE_OK) {
            st->stmt[which] = NULL;
            return xc_store_sqlfail(st, err, rc, "preparing a query");
        }
    }
    *out = st->stmt[which];
    return XC_OK;
}

/* Release a cached statement's read lock and its bound pointers. */
static void done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

/* Bind S (NULL for NULL), valid until the statement is reset. */
static int bind_str(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC)
             : sqlite3_bind_null(s, i);
}

/* Run the cached statement WHICH, which returns no rows. */
static xc_code run_cached(xc_store *st, enum xc_store_stmt which, const char *what,
                          xc_error *err)
{
    sqlite3_stmt *s = NULL;
    xc_code code = xc_store_stmt(st, which, &s, err);
    int rc;
    if (code != XC_OK)
        return code;
    rc = sqlite3_step(s);
    code = rc == SQLITE_DONE ? XC_OK : xc_store_sqlfail(st, err, rc, what);
    sqlite3_reset(s);
    return code;
}

xc_code xc_store_fts_flush(xc_store *st, xc_error *err)
{
    xc_code code = run_cached(st, XC_STORE_FTS_INDEX, "indexing the new documents for search",
                              err);
    return code == XC_OK ? run_cached(st, XC_STORE_FTS_DONE, "indexing for search", err)
                         : code;
}

/* What a transaction keeps in memory or queues until its end (document
   frequencies, documents to index for search), written before COMMIT. */
static xc_code flush_pending(xc_store *st, xc_error *err)
{
    xc_code code = xc_store_df_flush(st, err);
    if (code == XC_OK)
        code = xc_store_held_flush(st, 0, err);
    return code == XC_OK ? xc_store_fts_flush(st, err) : code;
}

/* The writes of one add, inside a transaction or savepoint the caller
   holds.  Sets *id and *added. */
static xc_code add_rows(xc_store *st, const xc_doc *doc, const char *hex,
                        int64_t *id, int *added, xc_error *err)
{
    sqlite3_stmt *s;
    xc_code code;
    int rc;

    code = xc_store_stmt(st, XC_STORE_FIND_HASH, &s, err);
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_text(s, 1, hex, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        *added = 0;
        done(s);
        return XC_OK;
    }
    if (rc != SQLITE_DONE) {
        code = xc_store_sqlfail(st, err, rc, "looking for the same text");
        done(s);
        return code;
    }
    done(s);

    code = xc_store_stmt(st, XC_STORE_ADD_DOC, &s, err);
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_text(s, 1, hex, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = bind_str(s, 2, doc->source);
    if (rc == SQLITE_OK)
        rc = bind_str(s, 3, doc->title);
    if (rc == SQLITE_OK)
        rc = bind_str(s, 4, doc->outlet);
    if (rc == SQLITE_OK)
        rc = bind_str(s, 5, doc->published);
    if (rc == SQLITE_OK)
        rc = bind_str(s, 6, doc->language);
    if (rc == SQLITE_OK)
        rc = bind_str(s, 7, doc->url);
    if (rc == SQLITE_OK)
        rc = bind_str(s, 8, doc->encoding);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 9, (sqlite3_int64)doc->len);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text64(s, 10, doc->text, (sqlite3_uint64)doc->len,
                                 SQLITE_STATIC, SQLITE_UTF8);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
        code = xc_store_sqlfail(st, err, rc, "storing the document");
        done(s);
        return code;
    }
    done(s);
    *id = sqlite3_last_insert_rowid(st->db);
    *added = 1;

    code = xc_store_stmt(st, XC_STORE_ADD_BOILER, &s, err);
    if (code != XC_OK)
        return code;
    for (size_t i = 0; i < doc->nboilerplate; i++) {
        rc = sqlite3_bind_int64(s, 1, *id);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(s, 2,
                                    (sqlite3_int64)doc->boilerplate[i].start);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(s, 3,
                                    (sqlite3_int64)doc->boilerplate[i].end);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(s);
        if (rc != SQLITE_DONE) {
            code = xc_store_sqlfail(st, err, rc, "storing the boilerplate");
            done(s);
            return code;
        }
        done(s);
    }
    return XC_OK;
}

xc_code xc_store_add(xc_store *st, const xc_doc *doc, int64_t *id,
                     int *added, xc_error *err)
{
    return xc_store_add_analyzed(st, doc, NULL, id, added, NULL, err);
}

xc_code xc_store_add_analyzed(xc_store *st, const xc_doc *doc,
                              const xc_features *f, int64_t *id, int *added,
                              int64_t *story, xc_error *err)
{
    char hex[17];
    uint64_t hash;
    int64_t newid = 0, newstory = 0;
    int was_added = 0, own;
    xc_features *mine = NULL;
    xc_code code;

    if (id)
        *id = 0;
    if (added)
        *added = 0;
    if (story)
        *story = 0;
    if (!st || !doc || !doc->text)
        return xc_fail(err, XC_ERR_ARG, "adding a document: no document");
    if (st->readonly)
        return xc_fail(err, XC_ERR_READONLY,
                       "cannot add: the database was opened read-only");
    for (size_t i = 0; i < doc->nboilerplate; i++) {
        const xc_span *b = &doc->boilerplate[i];
        const xc_span *prev = i > 0 ? &doc->boilerplate[i - 1] : NULL;
        if (b->start > b->end || b->end > doc->len ||
            (prev && (b->start < prev->end || b->start == prev->start)))
            return xc_fail(err, XC_ERR_ARG,
                           "adding %s: boilerplate span %zu [%zu, %zu) is "
                           "outside the text or out of order",
                           doc->source ? doc->source : "a document", i,
                           b->start, b->end);
    }

    hash = doc->hash ? doc->hash : XXH64(doc->text, doc->len, 0);
    snprintf(hex, sizeof hex, "%016" PRIx64, hash);

    /* Alone, an add is its own transaction; inside the caller's batch it
       is a savepoint, so a failed add leaves no part of itself behind. */
    own = sqlite3_get_autocommit(st->db);
    code = own ? xc_store_exec(st, "BEGIN IMMEDIATE", "starting to add a document", err)
               : XC_OK;
    if (code == XC_OK && own)
        code = xc_store_cache_begin(st, err);
    /* the frequency cache's undo list starts, outside the savepoint */
    if (code == XC_OK)
        code = xc_store_cache_mark(st, err);
    if (code == XC_OK && !own)
        code = run_cached(st, XC_STORE_SAVEPOINT, "starting to add a document", err);
    if (code != XC_OK) {
        if (own && !sqlite3_get_autocommit(st->db))
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return code;
    }
    code = add_rows(st, doc, hex, &newid, &was_added, err);
    /* a new document is analysed (unless the caller did) and clustered */
    if (code == XC_OK && was_added && !f)
        code = xc_features_compute(doc, &mine, err);
    if (code == XC_OK && was_added)
        code = xc_store_cluster(st, newid, doc, f ? f : mine, &newstory, err);
    else if (code == XC_OK)
        code = xc_store_story_of(st, newid, &newstory, err);
    xc_features_free(mine);
    if (code == XC_OK && own)
        code = flush_pending(st, err);
    if (code == XC_OK)
        code = own ? xc_store_exec(st, "COMMIT", "saving the document", err)
                   : run_cached(st, XC_STORE_RELEASE, "saving the document", err);
    if (code != XC_OK) {
        if (own) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            xc_store_cache_forget(st);
        } else {
            sqlite3_exec(st->db, "ROLLBACK TO xc_add", NULL, NULL, NULL);
            sqlite3_exec(st->db, "RELEASE xc_add", NULL, NULL, NULL);
            xc_store_cache_undo(st);
        }
        return code;
    }
    if (id)
        *id = newid;
    if (added)
        *added = was_added;
    if (story)
        *story = newstory;
    return XC_OK;
}

xc_code xc_store_begin(xc_store *st, xc_error *err)
{
    xc_code code;
    if (!st)
        return xc_fail(err, XC_ERR_ARG, "starting a transaction: no store");
    if (st->readonly)
        return xc_fail(err, XC_ERR_READONLY,
                       "cannot write: the database was opened read-only");
    if (!sqlite3_get_autocommit(st->db))
        return xc_fail(err, XC_ERR_ARG,
                       "starting a transaction: one is already open");
    code = xc_store_exec(st, "BEGIN IMMEDIATE", "starting a transaction", err);
    if (code == XC_OK && (code = xc_store_cache_begin(st, err)) != XC_OK)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return code;
}

xc_code xc_store_commit(xc_store *st, xc_error *err)
{
    xc_code code;
    if (!st)
        return xc_fail(err, XC_ERR_ARG, "committing: no store");
    if (sqlite3_get_autocommit(st->db))
        return xc_fail(err, XC_ERR_ARG,
                       "committing: no transaction is open");
    /* the frequencies counted in memory and the search index go in with
       the batch */
    code = flush_pending(st, err);
    if (code != XC_OK)
        return code;
    return xc_store_exec(st, "COMMIT", "committing", err);
}

xc_code xc_store_rollback(xc_store *st)
{
    if (!st)
        return XC_ERR_ARG;
    xc_store_cache_forget(st);
    if (sqlite3_get_autocommit(st->db))
        return XC_OK;
    return xc_store_exec(st, "ROLLBACK", "rolling back", NULL);
}

/* A copy of column I of S (NULL stays NULL) in *out; 0 when out of memory. */
static int dup_col(sqlite3_stmt *s, int i, char **out)
{
    const char *v = (const char *)sqlite3_column_text(s, i);
    *out = NULL;
    if (!v)
        return sqlite3_column_type(s, i) == SQLITE_NULL;
    *out = xc_strndup(v, (size_t)sqlite3_column_bytes(s, i));
    return *out != NULL;
}

/* Fill DOC's boilerplate from the database. */
static xc_code get_boilerplate(xc_store *st, int64_t id, xc_doc *doc,
                               xc_error *err)
{
    sqlite3_stmt *s;
    xc_spans spans = {NULL, 0, 0};
    xc_code code = xc_store_stmt(st, XC_STORE_GET_BOILER, &s, err);
    int rc;

    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, id);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_int64 a = sqlite3_column_int64(s, 0);
        sqlite3_int64 b = sqlite3_column_int64(s, 1);
        if (a < 0 || b < a || (uint64_t)b > (uint64_t)doc->len) {
            done(s);
            xc_spans_free(&spans);
            return xc_fail(err, XC_ERR_DB,
                           "reading document %" PRId64 " of %s: a boilerplate "
                           "span lies outside its text (the database is "
                           "damaged)",
                           id, st->path);
        }
        if (xc_spans_push(&spans, (size_t)a, (size_t)b) != XC_OK) {
            done(s);
            xc_spans_free(&spans);
            return xc_fail(err, XC_ERR_NOMEM,
                           "reading document %" PRId64 ": out of memory", id);
        }
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_DONE) {
        code = xc_store_sqlfail(st, err, rc, "reading the boilerplate");
        done(s);
        xc_spans_free(&spans);
        return code;
    }
    done(s);
    doc->boilerplate = spans.v;
    doc->nboilerplate = spans.n;
    return XC_OK;
}

xc_code xc_store_get(xc_store *st, int64_t id, xc_doc **out, xc_error *err)
{
    sqlite3_stmt *s;
    xc_doc *doc;
    const char *hex;
    xc_code code;
    int rc;

    if (out)
        *out = NULL;
    if (!st || !out)
        return xc_fail(err, XC_ERR_ARG, "reading a document: no store");
    code = xc_store_stmt(st, XC_STORE_GET_DOC, &s, err);
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        done(s);
        return xc_fail(err, XC_ERR_NOT_FOUND, "no document %" PRId64 " in the database",
                       id);
    }
    if (rc != SQLITE_ROW) {
        code = xc_store_sqlfail(st, err, rc, "reading a document");
        done(s);
        return code;
    }

    doc = xc_doc_new();
    if (!doc || !dup_col(s, 0, &doc->source) || !dup_col(s, 1, &doc->title) ||
        !dup_col(s, 2, &doc->outlet) || !dup_col(s, 3, &doc->published) ||
        !dup_col(s, 4, &doc->language) || !dup_col(s, 5, &doc->url) ||
        !dup_col(s, 6, &doc->encoding) || !dup_col(s, 8, &doc->text)) {
        done(s);
        xc_doc_free(doc);
        return xc_fail(err, XC_ERR_NOMEM,
                       "reading document %" PRId64 ": out of memory", id);
    }
    if (!doc->text) {
        done(s);
        xc_doc_free(doc);
        return xc_fail(err, XC_ERR_DB,
                       "reading document %" PRId64 ": it has no text "
                       "(the database is damaged)",
                       id);
    }
    doc->len = (size_t)sqlite3_column_bytes(s, 8);
    hex = (const char *)sqlite3_column_text(s, 7);
    doc->hash = hex ? (uint64_t)strtoull(hex, NULL, 16) : 0;
    doc->store_id = id;
    done(s);

    code = get_boilerplate(st, id, doc, err);
    if (code != XC_OK) {
        xc_doc_free(doc);
        return code;
    }
    *out = doc;
    return XC_OK;
}

/* Prepare SQL, which holds no input, for a loop whose rows go to a
   caller's callback (never cached: the callback may use the store). */
static xc_code prepare(xc_store *st, const char *sql, sqlite3_stmt **s,
                       xc_error *err)
{
    int rc = sqlite3_prepare_v2(st->db, sql, -1, s, NULL);
    if (rc != SQLITE_OK) {
        *s = NULL;
        return xc_store_sqlfail(st, err, rc, "preparing a query");
    }
    return XC_OK;
}

xc_code xc_store_list(xc_store *st, xc_doc_info_cb cb, void *ctx,
                      xc_error *err)
{
    sqlite3_stmt *s;
    xc_code code;
    int rc;

    if (!st || !cb)
        return xc_fail(err, XC_ERR_ARG, "listing documents: no store");
    code = prepare(st,
                   "SELECT id, source, title, outlet, published, added, bytes,"
                   " story FROM documents ORDER BY id",
                   &s, err);
    if (code != XC_OK)
        return code;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        xc_doc_info info;
        sqlite3_int64 bytes = sqlite3_column_int64(s, 6);
        info.id = sqlite3_column_int64(s, 0);
        info.source = (const char *)sqlite3_column_text(s, 1);
        info.title = (const char *)sqlite3_column_text(s, 2);
        info.outlet = (const char *)sqlite3_column_text(s, 3);
        info.published = (const char *)sqlite3_column_text(s, 4);
        info.added = (const char *)sqlite3_column_text(s, 5);
        info.bytes = bytes > 0 ? (size_t)bytes : 0;
        info.story = sqlite3_column_int64(s, 7);
        if (cb(ctx, &info)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    code = rc == SQLITE_DONE ? XC_OK
                             : xc_store_sqlfail(st, err, rc, "listing documents");
    sqlite3_finalize(s);
    return code;
}

xc_code xc_store_count(xc_store *st, int64_t *n, xc_error *err)
{
    sqlite3_stmt *s;
    xc_code code;
    int rc;

    if (n)
        *n = 0;
    if (!st || !n)
        return xc_fail(err, XC_ERR_ARG, "counting documents: no store");
    code = prepare(st, "SELECT count(*) FROM documents", &s, err);
    if (code != XC_OK)
        return code;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *n = sqlite3_column_int64(s, 0);
        code = XC_OK;
    } else {
        code = xc_store_sqlfail(st, err, rc, "counting documents");
    }
    sqlite3_finalize(s);
    return code;
}

xc_code xc_store_stories(xc_store *st, xc_story_cb cb, void *ctx,
                         xc_error *err)
{
    sqlite3_stmt *s;
    xc_code code;
    int rc;

    if (!st || !cb)
        return xc_fail(err, XC_ERR_ARG, "listing stories: no store");
    /* the dates: the documents' publication dates, else the days their
       texts name (story_features, in days since 1970) */
    code = prepare(st,
                   "SELECT s.id, s.title, count(d.id),"
                   " (SELECT group_concat(o, '; ') FROM (SELECT DISTINCT outlet AS o"
                   "   FROM documents WHERE story = s.id AND outlet IS NOT NULL"
                   "   ORDER BY o)),"
                   " coalesce(min(d.published), date(f.day_min * 86400, 'unixepoch')),"
                   " coalesce(max(d.published), date(f.day_max * 86400, 'unixepoch')),"
                   " (SELECT count(DISTINCT c.doc) FROM copies AS c"
                   "   JOIN documents AS x ON x.id = c.doc WHERE x.story = s.id)"
                   " FROM stories AS s"
                   " LEFT JOIN documents AS d ON d.story = s.id"
                   " LEFT JOIN story_features AS f ON f.story = s.id"
                   " GROUP BY s.id ORDER BY s.id",
                   &s, err);
    if (code != XC_OK)
        return code;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        xc_story_info info;
        sqlite3_int64 n = sqlite3_column_int64(s, 2);
        sqlite3_int64 nc = sqlite3_column_int64(s, 6);
        info.id = sqlite3_column_int64(s, 0);
        info.title = (const char *)sqlite3_column_text(s, 1);
        info.ndocs = n > 0 ? (size_t)n : 0;
        info.outlets = (const char *)sqlite3_column_text(s, 3);
        info.first = (const char *)sqlite3_column_text(s, 4);
        info.last = (const char *)sqlite3_column_text(s, 5);
        info.ncopies = nc > 0 ? (size_t)nc : 0;
        if (cb(ctx, &info)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    code = rc == SQLITE_DONE ? XC_OK
                             : xc_store_sqlfail(st, err, rc, "listing stories");
    sqlite3_finalize(s);
    return code;
}

/* XC_OK if story ID exists, XC_ERR_NOT_FOUND if not. */
static xc_code story_exists(xc_store *st, int64_t id, xc_error *err)
{
    sqlite3_stmt *s;
    xc_code code = prepare(st, "SELECT 1 FROM stories WHERE id = ?1", &s, err);
    int rc;

    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        code = XC_OK;
    else if (rc == SQLITE_DONE)
        code = xc_fail(err, XC_ERR_NOT_FOUND, "no story %" PRId64 " in the database", id);
    else
        code = xc_store_sqlfail(st, err, rc, "looking for a story");
    sqlite3_finalize(s);
    return code;
}

/* Give the dossier of stored story STORY the headline 'crosscheck stories'
   lists for it, so that the list and the dossier name it alike. */
static xc_code story_headline(xc_store *st, int64_t story, xc_dossier *d, xc_error *err)
{
    sqlite3_stmt *s;
    xc_code code = prepare(st, "SELECT title FROM stories WHERE id = ?1", &s, err);
    int rc;
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, story);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (t && *t && xc_dossier_set_story(d, t) != XC_OK)
            code = xc_fail(err, XC_ERR_NOMEM, "out of memory");
    } else if (rc != SQLITE_DONE) {
        code = xc_store_sqlfail(st, err, rc, "loading a story's headline");
    }
    sqlite3_finalize(s);
    return code;
}

xc_code xc_store_load_story(xc_store *st, int64_t story, xc_dossier *d,
                            xc_error *err)
{
    sqlite3_stmt *s;
    xc_code code;
    int rc = SQLITE_OK;

    if (!st || !d)
        return xc_fail(err, XC_ERR_ARG, "loading a story: no store or dossier");
    if (story != 0) {
        code = story_exists(st, story, err);
        if (code != XC_OK)
            return code;
    }
    code = prepare(st,
                   story ? "SELECT id FROM documents WHERE story = ?1 ORDER BY id"
                         : "SELECT id FROM documents ORDER BY id",
                   &s, err);
    if (code != XC_OK)
        return code;
    if (story)
        rc = sqlite3_bind_int64(s, 1, story);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 0);
        xc_doc *doc;
        code = xc_store_get(st, id, &doc, err);
        if (code != XC_OK)
            break;
        code = xc_dossier_add(d, doc);
        if (code != XC_OK) {
            xc_fail(err, code, "adding document %" PRId64 " to the dossier: %s",
                    id, xc_code_str(code));
            break;
        }
        rc = SQLITE_OK;
    }
    if (code == XC_OK && rc != SQLITE_DONE)
        code = xc_store_sqlfail(st, err, rc, "loading a story");
    sqlite3_finalize(s);
    if (code == XC_OK && story != 0)
        code = story_headline(st, story, d, err);
    return code;
}

xc_code xc_store_copies(xc_store *st, xc_copy_cb cb, void *ctx, xc_error *err)
{
    sqlite3_stmt *s;
    xc_code code;
    int rc;

    if (!st || !cb)
        return xc_fail(err, XC_ERR_ARG, "listing near-copies: no store");
    code = prepare(st,
                   "SELECT c.doc, c.copy_of, c.resemblance, a.title, a.outlet,"
                   " b.title, b.outlet FROM copies AS c"
                   " JOIN documents AS a ON a.id = c.doc"
                   " JOIN documents AS b ON b.id = c.copy_of"
                   " ORDER BY c.doc, c.copy_of",
                   &s, err);
    if (code != XC_OK)
        return code;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        xc_copy_info info;
        info.doc = sqlite3_column_int64(s, 0);
        info.copy_of = sqlite3_column_int64(s, 1);
        info.resemblance = sqlite3_column_double(s, 2);
        info.title = (const char *)sqlite3_column_text(s, 3);
        info.outlet = (const char *)sqlite3_column_text(s, 4);
        info.copy_of_title = (const char *)sqlite3_column_text(s, 5);
        info.copy_of_outlet = (const char *)sqlite3_column_text(s, 6);
        if (cb(ctx, &info)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    code = rc == SQLITE_DONE ? XC_OK
                             : xc_store_sqlfail(st, err, rc, "listing near-copies");
    sqlite3_finalize(s);
    return code;
}
