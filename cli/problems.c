/* Every validation problem, not only the first. The reference's Deployment.Valid stops at
 * the first problem, and the verdict stays its (gt_deployment_valid); but someone fixing a
 * deployment by hand wants the whole list at once. So after the verdict, each workload is
 * checked on its own with the same steps Valid runs for it (version, name, duplicate name,
 * its data, its type's validation) through the public API. Every problem is counted; the
 * first `max` are kept, so a hostile file of a million bad workloads costs a count, not a
 * million error records. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cli_problem *items;
    size_t n, cap;
    size_t max;   /* problems kept */
    size_t total; /* problems found */
    const gt_error *verdict; /* the one the node reports, NULL when valid */
    bool verdict_seen;
} plist;

static bool same_error(const gt_error *a, const gt_error *b)
{
    return strcmp(a->path, b->path) == 0 && strcmp(a->message, b->message) == 0;
}

static void add(plist *l, size_t workload, const gt_error *e)
{
    l->total++;
    bool is_verdict = l->verdict && !l->verdict_seen && same_error(e, l->verdict);
    if (is_verdict)
        l->verdict_seen = true;
    if (l->n >= l->max)
        return; /* counted, not kept */
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        if (ncap > l->max)
            ncap = l->max;
        cli_problem *ni = realloc(l->items, ncap * sizeof *ni);
        if (!ni)
            return; /* a shorter list; the verdict is unaffected */
        l->items = ni;
        l->cap = ncap;
    }
    cli_problem *p = &l->items[l->n++];
    p->workload = workload;
    p->node_reports = is_verdict;
    p->err = *e;
}

static void at(gt_error *e, size_t i, const char *field)
{
    char path[64];
    snprintf(path, sizeof path, "workloads[%zu]%s%s", i, field ? "." : "", field ? field : "");
    gt_error_at(e, GT_NO_OFFSET, path);
}

/* The checks Deployment.Valid runs on workload i, each reported instead of stopping. ctx
 * carries the indexes all the workloads share (names, public IPs), so the whole walk is
 * linear. */
static void check_workload(gt_validate_ctx *ctx, size_t i, plist *l)
{
    const gt_deployment *d = ctx->deployment;
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
        const gt_workload *first;
        if (gt_validate_get(ctx, wl->name.ptr, wl->name.len, &first, NULL) == GT_OK && first != wl) {
            gt_error_set_quoting(&e, GT_EINVALID, "multiple workloads with the same name '%.*s'",
                                 (int)wl->name.len, wl->name.ptr);
            at(&e, i, "name");
            add(l, i, &e);
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
    ctx->index = i;
    ctx->err = &e;
    gt_error_clear(&e);
    if (type->validate(data, ctx) != GT_OK) {
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

size_t cli_path_workload(const char *path)
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

int cli_collect_problems(const gt_deployment *d, size_t max, cli_problem **out, size_t *n, size_t *total)
{
    gt_error verdict;
    int rc = gt_deployment_valid(d, &verdict);
    plist l = {0};
    l.max = max ? max : 1;
    if (rc != GT_OK) {
        l.verdict = &verdict;
        gt_validate_ctx ctx;
        gt_error e;
        gt_validate_ctx_init(&ctx, d, &e); /* without memory for indexes it still works */
        for (size_t i = 0; i < d->workloads.len; i++)
            check_workload(&ctx, i, &l);
        gt_validate_ctx_release(&ctx);
        /* the problem the node reports goes first when the walk did not keep it (it did
         * not find it, or found it past the first `max`) */
        bool kept = false;
        for (size_t k = 0; k < l.n && !kept; k++)
            kept = l.items[k].node_reports;
        if (!kept) {
            if (!l.verdict_seen)
                l.total++;
            if (l.n == l.max)
                l.n--; /* it takes the last place */
            if (l.n == l.cap) {
                cli_problem *ni = realloc(l.items, (l.cap + 1) * sizeof *ni);
                if (ni) {
                    l.items = ni;
                    l.cap++;
                }
            }
            if (l.n < l.cap) {
                memmove(l.items + 1, l.items, l.n * sizeof *l.items);
                l.items[0] = (cli_problem){cli_path_workload(verdict.path), true, verdict};
                l.n++;
            }
        }
    }
    *out = l.items;
    *n = l.n;
    if (total)
        *total = l.total;
    return rc;
}
