/*
 * serve.c: `crosscheck serve`, the local web server (src/serve/): options,
 * the address, the token, and waiting for Ctrl-C or SIGTERM to stop it
 * cleanly.  The API it serves is described in docs/api.md.
 */
#include "cli/cli.h"
#include "serve/serve.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* A whole number from 1 (0 when ZERO_OK) to MAX in *out; 0 on success. */
static int parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
    char *end;
    unsigned long v;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || v < min || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* Split ADDR:PORT ("127.0.0.1:8080", "[::1]:8080", "localhost:8080") into
   HOST (a numeric address, in BUF) and *port.  0 on success. */
static int parse_listen(const char *s, char *buf, size_t size, unsigned *port)
{
    const char *colon, *host = s;
    size_t n;
    if (s[0] == '[') {
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':')
            return -1;
        host = s + 1;
        n = (size_t)(close - host);
        colon = close + 1;
    } else {
        if (!(colon = strrchr(s, ':')) || memchr(s, ':', (size_t)(colon - s)))
            return -1;
        n = (size_t)(colon - s);
    }
    if (n == 0 || n >= size)
        return -1;
    memcpy(buf, host, n);
    buf[n] = '\0';
    if (strcmp(buf, "localhost") == 0)
        snprintf(buf, size, "127.0.0.1");
    return parse_uint(colon + 1, 0, 65535, port);
}

/* A token is one run of visible ASCII (what an HTTP header can carry). */
static int token_valid(const char *t)
{
    if (!*t)
        return 0;
    for (; *t; t++)
        if (*t <= ' ' || *t > '~')
            return 0;
    return 1;
}

static void log_line(void *ctx, const char *msg)
{
    (void)ctx;
    say("serve", "%s", msg);
}

int xc_cli_serve(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"token", required_argument, NULL, 't'},
        {"max-body", required_argument, NULL, 'b'},
        {"max-connections", required_argument, NULL, 'c'},
        {"timeout", required_argument, NULL, 'T'},
        {"threads", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    xc_serve_opts o;
    const char *listen = "127.0.0.1:8080", *env;
    char host[64];
    xc_server *sv;
    xc_error err;
    sigset_t stop;
    int opt, sig;

    memset(&o, 0, sizeof o);
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd':
            o.db = optarg;
            break;
        case 'l':
            listen = optarg;
            break;
        case 't':
            o.token = optarg;
            break;
        case 'b':
            if (parse_size(optarg, &o.max_body) != 0)
                return usage_error("serve", "--max-body %s: give a size such as 32M", optarg);
            break;
        case 'c':
            if (parse_uint(optarg, 1, 100000, &o.max_connections) != 0)
                return usage_error("serve", "--max-connections %s: give a number from 1 to 100000", optarg);
            break;
        case 'T':
            if (parse_uint(optarg, 1, 86400, &o.timeout) != 0)
                return usage_error("serve", "--timeout %s: give seconds from 1 to 86400", optarg);
            break;
        case 'j':
            if (parse_uint(optarg, 1, 256, &o.threads) != 0)
                return usage_error("serve", "--threads %s: give a number from 1 to 256", optarg);
            break;
        case 'h':
            return print_help("serve");
        default:
            return bad_option("serve", argv);
        }
    }
    if (optind < argc)
        return usage_error("serve", "unexpected argument: %s", argv[optind]);
    if (parse_listen(listen, host, sizeof host, &o.port) != 0)
        return usage_error("serve", "--listen %s: give ADDRESS:PORT, such as 127.0.0.1:8080 or [::1]:8080", listen);
    if (!o.token && (env = getenv("CROSSCHECK_TOKEN")) && *env)
        o.token = env;
    if (o.token && !token_valid(o.token))
        return usage_error("serve", "the token must be visible ASCII characters without spaces");
    if (!xc_serve_is_loopback(host) && !o.token)
        return usage_error("serve", "listening on %s lets other machines in: give a token with --token or CROSSCHECK_TOKEN (clients send it as 'Authorization: Bearer TOKEN')", listen);
    o.host = host;
    o.db = db_path(o.db);
    o.log = log_line;

    /* the threads inherit this mask, so only sigwait below sees the signals */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    memset(&err, 0, sizeof err);
    if (xc_serve_start(&o, &sv, &err) != XC_OK) {
        say("serve", "%s: %s", err.code == XC_ERR_IO || err.code == XC_ERR_ARG ? listen : o.db, err.msg);
        return err.code == XC_ERR_ARG ? EXIT_USAGE : EXIT_REJECTED;
    }
    if (strchr(host, ':'))
        say(NULL, "serving on http://[%s]:%u/", host, xc_serve_port(sv));
    else
        say(NULL, "serving on http://%s:%u/", host, xc_serve_port(sv));
    while (sigwait(&stop, &sig) != 0)
        ;
    say(NULL, "stopping");
    xc_serve_stop(sv);
    return 0;
}
