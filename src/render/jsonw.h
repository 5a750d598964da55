/*
 * jsonw.h: a streaming JSON writer.  The dossier and the analysis lines are
 * written straight to their FILE as they are walked, with no tree in
 * between: values go into a 64 KiB buffer that is handed to fwrite when
 * full.  The output is byte for byte what jansson's json_dumpf prints with
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER (indent 2) or JSON_COMPACT (indent
 * 0), so the format did not change when the tree went away.  Internal;
 * prefix xc_jsonw_.
 *
 *     xc_jsonw w;
 *     xc_jsonw_init(&w, out, 2);
 *     xc_jsonw_begin_object(&w);
 *     xc_jsonw_key(&w, "id");
 *     xc_jsonw_string(&w, "d1", 2);
 *     xc_jsonw_end_object(&w);
 *     rc = xc_jsonw_finish(&w);    (flushes, frees, returns the first error)
 *
 * Calls after an error do nothing; the error is kept for xc_jsonw_finish.
 * Misuse (a value where a key is due, a close that does not match, nesting
 * past XC_JSONW_DEPTH) is XC_ERR_INTERNAL, never undefined behaviour.
 */
#ifndef XC_JSONW_H
#define XC_JSONW_H

#include "crosscheck.h"

#include <stdint.h>
#include <stdio.h>

#define XC_JSONW_DEPTH 32

typedef struct xc_jsonw {
    FILE *out;
    char *buf;      /* XC_JSONW_BUF bytes */
    size_t len;
    int indent;     /* spaces per level; 0 for one compact line */
    int depth;
    int after_key;  /* a key was written and its value is due */
    uint64_t empty; /* bit D: the container open at depth D has no member yet */
    uint64_t object;/* bit D: the container at depth D is an object */
    xc_code err;
} xc_jsonw;

/* Start writing to OUT with INDENT spaces per level (0: compact).  Fails
   only with XC_ERR_NOMEM, which xc_jsonw_finish then returns too. */
xc_code xc_jsonw_init(xc_jsonw *w, FILE *out, int indent);

void xc_jsonw_begin_object(xc_jsonw *w);
void xc_jsonw_end_object(xc_jsonw *w);
void xc_jsonw_begin_array(xc_jsonw *w);
void xc_jsonw_end_array(xc_jsonw *w);

/* The key of the next member of the open object (NUL-terminated). */
void xc_jsonw_key(xc_jsonw *w, const char *key);

/* S[0..N) as a JSON string: each byte that is not part of valid UTF-8 is
   written as U+FFFD, control characters are escaped. */
void xc_jsonw_string(xc_jsonw *w, const char *s, size_t n);

/* The NUL-terminated S as xc_jsonw_string, or null when S is NULL. */
void xc_jsonw_cstr(xc_jsonw *w, const char *s);

void xc_jsonw_int(xc_jsonw *w, int64_t v);

/* V as jansson prints a real (%.17g, ".0" added to an integral value);
   null when V is not finite, which JSON cannot hold. */
void xc_jsonw_real(xc_jsonw *w, double v);

void xc_jsonw_bool(xc_jsonw *w, int v);
void xc_jsonw_null(xc_jsonw *w);

/* Raw bytes outside any value (the newline after a document). */
void xc_jsonw_raw(xc_jsonw *w, const char *s, size_t n);

/* Fail the writer with CODE (say, out of memory while gathering a value)
   unless it has failed already. */
void xc_jsonw_fail(xc_jsonw *w, xc_code code);

/* Hand what is buffered to OUT (fwrite only; the caller fflushes when it
   needs to); XC_ERR_IO when it could not be written. */
xc_code xc_jsonw_flush(xc_jsonw *w);

/* Flush, free the buffer and return the first error: XC_ERR_IO (a write
   failed), XC_ERR_NOMEM, XC_ERR_INTERNAL (containers left open or
   misnested).  W may then be initialised again. */
xc_code xc_jsonw_finish(xc_jsonw *w);

#endif
