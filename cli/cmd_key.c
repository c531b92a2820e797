/* gridtypes key --key-type T FILE|-: the public key of a secret, to put in KEYS.json or
 * to check which account a mnemonic is. The secret is read from a file or standard input,
 * never from the command line, and wiped. */
#include "secret.h"

#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: gridtypes key --key-type ed25519|sr25519 [--insecure-permissions] [--json] [FILE|-]\n"
    "\n"
    "Reads a secret from FILE (- for standard input) or, without FILE, from the\n"
    "environment variable GRIDTYPES_MNEMONIC: a BIP39 English mnemonic, a 32-byte hex\n"
    "seed (0x...), or a substrate secret URI (PHRASE//hard/soft///password, or //Alice\n"
    "for the development key), and prints its public key in hex and its SS58 address\n"
    "(generic substrate format, prefix 42). The secret itself is never taken from the\n"
    "command line, where ps and the shell's history would show it. From a terminal the\n"
    "secret is read without echo. FILE must be readable by its owner only (chmod 600\n"
    "FILE), unless --insecure-permissions is given.\n"
    "Exit status: 0 ok, 1 unusable secret, 2 usage or I/O error.\n";

/* Whether a FILE argument that names no file is a secret typed on the command line: a
 * secret URI, a hex seed or a phrase of several words (cli_looks_secret), or anything
 * starting like a secret URI or a 0x seed. */
static bool looks_like_secret(const char *a)
{
    return cli_looks_secret(a) || strncmp(a, "//", 2) == 0 || strncmp(a, "0x", 2) == 0 || strchr(a, ' ') != NULL;
}

int cmd_key(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "key", .usage = usage};
    const char *type_s = NULL;
    const cli_opt opts[] = {{"--key-type", &type_s, NULL},
                            {"--insecure-permissions", NULL, &ctx.insecure_permissions},
                            {NULL, NULL, NULL}};
    const char *pos[1];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, opts, pos, 0, 1, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    gt_key_type kt;
    if ((rc = cli_key_type(&ctx, type_s, &kt)) != CLI_OK)
        return rc;
    struct stat st;
    if (npos == 1 && strcmp(pos[0], "-") != 0 && stat(pos[0], &st) != 0 && looks_like_secret(pos[0]))
        return cli_usage_error(&ctx, "secrets are not taken from the command line (ps and shell history would show "
                                     "them): put the secret in a file, give - to read it from standard input, or "
                                     "set GRIDTYPES_MNEMONIC");
    gt_keypair kp;
    if ((rc = cli_keypair_from(&ctx, npos ? pos[0] : NULL, kt, &kp)) != CLI_OK)
        return rc;
    char ss58[GT_SS58_BUFSIZE], hex[2 * GT_PUBLIC_KEY_BYTES + 1];
    cli_print_public(&kp, ss58, hex);
    gt_keypair_wipe(&kp);
    cli_secret_guard_end();
    if (ctx.json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, true);
        jw_key(&w, "key_type");
        jw_str(&w, gt_key_type_name(kt));
        jw_key(&w, "public_key");
        jw_str(&w, hex);
        jw_key(&w, "ss58");
        jw_str(&w, ss58);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        printf("key type:   %s\npublic key: %s\nss58:       %s\n", gt_key_type_name(kt), hex, ss58);
    }
    return CLI_OK;
}
