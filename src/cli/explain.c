/*
 * explain.c: crosscheck explain, why the names of a story were merged into
 * one entity (or not): builds the dossier as report does and asks the
 * library to explain one entity, found by its id or any of its spellings.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int xc_cli_explain(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        READ_LONGOPTS,
        {NULL, 0, NULL, 0}};
    xc_read_opts ro = {0};
    const char *db = NULL, *who;
    int json = 0, opt, status;
    xc_dossier *d;
    xc_error err;
    xc_code rc;

    while ((opt = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
        int r = read_option("explain", opt, &ro);
        if (r == EXIT_USAGE)
            return r;
        if (r == 0)
            continue;
        switch (opt) {
        case 'j': json = 1; break;
        case 'd': db = optarg; break;
        case 'h': return print_help("explain");
        default: return bad_option("explain", argv);
        }
    }
    if (optind == argc)
        return usage_error("explain", "explain whom? Give a name or an entity id (e3), then the reports");
    who = argv[optind++];
    if (!*who)
        return usage_error("explain", "the name to explain is empty");
    if (!db && optind == argc)
        return usage_error("explain", "explain %s in what? Give files, directories, - for standard input, or --db PATH", who);
    status = load_dossier("explain", db, argc - optind, argv + optind, &ro, &d);
    if (!d)
        return status;
    rc = xc_dossier_explain(d, who, json, stdout, &err);
    xc_dossier_free(d);
    if (rc != XC_OK) {
        say(NULL, "%s", err.msg);
        return EXIT_REJECTED;
    }
    if (fflush(stdout) != 0) {
        say("standard output", "cannot write: %s", strerror(errno));
        return EXIT_REJECTED;
    }
    return status;
}
