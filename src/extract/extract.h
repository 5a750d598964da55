/*
 * extract.h: the per-document analysis stage (DESIGN.md: analyze).  Each
 * extractor reads one document (its text, boilerplate spans, publication
 * date) and its tokens, and appends what it finds, every item with byte
 * offsets into the text.  Extractors never look at other documents, so
 * documents can be analysed in parallel.  Items inside boilerplate spans are
 * not reported.  Internal; prefix xc_ plus the extractor.
 */
#ifndef XC_EXTRACT_H
#define XC_EXTRACT_H

#include "crosscheck.h"
#include "text/text.h"

#include <stdint.h>

/* ---- Times ------------------------------------------------------------- */

typedef enum xc_anchor {
    XC_ANCHOR_EXPLICIT = 0, /* the text names the date */
    XC_ANCHOR_PUBLISHED,    /* relative to the document's publication date */
    XC_ANCHOR_STORY,        /* from other documents of the story (set later) */
    XC_ANCHOR_NONE          /* could not be resolved */
} xc_anchor;

typedef struct xc_time {
    size_t start, end; /* the expression, e.g. "on Friday" -> "Friday" or
                          "on Friday": see times.c for the span rule */
    char value[11];    /* TIMEX3 date: "2026-02-13", "2026-02", "2026",
                          "XXXX-02-13"; "" when it cannot be resolved (null) */
    uint8_t anchor;    /* xc_anchor */
} xc_time;

typedef struct xc_times {
    xc_time *v;
    size_t n, cap;
} xc_times;

/*
 * Find the dates in DOC (tokens TK from xc_tokenize of DOC's text) and
 * append them to OUT in text order.  Relative expressions resolve against
 * DOC->published when it is a full date; otherwise their value keeps XXXX
 * or is empty, never a guess.  Fails only with XC_ERR_NOMEM.
 */
xc_code xc_times_find(const xc_doc *doc, const xc_tokens *tk, xc_times *out);
void xc_times_free(xc_times *t);

/* ---- Quantities -------------------------------------------------------- */

typedef enum xc_bound {
    XC_BOUND_EXACT = 0,
    XC_BOUND_AT_LEAST,
    XC_BOUND_AT_MOST,
    XC_BOUND_ABOUT
} xc_bound;

typedef struct xc_quantity {
    size_t start, end;         /* the amount with its bound words: "at least 19" */
    double value;              /* 19 */
    uint8_t bound;             /* xc_bound */
    size_t obj_start, obj_end; /* the counted object as words of the sentence
                                  ("other Armenians who remain in custody");
                                  obj_start == obj_end when unknown */
    char duration[16];         /* ISO 8601 duration when the amount is one
                                  ("20 years" -> "P20Y", life -> ""), else "" */
} xc_quantity;

typedef struct xc_quantities {
    xc_quantity *v;
    size_t n, cap;
} xc_quantities;

/*
 * Find the counted or measured amounts in DOC and append them to OUT in
 * text order.  Years, dates, ordinals in names ("France 24", "World War
 * II") and list markers are not quantities.  Fails only with XC_ERR_NOMEM.
 */
xc_code xc_quantities_find(const xc_doc *doc, const xc_tokens *tk,
                           xc_quantities *out);
void xc_quantities_free(xc_quantities *q);

/* ---- Quotations ------------------------------------------------------ */

typedef enum xc_quote_kind {
    XC_QUOTE_DIRECT = 0, /* a full quotation */
    XC_QUOTE_PARTIAL,    /* a quoted fragment inside reported speech */
    XC_QUOTE_ANSWER,     /* an interviewee's turn in a transcript */
    XC_QUOTE_QUESTION    /* an interviewer's turn in a transcript */
} xc_quote_kind;

typedef struct xc_quote {
    size_t start, end;         /* the quoted words without the marks; a
                                  quotation over several paragraphs runs
                                  from the first word to the last */
    size_t spk_start, spk_end; /* the words that name the speaker where the
                                  quote is attributed ("he", "Aliyev",
                                  "government sources"); equal when none */
    size_t ref_start, ref_end; /* the name the speaker resolves to: the same
                                  words for a name, the antecedent name for
                                  a pronoun or a title ("the president");
                                  equal when unnamed or unresolved */
    uint8_t kind;              /* xc_quote_kind */
} xc_quote;

typedef struct xc_quotes {
    xc_quote *v;
    size_t n, cap;
} xc_quotes;

/*
 * Find the quotations in DOC and append them to OUT in text order, with
 * their speakers where the text says who spoke.  Names, titles and scare
 * quotes in quotation marks are not quotations.  Fails only with
 * XC_ERR_NOMEM.
 */
xc_code xc_quotes_find(const xc_doc *doc, const xc_tokens *tk, xc_quotes *out);
void xc_quotes_free(xc_quotes *q);

/* ---- Entities --------------------------------------------------------- */

typedef enum xc_ent_type {
    XC_ENT_PERSON = 0,
    XC_ENT_ORG,
    XC_ENT_PLACE,
    XC_ENT_OTHER
} xc_ent_type;

typedef struct xc_mention {
    size_t start, end;   /* the name as written, without a possessive 's */
    uint32_t entity;     /* the document's entity it names (0-based) */
    uint8_t type;        /* xc_ent_type */
    uint8_t boilerplate; /* inside page furniture */
} xc_mention;

typedef struct xc_role {
    size_t start, end; /* "Armenian parliament speaker" */
    uint32_t entity;
} xc_role;

typedef struct xc_entities {
    xc_mention *m; /* in text order */
    size_t nm, capm;
    xc_role *r;    /* in text order */
    size_t nr, capr;
    uint32_t nentities;
} xc_entities;

/*
 * Find the names in DOC with the statistical tagger (its model and the
 * role lexicons load once per process from the data files), link short
 * forms to full names within the document, and attach roles.  Replaces
 * OUT's contents.  Fails when the model cannot be loaded (err says which
 * file) or memory runs out.
 */
xc_code xc_entities_find(const xc_doc *doc, const xc_tokens *tk,
                         xc_entities *out, xc_error *err);
void xc_entities_free(xc_entities *e);

/* The entity with a mention overlapping [start,end) (a person first), or -1. */
int32_t xc_entities_at(const xc_entities *e, size_t start, size_t end);

#endif
