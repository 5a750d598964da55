/*
 * text.c: "crosscheck text", a document's text exactly as crosscheck sees
 * it: the bytes every offset in a dossier refers to.  Works for every input
 * xc_read understands (plain text, JSON Lines, HTML pages, URLs).  With
 * --json, one object per document with its metadata and page furniture.
 * Uses the public API only.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef struct text_state {
    int json;
    size_t printed;  /* documents written */
    xc_doc *pending; /* the first document, held until we know whether
                        others follow (one alone is printed bare) */
} text_state;

static void print_json_doc(const xc_doc *doc)
{
    putchar('{');
    print_json_field("source", doc->source, 0);
    print_json_field("title", doc->title, 0);
    print_json_field("outlet", doc->outlet, 0);
    print_json_field("authors", doc->authors, 0);
    print_json_field("published", doc->published, 0);
    print_json_field("modified", doc->modified, 0);
    print_json_field("language", doc->language, 0);
    print_json_field("url", doc->url, 0);
    print_json_field("encoding", doc->encoding, 0);
    printf("\"bytes\":%zu,", doc->len);
    fputs("\"boilerplate\":[", stdout);
    for (size_t k = 0; k < doc->nboilerplate; k++)
        printf("%s{\"start\":%zu,\"end\":%zu}", k ? "," : "",
               doc->boilerplate[k].start, doc->boilerplate[k].end);
    fputs("],", stdout);
    print_json_field("text", doc->text, 1);
    puts("}");
}

/* One of several documents: a header line naming it, the text, and a
   newline when the text lacks one, then a blank line before the next. */
static void print_framed(const xc_doc *doc, size_t k)
{
    if (k)
        putchar('\n');
    printf("==> %s <==\n", doc->source);
    fwrite(doc->text, 1, doc->len, stdout);
    if (doc->len && doc->text[doc->len - 1] != '\n')
        putchar('\n');
}

static int take_text(read_state *rs, xc_doc *doc)
{
    text_state *ts = rs->ctx;
    if (ts->json) {
        print_json_doc(doc);
        xc_doc_free(doc);
        return 0;
    }
    if (!ts->printed && !ts->pending) {
        ts->pending = doc;
        return 0;
    }
    if (ts->pending) {
        print_framed(ts->pending, ts->printed++);
        xc_doc_free(ts->pending);
        ts->pending = NULL;
    }
    print_framed(doc, ts->printed++);
    xc_doc_free(doc);
    return 0;
}

int xc_cli_text(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        READ_LONGOPTS,
        {NULL, 0, NULL, 0}};
    xc_read_opts ro = {0};
    text_state ts = {0};
    read_state rs = {0};
    int opt;

    while ((opt = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
        int r = read_option("text", opt, &ro);
        if (r == EXIT_USAGE)
            return r;
        if (r == 0)
            continue;
        switch (opt) {
        case 'j': ts.json = 1; break;
        case 'h': return print_help("text");
        default: return bad_option("text", argv);
        }
    }
    if (!have_inputs(argc - optind, &ro))
        return usage_error("text", "text of what? Give files, directories, URLs or - for standard input");
    rs.take = take_text;
    rs.ctx = &ts;
    read_inputs(argc - optind, argv + optind, &ro, &rs);
    if (ts.pending) { /* the only document: its text, byte for byte */
        fwrite(ts.pending->text, 1, ts.pending->len, stdout);
        xc_doc_free(ts.pending);
    }
    if (fflush(stdout) != 0) {
        say("standard output", "cannot write: %s", strerror(errno));
        return EXIT_REJECTED;
    }
    return rs.rejected ? EXIT_REJECTED : 0;
}
