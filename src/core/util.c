/*
 * util.c: errors, capped buffers and string copies shared by every module.
 */
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

xc_code xc_fail(xc_error *err, xc_code code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void xc_error_clear(xc_error *err)
{
    if (err) {
        err->code = XC_OK;
        err->msg[0] = '\0';
    }
}

char *xc_strndup(const char *s, size_t n)
{
    char *p;
    if (!s)
        return NULL;
    p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xc_strdup(const char *s)
{
    return s ? xc_strndup(s, strlen(s)) : NULL;
}

void xc_buf_init(xc_buf *b, size_t limit)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->limit = limit ? limit : (size_t)-1;
}

void xc_buf_free(xc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

xc_code xc_buf_append(xc_buf *b, const char *s, size_t n)
{
    size_t need;
    if (n > b->limit || b->len > b->limit - n)
        return XC_ERR_TOO_BIG;
    need = b->len + n + 1;
    if (need > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        char *p;
        while (cap < need)
            cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
        p = realloc(b->data, cap);
        if (!p)
            return XC_ERR_NOMEM;
        b->data = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return XC_OK;
}

xc_code xc_buf_puts(xc_buf *b, const char *s)
{
    return xc_buf_append(b, s, strlen(s));
}

xc_code xc_buf_printf(xc_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return XC_ERR_ARG;
    if ((size_t)n < sizeof small)
        return xc_buf_append(b, small, (size_t)n);
    {
        char *big = malloc((size_t)n + 1);
        xc_code rc;
        if (!big)
            return XC_ERR_NOMEM;
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        rc = xc_buf_append(b, big, (size_t)n);
        free(big);
        return rc;
    }
}

char *xc_buf_take(xc_buf *b, size_t *len)
{
    char *p = b->data;
    if (!p) {
        p = malloc(1);
        if (p)
            p[0] = '\0';
    }
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

xc_code xc_spans_push(xc_spans *s, size_t start, size_t end)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        xc_span *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return XC_ERR_NOMEM;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n].start = start;
    s->v[s->n].end = end;
    s->n++;
    return XC_OK;
}

void xc_spans_free(xc_spans *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

void *xc_grow_n(void *v, size_t *cap, size_t n, size_t more, size_t size)
{
    size_t nc = *cap ? *cap : 16;
    void *p;
    if (more <= *cap && n <= *cap - more)
        return v;
    if (!size || more > SIZE_MAX - n)
        return NULL;
    while (nc < n + more) {
        if (nc > SIZE_MAX / 2)
            return NULL;
        nc *= 2;
    }
    if (nc > SIZE_MAX / size || !(p = realloc(v, nc * size)))
        return NULL;
    *cap = nc;
    return p;
}

void *xc_grow(void *v, size_t *cap, size_t n, size_t size)
{
    return xc_grow_n(v, cap, n, 1, size);
}

void xc_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

/* Sift V[i] down the max-heap V[0..n). */
static void sift_u64(uint64_t *v, size_t i, size_t n)
{
    uint64_t x = v[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && v[c + 1] > v[c])
            c++;
        if (v[c] <= x)
            break;
        v[i] = v[c];
        i = c;
    }
    v[i] = x;
}

static void heapsort_u64(uint64_t *v, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_u64(v, i, n);
    while (n > 1) {
        uint64_t t = v[0];
        v[0] = v[--n];
        v[n] = t;
        sift_u64(v, 0, n);
    }
}

/* Introsort: quicksort on the median of three, insertion sort for short
   runs, heapsort when the recursion gets deeper than 2 log2 n (an input
   built to defeat the pivots). */
static void intro_u64(uint64_t *v, size_t n, unsigned depth)
{
    while (n > 16) {
        uint64_t a, b, c, p;
        size_t i, j;
        if (!depth--) {
            heapsort_u64(v, n);
            return;
        }
        a = v[0], b = v[n / 2], c = v[n - 1];
        p = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
        /* Hoare partition: v[0..j] <= p <= v[j+1..n) */
        i = 0, j = n - 1;
        for (;;) {
            while (v[i] < p)
                i++;
            while (v[j] > p)
                j--;
            if (i >= j)
                break;
            uint64_t t = v[i];
            v[i] = v[j];
            v[j] = t;
            i++, j--;
        }
        /* recurse on the smaller side, loop on the larger */
        if (j + 1 < n - j - 1) {
            intro_u64(v, j + 1, depth);
            v += j + 1;
            n -= j + 1;
        } else {
            intro_u64(v + j + 1, n - j - 1, depth);
            n = j + 1;
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t x = v[i];
        size_t k = i;
        while (k > 0 && v[k - 1] > x) {
            v[k] = v[k - 1];
            k--;
        }
        v[k] = x;
    }
}

void xc_sort_u64(uint64_t *v, size_t n)
{
    unsigned depth = 0;
    for (size_t m = n; m > 1; m >>= 1)
        depth += 2;
    if (n > 1)
        intro_u64(v, n, depth);
}
