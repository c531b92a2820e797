/* Many inputs at once. Every thread (the main one included) runs the same loop: take the
 * next input from the source (one thread at a time holds the source; the others work
 * meanwhile), work on it, put its JSON line into a ring of slots indexed by the input's
 * sequence number, and write out every line at the head of the ring that is ready. So
 * lines come out in input order whatever order the work finishes in.
 *
 * A thread takes up to CHUNK inputs at once when they are at hand, so that the threads meet
 * at the lock less often than once per input (a cheap input, a hash, costs ~4 us: a thread
 * waiting for another to finish reading would cost more than the work).
 *
 * Memory stays bounded whatever the length of the stream: an input is held only while a
 * thread works on it (its bytes are freed before its line is queued), the ring has a fixed
 * number of slots, and a thread takes no new input while the lines waiting for an earlier,
 * slower input exceed a byte budget. A thread that cannot take an input waits; the thread
 * that writes the head line wakes it. */
#define _GNU_SOURCE
#include "batch.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_JOBS 256
#define SLOTS_PER_JOB 64
#define PENDING_BUDGET ((size_t)32 << 20) /* bytes of lines waiting for an earlier one */
#define CHUNK 32                           /* inputs a thread takes at once, at most */
#define CHUNK_BYTES ((size_t)1 << 20)      /* ... and no more input bytes than this */

typedef struct slot {
    bool ready;
    int status;
    char *line; /* malloc'd JSON line, newline included; NULL when out of memory */
    size_t len;
} slot;

typedef struct engine {
    const cli_ctx *ctx;
    cli_batch_fn fn;
    void *arg;
    cli_source *src;

    pthread_mutex_t mu;
    pthread_cond_t cv;
    slot *ring;
    size_t nslots;
    uint64_t taken;   /* inputs taken from the source so far (the next sequence number) */
    uint64_t written; /* lines written so far */
    size_t pending;   /* bytes of lines ready but not yet written */
    bool reading;     /* a thread holds the source */
    bool drained;     /* the source has no more inputs */
    bool stop;        /* standard output failed: take no more */

    uint64_t refused, failed;
    int worst;

    bool progress; /* standard error is a terminal */
    struct timespec last_progress, started;
} engine;

static unsigned all_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* Checks -j; sets o->jobs and o->batch. */
static int batch_setup(const cli_ctx *ctx, const char *const *paths, size_t n, cli_batch_opts *o)
{
    o->jobs = all_cores();
    if (o->jobs_s) {
        uint64_t j;
        if (!cli_parse_u64(o->jobs_s, MAX_JOBS, &j) || j == 0)
            return cli_usage_error(ctx, "-j wants a number of threads from 1 to %d, not '%s'", MAX_JOBS, o->jobs_s);
        o->jobs = (unsigned)j;
    }
    if (o->jobs > MAX_JOBS)
        o->jobs = MAX_JOBS;
    size_t stdin_uses = 0;
    for (size_t i = 0; i < n; i++)
        stdin_uses += strcmp(paths[i], "-") == 0;
    if (stdin_uses > 1)
        return cli_usage_error(ctx, "standard input (-) can be read only once");
    struct stat st;
    o->batch = o->ndjson || n > 1 ||
               (n == 1 && strcmp(paths[0], "-") != 0 && stat(paths[0], &st) == 0 && S_ISDIR(st.st_mode));
    return CLI_OK;
}

int cli_batch_args(cli_ctx *ctx, int argc, char **argv, const cli_opt *opts, cli_batch_opts *o, const char ***pos,
                   size_t *npos)
{
    *pos = calloc((size_t)argc + 1, sizeof **pos);
    int rc = *pos ? cli_args(ctx, argc, argv, opts, *pos, 1, (size_t)argc, npos) : CLI_USAGE;
    if (rc == 0)
        rc = batch_setup(ctx, *pos, *npos, o);
    if (rc != 0) {
        free(*pos);
        *pos = NULL;
    }
    return rc;
}

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* The progress line, at most four times a second; called with mu held. */
static void show_progress(engine *e, bool final)
{
    if (!e->progress)
        return;
    if (!final && seconds_since(&e->last_progress) < 0.25)
        return;
    clock_gettime(CLOCK_MONOTONIC, &e->last_progress);
    if (final) {
        fputs("\r\033[K", stderr);
        return;
    }
    double t = seconds_since(&e->started);
    fprintf(stderr, "\r\033[Kgridtypes %s: %llu done, %llu refused, %llu failed, %.0f/s", e->ctx->cmd,
            (unsigned long long)e->written, (unsigned long long)e->refused, (unsigned long long)e->failed,
            t > 0 ? (double)e->written / t : 0.0);
}

/* Writes every ready line at the head of the ring; called with mu held. */
static void write_ready(engine *e)
{
    bool wrote = false;
    while (e->written < e->taken) {
        slot *s = &e->ring[e->written % e->nslots];
        if (!s->ready)
            break;
        if (s->line) {
            if (!e->stop && fwrite(s->line, 1, s->len, stdout) != s->len)
                e->stop = true;
        } else if (!e->stop) {
            fputs(CLI_JSON_OOM_LINE, stdout);
        }
        e->refused += s->status == CLI_REFUSED;
        e->failed += s->status == CLI_USAGE || !s->line;
        if (s->status > e->worst)
            e->worst = s->status;
        if (!s->line && e->worst < CLI_USAGE)
            e->worst = CLI_USAGE;
        e->pending -= s->len;
        free(s->line);
        memset(s, 0, sizeof *s);
        e->written++;
        wrote = true;
    }
    if (!wrote)
        return;
    /* with nothing else under way the reader may be waiting for input: let the lines out
     * now rather than when the buffer fills */
    if (e->written == e->taken && fflush(stdout) != 0)
        e->stop = true;
    if (ferror(stdout))
        e->stop = true;
    show_progress(e, false);
}

/* The JSON line of one input. */
static void work(engine *e, cli_item *it, slot *out)
{
    cli_input in = it->in;
    int status;
    jw w;
    jw_init_line(&w);
    jw_obj(&w);
    jw_key(&w, "input");
    jw_str(&w, in.name);
    if (in.line) {
        jw_key(&w, "line");
        jw_u64(&w, in.line);
    }
    cli_ioerr why;
    if (!it->failed && it->path && (status = cli_load_input(e->ctx, it->path, &in, &why)) != CLI_OK) {
        it->failed = true;
        it->why = why;
    }
    if (it->failed) {
        jw_failure_members(&w, it->why.code, it->why.message);
        status = it->why.status;
    } else {
        cli_input_locate(&in); /* a line of a stream has none yet */
        status = e->fn(e->ctx, e->arg, &in, &w);
    }
    cli_input_free(&in);
    jw_obj_end(&w);
    jw_end(&w);
    out->line = jw_take(&w, &out->len);
    out->status = status;
}

static void *worker(void *p)
{
    engine *e = p;
    cli_item items[CHUNK];
    slot done[CHUNK];
    pthread_mutex_lock(&e->mu);
    for (;;) {
        while (!e->stop && !e->drained &&
               (e->reading || e->taken - e->written + CHUNK > e->nslots ||
                (e->pending > PENDING_BUDGET && e->taken > e->written)))
            pthread_cond_wait(&e->cv, &e->mu);
        if (e->stop || e->drained)
            break;
        e->reading = true;
        pthread_mutex_unlock(&e->mu);
        /* a few inputs at a time, so that the threads meet at the lock less often; but
         * only those already at hand, so that a slow stream is answered line by line */
        size_t n = 0, bytes = 0;
        bool end = false;
        while (n < CHUNK && bytes < CHUNK_BYTES && (n == 0 || cli_source_at_hand(e->src))) {
            if (!cli_source_next(e->src, &items[n])) {
                end = true;
                break;
            }
            bytes += items[n++].in.len;
        }
        pthread_mutex_lock(&e->mu);
        e->reading = false;
        if (end)
            e->drained = true;
        uint64_t first = e->taken;
        e->taken += n;
        pthread_cond_broadcast(&e->cv); /* the source is free for another thread */
        if (n == 0)
            break;
        pthread_mutex_unlock(&e->mu);

        for (size_t i = 0; i < n; i++) {
            memset(&done[i], 0, sizeof done[i]);
            work(e, &items[i], &done[i]);
        }

        pthread_mutex_lock(&e->mu);
        for (size_t i = 0; i < n; i++) {
            slot *s = &e->ring[(first + i) % e->nslots];
            *s = done[i];
            s->ready = true;
            e->pending += s->len;
        }
        write_ready(e);
        pthread_cond_broadcast(&e->cv);
    }
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

int cli_print_members(const cli_ctx *ctx, cli_batch_fn fn, void *arg, const cli_input *in)
{
    jw w;
    jw_init(&w, stdout);
    jw_obj(&w);
    int rc = fn(ctx, arg, in, &w);
    jw_obj_end(&w);
    jw_end(&w);
    return rc;
}

int cli_batch_run(const cli_ctx *ctx, const char *const *paths, size_t n, const cli_batch_opts *o, cli_batch_fn fn,
                  void *arg)
{
    engine e = {.ctx = ctx, .fn = fn, .arg = arg};
    unsigned jobs = o->jobs ? o->jobs : 1;
    e.nslots = (size_t)jobs * SLOTS_PER_JOB; /* at least CHUNK */
    e.ring = calloc(e.nslots, sizeof *e.ring);
    e.src = cli_source_new(ctx, paths, n, o->ndjson);
    pthread_t *threads = jobs > 1 ? calloc(jobs - 1, sizeof *threads) : NULL;
    if (!e.ring || !e.src || (jobs > 1 && !threads)) {
        free(e.ring);
        free(threads);
        cli_source_free(e.src);
        fprintf(stderr, "gridtypes %s: out of memory\n", ctx->cmd);
        return CLI_USAGE;
    }
    pthread_mutex_init(&e.mu, NULL);
    pthread_cond_init(&e.cv, NULL);
    e.progress = isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &e.started);
    e.last_progress = e.started;
    e.last_progress.tv_sec -= 1; /* the first line written shows at once */

    unsigned started = 0;
    for (unsigned i = 0; i + 1 < jobs; i++) {
        if (pthread_create(&threads[i], NULL, worker, &e) != 0)
            break; /* fewer threads do the same work */
        started++;
    }
    worker(&e);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);

    pthread_mutex_lock(&e.mu);
    write_ready(&e); /* nothing is left once every thread is done; kept for clarity */
    show_progress(&e, true);
    int worst = e.stop ? CLI_USAGE : e.worst;
    pthread_mutex_unlock(&e.mu);

    for (size_t i = 0; i < e.nslots; i++)
        free(e.ring[i].line);
    free(e.ring);
    free(threads);
    cli_source_free(e.src);
    pthread_cond_destroy(&e.cv);
    pthread_mutex_destroy(&e.mu);
    return worst;
}
