/* fuzz_json: the Go-compatible JSON reader alone (parse only).
 *
 * The first byte picks the schema the rest is decoded into: the deployment, or the
 * data / result struct of one of the registered workload types, so that every table
 * the reader walks is reached. Properties: no crash, no leak, no undefined behaviour;
 * the verdict (status, message, offset) is the same when the same bytes are read
 * twice; a success leaves the reader at the end of the input. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/deployment_impl.h"
#include "gridtypes/deployment.h"
#include "gridtypes/workload_type.h"
#include "json/reader.h"

static int decode_once(const gt_schema *s, const uint8_t *buf, size_t len, gt_error *err)
{
    gt_arena a;
    gt_arena_init(&a, len + 1024);
    void *dst = gt_arena_alloc(&a, s->size);
    if (!dst) {
        gt_arena_free(&a);
        return GT_ENOMEM;
    }
    /* The reader needs its padding of NULs after the input; a copy of exactly that size
     * lets the sanitizer see any read past it. */
    uint8_t *copy = malloc(len + GT_JSON_PAD);
    if (!copy) {
        gt_arena_free(&a);
        return GT_ENOMEM;
    }
    memcpy(copy, buf, len);
    memset(copy + len, 0, GT_JSON_PAD);
    gt_reader r;
    gt_error_clear(err);
    gt_reader_init(&r, copy, copy, len, &a, err, "");
    int rc = gt_json_decode(&r, s, dst);
    if (rc == GT_OK)
        FUZZ_CHECK(r.p == r.end, "decode succeeded before the end of the input");
    FUZZ_CHECK(r.depth >= 0 && r.depth <= GT_JSON_MAX_DEPTH, "depth %d out of range", r.depth);
    free(copy);
    gt_arena_free(&a);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    gt_registry_init();
    const gt_workload_type *types[64];
    size_t ntypes = gt_types(types, 64);
    if (ntypes > 64)
        ntypes = 64;
    const gt_schema *schemas[1 + 2 * 64];
    size_t ns = 0;
    schemas[ns++] = &gt_schema_deployment;
    for (size_t i = 0; i < ntypes; i++) {
        schemas[ns++] = types[i]->schema;
        if (types[i]->result_schema)
            schemas[ns++] = types[i]->result_schema;
    }
    const gt_schema *s = schemas[data[0] % ns];

    /* An exact-size copy: ASan catches a read past the end. */
    size_t len = size - 1;
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, len);
    gt_error e1, e2;
    int rc1 = decode_once(s, buf, len, &e1);
    int rc2 = decode_once(s, buf, len, &e2);
    FUZZ_CHECK(rc1 == rc2, "two reads differ: %d vs %d", rc1, rc2);
    if (rc1 != GT_OK) {
        FUZZ_CHECK(e1.code == rc1, "error code %d != status %d", e1.code, rc1);
        FUZZ_CHECK(strcmp(e1.message, e2.message) == 0, "messages differ: %s | %s", e1.message, e2.message);
        FUZZ_CHECK(e1.offset == e2.offset, "offsets differ");
        FUZZ_CHECK(e1.message[0] != '\0', "error without a message");
        FUZZ_CHECK(e1.offset == GT_NO_OFFSET || e1.offset <= len, "offset %zu past the input (%zu)",
                   e1.offset, len);
    }
    /* The public entry point for the deployment schema. */
    if (s == &gt_schema_deployment) {
        gt_deployment *d = NULL;
        gt_error e3;
        int rc3 = gt_deployment_parse(buf, len, &d, &e3);
        FUZZ_CHECK(rc3 == rc1, "gt_deployment_parse %d != reader %d", rc3, rc1);
        FUZZ_CHECK((rc3 == GT_OK) == (d != NULL), "out pointer inconsistent with status");
        if (rc3 != GT_OK)
            FUZZ_CHECK(strcmp(e3.message, e1.message) == 0, "messages differ: %s | %s", e3.message, e1.message);
        gt_deployment_free(d);
    }
    free(buf);
    return 0;
}
