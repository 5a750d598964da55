/* Fuzz target: the whole analysis of one document (tokens, entities,
   quotations, times, quantities, the story stages) and every renderer. */
#include "fuzz.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    xc_read_opts ro = {0};
    xc_doc *doc = NULL;
    xc_dossier *d;
    xc_error err;
    if (!sink && !(sink = fopen("/dev/null", "w")))
        return 0;
    ro.published = fuzz_published(data, size);
    ro.format = size > 1 && data[1] % 3 == 0 ? XC_FORMAT_HTML : XC_FORMAT_TEXT;
    if (size > 2)
        data += 2, size -= 2;
    if (size > FUZZ_MAX / 4)
        size = FUZZ_MAX / 4;
    if (xc_doc_from_bytes("fuzz.txt", (const char *)data, size, &ro, &doc, &err) != XC_OK)
        return 0;
    if (!(d = xc_dossier_new())) {
        xc_doc_free(doc);
        return 0;
    }
    if (xc_dossier_add(d, doc) == XC_OK && xc_dossier_build(d, &err) == XC_OK) {
        xc_dossier_write_json(d, sink, XC_RENDER_WITH_TEXT | XC_RENDER_DEBUG, &err);
        xc_dossier_write_markdown(d, sink, 0, &err);
    }
    xc_dossier_free(d);
    return 0;
}
