/*
 * token.c: cuts a report's text into tokens, sentences and paragraphs.  It
 * sits right after decoding: every later stage (claim extraction, matching,
 * the dossier's quotes) works on these tokens and cites these sentences by
 * byte offset, so a sentence cut in the wrong place shows up as a garbled
 * quotation in the output.
 *
 * Two passes.  The first walks the bytes once and emits tokens with their
 * kind and the line/paragraph breaks before them; it allocates nothing per
 * token and handles ASCII through a table, falling back to utf8proc's
 * categories only for other characters.  The second walks the tokens and
 * decides where sentences end, looking at the token after a candidate end:
 * a lower-case word means the period was not an end ("“Did he?” he
 * asked"), an abbreviation needs stronger evidence (a following sentence
 * starter like "The" after "U.S."), a title ("Mr.", "Gen.") never ends one.
 *
 * Text pasted from e-mail or old wire feeds is hard-wrapped: lines of similar
 * length with breaks inside sentences.  That is decided once per text (see
 * detect_wrapped); in such text a single line break is only a space.
 */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A sentence is cut after this many tokens, so that text without periods
   (a table, a list of names, a 100 MB blob) cannot make a sentence later
   stages choke on. */
#define XC_SENT_MAX_TOKENS 1000

/* At most this many closing quotes and brackets after an end mark are taken
   into the sentence it ends ('.’”)' is three); a longer run is not prose
   and must not stretch a sentence past its cap. */
#define XC_MAX_CLOSERS 4

/* Hard-wrap detection: most non-empty lines fall in this range of
   characters and none is longer than XC_WRAP_MAX. */
#define XC_WRAP_MIN 40
#define XC_WRAP_TYPICAL_MAX 100
#define XC_WRAP_MAX 120

/* ---- Character classes ------------------------------------------------- */

enum {
    C_SP,    /* white space, and control characters, which carry nothing */
    C_NL,    /* a line break */
    C_CR,    /* carriage return: a break unless a line feed follows */
    C_PARA,  /* U+2029 PARAGRAPH SEPARATOR */
    C_UP,    /* upper- or title-case letter */
    C_LO,    /* lower-case letter */
    C_LET,   /* letter without case (CJK, Arabic, ...) or letter-like number */
    C_MARK,  /* combining mark: continues whatever it follows */
    C_JOIN,  /* zero-width joiners, soft hyphen, other format characters */
    C_DG,    /* decimal digit */
    C_DOT,   /* . */
    C_TERM,  /* ! ? and other scripts' sentence terminals */
    C_HY,    /* - and U+2010/2011: a hyphen inside a word, else a dash */
    C_DASH,  /* – — ― and other dashes */
    C_ELL,   /* … */
    C_APOS,  /* ' and ’: an apostrophe inside a word, else a quote */
    C_QUOTE, /* other quotation marks */
    C_OPEN,  /* ( [ { and other opening brackets */
    C_CLOSE, /* ) ] } and other closing brackets */
    C_PUNCT, /* , ; : and other punctuation */
    C_SYM    /* everything else */
};

#define SP C_SP
#define SY C_SYM
#define UP C_UP
#define LO C_LO
#define DG C_DG
static const unsigned char ascii_class[128] = {
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, C_NL, SP, SP, C_CR, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
    /*  ' '  !       "        #   $   %   &   '       (       )        */
    SP, C_TERM, C_QUOTE, SY, SY, SY, SY, C_APOS, C_OPEN, C_CLOSE,
    /*  *   +   ,        -     .      /  */
    SY, SY, C_PUNCT, C_HY, C_DOT, SY,
    DG, DG, DG, DG, DG, DG, DG, DG, DG, DG,
    /*  :        ;        <   =   >   ?      */
    C_PUNCT, C_PUNCT, SY, SY, SY, C_TERM,
    SY, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,
    /*  P-Z                                   [       \   ]        ^   _  */
    UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, C_OPEN, SY, C_CLOSE, SY, SY,
    C_QUOTE, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,
    /*  p-z                                   {       |   }        ~   DEL */
    LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, C_OPEN, SY, C_CLOSE, SY, SP};
#undef SP
#undef SY
#undef UP
#undef LO
#undef DG

/* Class of a code point at or above U+0080. */
static int cp_class(int32_t c)
{
    if (c < 0)
        return C_SYM;
    /* The letters of the region's news (Latin-1, Cyrillic, Armenian)
       without a table lookup in utf8proc: a third of the time on such
       text otherwise. */
    if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7)
        return c <= 0xDE ? C_UP : C_LO;
    if (c >= 0x410 && c <= 0x44F)
        return c <= 0x42F ? C_UP : C_LO;
    if (c >= 0x531 && c <= 0x556)
        return C_UP;
    if (c >= 0x561 && c <= 0x587)
        return C_LO;
    switch (c) {
    case 0xA0: case 0x1680: case 0x200B: case 0x202F: case 0x205F:
    case 0x3000: case 0xFEFF:
        return C_SP;
    case 0x85: case 0x2028:
        return C_NL;
    case 0x2029:
        return C_PARA;
    case 0x2019:
        return C_APOS;
    case 0x2010: case 0x2011:
        return C_HY;
    case 0x2026:
        return C_ELL;
    case 0xAD: case 0x200C: case 0x200D:
        return C_JOIN;
    case 0x2018: case 0x201A: case 0x201B: case 0x201C: case 0x201D:
    case 0x201E: case 0x201F: case 0xAB: case 0xBB: case 0x2039:
    case 0x203A: case 0x300C: case 0x300D: case 0x300E: case 0x300F:
    case 0xFF02:
        return C_QUOTE;
    case 0x3002: case 0xFF01: case 0xFF1F: case 0x061F: case 0x0964:
    case 0x203C: case 0x2047: case 0x2048: case 0x2049:
        return C_TERM;
    default:
        break;
    }
    if (c >= 0x2000 && c <= 0x200A)
        return C_SP;
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
        return C_UP;
    case UTF8PROC_CATEGORY_LL:
        return C_LO;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return C_LET;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
        return C_DG;
    case UTF8PROC_CATEGORY_PD:
        return C_DASH;
    case UTF8PROC_CATEGORY_PS:
        return C_OPEN;
    case UTF8PROC_CATEGORY_PE:
        return C_CLOSE;
    case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
        return C_QUOTE;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PO:
        return C_PUNCT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC:
        return C_SP;
    case UTF8PROC_CATEGORY_ZL:
        return C_NL;
    case UTF8PROC_CATEGORY_ZP:
        return C_PARA;
    case UTF8PROC_CATEGORY_CF:
        return C_JOIN;
    default:
        return C_SYM;
    }
}

/* Class of the character at S[I] (I < LEN); sets *clen to its length. */
static inline int class_at(const char *s, size_t len, size_t i, size_t *clen)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *clen = 1;
        return ascii_class[c];
    }
    return cp_class(xc_utf8_decode(s + i, len - i, clen));
}

static inline int is_letter_class(int k)
{
    return k == C_UP || k == C_LO || k == C_LET;
}

/* Characters in S[A..B): the bytes that do not continue a sequence. */
static size_t count_chars(const char *s, size_t a, size_t b)
{
    size_t i, n = 0;
    for (i = a; i < b; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* ---- Abbreviations ------------------------------------------------------ */

enum {
    AB_NONE,
    AB_TITLE,  /* stands before a name or a term: never ends a sentence */
    AB_NUMBER, /* an abbreviation only before a number: "No. 10", "Vol. 3" */
    AB_POST,   /* may end a sentence: "Inc.", "Jr.", "Feb.", "etc." */
    AB_ACRO    /* dotted acronym or initial ("U.S.", "J.D.", "J."): like
                  AB_POST; not from the table */
};

typedef struct abbrev {
    const char *s;
    unsigned char len, cls;
} abbrev;

#define AB(s, c) {s, (unsigned char)(sizeof s - 1), c}
/* Written as they appear.  An entry starting lower-case also matches with
   its first letter capitalized (at the start of a sentence); the others
   match exactly, which keeps "No. 10" apart from "He said no.". */
static const abbrev abbrevs[] = {
    AB("Mr", AB_TITLE), AB("Mrs", AB_TITLE), AB("Ms", AB_TITLE),
    AB("Mx", AB_TITLE), AB("Dr", AB_TITLE), AB("Prof", AB_TITLE),
    AB("Gen", AB_TITLE), AB("Lt", AB_TITLE), AB("Col", AB_TITLE),
    AB("Capt", AB_TITLE), AB("Sgt", AB_TITLE), AB("Maj", AB_TITLE),
    AB("Adm", AB_TITLE), AB("Gov", AB_TITLE), AB("Sen", AB_TITLE),
    AB("Rep", AB_TITLE), AB("Rev", AB_TITLE), AB("Hon", AB_TITLE),
    AB("Pres", AB_TITLE), AB("Amb", AB_TITLE), AB("Atty", AB_TITLE),
    AB("Supt", AB_TITLE), AB("Insp", AB_TITLE), AB("Det", AB_TITLE),
    AB("Cpl", AB_TITLE), AB("Pvt", AB_TITLE), AB("Cmdr", AB_TITLE),
    AB("Brig", AB_TITLE), AB("Mme", AB_TITLE), AB("Messrs", AB_TITLE),
    AB("Fr", AB_TITLE), AB("Mt", AB_TITLE), AB("Ft", AB_TITLE),
    AB("vs", AB_TITLE), AB("e.g", AB_TITLE), AB("i.e", AB_TITLE),
    AB("cf", AB_TITLE), AB("approx", AB_TITLE), AB("est", AB_TITLE),
    AB("No", AB_NUMBER), AB("no", AB_NUMBER), AB("Nos", AB_NUMBER),
    AB("Vol", AB_NUMBER), AB("Art", AB_NUMBER), AB("p", AB_NUMBER),
    AB("pp", AB_NUMBER),
    AB("fig", AB_NUMBER),
    AB("Jr", AB_POST), AB("Sr", AB_POST), AB("Inc", AB_POST),
    AB("Corp", AB_POST), AB("Ltd", AB_POST), AB("Co", AB_POST),
    AB("Bros", AB_POST), AB("St", AB_POST), AB("Ave", AB_POST),
    AB("Blvd", AB_POST), AB("dept", AB_POST), AB("etc", AB_POST),
    AB("Jan", AB_POST), AB("Feb", AB_POST), AB("Mar", AB_POST),
    AB("Apr", AB_POST), AB("Jun", AB_POST), AB("Jul", AB_POST),
    AB("Aug", AB_POST), AB("Sep", AB_POST), AB("Sept", AB_POST),
    AB("Oct", AB_POST), AB("Nov", AB_POST), AB("Dec", AB_POST),
    AB("Mon", AB_POST), AB("Tue", AB_POST), AB("Tues", AB_POST),
    AB("Wed", AB_POST), AB("Thu", AB_POST), AB("Thur", AB_POST),
    AB("Thurs", AB_POST), AB("Fri", AB_POST), AB("Sat", AB_POST),
    AB("Sun", AB_POST),
};

/* Words that begin sentences far more often than they follow an acronym
   inside one: after "U.S." or "J." one of these means a new sentence. */
static const abbrev starters[] = {
    AB("The", 0), AB("A", 0), AB("An", 0), AB("He", 0), AB("She", 0),
    AB("It", 0), AB("They", 0), AB("We", 0), AB("I", 0), AB("You", 0),
    AB("But", 0), AB("And", 0), AB("Or", 0), AB("So", 0), AB("Yet", 0),
    AB("In", 0), AB("On", 0), AB("At", 0), AB("By", 0), AB("For", 0),
    AB("From", 0), AB("To", 0), AB("With", 0), AB("After", 0),
    AB("Before", 0), AB("During", 0), AB("Since", 0), AB("When", 0),
    AB("While", 0), AB("Where", 0), AB("Why", 0), AB("How", 0),
    AB("What", 0), AB("Who", 0), AB("This", 0), AB("That", 0),
    AB("These", 0), AB("Those", 0), AB("There", 0), AB("Here", 0),
    AB("His", 0), AB("Her", 0), AB("Its", 0), AB("Their", 0), AB("Our", 0),
    AB("My", 0), AB("Some", 0), AB("Many", 0), AB("Most", 0), AB("Both", 0),
    AB("Each", 0), AB("All", 0), AB("No", 0), AB("Not", 0), AB("Now", 0),
    AB("Then", 0), AB("Also", 0), AB("However", 0), AB("Meanwhile", 0),
    AB("Still", 0), AB("Although", 0), AB("Though", 0), AB("Because", 0),
    AB("If", 0), AB("As", 0), AB("According", 0), AB("Last", 0),
    AB("Earlier", 0), AB("Later", 0), AB("Such", 0), AB("Other", 0),
    AB("Another", 0), AB("One", 0), AB("Two", 0), AB("Three", 0),
};
#undef AB

static int in_list(const abbrev *list, size_t n, const char *w, size_t len,
                   int fold_first, int *cls)
{
    size_t k;
    for (k = 0; k < n; k++) {
        const char *e = list[k].s;
        if (list[k].len != len)
            continue;
        if (e[0] == w[0] ||
            (fold_first && e[0] >= 'a' && e[0] <= 'z' && w[0] == e[0] - 32)) {
            if (memcmp(e + 1, w + 1, len - 1) == 0) {
                if (cls)
                    *cls = list[k].cls;
                return 1;
            }
        }
    }
    return 0;
}

/* Table class of the word W[0..LEN) (without its period), or AB_NONE. */
static int abbrev_lookup(const char *w, size_t len)
{
    int cls = AB_NONE;
    if (len == 0 || len > 6)
        return AB_NONE;
    in_list(abbrevs, sizeof abbrevs / sizeof abbrevs[0], w, len, 1, &cls);
    return cls;
}

static int is_starter(const char *w, size_t len)
{
    if (len == 0 || len > 9)
        return 0;
    return in_list(starters, sizeof starters / sizeof starters[0], w, len, 0,
                   NULL);
}

/* ---- Token output ------------------------------------------------------- */

static xc_code grow_tokens(xc_tokens *t, size_t need)
{
    size_t cap = t->captok ? t->captok : 256;
    xc_token *v;
    while (cap < need)
        cap += cap / 2 + 16;
    if (cap > (size_t)-1 / sizeof *v)
        return XC_ERR_NOMEM;
    v = realloc(t->tok, cap * sizeof *v);
    if (!v)
        return XC_ERR_NOMEM;
    t->tok = v;
    t->captok = cap;
    return XC_OK;
}

static xc_code grow_sents(xc_tokens *t, size_t need)
{
    size_t cap = t->capsent ? t->capsent : 64;
    xc_sentence *v;
    while (cap < need)
        cap += cap / 2 + 16;
    if (cap > (size_t)-1 / sizeof *v)
        return XC_ERR_NOMEM;
    v = realloc(t->sent, cap * sizeof *v);
    if (!v)
        return XC_ERR_NOMEM;
    t->sent = v;
    t->capsent = cap;
    return XC_OK;
}

static inline xc_code push_tok(xc_tokens *t, size_t start, size_t end,
                               int kind, int flags)
{
    xc_token *k;
    if (t->ntok == t->captok && grow_tokens(t, t->ntok + 1) != XC_OK)
        return XC_ERR_NOMEM;
    k = &t->tok[t->ntok++];
    k->start = (uint32_t)start;
    k->end = (uint32_t)end;
    k->kind = (uint8_t)kind;
    k->flags = (uint8_t)flags;
    return XC_OK;
}

/* ---- Pass 1: tokens ----------------------------------------------------- */

/*
 * Scan a word or number at S[I], whose first character is a letter, digit
 * or mark.  Words take inner hyphens ("Nagorno-Karabakh", "20-year",
 * "F-16"), apostrophes ("Aliyev’s") and periods of dotted
 * abbreviations ("U.S", "Ph.D", "Mediamax.am"); numbers take decimal
 * points and thousands separators ("1,000.25") and times ("10:30").  Two
 * numbers joined by a hyphen stay apart: "2022-2023" is a range.  A
 * following period is taken into the word when the word is an abbreviation
 * or initial.  Returns the end; sets *kind.
 */
static size_t scan_word(const char *s, size_t len, size_t i, int *kind)
{
    size_t start = i, chunk = i, clen;
    int has_letter = 0, has_digit = 0, prev_digit = 0;
    int dots = 0, dot_short = 1, other_join = 0;

    for (;;) {
        /* a run of letters, digits and marks */
        while (i < len) {
            unsigned char c = (unsigned char)s[i];
            int k;
            if (c < 0x80) {
                k = ascii_class[c];
                clen = 1;
            } else {
                k = cp_class(xc_utf8_decode(s + i, len - i, &clen));
            }
            if (k == C_LO || k == C_UP || k == C_LET) {
                has_letter = 1;
                prev_digit = 0;
            } else if (k == C_DG) {
                has_digit = 1;
                prev_digit = 1;
            } else if (k != C_MARK && k != C_JOIN) {
                break;
            }
            i += clen;
        }
        if (i >= len || i == chunk)
            break;
        {
            size_t cl, ncl;
            int k = class_at(s, len, i, &cl), nk;
            if (i + cl >= len)
                break;
            nk = class_at(s, len, i + cl, &ncl);
            if (k == C_HY) {
                /* "2022-2023" is a range; anything with a letter joins */
                if (!(is_letter_class(nk) || (nk == C_DG && has_letter)))
                    break;
                other_join = 1;
            } else if (k == C_APOS) {
                if (!is_letter_class(nk))
                    break;
                other_join = 1;
            } else if (s[i] == '.') {
                if (prev_digit && nk == C_DG) {
                    /* decimal point */
                } else if (!prev_digit && has_letter && is_letter_class(nk)) {
                    /* "U.S", "Ph.D", "p.m", "Mediamax.am"; but "end.The"
                       is a missing space after a sentence */
                    size_t n = count_chars(s, chunk, i);
                    if (n > 2) {
                        if (nk == C_UP)
                            break;
                        dot_short = 0;
                    }
                    dots++;
                } else {
                    break;
                }
            } else if ((s[i] == ',' || s[i] == ':') && !has_letter &&
                       prev_digit) {
                /* "1,000" takes exactly three digits, "10:30" two */
                size_t want = s[i] == ',' ? 3 : 2, d = 0, j = i + 1;
                while (j < len && s[j] >= '0' && s[j] <= '9' && d <= want) {
                    d++;
                    j++;
                }
                if (d != want)
                    break;
            } else {
                break;
            }
            i += cl;
            chunk = i;
        }
    }

    if (!has_letter && !has_digit) {
        *kind = XC_TOK_SYMBOL;
        return i;
    }
    *kind = has_letter ? XC_TOK_WORD : XC_TOK_NUMBER;

    /* a following single period: part of an abbreviation or initial? */
    if (has_letter && i < len && s[i] == '.' &&
        (i + 1 >= len || s[i + 1] != '.')) {
        int cls = abbrev_lookup(s + start, i - start);
        int attach = 0;
        if (cls == AB_NUMBER) {
            size_t j = i + 1;
            while (j < len && (s[j] == ' ' || s[j] == '\t'))
                j++;
            attach = j < len && s[j] >= '0' && s[j] <= '9';
        } else if (cls != AB_NONE) {
            attach = 1;
        } else if (dots && dot_short && !other_join &&
                   count_chars(s, chunk, i) <= 2) {
            attach = 1;
        } else if (!dots && !other_join && count_chars(s, start, i) == 1 &&
                   class_at(s, len, start, &clen) == C_UP) {
            attach = 1;
        }
        if (attach)
            i++;
    }
    return i;
}

/* End of a symbol at S[I]: emoji sequences stay whole (skin tones,
   variation selectors, ZWJ sequences, flag pairs). */
static size_t scan_symbol(const char *s, size_t len, size_t i)
{
    size_t clen;
    int32_t first = xc_utf8_decode(s + i, len - i, &clen);
    i += clen;
    if (first >= 0x1F1E6 && first <= 0x1F1FF && i < len) {
        size_t l2;
        int32_t c2 = xc_utf8_decode(s + i, len - i, &l2);
        if (c2 >= 0x1F1E6 && c2 <= 0x1F1FF)
            i += l2;
    }
    while (i < len && (unsigned char)s[i] >= 0x80) {
        size_t l;
        int32_t c = xc_utf8_decode(s + i, len - i, &l);
        if (c == 0x200D) {
            size_t l2;
            if (i + l >= len)
                break;
            xc_utf8_decode(s + i + l, len - i - l, &l2);
            i += l + l2;
        } else if ((c >= 0x1F3FB && c <= 0x1F3FF) ||
                   (c >= 0xFE00 && c <= 0xFE0F) || cp_class(c) == C_MARK) {
            i += l;
        } else {
            break;
        }
    }
    return i;
}

static xc_code tokenize_pass(const char *s, size_t len, xc_tokens *out)
{
    size_t i = 0, nl = 0;
    int first = 1;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t clen = 1, start = i, end;
        int k, kind, flags;

        if (c < 0x80)
            k = ascii_class[c];
        else
            k = cp_class(xc_utf8_decode(s + i, len - i, &clen));

        switch (k) {
        case C_SP:
        case C_JOIN:
            i += clen;
            continue;
        case C_NL:
            nl++;
            i += clen;
            continue;
        case C_CR:
            if (i + 1 >= len || s[i + 1] != '\n')
                nl++;
            i++;
            continue;
        case C_PARA:
            nl += 2;
            i += clen;
            continue;
        case C_UP:
        case C_LO:
        case C_LET:
        case C_DG:
        case C_MARK:
            end = scan_word(s, len, i, &kind);
            break;
        case C_DOT:
            end = i + 1;
            while (end < len && s[end] == '.')
                end++;
            if (end - i >= 3) {
                kind = XC_TOK_ELLIPSIS;
            } else if (end - i == 1 && len - i >= 5 && s[i + 1] == ' ' &&
                       s[i + 2] == '.' && s[i + 3] == ' ' && s[i + 4] == '.') {
                end = i + 5; /* ". . ." */
                kind = XC_TOK_ELLIPSIS;
            } else {
                kind = XC_TOK_PUNCT;
            }
            break;
        case C_TERM:
            end = i + clen;
            while (end < len) {
                size_t l;
                if (class_at(s, len, end, &l) != C_TERM)
                    break;
                end += l;
            }
            kind = XC_TOK_PUNCT;
            break;
        case C_ELL:
            end = i + clen;
            while (end < len) {
                size_t l;
                if (class_at(s, len, end, &l) != C_ELL)
                    break;
                end += l;
            }
            kind = XC_TOK_ELLIPSIS;
            break;
        case C_HY:
        case C_DASH:
            end = i + clen;
            while (end < len) {
                size_t l;
                int kk = class_at(s, len, end, &l);
                if (kk != C_HY && kk != C_DASH)
                    break;
                end += l;
            }
            kind = XC_TOK_DASH;
            break;
        case C_APOS:
        case C_QUOTE:
            end = i + clen;
            kind = XC_TOK_QUOTE;
            break;
        case C_OPEN:
        case C_CLOSE:
        case C_PUNCT:
            end = i + clen;
            kind = XC_TOK_PUNCT;
            break;
        default:
            end = scan_symbol(s, len, i);
            kind = XC_TOK_SYMBOL;
            break;
        }

        flags = 0;
        if (first || nl >= 2)
            flags = XC_TF_PARA_START | XC_TF_LINE_START;
        else if (nl == 1)
            flags = XC_TF_LINE_START;
        if (k == C_UP)
            flags |= XC_TF_UPPER_INIT;
        if (push_tok(out, start, end, kind, flags) != XC_OK)
            return XC_ERR_NOMEM;
        first = 0;
        nl = 0;
        i = end;
    }
    return XC_OK;
}

/* ---- Hard-wrapped text -------------------------------------------------- */

/*
 * Nonzero when S[0..LEN) is hard-wrapped: at least three non-empty lines,
 * at least half of them XC_WRAP_MIN..XC_WRAP_TYPICAL_MAX characters long,
 * none longer than XC_WRAP_MAX, and at least one line that goes on with a
 * lower-case letter right after another line (so that a list of headlines,
 * each on its line, is not taken for one wrapped paragraph).  Sets *width
 * to the longest line.  Lines are measured in characters without leading
 * and trailing white space, so wrapped Cyrillic or Armenian text counts as
 * English does.
 */
static int detect_wrapped(const char *s, size_t len, size_t *width)
{
    size_t pos = 0, nonempty = 0, inrange = 0, maxlen = 0, joins = 0;
    int prev_nonempty = 0;

    *width = 0;
    while (pos < len) {
        const char *nlp = memchr(s + pos, '\n', len - pos);
        size_t eol = nlp ? (size_t)(nlp - s) : len;
        size_t i = pos, chars = 0, chars_at_last = 0;
        int seen = 0, first_lower = 0;

        while (i < eol) {
            size_t l;
            int k = class_at(s, eol, i, &l);
            if (k != C_SP && k != C_CR && k != C_NL && k != C_PARA &&
                k != C_JOIN) {
                if (!seen) {
                    seen = 1;
                    first_lower = k == C_LO;
                }
                chars_at_last = chars + 1;
                if (chars_at_last > XC_WRAP_MAX)
                    return 0;
            }
            if (seen)
                chars++;
            i += l;
        }
        if (seen) {
            nonempty++;
            if (chars_at_last >= XC_WRAP_MIN &&
                chars_at_last <= XC_WRAP_TYPICAL_MAX)
                inrange++;
            if (chars_at_last > maxlen)
                maxlen = chars_at_last;
            if (prev_nonempty && first_lower)
                joins++;
        }
        prev_nonempty = seen;
        pos = eol + 1;
    }
    if (nonempty < 3 || inrange * 2 < nonempty || joins == 0)
        return 0;
    *width = maxlen;
    return 1;
}

/* ---- Pass 2: sentences -------------------------------------------------- */

enum {
    END_NO,    /* not a candidate */
    END_REG,   /* . ! ? */
    END_ELL,   /* … */
    END_ACRO,  /* "U.S." "J." "Inc." "Feb.": needs a sentence starter after */
    END_TITLE  /* "Mr." "Gen." "No. 10": only a break ends the sentence */
};

typedef struct splitter {
    const char *s;
    size_t len;
    xc_tokens *t;
    int wrapped;
    size_t width;
    size_t line_first; /* index of the first token on the current line */
} splitter;

static int starts_lower(const splitter *sp, const xc_token *k)
{
    size_t l;
    return class_at(sp->s, k->end, k->start, &l) == C_LO;
}

/* Nonzero when a line break or paragraph break before token I ends the
   sentence: always a blank line; a single line break unless the text is
   hard-wrapped and the line before is not short. */
static int break_before(const splitter *sp, size_t i)
{
    const xc_token *k = &sp->t->tok[i];
    if (k->flags & XC_TF_PARA_START)
        return 1;
    if (!(k->flags & XC_TF_LINE_START))
        return 0;
    if (!sp->wrapped || i == 0)
        return 1;
    return count_chars(sp->s, sp->t->tok[sp->line_first].start,
                       sp->t->tok[i - 1].end) * 2 < sp->width;
}

/* Token J closes what comes before it: a quotation mark or closing bracket
   right after the previous token and not glued to a following word. */
static int is_closer(const splitter *sp, size_t j)
{
    const xc_token *k = &sp->t->tok[j];
    size_t l;
    int c;
    if (k->start != sp->t->tok[j - 1].end || (k->flags & XC_TF_LINE_START))
        return 0;
    if (k->kind == XC_TOK_PUNCT) {
        c = class_at(sp->s, k->end, k->start, &l);
        if (c != C_CLOSE)
            return 0;
    } else if (k->kind != XC_TOK_QUOTE) {
        return 0;
    }
    if (j + 1 < sp->t->ntok) {
        const xc_token *n = &sp->t->tok[j + 1];
        if (n->start == k->end &&
            (n->kind == XC_TOK_WORD || n->kind == XC_TOK_NUMBER))
            return 0;
    }
    return 1;
}

/* What kind of sentence end token I (in the sentence starting at FIRST)
   may be. */
static int end_type(const splitter *sp, size_t i, size_t first)
{
    const xc_token *k = &sp->t->tok[i];
    const char *s = sp->s;
    size_t l;

    switch (k->kind) {
    case XC_TOK_ELLIPSIS:
        return END_ELL;
    case XC_TOK_PUNCT:
        if (s[k->start] == '.') {
            /* "1. First item": a list number, not a sentence */
            if (i == first + 1 && sp->t->tok[first].kind == XC_TOK_NUMBER &&
                sp->t->tok[first].end == k->start &&
                sp->t->tok[first].end - sp->t->tok[first].start <= 3)
                return END_NO;
            return END_REG;
        }
        return class_at(s, k->end, k->start, &l) == C_TERM ? END_REG : END_NO;
    case XC_TOK_WORD:
        if (k->end - k->start >= 2 && s[k->end - 1] == '.') {
            int cls = abbrev_lookup(s + k->start, k->end - 1 - k->start);
            return cls == AB_TITLE || cls == AB_NUMBER ? END_TITLE : END_ACRO;
        }
        return END_NO;
    default:
        return END_NO;
    }
}

/*
 * Does the candidate end of type TYPE at token I end its sentence?
 * Returns the index just past the sentence (after any closing quotes and
 * brackets), or 0 when it does not end there.
 */
static size_t sentence_end(const splitter *sp, size_t i, int type)
{
    const xc_tokens *t = sp->t;
    const xc_token *n;
    size_t j = i + 1;

    while (j < t->ntok && j - i <= XC_MAX_CLOSERS && is_closer(sp, j))
        j++;
    if (j >= t->ntok || break_before(sp, j))
        return j;
    n = &t->tok[j];
    /* A quote closed after the end mark settles an abbreviation or an
       ellipsis: it is read as an ordinary end. */
    if (j > i + 1 && (type == END_ACRO || type == END_ELL))
        type = END_REG;

    switch (type) {
    case END_REG:
        if (n->kind == XC_TOK_WORD && starts_lower(sp, n))
            return 0;
        if (n->kind == XC_TOK_PUNCT &&
            (sp->s[n->start] == ',' || sp->s[n->start] == ';' ||
             sp->s[n->start] == ':'))
            return 0;
        return j;
    case END_ELL:
        if ((n->kind == XC_TOK_WORD && (n->flags & XC_TF_UPPER_INIT)) ||
            n->kind == XC_TOK_QUOTE)
            return j;
        return 0;
    case END_ACRO:
        if (n->kind == XC_TOK_WORD && (n->flags & XC_TF_UPPER_INIT) &&
            is_starter(sp->s + n->start, n->end - n->start))
            return j;
        if (n->kind == XC_TOK_QUOTE)
            return j;
        return 0;
    default:
        return 0;
    }
}

static xc_code push_sent(xc_tokens *t, size_t first, size_t end, size_t para)
{
    xc_sentence *z;
    if (t->nsent == t->capsent && grow_sents(t, t->nsent + 1) != XC_OK)
        return XC_ERR_NOMEM;
    z = &t->sent[t->nsent++];
    z->start = t->tok[first].start;
    z->end = t->tok[end - 1].end;
    z->first = (uint32_t)first;
    z->count = (uint32_t)(end - first);
    z->para = (uint32_t)para;
    return XC_OK;
}

static xc_code split_pass(splitter *sp)
{
    xc_tokens *t = sp->t;
    size_t i, first = 0, para = 0, sent_para = 0;

    for (i = 0; i < t->ntok; i++) {
        xc_token *k = &t->tok[i];
        int type;
        size_t j;

        if (i > 0 && (k->flags & XC_TF_PARA_START))
            para++;
        if (i > first &&
            (break_before(sp, i) || i - first >= XC_SENT_MAX_TOKENS)) {
            if (push_sent(t, first, i, sent_para) != XC_OK)
                return XC_ERR_NOMEM;
            first = i;
        }
        if (k->flags & XC_TF_LINE_START)
            sp->line_first = i;
        if (i == first) {
            k->flags |= XC_TF_SENT_START;
            sent_para = para;
        }
        type = end_type(sp, i, first);
        if (type == END_NO)
            continue;
        j = sentence_end(sp, i, type);
        if (j) {
            if (push_sent(t, first, j, sent_para) != XC_OK)
                return XC_ERR_NOMEM;
            first = j;
            i = j - 1;
        } else if (k->kind == XC_TOK_WORD) {
            k->flags |= XC_TF_ABBREV;
        }
    }
    if (first < t->ntok && push_sent(t, first, t->ntok, sent_para) != XC_OK)
        return XC_ERR_NOMEM;
    t->npara = t->ntok ? para + 1 : 0;
    return XC_OK;
}

/* ---- Entry points ------------------------------------------------------- */

/*
 * As declared in text.h.  Besides XC_ERR_NOMEM and XC_ERR_TOO_BIG, returns
 * XC_ERR_ARG for a NULL OUT or a NULL TEXT with LEN > 0.  Token memory
 * grows with the text (at most one token per byte) and is bounded by LEN,
 * which the caller caps.  On failure OUT holds no tokens or sentences but
 * keeps its memory for xc_tokens_free.
 */
xc_code xc_tokenize(const char *text, size_t len, xc_tokens *out)
{
    splitter sp;
    size_t want;

    if (!out || (!text && len))
        return XC_ERR_ARG;
    out->ntok = out->nsent = out->npara = 0;
    if (len > UINT32_MAX)
        return XC_ERR_TOO_BIG;
    if (len == 0)
        return XC_OK;

    /* News English averages a token per five or six bytes: reserve that
       much once instead of growing through many copies. */
    want = len / 6 + 16;
    if (out->captok < want && grow_tokens(out, want) != XC_OK)
        return XC_ERR_NOMEM;
    if (tokenize_pass(text, len, out) != XC_OK)
        goto nomem;

    want = out->ntok / 16 + 8;
    if (out->capsent < want && grow_sents(out, want) != XC_OK)
        goto nomem;
    sp.s = text;
    sp.len = len;
    sp.t = out;
    sp.wrapped = detect_wrapped(text, len, &sp.width);
    sp.line_first = 0;
    if (split_pass(&sp) != XC_OK)
        goto nomem;
    return XC_OK;

nomem:
    out->ntok = out->nsent = out->npara = 0;
    return XC_ERR_NOMEM;
}

void xc_tokens_free(xc_tokens *t)
{
    if (!t)
        return;
    free(t->tok);
    free(t->sent);
    memset(t, 0, sizeof *t);
}
