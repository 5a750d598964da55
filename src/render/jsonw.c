/*
 * jsonw.c: the streaming JSON writer of jsonw.h.  The layout is jansson's
 * (dump.c) so that dossiers read the same as when jansson wrote them: an
 * empty container is "[]" or "{}"; a non-empty one puts each member on its
 * own line, indented one level deeper, members separated by ",", the
 * closing bracket back on its parent's level; a key is followed by ": " (or
 * ":" in compact mode, where nothing else separates anything).  Strings
 * escape '"', '\\', \b \f \n \r \t and the other bytes below 0x20 as \u00XX
 * (upper-case hex); DEL, '/' and U+2028/9 go out as they are.
 */
#include "render/jsonw.h"

#include "text/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define XC_JSONW_BUF 65536

xc_code xc_jsonw_init(xc_jsonw *w, FILE *out, int indent)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->indent = indent > 0 ? indent : 0;
    if (!(w->buf = malloc(XC_JSONW_BUF)))
        w->err = XC_ERR_NOMEM;
    return w->err;
}

void xc_jsonw_fail(xc_jsonw *w, xc_code code)
{
    if (!w->err)
        w->err = code;
}

xc_code xc_jsonw_flush(xc_jsonw *w)
{
    if (!w->err && w->len && fwrite(w->buf, 1, w->len, w->out) != w->len)
        w->err = XC_ERR_IO;
    w->len = 0;
    return w->err;
}

static void put(xc_jsonw *w, const char *s, size_t n)
{
    if (w->err)
        return;
    if (n > XC_JSONW_BUF - w->len) {
        if (xc_jsonw_flush(w) != XC_OK)
            return;
        if (n > XC_JSONW_BUF) {
            if (fwrite(s, 1, n, w->out) != n)
                w->err = XC_ERR_IO;
            return;
        }
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

void xc_jsonw_raw(xc_jsonw *w, const char *s, size_t n)
{
    put(w, s, n);
}

/* A newline and the indentation of depth D (nothing in compact mode). */
static void newline(xc_jsonw *w, int d)
{
    static const char spaces[] = "\n                                                                ";
    size_t n = (size_t)d * (size_t)w->indent;
    if (!w->indent)
        return;
    put(w, spaces, 1);
    while (n) {
        size_t k = n < sizeof spaces - 2 ? n : sizeof spaces - 2;
        put(w, spaces + 1, k);
        n -= k;
    }
}

/* What goes before a member of the open container: nothing after a key,
   else a line break (and a comma unless it is the first member).  KEY says
   whether the member is a key; 0 when the call is misplaced. */
static int member(xc_jsonw *w, int key)
{
    uint64_t bit;
    if (w->err)
        return 0;
    if (w->depth == 0) {
        if (key)
            w->err = XC_ERR_INTERNAL;
        return !key;
    }
    bit = UINT64_C(1) << (w->depth - 1);
    if (w->after_key) {
        if (key) {
            w->err = XC_ERR_INTERNAL;
            return 0;
        }
        w->after_key = 0;
        return 1;
    }
    if (!(w->object & bit) != !key) { /* a key in an array, a bare value in an object */
        w->err = XC_ERR_INTERNAL;
        return 0;
    }
    if (w->empty & bit)
        w->empty &= ~bit;
    else
        put(w, ",", 1);
    newline(w, w->depth);
    return 1;
}

static void begin(xc_jsonw *w, int object)
{
    uint64_t bit;
    if (!member(w, 0))
        return;
    if (w->depth >= XC_JSONW_DEPTH) {
        w->err = XC_ERR_INTERNAL;
        return;
    }
    bit = UINT64_C(1) << w->depth++;
    w->empty |= bit;
    if (object)
        w->object |= bit;
    else
        w->object &= ~bit;
    put(w, object ? "{" : "[", 1);
}

static void end(xc_jsonw *w, int object)
{
    uint64_t bit;
    if (w->err)
        return;
    bit = w->depth ? UINT64_C(1) << (w->depth - 1) : 0;
    if (!bit || w->after_key || !(w->object & bit) != !object) {
        w->err = XC_ERR_INTERNAL;
        return;
    }
    w->depth--;
    if (!(w->empty & bit))
        newline(w, w->depth);
    put(w, object ? "}" : "]", 1);
}

void xc_jsonw_begin_object(xc_jsonw *w) { begin(w, 1); }
void xc_jsonw_end_object(xc_jsonw *w) { end(w, 1); }
void xc_jsonw_begin_array(xc_jsonw *w) { begin(w, 0); }
void xc_jsonw_end_array(xc_jsonw *w) { end(w, 0); }

/* Nonzero when one of the eight bytes of X needs a closer look: a byte
   below 0x20 or from 0x80, '"' or '\\'.  (Exact as a yes/no answer.) */
static int special8(uint64_t x)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) | x) & high) != 0;
}

static void string(xc_jsonw *w, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, start = 0;
    put(w, "\"", 1);
    while (i < n) {
        unsigned char c = p[i];
        char esc[8];
        size_t len;
        if (n - i >= 8) {
            uint64_t x;
            memcpy(&x, p + i, 8);
            if (!special8(x)) {
                i += 8;
                continue;
            }
        }
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0x80) {
            if (xc_utf8_decode(s + i, n - i, &len) >= 0) {
                i += len;
                continue;
            }
            put(w, s + start, i - start);
            put(w, "\xEF\xBF\xBD", 3); /* U+FFFD for the byte that is not UTF-8 */
            start = ++i;
            continue;
        }
        put(w, s + start, i - start);
        esc[0] = '\\';
        len = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = "0123456789ABCDEF"[c >> 4];
            esc[5] = "0123456789ABCDEF"[c & 15];
            len = 6;
        }
        put(w, esc, len);
        start = ++i;
    }
    put(w, s + start, i - start);
    put(w, "\"", 1);
}

void xc_jsonw_key(xc_jsonw *w, const char *key)
{
    if (!member(w, 1))
        return;
    string(w, key, strlen(key));
    if (w->indent)
        put(w, ": ", 2);
    else
        put(w, ":", 1);
    w->after_key = 1;
}

void xc_jsonw_string(xc_jsonw *w, const char *s, size_t n)
{
    if (member(w, 0))
        string(w, n ? s : "", n);
}

void xc_jsonw_cstr(xc_jsonw *w, const char *s)
{
    if (!s)
        xc_jsonw_null(w);
    else if (member(w, 0))
        string(w, s, strlen(s));
}

void xc_jsonw_int(xc_jsonw *w, int64_t v)
{
    char b[24], *e = b + sizeof b, *p = e;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (!member(w, 0))
        return;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    put(w, p, (size_t)(e - p));
}

void xc_jsonw_real(xc_jsonw *w, double v)
{
    char b[40], *e;
    int n;
    if (!isfinite(v)) {
        xc_jsonw_null(w);
        return;
    }
    if (!member(w, 0))
        return;
    n = snprintf(b, sizeof b - 2, "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof b - 2) {
        w->err = XC_ERR_INTERNAL;
        return;
    }
    /* whatever the locale's decimal point, JSON's is '.' */
    for (int k = 0; k < n; k++)
        if (!(b[k] >= '0' && b[k] <= '9') && b[k] != '-' && b[k] != '+' && b[k] != 'e')
            b[k] = '.';
    if (!strchr(b, '.') && !strchr(b, 'e')) {
        memcpy(b + n, ".0", 3); /* still a real when read back */
        n += 2;
    }
    if ((e = strchr(b, 'e'))) { /* "e+07" -> "e7", "e-05" -> "e-5" */
        char *from = e + 2, *to = e + 1;
        if (*to == '-')
            to++;
        while (*from == '0')
            from++;
        memmove(to, from, strlen(from) + 1);
        n = (int)strlen(b);
    }
    put(w, b, (size_t)n);
}

void xc_jsonw_bool(xc_jsonw *w, int v)
{
    if (member(w, 0))
        put(w, v ? "true" : "false", v ? 4 : 5);
}

void xc_jsonw_null(xc_jsonw *w)
{
    if (member(w, 0))
        put(w, "null", 4);
}

xc_code xc_jsonw_finish(xc_jsonw *w)
{
    xc_code rc;
    if (!w->err && (w->depth || w->after_key))
        w->err = XC_ERR_INTERNAL;
    rc = xc_jsonw_flush(w);
    free(w->buf);
    w->buf = NULL;
    return rc;
}
