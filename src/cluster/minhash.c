/*
 * minhash.c: MinHash signatures and LSH bands, for finding near-copies
 * (syndicated wire copy, one article on two sites, an updated version)
 * without comparing every pair.  A signature keeps, for each of XC_MH_N
 * hash functions, the least value over the document's shingles; the share
 * of equal slots estimates the Jaccard resemblance of the shingle sets.
 * The hash functions are one xxh3 hash per shingle mixed with a fixed seed
 * per slot, so signatures are the same on every machine and every run.
 * Bands of XC_MH_ROWS slots hashed together give the LSH keys: two
 * documents that share a band key are candidates, verified on the whole
 * signature.
 */
#include "cluster/cluster.h"
#include "core/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

/* splitmix64's finalizer: a cheap, well-mixed 64-bit permutation. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* The seed of slot I: fixed forever, since stored signatures rely on it. */
static uint64_t seed(int i)
{
    return mix(0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1));
}

void xc_mh_init(uint32_t sig[XC_MH_N])
{
    for (int i = 0; i < XC_MH_N; i++)
        sig[i] = UINT32_MAX;
}

static uint64_t seeds[XC_MH_N];
static pthread_once_t seeds_once = PTHREAD_ONCE_INIT;

static void make_seeds(void)
{
    for (int i = 0; i < XC_MH_N; i++)
        seeds[i] = seed(i);
}

/* The loop is written to vectorize: with AVX-512 (one copy is built for
   it) eight slots take a few instructions, ten times faster than one by
   one; the values are the same on every processor. */
XC_CLONES("arch=x86-64-v4", "default")
XC_NO_COVERAGE
void xc_mh_add(uint32_t sig[XC_MH_N], uint64_t h)
{
    pthread_once(&seeds_once, make_seeds);
    for (int i = 0; i < XC_MH_N; i++) {
        uint32_t v = (uint32_t)(mix(h ^ seeds[i]) >> 32);
        sig[i] = v < sig[i] ? v : sig[i];
    }
}

double xc_mh_resemblance(const uint32_t *a, const uint32_t *b)
{
    int same = 0;
    for (int i = 0; i < XC_MH_N; i++)
        same += a[i] == b[i];
    return (double)same / XC_MH_N;
}

void xc_mh_bands(const uint32_t sig[XC_MH_N], int64_t keys[XC_MH_BANDS])
{
    for (int b = 0; b < XC_MH_BANDS; b++) {
        uint64_t h = XXH3_64bits_withSeed(sig + b * XC_MH_ROWS,
                                          XC_MH_ROWS * sizeof(uint32_t), (uint64_t)b);
        keys[b] = (int64_t)(h & 0x7fffffffffffffffULL);
    }
}

typedef struct band_row {
    int64_t key;
    uint32_t doc;
} band_row;

static int cmp_row(const void *x, const void *y)
{
    const band_row *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->doc < b->doc ? -1 : a->doc > b->doc;
}

/* The earliest document I is a copy of, following the chain. */
static uint32_t root(const int32_t *copy_of, uint32_t i)
{
    while (copy_of[i] >= 0)
        i = (uint32_t)copy_of[i];
    return i;
}

xc_code xc_mh_near_copies(const xc_features *const *f, size_t n,
                          int32_t *copy_of, double *res)
{
    band_row *rows;
    size_t nrows = 0;

    for (size_t i = 0; i < n; i++) {
        copy_of[i] = -1;
        if (res)
            res[i] = 0;
    }
    if (n < 2)
        return XC_OK;
    if (n > INT32_MAX || n > SIZE_MAX / XC_MH_BANDS / sizeof *rows)
        return XC_ERR_TOO_BIG;
    rows = malloc(n * XC_MH_BANDS * sizeof *rows);
    if (!rows)
        return XC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        int64_t keys[XC_MH_BANDS];
        if (!f[i] || !f[i]->nshingles)
            continue;
        xc_mh_bands(f[i]->minhash, keys);
        for (int b = 0; b < XC_MH_BANDS; b++)
            rows[nrows++] = (band_row){keys[b], (uint32_t)i};
    }
    xc_sort(rows, nrows, sizeof *rows, cmp_row);

    /* For each document in order, the earliest candidate that verifies.
       A document's candidates are the earlier documents sharing a band:
       walk each run of equal keys and test the pairs (later, earlier). */
    for (size_t a = 0; a < nrows;) {
        size_t b = a + 1;
        while (b < nrows && rows[b].key == rows[a].key)
            b++;
        for (size_t x = a + 1; x < b && b - a <= 256; x++) {
            uint32_t later = rows[x].doc;
            for (size_t y = a; y < x; y++) {
                uint32_t earlier = rows[y].doc;
                double r;
                if (earlier == later)
                    continue;
                r = xc_mh_resemblance(f[later]->minhash, f[earlier]->minhash);
                if (r < XC_NEAR_COPY)
                    continue;
                /* keep the earliest original among those that verify */
                earlier = root(copy_of, earlier);
                if (earlier == later)
                    continue;
                if (copy_of[later] < 0 || earlier < (uint32_t)copy_of[later]) {
                    copy_of[later] = (int32_t)earlier;
                    if (res)
                        res[later] = r;
                }
            }
        }
        a = b;
    }
    free(rows);
    /* point every copy at the first report of its chain */
    for (size_t i = 0; i < n; i++)
        if (copy_of[i] >= 0)
            copy_of[i] = (int32_t)root(copy_of, (uint32_t)copy_of[i]);
    return XC_OK;
}
