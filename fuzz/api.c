/* Fuzz target: the server's own request handling, in process.  Each input
   is the raw bytes of one HTTP request (the same seeds as fuzz/http.c);
   this file reads its request line, headers, query string and body as
   libmicrohttpd would (percent-decoding, '+' as space, chunked bodies),
   and hands them to the path the daemon uses (src/serve/server.c:
   xc_serve_begin, xc_serve_take, xc_serve_finish, xc_serve_headers): the
   limits, the token check, routing, JSON and document bodies, and every
   endpoint over a small database made once.  No socket, no libmicrohttpd
   thread: thousands of requests a second instead of tens.

   A request that sends an Authorization header meets a server with a
   token (FUZZ_TOKEN); others meet one without.  A request that changes
   the documents (an added or deleted one) is followed by putting the
   database back as it was made, so every input meets the same corpus.
   Checked: every answer's status is a real one, its headers carry no
   line break, and a JSON answer is valid JSON. */
#include "fuzz.h"
#include "servedb.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define FUZZ_TOKEN "fuzz-token"
#define FUZZ_BODY_MAX 2048u /* the server's body limit here: under -max_len,
                              so that going past it is reachable */
#define MAX_FIELDS 64

static xc_server *server;
static fuzz_db fdb;
static int verbose; /* FUZZ_VERBOSE set: each request's status on stderr */
static size_t inputs, restores;

/* ---- a request as libmicrohttpd would hand it over ------------------------ */

typedef struct field {
    char *name, *value; /* value NULL: a query parameter without '=' */
} field;

typedef struct request {
    field hdr[MAX_FIELDS], arg[MAX_FIELDS];
    size_t nhdr, narg;
} request;

static const char *find(const field *f, size_t n, const char *name, int anycase)
{
    for (size_t i = 0; i < n; i++)
        if (anycase ? strcasecmp(f[i].name, name) == 0 : strcmp(f[i].name, name) == 0)
            return f[i].value;
    return NULL;
}

static const char *get_header(void *conn, const char *name)
{
    request *rq = conn;
    return find(rq->hdr, rq->nhdr, name, 1);
}

static const char *get_arg(void *conn, const char *name)
{
    request *rq = conn;
    return find(rq->arg, rq->narg, name, 0);
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Percent-decode S in place (and '+' as a space in a query, PLUS). */
static void unescape(char *s, int plus)
{
    char *o = s;
    for (; *s; s++) {
        int hi, lo;
        if (*s == '%' && (hi = hexval(s[1])) >= 0 && (lo = hexval(s[2])) >= 0) {
            *o++ = (char)(hi * 16 + lo);
            s += 2;
        } else {
            *o++ = plus && *s == '+' ? ' ' : *s;
        }
    }
    *o = '\0';
}

/* The parameters of query Q (modified in place) into RQ. */
static void parse_query(char *q, request *rq)
{
    while (q && *q && rq->narg < MAX_FIELDS) {
        char *amp = strchr(q, '&'), *eq;
        if (amp)
            *amp = '\0';
        eq = strchr(q, '=');
        if (eq)
            *eq = '\0';
        unescape(q, 1);
        if (eq)
            unescape(eq + 1, 1);
        rq->arg[rq->narg].name = q;
        rq->arg[rq->narg++].value = eq ? eq + 1 : NULL;
        q = amp ? amp + 1 : NULL;
    }
}

/* The next line of [*p, end) without its CR LF (NUL-terminated in place),
   or NULL at the end. */
static char *next_line(char **p, char *end)
{
    char *s = *p, *nl;
    if (s >= end)
        return NULL;
    nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl)
        return NULL;
    *p = nl + 1;
    if (nl > s && nl[-1] == '\r')
        nl--;
    *nl = '\0';
    return s;
}

/* ---- the server, made once ------------------------------------------------- */

static xc_server *open_server(void)
{
    xc_serve_opts o = {0};
    xc_server *sv;
    xc_error err;
    o.db = fdb.db;
    o.max_body = FUZZ_BODY_MAX;
    o.timeout = 10;
    o.threads = 1;
    if (xc_serve_open(&o, &sv, &err) != XC_OK) {
        fprintf(stderr, "fuzz api: cannot open %s: %s\n", fdb.db, err.msg);
        abort();
    }
    return sv;
}

static void remove_all(void)
{
    if (verbose)
        fprintf(stderr, "fuzz api: %zu inputs, %zu restores\n", inputs, restores);
    xc_serve_close(server);
    server = NULL;
    fuzz_db_remove(&fdb);
}

static void handle(request *rq, const char *method, const char *url,
                   const char *body, size_t len, size_t piece, int whole);

static void start(void)
{
    request rq = {{{0}}, {{0}}, 0, 0};
    char type[] = "Content-Type", ct[] = "application/x-ndjson";
    verbose = getenv("FUZZ_VERBOSE") != NULL;
    fuzz_db_init(&fdb, "api");
    server = open_server();
    rq.hdr[0].name = type;
    rq.hdr[0].value = ct;
    rq.nhdr = 1;
    handle(&rq, "POST", "/api/documents", fuzz_corpus, sizeof fuzz_corpus - 1, 4096, 1);
    xc_serve_close(server); /* its write-ahead log into the file */
    fuzz_db_keep(&fdb);
    server = open_server();
    fuzz_db_opened(&fdb, server);
    atexit(remove_all);
}

/* ---- one request -------------------------------------------------------------- */

static int check_header(void *ctx, const char *name, const char *value)
{
    (void)ctx;
    if (!*name || strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
        abort();
    return 0;
}

/* Answer METHOD URL with the headers and query of RQ and BODY[0..LEN)
   arriving in pieces of PIECE bytes, as the daemon does; WHOLE is 0 when
   the client stops sending before the end of its body (no answer then,
   unless one came before the body). */
static void handle(request *rq, const char *method, const char *url,
                   const char *body, size_t len, size_t piece, int whole)
{
    xc_serve_http h = {method, url, get_header, get_arg, rq, 0};
    xc_serve_body b;
    xc_serve_reply r = {0};
    const char *data;
    size_t n;

    memset(&b, 0, sizeof b);
    if (!xc_serve_begin(server, &h, &b, &r)) {
        for (size_t off = 0; off < len; off += piece)
            xc_serve_take(server, &b, body + off, len - off < piece ? len - off : piece);
        if (!whole) {
            free(b.body);
            return;
        }
        xc_serve_finish(server, &h, &b, &r);
    }
    free(b.body);
    if (r.status < 200 || r.status > 599)
        abort();
    if (verbose)
        fprintf(stderr, "fuzz api: %s %s: %u\n", method, url, r.status);
    xc_serve_headers(url, &r, check_header, NULL);
    data = r.blob ? (r.gzip ? r.blob->gz : r.blob->data) : r.body ? r.body : r.fixed;
    n = r.blob ? (r.gzip ? r.blob->gzlen : r.blob->len) : r.len;
    if (r.status != 204 && !r.type && !r.gzip) {
        /* a JSON answer */
        json_error_t je;
        json_t *v = json_loadb(data, n, 0, &je);
        if (!v) {
            fprintf(stderr, "fuzz api: %s %s: %u with invalid JSON: %s\n", method,
                    url, r.status, je.text);
            abort();
        }
        json_decref(v);
    }
    xc_serve_blob_unref(r.blob);
    free(r.body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    request rq = {{{0}}, {{0}}, 0, 0};
    char *buf, *p, *end, *line, *method, *target, *query, *body;
    const char *te, *cl;
    size_t len = 0, piece;
    int whole = 1;
    uint64_t gen;
    static char token[] = FUZZ_TOKEN;

    if (!server)
        start();
    inputs++;
    if (size > 64 * 1024)
        size = 64 * 1024;
    if (!(buf = malloc(size + 1)))
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    p = buf, end = buf + size;
    /* METHOD SP TARGET SP VERSION */
    if (!(line = next_line(&p, end)) || !(target = strchr(line, ' ')))
        goto done;
    method = line;
    *target++ = '\0';
    if (!*method || *target != '/')
        goto done;
    target[strcspn(target, " ")] = '\0';
    if ((query = strchr(target, '?')))
        *query++ = '\0';
    unescape(target, 0);
    parse_query(query, &rq);
    /* headers to the blank line */
    while ((line = next_line(&p, end)) && *line) {
        char *colon = strchr(line, ':');
        if (!colon || colon == line || rq.nhdr == MAX_FIELDS)
            goto done; /* libmicrohttpd answers 400 itself */
        *colon++ = '\0';
        while (*colon == ' ' || *colon == '\t')
            colon++;
        rq.hdr[rq.nhdr].name = line;
        rq.hdr[rq.nhdr++].value = colon;
    }
    if (!line)
        goto done; /* the headers never end: no answer */
    body = p;
    te = get_header(&rq, "Transfer-Encoding");
    cl = get_header(&rq, "Content-Length");
    if (te && strcasecmp(te, "chunked") == 0) {
        /* decode in place: SIZE CRLF DATA CRLF ... 0 CRLF */
        char *out = body;
        for (;;) {
            char *size_line = next_line(&p, end), *stop;
            unsigned long n;
            if (!size_line)
                goto done;
            n = strtoul(size_line, &stop, 16);
            if (stop == size_line)
                goto done;
            if (n == 0)
                break;
            if (n > (size_t)(end - p))
                goto done;
            memmove(out, p, n);
            out += n, p += n;
            if (p < end && *p == '\r')
                p++;
            if (p < end && *p == '\n')
                p++;
        }
        len = (size_t)(out - body);
    } else if (cl) {
        char *stop;
        unsigned long long n = strtoull(cl, &stop, 10);
        if (stop == cl || *stop)
            goto done; /* libmicrohttpd refuses it */
        /* a body shorter than declared: the rest never comes */
        whole = n <= (size_t)(end - body);
        len = whole ? (size_t)n : (size_t)(end - body);
    }
    /* the body arrives in pieces of 1 to 4096 bytes */
    piece = 1 + (size_t)(size ? data[size - 1] : 0) * 16;
    server->token = get_header(&rq, "Authorization") ? token : NULL;
    gen = server->gen;
    handle(&rq, method, target, body, len, piece, whole);
    server->token = NULL;
    if (server->gen != gen) {
        fuzz_db_restore(&fdb, server);
        restores++;
    }
done:
    free(buf);
    return 0;
}
