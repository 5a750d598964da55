/*
 * article.h: what the three parts of the HTML reader share.  html.c turns
 * bytes into a parsed page (encodings) and the chosen blocks into text;
 * article.c measures every element and chooses the blocks that hold the
 * article; htmlmeta.c reads the page's metadata.  Internal; prefix
 * xc_html_.  Every walk over the tree is a loop, never a recursion, so a
 * page nested 100,000 deep costs heap, not stack.
 */
#ifndef XC_ARTICLE_H
#define XC_ARTICLE_H

#include "core/util.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>

/* What an element is to the extractor. */
enum {
    XC_HK_INLINE = 0, /* text-level: a, b, span, ... */
    XC_HK_BLOCK,      /* div, section, p, ...: a paragraph break around it */
    XC_HK_HEADING,    /* h1..h6 */
    XC_HK_ITEM,       /* li, dt, dd: a line of its own */
    XC_HK_CAPTION,    /* figcaption, caption: kept, marked as furniture */
    XC_HK_BREAK,      /* br */
    XC_HK_ROW,        /* tr */
    XC_HK_CELL,       /* td, th */
    XC_HK_DROP        /* script, style, nav, form controls...: never text */
};

/* Why an element is left out (xc_hinfo.junk). */
enum {
    XC_HJ_NONE = 0,
    XC_HJ_TAG,    /* by its tag: script, nav, aside, footer ... */
    XC_HJ_HIDDEN, /* hidden, aria-hidden, display:none */
    XC_HJ_WEAK,   /* a class or id such as menu, byline, tags */
    XC_HJ_STRONG  /* a class or id such as comments, related, share, cookie */
};

/* What the extractor knows of one element; node->_private points here. */
typedef struct xc_hinfo {
    uint32_t text;   /* non-space bytes of text below, junk left out */
    uint32_t link;   /* of which inside links */
    uint32_t good;   /* bytes in paragraphs that read like prose */
    uint32_t commas; /* commas in the text below */
    uint32_t own;    /* text not inside a block below: its own paragraph */
    uint32_t own_link, own_commas;
    float score;     /* paragraph scores gathered from below */
    uint8_t kind;    /* XC_HK_* */
    uint8_t junk;    /* XC_HJ_* */
    int8_t hint;     /* class/id: +1 article-like, -1 furniture-like, 0 */
    uint8_t level;   /* heading level 1..6, else 0 */
    uint8_t blocks;  /* nonzero: a block element below */
    uint8_t keep;    /* chosen for the article (article.c) */
} xc_hinfo;

typedef struct xc_hpage {
    htmlDocPtr doc;
    xmlNode *root, *head, *body;
    xc_hinfo *info;  /* one per element */
    size_t ninfo;
    int strictness;  /* 2: all class hints, 1: strong ones only, 0: none */
} xc_hpage;

/* The element's info, or NULL for a node that has none (not an element,
   or below one that was left out). */
static inline xc_hinfo *xc_html_info(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE ? (xc_hinfo *)n->_private : NULL;
}

/* The kind of element N (XC_HK_*); *LEVEL its heading level or 0. */
int xc_html_kind(const xmlNode *n, int *level);

/* The value of attribute NAME of N, not copied (valid while the page
   lives), "" for one without a value, NULL when absent. */
const char *xc_html_attr(const xmlNode *n, const char *name);

/* Case-insensitive tag name test. */
int xc_html_is(const xmlNode *n, const char *name);

/* The next node after N in document order below ROOT, not entering N's
   children when SKIP; NULL at the end.  The loop every walk uses. */
xmlNode *xc_html_next(const xmlNode *root, xmlNode *n, int skip);

/* Measure every element of PAGE below its body (article.c).  Fails only
   with XC_ERR_NOMEM. */
xc_code xc_html_measure(xc_hpage *page);

/* Choose the blocks of the article: sets info->keep on each top element to
   write, in document order.  Returns how many were chosen (0: none). */
size_t xc_html_choose(xc_hpage *page);

/* Should the writer leave out element N inside a chosen block (link lists,
   furniture)?  (article.c) */
int xc_html_skip(const xc_hpage *page, const xmlNode *n);

/*
 * The text writer (html.c): collapses white space, writes paragraph breaks
 * as blank lines and line breaks as newlines, holds a heading back until
 * text follows it, and records caption spans.
 */
typedef struct xc_hout {
    xc_buf b;
    xc_spans captions;
    int need;          /* break before the next text: 0 none, 1 line, 2 paragraph */
    int space;         /* a space before the next text */
    int para_open;     /* text written since the last break */
    size_t para;       /* where the open line or paragraph began */
    size_t para_sep;   /* ... and its separator */
    size_t mark;       /* where headings not yet followed by text begin */
    int mark_level;    /* the rank of the first of them */
    int heading;       /* inside a heading */
    int in_caption;    /* inside a caption */
    size_t caption_at; /* where the caption began */
    xc_code rc;
} xc_hout;

void xc_html_out_init(xc_hout *o, size_t max);
void xc_html_out_free(xc_hout *o);

/* Write element ROOT's text to O, leaving out what xc_html_skip says when
   PAGE is not NULL. */
void xc_html_write(const xc_hpage *page, xmlNode *root, xc_hout *o);

/* Finish: drop furniture-only paragraphs at the ends, trim.  */
void xc_html_out_end(xc_hout *o);

/* Write a string of text (JSON-LD articleBody): paragraphs at blank or
   single newlines, HTML markup inside parsed as a fragment. */
void xc_html_write_string(const char *s, xc_hout *o);

/* Metadata (htmlmeta.c) ---------------------------------------------------- */

/* Read the page's metadata into DOC (title, outlet, authors, published,
   modified, language, url) and, when JSON-LD holds one, the articleBody
   into *BODY (caller frees; NULL when none).  Fails only with XC_ERR_NOMEM. */
xc_code xc_html_meta(const xc_hpage *page, xc_doc *doc, char **body);

/* S with white space collapsed and trimmed, or NULL when empty (caller frees). */
char *xc_html_clean(const char *s);

#endif
