/* gridtypes verify FILE --keys KEYS.json: Deployment.Verify, and on refusal the reason in
 * words: which twin, which key type and style were used, which weights were reached. The
 * decision is the library's (the reference's); only the explanation is ours. */
#include "keys_file.h"

#include <string.h>

static const char usage[] =
    "usage: gridtypes verify --keys KEYS.json [--json] [--max-size N] FILE|-\n"
    "\n"
    "Verifies the deployment's signatures as a node does (Deployment.Verify), with the\n"
    "public keys of KEYS.json: {\"<twin>\": \"<hex public key>\", ...}. A twin missing from\n"
    "it is 'key not found', as the chain would answer.\n"
    "Prints 'ok', or 'refused' with the reason, the twin, the key type and signature\n"
    "style used and the weights.\n"
    "\n"
    "Exit status: 0 accepted, 1 refused or undecodable, 2 usage or I/O error (including\n"
    "a malformed KEYS.json).\n";

/* A stable name for each reason, for scripts. */
static const char *reason_name(gt_verify_reason r)
{
    switch (r) {
    case GT_VERIFY_OK: return "ok";
    case GT_VERIFY_HASH: return "hash";
    case GT_VERIFY_MISSING_REQUIRED: return "missing-required-signature";
    case GT_VERIFY_KEY_NOT_FOUND: return "key-not-found";
    case GT_VERIFY_BAD_HEX: return "malformed-signature";
    case GT_VERIFY_BAD_SIGNATURE: return "bad-signature";
    case GT_VERIFY_KEY_PANIC: return "bad-key-length";
    case GT_VERIFY_NO_ORIGINATOR: return "no-originator-request";
    case GT_VERIFY_WEIGHT: return "weight-not-reached";
    }
    return "unknown";
}

/* What the reason means, for people. */
static const char *reason_words(gt_verify_reason r)
{
    switch (r) {
    case GT_VERIFY_OK: return "accepted";
    case GT_VERIFY_HASH: return "the challenge could not be computed";
    case GT_VERIFY_MISSING_REQUIRED: return "a required twin (the deployment's own twin always is) did not sign";
    case GT_VERIFY_KEY_NOT_FOUND: return "the public key of a twin could not be found";
    case GT_VERIFY_BAD_HEX: return "a signature is not valid hex";
    case GT_VERIFY_BAD_SIGNATURE: return "a signature does not verify with the twin's key";
    case GT_VERIFY_KEY_PANIC: return "an ed25519 key is not 32 bytes (the reference panics on it)";
    case GT_VERIFY_NO_ORIGINATOR: return "the deployment's own twin has no signature request";
    case GT_VERIFY_WEIGHT: return "the signatures' weights fall short of weight_required";
    }
    return "unknown";
}

static bool is_polka(const gt_deployment *d)
{
    gt_str s = d->signature_requirement.signature_style;
    return s.len == 12 && memcmp(s.ptr, "polka-wallet", 12) == 0;
}

/* Whether the reason comes from checking one twin's signature with its key (then the key
 * type and the signed message matter). */
static bool per_twin(gt_verify_reason r)
{
    return r == GT_VERIFY_BAD_HEX || r == GT_VERIFY_BAD_SIGNATURE || r == GT_VERIFY_KEY_PANIC;
}

static int report(const cli_ctx *ctx, const cli_input *in, const gt_deployment *d, int rc, const gt_verify_report *rep,
                  const gt_error *e, const gt_verify_explanation *why)
{
    bool ok = rc == GT_OK;
    if (!ok && rep->reason == GT_VERIFY_OK)
        return cli_refuse(ctx, in, "cannot verify", e); /* not a refusal of the signatures */
    const char *style = is_polka(d) ? "polka-wallet" : "default";
    if (ctx->json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, ok);
        jw_key(&w, "reason");
        jw_str(&w, reason_name(rep->reason));
        if (!ok) {
            jw_key(&w, "message");
            jw_str(&w, e->message);
            jw_key(&w, "twin");
            jw_u64(&w, rep->twin);
            if (per_twin(rep->reason)) {
                jw_key(&w, "key_type");
                jw_str(&w, gt_key_type_name(rep->key_type));
            }
            jw_key(&w, "signature_style");
            jw_str(&w, style);
            if (rep->reason == GT_VERIFY_WEIGHT) {
                jw_key(&w, "weight_reached");
                jw_u64(&w, rep->weight_reached);
                jw_key(&w, "weight_required");
                jw_u64(&w, rep->weight_required);
            }
            if (why)
                cli_explanation_json(&w, why);
            if (rep->reason == GT_VERIFY_HASH) {
                cli_loc loc;
                cli_error_loc(in, e, &loc);
                jw_key(&w, "error");
                jw_error(&w, e, &loc);
            }
        }
        jw_obj_end(&w);
        jw_end(&w);
        return ok ? CLI_OK : CLI_REFUSED;
    }
    if (ok) {
        printf("ok: the signatures are accepted\n");
        return CLI_OK;
    }
    if (rep->reason == GT_VERIFY_HASH)
        return cli_refuse(ctx, in, "cannot verify", e);
    printf("refused: %s\n", reason_words(rep->reason));
    printf("  node's words: %s\n", e->message);
    printf("  twin: %u%s\n", rep->twin, rep->twin == d->twin_id ? " (the deployment's own twin)" : "");
    if (per_twin(rep->reason)) {
        printf("  key type: %s (from the signature's signature_type: 'sr25519' selects sr25519, anything "
               "else ed25519)\n",
               gt_key_type_name(rep->key_type));
        printf("  signature style: %s (signed message: %s)\n", style,
               is_polka(d) ? "'<Bytes>' + hex of the 16-byte hash + '</Bytes>'" : "the 16-byte hash");
    }
    if (rep->reason == GT_VERIFY_WEIGHT)
        printf("  weights: reached %llu, required %llu\n", (unsigned long long)rep->weight_reached,
               (unsigned long long)rep->weight_required);
    if (why)
        cli_explanation_text(why);
    return CLI_REFUSED;
}

int cmd_verify(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "verify", .usage = usage};
    const char *keys_path = NULL;
    const cli_opt opts[] = {{"--keys", &keys_path, NULL}, {NULL, NULL, NULL}};
    const char *pos[1];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, opts, pos, 1, 1, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    if (!keys_path)
        return cli_usage_error(&ctx, "--keys KEYS.json is required");
    if (strcmp(keys_path, "-") == 0 && strcmp(pos[0], "-") == 0)
        return cli_usage_error(&ctx, "the deployment and the keys cannot both come from standard input");

    cli_input in = {0}, kin = {0};
    cli_keys keys = {0};
    gt_deployment *d = NULL;
    if ((rc = cli_read_input(&ctx, keys_path, &kin)) != CLI_OK)
        return rc == CLI_REFUSED ? CLI_USAGE : rc;
    char why[256];
    size_t where;
    if (cli_keys_parse(kin.data, kin.len, &keys, why, sizeof why, &where) != 0) {
        fprintf(stderr, "gridtypes verify: %s: %s (byte %zu)\n", kin.name, why, where);
        cli_input_free(&kin);
        return CLI_USAGE;
    }
    if ((rc = cli_read_input(&ctx, pos[0], &in)) != CLI_OK)
        goto out;
    if ((rc = cli_parse_deployment(&ctx, &in, &d)) != CLI_OK)
        goto out;
    gt_verify_report rep;
    gt_error e;
    int vr = gt_deployment_verify(d, cli_keys_getter, &keys, &rep, &e);
    /* the verdict is the reference's; for a bad signature, the library also looks for
     * the signing mistake behind it */
    gt_verify_explanation expl;
    gt_error xe;
    bool explained = vr != GT_OK && rep.reason == GT_VERIFY_BAD_SIGNATURE &&
                     gt_verify_explain(d, cli_keys_getter, &keys, &rep, &expl, &xe) == GT_OK;
    rc = report(&ctx, &in, d, vr, &rep, &e, explained ? &expl : NULL);
out:
    gt_deployment_free(d);
    cli_keys_free(&keys);
    cli_input_free(&kin);
    cli_input_free(&in);
    return rc;
}
