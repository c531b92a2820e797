/* bench_batch — deployments per second through `gridtypes` on many inputs at once.
 *
 * Builds N distinct signed deployments (typical.json with contract ids 1..N, signed by
 * //Alice for its twin) as two NDJSON files, ed25519 and sr25519, in a temporary folder;
 * then times the command on them, whole runs from start to exit, with its output going
 * to /dev/null:
 *   validate + hash   gridtypes hash --ndjson F        (decode, hash, validate each line)
 *   verify ed25519    gridtypes verify --ndjson F --key TWIN=KEY
 *   verify sr25519    the same on the sr25519 file
 * each with -j 1 and with -j J (J: every core), R runs each, alternating (the median and
 * the best run are shown: on a shared machine the best is the one others disturbed
 * least), and beside them the library alone on one thread over the same lines (no
 * command, no JSON output) and the Go reference's recorded figures per operation.
 *
 *   bench_batch [--count N] [--runs R] [--jobs J] [--cli PATH] [--data DIR] [--json]
 *
 * Inputs: DIR, else ../shared/bench beside the source tree, else bench/data. */
#define _GNU_SOURCE
#include <gridtypes/crypto.h>
#include <gridtypes/deployment.h>
#include <gridtypes/signing.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef GT_SOURCE_DIR
#define GT_SOURCE_DIR "."
#endif
#ifndef GT_CLI_PATH
#define GT_CLI_PATH "gridtypes"
#endif

extern char **environ;

/* The Go reference on this kind of machine, ns per operation (BENCHMARKS.md "Results"):
 * parse + hash 68,140 and validate 44,444 (typical); parse + verify 101,188 (ed25519) and
 * 113,470 (sr25519). */
#define GO_VALIDATE_HASH_NS (68140.0 + 44444.0)
#define GO_VERIFY_ED_NS 101188.0
#define GO_VERIFY_SR_NS 113470.0

static void die(const char *what, const char *why) __attribute__((noreturn));

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bench_batch: %s: %s\n", what, why);
    exit(1);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die(path, strerror(errno));
    size_t cap = 1 << 16;
    char *b = malloc(cap);
    *len = 0;
    for (size_t n; b && (n = fread(b + *len, 1, cap - *len, f)) > 0;) {
        *len += n;
        if (*len == cap && !(b = realloc(b, cap *= 2)))
            break;
    }
    fclose(f);
    if (!b)
        die(path, "out of memory");
    return b;
}

/* Writes n signed copies of the deployment in `json` to path, one per line. */
static void make_file(const char *path, const char *json, size_t len, size_t n, const gt_keypair *kp)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die(path, strerror(errno));
    gt_error err;
    for (size_t i = 0; i < n; i++) {
        gt_deployment *d;
        char *out = NULL;
        size_t olen = 0;
        if (gt_deployment_parse(json, len, &d, &err) != GT_OK)
            die("parse", err.message);
        d->contract_id = i + 1;
        if (gt_deployment_sign(d, d->twin_id, kp, &err) != GT_OK || gt_deployment_encode(d, &out, &olen, &err) != GT_OK)
            die("sign", err.message);
        fwrite(out, 1, olen, f);
        fputc('\n', f);
        free(out);
        gt_deployment_free(d);
    }
    if (fclose(f) != 0)
        die(path, strerror(errno));
}

/* One timed run of the command; returns seconds of wall-clock time, and in *cpu the CPU
 * seconds (user + system) its threads used. */
static double run_cli(const char *cli, char *const *args, double *cpu)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    double t0 = now();
    if (posix_spawn(&pid, cli, &fa, NULL, args, environ) != 0)
        die(cli, "cannot start it");
    int st;
    struct rusage ru;
    wait4(pid, &st, 0, &ru);
    double t = now() - t0;
    *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
    posix_spawn_file_actions_destroy(&fa);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        die(cli, "a run did not exit with 0 (every input should be accepted)");
    return t;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Runs the two command lines alternately, `runs` times each, so that both meet the same
 * moments of a shared machine. For each: the median and the best wall-clock time, and the
 * median CPU time. */
typedef struct timing {
    double median, best, cpu;
} timing;

static void alternate(const char *cli, char *const *a, char *const *b, int runs, timing *ta, timing *tb)
{
    double wa[64], wb[64], ca[64], cb[64];
    for (int i = 0; i < runs; i++) {
        wa[i] = run_cli(cli, a, &ca[i]);
        wb[i] = run_cli(cli, b, &cb[i]);
    }
    qsort(wa, (size_t)runs, sizeof *wa, by_value);
    qsort(wb, (size_t)runs, sizeof *wb, by_value);
    qsort(ca, (size_t)runs, sizeof *ca, by_value);
    qsort(cb, (size_t)runs, sizeof *cb, by_value);
    *ta = (timing){wa[runs / 2], wa[0], ca[runs / 2]};
    *tb = (timing){wb[runs / 2], wb[0], cb[runs / 2]};
}

/* The library alone, one thread: every line parsed and hashed and validated, or parsed
 * and verified. Returns seconds. */
typedef struct lines {
    char *all;
    size_t n;
    size_t *start, *len;
} lines;

static lines split(char *all, size_t total)
{
    lines l = {all, 0, NULL, NULL};
    size_t cap = 0;
    for (size_t i = 0; i < total;) {
        char *nl = memchr(all + i, '\n', total - i);
        size_t e = nl ? (size_t)(nl - all) : total;
        if (l.n == cap) {
            cap = cap ? cap * 2 : 1024;
            l.start = realloc(l.start, cap * sizeof *l.start);
            l.len = realloc(l.len, cap * sizeof *l.len);
            if (!l.start || !l.len)
                die("split", "out of memory");
        }
        l.start[l.n] = i;
        l.len[l.n++] = e - i;
        i = e + 1;
    }
    return l;
}

typedef struct key_ctx {
    uint8_t key[GT_PUBLIC_KEY_BYTES];
} key_ctx;

static int getter(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    (void)twin;
    if (cap < GT_PUBLIC_KEY_BYTES)
        return gt_error_set(err, GT_ELIMIT, "small buffer");
    memcpy(key, ((const key_ctx *)ctx)->key, GT_PUBLIC_KEY_BYTES);
    *len = GT_PUBLIC_KEY_BYTES;
    return GT_OK;
}

static volatile int g_sink; /* keeps the results alive */

static double run_library(const lines *l, const key_ctx *verify_with)
{
    int sink = 0;
    double t0 = now();
    for (size_t i = 0; i < l->n; i++) {
        gt_deployment *d;
        if (gt_deployment_parse(l->all + l->start[i], l->len[i], &d, NULL) != GT_OK)
            die("library", "a line does not decode");
        if (verify_with) {
            gt_verify_report rep;
            sink += gt_deployment_verify(d, getter, (void *)verify_with, &rep, NULL);
        } else {
            char hex[GT_HASH_HEX_SIZE];
            sink += gt_deployment_challenge_hash_hex(d, hex, NULL) + gt_deployment_valid(d, NULL) + hex[0];
        }
        gt_deployment_free(d);
    }
    g_sink = sink;
    return now() - t0;
}

static unsigned all_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    return 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_batch [--count N] [--runs R] [--jobs J] [--cli PATH] [--data DIR] [--json]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    size_t count = 100000;
    int runs = 3;
    unsigned jobs = all_cores();
    const char *cli = GT_CLI_PATH, *dir = NULL;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--count") && i + 1 < argc)
            count = (size_t)strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--jobs") && i + 1 < argc)
            jobs = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--cli") && i + 1 < argc)
            cli = argv[++i];
        else if (!strcmp(argv[i], "--data") && i + 1 < argc)
            dir = argv[++i];
        else if (!strcmp(argv[i], "--json"))
            json = true;
        else
            usage();
    }
    if (count == 0 || runs < 1 || runs > 64 || jobs < 1 || jobs > 256)
        usage();
    char path[4096];
    static const char *const dirs[] = {GT_SOURCE_DIR "/../shared/bench", GT_SOURCE_DIR "/bench/data"};
    for (size_t i = 0; i < 2 && !dir; i++) {
        snprintf(path, sizeof path, "%s/typical.json", dirs[i]);
        if (access(path, R_OK) == 0)
            dir = dirs[i];
    }
    if (!dir)
        die("inputs", "no typical.json (use --data DIR)");
    snprintf(path, sizeof path, "%s/typical.json", dir);
    size_t tlen;
    char *typical = read_all(path, &tlen);

    gt_keypair ed, sr;
    gt_error err;
    if (gt_keypair_from_secret("//Alice", 7, GT_KEY_ED25519, &ed, &err) != GT_OK ||
        gt_keypair_from_secret("//Alice", 7, GT_KEY_SR25519, &sr, &err) != GT_OK)
        die("keys", err.message);
    gt_deployment *d;
    if (gt_deployment_parse(typical, tlen, &d, &err) != GT_OK)
        die("typical.json", err.message);
    uint32_t twin = d->twin_id;
    gt_deployment_free(d);

    char tmp[] = "/tmp/gridtypes-bench-batch-XXXXXX";
    if (!mkdtemp(tmp))
        die("mkdtemp", strerror(errno));
    char ed_file[4200], sr_file[4200];
    snprintf(ed_file, sizeof ed_file, "%s/ed25519.ndjson", tmp);
    snprintf(sr_file, sizeof sr_file, "%s/sr25519.ndjson", tmp);
    if (!json)
        fprintf(stderr, "bench_batch: writing 2 x %zu signed deployments to %s\n", count, tmp);
    make_file(ed_file, typical, tlen, count, &ed);
    make_file(sr_file, typical, tlen, count, &sr);

    char ed_key[128], sr_key[128], hex[2 * GT_PUBLIC_KEY_BYTES + 1];
    for (int i = 0; i < GT_PUBLIC_KEY_BYTES; i++)
        snprintf(hex + 2 * i, 3, "%02x", ed.public_key[i]);
    snprintf(ed_key, sizeof ed_key, "%u=%s", twin, hex);
    for (int i = 0; i < GT_PUBLIC_KEY_BYTES; i++)
        snprintf(hex + 2 * i, 3, "%02x", sr.public_key[i]);
    snprintf(sr_key, sizeof sr_key, "%u=%s", twin, hex);
    key_ctx ked, ksr;
    memcpy(ked.key, ed.public_key, sizeof ked.key);
    memcpy(ksr.key, sr.public_key, sizeof ksr.key);
    gt_keypair_wipe(&ed);
    gt_keypair_wipe(&sr);

    struct {
        const char *id, *name, *file, *key;
        const key_ctx *lib_key;
        double go_ns;
        double lib;
        timing one, many;
    } cases[] = {
        {"validate_hash", "validate + hash", ed_file, NULL, NULL, GO_VALIDATE_HASH_NS, 0, {0, 0, 0}, {0, 0, 0}},
        {"verify_ed25519", "verify ed25519", ed_file, ed_key, &ked, GO_VERIFY_ED_NS, 0, {0, 0, 0}, {0, 0, 0}},
        {"verify_sr25519", "verify sr25519", sr_file, sr_key, &ksr, GO_VERIFY_SR_NS, 0, {0, 0, 0}, {0, 0, 0}},
    };
    char j1[16] = "1", jn[16];
    snprintf(jn, sizeof jn, "%u", jobs);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t total;
        char *all = read_all(cases[c].file, &total);
        lines l = split(all, total);
        if (l.n != count)
            die(cases[c].file, "unexpected number of lines");
        double lib[64];
        for (int r = 0; r < runs; r++)
            lib[r] = run_library(&l, cases[c].lib_key);
        qsort(lib, (size_t)runs, sizeof *lib, by_value);
        cases[c].lib = lib[runs / 2];
        free(l.start);
        free(l.len);
        free(all);
        char *verb = cases[c].key ? "verify" : "hash";
        char *a1[] = {(char *)cli, verb, "--ndjson", "-j", j1, (char *)cases[c].file, NULL, NULL, NULL};
        char *an[] = {(char *)cli, verb, "--ndjson", "-j", jn, (char *)cases[c].file, NULL, NULL, NULL};
        if (cases[c].key) {
            a1[6] = an[6] = "--key";
            a1[7] = an[7] = (char *)cases[c].key;
        }
        alternate(cli, a1, an, runs, &cases[c].one, &cases[c].many);
    }
    unlink(ed_file);
    unlink(sr_file);
    rmdir(tmp);
    free(typical);

    double n = (double)count;
    if (json) {
        printf("{\"count\": %zu, \"jobs\": %u", count, jobs);
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
            printf(", \"%s\": {\"library_1\": %.0f, \"cli_1\": %.0f, \"cli_%u\": %.0f, \"cli_1_best\": %.0f, "
                   "\"cli_%u_best\": %.0f, \"cpu_us_1\": %.2f, \"cpu_us_%u\": %.2f, \"go\": %.0f}",
                   cases[c].id, n / cases[c].lib, n / cases[c].one.median, jobs, n / cases[c].many.median,
                   n / cases[c].one.best, jobs, n / cases[c].many.best, 1e6 * cases[c].one.cpu / n, jobs,
                   1e6 * cases[c].many.cpu / n, 1e9 / cases[c].go_ns);
        printf("}\n");
        return 0;
    }
    printf("%zu deployments (typical.json, %zu B before signing), %d runs of each command line, alternating\n",
           count, tlen, runs);
    printf("deployments per second (wall clock), median run [best run]:\n");
    printf("| case | library, 1 thread | command -j 1 | command -j %u | speed-up | Go per op | vs Go (-j %u) |\n",
           jobs, jobs);
    printf("|---|---:|---:|---:|---:|---:|---:|\n");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const timing *o = &cases[c].one, *m = &cases[c].many;
        double go = 1e9 / cases[c].go_ns;
        printf("| %s | %.0f | %.0f [%.0f] | %.0f [%.0f] | %.2fx [%.2fx] | %.0f | %.1fx |\n", cases[c].name,
               n / cases[c].lib, n / o->median, n / o->best, n / m->median, n / m->best, o->median / m->median,
               o->best / m->best, go, n / m->median / go);
    }
    /* CPU time per deployment does not depend on what else runs on the machine: equal
     * figures for -j 1 and -j J mean the threads add no work, so J idle cores give J times
     * the single-thread rate */
    printf("\nCPU time per deployment (user + system, all threads; median run), microseconds:\n");
    printf("| case | library, 1 thread | command -j 1 | command -j %u | extra work of -j %u |\n", jobs, jobs);
    printf("|---|---:|---:|---:|---:|\n");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        printf("| %s | %.2f (wall) | %.2f | %.2f | %+.1f %% |\n", cases[c].name, 1e6 * cases[c].lib / n,
               1e6 * cases[c].one.cpu / n, 1e6 * cases[c].many.cpu / n,
               100.0 * (cases[c].many.cpu - cases[c].one.cpu) / cases[c].one.cpu);
    return 0;
}
