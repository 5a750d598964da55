/*
 * timeline.c: the story's dated events, oldest first (reconcile stage,
 * after the facts).  Every time expression with a resolved value (a full
 * or partial date, also one anchored on the story) is an occurrence; the
 * occurrences of one date are one event, with the documents that give it
 * and the facts whose claims sit in those sentences.  The event's text is
 * the clause of the source sentence around the date, from the document
 * that gives the longest clause under a limit, so a reader sees what
 * happened on that day in the reports' own words.
 */
#include "reconcile/facts.h"
#include "reconcile/reconcile.h"
#include "core/dossier.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

#define PHRASE_MAX 160 /* bytes of an event's text */

typedef struct occ {
    char date[11];
    size_t doc, start, end; /* the time expression */
    size_t sstart, send;    /* its sentence */
} occ;

static int occ_cmp(const void *a, const void *b)
{
    const occ *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    if (c)
        return c;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int is_stop(char c)
{
    return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"';
}

/* The clause of TEXT[SS, SE) around [A, B): between the punctuation marks
   that enclose it, trimmed, cut to PHRASE_MAX bytes at a space. */
static char *clause(const char *text, size_t ss, size_t se, size_t a, size_t b)
{
    size_t l = a, r = b;
    while (l > ss && !is_stop(text[l - 1]))
        l--;
    while (r < se && !is_stop(text[r]) && !(text[r] == '.' && (r + 1 == se)))
        r++;
    /* a clause of a few words only: take the whole sentence */
    if (r - l < 40 && se - ss <= PHRASE_MAX) {
        l = ss;
        r = se;
    }
    while (l < r && (text[l] == ' ' || text[l] == '\n' || text[l] == '\t'))
        l++;
    while (r > l && (text[r - 1] == ' ' || text[r - 1] == '\n' || text[r - 1] == '.'))
        r--;
    if (r - l > PHRASE_MAX) {
        /* keep the date inside: a window around it, cut at spaces */
        size_t from = a > l + PHRASE_MAX / 2 ? a - PHRASE_MAX / 2 : l;
        size_t to = from + PHRASE_MAX < r ? from + PHRASE_MAX : r;
        while (from > l && from < a && text[from - 1] != ' ')
            from++;
        while (to > b && to < r && text[to] != ' ')
            to--;
        l = from;
        r = to;
    }
    /* never cut inside a UTF-8 sequence */
    while (l < r && ((unsigned char)text[l] & 0xC0) == 0x80)
        l++;
    while (r > l && r < se && ((unsigned char)text[r] & 0xC0) == 0x80)
        r--;
    return xc_strndup(text + l, r - l);
}

static xc_code add_index(size_t **v, size_t *n, size_t x)
{
    size_t *p;
    for (size_t i = 0; i < *n; i++)
        if ((*v)[i] == x)
            return XC_OK;
    if (!(p = realloc(*v, (*n + 1) * sizeof *p)))
        return XC_ERR_NOMEM;
    *v = p;
    (*v)[(*n)++] = x;
    return XC_OK;
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * The sentence around byte OFF of TEXT[0..LEN): [*S, *E).  The sentence of
 * a fact's claim when one holds OFF (exact: it came from the tokenizer);
 * otherwise the text between sentence ends (". ", "! ", "? ") or line
 * breaks, which is good enough for a phrase to show and spares cutting
 * every document into tokens again.
 */
static void sentence_at(const xc_dossier *d, const size_t *fs, size_t nfs, size_t doc,
                        size_t off, size_t *s, size_t *e)
{
    const char *text = d->docs[doc]->text;
    size_t len = d->docs[doc]->len, a = off, b = off;
    for (size_t k = 0; k < nfs; k++) {
        const xc_fact *f = &d->facts.v[fs[k]];
        for (size_t c = 0; c < f->nclaims; c++)
            if (f->claims[c].doc == doc && f->claims[c].start <= off && off < f->claims[c].end) {
                *s = f->claims[c].start;
                *e = f->claims[c].end;
                return;
            }
    }
    while (a > 0 && text[a - 1] != '\n' &&
           !(a >= 2 && (text[a - 1] == ' ') && strchr(".!?", text[a - 2])))
        a--;
    while (b < len && text[b] != '\n' &&
           !(strchr(".!?", text[b]) && (b + 1 == len || text[b + 1] == ' ' || text[b + 1] == '\n')))
        b++;
    if (b < len && text[b] != '\n')
        b++; /* keep the full stop */
    *s = a;
    *e = b;
}

/* Facts with a claim in sentence [S, E) of document I, added to EV. */
static xc_code link_facts(const xc_dossier *d, const size_t *byclaim, size_t nbyclaim,
                          size_t i, size_t s, size_t e, xc_event *ev)
{
    xc_code rc;
    for (size_t k = 0; k < nbyclaim; k++) {
        const xc_fact *f = &d->facts.v[byclaim[k]];
        for (size_t c = 0; c < f->nclaims; c++)
            if (f->claims[c].doc == i && f->claims[c].start < e && f->claims[c].end > s &&
                (rc = add_index(&ev->facts, &ev->nfacts, byclaim[k])) != XC_OK)
                return rc;
    }
    return XC_OK;
}

xc_code xc_timeline_build(xc_dossier *d, xc_error *err)
{
    occ *o = NULL;
    size_t n = 0, cap = 0;
    xc_code rc = XC_OK;
    size_t **facts_of = NULL, *nfacts_of = NULL; /* per document: facts with claims */
    if (!d)
        return xc_fail(err, XC_ERR_ARG, "no dossier");
    xc_timeline_free(&d->timeline);
    if (!d->analyzed || !d->times)
        return XC_OK;
    facts_of = calloc(d->ndocs ? d->ndocs : 1, sizeof *facts_of);
    nfacts_of = calloc(d->ndocs ? d->ndocs : 1, sizeof *nfacts_of);
    if (!facts_of || !nfacts_of) {
        rc = XC_ERR_NOMEM;
        goto done;
    }
    for (size_t f = 0; f < d->facts.n && rc == XC_OK; f++)
        for (size_t c = 0; c < d->facts.v[f].nclaims && rc == XC_OK; c++) {
            size_t doc = d->facts.v[f].claims[c].doc;
            rc = add_index(&facts_of[doc], &nfacts_of[doc], f);
        }
    for (size_t i = 0; i < d->ndocs && rc == XC_OK; i++) {
        for (size_t k = 0; k < d->times[i].n; k++) {
            const xc_time *t = &d->times[i].v[k];
            if (!t->value[0] || t->value[0] == 'X' || !xc_reconcile_dated(d->docs[i], t))
                continue;
            occ *v = xc_grow(o, &cap, n, sizeof *v);
            if (!v) {
                rc = XC_ERR_NOMEM;
                goto done;
            }
            o = v;
            memcpy(o[n].date, t->value, sizeof o[n].date);
            o[n].doc = i;
            o[n].start = t->start;
            o[n].end = t->end;
            sentence_at(d, facts_of[i], nfacts_of[i], i, t->start, &o[n].sstart, &o[n].send);
            n++;
        }
    }
    if (n)
        xc_sort(o, n, sizeof *o, occ_cmp);
    for (size_t a = 0; a < n && rc == XC_OK;) {
        size_t b = a, best = a;
        xc_event *ev;
        xc_event *v = xc_grow(d->timeline.v, &d->timeline.cap, d->timeline.n, sizeof *v);
        if (!v) {
            rc = XC_ERR_NOMEM;
            break;
        }
        d->timeline.v = v;
        ev = &d->timeline.v[d->timeline.n++];
        memset(ev, 0, sizeof *ev);
        memcpy(ev->date, o[a].date, sizeof ev->date);
        while (b < n && strcmp(o[b].date, o[a].date) == 0) {
            if ((rc = add_index(&ev->docs, &ev->ndocs, o[b].doc)) != XC_OK ||
                (rc = link_facts(d, facts_of[o[b].doc], nfacts_of[o[b].doc], o[b].doc,
                                 o[b].sstart, o[b].send, ev)) != XC_OK)
                break;
            /* the text from the occurrence whose sentence has a fact, else
               the first */
            if (best == a && ev->nfacts && o[best].doc != o[b].doc)
                best = b;
            b++;
        }
        if (rc != XC_OK)
            break;
        if (!(ev->text = clause(d->docs[o[best].doc]->text, o[best].sstart, o[best].send,
                                o[best].start, o[best].end))) {
            rc = XC_ERR_NOMEM;
            break;
        }
        if (ev->ndocs > 1)
            xc_sort(ev->docs, ev->ndocs, sizeof *ev->docs, size_cmp);
        if (ev->nfacts > 1)
            xc_sort(ev->facts, ev->nfacts, sizeof *ev->facts, size_cmp);
        a = b;
    }
done:
    for (size_t i = 0; facts_of && i < d->ndocs; i++)
        free(facts_of[i]);
    free(facts_of);
    free(nfacts_of);
    free(o);
    if (rc != XC_OK) {
        xc_timeline_free(&d->timeline);
        return xc_fail(err, rc, "cannot build the timeline: %s", xc_code_str(rc));
    }
    return XC_OK;
}

void xc_timeline_free(xc_timeline *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].text);
        free(t->v[i].docs);
        free(t->v[i].facts);
    }
    free(t->v);
    memset(t, 0, sizeof *t);
}
