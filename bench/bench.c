/* bench — how fast the hot paths are, against the Go reference's figures.
 *
 * Every case runs R times (default 15); each run repeats the operation for about T ms
 * (default 100) and yields ns/op; the table shows the median run (and the fastest, which
 * is what the code costs when nothing else competes for the CPU). Allocations are
 * counted in one extra, untimed call of the operation (after warm-up) by this program's
 * own malloc/calloc/realloc, which wrap glibc's (see "Counting allocations" below).
 *
 *   bench [--json] [--runs R] [--ms T] [--data DIR] [--filter SUBSTRING]
 *
 * Inputs: DIR, else ../shared/bench beside the source tree, else bench/data (a verbatim
 * copy, so that a fresh clone works). */
#define _POSIX_C_SOURCE 200809L
#include <gridtypes/crypto.h>
#include <gridtypes/deployment.h>
#include <gridtypes/signing.h>

#include <nettle/md5.h>

#include "hostile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef GT_SOURCE_DIR
#define GT_SOURCE_DIR "."
#endif

/* ---- Counting allocations ----
 * The library allocates through malloc/calloc/realloc (the deployment's arena chunks,
 * encoder buffers, scratch tables). Defining those three here interposes them for the
 * whole process, the library and libsodium/nettle included, so the count is complete
 * and needs no hook inside the library. They forward to glibc's __libc_* entry points;
 * elsewhere (or under a sanitizer, which owns malloc) counting is off and the table says
 * "n/a". */
#if defined(__SANITIZE_ADDRESS__)
#define GT_BENCH_SANITIZED 1
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define GT_BENCH_SANITIZED 1
#endif
#endif

#if defined(__GLIBC__) && !defined(GT_BENCH_SANITIZED) && !defined(GT_BENCH_NO_ALLOC_COUNT)
#define COUNT_ALLOCS 1
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static bool g_counting;
static size_t g_alloc_calls, g_alloc_bytes;

void *malloc(size_t size)
{
    if (g_counting) {
        g_alloc_calls++;
        g_alloc_bytes += size;
    }
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    if (g_counting) {
        g_alloc_calls++;
        g_alloc_bytes += n * size;
    }
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    if (g_counting) {
        g_alloc_calls++;
        g_alloc_bytes += size;
    }
    return __libc_realloc(p, size);
}
#else
#define COUNT_ALLOCS 0
static bool g_counting;
static size_t g_alloc_calls, g_alloc_bytes;
#endif

/* ---- inputs ---- */

typedef struct input {
    char *bytes;
    size_t len;
} input;

static const char *g_dir;

static void die(const char *what, int rc, const gt_error *err)
{
    fprintf(stderr, "bench: %s failed (%d %s): %s [%s]\n", what, rc, gt_status_name(rc),
            err ? err->message : "", err ? err->path : "");
    exit(1);
}

static bool readable(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/typical.json", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    fclose(f);
    return true;
}

static input load(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    input in = {NULL, 0};
    size_t cap = 0;
    for (;;) {
        if (in.len == cap) {
            cap = cap ? cap * 2 : 65536;
            in.bytes = realloc(in.bytes, cap);
            if (!in.bytes)
                exit(1);
        }
        size_t n = fread(in.bytes + in.len, 1, cap - in.len, f);
        if (n == 0)
            break;
        in.len += n;
    }
    fclose(f);
    return in;
}

/* The keys file: {"<twin>":"<hex public key>"} (one entry is all the bench needs). */
typedef struct key_entry {
    uint32_t twin;
    uint8_t key[64];
    size_t len;
} key_entry;

static key_entry load_key(const char *name)
{
    input in = load(name);
    key_entry k = {0, {0}, 0};
    char hex[160];
    if (sscanf(in.bytes, " { \"%u\" : \"%150[0-9a-fA-F]\"", &k.twin, hex) != 2) {
        fprintf(stderr, "bench: %s: unexpected keys file\n", name);
        exit(1);
    }
    for (size_t i = 0; hex[2 * i] && hex[2 * i + 1] && i < sizeof k.key; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        k.key[k.len++] = (uint8_t)v;
    }
    free(in.bytes);
    return k;
}

static int getter(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    const key_entry *k = ctx;
    if (twin != k->twin || k->len > cap)
        return gt_error_set(err, GT_ENOTFOUND, "key not found");
    memcpy(key, k->key, k->len);
    *len = k->len;
    return GT_OK;
}

/* ---- the operations ---- */

static input g_typical, g_large, g_signed_ed, g_signed_sr;
static key_entry g_key_ed, g_key_sr;
static gt_keypair g_alice_ed, g_alice_sr;
static volatile uint8_t g_sink; /* keeps results alive */

static gt_deployment *parse(const input *in)
{
    gt_deployment *d;
    gt_error err;
    int rc = gt_deployment_parse(in->bytes, in->len, &d, &err);
    if (rc != GT_OK)
        die("parse", rc, &err);
    return d;
}

static void hash(const gt_deployment *d)
{
    uint8_t h[GT_HASH_SIZE];
    gt_error err;
    int rc = gt_deployment_challenge_hash(d, h, &err);
    if (rc != GT_OK)
        die("challenge hash", rc, &err);
    g_sink ^= h[0];
}

/* Forgets the decoded workload data, so that the next use decodes `data` again. */
static void drop_caches(gt_deployment *d)
{
    for (uint32_t i = 0; i < d->workloads.len; i++)
        d->workloads.items[i].cache = NULL;
}

typedef struct state {
    const input *in;
    gt_deployment *d;          /* for operations on a parsed deployment */
    gt_deployment *batch[1];   /* for operations that need a fresh deployment each time */
} state;

/* Fresh deployments are prepared one at a time, right before use: as after a parse, the
 * deployment is in the CPU caches, and the allocator is in the steady state of a program
 * that parses one deployment after another (a batch of several would make glibc give
 * freed memory back to the kernel and fault it in again, which measures the kernel). */
#define BATCH 1

static void op_parse(state *s)
{
    gt_deployment_free(parse(s->in));
}

static void op_parse_hash(state *s)
{
    gt_deployment *d = parse(s->in);
    hash(d);
    gt_deployment_free(d);
}

static void op_hash(state *s)
{
    hash(s->d);
}

static void op_validate(state *s)
{
    gt_error err;
    int rc = gt_deployment_valid(s->d, &err);
    if (rc != GT_OK)
        die("validate", rc, &err);
}

static void op_encode(state *s)
{
    char *out;
    size_t len;
    gt_error err;
    int rc = gt_deployment_encode(s->d, &out, &len, &err);
    if (rc != GT_OK)
        die("encode", rc, &err);
    g_sink ^= (uint8_t)out[len / 2];
    free(out);
}

static void verify_with(state *s, key_entry *k)
{
    gt_deployment *d = parse(s->in);
    gt_error err;
    int rc = gt_deployment_verify(d, getter, k, NULL, &err);
    if (rc != GT_OK)
        die("verify", rc, &err);
    gt_deployment_free(d);
}

static void op_verify_ed(state *s) { verify_with(s, &g_key_ed); }
static void op_verify_sr(state *s) { verify_with(s, &g_key_sr); }

static void sign_with(state *s, const gt_keypair *kp)
{
    gt_error err;
    int rc = gt_deployment_sign(s->d, s->d->twin_id, kp, &err);
    if (rc != GT_OK)
        die("sign", rc, &err);
}

static void op_sign_ed(state *s) { sign_with(s, &g_alice_ed); }
static void op_sign_sr(state *s) { sign_with(s, &g_alice_sr); }

/* The floor: MD5 of the challenge bytes alone (nettle, as the library uses). */
static struct challenge_text {
    char *bytes;
    size_t len;
} g_chal_typical, g_chal_large;

static void op_md5(state *s)
{
    const struct challenge_text *t = s->in == &g_typical ? &g_chal_typical : &g_chal_large;
    struct md5_ctx md5;
    uint8_t h[16];
    md5_init(&md5);
    md5_update(&md5, t->len, (const uint8_t *)t->bytes);
    md5_digest(&md5, sizeof h, h);
    g_sink ^= h[0];
}

/* Batched: fresh deployments, parsed (and their caches dropped) outside the clock. */
static void prep_uncached(state *s, size_t k)
{
    s->batch[k] = parse(s->in);
    drop_caches(s->batch[k]);
}

static void release_batch(state *s, size_t k)
{
    gt_deployment_free(s->batch[k]);
    s->batch[k] = NULL;
}

static void op_hash_uncached(state *s, size_t k)
{
    hash(s->batch[k]);
}

static void op_validate_uncached(state *s, size_t k)
{
    gt_error err;
    int rc = gt_deployment_valid(s->batch[k], &err);
    if (rc != GT_OK)
        die("validate", rc, &err);
}

/* ---- the cases ---- */

typedef struct bench_case {
    const char *key;   /* name in --json output; NULL: table only */
    const char *label;
    const input *in;   /* its bytes are the "input" of MB/s */
    double ref_ns;     /* the Go reference, 0 when not measured */
    bool parsed;       /* runs on a deployment parsed (and hashed once) beforehand */
    void (*op)(state *);
    void (*batch_op)(state *, size_t); /* instead of op: timed over fresh deployments */
    /* results */
    double ns, best;
    double alloc_calls, alloc_bytes;
} bench_case;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Runs `iters` operations and returns the nanoseconds they took (only the operations
 * themselves: batch preparation is outside the clock). */
static double timed(bench_case *c, state *s, size_t iters)
{
    if (!c->batch_op) {
        double t0 = now_ns();
        for (size_t i = 0; i < iters; i++)
            c->op(s);
        return now_ns() - t0;
    }
    double total = 0;
    for (size_t done = 0; done < iters;) {
        size_t n = iters - done < BATCH ? iters - done : BATCH;
        for (size_t k = 0; k < n; k++)
            prep_uncached(s, k);
        double t0 = now_ns();
        for (size_t k = 0; k < n; k++)
            c->batch_op(s, k);
        total += now_ns() - t0;
        for (size_t k = 0; k < n; k++)
            release_batch(s, k);
        done += n;
    }
    return total;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void run_case(bench_case *c, int runs, double run_ms)
{
    state s = {c->in, NULL, {NULL}};
    if (c->parsed) {
        s.d = parse(c->in);
        hash(s.d); /* decodes every workload's data once, as a first use would */
    }
    /* Warm up and calibrate: grow the count until a batch takes a tenth of a run. */
    size_t iters = 1;
    double t;
    for (;;) {
        t = timed(c, &s, iters);
        if (t >= run_ms * 1e6 / 10 || iters >= ((size_t)1 << 40))
            break;
        iters *= 2;
    }
    double per = t / (double)iters;
    size_t n = (size_t)(run_ms * 1e6 / per);
    if (n < 1)
        n = 1;
    double samples[64];
    for (int r = 0; r < runs; r++)
        samples[r] = timed(c, &s, n) / (double)n;
    qsort(samples, (size_t)runs, sizeof samples[0], cmp_double);
    c->ns = runs % 2 ? samples[runs / 2] : (samples[runs / 2 - 1] + samples[runs / 2]) / 2;
    c->best = samples[0];

    /* One more call, counted. */
    if (c->batch_op)
        prep_uncached(&s, 0);
    g_alloc_calls = g_alloc_bytes = 0;
    g_counting = true;
    if (c->batch_op)
        c->batch_op(&s, 0);
    else
        c->op(&s);
    g_counting = false;
    c->alloc_calls = (double)g_alloc_calls;
    c->alloc_bytes = (double)g_alloc_bytes;
    if (c->batch_op)
        release_batch(&s, 0);
    gt_deployment_free(s.d);
}

static void usage(void)
{
    fprintf(stderr, "usage: bench [--json] [--runs R (>=5)] [--ms T] [--data DIR] [--filter SUBSTRING]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    bool json = false;
    int runs = 15;
    double run_ms = 100;
    const char *filter = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = true;
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--ms") && i + 1 < argc)
            run_ms = atof(argv[++i]);
        else if (!strcmp(argv[i], "--data") && i + 1 < argc)
            g_dir = argv[++i];
        else if (!strcmp(argv[i], "--filter") && i + 1 < argc)
            filter = argv[++i];
        else
            usage();
    }
    if (runs < 1 || runs > 64 || run_ms <= 0)
        usage();
    if (!g_dir) {
        static const char *const dirs[] = {GT_SOURCE_DIR "/../shared/bench", GT_SOURCE_DIR "/bench/data"};
        for (size_t i = 0; i < 2 && !g_dir; i++)
            if (readable(dirs[i]))
                g_dir = dirs[i];
        if (!g_dir) {
            fprintf(stderr, "bench: no inputs (tried %s and %s); use --data DIR\n", dirs[0], dirs[1]);
            return 1;
        }
    }

    g_typical = load("typical.json");
    g_large = load("large.json");
    g_signed_ed = load("typical.signed-ed25519.json");
    g_signed_sr = load("typical.signed-sr25519.json");
    g_key_ed = load_key("typical.signed-ed25519.keys.json");
    g_key_sr = load_key("typical.signed-sr25519.keys.json");
    gt_error err;
    int rc = gt_keypair_from_secret("//Alice", 7, GT_KEY_ED25519, &g_alice_ed, &err);
    if (rc == GT_OK)
        rc = gt_keypair_from_secret("//Alice", 7, GT_KEY_SR25519, &g_alice_sr, &err);
    if (rc != GT_OK)
        die("key derivation", rc, &err);

    gt_deployment *t = parse(&g_typical), *l = parse(&g_large);
    rc = gt_deployment_challenge(t, &g_chal_typical.bytes, &g_chal_typical.len, &err);
    if (rc == GT_OK)
        rc = gt_deployment_challenge(l, &g_chal_large.bytes, &g_chal_large.len, &err);
    if (rc != GT_OK)
        die("challenge", rc, &err);
    gt_deployment_free(t);
    gt_deployment_free(l);

    /* (i): 20,000 names or keys built to collide, beside random ones (bench/hostile.c) */
    static input g_names[3], g_env[3];
    for (int k = 0; k < 3; k++) {
        g_names[k].bytes = hostile_deployment(20000, (hostile_kind)k, &g_names[k].len);
        g_env[k].bytes = hostile_env(20000, (hostile_kind)k, &g_env[k].len);
    }

    bench_case cases[] = {
        {NULL, "floor: MD5 of challenge, typical", &g_typical, 0, false, op_md5, NULL, 0, 0, 0, 0},
        {NULL, "floor: MD5 of challenge, large", &g_large, 0, false, op_md5, NULL, 0, 0, 0, 0},
        {NULL, "parse typical", &g_typical, 0, false, op_parse, NULL, 0, 0, 0, 0},
        {NULL, "parse large", &g_large, 0, false, op_parse, NULL, 0, 0, 0, 0},
        {"parse_hash_typical", "(a) parse + hash typical", &g_typical, 68140, false, op_parse_hash, NULL, 0, 0, 0, 0},
        {"parse_hash_large", "(b) parse + hash large", &g_large, 605234, false, op_parse_hash, NULL, 0, 0, 0, 0},
        {"hash_typical", "(c) hash typical, cached", &g_typical, 37388, true, op_hash, NULL, 0, 0, 0, 0},
        {"hash_large", "(c) hash large, cached", &g_large, 354745, true, op_hash, NULL, 0, 0, 0, 0},
        {NULL, "(c) hash typical, uncached", &g_typical, 37388, false, NULL, op_hash_uncached, 0, 0, 0, 0},
        {NULL, "(c) hash large, uncached", &g_large, 354745, false, NULL, op_hash_uncached, 0, 0, 0, 0},
        {"validate_typical", "(d) validate typical, cached", &g_typical, 44444, true, op_validate, NULL, 0, 0, 0, 0},
        {"validate_large", "(d) validate large, cached", &g_large, 1406358, true, op_validate, NULL, 0, 0, 0, 0},
        {NULL, "(d) validate typical, uncached", &g_typical, 44444, false, NULL, op_validate_uncached, 0, 0, 0, 0},
        {NULL, "(d) validate large, uncached", &g_large, 1406358, false, NULL, op_validate_uncached, 0, 0, 0, 0},
        {"verify_ed25519", "(e) parse + verify ed25519", &g_signed_ed, 101188, false, op_verify_ed, NULL, 0, 0, 0, 0},
        {"verify_sr25519", "(f) parse + verify sr25519", &g_signed_sr, 113470, false, op_verify_sr, NULL, 0, 0, 0, 0},
        {"sign_ed25519", "(g) sign ed25519", &g_typical, 0, true, op_sign_ed, NULL, 0, 0, 0, 0},
        {"sign_sr25519", "(g) sign sr25519", &g_typical, 0, true, op_sign_sr, NULL, 0, 0, 0, 0},
        {"encode_typical", "(h) encode typical", &g_typical, 0, true, op_encode, NULL, 0, 0, 0, 0},
        {"encode_large", "(h) encode large", &g_large, 0, true, op_encode, NULL, 0, 0, 0, 0},
        {"validate_names_random", "(i) validate 20k names random", &g_names[0], 0, true, op_validate, NULL, 0, 0, 0, 0},
        {"validate_names_fnv", "(i) validate 20k names FNV-1a", &g_names[1], 0, true, op_validate, NULL, 0, 0, 0, 0},
        {"validate_names_siphash", "(i) validate 20k names SipHash0", &g_names[2], 0, true, op_validate, NULL, 0, 0, 0, 0},
        {"parse_env_random", "(i) parse env 20k keys random", &g_env[0], 0, false, op_parse, NULL, 0, 0, 0, 0},
        {"parse_env_fnv", "(i) parse env 20k keys FNV-1a", &g_env[1], 0, false, op_parse, NULL, 0, 0, 0, 0},
        {"parse_env_siphash", "(i) parse env 20k keys SipHash0", &g_env[2], 0, false, op_parse, NULL, 0, 0, 0, 0},
    };
    size_t ncases = sizeof cases / sizeof cases[0];

    if (!json) {
        printf("inputs: %s (typical %zu B, large %zu B); median of %d runs of ~%.0f ms\n", g_dir, g_typical.len,
               g_large.len, runs, run_ms);
        printf("%-32s %10s %10s %8s %11s %7s %10s %7s\n", "case", "ns/op", "best ns", "MB/s", "alloc B/op",
               "allocs", "Go ns/op", "vs Go");
    }
    for (size_t i = 0; i < ncases; i++) {
        bench_case *c = &cases[i];
        if (filter && !strstr(c->label, filter) && !(c->key && strstr(c->key, filter)))
            continue;
        if (json && !c->key)
            continue;
        run_case(c, runs, run_ms);
        if (json)
            continue;
        char ref[32] = "-", ratio[32] = "-", allocs[32] = "n/a", bytes[32] = "n/a";
        if (c->ref_ns > 0) {
            snprintf(ref, sizeof ref, "%.0f", c->ref_ns);
            snprintf(ratio, sizeof ratio, "%.1fx", c->ref_ns / c->ns);
        }
        if (COUNT_ALLOCS) {
            snprintf(allocs, sizeof allocs, "%.0f", c->alloc_calls);
            snprintf(bytes, sizeof bytes, "%.0f", c->alloc_bytes);
        }
        printf("%-32s %10.0f %10.0f %8.1f %11s %7s %10s %7s\n", c->label, c->ns, c->best,
               (double)c->in->len * 1e3 / c->ns, bytes, allocs, ref, ratio);
        fflush(stdout);
    }
    if (json) {
        printf("{");
        bool first = true;
        for (size_t i = 0; i < ncases; i++) {
            if (!cases[i].key || cases[i].ns == 0)
                continue;
            printf("%s\"%s\": %.0f", first ? "" : ", ", cases[i].key, cases[i].ns);
            first = false;
        }
        printf("}\n");
    }
    gt_keypair_wipe(&g_alice_ed);
    gt_keypair_wipe(&g_alice_sr);
    free(g_typical.bytes);
    free(g_large.bytes);
    free(g_signed_ed.bytes);
    free(g_signed_sr.bytes);
    free(g_chal_typical.bytes);
    free(g_chal_large.bytes);
    for (int k = 0; k < 3; k++) {
        free(g_names[k].bytes);
        free(g_env[k].bytes);
    }
    return 0;
}
