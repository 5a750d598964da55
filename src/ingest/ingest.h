/*
 * ingest.h: readers for the formats xc_read understands, shared between
 * read.c (which picks one) and the files that implement them.  Internal;
 * prefix xc_ plus the format.
 */
#ifndef XC_INGEST_H
#define XC_INGEST_H

#include "crosscheck.h"

/*
 * Called for each line of a stream.  STATUS is XC_OK with the line (without
 * its newline or a trailing \r) in LINE[0..N), or XC_ERR_TOO_BIG when the
 * line was longer than the cap (LINE is then NULL and the line is skipped).
 * LINENO counts from 1.  Return nonzero to stop.
 */
typedef int (*xc_line_cb)(void *ctx, size_t lineno, const char *line,
                          size_t n, xc_code status);

/*
 * Stream the lines of FD, which has already yielded HEAD[0..NHEAD), to CB,
 * holding at most MAX bytes of one line in memory at a time.  Fails only on
 * a read error or out of memory.
 */
xc_code xc_lines_read(int fd, const char *head, size_t nhead, size_t max,
                      xc_line_cb cb, void *ctx, xc_error *err);

/*
 * Make a document from one JSON Lines record LINE[0..N): an object with a
 * string "text" and optional "title", "url", "outlet", "published",
 * "language".  SOURCE becomes the document's source.  A blank line gives
 * XC_ERR_EMPTY with an empty err->msg.  A field that cannot be used (a
 * published value that is not a date) leaves a warning in err->msg with
 * XC_OK.  On success the caller frees *out with xc_doc_free.
 */
xc_code xc_jsonl_doc(const char *source, const char *line, size_t n,
                     size_t max, xc_doc **out, xc_error *err);

/*
 * Make a document from an HTML page in BYTES[0..N) read from SOURCE (a
 * path or URL; it becomes doc->source).  CHARSET_HINT is the charset an
 * HTTP Content-Type header gave, or NULL; it outranks <meta charset> but
 * not a byte order mark, and a declaration the bytes contradict (declared
 * windows-1252 but valid UTF-8, or declared UTF-8 with Latin-1 bytes) is
 * corrected with a warning.  The page is parsed with libxml2's HTML parser
 * (network and entity loading off, recovering from broken markup, the tree
 * walked without recursion) and its article extracted: the text is UTF-8,
 * paragraphs separated by blank lines, headings their own paragraphs, list
 * items one per line, captions kept and marked as boilerplate spans.
 * Metadata (title, outlet, authors, published, modified, language, url)
 * come from meta tags, Open Graph, JSON-LD, <time> and bylines; unknown
 * ones stay NULL (language defaults to "en").  OPTS (may be NULL) gives the
 * size cap (max_bytes) and overrides for title, outlet and published.
 *
 * On success *out holds a finished document (hash set; caller frees with
 * xc_doc_free), and a caveat such as a corrected encoding is left in
 * err->msg with err->code XC_OK.  On failure *out is NULL: XC_ERR_TOO_BIG
 * over the cap, XC_ERR_PARSE for bytes that are no page, XC_ERR_EMPTY for a
 * page without text, XC_ERR_NOMEM.
 */
xc_code xc_html_to_doc(const char *source, const char *bytes, size_t n,
                       const char *charset_hint, const xc_read_opts *opts,
                       xc_doc **out, xc_error *err);

#endif
