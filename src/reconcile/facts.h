/*
 * facts.h: the reconcile stage (DESIGN.md): statements that answer the same
 * question across the documents of a story, compared (agreed, conflicting,
 * single-source), and the story's timeline.  Runs after resolve (merged
 * entities, speakers, quote groups) in xc_dossier_build; the renderers read
 * the result from the dossier.  Internal; prefix xc_facts_ / xc_timeline_.
 */
#ifndef XC_FACTS_H
#define XC_FACTS_H

#include "crosscheck.h"

#include <stddef.h>
#include <stdint.h>

struct xc_dossier;

typedef enum xc_fact_status {
    XC_FACT_AGREED = 0,
    XC_FACT_CONFLICTING,
    XC_FACT_SINGLE_SOURCE
} xc_fact_status;

/* How a claim is stated (for the note, and for the reader's caveat). */
typedef enum xc_modality {
    XC_MOD_ASSERTED = 0, /* "was sentenced to 20 years" */
    XC_MOD_PROSPECTIVE,  /* "is expected to be sentenced", "will" */
    XC_MOD_HEDGED,       /* "could", "may", "reportedly" */
    XC_MOD_NEGATED,      /* "was not released", "was spared a death
                            sentence" */
    XC_MOD_PROPOSED      /* "sought", "in exchange for": a value someone
                            sought, offered or demanded, never compared */
} xc_modality;

/* One document's answer to the fact's question. */
typedef struct xc_claim {
    size_t doc;                /* index into the dossier's documents */
    size_t start, end;         /* the whole source sentence (byte offsets) */
    size_t vstart, vend;       /* the value: words of that sentence that give
                                  the answer ("20 years", "life imprisonment",
                                  "Nineteen"); vstart == vend when none (JSON
                                  null) */
    uint8_t modality;          /* xc_modality */
    uint8_t part;              /* a part of a sum another claim of the same
                                  document gives (note "derived: 8 + 11 =
                                  19"): shown for provenance, not compared */
} xc_claim;

typedef struct xc_fact {
    char *topic;           /* short phrase: "Ruben Vardanyan: sentence",
                              "Armenians held in Azerbaijan: number" */
    uint32_t subject;      /* the story's entity number ("e<n>"), 0 = null */
    uint8_t status;        /* xc_fact_status */
    xc_claim *claims;      /* in document order */
    size_t nclaims;
    char *note;            /* NULL, or e.g. "one report is prospective
                              (expected to be sentenced)", "derived: 8 + 11
                              = 19" */
    size_t independent;    /* documents that answer it, near-copies of one
                              report (xc_dossier.copy_of) counted once */
} xc_fact;

typedef struct xc_facts {
    xc_fact *v;            /* fact i has the id "f<i+1>"; ordered as the
                              dossier lists them (conflicting, agreed,
                              single-source; within each, by first claim) */
    size_t n, cap;
} xc_facts;

/* One dated event of the story. */
typedef struct xc_event {
    char date[11];         /* TIMEX3 date, as xc_time.value (never "") */
    char *text;            /* what happened, a short phrase from a source */
    size_t *docs;          /* document indexes, ascending */
    size_t ndocs;
    size_t *facts;         /* fact indexes into xc_facts.v, ascending */
    size_t nfacts;
} xc_event;

typedef struct xc_timeline {
    xc_event *v;           /* oldest first */
    size_t n, cap;
} xc_timeline;

/* Fill D->facts from D's analysed and resolved documents. */
xc_code xc_facts_build(struct xc_dossier *d, xc_error *err);
void xc_facts_free(xc_facts *f);

/* Fill D->timeline (after xc_facts_build). */
xc_code xc_timeline_build(struct xc_dossier *d, xc_error *err);
void xc_timeline_free(xc_timeline *t);

#endif
