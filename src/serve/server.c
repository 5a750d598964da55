/*
 * server.c: the HTTP side of `crosscheck serve`, on libmicrohttpd.  It
 * listens (on loopback unless a token guards the API), keeps every limit
 * (connections, body size, idle and request time), checks the token,
 * collects request bodies and hands whole requests to api.c, and serves
 * the web page from the files built into the binary (assets.h): no path
 * from a request ever reaches the file system.  Every answer carries the
 * same security headers, so that no document text can run as script in
 * the page (a Content-Security-Policy without inline script, nosniff).
 *
 * Threads: libmicrohttpd's pool of O.threads threads, each polling its own
 * connections and running the handlers; state.c has what they share.
 */
#include "serve/serve.h"
#include "serve/assets.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define CSP                                                                  \
    "default-src 'none'; script-src 'self'; style-src 'self'; "            \
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "          \
    "form-action 'self'; frame-ancestors 'none'"
#define JSON_TYPE "application/json; charset=utf-8"
#define TEXT_TYPE "text/plain; charset=utf-8"

/* Marks a connection accepted over the limit (its socket context). */
static char over_limit;

int xc_serve_is_loopback(const char *host)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, host, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6);
    return 0;
}

unsigned xc_serve_port(const xc_server *sv)
{
    return sv ? sv->port : 0;
}

/* ---- answering -------------------------------------------------------------- */

static const char *conn_arg(void *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

static int is_api(const char *path)
{
    return strncmp(path, "/api", 4) == 0 && (path[4] == '/' || path[4] == '\0');
}

int xc_serve_headers(const char *url, const xc_serve_reply *r,
                     int (*add)(void *ctx, const char *name, const char *value),
                     void *ctx)
{
    char retry[16];
    int ret = 0;
#define ADD(name, value)                                                     \
    if ((ret = add(ctx, name, value)) != 0)                                  \
        return ret
    if (r->status != 204) {
        ADD(MHD_HTTP_HEADER_CONTENT_TYPE, r->type ? r->type : JSON_TYPE);
    }
    ADD("Content-Security-Policy", CSP);
    ADD("X-Content-Type-Options", "nosniff");
    ADD("Referrer-Policy", "no-referrer");
    ADD("X-Frame-Options", "DENY");
    ADD(MHD_HTTP_HEADER_CACHE_CONTROL, is_api(url) ? "no-store" : "no-cache");
    if (r->allow) {
        ADD(MHD_HTTP_HEADER_ALLOW, r->allow);
    }
    if (r->blob || r->gzip) {
        ADD(MHD_HTTP_HEADER_VARY, "Accept-Encoding");
    }
    if (r->gzip) {
        ADD(MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
    }
    if (r->status == 401) {
        ADD(MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"crosscheck\"");
    }
    if (r->retry_after > 0) {
        snprintf(retry, sizeof retry, "%d", r->retry_after);
        ADD(MHD_HTTP_HEADER_RETRY_AFTER, retry);
    }
    /* a 503 for too many connections also closes one */
    if (r->status == 503 && r->retry_after == 1) {
        ADD(MHD_HTTP_HEADER_CONNECTION, "close");
    }
#undef ADD
    return 0;
}

static int add_header(void *resp, const char *name, const char *value)
{
    MHD_add_response_header(resp, name, value);
    return 0;
}

/* Queue R on C with the headers every answer carries; takes R's body. */
static enum MHD_Result send_reply(struct MHD_Connection *c, const char *url,
                                  xc_serve_reply *r)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;

    if (r->blob) {
        resp = MHD_create_response_from_buffer_with_free_callback_cls(
            r->gzip ? r->blob->gzlen : r->blob->len,
            r->gzip ? r->blob->gz : r->blob->data, xc_serve_blob_unref, r->blob);
        if (!resp)
            xc_serve_blob_unref(r->blob);
    } else if (r->body) {
        resp = MHD_create_response_from_buffer_with_free_callback(r->len, r->body,
                                                                  free);
        if (!resp)
            free(r->body);
    } else {
        resp = MHD_create_response_from_buffer(r->len, (void *)(uintptr_t)r->fixed,
                                               MHD_RESPMEM_PERSISTENT);
    }
    if (!resp) {
        r->blob = NULL;
        r->body = NULL;
        return MHD_NO;
    }
    xc_serve_headers(url, r, add_header, resp);
    r->blob = NULL;
    r->body = NULL;
    ret = MHD_queue_response(c, r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Nonzero when the Authorization header GIVEN carries the token WANT.  The
   token is compared in time that does not depend on where it differs. */
static int token_ok(const char *given, const char *want)
{
    size_t glen, wlen = strlen(want);
    unsigned char diff;
    if (!given || strncasecmp(given, "Bearer ", 7) != 0)
        return 0;
    given += 7;
    while (*given == ' ')
        given++;
    glen = strlen(given);
    diff = glen != wlen;
    for (size_t i = 0; i < wlen; i++)
        diff |= (unsigned char)((i < glen ? given[i] : 0) ^ want[i]);
    return diff == 0;
}

/* A page file, or a plain 404: the path is only ever looked up in the
   built-in set. */
static void static_file(const char *method, const char *path, xc_serve_reply *r)
{
    static const char nf[] = "not found\n";
    const xc_asset *a;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        static const char na[] = "method not allowed\n";
        r->status = 405;
        r->type = TEXT_TYPE;
        r->fixed = na;
        r->len = sizeof na - 1;
        r->allow = "GET, HEAD";
        return;
    }
    if (!(a = xc_asset_find(path))) {
        r->status = 404;
        r->type = TEXT_TYPE;
        r->fixed = nf;
        r->len = sizeof nf - 1;
        return;
    }
    r->status = 200;
    r->type = a->type;
    r->fixed = a->data;
    r->len = a->len;
}

static int is_post_documents(const char *url, const char *method)
{
    return strcmp(url, "/api/documents") == 0 && strcmp(method, "POST") == 0;
}

/* Nonzero when the request may use the API: no token is set, or it sent
   the token. */
static int authorized(xc_server *sv, const xc_serve_http *h)
{
    return !sv->token ||
           token_ok(h->header(h->conn, MHD_HTTP_HEADER_AUTHORIZATION), sv->token);
}

static void unauthorized(xc_serve_reply *r)
{
    xc_serve_error(r, 401, "this server needs its token: send the header "
                           "'Authorization: Bearer TOKEN'");
}

/*
 * Whether a request whose headers have arrived is answered before its body
 * (filling R and returning 1): a connection over the limit, and an upload
 * that cannot be taken (no token, a type not read, a declared length over
 * the limit).  Answering early makes libmicrohttpd close the connection,
 * so the rest of the body is never read.
 */
int xc_serve_begin(xc_server *sv, const xc_serve_http *h, xc_serve_body *rq,
                   xc_serve_reply *r)
{
    const char *url = h->url, *method = h->method;
    const char *type, *len;

    rq->start = xc_serve_now();
    if (h->over_limit) {
        xc_serve_error(r, 503, "too many connections (the limit is %u); try "
                               "again in a moment",
                       sv->o.max_connections);
        r->retry_after = 1;
        return 1;
    }
    if (!is_post_documents(url, method))
        return 0;
    if (!authorized(sv, h)) {
        unauthorized(r);
        return 1;
    }
    type = h->header(h->conn, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (xc_serve_body_type(type) < 0) {
        xc_serve_req req = {method, url, h->arg, h->conn, type, 0, NULL, 0,
                            rq->start + sv->o.timeout};
        xc_serve_api(sv, &req, r); /* says 415 */
        return 1;
    }
    len = h->header(h->conn, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (len) {
        unsigned long long n = strtoull(len, NULL, 10);
        if (n > sv->o.max_body) {
            xc_serve_error(r, 413, "the body (%llu bytes) is over the limit of "
                                   "%zu bytes",
                           n, sv->o.max_body);
            return 1;
        }
        if (n > 0 && !(rq->body = malloc((size_t)n + 1))) {
            xc_serve_error(r, 503, "out of memory");
            return 1;
        }
        rq->cap = (size_t)n + 1;
    }
    rq->keep = 1;
    return 0;
}

/* Nonzero when the client's Accept-Encoding takes gzip (and does not say
   "gzip;q=0"). */
static int takes_gzip(const xc_serve_http *h)
{
    const char *ae = h->header(h->conn, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    const char *g = ae ? strcasestr(ae, "gzip") : NULL;
    if (!g)
        return 0;
    g += 4;
    while (*g == ' ')
        g++;
    if (*g != ';')
        return 1;
    g++;
    while (*g == ' ')
        g++;
    return !(g[0] == 'q' && g[1] == '=' && strtod(g + 2, NULL) <= 0);
}

/* Answer a request that has arrived whole. */
void xc_serve_finish(xc_server *sv, const xc_serve_http *h, xc_serve_body *rq,
                     xc_serve_reply *r)
{
    const char *url = h->url, *method = h->method;
    xc_serve_req req = {method, url, h->arg, h->conn,
                        h->header(h->conn, MHD_HTTP_HEADER_CONTENT_TYPE),
                        takes_gzip(h), rq->body ? rq->body : "",
                        rq->keep ? rq->len : 0, rq->start + sv->o.timeout};
    if (rq->too_big == 1)
        xc_serve_error(r, 413, "the body is over the limit of %zu bytes",
                       sv->o.max_body);
    else if (rq->too_big)
        xc_serve_error(r, 503, "out of memory");
    else if (!is_api(url))
        static_file(method, url, r);
    else if (!authorized(sv, h))
        unauthorized(r);
    else
        xc_serve_api(sv, &req, r);
    free(rq->body); /* the reply holds no pointer into it */
    rq->body = NULL;
}

/* Keep N more bytes of body; past the limit they are counted and dropped. */
void xc_serve_take(xc_server *sv, xc_serve_body *rq, const char *data, size_t n)
{
    if (rq->too_big)
        return;
    if (n > sv->o.max_body - rq->len) {
        rq->too_big = 1;
        free(rq->body);
        rq->body = NULL;
        return;
    }
    if (!rq->keep) {
        rq->len += n;
        return;
    }
    if (rq->len + n + 1 > rq->cap) {
        size_t cap = rq->cap ? rq->cap : 65536;
        char *b;
        while (cap < rq->len + n + 1)
            cap *= 2;
        if (cap > sv->o.max_body + 1)
            cap = sv->o.max_body + 1;
        if (!(b = realloc(rq->body, cap))) {
            rq->too_big = 2; /* out of memory */
            free(rq->body);
            rq->body = NULL;
            return;
        }
        rq->body = b;
        rq->cap = cap;
    }
    memcpy(rq->body + rq->len, data, n);
    rq->len += n;
}

/* Send R, telling the log of failures that are the server's fault. */
static enum MHD_Result answer(xc_server *sv, struct MHD_Connection *c,
                              const char *url, const char *method,
                              xc_serve_reply *r)
{
    if (r->status >= 500 && r->status != 503 && sv->o.log) {
        char msg[700];
        snprintf(msg, sizeof msg, "%.20s %.200s failed with %u", method, url,
                 r->status);
        sv->o.log(sv->o.log_ctx, msg);
    }
    return send_reply(c, url, r);
}

static const char *conn_header(void *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    xc_server *sv = cls;
    xc_serve_body *rq = *con_cls;
    xc_serve_reply r = {0};
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    xc_serve_http h = {method, url, conn_header, conn_arg, c,
                       ci && ci->socket_context == &over_limit};
    (void)version;

    if (!rq) {
        if (!(rq = calloc(1, sizeof *rq)))
            return MHD_NO;
        *con_cls = rq;
        if (xc_serve_begin(sv, &h, rq, &r))
            return answer(sv, c, url, method, &r);
        return MHD_YES;
    }
    if (*upload_size) {
        /* a body that takes longer than the time limit: drop the client */
        if (xc_serve_now() - rq->start > sv->o.timeout)
            return MHD_NO;
        xc_serve_take(sv, rq, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    xc_serve_finish(sv, &h, rq, &r);
    return answer(sv, c, url, method, &r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    xc_serve_body *rq = *con_cls;
    (void)cls;
    (void)c;
    (void)toe;
    if (rq) {
        free(rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

static void on_connection(void *cls, struct MHD_Connection *c,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    xc_server *sv = cls;
    (void)c;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        unsigned n = atomic_fetch_add(&sv->conns, 1) + 1;
        *socket_context = n > sv->o.max_connections ? &over_limit : NULL;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        atomic_fetch_sub(&sv->conns, 1);
    }
}

/* ---- starting and stopping -------------------------------------------------- */

/* A listening socket on HOST:PORT in *fd, the port it got in SV->port. */
static xc_code listen_on(xc_server *sv, const char *host, unsigned port,
                         int *fd, xc_error *err)
{
    struct sockaddr_storage ss;
    struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
    socklen_t len;
    int one = 1, s;

    memset(&ss, 0, sizeof ss);
    if (port > 65535)
        return xc_serve_fail(err, XC_ERR_ARG, "port %u: ports go up to 65535",
                             port);
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        len = sizeof *a4;
    } else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        len = sizeof *a6;
    } else {
        return xc_serve_fail(err, XC_ERR_ARG,
                             "%s is not a numeric IPv4 or IPv6 address", host);
    }
    s = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (s < 0)
        return xc_serve_fail(err, XC_ERR_IO, "cannot make a socket: %s",
                             strerror(errno));
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (ss.ss_family == AF_INET6)
        setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(s, (struct sockaddr *)&ss, len) != 0 || listen(s, SOMAXCONN) != 0) {
        int e = errno;
        close(s);
        return xc_serve_fail(err, XC_ERR_IO, "cannot listen on %s port %u: %s",
                             host, port, strerror(e));
    }
    len = sizeof ss;
    if (getsockname(s, (struct sockaddr *)&ss, &len) == 0)
        sv->port = ntohs(ss.ss_family == AF_INET ? a4->sin_port : a6->sin6_port);
    *fd = s;
    return XC_OK;
}

xc_code xc_serve_open(const xc_serve_opts *o, xc_server **out, xc_error *err)
{
    xc_server *sv;
    xc_code code;
    long cores;

    *out = NULL;
    if (!o || !o->db)
        return xc_serve_fail(err, XC_ERR_ARG, "serving: no database");
    if (!(sv = calloc(1, sizeof *sv)))
        return xc_serve_fail(err, XC_ERR_NOMEM, "out of memory");
    sv->o = *o;
    if (!sv->o.max_body)
        sv->o.max_body = XC_SERVE_MAX_BODY;
    if (!sv->o.max_connections)
        sv->o.max_connections = XC_SERVE_MAX_CONNECTIONS;
    if (!sv->o.timeout)
        sv->o.timeout = XC_SERVE_TIMEOUT;
    if (!sv->o.threads) {
        cores = sysconf(_SC_NPROCESSORS_ONLN);
        sv->o.threads = cores > 0 ? (unsigned)(cores < 64 ? cores : 64) : 1;
    }
    atomic_init(&sv->conns, 0);
    atomic_init(&sv->stopping, 0);
    sv->db = strdup(o->db);
    sv->token = o->token && *o->token ? strdup(o->token) : NULL;
    if (!sv->db || (o->token && *o->token && !sv->token)) {
        free(sv->db);
        free(sv->token);
        free(sv);
        return xc_serve_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    code = xc_serve_state_init(sv, err);
    if (code != XC_OK) {
        xc_serve_close(sv);
        return code;
    }
    *out = sv;
    return XC_OK;
}

void xc_serve_close(xc_server *sv)
{
    if (!sv)
        return;
    xc_serve_state_free(sv);
    free(sv->db);
    free(sv->token);
    free(sv);
}

xc_code xc_serve_start(const xc_serve_opts *o, xc_server **out, xc_error *err)
{
    xc_server *sv;
    xc_code code;
    int fd = -1;
    unsigned flags = MHD_USE_AUTO;

    *out = NULL;
    if (!o || !o->db || !o->host)
        return xc_serve_fail(err, XC_ERR_ARG, "serving: no database or address");
    if (!xc_serve_is_loopback(o->host) && (!o->token || !*o->token))
        return xc_serve_fail(err, XC_ERR_ARG,
                             "listening on %s lets other machines in: give a "
                             "token with --token or CROSSCHECK_TOKEN",
                             o->host);
    if ((code = xc_serve_open(o, &sv, err)) != XC_OK)
        return code;
    if (!o->polled)
        flags |= MHD_USE_INTERNAL_POLLING_THREAD;
    code = listen_on(sv, o->host, o->port, &fd, err);
    if (code == XC_OK) {
        /* up to twice the limit are accepted, those past it only to be
           told 503; past that libmicrohttpd closes new connections */
        unsigned accept_max = sv->o.max_connections * 2;
        struct MHD_OptionItem pool[] = {
            {MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)sv->o.threads, NULL},
            {MHD_OPTION_END, 0, NULL}};
        sv->mhd = MHD_start_daemon(
            flags, 0, NULL, NULL, on_request, sv, MHD_OPTION_LISTEN_SOCKET, fd,
            MHD_OPTION_CONNECTION_LIMIT, accept_max,
            MHD_OPTION_CONNECTION_TIMEOUT, sv->o.timeout,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, sv,
            MHD_OPTION_NOTIFY_CONNECTION, on_connection, sv,
            MHD_OPTION_ARRAY, sv->o.threads > 1 && !o->polled ? pool : pool + 1,
            MHD_OPTION_END);
        if (!sv->mhd) {
            close(fd);
            code = xc_serve_fail(err, XC_ERR_IO,
                                 "the HTTP server (libmicrohttpd) did not start");
        }
    }
    if (code != XC_OK) {
        xc_serve_close(sv);
        return code;
    }
    *out = sv;
    return XC_OK;
}

void xc_serve_stop(xc_server *sv)
{
    if (!sv)
        return;
    /* wake the requests waiting for dossiers, then close */
    atomic_store(&sv->stopping, 1);
    pthread_mutex_lock(&sv->lock);
    pthread_cond_broadcast(&sv->changed);
    pthread_mutex_unlock(&sv->lock);
    MHD_stop_daemon(sv->mhd);
    xc_serve_close(sv);
}
