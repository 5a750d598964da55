/*
 * markdown.c: the dossier for people.  The same content as the JSON, laid
 * out for a journalist reading in a terminal or a Markdown viewer: the
 * story, the reports with their outlets and dates, and what crosscheck set
 * aside as page furniture.  Document text is escaped so that nothing in a
 * report can turn into markup.
 */
#include "core/dossier.h"
#include "core/util.h"
#include "render/render.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* Append S[0..N) to B with Markdown's special characters escaped and line
   breaks turned into spaces; at most MAXCHARS code points, then "…". */
static void md_text(xc_buf *b, const char *s, size_t n, size_t maxchars)
{
    size_t chars = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = 1;
        if (chars == maxchars) {
            xc_buf_puts(b, "…");
            return;
        }
        if (c >= 0x80) {
            xc_utf8_decode(s + i, n - i, &len);
            xc_buf_append(b, s + i, len);
        } else if (c == '\n' || c == '\r' || c == '\t') {
            if (b->len && b->data[b->len - 1] != ' ')
                xc_buf_append(b, " ", 1);
        } else if (strchr("\\`*_[]<>|#~", c)) {
            char esc[2] = {'\\', (char)c};
            xc_buf_append(b, esc, 2);
        } else if (c >= 0x20 && c != 0x7f) {
            xc_buf_append(b, s + i, 1);
        }
        i += len;
        chars++;
    }
}

static void md_str(xc_buf *b, const char *s, size_t maxchars)
{
    if (s)
        md_text(b, s, strlen(s), maxchars);
    else
        xc_buf_puts(b, "—");
}

static size_t count_outlets(const xc_dossier *d)
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

static void summary(xc_buf *b, const xc_dossier *d)
{
    const char *lo = NULL, *hi = NULL;
    size_t undated = 0, outlets = count_outlets(d);
    for (size_t i = 0; i < d->ndocs; i++) {
        const char *p = d->docs[i]->published;
        if (!p) {
            undated++;
            continue;
        }
        if (!lo || strcmp(p, lo) < 0)
            lo = p;
        if (!hi || strcmp(p, hi) > 0)
            hi = p;
    }
    xc_buf_printf(b, "%zu report%s", d->ndocs, d->ndocs == 1 ? "" : "s");
    if (outlets)
        xc_buf_printf(b, " from %zu outlet%s", outlets, outlets == 1 ? "" : "s");
    if (lo && strcmp(lo, hi) == 0)
        xc_buf_printf(b, ", published %s", lo);
    else if (lo)
        xc_buf_printf(b, ", published %s to %s", lo, hi);
    if (undated && lo)
        xc_buf_printf(b, " (%zu undated)", undated);
    else if (undated)
        xc_buf_puts(b, ", none dated");
    xc_buf_puts(b, ".\n\n");
}

static void reports(xc_buf *b, const xc_dossier *d)
{
    char id[32];
    xc_buf_puts(b, "## Reports\n\n| | Outlet | Published | Headline | Words |\n"
                   "|---|---|---|---|---:|\n");
    for (size_t i = 0; i < d->ndocs; i++) {
        const xc_doc *doc = d->docs[i];
        xc_buf_printf(b, "| %s | ", xc_doc_id(i, id));
        md_str(b, doc->outlet, 40);
        xc_buf_puts(b, " | ");
        md_str(b, doc->published, 12);
        xc_buf_puts(b, " | ");
        if (doc->title)
            md_str(b, doc->title, 90);
        else {
            xc_buf_puts(b, "*(no headline)* ");
            md_str(b, doc->source, 60);
        }
        xc_buf_printf(b, " | %zu |\n", d->stats ? d->stats[i].words : 0);
    }
    xc_buf_puts(b, "\n");
    for (size_t i = 0; i < d->ndocs; i++)
        if (d->docs[i]->encoding) {
            xc_buf_printf(b, "- %s was not UTF-8; read as %s.\n",
                          xc_doc_id(i, id), d->docs[i]->encoding);
        }
}

static void furniture(xc_buf *b, const xc_dossier *d)
{
    size_t total = 0;
    char id[32];
    for (size_t i = 0; i < d->ndocs; i++)
        total += d->docs[i]->nboilerplate;
    if (!total)
        return;
    xc_buf_puts(b, "\n## Page furniture set aside\n\n"
                   "Kept in the text, ignored by the comparison:\n\n");
    for (size_t i = 0; i < d->ndocs; i++) {
        const xc_doc *doc = d->docs[i];
        if (!doc->nboilerplate)
            continue;
        xc_buf_printf(b, "- **%s", xc_doc_id(i, id));
        if (doc->outlet) {
            xc_buf_puts(b, " ");
            md_str(b, doc->outlet, 40);
        }
        xc_buf_puts(b, "**: ");
        /* each line of furniture quoted on its own */
        for (size_t k = 0, shown = 0; k < doc->nboilerplate; k++) {
            const xc_span *sp = &doc->boilerplate[k];
            size_t at = sp->start;
            while (at < sp->end) {
                const char *nl = memchr(doc->text + at, '\n', sp->end - at);
                size_t end = nl ? (size_t)(nl - doc->text) : sp->end;
                size_t a = at, z = end;
                while (a < z && strchr(" \t\r", doc->text[a]))
                    a++;
                while (z > a && strchr(" \t\r", doc->text[z - 1]))
                    z--;
                if (z > a) {
                    xc_buf_puts(b, shown++ ? "; “" : "“");
                    md_text(b, doc->text + a, z - a, 70);
                    xc_buf_puts(b, "”");
                }
                at = end + 1;
            }
        }
        xc_buf_puts(b, "\n");
    }
}

/* The name of story entity M as the dossier shows it. */
static void entity_name(xc_buf *b, const xc_dossier *d, size_t m)
{
    const xc_merged *e = &d->resolved.v[m];
    if (e->name_end > e->name_start)
        md_text(b, d->docs[e->name_doc]->text + e->name_start, e->name_end - e->name_start, 60);
    else
        xc_buf_puts(b, "?");
}

/* Append the distinct forms of spans to B, joined by SEP, at most MAX. */
typedef struct forms {
    const char *s[16];
    size_t n[16];
    size_t count;
} forms;

static void forms_add(forms *f, const char *s, size_t n)
{
    for (size_t k = 0; k < f->count; k++)
        if (f->n[k] == n && memcmp(f->s[k], s, n) == 0)
            return;
    if (f->count < 16) {
        f->s[f->count] = s;
        f->n[f->count] = n;
        f->count++;
    }
}

static void people(xc_buf *b, const xc_dossier *d)
{
    static const char *const heads[] = {"People", "Organizations"};
    const xc_resolution *r = &d->resolved;
    char id[32];
    if (!d->merged || !r->nvisible)
        return;
    for (int type = XC_ENT_PERSON; type <= XC_ENT_ORG; type++) {
        int shown = 0;
        for (size_t m = 0; m < r->nvisible; m++) {
            forms aliases = {0}, roles = {0};
            size_t mentions = 0, ndocs = 0, lastdoc = SIZE_MAX;
            size_t docs[64];
            if (r->v[m].type != type)
                continue;
            for (size_t k = r->first[m]; k < r->first[m + 1]; k++) {
                uint32_t doc = r->members[k].doc, ent = r->members[k].entity;
                const xc_entities *es = &d->entities[doc];
                const char *text = d->docs[doc]->text;
                for (size_t j = 0; j < es->nm; j++)
                    if (es->m[j].entity == ent && !es->m[j].boilerplate) {
                        mentions++;
                        forms_add(&aliases, text + es->m[j].start, es->m[j].end - es->m[j].start);
                    }
                for (size_t j = 0; j < es->nr; j++)
                    if (es->r[j].entity == ent)
                        forms_add(&roles, text + es->r[j].start, es->r[j].end - es->r[j].start);
                if (doc != lastdoc && ndocs < 64)
                    docs[ndocs++] = lastdoc = doc;
            }
            /* people always; an organization when it matters to the story */
            if (!mentions || (type == XC_ENT_ORG && ndocs < 2 && mentions < 3))
                continue;
            if (!shown++)
                xc_buf_printf(b, "\n## %s\n\n", heads[type]);
            xc_buf_puts(b, "- **");
            entity_name(b, d, m);
            xc_buf_puts(b, "**");
            if (roles.count) {
                xc_buf_puts(b, ", ");
                for (size_t k = 0; k < roles.count && k < 3; k++) {
                    if (k)
                        xc_buf_puts(b, "; ");
                    md_text(b, roles.s[k], roles.n[k], 80);
                }
            }
            if (aliases.count > 1) {
                xc_buf_puts(b, " (also written ");
                for (size_t k = 0, w = 0; k < aliases.count; k++) {
                    if (r->v[m].name_end - r->v[m].name_start == aliases.n[k] &&
                        memcmp(d->docs[r->v[m].name_doc]->text + r->v[m].name_start,
                               aliases.s[k], aliases.n[k]) == 0)
                        continue;
                    xc_buf_puts(b, w++ ? ", " : "");
                    md_text(b, aliases.s[k], aliases.n[k], 60);
                }
                xc_buf_puts(b, ")");
            }
            xc_buf_printf(b, ": %zu mention%s in ", mentions, mentions == 1 ? "" : "s");
            for (size_t k = 0; k < ndocs; k++) {
                xc_buf_printf(b, "%s%s", k ? ", " : "", xc_doc_id(docs[k], id));
                if (d->docs[docs[k]]->outlet) {
                    xc_buf_puts(b, " ");
                    md_str(b, d->docs[docs[k]]->outlet, 40);
                }
            }
            xc_buf_puts(b, "\n");
        }
    }
}

static const char *const quote_kind_words[] = {"", "in part", "answer", "question"};

static void quotations(xc_buf *b, const xc_dossier *d)
{
    size_t total = 0;
    char id[32];
    for (size_t i = 0; i < d->ndocs; i++)
        total += d->quotes[i].n;
    if (!total)
        return;
    xc_buf_puts(b, "\n## Who said what\n\n");
    for (size_t i = 0; i < d->ndocs; i++) {
        const xc_quotes *q = &d->quotes[i];
        const char *text = d->docs[i]->text;
        if (!q->n)
            continue;
        xc_buf_printf(b, "**%s", xc_doc_id(i, id));
        if (d->docs[i]->outlet) {
            xc_buf_puts(b, " ");
            md_str(b, d->docs[i]->outlet, 40);
        }
        xc_buf_puts(b, "**\n\n");
        for (size_t k = 0; k < q->n; k++) {
            const xc_quote *x = &q->v[k];
            int32_t e = d->speakers[i][k];
            xc_buf_puts(b, "- ");
            /* a person by the story's name for them; anything else (an
               outlet interviewing, "government sources") as written */
            if (e >= 0 && d->merged && d->resolved.of[i][e] < d->resolved.n &&
                d->resolved.v[d->resolved.of[i][e]].type == XC_ENT_PERSON) {
                xc_buf_puts(b, "**");
                entity_name(b, d, d->resolved.of[i][e]);
                xc_buf_puts(b, "**");
            } else if (x->spk_end > x->spk_start) {
                md_text(b, text + x->spk_start, x->spk_end - x->spk_start, 60);
            } else {
                xc_buf_puts(b, "*(speaker not named)*");
            }
            if (x->kind)
                xc_buf_printf(b, " (%s)", quote_kind_words[x->kind & 3]);
            xc_buf_puts(b, ": “");
            md_text(b, text + x->start, x->end - x->start, 220);
            xc_buf_puts(b, "”\n");
        }
        xc_buf_puts(b, "\n");
    }
}

/* "d2 Mediamax": document I with its outlet. */
static void doc_name(xc_buf *b, const xc_dossier *d, size_t i)
{
    char id[32];
    xc_buf_puts(b, xc_doc_id(i, id));
    if (d->docs[i]->outlet) {
        xc_buf_puts(b, " ");
        md_str(b, d->docs[i]->outlet, 40);
    }
}

/*
 * Quote M of a group with the words no other quote of the group shares
 * in italics.  A long quote shows only the stretches around its shared
 * words, the rest elided with "…".
 */
static void marked_quote(xc_buf *b, const xc_dossier *d, const xc_qmember *m)
{
    const xc_quote *x = &d->quotes[m->doc].v[m->quote];
    const char *text = d->docs[m->doc]->text;
    const xc_qword *w = m->words;
    size_t n = m->nwords, at = x->start, k = 0;
    enum { CONTEXT = 6, LONG = 40 };
    if (!n) {
        md_text(b, text + x->start, x->end - x->start, 220);
        return;
    }
    while (k < n) {
        /* the stretch [k, e) to show: near a shared word, or all of a short quote */
        size_t e = k, gap = k;
        if (n > LONG) {
            int near = 0;
            for (; gap < n && !near; gap++)
                for (size_t j = gap > CONTEXT ? gap - CONTEXT : 0; j < n && j <= gap + CONTEXT && !near; j++)
                    near = w[j].aligned;
            if (!near)
                break;
            gap--;
            if (gap > k) {
                xc_buf_puts(b, k ? " … " : "… ");
                at = w[gap].start;
            }
            k = gap;
        }
        for (e = k; e < n; e++) {
            int near = n <= LONG;
            for (size_t j = e > CONTEXT ? e - CONTEXT : 0; j < n && j <= e + CONTEXT && !near; j++)
                near = w[j].aligned;
            if (!near)
                break;
        }
        while (k < e) {
            size_t r = k;
            if (w[k].start > at)
                md_text(b, text + at, w[k].start - at, SIZE_MAX);
            while (r + 1 < e && w[r + 1].aligned == w[k].aligned)
                r++;
            if (!w[k].aligned)
                xc_buf_puts(b, "*");
            md_text(b, text + w[k].start, w[r].end - w[k].start, SIZE_MAX);
            if (!w[k].aligned)
                xc_buf_puts(b, "*");
            at = w[r].end;
            k = r + 1;
        }
    }
    if (k < n)
        xc_buf_puts(b, " …");
    else if (x->end > at)
        md_text(b, text + at, x->end - at, SIZE_MAX);
}

/*
 * The quote groups: the same words as several reports give them, one under
 * another, the words the others do not share in italics; when reports
 * name different speakers, which report names whom.
 */
static void same_words(xc_buf *b, const xc_dossier *d)
{
    const xc_qgroups *g = &d->qgroups;
    if (!g->n)
        return;
    xc_buf_puts(b, "\n## Same words in several reports\n\n"
                   "Words only some of the reports have are in *italics*.\n\n");
    for (size_t k = 0; k < g->n; k++) {
        const xc_qgroup *gr = &g->v[k];
        xc_buf_printf(b, "**g%zu**", k + 1);
        if (gr->speaker >= 0 && d->merged) {
            xc_buf_puts(b, ", ");
            entity_name(b, d, (size_t)gr->speaker);
        }
        xc_buf_printf(b, " (wording %s, similarity %.2f)", gr->similarity >= 1.0 ? "identical"
                                                          : gr->similarity >= 0.8 ? "close"
                                                                                  : "different: translated or paraphrased",
                      gr->similarity);
        if (gr->conflict && d->merged) {
            xc_buf_puts(b, ": **attributed to ");
            for (size_t s = 0; s < gr->nspeakers; s++) {
                size_t shown = 0;
                if (s)
                    xc_buf_puts(b, s + 1 == gr->nspeakers ? " but to " : ", to ");
                entity_name(b, d, gr->speakers[s]);
                xc_buf_puts(b, " by ");
                for (size_t m = 0; m < gr->n; m++) {
                    const xc_qmember *q = &gr->v[m];
                    int32_t e = d->speakers[q->doc][q->quote];
                    int dup = 0;
                    if (e < 0 || d->resolved.of[q->doc][e] != gr->speakers[s])
                        continue;
                    for (size_t j = 0; j < m && !dup; j++)
                        dup = gr->v[j].doc == q->doc && d->speakers[q->doc][gr->v[j].quote] >= 0 &&
                              d->resolved.of[q->doc][d->speakers[q->doc][gr->v[j].quote]] ==
                                  gr->speakers[s];
                    if (dup)
                        continue;
                    if (shown++)
                        xc_buf_puts(b, ", ");
                    doc_name(b, d, q->doc);
                }
            }
            xc_buf_puts(b, "**");
        }
        xc_buf_puts(b, "\n\n");
        for (size_t m = 0; m < gr->n; m++) {
            xc_buf_puts(b, "- ");
            doc_name(b, d, gr->v[m].doc);
            xc_buf_puts(b, ": “");
            marked_quote(b, d, &gr->v[m]);
            xc_buf_puts(b, "”\n");
        }
        xc_buf_puts(b, "\n");
    }
}

static void numbers(xc_buf *b, const xc_dossier *d)
{
    int shown = 0;
    char id[32];
    for (size_t i = 0; i < d->ndocs; i++)
        for (size_t k = 0; k < d->quantities[i].n; k++) {
            const xc_quantity *q = &d->quantities[i].v[k];
            const char *text = d->docs[i]->text;
            if (q->obj_end <= q->obj_start)
                continue; /* a number without what it counts says little */
            if (!shown++)
                xc_buf_puts(b, "\n## Numbers\n\n| | Outlet | Amount | Of what |\n|---|---|---|---|\n");
            xc_buf_printf(b, "| %s | ", xc_doc_id(i, id));
            md_str(b, d->docs[i]->outlet, 40);
            xc_buf_puts(b, " | ");
            md_text(b, text + q->start, q->end - q->start, 40);
            xc_buf_puts(b, " | ");
            md_text(b, text + q->obj_start, q->obj_end - q->obj_start, 80);
            xc_buf_puts(b, " |\n");
        }
}

xc_code xc_dossier_write_markdown(const xc_dossier *d, FILE *out, int flags,
                                  xc_error *err)
{
    xc_buf b;
    (void)flags;
    xc_error_clear(err);
    if (!d || !out)
        return xc_fail(err, XC_ERR_ARG, "no dossier or no output");
    if (!d->built)
        return xc_fail(err, XC_ERR_ARG, "the dossier has not been built");
    xc_buf_init(&b, 0);
    xc_buf_puts(&b, "# ");
    if (d->nstories && d->stories[0].title)
        md_str(&b, d->stories[0].title, 200);
    else
        xc_buf_puts(&b, "Dossier");
    xc_buf_puts(&b, "\n\n");
    summary(&b, d);
    reports(&b, d);
    people(&b, d);
    quotations(&b, d);
    same_words(&b, d);
    numbers(&b, d);
    furniture(&b, d);
    if (!b.data)
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0 || ferror(out)) {
        xc_buf_free(&b);
        return xc_fail(err, XC_ERR_IO, "cannot write the dossier");
    }
    xc_buf_free(&b);
    return XC_OK;
}
