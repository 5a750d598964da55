/*
 * speech.h: the word classes the quotation extractor (quotes.c) reads
 * attributions with.  A word's class says what it can be around a quote:
 * a reporting verb ("said", "told", "insisted"), a pronoun that can speak,
 * a person title ("President", "Mr."), a word that never stands inside a
 * speaker's noun phrase ("in", "that", "was") and so on.  The reporting
 * verbs are data (data/reporting-verbs.txt, one form per line), read once
 * per process on first use; titles, nationality words, places and the last
 * words of organizations' names come from the shipped person-titles.txt,
 * demonyms.txt, countries.txt, regions.txt, cities.txt and
 * org-suffixes.txt; the closed classes are compiled in.  Look-ups allocate nothing and are safe from several
 * threads.  Internal; prefix xc_speech_.
 */
#ifndef XC_SPEECH_H
#define XC_SPEECH_H

#include <stddef.h>

enum {
    XC_SW_RV = 1 << 0,       /* reporting verb form: said, says, told, adding */
    XC_SW_PRON = 1 << 1,     /* a pronoun that can be a speaker: he, she, they */
    XC_SW_POSSPRON = 1 << 2, /* his, her, their, its: "his press secretary" */
    XC_SW_DET = 1 << 3,      /* the, a, another, some: opens a noun phrase */
    XC_SW_STOP = 1 << 4,     /* preposition, conjunction, relative word: never
                                inside a speaker's noun phrase */
    XC_SW_AUX = 1 << 5,      /* is, has, would: between a subject and its verb */
    XC_SW_ADV = 1 << 6,      /* also, later, not: between a subject and its verb */
    XC_SW_TITLE = 1 << 7,    /* a person's title: president, mr, senator */
    XC_SW_DEMONYM = 1 << 8,  /* Azerbaijani, American: before a title */
    XC_SW_SPNOUN = 1 << 9,   /* statement, remarks, view: "X's statement that" */
    XC_SW_STARTER = 1 << 10, /* However, Meanwhile: capitalized but no name */
    XC_SW_TIME = 1 << 11,    /* Tuesday, week, morning: "Trump on Tuesday said" */
    XC_SW_ING = 1 << 12,     /* with XC_SW_RV: a participle ("saying") */
    XC_SW_PLACE = 1 << 13,   /* a country, region or city: Vermont, Baku */
    XC_SW_ORG = 1 << 14      /* ends an organization's name: Ministry, Party */
};

/*
 * The XC_SW_* classes of the word W[0..N) (any case, with or without a
 * final period or possessive 's, which xc_lex_fold drops): 0 for a word no
 * list holds.  The first call loads the lists; when reporting-verbs.txt
 * cannot be found a small built-in set of the commonest forms ("said",
 * "says", "told", ...) stands in, so quotations are still attributed.
 */
unsigned xc_speech_class(const char *w, size_t n);

/* Nonzero when the reporting verbs came from the data file, zero when the
   built-in stand-in is in use. */
int xc_speech_loaded(void);

#endif
