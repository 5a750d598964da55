/*
 * delete.c: taking a document out of the store, for the server's DELETE
 * /api/documents/N (and any later `crosscheck rm`).  One transaction removes
 * the document row; the schema's triggers and foreign keys take the rest
 * with it (the full-text index entry, the boilerplate spans, the
 * annotations, and whatever the story tables hang on a document), and the
 * document's story goes too when it was the last document in it.  What
 * clustering counted goes as well: the document's words, its entities and
 * the document itself leave the frequencies (table df), and a story that
 * keeps other documents gets its centroid, index keys and title
 * recomputed from them (cluster_store.c).  Every statement binds its
 * values.
 */
#include "store/store.h"

#include <inttypes.h>

/* Run SQL with ID bound to ?1.  *changes receives the rows changed (may
   be NULL).  Fails as xc_store_sqlfail does. */
static xc_code run_id(xc_store *st, const char *sql, int64_t id,
                      int *changes, const char *what, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    xc_code code = XC_OK;

    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        code = xc_store_sqlfail(st, err, rc, what);
    else if (changes)
        *changes = sqlite3_changes(st->db);
    sqlite3_finalize(s);
    return code;
}

/* The story of document ID in *story (0 when it has none).  Fails with
   XC_ERR_NOT_FOUND when there is no such document. */
static xc_code story_of(xc_store *st, int64_t id, int64_t *story,
                        xc_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT story FROM documents WHERE id = ?1",
                                -1, &s, NULL);
    xc_code code = XC_OK;

    *story = 0;
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *story = sqlite3_column_int64(s, 0);
    else if (rc == SQLITE_DONE)
        code = xc_fail(err, XC_ERR_NOT_FOUND,
                       "no document %" PRId64 " in the database", id);
    else
        code = xc_store_sqlfail(st, err, rc, "looking for the document");
    sqlite3_finalize(s);
    return code;
}

/* Whether story STORY exists, in *yes. */
static xc_code story_exists(xc_store *st, int64_t story, int *yes, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "SELECT 1 FROM stories WHERE id = ?1", -1, &s,
                                NULL);
    *yes = 0;
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 1, story);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return xc_store_sqlfail(st, err, rc, "looking for the story");
    *yes = rc == SQLITE_ROW;
    return XC_OK;
}

/* The writes of one delete, inside the caller's transaction. */
static xc_code delete_rows(xc_store *st, int64_t id, xc_error *err)
{
    int64_t story;
    int changes = 0, left = 0;
    xc_code code = story_of(st, id, &story, err);

    /* its words and entities no longer count for IDF */
    if (code == XC_OK)
        code = xc_store_cluster_unlink(st, id, err);
    /* the spans go by ON DELETE CASCADE when foreign keys are on; saying
       so here keeps them from outliving their document when they are not */
    if (code == XC_OK)
        code = run_id(st, "DELETE FROM boilerplate WHERE doc = ?1", id, NULL,
                      "deleting the boilerplate", err);
    if (code == XC_OK)
        code = run_id(st, "DELETE FROM documents WHERE id = ?1", id, &changes,
                      "deleting the document", err);
    if (code == XC_OK && changes != 1)
        code = xc_fail(err, XC_ERR_NOT_FOUND,
                       "no document %" PRId64 " in the database", id);
    if (code != XC_OK || story == 0)
        return code;

    /* An empty story goes too, unless something else still refers to it
       (then the failed statement alone is undone and the story stays). */
    code = xc_store_exec(st, "SAVEPOINT xc_story", "deleting the story", err);
    if (code != XC_OK)
        return code;
    code = run_id(st,
                  "DELETE FROM stories WHERE id = ?1 AND NOT EXISTS"
                  " (SELECT 1 FROM documents WHERE story = ?1)",
                  story, NULL, "deleting the empty story", err);
    if (code != XC_OK && (st->last_rc & 0xff) == SQLITE_CONSTRAINT) {
        sqlite3_exec(st->db, "ROLLBACK TO xc_story", NULL, NULL, NULL);
        xc_error_clear(err);
        code = XC_OK;
    }
    if (code == XC_OK)
        code = xc_store_exec(st, "RELEASE xc_story", "deleting the story", err);
    /* a story that remains forgets what only this document brought */
    if (code == XC_OK)
        code = story_exists(st, story, &left, err);
    if (code == XC_OK && left)
        code = xc_store_cluster_rebuild(st, story, err);
    return code;
}

xc_code xc_store_delete(xc_store *st, int64_t id, xc_error *err)
{
    xc_code code;
    int own;

    if (!st)
        return xc_fail(err, XC_ERR_ARG, "deleting a document: no store");
    if (st->readonly)
        return xc_fail(err, XC_ERR_READONLY,
                       "cannot delete: the database was opened read-only");
    if (id <= 0)
        return xc_fail(err, XC_ERR_NOT_FOUND,
                       "no document %" PRId64 " in the database", id);

    /* alone a transaction of its own, inside a batch a savepoint */
    own = sqlite3_get_autocommit(st->db);
    /* the frequencies counted in memory are written out first (inside a
       batch, outside the savepoint, so they stay if the delete fails);
       the delete changes table df and the cache is forgotten after */
    code = own ? XC_OK : xc_store_df_flush(st, err);
    if (code == XC_OK)
        code = xc_store_exec(st, own ? "BEGIN IMMEDIATE" : "SAVEPOINT xc_delete",
                             "starting to delete a document", err);
    if (code != XC_OK)
        return code;
    /* (another writer may have changed the file since the caches were
       filled) */
    if (code == XC_OK && own)
        code = xc_store_cache_begin(st, err);
    /* the index keys held in memory go to the tables first: a story the
       document leaves has its keys rewritten there */
    if (code == XC_OK)
        code = xc_store_held_flush(st, 1, err);
    if (code == XC_OK)
        code = delete_rows(st, id, err);
    if (code == XC_OK)
        code = xc_store_exec(st, own ? "COMMIT" : "RELEASE xc_delete",
                             "saving the deletion", err);
    if (code != XC_OK) {
        if (own) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        } else {
            sqlite3_exec(st->db, "ROLLBACK TO xc_delete", NULL, NULL, NULL);
            sqlite3_exec(st->db, "RELEASE xc_delete", NULL, NULL, NULL);
        }
    }
    xc_store_cache_forget(st);
    return code;
}
