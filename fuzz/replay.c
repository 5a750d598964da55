/*
 * replay.c: a main for the fuzz targets outside libFuzzer.  Without
 * arguments (as the test suite runs it) it feeds the target every file of
 * fuzz/regress/NAME/ (inputs that once crashed) and of the seed folders
 * listed in fuzz/NAME.seeds, each as it is and in MUTATIONS deterministic
 * variants (bytes flipped, cut, repeated, spliced with another seed).  With
 * arguments, it feeds the files or folders given, as they are.  A crash or
 * a sanitizer report ends the program; otherwise it prints "N passed, 0
 * failed" as the other tests do.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FUZZ_NAME
#error "build with -DFUZZ_NAME='\"name\"'"
#endif

enum { MUTATIONS = 12, MAX_RUNS = 4000 };

typedef struct input {
    unsigned char *data;
    size_t len;
} input;

static input *inputs;
static size_t ninputs, capinputs;

static void add_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    input in = {0};
    long n;
    if (!f)
        return;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        size_t len = (size_t)n < FUZZ_MAX ? (size_t)n : FUZZ_MAX;
        in.data = malloc(len ? len : 1);
        if (in.data && fread(in.data, 1, len, f) == len)
            in.len = len;
        else
            free(in.data), in.data = NULL;
    }
    fclose(f);
    if (!in.data)
        return;
    if (ninputs == capinputs) {
        size_t cap = capinputs ? 2 * capinputs : 64;
        input *v = realloc(inputs, cap * sizeof *v);
        if (!v) {
            free(in.data);
            return;
        }
        inputs = v, capinputs = cap;
    }
    inputs[ninputs++] = in;
}

/* Add PATH: a file, or every file of a folder (one level of subfolders). */
static void add_path(const char *path, int depth)
{
    struct stat st;
    DIR *dir;
    struct dirent *e;
    if (stat(path, &st) != 0)
        return;
    if (S_ISREG(st.st_mode)) {
        add_file(path);
        return;
    }
    if (!S_ISDIR(st.st_mode) || depth > 1 || !(dir = opendir(path)))
        return;
    while ((e = readdir(dir))) {
        char sub[4096];
        if (e->d_name[0] == '.')
            continue;
        if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < (int)sizeof sub)
            add_path(sub, depth + 1);
    }
    closedir(dir);
}

static void add_seed_list(const char *list)
{
    FILE *f = fopen(list, "r");
    char line[4096];
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] && line[0] != '#')
            add_path(line, 0);
    }
    fclose(f);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

/* Variant K of input I into BUF (capacity FUZZ_MAX); returns its length. */
static size_t mutate(size_t i, unsigned k, unsigned char *buf)
{
    const input *in = &inputs[i], *other = &inputs[next() % ninputs];
    size_t n = in->len;
    memcpy(buf, in->data, n);
    switch (k % 6) {
    case 0: /* flip bytes */
        for (unsigned j = 0; n && j < 1 + next() % 8; j++)
            buf[next() % n] ^= (unsigned char)(1u << (next() % 8));
        break;
    case 1: /* cut */
        n = n ? next() % n : 0;
        break;
    case 2: /* interesting bytes */
        for (unsigned j = 0; n && j < 1 + next() % 4; j++) {
            static const unsigned char odd[] = {0, 0x80, 0xC0, 0xE2, 0xEF, 0xFF, '"', '<', '\n', '&'};
            buf[next() % n] = odd[next() % sizeof odd];
        }
        break;
    case 3: /* repeat a slice */
        if (n) {
            size_t a = next() % n, len = 1 + next() % (n - a);
            while (n + len <= FUZZ_MAX && next() % 4)
                memcpy(buf + n, buf + a, len), n += len;
        }
        break;
    case 4: /* splice with another seed */
        if (n) {
            size_t at = next() % n, take = other->len - (other->len ? next() % other->len : 0);
            if (at + take > FUZZ_MAX)
                take = FUZZ_MAX - at;
            memcpy(buf + at, other->data + (other->len - take), take);
            n = at + take;
        }
        break;
    default: /* insert an ASCII control or quotation run */
        if (n && n + 64 <= FUZZ_MAX) {
            size_t at = next() % n;
            memmove(buf + at + 64, buf + at, n - at);
            for (size_t j = 0; j < 64; j++)
                buf[at + j] = (unsigned char)"\"\xe2\x80\x9c\xe2\x80\x9d<>&;\r\n\t 0123456789"[next() % 25];
            n += 64;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    size_t runs = 0;
    unsigned char *buf;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            add_path(argv[i], 0);
    } else {
        add_path("fuzz/regress/" FUZZ_NAME, 0);
        add_seed_list("fuzz/" FUZZ_NAME ".seeds");
    }
    if (!(buf = malloc(FUZZ_MAX))) {
        fputs("out of memory\n", stderr);
        return 1;
    }
    for (size_t i = 0; i < ninputs && runs < MAX_RUNS; i++) {
        LLVMFuzzerTestOneInput(inputs[i].data, inputs[i].len);
        runs++;
    }
    for (unsigned k = 0; argc == 1 && ninputs && k < MUTATIONS; k++)
        for (size_t i = 0; i < ninputs && runs < MAX_RUNS; i++) {
            size_t n = mutate(i, k, buf);
            LLVMFuzzerTestOneInput(buf, n);
            runs++;
        }
    printf("fuzz target %s: %zu inputs replayed (%zu files)\n", FUZZ_NAME, runs, ninputs);
    printf("%zu passed, 0 failed\n", runs);
    for (size_t i = 0; i < ninputs; i++)
        free(inputs[i].data);
    free(inputs);
    free(buf);
    return ninputs ? 0 : 1;
}
