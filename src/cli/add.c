/*
 * add.c: crosscheck add, storing documents in the database: read, analyse
 * in parallel, store in input order.
 *
 *   reader thread --> work queue --> N worker threads --> reorder ring --> writer
 *   (xc_read, the          (xc_features_compute:           (this thread: batched
 *    duplicate check)        the costly analysis)            transactions)
 *
 * The reader asks the database, on a read-only handle of its own, whether
 * each text is stored already; such a document skips the workers, which is
 * what makes a run after an interruption fast.  The writer stores documents
 * in the order they were read whatever the workers' order, so the same
 * inputs give the same numbers and stories with any number of workers.
 * Memory is bounded: at most CAP documents and BYTE_BUDGET bytes of text
 * are between the reader and the writer at any time, whatever the corpus.
 *
 * SIGINT and SIGTERM stop the reading; the writer stores the documents
 * read before the first one not yet analysed, commits, and says how to
 * finish.  SIGKILL loses at most the open batch (SQLite WAL, full sync).
 */
#include "cli/cli.h"
#include "cli/progress.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Bytes of text in flight between reader and writer (one larger document
   still passes alone). */
#define BYTE_BUDGET ((size_t)64 * 1024 * 1024)
#define MAX_JOBS 256
/* Documents in flight per worker (and one worker more): enough that one
   long document, analysed while the others go on, does not fill the ring
   and stop the reader and the other workers until it is done. */
#ifndef RING_PER_JOB
#define RING_PER_JOB 64
#endif
/* Seconds the writer waits for input, with everything read stored, before
   it commits a batch that is not full. */
#define IDLE_COMMIT_S 1.0

enum job_state { JOB_READY, JOB_PRESENT, JOB_FAILED, JOB_CANCELLED };

/* One document on its way from the reader to the writer. */
typedef struct job {
    size_t seq;      /* its place in the input */
    xc_doc *doc;
    xc_features *feat;
    int64_t id;      /* JOB_PRESENT: its number in the database */
    enum job_state state;
    xc_error err;    /* JOB_FAILED: why */
    struct job *next;
} job;

typedef struct pipeline {
    pthread_mutex_t mu;
    pthread_cond_t work;  /* a job is queued, or the input ended */
    pthread_cond_t space; /* the writer took a job */
    pthread_cond_t ready; /* a job reached the ring, or the input ended */
    job *head, *tail;     /* waiting for a worker */
    job **ring;           /* finished jobs, at seq % cap */
    size_t cap;
    size_t issued, taken; /* jobs read; jobs the writer took */
    size_t bytes;         /* text in flight */
    int read_done;        /* the reader has returned */
    atomic_int stop;      /* interrupted, or the writer failed (read unlocked) */

    /* the reader's, alone */
    xc_store *lookup;     /* read-only handle for the duplicate check */
    const xc_read_opts *ro;
    char **paths;
    int npaths;
    size_t rejected, warnings, nomem;
    double read_cpu, read_lookup; /* CPU seconds: in all, in the lookup */
    double read_wait;             /* seconds waiting for room */

    /* the workers', under mu */
    double busy; /* CPU seconds analysing */

    progress *prog;
} pipeline;

/* Set by the signal handler: the signal that asked to stop, or 0. */
static atomic_int interrupted;

static void on_signal(int sig)
{
    atomic_store(&interrupted, sig);
}

/* CPU seconds of the calling thread: what each stage costs, apart from
   the time it spends waiting or descheduled. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int stopping(const pipeline *pl)
{
    return atomic_load(&pl->stop) || atomic_load(&interrupted);
}

/* ---- reader ---------------------------------------------------------------- */

static void on_problem(void *ctx, const char *source, xc_code code,
                       const char *msg, int warning)
{
    pipeline *pl = ctx;
    (void)code;
    if (warning)
        pl->warnings++;
    else
        pl->rejected++;
    progress_print(pl->prog, stderr, "crosscheck: %s: %s%s\n", source, msg,
                   warning ? "" : "; skipped");
}

/* A document from xc_read: check whether it is stored, then queue it for
   a worker or, when stored, straight for the writer.  Nonzero stops. */
static int on_doc(void *ctx, xc_doc *doc)
{
    pipeline *pl = ctx;
    job *j = calloc(1, sizeof *j);
    double t0 = cpu_now(), t1;
    xc_error err;

    if (!j) {
        xc_doc_free(doc);
        pl->nomem++;
        return 1;
    }
    j->doc = doc;
    if (pl->lookup && xc_store_has_text(pl->lookup, doc, &j->id, &err) == XC_OK &&
        j->id)
        j->state = JOB_PRESENT;
    pl->read_lookup += cpu_now() - t0;
    t1 = progress_now();

    pthread_mutex_lock(&pl->mu);
    while (!stopping(pl) &&
           (pl->issued - pl->taken >= pl->cap ||
            (pl->bytes + doc->len > BYTE_BUDGET && pl->issued > pl->taken)))
        pthread_cond_wait(&pl->space, &pl->mu);
    pl->read_wait += progress_now() - t1;
    if (stopping(pl)) {
        pthread_mutex_unlock(&pl->mu);
        xc_doc_free(doc);
        free(j);
        return 1;
    }
    j->seq = pl->issued++;
    pl->bytes += doc->len;
    if (j->state == JOB_PRESENT) {
        pl->ring[j->seq % pl->cap] = j;
        pthread_cond_signal(&pl->ready);
    } else {
        if (pl->tail)
            pl->tail->next = j;
        else
            pl->head = j;
        pl->tail = j;
        pthread_cond_signal(&pl->work);
    }
    pthread_mutex_unlock(&pl->mu);
    return 0;
}

static void *reader_main(void *arg)
{
    pipeline *pl = arg;
    xc_sink sink = {on_doc, on_problem, pl};
    double t0 = cpu_now();
    xc_read_inputs((size_t)pl->npaths, (const char *const *)pl->paths, pl->ro, &sink);
    pthread_mutex_lock(&pl->mu);
    pl->read_cpu = cpu_now() - t0;
    pl->read_done = 1;
    pthread_cond_broadcast(&pl->work);
    pthread_cond_broadcast(&pl->ready);
    pthread_mutex_unlock(&pl->mu);
    return NULL;
}

/* ---- workers --------------------------------------------------------------- */

/* The writer is the one stage that cannot run in parallel: when the
   workers and the writer want more CPU than there are cores, the writer
   must not wait its turn behind them, or every core idles later while the
   workers wait for it.  The workers run under SCHED_IDLE, so that they
   take only the CPU nothing else wants: at nice +5 (the fallback where
   that policy is refused) the writer still waited for a core 13-20% of
   the time, under SCHED_IDLE 6-7% (add of 50,000 and 100,000 documents,
   the writer's /proc schedstat).  Other programs' work then comes before
   the analysis too.  Where both fail nothing changes but the speed. */
#define WORKER_NICE 5

static void lower_priority(void)
{
#if defined(__linux__) && defined(SCHED_IDLE)
    struct sched_param sp = {0};
    if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp) == 0)
        return;
#endif
#if defined(__linux__) && defined(SYS_gettid)
    {
        id_t tid = (id_t)syscall(SYS_gettid);
        int now;
        errno = 0;
        now = getpriority(PRIO_PROCESS, tid);
        if (errno == 0 && now < 19)
            (void)setpriority(PRIO_PROCESS, tid,
                              now + WORKER_NICE > 19 ? 19 : now + WORKER_NICE);
    }
#endif
}

/* The costly part, run in a worker thread: everything about one document
   that needs no database. */
static enum job_state analyse(job *j)
{
    return xc_features_compute(j->doc, &j->feat, &j->err) == XC_OK ? JOB_READY
                                                                  : JOB_FAILED;
}

static void *worker_main(void *arg)
{
    pipeline *pl = arg;
    lower_priority();
    pthread_mutex_lock(&pl->mu);
    for (;;) {
        job *j;
        while (!pl->head && !pl->read_done && !stopping(pl))
            pthread_cond_wait(&pl->work, &pl->mu);
        if (!(j = pl->head))
            break;
        if (!(pl->head = j->next))
            pl->tail = NULL;
        if (stopping(pl)) {
            j->state = JOB_CANCELLED;
        } else {
            double t0;
            pthread_mutex_unlock(&pl->mu);
            t0 = cpu_now();
            j->state = analyse(j);
            t0 = cpu_now() - t0;
            pthread_mutex_lock(&pl->mu);
            pl->busy += t0;
        }
        pl->ring[j->seq % pl->cap] = j;
        pthread_cond_signal(&pl->ready);
    }
    pthread_mutex_unlock(&pl->mu);
    return NULL;
}

/* ---- writer ---------------------------------------------------------------- */

typedef struct writer {
    xc_store *st;
    const char *db;
    size_t batch, in_batch;
    size_t added, present, done, failed_docs;
    size_t pending; /* documents added in the open batch, not committed yet:
                       a failed batch takes them back from ADDED */
    uint64_t bytes;
    int verbose, failed;
    double store_cpu, wait_s; /* seconds: CPU storing, waiting for workers */
    double commit_cpu;        /* of STORE_CPU, in the commits */
} writer;

static int commit_batch(writer *w)
{
    xc_error err;
    xc_code code;
    double t0;
    if (!w->in_batch)
        return 0;
    w->in_batch = 0;
    /* the commit writes what the batch held back: frequencies, index keys,
       the search index, the pages */
    t0 = cpu_now();
    code = xc_store_commit(w->st, &err);
    t0 = cpu_now() - t0;
    w->commit_cpu += t0;
    w->store_cpu += t0;
    if (code != XC_OK) {
        say(w->db, "%s", err.msg);
        xc_store_rollback(w->st);
        w->added -= w->pending;
        w->pending = 0;
        w->failed = 1;
        return 1;
    }
    w->pending = 0;
    return 0;
}

/* Store J's document (in the open batch); nonzero when the database failed
   and nothing more can be stored. */
static int store_job(writer *w, progress *prog, job *j)
{
    xc_error err;
    int64_t id = j->id, story = 0;
    int added = 0;
    double t0 = cpu_now();

    if (j->state == JOB_FAILED) {
        progress_print(prog, stderr, "crosscheck: %s: %s; skipped\n",
                       j->doc->source, j->err.msg);
        w->failed_docs++;
        return 0;
    }
    if (j->state == JOB_READY) {
        if (w->in_batch == 0 && xc_store_begin(w->st, &err) != XC_OK) {
            say(w->db, "%s", err.msg);
            w->failed = 1;
            return 1;
        }
        w->in_batch++;
        if (xc_store_add_analyzed(w->st, j->doc, j->feat, &id, &added, &story,
                                  &err) != XC_OK) {
            say(w->db, "%s: %s", j->doc->source, err.msg);
            xc_store_rollback(w->st);
            w->in_batch = 0;
            w->added -= w->pending;
            w->pending = 0;
            w->failed = 1;
            return 1;
        }
    }
    if (added)
        w->added++, w->pending++;
    else
        w->present++;
    if (w->verbose)
        progress_print(prog, stdout, "%s\t%lld\t%s\n", added ? "added" : "present",
                       (long long)id, j->doc->source);
    w->store_cpu += cpu_now() - t0;
    if (w->in_batch >= w->batch)
        return commit_batch(w);
    return 0;
}

static void job_free(job *j)
{
    xc_features_free(j->feat);
    xc_doc_free(j->doc);
    free(j);
}

/* Wait until pl->mu is signalled or a tenth of a second has passed (the
   signal handler cannot signal a condition variable). */
static void wait_tick(pthread_cond_t *cv, pthread_mutex_t *mu)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 100000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(cv, mu, &ts);
}

/* Stop reading and analysing, and wake whoever waits; pl->mu held. */
static void stop_all(pipeline *pl)
{
    pl->stop = 1;
    pthread_cond_broadcast(&pl->work);
    pthread_cond_broadcast(&pl->space);
}

/* Take the jobs in input order and store them, until the input ends or the
   pipeline stops.  After the first job that was cancelled or could not be
   stored, the rest are dropped: what is stored is always a prefix of the
   input, so the next run continues where this one stopped. */
static void write_all(pipeline *pl, writer *w)
{
    int dropping = 0, drained;
    for (;;) {
        job *j;
        double t0 = progress_now();
        pthread_mutex_lock(&pl->mu);
        while (!(j = pl->ring[pl->taken % pl->cap]) &&
               !((pl->read_done || pl->stop) && pl->issued == pl->taken)) {
            if (atomic_load(&interrupted) && !pl->stop)
                stop_all(pl);
            wait_tick(&pl->ready, &pl->mu);
            drained = pl->issued == pl->taken;
            pthread_mutex_unlock(&pl->mu);
            progress_update(pl->prog, w->done, w->bytes);
            /* the input pauses (a pipe, a feed): what is stored so far
               becomes durable and visible instead of waiting for a full
               batch */
            if (drained && w->in_batch && !dropping &&
                progress_now() - t0 >= IDLE_COMMIT_S && commit_batch(w) != 0)
                dropping = 1;
            pthread_mutex_lock(&pl->mu);
            if (dropping && !pl->stop)
                stop_all(pl);
        }
        if (!j) {
            pthread_mutex_unlock(&pl->mu);
            break;
        }
        pl->ring[pl->taken % pl->cap] = NULL;
        pl->taken++;
        pthread_mutex_unlock(&pl->mu);
        w->wait_s += progress_now() - t0;

        if (j->state == JOB_CANCELLED)
            dropping = 1;
        if (!dropping && store_job(w, pl->prog, j) != 0) {
            dropping = 1;
            pthread_mutex_lock(&pl->mu);
            stop_all(pl);
            pthread_mutex_unlock(&pl->mu);
        }
        if (!dropping) {
            w->done++;
            w->bytes += j->doc->len;
        }
        pthread_mutex_lock(&pl->mu);
        pl->bytes -= j->doc->len;
        /* the reader is woken once a quarter of the ring (or of the byte
           budget) is free, not for every document: each wake-up costs the
           reader a system call and a switch, and there are still 3/4 of
           the jobs to analyse */
        if (pl->issued - pl->taken <= pl->cap - pl->cap / 4 &&
            pl->bytes <= BYTE_BUDGET - BYTE_BUDGET / 4)
            pthread_cond_signal(&pl->space);
        pthread_mutex_unlock(&pl->mu);
        job_free(j);
        progress_update(pl->prog, w->done, w->bytes);
    }
    if (!w->failed)
        commit_batch(w);
}

/* ---- the command ----------------------------------------------------------- */

/* Catch SIGINT and SIGTERM once; a second signal acts as usual.  A signal
   the parent ignores stays ignored (a shell's background job ignores
   SIGINT, so Ctrl-C meant for the foreground leaves it alone). */
static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM};
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
}

/* Start the reader and NJOBS workers with SIGINT and SIGTERM blocked, so
   that the signals reach this thread.  Returns the number of workers
   started; *reader_ok is set when the reader runs. */
static int start_threads(pipeline *pl, int njobs, pthread_t *workers,
                         pthread_t *reader, int *reader_ok)
{
    sigset_t block, old;
    int n = 0;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    while (n < njobs && pthread_create(&workers[n], NULL, worker_main, pl) == 0)
        n++;
    *reader_ok = n > 0 && pthread_create(reader, NULL, reader_main, pl) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return n;
}

/* Let the threads finish.  A reader blocked on standard input after an
   interruption is left behind (the process is about to exit); the
   pipeline is then not freed.  Returns nonzero when it may be freed. */
static int join_threads(pipeline *pl, int nworkers, pthread_t *workers,
                        pthread_t reader, int reader_ok)
{
    int done;
    pthread_mutex_lock(&pl->mu);
    if (!pl->read_done) /* interrupted or failed */
        stop_all(pl);
    for (int i = 0; i < 10 && !pl->read_done && reader_ok; i++)
        wait_tick(&pl->ready, &pl->mu);
    done = pl->read_done || !reader_ok;
    pthread_mutex_unlock(&pl->mu);
    for (int i = 0; i < nworkers; i++)
        pthread_join(workers[i], NULL);
    if (reader_ok) {
        if (done)
            pthread_join(reader, NULL);
        else
            pthread_detach(reader);
    }
    return done;
}

static int parse_jobs(const char *s, int *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > MAX_JOBS)
        return -1;
    *out = (int)v;
    return 0;
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

/* With --verbose: where the time went, to tell the costly stage. */
static void print_times(const pipeline *pl, const writer *w, int njobs,
                        double elapsed)
{
    say(NULL, "times: %.2f s in all, %d workers; CPU seconds: reading %.2f "
        "(checking the database %.2f), analysis %.2f, storing %.2f (committing "
        "%.2f); waiting: reader %.2f s for room, writer %.2f s for analysis",
        elapsed, njobs, pl->read_cpu, pl->read_lookup, pl->busy, w->store_cpu,
        w->commit_cpu, pl->read_wait, w->wait_s);
}

int xc_cli_add(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"batch", required_argument, NULL, 'b'},
        {"jobs", required_argument, NULL, 'j'},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        READ_LONGOPTS,
        {NULL, 0, NULL, 0}};
    xc_read_opts ro = {0};
    writer w = {0};
    pipeline *pl;
    progress prog;
    pthread_t workers[MAX_JOBS], reader;
    int opt, quiet = 0, njobs = default_jobs(), nworkers, reader_ok, sig, freeable;
    size_t batch = 500;
    double t0 = progress_now();
    xc_error err;

    while ((opt = getopt_long(argc, argv, "j:vqh", longopts, NULL)) != -1) {
        int r = read_option("add", opt, &ro);
        if (r == EXIT_USAGE)
            return r;
        if (r == 0)
            continue;
        switch (opt) {
        case 'd': w.db = optarg; break;
        case 'b':
            if (parse_size(optarg, &batch) != 0)
                return usage_error("add", "--batch %s: give a positive number", optarg);
            break;
        case 'j':
            if (parse_jobs(optarg, &njobs) != 0)
                return usage_error("add", "--jobs %s: give a number from 1 to %d",
                                   optarg, MAX_JOBS);
            break;
        case 'v': w.verbose = 1; break;
        case 'q': quiet = 1; break;
        case 'h': return print_help("add");
        default: return bad_option("add", argv);
        }
    }
    if (!have_inputs(argc - optind, &ro))
        return usage_error("add", "add what? Give files, directories or - for standard input");
    w.db = db_path(w.db);
    w.batch = batch;
    catch_signals();
    if (!(w.st = open_store(w.db, XC_STORE_BULK)))
        return EXIT_REJECTED;
    if (!(pl = calloc(1, sizeof *pl)) ||
        !(pl->ring = calloc(RING_PER_JOB * ((size_t)njobs + 1), sizeof *pl->ring))) {
        say(w.db, "out of memory");
        free(pl);
        xc_store_close(w.st);
        return EXIT_REJECTED;
    }
    pl->cap = RING_PER_JOB * ((size_t)njobs + 1);
    pthread_mutex_init(&pl->mu, NULL);
    pthread_cond_init(&pl->work, NULL);
    pthread_cond_init(&pl->space, NULL);
    pthread_cond_init(&pl->ready, NULL);
    pl->ro = &ro;
    pl->paths = argv + optind;
    pl->npaths = argc - optind;
    pl->prog = &prog;
    /* without the lookup every document is analysed; storing still finds
       the ones already there */
    if (xc_store_open(w.db, XC_STORE_READONLY, &pl->lookup, &err) != XC_OK)
        pl->lookup = NULL;
    progress_init(&prog, !quiet && isatty(STDERR_FILENO),
                  !quiet && isatty(STDERR_FILENO) && !ro.from_list
                      ? progress_input_bytes(pl->npaths, pl->paths) : 0);

    nworkers = start_threads(pl, njobs, workers, &reader, &reader_ok);
    if (!reader_ok) {
        say(NULL, "cannot start threads: %s", strerror(errno));
        w.failed = 1;
        pthread_mutex_lock(&pl->mu);
        stop_all(pl);
        pthread_mutex_unlock(&pl->mu);
    } else {
        write_all(pl, &w);
    }
    freeable = join_threads(pl, nworkers, workers, reader, reader_ok);
    progress_end(&prog);
    /* the reader's handle first: the last connection to close copies the
       log into the database and removes it, which a read-only one cannot */
    if (freeable) {
        xc_store_close(pl->lookup);
        pl->lookup = NULL;
    }
    xc_store_close(w.st);
    sig = atomic_load(&interrupted);

    if (w.verbose)
        print_times(pl, &w, nworkers, progress_now() - t0);
    if (pl->nomem)
        say(w.db, "out of memory while reading; stopped");
    if (sig)
        say(w.db, "interrupted: %zu added, %zu already stored; run the same "
            "command again to finish", w.added, w.present);
    else if (w.failed && w.added)
        say(w.db, "%zu documents were stored before the failure; run the "
            "same command again to add the rest", w.added);
    else if (!quiet && !w.failed)
        say(w.db, "%zu added, %zu already stored%s", w.added, w.present,
            pl->rejected || w.failed_docs ? ", some inputs skipped (see above)" : "");
    {
        int rejected = pl->rejected || w.failed_docs || pl->nomem;
        if (freeable) {
            pthread_mutex_destroy(&pl->mu);
            pthread_cond_destroy(&pl->work);
            pthread_cond_destroy(&pl->space);
            pthread_cond_destroy(&pl->ready);
            free(pl->ring);
            free(pl);
        }
        if (sig)
            return 128 + sig;
        return w.failed || rejected ? EXIT_REJECTED : 0;
    }
}
