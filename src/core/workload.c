/* Workload.WorkloadData: a workload's raw `data` decoded into its type's struct, once,
 * and kept (with its error, if any) for the challenge, validation and capacity. */
#include "core/deployment_impl.h"
#include "json/reader.h"
#include "json/writer.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gt_error *keep_error(gt_arena *a, const gt_error *e)
{
    gt_error *copy = gt_arena_alloc_raw(a, sizeof *copy);
    if (copy)
        *copy = *e;
    return copy;
}

static bool is_null(gt_str raw)
{
    const char *p = raw.ptr, *e = raw.ptr + raw.len;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        e--;
    return e - p == 4 && memcmp(p, "null", 4) == 0;
}

static void fill(const gt_deployment *d, size_t i, struct gt_workload_cache *c)
{
    const gt_workload *wl = &d->workloads.items[i];
    gt_arena *a = gt_deployment_arena(d);
    gt_error e;
    gt_error_clear(&e);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "workloads[%zu].data", i);

    c->type = gt_type_lookup(wl->type.ptr, wl->type.len);
    if (!c->type) {
        c->status = gt_error_set_quoting(&e, GT_EDATA, "invalid reservation type '%.*s'", (int)wl->type.len,
                                 wl->type.ptr);
        gt_error_at(&e, GT_NO_OFFSET, prefix);
        snprintf(e.path, sizeof e.path, "workloads[%zu].type", i);
        c->error = keep_error(a, &e);
        return;
    }
    if (wl->data.len && is_null(wl->data)) {
        /* json.Unmarshal(null, &iface) nils the interface; the reference's type
         * assertion on it then panics. */
        c->status = gt_error_set(&e, GT_EPANIC,
                                 "panic: interface conversion: interface is nil, not gridtypes.WorkloadData");
        gt_error_at(&e, GT_NO_OFFSET, prefix);
        c->error = keep_error(a, &e);
        return;
    }
    void *data = gt_arena_alloc(a, c->type->schema->size);
    if (!data) {
        c->status = gt_error_set(&e, GT_ENOMEM, "out of memory");
        c->error = keep_error(a, &e);
        return;
    }
    gt_reader r;
    gt_error inner;
    gt_error_clear(&inner);
    /* Offsets count from the start of the parsed document when the data came from it.
     * The data is a slice (of the document or of the caller's memory), not followed by
     * the padding the reader needs: it reads a copy. */
    if (gt_reader_init_copy(&r, gt_deployment_base(d, wl->data.ptr), (const uint8_t *)wl->data.ptr,
                            wl->data.len, a, &inner, prefix) != 0) {
        c->status = gt_error_set(&e, GT_ENOMEM, "out of memory");
        c->error = keep_error(a, &e);
        return;
    }
    _Alignas(16) uint8_t scratch[4096];
    gt_reader_set_scratch(&r, scratch, sizeof scratch);
    int rc = gt_json_decode(&r, c->type->schema, data);
    if (rc != GT_OK) {
        c->inner = keep_error(a, &inner);
        c->status = gt_error_set_quoting(&e, rc == GT_ENOMEM ? GT_ENOMEM : GT_EDATA,
                                 "failed to load data into object of type '%s': %.*s", c->type->go_name,
                                 (int)inner.message_len, inner.message);
        gt_error_at(&e, inner.offset, inner.path[0] ? inner.path : prefix);
        c->error = keep_error(a, &e);
        if (!c->inner || !c->error) { /* an error kept in part would read differently */
            c->status = GT_ENOMEM;
            c->error = NULL;
        }
        return;
    }
    c->data = data;
    c->status = GT_OK;
}

/* Several threads may ask for the same workload's data at once (the functions of a const
 * deployment are thread-safe). A parsed deployment usually has every cache filled by the
 * reader's hook, and then this only reads. A missing or stale cache is filled under the
 * deployment's lock (the arena is not thread-safe) and published with release order, so a
 * thread that sees the pointer with acquire order sees the whole entry. The cache pointer
 * lives in the public gt_workload, which stays a plain C struct: it is accessed with the
 * compilers' __atomic builtins (gcc and clang, the two the project builds with). */
const struct gt_workload_cache *gt_workload_load(const gt_deployment *d, size_t i)
{
    gt_workload *wl = (gt_workload *)(uintptr_t)&d->workloads.items[i];
    struct gt_workload_cache *c = __atomic_load_n(&wl->cache, __ATOMIC_ACQUIRE);
    if (gt_workload_cache_fresh(c, wl))
        return c;
    gt_deployment_lock(d);
    c = __atomic_load_n(&wl->cache, __ATOMIC_ACQUIRE); /* another thread may have filled it */
    if (!gt_workload_cache_fresh(c, wl)) {
        c = gt_arena_alloc(gt_deployment_arena(d), sizeof *c);
        if (c) {
            c->data_ptr = wl->data.ptr;
            c->data_len = wl->data.len;
            c->type_ptr = wl->type.ptr;
            c->type_len = wl->type.len;
            fill(d, i, c);
            __atomic_store_n(&wl->cache, c, __ATOMIC_RELEASE);
        }
    }
    gt_deployment_unlock(d);
    return c;
}

/* Decoding `data` while the deployment is parsed (the reader's raw hook).
 *
 * The reference decodes a workload's data only when it is used, so its errors belong to
 * the challenge, validation and capacity, not to parsing. Decoding it lazily, though,
 * reads those bytes twice: once for the syntax check of the whole document, once more to
 * decode them. So when the type is already known as `data` is met (the usual order) we
 * decode it on the spot into the cache, exactly as gt_workload_load would: same schema,
 * same bytes, a zeroed struct, a reader of its own. Anything short of a clean success --
 * an unknown type, data that is not an object (`null` panics later), any error -- drops
 * the attempt and lets the reader keep the bytes raw as before, so errors surface later
 * exactly as they did. The cache is keyed by the data and type pointers, so a later
 * `data` or `type` key (Go replaces or merges them) simply makes it stale. */
int gt_workload_data_hook(gt_reader *r, const gt_schema *owner, void *obj, const gt_field *f)
{
    if (owner != &gt_schema_workload || f->offset != offsetof(gt_workload, data) || *r->p != '{' ||
        r->status != GT_OK)
        return 0;
    gt_workload *wl = obj;
    const gt_workload_type *t = gt_type_lookup(wl->type.ptr, wl->type.len);
    if (!t)
        return 0;
    void *data = gt_arena_alloc(r->arena, t->schema->size);
    struct gt_workload_cache *c = gt_arena_alloc_raw(r->arena, sizeof *c); /* all set below */
    if (!data || !c)
        return gt_json_oom(r); /* the parse fails, as on any allocation failure */
    const uint8_t *start = r->p;
    gt_reader sub;
    gt_error e;
    gt_reader_init(&sub, r->base, start, (size_t)(r->end - start), r->arena, &e, "");
    sub.base_off = r->base_off;
    /* the document's indentation goes on inside data */
    memcpy(sub.open_indent, r->open_indent, sizeof sub.open_indent);
    sub.depth = r->depth; /* the document's nesting limit applies across the data */
    sub.scratch = r->scratch; /* its slices stack above the parent's */
    sub.scratch_top = r->scratch_top;
    sub.scratch_cap = r->scratch_cap;
    if (gt_json_decode_value(&sub, t->schema, data) != 0 || sub.status != GT_OK)
        return sub.status == GT_ENOMEM ? gt_json_oom(r) : 0; /* not kept raw quietly */
    r->p = sub.p;
    memcpy(r->open_indent, sub.open_indent, sizeof r->open_indent);
    wl->data.ptr = (const char *)start;
    wl->data.len = (size_t)(sub.p - start);
    c->data_ptr = wl->data.ptr;
    c->data_len = wl->data.len;
    c->type_ptr = wl->type.ptr;
    c->type_len = wl->type.len;
    c->type = t;
    c->data = data;
    c->status = GT_OK;
    c->error = NULL;
    c->inner = NULL;
    wl->cache = c;
    return 1;
}

int gt_workload_report(const gt_error *src, gt_error *err)
{
    if (err && src)
        *err = *src;
    return src ? src->code : GT_ENOMEM;
}

int gt_workload_data(const gt_deployment *d, size_t index, const void **data,
                     const gt_workload_type **type, gt_error *err)
{
    gt_error_clear(err);
    if (!d || index >= d->workloads.len)
        return gt_error_set(err, GT_EARG, "workload index %zu out of range", index);
    const struct gt_workload_cache *c = gt_workload_load(d, index);
    if (!c)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    if (type)
        *type = c->type;
    if (data)
        *data = c->data;
    if (c->status != GT_OK)
        return gt_workload_report(c->error, err);
    return GT_OK;
}

int gt_workload_capacity(const gt_deployment *d, size_t index, gt_capacity *out, gt_error *err)
{
    const void *data;
    const gt_workload_type *t;
    memset(out, 0, sizeof *out);
    int rc = gt_workload_data(d, index, &data, &t, err);
    if (rc != GT_OK)
        return rc;
    return t->capacity(data, out, err);
}

int gt_workload_type_encode(const gt_workload_type *t, const void *data, char **out, size_t *len)
{
    gt_buf b;
    gt_buf_init(&b);
    if (gt_json_encode(&b, t->schema, data) != 0 || !gt_buf_reserve(&b, 1)) {
        gt_buf_free(&b);
        return GT_EVALUE;
    }
    b.data[b.len] = '\0';
    *out = b.data;
    if (len)
        *len = b.len;
    return GT_OK;
}

void gt_capacity_add(gt_capacity *a, const gt_capacity *b)
{
    a->cru += b->cru;
    a->sru += b->sru;
    a->hru += b->hru;
    a->mru += b->mru;
    a->ipv4u += b->ipv4u;
}

bool gt_result_is_nil(const gt_result *r)
{
    return r->state.len == 0 && r->created == 0 &&
           (r->data.len == 0 || (r->data.len == 4 && memcmp(r->data.ptr, "null", 4) == 0));
}

bool gt_workload_is_result(const gt_workload *wl, const char *state)
{
    size_t n = strlen(state);
    return !gt_result_is_nil(&wl->result) && wl->result.state.len == n &&
           memcmp(wl->result.state.ptr, state, n) == 0;
}

int gt_result_bytes(const gt_result *r, char **out, size_t *len)
{
    size_t n = r->state.len + r->message.len + r->data.len;
    char *p = malloc(n + 1);
    if (!p)
        return GT_ENOMEM;
    size_t k = 0;
    if (r->state.len)
        memcpy(p, r->state.ptr, r->state.len);
    k += r->state.len;
    if (r->message.len)
        memcpy(p + k, r->message.ptr, r->message.len);
    k += r->message.len;
    if (r->data.len)
        memcpy(p + k, r->data.ptr, r->data.len);
    p[n] = '\0';
    *out = p;
    *len = n;
    return GT_OK;
}
