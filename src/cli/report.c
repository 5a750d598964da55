/*
 * report.c: crosscheck report (the dossier) and crosscheck analyze (the
 * per-document stages as JSON Lines).
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- report ---------------------------------------------------------------- */

static int take_into_dossier(read_state *rs, xc_doc *doc)
{
    if (xc_dossier_add(rs->ctx, doc) != XC_OK) {
        say(NULL, "out of memory");
        return 1;
    }
    return 0;
}

/* report --all: sort the documents into stories (set before load_dossier) */
static int cluster_all;

int load_dossier(const char *cmd, const char *db, int n, char **args,
                 const xc_read_opts *ro, xc_dossier **out)
{
    read_state rs = {0};
    xc_dossier *d;
    xc_error err;
    int status = 0;
    *out = NULL;
    if (!(d = xc_dossier_new())) {
        say(NULL, "out of memory");
        return EXIT_REJECTED;
    }
    xc_dossier_set_clustering(d, cluster_all);
    if (db) {
        xc_store *st;
        long long story = 0;
        if (n > 1) {
            xc_dossier_free(d);
            return usage_error(cmd, "with --db, give at most one story number");
        }
        if (n == 1) {
            const char *s = args[0];
            char *end;
            if (*s == 's')
                s++;
            errno = 0;
            story = strtoll(s, &end, 10);
            if (errno || *end || end == s || story <= 0) {
                xc_dossier_free(d);
                return usage_error(cmd, "%s: a story is a number such as 1 or s1 (see 'crosscheck stories')", args[0]);
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
        read_inputs(n, args, ro, &rs);
        if (rs.rejected)
            status = EXIT_REJECTED;
    }
    if (xc_dossier_ndocs(d) == 0) {
        say(NULL, "no documents to %s", strcmp(cmd, "report") == 0 ? "report on" : "read");
        xc_dossier_free(d);
        return EXIT_REJECTED;
    }
    if (xc_dossier_build(d, &err) != XC_OK) {
        say(NULL, "%s", err.msg);
        xc_dossier_free(d);
        return EXIT_REJECTED;
    }
    *out = d;
    return status;
}

enum { FORMAT_MARKDOWN = 0, FORMAT_JSON, FORMAT_HTML };

/* The format a file name asks for: .html/.htm HTML, .json JSON, else
   Markdown. */
static int format_of(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0))
        return FORMAT_HTML;
    if (dot && strcasecmp(dot, ".json") == 0)
        return FORMAT_JSON;
    return FORMAT_MARKDOWN;
}

/* Write the dossier to PATH (or stdout when NULL) through a temporary file,
   so that a failure never leaves half a dossier where a whole one was. */
static int write_dossier(xc_dossier *d, const char *path, int format, int flags)
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
        if (fd >= 0) {
            /* mkstemp makes the file 0600: give it the mode any new file
               would have (a dossier is meant to be shared) */
            mode_t mask = umask(0);
            umask(mask);
            (void)fchmod(fd, 0666 & ~mask);
        }
        if (fd < 0 || !(out = fdopen(fd, "w"))) {
            say(path, "cannot write: %s", strerror(errno));
            if (fd >= 0)
                close(fd), unlink(tmp);
            return EXIT_REJECTED;
        }
    }
    rc = format == FORMAT_JSON   ? xc_dossier_write_json(d, out, flags, &err)
         : format == FORMAT_HTML ? xc_dossier_write_html(d, out, flags, &err)
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

int xc_cli_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"markdown", no_argument, NULL, 'm'},
        {"html", no_argument, NULL, 'H'},
        {"with-text", no_argument, NULL, 't'},
        {"debug", no_argument, NULL, 'D'},
        {"db", required_argument, NULL, 'd'},
        {"all", no_argument, NULL, 'A'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        READ_LONGOPTS,
        {NULL, 0, NULL, 0}};
    xc_read_opts ro = {0};
    const char *db = NULL, *output = NULL;
    int format = -1, flags = 0, opt, status = 0;
    xc_dossier *d;

    while ((opt = getopt_long(argc, argv, "jmo:h", longopts, NULL)) != -1) {
        int r = read_option("report", opt, &ro);
        if (r == EXIT_USAGE)
            return r;
        if (r == 0)
            continue;
        switch (opt) {
        case 'j': format = FORMAT_JSON; break;
        case 'm': format = FORMAT_MARKDOWN; break;
        case 'H': format = FORMAT_HTML; break;
        case 't': flags |= XC_RENDER_WITH_TEXT; break;
        case 'D': flags |= XC_RENDER_DEBUG; break;
        case 'd': db = optarg; break;
        case 'A': cluster_all = 1; break;
        case 'o': output = optarg; break;
        case 'h': return print_help("report");
        default: return bad_option("report", argv);
        }
    }
    if (!db && !have_inputs(argc - optind, &ro))
        return usage_error("report", "report on what? Give files, directories, - for standard input, or --db PATH");
    if ((status = load_dossier("report", db, argc - optind, argv + optind, &ro, &d)) != 0 &&
        !d)
        return status;
    if (format < 0)
        format = format_of(output);
    if (write_dossier(d, output, format, flags) != 0)
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

int xc_cli_analyze(int argc, char **argv)
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
    if (!have_inputs(argc - optind, &ro))
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

