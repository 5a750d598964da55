/* Fuzz target: HTTP request handling through libmicrohttpd.  One server
   (libmicrohttpd, the routes, the API, the store) runs for the whole run;
   each input is sent as the raw bytes of a request on a new connection,
   the write side closed, and the answer read to the end.

   The server runs polled (xc_serve_opts.polled): no threads of its own,
   this thread runs libmicrohttpd (MHD_run) between its reads and writes.
   The connection is one end of a socket pair handed to libmicrohttpd
   (MHD_add_connection); the same parser, limits, callbacks and answers as
   a TCP connection, without waiting on the clock.  When the request has
   been handled is known, not guessed: every byte sent has been read by the
   server (SIOCOUTQ of a Unix socket counts the bytes the other end has not
   read), and a few rounds of MHD_run write nothing more; or the server has
   closed the connection.  Then the connection is closed and MHD_run runs
   until the server has let it go, so that every input meets a server with
   no connection left over from the one before.  (A request that never
   ends, a Content-Length longer than its body, cost 50 ms of waiting
   each when this target used a socket timeout instead.)

   The server starts with the small corpus of fuzz/servedb.h, sent once as
   a request like any other.  Documents added by inputs stay for the
   inputs after them, so that a dossier or a search meets documents the
   fuzzer wrote and reconciles them with each other, as this target always
   did; but only up to KEEP_DOCS of them: then (or when fewer documents
   than the corpus's are left) the database is put back as it was made.  Left to
   grow, a long run stored hundreds of thousands of documents, and every
   dossier and search got slower with each one. */
#include "fuzz.h"
#include "servedb.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/sockios.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Rounds of MHD_run without any progress after which the server is taken
   to be waiting for bytes that will never come.  One round reads, runs
   the request's callbacks and starts writing; the answer is done by the
   next; the rest is margin. */
#define IDLE_ROUNDS 4

/* Documents added by earlier inputs that later ones meet, at most (see
   above).  More reach no further in a short run and cost more per
   dossier. */
#define KEEP_DOCS 32

static xc_server *server;
static fuzz_db fdb;

/* Stop the server and remove its database. */
static void stop(void)
{
    xc_serve_stop(server);
    server = NULL;
    fuzz_db_remove(&fdb);
}

static xc_server *start_server(void)
{
    xc_serve_opts o = {0};
    xc_server *sv;
    xc_error err;
    o.db = fdb.db;
    o.host = "127.0.0.1";
    o.port = 0;
    o.max_body = 64 * 1024;
    o.timeout = 1;
    o.polled = 1;
    if (xc_serve_start(&o, &sv, &err) != XC_OK) {
        fprintf(stderr, "fuzz http: cannot start the server: %s\n", err.msg);
        abort();
    }
    return sv;
}

static void exchange(const uint8_t *data, size_t size);

/* The server over a database with the corpus in it, and its copy. */
static void start(void)
{
    char head[160];
    uint8_t *req;
    int n = snprintf(head, sizeof head,
                     "POST /api/documents HTTP/1.1\r\nHost: x\r\n"
                     "Content-Type: application/x-ndjson\r\n"
                     "Content-Length: %zu\r\n\r\n",
                     sizeof fuzz_corpus - 1);
    if (n < 0 || !(req = malloc((size_t)n + sizeof fuzz_corpus)))
        abort();
    memcpy(req, head, (size_t)n);
    memcpy(req + n, fuzz_corpus, sizeof fuzz_corpus);
    fuzz_db_init(&fdb, "http");
    server = start_server();
    exchange(req, (size_t)n + sizeof fuzz_corpus - 1);
    free(req);
    xc_serve_stop(server); /* its write-ahead log into the file */
    fuzz_db_keep(&fdb);
    server = start_server();
    fuzz_db_opened(&fdb, server);
    if (fdb.base_count != 3) {
        fprintf(stderr, "fuzz http: the corpus was not stored (%lld documents)\n",
                (long long)fdb.base_count);
        abort();
    }
    atexit(stop);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Read what the server has written on FD and drop it: 1 when something
   came, 0 when nothing, -1 when the server has closed its end. */
static int drain(int fd)
{
    char buf[16384];
    int got = 0;
    for (;;) {
        ssize_t r = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (r > 0)
            got = 1;
        else if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            return -1;
        else
            return got;
    }
}

/* Send DATA[0..SIZE) on a new connection, read the answers, close, and
   run the server until it has let the connection go. */
static void exchange(const uint8_t *data, size_t size)
{
    struct sockaddr_in a = {0};
    int fds[2], idle = 0, outq = -1;
    size_t off = 0;
    double give_up;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0)
        return;
    /* the address the server sees: a client on loopback */
    a.sin_family = AF_INET;
    a.sin_port = htons(40000);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (MHD_add_connection(server->mhd, fds[1], (struct sockaddr *)&a, sizeof a) != MHD_YES) {
        close(fds[0]); /* libmicrohttpd has closed fds[1] */
        return;
    }
    if (size == 0)
        shutdown(fds[0], SHUT_WR);
    /* the server's own time limit (1 s) ends any request well before */
    give_up = now() + 5;
    while (idle < IDLE_ROUNDS && now() < give_up) {
        int progress = 0, q = 0, got;
        if (off < size) {
            ssize_t w = send(fds[0], data + off, size - off, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (w > 0)
                off += (size_t)w, progress = 1;
            else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                off = size; /* the server has closed: the rest is never read */
            if (off == size)
                shutdown(fds[0], SHUT_WR);
        }
        MHD_run(server->mhd);
        if ((got = drain(fds[0])) < 0)
            break;
        if (ioctl(fds[0], SIOCOUTQ, &q) != 0)
            q = 0;
        if (got || q != outq)
            progress = 1;
        outq = q;
        idle = progress ? 0 : idle + 1;
    }
    close(fds[0]);
    /* the server sees the connection closed and lets it go */
    give_up = now() + 3;
    while (atomic_load(&server->conns) > 0 && now() < give_up)
        MHD_run(server->mhd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t gen;
    if (!server)
        start();
    if (size > 128 * 1024)
        size = 128 * 1024;
    gen = server->gen;
    exchange(data, size);
    if (server->gen != gen && (server->ndocs_seen >= fdb.base_count + KEEP_DOCS ||
                               server->ndocs_seen < fdb.base_count))
        fuzz_db_restore(&fdb, server);
    return 0;
}
