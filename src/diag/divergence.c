/* The catalogue of known divergences (docs/DIVERGENCES.md) and the engine that writes a
 * challenge the way another implementation does.
 *
 * Each entry rewrites the node's challenge at one of four stages: the workload data as
 * the other side reads it (stage DATA), single fragments (FRAGMENT: a value written in
 * another form, or left out), bytes after the text (SUFFIX), and what is finally hashed
 * (HASH). Fragments are recognised by their JSON path, the type of their workload and,
 * where the other side echoes the input, by what the input has at that path. */
#include "diag/divergence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/md5.h>

#include "core/deployment_impl.h"
#include "core/gonet.h"
#include "gridtypes/zos.h"
#include "json/reader.h"
#include "json/writer.h"

enum stage { DATA, FRAGMENT, SUFFIX, HASH };

/* A fragment rewriter: writes the other side's version of bytes[0..len) to out and
 * returns true, or returns false to leave the fragment as it is. */
typedef bool (*rewrite_fn)(const dv_ctx *ctx, const dv_frag *fi, const uint8_t *bytes, size_t len, gt_buf *out);

typedef struct entry {
    gt_divergence pub;
    enum stage stage;
    rewrite_fn rewrite;  /* FRAGMENT */
    const char *suffix;  /* SUFFIX */
    const char *group;   /* entries of a group are alternatives: never combined */
} entry;

/* ---- what a fragment is ---- */

static bool is(const uint8_t *p, size_t n, const char *s)
{
    return n == strlen(s) && memcmp(p, s, n) == 0;
}

static bool type_is(const dv_frag *fi, const char *t)
{
    return fi->type.len == strlen(t) && memcmp(fi->type.ptr, t, fi->type.len) == 0;
}

static bool rest_is(const dv_frag *fi, const char *r)
{
    return fi->wl != SIZE_MAX && strcmp(fi->rest, r) == 0;
}

static bool rest_starts(const dv_frag *fi, const char *r)
{
    return fi->wl != SIZE_MAX && strncmp(fi->rest, r, strlen(r)) == 0;
}

static bool digits(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return false;
    return n > 0;
}

static jt_kind found_kind(const dv_ctx *ctx, const dv_frag *fi)
{
    return fi->where == JT_FOUND ? ctx->tree.nodes[fi->node].kind : JT_DEEP;
}

static bool put(gt_buf *out, const char *s)
{
    gt_buf_puts(out, s);
    return true;
}

/* The input's string at the fragment's path, as Go decodes it. */
static bool input_string(const dv_ctx *ctx, const dv_frag *fi, gt_str *s)
{
    return found_kind(ctx, fi) == JT_STRING && jt_string((jt_tree *)&ctx->tree, fi->node, s);
}

/* ---- the rewriters ---- */

static bool nl_ip_range_undefined(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    return type_is(fi, GT_TYPE_NETWORK_LIGHT) && rest_is(fi, "data.ip_range") && is(b, n, "<nil>") &&
           put(out, "undefined");
}

static bool nl_ip_range_omitted(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    (void)out;
    return type_is(fi, GT_TYPE_NETWORK_LIGHT) && rest_is(fi, "data.ip_range") && is(b, n, "<nil>");
}

static bool nl_port_undefined(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    return type_is(fi, GT_TYPE_NETWORK_LIGHT) && rest_is(fi, "data.wireguard_listen_port") && is(b, n, "0") &&
           put(out, "undefined");
}

static bool nl_port_omitted(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    (void)out;
    return type_is(fi, GT_TYPE_NETWORK_LIGHT) && rest_is(fi, "data.wireguard_listen_port") && is(b, n, "0");
}

static bool nl_mycelium_undefined(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)b;
    if (!type_is(fi, GT_TYPE_NETWORK_LIGHT) || !rest_is(fi, "data.mycelium.hex_key") || n != 0)
        return false;
    char path[64];
    snprintf(path, sizeof path, "workloads[%zu].data.mycelium", fi->wl);
    uint32_t node;
    jt_where w = jt_path((jt_tree *)&c->tree, path, &node); /* lookups index the tree lazily */
    bool none = w == JT_ABSENT || (w == JT_FOUND && c->tree.nodes[node].kind == JT_NULL);
    return none && put(out, "undefined");
}

static bool null_as_null(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)b;
    (void)n;
    return found_kind(c, fi) == JT_NULL && put(out, "null");
}

static bool absent_as_undefined(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    (void)b;
    (void)n;
    return fi->where == JT_ABSENT && put(out, "undefined");
}

static bool number_rounded(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    (void)fi;
    uint64_t v;
    if (n > 20 || !gt_json_parse_u64(b, b + n, &v) || v <= ((uint64_t)1 << 53))
        return false;
    /* a double holds it to 53 bits; JavaScript prints such integers in full */
    char text[32];
    snprintf(text, sizeof text, "%.0f", (double)v);
    return put(out, text);
}

static bool ip_as_written(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    gt_str s;
    if (!input_string(c, fi, &s) || is(b, n, "") || (s.len == n && memcmp(s.ptr, b, n) == 0))
        return false;
    char norm[96];
    if (s.len > 100 || !gt_ip_normal_text(s.ptr, s.len, norm) || !is(b, n, norm))
        return false;
    gt_buf_put(out, s.ptr, s.len);
    return true;
}

static bool hex_as_written(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    gt_str s;
    if (!input_string(c, fi, &s) || s.len != n || memcmp(s.ptr, b, n) == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        char x = s.ptr[i];
        if (x >= 'A' && x <= 'F')
            x = (char)(x + 32);
        if ((uint8_t)x != b[i] || !((x >= '0' && x <= '9') || (x >= 'a' && x <= 'f')))
            return false;
    }
    gt_buf_put(out, s.ptr, s.len);
    return true;
}

static bool style_omitted(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    (void)b;
    (void)out;
    return fi->wl == SIZE_MAX && strcmp(fi->rest, "signature_requirement.signature_style") == 0 && n > 0;
}

static bool before_3_14_network_light(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n,
                                      gt_buf *out)
{
    (void)c;
    (void)b;
    (void)out;
    if (!type_is(fi, GT_TYPE_NETWORK_LIGHT))
        return false;
    /* the challenge was subnet + mycelium only; the other fields are left out */
    return n > 0 && (rest_is(fi, "data.ip_range") || rest_is(fi, "data.wireguard_private_key") ||
                     rest_is(fi, "data.wireguard_listen_port") || rest_starts(fi, "data.peers["));
}

static bool before_3_10_mycelium(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    (void)b;
    (void)out;
    return n > 0 && ((type_is(fi, GT_TYPE_NETWORK) && rest_starts(fi, "data.mycelium.")) ||
                     (type_is(fi, GT_TYPE_ZMACHINE) && rest_starts(fi, "data.network.mycelium.")));
}

static bool before_3_8_gpu(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    (void)b;
    (void)out;
    return n > 0 && type_is(fi, GT_TYPE_ZMACHINE) && rest_starts(fi, "data.gpu[");
}

static bool before_3_7_gateway_network(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n,
                                       gt_buf *out)
{
    (void)c;
    (void)b;
    (void)out;
    return n > 0 && (type_is(fi, GT_TYPE_GATEWAY_NAME) || type_is(fi, GT_TYPE_GATEWAY_FQDN)) &&
           rest_is(fi, "data.network");
}

static bool before_3_6_name(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    (void)c;
    (void)b;
    (void)out;
    return n > 0 && rest_is(fi, "name");
}

static bool python_bool(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    jt_kind k = found_kind(c, fi);
    if (is(b, n, "true") && k == JT_TRUE)
        return put(out, "True");
    if (is(b, n, "false") && k == JT_FALSE)
        return put(out, "False");
    return false;
}

static bool python_float(const dv_ctx *c, const dv_frag *fi, const uint8_t *b, size_t n, gt_buf *out)
{
    if (!digits(b, n) || found_kind(c, fi) != JT_NUMBER)
        return false;
    gt_buf_put(out, b, n);
    return put(out, ".0");
}

/* ---- the catalogue ---- */

#define GRID_CLIENT "@threefold/grid_client 2.9.2 (measured against the reference)"

static const entry catalogue[] = {
    {{"nl-ip-range-undefined", GT_DIVERGENCE_CLIENT,
      "a network-light's unset ip_range is written 'undefined' where the node writes '<nil>'", GRID_CLIENT, false},
     FRAGMENT, nl_ip_range_undefined, NULL, "nl-ip-range"},
    {{"nl-ip-range-omitted", GT_DIVERGENCE_CLIENT,
      "a network-light's unset ip_range is left out where the node writes '<nil>'", GRID_CLIENT, false},
     FRAGMENT, nl_ip_range_omitted, NULL, "nl-ip-range"},
    {{"nl-port-undefined", GT_DIVERGENCE_CLIENT,
      "a network-light's zero or absent WireGuard listen port is written 'undefined' where the node writes '0'",
      GRID_CLIENT, false},
     FRAGMENT, nl_port_undefined, NULL, "nl-port"},
    {{"nl-port-omitted", GT_DIVERGENCE_CLIENT,
      "a network-light's zero or absent WireGuard listen port is left out where the node writes '0'", GRID_CLIENT,
      false},
     FRAGMENT, nl_port_omitted, NULL, "nl-port"},
    {{"nl-mycelium-undefined", GT_DIVERGENCE_CLIENT,
      "a network-light without mycelium gets 'undefined' where the node writes an empty hex key", GRID_CLIENT,
      false},
     FRAGMENT, nl_mycelium_undefined, NULL, NULL},
    {{"null-as-null", GT_DIVERGENCE_CLIENT,
      "a field that is JSON null is written 'null' where the node writes the Go zero value (\"\", 0, false, <nil>)",
      GRID_CLIENT, false},
     FRAGMENT, null_as_null, NULL, NULL},
    {{"absent-as-undefined", GT_DIVERGENCE_CLIENT,
      "a field absent from the JSON is written 'undefined' where the node writes the Go zero value", GRID_CLIENT,
      false},
     FRAGMENT, absent_as_undefined, NULL, NULL},
    {{"number-rounded", GT_DIVERGENCE_CLIENT,
      "integers above 2^53 are rounded to the nearest double (JSON numbers read as doubles)", GRID_CLIENT, false},
     FRAGMENT, number_rounded, NULL, NULL},
    {{"ip-as-written", GT_DIVERGENCE_CLIENT,
      "IPs and CIDRs are written as the input has them, not in Go's normal form (net.IP.String, IPNet.String)",
      GRID_CLIENT, false},
     FRAGMENT, ip_as_written, NULL, NULL},
    {{"hex-as-written", GT_DIVERGENCE_CLIENT,
      "hex byte fields are written as the input has them (upper case kept) where the node writes lower case",
      GRID_CLIENT, false},
     FRAGMENT, hex_as_written, NULL, NULL},
    {{"signature-style-omitted", GT_DIVERGENCE_CLIENT,
      "signature_style is left out of the challenge where the node appends it",
      GRID_CLIENT "; zos before v3.0.21 (0ebf94ef)", false},
     FRAGMENT, style_omitted, NULL, NULL},
    {{"data-keys-as-javascript", GT_DIVERGENCE_CLIENT,
      "workload data is read as JavaScript's JSON.parse does: keys matched exactly (no case folding), a repeated "
      "key replacing the earlier value whole (Go merges repeated objects and arrays)",
      GRID_CLIENT, false},
     DATA, NULL, NULL, NULL},
    {{"rules-before-v3.14-network-light", GT_DIVERGENCE_NODE_RULES,
      "a network-light's challenge is subnet + mycelium only (no ip_range, WireGuard key, port or peers)",
      "zos v3.12.13 to v3.13.x, zoslight up to v0.3.7 (before d32dcb7e)", false},
     FRAGMENT, before_3_14_network_light, NULL, NULL},
    {{"rules-before-v3.10-mycelium", GT_DIVERGENCE_NODE_RULES,
      "no mycelium in the challenge of networks and VMs", "zos before v3.10.0 (before 141f3ecb, d2ba5be5)", false},
     FRAGMENT, before_3_10_mycelium, NULL, NULL},
    {{"rules-before-v3.8-gpu", GT_DIVERGENCE_NODE_RULES, "a VM's gpu list is not in the challenge",
      "zos before v3.8.0 (before 9ae56bff)", false},
     FRAGMENT, before_3_8_gpu, NULL, NULL},
    {{"rules-before-v3.7-gateway-network", GT_DIVERGENCE_NODE_RULES, "a gateway's network is not in the challenge",
      "zos before v3.7.0 (before 1221f02c)", false},
     FRAGMENT, before_3_7_gateway_network, NULL, NULL},
    {{"rules-before-v3.6-no-name", GT_DIVERGENCE_NODE_RULES, "workload names are not in the challenge",
      "zos before v3.6.0 (before 25b10a73)", false},
     FRAGMENT, before_3_6_name, NULL, NULL},
    {{"trailing-crlf", GT_DIVERGENCE_SLIP, "the text hashed ends with CR LF (an editor or a Windows tool)",
      "any hand-written client", false},
     SUFFIX, NULL, "\r\n", "trailing"},
    {{"trailing-newline", GT_DIVERGENCE_SLIP, "the text hashed ends with a newline", "any hand-written client",
      false},
     SUFFIX, NULL, "\n", "trailing"},
    {{"python-bool", GT_DIVERGENCE_SLIP, "bools are written 'True' / 'False' (Python's str() of a bool)",
      "hand-written Python clients", false},
     FRAGMENT, python_bool, NULL, NULL},
    {{"python-float", GT_DIVERGENCE_SLIP,
      "an integer is written as a float ('4294967296.0', Python's str() of a float)",
      "hand-written Python clients", true},
     FRAGMENT, python_float, NULL, NULL},
    {{"hash-of-hex-hash", GT_DIVERGENCE_SLIP,
      "the hex text of the hash is hashed again (the hash's hex where the challenge text was expected)",
      "any hand-written client", false},
     HASH, NULL, NULL, NULL},
};

#define NENTRIES (sizeof catalogue / sizeof catalogue[0])

bool dv_conflict(size_t a, size_t b)
{
    const char *ga = catalogue[a].group, *gb = catalogue[b].group;
    return a == b || (ga && gb && strcmp(ga, gb) == 0);
}

const char *gt_divergence_kind_name(gt_divergence_kind k)
{
    return k == GT_DIVERGENCE_CLIENT ? "client" : k == GT_DIVERGENCE_NODE_RULES ? "node-rules" : "slip";
}

size_t gt_divergence_count(void)
{
    return NENTRIES;
}

const gt_divergence *gt_divergence_get(size_t i)
{
    return i < NENTRIES ? &catalogue[i].pub : NULL;
}

size_t gt_divergence_find(const char *name)
{
    for (size_t i = 0; name && i < NENTRIES; i++)
        if (strcmp(catalogue[i].pub.name, name) == 0)
            return i;
    return SIZE_MAX;
}

/* ---- the engine ---- */

/* Fills the fragment facts of a map. */
static bool describe(dv_ctx *ctx, dv_map *dm)
{
    const gt_challenge_map *m = &dm->m;
    dm->info = calloc(m->nfrags ? m->nfrags : 1, sizeof *dm->info);
    if (!dm->info)
        return false;
    for (size_t k = 0; k < m->nfrags; k++) {
        dv_frag *fi = &dm->info[k];
        const char *p = m->frags[k].path;
        fi->wl = SIZE_MAX;
        fi->rest = p;
        if (strncmp(p, "workloads[", 10) == 0) {
            size_t i = 0;
            const char *q = p + 10;
            while (*q >= '0' && *q <= '9')
                i = i * 10 + (size_t)(*q++ - '0');
            if (*q == ']' && i < ctx->d->workloads.len) {
                fi->wl = i;
                fi->type = ctx->d->workloads.items[i].type;
                fi->rest = q[1] == '.' ? q + 2 : q + 1;
            }
        }
        fi->where = jt_path(&ctx->tree, p, &fi->node);
    }
    return true;
}

/* Whether a client's object key is the field's name: the JSON tag exactly; a field without
 * a tag (its Go name, "Network") is spelt in lower case by the clients ("network"). */
static bool client_key(gt_str key, const char *name, size_t len)
{
    if (key.len != len)
        return false;
    if (memcmp(key.ptr, name, len) == 0)
        return true;
    bool untagged = false;
    for (size_t i = 0; i < len; i++)
        untagged |= name[i] >= 'A' && name[i] <= 'Z';
    if (!untagged)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] + 32) : name[i];
        if (key.ptr[i] != c)
            return false;
    }
    return true;
}

/* JSON value `node` of t as JavaScript's JSON.parse would hand it to a client that reads
 * the fields of schema s: only exact keys, and of repeated keys the last one, whole. */
static void js_value(const jt_tree *t, uint32_t node, const gt_schema *s, gt_buf *out)
{
    const jt_node *x = &t->nodes[node];
    while (s && s->kind == GT_KIND_PTR)
        s = s->elem;
    if (x->kind == JT_OBJECT && s && s->kind == GT_KIND_STRUCT) {
        gt_buf_putc(out, '{');
        bool first = true;
        for (uint32_t f = 0; f < s->nfields; f++) {
            const gt_field *fd = &s->fields[f];
            size_t fl = strlen(fd->name);
            uint32_t last = 0;
            for (uint32_t k = x->first; k; k = t->nodes[k].next)
                if (client_key(t->nodes[k].key, fd->name, fl))
                    last = k;
            if (!last)
                continue;
            if (!first)
                gt_buf_putc(out, ',');
            first = false;
            gt_json_put_string(out, fd->name, fl);
            gt_buf_putc(out, ':');
            js_value(t, last, fd->type, out);
        }
        gt_buf_putc(out, '}');
        return;
    }
    if (x->kind == JT_OBJECT && s && s->kind == GT_KIND_MAP) {
        uint32_t *later = malloc((x->nkids ? x->nkids : 1) * sizeof *later);
        if (!later || !jt_repeated((jt_tree *)t, node, later)) {
            free(later);
            out->failed = true;
            return;
        }
        gt_buf_putc(out, '{');
        bool first = true;
        for (uint32_t i = 0; i < x->nkids; i++) {
            if (later[i] != UINT32_MAX)
                continue; /* a later member has the same key: JSON.parse keeps that one */
            uint32_t k = jt_child(t, node, i);
            gt_str key = t->nodes[k].key;
            if (!first)
                gt_buf_putc(out, ',');
            first = false;
            gt_json_put_string(out, key.ptr, key.len);
            gt_buf_putc(out, ':');
            gt_buf_put(out, t->doc + t->nodes[k].start, t->nodes[k].end - t->nodes[k].start);
        }
        gt_buf_putc(out, '}');
        free(later);
        return;
    }
    if (x->kind == JT_ARRAY && s && s->kind == GT_KIND_SLICE) {
        gt_buf_putc(out, '[');
        for (uint32_t k = x->first; k; k = t->nodes[k].next) {
            js_value(t, k, s->elem, out);
            if (t->nodes[k].next)
                gt_buf_putc(out, ',');
        }
        gt_buf_putc(out, ']');
        return;
    }
    gt_buf_put(out, t->doc + x->start, x->end - x->start);
}

/* The deployment again, each workload's data rewritten as a JavaScript client reads it;
 * its challenge map into ctx->js. */
static int build_js(dv_ctx *ctx, const uint8_t *doc, size_t len, gt_error *err)
{
    gt_deployment *d2;
    if (gt_deployment_parse(doc, len, &d2, NULL) != GT_OK)
        return GT_OK; /* nothing to compare with: the entry does not apply */
    int rc = GT_OK;
    bool changed = false;
    for (uint32_t i = 0; i < d2->workloads.len && rc == GT_OK && i < ctx->d->workloads.len; i++) {
        gt_workload *wl = &d2->workloads.items[i];
        const gt_workload_type *t = gt_type_lookup(wl->type.ptr, wl->type.len);
        if (!t || !t->schema || !wl->data.len)
            continue;
        jt_tree dt;
        if (!jt_build(&dt, (const uint8_t *)wl->data.ptr, wl->data.len)) {
            rc = gt_error_set(err, GT_ENOMEM, "out of memory");
            break;
        }
        gt_buf b;
        gt_buf_init(&b);
        if (dt.n > 1)
            js_value(&dt, 1, t->schema, &b);
        if (b.failed)
            rc = gt_error_set(err, GT_ENOMEM, "out of memory");
        else if (dt.n > 1 && (b.len != wl->data.len || memcmp(b.data, wl->data.ptr, b.len) != 0)) {
            changed = true;
            rc = gt_workload_set_data(d2, wl, b.data, b.len);
            if (rc != GT_OK)
                gt_error_set(err, rc, "out of memory");
        }
        gt_buf_free(&b);
        jt_free(&dt);
    }
    if (rc == GT_OK && changed && gt_challenge_map_build(d2, &ctx->js.m, NULL) == GT_OK) {
        const gt_challenge_map *a = &ctx->base.m, *b = &ctx->js.m;
        ctx->js_differs = a->len != b->len || memcmp(a->bytes, b->bytes, a->len) != 0;
        /* the same workloads, read another way: their facts come from d's input */
        if (ctx->js_differs && !describe(ctx, &ctx->js))
            rc = gt_error_set(err, GT_ENOMEM, "out of memory");
    }
    gt_deployment_free(d2);
    return rc;
}

int dv_init(dv_ctx *ctx, const gt_deployment *d, gt_error *err)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->d = d;
    gt_buf_init(&ctx->scratch[0]);
    gt_buf_init(&ctx->scratch[1]);
    int rc = gt_challenge_map_build(d, &ctx->base.m, err);
    if (rc != GT_OK)
        return rc;
    const gt_deployment_impl *di = (const gt_deployment_impl *)d;
    const uint8_t *doc = di->input;
    size_t len = di->input_len;
    if (!doc) {
        /* built, not parsed: its encoding stands for the input (values in Go's forms) */
        if ((rc = gt_deployment_encode(d, &ctx->encoded, &len, err)) != GT_OK)
            return rc;
        doc = (const uint8_t *)ctx->encoded;
    }
    if (!jt_build(&ctx->tree, doc, len) || !describe(ctx, &ctx->base))
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    return build_js(ctx, doc, len, err);
}

void dv_free(dv_ctx *ctx)
{
    gt_challenge_map_free(&ctx->base.m);
    free(ctx->base.info);
    gt_challenge_map_free(&ctx->js.m);
    free(ctx->js.info);
    jt_free(&ctx->tree);
    free(ctx->encoded);
    gt_buf_free(&ctx->scratch[0]);
    gt_buf_free(&ctx->scratch[1]);
    memset(ctx, 0, sizeof *ctx);
}

bool dv_text(dv_ctx *ctx, const bool *set, const char *field, gt_buf *out)
{
    out->len = 0;
    const dv_map *dm = &ctx->base;
    for (size_t e = 0; e < NENTRIES; e++)
        if (set[e] && catalogue[e].stage == DATA && ctx->js_differs)
            dm = &ctx->js;
    const gt_challenge_map *m = &dm->m;
    for (size_t k = 0; k < m->nfrags; k++) {
        const uint8_t *bytes = m->bytes + m->frags[k].start;
        size_t len = m->frags[k].len;
        int cur = 0;
        for (size_t e = 0; e < NENTRIES; e++) {
            const entry *en = &catalogue[e];
            if (!set[e] || en->stage != FRAGMENT)
                continue;
            if (en->pub.per_field && field && strcmp(field, m->frags[k].path) != 0)
                continue;
            gt_buf *s = &ctx->scratch[cur];
            s->len = 0;
            if (en->rewrite(ctx, &dm->info[k], bytes, len, s)) {
                if (s->failed)
                    return false;
                bytes = (const uint8_t *)s->data;
                len = s->len;
                cur ^= 1; /* the next rewrite reads this buffer and writes the other */
            }
        }
        gt_buf_put(out, bytes, len);
    }
    for (size_t e = 0; e < NENTRIES; e++)
        if (set[e] && catalogue[e].stage == SUFFIX)
            gt_buf_puts(out, catalogue[e].suffix);
    for (size_t e = 0; e < NENTRIES; e++) {
        if (!set[e] || catalogue[e].stage != HASH)
            continue;
        uint8_t h[16];
        dv_md5(out, h);
        char hex[33];
        gt_hex_encode(h, sizeof h, hex);
        out->len = 0;
        gt_buf_put(out, hex, 32);
    }
    return !out->failed;
}

void dv_md5(const gt_buf *text, uint8_t out[16])
{
    struct md5_ctx m;
    md5_init(&m);
    md5_update(&m, text->len, (const uint8_t *)text->data);
    md5_digest(&m, 16, out);
}

bool dv_rewrite(dv_ctx *ctx, size_t e, size_t k, gt_buf *out)
{
    out->len = 0;
    if (e >= NENTRIES || catalogue[e].stage != FRAGMENT || k >= ctx->base.m.nfrags)
        return false;
    const gt_challenge_map *m = &ctx->base.m;
    const uint8_t *bytes = m->bytes + m->frags[k].start;
    size_t len = m->frags[k].len;
    if (!catalogue[e].rewrite(ctx, &ctx->base.info[k], bytes, len, out))
        return false;
    return out->len != len || (len && memcmp(out->data, bytes, len) != 0);
}

int gt_divergence_apply(const gt_deployment *d, const size_t *which, size_t n, const char *field, uint8_t **text,
                        size_t *len, gt_error *err)
{
    if (!d || !text || !len || (n && !which))
        return gt_error_set(err, GT_EARG, "gt_divergence_apply: NULL argument");
    *text = NULL;
    *len = 0;
    bool set[NENTRIES] = {false};
    for (size_t i = 0; i < n; i++) {
        if (which[i] >= NENTRIES)
            return gt_error_set(err, GT_EARG, "gt_divergence_apply: no catalogue entry %zu", which[i]);
        set[which[i]] = true;
    }
    dv_ctx ctx;
    int rc = dv_init(&ctx, d, err);
    gt_buf out;
    gt_buf_init(&out);
    if (rc == GT_OK && !dv_text(&ctx, set, field, &out))
        rc = gt_error_set(err, GT_ENOMEM, "out of memory");
    dv_free(&ctx);
    if (rc != GT_OK) {
        gt_buf_free(&out);
        return rc;
    }
    *len = out.len;
    *text = (uint8_t *)out.data;
    if (!*text) {
        *text = malloc(1);
        if (!*text)
            return gt_error_set(err, GT_ENOMEM, "out of memory");
    }
    return GT_OK;
}
