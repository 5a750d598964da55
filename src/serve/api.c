/*
 * api.c: the JSON API of `crosscheck serve`, one function per endpoint
 * (docs/api.md is the contract the web page codes against).  server.c has
 * checked the connection limit and the token and hands over whole
 * requests; each endpoint fills a reply: JSON made with jansson (which
 * escapes every string), or the dossier's JSON from the cache, or
 * {"error": "..."} with the status that fits.  Documents come in through
 * the same readers as `crosscheck add` (xc_doc_from_bytes), so a body the
 * command would reject is rejected here with the same message.
 */
#include "core/util.h"
#include "serve/serve.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* jansson: compact, and "/" escaped so that "</script>" never appears */
#define DUMP_FLAGS (JSON_COMPACT | JSON_ESCAPE_SLASH)

xc_code xc_serve_fail(xc_error *err, xc_code code, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return code;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

size_t xc_serve_utf8_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t k;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            k = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            if (c == 0xE0)
                lo = 0xA0; /* no overlongs */
            if (c == 0xED)
                hi = 0x9F; /* no surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F; /* nothing past U+10FFFF */
        } else
            return i;
        if (n - i <= k || p[i + 1] < lo || p[i + 1] > hi)
            return i;
        for (size_t j = 2; j <= k; j++)
            if (p[i + j] < 0x80 || p[i + j] > 0xBF)
                return i;
        i += k + 1;
    }
    return n;
}

unsigned xc_serve_status(xc_code code)
{
    switch (code) {
    case XC_OK:
        return 200;
    case XC_ERR_NOT_FOUND:
        return 404;
    case XC_ERR_TOO_BIG:
        return 413;
    case XC_ERR_ARG:
    case XC_ERR_EMPTY:
    case XC_ERR_BINARY:
    case XC_ERR_ENCODING:
    case XC_ERR_PARSE:
        return 400;
    case XC_ERR_DB_BUSY:
    case XC_ERR_NOMEM:
        return 503;
    default:
        return 500;
    }
}

/* Put ROOT (taken over) in R as JSON with STATUS. */
static void reply_json(xc_serve_reply *r, unsigned status, json_t *root)
{
    char *s = root ? json_dumps(root, DUMP_FLAGS) : NULL;
    json_decref(root);
    if (!s) {
        /* out of memory, or a string jansson refused */
        static const char oom[] = "{\"error\":\"out of memory\"}";
        r->status = 503;
        r->fixed = oom;
        r->len = sizeof oom - 1;
        return;
    }
    r->status = status;
    r->body = s;
    r->len = strlen(s);
}

void xc_serve_error(xc_serve_reply *r, unsigned status, const char *fmt, ...)
{
    char msg[600];
    size_t n, ok;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* a message may quote the request: keep it valid UTF-8 */
    n = strlen(msg);
    while ((ok = xc_serve_utf8_prefix(msg, n)) < n)
        msg[ok] = '?';
    reply_json(r, status, json_pack("{ss}", "error", msg));
}

/* Fill R for a failure: the status that fits CODE and ERR's message. */
static void fail(xc_serve_reply *r, xc_code code, const xc_error *err)
{
    unsigned status = xc_serve_status(code);
    xc_serve_error(r, status, "%s",
                   err && err->msg[0] ? err->msg : xc_code_str(code));
    if (status == 503)
        r->retry_after = 2;
}

/* A JSON string of S, null for NULL (and for a string jansson refuses). */
static json_t *jstr(const char *s)
{
    json_t *v = s ? json_string(s) : NULL;
    return v ? v : json_null();
}

/* A story or document number from S: digits only; ZERO_OK allows 0. */
static int parse_id(const char *s, int zero_ok, int64_t *id)
{
    int64_t v = 0;
    size_t n = 0;
    for (; s[n]; n++) {
        if (s[n] < '0' || s[n] > '9' || n >= 15)
            return 0;
        v = v * 10 + (s[n] - '0');
    }
    if (n == 0 || (v == 0 && !zero_ok))
        return 0;
    *id = v;
    return 1;
}

/* Query parameter NAME: NULL when absent or blank; R is filled with a 400
   and *bad set when it is not valid UTF-8. */
static const char *arg(const xc_serve_req *rq, const char *name,
                       xc_serve_reply *r, int *bad)
{
    const char *v = rq->arg(rq->conn, name);
    size_t n;
    if (!v)
        return NULL;
    n = strlen(v);
    if (xc_serve_utf8_prefix(v, n) < n) {
        xc_serve_error(r, 400, "the parameter %s is not valid UTF-8", name);
        *bad = 1;
        return NULL;
    }
    if (strspn(v, " \t\r\n") == n)
        return NULL;
    return v;
}

/* The remembered answer for KEY at GEN into R; 0 when there is none. */
static int from_memo(xc_server *sv, const char *key, uint64_t gen,
                     xc_serve_reply *r)
{
    xc_serve_blob *b = xc_serve_memo_get(sv, key, gen);
    if (!b)
        return 0;
    r->status = 200;
    r->blob = b;
    return 1;
}

/* Remember R's answer (a 200 with a body) for KEY at GEN: searches repeat
   (the same story's words from several people, the page asking again),
   and a common word costs FTS5 milliseconds to rank. */
static void to_memo(xc_server *sv, const char *key, uint64_t gen,
                    xc_serve_reply *r)
{
    xc_serve_blob *b;
    /* a long list of hits is rare and would crowd the memo */
    if (r->status != 200 || !r->body || r->len > XC_SERVE_MEMO_MAX ||
        !(b = calloc(1, sizeof *b)))
        return;
    atomic_init(&b->refs, 1);
    b->data = r->body;
    b->len = r->len;
    r->body = NULL;
    r->blob = b;
    xc_serve_memo_put(sv, key, gen, b);
}

/* Search for the words Q on a pooled handle: xc_store_search's contract. */
static xc_code search(xc_server *sv, const char *q, size_t limit, xc_hit_cb cb,
                      void *ctx, xc_error *err)
{
    xc_store *st = xc_serve_store_get(sv, err);
    xc_code code = st ? xc_store_search(st, q, limit, cb, ctx, err) : err->code;
    xc_serve_store_put(sv, st);
    return code;
}

/* ---- GET /api/health --------------------------------------------------- */

static void health(xc_server *sv, xc_serve_reply *r)
{
    xc_error err;
    int64_t n = 0;
    xc_store *st = xc_serve_store_get(sv, &err);
    xc_code code = st ? xc_store_count(st, &n, &err) : err.code;
    xc_serve_store_put(sv, st);
    if (code != XC_OK) {
        fail(r, code, &err);
        return;
    }
    reply_json(r, 200,
               json_pack("{sssssI}", "status", "ok", "version", xc_version(),
                         "documents", (json_int_t)n));
}

/* ---- GET /api/stories -------------------------------------------------- */

static json_t *story_json(const xc_serve_catalog *c, const xc_serve_story *s)
{
    json_t *o = json_object(), *outlets = json_array();
    for (size_t i = 0; i < s->noutlets; i++)
        json_array_append_new(outlets, jstr(c->outlets[s->outlet0 + i]));
    json_object_set_new(o, "id", json_integer(s->id));
    json_object_set_new(o, "title", jstr(s->title));
    json_object_set_new(o, "documents", json_integer((json_int_t)s->ndocs));
    json_object_set_new(o, "outlets", outlets);
    json_object_set_new(o, "first", jstr(s->first));
    json_object_set_new(o, "last", jstr(s->last));
    return o;
}

typedef struct story_hits {
    const xc_serve_catalog *c;
    json_t *list;
    int64_t *seen; /* story numbers listed already */
    size_t nseen, cap;
} story_hits;

static int story_hit(void *ctx, const xc_hit *hit)
{
    story_hits *h = ctx;
    const xc_serve_doc *d = xc_serve_catalog_doc(h->c, hit->id);
    const xc_serve_story *s = d ? xc_serve_catalog_story(h->c, d->story) : NULL;
    if (!s)
        return 0;
    for (size_t i = 0; i < h->nseen; i++)
        if (h->seen[i] == s->id)
            return 0;
    int64_t *seen = xc_grow(h->seen, &h->cap, h->nseen, sizeof *seen);
    if (!seen)
        return 1;
    h->seen = seen;
    h->seen[h->nseen++] = s->id;
    json_array_append_new(h->list, story_json(h->c, s));
    return 0;
}

static void stories(xc_server *sv, const xc_serve_req *rq, xc_serve_reply *r)
{
    xc_serve_catalog *c;
    xc_error err;
    int bad = 0;
    const char *q = arg(rq, "q", r, &bad);
    json_t *list;
    xc_code code;
    char key[1100];
    uint64_t gen;

    if (bad)
        return;
    if ((code = xc_serve_catalog_get(sv, &c, &err)) != XC_OK) {
        fail(r, code, &err);
        return;
    }
    gen = c->gen;
    snprintf(key, sizeof key, "stories?%.1000s", q ? q : "");
    if (q && strlen(q) <= 1000 && from_memo(sv, key, gen, r)) {
        xc_serve_catalog_unref(c);
        return;
    }
    list = json_array();
    if (q) {
        /* stories in the order of their best document */
        story_hits h = {c, list, NULL, 0, 0};
        code = search(sv, q, XC_SERVE_STORY_HITS, story_hit, &h, &err);
        free(h.seen);
    } else {
        for (size_t i = 0; i < c->nstories; i++)
            if (c->stories[i].ndocs > 0)
                json_array_append_new(list, story_json(c, &c->stories[i]));
    }
    xc_serve_catalog_unref(c);
    if (code != XC_OK) {
        json_decref(list);
        fail(r, code, &err);
        return;
    }
    reply_json(r, 200, json_pack("{so}", "stories", list));
    if (q && strlen(q) <= 1000)
        to_memo(sv, key, gen, r);
}

/* ---- GET /api/stories/N ---------------------------------------------------- */

static void dossier(xc_server *sv, const xc_serve_req *rq, int64_t story,
                    xc_serve_reply *r)
{
    xc_serve_catalog *c;
    xc_serve_blob *blob;
    xc_error err;
    xc_code code;
    uint64_t gen;

    /* unknown stories are turned away here, before any build */
    if ((code = xc_serve_catalog_get(sv, &c, &err)) != XC_OK) {
        fail(r, code, &err);
        return;
    }
    gen = c->gen;
    code = story == 0 || xc_serve_catalog_story(c, story) ? XC_OK
                                                          : XC_ERR_NOT_FOUND;
    xc_serve_catalog_unref(c);
    if (code != XC_OK) {
        xc_serve_error(r, 404, "no story %" PRId64, story);
        return;
    }
    code = xc_serve_dossier(sv, story, gen, rq->deadline, &blob, &err);
    if (code != XC_OK) {
        fail(r, code, &err);
        return;
    }
    r->status = 200;
    r->blob = blob;
    r->gzip = rq->gzip && blob->gz;
}

/* ---- GET /api/documents ---------------------------------------------------- */

/* The fields every listed document has. */
static json_t *doc_summary(int64_t id, const xc_serve_doc *d, const char *title,
                           const char *outlet, const char *source)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(id));
    json_object_set_new(o, "title", jstr(title));
    json_object_set_new(o, "outlet", jstr(outlet));
    json_object_set_new(o, "published", jstr(d ? d->published : NULL));
    json_object_set_new(o, "source", jstr(source));
    json_object_set_new(o, "bytes", json_integer(d ? (json_int_t)d->bytes : 0));
    json_object_set_new(o, "story", d && d->story ? json_integer(d->story)
                                                  : json_null());
    return o;
}

typedef struct doc_hits {
    const xc_serve_catalog *c;
    json_t *list;
} doc_hits;

static int doc_hit(void *ctx, const xc_hit *hit)
{
    doc_hits *h = ctx;
    json_t *o = doc_summary(hit->id, xc_serve_catalog_doc(h->c, hit->id),
                            hit->title, hit->outlet, hit->source);
    json_object_set_new(o, "snippet", jstr(hit->snippet));
    json_array_append_new(h->list, o);
    return 0;
}

static void documents(xc_server *sv, const xc_serve_req *rq, xc_serve_reply *r)
{
    xc_serve_catalog *c;
    xc_error err;
    int bad = 0;
    const char *q = arg(rq, "q", r, &bad);
    const char *lim = bad ? NULL : arg(rq, "limit", r, &bad);
    int64_t limit = XC_SERVE_LIST_DEFAULT;
    json_t *list;
    xc_code code = XC_OK;
    char key[1100];
    uint64_t gen;

    if (bad)
        return;
    if (lim && (!parse_id(lim, 0, &limit) || limit > XC_SERVE_LIST_MAX)) {
        xc_serve_error(r, 400, "limit must be a number from 1 to %d",
                       XC_SERVE_LIST_MAX);
        return;
    }
    if ((code = xc_serve_catalog_get(sv, &c, &err)) != XC_OK) {
        fail(r, code, &err);
        return;
    }
    gen = c->gen;
    snprintf(key, sizeof key, "documents?%d?%.1000s", (int)limit, q ? q : "");
    if (q && strlen(q) <= 1000 && from_memo(sv, key, gen, r)) {
        xc_serve_catalog_unref(c);
        return;
    }
    list = json_array();
    if (q) {
        doc_hits h = {c, list};
        code = search(sv, q, (size_t)limit, doc_hit, &h, &err);
    } else {
        /* the most recently added first */
        for (size_t i = c->ndocs; i > 0 && limit > 0; i--, limit--) {
            const xc_serve_doc *d = &c->docs[i - 1];
            json_array_append_new(list, doc_summary(d->id, d, d->title,
                                                    d->outlet, d->source));
        }
    }
    xc_serve_catalog_unref(c);
    if (code != XC_OK) {
        json_decref(list);
        fail(r, code, &err);
        return;
    }
    reply_json(r, 200, json_pack("{so}", "documents", list));
    if (q && strlen(q) <= 1000)
        to_memo(sv, key, gen, r);
}

/* ---- GET /api/documents/N -------------------------------------------------- */

static void document(xc_server *sv, int64_t id, xc_serve_reply *r)
{
    xc_serve_catalog *c = NULL;
    xc_doc *doc = NULL;
    xc_error err;
    xc_store *st = xc_serve_store_get(sv, &err);
    xc_code code = st ? xc_store_get(st, id, &doc, &err) : err.code;
    const xc_serve_doc *d;
    json_t *o, *spans;

    xc_serve_store_put(sv, st);
    if (code == XC_OK)
        code = xc_serve_catalog_get(sv, &c, &err);
    if (code != XC_OK) {
        xc_doc_free(doc);
        fail(r, code, &err);
        return;
    }
    d = xc_serve_catalog_doc(c, id);
    o = json_object();
    spans = json_array();
    json_object_set_new(o, "id", json_integer(id));
    json_object_set_new(o, "title", jstr(doc->title));
    json_object_set_new(o, "outlet", jstr(doc->outlet));
    json_object_set_new(o, "published", jstr(doc->published));
    json_object_set_new(o, "source", jstr(doc->source));
    json_object_set_new(o, "url", jstr(doc->url));
    json_object_set_new(o, "bytes", json_integer((json_int_t)doc->len));
    json_object_set_new(o, "story", d && d->story ? json_integer(d->story)
                                                  : json_null());
    json_object_set_new(o, "text", json_stringn(doc->text, doc->len));
    for (size_t i = 0; i < doc->nboilerplate; i++)
        json_array_append_new(spans,
                              json_pack("{sIsI}", "start",
                                        (json_int_t)doc->boilerplate[i].start,
                                        "end",
                                        (json_int_t)doc->boilerplate[i].end));
    json_object_set_new(o, "boilerplate", spans);
    xc_serve_catalog_unref(c);
    xc_doc_free(doc);
    reply_json(r, 200, o);
}

/* ---- POST /api/documents --------------------------------------------------- */

typedef struct meta {
    const char *title, *outlet, *published, *url, *source;
} meta;

/* The documents of one request, each with the reader's warning or NULL. */
typedef struct batch {
    struct item {
        xc_doc *doc;
        char *warning;
    } *v;
    size_t n, cap;
} batch;

static void batch_free(batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        xc_doc_free(b->v[i].doc);
        free(b->v[i].warning);
    }
    free(b->v);
}

/* Make a document of BYTES read as FMT with metadata M and add it to B. */
static xc_code batch_add(batch *b, const char *bytes, size_t n, xc_format fmt,
                         const meta *m, size_t max, xc_error *err)
{
    xc_read_opts o;
    xc_doc *doc;
    struct item *v;
    xc_code code;

    memset(&o, 0, sizeof o);
    o.max_bytes = max;
    o.format = fmt;
    o.title = m->title;
    o.outlet = m->outlet;
    o.published = m->published;
    if (m->published && !xc_date_valid(m->published))
        return xc_serve_fail(err, XC_ERR_ARG,
                             "published: \"%.40s\" is not a date (YYYY-MM-DD, "
                             "YYYY-MM or YYYY)",
                             m->published);
    code = xc_doc_from_bytes(m->source ? m->source : "api", bytes, n, &o, &doc,
                             err);
    if (code != XC_OK)
        return code;
    if (m->url && !(doc->url = strdup(m->url))) {
        xc_doc_free(doc);
        return xc_serve_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    if (!(v = xc_grow(b->v, &b->cap, b->n, sizeof *v))) {
        xc_doc_free(doc);
        return xc_serve_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    b->v = v;
    b->v[b->n].warning = err->msg[0] ? strdup(err->msg) : NULL;
    b->v[b->n++].doc = doc;
    memset(err, 0, sizeof *err);
    return XC_OK;
}

/* A document from JSON object OBJ ({"text", "title", ...}); SOURCE names it
   when the object does not. */
static xc_code batch_add_json(batch *b, json_t *obj, const char *source,
                              size_t max, xc_error *err)
{
    static const char *const keys[] = {"title", "outlet", "published", "url",
                                       "source"};
    const char *v[5];
    json_t *text;
    meta m;

    if (!json_is_object(obj))
        return xc_serve_fail(err, XC_ERR_PARSE, "expected a JSON object");
    text = json_object_get(obj, "text");
    if (!json_is_string(text))
        return xc_serve_fail(err, XC_ERR_PARSE,
                             "no \"text\" string in the object");
    for (int i = 0; i < 5; i++) {
        json_t *f = json_object_get(obj, keys[i]);
        v[i] = NULL;
        if (f && !json_is_null(f) && !json_is_string(f))
            return xc_serve_fail(err, XC_ERR_PARSE, "\"%s\" must be a string",
                                 keys[i]);
        if (json_is_string(f) && json_string_length(f) > 0)
            v[i] = json_string_value(f);
    }
    m.title = v[0];
    m.outlet = v[1];
    m.published = v[2];
    m.url = v[3];
    m.source = v[4] ? v[4] : source;
    return batch_add(b, json_string_value(text), json_string_length(text),
                     XC_FORMAT_TEXT, &m, max, err);
}

/* A JSON value from S[0..N), or NULL with ERR filled. */
static json_t *parse_json(const char *s, size_t n, xc_error *err)
{
    json_error_t je;
    json_t *v = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
    if (!v)
        xc_serve_fail(err, XC_ERR_PARSE, "malformed JSON: %s (line %d, column %d)",
                      je.text, je.line, je.column);
    return v;
}

/* The media type of a Content-Type value, lower case, in OUT. */
static void media_type(const char *ct, char *out, size_t size)
{
    size_t n = 0;
    while (*ct == ' ')
        ct++;
    for (; *ct && *ct != ';' && *ct != ' ' && n + 1 < size; ct++)
        out[n++] = (char)(*ct >= 'A' && *ct <= 'Z' ? *ct + 32 : *ct);
    out[n] = '\0';
}

/* Nonzero if Content-Type CT names a charset other than UTF-8. */
static int other_charset(const char *ct)
{
    const char *p = strcasestr(ct, "charset=");
    if (!p)
        return 0;
    p += 8;
    if (*p == '"')
        p++;
    return strncasecmp(p, "utf-8", 5) != 0 && strncasecmp(p, "utf8", 4) != 0 &&
           strncasecmp(p, "us-ascii", 8) != 0;
}

int xc_serve_body_type(const char *ct)
{
    char mt[64];
    if (!ct)
        return -1;
    media_type(ct, mt, sizeof mt);
    if (strcmp(mt, "text/plain") == 0)
        return XC_FORMAT_TEXT;
    if (strcmp(mt, "text/html") == 0)
        return XC_FORMAT_HTML;
    if (strcmp(mt, "application/x-ndjson") == 0 ||
        strcmp(mt, "application/jsonl") == 0 ||
        strcmp(mt, "application/x-jsonlines") == 0)
        return XC_FORMAT_JSONL;
    if (strcmp(mt, "application/json") == 0)
        return XC_FORMAT_AUTO; /* one object */
    return -1;
}

/* Read the body of RQ into B.  Fails with the reader's code and message. */
static xc_code read_body(xc_server *sv, const xc_serve_req *rq, batch *b,
                         xc_error *err)
{
    int fmt = xc_serve_body_type(rq->type);
    size_t max = sv->o.max_body;
    size_t ok;

    if (rq->len == 0)
        return xc_serve_fail(err, XC_ERR_EMPTY, "the body is empty");
    /* HTML says its own encoding; other text must be UTF-8 unless the
       request names another charset */
    if (fmt != XC_FORMAT_HTML && !(fmt == XC_FORMAT_TEXT && other_charset(rq->type)) &&
        (ok = xc_serve_utf8_prefix(rq->body, rq->len)) < rq->len)
        return xc_serve_fail(err, XC_ERR_ENCODING,
                             "the body is not valid UTF-8 (byte %zu)", ok);
    if (fmt == XC_FORMAT_AUTO) {
        json_t *v = parse_json(rq->body, rq->len, err);
        xc_code code;
        if (!v)
            return XC_ERR_PARSE;
        code = batch_add_json(b, v, "api", max, err);
        json_decref(v);
        return code;
    }
    if (fmt == XC_FORMAT_JSONL) {
        const char *p = rq->body, *end = rq->body + rq->len;
        for (size_t line = 1; p < end; line++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            char source[32];
            json_t *v;
            xc_code code;
            if (strspn(p, " \t\r") < n) {
                snprintf(source, sizeof source, "api:%zu", line);
                if (!(v = parse_json(p, n, err)))
                    code = XC_ERR_PARSE;
                else {
                    code = batch_add_json(b, v, source, max, err);
                    json_decref(v);
                }
                if (code != XC_OK) {
                    char msg[sizeof err->msg];
                    snprintf(msg, sizeof msg, "%s", err->msg);
                    return xc_serve_fail(err, code, "line %zu: %s", line, msg);
                }
            }
            p += n + 1;
        }
        if (b->n == 0)
            return xc_serve_fail(err, XC_ERR_EMPTY, "no documents in the body");
        return XC_OK;
    }
    {
        meta m;
        int bad = 0;
        xc_serve_reply scratch = {0};
        /* the first bad one only: each fills SCRATCH */
        m.title = arg(rq, "title", &scratch, &bad);
        m.outlet = bad ? NULL : arg(rq, "outlet", &scratch, &bad);
        m.published = bad ? NULL : arg(rq, "published", &scratch, &bad);
        m.url = bad ? NULL : arg(rq, "url", &scratch, &bad);
        m.source = bad ? NULL : arg(rq, "source", &scratch, &bad);
        free(scratch.body);
        if (bad)
            return xc_serve_fail(err, XC_ERR_ENCODING,
                                 "a parameter is not valid UTF-8");
        return batch_add(b, rq->body, rq->len, (xc_format)fmt, &m, max, err);
    }
}

/* The features of each document of B not stored yet, computed before the
   write lock is taken: analysis is the costly part of adding, and so it
   runs in parallel across requests while writes stay one at a time.
   F[i] stays NULL for a document stored already (or when computing fails:
   the add then computes them itself and reports the failure). */
static void features_of(xc_server *sv, const batch *b, xc_features **f)
{
    xc_store *st = xc_serve_store_get(sv, NULL);
    for (size_t i = 0; i < b->n; i++) {
        int64_t id = 0;
        f[i] = NULL;
        if (st && xc_store_has_text(st, b->v[i].doc, &id, NULL) == XC_OK && id)
            continue;
        xc_features_compute(b->v[i].doc, &f[i], NULL);
    }
    xc_serve_store_put(sv, st);
}

static void add(xc_server *sv, const xc_serve_req *rq, xc_serve_reply *r)
{
    batch b = {NULL, 0, 0};
    xc_error err;
    xc_code code;
    json_t *list;
    xc_features **f = NULL;
    int64_t *ids = NULL, *stories_of = NULL;
    int *added = NULL, any = 0;

    memset(&err, 0, sizeof err);
    if (xc_serve_body_type(rq->type) < 0) {
        xc_serve_error(r, 415,
                       "send text/plain, text/html, application/json or "
                       "application/x-ndjson, not %.60s",
                       rq->type ? rq->type : "a body without a Content-Type");
        return;
    }
    code = read_body(sv, rq, &b, &err);
    if (code == XC_OK && (!(ids = calloc(b.n, sizeof *ids)) ||
                          !(added = calloc(b.n, sizeof *added)) ||
                          !(stories_of = calloc(b.n, sizeof *stories_of)) ||
                          !(f = calloc(b.n, sizeof *f))))
        code = xc_serve_fail(&err, XC_ERR_NOMEM, "out of memory");
    if (code == XC_OK) {
        features_of(sv, &b, f);
        /* all of a request's documents or none */
        pthread_mutex_lock(&sv->write_lock);
        code = b.n > 1 ? xc_store_begin(sv->writer, &err) : XC_OK;
        for (size_t i = 0; code == XC_OK && i < b.n; i++) {
            code = xc_store_add_analyzed(sv->writer, b.v[i].doc, f[i], &ids[i],
                                         &added[i], &stories_of[i], &err);
            any |= added[i];
        }
        if (code == XC_OK && b.n > 1)
            code = xc_store_commit(sv->writer, &err);
        if (code != XC_OK) {
            xc_store_rollback(sv->writer);
            any = 0;
        }
        if (any)
            xc_serve_changed(sv, sv->writer);
        pthread_mutex_unlock(&sv->write_lock);
    }
    if (code == XC_OK) {
        list = json_array();
        for (size_t i = 0; i < b.n; i++) {
            json_t *o = json_pack("{sIsb}", "id", (json_int_t)ids[i], "added",
                                  added[i]);
            json_object_set_new(o, "story", stories_of[i]
                                                ? json_integer(stories_of[i])
                                                : json_null());
            if (b.v[i].warning)
                json_object_set_new(o, "warning", jstr(b.v[i].warning));
            json_array_append_new(list, o);
        }
        reply_json(r, 201, json_pack("{so}", "documents", list));
    } else {
        fail(r, code, &err);
    }
    for (size_t i = 0; f && i < b.n; i++)
        xc_features_free(f[i]);
    free(f);
    free(ids);
    free(added);
    free(stories_of);
    batch_free(&b);
}

/* ---- DELETE /api/documents/N ------------------------------------------------ */

static void delete_doc(xc_server *sv, int64_t id, xc_serve_reply *r)
{
    xc_error err;
    xc_code code;
    pthread_mutex_lock(&sv->write_lock);
    code = xc_store_delete(sv->writer, id, &err);
    if (code == XC_OK)
        xc_serve_changed(sv, sv->writer);
    pthread_mutex_unlock(&sv->write_lock);
    if (code != XC_OK) {
        fail(r, code, &err);
        return;
    }
    r->status = 204;
}

/* ---- routing ------------------------------------------------------------------ */

static int is(const char *method, const char *m)
{
    return strcmp(method, m) == 0;
}

static void not_allowed(xc_serve_reply *r, const char *method, const char *allow)
{
    xc_serve_error(r, 405, "%.20s is not allowed here; use %s", method, allow);
    r->allow = allow;
}

void xc_serve_api(xc_server *sv, const xc_serve_req *rq, xc_serve_reply *r)
{
    const char *p = rq->path + 4; /* after "/api" */
    const char *m = rq->method;
    int get = is(m, "GET") || is(m, "HEAD");
    int64_t id;

    if (strcmp(p, "/health") == 0) {
        if (get)
            health(sv, r);
        else
            not_allowed(r, m, "GET, HEAD");
    } else if (strcmp(p, "/stories") == 0) {
        if (get)
            stories(sv, rq, r);
        else
            not_allowed(r, m, "GET, HEAD");
    } else if (strncmp(p, "/stories/", 9) == 0 && parse_id(p + 9, 1, &id)) {
        if (get)
            dossier(sv, rq, id, r);
        else
            not_allowed(r, m, "GET, HEAD");
    } else if (strcmp(p, "/documents") == 0) {
        if (get)
            documents(sv, rq, r);
        else if (is(m, "POST"))
            add(sv, rq, r);
        else
            not_allowed(r, m, "GET, HEAD, POST");
    } else if (strncmp(p, "/documents/", 11) == 0 && parse_id(p + 11, 0, &id)) {
        if (get)
            document(sv, id, r);
        else if (is(m, "DELETE"))
            delete_doc(sv, id, r);
        else
            not_allowed(r, m, "GET, HEAD, DELETE");
    } else {
        xc_serve_error(r, 404, "no such endpoint: %.200s", rq->path);
    }
}
