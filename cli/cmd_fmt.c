/* gridtypes fmt FILE: the deployment as the node re-encodes it (json.Marshal), so a client
 * can store exactly what the node will decode and hash; --indent lays it out like
 * json.MarshalIndent(d, "", "  "); --canonical also writes workload data from its decoded
 * form (the node keeps data as raw bytes, so json.Marshal alone leaves it as given). */
#include "cli.h"

#include <stdlib.h>

static const char usage[] =
    "usage: gridtypes fmt [--indent] [--canonical] [-o OUT] [--in-place] [--max-size N] FILE|-\n"
    "\n"
    "Prints the deployment as the node re-encodes it (Go's json.Marshal): the same field\n"
    "order, zero values written out, IPs and hex in Go's forms, workload data compacted.\n"
    "Stored and sent as is, it decodes to the same deployment and the same hash.\n"
    "\n"
    "  --indent            indent two spaces per level, as json.MarshalIndent does\n"
    "  --canonical         write each workload's data as the node re-encodes its decoded\n"
    "                      form (keys, IPs, hex and zero values in the node's forms) instead\n"
    "                      of the bytes given; the hash stays the same\n"
    "  -o OUT, --output OUT  write to OUT instead of standard output: a temporary file\n"
    "                      beside it, flushed to disk, then renamed, so OUT is always\n"
    "                      either its old content or the whole new one; OUT may not be\n"
    "                      FILE itself\n"
    "  --in-place          allow OUT to be FILE; alone, write the result back to FILE\n"
    "\n"
    "Exit status: 0 written, 1 the input is refused (does not decode), 2 usage or I/O\n"
    "error (including a failed write).\n";

/* Writes compact JSON j[0..n) indented like Go's json.Indent with prefix "" and indent
 * "  ": a newline and the indentation after '{', '[' and ',', ": " after ':', and empty
 * objects and arrays kept as "{}" and "[]". Returns false on a write error. */
static bool put_indented(FILE *f, const char *j, size_t n)
{
    int depth = 0;
    bool in_str = false, esc = false;
    for (size_t i = 0; i < n; i++) {
        char c = j[i];
        if (in_str) {
            putc(c, f);
            if (esc)
                esc = false;
            else if (c == '\\')
                esc = true;
            else if (c == '"')
                in_str = false;
            continue;
        }
        switch (c) {
        case '"':
            in_str = true;
            putc(c, f);
            break;
        case '{':
        case '[':
            putc(c, f);
            if (i + 1 < n && (j[i + 1] == '}' || j[i + 1] == ']')) {
                putc(j[++i], f);
                break;
            }
            depth++;
            putc('\n', f);
            for (int k = 0; k < depth; k++)
                fputs("  ", f);
            break;
        case '}':
        case ']':
            depth--;
            putc('\n', f);
            for (int k = 0; k < depth; k++)
                fputs("  ", f);
            putc(c, f);
            break;
        case ',':
            putc(c, f);
            putc('\n', f);
            for (int k = 0; k < depth; k++)
                fputs("  ", f);
            break;
        case ':':
            fputs(": ", f);
            break;
        default:
            putc(c, f);
        }
    }
    return !ferror(f);
}

int cmd_fmt(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "fmt", .usage = usage};
    bool indent = false, canonical = false, in_place = false;
    const char *output = NULL;
    const cli_opt opts[] = {{"--indent", NULL, &indent},  {"--canonical", NULL, &canonical},
                            {"-o", &output, NULL},         {"--output", &output, NULL},
                            {"--in-place", NULL, &in_place}, {NULL, NULL, NULL}};
    const char *pos[1];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, opts, pos, 1, 1, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    if ((rc = cli_out_dest(&ctx, pos[0], output, in_place, &output)) != CLI_OK)
        return rc;
    cli_input in;
    gt_deployment *d;
    if ((rc = cli_open_deployment(&ctx, pos[0], &in, &d)) != CLI_OK)
        return rc;
    char *json;
    size_t len;
    gt_error e;
    cli_outfile out = {0};
    if ((canonical ? gt_deployment_encode_canonical(d, &json, &len, &e) : gt_deployment_encode(d, &json, &len, &e)) !=
        GT_OK) {
        rc = cli_refuse(&ctx, &in, "cannot encode", &e);
    } else {
        /* a failed write is reported by cli_out_commit for a file, by main for standard
         * output (both with the reason, exit status 2) */
        if ((rc = cli_out_open(&ctx, output, &in, in_place, &out)) == CLI_OK) {
            if (indent)
                put_indented(out.f, json, len);
            else
                fwrite(json, 1, len, out.f);
            putc('\n', out.f);
            rc = cli_out_commit(&ctx, &out);
        }
        cli_out_abort(&out);
        free(json);
    }
    gt_deployment_free(d);
    cli_input_free(&in);
    return rc;
}
