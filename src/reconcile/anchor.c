/*
 * anchor.c: dates for reports that carry none (reconcile stage, before the
 * facts).  A pasted report without a date line leaves "on Friday" and
 * "13 February" unresolved, because the time extractor resolves relative
 * and yearless dates only against the document's own publication date.
 * When the story shows when such a report was written, its times are
 * resolved again against that date and marked XC_ANCHOR_STORY, so the
 * reader knows where the year or the day came from.
 *
 * The evidence that an undated report belongs with a dated one is kept
 * narrow, because a wrong anchor moves every weekday it names:
 *   - it quotes the same words (a quotation group with the dated report);
 *   - or it names a day without a year that falls within two weeks of the
 *     dated report's date ("13 February" beside a report of 14 February).
 * The reference is the latest date found this way, and only when the
 * candidates lie within two weeks of each other; otherwise nothing
 * changes.  The time extractor itself does the resolving (times.c's rules
 * for weekday direction and year choice), run on a copy of the document
 * record whose publication date is the reference.
 */
#include "reconcile/reconcile.h"
#include "core/dossier.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WINDOW_DAYS 14

long xc_reconcile_day(const char *s)
{
    int y, m, dd;
    if (!s || strlen(s) < 10 || sscanf(s, "%4d-%2d-%2d", &y, &m, &dd) != 3 || m < 1 || m > 12 ||
        dd < 1 || dd > 31)
        return -1;
    /* days from civil (Howard Hinnant) */
    y -= m <= 2;
    {
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}

/* A dated document: its day number and index. */
typedef struct dated {
    long day;
    size_t doc;
} dated;

static int dated_cmp(const void *a, const void *b)
{
    const dated *x = a, *y = b;
    return x->day < y->day ? -1 : x->day > y->day;
}

/* The candidate dates of one undated document: the earliest and latest
   day, and the document whose date is the latest. */
typedef struct window {
    long lo, hi;
    size_t best;
} window;

static void widen(window *w, long day, size_t doc)
{
    if (w->lo < 0 || day < w->lo)
        w->lo = day;
    if (w->hi < 0 || day > w->hi) {
        w->hi = day;
        w->best = doc;
    }
}

/* The dated documents within the window of the yearless value V
   ("XXXX-MM-DD") read in any year of the dated documents (or the next or
   previous one), added to W.  DV[0..N) is sorted by day. */
static void near_days(const char *v, const dated *dv, size_t n, const int *years, size_t nyears,
                      window *w)
{
    char buf[11];
    if (strncmp(v, "XXXX-", 5) != 0 || strlen(v) != 10)
        return;
    for (size_t k = 0; k < nyears; k++)
        for (int y = years[k] - 1; y <= years[k] + 1; y++) {
            long day;
            size_t lo = 0, hi = n;
            snprintf(buf, sizeof buf, "%04d%s", y, v + 4);
            if ((day = xc_reconcile_day(buf)) < 0)
                continue;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (dv[mid].day < day - WINDOW_DAYS)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t i = lo; i < n && dv[i].day <= day + WINDOW_DAYS; i++)
                widen(w, dv[i].day, dv[i].doc);
        }
}

/* Resolve the times of document U again as if published on REF. */
static xc_code reanchor(xc_dossier *d, size_t u, const char *ref, xc_tokens *tk)
{
    xc_doc copy = *d->docs[u];
    xc_times nt = {0};
    xc_code rc;
    size_t j = 0;
    copy.published = (char *)(uintptr_t)ref; /* read only by xc_times_find */
    if ((rc = xc_tokenize(copy.text, copy.len, tk)) != XC_OK)
        return rc;
    if ((rc = xc_times_find(&copy, tk, &nt)) != XC_OK) {
        xc_times_free(&nt);
        return rc;
    }
    for (size_t k = 0; k < d->times[u].n; k++) {
        xc_time *t = &d->times[u].v[k];
        while (j < nt.n && nt.v[j].start < t->start)
            j++;
        if (j < nt.n && nt.v[j].start == t->start && nt.v[j].end == t->end &&
            nt.v[j].value[0] && !strchr(nt.v[j].value, 'X') &&
            (!t->value[0] || strchr(t->value, 'X'))) {
            memcpy(t->value, nt.v[j].value, sizeof t->value);
            t->anchor = XC_ANCHOR_STORY;
        }
    }
    xc_times_free(&nt);
    return XC_OK;
}

xc_code xc_reconcile_anchor(xc_dossier *d, xc_error *err)
{
    dated *dv = NULL;
    window *w = NULL;
    int years[16];
    size_t ndv = 0, nyears = 0;
    xc_tokens tk = {0};
    xc_code rc = XC_OK;
    if (!d->times || !d->ndocs)
        return XC_OK;
    if (!(dv = malloc(d->ndocs * sizeof *dv)) || !(w = malloc(d->ndocs * sizeof *w))) {
        free(dv);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < d->ndocs; i++) {
        long day = xc_reconcile_day(d->docs[i]->published);
        w[i] = (window){-1, -1, 0};
        if (day < 0)
            continue;
        dv[ndv++] = (dated){day, i};
        {
            int y = atoi(d->docs[i]->published);
            size_t k;
            for (k = 0; k < nyears && years[k] != y; k++)
                ;
            if (k == nyears && nyears < sizeof years / sizeof *years)
                years[nyears++] = y;
        }
    }
    if (!ndv || ndv == d->ndocs)
        goto done;
    xc_sort(dv, ndv, sizeof *dv, dated_cmp);
    /* the same quoted words as a dated report */
    for (size_t g = 0; g < d->qgroups.n; g++) {
        const xc_qgroup *gr = &d->qgroups.v[g];
        window gw = {-1, -1, 0};
        for (size_t m = 0; m < gr->n; m++) {
            long day = xc_reconcile_day(d->docs[gr->v[m].doc]->published);
            if (day >= 0)
                widen(&gw, day, gr->v[m].doc);
        }
        if (gw.hi < 0)
            continue;
        for (size_t m = 0; m < gr->n; m++) {
            size_t u = gr->v[m].doc;
            if (xc_reconcile_day(d->docs[u]->published) < 0) {
                widen(&w[u], gw.lo, gw.best);
                widen(&w[u], gw.hi, gw.best);
            }
        }
    }
    for (size_t u = 0; u < d->ndocs && rc == XC_OK; u++) {
        int needs = 0;
        if (xc_reconcile_day(d->docs[u]->published) >= 0)
            continue;
        for (size_t k = 0; k < d->times[u].n; k++) {
            const char *v = d->times[u].v[k].value;
            needs |= !v[0] || strchr(v, 'X') != NULL;
            near_days(v, dv, ndv, years, nyears, &w[u]);
        }
        /* a reference only when the evidence points at one fortnight */
        if (needs && w[u].hi >= 0 && w[u].hi - w[u].lo <= WINDOW_DAYS)
            rc = reanchor(d, u, d->docs[w[u].best]->published, &tk);
    }
done:
    xc_tokens_free(&tk);
    free(dv);
    free(w);
    return rc == XC_OK ? XC_OK : xc_fail(err, rc, "cannot anchor the times: %s", xc_code_str(rc));
}

/* The word of TEXT[0..N) that starts at or after I (skipping spaces), as
   [*A, *B); 0 when none. */
static int word_after(const char *text, size_t n, size_t i, size_t *a, size_t *b)
{
    while (i < n && (text[i] == ' ' || text[i] == '('))
        i++;
    *a = i;
    while (i < n && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
        i++;
    *b = i;
    return *b > *a;
}

/* The word that ends at or before I. */
static int word_before(const char *text, size_t i, size_t *a, size_t *b)
{
    while (i > 0 && text[i - 1] == ' ')
        i--;
    *b = i;
    while (i > 0 && ((text[i - 1] >= 'a' && text[i - 1] <= 'z') ||
                     (text[i - 1] >= 'A' && text[i - 1] <= 'Z')))
        i--;
    *a = i;
    return *b > *a;
}

static int word_is(const char *text, size_t a, size_t b, const char *const *words)
{
    for (size_t k = 0; words[k]; k++)
        if (strlen(words[k]) == b - a && strncasecmp(text + a, words[k], b - a) == 0)
            return 1;
    return 0;
}

int xc_reconcile_dated(const xc_doc *doc, const xc_time *t)
{
    static const char *const zones[] = {"GMT", "UTC", "EST", "EDT", "CET", "CEST", "PST",
                                        "PDT", "IST", "local", "hrs", "hours", "h", NULL};
    static const char *const at[] = {"at", NULL};
    const char *text = doc->text;
    size_t a, b, i, j;
    if (t->end > doc->len || t->start >= t->end)
        return 0;
    /* a piece of an address or a path: a slash right before or after */
    for (i = t->start; i > 0 && text[i - 1] == ' ' && t->start - i < 2;)
        i--;
    for (j = t->end; j < doc->len && text[j] == ' ' && j - t->end < 2;)
        j++;
    if ((i > 0 && text[i - 1] == '/') || (j < doc->len && text[j] == '/'))
        return 0;
    /* a bare four-digit year that is a clock time: "at 1353", "1023 GMT" */
    if (strlen(t->value) == 4 && t->end - t->start == 4) {
        if (word_after(text, doc->len, t->end, &a, &b) && word_is(text, a, b, zones))
            return 0;
        if (word_before(text, t->start, &a, &b) && word_is(text, a, b, at))
            return 0;
    }
    return 1;
}
