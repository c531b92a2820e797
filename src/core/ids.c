/* Workload names and ids. */
#include "core/deployment_impl.h"
#include "core/gonet.h"
#include "gridtypes/ids.h"

#include <nettle/md5.h>
#include <stdio.h>
#include <string.h>

int gt_name_valid(const char *name, size_t len, gt_error *err)
{
    if (len == 0)
        return gt_error_set(err, GT_EINVALID, "name cannot be empty");
    /* virtio-fs tags are at most 36 bytes and the node uses names as tags */
    if (len > GT_NAME_MAX)
        return gt_error_set(err, GT_EINVALID, "name cannot exceed 36 characters");
    if (!gt_match_workload_name(name, len))
        return gt_error_set(err, GT_EINVALID, "unsupported character in workload name");
    if (len == 3 && memcmp(name, "ygg", 3) == 0)
        return gt_error_set(err, GT_EINVALID, "invalid name 'ygg' is reserved");
    return GT_OK;
}

int gt_name_check(const char *name, size_t len, gt_error *err)
{
    return gt_name_valid(name, len, err);
}

int gt_workload_id_unchecked(uint32_t twin, uint64_t contract, const char *name, size_t len,
                             char *out, size_t cap)
{
    int n = snprintf(out, cap, "%u-%llu-%.*s", twin, (unsigned long long)contract, (int)len, name);
    return (n < 0 || (size_t)n >= cap) ? GT_ELIMIT : GT_OK;
}

int gt_workload_id(uint32_t twin, uint64_t contract, const char *name, size_t len, char *out,
                   size_t cap, gt_error *err)
{
    int rc = gt_name_valid(name, len, err);
    if (rc != GT_OK)
        return rc;
    rc = gt_workload_id_unchecked(twin, contract, name, len, out, cap);
    if (rc != GT_OK)
        return gt_error_set(err, rc, "workload id does not fit in %zu bytes", cap);
    return GT_OK;
}

static void md5_base58_13(struct md5_ctx *m, char out[GT_UNIQUE_SIZE])
{
    uint8_t h[16];
    md5_digest(m, sizeof h, h);
    char b58[32];
    size_t n = 0;
    gt_base58_encode(h, sizeof h, b58, sizeof b58, &n);
    if (n > 13)
        n = 13;
    memcpy(out, b58, n);
    out[n] = '\0';
}

void gt_workload_id_unique(const char *id, size_t id_len, const char *input, size_t in_len,
                           char out[GT_UNIQUE_SIZE])
{
    struct md5_ctx m;
    md5_init(&m);
    md5_update(&m, id_len, (const uint8_t *)id);
    md5_update(&m, 1, (const uint8_t *)":");
    md5_update(&m, in_len, (const uint8_t *)input);
    md5_base58_13(&m, out);
}

void gt_network_id(uint32_t twin, const char *name, size_t len, char out[GT_UNIQUE_SIZE])
{
    char t[16];
    int n = snprintf(t, sizeof t, "%u:", twin);
    struct md5_ctx m;
    md5_init(&m);
    md5_update(&m, (size_t)n, (const uint8_t *)t);
    md5_update(&m, len, (const uint8_t *)name);
    md5_base58_13(&m, out);
}

static bool scan_uint(const char **p, const char *e, uint64_t max, uint64_t *out)
{
    const char *s = *p;
    if (s < e && *s == '+')
        s++;
    uint64_t v = 0;
    const char *start = s;
    while (s < e && *s >= '0' && *s <= '9') {
        uint64_t d = (uint64_t)(*s - '0');
        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
        s++;
    }
    if (s == start)
        return false;
    *p = s;
    *out = v;
    return true;
}

int gt_workload_id_parts(const char *id, size_t len, uint32_t *twin, uint64_t *contract,
                         gt_str *name, gt_error *err)
{
    const char *p = id, *e = id + len;
    uint64_t t, c;
    if (!scan_uint(&p, e, UINT32_MAX, &t) || p >= e || *p++ != '-' || !scan_uint(&p, e, UINT64_MAX, &c) ||
        p >= e || *p++ != '-')
        return gt_error_set_quoting(err, GT_EINVALID, "invalid workload id '%.*s'", (int)len, id);
    /* %s reads up to the next space */
    const char *s = p;
    while (p < e && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
        p++;
    if (p == s)
        return gt_error_set_quoting(err, GT_EINVALID, "invalid workload id '%.*s': unexpected EOF", (int)len, id);
    *twin = (uint32_t)t;
    *contract = c;
    name->ptr = s;
    name->len = (size_t)(p - s);
    return GT_OK;
}

int gt_deployment_id_parts(const char *id, size_t len, uint32_t *twin, uint32_t *deployment, gt_error *err)
{
    const char *p = id, *e = id + len;
    uint64_t t, c;
    if (!scan_uint(&p, e, UINT32_MAX, &t) || p >= e || *p++ != '-' || !scan_uint(&p, e, UINT32_MAX, &c))
        return gt_error_set_quoting(err, GT_EINVALID, "invalid deployment id '%.*s'", (int)len, id);
    *twin = (uint32_t)t;
    *deployment = (uint32_t)c;
    return GT_OK;
}

int gt_id_to_path(const char *id, size_t len, char *out, size_t cap, gt_error *err)
{
    if (len == 0)
        return gt_error_set(err, GT_EPANIC, "panic: id is not set");
    if (cap <= len)
        return gt_error_set(err, GT_ELIMIT, "path does not fit in %zu bytes", cap);
    for (size_t i = 0; i < len; i++)
        out[i] = id[i] == '-' ? '/' : id[i];
    out[len] = '\0';
    return GT_OK;
}
