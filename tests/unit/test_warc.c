/*
 * test_warc.c: web archives read through xc_read.  The test writes its own
 * WARC files: plain, gzip with one member per record (as crawlers write
 * them), and gzip as one stream; with records that must be skipped
 * (warcinfo, request, an image, a 404, a DNS capture), HTML responses that
 * are chunked or gzip-encoded, a page over the size cap; and broken files:
 * a truncated gzip member, a truncated record, a corrupt member, garbage
 * where a record should start.  Records before the break are delivered.
 */
#include "harness.h"
#include "collect.h"

#include <zlib.h>

static char dir[] = "/tmp/xc-warc-XXXXXX";
static collect c;

/* ---- building WARC files ------------------------------------------------- */

typedef struct bytes {
    unsigned char *p;
    size_t n, cap;
} bytes;

static void put(bytes *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        unsigned char *p = realloc(b->p, cap);
        if (!p)
            abort();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void puts_(bytes *b, const char *s)
{
    put(b, s, strlen(s));
}

/* S[0..N) as one gzip member appended to OUT. */
static void gzip_member(bytes *out, const void *s, size_t n)
{
    z_stream z;
    unsigned char buf[1 << 16];
    int rc;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = (uInt)n;
    do {
        z.next_out = buf;
        z.avail_out = sizeof buf;
        rc = deflate(&z, Z_FINISH);
        put(out, buf, sizeof buf - z.avail_out);
    } while (rc == Z_OK);
    deflateEnd(&z);
}

/* One WARC record of TYPE for URI with BLOCK as its body. */
static void record(bytes *out, const char *type, const char *uri,
                   const char *block, size_t n)
{
    char head[1024];
    snprintf(head, sizeof head,
             "WARC/1.0\r\nWARC-Type: %s\r\n%s%s%s"
             "WARC-Date: 2024-01-15T10:20:30Z\r\n"
             "WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
             "Content-Type: application/http; msgtype=response\r\n"
             "Content-Length: %zu\r\n\r\n",
             type, uri ? "WARC-Target-URI: " : "", uri ? uri : "", uri ? "\r\n" : "", n);
    puts_(out, head);
    put(out, block, n);
    puts_(out, "\r\n\r\n");
}

/* An HTTP response with HEADERS (lines ending \r\n) and BODY. */
static void http(bytes *out, const char *status, const char *headers,
                 const void *body, size_t n)
{
    char head[512];
    snprintf(head, sizeof head, "HTTP/1.1 %s\r\n%s\r\n", status, headers);
    puts_(out, head);
    put(out, body, n);
}

static const char PAGE1[] =
    "<html><head><title>Dam cracks found</title></head><body><p>Inspectors "
    "found three cracks in the Kessel dam on Thursday, officials said.</p></body></html>";
static const char PAGE2[] =
    "<html><head><title>Dam repairs</title><meta property=\"article:published_time\" "
    "content=\"2023-12-01T09:00:00Z\"></head><body><p>Repairs to the Kessel dam "
    "will start in spring, the water authority said.</p></body></html>";
static const char PAGE3[] =
    "<html><head><title>Chunked</title></head><body><p>This page was sent in "
    "chunks by the server and stored that way.</p></body></html>";
static const char PAGE4[] =
    "<html><head><title>Gzipped</title></head><body><p>This page was sent "
    "gzip-compressed and the crawler kept it compressed.</p></body></html>";

/*
 * The records of the test archive, each as its own string in RECS[i]:
 * 1 warcinfo, 2 request, 3 page 1, 4 image, 5 a 404 page, 6 page 2 (own
 * date), 7 chunked page 3, 8 gzip page 4, 9 a DNS capture, 10 a page with
 * no text.  Pages: 3, 6, 7, 8 become documents; 10 is an error.
 */
#define NRECS 10
static bytes recs[NRECS];

static void build_records(void)
{
    bytes b = {0};
    size_t i = 0;

    record(&recs[i++], "warcinfo", NULL, "software: test\r\n", 16);
    record(&recs[i++], "request", "https://news.example/a",
           "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n", 39);

    http(&b, "200 OK", "Content-Type: text/html; charset=utf-8\r\n", PAGE1, strlen(PAGE1));
    record(&recs[i++], "response", "https://news.example/a", (char *)b.p, b.n);
    b.n = 0;
    http(&b, "200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n", 8);
    record(&recs[i++], "response", "https://news.example/logo.png", (char *)b.p, b.n);
    b.n = 0;
    http(&b, "404 Not Found", "Content-Type: text/html\r\n",
         "<html><body><p>Page not found, sorry about that.</p></body></html>", 66);
    record(&recs[i++], "response", "https://news.example/gone", (char *)b.p, b.n);
    b.n = 0;
    http(&b, "200 OK", "Content-Type: text/html\r\n", PAGE2, strlen(PAGE2));
    record(&recs[i++], "response", "<https://news.example/b>", (char *)b.p, b.n);
    b.n = 0;
    {
        char chunked[1024];
        size_t half = strlen(PAGE3) / 2;
        snprintf(chunked, sizeof chunked, "%zx\r\n%.*s\r\n%zx\r\n%s\r\n0\r\n\r\n",
                 half, (int)half, PAGE3, strlen(PAGE3) - half, PAGE3 + half);
        http(&b, "200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
             chunked, strlen(chunked));
    }
    record(&recs[i++], "response", "https://news.example/c", (char *)b.p, b.n);
    b.n = 0;
    {
        bytes gz = {0};
        gzip_member(&gz, PAGE4, strlen(PAGE4));
        http(&b, "200 OK", "Content-Type: text/html; charset=UTF-8\r\nContent-Encoding: gzip\r\n",
             gz.p, gz.n);
        free(gz.p);
    }
    record(&recs[i++], "response", "https://news.example/d", (char *)b.p, b.n);
    b.n = 0;
    record(&recs[i++], "response", "dns:news.example", "20240115102030\nnews.example. 300 IN A 10.0.0.1\n", 47);
    http(&b, "200 OK", "Content-Type: text/html\r\n", "<html><body><script>x()</script></body></html>", 47);
    record(&recs[i++], "response", "https://news.example/empty", (char *)b.p, b.n);
    free(b.p);
}

/* The archive: records FIRST..LAST-1, plain, one gzip member each, or one
   gzip stream. */
enum { PLAIN, GZ_EACH, GZ_ONE };
static bytes archive(int kind, size_t first, size_t last)
{
    bytes out = {0}, all = {0};
    for (size_t i = first; i < last; i++) {
        if (kind == GZ_EACH)
            gzip_member(&out, recs[i].p, recs[i].n);
        else
            put(&all, recs[i].p, recs[i].n);
    }
    if (kind == GZ_ONE)
        gzip_member(&out, all.p, all.n);
    else if (kind == PLAIN)
        put(&out, all.p, all.n);
    free(all.p);
    return out;
}

static xc_code read_bytes(const char *name, const bytes *b, const xc_read_opts *o)
{
    char path[256];
    if (collect_write(dir, name, b->p, b->n, path, sizeof path) != 0)
        return XC_ERR_IO;
    return collect_read(&c, path, o);
}

/* ---- the tests ------------------------------------------------------------ */

static void check_all_pages(const char *what)
{
    CHECK_MSG(c.ndocs == 4, "%s: %zu documents", what, c.ndocs);
    if (c.ndocs != 4) {
        collect_print(&c);
        return;
    }
    CHECK_STR(c.docs[0]->source, "https://news.example/a");
    CHECK_STR(c.docs[0]->url, "https://news.example/a");
    CHECK_STR(c.docs[0]->published, "2024-01-15"); /* from WARC-Date */
    CHECK(strstr(c.docs[0]->text, "three cracks in the Kessel dam") != NULL);
    CHECK_STR(c.docs[1]->source, "https://news.example/b"); /* <> dropped */
    CHECK_STR(c.docs[1]->published, "2023-12-01"); /* the page's own date */
    CHECK(strstr(c.docs[2]->text, "sent in chunks by the server") != NULL);
    CHECK(strstr(c.docs[2]->text, "\r\n") == NULL);
    CHECK(strstr(c.docs[3]->text, "kept it compressed.") != NULL);
    CHECK_MSG(c.nerrors == 1 && collect_said(&c, "record 10 at byte "),
              "%s: the page without text is one error", what);
    CHECK(collect_said(&c, "(https://news.example/empty)"));
}

static void test_whole(void)
{
    bytes plain = archive(PLAIN, 0, NRECS), each = archive(GZ_EACH, 0, NRECS),
          one = archive(GZ_ONE, 0, NRECS);
    CHECK(read_bytes("crawl.warc", &plain, NULL) == XC_ERR_EMPTY);
    check_all_pages("plain");
    CHECK(read_bytes("crawl.warc.gz", &each, NULL) == XC_ERR_EMPTY);
    check_all_pages("gzip per record");
    CHECK(read_bytes("one.warc.gz", &one, NULL) == XC_ERR_EMPTY);
    check_all_pages("gzip as one stream");
    CHECK(read_bytes("crawl-by-content.bin", &each, NULL) == XC_ERR_EMPTY);
    check_all_pages("gzip sniffed by content");
    CHECK(read_bytes("plain-by-content", &plain, NULL) == XC_ERR_EMPTY);
    check_all_pages("plain sniffed by content");
    {
        xc_doc *doc = NULL;
        xc_error err;
        CHECK(xc_doc_from_bytes("x.warc", (char *)plain.p, plain.n, NULL, &doc, &err) == XC_ERR_ARG);
        CHECK(doc == NULL);
    }
    free(plain.p);
    free(each.p);
    free(one.p);
}

static void test_truncated_member(void)
{
    /* records 1..8 whole, then record 9's member cut in half */
    bytes b = archive(GZ_EACH, 0, 8), last = {0};
    size_t offset = b.n;
    char want[64];
    gzip_member(&last, recs[8].p, recs[8].n);
    put(&b, last.p, last.n / 2);
    CHECK(read_bytes("cut.warc.gz", &b, NULL) == XC_ERR_PARSE);
    CHECK(c.ndocs == 4); /* the pages before the cut */
    CHECK(c.nerrors == 1);
    snprintf(want, sizeof want, "record 9 at byte %zu", offset);
    CHECK_MSG(collect_said(&c, want), "wanted \"%s\"", want);
    CHECK(collect_said(&c, "truncated gzip member"));
    CHECK(collect_said(&c, "cut.warc.gz: "));
    free(last.p);
    free(b.p);
}

static void test_truncated_record(void)
{
    bytes b = archive(PLAIN, 0, 3);
    size_t offset = b.n;
    char want[64];
    put(&b, recs[5].p, recs[5].n - 60); /* page 2, cut inside its body */
    CHECK(read_bytes("cut.warc", &b, NULL) == XC_ERR_PARSE);
    CHECK(c.ndocs == 1);
    snprintf(want, sizeof want, "record 4 at byte %zu (https://news.example/b)", offset);
    CHECK_MSG(collect_said(&c, want), "wanted \"%s\"", want);
    CHECK(collect_said(&c, "truncated record: Content-Length is"));
    free(b.p);
    /* cut in the headers */
    b = archive(PLAIN, 0, 3);
    put(&b, "WARC/1.0\r\nWARC-Type: resp", 25);
    CHECK(read_bytes("cut2.warc", &b, NULL) == XC_ERR_PARSE);
    CHECK(c.ndocs == 1 && collect_said(&c, "record 4 at byte"));
    free(b.p);
}

static void test_corrupt(void)
{
    bytes b = archive(GZ_EACH, 0, 3), bad = {0};
    gzip_member(&bad, recs[5].p, recs[5].n);
    memset(bad.p + 20, 0xAA, 40); /* inside the deflate data */
    put(&b, bad.p, bad.n);
    CHECK(read_bytes("corrupt.warc.gz", &b, NULL) == XC_ERR_PARSE);
    CHECK(c.ndocs == 1);
    CHECK(collect_said(&c, "record 4 at byte") && collect_said(&c, "corrupt gzip data"));
    free(bad.p);
    free(b.p);
    b = archive(PLAIN, 0, 3);
    puts_(&b, "GARBAGE where a record should start\r\n\r\n");
    put(&b, recs[2].p, recs[2].n);
    CHECK(read_bytes("garbage.warc", &b, NULL) == XC_ERR_PARSE);
    CHECK(c.ndocs == 1 && collect_said(&c, "record 4 at byte") &&
          collect_said(&c, "not a WARC record"));
    free(b.p);
    b.p = NULL;
    b.n = b.cap = 0;
    puts_(&b, "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nxx");
    CHECK(read_bytes("nolength.warc", &b, NULL) == XC_ERR_PARSE);
    CHECK(collect_said(&c, "no valid Content-Length"));
    free(b.p);
}

static void test_cap(void)
{
    /* a page over the cap is an error for its record; the next is read */
    xc_read_opts o = {0};
    bytes big = {0}, b = {0}, rec = {0}, out;
    puts_(&big, "<html><body>");
    for (int i = 0; i < 2000; i++)
        puts_(&big, "<p>filler filler filler filler filler.</p>");
    puts_(&big, "</body></html>");
    http(&rec, "200 OK", "Content-Type: text/html\r\n", big.p, big.n);
    record(&b, "response", "https://news.example/huge", (char *)rec.p, rec.n);
    put(&b, recs[2].p, recs[2].n);
    o.max_bytes = 4096;
    out = b;
    CHECK(read_bytes("capped.warc", &out, &o) == XC_ERR_TOO_BIG);
    CHECK(c.ndocs == 1);
    CHECK(collect_said(&c, "record 1 at byte 0 (https://news.example/huge): the page is over the limit"));
    free(big.p);
    free(rec.p);
    free(b.p);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    build_records();
    RUN(test_whole);
    RUN(test_truncated_member);
    RUN(test_truncated_record);
    RUN(test_corrupt);
    RUN(test_cap);
    collect_free(&c);
    for (int i = 0; i < NRECS; i++)
        free(recs[i].p);
    {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    DONE();
}
