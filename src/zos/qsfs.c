/* qsfs: a quantum-safe file system over 0-db backends. */
#include "zos/zos_common.h"

static const gt_schema algorithm_schema = {GT_KIND_STRING, sizeof(gt_str), "zos.EncryptionAlgorithm", NULL, 0, NULL};
static const gt_schema key_schema = {GT_KIND_HEX, sizeof(gt_bytes), "zos.EncryptionKey", NULL, 0, NULL};

static const gt_field encryption_fields[] = {
    GT_F(gt_qsfs_encryption, algorithm, "algorithm", algorithm_schema),
    GT_F(gt_qsfs_encryption, key, "key", key_schema),
};
static GT_STRUCT_SCHEMA(encryption_schema, gt_qsfs_encryption, "zos.Encryption", encryption_fields);

static const gt_field backend_fields[] = {
    GT_F(gt_zdb_backend, address, "address", gt_schema_string),
    GT_F(gt_zdb_backend, namespace_, "namespace", gt_schema_string),
    GT_F(gt_zdb_backend, password, "password", gt_schema_string),
};
static GT_STRUCT_SCHEMA(backend_schema, gt_zdb_backend, "zos.ZdbBackend", backend_fields);
static GT_SLICE_SCHEMA(backends_schema, "[]zos.ZdbBackend", backend_schema);

static const gt_field meta_config_fields[] = {
    GT_F(gt_qsfs_meta_config, prefix, "prefix", gt_schema_string),
    GT_F(gt_qsfs_meta_config, encryption, "encryption", encryption_schema),
    GT_F(gt_qsfs_meta_config, backends, "backends", backends_schema),
};
static GT_STRUCT_SCHEMA(meta_config_schema, gt_qsfs_meta_config, "zos.QuantumSafeConfig", meta_config_fields);

static const gt_field meta_fields[] = {
    GT_F(gt_qsfs_meta, type, "type", gt_schema_string),
    GT_F(gt_qsfs_meta, config, "config", meta_config_schema),
};
static GT_STRUCT_SCHEMA(meta_schema, gt_qsfs_meta, "zos.QuantumSafeMeta", meta_fields);

static const gt_field group_fields[] = {GT_F(gt_zdb_group, backends, "backends", backends_schema)};
static GT_STRUCT_SCHEMA(group_schema, gt_zdb_group, "zos.ZdbGroup", group_fields);
static GT_SLICE_SCHEMA(groups_schema, "[]zos.ZdbGroup", group_schema);

static const gt_field compression_fields[] = {
    GT_F(gt_qsfs_compression, algorithm, "algorithm", gt_schema_string),
};
static GT_STRUCT_SCHEMA(compression_schema, gt_qsfs_compression, "zos.QuantumCompression", compression_fields);

static const gt_field config_fields[] = {
    GT_F(gt_qsfs_config, minimal_shards, "minimal_shards", gt_schema_uint32),
    GT_F(gt_qsfs_config, expected_shards, "expected_shards", gt_schema_uint32),
    GT_F(gt_qsfs_config, redundant_groups, "redundant_groups", gt_schema_uint32),
    GT_F(gt_qsfs_config, redundant_nodes, "redundant_nodes", gt_schema_uint32),
    GT_F(gt_qsfs_config, max_zdb_data_dir_size, "max_zdb_data_dir_size", gt_schema_uint32),
    GT_F(gt_qsfs_config, encryption, "encryption", encryption_schema),
    GT_F(gt_qsfs_config, meta, "meta", meta_schema),
    GT_F(gt_qsfs_config, groups, "groups", groups_schema),
    GT_F(gt_qsfs_config, compression, "compression", compression_schema),
};
static GT_STRUCT_SCHEMA(config_schema, gt_qsfs_config, "zos.QuantumSafeFSConfig", config_fields);

static const gt_field fields[] = {
    GT_F(gt_qsfs, cache, "cache", gt_schema_unit),
    GT_F(gt_qsfs, config, "config", config_schema),
};
static GT_STRUCT_SCHEMA(schema, gt_qsfs, "zos.QuantumSafeFS", fields);

static const gt_field result_fields[] = {
    GT_F(gt_qsfs_result, path, "path", gt_schema_string),
    GT_F(gt_qsfs_result, metrics_endpoint, "metrics_endpoint", gt_schema_string),
};
static GT_STRUCT_SCHEMA(result_schema, gt_qsfs_result, "zos.QuatumSafeFSResult", result_fields);

static void encryption_challenge(gt_chal *c, const gt_qsfs_encryption *e)
{
    gt_chal_enter(c, "encryption");
    gt_chal_gstr(c, "algorithm", e->algorithm);
    gt_chal_hex(c, "key", &e->key);
    gt_chal_leave(c);
}

static void backends_challenge(gt_chal *c, const gt_zdb_backend *b, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        gt_chal_enter_index(c, "backends", i);
        gt_chal_gstr(c, "address", b[i].address);
        gt_chal_gstr(c, "namespace", b[i].namespace_);
        gt_chal_gstr(c, "password", b[i].password);
        gt_chal_leave(c);
    }
}

static int challenge(const void *data, gt_chal *c)
{
    const gt_qsfs *q = data;
    const gt_qsfs_config *cf = &q->config;
    gt_chal_u64(c, "cache", q->cache);
    gt_chal_enter(c, "config");
    gt_chal_u64(c, "minimal_shards", cf->minimal_shards);
    gt_chal_u64(c, "expected_shards", cf->expected_shards);
    gt_chal_u64(c, "redundant_groups", cf->redundant_groups);
    gt_chal_u64(c, "redundant_nodes", cf->redundant_nodes);
    gt_chal_u64(c, "max_zdb_data_dir_size", cf->max_zdb_data_dir_size);
    encryption_challenge(c, &cf->encryption);
    gt_chal_enter(c, "meta");
    gt_chal_gstr(c, "type", cf->meta.type);
    gt_chal_enter(c, "config");
    gt_chal_gstr(c, "prefix", cf->meta.config.prefix);
    encryption_challenge(c, &cf->meta.config.encryption);
    backends_challenge(c, cf->meta.config.backends.items, cf->meta.config.backends.len);
    gt_chal_leave(c);
    gt_chal_leave(c);
    for (uint32_t i = 0; i < cf->groups.len; i++) {
        gt_chal_enter_index(c, "groups", i);
        backends_challenge(c, cf->groups.items[i].backends.items, cf->groups.items[i].backends.len);
        gt_chal_leave(c);
    }
    gt_chal_enter(c, "compression");
    gt_chal_gstr(c, "algorithm", cf->compression.algorithm);
    gt_chal_leave(c);
    gt_chal_leave(c);
    return GT_OK;
}

static int validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_qsfs *q = data;
    if (q->config.minimal_shards > q->config.expected_shards) {
        gt_error_set(ctx->err, GT_EINVALID, "minimal shards can't be greater than expected shards");
        return gt_error_at(ctx->err, GT_NO_OFFSET, "config.minimal_shards");
    }
    return GT_OK;
}

static int capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)err;
    out->cru = 1;
    out->mru = GT_GB;
    out->sru = ((const gt_qsfs *)data)->cache; /* the reference counts the cache as SSD */
    return GT_OK;
}

const gt_workload_type gt_type_qsfs = {GT_TYPE_QSFS, false, "*zos.QuantumSafeFS", &schema, challenge, validate,
                                       capacity, &result_schema, NULL};
