/*
 * reconcile.h: what the files of the reconcile stage share (facts.c,
 * timeline.c, anchor.c, lexicon.c).  The stage reads each sentence of each
 * document as stems; the lexicon of data/predicates.txt says which stems
 * are predicates (sentenced/jailed, released/freed/handed over, held/in
 * custody, ...), which are modality cues, which nouns count together, and
 * so on.  Internal; prefix xc_rlex_ and xc_reconcile_.
 */
#ifndef XC_RECONCILE_H
#define XC_RECONCILE_H

#include "crosscheck.h"
#include "text/text.h"
#include "extract/extract.h"

#include <stddef.h>
#include <stdint.h>

struct xc_dossier;
struct sb_stemmer;

/* What a lexicon class is for (the first word of a line of the file). */
typedef enum xc_rkind {
    XC_RK_PREDICATE = 1,
    XC_RK_EVENT,     /* a predicate that makes a fact without a number */
    XC_RK_MODALITY,  /* class names: prospective, hedged, negated */
    XC_RK_FRAME,     /* another time frame: past */
    XC_RK_NOUN,      /* counted-object heads that count together */
    XC_RK_TOPIC,     /* what an event is about */
    XC_RK_TERM,      /* a sentence in words: life, death */
    XC_RK_CLAUSE,    /* begins a subordinate clause */
    XC_RK_PERSON,    /* a noun for people counted apart ("pirates") */
    XC_RK_NKINDS
} xc_rkind;

typedef struct xc_rclass {
    uint8_t kind;    /* xc_rkind */
    char name[24];   /* "sentence", "prospective", "people" */
    char label[40];  /* shown to people: "sentence", "held", "prisoners" */
    uint8_t flags;   /* XC_RF_* */
} xc_rclass;

enum {
    XC_RF_PEOPLE = 1, /* "+people": counts only people ("12 states" held
                         is no count of the held) */
    XC_RF_ABOUT = 2   /* "+about": an event only with what it is about or
                         whom it involves ("raised the issue of the
                         prisoners", not "raised money") */
};

/* A phrase of the lexicon found at a token. */
typedef struct xc_rmatch {
    uint16_t cls;    /* index into the classes (xc_rlex_class) */
    uint8_t kind;    /* xc_rkind */
    uint8_t len;     /* tokens it covers */
} xc_rmatch;

/*
 * Load data/predicates.txt once per process (thread-safe).  Returns
 * XC_OK, or a code with ERR saying which file could not be read.
 */
xc_code xc_rlex_load(xc_error *err);

/* Class I (I < xc_rlex_nclasses()). */
const xc_rclass *xc_rlex_class(size_t i);
size_t xc_rlex_nclasses(void);
/* The class of KIND named NAME, or -1. */
int xc_rlex_find(int kind, const char *name);

/*
 * The hash of one token for matching: the Snowball stem of its lower-case
 * form (ST is the caller's English stemmer), or of its text for
 * punctuation; 0 for tokens no lexicon phrase holds (non-ASCII words,
 * numbers).
 */
uint64_t xc_rlex_hash(struct sb_stemmer *st, const char *text, const xc_token *t);

/* Stems of forms already seen, for xc_rlex_hashes (caller-held; zero it). */
#define XC_RLEX_CACHE 4096
typedef struct xc_rlex_cache {
    uint64_t form[XC_RLEX_CACHE];
    uint64_t stem[XC_RLEX_CACHE];
} xc_rlex_cache;

/* Both hashes of token T at once (xc_rlex_hash and xc_rlex_form), the
   stem looked up in CACHE (may be NULL) before the stemmer is asked. */
void xc_rlex_hashes(xc_rlex_cache *cache, struct sb_stemmer *st, const char *text,
                    const xc_token *t, uint64_t *stem, uint64_t *form);

/* The hash of a token as written (lower case), for the kinds that match
   forms, not stems (xc_rlex_by_form): modality, frame, clause. */
uint64_t xc_rlex_form(const char *text, const xc_token *t);
int xc_rlex_by_form(int kind);

/*
 * The longest phrase of KIND starting at word I of the hashes H[0..N)
 * (stems from xc_rlex_hash, or forms from xc_rlex_form for the kinds
 * xc_rlex_by_form names).
 * Returns 1 and fills M, or 0.
 */
/* Days since 1970-01-01 of a full date "YYYY-MM-DD", or -1 (anchor.c). */
long xc_reconcile_day(const char *s);

int xc_rlex_match(const uint64_t *h, size_t n, size_t i, int kind, xc_rmatch *m);

/*
 * Give times of documents without a date of their own the story's date
 * (XC_ANCHOR_STORY): a document that shares a quotation group with dated
 * documents, or names a day without a year within two weeks of one's
 * date, is read as published on the latest such date, and its relative
 * times ("on Friday", "13 February") are resolved again against it by
 * the time extractor.  Fails only with XC_ERR_NOMEM.
 */
xc_code xc_reconcile_anchor(struct xc_dossier *d, xc_error *err);

/*
 * Is the time T of DOC a date a reader would put on a timeline?  Not a
 * clock time read as a year ("struck at 1353 (1023 GMT)"), nor a piece of
 * a web address or a path ("com/news/2005/11/...").
 */
int xc_reconcile_dated(const xc_doc *doc, const xc_time *t);

#endif
