/* Fuzz target: one JSON Lines line made into a document. */
#include "fuzz.h"
#include "ingest/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xc_doc *doc = NULL;
    xc_error err;
    if (size > FUZZ_MAX)
        size = FUZZ_MAX;
    if (xc_jsonl_doc("fuzz.jsonl", (const char *)data, size, FUZZ_MAX, &doc, &err) == XC_OK)
        xc_doc_free(doc);
    return 0;
}
