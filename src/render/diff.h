/*
 * diff.h: where two sentences differ, word by word, for the renderers
 * (Markdown and HTML show the words one report has and the other has not).
 * Words are compared folded (case, accents, apostrophes ignored); the
 * punctuation between them never counts.  Internal; prefix xc_wdiff_.
 */
#ifndef XC_DIFF_H
#define XC_DIFF_H

#include "crosscheck.h"

#include <stddef.h>

/* Longest middle part (in words, per sentence) compared word by word after
   the common beginning and end are set aside; a longer one is marked
   different whole, so the work stays under XC_WDIFF_MAX squared. */
#define XC_WDIFF_MAX 400

typedef struct xc_wdiff {
    xc_span *a;   /* byte spans of A (offsets from A) whose words B lacks, */
    size_t na;    /* in order, adjacent differing words joined into one */
    xc_span *b;   /* the same for B */
    size_t nb;
} xc_wdiff;

/*
 * Compare A[0..LA) and B[0..LB) (UTF-8; invalid bytes count as word
 * characters) by a longest common subsequence of their folded words and
 * fill OUT with the spans that are not in it.  OUT is overwritten (caller
 * frees with xc_wdiff_free, also after a failure).  Fails only with
 * XC_ERR_NOMEM.
 */
xc_code xc_wdiff_words(const char *a, size_t la, const char *b, size_t lb,
                       xc_wdiff *out);
void xc_wdiff_free(xc_wdiff *d);

#endif
