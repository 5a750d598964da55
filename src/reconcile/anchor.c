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

#define WINDOW_DAYS 14

/* Days since 1970-01-01 of a full date "YYYY-MM-DD", or -1. */
static long day_number(const char *s)
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

static int full_date(const char *s)
{
    return day_number(s) >= 0;
}

/* Does the yearless value "XXXX-MM-DD" fall within the window of DAY
   (a day number of a date in year YEAR), in that year or a neighbour? */
static int near_day(const char *v, long day, int year)
{
    char buf[11];
    if (strncmp(v, "XXXX-", 5) != 0 || strlen(v) != 10)
        return 0;
    for (int y = year - 1; y <= year + 1; y++) {
        long n;
        snprintf(buf, sizeof buf, "%04d%s", y, v + 4);
        if ((n = day_number(buf)) >= 0 && labs(n - day) <= WINDOW_DAYS)
            return 1;
    }
    return 0;
}

/* The reference date for undated document U, or NULL. */
static const char *reference(const xc_dossier *d, size_t u, const unsigned char *linked)
{
    const char *best = NULL;
    long lo = -1, hi = -1;
    for (size_t i = 0; i < d->ndocs; i++) {
        const char *p = d->docs[i]->published;
        long day;
        int ok = 0;
        if (i == u || !full_date(p))
            continue;
        day = day_number(p);
        ok = linked[i];
        for (size_t k = 0; !ok && k < d->times[u].n; k++)
            ok = near_day(d->times[u].v[k].value, day, atoi(p));
        if (!ok)
            continue;
        if (lo < 0 || day < lo)
            lo = day;
        if (day > hi) {
            hi = day;
            best = p;
        }
    }
    return best && hi - lo <= WINDOW_DAYS ? best : NULL;
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
    unsigned char *linked;
    xc_tokens tk = {0};
    xc_code rc = XC_OK;
    size_t ndated = 0;
    if (!d->times)
        return XC_OK;
    for (size_t i = 0; i < d->ndocs; i++)
        ndated += full_date(d->docs[i]->published);
    if (!ndated || ndated == d->ndocs)
        return XC_OK;
    if (!(linked = calloc(d->ndocs, 1)))
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    for (size_t u = 0; u < d->ndocs && rc == XC_OK; u++) {
        const char *ref;
        int needs = 0;
        if (full_date(d->docs[u]->published))
            continue;
        for (size_t k = 0; k < d->times[u].n && !needs; k++)
            needs = !d->times[u].v[k].value[0] || strchr(d->times[u].v[k].value, 'X');
        if (!needs)
            continue;
        /* the dated documents that quote the same words as U */
        memset(linked, 0, d->ndocs);
        for (size_t g = 0; g < d->qgroups.n; g++) {
            const xc_qgroup *gr = &d->qgroups.v[g];
            int has = 0;
            for (size_t m = 0; m < gr->n && !has; m++)
                has = gr->v[m].doc == u;
            for (size_t m = 0; has && m < gr->n; m++)
                linked[gr->v[m].doc] = 1;
        }
        if ((ref = reference(d, u, linked)))
            rc = reanchor(d, u, ref, &tk);
    }
    xc_tokens_free(&tk);
    free(linked);
    return rc == XC_OK ? XC_OK : xc_fail(err, rc, "cannot anchor the times: %s", xc_code_str(rc));
}
