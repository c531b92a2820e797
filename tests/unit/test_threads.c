/* Several threads on one parsed deployment, and on distinct ones: every function taking a
 * `const gt_deployment *` may be called from several threads at once (docs/LIMITS.md,
 * "Threads"). Each thread computes the same answers as a single thread does (hash,
 * challenge, validation, capacity, typed data, result data, encoding, verification,
 * upgrade warnings) and compares them; the deployments are parsed afresh before each
 * round and the threads start together, so that they race for the data decoded on first
 * use. Built with ThreadSanitizer in `make check` (build-tsan/), which reports any data
 * race; in the other builds it checks the answers. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "gridtypes.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_files.h"

#define THREADS 4
#define ROUNDS 12

/* Deployments that take every path: data decoded while parsing and on first use (its
 * `type` after its `data`), data that does not decode, a repeated `data` key, a public IP
 * shared by two VMs (the validation's index), zlogs looking their VM up, result data. */
static const char *const inline_docs[] = {
    "{\"version\":1,\"twin_id\":1,\"contract_id\":2,\"workloads\":["
    "{\"version\":1,\"name\":\"net\",\"data\":{\"ip_range\":\"10.1.0.0/16\",\"subnet\":\"10.1.1.0/24\","
    "\"wireguard_private_key\":\"2qsshkWf3Xg/4b5OMoCvnAB41g2XCEQPL8iHBizXfM8=\",\"wireguard_listen_port\":1},\"type\":\"network\"},"
    "{\"version\":1,\"name\":\"pip\",\"data\":{\"v4\":true},\"type\":\"ip\"},"
    "{\"version\":1,\"name\":\"vm1\",\"data\":{\"flist\":\"f\",\"network\":{\"public_ip\":\"pip\",\"interfaces\":"
    "[{\"network\":\"net\",\"ip\":\"10.1.1.2\"}]},\"compute_capacity\":{\"cpu\":2,\"memory\":268435456},"
    "\"env\":{\"A\":\"1\",\"B\":\"2\"}},\"type\":\"zmachine\","
    "\"result\":{\"created\":5,\"state\":\"ok\",\"data\":{\"id\":\"x\",\"ip\":\"10.1.1.2\",\"ygg_ip\":\"300::1\"}}},"
    "{\"version\":1,\"name\":\"vm2\",\"data\":{\"flist\":\"f\",\"network\":{\"public_ip\":\"pip\",\"interfaces\":"
    "[{\"network\":\"net\",\"ip\":\"10.1.1.3\"}]},\"compute_capacity\":{\"cpu\":1,\"memory\":268435456}},\"type\":\"zmachine\"},"
    "{\"version\":1,\"name\":\"logs\",\"data\":{\"zmachine\":\"vm1\",\"output\":\"ws://x\"},\"type\":\"zlogs\"},"
    "{\"version\":1,\"name\":\"disk\",\"type\":\"zmount\",\"data\":{\"size\":1},\"data\":{\"size\":1073741824}}"
    "]}",
    "{\"version\":0,\"twin_id\":3,\"workloads\":["
    "{\"version\":0,\"name\":\"a\",\"data\":{\"size\":\"big\"},\"type\":\"zmount\"},"
    "{\"version\":0,\"name\":\"b\",\"type\":\"zdb\",\"data\":{\"size\":1,\"mode\":\"user\",\"password\":\"p\"}},"
    "{\"version\":0,\"name\":\"c\",\"data\":null,\"type\":\"volume\"},"
    "{\"version\":0,\"name\":\"d\",\"type\":\"unknown\",\"data\":{}}"
    "]}",
};

static const char *const files[] = {
    "examples/deployment.json",
    "bench/data/large.json",
    "bench/data/typical.signed-ed25519.json",
    "examples/workloads/qsfs.json",
    "examples/workloads/gateway-name-proxy.json",
};

#define NDOCS (sizeof inline_docs / sizeof inline_docs[0] + sizeof files / sizeof files[0])

typedef struct doc {
    char *json;
    size_t len;
    char *expected; /* the single-thread answers */
} doc;

static doc docs[NDOCS];

/* The signed typical deployment's key (bench/data/typical.signed-ed25519.keys.json). */
static int get_key(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    (void)ctx;
    static const char hex[] = "d04ab232742bb4ab3a1368bd4615e4e6d0224ab71a016baf8520a332c9778737";
    if (twin != 4242 || cap < 32)
        return gt_error_set(err, GT_ENOTFOUND, "no key for twin %u", twin);
    for (size_t i = 0; i < 32; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        key[i] = (uint8_t)v;
    }
    *len = 32;
    return GT_OK;
}

typedef struct out {
    char *p;
    size_t len, cap;
} out;

static void say(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(out *o, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(o->p + o->len, o->cap - o->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < o->cap - o->len) {
            o->len += (size_t)n;
            return;
        }
        o->cap = o->cap * 2 + (size_t)(n > 0 ? n : 0) + 256;
        char *g = realloc(o->p, o->cap);
        if (!g)
            abort();
        o->p = g;
    }
}

/* Every answer the read-only functions give about d, as text. `order` rotates the order
 * of the calls so that threads reach each first use in different orders. */
static char *answers(const gt_deployment *d, unsigned order)
{
    out o = {NULL, 0, 0};
    say(&o, "%s", "");
    gt_error e;
    for (unsigned step = 0; step < 7; step++) {
        switch ((step + order) % 7) {
        case 0: {
            char hex[GT_HASH_HEX_SIZE];
            int rc = gt_deployment_challenge_hash_hex(d, hex, &e);
            say(&o, "hash %d %s\n", rc, rc == GT_OK ? hex : e.message);
            break;
        }
        case 1: {
            char *text;
            size_t n;
            int rc = gt_deployment_challenge(d, &text, &n, &e);
            say(&o, "challenge %d %zu\n", rc, rc == GT_OK ? n : 0);
            if (rc == GT_OK)
                free(text);
            break;
        }
        case 2: {
            int rc = gt_deployment_valid(d, &e);
            say(&o, "valid %d %s %s\n", rc, e.message, e.path);
            break;
        }
        case 3:
            for (size_t i = 0; i < d->workloads.len; i++) {
                gt_capacity c;
                int rc = gt_workload_capacity(d, i, &c, &e);
                say(&o, "capacity %zu %d %llu %llu %llu %llu %llu\n", i, rc, (unsigned long long)c.cru,
                    (unsigned long long)c.mru, (unsigned long long)c.sru, (unsigned long long)c.hru,
                    (unsigned long long)c.ipv4u);
                const void *data;
                const gt_workload_type *t;
                rc = gt_workload_data(d, i, &data, &t, &e);
                say(&o, "data %zu %d %s\n", i, rc, rc == GT_OK ? t->name : e.message);
                rc = gt_workload_result_data(d, i, &data, &e);
                say(&o, "result %zu %d\n", i, rc);
            }
            break;
        case 4: {
            char *json;
            size_t n;
            int rc = gt_deployment_encode(d, &json, &n, &e);
            say(&o, "encode %d %s\n", rc, rc == GT_OK ? json : e.message);
            if (rc == GT_OK)
                free(json);
            break;
        }
        case 5: {
            gt_verify_report rep;
            int rc = gt_deployment_verify(d, get_key, NULL, &rep, &e);
            say(&o, "verify %d %d %u\n", rc, (int)rep.reason, rep.twin);
            break;
        }
        case 6: {
            gt_upgrade_warning *w;
            size_t n;
            int rc = gt_deployment_upgrade_warnings(d, d, &w, &n, &e);
            say(&o, "warnings %d %zu\n", rc, n);
            if (rc == GT_OK)
                free(w);
            break;
        }
        }
    }
    /* in one fixed order, so that orders can be compared */
    char *lines[64 + 4096];
    size_t nl = 0;
    char *save = NULL;
    for (char *p = strtok_r(o.p, "\n", &save); p && nl < sizeof lines / sizeof lines[0]; p = strtok_r(NULL, "\n", &save))
        lines[nl++] = p;
    for (size_t i = 1; i < nl; i++)
        for (size_t j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
            char *t = lines[j];
            lines[j] = lines[j - 1];
            lines[j - 1] = t;
        }
    out sorted = {NULL, 0, 0};
    say(&sorted, "%s", "");
    for (size_t i = 0; i < nl; i++)
        say(&sorted, "%s\n", lines[i]);
    free(o.p);
    return sorted.p;
}

static gt_deployment *parse(const doc *dc)
{
    gt_deployment *d = NULL;
    gt_error e;
    if (gt_deployment_parse(dc->json, dc->len, &d, &e) != GT_OK) {
        fprintf(stderr, "parse: %s\n", e.message);
        abort();
    }
    return d;
}

static int setup(void **state)
{
    (void)state;
    size_t k = 0;
    for (size_t i = 0; i < sizeof inline_docs / sizeof inline_docs[0]; i++, k++) {
        docs[k].len = strlen(inline_docs[i]);
        docs[k].json = malloc(docs[k].len);
        memcpy(docs[k].json, inline_docs[i], docs[k].len);
    }
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++, k++) {
        docs[k].json = gt_test_source_file(files[i], &docs[k].len);
        if (!docs[k].json)
            return -1;
    }
    for (size_t i = 0; i < NDOCS; i++) {
        gt_deployment *d = parse(&docs[i]);
        docs[i].expected = answers(d, 0);
        gt_deployment_free(d);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < NDOCS; i++) {
        free(docs[i].json);
        free(docs[i].expected);
    }
    return 0;
}

typedef struct job {
    unsigned id;
    gt_deployment **shared; /* NDOCS deployments all threads use, or NULL: parse its own */
    pthread_barrier_t *start;
    int mismatches;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    gt_deployment *own[NDOCS];
    gt_deployment **ds = j->shared;
    if (!ds) {
        for (size_t i = 0; i < NDOCS; i++)
            own[i] = parse(&docs[i]);
        ds = own;
    }
    pthread_barrier_wait(j->start);
    for (size_t k = 0; k < NDOCS; k++) {
        size_t i = (k + j->id) % NDOCS;
        char *got = answers(ds[i], j->id + (unsigned)k);
        if (strcmp(got, docs[i].expected) != 0) {
            j->mismatches++;
            fprintf(stderr, "thread %u, deployment %zu:\n--- expected\n%s--- got\n%s", j->id, i, docs[i].expected, got);
        }
        free(got);
    }
    if (!j->shared)
        for (size_t i = 0; i < NDOCS; i++)
            gt_deployment_free(own[i]);
    return NULL;
}

static void run(bool shared)
{
    for (int round = 0; round < ROUNDS; round++) {
        gt_deployment *ds[NDOCS];
        if (shared)
            for (size_t i = 0; i < NDOCS; i++)
                ds[i] = parse(&docs[i]); /* fresh: nothing decoded on first use yet */
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, THREADS);
        pthread_t tid[THREADS];
        job jobs[THREADS];
        for (unsigned t = 0; t < THREADS; t++) {
            jobs[t] = (job){t, shared ? ds : NULL, &start, 0};
            assert_int_equal(pthread_create(&tid[t], NULL, worker, &jobs[t]), 0);
        }
        int bad = 0;
        for (unsigned t = 0; t < THREADS; t++) {
            pthread_join(tid[t], NULL);
            bad += jobs[t].mismatches;
        }
        pthread_barrier_destroy(&start);
        if (shared)
            for (size_t i = 0; i < NDOCS; i++)
                gt_deployment_free(ds[i]);
        assert_int_equal(bad, 0);
    }
}

static void test_shared_deployments(void **state)
{
    (void)state;
    run(true);
}

static void test_distinct_deployments(void **state)
{
    (void)state;
    run(false);
}

/* The answers themselves are what a single thread gets (a sanity check of the fixture). */
static void test_single_thread_answers(void **state)
{
    (void)state;
    assert_non_null(strstr(docs[0].expected, "valid -7 public ip is assigned to multiple vms"));
    assert_non_null(strstr(docs[1].expected, "valid -6 failed to load data"));
    assert_non_null(strstr(docs[NDOCS - 3].expected, "verify 0 "));
    for (size_t i = 0; i < NDOCS; i++)
        assert_non_null(strstr(docs[i].expected, "hash "));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_thread_answers),
        cmocka_unit_test(test_shared_deployments),
        cmocka_unit_test(test_distinct_deployments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
