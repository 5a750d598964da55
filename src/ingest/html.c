/*
 * html.c: a news page's bytes to a document.  Three steps:
 *
 *   1. Encoding.  A byte order mark wins; then the charset an HTTP header
 *      gave; then <meta charset> in the first 4 KB.  The bytes are checked
 *      against what is declared: a page that says windows-1252 but is valid
 *      UTF-8 is read as UTF-8, and one that says UTF-8 (or nothing) but has
 *      stray Latin-1 bytes keeps its UTF-8 and reads the stray bytes as
 *      Windows-1252, each time with a warning.  Other declared encodings go
 *      through iconv.  libxml2 then parses UTF-8 only (IGNORE_ENC).
 *   2. Parsing with libxml2's HTML parser: recovering from broken markup,
 *      no network, no entity loading, no depth limit (the parser keeps its
 *      stack on the heap and every walk here is a loop).
 *   3. The article: article.c measures the elements and chooses the blocks,
 *      this file writes their text (paragraphs separated by blank lines,
 *      list items on lines of their own, headings only when text follows
 *      them, captions recorded as furniture spans); htmlmeta.c reads the
 *      metadata and a JSON-LD articleBody, used when the page's own markup
 *      yields much less, or other, text than it.
 */
#include "ingest/article.h"
#include "ingest/ingest.h"
#include "text/text.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

#define PARSE_OPTS                                                      \
    (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |       \
     HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | \
     XML_PARSE_HUGE)

/* ---- encodings ------------------------------------------------------------ */

/* Windows-1252's 0x80..0x9F; 0 where it defines nothing. */
static const uint16_t cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static xc_code put_cp(xc_buf *b, uint32_t c)
{
    char u[4];
    size_t k;
    if (c < 0x80) {
        u[0] = (char)c;
        k = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
        k = 2;
    } else {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        k = 3;
    }
    return xc_buf_append(b, u, k);
}

/* The charset a <meta> in the first 4 KB declares, into NAME[64]. */
static int declared_charset(const char *s, size_t n, char name[64])
{
    size_t end = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 5 < end; i++) {
        size_t j, k = 0;
        if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0)
            continue;
        for (j = i + 5; j + 7 < end && s[j] != '>'; j++)
            if (strncasecmp(s + j, "charset", 7) == 0)
                break;
        if (j + 7 >= end || s[j] == '>')
            continue;
        j += 7;
        while (j < end && (s[j] == ' ' || s[j] == '='))
            j++;
        while (j < end && (s[j] == '"' || s[j] == '\''))
            j++;
        while (j < end && k < 63 &&
               (isalnum((unsigned char)s[j]) || strchr("-_.:", s[j])))
            name[k++] = s[j++];
        name[k] = '\0';
        if (k)
            return 1;
    }
    return 0;
}

/* 1 for names that mean UTF-8, 2 for ones a browser reads as
   Windows-1252, 0 for the rest. */
static int charset_class(const char *name)
{
    static const char *const latin[] = {
        "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii",
        "ascii", "windows-1252", "cp1252", "x-cp1252", "iso_8859-1", NULL};
    if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
        return 1;
    for (const char *const *p = latin; *p; p++)
        if (strcasecmp(name, *p) == 0)
            return 2;
    return 0;
}

/* Copy S[0..N) to B, reading bytes that are not UTF-8 as Windows-1252 and
   dropping NULs; counts the bytes so read in *NBAD. */
static xc_code repair(const char *s, size_t n, xc_buf *b, size_t *nbad)
{
    size_t i = 0;
    *nbad = 0;
    while (i < n) {
        size_t run = xc_utf8_valid_prefix(s + i, n - i), z;
        const char *nul = memchr(s + i, '\0', run);
        xc_code rc;
        if (nul)
            run = (size_t)(nul - (s + i));
        if ((rc = xc_buf_append(b, s + i, run)) != XC_OK)
            return rc;
        i += run;
        if (i >= n)
            break;
        if (s[i] == '\0') {
            i++;
            continue;
        }
        z = (unsigned char)s[i];
        rc = put_cp(b, z >= 0xA0 ? (uint32_t)z
                       : cp1252[z - 0x80] ? cp1252[z - 0x80] : 0xFFFD);
        if (rc != XC_OK)
            return rc;
        (*nbad)++;
        i++;
    }
    return XC_OK;
}

/* Convert S[0..N) from FROM with iconv; an undecodable byte becomes
   U+FFFD.  XC_ERR_ENCODING when iconv does not know FROM. */
static xc_code convert(const char *from, const char *s, size_t n, xc_buf *b)
{
    iconv_t cd = iconv_open("UTF-8", from);
    char chunk[8192];
    char *in = (char *)(uintptr_t)s; /* iconv's prototype lacks const */
    size_t inleft = n;
    xc_code rc = XC_OK;
    if (cd == (iconv_t)-1)
        return XC_ERR_ENCODING;
    while (inleft && rc == XC_OK) {
        char *o = chunk;
        size_t oleft = sizeof chunk;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        rc = xc_buf_append(b, chunk, sizeof chunk - oleft);
        if (r == (size_t)-1 && rc == XC_OK && errno != E2BIG) {
            rc = xc_buf_append(b, "\xEF\xBF\xBD", 3); /* EILSEQ, EINVAL */
            in++;
            inleft--;
        }
    }
    iconv_close(cd);
    return rc;
}

/*
 * The page's bytes as UTF-8 in B (NULs dropped).  *FROM is set to the
 * encoding converted from (a static string or NAME), NULL for UTF-8.
 * A warning goes into ERR with XC_OK.
 */
static xc_code to_utf8(const char *s, size_t n, const char *hint, xc_buf *b,
                       const char **from, char name[64], xc_error *err)
{
    const unsigned char *u = (const unsigned char *)s;
    int decl = 0, cls;
    size_t valid, nbad;
    xc_code rc;

    *from = NULL;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *from = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        return convert(*from, s + 2, n - 2, b);
    }
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        s += 3;
        n -= 3;
        hint = "utf-8";
    }
    if (hint && *hint) {
        snprintf(name, 64, "%s", hint);
        decl = 1;
    } else {
        decl = declared_charset(s, n, name);
    }
    cls = decl ? charset_class(name) : 1;
    valid = xc_utf8_valid_prefix(s, n);
    if (valid == n) {
        size_t i = 0;
        while (i < n && u[i] < 0x80)
            i++;
        if (cls != 1 && i < n) /* non-ASCII bytes that are UTF-8 */
            xc_fail(err, XC_OK, "declares %s but is UTF-8: read as UTF-8", name);
        return repair(s, n, b, &nbad); /* copies, dropping NULs */
    }
    if (cls == 0) {
        rc = convert(name, s, n, b);
        if (rc != XC_ERR_ENCODING) {
            *from = name;
            return rc;
        }
        xc_fail(err, XC_OK, "unknown encoding %s: read as UTF-8 and Windows-1252", name);
    }
    rc = repair(s, n, b, &nbad);
    if (rc != XC_OK)
        return rc;
    if (cls == 2) {
        *from = "WINDOWS-1252";
    } else {
        /* declared UTF-8 or nothing: which of the two is it mostly? */
        size_t multi = 0;
        for (size_t i = 0; i + 1 < n; i++)
            multi += u[i] >= 0xC2 && u[i] <= 0xF4 && (u[i + 1] & 0xC0) == 0x80;
        *from = "WINDOWS-1252";
        if (multi >= nbad)
            xc_fail(err, XC_OK, "%s%s but %zu byte%s not UTF-8: read as Windows-1252",
                    decl ? "declares " : "reads as UTF-8", decl ? name : "", nbad,
                    nbad == 1 ? " is" : "s are");
        else if (decl)
            xc_fail(err, XC_OK, "declares %s but is not: read as Windows-1252", name);
        else
            xc_fail(err, XC_OK, "not UTF-8: read as Windows-1252");
    }
    return XC_OK;
}

/* ---- the text writer --------------------------------------------------------- */

#define NO_MARK ((size_t)-1)

void xc_html_out_init(xc_hout *o, size_t max)
{
    memset(o, 0, sizeof *o);
    xc_buf_init(&o->b, max);
    o->mark = NO_MARK;
    o->rc = XC_OK;
}

void xc_html_out_free(xc_hout *o)
{
    xc_buf_free(&o->b);
    xc_spans_free(&o->captions);
}

/* Cut the text back to POS, with any caption span past it. */
static void cut(xc_hout *o, size_t pos)
{
    if (pos < o->b.len) {
        o->b.len = pos;
        o->b.data[pos] = '\0';
    }
    while (o->captions.n && o->captions.v[o->captions.n - 1].start >= pos)
        o->captions.n--;
    if (o->captions.n && o->captions.v[o->captions.n - 1].end > pos)
        o->captions.v[o->captions.n - 1].end = pos;
    if (o->mark != NO_MARK && o->mark >= pos)
        o->mark = NO_MARK;
    if (o->in_caption && o->caption_at > pos)
        o->caption_at = pos;
    o->space = 0;
    o->para_open = 0;
    o->need = o->b.len ? 2 : 0;
}

/* Short paragraphs that are page furniture in any layout. */
static int furniture_para(const char *s, size_t n)
{
    static const char *const cues[] = {
        "advertisement", "anzeige", "werbung", "publicité", "publicidad",
        "pubblicità", "reklame", "share", "share this", "share this article",
        "share on facebook", "share on twitter", "tweet", "teilen", "print",
        "email", "e-mail", "read more", "continue reading", "weiterlesen",
        "mehr lesen", "lire aussi", "leer más", "related", "related articles",
        "related stories", "related posts", "loading", "click here",
        "skip to content", "comments", "leave a comment", "leave a reply",
        "sponsored", "sponsored content", "back to top", "follow us",
        "subscribe", "sign up", "newsletter", "zum seitenanfang", NULL};
    static const char *const credits[] = {
        "credit:", "credits:", "photo:", "photos:", "photograph:", "image:",
        "foto:", "fotos:", "bild:", "bild via", "quelle:", "source:", NULL};
    size_t a = 0, e = n;
    if (n < 160)
        for (const char *const *c = credits; *c; c++)
            if (strncasecmp(s, *c, strlen(*c)) == 0)
                return 1;
    if (n < 80 && (memmem(s, n, "Getty Images", 12) || memmem(s, n, "Shutterstock", 12)))
        return 1;
    if (n > 40)
        return 0;
    while (a < e && strchr(" -|:>", s[a]))
        a++;
    while (e > a && strchr(" -|:<.!", s[e - 1]))
        e--;
    for (const char *const *c = cues; *c; c++)
        if (strlen(*c) == e - a && strncasecmp(*c, s + a, e - a) == 0)
            return 1;
    return 0;
}

/* A break of LEVEL (1 line, 2 paragraph) before the next text; the line
   or paragraph that ends goes if it is furniture. */
static void brk(xc_hout *o, int level)
{
    if (level <= o->need)
        return;
    if (o->para_open && furniture_para(o->b.data + o->para, o->b.len - o->para))
        cut(o, o->para_sep);
    o->para_open = 0;
    if (level > o->need)
        o->need = level;
}

static int is_space_at(const unsigned char *s, size_t i, size_t n, size_t *len)
{
    unsigned char c = s[i];
    *len = 1;
    if (c <= ' ' || c == 0x7F) /* white space, and control characters as such */
        return 1;
    if (c == 0xC2 && i + 1 < n && (s[i + 1] == 0xA0 || s[i + 1] < 0xA0)) {
        *len = 2; /* no-break space, C1 control characters */
        return 1;
    }
    if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x8B || s[i + 2] == 0x8C || s[i + 2] == 0x8D)) {
        *len = 3; /* zero-width space and joiners: nothing */
        return 2;
    }
    if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF) {
        *len = 3; /* a stray byte order mark */
        return 2;
    }
    return 0;
}

/* Write S[0..N), the text of a text node, with white space collapsed. */
static void put_text(xc_hout *o, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, k;
    while (i < n && o->rc == XC_OK) {
        size_t j;
        int sp = is_space_at(s, i, n, &k);
        if (sp) {
            if (sp == 1)
                o->space = 1;
            i += k;
            continue;
        }
        for (j = i + 1; j < n; j++)
            if ((s[j] <= ' ' || s[j] == 0x7F || s[j] == 0xC2 || s[j] == 0xE2 || s[j] == 0xEF) &&
                is_space_at(s, j, n, &k))
                break;
        if (!o->para_open) {
            o->para_sep = o->b.len;
            if (o->b.len)
                o->rc = xc_buf_append(&o->b, "\n\n", o->need >= 2 ? 2 : 1);
            o->para = o->b.len;
            o->para_open = 1;
        } else if (o->space) {
            o->rc = xc_buf_append(&o->b, " ", 1);
        }
        o->need = 0;
        o->space = 0;
        if (!o->heading)
            o->mark = NO_MARK; /* text follows the heading: it stays */
        if (o->rc == XC_OK)
            o->rc = xc_buf_append(&o->b, str + i, j - i);
        i = j;
    }
}

static void heading_start(xc_hout *o, int level)
{
    /* a heading followed by another of the same or higher rank headed
       nothing: it goes */
    if (o->mark != NO_MARK && level <= o->mark_level)
        cut(o, o->mark);
    brk(o, 2);
    if (o->mark == NO_MARK) {
        o->mark = o->b.len;
        o->mark_level = level;
    }
    o->heading++;
}

static void caption_end(xc_hout *o)
{
    size_t s = o->caption_at;
    while (s < o->b.len && o->b.data[s] == '\n')
        s++;
    if (s < o->b.len && o->rc == XC_OK)
        o->rc = xc_spans_push(&o->captions, s, o->b.len);
}

static void enter(xc_hout *o, int kind, int level)
{
    switch (kind) {
    case XC_HK_BLOCK: brk(o, 2); break;
    case XC_HK_HEADING: heading_start(o, level); break;
    case XC_HK_ITEM: case XC_HK_ROW: brk(o, 1); break;
    case XC_HK_BREAK: brk(o, o->need ? 2 : 1); break; /* <br><br>: a paragraph */
    case XC_HK_CELL: o->space = 1; break;
    case XC_HK_CAPTION:
        brk(o, 2);
        if (!o->in_caption++)
            o->caption_at = o->b.len;
        break;
    default: break;
    }
}

static void leave(xc_hout *o, const xmlNode *n)
{
    int level;
    switch (xc_html_kind(n, &level)) {
    case XC_HK_BLOCK: brk(o, 2); break;
    case XC_HK_HEADING:
        brk(o, 2);
        if (o->heading)
            o->heading--;
        break;
    case XC_HK_ITEM: case XC_HK_ROW: brk(o, 1); break;
    case XC_HK_CELL: o->space = 1; break;
    case XC_HK_CAPTION:
        brk(o, 2);
        if (o->in_caption && !--o->in_caption)
            caption_end(o);
        break;
    default: break;
    }
}

void xc_html_write(const xc_hpage *page, xmlNode *root, xc_hout *o)
{
    xmlNode *n = root;
    while (n && o->rc == XC_OK) {
        int descend = 0, level;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                put_text(o, (const char *)n->content, strlen((const char *)n->content));
        } else if (n->type == XML_ELEMENT_NODE &&
                   !(page && n != root && xc_html_skip(page, n))) {
            int kind = xc_html_kind(n, &level);
            if (kind != XC_HK_DROP) {
                enter(o, kind, level);
                descend = 1;
            }
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        if (descend)
            leave(o, n);
        while (n != root && !n->next) {
            n = n->parent;
            leave(o, n);
        }
        if (n == root)
            break;
        n = n->next;
    }
}

void xc_html_out_end(xc_hout *o)
{
    brk(o, 2);
    if (o->mark != NO_MARK)
        cut(o, o->mark);
    while (o->b.len && (o->b.data[o->b.len - 1] == '\n' || o->b.data[o->b.len - 1] == ' '))
        o->b.data[--o->b.len] = '\0';
    o->need = o->b.len ? 2 : 0;
    o->para_open = 0;
}

void xc_html_write_string(const char *s, xc_hout *o)
{
    if (strchr(s, '<') && strchr(s, '>')) {
        /* markup inside the string: parse it as a fragment of a page */
        size_t n = strlen(s);
        htmlDocPtr frag;
        xmlNode *body;
        if (n > INT_MAX)
            return;
        frag = htmlReadMemory(s, (int)n, NULL, "UTF-8", PARSE_OPTS);
        body = frag ? xmlDocGetRootElement(frag) : NULL;
        if (body) {
            brk(o, 2);
            xc_html_write(NULL, body, o);
        }
        if (frag)
            xmlFreeDoc(frag);
        return;
    }
    while (*s && o->rc == XC_OK) {
        size_t line = strcspn(s, "\n");
        brk(o, 2);
        put_text(o, s, line);
        s += line;
        if (*s)
            s++;
    }
}

/* ---- the page ------------------------------------------------------------------ */

/* Squeeze S[0..N) to its non-space bytes in B (a comparison key). */
static xc_code squeeze(const char *s, size_t n, xc_buf *b)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n", s[i]) && xc_buf_append(b, s + i, 1) != XC_OK)
            return XC_ERR_NOMEM;
    return XC_OK;
}

/* Does the article body of JSON-LD (BODY) read better than the text taken
   from the markup (T[0..N))?  When the markup gave much less, or text in
   which the body's middle does not occur (the wrong block was chosen). */
static int prefer_ld(const char *body, const char *t, size_t n)
{
    xc_buf a, b;
    size_t lb = strlen(body);
    int prefer = 0;
    if (lb < 200)
        return 0;
    if (n * 10 < lb * 6)
        return 1;
    xc_buf_init(&a, 0);
    xc_buf_init(&b, 0);
    if (squeeze(body, lb, &a) == XC_OK && squeeze(t, n, &b) == XC_OK &&
        a.len > 120 && b.len)
        prefer = !memmem(b.data, b.len, a.data + a.len / 2 - 30, 60);
    xc_buf_free(&a);
    xc_buf_free(&b);
    return prefer;
}

/* The article's text into O: the chosen blocks, in order. */
static void write_article(xc_hpage *page, xc_hout *o)
{
    xmlNode *start = page->body ? page->body : page->root;
    xmlNode *n = start;
    size_t chosen = xc_html_choose(page);
    if (!chosen) {
        xc_html_write(page, start, o);
        return;
    }
    while (n && o->rc == XC_OK) {
        xc_hinfo *in = xc_html_info(n);
        if (in && in->keep) {
            brk(o, 2);
            xc_html_write(page, n, o);
            n = xc_html_next(start, n, 1);
        } else {
            n = xc_html_next(start, n, in == NULL && n->type == XML_ELEMENT_NODE);
        }
    }
}

/* Text of PAGE at ever looser class hints until one gives enough. */
static xc_code extract(xc_hpage *page, size_t max, xc_hout *best)
{
    xc_code rc = XC_OK;
    xc_html_out_init(best, max);
    for (int strict = 2; strict >= 0; strict--) {
        xc_hout o;
        page->strictness = strict;
        if ((rc = xc_html_measure(page)) != XC_OK)
            break;
        xc_html_out_init(&o, max);
        write_article(page, &o);
        xc_html_out_end(&o);
        if (o.rc != XC_OK) {
            rc = o.rc;
            xc_html_out_free(&o);
            break;
        }
        /* looser hints must at least double the text: a short article
           stays short rather than gain its comment form */
        if (o.b.len > 2 * best->b.len) {
            xc_html_out_free(best);
            *best = o;
        } else {
            xc_html_out_free(&o);
        }
        if (best->b.len >= 500)
            break;
    }
    return rc;
}

static xc_code build(xc_doc *doc, const char *bytes, size_t n,
                     const char *hint, size_t max, xc_error *err)
{
    xc_buf u;
    xc_hpage page;
    xc_hout o;
    const char *from;
    char name[64], *ld = NULL;
    xc_code rc;

    memset(&page, 0, sizeof page);
    xc_buf_init(&u, max > ((size_t)-1 - 16) / 4 ? (size_t)-1 : max * 4 + 16);
    rc = to_utf8(bytes, n, hint, &u, &from, name, err);
    if (rc == XC_OK && from && !(doc->encoding = xc_strdup(from)))
        rc = XC_ERR_NOMEM;
    if (rc != XC_OK) {
        xc_buf_free(&u);
        return xc_fail(err, rc, rc == XC_ERR_TOO_BIG ? "page is too large once converted"
                                                      : "out of memory");
    }
    if (u.len > INT_MAX) {
        xc_buf_free(&u);
        return xc_fail(err, XC_ERR_TOO_BIG, "page is over 2 GB");
    }
    page.doc = htmlReadMemory(u.data ? u.data : "", (int)u.len, NULL, "UTF-8", PARSE_OPTS);
    xc_buf_free(&u);
    if (!page.doc || !(page.root = xmlDocGetRootElement(page.doc))) {
        if (page.doc)
            xmlFreeDoc(page.doc);
        return xc_fail(err, XC_ERR_PARSE, "not an HTML page that can be read");
    }
    for (xmlNode *c = page.root->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xc_html_is(c, "head"))
            page.head = c;
        if (c->type == XML_ELEMENT_NODE && xc_html_is(c, "body"))
            page.body = c;
    }
    rc = xc_html_meta(&page, doc, &ld);
    if (rc == XC_OK)
        rc = extract(&page, max, &o);
    if (rc == XC_OK && ld && prefer_ld(ld, o.b.data ? o.b.data : "", o.b.len)) {
        xc_html_out_free(&o);
        xc_html_out_init(&o, max);
        xc_html_write_string(ld, &o);
        xc_html_out_end(&o);
        rc = o.rc;
    }
    free(ld);
    free(page.info);
    xmlFreeDoc(page.doc);
    if (rc == XC_OK && o.b.len == 0)
        rc = xc_fail(err, XC_ERR_EMPTY, "the page has no article text");
    else if (rc != XC_OK)
        xc_fail(err, rc, rc == XC_ERR_TOO_BIG ? "page text is over the limit of %zu bytes"
                                               : "out of memory (%zu)", max);
    if (rc != XC_OK) {
        xc_html_out_free(&o);
        return rc;
    }
    doc->text = xc_buf_take(&o.b, &doc->len);
    doc->boilerplate = o.captions.v;
    doc->nboilerplate = o.captions.n;
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
    rc = build(doc, bytes, n, charset_hint, max, err);
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
