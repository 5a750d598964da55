/*
 * test_html.c: the HTML reader.  Fixture pages in tests/cases/html (NAME.html
 * beside NAME.txt, which lists the metadata wanted and snippets the text
 * must hold, hold as a paragraph or a line, hold inside a caption span, or
 * not hold), then hostile pages made here: 10,000- and 100,000-deep
 * nesting, a 50 MB page, encodings that lie, broken markup.
 */
#include "harness.h"
#include "fixtures.h"
#include "ingest/ingest.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* The value after "KEY: " on a line of EXP, copied to OUT, or 0. */
static int field(const char *exp, const char *key, char *out, size_t cap)
{
    size_t k = strlen(key);
    for (const char *p = exp; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, key, k) == 0 && p[k] == ':' && p[k + 1] == ' ') {
            size_t n = strcspn(p + k + 2, "\n");
            if (n >= cap)
                n = cap - 1;
            memcpy(out, p + k + 2, n);
            out[n] = '\0';
            return 1;
        }
    }
    return 0;
}

static void check_meta(const char *path, const char *exp, const char *key, const char *got)
{
    char want[512];
    if (!field(exp, key, want, sizeof want))
        return;
    if (strcmp(want, "null") == 0)
        CHECK_MSG(got == NULL, "%s: %s is \"%s\", wanted null", path, key, got);
    else
        CHECK_MSG(got && strcmp(got, want) == 0, "%s: %s is \"%s\", wanted \"%s\"", path,
                  key, got ? got : "(null)", want);
}

/* Text every page must have: UTF-8, no blank run of more than one line,
   no space at a line's ends, no white space at either end. */
static void check_shape(const char *path, const xc_doc *d)
{
    CHECK_MSG(xc_utf8_valid_prefix(d->text, d->len) == d->len, "%s: not UTF-8", path);
    CHECK_MSG(strlen(d->text) == d->len, "%s: a NUL in the text", path);
    CHECK_MSG(!strstr(d->text, "\n\n\n"), "%s: more than one blank line", path);
    CHECK_MSG(!strstr(d->text, " \n") && !strstr(d->text, "\n "), "%s: space at a line end", path);
    CHECK_MSG(d->len && d->text[0] != '\n' && d->text[d->len - 1] != '\n' &&
                  d->text[0] != ' ' && d->text[d->len - 1] != ' ',
              "%s: white space at an end", path);
    for (size_t k = 0; k < d->nboilerplate; k++) {
        CHECK(d->boilerplate[k].start < d->boilerplate[k].end &&
              d->boilerplate[k].end <= d->len);
        if (k)
            CHECK(d->boilerplate[k - 1].end <= d->boilerplate[k].start);
    }
}

/* Is S a whole paragraph (PARA) or a whole line of TEXT? */
static int whole(const char *text, const char *s, int para)
{
    size_t n = strlen(s);
    for (const char *p = strstr(text, s); p; p = strstr(p + 1, s)) {
        int before = p == text || (p[-1] == '\n' && (!para || p - 1 == text || p[-2] == '\n'));
        int after = p[n] == '\0' || (p[n] == '\n' && (!para || p[n + 1] == '\n' || !p[n + 1]));
        if (before && after)
            return 1;
    }
    return 0;
}

static void html_case(const char *exp_path)
{
    char page_path[512], line[1024];
    size_t n, elen;
    char *exp = slurp(exp_path, &elen), *bytes;
    xc_doc *d = NULL;
    xc_error err;
    xc_code rc;

    snprintf(page_path, sizeof page_path, "%.*s.html", (int)(strlen(exp_path) - 4), exp_path);
    bytes = slurp(page_path, &n);
    CHECK_MSG(exp && bytes, "%s: cannot read it or its page", exp_path);
    if (!exp || !bytes) {
        free(exp);
        free(bytes);
        return;
    }
    rc = xc_html_to_doc(page_path, bytes, n, NULL, NULL, &d, &err);
    CHECK_MSG(rc == XC_OK, "%s: %s", page_path, err.msg);
    if (rc == XC_OK) {
        check_shape(page_path, d);
        check_meta(page_path, exp, "title", d->title);
        check_meta(page_path, exp, "outlet", d->outlet);
        check_meta(page_path, exp, "authors", d->authors);
        check_meta(page_path, exp, "published", d->published);
        check_meta(page_path, exp, "modified", d->modified);
        check_meta(page_path, exp, "language", d->language);
        check_meta(page_path, exp, "url", d->url);
        check_meta(page_path, exp, "encoding", d->encoding);
        if (field(exp, "warning", line, sizeof line))
            CHECK_MSG(strstr(err.msg, line) != NULL, "%s: warning \"%s\", wanted \"%s\"",
                      page_path, err.msg, line);
        for (const char *p = exp; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
            size_t ln = strcspn(p, "\n"), k;
            const char *colon = memchr(p, ':', ln);
            const char *s;
            if (!colon || p[0] == '#' || colon + 2 > p + ln)
                continue;
            k = (size_t)(colon - p);
            snprintf(line, sizeof line, "%.*s", (int)(ln - k - 2), colon + 2);
            s = strstr(d->text, line);
            if (k == 4 && strncmp(p, "with", 4) == 0)
                CHECK_MSG(s != NULL, "%s: text lacks \"%s\"", page_path, line);
            else if (k == 7 && strncmp(p, "without", 7) == 0)
                CHECK_MSG(s == NULL, "%s: text holds \"%s\"", page_path, line);
            else if (k == 4 && strncmp(p, "para", 4) == 0)
                CHECK_MSG(whole(d->text, line, 1), "%s: not a paragraph: \"%s\"", page_path, line);
            else if (k == 4 && strncmp(p, "line", 4) == 0)
                CHECK_MSG(whole(d->text, line, 0), "%s: not a line: \"%s\"", page_path, line);
            else if (k == 7 && strncmp(p, "caption", 7) == 0)
                CHECK_MSG(s && xc_doc_in_boilerplate(d, (size_t)(s - d->text),
                                                     (size_t)(s - d->text) + strlen(line)),
                          "%s: not a caption span: \"%s\"", page_path, line);
        }
        if (getenv("XC_SHOW"))
            fprintf(stderr, "---- %s\n%s\n", page_path, d->text);
    }
    xc_doc_free(d);
    free(exp);
    free(bytes);
}

/* ---- made here ------------------------------------------------------------ */

static xc_doc *read_page(const char *bytes, size_t n, const char *hint, size_t max,
                         xc_code want, xc_error *err)
{
    xc_read_opts o = {0};
    xc_doc *d = NULL;
    xc_code rc;
    o.max_bytes = max;
    rc = xc_html_to_doc("made.html", bytes, n, hint, &o, &d, err);
    CHECK_MSG(rc == want, "code %d (%s), wanted %d", rc, err->msg, want);
    if (d)
        check_shape("made.html", d);
    return d;
}

static void deep(size_t depth, const char *tag)
{
    xc_buf b;
    xc_error err;
    xc_doc *d;
    size_t n;
    char *page;
    xc_buf_init(&b, 0);
    xc_buf_puts(&b, "<html><body><p>The first paragraph of the page, before the deep part.</p>");
    for (size_t i = 0; i < depth; i++)
        xc_buf_printf(&b, "<%s>", tag);
    xc_buf_puts(&b, "The innermost words sit at the bottom of the deep part.");
    for (size_t i = 0; i < depth; i++)
        xc_buf_printf(&b, "</%s>", tag);
    xc_buf_puts(&b, "<p>The last paragraph of the page comes after the deep part.</p></body></html>");
    page = xc_buf_take(&b, &n);
    d = read_page(page, n, NULL, 0, XC_OK, &err);
    CHECK_MSG(d && strstr(d->text, "The innermost words sit at the bottom"),
              "depth %zu of <%s>: innermost text lost", depth, tag);
    CHECK_MSG(d && strstr(d->text, "The last paragraph of the page comes after"),
              "depth %zu of <%s>: text after the deep part lost", depth, tag);
    xc_doc_free(d);
    free(page);
}

static void test_deep(void)
{
    deep(10000, "div");
    deep(10000, "span");
    deep(100000, "div");
}

/* 50 MB of page: over the default cap a clear error, under a raised cap
   the article (and the furniture around it left out). */
static void test_big(void)
{
    const size_t want = (size_t)50 << 20;
    static const char para[] =
        "<p>The committee heard evidence from engineers, residents and the operator of "
        "the plant, and it will publish its findings in the spring, the chair said.</p>\n";
    xc_buf b;
    xc_error err;
    xc_doc *d;
    size_t n, k = 0;
    char *page;
    xc_buf_init(&b, 0);
    xc_buf_puts(&b, "<html><head><title>Big</title></head><body>"
                    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
                    "<p>The opening paragraph names the story that the rest repeats.</p>\n");
    while (b.len < want - 1000)
        xc_buf_puts(&b, para);
    xc_buf_puts(&b, "<p>The closing paragraph marks the end of the very long page.</p>"
                    "</article><footer>Copyright notice</footer></body></html>");
    page = xc_buf_take(&b, &n);
    CHECK(n >= want - 1000);
    d = read_page(page, n, NULL, 0, XC_ERR_TOO_BIG, &err);
    CHECK_MSG(strstr(err.msg, "limit"), "no clear message: %s", err.msg);
    xc_doc_free(d);
    d = read_page(page, n, NULL, (size_t)64 << 20, XC_OK, &err);
    CHECK(d && strstr(d->text, "The opening paragraph names the story"));
    CHECK(d && strstr(d->text, "The closing paragraph marks the end"));
    CHECK(d && !strstr(d->text, "Copyright notice") && !strstr(d->text, "Home"));
    /* count paragraphs by hand: sanitizers make each strstr read the
       whole rest of the text */
    for (size_t i = 0; d && i + 2 < d->len; i++)
        k += d->text[i] == '\n' && d->text[i + 1] == '\n' &&
             memcmp(d->text + i + 2, "The committee heard", 19) == 0;
    CHECK_MSG(k > 200000, "%zu paragraphs of the big page kept", k);
    xc_doc_free(d);
    free(page);
}

static void test_encodings(void)
{
    xc_error err;
    xc_doc *d;
    /* declared windows-1252 by HTTP, bytes UTF-8: read as UTF-8 */
    static const char u8[] = "<html><head><meta charset=\"windows-1252\"></head><body>"
                             "<p>Die Bürgermeisterin sprach über die Brücke und die Straße am Fluss.</p></body></html>";
    /* declared nothing, bytes Windows-1252: smart quotes and a euro sign */
    static const char cp[] = "<html><body><p>\x93It costs \x80" "5,\x94 said the "
                             "caf\xe9 owner, who sells coffee every morning.</p></body></html>";
    /* KOI8-R, declared */
    static const char koi[] = "<html><head><meta http-equiv=\"Content-Type\" "
                              "content=\"text/html; charset=koi8-r\"></head><body><p>"
                              "\xf0\xd2\xc9\xd7\xc5\xd4 \xcd\xc9\xd2 and more words in Latin letters too.</p></body></html>";
    /* UTF-16LE with a BOM */
    static const char ascii[] = "<html><body><p>Sixteen bits per letter, and still a page.</p></body></html>";
    char u16[256];
    size_t n16 = 2;

    d = read_page(u8, sizeof u8 - 1, NULL, 0, XC_OK, &err);
    CHECK(d && strstr(d->text, "Die Bürgermeisterin sprach über die Brücke"));
    CHECK(d && d->encoding == NULL);
    CHECK_MSG(strstr(err.msg, "declares windows-1252 but is UTF-8"), "warning: %s", err.msg);
    xc_doc_free(d);

    d = read_page(u8, sizeof u8 - 1, "ISO-8859-1", 0, XC_OK, &err);
    CHECK(d && strstr(d->text, "Bürgermeisterin"));
    CHECK_MSG(strstr(err.msg, "ISO-8859-1"), "the HTTP charset is named: %s", err.msg);
    xc_doc_free(d);

    d = read_page(cp, sizeof cp - 1, NULL, 0, XC_OK, &err);
    CHECK(d && strstr(d->text, "“It costs €5,” said the café owner"));
    CHECK(d && d->encoding && strcmp(d->encoding, "WINDOWS-1252") == 0);
    CHECK(err.msg[0] != '\0');
    xc_doc_free(d);

    d = read_page(koi, sizeof koi - 1, NULL, 0, XC_OK, &err);
    CHECK(d && strstr(d->text, "Привет мир"));
    CHECK(d && d->encoding && strcasecmp(d->encoding, "koi8-r") == 0);
    xc_doc_free(d);

    u16[0] = '\xff';
    u16[1] = '\xfe';
    for (const char *p = ascii; *p; p++) {
        u16[n16++] = *p;
        u16[n16++] = '\0';
    }
    d = read_page(u16, n16, NULL, 0, XC_OK, &err);
    CHECK(d && strstr(d->text, "Sixteen bits per letter"));
    xc_doc_free(d);
}

static void test_bad(void)
{
    xc_error err;
    xc_doc *d;
    static const char broken[] =
        "<html><body><div><p>Unclosed paragraphs everywhere <b>bold <i>and italic"
        "<p>A second paragraph &amp; an entity &bogus; and <a href='x'>a link"
        "</div></td></tr><p>Still more text after stray closing tags, enough to count.";
    static const char nul[] = "<html><body><p>Text\0 with a NUL byte inside the paragraph.</p></body></html>";
    static const char ent[] = "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                              "<html><body><p>External &x; entity is not loaded here.</p></body></html>";
    static const char empty[] = "<html><head><title>Nothing</title></head><body>"
                                "<script>var a = 1;</script></body></html>";

    d = read_page(broken, sizeof broken - 1, NULL, 0, XC_OK, &err);
    CHECK(d && strstr(d->text, "A second paragraph & an entity"));
    CHECK(d && strstr(d->text, "Still more text after stray closing tags"));
    xc_doc_free(d);

    d = read_page(nul, sizeof nul - 1, NULL, 0, XC_OK, &err);
    CHECK(d && strstr(d->text, "Text with a NUL byte inside"));
    xc_doc_free(d);

    d = read_page(ent, sizeof ent - 1, NULL, 0, XC_OK, &err);
    CHECK(d && !strstr(d->text, "root:"));
    xc_doc_free(d);

    d = read_page(empty, sizeof empty - 1, NULL, 0, XC_ERR_EMPTY, &err);
    CHECK(d == NULL);
    d = read_page("", 0, NULL, 0, XC_ERR_PARSE, &err);
    CHECK(d == NULL);
    /* control bytes are white space; what is left is text */
    d = read_page("\x01\x02\x03\xff\xfe\x7f", 6, NULL, 0, XC_OK, &err);
    CHECK(d && strcmp(d->text, "ÿþ") == 0);
    xc_doc_free(d);
}

/* xc_doc_from_bytes sends .html to the same reader, overrides applied. */
static void test_route(void)
{
    static const char page[] = "<html><head><title>A | Site</title><meta property='og:site_name' "
                               "content='Site'></head><body><article><p>One paragraph of "
                               "article text that is long enough to be chosen.</p></article>"
                               "</body></html>";
    xc_read_opts o = {0};
    xc_doc *d = NULL;
    xc_error err;
    o.outlet = "Given Outlet";
    CHECK(xc_doc_from_bytes("p.html", page, sizeof page - 1, &o, &d, &err) == XC_OK);
    CHECK(d && d->title && strcmp(d->title, "A") == 0);
    CHECK(d && d->outlet && strcmp(d->outlet, "Given Outlet") == 0);
    CHECK(d && d->hash != 0 && d->language && strcmp(d->language, "en") == 0);
    xc_doc_free(d);
}

int main(void)
{
    run_fixtures("tests/cases/html", 6, html_case);
    test_encodings();
    test_bad();
    test_route();
    test_deep();
    test_big();
    DONE();
}
