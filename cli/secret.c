/* Getting a key pair from a secret without the secret ever being a command-line argument
 * (which `ps` and shell history would show): from a file, standard input, or the
 * GRIDTYPES_MNEMONIC environment variable. Every copy lives in sodium memory and is wiped. */
#define _POSIX_C_SOURCE 200809L
#include "secret.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define SECRET_ENV "GRIDTYPES_MNEMONIC"

int cli_keypair_from(const cli_ctx *ctx, const char *file, gt_key_type type, gt_keypair *kp)
{
    cli_input sec = {0};
    int rc;
    if (file) {
        if ((rc = cli_read_secret(ctx, file, &sec)) != CLI_OK)
            return rc;
    } else {
        const char *env = getenv(SECRET_ENV);
        if (!env || !*env)
            return cli_usage_error(ctx, "no secret: give %s (or - for standard input) or set the " SECRET_ENV
                                        " environment variable",
                                   strcmp(ctx->cmd, "key") == 0 ? "a FILE" : "--mnemonic-file FILE");
        size_t n = strlen(env);
        sec.data = sodium_malloc(n + 1);
        if (!sec.data) {
            fprintf(stderr, "gridtypes %s: out of memory\n", ctx->cmd);
            return CLI_USAGE;
        }
        memcpy(sec.data, env, n + 1);
        sec.len = n;
        sec.name = "$" SECRET_ENV;
        while (sec.len > 0 && (sec.data[sec.len - 1] == '\n' || sec.data[sec.len - 1] == ' '))
            sec.data[--sec.len] = '\0';
        /* programs we might start need not inherit it */
        unsetenv(SECRET_ENV);
    }
    gt_error e;
    rc = gt_keypair_from_secret(sec.data, sec.len, type, kp, &e);
    cli_secret_free(&sec);
    if (rc != GT_OK) {
        /* the library's messages never quote the secret; the offset is safe to show */
        if (ctx->json) {
            jw w;
            jw_init(&w, stdout);
            jw_obj(&w);
            jw_refusal_members(&w, NULL, "unusable secret", &e);
            jw_obj_end(&w);
            jw_end(&w);
        } else {
            fprintf(stderr, "gridtypes %s: unusable secret (%s): %s", ctx->cmd, file ? file : "$" SECRET_ENV,
                    e.message);
            if (e.offset != GT_NO_OFFSET)
                fprintf(stderr, " (byte %zu)", e.offset);
            fputc('\n', stderr);
        }
        return CLI_REFUSED;
    }
    return CLI_OK;
}

void cli_print_public(const gt_keypair *kp, char ss58[GT_SS58_BUFSIZE], char hex[2 * GT_PUBLIC_KEY_BYTES + 1])
{
    sodium_bin2hex(hex, 2 * GT_PUBLIC_KEY_BYTES + 1, kp->public_key, GT_PUBLIC_KEY_BYTES);
    if (gt_ss58_encode(kp->public_key, GT_PUBLIC_KEY_BYTES, GT_SS58_PREFIX_SUBSTRATE, ss58, GT_SS58_BUFSIZE, NULL) !=
        GT_OK)
        ss58[0] = '\0';
}
