/*
 * test_paste.c: page furniture and metadata of pasted reports.
 *
 * Runs every fixture in tests/cases/boilerplate (see its README), checks
 * the marked lines and the metadata exactly, and prints the precision and
 * recall of marked lines over all fixtures.  Then unit checks of the
 * metadata rules, of the span invariants, and of hostile input.  Run from
 * the repository root.
 */
#include "harness.h"
#include "fixtures.h"

#include "core/util.h"
#include "ingest/paste.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CASES "tests/cases/boilerplate"

/* ---- helpers -------------------------------------------------------- */

/* A document holding a copy of TEXT[0..n). */
static xc_doc *doc_of(const char *text, size_t n)
{
    xc_doc *d = xc_doc_new();
    if (!d)
        return NULL;
    d->text = xc_strndup(text, n);
    d->len = n;
    return d;
}

static int same_field(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static xc_doc *doc_str(const char *text)
{
    return doc_of(text, strlen(text));
}

/* Trim spaces, tabs, \r and no-break spaces from both ends of [*s, *e). */
static void trim(const char *t, size_t *s, size_t *e)
{
    for (;;) {
        if (*s < *e && (t[*s] == ' ' || t[*s] == '\t' || t[*s] == '\r'))
            (*s)++;
        else if (*s + 1 < *e && (unsigned char)t[*s] == 0xC2 &&
                 (unsigned char)t[*s + 1] == 0xA0)
            *s += 2;
        else if (*s + 3 <= *e && memcmp(t + *s, "\xEF\xBB\xBF", 3) == 0)
            *s += 3;
        else
            break;
    }
    for (;;) {
        if (*e > *s && (t[*e - 1] == ' ' || t[*e - 1] == '\t' ||
                        t[*e - 1] == '\r'))
            (*e)--;
        else if (*e >= *s + 2 && (unsigned char)t[*e - 2] == 0xC2 &&
                 (unsigned char)t[*e - 1] == 0xA0)
            *e -= 2;
        else
            break;
    }
}

typedef struct line {
    size_t s, e; /* trimmed content */
} line;

/* Split [0,n) into lines (trimmed); caller frees *out. */
static size_t split_lines(const char *t, size_t n, line **out)
{
    size_t cap = 16, cnt = 0, i = 0;
    line *v = malloc(cap * sizeof *v);
    while (v && i < n) {
        const char *nl = memchr(t + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - t) : n, s = i;
        if (cnt == cap) {
            line *w = realloc(v, (cap *= 2) * sizeof *v);
            if (!w) {
                free(v);
                v = NULL;
                break;
            }
            v = w;
        }
        trim(t, &s, &e);
        v[cnt].s = s;
        v[cnt].e = e;
        cnt++;
        i = nl ? e + 1 : n;
        if (nl)
            i = (size_t)(nl - t) + 1;
    }
    *out = v;
    return v ? cnt : 0;
}

/* Spans sorted, disjoint, inside the text, each from a line's start to a
   line's end (a BOM at byte 0 may be left out). */
static int spans_ok(const xc_doc *d, char *why, size_t whylen)
{
    for (size_t i = 0; i < d->nboilerplate; i++) {
        size_t s = d->boilerplate[i].start, e = d->boilerplate[i].end;
        if (s >= e || e > d->len) {
            snprintf(why, whylen, "span %zu [%zu,%zu) out of bounds", i, s, e);
            return 0;
        }
        if (i > 0 && s < d->boilerplate[i - 1].end) {
            snprintf(why, whylen, "span %zu overlaps or is out of order", i);
            return 0;
        }
        if (!(s == 0 || d->text[s - 1] == '\n' ||
              (s == 3 && memcmp(d->text, "\xEF\xBB\xBF", 3) == 0))) {
            snprintf(why, whylen, "span %zu starts inside a line", i);
            return 0;
        }
        if (!(e == d->len || d->text[e] == '\n' ||
              (d->text[e] == '\r' && (e + 1 == d->len || d->text[e + 1] == '\n')))) {
            snprintf(why, whylen, "span %zu ends inside a line", i);
            return 0;
        }
    }
    return 1;
}

/* ---- fixtures ------------------------------------------------------- */

static size_t g_tp, g_fp, g_fn, g_cases;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void check_meta_field(const char *name, const char *field,
                             const char *got, const char *want)
{
    int ok;
    if (strcmp(want, "null") == 0)
        ok = got == NULL;
    else
        ok = got && strcmp(got, want) == 0;
    CHECK_MSG(ok, "%s: %s is \"%s\", expected \"%s\"", name, field,
              got ? got : "null", want);
}

static void run_fixture(const char *name, const char *path)
{
    size_t n, nin, nexp, tp = 0, fp = 0, fn = 0;
    char *raw = slurp(path, &n), *mark, *meta, why[128];
    const char *exp_s;
    size_t in_len, exp_len;
    line *in = NULL, *ex = NULL;
    unsigned char *want = NULL;
    xc_doc *d;

    CHECK_MSG(raw != NULL, "%s: cannot read", path);
    if (!raw)
        return;
    /* the text, the expected lines, the metadata */
    if (strncmp(raw, "=== boilerplate\n", 16) == 0)
        mark = raw - 1;
    else
        mark = strstr(raw, "\n=== boilerplate\n");
    CHECK_MSG(mark != NULL, "%s: no \"=== boilerplate\" line", name);
    if (!mark) {
        free(raw);
        return;
    }
    in_len = (size_t)(mark + 1 - raw);
    exp_s = mark + 1 + 16;
    meta = strstr(exp_s - 1, "\n=== meta\n");
    exp_len = meta ? (size_t)(meta + 1 - exp_s) : n - (size_t)(exp_s - raw);
    if (meta && meta + 1 < exp_s)
        exp_len = 0;

    d = doc_of(raw, in_len);
    CHECK(d != NULL);
    if (!d) {
        free(raw);
        return;
    }
    CHECK_MSG(xc_paste_boilerplate(d) == XC_OK, "%s: boilerplate failed", name);
    CHECK_MSG(spans_ok(d, why, sizeof why), "%s: %s", name, why);

    nin = split_lines(d->text, d->len, &in);
    nexp = split_lines(exp_s, exp_len, &ex);
    want = calloc(nin ? nin : 1, 1);
    /* match expected lines to text lines, from the end */
    {
        size_t j = nexp;
        while (j > 0 && ex[j - 1].s == ex[j - 1].e)
            j--;
        for (size_t i = nin; i-- > 0 && j > 0;) {
            const line *a = &in[i], *b = &ex[j - 1];
            if (a->s == a->e)
                continue;
            if (a->e - a->s == b->e - b->s &&
                memcmp(d->text + a->s, exp_s + b->s, a->e - a->s) == 0) {
                want[i] = 1;
                j--;
                while (j > 0 && ex[j - 1].s == ex[j - 1].e)
                    j--;
            }
        }
        CHECK_MSG(j == 0, "%s: expected line not found in the text: \"%.*s\"",
                  name, j ? (int)(ex[j - 1].e - ex[j - 1].s) : 0,
                  j ? exp_s + ex[j - 1].s : "");
    }
    for (size_t i = 0; i < nin; i++) {
        int got;
        if (in[i].s == in[i].e)
            continue;
        got = xc_doc_in_boilerplate(d, in[i].s, in[i].e);
        if (got && want[i])
            tp++;
        else if (got)
            fprintf(stderr, "  %s:%zu: marked but content: %.*s\n", name, i + 1,
                    (int)(in[i].e - in[i].s), d->text + in[i].s),
                fp++;
        else if (want[i])
            fprintf(stderr, "  %s:%zu: furniture not marked: %.*s\n", name,
                    i + 1, (int)(in[i].e - in[i].s), d->text + in[i].s),
                fn++;
    }
    CHECK_MSG(fp == 0 && fn == 0, "%s: %zu lines marked wrongly, %zu missed",
              name, fp, fn);
    g_tp += tp;
    g_fp += fp;
    g_fn += fn;
    g_cases++;

    /* metadata */
    if (meta) {
        const char *p = meta + 10;
        CHECK_MSG(xc_paste_metadata(d) == XC_OK, "%s: metadata failed", name);
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            char key[32], val[512];
            const char *colon = memchr(p, ':', len);
            if (colon && (size_t)(colon - p) < sizeof key &&
                len - (size_t)(colon - p) - 1 < sizeof val) {
                size_t kl = (size_t)(colon - p), vs = kl + 1, ve = len;
                memcpy(key, p, kl);
                key[kl] = '\0';
                trim(p, &vs, &ve);
                memcpy(val, p + vs, ve - vs);
                val[ve - vs] = '\0';
                if (strcmp(key, "title") == 0)
                    check_meta_field(name, key, d->title, val);
                else if (strcmp(key, "outlet") == 0)
                    check_meta_field(name, key, d->outlet, val);
                else if (strcmp(key, "published") == 0)
                    check_meta_field(name, key, d->published, val);
                else
                    CHECK_MSG(0, "%s: unknown meta key \"%s\"", name, key);
            } else if (len > 0) {
                CHECK_MSG(0, "%s: bad meta line \"%.*s\"", name, (int)len, p);
            }
            p += len + (nl ? 1 : 0);
        }
    }
    /* xc_paste_read (one pass of line features for both) gives what the
       two calls give */
    {
        xc_doc *r = doc_of(raw, in_len);
        if (!meta)
            CHECK(xc_paste_metadata(d) == XC_OK);
        CHECK_MSG(r && xc_paste_read(r) == XC_OK, "%s: xc_paste_read failed", name);
        if (r) {
            int same = r->nboilerplate == d->nboilerplate;
            for (size_t k = 0; same && k < r->nboilerplate; k++)
                same = r->boilerplate[k].start == d->boilerplate[k].start &&
                       r->boilerplate[k].end == d->boilerplate[k].end;
            CHECK_MSG(same, "%s: xc_paste_read marks other spans", name);
            CHECK_MSG(same_field(r->title, d->title) &&
                          same_field(r->outlet, d->outlet) &&
                          same_field(r->published, d->published),
                      "%s: xc_paste_read reads other metadata", name);
        }
        xc_doc_free(r);
    }
    free(want);
    free(in);
    free(ex);
    xc_doc_free(d);
    free(raw);
}

static void test_fixtures(void)
{
    DIR *dir = opendir(CASES);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0;
    CHECK_MSG(dir != NULL, "cannot open %s (run from the repository root)",
              CASES);
    if (!dir)
        return;
    while ((de = readdir(dir)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0)
            continue;
        if (n == cap) {
            char **v = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof *v);
            if (!v)
                break;
            names = v;
        }
        names[n++] = xc_strdup(de->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", CASES, names[i]);
        run_fixture(names[i], path);
        free(names[i]);
    }
    free(names);
    CHECK_MSG(g_cases >= 20, "only %zu fixtures", g_cases);
    printf("boilerplate lines over %zu fixtures: precision %.3f (%zu/%zu), "
           "recall %.3f (%zu/%zu)\n",
           g_cases, g_tp + g_fp ? (double)g_tp / (double)(g_tp + g_fp) : 1.0,
           g_tp, g_tp + g_fp,
           g_tp + g_fn ? (double)g_tp / (double)(g_tp + g_fn) : 1.0, g_tp,
           g_tp + g_fn);
}

/* ---- metadata ------------------------------------------------------- */

static const char *PARA =
    "Azerbaijan's president said on Saturday that he would not pardon the "
    "former leaders of Nagorno-Karabakh, rejecting a request raised by the "
    "US vice president during a visit to Baku earlier this week.\n";

/* Metadata of "HEAD\n\n" + PARA. */
static xc_doc *meta_of(const char *head)
{
    xc_buf b;
    xc_doc *d;
    size_t n;
    char *t;
    xc_buf_init(&b, 0);
    xc_buf_puts(&b, head);
    xc_buf_puts(&b, "\n\n");
    xc_buf_puts(&b, PARA);
    xc_buf_puts(&b, PARA);
    t = xc_buf_take(&b, &n);
    d = doc_of(t, n);
    free(t);
    CHECK(xc_paste_boilerplate(d) == XC_OK);
    CHECK(xc_paste_metadata(d) == XC_OK);
    return d;
}

static void test_title_suffix(void)
{
    static const struct {
        const char *head, *title, *outlet;
    } cases[] = {
        {"Aliyev rules out pardons for Karabakh leaders - Mediamax.am",
         "Aliyev rules out pardons for Karabakh leaders", "Mediamax"},
        {"Aliyev rules out pardons for Karabakh leaders - CaucasusWatch.co.uk",
         "Aliyev rules out pardons for Karabakh leaders", "CaucasusWatch"},
        {"Aliyev rules out pardons for Karabakh leaders - www.example-news.com",
         "Aliyev rules out pardons for Karabakh leaders", "example-news"},
        {"Aliyev rules out pardons for Karabakh leaders | Caspian Times",
         "Aliyev rules out pardons for Karabakh leaders", "Caspian Times"},
        {"Aliyev rules out pardons | World news | The Daily Observer",
         "Aliyev rules out pardons", "The Daily Observer"},
        {"Aliyev rules out pardons for Karabakh leaders – Yerevan Herald",
         "Aliyev rules out pardons for Karabakh leaders", "Yerevan Herald"},
        /* a dash inside a headline is not a suffix */
        {"Aliyev rules out pardons - and Yerevan stays silent",
         "Aliyev rules out pardons - and Yerevan stays silent", NULL},
        {"Aliyev Rules Out Pardons - Again", "Aliyev Rules Out Pardons - Again",
         NULL},
        /* too little left to be a headline */
        {"Aliyev speaks | Caspian Times", "Aliyev speaks | Caspian Times", NULL},
        {"# Aliyev rules out pardons for Karabakh leaders",
         "Aliyev rules out pardons for Karabakh leaders", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xc_doc *d = meta_of(cases[i].head);
        CHECK_STR(d->title, cases[i].title);
        CHECK_STR(d->outlet, cases[i].outlet);
        xc_doc_free(d);
    }
}

static void test_dateline_outlet(void)
{
    static const struct {
        const char *text, *outlet;
    } cases[] = {
        {"Aliyev rules out pardons for Karabakh leaders\n\n(Caspian Post) — "
         "Azerbaijan's president said on Saturday that he would not pardon "
         "the former leaders of Nagorno-Karabakh.\n",
         "Caspian Post"},
        {"Aliyev rules out pardons for Karabakh leaders\n\n(Caspian Post) - "
         "Azerbaijan's president said on Saturday that he would not pardon "
         "the former leaders of Nagorno-Karabakh.\n",
         "Caspian Post"},
        {"Aliyev rules out pardons for Karabakh leaders\n\nTBILISI, Georgia "
         "(AP) — Azerbaijan's president said on Saturday that he would not "
         "pardon the former leaders of Nagorno-Karabakh.\n",
         "AP"},
        {"Aliyev rules out pardons for Karabakh leaders\n\nYerevan /Arka "
         "News/. Azerbaijan's president said on Saturday that he would not "
         "pardon the former leaders of Nagorno-Karabakh.\n",
         "Arka News"},
        /* a parenthesis that is not a dateline */
        {"Aliyev rules out pardons for Karabakh leaders\n\nRuben Vardanyan "
         "(pictured) said through his lawyers on Saturday that he would not "
         "ask for a pardon from the president.\n",
         NULL},
        {"Aliyev rules out pardons for Karabakh leaders\n\nThe views of the "
         "government were not shared by the opposition, which said on "
         "Saturday that talks had failed.\n",
         NULL},
        {"Aliyev rules out pardons for Karabakh leaders\n\nAzerbaijan's "
         "president said on Saturday that he would not pardon the former "
         "leaders of Nagorno-Karabakh.\n\nCaspian Post is not responsible "
         "for the content of external websites.\n",
         "Caspian Post"},
        {"Aliyev rules out pardons for Karabakh leaders\n\nAzerbaijan's "
         "president said on Saturday that he would not pardon the former "
         "leaders of Nagorno-Karabakh.\n\nCopyright 2026 Caspian Post Media "
         "Group. All rights reserved.\n",
         "Caspian Post Media Group"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xc_doc *d = doc_str(cases[i].text);
        CHECK(xc_paste_boilerplate(d) == XC_OK);
        CHECK(xc_paste_metadata(d) == XC_OK);
        CHECK_STR(d->outlet, cases[i].outlet);
        xc_doc_free(d);
    }
}

static void test_dates(void)
{
    static const struct {
        const char *line, *date;
    } cases[] = {
        {"February 14, 2026", "2026-02-14"},
        {"14 February 2026", "2026-02-14"},
        {"14th February 2026", "2026-02-14"},
        {"2026-02-14", "2026-02-14"},
        {"2026-02-14T10:30:00+04:00", "2026-02-14"},
        {"Feb. 14, 2026", "2026-02-14"},
        {"Feb 14 2026", "2026-02-14"},
        {"Sat 14 Feb 2026 10.30 GMT", "2026-02-14"},
        {"Saturday, February 14, 2026 10:30 AM", "2026-02-14"},
        {"Published: 14 February 2026, 14:05", "2026-02-14"},
        {"Published On 14 Feb 2026", "2026-02-14"},
        {"By Anna Smith | February 14, 2026", "2026-02-14"},
        {"By Anna Smith, February 14, 2026", "2026-02-14"},
        {"Posted on February 14, 2026 by Anna Smith", "2026-02-14"},
        {"Politics · 14 Feb 2026 · 3 min read", "2026-02-14"},
        {"14:35, 14 February 2026", "2026-02-14"},
        {"Published February 14, 2026 | Updated February 15, 2026",
         "2026-02-14"},
        {"Updated February 15, 2026", "2026-02-15"},
        {"14.02.2026", "2026-02-14"},
        {"02/14/2026", "2026-02-14"},
        {"February 2026", "2026-02"},
        {"February 29, 2024", "2024-02-29"},
        /* ambiguous, impossible or not a date line */
        {"05.06.2026", NULL},
        {"05/06/2026", NULL},
        {"February 30, 2026", NULL},
        {"February 29, 2026", NULL},
        {"14 February", NULL},
        {"Updated 3 hours ago", NULL},
        {"February 14, 2026: what we know so far", NULL},
        {"Serbia -- Ilham Aliyev speaks during a visit to Belgrade, February "
         "15, 2026.",
         NULL},
        {"1812", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char head[256];
        xc_doc *d;
        snprintf(head, sizeof head,
                 "Aliyev rules out pardons for Karabakh leaders\n%s",
                 cases[i].line);
        d = meta_of(head);
        CHECK_MSG((cases[i].date == NULL && d->published == NULL) ||
                      (cases[i].date && d->published &&
                       strcmp(cases[i].date, d->published) == 0),
                  "\"%s\" gave %s, expected %s", cases[i].line,
                  d->published ? d->published : "null",
                  cases[i].date ? cases[i].date : "null");
        CHECK(d->published == NULL || xc_date_valid(d->published));
        xc_doc_free(d);
    }
}

static void test_dates_in_prose(void)
{
    /* a date inside a paragraph or a caption is not the publication date */
    xc_doc *d = doc_str(
        "Aliyev rules out pardons for Karabakh leaders\n\n"
        "Ilham Aliyev speaks during a visit to Belgrade, February 15, 2026.\n\n"
        "A military court in Baku handed down the sentences on February 5, "
        "2026, at the end of a trial that lasted more than a year.\n\n"
        "February 5, 2026\n\n"
        "The verdict was read out in a closed session, lawyers for the "
        "defendants said, and the families were not allowed to attend.\n");
    CHECK(xc_paste_boilerplate(d) == XC_OK);
    CHECK(xc_paste_metadata(d) == XC_OK);
    CHECK_STR(d->published, NULL);
    CHECK_STR(d->title, "Aliyev rules out pardons for Karabakh leaders");
    xc_doc_free(d);

    /* a bare date after the article is a correction's or a print date */
    d = doc_str(
        "Aliyev rules out pardons for Karabakh leaders\n\n"
        "A military court in Baku handed down the sentences this month, at "
        "the end of a trial that lasted more than a year, lawyers said.\n\n"
        "An article on Thursday misstated the number of defendants.\n\n"
        "Friday, February 20, 2026.\n");
    CHECK(xc_paste_boilerplate(d) == XC_OK);
    CHECK(xc_paste_metadata(d) == XC_OK);
    CHECK_STR(d->published, NULL);
    CHECK(d->nboilerplate == 1 &&
          strcmp(d->text + d->boilerplate[0].start, "Friday, February 20, 2026.\n") == 0);
    xc_doc_free(d);

    d = doc_str("Aliyev rules out pardons for Karabakh leaders\n\n");
    CHECK(xc_paste_metadata(d) == XC_OK);
    CHECK_STR(d->published, NULL);
    CHECK_STR(d->outlet, NULL);
    xc_doc_free(d);
}

static void test_standfirst_then_date(void)
{
    /* a one-sentence standfirst long enough to be a paragraph, then the
       byline and the date: they are still the head (a bare name instead of
       the byline would look like a subheading and end the head) */
    xc_doc *d = doc_str(
        "Aliyev rules out pardons for Karabakh leaders\n\n"
        "The Azerbaijani president said the former leaders of Nagorno-Karabakh "
        "would not be freed, days after a US request in Baku.\n\n"
        "By Anna Holt\n\n"
        "February 14, 2026\n\n"
        "Azerbaijan's president said on Saturday that he would not pardon the "
        "former leaders of Nagorno-Karabakh. He said so in an interview.\n\n"
        "The remarks came days after the US vice president visited Baku.\n");
    CHECK(xc_paste_boilerplate(d) == XC_OK);
    CHECK(xc_paste_metadata(d) == XC_OK);
    CHECK_STR(d->published, "2026-02-14");
    CHECK(d->nboilerplate == 1);
    CHECK(d->nboilerplate == 1 &&
          strncmp(d->text + d->boilerplate[0].start, "By Anna Holt\n\nFebruary 14, 2026",
                  d->boilerplate[0].end - d->boilerplate[0].start) == 0);
    xc_doc_free(d);
}

static void test_caller_fields_kept(void)
{
    xc_doc *d = doc_str("Aliyev rules out pardons - Mediamax.am\n\n"
                        "February 14, 2026\n\n"
                        "(Horizon Weekly) — Azerbaijan's president said on "
                        "Saturday that he would not pardon the former leaders "
                        "of Nagorno-Karabakh, rejecting a US request.\n");
    char *title = xc_strdup("Given title"), *outlet = xc_strdup("Given outlet"),
         *pub = xc_strdup("2025-01-01");
    d->title = title;
    d->outlet = outlet;
    d->published = pub;
    CHECK(xc_paste_metadata(d) == XC_OK);
    CHECK(d->title == title && d->outlet == outlet && d->published == pub);
    CHECK_STR(d->title, "Given title");
    CHECK_STR(d->outlet, "Given outlet");
    CHECK_STR(d->published, "2025-01-01");
    /* one field given: the others are still filled */
    free(d->outlet);
    d->outlet = NULL;
    free(d->published);
    d->published = NULL;
    CHECK(xc_paste_metadata(d) == XC_OK);
    CHECK_STR(d->title, "Given title");
    CHECK_STR(d->outlet, "Mediamax");
    CHECK_STR(d->published, "2026-02-14");
    xc_doc_free(d);
}

static void test_meta_strings_clean(void)
{
    xc_doc *d = doc_str("\xEF\xBB\xBF  Aliyev   rules out\xC2\xA0pardons for "
                        "Karabakh leaders  \t\r\n\r\n"
                        "(  Caspian   Post ) — Azerbaijan's president said on "
                        "Saturday that he would not pardon the former leaders "
                        "of Nagorno-Karabakh, rejecting a US request.\r\n");
    CHECK(xc_paste_boilerplate(d) == XC_OK);
    CHECK(xc_paste_metadata(d) == XC_OK);
    CHECK_STR(d->title, "Aliyev rules out pardons for Karabakh leaders");
    CHECK_STR(d->outlet, "Caspian Post");
    xc_doc_free(d);
}

/* ---- boilerplate invariants and hostile input ------------------------ */

static void test_crlf_same_lines(void)
{
    size_t n;
    char *raw = slurp(CASES "/seed-oc-media.txt", &n);
    char *cut;
    xc_buf b;
    xc_doc *lf, *crlf;
    char why[128];
    size_t nl = 0, nc = 0;
    CHECK(raw != NULL);
    if (!raw)
        return;
    cut = strstr(raw, "=== boilerplate");
    if (cut)
        *cut = '\0';
    xc_buf_init(&b, 0);
    for (char *p = raw; *p; p++) {
        if (*p == '\n')
            xc_buf_append(&b, "\r", 1);
        xc_buf_append(&b, p, 1);
    }
    lf = doc_str(raw);
    crlf = doc_of(b.data, b.len);
    CHECK(xc_paste_boilerplate(lf) == XC_OK);
    CHECK(xc_paste_boilerplate(crlf) == XC_OK);
    CHECK(spans_ok(crlf, why, sizeof why));
    CHECK(lf->nboilerplate == crlf->nboilerplate);
    for (size_t i = 0; i < lf->nboilerplate && i < crlf->nboilerplate; i++) {
        /* the same lines: compare the first line of each span */
        size_t a = lf->boilerplate[i].start, c = crlf->boilerplate[i].start;
        const char *ea = memchr(lf->text + a, '\n', lf->len - a);
        const char *ec = memchr(crlf->text + c, '\r', crlf->len - c);
        nl = ea ? (size_t)(ea - lf->text) - a : lf->len - a;
        nc = ec ? (size_t)(ec - crlf->text) - c : crlf->len - c;
        CHECK(nl == nc && memcmp(lf->text + a, crlf->text + c, nl) == 0);
        CHECK(crlf->text[crlf->boilerplate[i].end - 1] != '\r');
    }
    CHECK(xc_paste_metadata(crlf) == XC_OK);
    CHECK(crlf->title && !strchr(crlf->title, '\r'));
    xc_doc_free(lf);
    xc_doc_free(crlf);
    xc_buf_free(&b);
    free(raw);
}

static void test_twice_and_args(void)
{
    xc_doc *d = doc_str("Headline of a test story here\n\nShare\n\n"
                        "A paragraph that is long enough to count as a real "
                        "paragraph of the article, with more than twenty "
                        "words in it, ending here.\n\nAdvertisement\n");
    size_t n1;
    CHECK(xc_paste_boilerplate(NULL) == XC_ERR_ARG);
    CHECK(xc_paste_metadata(NULL) == XC_ERR_ARG);
    CHECK(xc_paste_boilerplate(d) == XC_OK);
    n1 = d->nboilerplate;
    CHECK(n1 == 2);
    CHECK(xc_paste_boilerplate(d) == XC_OK);
    CHECK(d->nboilerplate == n1);
    xc_doc_free(d);

    d = xc_doc_new();
    CHECK(xc_paste_boilerplate(d) == XC_OK);
    CHECK(d->nboilerplate == 0 && d->boilerplate == NULL);
    CHECK(xc_paste_metadata(d) == XC_OK);
    CHECK(d->title == NULL && d->outlet == NULL && d->published == NULL);
    xc_doc_free(d);
}

static void test_bad_spans_for_metadata(void)
{
    xc_doc *d = doc_str("Aliyev rules out pardons for Karabakh leaders\n\n"
                        "February 14, 2026\n\n"
                        "Azerbaijan's president said on Saturday that he would "
                        "not pardon the former leaders of Nagorno-Karabakh, "
                        "rejecting a request raised by the US.\n");
    d->boilerplate = calloc(4, sizeof *d->boilerplate);
    d->nboilerplate = 4;
    d->boilerplate[0].start = 50;
    d->boilerplate[0].end = 10; /* reversed */
    d->boilerplate[1].start = 5;
    d->boilerplate[1].end = d->len + 100; /* past the end */
    d->boilerplate[2].start = (size_t)-2;
    d->boilerplate[2].end = (size_t)-1;
    d->boilerplate[3].start = 0;
    d->boilerplate[3].end = 3; /* out of order, inside the headline */
    CHECK(xc_paste_metadata(d) == XC_OK);
    CHECK_STR(d->published, "2026-02-14");
    xc_doc_free(d);
}

static double seconds(clock_t a, clock_t b)
{
    return (double)(b - a) / CLOCKS_PER_SEC;
}

static void run_big(const char *what, char *text, size_t n)
{
    xc_doc *d = xc_doc_new();
    clock_t t0 = clock();
    char why[128];
    d->text = text;
    d->len = n;
    CHECK_MSG(xc_paste_boilerplate(d) == XC_OK, "%s", what);
    CHECK_MSG(spans_ok(d, why, sizeof why), "%s: %s", what, why);
    CHECK_MSG(xc_paste_metadata(d) == XC_OK, "%s", what);
    fprintf(stderr, "  %s (%zu MB): %.2f s, %zu spans\n", what, n >> 20,
            seconds(t0, clock()), d->nboilerplate);
    xc_doc_free(d);
}

/* Sizes are kept small enough for the sanitizer builds; the same shapes
   were run at 100 MB by hand. */
static void test_hostile(void)
{
    size_t n = (size_t)16 << 20;
    char *t;
    size_t i;

    /* one line, no newline */
    t = malloc(n + 1);
    for (i = 0; i < n; i++)
        t[i] = "Share the views of "[i % 19];
    t[n] = '\0';
    run_big("one long line", t, n);

    /* only newlines */
    t = malloc(n + 1);
    memset(t, '\n', n);
    t[n] = '\0';
    run_big("only newlines", t, n);

    /* only \r\n */
    t = malloc(n + 1);
    for (i = 0; i < n; i++)
        t[i] = i % 2 ? '\n' : '\r';
    t[n] = '\0';
    run_big("only CRLF", t, n);

    n = (size_t)4 << 20;

    /* millions of short furniture lines */
    t = malloc(n + 1);
    for (i = 0; i < n; i++)
        t[i] = "Share\nA\n"[i % 8];
    t[n] = '\0';
    run_big("short lines", t, n);

    /* lines just under the cue limits, full of cue words */
    t = malloc(n + 1);
    for (i = 0; i < n; i++)
        t[i] = i % 1400 == 1399 ? '\n'
                                : "related photo: share (c) 2026 views of "
                                  "February 14, 2026 cookies "[i % 66];
    t[n] = '\0';
    run_big("cue-dense lines", t, n);

    /* bytes that are not UTF-8 (the contract says they never come, but
       nothing may break if they do) */
    t = malloc(n + 1);
    {
        unsigned x = 12345;
        for (i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            t[i] = (char)((x >> 16) & 0xFF);
            if (!t[i])
                t[i] = '\n';
        }
    }
    t[n] = '\0';
    run_big("random bytes", t, n);
}

int main(void)
{
    RUN(test_fixtures);
    RUN(test_title_suffix);
    RUN(test_dateline_outlet);
    RUN(test_dates);
    RUN(test_dates_in_prose);
    RUN(test_standfirst_then_date);
    RUN(test_caller_fields_kept);
    RUN(test_meta_strings_clean);
    RUN(test_crlf_same_lines);
    RUN(test_twice_and_args);
    RUN(test_bad_spans_for_metadata);
    RUN(test_hostile);
    DONE();
}
