/*
 * progress.c: the progress line of crosscheck add (see progress.h).  The
 * line is drawn with a carriage return and erased with "ESC [ K", which
 * every terminal crosscheck runs in understands; it is never drawn when
 * stderr is not a terminal, so logs and pipes stay clean.
 */
#include "cli/progress.h"

#include <ftw.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(progress *p, int on, uint64_t total)
{
    pthread_mutex_init(&p->mu, NULL);
    p->on = on;
    p->drawn = 0;
    p->shown_docs = 0;
    p->t0 = progress_now();
    p->last = p->t0; /* idle: a first line after a tenth of a second */
    p->total = total;
}

/* Erase the line; P's lock held. */
static void erase(progress *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = 0;
    }
}

/* "1h02m", "3m07s", "42s" */
static void format_time(char *out, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, n, "%ldh%02ldm", t / 3600, t / 60 % 60);
    else if (t >= 60)
        snprintf(out, n, "%ldm%02lds", t / 60, t % 60);
    else
        snprintf(out, n, "%lds", t);
}

void progress_update(progress *p, size_t docs, uint64_t bytes)
{
    double now, dt, mb;
    char left[64] = "";

    if (!p->on)
        return;
    now = progress_now();
    pthread_mutex_lock(&p->mu);
    if (now - p->last < 0.1 && (p->shown_docs || docs == 0)) {
        pthread_mutex_unlock(&p->mu);
        return;
    }
    p->last = now;
    dt = now - p->t0 > 1e-3 ? now - p->t0 : 1e-3;
    mb = (double)bytes / 1e6;
    if (p->total && bytes) {
        double share = (double)bytes / (double)p->total;
        char eta[32];
        if (share > 0.99) /* the text can outgrow the files (conversions) */
            share = 0.99;
        format_time(eta, sizeof eta, dt * (1 - share) / share);
        snprintf(left, sizeof left, ", %d%%, %s left", (int)(share * 100), eta);
    }
    fprintf(stderr, "\r%zu document%s, %.1f MB, %.0f docs/s, %.1f MB/s%s\033[K",
            docs, docs == 1 ? "" : "s", mb, (double)docs / dt, mb / dt, left);
    fflush(stderr);
    p->drawn = 1;
    p->shown_docs |= docs > 0;
    pthread_mutex_unlock(&p->mu);
}

void progress_end(progress *p)
{
    pthread_mutex_lock(&p->mu);
    erase(p);
    fflush(stderr);
    p->on = 0;
    pthread_mutex_unlock(&p->mu);
    pthread_mutex_destroy(&p->mu);
}

__attribute__((format(printf, 3, 4)))
void progress_print(progress *p, FILE *out, const char *fmt, ...)
{
    va_list ap;
    pthread_mutex_lock(&p->mu);
    erase(p);
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    pthread_mutex_unlock(&p->mu);
}

/* ---- the total ----------------------------------------------------------- */

static uint64_t walked; /* nftw has no context argument; main thread only */

static int count_file(const char *path, const struct stat *sb, int type,
                      struct FTW *ftw)
{
    const char *name = path + ftw->base;
    if (ftw->level > 0 && name[0] == '.')
        return type == FTW_D ? FTW_SKIP_SUBTREE : FTW_CONTINUE;
    if (type == FTW_F && S_ISREG(sb->st_mode))
        walked += (uint64_t)sb->st_size;
    return FTW_CONTINUE;
}

uint64_t progress_input_bytes(int n, char **paths)
{
    walked = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(paths[i], "-") == 0 || strstr(paths[i], "://"))
            return 0;
        nftw(paths[i], count_file, 32, FTW_ACTIONRETVAL);
    }
    return walked;
}
