/*
 * test_cluster.c: near-copies and stories (src/cluster).  MinHash must
 * estimate the resemblance of generated texts within tolerance; an edited
 * copy of an article must be found and an unrelated article not; two
 * incidents of the same kind (two earthquakes) must stay two stories
 * while the reports of each join; the same documents in the same order
 * must give the same stories; a report that fits two stories well must
 * merge them; bad input must fail cleanly.
 */
#include "harness.h"
#include "fixtures.h"

#include "cluster/cluster.h"
#include "core/dossier.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A deterministic generator of words: "w" and a number below VOCAB. */
static uint64_t rng = 88172645463325252ULL;
static unsigned next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

#define NWORDS 600
#define VOCAB 5000

/* The words of a text: each "w<number>", separated by one space. */
static char *join_words(const unsigned *w, size_t n)
{
    char *s = malloc(n * 8 + 1), *p = s;
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%sw%u", i ? " " : "", w[i]);
    *p = '\0';
    return s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The exact Jaccard resemblance of the 5-word shingle sets of A and B. */
static double exact_jaccard(const unsigned *a, const unsigned *b, size_t n)
{
    size_t m = n - XC_MH_SHINGLE + 1, na = 0, nb = 0, inter = 0, i = 0, j = 0;
    char **sa = malloc(m * sizeof *sa), **sb = malloc(m * sizeof *sb);
    for (size_t k = 0; k < m; k++) {
        sa[k] = join_words(a + k, XC_MH_SHINGLE);
        sb[k] = join_words(b + k, XC_MH_SHINGLE);
    }
    qsort(sa, m, sizeof *sa, cmp_str);
    qsort(sb, m, sizeof *sb, cmp_str);
    for (size_t k = 0; k < m; k++) {
        if (!k || strcmp(sa[k], sa[na - 1]))
            sa[na++] = sa[k];
        else
            free(sa[k]);
        if (!k || strcmp(sb[k], sb[nb - 1]))
            sb[nb++] = sb[k];
        else
            free(sb[k]);
    }
    while (i < na && j < nb) {
        int c = strcmp(sa[i], sb[j]);
        inter += c == 0;
        i += c <= 0;
        j += c >= 0;
    }
    for (size_t k = 0; k < na; k++)
        free(sa[k]);
    for (size_t k = 0; k < nb; k++)
        free(sb[k]);
    free(sa);
    free(sb);
    return (double)inter / (double)(na + nb - inter);
}

static xc_doc *doc_of(const char *text, const char *source, const char *published)
{
    xc_doc *d = NULL;
    xc_error err;
    xc_read_opts ro = {0};
    ro.published = published;
    if (xc_doc_from_bytes(source, text, strlen(text), &ro, &d, &err) != XC_OK)
        fprintf(stderr, "%s: %s\n", source, err.msg);
    return d;
}

static xc_features *features_of(const char *text)
{
    xc_doc *d = doc_of(text, "gen.txt", NULL);
    xc_features *f = NULL;
    xc_error err;
    CHECK(d != NULL);
    if (d && xc_features_compute(d, &f, &err) != XC_OK)
        fprintf(stderr, "features: %s\n", err.msg);
    xc_doc_free(d);
    return f;
}

static void test_resemblance(void)
{
    static const double edits[] = {0.0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0};
    unsigned a[NWORDS], b[NWORDS];
    for (size_t i = 0; i < NWORDS; i++)
        a[i] = next_rand() % VOCAB;
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        char *ta, *tb;
        xc_features *fa, *fb;
        double exact, est;
        memcpy(b, a, sizeof a);
        for (size_t i = 0; i < NWORDS; i++)
            if ((double)(next_rand() % 10000) < edits[e] * 10000)
                b[i] = VOCAB + next_rand() % VOCAB; /* a word A never has */
        ta = join_words(a, NWORDS);
        tb = join_words(b, NWORDS);
        fa = features_of(ta);
        fb = features_of(tb);
        CHECK(fa && fb);
        if (fa && fb) {
            exact = exact_jaccard(a, b, NWORDS);
            est = xc_mh_resemblance(fa->minhash, fb->minhash);
            CHECK_MSG(est > exact - 0.15 && est < exact + 0.15,
                      "edits %.2f: exact %.3f, estimated %.3f", edits[e], exact, est);
            CHECK(fa->nshingles == NWORDS - XC_MH_SHINGLE + 1);
        }
        xc_features_free(fa);
        xc_features_free(fb);
        free(ta);
        free(tb);
    }
}

/* ---- documents for the dossier tests ------------------------------------- */

static const char *const quake_a[] = {
    "Title: Strong earthquake shakes Napa Valley\n\n"
    "A magnitude 6.0 earthquake struck near Napa, California, early on Sunday, "
    "injuring more than 120 people and damaging historic buildings downtown. "
    "Governor Jerry Brown declared a state of emergency for Napa County. "
    "The quake was the strongest to hit the San Francisco Bay Area since 1989, "
    "the United States Geological Survey said. Fire crews fought six blazes "
    "in a mobile home park, and wineries counted broken barrels.\n",
    "Title: Napa quake injures dozens\n\n"
    "The 6.0 magnitude quake centred south of Napa woke residents across the Bay Area "
    "at 3:20 am on Sunday. Jerry Brown, the governor of California, declared an "
    "emergency as Napa County officials inspected damaged buildings. Queen of the "
    "Valley Medical Center treated more than 120 people. The USGS said it was the "
    "largest earthquake in the region in 25 years; wineries reported losses.\n",
    "Title: Californian wine country cleans up after earthquake\n\n"
    "Residents of Napa swept up glass on Sunday after a magnitude 6.0 earthquake "
    "damaged homes and wineries. Governor Jerry Brown declared a state of emergency. "
    "Officials in Napa County said 120 people were hurt, three of them seriously, "
    "and the United States Geological Survey warned of aftershocks.\n",
};

static const char *const quake_b[] = {
    "Title: Powerful earthquake devastates Haiti\n\n"
    "A magnitude 7.0 earthquake struck Haiti on Tuesday, collapsing the presidential "
    "palace in Port-au-Prince and killing thousands. President Rene Preval said the "
    "devastation was unimaginable. The United Nations mission headquarters was "
    "destroyed and its chief Hedi Annabi was missing. Aid agencies rushed rescue "
    "teams to the Caribbean nation, the poorest in the Americas.\n",
    "Title: Thousands feared dead in Haiti quake\n\n"
    "Bodies lay in the streets of Port-au-Prince on Wednesday after the 7.0 magnitude "
    "quake flattened schools, hospitals and the presidential palace. Haiti's President "
    "Rene Preval said parliament had collapsed. The United Nations said Hedi Annabi, "
    "head of its mission, was missing, and the Red Cross estimated three million "
    "Haitians were affected.\n",
    "Title: Rescuers dig for survivors in Port-au-Prince\n\n"
    "Rescue teams from the United States, France and China reached Port-au-Prince on "
    "Wednesday, a day after a magnitude 7.0 earthquake devastated Haiti. President "
    "Rene Preval slept at the airport. The United Nations confirmed its mission chief "
    "Hedi Annabi was among the missing as aftershocks shook the capital.\n",
};

/* A dossier of TEXTS (N), built with clustering on. */
static xc_dossier *dossier_of(const char *const *texts, size_t n, int clustering)
{
    xc_dossier *d = xc_dossier_new();
    xc_error err;
    CHECK(d != NULL);
    for (size_t i = 0; i < n; i++) {
        char src[32];
        snprintf(src, sizeof src, "doc%zu.txt", i);
        CHECK(xc_dossier_add(d, doc_of(texts[i], src, NULL)) == XC_OK);
    }
    CHECK(xc_dossier_set_clustering(d, clustering) == XC_OK);
    if (xc_dossier_build(d, &err) != XC_OK) {
        fprintf(stderr, "build: %s\n", err.msg);
        CHECK(0);
    }
    return d;
}

/* The story of document I in D, or -1. */
static long story_of(const xc_dossier *d, size_t i)
{
    for (size_t s = 0; s < d->nstories; s++)
        for (size_t k = 0; k < d->stories[s].ndocs; k++)
            if (d->stories[s].docs[k] == i)
                return (long)s;
    return -1;
}

static void test_near_copy(void)
{
    char *orig = slurp("examples/karabakh-detainees/001_a54f99c3ef061391.txt", NULL);
    char *other = slurp("examples/karabakh-detainees/002_bf5cbe84f216a6c4.txt", NULL);
    char *edited;
    const char *texts[4];
    xc_dossier *d;
    CHECK(orig && other);
    if (!orig || !other) {
        free(orig);
        free(other);
        return;
    }
    /* the same article as another site runs it: a new headline line, an
       update at the end, one word changed */
    edited = malloc(strlen(orig) + 200);
    sprintf(edited, "Reposted from Mediamax\n\n%s\nUPDATE: the office of the president "
                    "did not reply to a request for comment.\n", orig);
    {
        char *p = strstr(edited, " the ");
        if (p)
            memcpy(p, " THE ", 5);
    }
    texts[0] = orig;
    texts[1] = other;
    texts[2] = edited;
    texts[3] = quake_a[0];
    d = dossier_of(texts, 4, 0);
    CHECK(d && d->copy_of != NULL);
    if (d && d->copy_of) {
        CHECK(d->copy_of[0] == -1);
        CHECK(d->copy_of[1] == -1); /* the same story, told by another outlet */
        CHECK(d->copy_of[2] == 0);  /* the edited copy */
        CHECK(d->copy_of[3] == -1);
        /* without --all: one story of everything, as given */
        CHECK(d->nstories == 1 && d->stories[0].ndocs == 4);
    }
    xc_dossier_free(d);
    free(edited);
    free(orig);
    free(other);
}

static void test_incidents_apart(void)
{
    const char *texts[6];
    long a, b;
    xc_dossier *d;
    /* interleaved, as a feed would bring them */
    for (size_t i = 0; i < 3; i++) {
        texts[2 * i] = quake_a[i];
        texts[2 * i + 1] = quake_b[i];
    }
    d = dossier_of(texts, 6, 1);
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_MSG(d->nstories == 2, "%zu stories", d->nstories);
    a = story_of(d, 0);
    b = story_of(d, 1);
    CHECK(a >= 0 && b >= 0 && a != b);
    CHECK(story_of(d, 2) == a && story_of(d, 4) == a);
    CHECK(story_of(d, 3) == b && story_of(d, 5) == b);
    /* the title of a story is one of its documents' headlines */
    CHECK(d->stories[0].title && strstr(d->stories[0].title, "Napa"));
    xc_dossier_free(d);
}

static void test_determinism(void)
{
    const char *texts[6] = {quake_b[0], quake_a[0], quake_a[1],
                            quake_b[1], quake_a[2], quake_b[2]};
    xc_dossier *d1 = dossier_of(texts, 6, 1), *d2 = dossier_of(texts, 6, 1);
    CHECK(d1 && d2 && d1->nstories == d2->nstories);
    for (size_t i = 0; d1 && d2 && i < 6; i++)
        CHECK(story_of(d1, i) == story_of(d2, i));
    xc_dossier_free(d1);
    xc_dossier_free(d2);
}

/* A vector of the keys K (unit weights), undated. */
static xc_vec vec_of(const uint64_t *k, size_t n)
{
    xc_vec v;
    memset(&v, 0, sizeof v);
    v.terms = malloc(n * sizeof *v.terms);
    for (size_t i = 0; i < n; i++)
        v.terms[i] = (xc_term){k[i], (float)(1.0 / sqrt((double)n))};
    v.nterms = n;
    v.day = XC_DAY_NONE;
    return v;
}

static void test_bridge(void)
{
    /* two stories with nothing in common, then a report that tells both
       (the keys sorted, as vectors are) */
    static const uint64_t a[] = {11, 12, 13, 14}, b[] = {21, 22, 23, 24},
                          both[] = {11, 12, 13, 14, 21, 22, 23, 24};
    xc_stories *s = xc_stories_new();
    xc_vec va = vec_of(a, 4), vb = vec_of(b, 4), vab = vec_of(both, 8);
    size_t of[4];
    CHECK(s != NULL);
    CHECK(xc_stories_add(s, &va, -1) == XC_OK);
    CHECK(xc_stories_add(s, &vb, -1) == XC_OK);
    CHECK(xc_stories_result(s, of) == 2 && of[0] != of[1]);
    CHECK(xc_stories_add(s, &vab, -1) == XC_OK);
    CHECK(xc_stories_result(s, of) == 1 && of[0] == of[1] && of[1] == of[2]);
    /* a near-copy joins its original's story whatever it says */
    CHECK(xc_stories_add(s, &va, 1) == XC_OK);
    CHECK(xc_stories_result(s, of) == 1 && of[3] == of[1]);
    xc_stories_free(s);
    xc_vec_free(&va);
    xc_vec_free(&vb);
    xc_vec_free(&vab);
}

static void test_numbers(void)
{
    /* numbers written in digits are keyed apart from words */
    xc_features *f = features_of("The quake of magnitude 6.1 killed 42 people in Napa in 2014.");
    size_t nnum = 0;
    CHECK(f != NULL);
    for (size_t i = 0; f && i < f->nterms; i++)
        nnum += (f->terms[i].key & XC_KEY_NUMBER) != 0;
    CHECK_MSG(f && nnum >= 2 && nnum < f->nterms, "%zu numbers", nnum);
    xc_features_free(f);
    /* same words: the same numbers fit, other numbers fit less, none is
       judged on the words alone (keys sorted, as in every vector) */
    {
        const uint64_t N = XC_KEY_NUMBER;
        static const uint64_t w[] = {1, 2, 3, 4};
        const uint64_t same[] = {1, 2, 3, 4, N | 42, N | 61},
                       other[] = {1, 2, 3, 4, N | 7, N | 59};
        xc_vec vs = vec_of(same, 6), vo = vec_of(other, 6), vw = vec_of(w, 4);
        xc_centroid c;
        double ss, so, sw;
        memset(&c, 0, sizeof c);
        CHECK(xc_centroid_add(&c, &vs) == XC_OK);
        ss = xc_story_score(&vs, &c);
        so = xc_story_score(&vo, &c);
        sw = xc_story_score(&vw, &c);
        CHECK_MSG(ss > 0.99 && sw > 0.99 && so < ss - 0.1, "%g %g %g", ss, so, sw);
        xc_centroid_free(&c);
        xc_vec_free(&vs);
        xc_vec_free(&vo);
        xc_vec_free(&vw);
    }
}

static void test_bad_input(void)
{
    xc_features *f = (xc_features *)&f;
    xc_error err;
    xc_doc *d = xc_doc_new();
    int32_t copy[2];
    CHECK(xc_features_compute(NULL, &f, &err) == XC_ERR_ARG && f == NULL);
    CHECK(xc_features_compute(d, NULL, &err) == XC_ERR_ARG);
    CHECK(xc_features_compute(d, &f, &err) == XC_ERR_ARG); /* no text */
    xc_features_free(NULL);
    xc_doc_free(d);
    /* a text of punctuation only: no shingles, never anyone's copy */
    f = features_of("... !!! ??? --- ;;;");
    CHECK(f && f->nshingles == 0 && f->nterms == 0);
    {
        const xc_features *two[2] = {f, f};
        CHECK(xc_mh_near_copies(two, 2, copy, NULL) == XC_OK);
        CHECK(copy[0] == -1 && copy[1] == -1);
    }
    xc_features_free(f);
    /* damaged packed terms are refused */
    {
        xc_term *v;
        size_t n;
        unsigned char junk[13] = {0};
        CHECK(xc_feat_unpack(junk, sizeof junk, &v, &n) == XC_ERR_DB && v == NULL);
    }
    CHECK(xc_dossier_set_clustering(NULL, 1) == XC_ERR_ARG);
    CHECK(xc_feat_day("2024-02-30x") == XC_DAY_NONE);
    CHECK(xc_feat_day("1970-01-01") == 0 && xc_feat_day("2000-03-01") == 11017);
}

int main(void)
{
    RUN(test_resemblance);
    RUN(test_near_copy);
    RUN(test_incidents_apart);
    RUN(test_determinism);
    RUN(test_bridge);
    RUN(test_numbers);
    RUN(test_bad_input);
    DONE();
}
