/*
 * entities.c: people, organizations, places and other names in one
 * document (DESIGN.md: analyze).  The statistical tagger (ner.c) marks the
 * names; this file prepares the tokens it expects (CoNLL-style: "Aliyev's"
 * is "Aliyev" + "'s", typographic quotes are ASCII), turns its tags into
 * mentions with byte offsets, attaches the roles and titles written around
 * a person's name ("Armenian parliament speaker Alen Simonyan", "Ruben
 * Vardanyan, the former state minister of ..."), and links short forms to
 * full names within the document ("Vardanyan" -> "Ruben Vardanyan") only
 * when exactly one full name fits.  Merging across documents is a later
 * stage (resolve).
 */
#include "core/util.h"
#include "extract/extract.h"
#include "extract/lexicon.h"
#include "extract/ner.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- resources, loaded once per process ---------------------------------- */

enum { LEX_ROLE = 1, LEX_MODIFIER = 2, LEX_PLACE = 4 };

static struct {
    xc_tagger *tagger;
    xc_ner_map lex; /* hash of a lowercased word -> LEX_* bits */
    xc_error err;   /* why loading failed, when tagger is NULL */
} res;
static pthread_once_t res_once = PTHREAD_ONCE_INIT;

/* Add every line of data file NAME to the lexicon with BITS. */
static xc_code load_lexicon(const char *name, uint32_t bits)
{
    char *path = xc_data_file(name);
    FILE *f;
    char line[256];
    xc_code rc = XC_OK;
    if (!path)
        return xc_fail(&res.err, XC_ERR_NOT_FOUND,
                       "cannot find the data file %s (set CROSSCHECK_DATA to "
                       "the folder holding crosscheck's data/)", name);
    f = fopen(path, "r");
    free(path);
    if (!f)
        return xc_fail(&res.err, XC_ERR_IO, "cannot read the data file %s", name);
    while (rc == XC_OK && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (n == 0 || line[0] == '#')
            continue;
        /* a multi-word entry counts by its last word ("United States") */
        {
            const char *w = line;
            for (size_t i = 0; i < n; i++)
                if (line[i] == ' ')
                    w = line + i + 1;
            rc = xc_ner_map_or(&res.lex, xc_ner_hash_lower(w, (size_t)(line + n - w)), bits);
        }
    }
    fclose(f);
    return rc == XC_OK ? XC_OK : xc_fail(&res.err, rc, "out of memory");
}

static void load_resources(void)
{
    if (load_lexicon("roles.txt", LEX_ROLE) != XC_OK ||
        load_lexicon("role-modifiers.txt", LEX_MODIFIER) != XC_OK ||
        load_lexicon("demonyms.txt", LEX_PLACE) != XC_OK ||
        load_lexicon("countries.txt", LEX_PLACE) != XC_OK)
        return;
    if (xc_tagger_load(NULL, &res.tagger, &res.err) != XC_OK)
        res.tagger = NULL;
}

/* ---- tokens as the tagger expects them ------------------------------------ */

typedef struct ttok {
    size_t start, end; /* bytes of the document */
    size_t sent;       /* sentence index */
} ttok;

typedef struct prep {
    ttok *t;
    const char **str;
    size_t n, cap;
    size_t *slen;
    xc_buf chars; /* the token strings, NUL-separated */
    size_t *soff; /* offset of each string in chars */
} prep;

static void prep_free(prep *p)
{
    free(p->t);
    free(p->str);
    free(p->slen);
    free(p->soff);
    xc_buf_free(&p->chars);
}

static xc_code push(prep *p, size_t start, size_t end, size_t sent,
                    const char *s, size_t n)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        ttok *t = realloc(p->t, cap * sizeof *t);
        size_t *o;
        if (!t)
            return XC_ERR_NOMEM;
        p->t = t;
        o = realloc(p->soff, cap * sizeof *o);
        if (!o)
            return XC_ERR_NOMEM;
        p->soff = o;
        p->cap = cap;
    }
    p->t[p->n].start = start;
    p->t[p->n].end = end;
    p->t[p->n].sent = sent;
    p->soff[p->n] = p->chars.len;
    p->n++;
    if (xc_buf_append(&p->chars, s, n) != XC_OK ||
        xc_buf_append(&p->chars, "", 1) != XC_OK)
        return XC_ERR_NOMEM;
    return XC_OK;
}

/* Length of a possessive ending of word W[0..N): 2 for "'s", 4 for "’s". */
static size_t possessive(const char *w, size_t n)
{
    if (n > 2 && (w[n - 1] == 's' || w[n - 1] == 'S') && w[n - 2] == '\'')
        return 2;
    if (n > 4 && (w[n - 1] == 's' || w[n - 1] == 'S') &&
        memcmp(w + n - 4, "\xE2\x80\x99", 3) == 0)
        return 4;
    return 0;
}

/* Append word W with typographic apostrophes made ASCII. */
static xc_code push_word(prep *p, size_t start, size_t end, size_t sent,
                         const char *w)
{
    char small[128];
    size_t n = end - start, k = 0;
    if (n >= sizeof small)
        return push(p, start, end, sent, w, n);
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)w[i] == 0xE2 && i + 2 < n &&
            memcmp(w + i, "\xE2\x80\x99", 3) == 0) {
            small[k++] = '\'';
            i += 2;
        } else {
            small[k++] = w[i];
        }
    }
    return push(p, start, end, sent, small, k);
}

static xc_code prepare(const xc_doc *doc, const xc_tokens *tk, prep *p)
{
    xc_buf_init(&p->chars, 0);
    if (!(p->slen = calloc(tk->nsent ? tk->nsent : 1, sizeof *p->slen)))
        return XC_ERR_NOMEM;
    for (size_t s = 0; s < tk->nsent; s++) {
        const xc_sentence *sn = &tk->sent[s];
        size_t before = p->n;
        for (uint32_t k = sn->first; k < sn->first + sn->count; k++) {
            const xc_token *t = &tk->tok[k];
            const char *w = doc->text + t->start;
            size_t n = t->end - t->start, pos;
            xc_code rc;
            switch (t->kind) {
            case XC_TOK_QUOTE:
                rc = push(p, t->start, t->end, s, "\"", 1);
                break;
            case XC_TOK_DASH:
                rc = push(p, t->start, t->end, s, n == 1 ? "-" : "--", n == 1 ? 1 : 2);
                break;
            case XC_TOK_ELLIPSIS:
                rc = push(p, t->start, t->end, s, "...", 3);
                break;
            case XC_TOK_WORD:
                if ((pos = possessive(w, n)) != 0) {
                    rc = push_word(p, t->start, t->end - pos, s, w);
                    if (rc == XC_OK)
                        rc = push(p, t->end - pos, t->end, s, "'s", 2);
                } else {
                    rc = push_word(p, t->start, t->end, s, w);
                }
                break;
            default:
                rc = push(p, t->start, t->end, s, w, n);
            }
            if (rc != XC_OK)
                return rc;
        }
        p->slen[s] = p->n - before;
    }
    if (!(p->str = malloc((p->n ? p->n : 1) * sizeof *p->str)))
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < p->n; i++)
        p->str[i] = p->chars.data + p->soff[i];
    return XC_OK;
}

/* ---- mentions ------------------------------------------------------------------ */

static uint8_t type_of(const char *tag)
{
    switch (tag[2]) {
    case 'P': return XC_ENT_PERSON;
    case 'O': return XC_ENT_ORG;
    case 'L': return XC_ENT_PLACE;
    default: return XC_ENT_OTHER;
    }
}

/* A mention under construction: tagger tokens [a, b). */
typedef struct span {
    size_t a, b;
    uint8_t type;
    uint32_t entity;
} span;

static int is_punct_str(const char *s)
{
    for (; *s; s++)
        if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
            (*s >= '0' && *s <= '9') || (unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

static xc_code collect(const prep *p, const char **tags, span **out, size_t *nout)
{
    span *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < p->n;) {
        size_t j;
        if (tags[i][0] == 'O') {
            i++;
            continue;
        }
        j = i + 1;
        while (j < p->n && tags[j][0] == 'I' && tags[j][2] == tags[i][2] &&
               p->t[j].sent == p->t[i].sent)
            j++;
        /* trim quotes and punctuation the tagger took in at either edge */
        {
            size_t a = i, b = j;
            while (a < b && is_punct_str(p->str[a]))
                a++;
            while (b > a && (is_punct_str(p->str[b - 1]) || strcmp(p->str[b - 1], "'s") == 0))
                b--;
            if (a < b) {
                if (n == cap) {
                    size_t c = cap ? cap * 2 : 64;
                    span *nv = realloc(v, c * sizeof *nv);
                    if (!nv) {
                        free(v);
                        return XC_ERR_NOMEM;
                    }
                    v = nv;
                    cap = c;
                }
                v[n].a = a;
                v[n].b = b;
                v[n].type = type_of(tags[i]);
                v[n].entity = UINT32_MAX;
                n++;
            }
        }
        i = j;
    }
    *out = v;
    *nout = n;
    return XC_OK;
}

/* ---- cleaning the tagger's spans ------------------------------------------------- */

static uint32_t lex_of(const prep *p, size_t i);

static int is_upper_init(const char *s)
{
    return *s >= 'A' && *s <= 'Z';
}

/* A month or weekday name ("February", "Tuesday"): never a name alone. */
static int is_time_word(const char *s)
{
    char f[XC_LEX_MAX];
    int flags;
    xc_timeword tw;
    size_t n = xc_lex_fold(s, strlen(s), f, &flags);
    return n && xc_lex_timeword(f, n, &tw) &&
           (tw.cls == XC_TW_MONTH || tw.cls == XC_TW_WEEKDAY);
}

/* A capitalized function word inside a span: the mark of a headline in
   Title Case ("Aliyev Rules Out Release Of Former Karabakh Leaders"). */
static int headline_word(const char *s)
{
    static const char *const w[] = {"Of", "Out", "To", "In", "For", "On", "At", "By",
                                    "With", "The", "And", "Over", "After", "From",
                                    "Into", "As", "Is", "Are", "Was", "Will", NULL};
    for (size_t k = 0; w[k]; k++)
        if (strcmp(s, w[k]) == 0)
            return 1;
    return 0;
}

/*
 * Correct what the tagger gets wrong with titles and headlines: a span that
 * is only a role ("U.S. Vice President") is no name; a role before a name
 * inside one span ("U.S. Vice President JD Vance", "Mayor Shirley
 * Franklin" at the start of a sentence) leaves the name, a person; a month or weekday alone is no name; a Title Case headline is no
 * name.  Returns the new number of spans.
 */
static size_t clean_spans(const prep *p, span *m, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        span s = m[i];
        size_t len = s.b - s.a, roles = 0, plain = 0, last_role = SIZE_MAX, fn = 0;
        for (size_t k = s.a; k < s.b; k++) {
            uint32_t bits = lex_of(p, k);
            if (bits & LEX_ROLE) {
                roles++;
                last_role = k;
            } else if (!(bits & (LEX_MODIFIER | LEX_PLACE))) {
                plain++;
            }
            if (k > s.a && k + 1 < s.b && headline_word(p->str[k]))
                fn++;
        }
        if (roles && !plain)
            continue; /* a role alone */
        if (len >= 4 && fn)
            continue; /* a headline */
        if (len == 1 && s.type != XC_ENT_PERSON && is_time_word(p->str[s.a]))
            continue;
        if (roles && last_role + 1 < s.b &&
            is_upper_init(p->str[last_role + 1]) && s.b - (last_role + 1) <= 4) {
            int names = 1;
            for (size_t k = last_role + 1; k < s.b; k++)
                names &= is_upper_init(p->str[k]) && !(lex_of(p, k) & (LEX_ROLE | LEX_PLACE));
            if (names) {
                s.a = last_role + 1;
                s.type = XC_ENT_PERSON;
            }
        }
        m[out++] = s;
    }
    return out;
}

/* ---- linking within the document ------------------------------------------------ */

/* The key of tagger token I: its letters and digits lowercased, so that
   "J.D." and "JD" and "J. D." compare by their parts. */
static uint64_t word_key(const prep *p, size_t i)
{
    char b[128];
    size_t k = 0;
    for (const char *s = p->str[i]; *s && k < sizeof b; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '.' || c == '\'')
            continue;
        b[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return xc_ner_hash(b, k);
}

static uint64_t span_key(const prep *p, const span *s)
{
    uint64_t h = (uint64_t)s->type + 1;
    for (size_t i = s->a; i < s->b; i++)
        h = xc_ner_hash2(h, word_key(p, i));
    return h;
}

/* The key of the words [a, b) of the text, whatever their type. */
static uint64_t words_key(const prep *p, size_t a, size_t b)
{
    uint64_t h = 0x51u;
    for (size_t i = a; i < b; i++)
        h = xc_ner_hash2(h, word_key(p, i));
    return h;
}

enum { SUFFIX_MAX = 8, SUFFIX_MANY = UINT32_MAX };

/* Person mention M (linked to its entity) ends with each of its shorter
   word sequences: remember which entity each suffix points to, or that
   several do. */
static xc_code add_suffixes(const prep *p, const span *m, xc_ner_map *suffix)
{
    size_t ml = m->b - m->a;
    for (size_t s = 1; s < ml && s <= SUFFIX_MAX; s++) {
        uint64_t key = words_key(p, m->b - s, m->b);
        uint32_t had = xc_ner_map_get(suffix, key);
        uint32_t val = had && had != m->entity + 1 ? SUFFIX_MANY : m->entity + 1;
        if (had != val && xc_ner_map_put(suffix, key, val) != XC_OK)
            return XC_ERR_NOMEM;
    }
    return XC_OK;
}

/*
 * Give every mention an entity: equal names are one entity; a person named
 * by fewer words ("Vardanyan") joins the one longer name that ends with
 * those words ("Ruben Vardanyan"), and stays apart when several do.  The
 * longer names are indexed by their endings, so the work grows with the
 * number of mentions, not with its square (a page of a million names).
 */
static uint32_t link(const prep *p, span *m, size_t n)
{
    xc_ner_map seen = {0}, suffix = {0};
    uint32_t next = 0;
    /* longest first, so that full names exist before their short forms */
    for (size_t len = 8; len >= 1; len--) {
        for (size_t i = 0; i < n; i++) {
            size_t ml = m[i].b - m[i].a;
            uint64_t key;
            uint32_t e;
            if (m[i].entity != UINT32_MAX || (ml != len && !(len == 8 && ml > 8)))
                continue;
            key = span_key(p, &m[i]);
            e = xc_ner_map_get(&seen, key);
            if (e) {
                m[i].entity = e - 1;
            } else {
                /* a person by fewer words, or a lone word the tagger typed
                   otherwise ("the release of Khachatryan") that only a
                   person's full name ends with */
                if (ml <= SUFFIX_MAX && (m[i].type == XC_ENT_PERSON ||
                    (ml == 1 && !(lex_of(p, m[i].a) & LEX_PLACE)))) {
                    uint32_t found = xc_ner_map_get(&suffix, words_key(p, m[i].a, m[i].b));
                    if (found && found != SUFFIX_MANY) {
                        m[i].entity = found - 1;
                        m[i].type = XC_ENT_PERSON;
                    }
                }
                if (m[i].entity == UINT32_MAX)
                    m[i].entity = next++;
                if (xc_ner_map_put(&seen, key, m[i].entity + 1) != XC_OK)
                    break;
            }
            if (m[i].type == XC_ENT_PERSON && add_suffixes(p, &m[i], &suffix) != XC_OK)
                break;
        }
    }
    xc_ner_map_free(&seen);
    xc_ner_map_free(&suffix);
    return next;
}

/* ---- roles ---------------------------------------------------------------------- */

static uint32_t lex_of(const prep *p, size_t i)
{
    const char *s = p->str[i];
    size_t n = strlen(s);
    uint32_t bits = xc_ner_map_get(&res.lex, xc_ner_hash_lower(s, n));
    /* "Vice-President", "ex-minister": any part may carry the role */
    const char *dash = memchr(s, '-', n);
    if (dash && !bits) {
        bits |= xc_ner_map_get(&res.lex, xc_ner_hash_lower(s, (size_t)(dash - s))) & LEX_MODIFIER;
        bits |= xc_ner_map_get(&res.lex, xc_ner_hash_lower(dash + 1, n - (size_t)(dash + 1 - s)));
    }
    return bits;
}

static xc_code add_role(xc_entities *out, size_t start, size_t end, uint32_t entity)
{
    if (out->nr == out->capr) {
        size_t cap = out->capr ? out->capr * 2 : 16;
        xc_role *r = realloc(out->r, cap * sizeof *r);
        if (!r)
            return XC_ERR_NOMEM;
        out->r = r;
        out->capr = cap;
    }
    out->r[out->nr].start = start;
    out->r[out->nr].end = end;
    out->r[out->nr].entity = entity;
    out->nr++;
    return XC_OK;
}

/* A lowercase word in -ed, most likely a verb in the past. */
static int is_ed_verb(const char *s)
{
    size_t n = strlen(s);
    return n > 3 && s[0] >= 'a' && s[0] <= 'z' && strcmp(s + n - 2, "ed") == 0;
}

/* The role written before the name: "US Vice-President", "Armenian
   parliament speaker", "Azerbaijani President". */
static xc_code role_before(const prep *p, const char **tags, const span *m,
                           xc_entities *out)
{
    size_t i = m->a, first = m->a, heads = 0;
    while (i > 0 && p->t[i - 1].sent == p->t[m->a].sent && m->a - (i - 1) <= 6) {
        size_t k = i - 1;
        uint32_t bits = lex_of(p, k);
        int named = tags[k][0] != 'O' && tags[k][2] != 'P'; /* "Microsoft CEO" */
        if (!(bits & (LEX_ROLE | LEX_MODIFIER)) &&
            !((bits & LEX_PLACE) && is_upper_init(p->str[k])) && !named)
            break;
        /* a title the tagger took into the person's span, cut off it by
           clean_spans ("Mayor Shirley Franklin") */
        if (tags[k][0] != 'O' && tags[k][2] == 'P' && !(bits & (LEX_ROLE | LEX_MODIFIER)))
            break;
        if (bits & LEX_ROLE)
            heads++;
        i = k;
        if (heads)
            first = k;
    }
    if (!heads || first == m->a)
        return XC_OK;
    /* the word next to the name must belong to the role */
    if (!(lex_of(p, m->a - 1) & (LEX_ROLE | LEX_MODIFIER)))
        return XC_OK;
    /* "the court reporter Nichols murdered.": the lone surname is the
       subject of a clause about the one with the role, whose object is
       missing; the role is the victim's, not his */
    if (first > 0 && m->b - m->a == 1 && m->b + 1 < p->n &&
        p->t[m->b + 1].sent == p->t[m->a].sent && is_punct_str(p->str[m->b + 1]) &&
        is_ed_verb(p->str[m->b])) {
        /* a determiner opens the role, maybe a noun with its 's before it
           ("a sheriff's deputy") */
        for (size_t k = first; k > 0 && first - k < 3 && p->t[k - 1].sent == p->t[m->a].sent; k--) {
            const char *d = p->str[k - 1];
            if (strcasecmp(d, "the") == 0 || strcasecmp(d, "a") == 0 || strcasecmp(d, "an") == 0)
                return XC_OK;
        }
    }
    return add_role(out, p->t[first].start, p->t[m->a - 1].end, m->entity);
}

/* A preposition that puts a name inside a description ("the wife of
   John Smith", "adviser to Nikol Pashinyan"). */
static int is_preposition(const char *s)
{
    static const char *const w[] = {"of", "to", "for", "at", "in", "with", "from", "on", "by", NULL};
    for (size_t i = 0; w[i]; i++)
        if (strcmp(s, w[i]) == 0)
            return 1;
    return 0;
}

/* The role in an apposition after the name: ", the former state minister
   of the self-proclaimed Nagorno-Karabakh Republic,". */
static xc_code role_after(const prep *p, const char **tags, const span *m, xc_entities *out)
{
    /* words that open a phrase of place, time or manner (", in the
       head", ", at the scene"), not an apposition; and words that join */
    static const char *const not_first[] = {
        "in", "on", "at", "by", "for", "with", "from", "to", "into", "after", "before",
        "during", "as", "and", "or", "but", "then", "while", "when", "where", "since", NULL};
    size_t i = m->b, sent = p->t[m->a].sent, start, end, k, head = 0, of = 0;
    if (i >= p->n || p->t[i].sent != sent || strcmp(p->str[i], ",") != 0)
        return XC_OK;
    i++;
    if (i < p->n && (strcasecmp(p->str[i], "the") == 0 || strcasecmp(p->str[i], "a") == 0 ||
                     strcasecmp(p->str[i], "an") == 0))
        i++;
    start = i;
    for (size_t w = 0; start < p->n && not_first[w]; w++)
        if (strcasecmp(p->str[start], not_first[w]) == 0)
            return XC_OK;
    for (k = i; k < p->n && p->t[k].sent == sent && k - start < 16; k++) {
        const char *s = p->str[k];
        /* a name right after the role, before any "of": the next item of
           a list ("Judge Rowland Barnes, court reporter Julie Ann
           Brandau and ..."), not a description of this person ("his
           daughter, the wife of John Smith," keeps its name) */
        if (tags[k][0] != 'O' && tags[k][2] == 'P' && !of)
            return XC_OK;
        if (is_preposition(s))
            of = 1;
        if (strcmp(s, ",") == 0 || strcmp(s, ".") == 0 || strcmp(s, ";") == 0 ||
            strcmp(s, "--") == 0 || strcmp(s, "(") == 0 || strcmp(s, ")") == 0 ||
            strcmp(s, "\"") == 0 || strcasecmp(s, "who") == 0 ||
            strcasecmp(s, "which") == 0 || strcasecmp(s, "said") == 0)
            break;
        if (!head && k - start < 6 && (lex_of(p, k) & LEX_ROLE))
            head = k + 1;
    }
    if (!head)
        return XC_OK;
    end = k;
    if (end <= start)
        return XC_OK;
    return add_role(out, p->t[start].start, p->t[end - 1].end, m->entity);
}

/* ---- the extractor ---------------------------------------------------------------- */

xc_code xc_entities_find(const xc_doc *doc, const xc_tokens *tk,
                         xc_entities *out, xc_error *err)
{
    prep p = {0};
    const char **tags = NULL;
    span *m = NULL;
    size_t nm = 0;
    xc_code rc;

    pthread_once(&res_once, load_resources);
    if (!res.tagger)
        return xc_fail(err, res.err.code ? res.err.code : XC_ERR_INTERNAL, "%s",
                       res.err.msg[0] ? res.err.msg : "the entity tagger did not load");
    if ((rc = prepare(doc, tk, &p)) != XC_OK)
        goto out;
    if (!(tags = malloc((p.n ? p.n : 1) * sizeof *tags))) {
        rc = XC_ERR_NOMEM;
        goto out;
    }
    if ((rc = xc_tagger_tag_document(res.tagger, p.str, p.slen, tk->nsent, tags, err)) != XC_OK)
        goto out;
    if ((rc = collect(&p, tags, &m, &nm)) != XC_OK)
        goto out;
    nm = clean_spans(&p, m, nm);
    out->nentities = link(&p, m, nm);
    if (nm > out->capm) {
        xc_mention *v = realloc(out->m, nm * sizeof *v);
        if (!v) {
            rc = XC_ERR_NOMEM;
            goto out;
        }
        out->m = v;
        out->capm = nm;
    }
    out->nm = nm;
    out->nr = 0;
    for (size_t i = 0; i < nm && rc == XC_OK; i++) {
        xc_mention *x = &out->m[i];
        x->start = p.t[m[i].a].start;
        x->end = p.t[m[i].b - 1].end;
        x->entity = m[i].entity;
        x->type = m[i].type;
        x->boilerplate = (uint8_t)xc_doc_in_boilerplate(doc, x->start, x->end);
        if (m[i].type == XC_ENT_PERSON && !x->boilerplate) {
            rc = role_before(&p, tags, &m[i], out);
            if (rc == XC_OK)
                rc = role_after(&p, tags, &m[i], out);
        }
    }
out:
    if (rc == XC_ERR_NOMEM)
        xc_fail(err, rc, "out of memory");
    free(m);
    free(tags);
    prep_free(&p);
    return rc;
}

void xc_entities_free(xc_entities *e)
{
    free(e->m);
    free(e->r);
    memset(e, 0, sizeof *e);
}

int32_t xc_entities_at(const xc_entities *e, size_t start, size_t end)
{
    int32_t best = -1;
    for (size_t i = 0; i < e->nm; i++) {
        const xc_mention *x = &e->m[i];
        if (x->start < end && start < x->end) {
            if (x->type == XC_ENT_PERSON)
                return (int32_t)x->entity;
            if (best < 0)
                best = (int32_t)x->entity;
        }
    }
    return best;
}
