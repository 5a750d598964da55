/*
 * bench/reconcile.c: the time of the reconcile stage alone (story anchors,
 * facts, timeline) on one story, for bench/story.sh.  It builds the dossier
 * of the documents under DIR once (every stage), then runs the reconcile
 * stage again RUNS times on the built dossier and prints the best time,
 * with the number of facts and timeline entries:
 *
 *     reconcile DIR [RUNS]  ->  "docs 1000 build 5.757 reconcile 0.798 (anchor
 *     0.010 facts 0.600 timeline 0.188) facts 947 events 346"
 *
 * Built by bench/story.sh against the static library and its internal
 * headers, like the unit tests.
 */
#include "core/dossier.h"
#include "reconcile/facts.h"
#include "reconcile/reconcile.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int add(void *ctx, xc_doc *doc)
{
    return xc_dossier_add(ctx, doc) != XC_OK;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    xc_dossier *d;
    xc_sink sink = {add, NULL, NULL};
    xc_error err;
    double t0, build, best = -1, ta = 0, tf = 0, tt = 0;
    int runs = argc > 2 ? atoi(argv[2]) : 3;
    if (argc < 2) {
        fprintf(stderr, "usage: reconcile DIR [RUNS]\n");
        return 2;
    }
    if (!(d = xc_dossier_new()))
        return 1;
    sink.ctx = d;
    xc_read(argv[1], NULL, &sink);
    t0 = now();
    if (xc_dossier_build(d, &err) != XC_OK) {
        fprintf(stderr, "reconcile: %s\n", err.msg);
        xc_dossier_free(d);
        return 1;
    }
    build = now() - t0;
    for (int r = 0; r < (runs > 0 ? runs : 1); r++) {
        double a, f, t;
        t0 = now();
        if (xc_reconcile_anchor(d, &err) != XC_OK)
            goto fail;
        a = now();
        if (xc_facts_build(d, &err) != XC_OK)
            goto fail;
        f = now();
        if (xc_timeline_build(d, &err) != XC_OK)
            goto fail;
        t = now();
        if (best < 0 || t - t0 < best) {
            best = t - t0;
            ta = a - t0;
            tf = f - a;
            tt = t - f;
        }
    }
    printf("docs %zu build %.3f reconcile %.4f (anchor %.4f facts %.4f timeline %.4f) "
           "facts %zu events %zu\n",
           d->ndocs, build, best, ta, tf, tt, d->facts.n, d->timeline.n);
    xc_dossier_free(d);
    return 0;
fail:
    fprintf(stderr, "reconcile: %s\n", err.msg);
    xc_dossier_free(d);
    return 1;
}
