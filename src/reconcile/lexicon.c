/*
 * lexicon.c: the reconcile stage's word lists, read from
 * data/predicates.txt (its header describes the format).  Every phrase is
 * stored as the hashes of its words' Snowball stems, so the lookup of a
 * sentence's token is one hash probe whatever its inflection ("sentenced",
 * "sentences").  The table is read once per process and then only read, so
 * any number of threads may match at once.
 */
#include "reconcile/reconcile.h"
#include "core/util.h"
#include "extract/lexicon.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 4
#define MAX_CLASSES 256
#define TABLE_BITS 13 /* 8192 slots: a few hundred phrases and the demonyms */

typedef struct entry {
    uint64_t w[MAX_WORDS];
    uint8_t nw;
    uint16_t cls;
    int32_t next;  /* the next entry with the same first word, or -1 */
} entry;

static struct {
    xc_rclass cls[MAX_CLASSES];
    size_t ncls;
    entry *e;
    size_t ne, cap;
    int32_t slot_word[1u << TABLE_BITS]; /* first entry of a chain, or -1 */
    uint64_t slot_key[1u << TABLE_BITS];
    xc_code rc;
    xc_error err;
} lx;
static pthread_once_t lx_once = PTHREAD_ONCE_INIT;

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ? h : 1;
}

/* The hash of the stem of the lower-case ASCII word W[0..N), or 0. */
static uint64_t word_hash(struct sb_stemmer *st, const char *w, size_t n)
{
    char low[XC_LEX_MAX];
    int flags;
    size_t ln = xc_lex_fold(w, n, low, &flags);
    const sb_symbol *s;
    if (ln == 0)
        return 0;
    if (!(s = sb_stemmer_stem(st, (const sb_symbol *)low, (int)ln)))
        return fnv(low, ln);
    return fnv((const char *)s, (size_t)sb_stemmer_length(st));
}

/* The hash of the lower-case ASCII word W[0..N) as written, or 0. */
static uint64_t form_hash(const char *w, size_t n)
{
    char low[XC_LEX_MAX];
    int flags;
    size_t ln = xc_lex_fold(w, n, low, &flags);
    return ln ? fnv(low, ln) : 0;
}

uint64_t xc_rlex_hash(struct sb_stemmer *st, const char *text, const xc_token *t)
{
    if (t->kind == XC_TOK_WORD)
        return word_hash(st, text + t->start, t->end - t->start);
    if (t->kind == XC_TOK_PUNCT)
        return fnv(text + t->start, t->end - t->start);
    return 0;
}

void xc_rlex_hashes(xc_rlex_cache *c, struct sb_stemmer *st, const char *text,
                    const xc_token *t, uint64_t *stem, uint64_t *form)
{
    char low[XC_LEX_MAX];
    int flags;
    size_t ln, slot;
    const sb_symbol *s;
    *stem = *form = 0;
    if (t->kind == XC_TOK_PUNCT) {
        *stem = *form = fnv(text + t->start, t->end - t->start);
        return;
    }
    if (t->kind != XC_TOK_WORD || !(ln = xc_lex_fold(text + t->start, t->end - t->start, low, &flags)))
        return;
    *form = fnv(low, ln);
    /* the stem of a form seen before comes from the cache */
    slot = (size_t)(*form ^ (*form >> 32)) & (XC_RLEX_CACHE - 1);
    if (c && c->form[slot] == *form) {
        *stem = c->stem[slot];
        return;
    }
    s = sb_stemmer_stem(st, (const sb_symbol *)low, (int)ln);
    *stem = s ? fnv((const char *)s, (size_t)sb_stemmer_length(st)) : *form;
    if (c) {
        c->form[slot] = *form;
        c->stem[slot] = *stem;
    }
}

uint64_t xc_rlex_form(const char *text, const xc_token *t)
{
    if (t->kind == XC_TOK_WORD)
        return form_hash(text + t->start, t->end - t->start);
    if (t->kind == XC_TOK_PUNCT)
        return fnv(text + t->start, t->end - t->start);
    return 0;
}

int xc_rlex_by_form(int kind)
{
    /* events too: "elected" is an event, "election" and "electability"
       are not, and their stems are one; and nouns of people, since
       "villagers" and "villages" share a stem */
    return kind == XC_RK_MODALITY || kind == XC_RK_FRAME || kind == XC_RK_CLAUSE ||
           kind == XC_RK_EVENT || kind == XC_RK_NOUN || kind == XC_RK_PERSON;
}

static size_t slot_of(uint64_t key)
{
    size_t mask = (1u << TABLE_BITS) - 1, i = (size_t)(key ^ (key >> 29)) & mask;
    while (lx.slot_word[i] >= 0 && lx.slot_key[i] != key)
        i = (i + 1) & mask;
    return i;
}

static xc_code add_entry(const uint64_t *w, size_t nw, uint16_t cls)
{
    entry *e;
    size_t s;
    int32_t *link;
    if (lx.ne >= (1u << TABLE_BITS) / 2)
        return XC_ERR_TOO_BIG;
    if (!(e = xc_grow(lx.e, &lx.cap, lx.ne, sizeof *e)))
        return XC_ERR_NOMEM;
    lx.e = e;
    e = &lx.e[lx.ne];
    memset(e, 0, sizeof *e);
    memcpy(e->w, w, nw * sizeof *w);
    e->nw = (uint8_t)nw;
    e->cls = cls;
    /* keep each chain longest first, so the first match is the longest */
    s = slot_of(w[0]);
    if (lx.slot_word[s] < 0)
        lx.slot_key[s] = w[0];
    link = &lx.slot_word[s];
    while (*link >= 0 && lx.e[*link].nw >= nw)
        link = &lx.e[*link].next;
    e->next = *link;
    *link = (int32_t)lx.ne++;
    return XC_OK;
}

static int kind_of(const char *w, size_t n)
{
    static const char *const names[] = {NULL,    "predicate", "event", "modality", "frame",
                                        "noun",  "topic",     "term",  "clause", "person"};
    for (int k = 1; k < XC_RK_NKINDS; k++)
        if (strlen(names[k]) == n && memcmp(names[k], w, n) == 0)
            return k;
    return 0;
}

/* One line: KIND CLASS "LABEL": phrase, phrase, ... */
static xc_code read_line(struct sb_stemmer *st, char *line, size_t lineno)
{
    char *p = line, *colon, *q;
    size_t n;
    int kind;
    xc_rclass *c;
    n = strcspn(p, " \t");
    if (!(kind = kind_of(p, n)) || !(colon = strchr(p, ':')))
        return xc_fail(&lx.err, XC_ERR_PARSE, "predicates.txt:%zu: not KIND CLASS \"LABEL\": words",
                       lineno);
    if (lx.ncls == MAX_CLASSES)
        return xc_fail(&lx.err, XC_ERR_TOO_BIG, "predicates.txt: too many classes");
    c = &lx.cls[lx.ncls];
    memset(c, 0, sizeof *c);
    c->kind = (uint8_t)kind;
    p += n;
    p += strspn(p, " \t");
    n = strcspn(p, " \t\":");
    if (n == 0 || n >= sizeof c->name)
        return xc_fail(&lx.err, XC_ERR_PARSE, "predicates.txt:%zu: bad class name", lineno);
    memcpy(c->name, p, n);
    if ((q = strchr(p, '"')) && q < colon) {
        char *end = strchr(q + 1, '"');
        if (end && (size_t)(end - q - 1) < sizeof c->label)
            memcpy(c->label, q + 1, (size_t)(end - q - 1));
    }
    if (!c->label[0])
        memcpy(c->label, c->name, sizeof c->name);
    /* flags between the label and the colon */
    for (q = p; q < colon; q++)
        if (*q == '+') {
            if (strncmp(q, "+people", 7) == 0)
                c->flags |= XC_RF_PEOPLE;
            else if (strncmp(q, "+about", 6) == 0)
                c->flags |= XC_RF_ABOUT;
        }
    for (p = colon + 1; *p;) {
        uint64_t w[MAX_WORDS];
        size_t nw = 0, plen = strcspn(p, ",");
        char save = p[plen];
        char *tok = p;
        xc_code rc;
        p[plen] = '\0';
        while (*tok) {
            size_t wl;
            tok += strspn(tok, " \t");
            wl = strcspn(tok, " \t");
            if (wl == 0)
                break;
            if (nw == MAX_WORDS)
                return xc_fail(&lx.err, XC_ERR_PARSE,
                               "predicates.txt:%zu: a phrase of more than %d words", lineno,
                               MAX_WORDS);
            w[nw] = (wl == 1 && strchr(";,:", *tok)) ? fnv(tok, 1)
                     : xc_rlex_by_form(kind)         ? form_hash(tok, wl)
                                                     : word_hash(st, tok, wl);
            if (w[nw] == 0)
                return xc_fail(&lx.err, XC_ERR_PARSE, "predicates.txt:%zu: bad word", lineno);
            nw++;
            tok += wl;
        }
        p[plen] = save;
        if (nw && (rc = add_entry(w, nw, (uint16_t)lx.ncls)) != XC_OK)
            return xc_fail(&lx.err, rc, "predicates.txt: %s", xc_code_str(rc));
        p += plen + (save ? 1 : 0);
    }
    lx.ncls++;
    return XC_OK;
}

/* Plural demonyms ("Armenians") count as people: data file demonyms.txt,
   one name per line; without the file nothing is added. */
static xc_code add_demonyms(struct sb_stemmer *st)
{
    int people = xc_rlex_find(XC_RK_NOUN, "people");
    char *path = xc_data_file("demonyms.txt");
    FILE *f = path ? fopen(path, "r") : NULL;
    char line[256];
    xc_code rc = XC_OK;
    free(path);
    if (!f || people < 0) {
        if (f)
            fclose(f);
        return XC_OK;
    }
    while (rc == XC_OK && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        uint64_t w;
        if (n < 3 || line[0] == '#' || line[n - 1] != 's' || memchr(line, ' ', n))
            continue;
        (void)st;
        if ((w = form_hash(line, n)) != 0) /* nouns match as written */
            rc = add_entry(&w, 1, (uint16_t)people);
    }
    fclose(f);
    return rc == XC_OK ? XC_OK : xc_fail(&lx.err, rc, "demonyms.txt: %s", xc_code_str(rc));
}

static void load_once(void)
{
    char *path = xc_data_file("predicates.txt");
    struct sb_stemmer *st = NULL;
    FILE *f = NULL;
    char line[2048];
    size_t lineno = 0;
    memset(lx.slot_word, 0xff, sizeof lx.slot_word);
    lx.rc = XC_OK;
    if (!path) {
        lx.rc = xc_fail(&lx.err, XC_ERR_NOT_FOUND,
                        "cannot find the data file predicates.txt (set CROSSCHECK_DATA to "
                        "the folder holding crosscheck's data/)");
        return;
    }
    f = fopen(path, "r");
    free(path);
    if (!f) {
        lx.rc = xc_fail(&lx.err, XC_ERR_IO, "cannot read the data file predicates.txt");
        return;
    }
    if (!(st = sb_stemmer_new("english", NULL))) {
        fclose(f);
        lx.rc = xc_fail(&lx.err, XC_ERR_NOMEM, "out of memory");
        return;
    }
    while (lx.rc == XC_OK && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        lineno++;
        line[n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        lx.rc = read_line(st, line, lineno);
    }
    if (lx.rc == XC_OK)
        lx.rc = add_demonyms(st);
    sb_stemmer_delete(st);
    fclose(f);
}

xc_code xc_rlex_load(xc_error *err)
{
    pthread_once(&lx_once, load_once);
    if (lx.rc != XC_OK && err)
        *err = lx.err;
    return lx.rc;
}

const xc_rclass *xc_rlex_class(size_t i)
{
    return i < lx.ncls ? &lx.cls[i] : NULL;
}

size_t xc_rlex_nclasses(void)
{
    return lx.ncls;
}

int xc_rlex_find(int kind, const char *name)
{
    for (size_t i = 0; i < lx.ncls; i++)
        if (lx.cls[i].kind == kind && strcmp(lx.cls[i].name, name) == 0)
            return (int)i;
    return -1;
}

int xc_rlex_match(const uint64_t *h, size_t n, size_t i, int kind, xc_rmatch *m)
{
    size_t s;
    if (i >= n || !h[i] || !lx.ne)
        return 0;
    s = slot_of(h[i]);
    for (int32_t k = lx.slot_word[s]; k >= 0; k = lx.e[k].next) {
        const entry *e = &lx.e[k];
        size_t j;
        if (lx.cls[e->cls].kind != kind || i + e->nw > n)
            continue;
        for (j = 1; j < e->nw && h[i + j] == e->w[j]; j++)
            ;
        if (j == e->nw) {
            m->cls = e->cls;
            m->kind = (uint8_t)kind;
            m->len = e->nw;
            return 1;
        }
    }
    return 0;
}
