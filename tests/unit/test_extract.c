/*
 * test_extract.c: the time and quantity extractors.  Most behaviour is
 * pinned by the plain-text fixtures in tests/cases/times/ and
 * tests/cases/quantities/ (format in tests/cases/times/README), run from
 * the source tree's top folder; the C checks here cover the number reader,
 * the year test, invariants on odd and random input, and clean-up.
 */
#include "core/util.h"
#include "extract/extract.h"
#include "extract/lexicon.h"
#include "harness.h"
#include "fixtures.h"

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Helpers ------------------------------------------------------------ */

static xc_doc *make_doc(const char *text, const char *published)
{
    xc_doc *d = xc_doc_new();
    if (!d)
        return NULL;
    d->text = xc_strdup(text);
    d->len = strlen(text);
    d->published = published ? xc_strdup(published) : NULL;
    return d;
}

/* ---- Fixtures ----------------------------------------------------------- */

/*
 * One fixture: header lines ("published: DATE|none", "boilerplate: N" to
 * mark line N of the text as page furniture, "# comment"), a blank line,
 * the text, then "=== times" or "=== quantities" and one expected item per
 * line, tab-separated.  The items found must be exactly these, in order.
 */
typedef struct fixture {
    char *published;
    char *text;
    xc_span bp[8];
    size_t nbp;
    char *expect; /* the lines after the "===" line */
    int quantities;
} fixture;

static int parse_fixture(char *all, fixture *fx)
{
    char *p = all, *sep;
    int bpline[8];
    size_t nb = 0;
    memset(fx, 0, sizeof *fx);
    /* header */
    while (*p && *p != '\n') {
        char *eol = strchr(p, '\n');
        if (!eol)
            return 0;
        *eol = '\0';
        if (!strncmp(p, "published:", 10)) {
            char *v = p + 10;
            while (*v == ' ')
                v++;
            fx->published = strcmp(v, "none") ? v : NULL;
        } else if (!strncmp(p, "boilerplate:", 12) && nb < 8) {
            bpline[nb++] = atoi(p + 12);
        } else if (p[0] != '#') {
            return 0;
        }
        p = eol + 1;
    }
    if (*p != '\n')
        return 0;
    p++;
    fx->text = p;
    if ((sep = strstr(p, "\n=== times\n")) != NULL) {
        fx->expect = sep + 11;
    } else if ((sep = strstr(p, "\n=== quantities\n")) != NULL) {
        fx->expect = sep + 16;
        fx->quantities = 1;
    } else {
        return 0;
    }
    *sep = '\0';
    /* boilerplate lines to spans */
    for (size_t k = 0; k < nb; k++) {
        int line = 1;
        char *s = fx->text, *e;
        while (line < bpline[k] && (s = strchr(s, '\n')) != NULL) {
            s++;
            line++;
        }
        if (!s)
            return 0;
        e = strchr(s, '\n');
        if (!e)
            e = s + strlen(s);
        fx->bp[fx->nbp].start = (size_t)(s - fx->text);
        fx->bp[fx->nbp].end = (size_t)(e - fx->text);
        fx->nbp++;
    }
    return 1;
}

/* Split LINE at tabs into at most N fields; returns the count. */
static int fields(char *line, char **f, int n)
{
    int k = 0;
    f[k++] = line;
    while (k < n && (line = strchr(line, '\t')) != NULL) {
        *line++ = '\0';
        f[k++] = line;
    }
    return k;
}

static const char *const anchors[] = {"explicit", "published", "story", "none"};
static const char *const bounds[] = {"exact", "at-least", "at-most", "about"};

static int run_fixture(const char *path)
{
    char *all = slurp(path, NULL), *line, *next;
    fixture fx;
    xc_doc *doc;
    xc_tokens tk = {0};
    xc_times tm = {0};
    xc_quantities qs = {0};
    size_t got = 0, want = 0;
    int ok = 1;

    if (!all || !parse_fixture(all, &fx)) {
        fprintf(stderr, "%s: not a fixture\n", path);
        free(all);
        return 0;
    }
    doc = make_doc(fx.text, fx.published);
    if (fx.nbp) {
        doc->boilerplate = malloc(fx.nbp * sizeof *doc->boilerplate);
        memcpy(doc->boilerplate, fx.bp, fx.nbp * sizeof *doc->boilerplate);
        doc->nboilerplate = fx.nbp;
    }
    if (xc_tokenize(doc->text, doc->len, &tk) != XC_OK ||
        (fx.quantities ? xc_quantities_find(doc, &tk, &qs) : xc_times_find(doc, &tk, &tm)) != XC_OK) {
        fprintf(stderr, "%s: extraction failed\n", path);
        ok = 0;
    }
    got = fx.quantities ? qs.n : tm.n;
    for (line = fx.expect; ok && line && *line; line = next) {
        char *f[5];
        int nf;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (!*line || *line == '#')
            continue;
        nf = fields(line, f, 5);
        if (want >= got) {
            fprintf(stderr, "%s: missing %s\n", path, f[0]);
            ok = 0;
            break;
        }
        if (!fx.quantities) {
            const xc_time *t = &tm.v[want];
            size_t n = t->end - t->start;
            const char *val = strcmp(f[1], "null") ? f[1] : "";
            if (nf != 3 || strlen(f[0]) != n || memcmp(f[0], doc->text + t->start, n) ||
                strcmp(val, t->value) || strcmp(f[2], anchors[t->anchor & 3])) {
                fprintf(stderr, "%s: want %s|%s|%s got %.*s|%s|%s\n", path, f[0], f[1],
                        nf > 2 ? f[2] : "?", (int)n, doc->text + t->start,
                        t->value[0] ? t->value : "null", anchors[t->anchor & 3]);
                ok = 0;
            }
        } else {
            const xc_quantity *q = &qs.v[want];
            size_t n = q->end - q->start, on = q->obj_end - q->obj_start;
            double v = nf > 1 ? strtod(f[1], NULL) : -1;
            int obj_ok = nf > 3 && (!strcmp(f[3], "null") ? on == 0
                                    : strlen(f[3]) == on &&
                                          !memcmp(f[3], doc->text + q->obj_start, on));
            int dur_ok = nf < 5 || !strcmp(f[4], q->duration) ||
                         (!strcmp(f[4], "-") && !q->duration[0]);
            if (nf < 4 || strlen(f[0]) != n || memcmp(f[0], doc->text + q->start, n) ||
                fabs(v - q->value) > 1e-9 * (1 + fabs(v)) || strcmp(f[2], bounds[q->bound & 3]) ||
                !obj_ok || !dur_ok) {
                fprintf(stderr, "%s: want %s|%s|%s|%s|%s got %.*s|%.17g|%s|%.*s|%s\n", path, f[0],
                        nf > 1 ? f[1] : "?", nf > 2 ? f[2] : "?", nf > 3 ? f[3] : "?",
                        nf > 4 ? f[4] : "", (int)n, doc->text + q->start, q->value,
                        bounds[q->bound & 3], (int)on, doc->text + q->obj_start, q->duration);
                ok = 0;
            }
        }
        want++;
    }
    if (ok && want != got) {
        size_t s = fx.quantities ? qs.v[want].start : tm.v[want].start;
        size_t e = fx.quantities ? qs.v[want].end : tm.v[want].end;
        fprintf(stderr, "%s: unexpected %.*s (%zu found, %zu expected)\n", path, (int)(e - s),
                doc->text + s, got, want);
        ok = 0;
    }
    xc_times_free(&tm);
    xc_quantities_free(&qs);
    xc_tokens_free(&tk);
    xc_doc_free(doc);
    free(all);
    return ok;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every *.txt fixture in DIR; returns how many ran. */
static int run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char *names[512];
    size_t n = 0;
    if (!d) {
        fprintf(stderr, "%s: cannot open (run from the source tree)\n", dir);
        CHECK(d != NULL);
        return 0;
    }
    while ((e = readdir(d)) != NULL && n < 512) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".txt"))
            names[n++] = xc_strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    for (size_t k = 0; k < n; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        CHECK_MSG(run_fixture(path), "%s", path);
        free(names[k]);
    }
    return (int)n;
}

static void test_fixtures(void)
{
    int nt = run_dir("tests/cases/times");
    int nq = run_dir("tests/cases/quantities");
    CHECK_MSG(nt >= 30, "%d time fixtures", nt);
    CHECK_MSG(nq >= 25, "%d quantity fixtures", nq);
}

/* ---- The number reader -------------------------------------------------- */

/* Read the amount at the start of TEXT; -1 when there is none. */
static double amount_of(const char *text, size_t *ntok)
{
    xc_tokens tk = {0};
    xc_amount a;
    double v = -1;
    if (xc_tokenize(text, strlen(text), &tk) == XC_OK && tk.ntok &&
        xc_lex_amount(text, &tk, 0, tk.ntok, &a)) {
        v = a.value;
        if (ntok)
            *ntok = a.last + 1;
    }
    xc_tokens_free(&tk);
    return v;
}

static void test_amounts(void)
{
    static const struct {
        const char *text;
        double value;
    } good[] = {
        {"13 officials", 13},         {"1,000 people", 1000},
        {"3.5 percent", 3.5},         {"1.5 million", 1.5e6},
        {"5bn euros", 5e9},           {"twenty-five", 25},
        {"Nineteen people", 19},      {"two hundred and fifty", 250},
        {"a dozen", 12},              {"two dozen", 24},
        {"two-thirds of", 2.0 / 3},   {"a third of them", 1.0 / 3},
        {"half of the", 0.5},         {"half a million", 5e5},
        {"three million", 3e6},
        {"two and a half years", 2.5},{"a hundred", 100},
        {"one thousand two hundred", 1200},
        {"999999999999999", 999999999999999.0},
        {"20-year terms", 20},        {"two-day visit", 2},
    };
    static const char *const bad[] = {
        "99999999999999999999", "1e400", "13th", "10:30", "1990s", "third",
        "the", "million", "dozens", "hundreds of thousands", "007", "F-16",
        "twenty-first", "a year", "a quarter", "one-sided", "",
    };
    for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
        double v = amount_of(good[k].text, NULL);
        CHECK_MSG(fabs(v - good[k].value) < 1e-9 * (1 + good[k].value), "%s: %g",
                  good[k].text, v);
    }
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        double v = amount_of(bad[k], NULL);
        CHECK_MSG(v < 0 || !strcmp(bad[k], "one-sided"), "%s: %g", bad[k], v);
    }
}

static void test_years(void)
{
    static const struct {
        const char *text;
        size_t tok;
        int year;
    } cases[] = {
        {"in 2020 the war", 1, 1},          {"2000 people marched", 0, 0},
        {"about 1500 troops", 1, 0},        {"$2000 in cash", 1, 0},
        {"the 1988 period", 1, 1},          {"He used Windows 2000", 3, 0},
        {"In 1991 it began", 1, 1},         {"up 2020%", 0, 0},
        {"2022-2023", 2, 1},                {"call 555-2000 now", 3, 0},
        {"2300 years", 0, 0},               {"fiscal 1989", 1, 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        xc_tokens tk = {0};
        const char *t = cases[k].text;
        CHECK(xc_tokenize(t, strlen(t), &tk) == XC_OK);
        CHECK_MSG(cases[k].tok < tk.ntok &&
                      xc_lex_is_year(t, &tk, cases[k].tok, 0, tk.ntok) == cases[k].year,
                  "%s", t);
        xc_tokens_free(&tk);
    }
}

/* ---- Invariants --------------------------------------------------------- */

/* Run both extractors on TEXT and check what every output must satisfy. */
static void check_invariants(const char *text, const char *published)
{
    xc_doc *doc = make_doc(text, published);
    xc_tokens tk = {0};
    xc_times tm = {0};
    xc_quantities qs = {0};
    int ok = 1;
    CHECK(xc_tokenize(doc->text, doc->len, &tk) == XC_OK);
    CHECK(xc_times_find(doc, &tk, &tm) == XC_OK);
    CHECK(xc_quantities_find(doc, &tk, &qs) == XC_OK);
    for (size_t k = 0; k < tm.n; k++) {
        const xc_time *t = &tm.v[k];
        ok &= t->start < t->end && t->end <= doc->len;
        ok &= !t->value[0] || xc_date_valid(t->value);
        ok &= t->anchor <= XC_ANCHOR_NONE;
        ok &= t->value[0] || t->anchor == XC_ANCHOR_NONE;
        ok &= !published || strlen(published) == 10 || t->anchor != XC_ANCHOR_PUBLISHED ||
              strlen(t->value) <= strlen(published);
        if (k)
            ok &= tm.v[k - 1].end <= t->start;
    }
    for (size_t k = 0; k < qs.n; k++) {
        const xc_quantity *q = &qs.v[k];
        ok &= q->start < q->end && q->end <= doc->len;
        ok &= isfinite(q->value) && q->value >= 0;
        ok &= q->bound <= XC_BOUND_ABOUT;
        ok &= q->obj_start <= q->obj_end && q->obj_end <= doc->len;
        ok &= strlen(q->duration) < sizeof q->duration;
        ok &= !q->duration[0] || q->duration[0] == 'P';
        if (k)
            ok &= qs.v[k - 1].end <= q->start;
    }
    CHECK_MSG(ok, "invariants on %.60s", text);
    xc_times_free(&tm);
    xc_quantities_free(&qs);
    xc_tokens_free(&tk);
    xc_doc_free(doc);
}

static void test_odd_input(void)
{
    static const char *const texts[] = {
        "1e400 99999999999999999999 1e400 people",
        "99999999999999999999 people and 999999999999999 more and 0.0000001 grams",
        "February 30, 2026 and 2026-02-30 and 31/31/2026 and 00/00/00",
        "May", "March", "Friday", "yesterday", "2026", "1", "", " ",
        "9999-99-99", "last last last week week", "the the the year",
        "nineteen ninety", "nineteen", "a", "half", "two-", "-2", "$", "%",
        "Sun Sat Wed Mar Jan.", "February 29, 2025 and February 29, 2024",
        "December 31, 9999 and January 1, 0001",
        "between and", "more than", "at least", "or so",
        "1,000,000,000,000,000,000 people",
        "In 2022-2023-2024 and 1995-96-97 and 2022-",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        check_invariants(texts[k], "2026-02-14");
        check_invariants(texts[k], NULL);
        check_invariants(texts[k], "2026");
    }
}

/* Random text from number-heavy pieces: nothing may crash or leave the
   invariants, whatever the order. */
static void test_random(void)
{
    static const char *const pieces[] = {
        "19", "1,000", "3.5", "2026", "1988", "-", "–", "/", ":", "10:30", "$",
        "%", "at", "least", "more", "than", "about", "nearly", "two", "thirds",
        "two-thirds", "half", "a", "dozen", "million", "years", "ago", "after",
        "last", "next", "this", "week", "month", "year", "May", "March",
        "February", "Feb.", "5", "13th", "of", "the", "Friday", "on", "said",
        "will", "people", "prisoners", "held", "in", "who", "remain", ",",
        ".", "\n", "\n\n", "France", "24", "World", "War", "II", "1e400",
        "99999999999999999999", "Christmas", "Eve", "New", "Year's", "Day",
        "mid-November", "third-quarter", "year-end", "nineteen", "ninety-six",
        "(", ")", "1.", "#", "No.", "or", "so", "between", "and", "up", "to",
    };
    const size_t np = sizeof pieces / sizeof pieces[0];
    unsigned long seed = 12345;
    for (int round = 0; round < 300; round++) {
        xc_buf b;
        char *text;
        size_t n;
        xc_buf_init(&b, 0);
        for (int w = 0; w < 60; w++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            xc_buf_puts(&b, pieces[(seed >> 33) % np]);
            if ((seed >> 20) % 4)
                xc_buf_puts(&b, " ");
        }
        text = xc_buf_take(&b, &n);
        check_invariants(text ? text : "", round % 2 ? "2026-02-14" : NULL);
        free(text);
    }
}

static void test_free(void)
{
    xc_times t = {0};
    xc_quantities q = {0};
    xc_times_free(&t);
    xc_quantities_free(&q);
    xc_times_free(NULL);
    xc_quantities_free(NULL);
    CHECK(t.v == NULL && q.v == NULL);
}

/* Boilerplate is skipped even when it covers only part of a sentence. */
static void test_boilerplate(void)
{
    const char *text = "620 views on February 14, 2026\nHe said 19 people were held on Friday.";
    xc_doc *doc = make_doc(text, "2026-02-16");
    xc_tokens tk = {0};
    xc_times tm = {0};
    xc_quantities qs = {0};
    doc->boilerplate = malloc(sizeof *doc->boilerplate);
    doc->boilerplate[0].start = 0;
    doc->boilerplate[0].end = 30;
    doc->nboilerplate = 1;
    CHECK(xc_tokenize(doc->text, doc->len, &tk) == XC_OK);
    CHECK(xc_times_find(doc, &tk, &tm) == XC_OK);
    CHECK(xc_quantities_find(doc, &tk, &qs) == XC_OK);
    CHECK(tm.n == 1 && tm.n && !strcmp(tm.v[0].value, "2026-02-13"));
    CHECK(qs.n == 1 && qs.n && qs.v[0].value == 19);
    xc_times_free(&tm);
    xc_quantities_free(&qs);
    xc_tokens_free(&tk);
    xc_doc_free(doc);
}

int main(void)
{
    RUN(test_fixtures);
    RUN(test_amounts);
    RUN(test_years);
    RUN(test_odd_input);
    RUN(test_random);
    RUN(test_free);
    RUN(test_boilerplate);
    DONE();
}
