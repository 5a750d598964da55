/*
 * utf8.c: the first thing every input goes through.  Reports arrive as bytes
 * in whatever encoding the page or the editor used; everything after this
 * file works on UTF-8 only.  Here we validate UTF-8 strictly (no overlongs,
 * surrogates or code points past U+10FFFF, so later stages can decode
 * without checks), recognise the few other encodings news text really comes
 * in (UTF-16 with a byte-order mark from Windows tools, Windows-1252 from
 * old CMSes and Latin-1 files) and convert them with iconv, and refuse what
 * is not text at all (binary files, empty files) with a message a person can
 * act on.
 */
#include "text/text.h"

#include "core/util.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Share of control characters above which an input is taken as binary:
   text has almost none besides \t \n \r \f, binary formats many. */
#define XC_CTRL_PERCENT 10

/*
 * Length of the valid sequence at S[0..N) (1 to 4), or 0 when the bytes
 * there are not a valid UTF-8 sequence.  The ranges for the second byte
 * are those of Unicode's table 3-7, which excludes overlongs (C0, C1, E0
 * 80..9F, F0 80..8F), surrogates (ED A0..BF) and values past U+10FFFF
 * (F4 90.., F5..FF) in one comparison each.
 */
static size_t seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t len, k;

    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        len = 2;
    } else if (c < 0xF0) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c < 0xF5) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (k = 2; k < len; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return len;
}

size_t xc_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        /* Most news text is ASCII: check eight bytes at a time. */
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!(w & UINT64_C(0x8080808080808080))) {
                i += 8;
                continue;
            }
        }
        if (p[i] < 0x80) {
            i++;
        } else {
            size_t len = seq_len(p + i, n - i);
            if (!len)
                return i;
            i += len;
        }
    }
    return n;
}

int32_t xc_utf8_decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t l;

    if (n == 0) {
        *len = 0;
        return -1;
    }
    if (p[0] < 0x80) {
        *len = 1;
        return p[0];
    }
    l = seq_len(p, n);
    *len = l ? l : 1;
    switch (l) {
    case 2:
        return (int32_t)(((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu));
    case 3:
        return (int32_t)(((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) |
                         (p[2] & 0x3Fu));
    case 4:
        return (int32_t)(((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
                         ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu));
    default:
        return -1;
    }
}

/* Nonzero for the code points a person sees as blank: ASCII white space,
   the Unicode space separators, line/paragraph separators, and the
   zero-width characters (BOM, ZWSP) pasted text carries. */
static int is_blank_cp(int32_t c)
{
    switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case 0x85: case 0xA0: case 0x1680: case 0x200B: case 0x2028:
    case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
        return 1;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

static int only_blank(const char *s, size_t n)
{
    size_t i = 0, len;
    while (i < n) {
        if (!is_blank_cp(xc_utf8_decode(s + i, n - i, &len)))
            return 0;
        i += len;
    }
    return 1;
}

/* Control characters a text file does not hold (C0 except tab, line
   feed, carriage return and form feed; and DEL). */
static int is_bad_ctrl(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
           c == 0x7F;
}

/* Nonzero when too many of the characters of UTF-8 or single-byte text S
   are control characters.  Counts characters, not bytes, so that text in a
   script of two-byte letters is judged by the same measure. */
static int too_many_ctrl(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i, chars = 0, ctrl = 0;
    for (i = 0; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            chars++;
        if (is_bad_ctrl(p[i]))
            ctrl++;
    }
    return chars && ctrl * 100 > chars * XC_CTRL_PERCENT;
}

/* Nonzero when S holds at least one valid multi-byte UTF-8 sequence: then
   the text was meant as UTF-8 and its invalid bytes are damage, not a
   single-byte encoding. */
static int has_multibyte(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] >= 0xC2 && seq_len(p + i, n - i) > 1)
            return 1;
    return 0;
}

/*
 * Convert RAW[SKIP..N) from encoding FROM to UTF-8 into a new buffer (*out,
 * *outlen; caller frees); SKIP passes over a byte-order mark while error
 * offsets still count from the start of the input.  When LATIN1_FALLBACK
 * is set, a byte FROM does not define is taken as its Latin-1 code point
 * (Windows-1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined; Latin-1 files
 * use them as C1 controls).
 * Fails with XC_ERR_ENCODING naming the offset of the first byte that
 * cannot be converted, XC_ERR_NOMEM, or XC_ERR_INTERNAL when iconv lacks
 * the encoding.
 */
static xc_code convert(const char *raw, size_t n, size_t skip,
                       const char *from, int latin1_fallback, char **out,
                       size_t *outlen, xc_error *err)
{
    iconv_t cd;
    char *buf, *in, *o;
    size_t cap, inleft, outleft;

    /* Each input byte becomes at most three output bytes (a UTF-16 unit
       of two bytes at most three, a Windows-1252 byte at most three):
       this bound is also the buffer's cap. */
    if (n > ((size_t)-1 - 1) / 3)
        return xc_fail(err, XC_ERR_TOO_BIG, "input too large to convert");
    cap = 3 * n + 1;
    buf = malloc(cap);
    if (!buf)
        return xc_fail(err, XC_ERR_NOMEM, "out of memory converting %s", from);
    cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        free(buf);
        return xc_fail(err, XC_ERR_INTERNAL,
                       "iconv cannot convert from %s on this system", from);
    }
    in = (char *)(uintptr_t)(raw + skip); /* iconv's prototype lacks const */
    inleft = n - skip;
    o = buf;
    outleft = cap - 1;
    while (inleft > 0) {
        size_t r = iconv(cd, &in, &inleft, &o, &outleft);
        int e = errno;
        if (r != (size_t)-1)
            break;
        if (e == EILSEQ && latin1_fallback && outleft >= 2) {
            unsigned char b = (unsigned char)*in;
            *o++ = (char)(0xC0 | (b >> 6));
            *o++ = (char)(0x80 | (b & 0x3F));
            outleft -= 2;
            in++;
            inleft--;
            continue;
        }
        {
            size_t at = (size_t)(in - raw);
            iconv_close(cd);
            free(buf);
            if (e == E2BIG) /* cannot happen with the bound above */
                return xc_fail(err, XC_ERR_INTERNAL,
                               "converting from %s overflowed its buffer", from);
            if (e == EINVAL)
                return xc_fail(err, XC_ERR_ENCODING,
                               "invalid %s at byte %zu: truncated at the end",
                               from, at);
            return xc_fail(err, XC_ERR_ENCODING, "invalid %s at byte %zu",
                           from, at);
        }
    }
    iconv_close(cd);
    *o = '\0';
    *out = buf;
    *outlen = (size_t)(o - buf);
    return XC_OK;
}

/* The checks every decoded text passes, whatever it came from. */
static xc_code check_decoded(const char *s, size_t n, const char *from,
                             xc_error *err)
{
    size_t ok = xc_utf8_valid_prefix(s, n);
    if (ok < n)
        return xc_fail(err, XC_ERR_ENCODING,
                       "converting from %s gave invalid UTF-8 at byte %zu",
                       from, ok);
    if (memchr(s, '\0', n))
        return xc_fail(err, XC_ERR_BINARY,
                       "not text: the %s input holds NUL characters", from);
    if (too_many_ctrl(s, n))
        return xc_fail(err, XC_ERR_BINARY,
                       "not text: more than %d%% control characters",
                       XC_CTRL_PERCENT);
    if (only_blank(s, n))
        return xc_fail(err, XC_ERR_EMPTY, "no text: only white space");
    return XC_OK;
}

xc_code xc_text_decode(const char *raw, size_t n, xc_decoded *out,
                       xc_error *err)
{
    const unsigned char *p = (const unsigned char *)raw;
    const char *from = NULL;
    char *text = NULL;
    size_t len = 0, bad;
    xc_code rc;

    if (!out || (!raw && n))
        return xc_fail(err, XC_ERR_ARG, "xc_text_decode: no input or output");
    out->text = NULL;
    out->len = 0;
    out->from = NULL;
    if (n == 0)
        return xc_fail(err, XC_ERR_EMPTY, "no text: the input is empty");

    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
                   (p[0] == 0xFE && p[1] == 0xFF))) {
        from = p[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        rc = convert(raw, n, 2, from, 0, &text, &len, err);
        if (rc != XC_OK)
            return rc;
    } else {
        if (memchr(raw, '\0', n))
            return xc_fail(err, XC_ERR_BINARY,
                           "not text: the input holds NUL bytes");
        if (too_many_ctrl(raw, n))
            return xc_fail(err, XC_ERR_BINARY,
                           "not text: more than %d%% control characters",
                           XC_CTRL_PERCENT);
        bad = xc_utf8_valid_prefix(raw, n);
        if (bad == n) {
            text = xc_strndup(raw, n);
            if (!text)
                return xc_fail(err, XC_ERR_NOMEM, "out of memory");
            len = n;
        } else if (!has_multibyte(raw, n)) {
            from = "WINDOWS-1252";
            rc = convert(raw, n, 0, from, 1, &text, &len, err);
            if (rc != XC_OK)
                return rc;
        } else {
            return xc_fail(err, XC_ERR_ENCODING,
                           "invalid UTF-8 at byte %zu (0x%02X): the text mixes "
                           "UTF-8 with another encoding or is damaged",
                           bad, p[bad]);
        }
    }

    /* text that was UTF-8 already is a copy of what passed the checks
       above: only the blank test is new */
    if (from)
        rc = check_decoded(text, len, from, err);
    else
        rc = only_blank(text, len)
                 ? xc_fail(err, XC_ERR_EMPTY, "no text: only white space")
                 : XC_OK;
    if (rc != XC_OK) {
        free(text);
        return rc;
    }
    out->text = text;
    out->len = len;
    out->from = from;
    return XC_OK;
}
