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
 * Fill DOC (text, len, title, outlet, published, language, url) from an
 * HTML page in BYTES[0..N) with libxml2's HTML parser, network and entity
 * loading off.  This is the minimal reader: the text of the body's blocks,
 * without scripts, styles, navigation, forms and asides, one paragraph per
 * block.  The text is capped at MAX bytes.
 */
xc_code xc_html_read(xc_doc *doc, const char *bytes, size_t n, size_t max,
                     xc_error *err);

#endif
