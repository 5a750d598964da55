/*
 * test_hostile.c: the whole pipeline on generated hostile text.  Seeded
 * random documents mix words, names, numbers, dates, every quotation mark,
 * dashes, stray bytes of multi-byte characters, long runs without spaces or
 * punctuation, and deep nesting of quotes; each goes through reading,
 * analysis, merging, grouping and both renderers.  The build must either
 * succeed or reject the input with a code, never crash (run under ASan and
 * UBSan by `make check-asan`), and the JSON must always be written.
 * XC_HOSTILE_ROUNDS=N runs more documents, XC_HOSTILE_SEED=S other ones.
 */
#include "harness.h"

#include "crosscheck.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static const char *const pieces[] = {
    "The", "minister", "said", "Aliyev", "Ilham Aliyev", "President", "U.S.", "J.D.",
    "Vance", "on Friday", "February 14, 2026", "13 February", "at least 19", "Nineteen",
    "1.5 million", "20-year", "“", "”", "‘", "’", "\"", "'", "«", "»", "„", " — ", " - ",
    "...", "…", ",", ".", "?", "!", ":", ";", "(", ")", "[", "]", "\n", "\n\n", "- ",
    "Q:", "A:", "he said", "according to", "sources told APA", "Pashinyan", "Pashinian",
    "1e400", "99999999999999999999", "2022-2023", "May", "may", "France 24", "World War II",
    "\xC3\xA9", "\xD5\x80\xD5\xA1\xD5\xB5", "\xF0\x9F\x98\x80", "\xE2\x80\x8F", "\xEF\xBB\xBF",
    "Mr.", "Gen.", "No.", "%", "$", "€", "#", "@", "\t", "   ",
    "<p>", "</p>", "<div class=\"share\">", "</div>", "<script>x=1</script>", "&amp;",
    "&#0;", "&#xD800;", "<!--", "-->", "<![CDATA[", "<meta charset=\"utf-16\">", "<br>"};

/* A random document of about N pieces; some runs are long on purpose. */
static size_t make_doc(char *buf, size_t cap, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n && len + 64 < cap; i++) {
        uint32_t r = next();
        const char *p;
        size_t k;
        if (r % 97 == 0) { /* a long run without breaks */
            size_t run = 1 + next() % 4000;
            for (k = 0; k < run && len + 64 < cap; k++)
                buf[len++] = (char)('a' + next() % 26);
            continue;
        }
        if (r % 89 == 0) { /* deep quote nesting */
            for (k = 0; k < 200 && len + 64 < cap; k++) {
                memcpy(buf + len, "\xE2\x80\x9C", 3);
                len += 3;
            }
            continue;
        }
        p = pieces[r % (sizeof pieces / sizeof *pieces)];
        k = strlen(p);
        memcpy(buf + len, p, k);
        len += k;
        if (next() % 3)
            buf[len++] = ' ';
    }
    return len;
}

static void test_random_documents(void)
{
    static char buf[1 << 17];
    FILE *null = fopen("/dev/null", "w");
    int built = 0, rounds = 40;
    const char *env = getenv("XC_HOSTILE_ROUNDS"); /* more on demand */
    const char *seed = getenv("XC_HOSTILE_SEED");   /* other documents */
    if (env && atoi(env) > 0)
        rounds = atoi(env);
    if (seed && strtoull(seed, NULL, 10))
        rng = strtoull(seed, NULL, 10) * 0x9E3779B97F4A7C15ull;
    CHECK(null != NULL);
    for (int round = 0; round < rounds && null; round++) {
        xc_dossier *d = xc_dossier_new();
        xc_error err;
        int ndocs = 1 + (int)(next() % 4);
        for (int k = 0; k < ndocs; k++) {
            size_t n = make_doc(buf, sizeof buf, 50 + next() % 3000);
            xc_doc *doc;
            xc_read_opts o = {0};
            xc_code rc;
            /* every third document is read as an HTML page */
            o.format = next() % 3 == 0 ? XC_FORMAT_HTML : XC_FORMAT_TEXT;
            rc = xc_doc_from_bytes("random", buf, n, &o, &doc, &err);
            CHECK_MSG(rc == XC_OK || rc == XC_ERR_EMPTY || rc == XC_ERR_ENCODING ||
                          rc == XC_ERR_BINARY || rc == XC_ERR_PARSE,
                      "round %d: %s", round, err.msg);
            if (rc == XC_OK)
                CHECK(xc_dossier_add(d, doc) == XC_OK);
        }
        if (xc_dossier_ndocs(d)) {
            CHECK_MSG(xc_dossier_build(d, &err) == XC_OK, "round %d: %s", round, err.msg);
            CHECK(xc_dossier_write_json(d, null, XC_RENDER_WITH_TEXT | XC_RENDER_DEBUG, &err) == XC_OK);
            CHECK(xc_dossier_write_markdown(d, null, 0, &err) == XC_OK);
            built++;
        }
        xc_dossier_free(d);
    }
    CHECK(built > 20);
    if (null)
        fclose(null);
}

int main(void)
{
    RUN(test_random_documents);
    DONE();
}
