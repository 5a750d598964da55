/*
 * stored.c: the commands that read the database: ls, show, search, stories.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- ls, show, search, stories ------------------------------------------------ */

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

int xc_cli_ls(int argc, char **argv)
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

int xc_cli_show(int argc, char **argv)
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

int xc_cli_search(int argc, char **argv)
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
        printf("{\"id\":\"s%lld\",\"documents\":%zu,\"copies\":%zu,", (long long)s->id,
               s->ndocs, s->ncopies);
        print_json_field("outlets", s->outlets, 0);
        print_json_field("first", s->first, 0);
        print_json_field("last", s->last, 0);
        print_json_field("title", s->title, 1);
        puts("}");
    } else {
        char dates[32] = "-";
        if (s->first && s->last && strcmp(s->first, s->last) != 0)
            snprintf(dates, sizeof dates, "%.10s..%.10s", s->first, s->last);
        else if (s->first)
            snprintf(dates, sizeof dates, "%.10s", s->first);
        printf("s%-5lld %5zu  %-22s  %s", (long long)s->id, s->ndocs, dates,
               s->title ? s->title : "-");
        if (s->outlets)
            printf("  [%s]", s->outlets);
        putchar('\n');
    }
    return 0;
}

static int copy_row(void *ctx, const xc_copy_info *c)
{
    int json = *(int *)ctx;
    if (json) {
        printf("{\"document\":%lld,\"copy_of\":%lld,\"resemblance\":%.2f,",
               (long long)c->doc, (long long)c->copy_of, c->resemblance);
        print_json_field("outlet", c->outlet, 0);
        print_json_field("copy_of_outlet", c->copy_of_outlet, 0);
        print_json_field("title", c->title, 1);
        puts("}");
    } else {
        printf("%6lld  copy of %6lld  %3.0f%%  %s%s%s\n", (long long)c->doc,
               (long long)c->copy_of, 100 * c->resemblance, c->outlet ? c->outlet : "",
               c->outlet ? ": " : "", c->title ? c->title : "-");
    }
    return 0;
}

/* Take "--copies" out of ARGV (before a "--"); nonzero if it was there. */
static int take_flag(int *argc, char **argv, const char *flag)
{
    int found = 0, k = 1;
    for (int i = 1; i < *argc; i++) {
        if (!found && strcmp(argv[i], "--") == 0) {
            for (; i < *argc; i++)
                argv[k++] = argv[i];
            break;
        }
        if (strcmp(argv[i], flag) == 0)
            found = 1;
        else
            argv[k++] = argv[i];
    }
    *argc = k;
    return found;
}

int xc_cli_stories(int argc, char **argv)
{
    const char *db = NULL;
    int json = 0, r, copies = take_flag(&argc, argv, "--copies");
    xc_store *st;
    xc_error err;
    if ((r = store_options("stories", argc, argv, &db, &json, NULL, NULL)) != 0)
        return r < 0 ? 0 : r;
    if (optind != argc)
        return usage_error("stories", "stories takes no arguments");
    if (!(st = open_store(db, XC_STORE_READONLY | XC_STORE_NOCREATE)))
        return EXIT_REJECTED;
    r = (copies ? xc_store_copies(st, copy_row, &json, &err)
                : xc_store_stories(st, story_row, &json, &err)) == XC_OK
            ? 0
            : EXIT_REJECTED;
    if (r)
        say(db, "%s", err.msg);
    xc_store_close(st);
    return r;
}

/* ---- help and dispatch ---------------------------------------------------------- */

