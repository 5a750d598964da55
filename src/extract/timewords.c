/*
 * timewords.c: the time-word lexicon (months, weekdays, units, shift and
 * edge words) and the folding every look-up goes through.  The extractors
 * call this for almost every word of a document, so the table is a sorted
 * array searched by bisection on a folded copy held on the stack: no
 * allocation, no locale, no initialisation.
 */
#include "extract/lexicon.h"

#include <string.h>

size_t xc_lex_fold(const char *w, size_t n, char *out, int *flags)
{
    size_t k = 0;
    *flags = 0;
    out[0] = '\0'; /* a word that is no lexicon word leaves "" behind */
    if (n >= 2 && w[n - 1] == '.') {
        n--;
        *flags |= XC_LEX_DOT;
    }
    /* possessive: 's or ’s (U+2019 is E2 80 99) */
    if (n > 2 && (w[n - 1] == 's' || w[n - 1] == 'S')) {
        if (w[n - 2] == '\'') {
            n -= 2;
            *flags |= XC_LEX_POSS;
        } else if (n > 4 && (unsigned char)w[n - 2] == 0x99 &&
                   (unsigned char)w[n - 3] == 0x80 &&
                   (unsigned char)w[n - 4] == 0xE2) {
            n -= 4;
            *flags |= XC_LEX_POSS;
        }
    }
    if (n == 0 || n >= XC_LEX_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c + 32);
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 &&
                   (unsigned char)w[i + 2] == 0x99) {
            c = '\''; /* ’ inside a word: "o’clock" */
            i += 2;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '\'' || c == '.')) {
            out[0] = '\0';
            return 0;
        }
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return k;
}

typedef struct tw_entry {
    const char *w;
    uint8_t cls;
    int8_t val;
    uint8_t flags;
} tw_entry;

/* Sorted by strcmp: the look-up bisects. */
static const tw_entry tw_table[] = {
    {"after", XC_TW_REL, 1, 0},
    {"afternoon", XC_TW_PART, 0, 0},
    {"ago", XC_TW_REL, -1, 0},
    {"apr", XC_TW_MONTH, 4, XC_TWF_ABBR},
    {"april", XC_TW_MONTH, 4, 0},
    {"aug", XC_TW_MONTH, 8, XC_TWF_ABBR},
    {"august", XC_TW_MONTH, 8, 0},
    {"autumn", XC_TW_SEASON, 3, 0},
    {"before", XC_TW_REL, -1, 0},
    {"centuries", XC_TW_UNIT, XC_TU_CENTURY, XC_TWF_PLURAL},
    {"century", XC_TW_UNIT, XC_TU_CENTURY, 0},
    {"coming", XC_TW_SHIFT, 1, 0},
    {"current", XC_TW_SHIFT, 0, 0},
    {"day", XC_TW_UNIT, XC_TU_DAY, 0},
    {"days", XC_TW_UNIT, XC_TU_DAY, XC_TWF_PLURAL},
    {"dec", XC_TW_MONTH, 12, XC_TWF_ABBR},
    {"decade", XC_TW_UNIT, XC_TU_DECADE, 0},
    {"decades", XC_TW_UNIT, XC_TU_DECADE, XC_TWF_PLURAL},
    {"december", XC_TW_MONTH, 12, 0},
    {"earlier", XC_TW_REL, -1, 0},
    {"early", XC_TW_EDGE, -1, 0},
    {"evening", XC_TW_PART, 0, 0},
    {"fall", XC_TW_SEASON, 3, XC_TWF_VERB},
    {"feb", XC_TW_MONTH, 2, XC_TWF_ABBR},
    {"february", XC_TW_MONTH, 2, 0},
    {"first", XC_TW_ORDINAL, 1, 0},
    {"fortnight", XC_TW_UNIT, XC_TU_FORTNIGHT, 0},
    {"fourth", XC_TW_ORDINAL, 4, 0},
    {"fri", XC_TW_WEEKDAY, 5, XC_TWF_ABBR},
    {"friday", XC_TW_WEEKDAY, 5, 0},
    {"hence", XC_TW_REL, 1, 0},
    {"hour", XC_TW_UNIT, XC_TU_HOUR, 0},
    {"hours", XC_TW_UNIT, XC_TU_HOUR, XC_TWF_PLURAL},
    {"jan", XC_TW_MONTH, 1, XC_TWF_ABBR},
    {"january", XC_TW_MONTH, 1, 0},
    {"jul", XC_TW_MONTH, 7, XC_TWF_ABBR},
    {"july", XC_TW_MONTH, 7, 0},
    {"jun", XC_TW_MONTH, 6, XC_TWF_ABBR},
    {"june", XC_TW_MONTH, 6, 0},
    {"last", XC_TW_SHIFT, -1, 0},
    {"late", XC_TW_EDGE, 1, 0},
    {"later", XC_TW_REL, 1, 0},
    {"mar", XC_TW_MONTH, 3, XC_TWF_ABBR},
    {"march", XC_TW_MONTH, 3, XC_TWF_VERB},
    {"may", XC_TW_MONTH, 5, XC_TWF_VERB},
    {"mid", XC_TW_EDGE, 0, 0},
    {"minute", XC_TW_UNIT, XC_TU_MINUTE, 0},
    {"minutes", XC_TW_UNIT, XC_TU_MINUTE, XC_TWF_PLURAL},
    {"mon", XC_TW_WEEKDAY, 1, XC_TWF_ABBR},
    {"monday", XC_TW_WEEKDAY, 1, 0},
    {"month", XC_TW_UNIT, XC_TU_MONTH, 0},
    {"months", XC_TW_UNIT, XC_TU_MONTH, XC_TWF_PLURAL},
    {"morning", XC_TW_PART, 0, 0},
    {"next", XC_TW_SHIFT, 1, 0},
    {"night", XC_TW_PART, 0, 0},
    {"nov", XC_TW_MONTH, 11, XC_TWF_ABBR},
    {"november", XC_TW_MONTH, 11, 0},
    {"oct", XC_TW_MONTH, 10, XC_TWF_ABBR},
    {"october", XC_TW_MONTH, 10, 0},
    {"past", XC_TW_SHIFT, -1, 0},
    {"previous", XC_TW_SHIFT, -1, 0},
    {"quarter", XC_TW_UNIT, XC_TU_QUARTER, 0},
    {"quarters", XC_TW_UNIT, XC_TU_QUARTER, XC_TWF_PLURAL},
    {"sat", XC_TW_WEEKDAY, 6, XC_TWF_ABBR | XC_TWF_VERB},
    {"saturday", XC_TW_WEEKDAY, 6, 0},
    {"second", XC_TW_ORDINAL, 2, 0},
    {"seconds", XC_TW_UNIT, XC_TU_SECOND, XC_TWF_PLURAL},
    {"sep", XC_TW_MONTH, 9, XC_TWF_ABBR},
    {"sept", XC_TW_MONTH, 9, XC_TWF_ABBR},
    {"september", XC_TW_MONTH, 9, 0},
    {"spring", XC_TW_SEASON, 1, 0},
    {"summer", XC_TW_SEASON, 2, 0},
    {"sun", XC_TW_WEEKDAY, 7, XC_TWF_ABBR | XC_TWF_VERB},
    {"sunday", XC_TW_WEEKDAY, 7, 0},
    {"third", XC_TW_ORDINAL, 3, 0},
    {"this", XC_TW_SHIFT, 0, 0},
    {"thu", XC_TW_WEEKDAY, 4, XC_TWF_ABBR},
    {"thur", XC_TW_WEEKDAY, 4, XC_TWF_ABBR},
    {"thurs", XC_TW_WEEKDAY, 4, XC_TWF_ABBR},
    {"thursday", XC_TW_WEEKDAY, 4, 0},
    {"today", XC_TW_RELDAY, 0, 0},
    {"tomorrow", XC_TW_RELDAY, 1, 0},
    {"tonight", XC_TW_RELDAY, 0, 0},
    {"tue", XC_TW_WEEKDAY, 2, XC_TWF_ABBR},
    {"tues", XC_TW_WEEKDAY, 2, XC_TWF_ABBR},
    {"tuesday", XC_TW_WEEKDAY, 2, 0},
    {"wed", XC_TW_WEEKDAY, 3, XC_TWF_ABBR | XC_TWF_VERB},
    {"wednesday", XC_TW_WEEKDAY, 3, 0},
    {"week", XC_TW_UNIT, XC_TU_WEEK, 0},
    {"weekend", XC_TW_UNIT, XC_TU_WEEKEND, 0},
    {"weekends", XC_TW_UNIT, XC_TU_WEEKEND, XC_TWF_PLURAL},
    {"weeks", XC_TW_UNIT, XC_TU_WEEK, XC_TWF_PLURAL},
    {"winter", XC_TW_SEASON, 4, 0},
    {"year", XC_TW_UNIT, XC_TU_YEAR, 0},
    {"years", XC_TW_UNIT, XC_TU_YEAR, XC_TWF_PLURAL},
    {"yesterday", XC_TW_RELDAY, -1, 0},
};

int xc_lex_timeword(const char *w, size_t n, xc_timeword *out)
{
    size_t lo = 0, hi = sizeof tw_table / sizeof tw_table[0];
    if (n < 3 || n > 9) /* "ago" .. "september" */
        hi = 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        /* strcmp's sign from the first bytes when they differ, without
           the call */
        unsigned char a = (unsigned char)w[0], b = (unsigned char)tw_table[mid].w[0];
        int c = a != b ? (a < b ? -1 : 1) : strcmp(w, tw_table[mid].w);
        if (c == 0) {
            out->cls = tw_table[mid].cls;
            out->val = tw_table[mid].val;
            out->flags = tw_table[mid].flags;
            return out->cls;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    out->cls = XC_TW_NONE;
    out->val = 0;
    out->flags = 0;
    return XC_TW_NONE;
}
