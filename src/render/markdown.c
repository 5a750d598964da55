/*
 * markdown.c: the dossier for people, for a journalist reading in a
 * terminal or a Markdown viewer.  What needs checking comes first: the
 * facts the reports disagree on, then those they agree on, then those
 * only one report gives, each with the source sentences themselves (the
 * value in bold, the words the competing sentence lacks in italics); then
 * the people and organizations with their spellings and roles, the same
 * quotation as several reports word it, the timeline, and the reports
 * with what was set aside as page furniture.  Document text is escaped so
 * that nothing in a report can turn into markup.  html.c lays out the same
 * content for a browser.
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
        } else if (c == '<' || c == '>' || c == '&') {
            /* as references, so that no raw markup is left for a viewer
               that passes HTML through */
            xc_buf_puts(b, c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&amp;");
        } else if (strchr("\\`*_[]|#~!", c)) {
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

static void summary(xc_buf *b, const xc_dossier *d)
{
    const char *lo = NULL, *hi = NULL;
    size_t undated = 0, outlets = xc_render_outlets(d);
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
    {
        size_t n[3] = {0};
        for (size_t k = 0; k < d->facts.n; k++)
            n[d->facts.v[k].status < 3 ? d->facts.v[k].status : 2]++;
        xc_buf_printf(b, ". %zu conflict%s, %zu fact%s agreed, %zu from a single source.\n\n",
                      n[XC_FACT_CONFLICTING], n[XC_FACT_CONFLICTING] == 1 ? "" : "s",
                      n[XC_FACT_AGREED], n[XC_FACT_AGREED] == 1 ? "" : "s",
                      n[XC_FACT_SINGLE_SOURCE]);
    }
}

static void reports(xc_buf *b, const xc_dossier *d)
{
    char id[32];
    xc_buf_puts(b, "\n## Reports\n\n| | Outlet | Published | Headline | Source | Words | Furniture |\n"
                   "|---|---|---|---|---|---:|---:|\n");
    for (size_t i = 0; i < d->ndocs; i++) {
        const xc_doc *doc = d->docs[i];
        xc_buf_printf(b, "| %s | ", xc_doc_id(i, id));
        md_str(b, doc->outlet, 40);
        xc_buf_puts(b, " | ");
        md_str(b, doc->published, 12);
        xc_buf_puts(b, " | ");
        if (doc->title)
            md_str(b, doc->title, 90);
        else
            xc_buf_puts(b, "*(no headline)*");
        xc_buf_puts(b, " | ");
        md_str(b, doc->url ? doc->url : doc->source, 80);
        xc_buf_printf(b, " | %zu | %zu |\n", d->stats ? d->stats[i].words : 0, doc->nboilerplate);
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
    size_t n;
    const char *s = xc_render_name(d, m, &n);
    md_text(b, s, n, 60);
}

/* "Mediamax, 2026-02-14, d2": who published document I, when, its id. */
static void source_line(xc_buf *b, const xc_dossier *d, size_t i)
{
    char id[32];
    xc_buf_puts(b, "**");
    md_str(b, xc_render_outlet(d, i), 60);
    xc_buf_puts(b, "**");
    if (d->docs[i]->published)
        xc_buf_printf(b, ", %s", d->docs[i]->published);
    xc_buf_printf(b, ", %s", xc_doc_id(i, id));
}

/* A marked piece of a source sentence: the value in bold, words the
   competing sentence lacks in italics. */
static void md_put(xc_buf *b, const char *s, size_t n, int marks)
{
    const char *m = marks == (XC_MARK_VALUE | XC_MARK_DIFF) ? "***"
                    : marks == XC_MARK_VALUE              ? "**"
                    : marks == XC_MARK_DIFF               ? "*"
                                                          : "";
    xc_buf_puts(b, m);
    md_text(b, s, n, SIZE_MAX);
    xc_buf_puts(b, m);
}

static void fact(xc_buf *b, const xc_dossier *d, size_t k)
{
    const xc_fact *f = &d->facts.v[k];
    char caveat[256];
    xc_buf_printf(b, "### f%zu. ", k + 1);
    md_str(b, f->topic ? f->topic : "(no topic)", 200);
    xc_buf_printf(b, " (%s)\n\n", xc_render_status(f->status));
    xc_buf_puts(b, xc_render_caveat(d, f, caveat, sizeof caveat));
    if (f->note) {
        xc_buf_puts(b, " Note: ");
        md_str(b, f->note, 400);
        xc_buf_puts(b, ".");
    }
    xc_buf_puts(b, "\n\n");
    for (size_t c = 0; c < f->nclaims; c++) {
        const xc_claim *cl = &f->claims[c];
        const xc_doc *doc;
        xc_span *spans = NULL;
        size_t nspans = 0;
        if (cl->doc >= d->ndocs)
            continue;
        doc = d->docs[cl->doc];
        xc_buf_puts(b, "- ");
        source_line(b, d, cl->doc);
        if (xc_render_modality(cl->modality)[0])
            xc_buf_printf(b, " (%s)", xc_render_modality(cl->modality));
        xc_buf_puts(b, ": “");
        if (cl->start <= cl->end && cl->end <= doc->len) {
            if (f->status == XC_FACT_CONFLICTING)
                xc_render_claim_diff(d, f, c, &spans, &nspans);
            xc_render_marked(b, doc->text, cl->start, cl->end, cl->vstart, cl->vend, spans,
                             nspans, md_put);
        }
        free(spans);
        xc_buf_puts(b, "”\n");
    }
    xc_buf_puts(b, "\n");
}

/* The three fact sections, always in this order, each said to be empty
   when it is. */
static void facts(xc_buf *b, const xc_dossier *d)
{
    static const struct {
        int status;
        const char *head, *none;
    } sec[] = {
        {XC_FACT_CONFLICTING, "Conflicts", "No two reports were found to disagree."},
        {XC_FACT_AGREED, "Agreed", "No fact was found in more than one report."},
        {XC_FACT_SINGLE_SOURCE, "Single source", "No fact rests on one report alone."}};
    for (size_t s = 0; s < 3; s++) {
        size_t shown = 0;
        xc_buf_printf(b, "## %s\n\n", sec[s].head);
        if (s == 0 && d->facts.n)
            xc_buf_puts(b, "Values are in **bold**; words the competing sentence does not "
                           "have are in *italics*.\n\n");
        for (size_t k = 0; k < d->facts.n; k++)
            if (d->facts.v[k].status == sec[s].status ||
                (sec[s].status == XC_FACT_SINGLE_SOURCE && d->facts.v[k].status > 2))
                fact(b, d, k), shown++;
        if (!shown)
            xc_buf_printf(b, "%s\n\n", sec[s].none);
    }
}

static const char *const type_words[] = {"person", "organization", "place", "other"};

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
            xc_profile p;
            const xc_merged *e = &r->v[m];
            if (e->type != type)
                continue;
            xc_render_profile(d, m, &p);
            /* people always; an organization when it matters to the story */
            if (!p.mentions || (type == XC_ENT_ORG && p.ndocs < 2 && p.mentions < 3))
                continue;
            if (!shown++)
                xc_buf_printf(b, "\n## %s\n\n", heads[type]);
            xc_buf_puts(b, "- **");
            entity_name(b, d, m);
            xc_buf_printf(b, "** (e%zu, %s)", m + 1, type_words[e->type & 3]);
            if (p.roles.count) {
                xc_buf_puts(b, ", ");
                for (size_t k = 0; k < p.roles.count && k < 3; k++) {
                    if (k)
                        xc_buf_puts(b, "; ");
                    md_text(b, p.roles.s[k], p.roles.n[k], 80);
                }
            }
            if (p.aliases.count > 1) {
                xc_buf_puts(b, "; also written ");
                for (size_t k = 0, w = 0; k < p.aliases.count; k++) {
                    if (e->name_end - e->name_start == p.aliases.n[k] &&
                        memcmp(d->docs[e->name_doc]->text + e->name_start, p.aliases.s[k],
                               p.aliases.n[k]) == 0)
                        continue;
                    xc_buf_puts(b, w++ ? ", " : "");
                    md_text(b, p.aliases.s[k], p.aliases.n[k], 60);
                }
            }
            xc_buf_printf(b, ": %zu mention%s in ", p.mentions, p.mentions == 1 ? "" : "s");
            for (size_t k = 0; k < p.ndocs; k++) {
                xc_buf_printf(b, "%s%s ", k ? ", " : "", xc_doc_id(p.docs[k], id));
                md_str(b, xc_render_outlet(d, p.docs[k]), 40);
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
        xc_buf_printf(b, "**%s ", xc_doc_id(i, id));
        md_str(b, xc_render_outlet(d, i), 40);
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

/* "d2 Mediamax": document I with its outlet when it is known. */
static void doc_name(xc_buf *b, const xc_dossier *d, size_t i)
{
    char id[32];
    xc_buf_puts(b, xc_doc_id(i, id));
    if (d->docs[i]->outlet) {
        xc_buf_puts(b, " ");
        md_str(b, d->docs[i]->outlet, 40);
    }
}

/* Which reports name which speaker of a group whose reports disagree:
   "attributed to A by d2 but to B by d4". */
static void attribution(xc_buf *b, const xc_dossier *d, const xc_qgroup *gr)
{
    xc_buf_puts(b, ": **attributed to ");
    for (size_t s = 0; s < gr->nspeakers; s++) {
        size_t shown = 0, last = SIZE_MAX;
        if (s)
            xc_buf_puts(b, s + 1 == gr->nspeakers ? " but to " : ", to ");
        entity_name(b, d, gr->speakers[s]);
        xc_buf_puts(b, " by ");
        for (size_t m = 0; m < gr->n; m++) {
            const xc_qmember *q = &gr->v[m];
            int32_t e = d->speakers[q->doc][q->quote];
            if (e < 0 || d->resolved.of[q->doc][e] != gr->speakers[s] || q->doc == last)
                continue;
            last = q->doc;
            if (shown++)
                xc_buf_puts(b, ", ");
            doc_name(b, d, q->doc);
        }
    }
    xc_buf_puts(b, "**");
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
        xc_buf_printf(b, " (wording %s, similarity %.2f)", xc_render_wording(gr->similarity),
                      gr->similarity);
        if (gr->conflict && d->merged)
            attribution(b, d, gr);
        xc_buf_puts(b, "\n\n");
        for (size_t m = 0; m < gr->n; m++) {
            const xc_qmember *q = &gr->v[m];
            const xc_quote *x = &d->quotes[q->doc].v[q->quote];
            xc_span *spans = NULL;
            size_t nspans = 0;
            xc_span win[8];
            size_t nwin = xc_render_quote_windows(q, win, 8);
            xc_buf_puts(b, "- ");
            doc_name(b, d, q->doc);
            xc_buf_puts(b, ": “");
            xc_render_quote_diff(q, &spans, &nspans);
            if (!nwin)
                win[0].start = x->start, win[0].end = x->end, nwin = 1;
            for (size_t w = 0; w < nwin; w++) {
                if (w || win[w].start > x->start + 2)
                    xc_buf_puts(b, w ? " … " : "… ");
                xc_render_marked(b, d->docs[q->doc]->text, win[w].start, win[w].end, 0, 0,
                                 spans, nspans, md_put);
            }
            if (win[nwin - 1].end + 2 < x->end)
                xc_buf_puts(b, " …");
            free(spans);
            xc_buf_puts(b, "”\n");
        }
        xc_buf_puts(b, "\n");
    }
}

static void timeline(xc_buf *b, const xc_dossier *d)
{
    char id[32];
    if (!d->timeline.n)
        return;
    xc_buf_puts(b, "\n## Timeline\n\n");
    for (size_t k = 0; k < d->timeline.n; k++) {
        const xc_event *ev = &d->timeline.v[k];
        xc_buf_puts(b, "- **");
        md_text(b, ev->date, strnlen(ev->date, sizeof ev->date), 12);
        xc_buf_puts(b, "**: ");
        md_str(b, ev->text, 300);
        if (ev->ndocs) {
            xc_buf_puts(b, " (");
            for (size_t j = 0; j < ev->ndocs; j++) {
                if (ev->docs[j] >= d->ndocs)
                    continue;
                xc_buf_printf(b, "%s%s ", j ? ", " : "", xc_doc_id(ev->docs[j], id));
                md_str(b, xc_render_outlet(d, ev->docs[j]), 40);
            }
            xc_buf_puts(b, ")");
        }
        for (size_t j = 0; j < ev->nfacts; j++)
            xc_buf_printf(b, "%sf%zu", j ? ", " : "; see ", ev->facts[j] + 1);
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
            md_str(b, xc_render_outlet(d, i), 40);
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
    if (d->story_title)
        md_str(&b, d->story_title, 200);
    else if (d->nstories && d->stories[0].title)
        md_str(&b, d->stories[0].title, 200);
    else
        xc_buf_puts(&b, "Dossier");
    xc_buf_puts(&b, "\n\n");
    summary(&b, d);
    facts(&b, d);
    people(&b, d);
    same_words(&b, d);
    timeline(&b, d);
    quotations(&b, d);
    if (!d->facts.n)
        numbers(&b, d);
    reports(&b, d);
    furniture(&b, d);
    return xc_render_flush(&b, out, err);
}
