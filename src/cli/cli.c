/*
 * cli.c: messages and option handling shared by the crosscheck commands.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- messages -------------------------------------------------------------- */

__attribute__((format(printf, 2, 3)))
void say(const char *what, const char *fmt, ...)
{
    va_list ap;
    fputs("crosscheck: ", stderr);
    if (what)
        fprintf(stderr, "%s: ", what);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

__attribute__((format(printf, 2, 3)))
int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("crosscheck: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'crosscheck help%s%s' for more.\n", cmd ? " " : "",
            cmd ? cmd : "");
    return EXIT_USAGE;
}

/* getopt returned '?': name the option that was unknown or lacked its value. */
int bad_option(const char *cmd, char **argv)
{
    return usage_error(cmd, "%s: unknown option, or it needs a value", argv[optind - 1]);
}

/* ---- shared option handling ---------------------------------------------- */

const char *db_path(const char *given)
{
    const char *env = getenv("CROSSCHECK_DB");
    if (given)
        return given;
    return env && *env ? env : "crosscheck.db";
}

int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-')
        return -1;
    if (*end == 'k' || *end == 'K')
        v *= 1024ULL, end++;
    else if (*end == 'm' || *end == 'M')
        v *= 1024ULL * 1024ULL, end++;
    else if (*end == 'g' || *end == 'G')
        v *= 1024ULL * 1024ULL * 1024ULL, end++;
    if (*end || v == 0 || v > (unsigned long long)UINT32_MAX)
        return -1;
    *out = (size_t)v;
    return 0;
}

static int parse_format(const char *s, xc_format *out)
{
    if (strcmp(s, "auto") == 0)
        *out = XC_FORMAT_AUTO;
    else if (strcmp(s, "text") == 0)
        *out = XC_FORMAT_TEXT;
    else if (strcmp(s, "jsonl") == 0)
        *out = XC_FORMAT_JSONL;
    else if (strcmp(s, "html") == 0)
        *out = XC_FORMAT_HTML;
    else if (strcmp(s, "feed") == 0)
        *out = XC_FORMAT_FEED;
    else if (strcmp(s, "warc") == 0)
        *out = XC_FORMAT_WARC;
    else
        return -1;
    return 0;
}

/* Seconds: a number from 0 to a day, fractions allowed. 0 on success. */
static int parse_seconds(const char *s, double *out)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0 && v <= 86400))
        return -1;
    *out = v;
    return 0;
}

/* Options that every command reading inputs shares. Returns 0 when OPT was
   one of them, 1 when it is not, EXIT_USAGE on a bad value. */
int read_option(const char *cmd, int opt, xc_read_opts *ro)
{
    switch (opt) {
    case 'P':
        if (!xc_date_valid(optarg))
            return usage_error(cmd, "--published %s: give a date as YYYY-MM-DD, YYYY-MM or YYYY", optarg);
        ro->published = optarg;
        return 0;
    case 'O':
        if (!*optarg)
            return usage_error(cmd, "--outlet needs a name");
        ro->outlet = optarg;
        return 0;
    case 'F':
        if (parse_format(optarg, &ro->format) != 0)
            return usage_error(cmd, "--format %s: use auto, text, jsonl, html, feed or warc", optarg);
        return 0;
    case 'M':
        if (parse_size(optarg, &ro->max_bytes) != 0)
            return usage_error(cmd, "--max-bytes %s: give a size such as 32M (at most 4G)", optarg);
        return 0;
    case OPT_FROM_LIST:
        ro->from_list = optarg;
        return 0;
    case OPT_FOLLOW:
        ro->follow = 1;
        return 0;
    case OPT_TIMEOUT:
        if (parse_seconds(optarg, &ro->timeout) != 0 || ro->timeout == 0)
            return usage_error(cmd, "--timeout %s: give seconds, such as 30 or 0.5", optarg);
        return 0;
    case OPT_DELAY:
        if (parse_seconds(optarg, &ro->delay) != 0)
            return usage_error(cmd, "--delay %s: give seconds, such as 1 or 0", optarg);
        if (ro->delay == 0)
            ro->delay = XC_NO_DELAY;
        return 0;
    }
    return 1;
}

int have_inputs(int n, const xc_read_opts *ro)
{
    return n > 0 || ro->from_list != NULL;
}

/* A sink that reports problems on stderr and counts rejections. */
static void on_problem(void *ctx, const char *source, xc_code code,
                       const char *msg, int warning)
{
    read_state *rs = ctx;
    (void)code;
    if (warning) {
        rs->warnings++;
        say(source, "%s", msg);
    } else {
        rs->rejected++;
        say(source, "%s; skipped", msg);
    }
}

static int on_doc(void *ctx, xc_doc *doc)
{
    read_state *rs = ctx;
    rs->docs++;
    return rs->take(rs, doc);
}

void read_inputs(int n, char **paths, const xc_read_opts *ro, read_state *rs)
{
    xc_sink sink = {on_doc, on_problem, rs};
    xc_read_inputs((size_t)n, (const char *const *)paths, ro, &sink);
}

/* Open the store, saying why not on failure. */
xc_store *open_store(const char *path, int flags)
{
    xc_store *st = NULL;
    xc_error err;
    if (xc_store_open(path, flags, &st, &err) != XC_OK) {
        say(path, "%s", err.msg);
        return NULL;
    }
    return st;
}

int parse_doc_id(const char *s, int64_t *id)
{
    char *end;
    long long v;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v <= 0)
        return -1;
    *id = v;
    return 0;
}

/* Parse the options of a command that only reads the store. */
int store_options(const char *cmd, int argc, char **argv, const char **db,
                         int *json, int *text, size_t *limit)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"text", no_argument, NULL, 't'},
        {"limit", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "n:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd': *db = optarg; break;
        case 'j': *json = 1; break;
        case 't':
            if (!text)
                return usage_error(cmd, "--text is for 'crosscheck show'");
            *text = 1;
            break;
        case 'n':
            if (!limit || parse_size(optarg, limit) != 0)
                return usage_error(cmd, "--limit: give a positive number (search only)");
            break;
        case 'h': print_help(cmd); return -1;
        default: return bad_option(cmd, argv);
        }
    }
    *db = db_path(*db);
    return 0;
}

void print_json_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

void print_json_field(const char *key, const char *value, int last)
{
    printf("\"%s\":", key);
    if (value)
        print_json_string(value);
    else
        fputs("null", stdout);
    if (!last)
        putchar(',');
}

