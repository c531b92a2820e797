/* gt_deployment_encode_canonical: json.Marshal of the deployment with each workload's data
 * written from its decoded form. The node keeps workload data as the bytes it was given
 * (a json.RawMessage), so its own re-encoding leaves keys, IPs and hex as the client wrote
 * them; re-encoding the decoded data instead gives the node's forms throughout, and the
 * same challenge, since the data decodes to the same values. */
#include "gridtypes/diagnose.h"

#include <stdlib.h>

#include "gridtypes/workload_type.h"

int gt_deployment_encode_canonical(const gt_deployment *d, char **out, size_t *len, gt_error *err)
{
    if (!d || !out || !len)
        return gt_error_set(err, GT_EARG, "gt_deployment_encode_canonical: NULL argument");
    *out = NULL;
    *len = 0;
    /* a copy to rewrite: the deployment's own encoding, decoded again */
    char *enc;
    size_t elen;
    int rc = gt_deployment_encode(d, &enc, &elen, err);
    if (rc != GT_OK)
        return rc;
    gt_deployment *copy;
    rc = gt_deployment_parse(enc, elen, &copy, err);
    free(enc);
    if (rc != GT_OK)
        return rc;
    for (uint32_t i = 0; i < copy->workloads.len && rc == GT_OK; i++) {
        const void *data;
        const gt_workload_type *type;
        if (gt_workload_data(copy, i, &data, &type, NULL) != GT_OK)
            continue; /* data that does not load stays as given: the node refuses it anyway */
        char *de;
        size_t dl;
        if (gt_workload_type_encode(type, data, &de, &dl) != GT_OK)
            continue;
        rc = gt_workload_set_data(copy, &copy->workloads.items[i], de, dl);
        if (rc != GT_OK)
            gt_error_set(err, rc, "out of memory");
        free(de);
    }
    if (rc == GT_OK)
        rc = gt_deployment_encode(copy, out, len, err);
    gt_deployment_free(copy);
    return rc;
}
