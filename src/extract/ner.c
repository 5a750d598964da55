/*
 * ner.c: the statistical named-entity tagger (PER, ORG, LOC, MISC): token
 * features, greedy decoding, the model file, and the public xc_tagger_*
 * functions.  Training lives in ner_train.c, word clusters in clusters.c.
 *
 * How a document is tagged.  Each token is turned once into hashes (word,
 * lowercase, shape, affixes), its word cluster and its gazetteer matches
 * (xc_ner_doc_init).  Pass 1 walks each sentence left to right and gives
 * every token the best BILOU label allowed after the previous one, scoring
 * about 50 hashed features of a two-token window plus the two labels
 * before it.  Pass 2 does the same with its own weights and, in addition,
 * what pass 1 said of the token and its neighbours and how the same word
 * (case ignored) was labelled everywhere else in the document, so a name
 * seen in full in the body decides its bare or all-capitals mentions in
 * the headline.  Sentences written all in capitals take the case their
 * words have elsewhere in the document or, failing that, in the unlabelled
 * text the clusters were learned from.
 *
 * Features are 64-bit hashes; the top BITS bits pick a row of the weight
 * table.  Collisions are accepted (the model is trained with them).  No
 * string is built per feature and nothing is allocated per token.
 *
 * The model file (data/ner.model), all integers little-endian:
 *
 *   offset size  field
 *   0      8     magic "XCNER\r\n\032"
 *   8      4     u32 version, 1
 *   12     4     u32 flags: bit 0 when pass 2 is left out (its table
 *                then has no rows); others 0
 *   16     ...   three maps, each:
 *                  u32 count, then count entries of u64 key, u32 value,
 *                  keys nonzero and strictly increasing
 *                1. gazetteers: key = hash of an entry's lowercase tokens
 *                   (xc_ner_hash2 chain from GAZ_SEED over
 *                   xc_ner_hash_lower of each token), value = list bits
 *                   (bit L: list L of xc_ner_list_files), bit 31 when the
 *                   key is also a proper prefix of an entry
 *                2. clusters: key = FNV-1a 64 of a word, value = bit path
 *                   in bits 5..24 (its first bit is bit 24, bits past its
 *                   length zero), its length 1..20 in bits 0..4
 *                3. lowercase: key = FNV-1a 64 of a lowercased word, value
 *                   as 2. for its most frequent form, plus that form's case
 *                   (1 lower, 2 title, 3 upper) in bits 25..26
 *         ...    two weight tables (pass 1, pass 2), each:
 *                  u32 bits (8..26), f32 scale (finite, > 0),
 *                  u32 nrows (at most 1 << bits), then nrows rows of
 *                  varint bucket (the first absolute, then the increase
 *                  over the previous one, at least 1; below 1 << bits),
 *                  zigzag varint BASE, varint MASK (16 bits), and for each
 *                  bit L set in MASK a zigzag varint: the row holds the
 *                  int16 weights of labels 1..16 relative to label O, all
 *                  BASE except those of MASK, BASE plus their varint
 *   end-8  8     u64 FNV-1a 64 of every byte before it
 *
 * Varints are LEB128 (7 bits a byte, low first), at most 5 bytes.  The
 * feature templates and their hashing (xc_ner_features) are part of the
 * format: a change to them needs a new version number.  Loading
 * checks every field, size and bound and fails with XC_ERR_PARSE on any
 * mismatch, so a truncated or corrupt file never crashes the program.
 */
#include "extract/ner.h"
#include "core/util.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
#define GAZ_SEED 0x9ae16a3b2f90404fULL
#define MODEL_MAGIC "XCNER\r\n\032"
#define MODEL_VERSION 1u
#define MODEL_MAX_BYTES ((size_t)256 * 1024 * 1024)

const char *const xc_ner_list_files[XC_NER_NLISTS] = {
    "countries.txt", "regions.txt",   "cities.txt",        "languages.txt",
    "demonyms.txt",  "first-names.txt", "person-titles.txt", "org-suffixes.txt"};

/* ---- Labels ------------------------------------------------------------ */

static const char *const type_names[XC_NER_NTYPES] = {"PER", "ORG", "LOC", "MISC"};
static const char *const iob2_b[XC_NER_NTYPES] = {"B-PER", "B-ORG", "B-LOC", "B-MISC"};
static const char *const iob2_i[XC_NER_NTYPES] = {"I-PER", "I-ORG", "I-LOC", "I-MISC"};

const char *xc_ner_type_name(int type)
{
    return type >= 0 && type < XC_NER_NTYPES ? type_names[type] : NULL;
}

int xc_ner_allowed(int prev, int cur)
{
    int open = prev > 0 && (XC_NER_PART(prev) == XC_NER_B || XC_NER_PART(prev) == XC_NER_I);
    if (cur < 0 || cur >= XC_NER_NLABELS)
        return 0;
    if (open)
        return cur > 0 && XC_NER_TYPE(cur) == XC_NER_TYPE(prev) &&
               (XC_NER_PART(cur) == XC_NER_I || XC_NER_PART(cur) == XC_NER_L);
    return cur == 0 || XC_NER_PART(cur) == XC_NER_B || XC_NER_PART(cur) == XC_NER_U;
}

int xc_ner_may_end(int label)
{
    return label == 0 || XC_NER_PART(label) == XC_NER_L || XC_NER_PART(label) == XC_NER_U;
}

void xc_ner_bilou_to_iob2(const uint8_t *labels, size_t n, const char **tags)
{
    int open = -1; /* type of the entity that continues, or -1 */
    for (size_t i = 0; i < n; i++) {
        int l = labels[i], ty, part;
        if (l <= 0 || l >= XC_NER_NLABELS) {
            tags[i] = "O";
            open = -1;
            continue;
        }
        ty = XC_NER_TYPE(l);
        part = XC_NER_PART(l);
        /* I or L continue an entity of their type; anything else opens one */
        if ((part == XC_NER_I || part == XC_NER_L) && open == ty)
            tags[i] = iob2_i[ty];
        else
            tags[i] = iob2_b[ty];
        open = (part == XC_NER_B || part == XC_NER_I) ? ty : -1;
    }
}

static int parse_tag(const char *t, int *prefix, int *type)
{
    if (!t)
        return -1;
    if (strcmp(t, "O") == 0) {
        *prefix = 'O';
        *type = -1;
        return 0;
    }
    if ((t[0] != 'B' && t[0] != 'I') || t[1] != '-')
        return -1;
    for (int ty = 0; ty < XC_NER_NTYPES; ty++)
        if (strcmp(t + 2, type_names[ty]) == 0) {
            *prefix = t[0];
            *type = ty;
            return 0;
        }
    return -1;
}

int xc_ner_iob_to_bilou(const char *const *tags, size_t n, uint8_t *labels)
{
    size_t start = 0;
    int cur = -1; /* type of the open chunk */
    for (size_t i = 0; i <= n; i++) {
        int prefix = 'O', type = -1, begin;
        if (i < n && parse_tag(tags[i], &prefix, &type) != 0)
            return -1;
        begin = prefix == 'B' || (prefix == 'I' && type != cur);
        if (cur >= 0 && (prefix == 'O' || begin)) {
            if (i - start == 1) {
                labels[start] = (uint8_t)XC_NER_LABEL(cur, XC_NER_U);
            } else {
                labels[start] = (uint8_t)XC_NER_LABEL(cur, XC_NER_B);
                for (size_t k = start + 1; k + 1 < i; k++)
                    labels[k] = (uint8_t)XC_NER_LABEL(cur, XC_NER_I);
                labels[i - 1] = (uint8_t)XC_NER_LABEL(cur, XC_NER_L);
            }
            cur = -1;
        }
        if (i == n)
            break;
        if (prefix == 'O') {
            labels[i] = 0;
        } else if (begin || cur < 0) {
            start = i;
            cur = type;
        }
    }
    return 0;
}

/* ---- Hashing ------------------------------------------------------------ */

XC_NO_COVERAGE
uint64_t xc_ner_hash(const void *s, size_t n)
{
    const unsigned char *p = s;
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

XC_NO_COVERAGE
uint64_t xc_ner_hash_lower(const char *s, size_t n)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h ^= c;
        h *= FNV_PRIME;
    }
    return h;
}

XC_NO_COVERAGE
uint64_t xc_ner_hash2(uint64_t a, uint64_t b)
{
    uint64_t h = a * 0x9e3779b97f4a7c15ULL + b;
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ULL;
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ULL;
    h ^= h >> 32;
    return h;
}

/* ---- The map ------------------------------------------------------------ */

XC_NO_COVERAGE
static size_t slot_of(uint64_t key, size_t cap)
{
    return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 32) & (cap - 1);
}

static xc_code map_grow(xc_ner_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *vals = calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return XC_ERR_NOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        size_t j;
        if (!m->keys[i])
            continue;
        for (j = slot_of(m->keys[i], cap); keys[j]; j = (j + 1) & (cap - 1))
            ;
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return XC_OK;
}

static uint32_t *map_slot(xc_ner_map *m, uint64_t key, xc_code *rc)
{
    size_t j;
    if (!key)
        key = 1;
    if ((m->n + 1) * 2 > m->cap && (*rc = map_grow(m)) != XC_OK)
        return NULL;
    for (j = slot_of(key, m->cap); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (m->keys[j] == key)
            return &m->vals[j];
    m->keys[j] = key;
    m->vals[j] = 0;
    m->n++;
    return &m->vals[j];
}

xc_code xc_ner_map_put(xc_ner_map *m, uint64_t key, uint32_t val)
{
    xc_code rc = XC_OK;
    uint32_t *v = map_slot(m, key, &rc);
    if (!v)
        return rc;
    *v = val;
    return XC_OK;
}

xc_code xc_ner_map_or(xc_ner_map *m, uint64_t key, uint32_t bits)
{
    xc_code rc = XC_OK;
    uint32_t *v = map_slot(m, key, &rc);
    if (!v)
        return rc;
    *v |= bits;
    return XC_OK;
}

XC_NO_COVERAGE
uint32_t xc_ner_map_get(const xc_ner_map *m, uint64_t key)
{
    size_t j;
    if (!m->cap)
        return 0;
    if (!key)
        key = 1;
    for (j = slot_of(key, m->cap); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (m->keys[j] == key)
            return m->vals[j];
    return 0;
}

void xc_ner_map_free(xc_ner_map *m)
{
    if (!m)
        return;
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

void xc_ner_res_free(xc_ner_res *r)
{
    if (!r)
        return;
    xc_ner_map_free(&r->gaz);
    xc_ner_map_free(&r->clusters);
    xc_ner_map_free(&r->lower);
}

xc_code xc_ner_gaz_add(xc_ner_res *r, int list, const char *line, size_t len)
{
    uint64_t keys[XC_NER_GAZ_MAXLEN];
    uint64_t h = GAZ_SEED;
    size_t ntok = 0, i = 0;
    xc_code rc;

    if (list < 0 || list >= XC_NER_NLISTS)
        return XC_ERR_ARG;
    while (i < len) {
        size_t s;
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            i++;
        if (i >= len)
            break;
        s = i;
        while (i < len && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            i++;
        if (ntok == XC_NER_GAZ_MAXLEN)
            return XC_OK; /* too long to be matched: skip */
        h = xc_ner_hash2(h, xc_ner_hash_lower(line + s, i - s));
        keys[ntok++] = h;
    }
    if (!ntok)
        return XC_OK;
    for (size_t k = 0; k + 1 < ntok; k++)
        if ((rc = xc_ner_map_or(&r->gaz, keys[k], XC_NER_GAZ_PREFIX)) != XC_OK)
            return rc;
    return xc_ner_map_or(&r->gaz, keys[ntok - 1], 1u << list);
}

/* ---- Tokens ------------------------------------------------------------- */

/* Character class for shapes: 'X' upper, 'x' lower, 'd' digit, the byte
   itself for ASCII punctuation, 'o' for other letters, 'p' for other
   symbols.  *len is the byte length of the character at S. */
static char char_class(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    uint32_t cp;
    *len = 1;
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z')
            return 'X';
        if (c >= 'a' && c <= 'z')
            return 'x';
        if (c >= '0' && c <= '9')
            return 'd';
        return (char)c;
    }
    if ((c & 0xe0) == 0xc0 && n >= 2 && (s[1] & 0xc0) == 0x80) {
        *len = 2;
        cp = ((c & 0x1fu) << 6) | (s[1] & 0x3fu);
    } else if ((c & 0xf0) == 0xe0 && n >= 3 && (s[1] & 0xc0) == 0x80 &&
               (s[2] & 0xc0) == 0x80) {
        *len = 3;
        cp = ((c & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
    } else if ((c & 0xf8) == 0xf0 && n >= 4 && (s[1] & 0xc0) == 0x80 &&
               (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
        *len = 4;
        return 'o';
    } else {
        return 'p';
    }
    if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
        return 'X';
    if (cp >= 0xdf && cp <= 0xff && cp != 0xf7)
        return 'x';
    if (cp >= 0x100 && cp <= 0x17f)
        return (cp & 1) ? 'x' : 'X';
    if ((cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x400 && cp <= 0x42f))
        return 'X';
    if ((cp >= 0x3b1 && cp <= 0x3c9) || (cp >= 0x430 && cp <= 0x45f))
        return 'x';
    if (cp >= 0x2010 && cp <= 0x2015)
        return '-';
    if (cp >= 0x2018 && cp <= 0x201f)
        return '\'';
    if (cp < 0x2000)
        return 'o';
    return 'p';
}

void xc_ner_shape(const char *s, size_t n, char *out, size_t cap, int longer)
{
    size_t i = 0, o = 0;
    char last = 0;
    int run = 0;
    const unsigned char *u = (const unsigned char *)s;
    if (!cap)
        return;
    while (i < n && o + 1 < cap) {
        size_t len;
        char c = char_class(u + i, n - i, &len);
        i += len;
        if (c == last) {
            run++;
            if (!longer || run >= 4)
                continue;
        } else {
            run = 0;
        }
        out[o++] = c;
        last = c;
    }
    out[o] = '\0';
}

/* Per-token facts computed in one walk over its bytes. */
static void tok_fill(xc_ner_tok *t, const char *s, size_t n)
{
    /* the shapes as xc_ner_shape writes them, in the same walk */
    char shape[16], lshape[20], slast = 0, llast = 0;
    size_t so = 0, lo = 0;
    int lrun = 0;
    uint64_t hn = FNV_OFFSET, hl = FNV_OFFSET;
    size_t chars = 0, nletters = 0, nupper = 0, nlower = 0;
    const unsigned char *u = (const unsigned char *)s;

    memset(t, 0, sizeof *t);
    t->word = xc_ner_hash(s, n);
    for (size_t i = 0; i < n;) {
        size_t len;
        char c = char_class(u + i, n - i, &len);
        if (so + 1 < sizeof shape && c != slast)
            shape[so++] = slast = c;
        if (lo + 1 < sizeof lshape) {
            if (c != llast)
                lrun = 0, lshape[lo++] = llast = c;
            else if (++lrun < 4)
                lshape[lo++] = c;
        }
        if (c == 'X')
            nupper++, nletters++;
        else if (c == 'x')
            nlower++, nletters++;
        else if (c == 'o')
            nletters++;
        else if (c == 'd')
            t->flags |= XC_NER_F_DIGIT;
        if (chars == 0 && c == 'X')
            t->flags |= XC_NER_F_CAP;
        for (size_t k = 0; k < len; k++) {
            unsigned char b = u[i + k];
            unsigned char lb = (b >= 'A' && b <= 'Z') ? (unsigned char)(b + 32) : b;
            hl = (hl ^ lb) * FNV_PRIME;
            hn = (hn ^ (b >= '0' && b <= '9' ? '0' : lb)) * FNV_PRIME;
        }
        i += len;
        chars++;
        /* a prefix's hash is the lowercase hash so far; none when the word
           is no longer than the prefix */
        if (chars <= 4)
            t->pre[chars - 1] = hl;
    }
    for (size_t k = chars; k <= 4 && k > 0; k++)
        t->pre[k - 1] = 0;
    t->lower = hl;
    t->norm = hn;
    t->len = chars > 255 ? 255 : (uint32_t)chars;
    if (nletters)
        t->flags |= XC_NER_F_LETTER;
    if (nletters && nupper == nletters)
        t->flags |= XC_NER_F_UPPER;
    if (nletters && nlower == nletters)
        t->flags |= XC_NER_F_LOWER;
    t->shape = xc_ner_hash(shape, so);
    t->lshape = xc_ner_hash(lshape, lo);
    /* suffixes of the lowercase form; none when the word is that short */
    for (size_t k = 1; k <= 4 && chars > k; k++) {
        size_t b = n, c = 0;
        while (b > 0 && c < k) {
            b--;
            if ((u[b] & 0xc0) != 0x80)
                c++;
        }
        t->suf[k - 1] = xc_ner_hash_lower(s + b, n - b);
    }
}

/* The gazetteer value of the one-token entry of a word whose lowercase
   hash is LOWER (bits of the lists, XC_NER_GAZ_PREFIX). */
static uint32_t gaz_first(const xc_ner_res *r, uint64_t lower)
{
    return r->gaz.n ? xc_ner_map_get(&r->gaz, xc_ner_hash2(GAZ_SEED, lower)) : 0;
}

/* Mark gazetteer matches of one sentence: per list, longest match first,
   left to right.  FIRST[i] is gaz_first of token i. */
static void gaz_sentence(const xc_ner_res *r, xc_ner_tok *tok,
                         const uint32_t *first, size_t n)
{
    size_t covered[XC_NER_NLISTS] = {0}; /* tokens before this are marked */
    if (!r->gaz.n)
        return;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = GAZ_SEED;
        size_t best[XC_NER_NLISTS] = {0};
        for (size_t k = 0; k < XC_NER_GAZ_MAXLEN && i + k < n; k++) {
            uint32_t v;
            h = xc_ner_hash2(h, tok[i + k].lower);
            v = k == 0 ? first[i] : xc_ner_map_get(&r->gaz, h);
            for (int l = 0; l < XC_NER_NLISTS; l++)
                if (v & (1u << l))
                    best[l] = k + 1;
            if (!(v & XC_NER_GAZ_PREFIX))
                break;
        }
        for (int l = 0; l < XC_NER_NLISTS; l++) {
            size_t k = best[l];
            if (!k || i < covered[l])
                continue;
            for (size_t j = 0; j < k; j++) {
                uint32_t part = k == 1 ? XC_NER_U : j == 0 ? XC_NER_B
                                : j + 1 == k ? XC_NER_L : XC_NER_I;
                tok[i + j].gaz |= (1u + part) << (3 * l);
            }
            covered[l] = i + k;
        }
    }
}

/*
 * The distinct words of one document: what tok_fill makes of a word and
 * the word's clusters depend on its bytes alone, and news text repeats
 * most of its words, so each is computed once.  TOKENS stay valid while
 * the table is used.
 */
typedef struct tword {
    const char *s;
    size_t n;
    xc_ner_tok base;   /* tok_fill of S */
    uint32_t clw;      /* the cluster of the exact form, 0 when none */
    uint32_t gaz1;     /* gaz_first of the word */
    uint32_t lcv;      /* the lowercase map's value, when HAVE_LC */
    int have_lc;
} tword;

typedef struct twords {
    uint32_t *slot;    /* 1 + index into v, 0 empty; cap a power of two */
    size_t cap;
    tword *v;
    size_t n;
} twords;

/* The entry of word S[0..N) in W (room for it is there), filled in when
   new. */
static uint32_t tword_of(twords *w, const xc_ner_res *r, const char *s, size_t n)
{
    uint64_t h = xc_ner_hash(s, n);
    size_t j;
    tword *e;
    for (j = slot_of(h, w->cap); w->slot[j]; j = (j + 1) & (w->cap - 1)) {
        e = &w->v[w->slot[j] - 1];
        if (e->base.word == h && e->n == n && memcmp(e->s, s, n) == 0)
            return w->slot[j] - 1;
    }
    e = &w->v[w->n];
    e->s = s;
    e->n = n;
    tok_fill(&e->base, s, n);
    e->clw = xc_ner_map_get(&r->clusters, e->base.word);
    e->gaz1 = gaz_first(r, e->base.lower);
    e->lcv = 0;
    e->have_lc = 0;
    w->slot[j] = (uint32_t)++w->n;
    return (uint32_t)(w->n - 1);
}

xc_code xc_ner_doc_init(xc_ner_doc *doc, const xc_ner_res *r,
                        const char *const *tokens, const size_t *sent_lens,
                        size_t nsent, xc_error *err)
{
    size_t ntok = 0;
    xc_ner_map seen = {0}; /* lower hash -> case seen in mixed-case text */
    twords tw = {NULL, 0, NULL, 0};
    uint32_t *which = NULL; /* per token: its entry in TW */
    uint32_t *first = NULL; /* per token: gaz_first of its word */

    memset(doc, 0, sizeof *doc);
    for (size_t s = 0; s < nsent; s++) {
        if (sent_lens[s] > SIZE_MAX / 2 - ntok)
            return xc_fail(err, XC_ERR_TOO_BIG, "too many tokens");
        ntok += sent_lens[s];
    }
    doc->tok = malloc((ntok ? ntok : 1) * sizeof *doc->tok); /* all set below */
    doc->sent_start = malloc((nsent + 1) * sizeof *doc->sent_start);
    doc->p1 = calloc(ntok ? ntok : 1, 1);
    for (tw.cap = 16; tw.cap < 2 * ntok && tw.cap <= SIZE_MAX / 4; tw.cap *= 2)
        ;
    tw.slot = calloc(tw.cap, sizeof *tw.slot);
    tw.v = malloc((ntok ? ntok : 1) * sizeof *tw.v);
    which = malloc((ntok ? ntok : 1) * sizeof *which);
    first = malloc((ntok ? ntok : 1) * sizeof *first);
    if (!doc->tok || !doc->sent_start || !doc->p1 || !tw.slot || !tw.v || !which ||
        !first) {
        xc_ner_doc_free(doc);
        free(tw.slot);
        free(tw.v);
        free(which);
        free(first);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    doc->ntok = ntok;
    doc->nsent = nsent;
    ntok = 0;
    for (size_t s = 0; s < nsent; s++) {
        size_t n = sent_lens[s], letters = 0, upper = 0, longest = 0;
        xc_ner_tok *t = doc->tok + ntok;
        doc->sent_start[s] = ntok;
        for (size_t i = 0; i < n; i++) {
            const char *w = tokens[ntok + i];
            if (!w) {
                xc_ner_doc_free(doc);
                xc_ner_map_free(&seen);
                free(tw.slot);
                free(tw.v);
                free(which);
                free(first);
                return xc_fail(err, XC_ERR_ARG, "token %zu is NULL", ntok + i);
            }
            which[ntok + i] = tword_of(&tw, r, w, strlen(w));
            t[i] = tw.v[which[ntok + i]].base;
            first[ntok + i] = tw.v[which[ntok + i]].gaz1;
            if (t[i].flags & XC_NER_F_LETTER) {
                letters++;
                if (t[i].flags & XC_NER_F_UPPER) {
                    upper++;
                    if (t[i].len > longest)
                        longest = t[i].len;
                }
            }
        }
        if (n)
            t[0].flags |= XC_NER_F_FIRST;
        if (letters && upper == letters && longest >= 2)
            for (size_t i = 0; i < n; i++)
                t[i].flags |= XC_NER_F_CAPSENT;
        gaz_sentence(r, t, first + ntok, n);
        ntok += n;
    }
    doc->sent_start[nsent] = ntok;

    /* the case each word takes in the document's mixed-case sentences */
    for (size_t i = 0; i < ntok; i++) {
        xc_ner_tok *t = &doc->tok[i];
        uint32_t c;
        if (t->flags & (XC_NER_F_CAPSENT | XC_NER_F_FIRST) ||
            !(t->flags & XC_NER_F_LETTER))
            continue;
        c = t->flags & XC_NER_F_UPPER ? XC_NER_CASE_UPPER
            : t->flags & XC_NER_F_CAP ? XC_NER_CASE_TITLE
            : t->flags & XC_NER_F_LOWER ? XC_NER_CASE_LOWER : 0;
        if (c && xc_ner_map_or(&seen, t->lower, 1u << c) != XC_OK) {
            xc_ner_doc_free(doc);
            xc_ner_map_free(&seen);
            free(tw.slot);
            free(tw.v);
            free(which);
            free(first);
            return xc_fail(err, XC_ERR_NOMEM, "out of memory");
        }
    }
    for (size_t i = 0; i < ntok; i++) {
        xc_ner_tok *t = &doc->tok[i];
        tword *e = &tw.v[which[i]];
        uint32_t cl = e->clw;
        uint32_t lc = 0, tcase = 0;
        if (!cl || (t->flags & XC_NER_F_CAPSENT)) {
            if (!e->have_lc) {
                e->lcv = xc_ner_map_get(&r->lower, t->lower);
                e->have_lc = 1;
            }
            lc = e->lcv;
            cl = lc & 0x1ffffffu;
        }
        if (t->flags & XC_NER_F_CAPSENT) {
            uint32_t s = xc_ner_map_get(&seen, t->lower);
            if (s & (1u << XC_NER_CASE_TITLE))
                tcase = XC_NER_CASE_TITLE;
            else if (s & (1u << XC_NER_CASE_UPPER))
                tcase = XC_NER_CASE_UPPER;
            else if (s & (1u << XC_NER_CASE_LOWER))
                tcase = XC_NER_CASE_LOWER;
            else
                tcase = (lc >> 25) & 3u;
            t->flags |= tcase << 8; /* bits 8..9: the usual case */
        }
        t->cl = cl;
    }
    xc_ner_map_free(&seen);
    free(tw.slot);
    free(tw.v);
    free(which);
    free(first);
    return XC_OK;
}

void xc_ner_doc_free(xc_ner_doc *doc)
{
    if (!doc)
        return;
    free(doc->tok);
    free(doc->sent_start);
    free(doc->p1);
    memset(doc, 0, sizeof *doc);
}

/* ---- Document aggregates for pass 2 ------------------------------------ */

static int agg_worthy(const xc_ner_tok *t)
{
    return (t->flags & (XC_NER_F_CAP | XC_NER_F_UPPER)) != 0;
}

xc_code xc_ner_agg_build(xc_ner_agg *a, const xc_ner_doc *doc)
{
    memset(a, 0, sizeof *a);
    for (size_t i = 0; i < doc->ntok; i++) {
        const xc_ner_tok *t = &doc->tok[i];
        uint32_t slot;
        int l = doc->p1[i];
        if (!agg_worthy(t))
            continue;
        slot = xc_ner_map_get(&a->index, t->lower);
        if (!slot) {
            if (a->n == a->cap) {
                size_t cap = a->cap ? a->cap * 2 : 64;
                void *p = realloc(a->counts, cap * sizeof *a->counts);
                if (!p)
                    goto nomem;
                a->counts = p;
                a->cap = cap;
            }
            memset(a->counts[a->n], 0, sizeof a->counts[a->n]);
            slot = (uint32_t)++a->n;
            if (xc_ner_map_put(&a->index, t->lower, slot) != XC_OK)
                goto nomem;
        }
        l = l ? 1 + XC_NER_TYPE(l) : 0;
        if (a->counts[slot - 1][l] < UINT16_MAX)
            a->counts[slot - 1][l]++;
    }
    return XC_OK;
nomem:
    xc_ner_agg_free(a);
    return XC_ERR_NOMEM;
}

void xc_ner_agg_free(xc_ner_agg *a)
{
    if (!a)
        return;
    xc_ner_map_free(&a->index);
    free(a->counts);
    memset(a, 0, sizeof *a);
}

/* ---- Features ------------------------------------------------------------ */

enum {
    T_BIAS = 1, T_W0, T_NM2, T_NM1, T_N0, T_NP1, T_NP2, T_SM2, T_SM1, T_S0,
    T_SP1, T_SP2, T_LS0, T_SS_L, T_SS_R, T_NN_L, T_NN_R, T_PRE, T_SUF,
    T_FIRST, T_CAPS, T_CAPSW, T_GAZ0, T_GAZM1, T_GAZP1, T_CL0, T_CLM1,
    T_CLP1, T_NM1_S0, T_S0_NP1, T_LEN, T_P1_0, T_P1_M1, T_P1_P1, T_AGG,
    T_AGGF, T_AGGMAJ, T_AGGCTX, T_P1_S0, T_D1, T_D2, T_D1N, T_D1S
};

#define BOUNDARY_L 0x2545f4914f6cdd1dULL
#define BOUNDARY_R 0x9e6c63d0676a9a99ULL

XC_NO_COVERAGE
static inline uint64_t tmpl(int pass, int t)
{
    return ((uint64_t)pass << 8 | (uint64_t)t) * 0xff51afd7ed558ccdULL;
}

#define FEAT(t, v) (out[n++] = xc_ner_hash2(tmpl(pass, t), (uint64_t)(v)))

XC_NO_COVERAGE
static void cluster_feats(uint32_t cl, int t, int pass, uint64_t *out, size_t *np)
{
    static const unsigned lens[4] = {4, 6, 10, 20};
    size_t n = *np;
    unsigned len = cl & 31u;
    uint32_t path = (cl >> 5) & 0xfffffu;
    if (!len)
        return;
    for (int k = 0; k < 4; k++) {
        unsigned l = lens[k] < len ? lens[k] : len;
        uint32_t pre = path >> (XC_NER_CL_MAXLEN - l);
        FEAT(t, ((uint64_t)k << 40) | ((uint64_t)l << 32) | pre);
        if (lens[k] >= len)
            break;
    }
    *np = n;
}

XC_NO_COVERAGE
static void gaz_feats(uint32_t gaz, int t, int pass, uint32_t extra,
                      uint64_t *out, size_t *np)
{
    size_t n = *np;
    for (int l = 0; gaz && l < XC_NER_NLISTS; l++, gaz >>= 3)
        if (gaz & 7u)
            FEAT(t, ((uint64_t)extra << 16) | (uint64_t)(l * 8) | (gaz & 7u));
    *np = n;
}

XC_NO_COVERAGE
size_t xc_ner_features(const xc_ner_doc *doc, size_t i, size_t s0, size_t s1,
                       int pass, const xc_ner_agg *agg, uint64_t *out)
{
    const xc_ner_tok *t = &doc->tok[i];
    size_t n = 0;
    const xc_ner_tok *m1 = NULL, *m2 = NULL, *p1 = NULL, *p2 = NULL;
    uint64_t nm1, nm2, np1, np2, sm1, sm2, sp1, sp2;
    uint32_t caps = (t->flags >> 8) & 3u;

    if (i >= s0 + 1)
        m1 = t - 1;
    if (i >= s0 + 2)
        m2 = t - 2;
    if (i + 1 < s1)
        p1 = t + 1;
    if (i + 2 < s1)
        p2 = t + 2;
    nm1 = m1 ? m1->norm : BOUNDARY_L;
    nm2 = m2 ? m2->norm : BOUNDARY_L;
    np1 = p1 ? p1->norm : BOUNDARY_R;
    np2 = p2 ? p2->norm : BOUNDARY_R;
    sm1 = m1 ? m1->shape : BOUNDARY_L;
    sm2 = m2 ? m2->shape : BOUNDARY_L;
    sp1 = p1 ? p1->shape : BOUNDARY_R;
    sp2 = p2 ? p2->shape : BOUNDARY_R;

    FEAT(T_BIAS, 0);
    FEAT(T_W0, t->word);
    FEAT(T_N0, t->norm);
    FEAT(T_NM1, nm1);
    FEAT(T_NM2, nm2);
    FEAT(T_NP1, np1);
    FEAT(T_NP2, np2);
    FEAT(T_S0, t->shape);
    FEAT(T_SM1, sm1);
    FEAT(T_SM2, sm2);
    FEAT(T_SP1, sp1);
    FEAT(T_SP2, sp2);
    FEAT(T_LS0, t->lshape);
    FEAT(T_SS_L, xc_ner_hash2(sm1, t->shape));
    FEAT(T_SS_R, xc_ner_hash2(t->shape, sp1));
    FEAT(T_NN_L, xc_ner_hash2(nm1, t->norm));
    FEAT(T_NN_R, xc_ner_hash2(t->norm, np1));
    FEAT(T_NM1_S0, xc_ner_hash2(nm1, t->shape));
    FEAT(T_S0_NP1, xc_ner_hash2(t->shape, np1));
    for (int k = 0; k < 4; k++) {
        if (t->pre[k])
            FEAT(T_PRE, t->pre[k] + (uint64_t)k);
        if (t->suf[k])
            FEAT(T_SUF, t->suf[k] + (uint64_t)k);
    }
    FEAT(T_LEN, (t->len > 12 ? 12 : t->len) | (uint64_t)(t->flags & 0x7f) << 8);
    if (t->flags & XC_NER_F_FIRST)
        FEAT(T_FIRST, t->shape);
    if (t->flags & XC_NER_F_CAPSENT) {
        FEAT(T_CAPS, caps);
        FEAT(T_CAPSW, xc_ner_hash2(t->norm, caps));
    }
    gaz_feats(t->gaz, T_GAZ0, pass, (t->flags & (XC_NER_F_CAP | XC_NER_F_UPPER)) ? 1u : 0u,
              out, &n);
    if (m1)
        gaz_feats(m1->gaz, T_GAZM1, pass, 0, out, &n);
    if (p1)
        gaz_feats(p1->gaz, T_GAZP1, pass, 0, out, &n);
    cluster_feats(t->cl, T_CL0, pass, out, &n);
    if (m1)
        cluster_feats(m1->cl, T_CLM1, pass, out, &n);
    if (p1)
        cluster_feats(p1->cl, T_CLP1, pass, out, &n);

    if (pass == 2) {
        int l0 = doc->p1[i];
        FEAT(T_P1_0, l0);
        FEAT(T_P1_M1, m1 ? doc->p1[i - 1] : 99);
        FEAT(T_P1_P1, p1 ? doc->p1[i + 1] : 99);
        FEAT(T_P1_S0, xc_ner_hash2((uint64_t)l0, t->shape));
        if (agg && agg_worthy(t)) {
            uint32_t slot = xc_ner_map_get(&agg->index, t->lower);
            if (slot) {
                unsigned c[1 + XC_NER_NTYPES], total = 0, best = 0;
                int own = l0 ? 1 + XC_NER_TYPE(l0) : 0;
                for (int k = 0; k <= XC_NER_NTYPES; k++)
                    c[k] = agg->counts[slot - 1][k];
                if (c[own])
                    c[own]--; /* the others, not this token */
                for (int k = 0; k <= XC_NER_NTYPES; k++) {
                    total += c[k];
                    if (c[k] > c[best])
                        best = (unsigned)k;
                }
                if (total) {
                    for (int k = 0; k <= XC_NER_NTYPES; k++) {
                        unsigned f = c[k] * 4 / (total + 1);
                        if (!c[k])
                            continue;
                        FEAT(T_AGG, k);
                        FEAT(T_AGGF, (unsigned)k * 8 + f);
                    }
                    FEAT(T_AGGMAJ, best | (total > 2 ? 16u : 0u));
                    FEAT(T_AGGCTX, best | (t->flags & (XC_NER_F_FIRST | XC_NER_F_CAPSENT)) << 4 |
                                       (uint64_t)l0 << 12);
                }
            }
        }
    }
    return n;
}

XC_NO_COVERAGE
size_t xc_ner_dyn_features(const xc_ner_doc *doc, size_t i, int pass,
                           int prev, int prev2, uint64_t *out)
{
    const xc_ner_tok *t = &doc->tok[i];
    size_t n = 0;
    uint64_t p = (uint64_t)(prev + 1), p2 = (uint64_t)(prev2 + 1);
    FEAT(T_D1, p);
    FEAT(T_D2, p2 * 32 + p);
    FEAT(T_D1N, xc_ner_hash2(t->norm, p));
    FEAT(T_D1S, xc_ner_hash2(t->shape, p));
    return n;
}

/* ---- Decoding ------------------------------------------------------------ */

XC_NO_COVERAGE
int xc_ner_best_label(const float *sc, int prev, int last)
{
    int best = 0;
    if (prev > 0 && (XC_NER_PART(prev) == XC_NER_B || XC_NER_PART(prev) == XC_NER_I)) {
        int in = XC_NER_LABEL(XC_NER_TYPE(prev), XC_NER_I);
        int end = XC_NER_LABEL(XC_NER_TYPE(prev), XC_NER_L);
        return last || sc[end] > sc[in] ? end : in;
    }
    for (int ty = 0; ty < XC_NER_NTYPES; ty++) {
        int b = XC_NER_LABEL(ty, XC_NER_B), u = XC_NER_LABEL(ty, XC_NER_U);
        if (!last && sc[b] > sc[best])
            best = b;
        if (sc[u] > sc[best])
            best = u;
    }
    return best;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)0)
#endif

/* Add the rows of features F[0..N) to ACC: the row numbers first, with
   their memory requested ahead, so that the misses overlap.  On x86-64
   with GCC a second copy for AVX2 (with POPCNT) is chosen at load time
   when the processor has it. */
XC_CLONES("arch=x86-64-v3", "default")
XC_NO_COVERAGE
static void add_rows(const xc_ner_weights *w, const uint64_t *f, size_t n, int32_t *acc)
{
    const int16_t *rp[XC_NER_MAXF + XC_NER_MAXDYN];
    uint32_t bk[XC_NER_MAXF + XC_NER_MAXDYN];
    for (size_t k = 0; k < n; k++) {
        bk[k] = xc_ner_bucket(f[k], w->bits);
        PREFETCH(&w->slots[bk[k] >> 6]);
    }
    for (size_t k = 0; k < n; k++) {
        rp[k] = w->rows + (size_t)xc_ner_row_of(w, bk[k]) * XC_NER_ROW;
        PREFETCH(rp[k]);
    }
    for (size_t k = 0; k < n; k++)
        for (int l = 0; l < XC_NER_ROW; l++)
            acc[l] += rp[k][l];
}

XC_NO_COVERAGE
void xc_ner_decode(const xc_tagger *t, const xc_ner_fweights *f,
                   const xc_ner_doc *doc, int pass, const xc_ner_agg *agg,
                   uint8_t *labels)
{
    uint64_t feats[XC_NER_MAXF + XC_NER_MAXDYN];
    const xc_ner_weights *w = t ? &t->pass[pass - 1] : NULL;
    unsigned bits = f ? f->bits : w->bits;

    for (size_t s = 0; s < doc->nsent; s++) {
        size_t a = doc->sent_start[s], b = doc->sent_start[s + 1];
        int prev = -1, prev2 = -1;
        for (size_t i = a; i < b; i++) {
            size_t n = xc_ner_features(doc, i, a, b, pass, agg, feats);
            float sc[XC_NER_NLABELS];
            int lab;
            n += xc_ner_dyn_features(doc, i, pass, prev, prev2, feats + n);
            if (f) {
                memset(sc, 0, sizeof sc);
                for (size_t k = 0; k < n; k++) {
                    const float *row = f->w + (size_t)xc_ner_bucket(feats[k], bits) * XC_NER_NLABELS;
                    for (int l = 0; l < XC_NER_NLABELS; l++)
                        sc[l] += row[l];
                }
            } else {
                int32_t acc[XC_NER_ROW] = {0};
                add_rows(w, feats, n, acc);
                sc[0] = 0;
                for (int l = 0; l < XC_NER_ROW; l++)
                    sc[l + 1] = (float)acc[l];
            }
            lab = xc_ner_best_label(sc, prev, i + 1 == b);
            labels[i] = (uint8_t)lab;
            prev2 = prev;
            prev = lab;
        }
    }
}

xc_code xc_ner_tag_doc(const xc_tagger *t, xc_ner_doc *doc, uint8_t *labels)
{
    xc_ner_agg agg;
    xc_code rc;
    xc_ner_decode(t, NULL, doc, 1, NULL, doc->p1);
    if (t->npasses == 1) {
        memcpy(labels, doc->p1, doc->ntok);
        return XC_OK;
    }
    if ((rc = xc_ner_agg_build(&agg, doc)) != XC_OK)
        return rc;
    xc_ner_decode(t, NULL, doc, 2, &agg, labels);
    xc_ner_agg_free(&agg);
    return XC_OK;
}

/* ---- Weights ------------------------------------------------------------ */

void xc_ner_weights_free(xc_ner_weights *w)
{
    if (!w)
        return;
    free(w->slots);
    free(w->rows);
    memset(w, 0, sizeof *w);
}

static int16_t *rows_alloc(size_t nrows)
{
    void *p = NULL;
    size_t bytes = nrows * XC_NER_ROW * sizeof(int16_t);
    if (nrows > SIZE_MAX / (XC_NER_ROW * sizeof(int16_t)))
        return NULL;
    if (posix_memalign(&p, 32, bytes ? bytes : 32) != 0)
        return NULL;
    memset(p, 0, bytes);
    return p;
}

xc_code xc_ner_weights_index(xc_ner_weights *w, const uint32_t *idx)
{
    size_t nb = (size_t)1 << w->bits, nslots = nb / 64;
    uint32_t count = 1;
    free(w->slots);
    if (!(w->slots = calloc(nslots, sizeof *w->slots)))
        return XC_ERR_NOMEM;
    for (size_t j = 0; j < nslots; j++) {
        w->slots[j].base = count;
        for (size_t k = 0; k < 64; k++)
            if (idx[j * 64 + k]) {
                w->slots[j].bits |= 1ULL << k;
                count++;
            }
    }
    return XC_OK;
}

xc_code xc_ner_weights_from_float(xc_ner_weights *w,
                                  const xc_ner_fweights *f, double prune)
{
    size_t nb = (size_t)1 << f->bits, nrows = 1;
    double maxw = 0;
    uint32_t *idx;

    memset(w, 0, sizeof *w);
    for (size_t b = 0; b < nb; b++) {
        const float *r = f->w + b * XC_NER_NLABELS;
        for (int l = 1; l < XC_NER_NLABELS; l++) {
            double d = fabs((double)r[l] - (double)r[0]);
            if (d > maxw)
                maxw = d;
        }
    }
    w->bits = f->bits;
    w->scale = maxw > 0 ? (float)(maxw / 32767.0) : 1.0f;
    if (!(idx = calloc(nb, sizeof *idx)))
        return XC_ERR_NOMEM;
    for (size_t b = 0; b < nb; b++) {
        const float *r = f->w + b * XC_NER_NLABELS;
        double m = 0;
        for (int l = 1; l < XC_NER_NLABELS; l++) {
            double d = fabs((double)r[l] - (double)r[0]);
            if (d > m)
                m = d;
        }
        if (m > 0 && m >= prune * maxw && m >= 0.5 * w->scale)
            idx[b] = (uint32_t)nrows++;
    }
    w->nrows = nrows;
    if (!(w->rows = rows_alloc(nrows)) || xc_ner_weights_index(w, idx) != XC_OK) {
        free(idx);
        xc_ner_weights_free(w);
        return XC_ERR_NOMEM;
    }
    for (size_t b = 0; b < nb; b++) {
        const float *r = f->w + b * XC_NER_NLABELS;
        int16_t *o;
        if (!idx[b])
            continue;
        o = w->rows + (size_t)idx[b] * XC_NER_ROW;
        for (int l = 1; l < XC_NER_NLABELS; l++) {
            double q = nearbyint(((double)r[l] - (double)r[0]) / (double)w->scale);
            if (q > 32767)
                q = 32767;
            if (q < -32767)
                q = -32767;
            o[l - 1] = (int16_t)q;
        }
    }
    free(idx);
    return XC_OK;
}

/* ---- The model file ------------------------------------------------------ */

typedef struct wbuf {
    unsigned char *p;
    size_t n, cap;
    int nomem;
} wbuf;

static void put(wbuf *b, const void *s, size_t n)
{
    if (b->nomem)
        return;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        unsigned char *p;
        while (cap < b->n + n)
            cap *= 2;
        if (!(p = realloc(b->p, cap))) {
            b->nomem = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void put_u32(wbuf *b, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    put(b, c, 4);
}

static void put_u64(wbuf *b, uint64_t v)
{
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}

static void put_varint(wbuf *b, uint32_t v)
{
    unsigned char c[5];
    size_t n = 0;
    do {
        c[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            c[n] |= 0x80;
        n++;
    } while (v);
    put(b, c, n);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void put_map(wbuf *b, const xc_ner_map *m)
{
    uint64_t *keys = m->n ? malloc(m->n * sizeof *keys) : NULL;
    size_t k = 0;
    if (m->n && !keys) {
        b->nomem = 1;
        return;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            keys[k++] = m->keys[i];
    if (k)
        xc_sort(keys, k, sizeof *keys, cmp_u64);
    put_u32(b, (uint32_t)k);
    for (size_t i = 0; i < k; i++) {
        put_u64(b, keys[i]);
        put_u32(b, xc_ner_map_get(m, keys[i]));
    }
    free(keys);
}

static int cmp_i16(const void *a, const void *b)
{
    return *(const int16_t *)a - *(const int16_t *)b;
}

/* A row's most frequent value (the smallest on a tie): rows are mostly one
   value (minus the weight of O) with a few labels apart. */
static int16_t row_mode(const int16_t *r)
{
    int16_t v[XC_NER_ROW], best;
    int run = 1, best_run = 0;
    memcpy(v, r, sizeof v);
    xc_sort(v, XC_NER_ROW, sizeof *v, cmp_i16);
    best = v[0];
    for (int i = 1; i <= XC_NER_ROW; i++) {
        if (i < XC_NER_ROW && v[i] == v[i - 1]) {
            run++;
            continue;
        }
        if (run > best_run)
            best_run = run, best = v[i - 1];
        run = 1;
    }
    return best;
}

static uint32_t zigzag(int32_t v)
{
    return ((uint32_t)v << 1) ^ (uint32_t)(v >> 31);
}

static void put_weights(wbuf *b, const xc_ner_weights *w)
{
    size_t nb = (size_t)1 << w->bits, prev = 0, first = 1;
    uint32_t sc;
    memcpy(&sc, &w->scale, 4);
    put_u32(b, w->bits);
    put_u32(b, sc);
    put_u32(b, (uint32_t)(w->nrows - 1));
    for (size_t k = 0; k < nb; k++) {
        const int16_t *r;
        uint32_t row = xc_ner_row_of(w, (uint32_t)k), mask = 0;
        int16_t base;
        if (!row)
            continue;
        put_varint(b, (uint32_t)(first ? k : k - prev));
        first = 0;
        prev = k;
        r = w->rows + (size_t)row * XC_NER_ROW;
        base = row_mode(r);
        for (int l = 0; l < XC_NER_ROW; l++)
            if (r[l] != base)
                mask |= 1u << l;
        put_varint(b, zigzag(base));
        put_varint(b, mask);
        for (int l = 0; l < XC_NER_ROW; l++)
            if (mask & (1u << l))
                put_varint(b, zigzag((int32_t)r[l] - base));
    }
}

xc_code xc_ner_save(const xc_tagger *t, const char *path, xc_error *err)
{
    wbuf b = {0};
    char *tmp;
    FILE *f;
    size_t plen = strlen(path);
    int ok;

    put(&b, MODEL_MAGIC, 8);
    put_u32(&b, MODEL_VERSION);
    put_u32(&b, t->npasses == 1 ? 1u : 0u);
    put_map(&b, &t->res.gaz);
    put_map(&b, &t->res.clusters);
    put_map(&b, &t->res.lower);
    put_weights(&b, &t->pass[0]);
    put_weights(&b, &t->pass[1]);
    if (!b.nomem)
        put_u64(&b, xc_ner_hash(b.p, b.n));
    if (b.nomem) {
        free(b.p);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    if (!(tmp = malloc(plen + 8))) {
        free(b.p);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    snprintf(tmp, plen + 8, "%s.tmp", path);
    f = fopen(tmp, "wb");
    ok = f && fwrite(b.p, 1, b.n, f) == b.n;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok) {
        int e = errno;
        remove(tmp);
        free(tmp);
        free(b.p);
        return xc_fail(err, XC_ERR_IO, "%s: cannot write: %s", path, strerror(e));
    }
    free(tmp);
    free(b.p);
    return XC_OK;
}

typedef struct rbuf {
    const unsigned char *p;
    size_t n, off;
    int bad;
} rbuf;

static uint32_t get_u32(rbuf *r)
{
    const unsigned char *c;
    if (r->bad || r->n - r->off < 4) {
        r->bad = 1;
        return 0;
    }
    c = r->p + r->off;
    r->off += 4;
    return (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
}

static uint64_t get_u64(rbuf *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

static uint32_t get_varint(rbuf *r)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        unsigned char c;
        if (r->bad || r->off >= r->n)
            break;
        c = r->p[r->off++];
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            if (v > UINT32_MAX)
                break;
            return (uint32_t)v;
        }
    }
    r->bad = 1;
    return 0;
}

/* get_varint with its one-byte case inlined: most weights are small. */
static inline uint32_t get_varint1(rbuf *r)
{
    if (!r->bad && r->off < r->n && r->p[r->off] < 0x80)
        return r->p[r->off++];
    return get_varint(r);
}

/* Read a map section; CHECK validates each value (returns nonzero if bad). */
static int get_map(rbuf *r, xc_ner_map *m, int (*check)(uint32_t))
{
    uint32_t count = get_u32(r);
    uint64_t last = 0;
    if (r->bad || count > (r->n - r->off) / 12)
        return -1;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t key = get_u64(r);
        uint32_t val = get_u32(r);
        if (r->bad || key == 0 || (i && key <= last) || check(val))
            return -1;
        last = key;
        if (xc_ner_map_put(m, key, val) != XC_OK)
            return -2;
    }
    return 0;
}

static int check_gaz(uint32_t v)
{
    return (v & ~(XC_NER_GAZ_PREFIX | ((1u << XC_NER_NLISTS) - 1))) != 0 || v == 0;
}

static int check_cluster_bits(uint32_t v)
{
    uint32_t len = v & 31u, path = (v >> 5) & 0xfffffu;
    if (len < 1 || len > XC_NER_CL_MAXLEN)
        return 1;
    /* the bits past the length are zero */
    return (path & ((1u << (XC_NER_CL_MAXLEN - len)) - 1u)) != 0;
}

static int check_cluster(uint32_t v)
{
    return (v >> 25) != 0 || check_cluster_bits(v);
}

static int check_lower(uint32_t v)
{
    return (v >> 27) != 0 || ((v >> 25) & 3u) == 0 || check_cluster_bits(v & 0x1ffffffu);
}

static int32_t unzigzag(uint32_t z)
{
    return (int32_t)(z >> 1) ^ -(int32_t)(z & 1);
}

static int get_weights(rbuf *r, xc_ner_weights *w)
{
    uint32_t bits = get_u32(r), sc = get_u32(r), nrows = get_u32(r);
    size_t nb, prev = 0;
    uint32_t count = 1;
    float scale;
    memcpy(&scale, &sc, 4);
    if (r->bad || bits < 8 || bits > 26 || !isfinite(scale) || !(scale > 0))
        return -1;
    nb = (size_t)1 << bits;
    /* each row takes at least 3 bytes */
    if (nrows > nb || nrows > (r->n - r->off) / 3)
        return -1;
    w->bits = bits;
    w->scale = scale;
    w->nrows = (size_t)nrows + 1;
    /* the rows come in bucket order: set the bitmap as they come, the
       running counts after */
    free(w->slots);
    w->slots = calloc(nb / 64, sizeof *w->slots);
    w->rows = rows_alloc(w->nrows);
    if (!w->slots || !w->rows)
        return -2;
    for (uint32_t k = 0; k < nrows; k++) {
        uint32_t d = get_varint(r), zb, mask;
        size_t bucket = k ? prev + d : d;
        int16_t *row = w->rows + ((size_t)k + 1) * XC_NER_ROW;
        int32_t base;
        if (r->bad || (k && d == 0) || bucket >= nb)
            return -1;
        prev = bucket;
        w->slots[bucket >> 6].bits |= 1ULL << (bucket & 63);
        zb = get_varint(r);
        mask = get_varint(r);
        base = unzigzag(zb);
        if (r->bad || zb > 65534 || mask >> XC_NER_ROW)
            return -1;
        for (int l = 0; l < XC_NER_ROW; l++) {
            int32_t v = base;
            if (mask & (1u << l)) {
                uint32_t z = get_varint1(r);
                if (r->bad || z > 131070)
                    return -1;
                v += unzigzag(z);
                if (v < -32767 || v > 32767)
                    return -1;
            }
            row[l] = (int16_t)v;
        }
    }
    for (size_t j = 0; j < nb / 64; j++) {
        w->slots[j].base = count;
        count += xc_ner_popcount(w->slots[j].bits);
    }
    return 0;
}

xc_code xc_ner_load_mem(const unsigned char *p, size_t n, xc_tagger **out,
                        xc_error *err)
{
    rbuf r = {p, 0, 0, 0};
    xc_tagger *t;
    uint32_t version, flags;
    int rc;
    const char *what = "bad header";

    *out = NULL;
    if (n < 8 + 8 + 8 || memcmp(p, MODEL_MAGIC, 8) != 0)
        return xc_fail(err, XC_ERR_PARSE, "not a crosscheck tagger model");
    if (xc_ner_hash(p, n - 8) != (r.off = n - 8, get_u64(&r)))
        return xc_fail(err, XC_ERR_PARSE, "model is truncated or corrupt (checksum)");
    r.n = n - 8;
    r.off = 8;
    version = get_u32(&r);
    flags = get_u32(&r);
    if (version != MODEL_VERSION)
        return xc_fail(err, XC_ERR_PARSE, "model version %u, this program reads %u",
                       version, MODEL_VERSION);
    if (flags & ~1u)
        return xc_fail(err, XC_ERR_PARSE, "model has unknown flags %#x", flags);
    if (!(t = calloc(1, sizeof *t)))
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    t->npasses = (flags & 1u) ? 1 : 2;
    if ((rc = get_map(&r, &t->res.gaz, check_gaz)) != 0) {
        what = "bad gazetteer section";
    } else if ((rc = get_map(&r, &t->res.clusters, check_cluster)) != 0) {
        what = "bad cluster section";
    } else if ((rc = get_map(&r, &t->res.lower, check_lower)) != 0) {
        what = "bad lowercase section";
    } else if ((rc = get_weights(&r, &t->pass[0])) != 0) {
        what = "bad weights of pass 1";
    } else if ((rc = get_weights(&r, &t->pass[1])) != 0) {
        what = "bad weights of pass 2";
    } else if (r.off != r.n) {
        what = "trailing bytes";
        rc = -1;
    } else if (t->pass[0].bits != t->pass[1].bits) {
        what = "passes differ in size";
        rc = -1;
    }
    if (rc) {
        xc_tagger_free(t);
        if (rc == -2)
            return xc_fail(err, XC_ERR_NOMEM, "out of memory");
        return xc_fail(err, XC_ERR_PARSE, "model is corrupt: %s", what);
    }
    *out = t;
    return XC_OK;
}

/* ---- Public API ------------------------------------------------------------ */

xc_code xc_tagger_load(const char *path, xc_tagger **out, xc_error *err)
{
    char *found = NULL;
    FILE *f;
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    xc_code rc;

    if (!out)
        return xc_fail(err, XC_ERR_ARG, "xc_tagger_load: OUT is NULL");
    *out = NULL;
    if (!path) {
        if (!(found = xc_data_file("ner.model")))
            return xc_fail(err, XC_ERR_IO,
                           "ner.model: no such data file (install crosscheck's data or "
                           "set CROSSCHECK_DATA)");
        path = found;
    }
    if (!(f = fopen(path, "rb"))) {
        rc = xc_fail(err, XC_ERR_IO, "%s: %s", path, strerror(errno));
        free(found);
        return rc;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            unsigned char *p;
            if (cap >= MODEL_MAX_BYTES) {
                rc = xc_fail(err, XC_ERR_TOO_BIG, "%s: over %zu bytes", path,
                             MODEL_MAX_BYTES);
                goto done;
            }
            cap = cap ? cap * 2 : (size_t)1 << 20;
            if (!(p = realloc(buf, cap))) {
                rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
                goto done;
            }
            buf = p;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        rc = xc_fail(err, XC_ERR_IO, "%s: read error", path);
        goto done;
    }
    rc = xc_ner_load_mem(buf, n, out, err);
    if (rc != XC_OK && err) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        xc_fail(err, rc, "%s: %s", path, msg);
    }
done:
    fclose(f);
    free(buf);
    free(found);
    return rc;
}

void xc_tagger_free(xc_tagger *t)
{
    if (!t)
        return;
    xc_ner_res_free(&t->res);
    xc_ner_weights_free(&t->pass[0]);
    xc_ner_weights_free(&t->pass[1]);
    free(t);
}

xc_code xc_tagger_tag_document(const xc_tagger *t,
                               const char *const *tokens,
                               const size_t *sent_lens, size_t nsent,
                               const char **tags, xc_error *err)
{
    xc_ner_doc doc;
    uint8_t *labels;
    xc_code rc;

    if (!t || (nsent && (!sent_lens || !tokens || !tags)))
        return xc_fail(err, XC_ERR_ARG, "xc_tagger_tag_document: NULL argument");
    if ((rc = xc_ner_doc_init(&doc, &t->res, tokens, sent_lens, nsent, err)) != XC_OK)
        return rc;
    if (!(labels = malloc(doc.ntok ? doc.ntok : 1))) {
        xc_ner_doc_free(&doc);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    if ((rc = xc_ner_tag_doc(t, &doc, labels)) != XC_OK) {
        free(labels);
        xc_ner_doc_free(&doc);
        return xc_fail(err, rc, "out of memory");
    }
    for (size_t s = 0; s < doc.nsent; s++) {
        size_t a = doc.sent_start[s];
        xc_ner_bilou_to_iob2(labels + a, doc.sent_start[s + 1] - a, tags + a);
    }
    free(labels);
    xc_ner_doc_free(&doc);
    xc_error_clear(err);
    return XC_OK;
}
