/* Fuzz target: an HTML page made into a document (libxml2's parser, the
   article extraction, metadata, charset handling). */
#include "fuzz.h"
#include "ingest/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const hints[] = {NULL, "utf-8", "windows-1252", "iso-8859-1",
                                        "utf-16", "bogus"};
    xc_read_opts ro = {0};
    xc_doc *doc = NULL;
    xc_error err;
    const char *hint = size ? hints[data[size - 1] % 6] : NULL;
    if (size > FUZZ_MAX)
        size = FUZZ_MAX;
    if (xc_html_to_doc("fuzz.html", (const char *)data, size, hint, &ro, &doc, &err) == XC_OK)
        xc_doc_free(doc);
    return 0;
}
