/*
 * json.c: the dossier as JSON, in the format of spec/report-format.md
 * ("crosscheck-dossier/1").  This is the contract other programs, the web
 * page and the tests read, so every field the schema requires is written,
 * unknown values are null, and every string is valid UTF-8.
 */
#include "core/dossier.h"
#include "core/util.h"
#include "render/render.h"
#include "text/text.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

json_t *xc_json_str(const char *s)
{
    size_t n, ok;
    xc_buf b;
    json_t *j;
    if (!s)
        return json_null();
    n = strlen(s);
    ok = xc_utf8_valid_prefix(s, n);
    if (ok == n)
        return json_stringn(s, n);
    /* a path or argument that is not UTF-8: replace each bad byte with U+FFFD */
    xc_buf_init(&b, 0);
    while (n) {
        if (xc_buf_append(&b, s, ok) != XC_OK ||
            (ok < n && xc_buf_append(&b, "\xEF\xBF\xBD", 3) != XC_OK)) {
            xc_buf_free(&b);
            return NULL;
        }
        if (ok == n)
            break;
        s += ok + 1;
        n -= ok + 1;
        ok = xc_utf8_valid_prefix(s, n);
    }
    j = json_stringn(b.data ? b.data : "", b.len);
    xc_buf_free(&b);
    return j;
}

char *xc_doc_id(size_t index, char buf[32])
{
    snprintf(buf, 32, "d%zu", index + 1);
    return buf;
}

static json_t *document(const xc_dossier *d, size_t i, int flags)
{
    const xc_doc *doc = d->docs[i];
    json_t *o = json_object(), *bp = json_array();
    char id[32];
    if (!o || !bp) {
        json_decref(o);
        json_decref(bp);
        return NULL;
    }
    json_object_set_new(o, "id", json_string(xc_doc_id(i, id)));
    json_object_set_new(o, "source", xc_json_str(doc->source ? doc->source : ""));
    json_object_set_new(o, "title", xc_json_str(doc->title));
    json_object_set_new(o, "outlet", xc_json_str(doc->outlet));
    json_object_set_new(o, "published", xc_json_str(doc->published));
    json_object_set_new(o, "language", xc_json_str(doc->language ? doc->language : "en"));
    json_object_set_new(o, "bytes", json_integer((json_int_t)doc->len));
    for (size_t k = 0; k < doc->nboilerplate; k++) {
        json_t *sp = json_object();
        json_object_set_new(sp, "start", json_integer((json_int_t)doc->boilerplate[k].start));
        json_object_set_new(sp, "end", json_integer((json_int_t)doc->boilerplate[k].end));
        json_array_append_new(bp, sp);
    }
    json_object_set_new(o, "boilerplate", bp);
    if (flags & XC_RENDER_WITH_TEXT)
        json_object_set_new(o, "text", json_stringn(doc->text, doc->len));
    return o;
}

static json_t *story(const xc_story *s, size_t i)
{
    json_t *o = json_object(), *docs = json_array();
    char id[32];
    snprintf(id, sizeof id, "s%zu", i + 1);
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "title", xc_json_str(s->title));
    for (size_t k = 0; k < s->ndocs; k++)
        json_array_append_new(docs, json_string(xc_doc_id(s->docs[k], id)));
    json_object_set_new(o, "documents", docs);
    return o;
}

/* {doc, start, end, text}: the fields every located item starts with. */
static json_t *located(const xc_dossier *d, size_t i, size_t base, size_t start,
                       size_t end)
{
    json_t *o = json_object();
    char id[32];
    const xc_doc *doc = d->docs[i];
    if (!o)
        return NULL;
    json_object_set_new(o, "doc", json_string(xc_doc_id(base + i, id)));
    json_object_set_new(o, "start", json_integer((json_int_t)start));
    json_object_set_new(o, "end", json_integer((json_int_t)end));
    json_object_set_new(o, "text", json_stringn(doc->text + start, end - start));
    return o;
}

static const char *const anchor_names[] = {"explicit", "published", "story", "none"};
static const char *const bound_names[] = {"exact", "at-least", "at-most", "about"};

static const char *const entity_types[] = {"person", "organization", "place", "other"};

/* Append S[0..N) to the string array ARR unless it holds it already. */
static void add_unique(json_t *arr, const char *s, size_t n)
{
    size_t k;
    json_t *v;
    json_array_foreach(arr, k, v) {
        if (json_string_length(v) == n && memcmp(json_string_value(v), s, n) == 0)
            return;
    }
    json_array_append_new(arr, json_stringn(s, n));
}

/* One entity of document I: its mentions, aliases and roles. */
static json_t *entity(const xc_dossier *d, size_t i, size_t base, uint32_t e)
{
    const xc_entities *es = &d->entities[i];
    const char *text = d->docs[i]->text;
    json_t *o = json_object(), *aliases = json_array(), *roles = json_array(),
           *docs = json_array(), *mentions = json_array();
    const xc_mention *name = NULL;
    char id[32];
    if (!o || !aliases || !roles || !docs || !mentions) {
        json_decref(o), json_decref(aliases), json_decref(roles);
        json_decref(docs), json_decref(mentions);
        return NULL;
    }
    /* the canonical name: the longest form seen outside furniture */
    for (size_t k = 0; k < es->nm; k++) {
        const xc_mention *m = &es->m[k];
        json_t *mo;
        if (m->entity != e)
            continue;
        if (!m->boilerplate && (!name || m->end - m->start > name->end - name->start))
            name = m;
        add_unique(aliases, text + m->start, m->end - m->start);
        mo = located(d, i, base, m->start, m->end);
        json_object_set_new(mo, "boilerplate", json_boolean(m->boilerplate));
        json_array_append_new(mentions, mo);
    }
    for (size_t k = 0; k < es->nr; k++)
        if (es->r[k].entity == e)
            add_unique(roles, text + es->r[k].start, es->r[k].end - es->r[k].start);
    snprintf(id, sizeof id, "e%u", d->entity_ids[i][e]);
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "name", name ? json_stringn(text + name->start, name->end - name->start)
                                        : json_string("?"));
    json_object_set_new(o, "type", json_string(entity_types[(name ? name->type : 0) & 3]));
    json_object_set_new(o, "aliases", aliases);
    json_object_set_new(o, "roles", roles);
    json_array_append_new(docs, json_string(xc_doc_id(base + i, id)));
    json_object_set_new(o, "documents", docs);
    json_object_set_new(o, "mentions", mentions);
    return o;
}

/* Documents [I0, I1) of D. */
static xc_code entities(const xc_dossier *d, size_t i0, size_t i1, size_t base,
                        json_t *arr)
{
    /* in the order of their numbers: document by document, first mention first */
    for (size_t i = i0; i < i1; i++) {
        const xc_entities *es = &d->entities[i];
        for (size_t k = 0; k < es->nm; k++) {
            const xc_mention *m = &es->m[k];
            json_t *o;
            if (m->boilerplate || m->entity >= es->nentities)
                continue;
            /* first non-furniture mention of this entity? */
            {
                int first = 1;
                for (size_t j = 0; j < k && first; j++)
                    first = !(es->m[j].entity == m->entity && !es->m[j].boilerplate);
                if (!first)
                    continue;
            }
            if (!(o = entity(d, i, base, m->entity)) || json_array_append_new(arr, o) != 0)
                return XC_ERR_NOMEM;
        }
    }
    return XC_OK;
}

/*
 * One entity of the story (D merged): the mentions of every document's
 * entity merged into it, in document order; its aliases (distinct forms,
 * in that order), roles from all of them; with DEBUG, the reasons of the
 * merges as "why".
 */
static json_t *merged_entity(const xc_dossier *d, size_t c, int debug)
{
    const xc_resolution *r = &d->resolved;
    const xc_merged *mg = &r->v[c];
    json_t *o = json_object(), *aliases = json_array(), *roles = json_array(),
           *docs = json_array(), *mentions = json_array();
    char id[32];
    if (!o || !aliases || !roles || !docs || !mentions) {
        json_decref(o), json_decref(aliases), json_decref(roles);
        json_decref(docs), json_decref(mentions);
        return NULL;
    }
    for (size_t k = r->first[c]; k < r->first[c + 1]; k++) {
        size_t i = r->members[k].doc;
        const xc_entities *es = &d->entities[i];
        const char *text = d->docs[i]->text;
        if (k > r->first[c] && r->members[k - 1].doc == i)
            continue; /* this document is done already */
        for (size_t j = 0; j < es->nm; j++) {
            const xc_mention *m = &es->m[j];
            json_t *mo;
            if (m->entity >= es->nentities || r->of[i][m->entity] != c)
                continue;
            add_unique(aliases, text + m->start, m->end - m->start);
            mo = located(d, i, 0, m->start, m->end);
            json_object_set_new(mo, "boilerplate", json_boolean(m->boilerplate));
            json_array_append_new(mentions, mo);
        }
        for (size_t j = 0; j < es->nr; j++)
            if (es->r[j].entity < es->nentities && r->of[i][es->r[j].entity] == c)
                add_unique(roles, text + es->r[j].start, es->r[j].end - es->r[j].start);
        json_array_append_new(docs, json_string(xc_doc_id(i, id)));
    }
    snprintf(id, sizeof id, "e%zu", c + 1);
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "name", mg->name_end > mg->name_start
                                       ? json_stringn(d->docs[mg->name_doc]->text + mg->name_start,
                                                      mg->name_end - mg->name_start)
                                       : json_string("?"));
    json_object_set_new(o, "type", json_string(entity_types[mg->type & 3]));
    json_object_set_new(o, "aliases", aliases);
    json_object_set_new(o, "roles", roles);
    json_object_set_new(o, "documents", docs);
    json_object_set_new(o, "mentions", mentions);
    if (debug && mg->nwhy) {
        json_t *why = json_array();
        for (size_t k = 0; why && k < mg->nwhy; k++)
            json_array_append_new(why, xc_json_str(mg->why[k]));
        json_object_set_new(o, "why", why);
    }
    return o;
}

/* The story's entities seen outside page furniture, by their numbers. */
static xc_code merged_entities(const xc_dossier *d, int flags, json_t *arr)
{
    for (size_t c = 0; c < d->resolved.nvisible; c++) {
        json_t *o = merged_entity(d, c, flags & XC_RENDER_DEBUG);
        if (!o || json_array_append_new(arr, o) != 0)
            return XC_ERR_NOMEM;
    }
    return XC_OK;
}

static const char *const quote_kinds[] = {"direct", "partial", "answer", "question"};

/* Documents [I0, I1) of D. */
static xc_code quotes(const xc_dossier *d, size_t i0, size_t i1, size_t base,
                      json_t *arr)
{
    size_t id = 0;
    for (size_t i = i0; i < i1; i++)
        for (size_t k = 0; d->quotes && k < d->quotes[i].n; k++) {
            const xc_quote *q = &d->quotes[i].v[k];
            const char *text = d->docs[i]->text;
            json_t *o = located(d, i, base, q->start, q->end);
            char qid[32];
            if (!o)
                return XC_ERR_NOMEM;
            snprintf(qid, sizeof qid, "q%zu", ++id);
            json_object_set_new(o, "id", json_string(qid));
            {
                int32_t e = d->speakers[i][k];
                uint32_t n = e >= 0 ? d->entity_ids[i][e] : 0;
                if (n) {
                    char eid[32];
                    snprintf(eid, sizeof eid, "e%u", n);
                    json_object_set_new(o, "speaker", json_string(eid));
                } else {
                    json_object_set_new(o, "speaker", json_null());
                }
            }
            json_object_set_new(o, "speaker_text",
                                q->spk_end > q->spk_start
                                    ? json_stringn(text + q->spk_start, q->spk_end - q->spk_start)
                                    : json_null());
            json_object_set_new(o, "kind", json_string(quote_kinds[q->kind & 3]));
            if (d->qgroups.of && i < d->qgroups.ndocs && d->qgroups.of[i][k]) {
                char gid[32];
                snprintf(gid, sizeof gid, "g%u", d->qgroups.of[i][k]);
                json_object_set_new(o, "group", json_string(gid));
            } else {
                json_object_set_new(o, "group", json_null());
            }
            if (json_array_append_new(arr, o) != 0)
                return XC_ERR_NOMEM;
        }
    return XC_OK;
}

/* The id "e<n>" of story entity C into BUF, or NULL when it is not shown. */
static json_t *story_entity(const xc_dossier *d, int64_t c)
{
    char id[32];
    if (c < 0 || !d->merged || (size_t)c >= d->resolved.nvisible)
        return json_null();
    snprintf(id, sizeof id, "e%lld", (long long)c + 1);
    return json_string(id);
}

/* "attributed to e1 by d2 but to e4 by d4": who GR's reports say spoke.
   A new string (caller frees), or NULL when out of memory. */
static char *conflict_note(const xc_dossier *d, const xc_qgroup *gr)
{
    xc_buf b;
    char id[32];
    xc_buf_init(&b, 0);
    xc_buf_puts(&b, "attributed to ");
    for (size_t s = 0; s < gr->nspeakers; s++) {
        size_t last = SIZE_MAX, shown = 0;
        if (s)
            xc_buf_puts(&b, s + 1 == gr->nspeakers ? " but to " : ", to ");
        xc_buf_printf(&b, "e%u by ", gr->speakers[s] + 1);
        for (size_t m = 0; m < gr->n; m++) {
            const xc_qmember *q = &gr->v[m];
            int32_t e = d->speakers[q->doc][q->quote];
            if (e < 0 || d->resolved.of[q->doc][e] != gr->speakers[s] || q->doc == last)
                continue;
            last = q->doc;
            xc_buf_printf(&b, "%s%s", shown++ ? ", " : "", xc_doc_id(q->doc, id));
        }
    }
    return xc_buf_take(&b, NULL);
}

/*
 * The quote groups: ids of their quotes (numbered as quotes() numbers them,
 * q1.. through all documents), the speaker, the similarity rounded to two
 * places; a group whose reports name different speakers has speaker null,
 * "conflict": true and "speakers" (extra fields the schema allows).
 */
static xc_code quote_groups(const xc_dossier *d, json_t *arr)
{
    const xc_qgroups *g = &d->qgroups;
    size_t *base = malloc((d->ndocs + 1) * sizeof *base);
    if (!base)
        return XC_ERR_NOMEM;
    base[0] = 0;
    for (size_t i = 0; i < d->ndocs; i++)
        base[i + 1] = base[i] + (d->quotes ? d->quotes[i].n : 0);
    for (size_t k = 0; k < g->n; k++) {
        const xc_qgroup *gr = &g->v[k];
        json_t *o = json_object(), *qs = json_array();
        char id[32];
        if (!o || !qs || json_array_append_new(arr, o) != 0) {
            json_decref(qs);
            free(base);
            return XC_ERR_NOMEM;
        }
        snprintf(id, sizeof id, "g%zu", k + 1);
        json_object_set_new(o, "id", json_string(id));
        json_object_set_new(o, "speaker", story_entity(d, gr->speaker));
        for (size_t m = 0; m < gr->n; m++) {
            snprintf(id, sizeof id, "q%zu", base[gr->v[m].doc] + gr->v[m].quote + 1);
            json_array_append_new(qs, json_string(id));
        }
        json_object_set_new(o, "quotes", qs);
        json_object_set_new(o, "similarity", json_real(round(gr->similarity * 100.0) / 100.0));
        if (gr->conflict) {
            json_t *sp = json_array();
            char *note = conflict_note(d, gr);
            for (size_t m = 0; sp && m < gr->nspeakers; m++)
                json_array_append_new(sp, story_entity(d, gr->speakers[m]));
            json_object_set_new(o, "speakers", sp);
            json_object_set_new(o, "conflict", json_true());
            json_object_set_new(o, "note", xc_json_str(note));
            free(note);
        }
    }
    free(base);
    return XC_OK;
}

/* Documents [I0, I1) of D. */
static xc_code times(const xc_dossier *d, size_t i0, size_t i1, size_t base,
                     json_t *arr)
{
    for (size_t i = i0; i < i1; i++)
        for (size_t k = 0; d->times && k < d->times[i].n; k++) {
            const xc_time *t = &d->times[i].v[k];
            json_t *o = located(d, i, base, t->start, t->end);
            if (!o)
                return XC_ERR_NOMEM;
            json_object_set_new(o, "value", t->value[0] ? json_string(t->value) : json_null());
            json_object_set_new(o, "anchor", json_string(anchor_names[t->anchor & 3]));
            if (json_array_append_new(arr, o) != 0)
                return XC_ERR_NOMEM;
        }
    return XC_OK;
}

/* Documents [I0, I1) of D. */
static xc_code quantities(const xc_dossier *d, size_t i0, size_t i1, size_t base,
                          json_t *arr)
{
    for (size_t i = i0; i < i1; i++)
        for (size_t k = 0; d->quantities && k < d->quantities[i].n; k++) {
            const xc_quantity *q = &d->quantities[i].v[k];
            const char *text = d->docs[i]->text;
            json_t *o = located(d, i, base, q->start, q->end);
            if (!o)
                return XC_ERR_NOMEM;
            if (q->value == (double)(json_int_t)q->value && q->value < 9e15 && q->value > -9e15)
                json_object_set_new(o, "value", json_integer((json_int_t)q->value));
            else
                json_object_set_new(o, "value", json_real(q->value));
            json_object_set_new(o, "bound", json_string(bound_names[q->bound & 3]));
            json_object_set_new(o, "object", q->obj_end > q->obj_start
                                                 ? json_stringn(text + q->obj_start, q->obj_end - q->obj_start)
                                                 : json_null());
            if (json_array_append_new(arr, o) != 0)
                return XC_ERR_NOMEM;
        }
    return XC_OK;
}

/* The facts of D (reconcile stage): each with its claims, sentence and value. */
static xc_code facts(const xc_dossier *d, json_t *arr)
{
    static const char *const status_names[] = {"agreed", "conflicting", "single-source"};
    for (size_t k = 0; k < d->facts.n; k++) {
        const xc_fact *f = &d->facts.v[k];
        json_t *o = json_object(), *cl = json_array();
        char id[32];
        if (!o || !cl || json_array_append_new(arr, o) != 0) {
            json_decref(cl);
            return XC_ERR_NOMEM;
        }
        snprintf(id, sizeof id, "f%zu", k + 1);
        json_object_set_new(o, "id", json_string(id));
        json_object_set_new(o, "topic", xc_json_str(f->topic));
        json_object_set_new(o, "subject", story_entity(d, (int64_t)f->subject - 1));
        json_object_set_new(o, "status", json_string(status_names[f->status % 3]));
        json_object_set_new(o, "claims", cl);
        for (size_t c = 0; c < f->nclaims; c++) {
            const xc_claim *x = &f->claims[c];
            json_t *co = located(d, x->doc, 0, x->start, x->end);
            if (!co || json_array_append_new(cl, co) != 0)
                return XC_ERR_NOMEM;
            json_object_set_new(co, "value", x->vend > x->vstart
                                                 ? json_stringn(d->docs[x->doc]->text + x->vstart,
                                                                x->vend - x->vstart)
                                                 : json_null());
        }
        json_object_set_new(o, "note", xc_json_str(f->note));
    }
    return XC_OK;
}

/* The timeline of D: dated events, oldest first. */
static xc_code timeline(const xc_dossier *d, json_t *arr)
{
    for (size_t k = 0; k < d->timeline.n; k++) {
        const xc_event *ev = &d->timeline.v[k];
        json_t *o = json_object(), *docs = json_array(), *fs = json_array();
        char id[32];
        if (!o || !docs || !fs || json_array_append_new(arr, o) != 0) {
            json_decref(docs);
            json_decref(fs);
            return XC_ERR_NOMEM;
        }
        json_object_set_new(o, "date", json_string(ev->date));
        json_object_set_new(o, "text", xc_json_str(ev->text));
        json_object_set_new(o, "documents", docs);
        json_object_set_new(o, "facts", fs);
        for (size_t i = 0; i < ev->ndocs; i++)
            json_array_append_new(docs, json_string(xc_doc_id(ev->docs[i], id)));
        for (size_t i = 0; i < ev->nfacts; i++) {
            snprintf(id, sizeof id, "f%zu", ev->facts[i] + 1);
            json_array_append_new(fs, json_string(id));
        }
    }
    return XC_OK;
}

xc_code xc_dossier_write_json(const xc_dossier *d, FILE *out, int flags,
                              xc_error *err)
{
    json_t *root, *docs, *stories, *tarr, *qarr, *quarr, *earr, *qgarr, *farr, *tlarr;
    int bad;
    xc_error_clear(err);
    if (!d || !out)
        return xc_fail(err, XC_ERR_ARG, "no dossier or no output");
    if (!d->built)
        return xc_fail(err, XC_ERR_ARG, "the dossier has not been built");
    root = json_object();
    docs = json_array();
    stories = json_array();
    if (!root || !docs || !stories)
        goto nomem;
    json_object_set_new(root, "format", json_string(XC_DOSSIER_FORMAT));
    json_object_set_new(root, "documents", docs);
    json_object_set_new(root, "stories", stories);
    for (size_t i = 0; i < d->ndocs; i++) {
        json_t *o = document(d, i, flags);
        if (!o || json_array_append_new(docs, o) != 0)
            goto nomem;
    }
    for (size_t i = 0; i < d->nstories; i++)
        if (json_array_append_new(stories, story(&d->stories[i], i)) != 0)
            goto nomem;
    if (!(earr = json_array()) || json_object_set_new(root, "entities", earr) != 0 ||
        (d->merged ? merged_entities(d, flags, earr) : entities(d, 0, d->ndocs, 0, earr)) != XC_OK)
        goto nomem;
    if (!(quarr = json_array()) || json_object_set_new(root, "quotes", quarr) != 0 ||
        quotes(d, 0, d->ndocs, 0, quarr) != XC_OK)
        goto nomem;
    if (!(qgarr = json_array()) || json_object_set_new(root, "quote_groups", qgarr) != 0 ||
        quote_groups(d, qgarr) != XC_OK)
        goto nomem;
    if (!(tarr = json_array()) || json_object_set_new(root, "times", tarr) != 0 ||
        times(d, 0, d->ndocs, 0, tarr) != XC_OK)
        goto nomem;
    if (!(qarr = json_array()) || json_object_set_new(root, "quantities", qarr) != 0 ||
        quantities(d, 0, d->ndocs, 0, qarr) != XC_OK)
        goto nomem;
    if (!(farr = json_array()) || json_object_set_new(root, "facts", farr) != 0 ||
        facts(d, farr) != XC_OK)
        goto nomem;
    if (!(tlarr = json_array()) || json_object_set_new(root, "timeline", tlarr) != 0 ||
        timeline(d, tlarr) != XC_OK)
        goto nomem;
    bad = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (bad || fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out))
        return xc_fail(err, XC_ERR_IO, "cannot write the dossier");
    return XC_OK;
nomem:
    json_decref(root);
    return xc_fail(err, XC_ERR_NOMEM, "out of memory");
}

/* Write ROOT as one compact line, or say why not. */
static xc_code dump_line(json_t *root, FILE *out, xc_error *err)
{
    int bad = json_dumpf(root, out, JSON_COMPACT);
    json_decref(root);
    if (bad || fputc('\n', out) == EOF || ferror(out))
        return xc_fail(err, XC_ERR_IO, "cannot write the analysis");
    return XC_OK;
}

xc_code xc_dossier_write_analysis(const xc_dossier *d, FILE *out, size_t first,
                                  xc_error *err)
{
    xc_error_clear(err);
    if (!d || !out)
        return xc_fail(err, XC_ERR_ARG, "no dossier or no output");
    if (!d->analyzed)
        return xc_fail(err, XC_ERR_ARG, "the documents have not been analysed");
    for (size_t i = 0; i < d->ndocs; i++) {
        json_t *o = json_object(), *e = json_array(), *q = json_array(),
               *t = json_array(), *n = json_array();
        char id[32];
        xc_code rc;
        if (!o || !e || !q || !t || !n) {
            json_decref(o), json_decref(e), json_decref(q), json_decref(t), json_decref(n);
            return xc_fail(err, XC_ERR_NOMEM, "out of memory");
        }
        json_object_set_new(o, "id", json_string(xc_doc_id(first + i, id)));
        json_object_set_new(o, "source", xc_json_str(d->docs[i]->source ? d->docs[i]->source : ""));
        json_object_set_new(o, "entities", e);
        json_object_set_new(o, "quotes", q);
        json_object_set_new(o, "times", t);
        json_object_set_new(o, "quantities", n);
        if (entities(d, i, i + 1, first, e) != XC_OK || quotes(d, i, i + 1, first, q) != XC_OK ||
            times(d, i, i + 1, first, t) != XC_OK || quantities(d, i, i + 1, first, n) != XC_OK) {
            json_decref(o);
            return xc_fail(err, XC_ERR_NOMEM, "out of memory");
        }
        if ((rc = dump_line(o, out, err)) != XC_OK)
            return rc;
    }
    return XC_OK;
}
