/*
 * progress.h: the progress line of a long command (crosscheck add).  On a
 * terminal one line on stderr, redrawn at most ten times a second:
 * documents done, megabytes, documents and megabytes per second, and the
 * share done with the time left when the total is known.  When stderr is
 * not a terminal nothing is drawn.  Other messages go through
 * progress_print, so that they never land in the middle of the line.
 * Internal to the binary; safe to call from several threads.
 */
#ifndef XC_CLI_PROGRESS_H
#define XC_CLI_PROGRESS_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct progress {
    pthread_mutex_t mu;
    int on;          /* drawing: stderr is a terminal */
    int drawn;       /* a line is on the screen now */
    int shown_docs;  /* a line with documents done was drawn once */
    double t0, last; /* start and last redraw, monotonic seconds */
    uint64_t total;  /* bytes expected, 0 when unknown */
} progress;

/* Start. ON: draw at all (the caller checked isatty and --quiet). TOTAL:
   the bytes expected, or 0 when unknown (then no share and no ETA). */
void progress_init(progress *p, int on, uint64_t total);

/* DOCS documents of BYTES bytes are done: redraw if the last redraw is a
   tenth of a second old, or at once for the first documents done (so
   that even a run shorter than a tenth of a second shows its line). */
void progress_update(progress *p, size_t docs, uint64_t bytes);

/* Erase the line for good (at the end) and release P. */
void progress_end(progress *p);

/* Print to OUT (stdout or stderr) with the line out of the way; it comes
   back at the next redraw. */
__attribute__((format(printf, 3, 4)))
void progress_print(progress *p, FILE *out, const char *fmt, ...);

/* Seconds on the monotonic clock. */
double progress_now(void);

/* The bytes in the regular files under PATHS (directories walked as the
   reader walks them: hidden names skipped), or 0 when an input is "-" or
   a URL (no size known up front). */
uint64_t progress_input_bytes(int n, char **paths);

#endif
