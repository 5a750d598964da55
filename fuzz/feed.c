/* Fuzz target: an RSS or Atom feed (libxml2 without entities, DTDs or the
   network; every item made into a document). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX)
        size = FUZZ_MAX;
    fuzz_read_as(data, size, XC_FORMAT_FEED);
    return 0;
}
