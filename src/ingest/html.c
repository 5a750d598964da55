/*
 * html.c: the minimal HTML reader.  It parses a page with libxml2's
 * tolerant HTML parser (no network, no external entities) and keeps the
 * text of the body's blocks, one paragraph each, leaving out scripts,
 * styles, navigation, forms, asides and other page furniture by tag.  The
 * full article extractor (scoring blocks, structured data) is a later
 * stage; this one exists so that a saved page can be read at all.
 */
#include "core/util.h"
#include "ingest/ingest.h"
#include "text/text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static int name_is(const xmlNode *n, const char *name)
{
    return n->name && xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static int name_in(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (name_is(n, *names))
            return 1;
    return 0;
}

static const char *const skip_tags[] = {
    "script", "style", "noscript", "nav", "form", "aside", "iframe", "svg",
    "template", "button", "select", "textarea", "head", "footer", "object",
    "embed", "canvas", "menu", NULL};

static const char *const block_tags[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
    "figcaption", "tr", "article", "section", "header", "main", "pre", "ul",
    "ol", "table", "figure", "dd", "dt", "address", "hr", NULL};

typedef struct emit {
    xc_buf b;
    int need_break; /* a block ended: start a new paragraph before text */
    int space;      /* whitespace pending inside the paragraph */
    xc_code rc;
} emit;

static void emit_text(emit *o, const char *s)
{
    for (; *s && o->rc == XC_OK; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            o->space = 1;
            continue;
        }
        if (o->need_break) {
            if (o->b.len)
                o->rc = xc_buf_append(&o->b, "\n\n", 2);
            o->need_break = 0;
            o->space = 0;
        } else if (o->space && o->b.len) {
            o->rc = xc_buf_append(&o->b, " ", 1);
        }
        o->space = 0;
        if (o->rc == XC_OK)
            o->rc = xc_buf_append(&o->b, s, 1);
    }
}

/* Walk the tree without recursion, so that nesting depth costs no stack. */
static void walk(xmlNode *root, emit *o)
{
    xmlNode *n = root;
    while (n && o->rc == XC_OK) {
        int descend = 0;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                emit_text(o, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            if (name_in(n, skip_tags)) {
                descend = 0;
            } else {
                if (name_in(n, block_tags) || name_is(n, "br"))
                    o->need_break = 1;
                descend = n->children != NULL;
            }
        }
        if (descend) {
            n = n->children;
            continue;
        }
        /* next sibling, or climb until one exists */
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n && n->type == XML_ELEMENT_NODE && name_in(n, block_tags))
                o->need_break = 1;
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
}

static xmlNode *find_first(xmlNode *root, const char *name)
{
    xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && name_is(n, name))
            return n;
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            return NULL;
        n = n->next;
    }
    return NULL;
}

/* The trimmed, whitespace-collapsed text of a string, or NULL if empty. */
static char *clean(const char *s)
{
    emit o;
    if (!s)
        return NULL;
    xc_buf_init(&o.b, 4096);
    o.need_break = 0;
    o.space = 0;
    o.rc = XC_OK;
    emit_text(&o, s);
    if (o.rc != XC_OK || o.b.len == 0 ||
        xc_utf8_valid_prefix(o.b.data, o.b.len) != o.b.len) {
        xc_buf_free(&o.b);
        return NULL;
    }
    return xc_buf_take(&o.b, NULL);
}

/* The content of <meta property|name=KEY content=...>, or NULL. */
static char *meta(xmlNode *head, const char *key)
{
    for (xmlNode *n = head ? head->children : NULL; n; n = n->next) {
        xmlChar *k, *v;
        char *res = NULL;
        if (n->type != XML_ELEMENT_NODE || !name_is(n, "meta"))
            continue;
        k = xmlGetProp(n, (const xmlChar *)"property");
        if (!k)
            k = xmlGetProp(n, (const xmlChar *)"name");
        if (k && xmlStrcasecmp(k, (const xmlChar *)key) == 0) {
            v = xmlGetProp(n, (const xmlChar *)"content");
            res = clean((const char *)v);
            xmlFree(v);
        }
        xmlFree(k);
        if (res)
            return res;
    }
    return NULL;
}

static char *date_of(char *s)
{
    if (s && strlen(s) >= 10) {
        s[10] = '\0';
        if (xc_date_valid(s))
            return s;
    }
    free(s);
    return NULL;
}

static xc_code html_read(xc_doc *doc, const char *bytes, size_t n, size_t max,
                        xc_error *err)
{
    htmlDocPtr page;
    xmlNode *root, *head, *body, *title;
    emit o;
    xc_decoded dec;
    xc_code rc;

    if (n > (size_t)0x7fffffff)
        return xc_fail(err, XC_ERR_TOO_BIG, "page is too large");
    page = htmlReadMemory(bytes, (int)n, NULL, NULL,
                          HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                              HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
    if (!page || !(root = xmlDocGetRootElement(page))) {
        if (page)
            xmlFreeDoc(page);
        return xc_fail(err, XC_ERR_PARSE, "not an HTML page that can be read");
    }
    head = find_first(root, "head");
    body = find_first(root, "body");
    xc_buf_init(&o.b, max);
    o.need_break = 0;
    o.space = 0;
    o.rc = XC_OK;
    walk(body ? body : root, &o);
    if (o.rc != XC_OK) {
        xmlFreeDoc(page);
        xc_buf_free(&o.b);
        return xc_fail(err, o.rc, o.rc == XC_ERR_TOO_BIG
                                      ? "page text is over the limit of %zu bytes"
                                      : "out of memory (%zu)", max);
    }
    rc = xc_text_decode(o.b.data ? o.b.data : "", o.b.len, &dec, err);
    xc_buf_free(&o.b);
    if (rc != XC_OK) {
        xmlFreeDoc(page);
        if (rc == XC_ERR_EMPTY)
            return xc_fail(err, rc, "the page has no text");
        return rc;
    }
    doc->text = dec.text;
    doc->len = dec.len;
    doc->title = meta(head, "og:title");
    if (!doc->title && (title = find_first(root, "title"))) {
        xmlChar *t = xmlNodeGetContent(title);
        doc->title = clean((const char *)t);
        xmlFree(t);
    }
    doc->outlet = meta(head, "og:site_name");
    doc->published = date_of(meta(head, "article:published_time"));
    doc->url = meta(head, "og:url");
    {
        xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
        char *l = clean((const char *)lang);
        xmlFree(lang);
        if (l && strlen(l) < 36 && strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789") == strlen(l))
            doc->language = l;
        else
            free(l);
    }
    xmlFreeDoc(page);
    return XC_OK;
}

xc_code xc_html_to_doc(const char *source, const char *bytes, size_t n,
                       const char *charset_hint, const xc_read_opts *opts,
                       xc_doc **out, xc_error *err)
{
    xc_read_opts none = {0};
    size_t max;
    xc_doc *doc;
    xc_code rc;

    (void)charset_hint;
    *out = NULL;
    xc_error_clear(err);
    if (!opts)
        opts = &none;
    max = opts->max_bytes ? opts->max_bytes : XC_DEFAULT_MAX_BYTES;
    if (n > max)
        return xc_fail(err, XC_ERR_TOO_BIG,
                       "%zu bytes is over the limit of %zu bytes per document",
                       n, max);
    if (!(doc = xc_doc_new()) || !(doc->source = xc_strdup(source ? source : "-"))) {
        xc_doc_free(doc);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    rc = html_read(doc, bytes, n, max, err);
    if (rc == XC_OK && opts->title) {
        free(doc->title);
        if (!(doc->title = xc_strdup(opts->title)))
            rc = XC_ERR_NOMEM;
    }
    if (rc == XC_OK && opts->outlet) {
        free(doc->outlet);
        if (!(doc->outlet = xc_strdup(opts->outlet)))
            rc = XC_ERR_NOMEM;
    }
    if (rc == XC_OK && opts->published) {
        free(doc->published);
        if (!(doc->published = xc_strdup(opts->published)))
            rc = XC_ERR_NOMEM;
    }
    if (rc == XC_OK && !doc->language && !(doc->language = xc_strdup("en")))
        rc = XC_ERR_NOMEM;
    if (rc != XC_OK) {
        xc_doc_free(doc);
        if (rc == XC_ERR_NOMEM)
            xc_fail(err, rc, "out of memory");
        return rc;
    }
    doc->hash = XXH64(doc->text, doc->len, 0);
    *out = doc;
    return XC_OK;
}
