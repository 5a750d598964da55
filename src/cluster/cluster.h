/*
 * cluster.h: near-duplicates and stories (DESIGN.md: cluster).  It sits
 * between the per-document analysis and resolve: it decides which reports
 * tell the same story and which are copies of one another.  Independent of
 * SQLite, so the dossier clusters in memory with the same code the store
 * uses when it assigns stories as documents arrive.
 *
 *   - features.c: what one document contributes (xc_features): a MinHash
 *     signature over 5-word shingles of case-folded words, its content
 *     words (stemmed, stopwords out) and its named entities as keys
 *     (a person by the transliteration key of the surname, so spelling
 *     variants and the lone surname collide), and its date;
 *   - minhash.c: the signature, its LSH band keys and the estimated
 *     resemblance of two documents;
 *   - story.c: a document as a TF-IDF unit vector, story centroids, the
 *     similarity of a document to a story (content words, entities and
 *     time) and the online assignment with merging, in memory.
 *
 * Internal; prefix xc_mh_, xc_feat_, xc_story_ (and xc_centroid_).
 */
#ifndef XC_CLUSTER_H
#define XC_CLUSTER_H

#include "crosscheck.h"
#include "extract/extract.h"
#include "text/text.h"

#include <stddef.h>
#include <stdint.h>

/* ---- MinHash (minhash.c) --------------------------------------------- */

#define XC_MH_N 128     /* 32-bit minimum hashes per signature */
#define XC_MH_BANDS 32  /* LSH bands ... */
#define XC_MH_ROWS 4    /* ... of this many rows: candidates from about 0.4 */
#define XC_MH_SHINGLE 5 /* words per shingle */

/* Estimated resemblance at or above which two documents are near-copies. */
#define XC_NEAR_COPY 0.6

/* Start a signature: every slot at its maximum. */
void xc_mh_init(uint32_t sig[XC_MH_N]);
/* Fold the 64-bit hash H of one shingle into SIG. */
void xc_mh_add(uint32_t sig[XC_MH_N], uint64_t h);
/* The estimated Jaccard resemblance of two signatures, in [0, 1]. */
double xc_mh_resemblance(const uint32_t *a, const uint32_t *b);
/* The XC_MH_BANDS band keys of SIG: equal keys for equal rows of one band. */
void xc_mh_bands(const uint32_t sig[XC_MH_N], int64_t keys[XC_MH_BANDS]);

/* ---- Features (features.c) ------------------------------------------- */

/* One weighted key: a stemmed content word or an entity. */
typedef struct xc_term {
    uint64_t key;
    float w;
} xc_term;

/* qsort orders of terms: by key; heaviest first (equal weights by key, so
   every cut is deterministic).  story.c. */
int xc_term_cmp_key(const void *x, const void *y);
int xc_term_cmp_weight(const void *x, const void *y);

/* Cut V[0..N), sorted by key with each key once, to its MAX heaviest (in
   xc_term_cmp_weight's order), still sorted by key: what sorting by
   weight, cutting and sorting by key again gives, at the cost of a
   selection.  Returns the new length.  features.c. */
size_t xc_terms_keep_heaviest(xc_term *v, size_t n, size_t max);

#define XC_DAY_NONE INT32_MIN

/* The top bit of a content-word key marks a number written in digits
   (features.c); story.c weighs and compares numbers apart from words. */
#define XC_KEY_NUMBER (1ULL << 63)

#define XC_FEAT_MAX_TERMS 256 /* the most frequent content words kept */
#define XC_FEAT_MAX_ENTS 64   /* the most mentioned entities kept */

struct xc_features {
    uint32_t minhash[XC_MH_N];
    uint32_t nshingles; /* 0: too short to compare as a near-copy */
    xc_term *terms;     /* sorted by key; w = occurrences */
    size_t nterms;
    xc_term *ents;      /* sorted by key; w = mentions */
    size_t nents;
    int32_t day;        /* days since 1970-01-01, or XC_DAY_NONE */
};

/*
 * The features of DOC from its tokens TK, entities E and times T (what
 * xc_features_compute finds itself; the dossier has them already).  On
 * success *out holds them (free with xc_features_free).  XC_ERR_NOMEM.
 */
xc_code xc_feat_build(const xc_doc *doc, const xc_tokens *tk, const xc_entities *e,
                      const xc_times *t, xc_features **out);
/* The same; with STORIES zero, only what near-copy detection needs (the
   MinHash signature): no content words, entities or date. */
xc_code xc_feat_build_for(const xc_doc *doc, const xc_tokens *tk, const xc_entities *e,
                          const xc_times *t, int stories, xc_features **out);

/* Days since 1970-01-01 of the ISO date S ("YYYY-MM-DD", or "YYYY-MM" as
   its 15th), XC_DAY_NONE for anything else. */
int32_t xc_feat_day(const char *s);

/* Serialize a term list for storage: N entries of 12 bytes (key, weight,
   little-endian).  Returns a new buffer of *len bytes (caller frees), NULL
   when out of memory. */
unsigned char *xc_feat_pack(const xc_term *v, size_t n, size_t *len);
/* The reverse: a new array in *out (caller frees) of *n terms.  Fails with
   XC_ERR_DB for a blob of the wrong size, XC_ERR_NOMEM. */
xc_code xc_feat_unpack(const void *blob, size_t len, xc_term **out, size_t *n);

/* ---- Stories (story.c) ------------------------------------------------- */

/* Document frequencies for IDF: DF of KEY among N documents. */
typedef struct xc_idf {
    uint32_t (*df)(void *ctx, uint64_t key);
    void *ctx;
    uint32_t ndocs;
} xc_idf;

/* A document ready for comparison: TF-IDF vectors, sorted by key.  The
   entities are a unit vector; so are the words and, apart, the numbers
   (keys with XC_KEY_NUMBER) among the terms. */
typedef struct xc_vec {
    xc_term *terms;
    size_t nterms;
    xc_term *ents;
    size_t nents;
    int32_t day;
} xc_vec;

/* Make V from F with IDF. Caller frees with xc_vec_free. XC_ERR_NOMEM. */
xc_code xc_vec_make(const xc_features *f, const xc_idf *idf, xc_vec *v);
void xc_vec_free(xc_vec *v);

/* A story: the sums of its documents' unit vectors (cut to the heaviest
   keys) and its date range. */
typedef struct xc_centroid {
    xc_term *terms;
    size_t nterms;
    xc_term *ents;
    size_t nents;
    uint32_t ndocs;
    int32_t day_min, day_max; /* XC_DAY_NONE when no document is dated */
    /* the squared norms of terms (words, numbers) and entities, as scoring
       sums them, when NORMS_OK (kept by xc_centroid_add and _merge, set by
       xc_centroid_norms); otherwise scoring sums them each time */
    double norms[3];
    int norms_ok;
    /* the low 16 bits of each key, of TERMS then ENTS, or NULL: scoring
       reads these 2 bytes a key instead of 16 to pass over the keys a
       document lacks (set by xc_centroid_index, dropped when C changes;
       never shared by a copy of the struct) */
    uint16_t *lo;
} xc_centroid;

#define XC_CENTROID_TERMS 300
#define XC_CENTROID_ENTS 120

/* Add V (or another centroid's sums, xc_centroid_merge) to C. XC_ERR_NOMEM. */
xc_code xc_centroid_add(xc_centroid *c, const xc_vec *v);
xc_code xc_centroid_merge(xc_centroid *c, const xc_centroid *o);
void xc_centroid_free(xc_centroid *c);
/* Compute C's squared norms (C's terms were filled by hand, e.g. read from
   the database), so that scoring need not sum them for every document. */
void xc_centroid_norms(xc_centroid *c);
/* Set C's LO for faster scoring (for a centroid scored many times, as a
   cached one); without memory C stays without it. */
void xc_centroid_index(xc_centroid *c);

/* How well V fits story C: higher is better, in [0, 1]. */
double xc_story_score(const xc_vec *v, const xc_centroid *c);
/* A document joins its best story at or above this score. */
extern double xc_story_join;
/* Two stories that both fit a document at least this well merge: the
   document bridges them. */
extern double xc_story_merge;
/* The weights of content words, entities and numbers in a fit. */
extern double xc_story_w_terms;
extern double xc_story_w_ents;
extern double xc_story_w_numbers;
/* The share of its fit a document keeps when it and the story both give
   numbers and none of them agree. */
extern double xc_story_numbers_apart;

/*
 * The decision for a document V among candidate stories C[0..N) (at most
 * XC_STORY_CANDIDATES, oldest first): the index of the story it joins, or
 * -1 to start one; MERGE[0..*NMERGE) the indexes of the other candidates
 * it fits as well as xc_story_merge (it bridges them with that story),
 * which merge into it.
 */
#define XC_STORY_CANDIDATES 64
int xc_story_decide(const xc_vec *v, const xc_centroid *const *c, size_t n,
                    size_t *merge, size_t *nmerge);

/* The query keys of V for an inverted index of stories: its heaviest
   entities and content words, at most MAX of them, in KEYS.  Returns
   how many. */
size_t xc_vec_keys(const xc_vec *v, uint64_t *keys, size_t max);

/*
 * Online clustering in memory: documents arrive one at a time; each joins
 * its best story or starts one; stories a document bridges merge.
 * Deterministic for the same documents in the same order.
 */
typedef struct xc_stories xc_stories;

xc_stories *xc_stories_new(void);
void xc_stories_free(xc_stories *s);
/* Assign the next document (numbered from 0 in order of arrival), of
   vector V, to a story: the story of document WITH when WITH >= 0 (a
   near-copy joins the story of its original), else its best. */
xc_code xc_stories_add(xc_stories *s, const xc_vec *v, int64_t with);
/* The story of document I after all adds, numbered 0.. in order of each
   story's first document. Returns the number of stories; OF has one entry
   per document added. */
size_t xc_stories_result(const xc_stories *s, size_t *of);

/*
 * Near-copies among N signatures (SIGS[i] NULL or with nshingles 0 for
 * none): COPY_OF[i] is the earliest j < i whose estimated resemblance with
 * i is at least XC_NEAR_COPY (through LSH bands), or -1, and RES[i] that
 * resemblance (may be NULL).  XC_ERR_NOMEM.
 */
xc_code xc_mh_near_copies(const xc_features *const *f, size_t n,
                          int32_t *copy_of, double *res);

/* ---- The dossier (group.c) ------------------------------------------ */

/*
 * Fill D's stories (one of every document, or the clusters when
 * clustering is on) and copy_of (near-copies), after the per-document
 * analysis.  Replaces what was there; D's stories must be empty.  Fails
 * with XC_ERR_NOMEM (err says so).
 */
xc_code xc_cluster_dossier(xc_dossier *d, xc_error *err);

#endif
