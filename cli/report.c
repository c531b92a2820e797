/* Reporting refusals: one format for every subcommand, so that a script (or a person)
 * always finds the file, line, column, byte offset and JSON path in the same place. */
#include "cli.h"

#include <string.h>

void cli_format_where(const cli_input *in, const cli_loc *loc, char *buf, size_t cap)
{
    const char *name = in ? in->name : "<input>";
    if (loc && loc->known && in)
        snprintf(buf, cap, "%s:%zu:%zu", name, loc->line, loc->col);
    else
        snprintf(buf, cap, "%s", name);
}

const char *cli_error_hint(const cli_input *in, const cli_loc *loc)
{
    /* Go quotes the first byte of a byte order mark as 'ï': say what it is */
    if (in && loc->known && loc->offset + 3 <= in->len && memcmp(in->data + loc->offset, "\xef\xbb\xbf", 3) == 0)
        return "that is a UTF-8 byte order mark (EF BB BF), which JSON does not allow: save the file without it";
    return NULL;
}

int cli_refuse(const cli_ctx *ctx, const cli_input *in, const char *what, const gt_error *e)
{
    if (ctx->json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_refusal_members(&w, in, what, e);
        jw_obj_end(&w);
        jw_end(&w);
        return CLI_REFUSED;
    }
    cli_loc loc;
    cli_error_loc(in, e, &loc);
    char where[512];
    cli_format_where(in, &loc, where, sizeof where);
    fprintf(stderr, "gridtypes %s: %s: %s%s", ctx->cmd, where, what ? what : "", what ? ": " : "");
    cli_put_error(stderr, e);
    if (e->path[0] && loc.known)
        fprintf(stderr, " (at %s, byte %zu)", e->path, loc.offset);
    else if (e->path[0])
        fprintf(stderr, " (at %s)", e->path);
    else if (loc.known)
        fprintf(stderr, " (byte %zu)", loc.offset);
    const char *hint = cli_error_hint(in, &loc);
    if (hint)
        fprintf(stderr, "; %s", hint);
    fputc('\n', stderr);
    return CLI_REFUSED;
}

int cli_open_deployment(const cli_ctx *ctx, const char *path, cli_input *in, gt_deployment **out)
{
    *out = NULL;
    int rc = cli_read_input(ctx, path, in);
    if (rc != CLI_OK)
        return rc;
    rc = cli_parse_deployment(ctx, in, out);
    if (rc != CLI_OK)
        cli_input_free(in);
    return rc;
}

int cli_parse_deployment(const cli_ctx *ctx, const cli_input *in, gt_deployment **out)
{
    gt_error e;
    int rc = cli_decode(ctx, in->data, in->len, out, &e);
    if (rc == GT_OK)
        return CLI_OK;
    if (rc == GT_ENOMEM) {
        fprintf(stderr, "gridtypes %s: out of memory decoding %s\n", ctx->cmd, in->name);
        return CLI_USAGE;
    }
    return cli_refuse(ctx, in, "cannot decode", &e);
}

int cli_decode_members(const cli_ctx *ctx, const cli_input *in, jw *w, gt_deployment **out)
{
    gt_error e;
    int rc = cli_decode(ctx, in->data, in->len, out, &e);
    if (rc == GT_OK)
        return CLI_OK;
    if (rc == GT_ENOMEM) {
        jw_failure_members(w, "memory", "out of memory");
        return CLI_USAGE;
    }
    jw_refusal_members(w, in, "cannot decode", &e);
    return CLI_REFUSED;
}
