/* gridtypes capacity FILE: Workload.Capacity of each workload and their sum, in the units
 * people think in (cores, GiB, IPv4 addresses); --json gives the exact numbers. */
#include "cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: gridtypes capacity [--json] [--max-size N] FILE|-\n"
    "\n"
    "Prints the capacity each workload consumes (Workload.Capacity: cores, memory, SSD,\n"
    "HDD, public IPv4 addresses) and the total, in binary units (1 GiB = 2^30 bytes).\n"
    "--json gives exact numbers: cru (cores), mru, sru, hru (bytes), ipv4u.\n"
    "\n"
    "Exit status: 0 ok, 1 undecodable or a workload's capacity cannot be computed,\n"
    "2 usage or I/O error.\n";

/* The width of the longest name, for aligned columns (escaped names may be longer). */
static int name_width(const gt_deployment *d)
{
    size_t wmax = 5;
    for (size_t i = 0; i < d->workloads.len; i++)
        if (d->workloads.items[i].name.len > wmax)
            wmax = d->workloads.items[i].name.len;
    return wmax > 36 ? 36 : (int)wmax;
}

int cmd_capacity(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "capacity", .usage = usage};
    const char *pos[1];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, NULL, pos, 1, 1, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    cli_input in;
    gt_deployment *d;
    if ((rc = cli_open_deployment(&ctx, pos[0], &in, &d)) != CLI_OK)
        return rc;
    /* Two passes (the totals first, then each workload again as it is printed) instead of
     * an error record per workload: the memory stays constant however many there are. */
    size_t n = d->workloads.len;
    gt_capacity total = {0}, cap;
    gt_error err;
    size_t nfailed = 0;
    for (size_t i = 0; i < n; i++) {
        if (gt_workload_capacity(d, i, &cap, &err) != GT_OK) {
            nfailed++;
            continue;
        }
        gt_capacity_add(&total, &cap);
    }

    if (ctx.json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, nfailed == 0);
        jw_key(&w, "workloads");
        jw_arr(&w);
        for (size_t i = 0; i < n; i++) {
            const gt_workload *wl = &d->workloads.items[i];
            jw_obj(&w);
            jw_key(&w, "name");
            jw_gstr(&w, wl->name);
            jw_key(&w, "type");
            jw_gstr(&w, wl->type);
            if (gt_workload_capacity(d, i, &cap, &err) != GT_OK) {
                cli_loc loc;
                cli_error_loc(&in, &err, &loc);
                jw_key(&w, "error");
                jw_error(&w, &err, &loc);
            } else {
                jw_key(&w, "capacity");
                jw_capacity(&w, &cap);
            }
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_key(&w, "total");
        jw_capacity(&w, &total);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        int nw = name_width(d);
        char text[256];
        for (size_t i = 0; i < n; i++) {
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
        cli_fmt_capacity(&total, text, sizeof text);
        printf("total: %s\n", text);
    }
    rc = nfailed ? CLI_REFUSED : CLI_OK;
    gt_deployment_free(d);
    cli_input_free(&in);
    return rc;
}
