/* Every validation problem, not only the first. The reference's Deployment.Valid stops at
 * the first problem, and the verdict stays its (gt_deployment_valid); but someone fixing a
 * deployment by hand wants the whole list at once. So after the verdict, each workload is
 * checked on its own with the same steps Valid runs for it (version, name, duplicate name,
 * its data, its type's validation) through the public API. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cli_problem *items;
    size_t n, cap;
} plist;

static void add(plist *l, size_t workload, const gt_error *e)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        cli_problem *ni = realloc(l->items, ncap * sizeof *ni);
        if (!ni)
            return; /* a shorter list; the verdict is unaffected */
        l->items = ni;
        l->cap = ncap;
    }
    cli_problem *p = &l->items[l->n++];
    p->workload = workload;
    p->node_reports = false;
    p->err = *e;
}

static void at(gt_error *e, size_t i, const char *field)
{
    char path[64];
    snprintf(path, sizeof path, "workloads[%zu]%s%s", i, field ? "." : "", field ? field : "");
    gt_error_at(e, GT_NO_OFFSET, path);
}

static bool same_name(gt_str a, gt_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* The checks Deployment.Valid runs on workload i, each reported instead of stopping. */
static void check_workload(const gt_deployment *d, size_t i, plist *l)
{
    const gt_workload *wl = &d->workloads.items[i];
    gt_error e;
    if (wl->version > d->version) {
        gt_error_set_quoting(&e, GT_EINVALID,
                             "workload '%.*s' version '%u' cannot be higher than deployment version '%u'",
                             (int)wl->name.len, wl->name.ptr, wl->version, d->version);
        at(&e, i, "version");
        add(l, i, &e);
    }
    gt_error ne;
    if (gt_name_valid(wl->name.ptr, wl->name.len, &ne) != GT_OK) {
        gt_error_set_quoting(&e, GT_EINVALID, "name '%.*s' is invalid: %.*s", (int)wl->name.len, wl->name.ptr,
                             (int)ne.message_len, ne.message);
        at(&e, i, "name");
        add(l, i, &e);
    } else {
        for (size_t j = 0; j < i; j++) {
            if (same_name(d->workloads.items[j].name, wl->name)) {
                gt_error_set_quoting(&e, GT_EINVALID, "multiple workloads with the same name '%.*s'",
                                     (int)wl->name.len, wl->name.ptr);
                at(&e, i, "name");
                add(l, i, &e);
                break;
            }
        }
    }
    const void *data;
    const gt_workload_type *type;
    if (gt_workload_data(d, i, &data, &type, &e) != GT_OK) {
        if (!e.path[0])
            at(&e, i, "data");
        add(l, i, &e);
        return;
    }
    gt_validate_ctx vctx = {d, i, &e};
    gt_error_clear(&e);
    if (type->validate(data, &vctx) != GT_OK) {
        if (strncmp(e.path, "workloads[", 10) != 0) {
            char path[GT_ERROR_PATH_MAX];
            if (e.path[0])
                snprintf(path, sizeof path, "workloads[%zu].data.%.200s", i, e.path);
            else
                snprintf(path, sizeof path, "workloads[%zu].data", i);
            gt_error_at(&e, e.offset, path);
        }
        add(l, i, &e);
    }
}

/* The workload index a path such as "workloads[3].data.size" names, or SIZE_MAX. */
static size_t workload_of(const char *path)
{
    if (strncmp(path, "workloads[", 10) != 0)
        return SIZE_MAX;
    size_t i = 0;
    const char *p = path + 10;
    if (*p < '0' || *p > '9')
        return SIZE_MAX;
    for (; *p >= '0' && *p <= '9'; p++)
        i = i * 10 + (size_t)(*p - '0');
    return *p == ']' ? i : SIZE_MAX;
}

int cli_collect_problems(const gt_deployment *d, cli_problem **out, size_t *n)
{
    gt_error verdict;
    int rc = gt_deployment_valid(d, &verdict);
    plist l = {0};
    if (rc != GT_OK) {
        for (size_t i = 0; i < d->workloads.len; i++)
            check_workload(d, i, &l);
        /* mark the problem the node reports; if our walk missed it, it goes first */
        bool found = false;
        for (size_t k = 0; k < l.n && !found; k++) {
            if (strcmp(l.items[k].err.path, verdict.path) == 0 &&
                strcmp(l.items[k].err.message, verdict.message) == 0) {
                l.items[k].node_reports = true;
                found = true;
            }
        }
        if (!found) {
            add(&l, workload_of(verdict.path), &verdict);
            if (l.n > 0) {
                cli_problem v = l.items[l.n - 1];
                memmove(l.items + 1, l.items, (l.n - 1) * sizeof *l.items);
                l.items[0] = v;
                l.items[0].node_reports = true;
            }
        }
    }
    *out = l.items;
    *n = l.n;
    return rc;
}
