/*
 * speech.c: the word classes of speech.h.  One hash table of folded words
 * (ASCII lower case, as xc_lex_fold makes them) to class bits, filled once
 * per process: the compiled-in closed classes first, then the data files.
 * The table is a fixed static array, so loading allocates only while a
 * file is read and nothing stays to be freed; a word past its capacity is
 * dropped (the shipped lists fill about a third of it).
 */
#include "extract/speech.h"

#include "crosscheck.h"
#include "extract/lexicon.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAB_SIZE 16384 /* a power of two */

typedef struct slot {
    char w[XC_LEX_MAX];
    uint16_t bits;
} slot;

static slot tab[TAB_SIZE];
static int rv_from_file;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t hash_word(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* Add the folded word W (NUL-terminated, length N) with BITS. */
static void put_folded(const char *w, size_t n, unsigned bits)
{
    uint32_t h = hash_word(w, n) & (TAB_SIZE - 1);
    for (size_t probe = 0; probe < TAB_SIZE / 2; probe++) {
        slot *s = &tab[h];
        if (!s->w[0]) {
            memcpy(s->w, w, n + 1);
            s->bits = (uint16_t)bits;
            return;
        }
        if (!strcmp(s->w, w)) {
            s->bits = (uint16_t)(s->bits | bits);
            return;
        }
        h = (h + 1) & (TAB_SIZE - 1);
    }
}

static void put(const char *w, size_t n, unsigned bits)
{
    char f[XC_LEX_MAX];
    int flags;
    size_t k = xc_lex_fold(w, n, f, &flags);
    /* "'s" is no possessive in a lexicon entry: keep "says" whole */
    if (k == 0 || (flags & XC_LEX_POSS))
        return;
    put_folded(f, k, bits);
}

static void put_list(const char *const *list, unsigned bits)
{
    for (; *list; list++)
        put(*list, strlen(*list), bits);
}

/* ---- Closed classes ------------------------------------------------------ */

static const char *const pronouns[] = {"he", "she", "they", "i", "we", "it", "you", NULL};
static const char *const poss_pronouns[] = {"his", "her", "their", "its", "our",
                                            "my", "your", NULL};
static const char *const determiners[] = {
    "the", "a", "an", "another", "some", "one", "several", "many", "other",
    "these", "those", "this", "both", "each", "every", "all", "any", "most",
    "few", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "dozens", NULL};
static const char *const stops[] = {
    "in", "on", "at", "to", "for", "with", "by", "from", "of", "about", "after",
    "before", "during", "as", "into", "over", "under", "against", "without",
    "through", "between", "among", "than", "since", "until", "via", "per",
    "and", "or", "but", "nor", "so", "yet", "because", "if", "while", "when",
    "whether", "although", "though", "unless", "where", "that", "which",
    "who", "whom", "whose", "what", "how", "why", "there", "here", "like",
    "unlike", "despite", "amid", "toward", "towards", "upon", "within",
    "outside", "inside", "across", "around", "behind", "beyond", "near",
    "whatever", "whoever", "whom", "me", "him", "them", "us", "himself",
    "herself", "themselves", "itself", "whereas", "once", "off", "up", "out",
    "down", "just",
    /* common past and present forms no subject phrase runs through */
    "went", "got", "came", "made", "took", "gave", "began", "left", "kept",
    "put", "ran", "saw", "sent", "felt", "thought", "knew", "found", "became",
    "brought", "held", "met", "paid", "stood", "won", "lost", "seems",
    "appears", "seemed", "appeared", "goes", "gets", "makes", "takes",
    "gives", "wants", "wanted", "needs", "needed", "tried", "tries", "threw",
    "drew", "grew", "led", "fell", "broke", "chose", "rose", "struck",
    "sought", "taught", "built", "bought", "caught", "fought", "let", "set",
    "shut", "quit", "sat", "lay", "flew", "drove", "ate", "wore", "hid",
    "bit", "shook", "woke", "swung", "sang", "rang", "sank", "spent", "lent",
    "meant", "dealt", "heard", NULL};
static const char *const auxiliaries[] = {
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
    "had", "do", "does", "did", "will", "would", "can", "could", "should",
    "may", "might", "must", "shall", "isn't", "aren't", "wasn't", "weren't",
    "hasn't", "haven't", "hadn't", "don't", "doesn't", "didn't", "won't",
    "wouldn't", "can't", "couldn't", "shouldn't", "having", NULL};
static const char *const adverbs[] = {
    "also", "later", "then", "again", "not", "never", "only", "still",
    "already", "even", "now", "often", "first", "finally", "further",
    "earlier", "previously", "recently", "reportedly", "repeatedly",
    "simply", "once", "too", "ever", "however", "meanwhile", "subsequently",
    "initially", "originally", "similarly", "likewise", "long", "always",
    "frequently", "allegedly", "apparently", "publicly", "privately",
    "separately", "bluntly", "flatly", "openly", "angrily", "quickly",
    "immediately", "yesterday", "today", "tonight", "instead", "indeed",
    "thus", "therefore", "perhaps", "soon", "twice", "back", NULL};
static const char *const starters[] = {
    "However", "Meanwhile", "Still", "Instead", "Indeed", "Moreover",
    "Furthermore", "Nevertheless", "Nonetheless", "Overall", "Today",
    "Yesterday", "Now", "Then", "Such", "Last", "Next", "Asked", "Speaking",
    "According", "Following", "Including", "Even", "Perhaps", "Maybe",
    "Besides", "Yes", "No", "Well", "Why", "Oh", "Please", "Thank", "Thanks",
    "Dear", "Sir", "Photo", "Video", "Image", "Read", "Watch", "Update",
    "Editor", "Related", "Source", "Sources", "Officials", "Critics",
    "Experts", "Analysts", NULL};
static const char *const speech_nouns[] = {
    "statement", "statements", "remarks", "remark", "comments", "comment",
    "words", "view", "views", "claim", "claims", "assertion", "tweet",
    "tweets", "post", "message", "letter", "speech", "opinion", "argument",
    "promise", "pledge", "warning", "insistence", "response", "reply",
    "answer", "admission", "suggestion", "description", "accusation",
    "allegation", "testimony", "announcement", "declaration", "explanation",
    "complaint", "contention", "position", "belief", "vow", "assessment",
    "estimate", "prediction", "retort", "quip", "slogan", "motto", NULL};
static const char *const time_words[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "morning", "afternoon", "evening", "night", "week", "weekend",
    "month", "year", "day", "today", "yesterday", "tonight", "last", "next",
    "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december", NULL};
/* roles that stand before a name like titles do, beyond person-titles.txt */
static const char *const roles[] = {
    "vice", "prime", "deputy", "senior", "former", "nominee", "candidate",
    "hopeful", "front-runner", "frontrunner", "contender", "rival",
    "challenger", "billionaire", "businessman", "businesswoman", "activist",
    "adviser", "advisor", "aide", "pollster", "lawmaker", "legislator",
    "politician", "head", "president-elect", "speaker", "spokesman",
    "spokeswoman", "spokesperson", "secretary", "minister", "ex", "then",
    "state", "sen", "rep", "gov", "republican", "democrat", "democratic",
    "gop", "chief", "executive", "officer", "director", "official",
    "commentator", "host", "anchor", "comedian", "actor", "journalist",
    "writer", "reporter", "founder", "ceo", "attorney", "lawyer", NULL};
static const char *const modifiers[] = {"u.s", "us", "uk", "u.k", "un", "eu",
                                        "american", "federal", NULL};

/* Used when data/reporting-verbs.txt cannot be found. */
static const char *const rv_fallback[] = {
    "said", "says", "say", "saying", "told", "tells", "tell", "added",
    "adds", "asked", "wrote", "writes", "tweeted", "stated", "noted",
    "claimed", "insisted", "stressed", "warned", "explained", NULL};

/* Read data file NAME: one entry per line, '#' starts a comment line;
   single words get BITS (multi-word entries are skipped).  Returns 0 when
   the file cannot be read. */
static int load_file(const char *name, unsigned bits)
{
    char *path = xc_data_file(name);
    char line[128];
    FILE *f;
    if (!path)
        return 0;
    f = fopen(path, "r");
    free(path);
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        unsigned b = bits;
        while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        if (n == 0 || line[0] == '#' || memchr(line, ' ', n))
            continue;
        if ((bits & XC_SW_RV) && n > 4 && !memcmp(line + n - 3, "ing", 3))
            b |= XC_SW_ING;
        put(line, n, b);
    }
    fclose(f);
    return 1;
}

static void load(void)
{
    put_list(pronouns, XC_SW_PRON);
    put_list(poss_pronouns, XC_SW_POSSPRON);
    put_list(determiners, XC_SW_DET);
    put_list(stops, XC_SW_STOP);
    put_list(auxiliaries, XC_SW_AUX);
    put_list(adverbs, XC_SW_ADV);
    put_list(starters, XC_SW_STARTER);
    put_list(speech_nouns, XC_SW_SPNOUN);
    put_list(time_words, XC_SW_TIME);
    put_list(roles, XC_SW_TITLE);
    put_list(modifiers, XC_SW_DEMONYM);
    load_file("person-titles.txt", XC_SW_TITLE);
    load_file("demonyms.txt", XC_SW_DEMONYM);
    load_file("countries.txt", XC_SW_PLACE);
    load_file("regions.txt", XC_SW_PLACE);
    load_file("cities.txt", XC_SW_PLACE);
    load_file("org-suffixes.txt", XC_SW_ORG);
    rv_from_file = load_file("reporting-verbs.txt", XC_SW_RV);
    if (!rv_from_file) {
        put_list(rv_fallback, XC_SW_RV);
        put("saying", 6, XC_SW_RV | XC_SW_ING);
    }
}

unsigned xc_speech_class(const char *w, size_t n)
{
    char f[XC_LEX_MAX];
    int flags;
    size_t k;
    uint32_t h;

    pthread_once(&once, load);
    k = xc_lex_fold(w, n, f, &flags);
    if (k == 0)
        return 0;
    h = hash_word(f, k) & (TAB_SIZE - 1);
    for (size_t probe = 0; probe < TAB_SIZE / 2; probe++) {
        const slot *s = &tab[h];
        if (!s->w[0])
            return 0;
        if (!strcmp(s->w, f))
            return s->bits;
        h = (h + 1) & (TAB_SIZE - 1);
    }
    return 0;
}

int xc_speech_loaded(void)
{
    pthread_once(&once, load);
    return rv_from_file;
}
