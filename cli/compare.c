/* gridtypes hash --compare: prints what gt_challenge_compare (the library's engine) finds
 * between our challenge and another implementation's: the first differing byte, the field
 * of ours that holds it, the bytes around it and the likely causes. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define CONTEXT 24 /* bytes shown before the difference */
#define SHOWN 56   /* bytes shown in all */

/* Writes bytes escaped like the challenge map into buf. */
static void esc(char *buf, size_t cap, const uint8_t *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 5 < cap; i++) {
        uint8_t c = p[i];
        if (c == '\\' || c == '\t' || c == '\n')
            k += (size_t)snprintf(buf + k, cap - k, "\\%c", c == '\\' ? '\\' : c == '\t' ? 't' : 'n');
        else if (c < 0x20 || c >= 0x7F)
            k += (size_t)snprintf(buf + k, cap - k, "\\x%02x", c);
        else
            buf[k++] = (char)c;
    }
    buf[k < cap ? k : cap - 1] = '\0';
}

/* Prints one line of context: `label` then the escaped bytes around the difference, and
 * returns how many columns precede the differing byte (for the caret). */
static size_t context_line(const char *label, const uint8_t *p, size_t n, size_t from, size_t at)
{
    char buf[SHOWN * 4 + 8];
    size_t end = from + SHOWN < n ? from + SHOWN : n;
    esc(buf, sizeof buf, p + from, at > from ? (at < end ? at - from : end - from) : 0);
    size_t col = strlen(buf);
    printf("  %s%s%s", label, from > 0 ? "..." : "", buf);
    if (at < end) {
        esc(buf, sizeof buf, p + at, end - at);
        fputs(buf, stdout);
    }
    printf("%s\n", end < n ? "..." : "");
    return col + (from > 0 ? 3 : 0);
}

static void print_json(const cli_input *in, const gt_comparison *c)
{
    const gt_challenge_map *m = &c->ours;
    jw w;
    jw_init(&w, stdout);
    jw_obj(&w);
    jw_key(&w, "ok");
    jw_bool(&w, c->equal);
    if (!c->equal) {
        /* the refusal's error: the first difference, pointing at the field of the deployment
         * whose fragment holds it */
        const gt_challenge_difference *df = c->ndiffs ? &c->diffs[0] : NULL;
        const gt_challenge_fragment *f = df && df->fragment != SIZE_MAX ? &m->frags[df->fragment] : NULL;
        gt_error de;
        gt_error_set(&de, GT_EVALUE, "the challenges differ at byte %zu (ours %zu bytes, theirs %zu bytes)",
                     df ? df->ours_offset : 0, m->len, c->theirs_len);
        gt_error_at(&de, GT_NO_OFFSET, f ? f->path : "");
        cli_loc loc;
        cli_error_loc(in, &de, &loc);
        jw_key(&w, "error");
        jw_error(&w, &de, &loc);
    }
    jw_key(&w, "equal");
    jw_bool(&w, c->equal);
    jw_key(&w, "ours_length");
    jw_u64(&w, m->len);
    jw_key(&w, "theirs_length");
    jw_u64(&w, c->theirs_len);
    if (!c->equal && c->ndiffs) {
        const gt_challenge_difference *df = &c->diffs[0];
        const gt_challenge_fragment *f = df->fragment != SIZE_MAX ? &m->frags[df->fragment] : NULL;
        size_t at = df->ours_offset, from = at > CONTEXT ? at - CONTEXT : 0;
        jw_key(&w, "offset");
        jw_u64(&w, at);
        jw_key(&w, "path");
        jw_str(&w, f ? f->path : NULL);
        if (f) {
            jw_key(&w, "fragment_offset");
            jw_u64(&w, f->start);
            jw_key(&w, "fragment_hex");
            jw_hex(&w, m->bytes + f->start, f->len);
        }
        size_t oe = from + SHOWN < m->len ? from + SHOWN : m->len;
        size_t te = from + SHOWN < c->theirs_len ? from + SHOWN : c->theirs_len;
        jw_key(&w, "ours_context_hex");
        jw_hex(&w, m->bytes + from, oe - from);
        jw_key(&w, "theirs_context_hex");
        jw_hex(&w, c->theirs + (from < c->theirs_len ? from : c->theirs_len), te > from ? te - from : 0);
        jw_key(&w, "context_offset");
        jw_u64(&w, from);
        jw_key(&w, "causes");
        jw_arr(&w);
        for (size_t i = 0; i < df->ncauses; i++) {
            jw_obj(&w);
            jw_key(&w, "kind");
            jw_str(&w, df->causes[i].code);
            jw_key(&w, "text");
            jw_str(&w, df->causes[i].text);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
    }
    jw_obj_end(&w);
    jw_end(&w);
}

static void print_text(const gt_comparison *c)
{
    const gt_challenge_map *m = &c->ours;
    if (c->equal || !c->ndiffs) {
        printf("equal (%zu bytes)\n", m->len);
        return;
    }
    const gt_challenge_difference *df = &c->diffs[0];
    const gt_challenge_fragment *f = df->fragment != SIZE_MAX ? &m->frags[df->fragment] : NULL;
    size_t at = df->ours_offset, from = at > CONTEXT ? at - CONTEXT : 0;
    printf("different at byte %zu (ours %zu bytes, theirs %zu bytes)\n", at, m->len, c->theirs_len);
    if (f) {
        printf("  field: %s (our fragment: bytes %zu..%zu, '", f->path, f->start, f->start + f->len);
        cli_write_escaped(stdout, m->bytes + f->start, f->len < 80 ? f->len : 80);
        printf("%s')\n", f->len > 80 ? "..." : "");
    }
    size_t col = context_line("ours:   ", m->bytes, m->len, from, at);
    context_line("theirs: ", c->theirs, c->theirs_len, from < c->theirs_len ? from : c->theirs_len, at);
    printf("  %*s^\n", (int)(col + 8), "");
    for (size_t i = 0; i < df->ncauses; i++)
        printf("  likely cause: %s\n", df->causes[i].text);
}

int cli_compare(const cli_ctx *ctx, const cli_input *in, const gt_deployment *d, const cli_input *theirs,
                bool theirs_hex)
{
    gt_comparison *c;
    gt_error e;
    int rc = gt_challenge_compare(d, theirs->data, theirs->len, theirs_hex ? GT_COMPARE_HEX : 0, &c, &e);
    if (rc == GT_EVALUE && theirs_hex) {
        cli_ioerr why = {CLI_USAGE, "value", ""};
        snprintf(why.message, sizeof why.message, "%s: %s", theirs->name, e.message);
        cli_report_ioerr(ctx, &why);
        return CLI_USAGE;
    }
    if (rc == GT_ENOMEM) {
        fprintf(stderr, "gridtypes %s: out of memory\n", ctx->cmd);
        return CLI_USAGE;
    }
    if (rc != GT_OK)
        return cli_refuse(ctx, in, "cannot compute the challenge", &e);
    if (ctx->json)
        print_json(in, c);
    else
        print_text(c);
    bool equal = c->equal;
    gt_comparison_free(c);
    return equal ? CLI_OK : CLI_REFUSED;
}
