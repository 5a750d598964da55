/*
 * quantity.c: placeholder until the quantity extractor lands: finds nothing.
 */
#include "extract/extract.h"

#include <stdlib.h>

xc_code xc_quantities_find(const xc_doc *doc, const xc_tokens *tk, xc_quantities *out)
{
    (void)doc, (void)tk, (void)out;
    return XC_OK;
}

void xc_quantities_free(xc_quantities *q)
{
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
}
