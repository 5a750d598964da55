/*
 * test_ner.c: the entity tagger.  Token features (shapes, affixes, flags,
 * gazetteer matches), BILOU <-> IOB conversion, training on a tiny corpus,
 * the model file (round trip, and refusal of truncated or corrupt files),
 * edge cases of tagging, and the shipped model's accuracy on CoNLL-2003
 * eng.testa (skipped when ../shared/data is absent).
 */
#include "harness.h"

#include "crosscheck.h"
#include "extract/ner.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The shipped model's F1 on eng.testa, as bench/ner.sh reports it; the test
   allows 0.5 either way.  Update it with the model. */
#define SHIPPED_TESTA_F1 90.48
#define TESTA "../shared/data/ner/conll2003/eng.testa"

static int h_skip;

/* ---- features ---------------------------------------------------------- */

static void test_shapes(void)
{
    static const struct {
        const char *word, *shape, *lshape;
    } cases[] = {
        {"Xerox", "Xx", "Xxxxx"},
        {"XEROX", "X", "XXXX"},
        {"xerox", "x", "xxxx"},
        {"McDonald", "XxXx", "XxXxxxx"},
        {"U.S.", "X.X.", "X.X."},
        {"1996-08-22", "d-d-d", "dddd-dd-dd"},
        {"3.5", "d.d", "d.d"},
        {"Étienne", "Xx", "Xxxxx"},
        {"", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[32];
        xc_ner_shape(cases[i].word, strlen(cases[i].word), out, sizeof out, 0);
        CHECK_STR(out, cases[i].shape);
        xc_ner_shape(cases[i].word, strlen(cases[i].word), out, sizeof out, 1);
        CHECK_STR(out, cases[i].lshape);
    }
    {
        char small[3];
        xc_ner_shape("McDonald", 8, small, sizeof small, 0);
        CHECK_STR(small, "Xx"); /* cut, still terminated */
    }
}

static void test_token_features(void)
{
    const char *tok[] = {"Analysts", "said", "Xerox", "U.S.", ".",
                         "XEROX", "WINS", "IN", "NEW", "YORK"};
    size_t lens[] = {5, 5};
    xc_ner_res res = {0};
    xc_ner_doc doc;
    xc_error err;

    CHECK(xc_ner_gaz_add(&res, 0, "New York", 8) == XC_OK);
    CHECK(xc_ner_gaz_add(&res, 4, "Xerox", 5) == XC_OK);
    CHECK(xc_ner_doc_init(&doc, &res, tok, lens, 2, &err) == XC_OK);
    CHECK(doc.ntok == 10 && doc.nsent == 2);
    /* affixes of the lowercase form, up to 4 characters, none as long as
       the word */
    CHECK(doc.tok[2].pre[0] == xc_ner_hash_lower("x", 1));
    CHECK(doc.tok[2].pre[3] == xc_ner_hash_lower("xero", 4));
    CHECK(doc.tok[2].suf[0] == xc_ner_hash_lower("x", 1));
    CHECK(doc.tok[2].suf[2] == xc_ner_hash_lower("rox", 3));
    CHECK(doc.tok[1].pre[3] == 0 && doc.tok[1].suf[3] == 0); /* "said": 4 chars */
    CHECK(doc.tok[1].pre[2] != 0);
    CHECK(doc.tok[2].word == xc_ner_hash("Xerox", 5));
    CHECK(doc.tok[2].lower == xc_ner_hash("xerox", 5));
    CHECK(doc.tok[5].lower == doc.tok[2].lower);
    CHECK(doc.tok[2].flags & XC_NER_F_CAP);
    CHECK(doc.tok[0].flags & XC_NER_F_FIRST);
    CHECK(!(doc.tok[2].flags & (XC_NER_F_FIRST | XC_NER_F_CAPSENT)));
    CHECK(doc.tok[1].flags & XC_NER_F_LOWER);
    CHECK(doc.tok[3].flags & XC_NER_F_UPPER);
    CHECK(!(doc.tok[4].flags & XC_NER_F_LETTER));
    /* the headline is all capitals; its words take the case they have in
       the rest of the document */
    CHECK(doc.tok[6].flags & XC_NER_F_CAPSENT);
    CHECK(((doc.tok[5].flags >> 8) & 3u) == XC_NER_CASE_TITLE);
    CHECK(((doc.tok[6].flags >> 8) & 3u) == 0); /* never seen */
    /* gazetteers: list 0 matched "NEW YORK" (case ignored) as B, L */
    CHECK(((doc.tok[8].gaz >> 0) & 7u) == 1 + XC_NER_B);
    CHECK(((doc.tok[9].gaz >> 0) & 7u) == 1 + XC_NER_L);
    CHECK(((doc.tok[2].gaz >> 12) & 7u) == 1 + XC_NER_U);
    CHECK(doc.tok[7].gaz == 0);
    /* features: a fixed count of hashes, distinct within a token */
    {
        uint64_t f[XC_NER_MAXF];
        size_t n = xc_ner_features(&doc, 2, 0, 5, 1, NULL, f), dup = 0;
        CHECK(n > 20 && n <= XC_NER_MAXF);
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++)
                dup += f[i] == f[j];
        CHECK(dup == 0);
    }
    xc_ner_doc_free(&doc);
    xc_ner_res_free(&res);
}

/* ---- labels ------------------------------------------------------------ */

static void test_labels(void)
{
    const char *iob1[] = {"I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG", "I-ORG"};
    const char *want[] = {"B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG", "I-ORG"};
    uint8_t lab[7];
    const char *tags[7];
    int per = XC_NER_PER, loc = XC_NER_LOC, org = XC_NER_ORG;

    CHECK(xc_ner_iob_to_bilou(iob1, 7, lab) == 0);
    CHECK(lab[0] == XC_NER_LABEL(per, XC_NER_B));
    CHECK(lab[1] == XC_NER_LABEL(per, XC_NER_L));
    CHECK(lab[2] == XC_NER_LABEL(per, XC_NER_U));
    CHECK(lab[3] == 0);
    CHECK(lab[4] == XC_NER_LABEL(loc, XC_NER_U));
    CHECK(lab[5] == XC_NER_LABEL(org, XC_NER_B));
    CHECK(lab[6] == XC_NER_LABEL(org, XC_NER_L));
    xc_ner_bilou_to_iob2(lab, 7, tags);
    for (int i = 0; i < 7; i++)
        CHECK_STR(tags[i], want[i]);
    /* IOB2 in, the same out */
    CHECK(xc_ner_iob_to_bilou(want, 7, lab) == 0);
    xc_ner_bilou_to_iob2(lab, 7, tags);
    for (int i = 0; i < 7; i++)
        CHECK_STR(tags[i], want[i]);
    {
        const char *three[] = {"B-MISC", "I-MISC", "I-MISC"};
        CHECK(xc_ner_iob_to_bilou(three, 3, lab) == 0);
        CHECK(lab[1] == XC_NER_LABEL(XC_NER_MISC, XC_NER_I));
    }
    {
        const char *bad[] = {"O", "I-FOO"};
        const char *bad2[] = {"X-PER"};
        CHECK(xc_ner_iob_to_bilou(bad, 2, lab) == -1);
        CHECK(xc_ner_iob_to_bilou(bad2, 1, lab) == -1);
    }
    /* ill-formed BILOU reads leniently: an L with nothing open begins */
    {
        uint8_t odd[2] = {(uint8_t)XC_NER_LABEL(per, XC_NER_L),
                          (uint8_t)XC_NER_LABEL(loc, XC_NER_I)};
        xc_ner_bilou_to_iob2(odd, 2, tags);
        CHECK_STR(tags[0], "B-PER");
        CHECK_STR(tags[1], "B-LOC");
    }
    CHECK(xc_ner_allowed(-1, XC_NER_LABEL(per, XC_NER_B)));
    CHECK(!xc_ner_allowed(-1, XC_NER_LABEL(per, XC_NER_I)));
    CHECK(xc_ner_allowed(XC_NER_LABEL(per, XC_NER_B), XC_NER_LABEL(per, XC_NER_L)));
    CHECK(!xc_ner_allowed(XC_NER_LABEL(per, XC_NER_B), XC_NER_LABEL(loc, XC_NER_L)));
    CHECK(!xc_ner_allowed(XC_NER_LABEL(per, XC_NER_B), 0));
    CHECK(!xc_ner_may_end(XC_NER_LABEL(per, XC_NER_I)));
    CHECK_STR(xc_ner_type_name(XC_NER_MISC), "MISC");
    CHECK(xc_ner_type_name(4) == NULL);
}

/* ---- training, the model file, tagging ---------------------------------- */

/* A small synthetic corpus: names, places and companies in a few frames. */
static void synthetic(xc_ner_corpus *c)
{
    static const char *first[] = {"John", "Mary", "Ruben", "Anna", "Peter"};
    static const char *last[] = {"Smith", "Vardanyan", "Meyer", "Okafor", "Lund"};
    static const char *place[] = {"Paris", "Yerevan", "Lagos", "Oslo", "Lima"};
    static const char *firm[] = {"Acme", "Globex", "Initech", "Umbrella", "Hooli"};
    for (int d = 0; d < 25; d++) {
        const char *tok[32];
        const char *tag[32];
        uint8_t lab[32];
        size_t lens[3], n = 0;
        const char *f = first[d % 5], *l = last[(d / 5) % 5], *p = place[(d + 2) % 5];
        const char *o = firm[(d + 3) % 5];
        size_t s0 = n;
#define T(w, t) (tok[n] = (w), tag[n] = (t), n++)
        T(f, "B-PER"); T(l, "I-PER"); T("visited", "O"); T(p, "B-LOC"); T("on", "O");
        T("Monday", "O"); T(".", "O");
        lens[0] = n - s0;
        s0 = n;
        T(l, "B-PER"); T("works", "O"); T("for", "O"); T(o, "B-ORG"); T("Corp", "I-ORG");
        T("in", "O"); T(p, "B-LOC"); T(".", "O");
        lens[1] = n - s0;
        s0 = n;
        T("The", "O"); T("French", "B-MISC"); T("minister", "O"); T("met", "O"); T(f, "B-PER");
        T(".", "O");
        lens[2] = n - s0;
#undef T
        {
            size_t off = 0;
            for (int s = 0; s < 3; s++) {
                CHECK(xc_ner_iob_to_bilou(tag + off, lens[s], lab + off) == 0);
                off += lens[s];
            }
        }
        CHECK(xc_ner_corpus_add_doc(c, tok, lab, lens, 3) == XC_OK);
    }
}

/* Tag every document of C with T into TAGS (c->ntok entries). */
static int tag_corpus(const xc_tagger *t, const xc_ner_corpus *c, const char **tags)
{
    size_t *lens = malloc((c->nsent + 1) * sizeof *lens);
    xc_error err;
    int ok = 1;
    for (size_t s = 0; s < c->nsent; s++)
        lens[s] = c->sent_start[s + 1] - c->sent_start[s];
    for (size_t d = 0; d < c->ndocs; d++) {
        size_t s0 = c->doc_start[d], s1 = c->doc_start[d + 1], f = c->sent_start[s0];
        if (xc_tagger_tag_document(t, (const char *const *)c->tokens + f, lens + s0, s1 - s0,
                                   tags + f, &err) != XC_OK)
            ok = 0;
    }
    free(lens);
    return ok;
}

static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *p;
    long len;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    p = malloc((size_t)len + 1);
    if (p && fread(p, 1, (size_t)len, f) != (size_t)len) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *n = (size_t)len;
    return p;
}

static void test_train_save_load(void)
{
    xc_ner_corpus c = {0};
    xc_ner_res res = {0};
    xc_ner_train_opts o;
    xc_tagger *t = NULL, *t2 = NULL;
    xc_error err;
    const char **tags, **tags2;
    char path[] = "/tmp/test_ner_XXXXXX";
    int fd, same = 1, right = 1;
    unsigned char *bytes;
    size_t n;

    synthetic(&c);
    CHECK(xc_ner_gaz_add(&res, 4, "French", 6) == XC_OK);
    xc_ner_train_opts_default(&o);
    o.bits = 14;
    o.folds = 2;
    o.threads = 1;
    CHECK(xc_ner_train(&c, &res, &o, &t, &err) == XC_OK);
    if (!t)
        return;
    tags = calloc(c.ntok, sizeof *tags);
    tags2 = calloc(c.ntok, sizeof *tags2);
    CHECK(tag_corpus(t, &c, tags));
    /* perfect on what it was trained on */
    for (size_t s = 0; s < c.nsent; s++) {
        size_t a = c.sent_start[s], b = c.sent_start[s + 1];
        const char *gold[16];
        xc_ner_bilou_to_iob2(c.labels + a, b - a, gold);
        for (size_t i = a; i < b; i++)
            right &= strcmp(tags[i], gold[i - a]) == 0;
    }
    CHECK(right);

    /* save, load, the same tags */
    fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    CHECK(xc_ner_save(t, path, &err) == XC_OK);
    CHECK(xc_tagger_load(path, &t2, &err) == XC_OK);
    if (t2) {
        CHECK(tag_corpus(t2, &c, tags2));
        for (size_t i = 0; i < c.ntok; i++)
            same &= strcmp(tags[i], tags2[i]) == 0;
        CHECK(same);
        xc_tagger_free(t2);
    }

    /* every truncation and a flipped byte anywhere are refused cleanly */
    bytes = (unsigned char *)read_all(path, &n);
    CHECK(bytes != NULL);
    if (bytes) {
        int all_refused = 1;
        for (size_t cut = 0; cut < n; cut += 1 + cut / 50) {
            xc_tagger *bad = NULL;
            if (xc_ner_load_mem(bytes, cut, &bad, &err) != XC_ERR_PARSE || bad)
                all_refused = 0;
            xc_tagger_free(bad);
        }
        CHECK(all_refused);
        all_refused = 1;
        for (size_t at = 0; at < n; at += 1 + at / 20) {
            xc_tagger *bad = NULL;
            bytes[at] ^= 0x20;
            if (xc_ner_load_mem(bytes, n, &bad, &err) != XC_ERR_PARSE || bad)
                all_refused = 0;
            bytes[at] ^= 0x20;
            xc_tagger_free(bad);
        }
        CHECK(all_refused);
        {
            xc_tagger *ok = NULL;
            CHECK(xc_ner_load_mem(bytes, n, &ok, &err) == XC_OK);
            xc_tagger_free(ok);
        }
        free(bytes);
    }
    remove(path);
    CHECK(xc_tagger_load("/nonexistent/ner.model", &t2, &err) == XC_ERR_IO && !t2);
    CHECK(strstr(err.msg, "/nonexistent/ner.model") != NULL);

    /* an empty document, empty sentences, a 10,000-token sentence */
    {
        size_t lens[3] = {0, 0, 0};
        const char *none[1] = {NULL};
        const char *out[1];
        CHECK(xc_tagger_tag_document(t, none, lens, 0, out, &err) == XC_OK);
        CHECK(xc_tagger_tag_document(t, none, lens, 3, out, &err) == XC_OK);
        CHECK(xc_tagger_tag_document(NULL, none, lens, 1, out, &err) == XC_ERR_ARG);
    }
    {
        size_t big = 10000, ok = 1;
        const char **tok = malloc(big * sizeof *tok), **out = malloc(big * sizeof *out);
        static const char *words[] = {"Ruben", "Vardanyan", "met", "Acme", "Corp", "in",
                                      "Paris", "and", "said", ",", "the", "1996"};
        for (size_t i = 0; i < big; i++)
            tok[i] = words[i % 12];
        CHECK(xc_tagger_tag_document(t, tok, &big, 1, out, &err) == XC_OK);
        for (size_t i = 0; i < big; i++)
            ok &= out[i] != NULL && (strcmp(out[i], "O") == 0 || out[i][1] == '-');
        CHECK(ok);
        free(tok);
        free(out);
    }
    {
        size_t one = 1;
        const char *nul[1] = {NULL};
        const char *out[1];
        CHECK(xc_tagger_tag_document(t, nul, &one, 1, out, &err) == XC_ERR_ARG);
    }
    free(tags);
    free(tags2);
    xc_tagger_free(t);
    xc_ner_res_free(&res);
    xc_ner_corpus_free(&c);
}

/* ---- the shipped model on CoNLL-2003 eng.testa --------------------------- */

typedef struct chunk {
    size_t start, end;
    int type;
} chunk;

/* Entities of tags[0..n) by conlleval's rules, as BILOU labels do. */
static size_t chunks_of(const char *const *tags, size_t n, chunk *out)
{
    uint8_t *lab = malloc(n + 1);
    size_t k = 0;
    if (!lab || xc_ner_iob_to_bilou(tags, n, lab) != 0) {
        free(lab);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        int l = lab[i];
        if (!l)
            continue;
        if (XC_NER_PART(l) == XC_NER_U || XC_NER_PART(l) == XC_NER_B) {
            out[k].start = i;
            out[k].type = XC_NER_TYPE(l);
        }
        if (XC_NER_PART(l) == XC_NER_U || XC_NER_PART(l) == XC_NER_L)
            out[k++].end = i + 1;
    }
    free(lab);
    return k;
}

static void test_shipped_model(void)
{
    xc_ner_corpus c = {0};
    xc_tagger *t = NULL;
    xc_error err;
    const char **pred, **gold;
    chunk *gc, *pc;
    size_t tp = 0, np = 0, ng = 0;
    double p, r, f1;

    if (access(TESTA, R_OK) != 0) {
        printf("skipped: %s not found (the shipped model's accuracy)\n", TESTA);
        h_skip++;
        return;
    }
    CHECK_MSG(xc_tagger_load(NULL, &t, &err) == XC_OK, "%s", err.msg);
    if (!t)
        return;
    CHECK(xc_ner_corpus_read(&c, TESTA, &err) == XC_OK);
    pred = calloc(c.ntok + 1, sizeof *pred);
    gold = calloc(c.ntok + 1, sizeof *gold);
    gc = calloc(c.ntok + 1, sizeof *gc);
    pc = calloc(c.ntok + 1, sizeof *pc);
    CHECK(tag_corpus(t, &c, pred));
    for (size_t s = 0; s < c.nsent; s++) {
        size_t a = c.sent_start[s], b = c.sent_start[s + 1], ngs, nps;
        xc_ner_bilou_to_iob2(c.labels + a, b - a, gold + a);
        ngs = chunks_of(gold + a, b - a, gc);
        nps = chunks_of(pred + a, b - a, pc);
        for (size_t i = 0; i < nps; i++)
            for (size_t j = 0; j < ngs; j++)
                tp += pc[i].start == gc[j].start && pc[i].end == gc[j].end &&
                      pc[i].type == gc[j].type;
        ng += ngs;
        np += nps;
    }
    p = np ? (double)tp / (double)np : 0;
    r = ng ? (double)tp / (double)ng : 0;
    f1 = p + r > 0 ? 200 * p * r / (p + r) : 0;
    printf("shipped model on eng.testa: F1 %.2f (reported %.2f)\n", f1, SHIPPED_TESTA_F1);
    CHECK_MSG(f1 > SHIPPED_TESTA_F1 - 0.5 && f1 < SHIPPED_TESTA_F1 + 0.5, "F1 %.2f", f1);
    free(pred);
    free(gold);
    free(gc);
    free(pc);
    xc_tagger_free(t);
    xc_ner_corpus_free(&c);
}

int main(void)
{
    RUN(test_shapes);
    RUN(test_token_features);
    RUN(test_labels);
    RUN(test_train_save_load);
    RUN(test_shipped_model);
    if (h_skip) {
        printf("%d passed, %d failed, %d skipped\n", h_pass, h_fail, h_skip);
        return h_fail ? 1 : 0;
    }
    DONE();
}
