/*
 * group.c: the stories and near-copies of a dossier, in memory.  After the
 * per-document analysis, each document's features are built from what the
 * analysis found (its entities and times, its words tokenized again), the
 * document frequencies are counted over the whole dossier for IDF, and
 * the documents are clustered online in the order given, as the store
 * does when they arrive one by one.  A journalist who hands five files
 * means one story: the dossier clusters only when asked
 * (xc_dossier_set_clustering, crosscheck report --all); near-copies are
 * found in every case, so that a wire report republished five times is
 * counted as one source.
 */
#include "cluster/cluster.h"
#include "core/dossier.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

xc_code xc_dossier_set_clustering(xc_dossier *d, int on)
{
    if (!d)
        return XC_ERR_ARG;
    d->clustering = on != 0;
    return XC_OK;
}

/* Document frequencies over the dossier: sorted (key, count) pairs. */
typedef struct dftab {
    xc_term *v; /* w holds the count */
    size_t n;
} dftab;

static uint32_t df_of(void *ctx, uint64_t key)
{
    const dftab *t = ctx;
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->v[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->v[lo].key == key ? (uint32_t)t->v[lo].w : 0;
}

static xc_code count_df(xc_features *const *f, size_t n, dftab *t)
{
    size_t total = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        total += f[i]->nterms + f[i]->nents;
    t->n = 0;
    if (!(t->v = malloc((total ? total : 1) * sizeof *t->v)))
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        /* a key is in a document's terms or entities once each */
        for (size_t j = 0; j < f[i]->nterms; j++)
            t->v[k++] = (xc_term){f[i]->terms[j].key, 1};
        for (size_t j = 0; j < f[i]->nents; j++)
            t->v[k++] = (xc_term){f[i]->ents[j].key, 1};
    }
    xc_sort(t->v, k, sizeof *t->v, xc_term_cmp_key);
    for (size_t i = 0; i < k; i++) {
        if (t->n && t->v[t->n - 1].key == t->v[i].key)
            t->v[t->n - 1].w += 1;
        else
            t->v[t->n++] = t->v[i];
    }
    return XC_OK;
}

/* The features of every document, from the analysis already done. */
static xc_code features(const xc_dossier *d, xc_features **f)
{
    xc_tokens tk = {0};
    xc_code rc = XC_OK;
    for (size_t i = 0; i < d->ndocs && rc == XC_OK; i++) {
        const xc_doc *doc = d->docs[i];
        if ((rc = xc_tokenize(doc->text, doc->len, &tk)) == XC_OK)
            rc = xc_feat_build_for(doc, &tk, &d->entities[i], &d->times[i],
                                   d->clustering, &f[i]);
    }
    xc_tokens_free(&tk);
    return rc;
}

/* The headline of a story: the earliest dated document's that has one,
   else the first title in order. */
static const char *story_title(const xc_dossier *d, const xc_story *s)
{
    const xc_doc *best = NULL;
    for (size_t k = 0; k < s->ndocs; k++) {
        const xc_doc *doc = d->docs[s->docs[k]];
        if (!doc->title)
            continue;
        if (!best || (doc->published &&
                      (!best->published || strcmp(doc->published, best->published) < 0)))
            best = doc;
    }
    return best ? best->title : NULL;
}

/* Stories from OF[i] (the story of document i, NSTORIES of them). */
static xc_code fill_stories(xc_dossier *d, const size_t *of, size_t nstories)
{
    if (!(d->stories = calloc(nstories ? nstories : 1, sizeof *d->stories)))
        return XC_ERR_NOMEM;
    d->nstories = nstories;
    for (size_t i = 0; i < d->ndocs; i++)
        d->stories[of[i]].ndocs++;
    for (size_t s = 0; s < nstories; s++) {
        if (!(d->stories[s].docs = malloc(d->stories[s].ndocs * sizeof(size_t))))
            return XC_ERR_NOMEM;
        d->stories[s].ndocs = 0;
    }
    for (size_t i = 0; i < d->ndocs; i++) {
        xc_story *s = &d->stories[of[i]];
        s->docs[s->ndocs++] = i;
    }
    for (size_t s = 0; s < nstories; s++) {
        const char *t = nstories == 1 && d->story_title ? d->story_title
                                                        : story_title(d, &d->stories[s]);
        if (t && !(d->stories[s].title = xc_strdup(t)))
            return XC_ERR_NOMEM;
    }
    return XC_OK;
}

/* Cluster the documents: OF[i] the story of document i; returns XC_OK and
   the number of stories in *nstories. */
static xc_code cluster(xc_features *const *f, size_t n, const int32_t *copy_of, size_t *of,
                       size_t *nstories)
{
    dftab t = {NULL, 0};
    xc_stories *s = xc_stories_new();
    xc_code rc = s ? count_df(f, n, &t) : XC_ERR_NOMEM;
    xc_idf idf = {df_of, &t, (uint32_t)n};
    for (size_t i = 0; i < n && rc == XC_OK; i++) {
        xc_vec v;
        if ((rc = xc_vec_make(f[i], &idf, &v)) == XC_OK)
            rc = xc_stories_add(s, &v, copy_of[i]);
        xc_vec_free(&v);
    }
    if (rc == XC_OK)
        *nstories = xc_stories_result(s, of);
    xc_stories_free(s);
    free(t.v);
    return rc;
}

xc_code xc_cluster_dossier(xc_dossier *d, xc_error *err)
{
    xc_features **f = NULL;
    size_t *of = NULL, nstories = 0;
    xc_code rc = XC_OK;

    free(d->copy_of);
    d->copy_of = NULL;
    if (!d->ndocs)
        return XC_OK;
    f = calloc(d->ndocs, sizeof *f);
    of = calloc(d->ndocs, sizeof *of);
    d->copy_of = malloc(d->ndocs * sizeof *d->copy_of);
    if (!f || !of || !d->copy_of)
        rc = XC_ERR_NOMEM;
    if (rc == XC_OK)
        rc = features(d, f);
    if (rc == XC_OK)
        rc = xc_mh_near_copies((const xc_features *const *)f, d->ndocs, d->copy_of, NULL);
    if (rc == XC_OK && d->clustering)
        rc = cluster(f, d->ndocs, d->copy_of, of, &nstories);
    else
        nstories = 1; /* OF is all zeros: one story */
    if (rc == XC_OK)
        rc = fill_stories(d, of, nstories);
    for (size_t i = 0; f && i < d->ndocs; i++)
        xc_features_free(f[i]);
    free(f);
    free(of);
    if (rc != XC_OK)
        return xc_fail(err, rc, "cannot sort the documents into stories: %s",
                       xc_code_str(rc));
    return XC_OK;
}
