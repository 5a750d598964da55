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
