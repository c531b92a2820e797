/* Deployment.Upgrade: what a node does to move from one version to the next. */
#include "core/deployment_impl.h"
#include "core/strhash.h"
#include "gridtypes/ids.h"

#include <stdlib.h>
#include <string.h>


static int cmp_remove(const void *a, const void *b)
{
    const gt_upgrade_op *x = a, *y = b;
    gt_str n1 = x->workload->name, n2 = y->workload->name;
    size_t n = n1.len < n2.len ? n1.len : n2.len;
    int c = n ? memcmp(n1.ptr, n2.ptr, n) : 0;
    if (c)
        return c;
    return (n1.len > n2.len) - (n1.len < n2.len);
}

int gt_deployment_upgrade(const gt_deployment *cur, gt_deployment *next, gt_upgrade_op **ops_out,
                          size_t *nops_out, gt_error *err)
{
    gt_error_clear(err);
    if (!cur || !next || !ops_out || !nops_out)
        return gt_error_set(err, GT_EARG, "gt_deployment_upgrade: NULL argument");
    *ops_out = NULL;
    *nops_out = 0;
    gt_error e;
    int rc = gt_deployment_valid(next, &e);
    if (rc != GT_OK) {
        if (rc == GT_EPANIC) {
            if (err)
                *err = e;
            return rc;
        }
        gt_error_set_quoting(err, rc, "new deployment is invalid: %.*s", (int)e.message_len, e.message);
        return gt_error_at(err, e.offset, e.path);
    }
    if (cur->twin_id != next->twin_id || cur->contract_id != next->contract_id)
        return gt_error_set(err, GT_EUPGRADE, "cannot change deployment or twin id");
    uint32_t expected = cur->version + 1; /* wraps like Go's uint32 */
    if (expected != next->version)
        return gt_error_set(err, GT_EUPGRADE, "expecting deployment version %u, got %u", expected,
                            next->version);

    size_t ncur = cur->workloads.len, nnext = next->workloads.len;
    /* live[i]: cur workload i is the one the reference's name map holds (the last of
     * its name) and it has not been matched by a workload of `next` yet. */
    bool *live = calloc(ncur ? ncur : 1, sizeof *live);
    gt_upgrade_op *ops = calloc(ncur + nnext ? ncur + nnext : 1, sizeof *ops);
    if (!live || !ops) {
        free(live);
        free(ops);
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    }
    /* The reference keys cur's workloads by name in a map, so the last one of a name
     * wins: index them by name (last one kept), and let the others never match. */
    gt_name_index names;
    if (gt_name_index_init(&names, cur->workloads.items, cur->workloads.len, true) != GT_OK) {
        free(live);
        free(ops);
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < ncur; i++)
        live[i] = gt_name_index_find_of(&names, i) == i;
    size_t nops = 0;
    rc = GT_OK;
    for (size_t k = 0; k < nnext; k++) {
        gt_workload *wl = &next->workloads.items[k];
        const gt_workload *older = NULL;
        size_t oi = gt_name_index_find(&names, wl->name);
        if (oi != SIZE_MAX && live[oi])
            older = &cur->workloads.items[oi];
        gt_op_kind kind;
        if (!older) {
            if (wl->version != expected) {
                rc = gt_error_set_quoting(err, GT_EUPGRADE, "invalid version number for workload '%.*s' expected '%u'",
                                  (int)wl->name.len, wl->name.ptr, expected);
                break;
            }
            kind = GT_OP_ADD;
        } else {
            if (!gt_str_equal(older->type, wl->type)) {
                rc = gt_error_set_quoting(err, GT_EUPGRADE, "cannot change workload type '%.*s'", (int)wl->name.len,
                                  wl->name.ptr);
                break;
            }
            wl->result = older->result; /* the node's state carries over */
            live[oi] = false;
            if (wl->version != expected)
                continue; /* kept untouched */
            kind = GT_OP_UPDATE;
        }
        ops[nops].op = kind;
        ops[nops].workload = wl;
        gt_workload_id(next->twin_id, next->contract_id, wl->name.ptr, wl->name.len, ops[nops].id,
                       sizeof ops[nops].id, NULL);
        nops++;
    }
    if (rc == GT_OK) {
        size_t first_remove = nops;
        for (size_t i = 0; i < ncur; i++) {
            if (!live[i])
                continue;
            const gt_workload *wl = &cur->workloads.items[i];
            ops[nops].op = GT_OP_REMOVE;
            ops[nops].workload = wl;
            if (gt_workload_id(cur->twin_id, cur->contract_id, wl->name.ptr, wl->name.len, ops[nops].id,
                               sizeof ops[nops].id, NULL) != GT_OK)
                ops[nops].id[0] = '\0';
            nops++;
        }
        qsort(ops + first_remove, nops - first_remove, sizeof *ops, cmp_remove);
    }
    free(live);
    gt_name_index_free(&names);
    if (rc != GT_OK) {
        free(ops);
        return rc;
    }
    *ops_out = ops;
    *nops_out = nops;
    return GT_OK;
}
