/*
 * merge.c: merging the entities of a story's documents into the story's
 * entities (see resolve.h for the rules).  The extract stage has already
 * joined the mentions of one name within each document ("Vardanyan" ->
 * "Ruben Vardanyan"); this file works on those per-document entities.
 *
 * The steps, each near-linear in the number of per-document entities:
 *   1. each per-document entity gets a profile: its most complete form, a
 *      class (a person named by several words, a person named by one word,
 *      or anything else), the transliteration keys of its words;
 *   2. entities with the same key become one node (a node is one distinct
 *      name of the story); places also merge through the alias groups;
 *   3. people's nodes are compared only within blocks sharing a surname key
 *      (strict, loose, or consonant skeleton), strongest pairs first, and
 *      joined unless some given names of the two sides conflict;
 *   4. a person named by a surname alone joins the one person it can be;
 *      a name tagged a person in one report and an organization in
 *      another is one, and so is an acronym with the name it abbreviates;
 *   5. the canonical name, the type and the reasons are collected.
 */
#include "resolve/resolve.h"
#include "core/util.h"
#include "extract/ner.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define KEY_MAX 128     /* bytes of a name's key */
#define MAX_GIVEN 4     /* given names compared */
#define BLOCK_MAX 200   /* a node is compared with the next BLOCK_MAX of its block */
#define CTX_PER_DOC 64  /* entities of a document used as context */
#define CTX_MAX 1024    /* context keys gathered per node */
#define ROLE_MAX 32     /* role words kept per node */

/* ---- word lists and place aliases, loaded once per process ------------------- */

static xc_ner_map aliases; /* hash of a name's key -> its alias group (from 1) */
static xc_ner_map titles;  /* hash of a plain word -> TITLE_* bits */
enum {
    TITLE_ROLE = 1,      /* a role head or modifier: "mayor", "senator", "former" */
    TITLE_FIRST_NAME = 2,/* a known first name: "Marine", "Jon" */
    TITLE_HONORIFIC = 4, /* a title before a name: "Gov.", "Earl", "Mr" */
    TITLE_HEAD = 8,      /* the head of a role: "president", "minister" */
    TITLE_NATION = 16    /* a country or nationality: "Azerbaijan", "Armenian" */
};
static pthread_once_t resources_once = PTHREAD_ONCE_INIT;

static size_t name_key(const char *s, size_t n, int person, char *out, size_t cap);

/* The hash of a word as compared with the word lists: ASCII letters and
   digits lowercased, everything else dropped ("Adm." = "adm"). */
static uint64_t plain_hash(const char *s, size_t n)
{
    char b[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof b; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            b[k++] = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80)
            b[k++] = c;
    }
    return xc_ner_hash(b, k);
}

/* Add the one-word lines of data file NAME to the titles map with BITS. */
static void load_words(const char *name, uint32_t bits)
{
    char *path = xc_data_file(name);
    FILE *f = path ? fopen(path, "r") : NULL;
    char line[256];
    free(path);
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (n == 0 || line[0] == '#' || memchr(line, ' ', n))
            continue;
        if (xc_ner_map_or(&titles, plain_hash(line, n), bits) != XC_OK)
            break;
    }
    fclose(f);
}

/*
 * Is the word S[0..N), written before a person's name, a title rather than
 * part of the name?  A role ("Mayor", "Senator") or an abbreviated title
 * ("Gov.", "Sen.", "Mr"), never a known first name; a title written in full
 * that is also a name ("Earl Warren") stays.
 */
static int is_title(const char *s, size_t n)
{
    uint32_t bits = xc_ner_map_get(&titles, plain_hash(s, n));
    if (bits & TITLE_FIRST_NAME)
        return 0;
    if (bits & TITLE_ROLE)
        return 1;
    return (bits & TITLE_HONORIFIC) && (s[n - 1] == '.' || n <= 3);
}

/* The groups of data/place-aliases.txt, numbered from 1 by line. */
static void load_place_aliases(void)
{
    char *path = xc_data_file("place-aliases.txt");
    FILE *f = path ? fopen(path, "r") : NULL;
    char line[1024], key[KEY_MAX];
    uint32_t group = 0;
    free(path);
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        char *p = line, *end = line + n;
        if (n == 0 || line[0] == '#')
            continue;
        group++;
        while (p < end) {
            char *eq = strstr(p, " = ");
            char *stop = eq && eq < end ? eq : end;
            size_t k = name_key(p, (size_t)(stop - p), 0, key, sizeof key);
            if (k && xc_ner_map_put(&aliases, xc_ner_hash(key, k), group) != XC_OK)
                break;
            p = stop == end ? end : stop + 3;
        }
    }
    fclose(f);
}

/* Titles (to drop from the front of a person's name: "Mayor", "Gov."),
   first names (never dropped: "Marine Le Pen") and the place aliases.  A
   missing file leaves its list empty. */
static void load_resources(void)
{
    load_words("roles.txt", TITLE_ROLE | TITLE_HEAD);
    load_words("demonyms.txt", TITLE_NATION);
    load_words("countries.txt", TITLE_NATION);
    load_words("role-modifiers.txt", TITLE_ROLE);
    load_words("person-titles.txt", TITLE_HONORIFIC);
    load_words("first-names.txt", TITLE_FIRST_NAME);
    load_place_aliases();
}

/* ---- keys ------------------------------------------------------------------------- */

/*
 * Fold one word (lowercase, no diacritics, letters and digits only) by the
 * regular variants of transliteration.  IN and OUT may not overlap; OUT
 * has room for N + 1 bytes.
 */
static size_t translit(const char *in, size_t n, char *out)
{
    size_t k = 0, i = 0, j = 0;
    while (i < n) {
        const char *p = in + i;
        size_t r = n - i;
        char c = *p;
        if (r >= 3 && (memcmp(p, "dzh", 3) == 0 || memcmp(p, "tch", 3) == 0)) {
            out[k++] = 'j', i += 3;
            continue;
        }
        if (r >= 2) {
            char two = 0;
            if (memcmp(p, "dj", 2) == 0 || memcmp(p, "ch", 2) == 0 || memcmp(p, "zh", 2) == 0)
                two = 'j';
            else if (memcmp(p, "kh", 2) == 0)
                two = 'h';
            else if (memcmp(p, "gh", 2) == 0)
                two = 'g';
            else if (memcmp(p, "ou", 2) == 0)
                two = 'u';
            else if (memcmp(p, "ck", 2) == 0)
                two = 'k';
            else if (memcmp(p, "ph", 2) == 0)
                two = 'f';
            if (two) {
                out[k++] = two, i += 2;
                continue;
            }
        }
        switch (c) {
        case 'x': c = 'h'; break;
        case 'y': c = 'i'; break;
        case 'q': c = 'k'; break;
        case 'w': c = 'v'; break;
        default: break;
        }
        out[k++] = c, i++;
    }
    /* doubled letters once ("Qassem", "Aliyev" -> "aliiev" -> "aliev") */
    for (i = 0; i < k; i++)
        if (j == 0 || out[i] != out[j - 1])
            out[j++] = out[i];
    /* Davit/David: a final -it after a consonant and a vowel reads -id */
    if (j >= 3 && out[j - 1] == 't' && out[j - 2] == 'i')
        out[j - 1] = 'd';
    out[j] = '\0';
    return j;
}

/* The loose form of a strict key: vowels o/u and e/i, g/k and z/s alike,
   doubled letters once ("soleimani" ~ "suleimani", "gadafi" ~ "kadafi"). */
static size_t loosen(const char *in, size_t n, char *out)
{
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        switch (c) {
        case 'o': c = 'u'; break;
        case 'e': c = 'i'; break;
        case 'g': c = 'k'; break;
        case 'z': c = 's'; break;
        default: break;
        }
        if (j == 0 || out[j - 1] != c)
            out[j++] = c;
    }
    out[j] = '\0';
    return j;
}

/* The consonants of a loose key, for blocking names that differ in vowels. */
static size_t skeleton(const char *in, size_t n, char *out)
{
    size_t j = 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("aeiou", in[i]))
            out[j++] = in[i];
    out[j] = '\0';
    return j;
}

/* One word of a name, parsed. */
typedef struct word {
    char key[KEY_MAX]; /* transliteration key ("" for an initial) */
    char first;        /* its first letter before transliteration */
    uint8_t initial;   /* an initial: "J." or one letter of "J.D." or "JD" */
    uint8_t known;     /* a known first name (data/first-names.txt) */
} word;

/*
 * Cut the name S[0..N) into words: lowercased, diacritics removed, only
 * letters and digits kept, a person's words folded by transliteration and
 * the titles before a person's name dropped ("Mayor", "Gov.").  For a person "J.D." and "JD" (before the last
 * word) are initials, one word per letter, and a surname's Arabic article
 * ("al-Assad") is dropped.  For anything else dots vanish ("U.S." = "US").
 * Returns the number of words written to W (at most CAP).
 */
static size_t parse_name(const char *s, size_t n, int person, word *w, size_t cap)
{
    size_t nw = 0, i = 0;
    while (i < n && nw < cap) {
        size_t a, b, upper = 0, letters = 0, dots = 0;
        int adjacent = 0;
        unsigned char *folded = NULL;
        utf8proc_ssize_t fl;
        char plain[KEY_MAX];
        size_t pl = 0;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
            i++;
        a = i;
        while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            i++;
        b = i;
        if (a == b)
            break;
        for (size_t k = a; k < b; k++) {
            char c = s[k];
            int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (c >= 'A' && c <= 'Z')
                upper++;
            if (letter)
                letters++;
            else if (c == '.')
                dots++;
            if (letter && k > a && ((s[k - 1] >= 'A' && s[k - 1] <= 'Z') ||
                                    (s[k - 1] >= 'a' && s[k - 1] <= 'z')))
                adjacent = 1;
        }
        /* a title the tagger took into a person's name ("Mayor", "Gov.")
           is no part of it, unless it is also a first name */
        if (person && nw == 0 && is_title(s + a, b - a)) {
            size_t r = b;
            while (r < n && s[r] == ' ')
                r++;
            if (r < n)
                continue; /* more words follow */
        }
        /* initials: "J.D.", "J.", "JD" (not the last word), "J" */
        if (person && letters && letters <= 3 &&
            ((dots && !adjacent && dots + letters == b - a) ||
             (upper == letters && letters == b - a && (letters == 1 || b < n)))) {
            for (size_t k = a; k < b && nw < cap; k++) {
                char c = s[k];
                if (c == '.')
                    continue;
                w[nw].key[0] = '\0';
                w[nw].known = 0;
                w[nw].first = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                w[nw].initial = 1;
                nw++;
            }
            continue;
        }
        /* folded: an ASCII word by lowercasing as it is read (what the
           case folding does to ASCII), any other through utf8proc */
        {
            const unsigned char *f = (const unsigned char *)s + a;
            size_t start = 0, k = a;
            while (k < b && (unsigned char)s[k] < 0x80)
                k++;
            if (k < b) {
                fl = utf8proc_map((const utf8proc_uint8_t *)s + a, (utf8proc_ssize_t)(b - a),
                                  &folded, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                               UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
                if (fl < 0) {
                    free(folded);
                    folded = NULL;
                    fl = 0;
                }
                f = folded ? folded : (const unsigned char *)"";
            } else {
                fl = (utf8proc_ssize_t)(b - a);
            }
            if (person && fl > 3 && ((f[0] | 0x20) == 'a' || (f[0] | 0x20) == 'e') &&
                (f[1] | 0x20) == 'l' && f[2] == '-' && b == n)
                start = 3;
            for (k = start; k < (size_t)fl && pl + 1 < sizeof plain; k++) {
                unsigned char c = f[k];
                if (c >= 'A' && c <= 'Z' && !folded)
                    c = (unsigned char)(c + 32);
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
                    plain[pl++] = (char)c;
            }
        }
        free(folded);
        if (!pl)
            continue;
        w[nw].first = plain[0];
        w[nw].initial = 0;
        w[nw].known = (xc_ner_map_get(&titles, plain_hash(s + a, b - a)) & TITLE_FIRST_NAME) != 0;
        if (person) {
            translit(plain, pl, w[nw].key);
        } else {
            /* organizations and places: spelled as written ("AAA" is not "A");
               their variants are the aliases' business */
            memcpy(w[nw].key, plain, pl);
            w[nw].key[pl] = '\0';
        }
        nw++;
    }
    return nw;
}

/* Join words W[0..NW) into a key "j d vance" in OUT. */
static size_t join_words(const word *w, size_t nw, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < nw; i++) {
        const char *p = w[i].initial ? &w[i].first : w[i].key;
        size_t l = w[i].initial ? 1 : strlen(w[i].key);
        if (k + l + 2 > cap)
            break;
        if (k)
            out[k++] = ' ';
        memcpy(out + k, p, l);
        k += l;
    }
    if (cap)
        out[k] = '\0';
    return k;
}

static size_t name_key(const char *s, size_t n, int person, char *out, size_t cap)
{
    word w[16];
    size_t nw = parse_name(s, n, person, w, 16);
    return join_words(w, nw, out, cap);
}

size_t xc_resolve_key(const char *s, size_t n, char *out, size_t cap)
{
    if (!out || !cap)
        return 0;
    out[0] = '\0';
    pthread_once(&resources_once, load_resources); /* the title lists */
    return s ? name_key(s, n, 1, out, cap) : 0;
}

double xc_resolve_jaro_winkler(const char *a, size_t na, const char *b, size_t nb)
{
    unsigned char ma[KEY_MAX] = {0}, mb[KEY_MAX] = {0};
    size_t range, m = 0, t = 0, k = 0, prefix = 0;
    double jaro;
    if (na > KEY_MAX)
        na = KEY_MAX;
    if (nb > KEY_MAX)
        nb = KEY_MAX;
    if (!na || !nb)
        return na == nb ? 1.0 : 0.0;
    range = (na > nb ? na : nb) / 2;
    range = range ? range - 1 : 0;
    for (size_t i = 0; i < na; i++) {
        size_t lo = i > range ? i - range : 0, hi = i + range + 1 < nb ? i + range + 1 : nb;
        for (size_t j = lo; j < hi; j++)
            if (!mb[j] && a[i] == b[j]) {
                ma[i] = mb[j] = 1;
                m++;
                break;
            }
    }
    if (!m)
        return 0.0;
    for (size_t i = 0; i < na; i++) {
        if (!ma[i])
            continue;
        while (!mb[k])
            k++;
        if (a[i] != b[k])
            t++;
        k++;
    }
    jaro = ((double)m / (double)na + (double)m / (double)nb +
            ((double)m - (double)t / 2.0) / (double)m) / 3.0;
    while (prefix < 4 && prefix < na && prefix < nb && a[prefix] == b[prefix])
        prefix++;
    return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

/* ---- nodes: the distinct names of the story ---------------------------------------- */

enum { CLASS_FULL = 0, CLASS_LONE, CLASS_OTHER };

/* A given name kept in a node: a word whose key lives in the node's strs. */
typedef struct gword {
    const char *key;
    char first;
    uint8_t initial;
    uint8_t known;
} gword;

/* The keys are short strings, all in one block (strs) per node: a node of
   copies of KEY_MAX buffers would be 1.3 kB, and a story has tens of
   thousands of nodes. */
typedef struct node {
    uint8_t cls;            /* CLASS_* */
    uint8_t nwords;         /* words of the full form */
    uint8_t ngiven;
    gword given[MAX_GIVEN]; /* given names of a person (CLASS_FULL) */
    const char *surname;    /* strict key of the last word (people) */
    const char *loose;
    const char *first_word; /* key of the first word (two-word names) */
    const char *key;        /* the whole key */
    const char *plain;      /* a person's key as a non-person's would be */
    char *strs;             /* holds the strings above */
    uint8_t known_first;    /* a lone name that is a known first name */
    uint64_t ctx_key;       /* how it counts as context for others */
    uint32_t doc, entity;   /* its first per-document entity */
    const char *form;       /* that entity's most complete form */
    size_t formlen;
    uint32_t ndocs, last_doc;
    uint64_t forms[8];      /* spellings seen, for the reasons */
    uint8_t nforms;
    uint64_t *roles;        /* role words, sorted */
    size_t nroles;
    uint64_t *ctx;          /* context keys, sorted, unique */
    size_t nctx, capctx;
    size_t nseen;           /* context keys offered, duplicates too (at most
                               CTX_MAX are taken) */
    uint8_t has_full;       /* (at a root) its set holds a CLASS_FULL node */
    uint32_t parent;        /* union-find */
    uint32_t next;          /* the next node of its set (circular) */
} node;

typedef struct reason {
    uint32_t node;   /* a node of the merged set */
    char *text;
} reason;

typedef struct state {
    xc_doc *const *docs;
    const xc_entities *ents;
    size_t ndocs;
    node *nodes;
    size_t nn, capn;
    uint32_t **node_of;     /* per document and entity */
    reason *why;
    size_t nwhy, capwhy;
} state;

static uint32_t find(state *st, uint32_t x)
{
    while (st->nodes[x].parent != x) {
        st->nodes[x].parent = st->nodes[st->nodes[x].parent].parent;
        x = st->nodes[x].parent;
    }
    return x;
}

static void unite(state *st, uint32_t a, uint32_t b)
{
    uint32_t ra = find(st, a), rb = find(st, b), t;
    if (ra == rb)
        return;
    if (rb < ra)
        t = ra, ra = rb, rb = t;
    st->nodes[rb].parent = ra;
    st->nodes[ra].has_full |= st->nodes[rb].has_full;
    /* splice the two circular lists */
    t = st->nodes[ra].next;
    st->nodes[ra].next = st->nodes[rb].next;
    st->nodes[rb].next = t;
}

static xc_code add_reason(state *st, uint32_t nodeix, const char *fmt, ...) XC_PRINTF(3, 4);

static xc_code add_reason(state *st, uint32_t nodeix, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int k;
    char *s;
    reason *v;
    va_start(ap, fmt);
    k = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (k < 0)
        return XC_OK;
    if (!(v = xc_grow(st->why, &st->capwhy, st->nwhy, sizeof *v)))
        return XC_ERR_NOMEM;
    st->why = v;
    if (!(s = xc_strdup(buf)))
        return XC_ERR_NOMEM;
    st->why[st->nwhy].node = nodeix;
    st->why[st->nwhy].text = s;
    st->nwhy++;
    return XC_OK;
}

/* Words of a form (runs separated by spaces). */
static uint8_t count_words(const char *s, size_t n)
{
    unsigned k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
            k++;
    return (uint8_t)(k > 255 ? 255 : k);
}

/* Is mention M a more complete form than BEST (of BEST_W words)?  Outside
   furniture first, then more words, then longer. */
static int more_complete(const xc_doc *doc, const xc_mention *m, const xc_mention *best,
                         unsigned *best_w)
{
    unsigned w = count_words(doc->text + m->start, m->end - m->start);
    if (!best || (best->boilerplate && !m->boilerplate) ||
        (best->boilerplate == m->boilerplate &&
         (w > *best_w || (w == *best_w && m->end - m->start > best->end - best->start)))) {
        *best_w = w;
        return 1;
    }
    return 0;
}

static const char *const type_names[] = {"person", "organization", "place", "other"};

static xc_code push_u64(uint64_t **v, size_t *n, size_t *cap, uint64_t x)
{
    uint64_t *nv = xc_grow(*v, cap, *n, sizeof *nv);
    if (!nv)
        return XC_ERR_NOMEM;
    *v = nv;
    (*v)[(*n)++] = x;
    return XC_OK;
}

static size_t sort_unique(uint64_t *v, size_t n)
{
    size_t j = 0;
    if (!n)
        return 0;
    xc_sort_u64(v, n);
    for (size_t i = 0; i < n; i++)
        if (j == 0 || v[j - 1] != v[i])
            v[j++] = v[i];
    return j;
}

static size_t overlap(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else
            k++, i++, j++;
    }
    return k;
}

/* Words of a role worth comparing: not the little words nor short ones
   ("US"), so "US Vice-President" and "U.S. Vice President" share two. */
static xc_code add_role_words(node *nd, const char *s, size_t n, size_t *cap)
{
    static const char *const stop[] = {"the", "of", "and", "for", "former", "self",
                                       "proclaimed", "who", "with", NULL};
    size_t i = 0;
    while (i < n) {
        char w[64];
        size_t k = 0;
        int skip = 0;
        while (i < n && (s[i] == ' ' || s[i] == '-'))
            i++;
        while (i < n && s[i] != ' ' && s[i] != '-') {
            char c = s[i++];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            if (c != '.' && k + 1 < sizeof w)
                w[k++] = c;
        }
        w[k] = '\0';
        for (size_t t = 0; stop[t]; t++)
            skip |= strcmp(w, stop[t]) == 0;
        if (k >= 3 && !skip && nd->nroles < ROLE_MAX &&
            push_u64(&nd->roles, &nd->nroles, cap, xc_ner_hash(w, k)) != XC_OK)
            return XC_ERR_NOMEM;
    }
    return XC_OK;
}

/*
 * Offer node ND the context keys AROUND[0..N) (its own key is skipped).  A
 * node takes the first CTX_MAX keys offered, duplicates counted; the same
 * names come back in document after document, so the list is made unique
 * whenever it would grow, and stays short.  XC_ERR_NOMEM.
 */
static xc_code add_context(node *nd, const uint64_t *around, size_t n)
{
    size_t take = 0;
    if (nd->nseen >= CTX_MAX)
        return XC_OK;
    for (size_t b = 0; b < n; b++)
        take += around[b] != nd->ctx_key;
    if (take > CTX_MAX - nd->nseen)
        take = CTX_MAX - nd->nseen;
    if (!take)
        return XC_OK;
    if (nd->nctx + take > nd->capctx)
        nd->nctx = sort_unique(nd->ctx, nd->nctx);
    if (nd->nctx + take > nd->capctx) {
        uint64_t *v = xc_grow_n(nd->ctx, &nd->capctx, nd->nctx, take, sizeof *v);
        if (!v)
            return XC_ERR_NOMEM;
        nd->ctx = v;
    }
    nd->nseen += take;
    for (size_t b = 0; b < n && take; b++)
        if (around[b] != nd->ctx_key)
            nd->ctx[nd->nctx++] = around[b], take--;
    return XC_OK;
}

/* Append S (N bytes) and a NUL to the block at *P; the copy's start. */
static const char *put_str(char **p, const char *s, size_t n)
{
    char *r = *p;
    memcpy(r, s, n);
    r[n] = '\0';
    *p += n + 1;
    return r;
}

/*
 * Set the keys of the new node ND (cls set) named by words W[0..NW),
 * joined in KEY, from the form S[0..N): one block for them all, in
 * nd->strs (freed with the node).  XC_ERR_NOMEM.
 */
static xc_code node_strings(node *nd, const word *w, size_t nw, const char *key,
                            const char *s, size_t n)
{
    char surname[KEY_MAX] = "", loose[KEY_MAX] = "", plain[KEY_MAX] = "";
    const char *first = "";
    size_t ngiven = 0, size, lk = strlen(key), ls = 0, ll = 0, lf = 0, lp = 0;
    char *p;
    if (nd->cls != CLASS_OTHER && nw) {
        const char *sn = w[nw - 1].initial ? key : w[nw - 1].key;
        ls = strlen(sn);
        if (ls > KEY_MAX - 1)
            ls = KEY_MAX - 1;
        memcpy(surname, sn, ls);
        surname[ls] = '\0';
        ll = loosen(surname, ls, loose);
        if (nd->cls == CLASS_FULL) {
            ngiven = nw - 1 < MAX_GIVEN ? nw - 1 : MAX_GIVEN;
            if (nw == 2 && !w[0].initial)
                first = w[0].key;
        }
    }
    lf = strlen(first);
    if (nd->cls != CLASS_OTHER)
        lp = name_key(s, n, 0, plain, KEY_MAX);
    size = lk + ls + ll + lf + lp + 5;
    for (size_t g = 0; g < ngiven; g++)
        size += strlen(w[g].key) + 1;
    if (!(nd->strs = p = malloc(size)))
        return XC_ERR_NOMEM;
    nd->key = put_str(&p, key, lk);
    nd->surname = put_str(&p, surname, ls);
    nd->loose = put_str(&p, loose, ll);
    nd->first_word = put_str(&p, first, lf);
    nd->plain = put_str(&p, plain, lp);
    for (size_t g = 0; g < ngiven; g++) {
        nd->given[g].key = put_str(&p, w[g].key, strlen(w[g].key));
        nd->given[g].first = w[g].first;
        nd->given[g].initial = w[g].initial;
        nd->given[g].known = w[g].known;
    }
    nd->ngiven = (uint8_t)ngiven;
    return XC_OK;
}

/* Steps 1 and 2: a node for every distinct name. */
static xc_code make_nodes(state *st)
{
    xc_ner_map index = {0};
    xc_code rc = XC_OK;
    size_t *rolecap = NULL; /* capacity of each node's roles */
    if (!(st->node_of = calloc(st->ndocs ? st->ndocs : 1, sizeof *st->node_of)))
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < st->ndocs && rc == XC_OK; i++) {
        const xc_entities *es = &st->ents[i];
        const xc_doc *doc = st->docs[i];
        const xc_mention **best_of = calloc(es->nentities ? es->nentities : 1, sizeof *best_of);
        if (!best_of || !(st->node_of[i] = calloc(es->nentities ? es->nentities : 1,
                                                   sizeof(uint32_t)))) {
            free((void *)best_of);
            rc = XC_ERR_NOMEM;
            break;
        }
        /* each entity's most complete form, in one pass */
        {
            unsigned *words = calloc(es->nentities ? es->nentities : 1, sizeof *words);
            if (!words) {
                free((void *)best_of);
                rc = XC_ERR_NOMEM;
                break;
            }
            for (size_t k = 0; k < es->nm; k++) {
                uint32_t e = es->m[k].entity;
                if (e < es->nentities && more_complete(doc, &es->m[k], best_of[e], &words[e]))
                    best_of[e] = &es->m[k];
            }
            free(words);
        }
        for (uint32_t e = 0; e < es->nentities && rc == XC_OK; e++) {
            const xc_mention *m = best_of[e];
            word w[16];
            size_t nw;
            char key[KEY_MAX];
            uint8_t cls;
            uint64_t h;
            uint32_t got;
            node *nd;
            if (!m) {
                st->node_of[i][e] = UINT32_MAX;
                continue;
            }
            nw = parse_name(doc->text + m->start, m->end - m->start, m->type == XC_ENT_PERSON,
                            w, 16);
            join_words(w, nw, key, sizeof key);
            if (!key[0]) {
                cls = m->type == XC_ENT_PERSON ? CLASS_LONE : CLASS_OTHER;
                h = xc_ner_hash2(xc_ner_hash2(0xE4, i), e);
            } else if (m->type != XC_ENT_PERSON) {
                uint32_t g = xc_ner_map_get(&aliases, xc_ner_hash(key, strlen(key)));
                cls = CLASS_OTHER;
                h = g ? xc_ner_hash2(0xA11A5, g) : xc_ner_hash2(0x07E4, xc_ner_hash(key, strlen(key)));
            } else if (nw >= 2 && !w[nw - 1].initial) {
                cls = CLASS_FULL;
                h = xc_ner_hash2(0xF011, xc_ner_hash(key, strlen(key)));
            } else {
                /* one word: each stays its own node until step 4 */
                cls = CLASS_LONE;
                h = xc_ner_hash2(xc_ner_hash2(0x1011E, i), e);
            }
            got = xc_ner_map_get(&index, h);
            if (got) {
                nd = &st->nodes[got - 1];
                st->node_of[i][e] = got - 1;
                if (nd->last_doc != i)
                    nd->ndocs++, nd->last_doc = (uint32_t)i;
                /* a different spelling with the same key: say so, once */
                {
                    uint64_t fh = xc_ner_hash(doc->text + m->start, m->end - m->start);
                    int seen = nd->nforms == 8;
                    for (size_t r = 0; r < nd->nforms && !seen; r++)
                        seen = nd->forms[r] == fh;
                    if (!seen) {
                        nd->forms[nd->nforms++] = fh;
                        rc = cls == CLASS_OTHER && strcmp(key, nd->key) != 0
                                 ? add_reason(st, got - 1, "%.*s ~ %.*s: place aliases (data/place-aliases.txt)",
                                              (int)(m->end - m->start), doc->text + m->start,
                                              (int)nd->formlen, nd->form)
                                 : add_reason(st, got - 1, "%.*s ~ %.*s: same transliteration key \"%s\", "
                                                               "Jaro-Winkler %.2f, same type %s",
                                              (int)(m->end - m->start), doc->text + m->start,
                                              (int)nd->formlen, nd->form, key,
                                              xc_resolve_jaro_winkler(doc->text + m->start,
                                                                      m->end - m->start,
                                                                      nd->form, nd->formlen),
                                              type_names[m->type & 3]);
                    }
                }
                continue;
            }
            if (st->nn == st->capn) {
                size_t cap = st->capn ? st->capn * 2 : 256;
                node *v = realloc(st->nodes, cap * sizeof *v);
                size_t *rcv = realloc(rolecap, cap * sizeof *rcv);
                if (!v || !rcv) {
                    if (v)
                        st->nodes = v;
                    if (rcv)
                        rolecap = rcv;
                    rc = XC_ERR_NOMEM;
                    break;
                }
                st->nodes = v;
                rolecap = rcv;
                st->capn = cap;
            }
            nd = &st->nodes[st->nn];
            memset(nd, 0, sizeof *nd);
            rolecap[st->nn] = 0;
            nd->cls = cls;
            nd->nwords = (uint8_t)(nw > 255 ? 255 : nw);
            if ((rc = node_strings(nd, w, nw, key, doc->text + m->start,
                                   m->end - m->start)) != XC_OK)
                break;
            nd->ctx_key = cls != CLASS_OTHER && nw
                              ? xc_ner_hash2(0x5A, xc_ner_hash(nd->surname, strlen(nd->surname)))
                              : h;
            if (cls == CLASS_LONE && nw == 1)
                nd->known_first = w[0].known;
            nd->doc = (uint32_t)i;
            nd->entity = e;
            nd->form = doc->text + m->start;
            nd->formlen = m->end - m->start;
            nd->ndocs = 1;
            nd->last_doc = (uint32_t)i;
            nd->forms[0] = xc_ner_hash(nd->form, nd->formlen);
            nd->nforms = 1;
            nd->parent = nd->next = (uint32_t)st->nn;
            nd->has_full = cls == CLASS_FULL;
            st->node_of[i][e] = (uint32_t)st->nn;
            st->nn++;
            if (xc_ner_map_put(&index, h, (uint32_t)st->nn) != XC_OK)
                rc = XC_ERR_NOMEM;
        }
        /* roles */
        for (size_t r = 0; r < es->nr && rc == XC_OK; r++) {
            uint32_t e = es->r[r].entity, nix;
            if (e >= es->nentities || (nix = st->node_of[i][e]) == UINT32_MAX)
                continue;
            rc = add_role_words(&st->nodes[nix], doc->text + es->r[r].start,
                                es->r[r].end - es->r[r].start, &rolecap[nix]);
        }
        /* context: the names around, for every node of this document */
        if (rc == XC_OK) {
            uint64_t around[CTX_PER_DOC];
            uint32_t who[CTX_PER_DOC];
            size_t na = 0;
            for (size_t k = 0; k < es->nm && na < CTX_PER_DOC; k++) {
                const xc_mention *m = &es->m[k];
                uint32_t nix;
                int dup = 0;
                if (m->boilerplate || m->entity >= es->nentities ||
                    (nix = st->node_of[i][m->entity]) == UINT32_MAX)
                    continue;
                for (size_t t = 0; t < na && !dup; t++)
                    dup = who[t] == nix;
                if (!dup)
                    who[na] = nix, around[na++] = st->nodes[nix].ctx_key;
            }
            for (size_t a = 0; a < na && rc == XC_OK; a++)
                rc = add_context(&st->nodes[who[a]], around, na);
        }
        free((void *)best_of);
    }
    for (size_t k = 0; k < st->nn; k++) {
        node *nd = &st->nodes[k];
        nd->nctx = sort_unique(nd->ctx, nd->nctx);
        nd->nroles = sort_unique(nd->roles, nd->nroles);
    }
    free(rolecap);
    xc_ner_map_free(&index);
    return rc;
}

/* ---- comparing people ------------------------------------------------------------- */

enum { GIVEN_CONFLICT = 0, GIVEN_MIDDLE, GIVEN_INITIAL, GIVEN_VARIANT, GIVEN_EXACT };

static int given_pair(const gword *a, const gword *b)
{
    if (a->initial && b->initial)
        return a->first == b->first ? GIVEN_EXACT : GIVEN_CONFLICT;
    if (a->initial || b->initial)
        return a->first == b->first ? GIVEN_INITIAL : GIVEN_CONFLICT;
    if (strcmp(a->key, b->key) == 0)
        return GIVEN_EXACT;
    {
        char la[KEY_MAX], lb[KEY_MAX];
        size_t na = strlen(a->key), nb = strlen(b->key);
        loosen(a->key, na, la);
        loosen(b->key, nb, lb);
        /* two first names of the list are two names ("Ivana", "Ivanka");
           variants begin alike: "Alexei" ~ "Aleksey", not "Anna" ~ "Jana" */
        if (a->known && b->known)
            return strcmp(la, lb) == 0 ? GIVEN_VARIANT : GIVEN_CONFLICT;
        if (strcmp(la, lb) == 0)
            return GIVEN_VARIANT;
        /* or they differ in vowels only ("Moammar" ~ "Muammar", "Syed" ~
           "Sayed"), not in consonants ("Bryant", "Brian"; "Ivana", "Ivanka") */
        {
            char sa[KEY_MAX], sb[KEY_MAX];
            skeleton(la, strlen(la), sa);
            skeleton(lb, strlen(lb), sb);
            if (a->key[0] == b->key[0] && strcmp(sa, sb) == 0 &&
                xc_resolve_jaro_winkler(a->key, na, b->key, nb) >= 0.85)
                return GIVEN_VARIANT;
        }
    }
    return GIVEN_CONFLICT;
}

/* How the given names of two people fit: the weakest of the pairs compared
   in order ("J.D." vs "James David": J~James, D~David).  Extra given names
   on one side are not held against it. */
static int given_fit(const node *a, const node *b)
{
    int worst = GIVEN_EXACT;
    size_t n = a->ngiven < b->ngiven ? a->ngiven : b->ngiven;
    if (!n)
        return GIVEN_INITIAL;
    for (size_t k = 0; k < n; k++) {
        int g = given_pair(&a->given[k], &b->given[k]);
        if (g < worst)
            worst = g;
    }
    /* "J.D." vs "J.": fewer initials fit, but are no longer exact */
    if (worst == GIVEN_EXACT && a->ngiven != b->ngiven &&
        (a->given[0].initial || b->given[0].initial))
        worst = GIVEN_INITIAL;
    /* "Joseph Comeaux" vs "Arcade Joseph Comeaux": one goes by his middle
       name */
    if (worst == GIVEN_CONFLICT && a->ngiven != b->ngiven) {
        const node *one = a->ngiven < b->ngiven ? a : b, *more = one == a ? b : a;
        if (one->ngiven == 1 && !one->given[0].initial)
            for (size_t k = 1; k < more->ngiven; k++)
                if (!more->given[k].initial && strcmp(more->given[k].key, one->given[0].key) == 0)
                    return GIVEN_MIDDLE;
    }
    return worst;
}

/* Do the initials of one side stand for no more given names than the other
   writes ("J. Smith" ~ "Jennifer Smith", not "A.J. Smith" ~ "Andy Smith",
   which needs a role in common)? */
static int initials_within(const node *a, const node *b)
{
    size_t ia = 0, ib = 0;
    for (size_t k = 0; k < a->ngiven; k++)
        ia += a->given[k].initial;
    for (size_t k = 0; k < b->ngiven; k++)
        ib += b->given[k].initial;
    return (ia == 0 || a->ngiven <= b->ngiven) && (ib == 0 || b->ngiven <= a->ngiven);
}

typedef struct pair {
    uint32_t a, b;
    int level;
} pair;

static int cmp_pair(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    if (p->level != q->level)
        return q->level - p->level;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* Evaluate people A and B (both CLASS_FULL); the level of evidence that
   they are one (0: none), with the reason written into WHY. */
static int compare(const node *a, const node *b, char *why, size_t cap)
{
    int g = given_fit(a, b), same_surname, alike, level = 0;
    size_t roles, ctx;
    const char *how = "";
    if (g == GIVEN_CONFLICT)
        return 0;
    same_surname = strcmp(a->surname, b->surname) == 0;
    alike = same_surname || strcmp(a->loose, b->loose) == 0 ||
            xc_resolve_jaro_winkler(a->surname, strlen(a->surname), b->surname,
                                    strlen(b->surname)) >= 0.92;
    if (!alike)
        return 0;
    roles = overlap(a->roles, a->nroles, b->roles, b->nroles);
    ctx = overlap(a->ctx, a->nctx, b->ctx, b->nctx);
    if (same_surname && g >= GIVEN_VARIANT)
        level = 3, how = g == GIVEN_EXACT ? "same transliteration key" : "given names are variants";
    else if (g == GIVEN_EXACT)
        level = 2, how = "same given name, surnames alike";
    else if (g == GIVEN_VARIANT && (roles || ctx >= 2))
        level = 1, how = "given names and surnames alike";
    else if (same_surname && g == GIVEN_INITIAL &&
             (roles || (ctx >= 2 && initials_within(a, b))))
        level = 1, how = "same surname, the initials fit the given name";
    else if (same_surname && g == GIVEN_MIDDLE && (roles || ctx >= 2))
        level = 1, how = "same surname, the given name is the other's middle name";
    if (!level || !why)
        return level;
    snprintf(why, cap, "%.*s ~ %.*s: %s (key \"%s\" / \"%s\"), Jaro-Winkler %.2f, "
                       "same type person%s, %zu entities around in common",
             (int)a->formlen, a->form, (int)b->formlen, b->form, how, a->key, b->key,
             xc_resolve_jaro_winkler(a->key, strlen(a->key), b->key, strlen(b->key)),
             roles ? ", compatible role" : "", ctx);
    return level;
}

/* May the sets of A and B be joined: no two of their people's given names
   conflict (only full names carry given names). */
static int compatible_sets(state *st, uint32_t a, uint32_t b)
{
    uint32_t ra = find(st, a), rb = find(st, b);
    uint32_t x = ra;
    do {
        uint32_t y = rb;
        if (st->nodes[x].cls == CLASS_FULL)
            do {
                if (st->nodes[y].cls == CLASS_FULL &&
                    given_fit(&st->nodes[x], &st->nodes[y]) == GIVEN_CONFLICT)
                    return 0;
                y = st->nodes[y].next;
            } while (y != rb);
        x = st->nodes[x].next;
    } while (x != ra);
    return 1;
}

/* A map from block keys to lists of nodes. */
typedef struct blocks {
    xc_ner_map head;  /* key -> 1 + first entry */
    uint32_t *node, *next;
    size_t n, cap;
    uint64_t *keys;   /* distinct keys, in order of first use */
    size_t nkeys, capkeys;
} blocks;

static xc_code block_add(blocks *b, uint64_t key, uint32_t nodeix)
{
    uint32_t h = xc_ner_map_get(&b->head, key);
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        uint32_t *nn = realloc(b->node, cap * sizeof *nn), *nx;
        if (!nn)
            return XC_ERR_NOMEM;
        b->node = nn;
        if (!(nx = realloc(b->next, cap * sizeof *nx)))
            return XC_ERR_NOMEM;
        b->next = nx;
        b->cap = cap;
    }
    if (!h && push_u64(&b->keys, &b->nkeys, &b->capkeys, key) != XC_OK)
        return XC_ERR_NOMEM;
    b->node[b->n] = nodeix;
    b->next[b->n] = h; /* 1 + next entry, 0 at the end */
    b->n++;
    return xc_ner_map_put(&b->head, key, (uint32_t)b->n);
}

static void blocks_free(blocks *b)
{
    xc_ner_map_free(&b->head);
    free(b->node);
    free(b->next);
    free(b->keys);
}

/* Step 3: join people named by several words. */
static xc_code merge_people(state *st)
{
    blocks bl = {0};
    pair *pairs = NULL;
    size_t np = 0, capp = 0;
    xc_code rc = XC_OK;
    uint32_t *members = NULL;
    size_t capm = 0;
    for (size_t k = 0; k < st->nn && rc == XC_OK; k++) {
        const node *nd = &st->nodes[k];
        char sk[KEY_MAX];
        if (nd->cls != CLASS_FULL)
            continue;
        skeleton(nd->loose, strlen(nd->loose), sk);
        rc = block_add(&bl, xc_ner_hash2(1, xc_ner_hash(nd->surname, strlen(nd->surname))),
                       (uint32_t)k);
        if (rc == XC_OK)
            rc = block_add(&bl, xc_ner_hash2(2, xc_ner_hash(nd->loose, strlen(nd->loose))),
                           (uint32_t)k);
        if (rc == XC_OK && strlen(sk) >= 2)
            rc = block_add(&bl, xc_ner_hash2(3, xc_ner_hash(sk, strlen(sk))), (uint32_t)k);
    }
    for (size_t b = 0; b < bl.nkeys && rc == XC_OK; b++) {
        size_t nmem = 0;
        for (uint32_t e = xc_ner_map_get(&bl.head, bl.keys[b]); e; e = bl.next[e - 1]) {
            if (nmem == capm) {
                size_t c = capm ? capm * 2 : 64;
                uint32_t *v = realloc(members, c * sizeof *v);
                if (!v) {
                    rc = XC_ERR_NOMEM;
                    break;
                }
                members = v;
                capm = c;
            }
            members[nmem++] = bl.node[e - 1];
        }
        /* a huge block of one spelling family is compared in windows */
        for (size_t x = 0; x < nmem && rc == XC_OK; x++)
            for (size_t y = x + 1; y < nmem && y <= x + BLOCK_MAX && rc == XC_OK; y++) {
                int level = compare(&st->nodes[members[x]], &st->nodes[members[y]], NULL, 0);
                if (!level)
                    continue;
                if (np == capp) {
                    size_t c = capp ? capp * 2 : 64;
                    pair *v = realloc(pairs, c * sizeof *v);
                    if (!v) {
                        rc = XC_ERR_NOMEM;
                        break;
                    }
                    pairs = v;
                    capp = c;
                }
                pairs[np].a = members[x] < members[y] ? members[x] : members[y];
                pairs[np].b = members[x] < members[y] ? members[y] : members[x];
                pairs[np].level = level;
                np++;
            }
    }
    if (rc == XC_OK && np)
        xc_sort(pairs, np, sizeof *pairs, cmp_pair);
    for (size_t k = 0; k < np && rc == XC_OK; k++) {
        char why[512];
        if (find(st, pairs[k].a) == find(st, pairs[k].b) ||
            !compatible_sets(st, pairs[k].a, pairs[k].b))
            continue;
        compare(&st->nodes[pairs[k].a], &st->nodes[pairs[k].b], why, sizeof why);
        unite(st, pairs[k].a, pairs[k].b);
        rc = add_reason(st, pairs[k].a, "%s", why);
    }
    free(members);
    free(pairs);
    blocks_free(&bl);
    return rc;
}

/* Step 4: a person named by one word joins the one person it can be. */
static xc_code merge_lone(state *st)
{
    blocks bl = {0};
    xc_ner_map lone_group = {0}, others = {0};
    xc_code rc = XC_OK;
    for (size_t k = 0; k < st->nn && rc == XC_OK; k++) {
        const node *nd = &st->nodes[k];
        if (nd->cls != CLASS_FULL)
            continue;
        rc = block_add(&bl, xc_ner_hash2(1, xc_ner_hash(nd->surname, strlen(nd->surname))),
                       (uint32_t)k);
        if (rc == XC_OK)
            rc = block_add(&bl, xc_ner_hash2(2, xc_ner_hash(nd->loose, strlen(nd->loose))),
                           (uint32_t)k);
        if (rc == XC_OK && nd->first_word[0])
            rc = block_add(&bl, xc_ner_hash2(4, xc_ner_hash(nd->first_word, strlen(nd->first_word))),
                           (uint32_t)k);
    }
    for (size_t k = 0; k < st->nn && rc == XC_OK; k++)
        if (st->nodes[k].cls == CLASS_OTHER && st->nodes[k].nwords == 1 &&
            !xc_ner_map_get(&others, xc_ner_hash(st->nodes[k].key, strlen(st->nodes[k].key))))
            rc = xc_ner_map_put(&others, xc_ner_hash(st->nodes[k].key, strlen(st->nodes[k].key)),
                                (uint32_t)k + 1);
    for (size_t k = 0; k < st->nn && rc == XC_OK; k++) {
        node *nd = &st->nodes[k];
        uint32_t cand[16], pick = UINT32_MAX;
        size_t nc = 0, crole[16] = {0}, cctx[16] = {0};
        int first = 0; /* found by the first word of two ("Xi" of "Xi Jinping") */
        const char *how = "";
        if (nd->cls != CLASS_LONE || !nd->surname[0])
            continue;
        /* by the surname, else by the family name written first ("Xi");
           each candidate's evidence from the full names that make it
           (not from everything merged into it, which would grow) */
        for (int pass = 0; pass < 3 && nc == 0; pass++) {
            uint64_t key;
            /* the family name first is the Chinese, Korean, Vietnamese
               order: short names ("Xi", "Kim", "Nguyen"), never a known
               first name ("Lindsey" is not Lindsey Graham's family name) */
            if (pass == 2 && (strlen(nd->surname) > 6 || nd->known_first))
                break;
            key = pass == 0 ? xc_ner_hash2(1, xc_ner_hash(nd->surname, strlen(nd->surname)))
                           : pass == 1 ? xc_ner_hash2(2, xc_ner_hash(nd->loose, strlen(nd->loose)))
                                       : xc_ner_hash2(4, xc_ner_hash(nd->surname, strlen(nd->surname)));
            for (uint32_t e = xc_ner_map_get(&bl.head, key); e; e = bl.next[e - 1]) {
                const node *o = &st->nodes[bl.node[e - 1]];
                uint32_t r = find(st, bl.node[e - 1]);
                size_t t = 0;
                while (t < nc && cand[t] != r)
                    t++;
                if (t == nc) {
                    if (nc == 16)
                        continue;
                    cand[nc++] = r;
                }
                crole[t] += overlap(nd->roles, nd->nroles, o->roles, o->nroles);
                cctx[t] += overlap(nd->ctx, nd->nctx, o->ctx, o->nctx);
            }
            how = pass == 0 ? "the surname alone" : pass == 1 ? "the surname alone, spelled alike"
                                                              : "the family name alone, written first";
            first = pass == 2;
        }
        if (nc == 1) {
            pick = cand[0];
        } else if (nc > 1) {
            /* several people share the surname: a role or the names around decide */
            size_t best = 0, second = 0, nrole = 0;
            uint32_t by_role = UINT32_MAX, by_ctx = UINT32_MAX;
            for (size_t t = 0; t < nc; t++) {
                if (crole[t])
                    nrole++, by_role = cand[t];
                if (cctx[t] > best)
                    second = best, best = cctx[t], by_ctx = cand[t];
                else if (cctx[t] > second)
                    second = cctx[t];
            }
            if (nrole == 1)
                pick = by_role, how = first ? "the family name alone, the only one with that role"
                                            : "the surname alone, the only one with that role";
            else if (best >= 2 && best >= 2 * second + 1)
                pick = by_ctx, how = first ? "the family name alone, the names around point to one"
                                           : "the surname alone, the names around point to one";
        }
        if (pick != UINT32_MAX) {
            const node *o = &st->nodes[pick];
            unite(st, (uint32_t)k, pick);
            rc = add_reason(st, (uint32_t)k, "%.*s ~ %.*s: %s (key \"%s\"), same type person",
                            (int)nd->formlen, nd->form, (int)o->formlen, o->form, how, nd->surname);
        } else if (nc == 0) {
            /* nobody's full name: the same lone name in several documents is
               one, and one with the organization or place of that name when
               there is one (the tagger's type of a lone word is its weakest
               guess) */
            uint64_t h = xc_ner_hash(nd->surname, strlen(nd->surname));
            uint32_t g = xc_ner_map_get(&lone_group, h);
            uint32_t other = nd->plain[0] ? xc_ner_map_get(&others, xc_ner_hash(nd->plain, strlen(nd->plain))) : 0;
            if (other) {
                const node *o = &st->nodes[other - 1];
                unite(st, (uint32_t)k, other - 1);
                rc = add_reason(st, (uint32_t)k, "%.*s ~ %.*s: same name, no person of the story "
                                                 "has it, named so as a non-person elsewhere",
                                (int)nd->formlen, nd->form, (int)o->formlen, o->form);
            } else if (g) {
                const node *o = &st->nodes[g - 1];
                unite(st, (uint32_t)k, g - 1);
                rc = add_reason(st, (uint32_t)k, "%.*s ~ %.*s: same name key \"%s\", no full name "
                                                 "in the story, same type person",
                                (int)nd->formlen, nd->form, (int)o->formlen, o->form, nd->surname);
            } else {
                rc = xc_ner_map_put(&lone_group, h, (uint32_t)k + 1);
            }
        }
    }
    xc_ner_map_free(&lone_group);
    xc_ner_map_free(&others);
    blocks_free(&bl);
    return rc;
}

/* The initials of a name of several words ("General Motors" -> "GM"):
   the capital letters that start its words, into OUT (16 bytes). */
static size_t initials(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < 15; i++)
        if ((i == 0 || s[i - 1] == ' ') && s[i] >= 'A' && s[i] <= 'Z')
            out[k++] = s[i];
    out[k] = '\0';
    return k;
}

/* An acronym: one word of 2 to 6 capital letters ("GM", "UAW"). */
static int is_acronym(const char *s, size_t n)
{
    if (n < 2 || n > 6)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    return 1;
}

static int holds(const uint64_t *v, size_t n, uint64_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] == x)
            return 1;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/*
 * Step 4b, names that are not people's: a person's full name that the
 * story also writes as an organization's or another name ("Northrop
 * Grumman" tagged both ways) is one entity; an acronym is the one name of
 * several words in the story whose initials it spells, when both appear in
 * some document together ("GM" and "General Motors").
 */
static xc_code merge_others(state *st)
{
    xc_ner_map by_key = {0}, by_initials = {0};
    xc_code rc = XC_OK;
    for (size_t k = 0; k < st->nn && rc == XC_OK; k++) {
        const node *nd = &st->nodes[k];
        char ini[16];
        uint64_t h;
        uint32_t got;
        if (nd->cls != CLASS_OTHER)
            continue;
        h = xc_ner_hash(nd->key, strlen(nd->key));
        if (!xc_ner_map_get(&by_key, h))
            rc = xc_ner_map_put(&by_key, h, (uint32_t)k + 1);
        if (rc != XC_OK || nd->nwords < 2 || initials(nd->form, nd->formlen, ini) < 2)
            continue;
        h = xc_ner_hash(ini, strlen(ini));
        got = xc_ner_map_get(&by_initials, h);
        rc = xc_ner_map_put(&by_initials, h, got ? UINT32_MAX : (uint32_t)k + 1);
    }
    for (size_t k = 0; k < st->nn && rc == XC_OK; k++) {
        const node *nd = &st->nodes[k];
        uint32_t got;
        if (nd->cls == CLASS_FULL && nd->plain[0] &&
            (got = xc_ner_map_get(&by_key, xc_ner_hash(nd->plain, strlen(nd->plain)))) != 0 &&
            find(st, (uint32_t)k) != find(st, got - 1)) {
            const node *o = &st->nodes[got - 1];
            /* two people's sets are never joined this way */
            if (st->nodes[find(st, got - 1)].has_full)
                continue;
            unite(st, (uint32_t)k, got - 1);
            rc = add_reason(st, (uint32_t)k, "%.*s ~ %.*s: the same name, tagged as a person in "
                                             "some reports and not in others",
                            (int)nd->formlen, nd->form, (int)o->formlen, o->form);
        } else if (nd->cls == CLASS_OTHER && nd->nwords == 1 && is_acronym(nd->form, nd->formlen) &&
                   (got = xc_ner_map_get(&by_initials, xc_ner_hash(nd->form, nd->formlen))) != 0 &&
                   got != UINT32_MAX && find(st, (uint32_t)k) != find(st, got - 1) &&
                   holds(nd->ctx, nd->nctx, st->nodes[got - 1].ctx_key)) {
            const node *o = &st->nodes[got - 1];
            unite(st, (uint32_t)k, got - 1);
            rc = add_reason(st, (uint32_t)k, "%.*s ~ %.*s: the acronym of the name, both in one report",
                            (int)nd->formlen, nd->form, (int)o->formlen, o->form);
        }
    }
    xc_ner_map_free(&by_key);
    xc_ner_map_free(&by_initials);
    return rc;
}

/* ---- step 5: the story's entities ---------------------------------------------------- */

typedef struct occ {
    uint32_t cluster, doc;
    size_t start, end;
    uint64_t form;   /* hash of the form's bytes */
    uint8_t type, boilerplate, words;
} occ;

static int cmp_occ(const void *x, const void *y)
{
    const occ *p = x, *q = y;
    if (p->cluster != q->cluster)
        return p->cluster < q->cluster ? -1 : 1;
    if (p->form != q->form)
        return p->form < q->form ? -1 : 1;
    if (p->doc != q->doc)
        return p->doc < q->doc ? -1 : 1;
    return p->start < q->start ? -1 : p->start > q->start;
}

/* Is form X (in NDOCS documents, COUNT mentions) a better name than BEST? */
static int better(const occ *x, size_t ndocs, size_t count, const occ *best,
                  size_t best_docs, size_t best_count)
{
    size_t lx = x->end - x->start, lb;
    if (!best)
        return 1;
    lb = best->end - best->start;
    if (x->words != best->words)
        return x->words > best->words;
    if (ndocs != best_docs)
        return ndocs > best_docs;
    if (count != best_count)
        return count > best_count;
    if (lx != lb)
        return lx > lb;
    if (x->doc != best->doc)
        return x->doc < best->doc;
    return x->start < best->start;
}

static int cmp_member(const void *x, const void *y)
{
    const xc_member *p = x, *q = y;
    if (p->doc != q->doc)
        return p->doc < q->doc ? -1 : 1;
    return p->entity < q->entity ? -1 : p->entity > q->entity;
}

static xc_code finish(state *st, xc_resolution *out)
{
    size_t nroots = 0, nocc = 0, nmem = 0;
    uint32_t *order = NULL;     /* root node -> story entity + 1 */
    occ *oc = NULL;
    xc_code rc = XC_ERR_NOMEM;
    size_t total = 0;
    for (size_t i = 0; i < st->ndocs; i++)
        total += st->ents[i].nm;
    if (!(order = calloc(st->nn ? st->nn : 1, sizeof *order)) ||
        !(out->of = calloc(st->ndocs ? st->ndocs : 1, sizeof *out->of)))
        goto done;
    out->ndocs = st->ndocs;
    /* number the sets: first those seen outside furniture, by first such
       mention, then the rest by first mention */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < st->ndocs; i++) {
            const xc_entities *es = &st->ents[i];
            for (size_t k = 0; k < es->nm; k++) {
                const xc_mention *m = &es->m[k];
                uint32_t nix, r;
                if (m->entity >= es->nentities || (pass == 0 && m->boilerplate) ||
                    (nix = st->node_of[i][m->entity]) == UINT32_MAX)
                    continue;
                r = find(st, nix);
                if (!order[r])
                    order[r] = (uint32_t)++nroots;
            }
            if (pass == 0)
                out->nvisible = nroots;
        }
    if (!(out->v = calloc(nroots ? nroots : 1, sizeof *out->v)) ||
        !(out->first = calloc(nroots + 1, sizeof *out->first)))
        goto done;
    out->n = nroots;
    for (size_t i = 0; i < st->ndocs; i++) {
        const xc_entities *es = &st->ents[i];
        if (!(out->of[i] = calloc(es->nentities ? es->nentities : 1, sizeof(uint32_t))))
            goto done;
        for (uint32_t e = 0; e < es->nentities; e++) {
            uint32_t nix = st->node_of[i][e];
            out->of[i][e] = nix == UINT32_MAX ? UINT32_MAX : order[find(st, nix)] - 1;
            if (nix != UINT32_MAX)
                out->first[out->of[i][e] + 1]++, nmem++;
        }
    }
    for (size_t c = 0; c < nroots; c++)
        out->first[c + 1] += out->first[c];
    if (!(out->members = malloc((nmem ? nmem : 1) * sizeof *out->members)))
        goto done;
    {
        size_t *fill = calloc(nroots ? nroots : 1, sizeof *fill);
        if (!fill)
            goto done;
        for (size_t i = 0; i < st->ndocs; i++)
            for (uint32_t e = 0; e < st->ents[i].nentities; e++) {
                uint32_t c = out->of[i][e];
                if (c == UINT32_MAX)
                    continue;
                out->members[out->first[c] + fill[c]].doc = (uint32_t)i;
                out->members[out->first[c] + fill[c]].entity = e;
                fill[c]++;
            }
        free(fill);
        for (size_t c = 0; c < nroots; c++)
            xc_sort(out->members + out->first[c], out->first[c + 1] - out->first[c],
                  sizeof *out->members, cmp_member);
    }
    /* the canonical name and the type, from every mention */
    if (!(oc = malloc((total ? total : 1) * sizeof *oc)))
        goto done;
    for (size_t i = 0; i < st->ndocs; i++) {
        const xc_entities *es = &st->ents[i];
        const char *text = st->docs[i]->text;
        for (size_t k = 0; k < es->nm; k++) {
            const xc_mention *m = &es->m[k];
            occ *o;
            if (m->entity >= es->nentities || out->of[i][m->entity] == UINT32_MAX)
                continue;
            o = &oc[nocc++];
            o->cluster = out->of[i][m->entity];
            o->doc = (uint32_t)i;
            o->start = m->start;
            o->end = m->end;
            o->form = xc_ner_hash(text + m->start, m->end - m->start);
            o->type = m->type;
            o->boilerplate = m->boilerplate;
            o->words = count_words(text + m->start, m->end - m->start);
        }
    }
    xc_sort(oc, nocc, sizeof *oc, cmp_occ);
    for (size_t a = 0; a < nocc;) {
        size_t b = a, types[4] = {0}, best_count = 0, best_docs = 0;
        const occ *best = NULL;
        xc_merged *mg = &out->v[oc[a].cluster];
        while (b < nocc && oc[b].cluster == oc[a].cluster)
            b++;
        /* most words, then most documents, then most mentions, then
           longest, then first */
        for (size_t x = a; x < b;) {
            size_t y = x, count = 0, ndocs = 0;
            uint32_t last = UINT32_MAX;
            const occ *first = NULL;
            while (y < b && oc[y].form == oc[x].form) {
                if (!oc[y].boilerplate) {
                    count++;
                    if (oc[y].doc != last)
                        ndocs++, last = oc[y].doc;
                    types[oc[y].type & 3]++;
                    if (!first)
                        first = &oc[y];
                }
                y++;
            }
            if (first && better(first, ndocs, count, best, best_docs, best_count)) {
                best = first;
                best_count = count;
                best_docs = ndocs;
            }
            x = y;
        }
        if (best) {
            mg->name_doc = best->doc;
            mg->name_start = best->start;
            mg->name_end = best->end;
        }
        mg->type = XC_ENT_OTHER;
        {
            size_t most = 0;
            for (int t = 0; t < 4; t++)
                if (types[t] > most)
                    most = types[t], mg->type = (uint8_t)t;
        }
        a = b;
    }
    /* people named in full are people, whatever a mention was typed */
    for (size_t k = 0; k < st->nn; k++)
        if (st->nodes[k].cls == CLASS_FULL) {
            uint32_t c = out->of[st->nodes[k].doc][st->nodes[k].entity];
            if (c != UINT32_MAX)
                out->v[c].type = XC_ENT_PERSON;
        }
    /* the same name in several documents is a merge too */
    for (size_t k = 0; k < st->nn; k++)
        if (st->nodes[k].ndocs > 1 &&
            add_reason(st, (uint32_t)k, "%.*s: named alike in %u documents",
                       (int)st->nodes[k].formlen, st->nodes[k].form, st->nodes[k].ndocs) != XC_OK)
            goto done;
    /* the reasons go to the entity of their set */
    for (size_t r = 0; r < st->nwhy; r++) {
        const node *nd = &st->nodes[st->why[r].node];
        uint32_t c = out->of[nd->doc][nd->entity];
        xc_merged *mg = &out->v[c];
        char **v = realloc(mg->why, (mg->nwhy + 1) * sizeof *v);
        if (!v)
            goto done;
        mg->why = v;
        mg->why[mg->nwhy++] = st->why[r].text;
        st->why[r].text = NULL;
    }
    rc = XC_OK;
done:
    free(oc);
    free(order);
    return rc;
}

/* ---- step 6: titles standing for a person -------------------------------------- */

#define OFFICE_MAX 64
#define NATION_MAX 32

/* The words the lists know as nationalities without naming one of their
   own ("American" is the United States'). */
static const char *const nation_alias[][2] = {
    {"us", "us"}, {"usa", "us"}, {"american", "us"}, {"americans", "us"},
    {"uk", "uk"}, {"britain", "uk"}, {"british", "uk"}, {"french", "france"},
    {"dutch", "netherlands"}, {"swiss", "switzerland"}, {"spanish", "spain"},
    {"greek", "greece"}, {"irish", "ireland"}, {"danish", "denmark"},
    {"finnish", "finland"}, {"polish", "poland"}, {"filipino", "philippines"},
    {"welsh", "wales"}, {"scottish", "scotland"}, {"lebanese", "lebanon"}};

/* A word lowercased, letters only ("U.S." -> "us", "Armenia's" ->
   "armenia"), into OUT (CAP bytes); its length. */
static size_t plain_word(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    if (n > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
        n -= 2;
    else if (n > 4 && memcmp(s + n - 4, "\xE2\x80\x99", 3) == 0 && (s[n - 1] == 's' || s[n - 1] == 'S'))
        n -= 4;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            out[k++] = (char)(c + 32);
        else if ((c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80)
            out[k++] = c;
    }
    out[k] = '\0';
    return k;
}

/* The nation a word names, as a key ("azerbaijani", "us"), or 0. */
static int nation_of(const char *s, size_t n, char *out, size_t cap)
{
    char w[NATION_MAX];
    size_t k = plain_word(s, n, w, sizeof w);
    if (!k)
        return 0;
    for (size_t a = 0; a < sizeof nation_alias / sizeof *nation_alias; a++)
        if (strcmp(w, nation_alias[a][0]) == 0) {
            snprintf(out, cap, "%s", nation_alias[a][1]);
            return 1;
        }
    if (k < 3 || !(xc_ner_map_get(&titles, xc_ner_hash(w, k)) & TITLE_NATION))
        return 0;
    snprintf(out, cap, "%s", w);
    return 1;
}

/* Are nation keys A and B one country ("azerbaijan" and "azerbaijani",
   "armenia" and "armenian"; not "austria" and "australian")?  One, less
   its final vowels, begins the other, on at least four letters. */
static int same_nation(const char *a, const char *b)
{
    for (int pass = 0; pass < 2; pass++) {
        const char *x = pass ? b : a, *y = pass ? a : b;
        size_t n = strlen(x);
        while (n > 4 && strchr("aeiy", x[n - 1]))
            n--;
        if (n >= 4 && strncmp(x, y, n) == 0)
            return 1;
    }
    return strcmp(a, b) == 0;
}

/* One office a person of the story is written with. */
typedef struct office {
    uint32_t entity;
    char words[OFFICE_MAX];   /* "vice president", "prime minister" */
    char nation[NATION_MAX];  /* "" when the role names none */
} office;

/* Cut S[0..N) at spaces and hyphens; call the word function on each. */
typedef struct wordspan {
    size_t a, b;
} wordspan;

static size_t cut_words(const char *s, size_t n, wordspan *w, size_t cap)
{
    size_t k = 0, i = 0;
    while (i < n && k < cap) {
        while (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == '\n' || s[i] == ',' || s[i] == '\t'))
            i++;
        if (i == n)
            break;
        w[k].a = i;
        while (i < n && s[i] != ' ' && s[i] != '-' && s[i] != '\n' && s[i] != ',' && s[i] != '\t')
            i++;
        w[k++].b = i;
    }
    return k;
}

/* Append role word W to the office words OUT. */
static void office_add(char *out, const char *w)
{
    size_t n = strlen(out);
    snprintf(out + n, OFFICE_MAX - n, "%s%s", n ? " " : "", w);
}

/* The office and nation a role's words give ("US Vice-President" ->
   "vice president", "us"); 0 when they hold no role head. */
static int parse_office(const char *s, size_t n, office *o)
{
    wordspan w[16];
    size_t nw = cut_words(s, n, w, 16);
    int head = 0;
    o->words[0] = o->nation[0] = '\0';
    for (size_t k = 0; k < nw; k++) {
        char p[OFFICE_MAX];
        uint32_t bits;
        size_t l = plain_word(s + w[k].a, w[k].b - w[k].a, p, sizeof p);
        if (!l)
            continue;
        if (!o->nation[0] && nation_of(s + w[k].a, w[k].b - w[k].a, o->nation, sizeof o->nation))
            continue;
        bits = xc_ner_map_get(&titles, xc_ner_hash(p, l));
        if (bits & (TITLE_ROLE | TITLE_HEAD)) {
            office_add(o->words, p);
            head |= (bits & TITLE_HEAD) != 0;
        }
    }
    return head;
}

/* Offices that make a person a country's "leader". */
static int leads(const char *words)
{
    static const char *const heads[] = {"president", "prime minister", "premier", "chancellor",
                                        "king", "queen", "emir", "sultan", "leader", "ruler", NULL};
    for (size_t k = 0; heads[k]; k++)
        if (strcmp(words, heads[k]) == 0)
            return 1;
    return 0;
}

static xc_code push_ref(xc_resolution *out, size_t *cap, uint32_t doc, size_t a, size_t b,
                        uint32_t entity)
{
    if (out->nrefs == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        xc_titleref *v = realloc(out->refs, c * sizeof *v);
        if (!v)
            return XC_ERR_NOMEM;
        out->refs = v;
        *cap = c;
    }
    out->refs[out->nrefs].doc = doc;
    out->refs[out->nrefs].start = a;
    out->refs[out->nrefs].end = b;
    out->refs[out->nrefs].entity = entity;
    out->nrefs++;
    return XC_OK;
}

static xc_code add_why(xc_merged *mg, const char *fmt, ...) XC_PRINTF(2, 3);

static xc_code add_why(xc_merged *mg, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    char **v, *s;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (!(s = xc_strdup(buf)))
        return XC_ERR_NOMEM;
    if (!(v = realloc(mg->why, (mg->nwhy + 1) * sizeof *v))) {
        free(s);
        return XC_ERR_NOMEM;
    }
    mg->why = v;
    mg->why[mg->nwhy++] = s;
    return XC_OK;
}

/* Does document DOC name story entity C (a mention of one of its members)? */
static int names_in(const xc_resolution *out, uint32_t c, uint32_t doc)
{
    for (size_t k = out->first[c]; k < out->first[c + 1]; k++)
        if (out->members[k].doc == doc)
            return 1;
    return 0;
}

/* Does [A, B) of document I overlap a person's mention? */
static int on_person(const xc_entities *es, size_t a, size_t b)
{
    for (size_t k = 0; k < es->nm; k++)
        if (es->m[k].start < b && a < es->m[k].end && es->m[k].type == XC_ENT_PERSON)
            return 1;
    return 0;
}

/*
 * Step 6: a title without a name ("the Azerbaijani president", "Armenia's
 * prime minister", "the president of Azerbaijan") becomes a ref of the one
 * person of the story written with that office and that nationality; a
 * title without nationality, of the one person holding the office, when
 * its report names him.  A candidate whose nationality is unknown could be
 * anyone's, so it makes the title ambiguous too.
 */
static xc_code link_titles(state *st, xc_resolution *out)
{
    office *offs = NULL;
    size_t noffs = 0, capoffs = 0, capref = 0;
    xc_code rc = XC_OK;
    /* every person's offices, from the roles written with their names */
    for (size_t i = 0; i < st->ndocs && rc == XC_OK; i++) {
        const xc_entities *es = &st->ents[i];
        const char *text = st->docs[i]->text;
        for (size_t r = 0; r < es->nr; r++) {
            uint32_t e = es->r[r].entity, c;
            office o;
            if (e >= es->nentities || (c = out->of[i][e]) == UINT32_MAX ||
                out->v[c].type != XC_ENT_PERSON ||
                !parse_office(text + es->r[r].start, es->r[r].end - es->r[r].start, &o))
                continue;
            o.entity = c;
            if (noffs == capoffs) {
                size_t cap = capoffs ? capoffs * 2 : 32;
                office *v = realloc(offs, cap * sizeof *v);
                if (!v) {
                    rc = XC_ERR_NOMEM;
                    break;
                }
                offs = v;
                capoffs = cap;
            }
            offs[noffs++] = o;
        }
    }
    /* the titles in the text */
    for (size_t i = 0; i < st->ndocs && rc == XC_OK && noffs; i++) {
        const xc_doc *doc = st->docs[i];
        const char *t = doc->text;
        size_t at = 0;
        while (at < doc->len && rc == XC_OK) {
            size_t first = SIZE_MAX, a = 0, b = 0;
            office ref;
            char p[OFFICE_MAX];
            uint32_t pick = UINT32_MAX;
            int ambiguous = 0, found = 0;
            /* the next sentence-ish stretch: up to a line or a period */
            size_t end = at;
            while (end < doc->len && t[end] != '\n' && t[end] != '.' && t[end] != ';' &&
                   t[end] != ':' && t[end] != '"' && t[end] != '(' && t[end] != ')')
                end++;
            {
                wordspan all[256];
                size_t na = cut_words(t + at, end - at, all, 256);
                for (size_t k = 0; k < na; k++) {
                    size_t l = plain_word(t + at + all[k].a, all[k].b - all[k].a, p, sizeof p);
                    uint32_t bits = l ? xc_ner_map_get(&titles, xc_ner_hash(p, l)) : 0;
                    if (!(bits & TITLE_HEAD))
                        continue;
                    /* a title ends at its head; "the" or a possessive nation starts it */
                    first = SIZE_MAX;
                    for (size_t j = k; j-- > 0 && k - j < 6;) {
                        size_t lj = plain_word(t + at + all[j].a, all[j].b - all[j].a, p, sizeof p);
                        const char *wj = t + at + all[j].a;
                        size_t nj = all[j].b - all[j].a;
                        char nat[NATION_MAX];
                        uint32_t bj = lj ? xc_ner_map_get(&titles, xc_ner_hash(p, lj)) : 0;
                        if (lj == 3 && strcmp(p, "the") == 0) {
                            first = j + 1;
                            break;
                        }
                        if (nation_of(wj, nj, nat, sizeof nat) && nj > 2 &&
                            (wj[nj - 1] == 's' && (wj[nj - 2] == '\'' || (nj > 4 && wj[nj - 2] == '\x99')))) {
                            first = j;
                            break;
                        }
                        if (!(bj & (TITLE_ROLE | TITLE_HEAD)) && !nation_of(wj, nj, nat, sizeof nat))
                            break;
                    }
                    if (first == SIZE_MAX)
                        continue;
                    /* a name after it makes it a role, not a title standing alone */
                    a = at + all[first].a;
                    b = at + all[k].b;
                    if (k + 1 < na) {
                        const char *nx = t + at + all[k + 1].a;
                        size_t ln = plain_word(nx, all[k + 1].b - all[k + 1].a, p, sizeof p);
                        if (ln == 2 && strcmp(p, "of") == 0) {
                            /* "the president of Azerbaijan": the nation after "of" */
                            size_t q = k + 2;
                            char nat[NATION_MAX];
                            if (q < na && plain_word(t + at + all[q].a, all[q].b - all[q].a, p, sizeof p) == 3 &&
                                strcmp(p, "the") == 0)
                                q++;
                            if (q >= na || !nation_of(t + at + all[q].a, all[q].b - all[q].a, nat, sizeof nat))
                                continue;
                            b = at + all[q].b;
                        } else if (*nx >= 'A' && *nx <= 'Z') {
                            continue;
                        }
                    }
                    found = 1;
                    break;
                }
                if (!found) {
                    at = end + 1;
                    continue;
                }
                /* go on after this title next time */
                end = b;
            }
            if (xc_doc_in_boilerplate(doc, a, b) || on_person(&st->ents[i], a, b) ||
                !parse_office(t + a, b - a, &ref)) {
                at = end + 1;
                continue;
            }
            /* who holds it */
            for (size_t k = 0; k < noffs && !ambiguous; k++) {
                const office *o = &offs[k];
                int fits = strcmp(o->words, ref.words) == 0 ||
                           (ref.nation[0] && strcmp(ref.words, "leader") == 0 && leads(o->words));
                if (!fits)
                    continue;
                if (ref.nation[0] && o->nation[0] && !same_nation(o->nation, ref.nation))
                    continue;
                if (ref.nation[0] && !o->nation[0]) {
                    /* written without a nationality here: another role of
                       the same person may give it; a person of no known
                       nationality could be the one */
                    int any = 0;
                    for (size_t j = 0; j < noffs && !any; j++)
                        any = offs[j].entity == o->entity && offs[j].nation[0];
                    if (!any && pick != o->entity)
                        ambiguous = 1;
                    continue;
                }
                if (pick != UINT32_MAX && pick != o->entity)
                    ambiguous = 1;
                pick = o->entity;
            }
            if (pick != UINT32_MAX && !ambiguous && (ref.nation[0] || names_in(out, pick, (uint32_t)i))) {
                const xc_merged *mg = &out->v[pick];
                rc = push_ref(out, &capref, (uint32_t)i, a, b, pick);
                if (rc == XC_OK)
                    rc = add_why(&out->v[pick], "%.*s (d%zu at %zu) ~ %.*s: a title without a name; "
                                                "the only person of the story written as \"%s\"%s%s%s",
                                 (int)(b - a), t + a, i + 1, a,
                                 (int)(mg->name_end - mg->name_start),
                                 st->docs[mg->name_doc]->text + mg->name_start, ref.words,
                                 ref.nation[0] ? " of nationality \"" : ", named in the same report",
                                 ref.nation, ref.nation[0] ? "\"" : "");
            }
            at = end + 1;
        }
    }
    free(offs);
    return rc;
}

xc_code xc_resolve_entities(xc_doc *const *docs, const xc_entities *ents, size_t ndocs,
                            xc_resolution *out)
{
    state st;
    xc_code rc;
    memset(out, 0, sizeof *out);
    memset(&st, 0, sizeof st);
    pthread_once(&resources_once, load_resources);
    st.docs = docs;
    st.ents = ents;
    st.ndocs = ndocs;
    if ((rc = make_nodes(&st)) == XC_OK && (rc = merge_people(&st)) == XC_OK &&
        (rc = merge_lone(&st)) == XC_OK && (rc = merge_others(&st)) == XC_OK)
        rc = finish(&st, out);
    if (rc == XC_OK)
        rc = link_titles(&st, out);
    for (size_t k = 0; k < st.nn; k++) {
        free(st.nodes[k].roles);
        free(st.nodes[k].ctx);
        free(st.nodes[k].strs);
    }
    free(st.nodes);
    for (size_t i = 0; st.node_of && i < ndocs; i++)
        free(st.node_of[i]);
    free(st.node_of);
    for (size_t r = 0; r < st.nwhy; r++)
        free(st.why[r].text);
    free(st.why);
    return rc;
}

void xc_resolution_free(xc_resolution *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->of && i < r->ndocs; i++)
        free(r->of[i]);
    free(r->of);
    for (size_t c = 0; r->v && c < r->n; c++) {
        for (size_t k = 0; k < r->v[c].nwhy; k++)
            free(r->v[c].why[k]);
        free(r->v[c].why);
    }
    free(r->v);
    free(r->members);
    free(r->first);
    free(r->refs);
    memset(r, 0, sizeof *r);
}
