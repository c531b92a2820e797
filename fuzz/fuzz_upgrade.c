/* fuzz_upgrade: Deployment.Upgrade(old, new) on two fuzzed documents.
 *
 * The input is "old" FUZZ_SEP "new" (without the separator it is split in the middle).
 * Properties: no crash; at most len(old) + len(new) operations, each naming a workload
 * of the deployment it belongs to (adds/updates in new, removes in old); two runs on
 * fresh parses give the same verdict and operations; the upgrade (which copies results
 * into new) does not change new's challenge, and new still encodes and parses. */
#include "fuzz_common.h"

#include "gridtypes/deployment.h"
#include "gridtypes/workload_type.h"

typedef struct {
    int rc;
    char msg[GT_ERROR_MESSAGE_MAX];
    size_t nops;
    gt_upgrade_op *ops;
    gt_deployment *cur, *next;
} run_result;

static void run(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, run_result *out)
{
    memset(out, 0, sizeof *out);
    gt_error e;
    out->rc = -1000;
    if (gt_deployment_parse(a, alen, &out->cur, &e) != GT_OK)
        return;
    if (gt_deployment_parse(b, blen, &out->next, &e) != GT_OK)
        return;
    char *c0 = NULL, *c1 = NULL;
    size_t l0 = 0, l1 = 0;
    int crc0 = gt_deployment_challenge(out->next, &c0, &l0, &e);

    out->rc = gt_deployment_upgrade(out->cur, out->next, &out->ops, &out->nops, &e);
    snprintf(out->msg, sizeof out->msg, "%s", e.message);
    FUZZ_CHECK(out->rc == e.code, "upgrade status %d, err code %d", out->rc, e.code);
    if (out->rc != GT_OK) {
        FUZZ_CHECK(out->ops == NULL && out->nops == 0, "failed upgrade returned operations");
        FUZZ_CHECK(e.message[0], "upgrade error without message");
    } else {
        FUZZ_CHECK(out->nops <= (size_t)out->cur->workloads.len + out->next->workloads.len,
                   "%zu operations for %u + %u workloads", out->nops, out->cur->workloads.len,
                   out->next->workloads.len);
        for (size_t i = 0; i < out->nops; i++) {
            const gt_upgrade_op *op = &out->ops[i];
            const gt_deployment *owner = op->op == GT_OP_REMOVE ? out->cur : out->next;
            FUZZ_CHECK(op->op == GT_OP_ADD || op->op == GT_OP_UPDATE || op->op == GT_OP_REMOVE, "bad op kind");
            FUZZ_CHECK(op->workload >= owner->workloads.items &&
                           op->workload < owner->workloads.items + owner->workloads.len,
                       "op %zu points outside its deployment", i);
            FUZZ_CHECK(memchr(op->id, '\0', sizeof op->id) != NULL, "op id not terminated");
            gt_op_name(op->op);
        }
    }
    /* Results are not part of the challenge. */
    int crc1 = gt_deployment_challenge(out->next, &c1, &l1, &e);
    FUZZ_CHECK(crc0 == crc1, "upgrade changed the challenge status of new");
    if (crc0 == GT_OK)
        FUZZ_CHECK(l0 == l1 && memcmp(c0, c1, l0) == 0, "upgrade changed the challenge of new");
    free(c0);
    free(c1);
    char *enc = NULL;
    size_t elen = 0;
    FUZZ_CHECK(gt_deployment_encode(out->next, &enc, &elen, &e) == GT_OK, "new no longer encodes");
    gt_deployment *again = NULL;
    FUZZ_CHECK(gt_deployment_parse(enc, elen, &again, &e) == GT_OK, "new no longer parses: %s", e.message);
    gt_deployment_free(again);
    free(enc);
}

static void release(run_result *r)
{
    free(r->ops);
    gt_deployment_free(r->cur);
    gt_deployment_free(r->next);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *a, *b;
    size_t alen, blen;
    fuzz_split(data, size, &a, &alen, &b, &blen);
    run_result r1, r2;
    run(a, alen, b, blen, &r1);
    run(a, alen, b, blen, &r2);
    FUZZ_CHECK(r1.rc == r2.rc, "two upgrades differ: %d vs %d", r1.rc, r2.rc);
    FUZZ_CHECK(strcmp(r1.msg, r2.msg) == 0, "two upgrade errors differ");
    FUZZ_CHECK(r1.nops == r2.nops, "two upgrades give %zu and %zu ops", r1.nops, r2.nops);
    for (size_t i = 0; i < r1.nops; i++) {
        FUZZ_CHECK(r1.ops[i].op == r2.ops[i].op && strcmp(r1.ops[i].id, r2.ops[i].id) == 0,
                   "op %zu differs between runs", i);
        FUZZ_CHECK(r1.ops[i].workload - (r1.ops[i].op == GT_OP_REMOVE ? r1.cur : r1.next)->workloads.items ==
                       r2.ops[i].workload - (r2.ops[i].op == GT_OP_REMOVE ? r2.cur : r2.next)->workloads.items,
                   "op %zu names another workload between runs", i);
    }
    release(&r1);
    release(&r2);
    return 0;
}
