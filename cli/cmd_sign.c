/* gridtypes sign FILE --twin N --key-type T: Deployment.Sign, writing the signed
 * deployment as the reference would send it (gt_deployment_encode). */
#define _POSIX_C_SOURCE 200809L
#include "secret.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: gridtypes sign --twin N --key-type ed25519|sr25519 [--style polka-wallet|none]\n"
    "                      [--mnemonic-file F [--insecure-permissions]] [--json] [--max-size N] FILE|-\n"
    "\n"
    "Signs the deployment for twin N and writes the signed deployment (the JSON the\n"
    "reference would send) to standard output. The secret is a BIP39 mnemonic, a 0x hex\n"
    "seed or a secret URI (PHRASE//hard/soft///password, or //Alice for the development\n"
    "key), read from --mnemonic-file F (- for standard input) or from the environment\n"
    "variable GRIDTYPES_MNEMONIC; never from the command line.\n"
    "\n"
    "  --twin N            the signing twin (a uint32)\n"
    "  --key-type T        ed25519 or sr25519 (sr25519 signatures are randomised)\n"
    "  --style S           set signature_style first: polka-wallet (the message becomes\n"
    "                      <Bytes>hex(hash)</Bytes>) or none (the bare 16-byte hash)\n"
    "  --mnemonic-file F   read the secret from F (- for standard input; from a terminal\n"
    "                      it is read without echo). F must be readable by its owner only\n"
    "                      (chmod 600 F)\n"
    "  --insecure-permissions  use F even when group or others may read it\n"
    "  --json              {\"twin\", \"key_type\", \"public_key\", \"ss58\", \"hash\", \"deployment\"}\n"
    "\n"
    "Exit status: 0 signed, 1 refused (undecodable deployment, unusable secret),\n"
    "2 usage or I/O error.\n";

int cmd_sign(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "sign", .usage = usage};
    const char *twin_s = NULL, *type_s = NULL, *style = NULL, *mfile = NULL, *mnemonic = NULL;
    const cli_opt opts[] = {{"--twin", &twin_s, NULL},          {"--key-type", &type_s, NULL},
                            {"--style", &style, NULL},          {"--mnemonic-file", &mfile, NULL},
                            {"--mnemonic", &mnemonic, NULL},
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
    if (!type_s)
        return cli_usage_error(&ctx, "--key-type ed25519|sr25519 is required");
    if (!cli_key_type(type_s, &kt))
        return cli_usage_error(&ctx, "--key-type is ed25519 or sr25519, not '%s'", cli_shown_arg(type_s));
    if (style && strcmp(style, "polka-wallet") != 0 && strcmp(style, "none") != 0)
        return cli_usage_error(&ctx, "--style is polka-wallet or none, not '%s'", cli_shown_arg(style));
    if (mfile && strcmp(mfile, "-") == 0 && strcmp(pos[0], "-") == 0)
        return cli_usage_error(&ctx, "the deployment and the secret cannot both come from standard input");

    cli_input in;
    if ((rc = cli_read_input(&ctx, pos[0], &in)) != CLI_OK)
        return rc;
    gt_deployment *d = NULL;
    gt_keypair kp;
    memset(&kp, 0, sizeof kp);
    char *json = NULL;
    size_t json_len = 0;
    if ((rc = cli_parse_deployment(&ctx, &in, &d)) != CLI_OK)
        goto out;
    if (style)
        d->signature_requirement.signature_style =
            strcmp(style, "none") == 0 ? (gt_str){"", 0} : gt_deployment_strdup(d, style, strlen(style));
    if ((rc = cli_keypair_from(&ctx, mfile, kt, &kp)) != CLI_OK)
        goto out;

    gt_error e;
    if (gt_deployment_valid(d, &e) != GT_OK)
        fprintf(stderr, "gridtypes sign: warning: the deployment is invalid (%s%s%s); a node would refuse it\n",
                e.path, e.path[0] ? ": " : "", e.message);
    bool requested = false;
    for (uint32_t i = 0; i < d->signature_requirement.requests.len; i++)
        requested |= d->signature_requirement.requests.items[i].twin_id == twin;
    if (!requested)
        fprintf(stderr,
                "gridtypes sign: warning: twin %u has no signature request in this deployment; verification "
                "ignores its signature\n",
                (unsigned)twin);
    for (uint32_t i = 0; i < d->signature_requirement.signatures.len; i++) {
        const gt_signature *s = &d->signature_requirement.signatures.items[i];
        if (s->twin_id == twin && !(s->signature_type.len == strlen(gt_key_type_name(kt)) &&
                                     memcmp(s->signature_type.ptr, gt_key_type_name(kt), s->signature_type.len) == 0)) {
            fprintf(stderr,
                    "gridtypes sign: warning: twin %u already has a signature of type '%.*s'; like the reference, "
                    "the new signature replaces it but keeps that type, so it will not verify\n",
                    (unsigned)twin, (int)s->signature_type.len, s->signature_type.ptr);
            break;
        }
    }
    if (gt_deployment_sign(d, (uint32_t)twin, &kp, &e) != GT_OK) {
        rc = cli_refuse(&ctx, &in, "cannot sign", &e);
        goto out;
    }
    if (gt_deployment_encode(d, &json, &json_len, &e) != GT_OK) {
        rc = cli_refuse(&ctx, &in, "cannot encode", &e);
        goto out;
    }
    if (ctx.json) {
        char ss58[GT_SS58_BUFSIZE], hex[2 * GT_PUBLIC_KEY_BYTES + 1], hash[GT_HASH_HEX_SIZE];
        cli_print_public(&kp, ss58, hex);
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
        jw_key(&w, "deployment");
        jw_raw(&w, json, json_len);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        /* byte for byte what the reference sends; a newline only for a terminal */
        fwrite(json, 1, json_len, stdout);
        if (isatty(STDOUT_FILENO))
            putchar('\n');
    }
    rc = CLI_OK;
out:
    gt_keypair_wipe(&kp);
    cli_secret_guard_end();
    free(json);
    gt_deployment_free(d);
    cli_input_free(&in);
    return rc;
}
