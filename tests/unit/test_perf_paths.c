/* The fast paths of the reader must not change a single answer:
 *   - workload data decoded while parsing (eager) gives what decoding it on first use
 *     (lazy) gives: same struct, same challenge, same errors, same validation;
 *   - new slices and maps built on the reader's scratch stack (and spilled into the arena
 *     when it runs out) hold what growing them in the arena held;
 *   - Go's rules for repeated keys (replace data, merge type, re-decode arrays in place).
 * "Lazy" here means: the same input, parsed, with every workload's cache dropped, so the
 * data is decoded again by gt_workload_load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes/deployment.h"
#include "gridtypes/workload_type.h"
#include "gridtypes/zos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GT_SOURCE_DIR
#define GT_SOURCE_DIR "."
#endif

static char *read_file(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/bench/data/%s", GT_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

/* Everything the library can say about a deployment, as text, so that two deployments
 * can be compared with one string compare. */
typedef struct view {
    char *text; /* malloc'd */
    size_t len, cap;
} view;

static void vput(view *v, const char *s, size_t n)
{
    if (v->len + n + 1 > v->cap) {
        v->cap = (v->len + n + 1) * 2;
        v->text = realloc(v->text, v->cap);
        assert_non_null(v->text);
    }
    memcpy(v->text + v->len, s, n);
    v->len += n;
    v->text[v->len] = '\0';
}

static void vprint(view *v, const char *fmt, ...)
{
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    vput(v, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void verr(view *v, const char *what, int rc, const gt_error *e)
{
    vprint(v, "%s: %d", what, rc);
    if (rc != GT_OK)
        vprint(v, " [%s] @%zu %s", e->message, e->offset, e->path);
    vput(v, "\n", 1);
}

static void describe(gt_deployment *d, view *v)
{
    gt_error e;
    char *out;
    size_t len;
    int rc = gt_deployment_challenge(d, &out, &len, &e);
    verr(v, "challenge", rc, &e);
    if (rc == GT_OK) {
        vput(v, out, len);
        vput(v, "\n", 1);
        free(out);
    }
    char hex[GT_HASH_HEX_SIZE];
    rc = gt_deployment_challenge_hash_hex(d, hex, &e);
    verr(v, "hash", rc, &e);
    if (rc == GT_OK)
        vprint(v, "%s\n", hex);
    verr(v, "valid", gt_deployment_valid(d, &e), &e);
    rc = gt_deployment_encode(d, &out, &len, &e);
    verr(v, "encode", rc, &e);
    if (rc == GT_OK) {
        vput(v, out, len);
        vput(v, "\n", 1);
        free(out);
    }
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        const void *data;
        const gt_workload_type *t;
        rc = gt_workload_data(d, i, &data, &t, &e);
        verr(v, "data", rc, &e);
        if (rc == GT_OK) {
            assert_int_equal(gt_workload_type_encode(t, data, &out, &len), GT_OK);
            vprint(v, "%s %s\n", t->name, out);
            free(out);
        }
        gt_capacity cap;
        rc = gt_workload_capacity(d, i, &cap, &e);
        verr(v, "capacity", rc, &e);
        if (rc == GT_OK)
            vprint(v, "%llu %llu %llu %llu %llu\n", (unsigned long long)cap.cru, (unsigned long long)cap.sru,
                   (unsigned long long)cap.hru, (unsigned long long)cap.mru, (unsigned long long)cap.ipv4u);
    }
}

/* Parses `json` twice, once as is and once with the decoded data dropped, and checks
 * that both say the same. Returns the number of workloads whose data was decoded while
 * parsing. */
static int same_eager_and_lazy(const char *json, size_t len)
{
    gt_deployment *eager, *lazy;
    gt_error e1, e2;
    int rc1 = gt_deployment_parse(json, len, &eager, &e1);
    int rc2 = gt_deployment_parse(json, len, &lazy, &e2);
    assert_int_equal(rc1, rc2);
    if (rc1 != GT_OK)
        return 0;
    int decoded = 0;
    for (uint32_t i = 0; i < lazy->workloads.len; i++) {
        decoded += eager->workloads.items[i].cache != NULL;
        lazy->workloads.items[i].cache = NULL;
    }
    view a = {NULL, 0, 0}, b = {NULL, 0, 0};
    describe(eager, &a);
    describe(lazy, &b);
    assert_string_equal(a.text, b.text);
    free(a.text);
    free(b.text);
    gt_deployment_free(eager);
    gt_deployment_free(lazy);
    return decoded;
}

static int same_str(const char *json)
{
    return same_eager_and_lazy(json, strlen(json));
}

static void test_bench_inputs(void **state)
{
    (void)state;
    static const char *const files[] = {"typical.json", "large.json", "typical.signed-ed25519.json",
                                        "typical.signed-sr25519.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len;
        char *json = read_file(files[i], &len);
        if (!json)
            skip();
        assert_true(same_eager_and_lazy(json, len) > 0);
        free(json);
    }
}

#define HEAD "{\"version\":1,\"twin_id\":7,\"contract_id\":9,\"signature_requirement\":{\"requests\":[{\"twin_id\":7,\"required\":true,\"weight\":1}],\"weight_required\":1},\"workloads\":"

static void test_key_orders_and_repeats(void **state)
{
    (void)state;
    /* type before data: decoded while parsing */
    assert_int_equal(same_str(HEAD "[{\"version\":1,\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":1024}}]}"), 1);
    /* type after data: decoded at the end of the parse (not by the reader's hook),
     * so that a parsed deployment is complete */
    assert_int_equal(same_str(HEAD "[{\"version\":1,\"name\":\"d\",\"data\":{\"size\":1024},\"type\":\"zmount\"}]}"), 1);
    /* a later type key changes the type the data is decoded as */
    same_str(HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":1024,\"mode\":\"user\"},\"type\":\"zdb\"}]}");
    same_str(HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":1024},\"TYPE\":\"volume\"}]}");
    /* a repeated data key replaces the first */
    same_str(HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":1},\"data\":{\"size\":2}}]}");
    same_str(HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":1},\"Data\":{\"size\":\"x\"}}]}");
    same_str(HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":\"x\"},\"data\":{\"size\":3}}]}");
    same_str(HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":1},\"data\":null}]}");
    /* a repeated workloads array decodes into the same elements: the second workload
     * keeps its type and gets new data, so it must be decoded again */
    same_str(HEAD "[{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":1}},{\"name\":\"b\",\"type\":\"ip\",\"data\":{\"v4\":true}}],"
                  "\"workloads\":[{\"name\":\"a\"},{\"data\":{\"v6\":true}},{\"name\":\"c\",\"type\":\"zmount\",\"data\":{\"size\":5}}]}");
    same_str(HEAD "[{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":1}},{\"name\":\"b\",\"type\":\"ip\",\"data\":{\"v4\":true}}],"
                  "\"workloads\":[{\"type\":\"ip\"}]}");
    same_str(HEAD "[{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":1}}],\"workloads\":null,"
                  "\"workloads\":[{\"name\":\"b\",\"type\":\"zmount\",\"data\":{\"size\":2}}]}");
}

static void test_errors_stay_lazy(void **state)
{
    (void)state;
    /* Errors inside data belong to the challenge, validation and capacity, not to the
     * parse; eager decoding must leave them there, word for word. */
    static const char *const cases[] = {
        HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":\"big\"}}]}",
        HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":-1}}]}",
        HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":1.5}}]}",
        HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":null}]}",
        HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":[1,2]}]}",
        HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":\"text\"}]}",
        HEAD "[{\"name\":\"d\",\"type\":\"nope\",\"data\":{\"size\":1}}]}",
        HEAD "[{\"name\":\"d\",\"type\":\"zmount\"}]}",
        HEAD "[{\"name\":\"vm\",\"type\":\"zmachine\",\"data\":{\"flist\":\"f\",\"network\":{\"interfaces\":[{\"network\":\"n\",\"ip\":\"10.0.0.300\"}]},"
             "\"compute_capacity\":{\"cpu\":1,\"memory\":268435456}}}]}",
        HEAD "[{\"name\":\"vm\",\"type\":\"zmachine\",\"data\":{\"flist\":\"f\",\"compute_capacity\":{\"cpu\":300}}}]}",
        HEAD "[{\"name\":\"n\",\"type\":\"network\",\"data\":{\"ip_range\":\"10.1.0.0/16\",\"subnet\":\"10.1.1.0/24\",\"peers\":[{\"subnet\":\"x\"}]}}]}",
        HEAD "[{\"name\":\"q\",\"type\":\"zdb\",\"data\":{\"size\":1,\"mode\":\"seq\",\"password\":5}},"
             "{\"name\":\"r\",\"type\":\"zmount\",\"data\":{\"size\":true}}]}",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gt_deployment *d;
        gt_error e;
        assert_int_equal(gt_deployment_parse(cases[i], strlen(cases[i]), &d, &e), GT_OK);
        gt_deployment_free(d);
        same_str(cases[i]);
    }
}

/* A syntax error inside data is the whole document's error: the same whether or not the
 * reader tried to decode the data (a known type) or only checked it (an unknown one). */
static void test_syntax_errors_in_data(void **state)
{
    (void)state;
    static const char *const bodies[] = {
        "{\"size\":1,}",
        "{\"size\":1",
        "{\"size\":01}",
        "{\"size\":1}x",
        "{\"size\":[1,]}",
        "{\"size\":\"\\q\"}",
        "{\"size\":\"a\001\"}",
        "{\"size\":tru}",
        "{\"network\":{\"interfaces\":[{\"ip\":\"1.2.3.4\"]}}",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        char known[512], unknown[512];
        snprintf(known, sizeof known, HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":%s}]}", bodies[i]);
        snprintf(unknown, sizeof unknown, HEAD "[{\"name\":\"d\",\"type\":\"zmounX\",\"data\":%s}]}", bodies[i]);
        gt_deployment *d = NULL;
        gt_error e1, e2;
        int rc1 = gt_deployment_parse(known, strlen(known), &d, &e1);
        int rc2 = gt_deployment_parse(unknown, strlen(unknown), &d, &e2);
        assert_int_equal(rc1, GT_ESYNTAX);
        assert_int_equal(rc2, GT_ESYNTAX);
        assert_string_equal(e1.message, e2.message);
        assert_int_equal(e1.offset, e2.offset);
        assert_string_equal(e1.path, e2.path);
    }
    /* Deep nesting inside data: the document's depth limit. */
    size_t n = 10050;
    char *deep = malloc(2 * n + 256);
    assert_non_null(deep);
    size_t k = (size_t)sprintf(deep, HEAD "[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"x\":");
    for (size_t i = 0; i < n; i++)
        deep[k++] = '[';
    for (size_t i = 0; i < n; i++)
        deep[k++] = ']';
    k += (size_t)sprintf(deep + k, "}}]}");
    gt_deployment *d = NULL;
    gt_error e;
    assert_int_equal(gt_deployment_parse(deep, k, &d, &e), GT_ESYNTAX);
    assert_non_null(strstr(e.message, "exceeded max depth"));
    free(deep);
}

/* Many workloads (past the scratch stack), many peers (past the lazy decoder's), a big
 * map with repeated keys, and a repeated array that is longer the second time. */
static void test_big_slices_and_maps(void **state)
{
    (void)state;
    size_t cap = 1 << 20, k = 0;
    char *j = malloc(cap);
    assert_non_null(j);
    k += (size_t)snprintf(j + k, cap - k, HEAD "[");
    for (int i = 0; i < 400; i++)
        k += (size_t)snprintf(j + k, cap - k, "%s{\"version\":1,\"name\":\"disk%d\",\"type\":\"zmount\",\"data\":{\"size\":%d}}",
                              i ? "," : "", i, 1024 * (i + 1));
    k += (size_t)snprintf(j + k, cap - k, ",{\"version\":1,\"name\":\"net\",\"type\":\"network\",\"data\":{\"ip_range\":\"10.1.0.0/16\","
                                          "\"subnet\":\"10.1.1.0/24\",\"wireguard_listen_port\":1,\"peers\":[");
    for (int i = 0; i < 300; i++)
        k += (size_t)snprintf(j + k, cap - k, "%s{\"subnet\":\"10.1.%d.0/24\",\"allowed_ips\":[\"10.1.%d.0/24\",\"100.64.1.%d/32\"]}",
                              i ? "," : "", i % 250, i % 250, i % 250);
    k += (size_t)snprintf(j + k, cap - k, "]}},{\"version\":1,\"name\":\"vm\",\"type\":\"zmachine\",\"data\":{\"flist\":\"f\","
                                          "\"compute_capacity\":{\"cpu\":1,\"memory\":268435456},\"env\":{");
    for (int i = 0; i < 1500; i++)
        k += (size_t)snprintf(j + k, cap - k, "%s\"K%d\":\"v%d\"", i ? "," : "", i % 1100, i);
    k += (size_t)snprintf(j + k, cap - k, "},\"env\":{\"K1\":\"again\",\"new\":\"x\"},\"mounts\":[{\"name\":\"a\"}],"
                                          "\"mounts\":[{\"name\":\"b\"},{\"name\":\"c\",\"mountpoint\":\"/c\"}]}}]}");
    assert_true(k < cap);
    assert_int_equal(same_eager_and_lazy(j, k), 402);

    gt_deployment *d;
    gt_error e;
    assert_int_equal(gt_deployment_parse(j, k, &d, &e), GT_OK);
    assert_int_equal(d->workloads.len, 402);
    assert_true(d->workloads.cap >= 402);
    assert_memory_equal(d->workloads.items[399].name.ptr, "disk399", 7);
    const gt_network *net;
    assert_int_equal(gt_workload_data(d, 400, (const void **)&net, NULL, &e), GT_OK);
    assert_int_equal(net->peers.len, 300);
    assert_int_equal(net->peers.items[299].allowed_ips.len, 2);
    const gt_zmachine *vm;
    assert_int_equal(gt_workload_data(d, 401, (const void **)&vm, NULL, &e), GT_OK);
    assert_int_equal(vm->env.len, 1101);
    assert_int_equal(vm->mounts.len, 2);
    gt_deployment_free(d);
    free(j);
}

/* ZMachine.Valid's public IP checks use an index of the whole deployment, built once
 * per validation; a validate called on its own builds its own. */
#define VM(name, pip) "{\"version\":1,\"name\":\"" name "\",\"type\":\"zmachine\",\"data\":{\"flist\":\"f\",\"network\":{\"public_ip\":\"" pip "\"," \
    "\"interfaces\":[{\"network\":\"net\",\"ip\":\"10.1.1.2\"}]},\"compute_capacity\":{\"cpu\":1,\"memory\":268435456}}}"
#define NET "{\"version\":1,\"name\":\"net\",\"type\":\"network\",\"data\":{\"ip_range\":\"10.1.0.0/16\",\"subnet\":\"10.1.1.0/24\",\"wireguard_private_key\":\"2qsshkWf3Xg/4b5OMoCvnAB41g2XCEQPL8iHBizXfM8=\",\"wireguard_listen_port\":1}}"
#define PIP(name) "{\"version\":1,\"name\":\"" name "\",\"type\":\"ip\",\"data\":{\"v4\":true}}"
#define DISK(name) "{\"version\":1,\"name\":\"" name "\",\"type\":\"zmount\",\"data\":{\"size\":1073741824}}"

static void valid_says(const char *json, int code, const char *message)
{
    gt_deployment *d;
    gt_error e;
    assert_int_equal(gt_deployment_parse(json, strlen(json), &d, &e), GT_OK);
    int rc = gt_deployment_valid(d, &e);
    if (rc != code || (message && !strstr(e.message, message)))
        fail_msg("valid: %d %s, expected %d %s", rc, e.message, code, message ? message : "");
    /* the same twice (the index does not outlive a validation) */
    assert_int_equal(gt_deployment_valid(d, &e), code);
    /* and a VM validated on its own agrees, and so does one validated with a context
     * shared by all the workloads (its index built once) */
    gt_validate_ctx shared;
    gt_error c;
    assert_int_equal(gt_validate_ctx_init(&shared, d, &c), GT_OK);
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        const void *data;
        const gt_workload_type *t;
        if (gt_workload_data(d, i, &data, &t, &e) != GT_OK || strcmp(t->name, "zmachine") != 0)
            continue;
        gt_error a, b;
        gt_validate_ctx ctx = {d, i, &a, NULL};
        int alone = t->validate(data, &ctx);
        ctx.err = &b;
        assert_int_equal(t->validate(data, &ctx), alone);
        shared.index = i;
        assert_int_equal(t->validate(data, &shared), alone);
        if (alone != GT_OK)
            assert_string_equal(c.message, a.message);
    }
    gt_validate_ctx_release(&shared);
    assert_null(shared.memo);
    gt_deployment_free(d);
}

static void test_public_ip_index(void **state)
{
    (void)state;
    valid_says(HEAD "[" NET "," PIP("pip") "," VM("vm1", "pip") "," DISK("d") "]}", GT_OK, NULL);
    valid_says(HEAD "[" NET "," PIP("pip") "," VM("vm1", "pip") "," VM("vm2", "pip") "]}", GT_EINVALID,
               "public ip is assigned to multiple vms");
    valid_says(HEAD "[" NET "," PIP("pip") "," PIP("pip2") "," VM("vm1", "pip") "," VM("vm2", "pip2") "]}", GT_OK, NULL);
    valid_says(HEAD "[" NET "," VM("vm1", "nothere") "]}", GT_EINVALID, "public ip is not found");
    valid_says(HEAD "[" NET "," VM("vm1", "BAD NAME") "]}", GT_EINVALID, "public ip is not found");
    /* a public_ip naming another kind of workload ends ZMachine.Valid successfully */
    valid_says(HEAD "[" NET "," DISK("d") "," VM("vm1", "d") "," VM("vm2", "d") "]}", GT_OK, NULL);
    /* the first name wins (Deployment.Get); duplicates are refused first anyway */
    valid_says(HEAD "[" NET "," PIP("pip") "," DISK("pip") "," VM("vm1", "pip") "]}", GT_EINVALID, "same name");
    /* a later zmachine whose data does not load fails the check of an earlier one */
    valid_says(HEAD "[" NET "," PIP("pip") "," VM("vm1", "pip") ","
                    "{\"version\":1,\"name\":\"vm2\",\"type\":\"zmachine\",\"data\":{\"flist\":7}}]}",
               GT_ETYPE, "cannot unmarshal number");
    /* ...but one with data null does not count */
    valid_says(HEAD "[" NET "," PIP("pip") "," VM("vm1", "pip") ","
                    "{\"version\":1,\"name\":\"vm2\",\"type\":\"zmachine\",\"data\":null}]}",
               GT_EPANIC, NULL);
}

/* Upgrade matches workloads by name through a map, the last of a name winning. */
static void test_upgrade_names(void **state)
{
    (void)state;
    const char *cur = HEAD "[" DISK("a") "," DISK("b") "," DISK("c") "]}";
    char next[2048];
    snprintf(next, sizeof next, "%s", HEAD "[" DISK("c") "," DISK("a") "," DISK("e") "]}");
    /* version 2 for the deployment and for the new workload */
    char *v = strstr(next, "\"version\":1");
    v[10] = '2';
    v = strstr(next, "\"name\":\"e\"");
    v[-2] = '2';
    gt_deployment *c, *n;
    gt_error e;
    assert_int_equal(gt_deployment_parse(cur, strlen(cur), &c, &e), GT_OK);
    assert_int_equal(gt_deployment_parse(next, strlen(next), &n, &e), GT_OK);
    gt_upgrade_op *ops;
    size_t nops;
    int rc = gt_deployment_upgrade(c, n, &ops, &nops, &e);
    if (rc != GT_OK)
        fail_msg("upgrade: %s", e.message);
    assert_int_equal(nops, 2);
    assert_int_equal(ops[0].op, GT_OP_ADD);
    assert_string_equal(ops[0].id, "7-9-e");
    assert_int_equal(ops[1].op, GT_OP_REMOVE);
    assert_string_equal(ops[1].id, "7-9-b");
    free(ops);
    gt_deployment_free(c);
    gt_deployment_free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bench_inputs),
        cmocka_unit_test(test_key_orders_and_repeats),
        cmocka_unit_test(test_errors_stay_lazy),
        cmocka_unit_test(test_syntax_errors_in_data),
        cmocka_unit_test(test_big_slices_and_maps),
        cmocka_unit_test(test_public_ip_index),
        cmocka_unit_test(test_upgrade_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
