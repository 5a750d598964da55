/*
 * tag.c: "crosscheck tag", the entity tagger on tokenized text.  Reads
 * CoNLL lines (a token first on each line, sentences separated by blank
 * lines, documents by -DOCSTART- lines) and writes each line back with one
 * more column: the predicted IOB2 tag.  Blank and -DOCSTART- lines pass
 * through unchanged.  Uses the public API only.
 *
 * Memory stays bounded: a line over MAX_LINE bytes is an error (found
 * without holding the line), and a document over MAX_DOC bytes is tagged in
 * parts cut at sentence ends.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE ((size_t)1 << 20)
#define MAX_DOC ((size_t)64 << 20)


static const char tag_usage[] =
    "usage: crosscheck tag --conll [--model PATH] [FILE|-]\n\n"
    "Tag the names of people (PER), organizations (ORG), places (LOC) and other\n"
    "named things (MISC) in tokenized text.  With --conll the input is CoNLL:\n"
    "one token per line as the first column, a blank line after each sentence,\n"
    "and -DOCSTART- lines between documents (earlier sentences of a document\n"
    "inform later ones).  Each line is written back with its IOB2 tag (O,\n"
    "B-PER, I-PER, ...) as one more column.  Reads standard input when no file\n"
    "or - is given.\n\n"
    "  --conll        the input is CoNLL (required for now)\n"
    "  --model PATH   the tagger model (default: the installed ner.model)\n\n"
    "Exit status: 0 success, 1 the input or the model could not be read, 2 usage.\n";

/* One document's lines, kept until it is tagged. */
typedef struct doc_lines {
    char *text;         /* lines, each NUL-terminated */
    size_t len, cap;
    size_t *line;       /* offset of each line in text */
    size_t nline, capline;
    unsigned char *is_tok; /* per line: a token line (capline entries) */
    size_t capflag;
    size_t *tok;        /* offset of each token (a copy, NUL-terminated) */
    size_t ntok, captok;
    size_t *sent;       /* tokens per sentence */
    size_t nsent, capsent;
    size_t open;        /* tokens of the sentence being read */
    const char **ptrs;  /* scratch: token pointers */
    const char **tags;
    size_t capptrs, captags;
} doc_lines;

static int grow(void *pp, size_t *cap, size_t need, size_t size)
{
    void **p = pp;
    size_t c = *cap ? *cap : 256;
    void *q;
    if (need <= *cap)
        return 0;
    while (c < need)
        c *= 2;
    if (!(q = realloc(*p, c * size)))
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static int append(doc_lines *d, const char *s, size_t n, size_t *off)
{
    if (grow(&d->text, &d->cap, d->len + n + 1, 1))
        return -1;
    memcpy(d->text + d->len, s, n);
    d->text[d->len + n] = '\0';
    *off = d->len;
    d->len += n + 1;
    return 0;
}

/* Room for one more line. */
static int line_room(doc_lines *d)
{
    return grow(&d->line, &d->capline, d->nline + 1, sizeof *d->line) ||
           grow(&d->is_tok, &d->capflag, d->nline + 1, 1);
}

static int end_sentence(doc_lines *d)
{
    if (!d->open)
        return 0;
    if (grow(&d->sent, &d->capsent, d->nsent + 1, sizeof *d->sent))
        return -1;
    d->sent[d->nsent++] = d->open;
    d->open = 0;
    return 0;
}

/* Tag the document read so far and write it out. */
static int flush(doc_lines *d, const xc_tagger *t, FILE *out, const char *what)
{
    xc_error err;
    size_t k = 0;
    if (end_sentence(d) || grow(&d->ptrs, &d->capptrs, d->ntok + 1, sizeof *d->ptrs) ||
        grow(&d->tags, &d->captags, d->ntok + 1, sizeof *d->tags)) {
        say(what, "out of memory");
        return 1;
    }
    for (size_t i = 0; i < d->ntok; i++)
        d->ptrs[i] = d->text + d->tok[i];
    if (xc_tagger_tag_document(t, d->ptrs, d->sent, d->nsent, d->tags, &err) != XC_OK) {
        say(what, "%s", err.msg);
        return 1;
    }
    for (size_t i = 0; i < d->nline; i++) {
        fputs(d->text + d->line[i], out);
        if (d->is_tok[i] && k < d->ntok) {
            fputc(' ', out);
            fputs(d->tags[k++], out);
        }
        fputc('\n', out);
    }
    d->len = d->nline = d->ntok = d->nsent = d->open = 0;
    return 0;
}

/* Take one complete line (without its newline). */
static int take_line(doc_lines *d, const xc_tagger *t, FILE *out, const char *what,
                     const char *s, size_t n)
{
    size_t a = 0, b, off, toff;
    int rc;
    if (n && s[n - 1] == '\r')
        n--;
    while (a < n && (s[a] == ' ' || s[a] == '\t'))
        a++;
    if (a == n) { /* blank: a sentence ends */
        if (end_sentence(d) || line_room(d) || append(d, s, n, &off))
            goto nomem;
        d->is_tok[d->nline] = 0;
        d->line[d->nline++] = off;
        return 0;
    }
    b = a;
    while (b < n && s[b] != ' ' && s[b] != '\t')
        b++;
    if (b - a == 10 && memcmp(s + a, "-DOCSTART-", 10) == 0) {
        if ((rc = flush(d, t, out, what)) != 0)
            return rc;
        fwrite(s, 1, n, out);
        fputc('\n', out);
        return 0;
    }
    /* a long document is tagged in parts, cut at a sentence end */
    if (d->len > MAX_DOC && !d->open && (rc = flush(d, t, out, what)) != 0)
        return rc;
    if (line_room(d) || grow(&d->tok, &d->captok, d->ntok + 1, sizeof *d->tok) ||
        append(d, s, n, &off) || append(d, s + a, b - a, &toff))
        goto nomem;
    d->is_tok[d->nline] = 1;
    d->line[d->nline++] = off;
    d->tok[d->ntok++] = toff;
    d->open++;
    return 0;
nomem:
    say(what, "out of memory");
    return 1;
}

static int tag_stream(FILE *in, const char *what, const xc_tagger *t, FILE *out)
{
    char *chunk = malloc(1 << 16), *line = NULL;
    size_t llen = 0, lcap = 0, lineno = 0;
    int rc = 0, over = 0;
    doc_lines d = {0};

    if (!chunk) {
        say(what, "out of memory");
        return 1;
    }
    for (;;) {
        size_t got = fread(chunk, 1, 1 << 16, in), i = 0;
        if (!got)
            break;
        while (i < got && rc == 0) {
            char *nl = memchr(chunk + i, '\n', got - i);
            size_t n = nl ? (size_t)(nl - chunk) - i : got - i;
            if (!over) {
                if (llen + n > MAX_LINE) {
                    over = 1;
                } else if (grow(&line, &lcap, llen + n + 1, 1)) {
                    say(what, "out of memory");
                    rc = 1;
                    break;
                } else {
                    memcpy(line + llen, chunk + i, n);
                    llen += n;
                }
            }
            i += n;
            if (nl) {
                i++;
                lineno++;
                if (over) {
                    fprintf(stderr, "crosscheck: %s: line %zu is over the limit\n", what, lineno);
                    rc = 1;
                    break;
                }
                rc = take_line(&d, t, out, what, line ? line : "", llen);
                llen = 0;
            }
        }
        if (rc)
            break;
    }
    if (rc == 0 && ferror(in)) {
        say(what, "%s", strerror(errno ? errno : EIO));
        rc = 1;
    }
    if (rc == 0 && over) {
        fprintf(stderr, "crosscheck: %s: line %zu is over the limit\n", what, lineno + 1);
        rc = 1;
    }
    if (rc == 0 && llen)
        rc = take_line(&d, t, out, what, line, llen);
    if (rc == 0)
        rc = flush(&d, t, out, what);
    free(chunk);
    free(line);
    free(d.text);
    free(d.line);
    free(d.is_tok);
    free(d.tok);
    free(d.sent);
    free(d.ptrs);
    free(d.tags);
    return rc;
}

int xc_cli_tag(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"conll", no_argument, NULL, 'c'},
        {"model", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *model = NULL, *path = NULL, *what;
    int conll = 0, opt, rc;
    xc_tagger *t;
    xc_error err;
    FILE *in;
    static char outbuf[1 << 16];

    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c': conll = 1; break;
        case 'm': model = optarg; break;
        case 'h': fputs(tag_usage, stdout); return 0;
        default:
            fprintf(stderr, "crosscheck: %s: unknown option, or it needs a value\n"
                    "Try 'crosscheck tag --help' for more.\n", argv[optind - 1]);
            return 2;
        }
    }
    if (argc - optind > 1) {
        fputs("crosscheck: tag: give one file, or none for standard input\n"
              "Try 'crosscheck tag --help' for more.\n", stderr);
        return 2;
    }
    if (!conll) {
        fputs("crosscheck: tag: give --conll (only CoNLL input is read for now)\n"
              "Try 'crosscheck tag --help' for more.\n", stderr);
        return 2;
    }
    if (optind < argc && strcmp(argv[optind], "-") != 0)
        path = argv[optind];
    if (xc_tagger_load(model, &t, &err) != XC_OK) {
        fprintf(stderr, "crosscheck: %s\n", err.msg);
        return 1;
    }
    what = path ? path : "standard input";
    if (!path) {
        in = stdin;
    } else if (!(in = fopen(path, "r"))) {
        say(path, "%s", strerror(errno));
        xc_tagger_free(t);
        return 1;
    }
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    rc = tag_stream(in, what, t, stdout);
    if (path)
        fclose(in);
    xc_tagger_free(t);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        say("standard output", "%s", strerror(errno ? errno : EIO));
        return 1;
    }
    return rc;
}
