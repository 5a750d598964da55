/*
 * read.c: the front door of the pipeline.  Turns what the user names (a
 * file, a directory tree, standard input, a URL, a list of these) into
 * documents: it reads bytes under a cap (fetch.c for URLs), picks the
 * format (plain text, JSON Lines, HTML, a feed, a WARC file), decodes to
 * UTF-8 through the text layer, and hands each document to the paste module
 * for boilerplate and metadata before delivering it to the caller's sink.
 * Feeds (feed.c) and web archives (warc.c) hand their documents back here.
 * A bad input is reported to the sink and skipped; it never stops the rest.
 */
#include "core/util.h"
#include "ingest/ingest.h"
#include "ingest/paste.h"
#include "text/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#define XC_MAX_DEPTH 64 /* directory nesting we follow */

struct xc_reader {
    const xc_read_opts *opts;
    dev_t dev[XC_MAX_DEPTH + 1]; /* the directories being read, outermost first, */
    ino_t ino[XC_MAX_DEPTH + 1]; /* so that a link back to one is not followed */
    int ndirs;
    const xc_sink *sink;
    size_t max;
    xc_code last_err; /* the last rejection, XC_OK if none */
    int stopped;      /* the sink asked us to stop */
    xc_fetcher *fetcher; /* for URLs, made on first use */
    const char *where;   /* "LIST:LINE" while reading an input from a list */
};
typedef struct xc_reader reader;

static void problem(reader *r, const char *source, xc_code code,
                    const char *msg, int warning)
{
    char named[4400];
    if (!warning)
        r->last_err = code;
    if (r->where) {
        snprintf(named, sizeof named, "%s: %s", r->where, source);
        source = named;
    }
    if (r->sink->problem)
        r->sink->problem(r->sink->ctx, source, code, msg, warning);
}

static void deliver(reader *r, xc_doc *doc)
{
    if (r->sink->doc(r->sink->ctx, doc))
        r->stopped = 1;
}

/* ---- formats --------------------------------------------------------- */

static int has_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), m = strlen(suffix);
    return n >= m && strcasecmp(path + n - m, suffix) == 0;
}

/* Decide the format of an input named PATH that begins with HEAD[0..N). */
static xc_format sniff(const char *path, const char *head, size_t n,
                       xc_format forced)
{
    size_t i = 0;
    if (forced != XC_FORMAT_AUTO)
        return forced;
    if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson"))
        return XC_FORMAT_JSONL;
    if (has_suffix(path, ".html") || has_suffix(path, ".htm") ||
        has_suffix(path, ".xhtml"))
        return XC_FORMAT_HTML;
    if (has_suffix(path, ".warc") || has_suffix(path, ".warc.gz") ||
        xc_warc_sniff(head, n))
        return XC_FORMAT_WARC;
    if (has_suffix(path, ".rss") || has_suffix(path, ".atom") ||
        has_suffix(path, ".xml"))
        return XC_FORMAT_FEED;
    if (n >= 3 && (unsigned char)head[0] == 0xEF &&
        (unsigned char)head[1] == 0xBB && (unsigned char)head[2] == 0xBF)
        i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
                     head[i] == '\n'))
        i++;
    if (n - i >= 5 && (strncasecmp(head + i, "<!doc", 5) == 0 ||
                       strncasecmp(head + i, "<html", 5) == 0))
        return XC_FORMAT_HTML;
    if (n - i >= 4 && head[i] == '<' && xc_feed_sniff(head + i, n - i))
        return XC_FORMAT_FEED;
    if (n - i >= 5 && strncmp(head + i, "<?xml", 5) == 0 &&
        memmem(head + i, n - i, "<html", 5))
        return XC_FORMAT_HTML; /* XHTML with an XML declaration */
    /* standard input that opens with an object is JSON Lines */
    if (strcmp(path, "-") == 0 && i < n && head[i] == '{')
        return XC_FORMAT_JSONL;
    return XC_FORMAT_TEXT;
}

/* Apply the caller's overrides, then what the text itself says. */
static xc_code finish_doc(xc_doc *doc, const xc_read_opts *o, xc_error *err)
{
    doc->hash = XXH64(doc->text, doc->len, 0);
    if (o && o->title && !(doc->title = xc_strdup(o->title)))
        goto nomem;
    if (o && o->outlet) {
        free(doc->outlet);
        if (!(doc->outlet = xc_strdup(o->outlet)))
            goto nomem;
    }
    if (o && o->published) {
        free(doc->published);
        if (!(doc->published = xc_strdup(o->published)))
            goto nomem;
    }
    if (!doc->language && !(doc->language = xc_strdup("en")))
        goto nomem;
    if (xc_paste_read(doc) != XC_OK)
        goto nomem;
    return XC_OK;
nomem:
    return xc_fail(err, XC_ERR_NOMEM, "out of memory");
}

xc_code xc_doc_from_bytes(const char *source, const char *bytes, size_t n,
                          const xc_read_opts *opts, xc_doc **out,
                          xc_error *err)
{
    xc_read_opts none = {0};
    size_t max;
    xc_format fmt;
    xc_doc *doc;
    xc_code rc;

    *out = NULL;
    xc_error_clear(err);
    if (!opts)
        opts = &none;
    if (opts->published && !xc_date_valid(opts->published))
        return xc_fail(err, XC_ERR_ARG,
                       "published date \"%s\" is not YYYY-MM-DD, YYYY-MM or YYYY",
                       opts->published);
    max = opts->max_bytes ? opts->max_bytes : XC_DEFAULT_MAX_BYTES;
    if (n > max)
        return xc_fail(err, XC_ERR_TOO_BIG,
                       "%zu bytes is over the limit of %zu bytes per document",
                       n, max);
    fmt = sniff(source, bytes, n < 512 ? n : 512, opts->format);
    if (fmt == XC_FORMAT_JSONL || fmt == XC_FORMAT_FEED || fmt == XC_FORMAT_WARC)
        return xc_fail(err, XC_ERR_ARG, "%s hold many documents: use xc_read",
                       fmt == XC_FORMAT_JSONL ? "JSON Lines"
                       : fmt == XC_FORMAT_FEED ? "feeds" : "WARC files");
    if (fmt == XC_FORMAT_HTML) /* a finished document, its own furniture */
        return xc_html_to_doc(source, bytes, n, NULL, opts, out, err);
    if (!(doc = xc_doc_new()) || !(doc->source = xc_strdup(source))) {
        xc_doc_free(doc);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    {
        xc_decoded dec;
        rc = xc_text_decode(bytes, n, &dec, err);
        if (rc == XC_OK) {
            doc->text = dec.text;
            doc->len = dec.len;
            if (dec.from) {
                if (!(doc->encoding = xc_strdup(dec.from)))
                    rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
                else
                    xc_fail(err, XC_OK, "not UTF-8: read as %s", dec.from);
            }
        }
    }
    if (rc == XC_OK)
        rc = finish_doc(doc, opts, err);
    if (rc != XC_OK) {
        xc_doc_free(doc);
        return rc;
    }
    *out = doc;
    return XC_OK;
}

/* ---- reading bytes under a cap ----------------------------------------- */

/*
 * Read all of FD into a new buffer (caller frees) of at most MAX bytes.
 * SIZE is the file's size when known (a regular file), else 0.
 */
static xc_code slurp(int fd, size_t size, size_t max, char **out, size_t *n,
                     xc_error *err)
{
    xc_buf b;
    char chunk[65536];
    xc_buf_init(&b, max);
    *out = NULL;
    *n = 0;
    if (size > max)
        return xc_fail(err, XC_ERR_TOO_BIG,
                       "file is %.1f MB, over the limit of %.1f MB per "
                       "document (raise it with --max-bytes)",
                       (double)size / 1e6, (double)max / 1e6);
    for (;;) {
        ssize_t got = read(fd, chunk, sizeof chunk);
        xc_code rc;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            xc_buf_free(&b);
            return xc_fail(err, XC_ERR_IO, "cannot read: %s", strerror(errno));
        }
        if (got == 0)
            break;
        rc = xc_buf_append(&b, chunk, (size_t)got);
        if (rc == XC_ERR_TOO_BIG) {
            xc_buf_free(&b);
            return xc_fail(err, rc,
                           "input is over the limit of %.1f MB per document "
                           "(raise it with --max-bytes)", (double)max / 1e6);
        }
        if (rc != XC_OK) {
            xc_buf_free(&b);
            return xc_fail(err, rc, "out of memory");
        }
    }
    *out = xc_buf_take(&b, n);
    return *out ? XC_OK : xc_fail(err, XC_ERR_NOMEM, "out of memory");
}

/* ---- JSON Lines ---------------------------------------------------------- */

typedef struct line_ctx {
    reader *r;
    const char *path;
} line_ctx;

static int jsonl_line(void *ctx, size_t lineno, const char *line, size_t n,
                      xc_code status)
{
    line_ctx *lc = ctx;
    reader *r = lc->r;
    char where[4200];
    xc_error err;
    xc_doc *doc = NULL;
    xc_code rc;

    snprintf(where, sizeof where, "%s:%zu", lc->path, lineno);
    if (status == XC_ERR_TOO_BIG) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "line is over the limit of %zu bytes", r->max);
        problem(r, where, status, msg, 0);
        return 0;
    }
    rc = xc_jsonl_doc(where, line, n, r->max, &doc, &err);
    if (rc == XC_ERR_EMPTY && err.msg[0] == '\0')
        return 0; /* a blank line */
    if (rc == XC_OK)
        rc = finish_doc(doc, r->opts, &err);
    if (rc != XC_OK) {
        xc_doc_free(doc);
        problem(r, where, rc, err.msg, 0);
        return rc == XC_ERR_NOMEM;
    }
    if (err.msg[0])
        problem(r, where, XC_OK, err.msg, 1);
    deliver(r, doc);
    return r->stopped;
}

/* ---- what feeds, WARC files and URLs hand back (ingest.h) ----------------- */

const xc_read_opts *xc_reader_opts(const xc_reader *r) { return r->opts; }
size_t xc_reader_max(const xc_reader *r) { return r->max; }
int xc_reader_stopped(const xc_reader *r) { return r->stopped; }

void xc_reader_problem(xc_reader *r, const char *source, xc_code code,
                       const char *msg, int warning)
{
    problem(r, source, code, msg, warning);
}

int xc_reader_deliver(xc_reader *r, xc_doc *doc, int finished,
                      const char *warning)
{
    xc_error err;
    xc_error_clear(&err);
    if (!finished && finish_doc(doc, r->opts, &err) != XC_OK) {
        problem(r, doc->source ? doc->source : "-", err.code, err.msg, 0);
        xc_doc_free(doc);
        return 1;
    }
    if (warning && *warning)
        problem(r, doc->source ? doc->source : "-", XC_OK, warning, 1);
    deliver(r, doc);
    return r->stopped;
}

xc_fetcher *xc_reader_fetcher(xc_reader *r, xc_error *err)
{
    if (!r->fetcher && xc_fetcher_new(&r->fetcher, err) != XC_OK)
        return NULL;
    return r->fetcher;
}

void xc_reader_bytes(xc_reader *r, const char *source, const char *url,
                     const char *bytes, size_t n, xc_format fmt,
                     const char *charset)
{
    xc_read_opts o = *r->opts;
    xc_error err;
    xc_doc *doc = NULL;
    xc_code rc;

    if (fmt == XC_FORMAT_AUTO)
        fmt = sniff(source, bytes, n < 512 ? n : 512, r->opts->format);
    if (fmt == XC_FORMAT_FEED) {
        xc_feed_read(r, source, bytes, n);
        return;
    }
    if (fmt == XC_FORMAT_WARC) {
        xc_warc_read(r, source, -1, bytes, n);
        return;
    }
    if (fmt == XC_FORMAT_JSONL) {
        line_ctx lc = {r, source};
        const char *p = bytes, *end = bytes + n;
        for (size_t lineno = 1; p < end && !r->stopped; lineno++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
            jsonl_line(&lc, lineno, p, len && p[len - 1] == '\r' ? len - 1 : len,
                       XC_OK);
            p += len + 1;
        }
        return;
    }
    o.format = fmt;
    o.max_bytes = r->max;
    if (fmt == XC_FORMAT_HTML)
        rc = xc_html_to_doc(source, bytes, n, charset, &o, &doc, &err);
    else
        rc = xc_doc_from_bytes(source, bytes, n, &o, &doc, &err);
    if (rc == XC_OK && url) {
        free(doc->url);
        if (!(doc->url = xc_strdup(url)))
            rc = xc_fail(&err, XC_ERR_NOMEM, "out of memory");
    }
    if (rc != XC_OK) {
        xc_doc_free(doc);
        problem(r, source, rc, err.msg, 0);
        return;
    }
    xc_reader_deliver(r, doc, 1, err.msg);
}

/* Fetch URL and read what it holds, its format told by the Content-Type
   and, failing that, by its name and bytes. */
static void read_url(reader *r, const char *url)
{
    xc_fetcher *f;
    xc_fetched got;
    xc_error err;
    xc_format fmt;

    if (!(f = xc_reader_fetcher(r, &err)) ||
        xc_fetch(f, url, r->opts, r->max, &got, &err) != XC_OK) {
        problem(r, url, err.code, err.msg, 0);
        return;
    }
    fmt = r->opts->format;
    if (fmt == XC_FORMAT_AUTO)
        fmt = xc_fetch_format(got.type);
    xc_reader_bytes(r, url, got.url, got.body, got.len, fmt, got.charset);
    xc_fetched_free(&got);
}

/* ---- files and directories ------------------------------------------------ */

static void read_fd(reader *r, int fd, const char *path, size_t size)
{
    char head[512];
    ssize_t got;
    xc_format fmt;
    xc_error err;
    char *bytes;
    size_t n;
    xc_code rc;

    /* sniff without consuming: read the head, then carry it along */
    do
        got = read(fd, head, sizeof head);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        xc_fail(&err, XC_ERR_IO, "cannot read: %s", strerror(errno));
        problem(r, path, err.code, err.msg, 0);
        return;
    }
    fmt = sniff(path, head, (size_t)got, r->opts->format);
    if (fmt == XC_FORMAT_JSONL) {
        line_ctx lc = {r, path};
        rc = xc_lines_read(fd, head, (size_t)got, r->max, jsonl_line, &lc, &err);
        if (rc != XC_OK)
            problem(r, path, rc, err.msg, 0);
        return;
    }
    if (fmt == XC_FORMAT_WARC) { /* streamed: archives run to gigabytes */
        xc_warc_read(r, path, fd, head, (size_t)got);
        return;
    }
    {
        xc_buf b;
        char *rest;
        size_t nrest;
        if (size > r->max) {
            slurp(fd, size, r->max, &rest, &nrest, &err);
            problem(r, path, err.code, err.msg, 0);
            return;
        }
        rc = slurp(fd, 0, r->max > (size_t)got ? r->max - (size_t)got : 0,
                   &rest, &nrest, &err);
        if (rc == XC_ERR_TOO_BIG)
            xc_fail(&err, rc,
                    "input is over the limit of %.1f MB per document "
                    "(raise it with --max-bytes)", (double)r->max / 1e6);
        if (rc != XC_OK) {
            problem(r, path, rc, err.msg, 0);
            return;
        }
        xc_buf_init(&b, 0);
        if (xc_buf_append(&b, head, (size_t)got) != XC_OK ||
            xc_buf_append(&b, rest, nrest) != XC_OK) {
            free(rest);
            xc_buf_free(&b);
            problem(r, path, XC_ERR_NOMEM, "out of memory", 0);
            return;
        }
        free(rest);
        bytes = xc_buf_take(&b, &n);
    }
    xc_reader_bytes(r, path, NULL, bytes, n, fmt, NULL);
    free(bytes);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_path(reader *r, const char *path, int depth);

static void read_dir(reader *r, const char *path, const struct stat *st, int depth)
{
    DIR *dir;
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0;

    if (depth > XC_MAX_DEPTH || r->ndirs > XC_MAX_DEPTH) {
        problem(r, path, XC_ERR_ARG, "directories nested too deep", 0);
        return;
    }
    for (int k = 0; k < r->ndirs; k++)
        if (r->dev[k] == st->st_dev && r->ino[k] == st->st_ino) {
            problem(r, path, XC_ERR_ARG,
                    "a link back to a directory being read (a loop); not followed", 1);
            return;
        }
    if (!(dir = opendir(path))) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot open directory: %s", strerror(errno));
        problem(r, path, XC_ERR_IO, msg, 0);
        return;
    }
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue; /* hidden files, . and .. */
        if (n == cap) {
            size_t c = cap ? cap * 2 : 32;
            char **v = realloc(names, c * sizeof *v);
            if (!v)
                break;
            names = v;
            cap = c;
        }
        if (!(names[n] = xc_strdup(de->d_name)))
            break;
        n++;
    }
    closedir(dir);
    if (n > 1)
        xc_sort(names, n, sizeof *names, name_cmp);
    r->dev[r->ndirs] = st->st_dev;
    r->ino[r->ndirs] = st->st_ino;
    r->ndirs++;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]) + 2;
        char *child = malloc(len);
        if (child && !r->stopped) {
            int slash = path[strlen(path) - 1] == '/';
            snprintf(child, len, "%s%s%s", path, slash ? "" : "/", names[i]);
            read_path(r, child, depth + 1);
        }
        free(child);
        free(names[i]);
    }
    free(names);
    r->ndirs--;
}

static void read_path(reader *r, const char *path, int depth)
{
    struct stat st;
    int fd;

    if (strcmp(path, "-") == 0) {
        read_fd(r, STDIN_FILENO, "-", 0);
        return;
    }
    if (xc_is_url(path)) {
        read_url(r, path);
        return;
    }
    if (stat(path, &st) != 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", errno == ENOENT ? "no such file or directory"
                                                        : strerror(errno));
        problem(r, path, XC_ERR_IO, msg, 0);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        read_dir(r, path, &st, depth);
        return;
    }
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        problem(r, path, XC_ERR_ARG, "not a regular file", 0);
        return;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        problem(r, path, XC_ERR_IO, msg, 0);
        return;
    }
    read_fd(r, fd, path, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0);
    close(fd);
}

/* ---- lists of inputs ----------------------------------------------------------- */

#define XC_LIST_LINE 8192 /* the longest line of a list */

/* One line of a list (CTX a line_ctx whose path is the list's). */
static int list_line(void *ctx, size_t lineno, const char *line, size_t n,
                     xc_code status)
{
    line_ctx *lc = ctx;
    reader *r = lc->r;
    char where[4200], *input;

    snprintf(where, sizeof where, "%s:%zu", lc->path, lineno);
    if (status == XC_ERR_TOO_BIG) {
        problem(r, where, status, "line is too long for a path or URL", 0);
        return 0;
    }
    while (n && (*line == ' ' || *line == '\t'))
        line++, n--;
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    if (n == 0 || *line == '#')
        return 0;
    if (!(input = xc_strndup(line, n))) {
        problem(r, where, XC_ERR_NOMEM, "out of memory", 0);
        return 1;
    }
    if (strcmp(input, "-") == 0) {
        problem(r, where, XC_ERR_ARG, "standard input cannot be named in a list", 0);
    } else {
        r->where = where;
        read_path(r, input, 0);
        r->where = NULL;
    }
    free(input);
    return r->stopped;
}

/* Read every input LIST (a file, or "-" for standard input) names. */
static void read_list(reader *r, const char *list)
{
    line_ctx lc = {r, list};
    xc_error err;
    int fd = strcmp(list, "-") == 0 ? STDIN_FILENO : open(list, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot open the list: %s", strerror(errno));
        problem(r, list, XC_ERR_IO, msg, 0);
        return;
    }
    if (xc_lines_read(fd, NULL, 0, XC_LIST_LINE, list_line, &lc, &err) != XC_OK)
        problem(r, list, err.code, err.msg, 0);
    if (fd != STDIN_FILENO)
        close(fd);
}

static xc_code read_all(size_t n, const char *const *paths,
                        const xc_read_opts *opts, const xc_sink *sink,
                        int with_list)
{
    xc_read_opts none = {0};
    reader r;
    if ((n && !paths) || !sink || !sink->doc)
        return XC_ERR_ARG;
    if (!opts)
        opts = &none;
    if (opts->published && !xc_date_valid(opts->published)) {
        if (sink->problem)
            sink->problem(sink->ctx, n ? paths[0] : "-", XC_ERR_ARG,
                          "published date is not YYYY-MM-DD, YYYY-MM or YYYY", 0);
        return XC_ERR_ARG;
    }
    memset(&r, 0, sizeof r);
    r.opts = opts;
    r.sink = sink;
    r.max = opts->max_bytes ? opts->max_bytes : XC_DEFAULT_MAX_BYTES;
    r.last_err = XC_OK;
    for (size_t i = 0; i < n && !r.stopped; i++)
        if (paths[i])
            read_path(&r, paths[i], 0);
    if (with_list && opts->from_list && !r.stopped)
        read_list(&r, opts->from_list);
    xc_fetcher_free(r.fetcher);
    return r.last_err;
}

xc_code xc_read_inputs(size_t n, const char *const *paths,
                       const xc_read_opts *opts, const xc_sink *sink)
{
    return read_all(n, paths, opts, sink, 1);
}

xc_code xc_read(const char *path, const xc_read_opts *opts, const xc_sink *sink)
{
    if (!path)
        return XC_ERR_ARG;
    return read_all(1, &path, opts, sink, 0);
}
