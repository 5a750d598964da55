/*
 * test_facts.c: the reconcile stage.  The fixtures of tests/cases/facts
 * (small stories: conflicting casualty counts, an arrest date that agrees,
 * a fine "at least", freed vs handed over, a hedged maximum vs the
 * sentence given, a sum 3 + 4 = 7, ...) pin which facts are found and
 * their status; the C tests below cover what fixtures cannot: copies of
 * one report, the timeline's order, provenance of every claim, and inputs
 * that must not break the stage.
 */
#include "harness.h"
#include "fixtures.h"

#include "core/dossier.h"
#include "reconcile/facts.h"
#include "reconcile/reconcile.h"

#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {"agreed", "conflicting", "single-source"};

/* The value of claim C as a string in BUF. */
static const char *value_of(const xc_dossier *d, const xc_claim *c, char *buf, size_t cap)
{
    size_t n = c->vend - c->vstart;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, d->docs[c->doc]->text + c->vstart, n);
    buf[n] = '\0';
    return buf;
}

/* Does fact F hold a claim whose value is exactly V? */
static int has_value(const xc_dossier *d, const xc_fact *f, const char *v)
{
    char buf[256];
    for (size_t c = 0; c < f->nclaims; c++)
        if (strcmp(value_of(d, &f->claims[c], buf, sizeof buf), v) == 0)
            return 1;
    return 0;
}

static void dump(const xc_dossier *d)
{
    char buf[256];
    for (size_t i = 0; i < d->facts.n; i++) {
        const xc_fact *f = &d->facts.v[i];
        fprintf(stderr, "    f%zu %s | %s | %s\n", i + 1, status_names[f->status % 3], f->topic,
                f->note ? f->note : "-");
        for (size_t c = 0; c < f->nclaims; c++)
            fprintf(stderr, "        d%zu '%s'%s\n", f->claims[c].doc + 1,
                    value_of(d, &f->claims[c], buf, sizeof buf), f->claims[c].part ? " (part)" : "");
    }
    for (size_t i = 0; i < d->timeline.n; i++)
        fprintf(stderr, "    T %s (%zu documents) %s\n", d->timeline.v[i].date,
                d->timeline.v[i].ndocs, d->timeline.v[i].text);
}

/* Split "a | b | c" in place into at most MAX trimmed values. */
static size_t split_values(char *s, char **out, size_t max)
{
    size_t n = 0;
    for (char *p = s; p && n < max;) {
        char *bar = strstr(p, " | "), *e;
        if (bar)
            *bar = '\0';
        while (*p == ' ')
            p++;
        e = p + strlen(p);
        while (e > p && e[-1] == ' ')
            *--e = '\0';
        if (*p)
            out[n++] = p;
        p = bar ? bar + 3 : NULL;
    }
    return n;
}

/* The fact of STATUS holding every value of V[0..N), or NULL. */
static const xc_fact *find(const xc_dossier *d, int status, char **v, size_t n)
{
    for (size_t i = 0; i < d->facts.n; i++) {
        const xc_fact *f = &d->facts.v[i];
        size_t k;
        if (f->status != status)
            continue;
        for (k = 0; k < n && has_value(d, f, v[k]); k++)
            ;
        if (k == n)
            return f;
    }
    return NULL;
}

static int status_of(const char *s, size_t n)
{
    for (int k = 0; k < 3; k++)
        if (strlen(status_names[k]) == n && strncmp(s, status_names[k], n) == 0)
            return k;
    return -1;
}

static void check_line(const char *path, const xc_dossier *d, char *line, const xc_fact **last)
{
    char *colon = strchr(line, ':'), *v[16];
    int negate = strncmp(line, "not ", 4) == 0, st;
    const char *head = negate ? line + 4 : line;
    size_t nv;
    CHECK_MSG(colon != NULL, "%s: bad line \"%s\"", path, line);
    if (!colon)
        return;
    if (strncmp(line, "note:", 5) == 0) {
        const char *want = colon + 1 + strspn(colon + 1, " ");
        CHECK_MSG(*last && (*last)->note && strstr((*last)->note, want), "%s: no note \"%s\" (%s)",
                  path, want, *last && (*last)->note ? (*last)->note : "none");
        return;
    }
    if (strncmp(line, "topic:", 6) == 0) {
        const char *want = colon + 1 + strspn(colon + 1, " ");
        CHECK_MSG(*last && (*last)->topic && strstr((*last)->topic, want),
                  "%s: no topic \"%s\" (%s)", path, want,
                  *last && (*last)->topic ? (*last)->topic : "none");
        return;
    }
    if (strncmp(head, "timeline:", 9) == 0) {
        char *w[8];
        size_t nw = 0, k;
        char *save = NULL; /* strtok_r: run_case's loop over lines uses strtok */
        for (char *p = strtok_r(colon + 1, " ", &save); p && nw < 8; p = strtok_r(NULL, " ", &save))
            w[nw++] = p;
        CHECK_MSG(nw >= 1, "%s: timeline line without a date", path);
        for (k = 0; nw && k < d->timeline.n && strcmp(d->timeline.v[k].date, w[0]) != 0; k++)
            ;
        if (negate) {
            CHECK_MSG(k == d->timeline.n, "%s: a timeline entry %s that must not be", path,
                      nw ? w[0] : "");
            return;
        }
        CHECK_MSG(nw && k < d->timeline.n, "%s: no timeline entry %s", path, nw ? w[0] : "");
        for (size_t j = 1; nw && k < d->timeline.n && j < nw; j++) {
            size_t doc = (size_t)atoi(w[j] + 1) - 1, m;
            const xc_event *ev = &d->timeline.v[k];
            for (m = 0; m < ev->ndocs && ev->docs[m] != doc; m++)
                ;
            CHECK_MSG(m < ev->ndocs, "%s: timeline %s lacks %s", path, w[0], w[j]);
        }
        return;
    }
    st = status_of(head, (size_t)(colon - head));
    CHECK_MSG(st >= 0, "%s: bad status in \"%s\"", path, line);
    if (st < 0)
        return;
    nv = split_values(colon + 1, v, 16);
    *last = find(d, st, v, nv);
    if (negate)
        CHECK_MSG(*last == NULL, "%s: a %s fact holds what it must not (%s)", path,
                  status_names[st], v[0]);
    else
        CHECK_MSG(*last != NULL, "%s: no %s fact with %s%s%s", path, status_names[st],
                  nv ? v[0] : "", nv > 1 ? " and " : "", nv > 1 ? v[1] : "");
}

/* Every claim points at bytes: its sentence inside the text, its value
   inside its sentence. */
static void check_provenance(const char *what, const xc_dossier *d)
{
    for (size_t i = 0; i < d->facts.n; i++) {
        const xc_fact *f = &d->facts.v[i];
        CHECK_MSG(f->nclaims > 0 && f->topic && f->topic[0], "%s: f%zu empty", what, i + 1);
        for (size_t c = 0; c < f->nclaims; c++) {
            const xc_claim *x = &f->claims[c];
            CHECK_MSG(x->doc < d->ndocs && x->start < x->end && x->end <= d->docs[x->doc]->len,
                      "%s: f%zu claim outside its document", what, i + 1);
            CHECK_MSG(x->vstart == x->vend || (x->start <= x->vstart && x->vend <= x->end),
                      "%s: f%zu value outside its sentence", what, i + 1);
        }
    }
    for (size_t i = 0; i < d->timeline.n; i++) {
        CHECK_MSG(d->timeline.v[i].text && d->timeline.v[i].ndocs > 0, "%s: event %zu empty",
                  what, i);
        if (i)
            CHECK_MSG(strcmp(d->timeline.v[i - 1].date, d->timeline.v[i].date) < 0,
                      "%s: timeline not oldest first", what);
        for (size_t k = 0; k < d->timeline.v[i].nfacts; k++)
            CHECK(d->timeline.v[i].facts[k] < d->facts.n);
    }
}

static void run_case(const char *path)
{
    size_t n;
    char *raw = slurp(path, &n), *facts;
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    const xc_fact *last = NULL;
    int before = h_fail;
    if (!raw || !d) {
        CHECK_MSG(0, "cannot read %s", path);
        free(raw);
        xc_dossier_free(d);
        return;
    }
    facts = strstr(raw, "\n=== facts\n");
    CHECK_MSG(facts != NULL, "%s: no '=== facts' line", path);
    if (facts) {
        facts[1] = '\0';
        CHECK_MSG(add_documents(d, raw, path) >= 2, "%s: fewer than two documents", path);
        CHECK_MSG(xc_dossier_build(d, &err) == XC_OK, "%s: %s", path, err.msg);
        for (char *line = strtok(facts + 11, "\n"); line; line = strtok(NULL, "\n"))
            if (*line)
                check_line(path, d, line, &last);
        check_provenance(path, d);
        if (h_fail != before)
            dump(d);
    }
    xc_dossier_free(d);
    free(raw);
}

static void test_fixtures(void)
{
    run_fixtures("tests/cases/facts", 14, run_case);
}

static xc_dossier *story(const char *const *texts, size_t n)
{
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    for (size_t i = 0; d && i < n; i++) {
        xc_doc *doc;
        char name[32];
        snprintf(name, sizeof name, "doc%zu.txt", i + 1);
        CHECK_MSG(xc_doc_from_bytes(name, texts[i], strlen(texts[i]), NULL, &doc, &err) == XC_OK,
                  "%s", err.msg);
        if (doc)
            CHECK(xc_dossier_add(d, doc) == XC_OK);
    }
    CHECK_MSG(xc_dossier_build(d, &err) == XC_OK, "%s", err.msg);
    return d;
}

/* Copies of one wire report are one source: "agreed" needs two. */
static void test_copies(void)
{
    static const char *const texts[] = {
        "Flood in Drava\n\nFive people were killed in the flood, the mayor said.\n",
        "Flood in Drava\n\nFive people were killed in the flood, the mayor said on Monday.\n",
        "Drava floods\n\nFive people died when the river burst its banks.\n"};
    xc_dossier *d = story(texts, 2);
    xc_error err;
    const xc_fact *f;
    char *v[1] = {"Five"};
    CHECK(d->copy_of == NULL || d->copy_of[1] == 0 || d->copy_of[1] == -1);
    /* as two independent reports */
    free(d->copy_of);
    d->copy_of = NULL;
    CHECK(xc_facts_build(d, &err) == XC_OK);
    f = find(d, XC_FACT_AGREED, v, 1);
    CHECK_MSG(f && f->independent == 2, "two reports agree");
    /* the second a copy of the first: one source */
    d->copy_of = malloc(2 * sizeof *d->copy_of);
    d->copy_of[0] = -1;
    d->copy_of[1] = 0;
    CHECK(xc_facts_build(d, &err) == XC_OK);
    f = find(d, XC_FACT_SINGLE_SOURCE, v, 1);
    CHECK_MSG(f != NULL, "copies of one report are a single source");
    CHECK_MSG(f && f->independent == 1 && f->note && strstr(f->note, "copies"), "note: %s",
              f && f->note ? f->note : "none");
    free(d->copy_of); /* ours: the dossier frees only what its clustering made */
    d->copy_of = NULL;
    xc_dossier_free(d);
    /* with a third, independent report it is agreed by two sources */
    d = story(texts, 3);
    free(d->copy_of);
    d->copy_of = malloc(3 * sizeof *d->copy_of);
    d->copy_of[0] = -1;
    d->copy_of[1] = 0;
    d->copy_of[2] = -1;
    CHECK(xc_facts_build(d, &err) == XC_OK);
    f = find(d, XC_FACT_AGREED, v, 1);
    CHECK_MSG(f && f->independent == 2 && f->nclaims == 3, "three reports, two sources");
    CHECK_MSG(f && f->note && strstr(f->note, "3 reports, 2 independent"), "note: %s",
              f && f->note ? f->note : "none");
    /* a cycle in copy_of must not hang */
    d->copy_of[0] = 1;
    d->copy_of[1] = 0;
    CHECK(xc_facts_build(d, &err) == XC_OK);
    free(d->copy_of);
    d->copy_of = NULL;
    xc_dossier_free(d);
}

/* Inputs the stage must survive: nothing to compare, one document, a
   sentence crowded with predicates and names, numbers without anything
   counted, building twice. */
static void test_edges(void)
{
    static const char *const one[] = {"Nothing happened here today.\n"};
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    xc_buf b;
    char *crowd;
    CHECK(xc_dossier_build(d, &err) == XC_OK);
    CHECK(d->facts.n == 0 && d->timeline.n == 0);
    xc_dossier_free(d);
    d = story(one, 1);
    CHECK(d->facts.n == 0);
    xc_dossier_free(d);
    /* 300 predicates and 200 names in one sentence, twice */
    xc_buf_init(&b, 0);
    xc_buf_puts(&b, "Report\n\n");
    for (int i = 0; i < 200; i++)
        xc_buf_printf(&b, "Anna Petrova%c released %d prisoners and freed, ", 'a' + i % 26, i + 2);
    xc_buf_puts(&b, "and then 7 people were killed.\n");
    crowd = xc_buf_take(&b, NULL);
    {
        const char *const texts[] = {crowd, crowd, "7 people were killed.\n"};
        d = story(texts, 3);
        check_provenance("crowded", d);
        CHECK(xc_dossier_build(d, &err) == XC_OK); /* again: same result, no leak */
        check_provenance("crowded again", d);
        xc_dossier_free(d);
    }
    free(crowd);
    xc_facts_free(NULL);
    xc_timeline_free(NULL);
    CHECK(xc_facts_build(NULL, &err) != XC_OK);
}

/* The lexicon: stems match inflections, forms match as written. */
static void test_lexicon(void)
{
    xc_error err;
    int c;
    CHECK_MSG(xc_rlex_load(&err) == XC_OK, "%s", err.msg);
    CHECK(xc_rlex_find(XC_RK_PREDICATE, "sentence") >= 0);
    CHECK(xc_rlex_find(XC_RK_PREDICATE, "release") >= 0);
    CHECK(xc_rlex_find(XC_RK_MODALITY, "prospective") >= 0);
    CHECK(xc_rlex_find(XC_RK_PREDICATE, "no-such-class") == -1);
    c = xc_rlex_find(XC_RK_NOUN, "people");
    CHECK(c >= 0 && strcmp(xc_rlex_class((size_t)c)->label, "people") == 0);
    CHECK(xc_rlex_class(100000) == NULL);
}

int main(void)
{
    RUN(test_lexicon);
    RUN(test_fixtures);
    RUN(test_copies);
    RUN(test_edges);
    DONE();
}
