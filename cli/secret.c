/* Getting a key pair from a secret without the secret ever being a command-line argument
 * (which `ps` and shell history would show): from a file, standard input, or the
 * GRIDTYPES_MNEMONIC environment variable. Every copy lives in sodium memory and is wiped. */
#define _POSIX_C_SOURCE 200809L
#include "secret.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#define SECRET_ENV "GRIDTYPES_MNEMONIC"

bool cli_looks_secret(const char *arg)
{
    if (!arg)
        return false;
    if (strstr(arg, "//"))
        return true; /* a secret URI: PHRASE//hard/soft///password, //Alice */
    const char *h = arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X') ? arg + 2 : arg;
    size_t nh = strspn(h, "0123456789abcdefABCDEF");
    if (nh == 64 && h[nh] == '\0')
        return true; /* a 32-byte seed in hex */
    /* a BIP39 phrase: twelve or more words of lower-case letters (the English list's
     * words have 3 to 8) separated by spaces */
    size_t words = 0;
    for (const char *p = arg; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz");
        if (n < 3 || n > 8 || (p[n] && p[n] != ' ' && p[n] != '\t' && p[n] != '\n'))
            return false;
        words++;
        p += n;
    }
    return words >= 12;
}

const char *cli_shown_arg(const char *arg)
{
    return cli_looks_secret(arg) ? "(an argument that looks like a secret, not shown)" : arg;
}

/* While a secret is in memory: no core dump (which would write it to disk) and no
 * attaching a debugger as the same user (PR_SET_DUMPABLE 0 also makes /proc/PID/mem
 * unreadable to other processes of the user). Both are put back afterwards. */
static struct rlimit saved_core;
static int saved_dumpable = -1;
static bool guarded;

void cli_secret_guard_begin(void)
{
    if (guarded)
        return;
    guarded = true;
    if (getrlimit(RLIMIT_CORE, &saved_core) == 0) {
        struct rlimit none = saved_core;
        none.rlim_cur = 0;
        setrlimit(RLIMIT_CORE, &none);
    }
    saved_dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void cli_secret_guard_end(void)
{
    if (!guarded)
        return;
    guarded = false;
    setrlimit(RLIMIT_CORE, &saved_core);
    if (saved_dumpable >= 0)
        prctl(PR_SET_DUMPABLE, saved_dumpable, 0, 0, 0);
}

int cli_keypair_from(const cli_ctx *ctx, const char *file, gt_key_type type, gt_keypair *kp)
{
    cli_input sec = {0};
    int rc;
    cli_secret_guard_begin();
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
        /* the environment's own copy is wiped (unsetenv only unlinks it), and programs
         * we might start need not inherit it */
        sodium_memzero((char *)(uintptr_t)env, n);
        unsetenv(SECRET_ENV);
    }
    gt_error e;
    rc = gt_keypair_from_secret(sec.data, sec.len, type, kp, &e);
    cli_secret_free(&sec);
    if (rc == GT_OK)
        return CLI_OK;
    /* the library's messages never quote the secret; the offset is safe to show */
    if (ctx->json)
        return cli_refuse(ctx, NULL, "unusable secret", &e);
    fprintf(stderr, "gridtypes %s: unusable secret (%s): %s", ctx->cmd,
            file ? (strcmp(file, "-") == 0 ? "<stdin>" : cli_shown_arg(file)) : "$" SECRET_ENV, e.message);
    if (e.offset != GT_NO_OFFSET)
        fprintf(stderr, " (byte %zu)", e.offset);
    fputc('\n', stderr);
    return CLI_REFUSED;
}

void cli_print_public(const gt_keypair *kp, char ss58[GT_SS58_BUFSIZE], char hex[2 * GT_PUBLIC_KEY_BYTES + 1])
{
    sodium_bin2hex(hex, 2 * GT_PUBLIC_KEY_BYTES + 1, kp->public_key, GT_PUBLIC_KEY_BYTES);
    if (gt_ss58_encode(kp->public_key, GT_PUBLIC_KEY_BYTES, GT_SS58_PREFIX_SUBSTRATE, ss58, GT_SS58_BUFSIZE, NULL) !=
        GT_OK)
        ss58[0] = '\0';
}
