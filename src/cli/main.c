/*
 * main.c: the crosscheck command.  Git-style subcommands over the public
 * library API (include/crosscheck.h) and nothing else.  Exit codes: 0
 * success, 1 some inputs rejected or a runtime failure (the rest
 * processed), 2 usage error.  Every error goes to stderr as
 * "crosscheck: WHAT: what is wrong".
 */
#include "crosscheck.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXIT_REJECTED 1
#define EXIT_USAGE 2

/* ---- messages -------------------------------------------------------------- */

__attribute__((format(printf, 2, 3)))
static void say(const char *what, const char *fmt, ...)
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

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *help;
} command;

static const command *find_command(const char *name);

__attribute__((format(printf, 2, 3)))
static int usage_error(const char *cmd, const char *fmt, ...)
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
static int bad_option(const char *cmd, char **argv)
{
    return usage_error(cmd, "%s: unknown option, or it needs a value", argv[optind - 1]);
}

static int print_help(const char *cmd)
{
    const command *c = find_command(cmd);
    if (!c)
        return usage_error(NULL, "no such command: %s", cmd);
    fputs(c->help, stdout);
    return 0;
}

/* ---- shared option handling ---------------------------------------------- */

static const char *db_path(const char *given)
{
    const char *env = getenv("CROSSCHECK_DB");
    if (given)
        return given;
    return env && *env ? env : "crosscheck.db";
}

static int parse_size(const char *s, size_t *out)
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
    else
        return -1;
    return 0;
}

/* Options that every command reading inputs shares. Returns 0 when OPT was
   one of them, 1 when it is not, EXIT_USAGE on a bad value. */
static int read_option(const char *cmd, int opt, xc_read_opts *ro)
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
            return usage_error(cmd, "--format %s: use auto, text, jsonl or html", optarg);
        return 0;
    case 'M':
        if (parse_size(optarg, &ro->max_bytes) != 0)
            return usage_error(cmd, "--max-bytes %s: give a size such as 32M (at most 4G)", optarg);
        return 0;
    }
    return 1;
}

#define READ_LONGOPTS                                   \
    {"published", required_argument, NULL, 'P'},        \
    {"outlet", required_argument, NULL, 'O'},           \
    {"format", required_argument, NULL, 'F'},           \
    {"max-bytes", required_argument, NULL, 'M'}

/* A sink that reports problems on stderr and counts rejections. */
typedef struct read_state {
    size_t rejected, warnings, docs;
    int (*take)(struct read_state *rs, xc_doc *doc);
    void *ctx;
} read_state;

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

static void read_inputs(int n, char **paths, const xc_read_opts *ro, read_state *rs)
{
    xc_sink sink = {on_doc, on_problem, rs};
    for (int i = 0; i < n; i++)
        xc_read(paths[i], ro, &sink);
}

/* Open the store, saying why not on failure. */
static xc_store *open_store(const char *path, int flags)
{
    xc_store *st = NULL;
    xc_error err;
    if (xc_store_open(path, flags, &st, &err) != XC_OK) {
        say(path, "%s", err.msg);
        return NULL;
    }
    return st;
}

/* ---- report ---------------------------------------------------------------- */

static int take_into_dossier(read_state *rs, xc_doc *doc)
{
    if (xc_dossier_add(rs->ctx, doc) != XC_OK) {
        say(NULL, "out of memory");
        return 1;
    }
    return 0;
}

/* Write the dossier to PATH (or stdout when NULL) through a temporary file,
   so that a failure never leaves half a dossier where a whole one was. */
static int write_dossier(xc_dossier *d, const char *path, int json, int flags)
{
    xc_error err;
    FILE *out = stdout;
    char tmp[PATH_MAX];
    xc_code rc;
    if (path) {
        int fd;
        if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) {
            say(path, "path too long");
            return EXIT_REJECTED;
        }
        fd = mkstemp(tmp);
        if (fd < 0 || !(out = fdopen(fd, "w"))) {
            say(path, "cannot write: %s", strerror(errno));
            if (fd >= 0)
                close(fd), unlink(tmp);
            return EXIT_REJECTED;
        }
    }
    rc = json ? xc_dossier_write_json(d, out, flags, &err)
              : xc_dossier_write_markdown(d, out, flags, &err);
    if (path) {
        if (fclose(out) != 0 && rc == XC_OK)
            rc = XC_ERR_IO, snprintf(err.msg, sizeof err.msg, "cannot write: %s", strerror(errno));
        if (rc == XC_OK && rename(tmp, path) != 0)
            rc = XC_ERR_IO, snprintf(err.msg, sizeof err.msg, "cannot write: %s", strerror(errno));
        if (rc != XC_OK)
            unlink(tmp);
    }
    if (rc != XC_OK) {
        say(path ? path : "standard output", "%s", err.msg);
        return EXIT_REJECTED;
    }
    return 0;
}

static int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"markdown", no_argument, NULL, 'm'},
        {"with-text", no_argument, NULL, 't'},
        {"debug", no_argument, NULL, 'D'},
        {"db", required_argument, NULL, 'd'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        READ_LONGOPTS,
        {NULL, 0, NULL, 0}};
    xc_read_opts ro = {0};
    const char *db = NULL, *output = NULL;
    int json = 0, flags = 0, opt, status = 0;
    read_state rs = {0};
    xc_dossier *d;
    xc_error err;

    while ((opt = getopt_long(argc, argv, "jmo:h", longopts, NULL)) != -1) {
        int r = read_option("report", opt, &ro);
        if (r == EXIT_USAGE)
            return r;
        if (r == 0)
            continue;
        switch (opt) {
        case 'j': json = 1; break;
        case 'm': json = 0; break;
        case 't': flags |= XC_RENDER_WITH_TEXT; break;
        case 'D': flags |= XC_RENDER_DEBUG; break;
        case 'd': db = optarg; break;
        case 'o': output = optarg; break;
        case 'h': return print_help("report");
        default: return bad_option("report", argv);
        }
    }
    if (!db && optind == argc)
        return usage_error("report", "report on what? Give files, directories, - for standard input, or --db PATH");
    if (!(d = xc_dossier_new())) {
        say(NULL, "out of memory");
        return EXIT_REJECTED;
    }
    if (db) {
        xc_store *st;
        long long story = 0;
        if (argc - optind > 1) {
            xc_dossier_free(d);
            return usage_error("report", "with --db, give at most one story number");
        }
        if (optind < argc) {
            const char *s = argv[optind];
            char *end;
            if (*s == 's')
                s++;
            errno = 0;
            story = strtoll(s, &end, 10);
            if (errno || *end || end == s || story <= 0) {
                xc_dossier_free(d);
                return usage_error("report", "%s: a story is a number such as 1 or s1 (see 'crosscheck stories')", argv[optind]);
            }
        }
        if (!(st = open_store(db, XC_STORE_READONLY | XC_STORE_NOCREATE))) {
            xc_dossier_free(d);
            return EXIT_REJECTED;
        }
        if (xc_store_load_story(st, story, d, &err) != XC_OK) {
            say(db, "%s", err.msg);
            xc_store_close(st);
            xc_dossier_free(d);
            return EXIT_REJECTED;
        }
        xc_store_close(st);
    } else {
        rs.take = take_into_dossier;
        rs.ctx = d;
        read_inputs(argc - optind, argv + optind, &ro, &rs);
        if (rs.rejected)
            status = EXIT_REJECTED;
    }
    if (xc_dossier_ndocs(d) == 0) {
        say(NULL, "no documents to report on");
        xc_dossier_free(d);
        return EXIT_REJECTED;
    }
    if (xc_dossier_build(d, &err) != XC_OK) {
        say(NULL, "%s", err.msg);
        xc_dossier_free(d);
        return EXIT_REJECTED;
    }
    if (write_dossier(d, output, json, flags) != 0)
        status = EXIT_REJECTED;
    xc_dossier_free(d);
    return status;
}

/* ---- analyze ------------------------------------------------------------------ */

typedef struct analyze_state {
    int count;
    xc_counts totals;
    size_t next; /* the next document's number */
    int failed;
} analyze_state;

static int take_and_analyze(read_state *rs, xc_doc *doc)
{
    analyze_state *as = rs->ctx;
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    char source[256];
    snprintf(source, sizeof source, "%s", doc->source ? doc->source : "-");
    if (!d || xc_dossier_add(d, doc) != XC_OK) {
        say(NULL, "out of memory");
        xc_dossier_free(d);
        as->failed = 1;
        return 1;
    }
    if (xc_dossier_analyze(d, &err) != XC_OK ||
        (!as->count && xc_dossier_write_analysis(d, stdout, as->next, &err) != XC_OK)) {
        say(source, "%s", err.msg);
        xc_dossier_free(d);
        as->failed = 1;
        return err.code == XC_ERR_IO || err.code == XC_ERR_NOMEM || err.code == XC_ERR_NOT_FOUND;
    }
    xc_dossier_count(d, &as->totals);
    as->next++;
    xc_dossier_free(d);
    return 0;
}

static int cmd_analyze(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"count", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        READ_LONGOPTS,
        {NULL, 0, NULL, 0}};
    xc_read_opts ro = {0};
    analyze_state as = {0};
    read_state rs = {0};
    struct timespec t0, t1;
    int opt;

    while ((opt = getopt_long(argc, argv, "ch", longopts, NULL)) != -1) {
        int r = read_option("analyze", opt, &ro);
        if (r == EXIT_USAGE)
            return r;
        if (r == 0)
            continue;
        switch (opt) {
        case 'c': as.count = 1; break;
        case 'h': return print_help("analyze");
        default: return bad_option("analyze", argv);
        }
    }
    if (optind == argc)
        return usage_error("analyze", "analyze what? Give files, directories or - for standard input");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rs.take = take_and_analyze;
    rs.ctx = &as;
    read_inputs(argc - optind, argv + optind, &ro, &rs);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (as.count) {
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        printf("documents=%zu tokens=%zu sentences=%zu entities=%zu quotes=%zu "
               "times=%zu quantities=%zu seconds=%.3f\n",
               as.totals.documents, as.totals.tokens, as.totals.sentences,
               as.totals.entities, as.totals.quotes, as.totals.times,
               as.totals.quantities, secs);
    }
    if (fflush(stdout) != 0) {
        say("standard output", "cannot write: %s", strerror(errno));
        return EXIT_REJECTED;
    }
    return as.failed || rs.rejected ? EXIT_REJECTED : 0;
}

/* ---- add --------------------------------------------------------------------- */

typedef struct add_state {
    xc_store *st;
    const char *db;
    size_t batch, in_batch, added, present;
    int verbose, failed;
} add_state;

static int commit_batch(add_state *as)
{
    xc_error err;
    if (!as->in_batch)
        return 0;
    if (xc_store_commit(as->st, &err) != XC_OK) {
        say(as->db, "%s", err.msg);
        xc_store_rollback(as->st);
        as->failed = 1;
        return 1;
    }
    as->in_batch = 0;
    return 0;
}

static int take_into_store(read_state *rs, xc_doc *doc)
{
    add_state *as = rs->ctx;
    xc_error err;
    int64_t id;
    int added;
    if (as->in_batch == 0 && xc_store_begin(as->st, &err) != XC_OK) {
        say(as->db, "%s", err.msg);
        xc_doc_free(doc);
        as->failed = 1;
        return 1;
    }
    as->in_batch++;
    if (xc_store_add(as->st, doc, &id, &added, &err) != XC_OK) {
        say(as->db, "%s: %s", doc->source, err.msg);
        xc_store_rollback(as->st);
        as->in_batch = 0;
        xc_doc_free(doc);
        as->failed = 1;
        return 1;
    }
    if (added)
        as->added++;
    else
        as->present++;
    if (as->verbose)
        printf("%s\t%lld\t%s\n", added ? "added" : "present", (long long)id, doc->source);
    xc_doc_free(doc);
    if (as->in_batch >= as->batch)
        return commit_batch(as);
    return 0;
}

static int cmd_add(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"batch", required_argument, NULL, 'b'},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        READ_LONGOPTS,
        {NULL, 0, NULL, 0}};
    xc_read_opts ro = {0};
    add_state as = {0};
    read_state rs = {0};
    int opt, quiet = 0;
    size_t batch = 500;

    while ((opt = getopt_long(argc, argv, "vqh", longopts, NULL)) != -1) {
        int r = read_option("add", opt, &ro);
        if (r == EXIT_USAGE)
            return r;
        if (r == 0)
            continue;
        switch (opt) {
        case 'd': as.db = optarg; break;
        case 'b':
            if (parse_size(optarg, &batch) != 0)
                return usage_error("add", "--batch %s: give a positive number", optarg);
            break;
        case 'v': as.verbose = 1; break;
        case 'q': quiet = 1; break;
        case 'h': return print_help("add");
        default: return bad_option("add", argv);
        }
    }
    if (optind == argc)
        return usage_error("add", "add what? Give files, directories or - for standard input");
    as.db = db_path(as.db);
    as.batch = batch;
    if (!(as.st = open_store(as.db, 0)))
        return EXIT_REJECTED;
    rs.take = take_into_store;
    rs.ctx = &as;
    read_inputs(argc - optind, argv + optind, &ro, &rs);
    if (!as.failed)
        commit_batch(&as);
    xc_store_close(as.st);
    if (as.failed && as.added)
        fprintf(stderr, "crosscheck: %s: %zu documents were stored before the "
                "failure; run the same command again to add the rest\n",
                as.db, as.added);
    else if (!quiet && !as.failed)
        fprintf(stderr, "crosscheck: %s: %zu added, %zu already stored%s\n", as.db,
                as.added, as.present,
                rs.rejected ? ", some inputs skipped (see above)" : "");
    return as.failed || rs.rejected ? EXIT_REJECTED : 0;
}

/* ---- ls, show, search, stories ------------------------------------------------ */

static void print_json_string(const char *s)
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

static void print_json_field(const char *key, const char *value, int last)
{
    printf("\"%s\":", key);
    if (value)
        print_json_string(value);
    else
        fputs("null", stdout);
    if (!last)
        putchar(',');
}

static int ls_row(void *ctx, const xc_doc_info *in)
{
    int json = *(int *)ctx;
    if (json) {
        printf("{\"id\":%lld,\"story\":%lld,\"bytes\":%zu,", (long long)in->id,
               (long long)in->story, in->bytes);
        print_json_field("source", in->source, 0);
        print_json_field("title", in->title, 0);
        print_json_field("outlet", in->outlet, 0);
        print_json_field("published", in->published, 0);
        print_json_field("added", in->added, 1);
        puts("}");
    } else {
        printf("%6lld  %-10s  %-20.20s  %s\n", (long long)in->id,
               in->published ? in->published : "-",
               in->outlet ? in->outlet : "-",
               in->title ? in->title : in->source);
    }
    return 0;
}

/* Parse the options of a command that only reads the store. */
static int store_options(const char *cmd, int argc, char **argv, const char **db,
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

static int cmd_ls(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0, r;
    xc_store *st;
    xc_error err;
    if ((r = store_options("ls", argc, argv, &db, &json, NULL, NULL)) != 0)
        return r < 0 ? 0 : r;
    if (optind != argc)
        return usage_error("ls", "ls takes no arguments");
    if (!(st = open_store(db, XC_STORE_READONLY | XC_STORE_NOCREATE)))
        return EXIT_REJECTED;
    r = xc_store_list(st, ls_row, &json, &err) == XC_OK ? 0 : EXIT_REJECTED;
    if (r)
        say(db, "%s", err.msg);
    xc_store_close(st);
    return r;
}

static int parse_doc_id(const char *s, int64_t *id)
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

static int cmd_show(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0, text = 0, r;
    int64_t id;
    xc_store *st;
    xc_doc *doc;
    xc_error err;
    if ((r = store_options("show", argc, argv, &db, &json, &text, NULL)) != 0)
        return r < 0 ? 0 : r;
    if (argc - optind != 1)
        return usage_error("show", "show which document? Give its number (see 'crosscheck ls')");
    if (parse_doc_id(argv[optind], &id) != 0)
        return usage_error("show", "%s: a document is a number (see 'crosscheck ls')", argv[optind]);
    if (!(st = open_store(db, XC_STORE_READONLY | XC_STORE_NOCREATE)))
        return EXIT_REJECTED;
    if (xc_store_get(st, id, &doc, &err) != XC_OK) {
        say(argv[optind], "%s", err.msg);
        xc_store_close(st);
        return EXIT_REJECTED;
    }
    xc_store_close(st);
    if (text) {
        fwrite(doc->text, 1, doc->len, stdout);
    } else if (json) {
        printf("{\"id\":%lld,\"bytes\":%zu,", (long long)doc->store_id, doc->len);
        print_json_field("source", doc->source, 0);
        print_json_field("title", doc->title, 0);
        print_json_field("outlet", doc->outlet, 0);
        print_json_field("published", doc->published, 0);
        print_json_field("language", doc->language, 0);
        print_json_field("encoding", doc->encoding, 0);
        fputs("\"boilerplate\":[", stdout);
        for (size_t k = 0; k < doc->nboilerplate; k++)
            printf("%s{\"start\":%zu,\"end\":%zu}", k ? "," : "",
                   doc->boilerplate[k].start, doc->boilerplate[k].end);
        puts("]}");
    } else {
        printf("document   %lld\nsource     %s\ntitle      %s\noutlet     %s\n"
               "published  %s\nlanguage   %s\nbytes      %zu\n",
               (long long)doc->store_id, doc->source, doc->title ? doc->title : "-",
               doc->outlet ? doc->outlet : "-", doc->published ? doc->published : "-",
               doc->language ? doc->language : "-", doc->len);
        if (doc->encoding)
            printf("converted  from %s\n", doc->encoding);
        printf("furniture  %zu span%s\n", doc->nboilerplate, doc->nboilerplate == 1 ? "" : "s");
        for (size_t k = 0; k < doc->nboilerplate; k++) {
            const xc_span *sp = &doc->boilerplate[k];
            size_t n = sp->end - sp->start;
            printf("  %zu-%zu  %.*s%s\n", sp->start, sp->end, (int)(n > 70 ? 70 : n),
                   doc->text + sp->start, n > 70 ? "…" : "");
        }
    }
    xc_doc_free(doc);
    return fflush(stdout) == 0 ? 0 : EXIT_REJECTED;
}

static int search_hit(void *ctx, const xc_hit *h)
{
    int json = *(int *)ctx;
    if (json) {
        printf("{\"id\":%lld,\"score\":%.4f,", (long long)h->id, h->score);
        print_json_field("title", h->title, 0);
        print_json_field("outlet", h->outlet, 0);
        print_json_field("source", h->source, 0);
        print_json_field("snippet", h->snippet, 1);
        puts("}");
    } else {
        printf("%6lld  %s%s%s\n        %s\n", (long long)h->id,
               h->outlet ? h->outlet : "", h->outlet ? ": " : "",
               h->title ? h->title : h->source, h->snippet ? h->snippet : "");
    }
    return 0;
}

static int cmd_search(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0, r;
    size_t limit = 20, len = 0;
    char *query;
    xc_store *st;
    xc_error err;
    if ((r = store_options("search", argc, argv, &db, &json, NULL, &limit)) != 0)
        return r < 0 ? 0 : r;
    if (optind == argc)
        return usage_error("search", "search for what? Give one or more words");
    for (int i = optind; i < argc; i++)
        len += strlen(argv[i]) + 1;
    if (!(query = malloc(len + 1)))
        return EXIT_REJECTED;
    query[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(query, " ");
        strcat(query, argv[i]);
    }
    if (!(st = open_store(db, XC_STORE_READONLY | XC_STORE_NOCREATE))) {
        free(query);
        return EXIT_REJECTED;
    }
    r = xc_store_search(st, query, limit, search_hit, &json, &err) == XC_OK ? 0 : EXIT_REJECTED;
    if (r)
        say(db, "%s", err.msg);
    free(query);
    xc_store_close(st);
    return r;
}

static int story_row(void *ctx, const xc_story_info *s)
{
    int json = *(int *)ctx;
    if (json) {
        printf("{\"id\":\"s%lld\",\"documents\":%zu,", (long long)s->id, s->ndocs);
        print_json_field("title", s->title, 1);
        puts("}");
    } else {
        printf("s%-5lld %5zu  %s\n", (long long)s->id, s->ndocs, s->title ? s->title : "-");
    }
    return 0;
}

static int cmd_stories(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0, r;
    xc_store *st;
    xc_error err;
    if ((r = store_options("stories", argc, argv, &db, &json, NULL, NULL)) != 0)
        return r < 0 ? 0 : r;
    if (optind != argc)
        return usage_error("stories", "stories takes no arguments");
    if (!(st = open_store(db, XC_STORE_READONLY | XC_STORE_NOCREATE)))
        return EXIT_REJECTED;
    r = xc_store_stories(st, story_row, &json, &err) == XC_OK ? 0 : EXIT_REJECTED;
    if (r)
        say(db, "%s", err.msg);
    xc_store_close(st);
    return r;
}

/* ---- help and dispatch ---------------------------------------------------------- */

static int cmd_help(int argc, char **argv);
int xc_cli_tag(int argc, char **argv); /* tag.c */

#define READ_HELP                                                                  \
    "  --published DATE  publication date for every input (YYYY-MM-DD, YYYY-MM, YYYY)\n" \
    "  --outlet NAME     outlet name for every input\n"                             \
    "  --format FMT      auto (default), text, jsonl or html\n"                     \
    "  --max-bytes N     largest input (or JSON Lines line) read, e.g. 64M; default 32M\n"

#define INPUT_HELP                                                                  \
    "Inputs: files, directories (read recursively, hidden files skipped) and - for\n" \
    "standard input. Plain text and pasted pages (.txt, anything else), JSON Lines\n" \
    "(.jsonl/.ndjson: one object per line with \"text\" and optional \"title\", \"url\",\n" \
    "\"outlet\", \"published\"), and HTML (.html/.htm or content starting with <html).\n" \
    "Text that is not UTF-8 is converted (UTF-16 with a BOM, Windows-1252/Latin-1)\n" \
    "with a warning; invalid UTF-8, binary files, empty files and inputs over the\n" \
    "size limit are skipped with an error naming the file.\n"

static const command commands[] = {
    {"report", cmd_report, "build a dossier from files, or from the database",
     "usage: crosscheck report [--json|--markdown] [--with-text] [-o FILE]\n"
     "                         [--published DATE] [--outlet NAME] FILE|DIR|-...\n"
     "       crosscheck report --db PATH [--json|--markdown] [STORY]\n\n"
     "Read the reports and write their dossier: the story, the reports with their\n"
     "outlets and dates, and the page furniture set aside. No database is needed.\n"
     "With --db, report on a story of the database (s1 or 1; all documents when no\n"
     "story is given).\n\n"
     "  --json            the dossier as JSON (format crosscheck-dossier/1)\n"
     "  --markdown        the dossier for people (the default)\n"
     "  --with-text       embed each document's text in the JSON\n"
     "  --debug           explain in the JSON why names were merged into one\n"
     "                    entity (a \"why\" list on each entity)\n"
     "  -o, --output FILE write to FILE (replaced whole, never half-written)\n"
     "  --db PATH         read the documents from this database\n"
     READ_HELP "\n" INPUT_HELP
     "\nExit status: 0 success, 1 some inputs rejected (the rest reported), 2 usage.\n"},
    {"analyze", cmd_analyze, "the per-document analysis as JSON Lines",
     "usage: crosscheck analyze [--count] [--published DATE] [--outlet NAME] FILE|DIR|-...\n\n"
     "Run only the per-document stages (sentences, entities, quotations, times,\n"
     "quantities) and write one JSON object per document: its id, source, and its\n"
     "entities, quotes, times and quantities in the dossier's shapes. Documents\n"
     "stream through one at a time, so a JSON Lines input of any size works.\n\n"
     "  --count           print only the totals (documents, tokens, sentences,\n"
     "                    entities, quotes, times, quantities, seconds)\n"
     READ_HELP "\n" INPUT_HELP},
    {"add", cmd_add, "store documents in the database",
     "usage: crosscheck add [--db PATH] [--batch N] [-v|-q] FILE|DIR|-...\n\n"
     "Store the documents in the database (default ./crosscheck.db, or\n"
     "$CROSSCHECK_DB). A document whose text is stored already is not added again.\n"
     "Documents are committed in batches: an interruption loses at most the batch\n"
     "being written, never half a document; run the same command again to finish.\n\n"
     "  --db PATH         the database\n"
     "  --batch N         documents per transaction (default 500)\n"
     "  -v, --verbose     print each document: added or present, its number, source\n"
     "  -q, --quiet       no summary line\n"
     READ_HELP "\n" INPUT_HELP
     "\nExit status: 0 success, 1 some inputs rejected or the database failed, 2 usage.\n"},
    {"ls", cmd_ls, "list the stored documents",
     "usage: crosscheck ls [--db PATH] [--json]\n\n"
     "List the stored documents, oldest first: number, publication date, outlet,\n"
     "headline. With --json, one JSON object per line.\n"},
    {"show", cmd_show, "show one stored document",
     "usage: crosscheck show [--db PATH] [--text|--json] DOC\n\n"
     "Show document number DOC (see 'crosscheck ls'): its metadata and the page\n"
     "furniture spans. With --text, print its text byte for byte: the text every\n"
     "offset in a dossier refers to.\n"},
    {"search", cmd_search, "full-text search of the stored documents",
     "usage: crosscheck search [--db PATH] [--json] [-n|--limit N] WORD...\n\n"
     "Find the stored documents that contain all the words (accents and case\n"
     "ignored), best first by BM25, each with a snippet where the matches are\n"
     "marked [like this]. Default limit 20.\n"},
    {"stories", cmd_stories, "list the stories in the database",
     "usage: crosscheck stories [--db PATH] [--json]\n\n"
     "List the stories: their number, how many documents, and the headline.\n"
     "Give the number to 'crosscheck report --db PATH STORY'.\n"},
    {"tag", xc_cli_tag, "tag names in CoNLL-format tokens (for measuring)",
     "usage: crosscheck tag --conll [--model PATH] [FILE|-]\n\n"
     "Read CoNLL-2003 lines (the token in the first column, a blank line between\n"
     "sentences, -DOCSTART- between documents) and write each line with one more\n"
     "column: the predicted entity tag in IOB2 (PER, ORG, LOC, MISC). This is how\n"
     "the tagger's accuracy is measured on public data (bench/ner.sh).\n"},
    {"help", cmd_help, "show the help of a command",
     "usage: crosscheck help [COMMAND]\n"},
    {NULL, NULL, NULL, NULL}};

static const command *find_command(const char *name)
{
    for (const command *c = commands; name && c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static void main_help(FILE *out)
{
    fputs("usage: crosscheck [--version] [--help] COMMAND [ARGS]\n\n"
          "crosscheck reads many news reports of the same story and tells where they\n"
          "agree, where they conflict and what rests on a single source, with the exact\n"
          "source sentence behind every statement.\n\nCommands:\n", out);
    for (const command *c = commands; c->name; c++)
        fprintf(out, "  %-9s %s\n", c->name, c->summary);
    fputs("\nEnvironment: CROSSCHECK_DB is the database when --db is not given\n"
          "(default ./crosscheck.db).\n"
          "Run 'crosscheck help COMMAND' for a command's options. See man crosscheck.\n",
          out);
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        main_help(stdout);
        return 0;
    }
    return print_help(argv[1]);
}

int main(int argc, char **argv)
{
    const command *c;
    if (argc < 2) {
        main_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("crosscheck %s\n", xc_version());
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        main_help(stdout);
        return 0;
    }
    if (!(c = find_command(argv[1])))
        return usage_error(NULL, "'%s' is not a command", argv[1]);
    optind = 1;
    opterr = 0;
    return c->run(argc - 1, argv + 1);
}
