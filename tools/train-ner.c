/*
 * train-ner: build the entity tagger's model (data/ner.model) from
 * CoNLL-2003's eng.train, the gazetteers in data/ and word clusters
 * learned from unlabelled text.  Same inputs, same bytes out.
 *
 *   train-ner --train eng.train [--text DIR|FILE]... [--clusters FILE]
 *             [--lexicons DIR] [-o data/ner.model] [options]
 *
 * With --text, the clusters are learned from those files plus the tokens of
 * the training file and written to --clusters; without, --clusters is read
 * if it exists.  Files ending in .xml or .tml are read with their markup
 * dropped; directories are walked in sorted order.
 */
#include "extract/ner.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char usage[] =
    "usage: train-ner --train FILE [--text DIR|FILE]... [--clusters FILE]\n"
    "                 [--lexicons DIR] [-o MODEL] [--bits N] [--epochs N]\n"
    "                 [--epochs2 N] [--folds N] [--threads N] [--min-count N]\n"
    "                 [--prune X] [--seed N] [--no-clusters] [--no-gazetteers] [-v]\n"
    "\n"
    "  --train FILE     CoNLL-2003 training file (token first, IOB tag last)\n"
    "  --text PATH      unlabelled text for word clusters (repeatable)\n"
    "  --clusters FILE  where clusters are written (with --text) or read\n"
    "                   (default data/clusters.txt)\n"
    "  --lexicons DIR   folder of the gazetteer lists (default data)\n"
    "  -o, --output     the model to write (default data/ner.model)\n"
    "  --bits N         weight table of 2^N rows (default 20)\n"
    "  --epochs N       epochs of pass 1 (default 10); --epochs2 of pass 2\n"
    "  --folds N        jackknife folds for pass 2 (default 5; 0: one pass)\n"
    "  --threads N      folds trained at once (default 2)\n"
    "  --min-count N    drop features seen fewer times (default 1)\n"
    "  --prune X        drop weight rows under X times the largest (1e-3)\n"
    "  --seed N         shuffling seed (nonzero)\n"
    "  --no-clusters, --no-gazetteers   leave those features out\n";

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* Add PATH (file or directory, recursively in sorted order) to TEXT. */
static int add_path(xc_ner_text *text, const char *path, size_t *nfiles)
{
    struct stat st;
    xc_error err = {0};
    if (stat(path, &st) != 0) {
        fprintf(stderr, "train-ner: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        char **names = NULL;
        size_t n = 0, cap = 0;
        int rc = 0;
        if (!d) {
            fprintf(stderr, "train-ner: %s: %s\n", path, strerror(errno));
            return -1;
        }
        while ((e = readdir(d))) {
            char *p;
            size_t len;
            if (e->d_name[0] == '.')
                continue;
            if (n == cap) {
                char **q = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *q);
                if (!q) {
                    rc = -1;
                    break;
                }
                names = q;
            }
            len = strlen(path) + strlen(e->d_name) + 2;
            if (!(p = malloc(len))) {
                rc = -1;
                break;
            }
            snprintf(p, len, "%s/%s", path, e->d_name);
            names[n++] = p;
        }
        closedir(d);
        if (names)
            qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n; i++) {
            if (rc == 0)
                rc = add_path(text, names[i], nfiles);
            free(names[i]);
        }
        free(names);
        return rc;
    }
    if (!S_ISREG(st.st_mode))
        return 0;
    if (ends_with(path, ".txt") || ends_with(path, ".xml") || ends_with(path, ".tml")) {
        int xml = !ends_with(path, ".txt");
        if (xc_ner_text_add_file(text, path, xml, &err) != XC_OK) {
            fprintf(stderr, "train-ner: %s\n", err.msg);
            return -1;
        }
        ++*nfiles;
    }
    return 0;
}

static int load_lexicons(xc_ner_res *res, const char *dir)
{
    for (int l = 0; l < XC_NER_NLISTS; l++) {
        char path[4096];
        FILE *f;
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        snprintf(path, sizeof path, "%s/%s", dir, xc_ner_list_files[l]);
        if (!(f = fopen(path, "r"))) {
            fprintf(stderr, "train-ner: %s: %s\n", path, strerror(errno));
            return -1;
        }
        while ((len = getline(&line, &cap, f)) > 0) {
            while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                len--;
            if (xc_ner_gaz_add(res, l, line, (size_t)len) != XC_OK) {
                fprintf(stderr, "train-ner: out of memory\n");
                free(line);
                fclose(f);
                return -1;
            }
        }
        free(line);
        fclose(f);
    }
    return 0;
}

static int parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    char *end;
    unsigned long v;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || v < lo || v > hi)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"train", required_argument, NULL, 't'},
        {"text", required_argument, NULL, 'x'},
        {"clusters", required_argument, NULL, 'c'},
        {"lexicons", required_argument, NULL, 'l'},
        {"output", required_argument, NULL, 'o'},
        {"bits", required_argument, NULL, 'b'},
        {"epochs", required_argument, NULL, 'e'},
        {"epochs2", required_argument, NULL, 'E'},
        {"folds", required_argument, NULL, 'f'},
        {"threads", required_argument, NULL, 'j'},
        {"min-count", required_argument, NULL, 'm'},
        {"prune", required_argument, NULL, 'p'},
        {"seed", required_argument, NULL, 's'},
        {"no-clusters", no_argument, NULL, 'C'},
        {"no-gazetteers", no_argument, NULL, 'G'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *train = NULL, *clusters = "data/clusters.txt", *lexdir = "data";
    const char *output = "data/ner.model";
    const char **texts = calloc((size_t)argc + 1, sizeof *texts);
    size_t ntexts = 0;
    int no_clusters = 0, no_gaz = 0, opt;
    xc_ner_train_opts o;
    xc_ner_corpus corpus = {0};
    xc_ner_res res = {0};
    xc_tagger *t = NULL;
    xc_error err = {0};
    clock_t c0 = clock();

    xc_ner_train_opts_default(&o);
    if (!texts)
        return 1;
    while ((opt = getopt_long(argc, argv, "o:vh", longopts, NULL)) != -1) {
        switch (opt) {
        case 't': train = optarg; break;
        case 'x': texts[ntexts++] = optarg; break;
        case 'c': clusters = optarg; break;
        case 'l': lexdir = optarg; break;
        case 'o': output = optarg; break;
        case 'b':
            if (parse_uint(optarg, 8, 26, &o.bits))
                goto bad;
            break;
        case 'e':
            if (parse_uint(optarg, 1, 1000, &o.epochs1))
                goto bad;
            break;
        case 'E':
            if (parse_uint(optarg, 1, 1000, &o.epochs2))
                goto bad;
            break;
        case 'f':
            if (parse_uint(optarg, 0, 100, &o.folds) || o.folds == 1)
                goto bad;
            break;
        case 'j':
            if (parse_uint(optarg, 1, 8, &o.threads))
                goto bad;
            break;
        case 'm':
            if (parse_uint(optarg, 1, 1000, &o.min_count))
                goto bad;
            break;
        case 'p': {
            char *end;
            o.prune = strtod(optarg, &end);
            if (*end || !(o.prune >= 0 && o.prune < 1))
                goto bad;
            break;
        }
        case 's': {
            char *end;
            o.seed = strtoull(optarg, &end, 10);
            if (*end || !o.seed)
                goto bad;
            break;
        }
        case 'C': no_clusters = 1; break;
        case 'G': no_gaz = 1; break;
        case 'v': o.verbose = 1; break;
        case 'h':
            fputs(usage, stdout);
            free(texts);
            return 0;
        default:
            goto bad;
        }
    }
    if (!train || optind != argc)
        goto bad;

    if (xc_ner_corpus_read(&corpus, train, &err) != XC_OK) {
        fprintf(stderr, "train-ner: %s\n", err.msg);
        return 1;
    }
    if (o.verbose)
        fprintf(stderr, "train-ner: %s: %zu documents, %zu sentences, %zu tokens\n", train,
                corpus.ndocs, corpus.nsent, corpus.ntok);

    if (!no_clusters && ntexts) {
        xc_ner_text *text = xc_ner_text_new();
        xc_ner_cluster_opts co = {0};
        size_t nfiles = 0;
        FILE *f;
        char tmp[4096];
        if (!text)
            return 1;
        for (size_t s = 0; s < corpus.nsent; s++) {
            size_t a = corpus.sent_start[s], b = corpus.sent_start[s + 1];
            if (xc_ner_text_add_tokens(text, (const char *const *)corpus.tokens + a, b - a) != XC_OK)
                return 1;
        }
        for (size_t i = 0; i < ntexts; i++)
            if (add_path(text, texts[i], &nfiles) != 0)
                return 1;
        if (o.verbose)
            fprintf(stderr, "train-ner: clustering %zu tokens (%zu files)\n",
                    xc_ner_text_ntokens(text), nfiles);
        snprintf(tmp, sizeof tmp, "%s.tmp", clusters);
        if (!(f = fopen(tmp, "w"))) {
            fprintf(stderr, "train-ner: %s: %s\n", tmp, strerror(errno));
            return 1;
        }
        if (xc_ner_cluster(text, &co, f, &err) != XC_OK) {
            fprintf(stderr, "train-ner: %s\n", err.msg);
            return 1;
        }
        if (fclose(f) != 0 || rename(tmp, clusters) != 0) {
            fprintf(stderr, "train-ner: %s: %s\n", clusters, strerror(errno));
            return 1;
        }
        xc_ner_text_free(text);
    }
    if (!no_clusters) {
        if (xc_ner_clusters_load(&res, clusters, &err) != XC_OK) {
            fprintf(stderr, "train-ner: %s\n", err.msg);
            return 1;
        }
        if (o.verbose)
            fprintf(stderr, "train-ner: %zu clustered words\n", res.clusters.n);
    }
    if (!no_gaz && load_lexicons(&res, lexdir) != 0)
        return 1;

    if (xc_ner_train(&corpus, &res, &o, &t, &err) != XC_OK) {
        fprintf(stderr, "train-ner: %s\n", err.msg);
        return 1;
    }
    if (xc_ner_save(t, output, &err) != XC_OK) {
        fprintf(stderr, "train-ner: %s\n", err.msg);
        return 1;
    }
    if (o.verbose)
        fprintf(stderr, "train-ner: wrote %s (%.1fs of CPU)\n", output,
                (double)(clock() - c0) / CLOCKS_PER_SEC);
    xc_tagger_free(t);
    xc_ner_res_free(&res);
    xc_ner_corpus_free(&corpus);
    free(texts);
    return 0;
bad:
    fputs(usage, stderr);
    free(texts);
    return 2;
}
