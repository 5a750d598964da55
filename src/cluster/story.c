/*
 * story.c: which reports tell the same story.  A document is a TF-IDF
 * vector over its content words, one over the numbers it writes in digits
 * (a toll, a magnitude, an amount, a year: what tells two incidents of one
 * kind apart), one over its entities, and a date.  Each is a unit vector.
 * A story is the sum of its documents' vectors (its centroid, cut to the
 * heaviest keys so it stays small however large the story grows) and the
 * range of their dates.  A document's fit to a story is the weighted mean
 * of the three cosines with the centroid, over what the document has (a
 * document without entities or numbers is judged on the rest; names or
 * numbers the story lacks lower the fit), lowered when the document and
 * the story both give numbers and not one agrees (reports of one
 * incident repeat its date, toll or amount; another incident of the same
 * kind has its own), and lowered the further the document's date lies
 * from the story's.
 *
 * Online clustering: each new document joins the story it fits best, if
 * that fit reaches xc_story_join, or starts a new one.  Candidates come
 * from an inverted index over the stories' heaviest keys, so a document
 * is compared with a bounded number of stories, not with all.  When a
 * document fits two stories well (xc_story_merge), it bridges them and
 * they merge.  Everything is ordered by document and story numbers, so
 * the same documents in the same order give the same stories.
 *
 * The weights and thresholds were chosen on half of the ECB+ development
 * topics (the odd ones, two incidents of one kind per topic to keep
 * apart) and checked on the other half and on an event-level set (the
 * first ECB+ incident of every topic and the five seed reports):
 * bench/stories_split.sh and bench/stories.sh; docs/stories.md has the
 * figures.
 */
#include "cluster/cluster.h"
#include "core/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double xc_story_join = 0.20;
double xc_story_merge = 0.40;

double xc_story_w_terms = 0.55;   /* the content-word cosine, */
double xc_story_w_ents = 0.45;    /* the entity cosine */
double xc_story_w_numbers = 0.15; /* and the number cosine */
double xc_story_numbers_apart = 0.75; /* the share kept when no figure agrees */
#define W_TERMS xc_story_w_terms
#define W_ENTS xc_story_w_ents
#define W_NUMBERS xc_story_w_numbers
#define DAYS_SAME 3     /* days apart that cost nothing */
#define DAYS_HALF 90.0  /* then the fit halves every this many days */
#define QUERY_KEYS 24   /* keys of a document looked up in the index */
#define POSTING_LAST 24 /* most recent stories read per key */
#define MAX_CANDIDATES XC_STORY_CANDIDATES

int xc_term_cmp_key(const void *x, const void *y)
{
    const xc_term *a = x, *b = y;
    return a->key < b->key ? -1 : a->key > b->key;
}

int xc_term_cmp_weight(const void *x, const void *y)
{
    const xc_term *a = x, *b = y;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return xc_term_cmp_key(x, y);
}

static double idf_of(const xc_idf *idf, uint64_t key)
{
    uint32_t df = idf && idf->df ? idf->df(idf->ctx, key) : 0;
    uint32_t n = idf ? idf->ndocs : 0;
    if (df > n)
        n = df;
    return log(1.0 + (n + 1.0) / (df + 1.0));
}

/* The part of a list of terms a key belongs to: 0 words, 1 numbers; with
   SPLIT zero (entities) every key is of part 0. */
static int part(uint64_t key, int split)
{
    return split && (key & XC_KEY_NUMBER) != 0;
}

/* The squared norms of A per part (see part), in N[0] and N[1], summed in
   the order of A: the same sums whatever caches them. */
static void sqnorms(const xc_term *a, size_t na, int split, double n[2])
{
    n[0] = n[1] = 0;
    for (size_t k = 0; k < na; k++)
        n[part(a[k].key, split)] += (double)a[k].w * a[k].w;
}

/* SRC weighted (1 + ln count) * idf into a new array, each part (see
   part) a unit vector of its own. */
static xc_code weigh(const xc_term *src, size_t n, const xc_idf *idf, int split,
                     xc_term **out)
{
    double norm[2] = {0, 0};
    xc_term *v = malloc((n ? n : 1) * sizeof *v);
    *out = v;
    if (!v)
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        double w = src[i].w > 0 ? (1.0 + log(src[i].w)) * idf_of(idf, src[i].key) : 0;
        v[i].key = src[i].key;
        v[i].w = (float)w;
        norm[part(v[i].key, split)] += w * w;
    }
    norm[0] = sqrt(norm[0]);
    norm[1] = sqrt(norm[1]);
    for (size_t i = 0; i < n; i++)
        if (norm[part(v[i].key, split)] > 0)
            v[i].w = (float)(v[i].w / norm[part(v[i].key, split)]);
    return XC_OK;
}

xc_code xc_vec_make(const xc_features *f, const xc_idf *idf, xc_vec *v)
{
    memset(v, 0, sizeof *v);
    v->day = f->day;
    if (weigh(f->terms, f->nterms, idf, 1, &v->terms) != XC_OK ||
        weigh(f->ents, f->nents, idf, 0, &v->ents) != XC_OK) {
        xc_vec_free(v);
        return XC_ERR_NOMEM;
    }
    v->nterms = f->nterms;
    v->nents = f->nents;
    return XC_OK;
}

void xc_vec_free(xc_vec *v)
{
    if (!v)
        return;
    free(v->terms);
    free(v->ents);
    memset(v, 0, sizeof *v);
}

/* ---- centroids ------------------------------------------------------ */

/* A := A + B (both sorted by key), cut to the MAX heaviest. */
static xc_code add_terms(xc_term **a, size_t *na, const xc_term *b, size_t nb, size_t max)
{
    xc_term *v = malloc((*na + nb ? *na + nb : 1) * sizeof *v);
    size_t i = 0, j = 0, n = 0;
    if (!v)
        return XC_ERR_NOMEM;
    while (i < *na || j < nb) {
        if (j == nb || (i < *na && (*a)[i].key < b[j].key))
            v[n++] = (*a)[i++];
        else if (i == *na || b[j].key < (*a)[i].key)
            v[n++] = b[j++];
        else {
            v[n] = (*a)[i++];
            v[n++].w += b[j++].w;
        }
    }
    n = xc_terms_keep_heaviest(v, n, max);
    free(*a);
    *a = v;
    *na = n;
    return XC_OK;
}

static void widen(xc_centroid *c, int32_t lo, int32_t hi)
{
    if (lo == XC_DAY_NONE)
        return;
    if (c->day_min == XC_DAY_NONE || lo < c->day_min)
        c->day_min = lo;
    if (c->day_max == XC_DAY_NONE || hi > c->day_max)
        c->day_max = hi;
}

static void drop_index(xc_centroid *c)
{
    free(c->lo);
    c->lo = NULL;
}

void xc_centroid_index(xc_centroid *c)
{
    drop_index(c);
    if (!(c->lo = malloc((c->nterms + c->nents + 1) * sizeof *c->lo)))
        return;
    for (size_t i = 0; i < c->nterms; i++)
        c->lo[i] = (uint16_t)c->terms[i].key;
    for (size_t i = 0; i < c->nents; i++)
        c->lo[c->nterms + i] = (uint16_t)c->ents[i].key;
}

xc_code xc_centroid_add(xc_centroid *c, const xc_vec *v)
{
    c->norms_ok = 0;
    drop_index(c);
    if (!c->ndocs && !c->nterms && !c->nents)
        c->day_min = c->day_max = XC_DAY_NONE;
    if (add_terms(&c->terms, &c->nterms, v->terms, v->nterms, XC_CENTROID_TERMS) != XC_OK ||
        add_terms(&c->ents, &c->nents, v->ents, v->nents, XC_CENTROID_ENTS) != XC_OK)
        return XC_ERR_NOMEM;
    c->ndocs++;
    widen(c, v->day, v->day);
    xc_centroid_norms(c);
    return XC_OK;
}

xc_code xc_centroid_merge(xc_centroid *c, const xc_centroid *o)
{
    c->norms_ok = 0;
    drop_index(c);
    if (add_terms(&c->terms, &c->nterms, o->terms, o->nterms, XC_CENTROID_TERMS) != XC_OK ||
        add_terms(&c->ents, &c->nents, o->ents, o->nents, XC_CENTROID_ENTS) != XC_OK)
        return XC_ERR_NOMEM;
    c->ndocs += o->ndocs;
    widen(c, o->day_min, o->day_max);
    xc_centroid_norms(c);
    return XC_OK;
}

void xc_centroid_norms(xc_centroid *c)
{
    double e[2];
    sqnorms(c->terms, c->nterms, 1, c->norms);
    sqnorms(c->ents, c->nents, 0, e);
    c->norms[2] = e[0];
    c->norms_ok = 1;
}

void xc_centroid_free(xc_centroid *c)
{
    if (!c)
        return;
    free(c->terms);
    free(c->ents);
    free(c->lo);
    memset(c, 0, sizeof *c);
    c->day_min = c->day_max = XC_DAY_NONE;
}

/* ---- scoring -------------------------------------------------------- */

/* A document's keys as a filter of BLOOM_BITS bits, each key by its low
   16 bits (keys are hashes), so that a centroid's LO can be tested: the
   few hundred keys of a document set about 0.3% of them. */
#define BLOOM_BITS 65536
#define BLOOM_WORDS (BLOOM_BITS / 64)

/* Whether a key with low bits LO may be among those put in BLOOM. */
static int in_bloom(const uint64_t *bloom, uint64_t lo)
{
    return (int)(bloom[(lo >> 6) & (BLOOM_WORDS - 1)] >> (lo & 63) & 1);
}

static void bloom_put(uint64_t *bloom, uint64_t key)
{
    bloom[(key >> 6) & (BLOOM_WORDS - 1)] |= (uint64_t)1 << (key & 63);
}

/* The cosines of A and B (both sorted by key, with the squared norms N1
   and N2 of sqnorms) over the keys of each part (see part): COS[0] words
   or entities, COS[1] numbers; HAVE[p] is nonzero when A has keys of part
   p.  BLOOM holds A's keys (and may hold others): B's keys that are not in
   it are passed over with one test, and the rest looked for in A by
   binary search.  BLO, when not NULL, holds the low 16 bits of B's keys:
   the test then reads those 2 bytes, not B's 16-byte entry (a cached
   centroid is mostly not in the processor's cache, and a document shares
   a few dozen of its 420 keys).  The products are added in the same order
   (B's, by key) with the same values as a merge of both lists. */
static void cosines(const xc_term *a, size_t na, const double n1[2], const uint64_t *bloom,
                    const xc_term *b, const uint16_t *blo, size_t nb, const double n2[2],
                    int split, double cos[2], int have[2])
{
    double dot[2] = {0, 0};
    size_t i = 0, j = 0;
    while (j < nb && i < na) {
        /* the keys that pass the filter first, their entries fetched
           together (each is mostly a miss of the processor's cache) */
        size_t hit[64], nh = 0;
        for (; j < nb && nh < 64; j++)
            if (in_bloom(bloom, blo ? blo[j] : b[j].key)) {
                __builtin_prefetch(&b[j]);
                hit[nh++] = j;
            }
        for (size_t h = 0; h < nh && i < na; h++) {
            uint64_t kb = b[hit[h]].key;
            size_t hi = na;
            while (i < hi) { /* the first of A[i..] with a key >= kb */
                size_t mid = i + (hi - i) / 2;
                if (a[mid].key < kb)
                    i = mid + 1;
                else
                    hi = mid;
            }
            if (i < na && a[i].key == kb) {
                dot[part(kb, split)] += (double)a[i].w * b[hit[h]].w;
                i++;
            }
        }
    }
    for (int p = 0; p < 2; p++) {
        have[p] = n1[p] > 0;
        cos[p] = n1[p] > 0 && n2[p] > 0 ? dot[p] / sqrt(n1[p] * n2[p]) : 0;
    }
}

/* The share of the fit kept for dates GAP days apart. */
static double time_factor(int64_t gap)
{
    if (gap <= DAYS_SAME)
        return 1;
    return pow(0.5, (double)(gap - DAYS_SAME) / DAYS_HALF);
}

/* Days between the ranges [a0,a1] and [b0,b1]; 0 when either is unknown. */
static int64_t gap(int32_t a0, int32_t a1, int32_t b0, int32_t b1)
{
    if (a0 == XC_DAY_NONE || b0 == XC_DAY_NONE)
        return 0;
    if (a1 < b0)
        return (int64_t)b0 - a1;
    if (b1 < a0)
        return (int64_t)a0 - b1;
    return 0;
}

/* The squared norms of a document's vector, summed once for all the
   stories it is compared with. */
typedef struct vnorms {
    double t[2], e[2];
    uint64_t bloom[BLOOM_WORDS]; /* the keys of its words and entities */
} vnorms;

static void vec_norms(const xc_vec *v, vnorms *n)
{
    sqnorms(v->terms, v->nterms, 1, n->t);
    sqnorms(v->ents, v->nents, 0, n->e);
    memset(n->bloom, 0, sizeof n->bloom);
    for (size_t i = 0; i < v->nterms; i++)
        bloom_put(n->bloom, v->terms[i].key);
    for (size_t i = 0; i < v->nents; i++)
        bloom_put(n->bloom, v->ents[i].key);
}

static double score(const xc_vec *v, const vnorms *vn, const xc_centroid *c)
{
    double t[2], e[2], num, den, ct[2], ce[2];
    int ht[2], he[2];
    if (c->norms_ok) {
        ct[0] = c->norms[0];
        ct[1] = c->norms[1];
        ce[0] = c->norms[2];
        ce[1] = 0;
    } else {
        sqnorms(c->terms, c->nterms, 1, ct);
        sqnorms(c->ents, c->nents, 0, ce);
    }
    cosines(v->terms, v->nterms, vn->t, vn->bloom, c->terms, c->lo, c->nterms, ct, 1, t, ht);
    cosines(v->ents, v->nents, vn->e, vn->bloom, c->ents, c->lo ? c->lo + c->nterms : NULL,
            c->nents, ce, 0, e, he);
    /* what the document has counts: names or numbers of the document the
       story lacks lower the fit; a document without any is judged on the
       rest */
    num = W_TERMS * t[0];
    den = W_TERMS;
    if (he[0]) {
        num += W_ENTS * e[0];
        den += W_ENTS;
    }
    if (ht[1]) {
        num += W_NUMBERS * t[1];
        den += W_NUMBERS;
    }
    /* both give figures and not one agrees: most likely another incident
       of the same kind (another toll, magnitude, amount, date) */
    if (ht[1] && ct[1] > 0 && t[1] <= 0)
        num *= xc_story_numbers_apart;
    return num / den * time_factor(gap(v->day, v->day, c->day_min, c->day_max));
}

double xc_story_score(const xc_vec *v, const xc_centroid *c)
{
    vnorms vn;
    vec_norms(v, &vn);
    return score(v, &vn, c);
}

size_t xc_vec_keys(const xc_vec *v, uint64_t *keys, size_t max)
{
    xc_term best[QUERY_KEYS];
    size_t n = 0, ne = 0;
    xc_term *tmp;
    size_t ntmp = v->nterms + v->nents;
    if (max > QUERY_KEYS)
        max = QUERY_KEYS;
    if (!ntmp || !(tmp = malloc(ntmp * sizeof *tmp)))
        return 0;
    /* half entities, the rest content words, heaviest first */
    if (v->nents)
        memcpy(tmp, v->ents, v->nents * sizeof *tmp);
    xc_sort(tmp, v->nents, sizeof *tmp, xc_term_cmp_weight);
    for (size_t i = 0; i < v->nents && ne < max / 2; i++)
        best[ne++] = tmp[i];
    if (v->nterms)
        memcpy(tmp, v->terms, v->nterms * sizeof *tmp);
    xc_sort(tmp, v->nterms, sizeof *tmp, xc_term_cmp_weight);
    n = ne;
    for (size_t i = 0; i < v->nterms && n < max; i++)
        best[n++] = tmp[i];
    free(tmp);
    for (size_t i = 0; i < n; i++)
        keys[i] = best[i].key;
    return n;
}

/* ---- online clustering in memory --------------------------------------- */

typedef struct posting {
    uint64_t key;
    uint32_t *story; /* stories in order of arrival */
    size_t n, cap;
} posting;

struct xc_stories {
    xc_centroid *c;
    uint32_t *parent; /* union-find over stories: merged into */
    size_t n, cap;
    uint32_t *doc_story; /* per document: its story when it arrived */
    size_t ndocs, capdocs;
    posting *idx;     /* open addressing by key */
    size_t idxcap, idxn;
};

xc_stories *xc_stories_new(void)
{
    return calloc(1, sizeof(xc_stories));
}

void xc_stories_free(xc_stories *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        xc_centroid_free(&s->c[i]);
    for (size_t i = 0; i < s->idxcap; i++)
        free(s->idx[i].story);
    free(s->idx);
    free(s->c);
    free(s->parent);
    free(s->doc_story);
    free(s);
}

static uint32_t find(const xc_stories *s, uint32_t x)
{
    while (s->parent[x] != x)
        x = s->parent[x];
    return x;
}

static posting *slot(xc_stories *s, uint64_t key)
{
    size_t i = (size_t)(key * 0x9e3779b97f4a7c15ULL) & (s->idxcap - 1);
    while (s->idx[i].story && s->idx[i].key != key)
        i = (i + 1) & (s->idxcap - 1);
    return &s->idx[i];
}

static xc_code index_key(xc_stories *s, uint64_t key, uint32_t story)
{
    posting *p;
    if (2 * (s->idxn + 1) > s->idxcap) {
        size_t cap = s->idxcap ? s->idxcap * 2 : 1024;
        posting *old = s->idx;
        size_t oldcap = s->idxcap;
        if (!(s->idx = calloc(cap, sizeof *s->idx))) {
            s->idx = old;
            return XC_ERR_NOMEM;
        }
        s->idxcap = cap;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].story)
                *slot(s, old[i].key) = old[i];
        free(old);
    }
    p = slot(s, key);
    if (!p->story)
        s->idxn++;
    else if (p->story[p->n - 1] == story)
        return XC_OK;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4;
        uint32_t *v = realloc(p->story, cap * sizeof *v);
        if (!v)
            return XC_ERR_NOMEM;
        p->story = v;
        p->cap = cap;
    }
    p->key = key;
    p->story[p->n++] = story;
    return XC_OK;
}

typedef struct cand {
    uint32_t story, hits;
    double score;
} cand;

static int cmp_hits(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->hits != b->hits)
        return a->hits > b->hits ? -1 : 1;
    return a->story > b->story ? -1 : a->story < b->story; /* newer first */
}

/* Candidates for V: stories sharing its heaviest keys, most shared first. */
static size_t candidates(xc_stories *s, const xc_vec *v, cand *out)
{
    uint64_t keys[QUERY_KEYS];
    size_t nk = xc_vec_keys(v, keys, QUERY_KEYS), n = 0;
    cand all[QUERY_KEYS * POSTING_LAST];
    if (!s->idxcap)
        return 0;
    for (size_t k = 0; k < nk; k++) {
        posting *p = slot(s, keys[k]);
        size_t from = p->n > POSTING_LAST ? p->n - POSTING_LAST : 0;
        for (size_t i = from; p->story && i < p->n; i++) {
            uint32_t st = find(s, p->story[i]);
            size_t j = 0;
            while (j < n && all[j].story != st)
                j++;
            if (j == n)
                all[n++] = (cand){st, 0, 0};
            all[j].hits++;
        }
    }
    xc_sort(all, n, sizeof *all, cmp_hits);
    if (n > MAX_CANDIDATES)
        n = MAX_CANDIDATES;
    memcpy(out, all, n * sizeof *out);
    return n;
}

static xc_code index_story(xc_stories *s, const xc_vec *v, uint32_t story)
{
    uint64_t keys[QUERY_KEYS];
    size_t nk = xc_vec_keys(v, keys, QUERY_KEYS);
    for (size_t k = 0; k < nk; k++)
        if (index_key(s, keys[k], story) != XC_OK)
            return XC_ERR_NOMEM;
    return XC_OK;
}

static int cmp_story(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    return a->story < b->story ? -1 : a->story > b->story;
}

static int cmp_score(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->story < b->story ? -1 : a->story > b->story;
}

int xc_story_decide(const xc_vec *v, const xc_centroid *const *c, size_t n,
                    size_t *merge, size_t *nmerge)
{
    cand cs[MAX_CANDIDATES];
    int best = -1;
    vnorms vn;
    *nmerge = 0;
    if (n > MAX_CANDIDATES)
        n = MAX_CANDIDATES;
    vec_norms(v, &vn);
    for (size_t i = 0; i < n; i++)
        cs[i] = (cand){(uint32_t)i, 0, score(v, &vn, c[i])};
    xc_sort(cs, n, sizeof *cs, cmp_score);
    if (!n || cs[0].score < xc_story_join)
        return -1;
    best = (int)cs[0].story;
    for (size_t i = 1; i < n && cs[i].score >= xc_story_merge; i++)
        merge[(*nmerge)++] = cs[i].story;
    return best;
}

/* A new empty story in S; its number in *out. */
static xc_code new_story(xc_stories *s, uint32_t *out)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        xc_centroid *c = realloc(s->c, cap * sizeof *c);
        uint32_t *p;
        if (!c)
            return XC_ERR_NOMEM;
        s->c = c;
        if (!(p = realloc(s->parent, cap * sizeof *p)))
            return XC_ERR_NOMEM;
        s->parent = p;
        s->cap = cap;
    }
    *out = (uint32_t)s->n++;
    memset(&s->c[*out], 0, sizeof s->c[*out]);
    s->c[*out].day_min = s->c[*out].day_max = XC_DAY_NONE;
    s->parent[*out] = *out;
    return XC_OK;
}

xc_code xc_stories_add(xc_stories *s, const xc_vec *v, int64_t with)
{
    cand cs[MAX_CANDIDATES];
    const xc_centroid *c[MAX_CANDIDATES];
    size_t merge[MAX_CANDIDATES], nmerge = 0;
    size_t nc = candidates(s, v, cs);
    uint32_t best;
    int pick;

    if (s->ndocs == s->capdocs) {
        size_t cap = s->capdocs ? s->capdocs * 2 : 64;
        uint32_t *d = realloc(s->doc_story, cap * sizeof *d);
        if (!d)
            return XC_ERR_NOMEM;
        s->doc_story = d;
        s->capdocs = cap;
    }
    /* the story numbers ascending, so ties go to the older story */
    xc_sort(cs, nc, sizeof *cs, cmp_story);
    for (size_t i = 0; i < nc; i++)
        c[i] = &s->c[cs[i].story];
    if (with >= 0 && (size_t)with < s->ndocs) {
        best = find(s, s->doc_story[with]);
    } else if ((pick = xc_story_decide(v, c, nc, merge, &nmerge)) >= 0) {
        best = cs[pick].story;
        /* stories this document bridges merge into the oldest of them */
        for (size_t i = 0; i < nmerge; i++) {
            uint32_t a = find(s, best), b = find(s, cs[merge[i]].story);
            if (a == b)
                continue;
            if (b < a) {
                uint32_t t = a;
                a = b;
                b = t;
            }
            if (xc_centroid_merge(&s->c[a], &s->c[b]) != XC_OK)
                return XC_ERR_NOMEM;
            xc_centroid_free(&s->c[b]);
            s->parent[b] = a;
        }
        best = find(s, best);
    } else if (new_story(s, &best) != XC_OK) {
        return XC_ERR_NOMEM;
    }
    if (xc_centroid_add(&s->c[best], v) != XC_OK || index_story(s, v, best) != XC_OK)
        return XC_ERR_NOMEM;
    s->doc_story[s->ndocs++] = best;
    return XC_OK;
}

size_t xc_stories_result(const xc_stories *s, size_t *of)
{
    size_t nout = 0;
    uint32_t *num = malloc((s->n ? s->n : 1) * sizeof *num);
    if (!num) {
        for (size_t i = 0; i < s->ndocs; i++)
            of[i] = 0;
        return s->ndocs ? 1 : 0;
    }
    for (size_t i = 0; i < s->n; i++)
        num[i] = UINT32_MAX;
    for (size_t i = 0; i < s->ndocs; i++) {
        uint32_t r = find(s, s->doc_story[i]);
        if (num[r] == UINT32_MAX)
            num[r] = (uint32_t)nout++;
        of[i] = num[r];
    }
    free(num);
    return nout;
}
