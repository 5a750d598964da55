/* Fuzz target: the tokenizer and sentence splitter on valid UTF-8 (the
   longest valid prefix of the input), checking the invariants the later
   stages rely on. */
#include "fuzz.h"
#include "text/text.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xc_tokens tk = {0};
    size_t n;
    if (size > FUZZ_MAX)
        size = FUZZ_MAX;
    n = xc_utf8_valid_prefix((const char *)data, size);
    if (xc_tokenize((const char *)data, n, &tk) == XC_OK) {
        for (size_t i = 0; i < tk.ntok; i++)
            if (tk.tok[i].start >= tk.tok[i].end || tk.tok[i].end > n ||
                (i && tk.tok[i].start < tk.tok[i - 1].end))
                abort();
        for (size_t i = 0; i < tk.nsent; i++)
            if (tk.sent[i].first + tk.sent[i].count > tk.ntok)
                abort();
    }
    xc_tokens_free(&tk);
    return 0;
}
