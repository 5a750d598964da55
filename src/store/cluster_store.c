/*
 * cluster_store.c: near-copies and stories in the database, as documents
 * arrive.  xc_store_add_analyzed (store.c) calls xc_store_cluster inside
 * the transaction that stores a new document; this file does the SQL and
 * leaves every decision to src/cluster (the same code the dossier uses in
 * memory):
 *
 *   1. near-copies: the signature's LSH band keys find the earlier
 *      documents that share a band (table lsh); those whose estimated
 *      resemblance reaches XC_NEAR_COPY are recorded in copies;
 *   2. document frequencies (table df, the document count under key 0)
 *      give the IDF that weighs the document's vector;
 *   3. the story: a near-copy joins its original's story; otherwise the
 *      stories that share the document's heaviest keys (story_keys, the
 *      most recent few per key) are candidates, their centroids
 *      (story_features) are scored and xc_story_decide picks one, starts
 *      one, or merges the stories the document bridges.
 *
 * Every look-up reads a bounded number of rows through an index, so the
 * cost of a document does not grow with the number stored.
 */
#include "cluster/cluster.h"
#include "core/util.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define LSH_PER_BAND 32 /* earlier documents read per band key */
#define STORIES_PER_KEY XC_HELD_TOP /* most recent stories read per query key */
#define TALLY_SLOTS 4096   /* a power of two (2^12) over twice 32 * STORIES_PER_KEY */

static const char *const sql[XC_CSTMT_N] = {
    [XC_CSTMT_LSH_FIND] = "SELECT doc FROM lsh WHERE key = ?1 ORDER BY doc LIMIT 32",
    [XC_CSTMT_LSH_ADD] = "INSERT OR IGNORE INTO lsh (key, doc) VALUES (?1, ?2)",
    [XC_CSTMT_SIG] = "SELECT minhash FROM features WHERE doc = ?1",
    [XC_CSTMT_COPY_ADD] =
        "INSERT OR REPLACE INTO copies (doc, copy_of, resemblance) VALUES (?1, ?2, ?3)",
    [XC_CSTMT_FEAT_ADD] =
        ("INSERT OR REPLACE INTO features (doc, minhash, terms, entities, day, keys)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
    [XC_CSTMT_DF_BUMP] =
        ("INSERT INTO df (key, n) VALUES (?1, 1)"
         " ON CONFLICT (key) DO UPDATE SET n = n + 1 RETURNING n"),
    [XC_CSTMT_KEY_FIND] =
        "SELECT story FROM story_keys WHERE key = ?1 ORDER BY story DESC LIMIT 24",
    [XC_CSTMT_KEY_ADD] = "INSERT OR IGNORE INTO story_keys (key, story) VALUES (?1, ?2)",
    [XC_CSTMT_CENTROID] =
        ("SELECT f.terms, f.entities, f.day_min, f.day_max, s.ndocs"
         " FROM story_features AS f JOIN stories AS s ON s.id = f.story"
         " WHERE f.story = ?1"),
    [XC_CSTMT_CENTROID_PUT] =
        ("INSERT OR REPLACE INTO story_features (story, terms, entities, day_min, day_max)"
         " VALUES (?1, ?2, ?3, ?4, ?5)"),
    [XC_CSTMT_STORY_NEW] = "INSERT INTO stories (title, ndocs) VALUES (?1, 0)",
    [XC_CSTMT_STORY_JOIN] =
        ("UPDATE stories SET ndocs = ndocs + 1, title = coalesce(title, ?2)"
         " WHERE id = ?1"),
    [XC_CSTMT_DOC_STORY] = "UPDATE documents SET story = ?2 WHERE id = ?1",
    [XC_CSTMT_STORY_OF] = "SELECT story FROM documents WHERE id = ?1",
    [XC_CSTMT_DF_GET] = "SELECT n FROM df WHERE key = ?1",
    [XC_CSTMT_DF_PUT] = "INSERT OR REPLACE INTO df (key, n) VALUES (?1, ?2)",
    [XC_CSTMT_DF_DEL] = "DELETE FROM df WHERE key = ?1",
    [XC_CSTMT_HELD_UPTO] = "SELECT value FROM store_state WHERE name = 'indexed_upto'",
    [XC_CSTMT_HELD_SET] =
        "INSERT OR REPLACE INTO store_state (name, value) VALUES ('indexed_upto', ?1)",
    [XC_CSTMT_HELD_READ] =
        ("SELECT f.doc, f.minhash, f.keys, d.story FROM features AS f"
         " JOIN documents AS d ON d.id = f.doc WHERE f.doc > ?1 ORDER BY f.doc"),
    [XC_CSTMT_LSH_DEL] = "DELETE FROM lsh WHERE key = ?1 AND doc = ?2",
    [XC_CSTMT_LSH_KEYS] = "SELECT key FROM lsh",
};

static void held_free(xc_heldlist *l);
static void tops_free(xc_heldtops *t);

void xc_store_cluster_close(xc_store *st)
{
    for (int i = 0; i < XC_CSTMT_N; i++) {
        sqlite3_finalize(st->cstmt[i]);
        st->cstmt[i] = NULL;
    }
    xc_store_cache_forget(st);
    free(st->df.slot);
    free(st->df.undo);
    memset(&st->df, 0, sizeof st->df);
    free(st->cent);
    st->cent = NULL;
    held_free(&st->held.band);
    held_free(&st->held.keys);
    tops_free(&st->held.tops);
    memset(&st->held, 0, sizeof st->held);
}

/* ---- the centroid cache --------------------------------------------------- */

static void cent_drop(xc_store *st, int64_t story)
{
    xc_centslot *e = st->cent ? &st->cent[(uint64_t)story % XC_CENTROID_CACHE] : NULL;
    if (e && e->story == story) {
        xc_centroid_free(&e->c);
        e->story = 0;
    }
}

static void cent_forget(xc_store *st)
{
    for (size_t i = 0; st->cent && i < XC_CENTROID_CACHE; i++)
        if (st->cent[i].story) {
            xc_centroid_free(&st->cent[i].c);
            st->cent[i].story = 0;
        }
}

/* A copy of C in *out; 0 when out of memory. */
static int cent_copy(const xc_centroid *c, xc_centroid *out)
{
    *out = *c;
    out->lo = NULL;
    out->terms = malloc((c->nterms ? c->nterms : 1) * sizeof *c->terms);
    out->ents = malloc((c->nents ? c->nents : 1) * sizeof *c->ents);
    if (!out->terms || !out->ents) {
        free(out->terms);
        free(out->ents);
        memset(out, 0, sizeof *out);
        return 0;
    }
    if (c->nterms)
        memcpy(out->terms, c->terms, c->nterms * sizeof *c->terms);
    if (c->nents)
        memcpy(out->ents, c->ents, c->nents * sizeof *c->ents);
    return 1;
}

/* Remember C as story STORY's centroid (a copy; nothing when out of
   memory: the cache only saves reads). */
static void cent_put(xc_store *st, int64_t story, const xc_centroid *c)
{
    xc_centslot *e;
    if (!st->cent && !(st->cent = calloc(XC_CENTROID_CACHE, sizeof *st->cent)))
        return;
    e = &st->cent[(uint64_t)story % XC_CENTROID_CACHE];
    if (e->story)
        xc_centroid_free(&e->c);
    e->story = 0;
    if (cent_copy(c, &e->c)) {
        e->story = story;
        xc_centroid_index(&e->c);
    }
}

/* Remember C as story STORY's centroid, taking it over (*c is emptied);
   when out of memory C is only freed. */
static void cent_move(xc_store *st, int64_t story, xc_centroid *c)
{
    xc_centslot *e;
    if (!st->cent && !(st->cent = calloc(XC_CENTROID_CACHE, sizeof *st->cent))) {
        xc_centroid_free(c);
        return;
    }
    e = &st->cent[(uint64_t)story % XC_CENTROID_CACHE];
    if (e->story)
        xc_centroid_free(&e->c);
    e->c = *c;
    e->story = story;
    memset(c, 0, sizeof *c);
    if (!e->c.lo)
        xc_centroid_index(&e->c);
}

/* Story STORY's centroid from the cache into *c (a copy the caller frees):
   1, or 0 when it is not there. */
static int cent_get(const xc_store *st, int64_t story, xc_centroid *c)
{
    const xc_centslot *e = st->cent ? &st->cent[(uint64_t)story % XC_CENTROID_CACHE] : NULL;
    return e && e->story == story && cent_copy(&e->c, c);
}

/* The cached statement WHICH, ready to bind, in *out. */
static xc_code cstmt(xc_store *st, int which, sqlite3_stmt **out, xc_error *err)
{
    if (!st->cstmt[which]) {
        int rc = sqlite3_prepare_v3(st->db, sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                    &st->cstmt[which], NULL);
        if (rc != SQLITE_OK) {
            st->cstmt[which] = NULL;
            return xc_store_sqlfail(st, err, rc, "preparing a clustering query");
        }
    }
    *out = st->cstmt[which];
    return XC_OK;
}

static void done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

/* Run a statement that returns no rows (or whose rows are not wanted). */
static xc_code step_done(xc_store *st, sqlite3_stmt *s, int rc, const char *what,
                         xc_error *err)
{
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        xc_code code = xc_store_sqlfail(st, err, rc, what);
        done(s);
        return code;
    }
    done(s);
    return XC_OK;
}

/* Run a one-off statement SQL with integer parameters ?1 = A, ?2 = B. */
static xc_code exec2(xc_store *st, const char *q, int64_t a, int64_t b, const char *what,
                     xc_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, q, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return xc_store_sqlfail(st, err, rc, what);
    rc = sqlite3_bind_int64(s, 1, a);
    if (rc == SQLITE_OK && sqlite3_bind_parameter_count(s) >= 2)
        rc = sqlite3_bind_int64(s, 2, b);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return xc_store_sqlfail(st, err, rc, what);
    return XC_OK;
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

/* ---- which band keys table lsh holds ---------------------------------- */

/* The filter's size, from 2^14 words (128 KB) to 2^21 (16 MB): built with
   32 bits a key and built again, twice as large, when the keys put in since
   reach 16 bits a key (about 4 of 1,000 keys then pass without being in
   the table).  Past 2^21 words it only fills: at 16 million keys (half a
   million documents) 8 bits a key still keep about 19 look-ups in 20
   away. */
#define LSHF_MIN_WORDS ((size_t)1 << 14)
#define LSHF_MAX_WORDS ((size_t)1 << 21)
/* Built once this handle has looked up one document for every 64 in the
   tables: reading the table's keys in order costs, per stored document,
   about a hundredth of one new document's 32 look-ups (at 100,000
   documents, 0.12 s to read 2.8 million keys against 0.15 ms of look-ups
   a document), so the read costs less than the look-ups before it did. */
#define LSHF_PAYBACK 64

static void lshf_forget(xc_store *st)
{
    xc_lshfilter *f = &st->lshf;
    free(f->word);
    f->word = NULL;
    f->nword = f->nkeys = f->looked = 0;
}

static size_t lshf_home(const xc_lshfilter *f, int64_t key)
{
    return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ULL) >> 40) & (f->nword - 1);
}

/* KEY's four bits in its word. */
static uint64_t lshf_mask(int64_t key)
{
    uint64_t h = (uint64_t)key * 0xC2B2AE3D27D4EB4FULL, m = 0;
    for (int i = 0; i < 4; i++)
        m |= (uint64_t)1 << ((h >> (40 + 6 * i)) & 63);
    return m;
}

static void lshf_put(xc_lshfilter *f, int64_t key)
{
    if (f->word) {
        f->word[lshf_home(f, key)] |= lshf_mask(key);
        f->nkeys++;
    }
}

/* Whether table lsh may hold KEY: always while the filter is not built. */
static int lshf_may(const xc_lshfilter *f, int64_t key)
{
    uint64_t m;
    if (!f->word)
        return 1;
    m = lshf_mask(key);
    return (f->word[lshf_home(f, key)] & m) == m;
}

/* Build the filter from every key in table lsh, sized for NEED keys or
   those there, whichever is more.  Without memory for it the look-ups go
   to the table, as before it existed (or through the filter as it was,
   when it could not grow). */
static xc_code lshf_build(xc_store *st, size_t need, xc_error *err)
{
    xc_lshfilter *f = &st->lshf;
    for (;;) {
        size_t nword = f->tiny ? 64 : LSHF_MIN_WORDS;
        sqlite3_stmt *s = NULL;
        uint64_t *w;
        xc_code code;
        int rc;
        while (nword < LSHF_MAX_WORDS && nword < need / 2)
            nword *= 2;
        if (!(w = calloc(nword, sizeof *w)))
            return XC_OK; /* the filter as it was, or none */
        lshf_forget(st);
        f->word = w;
        f->nword = nword;
        if ((code = cstmt(st, XC_CSTMT_LSH_KEYS, &s, err)) != XC_OK) {
            lshf_forget(st);
            return code;
        }
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            lshf_put(f, sqlite3_column_int64(s, 0));
        done(s);
        if (rc != SQLITE_DONE) {
            lshf_forget(st);
            return xc_store_sqlfail(st, err, rc, "reading the near-copy index");
        }
        if (f->nkeys <= 4 * f->nword || f->nword == LSHF_MAX_WORDS)
            return XC_OK;
        need = 2 * f->nkeys; /* more keys than the documents promised */
    }
}

/* After keys were put in: built again, larger, when it has filled. */
static xc_code lshf_check(xc_store *st, xc_error *err)
{
    const xc_lshfilter *f = &st->lshf;
    if (f->word && f->nkeys > 4 * f->nword && f->nword < LSHF_MAX_WORDS)
        return lshf_build(st, f->nkeys, err);
    return XC_OK;
}

/* ---- the newest documents' index keys, in memory ------------------------ */

/* Fewest and most documents whose index keys are held in memory before
   they go to tables lsh and story_keys: a quarter of the store between
   the two, so each page of those tables is written about once per quarter
   of the store that arrives, and the cost per document does not grow with
   the store. */
#define HELD_MIN 4096
#define HELD_MAX 65536

static void held_free(xc_heldlist *l)
{
    free(l->ent);
    free(l->slot);
    memset(l, 0, sizeof *l);
}

static void held_clear(xc_heldlist *l)
{
    if (l->slot && l->n)
        memset(l->slot, 0, l->nslot * sizeof *l->slot);
    l->n = 0;
}

static void tops_free(xc_heldtops *t)
{
    free(t->slot);
    free(t->pool);
    memset(t, 0, sizeof *t);
}

static void tops_clear(xc_heldtops *t)
{
    if (t->slot && t->n)
        memset(t->slot, 0, t->nslot * sizeof *t->slot);
    t->n = 0;
    t->npool = 0;
}

static void held_forget(xc_store *st)
{
    xc_held *h = &st->held;
    held_clear(&h->band);
    held_clear(&h->keys);
    tops_clear(&h->tops);
    h->ndocs = 0;
    h->last = 0;
    h->upto = 0;
    h->loaded = 0;
}

static size_t held_home(const xc_heldlist *l, int64_t key)
{
    return (size_t)(((uint64_t)key * 0x9e3779b97f4a7c15ULL) >> 20) & (l->nslot - 1);
}

/* Index entry I (already in l->ent) by its key. */
static void held_index(xc_heldlist *l, size_t i)
{
    size_t h = held_home(l, l->ent[i].key);
    while (l->slot[h])
        h = (h + 1) & (l->nslot - 1);
    l->slot[h] = (uint64_t)(uint32_t)l->ent[i].key << 32 | (uint32_t)(i + 1);
}

/* Room for N more entries in L, and in its index when INDEX. */
static xc_code held_room(xc_heldlist *l, size_t n, int index)
{
    xc_heldent *e = xc_grow_n(l->ent, &l->cap, l->n, n, sizeof *e);
    if (!e)
        return XC_ERR_NOMEM;
    l->ent = e;
    if (index && 2 * (l->n + n) > l->nslot) {
        size_t ns = l->nslot ? 2 * l->nslot : 32 * 1024;
        uint64_t *sl;
        while (2 * (l->n + n) > ns)
            ns *= 2;
        if (!(sl = calloc(ns, sizeof *sl)))
            return XC_ERR_NOMEM;
        free(l->slot);
        l->slot = sl;
        l->nslot = ns;
        for (size_t i = 0; i < l->n; i++) /* in order: a key's entries stay in order */
            held_index(l, i);
    }
    return XC_OK;
}

/* Append (KEY, VAL) to L, which has room. */
static void held_put(xc_heldlist *l, int64_t key, int64_t val)
{
    l->ent[l->n] = (xc_heldent){key, val};
    held_index(l, l->n++);
}

/* ---- the newest stories of each held story key (xc_heldtops) ---- */

static size_t tops_home(const xc_heldtops *t, int64_t key)
{
    return (size_t)(((uint64_t)key * 0x9e3779b97f4a7c15ULL) >> 20) & (t->nslot - 1);
}

/* KEY's entry in T, or NULL. */
static xc_heldtop *tops_find(xc_heldtops *t, int64_t key)
{
    size_t h;
    if (!t->n)
        return NULL;
    for (h = tops_home(t, key); t->slot[h].cap; h = (h + 1) & (t->nslot - 1))
        if (t->slot[h].key == key)
            return &t->slot[h];
    return NULL;
}

/* N more int64 in T's pool, at *off. */
static xc_code tops_take(xc_heldtops *t, size_t n, uint32_t *off)
{
    int64_t *p;
    if (t->npool + n > UINT32_MAX ||
        !(p = xc_grow_n(t->pool, &t->poolcap, t->npool, n, sizeof *p)))
        return XC_ERR_NOMEM;
    t->pool = p;
    *off = (uint32_t)t->npool;
    t->npool += n;
    return XC_OK;
}

/* Room in T's table for one more key. */
static xc_code tops_room(xc_heldtops *t)
{
    size_t ns;
    xc_heldtop *sl, *old = t->slot;
    if (2 * (t->n + 1) <= t->nslot)
        return XC_OK;
    ns = t->nslot ? 2 * t->nslot : 16 * 1024;
    if (!(sl = calloc(ns, sizeof *sl)))
        return XC_ERR_NOMEM;
    t->slot = sl;
    t->nslot = ns;
    for (size_t i = 0; old && i < ns / 2; i++)
        if (old[i].cap) {
            size_t h = tops_home(t, old[i].key);
            while (sl[h].cap)
                h = (h + 1) & (ns - 1);
            sl[h] = old[i];
        }
    free(old);
    return XC_OK;
}

/* STORY is held under E's key: keep it among the XC_HELD_TOP highest. */
static xc_code tops_put(xc_heldtops *t, xc_heldtop *e, int64_t story)
{
    int64_t *v = t->pool + e->off;
    for (unsigned i = 0; i < e->n; i++)
        if (v[i] == story)
            return XC_OK;
    if (e->n == XC_HELD_TOP) { /* full: in place of the oldest, if newer */
        unsigned low = 0;
        for (unsigned i = 1; i < e->n; i++)
            if (v[i] < v[low])
                low = i;
        if (story > v[low])
            v[low] = story;
        return XC_OK;
    }
    if (e->n == e->cap) { /* moved to a larger piece; the old one is left */
        unsigned cap = e->cap * 2u > XC_HELD_TOP ? XC_HELD_TOP : e->cap * 2u;
        uint32_t off;
        if (tops_take(t, cap, &off) != XC_OK)
            return XC_ERR_NOMEM;
        memcpy(t->pool + off, t->pool + e->off, e->n * sizeof *t->pool);
        e->off = off;
        e->cap = (uint8_t)cap;
    }
    t->pool[e->off + e->n++] = story;
    return XC_OK;
}

/* STORY is held under KEY. */
static xc_code tops_add(xc_heldtops *t, int64_t key, int64_t story)
{
    xc_heldtop *e;
    size_t h;
    if (tops_room(t) != XC_OK)
        return XC_ERR_NOMEM;
    for (h = tops_home(t, key); t->slot[h].cap && t->slot[h].key != key;
         h = (h + 1) & (t->nslot - 1))
        ;
    e = &t->slot[h];
    if (!e->cap) {
        uint32_t off;
        if (tops_take(t, 2, &off) != XC_OK)
            return XC_ERR_NOMEM;
        *e = (xc_heldtop){.key = key, .off = off, .cap = 2};
        t->n++;
    }
    return tops_put(t, e, story);
}

/* Story FROM is renamed INTO in KEYS, and T follows: the keys FROM was
   held under are counted again from KEYS.  Two passes over KEYS; the
   second looks up only the entries whose key a filter of those keys may
   hold (counting everything again after each merge took a seventh of
   the writer's time). */
static xc_code tops_rename(xc_heldtops *t, xc_heldlist *keys, int64_t from, int64_t into)
{
    uint64_t seen[1024]; /* 65,536 bits, by the key's low 16 bits */
    xc_heldtop **stale = NULL;
    size_t nstale = 0, cap = 0;
    xc_code code = XC_OK;
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < keys->n; i++) {
        xc_heldtop *e;
        if (keys->ent[i].val != from)
            continue;
        keys->ent[i].val = into;
        e = tops_find(t, keys->ent[i].key);
        if (!e || e->stale)
            continue;
        {
            xc_heldtop **v = xc_grow(stale, &cap, nstale, sizeof *v);
            if (!v) {
                code = XC_ERR_NOMEM;
                break;
            }
            stale = v;
        }
        stale[nstale++] = e;
        e->stale = 1;
        e->n = 0;
        seen[(uint64_t)e->key >> 6 & 1023] |= (uint64_t)1 << (e->key & 63);
    }
    for (size_t i = 0; i < keys->n && nstale && code == XC_OK; i++) {
        int64_t k = keys->ent[i].key;
        xc_heldtop *e;
        if (!(seen[(uint64_t)k >> 6 & 1023] >> (k & 63) & 1))
            continue;
        e = tops_find(t, k);
        if (e && e->stale)
            code = tops_put(t, e, keys->ent[i].val);
    }
    for (size_t i = 0; i < nstale; i++)
        stale[i]->stale = 0;
    free(stale);
    return code;
}

/* The first entry of KEY in L at or after slot *h, advancing *h past it;
   NULL when there is none. */
static const xc_heldent *held_next(const xc_heldlist *l, int64_t key, size_t *h)
{
    while (l->nslot && l->slot[*h]) {
        uint64_t v = l->slot[*h];
        *h = (*h + 1) & (l->nslot - 1);
        if ((uint32_t)(v >> 32) == (uint32_t)key) {
            const xc_heldent *e = &l->ent[(uint32_t)v - 1];
            if (e->key == key)
                return e;
        }
    }
    return NULL;
}

/* Hold document DOC's band keys BANDS (NULL when it has no signature) and
   story keys KEYS[0..NK) under STORY; DOC is newer than any held. */
static xc_code held_doc(xc_store *st, int64_t doc, const int64_t *bands, const uint64_t *keys,
                        size_t nk, int64_t story)
{
    xc_held *h = &st->held;
    if ((bands && held_room(&h->band, XC_MH_BANDS, 1) != XC_OK) ||
        (nk && held_room(&h->keys, nk, 0) != XC_OK))
        return XC_ERR_NOMEM;
    for (int b = 0; bands && b < XC_MH_BANDS; b++)
        held_put(&h->band, bands[b], doc);
    for (size_t k = 0; k < nk; k++) {
        h->keys.ent[h->keys.n++] = (xc_heldent){(int64_t)keys[k], story};
        if (tops_add(&h->tops, (int64_t)keys[k], story) != XC_OK)
            return XC_ERR_NOMEM;
    }
    h->ndocs++;
    h->last = doc;
    return XC_OK;
}

/* Story keys packed for features.keys: 8 bytes each, little-endian. */
static int bind_keys(sqlite3_stmt *s, int i, const uint64_t *keys, size_t n)
{
    unsigned char *b;
    if (!n)
        return sqlite3_bind_null(s, i);
    if (!(b = malloc(8 * n)))
        return SQLITE_NOMEM;
    for (size_t k = 0; k < n; k++)
        for (int j = 0; j < 8; j++)
            b[8 * k + j] = (unsigned char)(keys[k] >> (8 * j));
    return sqlite3_bind_blob64(s, i, b, 8 * n, free);
}

/* Read indexed_upto and hold the keys of the documents after it, unless
   done since the cache was last forgotten. */
static xc_code held_load(xc_store *st, xc_error *err)
{
    xc_held *h = &st->held;
    sqlite3_stmt *s = NULL;
    xc_code code;
    int rc;
    if (h->loaded)
        return XC_OK;
    held_forget(st);
    if ((code = cstmt(st, XC_CSTMT_HELD_UPTO, &s, err)) != XC_OK)
        return code;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        h->upto = sqlite3_column_int64(s, 0);
    done(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return xc_store_sqlfail(st, err, rc, "reading the index state");
    if ((code = cstmt(st, XC_CSTMT_HELD_READ, &s, err)) != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, h->upto);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t bands[XC_MH_BANDS];
        uint64_t keys[64];
        size_t nk = (size_t)sqlite3_column_bytes(s, 2) / 8;
        const unsigned char *kb = sqlite3_column_blob(s, 2);
        int sig = sqlite3_column_bytes(s, 1) == (int)(XC_MH_N * sizeof(uint32_t));
        rc = SQLITE_OK;
        if (sig) {
            uint32_t v[XC_MH_N];
            memcpy(v, sqlite3_column_blob(s, 1), sizeof v);
            xc_mh_bands(v, bands);
        }
        if (nk > 64)
            nk = 64;
        for (size_t k = 0; kb && k < nk; k++) {
            keys[k] = 0;
            for (int j = 0; j < 8; j++)
                keys[k] |= (uint64_t)kb[8 * k + j] << (8 * j);
        }
        if (held_doc(st, sqlite3_column_int64(s, 0), sig ? bands : NULL, keys, kb ? nk : 0,
                     sqlite3_column_int64(s, 3)) != XC_OK) {
            done(s);
            held_forget(st);
            return xc_fail(err, XC_ERR_NOMEM, "clustering: out of memory");
        }
    }
    if (rc != SQLITE_DONE) {
        code = xc_store_sqlfail(st, err, rc, "reading the newest documents' keys");
        done(s);
        held_forget(st);
        return code;
    }
    done(s);
    h->loaded = 1;
    return XC_OK;
}

static int cmp_heldent(const void *x, const void *y)
{
    const xc_heldent *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->val < b->val ? -1 : a->val > b->val;
}

/* OUT[0..N) = IN[0..N) in cmp_heldent's order.  The keys are hashes, so
   the entries are first dealt into about N / 4 buckets by the top bits of
   the key (as signed), in one counting pass and one copying pass, and each
   bucket is then sorted on its own: by insertion when small, by xc_sort
   when many entries share a key (copies of one report share their band
   keys).  A flush sorts millions of entries; qsort took about a twentieth
   of the writer's time. */
static xc_code sort_heldents(const xc_heldent *in, size_t n, xc_heldent *out)
{
    unsigned bits = 1;
    size_t *start;
    while (bits < 20 && ((size_t)1 << (bits + 2)) < n)
        bits++;
    if (!(start = calloc(((size_t)1 << bits) + 1, sizeof *start)))
        return XC_ERR_NOMEM;
#define HELD_BUCKET(k) (size_t)(((uint64_t)(k) ^ ((uint64_t)1 << 63)) >> (64 - bits))
    for (size_t i = 0; i < n; i++)
        start[HELD_BUCKET(in[i].key) + 1]++;
    for (size_t b = 1; b <= (size_t)1 << bits; b++)
        start[b] += start[b - 1];
    for (size_t i = 0; i < n; i++)
        out[start[HELD_BUCKET(in[i].key)]++] = in[i];
#undef HELD_BUCKET
    /* START[b] is now where bucket b ends */
    for (size_t b = 0, lo = 0; b < (size_t)1 << bits; lo = start[b++]) {
        size_t m = start[b] - lo;
        xc_heldent *v = out + lo;
        if (m > 32) {
            xc_sort(v, m, sizeof *v, cmp_heldent);
            continue;
        }
        for (size_t i = 1; i < m; i++) {
            xc_heldent x = v[i];
            size_t j = i;
            while (j && (v[j - 1].key > x.key || (v[j - 1].key == x.key && v[j - 1].val > x.val))) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
    }
    free(start);
    return XC_OK;
}

/* Write list L with the cached statement WHICH (?1 key, ?2 value), in key
   order. */
static xc_code held_write(xc_store *st, const xc_heldlist *l, int which, xc_error *err)
{
    xc_heldent *sorted;
    sqlite3_stmt *s = NULL;
    xc_code code;
    if (!l->n)
        return XC_OK;
    /* in key order, so the inserts walk the table's pages once */
    if (!(sorted = malloc(l->n * sizeof *sorted)) || sort_heldents(l->ent, l->n, sorted) != XC_OK) {
        free(sorted);
        return xc_fail(err, XC_ERR_NOMEM, "indexing: out of memory");
    }
    if ((code = cstmt(st, which, &s, err)) == XC_OK)
        for (size_t i = 0; i < l->n && code == XC_OK; i++) {
            int rc;
            if (i && sorted[i].key == sorted[i - 1].key && sorted[i].val == sorted[i - 1].val)
                continue;
            rc = sqlite3_bind_int64(s, 1, sorted[i].key);
            if (rc == SQLITE_OK)
                rc = sqlite3_bind_int64(s, 2, sorted[i].val);
            code = step_done(st, s, rc, "writing the index", err);
        }
    free(sorted);
    return code;
}

xc_code xc_store_held_flush(xc_store *st, int all, xc_error *err)
{
    xc_held *h = &st->held;
    size_t hold = (size_t)(h->upto / 4);
    sqlite3_stmt *s = NULL;
    xc_code code = XC_OK;

    if (all && (code = held_load(st, err)) != XC_OK)
        return code;
    if (hold < HELD_MIN)
        hold = HELD_MIN;
    if (hold > HELD_MAX)
        hold = HELD_MAX;
    if (!h->loaded || !h->ndocs || (!all && h->ndocs < hold))
        return XC_OK;
    code = held_write(st, &h->band, XC_CSTMT_LSH_ADD, err);
    for (size_t i = 0; code == XC_OK && i < h->band.n; i++)
        lshf_put(&st->lshf, h->band.ent[i].key);
    if (code == XC_OK)
        code = lshf_check(st, err);
    if (code == XC_OK)
        code = held_write(st, &h->keys, XC_CSTMT_KEY_ADD, err);
    if (code == XC_OK && (code = cstmt(st, XC_CSTMT_HELD_SET, &s, err)) == XC_OK)
        code = step_done(st, s, sqlite3_bind_int64(s, 1, h->last), "writing the index",
                         err);
    if (code != XC_OK)
        return code; /* the caller rolls back, which forgets the cache */
    {
        int64_t upto = h->last;
        held_forget(st);
        h->upto = upto;
        h->loaded = 1;
    }
    return XC_OK;
}

/* ---- near-copies -------------------------------------------------------- */

/*
 * Find the near-copies of document ID among those stored and record them;
 * ID's band keys go to KEYS, and to table lsh unless HOLD (they are held
 * in memory with its story keys).  *original receives the earliest
 * document ID is a near-copy of, or 0.  Per band key: the earliest
 * LSH_PER_BAND documents, from table lsh and then from those held in
 * memory (all newer).
 */
static xc_code near_copies(xc_store *st, int64_t id, const xc_features *f, int hold,
                           int64_t keys[XC_MH_BANDS], int64_t *original, xc_error *err)
{
    int64_t cand[XC_MH_BANDS * LSH_PER_BAND];
    size_t nc = 0;
    sqlite3_stmt *s = NULL;
    const xc_heldlist *p = &st->held.band;
    xc_lshfilter *lf = &st->lshf;
    xc_code code;
    int rc;

    *original = 0;
    if (!f->nshingles)
        return XC_OK;
    xc_mh_bands(f->minhash, keys);
    if (!lf->word && !lf->off && ++lf->looked * LSHF_PAYBACK > (size_t)st->held.upto &&
        (code = lshf_build(st, (size_t)st->held.upto * XC_MH_BANDS, err)) != XC_OK)
        return code;
    if ((code = cstmt(st, XC_CSTMT_LSH_FIND, &s, err)) != XC_OK)
        return code;
    for (int b = 0; b < XC_MH_BANDS; b++) {
        size_t got = 0;
        if (lshf_may(lf, keys[b]))
            rc = sqlite3_bind_int64(s, 1, keys[b]);
        else
            rc = SQLITE_DONE, lf->skipped++;
        while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
            cand[nc++] = sqlite3_column_int64(s, 0);
            got++;
            rc = SQLITE_OK;
        }
        if (rc != SQLITE_DONE) {
            code = xc_store_sqlfail(st, err, rc, "looking for near-copies");
            done(s);
            return code;
        }
        done(s);
        if (p->n) {
            size_t h = held_home(p, keys[b]);
            const xc_heldent *e;
            while (got < LSH_PER_BAND && (e = held_next(p, keys[b], &h))) {
                cand[nc++] = e->val;
                got++;
            }
        }
    }
    xc_sort(cand, nc, sizeof *cand, cmp_i64);
    if ((code = cstmt(st, XC_CSTMT_SIG, &s, err)) != XC_OK)
        return code;
    for (size_t i = 0; i < nc; i++) {
        double r = 0;
        if ((i && cand[i] == cand[i - 1]) || cand[i] == id)
            continue;
        rc = sqlite3_bind_int64(s, 1, cand[i]);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            if (sqlite3_column_bytes(s, 0) == (int)(XC_MH_N * sizeof(uint32_t))) {
                uint32_t sig[XC_MH_N];
                memcpy(sig, sqlite3_column_blob(s, 0), sizeof sig);
                r = xc_mh_resemblance(sig, f->minhash);
            }
        } else if (rc != SQLITE_DONE) {
            code = xc_store_sqlfail(st, err, rc, "reading a signature");
            done(s);
            return code;
        }
        done(s);
        if (r < XC_NEAR_COPY)
            continue;
        {
            sqlite3_stmt *a = NULL;
            if ((code = cstmt(st, XC_CSTMT_COPY_ADD, &a, err)) != XC_OK)
                return code;
            rc = sqlite3_bind_int64(a, 1, id);
            if (rc == SQLITE_OK)
                rc = sqlite3_bind_int64(a, 2, cand[i]);
            if (rc == SQLITE_OK)
                rc = sqlite3_bind_double(a, 3, r);
            if ((code = step_done(st, a, rc, "recording a near-copy", err)) != XC_OK)
                return code;
        }
        if (!*original)
            *original = cand[i]; /* the candidates are in order: the earliest */
    }
    if (hold)
        return XC_OK;
    if ((code = cstmt(st, XC_CSTMT_LSH_ADD, &s, err)) != XC_OK)
        return code;
    for (int b = 0; b < XC_MH_BANDS; b++) {
        rc = sqlite3_bind_int64(s, 1, keys[b]);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(s, 2, id);
        if ((code = step_done(st, s, rc, "indexing the signature", err)) != XC_OK)
            return code;
        lshf_put(lf, keys[b]);
    }
    return lshf_check(st, err);
}

/* ---- features and IDF --------------------------------------------------- */

static int bind_terms(sqlite3_stmt *s, int i, const xc_term *v, size_t n)
{
    size_t len;
    unsigned char *b = xc_feat_pack(v, n, &len);
    if (!b)
        return SQLITE_NOMEM;
    return sqlite3_bind_blob64(s, i, b, len, free);
}

static xc_code put_features(xc_store *st, int64_t id, const xc_features *f,
                            const uint64_t *keys, size_t nk, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    xc_code code = cstmt(st, XC_CSTMT_FEAT_ADD, &s, err);
    int rc;
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = f->nshingles ? sqlite3_bind_blob(s, 2, f->minhash, sizeof f->minhash,
                                              SQLITE_STATIC)
                          : sqlite3_bind_null(s, 2);
    if (rc == SQLITE_OK)
        rc = bind_terms(s, 3, f->terms, f->nterms);
    if (rc == SQLITE_OK)
        rc = bind_terms(s, 4, f->ents, f->nents);
    if (rc == SQLITE_OK)
        rc = f->day == XC_DAY_NONE ? sqlite3_bind_null(s, 5) : sqlite3_bind_int(s, 5, f->day);
    if (rc == SQLITE_OK)
        rc = bind_keys(s, 6, keys, nk);
    return step_done(st, s, rc, "storing the story features", err);
}

/* The document frequencies of the document's keys, after counting it. */
typedef struct dfmap {
    uint64_t *key;
    uint32_t *n;
    size_t len;
} dfmap;

static uint32_t df_lookup(void *ctx, uint64_t key)
{
    const dfmap *m = ctx;
    size_t lo = 0, hi = m->len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->key[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->len && m->key[lo] == key ? m->n[lo] : 1;
}

/* ---- document frequencies, counted in memory ---------------------------- */

/* Past this many keys the cache is written out and emptied, between two
   adds: about 32 MB, room for the vocabulary of a large corpus. */
#define DF_MAX_KEYS ((size_t)1 << 20)

static size_t df_home(const xc_dfcache *c, uint64_t key)
{
    return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 17) & (c->cap - 1);
}

/* The slot of KEY, or the empty slot where it would go. */
static xc_dfslot *df_slot(const xc_dfcache *c, uint64_t key)
{
    size_t i = df_home(c, key);
    while (c->slot[i].key && c->slot[i].key != key)
        i = (i + 1) & (c->cap - 1);
    return &c->slot[i];
}

/* Room for one more key (the table at most half full). */
static xc_code df_grow(xc_dfcache *c)
{
    xc_dfslot *old = c->slot;
    size_t oldcap = c->cap, cap;
    if (2 * (c->len + 1) <= c->cap)
        return XC_OK;
    cap = c->cap ? 2 * c->cap : 4096;
    if (!(c->slot = calloc(cap, sizeof *c->slot))) {
        c->slot = old;
        return XC_ERR_NOMEM;
    }
    c->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key)
            *df_slot(c, old[i].key) = old[i];
    free(old);
    return XC_OK;
}

void xc_store_cache_forget(xc_store *st)
{
    xc_dfcache *c = &st->df;
    cent_forget(st);
    held_forget(st);
    lshf_forget(st);
    if (c->slot && c->len)
        memset(c->slot, 0, c->cap * sizeof *c->slot);
    c->len = c->ndirty = 0;
    c->ndocs = 0;
    c->ndocs_state = 0;
    c->nundo = 0;
    c->undo_ndocs = 0;
}

/* PRAGMA data_version in *v. */
static xc_code data_version(xc_store *st, int64_t *v, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? XC_OK
                            : xc_store_sqlfail(st, err, rc, "checking for other writers");
}

xc_code xc_store_cache_begin(xc_store *st, xc_error *err)
{
    int64_t v = 0;
    xc_code code = data_version(st, &v, err);
    if (code != XC_OK)
        return code;
    if (v != st->df.data_version)
        xc_store_cache_forget(st);
    st->df.data_version = v;
    return XC_OK;
}

static int cmp_slot(const void *x, const void *y)
{
    int64_t a = (int64_t)((const xc_dfslot *)x)->key;
    int64_t b = (int64_t)((const xc_dfslot *)y)->key;
    return a < b ? -1 : a > b;
}

/* Write the count N of KEY (0: delete its row). */
static xc_code df_write(xc_store *st, uint64_t key, uint32_t n, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    xc_code code = cstmt(st, n ? XC_CSTMT_DF_PUT : XC_CSTMT_DF_DEL, &s, err);
    int rc;
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, (sqlite3_int64)key);
    if (rc == SQLITE_OK && n)
        rc = sqlite3_bind_int64(s, 2, n);
    return step_done(st, s, rc, "storing document frequencies", err);
}

xc_code xc_store_df_flush(xc_store *st, xc_error *err)
{
    xc_dfcache *c = &st->df;
    xc_dfslot *dirty;
    size_t n = 0;
    xc_code code = XC_OK;

    if (c->ndocs_state == 2) {
        if ((code = df_write(st, 0, c->ndocs, err)) != XC_OK)
            return code;
        c->ndocs_state = 1;
    }
    if (!c->ndirty)
        return XC_OK;
    /* in key order, so the writes walk the table's pages once */
    if (!(dirty = malloc(c->ndirty * sizeof *dirty)))
        return xc_fail(err, XC_ERR_NOMEM, "storing document frequencies: out of memory");
    for (size_t i = 0; i < c->cap && n < c->ndirty; i++)
        if (c->slot[i].key && c->slot[i].dirty)
            dirty[n++] = c->slot[i];
    xc_sort(dirty, n, sizeof *dirty, cmp_slot);
    for (size_t i = 0; i < n && code == XC_OK; i++)
        code = df_write(st, dirty[i].key, dirty[i].n, err);
    free(dirty);
    if (code != XC_OK)
        return code;
    for (size_t i = 0; i < c->cap; i++)
        c->slot[i].dirty = 0;
    c->ndirty = 0;
    return XC_OK;
}

xc_code xc_store_cache_mark(xc_store *st, xc_error *err)
{
    xc_code code;
    st->df.nundo = 0;
    st->df.undo_ndocs = 0;
    if (st->df.len < DF_MAX_KEYS)
        return XC_OK;
    if ((code = xc_store_df_flush(st, err)) != XC_OK)
        return code;
    xc_store_cache_forget(st);
    return XC_OK;
}

void xc_store_cache_undo(xc_store *st)
{
    xc_dfcache *c = &st->df;
    cent_forget(st);
    held_forget(st); /* read again: the failed add may have held its keys */
    for (size_t i = 0; i < c->nundo; i++) {
        xc_dfslot *e = df_slot(c, c->undo[i]);
        if (e->key && e->n) {
            e->n--;
            if (!e->dirty)
                c->ndirty++;
            e->dirty = 1;
        }
    }
    if (c->undo_ndocs && c->ndocs) {
        c->ndocs--;
        c->ndocs_state = 2;
    }
    c->nundo = 0;
    c->undo_ndocs = 0;
}

/* The stored count of KEY (0 when it has no row) in *n. */
static xc_code df_read(xc_store *st, uint64_t key, uint32_t *n, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    xc_code code = cstmt(st, XC_CSTMT_DF_GET, &s, err);
    int rc;
    *n = 0;
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, (sqlite3_int64)key);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        sqlite3_int64 v = sqlite3_column_int64(s, 0);
        *n = v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
    } else if (rc != SQLITE_DONE) {
        code = xc_store_sqlfail(st, err, rc, "reading document frequencies");
    }
    done(s);
    return code;
}

/* Count KEY (nonzero) once more; its new count in *n. */
static xc_code bump(xc_store *st, uint64_t key, uint32_t *n, xc_error *err)
{
    xc_dfcache *c = &st->df;
    xc_dfslot *e;
    xc_code code;

    if ((code = df_grow(c)) != XC_OK)
        return xc_fail(err, code, "clustering: out of memory");
    e = df_slot(c, key);
    if (!e->key) {
        uint32_t v;
        if ((code = df_read(st, key, &v, err)) != XC_OK)
            return code;
        e->key = key;
        e->n = v;
        e->dirty = 0;
        c->len++;
    }
    uint64_t *u = xc_grow(c->undo, &c->capundo, c->nundo, sizeof *u);
    if (!u)
        return xc_fail(err, XC_ERR_NOMEM, "clustering: out of memory");
    c->undo = u;
    if (e->n < UINT32_MAX)
        e->n++;
    if (!e->dirty)
        c->ndirty++;
    e->dirty = 1;
    c->undo[c->nundo++] = key;
    *n = e->n;
    return XC_OK;
}

/* Count the document itself (key 0 of table df); the new count in *n. */
static xc_code bump_ndocs(xc_store *st, uint32_t *n, xc_error *err)
{
    xc_dfcache *c = &st->df;
    if (!c->ndocs_state) {
        xc_code code = df_read(st, 0, &c->ndocs, err);
        if (code != XC_OK)
            return code;
        c->ndocs_state = 1;
    }
    if (c->ndocs < UINT32_MAX)
        c->ndocs++;
    c->ndocs_state = 2;
    c->undo_ndocs = 1;
    *n = c->ndocs;
    return XC_OK;
}

/* The document's keys (content words and entities, without 0), sorted
   and without repeats, into M->key; M->n is allocated for as many. */
static xc_code df_keys(const xc_features *f, dfmap *m, xc_error *err)
{
    size_t n = f->nterms + f->nents;
    size_t i = 0, j = 0;
    m->len = 0;
    m->key = malloc((n ? n : 1) * sizeof *m->key);
    m->n = malloc((n ? n : 1) * sizeof *m->n);
    if (!m->key || !m->n)
        return xc_fail(err, XC_ERR_NOMEM, "clustering: out of memory");
    /* merge the two sorted lists, so the map is sorted */
    while (i < f->nterms || j < f->nents) {
        uint64_t key;
        if (j == f->nents || (i < f->nterms && f->terms[i].key <= f->ents[j].key))
            key = f->terms[i++].key;
        else
            key = f->ents[j++].key;
        if (key == 0 || (m->len && m->key[m->len - 1] == key))
            continue;
        m->key[m->len++] = key;
    }
    return XC_OK;
}

/* Count the document's keys and fill M (sorted by key) and *ndocs. */
static xc_code count_df(xc_store *st, const xc_features *f, dfmap *m, uint32_t *ndocs,
                        xc_error *err)
{
    xc_code code = df_keys(f, m, err);
    for (size_t i = 0; i < m->len && code == XC_OK; i++)
        code = bump(st, m->key[i], &m->n[i], err);
    return code == XC_OK ? bump_ndocs(st, ndocs, err) : code;
}

/* ---- stories -------------------------------------------------------------- */

/* Story STORY's centroid in the cache, or NULL: valid until the cache
   changes (cent_put, cent_drop, forgetting). */
static const xc_centroid *cent_peek(const xc_store *st, int64_t story)
{
    const xc_centslot *e = st->cent ? &st->cent[(uint64_t)story % XC_CENTROID_CACHE] : NULL;
    return e && e->story == story ? &e->c : NULL;
}

/* Story STORY's centroid (a copy the caller frees) in *c; *found is 0 when
   the story has none.  Read from the database it is remembered in the
   cache, unless NOCACHE. */
static xc_code read_centroid(xc_store *st, int64_t story, xc_centroid *c, int *found,
                             int nocache, xc_error *err);

static xc_code load_centroid(xc_store *st, int64_t story, xc_centroid *c, int *found,
                             xc_error *err)
{
    return read_centroid(st, story, c, found, 0, err);
}

static xc_code read_centroid(xc_store *st, int64_t story, xc_centroid *c, int *found,
                             int nocache, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    xc_code code;
    int rc;
    memset(c, 0, sizeof *c);
    c->day_min = c->day_max = XC_DAY_NONE;
    *found = 0;
    if (cent_get(st, story, c)) {
        *found = 1;
        return XC_OK;
    }
    if ((code = cstmt(st, XC_CSTMT_CENTROID, &s, err)) != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, story);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        code = xc_feat_unpack(sqlite3_column_blob(s, 0), (size_t)sqlite3_column_bytes(s, 0),
                              &c->terms, &c->nterms);
        if (code == XC_OK)
            code = xc_feat_unpack(sqlite3_column_blob(s, 1),
                                  (size_t)sqlite3_column_bytes(s, 1), &c->ents, &c->nents);
        if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
            c->day_min = sqlite3_column_int(s, 2);
            c->day_max = sqlite3_column_int(s, 3);
        }
        c->ndocs = (uint32_t)sqlite3_column_int64(s, 4);
        done(s);
        if (code == XC_OK)
            xc_centroid_norms(c);
        if (code != XC_OK) {
            xc_centroid_free(c);
            return xc_fail(err, code, "reading story %" PRId64 ": %s", story,
                           code == XC_ERR_DB ? "its features are damaged"
                                             : "out of memory");
        }
        *found = 1;
        if (!nocache)
            cent_put(st, story, c);
        return XC_OK;
    }
    if (rc != SQLITE_DONE) {
        code = xc_store_sqlfail(st, err, rc, "reading a story");
        done(s);
        return code;
    }
    done(s);
    return XC_OK;
}

static xc_code save_centroid(xc_store *st, int64_t story, const xc_centroid *c,
                             xc_error *err)
{
    sqlite3_stmt *s = NULL;
    xc_code code = cstmt(st, XC_CSTMT_CENTROID_PUT, &s, err);
    int rc;
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, story);
    if (rc == SQLITE_OK)
        rc = bind_terms(s, 2, c->terms, c->nterms);
    if (rc == SQLITE_OK)
        rc = bind_terms(s, 3, c->ents, c->nents);
    if (rc == SQLITE_OK && c->day_min != XC_DAY_NONE) {
        rc = sqlite3_bind_int(s, 4, c->day_min);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int(s, 5, c->day_max);
    }
    cent_drop(st, story);
    if ((code = step_done(st, s, rc, "storing a story", err)) == XC_OK)
        cent_put(st, story, c);
    return code;
}

typedef struct tally {
    int64_t story;
    uint32_t hits;
} tally;

/* The XC_STORY_CANDIDATES first of ALL[0..N) by hits, then the newest
   (highest id) among equal hits, into OUT in story order; their number.
   Hits are at most 32 (one per key): the stories above the level where
   the cut falls are all taken and a heap picks the newest at that level,
   so that no sort of all N runs (qsort took a tenth of candidates'
   time). */
static size_t top_tallies(const tally *all, size_t n, tally *out)
{
    size_t count[33] = {0}, nout = 0, need = XC_STORY_CANDIDATES, nheap = 0;
    tally heap[XC_STORY_CANDIDATES]; /* by story, the oldest on top */
    uint32_t level = 0;
    if (n > XC_STORY_CANDIDATES) {
        for (size_t i = 0; i < n; i++)
            count[all[i].hits]++;
        for (level = 32; level > 0 && count[level] < need; level--)
            need -= count[level];
    }
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        if (all[i].hits > level) {
            out[nout++] = all[i];
            continue;
        }
        if (all[i].hits < level)
            continue;
        if (nheap < need) { /* sift up */
            j = nheap++;
            while (j && heap[(j - 1) / 2].story > all[i].story) {
                heap[j] = heap[(j - 1) / 2];
                j = (j - 1) / 2;
            }
            heap[j] = all[i];
            continue;
        }
        if (all[i].story <= heap[0].story)
            continue;
        for (;;) { /* in place of the oldest: sift down */
            size_t c = 2 * j + 1;
            if (c >= nheap)
                break;
            if (c + 1 < nheap && heap[c + 1].story < heap[c].story)
                c++;
            if (heap[c].story >= all[i].story)
                break;
            heap[j] = heap[c];
            j = c;
        }
        heap[j] = all[i];
    }
    memcpy(out + nout, heap, nheap * sizeof *heap);
    nout += nheap;
    for (size_t i = 1; i < nout; i++) { /* story order */
        tally x = out[i];
        size_t j = i;
        while (j && out[j - 1].story > x.story) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = x;
    }
    return nout;
}

/* The STORIES_PER_KEY newest stories (highest ids) that KEY is heavy in,
   from table story_keys and those held in memory, each once, into
   TOP[0..*nt) in no order. */
static xc_code key_stories(xc_store *st, uint64_t key, int64_t *top, size_t *nt,
                           xc_error *err)
{
    const xc_heldtop *ht;
    sqlite3_stmt *s = NULL;
    xc_code code = cstmt(st, XC_CSTMT_KEY_FIND, &s, err);
    int rc;
    *nt = 0;
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, (sqlite3_int64)key);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*nt < STORIES_PER_KEY)
            top[(*nt)++] = sqlite3_column_int64(s, 0);
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_DONE) {
        code = xc_store_sqlfail(st, err, rc, "looking for stories");
        done(s);
        return code;
    }
    done(s);
    /* and the newest of those held in memory: the STORIES_PER_KEY newest
       of both */
    if ((ht = tops_find(&st->held.tops, (int64_t)key))) {
        const int64_t *hv = st->held.tops.pool + ht->off;
        for (unsigned i = 0; i < ht->n; i++) {
            size_t j = 0, low = 0;
            while (j < *nt && top[j] != hv[i])
                j++;
            if (j < *nt)
                continue;
            if (*nt < STORIES_PER_KEY) {
                top[(*nt)++] = hv[i];
                continue;
            }
            for (j = 1; j < *nt; j++)
                if (top[j] < top[low])
                    low = j;
            if (hv[i] > top[low])
                top[low] = hv[i];
        }
    }
    return XC_OK;
}

xc_code xc_store_key_stories(xc_store *st, uint64_t key, int64_t top[XC_HELD_TOP],
                             size_t *n, xc_error *err)
{
    xc_code code = held_load(st, err);
    *n = 0;
    return code == XC_OK ? key_stories(st, key, top, n, err) : code;
}

/* The candidate stories of V: those sharing its heaviest keys, the most
   shared first, at most XC_STORY_CANDIDATES, then sorted oldest first. */
static xc_code candidates(xc_store *st, const uint64_t *keys, size_t nk, tally *out,
                          size_t *nout, xc_error *err)
{
    tally all[32 * STORIES_PER_KEY];
    /* where each story is in ALL (index + 1, 0: not there), by its id
       hashed: a walk through ALL for every story read cost more than the
       scoring when the keys are common */
    uint16_t where[TALLY_SLOTS];
    size_t n = 0;
    xc_code code;
    *nout = 0;
    memset(where, 0, sizeof where);
    for (size_t k = 0; k < nk && k < 32; k++) {
        int64_t top[STORIES_PER_KEY];
        size_t nt = 0;
        if ((code = key_stories(st, keys[k], top, &nt, err)) != XC_OK)
            return code;
        for (size_t t = 0; t < nt; t++) {
            size_t h = (size_t)(((uint64_t)top[t] * 0x9E3779B97F4A7C15u) >> 52);
            while (where[h] && all[where[h] - 1].story != top[t])
                h = (h + 1) & (TALLY_SLOTS - 1);
            if (!where[h]) {
                all[n] = (tally){top[t], 0};
                where[h] = (uint16_t)++n;
            }
            all[where[h] - 1].hits++;
        }
    }
    *nout = top_tallies(all, n, out);
    return XC_OK;
}

/* Fold story FROM into story INTO (older): documents, keys, size. */
static xc_code merge_story(xc_store *st, int64_t into, int64_t from, xc_error *err)
{
    static const char *const steps[] = {
        "UPDATE documents SET story = ?1 WHERE story = ?2",
        "UPDATE stories SET ndocs = ndocs + (SELECT ndocs FROM stories WHERE id = ?2)"
        " WHERE id = ?1",
        "INSERT OR IGNORE INTO story_keys (key, story)"
        " SELECT key, ?1 FROM story_keys WHERE story = ?2",
        "DELETE FROM story_keys WHERE story = ?2",
        "DELETE FROM story_features WHERE story = ?2",
        "DELETE FROM stories WHERE id = ?2",
    };
    cent_drop(st, from);
    if (tops_rename(&st->held.tops, &st->held.keys, from, into) != XC_OK)
        return xc_fail(err, XC_ERR_NOMEM, "merging two stories: out of memory");
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        xc_code code = exec2(st, steps[i], into, from, "merging two stories", err);
        if (code != XC_OK)
            return code;
    }
    return XC_OK;
}

static xc_code story_of(xc_store *st, int64_t doc, int64_t *story, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    xc_code code = cstmt(st, XC_CSTMT_STORY_OF, &s, err);
    int rc;
    *story = 0;
    if (code != XC_OK)
        return code;
    rc = sqlite3_bind_int64(s, 1, doc);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *story = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        code = xc_store_sqlfail(st, err, rc, "reading a document's story");
    done(s);
    return code;
}

xc_code xc_store_story_of(xc_store *st, int64_t doc, int64_t *story, xc_error *err)
{
    return story_of(st, doc, story, err);
}

/* Choose the story of the new document ID (vector V, near-copy of
   ORIGINAL or 0) and record it. */
static xc_code assign(xc_store *st, int64_t id, const xc_doc *doc, const xc_vec *v,
                      const uint64_t *keys, size_t nk, int hold, int64_t original,
                      int64_t *story, xc_error *err)
{
    tally cs[XC_STORY_CANDIDATES];
    xc_centroid cents[XC_STORY_CANDIDATES], *best = NULL, fresh;
    const xc_centroid *cp[XC_STORY_CANDIDATES];
    /* per candidate: 0 its centroid is the cache's (borrowed, not to be
       changed), 1 a copy read from the database, 2 a copy of the cache's */
    unsigned char own[XC_STORY_CANDIDATES];
    size_t nc = 0, ncent = 0, merge[XC_STORY_CANDIDATES], nmerge = 0;
    int64_t chosen = 0;
    sqlite3_stmt *s = NULL;
    xc_code code = XC_OK;
    int pick = -1, rc;

    memset(&fresh, 0, sizeof fresh);
    fresh.day_min = fresh.day_max = XC_DAY_NONE;
    if (original && (code = story_of(st, original, &chosen, err)) != XC_OK)
        return code;
    if (!chosen) {
        if ((code = candidates(st, keys, nk, cs, &nc, err)) != XC_OK)
            return code;
        /* the cached centroids are scored in place; the cache does not
           change until the decision is made */
        for (size_t i = 0; i < nc; i++) {
            const xc_centroid *hit = cent_peek(st, cs[i].story);
            int found = 1;
            if (hit) {
                cp[ncent] = hit;
                own[ncent] = 0;
            } else {
                if ((code = read_centroid(st, cs[i].story, &cents[ncent], &found, 1, err)) !=
                    XC_OK)
                    goto out;
                cp[ncent] = &cents[ncent];
                own[ncent] = 1;
            }
            if (found) {
                cs[ncent] = cs[i];
                ncent++;
            }
        }
        pick = xc_story_decide(v, cp, ncent, merge, &nmerge);
        /* copies of what changes, then the centroids read remembered */
        for (size_t i = 0; pick >= 0 && i <= nmerge; i++) {
            size_t k = i < nmerge ? merge[i] : (size_t)pick;
            if (!own[k]) {
                if (!cent_copy(cp[k], &cents[k])) {
                    code = xc_fail(err, XC_ERR_NOMEM, "clustering: out of memory");
                    goto out;
                }
                own[k] = 2;
            }
        }
        for (size_t i = 0; i < ncent; i++) {
            int changes = pick >= 0 && (size_t)pick == i;
            for (size_t k = 0; k < nmerge && !changes; k++)
                changes = merge[k] == i;
            if (own[i] == 1 && changes) {
                cent_put(st, cs[i].story, &cents[i]);
            } else if (own[i] == 1) {
                cent_move(st, cs[i].story, &cents[i]);
                own[i] = 0;
            }
        }
        if (pick >= 0) {
            chosen = cs[pick].story;
            best = &cents[pick];
            /* bridged stories fold into the oldest of them */
            for (size_t i = 0; i < nmerge; i++) {
                int64_t other = cs[merge[i]].story;
                int64_t into = other < chosen ? other : chosen;
                int64_t from = other < chosen ? chosen : other;
                xc_centroid *ci = other < chosen ? &cents[merge[i]] : best;
                xc_centroid *cf = other < chosen ? best : &cents[merge[i]];
                if ((code = xc_centroid_merge(ci, cf)) != XC_OK) {
                    xc_fail(err, code, "clustering: out of memory");
                    goto out;
                }
                if ((code = merge_story(st, into, from, err)) != XC_OK)
                    goto out;
                chosen = into;
                best = ci;
            }
        }
    }
    if (!chosen) {
        if ((code = cstmt(st, XC_CSTMT_STORY_NEW, &s, err)) != XC_OK)
            goto out;
        rc = doc->title ? sqlite3_bind_text(s, 1, doc->title, -1, SQLITE_STATIC)
                        : sqlite3_bind_null(s, 1);
        if ((code = step_done(st, s, rc, "starting a story", err)) != XC_OK)
            goto out;
        chosen = sqlite3_last_insert_rowid(st->db);
        best = &fresh;
    } else if (!best) {
        int found;
        if ((code = load_centroid(st, chosen, &fresh, &found, err)) != XC_OK)
            goto out;
        best = &fresh;
    }
    if ((code = xc_centroid_add(best, v)) != XC_OK) {
        xc_fail(err, code, "clustering: out of memory");
        goto out;
    }
    if ((code = save_centroid(st, chosen, best, err)) != XC_OK)
        goto out;
    if (!hold && (code = cstmt(st, XC_CSTMT_KEY_ADD, &s, err)) != XC_OK)
        goto out;
    for (size_t k = 0; k < nk && !hold; k++) {
        rc = sqlite3_bind_int64(s, 1, (sqlite3_int64)keys[k]);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(s, 2, chosen);
        if ((code = step_done(st, s, rc, "indexing a story", err)) != XC_OK)
            goto out;
    }
    if ((code = cstmt(st, XC_CSTMT_STORY_JOIN, &s, err)) != XC_OK)
        goto out;
    rc = sqlite3_bind_int64(s, 1, chosen);
    if (rc == SQLITE_OK)
        rc = doc->title ? sqlite3_bind_text(s, 2, doc->title, -1, SQLITE_STATIC)
                        : sqlite3_bind_null(s, 2);
    if ((code = step_done(st, s, rc, "counting a story", err)) != XC_OK)
        goto out;
    if ((code = cstmt(st, XC_CSTMT_DOC_STORY, &s, err)) != XC_OK)
        goto out;
    rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2, chosen);
    if ((code = step_done(st, s, rc, "placing the document in its story", err)) != XC_OK)
        goto out;
    *story = chosen;
out:
    for (size_t i = 0; i < ncent; i++)
        if (own[i])
            xc_centroid_free(&cents[i]);
    xc_centroid_free(&fresh);
    return code;
}

xc_code xc_store_cluster(xc_store *st, int64_t id, const xc_doc *doc, const xc_features *f,
                         int64_t *story, xc_error *err)
{
    dfmap m = {NULL, NULL, 0};
    uint32_t ndocs = 0;
    int64_t original = 0, bands[XC_MH_BANDS];
    uint64_t keys[32];
    size_t nk;
    xc_idf idf;
    xc_vec v;
    xc_code code;
    int hold;

    *story = 0;
    if ((code = held_load(st, err)) != XC_OK)
        return code;
    /* a new document is newer than all held, unless its number was freed
       by deleting the newest: its keys then go to the tables at once */
    hold = id > st->held.upto && id > st->held.last;
    if ((code = near_copies(st, id, f, hold, bands, &original, err)) != XC_OK)
        return code;
    if ((code = count_df(st, f, &m, &ndocs, err)) != XC_OK)
        goto out;
    idf = (xc_idf){df_lookup, &m, ndocs};
    if ((code = xc_vec_make(f, &idf, &v)) != XC_OK) {
        xc_fail(err, code, "clustering: out of memory");
        goto out;
    }
    nk = xc_vec_keys(&v, keys, 32);
    code = put_features(st, id, f, keys, nk, err);
    if (code == XC_OK)
        code = assign(st, id, doc, &v, keys, nk, hold, original, story, err);
    xc_vec_free(&v);
    if (code == XC_OK && hold &&
        held_doc(st, id, f->nshingles ? bands : NULL, keys, nk, *story) != XC_OK)
        code = xc_fail(err, XC_ERR_NOMEM, "clustering: out of memory");
out:
    free(m.key);
    free(m.n);
    return code;
}

/* ---- taking a document out ------------------------------------------------ */

/* The features in the current row of S (columns terms, entities, day;
   no signature) in *f; the caller frees f->terms and f->ents. */
static xc_code read_features(sqlite3_stmt *s, xc_features *f, xc_error *err)
{
    xc_code code;
    memset(f, 0, sizeof *f);
    f->day = sqlite3_column_type(s, 2) == SQLITE_NULL ? XC_DAY_NONE : sqlite3_column_int(s, 2);
    code = xc_feat_unpack(sqlite3_column_blob(s, 0), (size_t)sqlite3_column_bytes(s, 0),
                          &f->terms, &f->nterms);
    if (code == XC_OK)
        code = xc_feat_unpack(sqlite3_column_blob(s, 1), (size_t)sqlite3_column_bytes(s, 1),
                              &f->ents, &f->nents);
    if (code != XC_OK) {
        free(f->terms);
        free(f->ents);
        memset(f, 0, sizeof *f);
        return xc_fail(err, code, "reading story features: %s",
                       code == XC_ERR_DB ? "they are damaged" : "out of memory");
    }
    return XC_OK;
}

/* Count KEY (0: the documents) once less in table df, deleting its row
   at zero. */
static xc_code df_drop(xc_store *st, uint64_t key, xc_error *err)
{
    uint32_t n;
    xc_code code = df_read(st, key, &n, err);
    if (code == XC_OK && n)
        code = df_write(st, key, n - 1, err);
    return code;
}

xc_code xc_store_cluster_unlink(xc_store *st, int64_t doc, xc_error *err)
{
    sqlite3_stmt *s = NULL;
    xc_features f;
    dfmap m = {NULL, NULL, 0};
    xc_code code;
    uint32_t sig[XC_MH_N];
    int has_sig = 0;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT terms, entities, day, minhash FROM features"
                                " WHERE doc = ?1",
                                -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 1, doc);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) { /* stored without features: nothing counted */
        sqlite3_finalize(s);
        return XC_OK;
    }
    if (rc != SQLITE_ROW) {
        code = xc_store_sqlfail(st, err, rc, "reading the document's features");
        sqlite3_finalize(s);
        return code;
    }
    code = read_features(s, &f, err);
    if (sqlite3_column_bytes(s, 3) == (int)sizeof sig) {
        memcpy(sig, sqlite3_column_blob(s, 3), sizeof sig);
        has_sig = 1;
    }
    sqlite3_finalize(s);
    if (code != XC_OK)
        return code;
    /* its band keys, recomputed from its signature, leave table lsh (those
       held in memory go when the caller forgets the cache) */
    if (has_sig) {
        int64_t keys[XC_MH_BANDS];
        xc_mh_bands(sig, keys);
        if ((code = cstmt(st, XC_CSTMT_LSH_DEL, &s, err)) == XC_OK)
            for (int b = 0; b < XC_MH_BANDS && code == XC_OK; b++) {
                rc = sqlite3_bind_int64(s, 1, keys[b]);
                if (rc == SQLITE_OK)
                    rc = sqlite3_bind_int64(s, 2, doc);
                code = step_done(st, s, rc, "taking the document out of the near-copy index",
                                 err);
            }
    }
    code = code == XC_OK ? df_keys(&f, &m, err) : code;
    for (size_t i = 0; i < m.len && code == XC_OK; i++)
        code = df_drop(st, m.key[i], err);
    if (code == XC_OK)
        code = df_drop(st, 0, err);
    free(m.key);
    free(m.n);
    free(f.terms);
    free(f.ents);
    return code;
}

/* The vector of F with the stored frequencies. */
static xc_code stored_vec(xc_store *st, const xc_features *f, uint32_t ndocs, xc_vec *v,
                          xc_error *err)
{
    dfmap m = {NULL, NULL, 0};
    xc_code code = df_keys(f, &m, err);
    for (size_t i = 0; i < m.len && code == XC_OK; i++)
        code = df_read(st, m.key[i], &m.n[i], err);
    if (code == XC_OK) {
        xc_idf idf = {df_lookup, &m, ndocs};
        if ((code = xc_vec_make(f, &idf, v)) != XC_OK)
            xc_fail(err, code, "clustering: out of memory");
    }
    free(m.key);
    free(m.n);
    return code;
}

xc_code xc_store_cluster_rebuild(xc_store *st, int64_t story, xc_error *err)
{
    static const char *const q =
        ("SELECT f.terms, f.entities, f.day FROM documents AS d"
         " JOIN features AS f ON f.doc = d.id WHERE d.story = ?1 ORDER BY d.id");
    sqlite3_stmt *s = NULL, *k = NULL;
    xc_centroid c;
    uint32_t ndocs = 0;
    xc_code code;
    int rc;

    memset(&c, 0, sizeof c);
    c.day_min = c.day_max = XC_DAY_NONE;
    if ((code = df_read(st, 0, &ndocs, err)) != XC_OK)
        return code;
    if ((code = exec2(st, "DELETE FROM story_keys WHERE story = ?1", story, 0,
                      "re-indexing a story", err)) != XC_OK)
        return code;
    if ((code = exec2(st,
                      "UPDATE stories SET title = (SELECT title FROM documents"
                      " WHERE story = ?1 AND title IS NOT NULL ORDER BY id LIMIT 1)"
                      " WHERE id = ?1",
                      story, 0, "re-titling a story", err)) != XC_OK)
        return code;
    if ((code = cstmt(st, XC_CSTMT_KEY_ADD, &k, err)) != XC_OK)
        return code;
    rc = sqlite3_prepare_v2(st->db, q, -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 1, story);
    while (rc == SQLITE_OK && code == XC_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        xc_features f;
        xc_vec v;
        uint64_t keys[32];
        size_t nk;
        rc = SQLITE_OK;
        if ((code = read_features(s, &f, err)) != XC_OK)
            break;
        code = stored_vec(st, &f, ndocs, &v, err);
        free(f.terms);
        free(f.ents);
        if (code != XC_OK)
            break;
        if ((code = xc_centroid_add(&c, &v)) != XC_OK)
            xc_fail(err, code, "clustering: out of memory");
        nk = xc_vec_keys(&v, keys, 32);
        xc_vec_free(&v);
        for (size_t i = 0; i < nk && code == XC_OK; i++) {
            int r = sqlite3_bind_int64(k, 1, (sqlite3_int64)keys[i]);
            if (r == SQLITE_OK)
                r = sqlite3_bind_int64(k, 2, story);
            code = step_done(st, k, r, "re-indexing a story", err);
        }
    }
    if (code == XC_OK && rc != SQLITE_DONE)
        code = xc_store_sqlfail(st, err, rc, "reading a story's documents");
    sqlite3_finalize(s);
    if (code == XC_OK)
        code = c.ndocs ? save_centroid(st, story, &c, err)
                       : exec2(st, "DELETE FROM story_features WHERE story = ?1", story, 0,
                               "re-computing a story", err);
    xc_centroid_free(&c);
    return code;
}
