/*
 * ner_train.c: training the entity tagger (ner.c) from a labelled corpus
 * such as CoNLL-2003's eng.train.  Used by tools/train-ner; not part of
 * tagging.
 *
 * Both passes are averaged perceptrons (Collins 2002) trained greedily: the
 * history features use the labels the model itself predicted, as at
 * tagging time.  Pass 2 reads pass 1's labels of the whole document; to
 * train it on labels as good (and as bad) as those it will see on new text,
 * the corpus's pass-1 labels come from jackknifing: the documents are cut
 * into FOLDS parts and each part is tagged by a pass-1 model trained on the
 * others.  Everything is deterministic: documents are shuffled each epoch
 * by a fixed-seed generator, and folds run in parallel write disjoint
 * results.
 *
 * The static features of every token are computed once per pass and kept
 * as row numbers; only the few history features are hashed during
 * training.
 */
#include "extract/ner.h"
#include "core/util.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- The corpus ------------------------------------------------------------ */

void xc_ner_corpus_free(xc_ner_corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->ntok; i++)
        free(c->tokens[i]);
    free(c->tokens);
    free(c->labels);
    free(c->doc_start);
    free(c->sent_start);
    memset(c, 0, sizeof *c);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t cap2;
    void *q;
    if (need <= *cap)
        return 0;
    cap2 = *cap ? *cap * 2 : 1024;
    while (cap2 < need)
        cap2 *= 2;
    if (!(q = realloc(*p, cap2 * size)))
        return -1;
    *p = q;
    *cap = cap2;
    return 0;
}

static xc_code corpus_reserve(xc_ner_corpus *c, size_t ndocs, size_t nsent, size_t ntok)
{
    size_t capd = c->cap_doc, caps = c->cap_sent, capt = c->cap_tok;
    if (grow((void **)&c->doc_start, &capd, ndocs + 2, sizeof *c->doc_start) ||
        grow((void **)&c->sent_start, &caps, nsent + 2, sizeof *c->sent_start))
        return XC_ERR_NOMEM;
    c->cap_doc = capd;
    c->cap_sent = caps;
    if (ntok > capt) {
        size_t t1 = capt, t2 = capt;
        if (grow((void **)&c->tokens, &t1, ntok, sizeof *c->tokens) ||
            grow((void **)&c->labels, &t2, ntok, sizeof *c->labels))
            return XC_ERR_NOMEM;
        c->cap_tok = t1 < t2 ? t1 : t2;
    }
    return XC_OK;
}

xc_code xc_ner_corpus_add_doc(xc_ner_corpus *c, const char *const *tokens,
                              const uint8_t *labels, const size_t *sent_lens,
                              size_t nsent)
{
    size_t ntok = 0;
    xc_code rc;
    for (size_t s = 0; s < nsent; s++)
        ntok += sent_lens[s];
    if ((rc = corpus_reserve(c, c->ndocs + 1, c->nsent + nsent, c->ntok + ntok)) != XC_OK)
        return rc;
    if (c->ndocs == 0) {
        c->doc_start[0] = 0;
        c->sent_start[0] = 0;
    }
    for (size_t s = 0; s < nsent; s++) {
        for (size_t i = 0; i < sent_lens[s]; i++) {
            char *t = xc_strdup(*tokens++);
            if (!t)
                return XC_ERR_NOMEM;
            c->tokens[c->ntok] = t;
            c->labels[c->ntok++] = *labels++;
        }
        c->sent_start[++c->nsent] = c->ntok;
    }
    c->doc_start[++c->ndocs] = c->nsent;
    return XC_OK;
}

/* One document being read: its tokens, tags and sentence lengths. */
typedef struct pending {
    char **tok;
    char **tag;
    size_t n, cap;
    size_t *lens;
    size_t nsent, capsent;
    size_t cur; /* tokens of the open sentence */
} pending;

static void pending_clear(pending *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->tok[i]);
        free(p->tag[i]);
    }
    p->n = p->nsent = p->cur = 0;
}

static xc_code pending_end_sentence(pending *p)
{
    size_t cap = p->capsent;
    if (!p->cur)
        return XC_OK;
    if (grow((void **)&p->lens, &cap, p->nsent + 1, sizeof *p->lens))
        return XC_ERR_NOMEM;
    p->capsent = cap;
    p->lens[p->nsent++] = p->cur;
    p->cur = 0;
    return XC_OK;
}

static xc_code pending_flush(xc_ner_corpus *c, pending *p, const char *path,
                             xc_error *err)
{
    uint8_t *labels;
    size_t off = 0;
    xc_code rc;
    if ((rc = pending_end_sentence(p)) != XC_OK)
        return xc_fail(err, rc, "out of memory");
    if (!p->nsent)
        return XC_OK;
    if (!(labels = malloc(p->n)))
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    for (size_t s = 0; s < p->nsent; s++) {
        if (xc_ner_iob_to_bilou((const char *const *)p->tag + off, p->lens[s], labels + off)) {
            free(labels);
            return xc_fail(err, XC_ERR_PARSE, "%s: a sentence has a tag that is not "
                           "O, B-T or I-T (T: PER, ORG, LOC, MISC)", path);
        }
        off += p->lens[s];
    }
    rc = xc_ner_corpus_add_doc(c, (const char *const *)p->tok, labels, p->lens, p->nsent);
    free(labels);
    pending_clear(p);
    return rc == XC_OK ? XC_OK : xc_fail(err, rc, "out of memory");
}

xc_code xc_ner_corpus_read(xc_ner_corpus *c, const char *path, xc_error *err)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    pending p = {0};
    xc_code rc = XC_OK;

    if (!f)
        return xc_fail(err, XC_ERR_IO, "%s: %s", path, strerror(errno));
    while ((len = getline(&line, &cap, f)) >= 0) {
        char *fields[2], *s, *last = NULL, *first = NULL, *save = NULL;
        size_t tcap;
        lineno++;
        for (s = strtok_r(line, " \t\r\n", &save); s; s = strtok_r(NULL, " \t\r\n", &save)) {
            if (!first)
                first = s;
            last = s;
        }
        if (!first) {
            if ((rc = pending_end_sentence(&p)) != XC_OK) {
                xc_fail(err, rc, "out of memory");
                break;
            }
            continue;
        }
        if (strcmp(first, "-DOCSTART-") == 0) {
            if ((rc = pending_flush(c, &p, path, err)) != XC_OK)
                break;
            continue;
        }
        if (first == last) {
            rc = xc_fail(err, XC_ERR_PARSE, "%s: line %zu: no tag column", path, lineno);
            break;
        }
        tcap = p.cap;
        if (grow((void **)&p.tok, &tcap, p.n + 1, sizeof *p.tok) ||
            (tcap = p.cap, grow((void **)&p.tag, &tcap, p.n + 1, sizeof *p.tag))) {
            rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
            break;
        }
        p.cap = tcap;
        fields[0] = xc_strdup(first);
        fields[1] = xc_strdup(last);
        if (!fields[0] || !fields[1]) {
            free(fields[0]);
            free(fields[1]);
            rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
            break;
        }
        p.tok[p.n] = fields[0];
        p.tag[p.n++] = fields[1];
        p.cur++;
    }
    if (rc == XC_OK && ferror(f))
        rc = xc_fail(err, XC_ERR_IO, "%s: read error", path);
    if (rc == XC_OK)
        rc = pending_flush(c, &p, path, err);
    pending_clear(&p);
    free(p.tok);
    free(p.tag);
    free(p.lens);
    free(line);
    fclose(f);
    return rc;
}

/* ---- Training ---------------------------------------------------------- */

void xc_ner_train_opts_default(xc_ner_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->bits = 20;
    o->epochs1 = 10;
    o->epochs2 = 10;
    o->folds = 5;
    o->threads = 2;
    o->min_count = 1;
    o->prune = 1e-3;
    o->seed = 0x5eed;
}

/* The corpus prepared: each document's tokens, and each token's static
   features of one pass as row numbers. */
typedef struct prepared {
    const xc_ner_corpus *c;
    xc_ner_doc *docs;
    size_t ndocs;
    size_t *doc_tok;    /* first corpus token of each document */
    size_t *foff;       /* ntok + 1 offsets into feats */
    uint32_t *feats;
    unsigned bits;
} prepared;

/* A perceptron's weights with what averaging needs: the average is
   w - u / c (Daume's trick: u sums each update times its step). */
typedef struct trainer {
    unsigned bits;
    float *w;
    double *u;
    double c;
} trainer;

static xc_code trainer_init(trainer *tr, unsigned bits)
{
    size_t n = ((size_t)1 << bits) * XC_NER_NLABELS;
    tr->bits = bits;
    tr->c = 1;
    tr->w = calloc(n, sizeof *tr->w);
    tr->u = calloc(n, sizeof *tr->u);
    if (!tr->w || !tr->u) {
        free(tr->w);
        free(tr->u);
        return XC_ERR_NOMEM;
    }
    return XC_OK;
}

static void trainer_free(trainer *tr)
{
    free(tr->w);
    free(tr->u);
    memset(tr, 0, sizeof *tr);
}

/* The averaged weights into a new float table (caller frees f->w). */
static xc_code trainer_average(const trainer *tr, xc_ner_fweights *f)
{
    size_t n = ((size_t)1 << tr->bits) * XC_NER_NLABELS;
    f->bits = tr->bits;
    if (!(f->w = malloc(n * sizeof *f->w)))
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        f->w[i] = (float)((double)tr->w[i] - tr->u[i] / tr->c);
    return XC_OK;
}

static inline void trainer_update(trainer *tr, const uint32_t *rows, size_t n,
                                  int label, float d)
{
    double cd = tr->c * (double)d;
    for (size_t k = 0; k < n; k++) {
        size_t at = (size_t)rows[k] * XC_NER_NLABELS + (size_t)label;
        tr->w[at] += d;
        tr->u[at] += cd;
    }
}

static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static void shuffle(size_t *v, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rng_next(rng) % i);
        size_t t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

/* One greedy pass over document D during training, updating TR. Returns
   the number of mistakes. */
static size_t train_doc(trainer *tr, const prepared *pr, size_t d, int pass)
{
    const xc_ner_doc *doc = &pr->docs[d];
    const uint8_t *gold = pr->c->labels + pr->doc_tok[d];
    size_t base = pr->doc_tok[d], wrong = 0;

    for (size_t s = 0; s < doc->nsent; s++) {
        size_t a = doc->sent_start[s], b = doc->sent_start[s + 1];
        int prev = -1, prev2 = -1;
        for (size_t i = a; i < b; i++) {
            uint64_t dyn[XC_NER_MAXDYN];
            uint32_t rows[XC_NER_MAXF + XC_NER_MAXDYN];
            size_t nf = pr->foff[base + i + 1] - pr->foff[base + i], nd;
            float sc[XC_NER_NLABELS] = {0};
            int best;

            memcpy(rows, pr->feats + pr->foff[base + i], nf * sizeof *rows);
            nd = xc_ner_dyn_features(doc, i, pass, prev, prev2, dyn);
            for (size_t k = 0; k < nd; k++)
                rows[nf++] = xc_ner_bucket(dyn[k], tr->bits);
            for (size_t k = 0; k < nf; k++) {
                const float *r = tr->w + (size_t)rows[k] * XC_NER_NLABELS;
                for (int l = 0; l < XC_NER_NLABELS; l++)
                    sc[l] += r[l];
            }
            best = xc_ner_best_label(sc, prev, i + 1 == b);
            if (best != gold[i]) {
                trainer_update(tr, rows, nf, gold[i], 1.0f);
                trainer_update(tr, rows, nf, best, -1.0f);
                wrong++;
            }
            tr->c += 1;
            prev2 = prev;
            prev = best;
        }
    }
    return wrong;
}

/* Static features of every token of every document for PASS (pass 2 reads
   each doc's p1).  Features seen fewer than MIN_COUNT times in the corpus
   are dropped. */
static xc_code prepare_feats(prepared *pr, int pass, unsigned min_count)
{
    uint64_t buf[XC_NER_MAXF];
    size_t total = 0, cap = 0, ntok = pr->c->ntok;
    uint64_t *all = NULL;
    xc_ner_map counts = {0};
    xc_code rc = XC_OK;

    free(pr->foff);
    free(pr->feats);
    pr->feats = NULL;
    if (!(pr->foff = malloc((ntok + 1) * sizeof *pr->foff)))
        return XC_ERR_NOMEM;
    for (size_t d = 0; d < pr->ndocs; d++) {
        const xc_ner_doc *doc = &pr->docs[d];
        xc_ner_agg agg = {0};
        if (pass == 2 && (rc = xc_ner_agg_build(&agg, doc)) != XC_OK)
            goto fail;
        for (size_t s = 0; s < doc->nsent; s++) {
            size_t a = doc->sent_start[s], b = doc->sent_start[s + 1];
            for (size_t i = a; i < b; i++) {
                size_t n = xc_ner_features(doc, i, a, b, pass, &agg, buf);
                pr->foff[pr->doc_tok[d] + i] = total;
                if (total + n > cap) {
                    size_t c2 = cap ? cap * 2 : (size_t)1 << 20;
                    uint64_t *p;
                    while (c2 < total + n)
                        c2 *= 2;
                    if (!(p = realloc(all, c2 * sizeof *all))) {
                        xc_ner_agg_free(&agg);
                        rc = XC_ERR_NOMEM;
                        goto fail;
                    }
                    all = p;
                    cap = c2;
                }
                memcpy(all + total, buf, n * sizeof *buf);
                total += n;
            }
        }
        xc_ner_agg_free(&agg);
    }
    pr->foff[ntok] = total;

    if (min_count > 1) {
        for (size_t k = 0; k < total; k++) {
            uint32_t v = xc_ner_map_get(&counts, all[k]);
            if (v < min_count && (rc = xc_ner_map_put(&counts, all[k], v + 1)) != XC_OK)
                goto fail;
        }
    }
    if (!(pr->feats = malloc((total ? total : 1) * sizeof *pr->feats))) {
        rc = XC_ERR_NOMEM;
        goto fail;
    }
    {
        size_t out = 0;
        for (size_t t = 0; t < ntok; t++) {
            size_t a = pr->foff[t], b = pr->foff[t + 1];
            pr->foff[t] = out;
            for (size_t k = a; k < b; k++)
                if (min_count <= 1 || xc_ner_map_get(&counts, all[k]) >= min_count)
                    pr->feats[out++] = xc_ner_bucket(all[k], pr->bits);
        }
        pr->foff[ntok] = out;
    }
fail:
    xc_ner_map_free(&counts);
    free(all);
    return rc;
}

/* Train one pass on the documents whose fold is not SKIP (all when SKIP
   is -1) into *OUT (averaged). */
typedef struct job {
    const prepared *pr;
    const xc_ner_train_opts *o;
    int pass;
    long skip;           /* fold left out, -1: none */
    unsigned epochs;
    xc_ner_fweights out;
    xc_code rc;
    uint8_t *predict;    /* when set: tag the left-out fold into it */
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    const prepared *pr = j->pr;
    trainer tr;
    size_t *order, n = 0;
    uint64_t rng = j->o->seed * 0x9e3779b97f4a7c15ULL + (uint64_t)(j->skip + 2) * 1000003u +
                   (uint64_t)j->pass;

    if (!rng)
        rng = 1;
    j->rc = XC_OK;
    if (!(order = malloc((pr->ndocs ? pr->ndocs : 1) * sizeof *order))) {
        j->rc = XC_ERR_NOMEM;
        return NULL;
    }
    for (size_t d = 0; d < pr->ndocs; d++)
        if (j->skip < 0 || (long)(d % j->o->folds) != j->skip)
            order[n++] = d;
    if ((j->rc = trainer_init(&tr, pr->bits)) != XC_OK) {
        free(order);
        return NULL;
    }
    for (unsigned e = 0; e < j->epochs; e++) {
        size_t wrong = 0;
        shuffle(order, n, &rng);
        for (size_t k = 0; k < n; k++)
            wrong += train_doc(&tr, pr, order[k], j->pass);
        if (j->o->verbose)
            fprintf(stderr, "train-ner: pass %d fold %ld epoch %u: %zu mistakes\n",
                    j->pass, j->skip, e + 1, wrong);
    }
    free(order);
    j->rc = trainer_average(&tr, &j->out);
    trainer_free(&tr);
    if (j->rc == XC_OK && j->predict) {
        for (size_t d = 0; d < pr->ndocs; d++) {
            if ((long)(d % j->o->folds) != j->skip)
                continue;
            xc_ner_decode(NULL, &j->out, &pr->docs[d], j->pass, NULL,
                          j->predict + pr->doc_tok[d]);
        }
        free(j->out.w);
        j->out.w = NULL;
    }
    return NULL;
}

/* Run jobs J[0..N), THREADS at a time. */
static xc_code run_jobs(job *j, size_t n, unsigned threads)
{
    size_t k = 0;
    if (threads < 1)
        threads = 1;
    while (k < n) {
        pthread_t th[8];
        int started[8] = {0};
        size_t m = 0;
        for (; m < threads && m < 8 && k + m < n; m++)
            started[m] = m > 0 && pthread_create(&th[m], NULL, run_job, &j[k + m]) == 0;
        run_job(&j[k]);
        for (size_t i = 1; i < m; i++) {
            if (started[i])
                pthread_join(th[i], NULL);
            else
                run_job(&j[k + i]);
        }
        for (size_t i = 0; i < m; i++)
            if (j[k + i].rc != XC_OK)
                return j[k + i].rc;
        k += m;
    }
    return XC_OK;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

xc_code xc_ner_train(const xc_ner_corpus *c, xc_ner_res *res,
                     const xc_ner_train_opts *o, xc_tagger **out,
                     xc_error *err)
{
    prepared pr = {0};
    xc_tagger *t = NULL;
    uint8_t *p1 = NULL;
    job *jobs = NULL;
    xc_code rc = XC_OK;
    double t0 = now();

    *out = NULL;
    if (o->bits < 8 || o->bits > 26 || (o->folds == 1))
        return xc_fail(err, XC_ERR_ARG, "bad training options (bits 8..26, folds 0 or >= 2)");
    if (!(t = calloc(1, sizeof *t)))
        return xc_fail(err, XC_ERR_NOMEM, "out of memory");
    t->res = *res;
    memset(res, 0, sizeof *res);
    t->npasses = o->folds ? 2 : 1;

    pr.c = c;
    pr.bits = o->bits;
    pr.ndocs = c->ndocs;
    pr.docs = calloc(c->ndocs ? c->ndocs : 1, sizeof *pr.docs);
    pr.doc_tok = malloc((c->ndocs + 1) * sizeof *pr.doc_tok);
    p1 = calloc(c->ntok ? c->ntok : 1, 1);
    jobs = calloc(o->folds + 1, sizeof *jobs);
    if (!pr.docs || !pr.doc_tok || !p1 || !jobs) {
        rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t d = 0; d < c->ndocs; d++) {
        size_t s0 = c->doc_start[d], s1 = c->doc_start[d + 1];
        size_t first = c->sent_start[s0], nsent = s1 - s0;
        size_t *lens = malloc((nsent ? nsent : 1) * sizeof *lens);
        if (!lens) {
            rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t s = 0; s < nsent; s++)
            lens[s] = c->sent_start[s0 + s + 1] - c->sent_start[s0 + s];
        pr.doc_tok[d] = first;
        rc = xc_ner_doc_init(&pr.docs[d], &t->res, (const char *const *)c->tokens + first,
                             lens, nsent, err);
        free(lens);
        if (rc != XC_OK)
            goto done;
    }
    pr.doc_tok[c->ndocs] = c->ntok;

    /* pass 1: the jackknifed labels for pass 2, then the model on all */
    if ((rc = prepare_feats(&pr, 1, o->min_count)) != XC_OK) {
        xc_fail(err, rc, "out of memory");
        goto done;
    }
    if (o->verbose)
        fprintf(stderr, "train-ner: %zu documents, %zu tokens, %zu features of pass 1 (%.1fs)\n",
                c->ndocs, c->ntok, pr.foff[c->ntok], now() - t0);
    for (unsigned k = 0; k < o->folds; k++) {
        jobs[k].pr = &pr;
        jobs[k].o = o;
        jobs[k].pass = 1;
        jobs[k].skip = (long)k;
        jobs[k].epochs = o->epochs1;
        jobs[k].predict = p1;
    }
    jobs[o->folds].pr = &pr;
    jobs[o->folds].o = o;
    jobs[o->folds].pass = 1;
    jobs[o->folds].skip = -1;
    jobs[o->folds].epochs = o->epochs1;
    if ((rc = run_jobs(jobs, o->folds + 1, o->threads)) != XC_OK) {
        xc_fail(err, rc, "out of memory");
        goto done;
    }
    rc = xc_ner_weights_from_float(&t->pass[0], &jobs[o->folds].out, o->prune);
    free(jobs[o->folds].out.w);
    jobs[o->folds].out.w = NULL;
    if (rc != XC_OK) {
        xc_fail(err, rc, "out of memory");
        goto done;
    }
    if (o->verbose && o->folds) {
        size_t right = 0;
        for (size_t i = 0; i < c->ntok; i++)
            right += p1[i] == c->labels[i];
        fprintf(stderr, "train-ner: jackknifed pass 1 labels %.2f%% right (%.1fs)\n",
                100.0 * (double)right / (double)(c->ntok ? c->ntok : 1), now() - t0);
    }

    /* pass 2 on the jackknifed labels */
    if (o->folds) {
        job j2 = {0};
        for (size_t d = 0; d < c->ndocs; d++)
            memcpy(pr.docs[d].p1, p1 + pr.doc_tok[d], pr.docs[d].ntok);
        if ((rc = prepare_feats(&pr, 2, o->min_count)) != XC_OK) {
            xc_fail(err, rc, "out of memory");
            goto done;
        }
        j2.pr = &pr;
        j2.o = o;
        j2.pass = 2;
        j2.skip = -1;
        j2.epochs = o->epochs2;
        run_job(&j2);
        if ((rc = j2.rc) == XC_OK)
            rc = xc_ner_weights_from_float(&t->pass[1], &j2.out, o->prune);
        free(j2.out.w);
        if (rc != XC_OK) {
            xc_fail(err, rc, "out of memory");
            goto done;
        }
    } else {
        t->pass[1].bits = o->bits;
        t->pass[1].scale = 1;
        t->pass[1].nrows = 1;
        t->pass[1].slots = calloc(((size_t)1 << o->bits) / 64, sizeof *t->pass[1].slots);
        t->pass[1].rows = calloc(XC_NER_ROW, sizeof *t->pass[1].rows);
        if (!t->pass[1].slots || !t->pass[1].rows) {
            rc = xc_fail(err, XC_ERR_NOMEM, "out of memory");
            goto done;
        }
    }
    if (o->verbose)
        fprintf(stderr, "train-ner: done, %zu + %zu rows (%.1fs)\n", t->pass[0].nrows - 1,
                t->pass[1].nrows - 1, now() - t0);

done:
    for (size_t d = 0; pr.docs && d < pr.ndocs; d++)
        xc_ner_doc_free(&pr.docs[d]);
    free(pr.docs);
    free(pr.doc_tok);
    free(pr.foff);
    free(pr.feats);
    for (unsigned k = 0; jobs && k <= o->folds; k++)
        free(jobs[k].out.w);
    free(jobs);
    free(p1);
    if (rc != XC_OK) {
        xc_tagger_free(t);
        return rc;
    }
    *out = t;
    return XC_OK;
}
