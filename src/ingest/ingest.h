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

/* ---- the web: URLs, feeds, WARC (fetch.c, feed.c, warc.c) ------------------ */

/*
 * The reader (read.c) that feeds, WARC files and URLs hand their documents
 * and problems to.  One per call of xc_read or xc_read_inputs.
 */
typedef struct xc_reader xc_reader;

const xc_read_opts *xc_reader_opts(const xc_reader *r);
size_t xc_reader_max(const xc_reader *r); /* the cap per document */
int xc_reader_stopped(const xc_reader *r); /* the sink asked to stop */

/* Report a rejected input (WARNING 0) or a caveat (WARNING 1) to the sink. */
void xc_reader_problem(xc_reader *r, const char *source, xc_code code,
                       const char *msg, int warning);

/*
 * Hand DOC (taken, even on failure) to the sink.  When FINISHED is 0 the
 * document is finished first as every plain-text input is (overrides,
 * hash, boilerplate, metadata from the text); xc_html_to_doc's documents
 * are finished already.  WARNING (may be NULL or "") is reported with it.
 * Returns nonzero when the reading must stop.
 */
int xc_reader_deliver(xc_reader *r, xc_doc *doc, int finished,
                      const char *warning);

/*
 * Read an input held in memory: BYTES[0..N) from SOURCE, of format FMT
 * (XC_FORMAT_AUTO: decided from SOURCE's name and the bytes).  URL (may be
 * NULL) becomes the url of a single document; CHARSET (may be NULL) is the
 * charset HTTP declared.  Problems go to the sink.
 */
void xc_reader_bytes(xc_reader *r, const char *source, const char *url,
                     const char *bytes, size_t n, xc_format fmt,
                     const char *charset);

typedef struct xc_fetcher xc_fetcher;

/* The reader's fetcher, made on first use; NULL (with ERR set) on failure. */
xc_fetcher *xc_reader_fetcher(xc_reader *r, xc_error *err);

/* A new fetcher (one libcurl handle) in *out; free with xc_fetcher_free. */
xc_code xc_fetcher_new(xc_fetcher **out, xc_error *err);
void xc_fetcher_free(xc_fetcher *f);

/* Nonzero if S starts with http:// or https:// (any case). */
int xc_is_url(const char *s);

/* What a fetch brought: all strings the caller's, freed by xc_fetched_free. */
typedef struct xc_fetched {
    char *body;    /* the body, NUL-terminated */
    size_t len;
    char *url;     /* the URL after redirects */
    char *type;    /* media type in lower case, no parameters, or NULL */
    char *charset; /* the Content-Type's charset, or NULL */
} xc_fetched;

/*
 * GET URL politely (O gives timeout and delay), following at most 5
 * redirects, keeping at most MAX bytes of body.  Fails with XC_ERR_ARG for
 * a URL that is not http(s), XC_ERR_TOO_BIG past MAX, XC_ERR_NOT_FOUND for
 * HTTP 404 and 410, XC_ERR_IO for other HTTP errors, redirect loops,
 * timeouts and network failures; err->msg says which ("HTTP 500",
 * "a redirect loop: A -> B -> A", "no complete answer within 1 s ...").
 */
xc_code xc_fetch(xc_fetcher *f, const char *url, const xc_read_opts *o,
                 size_t max, xc_fetched *out, xc_error *err);
void xc_fetched_free(xc_fetched *r);

/* The format a media type names, XC_FORMAT_AUTO when the bytes must tell. */
xc_format xc_fetch_format(const char *type);

/*
 * Read an RSS 2.0, RSS 1.0 or Atom feed in BYTES[0..N) from SOURCE: each
 * item a document, delivered to R.  With opts.follow each item's link is
 * fetched and the page read instead of the item's text.  A feed that
 * cannot be read (not XML, an entity-expansion bomb, nesting too deep) is
 * one problem for SOURCE; an item without text is one for SOURCE#item-N.
 */
void xc_feed_read(xc_reader *r, const char *source, const char *bytes,
                  size_t n);

/* Nonzero if HEAD[0..N), the start of an input, is XML whose root is an
   RSS or Atom feed. */
int xc_feed_sniff(const char *head, size_t n);

/*
 * Read a WARC file, plain or gzip (one member per record or one for the
 * whole file), streaming: FD has already yielded HEAD[0..NHEAD); FD < 0
 * when HEAD is the whole input.  Each response record holding an HTML page
 * with a 2xx status becomes a document delivered to R; other records are
 * skipped.  A record that cannot be read (truncated, corrupt gzip) is a
 * problem for PATH naming its number and byte offset, and ends the file.
 */
void xc_warc_read(xc_reader *r, const char *path, int fd, const char *head,
                  size_t nhead);

/* Nonzero if HEAD[0..N) starts a WARC file, plain or gzip-compressed. */
int xc_warc_sniff(const char *head, size_t n);

#endif
