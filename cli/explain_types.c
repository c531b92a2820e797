/* The key fields and references of each zos workload type, for `explain`. This is the
 * one place that knows what matters in each type to a person reading a deployment: the
 * sizes and addresses they chose, and which other workloads a VM, a log stream or a
 * gateway depends on. Unknown (custom) types get their name and capacity only. */
#include "explain.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

static void field(ex_workload *w, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void field(ex_workload *w, const char *key, const char *fmt, ...)
{
    if (w->nfields >= EX_MAX_FIELDS)
        return;
    ex_field *f = &w->fields[w->nfields++];
    f->key = key;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->value, sizeof f->value, fmt, ap);
    va_end(ap);
}

/* A gt_str as printable text (non-printable bytes escaped) into a bounded buffer. */
static const char *text(gt_str s, char *buf, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < s.len && k + 5 < cap; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (c < 0x20 || c >= 0x7F)
            k += (size_t)snprintf(buf + k, cap - k, "\\x%02x", c);
        else
            buf[k++] = (char)c;
    }
    buf[k] = '\0';
    return buf;
}

static void bytes_field(ex_workload *w, const char *key, uint64_t v)
{
    char b[48];
    cli_fmt_bytes(v, b, sizeof b);
    field(w, key, "%s", b);
}

static const char *yes(bool b)
{
    return b ? "yes" : "no";
}

/* Adds a reference to workload `name`, resolved against d: which workload has that name
 * and whether its type is one of want[] (NULL-terminated). */
static void ref(ex_workload *w, const gt_deployment *d, const char *kind, gt_str name, const char *const *want,
                bool sharable, const char *detail_fmt, ...) __attribute__((format(printf, 7, 8)));

static void ref(ex_workload *w, const gt_deployment *d, const char *kind, gt_str name, const char *const *want,
                bool sharable, const char *detail_fmt, ...)
{
    if (w->nrefs >= EX_MAX_REFS) {
        w->refs_cut = true;
        return;
    }
    ex_ref *r = &w->refs[w->nrefs++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    text(name, r->target, sizeof r->target);
    if (detail_fmt) {
        va_list ap;
        va_start(ap, detail_fmt);
        vsnprintf(r->detail, sizeof r->detail, detail_fmt, ap);
        va_end(ap);
    }
    r->may_be_elsewhere = sharable;
    r->index = SIZE_MAX;
    r->want_list = want;
    for (const char *const *t = want; *t; t++) {
        if (r->want[0])
            strncat(r->want, " or ", sizeof r->want - strlen(r->want) - 1);
        strncat(r->want, *t, sizeof r->want - strlen(r->want) - 1);
    }
    size_t i = gt_name_index_find(w->names, name); /* the first of that name, like Deployment.Get */
    if (i == SIZE_MAX)
        return;
    const gt_workload *o = &d->workloads.items[i];
    r->index = i;
    for (const char *const *t = want; *t; t++)
        if (o->type.len == strlen(*t) && memcmp(o->type.ptr, *t, o->type.len) == 0)
            r->type_ok = true;
}

static void backend(ex_workload *w, gt_str url)
{
    if (w->nrefs >= EX_MAX_REFS) {
        w->refs_cut = true;
        return;
    }
    ex_ref *r = &w->refs[w->nrefs++];
    memset(r, 0, sizeof *r);
    r->kind = "backend";
    text(url, r->target, sizeof r->target);
    r->external = true;
    r->index = SIZE_MAX;
}

static const char *const want_network[] = {GT_TYPE_NETWORK, NULL};
static const char *const want_network_light[] = {GT_TYPE_NETWORK_LIGHT, NULL};
static const char *const want_any_network[] = {GT_TYPE_NETWORK, GT_TYPE_NETWORK_LIGHT, NULL};
static const char *const want_disk[] = {GT_TYPE_ZMOUNT, GT_TYPE_VOLUME, GT_TYPE_QSFS, NULL};
static const char *const want_public_ip[] = {GT_TYPE_PUBLIC_IP, GT_TYPE_PUBLIC_IPV4, NULL};
static const char *const want_zmachine[] = {GT_TYPE_ZMACHINE, NULL};

/* What zmachine and zmachine-light share: compute, disk, interfaces, mounts. */
static void machine_common(ex_workload *w, const gt_deployment *d, gt_str flist, const gt_machine_capacity *cc,
                           uint64_t size, gt_str entrypoint, const gt_map *env, bool corex, const gt_machine_interface *ifs,
                           uint32_t nifs, const gt_machine_mount *mounts, uint32_t nmounts,
                           const char *const *want_net, const gt_mycelium_ip *myc)
{
    char b[256];
    field(w, "flist", "%s", text(flist, b, sizeof b));
    field(w, "cpu", "%u core%s", cc->cpu, cc->cpu == 1 ? "" : "s");
    bytes_field(w, "memory", cc->memory);
    if (size)
        bytes_field(w, "rootfs size", size);
    else
        field(w, "rootfs size", "0 (the node's default)");
    if (entrypoint.len)
        field(w, "entrypoint", "%s", text(entrypoint, b, sizeof b));
    if (env->len) {
        size_t k = 0;
        b[0] = '\0';
        for (uint32_t i = 0; i < env->len && k + 40 < sizeof b; i++) {
            char key[64];
            k += (size_t)snprintf(b + k, sizeof b - k, "%s%s", i ? ", " : "", text(env->items[i].key, key, sizeof key));
        }
        field(w, "env", "%s", b);
    }
    field(w, "corex", "%s", yes(corex));
    for (uint32_t i = 0; i < nifs; i++) {
        char ip[64];
        cli_fmt_ip(&ifs[i].ip, ip);
        ref(w, d, "network", ifs[i].network, want_net, true, "ip %s", ip);
    }
    if (myc)
        ref(w, d, "network", myc->network, want_net, true, "mycelium");
    for (uint32_t i = 0; i < nmounts; i++) {
        char mp[160];
        ref(w, d, "mount", mounts[i].name, want_disk, false, "at %s", text(mounts[i].mountpoint, mp, sizeof mp));
    }
}

static void zmachine(ex_workload *w, const gt_deployment *d, const gt_zmachine *z)
{
    machine_common(w, d, z->flist, &z->compute_capacity, z->size, z->entrypoint, &z->env, z->corex,
                   z->network.interfaces.items, z->network.interfaces.len, z->mounts.items, z->mounts.len,
                   want_network, z->network.mycelium);
    field(w, "planetary", "%s", yes(z->network.planetary));
    if (z->gpu.len)
        field(w, "gpu", "%u card%s", z->gpu.len, z->gpu.len == 1 ? "" : "s");
    if (z->network.public_ip.len)
        ref(w, d, "public ip", z->network.public_ip, want_public_ip, false, NULL);
}

static void zmachine_light(ex_workload *w, const gt_deployment *d, const gt_zmachine_light *z)
{
    machine_common(w, d, z->flist, &z->compute_capacity, z->size, z->entrypoint, &z->env, z->corex,
                   z->network.interfaces.items, z->network.interfaces.len, z->mounts.items, z->mounts.len,
                   want_network_light, z->network.mycelium);
    if (z->gpu.len)
        field(w, "gpu", "%u card%s", z->gpu.len, z->gpu.len == 1 ? "" : "s");
}

static void network(ex_workload *w, const gt_network *n)
{
    char b[96];
    cli_fmt_ipnet(&n->ip_range, b);
    field(w, "ip range", "%s", b);
    cli_fmt_ipnet(&n->subnet, b);
    field(w, "subnet", "%s", b);
    field(w, "wireguard port", "%u", n->wireguard_listen_port);
    field(w, "peers", "%u", n->peers.len);
    field(w, "mycelium", "%s", yes(n->mycelium != NULL));
}

static void network_light(ex_workload *w, const gt_network_light *n)
{
    char b[96];
    cli_fmt_ipnet(&n->subnet, b);
    field(w, "subnet", "%s", b);
    field(w, "mycelium key", "%zu bytes", n->mycelium.hex_key.len);
    if (n->mycelium.peers.len)
        field(w, "mycelium peers", "%u", n->mycelium.peers.len);
}

static void gateway(ex_workload *w, const gt_deployment *d, bool tls, const gt_str *backends, uint32_t nbackends,
                    const gt_str *net)
{
    field(w, "tls passthrough", "%s", yes(tls));
    for (uint32_t i = 0; i < nbackends; i++)
        backend(w, backends[i]);
    if (net)
        ref(w, d, "network", *net, want_any_network, true, NULL);
}

static void qsfs(ex_workload *w, const gt_qsfs *q)
{
    char b[128];
    bytes_field(w, "cache", q->cache);
    field(w, "shards", "%u minimal, %u expected", q->config.minimal_shards, q->config.expected_shards);
    field(w, "groups", "%u", q->config.groups.len);
    field(w, "encryption", "%s", text(q->config.encryption.algorithm, b, sizeof b));
    field(w, "compression", "%s", text(q->config.compression.algorithm, b, sizeof b));
    field(w, "meta", "%s, %u backends", text(q->config.meta.type, b, sizeof b), q->config.meta.config.backends.len);
}

void ex_describe(const gt_deployment *d, const gt_name_index *names, size_t i, ex_workload *w)
{
    memset(w, 0, sizeof *w);
    w->names = names;
    const void *data;
    const gt_workload_type *t;
    if (gt_workload_data(d, i, &data, &t, &w->data_err) != GT_OK)
        return;
    w->data_ok = true;
    const char *n = t->name;
    char b[256];
    if (!strcmp(n, GT_TYPE_ZMOUNT)) {
        bytes_field(w, "size", ((const gt_zmount *)data)->size);
    } else if (!strcmp(n, GT_TYPE_VOLUME)) {
        bytes_field(w, "size", ((const gt_volume *)data)->size);
    } else if (!strcmp(n, GT_TYPE_ZDB)) {
        const gt_zdb *z = data;
        bytes_field(w, "size", z->size);
        field(w, "mode", "%s", text(z->mode, b, sizeof b));
        field(w, "public", "%s", yes(z->public_));
        field(w, "password", "%s", z->password.len ? "set" : "none");
    } else if (!strcmp(n, GT_TYPE_PUBLIC_IP)) {
        const gt_public_ip *p = data;
        field(w, "ipv4", "%s", yes(p->v4));
        field(w, "ipv6", "%s", yes(p->v6));
    } else if (!strcmp(n, GT_TYPE_PUBLIC_IPV4)) {
        field(w, "ipv4", "yes (deprecated type, use ip)");
    } else if (!strcmp(n, GT_TYPE_NETWORK)) {
        network(w, data);
    } else if (!strcmp(n, GT_TYPE_NETWORK_LIGHT)) {
        network_light(w, data);
    } else if (!strcmp(n, GT_TYPE_ZMACHINE)) {
        zmachine(w, d, data);
    } else if (!strcmp(n, GT_TYPE_ZMACHINE_LIGHT)) {
        zmachine_light(w, d, data);
    } else if (!strcmp(n, GT_TYPE_GATEWAY_NAME)) {
        const gt_gateway_name_proxy *g = data;
        field(w, "name", "%s", text(g->name, b, sizeof b));
        gateway(w, d, g->tls_passthrough, g->backends.items, g->backends.len, g->network);
    } else if (!strcmp(n, GT_TYPE_GATEWAY_FQDN)) {
        const gt_gateway_fqdn_proxy *g = data;
        field(w, "fqdn", "%s", text(g->fqdn, b, sizeof b));
        gateway(w, d, g->tls_passthrough, g->backends.items, g->backends.len, g->network);
    } else if (!strcmp(n, GT_TYPE_QSFS)) {
        qsfs(w, data);
    } else if (!strcmp(n, GT_TYPE_ZLOGS)) {
        const gt_zlogs *z = data;
        ref(w, d, "zmachine", z->zmachine, want_zmachine, false, "output %s", text(z->output, b, sizeof b));
    }
}
