/*
 * render.h: helpers shared by the renderers (JSON, Markdown, HTML, the
 * explanation of an entity).  Internal; prefix xc_ (JSON helpers) and
 * xc_render_ (the rest).
 */
#ifndef XC_RENDER_H
#define XC_RENDER_H

#include "crosscheck.h"
#include "core/util.h"

#include <jansson.h>

struct xc_dossier;
struct xc_fact;

/* A JSON string of S (null when S is NULL), invalid UTF-8 bytes replaced
   by U+FFFD.  New reference, or NULL when out of memory. */
json_t *xc_json_str(const char *s);

/* The dossier id of document INDEX ("d1" for 0), written into BUF. */
char *xc_doc_id(size_t index, char buf[32]);

/* ---- for people (Markdown, HTML, explain) --------------------------------- */

/* Who published document I: its outlet, else its source (never NULL). */
const char *xc_render_outlet(const struct xc_dossier *d, size_t i);

/* The name of story entity M as the dossier shows it (pointer into a
   document's text, length in *N; "?" when every mention is furniture). */
const char *xc_render_name(const struct xc_dossier *d, size_t m, size_t *n);

/* How many distinct outlets the documents name. */
size_t xc_render_outlets(const struct xc_dossier *d);

/* Distinct spellings (pointers into document text), at most XC_FORMS_MAX. */
#define XC_FORMS_MAX 16
typedef struct xc_forms {
    const char *s[XC_FORMS_MAX];
    size_t n[XC_FORMS_MAX];
    size_t count;
} xc_forms;

void xc_forms_add(xc_forms *f, const char *s, size_t n);

/* What the dossier knows of story entity C: its spellings, roles, the
   documents naming it (outside page furniture) and how many times. */
typedef struct xc_profile {
    xc_forms aliases, roles;
    size_t docs[64], ndocs; /* ascending, at most 64 */
    size_t mentions;        /* outside page furniture */
} xc_profile;

void xc_render_profile(const struct xc_dossier *d, size_t c, xc_profile *p);

/* Words for a fact's status ("conflicting") and a claim's modality
   ("prospective"; "" for asserted). */
const char *xc_render_status(int status);
const char *xc_render_modality(int modality);

/* How closely the wordings of a quote group agree, in words ("close"). */
const char *xc_render_wording(double similarity);

/* A sentence of the caveat for fact F in words ("The reports disagree.").
   Static or written into BUF. */
const char *xc_render_caveat(const struct xc_dossier *d, const struct xc_fact *f,
                             char *buf, size_t cap);

/*
 * Marked text: write TEXT[start..end) through PUT in pieces, each with
 * the XC_MARK_* bits that apply: bytes inside [vstart, vend) are the
 * value, bytes inside one of SPANS (absolute offsets, sorted) differ.
 * Pieces are whole runs of one kind; leading and trailing spaces of a
 * marked run are passed unmarked, so markup hugs the words.
 */
enum { XC_MARK_VALUE = 1, XC_MARK_DIFF = 2 };
typedef void (*xc_render_put)(xc_buf *b, const char *s, size_t n, int marks);
void xc_render_marked(xc_buf *b, const char *text, size_t start, size_t end,
                      size_t vstart, size_t vend, const xc_span *spans,
                      size_t nspans, xc_render_put put);

/*
 * The spans (absolute offsets into claim K's document) of the words of
 * fact F's claim K that its comparison claim lacks: claim 0 is compared
 * with claim 1, every other claim with claim 0.  *SPANS is a new array
 * (caller frees; NULL when none).  Fails only with XC_ERR_NOMEM.
 */
xc_code xc_render_claim_diff(const struct xc_dossier *d, const struct xc_fact *f,
                             size_t k, xc_span **spans, size_t *n);

/* The spans of a grouped quote's words that no other quote of the group
   shares (absolute offsets).  Same ownership as xc_render_claim_diff. */
struct xc_qmember;
xc_code xc_render_quote_diff(const struct xc_qmember *m, xc_span **spans, size_t *n);

/* The stretches of a grouped quote worth showing (absolute offsets, in
   order, at most CAP): all of a short quote; of a long one (over 40
   words) the words within six of a word the group shares, the rest to be
   elided.  Returns how many. */
size_t xc_render_quote_windows(const struct xc_qmember *m, xc_span *out, size_t cap);

/* Write B to OUT whole, or fail with XC_ERR_IO (B is freed either way;
   XC_ERR_NOMEM when B lost its data to a failed allocation). */
xc_code xc_render_flush(xc_buf *b, FILE *out, xc_error *err);

#endif
