/* gridtypes hash --expect HASH: prints what gt_divergence_search (the library's engine)
 * finds: which known divergences of other implementations give the hash they computed. */
#include "cli.h"

#include <string.h>

static void print_json(const gt_divergence_result *r)
{
    jw w;
    jw_init(&w, stdout);
    jw_obj(&w);
    jw_key(&w, "ok");
    jw_bool(&w, r->equal);
    if (!r->equal) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s is not the node's hash (%s)", r->theirs, r->ours);
        jw_key(&w, "error");
        gt_error de;
        gt_error_set(&de, GT_EVALUE, "%s", msg);
        jw_error(&w, &de, NULL);
    }
    jw_key(&w, "equal");
    jw_bool(&w, r->equal);
    jw_key(&w, "ours");
    jw_str(&w, r->ours);
    jw_key(&w, "theirs");
    jw_str(&w, r->theirs);
    jw_key(&w, "applicable");
    jw_u64(&w, r->applicable);
    jw_key(&w, "tried");
    jw_u64(&w, r->tried);
    jw_key(&w, "matches");
    jw_arr(&w);
    for (size_t i = 0; i < r->nmatches; i++) {
        const gt_divergence_match *m = &r->matches[i];
        jw_obj(&w);
        jw_key(&w, "field");
        jw_str(&w, m->field[0] ? m->field : NULL);
        jw_key(&w, "divergences");
        jw_arr(&w);
        for (size_t k = 0; k < m->nentries; k++) {
            const gt_divergence *dv = gt_divergence_get(m->entries[k]);
            jw_obj(&w);
            jw_key(&w, "name");
            jw_str(&w, dv->name);
            jw_key(&w, "kind");
            jw_str(&w, gt_divergence_kind_name(dv->kind));
            jw_key(&w, "rule");
            jw_str(&w, dv->rule);
            jw_key(&w, "versions");
            jw_str(&w, dv->versions);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    jw_end(&w);
}

static void print_text(const gt_divergence_result *r)
{
    if (r->equal) {
        printf("equal: %s is the node's hash\n", r->theirs);
        return;
    }
    printf("%s is not the node's hash (%s)\n", r->theirs, r->ours);
    if (!r->nmatches) {
        printf("  no known divergence gives it: %zu candidate texts tried (the %zu catalogue entries that change "
               "this deployment's challenge, alone, in pairs and as whole client profiles)\n",
               r->tried, r->applicable);
        printf("  with their challenge text, 'gridtypes hash --compare THEIRS' shows where it differs\n");
        return;
    }
    for (size_t i = 0; i < r->nmatches; i++) {
        const gt_divergence_match *m = &r->matches[i];
        printf("%s%s:\n", i ? "or " : "it is what an implementation computes with ",
               m->nentries == 1 ? "this divergence" : "these divergences together");
        for (size_t k = 0; k < m->nentries; k++) {
            const gt_divergence *dv = gt_divergence_get(m->entries[k]);
            printf("  %s: %s%s%s\n", dv->name, dv->rule, m->field[0] && dv->per_field ? ", on " : "",
                   m->field[0] && dv->per_field ? m->field : "");
            printf("    seen in: %s\n", dv->versions);
        }
    }
}

int cli_expect(const cli_ctx *ctx, const cli_input *in, const gt_deployment *d, const char *hash)
{
    gt_divergence_result *r;
    gt_error e;
    int rc = gt_divergence_search(d, hash, strlen(hash), &r, &e);
    if (rc == GT_EVALUE)
        return cli_usage_error(ctx, "--expect %s: %s", hash, e.message);
    if (rc == GT_ENOMEM) {
        fprintf(stderr, "gridtypes %s: out of memory\n", ctx->cmd);
        return CLI_USAGE;
    }
    if (rc != GT_OK)
        return cli_refuse(ctx, in, "cannot compute the challenge", &e);
    if (ctx->json)
        print_json(r);
    else
        print_text(r);
    bool equal = r->equal;
    gt_divergence_result_free(r);
    return equal ? CLI_OK : CLI_REFUSED;
}
