/* Fuzz target: a plain-text or pasted document from bytes (encoding
   detection, UTF-8 validation, conversion, headline/outlet/date and page
   furniture of pasted pages). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xc_read_opts ro = {0};
    xc_doc *doc = NULL;
    xc_error err;
    if (size > FUZZ_MAX)
        size = FUZZ_MAX;
    ro.format = XC_FORMAT_TEXT;
    if (xc_doc_from_bytes("fuzz.txt", (const char *)data, size, &ro, &doc, &err) == XC_OK)
        xc_doc_free(doc);
    return 0;
}
