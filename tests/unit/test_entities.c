/*
 * test_entities.c: the entities of one document, from the fixtures in
 * tests/cases/entities (see its README): names, types, the forms linked
 * into one entity within the document, and roles.  Needs the shipped model
 * (data/ner.model), found from the repository root.
 */
#include "core/util.h"
#include "extract/extract.h"
#include "harness.h"
#include "fixtures.h"

#include <stdlib.h>

/* Does the " | "-separated list L hold FORM exactly? */
static int has_form(const xc_buf *l, const char *form)
{
    size_t n = strlen(form);
    for (const char *p = l->data; p && *p;) {
        const char *end = strstr(p, " | ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, form, n) == 0)
            return 1;
        if (!end)
            break;
        p = end + 3;
    }
    return 0;
}

/* The description of entity E of the document: "TYPE\tNAME\tALIASES\tROLES". */
static void describe(const xc_doc *doc, const xc_entities *es, uint32_t e, xc_buf *out)
{
    static const char *const types[] = {"person", "organization", "place", "other"};
    const xc_mention *name = NULL;
    xc_buf aliases, roles;
    xc_buf_init(&aliases, 0);
    xc_buf_init(&roles, 0);
    for (size_t k = 0; k < es->nm; k++) {
        const xc_mention *m = &es->m[k];
        char form[512];
        if (m->entity != e)
            continue;
        if (!name || m->end - m->start > name->end - name->start)
            name = m;
        snprintf(form, sizeof form, "%.*s", (int)(m->end - m->start), doc->text + m->start);
        if (!has_form(&aliases, form)) {
            if (aliases.len)
                xc_buf_puts(&aliases, " | ");
            xc_buf_puts(&aliases, form);
        }
    }
    for (size_t k = 0; k < es->nr; k++) {
        char form[512];
        if (es->r[k].entity != e)
            continue;
        snprintf(form, sizeof form, "%.*s", (int)(es->r[k].end - es->r[k].start),
                 doc->text + es->r[k].start);
        if (!has_form(&roles, form)) {
            if (roles.len)
                xc_buf_puts(&roles, " | ");
            xc_buf_puts(&roles, form);
        }
    }
    out->len = 0;
    xc_buf_printf(out, "%s\t%.*s\t%s\t%s", types[name ? name->type & 3 : 0],
                  name ? (int)(name->end - name->start) : 0, name ? doc->text + name->start : "",
                  aliases.data ? aliases.data : "", roles.data ? roles.data : "-");
    xc_buf_free(&aliases);
    xc_buf_free(&roles);
}

static void run_case(const char *path)
{
    size_t n;
    char *raw = slurp(path, &n), *marker, *line;
    xc_doc *doc;
    xc_error err;
    xc_tokens tk = {0};
    xc_entities es = {0};
    xc_buf desc;
    if (!raw) {
        CHECK_MSG(0, "cannot read %s", path);
        return;
    }
    marker = strstr(raw, "\n=== entities\n");
    CHECK_MSG(marker != NULL, "%s: no '=== entities' line", path);
    if (!marker) {
        free(raw);
        return;
    }
    marker[1] = '\0';
    CHECK(xc_doc_from_bytes(path, raw, (size_t)(marker + 1 - raw), NULL, &doc, &err) == XC_OK);
    CHECK(xc_tokenize(doc->text, doc->len, &tk) == XC_OK);
    CHECK_MSG(xc_entities_find(doc, &tk, &es, &err) == XC_OK, "%s", err.msg);
    xc_buf_init(&desc, 0);
    for (line = strtok(marker + 14, "\n"); line; line = strtok(NULL, "\n")) {
        int found = 0;
        if (!*line)
            continue;
        for (uint32_t e = 0; e < es.nentities; e++) {
            describe(doc, &es, e, &desc);
            if (line[0] == '!') {
                const char *aliases = strchr(strchr(desc.data, '\t') + 1, '\t') + 1;
                char needle[512];
                snprintf(needle, sizeof needle, "%s", line + 1);
                if (strncmp(aliases, needle, strlen(needle)) == 0 ||
                    strstr(aliases, needle) != NULL)
                    found = 1;
            } else if (strcmp(desc.data, line) == 0) {
                found = 1;
            }
        }
        if (line[0] == '!')
            CHECK_MSG(!found, "%s: \"%s\" was taken for a name", path, line + 1);
        else
            CHECK_MSG(found, "%s: no entity \"%s\"", path, line);
    }
    if (h_fail) {
        for (uint32_t e = 0; e < es.nentities; e++) {
            describe(doc, &es, e, &desc);
            fprintf(stderr, "    found: %s\n", desc.data);
        }
    }
    xc_buf_free(&desc);
    xc_entities_free(&es);
    xc_tokens_free(&tk);
    xc_doc_free(doc);
    free(raw);
}

static void test_fixtures(void)
{
    run_fixtures("tests/cases/entities", 10, run_case);
}

static void test_hostile(void)
{
    /* 10,000 capitalized words in one sentence, and no words at all */
    xc_buf b;
    xc_doc *doc;
    xc_error err;
    xc_tokens tk = {0};
    xc_entities es = {0};
    xc_buf_init(&b, 0);
    for (int i = 0; i < 10000; i++)
        xc_buf_puts(&b, i % 2 ? "Smith " : "John ");
    CHECK(xc_doc_from_bytes("big", b.data, b.len, NULL, &doc, &err) == XC_OK);
    CHECK(xc_tokenize(doc->text, doc->len, &tk) == XC_OK);
    CHECK(xc_entities_find(doc, &tk, &es, &err) == XC_OK);
    for (size_t k = 0; k < es.nm; k++)
        CHECK(es.m[k].end <= doc->len && es.m[k].entity < es.nentities);
    xc_doc_free(doc);
    CHECK(xc_doc_from_bytes("punct", "... !!! ???\n", 12, NULL, &doc, &err) == XC_OK);
    CHECK(xc_tokenize(doc->text, doc->len, &tk) == XC_OK);
    CHECK(xc_entities_find(doc, &tk, &es, &err) == XC_OK);
    CHECK(es.nm == 0 && es.nentities == 0);
    xc_doc_free(doc);
    xc_entities_free(&es);
    xc_tokens_free(&tk);
    xc_buf_free(&b);
}

int main(void)
{
    RUN(test_fixtures);
    RUN(test_hostile);
    DONE();
}
