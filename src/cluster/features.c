/*
 * features.c: what one document brings to near-duplicate detection and
 * story clustering, computed once per document (in a worker thread when
 * the store ingests in parallel) and compared many times.
 *
 *   - the MinHash signature over shingles of XC_MH_SHINGLE consecutive
 *     words, every word and number outside page furniture, case-folded;
 *   - content words: the same words, stopwords out, number words and
 *     irregular forms at their base, stemmed with Snowball (libstemmer),
 *     with their counts; the XC_FEAT_MAX_TERMS most frequent are kept.
 *     Numbers written in digits (a toll, a magnitude, an amount, a year)
 *     are among them, their keys marked with XC_KEY_NUMBER so that story.c
 *     compares them apart;
 *   - entities: the names the tagger finds, one key per entity of the
 *     document.  A person's key is the transliteration key of the surname
 *     ("Pashinyan" and "Pashinian", the lone "Lohan" and "Lindsay Lohan"
 *     collide); other names are keyed as written, less case and dots;
 *   - the date: the publication date, else the first full date the text
 *     names explicitly.
 *
 * Thread-safe: the tagger and the lexicons load once per process
 * (pthread_once), each call has its own stemmer, and each thread its own
 * table of the stems it has computed (see stem_cache).
 */
#include "cluster/cluster.h"
#include "core/util.h"
#include "extract/extract.h"
#include "resolve/quotegroup.h"
#include "resolve/resolve.h"
#include "text/text.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#define SEED_TERM 0x7465726dULL   /* keys of content words ... */
#define SEED_ENTITY 0x656e7469ULL /* ... of entities ... */
#define SEED_NUMBER 0x6e756d62ULL /* ... and of numbers, apart */
#define LEDE_WORDS 40             /* the first words, which count triple */

int32_t xc_feat_day(const char *s)
{
    int y, m, d = 15;
    long long days;
    size_t n = s ? strlen(s) : 0;
    if (!(n == 7 || n == 10) || !xc_date_valid(s))
        return XC_DAY_NONE;
    y = atoi(s);
    m = atoi(s + 5);
    if (n == 10)
        d = atoi(s + 8);
    /* days from civil (Howard Hinnant's algorithm) */
    y -= m <= 2;
    {
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        days = (long long)era * 146097 + doe - 719468;
    }
    return (int32_t)days;
}

/* A growable list of keys with counts, merged by key when finished. */
typedef struct keys {
    xc_term *v;
    size_t n, cap;
} keys;

static xc_code keys_push(keys *k, uint64_t key, float w)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 256;
        xc_term *v = realloc(k->v, cap * sizeof *v);
        if (!v)
            return XC_ERR_NOMEM;
        k->v = v;
        k->cap = cap;
    }
    k->v[k->n++] = (xc_term){key, w};
    return XC_OK;
}

/* Whether A goes before B: by key, or (BY_WEIGHT) heaviest first, then by
   key, the orders of xc_term_cmp_key and xc_term_cmp_weight. */
static inline int term_before(const xc_term *a, const xc_term *b, int by_weight)
{
    if (by_weight && a->w != b->w)
        return a->w > b->w;
    return a->key < b->key;
}

/* Sort V[0..N) as xc_sort would with the comparison of BY_WEIGHT, by a
   merge sort with the comparison inline (the calls through qsort's
   function pointer were most of the work).  Equal keys may end up in
   another order than qsort's, which keys_finish does not see: it sums
   them, and the weights are whole numbers. */
static void term_sort(xc_term *v, size_t n, int by_weight)
{
    xc_term *tmp, *src = v, *dst;
    if (n < 2)
        return;
    if (!(tmp = malloc(n * sizeof *tmp))) {
        xc_sort(v, n, sizeof *v, by_weight ? xc_term_cmp_weight : xc_term_cmp_key);
        return;
    }
    /* runs of 8 by insertion, then merges of runs doubling in length */
    for (size_t a = 0; a < n; a += 8) {
        size_t b = a + 8 < n ? a + 8 : n;
        for (size_t i = a + 1; i < b; i++) {
            xc_term x = v[i];
            size_t j = i;
            while (j > a && term_before(&x, &v[j - 1], by_weight)) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
    }
    dst = tmp;
    for (size_t w = 8; w < n; w *= 2) {
        for (size_t a = 0; a < n; a += 2 * w) {
            size_t m = a + w < n ? a + w : n, b = a + 2 * w < n ? a + 2 * w : n;
            size_t i = a, j = m, o = a;
            while (i < m && j < b)
                dst[o++] = term_before(&src[j], &src[i], by_weight) ? src[j++] : src[i++];
            while (i < m)
                dst[o++] = src[i++];
            while (j < b)
                dst[o++] = src[j++];
        }
        {
            xc_term *t = src;
            src = dst;
            dst = t;
        }
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    free(tmp);
}

static void swap_terms(xc_term *v, size_t i, size_t j)
{
    xc_term t = v[i];
    v[i] = v[j];
    v[j] = t;
}

size_t xc_terms_keep_heaviest(xc_term *v, size_t n, size_t max)
{
    size_t lo = 0, hi = n, k = max - 1, m = 0;
    xc_term *t, thr;
    if (n <= max || !max)
        return n <= max ? n : 0;
    if (!(t = malloc(n * sizeof *t))) { /* the slow way, in place */
        term_sort(v, n, 1);
        term_sort(v, max, 0);
        return max;
    }
    /* the MAX-th heaviest, by selection (quickselect, the median of three
       as pivot) in a copy */
    memcpy(t, v, n * sizeof *t);
    while (hi - lo > 1) {
        size_t a = lo, b = lo + (hi - lo) / 2, c = hi - 1, mid, store = lo;
        if (term_before(&t[a], &t[b], 1))
            mid = term_before(&t[b], &t[c], 1) ? b : term_before(&t[a], &t[c], 1) ? c : a;
        else
            mid = term_before(&t[a], &t[c], 1) ? a : term_before(&t[b], &t[c], 1) ? c : b;
        swap_terms(t, mid, c);
        for (size_t i = lo; i < c; i++)
            if (term_before(&t[i], &t[c], 1))
                swap_terms(t, i, store++);
        swap_terms(t, store, c); /* the pivot, in its place */
        if (store == k)
            break;
        if (k < store)
            hi = store;
        else
            lo = store + 1;
    }
    thr = t[k];
    free(t);
    /* V keeps what is at least as heavy, in its order */
    for (size_t i = 0; i < n && m < max; i++)
        if (v[i].key == thr.key || term_before(&v[i], &thr, 1))
            v[m++] = v[i];
    return m;
}

/* Sum the weights of equal keys, keep the MAX heaviest, sort by key. */
static void keys_finish(keys *k, size_t max)
{
    size_t n = 0;
    if (k->n < 2)
        return;
    term_sort(k->v, k->n, 0);
    for (size_t i = 0; i < k->n; i++) {
        if (n && k->v[n - 1].key == k->v[i].key)
            k->v[n - 1].w += k->v[i].w;
        else
            k->v[n++] = k->v[i];
    }
    k->n = xc_terms_keep_heaviest(k->v, n, max);
}

/*
 * What read_words makes of each distinct word form of one document, so
 * that a word met again costs a hash lookup instead of the key, stopword
 * and stemmer work: news text repeats most of its words.  The weights of
 * a form's occurrences are summed here and pushed once per form; they are
 * whole numbers (1 or 3 per occurrence), so the sums are exact and the
 * keys come out as when every occurrence was pushed.
 */
typedef struct wform {
    uint64_t h;      /* XXH3 of the form */
    uint64_t key;    /* its content-word key, when IS_TERM */
    uint32_t off;    /* the form in the arena */
    uint16_t len;
    uint8_t is_term; /* 1: a content word with KEY; 0: none */
    float w;         /* summed weight of its occurrences */
} wform;

typedef struct wcache {
    uint32_t *slot;  /* 1 + index into v, 0 empty; cap a power of two */
    size_t cap;
    wform *v;
    size_t n, vcap;
    char *arena;
    size_t used, acap;
} wcache;

static void wcache_free(wcache *c)
{
    free(c->slot);
    free(c->v);
    free(c->arena);
}

static xc_code wcache_grow(wcache *c)
{
    size_t cap = c->cap ? c->cap * 2 : 1024;
    uint32_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < c->n; i++) {
        size_t j = (size_t)c->v[i].h & (cap - 1);
        while (slot[j])
            j = (j + 1) & (cap - 1);
        slot[j] = (uint32_t)(i + 1);
    }
    free(c->slot);
    c->slot = slot;
    c->cap = cap;
    return XC_OK;
}

/* The entry of FORM (LEN bytes, hash H); *FRESH is set when it was added
   (its term fields then to be filled in).  NULL when out of memory. */
static wform *wcache_get(wcache *c, const char *form, size_t len, uint64_t h,
                         int *fresh)
{
    size_t j;
    wform *e;
    *fresh = 0;
    if ((c->n + 1) * 2 > c->cap && wcache_grow(c) != XC_OK)
        return NULL;
    for (j = (size_t)h & (c->cap - 1); c->slot[j]; j = (j + 1) & (c->cap - 1)) {
        e = &c->v[c->slot[j] - 1];
        if (e->h == h && e->len == len && memcmp(c->arena + e->off, form, len) == 0)
            return e;
    }
    {
        wform *v = xc_grow(c->v, &c->vcap, c->n, sizeof *v);
        if (!v)
            return NULL;
        c->v = v;
    }
    if (c->used + len > c->acap) {
        size_t cap = c->acap ? c->acap * 2 : 4096;
        char *a;
        while (cap < c->used + len)
            cap *= 2;
        if (!(a = realloc(c->arena, cap)))
            return NULL;
        c->arena = a;
        c->acap = cap;
    }
    memcpy(c->arena + c->used, form, len);
    e = &c->v[c->n];
    e->h = h;
    e->key = 0;
    e->off = (uint32_t)c->used;
    e->len = (uint16_t)len;
    e->is_term = 0;
    e->w = 0;
    c->used += len;
    c->slot[j] = (uint32_t)(++c->n);
    *fresh = 1;
    return e;
}

/*
 * Stems already computed, per thread and across documents: the stemmer is
 * the dearest part of a word's key, and the same words come back in every
 * report.  Each thread that computes features has its own table (no
 * locks); the tables are also on a list, so that they stay reachable and
 * a thread's table is freed when it exits.  A full table starts over.
 */
#define STEM_SLOTS (1u << 16)          /* a power of two */
#define STEM_MAX (STEM_SLOTS / 2)      /* entries before starting over */
#define STEM_ARENA ((size_t)1 << 20)   /* bytes of words */

typedef struct stem_ent {
    uint64_t h;      /* XXH3 of the word */
    uint64_t key;    /* its term key, when IS_TERM */
    uint32_t off;    /* the word in the arena */
    uint16_t len;
    uint8_t is_term;
} stem_ent;

typedef struct stem_cache {
    struct stem_cache *prev, *next; /* on the list of all */
    uint32_t slot[STEM_SLOTS];      /* 1 + index into v, 0 empty */
    stem_ent v[STEM_MAX];
    size_t n, used;
    char arena[STEM_ARENA];
} stem_cache;

static pthread_mutex_t stem_mu = PTHREAD_MUTEX_INITIALIZER;
static stem_cache *stem_all;
static pthread_key_t stem_tkey;
static int stem_tkey_ok;
static pthread_once_t stem_once = PTHREAD_ONCE_INIT;

static void stem_cache_drop(void *p)
{
    stem_cache *c = p;
    pthread_mutex_lock(&stem_mu);
    if (c->prev)
        c->prev->next = c->next;
    else
        stem_all = c->next;
    if (c->next)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&stem_mu);
    free(c);
}

static void stem_key_make(void)
{
    stem_tkey_ok = pthread_key_create(&stem_tkey, stem_cache_drop) == 0;
}

/* The calling thread's table; NULL when there is none and none can be
   made (then stems are computed every time). */
static stem_cache *stem_cache_get(void)
{
    stem_cache *c;
    pthread_once(&stem_once, stem_key_make);
    if (!stem_tkey_ok)
        return NULL;
    if ((c = pthread_getspecific(stem_tkey)) != NULL)
        return c;
    if (!(c = malloc(sizeof *c)))
        return NULL;
    memset(c->slot, 0, sizeof c->slot);
    c->n = c->used = 0;
    c->prev = NULL;
    if (pthread_setspecific(stem_tkey, c) != 0) {
        free(c);
        return NULL;
    }
    pthread_mutex_lock(&stem_mu);
    c->next = stem_all;
    if (stem_all)
        stem_all->prev = c;
    stem_all = c;
    pthread_mutex_unlock(&stem_mu);
    return c;
}

/* The stem key of KEY (LEN bytes) by STEM: 1 and *OUT, 0 when the stem is
   under two bytes, -1 when the stemmer fails. */
static int stem_key_of(struct sb_stemmer *stem, const char *key, size_t len,
                       uint64_t *out)
{
    const sb_symbol *s = sb_stemmer_stem(stem, (const sb_symbol *)key, (int)len);
    int sl;
    if (!s)
        return -1;
    sl = sb_stemmer_length(stem);
    if (sl < 2)
        return 0;
    *out = XXH3_64bits_withSeed(s, (size_t)sl, SEED_TERM) & ~XC_KEY_NUMBER;
    return 1;
}

static int stem_cached(struct sb_stemmer *stem, const char *key, size_t len,
                       uint64_t *out)
{
    stem_cache *c = stem_cache_get();
    uint64_t h;
    size_t j;
    stem_ent *e;
    int got;
    if (!c || len > UINT16_MAX)
        return stem_key_of(stem, key, len, out);
    h = XXH3_64bits(key, len);
    for (j = (size_t)h & (STEM_SLOTS - 1); c->slot[j]; j = (j + 1) & (STEM_SLOTS - 1)) {
        e = &c->v[c->slot[j] - 1];
        if (e->h == h && e->len == len && memcmp(c->arena + e->off, key, len) == 0) {
            *out = e->key;
            return e->is_term;
        }
    }
    if ((got = stem_key_of(stem, key, len, out)) < 0)
        return got;
    if (c->n == STEM_MAX || c->used + len > STEM_ARENA) {
        /* full: start over */
        memset(c->slot, 0, sizeof c->slot);
        c->n = c->used = 0;
        for (j = (size_t)h & (STEM_SLOTS - 1); c->slot[j]; j = (j + 1) & (STEM_SLOTS - 1))
            ;
    }
    e = &c->v[c->n];
    e->h = h;
    e->key = got ? *out : 0;
    e->off = (uint32_t)c->used;
    e->len = (uint16_t)len;
    e->is_term = (uint8_t)got;
    memcpy(c->arena + c->used, key, len);
    c->used += len;
    c->slot[j] = (uint32_t)++c->n;
    return got;
}

/* Whether the word FORM is a content word, and its key into *OUT: the
   stem of its base form, stopwords and keys or stems under two bytes
   out.  Returns 1, 0 for none, -1 when the stemmer fails. */
static int content_key(struct sb_stemmer *stem, const char *form, uint64_t *out)
{
    const char *key = xc_qgroup_word_key(form);
    size_t len = strlen(key);
    if (len < 2 || xc_qgroup_stopword(key))
        return 0;
    return stem_cached(stem, key, len, out);
}

/* Words: shingles into the signature, content words into TERMS. */
static xc_code read_words(const xc_doc *doc, const xc_tokens *tk,
                          struct sb_stemmer *stem, xc_features *f, keys *terms)
{
    uint64_t win[XC_MH_SHINGLE];
    size_t nwords = 0;
    char form[XC_QGROUP_WORD_MAX];
    wcache wc = {0};
    xc_code rc = XC_OK;

    xc_mh_init(f->minhash);
    for (size_t i = 0; i < tk->ntok; i++) {
        const xc_token *t = &tk->tok[i];
        size_t len;
        uint64_t h;
        float w;
        wform *e;
        int fresh;
        if (t->kind != XC_TOK_WORD && t->kind != XC_TOK_NUMBER)
            continue;
        if (xc_doc_in_boilerplate(doc, t->start, t->end))
            continue;
        len = xc_qgroup_word_form(doc->text + t->start, t->end - t->start, form);
        if (!len)
            continue;
        h = XXH3_64bits(form, len);
        win[nwords % XC_MH_SHINGLE] = h;
        nwords++;
        if (nwords >= XC_MH_SHINGLE) {
            uint64_t sh[XC_MH_SHINGLE];
            for (size_t k = 0; k < XC_MH_SHINGLE; k++)
                sh[k] = win[(nwords + k) % XC_MH_SHINGLE];
            xc_mh_add(f->minhash, XXH3_64bits(sh, sizeof sh));
            f->nshingles++;
        }
        if (!terms) /* near-copies only: the shingles are all it takes */
            continue;
        /* the lede tells the story: its words count double */
        w = nwords <= LEDE_WORDS ? 3.0f : 1.0f;
        if (t->kind == XC_TOK_NUMBER) {
            /* amounts, tolls and years tell incidents of one kind apart */
            if (len >= 2 && keys_push(terms, XXH3_64bits_withSeed(form, len, SEED_NUMBER) | XC_KEY_NUMBER,
                                      w) != XC_OK) {
                rc = XC_ERR_NOMEM;
                goto out;
            }
            continue;
        }
        if (!(e = wcache_get(&wc, form, len, h, &fresh))) {
            rc = XC_ERR_NOMEM;
            goto out;
        }
        if (fresh) {
            int got = content_key(stem, form, &e->key);
            if (got < 0) {
                rc = XC_ERR_NOMEM;
                goto out;
            }
            e->is_term = (uint8_t)got;
        }
        e->w += w;
    }
    if (nwords > 0 && nwords < XC_MH_SHINGLE) {
        /* a very short text is one shingle of all its words */
        xc_mh_add(f->minhash, XXH3_64bits(win, nwords * sizeof win[0]));
        f->nshingles = 1;
    }
    for (size_t k = 0; k < wc.n && rc == XC_OK; k++)
        if (wc.v[k].is_term)
            rc = keys_push(terms, wc.v[k].key, wc.v[k].w);
out:
    wcache_free(&wc);
    return rc;
}

/* One key per entity of the document, weighted by its mentions. */
static xc_code read_entities(const xc_doc *doc, const xc_entities *e, keys *ents)
{
    size_t *best; /* per entity: its longest mention + 1, 0 for none */
    uint32_t *count;
    xc_code rc = XC_OK;
    if (!e->nentities)
        return XC_OK;
    best = calloc(e->nentities, sizeof *best);
    count = calloc(e->nentities, sizeof *count);
    if (!best || !count) {
        free(best);
        free(count);
        return XC_ERR_NOMEM;
    }
    for (size_t k = 0; k < e->nm; k++) {
        const xc_mention *m = &e->m[k];
        if (m->boilerplate || m->entity >= e->nentities)
            continue;
        count[m->entity]++;
        if (!best[m->entity] ||
            m->end - m->start > e->m[best[m->entity] - 1].end - e->m[best[m->entity] - 1].start)
            best[m->entity] = k + 1;
    }
    for (uint32_t x = 0; x < e->nentities && rc == XC_OK; x++) {
        char key[256];
        const xc_mention *m;
        size_t len;
        const char *sp;
        if (!best[x])
            continue;
        m = &e->m[best[x] - 1];
        len = xc_resolve_key(doc->text + m->start, m->end - m->start, key, sizeof key);
        if (!len)
            continue;
        /* a person by the surname: variants and the lone surname collide */
        if (m->type == XC_ENT_PERSON && (sp = strrchr(key, ' ')) != NULL) {
            len = strlen(sp + 1);
            memmove(key, sp + 1, len + 1);
        }
        if (len < 2)
            continue;
        rc = keys_push(ents, XXH3_64bits_withSeed(key, len, SEED_ENTITY), (float)count[x]);
    }
    free(best);
    free(count);
    return rc;
}

/* The publication date, else the first full date the text names. */
static int32_t doc_day(const xc_doc *doc, const xc_times *t)
{
    int32_t day = xc_feat_day(doc->published);
    for (size_t i = 0; day == XC_DAY_NONE && i < t->n; i++)
        if (t->v[i].anchor == XC_ANCHOR_EXPLICIT && strlen(t->v[i].value) == 10)
            day = xc_feat_day(t->v[i].value);
    return day;
}

xc_code xc_feat_build(const xc_doc *doc, const xc_tokens *tk, const xc_entities *e,
                      const xc_times *t, xc_features **out)
{
    return xc_feat_build_for(doc, tk, e, t, 1, out);
}

xc_code xc_feat_build_for(const xc_doc *doc, const xc_tokens *tk, const xc_entities *e,
                          const xc_times *t, int stories, xc_features **out)
{
    xc_features *f;
    keys terms = {0}, ekeys = {0};
    struct sb_stemmer *stem = NULL;
    xc_code rc;

    *out = NULL;
    if (!(f = calloc(1, sizeof *f)))
        return XC_ERR_NOMEM;
    if (stories && !(stem = sb_stemmer_new("english", NULL))) {
        free(f);
        return XC_ERR_NOMEM;
    }
    rc = read_words(doc, tk, stem, f, stories ? &terms : NULL);
    if (stem)
        sb_stemmer_delete(stem);
    if (rc == XC_OK && stories)
        rc = read_entities(doc, e, &ekeys);
    if (rc != XC_OK) {
        free(terms.v);
        free(ekeys.v);
        free(f);
        return rc;
    }
    f->day = doc_day(doc, t);
    keys_finish(&terms, XC_FEAT_MAX_TERMS);
    keys_finish(&ekeys, XC_FEAT_MAX_ENTS);
    f->terms = terms.v;
    f->nterms = terms.n;
    f->ents = ekeys.v;
    f->nents = ekeys.n;
    *out = f;
    return XC_OK;
}

xc_code xc_features_compute(const xc_doc *doc, xc_features **out, xc_error *err)
{
    xc_tokens tk = {0};
    xc_entities ents = {0};
    xc_times times = {0};
    xc_code rc;

    if (out)
        *out = NULL;
    if (!doc || !doc->text || !out)
        return xc_fail(err, XC_ERR_ARG, "story features: no document");
    rc = xc_tokenize(doc->text, doc->len, &tk);
    if (rc != XC_OK) {
        xc_fail(err, rc, "%s: cannot cut into words: %s",
                doc->source ? doc->source : "a document", xc_code_str(rc));
    } else if ((rc = xc_entities_find(doc, &tk, &ents, err)) == XC_OK) {
        if ((rc = xc_times_find(doc, &tk, &times)) == XC_OK)
            rc = xc_feat_build(doc, &tk, &ents, &times, out);
        if (rc != XC_OK)
            xc_fail(err, rc, "story features: %s", xc_code_str(rc));
    }
    xc_tokens_free(&tk);
    xc_entities_free(&ents);
    xc_times_free(&times);
    return rc;
}

void xc_features_free(xc_features *f)
{
    if (!f)
        return;
    free(f->terms);
    free(f->ents);
    free(f);
}

unsigned char *xc_feat_pack(const xc_term *v, size_t n, size_t *len)
{
    unsigned char *b = malloc(n ? n * 12 : 1);
    *len = 0;
    if (!b)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        uint32_t w;
        memcpy(&w, &v[i].w, 4);
        for (int k = 0; k < 8; k++)
            b[i * 12 + k] = (unsigned char)(v[i].key >> (8 * k));
        for (int k = 0; k < 4; k++)
            b[i * 12 + 8 + k] = (unsigned char)(w >> (8 * k));
    }
    *len = n * 12;
    return b;
}

xc_code xc_feat_unpack(const void *blob, size_t len, xc_term **out, size_t *n)
{
    const unsigned char *b = blob;
    xc_term *v;
    *out = NULL;
    *n = 0;
    if (len % 12)
        return XC_ERR_DB;
    if (!(v = malloc(len ? len / 12 * sizeof *v : 1)))
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < len / 12; i++) {
        uint64_t key = 0;
        uint32_t w = 0;
        for (int k = 0; k < 8; k++)
            key |= (uint64_t)b[i * 12 + k] << (8 * k);
        for (int k = 0; k < 4; k++)
            w |= (uint32_t)b[i * 12 + 8 + k] << (8 * k);
        v[i].key = key;
        memcpy(&v[i].w, &w, 4);
    }
    *out = v;
    *n = len / 12;
    return XC_OK;
}
