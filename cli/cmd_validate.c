/* gridtypes validate FILE: decode and validate; `ok`, or every problem with its place. */
#include "batch.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: gridtypes validate [--json] [--max-size N] [--ndjson] [-j N] FILE|-|FOLDER...\n"
    "\n"
    "Decodes the deployment as a node does and validates it (Deployment.Valid).\n"
    "Prints 'ok', or each problem with its JSON path, file:line:column and byte offset;\n"
    "the node stops at the first problem, marked '(the node reports this one)'.\n"
    "At most the first 100 problems are listed, then how many more there are.\n"
    "\n" CLI_BATCH_HELP "\n"
    "Exit status: 0 valid, 1 invalid or undecodable, 2 usage or I/O error.\n";

static void print_problem(const cli_input *in, const cli_problem *p)
{
    cli_loc loc;
    cli_error_loc(in, &p->err, &loc);
    char where[512];
    cli_format_where(in, &loc, where, sizeof where);
    printf("  %s: ", where);
    if (p->err.path[0])
        printf("%s: ", p->err.path);
    cli_put_error(stdout, &p->err);
    if (loc.known)
        printf(" (byte %zu)", loc.offset);
    const char *hint = cli_error_hint(in, &loc);
    if (hint)
        printf("; %s", hint);
    if (p->node_reports)
        printf(" (the node reports this one)");
    putchar('\n');
}

static void json_problem(jw *w, const cli_input *in, const gt_deployment *d, const cli_problem *p)
{
    cli_loc loc;
    cli_error_loc(in, &p->err, &loc);
    jw_obj(w);
    jw_key(w, "workload");
    if (d && p->workload < d->workloads.len) {
        jw_u64(w, p->workload);
        jw_key(w, "name");
        jw_gstr(w, d->workloads.items[p->workload].name);
    } else {
        jw_null(w);
    }
    jw_key(w, "node_reports");
    jw_bool(w, p->node_reports);
    jw_key(w, "error");
    jw_error(w, &p->err, &loc);
    jw_obj_end(w);
}

/* Decodes and validates one input: the first CLI_PROBLEMS_MAX problems into *probs
 * (malloc'd, free it), their count returned, all of them counted in *total; d is left NULL
 * when the input does not decode. */
static size_t collect(const cli_ctx *ctx, const cli_input *in, gt_deployment **d, cli_problem **probs,
                      size_t *total, bool *decoded, bool *oom)
{
    gt_error e;
    size_t nprobs = 0;
    *probs = NULL;
    *oom = false;
    *total = 0;
    *decoded = cli_decode(ctx, in->data, in->len, d, &e) == GT_OK;
    if (!*decoded) {
        /* undecodable input is one problem, in the same list format */
        if (e.code == GT_ENOMEM || !(*probs = malloc(sizeof **probs))) {
            *oom = true;
            return 0;
        }
        (*probs)[0] = (cli_problem){SIZE_MAX, true, e};
        *total = 1;
        return 1;
    }
    cli_collect_problems(*d, CLI_PROBLEMS_MAX, probs, &nprobs, total);
    return nprobs;
}

/* {"ok", "error" (the problem the node reports), "decoded", "problems", "problem_count"} */
static int validate_members(const cli_ctx *ctx, void *arg, const cli_input *in, jw *w)
{
    (void)arg;
    gt_deployment *d;
    cli_problem *probs;
    bool decoded, oom;
    size_t total, nprobs = collect(ctx, in, &d, &probs, &total, &decoded, &oom);
    if (oom) {
        jw_failure_members(w, "memory", "out of memory");
        return CLI_USAGE;
    }
    jw_key(w, "ok");
    jw_bool(w, nprobs == 0);
    for (size_t i = 0; i < nprobs; i++) {
        if (probs[i].node_reports) {
            cli_loc loc;
            cli_error_loc(in, &probs[i].err, &loc);
            jw_key(w, "error");
            jw_error(w, &probs[i].err, &loc);
            break;
        }
    }
    jw_key(w, "decoded");
    jw_bool(w, decoded);
    jw_key(w, "problems");
    jw_arr(w);
    for (size_t i = 0; i < nprobs; i++)
        json_problem(w, in, d, &probs[i]);
    jw_arr_end(w);
    jw_key(w, "problem_count"); /* all of them; at most CLI_PROBLEMS_MAX are listed */
    jw_u64(w, total);
    free(probs);
    gt_deployment_free(d);
    return nprobs ? CLI_REFUSED : CLI_OK;
}

int cmd_validate(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "validate", .usage = usage};
    cli_batch_opts bo = {0};
    const cli_opt opts[] = {CLI_BATCH_OPTS(&bo), {NULL, NULL, NULL}};
    const char **pos;
    size_t npos;
    int rc = cli_batch_args(&ctx, argc, argv, opts, &bo, &pos, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    if (bo.batch) {
        rc = cli_batch_run(&ctx, pos, npos, &bo, validate_members, NULL);
        free(pos);
        return rc;
    }
    cli_input in;
    rc = cli_read_input(&ctx, pos[0], &in);
    free(pos);
    if (rc != CLI_OK)
        return rc;
    if (ctx.json) {
        rc = cli_print_members(&ctx, validate_members, NULL, &in);
        cli_input_free(&in);
        return rc;
    }
    gt_deployment *d;
    cli_problem *probs;
    bool decoded, oom;
    size_t total, nprobs = collect(&ctx, &in, &d, &probs, &total, &decoded, &oom);
    if (oom) {
        fprintf(stderr, "gridtypes validate: out of memory\n");
        cli_input_free(&in);
        return CLI_USAGE;
    }
    if (nprobs == 0) {
        puts("ok");
    } else {
        printf("%s: %s, %zu problem%s\n", in.name, decoded ? "invalid" : "cannot decode", total,
               total == 1 ? "" : "s");
        for (size_t i = 0; i < nprobs; i++)
            print_problem(&in, &probs[i]);
        if (total > nprobs)
            printf("  and %zu more (the first %d are shown)\n", total - nprobs, CLI_PROBLEMS_MAX);
    }
    free(probs);
    gt_deployment_free(d);
    cli_input_free(&in);
    return nprobs ? CLI_REFUSED : CLI_OK;
}
