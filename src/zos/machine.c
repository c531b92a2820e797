/* The parts zmachine and zmachine-light share: interfaces, mycelium IP, capacity,
 * mounts, env, GPUs, and the checks both types run. */
#include "zos/zos_common.h"

#include <stdlib.h>

static const gt_field interface_fields[] = {
    GT_F(gt_machine_interface, network, "network", gt_schema_name),
    GT_F(gt_machine_interface, ip, "ip", gt_schema_ip),
};
static GT_STRUCT_SCHEMA(interface_schema, gt_machine_interface, "zos.MachineInterface", interface_fields);
GT_SLICE_SCHEMA(gt_schema_interfaces, "[]zos.MachineInterface", interface_schema);

static const gt_field mycelium_ip_fields[] = {
    GT_F(gt_mycelium_ip, network, "Network", gt_schema_name), /* untagged in the reference */
    GT_F(gt_mycelium_ip, hex_seed, "hex_seed", gt_schema_hex),
};
static GT_STRUCT_SCHEMA(mycelium_ip_schema, gt_mycelium_ip, "zos.MyceliumIP", mycelium_ip_fields);
GT_PTR_SCHEMA(gt_schema_mycelium_ip_ptr, "*zos.MyceliumIP", mycelium_ip_schema);

static const gt_field capacity_fields[] = {
    GT_F(gt_machine_capacity, cpu, "cpu", gt_schema_uint8),
    GT_F(gt_machine_capacity, memory, "memory", gt_schema_unit),
};
GT_STRUCT_SCHEMA(gt_schema_machine_capacity, gt_machine_capacity, "zos.MachineCapacity", capacity_fields);

static const gt_field mount_fields[] = {
    GT_F(gt_machine_mount, name, "name", gt_schema_name),
    GT_F(gt_machine_mount, mountpoint, "mountpoint", gt_schema_string),
};
static GT_STRUCT_SCHEMA(mount_schema, gt_machine_mount, "zos.MachineMount", mount_fields);
GT_SLICE_SCHEMA(gt_schema_mounts, "[]zos.MachineMount", mount_schema);

static const gt_schema gpu_schema = {GT_KIND_STRING, sizeof(gt_str), "zos.GPU", NULL, 0, NULL};
GT_SLICE_SCHEMA(gt_schema_gpus, "[]zos.GPU", gpu_schema);
GT_SLICE_SCHEMA(gt_schema_strings, "[]string", gt_schema_string);

void gt_zos_interfaces_challenge(gt_chal *c, const gt_machine_interface *ifs, uint32_t n,
                                 const gt_mycelium_ip *myc)
{
    for (uint32_t i = 0; i < n; i++) {
        gt_chal_enter_index(c, "interfaces", i);
        gt_chal_gstr(c, "network", ifs[i].network);
        gt_chal_ip(c, "ip", &ifs[i].ip);
        gt_chal_leave(c);
    }
    if (myc) {
        gt_chal_enter(c, "mycelium");
        gt_chal_gstr(c, "Network", myc->network);
        gt_chal_hex(c, "hex_seed", &myc->hex_seed);
        gt_chal_leave(c);
    }
}

static int cmp_kv_ptr(const void *a, const void *b)
{
    const gt_kv *x = *(const gt_kv *const *)a, *y = *(const gt_kv *const *)b;
    size_t n = x->key.len < y->key.len ? x->key.len : y->key.len;
    int c = n ? memcmp(x->key.ptr, y->key.ptr, n) : 0;
    if (c)
        return c;
    return (x->key.len > y->key.len) - (x->key.len < y->key.len);
}

static int env_challenge(gt_chal *c, const gt_map *env)
{
    if (env->len == 0)
        return GT_OK;
    /* Keys in byte order, like Go's sort.Strings. */
    const gt_kv *small[32];
    const gt_kv **order = env->len <= 32 ? small : malloc(env->len * sizeof *order);
    if (!order)
        return GT_ENOMEM; /* reported: going on would give a wrong hash */
    for (uint32_t i = 0; i < env->len; i++)
        order[i] = &env->items[i];
    if (env->len <= 32) {
        /* Insertion sort: a few keys, no call per comparison (keys are unique). */
        for (uint32_t i = 1; i < env->len; i++) {
            const gt_kv *x = order[i];
            uint32_t j = i;
            for (; j > 0 && cmp_kv_ptr(&order[j - 1], &x) > 0; j--)
                order[j] = order[j - 1];
            order[j] = x;
        }
    } else {
        qsort(order, env->len, sizeof *order, cmp_kv_ptr);
    }
    gt_chal_enter(c, "env");
    for (uint32_t i = 0; i < env->len; i++) {
        /* The key names its fragments in a challenge map; only a map needs the label. */
        char field[80];
        field[0] = '\0';
        if (c->fn)
            snprintf(field, sizeof field, "%.*s", (int)(order[i]->key.len > 64 ? 64 : order[i]->key.len),
                     order[i]->key.ptr);
        gt_chal_gstr(c, field, order[i]->key);
        gt_chal_str(c, field, "=", 1);
        gt_chal_gstr(c, field, order[i]->value);
    }
    gt_chal_leave(c);
    if (order != small)
        free(order);
    return GT_OK;
}

int gt_zos_machine_tail_challenge(gt_chal *c, uint64_t size, const gt_machine_capacity *cap,
                                   const gt_machine_mount *mounts, uint32_t nmounts, gt_str entrypoint,
                                   const gt_map *env, const gt_str *gpus, uint32_t ngpus)
{
    gt_chal_u64(c, "size", size);
    gt_chal_enter(c, "compute_capacity");
    gt_chal_u64(c, "cpu", cap->cpu);
    gt_chal_u64(c, "memory", cap->memory);
    gt_chal_leave(c);
    for (uint32_t i = 0; i < nmounts; i++) {
        gt_chal_enter_index(c, "mounts", i);
        gt_chal_gstr(c, "name", mounts[i].name);
        gt_chal_gstr(c, "mountpoint", mounts[i].mountpoint);
        gt_chal_leave(c);
    }
    gt_chal_gstr(c, "entrypoint", entrypoint);
    int rc = env_challenge(c, env);
    if (rc != GT_OK)
        return rc;
    for (uint32_t i = 0; i < ngpus; i++) {
        gt_chal_enter_index(c, "gpu", i);
        gt_chal_gstr(c, NULL, gpus[i]);
        gt_chal_leave(c);
    }
    return GT_OK;
}

uint64_t gt_zos_min_root_size(const gt_machine_capacity *cap)
{
    /* Go's Unit arithmetic wraps: cpu * memory may overflow before the division. */
    uint64_t cu = (uint64_t)cap->cpu * cap->memory / (8 * GT_GB);
    return cu == 0 ? 500 * GT_MB : 2 * GT_GB;
}

int gt_zos_machine_capacity(const gt_machine_capacity *cap, uint64_t size, gt_capacity *out)
{
    uint64_t min = gt_zos_min_root_size(cap);
    out->cru = cap->cpu;
    out->mru = cap->memory;
    out->sru = size > min ? size : min;
    return GT_OK;
}

int gt_zos_machine_basic_valid(const gt_machine_interface *ifs, uint32_t nifs, const gt_machine_capacity *cap,
                               uint64_t size, gt_error *err)
{
    if (nifs != 1) {
        gt_error_set(err, GT_EINVALID, "only one network private network is supported at the moment");
        return gt_error_at(err, GT_NO_OFFSET, "network.interfaces");
    }
    for (uint32_t i = 0; i < nifs; i++) {
        if (ifs[i].ip.len == 0) {
            gt_error_set(err, GT_EINVALID, "invalid IP");
            char path[48];
            snprintf(path, sizeof path, "network.interfaces[%u].ip", i);
            return gt_error_at(err, GT_NO_OFFSET, path);
        }
    }
    if (cap->cpu == 0) {
        gt_error_set(err, GT_EINVALID, "cpu capacity can't be 0");
        return gt_error_at(err, GT_NO_OFFSET, "compute_capacity.cpu");
    }
    if (cap->memory < 250 * GT_MB) {
        gt_error_set(err, GT_EINVALID, "mem capacity can't be less that 250M");
        return gt_error_at(err, GT_NO_OFFSET, "compute_capacity.memory");
    }
    uint64_t min = gt_zos_min_root_size(cap);
    if (size != 0 && size < min) {
        gt_error_set(err, GT_EINVALID, "disk size can't be less that %llu. Set to 0 for minimum",
                     (unsigned long long)min);
        return gt_error_at(err, GT_NO_OFFSET, "size");
    }
    return GT_OK;
}

int gt_zos_machine_network_valid(const gt_machine_interface *ifs, uint32_t nifs, const gt_mycelium_ip *myc,
                                 gt_error *err)
{
    for (uint32_t i = 0; i < nifs; i++) {
        gt_str n = ifs[i].network;
        /* names the node reserves for its own networks */
        if (gt_str_is(n, "ygg") || gt_str_is(n, "pub") || gt_str_is(n, "mycelium")) {
            gt_error_set_quoting(err, GT_EINVALID, "'%.*s' is reserved network name", (int)n.len, n.ptr);
            char path[48];
            snprintf(path, sizeof path, "network.interfaces[%u].network", i);
            return gt_error_at(err, GT_NO_OFFSET, path);
        }
    }
    if (myc && myc->hex_seed.len != 6) {
        gt_error_set(err, GT_EINVALID, "invalid mycelium seed length expected 6 bytes");
        return gt_error_at(err, GT_NO_OFFSET, "network.mycelium.hex_seed");
    }
    return GT_OK;
}
