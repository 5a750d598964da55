/*
 * shared.c: what the renderers for people (Markdown, HTML, the explanation
 * of an entity) compute alike: an entity's spellings, roles and documents,
 * the words for a fact's status and caveat, and the marked pieces of a
 * source sentence (its value, the words the competing sentence lacks).
 * Each renderer escapes and marks the pieces in its own syntax.
 */
#include "core/dossier.h"
#include "render/diff.h"
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

const char *xc_render_outlet(const xc_dossier *d, size_t i)
{
    const xc_doc *doc = d->docs[i];
    const char *s, *slash;
    if (doc->outlet)
        return doc->outlet;
    if (!(s = doc->source))
        return "-";
    /* a URL by its host and path, a file by its name */
    if ((slash = strstr(s, "://")) != NULL)
        return slash + 3;
    slash = strrchr(s, '/');
    return slash && slash[1] ? slash + 1 : s;
}

const char *xc_render_name(const xc_dossier *d, size_t m, size_t *n)
{
    const xc_merged *e = &d->resolved.v[m];
    if (e->name_end <= e->name_start) {
        *n = 1;
        return "?";
    }
    *n = e->name_end - e->name_start;
    return d->docs[e->name_doc]->text + e->name_start;
}

size_t xc_render_outlets(const xc_dossier *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->ndocs; i++) {
        const char *o = d->docs[i]->outlet;
        int seen = 0;
        if (!o)
            continue;
        for (size_t k = 0; k < i && !seen; k++)
            seen = d->docs[k]->outlet && strcmp(d->docs[k]->outlet, o) == 0;
        n += !seen;
    }
    return n;
}

void xc_forms_add(xc_forms *f, const char *s, size_t n)
{
    for (size_t k = 0; k < f->count; k++)
        if (f->n[k] == n && memcmp(f->s[k], s, n) == 0)
            return;
    if (f->count < XC_FORMS_MAX) {
        f->s[f->count] = s;
        f->n[f->count] = n;
        f->count++;
    }
}

void xc_render_profile(const xc_dossier *d, size_t c, xc_profile *p)
{
    const xc_resolution *r = &d->resolved;
    memset(p, 0, sizeof *p);
    if (!d->merged || c >= r->n)
        return;
    for (size_t k = r->first[c]; k < r->first[c + 1]; k++) {
        uint32_t doc = r->members[k].doc, ent = r->members[k].entity;
        const xc_entities *es = &d->entities[doc];
        const char *text = d->docs[doc]->text;
        int seen = 0;
        for (size_t j = 0; j < es->nm; j++)
            if (es->m[j].entity == ent && !es->m[j].boilerplate) {
                p->mentions++;
                seen = 1;
                xc_forms_add(&p->aliases, text + es->m[j].start, es->m[j].end - es->m[j].start);
            }
        for (size_t j = 0; j < es->nr; j++)
            if (es->r[j].entity == ent)
                xc_forms_add(&p->roles, text + es->r[j].start, es->r[j].end - es->r[j].start);
        if (seen && (!p->ndocs || p->docs[p->ndocs - 1] != doc) && p->ndocs < 64)
            p->docs[p->ndocs++] = doc;
    }
    /* titles standing for the entity ("the Azerbaijani president") */
    for (size_t k = 0; k < r->nrefs; k++) {
        const xc_titleref *t = &r->refs[k];
        size_t at;
        if (t->entity != c)
            continue;
        p->mentions++;
        xc_forms_add(&p->aliases, d->docs[t->doc]->text + t->start, t->end - t->start);
        for (at = 0; at < p->ndocs && p->docs[at] < t->doc; at++)
            ;
        if ((at == p->ndocs || p->docs[at] != t->doc) && p->ndocs < 64) {
            memmove(p->docs + at + 1, p->docs + at, (p->ndocs - at) * sizeof *p->docs);
            p->docs[at] = t->doc;
            p->ndocs++;
        }
    }
}

const char *xc_render_status(int status)
{
    switch (status) {
    case XC_FACT_AGREED: return "agreed";
    case XC_FACT_CONFLICTING: return "conflicting";
    default: return "single source";
    }
}

const char *xc_render_modality(int modality)
{
    switch (modality) {
    case XC_MOD_PROSPECTIVE: return "prospective: expected, not yet happened";
    case XC_MOD_HEDGED: return "hedged: may, could, reportedly";
    case XC_MOD_NEGATED: return "negated";
    case XC_MOD_PROPOSED: return "proposed: sought or offered, not what happened";
    default: return "";
    }
}

const char *xc_render_wording(double similarity)
{
    return similarity >= 1.0 ? "identical"
           : similarity >= 0.8 ? "close"
                               : "different: translated or paraphrased";
}

const char *xc_render_caveat(const xc_dossier *d, const xc_fact *f, char *buf, size_t cap)
{
    size_t outlets = 0;
    for (size_t k = 0; k < f->nclaims; k++) {
        int seen = 0;
        const char *o = xc_render_outlet(d, f->claims[k].doc);
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcmp(xc_render_outlet(d, f->claims[j].doc), o) == 0;
        outlets += !seen;
    }
    switch (f->status) {
    case XC_FACT_CONFLICTING:
        snprintf(buf, cap, "The reports disagree: %zu outlet%s give different answers; "
                           "check the sources before repeating either.",
                 outlets, outlets == 1 ? "" : "s");
        break;
    case XC_FACT_AGREED:
        snprintf(buf, cap, "%zu outlet%s agree%s.", outlets, outlets == 1 ? "" : "s",
                 outlets == 1 ? "s (in several reports)" : "");
        break;
    default:
        snprintf(buf, cap, "Only one outlet reports this; no other report confirms or "
                           "contradicts it.");
    }
    return buf;
}

void xc_render_marked(xc_buf *b, const char *text, size_t start, size_t end,
                      size_t vstart, size_t vend, const xc_span *spans,
                      size_t nspans, xc_render_put put)
{
    size_t at = start, s = 0;
    while (at < end) {
        int marks = 0;
        size_t stop = end;
        while (s < nspans && spans[s].end <= at)
            s++;
        if (vstart < vend) {
            if (at >= vstart && at < vend)
                marks |= XC_MARK_VALUE, stop = vend < stop ? vend : stop;
            else if (vstart > at && vstart < stop)
                stop = vstart;
        }
        if (s < nspans) {
            if (at >= spans[s].start)
                marks |= XC_MARK_DIFF, stop = spans[s].end < stop ? spans[s].end : stop;
            else if (spans[s].start < stop)
                stop = spans[s].start;
        }
        if (stop <= at)
            stop = at + 1;
        if (marks) {
            /* spaces at either end go outside the markup */
            size_t a = at, z = stop;
            while (a < z && (text[a] == ' ' || text[a] == '\n'))
                a++;
            while (z > a && (text[z - 1] == ' ' || text[z - 1] == '\n'))
                z--;
            if (a > at)
                put(b, text + at, a - at, 0);
            if (z > a)
                put(b, text + a, z - a, marks);
            if (stop > z)
                put(b, text + z, stop - z, 0);
        } else {
            put(b, text + at, stop - at, 0);
        }
        at = stop;
    }
}

/* Spans relative to BASE made absolute (in place). */
static void shift(xc_span *v, size_t n, size_t base)
{
    for (size_t k = 0; k < n; k++)
        v[k].start += base, v[k].end += base;
}

xc_code xc_render_claim_diff(const xc_dossier *d, const xc_fact *f, size_t k,
                             xc_span **spans, size_t *n)
{
    const xc_claim *c, *o;
    xc_wdiff w;
    xc_code rc;
    *spans = NULL;
    *n = 0;
    if (f->nclaims < 2 || k >= f->nclaims)
        return XC_OK;
    c = &f->claims[k];
    o = &f->claims[k == 0 ? 1 : 0];
    if (c->end > d->docs[c->doc]->len || o->end > d->docs[o->doc]->len ||
        c->start > c->end || o->start > o->end)
        return XC_OK;
    rc = xc_wdiff_words(d->docs[c->doc]->text + c->start, c->end - c->start,
                        d->docs[o->doc]->text + o->start, o->end - o->start, &w);
    if (rc != XC_OK) {
        xc_wdiff_free(&w);
        return rc;
    }
    shift(w.a, w.na, c->start);
    *spans = w.a;
    *n = w.na;
    free(w.b);
    return XC_OK;
}

xc_code xc_render_quote_diff(const xc_qmember *m, xc_span **spans, size_t *n)
{
    size_t cnt = 0, k = 0;
    *spans = NULL;
    *n = 0;
    for (size_t i = 0; i < m->nwords; i++)
        cnt += !m->words[i].aligned && (i == 0 || m->words[i - 1].aligned);
    if (!cnt)
        return XC_OK;
    if (!(*spans = malloc(cnt * sizeof **spans)))
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < m->nwords; i++) {
        if (m->words[i].aligned)
            continue;
        if (i == 0 || m->words[i - 1].aligned)
            (*spans)[k++].start = m->words[i].start;
        (*spans)[k - 1].end = m->words[i].end;
    }
    *n = k;
    return XC_OK;
}

size_t xc_render_quote_windows(const xc_qmember *m, xc_span *out, size_t cap)
{
    enum { CONTEXT = 6, LONG = 40 };
    size_t n = m->nwords, k = 0, i = 0;
    if (!cap || !n)
        return 0;
    if (n <= LONG) {
        out[0].start = m->words[0].start;
        out[0].end = m->words[n - 1].end;
        return 1;
    }
    /* words within CONTEXT of an aligned word, as runs */
    while (i < n && k < cap) {
        size_t a, z;
        while (i < n && !m->words[i].aligned)
            i++;
        if (i == n)
            break;
        a = i > CONTEXT ? i - CONTEXT : 0;
        z = i;
        for (size_t j = i; j < n && j <= z + CONTEXT; j++)
            if (m->words[j].aligned)
                z = j;
        z = z + CONTEXT < n ? z + CONTEXT : n - 1;
        if (k && m->words[a].start <= out[k - 1].end)
            out[k - 1].end = m->words[z].end;
        else
            out[k].start = m->words[a].start, out[k].end = m->words[z].end, k++;
        i = z + 1;
    }
    return k;
}

xc_code xc_render_flush(xc_buf *b, FILE *out, xc_error *err)
{
    if (!b->data) {
        xc_buf_free(b);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    if (fwrite(b->data, 1, b->len, out) != b->len || fflush(out) != 0 || ferror(out)) {
        xc_buf_free(b);
        return xc_fail(err, XC_ERR_IO, "cannot write the dossier");
    }
    xc_buf_free(b);
    return XC_OK;
}
