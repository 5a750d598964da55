/*
 * doc.c: the document record every stage reads, result codes in words, and
 * the ISO date check used wherever a date enters from outside.
 */
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

const char *xc_version(void)
{
    return XC_VERSION;
}

const char *xc_code_str(xc_code code)
{
    switch (code) {
    case XC_OK: return "success";
    case XC_ERR_NOMEM: return "out of memory";
    case XC_ERR_IO: return "cannot read or write the file";
    case XC_ERR_ARG: return "invalid argument";
    case XC_ERR_EMPTY: return "no text";
    case XC_ERR_BINARY: return "not a text file";
    case XC_ERR_ENCODING: return "not valid UTF-8";
    case XC_ERR_TOO_BIG: return "over the size limit";
    case XC_ERR_PARSE: return "malformed input";
    case XC_ERR_DB: return "database error";
    case XC_ERR_DB_BUSY: return "database is locked by another writer";
    case XC_ERR_NOT_DB: return "not a crosscheck database";
    case XC_ERR_NOT_FOUND: return "not found";
    case XC_ERR_SCHEMA: return "database written by a newer crosscheck";
    case XC_ERR_READONLY: return "database is read-only";
    case XC_ERR_INTERNAL: return "internal error";
    }
    return "unknown error";
}

xc_doc *xc_doc_new(void)
{
    return calloc(1, sizeof(xc_doc));
}

void xc_doc_free(xc_doc *doc)
{
    if (!doc)
        return;
    free(doc->source);
    free(doc->text);
    free(doc->title);
    free(doc->outlet);
    free(doc->published);
    free(doc->language);
    free(doc->url);
    free(doc->encoding);
    free(doc->boilerplate);
    free(doc->authors);
    free(doc->modified);
    free(doc);
}

int xc_doc_in_boilerplate(const xc_doc *doc, size_t start, size_t end)
{
    size_t lo = 0, hi = doc->nboilerplate;
    /* spans are sorted and disjoint: binary search the last span starting
       at or before START */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->boilerplate[mid].start <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return 0;
    return end <= doc->boilerplate[lo - 1].end;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int xc_date_valid(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t n;
    int m, d;
    if (!s)
        return 0;
    n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    if (!digits(s, 4) && strncmp(s, "XXXX", 4) != 0)
        return 0;
    if (n == 4)
        return 1;
    if (s[4] != '-' || !digits(s + 5, 2))
        return 0;
    m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12)
        return 0;
    if (n == 7)
        return 1;
    if (s[7] != '-' || !digits(s + 8, 2))
        return 0;
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && digits(s, 4)) {
        int y = atoi(s);
        if (!((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
            return 0;
    }
    return 1;
}
