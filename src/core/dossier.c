/*
 * dossier.c: collecting documents into a dossier and running the stages
 * over them.  Today the stages are the per-document analysis (tokens and
 * sentences, entities, quotations, times, quantities), one story holding
 * every document, the merging of entities across the documents and the
 * grouping of quotations of the same words (resolve); clustering and
 * reconciliation plug in here as they are built.
 */
#include "cluster/cluster.h"
#include "core/dossier.h"
#include "core/util.h"
#include "reconcile/reconcile.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

xc_dossier *xc_dossier_new(void)
{
    return calloc(1, sizeof(xc_dossier));
}

static void free_analysis(xc_dossier *d)
{
    for (size_t i = 0; d->times && i < d->ndocs; i++)
        xc_times_free(&d->times[i]);
    for (size_t i = 0; d->quantities && i < d->ndocs; i++)
        xc_quantities_free(&d->quantities[i]);
    for (size_t i = 0; d->quotes && i < d->ndocs; i++)
        xc_quotes_free(&d->quotes[i]);
    for (size_t i = 0; d->entities && i < d->ndocs; i++)
        xc_entities_free(&d->entities[i]);
    for (size_t i = 0; d->speakers && i < d->ndocs; i++)
        free(d->speakers[i]);
    for (size_t i = 0; d->entity_ids && i < d->ndocs; i++)
        free(d->entity_ids[i]);
    free(d->entity_ids);
    d->entity_ids = NULL;
    d->nentity_ids = 0;
    xc_resolution_free(&d->resolved);
    xc_qgroup_free(&d->qgroups);
    xc_facts_free(&d->facts);
    xc_timeline_free(&d->timeline);
    d->merged = 0;
    free(d->entities);
    free(d->speakers);
    d->entities = NULL;
    d->speakers = NULL;
    free(d->times);
    free(d->quantities);
    free(d->quotes);
    d->quotes = NULL;
    free(d->stats);
    d->times = NULL;
    d->quantities = NULL;
    d->stats = NULL;
}

static void free_stories(xc_dossier *d)
{
    for (size_t i = 0; i < d->nstories; i++) {
        free(d->stories[i].title);
        free(d->stories[i].docs);
    }
    free(d->stories);
    d->stories = NULL;
    d->nstories = 0;
    free(d->copy_of);
    d->copy_of = NULL;
}

void xc_dossier_free(xc_dossier *d)
{
    if (!d)
        return;
    free_analysis(d);
    for (size_t i = 0; i < d->ndocs; i++)
        xc_doc_free(d->docs[i]);
    free(d->docs);
    free(d->story_title);
    free_stories(d);
    free(d);
}

xc_code xc_dossier_add(xc_dossier *d, xc_doc *doc)
{
    if (!d || !doc) {
        xc_doc_free(doc);
        return XC_ERR_ARG;
    }
    if (d->ndocs == d->capdocs) {
        size_t cap = d->capdocs ? d->capdocs * 2 : 16;
        xc_doc **v = realloc(d->docs, cap * sizeof *v);
        if (!v) {
            xc_doc_free(doc);
            return XC_ERR_NOMEM;
        }
        d->docs = v;
        d->capdocs = cap;
    }
    if (d->built)
        free_analysis(d); /* the per-document arrays are sized by ndocs */
    d->docs[d->ndocs++] = doc;
    d->built = d->analyzed = 0;
    return XC_OK;
}

xc_code xc_dossier_set_story(xc_dossier *d, const char *title)
{
    char *t = NULL;
    if (!d)
        return XC_ERR_ARG;
    if (title && !(t = xc_strdup(title)))
        return XC_ERR_NOMEM;
    free(d->story_title);
    d->story_title = t;
    return XC_OK;
}

size_t xc_dossier_ndocs(const xc_dossier *d)
{
    return d ? d->ndocs : 0;
}

/* Count what a reader sees of DOC: words and sentences outside furniture. */
static void count_doc(const xc_doc *doc, const xc_tokens *tk, xc_doc_stats *st)
{
    memset(st, 0, sizeof *st);
    st->tokens = tk->ntok;
    st->paragraphs = tk->npara;
    for (size_t s = 0; s < tk->nsent; s++) {
        const xc_sentence *sn = &tk->sent[s];
        if (xc_doc_in_boilerplate(doc, sn->start, sn->end))
            continue;
        st->sentences++;
        for (uint32_t k = sn->first; k < sn->first + sn->count; k++)
            if (tk->tok[k].kind == XC_TOK_WORD || tk->tok[k].kind == XC_TOK_NUMBER)
                st->words++;
    }
}

/* Number the entities of document I that are seen outside page furniture,
   in the order of their first such mention. */
static xc_code number_entities(xc_dossier *d, size_t i)
{
    const xc_entities *e = &d->entities[i];
    uint32_t *ids = calloc(e->nentities ? e->nentities : 1, sizeof *ids);
    if (!ids)
        return XC_ERR_NOMEM;
    d->entity_ids[i] = ids;
    for (size_t k = 0; k < e->nm; k++) {
        const xc_mention *m = &e->m[k];
        if (!m->boilerplate && m->entity < e->nentities && !ids[m->entity])
            ids[m->entity] = (uint32_t)++d->nentity_ids;
    }
    return XC_OK;
}

/* Link each quote of document I to the entity its attribution names. */
static xc_code link_speakers(xc_dossier *d, size_t i)
{
    const xc_quotes *q = &d->quotes[i];
    d->speakers[i] = malloc((q->n ? q->n : 1) * sizeof(int32_t));
    if (!d->speakers[i])
        return XC_ERR_NOMEM;
    for (size_t k = 0; k < q->n; k++) {
        const xc_quote *x = &q->v[k];
        d->speakers[i][k] = x->ref_end > x->ref_start
                                ? xc_entities_at(&d->entities[i], x->ref_start, x->ref_end)
                                : -1;
    }
    return XC_OK;
}

/* The per-document stages: tokens, then each extractor. */
static xc_code analyze_doc(xc_dossier *d, size_t i, xc_tokens *tk, xc_error *err)
{
    const xc_doc *doc = d->docs[i];
    xc_code rc = xc_tokenize(doc->text, doc->len, tk);
    if (rc != XC_OK)
        return xc_fail(err, rc, "%s: cannot cut into sentences: %s", doc->source,
                       xc_code_str(rc));
    count_doc(doc, tk, &d->stats[i]);
    if ((rc = xc_entities_find(doc, tk, &d->entities[i], err)) != XC_OK)
        return rc;
    if ((rc = xc_times_find(doc, tk, &d->times[i])) != XC_OK ||
        (rc = xc_quotes_find(doc, tk, &d->quotes[i])) != XC_OK ||
        (rc = xc_quantities_find(doc, tk, &d->quantities[i])) != XC_OK ||
        (rc = link_speakers(d, i)) != XC_OK || (rc = number_entities(d, i)) != XC_OK)
        return xc_fail(err, rc, "%s: cannot analyse: %s", doc->source, xc_code_str(rc));
    return XC_OK;
}

xc_code xc_dossier_analyze(xc_dossier *d, xc_error *err)
{
    xc_tokens tk = {0};
    xc_code rc = XC_OK;
    xc_error_clear(err);
    if (!d)
        return xc_fail(err, XC_ERR_ARG, "no dossier");
    if (d->analyzed)
        return XC_OK;
    free_analysis(d);
    d->stats = calloc(d->ndocs ? d->ndocs : 1, sizeof *d->stats);
    d->times = calloc(d->ndocs ? d->ndocs : 1, sizeof *d->times);
    d->quantities = calloc(d->ndocs ? d->ndocs : 1, sizeof *d->quantities);
    d->quotes = calloc(d->ndocs ? d->ndocs : 1, sizeof *d->quotes);
    d->entities = calloc(d->ndocs ? d->ndocs : 1, sizeof *d->entities);
    d->speakers = calloc(d->ndocs ? d->ndocs : 1, sizeof *d->speakers);
    d->entity_ids = calloc(d->ndocs ? d->ndocs : 1, sizeof *d->entity_ids);
    if (!d->stats || !d->times || !d->quantities || !d->quotes || !d->entities ||
        !d->speakers || !d->entity_ids) {
        free_analysis(d);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < d->ndocs && rc == XC_OK; i++)
        rc = analyze_doc(d, i, &tk, err);
    xc_tokens_free(&tk);
    if (rc != XC_OK)
        return rc;
    d->analyzed = 1;
    return XC_OK;
}

void xc_dossier_count(const xc_dossier *d, xc_counts *c)
{
    if (!d || !c || !d->analyzed)
        return;
    for (size_t i = 0; i < d->ndocs; i++) {
        c->documents++;
        c->tokens += d->stats[i].tokens;
        c->sentences += d->stats[i].sentences;
        c->times += d->times[i].n;
        c->quantities += d->quantities[i].n;
        c->quotes += d->quotes[i].n;
    }
    c->entities += d->nentity_ids;
}

/*
 * Merge the entities of all documents (resolve) and renumber: every
 * document's entity takes the number of the story's entity it belongs to,
 * so speakers and other references through entity_ids follow the merge.
 */
static xc_code merge_entities(xc_dossier *d, xc_error *err)
{
    xc_code rc;
    xc_resolution_free(&d->resolved);
    d->merged = 0;
    if ((rc = xc_resolve_entities(d->docs, d->entities, d->ndocs, &d->resolved)) != XC_OK) {
        xc_resolution_free(&d->resolved);
        return xc_fail(err, rc, "cannot merge the entities: %s", xc_code_str(rc));
    }
    for (size_t i = 0; i < d->ndocs; i++)
        for (uint32_t e = 0; e < d->entities[i].nentities; e++) {
            uint32_t c = d->resolved.of[i][e];
            d->entity_ids[i][e] = c < d->resolved.nvisible ? c + 1 : 0;
        }
    d->nentity_ids = d->resolved.nvisible;
    d->merged = 1;
    return XC_OK;
}

xc_code xc_dossier_build(xc_dossier *d, xc_error *err)
{
    xc_code rc;
    if (!d)
        return xc_fail(err, XC_ERR_ARG, "no dossier");
    if ((rc = xc_dossier_analyze(d, err)) != XC_OK)
        return rc;
    if ((rc = merge_entities(d, err)) != XC_OK)
        return rc;
    /* after the merge: a group compares its quotes' speakers as story entities */
    xc_qgroup_free(&d->qgroups);
    if ((rc = xc_qgroup_build(d->docs, d->quotes, d->speakers, &d->resolved, d->ndocs,
                              &d->qgroups)) != XC_OK) {
        xc_qgroup_free(&d->qgroups);
        return xc_fail(err, rc, "cannot group the quotations: %s", xc_code_str(rc));
    }
    /* cluster: stories, and near-copies, which the facts count once */
    free_stories(d);
    if ((rc = xc_cluster_dossier(d, err)) != XC_OK)
        return rc;
    /* reconcile: dates for undated reports from the story, then the facts
       (which compare those dates) and the timeline (which links facts) */
    if ((rc = xc_reconcile_anchor(d, err)) != XC_OK || (rc = xc_facts_build(d, err)) != XC_OK ||
        (rc = xc_timeline_build(d, err)) != XC_OK)
        return rc;
    d->built = 1;
    return XC_OK;
}
