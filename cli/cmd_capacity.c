/* gridtypes capacity FILE: Workload.Capacity of each workload and their sum, in the units
 * people think in (cores, GiB, IPv4 addresses); --json gives the exact numbers. */
#include "batch.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: gridtypes capacity [--json] [--max-size N] FILE|-\n"
    "       gridtypes capacity [--json] [--max-size N] [--ndjson] [-j N] FILE|-|FOLDER...\n"
    "\n"
    "Prints the capacity each workload consumes (Workload.Capacity: cores, memory, SSD,\n"
    "HDD, public IPv4 addresses) and the total, in binary units (1 GiB = 2^30 bytes).\n"
    "--json gives exact numbers: cru (cores), mru, sru, hru (bytes), ipv4u.\n"
    "A total beyond 2^64-1 is shown as the node computes it, wrapped around, with a\n"
    "warning (in JSON: \"overflow\", the resources concerned).\n"
    "\n" CLI_BATCH_HELP "\n"
    "Exit status: 0 ok, 1 undecodable or a workload's capacity cannot be computed,\n"
    "2 usage or I/O error.\n";

/* The sum of the workloads' capacities as the node adds them (uint64 arithmetic,
 * wrapping), the resources whose sum wrapped, and how many workloads failed. Each
 * workload's capacity is computed again as it is printed, rather than kept: two passes
 * keep the memory constant however many workloads there are. */
typedef struct caps {
    gt_capacity total;
    unsigned wrapped; /* cli_capacity_add's bits */
    size_t nfailed;
    size_t first_failed; /* SIZE_MAX when none */
} caps;

static void caps_total(const gt_deployment *d, caps *c)
{
    memset(c, 0, sizeof *c);
    c->first_failed = SIZE_MAX;
    gt_capacity cap;
    for (size_t i = 0; i < d->workloads.len; i++) {
        if (gt_workload_capacity(d, i, &cap, NULL) != GT_OK) {
            if (!c->nfailed++)
                c->first_failed = i;
            continue;
        }
        c->wrapped |= cli_capacity_add(&c->total, &cap);
    }
}

/* {"ok", "error" (the first workload whose capacity failed), "workloads", "total", "overflow"} */
static int capacity_of(const cli_input *in, const gt_deployment *d, jw *w)
{
    caps c;
    caps_total(d, &c);
    gt_capacity cap;
    gt_error err;
    jw_key(w, "ok");
    jw_bool(w, c.nfailed == 0);
    if (c.nfailed) {
        gt_workload_capacity(d, c.first_failed, &cap, &err);
        cli_loc loc;
        cli_error_loc(in, &err, &loc);
        jw_key(w, "error");
        jw_error(w, &err, &loc);
    }
    jw_key(w, "workloads");
    jw_arr(w);
    for (size_t i = 0; i < d->workloads.len; i++) {
        const gt_workload *wl = &d->workloads.items[i];
        jw_obj(w);
        jw_key(w, "name");
        jw_gstr(w, wl->name);
        jw_key(w, "type");
        jw_gstr(w, wl->type);
        if (gt_workload_capacity(d, i, &cap, &err) != GT_OK) {
            cli_loc loc;
            cli_error_loc(in, &err, &loc);
            jw_key(w, "error");
            jw_error(w, &err, &loc);
        } else {
            jw_key(w, "capacity");
            jw_capacity(w, &cap);
        }
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "total");
    jw_capacity(w, &c.total);
    jw_key(w, "overflow");
    jw_overflow(w, c.wrapped);
    return c.nfailed ? CLI_REFUSED : CLI_OK;
}

static int capacity_members(const cli_ctx *ctx, void *arg, const cli_input *in, jw *w)
{
    (void)arg;
    gt_deployment *d;
    int rc = cli_decode_members(ctx, in, w, &d);
    if (rc != CLI_OK)
        return rc;
    rc = capacity_of(in, d, w);
    gt_deployment_free(d);
    return rc;
}

/* The width of the longest name, for aligned columns (escaped names may be longer). */
static int name_width(const gt_deployment *d)
{
    size_t wmax = 5;
    for (size_t i = 0; i < d->workloads.len; i++)
        if (d->workloads.items[i].name.len > wmax)
            wmax = d->workloads.items[i].name.len;
    return wmax > 36 ? 36 : (int)wmax;
}

static int capacity_text(const gt_deployment *d)
{
    caps c;
    caps_total(d, &c);
    int nw = name_width(d);
    char text[256];
    gt_capacity cap;
    gt_error err;
    for (size_t i = 0; i < d->workloads.len; i++) {
        const gt_workload *wl = &d->workloads.items[i];
        fputs("  ", stdout);
        cli_put_gstr(stdout, wl->name);
        printf("%*s  ", wl->name.len < (size_t)nw ? nw - (int)wl->name.len : 0, "");
        cli_put_gstr(stdout, wl->type);
        printf("%*s  ", wl->type.len < 18 ? 18 - (int)wl->type.len : 0, "");
        if (gt_workload_capacity(d, i, &cap, &err) != GT_OK) {
            printf("error: %s\n", err.message);
            continue;
        }
        cli_fmt_capacity(&cap, text, sizeof text);
        puts(text);
    }
    cli_fmt_capacity(&c.total, text, sizeof text);
    printf("total: %s\n", text);
    cli_warn_overflow("capacity", c.wrapped);
    return c.nfailed ? CLI_REFUSED : CLI_OK;
}

int cmd_capacity(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "capacity", .usage = usage};
    cli_batch_opts bo = {0};
    const cli_opt opts[] = {CLI_BATCH_OPTS(&bo), {NULL, NULL, NULL}};
    const char **pos;
    size_t npos;
    int rc = cli_batch_args(&ctx, argc, argv, opts, &bo, &pos, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    if (bo.batch) {
        rc = cli_batch_run(&ctx, pos, npos, &bo, capacity_members, NULL);
        free(pos);
        return rc;
    }
    cli_input in;
    gt_deployment *d;
    rc = cli_open_deployment(&ctx, pos[0], &in, &d);
    free(pos);
    if (rc != CLI_OK)
        return rc;
    if (ctx.json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        rc = capacity_of(&in, d, &w);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        rc = capacity_text(d);
    }
    gt_deployment_free(d);
    cli_input_free(&in);
    return rc;
}
