/*
 * clusters.c: word clusters for the entity tagger, learned from unlabelled
 * text, and their file.
 *
 * Brown clusters (a binary merge tree over words, read as bit strings whose
 * prefixes are coarser and coarser classes) are what Ratinov and Roth use;
 * this builds a tree of the same shape more cheaply.  Each word is described
 * by the words around it: positive pointwise mutual information with the
 * most frequent words one and two places to the left and right (smoothed
 * context counts, Levy et al. 2015), projected to a few hundred dimensions
 * with a fixed pseudo-random sign matrix and normalized.  Top-down
 * spherical k-means then cuts the words into 16 classes, each of those into
 * 4, then 16, 16, 8 and 8, so each word gets a path of up to 20 bits whose
 * prefixes of 4, 6, 10 and 20 bits (the lengths the tagger reads) are
 * classes of their own: the shape of Brown clusters.  On the 1.5 million
 * tokens of news text at hand this takes seconds.
 *
 * The file: one line per word, "BITS<TAB>WORD<TAB>COUNT", sorted by bits
 * then word (byte order).  xc_ner_clusters_load reads it into the tagger's
 * resources: the word's path, and for the word's lowercase form the path
 * and case of its most frequent form (to read words of all-capital
 * headlines as they are usually written).
 */
#include "extract/ner.h"
#include "core/util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_BREAK UINT32_MAX
#define MAX_WORD 64     /* longer tokens are not clustered */

struct xc_ner_text {
    char **words;       /* id -> word */
    uint64_t *counts;   /* id -> occurrences */
    size_t nwords, capwords;
    xc_ner_map index;   /* FNV-1a of a word -> 1 + id */
    uint32_t *seq;      /* ids, LINE_BREAK between lines */
    size_t nseq, capseq;
    size_t ntokens;
};

xc_ner_text *xc_ner_text_new(void)
{
    return calloc(1, sizeof(xc_ner_text));
}

void xc_ner_text_free(xc_ner_text *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nwords; i++)
        free(t->words[i]);
    free(t->words);
    free(t->counts);
    xc_ner_map_free(&t->index);
    free(t->seq);
    free(t);
}

size_t xc_ner_text_ntokens(const xc_ner_text *t)
{
    return t->ntokens;
}

static xc_code push_id(xc_ner_text *t, uint32_t id)
{
    if (t->nseq == t->capseq) {
        size_t cap = t->capseq ? t->capseq * 2 : 65536;
        uint32_t *p = realloc(t->seq, cap * sizeof *p);
        if (!p)
            return XC_ERR_NOMEM;
        t->seq = p;
        t->capseq = cap;
    }
    t->seq[t->nseq++] = id;
    return XC_OK;
}

static xc_code push_word(xc_ner_text *t, const char *s, size_t n)
{
    uint64_t h;
    uint32_t id;
    if (!n || n > MAX_WORD)
        return XC_OK;
    h = xc_ner_hash(s, n);
    id = xc_ner_map_get(&t->index, h);
    if (!id) {
        xc_code rc;
        if (t->nwords == t->capwords) {
            size_t cap = t->capwords ? t->capwords * 2 : 4096;
            char **w = realloc(t->words, cap * sizeof *w);
            uint64_t *c;
            if (!w)
                return XC_ERR_NOMEM;
            t->words = w;
            if (!(c = realloc(t->counts, cap * sizeof *c)))
                return XC_ERR_NOMEM;
            t->counts = c;
            t->capwords = cap;
        }
        if (!(t->words[t->nwords] = xc_strndup(s, n)))
            return XC_ERR_NOMEM;
        t->counts[t->nwords] = 0;
        id = (uint32_t)++t->nwords;
        if ((rc = xc_ner_map_put(&t->index, h, id)) != XC_OK)
            return rc;
    }
    t->counts[id - 1]++;
    t->ntokens++;
    return push_id(t, id - 1);
}

static xc_code end_line(xc_ner_text *t)
{
    if (t->nseq && t->seq[t->nseq - 1] != LINE_BREAK)
        return push_id(t, LINE_BREAK);
    return XC_OK;
}

xc_code xc_ner_text_add_tokens(xc_ner_text *t, const char *const *tok, size_t n)
{
    xc_code rc;
    for (size_t i = 0; i < n; i++)
        if ((rc = push_word(t, tok[i], strlen(tok[i]))) != XC_OK)
            return rc;
    return end_line(t);
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int abbreviation(const char *s, size_t n)
{
    static const char *const abbr[] = {
        "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.", "Sr.", "Inc.", "Corp.", "Co.",
        "Ltd.", "Gen.", "Lt.", "Col.", "Sen.", "Rep.", "Gov.", "Prof.", "Capt.",
        "Sgt.", "Rev.", "Mt.", "Ft.", "No.", "vs.", "Jan.", "Feb.", "Aug.", "Sept.",
        "Sep.", "Oct.", "Nov.", "Dec.", "etc.", NULL};
    if (n >= 2 && s[n - 1] == '.' && memchr(s, '.', n - 1))
        return 1; /* U.S. */
    if (n == 2 && s[1] == '.' && s[0] >= 'A' && s[0] <= 'Z')
        return 1; /* J. */
    for (int i = 0; abbr[i]; i++)
        if (strlen(abbr[i]) == n && memcmp(abbr[i], s, n) == 0)
            return 1;
    return 0;
}

/* Cut one whitespace-free chunk into tokens roughly as CoNLL-2003 is cut:
   leading and trailing punctuation apart, "'s" and "n't" apart, periods of
   abbreviations kept. */
static xc_code add_chunk(xc_ner_text *t, const char *s, size_t n)
{
    static const char lead[] = "([{\"'`$";
    static const char trail[] = ")]}\"',;:!?.%";
    size_t a = 0, b = n, nt = 0;
    size_t tails[16];
    xc_code rc;

    while (a < b && strchr(lead, s[a]) && s[a]) {
        if ((rc = push_word(t, s + a, 1)) != XC_OK)
            return rc;
        a++;
    }
    while (b > a && s[b - 1] && strchr(trail, s[b - 1]) && nt < 16) {
        if (s[b - 1] == '.' && abbreviation(s + a, b - a))
            break;
        tails[nt++] = --b;
    }
    if (b - a > 3 && memcmp(s + b - 3, "n't", 3) == 0) {
        if ((rc = push_word(t, s + a, b - a - 3)) != XC_OK ||
            (rc = push_word(t, s + b - 3, 3)) != XC_OK)
            return rc;
    } else if (b - a > 2 && s[b - 2] == '\'' && (s[b - 1] == 's' || s[b - 1] == 'S')) {
        if ((rc = push_word(t, s + a, b - a - 2)) != XC_OK ||
            (rc = push_word(t, s + b - 2, 2)) != XC_OK)
            return rc;
    } else if (b > a && (rc = push_word(t, s + a, b - a)) != XC_OK) {
        return rc;
    }
    while (nt)
        if ((rc = push_word(t, s + tails[--nt], 1)) != XC_OK)
            return rc;
    return XC_OK;
}

xc_code xc_ner_text_add_line(xc_ner_text *t, const char *s, size_t n)
{
    char buf[256];
    size_t i = 0;
    xc_code rc;

    while (i < n) {
        size_t o = 0;
        while (i < n && is_space((unsigned char)s[i]))
            i++;
        if (i >= n)
            break;
        /* a chunk, with typographic quotes and dashes made ASCII */
        while (i < n && !is_space((unsigned char)s[i])) {
            unsigned char c = (unsigned char)s[i];
            if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
                unsigned char d = (unsigned char)s[i + 2];
                if (d == 0x98 || d == 0x99) {
                    c = '\'';
                    i += 2;
                } else if (d == 0x9c || d == 0x9d) {
                    c = '"';
                    i += 2;
                } else if (d == 0x93 || d == 0x94) {
                    /* a dash: its own token */
                    i += 3;
                    if (o && (rc = add_chunk(t, buf, o)) != XC_OK)
                        return rc;
                    o = 0;
                    if ((rc = push_word(t, "-", 1)) != XC_OK)
                        return rc;
                    continue;
                }
            }
            if (o < sizeof buf)
                buf[o++] = (char)c;
            i++;
        }
        if (o && o < sizeof buf && (rc = add_chunk(t, buf, o)) != XC_OK)
            return rc;
    }
    return end_line(t);
}

/* Drop markup: keep the text inside <TEXT> when there is one, replace tags
   by nothing and the five XML entities by their characters. */
static size_t strip_xml(char *s, size_t n)
{
    char *a = strstr(s, "<TEXT>"), *e;
    size_t o = 0, i;
    if (a && (e = strstr(a, "</TEXT>"))) {
        size_t len = (size_t)(e - a) - 6;
        memmove(s, a + 6, len);
        n = len;
        s[n] = '\0';
    }
    for (i = 0; i < n; i++) {
        if (s[i] == '<') {
            while (i < n && s[i] != '>')
                i++;
            continue;
        }
        if (s[i] == '&') {
            static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"},
                {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
            int done = 0;
            for (size_t k = 0; k < 5; k++) {
                size_t l = strlen(ent[k][0]);
                if (n - i >= l && memcmp(s + i, ent[k][0], l) == 0) {
                    s[o++] = ent[k][1][0];
                    i += l - 1;
                    done = 1;
                    break;
                }
            }
            if (done)
                continue;
        }
        s[o++] = s[i];
    }
    s[o] = '\0';
    return o;
}

xc_code xc_ner_text_add_file(xc_ner_text *t, const char *path, int is_xml,
                             xc_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    xc_code rc = XC_OK;

    if (!f)
        return xc_fail(err, XC_ERR_IO, "%s: %s", path, strerror(errno));
    for (;;) {
        size_t got;
        if (cap - n < 65536) {
            char *p;
            cap = cap ? cap * 2 : 1 << 20;
            if (cap > ((size_t)1 << 30) || !(p = realloc(buf, cap + 1))) {
                fclose(f);
                free(buf);
                return xc_fail(err, XC_ERR_TOO_BIG, "%s: too big or out of memory", path);
            }
            buf = p;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (!got)
            break;
    }
    if (ferror(f))
        rc = xc_fail(err, XC_ERR_IO, "%s: read error", path);
    fclose(f);
    if (rc != XC_OK) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    if (is_xml)
        n = strip_xml(buf, n);
    /* lines, or for markup paragraphs (blank lines) since tokens may sit
       one per line */
    for (size_t i = 0; i < n && rc == XC_OK;) {
        size_t j = i;
        if (is_xml) {
            while (j < n && !(buf[j] == '\n' && j + 1 < n && buf[j + 1] == '\n'))
                j++;
        } else {
            while (j < n && buf[j] != '\n')
                j++;
        }
        rc = xc_ner_text_add_line(t, buf + i, j - i);
        i = j + 1;
    }
    free(buf);
    if (rc != XC_OK)
        return xc_fail(err, rc, "out of memory");
    return XC_OK;
}

/* ---- Clustering ------------------------------------------------------------ */

typedef struct cl_ctx {
    const xc_ner_text *t;
    size_t nv;          /* vocabulary size */
    uint32_t *vocab;    /* vocab index -> word id, most frequent first */
    unsigned dims;
    float *vec;         /* nv * dims, unit length */
    float *weight;      /* log(1 + count) */
    uint32_t *path;     /* per vocab word */
    uint8_t *len;
    unsigned depth;
} cl_ctx;

static const xc_ner_text *sort_text;

static int by_count(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    uint64_t cx = sort_text->counts[x], cy = sort_text->counts[y];
    if (cx != cy)
        return cx > cy ? -1 : 1;
    return strcmp(sort_text->words[x], sort_text->words[y]);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static float dot(const float *a, const float *b, unsigned n)
{
    float s = 0;
    for (unsigned i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

static void normalize(float *v, unsigned n)
{
    float s = sqrtf(dot(v, v, n));
    if (s > 0)
        for (unsigned i = 0; i < n; i++)
            v[i] /= s;
}

/* A fixed pseudo-random sequence (xorshift64). */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

/*
 * Spherical k-means of the words SET[0..N) into K classes: k-means++ start
 * from the generator RNG (frequent words weigh more), then Lloyd's
 * iterations.  Writes each word's class into ASG, classes numbered by
 * their most frequent word.  Returns 0, or -1 when out of memory.
 */
static int skmeans(const cl_ctx *c, const uint32_t *set, size_t n, size_t k,
                   uint32_t *asg, uint64_t *rng)
{
    unsigned D = c->dims;
    float *cent = malloc(k * D * sizeof *cent), *dist = malloc(n * sizeof *dist);
    double *acc = malloc(k * D * sizeof *acc);
    uint32_t *first = malloc(k * sizeof *first), *rank = malloc(k * sizeof *rank);
    int rc = -1;

    if (!cent || !dist || !acc || !first || !rank)
        goto done;
    memcpy(cent, c->vec + (size_t)set[0] * D, D * sizeof *cent);
    for (size_t i = 0; i < n; i++)
        dist[i] = 2 - 2 * dot(c->vec + (size_t)set[i] * D, cent, D);
    for (size_t j = 1; j < k; j++) {
        double total = 0, r;
        size_t pick = n - 1;
        for (size_t i = 0; i < n; i++)
            total += (double)(dist[i] > 0 ? dist[i] : 0) * c->weight[set[i]];
        r = (double)(rng_next(rng) >> 11) / 9007199254740992.0 * total;
        for (size_t i = 0; i < n; i++) {
            r -= (double)(dist[i] > 0 ? dist[i] : 0) * c->weight[set[i]];
            if (r <= 0) {
                pick = i;
                break;
            }
        }
        memcpy(cent + j * D, c->vec + (size_t)set[pick] * D, D * sizeof *cent);
        for (size_t i = 0; i < n; i++) {
            float d = 2 - 2 * dot(c->vec + (size_t)set[i] * D, cent + j * D, D);
            if (d < dist[i])
                dist[i] = d;
        }
    }
    for (int it = 0; it < 20; it++) {
        size_t changed = 0;
        for (size_t i = 0; i < n; i++) {
            const float *x = c->vec + (size_t)set[i] * D;
            uint32_t best = 0;
            float bs = -3;
            for (size_t j = 0; j < k; j++) {
                float sc = dot(x, cent + j * D, D);
                if (sc > bs)
                    bs = sc, best = (uint32_t)j;
            }
            changed += asg[i] != best || it == 0;
            asg[i] = best;
        }
        if (changed * 1000 < n && it > 0)
            break;
        memset(acc, 0, k * D * sizeof *acc);
        for (size_t i = 0; i < n; i++) {
            const float *x = c->vec + (size_t)set[i] * D;
            double w = c->weight[set[i]];
            for (unsigned d = 0; d < D; d++)
                acc[asg[i] * D + d] += w * x[d];
        }
        for (size_t j = 0; j < k; j++) {
            double n2 = 0;
            for (unsigned d = 0; d < D; d++)
                n2 += acc[j * D + d] * acc[j * D + d];
            if (n2 > 0)
                for (unsigned d = 0; d < D; d++)
                    cent[j * D + d] = (float)(acc[j * D + d] / sqrt(n2));
        }
    }
    /* number the classes by their most frequent word (smallest index) */
    for (size_t j = 0; j < k; j++)
        first[j] = UINT32_MAX;
    for (size_t i = 0; i < n; i++)
        if (set[i] < first[asg[i]])
            first[asg[i]] = set[i];
    for (size_t j = 0; j < k; j++) {
        rank[j] = 0;
        for (size_t m = 0; m < k; m++)
            rank[j] += first[m] < first[j];
    }
    for (size_t i = 0; i < n; i++)
        asg[i] = rank[asg[i]];
    rc = 0;
done:
    free(cent);
    free(dist);
    free(acc);
    free(first);
    free(rank);
    return rc;
}

/* The tree's levels: how many bits each adds (2^bits branches), so that
   the prefixes the tagger reads (4, 6, 10 and 20 bits) end on levels. */
static const unsigned level_bits[] = {4, 2, 4, 4, 3, 3};
#define NLEVELS (sizeof level_bits / sizeof level_bits[0])

/*
 * Top-down k-means: split SET[0..N) into 2^bits classes at level LEVEL,
 * and each class again at the next level, giving each word the path of its
 * classes.  Sets of under four words per branch stay whole.  Returns 0,
 * or -1 when out of memory.
 */
static int split_level(cl_ctx *c, uint32_t *set, size_t n, unsigned level,
                       uint32_t path, unsigned len)
{
    size_t k, start = 0;
    uint32_t *asg, *tmp;
    uint64_t rng = 0x243f6a8885a308d3ULL ^ ((uint64_t)path << 8 | len);
    unsigned bits;

    if (level >= NLEVELS || len + level_bits[level] > c->depth ||
        n < ((size_t)4 << level_bits[level])) {
        for (size_t i = 0; i < n; i++) {
            c->path[set[i]] = path;
            c->len[set[i]] = (uint8_t)(len ? len : 1);
        }
        return 0;
    }
    bits = level_bits[level];
    k = (size_t)1 << bits;
    asg = malloc(n * sizeof *asg);
    tmp = malloc(n * sizeof *tmp);
    if (!asg || !tmp || skmeans(c, set, n, k, asg, &rng) != 0) {
        free(asg);
        free(tmp);
        return -1;
    }
    /* group the set by class, keeping frequency order inside */
    for (size_t j = 0, o = 0; j < k; j++)
        for (size_t i = 0; i < n; i++)
            if (asg[i] == j)
                tmp[o++] = set[i];
    memcpy(set, tmp, n * sizeof *set);
    free(tmp);
    for (size_t j = 0; j < k; j++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            m += asg[i] == j;
        if (m && split_level(c, set + start, m, level + 1,
                             path | (uint32_t)j << (XC_NER_CL_MAXLEN - len - bits),
                             len + bits) != 0) {
            free(asg);
            return -1;
        }
        start += m;
    }
    free(asg);
    return 0;
}

typedef struct out_row {
    uint32_t path;
    uint8_t len;
    const char *word;
    uint64_t count;
} out_row;

static int by_path(const void *a, const void *b)
{
    const out_row *x = a, *y = b;
    if (x->path != y->path)
        return x->path < y->path ? -1 : 1;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return strcmp(x->word, y->word);
}

xc_code xc_ner_cluster(const xc_ner_text *text, const xc_ner_cluster_opts *o,
                       FILE *out, xc_error *err)
{
    cl_ctx c = {0};
    uint32_t *ids = NULL, *ctx_of = NULL, *vidx = NULL, *set = NULL;
    uint64_t *pairs = NULL;
    double *wsum = NULL, *csum = NULL;
    float *sign = NULL;
    out_row *rows = NULL;
    size_t np = 0, nctx, ndim;
    unsigned K = o->contexts ? o->contexts : 1000;
    unsigned min_count = o->min_count ? o->min_count : 3;
    xc_code rc = XC_OK;

    c.t = text;
    c.dims = o->dims ? o->dims : 128;
    c.depth = o->depth && o->depth <= XC_NER_CL_MAXLEN ? o->depth : XC_NER_CL_MAXLEN;

    /* the vocabulary, most frequent first */
    if (!(ids = malloc((text->nwords + 1) * sizeof *ids)) ||
        !(vidx = malloc((text->nwords + 1) * sizeof *vidx)) ||
        !(ctx_of = malloc((text->nwords + 1) * sizeof *ctx_of)))
        goto nomem;
    for (size_t i = 0; i < text->nwords; i++)
        ids[i] = (uint32_t)i;
    sort_text = text;
    xc_sort(ids, text->nwords, sizeof *ids, by_count);
    for (size_t i = 0; i < text->nwords; i++) {
        uint32_t w = ids[i];
        vidx[w] = text->counts[w] >= min_count ? (uint32_t)i : UINT32_MAX;
        ctx_of[w] = i < K ? (uint32_t)i : K; /* K: any rarer word */
        if (text->counts[w] >= min_count)
            c.nv = i + 1;
    }
    c.vocab = ids;
    nctx = (size_t)K + 2; /* words, rarer word, line boundary */
    ndim = 4 * nctx;

    /* (word, context dimension) pairs */
    if (!(pairs = malloc((text->nseq * 4 + 1) * sizeof *pairs)))
        goto nomem;
    for (size_t i = 0; i < text->nseq; i++) {
        static const int offs[4] = {-2, -1, 1, 2};
        uint32_t w = text->seq[i];
        if (w == LINE_BREAK || vidx[w] == UINT32_MAX)
            continue;
        for (int k = 0; k < 4; k++) {
            long j = (long)i + offs[k];
            uint32_t cx = (uint32_t)K + 1;
            int crossed = 0;
            /* stop at a line boundary */
            for (long m = (long)i; m != j;) {
                m += offs[k] < 0 ? -1 : 1;
                if (m < 0 || (size_t)m >= text->nseq || text->seq[m] == LINE_BREAK) {
                    crossed = 1;
                    break;
                }
            }
            if (!crossed)
                cx = ctx_of[text->seq[j]];
            pairs[np++] = (uint64_t)vidx[w] << 32 | ((uint64_t)k * nctx + cx);
        }
    }
    xc_sort(pairs, np, sizeof *pairs, cmp_u64);

    /* marginals for PMI, context counts smoothed by the power 0.75 */
    if (!(wsum = calloc(c.nv + 1, sizeof *wsum)) || !(csum = calloc(ndim, sizeof *csum)))
        goto nomem;
    for (size_t i = 0; i < np; i++) {
        wsum[pairs[i] >> 32] += 1;
        csum[pairs[i] & 0xffffffffu] += 1;
    }
    {
        double ctot = 0;
        for (size_t d = 0; d < ndim; d++)
            ctot += (csum[d] = pow(csum[d], 0.75));
        for (size_t d = 0; d < ndim; d++)
            csum[d] /= ctot;
    }

    /* the sign matrix of the projection, fixed by a hash */
    if (!(sign = malloc(ndim * c.dims * sizeof *sign)) ||
        !(c.vec = calloc(c.nv * c.dims + 1, sizeof *c.vec)) ||
        !(c.weight = malloc((c.nv + 1) * sizeof *c.weight)) ||
        !(c.path = calloc(c.nv + 1, sizeof *c.path)) ||
        !(c.len = calloc(c.nv + 1, 1)) || !(set = malloc((c.nv + 1) * sizeof *set)))
        goto nomem;
    for (size_t d = 0; d < ndim; d++)
        for (unsigned k = 0; k < c.dims; k++)
            sign[d * c.dims + k] = (xc_ner_hash2(d, k) >> 63) ? 1.0f : -1.0f;
    for (size_t i = 0; i < np;) {
        size_t j = i;
        uint32_t v = (uint32_t)(pairs[i] >> 32);
        uint32_t d = (uint32_t)(pairs[i] & 0xffffffffu);
        double pmi;
        while (j < np && pairs[j] == pairs[i])
            j++;
        pmi = log((double)(j - i) / (wsum[v] * csum[d]));
        if (pmi > 0) {
            float *x = c.vec + (size_t)v * c.dims;
            const float *sg = sign + (size_t)d * c.dims;
            for (unsigned k = 0; k < c.dims; k++)
                x[k] += (float)pmi * sg[k];
        }
        i = j;
    }
    for (size_t v = 0; v < c.nv; v++) {
        normalize(c.vec + v * c.dims, c.dims);
        c.weight[v] = (float)log(1.0 + (double)text->counts[ids[v]]);
    }
    for (size_t v = 0; v < c.nv; v++)
        set[v] = (uint32_t)v;
    if (split_level(&c, set, c.nv, 0, 0, 0) != 0)
        goto nomem;

    if (!(rows = malloc((c.nv + 1) * sizeof *rows)))
        goto nomem;
    for (size_t v = 0; v < c.nv; v++) {
        rows[v].path = c.path[v];
        rows[v].len = c.len[v];
        rows[v].word = text->words[ids[v]];
        rows[v].count = text->counts[ids[v]];
    }
    xc_sort(rows, c.nv, sizeof *rows, by_path);
    for (size_t v = 0; v < c.nv; v++) {
        char bits[XC_NER_CL_MAXLEN + 1];
        unsigned len = rows[v].len ? rows[v].len : 1;
        for (unsigned k = 0; k < len; k++)
            bits[k] = (rows[v].path >> (XC_NER_CL_MAXLEN - 1 - k)) & 1u ? '1' : '0';
        bits[len] = '\0';
        fprintf(out, "%s\t%s\t%llu\n", bits, rows[v].word, (unsigned long long)rows[v].count);
    }
    if (ferror(out))
        rc = xc_fail(err, XC_ERR_IO, "cannot write the clusters");
    goto done;
nomem:
    rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
done:
    free(ids);
    free(vidx);
    free(ctx_of);
    free(pairs);
    free(wsum);
    free(csum);
    free(sign);
    free(c.vec);
    free(c.weight);
    free(c.path);
    free(c.len);
    free(rows);
    free(set);
    return rc;
}

/* ---- Loading ------------------------------------------------------------ */

static uint32_t case_of(const char *w, size_t n)
{
    size_t letters = 0, upper = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)w[i];
        if (ch >= 'A' && ch <= 'Z')
            letters++, upper++;
        else if (ch >= 'a' && ch <= 'z')
            letters++;
    }
    if (letters >= 2 && upper == letters)
        return XC_NER_CASE_UPPER;
    if (n && w[0] >= 'A' && w[0] <= 'Z')
        return XC_NER_CASE_TITLE;
    return XC_NER_CASE_LOWER;
}

xc_code xc_ner_clusters_load(xc_ner_res *r, const char *path, xc_error *err)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    xc_ner_map best = {0}; /* lower hash -> count of the form kept */
    xc_code rc = XC_OK;

    if (!f)
        return xc_fail(err, XC_ERR_IO, "%s: %s", path, strerror(errno));
    while ((len = getline(&line, &cap, f)) > 0) {
        char *tab1, *tab2, *end;
        unsigned long long count;
        uint32_t v = 0, nbits;
        uint64_t lh;
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        tab1 = strchr(line, '\t');
        tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab1 || !tab2) {
            rc = xc_fail(err, XC_ERR_PARSE, "%s: line %zu: want BITS<TAB>WORD<TAB>COUNT", path, lineno);
            break;
        }
        nbits = (uint32_t)(tab1 - line);
        if (nbits < 1 || nbits > XC_NER_CL_MAXLEN) {
            rc = xc_fail(err, XC_ERR_PARSE, "%s: line %zu: 1 to %d bits", path, lineno, XC_NER_CL_MAXLEN);
            break;
        }
        for (uint32_t k = 0; k < nbits; k++) {
            if (line[k] != '0' && line[k] != '1') {
                rc = xc_fail(err, XC_ERR_PARSE, "%s: line %zu: bits are 0 or 1", path, lineno);
                goto out;
            }
            if (line[k] == '1')
                v |= 1u << (XC_NER_CL_MAXLEN - 1 - k);
        }
        errno = 0;
        count = strtoull(tab2 + 1, &end, 10);
        if (errno || *end || tab2 == tab1 + 1) {
            rc = xc_fail(err, XC_ERR_PARSE, "%s: line %zu: bad count", path, lineno);
            break;
        }
        v = v << 5 | nbits;
        if ((rc = xc_ner_map_put(&r->clusters, xc_ner_hash(tab1 + 1, (size_t)(tab2 - tab1 - 1)), v)) != XC_OK)
            break;
        lh = xc_ner_hash_lower(tab1 + 1, (size_t)(tab2 - tab1 - 1));
        /* keep the most frequent form (the first on a tie: the file is sorted) */
        {
            uint32_t c32 = count > 0xfffffffeULL ? 0xfffffffeu : (uint32_t)count;
            uint32_t have = xc_ner_map_get(&best, lh);
            if (!have || c32 + 1 > have) {
                uint32_t cs = case_of(tab1 + 1, (size_t)(tab2 - tab1 - 1));
                if ((rc = xc_ner_map_put(&best, lh, c32 + 1)) != XC_OK ||
                    (rc = xc_ner_map_put(&r->lower, lh, v | cs << 25)) != XC_OK)
                    break;
            }
        }
    }
out:
    if (rc == XC_ERR_NOMEM)
        xc_fail(err, rc, "out of memory");
    xc_ner_map_free(&best);
    free(line);
    fclose(f);
    return rc;
}
