/* gridtypes sign FILE --twin N --key-type T: Deployment.Sign, writing the signed
 * deployment as the reference would send it (gt_deployment_encode), to standard output or
 * atomically to a file (-o). */
#define _POSIX_C_SOURCE 200809L
#include "secret.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: gridtypes sign --twin N --key-type ed25519|sr25519 [--style polka-wallet|none]\n"
    "                      [--mnemonic-file F [--insecure-permissions]] [-o OUT] [--in-place]\n"
    "                      [--force] [--json]\n"
    "                      [--max-size N] FILE|-\n"
    "\n"
    "Signs the deployment for twin N and writes the signed deployment (the JSON the\n"
    "reference would send) to standard output, or to OUT. The secret is a BIP39 mnemonic,\n"
    "a 0x hex seed or a secret URI (PHRASE//hard/soft///password, or //Alice for the\n"
    "development key), read from --mnemonic-file F (- for standard input) or from the\n"
    "environment variable GRIDTYPES_MNEMONIC; never from the command line.\n"
    "\n"
    "  --twin N            the signing twin (a uint32)\n"
    "  --key-type T        ed25519 or sr25519 (sr25519 signatures are randomised)\n"
    "  --style S           set signature_style first: polka-wallet (the message becomes\n"
    "                      <Bytes>hex(hash)</Bytes>) or none (the bare 16-byte hash)\n"
    "  --mnemonic-file F   read the secret from F (- for standard input; from a terminal\n"
    "                      it is read without echo). F must be readable by its owner only\n"
    "                      (chmod 600 F)\n"
    "  --insecure-permissions  use F even when group or others may read it\n"
    "  -o OUT, --output OUT  write the signed deployment to OUT: a temporary file beside\n"
    "                      it, flushed to disk, then renamed, so OUT is always either its\n"
    "                      old content or the whole new one; OUT may not be FILE itself\n"
    "  --in-place          allow OUT to be FILE; alone, write the result back to FILE\n"
    "  --force             sign even when the result is known not to verify (a\n"
    "                      signature whose type the reference keeps, other twins'\n"
    "                      signatures broken by a style change)\n"
    "  --json              {\"ok\", \"twin\", \"key_type\", \"public_key\", \"ss58\", \"hash\",\n"
    "                      \"deployment\"} (with -o: \"output\" instead of \"deployment\")\n"
    "\n"
    "Exit status: 0 signed, 1 refused (undecodable deployment, unusable secret, a result\n"
    "that would not verify), 2 usage or I/O error.\n";

static bool same_str(gt_str a, const char *b)
{
    size_t n = strlen(b);
    return a.len == n && (n == 0 || memcmp(a.ptr, b, n) == 0);
}

static bool requested(const gt_deployment *d, uint32_t twin)
{
    for (uint32_t i = 0; i < d->signature_requirement.requests.len; i++)
        if (d->signature_requirement.requests.items[i].twin_id == twin)
            return true;
    return false;
}

/* Says what is wrong with signing d for `twin` with a key of type kt, after the style was
 * set (old_style is the style before). Warnings only inform; the result of a problem
 * counted in the return value would not verify (a node refuses it), so signing stops
 * there unless --force. */
static int check_before_signing(const cli_ctx *ctx, const gt_deployment *d, uint32_t twin, gt_key_type kt,
                                gt_str old_style, bool force)
{
    const char *level = force ? "warning" : "error";
    int blocking = 0;
    gt_error e;
    if (gt_deployment_valid(d, &e) != GT_OK)
        fprintf(stderr, "gridtypes %s: warning: the deployment is invalid (%s%s%s); a node would refuse it\n",
                ctx->cmd, e.path, e.path[0] ? ": " : "", e.message);
    if (!requested(d, twin))
        fprintf(stderr,
                "gridtypes %s: warning: twin %u has no signature request in this deployment; verification "
                "ignores its signature\n",
                ctx->cmd, (unsigned)twin);
    const gt_signature_requirement *sr = &d->signature_requirement;
    for (uint32_t i = 0; i < sr->signatures.len; i++) {
        const gt_signature *s = &sr->signatures.items[i];
        if (s->twin_id == twin && !same_str(s->signature_type, gt_key_type_name(kt))) {
            bool matters = requested(d, twin);
            fprintf(stderr,
                    "gridtypes %s: %s: twin %u already has a signature of type '%.*s'; like the reference, the "
                    "new signature replaces it but keeps that type, so it will not verify\n",
                    ctx->cmd, matters ? level : "warning", (unsigned)twin, (int)s->signature_type.len,
                    s->signature_type.ptr);
            blocking += matters;
            break;
        }
    }
    bool style_changed = !(old_style.len == sr->signature_style.len &&
                           (old_style.len == 0 || memcmp(old_style.ptr, sr->signature_style.ptr, old_style.len) == 0));
    if (style_changed) {
        for (uint32_t i = 0; i < sr->signatures.len; i++) {
            const gt_signature *s = &sr->signatures.items[i];
            if (s->twin_id == twin || !requested(d, s->twin_id))
                continue;
            fprintf(stderr,
                    "gridtypes %s: %s: the style change alters the signed message, so the signature of twin "
                    "%u (requested) no longer verifies\n",
                    ctx->cmd, level, (unsigned)s->twin_id);
            blocking++;
        }
    }
    if (blocking && !force)
        fprintf(stderr, "gridtypes %s: not signed: a node would refuse the result (--force signs anyway)\n",
                ctx->cmd);
    return blocking;
}

static void json_report(const gt_deployment *d, uint64_t twin, gt_key_type kt, const gt_keypair *kp,
                        const char *output, const char *doc, size_t doc_len)
{
    char ss58[GT_SS58_BUFSIZE], hex[2 * GT_PUBLIC_KEY_BYTES + 1], hash[GT_HASH_HEX_SIZE];
    cli_print_public(kp, ss58, hex);
    if (gt_deployment_challenge_hash_hex(d, hash, NULL) != GT_OK)
        hash[0] = '\0';
    jw w;
    jw_init(&w, stdout);
    jw_obj(&w);
    jw_key(&w, "ok");
    jw_bool(&w, true);
    jw_key(&w, "twin");
    jw_u64(&w, twin);
    jw_key(&w, "key_type");
    jw_str(&w, gt_key_type_name(kt));
    jw_key(&w, "public_key");
    jw_str(&w, hex);
    jw_key(&w, "ss58");
    jw_str(&w, ss58);
    jw_key(&w, "hash");
    jw_str(&w, hash);
    if (output) {
        jw_key(&w, "output");
        jw_str(&w, output);
    } else {
        jw_key(&w, "deployment");
        jw_raw(&w, doc, doc_len);
    }
    jw_obj_end(&w);
    jw_end(&w);
}

int cmd_sign(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "sign", .usage = usage};
    const char *twin_s = NULL, *type_s = NULL, *style = NULL, *mfile = NULL, *mnemonic = NULL, *output = NULL;
    bool in_place = false, force = false;
    const cli_opt opts[] = {{"--twin", &twin_s, NULL},       {"--key-type", &type_s, NULL},
                            {"--style", &style, NULL},       {"--mnemonic-file", &mfile, NULL},
                            {"--mnemonic", &mnemonic, NULL}, {"-o", &output, NULL},
                            {"--output", &output, NULL},     {"--in-place", NULL, &in_place},
                            {"--force", NULL, &force},
                            {"--insecure-permissions", NULL, &ctx.insecure_permissions},
                            {NULL, NULL, NULL}};
    const char *pos[1];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, opts, pos, 1, 1, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    if (mnemonic)
        return cli_usage_error(&ctx, "secrets are not taken from the command line (ps and shell history would "
                                     "show them): use --mnemonic-file F or GRIDTYPES_MNEMONIC");
    uint64_t twin;
    if (!twin_s)
        return cli_usage_error(&ctx, "--twin N is required");
    if (!cli_parse_u64(twin_s, UINT32_MAX, &twin))
        return cli_usage_error(&ctx, "--twin wants a twin id (0 to 4294967295), not '%s'", cli_shown_arg(twin_s));
    gt_key_type kt;
    if ((rc = cli_key_type(&ctx, type_s, &kt)) != CLI_OK)
        return rc;
    if (style && strcmp(style, "polka-wallet") != 0 && strcmp(style, "none") != 0)
        return cli_usage_error(&ctx, "--style is polka-wallet or none, not '%s'", cli_shown_arg(style));
    if (mfile && strcmp(mfile, "-") == 0 && strcmp(pos[0], "-") == 0)
        return cli_usage_error(&ctx, "the deployment and the secret cannot both come from standard input");
    if ((rc = cli_out_dest(&ctx, pos[0], output, in_place, &output)) != CLI_OK)
        return rc;

    cli_input in;
    if ((rc = cli_read_input(&ctx, pos[0], &in)) != CLI_OK)
        return rc;
    gt_deployment *d = NULL;
    gt_keypair kp;
    memset(&kp, 0, sizeof kp);
    char *json = NULL;
    size_t json_len = 0;
    cli_outfile out = {0};
    if ((rc = cli_parse_deployment(&ctx, &in, &d)) != CLI_OK)
        goto done;
    /* before the secret is read: a refusal to write over the input costs no key */
    if ((rc = cli_out_open(&ctx, output, &in, in_place, &out)) != CLI_OK)
        goto done;
    gt_str old_style = d->signature_requirement.signature_style;
    if (style)
        d->signature_requirement.signature_style =
            strcmp(style, "none") == 0 ? (gt_str){"", 0} : gt_deployment_strdup(d, style, strlen(style));
    if ((rc = cli_keypair_from(&ctx, mfile, kt, &kp)) != CLI_OK)
        goto done;
    if (check_before_signing(&ctx, d, (uint32_t)twin, kt, old_style, force) && !force) {
        rc = CLI_REFUSED;
        goto done;
    }
    gt_error e;
    if (gt_deployment_sign(d, (uint32_t)twin, &kp, &e) != GT_OK) {
        rc = cli_refuse(&ctx, &in, "cannot sign", &e);
        goto done;
    }
    if (gt_deployment_encode(d, &json, &json_len, &e) != GT_OK) {
        rc = cli_refuse(&ctx, &in, "cannot encode", &e);
        goto done;
    }
    if (out.f != stdout) {
        /* byte for byte what the reference sends */
        fwrite(json, 1, json_len, out.f);
        if ((rc = cli_out_commit(&ctx, &out)) != CLI_OK)
            goto done;
        if (ctx.json)
            json_report(d, twin, kt, &kp, output, NULL, 0);
    } else if (ctx.json) {
        json_report(d, twin, kt, &kp, NULL, json, json_len);
    } else {
        /* byte for byte what the reference sends; a newline only for a terminal */
        fwrite(json, 1, json_len, stdout);
        if (isatty(STDOUT_FILENO))
            putchar('\n');
    }
    rc = CLI_OK;
done:
    cli_out_abort(&out);
    gt_keypair_wipe(&kp);
    cli_secret_guard_end();
    free(json);
    gt_deployment_free(d);
    cli_input_free(&in);
    return rc;
}
