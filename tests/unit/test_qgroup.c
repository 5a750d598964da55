/*
 * test_qgroup.c: grouping quotations of the same words across documents
 * (src/resolve/quotegroup.c): the fixtures in tests/cases/quotegroups (see
 * its README) run through the whole dossier, then the JSON and Markdown of
 * a dossier with a group, then the edges (no quotes, one document).  Needs
 * the shipped model (data/ner.model), found from the repository root.
 */
#include "core/dossier.h"
#include "core/util.h"
#include "resolve/quotegroup.h"
#include "harness.h"
#include "fixtures.h"

#include <jansson.h>
#include <stdlib.h>

/* Split LINE at " | " into at most MAX fragments (LINE is modified). */
static size_t split_forms(char *line, char **forms, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (p && n < max) {
        char *bar = strstr(p, " | ");
        if (bar)
            *bar = '\0';
        forms[n++] = p;
        p = bar ? bar + 3 : NULL;
    }
    return n;
}

typedef struct qref {
    size_t doc, quote;
} qref;

/* The quote FRAG names ("dN: words" or "words"): the first whose text
   holds the words.  Returns 0 when there is none. */
static int find_quote(const xc_dossier *d, const char *frag, qref *out)
{
    size_t only = SIZE_MAX, n;
    if (frag[0] == 'd' && frag[1] >= '1' && frag[1] <= '9' && strchr(frag, ':')) {
        only = (size_t)strtoul(frag + 1, NULL, 10) - 1;
        frag = strchr(frag, ':') + 1;
        while (*frag == ' ')
            frag++;
    }
    n = strlen(frag);
    for (size_t i = 0; i < d->ndocs; i++) {
        if (only != SIZE_MAX && i != only)
            continue;
        for (size_t k = 0; k < d->quotes[i].n; k++) {
            const xc_quote *q = &d->quotes[i].v[k];
            const char *t = d->docs[i]->text;
            for (size_t at = q->start; at + n <= q->end; at++)
                if (memcmp(t + at, frag, n) == 0) {
                    out->doc = i;
                    out->quote = k;
                    return 1;
                }
        }
    }
    return 0;
}

static void dump(const xc_dossier *d)
{
    for (size_t i = 0; i < d->ndocs; i++)
        for (size_t k = 0; k < d->quotes[i].n; k++) {
            const xc_quote *q = &d->quotes[i].v[k];
            fprintf(stderr, "    d%zu q%zu kind %u group %u: %.*s\n", i + 1, k, q->kind,
                    d->qgroups.of[i][k], (int)(q->end - q->start), d->docs[i]->text + q->start);
        }
    for (size_t g = 0; g < d->qgroups.n; g++)
        fprintf(stderr, "    g%zu: %zu quotes, similarity %.3f%s\n", g + 1, d->qgroups.v[g].n,
                d->qgroups.v[g].similarity, d->qgroups.v[g].conflict ? ", conflict" : "");
}

static void check_group(const xc_dossier *d, const char *path, char *line)
{
    char *notes = strstr(line, " # "), *forms[32];
    size_t nf, g = 0;
    qref r;
    if (notes)
        *notes = '\0', notes += 3;
    nf = split_forms(line, forms, 32);
    for (size_t k = 0; k < nf; k++) {
        uint32_t gk;
        if (!find_quote(d, forms[k], &r)) {
            CHECK_MSG(0, "%s: no quote \"%s\"", path, forms[k]);
            return;
        }
        gk = d->qgroups.of[r.doc][r.quote];
        CHECK_MSG(gk != 0, "%s: \"%s\" is in no group", path, forms[k]);
        if (!gk)
            return;
        if (k == 0)
            g = gk;
        else
            CHECK_MSG(gk == g, "%s: \"%s\" and \"%s\" are not in one group", path, forms[0],
                      forms[k]);
    }
    if (!g)
        return;
    {
        const xc_qgroup *gr = &d->qgroups.v[g - 1];
        int conflict = notes && strstr(notes, "conflict");
        CHECK_MSG(gr->n == nf, "%s: group of \"%s\" holds %zu quotes, wanted %zu", path, forms[0],
                  gr->n, nf);
        CHECK_MSG(gr->conflict == conflict, "%s: group of \"%s\" conflict %d", path, forms[0],
                  gr->conflict);
        CHECK(gr->similarity > 0 && gr->similarity <= 1);
        if (conflict)
            CHECK(gr->speaker == -1 && gr->nspeakers >= 2);
        if (notes && strstr(notes, "identical"))
            CHECK_MSG(gr->similarity == 1.0, "%s: similarity %.3f, wanted 1", path, gr->similarity);
        if (notes && strstr(notes, "different"))
            CHECK_MSG(gr->similarity < 0.9, "%s: similarity %.3f, wanted < 0.9", path,
                      gr->similarity);
        /* every group spans two documents; words are marked */
        {
            int docs2 = 0, aligned = 0;
            for (size_t m = 0; m < gr->n; m++) {
                docs2 |= gr->v[m].doc != gr->v[0].doc;
                for (size_t w = 0; w < gr->v[m].nwords; w++)
                    aligned += gr->v[m].words[w].aligned;
            }
            CHECK(docs2 && aligned > 0);
        }
    }
}

static void run_case(const char *path)
{
    size_t n, ngroups = 0;
    char *raw = slurp(path, &n), *groups, *apart;
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    int before = h_fail, ndoc = 0;
    if (!raw || !d) {
        CHECK_MSG(0, "cannot read %s", path);
        free(raw);
        xc_dossier_free(d);
        return;
    }
    groups = strstr(raw, "\n=== groups\n");
    apart = strstr(raw, "\n=== apart\n");
    CHECK_MSG(groups != NULL, "%s: no '=== groups' line", path);
    if (!groups) {
        free(raw);
        xc_dossier_free(d);
        return;
    }
    if (apart)
        apart[1] = '\0';
    groups[1] = '\0';
    ndoc = add_documents(d, raw, path);
    CHECK_MSG(ndoc >= 2, "%s: fewer than two documents", path);
    CHECK_MSG(xc_dossier_build(d, &err) == XC_OK, "%s: %s", path, err.msg);
    for (char *line = strtok(groups + 12, "\n"); line; line = strtok(NULL, "\n")) {
        ngroups++;
        check_group(d, path, line);
    }
    CHECK_MSG(d->qgroups.n == ngroups, "%s: %zu groups, wanted %zu", path, d->qgroups.n, ngroups);
    for (char *line = apart ? strtok(apart + 11, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        char *forms[2];
        qref a, b;
        CHECK_MSG(split_forms(line, forms, 2) == 2, "%s: \"%s\" needs two quotes", path, line);
        if (!find_quote(d, forms[0], &a) || !find_quote(d, forms[1], &b)) {
            CHECK_MSG(0, "%s: no quote \"%s\" or \"%s\"", path, forms[0], forms[1]);
            continue;
        }
        CHECK_MSG(!d->qgroups.of[a.doc][a.quote] ||
                      d->qgroups.of[a.doc][a.quote] != d->qgroups.of[b.doc][b.quote],
                  "%s: \"%s\" and \"%s\" are in one group", path, forms[0], forms[1]);
    }
    if (h_fail != before)
        dump(d);
    xc_dossier_free(d);
    free(raw);
}

static void test_fixtures(void)
{
    run_fixtures("tests/cases/quotegroups", 10, run_case);
}

/* Build a dossier of TEXTS and write it as JSON and Markdown. */
static xc_dossier *build(const char *const *texts, size_t n)
{
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    for (size_t i = 0; i < n; i++) {
        xc_doc *doc;
        CHECK(xc_doc_from_bytes(i ? "b" : "a", texts[i], strlen(texts[i]), NULL, &doc, &err) ==
              XC_OK);
        CHECK(xc_dossier_add(d, doc) == XC_OK);
    }
    CHECK(xc_dossier_build(d, &err) == XC_OK);
    return d;
}

static char *render(const xc_dossier *d, int json, size_t *len)
{
    char *buf = NULL;
    xc_error err;
    FILE *f = open_memstream(&buf, len);
    if (!f)
        return NULL;
    if (json)
        CHECK(xc_dossier_write_json(d, f, 0, &err) == XC_OK);
    else
        CHECK(xc_dossier_write_markdown(d, f, 0, &err) == XC_OK);
    fclose(f);
    return buf;
}

static void test_render(void)
{
    static const char *const texts[] = {
        "Speaker Alen Simonyan spoke in Yerevan. \"Negotiations will not stop until the last "
        "Armenian prisoner is returned home,\" Simonyan said.\n",
        "Minister Ararat Mirzoyan spoke in Yerevan. \"Negotiations will not stop until the "
        "last prisoner is returned home to Armenia,\" Mirzoyan said.\n"};
    xc_dossier *d = build(texts, 2);
    size_t len;
    char *buf = render(d, 1, &len), *md;
    json_t *root = buf ? json_loadb(buf, len, 0, NULL) : NULL, *g, *q;
    CHECK(root != NULL);
    g = json_array_get(json_object_get(root, "quote_groups"), 0);
    CHECK(json_array_size(json_object_get(root, "quote_groups")) == 1);
    CHECK_STR(json_string_value(json_object_get(g, "id")), "g1");
    CHECK(json_is_null(json_object_get(g, "speaker")));
    CHECK(json_is_true(json_object_get(g, "conflict")));
    CHECK(json_array_size(json_object_get(g, "speakers")) == 2);
    CHECK(json_string_value(json_object_get(g, "note")) &&
          strstr(json_string_value(json_object_get(g, "note")), " by d1 but to e"));
    CHECK(json_array_size(json_object_get(g, "quotes")) == 2);
    CHECK(json_real_value(json_object_get(g, "similarity")) > 0.5 &&
          json_real_value(json_object_get(g, "similarity")) < 1.0);
    q = json_array_get(json_object_get(root, "quotes"), 0);
    CHECK_STR(json_string_value(json_object_get(q, "group")), "g1");
    json_decref(root);
    free(buf);
    md = render(d, 0, &len);
    CHECK(md && strstr(md, "## Same words in several reports"));
    CHECK(md && strstr(md, "attributed to Alen Simonyan by d1 but to Ararat Mirzoyan by d2"));
    CHECK(md && strstr(md, "*Armenian*"));
    CHECK(md && strstr(md, "*to Armenia*"));
    free(md);
    xc_dossier_free(d);
}

/* No documents, quotes without words, a document alone. */
static void test_edges(void)
{
    xc_qgroups g;
    static const char *const one[] = {"\"We will win,\" Aliyev said. \"We will win,\" he said.\n"};
    xc_dossier *d;
    CHECK(xc_qgroup_build(NULL, NULL, NULL, NULL, 0, &g) == XC_OK);
    CHECK(g.n == 0);
    xc_qgroup_free(&g);
    xc_qgroup_free(NULL);
    d = build(one, 1);
    CHECK(d->qgroups.n == 0);
    xc_dossier_free(d);
}

int main(void)
{
    RUN(test_fixtures);
    RUN(test_render);
    RUN(test_edges);
    DONE();
}
