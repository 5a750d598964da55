/*
 * lexicon.h: the word lists and small readers the time and quantity
 * extractors share (timewords.c, numwords.c).  Both extractors walk the same
 * tokens and must agree on what is a date and what is a number: a day in
 * "February 5" or a year in "in 2020" is a time, never a quantity, and the
 * "20" of "20 years ago" belongs to the time expression.  Everything here
 * works on one token at a time, allocates nothing and is safe to call from
 * several threads.  Internal; prefix xc_lex_.
 */
#ifndef XC_LEXICON_H
#define XC_LEXICON_H

#include "text/text.h"

#include <stddef.h>
#include <stdint.h>

/* ---- Token text -------------------------------------------------------- */

/* Longest word the lexicons hold, with room for the NUL. */
#define XC_LEX_MAX 24

enum {
    XC_LEX_DOT = 1,  /* the token ended in a period ("Feb.") */
    XC_LEX_POSS = 2  /* the token ended in 's or ’s ("today's") */
};

/*
 * The look-up form of the word W[0..N): ASCII lower case, without a final
 * period or possessive 's, written to OUT (XC_LEX_MAX bytes) with a NUL.
 * Returns its length and sets *flags (XC_LEX_*), or 0 when the word is too
 * long or holds anything but ASCII letters, digits, hyphens, apostrophes
 * and periods (no lexicon word does); OUT then holds "".  OUT is always a
 * NUL-terminated string.
 */
size_t xc_lex_fold(const char *w, size_t n, char *out, int *flags);

/* ---- Time words (timewords.c) ------------------------------------------ */

typedef enum xc_tw_class {
    XC_TW_NONE = 0,
    XC_TW_MONTH,   /* val 1..12 */
    XC_TW_WEEKDAY, /* val 1 (Monday) .. 7 (Sunday) */
    XC_TW_RELDAY,  /* yesterday -1, today 0, tomorrow +1, tonight 0 */
    XC_TW_UNIT,    /* val: XC_TU_* */
    XC_TW_SEASON,  /* val 1 spring, 2 summer, 3 autumn, 4 winter */
    XC_TW_SHIFT,   /* last -1, this 0, next +1 (and past, coming, ...) */
    XC_TW_PART,    /* morning, afternoon, evening, night */
    XC_TW_EDGE,    /* early -1, mid 0, late +1 */
    XC_TW_REL,     /* ago -1, earlier -1, before -1, later +1, after +1 */
    XC_TW_ORDINAL  /* first 1 .. fourth 4 (for quarters and halves) */
} xc_tw_class;

typedef enum xc_tw_unit {
    XC_TU_DAY = 1,
    XC_TU_WEEK,
    XC_TU_WEEKEND,
    XC_TU_FORTNIGHT,
    XC_TU_MONTH,
    XC_TU_QUARTER,
    XC_TU_YEAR,
    XC_TU_DECADE,
    XC_TU_CENTURY,
    XC_TU_HOUR,
    XC_TU_MINUTE,
    XC_TU_SECOND
} xc_tw_unit;

enum {
    XC_TWF_ABBR = 1,   /* an abbreviation: "Feb", "Sept", "Fri" */
    XC_TWF_PLURAL = 2, /* "years", "days" */
    XC_TWF_VERB = 4    /* also a common verb or noun in lower case: "may",
                          "march", "sun", "sat", "wed" */
};

typedef struct xc_timeword {
    uint8_t cls;   /* xc_tw_class */
    int8_t val;
    uint8_t flags; /* XC_TWF_* */
} xc_timeword;

/* Look up the folded word W[0..N) (from xc_lex_fold); returns its class,
   XC_TW_NONE when it is no time word. */
int xc_lex_timeword(const char *w, size_t n, xc_timeword *out);

/* ---- Number words and amounts (numwords.c) ----------------------------- */

typedef struct xc_amount {
    double value;    /* finite, >= 0 */
    size_t first;    /* first token of the amount */
    size_t last;     /* its last token (inclusive) */
    size_t tail;     /* byte offset where a unit glued on by a hyphen starts
                        inside the last token ("20-year": at "year"), else 0 */
    uint8_t spelled; /* written in words ("Nineteen", "two-thirds") */
    uint8_t fraction;/* a fraction ("half", "two-thirds", "a third") */
    uint8_t scaled;  /* took a scale word ("1.5 million", "5bn") */
    uint8_t one;     /* the bare word "one", "a" or "an" (often no count) */
} xc_amount;

/*
 * Read an amount beginning at token I of TK (before token END, the end of
 * its sentence): digits ("13", "1,000", "3.5", "5bn"), spelled numbers
 * ("Nineteen", "twenty-five", "two hundred and fifty", "a dozen"), either
 * with a scale ("1.5 million", "two billion") and fractions ("two-thirds",
 * "half of", "a third of").  A number glued to a unit by a hyphen
 * ("20-year", "two-day") is read with A->tail at the unit.  Numbers with
 * more than 15 digits, times of day ("10:30"), ordinals ("13th"),
 * decades ("1990s") and identifiers ("1e400", "F-16") are not amounts.
 * Returns 1 and fills A, or 0.
 */
int xc_lex_amount(const char *text, const xc_tokens *tk, size_t i, size_t end,
                  xc_amount *a);

/* Value of a NUMBER token of plain digits (no separators) of at most 9
   digits, or -1. */
long xc_lex_digits(const char *text, const xc_token *t);

/*
 * Nonzero if NUMBER token I of TK (within the sentence [FIRST, END)) is a
 * year: four digits from 1000 to 2199 without separators, not money ("$2000"),
 * not a percentage, not a count ("2000 people", "about 1500"), not part of a
 * name ("Windows 2000") and not a number in an identifier.  Times and
 * quantities both ask this, so a year is never both.
 */
int xc_lex_is_year(const char *text, const xc_tokens *tk, size_t i,
                   size_t first, size_t end);

#endif
