/* gridtypes/version.h — which library this is and which reference rules it follows.
 *
 * The reference is the Go package `pkg/gridtypes` of github.com/threefoldtech/zosbase; the
 * conformance corpus was produced from the commit named here, so answers that differ from
 * a newer zosbase are explained by this line first. */
#ifndef GRIDTYPES_VERSION_H
#define GRIDTYPES_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

/* Keep in step with project(VERSION) in CMakeLists.txt (a CLI test checks it). */
#define GT_VERSION_MAJOR 0
#define GT_VERSION_MINOR 1
#define GT_VERSION_PATCH 0
#define GT_VERSION_STRING "0.1.0"

#define GT_REFERENCE_COMMIT "063d89561797f00b51754a46eb462d2cbe39e95e"
#define GT_REFERENCE_DATE "2026-03-30"

/* The library's version, "MAJOR.MINOR.PATCH" (of the library linked, which may differ
 * from GT_VERSION_STRING of the header compiled against). Never NULL. */
const char *gt_version(void);

/* The rules implemented, in words:
 * "zosbase pkg/gridtypes at commit 063d8956 (2026-03-30)". Never NULL. */
const char *gt_reference_rules(void);

/* The full 40-digit commit of zosbase the rules come from. Never NULL. */
const char *gt_reference_commit(void);

#ifdef __cplusplus
}
#endif
#endif
