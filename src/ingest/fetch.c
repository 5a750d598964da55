/*
 * fetch.c: reading a URL.  xc_read hands every input that starts with
 * http:// or https:// here; feeds read with --follow fetch their items'
 * links through the same code.  libcurl does the transfer under limits
 * (a total timeout, a connect timeout, a size cap, http and https only),
 * and this file adds what a polite and careful client needs on top:
 *
 *   - redirects are followed by hand, at most XC_MAX_REDIRECTS of them, so
 *     that a loop is named as a loop (A -> B -> A) and every hop passes
 *     the same checks as the first request;
 *   - an HTTP status of 400 or more is an error for that URL ("HTTP 404"),
 *     and its body is not downloaded;
 *   - politeness is process-wide: one request at a time to a host, and a
 *     pause (default 1 s) between two requests to the same host, whichever
 *     reader or thread makes them;
 *   - the Content-Type decides the format and gives the charset hint.
 *
 * A fetcher (one libcurl easy handle) belongs to one reader and keeps its
 * connections open between requests.  Internal; prefix xc_fetch.
 */
#include "core/util.h"
#include "ingest/ingest.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define XC_MAX_REDIRECTS 5
#define XC_DEFAULT_TIMEOUT 30.0 /* seconds for one URL, redirects included */
#define XC_DEFAULT_DELAY 1.0    /* seconds between two requests to a host */
#define XC_CONNECT_TIMEOUT 10.0
#define XC_USER_AGENT \
    "crosscheck/" XC_VERSION " (compares news reports of one story; libcurl)"

struct xc_fetcher {
    CURL *curl;
};

/* ---- libcurl's global state: set up once per process ---------------------- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void curl_init(void)
{
    curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

xc_code xc_fetcher_new(xc_fetcher **out, xc_error *err)
{
    xc_fetcher *f;
    *out = NULL;
    pthread_once(&curl_once, curl_init);
    if (curl_init_rc != CURLE_OK)
        return xc_fail(err, XC_ERR_INTERNAL, "libcurl cannot start: %s",
                       curl_easy_strerror(curl_init_rc));
    if (!(f = calloc(1, sizeof *f)) || !(f->curl = curl_easy_init())) {
        free(f);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    *out = f;
    return XC_OK;
}

void xc_fetcher_free(xc_fetcher *f)
{
    if (!f)
        return;
    curl_easy_cleanup(f->curl);
    free(f);
}

void xc_fetched_free(xc_fetched *r)
{
    if (!r)
        return;
    free(r->body);
    free(r->url);
    free(r->type);
    free(r->charset);
    memset(r, 0, sizeof *r);
}

int xc_is_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

/* ---- politeness: one request at a time per host, a pause between ---------- */

#define XC_HOSTS 64 /* hosts remembered; the least recent is forgotten */

typedef struct host_slot {
    char name[300]; /* scheme://host:port; "" when free */
    double next_ok; /* monotonic time of the next allowed request */
    int busy;       /* a request to this host is under way */
} host_slot;

static pthread_mutex_t hosts_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hosts_cv = PTHREAD_COND_INITIALIZER;
static host_slot hosts[XC_HOSTS];

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_for(double secs)
{
    struct timespec ts;
    ts.tv_sec = (time_t)secs;
    ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* The slot of NAME, or a free or forgettable one (NULL if all are busy).
   Called with hosts_mu held. */
static host_slot *host_find(const char *name)
{
    host_slot *spare = NULL;
    for (int i = 0; i < XC_HOSTS; i++) {
        host_slot *h = &hosts[i];
        if (strcmp(h->name, name) == 0)
            return h;
        if (!h->busy && (!spare || h->next_ok < spare->next_ok))
            spare = h;
    }
    if (spare) {
        snprintf(spare->name, sizeof spare->name, "%s", name);
        spare->next_ok = 0;
    }
    return spare;
}

/* Wait until HOST may be asked, and mark it busy. */
static void host_acquire(const char *host)
{
    pthread_mutex_lock(&hosts_mu);
    for (;;) {
        double now = now_mono();
        host_slot *h = host_find(host);
        if (!h || h->busy) {
            pthread_cond_wait(&hosts_cv, &hosts_mu);
            continue;
        }
        if (now < h->next_ok) {
            double wait = h->next_ok - now;
            pthread_mutex_unlock(&hosts_mu);
            sleep_for(wait);
            pthread_mutex_lock(&hosts_mu);
            continue;
        }
        h->busy = 1;
        break;
    }
    pthread_mutex_unlock(&hosts_mu);
}

static void host_release(const char *host, double delay)
{
    pthread_mutex_lock(&hosts_mu);
    for (int i = 0; i < XC_HOSTS; i++)
        if (strcmp(hosts[i].name, host) == 0) {
            hosts[i].busy = 0;
            hosts[i].next_ok = now_mono() + delay;
        }
    pthread_cond_broadcast(&hosts_cv);
    pthread_mutex_unlock(&hosts_mu);
}

/* "scheme://host:port" of URL into OUT; XC_ERR_ARG for a URL that is not
   http or https or cannot be parsed. */
static xc_code host_of(const char *url, char *out, size_t cap, xc_error *err)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL;
    xc_code rc = XC_OK;
    if (!u)
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK)
        rc = xc_fail(err, XC_ERR_ARG, "not a URL that can be read");
    else if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0)
        rc = xc_fail(err, XC_ERR_ARG, "only http and https URLs are read, not %s",
                     scheme);
    else
        snprintf(out, cap, "%s://%s:%s", scheme, host, port);
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return rc;
}

/* ---- one transfer ------------------------------------------------------------ */

typedef struct sink_state {
    CURL *curl;
    xc_buf body;
    int too_big;    /* the body went past the cap */
    int http_error; /* the status was 400 or more: body not kept */
} sink_state;

static size_t on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
    sink_state *s = ctx;
    size_t n = size * nmemb;
    long status = 0;
    curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 400) {
        s->http_error = 1;
        return 0; /* stop: the error page is of no use */
    }
    if (status >= 300 && status < 400)
        return n; /* a redirect's body: not kept */
    if (xc_buf_append(&s->body, data, n) != XC_OK) {
        s->too_big = 1;
        return 0;
    }
    return n;
}

static double opt_seconds(double v, double dflt)
{
    if (v > 0)
        return v;
    return v < 0 ? 0 : dflt;
}

/* Split a Content-Type into lowercase media type and charset (either may
   stay NULL). */
static xc_code parse_type(const char *ct, char **type, char **charset)
{
    const char *semi, *p;
    size_t n;
    *type = *charset = NULL;
    if (!ct)
        return XC_OK;
    while (*ct == ' ')
        ct++;
    semi = strchr(ct, ';');
    n = semi ? (size_t)(semi - ct) : strlen(ct);
    while (n && ct[n - 1] == ' ')
        n--;
    if (!(*type = xc_strndup(ct, n)))
        return XC_ERR_NOMEM;
    for (char *c = *type; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    for (p = semi; p && *p; p = strchr(p + 1, ';')) {
        const char *v = p + 1;
        while (*v == ' ')
            v++;
        if (strncasecmp(v, "charset=", 8) == 0) {
            v += 8;
            if (*v == '"')
                v++;
            n = strcspn(v, "\"; ");
            if (n && n < 40 && !(*charset = xc_strndup(v, n)))
                return XC_ERR_NOMEM;
            break;
        }
    }
    return XC_OK;
}

static xc_code curl_failure(CURL *c, CURLcode cc, const char *errbuf,
                            const sink_state *s, double timeout, size_t max,
                            xc_error *err)
{
    curl_off_t cl = -1;
    switch (cc) {
    case CURLE_OPERATION_TIMEDOUT:
        return xc_fail(err, XC_ERR_IO, "no complete answer within %g s "
                       "(timed out; see --timeout)", timeout);
    case CURLE_FILESIZE_EXCEEDED:
        curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
        if (cl > 0)
            return xc_fail(err, XC_ERR_TOO_BIG,
                           "the page is %.1f MB, over the limit of %.1f MB per "
                           "document (raise it with --max-bytes)",
                           (double)cl / 1e6, (double)max / 1e6);
        return xc_fail(err, XC_ERR_TOO_BIG,
                       "the page is over the limit of %.1f MB per document "
                       "(raise it with --max-bytes)", (double)max / 1e6);
    case CURLE_WRITE_ERROR:
        if (s->too_big)
            return xc_fail(err, XC_ERR_TOO_BIG,
                           "the page is over the limit of %.1f MB per "
                           "document (raise it with --max-bytes)",
                           (double)max / 1e6);
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        return xc_fail(err, XC_ERR_IO, "cannot resolve the host name");
    case CURLE_COULDNT_CONNECT:
        return xc_fail(err, XC_ERR_IO, "cannot connect%s%s",
                       errbuf[0] ? ": " : "", errbuf);
    default:
        break;
    }
    return xc_fail(err, XC_ERR_IO, "%s", errbuf[0] ? errbuf : curl_easy_strerror(cc));
}

xc_code xc_fetch(xc_fetcher *f, const char *url, const xc_read_opts *o,
                 size_t max, xc_fetched *out, xc_error *err)
{
    double timeout = opt_seconds(o->timeout, XC_DEFAULT_TIMEOUT);
    double delay = opt_seconds(o->delay, XC_DEFAULT_DELAY);
    double deadline = now_mono() + timeout;
    char *seen[XC_MAX_REDIRECTS + 1] = {0}; /* the URLs asked, in order */
    char host[300], errbuf[CURL_ERROR_SIZE];
    xc_code rc = XC_OK;
    CURL *c = f->curl;
    int hop;

    memset(out, 0, sizeof *out);
    xc_error_clear(err);
    if (!(seen[0] = xc_strdup(url)))
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    for (hop = 0;; hop++) {
        sink_state s = {c, {0}, 0, 0};
        double left = deadline - now_mono();
        long status = 0;
        char *next = NULL, *ct = NULL;
        CURLcode cc;

        if ((rc = host_of(seen[hop], host, sizeof host, err)) != XC_OK)
            break;
        if (left <= 0) {
            rc = xc_fail(err, XC_ERR_IO, "no complete answer within %g s "
                         "(timed out; see --timeout)", timeout);
            break;
        }
        xc_buf_init(&s.body, max);
        errbuf[0] = '\0';
        curl_easy_reset(c);
        curl_easy_setopt(c, CURLOPT_URL, seen[hop]);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85: the _STR forms */
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
        curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
        curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_USERAGENT, XC_USER_AGENT);
        curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* what libcurl decodes */
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)ceil(left * 1000));
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                         (long)ceil(fmin(left, XC_CONNECT_TIMEOUT) * 1000));
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        host_acquire(host);
        cc = curl_easy_perform(c);
        host_release(host, delay);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (cc != CURLE_OK && !s.http_error) {
            rc = curl_failure(c, cc, errbuf, &s, timeout, max, err);
            xc_buf_free(&s.body);
            break;
        }
        if (status >= 400) {
            rc = xc_fail(err, status == 404 || status == 410 ? XC_ERR_NOT_FOUND
                                                             : XC_ERR_IO,
                         "HTTP %ld", status);
            xc_buf_free(&s.body);
            break;
        }
        curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &next);
        if (status >= 300 && status < 400 && next) {
            xc_buf_free(&s.body);
            for (int k = 0; k <= hop; k++)
                if (strcmp(seen[k], next) == 0) {
                    xc_buf msg;
                    xc_buf_init(&msg, 400);
                    for (int j = k; j <= hop; j++)
                        xc_buf_printf(&msg, "%s -> ", seen[j]);
                    xc_buf_puts(&msg, next);
                    rc = xc_fail(err, XC_ERR_IO, "a redirect loop: %s",
                                 msg.data ? msg.data : next);
                    xc_buf_free(&msg);
                    goto done;
                }
            if (hop == XC_MAX_REDIRECTS) {
                rc = xc_fail(err, XC_ERR_IO, "more than %d redirects",
                             XC_MAX_REDIRECTS);
                break;
            }
            if (!(seen[hop + 1] = xc_strdup(next))) {
                rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
                break;
            }
            continue;
        }
        if (status < 200 || status >= 300) {
            rc = xc_fail(err, XC_ERR_IO, "HTTP %ld", status);
            xc_buf_free(&s.body);
            break;
        }
        curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
        if (parse_type(ct, &out->type, &out->charset) != XC_OK ||
            !(out->url = xc_strdup(seen[hop]))) {
            xc_buf_free(&s.body);
            xc_fetched_free(out);
            rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
            break;
        }
        out->body = xc_buf_take(&s.body, &out->len);
        if (!out->body && !(out->body = calloc(1, 1))) {
            xc_fetched_free(out);
            rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
        }
        break;
    }
done:
    for (int k = 0; k <= XC_MAX_REDIRECTS; k++)
        free(seen[k]);
    return rc;
}

xc_format xc_fetch_format(const char *type)
{
    static const struct {
        const char *type;
        xc_format fmt;
    } known[] = {
        {"text/html", XC_FORMAT_HTML},
        {"application/xhtml+xml", XC_FORMAT_HTML},
        {"application/rss+xml", XC_FORMAT_FEED},
        {"application/atom+xml", XC_FORMAT_FEED},
        {"application/feed+xml", XC_FORMAT_FEED},
        {"application/rdf+xml", XC_FORMAT_FEED},
        {"application/warc", XC_FORMAT_WARC},
        {"application/x-ndjson", XC_FORMAT_JSONL},
        {"application/jsonl", XC_FORMAT_JSONL},
        {"application/x-jsonlines", XC_FORMAT_JSONL},
        {"text/plain", XC_FORMAT_TEXT},
        {"text/markdown", XC_FORMAT_TEXT},
    };
    if (!type)
        return XC_FORMAT_AUTO;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(type, known[i].type) == 0)
            return known[i].fmt;
    return XC_FORMAT_AUTO; /* text/xml, application/xml, octet-stream: sniff */
}
