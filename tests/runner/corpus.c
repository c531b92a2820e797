/* What the kinds of cases share: walking a corpus, reading expected fields, and the check
 * of a stage's outcome against the reference's. */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool is_null(const jd *v)
{
    return !v || v->kind == JD_NULL;
}

bool flag(const jd *e, const char *key)
{
    const jd *v = jd_get(e, key);
    return v && v->kind == JD_BOOL && v->b;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "conformance: out of memory\n");
        exit(2);
    }
    return p;
}

void unhex(const char *hex, size_t n, void *out)
{
    unsigned char *o = out;
    for (size_t i = 0; i < n; i++) {
        unsigned x = 0;
        sscanf(hex + 2 * i, "%2x", &x);
        o[i] = (unsigned char)x;
    }
}

/* A malloc'd, NUL-terminated copy of n bytes. */
static char *copy(const char *p, size_t n)
{
    char *s = xmalloc(n + 1);
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

char *expected_bytes(const jd *e, const char *key, size_t *len, bool *exact)
{
    char hk[64];
    snprintf(hk, sizeof hk, "%s_hex", key);
    const jd *h = jd_get(e, hk), *v = jd_get(e, key);
    bool hex = h && h->kind == JD_STR;
    if (exact)
        *exact = hex;
    if (hex) {
        *len = h->len / 2;
        char *s = xmalloc(*len + 1);
        unhex(h->str, *len, s);
        s[*len] = '\0';
        return s;
    }
    if (!v || v->kind != JD_STR)
        return NULL;
    *len = v->len;
    return copy(v->str, v->len);
}

char *arg_bytes(const jd *a, size_t *len)
{
    if (a->len > 4 && strncmp(a->str, "hex:", 4) == 0) {
        *len = (a->len - 4) / 2;
        char *s = xmalloc(*len + 1);
        unhex(a->str + 4, *len, s);
        s[*len] = '\0';
        return s;
    }
    *len = a->len;
    return copy(a->str, a->len);
}

jd *ids_case_open(const char *line, size_t len, ids_case *c)
{
    jd *v = jd_parse(line, len);
    const jd *args = jd_get(v, "args");
    c->expect = jd_get(v, "expect");
    if (!args || args->kind != JD_ARR || args->n < 3 || !c->expect) {
        jd_free(v);
        return NULL;
    }
    c->twin = (uint32_t)strtoul(args->items[0].str, NULL, 10);
    c->contract = strtoull(args->items[1].str, NULL, 10);
    c->name = arg_bytes(&args->items[2], &c->name_len);
    return v;
}

bool outcome_differs(char *why, size_t cap, const char *stage, int rc, const char *msg, const jd *want, bool panic)
{
    if (is_null(want) != (rc == GT_OK))
        snprintf(why, cap, "%s: expected %s, got %s", stage, is_null(want) ? "success" : want->str,
                 rc == GT_OK ? "success" : msg);
    else if (rc != GT_OK && panic != (rc == GT_EPANIC))
        snprintf(why, cap, "%s: panic expected=%d, got %s", stage, panic, msg);
    else
        return false;
    return true;
}

void each_case(const char *corpus, const char *sub, tally *t, case_fn *run, bool inputs_only)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", corpus, sub);
    size_t n;
    char **list = list_dir(dir, &n);
    if (!list)
        return;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(list[i]);
        if (inputs_only && (len < 5 || strcmp(list[i] + len - 5, ".json") != 0 ||
                            (len > 12 && strcmp(list[i] + len - 12, ".expect.json") == 0)))
            continue;
        run(t, dir, list[i]);
    }
    free_list(list, n);
}

void each_line(const char *corpus, const char *name, tally *t, line_fn *run)
{
    size_t len;
    char *all = read_in(corpus, name, &len);
    int lineno = 0;
    for (char *p = all; p && p < all + len;) {
        char *nl = memchr(p, '\n', (size_t)(all + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(all + len - p);
        lineno++;
        if (n)
            run(t, p, n, lineno);
        p += n + 1;
    }
    free(all);
}
