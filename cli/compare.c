/* gridtypes hash --compare: prints what gt_challenge_compare (the library's engine) finds
 * between our challenge and another implementation's: each difference, the field of ours
 * it belongs to, the bytes around it and the likely causes. */
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

/* How many bytes of context precede a difference (the same on both sides). */
static size_t back_of(const gt_challenge_difference *df)
{
    size_t back = df->ours_offset < CONTEXT ? df->ours_offset : CONTEXT;
    return df->theirs_offset < back ? df->theirs_offset : back;
}

static void json_causes(jw *w, const gt_challenge_difference *df)
{
    jw_key(w, "causes");
    jw_arr(w);
    for (size_t i = 0; i < df->ncauses; i++) {
        jw_obj(w);
        jw_key(w, "kind");
        jw_str(w, df->causes[i].code);
        jw_key(w, "text");
        jw_str(w, df->causes[i].text);
        jw_obj_end(w);
    }
    jw_arr_end(w);
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
        if (c->theirs_kind == GT_THEIRS_HASH)
            gt_error_set(&de, GT_EVALUE, "the hashes differ (ours %s, theirs %s)", c->ours_hash, c->theirs_hash);
        else
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
    jw_key(&w, "theirs_kind");
    jw_str(&w, gt_theirs_kind_name(c->theirs_kind));
    jw_key(&w, "ours_hash");
    jw_str(&w, c->ours_hash);
    if (c->theirs_kind == GT_THEIRS_HASH) {
        jw_key(&w, "theirs_hash");
        jw_str(&w, c->theirs_hash);
    }
    jw_key(&w, "ours_length");
    jw_u64(&w, m->len);
    jw_key(&w, "theirs_length");
    jw_u64(&w, c->theirs_len);
    if (c->ndiffs) {
        /* the first difference at the top, as before --all existed */
        const gt_challenge_difference *df = &c->diffs[0];
        const gt_challenge_fragment *f = df->fragment != SIZE_MAX ? &m->frags[df->fragment] : NULL;
        size_t back = back_of(df), from = df->ours_offset - back, tfrom = df->theirs_offset - back;
        jw_key(&w, "offset");
        jw_u64(&w, df->ours_offset);
        jw_key(&w, "path");
        jw_str(&w, f ? f->path : NULL);
        if (f) {
            jw_key(&w, "fragment_offset");
            jw_u64(&w, f->start);
            jw_key(&w, "fragment_hex");
            jw_hex(&w, m->bytes + f->start, f->len);
        }
        size_t oe = from + SHOWN < m->len ? from + SHOWN : m->len;
        size_t te = tfrom + SHOWN < c->theirs_len ? tfrom + SHOWN : c->theirs_len;
        jw_key(&w, "ours_context_hex");
        jw_hex(&w, m->bytes + from, oe - from);
        jw_key(&w, "theirs_context_hex");
        jw_hex(&w, c->theirs + tfrom, te - tfrom);
        jw_key(&w, "context_offset");
        jw_u64(&w, from);
        json_causes(&w, df);
        jw_key(&w, "differences");
        jw_arr(&w);
        for (size_t i = 0; i < c->ndiffs; i++) {
            df = &c->diffs[i];
            f = df->fragment != SIZE_MAX ? &m->frags[df->fragment] : NULL;
            jw_obj(&w);
            jw_key(&w, "ours_offset");
            jw_u64(&w, df->ours_offset);
            jw_key(&w, "ours_length");
            jw_u64(&w, df->ours_len);
            jw_key(&w, "theirs_offset");
            jw_u64(&w, df->theirs_offset);
            jw_key(&w, "theirs_length");
            jw_u64(&w, df->theirs_len);
            jw_key(&w, "ours_hex");
            jw_hex(&w, m->bytes + df->ours_offset, df->ours_len);
            jw_key(&w, "theirs_hex");
            jw_hex(&w, c->theirs + df->theirs_offset, df->theirs_len);
            jw_key(&w, "path");
            jw_str(&w, f ? f->path : NULL);
            json_causes(&w, df);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_key(&w, "truncated");
        jw_bool(&w, c->truncated);
    }
    jw_obj_end(&w);
    jw_end(&w);
}

static void print_difference(const gt_comparison *c, const gt_challenge_difference *df)
{
    const gt_challenge_map *m = &c->ours;
    const gt_challenge_fragment *f = df->fragment != SIZE_MAX ? &m->frags[df->fragment] : NULL;
    if (f) {
        printf("  field: %s (our fragment: bytes %zu..%zu, '", f->path, f->start, f->start + f->len);
        cli_write_escaped(stdout, m->bytes + f->start, f->len < 80 ? f->len : 80);
        printf("%s')\n", f->len > 80 ? "..." : "");
    } else {
        printf("  field: none (after the end of our challenge)\n");
    }
    size_t back = back_of(df);
    size_t col = context_line("ours:   ", m->bytes, m->len, df->ours_offset - back, df->ours_offset);
    context_line("theirs: ", c->theirs, c->theirs_len, df->theirs_offset - back, df->theirs_offset);
    printf("  %*s^\n", (int)(col + 8), "");
    for (size_t i = 0; i < df->ncauses; i++)
        printf("  likely cause: %s\n", df->causes[i].text);
}

static void print_text(const gt_comparison *c, bool all)
{
    const gt_challenge_map *m = &c->ours;
    if (c->theirs_kind == GT_THEIRS_HASH) {
        printf("theirs is a hash, not a challenge text: %s; ours is %s: %s\n", c->theirs_hash, c->ours_hash,
               c->equal ? "equal" : "different");
        if (!c->equal)
            printf("  'gridtypes hash --expect %s' looks for the client divergences that give it\n", c->theirs_hash);
        return;
    }
    if (c->theirs_kind == GT_THEIRS_DEPLOYMENT)
        printf("theirs is a deployment's JSON, not a challenge text: comparing its challenge (as the node "
               "computes it) with ours\n");
    if (c->equal) {
        printf("equal (%zu bytes)\n", m->len);
        return;
    }
    if (!all) {
        const gt_challenge_difference *df = &c->diffs[0];
        printf("different at byte %zu (ours %zu bytes, theirs %zu bytes)\n", df->ours_offset, m->len, c->theirs_len);
        print_difference(c, df);
        return;
    }
    printf("%zu difference%s%s (ours %zu bytes, theirs %zu bytes)\n", c->ndiffs, c->ndiffs == 1 ? "" : "s",
           c->truncated ? " (and more: the list stops there)" : "", m->len, c->theirs_len);
    for (size_t i = 0; i < c->ndiffs; i++) {
        const gt_challenge_difference *df = &c->diffs[i];
        char o[200], t[200];
        esc(o, sizeof o, m->bytes + df->ours_offset, df->ours_len < 40 ? df->ours_len : 40);
        esc(t, sizeof t, c->theirs + df->theirs_offset, df->theirs_len < 40 ? df->theirs_len : 40);
        printf("difference %zu: ours bytes %zu..%zu ('%s%s'), theirs bytes %zu..%zu ('%s%s')\n", i + 1,
               df->ours_offset, df->ours_offset + df->ours_len, o, df->ours_len > 40 ? "..." : "",
               df->theirs_offset, df->theirs_offset + df->theirs_len, t, df->theirs_len > 40 ? "..." : "");
        print_difference(c, df);
    }
}

int cli_compare(const cli_ctx *ctx, const cli_input *in, const gt_deployment *d, const cli_input *theirs,
                bool theirs_hex, bool all)
{
    gt_comparison *c;
    gt_error e;
    unsigned flags = (theirs_hex ? GT_COMPARE_HEX : 0) | (all ? GT_COMPARE_ALL : 0);
    int rc = gt_challenge_compare(d, theirs->data, theirs->len, flags, &c, &e);
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
        print_text(c, all);
    bool equal = c->equal;
    gt_comparison_free(c);
    return equal ? CLI_OK : CLI_REFUSED;
}
