/*
 * add.c: crosscheck add, storing documents in the database in batches.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

int xc_cli_add(int argc, char **argv)
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
    if (!have_inputs(argc - optind, &ro))
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

