/* Fuzz target: the date and quantity parsers on one document, with a
   publication date picked by the first byte. */
#include "fuzz.h"
#include "extract/extract.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xc_read_opts ro = {0};
    xc_doc *doc = NULL;
    xc_error err;
    xc_tokens tk = {0};
    xc_times times = {0};
    xc_quantities qs = {0};
    ro.format = XC_FORMAT_TEXT;
    ro.published = fuzz_published(data, size);
    if (size)
        data++, size--;
    if (size > FUZZ_MAX)
        size = FUZZ_MAX;
    if (xc_doc_from_bytes("fuzz.txt", (const char *)data, size, &ro, &doc, &err) != XC_OK)
        return 0;
    if (xc_tokenize(doc->text, doc->len, &tk) == XC_OK) {
        xc_times_find(doc, &tk, &times);
        xc_quantities_find(doc, &tk, &qs);
        for (size_t i = 0; i < times.n; i++)
            if (times.v[i].start >= times.v[i].end || times.v[i].end > doc->len ||
                memchr(times.v[i].value, 0, sizeof times.v[i].value) == NULL)
                abort();
        for (size_t i = 0; i < qs.n; i++)
            if (qs.v[i].start >= qs.v[i].end || qs.v[i].end > doc->len ||
                qs.v[i].obj_start > qs.v[i].obj_end || qs.v[i].obj_end > doc->len)
                abort();
    }
    xc_times_free(&times);
    xc_quantities_free(&qs);
    xc_tokens_free(&tk);
    xc_doc_free(doc);
    return 0;
}
