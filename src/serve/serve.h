/*
 * serve.h: the inside of `crosscheck serve`, the local HTTP server that
 * gives the web page (and any other client) the stored corpus as a JSON API
 * (docs/api.md).  It sits at the end of the pipeline, beside the CLI: it
 * reads and writes the store and builds dossiers only through the public
 * API (include/crosscheck.h).
 *
 *   server.c  the daemon (libmicrohttpd): listening, limits, tokens,
 *             headers, routing, request bodies, the built-in page
 *   api.c     the endpoints: what each answers, as JSON
 *   state.c   what the endpoints share between threads: store handles,
 *             the catalog of stored documents and the dossier cache, both
 *             kept until the documents change
 *
 * Internal; prefix xc_serve_.  The CLI (src/cli/serve.c) starts and stops a
 * server and waits for the signal in between.
 */
#ifndef XC_SERVE_H
#define XC_SERVE_H

#include "crosscheck.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* Defaults of the limits (docs/api.md, man crosscheck). */
#define XC_SERVE_PORT 8080
#define XC_SERVE_MAX_BODY ((size_t)32 * 1024 * 1024)
#define XC_SERVE_MAX_CONNECTIONS 64u
#define XC_SERVE_TIMEOUT 30u
/* Bytes of built dossiers kept in memory. */
#define XC_SERVE_CACHE_BYTES ((size_t)256 * 1024 * 1024)
/* Documents a search for stories looks through (the best ones). */
#define XC_SERVE_STORY_HITS 1000
/* Search answers remembered (until the documents change). */
#define XC_SERVE_MEMO 512
#define XC_SERVE_MEMO_MAX ((size_t)256 * 1024) /* bytes of one answer */
/* Documents a list answers by default and at most. */
#define XC_SERVE_LIST_DEFAULT 100
#define XC_SERVE_LIST_MAX 1000

typedef struct xc_serve_opts {
    const char *db;           /* the database (created when missing) */
    const char *host;         /* numeric address to listen on */
    unsigned port;            /* 0: any free port (see xc_serve_port) */
    const char *token;        /* bearer token every /api request needs, or NULL */
    size_t max_body;          /* largest request body in bytes; 0: default */
    unsigned max_connections; /* served at once; 0: default */
    unsigned timeout;         /* seconds a connection may idle and a request
                                 may take; 0: default */
    unsigned threads;         /* request threads; 0: one per core */
    int polled;               /* 1: no threads at all: the caller runs the
                                 daemon (MHD_run on the server's mhd) from
                                 its own thread, as fuzz/http.c does, so it
                                 knows when a request has been handled;
                                 THREADS is ignored */
    /* told of failures worth a person's attention (may be NULL) */
    void (*log)(void *ctx, const char *msg);
    void *log_ctx;
} xc_serve_opts;

typedef struct xc_server xc_server;

/*
 * Open the database, listen, and serve from threads of its own (none with
 * O->polled) until xc_serve_stop.  Fails with XC_ERR_ARG (an address that is not numeric, a
 * non-loopback address without a token), XC_ERR_IO (the address cannot be
 * bound: in use, not ours) or the store's code.  The caller blocks SIGINT
 * and SIGTERM first if it wants to wait for them.
 */
xc_code xc_serve_start(const xc_serve_opts *o, xc_server **out, xc_error *err);

/* The port listened on (the one chosen when 0 was asked for). */
unsigned xc_serve_port(const xc_server *sv);

/* Stop serving: refuse new work, finish what runs, free everything.
   Accepts NULL. */
void xc_serve_stop(xc_server *sv);

/* Nonzero when HOST (numeric) is a loopback address: 127.0.0.0/8 or ::1. */
int xc_serve_is_loopback(const char *host);

/* What xc_serve_start does before it listens: check O, open the database
   and the shared state.  The server answers through xc_serve_begin and
   xc_serve_finish only (the fuzz target fuzz/api.c drives it so, without
   sockets or threads); free it with xc_serve_close.  Fails as
   xc_serve_start does. */
xc_code xc_serve_open(const xc_serve_opts *o, xc_server **out, xc_error *err);

/* Free a server made by xc_serve_open.  Accepts NULL. */
void xc_serve_close(xc_server *sv);

/* ---- between the files ------------------------------------------------ */

/* Bytes shared between the cache and responses in flight. */
typedef struct xc_serve_blob {
    atomic_size_t refs;
    char *data;
    size_t len;
    char *gz; /* the same gzip-compressed, or NULL */
    size_t gzlen;
} xc_serve_blob;

void xc_serve_blob_unref(void *blob); /* an MHD free callback; accepts NULL */

/* What one request is answered with. */
typedef struct xc_serve_reply {
    unsigned status;
    const char *type;    /* Content-Type; NULL: JSON */
    char *body;          /* malloc'd (freed with the response), or NULL */
    const void *fixed;   /* instead of BODY: static bytes (the page) */
    size_t len;
    xc_serve_blob *blob; /* instead of BODY: one reference, handed over */
    int gzip;            /* send BLOB's gzip bytes */
    const char *allow;   /* the Allow header of a 405 */
    int retry_after;     /* seconds, for a 503 */
} xc_serve_reply;

/* A request as the endpoints see it. */
typedef struct xc_serve_req {
    const char *method, *path;
    const char *(*arg)(void *conn, const char *name); /* query parameter */
    void *conn;
    const char *type;  /* Content-Type of the body, or NULL */
    int gzip;          /* the client takes gzip (Accept-Encoding) */
    const char *body;  /* the whole body */
    size_t len;
    double deadline;   /* monotonic seconds by which to answer */
} xc_serve_req;

/* A request as server.c reads it from libmicrohttpd (or a test makes
   it): everything but the body, which arrives in pieces. */
typedef struct xc_serve_http {
    const char *method;
    const char *url; /* the path, percent-decoded, without the query */
    const char *(*header)(void *conn, const char *name); /* any case; NULL:
                                                             absent */
    const char *(*arg)(void *conn, const char *name);    /* query parameter */
    void *conn;
    int over_limit; /* accepted past the connection limit */
} xc_serve_http;

/* One request's body, from its headers to its end.  Zero it first. */
typedef struct xc_serve_body {
    double start;
    char *body;
    size_t len, cap;
    int keep;    /* the body is read (POST /api/documents); others are
                    only counted against the limit */
    int too_big; /* 1: over the limit, 2: out of memory */
} xc_serve_body;

/*
 * How one request is answered, in three steps: xc_serve_begin when its
 * headers have arrived, xc_serve_take for each piece of its body, and
 * xc_serve_finish at its end; then xc_serve_headers for the headers of the
 * answer.  xc_serve_begin returns 1 with R filled when the request is
 * answered before its body (a connection over the limit, an upload that
 * cannot be taken); the connection is then closed.  B->body is freed by
 * xc_serve_finish, or by the caller (free) when the request ends early.
 */
int xc_serve_begin(xc_server *sv, const xc_serve_http *h, xc_serve_body *b,
                   xc_serve_reply *r);
void xc_serve_take(xc_server *sv, xc_serve_body *b, const char *data,
                   size_t n);
void xc_serve_finish(xc_server *sv, const xc_serve_http *h, xc_serve_body *b,
                     xc_serve_reply *r);
/* Call ADD(CTX, NAME, VALUE) for each header of the answer R to a request
   for URL; stops at the first ADD that returns nonzero and returns it. */
int xc_serve_headers(const char *url, const xc_serve_reply *r,
                     int (*add)(void *ctx, const char *name, const char *value),
                     void *ctx);

/* One stored document in the catalog. */
typedef struct xc_serve_doc {
    int64_t id, story;
    size_t bytes;
    char *title, *outlet, *published, *source;
} xc_serve_doc;

/* One story with what the list of stories shows. */
typedef struct xc_serve_story {
    int64_t id;
    char *title;
    size_t ndocs;
    const char *first, *last; /* into the catalog's documents */
    size_t outlet0, noutlets; /* its outlets: the catalog's outlets[outlet0..] */
} xc_serve_story;

/* A snapshot of what is stored, shared read-only until it is outdated. */
typedef struct xc_serve_catalog {
    atomic_size_t refs;
    uint64_t gen;
    xc_serve_doc *docs; /* by id */
    size_t ndocs;
    xc_serve_story *stories; /* by id */
    size_t nstories;
    const char **outlets; /* each story's distinct outlets, sorted */
} xc_serve_catalog;

typedef struct xc_serve_entry xc_serve_entry; /* state.c */

struct xc_server {
    xc_serve_opts o;
    char *db, *token;
    struct MHD_Daemon *mhd;
    unsigned port;
    atomic_uint conns;     /* connections open */
    atomic_int stopping;

    pthread_mutex_t lock;  /* guards what follows */
    pthread_cond_t changed;
    uint64_t gen;          /* bumped whenever the documents change */
    int64_t ndocs_seen;    /* the count that gen reflects */
    xc_store **pool;       /* idle read-only handles */
    size_t npool, poolcap;
    xc_serve_catalog *catalog;
    xc_serve_entry *cache;
    size_t cache_bytes;
    unsigned building;
    uint64_t tick;
    struct xc_serve_memo {
        char *key;
        uint64_t gen;
        xc_serve_blob *blob;
    } memo[XC_SERVE_MEMO];

    pthread_mutex_t catalog_lock; /* one catalog is read at a time */
    pthread_mutex_t write_lock;   /* guards WRITER */
    xc_store *writer;
};

/* state.c */
xc_code xc_serve_state_init(xc_server *sv, xc_error *err);
void xc_serve_state_free(xc_server *sv);
xc_store *xc_serve_store_get(xc_server *sv, xc_error *err);
void xc_serve_store_put(xc_server *sv, xc_store *st);
/* The documents changed (ST: a handle that sees the change). */
void xc_serve_changed(xc_server *sv, xc_store *st);
/* The current generation, after checking that no other program changed
   the count of documents. */
xc_code xc_serve_gen(xc_server *sv, uint64_t *gen, xc_error *err);
xc_code xc_serve_catalog_get(xc_server *sv, xc_serve_catalog **out,
                             xc_error *err);
void xc_serve_catalog_unref(xc_serve_catalog *c);
const xc_serve_doc *xc_serve_catalog_doc(const xc_serve_catalog *c, int64_t id);
const xc_serve_story *xc_serve_catalog_story(const xc_serve_catalog *c,
                                             int64_t id);
/* The dossier JSON of STORY as of generation GEN in *out (one reference),
   building it when needed; XC_ERR_DB_BUSY when it is not ready by
   DEADLINE. */
xc_code xc_serve_dossier(xc_server *sv, int64_t story, uint64_t gen,
                         double deadline, xc_serve_blob **out, xc_error *err);
double xc_serve_now(void);
/* A remembered answer for KEY as of generation GEN (one reference), or
   NULL. */
xc_serve_blob *xc_serve_memo_get(xc_server *sv, const char *key, uint64_t gen);
/* Remember BLOB (the memo takes a reference of its own) for KEY at GEN. */
void xc_serve_memo_put(xc_server *sv, const char *key, uint64_t gen,
                       xc_serve_blob *blob);

/* Fill ERR (may be NULL) with CODE and a message; returns CODE. */
xc_code xc_serve_fail(xc_error *err, xc_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* api.c */
void xc_serve_api(xc_server *sv, const xc_serve_req *rq, xc_serve_reply *r);
/* Fill R with {"error": MSG} and STATUS. */
void xc_serve_error(xc_serve_reply *r, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The HTTP status for a failure with CODE. */
unsigned xc_serve_status(xc_code code);
/* How a body of Content-Type CT is read: XC_FORMAT_TEXT, _HTML, _JSONL,
   or XC_FORMAT_AUTO for one JSON object; -1 for a type not taken. */
int xc_serve_body_type(const char *ct);
/* Length of the valid UTF-8 prefix of S[0..N). */
size_t xc_serve_utf8_prefix(const char *s, size_t n);

#endif
