/*
 * test_resolve.c: merging entities across documents (src/resolve): the
 * transliteration key and Jaro-Winkler, then the fixtures in
 * tests/cases/merge (see its README) run through the whole dossier, then
 * the JSON of a merged dossier (aliases, documents, "why" only with
 * XC_RENDER_DEBUG).  Needs the shipped model (data/ner.model), found from
 * the repository root.
 */
#include "core/dossier.h"
#include "core/util.h"
#include "resolve/resolve.h"
#include "harness.h"
#include "fixtures.h"

#include <jansson.h>
#include <stdlib.h>

static int same_key(const char *a, const char *b)
{
    char ka[128], kb[128];
    xc_resolve_key(a, strlen(a), ka, sizeof ka);
    xc_resolve_key(b, strlen(b), kb, sizeof kb);
    return strcmp(ka, kb) == 0;
}

static void test_keys(void)
{
    char k[128];
    CHECK(xc_resolve_key("Nikol Pashinian", 15, k, sizeof k) > 0);
    CHECK_STR(k, "nikol pashinian");
    CHECK(same_key("Pashinian", "Pashinyan"));
    CHECK(same_key("Simonian", "Simonyan"));
    CHECK(same_key("Euljekchyan", "Euljekjian"));
    CHECK(same_key("Davit Davtyan", "David Davtyan"));
    CHECK(same_key("J.D. Vance", "JD Vance"));
    CHECK(same_key("J. D. Vance", "JD Vance"));
    CHECK(same_key("Qasem", "Qassem"));
    CHECK(same_key("Qassem", "Kasem"));
    CHECK(same_key("Zelensky", "Zelenskyy"));
    CHECK(same_key("Navalny", "Navalnyy"));
    CHECK(same_key("Aliyev", "Aliev"));
    CHECK(same_key("Erdoğan", "Erdogan"));
    CHECK(same_key("Khan", "Han"));
    CHECK(same_key("Muammar al-Gaddafi", "Muammar Gaddafi"));
    CHECK(!same_key("Khachatryan", "Harutyunyan"));
    CHECK(!same_key("Bill Clinton", "Hillary Clinton"));
    CHECK(xc_resolve_key(NULL, 0, k, sizeof k) == 0 && k[0] == '\0');
    CHECK(xc_resolve_key("...", 3, k, sizeof k) == 0);
    CHECK(xc_resolve_jaro_winkler("martha", 6, "marhta", 6) > 0.96 &&
          xc_resolve_jaro_winkler("martha", 6, "marhta", 6) < 0.97);
    CHECK(xc_resolve_jaro_winkler("abc", 3, "abc", 3) == 1.0);
    CHECK(xc_resolve_jaro_winkler("abc", 3, "xyz", 3) == 0.0);
    CHECK(xc_resolve_jaro_winkler("", 0, "", 0) == 1.0);
}

/* The story entities that mentions written FORM belong to: the first in
   *C, and whether they are all one (returns the number of mentions). */
static size_t entity_of(const xc_dossier *d, const char *form, uint32_t *c, int *one)
{
    size_t n = strlen(form), found = 0;
    *one = 1;
    for (size_t i = 0; i < d->ndocs; i++) {
        const xc_entities *es = &d->entities[i];
        for (size_t k = 0; k < es->nm; k++) {
            const xc_mention *m = &es->m[k];
            uint32_t e;
            if (m->end - m->start != n || memcmp(d->docs[i]->text + m->start, form, n) != 0)
                continue;
            e = d->resolved.of[i][m->entity];
            if (found && e != *c)
                *one = 0;
            if (!found)
                *c = e;
            found++;
        }
    }
    /* titles standing for a person ("Azerbaijani president") */
    for (size_t k = 0; k < d->resolved.nrefs; k++) {
        const xc_titleref *t = &d->resolved.refs[k];
        if (t->end - t->start != n || memcmp(d->docs[t->doc]->text + t->start, form, n) != 0)
            continue;
        if (found && t->entity != *c)
            *one = 0;
        if (!found)
            *c = t->entity;
        found++;
    }
    return found;
}

/* Is FORM written as a title that was linked to someone? */
static int linked_title(const xc_dossier *d, const char *form)
{
    size_t n = strlen(form);
    for (size_t k = 0; k < d->resolved.nrefs; k++) {
        const xc_titleref *t = &d->resolved.refs[k];
        if (t->end - t->start == n && memcmp(d->docs[t->doc]->text + t->start, form, n) == 0)
            return 1;
    }
    return 0;
}

/* Split LINE at " | " into at most MAX forms (LINE is modified). */
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

static void dump(const xc_dossier *d)
{
    for (size_t c = 0; c < d->resolved.n; c++) {
        const xc_resolution *r = &d->resolved;
        fprintf(stderr, "    e%zu:", c + 1);
        for (size_t k = r->first[c]; k < r->first[c + 1]; k++) {
            const xc_entities *es = &d->entities[r->members[k].doc];
            for (size_t j = 0; j < es->nm; j++)
                if (es->m[j].entity == r->members[k].entity) {
                    fprintf(stderr, " [d%u %.*s]", r->members[k].doc + 1,
                            (int)(es->m[j].end - es->m[j].start),
                            d->docs[r->members[k].doc]->text + es->m[j].start);
                    break;
                }
        }
        fputc('\n', stderr);
    }
}

static void run_case(const char *path)
{
    size_t n;
    char *raw = slurp(path, &n), *merged, *apart, *unlinked;
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    int before = h_fail, ndoc = 0;
    if (!raw || !d) {
        CHECK_MSG(0, "cannot read %s", path);
        free(raw);
        xc_dossier_free(d);
        return;
    }
    merged = strstr(raw, "\n=== merged\n");
    apart = strstr(raw, "\n=== apart\n");
    unlinked = strstr(raw, "\n=== unlinked\n");
    CHECK_MSG(merged != NULL, "%s: no '=== merged' line", path);
    if (!merged) {
        free(raw);
        xc_dossier_free(d);
        return;
    }
    if (unlinked)
        unlinked[1] = '\0';
    if (apart)
        apart[1] = '\0';
    merged[1] = '\0';
    /* the documents */
    ndoc = add_documents(d, raw, path);
    CHECK_MSG(ndoc >= 2, "%s: fewer than two documents", path);
    CHECK_MSG(xc_dossier_build(d, &err) == XC_OK, "%s: %s", path, err.msg);
    /* what must be one */
    for (char *line = strtok(merged + 12, "\n"); line; line = strtok(NULL, "\n")) {
        char *forms[16];
        size_t nf = split_forms(line, forms, 16);
        uint32_t c0 = 0;
        for (size_t k = 0; k < nf; k++) {
            uint32_t c;
            int one;
            size_t found = entity_of(d, forms[k], &c, &one);
            CHECK_MSG(found > 0, "%s: no mention \"%s\"", path, forms[k]);
            CHECK_MSG(!found || one, "%s: the mentions \"%s\" are not one entity", path, forms[k]);
            if (k == 0)
                c0 = c;
            else
                CHECK_MSG(!found || c == c0, "%s: \"%s\" and \"%s\" were not merged", path,
                          forms[0], forms[k]);
        }
    }
    /* what must stay apart */
    for (char *line = apart ? strtok(apart + 11, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        char *forms[2];
        uint32_t a = 0, b = 0;
        int one;
        size_t fa, fb;
        CHECK_MSG(split_forms(line, forms, 2) == 2, "%s: \"%s\" needs two forms", path, line);
        fa = entity_of(d, forms[0], &a, &one);
        fb = entity_of(d, forms[1], &b, &one);
        CHECK_MSG(fa && fb, "%s: no mention \"%s\" or \"%s\"", path, forms[0], forms[1]);
        CHECK_MSG(!fa || !fb || a != b, "%s: \"%s\" and \"%s\" were merged", path, forms[0],
                  forms[1]);
    }
    /* titles that must stay unlinked (two or no people fit) */
    for (char *line = unlinked ? strtok(unlinked + 14, "\n") : NULL; line; line = strtok(NULL, "\n"))
        CHECK_MSG(!linked_title(d, line), "%s: the title \"%s\" was linked to someone", path, line);
    if (h_fail != before)
        dump(d);
    xc_dossier_free(d);
    free(raw);
}

static void test_fixtures(void)
{
    run_fixtures("tests/cases/merge", 12, run_case);
}

/* The JSON of a merged dossier, with and without the debug flag. */
static void test_json(void)
{
    static const char *const texts[] = {
        "Armenian Prime Minister Nikol Pashinyan met reporters in Yerevan. "
        "Pashinyan said the talks would go on.\n",
        "Prime Minister Nikol Pashinian spoke in Yerevan on Monday. "
        "Pashinian said nothing about the talks.\n"};
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    for (int pass = 0; pass < 2; pass++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f;
        json_t *root, *ents, *e;
        size_t k;
        int found = 0;
        if (pass == 0)
            for (size_t i = 0; i < 2; i++) {
                xc_doc *doc;
                CHECK(xc_doc_from_bytes(i ? "b" : "a", texts[i], strlen(texts[i]), NULL, &doc,
                                        &err) == XC_OK);
                CHECK(xc_dossier_add(d, doc) == XC_OK);
            }
        if (pass == 0)
            CHECK(xc_dossier_build(d, &err) == XC_OK);
        f = open_memstream(&buf, &len);
        CHECK(f != NULL);
        if (!f)
            break;
        CHECK(xc_dossier_write_json(d, f, pass ? XC_RENDER_DEBUG : 0, &err) == XC_OK);
        fclose(f);
        root = json_loadb(buf, len, 0, NULL);
        CHECK(root != NULL);
        ents = json_object_get(root, "entities");
        json_array_foreach(ents, k, e) {
            json_t *why = json_object_get(e, "why");
            if (strcmp(json_string_value(json_object_get(e, "type")), "person") != 0)
                continue;
            found++;
            CHECK(json_array_size(json_object_get(e, "documents")) == 2);
            CHECK(json_array_size(json_object_get(e, "aliases")) == 4);
            CHECK(json_array_size(json_object_get(e, "mentions")) == 4);
            CHECK(json_array_size(json_object_get(e, "roles")) == 2);
            if (pass == 0) {
                CHECK(why == NULL);
            } else {
                CHECK(json_array_size(why) >= 1);
                CHECK(why && strstr(json_string_value(json_array_get(why, 0)), " ~ ") != NULL);
            }
        }
        CHECK(found == 1);
        json_decref(root);
        free(buf);
    }
    xc_dossier_free(d);
}

/* Nothing, one empty document, many documents of one name. */
static void test_edges(void)
{
    xc_resolution r;
    xc_entities es = {0};
    xc_doc *doc;
    xc_error err;
    CHECK(xc_resolve_entities(NULL, NULL, 0, &r) == XC_OK);
    CHECK(r.n == 0);
    xc_resolution_free(&r);
    xc_resolution_free(NULL);
    CHECK(xc_doc_from_bytes("x", "nothing here\n", 13, NULL, &doc, &err) == XC_OK);
    CHECK(xc_resolve_entities(&doc, &es, 1, &r) == XC_OK);
    CHECK(r.n == 0 && r.nvisible == 0);
    xc_resolution_free(&r);
    xc_doc_free(doc);
}

int main(void)
{
    RUN(test_keys);
    RUN(test_fixtures);
    RUN(test_json);
    RUN(test_edges);
    DONE();
}
