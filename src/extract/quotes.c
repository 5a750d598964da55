/*
 * quotes.c: placeholder until the quotation extractor lands: finds nothing.
 */
#include "extract/extract.h"

#include <stdlib.h>

xc_code xc_quotes_find(const xc_doc *doc, const xc_tokens *tk, xc_quotes *out)
{
    (void)doc, (void)tk, (void)out;
    return XC_OK;
}

void xc_quotes_free(xc_quotes *q)
{
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
}
