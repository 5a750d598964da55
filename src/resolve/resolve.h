/*
 * resolve.h: the per-story stage that sees several documents at once
 * (DESIGN.md: resolve).  Today it merges entities across documents: the
 * per-document entities of the extract stage (each document numbers its
 * own) become the story's entities, every spelling merged ("Pashinian" and
 * "Pashinyan", "J.D. Vance" and "JD Vance", "U.S." and "United States"),
 * different people kept apart ("Bill Clinton" and "Hillary Clinton").
 *
 * How a merge is decided (merge.c):
 *   - every name gets a key: a person's is transliteration-aware and folds
 *     the regular variants of news transliteration (-ian/-yan, ch/j/dj,
 *     kh/x/h, ou/u, y/i, doubled letters, Davit/David, Qasem/Qassem/Kasem),
 *     with initials as letters ("J.D." = "JD") and titles before the name
 *     dropped ("Sen.", "Mayor"); other names are compared as written, less
 *     case, dots and diacritics;
 *   - the same key in several documents is one entity; places also merge
 *     through the groups of data/place-aliases.txt;
 *   - people are compared only within blocks of the same surname key (or
 *     its loose form or consonant skeleton), so the work grows with the
 *     number of distinct names, not with the square of the mentions; in a
 *     block the given names decide: equal, variants (vowels apart, never
 *     two different known first names), or initials that fit, which need
 *     a compatible role or shared neighbouring entities; Jaro-Winkler on the
 *     surnames admits spellings the key misses ("Gaddafi"/"Qaddafi") only
 *     with the same given name; a pair whose given names conflict is never
 *     merged, not even through a third name;
 *   - a surname written alone joins the one person of the story with that
 *     surname, or, when several have it, the one its role or its document's
 *     other entities single out; otherwise it stays apart.  A short name
 *     that is no known first name may be a family name written first ("Xi"
 *     of "Xi Jinping");
 *   - a title without a name ("the Azerbaijani president", "the US vice
 *     president", "Armenia's prime minister") stands for the one person of
 *     the story written with that office and that nationality ("Azerbaijani
 *     President Ilham Aliyev", "Ilham Aliyev, the president of Azerbaijan");
 *     a title without a nationality only when one person of the story holds
 *     the office and its report names him; when two fit, or none, the title
 *     stays unlinked.  Titles become refs, not entities;
 *   - a name tagged a person in one report and not in another is one
 *     entity; an acronym joins the one name in the story whose initials it
 *     spells when a report writes both ("UAW", "United Auto Workers").
 * Every merge leaves a short reason in words.
 *
 * Internal; prefix xc_resolve_ (and xc_resolution_).
 */
#ifndef XC_RESOLVE_H
#define XC_RESOLVE_H

#include "crosscheck.h"
#include "extract/extract.h"

#include <stdint.h>

/* One entity of the story. */
typedef struct xc_merged {
    uint8_t type;             /* xc_ent_type, by the majority of its mentions */
    size_t name_doc;          /* the canonical name: the most complete, most */
    size_t name_start;        /* frequent form, as bytes [name_start, name_end) */
    size_t name_end;          /* of document name_doc; equal when every mention
                                 is page furniture */
    char **why;               /* one reason per merge, NUL-terminated strings */
    size_t nwhy;
} xc_merged;

/* Which local entities form entity I: members[first[I] .. first[I+1]). */
typedef struct xc_member {
    uint32_t doc, entity;     /* sorted by document, then local entity */
} xc_member;

/* A title that stands for one person of the story ("the Azerbaijani
   president" for Ilham Aliyev, "Armenia's prime minister"): no name, so
   no document's entity, but a mention of the story's entity all the same. */
typedef struct xc_titleref {
    uint32_t doc;        /* document index */
    size_t start, end;   /* the title's words without "the": "Azerbaijani
                            president", "Armenia's prime minister",
                            "president of Azerbaijan" */
    uint32_t entity;     /* the story entity (index into xc_resolution.v) */
} xc_titleref;

typedef struct xc_resolution {
    uint32_t **of;       /* of[doc][local entity]: the story entity it is in */
    size_t ndocs;
    xc_merged *v;        /* the story's entities: first the nvisible seen
                            outside page furniture, in order of their first
                            such mention (document, then offset), then the
                            rest in order of their first mention */
    size_t n, nvisible;
    xc_member *members;
    size_t *first;       /* n + 1 entries */
    xc_titleref *refs;   /* by document, then offset */
    size_t nrefs;
} xc_resolution;

/*
 * Merge the entities of NDOCS documents: ENTS[i] are the entities
 * xc_entities_find found in DOCS[i].  Fills OUT (caller frees with
 * xc_resolution_free, also after a failure).  Reads the place aliases from
 * the data file place-aliases.txt once per process; without that file no
 * place merges by alias.  Fails only with XC_ERR_NOMEM.
 */
xc_code xc_resolve_entities(xc_doc *const *docs, const xc_entities *ents,
                            size_t ndocs, xc_resolution *out);
void xc_resolution_free(xc_resolution *r);

/*
 * The transliteration key of the name S[0..N) (any UTF-8): lowercase,
 * diacritics removed, the regular transliteration variants folded, words
 * separated by one space, initials ("J.D.", "JD") as single letters.
 * Writes at most CAP-1 bytes and a NUL to OUT; returns the length.
 */
size_t xc_resolve_key(const char *s, size_t n, char *out, size_t cap);

/* Jaro-Winkler similarity of A[0..NA) and B[0..NB), bytewise, in [0, 1]. */
double xc_resolve_jaro_winkler(const char *a, size_t na, const char *b, size_t nb);

#endif
