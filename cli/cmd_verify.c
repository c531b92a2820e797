/* gridtypes verify FILE --keys KEYS.json: Deployment.Verify, and on refusal the reason in
 * words: which twin, which key type and style were used, which weights were reached. The
 * decision is the library's (the reference's); only the explanation is ours. */
#include "batch.h"
#include "keys_file.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: gridtypes verify (--keys KEYS.json | --key TWIN=KEY...) [--json] [--max-size N] FILE|-\n"
    "       gridtypes verify [--keys KEYS.json] [--key TWIN=KEY...] [--json] [--max-size N]\n"
    "                        [--ndjson] [-j N] FILE|-|FOLDER...\n"
    "\n"
    "Verifies the deployment's signatures as a node does (Deployment.Verify), with the\n"
    "public keys of KEYS.json, {\"<twin>\": \"<key>\", ...}, and of each --key TWIN=KEY\n"
    "(which win over the file's). A key is hex (either case), 0x hex or an SS58 address.\n"
    "A twin without a key is 'key not found', as the chain would answer.\n"
    "An input may also be {\"deployment\": {...}, \"keys\": {...}}: its own keys come first.\n"
    "Prints 'ok', or 'refused' with the reason, the twin, the key type and signature\n"
    "style used and the weights.\n"
    "\n" CLI_BATCH_HELP "\n"
    "Exit status: 0 accepted, 1 refused or undecodable, 2 usage or I/O error (including\n"
    "a malformed KEYS.json or --key).\n";

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

static bool has_signature(const gt_deployment *d, uint32_t twin)
{
    for (uint32_t i = 0; i < d->signature_requirement.signatures.len; i++)
        if (d->signature_requirement.signatures.items[i].twin_id == twin)
            return true;
    return false;
}

/* Whether the reason comes from checking one twin's signature with its key (then the key
 * type and the signed message matter). */
static bool per_twin(gt_verify_reason r)
{
    return r == GT_VERIFY_BAD_HEX || r == GT_VERIFY_BAD_SIGNATURE || r == GT_VERIFY_KEY_PANIC;
}

/* The reference checks the signature of every requested twin, required or not, and an
 * absent one is checked as an empty ed25519 signature, which fails: "failed to verify
 * signature". Said so, rather than "a signature does not verify". */
static bool requested_not_signed(const gt_deployment *d, const gt_verify_report *rep)
{
    return per_twin(rep->reason) && !has_signature(d, rep->twin);
}

/* The verdict is the reference's; for a bad signature, the library also looks for the
 * signing mistake behind it (gt_verify_explain). */
static bool explain(const gt_deployment *d, cli_keys *keys, bool ok, const gt_verify_report *rep,
                    gt_verify_explanation *x)
{
    gt_error xe;
    /* a requested twin that did not sign has no signature to explain */
    return !ok && rep->reason == GT_VERIFY_BAD_SIGNATURE && has_signature(d, rep->twin) &&
           gt_verify_explain(d, cli_keys_getter, keys, rep, x, &xe) == GT_OK;
}

/* Where the deployment is in an input: the whole of it, or the "deployment" member of a
 * {"deployment", "keys"} wrapper. Errors found in the member are moved back into the
 * input's terms (offset from the input's start, path under "deployment"). */
typedef struct part {
    size_t start, end;
    bool wrapped;
} part;

static void to_input(const part *p, gt_error *e)
{
    if (!p->wrapped)
        return;
    if (e->offset != GT_NO_OFFSET)
        e->offset += p->start;
    char path[GT_ERROR_PATH_MAX + 16];
    snprintf(path, sizeof path, "deployment%s%s", e->path[0] && e->path[0] != '[' ? "." : "", e->path);
    /* a path at the limit loses its tail, as the library's own long paths do */
    memcpy(e->path, path, sizeof e->path - 1);
    e->path[sizeof e->path - 1] = '\0';
}

/* Reads an input: the deployment and the input's own keys (line_keys, whose fallback is
 * the command's, `keys`). Returns CLI_OK; CLI_REFUSED with *e and *stage set; CLI_USAGE
 * when out of memory. */
static int open_verify_input(const cli_ctx *ctx, const cli_keys *keys, const cli_input *in, gt_deployment **d,
                             cli_keys *line_keys, part *p, gt_error *e, const char **stage)
{
    size_t dep[2], ks[2];
    *d = NULL;
    memset(line_keys, 0, sizeof *line_keys);
    *p = (part){0, in->len, false};
    if (cli_verify_wrapper(in->data, in->len, dep, ks)) {
        *p = (part){dep[0], dep[1], true};
        char why[400];
        size_t where;
        if (ks[1] > ks[0] && cli_keys_parse(in->data + ks[0], ks[1] - ks[0], line_keys, why, sizeof why, &where) != 0) {
            gt_error_set(e, GT_EKEY, "%s", why);
            gt_error_at(e, ks[0] + where, "keys");
            *stage = "cannot read the keys";
            return CLI_REFUSED;
        }
    }
    line_keys->fallback = keys;
    int rc = cli_decode(ctx, in->data + p->start, p->end - p->start, d, e);
    if (rc == GT_OK)
        return CLI_OK;
    cli_keys_free(line_keys);
    if (rc == GT_ENOMEM)
        return CLI_USAGE;
    to_input(p, e);
    *stage = "cannot decode";
    return CLI_REFUSED;
}

/* {"ok", "error", "reason", "twin", "signed", "key_type", "signature_style", weights} */
static int verify_members(const cli_ctx *ctx, void *keys, const cli_input *in, jw *w)
{
    gt_deployment *d;
    cli_keys line_keys;
    part p;
    gt_error e;
    const char *stage = NULL;
    int rc = open_verify_input(ctx, keys, in, &d, &line_keys, &p, &e, &stage);
    if (rc == CLI_USAGE)
        jw_failure_members(w, "memory", "out of memory");
    else if (rc != CLI_OK)
        jw_refusal_members(w, in, stage, &e);
    if (rc != CLI_OK)
        return rc;
    gt_verify_report rep;
    bool ok = gt_deployment_verify(d, cli_keys_getter, &line_keys, &rep, &e) == GT_OK;
    gt_verify_explanation expl;
    bool explained = explain(d, &line_keys, ok, &rep, &expl);
    if (!ok && (rep.reason == GT_VERIFY_OK || rep.reason == GT_VERIFY_HASH)) {
        /* not a verdict on the signatures: the deployment itself is at fault */
        to_input(&p, &e);
        jw_refusal_members(w, in, "cannot verify", &e);
        if (rep.reason == GT_VERIFY_HASH) {
            jw_key(w, "reason");
            jw_str(w, reason_name(rep.reason));
        }
        rc = e.code == GT_ENOMEM ? CLI_USAGE : CLI_REFUSED;
        goto out;
    }
    jw_key(w, "ok");
    jw_bool(w, ok);
    if (ok) {
        jw_key(w, "reason");
        jw_str(w, "ok");
        rc = CLI_OK;
        goto out;
    }
    jw_key(w, "error");
    jw_error(w, &e, NULL);
    jw_key(w, "reason");
    jw_str(w, requested_not_signed(d, &rep) ? "requested-twin-did-not-sign" : reason_name(rep.reason));
    jw_key(w, "twin");
    jw_u64(w, rep.twin);
    jw_key(w, "signed");
    jw_bool(w, has_signature(d, rep.twin));
    if (per_twin(rep.reason)) {
        jw_key(w, "key_type");
        jw_str(w, gt_key_type_name(rep.key_type));
    }
    jw_key(w, "signature_style");
    jw_str(w, is_polka(d) ? "polka-wallet" : "default");
    if (rep.reason == GT_VERIFY_WEIGHT) {
        jw_key(w, "weight_reached");
        jw_u64(w, rep.weight_reached);
        jw_key(w, "weight_required");
        jw_u64(w, rep.weight_required);
    }
    if (explained)
        cli_explanation_json(w, &expl);
    rc = CLI_REFUSED;
out:
    cli_keys_free(&line_keys);
    gt_deployment_free(d);
    return rc;
}

static int verify_text(const cli_ctx *ctx, const cli_keys *keys, const cli_input *in)
{
    gt_deployment *d;
    cli_keys line_keys;
    part p;
    gt_error e;
    const char *stage = NULL;
    int rc = open_verify_input(ctx, keys, in, &d, &line_keys, &p, &e, &stage);
    if (rc == CLI_USAGE)
        fprintf(stderr, "gridtypes %s: out of memory\n", ctx->cmd);
    else if (rc != CLI_OK)
        cli_refuse(ctx, in, stage, &e);
    if (rc != CLI_OK)
        return rc;
    gt_verify_report rep;
    int vr = gt_deployment_verify(d, cli_keys_getter, &line_keys, &rep, &e);
    gt_verify_explanation expl;
    bool explained = explain(d, &line_keys, vr == GT_OK, &rep, &expl);
    if (vr == GT_OK) {
        printf("ok: the signatures are accepted\n");
        rc = CLI_OK;
    } else if (rep.reason == GT_VERIFY_OK || rep.reason == GT_VERIFY_HASH) {
        to_input(&p, &e);
        rc = cli_refuse(ctx, in, "cannot verify", &e);
        if (e.code == GT_ENOMEM)
            rc = CLI_USAGE;
    } else {
        const char *style = is_polka(d) ? "polka-wallet" : "default";
        if (requested_not_signed(d, &rep))
            printf("refused: twin %u was requested and did not sign; the node checks every request, required or "
                   "not\n",
                   rep.twin);
        else
            printf("refused: %s\n", reason_words(rep.reason));
        printf("  node's words: %s\n", e.message);
        printf("  twin: %u%s\n", rep.twin, rep.twin == d->twin_id ? " (the deployment's own twin)" : "");
        if (per_twin(rep.reason) && has_signature(d, rep.twin)) {
            printf("  key type: %s (from the signature's signature_type: 'sr25519' selects sr25519, anything "
                   "else ed25519)\n",
                   gt_key_type_name(rep.key_type));
            printf("  signature style: %s (signed message: %s)\n", style,
                   is_polka(d) ? "'<Bytes>' + hex of the 16-byte hash + '</Bytes>'" : "the 16-byte hash");
        }
        if (rep.reason == GT_VERIFY_WEIGHT)
            printf("  weights: reached %llu, required %llu\n", (unsigned long long)rep.weight_reached,
                   (unsigned long long)rep.weight_required);
        if (explained)
            cli_explanation_text(&expl);
        rc = CLI_REFUSED;
    }
    cli_keys_free(&line_keys);
    gt_deployment_free(d);
    return rc;
}

/* The command's keys: KEYS.json, then every --key (later ones win, as in a JSON object). */
static int load_keys(const cli_ctx *ctx, const char *keys_path, const char *const *key_args, size_t nkeys,
                     cli_keys *keys)
{
    memset(keys, 0, sizeof *keys);
    char why[400];
    if (keys_path) {
        cli_input kin;
        int rc = cli_read_input(ctx, keys_path, &kin);
        if (rc != CLI_OK)
            return CLI_USAGE;
        size_t where;
        rc = cli_keys_parse(kin.data, kin.len, keys, why, sizeof why, &where);
        if (rc != 0) {
            fprintf(stderr, "gridtypes %s: %s: %s (byte %zu)\n", ctx->cmd, kin.name, why, where);
            cli_input_free(&kin);
            return CLI_USAGE;
        }
        cli_input_free(&kin);
    }
    for (size_t i = 0; i < nkeys; i++) {
        if (cli_keys_add_arg(keys, key_args[i], why, sizeof why) != 0) {
            cli_keys_free(keys);
            return cli_usage_error(ctx, "%s", why);
        }
    }
    return CLI_OK;
}

int cmd_verify(int argc, char **argv)
{
    enum { MAX_KEY_ARGS = 1024 };
    const char *key_args[MAX_KEY_ARGS];
    size_t nkeys = 0;
    const cli_many many[] = {{"--key", key_args, &nkeys, MAX_KEY_ARGS}, {NULL, NULL, NULL, 0}};
    cli_ctx ctx = {.cmd = "verify", .usage = usage, .repeatable = many};
    const char *keys_path = NULL;
    cli_batch_opts bo = {0};
    const cli_opt opts[] = {{"--keys", &keys_path, NULL}, CLI_BATCH_OPTS(&bo), {NULL, NULL, NULL}};
    const char **pos;
    size_t npos;
    int rc = cli_batch_args(&ctx, argc, argv, opts, &bo, &pos, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    if (!keys_path && nkeys == 0 && !bo.ndjson) {
        rc = cli_usage_error(&ctx, "--keys KEYS.json or --key TWIN=KEY is required (with --ndjson, lines may "
                                   "carry their own keys)");
        goto done;
    }
    for (size_t i = 0; keys_path && i < npos; i++) {
        if (strcmp(keys_path, "-") == 0 && strcmp(pos[i], "-") == 0) {
            rc = cli_usage_error(&ctx, "the deployment and the keys cannot both come from standard input");
            goto done;
        }
    }
    cli_keys keys; /* --keys and --key */
    if ((rc = load_keys(&ctx, keys_path, key_args, nkeys, &keys)) != CLI_OK)
        goto done;
    if (bo.batch) {
        rc = cli_batch_run(&ctx, pos, npos, &bo, verify_members, &keys);
    } else {
        cli_input in;
        if ((rc = cli_read_input(&ctx, pos[0], &in)) == CLI_OK) {
            rc = ctx.json ? cli_print_members(&ctx, verify_members, &keys, &in) : verify_text(&ctx, &keys, &in);
            cli_input_free(&in);
        }
    }
    cli_keys_free(&keys);
done:
    free(pos);
    return rc;
}
