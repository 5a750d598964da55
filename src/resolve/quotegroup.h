/*
 * quotegroup.h: grouping quotations of the same utterance across the
 * documents of a story (part of the resolve stage, after entities are
 * merged).  Reports quote the same words as exact copies, as fragments of
 * a longer quotation ("absolutely transparent" inside "The trial was
 * absolutely transparent."), or in their own translation of words spoken
 * in another language.  A group holds every such quotation; its similarity
 * says how closely the wordings agree (copies 1, translations lower), and
 * each quotation keeps which of its words were aligned with another of the
 * group, so a renderer can show where the wordings differ.
 *
 * How a pair is decided (quotegroup.c):
 *   - every quote becomes a sequence of words, folded (utf8proc), number
 *     words as digits ("two" = "2", "Second" and "II" = "2"), common
 *     irregular verbs to their base ("said" = "say"), stemmed (Snowball
 *     English); stopwords are kept for the exact test but do not count as
 *     content words;
 *   - quotes with 1-2 content words join another only when all their words
 *     appear in it exactly, in a row; 3-4 content words need all of them,
 *     5 all but one, in order, within a compact window; longer quotes
 *     need most of the shorter one's content words (containment) and most
 *     of them in the same order (a longest common subsequence over stems);
 *     the similarity (containment, order, and the words as written,
 *     stopwords included) must reach 0.6;
 *   - a fragment joins the group of the longer quotes it is found in only
 *     when they are all one group, so that a common phrase does not chain
 *     different utterances together;
 *   - only pairs sharing one of the rarest stems of a quote are compared
 *     (an inverted index stem -> quotes), so the work follows the number of
 *     candidate pairs, not the square of the quotes;
 *   - pairs from the same document are never compared; a group may hold two
 *     quotes of one document only through quotes of another; interviewer
 *     turns (questions) pair only with questions.
 *
 * Internal; prefix xc_qgroup_.
 */
#ifndef XC_QUOTEGROUP_H
#define XC_QUOTEGROUP_H

#include "crosscheck.h"
#include "extract/extract.h"
#include "resolve/resolve.h"

#include <stdint.h>

/* One word of a grouped quote. */
typedef struct xc_qword {
    uint32_t start, end; /* byte offsets into the document's text */
    uint8_t content;     /* a content word (not a stopword) */
    uint8_t aligned;     /* matched with a word of another quote of the group */
} xc_qword;

/* One quote of a group. */
typedef struct xc_qmember {
    uint32_t doc, quote; /* document index, index into its xc_quotes */
    xc_qword *words;     /* its words in text order */
    size_t nwords;
} xc_qmember;

typedef struct xc_qgroup {
    xc_qmember *v;     /* in document order (document, then offset) */
    size_t n;
    double similarity; /* 0..1: the lowest of the pairs that joined the
                          group (1 when every pair is a copy or an exact
                          fragment; a translation about 0.6-0.8) */
    int32_t speaker;   /* the story entity (index into xc_resolution.v) of
                          every attributed quote, or -1 (none, or a conflict) */
    uint8_t conflict;  /* attributed to different story entities */
    uint32_t *speakers; /* with conflict: the distinct story entities, in
                           order of first appearance */
    size_t nspeakers;
} xc_qgroup;

typedef struct xc_qgroups {
    xc_qgroup *v;  /* in order of their first quote */
    size_t n;
    uint32_t **of; /* of[doc][quote]: group index + 1, or 0 for none */
    size_t ndocs;
} xc_qgroups;

/*
 * Group the quotes of NDOCS documents: QUOTES[i] are those of DOCS[i],
 * SPEAKERS[i][k] the local entity of quote k's speaker or -1, RES the
 * story's entities (its of[] maps local entities; may be NULL, then no
 * speaker is known).  Fills OUT (caller frees with xc_qgroup_free, also
 * after a failure).  Fails with XC_ERR_NOMEM, or XC_ERR_INTERNAL when the
 * stemmer cannot be created.
 */
xc_code xc_qgroup_build(xc_doc *const *docs, const xc_quotes *quotes,
                        int32_t *const *speakers, const xc_resolution *res,
                        size_t ndocs, xc_qgroups *out);
void xc_qgroup_free(xc_qgroups *g);

/*
 * The word normalization quotation grouping uses, for other stages that
 * compare wording (story clustering): the form of the word S[0..N) into
 * OUT (XC_QGROUP_WORD_MAX bytes: folded, periods and a possessive 's
 * dropped; returns its length, 0 when nothing is left), the key of a form
 * (number words as digits, irregular forms as their base; FORM itself
 * otherwise) and whether a key is a stopword.
 */
#define XC_QGROUP_WORD_MAX 64
size_t xc_qgroup_word_form(const char *s, size_t n, char *out);
const char *xc_qgroup_word_key(const char *form);
int xc_qgroup_stopword(const char *key);

#endif
