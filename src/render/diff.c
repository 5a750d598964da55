/*
 * diff.c: word-level differences between two sentences (see diff.h).  The
 * renderers call it for the competing source sentences of a fact, so that
 * "has been sentenced to 20 years" and "is expected to be sentenced to
 * life" show which words differ.  The common beginning and end are set
 * aside first; the rest is a longest common subsequence over folded word
 * hashes, in a table of at most XC_WDIFF_MAX squared cells.
 */
#include "render/diff.h"
#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct dword {
    size_t start, end;
    uint64_t h;       /* of the folded word */
    uint8_t differs;
} dword;

/* Is code point C part of a word (a letter, a mark or a digit)? */
static int word_char(int32_t c)
{
    utf8proc_category_t cat;
    if (c < 0)
        return 1;
    cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO);
}

/* Is the code point at S an apostrophe or hyphen inside a word? */
static int joiner(int32_t c)
{
    return c == '\'' || c == '-' || c == 0x2019 || c == 0x2010 || c == 0x2011;
}

/* FNV-1a of the folded word S[0..N), apostrophes left out. */
static uint64_t word_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n;) {
        size_t len;
        int32_t c = xc_utf8_decode(s + i, n - i, &len);
        if (c >= 0 && c != '\'' && c != 0x2019) {
            utf8proc_int32_t buf[8];
            int opt = UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK;
            int last = 0;
            utf8proc_ssize_t k = utf8proc_decompose_char(c, buf, 8, (utf8proc_option_t)opt, &last);
            for (utf8proc_ssize_t j = 0; j < k && j < 8; j++) {
                h ^= (uint64_t)(uint32_t)buf[j];
                h *= 1099511628211ULL;
            }
            if (k <= 0) {
                h ^= (uint64_t)(uint32_t)c;
                h *= 1099511628211ULL;
            }
        } else if (c < 0) {
            h ^= (unsigned char)s[i];
            h *= 1099511628211ULL;
        }
        i += len;
    }
    return h;
}

/* The words of S[0..N) into a new array *OUT (caller frees); their count,
   or SIZE_MAX when out of memory. */
static size_t split(const char *s, size_t n, dword **out)
{
    size_t cap = 16, nw = 0, i = 0;
    dword *w = malloc(cap * sizeof *w);
    *out = NULL;
    if (!w)
        return SIZE_MAX;
    while (i < n) {
        size_t len, start;
        int32_t c = xc_utf8_decode(s + i, n - i, &len);
        if (!word_char(c)) {
            i += len;
            continue;
        }
        start = i;
        for (;;) {
            i += len;
            if (i >= n)
                break;
            c = xc_utf8_decode(s + i, n - i, &len);
            if (word_char(c))
                continue;
            if (joiner(c) && i + len < n) {
                size_t l2;
                if (word_char(xc_utf8_decode(s + i + len, n - i - len, &l2)))
                    continue;
            }
            break;
        }
        if (nw == cap) {
            dword *v = realloc(w, cap * 2 * sizeof *v);
            if (!v) {
                free(w);
                return SIZE_MAX;
            }
            w = v;
            cap *= 2;
        }
        w[nw].start = start;
        w[nw].end = i;
        w[nw].h = word_hash(s + start, i - start);
        w[nw].differs = 0;
        nw++;
    }
    *out = w;
    return nw;
}

/* Mark the words of A[0..NA) and B[0..NB) that are in no longest common
   subsequence of the two (one of them, chosen by the table walk). */
static xc_code lcs_mark(dword *a, size_t na, dword *b, size_t nb)
{
    uint16_t *t;
    size_t w = nb + 1, i, j;
    if (!na || !nb) {
        for (i = 0; i < na; i++)
            a[i].differs = 1;
        for (j = 0; j < nb; j++)
            b[j].differs = 1;
        return XC_OK;
    }
    if (na > XC_WDIFF_MAX || nb > XC_WDIFF_MAX) {
        for (i = 0; i < na; i++)
            a[i].differs = 1;
        for (j = 0; j < nb; j++)
            b[j].differs = 1;
        return XC_OK;
    }
    /* t[i][j]: the LCS length of a[i..] and b[j..] */
    if (!(t = calloc((na + 1) * w, sizeof *t)))
        return XC_ERR_NOMEM;
    for (i = na; i-- > 0;)
        for (j = nb; j-- > 0;)
            t[i * w + j] = a[i].h == b[j].h ? (uint16_t)(t[(i + 1) * w + j + 1] + 1)
                           : t[(i + 1) * w + j] >= t[i * w + j + 1] ? t[(i + 1) * w + j]
                                                                    : t[i * w + j + 1];
    i = j = 0;
    while (i < na && j < nb) {
        if (a[i].h == b[j].h)
            i++, j++;
        else if (t[(i + 1) * w + j] >= t[i * w + j + 1])
            a[i++].differs = 1;
        else
            b[j++].differs = 1;
    }
    while (i < na)
        a[i++].differs = 1;
    while (j < nb)
        b[j++].differs = 1;
    free(t);
    return XC_OK;
}

/* The runs of differing words of W[0..N) as spans into *OUT. */
static xc_code runs(const dword *w, size_t n, xc_span **out, size_t *nout)
{
    size_t k = 0, cnt = 0;
    for (size_t i = 0; i < n; i++)
        cnt += w[i].differs && (i == 0 || !w[i - 1].differs);
    *out = NULL;
    *nout = 0;
    if (!cnt)
        return XC_OK;
    if (!(*out = malloc(cnt * sizeof **out)))
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        if (!w[i].differs)
            continue;
        if (i == 0 || !w[i - 1].differs)
            (*out)[k++].start = w[i].start;
        (*out)[k - 1].end = w[i].end;
    }
    *nout = k;
    return XC_OK;
}

xc_code xc_wdiff_words(const char *a, size_t la, const char *b, size_t lb,
                       xc_wdiff *out)
{
    dword *wa = NULL, *wb = NULL;
    size_t na, nb, pre = 0, suf = 0;
    xc_code rc = XC_ERR_NOMEM;
    memset(out, 0, sizeof *out);
    if ((na = split(a ? a : "", a ? la : 0, &wa)) == SIZE_MAX ||
        (nb = split(b ? b : "", b ? lb : 0, &wb)) == SIZE_MAX)
        goto done;
    while (pre < na && pre < nb && wa[pre].h == wb[pre].h)
        pre++;
    while (suf < na - pre && suf < nb - pre && wa[na - 1 - suf].h == wb[nb - 1 - suf].h)
        suf++;
    if ((rc = lcs_mark(wa + pre, na - pre - suf, wb + pre, nb - pre - suf)) == XC_OK &&
        (rc = runs(wa, na, &out->a, &out->na)) == XC_OK)
        rc = runs(wb, nb, &out->b, &out->nb);
done:
    free(wa);
    free(wb);
    return rc;
}

void xc_wdiff_free(xc_wdiff *d)
{
    if (!d)
        return;
    free(d->a);
    free(d->b);
    memset(d, 0, sizeof *d);
}
