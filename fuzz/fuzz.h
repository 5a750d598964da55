/*
 * fuzz.h: what the fuzz targets share.  Each fuzz/<name>.c defines
 * LLVMFuzzerTestOneInput for one entry point that reads outside input.
 * Built two ways: with clang's libFuzzer and ASan+UBSan by 'make fuzz'
 * (mk/fuzz.mk), and with replay.c's main by the normal build, so that the
 * test suite replays the seeds and every input that once crashed
 * (fuzz/regress/<name>/) under whatever sanitizers the build uses.
 */
#ifndef XC_FUZZ_H
#define XC_FUZZ_H

#include "crosscheck.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs larger than this are cut: the targets look for crashes and hangs
   in the parsing, not for the cost of reading megabytes. */
#define FUZZ_MAX (256u * 1024u)

/* A date for the document from the first byte of DATA, so that relative
   expressions resolve against different days (or none). */
static inline const char *fuzz_published(const uint8_t *data, size_t size)
{
    static const char *const dates[] = {NULL, "2026-02-14", "2024-02-29",
                                        "1999-12-31", "2026-01", "2026"};
    return size ? dates[data[0] % (sizeof dates / sizeof dates[0])] : NULL;
}

/* Read DATA as a file of format FMT through xc_read (an in-memory file:
   memfd), dropping every document and problem. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static inline int fuzz_drop_doc(void *ctx, xc_doc *doc)
{
    (void)ctx;
    xc_doc_free(doc);
    return 0;
}

static inline void fuzz_drop_problem(void *ctx, const char *source, xc_code code,
                                     const char *msg, int warning)
{
    (void)ctx, (void)source, (void)code, (void)msg, (void)warning;
}

static inline void fuzz_read_as(const uint8_t *data, size_t size, xc_format fmt)
{
    xc_read_opts ro = {0};
    xc_sink sink = {fuzz_drop_doc, fuzz_drop_problem, NULL};
    char path[64];
    int fd = memfd_create("fuzz", 0);
    if (fd < 0)
        return;
    if (write(fd, data, size) == (ssize_t)size) {
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ro.format = fmt;
        ro.max_bytes = FUZZ_MAX;
        xc_read(path, &ro, &sink);
    }
    close(fd);
}

#endif
