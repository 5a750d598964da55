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

void xc_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}
