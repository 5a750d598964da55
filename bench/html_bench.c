/*
 * html_bench.c: how fast HTML pages become documents, beside how fast
 * libxml2 alone parses them.  Reads every .html file of DIR into memory,
 * then, on one core, turns all of them into documents (xc_doc_from_bytes:
 * encoding, parsing, article extraction, metadata) as many rounds as make
 * at least SECONDS of CPU time, and does the same with htmlReadMemory
 * alone (the parser options crosscheck uses).  Prints pages per second and
 * milliseconds per page for both.
 *
 * usage: html_bench DIR [SECONDS]
 */
#include "crosscheck.h"

#include <dirent.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct page {
    char *name, *bytes;
    size_t n;
} page;

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int load(const char *dir, page **out, size_t *np)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    page *v = NULL;
    size_t n = 0, cap = 0;
    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        char path[4096];
        FILE *f;
        long sz;
        if (len < 5 || strcmp(de->d_name + len - 5, ".html") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (!(f = fopen(path, "rb")))
            continue;
        fseek(f, 0, SEEK_END);
        sz = ftell(f);
        rewind(f);
        if (n == cap) {
            cap = cap ? cap * 2 : 128;
            v = realloc(v, cap * sizeof *v);
            if (!v)
                return -1;
        }
        v[n].bytes = malloc((size_t)sz + 1);
        v[n].n = v[n].bytes ? fread(v[n].bytes, 1, (size_t)sz, f) : 0;
        v[n].name = strdup(path);
        fclose(f);
        n++;
    }
    closedir(d);
    *out = v;
    *np = n;
    return 0;
}

int main(int argc, char **argv)
{
    page *pages;
    size_t n, rounds, done, bytes = 0;
    double secs = argc > 2 ? atof(argv[2]) : 3.0, t0, t_xc, t_lib;
    xc_read_opts o = {0};
    const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                     HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                     XML_PARSE_HUGE;

    if (argc < 2 || load(argv[1], &pages, &n) != 0 || n == 0) {
        fprintf(stderr, "usage: html_bench DIR [SECONDS] (DIR holds .html pages)\n");
        return 2;
    }
    for (size_t i = 0; i < n; i++)
        bytes += pages[i].n;
    o.format = XC_FORMAT_HTML;

    t0 = cpu_now();
    for (rounds = 0, done = 0; cpu_now() - t0 < secs || rounds == 0; rounds++)
        for (size_t i = 0; i < n; i++, done++) {
            xc_doc *doc;
            xc_error err;
            if (xc_doc_from_bytes(pages[i].name, pages[i].bytes, pages[i].n, &o,
                                  &doc, &err) == XC_OK)
                xc_doc_free(doc);
        }
    t_xc = (cpu_now() - t0) / (double)done;

    t0 = cpu_now();
    for (rounds = 0, done = 0; cpu_now() - t0 < secs || rounds == 0; rounds++)
        for (size_t i = 0; i < n; i++, done++) {
            htmlDocPtr d = htmlReadMemory(pages[i].bytes, (int)pages[i].n, NULL,
                                          "UTF-8", opts);
            if (d)
                xmlFreeDoc(d);
        }
    t_lib = (cpu_now() - t0) / (double)done;

    printf("html bench: %zu pages, %.1f MB, one core (CPU time)\n", n, (double)bytes / 1e6);
    printf("  libxml2 htmlReadMemory alone: %7.1f pages/s  %.2f ms/page\n",
           1.0 / t_lib, t_lib * 1e3);
    printf("  crosscheck page to document:  %7.1f pages/s  %.2f ms/page (%.1fx the parse)\n",
           1.0 / t_xc, t_xc * 1e3, t_xc / t_lib);
    for (size_t i = 0; i < n; i++) {
        free(pages[i].bytes);
        free(pages[i].name);
    }
    free(pages);
    return 0;
}
