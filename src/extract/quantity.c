/*
 * quantity.c: the counted and measured amounts of one report ("at least 19
 * other Armenians who remain in Azerbaijani custody", "20 years in
 * prison", "$5 billion"), each with its bound and the words saying what is
 * counted.  Reports of one story most often conflict on numbers (how many
 * detained, how long the sentence), so each amount keeps enough of its
 * sentence for the later stages to tell which amounts answer the same
 * question.
 *
 * An amount is read by numwords.c: digits, spelled numbers, scales and
 * fractions.  Around it:
 *
 *   - the bound comes from the words before it: "at least", "more than",
 *     "over", "exceeded" give at-least; "nearly", "almost", "up to",
 *     "fewer than", "less than", "under", "approached" at-most; "about",
 *     "around", "some", "roughly", "approximately", "an estimated" about;
 *     otherwise exact.  The bound words are part of the span, so the span
 *     is "at least 19" (and "$5 billion" keeps its currency sign);
 *   - the object is a span of words of the same sentence after the amount:
 *     a noun phrase ("other Armenians", "people of Armenian origin",
 *     "officials of the Nagorno-Karabakh region") optionally extended by a
 *     short participle phrase or relative clause ("held in Azerbaijan",
 *     "who remain in Azerbaijani custody": four words at most) or an "in"
 *     phrase ("years in prison").  A unit is the head of the object: "20
 *     years in prison" has object "years in prison", "25% of voters" has
 *     "% of voters", and a unit glued on by a hyphen starts the object
 *     inside the word: "20-year jail terms" gives "year jail terms" (the
 *     reader sees it is years; "jail terms" alone would not say so).  "Five
 *     of them" has no object; "four of the prisoners" has "prisoners".
 *     When nothing follows ("the number of people held had approached
 *     200"), the words after "number of" earlier in the sentence are used;
 *   - an amount of time is also a duration: "20 years", "20-year" give
 *     P20Y, "two months" P2M, "24 hours" PT24H (ages, "20-year-old", are
 *     not durations).
 *
 * Not quantities: years and days of dates ("in 2020", "February 5"), times
 * of day ("10:30", "5 p.m."), amounts that belong to a time expression
 * ("two years ago", "two months after": times.c reports those), numbers in
 * names ("France 24", "Boeing 737", "No. 10"), list markers, phone
 * numbers, ordinals ("World War II", "Second World War", "13th"), vague
 * plurals ("hundreds of thousands"), the bare word "one" unless a bound or
 * a unit makes it a count ("at least one", "one year"), and identifiers
 * with more than 15 digits or an exponent ("1e400"), which are skipped so
 * no value is ever infinite.
 */
#include "extract/extract.h"
#include "extract/lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct qctx {
    const xc_doc *doc;
    const xc_tokens *tk;
    const char *s;
    size_t first, end; /* tokens of the current sentence */
    size_t done;       /* tokens before this are used */
    xc_quantities *out;
    xc_code rc;
} qctx;

static const xc_token *tok(const qctx *c, size_t i)
{
    return &c->tk->tok[i];
}

static size_t word_at(const qctx *c, size_t i, char *buf)
{
    int fl;
    const xc_token *t = tok(c, i);
    if (t->kind != XC_TOK_WORD)
        return 0;
    return xc_lex_fold(c->s + t->start, t->end - t->start, buf, &fl);
}

static int word_is(const qctx *c, size_t i, const char *w)
{
    char buf[XC_LEX_MAX];
    return i < c->end && word_at(c, i, buf) && !strcmp(buf, w);
}

static int in_list(const char *w, const char *const *list)
{
    /* the first byte before the call: most words differ there */
    for (size_t k = 0; list[k]; k++)
        if (list[k][0] == w[0] && !strcmp(w, list[k]))
            return 1;
    return 0;
}

static int is_cap(const qctx *c, size_t i)
{
    return (tok(c, i)->flags & XC_TF_UPPER_INIT) != 0;
}

static int char_is(const qctx *c, size_t i, char ch)
{
    const xc_token *t = tok(c, i);
    return t->end - t->start == 1 && c->s[t->start] == ch;
}

static int adjacent(const qctx *c, size_t i, size_t j)
{
    return tok(c, i)->end == tok(c, j)->start;
}

static int timeword(const qctx *c, size_t i, xc_timeword *tw)
{
    char buf[XC_LEX_MAX];
    size_t n = word_at(c, i, buf);
    tw->cls = XC_TW_NONE;
    return n ? xc_lex_timeword(buf, n, tw) : XC_TW_NONE;
}

static int is_month(const qctx *c, size_t i)
{
    xc_timeword tw;
    return i < c->end && is_cap(c, i) && timeword(c, i, &tw) == XC_TW_MONTH;
}

/* ---- Context: what makes a number no quantity -------------------------- */

/* Function words: a capitalized one before a number is no name. */
static const char *const function_words[] = {
    "a", "about", "above", "according", "across", "after", "against", "all",
    "almost", "along", "also", "among", "an", "and", "another", "any",
    "approximately", "are", "around", "as", "at", "because", "before",
    "below", "between", "both", "but", "by", "circa", "close", "during",
    "each", "either", "even", "every", "exactly", "fewer", "for", "from",
    "had", "has", "have", "her", "his", "in", "including", "into", "its",
    "just", "last", "least", "less", "like", "many", "more", "most", "nearly",
    "neither", "next", "nor", "of", "on", "only", "or", "other", "our", "over",
    "per", "plus", "roughly", "since", "some", "than", "that", "the", "their",
    "these", "this", "those", "through", "to", "top", "total", "under",
    "until", "up", "upwards", "was", "were", "while", "with", "within",
    "without", "yet", "fully", "well", "barely", "perhaps", "maybe",
    "possibly", "still", "then", "now", "so", "when", "if", "however", "what",
    "which", "who", "where", "why", "how", "says", "said", "told", "is", "be",
    "been", "will", "would", "could", "should", "may", "might", "can", "must",
    "did", "do", "does", "are", "another", "additional", "extra", NULL};

static const char *const time_of_day[] = {"a.m", "p.m", "am", "pm", "gmt", "utc",
                                          "est", "edt", "bst", "cet", "cest",
                                          "pst", "pdt", "o'clock", "hrs", "h",
                                          "local", "msk", "amt", NULL};

/* A spelled number from one to ten, as in ratios ("four in 10"). */
static int numword_like(const char *w)
{
    static const char *const small[] = {"one", "two", "three", "four", "five", "six",
                                        "seven", "eight", "nine", "ten", NULL};
    return in_list(w, small);
}

/* Day of a date: "February 5", "5 February", "5th of May", "April 24 and 25". */
static int is_date_number(const qctx *c, size_t i, size_t last)
{
    if (i > c->first && is_month(c, i - 1))
        return 1;
    if (last + 1 < c->end && is_month(c, last + 1))
        return 1;
    if (last + 2 < c->end && word_is(c, last + 1, "of") && is_month(c, last + 2))
        return 1;
    if (i >= c->first + 3 && (word_is(c, i - 1, "and") || word_is(c, i - 1, "to") ||
                              word_is(c, i - 1, "or") || tok(c, i - 1)->kind == XC_TOK_DASH ||
                              char_is(c, i - 1, '-')) &&
        tok(c, i - 2)->kind == XC_TOK_NUMBER && is_month(c, i - 3))
        return 1;
    return 0;
}

/*
 * Nonzero when the amount at tokens [I, LAST] is not a quantity by its
 * neighbours: a name, an identifier, a list marker, a phone number, a
 * time of day, part of a date or of a time expression.  Returns 2 when the
 * token after the amount belongs to the same non-quantity ("nineteen
 * ninety-one").
 */
static int not_a_quantity(const qctx *c, size_t i, size_t last, const xc_amount *a)
{
    const xc_token *t = tok(c, i);
    char buf[XC_LEX_MAX];
    xc_timeword tw;
    int digits = t->kind == XC_TOK_NUMBER ||
                 (t->kind == XC_TOK_WORD && c->s[t->start] >= '0' && c->s[t->start] <= '9');

    if (digits && t->kind == XC_TOK_NUMBER &&
        xc_lex_is_year(c->s, c->tk, i, c->first, c->end))
        return 1;
    if (digits && !a->tail && is_date_number(c, i, last))
        return 1;
    if (a->spelled && (a->value == 19 || a->value == 18) && last + 1 < c->end &&
        word_at(c, last + 1, buf)) {
        /* "nineteen ninety-six": a year said in words */
        static const char *const tens[] = {"twenty", "thirty", "forty", "fifty", "sixty",
                                           "seventy", "eighty", "ninety", NULL};
        for (size_t k = 0; tens[k]; k++)
            if (!strncmp(buf, tens[k], strlen(tens[k])))
                return 2;
    }
    if (i > c->first) {
        const xc_token *p = tok(c, i - 1);
        /* "France 24", "Boeing 737", "No. 10", "#1"; but "About 200" */
        if (digits && p->kind == XC_TOK_WORD && is_cap(c, i - 1) && word_at(c, i - 1, buf) &&
            !in_list(buf, function_words))
            return 1;
        if (digits && word_at(c, i - 1, buf) &&
            (!strcmp(buf, "no") || !strcmp(buf, "nos") || !strcmp(buf, "number") ||
             !strcmp(buf, "room") || !strcmp(buf, "page") || !strcmp(buf, "line")) &&
            (is_cap(c, i - 1) || !strcmp(buf, "number")))
            return 1;
        if (char_is(c, i - 1, '#') || char_is(c, i - 1, '+') ||
            (char_is(c, i - 1, '/') && adjacent(c, i - 1, i)))
            return 1;
        if ((char_is(c, i - 1, '-') || char_is(c, i - 1, '.') || char_is(c, i - 1, ':')) &&
            adjacent(c, i - 1, i) && i - 1 > c->first && adjacent(c, i - 2, i - 1) &&
            tok(c, i - 2)->kind == XC_TOK_NUMBER)
            return 1; /* inside 555-1234 or 2026-02-14 */
        /* "(1)", "[538]": markers and references */
        if (((char_is(c, i - 1, '(') && last + 1 < c->end && char_is(c, last + 1, ')') &&
              a->value < 100) ||
             (char_is(c, i - 1, '[') && last + 1 < c->end && char_is(c, last + 1, ']'))) &&
            !a->spelled)
            return 1;
        /* "World War Two", "Number Two", "Air Force One" */
        if (!digits && is_cap(c, i) && !(t->flags & XC_TF_SENT_START) &&
            p->kind == XC_TOK_WORD && is_cap(c, i - 1) && word_at(c, i - 1, buf) &&
            !in_list(buf, function_words))
            return 1;
        /* "four in 10": the second number is the scale of a ratio */
        if (i - 1 > c->first && word_is(c, i - 1, "in") &&
            (tok(c, i - 2)->kind == XC_TOK_NUMBER ||
             (word_at(c, i - 2, buf) && numword_like(buf))))
            return 1;
    }
    if (digits && ((i > c->first && tok(c, i - 1)->kind == XC_TOK_NUMBER) ||
                   (last + 1 < c->end && tok(c, last + 1)->kind == XC_TOK_NUMBER)))
        return 1; /* "+374 10 123456": groups of a phone number */
    if (digits && (t->flags & XC_TF_LINE_START) && last + 1 < c->end &&
        (char_is(c, last + 1, '.') || char_is(c, last + 1, ')')) && adjacent(c, last, last + 1))
        return 1; /* a list marker */
    if (last + 1 < c->end) {
        /* 123-4567, 14/02, 10.30 */
        if ((char_is(c, last + 1, '/') || char_is(c, last + 1, '-')) && adjacent(c, last, last + 1) &&
            last + 2 < c->end && tok(c, last + 2)->kind == XC_TOK_NUMBER &&
            adjacent(c, last + 1, last + 2)) {
            const xc_token *u = tok(c, last + 2);
            if (char_is(c, last + 1, '/') || u->end - u->start >= 4 ||
                (last + 3 < c->end && char_is(c, last + 3, '-') && adjacent(c, last + 2, last + 3)))
                return 1;
        }
        if (word_at(c, last + 1, buf) && in_list(buf, time_of_day))
            return 1;
        /* "two years ago", "two months after" belong to times.c */
        if (!a->tail && timeword(c, last + 1, &tw) == XC_TW_UNIT && last + 2 < c->end &&
            timeword(c, last + 2, &tw) == XC_TW_REL)
            return 1;
    }
    return 0;
}

/* ---- Bounds ------------------------------------------------------------- */

typedef struct bound_word {
    const char *w1, *w2; /* w2 NULL for one word */
    uint8_t bound;
} bound_word;

static const bound_word bounds[] = {
    {"at", "least", XC_BOUND_AT_LEAST},     {"more", "than", XC_BOUND_AT_LEAST},
    {"greater", "than", XC_BOUND_AT_LEAST}, {"higher", "than", XC_BOUND_AT_LEAST},
    {"upwards", "of", XC_BOUND_AT_LEAST},   {"excess", "of", XC_BOUND_AT_LEAST},
    {"just", "over", XC_BOUND_AT_LEAST},    {"well", "over", XC_BOUND_AT_LEAST},
    {"well", "above", XC_BOUND_AT_LEAST},   {"minimum", "of", XC_BOUND_AT_LEAST},
    {"fewer", "than", XC_BOUND_AT_MOST},    {"less", "than", XC_BOUND_AT_MOST},
    {"lower", "than", XC_BOUND_AT_MOST},    {"up", "to", XC_BOUND_AT_MOST},
    {"close", "to", XC_BOUND_AT_MOST},      {"at", "most", XC_BOUND_AT_MOST},
    {"as", "many", XC_BOUND_AT_MOST},       {"as", "much", XC_BOUND_AT_MOST},
    {"just", "under", XC_BOUND_AT_MOST},    {"maximum", "of", XC_BOUND_AT_MOST},
    {"shy", "of", XC_BOUND_AT_MOST},        {"an", "estimated", XC_BOUND_ABOUT},
    {"over", NULL, XC_BOUND_AT_LEAST},      {"above", NULL, XC_BOUND_AT_LEAST},
    {"exceeding", NULL, XC_BOUND_AT_LEAST}, {"exceeded", NULL, XC_BOUND_AT_LEAST},
    {"exceeds", NULL, XC_BOUND_AT_LEAST},   {"topped", NULL, XC_BOUND_AT_LEAST},
    {"surpassed", NULL, XC_BOUND_AT_LEAST}, {"nearly", NULL, XC_BOUND_AT_MOST},
    {"almost", NULL, XC_BOUND_AT_MOST},     {"under", NULL, XC_BOUND_AT_MOST},
    {"below", NULL, XC_BOUND_AT_MOST},      {"approached", NULL, XC_BOUND_AT_MOST},
    {"approaching", NULL, XC_BOUND_AT_MOST},{"approaches", NULL, XC_BOUND_AT_MOST},
    {"about", NULL, XC_BOUND_ABOUT},        {"around", NULL, XC_BOUND_ABOUT},
    {"some", NULL, XC_BOUND_ABOUT},         {"roughly", NULL, XC_BOUND_ABOUT},
    {"approximately", NULL, XC_BOUND_ABOUT},{"approx", NULL, XC_BOUND_ABOUT},
    {"circa", NULL, XC_BOUND_ABOUT},        {"estimated", NULL, XC_BOUND_ABOUT},
};

/* Verbs that take "over" as a particle: "handed over", "took over". */
static int phrasal_over(const char *w)
{
    static const char *const stems[] = {"hand", "took", "tak", "turn", "carr",
                                        "won", "win", "sign", "pass", "hold",
                                        "held", "roll", "gave", "giv", "start",
                                        "went", "go", "came", "com", "got",
                                        "get", NULL};
    for (size_t k = 0; stems[k]; k++)
        if (!strncmp(w, stems[k], strlen(stems[k])))
            return 1;
    return 0;
}

/* Bound words ending right before token I; sets *from to their first
   token.  "as many as" and "more or less" take a third word. */
static int read_bound(const qctx *c, size_t i, size_t *from)
{
    size_t lo = c->done > c->first ? c->done : c->first;
    char w1[XC_LEX_MAX], w2[XC_LEX_MAX];
    *from = i;
    if (i <= lo || !word_at(c, i - 1, w2))
        return XC_BOUND_EXACT;
    if (i - 1 > lo && word_at(c, i - 2, w1)) {
        for (size_t k = 0; k < sizeof bounds / sizeof bounds[0]; k++) {
            if (!bounds[k].w2 || strcmp(bounds[k].w1, w1) || strcmp(bounds[k].w2, w2))
                continue;
            *from = i - 2;
            if ((!strcmp(w1, "excess") || !strcmp(w1, "minimum") || !strcmp(w1, "maximum") ||
                 !strcmp(w1, "shy")) &&
                *from > lo && (word_is(c, *from - 1, "in") || word_is(c, *from - 1, "a") ||
                               word_is(c, *from - 1, "of")))
                (*from)--;
            if (!strcmp(w1, "least") && *from > lo && word_is(c, *from - 1, "at"))
                (*from)--;
            if (!strcmp(w2, "than") && *from > lo && word_is(c, *from - 1, "no")) {
                /* "no more than" is at-most, "no fewer than" at-least */
                (*from)--;
                return bounds[k].bound == XC_BOUND_AT_LEAST ? XC_BOUND_AT_MOST
                                                            : XC_BOUND_AT_LEAST;
            }
            return bounds[k].bound;
        }
    }
    /* "as many as 50": the second "as" */
    if (!strcmp(w2, "as") && i - 1 > lo + 1 && word_is(c, i - 3, "as") &&
        (word_is(c, i - 2, "many") || word_is(c, i - 2, "much"))) {
        *from = i - 3;
        return XC_BOUND_AT_MOST;
    }
    if (!strcmp(w2, "less") && i - 1 > lo + 1 && word_is(c, i - 2, "or") &&
        word_is(c, i - 3, "more")) {
        *from = i - 3;
        return XC_BOUND_ABOUT;
    }
    if (!strcmp(w2, "over") && i - 1 > lo && word_at(c, i - 2, w1) && phrasal_over(w1))
        return XC_BOUND_EXACT; /* "handed over four prisoners" */
    for (size_t k = 0; k < sizeof bounds / sizeof bounds[0]; k++)
        if (!bounds[k].w2 && !strcmp(bounds[k].w1, w2)) {
            *from = i - 1;
            return bounds[k].bound;
        }
    return XC_BOUND_EXACT;
}

/* ---- Objects ------------------------------------------------------------ */

/* Words that end a noun phrase. */
static const char *const np_stop[] = {
    "a", "about", "after", "against", "ago", "all", "also", "am", "among",
    "an", "and", "are", "around", "as", "at", "be", "because", "been",
    "before", "being", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "down", "during", "each", "every", "for", "from",
    "had", "has", "have", "he", "her", "here", "his", "how", "i", "if",
    "in", "including", "into", "is", "it", "its", "just", "last", "less",
    "may", "might", "more", "must", "next", "nor", "not", "now", "of", "off",
    "on", "only", "or", "our", "out", "over", "per", "respectively", "said",
    "says", "shall", "she", "should", "since", "so", "still", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "told", "under", "until", "up", "upon", "via",
    "was", "we", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "will", "with", "within", "without",
    "would", "yet", "you", "near", "inside", "outside", "beyond", "across",
    "along", "behind", "toward", "towards", "amid", "despite", "throughout",
    "like", "unlike", "except", "besides", "above", "below", "beside",
    "versus", "vs", "compared", "against", NULL};

/* Frequent verbs, which end a noun phrase too: "countries in NATO spend". */
static const char *const np_verbs[] = {
    "agree", "agrees", "appear", "appears", "become", "becomes", "believe",
    "believes", "come", "comes", "continue", "continues", "depend",
    "depends", "die", "dies", "expect", "expects", "get", "gets", "go",
    "goes", "help", "helps", "hope", "hopes", "include", "includes", "join",
    "joins", "keep", "keeps", "know", "knows", "lack", "lacks", "live",
    "make", "makes", "oppose", "opposes", "own", "owns", "pay", "pays",
    "receive", "receives", "remain", "remains", "say", "see", "sees", "seem",
    "seems", "spend", "spends", "take", "takes", "think", "thinks", "want",
    "wants", NULL};

static const char *const irregular_plurals[] = {
    "people", "men", "women", "children", "police", "personnel", "staff",
    "cattle", "data", "media", "feet", "teeth", "mice", "geese", "sheep",
    "fish", "aircraft", "%", "percent", "pct", NULL};

static const char *const participles[] = {
    "held", "kept", "left", "built", "taken", "given", "shot", "hit",
    "hurt", "missing", "remaining", "living", "born", "seen", "known",
    "sent", "found", "lost", "caught", "brought", "stuck", "sold", "paid",
    "spent", "put", "set", "due", "still", "currently", "now", NULL};

static int is_content(const qctx *c, size_t i, char *buf)
{
    const xc_token *t = tok(c, i);
    size_t n;
    if (t->kind == XC_TOK_SYMBOL && t->end - t->start == 1 && c->s[t->start] == '%') {
        strcpy(buf, "%");
        return 1;
    }
    if (t->kind != XC_TOK_WORD)
        return 0;
    n = word_at(c, i, buf);
    if (!n) {
        /* non-ASCII words (names, other scripts) are content */
        buf[0] = '\0';
        return 1;
    }
    if (in_list(buf, np_stop) || in_list(buf, np_verbs))
        return 0;
    {
        /* "jobs in January", "pence in early trading yesterday": dates are
           no part of what is counted */
        xc_timeword tw;
        int cls = xc_lex_timeword(buf, n, &tw);
        if (cls == XC_TW_RELDAY || cls == XC_TW_WEEKDAY || (cls == XC_TW_MONTH && is_cap(c, i)) ||
            cls == XC_TW_EDGE)
            return 0;
    }
    return 1;
}

static int looks_plural(const char *w)
{
    size_t n = strlen(w);
    if (in_list(w, irregular_plurals))
        return 1;
    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i';
}

static int is_participle(const char *w)
{
    size_t n = strlen(w);
    return (n > 4 && w[n - 2] == 'e' && w[n - 1] == 'd') || in_list(w, participles);
}

/* A weekday, month or "yesterday": no part of an object's noun phrase,
   but a participle phrase may end with one. */
static int is_date_word(const qctx *c, size_t i)
{
    xc_timeword tw;
    int cls = timeword(c, i, &tw);
    return cls == XC_TW_WEEKDAY || cls == XC_TW_RELDAY || (cls == XC_TW_MONTH && is_cap(c, i));
}

/* Words that follow a participle ("held in", "captured by", "tried
   together") but seldom a finite verb, which takes an object instead
   ("others received 20-year terms"). */
static const char *const after_participle[] = {
    "in", "at", "by", "on", "from", "for", "with", "to", "since", "under",
    "together", "after", "during", "inside", "outside", "near", "over",
    "without", "as", "across", "abroad", "there", "here", "last", "this",
    "earlier", "so", "until", "into", "behind", "alive", "dead", "free", NULL};

/* Is the word at J (a participle) the start of a participle phrase? */
static int participle_phrase(const qctx *c, size_t j)
{
    char buf[XC_LEX_MAX];
    return j + 1 < c->end && word_at(c, j + 1, buf) && in_list(buf, after_participle);
}

/* Does the amount starting at token FROM open a clause, as the subject of
   what follows?  Then an -ed word after its noun is more likely the verb. */
static int opens_clause(const qctx *c, size_t from)
{
    static const char *const openers[] = {"that", "said", "says", "while", "because",
                                          "when", "as", "after", "before", "if", NULL};
    char buf[XC_LEX_MAX];
    const xc_token *p;
    if (from == c->first)
        return 1;
    p = tok(c, from - 1);
    if (p->kind == XC_TOK_PUNCT || p->kind == XC_TOK_QUOTE || p->kind == XC_TOK_DASH)
        return 1;
    return word_at(c, from - 1, buf) && in_list(buf, openers);
}

/* Does the clause go on after token J (exclusive end of a phrase) with a
   verb, or an apposition set off by a comma? */
static int verb_follows(const qctx *c, size_t j)
{
    char buf[XC_LEX_MAX];
    if (j < c->end && tok(c, j)->kind == XC_TOK_PUNCT && c->s[tok(c, j)->start] == ',')
        return 1;
    return j < c->end && word_at(c, j, buf) && strcmp(buf, "and") && strcmp(buf, "or") &&
           strcmp(buf, "but");
}

/* Extend the phrase after token J (exclusive end E of the object so far)
   with up to MAX words of a participle phrase or relative clause, stopping
   at punctuation.  Returns the new end token (exclusive). */
static size_t extension(const qctx *c, size_t j, size_t max)
{
    size_t k = j, taken = 0, last_content = j;
    char buf[XC_LEX_MAX];
    while (k < c->end && taken < max) {
        if (tok(c, k)->kind != XC_TOK_WORD) {
            if (tok(c, k)->kind == XC_TOK_NUMBER || tok(c, k)->kind == XC_TOK_SYMBOL)
                return j; /* "that lasted 24 hours": cut short, drop it */
            break;
        }
        if (word_at(c, k, buf) && (!strcmp(buf, "and") || !strcmp(buf, "but") ||
                                   !strcmp(buf, "or") || !strcmp(buf, "said") ||
                                   !strcmp(buf, "including") || !strcmp(buf, "which") ||
                                   !strcmp(buf, "who") || !strcmp(buf, "that") ||
                                   !strcmp(buf, "while") || !strcmp(buf, "when")))
            break;
        k++;
        taken++;
        if (is_content(c, k - 1, buf) || !strcmp(buf, "them") || !strcmp(buf, "us") ||
            is_date_word(c, k - 1))
            last_content = k; /* "released on Wednesday" may end the phrase */
    }
    if (taken == max && k < c->end && last_content == k && is_content(c, k, buf))
        return j; /* cut inside a name or phrase: "outside the Dallas [Morning News]" */
    return last_content; /* no dangling "by", "the" */
}

/* Of-phrase or in-phrase after the head: "of Armenian origin", "of the
   Nagorno-Karabakh region", "in prison".  Returns the new end. */
static size_t pp_after(const qctx *c, size_t j, int allow_in)
{
    char buf[XC_LEX_MAX];
    size_t k, n = 0;
    if (j >= c->end || !word_at(c, j, buf))
        return j;
    if (strcmp(buf, "of") && !(allow_in && (!strcmp(buf, "in") || !strcmp(buf, "from"))))
        return j;
    k = j + 1;
    if (k < c->end && (word_is(c, k, "the") || word_is(c, k, "a") || word_is(c, k, "an")))
        k++;
    while (k < c->end && n < 3 && is_content(c, k, buf) && strcmp(buf, "%") &&
           !(n > 0 && is_participle(buf))) {
        xc_timeword tw;
        if (xc_lex_timeword(buf, strlen(buf), &tw) == XC_TW_UNIT ||
            tw.cls == XC_TW_ORDINAL)
            return j; /* "in the third quarter": when, not what */
        k++;
        n++;
        if (looks_plural(buf) && !(k < c->end && is_cap(c, k)))
            break; /* "of Mexican jobs [depend]", but "of the United States" */
    }
    return n ? k : j;
}

/*
 * The object of the amount ending at token LAST (TAIL: a unit inside it).
 * Sets [*os, *oe) as byte offsets, equal when none, and *unit to the time
 * unit that heads it (XC_TU_*, 0 when none; -1 for an age).
 */
static void read_object(const qctx *c, size_t from, size_t last, size_t tail, size_t *os,
                        size_t *oe, int *unit)
{
    size_t j = last + 1, k, core = 0, end;
    char buf[XC_LEX_MAX];
    int head = 0;
    xc_timeword tw;

    *os = *oe = 0;
    *unit = 0;
    if (tail) {
        /* "20-year jail terms": the unit is inside the token */
        const xc_token *t = tok(c, last);
        int fl;
        size_t n = xc_lex_fold(c->s + tail, t->end - tail, buf, &fl);
        char *h = n ? strchr(buf, '-') : NULL;
        if (h && !strcmp(h, "-old"))
            *unit = -1, *h = '\0';
        else if (h)
            *h = '\0';
        if (n && *unit == 0 && xc_lex_timeword(buf, strlen(buf), &tw) == XC_TW_UNIT)
            *unit = tw.val;
        *os = tail;
        *oe = t->end;
        head = looks_plural(buf);
    } else {
        /* partitive: "four of the prisoners", "five of them" */
        if (j + 1 < c->end && word_is(c, j, "of")) {
            if (word_is(c, j + 1, "them") || word_is(c, j + 1, "us") ||
                word_is(c, j + 1, "whom") || word_is(c, j + 1, "which") ||
                word_is(c, j + 1, "those") || word_is(c, j + 1, "these"))
                return;
            if (word_is(c, j + 1, "the") || word_is(c, j + 1, "their") ||
                word_is(c, j + 1, "his") || word_is(c, j + 1, "her") ||
                word_is(c, j + 1, "its") || word_is(c, j + 1, "our"))
                j += 2;
        }
        if (j + 1 < c->end && word_is(c, j, "per") && word_is(c, j + 1, "cent")) {
            /* "40 per cent of voters" */
            *os = tok(c, j)->start;
            *oe = tok(c, j + 1)->end;
            *oe = tok(c, pp_after(c, j + 2, 0) - 1)->end;
            return;
        }
        if (j >= c->end || !is_content(c, j, buf))
            return;
        *os = tok(c, j)->start;
        *oe = tok(c, j)->end;
    }
    /* the core: content words up to the head noun */
    k = tail ? last + 1 : j;
    end = tail ? last + 1 : j;
    while (k < c->end && core < 5 && !head) {
        if (!is_content(c, k, buf))
            break;
        /* an -ed word after a word of the phrase starts a participle
           phrase ("prisoners released"), unless a noun follows it */
        if (is_participle(buf)) {
            /* "19 detained Armenians": an adjective before its noun; else
               a participle phrase after the noun ("prisoners released")
               or the verb ("fewer than 10 remained") */
            char nb[XC_LEX_MAX];
            int noun_next = k + 1 < c->end && is_content(c, k + 1, nb) &&
                            (core == 0 || looks_plural(nb));
            if (!noun_next && (core > 0 || !tail))
                break;
        }
        if (!strcmp(buf, "%") && core > 0)
            break;
        if (core > 0 && strlen(buf) > 5 && !strcmp(buf + strlen(buf) - 3, "ing"))
            break; /* "a 10-day hunger strike lasting" */
        if (core == 0 && !tail && timeword(c, k, &tw) == XC_TW_UNIT)
            *unit = tw.val;
        k++;
        core++;
        end = k;
        if (looks_plural(buf) || !strcmp(buf, "%"))
            head = 1;
        else if (*unit && core == 1 && !tail)
            head = 1; /* "one year in prison" */
        /* "political and military leaders" */
        if (!head && k + 1 < c->end && word_is(c, k, "and") && is_content(c, k + 1, buf))
            k++;
    }
    if (!tail && end == j) { /* no words */
        *os = *oe = 0;
        return;
    }
    /* extensions */
    end = pp_after(c, end, 0);
    end = pp_after(c, end, 1);
    if (end < c->end && word_at(c, end, buf)) {
        if (!strcmp(buf, "who") || !strcmp(buf, "that") || !strcmp(buf, "which")) {
            size_t e2 = extension(c, end + 1, 4);
            if (e2 > end + 1)
                end = e2;
        } else if (is_participle(buf) && strcmp(buf, "still") && strcmp(buf, "currently") &&
                   strcmp(buf, "now") && participle_phrase(c, end)) {
            size_t e2 = extension(c, end, 4);
            /* "journalists waited outside the court.": the verb */
            if (!opens_clause(c, from) || verb_follows(c, e2))
                end = e2;
        }
    }
    if (end > (tail ? last + 1 : j))
        *oe = tok(c, end - 1)->end;
}

/* "the number of people ... had approached 200": the object named before
   the amount, after "number of" in the same sentence. */
static void object_before(const qctx *c, size_t from, size_t *os, size_t *oe)
{
    size_t k, e;
    char buf[XC_LEX_MAX];
    for (k = from; k > c->first + 1; k--) {
        size_t j = k - 2;
        if (!(word_is(c, j, "number") || word_is(c, j, "total") || word_is(c, j, "toll")) ||
            !word_is(c, j + 1, "of"))
            continue;
        j += 2;
        if (j >= from || !is_content(c, j, buf))
            return;
        e = j;
        while (e < from && e < j + 4 && is_content(c, e, buf) && !is_participle(buf) &&
               strcmp(buf, "had"))
            e++;
        e = pp_after(c, e, 0);
        if (e < from && word_at(c, e, buf) && is_participle(buf) && participle_phrase(c, e)) {
            size_t e2 = extension(c, e, 4);
            e = e2 < from ? e2 : e;
        }
        if (e > from)
            e = from;
        *os = tok(c, j)->start;
        *oe = tok(c, e - 1)->end;
        return;
    }
}

/* ---- Output ------------------------------------------------------------- */

static void write_duration(char out[16], double v, int unit)
{
    char num[32];
    const char *u;
    int n;
    size_t k = 0;
    out[0] = '\0';
    switch (unit) {
    case XC_TU_YEAR: u = "Y"; break;
    case XC_TU_DECADE: u = "Y"; v *= 10; break;
    case XC_TU_CENTURY: u = "Y"; v *= 100; break;
    case XC_TU_MONTH: u = "M"; break;
    case XC_TU_QUARTER: u = "M"; v *= 3; break;
    case XC_TU_WEEK: u = "W"; break;
    case XC_TU_FORTNIGHT: u = "W"; v *= 2; break;
    case XC_TU_DAY: u = "D"; break;
    case XC_TU_HOUR: u = "TH"; break;
    case XC_TU_MINUTE: u = "TM"; break;
    case XC_TU_SECOND: u = "TS"; break;
    default: return;
    }
    if (v < 0.001 || v >= 1e9)
        return;
    if (v == (double)(long)v)
        n = snprintf(num, sizeof num, "%ld", (long)v);
    else
        n = snprintf(num, sizeof num, "%.3g", v);
    if (n <= 0 || n > 11)
        return;
    out[k++] = 'P';
    if (u[0] == 'T')
        out[k++] = *u++;
    memcpy(out + k, num, (size_t)n);
    k += (size_t)n;
    out[k++] = u[0];
    out[k] = '\0';
}

static void push(qctx *c, size_t start, size_t end, double value, int bound,
                 size_t os, size_t oe, int unit)
{
    xc_quantities *o = c->out;
    xc_quantity *q;
    if (c->doc->nboilerplate && xc_doc_in_boilerplate(c->doc, start, end))
        return;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        xc_quantity *nv = realloc(o->v, cap * sizeof *nv);
        if (!nv) {
            c->rc = XC_ERR_NOMEM;
            return;
        }
        o->v = nv;
        o->cap = cap;
    }
    q = &o->v[o->n++];
    q->start = start;
    q->end = end;
    q->value = value;
    q->bound = (uint8_t)bound;
    q->obj_start = os;
    q->obj_end = oe > os ? oe : os;
    write_duration(q->duration, value, unit);
}

/* ---- Scan --------------------------------------------------------------- */

/* Could token I start an amount?  A cheap test before reading it. */
static int may_start(const qctx *c, size_t i)
{
    const xc_token *t = tok(c, i);
    unsigned char b;
    if (t->kind == XC_TOK_NUMBER)
        return 1;
    if (t->kind != XC_TOK_WORD)
        return 0;
    b = (unsigned char)c->s[t->start];
    if (b >= '0' && b <= '9')
        return 1;
    b = (unsigned char)(b | 0x20);
    /* first letters of number words, "a dozen", "half" */
    return b == 'o' || b == 't' || b == 'f' || b == 's' || b == 'e' || b == 'n' ||
           b == 'h' || b == 'a' || b == 'z';
}

static void scan_token(qctx *c, size_t i)
{
    xc_amount a;
    size_t from, start, last, os = 0, oe = 0;
    int bound, unit = 0, currency = 0, skip;
    double value;

    if (!may_start(c, i) || !xc_lex_amount(c->s, c->tk, i, c->end, &a))
        return;
    last = a.last;
    if ((skip = not_a_quantity(c, i, last, &a)) != 0) {
        c->done = last + (size_t)skip; /* a spoken year takes the next word too */
        return;
    }
    value = a.value;
    start = i;
    if (i > c->first && tok(c, i - 1)->kind == XC_TOK_SYMBOL && adjacent(c, i - 1, i)) {
        unsigned char b = (unsigned char)c->s[tok(c, i - 1)->start];
        if (b == '$' || b >= 0x80) { /* $ € £ ¥ ₽ ... */
            start = i - 1;
            currency = 1;
            if (start > c->first && tok(c, start - 1)->kind == XC_TOK_WORD &&
                adjacent(c, start - 1, start) && is_cap(c, start - 1))
                start--; /* US$, C$ */
        }
    }
    bound = read_bound(c, start, &from);
    /* a range: "10-15 people", "10 to 15 people" */
    if (!a.tail && last + 2 < c->end &&
        ((tok(c, last + 1)->kind == XC_TOK_DASH && adjacent(c, last, last + 1)) ||
         word_is(c, last + 1, "to"))) {
        xc_amount b;
        if (xc_lex_amount(c->s, c->tk, last + 2, c->end, &b) && b.value > value &&
            !b.fraction && (b.spelled == a.spelled) &&
            !(tok(c, last + 2)->kind == XC_TOK_NUMBER &&
              xc_lex_is_year(c->s, c->tk, last + 2, c->first, c->end))) {
            if (bound == XC_BOUND_EXACT || word_is(c, from, "between"))
                bound = XC_BOUND_AT_LEAST;
            last = b.last;
            a.tail = b.tail;
        }
    } else if (bound == XC_BOUND_EXACT && from == start && start > c->first &&
               word_is(c, start - 1, "between") && last + 2 < c->end &&
               word_is(c, last + 1, "and")) {
        xc_amount b;
        if (xc_lex_amount(c->s, c->tk, last + 2, c->end, &b) && b.value > value) {
            from = start - 1;
            bound = XC_BOUND_AT_LEAST;
            last = b.last;
            a.tail = b.tail;
        }
    }
    /* "20 or so people" */
    if (last + 2 < c->end && word_is(c, last + 1, "or") && word_is(c, last + 2, "so")) {
        last += 2;
        bound = XC_BOUND_ABOUT;
    }
    c->done = last + 1;
    if (a.one && bound == XC_BOUND_EXACT && !a.tail) {
        /* "one of the", "no one": only "one year", "only one" count */
        xc_timeword tw;
        if (!(last + 1 < c->end && timeword(c, last + 1, &tw) == XC_TW_UNIT) &&
            !(from > c->first && (word_is(c, from - 1, "only") || word_is(c, from - 1, "just"))))
            return;
    }
    read_object(c, from, last, a.tail, &os, &oe, &unit);
    if (oe <= os && currency && last + 2 < c->end && word_is(c, last + 1, "in") &&
        !is_cap(c, last + 2)) {
        /* "$1.5 million in grants" */
        read_object(c, from, last + 1, 0, &os, &oe, &unit);
        unit = 0;
    }
    if (oe <= os && !currency) {
        object_before(c, from, &os, &oe);
        unit = 0;
    }
    if (unit == -1)
        unit = 0;
    {
        /* the amount ends where its glued unit starts, before the hyphen
           of "20-year", right at the unit of "10km" */
        size_t qs = tok(c, from)->start, qe = tok(c, last)->end;
        if (a.tail)
            qe = a.tail > qs + 1 && c->s[a.tail - 1] == '-' ? a.tail - 1 : a.tail;
        if (qe <= qs)
            qe = tok(c, last)->end;
        push(c, qs, qe, value, bound, os, oe, unit);
    }
}

xc_code xc_quantities_find(const xc_doc *doc, const xc_tokens *tk, xc_quantities *out)
{
    qctx c;
    size_t s, i;
    if (!doc || !tk || !out)
        return XC_ERR_ARG;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.tk = tk;
    c.s = doc->text;
    c.out = out;
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

void xc_quantities_free(xc_quantities *q)
{
    if (!q)
        return;
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
}
