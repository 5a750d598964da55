/*
 * paste.c: what a pasted news report says about itself, and which of its
 * lines are page furniture.
 *
 * Ingest calls xc_paste_boilerplate and then xc_paste_metadata on every
 * plain-text document, before any analysis.  Both read the text line by line
 * with byte-level scanning (no tokenizer) and keep only a bounded window of
 * lines (the first HEAD_MAX before the first paragraph, the last TAIL_MAX,
 * and the line before and after the current one), so they run in linear
 * time and bounded memory on any input: one 100 MB line, no newline at all,
 * millions of empty lines.  Nothing is allocated per line.
 *
 * Each line gets features: its length in words and bytes, how many sentences
 * it holds and how it ends, whether it starts in lower case, how many of its
 * words are capitalized, whether it is a date line or a byline, and cue
 * phrases from a small lexicon of furniture words in several news-site
 * conventions (credits, share buttons, banners, "Related" markers, cookie
 * and copyright notices, disclaimers), each weighted by where it stands in
 * the line (alone, first, last, anywhere).  Cues add up by class into a
 * score; a line scoring T_FURN or more is furniture by itself.  Lines of
 * several sentences or many words lose points, except against legal and
 * disclaimer cues (those notices are long sentences themselves); lines over
 * LONG_LINE bytes are never furniture.
 *
 * The first paragraph is the first line that reads as one (long, or several
 * sentences) and is followed by a line that is not furniture: a long
 * standfirst above a byline and a date still belongs to the head.  Position
 * then decides the lines that are furniture only by where they stand:
 *
 *   head  before the first paragraph: everything above the headline (logos,
 *         section labels, site names), and below it until a sentence comes:
 *         kickers of up to three words, name lines, date lines, a repeat of
 *         the headline, a line that recurs elsewhere, a caption ending in
 *         "Place, Date.";
 *   body  a lower-case continuation of a furniture line, a line twice in a
 *         row, a later copy of the headline, up to three teaser headlines
 *         after a marker line, a caption right above its credit line, a
 *         weakly cued line between two furniture lines;
 *   tail  read backwards from the end until content: headline-like lines
 *         (tags, teasers), date lines, repeats of earlier lines, and a
 *         teaser headline with its one-sentence summary when a marker is
 *         near.
 *
 * Real paragraphs, the headline, and subheadings inside the body are never
 * marked: no rule marks a line in the body by its shape alone.
 *
 * Metadata reads the same features; a value is set only when the text says
 * it plainly, never guessed:
 *
 *   title      the first headline-like line of the head that is not
 *              furniture (not a sentence with a period unless short or in
 *              Title Case), without "#" marks or symbols before it and
 *              without a site suffix: " | Section | Outlet", or " - Outlet"
 *              when Outlet is a domain or has a word like "News" or "Times".
 *   outlet     in this order: that suffix, a domain written as its name
 *              before the top-level domain ("Mediamax.am" -> "Mediamax",
 *              "www.bbc.co.uk" -> "bbc", case kept); the holder in a
 *              copyright footer ("© 2026 Name."); the name in a disclaimer
 *              ("the views of Name", "those of Name", "Name is not
 *              responsible"); a dateline ("(Name) —", "CITY (Name) —",
 *              "City /Name/.", or "Name —" on a line of its own).
 *   published  the first date line in the head, or anywhere when it says
 *              "Published", "Posted", "By ..." or "Updated" (an update only
 *              when no publication date is given).  A date line is a date
 *              with only times, zones, weekdays, a byline or short parts
 *              around it; a date inside a sentence or caption never counts,
 *              nor does a bare date after the article (corrections and
 *              print editions end that way).  Formats: "February 14, 2026",
 *              "Feb. 14, 2026", "14 February 2026", "2026-02-14",
 *              "February 2026"; day-month numbers ("14.02.2026") only when
 *              no other reading is a valid date.
 */
#include "ingest/paste.h"
#include "core/util.h"

#include <stdint.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)
#define LONG_LINE 2000 /* longer lines are never furniture */
#define CUE_MAX 400    /* longer lines are matched only against legal and
                          disclaimer cues ... */
#define LEGAL_MAX 1500 /* ... and longer still against none */
#define REP_MAX 300    /* longer lines are never compared for repetition */
#define DATE_MAX 200   /* longer lines are never date lines */
#define HEAD_MAX 48    /* lines examined before the first paragraph */
#define TAIL_MAX 48    /* lines examined backwards from the end */
#define REP_SLOTS 256  /* > 2 * (HEAD_MAX + TAIL_MAX) */
#define T_FURN 4       /* score from which a line is furniture by itself */
#define TITLE_MAX 250  /* longer lines are not headlines */

/* ------------------------------------------------------------------ */
/* Characters.                                                         */

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(int c)
{
    return is_alpha(c) || is_digit(c);
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int byte(const char *t, size_t i)
{
    return (unsigned char)t[i];
}

/* dec for a byte of 0x80 or more: kept out of line, so that dec's ASCII
   case is inlined in every loop over characters. */
static uint32_t dec_multi(const char *t, size_t i, size_t e, size_t *n)
{
    const unsigned char *u = (const unsigned char *)t + i;
    size_t left = e - i;
    if (u[0] >= 0xC2 && u[0] < 0xE0 && left >= 2 && (u[1] & 0xC0) == 0x80) {
        *n = 2;
        return ((uint32_t)(u[0] & 0x1F) << 6) | (uint32_t)(u[1] & 0x3F);
    }
    if (u[0] >= 0xE0 && u[0] < 0xF0 && left >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        *n = 3;
        return ((uint32_t)(u[0] & 0x0F) << 12) |
               ((uint32_t)(u[1] & 0x3F) << 6) | (uint32_t)(u[2] & 0x3F);
    }
    if (u[0] >= 0xF0 && u[0] < 0xF5 && left >= 4 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80) {
        *n = 4;
        return ((uint32_t)(u[0] & 0x07) << 18) |
               ((uint32_t)(u[1] & 0x3F) << 12) |
               ((uint32_t)(u[2] & 0x3F) << 6) | (uint32_t)(u[3] & 0x3F);
    }
    *n = 1;
    return 0xFFFD;
}

/* The code point at T[I] (I < E) and its length in *N; a byte that does not
   start a valid sequence is returned as U+FFFD with length 1. */
static inline uint32_t dec(const char *t, size_t i, size_t e, size_t *n)
{
    unsigned char c = (unsigned char)t[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    return dec_multi(t, i, e, n);
}

static inline int is_space(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= 0x09 && c <= 0x0D);
    return (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* 1 upper-case letter, -1 lower-case, 2 a letter of a script without case
   (or one this table does not know the case of), 0 not a letter. */
static inline int letter_case(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? 1 : (c >= 'a' && c <= 'z') ? -1 : 0;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return 1;
    if (c >= 0xDF && c <= 0xFF && c != 0xF7)
        return -1;
    if ((c >= 0x100 && c <= 0x17F) || (c >= 0x460 && c <= 0x4FF))
        return (c & 1) ? -1 : 1;
    if (c >= 0x180 && c <= 0x24F)
        return 2;
    if ((c >= 0x386 && c <= 0x3AB) || (c >= 0x400 && c <= 0x42F) ||
        (c >= 0x531 && c <= 0x556))
        return 1;
    if ((c >= 0x3AC && c <= 0x3FF) || (c >= 0x430 && c <= 0x45F) ||
        (c >= 0x561 && c <= 0x587))
        return -1;
    if ((c >= 0x5D0 && c <= 0x6FF) || (c >= 0x900 && c <= 0xDFF) ||
        (c >= 0x10A0 && c <= 0x10FF) || (c >= 0x3040 && c <= 0x30FF) ||
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF))
        return 2;
    return 0;
}

/* Closing quotation marks and brackets that may follow a sentence's end. */
static int is_closer(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' ||
           c == 0x2019 || c == 0x201D || c == 0xBB || c == 0x203A;
}

static int is_dash(uint32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2012 || c == 0x2013 ||
           c == 0x2014 || c == 0x2015 || c == 0x2212;
}

/* Start of the code point that ends just before I (S <= I). */
static size_t prev_start(const char *t, size_t s, size_t i)
{
    size_t j = i - 1;
    while (j > s && i - j < 4 && (byte(t, j) & 0xC0) == 0x80)
        j--;
    return j;
}

/* The code point ending just before I, its start in *AT. */
static uint32_t dec_back(const char *t, size_t s, size_t i, size_t *at)
{
    size_t j = prev_start(t, s, i), n;
    uint32_t c = dec(t, j, i, &n);
    if (j + n != i) {
        j = i - 1;
        c = 0xFFFD;
    }
    *at = j;
    return c;
}

static void trim(const char *t, size_t s, size_t e, size_t *cs, size_t *ce)
{
    size_t n, at;
    while (s < e && is_space(dec(t, s, e, &n)))
        s += n;
    while (e > s && is_space(dec_back(t, s, e, &at)))
        e = at;
    *cs = s;
    *ce = e;
}

static uint64_t fnv(const char *t, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)t[i];
        h *= 1099511628211u;
    }
    return h;
}

/* Case-insensitive: does T[I..E) start with the lower-case ASCII word W? */
static int starts_word(const char *t, size_t i, size_t e, const char *w)
{
    size_t n = strlen(w);
    if (e - i < n)
        return 0;
    for (size_t j = 0; j < n; j++)
        if (lower(byte(t, i + j)) != (unsigned char)w[j])
            return 0;
    return i + n == e || !is_alnum(byte(t, i + n));
}

/* The next line at *POS: [*s, *e) without its newline or a \r before it. */
static int next_line(const char *t, size_t len, size_t *pos, size_t *s,
                     size_t *e)
{
    const char *nl;
    if (*pos >= len)
        return 0;
    *s = *pos;
    nl = memchr(t + *pos, '\n', len - *pos);
    *e = nl ? (size_t)(nl - t) : len;
    *pos = nl ? *e + 1 : len;
    if (*e > *s && t[*e - 1] == '\r')
        (*e)--;
    return 1;
}

/* ------------------------------------------------------------------ */
/* The cue lexicon.                                                    */

enum {
    C_MARK,    /* opens a block of teasers: "Related articles", "Read more" */
    C_CREDIT,  /* photo captions and credits */
    C_SOCIAL,  /* share buttons, comment links */
    C_PROMO,   /* ads, membership and newsletter banners */
    C_LEGAL,   /* copyright, cookies, terms */
    C_DISCL,   /* disclaimers about the outlet's views */
    C_NAV,     /* logos, menus, tags, licensing links */
    C_CONTRIB, /* bylines and contributor lines */
    C_TIME,    /* timestamps and reading times */
    C_COUNT,   /* view, comment and item counters */
    NCLASS
};

/* Placements, from the strictest: the line is the phrase alone (digits and
   punctuation allowed around it), the phrase starts the line, ends it (at
   most END_WORDS words follow), or stands anywhere. */
enum {
    SEP = 1, /* at the start, a separator (: | - >) or the end must follow */
    NT = 2   /* only on a line that does not end like a sentence */
};
#define END_WORDS 6

typedef struct cue {
    const char *p; /* lower case; ' for apostrophes, - for dashes */
    unsigned char cls;
    signed char whole, start, end, any;
    unsigned char fl;
} cue;

static const cue CUES[] = {
    {"related", C_MARK, 6, 5, 0, 0, SEP},
    {"related articles", C_MARK, 6, 5, 0, 0, SEP},
    {"related article", C_MARK, 6, 5, 0, 0, SEP},
    {"related stories", C_MARK, 6, 5, 0, 0, SEP},
    {"related story", C_MARK, 6, 5, 0, 0, SEP},
    {"related news", C_MARK, 6, 5, 0, 0, SEP},
    {"related content", C_MARK, 6, 5, 0, 0, SEP},
    {"related posts", C_MARK, 6, 5, 0, 0, SEP},
    {"related coverage", C_MARK, 6, 5, 0, 0, SEP},
    {"related topics", C_MARK, 6, 5, 0, 0, SEP},
    {"related links", C_MARK, 6, 5, 0, 0, SEP},
    {"related reading", C_MARK, 6, 5, 0, 0, SEP},
    {"more stories", C_MARK, 6, 5, 0, 0, SEP},
    {"more news", C_MARK, 6, 5, 0, 0, SEP},
    {"more on this story", C_MARK, 6, 5, 0, 0, SEP},
    {"more on this", C_MARK, 6, 5, 0, 0, SEP},
    {"more from", C_MARK, 0, 5, 0, 0, SEP},
    {"more in", C_MARK, 0, 5, 0, 0, SEP},
    {"more about", C_MARK, 0, 5, 0, 0, SEP},
    {"most popular", C_MARK, 6, 5, 0, 0, SEP},
    {"most read", C_MARK, 6, 5, 0, 0, SEP},
    {"most viewed", C_MARK, 6, 5, 0, 0, SEP},
    {"most shared", C_MARK, 6, 5, 0, 0, SEP},
    {"most commented", C_MARK, 6, 5, 0, 0, SEP},
    {"popular", C_MARK, 6, 5, 0, 0, SEP},
    {"popular now", C_MARK, 6, 5, 0, 0, SEP},
    {"trending", C_MARK, 6, 5, 0, 0, SEP},
    {"trending now", C_MARK, 6, 5, 0, 0, SEP},
    {"trending posts", C_MARK, 6, 5, 0, 0, SEP},
    {"popular posts", C_MARK, 6, 5, 0, 0, SEP},
    {"recent posts", C_MARK, 6, 5, 0, 0, SEP},
    {"latest posts", C_MARK, 6, 5, 0, 0, SEP},
    {"in this section", C_MARK, 6, 5, 0, 0, SEP},
    {"editor's picks", C_MARK, 6, 5, 0, 0, SEP},
    {"editors' picks", C_MARK, 6, 5, 0, 0, SEP},
    {"editors picks", C_MARK, 6, 5, 0, 0, SEP},
    {"editor's pick", C_MARK, 6, 5, 0, 0, SEP},
    {"editor's choice", C_MARK, 6, 5, 0, 0, SEP},
    {"editors' choice", C_MARK, 6, 5, 0, 0, SEP},
    {"editor's selection", C_MARK, 6, 5, 0, 0, SEP},
    {"our picks", C_MARK, 6, 5, 0, 0, SEP},
    {"top stories", C_MARK, 6, 5, 0, 0, SEP},
    {"top news", C_MARK, 6, 5, 0, 0, SEP},
    {"latest", C_MARK, 6, 5, 0, 0, SEP},
    {"latest news", C_MARK, 6, 5, 0, 0, SEP},
    {"latest stories", C_MARK, 6, 5, 0, 0, SEP},
    {"latest articles", C_MARK, 6, 5, 0, 0, SEP},
    {"read more", C_MARK, 6, 5, 0, 0, SEP},
    {"read also", C_MARK, 6, 5, 0, 0, SEP},
    {"also read", C_MARK, 6, 5, 0, 0, SEP},
    {"read next", C_MARK, 6, 5, 0, 0, SEP},
    {"see also", C_MARK, 6, 5, 0, 0, SEP},
    {"read the rest", C_MARK, 6, 5, 0, 0, 0},
    {"further reading", C_MARK, 6, 5, 0, 0, SEP},
    {"recommended", C_MARK, 6, 5, 0, 0, SEP},
    {"recommended for you", C_MARK, 6, 5, 0, 0, SEP},
    {"recommended stories", C_MARK, 6, 5, 0, 0, SEP},
    {"you may also like", C_MARK, 6, 5, 0, 0, SEP},
    {"you might also like", C_MARK, 6, 5, 0, 0, SEP},
    {"you may be interested in", C_MARK, 6, 5, 0, 0, SEP},
    {"you might be interested in", C_MARK, 6, 5, 0, 0, SEP},
    {"don't miss", C_MARK, 6, 5, 0, 0, SEP},
    {"must read", C_MARK, 6, 5, 0, 0, SEP},
    {"in case you missed it", C_MARK, 6, 5, 0, 0, SEP},
    {"what to read next", C_MARK, 6, 5, 0, 0, SEP},
    {"keep reading", C_MARK, 6, 5, 0, 0, SEP},
    {"explore more on these topics", C_MARK, 6, 5, 0, 0, SEP},
    {"more on these topics", C_MARK, 6, 5, 0, 0, SEP},
    {"suggested topics", C_MARK, 6, 5, 0, 0, SEP},
    {"suggested reading", C_MARK, 6, 5, 0, 0, SEP},
    {"watch more", C_MARK, 6, 5, 0, 0, SEP},
    {"more videos", C_MARK, 6, 5, 0, 0, SEP},
    {"other stories", C_MARK, 6, 5, 0, 0, SEP},
    {"from our partners", C_MARK, 6, 5, 0, 0, SEP},
    {"around the web", C_MARK, 6, 5, 0, 0, SEP},
    {"promoted stories", C_MARK, 6, 5, 0, 0, SEP},
    {"up next", C_MARK, 6, 5, 0, 0, SEP},
    {"next article", C_MARK, 6, 5, 0, 0, SEP},
    {"previous article", C_MARK, 6, 5, 0, 0, SEP},

    {"photo", C_CREDIT, 6, 0, 0, 0, 0},
    {"photo:", C_CREDIT, 6, 5, 4, 2, 0},
    {"photos:", C_CREDIT, 6, 5, 4, 2, 0},
    {"foto:", C_CREDIT, 6, 5, 4, 2, 0},
    {"photograph:", C_CREDIT, 6, 5, 4, 2, 0},
    {"photo by", C_CREDIT, 6, 5, 4, 0, 0},
    {"photos by", C_CREDIT, 6, 5, 4, 0, 0},
    {"photograph by", C_CREDIT, 6, 5, 4, 0, 0},
    {"photo credit", C_CREDIT, 6, 5, 4, 2, 0},
    {"photo courtesy", C_CREDIT, 6, 5, 4, 2, 0},
    {"image:", C_CREDIT, 6, 5, 4, 0, 0},
    {"image caption", C_CREDIT, 6, 5, 4, 0, 0},
    {"image source", C_CREDIT, 6, 5, 4, 0, 0},
    {"image credit", C_CREDIT, 6, 5, 4, 0, 0},
    {"picture:", C_CREDIT, 6, 5, 4, 0, 0},
    {"credit:", C_CREDIT, 6, 5, 4, 0, 0},
    {"caption:", C_CREDIT, 6, 5, 0, 0, 0},
    {"media caption", C_CREDIT, 6, 5, 0, 0, 0},
    {"video caption", C_CREDIT, 6, 5, 0, 0, 0},
    {"illustration:", C_CREDIT, 6, 5, 4, 0, 0},
    {"illustration by", C_CREDIT, 6, 5, 4, 0, 0},
    {"file photo", C_CREDIT, 6, 5, 4, 2, 0},
    {"(photo", C_CREDIT, 0, 5, 4, 3, 0},
    {"(ap photo", C_CREDIT, 0, 5, 4, 3, 0},
    {"ap photo", C_CREDIT, 0, 5, 4, 0, 0},
    {"afp photo", C_CREDIT, 0, 5, 4, 0, 0},
    {"getty images", C_CREDIT, 6, 5, 4, 2, 0},
    {"via getty", C_CREDIT, 0, 0, 4, 0, 0},
    {"/getty", C_CREDIT, 0, 0, 4, 0, 0},
    {"reuters/", C_CREDIT, 0, 5, 4, 0, 0},
    {"/reuters", C_CREDIT, 0, 0, 4, 0, 0},
    {"/afp", C_CREDIT, 0, 0, 4, 0, 0},
    {"/ap", C_CREDIT, 0, 0, 4, 0, 0},
    {"/epa", C_CREDIT, 0, 0, 4, 0, 0},
    {"(reuters)", C_CREDIT, 0, 0, 4, 0, 0},
    {"(afp)", C_CREDIT, 0, 0, 4, 0, 0},
    {"(epa)", C_CREDIT, 0, 0, 4, 0, 0},
    {"epa-efe", C_CREDIT, 6, 5, 4, 0, 0},
    {"shutterstock", C_CREDIT, 6, 5, 4, 0, 0},
    {"source:", C_CREDIT, 0, 5, 0, 0, 0},
    {"video:", C_CREDIT, 0, 5, 0, 0, 0},
    {"watch:", C_CREDIT, 0, 5, 0, 0, 0},
    {"listen:", C_CREDIT, 0, 5, 0, 0, 0},
    {"gallery", C_CREDIT, 6, 0, 0, 0, 0},
    {"photo gallery", C_CREDIT, 6, 5, 0, 0, 0},
    {"in pictures", C_CREDIT, 6, 5, 0, 0, SEP},
    {"video", C_CREDIT, 6, 0, 0, 0, 0},
    {"watch", C_CREDIT, 6, 0, 0, 0, 0},
    {"watch live", C_CREDIT, 6, 0, 0, 0, 0},
    {"play video", C_CREDIT, 6, 5, 0, 0, 0},
    {"listen", C_CREDIT, 6, 0, 0, 0, 0},
    {"listen to this article", C_CREDIT, 6, 5, 0, 4, 0},
    {"audio", C_CREDIT, 6, 0, 0, 0, 0},
    {"enlarge this image", C_CREDIT, 6, 5, 0, 0, 0},
    {"toggle caption", C_CREDIT, 6, 5, 0, 0, 0},
    {"hide caption", C_CREDIT, 6, 5, 0, 0, 0},

    {"share", C_SOCIAL, 6, 5, 0, 0, SEP},
    {"share this", C_SOCIAL, 6, 5, 0, 0, SEP},
    {"share this article", C_SOCIAL, 6, 5, 0, 3, 0},
    {"share this story", C_SOCIAL, 6, 5, 0, 3, 0},
    {"share article", C_SOCIAL, 6, 5, 0, 0, 0},
    {"share full article", C_SOCIAL, 6, 5, 0, 0, 0},
    {"share on", C_SOCIAL, 6, 5, 4, 2, 0},
    {"share via", C_SOCIAL, 6, 5, 4, 2, 0},
    {"tweet", C_SOCIAL, 6, 0, 0, 0, 0},
    {"copy link", C_SOCIAL, 6, 5, 0, 0, 0},
    {"link copied", C_SOCIAL, 6, 0, 0, 0, 0},
    {"follow us", C_SOCIAL, 6, 5, 0, 3, 0},
    {"like us on", C_SOCIAL, 6, 5, 0, 4, 0},
    {"join our telegram", C_SOCIAL, 6, 5, 0, 4, 0},
    {"click to share", C_SOCIAL, 6, 5, 0, 4, 0},
    {"share this:", C_SOCIAL, 6, 5, 0, 0, 0},
    {"like this:", C_SOCIAL, 6, 5, 0, 0, 0},
    {"loading...", C_SOCIAL, 6, 0, 0, 0, 0},
    {"comments", C_SOCIAL, 6, 0, 0, 0, 0},
    {"leave a comment", C_SOCIAL, 6, 5, 0, 0, 0},
    {"leave a reply", C_SOCIAL, 6, 5, 0, 0, 0},
    {"post your comment", C_SOCIAL, 6, 5, 0, 0, 0},
    {"recent comments", C_SOCIAL, 6, 5, 0, 0, 0},
    {"share it", C_SOCIAL, 6, 5, 4, 3, 0},
    {"email address will not be published", C_SOCIAL, 6, 5, 5, 5, 0},
    {"required fields are marked", C_SOCIAL, 6, 5, 5, 5, 0},
    {"add a comment", C_SOCIAL, 6, 5, 0, 0, 0},
    {"post a comment", C_SOCIAL, 6, 5, 0, 0, 0},
    {"show comments", C_SOCIAL, 6, 5, 0, 0, 0},
    {"view comments", C_SOCIAL, 6, 5, 0, 0, 0},
    {"join the conversation", C_SOCIAL, 6, 5, 0, 0, 0},
    {"reuse this content", C_SOCIAL, 6, 5, 0, 0, 0},
    {"gift this article", C_SOCIAL, 6, 5, 0, 0, 0},
    {"save article", C_SOCIAL, 6, 0, 0, 0, 0},
    {"save for later", C_SOCIAL, 6, 0, 0, 0, 0},

    {"advertisement", C_PROMO, 6, 5, 0, 2, 0},
    {"advertisements", C_PROMO, 6, 0, 0, 0, 0},
    {"advertising", C_PROMO, 6, 0, 0, 0, 0},
    {"advert", C_PROMO, 6, 0, 0, 0, 0},
    {"ad", C_PROMO, 6, 0, 0, 0, 0},
    {"ads", C_PROMO, 6, 0, 0, 0, 0},
    {"sponsored", C_PROMO, 6, 5, 0, 0, SEP},
    {"sponsored content", C_PROMO, 6, 5, 0, 3, 0},
    {"sponsored by", C_PROMO, 6, 5, 0, 0, 0},
    {"paid content", C_PROMO, 6, 5, 0, 0, 0},
    {"paid post", C_PROMO, 6, 5, 0, 0, 0},
    {"partner content", C_PROMO, 6, 5, 0, 0, 0},
    {"promoted", C_PROMO, 6, 5, 0, 0, SEP},
    {"skip advertisement", C_PROMO, 6, 5, 0, 4, 0},
    {"skip ad", C_PROMO, 6, 5, 0, 0, 0},
    {"story continues below", C_PROMO, 6, 5, 0, 4, 0},
    {"article continues below", C_PROMO, 6, 5, 0, 4, 0},
    {"continue reading", C_PROMO, 6, 5, 0, 3, 0},
    {"scroll to continue", C_PROMO, 6, 5, 0, 4, 0},
    {"become a member", C_PROMO, 6, 5, 0, 3, 0},
    {"become a supporter", C_PROMO, 6, 5, 0, 3, 0},
    {"become a subscriber", C_PROMO, 6, 5, 0, 3, 0},
    {"support independent journalism", C_PROMO, 6, 5, 0, 3, 0},
    {"support our journalism", C_PROMO, 6, 5, 0, 3, 0},
    {"support quality journalism", C_PROMO, 6, 5, 0, 3, 0},
    {"support our work", C_PROMO, 6, 5, 0, 3, 0},
    {"support us", C_PROMO, 6, 5, 0, 2, 0},
    {"independent journalism", C_PROMO, 6, 5, 0, 3, 0},
    {"your support", C_PROMO, 6, 5, 0, 2, 0},
    {"consider supporting", C_PROMO, 6, 5, 0, 3, 0},
    {"paywall", C_PROMO, 6, 5, 0, 3, 0},
    {"subscribe", C_PROMO, 6, 5, 0, 0, 0},
    {"subscribe now", C_PROMO, 6, 5, 0, 3, 0},
    {"subscribers only", C_PROMO, 6, 5, 0, 3, 0},
    {"already a subscriber", C_PROMO, 6, 5, 0, 4, 0},
    {"already a member", C_PROMO, 6, 5, 0, 4, 0},
    {"donate", C_PROMO, 6, 5, 0, 0, 0},
    {"donate now", C_PROMO, 6, 5, 0, 3, 0},
    {"make a donation", C_PROMO, 6, 5, 0, 3, 0},
    {"sign up", C_PROMO, 6, 4, 0, 2, 0},
    {"newsletter", C_PROMO, 6, 4, 0, 2, 0},
    {"newsletters", C_PROMO, 6, 4, 0, 2, 0},
    {"our newsletter", C_PROMO, 6, 4, 0, 3, 0},
    {"delivered to your inbox", C_PROMO, 6, 4, 0, 3, 0},
    {"enter your email", C_PROMO, 6, 5, 0, 4, 0},
    {"email address", C_PROMO, 6, 0, 0, 0, 0},
    {"get the app", C_PROMO, 6, 5, 0, 3, 0},
    {"download our app", C_PROMO, 6, 5, 0, 3, 0},
    {"download the app", C_PROMO, 6, 5, 0, 3, 0},
    {"% off", C_PROMO, 6, 0, 0, 3, 0},
    {"free trial", C_PROMO, 6, 4, 0, 3, 0},
    {"log in", C_PROMO, 6, 4, 0, 0, 0},
    {"login", C_PROMO, 6, 0, 0, 0, 0},
    {"sign in", C_PROMO, 6, 4, 0, 0, 0},
    {"register", C_PROMO, 6, 0, 0, 0, 0},
    {"join now", C_PROMO, 6, 5, 0, 0, 0},
    {"click here", C_PROMO, 6, 4, 0, 2, 0},
    {"tap here", C_PROMO, 6, 4, 0, 2, 0},
    {"learn more", C_PROMO, 6, 0, 0, 0, 0},
    {"buy now", C_PROMO, 6, 5, 0, 0, 0},
    {"special offer", C_PROMO, 6, 5, 0, 3, 0},
    {"membership", C_PROMO, 6, 0, 0, 0, 0},
    {"remove ads", C_PROMO, 6, 5, 0, 3, 0},

    {"all rights reserved", C_LEGAL, 6, 5, 5, 5, 0},
    {"copyright", C_LEGAL, 6, 0, 0, 0, 0},
    {"privacy policy", C_LEGAL, 6, 5, 4, 3, 0},
    {"privacy notice", C_LEGAL, 6, 5, 4, 3, 0},
    {"terms of use", C_LEGAL, 6, 5, 4, 3, 0},
    {"terms of service", C_LEGAL, 6, 5, 4, 3, 0},
    {"terms and conditions", C_LEGAL, 6, 5, 4, 3, 0},
    {"cookie policy", C_LEGAL, 6, 5, 5, 4, 0},
    {"cookies policy", C_LEGAL, 6, 5, 5, 4, 0},
    {"we use cookies", C_LEGAL, 6, 5, 5, 5, 0},
    {"use cookies", C_LEGAL, 6, 5, 5, 4, 0},
    {"use of cookies", C_LEGAL, 6, 5, 5, 5, 0},
    {"uses cookies", C_LEGAL, 6, 5, 5, 5, 0},
    {"accept cookies", C_LEGAL, 6, 5, 5, 5, 0},
    {"accept all cookies", C_LEGAL, 6, 5, 5, 5, 0},
    {"cookie settings", C_LEGAL, 6, 5, 5, 5, 0},
    {"cookie preferences", C_LEGAL, 6, 5, 5, 5, 0},
    {"manage cookies", C_LEGAL, 6, 5, 5, 5, 0},
    {"cookies", C_LEGAL, 6, 0, 0, 0, 0},
    {"accept all", C_LEGAL, 6, 0, 0, 0, 0},
    {"reject all", C_LEGAL, 6, 0, 0, 0, 0},
    {"manage preferences", C_LEGAL, 6, 0, 0, 0, 0},
    {"do not sell my personal information", C_LEGAL, 6, 5, 5, 5, 0},
    {"may not be reproduced", C_LEGAL, 6, 5, 5, 5, 0},
    {"without prior written permission", C_LEGAL, 6, 5, 5, 5, 0},
    {"reproduction in whole or in part", C_LEGAL, 6, 5, 5, 5, 0},
    {"appears in print", C_LEGAL, 6, 5, 5, 5, 0},
    {"hyperlink to the source", C_LEGAL, 6, 5, 5, 5, 0},
    {"link to the source is required", C_LEGAL, 6, 5, 5, 5, 0},
    {"copying of materials", C_LEGAL, 6, 5, 5, 5, 0},
    {"use of materials", C_LEGAL, 6, 5, 4, 3, 0},
    {"without permission", C_LEGAL, 6, 5, 4, 3, 0},
    {"reprints", C_LEGAL, 6, 0, 0, 0, 0},

    {"do not necessarily reflect", C_DISCL, 6, 5, 5, 5, 0},
    {"does not necessarily reflect", C_DISCL, 6, 5, 5, 5, 0},
    {"don't necessarily reflect", C_DISCL, 6, 5, 5, 5, 0},
    {"not necessarily those of", C_DISCL, 6, 5, 5, 5, 0},
    {"not coincide with the views", C_DISCL, 6, 5, 5, 5, 0},
    {"the views and opinions expressed", C_DISCL, 6, 5, 5, 5, 0},
    {"sole responsibility of the author", C_DISCL, 6, 5, 5, 5, 0},
    {"views expressed", C_DISCL, 6, 3, 3, 3, 0},
    {"opinions expressed", C_DISCL, 6, 3, 3, 3, 0},
    {"reflect solely", C_DISCL, 6, 4, 4, 4, 0},
    {"may not coincide", C_DISCL, 6, 4, 4, 4, 0},
    {"is not responsible for", C_DISCL, 6, 3, 3, 3, 0},
    {"not responsible for the content", C_DISCL, 6, 5, 5, 5, 0},
    {"are not responsible for", C_DISCL, 6, 3, 3, 3, 0},
    {"disclaimer", C_DISCL, 6, 5, 0, 3, 0},
    {"disclosure", C_DISCL, 6, 5, 4, 0, NT},
    {"affiliate links", C_DISCL, 6, 5, 4, 4, 0},
    {"affiliate link", C_DISCL, 6, 5, 4, 4, 0},

    {"logo", C_NAV, 6, 0, 4, 0, NT},
    {"menu", C_NAV, 6, 0, 0, 0, 0},
    {"main menu", C_NAV, 6, 5, 0, 0, 0},
    {"search", C_NAV, 6, 0, 0, 0, 0},
    {"home", C_NAV, 6, 0, 0, 0, 0},
    {"homepage", C_NAV, 6, 0, 0, 0, 0},
    {"back to top", C_NAV, 6, 5, 0, 0, 0},
    {"skip to content", C_NAV, 6, 5, 0, 0, 0},
    {"skip to main content", C_NAV, 6, 5, 0, 0, 0},
    {"skip navigation", C_NAV, 6, 5, 0, 0, 0},
    {"toggle navigation", C_NAV, 6, 5, 0, 0, 0},
    {"navigation", C_NAV, 6, 0, 0, 0, 0},
    {"close", C_NAV, 6, 0, 0, 0, 0},
    {"sections", C_NAV, 6, 0, 0, 0, 0},
    {"topics", C_NAV, 6, 5, 0, 0, SEP},
    {"tags", C_NAV, 6, 5, 0, 0, SEP},
    {"tagged", C_NAV, 6, 5, 0, 0, NT},
    {"filed under", C_NAV, 6, 5, 0, 0, NT},
    {"categories", C_NAV, 6, 5, 0, 0, SEP},
    {"category", C_NAV, 6, 5, 0, 0, SEP},
    {"posted in", C_NAV, 6, 5, 0, 0, NT},
    {"you are here", C_NAV, 6, 5, 0, 0, 0},
    {"more", C_NAV, 6, 0, 0, 0, 0},
    {"next", C_NAV, 6, 0, 0, 0, 0},
    {"previous", C_NAV, 6, 0, 0, 0, 0},
    {"print this page", C_NAV, 6, 5, 0, 0, 0},
    {"text size", C_NAV, 6, 5, 0, 0, 0},
    {"accessibility", C_NAV, 6, 0, 0, 0, 0},
    {"my account", C_NAV, 6, 0, 0, 0, 0},
    {"notifications", C_NAV, 6, 0, 0, 0, 0},
    {"bookmark", C_NAV, 6, 0, 0, 0, 0},
    {"report an error", C_NAV, 6, 5, 0, 0, 0},
    {"end of list", C_NAV, 6, 0, 0, 0, 0},
    {"licensing rights", C_NAV, 6, 5, 4, 3, 0},
    {"opens new tab", C_NAV, 6, 5, 4, 4, 0},
    {"our standards", C_NAV, 6, 5, 0, 3, SEP},
    {"trust principles", C_NAV, 6, 5, 4, 4, 0},
    {"contact us", C_NAV, 6, 0, 0, 0, 0},

    {"order reprints", C_NAV, 6, 5, 4, 4, 0},
    {"today's paper", C_NAV, 6, 5, 4, 3, 0},
    {"about us", C_NAV, 6, 0, 0, 0, 0},

    {"reporting by", C_CONTRIB, 6, 5, 0, 0, 0},
    {"reporting from", C_CONTRIB, 6, 5, 0, 0, NT},
    {"additional reporting by", C_CONTRIB, 6, 5, 5, 5, 0},
    {"editing by", C_CONTRIB, 6, 5, 4, 4, 0},
    {"writing by", C_CONTRIB, 6, 5, 0, 0, 0},
    {"compiled by", C_CONTRIB, 6, 5, 0, 0, 0},
    {"contributed to this report", C_CONTRIB, 6, 5, 5, 5, 0},
    {"contributed to this article", C_CONTRIB, 6, 5, 5, 5, 0},
    {"contributed to this story", C_CONTRIB, 6, 5, 5, 5, 0},
    {"contributed reporting", C_CONTRIB, 6, 5, 5, 5, 0},
    {"contact the author", C_CONTRIB, 6, 5, 0, 4, 0},
    {"about the author", C_CONTRIB, 6, 5, 0, 0, 0},
    {"correspondent", C_CONTRIB, 6, 0, 0, 0, 0},
    {"staff writer", C_CONTRIB, 6, 0, 0, 0, 0},
    {"staff reporter", C_CONTRIB, 6, 0, 0, 0, 0},
    {"reporter", C_CONTRIB, 6, 0, 0, 0, 0},
    {"news agencies", C_CONTRIB, 6, 0, 4, 0, NT},
    {"agencies", C_CONTRIB, 6, 0, 0, 0, 0},
    {"ends", C_CONTRIB, 6, 0, 0, 0, 0},

    {"updated", C_TIME, 6, 0, 0, 0, 0},
    {"published", C_TIME, 6, 0, 0, 0, 0},
    {"last updated", C_TIME, 6, 5, 0, 0, SEP},
    {"just now", C_TIME, 6, 0, 0, 0, 0},
    {"breaking", C_TIME, 6, 0, 0, 0, 0},
    {"breaking news", C_TIME, 6, 0, 0, 0, 0},
    {"live", C_TIME, 6, 0, 0, 0, 0},
    {"live updates", C_TIME, 6, 0, 0, 0, 0},
    {"this is a developing story", C_TIME, 6, 5, 5, 5, 0},
    {"this story is developing", C_TIME, 6, 5, 5, 5, 0},
    {"min read", C_TIME, 6, 0, 4, 0, NT},
    {"minute read", C_TIME, 6, 0, 4, 0, NT},
    {"reading time", C_TIME, 6, 5, 4, 0, NT},
};

#define NCUES (sizeof CUES / sizeof CUES[0])

/* Cues chained by their first two bytes (every cue has at least two),
   built once per process (lex_get) and read-only after. */
#define LEX_BUCKETS 1024

typedef struct lexidx {
    short head[LEX_BUCKETS];
    short next[NCUES];
    unsigned char len[NCUES];
} lexidx;

static unsigned lex_key(const char *p)
{
    return ((unsigned)(unsigned char)p[0] * 31u + (unsigned char)p[1]) %
           LEX_BUCKETS;
}

static void lex_init(lexidx *lx)
{
    for (int i = 0; i < LEX_BUCKETS; i++)
        lx->head[i] = -1;
    for (size_t j = NCUES; j-- > 0;) {
        unsigned k = lex_key(CUES[j].p);
        lx->len[j] = (unsigned char)strlen(CUES[j].p);
        lx->next[j] = lx->head[k];
        lx->head[k] = (short)j;
    }
}

static lexidx lex_shared;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static void lex_build(void)
{
    lex_init(&lex_shared);
}

/* The cue index, built on first use by whichever thread comes first. */
static const lexidx *lex_get(void)
{
    pthread_once(&lex_once, lex_build);
    return &lex_shared;
}

/* Words that make up counter lines ("620 views", "3 min read", "list 1 of
   4", "Updated 3 hours ago") when a number is present. */
static const char *const COUNTER_WORDS[] = {
    "views", "view", "comments", "comment", "shares", "share", "reads",
    "read", "likes", "like", "min", "mins", "minute", "minutes", "sec",
    "secs", "seconds", "hour", "hours", "hr", "hrs", "day", "days", "week",
    "weeks", "month", "months", "year", "years", "ago", "list", "of",
    "items", "item", "photos", "photo", "images", "image", "slides",
    "slide", "videos", "video", "replies", "reply", "reactions", "votes",
    "page", "pages", "next", "previous", "updated", "posted", "published",
    "edited", "reading", "time", "words", "k", "m", "listen", "to", "this",
    "article", NULL};

/* Words of share-button rows ("Facebook Twitter WhatsApp"); the first
   SOCIAL_WEAK are only filler and do not make a row on their own. */
static const char *const SOCIAL_WORDS[] = {
    "on", "this", "article", "story", "via", "the", "to", "link",
    "share", "shares", "tweet", "facebook", "twitter", "x", "whatsapp",
    "telegram", "linkedin", "reddit", "pinterest", "email", "e-mail",
    "mail", "print", "copy", "copied", "messenger", "vk", "viber",
    "instagram", "youtube", "tiktok", "threads", "bluesky", "mastodon",
    "flipboard", "pocket", "save", "sms", "gmail", "odnoklassniki", NULL};
#define SOCIAL_WEAK 8

static int in_list(const char *const *list, const char *w, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == w[0] && strncmp(list[i], w, n) == 0 &&
            list[i][n] == '\0')
            return (int)i + 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Line features.                                                      */

enum {
    F_TERM = 1 << 0,    /* ends like a sentence: . ! ? ... */
    F_QUEST = 1 << 1,   /* ... with a question mark */
    F_PERIOD = 1 << 2,  /* ... with a period or an ellipsis */
    F_COLON = 1 << 3,   /* ends with a colon */
    F_COMMA = 1 << 4,   /* ends with a comma or semicolon */
    F_DASHEND = 1 << 5, /* ends with a dash: continued on the next line */
    F_LOWER = 1 << 6,   /* its first letter is lower case */
    F_LONG = 1 << 7,    /* over LONG_LINE bytes */
    F_BULLET = 1 << 8,  /* a list item or an interview turn */
    F_DATE = 1 << 9,    /* a date line */
    F_DATEX = 1 << 10,  /* ... with an explicit "Published", "By" ... */
    F_MARKER = 1 << 11, /* starts with a block marker */
    F_MARKW = 1 << 12,  /* is a block marker and nothing else */
    F_PARA = 1 << 13,   /* a real paragraph */
    F_SOLID = 1 << 14,  /* a paragraph of several sentences */
    F_CAPDATE = 1 << 15, /* ends "..., Place, Date." like a caption */
    F_DISCL = 1 << 16,  /* a disclaimer */
    F_COPYR = 1 << 17,  /* a copyright line */
    F_SPAN = 1 << 18,   /* inside a boilerplate span the caller gave */
    F_NAMES = 1 << 19,  /* a few capitalized words: a name, a kicker */
    F_CRUMB = 1 << 20,  /* capitalized words between separators: "World |
                           Europe", "Home > Politics" */
    F_CREDEND = 1 << 21, /* ends with a credit: "Photo: X", "(AP Photo/X)" */
    F_CREDIT = 1 << 22  /* a credit or caption cue scored */
};

typedef struct pl {
    size_t s, e;   /* the line without its newline and \r */
    size_t cs, ce; /* its content, trimmed of spaces */
    size_t k;      /* its number among the non-blank lines */
    unsigned words, sent;
    unsigned alpha, caps; /* words that start with a letter, an upper-case one */
    unsigned flags;
    int score;
    uint64_t hash; /* of the content, 0 when over REP_MAX */
} pl;

static const char *const OUTLET_WORDS[] = {
    "news", "times", "post", "journal", "herald", "tribune", "weekly",
    "daily", "press", "agency", "tv", "radio", "media", "online", "gazette",
    "observer", "guardian", "telegraph", "monitor", "mirror", "express",
    "chronicle", "network", "broadcasting", "magazine", "wire", "reuters",
    "ap", "afp", "bbc", "cnn", "npr", "insider", "independent", "standard",
    "bulletin", "courier", "dispatch", "globe", "jazeera", "report", "today",
    "review", "sun", "star", "world", "voice", "eurasianet", "euronews",
    "azatutyun", "rfe/rl", NULL};

static const char *const ABBREV[] = {
    "mr", "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "prof", "jr",
    "sr", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "inc", "co", "ltd", "corp", "lt",
    "col", "capt", "sgt", "rev", "pres", "approx", "etc", NULL};

/* Does the token [ts,te) end a sentence?  A period after an initial, an
   abbreviation or a dotted acronym (U.S., J.D.) does not. */
static int ends_sentence(const char *t, size_t ts, size_t te)
{
    size_t at, i = te, cs = ts, n;
    uint32_t c;
    char w[8];
    size_t wn = 0;
    while (i > ts && is_closer(c = dec_back(t, ts, i, &at)))
        i = at;
    if (i <= ts)
        return 0;
    c = dec_back(t, ts, i, &at);
    if (c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
        c == 0xFF1F)
        return 1;
    if (c != '.')
        return 0;
    if (at >= 2 && at - 2 >= ts && t[at - 1] == '.' && t[at - 2] == '.')
        return 1; /* "..." */
    while (cs < at && !is_alnum(byte(t, cs)) && byte(t, cs) < 0x80)
        cs++;
    if (cs >= at)
        return 1;
    if (memchr(t + cs, '.', at - cs))
        return 0;
    c = dec(t, cs, at, &n);
    if (cs + n == at && letter_case(c) == 1)
        return 0;
    for (size_t j = cs; j < at && wn < sizeof w; j++)
        w[wn++] = (char)lower(byte(t, j));
    if (at - cs <= sizeof w && in_list(ABBREV, w, wn))
        return 0;
    return 1;
}

typedef struct shape {
    unsigned upper, lowerc, letters, digits, capwords, alphawords, smallwords;
} shape;

static const char *const CONNECTORS[] = {
    "and", "in", "of", "for", "at", "de", "van", "von", "der", "al", "bin",
    "la", "le", "da", "du", "the", "&", NULL};

/* Words, sentences, case and how the content ends. */
static void scan_words(const char *t, pl *L, shape *sh)
{
    size_t i = L->cs, e = L->ce, n, at;
    int seen = 0, pend = 0;
    uint32_t c;
    L->sent = 1;
    while (i < e) {
        size_t ts;
        int tcase = 0;
        c = dec(t, i, e, &n);
        if (is_space(c)) {
            i += n;
            continue;
        }
        ts = i;
        while (i < e) {
            int lc;
            c = dec(t, i, e, &n);
            if (is_space(c))
                break;
            lc = letter_case(c);
            if (lc) {
                if (!seen) {
                    seen = 1;
                    if (lc == -1)
                        L->flags |= F_LOWER;
                }
                sh->letters++;
                if (lc == 1)
                    sh->upper++;
                else if (lc == -1)
                    sh->lowerc++;
                if (!tcase)
                    tcase = lc;
            } else if (is_digit((int)c)) {
                sh->digits++;
                if (!tcase)
                    tcase = 3;
            }
            i += n;
        }
        L->words++;
        if (tcase == 1 || tcase == 2) {
            sh->alphawords++;
            sh->capwords++;
        } else if (tcase == -1) {
            char w[4];
            size_t wn = 0;
            sh->alphawords++;
            for (size_t j = ts; j < i && wn < sizeof w; j++)
                w[wn++] = (char)lower(byte(t, j));
            if (i - ts <= sizeof w && in_list(CONNECTORS, w, wn))
                sh->smallwords++;
        } else if (i - ts == 1 && t[ts] == '&') {
            sh->smallwords++;
        }
        if (pend && (tcase == 1 || tcase == 3 || tcase == 2))
            L->sent++;
        pend = ends_sentence(t, ts, i);
    }
    /* how it ends */
    i = e;
    while (i > L->cs && (is_closer(c = dec_back(t, L->cs, i, &at)) ||
                         is_space(c)))
        i = at;
    if (i > L->cs) {
        c = dec_back(t, L->cs, i, &at);
        if (c == '.' || c == 0x2026 || c == 0x3002)
            L->flags |= F_TERM | F_PERIOD;
        else if (c == '!' || c == 0xFF01)
            L->flags |= F_TERM;
        else if (c == '?' || c == 0xFF1F)
            L->flags |= F_TERM | F_QUEST;
        else if (c == ':')
            L->flags |= F_COLON;
        else if (c == ',' || c == ';')
            L->flags |= F_COMMA;
        else if (is_dash(c))
            L->flags |= F_DASHEND;
    }
}

/* A list item or an interview turn: "- ", "* ", "• ", "1. ", "2) ". */
static int is_bullet(const char *t, size_t s, size_t e)
{
    size_t n, i = s;
    uint32_t c = dec(t, s, e, &n);
    if (is_dash(c) || c == '*' || c == 0x2022 || c == 0xB7 || c == 0x25CF)
        return s + n < e && is_space(dec(t, s + n, e, &n));
    while (i < e && i - s < 3 && is_digit(byte(t, i)))
        i++;
    return i > s && i + 1 < e && (t[i] == '.' || t[i] == ')') &&
           t[i + 1] == ' ';
}

/* Copy the content to B in a form cues are written in: ASCII lower case,
   one space between words, curly quotes and dashes made ASCII, bullets and
   arrows made '*' and '>', the copyright sign written "(c)".  B holds at
   least 2 * (ce - cs) + 1 bytes.  Returns the length. */
static size_t normalize(const char *t, size_t cs, size_t ce, char *b)
{
    size_t i = cs, o = 0, n;
    int space = 0;
    while (i < ce) {
        uint32_t c = dec(t, i, ce, &n);
        const char *rep = NULL;
        char one[2] = {0, 0};
        if (is_space(c)) {
            space = 1;
            i += n;
            continue;
        }
        if (c < 0x80)
            one[0] = (char)lower((int)c);
        else if (c == 0x2018 || c == 0x2019 || c == 0x2BC || c == 0x2032)
            one[0] = '\'';
        else if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB ||
                 c == 0xBB)
            one[0] = c == 0xBB ? '>' : c == 0xAB ? '<' : '"';
        else if (is_dash(c))
            one[0] = '-';
        else if (c == 0x2026)
            rep = "...";
        else if (c == 0xA9)
            rep = "(c)";
        else if (c == 0x2022 || c == 0xB7 || (c >= 0x25A0 && c <= 0x25FF))
            one[0] = '*';
        else if (c == 0x203A || (c >= 0x2190 && c <= 0x21FF))
            one[0] = '>';
        else if (c == 0xAE || c == 0x2122 || c >= 0x10000)
            one[0] = ' ';
        if (space && o > 0) {
            b[o++] = ' ';
        }
        space = 0;
        if (rep) {
            size_t m = strlen(rep);
            memcpy(b + o, rep, m);
            o += m;
        } else if (one[0]) {
            b[o++] = one[0];
        } else {
            memcpy(b + o, t + i, n);
            o += n;
        }
        i += n;
    }
    b[o] = '\0';
    return o;
}

static int is_word_byte(int c)
{
    return is_alnum(c) || c >= 0x80;
}

static int is_letter_byte(int c)
{
    return is_alpha(c) || c >= 0x80;
}

/* Match every cue against the normalized line B[0..n) and keep the weight
   of each class in BEST: the best placement of its best cue.  TERM: the
   line ends like a sentence.  Sets F_MARKER, F_MARKW and F_CREDEND in
   *FLAGS.  Linear in n: at each word start only the cues that begin with
   the same two bytes are compared. */
static void match_cues(const lexidx *lx, const char *b, size_t n,
                       int legal_only, int term, int best[NCLASS],
                       unsigned *flags)
{
    int hits[NCLASS] = {0};
    unsigned short wafter[2 * LEGAL_MAX + 8];
    size_t first_word = n, first_letter = n, last_letter_end = 0;
    unsigned cnt = 0;
    for (size_t i = 0; i < n; i++) {
        if (first_word == n && is_word_byte(byte(b, i)))
            first_word = i;
        if (is_letter_byte(byte(b, i))) {
            if (first_letter == n)
                first_letter = i;
            last_letter_end = i + 1;
        }
    }
    /* wafter[i]: words starting at or after i */
    wafter[n] = 0;
    for (size_t i = n; i-- > 0;) {
        if (is_word_byte(byte(b, i)) && (i == 0 || !is_word_byte(byte(b, i - 1))))
            cnt++;
        wafter[i] = (unsigned short)cnt;
    }
    for (size_t i = 0; i + 1 < n; i++) {
        /* cues that begin with a letter or digit begin a word */
        if (is_alnum(byte(b, i)) && i > 0 && is_word_byte(byte(b, i - 1)))
            continue;
        for (short j = lx->head[lex_key(b + i)]; j >= 0; j = lx->next[j]) {
            const cue *q = &CUES[j];
            size_t m = lx->len[j], end = i + m;
            int w = q->any;
            if (legal_only && q->cls != C_LEGAL && q->cls != C_DISCL)
                continue;
            if (m > n - i || memcmp(b + i, q->p, m) != 0)
                continue;
            if (is_alnum((unsigned char)q->p[0]) && i > 0 &&
                is_word_byte(byte(b, i - 1)))
                continue;
            if (is_alnum((unsigned char)q->p[m - 1]) && end < n &&
                is_word_byte(byte(b, end)))
                continue;
            if ((q->fl & NT) && term)
                continue;
            if (q->whole && first_letter >= i && last_letter_end <= end &&
                q->whole > w) {
                w = q->whole;
                if (q->cls == C_MARK)
                    *flags |= F_MARKW | F_MARKER;
            }
            if (q->start && first_word >= i && q->start > w) {
                int ok = 1;
                if (q->fl & SEP) {
                    size_t k = end;
                    while (k < n && b[k] == ' ')
                        k++;
                    ok = k == n || strchr(":|->", b[k]) != NULL;
                }
                if (ok) {
                    w = q->start;
                    if (q->cls == C_MARK)
                        *flags |= F_MARKER;
                }
            }
            if (q->end && wafter[end] <= END_WORDS && q->end > w) {
                w = q->end;
                if (q->cls == C_CREDIT)
                    *flags |= F_CREDEND;
            }
            if (w > 0)
                hits[q->cls]++;
            if (w > best[q->cls])
                best[q->cls] = w;
        }
    }
    /* more cues of one class add a point each, up to two, up to 6 */
    for (int c = 0; c < NCLASS; c++) {
        int v = best[c] + (hits[c] > 3 ? 2 : hits[c] > 1 ? hits[c] - 1 : 0);
        best[c] = v > 6 ? 6 : v;
    }
}

/* Are all the alphabetic words of B[0..n) in LIST (at least one from
   index STRONG on), with a digit somewhere if NEED_DIGIT? */
static int all_words_in(const char *b, size_t n, const char *const *list,
                        int strong, int need_digit)
{
    size_t i = 0;
    int digit = 0, hit = 0;
    while (i < n) {
        size_t ws;
        int dig = 0, alpha = 0, r;
        if (!is_word_byte(byte(b, i)) && b[i] != '-' && b[i] != '\'') {
            i++;
            continue;
        }
        ws = i;
        while (i < n && (is_word_byte(byte(b, i)) || b[i] == '-' || b[i] == '\'')) {
            if (is_digit(byte(b, i)))
                dig = 1;
            else if (is_letter_byte(byte(b, i)))
                alpha = 1;
            i++;
        }
        if (dig) {
            digit = 1;
            continue;
        }
        if (!alpha)
            continue;
        r = in_list(list, b + ws, i - ws);
        if (!r)
            return 0;
        if (r > strong)
            hit = 1;
    }
    return hit && (!need_digit || digit);
}

/* Is any alphabetic word of B[0..n) in LIST? */
static int any_word_in(const char *b, size_t n, const char *const *list)
{
    size_t i = 0;
    while (i < n) {
        size_t ws;
        if (!is_word_byte(byte(b, i)) && b[i] != '/') {
            i++;
            continue;
        }
        ws = i;
        while (i < n && (is_word_byte(byte(b, i)) || b[i] == '/'))
            i++;
        if (in_list(list, b + ws, i - ws))
            return 1;
    }
    return 0;
}

/* Is B[0..n) words with a separator standing alone between them: " | ",
   " > ", " / ", " * " (bullets were made '*')?  Digits, colons and
   backslashes make it something else (a path, code, a score). */
static int crumb(const char *b, size_t n)
{
    int sep = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_digit(byte(b, i)) || b[i] == ':' || b[i] == '\\' ||
            b[i] == '=' || b[i] == '.')
            return 0;
        if (i > 0 && i + 1 < n && b[i - 1] == ' ' && b[i + 1] == ' ' &&
            strchr("|>/*", b[i]))
            sep = 1;
    }
    return sep;
}

static const char *const WEEKDAYS[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs",
    "fri", "sat", "sun", NULL};

static const char *const MONTHS[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};

/* A month name or a three-letter abbreviation (and "sept"), with an
   optional period, at T[I]: its number, 0 if none; *Q after it. */
static int month_at(const char *t, size_t i, size_t e, size_t *q)
{
    char w[12];
    size_t n = 0;
    while (i + n < e && n < 10 && is_alpha(byte(t, i + n))) {
        w[n] = (char)lower(byte(t, i + n));
        n++;
    }
    if (n < 3 || (i + n < e && is_alnum(byte(t, i + n))))
        return 0;
    w[n] = '\0';
    for (int m = 0; m < 12; m++) {
        if (strcmp(w, MONTHS[m]) == 0) {
            *q = i + n;
            return m + 1;
        }
        if ((n == 3 && strncmp(w, MONTHS[m], 3) == 0) ||
            (m == 8 && strcmp(w, "sept") == 0)) {
            size_t j = i + n;
            if (j < e && t[j] == '.')
                j++;
            *q = j;
            return m + 1;
        }
    }
    return 0;
}

/* Up to 5 digits at T[I]: the value, their count in *ND, *Q after them. */
static int num_at(const char *t, size_t i, size_t e, size_t *nd, size_t *q)
{
    int v = 0;
    size_t j = i;
    while (j < e && j - i < 5 && is_digit(byte(t, j))) {
        v = v * 10 + (t[j] - '0');
        j++;
    }
    *nd = j - i;
    *q = j;
    return v;
}

static size_t skip_spaces(const char *t, size_t i, size_t e)
{
    size_t n;
    while (i < e && is_space(dec(t, i, e, &n)))
        i += n;
    return i;
}

static size_t skip_ordinal(const char *t, size_t i, size_t e)
{
    if (i + 2 <= e && (starts_word(t, i, e, "st") || starts_word(t, i, e, "nd") ||
                       starts_word(t, i, e, "rd") || starts_word(t, i, e, "th")))
        return i + 2;
    return i;
}

/*
 * A calendar date at T[I]: "February 14, 2026", "Feb. 14 2026", "14th
 * February 2026", "14 Feb 2026", "2026-02-14" (with a time after "T"),
 * "2026/02/14", "February 2026", and day-month-year numbers "14.02.2026",
 * "14/02/2026" when only one reading is a valid date.  Fills ISO with the
 * date ("" when the numbers are ambiguous) and *Q with its end.
 */
static int parse_date(const char *t, size_t i, size_t e, size_t *q,
                      char iso[11])
{
    int y = 0, m = 0, d = 0, amb = 0;
    size_t j, nd;
    iso[0] = '\0';
    if (i >= e)
        return 0;
    if (is_digit(byte(t, i))) {
        int a = num_at(t, i, e, &nd, &j);
        if (nd == 4) {
            char sep;
            y = a;
            if (j + 1 >= e || (t[j] != '-' && t[j] != '/' && t[j] != '.'))
                return 0;
            sep = t[j];
            m = num_at(t, j + 1, e, &nd, &j);
            if (nd < 1 || nd > 2 || j + 1 >= e || t[j] != sep)
                return 0;
            d = num_at(t, j + 1, e, &nd, &j);
            if (nd < 1 || nd > 2)
                return 0;
            if (j + 1 < e && t[j] == 'T' && is_digit(byte(t, j + 1)))
                while (j < e && t[j] != ' ' && t[j] != '\t')
                    j++;
        } else if (nd >= 1 && nd <= 2) {
            if (j + 1 < e && (t[j] == '.' || t[j] == '/' || t[j] == '-') &&
                is_digit(byte(t, j + 1))) {
                char sep = t[j];
                int b = num_at(t, j + 1, e, &nd, &j);
                int dm, md;
                if (nd < 1 || nd > 2 || j + 1 >= e || t[j] != sep)
                    return 0;
                y = num_at(t, j + 1, e, &nd, &j);
                if (nd != 4)
                    return 0;
                dm = a >= 1 && a <= 31 && b >= 1 && b <= 12;
                md = b >= 1 && b <= 31 && a >= 1 && a <= 12;
                if (dm && md && a != b)
                    amb = 1;
                else if (dm)
                    d = a, m = b;
                else if (md)
                    m = a, d = b;
                else
                    return 0;
            } else {
                size_t k;
                d = a;
                j = skip_ordinal(t, j, e);
                k = skip_spaces(t, j, e);
                if (k == j)
                    return 0;
                if (starts_word(t, k, e, "of"))
                    k = skip_spaces(t, k + 2, e);
                m = month_at(t, k, e, &j);
                if (!m)
                    return 0;
                if (j < e && t[j] == ',')
                    j++;
                k = skip_spaces(t, j, e);
                if (k == j)
                    return 0;
                y = num_at(t, k, e, &nd, &j);
                if (nd != 4)
                    return 0;
            }
        } else {
            return 0;
        }
    } else {
        size_t k;
        m = month_at(t, i, e, &j);
        if (!m)
            return 0;
        k = skip_spaces(t, j, e);
        if (k < e && is_digit(byte(t, k))) {
            int a = num_at(t, k, e, &nd, &j);
            if (nd == 4) {
                y = a; /* "February 2026" */
            } else if (nd >= 1 && nd <= 2) {
                d = a;
                j = skip_ordinal(t, j, e);
                if (j < e && t[j] == ',')
                    j++;
                k = skip_spaces(t, j, e);
                if (k == j)
                    return 0;
                y = num_at(t, k, e, &nd, &j);
                if (nd != 4)
                    return 0;
            } else {
                return 0;
            }
        } else if (k < e && t[k] == ',') {
            k = skip_spaces(t, k + 1, e);
            y = num_at(t, k, e, &nd, &j);
            if (nd != 4)
                return 0;
        } else {
            return 0;
        }
    }
    if (j < e && is_alnum(byte(t, j)))
        return 0;
    if (y < 1900 || y > 2099)
        return 0;
    *q = j;
    if (amb)
        return 1;
    if (m < 1 || m > 12 || d < 0 || d > 31)
        return 0;
    iso[0] = (char)('0' + y / 1000);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '\0';
    if (d) {
        iso[7] = '-';
        iso[8] = (char)('0' + d / 10);
        iso[9] = (char)('0' + d % 10);
        iso[10] = '\0';
    }
    if (!xc_date_valid(iso)) {
        iso[0] = '\0';
        return 0;
    }
    return 1;
}

static const char *const DATE_FILLERS[] = {
    "updated", "update", "modified", "last", "edited", "published",
    "posted", "on", "at", "date", "dated", "created", "time", "local", "am",
    "pm", "a.m", "p.m",
    /* time zones, from "gmt" to before "hrs" (clock_before_zone) */
    "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "msk", "amt", "azt",
    "get", "gst", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
    "ist", "jst", "hkt", "sgt", "kst", "ict", "pht", "pkt", "trt", "wat",
    "sast", "adt", "hst", "aest", "aedt", "awst", "nzst", "nzdt",
    "hrs", "h", "ago", "hour", "hours", "minute", "minutes", "min", "mins",
    "second", "seconds", "day", "days", "week", "weeks", NULL};
#define DATE_UPDATED 5 /* the first five fillers say "updated" */

/* A time of day or a zone offset: 10:30, 10.30, 3:45pm, 10h30, 3pm,
   gmt+4, utc+04:00, +0400. */
static int time_token(const char *w, size_t n)
{
    size_t i = 0, d = 0;
    if (n >= 3 && (memcmp(w, "gmt", 3) == 0 || memcmp(w, "utc", 3) == 0)) {
        if (n == 3)
            return 1;
        i = 3;
        if (w[i] != '+' && w[i] != '-')
            return 0;
    }
    if (i < n && (w[i] == '+' || w[i] == '-')) {
        if (i + 1 >= n)
            return 0;
        for (i++; i < n; i++)
            if (!is_digit((unsigned char)w[i]) && w[i] != ':')
                return 0;
        return 1;
    }
    while (i < n && d < 2 && is_digit((unsigned char)w[i]))
        i++, d++;
    if (!d || i == n)
        return 0;
    if (w[i] == ':' || w[i] == '.' || w[i] == 'h') {
        size_t k = i + 1;
        while (k < n && is_digit((unsigned char)w[k]))
            k++;
        if (k - i - 1 != 2)
            return 0;
        i = k;
        /* seconds */
        if (i + 2 < n && (w[i] == ':' || w[i] == '.') &&
            is_digit((unsigned char)w[i + 1]) &&
            is_digit((unsigned char)w[i + 2]))
            i += 3;
        else if (i + 3 == n && w[i] == ':' && is_digit((unsigned char)w[i + 1]) &&
                 is_digit((unsigned char)w[i + 2]))
            i += 3;
    }
    if (i == n)
        return 1;
    return (n - i == 2 && (memcmp(w + i, "am", 2) == 0 ||
                           memcmp(w + i, "pm", 2) == 0)) ||
           (n - i == 3 && (memcmp(w + i, "a.m", 3) == 0 ||
                           memcmp(w + i, "p.m", 3) == 0)) ||
           (n - i == 4 && (memcmp(w + i, "a.m.", 4) == 0 ||
                           memcmp(w + i, "p.m.", 4) == 0));
}

/* A time written as four digits before a time zone, as wires and CNN
   write it ("1052 GMT (1852 HKT)"): W (N bytes, lower case) and the word
   after T[P]. */
static int clock_before_zone(const char *t, size_t p, size_t e, const char *w, size_t n)
{
    char z[8];
    size_t zn = 0;
    if (n != 4 || !is_digit((unsigned char)w[0]) || !is_digit((unsigned char)w[1]) ||
        !is_digit((unsigned char)w[2]) || !is_digit((unsigned char)w[3]) ||
        (w[0] - '0') * 10 + (w[1] - '0') > 23 || w[2] > '5')
        return 0;
    p = skip_spaces(t, p, e);
    while (p < e && zn < sizeof z && ((byte(t, p) >= 'A' && byte(t, p) <= 'Z') ||
                                      (byte(t, p) >= 'a' && byte(t, p) <= 'z')))
        z[zn++] = (char)lower(byte(t, p++));
    /* a zone: the fillers from "gmt" to before "hrs" */
    return zn >= 3 && zn < sizeof z && in_list(DATE_FILLERS, z, zn) >= in_list(DATE_FILLERS, "gmt", 3) &&
           in_list(DATE_FILLERS, z, zn) < in_list(DATE_FILLERS, "hrs", 3);
}

/* Punctuation a date line may have between its parts. */
static int date_punct(const char *t, size_t i, size_t e, size_t *n)
{
    uint32_t c = dec(t, i, e, n);
    return is_space(c) || is_dash(c) || c == ',' || c == ';' || c == ':' ||
           c == '(' || c == ')' || c == '[' || c == ']' || c == '/' ||
           c == '.' || c == '*' || c == '_';
}

/* Are the words of [p,e) names: capitalized words and connectors? */
static int names_only(const char *t, size_t p, size_t e)
{
    size_t n;
    int words = 0;
    while (p < e) {
        size_t ws;
        p = skip_spaces(t, p, e);
        if (p >= e)
            break;
        ws = p;
        while (p < e && !is_space(dec(t, p, e, &n)))
            p += n;
        if (letter_case(dec(t, ws, e, &n)) != 1 &&
            !starts_word(t, ws, e, "and") && t[ws] != '&')
            return 0;
        words++;
    }
    return words >= 1 && words <= 6;
}

/*
 * One segment of a date line: fillers ("Updated", "Published on", weekday
 * names, times, zones) around one date, optionally after a byline or place
 * ("By Anna Smith, ", "Baku, ").  1 with ISO and *UPD set (when ISO is not
 * NULL) for a segment holding a date, 2 for fillers only, 0 otherwise.
 */
static int date_segment(const char *t, size_t s, size_t e, char *iso,
                        int *upd)
{
    size_t p = s, n, q;
    int found = 0, saw_upd = 0;
    char tmp[11];
    while (p < e && date_punct(t, p, e, &n))
        p += n;
    /* a byline or a place before the date */
    if (p < e && (starts_word(t, p, e, "by") ||
                  letter_case(dec(t, p, e, &n)) == 1)) {
        int by = starts_word(t, p, e, "by"), comma = 0;
        size_t r = p;
        for (int tok = 0; tok < 8 && r < e; tok++) {
            size_t ts = r;
            if (parse_date(t, r, e, &q, tmp)) {
                if (tok > 0 && (by || comma))
                    p = ts;
                break;
            }
            if (!(starts_word(t, r, e, "by") || starts_word(t, r, e, "and") ||
                  t[r] == '&' || letter_case(dec(t, r, e, &n)) == 1))
                break;
            while (r < e && !is_space(dec(t, r, e, &n)))
                r += n;
            comma = r > ts && (t[r - 1] == ',' || t[r - 1] == '|');
            r = skip_spaces(t, r, e);
        }
    }
    while (p < e) {
        char w[16];
        size_t ws = p, wn = 0;
        if (date_punct(t, p, e, &n)) {
            p += n;
            continue;
        }
        if (!found && parse_date(t, p, e, &q, tmp)) {
            found = 1;
            if (iso) {
                memcpy(iso, tmp, sizeof tmp);
                *upd = saw_upd;
            }
            p = q;
            continue;
        }
        while (p < e && !is_space(dec(t, p, e, &n)) && byte(t, p) != ',' &&
               byte(t, p) != '|' && byte(t, p) != ')')
            p += n;
        if (p - ws >= sizeof w)
            return 0;
        for (size_t j = ws; j < p; j++)
            w[wn++] = (char)lower(byte(t, j));
        while (wn > 0 && strchr(":,*_", w[wn - 1]))
            wn--;
        if (wn > 1 && w[wn - 1] == '.' && !(wn == 4 && w[1] == '.'))
            wn--;
        if (!wn)
            continue;
        {
            int r = in_list(DATE_FILLERS, w, wn);
            if (r) {
                if (r <= DATE_UPDATED && strncmp(w, "published", wn) != 0)
                    saw_upd = 1;
                continue;
            }
        }
        if (in_list(WEEKDAYS, w, wn) || time_token(w, wn) ||
            (wn <= 2 && is_digit((unsigned char)w[0]) &&
             is_digit((unsigned char)w[wn - 1])) ||
            clock_before_zone(t, p, e, w, wn))
            continue;
        /* "... by Anna Smith" after the date */
        if (found && wn == 2 && memcmp(w, "by", 2) == 0)
            return names_only(t, p, e) ? 1 : 0;
        return 0;
    }
    return found ? 1 : 2;
}

/* Is the segment separator "|", "•" or "·" at T[I]? Its length in *N. */
static int seg_sep(const char *t, size_t i, size_t e, size_t *n)
{
    uint32_t c = dec(t, i, e, n);
    return c == '|' || c == 0x2022 || c == 0xB7;
}

/*
 * A line that is a date by itself, possibly with a time, an "Updated" or
 * "Published" prefix, or short parts around it ("By Anna Smith | February
 * 14, 2026", "Politics · 14 Feb 2026 · 3 min read").  On success ISO holds
 * the first date ("" when ambiguous), *UPD whether an "Updated" prefix came
 * before it, *EXPL whether the line says what it is (a "Published",
 * "Updated" or "By" at its start).
 */
static int date_line(const char *t, size_t s, size_t e, char iso[11],
                     int *upd, int *expl)
{
    size_t p = s, n;
    int found = 0, others = 0, digit = 0;
    iso[0] = '\0';
    *upd = 0;
    *expl = 0;
    if (e - s > DATE_MAX)
        return 0;
    for (size_t i = s; i < e; i++)
        if (is_digit(byte(t, i)))
            digit = 1;
    if (!digit)
        return 0;
    while (p <= e) {
        size_t q = p;
        int r;
        while (q < e && !seg_sep(t, q, e, &n))
            q++;
        r = date_segment(t, p, q, found ? NULL : iso, upd);
        if (r == 1) {
            found++;
        } else if (r == 0) {
            unsigned words = 0;
            int in = 0;
            for (size_t i = p; i < q; i++) {
                int sp = t[i] == ' ';
                if (!sp && !in)
                    words++;
                in = !sp;
            }
            if (words > 6 || q - p > 60)
                return 0;
            others++;
        }
        if (q >= e)
            break;
        seg_sep(t, q, e, &n);
        p = q + n;
    }
    if (!found || others > 2)
        return 0;
    p = s;
    while (p < e && date_punct(t, p, e, &n))
        p += n;
    *expl = starts_word(t, p, e, "published") || starts_word(t, p, e, "posted") ||
            starts_word(t, p, e, "updated") || starts_word(t, p, e, "by") ||
            starts_word(t, p, e, "date") || starts_word(t, p, e, "last") ||
            starts_word(t, p, e, "first");
    return 1;
}

/*
 * Does the line end like a photo caption, with a date after a place:
 * "..., Belgrade, February 15, 2026."?  2 for that, 1 for any date just
 * before the final period ("... on February 5, 2026."), 0 otherwise.
 */
static int caption_date(const char *t, size_t cs, size_t ce)
{
    size_t x = ce, q, from;
    char iso[11];
    if (x <= cs || t[x - 1] != '.')
        return 0;
    x--;
    from = x > cs + 32 ? x - 32 : cs;
    for (size_t p = from; p < x; p++) {
        size_t j;
        if (p > cs && t[p - 1] != ' ')
            continue;
        if (!parse_date(t, p, x, &q, iso) || q != x)
            continue;
        j = p;
        while (j > cs && t[j - 1] == ' ')
            j--;
        if (j > cs && t[j - 1] == ',') {
            size_t n;
            j--;
            while (j > cs && t[j - 1] != ' ')
                j = prev_start(t, cs, j);
            return letter_case(dec(t, j, ce, &n)) == 1 ? 2 : 1;
        }
        return 1;
    }
    return 0;
}

/* Does the line open like a caption's place: "Serbia -- ", "UAE - ",
   "FILE - "?  One to four capitalized words, then a dash standing alone. */
static int dash_prefix(const char *t, size_t cs, size_t ce)
{
    size_t i = cs, n;
    int words = 0;
    while (i < ce && words <= 4) {
        size_t ts = i;
        uint32_t c = dec(t, i, ce, &n);
        int dash = 1;
        while (i < ce && !is_space(c = dec(t, i, ce, &n))) {
            if (!is_dash(c))
                dash = 0;
            i += n;
        }
        if (dash && i > ts)
            return words >= 1 && i < ce;
        if (letter_case(dec(t, ts, ce, &n)) != 1)
            return 0;
        for (size_t j = ts; j < i; j++)
            if (t[j] == '(' || t[j] == ')')
                return 0;
        words++;
        i = skip_spaces(t, i, ce);
    }
    return 0;
}

/* Is one of the lower-case words in LIST a word of [s,e)? */
static int find_word(const char *t, size_t s, size_t e, const char *const *list)
{
    size_t i = s;
    while (i < e) {
        size_t ws = i;
        char w[8];
        size_t wn = 0;
        while (i < e && is_alpha(byte(t, i)))
            i++;
        for (size_t j = ws; j < i && wn < sizeof w; j++)
            w[wn++] = (char)lower(byte(t, j));
        if (i > ws && i - ws <= sizeof w && in_list(list, w, wn))
            return 1;
        if (i == ws)
            i++;
    }
    return 0;
}

/* "By Anna Smith", "By ANNA SMITH and John Doe, Caucasus Daily". */
static int byline(const char *t, const pl *L, const shape *sh)
{
    static const char *const WITH[] = {"with", NULL};
    size_t i = L->cs, n, q;
    int m;
    char iso[11];
    while (i < L->ce && !is_alnum(byte(t, i)) && byte(t, i) < 0x80)
        i++;
    if (!(i + 3 < L->ce && (t[i] == 'B') && (t[i + 1] == 'y' || t[i + 1] == 'Y') &&
          t[i + 2] == ' '))
        return 0;
    i = skip_spaces(t, i + 3, L->ce);
    if (i >= L->ce || letter_case(dec(t, i, L->ce, &n)) != 1)
        return 0;
    {
        char w[12];
        size_t wn = 0;
        while (i + wn < L->ce && wn < sizeof w && is_alpha(byte(t, i + wn))) {
            w[wn] = (char)lower(byte(t, i + wn));
            wn++;
        }
        if (in_list(WEEKDAYS, w, wn) || month_at(t, i, L->ce, &q) ||
            parse_date(t, i, L->ce, &q, iso))
            return 0;
    }
    m = (int)sh->alphawords - (int)sh->capwords - (int)sh->smallwords;
    /* "By Euronews with AP" */
    if (m == 1 && find_word(t, L->cs, L->ce, WITH))
        m = 0;
    return L->words <= 12 && L->sent == 1 && m <= 0;
}

/* "Copyright © 2026 Name", "© Name 2026", "(c) 2026 Name": a copyright
   sign or word with a year, on a short line. */
static int copyright(const char *b, size_t n, unsigned words)
{
    const char *p;
    if (words > 25 || n < 3 || (!memchr(b, '(', n) && !memchr(b, 'y', n)))
        return 0;
    p = strstr(b, "(c)");
    /* the sign standing alone is enough: not a clause label such as "5(c)"
       nor a byte of a mis-decoded letter ("clichÃ©") */
    while (p && ((p > b && is_word_byte((unsigned char)p[-1])) ||
                 !(p[3] == '\0' || p[3] == ' ' || is_digit((unsigned char)p[3]))))
        p = strstr(p + 3, "(c)");
    if (p)
        return 1;
    p = strstr(b, "copyright");
    if (!p)
        return 0;
    for (; *p; p++)
        if ((p[0] == '1' || p[0] == '2') && is_digit((unsigned char)p[1]) &&
            is_digit((unsigned char)p[2]) && is_digit((unsigned char)p[3]))
            return 1;
    return 0;
}

/* A line that is a URL or an e-mail address and nothing else. */
static int url_line(const char *b, size_t n)
{
    if (n == 0 || memchr(b, ' ', n))
        return 0;
    return strncmp(b, "http://", 7) == 0 || strncmp(b, "https://", 8) == 0 ||
           strncmp(b, "www.", 4) == 0 ||
           (memchr(b, '@', n) && memchr(b, '.', n));
}

static void put_best(int best[NCLASS], int cls, int w)
{
    if (w > best[cls])
        best[cls] = w;
}

/* Fill L with the features of the line [s,e) (a BOM before it is left
   out).  A blank line has cs == ce and nothing else set. */
static void features(const lexidx *lx, const char *t, size_t s, size_t e,
                     pl *L)
{
    char b[2 * LEGAL_MAX + 8];
    size_t n, bn;
    shape sh;
    int best[NCLASS] = {0}, sum = 0, byp = 0, pen = 0;
    memset(L, 0, sizeof *L);
    memset(&sh, 0, sizeof sh);
    L->s = s;
    L->e = e;
    if (s + 3 <= e && memcmp(t + s, "\xEF\xBB\xBF", 3) == 0)
        L->s = s + 3;
    trim(t, L->s, e, &L->cs, &L->ce);
    if (L->cs >= L->ce)
        return;
    n = L->ce - L->cs;
    if (n > LONG_LINE) {
        L->flags = F_LONG | F_PARA | F_SOLID;
        L->words = 1000;
        L->sent = 2;
        L->score = -100;
        return;
    }
    scan_words(t, L, &sh);
    L->alpha = sh.alphawords;
    L->caps = sh.capwords;
    if (is_bullet(t, L->cs, L->ce))
        L->flags |= F_BULLET;
    if (n <= REP_MAX)
        L->hash = fnv(t + L->cs, n);
    if (n <= LEGAL_MAX) {
        int legal_only = n > CUE_MAX;
        bn = normalize(t, L->cs, L->ce, b);
        match_cues(lx, b, bn, legal_only, (L->flags & F_TERM) != 0, best,
                   &L->flags);
        if (copyright(b, bn, L->words)) {
            put_best(best, C_LEGAL, 6);
            L->flags |= F_COPYR;
        }
        if (!legal_only) {
            char iso[11];
            int upd, expl, cd;
            if (sh.digits && L->words <= 8 && !(L->flags & F_PERIOD) &&
                all_words_in(b, bn, COUNTER_WORDS, 0, 1))
                put_best(best, C_COUNT, 6);
            if (L->words <= 10 && all_words_in(b, bn, SOCIAL_WORDS, SOCIAL_WEAK, 0))
                put_best(best, C_SOCIAL, 6);
            if (date_line(t, L->cs, L->ce, iso, &upd, &expl)) {
                L->flags |= F_DATE;
                if (expl) {
                    L->flags |= F_DATEX;
                    put_best(best, C_TIME, 5);
                }
            }
            if (byline(t, L, &sh))
                put_best(best, C_CONTRIB, 5);
            cd = caption_date(t, L->cs, L->ce);
            if (cd == 2)
                L->flags |= F_CAPDATE;
            if (L->sent == 1 && L->words <= 45)
                put_best(best, C_CREDIT,
                         (dash_prefix(t, L->cs, L->ce) ? 2 : 0) +
                             (cd == 2 ? 3 : 0));
            if (sh.letters == 0 && n <= 24 &&
                !memchr(b, '"', bn) && !memchr(b, '\'', bn))
                put_best(best, C_NAV, 4);
            if (url_line(b, bn))
                put_best(best, C_NAV, 5);
            if (sh.upper > 0 && sh.lowerc == 0 && L->words <= 4)
                sum += 1;
            if (L->words <= 12 && sh.alphawords >= 2 &&
                sh.capwords + sh.smallwords == sh.alphawords &&
                !(L->flags & F_TERM) && crumb(b, bn)) {
                L->flags |= F_CRUMB;
                put_best(best, C_NAV, 4);
            }
        }
        if (best[C_DISCL] >= 4)
            L->flags |= F_DISCL;
        if (best[C_CREDIT] >= 4)
            L->flags |= F_CREDIT;
    }
    for (int c = 0; c < NCLASS; c++) {
        if (c == C_LEGAL || c == C_DISCL)
            byp += best[c];
        else
            sum += best[c];
    }
    /* several sentences make a paragraph, unless the last is a credit */
    if (!(L->flags & F_CREDEND)) {
        if (L->sent >= 2 && L->words >= 25)
            pen += 3;
        if (L->sent >= 3 && L->words >= 15)
            pen += 2;
    }
    if (L->words >= 45)
        pen += 3;
    if (n > 600)
        pen += 4;
    if (byp >= 5)
        pen = 0;
    L->score = sum + byp - pen;
    if (L->words <= 5 && sh.alphawords > 0 && !(L->flags & F_TERM) &&
        sh.capwords + sh.smallwords == sh.alphawords &&
        sh.capwords > sh.smallwords)
        L->flags |= F_NAMES;

    if (!(L->flags & F_LOWER) && L->score < T_FURN &&
        (n > 400 ||
         (L->words >= 20 && (L->flags & F_TERM) &&
          !((L->flags & F_QUEST) && L->sent == 1)) ||
         (L->sent >= 2 && L->words >= 12)))
        L->flags |= F_PARA;
    if ((L->sent >= 2 && L->words >= 15) || L->words >= 45 || n > 400)
        L->flags |= F_SOLID;
}

/* ------------------------------------------------------------------ */
/* Line shapes the rules ask about.                                    */

static int is_furn(const pl *L)
{
    return L->score >= T_FURN;
}

/* Words In Title Case: most words capitalized. */
static int title_case(const pl *L)
{
    return L->alpha >= 3 && L->caps * 10 >= L->alpha * 7;
}

/* Could this line be a headline?  Not a sentence with a period, unless it
   is short or in Title Case. */
static int headline_like(const pl *L)
{
    return L->words >= 3 && L->words <= 40 && L->ce - L->cs <= TITLE_MAX &&
           L->sent == 1 && !(L->flags & (F_LOWER | F_BULLET | F_COLON |
                                         F_COMMA | F_DATE | F_PARA)) &&
           !((L->flags & F_PERIOD) && L->words > 12 &&
             !(title_case(L) && L->words <= 25)) &&
           !is_furn(L);
}

/* A teaser's headline: a short line that does not end with a period. */
static int teaser_head(const pl *L)
{
    return L->words >= 2 && L->words <= 25 && L->ce - L->cs <= TITLE_MAX &&
           L->sent == 1 &&
           !(L->flags & (F_LOWER | F_BULLET | F_PERIOD | F_COLON | F_COMMA |
                         F_LONG));
}

/* A teaser's summary: one sentence. */
static int teaser_sentence(const pl *L)
{
    return L->sent == 1 && L->words <= 40 && (L->flags & F_TERM) &&
           !(L->flags & (F_LOWER | F_BULLET | F_LONG));
}

/* A line after the article's end that is a tag, a label or a headline. */
static int tail_label(const pl *L)
{
    return L->words >= 1 && L->words <= 25 && L->ce - L->cs <= TITLE_MAX &&
           !(L->flags & (F_TERM | F_BULLET | F_COLON | F_COMMA | F_LONG)) &&
           !((L->flags & F_LOWER) && L->words > 3);
}

/* ------------------------------------------------------------------ */
/* The document scan: head, tail, paragraphs, title.                   */

/* Dates and outlet names seen during the scan, for xc_paste_metadata. */
typedef struct dcand {
    size_t k; /* NONE if none */
    char iso[11];
} dcand;

typedef struct metascan {
    dcand pub, upd; /* in the head or explicit ("Published ..."); a bare
                       date after the article is often a correction's or a
                       print edition's, so it does not count */
    size_t cop_s, cop_e;      /* the name in a copyright line */
    size_t dis_s, dis_e;      /* the name in a disclaimer */
    int have_cop, have_dis;
} metascan;

typedef struct scan {
    pl head[HEAD_MAX]; /* the non-blank lines before the first paragraph */
    size_t nh;
    pl tail[TAIL_MAX]; /* the last non-blank lines, in order after the scan */
    size_t nt;
    pl first;          /* the first paragraph */
    size_t nlines;     /* non-blank lines */
    size_t first_para, last_para, last_solid; /* their k, NONE if none */
    size_t title;      /* index in head, NONE if none */
    struct metascan *meta; /* what metadata collects on the way, or NULL */
    size_t tcore;      /* end of the title without an outlet suffix */
    size_t osuf_s, osuf_e; /* the outlet suffix, osuf_s == osuf_e if none */
} scan;

/* Does [s,e) hold a dot-domain such as "Mediamax.am" or "www.bbc.co.uk"? */
static int domain_word(const char *t, size_t s, size_t e)
{
    size_t dot = NONE;
    if (memchr(t + s, ' ', e - s))
        return 0;
    for (size_t i = s; i < e; i++) {
        int c = byte(t, i);
        if (c == '.')
            dot = i;
        else if (!is_alnum(c) && c != '-')
            return 0;
    }
    if (dot == NONE || dot == s || e - dot - 1 < 2 || e - dot - 1 > 6)
        return 0;
    for (size_t i = dot + 1; i < e; i++)
        if (!is_alpha(byte(t, i)))
            return 0;
    return 1;
}

/* Does [s,e) look like a site's name after a title separator? */
static int outlet_like(const char *t, size_t s, size_t e, int pipe,
                       int section)
{
    size_t i = s, n, words = 0, hit = 0;
    if (e <= s || e - s > 60)
        return 0;
    if (domain_word(t, s, e))
        return 1;
    if (letter_case(dec(t, s, e, &n)) != 1 && !is_digit(byte(t, s)))
        return 0;
    while (i < e) {
        size_t ws = i;
        char w[16];
        size_t wn = 0;
        while (i < e && t[i] != ' ')
            i++;
        words++;
        for (size_t j = ws; j < i && wn < sizeof w; j++)
            w[wn++] = (char)lower(byte(t, j));
        if (i - ws <= sizeof w && in_list(OUTLET_WORDS, w, wn))
            hit = 1;
        if (letter_case(dec(t, ws, e, &n)) == -1 && !section &&
            !(i - ws <= 4 && in_list(CONNECTORS, w, wn)))
            return 0;
        while (i < e && t[i] == ' ')
            i++;
    }
    if (words > 6)
        return 0;
    return pipe || hit;
}

/* Count words in [s,e). */
static unsigned count_words(const char *t, size_t s, size_t e)
{
    unsigned w = 0;
    int in = 0;
    for (size_t i = s; i < e; i++) {
        int sp = t[i] == ' ' || t[i] == '\t';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* Split a title's " - Outlet" / " | Section | Outlet" suffix off: sets
   sc->tcore and the outlet's bytes. */
static void title_suffix(const char *t, const pl *L, scan *sc)
{
    size_t end = L->ce;
    sc->tcore = L->ce;
    sc->osuf_s = sc->osuf_e = 0;
    for (int round = 0; round < 3; round++) {
        size_t i = end, sep = NONE, sn = 0;
        int pipe = 0;
        /* the last " | ", " - ", " – ", " — " */
        while (i > L->cs + 1) {
            size_t at;
            uint32_t c = dec_back(t, L->cs, i, &at);
            if ((c == '|' || is_dash(c)) && at > L->cs && t[at - 1] == ' ' &&
                i < end && t[i] == ' ') {
                sep = at - 1;
                sn = i + 1 - sep;
                pipe = c == '|';
                break;
            }
            i = at;
        }
        if (sep == NONE)
            break;
        {
            size_t xs = sep + sn, xe = end;
            while (xe > xs && (t[xe - 1] == ' ' || t[xe - 1] == '.'))
                xe--;
            /* the last part names the outlet; parts before it between
               pipes are sections ("World news") */
            if (!outlet_like(t, xs, xe, pipe, pipe && round > 0) ||
                count_words(t, L->cs, sep) < 3)
                break;
            if (sc->osuf_s == sc->osuf_e) {
                sc->osuf_s = xs;
                sc->osuf_e = xe;
            }
            end = sep;
            sc->tcore = sep;
            if (!pipe)
                break;
        }
    }
}

/* Is the line inside one of the caller's spans?  Walks *SP forward; spans
   that are out of order or out of bounds are skipped, never trusted. */
static int in_spans(const xc_doc *doc, size_t *sp, const pl *L)
{
    while (*sp < doc->nboilerplate) {
        const xc_span *x = &doc->boilerplate[*sp];
        if (x->start > x->end || x->end > doc->len || x->end <= L->cs) {
            (*sp)++;
            continue;
        }
        return x->start <= L->cs && L->ce <= x->end;
    }
    return 0;
}

/* A site's name: a few capitalized words, one of them a word like
   "News", "Times" or "Chronicle". */
static int site_name(const char *t, const pl *L)
{
    char b[2 * TITLE_MAX + 8];
    size_t n;
    if (!(L->flags & F_NAMES) || L->words > 4 || L->ce - L->cs > TITLE_MAX)
        return 0;
    n = normalize(t, L->cs, L->ce, b);
    return any_word_in(b, n, OUTLET_WORDS);
}

/* The first line that can be the headline: lines above it are furniture
   (scored so), section labels of one or two words, site names, or date
   lines. */
static size_t find_title(const char *t, const scan *sc)
{
    for (size_t j = 0; j < sc->nh; j++) {
        const pl *L = &sc->head[j];
        if (is_furn(L) || (L->flags & (F_DATE | F_SPAN)))
            continue;
        if (L->words <= 2 && !(L->flags & (F_TERM | F_COLON | F_COMMA)))
            continue;
        /* a site's name, or a name between two furniture lines */
        if (site_name(t, L) ||
            ((L->flags & F_NAMES) && j + 1 < sc->nh &&
             is_furn(&sc->head[j + 1]) && (j == 0 || is_furn(&sc->head[j - 1]))))
            continue;
        return headline_like(L) ? j : NONE;
    }
    return NONE;
}

static void meta_line(const char *t, const scan *sc, metascan *m,
                      const pl *L);

/* Is there text after POS that is neither white space nor boilerplate? */
static int content_after(const xc_doc *doc, size_t pos)
{
    for (size_t i = pos; i < doc->len; i++) {
        unsigned char c = (unsigned char)doc->text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (!xc_doc_in_boilerplate(doc, i, i + 1))
            return 1;
    }
    return 0;
}

/* The features of a document's first CACHE_MAX non-blank lines, kept by
   the first pass of xc_paste_boilerplate for its second, which would
   otherwise compute them again; lines past them are read again, so memory
   stays bounded.  When growing fails the cache just stops growing. */
#define CACHE_MAX 4096

typedef struct cached {
    pl L;
    size_t pos; /* where the text after the line starts */
} cached;

typedef struct linecache {
    cached *v;
    size_t n, cap;
    int full;
} linecache;

static void cache_put(linecache *lc, const pl *L, size_t pos)
{
    if (lc->full)
        return;
    if (lc->n == lc->cap) {
        size_t cap = lc->cap ? lc->cap * 2 : 64;
        cached *v = cap <= CACHE_MAX ? realloc(lc->v, cap * sizeof *v) : NULL;
        if (!v) {
            lc->full = 1;
            return;
        }
        lc->v = v;
        lc->cap = cap;
    }
    lc->v[lc->n].L = *L;
    lc->v[lc->n].pos = pos;
    lc->n++;
}

/* The next non-blank line from *POS into L, numbered *K, from LC while it
   has it; 0 at the end. */
static int next_content(const lexidx *lx, const xc_doc *doc,
                        const linecache *lc, size_t *pos, size_t *k, pl *L)
{
    size_t s, e;
    if (*k < lc->n) {
        *L = lc->v[*k].L;
        *pos = lc->v[*k].pos;
        (*k)++;
        return 1;
    }
    while (next_line(doc->text, doc->len, pos, &s, &e)) {
        if (s == e)
            continue;
        features(lx, doc->text, s, e, L);
        if (L->cs < L->ce) {
            L->k = (*k)++;
            return 1;
        }
    }
    return 0;
}

/* Pass over the whole text: features of every line, keeping the head, the
   tail, and where the paragraphs are; META (when not NULL) collects what
   metadata needs on the way, and LC (when not NULL) the lines' features.
   With USE_SPANS, lines inside the document's spans are flagged F_SPAN.
   FROM (when not NULL) holds the features of the first lines, as an
   earlier scan of the same text left them in its LC. */
static void scan_doc(const lexidx *lx, const xc_doc *doc, int use_spans,
                     metascan *meta, linecache *lc, const linecache *from,
                     scan *sc)
{
    static const linecache none = {NULL, 0, 0, 0};
    size_t pos = 0, sp = 0, tpos = 0, pend = NONE, k = 0;
    pl L, pendL;
    memset(sc, 0, sizeof *sc);
    sc->first_para = sc->last_para = sc->last_solid = sc->title = NONE;
    sc->meta = meta;
    if (meta) {
        memset(meta, 0, sizeof *meta);
        meta->pub.k = meta->upd.k = NONE;
    }
    while (next_content(lx, doc, from ? from : &none, &pos, &k, &L)) {
        sc->nlines = k;
        if (lc)
            cache_put(lc, &L, pos);
        if (use_spans && doc->boilerplate && in_spans(doc, &sp, &L))
            L.flags |= F_SPAN;
        /* the first paragraph is one the article goes on from: a long
           standfirst followed by a byline or a share row is still the head
           (not one followed by a bare date or a short line: timelines put
           dates between paragraphs, and a name looks like a subheading) */
        if (pend != NONE) {
            if (!is_furn(&L)) {
                sc->first_para = pend;
                sc->first = pendL;
                if (sc->nh > pend)
                    sc->nh = pend;
            }
            pend = NONE;
        }
        if (sc->first_para == NONE && sc->nh < HEAD_MAX)
            sc->head[sc->nh++] = L;
        if (sc->first_para == NONE && (L.flags & F_PARA)) {
            if ((L.flags & F_SOLID) || L.k >= HEAD_MAX) {
                sc->first_para = L.k;
                sc->first = L;
                if (sc->nh > L.k)
                    sc->nh = L.k;
            } else {
                pend = L.k;
                pendL = L;
            }
        }
        if (L.flags & F_PARA)
            sc->last_para = L.k;
        if (meta)
            meta_line(doc->text, sc, meta, &L);
        if (L.flags & F_SOLID)
            sc->last_solid = L.k;
        sc->tail[tpos] = L;
        tpos = (tpos + 1) % TAIL_MAX;
    }
    if (pend != NONE) {
        sc->first_para = pend;
        sc->first = pendL;
        if (sc->nh > pend)
            sc->nh = pend;
    }
    /* put the ring in order */
    if (sc->nlines < TAIL_MAX) {
        sc->nt = sc->nlines;
    } else {
        pl tmp[TAIL_MAX];
        for (size_t j = 0; j < TAIL_MAX; j++)
            tmp[j] = sc->tail[(tpos + j) % TAIL_MAX];
        memcpy(sc->tail, tmp, sizeof tmp);
        sc->nt = TAIL_MAX;
    }
    sc->title = find_title(doc->text, sc);
    if (sc->title != NONE)
        title_suffix(doc->text, &sc->head[sc->title], sc);
}

static int same_text(const char *t, const pl *a, size_t bs, size_t be)
{
    return a->ce - a->cs == be - bs &&
           memcmp(t + a->cs, t + bs, be - bs) == 0;
}

/* A later copy of the headline, with or without its outlet suffix. */
static int is_title_copy(const char *t, const scan *sc, const pl *L)
{
    const pl *T;
    if (sc->title == NONE)
        return 0;
    T = &sc->head[sc->title];
    if (L->k <= T->k)
        return 0;
    return same_text(t, L, T->cs, T->ce) || same_text(t, L, T->cs, sc->tcore);
}

/* ------------------------------------------------------------------ */
/* Repetition: how often the head and tail lines occur in the text.    */

typedef struct rep {
    uint64_t h;
    size_t cs, n;
    size_t first_k; /* first occurrence, NONE if not seen yet */
    unsigned count;
    int used;
} rep;

/* The slot holding the text [cs, cs+n) of hash H, or NULL. */
static const rep *rep_find(const rep *tab, const char *t, uint64_t h,
                           size_t cs, size_t n)
{
    size_t i = (size_t)(h % REP_SLOTS);
    for (size_t probe = 0; probe < REP_SLOTS; probe++) {
        const rep *r = &tab[(i + probe) % REP_SLOTS];
        if (!r->used)
            return NULL;
        if (r->h == h && r->n == n && memcmp(t + r->cs, t + cs, n) == 0)
            return r;
    }
    return NULL;
}

/* Add the text [cs, cs+n) of hash H unless it is there already. */
static void rep_add(rep *tab, const char *t, uint64_t h, size_t cs, size_t n)
{
    size_t i = (size_t)(h % REP_SLOTS);
    for (size_t probe = 0; probe < REP_SLOTS; probe++) {
        rep *r = &tab[(i + probe) % REP_SLOTS];
        if (!r->used) {
            r->used = 1;
            r->h = h;
            r->cs = cs;
            r->n = n;
            r->first_k = NONE;
            return;
        }
        if (r->h == h && r->n == n && memcmp(t + r->cs, t + cs, n) == 0)
            return;
    }
}

static void rep_count(const xc_doc *doc, const scan *sc, rep *tab)
{
    size_t pos = 0, s, e, k = 0;
    memset(tab, 0, REP_SLOTS * sizeof *tab);
    for (size_t j = 0; j < sc->nh; j++)
        if (sc->head[j].hash)
            rep_add(tab, doc->text, sc->head[j].hash, sc->head[j].cs,
                    sc->head[j].ce - sc->head[j].cs);
    for (size_t j = 0; j < sc->nt; j++)
        if (sc->tail[j].hash)
            rep_add(tab, doc->text, sc->tail[j].hash, sc->tail[j].cs,
                    sc->tail[j].ce - sc->tail[j].cs);
    while (next_line(doc->text, doc->len, &pos, &s, &e)) {
        size_t cs, ce;
        const rep *f;
        if (s == e)
            continue;
        if (s + 3 <= e && memcmp(doc->text + s, "\xEF\xBB\xBF", 3) == 0)
            s += 3;
        trim(doc->text, s, e, &cs, &ce);
        if (cs >= ce)
            continue;
        if (ce - cs <= REP_MAX &&
            (f = rep_find(tab, doc->text, fnv(doc->text + cs, ce - cs), cs,
                          ce - cs)) != NULL) {
            rep *r = &tab[f - tab];
            r->count++;
            if (r->first_k == NONE)
                r->first_k = k;
        }
        k++;
    }
}

static const rep *rep_of(const rep *tab, const char *t, const pl *L)
{
    if (!L->hash)
        return NULL;
    return rep_find(tab, t, L->hash, L->cs, L->ce - L->cs);
}

/* ------------------------------------------------------------------ */
/* Boilerplate.                                                        */

/* Furniture in the head, by position: HD[j] for sc->head[j]. */
static void decide_head(const char *t, const scan *sc, const rep *tab,
                        unsigned char *hd)
{
    int content = 0, prevf = 0;
    unsigned prevflags = F_TERM;
    memset(hd, 0, HEAD_MAX);
    if (sc->title == NONE || sc->first_para == NONE ||
        sc->first_para > HEAD_MAX)
        return;
    for (size_t j = 0; j < sc->title; j++)
        hd[j] = 1;
    for (size_t j = sc->title + 1; j < sc->nh; j++) {
        const pl *L = &sc->head[j];
        const rep *r = rep_of(tab, t, L);
        int f = is_furn(L) || (L->flags & F_DATE) || is_title_copy(t, sc, L);
        if (!f && (L->flags & F_LOWER) && prevf && !(prevflags & F_TERM) &&
            L->words <= 40)
            f = 1;
        if (!f && !content) {
            if (L->words <= 3 && !(L->flags & (F_TERM | F_BULLET | F_COLON)))
                f = 1;
            else if (L->flags & F_NAMES)
                f = 1;
            else if (r && r->count >= 2 && !(L->flags & F_TERM) &&
                     L->words <= 25)
                f = 1;
            else if ((L->flags & F_CAPDATE) && L->sent == 1 && L->words <= 45)
                f = 1;
        }
        if (!f && (L->flags & (F_TERM | F_PARA)))
            content = 1;
        hd[j] = (unsigned char)f;
        prevf = f;
        prevflags = L->flags;
    }
}

/* Furniture at the end, read backwards: TD[j] for sc->tail[j]; returns the
   k of the first line of the furniture run (NONE if none). */
static size_t decide_tail(const char *t, const scan *sc, const rep *tab,
                          unsigned char *td)
{
    int marker = 0;
    size_t from = NONE, j = sc->nt;
    memset(td, 0, TAIL_MAX);
    if (sc->first_para == NONE)
        return NONE;
    for (size_t i = 0; i < sc->nt; i++)
        if ((sc->tail[i].flags & F_MARKER) &&
            (sc->last_solid == NONE || sc->tail[i].k > sc->last_solid))
            marker = 1;
    while (j-- > 0) {
        const pl *L = &sc->tail[j];
        const rep *r;
        if (L->k <= sc->first_para)
            break;
        r = rep_of(tab, t, L);
        if (is_furn(L) || (L->flags & F_DATE) || is_title_copy(t, sc, L)) {
            /* furniture */
        } else if (L->flags & F_LONG) {
            break;
        } else if (r && r->first_k < L->k && L->words <= 25) {
            /* repeats an earlier line */
        } else if (tail_label(L)) {
            /* a tag, a label, a teaser headline */
        } else if (marker && teaser_sentence(L) && j > 0 &&
                   sc->tail[j - 1].k > sc->first_para &&
                   teaser_head(&sc->tail[j - 1]) &&
                   !is_furn(&sc->tail[j - 1])) {
            td[j] = 1;
            j--;
            L = &sc->tail[j];
        } else {
            break;
        }
        td[j] = 1;
        from = L->k;
    }
    return from;
}

/* Is B on the line right after A, with no blank line between? */
static int adjacent(const char *t, const pl *a, const pl *b)
{
    size_t gap = b->s - a->e;
    return (gap == 1 && t[a->e] == '\n') ||
           (gap == 2 && t[a->e] == '\r' && t[a->e + 1] == '\n');
}

/* What the rules carry from one non-blank line to the next. */
typedef struct walk {
    int prevf;          /* the previous line is furniture */
    unsigned prevflags; /* ... and its flags */
    int dup;            /* the previous line was the same as this one */
    int block;          /* teaser headlines still expected after a marker */
    int teaser;         /* a teaser headline came last: a summary may follow */
} walk;

/*
 * Is L furniture?  POS is what the head or tail rules decided for it, NXT
 * the next non-blank line (NULL at the end).  Applies the rules that hold
 * anywhere: the score, explicit date lines, copies of the headline, a line
 * twice in a row, a lower-case continuation, teasers after a marker line,
 * a caption above its credit, a weakly cued line between furniture.
 */
static int decide_line(const char *t, const scan *sc, walk *w, const pl *L,
                       int pos, const pl *nxt, int next_pos)
{
    int f = pos || is_furn(L) || (L->flags & F_DATEX) ||
            is_title_copy(t, sc, L);
    if (w->dup) {
        f = 1;
        w->dup = 0;
    }
    if (nxt && L->hash && L->hash == nxt->hash &&
        same_text(t, L, nxt->cs, nxt->ce)) {
        /* of a paragraph pasted twice, the copy is furniture */
        if (!(L->flags & F_PARA))
            f = 1;
        w->dup = 1;
    }
    if (!f && (L->flags & F_LOWER) && w->prevf &&
        !(w->prevflags & F_TERM) && L->words <= 40)
        f = 1;
    if (w->block > 0 && !f) {
        if (teaser_head(L) && !(L->flags & F_PARA)) {
            f = 1;
            w->block--;
            w->teaser = 1;
        } else if (w->teaser && teaser_sentence(L)) {
            f = 1;
            w->teaser = 0;
        } else {
            w->block = 0;
        }
    }
    if (L->flags & F_MARKW) {
        w->block = 3;
        w->teaser = 0;
    }
    /* a caption on the line right above its credit */
    if (!f && nxt && adjacent(t, L, nxt) && (nxt->flags & F_CREDIT) &&
        is_furn(nxt) && nxt->words <= 8 && L->sent == 1 && L->words <= 40 &&
        !(L->flags & (F_BULLET | F_LONG)))
        f = 1;
    if (!f && w->prevf && nxt && (is_furn(nxt) || next_pos) &&
        L->score >= 2 && !(L->flags & F_PARA))
        f = 1;
    return f;
}

/* Add line L to the spans when F; furniture lines with only blank lines
   between them make one span. */
static xc_code emit_line(xc_spans *sp, int *open, const pl *L, int f)
{
    xc_code rc = XC_OK;
    if (f) {
        if (*open && sp->n > 0)
            sp->v[sp->n - 1].end = L->e;
        else
            rc = xc_spans_push(sp, L->s, L->e);
    }
    *open = f;
    return rc;
}

/* xc_paste_boilerplate, leaving the lines' features in LC (the caller
   frees LC->v, also on failure). */
static xc_code boilerplate(xc_doc *doc, linecache *lc)
{
    const lexidx *lx;
    scan *sc;
    rep *tab;
    unsigned char hd[HEAD_MAX], td[TAIL_MAX];
    size_t tail_from, title_k, pos = 0, k = 0, tj = 0;
    pl cur, nxt;
    int have_cur, have_nxt, open = 0;
    walk w;
    xc_spans sp = {NULL, 0, 0};
    xc_code rc = XC_OK;

    if (!doc)
        return XC_ERR_ARG;
    free(doc->boilerplate);
    doc->boilerplate = NULL;
    doc->nboilerplate = 0;
    if (!doc->text || doc->len == 0)
        return XC_OK;

    sc = malloc(sizeof *sc);
    tab = malloc(REP_SLOTS * sizeof *tab);
    if (!sc || !tab) {
        free(sc);
        free(tab);
        return XC_ERR_NOMEM;
    }
    lx = lex_get();
    scan_doc(lx, doc, 0, NULL, lc, NULL, sc);
    rep_count(doc, sc, tab);
    decide_head(doc->text, sc, tab, hd);
    tail_from = decide_tail(doc->text, sc, tab, td);
    title_k = sc->title != NONE ? sc->head[sc->title].k : NONE;

    /* second pass: every line with the one after it in view */
    memset(&w, 0, sizeof w);
    w.prevflags = F_TERM;
    have_cur = next_content(lx, doc, lc, &pos, &k, &cur);
    while (have_cur) {
        int f = 0, pos_f, next_pos = 0;
        have_nxt = next_content(lx, doc, lc, &pos, &k, &nxt);
        pos_f = cur.k < sc->nh && hd[cur.k];
        if (tail_from != NONE && cur.k >= tail_from) {
            while (tj < sc->nt && sc->tail[tj].k < cur.k)
                tj++;
            if (tj < sc->nt && sc->tail[tj].k == cur.k && td[tj])
                pos_f = 1;
        }
        if (have_nxt)
            next_pos = nxt.k < sc->nh && hd[nxt.k];
        if (cur.k == title_k) {
            w.block = 0;
            w.dup = 0;
        } else {
            f = decide_line(doc->text, sc, &w, &cur, pos_f,
                            have_nxt && nxt.k != title_k ? &nxt : NULL,
                            next_pos);
        }
        rc = emit_line(&sp, &open, &cur, f);
        if (rc != XC_OK)
            break;
        w.prevf = f;
        w.prevflags = cur.flags;
        cur = nxt;
        have_cur = have_nxt;
    }
    free(sc);
    free(tab);
    if (rc != XC_OK || sp.n == 0) {
        xc_spans_free(&sp);
        return rc;
    }
    doc->boilerplate = sp.v;
    doc->nboilerplate = sp.n;
    return XC_OK;
}

xc_code xc_paste_boilerplate(xc_doc *doc)
{
    linecache lc = {NULL, 0, 0, 0};
    xc_code rc = boilerplate(doc, &lc);
    free(lc.v);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Metadata.                                                           */

/* A copy of [s,e) with runs of spaces made one space and the ends trimmed
   of spaces and of the characters in STRIP; NULL when nothing is left.
   *RC is set to XC_ERR_NOMEM when the copy fails. */
static char *clean_copy(const char *t, size_t s, size_t e, const char *strip,
                        xc_code *rc)
{
    xc_buf b;
    size_t i, n;
    int space = 0;
    for (;;) {
        trim(t, s, e, &s, &e);
        if (s < e && strchr(strip, t[s]) && t[s])
            s++;
        else if (e > s && strchr(strip, t[e - 1]) && t[e - 1])
            e--;
        else
            break;
    }
    if (s >= e)
        return NULL;
    xc_buf_init(&b, 0);
    for (i = s; i < e; i += n) {
        uint32_t c = dec(t, i, e, &n);
        if (is_space(c)) {
            space = 1;
            continue;
        }
        if (space && xc_buf_append(&b, " ", 1) != XC_OK)
            goto nomem;
        space = 0;
        if (xc_buf_append(&b, t + i, n) != XC_OK)
            goto nomem;
    }
    return xc_buf_take(&b, NULL);
nomem:
    xc_buf_free(&b);
    *rc = XC_ERR_NOMEM;
    return NULL;
}

/* "Mediamax.am" -> "Mediamax", "www.bbc.co.uk" -> "bbc": the label before
   the top-level domain (and a second-level "co", "com", "org" ...). */
static void strip_domain(const char *t, size_t *s, size_t *e)
{
    size_t dot = NONE, start = *s, end = *e;
    if (!domain_word(t, start, end))
        return;
    for (size_t i = start; i < end; i++)
        if (t[i] == '.')
            dot = i;
    end = dot;
    for (size_t i = end; i-- > start;) {
        if (t[i] == '.') {
            size_t n = end - i - 1;
            static const char *const SLD[] = {"co", "com", "org", "net",
                                              "gov", "ac", "edu", NULL};
            char w[4];
            for (size_t j = 0; j < n && j < 3; j++)
                w[j] = (char)lower(byte(t, i + 1 + j));
            if (n <= 3 && in_list(SLD, w, n) && i > start) {
                end = i;
                continue;
            }
            start = i + 1;
            break;
        }
    }
    if (end > start) {
        *s = start;
        *e = end;
    }
}

/* Capitalized words from I forward: a name ("JAMnews", "Radio Free
   Europe/Radio Liberty", "Example News").  Returns its end, I if none. */
static size_t name_forward(const char *t, size_t i, size_t e)
{
    size_t end = i, n;
    int words = 0;
    while (i < e && words < 6) {
        size_t ws = i;
        if (letter_case(dec(t, i, e, &n)) != 1 && !is_digit(byte(t, i)))
            break;
        if (words == 0 && is_digit(byte(t, i)))
            break;
        while (i < e && t[i] != ' ' && t[i] != ',' && t[i] != ';' &&
               t[i] != '|' && t[i] != '(' && t[i] != ')')
            i++;
        /* a period ends the name unless the word is a domain or initial */
        {
            size_t we = i;
            while (we > ws && (t[we - 1] == '.' || t[we - 1] == ':'))
                we--;
            end = we;
            if (we < i && !(we - ws == 1))
                return end;
        }
        words++;
        if (i >= e || t[i] != ' ')
            break;
        i++;
    }
    return end;
}

/* Capitalized words just before I: "Example News" in "Example News is
   not responsible".  Returns the name's start, I if none. */
static size_t name_backward(const char *t, size_t s, size_t i)
{
    size_t start = i, n;
    int words = 0;
    while (i > s && words < 6) {
        size_t we = i, ws;
        while (we > s && t[we - 1] == ' ')
            we--;
        ws = we;
        while (ws > s && t[ws - 1] != ' ')
            ws--;
        if (ws >= we || letter_case(dec(t, ws, we, &n)) != 1)
            break;
        if (memchr(t + ws, '.', we - ws) && !domain_word(t, ws, we))
            break;
        start = ws;
        i = ws;
        words++;
    }
    return start;
}

static const char *const NOT_OUTLETS[] = {
    "photo", "file", "video", "updated", "opinion", "analysis", "live",
    "watch", "update", "editorial", "exclusive", "interview", "reuters/",
    NULL};

static int valid_outlet(const char *t, size_t s, size_t e)
{
    char w[16];
    size_t wn = 0, n;
    if (e <= s || e - s > 60)
        return 0;
    if (letter_case(dec(t, s, e, &n)) != 1 && !is_digit(byte(t, s)))
        return 0;
    for (size_t j = s; j < e && wn < sizeof w; j++)
        w[wn++] = (char)lower(byte(t, j));
    if (e - s <= sizeof w && in_list(NOT_OUTLETS, w, wn))
        return 0;
    {
        char iso[11];
        size_t q;
        if (parse_date(t, s, e, &q, iso))
            return 0;
    }
    return 1;
}

/* "(Name) — ", "CITY (Name) — ", "City /Name/." at the start of a
   paragraph: the name's bytes. */
static int dateline_outlet(const char *t, const pl *L, size_t *os, size_t *oe)
{
    size_t i = L->cs, e = L->ce, n;
    int words = 0;
    /* up to four capitalized place words */
    while (i < e && words <= 4 && t[i] != '(' && t[i] != '/') {
        size_t ws = i;
        if (letter_case(dec(t, i, e, &n)) != 1)
            return 0;
        while (i < e && t[i] != ' ' && t[i] != '/' && t[i] != '(')
            i++;
        if (i - ws > 30)
            return 0;
        words++;
        i = skip_spaces(t, i, e);
    }
    if (i >= e || words > 4)
        return 0;
    if (t[i] == '(') {
        const char *close = memchr(t + i, ')', e - i < 62 ? e - i : 62);
        size_t c, q;
        if (!close)
            return 0;
        c = (size_t)(close - t);
        q = skip_spaces(t, c + 1, e);
        if (q >= e || q == c + 1 || !is_dash(dec(t, q, e, &n)))
            return 0;
        trim(t, i + 1, c, os, oe);
        return valid_outlet(t, *os, *oe) && count_words(t, *os, *oe) <= 5;
    }
    if (t[i] == '/' && words >= 1) {
        const char *close = memchr(t + i + 1, '/', e - i - 1 < 40 ? e - i - 1 : 40);
        size_t c, q;
        uint32_t ch;
        if (!close)
            return 0;
        c = (size_t)(close - t);
        q = c + 1;
        if (q >= e)
            return 0;
        ch = dec(t, q, e, &n);
        if (!(ch == '.' || ch == ',' || ch == ':' || is_dash(ch) ||
              (ch == ' ' && q + 1 < e && is_dash(dec(t, q + 1, e, &n)))))
            return 0;
        trim(t, i + 1, c, os, oe);
        return valid_outlet(t, *os, *oe) && count_words(t, *os, *oe) <= 5;
    }
    return 0;
}

/* A dateline on a line of its own: "CNN —", "Caspian Post -". */
static int dash_line_outlet(const char *t, const pl *L, size_t *os,
                            size_t *oe)
{
    size_t e = L->ce, at;
    if (!(L->flags & F_DASHEND) || L->words > 5 || L->words < 2)
        return 0;
    while (e > L->cs && is_dash(dec_back(t, L->cs, e, &at)))
        e = at;
    trim(t, L->cs, e, os, oe);
    if (*oe <= *os || count_words(t, *os, *oe) + 1 != L->words)
        return 0;
    {
        size_t i = *os, n;
        while (i < *oe) {
            if (letter_case(dec(t, i, *oe, &n)) != 1)
                return 0;
            while (i < *oe && t[i] != ' ')
                i++;
            i = skip_spaces(t, i, *oe);
        }
    }
    return valid_outlet(t, *os, *oe);
}

/* Case-insensitive search for the ASCII NEEDLE in [s,e). */
static size_t find_ci(const char *t, size_t s, size_t e, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = s; i + n <= e; i++) {
        size_t j = 0;
        while (j < n && lower(byte(t, i + j)) == (unsigned char)needle[j])
            j++;
        if (j == n)
            return i;
    }
    return NONE;
}

/* The outlet a disclaimer names: "... the views of NAME", "... those of
   NAME", "NAME is not responsible". */
static int disclaimer_outlet(const char *t, const pl *L, size_t *os,
                             size_t *oe)
{
    static const char *const AFTER[] = {"views of ", "those of ", NULL};
    static const char *const BEFORE[] = {" is not responsible",
                                         " are not responsible", NULL};
    for (int i = 0; AFTER[i]; i++) {
        size_t p = find_ci(t, L->cs, L->ce, AFTER[i]);
        if (p != NONE) {
            size_t s = p + strlen(AFTER[i]), e = name_forward(t, s, L->ce);
            if (e > s && valid_outlet(t, s, e)) {
                *os = s;
                *oe = e;
                return 1;
            }
        }
    }
    for (int i = 0; BEFORE[i]; i++) {
        size_t p = find_ci(t, L->cs, L->ce, BEFORE[i]);
        if (p != NONE) {
            size_t s = name_backward(t, L->cs, p);
            if (s < p && valid_outlet(t, s, p)) {
                *os = s;
                *oe = p;
                return 1;
            }
        }
    }
    return 0;
}

/* The holder a copyright line names: "© 2026 Example News. All rights
   reserved." -> "Example News". */
static int copyright_outlet(const char *t, const pl *L, size_t *os,
                            size_t *oe)
{
    size_t i = L->cs, e = L->ce, n;
    size_t p = find_ci(t, i, e, "copyright");
    size_t c = find_ci(t, i, e, "\xC2\xA9");
    if (p == NONE || (c != NONE && c < p))
        p = c;
    if (p == NONE)
        p = find_ci(t, i, e, "(c)");
    if (p == NONE)
        return 0;
    /* a footer starts with the notice; one inside a sentence ("From BOOK
       by X. Copyright © 2015 by X") names an author, not the outlet */
    for (size_t j = i; j < p; j++)
        if (is_alnum(byte(t, j)))
            return 0;
    i = p;
    /* skip the sign, the word, years and "by" */
    for (;;) {
        i = skip_spaces(t, i, e);
        if (i >= e)
            return 0;
        if (starts_word(t, i, e, "copyright"))
            i += 9;
        else if (i + 2 <= e && memcmp(t + i, "\xC2\xA9", 2) == 0)
            i += 2;
        else if (i + 3 <= e && (memcmp(t + i, "(c)", 3) == 0 ||
                                memcmp(t + i, "(C)", 3) == 0))
            i += 3;
        else if (is_digit(byte(t, i)) || t[i] == ',')
            i++;
        else if (is_dash(dec(t, i, e, &n)))
            i += n;
        else if (starts_word(t, i, e, "by"))
            i += 2;
        else
            break;
    }
    {
        size_t ne = name_forward(t, i, e);
        /* "Example News 2026": drop a trailing year */
        size_t k = ne;
        while (k > i && (is_digit(byte(t, k - 1)) || t[k - 1] == ' '))
            k--;
        if (k > i && k < ne)
            ne = k;
        if (ne > i && valid_outlet(t, i, ne)) {
            *os = i;
            *oe = ne;
            return 1;
        }
    }
    return 0;
}

static xc_code set_field(char **dst, const char *t, size_t s, size_t e,
                         const char *strip)
{
    xc_code rc = XC_OK;
    char *v = clean_copy(t, s, e, strip, &rc);
    if (v)
        *dst = v;
    return rc;
}

static void set_cand(dcand *c, const pl *L, const char *iso)
{
    if (c->k == NONE) {
        c->k = L->k;
        memcpy(c->iso, iso, sizeof c->iso);
    }
}

/* Note what line L offers: a date line, a copyright holder, a disclaimer's
   outlet.  Called in order for every non-blank line during the scan. */
static void meta_line(const char *t, const scan *sc, metascan *m, const pl *L)
{
    if (L->flags & F_DATE) {
        char iso[11];
        int upd, expl;
        if (date_line(t, L->cs, L->ce, iso, &upd, &expl) && iso[0] &&
            ((sc->first_para == NONE && L->k < HEAD_MAX) || expl))
            set_cand(upd ? &m->upd : &m->pub, L, iso);
    }
    if (!m->have_cop && (L->flags & F_COPYR) &&
        copyright_outlet(t, L, &m->cop_s, &m->cop_e))
        m->have_cop = 1;
    if (!m->have_dis && (L->flags & F_DISCL) &&
        disclaimer_outlet(t, L, &m->dis_s, &m->dis_e))
        m->have_dis = 1;
}

/* xc_paste_metadata, with the features of the first lines in CACHE when
   not NULL. */
static xc_code metadata(xc_doc *doc, const linecache *cache)
{
    const lexidx *lx;
    scan *sc;
    const char *t;
    xc_code rc = XC_OK;
    size_t os = 0, oe = 0;
    int have_outlet = 0;
    char pub[11] = "";
    metascan m;

    if (!doc)
        return XC_ERR_ARG;
    if (!doc->text || doc->len == 0 ||
        (doc->title && doc->outlet && doc->published))
        return XC_OK;
    t = doc->text;
    sc = malloc(sizeof *sc);
    if (!sc)
        return XC_ERR_NOMEM;
    lx = lex_get();
    scan_doc(lx, doc, 1, &m, NULL, cache, sc);

    /* the title, without "# " and without an outlet suffix; a headline
       heads something, so a line with no text after it is not one */
    if (sc->title != NONE && content_after(doc, sc->head[sc->title].ce)) {
        const pl *T = &sc->head[sc->title];
        size_t s = T->cs, n;
        /* "# Title", "⚡️ Title": marks and symbols before the first word */
        while (s < sc->tcore) {
            uint32_t c = dec(t, s, sc->tcore, &n);
            if (letter_case(c) || is_digit((int)c) || is_space(c) ||
                strchr("\"'([", (int)c) || c == 0x201C || c == 0x2018 ||
                c == 0xAB || c == 0xBF || c == 0xA1)
                break;
            s += n;
        }
        if (!doc->title && (rc = set_field(&doc->title, t, s, sc->tcore,
                                           "*_")) != XC_OK)
            goto out;
        if (sc->osuf_e > sc->osuf_s) {
            os = sc->osuf_s;
            oe = sc->osuf_e;
            strip_domain(t, &os, &oe);
            have_outlet = 1;
        }
    }

    /* the first date line in the head or an explicit one; a publication
       date before an update */
    if (m.pub.k != NONE)
        memcpy(pub, m.pub.iso, sizeof pub);
    else if (m.upd.k != NONE)
        memcpy(pub, m.upd.iso, sizeof pub);
    if (!have_outlet && m.have_cop) {
        os = m.cop_s;
        oe = m.cop_e;
        have_outlet = 1;
    }
    if (!have_outlet && m.have_dis) {
        os = m.dis_s;
        oe = m.dis_e;
        have_outlet = 1;
    }
    /* a dateline in the head or the first paragraph */
    if (!have_outlet) {
        size_t from = sc->title != NONE ? sc->title + 1 : 0;
        for (size_t j = from; j < sc->nh && !have_outlet; j++)
            if (!is_furn(&sc->head[j]) &&
                (dateline_outlet(t, &sc->head[j], &os, &oe) ||
                 dash_line_outlet(t, &sc->head[j], &os, &oe)))
                have_outlet = 1;
        if (!have_outlet && sc->first_para != NONE &&
            dateline_outlet(t, &sc->first, &os, &oe))
            have_outlet = 1;
    }
    if (have_outlet && !doc->outlet &&
        (rc = set_field(&doc->outlet, t, os, oe, ".,;:\"'")) != XC_OK)
        goto out;
    if (!doc->published && pub[0]) {
        doc->published = xc_strdup(pub);
        if (!doc->published)
            rc = XC_ERR_NOMEM;
    }
out:
    free(sc);
    return rc;
}

xc_code xc_paste_metadata(xc_doc *doc)
{
    return metadata(doc, NULL);
}

xc_code xc_paste_read(xc_doc *doc)
{
    linecache lc = {NULL, 0, 0, 0};
    xc_code rc = boilerplate(doc, &lc);
    if (rc == XC_OK)
        rc = metadata(doc, &lc);
    free(lc.v);
    return rc;
}
