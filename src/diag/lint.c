/* gt_lint: what the node accepts but other clients will hash differently (values not in
 * the node's canonical form, keys Go folds or merges, null and absent fields), and what the
 * node refuses outside Deployment.Valid (at Verify, or when it provisions a VM).
 *
 * The canonical-form checks are the divergence catalogue's rewriters asked one fragment at
 * a time: a fragment that a known client writes differently is a finding at its path. The
 * key checks walk the input's JSON tree along the schemas, as Go's decoder matches keys. */
#include "diag/divergence.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deployment_impl.h"
#include "core/gonet.h"
#include "core/name_index.h"
#include "gridtypes/zos.h"

typedef struct {
    dv_ctx ctx;
    gt_lint_result *r;
    size_t cap;
    bool oom;
    gt_name_index names; /* workload names, for the VMs' references */
} lint;

static gt_lint_finding *add(lint *l, const char *code, const char *path, size_t offset)
{
    if (l->oom)
        return NULL;
    if (l->r->n == GT_LINT_FINDINGS_MAX) {
        l->r->more++;
        return NULL;
    }
    if (l->r->n == l->cap) {
        size_t ncap = l->cap ? 2 * l->cap : 8;
        gt_lint_finding *nf = realloc(l->r->findings, ncap * sizeof *nf);
        if (!nf) {
            l->oom = true;
            return NULL;
        }
        l->r->findings = nf;
        l->cap = ncap;
    }
    gt_lint_finding *f = &l->r->findings[l->r->n++];
    memset(f, 0, sizeof *f);
    f->code = code;
    snprintf(f->path, sizeof f->path, "%s", path);
    f->offset = offset;
    return f;
}

static void finding(lint *l, const char *code, const char *path, size_t offset, const char *fix, const char *fmt,
                    ...) __attribute__((format(printf, 6, 7)));

static void finding(lint *l, const char *code, const char *path, size_t offset, const char *fix, const char *fmt, ...)
{
    gt_lint_finding *f = add(l, code, path, offset);
    if (!f)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    va_end(ap);
    snprintf(f->fix, sizeof f->fix, "%s", fix);
}

/* Bytes for a message: printable ASCII as is, others escaped, at most 80. */
static void shown(char *buf, size_t cap, const char *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && i < 80 && k + 5 < cap; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c >= 0x7f || c == '\\')
            k += (size_t)snprintf(buf + k, cap - k, "\\x%02x", c);
        else
            buf[k++] = (char)c;
    }
    if (n > 80 && k + 4 < cap) {
        memcpy(buf + k, "...", 3);
        k += 3;
    }
    buf[k] = '\0';
}

/* ---- canonical forms, one fragment at a time ---- */

static void canonical_forms(lint *l)
{
    static const struct {
        const char *entry, *code;
    } checks[] = {{"ip-as-written", "ip-not-canonical"},
                  {"hex-as-written", "hex-not-lower-case"},
                  {"number-rounded", "integer-above-2^53"},
                  {"null-as-null", "null-field"},
                  {"absent-as-undefined", "absent-field"}};
    const gt_challenge_map *m = &l->ctx.base.m;
    gt_buf other;
    gt_buf_init(&other);
    for (size_t c = 0; c < sizeof checks / sizeof checks[0]; c++) {
        size_t e = gt_divergence_find(checks[c].entry);
        const char *last = NULL;
        for (size_t k = 0; k < m->nfrags; k++) {
            if (!dv_rewrite(&l->ctx, e, k, &other))
                continue;
            const gt_challenge_fragment *f = &m->frags[k];
            if (last && strcmp(last, f->path) == 0)
                continue; /* a map entry writes key, '=' and value under one path */
            last = f->path;
            const dv_frag *fi = &l->ctx.base.info[k];
            size_t at = fi->node ? l->ctx.tree.nodes[fi->node].start : GT_NO_OFFSET;
            char node[200], theirs[200], fix[400];
            shown(node, sizeof node, (const char *)m->bytes + f->start, f->len);
            shown(theirs, sizeof theirs, other.data, other.len);
            switch (c) {
            case 0:
                snprintf(fix, sizeof fix, "write \"%s\"", node);
                finding(l, checks[c].code, f->path, at, fix,
                        "the IP is written '%s'; the node hashes Go's form '%s', a client that copies the text "
                        "hashes '%s'",
                        theirs, node, theirs);
                break;
            case 1:
                snprintf(fix, sizeof fix, "write the hex in lower case: \"%s\"", node);
                finding(l, checks[c].code, f->path, at, fix,
                        "the hex has upper-case letters; the node hashes it in lower case, a client that copies "
                        "the text hashes '%s'",
                        theirs);
                break;
            case 2:
                finding(l, checks[c].code, f->path, at,
                        "keep it at most 9007199254740992, or make every client read it as a 64-bit integer",
                        "%s is above 2^53: a client that reads JSON numbers as doubles (JavaScript) hashes %s",
                        node, theirs);
                break;
            case 3:
                snprintf(fix, sizeof fix, "write its value (the node's zero value is '%s') instead of null", node);
                finding(l, checks[c].code, f->path, at, fix,
                        "the field is null: the node hashes its zero value '%s', a JavaScript client writes "
                        "'null'",
                        node);
                break;
            default:
                snprintf(fix, sizeof fix, "write the field with its value (the node's zero value is '%s')", node);
                finding(l, checks[c].code, f->path, at, fix,
                        "the field is left out: the node hashes its zero value '%s', a JavaScript client writes "
                        "'undefined'",
                        node);
                break;
            }
        }
    }
    if (other.failed)
        l->oom = true;
    gt_buf_free(&other);
}

/* ---- keys: case folding and repeats, along the schemas ---- */

static void walk(lint *l, uint32_t node, const gt_schema *s, char *path, size_t plen, size_t cap, size_t wl);

/* Writes a path segment after path[0..plen) (cut to fit cap); returns the new length. */
static size_t path_add(char *path, size_t plen, size_t cap, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static size_t path_add(char *path, size_t plen, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(path + plen, cap - plen, fmt, ap);
    va_end(ap);
    size_t n = plen + (k > 0 ? (size_t)k : 0);
    return n < cap ? n : cap - 1;
}

static size_t member_path(char *path, size_t plen, size_t cap, const char *name)
{
    return path_add(path, plen, cap, "%s%s", plen ? "." : "", name);
}

static void walk_struct(lint *l, uint32_t node, const gt_schema *s, char *path, size_t plen, size_t cap, size_t wl)
{
    const jt_tree *t = &l->ctx.tree;
    uint32_t seen[64] = {0};
    for (uint32_t k = t->nodes[node].first; k; k = t->nodes[k].next) {
        gt_str key = t->nodes[k].key;
        const gt_field *f = NULL;
        uint32_t fi = 0;
        for (uint32_t i = 0; i < s->nfields && !f; i++)
            if (key.len == strlen(s->fields[i].name) && memcmp(key.ptr, s->fields[i].name, key.len) == 0)
                f = &s->fields[(fi = i)];
        bool folded = false;
        for (uint32_t i = 0; i < s->nfields && !f; i++)
            if (gt_key_cmp(key.ptr, (uint32_t)key.len, s->fields[i].name, (uint32_t)strlen(s->fields[i].name),
                           true) == 0)
                f = &s->fields[(fi = i)], folded = true;
        if (!f)
            continue; /* unknown keys are ignored by the node and by clients alike */
        size_t nlen = member_path(path, plen, cap, f->name);
        char fix[300], k_shown[120];
        shown(k_shown, sizeof k_shown, key.ptr, key.len);
        if (folded) {
            snprintf(fix, sizeof fix, "write the key as \"%s\"", f->name);
            finding(l, "key-case", path, t->nodes[k].start, fix,
                    "the key \"%s\" matches the field %s only by case folding: the node (Go) takes it, a client "
                    "that reads keys exactly does not",
                    k_shown, f->name);
        }
        if (fi < 64 && seen[fi]++) {
            snprintf(fix, sizeof fix, "keep one \"%s\" key", f->name);
            jt_kind kind = t->nodes[k].kind;
            finding(l, "duplicate-key", path, t->nodes[k].start, fix,
                    "%s is given again: the node %s, a client using JSON.parse keeps only the last value",
                    f->name,
                    kind == JT_OBJECT   ? "merges the objects"
                    : kind == JT_ARRAY ? "decodes the arrays element by element into each other"
                                        : "keeps the last value");
        }
        const gt_schema *ft = f->type;
        if (ft->kind == GT_KIND_RAW && wl != SIZE_MAX && strcmp(f->name, "data") == 0) {
            const gt_workload *w = &l->ctx.d->workloads.items[wl];
            const gt_workload_type *type = gt_type_lookup(w->type.ptr, w->type.len);
            ft = type ? type->schema : NULL;
        }
        if (ft)
            walk(l, k, ft, path, nlen, cap, wl);
        path[plen] = '\0';
    }
}

static void walk(lint *l, uint32_t node, const gt_schema *s, char *path, size_t plen, size_t cap, size_t wl)
{
    const jt_tree *t = &l->ctx.tree;
    while (s && s->kind == GT_KIND_PTR)
        s = s->elem;
    if (!s || !node || l->oom)
        return;
    jt_kind kind = t->nodes[node].kind;
    if (kind == JT_OBJECT && s->kind == GT_KIND_STRUCT) {
        walk_struct(l, node, s, path, plen, cap, wl);
    } else if (kind == JT_OBJECT && s->kind == GT_KIND_MAP) {
        uint32_t n = t->nodes[node].nkids;
        uint32_t *next = malloc((n ? n : 1) * sizeof *next);
        if (!next || !jt_repeated(&l->ctx.tree, node, next)) {
            free(next);
            l->oom = true;
            return;
        }
        /* a member with a later twin: the finding points at the later one, which Go keeps */
        for (uint32_t i = 0; i < n; i++) {
            if (next[i] == UINT32_MAX)
                continue;
            gt_str key = t->nodes[jt_child(t, node, i)].key;
            uint32_t kept = jt_child(t, node, next[i]);
            char k_shown[120], fix[200];
            shown(k_shown, sizeof k_shown, key.ptr, key.len);
            snprintf(fix, sizeof fix, "keep one \"%s\" key", k_shown);
            member_path(path, plen, cap, k_shown);
            finding(l, "duplicate-key", path, t->nodes[kept].start, fix,
                    "the key \"%s\" is given twice: the node keeps the last value; check that every client does",
                    k_shown);
            path[plen] = '\0';
        }
        free(next);
    } else if (kind == JT_ARRAY && s->kind == GT_KIND_SLICE) {
        size_t i = 0;
        for (uint32_t k = t->nodes[node].first; k; k = t->nodes[k].next, i++) {
            size_t nlen = path_add(path, plen, cap, "[%zu]", i);
            /* the deployment's workloads: their data has the schema of their type */
            size_t w = s->elem == &gt_schema_workload && i < l->ctx.d->workloads.len ? i : wl;
            walk(l, k, s->elem, path, nlen, cap, w);
            path[plen] = '\0';
        }
    }
}

/* ---- what the node refuses outside Valid ---- */

/* The offset of the value at `path` in the input, or GT_NO_OFFSET. */
static size_t at_path(lint *l, const char *path)
{
    uint32_t node;
    return jt_path(&l->ctx.tree, path, &node) == JT_FOUND ? l->ctx.tree.nodes[node].start : GT_NO_OFFSET;
}

static void signature_checks(lint *l)
{
    const gt_deployment *d = l->ctx.d;
    const gt_signature_requirement *sr = &d->signature_requirement;
    bool owner = false;
    uint64_t sum = 0;
    bool saturated = false;
    for (uint32_t i = 0; i < sr->requests.len; i++) {
        owner |= sr->requests.items[i].twin_id == d->twin_id;
        if (sum + sr->requests.items[i].weight < sum)
            saturated = true;
        sum += sr->requests.items[i].weight;
    }
    uint32_t node;
    jt_where w = jt_path(&l->ctx.tree, "signature_requirement.requests", &node);
    size_t at = w == JT_FOUND || w == JT_ABSENT ? l->ctx.tree.nodes[node].start : GT_NO_OFFSET;
    char fix[200];
    if (!owner) {
        snprintf(fix, sizeof fix, "add {\"twin_id\": %u, \"required\": true, \"weight\": 1} to the requests", d->twin_id);
        finding(l, "owner-not-requested", "signature_requirement.requests", at, fix,
                "the deployment's own twin %u has no signature request: the node refuses it when it verifies the "
                "signatures (\"originator twin id must be in the signature requests\")",
                d->twin_id);
    }
    if (!saturated && sum < sr->weight_required) {
        at = at_path(l, "signature_requirement.weight_required");
        snprintf(fix, sizeof fix, "lower weight_required to at most %llu, or request more signatures",
                 (unsigned long long)sum);
        finding(l, "weight-unreachable", "signature_requirement.weight_required", at, fix,
                "weight_required is %llu, but all the requests together weigh %llu: even signed by every twin, the "
                "node refuses it (\"required signature weight is not reached\")",
                (unsigned long long)sr->weight_required, (unsigned long long)sum);
    }
}


static bool type_is(gt_str t, const char *s)
{
    return t.len == strlen(s) && memcmp(t.ptr, s, t.len) == 0;
}

/* A VM's reference `name` at `path` must name a workload of one of `types`. Returns the
 * workload referred to (SIZE_MAX when none or of the wrong type). */
static size_t reference(lint *l, const char *path, gt_str name, const char *const *types, size_t ntypes,
                        const char *what)
{
    if (!name.len)
        return SIZE_MAX;
    const gt_deployment *d = l->ctx.d;
    /* through an index: many VMs referring to many workloads stay linear */
    size_t w = gt_name_index_find(&l->names, name);
    char n[120], fix[300];
    shown(n, sizeof n, name.ptr, name.len);
    if (w == SIZE_MAX) {
        snprintf(fix, sizeof fix, "add the %s workload \"%s\" to the deployment, or name one it has", types[0], n);
        finding(l, "reference-missing", path, at_path(l, path), fix,
                "the %s \"%s\" is not a workload of this deployment: the node cannot provision the VM", what, n);
        return SIZE_MAX;
    }
    gt_str t = d->workloads.items[w].type;
    for (size_t i = 0; i < ntypes; i++)
        if (type_is(t, types[i]))
            return w;
    char ts[64];
    shown(ts, sizeof ts, t.ptr, t.len);
    snprintf(fix, sizeof fix, "name a workload of type %s%s%s", types[0], ntypes > 1 ? " or " : "",
             ntypes > 1 ? types[1] : "");
    finding(l, "reference-wrong-type", path, at_path(l, path), fix,
            "the %s \"%s\" is a workload of type %s: the node needs a %s there", what, n, ts, types[0]);
    return SIZE_MAX;
}

static bool in_subnet(const gt_ip *ip, const gt_ipnet *net)
{
    if (!ip->len || !net->ip.len || !net->mask.len)
        return true; /* nothing to compare */
    gt_ip a, b;
    if (!gt_ip_to16(ip, &a) || !gt_ip_to16(&net->ip, &b))
        return true;
    size_t off = net->mask.len == 4 ? 12 : 0;
    for (size_t i = 0; i < net->mask.len; i++)
        if ((a.b[off + i] & net->mask.b[i]) != (b.b[off + i] & net->mask.b[i]))
            return false;
    return true;
}

static void vm_checks(lint *l, size_t i)
{
    const gt_deployment *d = l->ctx.d;
    const void *data;
    const gt_workload_type *type;
    if (gt_workload_data(d, i, &data, &type, NULL) != GT_OK)
        return;
    bool light = type_is(d->workloads.items[i].type, GT_TYPE_ZMACHINE_LIGHT);
    const gt_machine_interface *ifs;
    uint32_t nifs;
    const gt_machine_mount *mounts;
    uint32_t nmounts;
    const gt_mycelium_ip *myc;
    if (light) {
        const gt_zmachine_light *m = data;
        ifs = m->network.interfaces.items, nifs = m->network.interfaces.len;
        mounts = m->mounts.items, nmounts = m->mounts.len;
        myc = m->network.mycelium;
    } else {
        const gt_zmachine *m = data;
        ifs = m->network.interfaces.items, nifs = m->network.interfaces.len;
        mounts = m->mounts.items, nmounts = m->mounts.len;
        myc = m->network.mycelium;
        static const char *const ip_types[] = {GT_TYPE_PUBLIC_IP, GT_TYPE_PUBLIC_IPV4};
        gt_str pip = m->network.public_ip;
        size_t w = pip.len ? gt_name_index_find(&l->names, pip) : SIZE_MAX;
        char path[96];
        snprintf(path, sizeof path, "workloads[%zu].data.network.public_ip", i);
        if (w != SIZE_MAX) /* a missing one is Valid's to report */
            reference(l, path, pip, ip_types, 2, "public IP");
    }
    const char *net_type = light ? GT_TYPE_NETWORK_LIGHT : GT_TYPE_NETWORK;
    char path[128];
    for (uint32_t k = 0; k < nifs; k++) {
        snprintf(path, sizeof path, "workloads[%zu].data.network.interfaces[%u].network", i, k);
        size_t w = reference(l, path, ifs[k].network, &net_type, 1, "network");
        if (w == SIZE_MAX)
            continue;
        const void *nd;
        if (gt_workload_data(d, w, &nd, NULL, NULL) != GT_OK)
            continue;
        const gt_ipnet *subnet = light ? &((const gt_network_light *)nd)->subnet : &((const gt_network *)nd)->subnet;
        if (!in_subnet(&ifs[k].ip, subnet)) {
            char ip[64], sn[96], fix[300];
            gt_ip_format(&ifs[k].ip, ip);
            gt_ipnet_format(subnet, sn);
            snprintf(fix, sizeof fix, "give the VM an IP inside %s", sn);
            snprintf(path, sizeof path, "workloads[%zu].data.network.interfaces[%u].ip", i, k);
            finding(l, "ip-outside-subnet", path, at_path(l, path), fix,
                    "the IP %s is outside the subnet %s of its network: the node cannot attach the VM there", ip,
                    sn);
        }
    }
    if (myc && myc->network.len) {
        snprintf(path, sizeof path, "workloads[%zu].data.network.mycelium.Network", i);
        reference(l, path, myc->network, &net_type, 1, "mycelium network");
    }
    static const char *const disk_types[] = {GT_TYPE_ZMOUNT, GT_TYPE_VOLUME, GT_TYPE_QSFS};
    for (uint32_t k = 0; k < nmounts; k++) {
        snprintf(path, sizeof path, "workloads[%zu].data.mounts[%u].name", i, k);
        reference(l, path, mounts[k].name, disk_types, 3, "mount");
    }
}

int gt_lint(const gt_deployment *d, gt_lint_result **out, gt_error *err)
{
    if (out)
        *out = NULL;
    if (!d || !out)
        return gt_error_set(err, GT_EARG, "gt_lint: NULL argument");
    lint l;
    memset(&l, 0, sizeof l);
    l.r = calloc(1, sizeof *l.r);
    if (!l.r)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    int rc = dv_init(&l.ctx, d, err);
    if (rc == GT_OK) {
        canonical_forms(&l);
        char path[GT_ERROR_PATH_MAX] = "";
        if (l.ctx.tree.n > 1)
            walk(&l, 1, &gt_schema_deployment, path, 0, sizeof path, SIZE_MAX);
        signature_checks(&l);
        if (gt_name_index_init(&l.names, d->workloads.items, d->workloads.len, false) != GT_OK) {
            l.oom = true;
        } else {
            for (uint32_t i = 0; i < d->workloads.len; i++) {
                gt_str t = d->workloads.items[i].type;
                if (type_is(t, GT_TYPE_ZMACHINE) || type_is(t, GT_TYPE_ZMACHINE_LIGHT))
                    vm_checks(&l, i);
            }
            gt_name_index_free(&l.names);
        }
        if (l.oom)
            rc = gt_error_set(err, GT_ENOMEM, "out of memory");
    }
    dv_free(&l.ctx);
    if (rc != GT_OK) {
        gt_lint_result_free(l.r);
        return rc;
    }
    *out = l.r;
    return GT_OK;
}

void gt_lint_result_free(gt_lint_result *r)
{
    if (!r)
        return;
    free(r->findings);
    free(r);
}
