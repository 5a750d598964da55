/*
 * feed.c: RSS and Atom feeds.  A feed is read whole (it is under the size
 * cap) with libxml2's XML parser and each item becomes a document: the
 * item's HTML content (content:encoded, else description; Atom content,
 * else summary) made into text by the HTML reader, or with --follow the
 * page at the item's link.  The item gives what the text may not: title,
 * date, authors, link, and the outlet (the item's <source>, else the
 * feed's title).
 *
 * Feeds come from strangers, so the parser runs with the network off, no
 * DTD loaded, entities not substituted (XML_PARSE_NOENT off: an external
 * entity such as SYSTEM "file:///etc/passwd" is never read) and libxml2's
 * limits on (XML_PARSE_HUGE off), which stop an entity-expansion bomb and
 * nesting past 256 levels at once; such a feed is refused whole.  Other
 * breakage (an undefined &nbsp;, a stray tag) is recovered from with a
 * warning.  Entity references other than the five predefined ones are
 * dropped from the text.
 */
#include "core/util.h"
#include "ingest/ingest.h"
#include "text/text.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char NS_CONTENT[] = "http://purl.org/rss/1.0/modules/content/";
static const char NS_DC[] = "http://purl.org/dc/elements/1.1/";

/* ---- sniffing -------------------------------------------------------------- */

/* Whether S[0..N) holds NEEDLE (length M) as an element name: "<rss" then
   a space, ">" or "/". */
static int has_tag(const char *s, size_t n, const char *tag)
{
    size_t m = strlen(tag);
    for (size_t i = 0; i + m < n; i++)
        if (s[i] == '<' && strncmp(s + i + 1, tag, m - 1) == 0 &&
            strchr(" \t\r\n>/", s[i + m]))
            return 1;
    return 0;
}

int xc_feed_sniff(const char *head, size_t n)
{
    return has_tag(head, n, "<rss") || has_tag(head, n, "<feed") ||
           has_tag(head, n, "<rdf:RDF");
}

/* ---- small tree helpers ------------------------------------------------------ */

static int is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE &&
           strcmp((const char *)n->name, name) == 0;
}

static int in_ns(const xmlNode *n, const char *uri)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, uri) == 0;
}

/* An element of the feed's own vocabulary: no namespace, or the default one
   (RSS 1.0 puts its elements in one), not an extension's prefixed one. */
static int own(const xmlNode *n)
{
    return !n->ns || !n->ns->prefix;
}

static xmlNode *child(const xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent->children; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

/*
 * The text of N: its text and CDATA descendants in order, entity
 * references skipped, whitespace collapsed and trimmed when COLLAPSE.
 * A new string (caller frees), NULL when empty or out of memory.  The
 * walk is iterative: libxml2 caps the depth, this keeps the stack flat.
 */
static char *text_of(const xmlNode *n, int collapse)
{
    xc_buf b;
    const xmlNode *c;
    int space = 0;
    if (!n)
        return NULL;
    xc_buf_init(&b, 0);
    c = n->children;
    while (c) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            c->content) {
            for (const char *p = (const char *)c->content; *p; p++) {
                int ws = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
                if (collapse && ws) {
                    space = 1;
                    continue;
                }
                if (space && b.len)
                    xc_buf_append(&b, " ", 1);
                space = 0;
                xc_buf_append(&b, p, 1);
            }
        }
        if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (c != n && !c->next)
            c = c->parent;
        if (c == n)
            break;
        c = c->next;
    }
    if (!b.len) {
        xc_buf_free(&b);
        return NULL;
    }
    return xc_buf_take(&b, NULL);
}

static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = v ? xc_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* libxml2's serializer reports text that is not UTF-8 ("element content:
   output error : string is not in UTF-8") on its generic error channel,
   which prints to stderr without saying which file: the feed's problems
   are reported by the reader, with the file's name, instead. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

/* The markup inside N serialized, for Atom's type="xhtml" content. */
static char *inner_xml(xmlNode *n)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlGenericErrorFunc old = xmlGenericError;
    void *oldctx = xmlGenericErrorContext;
    char *s = NULL;
    if (!buf)
        return NULL;
    /* per thread in libxml2, so other threads keep theirs */
    xmlSetGenericErrorFunc(NULL, quiet);
    for (xmlNode *c = n->children; c; c = c->next)
        xmlNodeDump(buf, n->doc, c, 0, 0);
    xmlSetGenericErrorFunc(oldctx, old);
    if (xmlBufferLength(buf) > 0)
        s = xc_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return s;
}

/*
 * The text of a short piece of HTML such as a title marked type="html":
 * tags dropped, the common entities decoded, whitespace collapsed.  Takes
 * S (freed); returns a new string or NULL.
 */
static char *strip_tags(char *s)
{
    static const struct {
        const char *name, *text;
    } ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
    char *out = s;
    const char *p = s;
    int space = 0;
    while (*p) {
        size_t k;
        if (*p == '<') {
            const char *close = strchr(p, '>');
            if (!close)
                break;
            p = close + 1;
            continue;
        }
        for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
            if (strncmp(p, ents[k].name, strlen(ents[k].name)) == 0)
                break;
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
            (k < sizeof ents / sizeof ents[0] && ents[k].text[0] == ' ')) {
            space = 1;
            p += k < sizeof ents / sizeof ents[0] ? strlen(ents[k].name) : 1;
            continue;
        }
        if (space && out > s)
            *out++ = ' ';
        space = 0;
        if (k < sizeof ents / sizeof ents[0]) {
            *out++ = ents[k].text[0];
            p += strlen(ents[k].name);
        } else {
            *out++ = *p++;
        }
    }
    *out = '\0';
    if (out == s) {
        free(s);
        return NULL;
    }
    return s;
}

/* ---- dates --------------------------------------------------------------- */

/* "2026-11-21..." -> "2026-11-21" when the first ten characters are a date. */
static char *iso_date(const char *s)
{
    char d[11];
    while (*s == ' ')
        s++;
    if (strlen(s) < 10)
        return NULL;
    memcpy(d, s, 10);
    d[10] = '\0';
    return xc_date_valid(d) ? xc_strdup(d) : NULL;
}

/*
 * An RFC 822 date as RSS writes it ("Sat, 21 Nov 2026 14:05:00 +0100",
 * the day name optional, a two-digit year read as 19xx from 50 on) as
 * YYYY-MM-DD.  The date is the one the feed states, in its own time zone.
 */
static char *rfc822_date(const char *s)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    char d[32];
    char *end;
    long day, year;
    int month = 0;
    const char *comma = strchr(s, ',');
    if (comma)
        s = comma + 1;
    while (*s == ' ')
        s++;
    day = strtol(s, &end, 10);
    if (end == s || day < 1 || day > 31)
        return NULL;
    s = end;
    while (*s == ' ')
        s++;
    for (int m = 0; m < 12; m++)
        if (strncasecmp(s, months + 3 * m, 3) == 0)
            month = m + 1;
    if (!month)
        return NULL;
    while (*s && *s != ' ')
        s++;
    year = strtol(s, &end, 10);
    if (end == s)
        return NULL;
    if (end - s <= 3 && year < 100)
        year += year < 50 ? 2000 : 1900;
    if (year < 1000 || year > 9999)
        return NULL;
    snprintf(d, sizeof d, "%04ld-%02d-%02ld", year, month, day);
    return xc_date_valid(d) ? xc_strdup(d) : NULL;
}

static char *date_of(const xmlNode *n)
{
    char *s = text_of(n, 1), *d = NULL;
    if (s && !(d = iso_date(s)))
        d = rfc822_date(s);
    free(s);
    return d;
}

/* ---- items ------------------------------------------------------------------ */

typedef struct item {
    char *title, *link, *published, *outlet, *authors, *language;
    char *content; /* the item's text: HTML unless plain */
    int plain;     /* content is plain text (Atom type="text") */
} item;

static void item_free(item *it)
{
    free(it->title);
    free(it->link);
    free(it->published);
    free(it->outlet);
    free(it->authors);
    free(it->language);
    free(it->content);
    memset(it, 0, sizeof *it);
}

/* "jane@example.com (Jane Doe)" -> "Jane Doe"; a plain name stays. */
static char *author_name(char *s)
{
    char *open, *close;
    if (s && (open = strchr(s, '(')) && (close = strrchr(s, ')')) && close > open + 1) {
        char *name = xc_strndup(open + 1, (size_t)(close - open - 1));
        free(s);
        return name;
    }
    if (s && strchr(s, '@') && !strchr(s, ' ')) {
        free(s); /* a bare address is no name */
        return NULL;
    }
    return s;
}

static void add_author(item *it, char *name)
{
    if (!name)
        return;
    if (!it->authors) {
        it->authors = name;
        return;
    }
    {
        xc_buf b;
        xc_buf_init(&b, 0);
        if (xc_buf_printf(&b, "%s; %s", it->authors, name) == XC_OK) {
            free(it->authors);
            it->authors = xc_buf_take(&b, NULL);
        } else {
            xc_buf_free(&b);
        }
        free(name);
    }
}

/*
 * LINK (taken) made absolute against the base of node N: its xml:base,
 * else the feed's own URL.  A link that cannot be resolved stays as it is.
 */
static char *absolute(const xmlNode *n, char *link)
{
    xmlChar *base, *abs;
    char *s;
    if (!link || xc_is_url(link))
        return link;
    base = xmlNodeGetBase(n->doc, n);
    abs = base ? xmlBuildURI((const xmlChar *)link, base) : NULL;
    xmlFree(base);
    if (!abs)
        return link;
    s = xc_strdup((const char *)abs);
    xmlFree(abs);
    if (!s)
        return link;
    free(link);
    return s;
}

/* Keep the first non-NULL value for a field. */
static void keep(char **field, char *value)
{
    if (!*field)
        *field = value;
    else
        free(value);
}

static void rss_item(const xmlNode *n, item *it)
{
    char *desc = NULL, *encoded = NULL, *guid = NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(c, "encoded") && in_ns(c, NS_CONTENT))
            keep(&encoded, text_of(c, 0));
        else if (is_el(c, "title") && own(c))
            keep(&it->title, text_of(c, 1));
        else if (is_el(c, "link") && own(c))
            keep(&it->link, absolute(c, text_of(c, 1)));
        else if (is_el(c, "guid")) {
            char *perma = attr(c, "isPermaLink");
            if (!perma || strcmp(perma, "false") != 0)
                keep(&guid, text_of(c, 1));
            free(perma);
        } else if (is_el(c, "description") && own(c))
            keep(&desc, text_of(c, 0));
        else if ((is_el(c, "pubDate") && own(c)) || (is_el(c, "date") && in_ns(c, NS_DC)))
            keep(&it->published, date_of(c));
        else if (is_el(c, "source") && own(c))
            keep(&it->outlet, text_of(c, 1));
        else if ((is_el(c, "author") && own(c)) || (is_el(c, "creator") && in_ns(c, NS_DC)))
            add_author(it, author_name(text_of(c, 1)));
        else if (is_el(c, "language") && in_ns(c, NS_DC))
            keep(&it->language, text_of(c, 1));
    }
    if (!it->link && guid && xc_is_url(guid))
        it->link = guid, guid = NULL;
    free(guid);
    if (encoded) {
        it->content = encoded;
        free(desc);
    } else {
        it->content = desc;
    }
}

/* Atom's text constructs: type text (default), html, or xhtml. */
static char *atom_text(xmlNode *n, int *plain)
{
    char *type = attr(n, "type"), *s;
    *plain = 0;
    if (type && strcmp(type, "xhtml") == 0) {
        xmlNode *div = child(n, "div");
        s = inner_xml(div ? div : n);
    } else if (type && (strcmp(type, "html") == 0 || strstr(type, "html"))) {
        s = text_of(n, 0);
    } else {
        s = text_of(n, 0);
        *plain = 1;
    }
    free(type);
    return s;
}

static void atom_entry(xmlNode *n, item *it)
{
    char *content = NULL, *summary = NULL, *updated = NULL;
    int content_plain = 0, summary_plain = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(c, "title")) {
            int plain;
            char *t = atom_text(c, &plain);
            if (t && !plain)
                t = strip_tags(t);
            keep(&it->title, t);
        } else if (is_el(c, "link")) {
            char *rel = attr(c, "rel");
            if (!rel || strcmp(rel, "alternate") == 0)
                keep(&it->link, absolute(c, attr(c, "href")));
            free(rel);
        } else if (is_el(c, "published")) {
            keep(&it->published, date_of(c));
        } else if (is_el(c, "updated")) {
            keep(&updated, date_of(c));
        } else if (is_el(c, "content") && !content) {
            char *src = attr(c, "src");
            if (src && !it->link && xc_is_url(src))
                it->link = src, src = NULL;
            free(src);
            content = atom_text(c, &content_plain);
        } else if (is_el(c, "summary") && !summary) {
            summary = atom_text(c, &summary_plain);
        } else if (is_el(c, "author")) {
            add_author(it, text_of(child(c, "name"), 1));
        } else if (is_el(c, "source")) {
            keep(&it->outlet, text_of(child(c, "title"), 1));
        }
    }
    keep(&it->published, updated);
    if (content) {
        it->content = content;
        it->plain = content_plain;
        free(summary);
    } else {
        it->content = summary;
        it->plain = summary_plain;
    }
    {
        xmlChar *lang = xmlNodeGetLang(n);
        if (lang)
            keep(&it->language, xc_strdup((const char *)lang));
        xmlFree(lang);
    }
}

/* ---- items to documents -------------------------------------------------------- */

/* Set *FIELD to a copy of VALUE when VALUE is given and REPLACE or the
   field is empty. */
static xc_code fill(char **field, const char *value, int replace)
{
    char *copy;
    if (!value || (*field && !replace))
        return XC_OK;
    if (!(copy = xc_strdup(value)))
        return XC_ERR_NOMEM;
    free(*field);
    *field = copy;
    return XC_OK;
}

static int language_ok(const char *l)
{
    size_t n = l ? strlen(l) : 0;
    return n >= 2 && n < 36 &&
           strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789") == n;
}

/*
 * Give DOC the item's metadata.  The user's overrides (already applied)
 * always stay; otherwise the item's values win over what was read from an
 * item's content (ITEM_FIRST), and fill only the gaps of a fetched page.
 */
static xc_code item_meta(xc_doc *doc, const item *it, const xc_read_opts *o,
                         int item_first)
{
    xc_code rc = XC_OK;
    if (!o->title)
        rc = fill(&doc->title, it->title, item_first);
    if (rc == XC_OK && !o->outlet)
        rc = fill(&doc->outlet, it->outlet, item_first);
    if (rc == XC_OK && !o->published)
        rc = fill(&doc->published, it->published, item_first);
    if (rc == XC_OK)
        rc = fill(&doc->authors, it->authors, item_first);
    if (rc == XC_OK)
        rc = fill(&doc->url, it->link, item_first);
    if (rc == XC_OK && language_ok(it->language))
        rc = fill(&doc->language, it->language, item_first);
    return rc;
}

/* The page at the item's link, or NULL with a reason in ERR. */
static xc_doc *follow_link(xc_reader *r, const item *it, xc_error *err)
{
    xc_fetcher *f = xc_reader_fetcher(r, err);
    xc_fetched got;
    xc_doc *doc = NULL;
    if (!f)
        return NULL;
    if (!xc_is_url(it->link)) {
        xc_fail(err, XC_ERR_ARG, "the link %s is not an http(s) URL", it->link);
        return NULL;
    }
    if (xc_fetch(f, it->link, xc_reader_opts(r), xc_reader_max(r), &got, err) != XC_OK)
        return NULL;
    if (xc_fetch_format(got.type) != XC_FORMAT_HTML && got.type) {
        xc_fail(err, XC_ERR_ARG, "the link is %s, not an HTML page", got.type);
    } else if (xc_html_to_doc(it->link, got.body, got.len, got.charset,
                              xc_reader_opts(r), &doc, err) == XC_OK) {
        if (fill(&doc->url, got.url, 1) != XC_OK) {
            xc_doc_free(doc);
            doc = NULL;
            xc_fail(err, XC_ERR_NOMEM, "out of memory");
        }
    }
    xc_fetched_free(&got);
    return doc;
}

/* Make and deliver the document of item number NUM.  Returns nonzero to stop. */
static int deliver_item(xc_reader *r, const char *feed, size_t num,
                        const item *it)
{
    const xc_read_opts *o = xc_reader_opts(r);
    char where[4200], note[1200] = "";
    xc_error err;
    xc_doc *doc = NULL;
    int finished = 1, item_first = 1;
    xc_code rc;

    snprintf(where, sizeof where, "%s#item-%zu", feed, num);
    if (o->follow && it->link) {
        xc_error ferr;
        if ((doc = follow_link(r, it, &ferr)) != NULL) {
            item_first = 0;
            if (ferr.msg[0])
                snprintf(note, sizeof note, "%s", ferr.msg);
        } else if (it->content) {
            snprintf(note, sizeof note, "%s: %s; read the feed's text instead",
                     it->link, ferr.msg);
        } else {
            snprintf(note, sizeof note, "%s: %s", it->link, ferr.msg);
            xc_reader_problem(r, where, ferr.code, note, 0);
            return 0;
        }
    }
    if (!doc && (!it->content || !it->content[strspn(it->content, " \t\r\n")])) {
        xc_reader_problem(r, where, XC_ERR_EMPTY, "the item has no text", 0);
        return 0;
    }
    if (!doc && it->plain) {
        xc_decoded dec;
        rc = xc_text_decode(it->content, strlen(it->content), &dec, &err);
        if (rc != XC_OK) {
            xc_reader_problem(r, where, rc,
                              rc == XC_ERR_EMPTY ? "the item has no text" : err.msg, 0);
            return rc == XC_ERR_NOMEM;
        }
        if (!(doc = xc_doc_new()) || !(doc->source = xc_strdup(where))) {
            free(dec.text);
            xc_doc_free(doc);
            xc_reader_problem(r, where, XC_ERR_NOMEM, "out of memory", 0);
            return 1;
        }
        doc->text = dec.text;
        doc->len = dec.len;
        finished = 0;
    } else if (!doc) {
        rc = xc_html_to_doc(where, it->content, strlen(it->content), "UTF-8",
                            o, &doc, &err);
        if (rc != XC_OK) {
            xc_reader_problem(r, where, rc,
                              rc == XC_ERR_EMPTY ? "the item has no text" : err.msg, 0);
            return rc == XC_ERR_NOMEM;
        }
    }
    if (item_meta(doc, it, o, item_first) != XC_OK) {
        xc_doc_free(doc);
        xc_reader_problem(r, where, XC_ERR_NOMEM, "out of memory", 0);
        return 1;
    }
    return xc_reader_deliver(r, doc, finished, note);
}

/* ---- the feed -------------------------------------------------------------- */

/* Parse BYTES as XML under libxml2's limits; NULL with a reason in ERR when
   the feed must be refused, a warning left in ERR when it was recovered. */
static xmlDoc *parse(const char *source, const char *bytes, size_t n,
                     xc_error *err)
{
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    const xmlError *e;
    if (n > (size_t)0x7fffffff) {
        xc_fail(err, XC_ERR_TOO_BIG, "feed is too large");
        return NULL;
    }
    if (!(ctxt = xmlNewParserCtxt())) {
        xc_fail(err, XC_ERR_NOMEM, "out of memory");
        return NULL;
    }
    /* the URL is the base of relative links; nothing is loaded from it */
    doc = xmlCtxtReadMemory(ctxt, bytes, (int)n, xc_is_url(source) ? source : NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_RECOVER |
                                XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA);
    e = xmlCtxtGetLastError(ctxt);
    /* in recovery mode only a limit halts the parser */
    if (doc && ((ctxt->disableSAX && e) || !xmlDocGetRootElement(doc))) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!doc) {
        if (e && e->code == XML_ERR_ENTITY_LOOP)
            xc_fail(err, XC_ERR_PARSE, "entities expand past libxml2's limits "
                    "(an entity-expansion bomb?); feed refused");
        else if (e && e->message && strstr(e->message, "Excessive depth"))
            xc_fail(err, XC_ERR_PARSE, "elements nested more than %d deep; "
                    "feed refused", 256);
        else if (e && e->message)
            xc_fail(err, XC_ERR_PARSE, "not XML that can be read (line %d: %.*s)",
                    e->line, (int)strcspn(e->message, "\n"), e->message);
        else
            xc_fail(err, XC_ERR_PARSE, "not XML that can be read");
    } else if (!ctxt->wellFormed && e && e->message) {
        xc_fail(err, XC_OK, "the feed is not well-formed XML (line %d: %.*s); "
                "read what could be", e->line,
                (int)strcspn(e->message, "\n"), e->message);
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

void xc_feed_read(xc_reader *r, const char *source, const char *bytes, size_t n)
{
    xc_error err;
    xmlDoc *xml;
    xmlNode *root, *channel = NULL, *list;
    char *feed_title = NULL, *feed_lang = NULL;
    size_t num = 0;
    int atom;

    xc_error_clear(&err);
    if (!(xml = parse(source, bytes, n, &err))) {
        xc_reader_problem(r, source, err.code, err.msg, 0);
        return;
    }
    if (err.msg[0])
        xc_reader_problem(r, source, XC_OK, err.msg, 1);
    root = xmlDocGetRootElement(xml);
    atom = is_el(root, "feed");
    if (is_el(root, "rss") || is_el(root, "RDF"))
        channel = child(root, "channel");
    if (!atom && !channel) {
        xc_reader_problem(r, source, XC_ERR_PARSE,
                          "XML, but not an RSS or Atom feed", 0);
        xmlFreeDoc(xml);
        return;
    }
    feed_title = text_of(child(atom ? root : channel, "title"), 1);
    if (!atom)
        feed_lang = text_of(child(channel, "language"), 1);
    /* RSS 2.0 keeps items in the channel, RSS 1.0 beside it */
    list = atom || is_el(root, "RDF") ? root : channel;
    for (xmlNode *c = list->children; c && !xc_reader_stopped(r); c = c->next) {
        item it = {0};
        if (atom && is_el(c, "entry"))
            atom_entry(c, &it);
        else if (!atom && is_el(c, "item"))
            rss_item(c, &it);
        else
            continue;
        num++;
        keep(&it.outlet, feed_title ? xc_strdup(feed_title) : NULL);
        keep(&it.language, feed_lang ? xc_strdup(feed_lang) : NULL);
        if (deliver_item(r, source, num, &it)) {
            item_free(&it);
            break;
        }
        item_free(&it);
    }
    if (num == 0)
        xc_reader_problem(r, source, XC_ERR_EMPTY, "the feed has no items", 0);
    free(feed_title);
    free(feed_lang);
    xmlFreeDoc(xml);
}
