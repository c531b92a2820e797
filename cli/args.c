/* Argument parsing shared by the subcommands: a table of long options per command plus
 * the common --json, --help, --max-size and --max-memory. Hand-written rather than getopt_long so that
 * `-` stays a positional argument, `--opt=value` works everywhere and every message names
 * the subcommand. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_usage_error(const cli_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "gridtypes %s: ", ctx->cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see 'gridtypes %s --help')\n", ctx->cmd);
    va_end(ap);
    return CLI_USAGE;
}

bool cli_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    if (!s || !*s)
        return false;
    uint64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        unsigned d = (unsigned)(*p - '0');
        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

/* "16M", "512K", "1G" or plain bytes. */
static bool parse_size(const char *s, size_t *out)
{
    char digits[32];
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof digits)
        return false;
    uint64_t mult = 1;
    char last = s[n - 1];
    if (last == 'K' || last == 'k')
        mult = 1u << 10;
    else if (last == 'M' || last == 'm')
        mult = 1u << 20;
    else if (last == 'G' || last == 'g')
        mult = 1u << 30;
    memcpy(digits, s, n + 1);
    if (mult != 1)
        digits[n - 1] = '\0';
    uint64_t v;
    if (!cli_parse_u64(digits, UINT64_MAX / mult, &v) || v == 0 || v * mult > SIZE_MAX / 2)
        return false;
    *out = (size_t)(v * mult);
    return true;
}

/* Finds the option called name[0..n) in the table, or NULL. */
static const cli_opt *find_opt(const cli_opt *opts, const char *name, size_t n)
{
    for (const cli_opt *o = opts; o && o->name; o++)
        if (strlen(o->name) == n && memcmp(o->name, name, n) == 0)
            return o;
    return NULL;
}

int cli_args(cli_ctx *ctx, int argc, char **argv, const cli_opt *opts, const char **pos, size_t minpos,
             size_t maxpos, size_t *npos)
{
    size_t np = 0;
    bool help = false, only_pos = false;
    const char *max_size = NULL, *max_memory = NULL;
    ctx->json = false;
    ctx->max_input = CLI_MAX_INPUT_DEFAULT;
    ctx->max_memory = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
            if (np >= maxpos)
                return cli_usage_error(ctx, "unexpected argument '%s'", cli_shown_arg(a));
            pos[np++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = true;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            help = true;
            continue;
        }
        if (strcmp(a, "--json") == 0) {
            ctx->json = true;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        const char **slot = NULL;
        const cli_opt *o = find_opt(opts, a, nlen);
        if (o && o->flag) {
            if (eq)
                return cli_usage_error(ctx, "option '%.*s' takes no value", (int)nlen, a);
            *o->flag = true;
            continue;
        }
        const cli_many *m = NULL;
        const char *many_value = NULL;
        for (const cli_many *r = o ? NULL : ctx->repeatable; r && r->name && !m; r++)
            if (strlen(r->name) == nlen && memcmp(r->name, a, nlen) == 0)
                m = r;
        if (m)
            slot = &many_value;
        else if (o)
            slot = o->value;
        else if (nlen == 10 && memcmp(a, "--max-size", 10) == 0)
            slot = &max_size;
        else if (nlen == 12 && memcmp(a, "--max-memory", 12) == 0)
            slot = &max_memory;
        else
            return cli_usage_error(ctx, "unknown option '%.*s'", (int)nlen, a);
        if (eq) {
            *slot = eq + 1;
        } else {
            if (i + 1 >= argc)
                return cli_usage_error(ctx, "option '%s' needs a value", a);
            *slot = argv[++i];
        }
        if (m) {
            if (*m->n >= m->max)
                return cli_usage_error(ctx, "option '%s' given more than %zu times", m->name, m->max);
            m->values[(*m->n)++] = many_value;
        }
    }
    if (help) {
        fputs(ctx->usage, stdout);
        return CLI_DONE;
    }
    if (max_size && !parse_size(max_size, &ctx->max_input))
        return cli_usage_error(ctx, "--max-size wants a positive size such as 1048576, 512K or 64M, not '%s'",
                               cli_shown_arg(max_size));
    if (max_memory && !parse_size(max_memory, &ctx->max_memory))
        return cli_usage_error(ctx, "--max-memory wants a positive size such as 256M or 2G, not '%s'",
                               cli_shown_arg(max_memory));
    if (np < minpos) {
        /* the first line of the help is the synopsis */
        const char *nl = strchr(ctx->usage, '\n');
        int n = nl ? (int)(nl - ctx->usage) : (int)strlen(ctx->usage);
        return cli_usage_error(ctx, "missing argument; %.*s", n, ctx->usage);
    }
    *npos = np;
    return 0;
}

int cli_decode(const cli_ctx *ctx, const char *json, size_t len, gt_deployment **out, gt_error *e)
{
    gt_parse_options opts = {ctx->max_input, ctx->max_memory};
    int rc = gt_deployment_parse_ex(json, len, &opts, out, e);
    if (rc == GT_OK)
        return rc;
    *out = NULL;
    if (e->code == GT_ELIMIT) {
        /* the memory budget (the input's size is checked as it is read): name the option */
        size_t n = e->message_len < sizeof e->message ? e->message_len : strlen(e->message);
        int k = snprintf(e->message + n, sizeof e->message - n, "; raise it with --max-memory SIZE");
        /* the message is read by message_len (it may quote NUL bytes): count the hint in */
        if (k > 0)
            e->message_len = n + (size_t)k < sizeof e->message ? n + (size_t)k : sizeof e->message - 1;
    }
    return rc;
}

int cli_key_type(const cli_ctx *ctx, const char *s, gt_key_type *out)
{
    if (!s)
        return cli_usage_error(ctx, "--key-type ed25519|sr25519 is required");
    if (strcmp(s, "ed25519") == 0)
        *out = GT_KEY_ED25519;
    else if (strcmp(s, "sr25519") == 0)
        *out = GT_KEY_SR25519;
    else
        return cli_usage_error(ctx, "--key-type is ed25519 or sr25519, not '%s'", cli_shown_arg(s));
    return CLI_OK;
}
