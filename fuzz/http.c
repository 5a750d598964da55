/* Fuzz target: HTTP request handling.  One server (libmicrohttpd, the
   routes, the API, the store) runs on a loopback port for the whole run;
   each input is sent as the raw bytes of a request on a new connection,
   the write side closed, and the answer read to the end. */
#include "fuzz.h"
#include "serve/serve.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static xc_server *server;
static unsigned port;
static char dir[] = "/tmp/crosscheck-fuzz-http-XXXXXX";
static char db[64];

/* Stop the server and remove its database. */
static void stop(void)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    char path[96];
    xc_serve_stop(server);
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", db, suffix[i]);
        unlink(path);
    }
    rmdir(dir);
}

static int start(void)
{
    xc_serve_opts o = {0};
    xc_error err;
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/fuzz.db", dir);
    o.db = db;
    o.host = "127.0.0.1";
    o.port = 0;
    o.max_body = 64 * 1024;
    o.timeout = 1;
    o.threads = 2;
    if (xc_serve_start(&o, &server, &err) != XC_OK) {
        fprintf(stderr, "fuzz http: cannot start the server: %s\n", err.msg);
        return -1;
    }
    port = xc_serve_port(server);
    atexit(stop);
    return 0;
}

/* Read one answer: to the end of its Content-Length or its last chunk, or
   until the server closes (it answers one request per connection here, as
   the input's write side is closed). */
static void read_answer(int fd, char *buf, size_t cap)
{
    size_t have = 0;
    ssize_t r;
    while (have < cap - 1 && (r = recv(fd, buf + have, cap - 1 - have, 0)) > 0) {
        const char *end, *cl;
        have += (size_t)r;
        buf[have] = 0;
        if (!(end = strstr(buf, "\r\n\r\n")))
            continue;
        end += 4;
        if ((cl = strcasestr(buf, "\r\ncontent-length:")) && cl < end) {
            if (have - (size_t)(end - buf) >= strtoul(cl + 17, NULL, 10))
                return;
        } else if (strcasestr(buf, "\r\ntransfer-encoding: chunked") && strstr(end, "0\r\n\r\n")) {
            return;
        }
    }
    /* a long answer: keep reading to the end without keeping it */
    while (have >= cap - 1 && recv(fd, buf, cap, 0) > 0)
        ;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sockaddr_in a = {0};
    /* an incomplete request is never answered (the server waits for the
       rest until its time limit): a short wait, or most mutated requests
       (a Content-Length longer than the body) would cost this much each;
       an answer slower than this is dropped, not missed: its work is done
       all the same */
    struct timeval tv = {0, 50000};
    char buf[16384];
    int fd;
    if (!server && start() != 0)
        abort();
    if (size > 128 * 1024)
        size = 128 * 1024;
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
        return 0;
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
        size_t off = 0;
        while (off < size) {
            ssize_t w = send(fd, data + off, size - off, MSG_NOSIGNAL);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        shutdown(fd, SHUT_WR);
        read_answer(fd, buf, sizeof buf);
    }
    close(fd);
    return 0;
}
