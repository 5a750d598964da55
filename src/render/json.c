/*
 * json.c: the dossier as JSON, in the format of spec/report-format.md
 * ("crosscheck-dossier/1").  This is the contract other programs, the web
 * page and the tests read, so every field the schema requires is written,
 * unknown values are null, and every string is valid UTF-8.
 *
 * The dossier is streamed: each part is written through the JSON writer
 * (jsonw.c) as it is walked, so a story of a thousand reports costs no tree
 * of a million small objects.  Gathering an entity's aliases and roles
 * before its mentions is the only memory the writing needs.
 */
#include "core/dossier.h"
#include "core/util.h"
#include "render/jsonw.h"
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

/* Distinct strings (pointers into document text) in the order first seen. */
typedef struct forms {
    const char **s;
    size_t *n;
    size_t count, cap;
} forms;

/* What writing the dossier holds: the writer, the dossier, and scratch
   lists reused from entity to entity (freed by out_free). */
typedef struct out {
    xc_jsonw w;
    const xc_dossier *d;
    int flags;              /* XC_RENDER_* */
    forms aliases, roles;
    size_t *docs;
    size_t ndocs, capdocs;
    size_t *ref_first, *ref_order; /* the title references by entity (index_refs) */
} out;

static void out_free(out *o)
{
    free(o->aliases.s), free(o->aliases.n);
    free(o->roles.s), free(o->roles.n);
    free(o->docs);
    free(o->ref_first), free(o->ref_order);
}

/* Add S[0..N) to F unless it holds it already; fails the writer when out
   of memory. */
static void add_unique(out *o, forms *f, const char *s, size_t n)
{
    for (size_t k = 0; k < f->count; k++)
        if (f->n[k] == n && memcmp(f->s[k], s, n) == 0)
            return;
    if (f->count == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 16;
        const char **ns = realloc(f->s, cap * sizeof *ns);
        size_t *nn;
        if (ns)
            f->s = ns;
        if (!ns || !(nn = realloc(f->n, cap * sizeof *nn))) {
            xc_jsonw_fail(&o->w, XC_ERR_NOMEM);
            return;
        }
        f->n = nn;
        f->cap = cap;
    }
    f->s[f->count] = s;
    f->n[f->count++] = n;
}

static void add_doc(out *o, size_t i)
{
    if (o->ndocs == o->capdocs) {
        size_t cap = o->capdocs ? 2 * o->capdocs : 16;
        size_t *nd = realloc(o->docs, cap * sizeof *nd);
        if (!nd) {
            xc_jsonw_fail(&o->w, XC_ERR_NOMEM);
            return;
        }
        o->docs = nd;
        o->capdocs = cap;
    }
    o->docs[o->ndocs++] = i;
}

/* An id: PREFIX and N ("e12"). */
static void id_value(xc_jsonw *w, char prefix, uint64_t n)
{
    char b[24], *e = b + sizeof b, *p = e;
    do
        *--p = (char)('0' + n % 10);
    while (n /= 10);
    *--p = prefix;
    xc_jsonw_string(w, p, (size_t)(e - p));
}

static void key_id(xc_jsonw *w, const char *key, char prefix, uint64_t n)
{
    xc_jsonw_key(w, key);
    id_value(w, prefix, n);
}

static void key_str(xc_jsonw *w, const char *key, const char *s, size_t n)
{
    xc_jsonw_key(w, key);
    xc_jsonw_string(w, s, n);
}

static void key_cstr(xc_jsonw *w, const char *key, const char *s)
{
    xc_jsonw_key(w, key);
    xc_jsonw_cstr(w, s);
}

static void key_int(xc_jsonw *w, const char *key, size_t v)
{
    xc_jsonw_key(w, key);
    xc_jsonw_int(w, (int64_t)v);
}

/* The ids PREFIX<BASE + V[k] + 1> of V[0..N) as an array ("d1", "d4"). */
static void key_ids(xc_jsonw *w, const char *key, char prefix, const size_t *v, size_t n,
                    size_t base)
{
    xc_jsonw_key(w, key);
    xc_jsonw_begin_array(w);
    for (size_t k = 0; k < n; k++)
        id_value(w, prefix, base + v[k] + 1);
    xc_jsonw_end_array(w);
}

/* The strings of F as an array. */
static void key_forms(xc_jsonw *w, const char *key, const forms *f)
{
    xc_jsonw_key(w, key);
    xc_jsonw_begin_array(w);
    for (size_t k = 0; k < f->count; k++)
        xc_jsonw_string(w, f->s[k], f->n[k]);
    xc_jsonw_end_array(w);
}

static void document(out *o, size_t i, size_t base)
{
    const xc_doc *doc = o->d->docs[i];
    xc_jsonw *w = &o->w;
    xc_jsonw_begin_object(w);
    key_id(w, "id", 'd', base + i + 1);
    key_cstr(w, "source", doc->source ? doc->source : "");
    key_cstr(w, "title", doc->title);
    key_cstr(w, "outlet", doc->outlet);
    key_cstr(w, "published", doc->published);
    key_cstr(w, "language", doc->language ? doc->language : "en");
    key_int(w, "bytes", doc->len);
    xc_jsonw_key(w, "boilerplate");
    xc_jsonw_begin_array(w);
    for (size_t k = 0; k < doc->nboilerplate; k++) {
        xc_jsonw_begin_object(w);
        key_int(w, "start", doc->boilerplate[k].start);
        key_int(w, "end", doc->boilerplate[k].end);
        xc_jsonw_end_object(w);
    }
    xc_jsonw_end_array(w);
    if (o->flags & XC_RENDER_WITH_TEXT)
        key_str(w, "text", doc->text, doc->len);
    xc_jsonw_end_object(w);
}

static void story(xc_jsonw *w, const xc_story *s, size_t i)
{
    xc_jsonw_begin_object(w);
    key_id(w, "id", 's', i + 1);
    key_cstr(w, "title", s->title);
    key_ids(w, "documents", 'd', s->docs, s->ndocs, 0);
    xc_jsonw_end_object(w);
}

/*
 * The lists of the dossier are written by functions of one shape: documents
 * [I0, I1) of D, numbered from BASE ("d<BASE + i + 1>").  The lists of the
 * whole story (stories, groups, facts, timeline) have no use for the range.
 */
typedef void (*list_fn)(out *o, size_t i0, size_t i1, size_t base);

static void documents(out *o, size_t i0, size_t i1, size_t base)
{
    for (size_t i = i0; i < i1; i++)
        document(o, i, base);
}

static void stories(out *o, size_t i0, size_t i1, size_t base)
{
    (void)i0, (void)i1, (void)base;
    for (size_t i = 0; i < o->d->nstories; i++)
        story(&o->w, &o->d->stories[i], i);
}

/* Open the object of a located item and write the fields every one starts
   with: {doc, start, end, text}.  The caller adds its own and closes it. */
static void located(out *o, size_t i, size_t base, size_t start, size_t end)
{
    xc_jsonw *w = &o->w;
    xc_jsonw_begin_object(w);
    key_id(w, "doc", 'd', base + i + 1);
    key_int(w, "start", start);
    key_int(w, "end", end);
    key_str(w, "text", o->d->docs[i]->text + start, end - start);
}

/* A mention of an entity: located, and whether it is page furniture. */
static void mention(out *o, size_t i, size_t base, const xc_mention *m)
{
    located(o, i, base, m->start, m->end);
    xc_jsonw_key(&o->w, "boilerplate");
    xc_jsonw_bool(&o->w, m->boilerplate);
    xc_jsonw_end_object(&o->w);
}

static const char *const anchor_names[] = {"explicit", "published", "story", "none"};
static const char *const bound_names[] = {"exact", "at-least", "at-most", "about"};

static const char *const entity_types[] = {"person", "organization", "place", "other"};

/* The fields of an entity after its id: name, type, aliases, roles and
   documents (the lists gathered in O). */
static void entity_head(out *o, const char *name, size_t n, int type, size_t base)
{
    xc_jsonw *w = &o->w;
    key_str(w, "name", name, n);
    key_cstr(w, "type", entity_types[type & 3]);
    key_forms(w, "aliases", &o->aliases);
    key_forms(w, "roles", &o->roles);
    key_ids(w, "documents", 'd', o->docs, o->ndocs, base);
}

/* One entity of document I: its mentions, aliases and roles. */
static void entity(out *o, size_t i, size_t base, uint32_t e)
{
    const xc_dossier *d = o->d;
    const xc_entities *es = &d->entities[i];
    const char *text = d->docs[i]->text;
    const xc_mention *name = NULL;
    xc_jsonw *w = &o->w;
    o->aliases.count = o->roles.count = o->ndocs = 0;
    /* the canonical name: the longest form seen outside furniture */
    for (size_t k = 0; k < es->nm; k++) {
        const xc_mention *m = &es->m[k];
        if (m->entity != e)
            continue;
        if (!m->boilerplate && (!name || m->end - m->start > name->end - name->start))
            name = m;
        add_unique(o, &o->aliases, text + m->start, m->end - m->start);
    }
    for (size_t k = 0; k < es->nr; k++)
        if (es->r[k].entity == e)
            add_unique(o, &o->roles, text + es->r[k].start, es->r[k].end - es->r[k].start);
    add_doc(o, i);
    xc_jsonw_begin_object(w);
    key_id(w, "id", 'e', d->entity_ids[i][e]);
    if (name)
        entity_head(o, text + name->start, name->end - name->start, name->type, base);
    else
        entity_head(o, "?", 1, 0, base);
    xc_jsonw_key(w, "mentions");
    xc_jsonw_begin_array(w);
    for (size_t k = 0; k < es->nm; k++)
        if (es->m[k].entity == e)
            mention(o, i, base, &es->m[k]);
    xc_jsonw_end_array(w);
    xc_jsonw_end_object(w);
}

/* Documents [I0, I1) of D. */
static void entities(out *o, size_t i0, size_t i1, size_t base)
{
    /* in the order of their numbers: document by document, first mention first */
    for (size_t i = i0; i < i1; i++) {
        const xc_entities *es = &o->d->entities[i];
        for (size_t k = 0; k < es->nm; k++) {
            const xc_mention *m = &es->m[k];
            int first = 1;
            if (m->boilerplate || m->entity >= es->nentities)
                continue;
            /* first non-furniture mention of this entity? */
            for (size_t j = 0; j < k && first; j++)
                first = !(es->m[j].entity == m->entity && !es->m[j].boilerplate);
            if (first)
                entity(o, i, base, m->entity);
        }
    }
}

/*
 * Index the title references ("the Azerbaijani president") by the story
 * entity they stand for: those of shown entity C are
 * refs[ref_order[ref_first[C] .. ref_first[C + 1])], in the order of refs
 * (document, then offset).  A counting sort, so writing them all costs
 * one pass, not one per entity.
 */
static void index_refs(out *o)
{
    const xc_resolution *r = &o->d->resolved;
    size_t n = r->nvisible;
    o->ref_first = calloc(n + 2, sizeof *o->ref_first);
    o->ref_order = malloc((r->nrefs ? r->nrefs : 1) * sizeof *o->ref_order);
    if (!o->ref_first || !o->ref_order) {
        xc_jsonw_fail(&o->w, XC_ERR_NOMEM);
        return;
    }
    for (size_t k = 0; k < r->nrefs; k++)
        if (r->refs[k].entity < n)
            o->ref_first[r->refs[k].entity + 2]++;
    for (size_t c = 1; c < n + 2; c++)
        o->ref_first[c] += o->ref_first[c - 1];
    for (size_t k = 0; k < r->nrefs; k++)
        if (r->refs[k].entity < n)
            o->ref_order[o->ref_first[r->refs[k].entity + 1]++] = k;
}

/* The title references of shown entity C, located like its mentions. */
static void references(out *o, size_t c)
{
    const xc_dossier *d = o->d;
    xc_jsonw *w = &o->w;
    xc_jsonw_key(w, "references");
    xc_jsonw_begin_array(w);
    if (!o->ref_first) { /* out of memory: the writer has failed already */
        xc_jsonw_end_array(w);
        return;
    }
    for (size_t k = o->ref_first[c]; k < o->ref_first[c + 1]; k++) {
        const xc_titleref *t = &d->resolved.refs[o->ref_order[k]];
        if (t->doc >= d->ndocs || t->start > t->end || t->end > d->docs[t->doc]->len)
            continue;
        located(o, t->doc, 0, t->start, t->end);
        xc_jsonw_key(w, "boilerplate");
        xc_jsonw_bool(w, xc_doc_in_boilerplate(d->docs[t->doc], t->start, t->end));
        xc_jsonw_end_object(w);
    }
    xc_jsonw_end_array(w);
}

/*
 * One entity of the story (D merged): the mentions of every document's
 * entity merged into it, in document order; its aliases (distinct forms,
 * in that order), roles from all of them; the titles that stand for it
 * ("references"); with DEBUG, the reasons of the merges as "why".
 */
static void merged_entity(out *o, size_t c, int debug)
{
    const xc_dossier *d = o->d;
    const xc_resolution *r = &d->resolved;
    const xc_merged *mg = &r->v[c];
    xc_jsonw *w = &o->w;
    o->aliases.count = o->roles.count = o->ndocs = 0;
    for (size_t k = r->first[c]; k < r->first[c + 1]; k++) {
        size_t i = r->members[k].doc;
        const xc_entities *es = &d->entities[i];
        const char *text = d->docs[i]->text;
        if (k > r->first[c] && r->members[k - 1].doc == i)
            continue; /* this document is done already */
        for (size_t j = 0; j < es->nm; j++) {
            const xc_mention *m = &es->m[j];
            if (m->entity < es->nentities && r->of[i][m->entity] == c)
                add_unique(o, &o->aliases, text + m->start, m->end - m->start);
        }
        for (size_t j = 0; j < es->nr; j++)
            if (es->r[j].entity < es->nentities && r->of[i][es->r[j].entity] == c)
                add_unique(o, &o->roles, text + es->r[j].start, es->r[j].end - es->r[j].start);
        add_doc(o, i);
    }
    xc_jsonw_begin_object(w);
    key_id(w, "id", 'e', c + 1);
    if (mg->name_end > mg->name_start)
        entity_head(o, d->docs[mg->name_doc]->text + mg->name_start,
                    mg->name_end - mg->name_start, mg->type, 0);
    else
        entity_head(o, "?", 1, mg->type, 0);
    xc_jsonw_key(w, "mentions");
    xc_jsonw_begin_array(w);
    for (size_t k = 0; k < o->ndocs; k++) {
        size_t i = o->docs[k];
        const xc_entities *es = &d->entities[i];
        for (size_t j = 0; j < es->nm; j++) {
            const xc_mention *m = &es->m[j];
            if (m->entity < es->nentities && r->of[i][m->entity] == c)
                mention(o, i, 0, m);
        }
    }
    xc_jsonw_end_array(w);
    references(o, c);
    if (debug && mg->nwhy) {
        xc_jsonw_key(w, "why");
        xc_jsonw_begin_array(w);
        for (size_t k = 0; k < mg->nwhy; k++)
            xc_jsonw_cstr(w, mg->why[k]);
        xc_jsonw_end_array(w);
    }
    xc_jsonw_end_object(w);
}

/* The story's entities (D merged: those seen outside page furniture, by
   their numbers), else each document's. */
static void story_entities(out *o, size_t i0, size_t i1, size_t base)
{
    if (!o->d->merged) {
        entities(o, i0, i1, base);
        return;
    }
    index_refs(o);
    for (size_t c = 0; c < o->d->resolved.nvisible; c++)
        merged_entity(o, c, o->flags & XC_RENDER_DEBUG);
}

static const char *const quote_kinds[] = {"direct", "partial", "answer", "question"};

/* Documents [I0, I1) of D. */
static void quotes(out *o, size_t i0, size_t i1, size_t base)
{
    const xc_dossier *d = o->d;
    xc_jsonw *w = &o->w;
    size_t id = 0;
    for (size_t i = i0; i < i1; i++)
        for (size_t k = 0; d->quotes && k < d->quotes[i].n; k++) {
            const xc_quote *q = &d->quotes[i].v[k];
            const char *text = d->docs[i]->text;
            int32_t e = d->speakers[i][k];
            uint32_t n = e >= 0 ? d->entity_ids[i][e] : 0;
            located(o, i, base, q->start, q->end);
            key_id(w, "id", 'q', ++id);
            xc_jsonw_key(w, "speaker");
            if (n)
                id_value(w, 'e', n);
            else
                xc_jsonw_null(w);
            xc_jsonw_key(w, "speaker_text");
            if (q->spk_end > q->spk_start)
                xc_jsonw_string(w, text + q->spk_start, q->spk_end - q->spk_start);
            else
                xc_jsonw_null(w);
            key_cstr(w, "kind", quote_kinds[q->kind & 3]);
            xc_jsonw_key(w, "group");
            if (d->qgroups.of && i < d->qgroups.ndocs && d->qgroups.of[i][k])
                id_value(w, 'g', d->qgroups.of[i][k]);
            else
                xc_jsonw_null(w);
            xc_jsonw_end_object(w);
        }
}

/* The id "e<n>" of story entity C, or null when it is not shown. */
static void story_entity(xc_jsonw *w, const xc_dossier *d, int64_t c)
{
    if (c < 0 || !d->merged || (size_t)c >= d->resolved.nvisible)
        xc_jsonw_null(w);
    else
        id_value(w, 'e', (uint64_t)c + 1);
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
static void quote_groups(out *o, size_t i0, size_t i1, size_t base)
{
    const xc_dossier *d = o->d;
    const xc_qgroups *g = &d->qgroups;
    xc_jsonw *w = &o->w;
    size_t *first = malloc((d->ndocs + 1) * sizeof *first);
    (void)i0, (void)i1, (void)base;
    if (!first) {
        xc_jsonw_fail(w, XC_ERR_NOMEM);
        return;
    }
    first[0] = 0;
    for (size_t i = 0; i < d->ndocs; i++)
        first[i + 1] = first[i] + (d->quotes ? d->quotes[i].n : 0);
    for (size_t k = 0; k < g->n; k++) {
        const xc_qgroup *gr = &g->v[k];
        xc_jsonw_begin_object(w);
        key_id(w, "id", 'g', k + 1);
        xc_jsonw_key(w, "speaker");
        story_entity(w, d, gr->speaker);
        xc_jsonw_key(w, "quotes");
        xc_jsonw_begin_array(w);
        for (size_t m = 0; m < gr->n; m++)
            id_value(w, 'q', first[gr->v[m].doc] + gr->v[m].quote + 1);
        xc_jsonw_end_array(w);
        xc_jsonw_key(w, "similarity");
        xc_jsonw_real(w, round(gr->similarity * 100.0) / 100.0);
        if (gr->conflict) {
            char *note = conflict_note(d, gr);
            xc_jsonw_key(w, "speakers");
            xc_jsonw_begin_array(w);
            for (size_t m = 0; m < gr->nspeakers; m++)
                story_entity(w, d, gr->speakers[m]);
            xc_jsonw_end_array(w);
            xc_jsonw_key(w, "conflict");
            xc_jsonw_bool(w, 1);
            key_cstr(w, "note", note);
            free(note);
        }
        xc_jsonw_end_object(w);
    }
    free(first);
}

/* Documents [I0, I1) of D. */
static void times(out *o, size_t i0, size_t i1, size_t base)
{
    xc_jsonw *w = &o->w;
    for (size_t i = i0; i < i1; i++)
        for (size_t k = 0; o->d->times && k < o->d->times[i].n; k++) {
            const xc_time *t = &o->d->times[i].v[k];
            located(o, i, base, t->start, t->end);
            key_cstr(w, "value", t->value[0] ? t->value : NULL);
            key_cstr(w, "anchor", anchor_names[t->anchor & 3]);
            xc_jsonw_end_object(w);
        }
}

/* Documents [I0, I1) of D. */
static void quantities(out *o, size_t i0, size_t i1, size_t base)
{
    xc_jsonw *w = &o->w;
    for (size_t i = i0; i < i1; i++)
        for (size_t k = 0; o->d->quantities && k < o->d->quantities[i].n; k++) {
            const xc_quantity *q = &o->d->quantities[i].v[k];
            const char *text = o->d->docs[i]->text;
            located(o, i, base, q->start, q->end);
            xc_jsonw_key(w, "value");
            /* an integer when it is one (and exact in a double) */
            if (q->value < 9e15 && q->value > -9e15 && q->value == (double)(int64_t)q->value)
                xc_jsonw_int(w, (int64_t)q->value);
            else
                xc_jsonw_real(w, q->value);
            key_cstr(w, "bound", bound_names[q->bound & 3]);
            xc_jsonw_key(w, "object");
            if (q->obj_end > q->obj_start)
                xc_jsonw_string(w, text + q->obj_start, q->obj_end - q->obj_start);
            else
                xc_jsonw_null(w);
            xc_jsonw_end_object(w);
        }
}

/* The facts of D (reconcile stage): each with its claims, sentence and value. */
static void facts(out *o, size_t i0, size_t i1, size_t base)
{
    static const char *const status_names[] = {"agreed", "conflicting", "single-source"};
    const xc_dossier *d = o->d;
    xc_jsonw *w = &o->w;
    (void)i0, (void)i1, (void)base;
    for (size_t k = 0; k < d->facts.n; k++) {
        const xc_fact *f = &d->facts.v[k];
        xc_jsonw_begin_object(w);
        key_id(w, "id", 'f', k + 1);
        key_cstr(w, "topic", f->topic);
        xc_jsonw_key(w, "subject");
        story_entity(w, d, (int64_t)f->subject - 1);
        key_cstr(w, "status", status_names[f->status % 3]);
        xc_jsonw_key(w, "claims");
        xc_jsonw_begin_array(w);
        for (size_t c = 0; c < f->nclaims; c++) {
            const xc_claim *x = &f->claims[c];
            located(o, x->doc, 0, x->start, x->end);
            xc_jsonw_key(w, "value");
            if (x->vend > x->vstart)
                xc_jsonw_string(w, d->docs[x->doc]->text + x->vstart, x->vend - x->vstart);
            else
                xc_jsonw_null(w);
            xc_jsonw_end_object(w);
        }
        xc_jsonw_end_array(w);
        key_cstr(w, "note", f->note);
        xc_jsonw_end_object(w);
    }
}

/* The timeline of D: dated events, oldest first. */
static void timeline(out *o, size_t i0, size_t i1, size_t base)
{
    xc_jsonw *w = &o->w;
    (void)i0, (void)i1, (void)base;
    for (size_t k = 0; k < o->d->timeline.n; k++) {
        const xc_event *ev = &o->d->timeline.v[k];
        xc_jsonw_begin_object(w);
        key_cstr(w, "date", ev->date);
        key_cstr(w, "text", ev->text);
        key_ids(w, "documents", 'd', ev->docs, ev->ndocs, 0);
        key_ids(w, "facts", 'f', ev->facts, ev->nfacts, 0);
        xc_jsonw_end_object(w);
    }
}

/* Finish O's writing and say how it went; WHAT is written ("the dossier"). */
static xc_code out_finish(out *o, FILE *f, const char *what, xc_error *err)
{
    xc_code rc = xc_jsonw_finish(&o->w);
    out_free(o);
    if (rc == XC_OK && (fflush(f) != 0 || ferror(f)))
        rc = XC_ERR_IO;
    if (rc == XC_ERR_IO)
        return xc_fail(err, rc, "cannot write %s", what);
    if (rc == XC_ERR_NOMEM)
        return xc_fail(err, rc, "out of memory");
    if (rc != XC_OK)
        return xc_fail(err, rc, "writing %s went wrong (a bug)", what);
    return XC_OK;
}

/* One named list of PARTS each: KEY, then the array FN writes. */
typedef struct part {
    const char *key;
    list_fn fn;
} part;

static void parts(out *o, const part *p, size_t n, size_t i0, size_t i1, size_t base)
{
    for (size_t k = 0; k < n; k++) {
        xc_jsonw_key(&o->w, p[k].key);
        xc_jsonw_begin_array(&o->w);
        p[k].fn(o, i0, i1, base);
        xc_jsonw_end_array(&o->w);
    }
}

xc_code xc_dossier_write_json(const xc_dossier *d, FILE *f, int flags,
                              xc_error *err)
{
    static const part dossier[] = {
        {"documents", documents},   {"stories", stories},
        {"entities", story_entities}, {"quotes", quotes},
        {"quote_groups", quote_groups}, {"times", times},
        {"quantities", quantities}, {"facts", facts},
        {"timeline", timeline}};
    out o = {0};
    xc_error_clear(err);
    if (!d || !f)
        return xc_fail(err, XC_ERR_ARG, "no dossier or no output");
    if (!d->built)
        return xc_fail(err, XC_ERR_ARG, "the dossier has not been built");
    o.d = d;
    o.flags = flags;
    xc_jsonw_init(&o.w, f, 2);
    xc_jsonw_begin_object(&o.w);
    key_cstr(&o.w, "format", XC_DOSSIER_FORMAT);
    parts(&o, dossier, sizeof dossier / sizeof *dossier, 0, d->ndocs, 0);
    xc_jsonw_end_object(&o.w);
    xc_jsonw_raw(&o.w, "\n", 1);
    return out_finish(&o, f, "the dossier", err);
}

xc_code xc_dossier_write_analysis(const xc_dossier *d, FILE *f, size_t first,
                                  xc_error *err)
{
    static const part analysis[] = {
        {"entities", entities}, {"quotes", quotes}, {"times", times}, {"quantities", quantities}};
    out o = {0};
    xc_error_clear(err);
    if (!d || !f)
        return xc_fail(err, XC_ERR_ARG, "no dossier or no output");
    if (!d->analyzed)
        return xc_fail(err, XC_ERR_ARG, "the documents have not been analysed");
    o.d = d;
    xc_jsonw_init(&o.w, f, 0);
    for (size_t i = 0; i < d->ndocs; i++) {
        xc_jsonw_begin_object(&o.w);
        key_id(&o.w, "id", 'd', first + i + 1);
        key_cstr(&o.w, "source", d->docs[i]->source ? d->docs[i]->source : "");
        parts(&o, analysis, sizeof analysis / sizeof *analysis, i, i + 1, first);
        xc_jsonw_end_object(&o.w);
        xc_jsonw_raw(&o.w, "\n", 1);
    }
    return out_finish(&o, f, "the analysis", err);
}
