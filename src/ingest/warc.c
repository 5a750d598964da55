/*
 * warc.c: web archives.  A WARC file (ISO 28500, as crawlers such as
 * Common Crawl's news crawl write it) is a sequence of records, each a
 * block of "Name: value" headers and a body of Content-Length bytes; a
 * .warc.gz compresses each record as its own gzip member (or, from some
 * tools, the whole file as one).  Files run to many gigabytes, so they are
 * streamed: zlib inflates into a fixed buffer, restarting at each member,
 * and only the record at hand is held in memory, under the cap.
 *
 * A response record whose payload is an HTTP response with a 2xx status
 * and an HTML content type becomes a document: the HTTP body, de-chunked
 * and decompressed when its headers say so, goes to the HTML reader with
 * the charset of its Content-Type.  Its source and url are the record's
 * WARC-Target-URI; WARC-Date (the time of capture) becomes the publication
 * date only when the page states none.  Every other record (requests,
 * metadata, redirects, images) is skipped.  A record cut short, or a gzip
 * member that ends early, is an error naming the record's number and byte
 * offset (of its gzip member in a .warc.gz), and ends the file; the
 * records before it have been delivered already.
 */
#include "core/util.h"
#include "ingest/ingest.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#define XC_WARC_LINE 65536          /* the longest header line */
#define XC_WARC_HEADERS (1 << 20)   /* a record's header block */
#define XC_HTTP_SLACK 65536         /* HTTP headers read beyond the cap */

/* ---- the byte stream: plain or inflated ------------------------------------- */

typedef struct wsrc {
    int fd;                     /* -1: the head is all there is */
    const unsigned char *head;  /* bytes read before we were called */
    size_t nhead, hpos;
    uint64_t raw_off;           /* bytes taken from the file */
    int gz, zready, in_member;
    z_stream z;
    uint64_t member_off;        /* file offset of the gzip member being read */
    uint64_t pos;               /* offset in the (inflated) stream */
    unsigned char in[65536], out[65536];
    size_t out_pos, out_len;
    xc_code err;                /* a read failed: code and message */
    char msg[320];
} wsrc;

static ssize_t raw_read(wsrc *s, unsigned char *buf, size_t cap)
{
    ssize_t got;
    if (s->hpos < s->nhead) {
        size_t n = s->nhead - s->hpos < cap ? s->nhead - s->hpos : cap;
        memcpy(buf, s->head + s->hpos, n);
        s->hpos += n;
        s->raw_off += n;
        return (ssize_t)n;
    }
    if (s->fd < 0)
        return 0;
    do
        got = read(s->fd, buf, cap);
    while (got < 0 && errno == EINTR);
    if (got > 0)
        s->raw_off += (uint64_t)got;
    return got;
}

static int src_fail(wsrc *s, xc_code code, const char *msg)
{
    s->err = code;
    snprintf(s->msg, sizeof s->msg, "%s", msg);
    return -1;
}

/* Refill s->out.  1: bytes are there; 0: the end; -1: s->err says why. */
static int fill(wsrc *s)
{
    if (s->err)
        return -1;
    s->out_pos = s->out_len = 0;
    if (!s->gz) {
        ssize_t got = raw_read(s, s->out, sizeof s->out);
        if (got < 0)
            return src_fail(s, XC_ERR_IO, strerror(errno));
        s->out_len = (size_t)got;
        return got > 0;
    }
    for (;;) {
        int zrc;
        if (s->z.avail_in == 0) {
            ssize_t got = raw_read(s, s->in, sizeof s->in);
            if (got < 0)
                return src_fail(s, XC_ERR_IO, strerror(errno));
            if (got == 0)
                return s->in_member ? src_fail(s, XC_ERR_PARSE,
                                               "truncated gzip member (the file ends inside it)")
                                    : 0;
            s->z.next_in = s->in;
            s->z.avail_in = (uInt)got;
        }
        if (!s->in_member) {
            s->in_member = 1;
            s->member_off = s->raw_off - s->z.avail_in;
        }
        s->z.next_out = s->out;
        s->z.avail_out = sizeof s->out;
        zrc = inflate(&s->z, Z_NO_FLUSH);
        s->out_len = sizeof s->out - s->z.avail_out;
        if (zrc == Z_STREAM_END) {
            inflateReset(&s->z);
            s->in_member = 0;
        } else if (zrc != Z_OK && zrc != Z_BUF_ERROR) {
            char m[200];
            snprintf(m, sizeof m, "corrupt gzip data (%s)",
                     s->z.msg ? s->z.msg : "zlib error");
            return src_fail(s, XC_ERR_PARSE, m);
        }
        if (s->out_len)
            return 1;
    }
}

/* The next byte without taking it, or -1 at the end or on error. */
static int peek(wsrc *s)
{
    if (s->out_pos == s->out_len && fill(s) <= 0)
        return -1;
    return s->out[s->out_pos];
}

/*
 * Take N bytes, appending them to DST (NULL: discard).  Returns the number
 * taken, short at the end of the stream or on error (s->err).
 */
static uint64_t take(wsrc *s, uint64_t n, xc_buf *dst)
{
    uint64_t done = 0;
    while (done < n) {
        size_t k;
        if (s->out_pos == s->out_len && fill(s) <= 0)
            break;
        k = s->out_len - s->out_pos;
        if ((uint64_t)k > n - done)
            k = (size_t)(n - done);
        if (dst && xc_buf_append(dst, (const char *)s->out + s->out_pos, k) != XC_OK) {
            src_fail(s, XC_ERR_NOMEM, "out of memory");
            break;
        }
        s->out_pos += k;
        s->pos += k;
        done += k;
    }
    return done;
}

/* Read one line (without its \r\n) into LINE.  1: a line; 0: the end of
   the stream before any byte; -1: error or a line over the cap. */
static int read_line(wsrc *s, xc_buf *line)
{
    line->len = 0;
    if (line->data)
        line->data[0] = '\0';
    for (;;) {
        const unsigned char *nl;
        size_t k;
        if (s->out_pos == s->out_len && fill(s) <= 0) {
            if (s->err)
                return -1;
            return line->len ? 1 : 0;
        }
        k = s->out_len - s->out_pos;
        nl = memchr(s->out + s->out_pos, '\n', k);
        if (nl)
            k = (size_t)(nl - (s->out + s->out_pos));
        if (xc_buf_append(line, (const char *)s->out + s->out_pos, k) != XC_OK)
            return src_fail(s, XC_ERR_PARSE, "a header line is too long");
        s->out_pos += k;
        s->pos += k;
        if (nl) {
            s->out_pos++;
            s->pos++;
            if (line->len && line->data[line->len - 1] == '\r')
                line->data[--line->len] = '\0';
            return 1;
        }
    }
}

/* ---- HTTP payloads --------------------------------------------------------- */

/* Inflate P[0..N) (WBITS as for inflateInit2) into OUT, capped at its limit. */
static xc_code inflate_all(const char *p, size_t n, int wbits, xc_buf *out)
{
    z_stream z;
    unsigned char chunk[65536];
    int zrc = Z_OK;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, wbits) != Z_OK)
        return XC_ERR_NOMEM;
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    while (zrc == Z_OK) {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        zrc = inflate(&z, Z_NO_FLUSH);
        if ((zrc == Z_OK || zrc == Z_STREAM_END) &&
            xc_buf_append(out, (const char *)chunk, sizeof chunk - z.avail_out) != XC_OK) {
            inflateEnd(&z);
            return XC_ERR_TOO_BIG;
        }
    }
    inflateEnd(&z);
    return zrc == Z_STREAM_END ? XC_OK : XC_ERR_PARSE;
}

/* Decode a chunked body P[0..N) into OUT. */
static xc_code unchunk(const char *p, size_t n, xc_buf *out)
{
    size_t i = 0;
    for (;;) {
        char *end;
        unsigned long long size;
        const char *eol = memchr(p + i, '\n', n - i);
        if (!eol)
            return XC_ERR_PARSE;
        errno = 0;
        size = strtoull(p + i, &end, 16);
        if (end == p + i || errno || (*end != ';' && *end != '\r' && *end != '\n'))
            return XC_ERR_PARSE;
        i = (size_t)(eol - p) + 1;
        if (size == 0)
            return XC_OK; /* trailers, if any, do not matter */
        if (size > n - i)
            return XC_ERR_PARSE;
        if (xc_buf_append(out, p + i, (size_t)size) != XC_OK)
            return XC_ERR_TOO_BIG;
        i += (size_t)size;
        if (i < n && p[i] == '\r')
            i++;
        if (i < n && p[i] == '\n')
            i++;
        if (i >= n)
            return XC_OK; /* the last chunk's terminator missing: keep what came */
    }
}

/* The value of header NAME in the block H[0..N) (lines "Name: value"), copied
   into OUT (cap CAP); 0 when absent. */
static int header(const char *h, size_t n, const char *name, char *out, size_t cap)
{
    size_t m = strlen(name), i = 0;
    while (i < n) {
        const char *eol = memchr(h + i, '\n', n - i);
        size_t len = eol ? (size_t)(eol - (h + i)) : n - i;
        if (len > m && strncasecmp(h + i, name, m) == 0 && h[i + m] == ':') {
            size_t a = i + m + 1, b = i + len;
            while (a < b && (h[a] == ' ' || h[a] == '\t'))
                a++;
            while (b > a && (h[b - 1] == '\r' || h[b - 1] == ' '))
                b--;
            if (b - a >= cap)
                b = a + cap - 1;
            memcpy(out, h + a, b - a);
            out[b - a] = '\0';
            return 1;
        }
        i += len + 1;
    }
    return 0;
}

typedef struct record {
    size_t num;
    uint64_t off;
    char type[64], uri[4096], date[64];
} record;

static void record_problem(xc_reader *r, const char *path, const record *rec,
                           xc_code code, const char *msg, int warning)
{
    char m[5200];
    if (rec->uri[0])
        snprintf(m, sizeof m, "record %zu at byte %llu (%s): %s", rec->num,
                 (unsigned long long)rec->off, rec->uri, msg);
    else
        snprintf(m, sizeof m, "record %zu at byte %llu: %s", rec->num,
                 (unsigned long long)rec->off, msg);
    xc_reader_problem(r, path, code, m, warning);
}

/*
 * Turn the HTTP response P[0..N) of record REC into a document.  CUT: the
 * record was longer than we read.  Returns nonzero when reading must stop.
 */
static int response(xc_reader *r, const char *path, const record *rec,
                    const char *p, size_t n, int cut)
{
    const xc_read_opts *o = xc_reader_opts(r);
    char ctype[256] = "", te[64] = "", ce[64] = "", charset[48] = "";
    const char *body, *hend;
    size_t hlen, blen;
    long status;
    xc_buf dec;
    xc_error err;
    xc_doc *doc = NULL;
    xc_code rc;

    if (n < 12 || strncmp(p, "HTTP/", 5) != 0)
        return 0; /* dns:, ftp: and other non-HTTP captures */
    {
        const char *sp = memchr(p, ' ', n < 32 ? n : 32);
        status = sp ? strtol(sp + 1, NULL, 10) : 0;
    }
    if (status < 200 || status > 299)
        return 0;
    hend = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i] == '\n' && (p[i + 1] == '\n' || (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n'))) {
            hend = p + i + 1;
            break;
        }
    if (!hend) {
        if (!cut)
            return 0;
        hend = p + n;
    }
    hlen = (size_t)(hend - p);
    header(p, hlen, "Content-Type", ctype, sizeof ctype);
    {
        size_t k = strcspn(ctype, "; ");
        const char *cs = strstr(ctype, "charset=");
        int html = (k == 9 && strncasecmp(ctype, "text/html", 9) == 0) ||
                   (k == 21 && strncasecmp(ctype, "application/xhtml+xml", 21) == 0);
        if (!html)
            return 0;
        if (cs) {
            cs += 8;
            if (*cs == '"')
                cs++;
            snprintf(charset, sizeof charset, "%.*s", (int)strcspn(cs, "\"; "), cs);
        }
    }
    if (cut) {
        char m[200];
        snprintf(m, sizeof m, "the page is over the limit of %.1f MB per "
                 "document (raise it with --max-bytes)",
                 (double)xc_reader_max(r) / 1e6);
        record_problem(r, path, rec, XC_ERR_TOO_BIG, m, 0);
        return 0;
    }
    body = hend + (hend[0] == '\r' ? 2 : 1);
    blen = (size_t)(p + n - body);
    header(p, hlen, "Transfer-Encoding", te, sizeof te);
    header(p, hlen, "Content-Encoding", ce, sizeof ce);
    xc_buf_init(&dec, xc_reader_max(r));
    if (strcasecmp(te, "chunked") == 0) {
        xc_buf plain;
        xc_buf_init(&plain, xc_reader_max(r));
        rc = unchunk(body, blen, &plain);
        if (rc != XC_OK) {
            xc_buf_free(&plain);
            record_problem(r, path, rec, rc, rc == XC_ERR_TOO_BIG
                               ? "the page is over the limit per document"
                               : "the chunked transfer encoding is broken", 0);
            return 0;
        }
        dec = plain;
        body = dec.data ? dec.data : "";
        blen = dec.len;
    }
    if (ce[0] && strcasecmp(ce, "identity") != 0) {
        xc_buf unz;
        int gz = blen >= 2 && (unsigned char)body[0] == 0x1f && (unsigned char)body[1] == 0x8b;
        xc_buf_init(&unz, xc_reader_max(r));
        if (strcasecmp(ce, "gzip") == 0 || strcasecmp(ce, "x-gzip") == 0)
            rc = gz ? inflate_all(body, blen, 16 + MAX_WBITS, &unz) : XC_ERR_ARG;
        else if (strcasecmp(ce, "deflate") == 0) {
            rc = inflate_all(body, blen, MAX_WBITS, &unz);
            if (rc == XC_ERR_PARSE) {
                unz.len = 0;
                rc = inflate_all(body, blen, -MAX_WBITS, &unz);
            }
        } else
            rc = XC_ERR_ENCODING;
        if (rc == XC_OK) {
            xc_buf_free(&dec);
            dec = unz;
            body = dec.data ? dec.data : "";
            blen = dec.len;
        } else {
            xc_buf_free(&unz);
            /* XC_ERR_ARG: said gzip, is not: the crawler stored it decoded */
            if (rc != XC_ERR_ARG) {
                char m[160];
                snprintf(m, sizeof m, rc == XC_ERR_ENCODING
                         ? "content encoding \"%s\" is not supported"
                         : rc == XC_ERR_TOO_BIG ? "the %s page inflates past the limit per document"
                                                : "the %s-compressed page is corrupt", ce);
                xc_buf_free(&dec);
                record_problem(r, path, rec, rc == XC_ERR_TOO_BIG ? rc : XC_ERR_PARSE, m, 0);
                return 0;
            }
        }
    }
    rc = xc_html_to_doc(rec->uri, body, blen, charset[0] ? charset : NULL, o,
                        &doc, &err);
    xc_buf_free(&dec);
    if (rc != XC_OK) {
        record_problem(r, path, rec, rc, err.msg, 0);
        return rc == XC_ERR_NOMEM;
    }
    free(doc->url);
    doc->url = xc_strdup(rec->uri);
    if (!doc->published && strlen(rec->date) >= 10) {
        char d[11];
        memcpy(d, rec->date, 10);
        d[10] = '\0';
        if (xc_date_valid(d))
            doc->published = xc_strdup(d);
    }
    if (!doc->url) {
        xc_doc_free(doc);
        record_problem(r, path, rec, XC_ERR_NOMEM, "out of memory", 0);
        return 1;
    }
    if (err.msg[0])
        record_problem(r, path, rec, XC_OK, err.msg, 1);
    return xc_reader_deliver(r, doc, 1, NULL);
}

/* ---- records ------------------------------------------------------------------ */

static void read_records(xc_reader *r, const char *path, wsrc *s)
{
    xc_buf line, hdr, body;
    record rec;
    size_t max = xc_reader_max(r);
    int current = 0; /* a record has begun and is not done */

    memset(&rec, 0, sizeof rec);
    xc_buf_init(&line, XC_WARC_LINE);
    xc_buf_init(&hdr, XC_WARC_HEADERS);
    xc_buf_init(&body, 0);
    while (!xc_reader_stopped(r)) {
        char cl[32] = "";
        unsigned long long len;
        uint64_t want, got;
        char *end;
        int c, lr;

        while ((c = peek(s)) == '\r' || c == '\n')
            take(s, 1, NULL);
        if (c < 0)
            break;
        rec.num++;
        rec.off = s->gz ? s->member_off : s->pos;
        rec.type[0] = rec.uri[0] = rec.date[0] = '\0';
        current = 1;
        if (read_line(s, &line) < 0)
            break;
        if (strncmp(line.data, "WARC/1.", 7) != 0) {
            record_problem(r, path, &rec, XC_ERR_PARSE,
                           "not a WARC record (no WARC/1.x line); the rest of the file is skipped", 0);
            break;
        }
        hdr.len = 0;
        while ((lr = read_line(s, &line)) > 0 && line.len > 0)
            if (xc_buf_append(&hdr, line.data, line.len) != XC_OK ||
                xc_buf_append(&hdr, "\n", 1) != XC_OK) {
                src_fail(s, XC_ERR_PARSE, "the record's headers are too long");
                lr = -1;
                break;
            }
        if (lr < 0)
            break;
        if (lr == 0) {
            record_problem(r, path, &rec, XC_ERR_PARSE,
                           "truncated record (the file ends in its headers)", 0);
            break;
        }
        if (hdr.data) {
            header(hdr.data, hdr.len, "WARC-Type", rec.type, sizeof rec.type);
            header(hdr.data, hdr.len, "WARC-Target-URI", rec.uri, sizeof rec.uri);
            header(hdr.data, hdr.len, "WARC-Date", rec.date, sizeof rec.date);
            header(hdr.data, hdr.len, "Content-Length", cl, sizeof cl);
        }
        if (rec.uri[0] == '<') { /* some writers follow the spec's typo */
            size_t k = strlen(rec.uri);
            memmove(rec.uri, rec.uri + 1, k);
            if (k > 1 && rec.uri[k - 2] == '>')
                rec.uri[k - 2] = '\0';
        }
        errno = 0;
        len = strtoull(cl, &end, 10);
        if (!cl[0] || *end || errno || cl[0] == '-') {
            record_problem(r, path, &rec, XC_ERR_PARSE,
                           "no valid Content-Length; the rest of the file is skipped", 0);
            break;
        }
        if (strcasecmp(rec.type, "response") == 0 && rec.uri[0]) {
            want = len <= max + XC_HTTP_SLACK ? len : XC_HTTP_SLACK;
            body.len = 0;
            got = take(s, want, &body);
            if (got == want && want < len)
                got += take(s, len - want, NULL);
        } else {
            want = 0;
            got = take(s, len, NULL);
        }
        if (got < len) {
            char m[400];
            if (s->err && s->err != XC_ERR_NOMEM)
                snprintf(m, sizeof m, "%s", s->msg);
            else
                snprintf(m, sizeof m, "truncated record: Content-Length is %llu "
                         "bytes, the file ends after %llu", len,
                         (unsigned long long)got);
            record_problem(r, path, &rec, s->err ? s->err : XC_ERR_PARSE, m, 0);
            s->err = XC_OK; /* reported */
            break;
        }
        current = 0;
        if (want && response(r, path, &rec, body.data ? body.data : "",
                             body.len, want < len))
            break;
    }
    if (s->err) {
        if (!current) { /* the stream broke between two records */
            rec.num++;
            rec.off = s->gz ? s->member_off : s->pos;
            rec.uri[0] = '\0';
        }
        record_problem(r, path, &rec, s->err, s->msg, 0);
    }
    xc_buf_free(&line);
    xc_buf_free(&hdr);
    xc_buf_free(&body);
}

void xc_warc_read(xc_reader *r, const char *path, int fd, const char *head,
                  size_t nhead)
{
    wsrc *s = calloc(1, sizeof *s);
    if (!s) {
        xc_reader_problem(r, path, XC_ERR_NOMEM, "out of memory", 0);
        return;
    }
    s->fd = fd;
    s->head = (const unsigned char *)head;
    s->nhead = nhead;
    s->gz = nhead >= 2 && s->head[0] == 0x1f && s->head[1] == 0x8b;
    if (s->gz) {
        if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) {
            free(s);
            xc_reader_problem(r, path, XC_ERR_NOMEM, "out of memory", 0);
            return;
        }
        s->zready = 1;
    }
    read_records(r, path, s);
    if (s->zready)
        inflateEnd(&s->z);
    free(s);
}

int xc_warc_sniff(const char *head, size_t n)
{
    z_stream z;
    unsigned char out[8];
    size_t got;
    if (n >= 7 && memcmp(head, "WARC/1.", 7) == 0)
        return 1;
    if (n < 2 || (unsigned char)head[0] != 0x1f || (unsigned char)head[1] != 0x8b)
        return 0;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return 0;
    z.next_in = (Bytef *)(uintptr_t)head;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = 7;
    inflate(&z, Z_NO_FLUSH);
    got = 7 - z.avail_out;
    inflateEnd(&z);
    return got == 7 && memcmp(out, "WARC/1.", 7) == 0;
}
