/*
 * fixtures.h: what the fixture-driven unit tests share: reading a file
 * whole, and running a case function on every .txt file of a folder under
 * tests/cases (in sorted order, so failures read the same every run).
 * Include after harness.h.  Tests run from the repository root.
 */
#ifndef XC_FIXTURES_H
#define XC_FIXTURES_H

#include "core/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bytes of PATH, NUL-terminated (caller frees), or NULL. */
static inline char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    xc_buf b;
    char chunk[4096];
    size_t got;
    if (!f)
        return NULL;
    xc_buf_init(&b, 0);
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (xc_buf_append(&b, chunk, got) != XC_OK)
            break;
    fclose(f);
    return xc_buf_take(&b, n);
}

static inline int fx_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run CASE_FN on every .txt file of DIR; at least MIN of them must exist. */
static inline void run_fixtures(const char *dir, size_t min, void (*case_fn)(const char *path))
{
    DIR *dd = opendir(dir);
    struct dirent *de;
    char *names[512];
    size_t n = 0;
    CHECK_MSG(dd != NULL, "run from the repository root: %s", dir);
    if (!dd)
        return;
    while ((de = readdir(dd)) && n < 512)
        if (strstr(de->d_name, ".txt"))
            names[n++] = xc_strdup(de->d_name);
    closedir(dd);
    qsort(names, n, sizeof *names, fx_name_cmp);
    CHECK_MSG(n >= min, "%s: %zu cases, wanted at least %zu", dir, n, min);
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        case_fn(path);
        free(names[i]);
    }
}

/*
 * Add to D every document of a multi-document fixture: each follows a line
 * "=== document" in RAW and runs to the next such line (RAW must already be
 * cut where the expectations begin).  Documents are named PATH#1, PATH#2...
 * Returns how many were added.
 */
static inline int add_documents(xc_dossier *d, const char *raw, const char *path)
{
    const char *p = strstr(raw, "=== document\n");
    int ndoc = 0;
    while (p) {
        const char *text = p + 13, *next = strstr(text, "\n=== document\n");
        size_t len = next ? (size_t)(next + 1 - text) : strlen(text);
        char name[600];
        xc_doc *doc;
        xc_error err;
        snprintf(name, sizeof name, "%s#%d", path, ++ndoc);
        CHECK_MSG(xc_doc_from_bytes(name, text, len, NULL, &doc, &err) == XC_OK, "%s: %s",
                  name, err.msg);
        if (doc)
            CHECK(xc_dossier_add(d, doc) == XC_OK);
        p = next ? next + 1 : NULL;
    }
    return ndoc;
}

#endif
