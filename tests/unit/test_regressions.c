/* Regressions: one test per defect found by fuzzing or review, named after the entry of
 * fuzz/regressions/README.md (the list, with the reproducers).
 *
 * The complexity defects (quadratic upgrade matching, public-ip check, map filling) are checked on inputs large enough that the old
 * quadratic code took minutes; they assert the answers, not the time (speed is measured in
 * bench/, and a regression shows there and as a CTest timeout). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "crypto/keys.h"
#include "gridtypes/zos.h"
#include "gridtypes/crypto.h"
#include "gridtypes/deployment.h"
#include "gridtypes/signing.h"
#include "gridtypes/workload_type.h"

/* ---- hex seed: negative shift (fuzz_hex, fuzz_keys): gt_hex_seed_decode shifted a negative int (UB) ----
 * hex_value() gives -1 for a bad digit and `hi << 4` was evaluated on it. The UBSan build
 * (build-asan) stopped here; the plain build must give the same verdicts. */
static void hex_seed_bad_digit(void **state)
{
    (void)state;
    char s[64];
    uint8_t out[32];
    memset(s, '0', sizeof s);
    s[56] = '\0'; /* the fuzzer's input: a NUL as the high digit */
    s[63] = '@';
    memset(out, 0xaa, sizeof out);
    assert_int_equal(gt_hex_seed_decode(out, s, sizeof s), -1);
    for (size_t i = 0; i < sizeof out; i++)
        assert_int_equal(out[i], 0); /* wiped on failure */
    /* Every non-digit in the high and in the low position is refused. */
    for (int c = 0; c < 256; c++) {
        int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        memset(s, 'f', sizeof s);
        s[0] = (char)c;
        assert_int_equal(gt_hex_seed_decode(out, s, sizeof s), hex ? 0 : -1);
        memset(s, 'f', sizeof s);
        s[1] = (char)c;
        assert_int_equal(gt_hex_seed_decode(out, s, sizeof s), hex ? 0 : -1);
    }
    for (int i = 0; i < 32; i++)
        memcpy(s + 2 * i, "aB", 2);
    assert_int_equal(gt_hex_seed_decode(out, s, sizeof s), 0);
    for (size_t i = 0; i < sizeof out; i++)
        assert_int_equal(out[i], 0xab);
}

/* ---- signer: overlong signature (review): a signer reporting more bytes than its buffer overflowed the stack ----
 * gt_deployment_sign_with hex-encoded sig_len bytes of a 128-byte buffer into 257 bytes. */
static int lying_signer(void *ctx, const uint8_t *msg, size_t len, uint8_t *sig, size_t cap, size_t *siglen,
                        gt_error *err)
{
    (void)ctx;
    (void)msg;
    (void)len;
    (void)err;
    memset(sig, 1, cap);
    *siglen = cap + 1000;
    return GT_OK;
}

static const char tiny[] = "{\"version\":0,\"twin_id\":1,\"signature_requirement\":{\"requests\":"
                           "[{\"twin_id\":1,\"weight\":1}],\"weight_required\":1},\"workloads\":[]}";

static void signer_overlong_signature(void **state)
{
    (void)state;
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(tiny, strlen(tiny), &d, &err), GT_OK);
    assert_int_equal(gt_deployment_sign_with(d, 1, lying_signer, NULL, "ed25519", &err), GT_EARG);
    assert_non_null(strstr(err.message, "signer returned"));
    assert_int_equal(d->signature_requirement.signatures.len, 0);
    gt_deployment_free(d);
}

/* ---- gateway: allocation failure as a verdict (review): an allocation failure in a gateway backend check became a verdict ----
 * Covered by tests/unit/test_enomem.c (the failing allocation must give GT_ENOMEM, not
 * GT_EINVALID "out of memory"); here the long-backend path itself is checked. */
static void gateway_long_backend(void **state)
{
    (void)state;
    size_t blen = 3000;
    char *be = malloc(blen + 1);
    assert_non_null(be);
    memcpy(be, "http://1.2.3.4/", 15);
    memset(be + 15, 'a', blen - 15);
    be[blen] = '\0';
    char data[3200];
    snprintf(data, sizeof data, "{\"name\":\"gw\",\"backends\":[\"%s\"]}", be);
    gt_deployment *d = gt_deployment_new();
    assert_non_null(d);
    d->version = 0;
    assert_non_null(gt_deployment_add_workload(d, "gw", "gateway-name-proxy", data, strlen(data)));
    gt_error err;
    assert_int_equal(gt_deployment_valid(d, &err), GT_OK);
    gt_deployment_free(d);
    free(be);
}

/* ---- env: sort buffer allocation failure (review): zmachine-light with more than 32 env keys, sorted in a heap buffer ----
 * The challenge must list the keys in byte order (Go's sort.Strings). */
static void env_sorted_large(void **state)
{
    (void)state;
    char data[8192];
    size_t n = (size_t)snprintf(data, sizeof data,
                                "{\"flist\":\"https://hub.grid.tf/a.flist\",\"network\":{\"interfaces\":[]},"
                                "\"size\":1,\"compute_capacity\":{\"cpu\":1,\"memory\":1},\"env\":{");
    for (int i = 40; i > 0; i--)
        n += (size_t)snprintf(data + n, sizeof data - n, "%s\"k%02d\":\"v\"", i == 40 ? "" : ",", i);
    n += (size_t)snprintf(data + n, sizeof data - n, "}}");
    gt_deployment *d = gt_deployment_new();
    assert_non_null(d);
    assert_non_null(gt_deployment_add_workload(d, "vm", "zmachine-light", data, n));
    char *text = NULL;
    size_t len = 0;
    gt_error err;
    assert_int_equal(gt_deployment_challenge(d, &text, &len, &err), GT_OK);
    const char *k01 = strstr(text, "k01=v"), *k40 = strstr(text, "k40=v");
    assert_non_null(k01);
    assert_non_null(k40);
    assert_true(k01 < k40);
    assert_non_null(strstr(text, "k01=vk02=vk03=v"));
    free(text);
    gt_deployment_free(d);
}

/* Wraps `body` (one workload data object) into a minimal deployment. */
static char *wrap(const char *workloads, size_t *len)
{
    static const char head[] = "{\"version\":1,\"twin_id\":1,\"contract_id\":1,\"workloads\":[";
    size_t wl = strlen(workloads);
    char *s = malloc(sizeof head + wl + 4);
    memcpy(s, head, sizeof head - 1);
    memcpy(s + sizeof head - 1, workloads, wl);
    memcpy(s + sizeof head - 1 + wl, "]}", 3);
    *len = sizeof head - 1 + wl + 2;
    return s;
}

/* ---- upgrade: quadratic name matching (review, src/core/upgrade.c, fixed in ce9704c): the upgrade matched
 * names with nested loops, O(n^2): 100,000 workloads (6.4 MB) took 115 s. The reference uses
 * maps, O(n). 50,000 workloads: ~29 s quadratic, well under a second linear. */
static void upgrade_linear(void **state)
{
    (void)state;
    size_t cap = 8 << 20, n = 0;
    char *w = malloc(cap);
    assert_non_null(w);
    for (int i = 0; i < 50000; i++)
        n += (size_t)snprintf(w + n, cap - n, "%s{\"version\":1,\"name\":\"w%d\",\"type\":\"zmount\",\"data\":{\"size\":1}}",
                              i ? "," : "", i);
    size_t len;
    char *doc = wrap(w, &len);
    gt_deployment *cur = NULL, *next = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(doc, len, &cur, &err), GT_OK);
    assert_int_equal(gt_deployment_parse(doc, len, &next, &err), GT_OK);
    next->version = 2;
    gt_upgrade_op *ops = NULL;
    size_t nops = 0;
    assert_int_equal(gt_deployment_upgrade(cur, next, &ops, &nops, &err), GT_OK);
    assert_int_equal(nops, 0); /* same versions: nothing to do */
    free(ops);
    gt_deployment_free(cur);
    gt_deployment_free(next);
    free(doc);
    free(w);
}

/* ---- public ip: quadratic check (review, src/zos/zmachine.c, fixed in ce9704c): each zmachine with a
 * public ip scanned every workload, O(n^2): 20,000 VMs took 71 s to validate. 10,000 VMs:
 * ~18 s quadratic, well under a second linear. */
static void public_ip_linear(void **state)
{
    (void)state;
    size_t cap = 4 << 20, n = 0;
    char *w = malloc(cap);
    assert_non_null(w);
    for (int i = 0; i < 10000; i++)
        n += (size_t)snprintf(w + n, cap - n,
                              "%s{\"version\":1,\"name\":\"ip%d\",\"type\":\"ip\",\"data\":{\"v4\":true}},"
                              "{\"version\":1,\"name\":\"vm%d\",\"type\":\"zmachine\",\"data\":{\"flist\":"
                              "\"https://hub.grid.tf/a.flist\",\"network\":{\"public_ip\":\"ip%d\",\"interfaces\":"
                              "[{\"network\":\"n\",\"ip\":\"10.1.1.%d\"}]},\"size\":0,\"compute_capacity\":"
                              "{\"cpu\":1,\"memory\":268435456}}}",
                              i ? "," : "", i, i, i, 2 + i % 250);
    size_t len;
    char *doc = wrap(w, &len);
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(doc, len, &d, &err), GT_OK);
    assert_int_equal(gt_deployment_valid(d, &err), GT_OK);
    gt_deployment_free(d);
    free(doc);
    free(w);
}

/* env: quadratic map filling (review, src/json/decode.c map_put): a map[string]string was filled by a linear search
 * per key, O(n^2): 100,000 env keys (1.3 MB) took 53 s to parse. Large maps now index
 * their keys while they fill; a repeated key still replaces the value. */
static void map_quadratic(void **state)
{
    (void)state;
    size_t cap = 4 << 20, n = 0;
    char *w = malloc(cap);
    n += (size_t)snprintf(w + n, cap - n,
                          "{\"version\":1,\"name\":\"vm\",\"type\":\"zmachine-light\",\"data\":{\"env\":{");
    for (int i = 0; i < 100000; i++)
        n += (size_t)snprintf(w + n, cap - n, "%s\"k%d\":\"v\"", i ? "," : "", i);
    snprintf(w + n, cap - n, ",\"k77\":\"last\"}}}");
    size_t len;
    char *doc = wrap(w, &len);
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(doc, len, &d, &err), GT_OK);
    const void *data;
    assert_int_equal(gt_workload_data(d, 0, &data, NULL, &err), GT_OK);
    const gt_zmachine_light *vm = data;
    assert_int_equal(vm->env.len, 100000);
    bool replaced = false;
    for (uint32_t i = 0; i < vm->env.len; i++)
        if (vm->env.items[i].key.len == 3 && memcmp(vm->env.items[i].key.ptr, "k77", 3) == 0)
            replaced = vm->env.items[i].value.len == 4;
    assert_true(replaced);
    char hex[GT_HASH_HEX_SIZE];
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
    gt_deployment_free(d);
    free(doc);
    free(w);
}

/* nested empty slice loses siblings (differential test against the reference): a slice built on the scratch stack lost
 * the contiguity of its elements when a nested empty slice re-aligned the stack top, so the
 * second qsfs group came out as garbage (a crash in the challenge). The hash must be the
 * reference's. */
static void nested_empty_slice_keeps_siblings(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"version\":0,\"twin_id\":1,\"workloads\":[{\"version\":0,\"name\":\"q\",\"type\":\"qsfs\","
        "\"data\":{\"config\":{\"groups\":[{\"backends\":[]},{\"backends\":[{\"address\":\"a\"},"
        "{\"address\":\"b\"}]},{\"backends\":[{\"namespace\":\"n\"}]}]}}}]}";
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(doc, sizeof doc - 1, &d, &err), GT_OK);
    char *text;
    size_t len;
    assert_int_equal(gt_deployment_challenge(d, &text, &len, &err), GT_OK);
    assert_string_equal(text, "0100qqsfs000000abn0");
    free(text);
    char hex[GT_HASH_HEX_SIZE];
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
    assert_string_equal(hex, "21e6d9974deb7bcbb9956ab8291f03cf");
    gt_deployment_free(d);
}

/* public ip: empty name (fuzz_deployment, UBSan): the public-ip index compared an empty name (NULL pointer,
 * length 0) with memcmp. The verdict must be the reference's; under the sanitized build of
 * `make check` the old code stops here. */
static void empty_public_ip_name(void **state)
{
    (void)state;
    FILE *f = fopen(GT_SOURCE_DIR "/fuzz/regressions/empty-public-ip-name.json", "rb");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(buf, n, &d, &err), GT_OK);
    assert_int_equal(gt_deployment_valid(d, &err), GT_EINVALID);
    assert_string_equal(err.message, "multiple workloads with the same name 'd1'");
    gt_deployment_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hex_seed_bad_digit),
        cmocka_unit_test(signer_overlong_signature),
        cmocka_unit_test(gateway_long_backend),
        cmocka_unit_test(env_sorted_large),
        cmocka_unit_test(upgrade_linear),
        cmocka_unit_test(public_ip_linear),
        cmocka_unit_test(map_quadratic),
        cmocka_unit_test(nested_empty_slice_keeps_siblings),
        cmocka_unit_test(empty_public_ip_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
