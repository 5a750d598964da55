/*
 * fold.c: the form text takes when two reports are compared.  "PASHINYAN",
 * "Pashinyan", a name typed with a combining accent and the same name with
 * a precomposed one must all match, so comparison runs on NFC-normalized,
 * case-folded text (full folding: "Straße" matches "STRASSE").  utf8proc
 * does the Unicode work.  The folded copy is for comparing only: offsets
 * reported to the user always point into the original text.
 */
#include "text/text.h"

#include <stdlib.h>
#include <utf8proc.h>

char *xc_text_fold(const char *s, size_t n, size_t *outlen)
{
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r;

    if (outlen)
        *outlen = 0;
    if (!s && n)
        return NULL;
    /* Check with our own validator first so that what counts as valid
       UTF-8 is decided in one place (utf8proc agrees, but the contract is
       ours), and so that a length past what utf8proc can index is
       refused rather than truncated. */
    if (n > (size_t)(((size_t)-1) >> 2) || xc_utf8_valid_prefix(s, n) != n)
        return NULL;
    r = utf8proc_map((const utf8proc_uint8_t *)(n ? s : ""),
                     (utf8proc_ssize_t)n, &dst,
                     (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                         UTF8PROC_CASEFOLD));
    if (r < 0) {
        free(dst);
        return NULL;
    }
    if (outlen)
        *outlen = (size_t)r;
    return (char *)dst;
}
