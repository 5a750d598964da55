/*
 * times.c: placeholder until the time extractor lands: finds nothing.
 */
#include "extract/extract.h"

#include <stdlib.h>

xc_code xc_times_find(const xc_doc *doc, const xc_tokens *tk, xc_times *out)
{
    (void)doc, (void)tk, (void)out;
    return XC_OK;
}

void xc_times_free(xc_times *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}
