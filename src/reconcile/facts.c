/*
 * facts.c: the reconcile stage (DESIGN.md): statements of several reports
 * that answer the same question, compared.  It runs after the entities are
 * merged across the reports and the quotations grouped.
 *
 * Reading.  Each sentence outside page furniture is read as Snowball stems;
 * the lexicon (data/predicates.txt, lexicon.c) marks its predicates
 * ("sentenced", "handed over", "in custody"), modality cues ("is expected
 * to", "could", "not"), topic words and clause openers.  A predicate gives
 * claims through its slots:
 *   - a count: a quantity the predicate governs (the nearest predicate
 *     after its counted object, past an apposition in dashes or a relative
 *     clause; else before it; else inside the object: "19 other Armenians
 *     who remain in custody"), keyed by the counted object's head class
 *     ("prisoners" and "Armenians" are people, "officials" leaders);
 *   - a duration: "20 years", or a sentence in words ("life"), of a person;
 *   - a date: a resolved time of the sentence, of a person;
 *   - an event: a predicate of an event class ("raised", "discussed") with
 *     its person and what it is about ("the issue of the prisoners").
 * The person is the nearest person or organization named before the
 * predicate, unless a clause opener or a reporting verb lies between
 * ("Aliyev said that Vance raised": Vance); "he"/"she" is the subject of
 * the last sentence that named a person.
 *
 * Aligning.  A claim's key is a hash of (slot, predicate class, person,
 * head class, time frame, topic); the claims are sorted by key and each
 * run of one key is a fact, so the work grows with the number of
 * sentences (n log n), never with their pairs.
 *
 * Arithmetic.  Within one report, parts that add up are summed: "Five of
 * them ... the two others ... eight other ..." in one paragraph (5 + 2 +
 * 8), and "the former leaders and 11 other Armenians" where the report
 * counted the leaders elsewhere ("eight former leaders": 8 + 11), and
 * "Ambassador Chris Stevens and three other Americans" (1 + 3).  The sum
 * is the report's answer and the note shows the derivation.
 *
 * Comparing.  Values are normalized (numbers with their bounds, durations
 * in months with life and death apart, dates as TIMEX3 prefixes); two
 * reports conflict when none of their answers is compatible.  A fact
 * answered by one report, or only by copies of one report (copy_of), is
 * single-source.  Notes say what a reader must know: a prospective or
 * hedged claim, a derivation, copies, the people both reports name.
 */
#include "reconcile/facts.h"
#include "reconcile/reconcile.h"
#include "core/dossier.h"
#include "core/util.h"
#include "extract/lexicon.h"

#include <libstemmer.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { SLOT_COUNT = 1, SLOT_DURATION, SLOT_DATE, SLOT_EVENT };

#define LIFE_MONTHS 1e7
#define DEATH_MONTHS 2e7
#define MAX_TOPICS 3
#define NOTE_MAX 4096
#define NOTE_NAMES 3 /* reports named per kind of remark in a note */
#define NEG_REACH 3  /* words between a negation and its predicate */

/* Prepositions that open a phrase a predicate may sit in before its
   subject: "In an interview with France 24 on Friday, Aliyev ..." */
/* Words before a participle that make it passive ("was arrested", "got
   killed"), and words that open an object ("killed his father"). */
#define NAUX 11
static const char *const auxiliaries[NAUX] = {"was", "were", "been", "be", "being", "is",
                                              "are", "get", "got", "gets", "getting"};
#define NDETS 10
static const char *const determiners[NDETS] = {"his", "her", "their", "its", "a",
                                               "an", "the", "my", "our", "your"};
#define NOPENERS 8
static const char *const openers[NOPENERS] = {"in",        "during", "at",     "after",
                                              "following", "before", "amid",   "on"};

/* One claim before grouping. */
typedef struct cand {
    uint64_t key;
    size_t doc, start, end, vstart, vend;
    size_t cstart, cend;   /* the modality cue words, when any */
    uint32_t para;
    uint32_t subject;      /* story entity number, 0 for none */
    uint16_t cls;          /* predicate class */
    int16_t head;          /* noun class of the counted object, -1 */
    int16_t topic;         /* topic class of an event, -1 */
    uint8_t slot, modality, bound, other, part, derived, frame;
    uint8_t generic;       /* the counted head is the generic class people */
    double value;          /* count, or duration in months */
    double total;          /* with derived: the sum */
    char date[11];         /* SLOT_DATE: the TIMEX3 value */
    char deriv[96];        /* with derived: "8 + 11 = 19" */
    size_t ostart, oend;   /* the counted object's words (for the topic) */
    uint64_t conj;         /* "the leaders and 11 other ...": the stem of
                              "leaders", resolved within the document */
} cand;

typedef struct cands {
    cand *v;
    size_t n, cap;
} cands;

/* A quantity of the document with the stem of its counted head. */
typedef struct qhead {
    uint64_t head;
    size_t q;            /* index into the document's quantities */
    size_t start, end;   /* its sentence */
    uint32_t para;
} qhead;

/* Per build: the stemmer and the scratch arrays reused sentence by sentence. */
typedef struct ctx {
    xc_dossier *d;
    struct sb_stemmer *st;
    xc_tokens tk;
    uint64_t *h;         /* stem hash per token of the document */
    uint64_t *f;         /* and the hash of its lower-case form */
    xc_rlex_cache *cache; /* stems of the forms seen */
    size_t caph;
    cands c;
    qhead *qh;
    size_t nqh, capqh;
    int cls_sentence, cls_served, mod_prospective, mod_negated, mod_proposed, frame_past,
        noun_people;
    uint64_t w_he, w_she, w_whom, w_and, w_or, w_of, w_the, w_them, w_other, w_origin;
    uint64_t w_served, w_spent;
    uint64_t w_preps[NOPENERS]; /* the forms of openers[] */
    uint64_t w_aux[NAUX];       /* the forms of auxiliaries[] */
    uint64_t w_dets[NDETS];     /* the forms of determiners[] */
} ctx;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

static xc_code push(cands *c, const cand *x)
{
    cand *v = xc_grow(c->v, &c->cap, c->n, sizeof *v);
    if (!v)
        return XC_ERR_NOMEM;
    c->v = v;
    c->v[c->n++] = *x;
    return XC_OK;
}

static size_t fmt_num(char *buf, size_t cap, double v)
{
    int n = (v == floor(v) && fabs(v) < 1e15) ? snprintf(buf, cap, "%.0f", v)
                                              : snprintf(buf, cap, "%g", v);
    return n < 0 ? 0 : (size_t)n;
}

/* ---- reading one sentence ------------------------------------------------ */

/* A sentence as the reading sees it. */
typedef struct sent {
    size_t doc;
    size_t first, last;  /* token range [first, last) */
    size_t start, end;
    uint32_t para;
    /* its predicates, in text order */
    xc_rmatch pm[64];
    size_t pt[64];
    size_t npm;
    /* person and organization mentions: token index, story entity */
    size_t mt[64];
    size_t mend[64];   /* the token after the mention */
    uint32_t me[64];
    uint8_t mtype[64];
    size_t nme;
} sent;

/* The token at byte offset OFF (the first token starting at or after it). */
static size_t tok_at(const xc_tokens *tk, size_t off)
{
    size_t lo = 0, hi = tk->ntok;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (tk->tok[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The token ending at or before byte offset OFF (the last inside a span
   ending there). */
static size_t tok_before(const xc_tokens *tk, size_t off)
{
    size_t i = tok_at(tk, off);
    return i ? i - 1 : 0;
}

/* The longest phrase of KIND at token I (tokens end at N). */
static int match(const ctx *x, size_t n, size_t i, int kind, xc_rmatch *m)
{
    return xc_rlex_match(xc_rlex_by_form(kind) ? x->f : x->h, n, i, kind, m);
}

static int is_clause(const ctx *x, size_t i, size_t n)
{
    xc_rmatch m;
    return match(x, n, i, XC_RK_CLAUSE, &m);
}

/* Is any token in (A, B) a clause opener? */
static int clause_between(const ctx *x, size_t a, size_t b, size_t n)
{
    for (size_t i = a + 1; i < b; i++)
        if (is_clause(x, i, n))
            return 1;
    return 0;
}

/* The modality of a claim whose words run over tokens [A, B) with its
   predicate at token P: cues from the clause opening before A up to B; a
   negation only next to the predicate ("was not released", "ruled out the
   release"), not anywhere in the clause ("not accorded the rituals of such
   a visit").  Sets *CS, *CE to the cue's bytes. */
/* How much a modality outweighs the others when a clause has several. */
static int mod_rank(uint8_t m)
{
    static const int rank[] = {0, 1, 2, 4, 3}; /* asserted, prospective, hedged,
                                                  negated, proposed */
    return m < sizeof rank / sizeof *rank ? rank[m] : 0;
}

static uint8_t modality(const ctx *x, const sent *s, size_t a, size_t b, size_t p, size_t *cs,
                        size_t *ce)
{
    const xc_token *tok = x->tk.tok;
    size_t from = a;
    uint8_t mod = XC_MOD_ASSERTED;
    while (from > s->first) {
        const xc_token *t = &tok[from - 1];
        if ((t->kind == XC_TOK_PUNCT && (x->d->docs[s->doc]->text[t->start] == ',' ||
                                         x->d->docs[s->doc]->text[t->start] == ';')) ||
            t->kind == XC_TOK_DASH || is_clause(x, from - 1, s->last))
            break;
        from--;
    }
    for (size_t i = from; i < b && i < s->last; i++) {
        xc_rmatch m;
        if (match(x, s->last, i, XC_RK_MODALITY, &m)) {
            uint8_t v = (int)m.cls == x->mod_negated       ? XC_MOD_NEGATED
                        : (int)m.cls == x->mod_proposed    ? XC_MOD_PROPOSED
                        : (int)m.cls == x->mod_prospective ? XC_MOD_PROSPECTIVE
                                                           : XC_MOD_HEDGED;
            /* a negation or a proposal only next to the predicate or the
               value: "was not released", "in exchange for a life sentence" */
            if ((v == XC_MOD_NEGATED || v == XC_MOD_PROPOSED) &&
                (i + m.len + NEG_REACH < p || i > p) &&
                (v == XC_MOD_NEGATED || i + m.len + NEG_REACH < a || i >= a)) {
                i += m.len - 1;
                continue;
            }
            /* negation outweighs a proposal, a proposal a hedge, a hedge a
               prospect */
            if (mod_rank(v) > mod_rank(mod)) {
                mod = v;
                *cs = tok[i].start;
                *ce = tok[i + m.len - 1].end;
            }
            i += m.len - 1;
        }
    }
    return mod;
}

/* Does sentence S open with a date that ended a month or more before its
   report was published ("In February, a gunman killed five people at a
   mall", in a report of May; "In 2019, ...")?  Such a paragraph tells an
   earlier event, whose numbers are not the story's. */
static int opens_earlier(const ctx *x, const sent *s)
{
    const xc_doc *doc = x->d->docs[s->doc];
    const xc_times *ts = &x->d->times[s->doc];
    long ref = xc_reconcile_day(doc->published);
    size_t open_end = s->first + 3 < s->last ? x->tk.tok[s->first + 3].start : s->end;
    size_t lo = 0, hi = ts->n;
    if (ref < 0)
        return 0;
    /* the first date of the sentence (dates are in text order): a search,
       not a walk from the top of the report for every sentence */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ts->v[mid].start < s->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < ts->n && ts->v[i].start < open_end; i++) {
        const char *v = ts->v[i].value;
        char last[16];
        size_t n = strlen(v);
        if (ts->v[i].start < s->start || !(n == 4 || n == 7 || n == 10) || v[0] == 'X')
            continue;
        /* the last day the expression can mean (the 28th of a month is
           near enough for a margin of 30 days) */
        snprintf(last, sizeof last, "%.4s-%.2s-%.2s", v, n >= 7 ? v + 5 : "12",
                 n == 10 ? v + 8 : "28");
        if (xc_reconcile_day(last) >= 0 && ref - xc_reconcile_day(last) > 30)
            return 1;
    }
    return 0;
}

static int in_frame(const ctx *x, const sent *s, size_t upto)
{
    for (size_t i = s->first; i < upto && i < s->last; i++) {
        xc_rmatch m;
        if (match(x, s->last, i, XC_RK_FRAME, &m) && (int)m.cls == x->frame_past)
            return 1;
    }
    return opens_earlier(x, s);
}

static int is_break(const ctx *x, const sent *s, size_t i);

/* Does the sentence open with a preposition ("In", "During", "At")? */
static int is_preposition(const ctx *x, size_t i)
{
    for (size_t k = 0; k < NOPENERS; k++)
        if (x->f[i] == x->w_preps[k])
            return 1;
    return 0;
}

/* Is the word at token P a verb in the past written in the active voice:
   "-ed", with no auxiliary of the passive just before it ("was arrested",
   "had been freed") and not right after a comma ("Smith, arrested on
   Monday, ...")? */
static int active_verb(const ctx *x, const sent *s, size_t p)
{
    const xc_token *t = &x->tk.tok[p];
    const char *text = x->d->docs[s->doc]->text;
    if (t->kind != XC_TOK_WORD || t->end - t->start < 4 || text[t->end - 2] != 'e' ||
        text[t->end - 1] != 'd')
        return 0;
    for (size_t i = p; i > s->first && p - i < 3; i--) {
        const xc_token *b = &x->tk.tok[i - 1];
        if (b->kind != XC_TOK_WORD)
            return !(i == p && b->kind == XC_TOK_PUNCT && text[b->start] == ',');
        for (size_t a = 0; a < NAUX; a++)
            if (x->f[i - 1] == x->w_aux[a])
                return 0;
    }
    return 1;
}

/*
 * The subject of predicate K of S: the nearest person or organization
 * named before it with no clause opener between; "he"/"she" before it
 * stands for LAST_PERSON.  A predicate inside an opening phrase ("In an
 * interview with France 24 on Friday, Aliyev ...") takes the first person
 * after that phrase's comma.  0 when none.
 */
static uint32_t subject_of(const ctx *x, const sent *s, size_t k, uint32_t last_person)
{
    size_t p = s->pt[k];
    const char *text = x->d->docs[s->doc]->text;
    /* "The FBI arrested John Smith", "LaRue shot and killed his father": a
       predicate of what is done to people, in the active voice, is about
       its object, the person named right after it (or nobody named, when
       a determiner opens the object), not about the agent before it */
    if (s->pm[k].kind == XC_RK_PREDICATE && (xc_rlex_class(s->pm[k].cls)->flags & XC_RF_PEOPLE) &&
        active_verb(x, s, p)) {
        size_t after = p + s->pm[k].len;
        for (size_t m = 0; m < s->nme; m++)
            if (s->mt[m] == after && s->mtype[m] == XC_ENT_PERSON)
                return s->me[m];
        for (size_t i = 0; after < s->last && i < NDETS; i++)
            if (x->f[after] == x->w_dets[i])
                return 0;
        /* "whom Fred LaRue shot and killed": the object came first */
        for (size_t m = s->nme; m-- > 0;)
            if (s->mt[m] < p) {
                if (s->mt[m] > s->first && x->f[s->mt[m] - 1] == x->w_whom)
                    return 0;
                break;
            }
    }
    for (size_t m = s->nme; m-- > 0;) {
        if (s->mt[m] >= p)
            continue;
        if (clause_between(x, s->mt[m], p, s->last))
            break;
        return s->me[m];
    }
    for (size_t i = p; i-- > s->first;) {
        if (x->h[i] == x->w_he || x->h[i] == x->w_she) {
            if (clause_between(x, i, p, s->last))
                return 0;
            /* "Howard said he had talked": the person named before the
               pronoun in the same sentence, else the last one before it */
            for (size_t m = s->nme; m-- > 0;)
                if (s->mt[m] < i && s->mtype[m] == XC_ENT_PERSON)
                    return s->me[m];
            return last_person;
        }
    }
    /* no agent named: the person it was done to ("Police arrested Tomas
       Berg"), named right after a predicate that is no event */
    for (size_t m = 0; m < s->nme && s->pm[k].kind == XC_RK_PREDICATE; m++)
        if (s->mt[m] == p + s->pm[k].len && s->mtype[m] == XC_ENT_PERSON)
            return s->me[m];
    /* an opening phrase ("In an interview ..., Aliyev"): the sentence opens
       with a preposition, and no comma or clause opener comes before the
       predicate or between it and the comma that ends the phrase */
    if (!x->tk.ntok || !is_preposition(x, s->first))
        return 0;
    for (size_t i = s->first; i < p; i++)
        if (is_break(x, s, i) || is_clause(x, i, s->last))
            return 0;
    for (size_t i = p + 1; i < s->last && i < p + 12; i++) {
        const xc_token *t = &x->tk.tok[i];
        if (is_clause(x, i, s->last))
            return 0;
        if (t->kind == XC_TOK_PUNCT && text[t->start] == ',') {
            for (size_t m = 0; m < s->nme; m++)
                if (s->mt[m] == i + 1 && s->mtype[m] == XC_ENT_PERSON)
                    return s->me[m];
            return 0;
        }
    }
    return 0;
}

/* Is token I a comma, a semicolon, or a dash? */
static int is_break(const ctx *x, const sent *s, size_t i)
{
    const xc_token *t = &x->tk.tok[i];
    char c = x->d->docs[s->doc]->text[t->start];
    return (t->kind == XC_TOK_PUNCT && (c == ',' || c == ';' || c == ':')) || t->kind == XC_TOK_DASH;
}

/*
 * The predicate that governs the quantity over tokens [QA, QB) whose
 * counted object is [OA, OB) (OA == OB when none): see the file comment.
 * Returns its index in S, or -1.
 */
static int governing(const ctx *x, const sent *s, size_t qa, size_t qb, size_t oa, size_t ob)
{
    size_t after = ob > qb ? ob : qb, i = after;
    int best = -1;
    size_t bestscore = 13;
    /* after the object: past an apposition in dashes and a relative clause */
    while (i < s->last) {
        const xc_token *t = &x->tk.tok[i];
        if (t->kind == XC_TOK_DASH) {
            size_t j = i + 1;
            while (j < s->last && x->tk.tok[j].kind != XC_TOK_DASH)
                j++;
            if (j >= s->last)
                break;
            i = j + 1;
            after = i;
            continue;
        }
        if (is_clause(x, i, s->last) && i == after) {
            size_t j = i + 1;
            while (j < s->last && !is_break(x, s, j))
                j++;
            if (j >= s->last)
                break;
            i = j + 1;
            after = i;
            continue;
        }
        break;
    }
    for (size_t k = 0; k < s->npm; k++) {
        size_t p = s->pt[k], score;
        if (s->pm[k].kind != XC_RK_PREDICATE)
            continue; /* events take no numbers ("the two reporters who raised") */
        if (p >= after) {
            int stop = 0;
            for (size_t j = after; j < p && !stop; j++)
                stop = is_break(x, s, j) || is_clause(x, j, s->last);
            if (stop)
                continue;
            score = p - after;
        } else if (p + s->pm[k].len <= qa) {
            if (clause_between(x, p + s->pm[k].len - 1, qa, s->last))
                continue;
            /* "A receptionist died and two men underwent surgery": a
               predicate that ends its clause governs nothing after it */
            if (p + s->pm[k].len < qa &&
                (x->h[p + s->pm[k].len] == x->w_and || x->h[p + s->pm[k].len] == x->w_or))
                continue;
            {
                int stop = 0;
                for (size_t j = p + s->pm[k].len; j < qa && !stop; j++)
                    stop = is_break(x, s, j);
                if (stop)
                    continue;
            }
            score = qa - (p + s->pm[k].len);
        } else if (p >= oa && p < ob) {
            score = 6 + (p - oa);
        } else {
            continue;
        }
        if (score < bestscore) {
            bestscore = score;
            best = (int)k;
        }
    }
    return best;
}

/* The head of the counted object [OA, OB) of a quantity ending before
   token QB: the token index of its head word, or (size_t)-1. */
static size_t head_word(const ctx *x, const sent *s, size_t qb, size_t oa, size_t ob)
{
    const xc_token *tok = x->tk.tok;
    const char *text = x->d->docs[s->doc]->text;
    size_t head = (size_t)-1;
    if (oa == ob) {
        /* "Five of them" */
        if (qb + 1 < s->last && x->h[qb] == x->w_of && x->h[qb + 1] == x->w_them)
            return qb + 1;
        return head;
    }
    for (size_t i = oa; i < ob && i < s->last; i++) {
        const xc_token *t = &tok[i];
        size_t n = t->end - t->start;
        xc_rmatch m;
        if (t->kind != XC_TOK_WORD)
            break;
        if (i > oa && (is_clause(x, i, s->last) || match(x, s->last, i, XC_RK_PREDICATE, &m)))
            break;
        if (i > oa && n > 3 && text[t->start] >= 'a' && text[t->start] <= 'z' &&
            text[t->end - 2] == 'e' && text[t->end - 1] == 'd')
            break; /* a participle: "tried together with them" */
        if (i > oa && (x->h[i] == x->w_and || x->h[i] == x->w_or))
            break; /* "two fishing boats and 22 fishermen": boats */
        if (i > oa && x->h[i] == x->w_of) {
            /* "people of Armenian origin" counts people */
            if (i + 2 < ob && x->h[i + 2] == x->w_origin)
                break;
            break;
        }
        if (n <= 3 && text[t->start] >= 'a' && text[t->start] <= 'z' && i > oa &&
            (strncmp(text + t->start, "in", n) == 0 || strncmp(text + t->start, "at", n) == 0 ||
             strncmp(text + t->start, "on", n) == 0 || strncmp(text + t->start, "to", n) == 0 ||
             strncmp(text + t->start, "for", n) == 0 || strncmp(text + t->start, "by", n) == 0))
            break;
        head = i;
    }
    return head;
}

/* Does head word I name people: a noun class, a person noun of the
   lexicon, or an agent noun ("protesters", "investors", "activists")? */
static int person_head(const ctx *x, const sent *s, size_t i)
{
    static const char *const suffixes[] = {"er", "ers", "or", "ors", "ist", "ists",
                                           "ant", "ants", "ent", "ents", NULL};
    const xc_token *t = &x->tk.tok[i];
    const char *w = x->d->docs[s->doc]->text + t->start;
    size_t n = t->end - t->start;
    xc_rmatch m;
    /* things in -er and -or: "two helicopters were evacuating the injured" */
    static const char *const things[] = {
        "helicopters", "helicopter", "containers", "computers", "numbers", "letters",
        "papers", "centers", "centres", "meters", "metres", "liters", "litres",
        "quarters", "headquarters", "towers", "corners", "matters", "chambers",
        "layers", "borders", "rivers", "waters", "powers", "orders", "barriers",
        "trailers", "tankers", "cruisers", "destroyers", "carriers", "tractors",
        "motors", "sensors", "reactors", "generators", "sectors", "factors",
        "floors", "doors", "errors", "mirrors", "shelters", "clusters", "chapters",
        "registers", "markers", "posters", "banners", "scooters", "printers", "filters", "folders", "covers", "rockers", "hangars",
        "airliners", "freighters", "steamers", "trawlers", "bulldozers", "tenders",
        "counters", "boosters", "lasers", "monsters", "transistors", "elevators",
        "escalators", "radiators", "detectors", "projectors", "processors",
        "indicators", "corridors", "ventilators", "incubators", NULL};
    if (match(x, s->last, i, XC_RK_NOUN, &m) || match(x, s->last, i, XC_RK_PERSON, &m))
        return 1;
    for (size_t k = 0; things[k]; k++)
        if (strlen(things[k]) == n && strncasecmp(w, things[k], n) == 0)
            return 0;
    for (size_t k = 0; suffixes[k] && n > 5; k++) {
        size_t l = strlen(suffixes[k]);
        if (memcmp(w + n - l, suffixes[k], l) == 0)
            return 1;
    }
    return 0;
}

/* The class of head word I: a noun class of the lexicon, else -1. */
static int16_t head_class(const ctx *x, const sent *s, size_t i)
{
    xc_rmatch m;
    if (i != (size_t)-1 && match(x, s->last, i, XC_RK_NOUN, &m))
        return (int16_t)m.cls;
    return -1;
}

static uint64_t head_key(const ctx *x, const sent *s, size_t i)
{
    int16_t c = head_class(x, s, i);
    if (c >= 0)
        return 0x100u + (uint64_t)c;
    return i == (size_t)-1 ? 0 : x->h[i];
}

/* Months of an ISO duration "P20Y", "P6M", "P2W", "P10D"; -1 if none. */
static double months_of(const char *iso)
{
    double v;
    char unit;
    if (!iso || iso[0] != 'P' || sscanf(iso + 1, "%lf%c", &v, &unit) != 2)
        return -1;
    switch (unit) {
    case 'Y': return v * 12;
    case 'M': return v;
    case 'W': return v * 7 / 30.44;
    case 'D': return v / 30.44;
    default: return -1;
    }
}

static void base_cand(cand *c, const sent *s, size_t doc)
{
    memset(c, 0, sizeof *c);
    c->doc = doc;
    c->start = s->start;
    c->end = s->end;
    c->para = s->para;
    c->head = -1;
    c->topic = -1;
}

/* Is the number at [A, B) of TEXT one side of a score or a range written
   with a hyphen or a dash ("31-24", "20 - 13", "9-3")?  [S, E) is its
   sentence. */
static int score_like(const char *text, size_t s, size_t e, size_t a, size_t b)
{
    size_t i = b, j = a;
    while (i < e && text[i] == ' ')
        i++;
    if (i < e && text[i] == '-') {
        i++;
        while (i < e && text[i] == ' ')
            i++;
        if (i < e && text[i] >= '0' && text[i] <= '9')
            return 1;
    }
    while (j > s && text[j - 1] == ' ')
        j--;
    if (j > s && text[j - 1] == '-') {
        j--;
        while (j > s && text[j - 1] == ' ')
            j--;
        if (j > s && text[j - 1] >= '0' && text[j - 1] <= '9')
            return 1;
    }
    return 0;
}

/* Whether the duration at token QA of S is time served: "served" or
   "spent", as written, at most six words before it with no punctuation
   between ("served nearly four months", "has spent the last 10 years",
   "served a reduced sentence of four and a half months").  Not the other
   forms: "sentenced to serve 10 years", "is serving a 10-year sentence"
   and "will spend 10 years" tell the sentence. */
static int time_served(const ctx *x, const sent *s, size_t qa)
{
    for (size_t i = qa, n = 0; i > s->first && n < 6; n++) {
        uint64_t f = x->f[--i];
        if (x->tk.tok[i].kind != XC_TOK_WORD)
            return 0;
        if (f == x->w_served || f == x->w_spent)
            return 1;
    }
    return 0;
}

/* Counts and durations: the quantities of sentence S. */
static xc_code read_quantities(ctx *x, const sent *s, size_t *qcur, uint32_t last_person)
{
    const xc_quantities *qs = &x->d->quantities[s->doc];
    xc_code rc;
    for (; *qcur < qs->n && qs->v[*qcur].start < s->end; (*qcur)++) {
        const xc_quantity *q = &qs->v[*qcur];
        size_t qa, qb, oa, ob, hw;
        int k;
        cand c;
        if (q->start < s->start)
            continue;
        qa = tok_at(&x->tk, q->start);
        qb = tok_before(&x->tk, q->end) + 1;
        oa = ob = qb;
        if (q->obj_end > q->obj_start) {
            oa = tok_at(&x->tk, q->obj_start);
            ob = tok_before(&x->tk, q->obj_end) + 1;
        }
        if (qb > s->last || ob > s->last)
            continue;
        /* an age ("a 66-year-old woman") counts nothing, nor does a score
           or a range of two numbers ("a 31-24 win", "a 20 - 13 lead") */
        if (q->end + 9 <= s->end && strncmp(x->d->docs[s->doc]->text + q->end, "-year-old", 9) == 0)
            continue;
        if (score_like(x->d->docs[s->doc]->text, s->start, s->end, q->start, q->end))
            continue;
        /* the whole of a part ("two of the three victims died"): the part
           is the count */
        if (*qcur > 0 && qa > s->first + 1) {
            size_t of = qa - 1;
            if (x->h[of] == x->w_the && of > s->first + 1)
                of--;
            if (x->h[of] == x->w_of && qs->v[*qcur - 1].end == x->tk.tok[of - 1].end)
                continue;
        }
        hw = head_word(x, s, qb, oa, ob);
        /* every counted quantity, for "the leaders and 11 other Armenians" */
        if (!q->duration[0] && hw != (size_t)-1) {
            qhead *v = xc_grow(x->qh, &x->capqh, x->nqh, sizeof *v);
            if (!v)
                return XC_ERR_NOMEM;
            x->qh = v;
            x->qh[x->nqh++] = (qhead){x->h[hw], *qcur, s->start, s->end, s->para};
        }
        k = governing(x, s, qa, qb, oa, ob);
        if (k < 0)
            continue;
        base_cand(&c, s, s->doc);
        c.cls = s->pm[k].cls;
        c.vstart = q->start;
        c.vend = q->end;
        c.bound = q->bound;
        c.modality = modality(x, s, qa < s->pt[k] ? qa : s->pt[k],
                              (qb > s->pt[k] + s->pm[k].len ? qb : s->pt[k] + s->pm[k].len),
                              s->pt[k], &c.cstart, &c.cend);
        if (q->duration[0]) {
            /* a duration: the sentence of a person, or the time served of
               it ("served four months in prison", "spent 10 years behind
               bars"), which is another question */
            double mo = months_of(q->duration);
            if (mo < 0 || !(c.subject = subject_of(x, s, (size_t)k, last_person)))
                continue;
            if ((int)c.cls == x->cls_sentence && x->cls_served >= 0 && time_served(x, s, qa))
                c.cls = (uint16_t)x->cls_served;
            c.slot = SLOT_DURATION;
            c.value = mo;
            if (oa < ob && oa < s->last)
                c.vend = x->tk.tok[oa].end; /* "20 years" */
            c.key = mix(mix(mix(SLOT_DURATION, c.cls), c.subject), 0);
        } else if (hw == (size_t)-1) {
            /* an amount without a counted object ("fined at least $2
               million"): the amount of a person or organization; a
               predicate of people counts people, never a bare number
               ("Williams, 32, was arrested", "returned it 35 yards") */
            if (c.modality == XC_MOD_NEGATED || (xc_rlex_class(c.cls)->flags & XC_RF_PEOPLE) ||
                !(c.subject = subject_of(x, s, (size_t)k, last_person)))
                continue;
            c.slot = SLOT_COUNT;
            c.value = q->value;
            c.key = mix(mix(mix(SLOT_COUNT, c.cls), c.subject), 13);
        } else {
            if (c.modality == XC_MOD_NEGATED ||
                ((xc_rlex_class(c.cls)->flags & XC_RF_PEOPLE) &&
                 (!person_head(x, s, hw) || q->value != floor(q->value))))
                continue; /* "12 states" held, "half of the voters" released */
            c.slot = SLOT_COUNT;
            c.value = q->value;
            c.head = head_class(x, s, hw);
            c.generic = (uint8_t)(c.head >= 0 && c.head == x->noun_people);
            c.frame = (uint8_t)in_frame(x, s, qa);
            c.ostart = q->obj_end > q->obj_start ? q->obj_start : x->tk.tok[hw].start;
            c.oend = x->tk.tok[hw].end;
            /* "the two others", "eight other Karabakh Armenians": a further part */
            c.other = (uint8_t)((oa < ob && x->h[oa] == x->w_other) ||
                                (hw != (size_t)-1 && x->h[hw] == x->w_other));
            c.key = mix(mix(mix(mix(SLOT_COUNT, c.cls), head_key(x, s, hw)), c.frame), 7);
            /* "the former leaders and 11 other Armenians": remember the conjunct */
            if (c.other && qa >= s->first + 2 && x->h[qa - 1] == x->w_and) {
                /* "Ambassador Chris Stevens and three other Americans": one
                   person named, so 1 + 3 */
                for (size_t m = 0; m < s->nme; m++)
                    if (s->mtype[m] == XC_ENT_PERSON && s->mend[m] == qa - 1) {
                        char a[24], t[24];
                        c.derived = 1;
                        c.total = c.value + 1;
                        fmt_num(a, sizeof a, c.value);
                        fmt_num(t, sizeof t, c.total);
                        snprintf(c.deriv, sizeof c.deriv, "1 + %s = %s", a, t);
                    }
                if (!c.derived)
                    c.conj = x->h[qa - 2];
            }
        }
        if ((rc = push(&x->c, &c)) != XC_OK)
            return rc;
    }
    return XC_OK;
}

/* Sentences in words ("life", "death") next to a sentence predicate. */
static xc_code read_terms(ctx *x, const sent *s, uint32_t last_person)
{
    for (size_t i = s->first; i < s->last; i++) {
        xc_rmatch m;
        const xc_rclass *tc;
        int k = -1;
        cand c;
        xc_code rc;
        if (!match(x, s->last, i, XC_RK_TERM, &m))
            continue;
        tc = xc_rlex_class(m.cls);
        /* the sentence predicate at or just before the term */
        for (size_t j = 0; j < s->npm; j++)
            if ((int)s->pm[j].cls == x->cls_sentence && s->pt[j] <= i + m.len &&
                s->pt[j] + s->pm[j].len + 3 >= i)
                k = (int)j;
        if (k < 0) {
            i += m.len - 1;
            continue;
        }
        base_cand(&c, s, s->doc);
        c.cls = s->pm[k].cls;
        c.slot = SLOT_DURATION;
        c.value = strcmp(tc->name, "death") == 0 ? DEATH_MONTHS : LIFE_MONTHS;
        c.vstart = x->tk.tok[i].start;
        c.vend = x->tk.tok[i + m.len - 1].end;
        if (!(c.subject = subject_of(x, s, (size_t)k, last_person))) {
            i += m.len - 1;
            continue;
        }
        c.modality = modality(x, s, s->pt[k] < i ? s->pt[k] : i, i + m.len, s->pt[k], &c.cstart,
                              &c.cend);
        c.key = mix(mix(mix(SLOT_DURATION, c.cls), c.subject), 0);
        if ((rc = push(&x->c, &c)) != XC_OK)
            return rc;
        i += m.len - 1;
    }
    return XC_OK;
}

/* Dates: each resolved time of S, with the nearest predicate and its person. */
static xc_code read_dates(ctx *x, const sent *s, size_t *tcur, uint32_t last_person)
{
    const xc_times *ts = &x->d->times[s->doc];
    xc_code rc;
    for (; *tcur < ts->n && ts->v[*tcur].start < s->end; (*tcur)++) {
        const xc_time *t = &ts->v[*tcur];
        size_t ta, best = (size_t)-1, bd = 10;
        cand c;
        if (t->start < s->start || !t->value[0] || strchr(t->value, 'X') ||
            !xc_reconcile_dated(x->d->docs[s->doc], t))
            continue;
        ta = tok_at(&x->tk, t->start);
        {
            /* a bare year before a noun names a thing ("the 2020 war",
               "the 1991 massacre"), not when the predicate happened */
            size_t after = tok_at(&x->tk, t->end);
            if (strlen(t->value) == 4 && after < s->last &&
                x->tk.tok[after].kind == XC_TOK_WORD)
                continue;
        }
        for (size_t k = 0; k < s->npm; k++) {
            size_t p = s->pt[k], dist = p > ta ? p - ta : ta - p;
            /* the date of another clause ("on Saturday, hours after ... the
               interview") is not this predicate's */
            if (clause_between(x, p < ta ? p : ta, p < ta ? ta : p, s->last))
                continue;
            if (dist < bd) {
                bd = dist;
                best = k;
            }
        }
        if (best == (size_t)-1)
            continue;
        base_cand(&c, s, s->doc);
        c.cls = s->pm[best].cls;
        if (!(c.subject = subject_of(x, s, best, last_person)))
            continue;
        c.slot = SLOT_DATE;
        memcpy(c.date, t->value, sizeof c.date);
        c.vstart = t->start;
        c.vend = t->end;
        c.modality = modality(x, s, s->pt[best] < ta ? s->pt[best] : ta,
                              (s->pt[best] > ta ? s->pt[best] : ta) + 1, s->pt[best], &c.cstart,
                              &c.cend);
        c.key = mix(mix(mix(SLOT_DATE, c.cls), c.subject), 3);
        if ((rc = push(&x->c, &c)) != XC_OK)
            return rc;
    }
    return XC_OK;
}

/* Is anything named (a person, organization or place other than SUBJ)
   within a few words from token I of S? */
static int named_after(const ctx *x, const sent *s, size_t i, uint32_t subj)
{
    const xc_entities *en = &x->d->entities[s->doc];
    const uint32_t *ids = x->d->entity_ids[s->doc];
    size_t from, to;
    if (i >= s->last)
        return 0;
    from = x->tk.tok[i].start;
    to = x->tk.tok[i + 4 < s->last ? i + 4 : s->last - 1].end;
    for (size_t k = 0; k < en->nm && en->m[k].start < to; k++) {
        uint32_t id;
        if (en->m[k].start < from || en->m[k].boilerplate || en->m[k].entity >= en->nentities)
            continue;
        id = ids[en->m[k].entity];
        if (id && id != subj)
            return 1;
    }
    return 0;
}

/* Events: an event predicate with its person and what it is about. */
static xc_code read_events(ctx *x, const sent *s, uint32_t last_person)
{
    xc_code rc;
    for (size_t k = 0; k < s->npm; k++) {
        const xc_rmatch *pm = &s->pm[k];
        int16_t topics[MAX_TOPICS];
        size_t tend[MAX_TOPICS], nt = 0;
        uint32_t subj;
        size_t p = s->pt[k];
        if (pm->kind != XC_RK_EVENT || !(subj = subject_of(x, s, k, last_person)))
            continue;
        /* what it is about: topic words before the next predicate */
        size_t stop = s->last;
        for (size_t j = k + 1; j < s->npm; j++)
            if (s->pm[j].kind == XC_RK_EVENT) {
                stop = s->pt[j];
                break;
            }
        if (stop > p + pm->len + 16)
            stop = p + pm->len + 16;
        for (size_t i = p + pm->len; i < stop && nt < MAX_TOPICS; i++) {
            xc_rmatch m;
            int seen = 0;
            if (!match(x, s->last, i, XC_RK_TOPIC, &m))
                continue;
            for (size_t j = 0; j < nt; j++)
                seen |= topics[j] == (int16_t)m.cls;
            if (!seen) {
                topics[nt] = (int16_t)m.cls;
                tend[nt++] = i + m.len - 1;
            }
            i += m.len - 1;
        }
        if (!nt && (xc_rlex_class(pm->cls)->flags & XC_RF_ABOUT) &&
            !named_after(x, s, p + pm->len, subj))
            continue; /* "raised money": no topic; "met with Putin": a person */
        for (size_t j = 0; j < (nt ? nt : 1); j++) {
            cand c;
            base_cand(&c, s, s->doc);
            c.cls = pm->cls;
            c.slot = SLOT_EVENT;
            c.subject = subj;
            c.topic = nt ? topics[j] : -1;
            c.vstart = x->tk.tok[p].start;
            /* the value: the predicate up to its topic word when close */
            c.vend = x->tk.tok[nt && tend[j] < p + pm->len + 8 ? tend[j] : p + pm->len - 1].end;
            c.modality = modality(x, s, p, p + pm->len, p, &c.cstart, &c.cend);
            c.key = mix(mix(mix(mix(SLOT_EVENT, c.cls), subj), (uint64_t)(c.topic + 2)), 5);
            if ((rc = push(&x->c, &c)) != XC_OK)
                return rc;
        }
    }
    return XC_OK;
}

/* ---- arithmetic within one document --------------------------------------- */


/* May count A be an earlier part of the sum that part C continues?  The
   same question in the same paragraph; "other people" also continues a
   count of a more specific head ("Three soldiers ..., four other people"). */
static int same_chain(const cand *a, const cand *c)
{
    if (a->slot != SLOT_COUNT || a->para != c->para || a->subject || c->subject)
        return 0;
    if (a->key == c->key)
        return 1;
    return a->cls == c->cls && a->frame == c->frame && c->generic && a->head >= 0;
}

/*
 * The counts of document DOC (its candidates from index FROM on): resolve
 * "the X and N other Y" against the document's count of X, and sum the
 * parts of one paragraph ("Five of them ... the two others ... eight
 * other ...").  The claim that ends a sum carries it; the other parts are
 * marked as parts.
 */
static xc_code derive(ctx *x, size_t from)
{
    cand *v = x->c.v;
    size_t n = x->c.n;
    for (size_t i = from; i < n; i++) {
        cand *c = &v[i];
        char a[24], b[24], t[24];
        if (c->slot != SLOT_COUNT || !c->other || c->derived)
            continue;
        if (c->conj) {
            /* a conjunct counted elsewhere in the document */
            uint64_t want = c->conj;
            const qhead *found = NULL;
            for (size_t k = 0; k < x->nqh; k++)
                if (x->qh[k].head == want && x->qh[k].start != c->start)
                    found = &x->qh[k];
            if (found) {
                const xc_quantity *q = &x->d->quantities[c->doc].v[found->q];
                cand part;
                xc_code rc;
                c->derived = 1;
                c->total = q->value + c->value;
                fmt_num(a, sizeof a, q->value);
                fmt_num(b, sizeof b, c->value);
                fmt_num(t, sizeof t, c->total);
                snprintf(c->deriv, sizeof c->deriv, "%s + %s = %s", a, b, t);
                part = *c;
                part.derived = 0;
                part.part = 1;
                part.start = found->start;
                part.end = found->end;
                part.vstart = q->start;
                part.vend = q->end;
                part.para = found->para;
                part.value = q->value;
                part.total = 0;
                part.conj = 0;
                part.cstart = part.cend = 0;
                part.modality = XC_MOD_ASSERTED;
                if ((rc = push(&x->c, &part)) != XC_OK)
                    return rc;
                v = x->c.v;
                continue;
            }
        }
        /* the parts before it in the paragraph, with the same key */
        {
            size_t first = i, nparts = 1;
            double sum = c->value;
            int ok = c->bound == XC_BOUND_EXACT;
            /* a running sum ("Five ... the two others ... eight other") takes
               the earlier parts, and the latest part carries the sum */
            for (size_t k = i; k-- > from;) {
                if (!same_chain(&v[k], c))
                    continue;
                if (v[k].conj || v[k].bound != XC_BOUND_EXACT) {
                    ok = 0;
                    break;
                }
                first = k;
                nparts++;
                sum += v[k].value;
                if (!v[k].other)
                    break;
            }
            if (!ok || nparts < 2 || v[first].other)
                continue;
            {
                size_t len = 0;
                for (size_t k = first; k <= i; k++) {
                    if (k != i && !same_chain(&v[k], c))
                        continue;
                    if (k != i) {
                        v[k].part = 1;
                        v[k].derived = 0;
                    }
                    fmt_num(a, sizeof a, v[k].value);
                    len += (size_t)snprintf(c->deriv + len, sizeof c->deriv - len, "%s%s",
                                            len ? " + " : "", a);
                    if (len >= sizeof c->deriv)
                        break;
                }
                fmt_num(t, sizeof t, sum);
                if (len < sizeof c->deriv)
                    snprintf(c->deriv + len, sizeof c->deriv - len, " = %s", t);
                c->derived = 1;
                c->total = sum;
            }
        }
    }
    return XC_OK;
}

/* ---- one document ------------------------------------------------------- */

static xc_code read_doc(ctx *x, size_t i)
{
    const xc_doc *doc = x->d->docs[i];
    const xc_entities *ents = &x->d->entities[i];
    const uint32_t *ids = x->d->entity_ids[i];
    size_t qcur = 0, tcur = 0, mcur = 0, from = x->c.n;
    uint32_t last_person = 0;
    xc_code rc;
    sent s;
    if ((rc = xc_tokenize(doc->text, doc->len, &x->tk)) != XC_OK)
        return rc;
    if (x->tk.ntok > x->caph) {
        uint64_t *h = realloc(x->h, x->tk.ntok * sizeof *h), *f;
        if (!h)
            return XC_ERR_NOMEM;
        x->h = h;
        if (!(f = realloc(x->f, x->tk.ntok * sizeof *f)))
            return XC_ERR_NOMEM;
        x->f = f;
        x->caph = x->tk.ntok;
    }
    for (size_t k = 0; k < x->tk.ntok; k++)
        xc_rlex_hashes(x->cache, x->st, doc->text, &x->tk.tok[k], &x->h[k], &x->f[k]);
    x->nqh = 0;
    for (size_t si = 0; si < x->tk.nsent; si++) {
        const xc_sentence *sn = &x->tk.sent[si];
        uint32_t first_person = 0;
        if (xc_doc_in_boilerplate(doc, sn->start, sn->end)) {
            continue;
        }
        memset(&s, 0, sizeof s);
        s.doc = i;
        s.first = sn->first;
        s.last = sn->first + sn->count;
        s.start = sn->start;
        s.end = sn->end;
        s.para = sn->para;
        for (size_t k = s.first; k < s.last && s.npm < 64; k++) {
            xc_rmatch m;
            /* a cue is no predicate: "in exchange for" exchanges nothing */
            if (match(x, s.last, k, XC_RK_MODALITY, &m) && m.len > 1) {
                k += m.len - 1;
                continue;
            }
            if (match(x, s.last, k, XC_RK_PREDICATE, &m) ||
                match(x, s.last, k, XC_RK_EVENT, &m)) {
                s.pm[s.npm] = m;
                s.pt[s.npm++] = k;
                k += m.len - 1;
            }
        }
        while (mcur < ents->nm && ents->m[mcur].start < s.start)
            mcur++;
        for (size_t m = mcur; m < ents->nm && ents->m[m].start < s.end; m++) {
            const xc_mention *mn = &ents->m[m];
            uint32_t id = mn->entity < ents->nentities ? ids[mn->entity] : 0;
            if (mn->boilerplate || !id || (mn->type != XC_ENT_PERSON && mn->type != XC_ENT_ORG))
                continue;
            if (s.nme < 64) {
                s.mt[s.nme] = tok_at(&x->tk, mn->start);
                s.mend[s.nme] = tok_at(&x->tk, mn->end);
                s.me[s.nme] = id;
                s.mtype[s.nme++] = mn->type;
            }
            if (!first_person && mn->type == XC_ENT_PERSON)
                first_person = id;
        }
        if (s.npm) {
            if ((rc = read_quantities(x, &s, &qcur, last_person)) != XC_OK ||
                (rc = read_terms(x, &s, last_person)) != XC_OK ||
                (rc = read_dates(x, &s, &tcur, last_person)) != XC_OK ||
                (rc = read_events(x, &s, last_person)) != XC_OK)
                return rc;
        } else {
            /* still note the counted heads for later conjuncts */
            if ((rc = read_quantities(x, &s, &qcur, last_person)) != XC_OK)
                return rc;
        }
        if (first_person)
            last_person = first_person;
    }
    return derive(x, from);
}

/* ---- grouping and comparing ------------------------------------------- */

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->vstart < y->vstart ? -1 : x->vstart > y->vstart;
}

/* The answer a claim gives, for comparing: parts give none, and neither
   does a value someone sought or offered ("in exchange for a life
   sentence"), which says nothing of what happened. */
static int answers(const cand *c)
{
    return !c->part && c->modality != XC_MOD_PROPOSED;
}

static double answer(const cand *c)
{
    return c->derived ? c->total : c->value;
}

static int same_answer(const cand *a, const cand *b);

/* Are two answers of the same question compatible?  A negated answer
   ("spared a death sentence") contradicts only the value it denies. */
static int compatible(const cand *a, const cand *b)
{
    int na = a->modality == XC_MOD_NEGATED, nb = b->modality == XC_MOD_NEGATED;
    if (a->slot == SLOT_EVENT || na == nb)
        return na && nb ? 1 : same_answer(a, b);
    return !same_answer(a, b);
}

/* Do two answers of the same question give compatible values (modality
   aside)? */
static int same_answer(const cand *a, const cand *b)
{
    double x = answer(a), y = answer(b);
    uint8_t ba = a->derived ? XC_BOUND_EXACT : a->bound, bb = b->derived ? XC_BOUND_EXACT : b->bound;
    switch (a->slot) {
    case SLOT_EVENT:
        return (a->modality == XC_MOD_NEGATED) == (b->modality == XC_MOD_NEGATED);
    case SLOT_DATE: {
        size_t la = strlen(a->date), lb = strlen(b->date);
        return strncmp(a->date, b->date, la < lb ? la : lb) == 0;
    }
    default:
        break;
    }
    if (ba == XC_BOUND_AT_LEAST && bb == XC_BOUND_AT_LEAST)
        return 1;
    if (ba == XC_BOUND_AT_MOST && bb == XC_BOUND_AT_MOST)
        return 1;
    if (ba == XC_BOUND_AT_LEAST)
        return y >= x;
    if (bb == XC_BOUND_AT_LEAST)
        return x >= y;
    if (ba == XC_BOUND_AT_MOST)
        return y <= x;
    if (bb == XC_BOUND_AT_MOST)
        return x <= y;
    if (ba == XC_BOUND_ABOUT || bb == XC_BOUND_ABOUT)
        return fabs(x - y) <= 0.1 * fmax(fabs(x), fabs(y));
    return fabs(x - y) < 1e-9 * fmax(1, fmax(fabs(x), fabs(y)));
}

/* The original of document I when it is a near-copy, else I. */
static size_t source_of(const xc_dossier *d, size_t i)
{
    size_t hops = 0;
    while (d->copy_of && d->copy_of[i] >= 0 && (size_t)d->copy_of[i] < d->ndocs &&
           (size_t)d->copy_of[i] != i && hops++ < d->ndocs)
        i = (size_t)d->copy_of[i];
    return i;
}

/* Who published document I, for notes: the outlet, else its id. */
static const char *who(const xc_dossier *d, size_t i, char buf[32])
{
    if (d->docs[i]->outlet && d->docs[i]->outlet[0])
        return d->docs[i]->outlet;
    snprintf(buf, 32, "d%zu", i + 1);
    return buf;
}

static void note_add(xc_buf *b, const char *s)
{
    if (b->len)
        xc_buf_puts(b, "; ");
    xc_buf_puts(b, s);
}

static char *subject_name(const xc_dossier *d, uint32_t id)
{
    const xc_merged *m;
    if (!id || id > d->resolved.n)
        return NULL;
    m = &d->resolved.v[id - 1];
    if (m->name_end <= m->name_start)
        return NULL;
    return xc_strndup(d->docs[m->name_doc]->text + m->name_start, m->name_end - m->name_start);
}

/* A short phrase naming the question of the claims G[0..N). */
static char *topic_of(const xc_dossier *d, const cand *g, size_t n)
{
    const cand *t = NULL;
    const xc_rclass *pc;
    char *name, *out;
    xc_buf b;
    /* named after a claim that is no part of a sum, of the most specific
       head ("officials" rather than "them") */
    for (size_t i = 0; i < n && !t; i++)
        if (!g[i].part && !g[i].generic)
            t = &g[i];
    for (size_t i = 0; i < n && !t; i++)
        if (!g[i].part)
            t = &g[i];
    if (!t)
        t = &g[0];
    pc = xc_rlex_class(t->cls);
    name = subject_name(d, t->subject);
    xc_buf_init(&b, 512);
    switch (t->slot) {
    case SLOT_COUNT: {
        const char *w = d->docs[t->doc]->text + t->ostart;
        size_t on = t->oend > t->ostart ? t->oend - t->ostart : 0;
        /* the whole of a part ("two of the three victims"): the object
           without its own number (quantities are in text order) */
        const xc_quantities *qs = &d->quantities[t->doc];
        size_t lo = 0, hi = qs->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (qs->v[mid].start < t->ostart)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; on && i < qs->n && qs->v[i].start == t->ostart; i++) {
            const xc_quantity *q = &qs->v[i];
            if (q->end < t->oend) {
                size_t skip = q->end - t->ostart;
                while (skip < on && w[skip] == ' ')
                    skip++;
                w += skip;
                on -= skip;
                break;
            }
        }
        if (name) {
            xc_buf_printf(&b, "%s: %s (how much)", name, pc->label);
            break;
        }
        if (on > 80)
            on = 80;
        xc_buf_puts(&b, "how many ");
        if (on && !(t->generic && on >= 5 && strncasecmp(w, "other", 5) == 0) &&
            !(on == 4 && strncasecmp(w, "them", 4) == 0))
            xc_buf_append(&b, w, on);
        else
            xc_buf_puts(&b, t->head >= 0 ? xc_rlex_class((size_t)t->head)->label : "people");
        xc_buf_printf(&b, "%s%s", t->frame ? " at an earlier point: " : ": ", pc->label);
        break;
    }
    case SLOT_DURATION:
        xc_buf_printf(&b, "%s: %s (how long)", name ? name : "?", pc->label);
        break;
    case SLOT_DATE:
        xc_buf_printf(&b, "%s: %s (when)", name ? name : "?", pc->label);
        break;
    default:
        xc_buf_printf(&b, "%s: %s", name ? name : "?", pc->label);
        if (t->topic >= 0)
            xc_buf_printf(&b, " (%s)", xc_rlex_class((size_t)t->topic)->label);
        break;
    }
    free(name);
    out = xc_buf_take(&b, NULL);
    return out;
}

#define NAMES_MAX 12

/* The people named in sentence [S, E) of document I (story entity
   numbers, distinct, at most NAMES_MAX), other than SKIP. */
static size_t names_in(const xc_dossier *d, size_t i, size_t s, size_t e, uint32_t skip,
                       uint32_t *ids)
{
    const xc_entities *en = &d->entities[i];
    size_t lo = 0, hi = en->nm, n = 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (en->m[mid].start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < en->nm && en->m[k].end <= e && n < NAMES_MAX; k++) {
        uint32_t id = en->m[k].entity < en->nentities ? d->entity_ids[i][en->m[k].entity] : 0;
        size_t j;
        if (!id || id == skip || en->m[k].type != XC_ENT_PERSON || en->m[k].boilerplate)
            continue;
        for (j = 0; j < n && ids[j] != id; j++)
            ;
        if (j == n)
            ids[n++] = id;
    }
    return n;
}

/* The spellings of entity ID in the sentences of G[0..N), "A / B". */
static void spellings(const xc_dossier *d, const cand *g, size_t n, uint32_t id, xc_buf *b)
{
    const char *seen[8];
    size_t seenlen[8], ns = 0;
    for (size_t i = 0; i < n && ns < 8; i++) {
        const xc_entities *en = &d->entities[g[i].doc];
        for (size_t k = 0; k < en->nm && ns < 8; k++) {
            const xc_mention *m = &en->m[k];
            const char *w = d->docs[g[i].doc]->text + m->start;
            size_t wl = m->end - m->start, j;
            if (m->start < g[i].start || m->end > g[i].end || m->entity >= en->nentities ||
                d->entity_ids[g[i].doc][m->entity] != id)
                continue;
            for (j = 0; j < ns && !(seenlen[j] == wl && memcmp(seen[j], w, wl) == 0); j++)
                ;
            if (j < ns)
                continue;
            /* a shorter form inside a longer one adds nothing ("Sujyan") */
            for (j = 0; j < ns && !(seenlen[j] > wl && memmem(seen[j], seenlen[j], w, wl)); j++)
                ;
            if (j < ns)
                continue;
            seen[ns] = w;
            seenlen[ns++] = wl;
        }
    }
    for (size_t j = 0; j < ns; j++) {
        if (j)
            xc_buf_puts(b, " / ");
        xc_buf_append(b, seen[j], seenlen[j]);
    }
}

/*
 * When two reports of a count name the same people ("four prisoners —
 * Vagif Khachatryan, ..."), say so, with each name's spellings: the
 * reader sees it is the same group however the names are written.
 */
static void same_people(const xc_dossier *d, const cand *g, size_t n, xc_buf *note)
{
    uint32_t a[NAMES_MAX], b[NAMES_MAX], common[NAMES_MAX];
    size_t na = 0, ncommon = 0, docs = 0, da = (size_t)-1;
    xc_buf line;
    for (size_t i = 0; i < n; i++) {
        size_t nb;
        if (g[i].part)
            continue;
        nb = names_in(d, g[i].doc, g[i].start, g[i].end, g[i].subject, b);
        if (nb < 2)
            continue;
        if (da == (size_t)-1) {
            memcpy(a, b, nb * sizeof *b);
            na = nb;
            da = g[i].doc;
            docs = 1;
            memcpy(common, a, na * sizeof *a);
            ncommon = na;
            continue;
        }
        if (g[i].doc == da)
            continue;
        {
            size_t keep = 0;
            for (size_t j = 0; j < ncommon; j++)
                for (size_t k = 0; k < nb; k++)
                    if (common[j] == b[k]) {
                        common[keep++] = common[j];
                        break;
                    }
            if (keep < 2)
                return;
            ncommon = keep;
            da = g[i].doc;
            docs++;
        }
    }
    if (docs < 2)
        return;
    xc_buf_init(&line, 1024);
    xc_buf_printf(&line, "%zu reports name the same %zu people: ", docs, ncommon);
    for (size_t j = 0; j < ncommon; j++) {
        if (j)
            xc_buf_puts(&line, ", ");
        spellings(d, g, n, common[j], &line);
    }
    if (line.data)
        note_add(note, line.data);
    xc_buf_free(&line);
}

#define ANSWERS_PER_DOC 4 /* compared per report: its first answers */
#define PAIRS_DOCS 64      /* reports compared pairwise; beyond, each with
                              its neighbour and the first */

/* Do two documents of G share no compatible answer?  G[A0..A1) and
   G[B0..B1) are the claims of the two (G is sorted by document). */
static int apart(const cand *g, size_t a0, size_t a1, size_t b0, size_t b1)
{
    int any_a = 0, any_b = 0;
    for (size_t i = a0, na = 0; i < a1 && na < ANSWERS_PER_DOC; i++) {
        if (!answers(&g[i]))
            continue;
        any_a = 1;
        na++;
        for (size_t j = b0, nb = 0; j < b1 && nb < ANSWERS_PER_DOC; j++) {
            if (!answers(&g[j]))
                continue;
            any_b = 1;
            nb++;
            if (compatible(&g[i], &g[j]))
                return 0;
        }
    }
    return any_a && any_b;
}

/*
 * Is the question of G[0..N) answered differently by two reports (none of
 * the one's answers compatible with any of the other's)?  G is sorted by
 * document, so each report's claims are one run.  The work is bounded:
 * a few answers per report, all pairs of up to PAIRS_DOCS reports.
 */
static int conflicting(const cand *g, size_t n)
{
    size_t rs[PAIRS_DOCS], re[PAIRS_DOCS], nrun = 0, ps = 0, pe = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && g[j].doc == g[i].doc)
            j++;
        if (nrun < PAIRS_DOCS) {
            rs[nrun] = i;
            re[nrun++] = j;
        } else if (apart(g, ps, pe, i, j) || apart(g, rs[0], re[0], i, j)) {
            return 1; /* many reports: each against the previous and the first */
        }
        ps = i;
        pe = j;
        i = j;
    }
    for (size_t a = 0; a < nrun; a++)
        for (size_t b = a + 1; b < nrun; b++)
            if (apart(g, rs[a], re[a], rs[b], re[b]))
                return 1;
    return 0;
}

/* The value of answer C in words, for notes: "20 years", "life", "at
   least 19", "2024-02-13", "did not happen". */
static void value_words(const cand *c, char *buf, size_t cap)
{
    static const char *const bounds[] = {"", "at least ", "at most ", "about "};
    char num[32];
    double v = answer(c);
    size_t n = 0;
    switch (c->slot) {
    case SLOT_EVENT:
        snprintf(buf, cap, "%s", c->modality == XC_MOD_NEGATED ? "did not happen" : "happened");
        return;
    case SLOT_DATE:
        snprintf(buf, cap, "%s", c->date);
        return;
    case SLOT_DURATION:
        if (v >= DEATH_MONTHS)
            snprintf(buf, cap, "death");
        else if (v >= LIFE_MONTHS)
            snprintf(buf, cap, "life");
        else if (v >= 12 && fmod(v, 12) == 0)
            n = fmt_num(num, sizeof num, v / 12), snprintf(buf, cap, "%.*s year%s", (int)n, num,
                                                           v == 12 ? "" : "s");
        else if (v >= 1)
            n = fmt_num(num, sizeof num, floor(v + 0.5)),
            snprintf(buf, cap, "%.*s month%s", (int)n, num, floor(v + 0.5) == 1 ? "" : "s");
        else
            n = fmt_num(num, sizeof num, floor(v * 30.44 + 0.5)),
            snprintf(buf, cap, "%.*s days", (int)n, num);
        return;
    default:
        n = fmt_num(num, sizeof num, v);
        snprintf(buf, cap, "%s%.*s", c->derived || c->bound > XC_BOUND_ABOUT ? "" : bounds[c->bound],
                 (int)n, num);
    }
}

/* For a conflict, the note's first words: each answer given, with the
   reports that give it ("answers: 20 years (Azatutyun, OC Media); life,
   prospective (Mediamax)").  G[0..N) is sorted by document. */
#define ANSWER_KINDS 6
static void answers_note(const xc_dossier *d, const cand *g, size_t n, xc_buf *note)
{
    struct {
        const cand *c;
        size_t who[NOTE_NAMES], nwho, more;
    } a[ANSWER_KINDS];
    size_t na = 0, other = 0;
    xc_buf line;
    char buf[32];
    for (size_t i = 0; i < n; i++) {
        size_t k, s;
        if (!answers(&g[i]))
            continue;
        for (k = 0; k < na; k++)
            if (a[k].c->modality == g[i].modality && same_answer(a[k].c, &g[i]) &&
                same_answer(&g[i], a[k].c))
                break;
        if (k == na) {
            if (na == ANSWER_KINDS) {
                other++;
                continue;
            }
            a[na].c = &g[i];
            a[na].nwho = a[na].more = 0;
            na++;
        }
        s = source_of(d, g[i].doc);
        {
            int seen = 0;
            for (size_t j = 0; j < a[k].nwho && !seen; j++)
                seen = a[k].who[j] == s;
            if (seen)
                continue;
        }
        if (a[k].nwho < NOTE_NAMES)
            a[k].who[a[k].nwho++] = s;
        else
            a[k].more++;
    }
    if (na < 2)
        return;
    xc_buf_init(&line, 1024);
    xc_buf_puts(&line, "answers: ");
    for (size_t k = 0; k < na; k++) {
        char v[64];
        static const char *const what[] = {"", ", prospective", ", hedged", ", negated", ""};
        value_words(a[k].c, v, sizeof v);
        xc_buf_printf(&line, "%s%s%s (", k ? "; " : "", v,
                      a[k].c->modality < 5 ? what[a[k].c->modality] : "");
        for (size_t j = 0; j < a[k].nwho; j++)
            xc_buf_printf(&line, "%s%s", j ? ", " : "", who(d, a[k].who[j], buf));
        if (a[k].more)
            xc_buf_printf(&line, " and %zu more", a[k].more);
        xc_buf_puts(&line, ")");
    }
    if (other)
        xc_buf_printf(&line, "; %zu other answer%s", other, other == 1 ? "" : "s");
    if (line.data)
        note_add(note, line.data);
    xc_buf_free(&line);
}

/* Build one fact from the claims G[0..N) of one key. */
static xc_code make_fact(xc_dossier *d, const cand *g, size_t n, xc_fact *f)
{
    size_t nsrc = 0, ndocs = 0, *srcs, *docs;
    int conflict = 0;
    xc_buf note;
    char buf[32];
    memset(f, 0, sizeof *f);
    if (!(f->claims = calloc(n, sizeof *f->claims)) || !(srcs = calloc(2 * n, sizeof *srcs))) {
        free(f->claims);
        f->claims = NULL;
        return XC_ERR_NOMEM;
    }
    docs = srcs + n;
    for (size_t i = 0; i < n; i++) {
        xc_claim *c = &f->claims[f->nclaims];
        size_t s = source_of(d, g[i].doc), k;
        if (f->nclaims && f->claims[f->nclaims - 1].doc == g[i].doc &&
            f->claims[f->nclaims - 1].start == g[i].start &&
            f->claims[f->nclaims - 1].vstart == g[i].vstart)
            continue; /* one value of one sentence once (an event of two topics) */
        c->doc = g[i].doc;
        c->start = g[i].start;
        c->end = g[i].end;
        c->vstart = g[i].vstart;
        c->vend = g[i].vend;
        c->modality = g[i].modality;
        c->part = g[i].part;
        f->nclaims++;
        for (k = 0; k < nsrc && srcs[k] != s; k++)
            ;
        if (k == nsrc)
            srcs[nsrc++] = s;
        for (k = 0; k < ndocs && docs[k] != g[i].doc; k++)
            ;
        if (k == ndocs)
            docs[ndocs++] = g[i].doc;
    }
    conflict = conflicting(g, n);
    f->status = (uint8_t)(conflict ? XC_FACT_CONFLICTING
                                   : nsrc >= 2 ? XC_FACT_AGREED : XC_FACT_SINGLE_SOURCE);
    f->subject = g[0].subject;
    f->independent = nsrc;
    if (!(f->topic = topic_of(d, g, n))) {
        free(srcs);
        return XC_ERR_NOMEM;
    }
    /* the note */
    xc_buf_init(&note, NOTE_MAX);
    if (conflict)
        answers_note(d, g, n, &note);
    for (size_t i = 0, shown = 0; i < n && shown < NOTE_NAMES; i++) {
        char line[256];
        if (g[i].derived) {
            shown++;
            snprintf(line, sizeof line, "derived: %s (%s)", g[i].deriv, who(d, g[i].doc, buf));
            note_add(&note, line);
        }
    }
    {
        /* how each report that does not simply assert puts it: a few named,
           the rest counted */
        static const char *const what[] = {"", "prospective", "hedged", "negated", "proposed"};
        size_t shown[5] = {0}, more[5] = {0};
        for (size_t i = 0; i < n; i++) {
            char line[256];
            uint8_t m = g[i].modality < 5 ? g[i].modality : 0;
            int dup = 0;
            if (m == XC_MOD_ASSERTED || g[i].part)
                continue;
            for (size_t j = i; j-- > 0 && g[j].doc == g[i].doc;)
                dup |= g[j].modality == g[i].modality && !g[j].part;
            if (dup)
                continue;
            if (shown[m] == NOTE_NAMES) {
                more[m]++;
                continue;
            }
            shown[m]++;
            if (g[i].cend > g[i].cstart && g[i].cend - g[i].cstart < 60)
                snprintf(line, sizeof line, "%s is %s: '%.*s'", who(d, g[i].doc, buf), what[m],
                         (int)(g[i].cend - g[i].cstart), d->docs[g[i].doc]->text + g[i].cstart);
            else
                snprintf(line, sizeof line, "%s is %s", who(d, g[i].doc, buf), what[m]);
            note_add(&note, line);
        }
        for (int m = 1; m < 5; m++)
            if (more[m]) {
                char line[96];
                snprintf(line, sizeof line, "%zu more report%s %s", more[m],
                         more[m] == 1 ? " is" : "s are", what[m]);
                note_add(&note, line);
            }
    }
    if (g[0].slot == SLOT_COUNT)
        same_people(d, g, n, &note);
    if (ndocs > nsrc) {
        char line[160];
        snprintf(line, sizeof line, "%zu reports, %zu independent: the others are copies", ndocs,
                 nsrc);
        note_add(&note, line);
    }
    free(srcs);
    f->note = note.len ? xc_buf_take(&note, NULL) : NULL;
    xc_buf_free(&note);
    return XC_OK;
}

static int fact_cmp(const void *a, const void *b)
{
    static const int rank[] = {1, 0, 2}; /* conflicting, agreed, single-source */
    const xc_fact *x = a, *y = b;
    if (x->status != y->status)
        return rank[x->status] - rank[y->status];
    if (x->claims[0].doc != y->claims[0].doc)
        return x->claims[0].doc < y->claims[0].doc ? -1 : 1;
    return x->claims[0].start < y->claims[0].start ? -1 : x->claims[0].start > y->claims[0].start;
}

typedef struct block {
    uint64_t block, key;
    size_t idx; /* the claim, for join_generic */
} block;

static int block_cmp(const void *a, const void *b)
{
    const block *x = a, *y = b;
    if (x->block != y->block)
        return x->block < y->block ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

/*
 * Counts of a generic head ("people", "them", "others", "Armenians") join
 * the count of the one specific class of people ("officials", "leaders")
 * that answers the same predicate in the same time frame: "13 officials"
 * and "Five of them ... eight other Karabakh Armenians" were sentenced.
 * With several specific classes nothing joins, since which one is meant
 * is not known.
 */
/* Are two counts of one magnitude (within a factor of two), as two
   answers to one question are, even when they disagree? */
static int comparable(const cand *a, const cand *b)
{
    double x = fabs(answer(a)), y = fabs(answer(b));
    if (b->part || b->derived)
        return 1;
    return x > 0 && y > 0 && fmax(x, y) <= 2 * fmin(x, y);
}

static xc_code join_generic(cands *c, int people)
{
    block *b;
    size_t nb = 0;
    if (people < 0 || !c->n)
        return XC_OK;
    if (!(b = malloc(c->n * sizeof *b)))
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].slot == SLOT_COUNT && c->v[i].head >= 0 && c->v[i].head != people)
            b[nb++] = (block){mix(mix(c->v[i].cls, c->v[i].frame), 11), c->v[i].key, i};
    xc_sort(b, nb, sizeof *b, block_cmp);
    for (size_t i = 0; i < c->n; i++) {
        cand *x = &c->v[i];
        uint64_t want;
        size_t lo = 0, hi = nb;
        if (x->slot != SLOT_COUNT || x->head != people)
            continue;
        want = mix(mix(x->cls, x->frame), 11);
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (b[mid].block < want)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < nb && b[lo].block == want) {
            size_t j = lo;
            while (j < nb && b[j].block == want && b[j].key == b[lo].key)
                j++;
            if (j == nb || b[j].block != want) {
                /* one specific class: join it, unless the generic count
                   plainly counts something else ("more than 200 people
                   arrested" beside "the two officers were arrested") */
                int near = x->part || x->derived;
                for (size_t k = lo; k < j && !near; k++)
                    near = same_answer(x, &c->v[b[k].idx]) || comparable(x, &c->v[b[k].idx]);
                if (near)
                    x->key = b[lo].key;
            }
        }
    }
    free(b);
    return XC_OK;
}

/* Does claim C count a group with a number distinctive enough to name it
   (an exact whole number of at least 10, of a counted object)? */
static int distinctive(const cand *c)
{
    return c->slot == SLOT_COUNT && !c->part && !c->derived && c->bound == XC_BOUND_EXACT &&
           c->value >= 10 && c->value == floor(c->value) && c->value < 1e12 &&
           c->oend > c->ostart && c->modality != XC_MOD_NEGATED;
}

static size_t key_index(const uint64_t *keys, size_t n, uint64_t k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (keys[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t key_root(size_t *up, size_t i)
{
    while (up[i] != i)
        i = up[i] = up[up[i]];
    return i;
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * Counts of differently named groups join when they give the same
 * distinctive number for the same predicate in the same time frame: "the
 * Indian navy captured 23 pirates", "capturing 23 of the raiders", "23
 * piracy suspects" are one question.  A small number ("two officers", "two
 * protesters") names no group, so those stay apart.
 */
static xc_code join_same_count(cands *c)
{
    block *b;
    uint64_t *keys;
    size_t *up, nb = 0, nk = 0;
    if (!c->n)
        return XC_OK;
    b = malloc(c->n * sizeof *b);
    keys = malloc(c->n * sizeof *keys);
    up = malloc(c->n * sizeof *up);
    if (!b || !keys || !up) {
        free(b), free(keys), free(up);
        return XC_ERR_NOMEM;
    }
    for (size_t i = 0; i < c->n; i++) {
        uint64_t bits;
        if (!distinctive(&c->v[i]))
            continue;
        memcpy(&bits, &c->v[i].value, sizeof bits);
        b[nb++] = (block){mix(mix(mix(c->v[i].cls, c->v[i].frame), bits), 17), c->v[i].key, i};
        keys[nk++] = c->v[i].key;
    }
    xc_sort(keys, nk, sizeof *keys, u64_cmp);
    {
        size_t u = 0;
        for (size_t i = 0; i < nk; i++)
            if (!u || keys[i] != keys[u - 1])
                keys[u++] = keys[i];
        nk = u;
    }
    for (size_t i = 0; i < nk; i++)
        up[i] = i;
    xc_sort(b, nb, sizeof *b, block_cmp);
    for (size_t i = 0; i < nb;) {
        size_t j = i + 1;
        while (j < nb && b[j].block == b[i].block)
            j++;
        for (size_t k = i + 1; k < j; k++) {
            size_t r1 = key_root(up, key_index(keys, nk, b[i].key)),
                   r2 = key_root(up, key_index(keys, nk, b[k].key));
            if (r1 != r2)
                up[r1 > r2 ? r1 : r2] = r1 < r2 ? r1 : r2; /* the smaller key leads */
        }
        i = j;
    }
    for (size_t i = 0; i < c->n && nk; i++) {
        size_t at = key_index(keys, nk, c->v[i].key);
        if (at < nk && keys[at] == c->v[i].key)
            c->v[i].key = keys[key_root(up, at)];
    }
    free(b);
    free(keys);
    free(up);
    return XC_OK;
}

static xc_code group(xc_dossier *d, cands *c, int people)
{
    xc_facts *out = &d->facts;
    xc_code rc0;
    if ((rc0 = join_generic(c, people)) != XC_OK || (rc0 = join_same_count(c)) != XC_OK)
        return rc0;
    if (c->n)
        xc_sort(c->v, c->n, sizeof *c->v, cand_cmp);
    for (size_t i = 0; i < c->n;) {
        size_t j = i + 1;
        int any = !c->v[i].part;
        xc_code rc;
        while (j < c->n && c->v[j].key == c->v[i].key) {
            any |= !c->v[j].part;
            j++;
        }
        if (any) {
            xc_fact *v = xc_grow(out->v, &out->cap, out->n, sizeof *v);
            if (!v)
                return XC_ERR_NOMEM;
            out->v = v;
            if ((rc = make_fact(d, c->v + i, j - i, &out->v[out->n])) != XC_OK)
                return rc;
            out->n++;
        }
        i = j;
    }
    if (out->n)
        xc_sort(out->v, out->n, sizeof *out->v, fact_cmp);
    return XC_OK;
}

static uint64_t word(ctx *x, const char *w)
{
    xc_token t = {0, (uint32_t)strlen(w), XC_TOK_WORD, 0};
    return xc_rlex_hash(x->st, w, &t);
}

xc_code xc_facts_build(xc_dossier *d, xc_error *err)
{
    ctx x;
    xc_code rc = XC_OK;
    if (!d)
        return xc_fail(err, XC_ERR_ARG, "no dossier");
    xc_facts_free(&d->facts);
    if (!d->analyzed || !d->merged || !d->ndocs)
        return XC_OK;
    if ((rc = xc_rlex_load(err)) != XC_OK)
        return rc;
    memset(&x, 0, sizeof x);
    x.d = d;
    if (!(x.st = sb_stemmer_new("english", NULL)) || !(x.cache = calloc(1, sizeof *x.cache))) {
        if (x.st)
            sb_stemmer_delete(x.st);
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    }
    x.cls_sentence = xc_rlex_find(XC_RK_PREDICATE, "sentence");
    x.cls_served = xc_rlex_find(XC_RK_PREDICATE, "served");
    x.mod_prospective = xc_rlex_find(XC_RK_MODALITY, "prospective");
    x.mod_negated = xc_rlex_find(XC_RK_MODALITY, "negated");
    x.mod_proposed = xc_rlex_find(XC_RK_MODALITY, "proposed");
    x.frame_past = xc_rlex_find(XC_RK_FRAME, "past");
    x.noun_people = xc_rlex_find(XC_RK_NOUN, "people");
    x.w_he = word(&x, "he");
    x.w_she = word(&x, "she");
    x.w_whom = xc_rlex_form("whom", &(xc_token){0, 4, XC_TOK_WORD, 0});
    x.w_and = word(&x, "and");
    x.w_or = word(&x, "or");
    x.w_of = word(&x, "of");
    x.w_the = word(&x, "the");
    x.w_them = word(&x, "them");
    x.w_other = word(&x, "other");
    x.w_origin = word(&x, "origin");
    x.w_served = xc_rlex_form("served", &(xc_token){0, 6, XC_TOK_WORD, 0});
    x.w_spent = xc_rlex_form("spent", &(xc_token){0, 5, XC_TOK_WORD, 0});
    for (size_t k = 0; k < NOPENERS; k++) {
        xc_token t = {0, (uint32_t)strlen(openers[k]), XC_TOK_WORD, 0};
        x.w_preps[k] = xc_rlex_form(openers[k], &t);
    }
    for (size_t k = 0; k < NAUX; k++) {
        xc_token t = {0, (uint32_t)strlen(auxiliaries[k]), XC_TOK_WORD, 0};
        x.w_aux[k] = xc_rlex_form(auxiliaries[k], &t);
    }
    for (size_t k = 0; k < NDETS; k++) {
        xc_token t = {0, (uint32_t)strlen(determiners[k]), XC_TOK_WORD, 0};
        x.w_dets[k] = xc_rlex_form(determiners[k], &t);
    }
    for (size_t i = 0; i < d->ndocs && rc == XC_OK; i++)
        rc = read_doc(&x, i);
    if (rc == XC_OK)
        rc = group(d, &x.c, x.noun_people);
    sb_stemmer_delete(x.st);
    xc_tokens_free(&x.tk);
    free(x.h);
    free(x.f);
    free(x.cache);
    free(x.qh);
    free(x.c.v);
    if (rc != XC_OK) {
        xc_facts_free(&d->facts);
        return xc_fail(err, rc, "cannot compare the facts: %s", xc_code_str(rc));
    }
    return XC_OK;
}

void xc_facts_free(xc_facts *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].topic);
        free(f->v[i].claims);
        free(f->v[i].note);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}
