/* ids.jsonl: workload ids, Unique and NetworkID. */
#include "runner.h"

#include "gridtypes/ids.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void run_line(tally *t, const char *line, size_t len, int lineno)
{
    char name[32];
    snprintf(name, sizeof name, "line-%d", lineno);
    char why[2048] = "";
    ids_case c;
    jd *v = ids_case_open(line, len, &c);
    if (!v) {
        tally_fail(t, "ids", name, "malformed line");
        return;
    }
    uint32_t twin = c.twin;
    uint64_t contract = c.contract;
    size_t nlen = c.name_len;
    char *nm = c.name;
    const jd *e = c.expect;
    char id[GT_WORKLOAD_ID_MAX + 64];
    gt_error err;
    int rc = gt_workload_id(twin, contract, nm, nlen, id, sizeof id, &err);
    const jd *wid = jd_get(e, "workload_id");
    if ((rc == GT_OK) != (wid && wid->kind == JD_STR))
        snprintf(why, sizeof why, "workload_id: expected %s, got %s", wid && wid->kind == JD_STR ? wid->str : "error",
                 rc == GT_OK ? id : err.message);
    else if (rc == GT_OK && strcmp(id, wid->str) != 0)
        snprintf(why, sizeof why, "workload_id: expected %s, got %s", wid->str, id);
    /* Unique works on the unchecked id text */
    char raw[4096];
    gt_workload_id_unchecked(twin, contract, nm, nlen, raw, sizeof raw);
    char u[GT_UNIQUE_SIZE];
    const jd *ux = jd_get(e, "unique_x");
    gt_workload_id_unique(raw, strlen(raw), "x", 1, u);
    if (!why[0] && ux && strcmp(u, ux->str) != 0)
        snprintf(why, sizeof why, "unique_x: expected %s, got %s", ux->str, u);
    const jd *uq = jd_get(e, "unique");
    for (size_t i = 0; uq && i < uq->n && !why[0]; i++) {
        const jd *in = jd_get(&uq->items[i], "input"), *out = jd_get(&uq->items[i], "output");
        gt_workload_id_unique(raw, strlen(raw), in->str, in->len, u);
        if (strcmp(u, out->str) != 0)
            snprintf(why, sizeof why, "unique(%s): expected %s, got %s", in->str, out->str, u);
    }
    const jd *net = jd_get(e, "network_id");
    gt_network_id(twin, nm, nlen, u);
    if (!why[0] && net && strcmp(u, net->str) != 0)
        snprintf(why, sizeof why, "network_id: expected %s, got %s", net->str, u);
    tally_verdict(t, "ids", name, why);
    free(nm);
    jd_free(v);
}

void run_ids(const char *corpus, tally *t)
{
    each_line(corpus, "ids.jsonl", t, run_line);
}
