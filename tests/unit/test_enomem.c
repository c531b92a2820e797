/* Allocation failure is reported, never ignored.
 *
 * This executable is linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,
 * --wrap=free (top-level CMakeLists.txt), so every allocation the library makes goes
 * through the counting allocator below. For each scenario we first run it with no
 * failure and record its outcome, then again once per allocation it makes: (a) failing
 * exactly that allocation, (b) failing that one and every later one. Each step must then
 * either give the same outcome as without failure or return GT_ENOMEM — a different hash,
 * verdict or encoding means a failure was swallowed — and nothing may crash or leak
 * (the live-allocation count is back where it was; under build-asan LeakSanitizer checks
 * too). The test's own allocations bypass the counter (__real_malloc). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gridtypes/crypto.h"
#include "gridtypes/deployment.h"
#include "gridtypes/signing.h"
#include "gridtypes/workload_type.h"

#ifndef GT_SOURCE_DIR
#define GT_SOURCE_DIR "."
#endif

/* ---- the counting, failing allocator ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static long g_calls;      /* allocations attempted since the scenario started */
static long g_fail_at = -1; /* the first allocation to fail (-1: none) */
static int g_fail_all;    /* fail every allocation from g_fail_at on */
static long g_live;       /* blocks handed out and not yet freed */
static long g_failed;     /* allocations refused in this run */
static long g_failed_seen; /* refusals already attributed to a step */

static int refuse(void)
{
    long k = g_calls++;
    if (g_fail_at >= 0 && (k == g_fail_at || (g_fail_all && k > g_fail_at))) {
        g_failed++;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    if (refuse())
        return NULL;
    void *p = __real_malloc(n);
    if (p)
        g_live++;
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    if (refuse())
        return NULL;
    void *p = __real_calloc(n, size);
    if (p)
        g_live++;
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    if (refuse())
        return NULL;
    void *q = __real_realloc(p, n);
    if (q && !p)
        g_live++;
    return q;
}

void __wrap_free(void *p)
{
    if (p)
        g_live--;
    __real_free(p);
}

/* ---- outcomes ---- */

#define OUT_MAX 8192

/* What a scenario observed: one line per step, "name=status[:detail]". A step that ran
 * out of memory writes "name=ENOMEM" and the scenario may stop there. */
typedef struct {
    char text[OUT_MAX];
    size_t len;
} outcome;

static void note(outcome *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->text + o->len, OUT_MAX - o->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n < OUT_MAX - o->len ? (size_t)n : OUT_MAX - o->len - 1;
}

typedef void (*scenario_fn)(const char *input, size_t len, outcome *o);

static char *slurp(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/conformance/deployments/%s", GT_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = __real_malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* Compares a run under failure with the clean run, line by line: each line must be
 * identical, or the step must have reported ENOMEM (after which lines may stop or
 * continue; a later step can also legitimately see ENOMEM again through a cache). */
static void compare(const outcome *clean, const outcome *run, const char *what, long at, int all)
{
    const char *a = clean->text, *b = run->text;
    while (*b) {
        const char *ae = strchr(a, '\n'), *be = strchr(b, '\n');
        if (!be)
            break;
        size_t bl = (size_t)(be - b);
        int enomem = bl >= 7 && memcmp(be - 7, "=ENOMEM", 7) == 0;
        if (!enomem) {
            if (!ae || (size_t)(ae - a) != bl || memcmp(a, b, bl) != 0) {
                fail_msg("%s: allocation %ld failed (%s): got\n  %.*s\nexpected\n  %.*s", what, at,
                         all ? "and all later" : "only it", (int)bl, b, ae ? (int)(ae - a) : 0, a);
            }
        }
        if (ae)
            a = ae + 1;
        b = be + 1;
    }
}

static void run_scenario(const char *what, scenario_fn fn, const char *input, size_t len)
{
    outcome clean = {{0}, 0};
    g_fail_at = -1;
    g_calls = 0;
    long live0 = g_live;
    fn(input, len, &clean);
    long total = g_calls;
    assert_int_equal(g_live, live0);
    assert_true(total > 0);
    for (int all = 0; all <= 1; all++) {
        for (long k = 0; k < total; k++) {
            outcome run = {{0}, 0};
            g_calls = 0;
            g_failed = 0;
            g_fail_at = k;
            g_fail_all = all;
            g_failed_seen = 0;
            fn(input, len, &run);
            g_fail_at = -1;
            if (g_live != live0)
                fail_msg("%s: allocation %ld failed (%s): %ld blocks leaked", what, k, all ? "all later" : "only",
                         g_live - live0);
            compare(&clean, &run, what, k, all);
        }
    }
}

/* ---- scenarios ---- */

/* Records a step. A step during which an allocation was refused must not succeed: it
 * reports GT_ENOMEM, or fails as it fails without the refusal (an error that wins over
 * the missing memory, e.g. data that does not load); compare() checks the latter. */
static void status_line(outcome *o, const char *step, int rc, const char *detail)
{
    long refused = g_failed - g_failed_seen;
    g_failed_seen = g_failed;
    if (refused > 0 && rc == GT_OK)
        fail_msg("step %s succeeded although %ld allocation(s) were refused", step, refused);
    if (rc == GT_ENOMEM)
        note(o, "%s=ENOMEM\n", step);
    else
        note(o, "%s=%d:%s\n", step, rc, detail ? detail : "");
}

/* parse -> hash -> challenge -> valid -> capacity -> encode */
static void sc_pipeline(const char *input, size_t len, outcome *o)
{
    gt_deployment *d = NULL;
    gt_error err;
    int rc = gt_deployment_parse(input, len, &d, &err);
    status_line(o, "parse", rc, rc ? err.message : NULL);
    if (rc != GT_OK) {
        if (rc == GT_ENOMEM)
            assert_null(d);
        return;
    }
    char hex[GT_HASH_HEX_SIZE];
    rc = gt_deployment_challenge_hash_hex(d, hex, &err);
    status_line(o, "hash", rc, rc ? err.message : hex);
    char *text = NULL;
    size_t tlen = 0;
    rc = gt_deployment_challenge(d, &text, &tlen, &err);
    char tl[32];
    snprintf(tl, sizeof tl, "%zu", tlen);
    status_line(o, "challenge", rc, rc ? err.message : tl);
    free(text);
    rc = gt_deployment_valid(d, &err);
    status_line(o, "valid", rc, rc ? err.message : NULL);
    for (size_t i = 0; i < d->workloads.len; i++) {
        gt_capacity cap;
        rc = gt_workload_capacity(d, i, &cap, &err);
        char c[128];
        snprintf(c, sizeof c, "%llu/%llu/%llu/%llu/%llu", (unsigned long long)cap.cru, (unsigned long long)cap.sru,
                 (unsigned long long)cap.hru, (unsigned long long)cap.mru, (unsigned long long)cap.ipv4u);
        status_line(o, "capacity", rc, rc ? err.message : c);
    }
    char *enc = NULL;
    size_t elen = 0;
    rc = gt_deployment_encode(d, &enc, &elen, &err);
    if (rc == GT_OK) {
        /* A short fingerprint of the encoding. */
        uint32_t h = 2166136261u;
        for (size_t i = 0; i < elen; i++)
            h = (h ^ (uint8_t)enc[i]) * 16777619u;
        char f[32];
        snprintf(f, sizeof f, "%zu:%08x", elen, h);
        status_line(o, "encode", rc, f);
    } else {
        status_line(o, "encode", rc, err.message);
    }
    free(enc);
    gt_deployment_free(d);
}

/* upgrade(input, input with version + 1) */
static void sc_upgrade(const char *input, size_t len, outcome *o)
{
    gt_deployment *cur = NULL, *next = NULL;
    gt_error err;
    int rc = gt_deployment_parse(input, len, &cur, &err);
    status_line(o, "parse_cur", rc, NULL);
    if (rc == GT_OK) {
        rc = gt_deployment_parse(input, len, &next, &err);
        status_line(o, "parse_next", rc, NULL);
    }
    if (rc == GT_OK) {
        next->version = cur->version + 1;
        for (size_t i = 0; i < next->workloads.len; i++)
            next->workloads.items[i].version = next->version;
        gt_upgrade_op *ops = NULL;
        size_t nops = 0;
        rc = gt_deployment_upgrade(cur, next, &ops, &nops, &err);
        char c[32];
        snprintf(c, sizeof c, "%zu", nops);
        status_line(o, "upgrade", rc, rc ? err.message : c);
        if (rc == GT_ENOMEM)
            assert_null(ops);
        free(ops);
    }
    gt_deployment_free(cur);
    gt_deployment_free(next);
}

static gt_keypair g_alice;

static int alice_getter(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    (void)ctx;
    (void)twin;
    (void)err;
    assert_true(cap >= 32);
    memcpy(key, g_alice.public_key, 32);
    *len = 32;
    return GT_OK;
}

/* sign (as the originator) -> verify */
static void sc_sign_verify(const char *input, size_t len, outcome *o)
{
    gt_deployment *d = NULL;
    gt_error err;
    int rc = gt_deployment_parse(input, len, &d, &err);
    status_line(o, "parse", rc, NULL);
    if (rc != GT_OK)
        return;
    rc = gt_deployment_sign(d, d->twin_id, &g_alice, &err);
    status_line(o, "sign", rc, rc ? err.message : NULL);
    if (rc == GT_OK) {
        gt_verify_report rep;
        rc = gt_deployment_verify(d, alice_getter, NULL, &rep, &err);
        status_line(o, "verify", rc, rc ? err.message : NULL);
    }
    gt_deployment_free(d);
}

static const char *g_build_type = "zmachine-light";

/* building a deployment by hand */
static void sc_build(const char *input, size_t len, outcome *o)
{
    gt_deployment *d = gt_deployment_new();
    status_line(o, "new", d ? GT_OK : GT_ENOMEM, NULL);
    if (!d)
        return;
    gt_workload *wl = gt_deployment_add_workload(d, "vm", g_build_type, input, len);
    status_line(o, "add", wl ? GT_OK : GT_ENOMEM, NULL);
    if (wl) {
        int rc = gt_deployment_add_request(d, 1, true, 1);
        status_line(o, "request", rc, NULL);
        rc = gt_deployment_set_error(d, "boom");
        status_line(o, "set_error", rc, NULL);
        char hex[GT_HASH_HEX_SIZE];
        gt_error err;
        rc = gt_deployment_challenge_hash_hex(d, hex, &err);
        status_line(o, "hash", rc, rc ? err.message : hex);
    }
    gt_deployment_free(d);
}

/* ---- the tests ---- */

static const char *const FILES[] = {
    "0007-valid-network-0.json",           "0011-valid-network-light-0.json",
    "0014-valid-zdb-0.json",               "0017-valid-zmachine-0.json",
    "0022-valid-zmachine-light-0.json",    "0031-valid-gateway-name-proxy-0.json",
    "0074-invalid-zmount-data-missing.json",
};

static void enomem_pipeline_corpus(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++) {
        size_t len;
        char *in = slurp(FILES[i], &len);
        run_scenario(FILES[i], sc_pipeline, in, len);
        __real_free(in);
    }
}

/* Inputs that take the heap paths: a long gateway backend (> 1 KiB scratch), a long
 * zlogs output URL, an env of more than 32 keys (sorted in a heap array), a long hex
 * signature (> 128 bytes), many workloads (validation's name set on the heap). */
static char *heavy_input(size_t *len)
{
    size_t cap = 64 << 10, n = 0;
    char *s = __real_malloc(cap);
    assert_non_null(s);
    n += (size_t)snprintf(s + n, cap - n,
                          "{\"version\":0,\"twin_id\":7,\"contract_id\":3,\"signature_requirement\":{\"requests\":"
                          "[{\"twin_id\":7,\"required\":true,\"weight\":1}],\"weight_required\":1,\"signatures\":"
                          "[{\"twin_id\":9,\"signature\":\"");
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(s + n, cap - n, "ab");
    n += (size_t)snprintf(s + n, cap - n, "\",\"signature_type\":\"ed25519\"}]},\"workloads\":[");
    n += (size_t)snprintf(s + n, cap - n,
                          "{\"version\":0,\"name\":\"gw\",\"type\":\"gateway-name-proxy\",\"data\":{\"name\":\"gw\","
                          "\"backends\":[\"http://1.2.3.4/");
    for (int i = 0; i < 1200; i++)
        s[n++] = 'a';
    n += (size_t)snprintf(s + n, cap - n, "\"]}},");
    n += (size_t)snprintf(s + n, cap - n,
                          "{\"version\":0,\"name\":\"vm\",\"type\":\"zmachine-light\",\"data\":{\"flist\":"
                          "\"https://hub.grid.tf/a.flist\",\"network\":{\"interfaces\":[]},\"size\":1,"
                          "\"compute_capacity\":{\"cpu\":1,\"memory\":1},\"env\":{");
    for (int i = 40; i > 0; i--)
        n += (size_t)snprintf(s + n, cap - n, "%s\"k%02d\":\"v\"", i == 40 ? "" : ",", i);
    n += (size_t)snprintf(s + n, cap - n, "}}},");
    n += (size_t)snprintf(s + n, cap - n,
                          "{\"version\":0,\"name\":\"logs\",\"type\":\"zlogs\",\"data\":{\"zmachine\":\"vm\","
                          "\"output\":\"redis://host/");
    for (int i = 0; i < 1200; i++)
        s[n++] = 'b';
    n += (size_t)snprintf(s + n, cap - n, "\"}}");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(s + n, cap - n,
                              ",{\"version\":0,\"name\":\"d%d\",\"type\":\"zmount\",\"data\":{\"size\":1073741824}}", i);
    n += (size_t)snprintf(s + n, cap - n, "]}");
    *len = n;
    return s;
}

static void enomem_pipeline_heavy(void **state)
{
    (void)state;
    size_t len;
    char *in = heavy_input(&len);
    run_scenario("heavy", sc_pipeline, in, len);
    __real_free(in);
}

static void enomem_upgrade(void **state)
{
    (void)state;
    size_t len;
    char *in = heavy_input(&len);
    run_scenario("upgrade heavy", sc_upgrade, in, len);
    __real_free(in);
    in = slurp("0017-valid-zmachine-0.json", &len);
    run_scenario("upgrade zmachine", sc_upgrade, in, len);
    __real_free(in);
}

static void enomem_sign_verify(void **state)
{
    (void)state;
    gt_error err;
    assert_int_equal(gt_keypair_from_secret("//Alice", 7, GT_KEY_ED25519, &g_alice, &err), GT_OK);
    size_t len;
    char *in = heavy_input(&len);
    run_scenario("sign/verify heavy", sc_sign_verify, in, len);
    __real_free(in);
    gt_keypair_wipe(&g_alice);
}

static void enomem_build(void **state)
{
    (void)state;
    char data[2048];
    size_t n = (size_t)snprintf(data, sizeof data,
                                "{\"flist\":\"https://hub.grid.tf/a.flist\",\"network\":{\"interfaces\":[]},"
                                "\"size\":1,\"compute_capacity\":{\"cpu\":1,\"memory\":1},\"env\":{");
    for (int i = 40; i > 0; i--)
        n += (size_t)snprintf(data + n, sizeof data - n, "%s\"k%02d\":\"v\"", i == 40 ? "" : ",", i);
    n += (size_t)snprintf(data + n, sizeof data - n, "}}");
    g_build_type = "zmachine-light";
    run_scenario("build", sc_build, data, n);
    /* "zmachine: tail challenge status dropped" (fuzz/regressions/README.md): zmachine's
     * challenge used to drop the status of gt_zos_machine_tail_challenge, so a failed
     * allocation for sorting more than 32 env keys gave a wrong hash. */
    g_build_type = "zmachine";
    run_scenario("build zmachine", sc_build, data, n);
}

/* Parsing takes one malloc: the deployment and its arena's first chunk, sized from the
 * input, share it (a handful at most); hashing allocates nothing. */
static void parse_allocates_once(void **state)
{
    (void)state;
    size_t len;
    char *in = slurp("0017-valid-zmachine-0.json", &len);
    long live = g_live;
    g_calls = 0;
    g_fail_at = -1;
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(in, len, &d, &err), GT_OK);
    assert_int_equal(g_calls, 1);
    char hex[GT_HASH_HEX_SIZE];
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
    assert_int_equal(g_calls, 1);
    gt_deployment_free(d);
    assert_int_equal(g_live, live);
    __real_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(enomem_pipeline_corpus),
        cmocka_unit_test(enomem_pipeline_heavy),
        cmocka_unit_test(enomem_upgrade),
        cmocka_unit_test(enomem_sign_verify),
        cmocka_unit_test(enomem_build),
        cmocka_unit_test(parse_allocates_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
