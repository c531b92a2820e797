/* gridtypes/ids.h — workload names and ids (IsValidName, NewWorkloadID, Unique,
 * Parts, ToPath) and the zos network id (zos.NetworkID). */
#ifndef GRIDTYPES_IDS_H
#define GRIDTYPES_IDS_H

#include "gridtypes/error.h"
#include "gridtypes/types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GT_NAME_MAX 36        /* longest valid workload name, in bytes */
#define GT_UNIQUE_SIZE 14     /* a Unique / NetworkID text (at most 13 chars) and a NUL */
#define GT_WORKLOAD_ID_MAX 96 /* room for "twin-contract-name" of a valid name and a NUL */

/* IsValidName: 1 to 36 bytes of [A-Za-z0-9_], not "ygg". GT_OK, or GT_EINVALID with
 * the reference's reason in err ("name cannot be empty", ...). */
int gt_name_valid(const char *name, size_t len, gt_error *err);

/* NewWorkloadID: "<twin>-<contract>-<name>" into out (NUL-terminated). GT_EINVALID when
 * the name is invalid, GT_ELIMIT when out (cap bytes) is too small. */
int gt_workload_id(uint32_t twin, uint64_t contract, const char *name, size_t len, char *out,
                   size_t cap, gt_error *err);

/* NewUncheckedWorkloadID: the same without checking the name. */
int gt_workload_id_unchecked(uint32_t twin, uint64_t contract, const char *name, size_t len,
                             char *out, size_t cap);

/* WorkloadID.Unique(input): base58 of MD5("<id>:<input>"), cut to 13 characters. */
void gt_workload_id_unique(const char *id, size_t id_len, const char *input, size_t in_len,
                           char out[GT_UNIQUE_SIZE]);

/* zos.NetworkID(twin, name): base58 of MD5("<twin>:<name>"), cut to 13 characters. */
void gt_network_id(uint32_t twin, const char *name, size_t len, char out[GT_UNIQUE_SIZE]);

/* WorkloadID.Parts, as fmt.Sscanf("%d-%d-%s"): GT_OK with the three parts (the name is
 * borrowed from id), or GT_EINVALID. */
int gt_workload_id_parts(const char *id, size_t len, uint32_t *twin, uint64_t *contract,
                         gt_str *name, gt_error *err);

/* DeploymentID.Parts, as fmt.Sscanf("%d-%d") into two uint32. */
int gt_deployment_id_parts(const char *id, size_t len, uint32_t *twin, uint32_t *deployment, gt_error *err);

/* WorkloadID.ToPath / DeploymentID.ToPath: '-' replaced by '/'. An empty id is
 * GT_EPANIC (the reference panics: "id is not set"); GT_ELIMIT if cap is too small. */
int gt_id_to_path(const char *id, size_t len, char *out, size_t cap, gt_error *err);

#ifdef __cplusplus
}
#endif
#endif
