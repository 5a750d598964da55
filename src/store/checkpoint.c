/*
 * checkpoint.c: copying the write-ahead log into the database in a thread
 * of its own, for a long run of batches (xc_store_open with XC_STORE_BULK,
 * as crosscheck add opens its store).
 *
 * In WAL mode a commit appends the pages it changed to the log, and by
 * default the commit that takes the log past 1,000 pages then copies the
 * log into the database and syncs the database: a checkpoint.  In a bulk
 * add that was nearly every commit (a batch of 500 reports changes about
 * 1,000 pages), and the writer, the one stage of an add that cannot run in
 * parallel, spent a sixth of its time in those copies and syncs: 8 s of
 * syncs in a 50,000-document run.
 *
 * Here the writer's commits instead wake a checkpointer thread, which runs
 * passive checkpoints on a connection of its own.  A passive checkpoint
 * copies what was committed while the writer goes on appending.  The log
 * starts over from its beginning only when a writer begins and finds it
 * all copied, which a writer that never pauses never does; so once the log
 * holds RESTART_FACTOR times the pages that ask for a checkpoint and the
 * checkpointer is idle, the commit restarts the log itself
 * (SQLITE_CHECKPOINT_RESTART), having only the pages since the last
 * passive checkpoint left to copy; it does not wait for readers of older
 * snapshots there, and tries again at the next commit.  Past LIMIT_FACTOR
 * times it waits for the checkpointer to finish, then for the readers (up
 * to the busy timeout), and restarts the log: that bounds the log.
 *
 * The safety is SQLite's own: a checkpoint copies committed pages only,
 * and a crash in the middle of one is recovered from the log at the next
 * open.  A bulk store's commits do not sync the log (synchronous=NORMAL,
 * set in store.c): a kill loses nothing committed, a power cut at most the
 * last commits, and closing the store syncs everything.
 *
 * The page thresholds are those of SQLite's automatic checkpoint (1,000
 * pages), 16 and 64 times that; CROSSCHECK_CHECKPOINT_PAGES replaces the
 * 1,000, for tests that need the restarts to happen on a small corpus.
 */
#include "store/store.h"

#include <pthread.h>
#include <stdlib.h>

#define CHECKPOINT_PAGES 1000
#define RESTART_FACTOR 16
#define LIMIT_FACTOR 64

struct xc_ckpt {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    sqlite3 *db; /* the checkpointer's own connection */
    int due;     /* a commit asked for a checkpoint */
    int busy;    /* the checkpointer is copying */
    int stop;
    int pages;   /* the log's size that asks for a checkpoint */
    int busy_ms; /* the writer's busy timeout */
};

static void *ckpt_main(void *arg)
{
    xc_ckpt *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (!c->due && !c->stop)
            pthread_cond_wait(&c->cv, &c->mu);
        if (c->stop)
            break;
        c->due = 0;
        c->busy = 1;
        pthread_mutex_unlock(&c->mu);
        /* a failure (the disk full, the file gone) is the writer's to meet
           on its next commit; the log keeps every committed page */
        (void)sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&c->mu);
        c->busy = 0;
        pthread_cond_broadcast(&c->cv); /* a writer may wait to restart */
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

/* SQLite calls this after each commit on the writer's connection, with the
   log's size in pages. */
static int wal_hook(void *ctx, sqlite3 *db, const char *name, int pages)
{
    xc_ckpt *c = ctx;
    int forced = pages >= LIMIT_FACTOR * c->pages;
    if (pages < c->pages)
        return SQLITE_OK;
    pthread_mutex_lock(&c->mu);
    if (pages < RESTART_FACTOR * c->pages || (!forced && (c->busy || c->due))) {
        c->due = 1;
        pthread_cond_signal(&c->cv);
        pthread_mutex_unlock(&c->mu);
        return SQLITE_OK;
    }
    /* a restart cannot run beside a checkpoint (it would fail at once):
       past the limit, wait for the running one to end */
    while (c->busy)
        pthread_cond_wait(&c->cv, &c->mu);
    c->due = 0;
    pthread_mutex_unlock(&c->mu);
    /* the restart also waits for readers of older snapshots; below the
       limit it does not wait for them (busy timeout 0): it fails, and
       the next commit tries again.  A failure leaves the log as it is. */
    if (!forced)
        sqlite3_busy_timeout(db, 0);
    (void)sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
    if (!forced)
        sqlite3_busy_timeout(db, c->busy_ms);
    return SQLITE_OK;
}

xc_code xc_store_checkpoint_start(xc_store *st, xc_error *err)
{
    xc_ckpt *c;
    int rc;
    (void)err;
    /* only a matter of speed: whatever fails here leaves SQLite's own
       checkpoints in place */
    if (st->ckpt || st->readonly || !(c = calloc(1, sizeof *c)))
        return XC_OK;
    c->pages = (int)xc_store_env_long("CROSSCHECK_CHECKPOINT_PAGES",
                                      CHECKPOINT_PAGES, 1, 1000000);
    c->busy_ms = st->busy_ms;
    rc = sqlite3_open_v2(st->path, &c->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        sqlite3_busy_timeout(c->db, st->busy_ms);
    /* a connection finds the log when it first reads: until then it would
       take the file for one without a log and have nothing to copy */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(c->db, "PRAGMA schema_version", NULL, NULL, NULL);
    if (rc != SQLITE_OK || pthread_mutex_init(&c->mu, NULL) != 0) {
        sqlite3_close_v2(c->db);
        free(c);
        return XC_OK;
    }
    if (pthread_cond_init(&c->cv, NULL) != 0 ||
        pthread_create(&c->thread, NULL, ckpt_main, c) != 0) {
        pthread_cond_destroy(&c->cv);
        pthread_mutex_destroy(&c->mu);
        sqlite3_close_v2(c->db);
        free(c);
        return XC_OK;
    }
    st->ckpt = c;
    sqlite3_wal_hook(st->db, wal_hook, c);
    return XC_OK;
}

void xc_store_checkpoint_stop(xc_store *st)
{
    xc_ckpt *c = st ? st->ckpt : NULL;
    if (!c)
        return;
    /* back to SQLite's own checkpoints for what the connection still does */
    sqlite3_wal_autocheckpoint(st->db, CHECKPOINT_PAGES);
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->thread, NULL);
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    sqlite3_close_v2(c->db);
    free(c);
    st->ckpt = NULL;
}
