/* fuzz_deployment: parse -> challenge -> validate -> capacity -> encode, and back.
 *
 * Properties checked:
 *  - determinism: two parses of the same bytes give the same challenge bytes, or the
 *    same challenge error (MSan is not available, this catches most reads of
 *    uninitialised memory that reach the challenge);
 *  - the three ways to get the challenge agree: the text, the fragments of
 *    gt_deployment_challenge_map, and the MD5 computed straight from the writer;
 *  - encode(parse(x)) parses again, to the same challenge (or the same challenge
 *    error), the same validation verdict, and encodes to the same bytes;
 *  - validation, capacity and the queries never crash, and validation does not read
 *    past a workload's data: a third parse moves every workload's raw data into its
 *    own exact-size heap block, so ASan sees any read beyond it. */
#include "fuzz_common.h"

#include <nettle/md5.h>

#include "core/deployment_impl.h"
#include "gridtypes/deployment.h"
#include "gridtypes/signing.h"
#include "gridtypes/workload_type.h"

typedef struct {
    int rc;
    char *text;
    size_t len;
    gt_error err;
} chal_result;

static void challenge_of(const gt_deployment *d, chal_result *out)
{
    out->text = NULL;
    out->len = 0;
    out->rc = gt_deployment_challenge(d, &out->text, &out->len, &out->err);
    FUZZ_CHECK((out->rc == GT_OK) == (out->text != NULL), "challenge pointer inconsistent with status");
}

static void same_challenge(const chal_result *a, const chal_result *b, const char *what)
{
    FUZZ_CHECK(a->rc == b->rc, "%s: challenge status %d vs %d", what, a->rc, b->rc);
    if (a->rc == GT_OK) {
        FUZZ_CHECK(a->len == b->len && memcmp(a->text, b->text, a->len) == 0, "%s: challenge bytes differ",
                   what);
    } else {
        FUZZ_CHECK(strcmp(a->err.message, b->err.message) == 0, "%s: challenge errors differ: %s | %s", what,
                   a->err.message, b->err.message);
    }
}

typedef struct {
    char *buf;
    size_t len, cap;
    int bad;
} frag_acc;

static void on_fragment(void *ctx, const char *path, const uint8_t *bytes, size_t len)
{
    frag_acc *f = ctx;
    if (!path || (len && !bytes))
        f->bad = 1;
    if (f->len + len > f->cap) {
        size_t ncap = (f->len + len) * 2 + 64;
        char *n = realloc(f->buf, ncap);
        if (!n) {
            f->bad = 1;
            return;
        }
        f->buf = n;
        f->cap = ncap;
    }
    if (len)
        memcpy(f->buf + f->len, bytes, len);
    f->len += len;
}

/* Every other entry point on a parsed deployment; returns the validation status. */
static int exercise(const gt_deployment *d, const chal_result *c, gt_error *verr)
{
    /* The challenge as fragments. */
    frag_acc f = {0};
    gt_error e;
    int rc = gt_deployment_challenge_map(d, on_fragment, &f, &e);
    FUZZ_CHECK(!f.bad, "a fragment had a NULL path or bytes");
    FUZZ_CHECK(rc == c->rc, "challenge_map status %d vs challenge %d", rc, c->rc);
    if (rc == GT_OK)
        FUZZ_CHECK(f.len == c->len && memcmp(f.buf, c->text, f.len) == 0, "challenge_map bytes differ");
    free(f.buf);

    /* The hash, written straight into MD5, against MD5 of the text. */
    uint8_t h[GT_HASH_SIZE];
    rc = gt_deployment_challenge_hash(d, h, &e);
    FUZZ_CHECK(rc == c->rc, "challenge_hash status %d vs challenge %d", rc, c->rc);
    if (rc == GT_OK) {
        struct md5_ctx m;
        uint8_t h2[GT_HASH_SIZE];
        md5_init(&m);
        md5_update(&m, c->len, (const uint8_t *)c->text);
        md5_digest(&m, GT_HASH_SIZE, h2);
        FUZZ_CHECK(memcmp(h, h2, GT_HASH_SIZE) == 0, "challenge_hash is not MD5(challenge)");
        char hex[GT_HASH_HEX_SIZE];
        FUZZ_CHECK(gt_deployment_challenge_hash_hex(d, hex, &e) == GT_OK, "hash_hex failed after hash");
        FUZZ_CHECK(strlen(hex) == 32, "hash_hex length");
        uint8_t msg[64];
        size_t mlen = 0;
        FUZZ_CHECK(gt_deployment_signing_message(d, msg, &mlen, &e) == GT_OK, "signing message failed");
        FUZZ_CHECK(mlen == 16 || mlen == 47, "signing message length %zu", mlen);
    }

    int vrc = gt_deployment_valid(d, verr);
    FUZZ_CHECK(vrc == verr->code, "valid: status %d, err code %d", vrc, verr->code);
    FUZZ_CHECK(vrc == GT_OK || verr->message[0], "valid: error without message");

    for (size_t i = 0; i < d->workloads.len; i++) {
        gt_capacity cap;
        rc = gt_workload_capacity(d, i, &cap, &e);
        FUZZ_CHECK(rc == GT_OK || e.message[0], "capacity: error without message");
        const void *data = NULL;
        const gt_workload_type *t = NULL;
        rc = gt_workload_data(d, i, &data, &t, &e);
        if (rc == GT_OK && t) {
            char *enc = NULL;
            size_t elen = 0;
            if (gt_workload_type_encode(t, data, &enc, &elen) == GT_OK)
                free(enc);
        }
        gt_workload_is_result(&d->workloads.items[i], GT_STATE_OK);
        gt_result_is_nil(&d->workloads.items[i].result);
        char *rb = NULL;
        size_t rblen;
        if (gt_result_bytes(&d->workloads.items[i].result, &rb, &rblen) == GT_OK)
            free(rb);
        const gt_workload *w = NULL;
        gt_deployment_get(d, d->workloads.items[i].name.ptr, d->workloads.items[i].name.len, &w, &e);
    }
    size_t idx[8];
    gt_deployment_shareables(d, idx, 8);
    static const char *const zm[] = {"zmachine", "zmount"};
    gt_deployment_by_type(d, zm, 2, idx, 8);
    gt_deployment_is_active(d);
    return vrc;
}

/* Moves every workload's raw data into an exact-size heap block (kept in *blocks). */
static char **isolate_data(gt_deployment *d)
{
    char **blocks = calloc(d->workloads.len + 1, sizeof *blocks);
    if (!blocks)
        return NULL;
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        gt_workload *wl = &d->workloads.items[i];
        if (!wl->data.len)
            continue;
        blocks[i] = malloc(wl->data.len);
        if (!blocks[i])
            continue;
        memcpy(blocks[i], wl->data.ptr, wl->data.len);
        wl->data.ptr = blocks[i];
        wl->cache = NULL;
    }
    return blocks;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gt_deployment *d1 = NULL, *d1b = NULL;
    gt_error e1, e1b;
    int rc1 = gt_deployment_parse(data, size, &d1, &e1);
    int rc1b = gt_deployment_parse(data, size, &d1b, &e1b);
    FUZZ_CHECK(rc1 == rc1b, "two parses differ: %d vs %d", rc1, rc1b);
    if (rc1 != GT_OK) {
        FUZZ_CHECK(d1 == NULL && d1b == NULL, "failed parse returned a deployment");
        FUZZ_CHECK(e1.code == rc1 && strcmp(e1.message, e1b.message) == 0 && e1.offset == e1b.offset,
                   "two parse errors differ: %s | %s", e1.message, e1b.message);
        return 0;
    }

    chal_result c1, c1b;
    challenge_of(d1, &c1);
    challenge_of(d1b, &c1b);
    same_challenge(&c1, &c1b, "determinism");
    /* Asking twice (the data is cached the second time) gives the same answer. */
    chal_result c1c;
    challenge_of(d1, &c1c);
    same_challenge(&c1, &c1c, "cached");
    free(c1c.text);

    gt_error v1, v1b;
    int vrc1 = exercise(d1, &c1, &v1);

    /* Validation on data that sits alone in its heap block. */
    size_t nblocks = d1b->workloads.len;
    char **blocks = isolate_data(d1b);
    int vrc1b = gt_deployment_valid(d1b, &v1b);
    FUZZ_CHECK(vrc1b == vrc1, "valid on isolated data: %d vs %d", vrc1b, vrc1);
    for (size_t i = 0; i < d1b->workloads.len; i++) {
        gt_capacity cap;
        gt_error e;
        gt_workload_capacity(d1b, i, &cap, &e);
    }
    chal_result c1d;
    challenge_of(d1b, &c1d);
    same_challenge(&c1, &c1d, "isolated data");
    free(c1d.text);

    /* The round trip. */
    char *enc1 = NULL;
    size_t enc1_len = 0;
    gt_error ee;
    int erc = gt_deployment_encode(d1, &enc1, &enc1_len, &ee);
    FUZZ_CHECK(erc == GT_OK, "encode failed: %s", ee.message);
    FUZZ_CHECK(enc1[enc1_len] == '\0', "encoding not NUL-terminated");
    gt_deployment *d2 = NULL;
    gt_error e2;
    int rc2 = gt_deployment_parse(enc1, enc1_len, &d2, &e2);
    FUZZ_CHECK(rc2 == GT_OK, "encode(parse(x)) does not parse: %s at %zu\n%.*s", e2.message, e2.offset,
               (int)(enc1_len > 4000 ? 4000 : enc1_len), enc1);
    chal_result c2;
    challenge_of(d2, &c2);
    gt_error v2;
    int vrc2 = gt_deployment_valid(d2, &v2);
    /* One case where the reference itself does not round-trip: a workload without
     * `data` (a nil json.RawMessage) fails to load ("unexpected end of JSON input") but
     * is encoded as `"data":null`, which then panics (conformance 0074). Then only the
     * fixed point below is checked. */
    bool nil_data = false;
    for (uint32_t i = 0; i < d1->workloads.len; i++)
        if (d1->workloads.items[i].data.len == 0)
            nil_data = true;
    if (!nil_data) {
        same_challenge(&c1, &c2, "round trip");
        FUZZ_CHECK(vrc2 == vrc1, "round trip: valid %d vs %d (%s | %s)", vrc2, vrc1, v2.message, v1.message);
        if (vrc1 != GT_OK)
            FUZZ_CHECK(strcmp(v1.message, v2.message) == 0, "round trip: valid messages differ: %s | %s",
                       v1.message, v2.message);
    }
    char *enc2 = NULL;
    size_t enc2_len = 0;
    FUZZ_CHECK(gt_deployment_encode(d2, &enc2, &enc2_len, &ee) == GT_OK, "second encode failed");
    FUZZ_CHECK(enc1_len == enc2_len && memcmp(enc1, enc2, enc1_len) == 0,
               "encode(parse(encode(parse(x)))) != encode(parse(x))");
    if (nil_data) {
        gt_deployment *d3 = NULL;
        FUZZ_CHECK(gt_deployment_parse(enc2, enc2_len, &d3, &e2) == GT_OK, "second round trip does not parse");
        chal_result c3;
        challenge_of(d3, &c3);
        same_challenge(&c2, &c3, "second round trip");
        free(c3.text);
        gt_deployment_free(d3);
    }

    free(enc1);
    free(enc2);
    free(c1.text);
    free(c1b.text);
    free(c2.text);
    gt_deployment_free(d1);
    gt_deployment_free(d1b); /* before the blocks its cache points into */
    if (blocks) {
        for (size_t i = 0; i < nblocks; i++)
            free(blocks[i]);
        free(blocks);
    }
    gt_deployment_free(d2);
    return 0;
}
