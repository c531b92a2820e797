/* gridtypes validate FILE: decode and validate; `ok`, or every problem with its place. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: gridtypes validate [--json] [--max-size N] FILE|-\n"
    "\n"
    "Decodes the deployment as a node does and validates it (Deployment.Valid).\n"
    "Prints 'ok', or each problem with its JSON path, file:line:column and byte offset;\n"
    "the node stops at the first problem, marked '(the node reports this one)'.\n"
    "At most the first 100 problems are listed, then how many more there are.\n"
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

int cmd_validate(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "validate", .usage = usage};
    const char *pos[1];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, NULL, pos, 1, 1, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    cli_input in;
    if ((rc = cli_read_input(&ctx, pos[0], &in)) != CLI_OK)
        return rc;

    gt_deployment *d = NULL;
    gt_error e;
    gt_parse_options opts = cli_parse_options(&ctx);
    cli_problem *probs = NULL;
    size_t nprobs = 0, total = 0;
    bool decoded = gt_deployment_parse_ex(in.data, in.len, &opts, &d, &e) == GT_OK;
    if (!decoded) {
        cli_limit_hint(&e);
        /* undecodable input is one problem, in the same list format */
        probs = malloc(sizeof *probs);
        if (!probs) {
            cli_input_free(&in);
            return CLI_USAGE;
        }
        probs[0] = (cli_problem){SIZE_MAX, true, e};
        nprobs = total = 1;
    } else {
        cli_collect_problems(d, CLI_PROBLEMS_MAX, &probs, &nprobs, &total);
    }

    if (ctx.json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, nprobs == 0);
        jw_key(&w, "decoded");
        jw_bool(&w, decoded);
        jw_key(&w, "problems");
        jw_arr(&w);
        for (size_t i = 0; i < nprobs; i++)
            json_problem(&w, &in, d, &probs[i]);
        jw_arr_end(&w);
        jw_key(&w, "problem_count"); /* all of them; at most CLI_PROBLEMS_MAX are listed */
        jw_u64(&w, total);
        jw_obj_end(&w);
        jw_end(&w);
    } else if (nprobs == 0) {
        puts("ok");
    } else {
        printf("%s: %s, %zu problem%s\n", in.name, decoded ? "invalid" : "cannot decode", total,
               total == 1 ? "" : "s");
        for (size_t i = 0; i < nprobs; i++)
            print_problem(&in, &probs[i]);
        if (total > nprobs)
            printf("  and %zu more (the first %d are shown)\n", total - nprobs, CLI_PROBLEMS_MAX);
    }
    rc = nprobs ? CLI_REFUSED : CLI_OK;
    free(probs);
    gt_deployment_free(d);
    cli_input_free(&in);
    return rc;
}
