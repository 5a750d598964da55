/*
 * schema.c: what a crosscheck database holds and how an old one is brought
 * up to date.  The schema is an ordered list of migration steps; step N
 * takes a database from version N-1 to version N, and PRAGMA user_version
 * records how many have run.  Opening a database runs the missing steps in
 * one transaction, so a database is always at one version or the next and
 * never in between.  Before anything is written, the file is recognised by
 * PRAGMA application_id: a SQLite file of some other program is refused and
 * left exactly as it was.  docs/schema.md explains every table.
 *
 * Steps are only ever appended: a released step is never edited, because
 * databases in the field have already run it.
 */
#include "store/store.h"

#include <stdio.h>

static const char *const steps[] = {
    /* 1: documents, the page furniture inside them, and stories */
    "CREATE TABLE stories ("
    "  id      INTEGER PRIMARY KEY,"
    "  title   TEXT,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE TABLE documents ("
    "  id        INTEGER PRIMARY KEY,"
    "  hash      TEXT NOT NULL UNIQUE,"
    "  source    TEXT,"
    "  title     TEXT,"
    "  outlet    TEXT,"
    "  published TEXT,"
    "  language  TEXT,"
    "  url       TEXT,"
    "  encoding  TEXT,"
    "  bytes     INTEGER NOT NULL,"
    "  added     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  story     INTEGER REFERENCES stories(id),"
    "  text      TEXT NOT NULL"
    ");"
    "CREATE INDEX documents_story ON documents(story);"
    "CREATE TABLE boilerplate ("
    "  doc   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  PRIMARY KEY (doc, start)"
    ") WITHOUT ROWID;",

    /* 2: full-text search over title and text.  External content: the
       index refers to documents by id and reads the text from there, so
       the text is stored once.  The triggers keep the index in step and
       'rebuild' indexes the documents stored before this step. */
    "CREATE VIRTUAL TABLE fts USING fts5("
    "  title, text,"
    "  content='documents', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2'"
    ");"
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
    "  INSERT INTO fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;"
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    "  INSERT INTO fts(fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "END;"
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text"
    "  ON documents BEGIN"
    "  INSERT INTO fts(fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "  INSERT INTO fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;"
    "INSERT INTO fts(fts) VALUES ('rebuild');",

    /* 3: annotations the analysis stages attach to a document by offset */
    "CREATE TABLE annotations ("
    "  doc   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  kind  TEXT NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  value TEXT"
    ");"
    "CREATE INDEX annotations_doc ON annotations(doc, kind, start);",

    /* 4: near-copies and story clustering.  features: per document its
       MinHash signature, content words and entity keys (packed) and its
       day; lsh: the signature's band keys, to find near-copies without
       comparing every pair; copies: which document is a near-copy of
       which; df: in how many documents each content word or entity key
       occurs (for IDF); story_features: each story's centroid and date
       range; story_keys: an inverted index from a key to the stories it
       is heavy in.  A deleted document leaves no row behind (the
       trigger), and a story left without documents disappears. */
    "ALTER TABLE stories ADD COLUMN ndocs INTEGER NOT NULL DEFAULT 0;"
    "UPDATE stories SET ndocs ="
    "  (SELECT count(*) FROM documents WHERE story = stories.id);"
    "CREATE TABLE features ("
    "  doc      INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
    "  minhash  BLOB,"
    "  terms    BLOB NOT NULL,"
    "  entities BLOB NOT NULL,"
    "  day      INTEGER"
    ");"
    "CREATE TABLE lsh ("
    "  key INTEGER NOT NULL,"
    "  doc INTEGER NOT NULL,"
    "  PRIMARY KEY (key, doc)"
    ") WITHOUT ROWID;"
    "CREATE INDEX lsh_doc ON lsh(doc);"
    "CREATE TABLE copies ("
    "  doc         INTEGER NOT NULL,"
    "  copy_of     INTEGER NOT NULL,"
    "  resemblance REAL NOT NULL,"
    "  PRIMARY KEY (doc, copy_of)"
    ") WITHOUT ROWID;"
    "CREATE INDEX copies_of ON copies(copy_of);"
    "CREATE TABLE df ("
    "  key INTEGER PRIMARY KEY,"
    "  n   INTEGER NOT NULL"
    ");"
    "CREATE TABLE story_features ("
    "  story    INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,"
    "  terms    BLOB NOT NULL,"
    "  entities BLOB NOT NULL,"
    "  day_min  INTEGER,"
    "  day_max  INTEGER"
    ");"
    "CREATE TABLE story_keys ("
    "  key   INTEGER NOT NULL,"
    "  story INTEGER NOT NULL,"
    "  PRIMARY KEY (key, story)"
    ") WITHOUT ROWID;"
    "CREATE INDEX story_keys_story ON story_keys(story);"
    "CREATE TRIGGER documents_cluster_delete AFTER DELETE ON documents BEGIN"
    "  DELETE FROM features WHERE doc = old.id;"
    "  DELETE FROM lsh WHERE doc = old.id;"
    "  DELETE FROM copies WHERE doc = old.id OR copy_of = old.id;"
    "  UPDATE stories SET ndocs = ndocs - 1 WHERE id = old.story;"
    "  DELETE FROM story_keys WHERE story = old.story"
    "    AND (SELECT ndocs FROM stories WHERE id = old.story) <= 0;"
    "  DELETE FROM story_features WHERE story = old.story"
    "    AND (SELECT ndocs FROM stories WHERE id = old.story) <= 0;"
    "  DELETE FROM stories WHERE id = old.story AND ndocs <= 0;"
    "END;",

    /* 5: the full-text index is brought up to date once per transaction,
       not row by row.  A new document is queued in fts_todo, and the
       store indexes the queue in one statement just before it commits
       (xc_store_fts_flush): indexing row by row made FTS5 write a segment
       per document and merge them, a third of the cost of an add.  A
       deleted or changed document is taken out of the index only if it
       was in it. */
    "CREATE TABLE fts_todo (doc INTEGER PRIMARY KEY);"
    "DROP TRIGGER documents_fts_insert;"
    "DROP TRIGGER documents_fts_delete;"
    "DROP TRIGGER documents_fts_update;"
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
    "  INSERT INTO fts_todo (doc) VALUES (new.id);"
    "END;"
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    "  INSERT INTO fts (fts, rowid, title, text)"
    "    SELECT 'delete', old.id, old.title, old.text"
    "    WHERE NOT EXISTS (SELECT 1 FROM fts_todo WHERE doc = old.id);"
    "  DELETE FROM fts_todo WHERE doc = old.id;"
    "END;"
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text"
    "  ON documents BEGIN"
    "  INSERT INTO fts (fts, rowid, title, text)"
    "    SELECT 'delete', old.id, old.title, old.text"
    "    WHERE NOT EXISTS (SELECT 1 FROM fts_todo WHERE doc = old.id);"
    "  INSERT OR IGNORE INTO fts_todo (doc) VALUES (new.id);"
    "END;",

    /* 6: the index keys of the newest documents stay out of tables lsh
       and story_keys until enough have arrived to be written in one pass
       in key order: a key is random, so a batch of documents inserting
       their keys made every page of those tables dirty at every commit, a
       cost that grew with the store.  Until then the store holds them in
       memory, recomputed from features.minhash (the band keys) and the
       new features.keys (a document's story keys, packed 8 bytes each);
       store_state records the last document whose keys are in the tables
       (indexed_upto).  lsh_doc goes: a deleted document's band keys are
       recomputed from its signature (the delete trigger no longer touches
       lsh: rows of a document deleted with SQLite directly stay, and a
       look-up skips them since the document has no signature any more). */
    "ALTER TABLE features ADD COLUMN keys BLOB;"
    "CREATE TABLE store_state ("
    "  name  TEXT PRIMARY KEY,"
    "  value INTEGER NOT NULL"
    ") WITHOUT ROWID;"
    "INSERT INTO store_state (name, value)"
    "  VALUES ('indexed_upto', (SELECT coalesce(max(id), 0) FROM documents));"
    "DROP INDEX lsh_doc;"
    "DROP TRIGGER documents_cluster_delete;"
    "CREATE TRIGGER documents_cluster_delete AFTER DELETE ON documents BEGIN"
    "  DELETE FROM features WHERE doc = old.id;"
    "  DELETE FROM copies WHERE doc = old.id OR copy_of = old.id;"
    "  UPDATE stories SET ndocs = ndocs - 1 WHERE id = old.story;"
    "  DELETE FROM story_keys WHERE story = old.story"
    "    AND (SELECT ndocs FROM stories WHERE id = old.story) <= 0;"
    "  DELETE FROM story_features WHERE story = old.story"
    "    AND (SELECT ndocs FROM stories WHERE id = old.story) <= 0;"
    "  DELETE FROM stories WHERE id = old.story AND ndocs <= 0;"
    "END;",

    /* 7: full-text search writes larger segments and merges them less
       often: its pending terms go to a segment at 16 MiB instead of 1 MiB
       (a batch of 500 reports made several segments, now one), and eight
       segments of a level are merged instead of four.  The settings live
       in the table's own fts_config; the segments already written stay. */
    "INSERT INTO fts (fts, rank) VALUES ('hashsize', 16777216);"
    "INSERT INTO fts (fts, rank) VALUES ('automerge', 8);",
};

#define NSTEPS ((int)(sizeof steps / sizeof steps[0]))

/* What the file says about itself before we touch it. */
typedef struct probe {
    int app_id;
    int version;
    sqlite3_int64 nobjects; /* tables, indexes, views, triggers */
} probe;

/* Read the header fields and count the schema objects.  This is the first
   read of the file, so a file that is not SQLite fails here. */
static xc_code probe_db(xc_store *st, probe *p, xc_error *err)
{
    static const char sql[] =
        "SELECT (SELECT application_id FROM pragma_application_id),"
        "       (SELECT user_version FROM pragma_user_version),"
        "       (SELECT count(*) FROM sqlite_schema)";
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        xc_code code = xc_store_sqlfail(st, err, rc, "reading the database");
        sqlite3_finalize(s);
        return code;
    }
    p->app_id = sqlite3_column_int(s, 0);
    p->version = sqlite3_column_int(s, 1);
    p->nobjects = sqlite3_column_int64(s, 2);
    sqlite3_finalize(s);
    return XC_OK;
}

/*
 * Decide from P whether the file is ours.  Sets *steps_due to the number of
 * migration steps to run (0 when up to date).  Fails with XC_ERR_NOT_DB,
 * XC_ERR_SCHEMA, or XC_ERR_READONLY for a read-only handle that would have
 * to write.
 */
static xc_code judge(const xc_store *st, const probe *p, int *steps_due,
                     xc_error *err)
{
    *steps_due = 0;
    if (p->app_id == 0 && p->version == 0 && p->nobjects == 0) {
        if (st->readonly)
            return xc_fail(err, XC_ERR_NOT_DB,
                           "not a crosscheck database (an empty file)");
        *steps_due = NSTEPS;
        return XC_OK;
    }
    if (p->app_id == 0)
        return xc_fail(err, XC_ERR_NOT_DB,
                       "not a crosscheck database (a SQLite database of "
                       "something else; left untouched)");
    if (p->app_id != XC_STORE_APP_ID)
        return xc_fail(err, XC_ERR_NOT_DB,
                       "not a crosscheck database (a SQLite database of "
                       "another program, application id %d; left "
                       "untouched)",
                       p->app_id);
    if (p->version > NSTEPS)
        return xc_fail(err, XC_ERR_SCHEMA,
                       "written by a newer crosscheck (schema version %d; "
                       "this one knows up to %d): upgrade crosscheck to "
                       "use it",
                       p->version, NSTEPS);
    if (p->version < 0)
        return xc_fail(err, XC_ERR_NOT_DB,
                       "not a crosscheck database (schema version %d)",
                       p->version);
    if (p->version < NSTEPS && st->readonly)
        return xc_fail(err, XC_ERR_READONLY,
                       "schema version %d must be upgraded to %d, which a "
                       "read-only open cannot do: open it once for writing",
                       p->version, NSTEPS);
    *steps_due = NSTEPS - p->version;
    return XC_OK;
}

/* Run the steps after version FROM and record the new version, inside the
   caller's transaction. */
static xc_code migrate(xc_store *st, int from, xc_error *err)
{
    char sql[128];
    for (int v = from; v < NSTEPS; v++) {
        char what[64];
        xc_code code;
        snprintf(what, sizeof what, "upgrading the schema to version %d",
                 v + 1);
        code = xc_store_exec(st, steps[v], what, err);
        if (code != XC_OK)
            return code;
    }
    snprintf(sql, sizeof sql,
             "PRAGMA application_id = %d; PRAGMA user_version = %d;",
             XC_STORE_APP_ID, NSTEPS);
    return xc_store_exec(st, sql, "recording the schema version", err);
}

xc_code xc_store_schema_open(xc_store *st, xc_error *err)
{
    probe p;
    int due;
    xc_code code = probe_db(st, &p, err);
    if (code != XC_OK)
        return code;
    code = judge(st, &p, &due, err);
    if (code != XC_OK || st->readonly)
        return code;

    /* The file is ours (or empty): from here on we may write to it.  A new
       file gets pages of XC_STORE_PAGE_SIZE bytes (which only an empty file
       can take, before WAL mode): a document, its features and its story's
       centroid are a few kilobytes each, so with larger pages adding one
       writes fewer pages, and SQLite makes fewer system calls.
       synchronous=FULL syncs the log on every commit, so a committed batch
       survives a power cut, not only a crash of the program (a bulk store
       sets NORMAL afterwards: xc_store_open). */
    if (due == NSTEPS && p.nobjects == 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA page_size = %d", XC_STORE_PAGE_SIZE);
        code = xc_store_exec(st, sql, "setting up a new database", err);
        if (code != XC_OK)
            return code;
    }
    code = xc_store_exec(st,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = FULL;"
                         "PRAGMA foreign_keys = ON;",
                         "setting up the connection", err);
    if (code != XC_OK || due == 0)
        return code;

    /* Another process may be creating or migrating the same file: take the
       write lock first, then look again. */
    code = xc_store_exec(st, "BEGIN IMMEDIATE", "locking to upgrade the schema",
                         err);
    if (code != XC_OK)
        return code;
    code = probe_db(st, &p, err);
    if (code == XC_OK)
        code = judge(st, &p, &due, err);
    if (code == XC_OK && due > 0)
        code = migrate(st, NSTEPS - due, err);
    if (code == XC_OK)
        code = xc_store_exec(st, "COMMIT", "saving the schema", err);
    if (code != XC_OK)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return code;
}
