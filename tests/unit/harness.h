/*
 * harness.h: the smallest test harness that does the job.  Each unit test
 * program includes it, calls CHECK* in functions run by RUN, and ends with
 * DONE(), which prints "N passed, N failed" and sets the exit status.
 * tests/run.sh runs every program and adds up their results.
 */
#ifndef XC_HARNESS_H
#define XC_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_pass, h_fail;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (cond) {                                                        \
            h_pass++;                                                      \
        } else {                                                           \
            h_fail++;                                                      \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                  \
    } while (0)

#define CHECK_MSG(cond, ...)                                               \
    do {                                                                   \
        if (cond) {                                                        \
            h_pass++;                                                      \
        } else {                                                           \
            h_fail++;                                                      \
            fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
        }                                                                  \
    } while (0)

#define CHECK_STR(a, b)                                                    \
    do {                                                                   \
        const char *h_a = (a), *h_b = (b);                                 \
        if (h_a && h_b && strcmp(h_a, h_b) == 0) {                         \
            h_pass++;                                                      \
        } else if (!h_a && !h_b) {                                         \
            h_pass++;                                                      \
        } else {                                                           \
            h_fail++;                                                      \
            fprintf(stderr, "%s:%d: FAIL: %s == %s: \"%s\" != \"%s\"\n",   \
                    __FILE__, __LINE__, #a, #b, h_a ? h_a : "(null)",     \
                    h_b ? h_b : "(null)");                                 \
        }                                                                  \
    } while (0)

#define RUN(fn)                                                            \
    do {                                                                   \
        fn();                                                              \
    } while (0)

#define DONE()                                                             \
    do {                                                                   \
        printf("%d passed, %d failed\n", h_pass, h_fail);                  \
        return h_fail ? 1 : 0;                                             \
    } while (0)

#endif
