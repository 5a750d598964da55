/*
 * html.c: the dossier for people as one HTML5 file.  It holds everything
 * it needs (the style sheet inline, no script, no image, no link out), so
 * it opens offline in any browser, can be mailed or archived as it is, and
 * prints well (@media print).  The content and its order are those of the
 * Markdown dossier (markdown.c): conflicts first, the competing source
 * sentences side by side with the value in <strong> and the words the
 * other sentence lacks in <mark>; agreed facts; single-source facts; the
 * people and organizations; the same quotation as several reports word
 * it; the timeline (an inline SVG and a list); the reports.  Every piece
 * of document text is escaped (& < > " '), so no report can inject markup.
 */
#include "core/dossier.h"
#include "core/util.h"
#include "render/render.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* Append S[0..N) to B escaped for HTML text and attribute values: & < >
   " ' as references, control characters dropped, line breaks as spaces,
   invalid UTF-8 as U+FFFD; at most MAXCHARS code points, then "…". */
static void h_text(xc_buf *b, const char *s, size_t n, size_t maxchars)
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
            if (xc_utf8_decode(s + i, n - i, &len) < 0)
                xc_buf_puts(b, "\xEF\xBF\xBD");
            else
                xc_buf_append(b, s + i, len);
        } else if (c == '&') {
            xc_buf_puts(b, "&amp;");
        } else if (c == '<') {
            xc_buf_puts(b, "&lt;");
        } else if (c == '>') {
            xc_buf_puts(b, "&gt;");
        } else if (c == '"') {
            xc_buf_puts(b, "&quot;");
        } else if (c == '\'') {
            xc_buf_puts(b, "&#39;");
        } else if (c == '\n' || c == '\r' || c == '\t') {
            if (b->len && b->data[b->len - 1] != ' ')
                xc_buf_append(b, " ", 1);
        } else if (c >= 0x20 && c != 0x7f) {
            xc_buf_append(b, s + i, 1);
        }
        i += len;
        chars++;
    }
}

static void h_str(xc_buf *b, const char *s, size_t maxchars)
{
    if (s)
        h_text(b, s, strlen(s), maxchars);
    else
        xc_buf_puts(b, "—");
}

/* A marked piece of a source sentence. */
static void h_put(xc_buf *b, const char *s, size_t n, int marks)
{
    if (marks & XC_MARK_VALUE)
        xc_buf_puts(b, "<strong>");
    if (marks & XC_MARK_DIFF)
        xc_buf_puts(b, "<mark>");
    h_text(b, s, n, SIZE_MAX);
    if (marks & XC_MARK_DIFF)
        xc_buf_puts(b, "</mark>");
    if (marks & XC_MARK_VALUE)
        xc_buf_puts(b, "</strong>");
}

static const char style[] =
    ":root{--ink:#1d1d1f;--muted:#5f6368;--line:#d9dce1;--bg:#fff;--conf:#b3261e;"
    "--agree:#1e7b34;--single:#8a5a00;--mark:#ffe58a}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:72rem;padding:1.5rem 1.25rem 3rem;color:var(--ink);"
    "background:var(--bg);font:16px/1.55 Georgia,'Times New Roman',serif}\n"
    "h1,h2,h3,nav,figcaption,table,.badge,.summary,footer{font-family:system-ui,"
    "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}\n"
    "h1{font-size:1.7rem;line-height:1.25;margin:.2rem 0 .4rem}\n"
    "h2{font-size:1.25rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem;margin-top:2.2rem}\n"
    "h3{font-size:1.05rem;margin:0 0 .4rem}\n"
    ".summary{color:var(--muted);margin:0 0 .8rem}\n"
    "nav a{margin-right:1rem;color:inherit}\n"
    ".fact{border:1px solid var(--line);border-left:5px solid var(--single);border-radius:4px;"
    "padding:.8rem 1rem;margin:1rem 0;break-inside:avoid}\n"
    ".fact.conflicting{border-left-color:var(--conf)}.fact.agreed{border-left-color:var(--agree)}\n"
    ".badge{display:inline-block;font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;"
    "padding:.05rem .45rem;border-radius:3px;color:#fff;background:var(--single);margin-right:.4rem;"
    "vertical-align:.1rem}\n"
    ".conflicting .badge{background:var(--conf)}.agreed .badge{background:var(--agree)}\n"
    ".caveat,.note{margin:.2rem 0 .6rem;color:var(--muted)}\n"
    ".claims{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:.8rem}\n"
    "figure{margin:0;padding:.6rem .8rem;background:#f7f7f8;border-radius:4px}\n"
    "blockquote{margin:0 0 .4rem;quotes:'\\201C' '\\201D'}\n"
    "blockquote::before{content:open-quote}blockquote::after{content:close-quote}\n"
    "figcaption{font-size:.85rem;color:var(--muted)}figcaption b{color:var(--ink)}\n"
    "mark{background:var(--mark);padding:0 .1em}\n"
    "strong{font-weight:700}\n"
    ".modality{font-style:italic}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9rem}\n"
    "th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:.35rem .5rem}\n"
    "th{border-bottom:2px solid var(--ink)}td.n{text-align:right}\n"
    ".timeline svg{width:100%;height:auto;max-height:7rem}\n"
    ".timeline ol{padding-left:0;list-style:none}.timeline li{margin:.3rem 0}\n"
    ".date{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700;margin-right:.5rem}\n"
    ".empty{color:var(--muted);font-style:italic}\n"
    "details{margin:.4rem 0}summary{cursor:pointer}\n"
    "footer{margin-top:3rem;color:var(--muted);font-size:.85rem}\n"
    "@media print{body{max-width:none;padding:0;font-size:10.5pt}nav{display:none}"
    "h2{break-after:avoid}.fact,figure,tr{break-inside:avoid}"
    "mark,.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "details>*{display:block}a{color:inherit;text-decoration:none}}\n";

/* The name of story entity M. */
static void entity_name(xc_buf *b, const xc_dossier *d, size_t m)
{
    size_t n;
    const char *s = xc_render_name(d, m, &n);
    h_text(b, s, n, 80);
}

static void source_caption(xc_buf *b, const xc_dossier *d, size_t i)
{
    char id[32];
    xc_buf_puts(b, "<b>");
    h_str(b, xc_render_outlet(d, i), 60);
    xc_buf_puts(b, "</b>");
    if (d->docs[i]->published) {
        xc_buf_puts(b, " · ");
        h_str(b, d->docs[i]->published, 12);
    }
    xc_buf_printf(b, " · <a href=\"#%s\">%s</a>", xc_doc_id(i, id), id);
}

static void fact(xc_buf *b, const xc_dossier *d, size_t k)
{
    static const char *const cls[] = {"agreed", "conflicting", "single"};
    const xc_fact *f = &d->facts.v[k];
    char caveat[256];
    xc_buf_printf(b, "<article class=\"fact %s\" id=\"f%zu\">\n<h3><span class=\"badge\">%s</span>",
                  cls[f->status < 3 ? f->status : 2], k + 1, xc_render_status(f->status));
    h_str(b, f->topic ? f->topic : "(no topic)", 200);
    xc_buf_printf(b, " <small>f%zu</small></h3>\n<p class=\"caveat\">", k + 1);
    h_str(b, xc_render_caveat(d, f, caveat, sizeof caveat), SIZE_MAX);
    xc_buf_puts(b, "</p>\n");
    if (f->note) {
        xc_buf_puts(b, "<p class=\"note\">Note: ");
        h_str(b, f->note, 400);
        xc_buf_puts(b, "</p>\n");
    }
    xc_buf_puts(b, "<div class=\"claims\">\n");
    for (size_t c = 0; c < f->nclaims; c++) {
        const xc_claim *cl = &f->claims[c];
        xc_span *spans = NULL;
        size_t nspans = 0;
        if (cl->doc >= d->ndocs)
            continue;
        xc_buf_puts(b, "<figure><blockquote>");
        if (cl->start <= cl->end && cl->end <= d->docs[cl->doc]->len) {
            if (f->status == XC_FACT_CONFLICTING)
                xc_render_claim_diff(d, f, c, &spans, &nspans);
            xc_render_marked(b, d->docs[cl->doc]->text, cl->start, cl->end, cl->vstart, cl->vend,
                             spans, nspans, h_put);
        }
        free(spans);
        xc_buf_puts(b, "</blockquote><figcaption>");
        source_caption(b, d, cl->doc);
        if (xc_render_modality(cl->modality)[0])
            xc_buf_printf(b, " · <span class=\"modality\">%s</span>", xc_render_modality(cl->modality));
        xc_buf_puts(b, "</figcaption></figure>\n");
    }
    xc_buf_puts(b, "</div>\n</article>\n");
}

static void facts(xc_buf *b, const xc_dossier *d)
{
    static const struct {
        int status;
        const char *id, *head, *none;
    } sec[] = {
        {XC_FACT_CONFLICTING, "conflicts", "Conflicts", "No two reports were found to disagree."},
        {XC_FACT_AGREED, "agreed", "Agreed", "No fact was found in more than one report."},
        {XC_FACT_SINGLE_SOURCE, "single", "Single source", "No fact rests on one report alone."}};
    for (size_t s = 0; s < 3; s++) {
        size_t shown = 0;
        xc_buf_printf(b, "<section id=\"%s\">\n<h2>%s</h2>\n", sec[s].id, sec[s].head);
        for (size_t k = 0; k < d->facts.n; k++)
            if (d->facts.v[k].status == sec[s].status ||
                (sec[s].status == XC_FACT_SINGLE_SOURCE && d->facts.v[k].status > 2))
                fact(b, d, k), shown++;
        if (!shown)
            xc_buf_printf(b, "<p class=\"empty\">%s</p>\n", sec[s].none);
        xc_buf_puts(b, "</section>\n");
    }
}

static const char *const type_words[] = {"person", "organization", "place", "other"};

static void people(xc_buf *b, const xc_dossier *d)
{
    const xc_resolution *r = &d->resolved;
    char id[32];
    int shown = 0;
    if (!d->merged)
        return;
    for (int type = XC_ENT_PERSON; type <= XC_ENT_ORG; type++)
        for (size_t m = 0; m < r->nvisible; m++) {
            xc_profile p;
            const xc_merged *e = &r->v[m];
            if (e->type != type)
                continue;
            xc_render_profile(d, m, &p);
            if (!p.mentions || (type == XC_ENT_ORG && p.ndocs < 2 && p.mentions < 3))
                continue;
            if (!shown++)
                xc_buf_puts(b, "<section id=\"people\">\n<h2>People and organizations</h2>\n"
                               "<table>\n<thead><tr><th>Name</th><th>Type</th><th>Also written</th>"
                               "<th>Roles</th><th>Reports</th><th>Mentions</th></tr></thead>\n<tbody>\n");
            xc_buf_printf(b, "<tr id=\"e%zu\"><td><b>", m + 1);
            entity_name(b, d, m);
            xc_buf_printf(b, "</b> <small>e%zu</small></td><td>%s</td><td>", m + 1,
                          type_words[e->type & 3]);
            for (size_t k = 0, w = 0; k < p.aliases.count; k++) {
                if (e->name_end - e->name_start == p.aliases.n[k] &&
                    memcmp(d->docs[e->name_doc]->text + e->name_start, p.aliases.s[k],
                           p.aliases.n[k]) == 0)
                    continue;
                xc_buf_puts(b, w++ ? ", " : "");
                h_text(b, p.aliases.s[k], p.aliases.n[k], 60);
            }
            xc_buf_puts(b, "</td><td>");
            for (size_t k = 0; k < p.roles.count && k < 4; k++) {
                xc_buf_puts(b, k ? "; " : "");
                h_text(b, p.roles.s[k], p.roles.n[k], 80);
            }
            xc_buf_puts(b, "</td><td>");
            for (size_t k = 0; k < p.ndocs; k++) {
                xc_buf_printf(b, "%s<a href=\"#%s\">", k ? ", " : "", xc_doc_id(p.docs[k], id));
                h_str(b, xc_render_outlet(d, p.docs[k]), 40);
                xc_buf_puts(b, "</a>");
            }
            xc_buf_printf(b, "</td><td class=\"n\">%zu</td></tr>\n", p.mentions);
        }
    if (shown)
        xc_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void same_words(xc_buf *b, const xc_dossier *d)
{
    const xc_qgroups *g = &d->qgroups;
    if (!g->n)
        return;
    xc_buf_puts(b, "<section id=\"quotes\">\n<h2>Same words in several reports</h2>\n"
                   "<p class=\"summary\">Words only some of the reports have are "
                   "<mark>marked</mark>.</p>\n");
    for (size_t k = 0; k < g->n; k++) {
        const xc_qgroup *gr = &g->v[k];
        xc_buf_printf(b, "<article class=\"fact%s\" id=\"g%zu\">\n<h3>", gr->conflict ? " conflicting" : " agreed",
                      k + 1);
        if (gr->speaker >= 0 && d->merged)
            entity_name(b, d, (size_t)gr->speaker);
        else if (gr->conflict && d->merged) {
            xc_buf_puts(b, "Attributed to ");
            for (size_t s = 0; s < gr->nspeakers; s++) {
                xc_buf_puts(b, s ? (s + 1 == gr->nspeakers ? " or " : ", ") : "");
                entity_name(b, d, gr->speakers[s]);
            }
        } else
            xc_buf_puts(b, "Speaker not named");
        xc_buf_printf(b, " <small>g%zu</small></h3>\n<p class=\"caveat\">Wording %s "
                         "(similarity %.2f)%s</p>\n<div class=\"claims\">\n",
                      k + 1, xc_render_wording(gr->similarity), gr->similarity,
                      gr->conflict ? "; the reports name different speakers" : "");
        for (size_t m = 0; m < gr->n; m++) {
            const xc_qmember *q = &gr->v[m];
            const xc_quote *x = &d->quotes[q->doc].v[q->quote];
            int32_t e = d->speakers[q->doc][q->quote];
            xc_span *spans = NULL, win[8];
            size_t nspans = 0, nwin = xc_render_quote_windows(q, win, 8);
            xc_buf_puts(b, "<figure><blockquote>");
            xc_render_quote_diff(q, &spans, &nspans);
            if (!nwin)
                win[0].start = x->start, win[0].end = x->end, nwin = 1;
            for (size_t w = 0; w < nwin; w++) {
                if (w || win[w].start > x->start + 2)
                    xc_buf_puts(b, w ? " … " : "… ");
                xc_render_marked(b, d->docs[q->doc]->text, win[w].start, win[w].end, 0, 0,
                                 spans, nspans, h_put);
            }
            if (win[nwin - 1].end + 2 < x->end)
                xc_buf_puts(b, " …");
            free(spans);
            xc_buf_puts(b, "</blockquote><figcaption>");
            source_caption(b, d, q->doc);
            if (gr->conflict && e >= 0 && d->merged && d->resolved.of[q->doc][e] < d->resolved.n) {
                xc_buf_puts(b, " · says ");
                entity_name(b, d, d->resolved.of[q->doc][e]);
            }
            xc_buf_puts(b, "</figcaption></figure>\n");
        }
        xc_buf_puts(b, "</div>\n</article>\n");
    }
    xc_buf_puts(b, "</section>\n");
}

/* Days since 0000-03-01 of the date S ("2026-02-13", "2026-02", "2026"),
   a partial date at its middle; -1 when it is not a date. */
static long day_number(const char *s)
{
    int y, m = 7, dd = 1;
    size_t n = strnlen(s, 11);
    if (n < 4 || sscanf(s, "%4d", &y) != 1 || s[0] < '0' || s[0] > '9')
        return -1;
    if (n >= 7 && sscanf(s + 5, "%2d", &m) != 1)
        return -1;
    if (n >= 10 && sscanf(s + 8, "%2d", &dd) != 1)
        dd = 15;
    else if (n < 10)
        dd = 15;
    if (m < 1 || m > 12 || dd < 1 || dd > 31)
        return -1;
    /* days from the civil date (Howard Hinnant's algorithm) */
    y -= m <= 2;
    {
        long era = y / 400, yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe;
    }
}

static void timeline(xc_buf *b, const xc_dossier *d)
{
    const xc_timeline *t = &d->timeline;
    long lo = -1, hi = -1;
    char id[32];
    if (!t->n)
        return;
    xc_buf_puts(b, "<section id=\"timeline\" class=\"timeline\">\n<h2>Timeline</h2>\n");
    for (size_t k = 0; k < t->n; k++) {
        long day = day_number(t->v[k].date);
        if (day < 0)
            continue;
        if (lo < 0 || day < lo)
            lo = day;
        if (hi < 0 || day > hi)
            hi = day;
    }
    if (lo >= 0) {
        xc_buf_puts(b, "<svg viewBox=\"0 0 960 80\" role=\"img\" aria-label=\"Timeline of the events\">\n"
                       "<line x1=\"40\" y1=\"30\" x2=\"920\" y2=\"30\" stroke=\"#5f6368\" stroke-width=\"2\"/>\n");
        for (size_t k = 0; k < t->n; k++) {
            long day = day_number(t->v[k].date);
            long x;
            if (day < 0)
                continue;
            x = hi > lo ? 40 + (day - lo) * 880 / (hi - lo) : 480;
            xc_buf_printf(b, "<circle cx=\"%ld\" cy=\"30\" r=\"7\" fill=\"%s\"><title>", x,
                          t->v[k].nfacts ? "#b3261e" : "#1d1d1f");
            h_text(b, t->v[k].date, strnlen(t->v[k].date, sizeof t->v[k].date), 12);
            xc_buf_puts(b, ": ");
            h_str(b, t->v[k].text, 200);
            xc_buf_puts(b, "</title></circle>\n");
        }
        for (int end = 0; end < 2; end++) {
            const char *date = NULL;
            for (size_t k = 0; k < t->n; k++)
                if (day_number(t->v[k].date) == (end ? hi : lo))
                    date = t->v[k].date;
            if (!date || (end && hi == lo))
                continue;
            xc_buf_printf(b, "<text x=\"%d\" y=\"62\" font-size=\"14\" text-anchor=\"%s\" "
                             "font-family=\"system-ui,sans-serif\">",
                          hi == lo ? 480 : end ? 920 : 40, hi == lo ? "middle" : end ? "end" : "start");
            h_text(b, date, strnlen(date, 11), 12);
            xc_buf_puts(b, "</text>\n");
        }
        xc_buf_puts(b, "</svg>\n");
    }
    xc_buf_puts(b, "<ol>\n");
    for (size_t k = 0; k < t->n; k++) {
        const xc_event *ev = &t->v[k];
        xc_buf_puts(b, "<li><span class=\"date\">");
        h_text(b, ev->date, strnlen(ev->date, sizeof ev->date), 12);
        xc_buf_puts(b, "</span>");
        h_str(b, ev->text, 300);
        if (ev->ndocs) {
            xc_buf_puts(b, " <small>(");
            for (size_t j = 0, w = 0; j < ev->ndocs; j++) {
                if (ev->docs[j] >= d->ndocs)
                    continue;
                xc_buf_printf(b, "%s<a href=\"#%s\">", w++ ? ", " : "", xc_doc_id(ev->docs[j], id));
                h_str(b, xc_render_outlet(d, ev->docs[j]), 40);
                xc_buf_puts(b, "</a>");
            }
            xc_buf_puts(b, ")</small>");
        }
        for (size_t j = 0; j < ev->nfacts; j++)
            xc_buf_printf(b, "%s<a href=\"#f%zu\">f%zu</a>", j ? ", " : " · see ", ev->facts[j] + 1,
                          ev->facts[j] + 1);
        xc_buf_puts(b, "</li>\n");
    }
    xc_buf_puts(b, "</ol>\n</section>\n");
}

/* The page furniture of document I, one line each, in a list. */
static void furniture(xc_buf *b, const xc_doc *doc)
{
    xc_buf_puts(b, "<ul>");
    for (size_t k = 0; k < doc->nboilerplate; k++) {
        const xc_span *sp = &doc->boilerplate[k];
        size_t at = sp->start;
        while (at < sp->end && sp->end <= doc->len) {
            const char *nl = memchr(doc->text + at, '\n', sp->end - at);
            size_t end = nl ? (size_t)(nl - doc->text) : sp->end, a = at, z = end;
            while (a < z && strchr(" \t\r", doc->text[a]))
                a++;
            while (z > a && strchr(" \t\r", doc->text[z - 1]))
                z--;
            if (z > a) {
                xc_buf_puts(b, "<li>");
                h_text(b, doc->text + a, z - a, 120);
                xc_buf_puts(b, "</li>");
            }
            at = end + 1;
        }
    }
    xc_buf_puts(b, "</ul>");
}

static void reports(xc_buf *b, const xc_dossier *d)
{
    char id[32];
    xc_buf_puts(b, "<section id=\"reports\">\n<h2>Reports</h2>\n<table>\n<thead><tr><th></th>"
                   "<th>Outlet</th><th>Published</th><th>Headline</th><th>Source</th>"
                   "<th>Words</th><th>Page furniture</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < d->ndocs; i++) {
        const xc_doc *doc = d->docs[i];
        xc_buf_printf(b, "<tr id=\"%s\"><td>%s</td><td>", xc_doc_id(i, id), id);
        h_str(b, doc->outlet, 60);
        xc_buf_puts(b, "</td><td>");
        h_str(b, doc->published, 12);
        xc_buf_puts(b, "</td><td>");
        if (doc->title)
            h_str(b, doc->title, 200);
        else
            xc_buf_puts(b, "<span class=\"empty\">no headline</span>");
        xc_buf_puts(b, "</td><td>");
        h_str(b, doc->url ? doc->url : doc->source, 120);
        if (doc->encoding) {
            xc_buf_puts(b, " <small>(read as ");
            h_str(b, doc->encoding, 30);
            xc_buf_puts(b, ")</small>");
        }
        xc_buf_printf(b, "</td><td class=\"n\">%zu</td><td>", d->stats ? d->stats[i].words : 0);
        if (doc->nboilerplate) {
            xc_buf_printf(b, "<details><summary>%zu span%s set aside</summary>", doc->nboilerplate,
                          doc->nboilerplate == 1 ? "" : "s");
            furniture(b, doc);
            xc_buf_puts(b, "</details>");
        } else {
            xc_buf_puts(b, "none");
        }
        xc_buf_puts(b, "</td></tr>\n");
    }
    xc_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

xc_code xc_dossier_write_html(const xc_dossier *d, FILE *out, int flags, xc_error *err)
{
    xc_buf b;
    const char *title = "Dossier";
    size_t n[3] = {0}, outlets = 0;
    (void)flags;
    xc_error_clear(err);
    if (!d || !out)
        return xc_fail(err, XC_ERR_ARG, "no dossier or no output");
    if (!d->built)
        return xc_fail(err, XC_ERR_ARG, "the dossier has not been built");
    if (d->nstories && d->stories[0].title)
        title = d->stories[0].title;
    for (size_t k = 0; k < d->facts.n; k++)
        n[d->facts.v[k].status < 3 ? d->facts.v[k].status : 2]++;
    outlets = xc_render_outlets(d);
    xc_buf_init(&b, 0);
    xc_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"crosscheck " XC_VERSION "\">\n<title>");
    h_str(&b, title, 200);
    xc_buf_printf(&b, " · crosscheck dossier</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>",
                  style);
    h_str(&b, title, 300);
    xc_buf_printf(&b, "</h1>\n<p class=\"summary\">%zu report%s from %zu outlet%s: "
                      "%zu conflict%s, %zu agreed, %zu from a single source.</p>\n"
                      "<nav><a href=\"#conflicts\">Conflicts</a><a href=\"#agreed\">Agreed</a>"
                      "<a href=\"#single\">Single source</a><a href=\"#people\">People</a>"
                      "<a href=\"#quotes\">Quotations</a><a href=\"#timeline\">Timeline</a>"
                      "<a href=\"#reports\">Reports</a></nav>\n</header>\n<main>\n",
                  d->ndocs, d->ndocs == 1 ? "" : "s", outlets, outlets == 1 ? "" : "s",
                  n[XC_FACT_CONFLICTING], n[XC_FACT_CONFLICTING] == 1 ? "" : "s",
                  n[XC_FACT_AGREED], n[XC_FACT_SINGLE_SOURCE]);
    facts(&b, d);
    people(&b, d);
    same_words(&b, d);
    timeline(&b, d);
    reports(&b, d);
    xc_buf_puts(&b, "</main>\n<footer>Made by crosscheck " XC_VERSION ". Every quoted sentence is "
                    "as the report printed it; check the reports themselves before you publish."
                    "</footer>\n</body>\n</html>\n");
    return xc_render_flush(&b, out, err);
}
