/*
 * bench/stories_add.c: the cost of near-copy search and story assignment
 * per document in a store that already holds many.  Reads the documents of
 * INPUT, computes their story features first (untimed: the analysis runs
 * in worker threads in a real add), then stores them all with
 * xc_store_add_analyzed in one transaction and prints the milliseconds per
 * document of that part alone.
 * usage: stories_add DB INPUT
 */
#include "crosscheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct batch {
    xc_doc **docs;
    size_t n, cap;
} batch;

static int take(void *ctx, xc_doc *doc)
{
    batch *b = ctx;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        xc_doc **v = realloc(b->docs, cap * sizeof *v);
        if (!v) {
            xc_doc_free(doc);
            return 1;
        }
        b->docs = v;
        b->cap = cap;
    }
    b->docs[b->n++] = doc;
    return 0;
}

int main(int argc, char **argv)
{
    batch b = {NULL, 0, 0};
    xc_sink sink = {take, NULL, &b};
    xc_features **f;
    xc_store *st;
    xc_error err;
    struct timespec t0, t1;
    size_t added = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: stories_add DB INPUT\n");
        return 2;
    }
    xc_read(argv[2], NULL, &sink);
    f = calloc(b.n ? b.n : 1, sizeof *f);
    for (size_t i = 0; i < b.n; i++)
        if (xc_features_compute(b.docs[i], &f[i], &err) != XC_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
    if (xc_store_open(argv[1], 0, &st, &err) != XC_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    xc_store_begin(st, &err);
    for (size_t i = 0; i < b.n; i++) {
        int64_t id, story;
        int a;
        if (xc_store_add_analyzed(st, b.docs[i], f[i], &id, &a, &story, &err) != XC_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        added += (size_t)a;
    }
    xc_store_commit(st, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.3f ms/doc (%zu added)\n",
           ((double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) /
               (double)(b.n ? b.n : 1),
           added);
    for (size_t i = 0; i < b.n; i++) {
        xc_features_free(f[i]);
        xc_doc_free(b.docs[i]);
    }
    free(f);
    free(b.docs);
    xc_store_close(st);
    return 0;
}
