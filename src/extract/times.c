/*
 * times.c: the date expressions of one report, normalized to TIMEX3 date
 * values ("2026-02-13", "2026-02", "2026", "XXXX-02-13").  Reports of one
 * story disagree about when things happened as often as about what
 * happened, and most of their dates are relative ("on Friday", "last
 * month"), so each one is resolved against the report's publication date
 * the way news is written:
 *
 *   - a bare weekday or month, or a month and day without a year, takes
 *     its direction from the tense around it: past ("said", "was", -ed
 *     verbs) means the most recent one on or before the publication date
 *     (a weekday can be the day itself, as wire copy names the day of
 *     publication: "said Friday"), future ("will", "is expected to", "is
 *     due to", "is scheduled") the next one on or after it; without either
 *     a weekday is taken as past and a month (with or without day) as the
 *     nearest one, and a tense that would put a month or date more than
 *     eight months away is taken for a misreading (see resolve_year);
 *   - "last"/"next" + weekday or month are strictly before/after;
 *   - "yesterday", "last year", "two months ago", "earlier this month" are
 *     counted from the publication date;
 *   - "two months after", "a year earlier" count from some other event, so
 *     their value is null (anchor "none");
 *   - weeks, weekends, quarters and seasons have no value the dossier
 *     format allows (TIMEX3's 2026-W07, 2026-Q3, 2026-SU): a week or
 *     weekend gives the month holding most of it (its Thursday or
 *     Saturday: AQUAINT's annotators often give "last week" its month,
 *     and null instead scores 0.831 there against 0.840), a quarter
 *     ("the third quarter", "third-quarter") or
 *     season its year.  Measured on TimeBank, where most quarters are:
 *     leaving them out keeps value accuracy at 0.79 but recall falls to
 *     0.69 (F1 0.80); with them F1 is 0.88 and value accuracy 0.68, every
 *     quarter counting as a wrong value since no allowed value can match;
 *   - holidays ("Christmas Eve", "New Year's Day", "Thanksgiving",
 *     "Easter") resolve like a month and day; years said in words
 *     ("nineteen ninety-one", in broadcast transcripts) are years;
 *   - without a full publication date nothing is guessed: a month and day
 *     keep "XXXX", a bare month "XXXX-MM", the rest is null with anchor
 *     "none" (a year-only date still resolves "last year").
 *
 * The span of an expression is what TimeML marks: the date words with
 * their modifiers ("last Friday", "early next year", "two weeks ago",
 * "Friday night"), without the preposition ("on", "in").  A range of years
 * ("2022-2023", "1995-96") gives two expressions, one per year, so each end
 * can be compared across reports.
 *
 * Not dates: "may" (lower case is the verb; "May" needs a day, a year or a
 * word like "in" before it), "March"/"August" as names or nouns (same
 * rule, and a capitalized word after a bare month makes it a name),
 * numbers that are percentages, counts ("2000 people"), money, parts of
 * names ("France 24", "Windows 2000"), times of day, decades ("the 1990s":
 * no allowed value), "today's" before a noun ("today's Armenia": the
 * present, not a day), references to the present or past as such ("now",
 * "recently": TIMEX3 PRESENT_REF and PAST_REF have no allowed value), and
 * anything in boilerplate.
 *
 * The scan is one pass over the tokens: a token is only looked at further
 * when it is a number or a word of the time lexicon, so the cost per token
 * is a fold into a stack buffer and a bisection.
 */
#include "extract/extract.h"
#include "extract/lexicon.h"

#include <stdlib.h>
#include <string.h>

/* ---- Calendar ----------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(int y, int m, int d)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    long era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 1 (Monday) .. 7 (Sunday); 1970-01-01 was a Thursday. */
static int weekday_of(long z)
{
    long r = (z + 3) % 7;
    return (int)(r < 0 ? r + 7 : r) + 1;
}

static int month_days(int y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        return 29;
    return md[m - 1];
}

/* ---- Values ------------------------------------------------------------- */

typedef struct tval {
    int y, m, d;
    uint8_t prec;   /* 0 null, 1 year, 2 month, 3 day */
    uint8_t noyear; /* the year is unknown: XXXX */
} tval;

static void put_num(char *p, int v, int width)
{
    for (int k = width - 1; k >= 0; k--) {
        p[k] = (char)('0' + v % 10);
        v /= 10;
    }
}

static void format_value(const tval *v, char out[11])
{
    out[0] = '\0';
    if (v->prec == 0 || v->y < 0 || v->y > 9999)
        return;
    if (v->noyear)
        memcpy(out, "XXXX", 4);
    else
        put_num(out, v->y, 4);
    out[4] = '\0';
    if (v->prec >= 2) {
        out[4] = '-';
        put_num(out + 5, v->m, 2);
        out[7] = '\0';
    }
    if (v->prec >= 3) {
        out[7] = '-';
        put_num(out + 8, v->d, 2);
        out[10] = '\0';
    }
}

static tval val_day(long z)
{
    tval v = {0, 0, 0, 3, 0};
    civil_from_days(z, &v.y, &v.m, &v.d);
    return v;
}

static tval val_month(int y, int m)
{
    tval v = {y, m, 0, 2, 0};
    while (v.m < 1) {
        v.m += 12;
        v.y--;
    }
    while (v.m > 12) {
        v.m -= 12;
        v.y++;
    }
    return v;
}

static tval val_year(int y)
{
    tval v = {y, 0, 0, 1, 0};
    return v;
}

static const tval val_null = {0, 0, 0, 0, 0};

/* ---- Scan state --------------------------------------------------------- */

typedef struct tctx {
    const xc_doc *doc;
    const xc_tokens *tk;
    const char *s;
    int prec;            /* publication date: 0 none, 1 year, 2 month, 3 day */
    int y, m, d;
    long dct;            /* its day number when prec == 3 */
    size_t first, end;   /* tokens of the current sentence */
    size_t done;         /* tokens before this belong to an emitted expression */
    xc_times *out;
    xc_code rc;
} tctx;

static void parse_published(tctx *c, const char *p)
{
    int y = 0, m = 0, d = 0, k;
    c->prec = 0;
    if (!p)
        return;
    for (k = 0; k < 4; k++) {
        if (p[k] < '0' || p[k] > '9')
            return;
        y = y * 10 + (p[k] - '0');
    }
    c->y = y;
    c->prec = 1;
    if (p[4] != '-' || p[5] < '0' || p[5] > '9' || p[6] < '0' || p[6] > '9')
        return;
    m = (p[5] - '0') * 10 + (p[6] - '0');
    if (m < 1 || m > 12)
        return;
    c->m = m;
    c->prec = 2;
    if (p[7] != '-' || p[8] < '0' || p[8] > '9' || p[9] < '0' || p[9] > '9')
        return;
    d = (p[8] - '0') * 10 + (p[9] - '0');
    if (d < 1 || d > month_days(y, m))
        return;
    c->d = d;
    c->prec = 3;
    c->dct = days_from_civil(y, m, d);
}

static const xc_token *tok(const tctx *c, size_t i)
{
    return &c->tk->tok[i];
}

/* Folded word at token I into BUF (XC_LEX_MAX), or 0 when not a word. */
static size_t word_at(const tctx *c, size_t i, char *buf, int *fl)
{
    const xc_token *t = tok(c, i);
    if (t->kind != XC_TOK_WORD)
        return 0;
    return xc_lex_fold(c->s + t->start, t->end - t->start, buf, fl);
}

static int tw_at(const tctx *c, size_t i, xc_timeword *tw)
{
    char buf[XC_LEX_MAX];
    int fl;
    size_t n = word_at(c, i, buf, &fl);
    tw->cls = XC_TW_NONE;
    if (!n)
        return XC_TW_NONE;
    return xc_lex_timeword(buf, n, tw);
}

static int word_is(const tctx *c, size_t i, const char *w)
{
    char buf[XC_LEX_MAX];
    int fl;
    return word_at(c, i, buf, &fl) && !strcmp(buf, w);
}

static int word_in(const char *w, const char *const *list)
{
    /* the first byte before the call: most words differ there */
    for (size_t k = 0; list[k]; k++)
        if (list[k][0] == w[0] && !strcmp(w, list[k]))
            return 1;
    return 0;
}

static int is_cap(const tctx *c, size_t i)
{
    return (tok(c, i)->flags & XC_TF_UPPER_INIT) != 0;
}

static int punct_is(const tctx *c, size_t i, char ch)
{
    const xc_token *t = tok(c, i);
    return t->end - t->start == 1 && c->s[t->start] == ch;
}

static int is_dash(const tctx *c, size_t i)
{
    const xc_token *t = tok(c, i);
    return t->kind == XC_TOK_DASH || (t->end - t->start == 1 && c->s[t->start] == '-');
}

/* A day of the month at token I: "14", "5th". */
static int day_at(const tctx *c, size_t i)
{
    const xc_token *t = tok(c, i);
    const char *p = c->s + t->start;
    size_t n = t->end - t->start;
    int v;
    if (t->kind == XC_TOK_NUMBER) {
        if (n > 2)
            return 0;
        v = (int)xc_lex_digits(c->s, t);
        return v >= 1 && v <= 31 ? v : 0;
    }
    if (t->kind != XC_TOK_WORD || n < 3 || n > 4 || p[0] < '0' || p[0] > '9')
        return 0;
    v = p[0] - '0';
    if (p[1] >= '0' && p[1] <= '9')
        v = v * 10 + (p[1] - '0');
    {
        const char *suf = p + (v >= 10 ? 2 : 1);
        size_t sl = n - (size_t)(v >= 10 ? 2 : 1);
        if (sl != 2 || !(!memcmp(suf, "st", 2) || !memcmp(suf, "nd", 2) ||
                         !memcmp(suf, "rd", 2) || !memcmp(suf, "th", 2)))
            return 0;
    }
    return v >= 1 && v <= 31 ? v : 0;
}

static int year_at(const tctx *c, size_t i)
{
    if (i >= c->end || tok(c, i)->kind != XC_TOK_NUMBER ||
        !xc_lex_is_year(c->s, c->tk, i, c->first, c->end))
        return 0;
    return (int)xc_lex_digits(c->s, tok(c, i));
}

/*
 * A year said in words, as broadcast transcripts write it, at token I:
 * "nineteen ninety-six", "eighteen seventy".  Returns it and sets *last,
 * or 0.
 */
static int spoken_year(const tctx *c, size_t i, size_t *last)
{
    static const char *const tens[] = {"twenty", "thirty", "forty", "fifty",
                                       "sixty", "seventy", "eighty", "ninety", NULL};
    static const char *const units[] = {"one", "two", "three", "four", "five",
                                        "six", "seven", "eight", "nine", NULL};
    char buf[XC_LEX_MAX];
    int fl, century, t, u = 0;
    size_t n, k;
    if (i + 1 >= c->end || !word_at(c, i, buf, &fl))
        return 0;
    if (!strcmp(buf, "nineteen"))
        century = 1900;
    else if (!strcmp(buf, "eighteen"))
        century = 1800;
    else
        return 0;
    if (!(n = word_at(c, i + 1, buf, &fl)))
        return 0;
    for (t = 0; tens[t]; t++) {
        size_t tl = strlen(tens[t]);
        if (n >= tl && !memcmp(buf, tens[t], tl) && (buf[tl] == '\0' || buf[tl] == '-'))
            break;
    }
    if (!tens[t])
        return 0;
    if (buf[strlen(tens[t])] == '-') {
        const char *rest = buf + strlen(tens[t]) + 1;
        for (k = 0; units[k] && strcmp(rest, units[k]); k++)
            ;
        if (!units[k])
            return 0;
        u = (int)k + 1;
    }
    *last = i + 1;
    return century + (t + 2) * 10 + u;
}

static void emit(tctx *c, size_t a, size_t b, const tval *v, int anchor)
{
    xc_times *o = c->out;
    xc_time *t;
    size_t start = tok(c, a)->start, end = tok(c, b)->end;
    c->done = b + 1;
    if (c->doc->nboilerplate && xc_doc_in_boilerplate(c->doc, start, end))
        return;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        xc_time *nv = realloc(o->v, cap * sizeof *nv);
        if (!nv) {
            c->rc = XC_ERR_NOMEM;
            return;
        }
        o->v = nv;
        o->cap = cap;
    }
    t = &o->v[o->n++];
    t->start = start;
    t->end = end;
    format_value(v, t->value);
    if (!t->value[0])
        anchor = XC_ANCHOR_NONE;
    else if (v->noyear)
        anchor = XC_ANCHOR_NONE;
    t->anchor = (uint8_t)anchor;
}

/* ---- Tense -------------------------------------------------------------- */

static const char *const future_cues[] = {
    "will", "shall", "won't", "expected", "scheduled", "due", "upcoming",
    "intends", "intend", "aims", "would",
    "tomorrow", "next", "set", "going", "slated", "poised", "expects",
    "hopes", "starting", "might", "may", "soon", NULL};

static const char *const past_cues[] = {
    "said", "told", "was", "were", "had", "did", "went", "came", "met",
    "made", "took", "gave", "left", "saw", "began", "held", "got", "sent",
    "spoke", "wrote", "brought", "bought", "sold", "paid", "fell", "rose",
    "won", "lost", "led", "ran", "struck", "fought", "fled", "flew", "found",
    "heard", "kept", "knew", "meant", "stood", "thought", "felt", "built",
    "broke", "chose", "drew", "drove", "grew", "hit", "shot", "spent",
    "stole", "threw", "became", "caught", "dealt", "fed", "sought", "slid",
    "swept", "tore", "upheld", "withdrew", "overcame", "ago", "yesterday",
    "last", "has", "have", "since", "earlier", "wounded", NULL};

static const char *const aux_present[] = {"be", "been", "being", "is", "are",
                                          "am", "s", "to", NULL};

/* Tense cue of token K: -1 past, +1 future, 0 none. */
static int cue_at(const tctx *c, size_t k)
{
    char buf[XC_LEX_MAX];
    int fl;
    size_t n = word_at(c, k, buf, &fl);
    if (!n)
        return 0;
    if (n > 3 && !memcmp(buf + n - 3, "'ll", 3))
        return 1;
    if (word_in(buf, future_cues) || !strcmp(buf, "plans") || !strcmp(buf, "plan")) {
        if (buf[0] == 'p' || !strcmp(buf, "set") || !strcmp(buf, "going"))
            return k + 1 < c->end && (word_is(c, k + 1, "to") || word_is(c, k + 1, "for")) ? 1 : 0;
        return 1;
    }
    if (word_in(buf, past_cues))
        return -1;
    if (n >= 5 && buf[n - 2] == 'e' && buf[n - 1] == 'd' &&
        (!is_cap(c, k) || (tok(c, k)->flags & XC_TF_SENT_START))) {
        char pb[XC_LEX_MAX];
        int pfl;
        if (k > c->first && word_at(c, k - 1, pb, &pfl) && word_in(pb, aux_present))
            return 0; /* "will be sentenced": the auxiliary decides */
        return -1;
    }
    return 0;
}

/* The tense around tokens [A, B]: -1 past, +1 future, 0 unknown.  The
   nearest cue to the left decides, else the nearest to the right. */
static int tense(const tctx *c, size_t a, size_t b)
{
    size_t k, lo = a > c->first + 15 ? a - 15 : c->first;
    int t;
    for (k = a; k > lo; k--) {
        if (punct_is(c, k - 1, ';'))
            break;
        if ((t = cue_at(c, k - 1)) != 0)
            return t;
    }
    for (k = b + 1; k < c->end && k <= b + 10; k++) {
        if (punct_is(c, k, ';'))
            break;
        if ((t = cue_at(c, k)) != 0)
            return t;
    }
    return 0;
}

/* ---- Modifiers ---------------------------------------------------------- */

enum { NO_SHIFT = 99 };

/*
 * Words before a head at I: [early|late|mid|earlier|later] [the] [last|
 * this|next|past|coming|current].  Sets *shift (NO_SHIFT when none) and
 * returns the first token of the expression.  Does not reach into an
 * expression already emitted.
 */
static size_t left_mods(const tctx *c, size_t i, int want_shift, int *shift,
                        int *anaphoric)
{
    size_t f = i, lo = c->done > c->first ? c->done : c->first, n;
    char buf[XC_LEX_MAX];
    int fl;
    xc_timeword tw;
    *shift = NO_SHIFT;
    *anaphoric = 0;
    if (want_shift && f > lo && (n = word_at(c, f - 1, buf, &fl)) != 0) {
        if (!strcmp(buf, "previous") || !strcmp(buf, "following") ||
            !strcmp(buf, "same") || !strcmp(buf, "that")) {
            *anaphoric = 1;
            return f;
        }
        if (xc_lex_timeword(buf, n, &tw) == XC_TW_SHIFT) {
            *shift = tw.val;
            f--;
            if (f > lo && strcmp(buf, "this") && strcmp(buf, "next") &&
                word_is(c, f - 1, "the"))
                f--;
        }
    }
    if (f > lo && (n = word_at(c, f - 1, buf, &fl)) != 0 &&
        xc_lex_timeword(buf, n, &tw) != XC_TW_NONE &&
        (tw.cls == XC_TW_EDGE || !strcmp(buf, "earlier") || !strcmp(buf, "later")))
        f--;
    return f;
}

/* ---- Resolution --------------------------------------------------------- */

/* Year for month M (day D, 0 for none) in direction DIR (-1 past, +1
   future, 0 nearest) from the publication date. */
static int resolve_year_raw(const tctx *c, int m, int d, int dir)
{
    if (d == 0) {
        int diff = m - c->m;
        if (dir < 0)
            return diff <= 0 ? c->y : c->y - 1;
        if (dir > 0)
            return diff >= 0 ? c->y : c->y + 1;
        if (diff > 6)
            return c->y - 1;
        if (diff < -5)
            return c->y + 1;
        return c->y;
    } else {
        long here = days_from_civil(c->y, m, d);
        if (dir < 0)
            return here <= c->dct ? c->y : c->y - 1;
        if (dir > 0)
            return here >= c->dct ? c->y : c->y + 1;
        if (here - c->dct > 183)
            return c->y - 1;
        if (c->dct - here > 183)
            return c->y + 1;
        return c->y;
    }
}

/*
 * Year for month M (day D, 0 for none) in direction DIR.  A tense cue is
 * followed unless that would put the date more than eight months (250
 * days; for a bare month nine months) from the publication date: "payable
 * Dec. 7" in a report of October 30 with a stray past-tense verb nearby is
 * this December, not last year's.  Measured on TimeBank and AQUAINT: always
 * following the tense gives 0.751/0.808 value accuracy, always the nearest
 * 0.779/0.817, this 0.787/0.831.
 */
static int resolve_year(const tctx *c, int m, int d, int dir)
{
    if (dir) {
        int y = resolve_year_raw(c, m, d, dir);
        long dist = d ? labs(days_from_civil(y, m, d) - c->dct)
                      : labs((long)(y - c->y) * 12 + m - c->m);
        if (dist > (d ? 250 : 9))
            dir = 0;
    }
    return resolve_year_raw(c, m, d, dir);
}

/* Value and anchor of month M, day D (0: none), year Y (0: not given),
   spanning tokens [A, B] and shifted by SHIFT (last/this/next). */
static void emit_date(tctx *c, size_t a, size_t b, int y, int m, int d, int shift)
{
    tval v = {y, m, d, (uint8_t)(d ? 3 : 2), 0};
    int anchor = XC_ANCHOR_EXPLICIT;
    if (!y) {
        anchor = XC_ANCHOR_PUBLISHED;
        if (shift != NO_SHIFT && c->prec >= 2) {
            if (shift < 0)
                v.y = m < c->m ? c->y : c->y - 1;
            else if (shift > 0)
                v.y = m > c->m ? c->y : c->y + 1;
            else
                v.y = c->y;
        } else if (d && c->prec == 3) {
            v.y = resolve_year(c, m, d, tense(c, a, b));
        } else if (!d && c->prec >= 2) {
            v.y = resolve_year(c, m, 0, tense(c, a, b));
        } else {
            v.noyear = 1;
            v.y = 0;
        }
    }
    if (d && d > (v.noyear ? (m == 2 ? 29 : month_days(2001, m)) : month_days(v.y, m))) {
        c->done = b + 1; /* "February 30": not a date */
        return;
    }
    emit(c, a, b, &v, anchor);
}

/* ---- Patterns ----------------------------------------------------------- */

/*
 * A calendar date at token I: MONTH DAY [,] [YEAR] or DAY MONTH [,] [YEAR]
 * ("Feb. 14, 2026", "13 February", "5th of May").  Sets *m, *d, *y (0 when
 * absent) and *last; returns 1 when found.
 */
static int calendar_date(const tctx *c, size_t i, int *m, int *d, int *y, size_t *last)
{
    xc_timeword tw;
    size_t j, k;
    *y = 0;
    if (tw_at(c, i, &tw) == XC_TW_MONTH && is_cap(c, i)) {
        if (i + 1 >= c->end || !(*d = day_at(c, i + 1)))
            return 0;
        *m = tw.val;
        j = i + 1;
    } else if ((*d = day_at(c, i)) != 0) {
        k = i + 1;
        if (k < c->end && word_is(c, k, "of"))
            k++;
        if (k >= c->end || tw_at(c, k, &tw) != XC_TW_MONTH || !is_cap(c, k))
            return 0;
        *m = tw.val;
        j = k;
    } else {
        return 0;
    }
    *last = j;
    /* "2026-02-14, 12:30" is not a year after it: a year is four digits */
    k = j + 1;
    if (k < c->end && punct_is(c, k, ','))
        k++;
    if (k < c->end && (*y = year_at(c, k)) != 0)
        *last = k;
    return 1;
}

/* Part of the day after token I: "Friday night". */
static size_t part_after(const tctx *c, size_t i)
{
    xc_timeword tw;
    if (i + 1 < c->end && tw_at(c, i + 1, &tw) == XC_TW_PART)
        return i + 1;
    return i;
}

static const char *const month_leads[] = {
    "in", "since", "until", "till", "by", "from", "through", "during",
    "early", "late", "mid", "last", "next", "this", "of", "before", "after",
    "between", "and", "to", "or", "every", "each", "that", "throughout",
    "around", "on", NULL};

/* A month name at I ("February 5", "September 2023", "in January"). */
static int try_month(tctx *c, size_t i, const xc_timeword *tw)
{
    int m = tw->val, d = 0, y = 0, shift, ana;
    size_t last = i, a, k;
    char buf[XC_LEX_MAX];
    int pfl;

    if (!is_cap(c, i))
        return 0;
    if (calendar_date(c, i, &m, &d, &y, &last)) {
        a = left_mods(c, i, 0, &shift, &ana);
        /* "April 24 and 25", "Feb. 5-7, 2026": two dates */
        k = i + 2;
        if (!y && k + 1 < c->end &&
            (word_is(c, k, "and") || word_is(c, k, "to") || word_is(c, k, "or") ||
             word_is(c, k, "through") || is_dash(c, k)) &&
            tok(c, k + 1)->kind == XC_TOK_NUMBER && day_at(c, k + 1) > d) {
            int d2 = day_at(c, k + 1), y2 = 0;
            size_t l2 = k + 1;
            if (l2 + 2 < c->end && punct_is(c, l2 + 1, ',') && (y2 = year_at(c, l2 + 2)) != 0)
                l2 += 2;
            else if ((y2 = year_at(c, l2 + 1)) != 0)
                l2 += 1;
            emit_date(c, a, i + 1, y2, m, d, NO_SHIFT);
            if (c->rc == XC_OK)
                emit_date(c, k + 1, l2, y2, m, d2, NO_SHIFT);
            return 1;
        }
        emit_date(c, a, last, y, m, d, NO_SHIFT);
        return 1;
    }
    k = i + 1;
    if (k < c->end && word_is(c, k, "of"))
        k++;
    if ((y = year_at(c, k)) != 0) {
        last = k;
    } else if (k < c->end && (y = spoken_year(c, k, &last)) != 0) {
        /* "January nineteen ninety-seven" */
    } else {
        int lead = i > c->first && word_at(c, i - 1, buf, &pfl) &&
                   (word_in(buf, month_leads) ||
                    /* "the March accession", not "the May government" */
                    (!strcmp(buf, "the") && m != 5 && i + 1 < c->end &&
                     tok(c, i + 1)->kind == XC_TOK_WORD && !is_cap(c, i + 1) &&
                     !word_is(c, i + 1, "of") && !word_is(c, i + 1, "on")));
        if (tw->flags & XC_TWF_ABBR)
            return 0; /* "Jan." alone */
        if (!lead) {
            if (tw->flags & XC_TWF_VERB)
                return 0; /* "May", "March" need a lead word */
            if (i + 1 < c->end && tok(c, i + 1)->kind == XC_TOK_WORD &&
                is_cap(c, i + 1))
                return 0; /* "August Wilson" */
            if (i > c->first && !(tok(c, i)->flags & XC_TF_SENT_START) &&
                tok(c, i - 1)->kind == XC_TOK_WORD && is_cap(c, i - 1))
                return 0; /* "Hurricane August" */
        }
    }
    a = left_mods(c, i, 1, &shift, &ana);
    if (y) {
        emit_date(c, a, last, y, m, 0, NO_SHIFT);
        return 1;
    }
    /* "January this year", "June last year" */
    if (i + 2 < c->end && word_is(c, i + 2, "year")) {
        xc_timeword s;
        if (tw_at(c, i + 1, &s) == XC_TW_SHIFT && c->prec >= 1) {
            tval v = val_month(c->y + s.val, m);
            emit(c, a, i + 2, &v, XC_ANCHOR_PUBLISHED);
            return 1;
        }
    }
    emit_date(c, a, i, 0, m, 0, shift);
    return 1;
}

/* Words that make a weekday part of a name: wire copy puts the day right
   after any noun ("The World Court Friday rejected"), so only these. */
static const char *const weekday_names[] = {
    "good", "black", "super", "holy", "ash", "cyber", "bloody", "maundy",
    "palm", "fat", "shrove", "giving", "spy", "easter", NULL};

/* A weekday at I ("Friday", "last Tuesday", "Monday, Oct. 26"). */
static int try_weekday(tctx *c, size_t i, const xc_timeword *tw, int poss)
{
    int m, d, y, shift, ana, wd = tw->val;
    size_t last, a, k = i + 1;
    char buf[XC_LEX_MAX];
    int pfl;
    tval v;

    if (!is_cap(c, i))
        return 0;
    if (k < c->end && punct_is(c, k, ','))
        k++;
    if (k < c->end && calendar_date(c, k, &m, &d, &y, &last)) {
        a = left_mods(c, i, 0, &shift, &ana);
        emit_date(c, a, last, y, m, d, NO_SHIFT);
        return 1;
    }
    if (tw->flags & XC_TWF_ABBR)
        return 0; /* "Sun", "Wed" only before a date */
    if (i > c->first && word_at(c, i - 1, buf, &pfl) && word_in(buf, weekday_names))
        return 0; /* "Good Friday", "Super Tuesday" */
    a = left_mods(c, i, 1, &shift, &ana);
    last = part_after(c, i);
    if (c->prec < 3 || ana) {
        emit(c, a, last, &val_null, XC_ANCHOR_NONE);
        return 1;
    }
    {
        int dw = weekday_of(c->dct), back = (dw - wd + 7) % 7, fwd = (wd - dw + 7) % 7;
        int dir = shift != NO_SHIFT && shift != 0 ? shift
                  : poss ? -1 /* "Wednesday's ruling" */
                         : tense(c, a, last);
        if (shift == -1)
            v = val_day(c->dct - (back ? back : 7));
        else if (shift == 1)
            v = val_day(c->dct + (fwd ? fwd : 7));
        else if (dir > 0)
            v = val_day(c->dct + fwd);
        else
            v = val_day(c->dct - back);
    }
    emit(c, a, last, &v, XC_ANCHOR_PUBLISHED);
    return 1;
}

/* "yesterday", "today", "tomorrow", "tonight" at I. */
static int try_relday(tctx *c, size_t i, const xc_timeword *tw, int poss)
{
    size_t a, last;
    int shift, ana;
    tval v;
    if (poss && tw->val == 0)
        return 0; /* "today's Armenia", "today's world": the present, no date */
    if (is_cap(c, i) && i > c->first && !(tok(c, i)->flags & XC_TF_SENT_START) &&
        tok(c, i - 1)->kind == XC_TOK_WORD && is_cap(c, i - 1))
        return 0; /* "USA Today" */
    a = left_mods(c, i, 0, &shift, &ana);
    last = part_after(c, i);
    if (c->prec < 3) {
        emit(c, a, last, &val_null, XC_ANCHOR_NONE);
        return 1;
    }
    v = val_day(c->dct + tw->val);
    emit(c, a, last, &v, XC_ANCHOR_PUBLISHED);
    return 1;
}

/* Month holding most of the week SHIFT weeks from the publication date's
   (the month of its Thursday). */
static tval week_month(const tctx *c, int shift)
{
    long thu = c->dct - (weekday_of(c->dct) - 1) + 3 + 7L * shift;
    tval v = val_day(thu);
    v.prec = 2;
    return v;
}

/* Words that may stand before an amount of time inside the expression:
   "nearly four years ago". */
static const char *const amount_leads[] = {"nearly", "almost", "about", "some",
                                           "just", "only", "roughly", "around",
                                           "over", "approximately", NULL};

/*
 * "two years ago", "10 days ago", "a year earlier", "two months after":
 * an amount of UNIT at I followed by a direction word at I+1.
 */
static int try_ago(tctx *c, size_t i, int unit)
{
    size_t lo = c->done > c->first ? c->done : c->first, k, a = 0, last = i + 1;
    xc_timeword rel;
    xc_amount am;
    char buf[XC_LEX_MAX];
    int fl, found = 0, dir;
    double n = 0;
    tval v = val_null;

    if (i + 1 >= c->end || tw_at(c, i + 1, &rel) != XC_TW_REL || i == lo)
        return 0;
    if (word_is(c, i - 1, "a") || word_is(c, i - 1, "an")) {
        n = 1;
        a = i - 1;
        found = 1;
    } else {
        for (k = i > lo + 4 ? i - 4 : lo; k < i && !found; k++)
            if (xc_lex_amount(c->s, c->tk, k, i, &am) && am.last == i - 1 && !am.tail &&
                !am.fraction) {
                n = am.value;
                a = k;
                found = 1;
            }
    }
    if (!found || n > 10000)
        return 0;
    if (a > lo && word_at(c, a - 1, buf, &fl) && word_in(buf, amount_leads))
        a--;
    else if (a > lo + 1 && word_is(c, a - 1, "than") &&
             (word_is(c, a - 2, "more") || word_is(c, a - 2, "less")))
        a -= 2;
    dir = 0;
    if (word_is(c, i + 1, "ago"))
        dir = -1;
    else if (word_is(c, i + 1, "hence"))
        dir = 1;
    if (dir && n == (double)(long)n) {
        long q = (long)n * dir;
        switch (unit) {
        case XC_TU_DAY:
            if (c->prec == 3)
                v = val_day(c->dct + q);
            break;
        case XC_TU_WEEK:
            if (c->prec == 3)
                v = val_day(c->dct + 7 * q);
            break;
        case XC_TU_FORTNIGHT:
            if (c->prec == 3)
                v = val_day(c->dct + 14 * q);
            break;
        case XC_TU_MONTH:
            if (c->prec >= 2)
                v = val_month(c->y, c->m + (int)q);
            break;
        case XC_TU_YEAR:
            if (c->prec >= 1)
                v = val_year(c->y + (int)q);
            break;
        case XC_TU_DECADE:
            if (c->prec >= 1)
                v = val_year(c->y + 10 * (int)q);
            break;
        default:
            return 0; /* hours, minutes: times of day, not dates */
        }
    } else if (unit == XC_TU_HOUR || unit == XC_TU_MINUTE || unit == XC_TU_SECOND) {
        return 0;
    }
    emit(c, a, last, &v, v.prec ? XC_ANCHOR_PUBLISHED : XC_ANCHOR_NONE);
    return 1;
}

/* Year of quarter Q (1..4) in direction DIR from the publication date:
   the latest one begun when looking back, the next one not yet over when
   looking ahead. */
static int quarter_year(const tctx *c, int q, int dir)
{
    int cq = (c->m - 1) / 3 + 1;
    if (dir > 0)
        return q >= cq ? c->y : c->y + 1;
    return q <= cq ? c->y : c->y - 1;
}

/*
 * A quarter or year named without last/this/next, at unit I: "the third
 * quarter", "the latest quarter", "the year-ago quarter", "the fiscal
 * year", "the end of the year", "year-end".  Quarters give their year.
 */
static int try_period(tctx *c, size_t i, int unit)
{
    size_t lo = c->done > c->first ? c->done : c->first, k = i, a, last = i;
    char buf[XC_LEX_MAX];
    int fl, q = 0, yago = 0, det = 0;
    xc_timeword tw;
    tval v = val_null;

    if (i + 1 < c->end && (word_is(c, i + 1, "ended") || word_is(c, i + 1, "ending") ||
                           word_is(c, i + 1, "ends")))
        return 0; /* "the year ended March 31": a fiscal period, not a date */
    if (unit == XC_TU_QUARTER) {
        if (k > lo && tw_at(c, k - 1, &tw) == XC_TW_ORDINAL)
            q = tw.val, k--;
        if (k > lo && word_is(c, k - 1, "fiscal"))
            k--;
        if (k > lo && word_at(c, k - 1, buf, &fl)) {
            if (!strcmp(buf, "year-earlier") || !strcmp(buf, "year-ago"))
                yago = 1, k--;
            else if (!strcmp(buf, "latest") || !strcmp(buf, "recent"))
                k--;
            if (k > lo && word_is(c, k - 1, "comparable"))
                k--;
            if (k > lo && word_is(c, k - 1, "most"))
                k--;
        }
        if (k > lo && (word_is(c, k - 1, "the") || word_is(c, k - 1, "its")))
            det = 1, k--;
        if (!q && !det)
            return 0; /* "a quarter", "quarter" */
        a = k;
        if (i + 2 < c->end && word_is(c, i + 1, "of") && year_at(c, i + 2)) {
            v = val_year(year_at(c, i + 2));
            emit(c, a, i + 2, &v, XC_ANCHOR_EXPLICIT);
            return 1;
        }
        if (c->prec >= 2) {
            int cq = (c->m - 1) / 3 + 1, lq = cq - 1, ly = c->y;
            if (lq == 0)
                lq = 4, ly--;
            if (q)
                v = val_year(quarter_year(c, q, tense(c, a, last)) - yago);
            else
                v = val_year(ly - yago);
        }
        emit(c, a, last, &v, v.prec ? XC_ANCHOR_PUBLISHED : XC_ANCHOR_NONE);
        return 1;
    }
    if (unit != XC_TU_YEAR && unit != XC_TU_MONTH)
        return 0;
    /* year-end, year's end */
    if (unit == XC_TU_YEAR && i + 1 < c->end && word_is(c, i + 1, "end")) {
        a = i;
        last = i + 1;
        if (c->prec >= 1)
            v = val_year(c->y - (i > c->first && word_is(c, i - 1, "since")));
        emit(c, a, last, &v, v.prec ? XC_ANCHOR_PUBLISHED : XC_ANCHOR_NONE);
        return 1;
    }
    if (k <= lo)
        return 0;
    /* the full year, the fiscal year, the current fiscal year */
    if (unit == XC_TU_YEAR && k > lo && word_is(c, k - 1, "fiscal"))
        k--;
    if (unit == XC_TU_YEAR && k > lo &&
        (word_is(c, k - 1, "full") || word_is(c, k - 1, "entire") ||
         word_is(c, k - 1, "whole")))
        k--;
    if (k > lo && word_is(c, k - 1, "current"))
        k--;
    if (!(k > lo && word_is(c, k - 1, "the")))
        return 0;
    k--;
    a = k;
    if (k == i - 1) {
        /* only "the year": the end of, for, of, earlier in */
        if (k > lo + 1 && word_is(c, k - 1, "of") &&
            (word_is(c, k - 2, "end") || word_is(c, k - 2, "beginning") ||
             word_is(c, k - 2, "start") || word_is(c, k - 2, "middle"))) {
            a = k - 2;
            if (a > lo && word_is(c, a - 1, "the"))
                a--;
        } else if (k > lo && (word_is(c, k - 1, "for") ||
                              (unit == XC_TU_YEAR && word_is(c, k - 1, "of")))) {
            /* "for the year", "the first nine months of the year" */
        } else if (k > lo + 1 && word_is(c, k - 1, "in") &&
                   (word_is(c, k - 2, "earlier") || word_is(c, k - 2, "later"))) {
            a = k - 2;
        } else {
            return 0;
        }
    } else if (unit != XC_TU_YEAR) {
        return 0;
    }
    if (unit == XC_TU_YEAR && c->prec >= 1)
        v = val_year(c->y);
    else if (unit == XC_TU_MONTH && c->prec >= 2)
        v = val_month(c->y, c->m);
    emit(c, a, last, &v, v.prec ? XC_ANCHOR_PUBLISHED : XC_ANCHOR_NONE);
    return 1;
}

/* A unit at I: "last week", "this year", "earlier this month", "two years
   ago", "the weekend", "the third quarter". */
static int try_unit(tctx *c, size_t i, const xc_timeword *tw)
{
    int unit = tw->val, shift, ana;
    size_t a, last = i;
    tval v = val_null;

    if (try_ago(c, i, unit))
        return 1;
    if (tw->flags & XC_TWF_PLURAL)
        return 0; /* "recent years", "coming months" */
    a = left_mods(c, i, 1, &shift, &ana);
    if (ana)
        return 0;
    if (shift != NO_SHIFT && a < i && is_cap(c, i) && is_cap(c, i - 1) &&
        !(tok(c, i - 1)->flags & XC_TF_SENT_START))
        return 0; /* ABC's "This Week" */
    if (shift == NO_SHIFT) {
        if (unit == XC_TU_WEEKEND && i > c->first && word_is(c, i - 1, "the") &&
            i - 1 >= c->done) {
            a = i - 1;
            shift = 0;
        } else {
            return try_period(c, i, unit);
        }
    }
    switch (unit) {
    case XC_TU_YEAR:
        if (c->prec >= 1)
            v = val_year(c->y + shift);
        break;
    case XC_TU_MONTH:
        if (c->prec >= 2)
            v = val_month(c->y, c->m + shift);
        break;
    case XC_TU_WEEK:
        if (c->prec == 3)
            v = week_month(c, shift);
        break;
    case XC_TU_WEEKEND:
        if (c->prec == 3) {
            int dw = weekday_of(c->dct), dir = shift ? shift : tense(c, a, i);
            long sat;
            if (dir > 0)
                sat = c->dct + (6 - dw + 7) % 7;
            else
                sat = c->dct - (dw - 6 + 7) % 7;
            v = val_day(sat);
            v.prec = 2;
        }
        break;
    case XC_TU_QUARTER:
        if (c->prec >= 2) {
            int q = (c->m - 1) / 3 + shift;
            v = val_year(c->y + (q < 0 ? -1 : q > 3 ? 1 : 0));
        }
        break;
    default:
        return 0; /* decades, centuries: no allowed value */
    }
    emit(c, a, last, &v, v.prec ? XC_ANCHOR_PUBLISHED : XC_ANCHOR_NONE);
    return 1;
}

/* "this summer", "last fall", "summer 2023", "the spring of 1998": the
   season's year. */
static int try_season(tctx *c, size_t i, const xc_timeword *tw)
{
    int season = tw->val, shift, ana, y;
    size_t a, k = i + 1;
    tval v = val_null;
    if (k < c->end && word_is(c, k, "of"))
        k++;
    if ((y = year_at(c, k)) != 0) {
        a = left_mods(c, i, 0, &shift, &ana);
        if (a == i && i > c->first && i - 1 >= c->done && word_is(c, i - 1, "the"))
            a = i - 1;
        v = val_year(y);
        emit(c, a, k, &v, XC_ANCHOR_EXPLICIT);
        return 1;
    }
    a = left_mods(c, i, 1, &shift, &ana);
    if (shift == NO_SHIFT || ana)
        return 0;
    if (c->prec >= 2) {
        /* months a season starts and ends in; winter starts in December */
        static const int start[] = {0, 3, 6, 9, 12};
        int s0 = start[season], cur_start_y = c->y;
        if (season == 4 && c->m <= 2)
            cur_start_y = c->y - 1;
        if (shift == 0) {
            y = cur_start_y;
        } else if (shift < 0) {
            /* the last one over before the publication date */
            int end_m = season == 4 ? 2 : s0 + 2;
            int end_y = season == 4 ? cur_start_y + 1 : c->y;
            y = (end_y < c->y || (end_y == c->y && end_m < c->m)) ? cur_start_y
                                                                   : cur_start_y - 1;
        } else {
            y = season == 4 ? (c->m == 12 ? c->y + 1 : c->y) : (s0 > c->m ? c->y : c->y + 1);
        }
        v = val_year(y);
    }
    emit(c, a, i, &v, v.prec ? XC_ANCHOR_PUBLISHED : XC_ANCHOR_NONE);
    return 1;
}

/* A number at I: a year, a range of years, an ISO or numeric date, a day
   before a month. */
static int try_number(tctx *c, size_t i)
{
    const xc_token *t = tok(c, i);
    size_t n = t->end - t->start, a, last;
    int y, m, d, shift, ana;
    tval v;

    /* 2026-02-14 */
    if (n == 4 && i + 4 < c->end && punct_is(c, i + 1, '-') && punct_is(c, i + 3, '-') &&
        tok(c, i + 1)->start == t->end && tok(c, i + 2)->start == tok(c, i + 1)->end &&
        tok(c, i + 3)->start == tok(c, i + 2)->end && tok(c, i + 4)->start == tok(c, i + 3)->end &&
        tok(c, i + 2)->end - tok(c, i + 2)->start == 2 &&
        tok(c, i + 4)->end - tok(c, i + 4)->start == 2) {
        y = (int)xc_lex_digits(c->s, t);
        m = (int)xc_lex_digits(c->s, tok(c, i + 2));
        d = (int)xc_lex_digits(c->s, tok(c, i + 4));
        if (y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m)) {
            v.y = y, v.m = m, v.d = d, v.prec = 3, v.noyear = 0;
            emit(c, i, i + 4, &v, XC_ANCHOR_EXPLICIT);
            return 1;
        }
    }
    /* 14/02/2026, 2/14/2026, 11/02/89 */
    if (n <= 2 && i + 4 < c->end && punct_is(c, i + 1, '/') && punct_is(c, i + 3, '/') &&
        tok(c, i + 1)->start == t->end && tok(c, i + 2)->start == tok(c, i + 1)->end &&
        tok(c, i + 3)->start == tok(c, i + 2)->end && tok(c, i + 4)->start == tok(c, i + 3)->end) {
        int p = (int)xc_lex_digits(c->s, t), q = (int)xc_lex_digits(c->s, tok(c, i + 2));
        size_t yn = tok(c, i + 4)->end - tok(c, i + 4)->start;
        y = (int)xc_lex_digits(c->s, tok(c, i + 4));
        if ((yn == 2 || yn == 4) && y >= 0 && p >= 1 && q >= 1 && p <= 31 && q <= 31) {
            if (yn == 2)
                y += y >= 50 ? 1900 : 2000;
            if (p > 12 && q <= 12)
                m = q, d = p;
            else if (q > 12 && p <= 12)
                m = p, d = q;
            else
                m = 0, d = 0; /* 02/03/2026: day first or month first? */
            if (m && d <= month_days(y, m)) {
                v.y = y, v.m = m, v.d = d, v.prec = 3, v.noyear = 0;
                emit(c, i, i + 4, &v, XC_ANCHOR_EXPLICIT);
            } else if (!m && p != q && p <= 12 && q <= 12) {
                emit(c, i, i + 4, &val_null, XC_ANCHOR_NONE);
            } else if (!m && p == q && p <= 12) {
                v.y = y, v.m = p, v.d = p, v.prec = 3, v.noyear = 0;
                emit(c, i, i + 4, &v, XC_ANCHOR_EXPLICIT);
            } else {
                c->done = i + 5;
            }
            return 1;
        }
    }
    /* 13 February [2026] */
    if (n <= 2 && calendar_date(c, i, &m, &d, &y, &last)) {
        emit_date(c, i, last, y, m, d, NO_SHIFT);
        return 1;
    }
    if ((y = year_at(c, i)) == 0)
        return 0;
    a = left_mods(c, i, 0, &shift, &ana);
    if (a == i && i > c->first && i - 1 >= c->done &&
        (word_is(c, i - 1, "fiscal") || word_is(c, i - 1, "fy")))
        a = i - 1;
    v = val_year(y);
    last = i;
    /* 2022-2023, 1995-96: two years */
    if (i + 2 < c->end && is_dash(c, i + 1) && tok(c, i + 2)->kind == XC_TOK_NUMBER) {
        const xc_token *u = tok(c, i + 2);
        long y2 = xc_lex_digits(c->s, u);
        size_t un = u->end - u->start;
        if (un == 2 && y2 > y % 100)
            y2 += y - y % 100;
        else if (un != 4 || y2 <= y || y2 > 2199)
            y2 = 0;
        if (y2) {
            tval v2 = val_year((int)y2);
            emit(c, a, last, &v, XC_ANCHOR_EXPLICIT);
            emit(c, i + 2, i + 2, &v2, XC_ANCHOR_EXPLICIT);
            return 1;
        }
    }
    emit(c, a, last, &v, XC_ANCHOR_EXPLICIT);
    return 1;
}

/* A word starting with a digit at I: "5th of May". */
static int try_digit_word(tctx *c, size_t i)
{
    int m, d, y;
    size_t last;
    if (day_at(c, i) && calendar_date(c, i, &m, &d, &y, &last)) {
        size_t a = i;
        if (i > c->first && i - 1 >= c->done && word_is(c, i - 1, "the"))
            a = i - 1;
        emit_date(c, a, last, y, m, d, NO_SHIFT);
        return 1;
    }
    return 0;
}

/* A hyphenated word at I (folded W, N bytes): "mid-November", "mid-1996",
   "late-November". */
static int try_hyphen(tctx *c, size_t i, const char *w, size_t n)
{
    const char *h = memchr(w, '-', n);
    size_t pl, rl;
    xc_timeword pre, rest;
    char pb[XC_LEX_MAX];
    if (!h)
        return 0;
    pl = (size_t)(h - w);
    rl = n - pl - 1;
    memcpy(pb, w, pl);
    pb[pl] = '\0';
    xc_lex_timeword(pb, pl, &pre);
    if (pre.cls == XC_TW_ORDINAL && rl == 7 && !memcmp(h + 1, "quarter", 7)) {
        /* "third-quarter profit" */
        size_t a = i;
        tval v = val_null;
        if (a > c->first && a - 1 >= c->done && word_is(c, a - 1, "fiscal"))
            a--;
        if (c->prec >= 2)
            v = val_year(quarter_year(c, pre.val, tense(c, a, i)));
        emit(c, a, i, &v, v.prec ? XC_ANCHOR_PUBLISHED : XC_ANCHOR_NONE);
        return 1;
    }
    if (pl == 4 && !memcmp(w, "year", 4) &&
        ((rl == 3 && !memcmp(h + 1, "end", 3)) || (rl == 3 && !memcmp(h + 1, "ago", 3)) ||
         (rl == 7 && !memcmp(h + 1, "earlier", 7)))) {
        /* "by year-end", "year-ago results" */
        tval v = val_null;
        int back = h[1] != 'e' || h[2] == 'a' ||
                   (i > c->first && word_is(c, i - 1, "since"));
        if (c->prec >= 1)
            v = val_year(c->y - back);
        emit(c, i, i, &v, v.prec ? XC_ANCHOR_PUBLISHED : XC_ANCHOR_NONE);
        return 1;
    }
    if (pre.cls != XC_TW_EDGE)
        return 0;
    if (rl == 4 && h[1] >= '0' && h[1] <= '9') {
        int y = 0;
        for (size_t k = 1; k <= 4; k++) {
            if (h[k] < '0' || h[k] > '9')
                return 0;
            y = y * 10 + (h[k] - '0');
        }
        if (y < 1000 || y > 2199)
            return 0;
        tval v = val_year(y);
        emit(c, i, i, &v, XC_ANCHOR_EXPLICIT);
        return 1;
    }
    if (xc_lex_timeword(h + 1, rl, &rest) == XC_TW_MONTH &&
        !(rest.flags & XC_TWF_ABBR)) {
        const char *orig = c->s + tok(c, i)->start + pl + 1;
        if (*orig < 'A' || *orig > 'Z')
            return 0;
        emit_date(c, i, i, 0, rest.val, 0, NO_SHIFT);
        return 1;
    }
    return 0;
}

/* ---- Holidays ----------------------------------------------------------- */

enum { H_CHRISTMAS_EVE = 1, H_CHRISTMAS, H_NEW_YEARS_EVE, H_NEW_YEARS_DAY,
       H_THANKSGIVING, H_EASTER };

/* Day number of holiday H in year Y. */
static long holiday_day(int h, int y)
{
    switch (h) {
    case H_CHRISTMAS_EVE:
        return days_from_civil(y, 12, 24);
    case H_CHRISTMAS:
        return days_from_civil(y, 12, 25);
    case H_NEW_YEARS_EVE:
        return days_from_civil(y, 12, 31);
    case H_NEW_YEARS_DAY:
        return days_from_civil(y, 1, 1);
    case H_THANKSGIVING: { /* the fourth Thursday of November (US) */
        long first = days_from_civil(y, 11, 1);
        return first + (4 - weekday_of(first) + 7) % 7 + 21;
    }
    default: { /* Easter Sunday: the anonymous Gregorian algorithm */
        int a = y % 19, b = y / 100, cc = y % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, hh = (19 * a + b - d - g + 15) % 30;
        int i = cc / 4, k = cc % 4, l = (32 + 2 * e + 2 * i - hh - k) % 7;
        int m = (a + 11 * hh + 22 * l) / 451;
        int month = (hh + l - 7 * m + 114) / 31, day = (hh + l - 7 * m + 114) % 31 + 1;
        return days_from_civil(y, month, day);
    }
    }
}

/*
 * A holiday at I: "Christmas", "Christmas Eve", "Thanksgiving Day", "New
 * Year's Day", "Easter", with last/next/this or a year.  Resolved like a
 * month and day without a year.
 */
static int try_holiday(tctx *c, size_t i, const char *w)
{
    int h = 0, y, shift, ana;
    size_t last = i, a;
    tval v = val_null;
    if (!is_cap(c, i))
        return 0;
    if (!strcmp(w, "christmas")) {
        h = H_CHRISTMAS;
        if (i + 1 < c->end && word_is(c, i + 1, "eve"))
            h = H_CHRISTMAS_EVE, last = i + 1;
        else if (i + 1 < c->end && word_is(c, i + 1, "day"))
            last = i + 1;
    } else if (!strcmp(w, "thanksgiving")) {
        h = H_THANKSGIVING;
        if (i + 1 < c->end && word_is(c, i + 1, "day"))
            last = i + 1;
    } else if (!strcmp(w, "easter")) {
        h = H_EASTER;
        if (i + 1 < c->end && word_is(c, i + 1, "sunday"))
            last = i + 1;
        else if (i + 1 < c->end && tok(c, i + 1)->kind == XC_TOK_WORD && !year_at(c, i + 1) &&
                 !punct_is(c, i + 1, ','))
            return 0; /* "Easter week", "Easter Rising" */
    } else if (!strcmp(w, "new") && i + 2 < c->end && is_cap(c, i + 1) &&
               word_is(c, i + 1, "year") && (tok(c, i + 1)->end - tok(c, i + 1)->start) > 4) {
        /* "New Year's Day", "New Year's Eve" */
        if (word_is(c, i + 2, "day") && is_cap(c, i + 2))
            h = H_NEW_YEARS_DAY;
        else if (word_is(c, i + 2, "eve") && is_cap(c, i + 2))
            h = H_NEW_YEARS_EVE;
        last = i + 2;
    }
    if (!h)
        return 0;
    a = left_mods(c, i, 1, &shift, &ana);
    if (ana)
        return 0;
    if ((y = year_at(c, last + 1)) != 0) {
        v = val_day(holiday_day(h, y));
        emit(c, a, last + 1, &v, XC_ANCHOR_EXPLICIT);
        return 1;
    }
    if (c->prec == 3) {
        int dir = shift != NO_SHIFT && shift != 0 ? shift : tense(c, a, last), k;
        long near = 0, back = 0, fwd = 0, z;
        for (k = -1; k <= 1; k++) {
            z = holiday_day(h, c->y + k);
            if (!near || labs(z - c->dct) < labs(near - c->dct))
                near = z;
            if (z < c->dct || (z == c->dct && shift == NO_SHIFT))
                back = z; /* the latest on or before: years ascend */
            if (!fwd && (z > c->dct || (z == c->dct && shift == NO_SHIFT)))
                fwd = z;
        }
        if (shift == -1 || (dir < 0 && c->dct - back <= 250))
            near = back;
        else if (shift == 1 || (dir > 0 && fwd - c->dct <= 250))
            near = fwd;
        v = val_day(near);
    }
    emit(c, a, last, &v, v.prec ? XC_ANCHOR_PUBLISHED : XC_ANCHOR_NONE);
    return 1;
}

/* Look at token I, which no expression covers yet. */
static void scan_token(tctx *c, size_t i)
{
    const xc_token *t = tok(c, i);
    char buf[XC_LEX_MAX];
    size_t n;
    int fl;
    xc_timeword tw;
    unsigned char b;

    if (t->kind == XC_TOK_NUMBER) {
        try_number(c, i);
        return;
    }
    if (t->kind != XC_TOK_WORD)
        return;
    b = (unsigned char)c->s[t->start];
    if (b >= '0' && b <= '9') {
        try_digit_word(c, i);
        return;
    }
    n = xc_lex_fold(c->s + t->start, t->end - t->start, buf, &fl);
    if (n < 3)
        return;
    if (buf[0] == 'e' || buf[0] == 'n') {
        size_t last;
        int y = spoken_year(c, i, &last);
        if (y) {
            tval v = val_year(y);
            emit(c, i, last, &v, XC_ANCHOR_EXPLICIT);
            return;
        }
    }
    if (memchr(buf, '-', n)) {
        try_hyphen(c, i, buf, n);
        return;
    }
    if ((buf[0] == 'c' || buf[0] == 't' || buf[0] == 'e' || buf[0] == 'n') &&
        try_holiday(c, i, buf))
        return;
    switch (xc_lex_timeword(buf, n, &tw)) {
    case XC_TW_MONTH:
        try_month(c, i, &tw);
        break;
    case XC_TW_WEEKDAY:
        try_weekday(c, i, &tw, (fl & XC_LEX_POSS) != 0);
        break;
    case XC_TW_RELDAY:
        try_relday(c, i, &tw, (fl & XC_LEX_POSS) != 0);
        break;
    case XC_TW_UNIT:
        try_unit(c, i, &tw);
        break;
    case XC_TW_SEASON:
        try_season(c, i, &tw);
        break;
    default:
        break;
    }
}

xc_code xc_times_find(const xc_doc *doc, const xc_tokens *tk, xc_times *out)
{
    tctx c;
    size_t s, i;
    if (!doc || !tk || !out)
        return XC_ERR_ARG;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.tk = tk;
    c.s = doc->text;
    c.out = out;
    parse_published(&c, doc->published);
    for (s = 0; s < tk->nsent && c.rc == XC_OK; s++) {
        const xc_sentence *sn = &tk->sent[s];
        if (doc->nboilerplate && xc_doc_in_boilerplate(doc, sn->start, sn->end))
            continue;
        c.first = c.done = sn->first;
        c.end = (size_t)sn->first + sn->count;
        for (i = c.first; i < c.end && c.rc == XC_OK; i++)
            if (i >= c.done)
                scan_token(&c, i);
    }
    return c.rc;
}

void xc_times_free(xc_times *t)
{
    if (!t)
        return;
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}
