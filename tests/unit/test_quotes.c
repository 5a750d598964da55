/*
 * test_quotes.c: the quotation extractor.  Behaviour is pinned by the
 * plain-text fixtures in tests/cases/quotes/ (format in its README), run
 * from the source tree's top folder; a failing fixture prints what was
 * found in the fixture's own format, ready to compare or paste.  The C
 * checks here cover hostile input (1,000 nested quotes, only quotation
 * marks, an unclosed mark in a long text), the invariants every result
 * keeps, appending to a used list, and clean-up.
 */
#include "core/util.h"
#include "extract/extract.h"
#include "extract/speech.h"
#include "harness.h"
#include "fixtures.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define CASES "tests/cases/quotes"

static const char *const kinds[] = {"direct", "partial", "answer", "question"};

/* ---- Helpers ------------------------------------------------------------ */

/* Find the quotes of TEXT (with boilerplate spans BP[0..NBP)) into Q. */
static xc_code find(const char *text, const xc_span *bp, size_t nbp, xc_quotes *q)
{
    xc_doc *d = xc_doc_new();
    xc_tokens tk = {0};
    xc_code rc;
    if (!d)
        return XC_ERR_NOMEM;
    d->text = xc_strdup(text);
    d->len = strlen(text);
    if (nbp) {
        d->boilerplate = malloc(nbp * sizeof *bp);
        if (d->boilerplate) {
            memcpy(d->boilerplate, bp, nbp * sizeof *bp);
            d->nboilerplate = nbp;
        }
    }
    rc = xc_tokenize(d->text, d->len, &tk);
    if (rc == XC_OK)
        rc = xc_quotes_find(d, &tk, q);
    xc_tokens_free(&tk);
    xc_doc_free(d);
    return rc;
}

/* Every quote lies in the text, in order, with its speaker and name spans
   inside the text and a known kind. */
static int well_formed(const xc_quotes *q, size_t len)
{
    for (size_t i = 0; i < q->n; i++) {
        const xc_quote *x = &q->v[i];
        if (x->start >= x->end || x->end > len || x->kind > XC_QUOTE_QUESTION)
            return 0;
        if (x->spk_start > x->spk_end || x->spk_end > len)
            return 0;
        if (x->ref_start > x->ref_end || x->ref_end > len)
            return 0;
        if (i > 0 && x->start < q->v[i - 1].start)
            return 0;
    }
    return 1;
}

/* ---- Fixtures ----------------------------------------------------------- */

/* Decode a field: "\n" stands for a line break. */
static void unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w++ = '\n';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* Does the found text GOT[0..N) match the expected EXP?  " ... " in EXP
   stands for any middle part. */
static int text_matches(const char *exp, const char *got, size_t n)
{
    const char *dots = strstr(exp, " ... ");
    if (!dots)
        return strlen(exp) == n && !memcmp(exp, got, n);
    {
        size_t head = (size_t)(dots - exp), tail = strlen(dots + 5);
        return head + tail <= n && !memcmp(exp, got, head) &&
               !memcmp(dots + 5, got + n - tail, tail);
    }
}

static int field_matches(const char *exp, const char *text, size_t a, size_t b)
{
    if (!strcmp(exp, "null"))
        return a == b;
    return b > a && text_matches(exp, text + a, b - a);
}

static void print_field(FILE *f, const char *text, size_t a, size_t b)
{
    if (a >= b) {
        fputs("null", f);
        return;
    }
    for (size_t i = a; i < b; i++) {
        if (text[i] == '\n')
            fputs("\\n", f);
        else
            fputc(text[i], f);
    }
}

static void print_found(const char *text, const xc_quotes *q)
{
    for (size_t i = 0; i < q->n; i++) {
        const xc_quote *x = &q->v[i];
        fprintf(stderr, "    %s\t", kinds[x->kind & 3]);
        print_field(stderr, text, x->start, x->end);
        fputc('\t', stderr);
        print_field(stderr, text, x->spk_start, x->spk_end);
        fputc('\t', stderr);
        print_field(stderr, text, x->ref_start, x->ref_end);
        fputc('\n', stderr);
    }
}

/*
 * One fixture: header lines ("# comment", "boilerplate: N" to mark line N
 * of the text as page furniture), an empty line, the text, then
 * "=== quotes" and one expected quote per line.  Returns 1 when the quotes
 * found are exactly those, in order.
 */
static int run_fixture(const char *name, char *all)
{
    char *p = all, *text, *sep, *exp;
    int bpline[8], ok = 1;
    size_t nb = 0, nbp = 0, k = 0;
    xc_span bp[8];
    xc_quotes q = {0};

    while (*p == '#' || !strncmp(p, "boilerplate:", 12)) {
        char *eol = strchr(p, '\n');
        if (!eol)
            return 0;
        if (!strncmp(p, "boilerplate:", 12) && nb < 8)
            bpline[nb++] = atoi(p + 12);
        p = eol + 1;
    }
    if (*p == '\n')
        p++;
    text = p;
    sep = strstr(text, "\n=== quotes");
    if (!sep) {
        fprintf(stderr, "%s: no \"=== quotes\" line\n", name);
        return 0;
    }
    *sep = '\0';
    exp = strchr(sep + 1, '\n');
    exp = exp ? exp + 1 : sep + 1 + strlen(sep + 1);
    /* boilerplate lines to byte spans */
    for (size_t b = 0; b < nb; b++) {
        const char *l = text;
        for (int line = 1; line < bpline[b] && l; line++) {
            l = strchr(l, '\n');
            if (l)
                l++;
        }
        if (l) {
            const char *e = strchr(l, '\n');
            bp[nbp].start = (size_t)(l - text);
            bp[nbp].end = e ? (size_t)(e - text) : strlen(text);
            nbp++;
        }
    }
    if (find(text, bp, nbp, &q) != XC_OK) {
        fprintf(stderr, "%s: xc_quotes_find failed\n", name);
        xc_quotes_free(&q);
        return 0;
    }
    if (!well_formed(&q, strlen(text)))
        ok = 0;
    while (*exp) {
        char *eol = strchr(exp, '\n'), *f[4];
        int nf = 0;
        if (eol)
            *eol = '\0';
        if (*exp && *exp != '#') {
            f[nf++] = exp;
            for (char *t = exp; *t && nf < 4; t++)
                if (*t == '\t') {
                    *t = '\0';
                    f[nf++] = t + 1;
                }
            if (nf != 4) {
                fprintf(stderr, "%s: expected line %zu has %d fields, not 4\n", name, k + 1, nf);
                ok = 0;
            } else if (k >= q.n) {
                fprintf(stderr, "%s: quote %zu not found\n", name, k + 1);
                ok = 0;
            } else {
                const xc_quote *x = &q.v[k];
                for (int i = 0; i < 4; i++)
                    unescape(f[i]);
                if (strcmp(f[0], kinds[x->kind & 3]) || !field_matches(f[1], text, x->start, x->end) ||
                    !field_matches(f[2], text, x->spk_start, x->spk_end) ||
                    !field_matches(f[3], text, x->ref_start, x->ref_end)) {
                    fprintf(stderr, "%s: quote %zu differs\n", name, k + 1);
                    ok = 0;
                }
            }
            k++;
        }
        if (!eol)
            break;
        exp = eol + 1;
    }
    if (k != q.n) {
        fprintf(stderr, "%s: %zu quotes expected, %zu found\n", name, k, q.n);
        ok = 0;
    }
    if (!ok) {
        fprintf(stderr, "%s: found:\n", name);
        print_found(text, &q);
    }
    xc_quotes_free(&q);
    return ok;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_fixtures(void)
{
    DIR *d = opendir(CASES);
    struct dirent *e;
    char *names[512];
    size_t n = 0;
    CHECK_MSG(d != NULL, "run from the source tree's top folder (%s)", CASES);
    if (!d)
        return;
    while ((e = readdir(d)) && n < 512) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".txt"))
            names[n++] = xc_strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    CHECK_MSG(n >= 30, "only %zu fixtures", n);
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        char *all;
        snprintf(path, sizeof path, "%s/%s", CASES, names[i]);
        all = slurp(path, NULL);
        CHECK_MSG(all && run_fixture(names[i], all), "%s", names[i]);
        free(all);
        free(names[i]);
    }
}

/* ---- Hostile input ------------------------------------------------------ */

/* 1,000 quotes nested in each other: one quotation, the outer one. */
static void test_nested_thousand(void)
{
    xc_buf b;
    char *text;
    size_t n;
    xc_quotes q = {0};
    xc_buf_init(&b, 1 << 20);
    xc_buf_puts(&b, "The witness said: ");
    for (int i = 0; i < 1000; i++)
        xc_buf_puts(&b, i & 1 ? "‘she told me " : "“he told me ");
    xc_buf_puts(&b, "nothing");
    for (int i = 999; i >= 0; i--)
        xc_buf_puts(&b, i & 1 ? "’" : "”");
    xc_buf_puts(&b, ".\n");
    text = xc_buf_take(&b, &n);
    CHECK(text != NULL);
    if (!text)
        return;
    CHECK(find(text, NULL, 0, &q) == XC_OK);
    CHECK(q.n == 1);
    CHECK(well_formed(&q, n));
    if (q.n == 1) {
        const xc_quote *x = &q.v[0];
        CHECK(!strncmp(text + x->start, "he told me ‘she", 16));
        CHECK(!strncmp(text + x->end - 3, "’", 3)); /* the nested marks stay inside */
        CHECK(x->spk_end - x->spk_start == 11 && !strncmp(text + x->spk_start, "The witness", 11));
    }
    xc_quotes_free(&q);
    free(text);
}

/* Nothing but quotation marks of every style: no quotation. */
static void test_only_marks(void)
{
    static const char *const marks[] = {"\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", " ", "\n\n"};
    xc_buf b;
    char *text;
    size_t n;
    unsigned seed = 7;
    xc_quotes q = {0};
    xc_buf_init(&b, 1 << 22);
    for (int i = 0; i < 200000; i++) {
        seed = seed * 1103515245u + 12345u;
        xc_buf_puts(&b, marks[(seed >> 16) % (sizeof marks / sizeof *marks)]);
    }
    text = xc_buf_take(&b, &n);
    CHECK(text != NULL);
    if (!text)
        return;
    CHECK(find(text, NULL, 0, &q) == XC_OK);
    CHECK(q.n == 0);
    xc_quotes_free(&q);
    free(text);
}

/* An opening mark that never closes, in front of a 1 MB paragraph and
   then more paragraphs: the quote is capped, the rest is read as usual. */
static void test_unclosed_capped(void)
{
    xc_buf b;
    char *text;
    size_t n;
    xc_quotes q = {0};
    xc_buf_init(&b, 1 << 22);
    xc_buf_puts(&b, "He said “this is where it all began. ");
    for (int i = 0; i < 40000; i++)
        xc_buf_puts(&b, "The talks went on. ");
    xc_buf_puts(&b, "\n\n“We are done here,” the minister said.\n");
    text = xc_buf_take(&b, &n);
    CHECK(text != NULL);
    if (!text)
        return;
    CHECK(find(text, NULL, 0, &q) == XC_OK);
    CHECK(well_formed(&q, n));
    CHECK(q.n >= 2);
    if (q.n >= 2) {
        CHECK(q.v[0].end - q.v[0].start <= 25000);
        CHECK(!strncmp(text + q.v[q.n - 1].start, "We are done here,", 17));
        CHECK(!strncmp(text + q.v[q.n - 1].spk_start, "the minister", 12));
    }
    xc_quotes_free(&q);
    free(text);
}

/* Random text over quotation marks, speech verbs and breaks: whatever
   comes out is well formed. */
static void test_random(void)
{
    static const char *const w[] = {"'", "’", "‘", "\"", "“", "”", "«", "»", "word", "s’",
                                    "Trump", "said", "he", ",", ".", ":", "\n", "\n\n",
                                    "- ", "Q:", "A:", "according", "to", "the", "President"};
    unsigned seed = 42;
    for (int round = 0; round < 20; round++) {
        xc_buf b;
        char *text;
        size_t n;
        xc_quotes q = {0};
        xc_buf_init(&b, 1 << 20);
        for (int i = 0; i < 3000; i++) {
            seed = seed * 1103515245u + 12345u;
            xc_buf_puts(&b, w[(seed >> 16) % (sizeof w / sizeof *w)]);
            xc_buf_puts(&b, " ");
        }
        text = xc_buf_take(&b, &n);
        if (!text)
            continue;
        CHECK(find(text, NULL, 0, &q) == XC_OK);
        CHECK(well_formed(&q, n));
        xc_quotes_free(&q);
        free(text);
    }
}

/* ---- The API ------------------------------------------------------------ */

static void test_api(void)
{
    xc_quotes q = {0};
    const char *t = "“We will not give up,” she said.";
    CHECK(xc_speech_loaded());
    CHECK(xc_speech_class("said", 4) & XC_SW_RV);
    CHECK(xc_speech_class("Said", 4) & XC_SW_RV);
    CHECK(xc_speech_class("adding", 6) & XC_SW_ING);
    CHECK(!(xc_speech_class("table", 5) & XC_SW_RV));
    /* results are appended to what the list holds */
    CHECK(find(t, NULL, 0, &q) == XC_OK);
    CHECK(q.n == 1);
    CHECK(find(t, NULL, 0, &q) == XC_OK);
    CHECK(q.n == 2);
    xc_quotes_free(&q);
    CHECK(q.v == NULL && q.n == 0);
    xc_quotes_free(&q);
    xc_quotes_free(NULL);
    CHECK(find("", NULL, 0, &q) == XC_OK && q.n == 0);
    CHECK(xc_quotes_find(NULL, NULL, &q) == XC_ERR_ARG);
}

int main(void)
{
    RUN(test_api);
    RUN(test_fixtures);
    RUN(test_nested_thousand);
    RUN(test_only_marks);
    RUN(test_unclosed_capped);
    RUN(test_random);
    DONE();
}
