/*
 * servedb.h: what the two server targets share (fuzz/api.c: the request
 * handling in process; fuzz/http.c: the same through libmicrohttpd): the
 * small database every run starts with, made once, and putting it back
 * after requests changed it (an added or deleted document).  fuzz/api.c
 * puts it back after every change, so that every input meets the same
 * three documents; fuzz/http.c lets a few added documents stay.  Either
 * way the database cannot grow for ever: a story grown by thousands of
 * added documents would make every later dossier slower.
 */
#ifndef XC_FUZZ_SERVEDB_H
#define XC_FUZZ_SERVEDB_H

#include "serve/serve.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The corpus every input meets: two reports of one story, one other, as
   the body of POST /api/documents (Content-Type application/x-ndjson). */
static const char fuzz_corpus[] =
    "{\"text\":\"Ruben Vardanyan was sentenced to 20 years on Friday, the "
    "court in Baku said. \\\"This is a political trial,\\\" his lawyer "
    "said.\",\"title\":\"Vardanyan sentenced\",\"outlet\":\"Example News\","
    "\"published\":\"2026-02-14\",\"url\":\"https://example.org/a\"}\n"
    "{\"text\":\"A court in Baku sentenced Ruben Vardanyan to 20 years in "
    "prison on 13 February. \\\"It is a political trial,\\\" said his "
    "lawyer.\",\"title\":\"20 years for Vardanyan\",\"outlet\":\"Other "
    "Outlet\",\"published\":\"2026-02-13\"}\n"
    "{\"text\":\"The city council approved a budget of 3 million euros for "
    "new bicycle lanes on Tuesday.\",\"title\":\"Bicycle lanes\"}\n";

/* Where the database lives: its folder, the file the server uses, and the
   copy made once with the corpus in it. */
typedef struct fuzz_db {
    char dir[64], db[96], base[96];
    sqlite3 *mem; /* BASE's pages, in memory */
    sqlite3 *dst; /* DB, a connection of its own */
    uint64_t base_gen;  /* the server's generation and count of */
    int64_t base_count; /* documents just after it opened BASE's copy */
} fuzz_db;

/* A fresh folder for NAME's database in F, in memory where there is a
   tmpfs (adding a document syncs the database: on a disk the wait costs
   more than the request).  Aborts when it cannot be made. */
static inline void fuzz_db_init(fuzz_db *f, const char *name)
{
    snprintf(f->dir, sizeof f->dir, "%s/crosscheck-fuzz-%s-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", name);
    if (!mkdtemp(f->dir))
        abort();
    snprintf(f->db, sizeof f->db, "%s/fuzz.db", f->dir);
    snprintf(f->base, sizeof f->base, "%s/base.db", f->dir);
}

static inline int fuzz_copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[65536];
    size_t n;
    int ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

/* Remove the database's write-ahead log and shared memory files. */
static inline void fuzz_db_unlink_wal(const fuzz_db *f)
{
    char path[112];
    snprintf(path, sizeof path, "%s-wal", f->db);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", f->db);
    unlink(path);
}

/* Copy every page of FROM into TO; 0 on success. */
static inline int fuzz_db_copy(sqlite3 *from, sqlite3 *to)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    int rc;
    if (!b)
        return -1;
    rc = sqlite3_backup_step(b, -1);
    return sqlite3_backup_finish(b) == SQLITE_OK && rc == SQLITE_DONE ? 0 : -1;
}

/* Keep the closed database F->db (with the corpus added) as F->base, and
   its pages in memory. */
static inline void fuzz_db_keep(fuzz_db *f)
{
    sqlite3 *base = NULL;
    if (fuzz_copy_file(f->db, f->base) != 0 ||
        sqlite3_open_v2(f->base, &base, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_open(":memory:", &f->mem) != SQLITE_OK || fuzz_db_copy(base, f->mem) != 0)
        abort();
    sqlite3_close(base);
}

/* Remember what server SV made of the base just after opening it. */
static inline void fuzz_db_opened(fuzz_db *f, xc_server *sv)
{
    if (sqlite3_open_v2(f->db, &f->dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        abort();
    f->base_gen = sv->gen;
    f->base_count = sv->ndocs_seen;
}

/* Close F's connections and remove every file of F. */
static inline void fuzz_db_remove(fuzz_db *f)
{
    char path[112];
    sqlite3_close(f->dst);
    sqlite3_close(f->mem);
    f->dst = f->mem = NULL;
    snprintf(path, sizeof path, "%s-wal", f->base);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", f->base);
    unlink(path);
    unlink(f->base);
    unlink(f->db);
    fuzz_db_unlink_wal(f);
    rmdir(f->dir);
}

/* Put SV's database back as it was made, with the generation it had then:
   what the server built from it (the catalog, dossiers, remembered
   searches) is right again and stays.  The pages of the base are written
   over the database through a connection of its own (SQLite's backup), as
   another program writing it would: the server's store handles stay open
   and see the change (each forgets what it cached when the database's
   data_version moves).  Closing and opening them instead cost ten times
   more than most requests.  No request may be in progress (a dossier
   build is waited for).  Aborts when the copy fails. */
static inline void fuzz_db_restore(const fuzz_db *f, xc_server *sv)
{
    pthread_mutex_lock(&sv->lock);
    while (sv->building)
        pthread_cond_wait(&sv->changed, &sv->lock);
    pthread_mutex_unlock(&sv->lock);
    if (fuzz_db_copy(f->mem, f->dst) != 0) {
        fprintf(stderr, "fuzz: cannot put the database back: %s\n", sqlite3_errmsg(f->dst));
        abort();
    }
    pthread_mutex_lock(&sv->lock);
    sv->gen = f->base_gen;
    sv->ndocs_seen = f->base_count;
    pthread_mutex_unlock(&sv->lock);
}

#endif
