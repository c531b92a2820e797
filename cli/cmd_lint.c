/* gridtypes lint FILE: what the node accepts but other clients will hash differently, and
 * what the node refuses outside Valid() — the library's gt_lint, with file:line:col. */
#include "cli.h"

static const char usage[] =
    "usage: gridtypes lint [--json] [--max-size N] FILE|-\n"
    "\n"
    "Lists what the node accepts but other clients will hash differently: values not in\n"
    "the node's canonical form (IPs and CIDRs, hex case, integers above 2^53), keys that\n"
    "match only by case or are repeated, null or absent fields the node hashes as zero\n"
    "values; and what the node refuses outside Valid(): the deployment's twin missing from\n"
    "the signature requests, weight_required above the sum of the weights, a VM naming a\n"
    "missing workload or one of the wrong type, an interface IP outside its network's\n"
    "subnet. Each finding has a code, the JSON path and position, and a one-line fix.\n"
    "\n"
    "Exit status: 0 nothing found, 1 findings (or the input is refused), 2 usage or I/O\n"
    "error.\n";

int cmd_lint(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "lint", .usage = usage};
    const char *pos[1];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, NULL, pos, 1, 1, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    cli_input in;
    gt_deployment *d;
    if ((rc = cli_open_deployment(&ctx, pos[0], &in, &d)) != CLI_OK)
        return rc;
    gt_lint_result *r;
    gt_error e;
    if (gt_lint(d, &r, &e) != GT_OK) {
        rc = cli_refuse(&ctx, &in, "cannot lint", &e);
        goto out;
    }
    jw w;
    if (ctx.json) {
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, r->n == 0);
        if (r->n) {
            /* the refusal's error: the first finding, where it is */
            const gt_lint_finding *f = &r->findings[0];
            gt_error fe;
            gt_error_set(&fe, GT_EVALUE, "%zu finding%s; the first: %s: %s", r->n + r->more,
                         r->n + r->more == 1 ? "" : "s", f->code, f->message);
            gt_error_at(&fe, f->offset, f->path);
            cli_loc floc;
            cli_error_loc(&in, &fe, &floc);
            jw_key(&w, "error");
            jw_error(&w, &fe, &floc);
        }
        jw_key(&w, "findings");
        jw_arr(&w);
    }
    for (size_t i = 0; i < r->n; i++) {
        const gt_lint_finding *f = &r->findings[i];
        gt_error at;
        gt_error_clear(&at);
        gt_error_at(&at, f->offset, f->path);
        cli_loc loc;
        cli_error_loc(&in, &at, &loc);
        if (ctx.json) {
            jw_obj(&w);
            jw_key(&w, "code");
            jw_str(&w, f->code);
            jw_key(&w, "path");
            jw_str(&w, f->path);
            jw_where(&w, &loc);
            jw_key(&w, "message");
            jw_str(&w, f->message);
            jw_key(&w, "fix");
            jw_str(&w, f->fix);
            jw_obj_end(&w);
        } else {
            char where[512];
            cli_format_where(&in, &loc, where, sizeof where);
            printf("%s: %s: %s: %s\n  fix: %s\n", where, f->code, f->path, f->message, f->fix);
        }
    }
    if (ctx.json) {
        jw_arr_end(&w);
        jw_key(&w, "more");
        jw_u64(&w, r->more);
        jw_obj_end(&w);
        jw_end(&w);
    } else if (r->more) {
        printf("%zu findings, and %zu more not listed\n", r->n, r->more);
    } else if (r->n) {
        printf("%zu finding%s\n", r->n, r->n == 1 ? "" : "s");
    } else {
        printf("ok: nothing to report\n");
    }
    rc = r->n ? CLI_REFUSED : CLI_OK;
    gt_lint_result_free(r);
out:
    gt_deployment_free(d);
    cli_input_free(&in);
    return rc;
}
