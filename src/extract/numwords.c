/*
 * numwords.c: reading amounts out of tokens, shared by the quantity and
 * time extractors: digits ("13", "1,000", "3.5", "5bn"), spelled numbers
 * ("Nineteen", "twenty-five", "two hundred and fifty", "a dozen"), scales
 * ("1.5 million") and fractions ("two-thirds", "half of").  Also decides
 * which four-digit numbers are years, so that a year is a time and never a
 * quantity.  Values are built from at most 15 significant digits times a
 * scale of at most 10^12, so they are always finite: "99999999999999999999"
 * and "1e400" are not amounts at all (an identifier more likely than a
 * count in news).
 */
#include "extract/lexicon.h"

#include <math.h>
#include <string.h>

enum { NW_UNIT = 1, NW_TEN, NW_HUNDRED, NW_SCALE, NW_DOZEN, NW_DENOM };

typedef struct nw_entry {
    const char *w;
    uint8_t kind;
    double v;
} nw_entry;

/* Sorted by strcmp: looked up by bisection. */
static const nw_entry nw_table[] = {
    {"billion", NW_SCALE, 1e9},    {"bln", NW_SCALE, 1e9},
    {"bn", NW_SCALE, 1e9},         {"dozen", NW_DOZEN, 12},
    {"eight", NW_UNIT, 8},         {"eighteen", NW_UNIT, 18},
    {"eighth", NW_DENOM, 8},       {"eighths", NW_DENOM, 8},
    {"eighty", NW_TEN, 80},        {"eleven", NW_UNIT, 11},
    {"fifteen", NW_UNIT, 15},      {"fifth", NW_DENOM, 5},
    {"fifths", NW_DENOM, 5},       {"fifty", NW_TEN, 50},
    {"five", NW_UNIT, 5},          {"forty", NW_TEN, 40},
    {"four", NW_UNIT, 4},          {"fourteen", NW_UNIT, 14},
    {"half", NW_DENOM, 2},         {"halves", NW_DENOM, 2},
    {"hundred", NW_HUNDRED, 100},  {"million", NW_SCALE, 1e6},
    {"mln", NW_SCALE, 1e6},        {"mn", NW_SCALE, 1e6},
    {"nine", NW_UNIT, 9},          {"nineteen", NW_UNIT, 19},
    {"ninety", NW_TEN, 90},        {"ninth", NW_DENOM, 9},
    {"ninths", NW_DENOM, 9},       {"one", NW_UNIT, 1},
    {"quarter", NW_DENOM, 4},      {"quarters", NW_DENOM, 4},
    {"seven", NW_UNIT, 7},         {"seventeen", NW_UNIT, 17},
    {"seventh", NW_DENOM, 7},      {"sevenths", NW_DENOM, 7},
    {"seventy", NW_TEN, 70},       {"six", NW_UNIT, 6},
    {"sixteen", NW_UNIT, 16},      {"sixth", NW_DENOM, 6},
    {"sixths", NW_DENOM, 6},       {"sixty", NW_TEN, 60},
    {"ten", NW_UNIT, 10},          {"tenth", NW_DENOM, 10},
    {"tenths", NW_DENOM, 10},      {"third", NW_DENOM, 3},
    {"thirds", NW_DENOM, 3},       {"thirteen", NW_UNIT, 13},
    {"thirty", NW_TEN, 30},        {"thousand", NW_SCALE, 1e3},
    {"three", NW_UNIT, 3},         {"tn", NW_SCALE, 1e12},
    {"trillion", NW_SCALE, 1e12},  {"twelve", NW_UNIT, 12},
    {"twenty", NW_TEN, 20},        {"two", NW_UNIT, 2},
    {"zero", NW_UNIT, 0},
};

/* The entry for W[0..N) (folded), or NULL. */
static const nw_entry *numword(const char *w, size_t n)
{
    size_t lo = 0, hi = sizeof nw_table / sizeof nw_table[0];
    if (n < 2 || n > 9)
        return NULL;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *e = nw_table[mid].w;
        int c = strncmp(w, e, n);
        if (c == 0 && e[n] != '\0')
            c = -1; /* W is a proper prefix of E */
        if (c == 0)
            return &nw_table[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The folded form of token T into BUF, or 0. */
static size_t fold_tok(const char *text, const xc_token *t, char *buf)
{
    int fl;
    if (t->kind != XC_TOK_WORD)
        return 0;
    return xc_lex_fold(text + t->start, t->end - t->start, buf, &fl);
}

static int tok_is(const char *text, const xc_token *t, const char *w)
{
    size_t n = strlen(w), k;
    if (t->end - t->start != n)
        return 0;
    for (k = 0; k < n; k++) {
        char c = text[t->start + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[k])
            return 0;
    }
    return 1;
}

/*
 * Digits at S[0..N): "13", "1,000", "3.5".  Sets *v and returns the bytes
 * read (stopping at the first byte that is neither a digit nor a separator
 * between digits), or 0 when there is no number or it has more than 15
 * digits or a leading zero ("007": an identifier).
 */
static size_t read_digits(const char *s, size_t n, double *mant, int *frac)
{
    size_t i = 0, digits = 0;
    double x = 0;
    int point = 0;
    *frac = 0;
    if (n == 0 || s[0] < '0' || s[0] > '9')
        return 0;
    if (s[0] == '0' && n > 1 && s[1] >= '0' && s[1] <= '9')
        return 0;
    while (i < n) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (++digits > 15)
                return 0;
            x = x * 10 + (c - '0'); /* exact: below 2^53 */
            *frac += point;
            i++;
        } else if ((c == ',' || c == '.') && i + 1 < n && s[i + 1] >= '0' &&
                   s[i + 1] <= '9') {
            if (c == '.') {
                if (point)
                    break;
                point = 1;
            } else if (point) {
                break;
            }
            i++;
        } else {
            break;
        }
    }
    *mant = x;
    return i;
}

/* MANT / 10^FRAC * SCALE with one rounding where the product is exact:
   "1.7 million" is 1700000, not 1700000.0000000002. */
static double decimal_value(double mant, int frac, double scale)
{
    static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    double m = mant * scale;
    if (m < 9007199254740992.0)
        return m / p10[frac];
    return mant / p10[frac] * scale;
}

long xc_lex_digits(const char *text, const xc_token *t)
{
    long v = 0;
    uint32_t k;
    if (t->kind != XC_TOK_NUMBER || t->end - t->start > 9)
        return -1;
    for (k = t->start; k < t->end; k++) {
        if (text[k] < '0' || text[k] > '9')
            return -1;
        v = v * 10 + (text[k] - '0');
    }
    return v;
}

/* A scale written after digits as its own word: "1.5 million", "$5 bn". */
static double scale_word(const char *text, const xc_token *t)
{
    char buf[XC_LEX_MAX];
    size_t n = fold_tok(text, t, buf);
    const nw_entry *e;
    if (!n)
        return 0;
    e = numword(buf, n);
    if (e && (e->kind == NW_SCALE || (e->kind == NW_HUNDRED)))
        return e->v;
    return 0;
}

/* Units and scales glued to digits: "5bn", "10km".  Returns the scale
   (1 for a unit) and sets *unit when the suffix names a unit. */
static double glued_suffix(const char *s, size_t n, int *unit)
{
    static const char *const units[] = {"km", "kg", "mm", "cm", "mph", "kph",
                                        "ft", "lb", "lbs", "mw", "gw", "kw",
                                        "kwh", "ha", "sq", NULL};
    char buf[8];
    size_t k;
    *unit = 0;
    if (n == 0 || n > 4)
        return 0;
    for (k = 0; k < n; k++) {
        char c = s[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c < 'a' || c > 'z')
            return 0;
        buf[k] = c;
    }
    buf[n] = '\0';
    if (!strcmp(buf, "bn") || !strcmp(buf, "b") || !strcmp(buf, "bln"))
        return 1e9;
    if (!strcmp(buf, "m") || !strcmp(buf, "mn") || !strcmp(buf, "mln"))
        return 1e6;
    if (!strcmp(buf, "tn"))
        return 1e12;
    if (!strcmp(buf, "k"))
        return 1e3;
    for (k = 0; units[k]; k++)
        if (!strcmp(buf, units[k])) {
            *unit = 1;
            return 1;
        }
    return 0;
}

typedef struct acc {
    double total, cur;
    int prev; /* kind of the last word taken, 0 at the start */
} acc;

/* Add number word E to A; 0 when it cannot continue the number. */
static int acc_add(acc *a, const nw_entry *e)
{
    switch (e->kind) {
    case NW_UNIT:
        if (a->prev == NW_UNIT || a->prev == NW_DOZEN ||
            (a->prev == NW_TEN && e->v >= 10))
            return 0;
        a->cur += e->v;
        break;
    case NW_TEN:
        if (a->prev == NW_UNIT || a->prev == NW_TEN || a->prev == NW_DOZEN)
            return 0;
        a->cur += e->v;
        break;
    case NW_HUNDRED:
        if (a->prev == NW_HUNDRED || a->prev == NW_DOZEN || a->prev == NW_SCALE)
            return 0;
        a->cur = (a->cur > 0 ? a->cur : 1) * 100;
        break;
    case NW_SCALE:
        if (a->prev == NW_SCALE)
            return 0;
        a->total += (a->cur > 0 ? a->cur : 1) * e->v;
        a->cur = 0;
        break;
    case NW_DOZEN:
        if (a->prev == NW_DOZEN || a->prev == NW_HUNDRED || a->prev == NW_SCALE)
            return 0;
        a->cur = (a->cur > 0 ? a->cur : 1) * 12;
        break;
    default:
        return 0;
    }
    a->prev = e->kind;
    return 1;
}

static int finish(xc_amount *a, double v)
{
    if (!isfinite(v) || v < 0 || v > 1e27)
        return 0;
    a->value = v;
    return 1;
}

/* Digits at token I (a NUMBER, or a WORD starting with a digit). */
static int read_digit_amount(const char *text, const xc_tokens *tk, size_t i,
                             size_t end, xc_amount *a)
{
    const xc_token *t = &tk->tok[i];
    const char *s = text + t->start;
    size_t n = t->end - t->start, used;
    double mant, v, sc;
    int unit, frac;

    for (size_t k = 0; k < n; k++)
        if (s[k] == ':') /* a time of day or a score */
            return 0;
    used = read_digits(s, n, &mant, &frac);
    if (!used)
        return 0;
    v = decimal_value(mant, frac, 1);
    a->last = i;
    if (used < n) {
        /* a WORD: "20-year", "5bn", "10km"; not "13th", "1990s", "1e400" */
        if (s[used] == '-' && used + 1 < n &&
            ((s[used + 1] >= 'a' && s[used + 1] <= 'z') ||
             (s[used + 1] >= 'A' && s[used + 1] <= 'Z'))) {
            a->tail = t->start + used + 1;
            return finish(a, v);
        }
        sc = glued_suffix(s + used, n - used, &unit);
        if (sc == 0)
            return 0;
        if (unit)
            a->tail = t->start + used;
        else
            a->scaled = 1;
        return finish(a, decimal_value(mant, frac, sc));
    }
    if (i + 1 < end && tk->tok[i + 1].kind == XC_TOK_WORD &&
        (sc = scale_word(text, &tk->tok[i + 1])) > 0) {
        a->last = i + 1;
        a->scaled = 1;
        if (sc == 100 && i + 2 < end && /* "3 hundred thousand" */
            scale_word(text, &tk->tok[i + 2]) > 100) {
            sc *= scale_word(text, &tk->tok[i + 2]);
            a->last = i + 2;
        }
        v = decimal_value(mant, frac, sc);
    }
    return finish(a, v);
}

/* An ordinal glued to a number word: "twenty-first", "thirty-fifth". */
static int is_ordinal_part(const char *w, size_t n)
{
    return (n == 5 && !memcmp(w, "first", 5)) || (n == 6 && !memcmp(w, "second", 6)) ||
           (n >= 6 && !memcmp(w + n - 6, "teenth", 6)) ||
           (n >= 4 && !memcmp(w + n - 4, "ieth", 4)) ||
           (n == 8 && !memcmp(w, "eleventh", 8)) || (n == 7 && !memcmp(w, "twelfth", 7));
}

/*
 * A fraction whose denominator E is the part [P,Q) of the folded token J
 * (BUF, N bytes): "two-thirds", "one-half", "a third of", "half of",
 * "half a million".  Returns 1 with A filled, 0 when it is not one (then
 * the whole reading fails: "twenty-third" is an ordinal).
 */
static int read_fraction(const char *text, const xc_tokens *tk, size_t j,
                         size_t end, const acc *ac, int took_a,
                         const nw_entry *e, const char *buf, size_t p,
                         size_t q, size_t n, xc_amount *a)
{
    int plural = buf[q - 1] == 's';
    int of = j + 1 < end && tok_is(text, &tk->tok[j + 1], "of");
    double num = ac->prev ? ac->cur : 1;

    if (ac->total > 0 || (ac->prev && ac->prev != NW_UNIT) || num > 10)
        return 0;
    if (!ac->prev && !took_a && e->v == 2 && !plural && p == 0 && !of) {
        /* "half a million", "half a dozen" */
        double sc;
        if (!(j + 2 < end && (tok_is(text, &tk->tok[j + 1], "a") ||
                              tok_is(text, &tk->tok[j + 1], "an"))))
            return 0;
        if (tok_is(text, &tk->tok[j + 2], "dozen"))
            sc = 12;
        else if ((sc = scale_word(text, &tk->tok[j + 2])) < 1e3)
            return 0;
        a->last = j + 2;
        a->spelled = 1;
        a->scaled = 1;
        return finish(a, 0.5 * sc);
    }
    if (!ac->prev && !took_a && e->v != 2)
        return 0; /* "third" alone is an ordinal */
    if (num == 1 ? plural : !plural)
        return 0; /* "one thirds", "two third" */
    if (p == 0 && !of)
        return 0; /* "a third term"; "two thirds of" needs its "of" */
    a->last = j;
    a->spelled = 1;
    a->fraction = 1;
    if (q < n) /* "two-thirds-majority" */
        a->tail = tk->tok[j].start + q + 1;
    return finish(a, num / e->v);
}

int xc_lex_amount(const char *text, const xc_tokens *tk, size_t i, size_t end,
                  xc_amount *a)
{
    const xc_token *t = &tk->tok[i];
    acc ac = {0, 0, 0};
    size_t j;
    int took_a = 0;

    memset(a, 0, sizeof *a);
    a->first = a->last = i;
    if (t->kind == XC_TOK_NUMBER ||
        (t->kind == XC_TOK_WORD && text[t->start] >= '0' && text[t->start] <= '9'))
        return read_digit_amount(text, tk, i, end, a);
    if (t->kind != XC_TOK_WORD)
        return 0;

    for (j = i; j < end; j++) {
        char buf[XC_LEX_MAX];
        const xc_token *u = &tk->tok[j];
        size_t n = fold_tok(text, u, buf), p, q;
        int took_part = 0;

        if (!n)
            break;
        if (j == i && (!strcmp(buf, "a") || !strcmp(buf, "an"))) {
            took_a = 1;
            continue;
        }
        if (ac.prev && !strcmp(buf, "and") && j + 1 < end) {
            /* "two hundred and fifty", "two and a half" */
            char b2[XC_LEX_MAX], b3[XC_LEX_MAX];
            size_t n2 = fold_tok(text, &tk->tok[j + 1], b2);
            const nw_entry *e2 = n2 ? numword(b2, n2) : NULL;
            if (e2 && (e2->kind == NW_UNIT || e2->kind == NW_TEN) &&
                (ac.prev == NW_HUNDRED || ac.prev == NW_SCALE))
                continue;
            if (n2 == 1 && b2[0] == 'a' && j + 2 < end &&
                fold_tok(text, &tk->tok[j + 2], b3) && !strcmp(b3, "half") &&
                (ac.prev == NW_UNIT || ac.prev == NW_TEN)) {
                ac.cur += 0.5;
                a->last = j + 2;
                j += 2;
                continue;
            }
            break;
        }
        /* the parts of a hyphenated word: "twenty-five", "two-day" */
        for (p = 0; p < n; p = q + 1) {
            const nw_entry *e;
            for (q = p; q < n && buf[q] != '-'; q++)
                ;
            e = numword(buf + p, q - p);
            if (e && e->kind == NW_DENOM)
                return read_fraction(text, tk, j, end, &ac, took_a, e, buf, p, q,
                                     n, a);
            if (e && !ac.prev && !took_a &&
                (e->kind == NW_SCALE || e->kind == NW_HUNDRED || e->kind == NW_DOZEN))
                return 0; /* "million" alone */
            if (!e || !acc_add(&ac, e)) {
                xc_timeword tw;
                char unit[XC_LEX_MAX];
                size_t ul = 0;
                while (p + ul < n && buf[p + ul] != '-') {
                    unit[ul] = buf[p + ul];
                    ul++;
                }
                unit[ul] = '\0';
                if (p > 0 && took_part && !e && !is_ordinal_part(buf + p, q - p) &&
                    xc_lex_timeword(unit, ul, &tw) == XC_TW_UNIT) {
                    /* "two-day": the rest of the word is a unit of time
                       ("one-sided", "two-way" are no amounts) */
                    a->tail = u->start + p;
                    a->last = j;
                    a->spelled = 1;
                    return finish(a, ac.total + ac.cur);
                }
                if (p > 0)
                    return 0; /* "twenty-first", "five-six" */
                goto done;
            }
            took_part = 1;
        }
        a->last = j;
    }
done:
    if (!ac.prev)
        return 0;
    if (took_a && (ac.prev == NW_UNIT || ac.prev == NW_TEN))
        return 0; /* "a one": not a number */
    a->spelled = 1;
    if (ac.total == 0 && ac.cur == 1 && ac.prev == NW_UNIT)
        a->one = 1;
    if (ac.prev == NW_SCALE || ac.prev == NW_HUNDRED || ac.prev == NW_DOZEN)
        a->scaled = 1;
    return finish(a, ac.total + ac.cur);
}

/* ---- Years -------------------------------------------------------------- */

/* Nouns counted far more often than dated: "2000 people" is no year. */
static const char *const count_nouns[] = {
    "aircraft", "barrels", "cars", "cases", "children", "civilians",
    "deaths", "demonstrators", "detainees", "doctors", "dollars", "drams",
    "employees", "euros", "families", "feet", "fighters", "flights",
    "homes", "hostages", "houses", "jobs", "kilometers", "kilometres",
    "km", "manats", "members", "men", "meters", "metres", "migrants",
    "miles", "militants", "officers", "pages", "passengers", "patients",
    "people", "percent", "persons", "points", "police", "pounds",
    "prisoners", "protesters", "refugees", "residents", "rubles",
    "shares", "soldiers", "students", "tonnes", "tons", "troops", "units",
    "vehicles", "victims", "voters", "votes", "women", "words", "workers",
};

static int is_count_noun(const char *w)
{
    size_t lo = 0, hi = sizeof count_nouns / sizeof count_nouns[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w, count_nouns[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Words that may stand right before a year, capitalized or not. */
static int year_lead(const char *w)
{
    static const char *const lead[] = {
        "in", "on", "at", "by", "since", "until", "till", "from", "to",
        "for", "during", "before", "after", "through", "of", "and", "or",
        "but", "between", "early", "late", "mid", "fiscal", "fy", "the",
        "spring", "summer", "autumn", "fall", "winter", "christmas",
        "easter", "year", "class", "circa", "around", "as", "with",
        "than", "that", "while", "when", "where", "then", "only", "also",
        "even", "not", "unlike", "like", "per", "vs", "against", "into",
        "throughout", "within", "ahead", "beyond", "toward", "towards",
        "nov", "dec", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
        "sep", "sept", "oct", NULL};
    for (size_t k = 0; lead[k]; k++)
        if (!strcmp(w, lead[k]))
            return 1;
    return 0;
}

/* Bound words before a count: "about 1500", "some 2000". */
static int count_lead(const char *w)
{
    static const char *const lead[] = {"about", "some", "nearly", "almost",
                                       "approximately", "roughly", "over",
                                       "least", "estimated", "than", "only",
                                       "just", "total", "additional",
                                       "another", "extra", NULL};
    for (size_t k = 0; lead[k]; k++)
        if (!strcmp(w, lead[k]))
            return 1;
    return 0;
}

static int adjacent(const xc_token *a, const xc_token *b)
{
    return a->end == b->start;
}

int xc_lex_is_year(const char *text, const xc_tokens *tk, size_t i,
                   size_t first, size_t end)
{
    const xc_token *t = &tk->tok[i];
    char buf[XC_LEX_MAX];
    long v = xc_lex_digits(text, t);
    size_t n;
    int fl;

    if (t->end - t->start != 4 || v < 1000 || v > 2199)
        return 0;
    if (i > first) {
        const xc_token *p = &tk->tok[i - 1];
        unsigned char c = (unsigned char)text[p->start];
        if (p->kind == XC_TOK_SYMBOL && (c == '$' || c == '#' || c >= 0x80))
            return 0; /* $2000, #1988, €2000, £2000 */
        if ((c == '-' || c == '/' || c == ':' || c == '.' || c == '+') &&
            adjacent(p, t)) {
            /* inside 555-2000 or 2/2000 unless a range of years */
            if (i - 1 > first && tk->tok[i - 2].kind == XC_TOK_NUMBER &&
                adjacent(&tk->tok[i - 2], p) && c != '-')
                return 0;
            if (c == '-' && i - 1 > first && tk->tok[i - 2].kind == XC_TOK_NUMBER &&
                adjacent(&tk->tok[i - 2], p) && tk->tok[i - 2].end - tk->tok[i - 2].start != 4)
                return 0;
        }
        if (p->kind == XC_TOK_WORD) {
            n = xc_lex_fold(text + p->start, p->end - p->start, buf, &fl);
            if (n) {
                if (count_lead(buf) || !strcmp(buf, "no") || !strcmp(buf, "number") ||
                    !strcmp(buf, "nos"))
                    return 0;
                if ((p->flags & XC_TF_UPPER_INIT) && !(fl & XC_LEX_POSS) &&
                    !year_lead(buf)) {
                    xc_timeword tw;
                    if (xc_lex_timeword(buf, n, &tw) == XC_TW_NONE &&
                        !(p->flags & XC_TF_SENT_START))
                        return 0; /* "Windows 2000", "Vision 2030" */
                }
            }
        }
    }
    if (i + 1 < end) {
        const xc_token *x = &tk->tok[i + 1];
        unsigned char c = (unsigned char)text[x->start];
        if (x->kind == XC_TOK_SYMBOL && c == '%')
            return 0;
        if ((c == '/' || c == ':' || c == '.') && adjacent(t, x) &&
            i + 2 < end && tk->tok[i + 2].kind == XC_TOK_NUMBER)
            return 0;
        if (x->kind == XC_TOK_WORD && !(x->flags & XC_TF_UPPER_INIT)) {
            n = xc_lex_fold(text + x->start, x->end - x->start, buf, &fl);
            if (n) {
                xc_timeword tw;
                if (is_count_noun(buf) || !strcmp(buf, "per"))
                    return 0;
                if (xc_lex_timeword(buf, n, &tw) == XC_TW_UNIT &&
                    (tw.flags & XC_TWF_PLURAL))
                    return 0; /* "2000 years" */
            }
        }
    }
    return 1;
}
