/*
 * data.c: finding the data files the program loads (the tagger's model,
 * lexicons).  They ship in the source tree's data/ folder and install to
 * PREFIX/share/crosscheck; $CROSSCHECK_DATA overrides both.
 */
#include "core/util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef XC_DATA_DIR
#define XC_DATA_DIR "/usr/local/share/crosscheck"
#endif

static char *try_path(const char *dir, const char *sub, const char *name)
{
    size_t n = strlen(dir) + strlen(sub) + strlen(name) + 3;
    char *p = malloc(n);
    if (!p)
        return NULL;
    snprintf(p, n, "%s%s/%s", dir, sub, name);
    if (access(p, R_OK) == 0)
        return p;
    free(p);
    return NULL;
}

char *xc_data_file(const char *name)
{
    const char *env = getenv("CROSSCHECK_DATA");
    char exe[PATH_MAX];
    ssize_t n;
    char *p;

    if (!name || strchr(name, '/'))
        return NULL;
    if (env && *env && (p = try_path(env, "", name)))
        return p;
    /* the program's own tree: BIN in build/ (or build-asan/), data/ beside */
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        for (int up = 0; up < 3; up++) {
            if (!(slash = strrchr(exe, '/')))
                break;
            *slash = '\0';
            if ((p = try_path(exe, "/data", name)))
                return p;
            if ((p = try_path(exe, "/share/crosscheck", name)))
                return p;
        }
    }
    if ((p = try_path(XC_DATA_DIR, "", name)))
        return p;
    return try_path("data", "", name);
}
