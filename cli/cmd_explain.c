/* gridtypes explain FILE: the deployment as a person would want it described: who owns
 * it, who must sign, each workload with its key fields, capacity and state, what refers to
 * what, and every validation problem next to the workload it concerns. */
#include "batch.h"
#include "core/sig_index.h"
#include "explain.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: gridtypes explain [--json] [--max-size N] FILE|-\n"
    "       gridtypes explain --json [--max-size N] [--ndjson] [-j N] FILE|-|FOLDER...\n"
    "\n"
    "Prints a readable tree of the deployment: its twin, contract, version and hash, the\n"
    "signature requests, then each workload with its type, key fields, capacity and state,\n"
    "and its references: zmachine -> network, mounts and public ip; zlogs -> zmachine;\n"
    "gateway -> backends and network. A reference to a workload that is missing or of the\n"
    "wrong type is marked '!'; so is each validation problem, under its workload.\n"
    "\n"
    "--json gives the deployment with its JSON field names and exact numbers, each\n"
    "workload's data as the node decoded it, the references, capacities and problems.\n"
    "\n" CLI_BATCH_HELP "\n"
    "Exit status: 0 valid, 1 invalid or undecodable (the tree is printed all the same),\n"
    "2 usage or I/O error.\n";

/* What the tree is printed from: the deployment, its problems and its indexes. */
typedef struct tree {
    const cli_input *in;
    const gt_deployment *d;
    cli_problem *probs;
    size_t nprobs;   /* kept (at most CLI_PROBLEMS_MAX) */
    size_t total;    /* found */
    gt_name_index names; /* workloads by name (the first of a name, like Get), for references */
    gt_sig_index sigs;   /* signatures by twin */
} tree;

static void tree_init(tree *t, const cli_input *in, const gt_deployment *d)
{
    memset(t, 0, sizeof *t);
    t->in = in;
    t->d = d;
    cli_collect_problems(d, CLI_PROBLEMS_MAX, &t->probs, &t->nprobs, &t->total);
    /* without memory for them, the indexes answer by scanning */
    (void)gt_name_index_init(&t->names, d->workloads.items, d->workloads.len, false);
    (void)gt_sig_index_init(&t->sigs, &d->signature_requirement);
}

static void tree_free(tree *t)
{
    gt_name_index_free(&t->names);
    gt_sig_index_free(&t->sigs);
    free(t->probs);
}

static bool signed_by(const tree *t, uint32_t twin, gt_str *type)
{
    const gt_signature *s = gt_sig_index_first(&t->sigs, twin);
    if (s)
        *type = s->signature_type;
    return s != NULL;
}

static void print_state(const gt_workload *wl)
{
    printf("    state: ");
    if (wl->result.state.len == 0) {
        printf("none (not deployed yet)\n");
        return;
    }
    cli_put_gstr(stdout, wl->result.state);
    if (wl->result.message.len) {
        printf(": ");
        cli_put_gstr(stdout, wl->result.message);
    }
    putchar('\n');
}

static void print_ref(const gt_deployment *d, const ex_ref *r)
{
    if (r->external) {
        printf("    -> %s %s\n", r->kind, r->target);
        return;
    }
    bool bad = r->index == SIZE_MAX ? !r->may_be_elsewhere : !r->type_ok;
    printf("  %s -> %s '%s'", bad ? "!" : " ", r->kind, r->target);
    if (r->detail[0])
        printf(" (%s)", r->detail);
    if (r->index == SIZE_MAX) {
        printf(r->may_be_elsewhere ? ": not in this deployment (it may be in another deployment of the twin)\n"
                                   : ": no such workload in this deployment\n");
        return;
    }
    const gt_workload *o = &d->workloads.items[r->index];
    printf(" = workloads[%zu] (", r->index);
    cli_put_gstr(stdout, o->type);
    if (r->type_ok)
        printf(")\n");
    else
        printf("), expected %s\n", r->want);
}

static void print_problem(const cli_input *in, const cli_problem *p)
{
    cli_loc loc;
    cli_error_loc(in, &p->err, &loc);
    char where[512];
    cli_format_where(in, &loc, where, sizeof where);
    printf("  ! problem: %s%s", p->err.path, p->err.path[0] ? ": " : "");
    cli_put_error(stdout, &p->err);
    printf(" (%s%s)\n", where, p->node_reports ? "; the node reports this one" : "");
}

static void text_tree(const tree *t)
{
    const cli_input *in = t->in;
    const gt_deployment *d = t->d;
    const cli_problem *probs = t->probs;
    size_t nprobs = t->nprobs;
    char hex[GT_HASH_HEX_SIZE], buf[256];
    gt_error e;
    printf("deployment of twin %u, contract %llu, version %u\n", d->twin_id, (unsigned long long)d->contract_id,
           d->version);
    if (gt_deployment_challenge_hash_hex(d, hex, &e) == GT_OK)
        printf("  hash: %s\n", hex);
    else
        printf("  hash: cannot be computed: %s\n", e.message);
    if (d->description.len) {
        printf("  description: ");
        cli_put_gstr(stdout, d->description);
        putchar('\n');
    }
    if (d->metadata.len) {
        printf("  metadata: ");
        cli_put_gstr(stdout, d->metadata);
        putchar('\n');
    }
    if (d->expiration)
        printf("  expiration: %lld\n", (long long)d->expiration);
    const gt_signature_requirement *sr = &d->signature_requirement;
    printf("  signatures: %u given, %u requested, weight required %llu, style ", sr->signatures.len,
           sr->requests.len, (unsigned long long)sr->weight_required);
    cli_put_gstr(stdout, sr->signature_style.len ? sr->signature_style : (gt_str){"default", 7});
    putchar('\n');
    for (uint32_t i = 0; i < sr->requests.len; i++) {
        const gt_signature_request *rq = &sr->requests.items[i];
        gt_str type = {"", 0};
        bool sig = signed_by(t, rq->twin_id, &type);
        printf("    twin %u, weight %llu%s: ", rq->twin_id, (unsigned long long)rq->weight,
               rq->twin_id == d->twin_id ? ", required (the deployment's twin)" : rq->required ? ", required" : "");
        if (sig) {
            printf("signed (");
            cli_put_gstr(stdout, type.len ? type : (gt_str){"ed25519 by default", 18});
            printf(")\n");
        } else {
            printf("not signed\n");
        }
    }
    for (size_t k = 0; k < nprobs; k++)
        if (probs[k].workload == SIZE_MAX)
            print_problem(in, &probs[k]);

    gt_capacity total = {0};
    unsigned wrapped = 0;
    printf("workloads: %u\n", d->workloads.len);
    for (size_t i = 0; i < d->workloads.len; i++) {
        const gt_workload *wl = &d->workloads.items[i];
        ex_workload ex;
        ex_describe(d, &t->names, i, &ex);
        printf("[%zu] ", i);
        cli_put_gstr(stdout, wl->name);
        printf(": ");
        cli_put_gstr(stdout, wl->type);
        printf(", version %u\n", wl->version);
        if (wl->description.len) {
            printf("    description: ");
            cli_put_gstr(stdout, wl->description);
            putchar('\n');
        }
        for (size_t f = 0; f < ex.nfields; f++)
            printf("    %s: %s\n", ex.fields[f].key, ex.fields[f].value);
        for (size_t r = 0; r < ex.nrefs; r++)
            print_ref(d, &ex.refs[r]);
        if (ex.refs_cut)
            printf("    (more references not shown)\n");
        gt_capacity cap;
        if (gt_workload_capacity(d, i, &cap, &e) == GT_OK) {
            cli_fmt_capacity(&cap, buf, sizeof buf);
            printf("    capacity: %s\n", buf);
            wrapped |= cli_capacity_add(&total, &cap);
        } else {
            printf("    capacity: cannot be computed\n");
        }
        print_state(wl);
        for (size_t k = 0; k < nprobs; k++)
            if (probs[k].workload == i)
                print_problem(in, &probs[k]);
    }
    cli_fmt_capacity(&total, buf, sizeof buf);
    printf("total capacity: %s\n", buf);
    if (t->total > nprobs)
        printf("and %zu more problem%s (the first %d are shown)\n", t->total - nprobs, t->total - nprobs == 1 ? "" : "s",
               CLI_PROBLEMS_MAX);
    printf("valid: %s\n", nprobs ? "no" : "yes");
    cli_warn_overflow("explain", wrapped);
}

static void json_problems(jw *w, const cli_input *in, const cli_problem *probs, size_t nprobs, size_t workload)
{
    jw_arr(w);
    for (size_t k = 0; k < nprobs; k++) {
        if (probs[k].workload != workload)
            continue;
        cli_loc loc;
        cli_error_loc(in, &probs[k].err, &loc);
        jw_obj(w);
        jw_key(w, "node_reports");
        jw_bool(w, probs[k].node_reports);
        jw_key(w, "error");
        jw_error(w, &probs[k].err, &loc);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

/* The workload's data as the node decoded it, written back with its JSON field names
 * and exact numbers; or null and "data_error". */
static void json_data(jw *w, const cli_input *in, const gt_deployment *d, size_t i)
{
    const void *data;
    const gt_workload_type *t;
    gt_error e;
    char *enc = NULL;
    size_t len = 0;
    jw_key(w, "data");
    if (gt_workload_data(d, i, &data, &t, &e) == GT_OK && gt_workload_type_encode(t, data, &enc, &len) == GT_OK) {
        jw_raw(w, enc, len);
        free(enc);
        return;
    }
    jw_null(w);
    if (e.code == GT_OK) /* decoded, but could not be written back */
        gt_error_set(&e, GT_ENOMEM, "out of memory");
    cli_loc loc;
    cli_error_loc(in, &e, &loc);
    jw_key(w, "data_error");
    jw_error(w, &e, &loc);
}

static void json_workload(jw *w, const tree *t, size_t i, gt_capacity *total, unsigned *wrapped)
{
    const cli_input *in = t->in;
    const gt_deployment *d = t->d;
    const cli_problem *probs = t->probs;
    size_t nprobs = t->nprobs;
    const gt_workload *wl = &d->workloads.items[i];
    ex_workload ex;
    ex_describe(d, &t->names, i, &ex);
    jw_obj(w);
    jw_key(w, "index");
    jw_u64(w, i);
    jw_key(w, "version");
    jw_u64(w, wl->version);
    jw_key(w, "name");
    jw_gstr(w, wl->name);
    jw_key(w, "type");
    jw_gstr(w, wl->type);
    jw_key(w, "metadata");
    jw_gstr(w, wl->metadata);
    jw_key(w, "description");
    jw_gstr(w, wl->description);
    jw_key(w, "result");
    jw_obj(w);
    jw_key(w, "created");
    jw_i64(w, wl->result.created);
    jw_key(w, "state");
    jw_gstr(w, wl->result.state);
    jw_key(w, "message");
    jw_gstr(w, wl->result.message);
    jw_obj_end(w);
    json_data(w, in, d, i);
    jw_key(w, "refs");
    jw_arr(w);
    for (size_t r = 0; r < ex.nrefs; r++) {
        const ex_ref *rf = &ex.refs[r];
        jw_obj(w);
        jw_key(w, "kind");
        jw_str(w, rf->kind);
        jw_key(w, "target");
        jw_str(w, rf->target);
        if (!rf->external) {
            jw_key(w, "index");
            if (rf->index == SIZE_MAX)
                jw_null(w);
            else
                jw_u64(w, rf->index);
            jw_key(w, "expected");
            jw_arr(w);
            for (const char *const *ty = rf->want_list; ty && *ty; ty++)
                jw_str(w, *ty);
            jw_arr_end(w);
            jw_key(w, "type_ok");
            jw_bool(w, rf->type_ok);
            jw_key(w, "may_be_elsewhere");
            jw_bool(w, rf->may_be_elsewhere);
        }
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "refs_cut");
    jw_bool(w, ex.refs_cut);
    gt_capacity cap;
    gt_error e;
    if (gt_workload_capacity(d, i, &cap, &e) == GT_OK) {
        jw_key(w, "capacity");
        jw_capacity(w, &cap);
        *wrapped |= cli_capacity_add(total, &cap);
    } else {
        cli_loc loc;
        cli_error_loc(in, &e, &loc);
        jw_key(w, "capacity_error");
        jw_error(w, &e, &loc);
    }
    jw_key(w, "problems");
    json_problems(w, in, probs, nprobs, i);
    jw_obj_end(w);
}

/* The members of the explanation of a decoded deployment. */
static void json_tree(jw *w, const tree *t)
{
    const cli_input *in = t->in;
    const gt_deployment *d = t->d;
    const cli_problem *probs = t->probs;
    size_t nprobs = t->nprobs;
    char hex[GT_HASH_HEX_SIZE];
    gt_error e;
    jw_key(w, "ok");
    jw_bool(w, nprobs == 0);
    for (size_t k = 0; k < nprobs; k++) {
        if (probs[k].node_reports) {
            cli_loc loc;
            cli_error_loc(in, &probs[k].err, &loc);
            jw_key(w, "error");
            jw_error(w, &probs[k].err, &loc);
            break;
        }
    }
    jw_key(w, "version");
    jw_u64(w, d->version);
    jw_key(w, "twin_id");
    jw_u64(w, d->twin_id);
    jw_key(w, "contract_id");
    jw_u64(w, d->contract_id);
    jw_key(w, "metadata");
    jw_gstr(w, d->metadata);
    jw_key(w, "description");
    jw_gstr(w, d->description);
    jw_key(w, "expiration");
    jw_i64(w, d->expiration);
    jw_key(w, "hash");
    if (gt_deployment_challenge_hash_hex(d, hex, &e) == GT_OK)
        jw_str(w, hex);
    else
        jw_null(w);
    const gt_signature_requirement *sr = &d->signature_requirement;
    jw_key(w, "signature_requirement");
    jw_obj(w);
    jw_key(w, "requests");
    jw_arr(w);
    for (uint32_t i = 0; i < sr->requests.len; i++) {
        const gt_signature_request *rq = &sr->requests.items[i];
        gt_str type = {"", 0};
        jw_obj(w);
        jw_key(w, "twin_id");
        jw_u64(w, rq->twin_id);
        jw_key(w, "required");
        jw_bool(w, rq->required);
        jw_key(w, "weight");
        jw_u64(w, rq->weight);
        jw_key(w, "must_sign"); /* the node requires the deployment's own twin too */
        jw_bool(w, rq->required || rq->twin_id == d->twin_id);
        jw_key(w, "signed");
        jw_bool(w, signed_by(t, rq->twin_id, &type));
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "weight_required");
    jw_u64(w, sr->weight_required);
    jw_key(w, "signatures");
    jw_arr(w);
    for (uint32_t i = 0; i < sr->signatures.len; i++) {
        jw_obj(w);
        jw_key(w, "twin_id");
        jw_u64(w, sr->signatures.items[i].twin_id);
        jw_key(w, "signature_type");
        jw_gstr(w, sr->signatures.items[i].signature_type);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "signature_style");
    jw_gstr(w, sr->signature_style);
    jw_obj_end(w);
    jw_key(w, "problems");
    json_problems(w, in, probs, nprobs, SIZE_MAX);
    jw_key(w, "problem_count"); /* all of them; at most CLI_PROBLEMS_MAX are listed */
    jw_u64(w, t->total);
    gt_capacity total = {0};
    unsigned wrapped = 0;
    jw_key(w, "workloads");
    jw_arr(w);
    for (size_t i = 0; i < d->workloads.len; i++)
        json_workload(w, t, i, &total, &wrapped);
    jw_arr_end(w);
    jw_key(w, "total_capacity");
    jw_capacity(w, &total);
    jw_key(w, "overflow");
    jw_overflow(w, wrapped);
}

static int explain_members(const cli_ctx *ctx, void *arg, const cli_input *in, jw *w)
{
    (void)arg;
    gt_deployment *d;
    int rc = cli_decode_members(ctx, in, w, &d);
    if (rc != CLI_OK)
        return rc;
    tree t;
    tree_init(&t, in, d);
    json_tree(w, &t);
    rc = t.nprobs ? CLI_REFUSED : CLI_OK;
    tree_free(&t);
    gt_deployment_free(d);
    return rc;
}

int cmd_explain(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "explain", .usage = usage};
    cli_batch_opts bo = {0};
    const cli_opt opts[] = {CLI_BATCH_OPTS(&bo), {NULL, NULL, NULL}};
    const char **pos;
    size_t npos;
    int rc = cli_batch_args(&ctx, argc, argv, opts, &bo, &pos, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    if (bo.batch) {
        rc = ctx.json ? cli_batch_run(&ctx, pos, npos, &bo, explain_members, NULL)
                      : cli_usage_error(&ctx, "several inputs are explained with --json only (one JSON line each)");
        free(pos);
        return rc;
    }
    cli_input in;
    rc = cli_read_input(&ctx, pos[0], &in);
    free(pos);
    if (rc != CLI_OK)
        return rc;
    if (ctx.json) {
        rc = cli_print_members(&ctx, explain_members, NULL, &in);
        cli_input_free(&in);
        return rc;
    }
    gt_deployment *d;
    if ((rc = cli_parse_deployment(&ctx, &in, &d)) != CLI_OK) {
        cli_input_free(&in);
        return rc;
    }
    tree t;
    tree_init(&t, &in, d);
    text_tree(&t);
    rc = t.nprobs ? CLI_REFUSED : CLI_OK;
    tree_free(&t);
    gt_deployment_free(d);
    cli_input_free(&in);
    return rc;
}
