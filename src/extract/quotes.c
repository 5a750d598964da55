/*
 * quotes.c: direct and partial quotations and who said them (DESIGN.md:
 * analyze).  The dossier compares who said what across reports, so each
 * quotation carries the words that name its speaker in the attribution
 * ("he", "Aliyev", "government sources") and, for the entity linker, the
 * name those words stand for ("he" -> "Ilham Aliyev").  The word classes
 * (reporting verbs from data/reporting-verbs.txt, titles, pronouns) are in
 * speech.c.
 *
 * Four passes over the tokens, none allocating per token:
 *
 *   1. blocks and names: where paragraphs start (a blank line, or a line
 *      break that ends a sentence, for texts with a paragraph per line),
 *      which blocks are headlines, and the capitalized name sequences a
 *      pronoun or "the president" can point back to (name_span(): the one
 *      place that says what a name is, where NER mentions can plug in);
 *   2. transcripts: interview turns introduced by a dash, "Q:"/"A:" or
 *      "NAME:" at a line start, with the interviewer and the interviewee
 *      read from the intro ("Aliyev said this ... in an interview with
 *      France 24");
 *   3. pairing: every quotation mark is read as opening, closing or
 *      either from its family (“” „ " '' / ‘’ ‚ ' / «» / ‹›) and what it is
 *      glued to, then paired at the top level; marks of another family
 *      inside are nested quotes and stay inside, marks of the same family
 *      are counted.  ’ after a word closes only when a single quote is open
 *      and no later mark closes it better ("the parents’ right").  A quote
 *      left open at a paragraph end goes on when the next paragraph opens
 *      again (news convention) or holds the closing mark; otherwise it ends
 *      there.  No quote is longer than XC_QUOTE_MAX_BYTES;
 *   4. attribution, a cascade of sieves, the most precise first (Muzny et
 *      al. 2017): QUOTE-MENTION-VERB and QUOTE-VERB-MENTION after the
 *      closing mark, a colon before the opening one, MENTION-VERB-QUOTE and
 *      a reporting verb governing a fragment ("described it as “a double
 *      standard”"), "according to X", "X's statement that", "X cracked,
 *      “...”", a verb after the fragment, the colon that ends the sentence
 *      before ("X, a doctor, said:"), the previous quotation's speaker, and
 *      a speaker named in the sentence before.  Names, titles and scare
 *      quotes are dropped, and “A,” he said. “B.” becomes one quotation.
 *      Pronouns resolve to the subject of the last attribution before them
 *      (read once for the whole document, see track()), titles such as
 *      "the president" to the nearest name written with that title.
 *
 * Choices, measured on PolNeAR train: a quotation over several paragraphs,
 * and one interrupted by its attribution, is one quote from its first word
 * to its last (PolNeAR annotates one Content span for both); merging the
 * quote paragraphs that follow with the same speaker as well gains
 * precision but loses more recall, so they stay apart.  Only the outer
 * quote of a nested one is reported.
 */
#include "extract/extract.h"
#include "core/util.h"
#include "extract/speech.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NONE UINT32_MAX

/* The longest quotation: an unclosed mark must not swallow a document. */
#define XC_QUOTE_MAX_BYTES 20000
/* How far the sieves look, in tokens. */
#define VERB_BACK 80      /* back from an opening mark for a reporting verb */
#define VERB_AHEAD 30     /* on from a closing mark */
#define NP_MAX 8          /* words in a speaker's noun phrase */
#define LOOK_AHEAD 400    /* for the mark that closes a quote */
#define ANTECEDENT_BACK 600 /* back from a pronoun for its name */

/* ---- Context ------------------------------------------------------------- */

enum { F_NONE, F_DOUBLE, F_SINGLE, F_GUIL, F_SGUIL, F_CORNER, F_WCORNER };
enum { R_NONE, R_OPEN, R_CLOSE, R_EITHER };

typedef struct mark {
    uint8_t fam, role, len; /* len: tokens of the mark ('' is two) */
} mark;

/* A capitalized name sequence. */
typedef struct mention {
    uint32_t a, b;   /* tokens [a, b) */
    uint32_t title;  /* the title word stripped before it, or NONE */
    uint8_t person;  /* 2: a title or a known person's surname; 1: maybe */
    uint8_t thing;   /* a place or an organization: never "he" or "she" */
} mention;

/* A quotation as paired, then as attributed. */
typedef struct rawq {
    uint32_t open, close;  /* tokens of the marks; close NONE when unclosed */
    uint32_t first, last;  /* inner tokens, inclusive */
    uint32_t spk_a, spk_b; /* speaker words [a, b); equal when none */
    uint32_t attr_verb;    /* the verb of a post attribution, else NONE */
    uint8_t kind;
    uint8_t keep;          /* a quotation, not a name or scare quote */
} rawq;

/* An interview turn. */
typedef struct turn {
    uint32_t a, b; /* tokens [a, b] of the turn's words */
    uint8_t kind;
    uint32_t spk_a, spk_b; /* words naming the speaker, or NONE */
} turn;

typedef struct qctx {
    const xc_doc *doc;
    const char *s;
    const xc_token *t;
    size_t n;
    const xc_tokens *tk;
    uint32_t *blk;  /* first token of each block */
    uint8_t *title; /* per block: 1 for a headline (title case, or one
                       short line with no final stop) */
    size_t nblk;
    mention *men;
    size_t nmen;
    rawq *q;
    size_t nq, capq;
    turn *tu;
    size_t ntu, captu;
    /* interviewer and interviewee named in a transcript's intro */
    uint32_t ivr_a, ivr_b, ive_a, ive_b;
    /* the attributions read so far, for pronouns: tokens before scan_pos
       are read; subj is the mention of the last speaker named, at subj_at */
    size_t scan_pos, subj, subj_at;
} qctx;

/* ---- Tokens -------------------------------------------------------------- */

static int32_t tok_cp(const qctx *c, size_t i)
{
    size_t l;
    return xc_utf8_decode(c->s + c->t[i].start, c->t[i].end - c->t[i].start, &l);
}

static size_t tok_len(const qctx *c, size_t i)
{
    return c->t[i].end - c->t[i].start;
}

/* Token I is the word LIT in any case. */
static int tok_is(const qctx *c, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    if (i >= c->n || tok_len(c, i) != n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char a = c->s[c->t[i].start + k];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (a != lit[k])
            return 0;
    }
    return 1;
}

static int is_punct(const qctx *c, size_t i, char ch)
{
    return i < c->n && c->t[i].kind == XC_TOK_PUNCT && tok_len(c, i) == 1 &&
           c->s[c->t[i].start] == ch;
}

static int is_word(const qctx *c, size_t i)
{
    return i < c->n && c->t[i].kind == XC_TOK_WORD;
}

static int is_cap(const qctx *c, size_t i)
{
    return is_word(c, i) && (c->t[i].flags & XC_TF_UPPER_INIT);
}

static int is_lower(const qctx *c, size_t i)
{
    return is_word(c, i) && !(c->t[i].flags & XC_TF_UPPER_INIT);
}

static unsigned wcls(const qctx *c, size_t i)
{
    if (!is_word(c, i))
        return 0;
    return xc_speech_class(c->s + c->t[i].start, tok_len(c, i));
}

/* A lower-case adverb in -ly ("flatly", "repeatedly"), not a noun such as
   "family" or "rally". */
static int is_ly(const qctx *c, size_t i)
{
    static const char *const nouns[] = {"family", "ally", "rally", "daily",
                                        "weekly", "monthly", "supply",
                                        "assembly", "italy", "anomaly", "belly",
                                        "bully", "july", "reply", "only", NULL};
    size_t n = tok_len(c, i);
    const char *w = c->s + c->t[i].start;
    if (!is_lower(c, i) || n < 5 || w[n - 2] != 'l' || w[n - 1] != 'y')
        return 0;
    for (size_t k = 0; nouns[k]; k++)
        if (tok_is(c, i, nouns[k]))
            return 0;
    return 1;
}

/* Token I ends in a possessive 's or ’s; returns the bytes to drop. */
static size_t poss_len(const qctx *c, size_t i)
{
    size_t n;
    const char *w;
    if (!is_word(c, i))
        return 0;
    n = tok_len(c, i);
    w = c->s + c->t[i].start;
    if (n < 3 || (w[n - 1] != 's' && w[n - 1] != 'S'))
        return 0;
    if (w[n - 2] == '\'')
        return 2;
    if (n >= 5 && (unsigned char)w[n - 2] == 0x99 && (unsigned char)w[n - 3] == 0x80 &&
        (unsigned char)w[n - 4] == 0xE2)
        return 4;
    return 0;
}

static int in_bp(const qctx *c, size_t i)
{
    return c->doc->nboilerplate &&
           xc_doc_in_boilerplate(c->doc, c->t[i].start, c->t[i].end);
}

/* ---- Sentences and blocks ------------------------------------------------ */

static size_t sent_of(const qctx *c, size_t i)
{
    size_t lo = 0, hi = c->tk->nsent;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (c->tk->sent[mid].first <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t sent_first(const qctx *c, size_t s)
{
    return c->tk->sent[s].first;
}

static size_t sent_end(const qctx *c, size_t s)
{
    return (size_t)c->tk->sent[s].first + c->tk->sent[s].count;
}

static int block_start(const qctx *c, size_t i)
{
    uint8_t f = c->t[i].flags;
    return (f & XC_TF_PARA_START) ||
           ((f & XC_TF_LINE_START) && (f & XC_TF_SENT_START));
}

static size_t block_of(const qctx *c, size_t i)
{
    size_t lo = 0, hi = c->nblk;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (c->blk[mid] <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t block_end(const qctx *c, size_t b)
{
    return b + 1 < c->nblk ? c->blk[b + 1] : c->n;
}

/* ---- Marks --------------------------------------------------------------- */

/* What glues to the mark on the left of token I: 1 a word, number or
   closing punctuation; 0 a space, the start, an opening bracket or a dash.
   Quotation marks in between are looked through ("‘ after “"). */
static int glue_left(const qctx *c, size_t i)
{
    for (int hop = 0; hop < 4; hop++) {
        const xc_token *p;
        if (i == 0 || c->t[i - 1].end != c->t[i].start)
            return 0;
        p = &c->t[i - 1];
        if (p->kind == XC_TOK_QUOTE) {
            i--;
            continue;
        }
        if (p->kind == XC_TOK_DASH)
            return 0;
        if (p->kind == XC_TOK_PUNCT) {
            char ch = c->s[p->start];
            return !(ch == '(' || ch == '[' || ch == '{');
        }
        return 1;
    }
    return 0;
}

/* The same on the right of token J: 1 a word, number or opening
   bracket; 0 a space, the end, closing punctuation or a dash. */
static int glue_right(const qctx *c, size_t j)
{
    for (int hop = 0; hop < 4; hop++) {
        const xc_token *p;
        if (j + 1 >= c->n || c->t[j + 1].start != c->t[j].end)
            return 0;
        p = &c->t[j + 1];
        if (p->kind == XC_TOK_QUOTE) {
            j++;
            continue;
        }
        if (p->kind == XC_TOK_DASH)
            return 0;
        if (p->kind == XC_TOK_PUNCT) {
            char ch = c->s[p->start];
            return ch == '(' || ch == '[' || ch == '{';
        }
        return 1;
    }
    return 0;
}

/* Elisions a straight or right single quote starts: 'em, 'til, ’90s. */
static int elision_after(const qctx *c, size_t j)
{
    static const char *const el[] = {"em", "til", "tis", "twas", "n", "cause",
                                     "bout", "s", "round", NULL};
    if (j + 1 >= c->n || c->t[j + 1].start != c->t[j].end)
        return 0;
    if (c->t[j + 1].kind == XC_TOK_NUMBER)
        return 1;
    for (size_t k = 0; el[k]; k++)
        if (tok_is(c, j + 1, el[k]))
            return 1;
    return 0;
}

/* Is token I inside markup left in the text ("<tweet id="...">")? */
static int in_tag(const qctx *c, size_t i)
{
    for (size_t k = i; k > 0 && i - k < 40; k--) {
        const xc_token *p = &c->t[k - 1];
        if (p->kind == XC_TOK_SYMBOL && p->end - p->start == 1) {
            if (c->s[p->start] == '>')
                return 0;
            if (c->s[p->start] == '<')
                return 1;
        }
        if (p->flags & XC_TF_LINE_START)
            return 0;
    }
    return 0;
}

/* How quotation mark token I reads. */
static mark classify(const qctx *c, size_t i)
{
    mark m = {F_NONE, R_NONE, 1};
    int32_t cp;
    size_t j = i;
    int lg, rg;

    if (c->t[i].kind != XC_TOK_QUOTE)
        return m;
    cp = tok_cp(c, i);
    if ((cp == '\'' || cp == '`') && i + 1 < c->n && c->t[i + 1].kind == XC_TOK_QUOTE &&
        c->t[i + 1].start == c->t[i].end && tok_cp(c, i + 1) == cp) {
        m.len = 2; /* '' and `` stand for a double mark */
        j = i + 1;
        cp = cp == '`' ? 0x201C : '"';
    }
    lg = glue_left(c, i);
    rg = glue_right(c, j);
    switch (cp) {
    case 0x201C: /* “ opens, or closes German „...“ */
        m.fam = F_DOUBLE;
        m.role = lg && !rg ? R_CLOSE : R_OPEN;
        break;
    case 0x201D: /* ” closes, or opens Swedish ”...” */
        m.fam = F_DOUBLE;
        m.role = !lg && rg ? R_OPEN : R_CLOSE;
        break;
    case 0x201E: case 0x201F:
        m.fam = F_DOUBLE;
        m.role = R_OPEN;
        break;
    case '"': case 0xFF02:
        if (in_tag(c, i))
            return m; /* an attribute value: <tweet date="..."> */
        m.fam = F_DOUBLE;
        m.role = lg && !rg ? R_CLOSE : !lg && rg ? R_OPEN : R_EITHER;
        break;
    case 0x2018: /* ‘ opens; "Editor‘s" and "‘90s" are apostrophes */
        if ((lg && rg && i > 0 && c->t[i - 1].kind == XC_TOK_WORD) || elision_after(c, j))
            return m;
        m.fam = F_SINGLE;
        m.role = lg && !rg ? R_CLOSE : R_OPEN;
        break;
    case 0x2019: /* ’ closes or is an apostrophe */
        if (elision_after(c, j))
            return m;
        m.fam = F_SINGLE;
        if (lg)
            m.role = R_CLOSE;
        else if (rg)
            m.role = R_OPEN;
        else
            m.fam = F_NONE;
        break;
    case '\'':
        if (elision_after(c, j))
            return m;
        m.fam = F_SINGLE;
        if (lg && !rg)
            m.role = R_CLOSE;
        else if (!lg && rg)
            m.role = R_OPEN;
        else
            m.fam = F_NONE;
        break;
    case '`': case 0x201A: case 0x201B:
        if (lg)
            return m;
        m.fam = F_SINGLE;
        m.role = R_OPEN;
        break;
    case 0xAB: case 0xBB: /* « » and the reversed »...« */
        m.fam = F_GUIL;
        if (cp == 0xAB)
            m.role = lg && !rg ? R_CLOSE : R_OPEN;
        else
            m.role = !lg && rg ? R_OPEN : R_CLOSE;
        break;
    case 0x2039: case 0x203A:
        m.fam = F_SGUIL;
        if (cp == 0x2039)
            m.role = lg && !rg ? R_CLOSE : R_OPEN;
        else
            m.role = !lg && rg ? R_OPEN : R_CLOSE;
        break;
    case 0x300C: case 0x300D:
        m.fam = F_CORNER;
        m.role = cp == 0x300C ? R_OPEN : R_CLOSE;
        break;
    case 0x300E: case 0x300F:
        m.fam = F_WCORNER;
        m.role = cp == 0x300E ? R_OPEN : R_CLOSE;
        break;
    default:
        break;
    }
    return m;
}

/* ---- Names --------------------------------------------------------------- */

/* Lower-case particles inside a name: "Charles de Gaulle". */
static int name_particle(const qctx *c, size_t i)
{
    static const char *const p[] = {"de", "da", "del", "der", "van", "von",
                                    "bin", "al", "la", "le", "du", "dos", NULL};
    if (!is_lower(c, i))
        return 0;
    for (size_t k = 0; p[k]; k++)
        if (tok_is(c, i, p[k]))
            return 1;
    return 0;
}

/* Classes that keep a capitalized word out of a name. */
#define NOT_NAME (XC_SW_STOP | XC_SW_AUX | XC_SW_PRON | XC_SW_POSSPRON | \
                  XC_SW_DET | XC_SW_STARTER | XC_SW_ADV | XC_SW_RV | XC_SW_TIME)

static int rv_within(const qctx *c, size_t i, size_t hops);

/*
 * The name that the capitalized sequence starting at token I holds,
 * bounded by token HI: a run of capitalized words (and particles between
 * them), without the titles, nationality words and sentence-start words
 * before it ("Azerbaijani President Ilham Aliyev" -> "Ilham Aliyev", title
 * "President").  Sets [*a, *b) and *title (NONE if none); returns the end
 * of the whole run, so that a caller walks on from there, or I when token
 * I starts none.  A lone capitalized word at a sentence start counts only
 * before a reporting verb; without STRICT also as a possessor or when it
 * ends the range (a speaker phrase "Aliyev", not "Government sources").  This is the one place that says what a name is; the NER
 * tagger's mentions can take its place.
 */
static size_t name_span(const qctx *c, size_t i, size_t hi, size_t *a, size_t *b,
                        uint32_t *title, int strict)
{
    size_t e = i, s = i;
    *a = *b = i;
    *title = NONE;
    if (!is_cap(c, i))
        return i;
    while (e < hi && (is_cap(c, e) || (name_particle(c, e) && e + 1 < hi && is_cap(c, e + 1)))) {
        if (e > i && (c->t[e].flags & XC_TF_LINE_START))
            break;
        e++;
    }
    /* "France 24", "Channel 4" */
    if (e < hi && e > i && c->t[e].kind == XC_TOK_NUMBER && tok_len(c, e) <= 3 &&
        !is_cap(c, e + 1) && !(c->t[e].flags & XC_TF_LINE_START))
        e++;
    /* leading words that are no part of the name: everything up to the
       last title ("Deputy Foreign Minister Paruyr Hovhannisyan"), and
       nationality and sentence-start words */
    for (size_t k = i; k + 1 < e; k++)
        if (wcls(c, k) & XC_SW_TITLE) {
            *title = (uint32_t)k;
            s = k + 1;
        }
    while (s < e) {
        unsigned k = wcls(c, s);
        if (k & XC_SW_TITLE) {
            *title = (uint32_t)s;
            s++;
            continue;
        }
        if (k & (NOT_NAME | XC_SW_DEMONYM)) {
            s++;
            continue;
        }
        break;
    }
    /* trailing title words ("Trump campaign") are no part of it either */
    while (e > s && (wcls(c, e - 1) & (NOT_NAME | XC_SW_TITLE)) &&
           !(wcls(c, e - 1) & XC_SW_RV))
        e--;
    if (s >= e) {
        *a = *b = e;
        return e > i ? e : i + 1;
    }
    /* a lone capitalized word at a sentence start is a name only before a
       reporting verb ("Brafman said") or as a possessor ("Simonyan’s
       statement"), not in "Government sources"; STRICT takes only the
       first */
    if (e - s == 1 && (c->t[s].flags & XC_TF_SENT_START) && !rv_within(c, e, 3) &&
        (strict || (!poss_len(c, s) && e < hi))) {
        *a = *b = e;
        return e;
    }
    *a = s;
    *b = e;
    return e;
}

/* A reporting verb within HOPS tokens from I, over adverbs and auxiliaries. */
static int rv_within(const qctx *c, size_t i, size_t hops)
{
    for (size_t k = 0; k < hops && i + k < c->n; k++) {
        unsigned w = wcls(c, i + k);
        if ((w & XC_SW_RV) && !(w & XC_SW_ING))
            return 1;
        if (!(w & (XC_SW_ADV | XC_SW_AUX)))
            return 0;
    }
    return 0;
}

static uint64_t word_hash(const qctx *c, size_t i)
{
    uint64_t h = 1469598103934665603ULL;
    size_t n = tok_len(c, i) - poss_len(c, i);
    for (size_t k = 0; k < n; k++) {
        unsigned char ch = (unsigned char)c->s[c->t[i].start + k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch + 32);
        h = (h ^ ch) * 1099511628211ULL;
    }
    return h;
}

/* Pass 1: blocks and the names of the document. */
static xc_code scan_blocks_names(qctx *c)
{
    size_t capb = 16, capm = 16, i;
    uint64_t *ph = NULL;
    size_t phcap = 0;

    c->blk = malloc(capb * sizeof *c->blk);
    c->men = malloc(capm * sizeof *c->men);
    if (!c->blk || !c->men)
        return XC_ERR_NOMEM;
    for (i = 0; i < c->n; i++) {
        if (i == 0 || block_start(c, i)) {
            if (c->nblk == capb) {
                uint32_t *p = realloc(c->blk, 2 * capb * sizeof *p);
                if (!p)
                    return XC_ERR_NOMEM;
                c->blk = p;
                capb *= 2;
            }
            c->blk[c->nblk++] = (uint32_t)i;
        }
    }
    if (!(c->title = calloc(c->nblk, 1)))
        return XC_ERR_NOMEM;
    for (size_t k = 0; k < c->nblk; k++) {
        size_t cap = 0, low = 0, e = block_end(c, k);
        for (i = c->blk[k]; i < e && i < c->blk[k] + 60u; i++)
            if (is_word(c, i) && tok_len(c, i) >= 4) {
                if (is_cap(c, i))
                    cap++;
                else
                    low++;
            }
        c->title[k] = cap >= 3 && low * 5 <= cap;
        /* a headline: one short line with no final stop */
        if (!c->title[k] && e - c->blk[k] <= 30 && e > c->blk[k] + 2) {
            size_t last = e - 1, x;
            for (x = c->blk[k] + 1; x < e; x++)
                if (c->t[x].flags & XC_TF_LINE_START)
                    break;
            while (last > c->blk[k] && c->t[last].kind == XC_TOK_QUOTE)
                last--;
            if (x == e && !(c->t[last].kind == XC_TOK_PUNCT &&
                            strchr(".?!:", c->s[c->t[last].start])))
                c->title[k] = 1;
        }
    }
    for (i = 0; i < c->n;) {
        size_t a, b, e;
        uint32_t title;
        if (!is_cap(c, i)) {
            i++;
            continue;
        }
        e = name_span(c, i, c->n, &a, &b, &title, 1);
        if (b > a) {
            mention *m;
            if (c->nmen == capm) {
                mention *p = realloc(c->men, 2 * capm * sizeof *p);
                if (!p)
                    return XC_ERR_NOMEM;
                c->men = p;
                capm *= 2;
            }
            m = &c->men[c->nmen++];
            m->a = (uint32_t)a;
            m->b = (uint32_t)b;
            m->title = title;
            m->person = title != NONE ? 2 : b - a >= 2 ? 1 : 0;
            /* "Vermont", "the Foreign Ministry": no person */
            if ((wcls(c, b - 1) & XC_SW_ORG) || (b - a == 1 && (wcls(c, a) & XC_SW_PLACE)))
                m->person = 0, m->thing = 1;
            else
                m->thing = 0;
        }
        i = e > i ? e : i + 1;
    }
    /* a surname seen with a title marks every mention ending in it */
    for (i = 0; i < c->nmen; i++)
        if (c->men[i].person == 2)
            phcap++;
    if (phcap) {
        size_t sz = 16;
        while (sz < 2 * phcap)
            sz *= 2;
        ph = calloc(sz, sizeof *ph);
        if (!ph)
            return XC_ERR_NOMEM;
        for (i = 0; i < c->nmen; i++) {
            uint64_t h;
            size_t k;
            if (c->men[i].person != 2)
                continue;
            h = word_hash(c, c->men[i].b - 1) | 1;
            for (k = h & (sz - 1); ph[k] && ph[k] != h; k = (k + 1) & (sz - 1))
                ;
            ph[k] = h;
        }
        for (i = 0; i < c->nmen; i++) {
            uint64_t h;
            size_t k;
            if (c->men[i].person == 2 || c->men[i].thing)
                continue;
            h = word_hash(c, c->men[i].b - 1) | 1;
            for (k = h & (sz - 1); ph[k]; k = (k + 1) & (sz - 1))
                if (ph[k] == h) {
                    c->men[i].person = 2;
                    break;
                }
        }
        free(ph);
    }
    return XC_OK;
}

/* Index of the first mention starting at or after token I. */
static size_t mention_after(const qctx *c, size_t i)
{
    size_t lo = 0, hi = c->nmen;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->men[mid].a < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The last name inside tokens [a, b): its mention index, or NONE. */
static size_t mention_in(const qctx *c, size_t a, size_t b)
{
    size_t k = mention_after(c, b);
    while (k > 0) {
        const mention *m = &c->men[k - 1];
        if (m->b <= a)
            break;
        if (m->a >= a && m->b <= b)
            return k - 1;
        k--;
    }
    return NONE;
}

/* ---- Noun phrases -------------------------------------------------------- */

/* A party and state after a politician's name: "R-Wis.", "D-N.Y.", "I-Vt." */
static int party_tag(const qctx *c, size_t i)
{
    const char *w = c->s + c->t[i].start;
    return is_word(c, i) && tok_len(c, i) >= 3 && (w[0] == 'R' || w[0] == 'D' || w[0] == 'I') &&
           w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z';
}

/* "Some", "Many", "Others", "Both": a speaker of their own ("Some
   chanted"). */
static int quantifier(const qctx *c, size_t i)
{
    static const char *const q[] = {"some", "many", "others", "both", "several",
                                    "most", "few", "all", "one", NULL};
    for (size_t k = 0; q[k]; k++)
        if (tok_is(c, i, q[k]))
            return 1;
    return 0;
}

/* Can token I stand inside a speaker's noun phrase?  A reporting verb
   can, as a noun after a determiner ("the email", "his tweets"). */
static int np_word(const qctx *c, size_t i, unsigned k)
{
    if (!is_word(c, i))
        return 0;
    if (is_cap(c, i))
        return !(k & (XC_SW_STOP | XC_SW_AUX | XC_SW_PRON));
    if ((k & XC_SW_RV) && !(k & XC_SW_ING) && i > 0 &&
        ((wcls(c, i - 1) & (XC_SW_DET | XC_SW_POSSPRON)) || poss_len(c, i - 1)))
        k &= ~(unsigned)XC_SW_RV;
    return !(k & (XC_SW_STOP | XC_SW_AUX | XC_SW_ADV | XC_SW_RV | XC_SW_PRON |
                  XC_SW_DET | XC_SW_POSSPRON | XC_SW_TIME)) &&
           !is_ly(c, i);
}

/*
 * The noun phrase that ends right before token V (a verb), not reaching
 * below token LO: "he", "Aliyev", "the Azerbaijani president", "his press
 * secretary", over adverbs and auxiliaries between ("has also said"), a
 * time ("on Tuesday said") and an apposition ("X, a doctor, said").  Sets
 * [*a, *b); empty when there is none.
 */
static void np_left(const qctx *c, size_t v, size_t lo, size_t *a, size_t *b)
{
    size_t k = v, x;
    *a = *b = v;
    for (int steps = 0; k > lo && steps < 4; steps++) {
        size_t j = k - 1;
        unsigned w = wcls(c, j);
        if (is_lower(c, j) && ((w & (XC_SW_AUX | XC_SW_ADV)) || is_ly(c, j))) {
            k = j;
            continue;
        }
        if (is_word(c, j) && (w & XC_SW_TIME) && !(w & XC_SW_PRON)) {
            k = j;
            if (k > lo && (tok_is(c, k - 1, "on") || tok_is(c, k - 1, "last") ||
                           tok_is(c, k - 1, "this") || tok_is(c, k - 1, "late") ||
                           tok_is(c, k - 1, "early")))
                k--;
            continue;
        }
        break;
    }
    /* "Sen. Ron Johnson, R-Wis., said", "Gov. John Kasich (R-OH), said" */
    if (k > lo + 3 && is_punct(c, k - 1, ',') && party_tag(c, k - 2) && is_punct(c, k - 3, ','))
        k -= 3;
    if (k > lo + 1 && is_punct(c, k - 1, ',') && is_punct(c, k - 2, ')')) {
        size_t p = k - 2;
        while (p > lo && k - p < 8 && !is_punct(c, p, '('))
            p--;
        if (is_punct(c, p, '(') && p > lo && is_cap(c, p - 1))
            k = p;
    }
    if (k > lo + 1 && is_punct(c, k - 1, ')')) {
        size_t p = k - 1;
        while (p > lo && k - p < 8 && !is_punct(c, p, '('))
            p--;
        if (is_punct(c, p, '(') && p > lo && is_cap(c, p - 1))
            k = p;
    }
    /* an apposition or a relative clause between commas or dashes */
    if (k > lo + 1 && (is_punct(c, k - 1, ',') || c->t[k - 1].kind == XC_TOK_DASH)) {
        int dash = c->t[k - 1].kind == XC_TOK_DASH;
        size_t p = k - 1, stop = k - 1 > lo + 25 ? k - 1 - 25 : lo;
        while (p > stop) {
            p--;
            if (dash ? c->t[p].kind == XC_TOK_DASH : is_punct(c, p, ','))
                break;
            if (c->t[p].kind == XC_TOK_QUOTE || is_punct(c, p, ';') || is_punct(c, p, ':')) {
                p = lo;
                break;
            }
        }
        if (p > lo && p + 1 < k - 1 &&
            (dash ? c->t[p].kind == XC_TOK_DASH : is_punct(c, p, ','))) {
            unsigned w = wcls(c, p + 1);
            if ((w & (XC_SW_DET | XC_SW_POSSPRON)) || tok_is(c, p + 1, "who") ||
                tok_is(c, p + 1, "whose") || tok_is(c, p + 1, "which") ||
                is_lower(c, p + 1) || c->t[p + 1].kind == XC_TOK_NUMBER)
                k = p;
            else if (is_cap(c, p + 1) && !dash)
                k = k - 1; /* "Clinton's campaign chairman, John Podesta, said" */
            else
                return;
        } else {
            return;
        }
    }
    if (k > lo && (wcls(c, k - 1) & XC_SW_PRON) && is_word(c, k - 1)) {
        *a = k - 1;
        *b = k;
        return;
    }
    if (k > lo && quantifier(c, k - 1)) {
        *a = k - 1;
        *b = k;
        return;
    }
    x = k;
    while (x > lo && k - x < NP_MAX) {
        size_t j = x - 1;
        unsigned w;
        if (c->t[j].kind == XC_TOK_NUMBER) {
            if (j > lo && is_cap(c, j - 1) && x == k) {
                x = j;
                continue;
            }
            break;
        }
        w = wcls(c, j);
        if (!is_word(c, j))
            break;
        if (w & (XC_SW_DET | XC_SW_POSSPRON)) {
            if (x < k)
                x = j;
            break;
        }
        if (!np_word(c, j, w))
            break;
        if (poss_len(c, j) && x == k)
            break; /* "Trump's said" is no subject */
        x = j;
        if (c->t[j].flags & XC_TF_SENT_START)
            break;
    }
    if (x < k) {
        *a = x;
        *b = k;
    }
}

/* The noun phrase that starts at token J, not reaching token HI: "Aliyev"
   in "said Aliyev", "the businessman" in "the businessman replied". */
static void np_right(const qctx *c, size_t j, size_t hi, size_t *a, size_t *b)
{
    size_t k = j;
    *a = *b = j;
    if (k < hi && is_word(c, k) && (wcls(c, k) & XC_SW_PRON) &&
        !(wcls(c, k) & XC_SW_DET)) {
        *b = k + 1;
        return;
    }
    if (k < hi && (wcls(c, k) & (XC_SW_RV | XC_SW_ING)))
        return; /* "Acknowledging that ...": no phrase starts with a verb */
    if (k < hi && (wcls(c, k) & (XC_SW_DET | XC_SW_POSSPRON)))
        k++;
    while (k < hi && k - j < NP_MAX) {
        unsigned w;
        if (c->t[k].kind == XC_TOK_NUMBER) {
            if (k > j && is_cap(c, k - 1)) {
                k++;
                continue;
            }
            break;
        }
        w = wcls(c, k);
        if (!np_word(c, k, w) ||
            (is_cap(c, k) && (w & (XC_SW_DET | XC_SW_POSSPRON)) && !(k > j && is_cap(c, k - 1))))
            break;
        if (k > j && (c->t[k].flags & XC_TF_LINE_START))
            break;
        /* "Clinton celebrated": a past form after a word ends the phrase */
        if (k > j && is_lower(c, k) && tok_len(c, k) > 4 && c->s[c->t[k].end - 2] == 'e' &&
            c->s[c->t[k].end - 1] == 'd')
            break;
        k++;
        if (poss_len(c, k - 1) && !is_word(c, k))
            break;
    }
    /* "of", "from", "for" and a capitalized name carry on the phrase */
    if (k > j && k + 1 < hi && k - j < NP_MAX &&
        (tok_is(c, k, "of") || tok_is(c, k, "from") || tok_is(c, k, "for")) &&
        (is_cap(c, k + 1) || (tok_is(c, k + 1, "the") && is_cap(c, k + 2)))) {
        size_t e = tok_is(c, k + 1, "the") ? k + 2 : k + 1;
        while (e < hi && is_cap(c, e) && e - j < 2 * NP_MAX &&
               !(wcls(c, e) & (XC_SW_STOP | XC_SW_AUX | XC_SW_PRON)))
            e++;
        k = e;
    }
    if (k > j && !(k == j + 1 && (wcls(c, j) & (XC_SW_DET | XC_SW_POSSPRON)))) {
        *a = j;
        *b = k;
    }
}

/* ---- Attribution --------------------------------------------------------- */

/* Is the quote's text shouted: every word of two letters or more in
   capitals ("EVENTUALLY VOTERS MAKE GOOD DECISIONS"), a headline? */
static int all_caps(const qctx *c, const rawq *q)
{
    size_t words = 0;
    for (size_t i = q->first; i <= q->last; i++) {
        if (!is_word(c, i) || tok_len(c, i) < 2)
            continue;
        for (size_t k = c->t[i].start; k < c->t[i].end; k++)
            if (c->s[k] >= 'a' && c->s[k] <= 'z')
                return 0;
        words++;
    }
    return words >= 2;
}

static int is_pronoun_np(const qctx *c, size_t a, size_t b)
{
    return b == a + 1 && (wcls(c, a) & (XC_SW_PRON | XC_SW_POSSPRON));
}

/* Is token I inside a paired quotation? */
static int in_quote(const qctx *c, size_t i)
{
    size_t lo = 0, hi = c->nq;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->q[mid].last < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->nq && c->q[lo].open <= i;
}


/* A word that can be a reporting verb here: lower case, or in a title-case
   headline ("Clinton Calls ISIS Violence ‘Genocide’"). */
static int verb_case(const qctx *c, size_t i)
{
    return is_lower(c, i) ||
           (is_word(c, i) && ((c->t[i].flags & XC_TF_SENT_START) || c->title[block_of(c, i)]));
}

static int is_rv(const qctx *c, size_t i)
{
    return verb_case(c, i) && (wcls(c, i) & XC_SW_RV);
}

/* Verbs that stand before their speaker after a quote ("..., said
   Aliyev"); "told" and "described" never do. */
static int inverts(const qctx *c, size_t i)
{
    static const char *const v[] = {
        "said", "says", "asked", "asks", "added", "adds", "wrote", "writes",
        "continued", "explained", "explains", "replied", "recalled", "noted",
        "notes", "insisted", "argued", "argues", "declared", "remarked",
        "observed", "countered", "quipped", "responded", "tweeted",
        "concluded", "warned", "warns", "stated", "answered", "joked",
        "acknowledged", "admitted", "cautioned", "agreed", "offered",
        "conceded", "predicted", "suggested", "announced", "reported",
        "commented", "claimed", "stressed", "emphasized", NULL};
    for (size_t k = 0; v[k]; k++)
        if (tok_is(c, i, v[k]))
            return 1;
    return 0;
}

static int is_finite_rv(const qctx *c, size_t i)
{
    unsigned w = wcls(c, i);
    return verb_case(c, i) && (w & XC_SW_RV) && !(w & XC_SW_ING) &&
           !(i > 0 && tok_is(c, i - 1, "to"));
}

/* The subject of the sentence starting at token LO, past an opening
   adverbial that ends at a comma ("In an interview with France 24, Aliyev
   ...", "Hours later, Trump ..."), but not past a name ("Aliyev, however,
   ..."). */
static void sentence_subject(const qctx *c, size_t lo, size_t hi, size_t *a, size_t *b)
{
    size_t i = lo, k;
    while (i < hi && (c->t[i].kind == XC_TOK_QUOTE || c->t[i].kind == XC_TOK_DASH))
        i++;
    /* a dateline: "WASHINGTON (AP) —", "MEXICO CITY, Feb. 8 (UPI) —" */
    for (k = i; k < hi && k < i + 10 && c->t[k].kind != XC_TOK_DASH; k++)
        ;
    if (k < hi && k < i + 10 && k > i && is_word(c, i) && tok_len(c, i) >= 2 &&
        c->s[c->t[i].start + 1] >= 'A' && c->s[c->t[i].start + 1] <= 'Z')
        i = k + 1;
    for (k = i; k < hi && k < i + 30; k++)
        if (is_punct(c, k, ',') || c->t[k].kind == XC_TOK_QUOTE)
            break;
    if (k < hi && k < i + 30 && is_punct(c, k, ',') && k > i) {
        /* an adverbial goes ("In an interview ...,", "Hours later,"); a
           name stays ("Aliyev, however,"), and so does a clause ("Clinton
           celebrated with supporters, declaring ...") */
        unsigned w = wcls(c, i);
        int lower = 0;
        for (size_t x = i + 1; x < k; x++)
            lower += is_lower(c, x);
        if ((w & (XC_SW_STOP | XC_SW_ADV | XC_SW_STARTER | XC_SW_ING | XC_SW_TIME)) ||
            is_ly(c, i) || c->t[i].kind == XC_TOK_NUMBER ||
            (is_word(c, i) && tok_len(c, i) > 4 && !memcmp(c->s + c->t[i].end - 3, "ing", 3)) ||
            (k - i <= 3 && lower == (int)(k - i - 1) && lower > 0))
            i = k + 1;
    }
    np_right(c, i, hi, a, b);
}

/*
 * The speaker of reporting verb V in the sentence [LO, HI): the noun
 * phrase before it; for a participle or an infinitive ("..., adding",
 * "declined to say") the subject of the finite reporting verb before, or
 * of the sentence.
 */
static void subject_of(const qctx *c, size_t v, size_t lo, size_t hi, size_t *a, size_t *b)
{
    if (!is_finite_rv(c, v)) {
        for (size_t u = v; u > lo && u + VERB_BACK > v; u--)
            if (is_finite_rv(c, u - 1)) {
                subject_of(c, u - 1, lo, hi, a, b);
                if (*b > *a)
                    return;
                break;
            }
        sentence_subject(c, lo, hi, a, b);
        return;
    }
    if ((v == lo || is_punct(c, v - 1, ',') || c->t[v - 1].kind == XC_TOK_QUOTE) &&
        inverts(c, v) && is_cap(c, v + 1)) {
        np_right(c, v + 1, hi, a, b); /* "..., says Carl Anthony, ..." */
        if (*b > *a)
            return;
    }
    np_left(c, v, lo, a, b);
    if (*b > *a)
        return;
    /* "X, who ... said" */
    if (v > lo + 1 && (tok_is(c, v - 1, "who") || tok_is(c, v - 1, "and"))) {
        size_t k = v - 1;
        if (tok_is(c, k, "who") && k > lo && is_punct(c, k - 1, ','))
            k--;
        if (tok_is(c, v - 1, "and")) {
            sentence_subject(c, lo, hi, a, b);
            return;
        }
        np_left(c, k, lo, a, b);
    }
}

typedef struct attr {
    size_t a, b;   /* speaker tokens; equal when none */
    size_t verb;   /* the reporting verb, or NONE */
    int strength;
} attr;

/* QUOTE-MENTION-VERB, QUOTE-VERB-MENTION and "according to X" right after
   the closing mark of Q. */
static void attr_after(const qctx *c, const rawq *q, attr *r)
{
    size_t p, hi, s, a, b;
    int ends_sentence, punct;

    if (q->close == NONE)
        return;
    p = q->close + classify(c, q->close).len;
    if (p < c->n && (is_punct(c, p, ',') || c->t[p].kind == XC_TOK_DASH))
        p++;
    if (p >= c->n || block_start(c, p))
        return;
    s = sent_of(c, p);
    hi = sent_end(c, s);
    ends_sentence = sent_first(c, s) == p;
    if (p + 1 < c->n && tok_is(c, p, "according") && tok_is(c, p + 1, "to")) {
        np_right(c, p + 2, hi, &a, &b);
        if (b > a) {
            r->a = a, r->b = b, r->verb = p, r->strength = 3;
        }
        return;
    }
    /* the quote ends in , ? ! or . inside, or a comma or dash follows */
    punct = p > q->close + classify(c, q->close).len;
    if (q->last >= q->first && c->t[q->last].kind == XC_TOK_PUNCT) {
        char ch = c->s[c->t[q->last].start];
        punct |= ch == ',' || ch == '?' || ch == '!' || ch == '.';
    }
    if (q->last >= q->first && c->t[q->last].kind == XC_TOK_ELLIPSIS)
        punct = 1;
    if (is_finite_rv(c, p) && punct) { /* "said Aliyev", "fumed Sir Peter Bone" */
        np_right(c, p + 1, hi, &a, &b);
        if (b > a) {
            r->a = a, r->b = b, r->verb = p, r->strength = 3;
            return;
        }
    }
    np_right(c, p, hi, &a, &b); /* "Aliyev said", "he said" */
    if (!punct && !(b == a + 1 && (wcls(c, a) & XC_SW_PRON) && is_finite_rv(c, b)))
        return;
    if (b > a) {
        size_t k = b, v = NONE;
        /* over adverbs, an apposition, a relative clause */
        for (size_t hop = 0; k < hi && hop < 16; hop++, k++) {
            if (is_finite_rv(c, k)) {
                v = k;
                break;
            }
            if (c->t[k].kind == XC_TOK_QUOTE || is_punct(c, k, '.') || is_punct(c, k, ';') ||
                is_punct(c, k, ':'))
                break;
            if (hop == 0 && !is_punct(c, k, ',') && !(wcls(c, k) & (XC_SW_ADV | XC_SW_AUX)) &&
                !is_ly(c, k) && !(wcls(c, k) & XC_SW_TIME) && !tok_is(c, k, "on"))
                break;
        }
        if (v != NONE && tok_is(c, v + 1, "by"))
            v = NONE; /* "measures added by Republicans" */
        /* "the Armenian foreign minister, Ararat Mirzoyan, told": the
           name in apposition belongs to the speaker's words */
        if (v != NONE && is_punct(c, b, ',') && is_cap(c, b + 1) && mention_in(c, a, b) == NONE) {
            size_t e = b + 1;
            while (e < v && is_cap(c, e))
                e++;
            if (e > b + 1 && is_punct(c, e, ',') && mention_in(c, b + 1, e) != NONE)
                b = e;
        }
        if (v != NONE) {
            /* after a full stop the next sentence attributes only when it
               is short and reports no new content ("that ...") */
            if (ends_sentence) {
                size_t e = v + 1;
                while (e < hi && e < v + 14 && !tok_is(c, e, "that") &&
                       c->t[e].kind != XC_TOK_QUOTE)
                    e++;
                if (e < hi)
                    return;
            }
            r->a = a, r->b = b, r->verb = v, r->strength = 3;
        }
    }
}

/* A possessor before a speech noun: "Simonyan’s statement that", "In his
   view".  N is the noun; sets the speaker words. */
static int possessor(const qctx *c, size_t n, size_t lo, size_t *a, size_t *b)
{
    size_t p;
    if (n <= lo)
        return 0;
    p = n - 1;
    if (wcls(c, p) & XC_SW_POSSPRON) {
        *a = p, *b = p + 1;
        return 1;
    }
    while (p > lo && !poss_len(c, p) && is_word(c, p) && is_lower(c, p) && n - p < 3)
        p--; /* "Trump's latest statement" */
    if (poss_len(c, p) && is_cap(c, p)) {
        size_t x = p;
        while (x > lo && is_cap(c, x - 1) && p - x < 4)
            x--;
        *a = x, *b = p + 1;
        return 1;
    }
    return 0;
}

/* Nested attribution: "Cross said he is left with ... Clinton, whom he
   called “...”".  When the verb at V has a pronoun for subject, an earlier
   reporting verb of the sentence whose subject is a name speaks for the
   whole; replaces [*a, *b) with that subject. */
static void outer(const qctx *c, size_t v, size_t lo, size_t hi, size_t *a, size_t *b)
{
    for (size_t u = v; u > lo && u + VERB_BACK > v; u--) {
        size_t x, y;
        if (!is_finite_rv(c, u - 1) || in_quote(c, u - 1))
            continue;
        subject_of(c, u - 1, lo, hi, &x, &y);
        if (y > x && !is_pronoun_np(c, x, y) && mention_in(c, x, y) != NONE) {
            *a = x;
            *b = y;
            return;
        }
    }
}

/* MENTION-VERB-QUOTE and a reporting verb governing a fragment, before
   the opening mark of Q in its sentence. */
static void attr_before(const qctx *c, const rawq *q, attr *r)
{
    size_t o = q->open, s = sent_of(c, o), lo = sent_first(c, s), hi = sent_end(c, s);
    size_t stop = o > lo + VERB_BACK ? o - VERB_BACK : lo, a, b;

    for (size_t j = o; j > stop; j--) {
        size_t v = j - 1;
        if (tok_is(c, v, "according") && tok_is(c, v + 1, "to")) {
            np_right(c, v + 2, o, &a, &b);
            if (b > a) {
                r->a = a, r->b = b, r->verb = v, r->strength = 2;
                return;
            }
        }
        if (is_lower(c, v) && (wcls(c, v) & XC_SW_SPNOUN) &&
            (v + 1 == o || tok_is(c, v + 1, "that") || is_punct(c, v + 1, ',') ||
             is_punct(c, v + 1, ':') || (v > lo + 1 && tok_is(c, v - 2, "in"))) &&
            possessor(c, v, lo, &a, &b)) {
            r->a = a, r->b = b, r->verb = v, r->strength = 2;
            return;
        }
        if (!is_rv(c, v))
            continue;
        if (v > lo && (tok_is(c, v - 1, "was") || tok_is(c, v - 1, "were") ||
                       tok_is(c, v - 1, "be") || tok_is(c, v - 1, "been")) &&
            !tok_is(c, v, "told"))
            continue; /* passive: "it was reported" */
        if (v > lo && ((wcls(c, v - 1) & (XC_SW_DET | XC_SW_POSSPRON)) || poss_len(c, v - 1)))
            continue; /* an adjective: "Rubio’s proposed credit" */
        subject_of(c, v, lo, hi, &a, &b);
        if (b > a && is_pronoun_np(c, a, b))
            outer(c, v, lo, hi, &a, &b);
        if (b > a) {
            r->a = a, r->b = b, r->verb = v;
            /* MENTION-VERB-QUOTE: "said “", "said: “", "told reporters: “" */
            r->strength = v + 1 == o || (o - v <= 5 && (is_punct(c, o - 1, ':') ||
                                                         is_punct(c, o - 1, ',') ||
                                                         tok_is(c, o - 1, "that")))
                              ? 3
                              : 2;
            return;
        }
    }
}

/* "Hillary Clinton cracked, ''I'm a progressive''", "Trump shot back:
   “...”": a name or pronoun, one or two words of a verb the lexicon does
   not hold, and a comma or colon before a quote that opens with a
   capital. */
static void attr_any_verb(const qctx *c, const rawq *q, attr *r)
{
    size_t o = q->open, lo = sent_first(c, sent_of(c, o)), v, a, b;
    if (o < lo + 3 || !(is_punct(c, o - 1, ',') || is_punct(c, o - 1, ':')) ||
        !is_cap(c, q->first))
        return;
    for (v = o - 1; v > lo && o - 1 - v < 2 && is_lower(c, v - 1) &&
                    !(wcls(c, v - 1) & (XC_SW_STOP | XC_SW_DET | XC_SW_POSSPRON | XC_SW_PRON));
         v--)
        ;
    if (v == o - 1 || v == lo)
        return;
    np_left(c, v, lo, &a, &b);
    if (b > a && (is_pronoun_np(c, a, b) || mention_in(c, a, b) != NONE))
        r->a = a, r->b = b, r->verb = v, r->strength = 3;
}

/* A reporting verb after a fragment in its sentence: 'the trial was
   “transparent” and fair, Aliyev said.' */
static void attr_later(const qctx *c, const rawq *q, attr *r)
{
    size_t from = q->close == NONE ? q->last + 1 : q->close + 1;
    size_t s, hi, a, b;
    if (from >= c->n)
        return;
    s = sent_of(c, q->last);
    hi = sent_end(c, s);
    for (size_t v = from; v < hi && v < from + VERB_AHEAD; v++) {
        if (c->t[v].kind == XC_TOK_QUOTE)
            return;
        if (!is_finite_rv(c, v))
            continue;
        np_left(c, v, from, &a, &b);
        if (b > a && a > from && is_punct(c, a - 1, ',')) {
            r->a = a, r->b = b, r->verb = v, r->strength = 2;
            return;
        }
        if (is_punct(c, v - 1, ',')) {
            np_right(c, v + 1, hi, &a, &b);
            if (b > a) {
                r->a = a, r->b = b, r->verb = v, r->strength = 2;
                return;
            }
        }
        return;
    }
}

/* The speaker named before a colon that introduces quote Q: "She then
   addressed the supporters: “...”", "Stated Stone: “...”", and in a
   headline "Issa: Hillary Clinton’s ‘Honesty Is In Question’". */
static void attr_colon(const qctx *c, const rawq *q, attr *r)
{
    size_t o = q->open, s = sent_of(c, o), lo = sent_first(c, s), colon = NONE, a, b;
    if (o > lo && is_punct(c, o - 1, ':')) {
        colon = o - 1;
    } else if (c->title[block_of(c, o)]) {
        for (size_t k = lo; k < o && k < lo + 5; k++)
            if (is_punct(c, k, ':')) {
                colon = k;
                break;
            }
        for (size_t k = lo; colon != NONE && k < colon; k++)
            if (!is_cap(c, k))
                colon = NONE;
    }
    if (colon == NONE || colon == lo)
        return;
    /* "According to HuffPo:", "More from Blumenthal and Cohen:" */
    for (size_t k = colon; k > lo && k + 6 > colon; k--)
        if ((tok_is(c, k - 1, "to") && k > lo + 1 && tok_is(c, k - 2, "according")) ||
            tok_is(c, k - 1, "from")) {
            np_right(c, k, colon, &a, &b);
            if (b > a) {
                r->a = a, r->b = b, r->strength = 3;
                return;
            }
        }
    for (size_t v = colon; v > lo && v + VERB_BACK > colon; v--)
        if (is_rv(c, v - 1) && (wcls(c, v - 1) & XC_SW_ING) && v == colon) {
            np_left(c, v - 1, lo, &a, &b); /* "with Trump reportedly yelling:" */
            if (b > a && (is_pronoun_np(c, a, b) || mention_in(c, a, b) != NONE)) {
                r->a = a, r->b = b, r->verb = v - 1, r->strength = 3;
                return;
            }
        } else if (is_rv(c, v - 1) && !(wcls(c, v - 1) & XC_SW_ING)) {
            a = b = 0;
            if (v - 1 == lo || is_punct(c, v - 2, ','))
                np_right(c, v, colon, &a, &b); /* "Stated Stone:" */
            if (b <= a)
                subject_of(c, v - 1, lo, colon, &a, &b);
            if (b > a) {
                r->a = a, r->b = b, r->verb = v - 1, r->strength = 3;
            }
            return;
        }
    /* no verb: the name right before the colon ("doesn't surprise
       pollster Daron Shaw:"), else the subject ("She then addressed the
       supporters:") */
    np_left(c, colon, lo, &a, &b);
    if (b > a && mention_in(c, a, b) != NONE && a > lo) {
        r->a = a, r->b = b, r->strength = 3;
        return;
    }
    sentence_subject(c, lo, colon, &a, &b);
    if (b > a)
        r->a = a, r->b = b, r->strength = 3;
}

/* The speaker of a reporting verb in the sentence before token O when it
   ends with a colon ("X, a doctor, said:"); COLON_ONLY 0 takes any
   sentence of the two before that reports speech. */
static void attr_previous(const qctx *c, size_t o, int colon_only, attr *r)
{
    size_t s = sent_of(c, o), a, b;
    if (sent_first(c, s) != o && !(o > 0 && c->t[o - 1].kind == XC_TOK_DASH))
        return;
    for (size_t back = 1; back <= 2 && back <= s; back++) {
        size_t ps = s - back, lo = sent_first(c, ps), hi = sent_end(c, ps);
        int colon = is_punct(c, hi - 1, ':');
        if (colon_only && !colon)
            return;
        if (block_of(c, lo) + 1 < block_of(c, o))
            return;
        for (size_t v = hi; v > lo && v + VERB_BACK > hi; v--) {
            if (c->t[v - 1].kind == XC_TOK_QUOTE)
                break;
            if (!is_finite_rv(c, v - 1))
                continue;
            /* without a colon, the sentence's main verb: the first one
               ("Brafman noted that his client had pleaded ...") */
            if (!colon)
                for (size_t u = lo; u + 1 < v; u++)
                    if (is_finite_rv(c, u) && !in_quote(c, u)) {
                        v = u + 1;
                        break;
                    }
            a = b = 0;
            if (v - 1 == lo || is_punct(c, v - 2, ','))
                np_right(c, v, hi, &a, &b); /* "Stated Stone:" */
            if (b <= a)
                subject_of(c, v - 1, lo, hi, &a, &b);
            if (b > a) {
                r->a = a, r->b = b, r->verb = v - 1;
                r->strength = colon ? 3 : 1;
            }
            return;
        }
        if (colon) {
            /* "She then addressed the supporters again:" */
            sentence_subject(c, lo, hi - 1, &a, &b);
            if (b > a)
                r->a = a, r->b = b, r->strength = 3;
            return;
        }
    }
}

/* ---- Pairing ------------------------------------------------------------- */

static xc_code push_q(qctx *c, size_t open, size_t close, size_t first, size_t last)
{
    rawq *q;
    if (first > last || last >= c->n)
        return XC_OK;
    if (c->nq == c->capq) {
        size_t cap = c->capq ? 2 * c->capq : 16;
        rawq *p = realloc(c->q, cap * sizeof *p);
        if (!p)
            return XC_ERR_NOMEM;
        c->q = p;
        c->capq = cap;
    }
    q = &c->q[c->nq++];
    memset(q, 0, sizeof *q);
    q->open = (uint32_t)open;
    q->close = close == NONE ? NONE : (uint32_t)close;
    q->first = (uint32_t)first;
    q->last = (uint32_t)last;
    q->attr_verb = NONE;
    return XC_OK;
}

/* Does the block starting at token I close a quote of family FAM left open
   before it (its first mark of the family closes)? */
static int closes_in_block(const qctx *c, size_t i, int fam)
{
    size_t end = block_end(c, block_of(c, i)), nfam = 0;
    int first_role = R_NONE;
    for (size_t k = i; k < end && k < i + LOOK_AHEAD; k++) {
        mark m;
        if (c->t[k].kind != XC_TOK_QUOTE)
            continue;
        m = classify(c, k);
        if (m.fam != fam)
            continue;
        if (!nfam++)
            first_role = m.role;
        k += m.len - 1u;
    }
    if (first_role == R_CLOSE)
        return 1;
    return first_role == R_EITHER && (nfam & 1);
}

/* Is the ’ or ' at token I an apostrophe ("the parents’ right") though a
   single quote is open?  Yes when it follows an s, a lower-case word
   follows, and another mark closes the quote later in the block. */
static int plural_apostrophe(const qctx *c, size_t i)
{
    size_t end, n;
    const char *w;
    if (i == 0 || !is_word(c, i - 1) || !is_lower(c, i + 1) ||
        c->t[i + 1].start == c->t[i].end)
        return 0;
    w = c->s + c->t[i - 1].start;
    n = tok_len(c, i - 1);
    if (w[n - 1] != 's' && w[n - 1] != 'S')
        return 0;
    end = block_end(c, block_of(c, i));
    for (size_t k = i + 1; k < end && k < i + LOOK_AHEAD; k++) {
        mark m;
        if (c->t[k].kind != XC_TOK_QUOTE)
            continue;
        m = classify(c, k);
        if (m.fam == F_SINGLE)
            return m.role == R_CLOSE || m.role == R_EITHER;
    }
    return 0;
}

/* Is token I inside an interview turn? */
static int in_turn(const qctx *c, size_t i)
{
    size_t lo = 0, hi = c->ntu;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->tu[mid].b < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->ntu && c->tu[lo].a <= i;
}

/* Pass 3: pair the marks into top-level quotations. */
static xc_code pair_marks(qctx *c)
{
    size_t open = NONE, first = 0, depth = 0, i = 0;
    int fam = F_NONE, sure = 0; /* sure: the opening mark was no R_EITHER */
    xc_code rc;

    while (i < c->n) {
        mark m;
        if (open != NONE && i > first && block_start(c, i)) {
            int go_on = 0;
            if (c->t[i].start - c->t[first].start <= XC_QUOTE_MAX_BYTES &&
                !in_bp(c, i) && !in_turn(c, i)) {
                m = classify(c, i);
                if (m.fam == fam && (m.role == R_OPEN || m.role == R_EITHER)) {
                    i += m.len; /* the quote goes on in this paragraph */
                    depth = 0;
                    continue;
                }
                go_on = closes_in_block(c, i, fam);
            }
            if (!go_on) {
                /* unclosed at the paragraph end: a single mark was most
                   likely an apostrophe, a spaced " a stray one */
                if (fam != F_SINGLE && sure && (rc = push_q(c, open, NONE, first, i - 1)) != XC_OK)
                    return rc;
                open = NONE;
            }
        }
        if (open != NONE && (c->t[i].flags & XC_TF_SENT_START) && i > first &&
            c->t[i].start - c->t[first].start > XC_QUOTE_MAX_BYTES) {
            if ((rc = push_q(c, open, NONE, first, i - 1)) != XC_OK)
                return rc;
            open = NONE;
        }
        if (c->t[i].kind != XC_TOK_QUOTE) {
            i++;
            continue;
        }
        if (open == NONE && (in_turn(c, i) || in_bp(c, i))) {
            i++;
            continue;
        }
        m = classify(c, i);
        if (m.fam == F_NONE) {
            i++;
            continue;
        }
        if (open == NONE) {
            if (m.role == R_OPEN || m.role == R_EITHER) {
                open = i;
                fam = m.fam;
                sure = m.role == R_OPEN;
                depth = 0;
                first = i + m.len;
            }
        } else if (m.fam == fam) {
            if (m.role == R_OPEN) {
                depth++;
            } else if (fam == F_SINGLE && plural_apostrophe(c, i)) {
                /* an apostrophe */
            } else if (depth > 0) {
                depth--;
            } else {
                if ((rc = push_q(c, open, i, first, i - 1)) != XC_OK)
                    return rc;
                open = NONE;
            }
        }
        i += m.len;
    }
    if (open != NONE && fam != F_SINGLE && sure)
        return push_q(c, open, NONE, first, c->n - 1);
    return XC_OK;
}

/* ---- Transcripts ---------------------------------------------------------- */

enum { T_NONE, T_DASH, T_Q, T_A, T_NAME };

/* Does the block starting at token I open an interview turn?  Sets *body
   to the first token of its words and [*na, *nb) to a NAME: marker. */
static int turn_marker(const qctx *c, size_t i, size_t end, size_t *body, size_t *na,
                       size_t *nb)
{
    size_t k;
    *na = *nb = i;
    if (c->t[i].kind == XC_TOK_DASH && i + 1 < end && c->t[i + 1].start > c->t[i].end &&
        (is_word(c, i + 1) || c->t[i + 1].kind == XC_TOK_QUOTE ||
         c->t[i + 1].kind == XC_TOK_NUMBER)) {
        *body = i + 1;
        return T_DASH;
    }
    if (i + 2 < end && is_punct(c, i + 1, ':') &&
        (tok_is(c, i, "q") || tok_is(c, i, "question"))) {
        *body = i + 2;
        return T_Q;
    }
    if (i + 2 < end && is_punct(c, i + 1, ':') && (tok_is(c, i, "a") || tok_is(c, i, "answer"))) {
        *body = i + 2;
        return T_A;
    }
    for (k = i; k < end && k < i + 4 && is_cap(c, k); k++)
        ;
    if (k > i && k + 1 < end && is_punct(c, k, ':') &&
        !(c->t[k + 1].flags & XC_TF_LINE_START) && !(wcls(c, i) & NOT_NAME)) {
        *na = i;
        *nb = k;
        *body = k + 1;
        return T_NAME;
    }
    return T_NONE;
}

/* Same words at tokens [a, b) and [x, y)? */
static int same_words(const qctx *c, size_t a, size_t b, size_t x, size_t y)
{
    if (b - a != y - x)
        return 0;
    for (size_t k = 0; k < b - a; k++) {
        size_t l = tok_len(c, a + k);
        if (l != tok_len(c, x + k) ||
            strncasecmp(c->s + c->t[a + k].start, c->s + c->t[x + k].start, l))
            return 0;
    }
    return 1;
}

/* The interviewer and interviewee from the intro before token END: "X
   said this ... in an interview with France 24", "X told Y in an
   interview", "in an interview with Y, X said". */
static void intro(qctx *c, size_t end)
{
    size_t lo = end > 1500 ? end - 1500 : 0, k = NONE;
    for (size_t i = end; i > lo; i--)
        if (tok_is(c, i - 1, "interview") &&
            (k == NONE || tok_is(c, i, "with") || tok_is(c, i, "to"))) {
            k = i - 1;
            if (tok_is(c, i, "with") || tok_is(c, i, "to"))
                break;
        }
    if (k != NONE) {
        size_t s, a, b, sa, sb;
        s = sent_of(c, k);
        if (k + 1 < c->n && (tok_is(c, k + 1, "with") || tok_is(c, k + 1, "to"))) {
            size_t x = k + 2;
            if (tok_is(c, x, "the"))
                x++;
            np_right(c, x, sent_end(c, s), &a, &b);
            /* the name part: "France 24" of "France 24 television channel" */
            for (sb = a; sb < b && (is_cap(c, sb) || c->t[sb].kind == XC_TOK_NUMBER); sb++)
                ;
            if (sb > a) {
                c->ivr_a = (uint32_t)a;
                c->ivr_b = (uint32_t)sb;
            }
        }
        for (size_t v = sent_first(c, s); v < sent_end(c, s); v++) {
            if (!is_finite_rv(c, v) && !tok_is(c, v, "gave") && !tok_is(c, v, "granted"))
                continue;
            subject_of(c, v, sent_first(c, s), sent_end(c, s), &sa, &sb);
            if (sb > sa && (c->ivr_a == c->ivr_b || !(sa <= c->ivr_a && c->ivr_a < sb))) {
                c->ive_a = (uint32_t)sa;
                c->ive_b = (uint32_t)sb;
                if (c->ivr_a == c->ivr_b) { /* "X told Y", "X spoke to Y" */
                    size_t x = v + 1;
                    if (tok_is(c, x, "to") || tok_is(c, x, "with"))
                        x++;
                    np_right(c, x, sent_end(c, s), &a, &b);
                    if (b > a && (tok_is(c, v, "told") || x > v + 1)) {
                        c->ivr_a = (uint32_t)a;
                        c->ivr_b = (uint32_t)b;
                    }
                }
                break;
            }
        }
        if (c->ive_a == c->ive_b) {
            sentence_subject(c, sent_first(c, s), sent_end(c, s), &sa, &sb);
            if (sb > sa && (c->ivr_a == c->ivr_b || !(sa <= c->ivr_a && c->ivr_a < sb))) {
                c->ive_a = (uint32_t)sa;
                c->ive_b = (uint32_t)sb;
            }
        }
        return;
    }
}

static xc_code push_turn(qctx *c, size_t a, size_t b, int kind, size_t sa, size_t sb)
{
    turn *t;
    if (c->ntu == c->captu) {
        size_t cap = c->captu ? 2 * c->captu : 16;
        turn *p = realloc(c->tu, cap * sizeof *p);
        if (!p)
            return XC_ERR_NOMEM;
        c->tu = p;
        c->captu = cap;
    }
    t = &c->tu[c->ntu++];
    t->a = (uint32_t)a;
    t->b = (uint32_t)b;
    t->kind = (uint8_t)kind;
    t->spk_a = (uint32_t)sa;
    t->spk_b = (uint32_t)sb;
    return XC_OK;
}

/* The last token of a block's words, or NONE for a block that is no
   prose: no final stop, in boilerplate. */
static size_t prose_end(const qctx *c, size_t bi)
{
    size_t a = c->blk[bi], e = block_end(c, bi);
    size_t last = e - 1;
    while (last > a && (c->t[last].kind == XC_TOK_QUOTE))
        last--;
    if (in_bp(c, a))
        return NONE;
    if (c->t[last].kind == XC_TOK_PUNCT || c->t[last].kind == XC_TOK_ELLIPSIS) {
        char ch = c->s[c->t[last].start];
        if (ch == '.' || ch == '?' || ch == '!' || ch == ':' || ch == ')')
            return e - 1;
    }
    if (c->t[last].kind == XC_TOK_ELLIPSIS)
        return e - 1;
    return NONE;
}

/* Pass 2: interview transcripts.  A run of blocks opened by turn markers,
   at least three of them, with a question among them; blocks without a
   marker continue the turn before. */
static xc_code find_turns(qctx *c)
{
    size_t bi = 0;
    xc_code rc;
    while (bi < c->nblk) {
        size_t start = bi, nt = 0, nq = 0, body, na, nb, k, names[4][2], nnames;
        int repeat;
        int kind = turn_marker(c, c->blk[bi], block_end(c, bi), &body, &na, &nb), first_kind;
        if (kind == T_NONE || in_bp(c, c->blk[bi])) {
            bi++;
            continue;
        }
        first_kind = kind;
        nnames = 0;
        repeat = 0;
        /* how far the transcript runs */
        for (k = bi; k < c->nblk; k++) {
            int kk = turn_marker(c, c->blk[k], block_end(c, k), &body, &na, &nb);
            size_t e = block_end(c, k);
            if (kk != T_NONE && (kk == first_kind || (first_kind == T_Q && kk == T_A) ||
                                 (first_kind == T_A && kk == T_Q))) {
                if (kk == T_NAME) {
                    /* a transcript has few speakers, each speaking again */
                    size_t x;
                    for (x = 0; x < nnames && x < 4; x++)
                        if (same_words(c, na, nb, names[x][0], names[x][1]))
                            break;
                    if (x < nnames)
                        repeat = 1;
                    else if (nnames++ < 4)
                        names[x][0] = na, names[x][1] = nb;
                }
                nt++;
                for (size_t x = body; x < e; x++)
                    if (is_punct(c, x, '?'))
                        nq++;
                continue;
            }
            if (kk != T_NONE || k == bi || prose_end(c, k) == NONE)
                break;
        }
        if (nt < 3 || nq == 0 || (first_kind == T_NAME && (nnames > 3 || !repeat))) {
            bi = k > bi ? k : bi + 1;
            continue;
        }
        if (c->ivr_a == c->ivr_b && c->ive_a == c->ive_b)
            intro(c, c->blk[start]);
        {
            int n_dash = 0;
            size_t q_a = NONE, q_b = NONE;
            for (size_t x = start; x < k;) {
                size_t e, y;
                int kk = turn_marker(c, c->blk[x], block_end(c, x), &body, &na, &nb);
                int tkind;
                size_t sa = NONE, sb = NONE;
                for (y = x + 1; y < k; y++)
                    if (turn_marker(c, c->blk[y], block_end(c, y), &e, &e, &e) != T_NONE)
                        break;
                e = block_end(c, y - 1) - 1;
                if (kk == T_Q || (kk == T_DASH && (n_dash++ & 1) == 0)) {
                    tkind = XC_QUOTE_QUESTION;
                    sa = c->ivr_a, sb = c->ivr_b;
                } else if (kk == T_NAME) {
                    /* the first name to ask is the interviewer */
                    int asks = 0;
                    for (size_t z = body; z <= e; z++)
                        if (is_punct(c, z, '?'))
                            asks = 1;
                    if (q_a == NONE && asks) {
                        q_a = na;
                        q_b = nb;
                    }
                    tkind = q_a != NONE && same_words(c, na, nb, q_a, q_b) ? XC_QUOTE_QUESTION
                                                                          : XC_QUOTE_ANSWER;
                    sa = na, sb = nb;
                } else {
                    tkind = XC_QUOTE_ANSWER;
                    sa = c->ive_a, sb = c->ive_b;
                }
                if (body <= e && (rc = push_turn(c, body, e, tkind, sa, sb)) != XC_OK)
                    return rc;
                x = y;
            }
        }
        bi = k;
    }
    return XC_OK;
}

/* ---- Deciding ------------------------------------------------------------- */

/* Is the quote's text a name or a title: one capitalized word, or
   capitalized words of four letters or more and no lower-case ones ("Trump
   Route for International Peace and Prosperity")? */
static int title_case(const qctx *c, const rawq *q)
{
    size_t words = 0, cap_long = 0, low_long = 0;
    for (size_t i = q->first; i <= q->last; i++) {
        if (!is_word(c, i))
            continue;
        if (!words++) {
            if (!is_cap(c, i))
                return 0;
            continue;
        }
        if (tok_len(c, i) >= 4) {
            if (is_cap(c, i))
                cap_long++;
            else
                low_long++;
        }
    }
    return words == 1 || (cap_long > 0 && low_long == 0);
}

/* Does a verb follow the name that ends before token I ("Aliyev
   compared", "Trump has", "Clinton says"), making it a subject? */
static int subject_like(const qctx *c, size_t i)
{
    const char *w;
    size_t n;
    unsigned k;
    if (!is_lower(c, i))
        return 0;
    k = wcls(c, i);
    if (k & (XC_SW_AUX | XC_SW_ADV | XC_SW_RV))
        return 1;
    if (k & (XC_SW_STOP | XC_SW_DET))
        return 0;
    w = c->s + c->t[i].start;
    n = tok_len(c, i);
    return n > 3 && ((w[n - 2] == 'e' && w[n - 1] == 'd') || w[n - 1] == 's');
}

/* Read the attributions before token UPTO: the last reporting verb outside
   quotations whose subject holds a name sets c->subj.  Each token is read
   once for the whole document. */
static void track(qctx *c, size_t upto)
{
    if (upto < c->scan_pos) {
        c->scan_pos = 0;
        c->subj = NONE;
    }
    for (; c->scan_pos < upto; c->scan_pos++) {
        size_t v = c->scan_pos, s, a, b, m;
        if (!is_finite_rv(c, v) || in_quote(c, v))
            continue;
        s = sent_of(c, v);
        subject_of(c, v, sent_first(c, s), sent_end(c, s), &a, &b);
        if (b <= a && v > 0 && (is_punct(c, v - 1, ',') || c->t[v - 1].kind == XC_TOK_QUOTE))
            np_right(c, v + 1, sent_end(c, s), &a, &b); /* "..., said Aliyev" */
        if (b > a && (m = mention_in(c, a, b)) != NONE) {
            c->subj = m;
            c->subj_at = v;
        }
    }
}

/*
 * The name pronoun token P points to, reading no further than token LIMIT
 * (the quote it attributes starts there): the subject of the last
 * attribution before, within ANTECEDENT_BACK tokens; else the nearest
 * person outside quotations (a title or a titled surname first, then a
 * name of two words).  PERSON 0 (for "it", "they") takes only the last
 * attribution's subject when it is no person.  Returns a mention index or
 * NONE.
 */
static size_t antecedent(qctx *c, size_t p, size_t limit, int person)
{
    size_t upto = p < limit ? p : limit, lo, best = NONE, k;
    unsigned best_score = 0;
    lo = upto > ANTECEDENT_BACK ? upto - ANTECEDENT_BACK : 0;
    track(c, upto);
    if (c->subj != NONE && c->subj_at >= lo && !(person && c->men[c->subj].thing))
        return person || !c->men[c->subj].person ? c->subj : NONE;
    if (!person)
        return NONE;
    for (k = mention_after(c, upto); k > 0; k--) {
        const mention *m = &c->men[k - 1];
        unsigned score;
        if (m->a < lo)
            break;
        if (m->b > upto || in_quote(c, m->a) || m->thing)
            continue;
        score = m->person + (subject_like(c, m->b) ? 2u : 0u);
        if (score > best_score) {
            best = k - 1;
            best_score = score;
        }
    }
    return best;
}

/* Words that make a different office of a title: "Vice President" is no
   "president". */
static int title_rank(const qctx *c, size_t i)
{
    static const char *const r[] = {"vice", "deputy", "prime", "former", "acting",
                                    "interim", "assistant", "under", "first", "lieutenant",
                                    "vice-president", NULL};
    for (size_t k = 0; r[k]; k++)
        if (tok_is(c, i, r[k]))
            return 1;
    return 0;
}

/* Is every rank word of the title run [a, e] also among the nominal's
   words [x, y]? */
static int ranks_agree(const qctx *c, size_t a, size_t e, size_t x, size_t y)
{
    for (size_t i = a; i <= e; i++) {
        int found = 0;
        if (!title_rank(c, i))
            continue;
        for (size_t j = x; j <= y; j++)
            if (same_words(c, i, i + 1, j, j + 1))
                found = 1;
        if (!found)
            return 0;
    }
    for (size_t j = x; j <= y; j++) {
        int found = 0;
        if (!title_rank(c, j))
            continue;
        for (size_t i = a; i <= e; i++)
            if (same_words(c, i, i + 1, j, j + 1))
                found = 1;
        if (!found)
            return 0;
    }
    return 1;
}

/* The name a title nominal ("the president", "the foreign minister")
   points to: the nearest earlier name written with a title of the same
   head word and rank ("Vice President Vance" is not "the president"). */
static size_t titled(const qctx *c, size_t head, size_t lo, size_t i)
{
    size_t k = mention_after(c, i), ha = head;
    while (ha > lo && head - ha < 4 && is_word(c, ha - 1) && !(wcls(c, ha - 1) & XC_SW_DET))
        ha--;
    while (k > 0) {
        const mention *m = &c->men[--k];
        size_t ta;
        if (m->b > i || m->title == NONE)
            continue;
        ta = m->title;
        while (ta > 0 && m->title - ta < 4 && is_cap(c, ta - 1))
            ta--;
        if (same_words(c, m->title, m->title + 1, head, head + 1) &&
            ranks_agree(c, ta, m->title, ha, head))
            return k;
    }
    return NONE;
}

/* Fill OUT's speaker and name spans from speaker words [a, b). */
static void set_speaker(qctx *c, size_t a, size_t b, size_t limit, xc_quote *out)
{
    size_t m = NONE;
    out->spk_start = out->spk_end = out->ref_start = out->ref_end = 0;
    if (b <= a || b > c->n)
        return;
    out->spk_start = c->t[a].start;
    out->spk_end = c->t[b - 1].end - poss_len(c, b - 1);
    if (is_pronoun_np(c, a, b)) {
        if (tok_is(c, a, "he") || tok_is(c, a, "she") || tok_is(c, a, "his") ||
            tok_is(c, a, "her"))
            m = antecedent(c, a, limit, 1);
        else if (tok_is(c, a, "they") || tok_is(c, a, "it") || tok_is(c, a, "their") ||
                 tok_is(c, a, "its"))
            m = antecedent(c, a, limit, 0);
    } else if ((m = mention_in(c, a, b)) != NONE && c->men[m].b < b &&
               poss_len(c, c->men[m].b - 1)) {
        m = NONE; /* "Trump's campaign manager" is not Trump */
    } else if (m == NONE) {
        size_t head = b - 1, na, nb, e;
        uint32_t title;
        /* a name the document-wide pass left out at a sentence start */
        for (size_t i = a; i < b; i = e) {
            e = name_span(c, i, b, &na, &nb, &title, 0);
            if (nb > na && nb < b && poss_len(c, nb - 1))
                nb = na; /* "Trump's campaign manager" is not Trump */
            if (nb > na) {
                out->ref_start = c->t[na].start;
                out->ref_end = c->t[nb - 1].end - poss_len(c, nb - 1);
            }
            if (e <= i)
                e = i + 1;
        }
        if (out->ref_end > out->ref_start)
            return;
        if (wcls(c, head) & XC_SW_TITLE)
            m = titled(c, head, a, a);
    }
    if (m != NONE) {
        const mention *x = &c->men[m];
        out->ref_start = c->t[x->a].start;
        out->ref_end = c->t[x->b - 1].end - poss_len(c, x->b - 1);
    }
}

/* Attribute quote Q and decide whether it is one. */
static void decide(qctx *c, rawq *q, const rawq *prev)
{
    attr r = {0, 0, NONE, 0};
    size_t words = 0, o = q->open;
    int tc, sentence_like = 0;
    unsigned lastc;

    for (size_t i = q->first; i <= q->last; i++)
        if (c->t[i].kind == XC_TOK_WORD || c->t[i].kind == XC_TOK_NUMBER)
            words++;
    if (!words)
        return;
    lastc = c->t[q->last].kind == XC_TOK_PUNCT ? (unsigned char)c->s[c->t[q->last].start] : 0;
    if (lastc == '.' || lastc == '?' || lastc == '!' || lastc == ',')
        sentence_like = 1;
    tc = !c->title[block_of(c, o)] && title_case(c, q);

    attr_after(c, q, &r);
    if (r.strength)
        q->attr_verb = (uint32_t)r.verb;
    if (!r.strength)
        attr_colon(c, q, &r);
    if (!r.strength)
        attr_before(c, q, &r);
    if (!r.strength)
        attr_any_verb(c, q, &r);
    if (!r.strength)
        attr_later(c, q, &r);
    if (!r.strength)
        attr_previous(c, o, 1, &r);
    if (!r.strength && prev && prev->keep && prev->spk_b > prev->spk_a &&
        block_of(c, prev->last) + 1 >= block_of(c, o)) {
        r.a = prev->spk_a, r.b = prev->spk_b, r.strength = 1;
    }
    if (!r.strength)
        attr_previous(c, o, 0, &r);

    /* names, titles and scare quotes: a title after "CNN’s", "on", "the"
       goes whatever follows it ("on CNN’s “New Day,” Gillibrand said") */
    if (tc && words <= 6 && o > 0 &&
        (poss_len(c, o - 1) ||
         (is_lower(c, o - 1) && (wcls(c, o - 1) & (XC_SW_STOP | XC_SW_DET))) ||
         tok_is(c, o - 1, "titled") || tok_is(c, o - 1, "entitled") ||
         tok_is(c, o - 1, "dubbed") || tok_is(c, o - 1, "called")))
        return;
    if ((tc || all_caps(c, q)) && r.strength < 3)
        return;
    /* a short fragment needs a verb that governs it, unless it ends in a
       stop or comma inside the marks as a quoted clause does (“No way!”,
       and in US punctuation “absolutely transparent.”); asking more, on
       PolNeAR train, loses as many quotations as it drops false ones */
    if (words <= 4 && r.strength < 2 && !sentence_like)
        return;
    q->keep = 1;
    q->spk_a = (uint32_t)r.a;
    q->spk_b = (uint32_t)r.b;
    /* full or partial: a full quotation starts a sentence or follows a
       colon, comma or dash, with a capital or a number */
    {
        int starts = (c->t[o].flags & XC_TF_SENT_START) || block_start(c, o) ||
                     (o > 0 && (is_punct(c, o - 1, ':') || is_punct(c, o - 1, ',') ||
                                c->t[o - 1].kind == XC_TOK_DASH));
        int cap = is_cap(c, q->first) || c->t[q->first].kind == XC_TOK_NUMBER ||
                  c->t[q->first].kind == XC_TOK_QUOTE;
        q->kind = starts && cap ? XC_QUOTE_DIRECT : XC_QUOTE_PARTIAL;
    }
}

/* “A,” he said. “B.”: does quote B continue quote A across its
   attribution? */
static int continues(const qctx *c, const rawq *a, const rawq *b)
{
    size_t sv, sb;
    if (!a->keep || a->attr_verb == NONE || a->close == NONE)
        return 0;
    if (block_of(c, b->open) != block_of(c, a->attr_verb))
        return 0;
    sv = sent_of(c, a->attr_verb);
    sb = sent_of(c, b->open);
    if (sb != sv && !(sb == sv + 1 && sent_first(c, sb) == b->open))
        return 0;
    /* "..., he said, adding that “B”": B is a fragment of a new report */
    for (size_t k = b->open > a->attr_verb + 4 ? b->open - 3 : a->attr_verb + 1; k < b->open; k++)
        if ((is_rv(c, k) && !(wcls(c, k - 1) & (XC_SW_DET | XC_SW_POSSPRON))) ||
            tok_is(c, k, "that") || c->t[k].kind == XC_TOK_QUOTE)
            return 0;
    /* B has its own attribution after it: a quote of its own */
    return b->attr_verb == NONE;
}

/* ---- Entry points --------------------------------------------------------- */

static xc_code emit(xc_quotes *out, size_t start, size_t end, int kind)
{
    xc_quote *x;
    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 16;
        xc_quote *p = realloc(out->v, cap * sizeof *p);
        if (!p)
            return XC_ERR_NOMEM;
        out->v = p;
        out->cap = cap;
    }
    x = &out->v[out->n++];
    memset(x, 0, sizeof *x);
    x->start = start;
    x->end = end;
    x->kind = (uint8_t)kind;
    return XC_OK;
}

static int by_start(const void *a, const void *b)
{
    const xc_quote *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static xc_code run(qctx *c, xc_quotes *out)
{
    xc_code rc;
    size_t base = out->n, prev = NONE;

    if ((rc = scan_blocks_names(c)) != XC_OK || (rc = find_turns(c)) != XC_OK ||
        (rc = pair_marks(c)) != XC_OK)
        return rc;
    for (size_t k = 0; k < c->nq; k++) {
        rawq *q = &c->q[k];
        if (in_bp(c, q->first))
            continue;
        /* the attribution's verb is known before deciding B continues A */
        if (prev != NONE) {
            attr r = {0, 0, NONE, 0};
            attr_after(c, q, &r);
            q->attr_verb = r.strength ? (uint32_t)r.verb : NONE;
            if (continues(c, &c->q[prev], q)) {
                rawq *a = &c->q[prev];
                xc_quote *x = &out->v[out->n - 1];
                a->last = q->last;
                a->close = q->close;
                x->end = c->t[q->last].end;
                continue;
            }
            q->attr_verb = NONE;
        }
        decide(c, q, prev != NONE ? &c->q[prev] : NULL);
        if (!q->keep)
            continue;

        if ((rc = emit(out, c->t[q->first].start, c->t[q->last].end, q->kind)) != XC_OK)
            return rc;
        set_speaker(c, q->spk_a, q->spk_b, q->open, &out->v[out->n - 1]);
        prev = k;
    }
    for (size_t k = 0; k < c->ntu; k++) {
        const turn *t = &c->tu[k];
        if ((rc = emit(out, c->t[t->a].start, c->t[t->b].end, t->kind)) != XC_OK)
            return rc;
        if (t->spk_a != NONE)
            set_speaker(c, t->spk_a, t->spk_b, t->a, &out->v[out->n - 1]);
    }
    if (c->ntu)
        xc_sort(out->v + base, out->n - base, sizeof *out->v, by_start);
    return XC_OK;
}

xc_code xc_quotes_find(const xc_doc *doc, const xc_tokens *tk, xc_quotes *out)
{
    qctx c;
    xc_code rc;
    if (!doc || !tk || !out)
        return XC_ERR_ARG;
    if (tk->ntok == 0 || !doc->text)
        return XC_OK;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.s = doc->text;
    c.t = tk->tok;
    c.n = tk->ntok;
    c.tk = tk;
    c.subj = NONE;
    rc = run(&c, out);
    free(c.blk);
    free(c.title);
    free(c.men);
    free(c.q);
    free(c.tu);
    return rc;
}

void xc_quotes_free(xc_quotes *q)
{
    if (!q)
        return;
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
}
