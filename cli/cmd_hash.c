/* gridtypes hash FILE: the ChallengeHash a contract carries, the challenge itself
 * (--challenge), the challenge cut into the fields that wrote it (--annotate), or the
 * first difference with another implementation's challenge (--compare, compare.c).
 *
 * Like the node, an invalid deployment is hashed too: the node computes the hash before
 * it validates, so a user comparing with a contract wants the hash whatever else is
 * wrong. Only input that cannot be decoded or challenged is refused. */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"

#include <stdlib.h>
#include <unistd.h>
#include <string.h>

static const char usage[] =
    "usage: gridtypes hash [--challenge | --annotate | --compare THEIRS [--all] |\n"
    "                       --compare-hex THEIRS [--all] | --expect HASH]\n"
    "                      [--json] [--max-size N] FILE|-\n"
    "       gridtypes hash [--json] [--max-size N] [--ndjson] [-j N] FILE|-|FOLDER...\n"
    "\n"
    "Prints the challenge hash (MD5 of Deployment.Challenge, 32 hex digits) that the\n"
    "deployment's contract must carry. An invalid deployment is hashed anyway, with a\n"
    "warning on standard error.\n"
    "\n"
    "  --challenge         print the challenge text instead (its exact bytes, so that\n"
    "                      'gridtypes hash --challenge F | md5sum' gives the hash)\n"
    "  --annotate          print the challenge cut into fragments: one line per fragment,\n"
    "                      the JSON path of the field, a tab, the fragment with \\\\, \\t, \\n\n"
    "                      and bytes that are not printable ASCII written as \\xHH;\n"
    "                      with --json {\"ok\", \"hash\", \"fragments\": [{\"path\",\n"
    "                      \"offset\", \"text\", \"hex\"}]}\n"
    "  --compare THEIRS    compare with another implementation's challenge (raw bytes in\n"
    "                      the file THEIRS): 'equal', or the first difference, the field it\n"
    "                      belongs to and the likely cause; exit 1 when they differ. A THEIRS\n"
    "                      that is a hash (32 hex digits) or a deployment's JSON is said so\n"
    "                      and compared as such\n"
    "  --compare-hex THEIRS  the same, THEIRS holding the challenge in hex\n"
    "  --all               with --compare: list every difference, not only the first\n"
    "  --expect HASH       given only the hash another implementation computed, name the\n"
    "                      known divergences that give it (docs/DIVERGENCES.md): each alone,\n"
    "                      in pairs, and whole client profiles; exit 1 when it differs\n"
    "  --json              machine-readable output\n"
    "\n" CLI_BATCH_HELP
    "The options of the first form take one input.\n"
    "\n"
    "Exit status: 0 ok (or equal), 1 refused (or different), 2 usage or I/O error.\n";

/* The validation warning: the hash is printed, but the user should know the node will
 * refuse the deployment anyway. */
static void warn_invalid(const cli_ctx *ctx, const cli_input *in, const gt_deployment *d)
{
    gt_error e;
    if (gt_deployment_valid(d, &e) == GT_OK)
        return;
    cli_loc loc;
    cli_error_loc(in, &e, &loc);
    char where[512];
    cli_format_where(in, &loc, where, sizeof where);
    fprintf(stderr, "gridtypes %s: warning: %s: the deployment is invalid (%s%s%s); a node would refuse it\n", ctx->cmd,
            where, e.path, e.path[0] ? ": " : "", e.message);
}

static int print_annotated(const cli_ctx *ctx, const gt_deployment *d, const gt_challenge_map *m)
{
    if (ctx->json) {
        char hex[GT_HASH_HEX_SIZE];
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, true);
        jw_key(&w, "hash");
        if (gt_deployment_challenge_hash_hex(d, hex, NULL) == GT_OK)
            jw_str(&w, hex);
        else
            jw_null(&w);
        jw_key(&w, "fragments");
        jw_arr(&w);
        for (size_t i = 0; i < m->nfrags; i++) {
            const gt_challenge_fragment *f = &m->frags[i];
            jw_obj(&w);
            jw_key(&w, "path");
            jw_str(&w, f->path);
            jw_key(&w, "offset");
            jw_u64(&w, f->start);
            jw_key(&w, "text");
            jw_strn(&w, (const char *)m->bytes + f->start, f->len);
            jw_key(&w, "hex");
            jw_hex(&w, m->bytes + f->start, f->len);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
        jw_end(&w);
        return CLI_OK;
    }
    for (size_t i = 0; i < m->nfrags; i++) {
        fputs(m->frags[i].path, stdout);
        putchar('\t');
        cli_write_escaped(stdout, m->bytes + m->frags[i].start, m->frags[i].len);
        putchar('\n');
    }
    return CLI_OK;
}

/* The members of the hash of a decoded deployment: {"ok", "hash", "valid", "problem"},
 * or the refusal when the challenge cannot be computed. */
static int hash_of(const cli_input *in, const gt_deployment *d, jw *w)
{
    char hex[GT_HASH_HEX_SIZE];
    gt_error e;
    if (gt_deployment_challenge_hash_hex(d, hex, &e) != GT_OK) {
        jw_refusal_members(w, in, "cannot compute the hash", &e);
        return CLI_REFUSED;
    }
    gt_error ve;
    bool valid = gt_deployment_valid(d, &ve) == GT_OK;
    jw_key(w, "ok");
    jw_bool(w, true);
    jw_key(w, "hash");
    jw_str(w, hex);
    jw_key(w, "valid");
    jw_bool(w, valid);
    if (!valid) {
        cli_loc loc;
        cli_error_loc(in, &ve, &loc);
        jw_key(w, "problem");
        jw_error(w, &ve, &loc);
    }
    return CLI_OK;
}

/* One input of a batch: decode, then hash_of. */
static int hash_members(const cli_ctx *ctx, void *arg, const cli_input *in, jw *w)
{
    (void)arg;
    gt_deployment *d;
    int rc = cli_decode_members(ctx, in, w, &d);
    if (rc != CLI_OK)
        return rc;
    rc = hash_of(in, d, w);
    gt_deployment_free(d);
    return rc;
}

int cmd_hash(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "hash", .usage = usage};
    bool challenge = false, annotate = false, all = false;
    cli_batch_opts bo = {0};
    const char *compare = NULL, *compare_hex = NULL, *expect = NULL;
    const cli_opt opts[] = {{"--challenge", NULL, &challenge},
                            {"--annotate", NULL, &annotate},
                            {"--compare", &compare, NULL},
                            {"--compare-hex", &compare_hex, NULL},
                            {"--all", NULL, &all},
                            {"--expect", &expect, NULL},
                            CLI_BATCH_OPTS(&bo),
                            {NULL, NULL, NULL}};
    const char **pos;
    size_t npos;
    int rc = cli_batch_args(&ctx, argc, argv, opts, &bo, &pos, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    int modes = (int)challenge + (int)annotate + (compare != NULL) + (compare_hex != NULL) + (expect != NULL);
    if (modes > 1) {
        rc = cli_usage_error(&ctx,
                             "--challenge, --annotate, --compare, --compare-hex and --expect exclude each other");
        goto usage;
    }
    if (all && !compare && !compare_hex) {
        rc = cli_usage_error(&ctx, "--all goes with --compare or --compare-hex");
        goto usage;
    }
    if (bo.batch) {
        if (modes)
            rc = cli_usage_error(&ctx,
                                 "--challenge, --annotate, --compare, --compare-hex and --expect take one input");
        else
            rc = cli_batch_run(&ctx, pos, npos, &bo, hash_members, NULL);
        goto usage;
    }
    const char *theirs_path = compare ? compare : compare_hex;
    if (theirs_path && strcmp(theirs_path, "-") == 0 && strcmp(pos[0], "-") == 0) {
        rc = cli_usage_error(&ctx, "the deployment and the other challenge cannot both come from standard input");
        goto usage;
    }

    cli_input in, theirs = {0};
    rc = cli_read_input(&ctx, pos[0], &in);
    free(pos);
    if (rc != CLI_OK)
        return rc;
    if (theirs_path && (rc = cli_read_input(&ctx, theirs_path, &theirs)) != CLI_OK) {
        cli_input_free(&in);
        return rc;
    }
    gt_deployment *d = NULL;
    if ((rc = cli_parse_deployment(&ctx, &in, &d)) != CLI_OK)
        goto out;
    warn_invalid(&ctx, &in, d);

    gt_error e;
    if (expect) {
        rc = cli_expect(&ctx, &in, d, expect);
    } else if (compare || compare_hex) {
        rc = cli_compare(&ctx, &in, d, &theirs, compare_hex != NULL, all);
    } else if (annotate) {
        gt_challenge_map m;
        if (gt_challenge_map_build(d, &m, &e) != GT_OK)
            rc = cli_refuse(&ctx, &in, "cannot compute the challenge", &e);
        else
            rc = print_annotated(&ctx, d, &m);
        gt_challenge_map_free(&m);
    } else if (challenge) {
        char *text;
        size_t len;
        if (gt_deployment_challenge(d, &text, &len, &e) != GT_OK) {
            rc = cli_refuse(&ctx, &in, "cannot compute the challenge", &e);
        } else if (ctx.json) {
            jw w;
            jw_init(&w, stdout);
            jw_obj(&w);
            jw_key(&w, "ok");
            jw_bool(&w, true);
            jw_key(&w, "challenge");
            jw_strn(&w, text, len);
            jw_key(&w, "challenge_hex");
            jw_hex(&w, (const uint8_t *)text, len);
            jw_obj_end(&w);
            jw_end(&w);
            free(text);
        } else {
            /* the exact bytes, so `| md5sum` gives the hash; a newline only for a terminal */
            fwrite(text, 1, len, stdout);
            if (isatty(STDOUT_FILENO))
                putchar('\n');
            free(text);
        }
    } else if (ctx.json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        rc = hash_of(&in, d, &w);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        char hex[GT_HASH_HEX_SIZE];
        if (gt_deployment_challenge_hash_hex(d, hex, &e) != GT_OK)
            rc = cli_refuse(&ctx, &in, "cannot compute the hash", &e);
        else
            puts(hex);
    }
out:
    gt_deployment_free(d);
    cli_input_free(&in);
    cli_input_free(&theirs);
    return rc;
usage:
    free(pos);
    return rc;
}
