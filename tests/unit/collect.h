/*
 * collect.h: a sink for xc_read that keeps what it is given, for the tests
 * of the readers that make many documents of one input (feeds, WARC).
 * Documents are kept in order; problems are kept as "SOURCE: MESSAGE"
 * lines, warnings prefixed "warning: ".  collect_free releases everything.
 */
#ifndef XC_COLLECT_H
#define XC_COLLECT_H

#include "crosscheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COLLECT_MAX 64

typedef struct collect {
    xc_doc *docs[COLLECT_MAX];
    size_t ndocs;
    char problems[COLLECT_MAX][1024];
    size_t nproblems, nerrors;
} collect;

static int collect_doc(void *ctx, xc_doc *doc)
{
    collect *c = ctx;
    if (c->ndocs < COLLECT_MAX)
        c->docs[c->ndocs++] = doc;
    else
        xc_doc_free(doc);
    return 0;
}

static void collect_problem(void *ctx, const char *source, xc_code code,
                            const char *msg, int warning)
{
    collect *c = ctx;
    (void)code;
    if (!warning)
        c->nerrors++;
    if (c->nproblems < COLLECT_MAX)
        snprintf(c->problems[c->nproblems++], sizeof c->problems[0], "%s%s: %s",
                 warning ? "warning: " : "", source, msg);
}

static void collect_free(collect *c)
{
    for (size_t i = 0; i < c->ndocs; i++)
        xc_doc_free(c->docs[i]);
    memset(c, 0, sizeof *c);
}

/* Nonzero if some problem line contains NEEDLE. */
static int collect_said(const collect *c, const char *needle)
{
    for (size_t i = 0; i < c->nproblems; i++)
        if (strstr(c->problems[i], needle))
            return 1;
    return 0;
}

static void collect_print(const collect *c)
{
    for (size_t i = 0; i < c->nproblems; i++)
        fprintf(stderr, "    problem: %s\n", c->problems[i]);
}

/* Write BYTES[0..N) to a new file named NAME in DIR; the path goes to PATH. */
static int collect_write(const char *dir, const char *name, const void *bytes,
                         size_t n, char *path, size_t cap)
{
    FILE *f;
    snprintf(path, cap, "%s/%s", dir, name);
    if (!(f = fopen(path, "wb")))
        return -1;
    if (n && fwrite(bytes, 1, n, f) != n) {
        fclose(f);
        return -1;
    }
    return fclose(f);
}

/* Read PATH with OPTS (may be NULL) into C (cleared first). */
static xc_code collect_read(collect *c, const char *path, const xc_read_opts *opts)
{
    xc_sink sink = {collect_doc, collect_problem, c};
    collect_free(c);
    return xc_read(path, opts, &sink);
}

#endif
