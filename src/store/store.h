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

#include "cluster/cluster.h"
#include "core/util.h"

#include <sqlite3.h>

/* Written to PRAGMA application_id so that a crosscheck database can be
   told from any other SQLite file: "XCHK". */
#define XC_STORE_APP_ID 0x5843484B

/* The page size of a new database file, in bytes (schema.c). */
#define XC_STORE_PAGE_SIZE 16384

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
    XC_STORE_FTS_INDEX,
    XC_STORE_FTS_DONE,
    XC_STORE_SAVEPOINT,
    XC_STORE_RELEASE,
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
    XC_CSTMT_DF_GET,
    XC_CSTMT_DF_PUT,
    XC_CSTMT_DF_DEL,
    XC_CSTMT_HELD_UPTO,
    XC_CSTMT_HELD_SET,
    XC_CSTMT_HELD_READ,
    XC_CSTMT_LSH_DEL,
    XC_CSTMT_LSH_KEYS,
    XC_CSTMT_N
};

/* One document frequency held in memory (cluster_store.c): KEY (never 0)
   occurs in N documents; DIRTY when N is not yet written to table df. */
typedef struct xc_dfslot {
    uint64_t key;
    uint32_t n;
    uint32_t dirty;
} xc_dfslot;

/*
 * The document frequencies of clustering, counted in memory and written
 * to table df when the transaction commits (xc_store_df_flush), instead
 * of one write per word per document.  Clean entries stay between
 * transactions while no other connection writes the database (PRAGMA
 * data_version tells), so the frequent words are read once.  UNDO lists
 * the keys the add in progress counted, to take back if it fails.
 */
typedef struct xc_dfcache {
    xc_dfslot *slot;       /* open addressing by key; key 0: empty */
    size_t cap, len, ndirty;
    uint32_t ndocs;        /* the documents counted (key 0 of table df) */
    int ndocs_state;       /* 0 not read, 1 read, 2 changed */
    int64_t data_version;  /* PRAGMA data_version when last checked */
    uint64_t *undo;        /* keys counted by the add in progress */
    size_t nundo, capundo;
    int undo_ndocs;        /* ... and whether it counted itself */
} xc_dfcache;

/*
 * Story centroids as last read or written, unpacked, by story number
 * modulo XC_CENTROID_CACHE (the newest stories, which new documents join
 * most, stay in it): a document compares itself with dozens of stories,
 * and reading each from its blob cost a fifth of an add.  An entry is
 * exactly what table story_features holds for the story, or absent.  At
 * most about 7.6 KB an entry (420 keys, and their low bits apart for
 * scoring: xc_centroid_index), 124 MB in all; 4,096 entries
 * missed so often on 20,000 documents that misses cost a fifth of the
 * writer's time.
 */
#define XC_CENTROID_CACHE 16384
typedef struct xc_centslot {
    int64_t story; /* 0: empty */
    xc_centroid c;
} xc_centslot;

/*
 * The index keys of the newest documents, in memory only (schema step 6):
 * for the documents after indexed_upto (table store_state), their LSH band
 * keys (recomputed from features.minhash) and their story keys
 * (features.keys, under the document's story) are held here, not in
 * tables lsh and story_keys.  Once enough have gathered
 * (xc_store_held_flush, before COMMIT) they are written in key order,
 * which dirties each page of those tables once for thousands of documents
 * instead of once per batch (a key is random: a batch inserting 32 keys a
 * document touched every page).  Look-ups read both.  Each list is in the
 * order the documents came; BAND is indexed by key (linear probing, so a
 * key's entries are met in that order), KEYS through TOPS.  A story merged
 * into another is renamed in KEYS as in table story_keys.
 */
typedef struct xc_heldent {
    int64_t key;
    int64_t val; /* the document (band keys) or the story (story keys) */
} xc_heldent;

typedef struct xc_heldlist {
    xc_heldent *ent;
    size_t n, cap;
    uint64_t *slot; /* the key's low 32 bits << 32 | index + 1 into ENT;
                       0: empty.  A look-up passes over other keys' slots
                       without reading ENT, which is mostly a cache miss */
    size_t nslot;   /* a power of two, at least twice N (0: not indexed) */
} xc_heldlist;

/* For each story key held, the newest stories (the highest ids) among
   those held under it, each once, at most XC_HELD_TOP: what a look-up
   needs, without walking every document that has a common key.  Counted
   again from KEYS for the keys of a story that a merge renames. */
#define XC_HELD_TOP 24

typedef struct xc_heldtop {
    int64_t key;
    uint32_t off;   /* its stories: POOL[off .. off + n) */
    uint8_t n, cap; /* cap 0: an empty slot */
    uint8_t stale;  /* being counted again (a merge renamed a story) */
} xc_heldtop;

typedef struct xc_heldtops {
    xc_heldtop *slot; /* by key, linear probing */
    size_t nslot, n;  /* a power of two, at least twice N */
    int64_t *pool;
    size_t npool, poolcap;
} xc_heldtops;

typedef struct xc_held {
    int loaded;       /* 0: to be read (forgotten, or never read) */
    int64_t upto;     /* the documents up to this one are in the tables */
    int64_t last;     /* the newest document held (0: none) */
    size_t ndocs;     /* documents held */
    xc_heldlist band; /* LSH band key -> document */
    xc_heldlist keys; /* story key -> story (not indexed: TOPS is) */
    xc_heldtops tops; /* story key -> its newest stories */
} xc_held;

/*
 * Which band keys table lsh may hold: a Bloom filter over every key in the
 * table, each key four bits of one 64-bit word.  Nearly all of a new
 * document's 32 band look-ups find nothing (near-copies are rare), and
 * each walked the table's B-tree, whose pages miss the cache more as the
 * table grows: about a tenth of the writer's time at 100,000 documents.
 * A key the filter does not have is not looked up.  Built by reading the
 * table's keys in order, once this handle has looked up enough documents
 * to pay for the read (see cluster_store.c), and kept up to date by every
 * key written; a key deleted stays in it (a look-up for nothing, never a
 * near-copy missed).  Forgotten with the caches.
 */
typedef struct xc_lshfilter {
    uint64_t *word; /* NULL: not built */
    size_t nword;   /* a power of two */
    size_t nkeys;   /* keys put in, repeats counted */
    size_t looked;  /* documents looked up while not built */
    size_t skipped; /* look-ups it kept off the table */
    int off;        /* CROSSCHECK_LSH_FILTER=0: never built (for tests) */
    int tiny;       /* CROSSCHECK_LSH_FILTER=2: from 64 words (for tests) */
} xc_lshfilter;

typedef struct xc_ckpt xc_ckpt; /* checkpoint.c */

struct xc_store {
    sqlite3 *db;
    char *path;   /* as given to xc_store_open, for messages */
    int readonly; /* opened with XC_STORE_READONLY */
    int nosync;   /* XC_STORE_BULK: commits do not sync (synced at close) */
    int busy_ms;  /* the busy timeout in force */
    int last_rc;  /* the SQLite result of the last failure reported */
    sqlite3_stmt *stmt[XC_STORE_NSTMT];
    sqlite3_stmt *cstmt[XC_CSTMT_N];
    xc_dfcache df;
    xc_centslot *cent; /* XC_CENTROID_CACHE slots, or NULL until used */
    xc_held held;
    xc_lshfilter lshf;
    xc_ckpt *ckpt;        /* background checkpoints, or NULL */
};

/* Checkpoints in a thread of their own (checkpoint.c), for a store opened
   with XC_STORE_BULK: start after the schema is set up (a read-only store
   or one already started is left as it is), stop before closing. */
xc_code xc_store_checkpoint_start(xc_store *st, xc_error *err);
void xc_store_checkpoint_stop(xc_store *st);

/* The number in environment variable NAME when it is a whole decimal
   number from MIN to MAX, FALLBACK otherwise (unset, empty, not a number,
   out of range).  For the settings that tests and benchmarks change. */
long xc_store_env_long(const char *name, long fallback, long min, long max);

/* The stories a document with heavy key KEY is compared with: the
   XC_HELD_TOP newest (highest ids) among those KEY is heavy in, from
   table story_keys and those held in memory, into TOP[0..*n) in no order
   (for tests: what clustering reads for one key). */
xc_code xc_store_key_stories(xc_store *st, uint64_t key, int64_t top[XC_HELD_TOP],
                             size_t *n, xc_error *err);

/* The cached statement WHICH, ready to bind, in *out (reset it after
   use).  Fails as xc_store_sqlfail does. */
xc_code xc_store_stmt(xc_store *st, enum xc_store_stmt which, sqlite3_stmt **out,
                      xc_error *err);

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
 * Index the documents queued in fts_todo (schema step 5) in the full-text
 * index, in one statement, and empty the queue; inside the caller's
 * transaction, before COMMIT.  Fails as xc_store_sqlfail does.
 */
xc_code xc_store_fts_flush(xc_store *st, xc_error *err);

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

/*
 * Taking document DOC out (delete.c), with the frequency cache written
 * out and forgotten: xc_store_cluster_unlink, before its row goes, counts
 * its words and entities and itself once less in table df;
 * xc_store_cluster_rebuild, after, recomputes the centroid, the index keys
 * and the title of STORY from the documents left in it (with today's
 * frequencies), so the story no longer draws documents by what only the
 * deleted one said.  Its cost grows with the story's size, not the
 * store's.  Fail as xc_store_sqlfail does, or XC_ERR_NOMEM.
 */
xc_code xc_store_cluster_unlink(xc_store *st, int64_t doc, xc_error *err);
xc_code xc_store_cluster_rebuild(xc_store *st, int64_t story, xc_error *err);

/* Finalize the clustering statements and free the frequency cache
   (xc_store_close). */
void xc_store_cluster_close(xc_store *st);

/*
 * The clustering caches (frequencies and centroids) around transactions.
 * xc_store_cache_begin, right after BEGIN, forgets them when another
 * connection has written the database since; xc_store_df_flush writes the
 * counts changed in memory to table df, inside the transaction, before
 * COMMIT (and before anything else reads or changes table df);
 * xc_store_cache_forget drops both (after a ROLLBACK: the changes the
 * frequencies held are gone with the transaction).  xc_store_cache_mark
 * starts an add's undo list, before the add's savepoint (and flushes and
 * empties the frequencies when they have grown past their bound);
 * xc_store_cache_undo takes the add's counts back and drops the centroids
 * (it failed and was rolled back to its savepoint).  Fail as
 * xc_store_sqlfail does.
 */
xc_code xc_store_cache_begin(xc_store *st, xc_error *err);
xc_code xc_store_df_flush(xc_store *st, xc_error *err);
/* Write the index keys held in memory to tables lsh and story_keys when
   enough have gathered, or ALL of them (reading them first if need be),
   inside the transaction, before COMMIT (ALL: before a delete, which
   rewrites a story's keys in the table). */
xc_code xc_store_held_flush(xc_store *st, int all, xc_error *err);
void xc_store_cache_forget(xc_store *st);
xc_code xc_store_cache_mark(xc_store *st, xc_error *err);
void xc_store_cache_undo(xc_store *st);

#endif
