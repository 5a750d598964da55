/*
 * explain.c: why the names of a story became one entity, for a person
 * checking the merge (crosscheck explain).  For one story entity, found by
 * its id or any spelling, it lists every spelling with where it was seen,
 * the titles standing for it, its roles, every reason the resolve stage
 * gave for a merge, and the names of the story that are alike but stayed
 * apart (the resolve stage keeps no record of the pairs it refused, so
 * these are found here: the same surname key, or surnames alike, with the
 * given names that tell them apart).
 */
#include "core/dossier.h"
#include "core/util.h"
#include "render/render.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define KEY_CAP 128

static const char *const type_words[] = {"person", "organization", "place", "other"};

/* S[0..N) case-folded, accents and dots removed, spaces collapsed, into
   OUT (CAP bytes). */
static void fold(const char *s, size_t n, char *out, size_t cap)
{
    utf8proc_uint8_t *f = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &f,
                                      (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                                          UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
    size_t k = 0;
    for (utf8proc_ssize_t i = 0; r > 0 && i < r && k + 1 < cap; i++) {
        char c = (char)f[i];
        if (c == '.' || c == '\'' )
            continue;
        if (c == ' ' || c == '\t' || c == '\n' || c == '-') {
            if (k && out[k - 1] != ' ')
                out[k++] = ' ';
            continue;
        }
        out[k++] = c;
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    free(f);
}


/* The last word of the transliteration key of entity C's name. */
static void surname_key(const xc_dossier *d, size_t c, char *out, size_t cap)
{
    size_t n, k;
    const char *s = xc_render_name(d, c, &n);
    char key[KEY_CAP];
    const char *sp;
    k = xc_resolve_key(s, n, key, sizeof key);
    sp = strrchr(key, ' ');
    snprintf(out, cap, "%s", sp ? sp + 1 : key);
    (void)k;
}

/* The first word of the key of entity C's name when it has several ("" else). */
static void given_key(const xc_dossier *d, size_t c, char *out, size_t cap)
{
    size_t n;
    const char *s = xc_render_name(d, c, &n);
    char key[KEY_CAP];
    char *sp;
    xc_resolve_key(s, n, key, sizeof key);
    out[0] = '\0';
    if ((sp = strchr(key, ' ')) != NULL) {
        *sp = '\0';
        snprintf(out, cap, "%s", key);
    }
}

/* Every mention of entity C outside page furniture calls CB (document,
   start, end, is_title). */
typedef void (*mention_cb)(void *ctx, size_t doc, size_t start, size_t end, int title);

static void mentions(const xc_dossier *d, size_t c, mention_cb cb, void *ctx)
{
    const xc_resolution *r = &d->resolved;
    for (size_t k = r->first[c]; k < r->first[c + 1]; k++) {
        uint32_t doc = r->members[k].doc, ent = r->members[k].entity;
        const xc_entities *es = &d->entities[doc];
        for (size_t j = 0; j < es->nm; j++)
            if (es->m[j].entity == ent && !es->m[j].boilerplate)
                cb(ctx, doc, es->m[j].start, es->m[j].end, 0);
    }
    for (size_t k = 0; k < r->nrefs; k++)
        if (r->refs[k].entity == c)
            cb(ctx, r->refs[k].doc, r->refs[k].start, r->refs[k].end, 1);
}

/* Does any spelling of entity C fold to Q (or have the person key QK)? */
typedef struct match_ctx {
    const xc_dossier *d;
    const char *q, *qk;
    int found, by_key;
} match_ctx;

static void match_one(void *ctx, size_t doc, size_t start, size_t end, int title)
{
    match_ctx *m = ctx;
    char f[KEY_CAP], k[KEY_CAP];
    const char *s = m->d->docs[doc]->text + start;
    if (m->found || end - start >= KEY_CAP)
        return;
    fold(s, end - start, f, sizeof f);
    if (strcmp(f, m->q) == 0) {
        m->found = 1;
        return;
    }
    if (!title && m->qk[0] && xc_resolve_key(s, end - start, k, sizeof k) && strcmp(k, m->qk) == 0)
        m->by_key = 1;
}

/* The entity WHO names, or -1; *closest lists the names nearest to it. */
static long find_entity(const xc_dossier *d, const char *who, xc_buf *closest)
{
    const xc_resolution *r = &d->resolved;
    char q[KEY_CAP], qk[KEY_CAP];
    long by_key = -1;
    double best[3] = {0};
    long bestc[3] = {-1, -1, -1};
    if ((who[0] == 'e' || who[0] == 'E') && who[1] >= '1' && who[1] <= '9' &&
        strspn(who + 1, "0123456789") == strlen(who + 1)) {
        unsigned long n = strtoul(who + 1, NULL, 10);
        return n >= 1 && n <= r->nvisible ? (long)n - 1 : -1;
    }
    fold(who, strlen(who), q, sizeof q);
    xc_resolve_key(who, strlen(who), qk, sizeof qk);
    for (size_t c = 0; c < r->nvisible; c++) {
        match_ctx m = {d, q, qk, 0, 0};
        mentions(d, c, match_one, &m);
        if (m.found)
            return (long)c;
        if (m.by_key && by_key < 0)
            by_key = (long)c;
    }
    if (by_key >= 0)
        return by_key;
    /* none: the closest names by their keys */
    for (size_t c = 0; c < r->nvisible; c++) {
        size_t n;
        const char *s = xc_render_name(d, c, &n);
        char k[KEY_CAP], sk[KEY_CAP];
        double jw;
        xc_resolve_key(s, n, k, sizeof k);
        surname_key(d, c, sk, sizeof sk);
        jw = xc_resolve_jaro_winkler(qk, strlen(qk), k, strlen(k));
        {
            double j2 = xc_resolve_jaro_winkler(qk, strlen(qk), sk, strlen(sk));
            if (j2 > jw)
                jw = j2;
        }
        for (int t = 0; t < 3; t++)
            if (jw > best[t]) {
                for (int u = 2; u > t; u--)
                    best[u] = best[u - 1], bestc[u] = bestc[u - 1];
                best[t] = jw, bestc[t] = (long)c;
                break;
            }
    }
    for (int t = 0; t < 3; t++)
        if (bestc[t] >= 0 && best[t] >= 0.75) {
            size_t n;
            const char *s = xc_render_name(d, (size_t)bestc[t], &n);
            xc_buf_printf(closest, "%s%.*s (e%ld)", closest->len ? ", " : "", (int)n, s,
                          bestc[t] + 1);
        }
    return -1;
}

/* ---- collecting the spellings ------------------------------------------------ */

typedef struct seen {
    size_t doc, start, end;
    int title;
} seen;

typedef struct seen_list {
    seen *v;
    size_t n, cap;
    int failed;
} seen_list;

static void collect(void *ctx, size_t doc, size_t start, size_t end, int title)
{
    seen_list *l = ctx;
    seen *v = xc_grow(l->v, &l->cap, l->n, sizeof *v);
    if (!v) {
        l->failed = 1;
        return;
    }
    l->v = v;
    l->v[l->n].doc = doc;
    l->v[l->n].start = start;
    l->v[l->n].end = end;
    l->v[l->n].title = title;
    l->n++;
}

/* An entity alike but kept apart, with why in words. */
typedef struct apart {
    size_t c;
    char why[400];
} apart;

/* The names of the story alike to entity C but not merged with it (at most
   CAP), into OUT; returns how many. */
static size_t alike(const xc_dossier *d, size_t c, apart *out, size_t cap)
{
    const xc_resolution *r = &d->resolved;
    char sk[KEY_CAP], gk[KEY_CAP];
    size_t k = 0;
    surname_key(d, c, sk, sizeof sk);
    given_key(d, c, gk, sizeof gk);
    if (!sk[0] || r->v[c].type != XC_ENT_PERSON)
        return 0;
    for (size_t o = 0; o < r->nvisible && k < cap; o++) {
        char ok[KEY_CAP], og[KEY_CAP];
        double jw;
        size_t n;
        const char *s;
        if (o == c || r->v[o].type != XC_ENT_PERSON)
            continue;
        surname_key(d, o, ok, sizeof ok);
        jw = xc_resolve_jaro_winkler(sk, strlen(sk), ok, strlen(ok));
        if (strcmp(sk, ok) != 0 && jw < 0.9)
            continue;
        given_key(d, o, og, sizeof og);
        s = xc_render_name(d, o, &n);
        out[k].c = o;
        if (strcmp(sk, ok) == 0)
            snprintf(out[k].why, sizeof out[k].why, "shares the surname key \"%.60s\"", sk);
        else
            snprintf(out[k].why, sizeof out[k].why, "surname alike (\"%.60s\" / \"%.60s\", Jaro-Winkler %.2f)",
                     sk, ok, jw);
        if (gk[0] && og[0] && strcmp(gk, og) != 0)
            snprintf(out[k].why + strlen(out[k].why), sizeof out[k].why - strlen(out[k].why),
                     "; kept apart: the given names differ (\"%.40s\" / \"%.40s\")", gk, og);
        else
            snprintf(out[k].why + strlen(out[k].why), sizeof out[k].why - strlen(out[k].why),
                     "; kept apart: nothing singled out one person for %.*s", (int)(n < 60 ? n : 60), s);
        k++;
    }
    return k;
}

/* ---- writing ---------------------------------------------------------------- */

static int cmp_seen(const void *x, const void *y)
{
    const seen *a = x, *b = y;
    if (a->title != b->title)
        return a->title - b->title;
    return a->doc != b->doc ? (a->doc < b->doc ? -1 : 1) : (a->start < b->start ? -1 : a->start > b->start);
}

static void text_out(xc_buf *b, const xc_dossier *d, size_t c, seen_list *l, apart *ap, size_t nap)
{
    const xc_merged *e = &d->resolved.v[c];
    xc_profile p;
    size_t n;
    const char *s = xc_render_name(d, c, &n);
    char id[32];
    xc_render_profile(d, c, &p);
    xc_buf_printf(b, "e%zu %.*s (%s)\n", c + 1, (int)n, s, type_words[e->type & 3]);
    xc_buf_printf(b, "  %zu mention%s in %zu report%s\n", p.mentions, p.mentions == 1 ? "" : "s",
                  p.ndocs, p.ndocs == 1 ? "" : "s");
    for (int title = 0; title < 2; title++) {
        int head = 0;
        for (size_t k = 0; k < l->n; k++) {
            const seen *m = &l->v[k];
            const char *t = d->docs[m->doc]->text;
            int first = 1;
            if (m->title != title)
                continue;
            /* one line per spelling and report */
            for (size_t j = 0; j < k && first; j++)
                first = !(l->v[j].title == title && l->v[j].doc == m->doc &&
                          l->v[j].end - l->v[j].start == m->end - m->start &&
                          memcmp(t + l->v[j].start, t + m->start, m->end - m->start) == 0);
            if (!first)
                continue;
            if (!head++)
                xc_buf_puts(b, title ? "  Titles standing for it:\n" : "  Spellings:\n");
            xc_buf_printf(b, "    \"%.*s\" in %s %s at", (int)(m->end - m->start), t + m->start,
                          xc_doc_id(m->doc, id), xc_render_outlet(d, m->doc));
            for (size_t j = k, shown = 0; j < l->n; j++) {
                const seen *o = &l->v[j];
                if (o->title != title || o->doc != m->doc || o->end - o->start != m->end - m->start ||
                    memcmp(t + o->start, t + m->start, m->end - m->start) != 0)
                    continue;
                if (shown++ == 12) {
                    xc_buf_puts(b, " …");
                    break;
                }
                xc_buf_printf(b, " %zu-%zu", o->start, o->end);
            }
            xc_buf_puts(b, "\n");
        }
    }
    if (p.roles.count) {
        xc_buf_puts(b, "  Roles:\n");
        for (size_t k = 0; k < p.roles.count; k++)
            xc_buf_printf(b, "    %.*s\n", (int)p.roles.n[k], p.roles.s[k]);
    }
    xc_buf_puts(b, "  Why merged:\n");
    if (!e->nwhy)
        xc_buf_puts(b, "    nothing was merged: one name in one report\n");
    for (size_t k = 0; k < e->nwhy; k++)
        xc_buf_printf(b, "    - %s\n", e->why[k]);
    xc_buf_puts(b, "  Alike but not merged:\n");
    if (!nap)
        xc_buf_puts(b, "    none: no other person of the story has this surname or one alike\n");
    for (size_t k = 0; k < nap; k++) {
        const char *o = xc_render_name(d, ap[k].c, &n);
        xc_buf_printf(b, "    - e%zu %.*s: %s\n", ap[k].c + 1, (int)n, o, ap[k].why);
    }
}

static xc_code json_out(FILE *out, const xc_dossier *d, size_t c, seen_list *l, apart *ap, size_t nap)
{
    const xc_merged *e = &d->resolved.v[c];
    json_t *o = json_object(), *sp = json_array(), *ti = json_array(), *ro = json_array(),
           *why = json_array(), *no = json_array();
    xc_profile p;
    size_t n;
    const char *s = xc_render_name(d, c, &n);
    char id[32];
    int bad;
    if (!o || !sp || !ti || !ro || !why || !no) {
        json_decref(o), json_decref(sp), json_decref(ti);
        json_decref(ro), json_decref(why), json_decref(no);
        return XC_ERR_NOMEM;
    }
    xc_render_profile(d, c, &p);
    snprintf(id, sizeof id, "e%zu", c + 1);
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "name", json_stringn(s, n));
    json_object_set_new(o, "type", json_string(type_words[e->type & 3]));
    for (size_t k = 0; k < l->n; k++) {
        json_t *m = json_object();
        json_object_set_new(m, "text", json_stringn(d->docs[l->v[k].doc]->text + l->v[k].start,
                                                    l->v[k].end - l->v[k].start));
        json_object_set_new(m, "doc", json_string(xc_doc_id(l->v[k].doc, id)));
        json_object_set_new(m, "outlet", xc_json_str(d->docs[l->v[k].doc]->outlet));
        json_object_set_new(m, "start", json_integer((json_int_t)l->v[k].start));
        json_object_set_new(m, "end", json_integer((json_int_t)l->v[k].end));
        json_array_append_new(l->v[k].title ? ti : sp, m);
    }
    json_object_set_new(o, "mentions", sp);
    json_object_set_new(o, "titles", ti);
    for (size_t k = 0; k < p.roles.count; k++)
        json_array_append_new(ro, json_stringn(p.roles.s[k], p.roles.n[k]));
    json_object_set_new(o, "roles", ro);
    for (size_t k = 0; k < e->nwhy; k++)
        json_array_append_new(why, xc_json_str(e->why[k]));
    json_object_set_new(o, "why", why);
    for (size_t k = 0; k < nap; k++) {
        json_t *a = json_object();
        const char *on = xc_render_name(d, ap[k].c, &n);
        snprintf(id, sizeof id, "e%zu", ap[k].c + 1);
        json_object_set_new(a, "id", json_string(id));
        json_object_set_new(a, "name", json_stringn(on, n));
        json_object_set_new(a, "why", json_string(ap[k].why));
        json_array_append_new(no, a);
    }
    json_object_set_new(o, "not_merged", no);
    bad = json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (bad || fputc('\n', out) == EOF || fflush(out) != 0)
        return XC_ERR_IO;
    return XC_OK;
}

xc_code xc_dossier_explain(const xc_dossier *d, const char *who, int json, FILE *out,
                           xc_error *err)
{
    xc_buf closest;
    seen_list l = {0};
    apart ap[16];
    size_t nap;
    long c;
    xc_code rc;
    xc_error_clear(err);
    if (!d || !who || !out)
        return xc_fail(err, XC_ERR_ARG, "no dossier, no name or no output");
    if (!d->built || !d->merged)
        return xc_fail(err, XC_ERR_ARG, "the dossier has not been built");
    xc_buf_init(&closest, 4096);
    if ((c = find_entity(d, who, &closest)) < 0) {
        rc = xc_fail(err, XC_ERR_NOT_FOUND, "no entity named \"%.100s\" in these reports%s%s",
                     who, closest.len ? "; the closest names: " : "",
                     closest.len ? closest.data : "");
        xc_buf_free(&closest);
        return rc;
    }
    xc_buf_free(&closest);
    mentions(d, (size_t)c, collect, &l);
    if (l.failed) {
        free(l.v);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    if (l.n)
        xc_sort(l.v, l.n, sizeof *l.v, cmp_seen);
    nap = alike(d, (size_t)c, ap, 16);
    if (json) {
        rc = json_out(out, d, (size_t)c, &l, ap, nap);
        free(l.v);
        return rc == XC_OK ? XC_OK
                           : xc_fail(err, rc, rc == XC_ERR_NOMEM ? "out of memory" : "cannot write");
    }
    {
        xc_buf b;
        xc_buf_init(&b, 0);
        text_out(&b, d, (size_t)c, &l, ap, nap);
        free(l.v);
        return xc_render_flush(&b, out, err);
    }
}
