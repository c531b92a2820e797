/* gridtypes upgrade OLD NEW: Deployment.Upgrade — the operations a node runs to move from
 * OLD to NEW, or why it refuses — and the changes it would silently ignore. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: gridtypes upgrade [--json] [--max-size N] OLD NEW\n"
    "\n"
    "Checks NEW as the update of OLD (Deployment.Upgrade) and prints the operations a\n"
    "node runs: add, update (in NEW's order), then remove (sorted by name), with the\n"
    "workload ids. Or, when the update is refused, why.\n"
    "\n"
    "It also warns about each workload the node keeps untouched although it changed: a\n"
    "workload whose version is not NEW's deployment version is not updated, even when its\n"
    "data, metadata or description differ. Each warning names the workload, its path in\n"
    "NEW, both versions and what changed (down to the data fields).\n"
    "\n"
    "One of OLD and NEW may be - (standard input).\n"
    "Exit status: 0 the update is accepted (warnings or not), 1 refused or undecodable,\n"
    "2 usage or I/O error.\n";

/* workloads[i] of whichever deployment holds the op's workload. */
static size_t op_index(const gt_upgrade_op *op, const gt_deployment *a, const gt_deployment *b)
{
    const gt_deployment *ds[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        const gt_workload *base = ds[k]->workloads.items;
        if (base && op->workload >= base && op->workload < base + ds[k]->workloads.len)
            return (size_t)(op->workload - base);
    }
    return 0;
}

/* The fields as "a, b, c" for people, cut with "..." when long. */
static void join_fields(const cli_strlist *l, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < l->n; i++) {
        size_t nl = strlen(l->items[i]);
        if (len + nl + 7 >= cap) {
            snprintf(buf + len, cap - len, "%s...", len ? ", " : "");
            return;
        }
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", l->items[i]);
    }
}

/* "data (compute_capacity.memory), metadata" */
static void changed_list(const gt_upgrade_warning *x, const char *fields, char *buf, size_t cap)
{
    bool data = x->data_changed, meta = x->metadata_changed, desc = x->description_changed;
    snprintf(buf, cap, "%s%s%s%s%s%s%s", data ? "data" : "", data && fields[0] ? " (" : "", data ? fields : "",
             data && fields[0] ? ")" : "", data && (meta || desc) ? ", " : "", meta ? "metadata" : "",
             meta && desc ? ", description" : (desc ? "description" : ""));
}

int cmd_upgrade(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "upgrade", .usage = usage};
    const char *pos[2];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, NULL, pos, 2, 2, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    if (strcmp(pos[0], "-") == 0 && strcmp(pos[1], "-") == 0)
        return cli_usage_error(&ctx, "OLD and NEW cannot both come from standard input");
    cli_input oin = {0}, nin = {0};
    gt_deployment *cur = NULL, *next = NULL;
    gt_upgrade_op *ops = NULL;
    size_t nops = 0;
    gt_upgrade_warning *warns = NULL;
    size_t nwarns = 0;
    if ((rc = cli_read_input(&ctx, pos[0], &oin)) != CLI_OK || (rc = cli_read_input(&ctx, pos[1], &nin)) != CLI_OK)
        goto out;
    if ((rc = cli_parse_deployment(&ctx, &oin, &cur)) != CLI_OK || (rc = cli_parse_deployment(&ctx, &nin, &next)) != CLI_OK)
        goto out;
    gt_error e;
    if (gt_deployment_upgrade(cur, next, &ops, &nops, &e) != GT_OK) {
        rc = cli_refuse(&ctx, &nin, "update refused", &e);
        goto out;
    }
    if (gt_deployment_upgrade_warnings(cur, next, &warns, &nwarns, &e) != GT_OK) {
        fprintf(stderr, "gridtypes upgrade: %s\n", e.message);
        rc = CLI_USAGE;
        goto out;
    }

    char changed[900], fields[512];
    cli_upgrade_diff diff;
    cli_upgrade_diff_init(&diff, cur, next); /* without it, warnings name no fields */
    if (ctx.json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, true);
        jw_key(&w, "ops");
        jw_arr(&w);
        for (size_t i = 0; i < nops; i++) {
            char path[40];
            snprintf(path, sizeof path, "workloads[%zu]", op_index(&ops[i], next, cur));
            jw_obj(&w);
            jw_key(&w, "op");
            jw_str(&w, gt_op_name(ops[i].op));
            jw_key(&w, "name");
            jw_gstr(&w, ops[i].workload->name);
            jw_key(&w, "id");
            jw_str(&w, ops[i].id);
            jw_key(&w, ops[i].op == GT_OP_REMOVE ? "old_path" : "path");
            jw_str(&w, path);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_key(&w, "warnings");
        jw_arr(&w);
        for (size_t i = 0; i < nwarns; i++) {
            const gt_upgrade_warning *x = &warns[i];
            char path[40];
            snprintf(path, sizeof path, "workloads[%zu]", x->index);
            cli_strlist fl = {0};
            if (x->data_changed)
                cli_upgrade_changed_fields(&diff, x, &fl);
            jw_obj(&w);
            jw_key(&w, "name");
            jw_gstr(&w, x->workload->name);
            jw_key(&w, "path");
            jw_str(&w, path);
            jw_key(&w, "old_version");
            jw_u64(&w, x->old_version);
            jw_key(&w, "new_version");
            jw_u64(&w, x->new_version);
            jw_key(&w, "deployment_version");
            jw_u64(&w, x->deployment_version);
            jw_key(&w, "changed");
            jw_arr(&w);
            if (x->data_changed)
                jw_str(&w, "data");
            if (x->metadata_changed)
                jw_str(&w, "metadata");
            if (x->description_changed)
                jw_str(&w, "description");
            jw_arr_end(&w);
            jw_key(&w, "data_fields");
            jw_arr(&w);
            for (size_t k = 0; k < fl.n; k++)
                jw_str(&w, fl.items[k]);
            jw_arr_end(&w);
            jw_obj_end(&w);
            cli_strlist_free(&fl);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        if (nops == 0)
            puts("no operations: the node changes nothing");
        for (size_t i = 0; i < nops; i++) {
            printf("%-7s ", gt_op_name(ops[i].op));
            cli_put_gstr(stdout, ops[i].workload->name);
            printf("  %s\n", ops[i].id[0] ? ops[i].id : "(no id: invalid name)");
        }
        for (size_t i = 0; i < nwarns; i++) {
            const gt_upgrade_warning *x = &warns[i];
            cli_strlist fl = {0};
            if (x->data_changed)
                cli_upgrade_changed_fields(&diff, x, &fl);
            join_fields(&fl, fields, sizeof fields);
            cli_strlist_free(&fl);
            changed_list(x, fields, changed, sizeof changed);
            printf("warning: workloads[%zu] '", x->index);
            cli_put_gstr(stdout, x->workload->name);
            printf("' changed its %s, but the node ignores it: the workload's version is %u (was %u), not the "
                   "deployment's new version %u; set its version to %u to apply the change\n",
                   changed, x->new_version, x->old_version, x->deployment_version, x->deployment_version);
        }
    }
    cli_upgrade_diff_free(&diff);
    rc = CLI_OK;
out:
    free(warns);
    free(ops);
    gt_deployment_free(cur);
    gt_deployment_free(next);
    cli_input_free(&oin);
    cli_input_free(&nin);
    return rc;
}
