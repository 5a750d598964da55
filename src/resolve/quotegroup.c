/*
 * quotegroup.c: the same utterance quoted by several reports (see
 * quotegroup.h for the rules).  Runs after the entities are merged, so that
 * a group can say whether its reports agree on who spoke.
 *
 * Each quote is cut into words (xc_tokenize), every word normalized to a
 * key (folded, numbers as digits, irregular verbs to their base) and, when
 * it is no stopword, stemmed; keys and stems are interned to integers.  An
 * inverted index from stem to quotes gives the candidates: a quote probes
 * the index with its rarest stems, enough of them that any partner meeting
 * the thresholds shares one.  Accepted pairs are joined with union-find.
 */
#include "resolve/quotegroup.h"
#include "core/util.h"
#include "text/text.h"

#include <libstemmer.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define MAX_WORDS 1024  /* words of one quote taken into account */
#define KEY_MAX 64      /* bytes of one word's key */
#define MIN_SIMILARITY 0.6 /* below, two quotes only share some words */

/* ---- word normalization ------------------------------------------------ */

static const char *const stopwords[] = {
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "could", "did", "do", "does", "doing", "down", "during", "each",
    "even", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "let", "me", "more", "most", "my", "myself",
    "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
    "over", "own", "same", "she", "should", "so", "some", "someone", "something", "such",
    "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "can",
    "may", "might", "must", "shall", "oh", "yes", "well", "against", "among", "around",
    "within", "without", "across", "along", "toward", "towards", "upon", "via", "per",
    "since", "though", "although", "however", "whether", "either", "neither", "nor",
    "yet", "every", "many", "much", "another", "anyone", "anything", "everyone",
    "everything", "nothing", "somebody", "anybody", "i'm", "we're", "they're", "you're",
    "i've", "we've", "they've", "you've", "i'll", "we'll", "they'll", "you'll", "he'll",
    "she'll", "i'd", "we'd", "they'd", "you'd", "he'd", "she'd", "that'll", "okay", NULL};

/* number words and Roman numerals as digits; ordinals as their number */
static const char *const numbers[][2] = {
    {"one", "1"}, {"two", "2"}, {"three", "3"}, {"four", "4"}, {"five", "5"},
    {"six", "6"}, {"seven", "7"}, {"eight", "8"}, {"nine", "9"}, {"ten", "10"},
    {"eleven", "11"}, {"twelve", "12"}, {"thirteen", "13"}, {"fourteen", "14"},
    {"fifteen", "15"}, {"sixteen", "16"}, {"seventeen", "17"}, {"eighteen", "18"},
    {"nineteen", "19"}, {"twenty", "20"}, {"thirty", "30"}, {"forty", "40"},
    {"fifty", "50"}, {"hundred", "100"}, {"thousand", "1000"}, {"million", "1000000"},
    {"first", "1"}, {"second", "2"}, {"third", "3"}, {"fourth", "4"}, {"fifth", "5"},
    {"sixth", "6"}, {"seventh", "7"}, {"eighth", "8"}, {"ninth", "9"}, {"tenth", "10"},
    {"ii", "2"}, {"iii", "3"}, {"iv", "4"}, {"vi", "6"}, {"vii", "7"}, {"viii", "8"},
    {"ix", "9"}, {"1st", "1"}, {"2nd", "2"}, {"3rd", "3"}, {NULL, NULL}};

/* irregular forms the stemmer leaves apart; negations as "not" */
static const char *const bases[][2] = {
    {"said", "say"}, {"came", "come"}, {"told", "tell"}, {"went", "go"}, {"gone", "go"},
    {"took", "take"}, {"taken", "take"}, {"gave", "give"}, {"given", "give"},
    {"made", "make"}, {"knew", "know"}, {"known", "know"}, {"thought", "think"},
    {"saw", "see"}, {"seen", "see"}, {"brought", "bring"}, {"held", "hold"},
    {"kept", "keep"}, {"left", "leave"}, {"met", "meet"}, {"paid", "pay"},
    {"sent", "send"}, {"spoke", "speak"}, {"spoken", "speak"}, {"stood", "stand"},
    {"won", "win"}, {"wrote", "write"}, {"written", "write"}, {"found", "find"},
    {"began", "begin"}, {"begun", "begin"}, {"became", "become"}, {"fought", "fight"},
    {"felt", "feel"}, {"meant", "mean"}, {"ran", "run"}, {"sought", "seek"},
    {"chose", "choose"}, {"chosen", "choose"}, {"broke", "break"}, {"broken", "break"},
    {"fell", "fall"}, {"fallen", "fall"}, {"got", "get"}, {"men", "man"},
    {"women", "woman"}, {"children", "child"}, {"people", "people"},
    {"don't", "not"}, {"doesn't", "not"}, {"didn't", "not"},
    {"won't", "not"}, {"can't", "not"}, {"cannot", "not"}, {"isn't", "not"},
    {"aren't", "not"}, {"wasn't", "not"}, {"weren't", "not"}, {"wouldn't", "not"},
    {"shouldn't", "not"}, {"couldn't", "not"}, {"haven't", "not"}, {"hasn't", "not"},
    {"n't", "not"}, {NULL, NULL}};

/* The three lists above in two hash tables, built once: every word of every
   document's text is looked up here (story features and quote groups). */
#define WORD_SLOTS 1024 /* a power of two, well above the lists' sizes */

typedef struct word_table {
    const char *key[WORD_SLOTS];
    const char *val[WORD_SLOTS];
} word_table;

static word_table stop_table, sub_table;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static size_t word_hash(const char *w)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h & (WORD_SLOTS - 1);
}

static void table_put(word_table *t, const char *key, const char *val)
{
    size_t i = word_hash(key);
    while (t->key[i] && strcmp(t->key[i], key) != 0)
        i = (i + 1) & (WORD_SLOTS - 1);
    if (!t->key[i]) /* the first entry of a word wins, as in a scan */
        t->key[i] = key, t->val[i] = val;
}

static const char *table_get(const word_table *t, const char *key)
{
    for (size_t i = word_hash(key); t->key[i]; i = (i + 1) & (WORD_SLOTS - 1))
        if (strcmp(t->key[i], key) == 0)
            return t->val[i];
    return NULL;
}

static void build_tables(void)
{
    for (size_t k = 0; stopwords[k]; k++)
        table_put(&stop_table, stopwords[k], stopwords[k]);
    for (size_t k = 0; numbers[k][0]; k++)
        table_put(&sub_table, numbers[k][0], numbers[k][1]);
    for (size_t k = 0; bases[k][0]; k++)
        table_put(&sub_table, bases[k][0], bases[k][1]);
}

static int is_stopword(const char *w)
{
    pthread_once(&tables_once, build_tables);
    return table_get(&stop_table, w) != NULL;
}

/*
 * The form of the word S[0..N) into OUT (KEY_MAX bytes): folded, right
 * single quotes as apostrophes, periods and a possessive 's dropped,
 * thousands separators dropped.  Returns its length (0 when nothing is
 * left).
 */
static size_t word_form(const char *s, size_t n, char *out)
{
    size_t len = 0, flen = 0;
    char *folded = NULL;
    const char *f = s;
    int ascii = 1;
    for (size_t k = 0; k < n && ascii; k++)
        ascii = (unsigned char)s[k] < 0x80;
    if (!ascii) {
        if (!(folded = xc_text_fold(s, n, &flen)))
            return 0;
        f = folded;
        n = flen;
    }
    for (size_t k = 0; k < n && len + 1 < KEY_MAX; k++) {
        char c = f[k];
        if (c == '.' || c == ',')
            continue;
        if (k + 2 < n && memcmp(f + k, "\xE2\x80\x99", 3) == 0) {
            out[len++] = '\'';
            k += 2;
            continue;
        }
        if (ascii && c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        out[len++] = c;
    }
    out[len] = '\0';
    free(folded);
    if (len > 2 && out[len - 2] == '\'' && out[len - 1] == 's')
        out[len -= 2] = '\0';
    else if (len > 1 && out[len - 1] == '\'')
        out[--len] = '\0';
    return len;
}

/* ---- interning ----------------------------------------------------------- */

typedef struct intern {
    char **s;        /* by id */
    size_t n, cap;
    /* for a word's form, once seen: what it normalizes to */
    uint8_t *kind;   /* 0 not yet, 1 stopword, 2 content word */
    uint32_t *key;   /* the id of its key (number words as digits...) */
    uint32_t *stem;  /* the id of its stem, for a content word */
    uint32_t *slot;  /* open addressing: id + 1, 0 empty */
    size_t nslot;
} intern;

static uint32_t hash_str(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)s[k]) * 16777619u;
    return h;
}

static void intern_free(intern *t)
{
    for (size_t k = 0; k < t->n; k++)
        free(t->s[k]);
    free(t->s);
    free(t->slot);
    free(t->kind);
    free(t->key);
    free(t->stem);
    memset(t, 0, sizeof *t);
}

/* The id of S[0..N), added when new; -1 when out of memory. */
static int64_t intern_id(intern *t, const char *s, size_t n)
{
    size_t at;
    if ((t->n + 1) * 2 > t->nslot) {
        size_t ns = t->nslot ? t->nslot * 2 : 1024;
        uint32_t *slot = calloc(ns, sizeof *slot);
        if (!slot)
            return -1;
        for (size_t k = 0; k < t->n; k++) {
            at = hash_str(t->s[k], strlen(t->s[k])) & (ns - 1);
            while (slot[at])
                at = (at + 1) & (ns - 1);
            slot[at] = (uint32_t)(k + 1);
        }
        free(t->slot);
        t->slot = slot;
        t->nslot = ns;
    }
    at = hash_str(s, n) & (t->nslot - 1);
    while (t->slot[at]) {
        const char *o = t->s[t->slot[at] - 1];
        if (strlen(o) == n && memcmp(o, s, n) == 0)
            return t->slot[at] - 1;
        at = (at + 1) & (t->nslot - 1);
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        char **v = realloc(t->s, cap * sizeof *v);
        uint8_t *kind;
        uint32_t *key, *stem;
        if (v)
            t->s = v;
        kind = realloc(t->kind, cap);
        if (kind)
            t->kind = kind;
        key = realloc(t->key, cap * sizeof *key);
        if (key)
            t->key = key;
        stem = realloc(t->stem, cap * sizeof *stem);
        if (stem)
            t->stem = stem;
        if (!v || !kind || !key || !stem)
            return -1;
        t->cap = cap;
    }
    if (!(t->s[t->n] = malloc(n + 1)))
        return -1;
    memcpy(t->s[t->n], s, n);
    t->s[t->n][n] = '\0';
    t->slot[at] = (uint32_t)(t->n + 1);
    t->kind[t->n] = 0;
    return (int64_t)t->n++;
}

/* ---- quotes as words ------------------------------------------------------ */

typedef struct qrec {
    uint32_t doc, quote;
    uint8_t question;
    int32_t speaker;  /* story entity shown in the dossier, or -1 */
    xc_qword *w;      /* all words */
    uint32_t *key;    /* per word: its key's id */
    uint32_t *cidx;   /* the content words: their index in w */
    uint32_t *stem;   /* and their stems' ids */
    size_t nw, nc;
} qrec;

static void qrec_free(qrec *q)
{
    free(q->w);
    free(q->key);
    free(q->cidx);
    free(q->stem);
}

/*
 * What the form ID ("~" and the word's form) stands for: its key (number
 * words as digits, irregular forms as their base), whether it is a
 * stopword, and the stem ("#" and the Snowball stem) of a content word.
 * Fails only with XC_ERR_NOMEM.
 */
static xc_code learn_form(intern *t, uint32_t id, struct sb_stemmer *st)
{
    char form[KEY_MAX], sk[KEY_MAX + 1];
    const char *key;
    const sb_symbol *stem;
    size_t len;
    int64_t kid, sid;
    int sl;
    snprintf(form, sizeof form, "%s", t->s[id] + 1);
    key = xc_qgroup_word_key(form);
    len = strlen(key);
    if ((kid = intern_id(t, key, len)) < 0)
        return XC_ERR_NOMEM;
    t->key[id] = (uint32_t)kid;
    t->kind[id] = 1;
    if (is_stopword(key))
        return XC_OK;
    if (!(stem = sb_stemmer_stem(st, (const sb_symbol *)key, (int)len)))
        return XC_ERR_NOMEM;
    sl = sb_stemmer_length(st);
    len = sl > 0 && (size_t)sl < KEY_MAX ? (size_t)sl : 0;
    sk[0] = '#'; /* stems apart from keys in the one table */
    memcpy(sk + 1, stem, len);
    if ((sid = intern_id(t, sk, len + 1)) < 0)
        return XC_ERR_NOMEM;
    t->stem[id] = (uint32_t)sid;
    t->kind[id] = 2;
    return XC_OK;
}

/* Cut quote X of DOC into words; fails only with XC_ERR_NOMEM. */
static xc_code read_quote(const xc_doc *doc, const xc_quote *x, struct sb_stemmer *st,
                          intern *keys, xc_tokens *tk, qrec *q)
{
    xc_code rc;
    size_t n = x->end > x->start && x->end <= doc->len ? x->end - x->start : 0;
    if (!n)
        return XC_OK;
    if ((rc = xc_tokenize(doc->text + x->start, n, tk)) != XC_OK)
        return rc == XC_ERR_NOMEM ? rc : XC_OK;
    q->w = malloc((tk->ntok ? tk->ntok : 1) * sizeof *q->w);
    q->key = malloc((tk->ntok ? tk->ntok : 1) * sizeof *q->key);
    q->cidx = malloc((tk->ntok ? tk->ntok : 1) * sizeof *q->cidx);
    q->stem = malloc((tk->ntok ? tk->ntok : 1) * sizeof *q->stem);
    if (!q->w || !q->key || !q->cidx || !q->stem)
        return XC_ERR_NOMEM;
    for (size_t k = 0; k < tk->ntok && q->nw < MAX_WORDS; k++) {
        const xc_token *t = &tk->tok[k];
        char key[KEY_MAX + 1];
        size_t len;
        int64_t id;
        if (t->kind != XC_TOK_WORD && t->kind != XC_TOK_NUMBER)
            continue;
        if (!(len = word_form(doc->text + x->start + t->start, t->end - t->start, key + 1)))
            continue;
        key[0] = '~'; /* forms apart from keys and stems in the one table */
        if ((id = intern_id(keys, key, len + 1)) < 0 ||
            (!keys->kind[id] && learn_form(keys, (uint32_t)id, st) != XC_OK))
            return XC_ERR_NOMEM;
        q->w[q->nw].start = (uint32_t)(x->start + t->start);
        q->w[q->nw].end = (uint32_t)(x->start + t->end);
        q->w[q->nw].aligned = 0;
        q->w[q->nw].content = keys->kind[id] == 2;
        q->key[q->nw] = keys->key[id];
        if (q->w[q->nw].content) {
            q->cidx[q->nc] = (uint32_t)q->nw;
            q->stem[q->nc++] = keys->stem[id];
        }
        q->nw++;
    }
    return XC_OK;
}
/* ---- comparing two quotes -------------------------------------------------- */

typedef struct scratch {
    uint16_t *tab; /* LCS table */
    size_t cap;
    uint32_t *mark; /* per stem id: stamp of the quote holding it */
    uint32_t *cnt;  /* per stem id: count in that quote */
    uint32_t stamp;
} scratch;

/* LCS of A[0..NA) and B[0..NB); with MA/MB (may be NULL) marks the
   matched positions; *BFIRST and *BLAST are the first and last matched in B. */
static size_t lcs(scratch *sc, const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                  uint8_t *ma, uint8_t *mb, size_t *bfirst, size_t *blast)
{
    size_t w = nb + 1, len;
    uint16_t *t = sc->tab;
    for (size_t j = 0; j <= nb; j++)
        t[j] = 0;
    for (size_t i = 1; i <= na; i++) {
        t[i * w] = 0;
        for (size_t j = 1; j <= nb; j++)
            t[i * w + j] = a[i - 1] == b[j - 1]
                               ? (uint16_t)(t[(i - 1) * w + j - 1] + 1)
                               : (t[(i - 1) * w + j] > t[i * w + j - 1] ? t[(i - 1) * w + j]
                                                                        : t[i * w + j - 1]);
    }
    len = t[na * w + nb];
    *bfirst = nb;
    *blast = 0;
    for (size_t i = na, j = nb; i && j;) {
        if (a[i - 1] == b[j - 1] && t[i * w + j] == t[(i - 1) * w + j - 1] + 1) {
            if (ma)
                ma[i - 1] = 1;
            if (mb)
                mb[j - 1] = 1;
            if (*bfirst == nb)
                *blast = j - 1; /* the traceback meets the last match first */
            *bfirst = j - 1;
            i--, j--;
        } else if (t[(i - 1) * w + j] >= t[i * w + j - 1]) {
            i--;
        } else {
            j--;
        }
    }
    return len;
}

/* Does A's key sequence occur in B's, word for word?  Returns the start
   in B or -1. */
static int64_t contiguous(const qrec *a, const qrec *b)
{
    if (!a->nw || a->nw > b->nw)
        return -1;
    for (size_t s = 0; s + a->nw <= b->nw; s++)
        if (memcmp(a->key, b->key + s, a->nw * sizeof *a->key) == 0)
            return (int64_t)s;
    return -1;
}

static xc_code scratch_fit(scratch *sc, size_t na, size_t nb)
{
    size_t need = (na + 1) * (nb + 1);
    if (need > sc->cap) {
        uint16_t *t = realloc(sc->tab, need * sizeof *t);
        if (!t)
            return XC_ERR_NOMEM;
        sc->tab = t;
        sc->cap = need;
    }
    return XC_OK;
}

/*
 * Compare A and B (A has no more content words than B).  Returns the
 * similarity in (0, 1] when they are the same words, 0 when not, -1 when
 * out of memory; with MARK, marks the aligned words of both when they are.
 */
static double compare(scratch *sc, qrec *a, qrec *b, int mark)
{
    int64_t at;
    size_t na = a->nc, shared = 0, cl, sl, f, l, span;
    uint8_t *ma, *mb;
    double c, o, s, sim;
    if (!na)
        return 0;
    /* an exact copy or fragment */
    if ((at = a->nw <= b->nw ? contiguous(a, b) : contiguous(b, a)) >= 0) {
        qrec *sh = a->nw <= b->nw ? a : b, *lo = sh == a ? b : a;
        for (size_t k = 0; mark && k < sh->nw; k++) {
            sh->w[k].aligned = 1;
            lo->w[(size_t)at + k].aligned = 1;
        }
        return 1.0;
    }
    if (na <= 2)
        return 0;
    /* content words shared (as a multiset) */
    if (++sc->stamp == 0)
        return 0;
    for (size_t k = 0; k < b->nc; k++) {
        uint32_t s0 = b->stem[k];
        if (sc->mark[s0] != sc->stamp) {
            sc->mark[s0] = sc->stamp;
            sc->cnt[s0] = 0;
        }
        sc->cnt[s0]++;
    }
    for (size_t k = 0; k < na; k++) {
        uint32_t s0 = a->stem[k];
        if (sc->mark[s0] == sc->stamp && sc->cnt[s0]) {
            sc->cnt[s0]--;
            shared++;
        }
    }
    if (shared < (na <= 4 ? na : na == 5 ? 4 : (size_t)ceil(0.6 * (double)na)))
        return 0; /* too few shared words for any of the tests below */
    if (scratch_fit(sc, na, b->nc) != XC_OK)
        return -1;
    cl = lcs(sc, a->stem, na, b->stem, b->nc, NULL, NULL, &f, &l);
    span = cl ? l - f + 1 : 0;
    c = (double)shared / (double)na;
    o = (double)cl / (double)na;
    if (na <= 5) {
        if (cl < (na <= 4 ? na : na - 1) || span > na + 3)
            return 0;
    } else if (c < 0.6 || o < 0.5 || cl < 4 || (double)cl / (double)span < 0.4) {
        return 0;
    }
    /* the wording as a whole, stopwords included */
    if (scratch_fit(sc, a->nw, b->nw) != XC_OK || !(ma = calloc(a->nw + b->nw, 1)))
        return -1;
    mb = ma + a->nw;
    sl = lcs(sc, a->key, a->nw, b->key, b->nw, ma, mb, &f, &l);
    s = (double)sl / (double)(a->nw < b->nw ? a->nw : b->nw);
    sim = 0.4 * c + 0.3 * o + 0.3 * s;
    if (sim > 0.99)
        sim = 0.99;
    if (sim < MIN_SIMILARITY) {
        free(ma);
        return 0;
    }
    if (!mark) {
        free(ma);
        return sim;
    }
    /* content words found in the other are aligned even when reordered;
       stopwords when they fall in the common sequence */
    if (++sc->stamp == 0) {
        free(ma);
        return 0;
    }
    for (size_t k = 0; k < b->nc; k++)
        sc->mark[b->stem[k]] = sc->stamp;
    for (size_t k = 0; k < na; k++)
        if (sc->mark[a->stem[k]] == sc->stamp)
            a->w[a->cidx[k]].aligned = 1;
    if (++sc->stamp == 0) {
        free(ma);
        return 0;
    }
    for (size_t k = 0; k < na; k++)
        sc->mark[a->stem[k]] = sc->stamp;
    for (size_t k = 0; k < b->nc; k++)
        if (sc->mark[b->stem[k]] == sc->stamp)
            b->w[b->cidx[k]].aligned = 1;
    for (size_t k = 0; k < a->nw; k++)
        if (ma[k] && !a->w[k].content)
            a->w[k].aligned = 1;
    for (size_t k = 0; k < b->nw; k++)
        if (mb[k] && !b->w[k].content)
            b->w[k].aligned = 1;
    free(ma);
    return sim;
}

/* ---- grouping ---------------------------------------------------------------- */

static size_t uf_find(size_t *p, size_t x)
{
    while (p[x] != x)
        x = p[x] = p[p[x]];
    return x;
}

typedef struct edge {
    size_t a, b; /* a has no more content words than b */
    double sim;
    int used;    /* it joined a and b */
} edge;

/* The stems of Q (distinct) ordered rarest first, by DF, into OUT. */
static size_t rarest(const qrec *q, const uint32_t *df, uint32_t *out, scratch *sc)
{
    size_t n = 0;
    if (++sc->stamp == 0)
        return 0;
    for (size_t k = 0; k < q->nc; k++)
        if (sc->mark[q->stem[k]] != sc->stamp) {
            sc->mark[q->stem[k]] = sc->stamp;
            out[n++] = q->stem[k];
        }
    /* insertion sort: quotes are short */
    for (size_t i = 1; i < n; i++) {
        uint32_t v = out[i];
        size_t j = i;
        while (j && (df[out[j - 1]] > df[v] || (df[out[j - 1]] == df[v] && out[j - 1] > v))) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = v;
    }
    return n;
}

/*
 * How many of its rarest distinct stems a quote with NC content words (ND
 * distinct) must probe with so that every partner it can pair with as the
 * shorter side shares one: it needs NEED of its words in the partner, so
 * at most ND - (NEED - duplicates) distinct stems can be missing there.
 */
static size_t probe_len(size_t nc, size_t nd)
{
    size_t need = nc <= 4 ? nc : nc == 5 ? 4 : (size_t)ceil(0.6 * (double)nc);
    size_t dups = nc - nd, dneed = need > dups ? need - dups : 1;
    return dneed <= nd ? nd - dneed + 1 : nd;
}

typedef struct state {
    qrec *q;
    size_t nq;
    intern keys;
    scratch sc;
    uint32_t *df;
    uint32_t **post; /* per stem id: the quotes holding it */
    uint32_t *npost, *cappost;
    size_t *parent;
    edge *e;
    size_t ne, cape;
} state;

static void state_free(state *s)
{
    for (size_t k = 0; k < s->nq; k++)
        qrec_free(&s->q[k]);
    free(s->q);
    for (size_t k = 0; s->post && k < s->keys.n; k++)
        free(s->post[k]);
    free(s->post);
    free(s->npost);
    free(s->cappost);
    free(s->df);
    free(s->sc.tab);
    free(s->sc.mark);
    free(s->sc.cnt);
    free(s->parent);
    free(s->e);
    intern_free(&s->keys);
}

/* Compare candidate pairs and keep those that hold the same words. */
static xc_code find_pairs(state *s)
{
    uint32_t *seen = calloc(s->nq ? s->nq : 1, sizeof *seen), *order = NULL;
    size_t maxc = 1;
    xc_code rc = XC_OK;
    for (size_t i = 0; i < s->nq; i++)
        if (s->q[i].nc > maxc)
            maxc = s->q[i].nc;
    order = malloc(maxc * sizeof *order);
    if (!seen || !order) {
        free(seen);
        free(order);
        return XC_ERR_NOMEM;
    }
    for (size_t i = 0; i < s->nq && rc == XC_OK; i++) {
        qrec *a = &s->q[i];
        size_t nd, np;
        if (!a->nc)
            continue;
        nd = rarest(a, s->df, order, &s->sc);
        np = probe_len(a->nc, nd);
        for (size_t p = 0; p < np && rc == XC_OK; p++) {
            uint32_t st = order[p];
            for (size_t k = 0; k < s->npost[st]; k++) {
                size_t j = s->post[st][k];
                qrec *b = &s->q[j];
                double sim;
                if (j == i || seen[j] == i + 1 || b->doc == a->doc || b->question != a->question)
                    continue;
                seen[j] = (uint32_t)(i + 1);
                /* each pair once, probed from its shorter side */
                if (b->nc < a->nc || (b->nc == a->nc && j < i))
                    continue;
                if ((sim = compare(&s->sc, a, b, 0)) < 0) {
                    rc = XC_ERR_NOMEM;
                    break;
                }
                if (sim <= 0)
                    continue;
                if (s->ne == s->cape) {
                    size_t cap = s->cape ? s->cape * 2 : 64;
                    edge *v = realloc(s->e, cap * sizeof *v);
                    if (!v) {
                        rc = XC_ERR_NOMEM;
                        break;
                    }
                    s->e = v;
                    s->cape = cap;
                }
                s->e[s->ne++] = (edge){i, j, sim, 0};
            }
        }
    }
    free(seen);
    free(order);
    return rc;
}

/* Index every quote's distinct stems: document frequency and postings. */
static xc_code index_stems(state *s)
{
    size_t n = s->keys.n ? s->keys.n : 1;
    s->df = calloc(n, sizeof *s->df);
    s->post = calloc(n, sizeof *s->post);
    s->npost = calloc(n, sizeof *s->npost);
    s->cappost = calloc(n, sizeof *s->cappost);
    s->sc.mark = calloc(n, sizeof *s->sc.mark);
    s->sc.cnt = calloc(n, sizeof *s->sc.cnt);
    if (!s->df || !s->post || !s->npost || !s->cappost || !s->sc.mark || !s->sc.cnt)
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < s->nq; i++) {
        const qrec *q = &s->q[i];
        if (++s->sc.stamp == 0)
            return XC_ERR_INTERNAL;
        for (size_t k = 0; k < q->nc; k++) {
            uint32_t st = q->stem[k];
            if (s->sc.mark[st] == s->sc.stamp)
                continue;
            s->sc.mark[st] = s->sc.stamp;
            s->df[st]++;
            if (s->npost[st] == s->cappost[st]) {
                uint32_t cap = s->cappost[st] ? s->cappost[st] * 2 : 4;
                uint32_t *v = realloc(s->post[st], cap * sizeof *v);
                if (!v)
                    return XC_ERR_NOMEM;
                s->post[st] = v;
                s->cappost[st] = cap;
            }
            s->post[st][s->npost[st]++] = (uint32_t)i;
        }
    }
    return XC_OK;
}

/* Is edge E one of a fragment: A very short, or less than half as long
   as B? */
static int is_fragment(const state *s, const edge *e)
{
    return s->q[e->a].nc <= 2 || s->q[e->a].nc * 2 < s->q[e->b].nc;
}

/* A fragment's edge, sortable without context: its length, quote, edge. */
typedef struct frag {
    size_t nc, a, edge;
} frag;

/* The longest fragment first, then by quote, then as found. */
static int longest_fragment_first(const void *x, const void *y)
{
    const frag *a = x, *b = y;
    if (a->nc != b->nc)
        return a->nc < b->nc ? 1 : -1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->edge < b->edge ? -1 : a->edge > b->edge;
}

/*
 * Join the pairs into groups.  Pairs of quotes of similar length join
 * first.  A fragment (or a quote of one or two content words) then joins
 * the group of the longer quotes it was found in, with its copies, but
 * only when those longer quotes are all one group: a few words found in
 * quotes of several different utterances ("we will respond") belong to
 * none of them, and would otherwise chain unrelated groups together.
 * Fragments are taken longest first, so that a fragment of a fragment
 * finds the groups already joined.  Marks the words of the pairs used.
 */
static xc_code join(state *s)
{
    size_t nf = 0, *root = NULL;
    frag *fr;
    for (size_t k = 0; k < s->ne; k++) {
        edge *e = &s->e[k];
        if (is_fragment(s, e)) {
            nf++;
            continue;
        }
        s->parent[uf_find(s->parent, e->a)] = uf_find(s->parent, e->b);
        e->used = 1;
    }
    /* the fragment edges, grouped by fragment, longest fragment first */
    fr = malloc((nf ? nf : 1) * sizeof *fr);
    root = malloc((nf ? nf : 1) * sizeof *root);
    if (!fr || !root) {
        free(fr);
        free(root);
        return XC_ERR_NOMEM;
    }
    nf = 0;
    for (size_t k = 0; k < s->ne; k++)
        if (!s->e[k].used)
            fr[nf++] = (frag){s->q[s->e[k].a].nc, s->e[k].a, k};
    xc_sort(fr, nf, sizeof *fr, longest_fragment_first);
    for (size_t i = 0; i < nf;) {
        size_t j = i, a = fr[i].a, ra = uf_find(s->parent, a), nr = 0;
        while (j < nf && fr[j].a == a)
            j++;
        for (size_t k = i; k < j; k++) {
            size_t r = uf_find(s->parent, s->e[fr[k].edge].b);
            if (s->q[s->e[fr[k].edge].b].nc == fr[i].nc)
                continue; /* a copy of the fragment decides nothing */
            int seen = r == ra;
            for (size_t x = 0; x < nr && !seen; x++)
                seen = root[x] == r;
            if (!seen)
                root[nr++] = r;
        }
        if (nr <= 1)
            for (size_t k = i; k < j; k++) {
                s->parent[uf_find(s->parent, a)] = uf_find(s->parent, s->e[fr[k].edge].b);
                s->e[fr[k].edge].used = 1;
            }
        i = j;
    }
    free(fr);
    free(root);
    for (size_t k = 0; k < s->ne; k++)
        if (s->e[k].used && compare(&s->sc, &s->q[s->e[k].a], &s->q[s->e[k].b], 1) < 0)
            return XC_ERR_NOMEM;
    return XC_OK;
}

/* Turn the components of the union-find into OUT's groups. */
static xc_code make_groups(state *s, xc_qgroups *out)
{
    size_t *gid = malloc((s->nq ? s->nq : 1) * sizeof *gid);
    uint8_t *joined = calloc(s->nq ? s->nq : 1, 1);
    if (!gid || !joined) {
        free(gid);
        free(joined);
        return XC_ERR_NOMEM;
    }
    for (size_t i = 0; i < s->nq; i++)
        gid[i] = SIZE_MAX;
    for (size_t k = 0; k < s->ne; k++)
        if (s->e[k].used)
            joined[uf_find(s->parent, s->e[k].a)] = 1;
    /* groups numbered by their first quote; s->q is in document order */
    for (size_t i = 0; i < s->nq; i++) {
        size_t r = uf_find(s->parent, i);
        if (!joined[r])
            continue;
        if (gid[r] == SIZE_MAX) {
            xc_qgroup *v = realloc(out->v, (out->n + 1) * sizeof *v);
            if (!v) {
                free(gid);
                free(joined);
                return XC_ERR_NOMEM;
            }
            out->v = v;
            memset(&v[out->n], 0, sizeof *v);
            v[out->n].similarity = 1.0;
            v[out->n].speaker = -1;
            gid[r] = out->n++;
        }
        gid[i] = gid[r];
    }
    for (size_t k = 0; k < s->ne; k++) {
        xc_qgroup *g;
        if (!s->e[k].used)
            continue;
        g = &out->v[gid[s->e[k].a]];
        if (s->e[k].sim < g->similarity)
            g->similarity = s->e[k].sim;
    }
    for (size_t i = 0; i < s->nq; i++) {
        xc_qgroup *g;
        xc_qmember *m;
        qrec *q = &s->q[i];
        if (gid[i] == SIZE_MAX)
            continue;
        g = &out->v[gid[i]];
        if (!(m = realloc(g->v, (g->n + 1) * sizeof *m))) {
            free(gid);
            free(joined);
            return XC_ERR_NOMEM;
        }
        g->v = m;
        m = &g->v[g->n++];
        m->doc = q->doc;
        m->quote = q->quote;
        m->words = q->w;
        m->nwords = q->nw;
        q->w = NULL;
        out->of[q->doc][q->quote] = (uint32_t)(gid[i] + 1);
        if (q->speaker < 0)
            continue;
        if (g->speaker < 0 && !g->conflict) {
            g->speaker = q->speaker;
        } else {
            int known = g->speaker == q->speaker;
            for (size_t k = 0; k < g->nspeakers && !known; k++)
                known = g->speakers[k] == (uint32_t)q->speaker;
            if (!known) {
                uint32_t *v = realloc(g->speakers, (g->nspeakers + 2) * sizeof *v);
                if (!v) {
                    free(gid);
                    free(joined);
                    return XC_ERR_NOMEM;
                }
                g->speakers = v;
                if (!g->conflict)
                    v[g->nspeakers++] = (uint32_t)g->speaker;
                v[g->nspeakers++] = (uint32_t)q->speaker;
                g->conflict = 1;
                g->speaker = -1;
            }
        }
    }
    free(gid);
    free(joined);
    return XC_OK;
}

xc_code xc_qgroup_build(xc_doc *const *docs, const xc_quotes *quotes,
                        int32_t *const *speakers, const xc_resolution *res,
                        size_t ndocs, xc_qgroups *out)
{
    state s;
    struct sb_stemmer *st;
    xc_tokens tk = {0};
    xc_code rc = XC_OK;
    size_t total = 0;
    memset(out, 0, sizeof *out);
    memset(&s, 0, sizeof s);
    out->of = calloc(ndocs ? ndocs : 1, sizeof *out->of);
    if (!out->of)
        return XC_ERR_NOMEM;
    out->ndocs = ndocs;
    for (size_t i = 0; i < ndocs; i++) {
        if (!(out->of[i] = calloc(quotes[i].n ? quotes[i].n : 1, sizeof **out->of)))
            return XC_ERR_NOMEM;
        total += quotes[i].n;
    }
    if (!(st = sb_stemmer_new("english", NULL)))
        return XC_ERR_INTERNAL;
    if (!(s.q = calloc(total ? total : 1, sizeof *s.q)) ||
        !(s.parent = malloc((total ? total : 1) * sizeof *s.parent))) {
        rc = XC_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < ndocs && rc == XC_OK; i++)
        for (size_t k = 0; k < quotes[i].n && rc == XC_OK; k++) {
            qrec *q = &s.q[s.nq];
            int32_t e = speakers && speakers[i] ? speakers[i][k] : -1;
            q->doc = (uint32_t)i;
            q->quote = (uint32_t)k;
            q->question = quotes[i].v[k].kind == XC_QUOTE_QUESTION;
            q->speaker = -1;
            if (e >= 0 && res && res->of && i < res->ndocs && res->of[i][e] < res->nvisible)
                q->speaker = (int32_t)res->of[i][e];
            s.parent[s.nq] = s.nq;
            s.nq++;
            rc = read_quote(docs[i], &quotes[i].v[k], st, &s.keys, &tk, q);
        }
    if (rc == XC_OK)
        rc = index_stems(&s);
    if (rc == XC_OK)
        rc = find_pairs(&s);
    if (rc == XC_OK)
        rc = join(&s);
    if (rc == XC_OK)
        rc = make_groups(&s, out);
done:
    xc_tokens_free(&tk);
    sb_stemmer_delete(st);
    state_free(&s);
    return rc;
}

void xc_qgroup_free(xc_qgroups *g)
{
    if (!g)
        return;
    for (size_t k = 0; k < g->n; k++) {
        for (size_t m = 0; m < g->v[k].n; m++)
            free(g->v[k].v[m].words);
        free(g->v[k].v);
        free(g->v[k].speakers);
    }
    free(g->v);
    for (size_t i = 0; g->of && i < g->ndocs; i++)
        free(g->of[i]);
    free(g->of);
    memset(g, 0, sizeof *g);
}

size_t xc_qgroup_word_form(const char *s, size_t n, char *out)
{
    return word_form(s, n, out);
}

const char *xc_qgroup_word_key(const char *form)
{
    const char *sub;
    pthread_once(&tables_once, build_tables);
    return (sub = table_get(&sub_table, form)) ? sub : form;
}

int xc_qgroup_stopword(const char *key)
{
    return is_stopword(key);
}
