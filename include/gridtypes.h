/* gridtypes.h — the whole public API of gridtypes-c in one include.
 *
 * gridtypes-c decodes, hashes, validates, upgrades, signs and verifies ThreeFold zos
 * deployments with the answers of the Go reference (zosbase pkg/gridtypes). Each header
 * below can also be included on its own; this one is for programs that want it all:
 *
 *   error.h          status codes and the caller-owned gt_error (code, message, path, offset)
 *   types.h          gt_str, slices, IPs, byte fields, capacity
 *   deployment.h     parse, encode, challenge and hash, validate, capacity, query, upgrade
 *   workload_type.h  workload types as function tables, the registry, typed data access
 *   schema.h         how a Go struct looks to encoding/json, for custom workload types
 *   zos.h            the 13 zos workload types as C structs
 *   ids.h            workload names and ids, network ids
 *   crypto.h         key pairs from secret URIs, ed25519 / sr25519 signatures, SS58
 *   signing.h        Deployment.Sign and Deployment.Verify, with reasons for refusals
 *   diagnose.h       why another client's challenge differs: the challenge map, comparison
 *   locate.h         JSON paths and byte offsets to line and column, in any JSON text
 *   version.h        library version and the reference commit whose rules it follows
 *   ffi.h            one flat surface for other languages' FFIs (plain types, no callbacks) */
#ifndef GRIDTYPES_H
#define GRIDTYPES_H

#include "gridtypes/error.h"
#include "gridtypes/types.h"
#include "gridtypes/deployment.h"
#include "gridtypes/schema.h"
#include "gridtypes/workload_type.h"
#include "gridtypes/zos.h"
#include "gridtypes/ids.h"
#include "gridtypes/crypto.h"
#include "gridtypes/signing.h"
#include "gridtypes/diagnose.h"
#include "gridtypes/locate.h"
#include "gridtypes/version.h"
#include "gridtypes/ffi.h"

#endif
