/*
 * test_core.c: the shared pieces (capped buffers, dates, boilerplate
 * look-up) and the readers (xc_doc_from_bytes, xc_read over files,
 * directories and JSON Lines, the capped line reader).
 */
#include "core/util.h"
#include "harness.h"
#include "ingest/ingest.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_buf(void)
{
    xc_buf b;
    char *p;
    size_t n;
    xc_buf_init(&b, 10);
    CHECK(xc_buf_puts(&b, "hello") == XC_OK);
    CHECK(xc_buf_printf(&b, "%d", 12345) == XC_OK);
    CHECK(b.len == 10);
    CHECK(xc_buf_append(&b, "x", 1) == XC_ERR_TOO_BIG);
    CHECK(b.len == 10 && strcmp(b.data, "hello12345") == 0);
    p = xc_buf_take(&b, &n);
    CHECK(n == 10 && b.data == NULL);
    free(p);
    xc_buf_init(&b, 0);
    for (int i = 0; i < 1000; i++)
        xc_buf_printf(&b, "%04d", i);
    CHECK(b.len == 4000 && memcmp(b.data + 3996, "0999", 4) == 0);
    xc_buf_free(&b);
}

/* xc_grow and xc_grow_n: room for what is asked, the same array when it
   fits, the contents kept across a move, and NULL (the array untouched)
   when the size would overflow. */
static void test_grow(void)
{
    size_t cap = 0, n = 0;
    uint32_t *v = NULL, *p;
    for (uint32_t i = 0; i < 1000; i++) {
        if (!(p = xc_grow(v, &cap, n, sizeof *p))) {
            CHECK(p != NULL);
            free(v);
            return;
        }
        v = p;
        v[n++] = i;
    }
    CHECK(cap >= 1000 && cap < 2000);
    size_t same = 0;
    for (size_t i = 0; i < n; i++)
        same += v[i] == i;
    CHECK(same == n);
    p = xc_grow_n(v, &cap, n, cap - n, sizeof *p);
    CHECK(p == v); /* exactly full: no move */
    if (!(p = xc_grow_n(v, &cap, n, 5000, sizeof *p))) {
        CHECK(p != NULL);
        free(v);
        return;
    }
    v = p;
    CHECK(cap >= n + 5000 && v[999] == 999 && v[0] == 0);
    size_t before = cap;
    CHECK(xc_grow_n(v, &cap, n, SIZE_MAX - 10, sizeof *p) == NULL);
    CHECK(xc_grow_n(v, &cap, SIZE_MAX - 1, 2, sizeof *p) == NULL);
    CHECK(xc_grow_n(v, &cap, n, SIZE_MAX / 8, sizeof *p) == NULL);
    CHECK(cap == before && v[999] == 999);
    free(v);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* xc_sort_u64 agrees with qsort on random, sorted, reversed, constant and
   few-valued inputs of every size up to 300, and on the empty array. */
static void test_sort_u64(void)
{
    uint64_t a[300], b[300], r = 88172645463325252ULL;
    xc_sort_u64(NULL, 0);
    for (int kind = 0; kind < 5; kind++)
        for (size_t n = 1; n <= 300; n += n < 40 ? 1 : 13) {
            for (size_t i = 0; i < n; i++) {
                r ^= r << 13, r ^= r >> 7, r ^= r << 17;
                a[i] = kind == 0 ? r : kind == 1 ? i : kind == 2 ? n - i
                       : kind == 3 ? 7 : r % 3;
                b[i] = a[i];
            }
            xc_sort_u64(a, n);
            qsort(b, n, sizeof *b, cmp_u64);
            CHECK(memcmp(a, b, n * sizeof *a) == 0);
        }
}

static void test_dates(void)
{
    const char *good[] = {"2026", "2026-02", "2026-02-14", "XXXX-02-13", "2024-02-29", "XXXX-02-29", NULL};
    const char *bad[] = {"", "26", "2026-2-14", "2026-13", "2026-02-30", "2025-02-29", "2026-00-10",
                         "2026-01-00", "2026/02/14", "2026-02-14T10:00", "abcd", "XXXX-XX", NULL};
    for (int i = 0; good[i]; i++)
        CHECK_MSG(xc_date_valid(good[i]), "%s", good[i]);
    for (int i = 0; bad[i]; i++)
        CHECK_MSG(!xc_date_valid(bad[i]), "%s", bad[i]);
    CHECK(!xc_date_valid(NULL));
}

static void test_in_boilerplate(void)
{
    xc_doc *d = xc_doc_new();
    xc_span sp[] = {{0, 5}, {10, 20}, {30, 31}};
    d->boilerplate = malloc(sizeof sp);
    memcpy(d->boilerplate, sp, sizeof sp);
    d->nboilerplate = 3;
    CHECK(xc_doc_in_boilerplate(d, 0, 5));
    CHECK(xc_doc_in_boilerplate(d, 12, 15));
    CHECK(!xc_doc_in_boilerplate(d, 5, 10));
    CHECK(!xc_doc_in_boilerplate(d, 18, 22));
    CHECK(xc_doc_in_boilerplate(d, 30, 31));
    CHECK(!xc_doc_in_boilerplate(d, 31, 32));
    xc_doc_free(d);
    xc_doc_free(NULL);
}

static void test_from_bytes(void)
{
    xc_doc *doc;
    xc_error err;
    xc_read_opts o = {0};
    const char *t = "Minister resigns over leak\n\nThe minister resigned on Monday, officials said.\n";
    CHECK(xc_doc_from_bytes("a.txt", t, strlen(t), NULL, &doc, &err) == XC_OK);
    CHECK(doc->len == strlen(t) && memcmp(doc->text, t, doc->len) == 0);
    CHECK_STR(doc->title, "Minister resigns over leak");
    CHECK_STR(doc->language, "en");
    CHECK(doc->hash != 0);
    xc_doc_free(doc);

    o.published = "2026-02-31";
    CHECK(xc_doc_from_bytes("a.txt", t, strlen(t), &o, &doc, &err) == XC_ERR_ARG && !doc);
    o.published = "2026-02-03";
    o.outlet = "Wire";
    CHECK(xc_doc_from_bytes("a.txt", t, strlen(t), &o, &doc, &err) == XC_OK);
    CHECK_STR(doc->published, "2026-02-03");
    CHECK_STR(doc->outlet, "Wire");
    xc_doc_free(doc);

    o.max_bytes = 10;
    CHECK(xc_doc_from_bytes("a.txt", t, strlen(t), &o, &doc, &err) == XC_ERR_TOO_BIG);
    CHECK(strstr(err.msg, "limit") != NULL);
    CHECK(xc_doc_from_bytes("e.txt", "", 0, NULL, &doc, &err) == XC_ERR_EMPTY);
    CHECK(xc_doc_from_bytes("b.txt", "ab\xff" "cd \xe2\x80\x9cq\xe2\x80\x9d", 11, NULL, &doc, &err) == XC_ERR_ENCODING);
    CHECK(xc_doc_from_bytes("l.txt", "caf\xe9 au lait", 12, NULL, &doc, &err) == XC_OK);
    CHECK(doc && strcmp(doc->text, "caf\xc3\xa9 au lait") == 0);
    CHECK(doc && doc->encoding && strstr(err.msg, "1252") != NULL);
    xc_doc_free(doc);
}

typedef struct lines {
    int n, toobig;
    char last[64];
} lines;

static int on_line(void *ctx, size_t lineno, const char *line, size_t n, xc_code status)
{
    lines *l = ctx;
    (void)lineno;
    if (status == XC_ERR_TOO_BIG) {
        l->toobig++;
        return 0;
    }
    l->n++;
    snprintf(l->last, sizeof l->last, "%.*s", (int)n, line);
    return 0;
}

static void test_lines(void)
{
    char path[] = "/tmp/xc-lines-XXXXXX";
    int fd = mkstemp(path);
    lines l = {0};
    xc_error err;
    FILE *f = fdopen(fd, "w");
    fputs("short\r\n", f);
    for (int i = 0; i < 200000; i++)
        fputc('x', f);
    fputs("\nafter\nno newline at end", f);
    fclose(f);
    fd = open(path, O_RDONLY);
    CHECK(xc_lines_read(fd, "", 0, 1000, on_line, &l, &err) == XC_OK);
    close(fd);
    unlink(path);
    CHECK(l.n == 3);
    CHECK(l.toobig == 1);
    CHECK_STR(l.last, "no newline at end");
}

typedef struct got {
    int docs, problems, warnings;
    char sources[8][256];
} got;

static int take(void *ctx, xc_doc *doc)
{
    got *g = ctx;
    if (g->docs < 8)
        snprintf(g->sources[g->docs], 256, "%s", doc->source);
    g->docs++;
    xc_doc_free(doc);
    return 0;
}

static void problem(void *ctx, const char *source, xc_code code, const char *msg, int warning)
{
    got *g = ctx;
    (void)source, (void)code, (void)msg;
    if (warning)
        g->warnings++;
    else
        g->problems++;
}

static void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    fputs(s, f);
    fclose(f);
}

static void test_read_dir(void)
{
    char dir[] = "/tmp/xc-read-XXXXXX", p[512];
    got g = {0};
    xc_sink sink = {take, problem, &g};
    CHECK(mkdtemp(dir) != NULL);
    snprintf(p, sizeof p, "%s/b.txt", dir);
    write_file(p, "Second file.\n");
    snprintf(p, sizeof p, "%s/a.txt", dir);
    write_file(p, "First file.\n");
    snprintf(p, sizeof p, "%s/.hidden", dir);
    write_file(p, "Hidden.\n");
    snprintf(p, sizeof p, "%s/sub", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sub/c.jsonl", dir);
    write_file(p, "{\"text\":\"Third.\"}\n{\"text\":\"Fourth.\"}\nnot json\n");
    snprintf(p, sizeof p, "%s/sub/empty.txt", dir);
    write_file(p, "");
    CHECK(xc_read(dir, NULL, &sink) != XC_OK); /* two rejections */
    CHECK(g.docs == 4);
    CHECK(g.problems == 2);
    CHECK(strstr(g.sources[0], "/a.txt") != NULL);
    CHECK(strstr(g.sources[1], "/b.txt") != NULL);
    CHECK(strstr(g.sources[2], "/sub/c.jsonl:1") != NULL);
    CHECK(strstr(g.sources[3], "/sub/c.jsonl:2") != NULL);
    snprintf(p, sizeof p, "rm -rf '%s'", dir);
    CHECK(system(p) == 0);
}

int main(void)
{
    RUN(test_buf);
    RUN(test_grow);
    RUN(test_sort_u64);
    RUN(test_dates);
    RUN(test_in_boilerplate);
    RUN(test_from_bytes);
    RUN(test_lines);
    RUN(test_read_dir);
    DONE();
}
