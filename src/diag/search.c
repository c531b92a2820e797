/* gt_divergence_search: which known divergences turn the node's challenge into the text
 * whose hash another implementation computed. Candidates are built by the divergence
 * engine (divergence.c) in a fixed, bounded order: single entries (per_field entries also
 * one field at a time), then pairs, then whole client profiles. */
#include "diag/divergence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/gonet.h"

#define MATCHES_MAX 16

typedef struct {
    dv_ctx ctx;
    uint8_t want[16];
    gt_divergence_result *r;
    size_t cap;
    bool oom;
} search;

void dv_match_set(gt_divergence_match *m, const bool *set, const char *field)
{
    memset(m, 0, sizeof *m);
    for (size_t e = 0; e < gt_divergence_count() && m->nentries < GT_DIVERGENCE_COMBO_MAX; e++)
        if (set[e])
            m->entries[m->nentries++] = e;
    if (field)
        snprintf(m->field, sizeof m->field, "%s", field);
}

bool dv_match_add(gt_divergence_match **list, size_t *n, size_t *cap, const bool *set, const char *field)
{
    if (*n == *cap) {
        size_t ncap = *cap ? 2 * *cap : 4;
        gt_divergence_match *nm = realloc(*list, ncap * sizeof *nm);
        if (!nm)
            return false;
        *list = nm;
        *cap = ncap;
    }
    dv_match_set(&(*list)[(*n)++], set, field);
    return true;
}

/* The search's visitor: records the candidate when its hash is the one wanted. */
static int visit_hash(void *arg, const bool *set, const char *field, const gt_buf *text)
{
    search *s = arg;
    uint8_t h[16];
    dv_md5(text, h);
    if (memcmp(h, s->want, 16) != 0)
        return 0;
    if (s->r->nmatches < MATCHES_MAX && !dv_match_add(&s->r->matches, &s->r->nmatches, &s->cap, set, field))
        return -1;
    return 1;
}

int dv_enumerate(dv_ctx *ctx, dv_visit visit, void *arg, size_t *applicable, size_t *tried)
{
    size_t n = gt_divergence_count();
    bool *set = calloc(n, sizeof *set), *applies = calloc(n, sizeof *applies);
    gt_buf base, text;
    gt_buf_init(&base);
    gt_buf_init(&text);
    int rc = GT_OK, v = 0;
    bool hit = false;
    *applicable = *tried = 0;
    if (!set || !applies || !dv_text(ctx, set, NULL, &base))
        rc = GT_ENOMEM;
#define TRY(field)                                                                    \
    do {                                                                              \
        if (!dv_text(ctx, set, (field), &text)) {                                     \
            rc = GT_ENOMEM;                                                           \
            break;                                                                    \
        }                                                                             \
        changed = text.len != base.len || memcmp(text.data, base.data, base.len) != 0; \
        if (changed) {                                                                \
            ++*tried;                                                                 \
            v = visit(arg, set, (field), &text);                                      \
            hit |= v > 0;                                                             \
        }                                                                             \
    } while (0)
    bool changed = false;
    /* singles: which entries change this deployment's challenge at all */
    for (size_t e = 0; rc == GT_OK && v >= 0 && e < n; e++) {
        set[e] = true;
        TRY(NULL);
        applies[e] = changed;
        *applicable += changed;
        if (changed && gt_divergence_get(e)->per_field) {
            /* the same mistake on one field only: each field alone, the first
             * GT_DIVERGENCE_FIELDS_MAX fields it changes (each try hashes the whole text) */
            const gt_challenge_map *m = &ctx->base.m;
            size_t fields = 0;
            for (size_t k = 0; k < m->nfrags && rc == GT_OK && v >= 0 && fields < GT_DIVERGENCE_FIELDS_MAX; k++) {
                if (k && strcmp(m->frags[k].path, m->frags[k - 1].path) == 0)
                    continue;
                if (!dv_rewrite(ctx, e, k, &text))
                    continue; /* the entry leaves this field alone */
                fields++;
                TRY(m->frags[k].path);
            }
        }
        set[e] = false;
    }
    /* pairs */
    for (size_t a = 0; rc == GT_OK && v >= 0 && !hit && a < n; a++) {
        for (size_t b = a + 1; applies[a] && b < n && rc == GT_OK && v >= 0; b++) {
            if (!applies[b] || dv_conflict(a, b))
                continue;
            set[a] = set[b] = true;
            TRY(NULL);
            set[a] = set[b] = false;
        }
    }
    /* whole client profiles: every applicable client entry, each group's first or last
     * alternative ("undefined" or left out) */
    for (int alt = 0; rc == GT_OK && v >= 0 && !hit && alt < 2; alt++) {
        size_t count = 0;
        for (size_t e = 0; e < n; e++) {
            set[e] = false;
            if (!applies[e] || gt_divergence_get(e)->kind != GT_DIVERGENCE_CLIENT)
                continue;
            bool taken = false;
            for (size_t f = 0; f < n && !taken; f++)
                if (f != e && applies[f] && dv_conflict(e, f) && (alt == 0 ? f < e : f > e))
                    taken = true;
            set[e] = !taken;
            count += set[e];
        }
        if (count > 2)
            TRY(NULL);
        memset(set, 0, n * sizeof *set);
    }
#undef TRY
    if (v < 0 && rc == GT_OK)
        rc = v == -1 ? GT_ENOMEM : GT_OK;
    free(set);
    free(applies);
    gt_buf_free(&base);
    gt_buf_free(&text);
    return rc;
}

static bool parse_hash(const char *s, size_t n, uint8_t out[16], char hex[33], gt_error *err)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (n - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        i += 2;
    size_t k = 0;
    for (; i < n && k < 32; i++, k++) {
        int v = gt_hex_digit((unsigned char)s[i]);
        if (v < 0) {
            gt_error_set(err, GT_EVALUE, "not a hash: byte %zu is not a hex digit", i);
            gt_error_at(err, i, NULL);
            return false;
        }
        hex[k] = "0123456789abcdef"[v];
        if (k % 2 == 0)
            out[k / 2] = (uint8_t)(v << 4);
        else
            out[k / 2] |= (uint8_t)v;
    }
    hex[k] = '\0';
    if (k != 32 || i != n) {
        gt_error_set(err, GT_EVALUE, "not a hash: 32 hex digits expected");
        gt_error_at(err, k != 32 ? n : i, NULL);
        return false;
    }
    return true;
}

int gt_divergence_search(const gt_deployment *d, const char *hash, size_t len, gt_divergence_result **out,
                         gt_error *err)
{
    if (out)
        *out = NULL;
    if (!d || !hash || !out)
        return gt_error_set(err, GT_EARG, "gt_divergence_search: NULL argument");
    search s;
    memset(&s, 0, sizeof s);
    gt_divergence_result *r = calloc(1, sizeof *r);
    if (!r)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    s.r = r;
    if (!parse_hash(hash, len, s.want, r->theirs, err)) {
        free(r);
        return GT_EVALUE;
    }
    int rc = gt_deployment_challenge_hash_hex(d, r->ours, err);
    if (rc != GT_OK) {
        free(r);
        return rc;
    }
    r->equal = strcmp(r->ours, r->theirs) == 0;
    if (r->equal)
        return *out = r, GT_OK;

    rc = dv_init(&s.ctx, d, err);
    if (rc == GT_OK && dv_enumerate(&s.ctx, visit_hash, &s, &r->applicable, &r->tried) != GT_OK)
        rc = gt_error_set(err, GT_ENOMEM, "out of memory");
    dv_free(&s.ctx);
    if (rc != GT_OK) {
        gt_divergence_result_free(r);
        return rc;
    }
    *out = r;
    return GT_OK;
}

void gt_divergence_result_free(gt_divergence_result *r)
{
    if (!r)
        return;
    free(r->matches);
    free(r);
}
