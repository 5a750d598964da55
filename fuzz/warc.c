/* Fuzz target: a WARC file, plain or gzip (records, HTTP responses,
   chunked and gzip payloads, pages made into documents). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX)
        size = FUZZ_MAX;
    fuzz_read_as(data, size, XC_FORMAT_WARC);
    return 0;
}
