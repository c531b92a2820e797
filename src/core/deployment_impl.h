/* Internal view of a deployment: the public struct plus the arena that owns it. */
#ifndef GT_CORE_DEPLOYMENT_IMPL_H
#define GT_CORE_DEPLOYMENT_IMPL_H

#include "core/arena.h"
#include "core/name_index.h"
#include "gridtypes/deployment.h"
#include "gridtypes/schema.h"
#include "gridtypes/workload_type.h"

/* Something a type's validate builds once per validation context and shares between
 * the workloads it validates (an index over the whole deployment); released with the
 * context. The first member of the type's own struct. */
typedef struct gt_valid_memo {
    void (*release)(struct gt_valid_memo *m);
    struct gt_valid_memo *next;
} gt_valid_memo;

/* What a gt_validate_ctx's memo holds: the name index behind gt_validate_get, and the
 * types' own indexes. Lives for one gt_deployment_valid call (on its stack) or from
 * gt_validate_ctx_init to gt_validate_ctx_release. */
struct gt_validate_memo {
    gt_name_index first; /* names to the first workload of each, once built */
    bool first_ready;
    gt_valid_memo *kept;
};

/* The memo of ctx that `release` releases, or NULL (none yet, or ctx has no memo). */
gt_valid_memo *gt_validate_memo_find(const gt_validate_ctx *ctx, void (*release)(gt_valid_memo *));
/* Keeps m in ctx's memo until the context is released. False when ctx has no memo (the
 * caller then releases m itself). */
bool gt_validate_memo_keep(gt_validate_ctx *ctx, gt_valid_memo *m);
/* Releases what a memo holds (not the memo itself). */
void gt_validate_memo_clear(struct gt_validate_memo *memo);

typedef struct gt_deployment_impl {
    gt_deployment pub; /* first: a gt_deployment * is a gt_deployment_impl * */
    gt_arena arena;
    const uint8_t *input; /* the arena's copy of the parsed JSON (NULL when built) */
    size_t input_len;
} gt_deployment_impl;

/* The parsed input's start when `p` lies inside it (so errors in workload data can give
 * offsets into the whole document), else `p` itself. */
static inline const uint8_t *gt_deployment_base(const gt_deployment *d, const char *p)
{
    const gt_deployment_impl *di = (const gt_deployment_impl *)d;
    const uint8_t *u = (const uint8_t *)p;
    if (di->input && u >= di->input && u <= di->input + di->input_len)
        return di->input;
    return u;
}

static inline gt_arena *gt_deployment_arena(const gt_deployment *d)
{
    /* Caches and copies are added to a logically const deployment (under its lock). */
    return &((gt_deployment_impl *)(uintptr_t)d)->arena;
}

/* The lock a function of a const deployment holds while it allocates in the arena (data
 * decoded on first use, result data), so that several threads may call it at once. One of
 * a few process-wide locks, picked by the deployment's address: parsing makes no lock, and
 * these paths are rare (a parsed deployment has its data decoded already). */
void gt_deployment_lock(const gt_deployment *d);
void gt_deployment_unlock(const gt_deployment *d);

/* The decoded data of a workload, valid while data and type are the bytes it was
 * decoded from (compared by pointer and length). */
struct gt_workload_cache {
    const char *data_ptr;
    size_t data_len;
    const char *type_ptr;
    size_t type_len;
    const gt_workload_type *type;
    void *data;       /* the typed struct, NULL when decoding failed */
    int status;       /* GT_OK or the error WorkloadData returns */
    gt_error *error;  /* the error, when status != GT_OK */
    gt_error *inner;  /* the bare json error (what a plain json.Unmarshal returns) */
};

/* Whether cache c (may be NULL) was made from wl's data and type as they are now. */
static inline bool gt_workload_cache_fresh(const struct gt_workload_cache *c, const gt_workload *wl)
{
    return c && c->data_ptr == wl->data.ptr && c->data_len == wl->data.len && c->type_ptr == wl->type.ptr &&
           c->type_len == wl->type.len;
}

extern const gt_schema gt_schema_deployment;
extern const gt_schema gt_schema_workload;

/* Makes sure the built-in zos types are registered (idempotent). */
void gt_registry_init(void);

/* WorkloadData of workload i (see gt_workload_data), returning the cache entry. */
const struct gt_workload_cache *gt_workload_load(const gt_deployment *d, size_t i);

struct gt_reader;
/* The deployment parser's raw hook (json/reader.h): decodes a workload's `data` into its
 * cache as it is read, when that gives exactly what gt_workload_load would. */
int gt_workload_data_hook(struct gt_reader *r, const gt_schema *owner, void *obj, const gt_field *f);

/* Copies a cached data error (which already carries its workload's JSON path) into err
 * (may be NULL). Returns its status, GT_ENOMEM when there is none. */
int gt_workload_report(const gt_error *src, gt_error *err);

/* gt_deployment_get, finding the name with `names` (an index of d's workloads with the
 * first of each name) when given, else by a scan. */
int gt_deployment_get_in(const gt_deployment *d, const gt_name_index *names, const char *name, size_t len,
                         const gt_workload **out, gt_error *err);

/* IsValidName: GT_OK or GT_EINVALID with the reference's text in err. */
int gt_name_check(const char *name, size_t len, gt_error *err);

#endif
