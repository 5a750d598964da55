/*
 * ner.h: the statistical entity tagger's insides, shared by ner.c (token
 * features, greedy decoding, the model file, the public xc_tagger_*
 * functions), ner_train.c (averaged perceptron training), clusters.c (word
 * clusters from unlabelled text) and tools/train-ner.c.  Internal; prefix
 * xc_ner_.
 *
 * The tagger follows Ratinov and Roth (CoNLL 2009): a greedy left-to-right
 * linear model over BILOU labels with hashed features of a two-token
 * window, gazetteer membership and word-cluster bit prefixes, run twice:
 * the second pass adds non-local features from the first pass's labels of
 * the whole document (how the same word is tagged elsewhere in it).
 */
#ifndef XC_NER_H
#define XC_NER_H

#include "crosscheck.h"
#include "core/util.h"

#include <stddef.h>
#include <stdint.h>

/* ---- Labels ------------------------------------------------------------ */

/* Entity types; the label of type T and part P (B, I, L, U) is
   1 + 4 * T + P, label 0 is O. */
enum { XC_NER_PER, XC_NER_ORG, XC_NER_LOC, XC_NER_MISC, XC_NER_NTYPES };
enum { XC_NER_B, XC_NER_I, XC_NER_L, XC_NER_U };
#define XC_NER_NLABELS 17

#define XC_NER_LABEL(type, part) (1 + 4 * (type) + (part))
#define XC_NER_TYPE(label) (((label) - 1) / 4)  /* only for label > 0 */
#define XC_NER_PART(label) (((label) - 1) % 4)  /* only for label > 0 */

/* "PER", "ORG", "LOC", "MISC" for type T; NULL when out of range. */
const char *xc_ner_type_name(int type);

/* Nonzero when label CUR may follow label PREV (-1: sentence start) in a
   BILOU sequence, and when LABEL may end a sentence. */
int xc_ner_allowed(int prev, int cur);
int xc_ner_may_end(int label);

/* The best of the scores SC (XC_NER_NLABELS) among the labels allowed after
   PREV, and at the sentence end when LAST: the first highest in label
   order.  Training and tagging both choose with it. */
int xc_ner_best_label(const float *sc, int prev, int last);

/*
 * Convert N BILOU labels of one sentence to static IOB2 tag strings ("O",
 * "B-PER", ...).  An ill-formed sequence is read as leniently as conlleval
 * would.
 */
void xc_ner_bilou_to_iob2(const uint8_t *labels, size_t n, const char **tags);

/*
 * Convert N IOB1 or IOB2 tag strings of one sentence to BILOU labels,
 * chunking as conlleval does (I-X after O or another type opens an entity,
 * B-X always does).  Returns 0, or -1 when a tag is not O, B-T or I-T with T
 * one of the four types.
 */
int xc_ner_iob_to_bilou(const char *const *tags, size_t n, uint8_t *labels);

/* ---- Hashing ------------------------------------------------------------ */

/* FNV-1a 64 of N bytes: the hash of words in the model file.  Stable. */
uint64_t xc_ner_hash(const void *s, size_t n);

/* The hash of S lowercased (ASCII letters only). */
uint64_t xc_ner_hash_lower(const char *s, size_t n);

/* Combine two hashes (order matters).  Stable. */
uint64_t xc_ner_hash2(uint64_t a, uint64_t b);

/* ---- Resources: gazetteers and word clusters --------------------------- */

/* An open-addressing map from nonzero 64-bit keys to 32-bit values. */
typedef struct xc_ner_map {
    uint64_t *keys; /* 0: empty slot */
    uint32_t *vals;
    size_t cap;     /* a power of two, or 0 */
    size_t n;
} xc_ner_map;

/* Set KEY to VAL (replacing); OR into the value with xc_ner_map_or.
   XC_ERR_NOMEM when growing fails. */
xc_code xc_ner_map_put(xc_ner_map *m, uint64_t key, uint32_t val);
xc_code xc_ner_map_or(xc_ner_map *m, uint64_t key, uint32_t bits);
/* The value of KEY, or 0 when absent. */
uint32_t xc_ner_map_get(const xc_ner_map *m, uint64_t key);
void xc_ner_map_free(xc_ner_map *m);

/* The gazetteers, in the order of their bits. */
#define XC_NER_NLISTS 8
extern const char *const xc_ner_list_files[XC_NER_NLISTS];

/* Longest gazetteer entry, in tokens. */
#define XC_NER_GAZ_MAXLEN 8
/* In gazetteer values: the key is a proper prefix of some entry. */
#define XC_NER_GAZ_PREFIX 0x80000000u

/*
 * A word's cluster as stored in cluster values: bit string in bits 5..24
 * (first bit highest), its length (1..20) in bits 0..4, and in bits 25..26
 * the case of the word's usual form (see XC_NER_CASE_*), set in the
 * lowercase map only.
 */
#define XC_NER_CL_MAXLEN 20
enum { XC_NER_CASE_LOWER = 1, XC_NER_CASE_TITLE = 2, XC_NER_CASE_UPPER = 3 };

typedef struct xc_ner_res {
    xc_ner_map gaz;      /* hash of an entry's lowercase tokens -> list bits
                            (bit L for list L) | XC_NER_GAZ_PREFIX */
    xc_ner_map clusters; /* hash of a word -> cluster value */
    xc_ner_map lower;    /* hash of a lowercased word -> cluster value and
                            case of its most frequent form */
} xc_ner_res;

void xc_ner_res_free(xc_ner_res *r);

/* Add entry LINE (a gazetteer line: tokens separated by spaces) to list
   LIST.  Lines that hold no token, or more than XC_NER_GAZ_MAXLEN, are
   skipped. */
xc_code xc_ner_gaz_add(xc_ner_res *r, int list, const char *line, size_t len);

/* ---- Word clusters (clusters.c) ---------------------------------------- */

typedef struct xc_ner_cluster_opts {
    unsigned min_count;  /* words seen fewer times get no cluster (3) */
    unsigned contexts;   /* most frequent words used as contexts (1000) */
    unsigned dims;       /* random projection size (128) */
    unsigned depth;      /* bits of the hierarchy (XC_NER_CL_MAXLEN) */
} xc_ner_cluster_opts;

/*
 * Unlabelled text for clustering: tokens grouped into lines.  Holds copies.
 * Add with xc_ner_text_add_line (raw text: tokenized as CoNLL is) or
 * xc_ner_text_add_tokens (already tokens).
 */
typedef struct xc_ner_text xc_ner_text;

xc_ner_text *xc_ner_text_new(void);
void xc_ner_text_free(xc_ner_text *t);
xc_code xc_ner_text_add_line(xc_ner_text *t, const char *s, size_t n);
xc_code xc_ner_text_add_tokens(xc_ner_text *t, const char *const *tok,
                               size_t n);
/* Read a file: plain text line by line, or with markup dropped when
   IS_XML.  XC_ERR_IO when it cannot be read. */
xc_code xc_ner_text_add_file(xc_ner_text *t, const char *path, int is_xml,
                             xc_error *err);
size_t xc_ner_text_ntokens(const xc_ner_text *t);

/*
 * Cluster the words of TEXT by their neighbours (positive PMI of the words
 * one and two to the left and right, randomly projected) into a binary
 * hierarchy by recursive spherical 2-means, deterministic for the same
 * input.  Writes one line per word, "BITS<TAB>WORD<TAB>COUNT", sorted by
 * bits then word, to OUT.
 */
xc_code xc_ner_cluster(const xc_ner_text *text, const xc_ner_cluster_opts *o,
                       FILE *out, xc_error *err);

/* Load a cluster file as written by xc_ner_cluster into R's clusters and
   lower maps. */
xc_code xc_ner_clusters_load(xc_ner_res *r, const char *path, xc_error *err);

/* ---- Features ------------------------------------------------------------ */

/* Token flags */
enum {
    XC_NER_F_CAP = 1,       /* first character an uppercase letter */
    XC_NER_F_UPPER = 2,     /* letters, all uppercase */
    XC_NER_F_LOWER = 4,     /* letters, all lowercase */
    XC_NER_F_FIRST = 8,     /* first token of its sentence */
    XC_NER_F_CAPSENT = 16,  /* in a sentence written all in capitals */
    XC_NER_F_DIGIT = 32,    /* holds a digit */
    XC_NER_F_LETTER = 64    /* holds a letter */
};

/* What a token contributes to features, computed once per token. */
typedef struct xc_ner_tok {
    uint64_t word;    /* exact form */
    uint64_t norm;    /* lowercased, digits read as 0 */
    uint64_t lower;   /* lowercased */
    uint64_t shape;   /* short shape: Xx, XX, d, x-x, ... */
    uint64_t lshape;  /* shape with runs cut at 4: Xxxxx, dddd-dd */
    uint64_t pre[4], suf[4];
    uint32_t cl;      /* cluster value, 0 when none */
    uint32_t gaz;     /* per list 3 bits: 0, or 1 + BILOU part of a match */
    uint32_t flags;   /* XC_NER_F_*; in bits 8..9, for tokens of capital
                         sentences, the usual case of the word (XC_NER_CASE_*) */
    uint32_t len;     /* characters, capped at 255 */
} xc_ner_tok;

#define XC_NER_MAXF 128 /* static features of one token, at most */

/* One document being tagged or trained on. */
typedef struct xc_ner_doc {
    size_t ntok, nsent;
    xc_ner_tok *tok;
    size_t *sent_start;  /* nsent + 1 entries */
    uint8_t *p1;         /* first-pass labels */
} xc_ner_doc;

/*
 * Fill DOC from NSENT sentences of tokens (see xc_tagger_tag_document),
 * using R's gazetteers and clusters.  Allocates; free with
 * xc_ner_doc_free.  XC_ERR_NOMEM, or XC_ERR_ARG for a NULL token.
 */
xc_code xc_ner_doc_init(xc_ner_doc *doc, const xc_ner_res *r,
                        const char *const *tokens, const size_t *sent_lens,
                        size_t nsent, xc_error *err);
void xc_ner_doc_free(xc_ner_doc *doc);

/* The shape of S[0..N): X upper, x lower, d digit, o other letters, p
   other symbols, ASCII punctuation as itself; runs of one class collapsed
   to one character, or when LONGER cut at four.  Writes at most CAP-1
   bytes and a NUL into OUT. */
void xc_ner_shape(const char *s, size_t n, char *out, size_t cap, int longer);

/* The per-document counts of first-pass types of each lowercase word. */
typedef struct xc_ner_agg {
    xc_ner_map index;      /* lower hash -> 1 + slot */
    uint16_t (*counts)[1 + XC_NER_NTYPES];
    size_t n, cap;
} xc_ner_agg;

xc_code xc_ner_agg_build(xc_ner_agg *a, const xc_ner_doc *doc);
void xc_ner_agg_free(xc_ner_agg *a);

/*
 * The static features (those that do not depend on the labels being
 * decoded) of token I of DOC, in the sentence of tokens [S0, S1), for pass
 * PASS (1 or 2; pass 2 reads doc->p1 and AGG) as 64-bit hashes into OUT
 * (XC_NER_MAXF entries).  Returns how many.
 */
size_t xc_ner_features(const xc_ner_doc *doc, size_t i, size_t s0, size_t s1,
                       int pass, const xc_ner_agg *agg, uint64_t *out);

/* The features of token I that depend on the two labels before it (-1 at
   the sentence start), into OUT (XC_NER_MAXDYN entries). */
#define XC_NER_MAXDYN 4
size_t xc_ner_dyn_features(const xc_ner_doc *doc, size_t i, int pass,
                           int prev, int prev2, uint64_t *out);

/* The row of the weight table a feature hash falls into. */
XC_NO_COVERAGE static inline uint32_t xc_ner_bucket(uint64_t h, unsigned bits)
{
    return (uint32_t)(h >> (64 - bits)); /* feature hashes are well mixed */
}

/* ---- The model ------------------------------------------------------------ */

/*
 * One pass's weights as used for tagging: a hashed table of 1 << bits rows
 * whose nonzero rows are stored once, in bucket order.  Which buckets have
 * a row is a bitmap with a running count every 64 buckets (16 bytes per 64
 * buckets: the index of a 2^20 table stays in the L2 cache); a row's number
 * is the count of rows before it.  Scores are relative to label O (whose
 * weights are all zero), so a row is 16 int16 weights, 32 bytes.
 */
#define XC_NER_ROW 16
typedef struct xc_ner_slot {
    uint64_t bits;   /* bucket 64 * j + k has a row when bit k is set */
    uint32_t base;   /* rows of the buckets before 64 * j, plus one */
    uint32_t pad;
} xc_ner_slot;

typedef struct xc_ner_weights {
    unsigned bits;
    xc_ner_slot *slots; /* (1 << bits) / 64 */
    int16_t *rows;   /* nrows * XC_NER_ROW, 32-byte aligned, row 0 zero */
    size_t nrows;
    float scale;     /* weight = value * scale */
} xc_ner_weights;

/* Bits set in X. */
XC_NO_COVERAGE static inline unsigned xc_ner_popcount(uint64_t x)
{
#if defined(__GNUC__) && defined(__POPCNT__)
    return (unsigned)__builtin_popcountll(x);
#else
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return (unsigned)((x * 0x0101010101010101ULL) >> 56);
#endif
}

/* The row of bucket B of W: 0 (all zero) when it has none. */
XC_NO_COVERAGE static inline uint32_t xc_ner_row_of(const xc_ner_weights *w, uint32_t b)
{
    const xc_ner_slot *s = &w->slots[b >> 6];
    uint64_t bit = 1ULL << (b & 63);
    uint32_t has = (uint32_t)((s->bits >> (b & 63)) & 1u);
    /* without a branch: whether a feature is known is unpredictable */
    return (s->base + xc_ner_popcount(s->bits & (bit - 1))) & (0u - has);
}

/* Set W's slots from IDX, the row of each bucket (0: none), rows numbered
   1, 2, ... in bucket order.  XC_ERR_NOMEM. */
xc_code xc_ner_weights_index(xc_ner_weights *w, const uint32_t *idx);

void xc_ner_weights_free(xc_ner_weights *w);

struct xc_tagger {
    xc_ner_res res;
    xc_ner_weights pass[2];
    int npasses;        /* 2, or 1 when pass 2 is left out */
};

/*
 * Training-side weights in floats: a dense table of (1 << bits) rows of
 * XC_NER_NLABELS, for building a model from.
 */
typedef struct xc_ner_fweights {
    unsigned bits;
    float *w;        /* (1 << bits) * XC_NER_NLABELS */
} xc_ner_fweights;

/* Quantize F into W, dropping rows whose largest weight (relative to O)
   is under PRUNE times the largest of all. */
xc_code xc_ner_weights_from_float(xc_ner_weights *w,
                                  const xc_ner_fweights *f, double prune);

/*
 * Tag DOC with pass PASS of T (floats F instead when non-NULL), writing one
 * BILOU label per token into LABELS.  Pass 2 needs doc->p1 set and AGG.
 */
void xc_ner_decode(const xc_tagger *t, const xc_ner_fweights *f,
                   const xc_ner_doc *doc, int pass, const xc_ner_agg *agg,
                   uint8_t *labels);

/* Tag DOC with both passes of T into LABELS (BILOU).  XC_ERR_NOMEM. */
xc_code xc_ner_tag_doc(const xc_tagger *t, xc_ner_doc *doc, uint8_t *labels);

/*
 * Write T to PATH in the model format (see ner.c), replacing it whole.
 * XC_ERR_IO on failure.
 */
xc_code xc_ner_save(const xc_tagger *t, const char *path, xc_error *err);

/* Read a model from memory (what xc_tagger_load does after reading the
   file).  XC_ERR_PARSE on any inconsistency, XC_ERR_NOMEM. */
xc_code xc_ner_load_mem(const unsigned char *p, size_t n, xc_tagger **out,
                        xc_error *err);

/* ---- Training (ner_train.c) ------------------------------------------ */

/* A labelled corpus: documents of sentences of tokens with gold labels. */
typedef struct xc_ner_corpus {
    size_t ndocs;
    size_t *doc_start;     /* ndocs + 1: first sentence of each document */
    size_t nsent;
    size_t *sent_start;    /* nsent + 1: first token of each sentence */
    size_t ntok;
    char **tokens;
    uint8_t *labels;       /* BILOU */
    size_t cap_doc, cap_sent, cap_tok;
} xc_ner_corpus;

void xc_ner_corpus_free(xc_ner_corpus *c);

/*
 * Read a CoNLL-2003 file (token first, gold IOB tag last, -DOCSTART- lines
 * between documents) and add its documents to C.  Only the first and last
 * columns are read.  XC_ERR_IO, XC_ERR_PARSE (with the line), XC_ERR_NOMEM.
 */
xc_code xc_ner_corpus_read(xc_ner_corpus *c, const char *path, xc_error *err);

/* Add one document of NSENT sentences (SENT_LENS tokens each). */
xc_code xc_ner_corpus_add_doc(xc_ner_corpus *c, const char *const *tokens,
                              const uint8_t *labels, const size_t *sent_lens,
                              size_t nsent);

typedef struct xc_ner_train_opts {
    unsigned bits;        /* hashed table size: 1 << bits rows (20) */
    unsigned epochs1;     /* epochs of pass 1 (10) */
    unsigned epochs2;     /* epochs of pass 2 (10) */
    unsigned folds;       /* jackknife folds for pass 2's inputs (5);
                             0: one pass only */
    unsigned threads;     /* jackknife folds trained at once (2) */
    unsigned min_count;   /* features seen fewer times are dropped (1) */
    double prune;         /* see xc_ner_weights_from_float (1e-3) */
    uint64_t seed;        /* shuffling */
    int verbose;          /* progress to stderr */
} xc_ner_train_opts;

void xc_ner_train_opts_default(xc_ner_train_opts *o);

/*
 * Train a tagger on C with resources RES (moved into the tagger: RES is
 * left empty).  On success *out is a new tagger (xc_tagger_free).
 * Deterministic for the same inputs and options.
 */
xc_code xc_ner_train(const xc_ner_corpus *c, xc_ner_res *res,
                     const xc_ner_train_opts *o, xc_tagger **out,
                     xc_error *err);

#endif
