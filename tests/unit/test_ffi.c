/* The flat FFI surface (gridtypes/ffi.h): every function, its outputs against the native
 * API (itself checked against the reference by the conformance runner), and its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ss58.h"
#include "ffi/ffi_internal.h"
#include "gridtypes.h"
#include "gridtypes/ffi.h"
#include "test_files.h"

/* A file of the source tree, which must be there. */
static char *read_file(const char *rel, size_t *len)
{
    char *s = gt_test_source_file(rel, len);
    assert_non_null(s);
    return s;
}

static gt_deployment *parse_text(const char *json)
{
    gt_deployment *d = NULL;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_parse((const uint8_t *)json, strlen(json), 0, &d, &err), GT_OK);
    assert_non_null(d);
    return d;
}

static gt_deployment *parse_example(void)
{
    size_t len;
    char *json = read_file("examples/deployment.json", &len);
    gt_deployment *d = NULL;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_parse((const uint8_t *)json, len, 0, &d, &err), GT_OK);
    free(json);
    return d;
}

/* A filled error record says nothing went wrong. */
static void assert_ok(const gt_ffi_error *err)
{
    assert_int_equal(err->code, GT_OK);
    assert_int_equal(err->reserved, 0);
    assert_true(err->offset == -1);
    assert_string_equal(err->path, "");
    assert_string_equal(err->message, "");
}

/* Fills an error record with junk, so that a call must overwrite it. */
static void dirty(gt_ffi_error *err)
{
    memset(err, 'x', sizeof *err);
    err->path[sizeof err->path - 1] = '\0';
    err->message[sizeof err->message - 1] = '\0';
}

static void test_abi_and_versions(void **state)
{
    (void)state;
    assert_int_equal(gt_ffi_abi_version(), GT_FFI_ABI_VERSION);
    assert_int_equal(gt_ffi_error_size(), 784);
    assert_int_equal(sizeof(gt_ffi_error), 784);
    assert_string_equal(gt_ffi_version(), GT_VERSION_STRING);
    assert_string_equal(gt_ffi_reference_rules(), gt_reference_rules());
    assert_string_equal(gt_ffi_status_name(GT_OK), "ok");
    assert_string_equal(gt_ffi_status_name(GT_ESYNTAX), "syntax");
    assert_string_equal(gt_ffi_status_name(GT_EKEY), "key");
    assert_string_equal(gt_ffi_status_name(12345), "unknown");
}

static void test_alloc_free(void **state)
{
    (void)state;
    uint8_t *p = gt_ffi_alloc(1000);
    assert_non_null(p);
    memset(p, 0xab, 1000);
    gt_ffi_free(p);
    gt_ffi_free(gt_ffi_alloc(0));
    gt_ffi_free(NULL);
}

static void test_parse_and_hash_match_native(void **state)
{
    (void)state;
    size_t len;
    char *json = read_file("examples/deployment.json", &len);
    gt_deployment *d = NULL;
    gt_ffi_error err;
    dirty(&err);
    assert_int_equal(gt_ffi_parse((const uint8_t *)json, len, 0, &d, &err), GT_OK);
    assert_ok(&err);

    gt_deployment *native;
    gt_error nerr;
    assert_int_equal(gt_deployment_parse(json, len, &native, &nerr), GT_OK);
    uint8_t want[16], got[16];
    char want_hex[33], got_hex[33];
    assert_int_equal(gt_deployment_challenge_hash(native, want, &nerr), GT_OK);
    assert_int_equal(gt_deployment_challenge_hash_hex(native, want_hex, &nerr), GT_OK);

    dirty(&err);
    assert_int_equal(gt_ffi_hash(d, got, &err), GT_OK);
    assert_ok(&err);
    assert_memory_equal(got, want, 16);
    dirty(&err);
    assert_int_equal(gt_ffi_hash_hex(d, got_hex, &err), GT_OK);
    assert_ok(&err);
    assert_string_equal(got_hex, want_hex);
    /* a NULL error record is fine everywhere */
    assert_int_equal(gt_ffi_hash_hex(d, got_hex, NULL), GT_OK);

    /* the same in one call */
    memset(got_hex, 0, sizeof got_hex);
    dirty(&err);
    assert_int_equal(gt_ffi_hash_json((const uint8_t *)json, len, 0, got_hex, &err), GT_OK);
    assert_ok(&err);
    assert_string_equal(got_hex, want_hex);
    assert_int_equal(gt_ffi_hash_json((const uint8_t *)json, len, 0, NULL, &err), GT_EARG);
    assert_int_equal(gt_ffi_hash_json((const uint8_t *)"{,", 2, 0, got_hex, &err), GT_ESYNTAX);
    assert_true(err.offset == 1);
    assert_int_equal(gt_ffi_hash_json((const uint8_t *)json, len, 10, got_hex, &err), GT_ELIMIT);

    gt_deployment_free(native);
    gt_ffi_deployment_free(d);
    gt_ffi_deployment_free(NULL);
    free(json);
}

static void test_parse_errors(void **state)
{
    (void)state;
    gt_deployment *d = (gt_deployment *)&d; /* must be reset to NULL */
    gt_ffi_error err;

    const char *bad = "{\"version\": 1,, }";
    assert_int_equal(gt_ffi_parse((const uint8_t *)bad, strlen(bad), 0, &d, &err), GT_ESYNTAX);
    assert_null(d);
    assert_int_equal(err.code, GT_ESYNTAX);
    assert_true(err.offset == 14);
    assert_true(strlen(err.message) > 0);

    const char *type = "{\"twin_id\": \"seven\"}";
    assert_int_equal(gt_ffi_parse((const uint8_t *)type, strlen(type), 0, &d, &err), GT_ETYPE);
    assert_string_equal(err.path, "twin_id");
    assert_true(err.offset >= 0);

    const char *ip = "{\"workloads\": [{\"name\": \"n\", \"type\": \"network\", "
                     "\"result\": {\"created\": \"yesterday\"}}]}";
    int rc = gt_ffi_parse((const uint8_t *)ip, strlen(ip), 0, &d, &err);
    assert_true(rc == GT_EVALUE || rc == GT_ETYPE);
    assert_int_equal(err.code, rc);
    assert_non_null(strstr(err.path, "workloads[0].result"));

    /* the size limit */
    const char *ok = "{\"version\": 1}";
    assert_int_equal(gt_ffi_parse((const uint8_t *)ok, strlen(ok), 4, &d, &err), GT_ELIMIT);
    assert_null(d);
    assert_int_equal(gt_ffi_parse((const uint8_t *)ok, strlen(ok), UINT64_MAX, &d, &err), GT_OK);
    gt_ffi_deployment_free(d);

    /* the memory budget: workloads written {} take far more than the input */
    char many[2 + 14 + 3 * 2000 + 2];
    size_t n = (size_t)sprintf(many, "{\"workloads\":[");
    for (int i = 0; i < 2000; i++)
        n += (size_t)sprintf(many + n, i ? ",{}" : "{}");
    n += (size_t)sprintf(many + n, "]}");
    assert_int_equal(gt_ffi_parse_ex((const uint8_t *)many, n, 0, 2 * n, &d, &err), GT_ELIMIT);
    assert_null(d);
    assert_non_null(strstr(err.message, "budget"));
    assert_true(err.offset > 0 && err.offset < (int64_t)n);
    assert_int_equal(gt_ffi_parse_ex((const uint8_t *)many, n, 0, UINT64_MAX, &d, &err), GT_OK);
    assert_int_equal(gt_ffi_workload_count(d), 2000);
    gt_ffi_deployment_free(d);

    /* NULLs and empty input */
    assert_int_equal(gt_ffi_parse(NULL, 3, 0, &d, &err), GT_EARG);
    assert_int_equal(gt_ffi_parse((const uint8_t *)ok, 3, 0, NULL, &err), GT_EARG);
    assert_int_equal(gt_ffi_parse(NULL, 0, 0, &d, &err), GT_ESYNTAX);
    assert_null(d);
    assert_int_equal(gt_ffi_parse((const uint8_t *)bad, strlen(bad), 0, &d, NULL), GT_ESYNTAX);
}

static void test_challenge_and_annotate(void **state)
{
    (void)state;
    gt_deployment *d = parse_example();
    gt_ffi_error err;
    uint8_t *text;
    size_t len;
    dirty(&err);
    assert_int_equal(gt_ffi_challenge(d, &text, &len, &err), GT_OK);
    assert_ok(&err);
    char *native;
    size_t nlen;
    gt_error nerr;
    assert_int_equal(gt_deployment_challenge(d, &native, &nlen, &nerr), GT_OK);
    assert_int_equal(len, nlen);
    assert_memory_equal(text, native, len);
    assert_int_equal(text[len], '\0');
    free(native);

    char *json;
    size_t jlen;
    dirty(&err);
    assert_int_equal(gt_ffi_annotate(d, &json, &jlen, &err), GT_OK);
    assert_ok(&err);
    assert_int_equal(strlen(json), jlen);
    assert_int_equal(json[0], '[');
    assert_int_equal(json[jlen - 1], ']');
    /* the fragments' hex joined is the challenge, and each offset is the bytes before it */
    char *joined = malloc(2 * len + 1);
    size_t jn = 0, frags = 0;
    const char *p = json;
    while ((p = strstr(p, "{\"path\":\"")) != NULL) {
        const char *off = strstr(p, "\"offset\":");
        assert_non_null(off);
        assert_int_equal(strtoull(off + 9, NULL, 10), jn / 2);
        const char *hex = strstr(off, "\"hex\":\"");
        assert_non_null(hex);
        hex += 7;
        const char *end = strchr(hex, '"');
        memcpy(joined + jn, hex, (size_t)(end - hex));
        jn += (size_t)(end - hex);
        frags++;
        p = end;
    }
    joined[jn] = '\0';
    assert_true(frags > 10);
    assert_int_equal(jn, 2 * len);
    for (size_t i = 0; i < len; i++) {
        unsigned v;
        assert_int_equal(sscanf(joined + 2 * i, "%2x", &v), 1);
        assert_int_equal(v, text[i]);
    }
    assert_non_null(strstr(json, "{\"path\":\"twin_id\",\"offset\":1,\"text\":\"7301\",\"hex\":\"37333031\"}"));
    assert_non_null(strstr(json, "\"path\":\"workloads[0].name\""));
    free(joined);
    gt_ffi_free(json);
    gt_ffi_free(text);

    assert_int_equal(gt_ffi_challenge(NULL, &text, &len, &err), GT_EARG);
    assert_null(text);
    assert_int_equal(gt_ffi_challenge(d, NULL, &len, &err), GT_EARG);
    assert_int_equal(gt_ffi_annotate(NULL, &json, &jlen, &err), GT_EARG);
    assert_null(json);
    assert_int_equal(gt_ffi_annotate(d, &json, NULL, &err), GT_EARG);
    gt_ffi_deployment_free(d);
}

/* Annotated text is a JSON string: quotes, control bytes, HTML characters and invalid
 * UTF-8 are escaped as Go writes them; hex keeps the exact bytes. */
static void test_annotate_escapes(void **state)
{
    (void)state;
    gt_deployment *d = parse_text("{\"twin_id\":1,\"metadata\":\"a\\\"<\\u0001\\ufffd\",\"workloads\":[]}");
    char *json;
    size_t len;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_annotate(d, &json, &len, &err), GT_OK);
    assert_non_null(strstr(json, "\"text\":\"a\\\"\\u003c\\u0001\xef\xbf\xbd\",\"hex\":\"61223c01efbfbd\""));
    gt_ffi_free(json);
    gt_ffi_deployment_free(d);
}

static const char DATA_NULL[] = "{\"twin_id\":1,\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":null}]}";
static const char UNKNOWN_TYPE[] = "{\"twin_id\":1,\"workloads\":[{\"name\":\"a\",\"type\":\"nope\",\"data\":{}}]}";

static void test_hash_errors(void **state)
{
    (void)state;
    gt_ffi_error err;
    uint8_t h[16];
    char hex[33];
    uint8_t *text = (uint8_t *)"x";
    size_t len = 9;
    char *json = (char *)"x";

    gt_deployment *d = parse_text(DATA_NULL);
    assert_int_equal(gt_ffi_hash(d, h, &err), GT_EPANIC);
    assert_int_equal(err.code, GT_EPANIC);
    assert_int_equal(gt_ffi_hash_hex(d, hex, &err), GT_EPANIC);
    assert_int_equal(gt_ffi_challenge(d, &text, &len, &err), GT_EPANIC);
    assert_null(text);
    assert_int_equal(len, 0);
    assert_int_equal(gt_ffi_annotate(d, &json, &len, &err), GT_EPANIC);
    assert_null(json);
    gt_ffi_deployment_free(d);

    assert_int_equal(gt_ffi_hash_json((const uint8_t *)DATA_NULL, strlen(DATA_NULL), 0, hex, &err), GT_EPANIC);
    assert_int_equal(err.code, GT_EPANIC);

    d = parse_text(UNKNOWN_TYPE);
    dirty(&err);
    assert_int_equal(gt_ffi_hash_hex(d, hex, &err), GT_EDATA);
    assert_int_equal(err.code, GT_EDATA);
    assert_non_null(strstr(err.message, "nope"));
    gt_ffi_deployment_free(d);

    assert_int_equal(gt_ffi_hash(NULL, h, &err), GT_EARG);
    assert_int_equal(gt_ffi_hash_hex(NULL, hex, &err), GT_EARG);
    assert_int_equal(err.code, GT_EARG);
}

static void test_valid(void **state)
{
    (void)state;
    gt_ffi_error err;
    gt_deployment *d = parse_example();
    dirty(&err);
    assert_int_equal(gt_ffi_valid(d, &err), GT_OK);
    assert_ok(&err);
    gt_ffi_deployment_free(d);

    d = parse_text("{\"twin_id\":1,\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":1}},"
                   "{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":1}}]}");
    assert_int_equal(gt_ffi_valid(d, &err), GT_EINVALID);
    assert_int_equal(err.code, GT_EINVALID);
    assert_true(strlen(err.message) > 0);
    gt_error nerr;
    assert_int_equal(gt_deployment_valid(d, &nerr), GT_EINVALID);
    assert_string_equal(err.message, nerr.message);
    assert_string_equal(err.path, nerr.path);
    gt_ffi_deployment_free(d);

    d = parse_text(DATA_NULL);
    assert_int_equal(gt_ffi_valid(d, &err), GT_EPANIC);
    gt_ffi_deployment_free(d);
    assert_int_equal(gt_ffi_valid(NULL, &err), GT_EARG);
}

static void test_encode(void **state)
{
    (void)state;
    gt_deployment *d = parse_example();
    gt_ffi_error err;
    uint8_t *out;
    size_t len;
    dirty(&err);
    assert_int_equal(gt_ffi_encode(d, &out, &len, &err), GT_OK);
    assert_ok(&err);
    char *native;
    size_t nlen;
    gt_error nerr;
    assert_int_equal(gt_deployment_encode(d, &native, &nlen, &nerr), GT_OK);
    assert_int_equal(len, nlen);
    assert_memory_equal(out, native, len);
    assert_int_equal(out[len], '\0');
    free(native);
    gt_ffi_free(out);
    assert_int_equal(gt_ffi_encode(NULL, &out, &len, &err), GT_EARG);
    assert_null(out);
    assert_int_equal(gt_ffi_encode(d, NULL, &len, &err), GT_EARG);
    gt_ffi_deployment_free(d);
}

static void test_workloads_and_fields(void **state)
{
    (void)state;
    gt_deployment *d = parse_text("{\"version\":3,\"twin_id\":7,\"contract_id\":18446744073709551615,"
                                  "\"expiration\":-5,\"signature_requirement\":{\"weight_required\":9},"
                                  "\"workloads\":[{\"version\":2,\"name\":\"disk\",\"type\":\"zmount\","
                                  "\"data\":{\"size\":10}},{\"name\":\"\",\"type\":\"\"}]}");
    gt_ffi_error err;
    assert_int_equal(gt_ffi_workload_count(d), 2);
    assert_int_equal(gt_ffi_workload_count(NULL), 0);
    const uint8_t *p;
    size_t len;
    dirty(&err);
    assert_int_equal(gt_ffi_workload_name(d, 0, &p, &len, &err), GT_OK);
    assert_ok(&err);
    assert_int_equal(len, 4);
    assert_memory_equal(p, "disk", 4);
    assert_int_equal(gt_ffi_workload_type(d, 0, &p, &len, &err), GT_OK);
    assert_int_equal(len, 6);
    assert_memory_equal(p, "zmount", 6);
    assert_int_equal(gt_ffi_workload_data(d, 0, &p, &len, &err), GT_OK);
    assert_int_equal(len, 11);
    assert_memory_equal(p, "{\"size\":10}", 11);
    assert_int_equal(gt_ffi_workload_version(d, 0), 2);
    /* empty strings and absent data: a valid pointer and length 0 */
    assert_int_equal(gt_ffi_workload_name(d, 1, &p, &len, &err), GT_OK);
    assert_non_null(p);
    assert_int_equal(len, 0);
    assert_int_equal(gt_ffi_workload_data(d, 1, &p, &len, &err), GT_OK);
    assert_non_null(p);
    assert_int_equal(len, 0);
    /* out of range */
    assert_int_equal(gt_ffi_workload_name(d, 2, &p, &len, &err), GT_ENOTFOUND);
    assert_int_equal(err.code, GT_ENOTFOUND);
    assert_int_equal(len, 0);
    assert_int_equal(gt_ffi_workload_type(d, 99, &p, &len, &err), GT_ENOTFOUND);
    assert_int_equal(gt_ffi_workload_data(d, UINT32_MAX, &p, &len, NULL), GT_ENOTFOUND);
    assert_int_equal(gt_ffi_workload_version(d, 2), 0);
    assert_int_equal(gt_ffi_workload_version(NULL, 0), 0);
    assert_int_equal(gt_ffi_workload_name(NULL, 0, &p, &len, &err), GT_EARG);
    assert_int_equal(gt_ffi_workload_name(d, 0, NULL, &len, &err), GT_EARG);

    uint64_t f[5];
    dirty(&err);
    assert_int_equal(gt_ffi_deployment_fields(d, f, &err), GT_OK);
    assert_ok(&err);
    assert_true(f[0] == 3 && f[1] == 7 && f[2] == UINT64_MAX && (int64_t)f[3] == -5 && f[4] == 9);
    assert_int_equal(gt_ffi_deployment_fields(NULL, f, &err), GT_EARG);
    gt_ffi_deployment_free(d);
}

static void test_capacity(void **state)
{
    (void)state;
    gt_deployment *d = parse_example();
    gt_ffi_error err;
    uint64_t got[5], total[5] = {0, 0, 0, 0, 0}, sum[5];
    for (uint32_t i = 0; i < gt_ffi_workload_count(d); i++) {
        gt_capacity want;
        gt_error nerr;
        assert_int_equal(gt_workload_capacity(d, i, &want, &nerr), GT_OK);
        dirty(&err);
        assert_int_equal(gt_ffi_capacity(d, i, got, &err), GT_OK);
        assert_ok(&err);
        assert_true(got[0] == want.cru && got[1] == want.sru && got[2] == want.hru && got[3] == want.mru &&
                    got[4] == want.ipv4u);
        for (int k = 0; k < 5; k++)
            total[k] += got[k];
    }
    assert_int_equal(gt_ffi_capacity_total(d, sum, &err), GT_OK);
    assert_memory_equal(sum, total, sizeof sum);
    assert_true(sum[0] > 0 && sum[3] > 0 && sum[4] == 1);
    assert_int_equal(gt_ffi_capacity(d, 1000, got, &err), GT_ENOTFOUND);
    assert_int_equal(gt_ffi_capacity(NULL, 0, got, &err), GT_EARG);
    assert_int_equal(gt_ffi_capacity(d, 0, NULL, &err), GT_EARG);
    assert_int_equal(gt_ffi_capacity_total(NULL, sum, &err), GT_EARG);
    gt_ffi_deployment_free(d);

    /* the total wraps like Go's uint64 */
    d = parse_text("{\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":18446744073709551615}},"
                   "{\"name\":\"b\",\"type\":\"zmount\",\"data\":{\"size\":3}}]}");
    assert_int_equal(gt_ffi_capacity_total(d, sum, &err), GT_OK);
    assert_true(sum[1] == 2);
    gt_ffi_deployment_free(d);

    /* a workload that cannot say its capacity fails both */
    d = parse_text(DATA_NULL);
    memset(got, 0xff, sizeof got);
    assert_int_equal(gt_ffi_capacity(d, 0, got, &err), GT_EPANIC);
    assert_true(got[0] == 0 && got[4] == 0);
    assert_int_equal(gt_ffi_capacity_total(d, sum, &err), GT_EPANIC);
    assert_int_equal(err.code, GT_EPANIC);
    gt_ffi_deployment_free(d);
}

/* //Alice's public keys, as substrate's subkey prints them. */
#define ALICE_SR "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
#define ALICE_SR_SS58 "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
#define ALICE_ED "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee"

static void hex_to(uint8_t *out, const char *hex)
{
    for (size_t i = 0; hex[2 * i]; i++) {
        unsigned v;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
        out[i] = (uint8_t)v;
    }
}

static void test_key(void **state)
{
    (void)state;
    gt_ffi_error err;
    uint8_t pub[32], want[32];
    char ss58[64];
    dirty(&err);
    assert_int_equal(gt_ffi_key((const uint8_t *)"//Alice", 7, GT_FFI_KEY_SR25519, pub, ss58, &err), GT_OK);
    assert_ok(&err);
    hex_to(want, ALICE_SR);
    assert_memory_equal(pub, want, 32);
    assert_string_equal(ss58, ALICE_SR_SS58);
    assert_int_equal(gt_ffi_key((const uint8_t *)"//Alice", 7, GT_FFI_KEY_ED25519, pub, NULL, &err), GT_OK);
    hex_to(want, ALICE_ED);
    assert_memory_equal(pub, want, 32);

    assert_int_equal(gt_ffi_key((const uint8_t *)"not a phrase", 12, GT_FFI_KEY_SR25519, pub, ss58, &err), GT_EKEY);
    assert_int_equal(err.code, GT_EKEY);
    assert_null(strstr(err.message, "not a phrase")); /* the secret is never quoted */
    assert_int_equal(gt_ffi_key((const uint8_t *)"//Alice", 7, 7, pub, ss58, &err), GT_EARG);
    assert_int_equal(gt_ffi_key(NULL, 7, GT_FFI_KEY_SR25519, pub, ss58, &err), GT_EARG);
    assert_int_equal(gt_ffi_key((const uint8_t *)"//Alice", 7, GT_FFI_KEY_SR25519, NULL, ss58, &err), GT_EARG);
}

static void test_keys_table(void **state)
{
    (void)state;
    gt_ffi_keys *t = gt_ffi_keys_new();
    assert_non_null(t);
    gt_ffi_error err;
    assert_int_equal(gt_ffi_keys_count(t), 0);
    assert_int_equal(gt_ffi_keys_count(NULL), 0);
    dirty(&err);
    assert_int_equal(gt_ffi_keys_add(t, 1, ALICE_SR, 64, &err), GT_OK);
    assert_ok(&err);
    assert_int_equal(gt_ffi_keys_add(t, 2, "0x" ALICE_SR, 66, &err), GT_OK);
    assert_int_equal(gt_ffi_keys_add(t, 3, ALICE_SR_SS58, strlen(ALICE_SR_SS58), &err), GT_OK);
    assert_int_equal(gt_ffi_keys_add(t, 4, "D43593C715FDD31C61141ABD04A99FD6822C8558854CCDE39A5684E7A56DA27D", 64,
                                     &err),
                     GT_OK);
    assert_int_equal(gt_ffi_keys_add(t, 5, "", 0, &err), GT_OK); /* an empty key, for the verifier to judge */
    assert_int_equal(gt_ffi_keys_count(t), 5);
    /* a twin added again gets the new key */
    assert_int_equal(gt_ffi_keys_add(t, 5, "0X0102", 6, &err), GT_OK);
    assert_int_equal(gt_ffi_keys_count(t), 5);
    uint8_t raw[300];
    memset(raw, 7, sizeof raw);
    assert_int_equal(gt_ffi_keys_add_raw(t, 6, raw, 33, &err), GT_OK);
    assert_int_equal(gt_ffi_keys_count(t), 6);

    /* errors leave the table as it was */
    assert_int_equal(gt_ffi_keys_add(t, 9, "abc", 3, &err), GT_EKEY);
    assert_int_equal(err.code, GT_EKEY);
    assert_true(err.offset == 2);
    assert_non_null(strstr(err.message, "twin 9"));
    assert_int_equal(gt_ffi_keys_add(t, 9, "0xzz", 4, &err), GT_EKEY);
    assert_true(err.offset == 2);
    char broken[] = ALICE_SR_SS58;
    broken[10] = broken[10] == 'a' ? 'b' : 'a';
    assert_int_equal(gt_ffi_keys_add(t, 9, broken, strlen(broken), &err), GT_EKEY);
    assert_non_null(strstr(err.message, "checksum"));
    assert_int_equal(gt_ffi_keys_add(t, 9, "5Grw0", 5, &err), GT_EKEY);
    assert_true(err.offset == 4);
    assert_int_equal(gt_ffi_keys_add_raw(t, 9, raw, 257, &err), GT_ELIMIT);
    char longhex[2 * 257 + 1];
    memset(longhex, 'a', sizeof longhex - 1);
    assert_int_equal(gt_ffi_keys_add(t, 9, longhex, sizeof longhex - 1, &err), GT_ELIMIT);
    assert_int_equal(gt_ffi_keys_count(t), 6);
    assert_int_equal(gt_ffi_keys_add(NULL, 9, "00", 2, &err), GT_EARG);
    assert_int_equal(gt_ffi_keys_add(t, 9, NULL, 2, &err), GT_EARG);
    assert_int_equal(gt_ffi_keys_add_raw(t, 9, NULL, 2, &err), GT_EARG);
    gt_ffi_keys_free(t);
    gt_ffi_keys_free(NULL);

    /* many twins: the table grows and finds every one */
    t = gt_ffi_keys_new();
    for (uint32_t i = 0; i < 5000; i++) {
        uint8_t k[4] = {(uint8_t)i, (uint8_t)(i >> 8), 1, 2};
        assert_int_equal(gt_ffi_keys_add_raw(t, i * 7919u, k, 4, NULL), GT_OK);
    }
    assert_int_equal(gt_ffi_keys_count(t), 5000);
    gt_ffi_keys_free(t);
}

/* A one-workload deployment of twin 42 with a request of weight 1 per twin given. */
static gt_deployment *to_sign(const char *style, uint64_t weight_required)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"twin_id\":42,\"signature_requirement\":{\"requests\":[{\"twin_id\":42,\"weight\":1}],"
             "\"weight_required\":%llu,\"signature_style\":\"%s\"},\"workloads\":[{\"name\":\"d\",\"type\":"
             "\"zmount\",\"data\":{\"size\":1}}]}",
             (unsigned long long)weight_required, style);
    return parse_text(json);
}

static char *verify_report(gt_deployment *d, const gt_ffi_keys *t, int want)
{
    char *report = NULL;
    size_t len = 0;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_verify(d, t, &report, &len, &err), want);
    assert_int_equal(err.code, want);
    assert_non_null(report);
    assert_int_equal(strlen(report), len);
    return report;
}

static void sign_then_verify(int32_t type, const char *style)
{
    gt_deployment *d = to_sign(style, 1);
    gt_ffi_keys *t = gt_ffi_keys_new();
    assert_int_equal(gt_ffi_keys_add(t, 42, ALICE_SR_SS58, strlen(ALICE_SR_SS58), NULL), GT_OK);
    if (type == GT_FFI_KEY_ED25519)
        assert_int_equal(gt_ffi_keys_add(t, 42, ALICE_ED, 64, NULL), GT_OK);

    char *r = verify_report(d, t, GT_EVERIFY);
    assert_non_null(strstr(r, "\"ok\":false,\"reason\":\"missing_required\",\"twin\":42"));
    gt_ffi_free(r);

    gt_ffi_error err;
    dirty(&err);
    assert_int_equal(gt_ffi_sign(d, (const uint8_t *)"//Alice", 7, type, 42, NULL, &err), GT_OK);
    assert_ok(&err);
    r = verify_report(d, t, GT_OK);
    char want[256];
    snprintf(want, sizeof want,
             "{\"ok\":true,\"reason\":\"ok\",\"twin\":0,\"key_type\":\"%s\",\"weight_reached\":\"0\","
             "\"weight_required\":\"0\",\"message\":\"\"}",
             type == GT_FFI_KEY_SR25519 ? "sr25519" : "ed25519");
    assert_string_equal(r, want);
    gt_ffi_free(r);
    /* without a report */
    assert_int_equal(gt_ffi_verify(d, t, NULL, NULL, &err), GT_OK);
    assert_ok(&err);
    /* a twin missing from the table: the reference getter's text */
    r = verify_report(d, NULL, GT_EVERIFY);
    assert_non_null(strstr(r, "\"reason\":\"key_not_found\",\"twin\":42"));
    assert_non_null(strstr(r, "key not found"));
    gt_ffi_free(r);
    gt_ffi_keys_free(t);
    gt_ffi_deployment_free(d);
}

static void test_sign_verify_both_types_and_styles(void **state)
{
    (void)state;
    sign_then_verify(GT_FFI_KEY_SR25519, "");
    sign_then_verify(GT_FFI_KEY_SR25519, "polka-wallet");
    sign_then_verify(GT_FFI_KEY_ED25519, "");
    sign_then_verify(GT_FFI_KEY_ED25519, "polka-wallet");
}

static void test_sign_style_and_refusals(void **state)
{
    (void)state;
    gt_ffi_error err;
    gt_ffi_keys *t = gt_ffi_keys_new();
    assert_int_equal(gt_ffi_keys_add(t, 42, ALICE_SR, 64, NULL), GT_OK);

    /* the style given is set before signing, so the signature covers the polka message */
    gt_deployment *d = to_sign("", 1);
    assert_int_equal(gt_ffi_sign(d, (const uint8_t *)"//Alice", 7, GT_FFI_KEY_SR25519, 42, "polka-wallet", &err),
                     GT_OK);
    assert_int_equal(d->signature_requirement.signature_style.len, 12);
    gt_ffi_free(verify_report(d, t, GT_OK));
    /* the wrong key */
    gt_ffi_keys *bob = gt_ffi_keys_new();
    uint8_t pub[32];
    assert_int_equal(gt_ffi_key((const uint8_t *)"//Bob", 5, GT_FFI_KEY_SR25519, pub, NULL, NULL), GT_OK);
    assert_int_equal(gt_ffi_keys_add_raw(bob, 42, pub, 32, NULL), GT_OK);
    char *r = verify_report(d, bob, GT_EVERIFY);
    assert_non_null(strstr(r, "\"reason\":\"bad_signature\",\"twin\":42,\"key_type\":\"sr25519\""));
    gt_ffi_free(r);
    gt_ffi_keys_free(bob);
    gt_ffi_deployment_free(d);

    /* weights as decimal strings */
    d = to_sign("", UINT64_MAX);
    assert_int_equal(gt_ffi_sign(d, (const uint8_t *)"//Alice", 7, GT_FFI_KEY_SR25519, 42, NULL, &err), GT_OK);
    r = verify_report(d, t, GT_EVERIFY);
    assert_non_null(strstr(r, "\"reason\":\"weight\",\"twin\":42,\"key_type\":\"sr25519\",\"weight_reached\":\"1\","
                              "\"weight_required\":\"18446744073709551615\""));
    gt_ffi_free(r);
    gt_ffi_deployment_free(d);

    /* an ed25519 key of the wrong length: the reference panics */
    d = to_sign("", 1);
    assert_int_equal(gt_ffi_sign(d, (const uint8_t *)"//Alice", 7, GT_FFI_KEY_ED25519, 42, NULL, &err), GT_OK);
    gt_ffi_keys *short_key = gt_ffi_keys_new();
    assert_int_equal(gt_ffi_keys_add(short_key, 42, "0011", 4, NULL), GT_OK);
    r = verify_report(d, short_key, GT_EPANIC);
    assert_non_null(strstr(r, "\"reason\":\"key_panic\""));
    gt_ffi_free(r);
    gt_ffi_keys_free(short_key);

    /* refusals of sign: bad secret, bad type, NULLs, and a hash that fails */
    assert_int_equal(gt_ffi_sign(d, (const uint8_t *)"zzz", 3, GT_FFI_KEY_SR25519, 42, NULL, &err), GT_EKEY);
    assert_int_equal(gt_ffi_sign(d, (const uint8_t *)"//Alice", 7, 2, 42, NULL, &err), GT_EARG);
    assert_int_equal(gt_ffi_sign(NULL, (const uint8_t *)"//Alice", 7, 0, 42, NULL, &err), GT_EARG);
    assert_int_equal(gt_ffi_sign(d, NULL, 7, 0, 42, NULL, &err), GT_EARG);
    assert_int_equal(gt_ffi_verify(NULL, t, &r, NULL, &err), GT_EARG);
    gt_ffi_deployment_free(d);

    d = parse_text(DATA_NULL);
    assert_int_equal(gt_ffi_sign(d, (const uint8_t *)"//Alice", 7, 0, 1, "polka-wallet", &err), GT_EPANIC);
    assert_int_equal(d->signature_requirement.signature_style.len, 0); /* left as it was */
    assert_int_equal(d->signature_requirement.signatures.len, 0);
    r = verify_report(d, t, GT_EPANIC);
    assert_non_null(strstr(r, "\"reason\":\"hash\""));
    gt_ffi_free(r);
    gt_ffi_deployment_free(d);
    gt_ffi_keys_free(t);
}

static void test_upgrade(void **state)
{
    (void)state;
    size_t ol, nl;
    char *old = read_file("tests/cli/data/upgrade-old.json", &ol);
    char *nw = read_file("tests/cli/data/upgrade-new.json", &nl);
    gt_deployment *a, *b, *na, *nb;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_parse((const uint8_t *)old, ol, 0, &a, &err), GT_OK);
    assert_int_equal(gt_ffi_parse((const uint8_t *)nw, nl, 0, &b, &err), GT_OK);
    char *json;
    size_t len;
    dirty(&err);
    assert_int_equal(gt_ffi_upgrade(a, b, &json, &len, &err), GT_OK);
    assert_ok(&err);
    assert_int_equal(strlen(json), len);

    gt_error nerr;
    assert_int_equal(gt_deployment_parse(old, ol, &na, &nerr), GT_OK);
    assert_int_equal(gt_deployment_parse(nw, nl, &nb, &nerr), GT_OK);
    gt_upgrade_op *ops;
    size_t nops;
    assert_int_equal(gt_deployment_upgrade(na, nb, &ops, &nops, &nerr), GT_OK);
    assert_true(nops > 0);
    /* every native op appears, in order, with its index in the deployment it belongs to */
    const char *p = json;
    for (size_t i = 0; i < nops; i++) {
        const gt_deployment *owner = ops[i].op == GT_OP_REMOVE ? na : nb;
        char want[256];
        snprintf(want, sizeof want, "{\"op\":\"%s\",\"name\":\"%.*s\",\"id\":\"%s\",\"index\":%zu}",
                 gt_op_name(ops[i].op), (int)ops[i].workload->name.len, ops[i].workload->name.ptr, ops[i].id,
                 (size_t)(ops[i].workload - owner->workloads.items));
        const char *at = strstr(p, want);
        assert_non_null(at);
        p = at + strlen(want);
    }
    gt_upgrade_warning *w;
    size_t nw_;
    assert_int_equal(gt_deployment_upgrade_warnings(na, nb, &w, &nw_, &nerr), GT_OK);
    assert_non_null(strstr(json, "\"warnings\":["));
    for (size_t i = 0; i < nw_; i++) {
        char want[128];
        snprintf(want, sizeof want, "{\"index\":%zu,\"name\":\"%.*s\"", w[i].index, (int)w[i].workload->name.len,
                 w[i].workload->name.ptr);
        assert_non_null(strstr(json, want));
    }
    free(w);
    free(ops);
    /* next received the results, as natively */
    uint8_t *e1;
    char *e2;
    size_t l1, l2;
    assert_int_equal(gt_ffi_encode(b, &e1, &l1, &err), GT_OK);
    assert_int_equal(gt_deployment_encode(nb, &e2, &l2, &nerr), GT_OK);
    assert_int_equal(l1, l2);
    assert_memory_equal(e1, e2, l1);
    gt_ffi_free(e1);
    free(e2);
    gt_ffi_free(json);

    /* upgrading to itself: the version is not the next one */
    json = (char *)"x";
    assert_int_equal(gt_ffi_upgrade(a, a, &json, &len, &err), GT_EUPGRADE);
    assert_int_equal(err.code, GT_EUPGRADE);
    assert_non_null(strstr(err.message, "version"));
    assert_null(json);
    assert_int_equal(gt_ffi_upgrade(NULL, b, &json, &len, &err), GT_EARG);
    assert_int_equal(gt_ffi_upgrade(a, b, NULL, &len, &err), GT_EARG);

    gt_deployment_free(na);
    gt_deployment_free(nb);
    gt_ffi_deployment_free(a);
    gt_ffi_deployment_free(b);
    free(old);
    free(nw);
}

static void test_ids(void **state)
{
    (void)state;
    gt_ffi_error err;
    char id[96], u[14], want[GT_UNIQUE_SIZE];
    dirty(&err);
    assert_int_equal(gt_ffi_workload_id(7, 18446744073709551615ull, (const uint8_t *)"vm_1", 4, id, &err), GT_OK);
    assert_ok(&err);
    assert_string_equal(id, "7-18446744073709551615-vm_1");
    assert_int_equal(gt_ffi_workload_id(7, 1, (const uint8_t *)"a-b", 3, id, &err), GT_EINVALID);
    assert_int_equal(err.code, GT_EINVALID);
    assert_true(strlen(err.message) > 0);
    assert_int_equal(gt_ffi_workload_id(7, 1, (const uint8_t *)"", 0, id, &err), GT_EINVALID);
    assert_int_equal(gt_ffi_workload_id(7, 1, NULL, 3, id, &err), GT_EARG);
    char longest[37];
    memset(longest, 'z', 36);
    assert_int_equal(gt_ffi_workload_id(UINT32_MAX, UINT64_MAX, (const uint8_t *)longest, 36, id, &err), GT_OK);

    dirty(&err);
    assert_int_equal(gt_ffi_workload_unique((const uint8_t *)"7-1-vm", 6, (const uint8_t *)"x", 1, u, &err), GT_OK);
    assert_ok(&err);
    gt_workload_id_unique("7-1-vm", 6, "x", 1, want);
    assert_string_equal(u, want);
    assert_int_equal(strlen(u), 13);
    assert_int_equal(gt_ffi_workload_unique(NULL, 6, (const uint8_t *)"x", 1, u, &err), GT_EARG);

    dirty(&err);
    assert_int_equal(gt_ffi_network_id(7, (const uint8_t *)"mynet", 5, u, &err), GT_OK);
    assert_ok(&err);
    gt_network_id(7, "mynet", 5, want);
    assert_string_equal(u, want);
    assert_int_equal(gt_ffi_network_id(7, NULL, 5, u, &err), GT_EARG);
}

/* Texts that fill the record are cut before a character they would split. */
static void test_error_texts_cut_at_characters(void **state)
{
    (void)state;
    gt_error e;
    gt_ffi_error out;
    gt_error_clear(&e);
    e.code = GT_EINVALID;
    e.offset = 12;
    /* 509 ASCII bytes and an 'é' (2 bytes) would be 511, all fit */
    memset(e.message, 'a', 509);
    memcpy(e.message + 509, "\xc3\xa9", 3);
    assert_int_equal(gt_fi_copy(&out, &e), GT_EINVALID);
    assert_int_equal(strlen(out.message), 511);
    assert_true(out.offset == 12);
    /* a printf that cut a 3-byte character after its first two bytes */
    memset(e.message, 'a', 509);
    memcpy(e.message + 509, "\xe2\x82", 3);
    gt_fi_copy(&out, &e);
    assert_int_equal(strlen(out.message), 509);
    /* a 4-byte character cut after one byte, in the path */
    memset(e.path, 'p', 254);
    e.path[254] = (char)0xf0;
    e.path[255] = '\0';
    e.offset = GT_NO_OFFSET;
    gt_fi_copy(&out, &e);
    assert_int_equal(strlen(out.path), 254);
    assert_true(out.offset == -1);
    /* short texts are copied as they are, even when they hold invalid UTF-8 */
    strcpy(e.message, "bad \xff byte");
    gt_fi_copy(&out, &e);
    assert_string_equal(out.message, "bad \xff byte");
    assert_int_equal(gt_fi_copy(NULL, &e), GT_EINVALID);
}

/* The library's own text-to-key decoding, which the key table and keys files share. */
static void test_public_key_from_text(void **state)
{
    (void)state;
    uint8_t key[64], want[32];
    size_t n = 99;
    gt_error err;
    hex_to(want, ALICE_SR);
    assert_int_equal(gt_public_key_from_text(ALICE_SR_SS58, strlen(ALICE_SR_SS58), key, sizeof key, &n, &err),
                     GT_OK);
    assert_int_equal(n, 32);
    assert_memory_equal(key, want, 32);
    uint16_t prefix = 0;
    assert_int_equal(gt_ss58_decode(ALICE_SR_SS58, strlen(ALICE_SR_SS58), key, &prefix, &err), GT_OK);
    assert_int_equal(prefix, 42);
    /* every prefix, one- and two-byte forms, round-trips through encode and decode */
    uint16_t prefixes[] = {0, 2, 42, 63, 64, 255, 256, 1234, 16383};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        char addr[GT_SS58_BUFSIZE];
        assert_int_equal(gt_ss58_encode(want, 32, prefixes[i], addr, sizeof addr, &err), GT_OK);
        memset(key, 0, 32);
        assert_int_equal(gt_ss58_decode(addr, strlen(addr), key, &prefix, &err), GT_OK);
        assert_int_equal(prefix, prefixes[i]);
        assert_memory_equal(key, want, 32);
    }
    assert_int_equal(gt_public_key_from_text("0x", 2, key, sizeof key, &n, &err), GT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(gt_public_key_from_text("0Xab", 4, key, sizeof key, &n, &err), GT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(key[0], 0xab);
    assert_int_equal(gt_public_key_from_text("abc", 3, key, sizeof key, &n, &err), GT_EKEY);
    assert_int_equal(err.offset, 2);
    assert_int_equal(gt_public_key_from_text("aabb", 4, key, 1, &n, &err), GT_ELIMIT);
    assert_int_equal(gt_public_key_from_text(ALICE_SR_SS58, strlen(ALICE_SR_SS58), key, 31, &n, &err), GT_ELIMIT);
    assert_int_equal(gt_public_key_from_text("5Grwva", 6, key, sizeof key, &n, &err), GT_EKEY);
    assert_int_equal(gt_public_key_from_text("hello world", 11, key, sizeof key, &n, &err), GT_EKEY);
    assert_int_equal(err.offset, 2); /* 'h' and 'e' are base58 digits, 'l' is not */
    assert_int_equal(gt_public_key_from_text(NULL, 3, key, sizeof key, &n, &err), GT_EARG);
    assert_int_equal(gt_ss58_decode(NULL, 3, key, NULL, &err), GT_EARG);
    /* 37 bytes of base58 that decode to 35 bytes starting with a reserved prefix byte */
    uint8_t raw[35];
    memset(raw, 0xff, sizeof raw);
    char addr[64];
    assert_true(gt_ss58_base58(raw, sizeof raw, addr, sizeof addr) > 0);
    assert_int_equal(gt_ss58_decode(addr, strlen(addr), key, NULL, &err), GT_EKEY);
    assert_non_null(strstr(err.message, "reserved"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abi_and_versions),
        cmocka_unit_test(test_alloc_free),
        cmocka_unit_test(test_parse_and_hash_match_native),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_challenge_and_annotate),
        cmocka_unit_test(test_annotate_escapes),
        cmocka_unit_test(test_hash_errors),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_encode),
        cmocka_unit_test(test_workloads_and_fields),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_keys_table),
        cmocka_unit_test(test_sign_verify_both_types_and_styles),
        cmocka_unit_test(test_sign_style_and_refusals),
        cmocka_unit_test(test_upgrade),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_error_texts_cut_at_characters),
        cmocka_unit_test(test_public_key_from_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
