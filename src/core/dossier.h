/*
 * dossier.h: the dossier as the stages fill it and the renderers read it.
 * The public API sees only an opaque xc_dossier; analysis stages add their
 * arrays here as they arrive (entities, quotes, times, quantities, facts).
 * Internal; prefix xc_dossier_.
 */
#ifndef XC_DOSSIER_H
#define XC_DOSSIER_H

#include "crosscheck.h"
#include "extract/extract.h"
#include "resolve/resolve.h"
#include "resolve/quotegroup.h"
#include "reconcile/facts.h"

typedef struct xc_story {
    char *title;     /* chosen headline, or NULL */
    size_t *docs;    /* indexes into the dossier's documents */
    size_t ndocs;
} xc_story;

/* What the analysis counted in one document (for people, not the JSON). */
typedef struct xc_doc_stats {
    size_t tokens;    /* all tokens */
    size_t words;     /* word tokens outside boilerplate */
    size_t sentences; /* sentences outside boilerplate */
    size_t paragraphs;
} xc_doc_stats;

struct xc_dossier {
    xc_doc **docs;   /* document i has the id "d<i+1>" */
    xc_doc_stats *stats;  /* per document, after build */
    xc_times *times;      /* per document, after build */
    xc_quantities *quantities;
    xc_quotes *quotes;
    xc_entities *entities; /* per document, before merging across them */
    int32_t **speakers;    /* per document and quote: the entity of its
                              speaker in that document, or -1 */
    uint32_t **entity_ids; /* per document and entity: its number in the
                              dossier ("e<n>"), 0 when it is shown nowhere
                              (all its mentions are page furniture); after
                              xc_dossier_analyze one number per document's
                              entity, after xc_dossier_build the number of
                              the story's entity it was merged into */
    size_t nentity_ids;    /* how many numbers were given */
    xc_resolution resolved; /* the story's entities, after build */
    int merged;             /* resolved holds the entities merged across
                               the documents and entity_ids number them */
    xc_qgroups qgroups;     /* quotes of the same words across documents,
                               after build (group ids "g<n+1>") */
    size_t ndocs, capdocs;
    char *story_title; /* given by the caller, or NULL */
    int clustering;    /* sort the documents into stories (else one) */
    xc_story *stories;
    size_t nstories;
    int32_t *copy_of;       /* per document, after build: the index of the
                               earlier document it is a near-copy of
                               (syndicated wire copy), or -1; NULL when not
                               computed */
    xc_facts facts;         /* after build */
    xc_timeline timeline;   /* after build */
    int analyzed; /* the per-document stages have run */
    int built;    /* and the story-level ones */
};

#endif
