/*
 * state.c: what the server's threads share.  Reading runs in parallel on
 * read-only store handles taken from a pool (SQLite's WAL lets readers go
 * on while one writer writes); writing goes through one handle under a
 * mutex.  Three things are costly to make and cheap to keep, so they are
 * kept until the documents change:
 *
 *   - the catalog: every stored document's metadata and every story's
 *     summary, which the lists and searches answer from;
 *   - the dossier cache: the JSON of each story's dossier, built once in a
 *     thread of its own.  A request waits for it until its deadline and
 *     then gets a 503 while the build goes on, so no request is held
 *     longer than the time limit, and a story being built is built once
 *     however many ask for it.
 *   - the memo: the answers of recent searches (FTS5 takes milliseconds
 *     to rank a common word), one slot per hash of the request, the newest
 *     answer in each.
 *
 * A generation number tells what is current.  Adding and deleting through
 * the server bump it; so does a change in the number of stored documents,
 * which is how documents added by another program (crosscheck add) are
 * noticed.  Everything built carries the generation it was built from.
 */
#include "serve/serve.h"
#include "core/util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

enum { BUILDING, READY, FAILED };

struct xc_serve_entry {
    xc_server *sv;
    int64_t story;
    uint64_t gen, used;
    int state;
    xc_serve_blob *json; /* when READY */
    xc_error err;        /* when FAILED */
    pthread_t thread;
    int has_thread;
    unsigned waiters; /* requests holding the entry while they wait */
    xc_serve_entry *next;
};

double xc_serve_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void xc_serve_blob_unref(void *p)
{
    xc_serve_blob *b = p;
    if (b && atomic_fetch_sub(&b->refs, 1) == 1) {
        free(b->data);
        free(b->gz);
        free(b);
    }
}

/* ---- store handles ------------------------------------------------------ */

xc_store *xc_serve_store_get(xc_server *sv, xc_error *err)
{
    xc_store *st = NULL;
    pthread_mutex_lock(&sv->lock);
    if (sv->npool > 0)
        st = sv->pool[--sv->npool];
    pthread_mutex_unlock(&sv->lock);
    if (!st && xc_store_open(sv->db, XC_STORE_READONLY, &st, err) != XC_OK)
        return NULL;
    return st;
}

void xc_serve_store_put(xc_server *sv, xc_store *st)
{
    if (!st)
        return;
    pthread_mutex_lock(&sv->lock);
    if (sv->npool < sv->poolcap) {
        sv->pool[sv->npool++] = st;
        st = NULL;
    }
    pthread_mutex_unlock(&sv->lock);
    xc_store_close(st); /* more handles than threads: one too many */
}

/* ---- generations ---------------------------------------------------------- */

void xc_serve_changed(xc_server *sv, xc_store *st)
{
    int64_t n = -1;
    if (st)
        xc_store_count(st, &n, NULL);
    pthread_mutex_lock(&sv->lock);
    sv->gen++;
    sv->ndocs_seen = n;
    pthread_mutex_unlock(&sv->lock);
}

xc_code xc_serve_gen(xc_server *sv, uint64_t *gen, xc_error *err)
{
    xc_store *st = xc_serve_store_get(sv, err);
    int64_t n;
    xc_code code;

    if (!st)
        return err ? err->code : XC_ERR_DB;
    code = xc_store_count(st, &n, err);
    xc_serve_store_put(sv, st);
    if (code != XC_OK)
        return code;
    pthread_mutex_lock(&sv->lock);
    if (n != sv->ndocs_seen) {
        sv->gen++;
        sv->ndocs_seen = n;
    }
    *gen = sv->gen;
    pthread_mutex_unlock(&sv->lock);
    return XC_OK;
}

/* ---- the catalog ------------------------------------------------------------ */

void xc_serve_catalog_unref(xc_serve_catalog *c)
{
    if (!c || atomic_fetch_sub(&c->refs, 1) != 1)
        return;
    for (size_t i = 0; i < c->ndocs; i++) {
        free(c->docs[i].title);
        free(c->docs[i].outlet);
        free(c->docs[i].published);
        free(c->docs[i].source);
    }
    for (size_t i = 0; i < c->nstories; i++)
        free(c->stories[i].title);
    free(c->docs);
    free(c->stories);
    free(c->outlets);
    free(c);
}

/* A copy of S, or NULL for NULL; sets *oom when the copy fails. */
static char *dup_or_null(const char *s, int *oom)
{
    char *d;
    if (!s)
        return NULL;
    if (!(d = strdup(s)))
        *oom = 1;
    return d;
}

typedef struct catalog_fill {
    xc_serve_catalog *c;
    size_t cap;
    int oom;
} catalog_fill;

static int take_doc(void *ctx, const xc_doc_info *in)
{
    catalog_fill *f = ctx;
    xc_serve_catalog *c = f->c;
    xc_serve_doc *d = xc_grow(c->docs, &f->cap, c->ndocs, sizeof *d);
    if (!d) {
        f->oom = 1;
        return 1;
    }
    c->docs = d;
    d = &c->docs[c->ndocs++];
    memset(d, 0, sizeof *d);
    d->id = in->id;
    d->story = in->story;
    d->bytes = in->bytes;
    d->title = dup_or_null(in->title, &f->oom);
    d->outlet = dup_or_null(in->outlet, &f->oom);
    d->published = dup_or_null(in->published, &f->oom);
    d->source = dup_or_null(in->source, &f->oom);
    return f->oom;
}

static int take_story(void *ctx, const xc_story_info *in)
{
    catalog_fill *f = ctx;
    xc_serve_catalog *c = f->c;
    xc_serve_story *s = xc_grow(c->stories, &f->cap, c->nstories, sizeof *s);
    if (!s) {
        f->oom = 1;
        return 1;
    }
    c->stories = s;
    s = &c->stories[c->nstories++];
    memset(s, 0, sizeof *s);
    s->id = in->id;
    s->title = dup_or_null(in->title, &f->oom);
    return f->oom;
}

static int story_cmp(const void *a, const void *b)
{
    int64_t x = ((const xc_serve_story *)a)->id;
    int64_t y = ((const xc_serve_story *)b)->id;
    return (x > y) - (x < y);
}

static int story_cmp(const void *a, const void *b);

/* Story ID of C for changing, or NULL. */
static xc_serve_story *find_story(xc_serve_catalog *c, int64_t id)
{
    xc_serve_story key;
    key.id = id;
    return c->nstories
               ? bsearch(&key, c->stories, c->nstories, sizeof key, story_cmp)
               : NULL;
}

/* Order documents by story, then outlet. */
static int by_story_outlet(const void *a, const void *b)
{
    const xc_serve_doc *x = *(const xc_serve_doc *const *)a;
    const xc_serve_doc *y = *(const xc_serve_doc *const *)b;
    if (x->story != y->story)
        return (x->story > y->story) - (x->story < y->story);
    return strcmp(x->outlet, y->outlet);
}

/* Give each story of C its distinct outlets, sorted.  0 when out of
   memory. */
static int catalog_outlets(xc_serve_catalog *c)
{
    const xc_serve_doc **v = malloc((c->ndocs + 1) * sizeof *v);
    size_t n = 0, k = 0;

    if (!v || !(c->outlets = malloc((c->ndocs + 1) * sizeof *c->outlets))) {
        free(v);
        return 0;
    }
    for (size_t i = 0; i < c->ndocs; i++)
        if (c->docs[i].outlet)
            v[n++] = &c->docs[i];
    xc_sort(v, n, sizeof *v, by_story_outlet);
    for (size_t i = 0; i < n; i++) {
        xc_serve_story *s;
        if (i > 0 && v[i]->story == v[i - 1]->story &&
            strcmp(v[i]->outlet, v[i - 1]->outlet) == 0)
            continue;
        if (!(s = find_story(c, v[i]->story)))
            continue;
        if (s->noutlets == 0)
            s->outlet0 = k;
        s->noutlets++;
        c->outlets[k++] = v[i]->outlet;
    }
    free(v);
    return 1;
}

static int doc_cmp(const void *a, const void *b)
{
    int64_t x = ((const xc_serve_doc *)a)->id;
    int64_t y = ((const xc_serve_doc *)b)->id;
    return (x > y) - (x < y);
}

const xc_serve_doc *xc_serve_catalog_doc(const xc_serve_catalog *c, int64_t id)
{
    xc_serve_doc key;
    key.id = id;
    return c->ndocs ? bsearch(&key, c->docs, c->ndocs, sizeof key, doc_cmp)
                    : NULL;
}

const xc_serve_story *xc_serve_catalog_story(const xc_serve_catalog *c,
                                             int64_t id)
{
    return find_story((xc_serve_catalog *)(uintptr_t)c, id);
}

/* Read a new catalog from ST. */
static xc_code catalog_read(xc_store *st, uint64_t gen, xc_serve_catalog **out,
                            xc_error *err)
{
    catalog_fill f = {NULL, 0, 0};
    xc_code code;

    *out = NULL;
    if (!(f.c = calloc(1, sizeof *f.c)))
        return xc_serve_fail(err, XC_ERR_NOMEM, "out of memory");
    atomic_init(&f.c->refs, 1);
    f.c->gen = gen;
    code = xc_store_list(st, take_doc, &f, err);
    f.cap = 0;
    if (code == XC_OK && !f.oom)
        code = xc_store_stories(st, take_story, &f, err);
    if (code == XC_OK && f.oom)
        code = xc_serve_fail(err, XC_ERR_NOMEM, "out of memory");
    if (code != XC_OK) {
        xc_serve_catalog_unref(f.c);
        return code;
    }
    /* the store lists both by id already; sorting again costs little and
       keeps the binary searches right whatever order that becomes */
    xc_sort(f.c->docs, f.c->ndocs, sizeof *f.c->docs, doc_cmp);
    xc_sort(f.c->stories, f.c->nstories, sizeof *f.c->stories, story_cmp);
    for (size_t i = 0; i < f.c->ndocs; i++) {
        const xc_serve_doc *d = &f.c->docs[i];
        xc_serve_story *s = find_story(f.c, d->story);
        if (!s)
            continue;
        s->ndocs++;
        if (d->published && (!s->first || strcmp(d->published, s->first) < 0))
            s->first = d->published;
        if (d->published && (!s->last || strcmp(d->published, s->last) > 0))
            s->last = d->published;
    }
    if (!catalog_outlets(f.c)) {
        xc_serve_catalog_unref(f.c);
        return xc_serve_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    *out = f.c;
    return XC_OK;
}

xc_code xc_serve_catalog_get(xc_server *sv, xc_serve_catalog **out,
                             xc_error *err)
{
    xc_serve_catalog *c = NULL;
    xc_store *st;
    uint64_t gen;
    xc_code code = xc_serve_gen(sv, &gen, err);

    *out = NULL;
    if (code != XC_OK)
        return code;
    pthread_mutex_lock(&sv->catalog_lock);
    pthread_mutex_lock(&sv->lock);
    if (sv->catalog && sv->catalog->gen == gen) {
        c = sv->catalog;
        atomic_fetch_add(&c->refs, 1);
    }
    pthread_mutex_unlock(&sv->lock);
    if (!c) {
        if (!(st = xc_serve_store_get(sv, err))) {
            code = err->code;
        } else {
            code = catalog_read(st, gen, &c, err);
            xc_serve_store_put(sv, st);
        }
        if (code == XC_OK) {
            xc_serve_catalog *old;
            atomic_fetch_add(&c->refs, 1); /* one for the server, one for us */
            pthread_mutex_lock(&sv->lock);
            old = sv->catalog;
            sv->catalog = c;
            pthread_mutex_unlock(&sv->lock);
            xc_serve_catalog_unref(old);
        }
    }
    pthread_mutex_unlock(&sv->catalog_lock);
    *out = c;
    return code;
}

/* ---- the dossier cache ------------------------------------------------------ */

/* B's bytes gzip-compressed into B->gz, for the clients that take it (a
   dossier shrinks to about a quarter).  Without them when that fails. */
static void compress_blob(xc_serve_blob *b)
{
    z_stream z;
    uLong bound;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip wrapper rather than zlib's */
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return;
    bound = deflateBound(&z, (uLong)b->len);
    if ((b->gz = malloc(bound))) {
        z.next_in = (Bytef *)b->data;
        z.avail_in = (uInt)b->len;
        z.next_out = (Bytef *)b->gz;
        z.avail_out = (uInt)bound;
        if (deflate(&z, Z_FINISH) == Z_STREAM_END) {
            b->gzlen = z.total_out;
        } else {
            free(b->gz);
            b->gz = NULL;
        }
    }
    deflateEnd(&z);
}

/* Build the dossier of E's story: runs in a thread of its own. */
static void *build(void *arg)
{
    xc_serve_entry *e = arg;
    xc_server *sv = e->sv;
    xc_serve_blob *blob = NULL;
    xc_dossier *d = xc_dossier_new();
    xc_store *st = NULL;
    xc_error err;
    xc_code code = XC_OK;
    char *data = NULL;
    size_t len = 0;

    memset(&err, 0, sizeof err);
    if (!d)
        code = xc_serve_fail(&err, XC_ERR_NOMEM, "out of memory");
    if (code == XC_OK && !(st = xc_serve_store_get(sv, &err)))
        code = err.code;
    if (code == XC_OK)
        code = xc_store_load_story(st, e->story, d, &err);
    xc_serve_store_put(sv, st);
    if (code == XC_OK)
        code = xc_dossier_build(d, &err);
    if (code == XC_OK) {
        FILE *f = open_memstream(&data, &len);
        if (!f)
            code = xc_serve_fail(&err, XC_ERR_NOMEM, "out of memory");
        else {
            code = xc_dossier_write_json(d, f, XC_RENDER_WITH_TEXT, &err);
            if (fclose(f) != 0 && code == XC_OK)
                code = xc_serve_fail(&err, XC_ERR_NOMEM, "out of memory");
        }
    }
    if (code == XC_OK && !(blob = malloc(sizeof *blob)))
        code = xc_serve_fail(&err, XC_ERR_NOMEM, "out of memory");
    if (code == XC_OK) {
        atomic_init(&blob->refs, 1);
        blob->data = data;
        blob->len = len;
        blob->gz = NULL;
        blob->gzlen = 0;
        data = NULL;
        if (len <= UINT32_MAX)
            compress_blob(blob);
    }
    free(data);
    xc_dossier_free(d);

    pthread_mutex_lock(&sv->lock);
    if (code == XC_OK) {
        e->state = READY;
        e->json = blob;
        sv->cache_bytes += blob->len + blob->gzlen;
    } else {
        e->state = FAILED;
        e->err = err;
        if (e->err.code == XC_OK)
            e->err.code = code;
    }
    sv->building--;
    pthread_cond_broadcast(&sv->changed);
    pthread_mutex_unlock(&sv->lock);
    return NULL;
}

static void entry_free(xc_server *sv, xc_serve_entry *e)
{
    if (e->has_thread)
        pthread_join(e->thread, NULL);
    if (e->json) {
        sv->cache_bytes -= e->json->len + e->json->gzlen;
        xc_serve_blob_unref(e->json);
    }
    free(e);
}

/* Drop finished entries of old generations, then the least recently used
   until the cache is under its size.  With SV->lock held. */
static void cache_trim(xc_server *sv, uint64_t gen)
{
    for (;;) {
        xc_serve_entry **victim = NULL, **p;
        for (p = &sv->cache; *p; p = &(*p)->next) {
            xc_serve_entry *e = *p;
            if (e->state == BUILDING || e->waiters > 0)
                continue;
            if (e->gen != gen || e->state == FAILED) {
                victim = p;
                break;
            }
            if (sv->cache_bytes > XC_SERVE_CACHE_BYTES &&
                (!victim || e->used < (*victim)->used))
                victim = p;
        }
        if (!victim)
            return;
        {
            xc_serve_entry *e = *victim;
            *victim = e->next;
            entry_free(sv, e);
        }
    }
}

xc_code xc_serve_dossier(xc_server *sv, int64_t story, uint64_t gen,
                         double deadline, xc_serve_blob **out, xc_error *err)
{
    xc_serve_entry *e;
    xc_code code;
    unsigned max_builds = sv->o.threads > 1 ? sv->o.threads : 1;

    *out = NULL;
    pthread_mutex_lock(&sv->lock);
    for (e = sv->cache; e; e = e->next)
        if (e->story == story && e->gen == gen)
            break;
    if (!e) {
        cache_trim(sv, gen);
        if (sv->building >= max_builds) {
            pthread_mutex_unlock(&sv->lock);
            return xc_serve_fail(err, XC_ERR_DB_BUSY,
                           "the server is building other dossiers; try "
                           "again in a moment");
        }
        if (!(e = calloc(1, sizeof *e))) {
            pthread_mutex_unlock(&sv->lock);
            return xc_serve_fail(err, XC_ERR_NOMEM, "out of memory");
        }
        e->sv = sv;
        e->story = story;
        e->gen = gen;
        e->state = BUILDING;
        if (pthread_create(&e->thread, NULL, build, e) != 0) {
            free(e);
            pthread_mutex_unlock(&sv->lock);
            return xc_serve_fail(err, XC_ERR_NOMEM,
                           "cannot start a thread to build the dossier");
        }
        e->has_thread = 1;
        sv->building++;
        e->next = sv->cache;
        sv->cache = e;
    }
    e->waiters++;
    while (e->state == BUILDING && !atomic_load(&sv->stopping)) {
        struct timespec ts;
        double left = deadline - xc_serve_now();
        if (left <= 0)
            break;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += (time_t)left;
        ts.tv_nsec += (long)((left - (double)(time_t)left) * 1e9);
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&sv->changed, &sv->lock, &ts);
    }
    e->waiters--;
    if (e->state == READY) {
        e->used = ++sv->tick;
        atomic_fetch_add(&e->json->refs, 1);
        *out = e->json;
        code = XC_OK;
    } else if (e->state == FAILED) {
        code = e->err.code;
        if (err)
            *err = e->err;
    } else {
        code = xc_serve_fail(err, XC_ERR_DB_BUSY,
                       "the dossier of story %" PRId64 " is still being "
                       "built; try again in a moment",
                       story);
    }
    pthread_mutex_unlock(&sv->lock);
    return code;
}

/* ---- remembered answers ---------------------------------------------------- */

/* The memo slot of KEY: FNV-1a, one slot per hash, the newest wins. */
static struct xc_serve_memo *memo_slot(xc_server *sv, const char *key)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return &sv->memo[h % XC_SERVE_MEMO];
}

xc_serve_blob *xc_serve_memo_get(xc_server *sv, const char *key, uint64_t gen)
{
    xc_serve_blob *b = NULL;
    struct xc_serve_memo *m = memo_slot(sv, key);
    pthread_mutex_lock(&sv->lock);
    if (m->blob && m->gen == gen && strcmp(m->key, key) == 0) {
        b = m->blob;
        atomic_fetch_add(&b->refs, 1);
    }
    pthread_mutex_unlock(&sv->lock);
    return b;
}

void xc_serve_memo_put(xc_server *sv, const char *key, uint64_t gen,
                       xc_serve_blob *blob)
{
    struct xc_serve_memo *m = memo_slot(sv, key);
    char *k = strdup(key);
    xc_serve_blob *old = NULL;
    if (!k)
        return;
    atomic_fetch_add(&blob->refs, 1);
    pthread_mutex_lock(&sv->lock);
    old = m->blob;
    free(m->key);
    m->key = k;
    m->gen = gen;
    m->blob = blob;
    pthread_mutex_unlock(&sv->lock);
    xc_serve_blob_unref(old);
}

/* ---- setting up and tearing down ------------------------------------------ */

xc_code xc_serve_state_init(xc_server *sv, xc_error *err)
{
    xc_code code;
    pthread_mutex_init(&sv->lock, NULL);
    pthread_cond_init(&sv->changed, NULL);
    pthread_mutex_init(&sv->catalog_lock, NULL);
    pthread_mutex_init(&sv->write_lock, NULL);
    sv->ndocs_seen = -1;
    sv->poolcap = (size_t)sv->o.threads * 2 + 2;
    if (!(sv->pool = calloc(sv->poolcap, sizeof *sv->pool)))
        return xc_serve_fail(err, XC_ERR_NOMEM, "out of memory");
    code = xc_store_open(sv->db, 0, &sv->writer, err);
    if (code == XC_OK)
        code = xc_store_count(sv->writer, &sv->ndocs_seen, err);
    return code;
}

void xc_serve_state_free(xc_server *sv)
{
    /* builds in progress are waited for: a dossier cannot be stopped
       halfway */
    pthread_mutex_lock(&sv->lock);
    while (sv->cache) {
        xc_serve_entry *e = sv->cache;
        sv->cache = e->next;
        if (e->state == BUILDING) {
            pthread_mutex_unlock(&sv->lock);
            pthread_join(e->thread, NULL);
            pthread_mutex_lock(&sv->lock);
            e->has_thread = 0;
        }
        entry_free(sv, e);
    }
    pthread_mutex_unlock(&sv->lock);
    xc_serve_catalog_unref(sv->catalog);
    sv->catalog = NULL;
    for (size_t i = 0; i < XC_SERVE_MEMO; i++) {
        free(sv->memo[i].key);
        xc_serve_blob_unref(sv->memo[i].blob);
        sv->memo[i].key = NULL;
        sv->memo[i].blob = NULL;
    }
    while (sv->npool > 0)
        xc_store_close(sv->pool[--sv->npool]);
    free(sv->pool);
    sv->pool = NULL;
    xc_store_close(sv->writer);
    sv->writer = NULL;
    pthread_mutex_destroy(&sv->lock);
    pthread_cond_destroy(&sv->changed);
    pthread_mutex_destroy(&sv->catalog_lock);
    pthread_mutex_destroy(&sv->write_lock);
}
