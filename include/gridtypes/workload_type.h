/* gridtypes/workload_type.h — workload types as tables of functions, and the registry
 * (RegisterType, RegisterSharableType, IsSharable, Types of the reference).
 *
 * The 13 zos types are registered on first use (once, whichever thread comes first).
 * Users may register their own types, at most GT_MAX_TYPES in all; the registry is
 * process-wide and registering is not thread-safe: register every custom type at start-up,
 * before other threads use the library (as the reference does in init()). Lookups are then
 * read-only and safe from any thread. */
#ifndef GRIDTYPES_WORKLOAD_TYPE_H
#define GRIDTYPES_WORKLOAD_TYPE_H

#include "gridtypes/deployment.h"
#include "gridtypes/schema.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The challenge writer handed to a type's challenge function. Write fields in the
 * reference's order; each write names its field so that maps and diffs can say where
 * a byte came from. Opaque: use the functions below. */
typedef struct gt_chal gt_chal;

void gt_chal_str(gt_chal *c, const char *field, const char *s, size_t n);
void gt_chal_gstr(gt_chal *c, const char *field, gt_str s);
void gt_chal_u64(gt_chal *c, const char *field, uint64_t v);
void gt_chal_i64(gt_chal *c, const char *field, int64_t v);
void gt_chal_bool(gt_chal *c, const char *field, bool v);         /* "true"/"false" */
void gt_chal_hex(gt_chal *c, const char *field, const gt_bytes *b); /* %x */
void gt_chal_ip(gt_chal *c, const char *field, const gt_ip *ip);     /* net.IP.String() */
void gt_chal_ipnet(gt_chal *c, const char *field, const gt_ipnet *n);/* IPNet.String() */
/* Enter a nested object field, or element `index` of an array field; leave returns. */
void gt_chal_enter(gt_chal *c, const char *field);
void gt_chal_enter_index(gt_chal *c, const char *field, size_t index);
void gt_chal_leave(gt_chal *c);

struct gt_validate_memo;

/* Validation context: lets a type look at the other workloads of its deployment
 * (the reference's WorkloadGetter). `memo` is NULL, or indexes of the deployment that the
 * validations made with this context share (see gt_validate_ctx_init). */
typedef struct gt_validate_ctx {
    const gt_deployment *deployment;
    size_t index;  /* the workload being validated */
    gt_error *err; /* fill with gt_error_set; the caller adds the path */
    struct gt_validate_memo *memo; /* internal; NULL or from gt_validate_ctx_init */
} gt_validate_ctx;

/* Prepares ctx for validating several workloads of `d` (set ctx->index before each call
 * of a type's validate): indexes that types need over the whole deployment (names, public
 * IPs) are then built once, on first need, and shared by all the calls, so validating
 * every workload stays linear. `err` becomes ctx->err. Returns GT_OK, or GT_ENOMEM (ctx
 * is still usable; each call then works without shared indexes). The deployment must not
 * change until gt_validate_ctx_release, which must be called. A context made with an
 * initializer instead ({d, i, err}, memo NULL) needs no release. */
int gt_validate_ctx_init(gt_validate_ctx *ctx, const gt_deployment *d, gt_error *err);

/* Releases the indexes kept in ctx (ctx->memo becomes NULL). */
void gt_validate_ctx_release(gt_validate_ctx *ctx);

/* Deployment.Get for a type's validate (the reference's WorkloadGetter): the first
 * workload called `name`, borrowed through *out. With a memo, one lookup in a name index
 * built once per context; without, a scan. Errors as gt_deployment_get: GT_EINVALID (not a
 * valid name), GT_ENOTFOUND; GT_ENOMEM. */
int gt_validate_get(gt_validate_ctx *ctx, const char *name, size_t len, const gt_workload **out, gt_error *err);

typedef struct gt_workload_type {
    const char *name;          /* "zmachine" */
    bool sharable;
    const char *go_name;       /* "*zos.ZMachine", used in error texts */
    const gt_schema *schema;   /* the data struct; decoded and encoded generically */
    /* Writes the type's challenge; returns GT_OK or an error status. */
    int (*challenge)(const void *data, gt_chal *c);
    /* Validates; returns GT_OK or fills ctx->err and returns its status. */
    int (*validate)(const void *data, gt_validate_ctx *ctx);
    /* Capacity consumed. */
    int (*capacity)(const void *data, gt_capacity *out, gt_error *err);
    /* The struct of the node's result data for this type (may be NULL). */
    const gt_schema *result_schema;
    /* Optional: adjusts a decoded result, e.g. zmachine's old "ygg_ip" key. */
    void (*result_fixup)(void *result);
} gt_workload_type;

/* The most types the registry holds, the 13 zos types included. */
#define GT_MAX_TYPES 64

/* Registers a type (the table must outlive its use; it is not copied). Returns GT_OK,
 * GT_EARG when a type of that name exists (the reference panics there) or the table is
 * incomplete, GT_ELIMIT when GT_MAX_TYPES types are registered already. Not thread-safe
 * (see above). */
int gt_register_type(const gt_workload_type *t);

/* The type registered under `name`, or NULL. */
const gt_workload_type *gt_type_lookup(const char *name, size_t len);

/* IsSharable. */
bool gt_type_is_sharable(const char *name, size_t len);

/* Writes up to `cap` registered types to out, returns the number registered. */
size_t gt_types(const gt_workload_type **out, size_t cap);

/* Decodes a workload's data into its type's struct (cached in the deployment) and
 * returns it borrowed through *data (and its type through *type, may be NULL).
 * Errors as the reference's WorkloadData: GT_EDATA ("invalid reservation type" or
 * "failed to load data into object of type ..."), GT_EPANIC for data `null`. */
int gt_workload_data(const gt_deployment *d, size_t index, const void **data,
                     const gt_workload_type **type, gt_error *err);

/* Decodes a workload's result data (result.data) into its type's result struct
 * (allocated in the deployment's arena, borrowed through *out). GT_ENOTFOUND when the
 * type has no result struct or the result has no data; GT_EDATA when the type is
 * unknown or the data does not decode. */
int gt_workload_result_data(const gt_deployment *d, size_t index, const void **out, gt_error *err);

/* Encodes typed data the way the reference's MustMarshal does; *out malloc'd. */
int gt_workload_type_encode(const gt_workload_type *t, const void *data, char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
