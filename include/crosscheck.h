/*
 * crosscheck.h: the whole public API of libcrosscheck.
 *
 * crosscheck reads many news reports of the same story and tells where they
 * agree, where they conflict and what rests on a single source, with the exact
 * source sentence behind every statement.  The pipeline is
 *
 *     ingest -> analyze -> cluster -> resolve -> reconcile -> render
 *
 * and this header exposes it in four groups:
 *
 *   - result codes and errors        (xc_code, xc_error)
 *   - documents and reading sources  (xc_doc, xc_read)
 *   - the dossier                    (xc_dossier_*: build and render)
 *   - the document store             (xc_store_*: SQLite)
 *
 * Conventions.  Every function that can fail returns an xc_code (XC_OK is 0)
 * and, where it takes one, fills an xc_error with the detail.  The library
 * never prints, never exits and never aborts on bad input or on failed
 * allocation.  Every function that allocates says who frees; every _free
 * function accepts NULL.  Offsets are byte offsets into a document's text,
 * start inclusive, end exclusive.
 */
#ifndef CROSSCHECK_H
#define CROSSCHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define XC_API __attribute__((visibility("default")))
#else
#define XC_API
#endif

#define XC_VERSION "0.1.0"
#define XC_DOSSIER_FORMAT "crosscheck-dossier/1"

/* ------------------------------------------------------------------ */
/* Result codes.  New codes are added last and never removed.          */

typedef enum xc_code {
    XC_OK = 0,
    XC_ERR_NOMEM,     /* an allocation failed */
    XC_ERR_IO,        /* a file could not be opened, read or written */
    XC_ERR_ARG,       /* the caller passed something invalid */
    XC_ERR_EMPTY,     /* the input holds no text */
    XC_ERR_BINARY,    /* the input is not text */
    XC_ERR_ENCODING,  /* the input is not valid in its encoding */
    XC_ERR_TOO_BIG,   /* the input is over a configured limit */
    XC_ERR_PARSE,     /* the input is malformed (JSON, HTML, ...) */
    XC_ERR_DB,        /* the database failed */
    XC_ERR_DB_BUSY,   /* the database is locked by another writer */
    XC_ERR_NOT_DB,    /* the file is not a crosscheck database */
    XC_ERR_NOT_FOUND, /* no such document or story */
    XC_ERR_SCHEMA,    /* the database was written by a newer crosscheck */
    XC_ERR_READONLY,  /* the database cannot be written */
    XC_ERR_INTERNAL   /* a bug in crosscheck: please report it */
} xc_code;

/* The name of a code in words, e.g. "not valid UTF-8". Never NULL. */
XC_API const char *xc_code_str(xc_code code);

/* Detail of a failure: the code and one line a person can act on. */
typedef struct xc_error {
    xc_code code;
    char msg[512];
} xc_error;

/* The library's version string, e.g. "0.1.0". */
XC_API const char *xc_version(void);

/* ------------------------------------------------------------------ */
/* Documents.                                                          */

typedef struct xc_span {
    size_t start, end;
} xc_span;

/*
 * One report: its text and what is known about it.  All strings are
 * NUL-terminated UTF-8 owned by the document and freed by xc_doc_free; the
 * text may also contain NUL-free bytes only (readers reject NUL).  Unknown
 * metadata is NULL, never "".
 */
typedef struct xc_doc {
    char *source;    /* path or URL as given, "-" for stdin (with a suffix
                        ":N" for line N of a JSON Lines input) */
    char *text;      /* the text all offsets refer to */
    size_t len;      /* its length in bytes */
    char *title;     /* headline, or NULL */
    char *outlet;    /* publisher, or NULL */
    char *published; /* ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or NULL */
    char *language;  /* BCP 47 tag; "en" when nothing says otherwise */
    char *url;       /* canonical URL, or NULL */
    char *encoding;  /* the encoding the text was converted from, or NULL
                        when the input was UTF-8 already */
    xc_span *boilerplate; /* page furniture, sorted, not overlapping */
    size_t nboilerplate;
    uint64_t hash;   /* XXH64 of the text: equal texts are the same document */
    int64_t store_id; /* the document's number in a store, 0 if none */
    char *authors;   /* author names separated by "; ", or NULL */
    char *modified;  /* ISO date of the last modification, or NULL */
} xc_doc;

/* A new empty document, or NULL when out of memory. Free with xc_doc_free. */
XC_API xc_doc *xc_doc_new(void);
XC_API void xc_doc_free(xc_doc *doc);

/* Nonzero if [start,end) lies inside one of the document's boilerplate spans. */
XC_API int xc_doc_in_boilerplate(const xc_doc *doc, size_t start, size_t end);

/* ------------------------------------------------------------------ */
/* Reading sources: files, directories, stdin, JSON Lines, HTML.       */

typedef enum xc_format {
    XC_FORMAT_AUTO = 0, /* decide by extension and content */
    XC_FORMAT_TEXT,     /* plain text and Markdown-ish pastes */
    XC_FORMAT_JSONL,    /* one JSON object per line: text, title, url, outlet, published */
    XC_FORMAT_HTML,     /* an HTML page (minimal extraction) */
    XC_FORMAT_FEED,     /* an RSS 2.0, RSS 1.0 or Atom feed: one document per item */
    XC_FORMAT_WARC      /* a WARC file (plain or gzip): one document per HTML response */
} xc_format;

typedef struct xc_read_opts {
    size_t max_bytes;      /* cap per file and per JSONL line; 0: XC_DEFAULT_MAX_BYTES */
    xc_format format;      /* XC_FORMAT_AUTO unless forced */
    const char *title;     /* overrides for every document read, or NULL */
    const char *outlet;
    const char *published; /* must be an ISO date when given */
    /* The web (inputs that are http:// or https:// URLs): */
    double timeout;        /* seconds for one URL, redirects included; 0: 30 */
    double delay;          /* seconds between two requests to one host;
                              0: 1 s; XC_NO_DELAY: none */
    int follow;            /* feed items: fetch each item's link and read the
                              page instead of the text the feed carries */
    const char *from_list; /* a file (or "-") naming one input per line, read
                              by xc_read_inputs after its paths, or NULL */
} xc_read_opts;

#define XC_NO_DELAY (-1.0)

#define XC_DEFAULT_MAX_BYTES ((size_t)32 * 1024 * 1024)

/*
 * Where xc_read delivers.  doc() receives each document and takes ownership
 * of it (it must free it with xc_doc_free eventually); returning nonzero stops
 * the reading.  problem() is told of every input that is rejected
 * (is_warning 0) or read with a caveat (is_warning 1, e.g. converted from
 * another encoding); it may be NULL.
 */
typedef struct xc_sink {
    int (*doc)(void *ctx, xc_doc *doc);
    void (*problem)(void *ctx, const char *source, xc_code code,
                    const char *msg, int is_warning);
    void *ctx;
} xc_sink;

/*
 * Read PATH, which is a file, a directory (read recursively, in sorted
 * order, hidden files skipped), "-" for standard input, or an http:// or
 * https:// URL (fetched politely: see opts.timeout and opts.delay).  Feeds
 * give one document per item and WARC files one per HTML response.  Each
 * document is decoded to UTF-8, its boilerplate marked and its metadata
 * read from the text where the format gives none.  Returns XC_OK when
 * every input was read, the code of the last rejection when some were
 * rejected (the rest are delivered all the same), or the code that stopped
 * the reading.  opts.from_list is not read here: see xc_read_inputs.
 */
XC_API xc_code xc_read(const char *path, const xc_read_opts *opts,
                       const xc_sink *sink);

/*
 * Read the N inputs of PATHS as xc_read does, then, when opts.from_list is
 * set, every input that file names: one path or URL a line, blank lines
 * and lines starting with # skipped.  A problem with an input from the
 * list is reported with the source "LIST:LINE: INPUT".  Connections and
 * the pause between requests to one host carry over from one input to the
 * next.  Returns as xc_read does.
 */
XC_API xc_code xc_read_inputs(size_t n, const char *const *paths,
                              const xc_read_opts *opts, const xc_sink *sink);

/*
 * Make a document from bytes in memory, as xc_read would from a file named
 * SOURCE.  On success *out holds a new document (caller frees with
 * xc_doc_free); on failure *out is NULL and err says why.  A warning (such
 * as a conversion from Latin-1) is left in err with code XC_OK and a message.
 */
XC_API xc_code xc_doc_from_bytes(const char *source, const char *bytes,
                                 size_t n, const xc_read_opts *opts,
                                 xc_doc **out, xc_error *err);

/* Nonzero if S is an ISO date the dossier accepts (YYYY, YYYY-MM, YYYY-MM-DD). */
XC_API int xc_date_valid(const char *s);

/* ------------------------------------------------------------------ */
/* Data files (models, lexicons).                                      */

/*
 * The path of data file NAME (e.g. "ner.model"): the first that exists of
 * $CROSSCHECK_DATA/NAME, the data/ folder of the source tree the program
 * runs from, and the installed share/crosscheck/NAME.  Returns a new string
 * (caller frees with free()), or NULL when no such file exists.
 */
XC_API char *xc_data_file(const char *name);

/* ------------------------------------------------------------------ */
/* Named entities: the statistical tagger (trained on CoNLL-2003).     */

typedef struct xc_tagger xc_tagger;

/*
 * Load a tagger model from PATH (NULL: the shipped data file "ner.model").
 * On success the caller frees *out with xc_tagger_free.
 */
XC_API xc_code xc_tagger_load(const char *path, xc_tagger **out, xc_error *err);
XC_API void xc_tagger_free(xc_tagger *t);

/*
 * Tag one document given as NSENT sentences of tokens: TOKENS holds every
 * token (UTF-8 strings) in order, SENT_LENS[i] the number of tokens of
 * sentence i.  Writes one IOB2 tag per token into TAGS ("O", "B-PER",
 * "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"; static
 * strings).  Earlier sentences of the document inform later ones.
 */
XC_API xc_code xc_tagger_tag_document(const xc_tagger *t,
                                      const char *const *tokens,
                                      const size_t *sent_lens, size_t nsent,
                                      const char **tags, xc_error *err);

/* ------------------------------------------------------------------ */
/* The dossier.                                                        */

typedef struct xc_dossier xc_dossier;

/* A new empty dossier, or NULL when out of memory. Free with xc_dossier_free. */
XC_API xc_dossier *xc_dossier_new(void);
XC_API void xc_dossier_free(xc_dossier *d);

/* Add a document; the dossier takes ownership of DOC, even on failure. */
XC_API xc_code xc_dossier_add(xc_dossier *d, xc_doc *doc);

/* Name the story the documents form (NULL: the program chooses a title). */
XC_API xc_code xc_dossier_set_story(xc_dossier *d, const char *title);

/*
 * ON nonzero: xc_dossier_build sorts the documents into the stories they
 * tell (crosscheck report --all) instead of taking them as one story.
 * Near-copies are found either way.
 */
XC_API xc_code xc_dossier_set_clustering(xc_dossier *d, int on);

/* Run the analysis and fill every part of the dossier. */
XC_API xc_code xc_dossier_build(xc_dossier *d, xc_error *err);

/*
 * Run only the per-document stages (tokens, sentences, entities within each
 * document, quotations, times, quantities): what xc_dossier_write_analysis
 * writes.  xc_dossier_build does this first.
 */
XC_API xc_code xc_dossier_analyze(xc_dossier *d, xc_error *err);

/* Totals of an analysed dossier. */
typedef struct xc_counts {
    size_t documents, tokens, sentences, entities, quotes, times, quantities;
} xc_counts;

/* Add the totals of D (analysed) to *C. */
XC_API void xc_dossier_count(const xc_dossier *d, xc_counts *c);

/*
 * Write the per-document analysis as JSON Lines: one object per document
 * with its id ("d<FIRST+1>", "d<FIRST+2>", ...), source, and its entities,
 * quotes, times and quantities in the dossier's shapes.
 */
XC_API xc_code xc_dossier_write_analysis(const xc_dossier *d, FILE *out,
                                         size_t first, xc_error *err);

/* Number of documents in the dossier. */
XC_API size_t xc_dossier_ndocs(const xc_dossier *d);

enum {
    XC_RENDER_WITH_TEXT = 1, /* embed documents[].text in JSON */
    XC_RENDER_DEBUG = 2      /* explain: entities[].why, the reason for each
                                merge of spellings across documents */
};

/* Write the dossier as JSON (the spec's format), one object and a newline. */
XC_API xc_code xc_dossier_write_json(const xc_dossier *d, FILE *out, int flags,
                                     xc_error *err);

/* Write the dossier as Markdown for people. */
XC_API xc_code xc_dossier_write_markdown(const xc_dossier *d, FILE *out,
                                         int flags, xc_error *err);

/*
 * Write the dossier for people as one self-contained HTML5 file: inline
 * style, no script, nothing fetched, every document text escaped, print
 * styles.  The content and order of the Markdown dossier.
 */
XC_API xc_code xc_dossier_write_html(const xc_dossier *d, FILE *out, int flags,
                                     xc_error *err);

/*
 * Explain story entity WHO of a built dossier: WHO is its id ("e3") or any
 * of its spellings (case and accents ignored).  Writes its name, type,
 * every spelling with where it was seen (document and byte offsets), its
 * roles, every reason it was merged, and the names of the story that were
 * not merged with it though alike; as JSON (one object and a newline) when
 * JSON is nonzero.  Fails with XC_ERR_NOT_FOUND (err says which names are
 * closest) when no entity has that name.
 */
XC_API xc_code xc_dossier_explain(const xc_dossier *d, const char *who, int json,
                                  FILE *out, xc_error *err);

/* ------------------------------------------------------------------ */
/* The document store (SQLite).                                        */

typedef struct xc_store xc_store;

enum {
    XC_STORE_READONLY = 1, /* open an existing database for reading only */
    XC_STORE_NOCREATE = 2, /* fail with XC_ERR_NOT_FOUND if it does not exist */
    XC_STORE_BULK = 4      /* many batches to come: copy the log into the
                              database in a thread of its own (see
                              src/store/checkpoint.c), not in the commits,
                              and commit without waiting for the disk (a
                              power cut may lose the last commits; closing
                              syncs); one thread at a time may use it */
};

/*
 * Open or create the database at PATH, migrating its schema when it is
 * older.  On success *out holds a handle the caller closes with
 * xc_store_close.  Fails with XC_ERR_NOT_DB for a file that is not a
 * crosscheck database, XC_ERR_SCHEMA for one written by a newer version,
 * XC_ERR_DB_BUSY when another writer holds it past the busy timeout.
 */
XC_API xc_code xc_store_open(const char *path, int flags, xc_store **out,
                             xc_error *err);
XC_API void xc_store_close(xc_store *st);

/* Transactions: add many documents in one, so a crash loses only the batch
   being written and never leaves half a document. */
XC_API xc_code xc_store_begin(xc_store *st, xc_error *err);
XC_API xc_code xc_store_commit(xc_store *st, xc_error *err);
XC_API xc_code xc_store_rollback(xc_store *st);

/*
 * Store DOC unless a document with the same text is stored already.
 * *added is 1 when it was stored, 0 when it was there; *id is its number
 * either way.  DOC stays the caller's.
 */
XC_API xc_code xc_store_add(xc_store *st, const xc_doc *doc, int64_t *id,
                            int *added, xc_error *err);

/*
 * Whether a document with DOC's text is stored: *id is its number, or 0
 * when there is none.  Reads only (a read-only handle will do) and sees
 * committed documents, so it may run in another thread on a handle of its
 * own while a writer adds: the cheap check before the costly analysis.
 */
XC_API xc_code xc_store_has_text(xc_store *st, const xc_doc *doc, int64_t *id,
                                 xc_error *err);

/* A stored document's summary, valid only during the callback. */
typedef struct xc_doc_info {
    int64_t id;
    const char *source, *title, *outlet, *published, *added;
    size_t bytes;
    int64_t story;
} xc_doc_info;

typedef int (*xc_doc_info_cb)(void *ctx, const xc_doc_info *info);

/* Call CB for every stored document, oldest first; nonzero stops. */
XC_API xc_code xc_store_list(xc_store *st, xc_doc_info_cb cb, void *ctx,
                             xc_error *err);

/* Load document ID with its text and boilerplate. Caller frees *out. */
XC_API xc_code xc_store_get(xc_store *st, int64_t id, xc_doc **out,
                            xc_error *err);

/* Number of stored documents. */
XC_API xc_code xc_store_count(xc_store *st, int64_t *n, xc_error *err);

/*
 * Delete document ID with everything that hangs on it (boilerplate,
 * annotations, its full-text index entry), and its story when no other
 * document is left in it.  Fails with XC_ERR_NOT_FOUND when there is no
 * such document, XC_ERR_READONLY on a read-only handle.
 */
XC_API xc_code xc_store_delete(xc_store *st, int64_t id, xc_error *err);

/* One search hit, valid only during the callback. */
typedef struct xc_hit {
    int64_t id;
    const char *title, *outlet, *source;
    const char *snippet; /* with matches between "[" and "]" */
    double score;        /* BM25: lower is better, as SQLite reports it */
} xc_hit;

typedef int (*xc_hit_cb)(void *ctx, const xc_hit *hit);

/*
 * Full-text search with FTS5 and BM25 ranking, best first, at most LIMIT
 * hits.  QUERY is taken as words to find (all of them), not as FTS5 syntax,
 * so no input can make it a syntax error.
 */
XC_API xc_code xc_store_search(xc_store *st, const char *query, size_t limit,
                               xc_hit_cb cb, void *ctx, xc_error *err);

/* A story's summary, valid only during the callback. */
typedef struct xc_story_info {
    int64_t id;
    const char *title;
    size_t ndocs;
    const char *outlets;     /* its documents' outlets, "; " between, or NULL */
    const char *first, *last; /* the date range of its documents (their
                                publication dates, else the dates their texts
                                name), ISO; NULL when none is known */
    size_t ncopies;          /* documents that are near-copies of another */
} xc_story_info;

typedef int (*xc_story_cb)(void *ctx, const xc_story_info *info);

/* Call CB for every story, by number. */
XC_API xc_code xc_store_stories(xc_store *st, xc_story_cb cb, void *ctx,
                                xc_error *err);

/*
 * Story features of one document: what near-duplicate detection (MinHash
 * over word shingles) and story clustering (content words, merged entity
 * names, date) compare.  Computing them runs the per-document analysis and
 * is the costly part; it is thread-safe, so worker threads compute while
 * one thread stores.  Free with xc_features_free.
 */
typedef struct xc_features xc_features;
XC_API xc_code xc_features_compute(const xc_doc *doc, xc_features **out,
                                   xc_error *err);
XC_API void xc_features_free(xc_features *f);

/*
 * Store DOC as xc_store_add does and, when it is new, record its features
 * (F; NULL: computed here), find its near-copies and assign it to a story
 * (joining the best existing one or starting one).  *story receives the
 * document's story number (may be NULL).  Deterministic for the same
 * documents in the same order.
 */
XC_API xc_code xc_store_add_analyzed(xc_store *st, const xc_doc *doc,
                                     const xc_features *f, int64_t *id,
                                     int *added, int64_t *story, xc_error *err);

/* A near-copy, valid only during the callback: document DOC is a near-copy
   of the earlier document COPY_OF (syndicated wire copy, the same article
   on two sites, an updated version), with the estimated resemblance of
   their word 5-shingles. */
typedef struct xc_copy_info {
    int64_t doc, copy_of;
    double resemblance;
    const char *title, *outlet;             /* of DOC */
    const char *copy_of_title, *copy_of_outlet;
} xc_copy_info;

typedef int (*xc_copy_cb)(void *ctx, const xc_copy_info *info);

/* Call CB for every near-copy link, by document then original; nonzero stops. */
XC_API xc_code xc_store_copies(xc_store *st, xc_copy_cb cb, void *ctx,
                               xc_error *err);

/*
 * Load the documents of story STORY (0: every stored document) into the
 * dossier D, in the order they were added.
 */
XC_API xc_code xc_store_load_story(xc_store *st, int64_t story, xc_dossier *d,
                                   xc_error *err);

#ifdef __cplusplus
}
#endif
#endif
