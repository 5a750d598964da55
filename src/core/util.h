/*
 * util.h: small pieces every module shares: setting an error, a growable
 * byte buffer with a cap, and checked string copies.  Internal; prefix xc_.
 */
#ifndef XC_UTIL_H
#define XC_UTIL_H

#include "crosscheck.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define XC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define XC_PRINTF(a, b)
#endif

/* Before a hot loop: GCC builds a copy of the function for each processor
   level named ("arch=x86-64-v4", ..., "default") and picks one at load
   time.  Not under ThreadSanitizer, whose runtime is not ready when the
   ifunc resolver runs. */
#if defined(__GNUC__) && __GNUC__ >= 11 && !defined(__clang__) && defined(__x86_64__) && \
    defined(__linux__) && !defined(__SANITIZE_THREAD__)
#define XC_CLONES(...) __attribute__((target_clones(__VA_ARGS__)))
#else
#define XC_CLONES(...)
#endif

/* On a function of pure arithmetic run for every token or feature (the
   tagger's inner loops, hashing): in a fuzzing build (Clang's
   -fsanitize=fuzzer), no coverage instrumentation.  Its tracing of every
   comparison there was most of an execution's cost, and the branches of
   such code follow hash values, which a fuzzer cannot steer anyway.  No
   effect on other builds. */
#if defined(__clang__) && __clang_major__ >= 13
#define XC_NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define XC_NO_COVERAGE
#endif

/* Fill ERR (which may be NULL) with CODE and a formatted message; returns CODE. */
xc_code xc_fail(xc_error *err, xc_code code, const char *fmt, ...) XC_PRINTF(3, 4);

/* Clear ERR (which may be NULL) to XC_OK with an empty message. */
void xc_error_clear(xc_error *err);

/* A copy of S (or of its first N bytes), or NULL when S is NULL or memory
   runs out.  Caller frees with free(). */
char *xc_strdup(const char *s);

/* qsort that accepts an empty array given as NULL (qsort's base must never
   be NULL, even for no items: undefined behaviour that UBSan reports).
   Every sort in the library goes through it. */
void xc_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
char *xc_strndup(const char *s, size_t n);

/* Room for one more item in the array V of *CAP items of SIZE bytes, N of
   them used: V itself while N < *CAP, else V reallocated to twice the
   capacity (16 items at first), *CAP updated.  NULL when memory runs out
   or the size would overflow; V is then still valid and unchanged.
       T *p = xc_grow(a->v, &a->cap, a->n, sizeof *p);
       if (!p) return XC_ERR_NOMEM;
       a->v = p;  a->v[a->n++] = x; */
void *xc_grow(void *v, size_t *cap, size_t n, size_t size);
/* Room for MORE items (at least 1): the same, doubling until N + MORE
   items fit (V itself when they already do). */
void *xc_grow_n(void *v, size_t *cap, size_t n, size_t more, size_t size);

/* Sort N integers ascending (V may be NULL when N is 0): what xc_sort with
   a comparison of uint64_t does, several times faster, in O(n log n) for
   any input. */
void xc_sort_u64(uint64_t *v, size_t n);

/*
 * A growable byte buffer that refuses to grow past its cap.  Caller-held:
 *     xc_buf b; xc_buf_init(&b, limit); ... xc_buf_free(&b);
 * data is always NUL-terminated when non-NULL.
 */
typedef struct xc_buf {
    char *data;
    size_t len, cap, limit;
} xc_buf;

void xc_buf_init(xc_buf *b, size_t limit);
void xc_buf_free(xc_buf *b);
/* XC_ERR_TOO_BIG past the limit, XC_ERR_NOMEM when allocation fails. */
xc_code xc_buf_append(xc_buf *b, const char *s, size_t n);
xc_code xc_buf_puts(xc_buf *b, const char *s);
xc_code xc_buf_printf(xc_buf *b, const char *fmt, ...) XC_PRINTF(2, 3);
/* Hand the data to the caller (who frees it with free()) and reset B. */
char *xc_buf_take(xc_buf *b, size_t *len);

/* A growable array of spans. */
typedef struct xc_spans {
    xc_span *v;
    size_t n, cap;
} xc_spans;

xc_code xc_spans_push(xc_spans *s, size_t start, size_t end);
void xc_spans_free(xc_spans *s);

#endif
