/*
 * cli.h: what the crosscheck command's files share: messages, option
 * handling for commands that read inputs or the store, and the commands
 * themselves (one file each, listed in main.c's table).  Internal to the
 * binary; every command returns an exit status (0, EXIT_REJECTED,
 * EXIT_USAGE).
 */
#ifndef XC_CLI_H
#define XC_CLI_H

#include "crosscheck.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#define EXIT_REJECTED 1
#define EXIT_USAGE 2

/* "crosscheck: WHAT: message" on stderr (WHAT may be NULL). */
__attribute__((format(printf, 2, 3)))
void say(const char *what, const char *fmt, ...);

/* A usage error for command CMD (or NULL): the message and a pointer to
   'crosscheck help CMD'. Returns EXIT_USAGE. */
__attribute__((format(printf, 2, 3)))
int usage_error(const char *cmd, const char *fmt, ...);

/* getopt returned '?': name the option that was unknown or lacked its value. */
int bad_option(const char *cmd, char **argv);

/* Print the help of command CMD (main.c). Returns 0. */
int print_help(const char *cmd);

/* The database path: GIVEN, else $CROSSCHECK_DB, else ./crosscheck.db. */
const char *db_path(const char *given);

/* A size such as 500, 64k, 32M, 1G (at most 4G). 0 on success. */
int parse_size(const char *s, size_t *out);

/* A positive document number. 0 on success. */
int parse_doc_id(const char *s, int64_t *id);

/* Options that every command reading inputs shares. Returns 0 when OPT was
   one of them, 1 when it is not, EXIT_USAGE on a bad value. */
int read_option(const char *cmd, int opt, xc_read_opts *ro);

/* Nonzero when there is something to read: N paths, or --from-list. */
int have_inputs(int n, const xc_read_opts *ro);

enum { OPT_FROM_LIST = 0x100, OPT_FOLLOW, OPT_TIMEOUT, OPT_DELAY };

#define READ_LONGOPTS                                   \
    {"published", required_argument, NULL, 'P'},        \
    {"outlet", required_argument, NULL, 'O'},           \
    {"format", required_argument, NULL, 'F'},           \
    {"max-bytes", required_argument, NULL, 'M'},        \
    {"from-list", required_argument, NULL, OPT_FROM_LIST}, \
    {"follow", no_argument, NULL, OPT_FOLLOW},          \
    {"timeout", required_argument, NULL, OPT_TIMEOUT},  \
    {"delay", required_argument, NULL, OPT_DELAY}

/* The state of reading inputs: problems are reported on stderr and
   counted; TAKE receives each document (and owns it). */
typedef struct read_state {
    size_t rejected, warnings, docs;
    int (*take)(struct read_state *rs, xc_doc *doc);
    void *ctx;
} read_state;

/* Read every path, then the inputs --from-list names, into RS. */
void read_inputs(int n, char **paths, const xc_read_opts *ro, read_state *rs);

/* Build the dossier of command CMD's inputs: the N paths ARGS, or with DB
   the story ARGS[0] (all documents when N is 0) of that database.  On
   success *out is the built dossier (caller frees) and the status is 0, or
   EXIT_REJECTED when some inputs were rejected; on failure *out is NULL
   and the status says why (the message is printed).  report.c. */
int load_dossier(const char *cmd, const char *db, int n, char **args,
                 const xc_read_opts *ro, xc_dossier **out);

/* Open the store, saying why not on failure. */
xc_store *open_store(const char *path, int flags);

/* Parse the options of a command that only reads the store (--db, --json,
   --text when TEXT, --limit when LIMIT). 0 to go on, -1 after --help,
   else an exit status. */
int store_options(const char *cmd, int argc, char **argv, const char **db,
                  int *json, int *text, size_t *limit);

/* JSON output helpers on stdout. */
void print_json_string(const char *s);
void print_json_field(const char *key, const char *value, int last);

#define READ_HELP                                                                  \
    "  --published DATE  publication date for every input (YYYY-MM-DD, YYYY-MM, YYYY)\n" \
    "  --outlet NAME     outlet name for every input\n"                             \
    "  --format FMT      auto (default), text, jsonl, html, feed or warc\n"         \
    "  --max-bytes N     largest input (or JSON Lines line) read, e.g. 64M; default 32M\n" \
    "  --from-list FILE  also read the inputs FILE names, one path or URL a line\n"  \
    "                    (# comments and blank lines skipped; - for standard input)\n" \
    "  --follow          feed items: read the page each item links to\n"           \
    "  --timeout SECS    give up on a URL after this long (default 30)\n"           \
    "  --delay SECS      pause between requests to one host (default 1; 0 for none)\n"

#define INPUT_HELP                                                                  \
    "Inputs: files, directories (read recursively, hidden files skipped) and - for\n" \
    "standard input. Plain text and pasted pages (.txt, anything else), JSON Lines\n" \
    "(.jsonl/.ndjson: one object per line with \"text\" and optional \"title\", \"url\",\n" \
    "\"outlet\", \"published\"), HTML (.html/.htm or content starting with <html),\n" \
    "RSS and Atom feeds (.rss/.atom/.xml or XML with <rss or <feed: one document per\n" \
    "item) and WARC web archives (.warc/.warc.gz: one per HTML response). http:// and\n" \
    "https:// URLs are fetched (one request at a time per host, --delay between).\n" \
    "Text that is not UTF-8 is converted (UTF-16 with a BOM, Windows-1252/Latin-1)\n" \
    "with a warning; invalid UTF-8, binary files, empty files and inputs over the\n" \
    "size limit are skipped with an error naming the file.\n"

/* The commands. */
int xc_cli_report(int argc, char **argv);  /* report.c */
int xc_cli_analyze(int argc, char **argv); /* report.c */
int xc_cli_add(int argc, char **argv);     /* add.c */
int xc_cli_ls(int argc, char **argv);      /* stored.c */
int xc_cli_show(int argc, char **argv);    /* stored.c */
int xc_cli_search(int argc, char **argv);  /* stored.c */
int xc_cli_stories(int argc, char **argv); /* stored.c */
int xc_cli_tag(int argc, char **argv);     /* tag.c */
int xc_cli_serve(int argc, char **argv);   /* serve.c */
int xc_cli_explain(int argc, char **argv); /* explain.c */
int xc_cli_text(int argc, char **argv);    /* text.c */

#endif
