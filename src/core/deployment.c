/* Deployment life cycle: parse, build, encode, free. */
#include "core/deployment_impl.h"
#include "json/reader.h"
#include "json/writer.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOCKS 16
#define L PTHREAD_MUTEX_INITIALIZER
static pthread_mutex_t locks[LOCKS] = {L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L};
#undef L

static pthread_mutex_t *lock_of(const gt_deployment *d)
{
    uintptr_t a = (uintptr_t)d;
    return &locks[(a >> 6 ^ a >> 12) % LOCKS];
}

void gt_deployment_lock(const gt_deployment *d)
{
    pthread_mutex_lock(lock_of(d));
}

void gt_deployment_unlock(const gt_deployment *d)
{
    pthread_mutex_unlock(lock_of(d));
}

/* The deployment and the first `room` bytes of its arena, in one malloc. */
static gt_deployment_impl *impl_new(size_t room)
{
    size_t head = (sizeof(gt_deployment_impl) + 15) & ~(size_t)15;
    if (room > SIZE_MAX - head)
        return NULL;
    gt_deployment_impl *di = malloc(head + room);
    if (!di)
        return NULL;
    memset(di, 0, sizeof *di);
    gt_arena_init_in(&di->arena, (uint8_t *)di + head, room);
    return di;
}

static int over_budget(gt_error *err, size_t budget, size_t len, size_t offset, const char *path)
{
    gt_error_set(err, GT_ELIMIT, "the deployment needs more memory than its budget of %zu bytes (input of %zu bytes)",
                 budget, len);
    return gt_error_at(err, offset, path);
}

/* Decodes every workload's data the reader's hook left raw (its `type` came after its
 * `data`, or a later key replaced one of them), so that the parsed deployment is complete:
 * functions of a const deployment then only read it (several threads may share it), and
 * the data's memory counts against the parse's budget. A data error is kept in the cache
 * as on first use; only running out of memory or budget fails the parse. */
static int decode_all_data(gt_deployment *d, size_t budget, gt_error *err)
{
    gt_deployment_impl *di = (gt_deployment_impl *)d;
    for (size_t i = 0; i < d->workloads.len; i++) {
        const gt_workload *wl = &d->workloads.items[i];
        const struct gt_workload_cache *c = wl->cache; /* one thread here: plain reads */
        if (c && c->status == GT_OK && gt_workload_cache_fresh(c, wl))
            continue; /* decoded by the reader's hook, the usual case */
        c = gt_workload_load(d, i);
        /* (an error that could not be kept is running out of memory too) */
        if (c && c->status != GT_ENOMEM && (c->status == GT_OK || c->error))
            continue;
        char path[48];
        snprintf(path, sizeof path, "workloads[%zu].data", i);
        if (di->arena.over_limit)
            return over_budget(err, budget, di->input_len, GT_NO_OFFSET, path);
        gt_error_set(err, GT_ENOMEM, "out of memory");
        return gt_error_at(err, GT_NO_OFFSET, path);
    }
    return GT_OK;
}

gt_deployment *gt_deployment_new(void)
{
    gt_registry_init();
    gt_deployment_impl *di = impl_new(4096);
    return di ? &di->pub : NULL;
}

void gt_deployment_free(gt_deployment *d)
{
    if (!d)
        return;
    gt_deployment_impl *di = (gt_deployment_impl *)d;
    gt_arena_free(&di->arena);
    free(di);
}

int gt_deployment_parse(const void *json, size_t len, gt_deployment **out, gt_error *err)
{
    return gt_deployment_parse_ex(json, len, NULL, out, err);
}

int gt_deployment_parse_ex(const void *json, size_t len, const gt_parse_options *opts,
                           gt_deployment **out, gt_error *err)
{
    gt_error_clear(err);
    if (!out || (!json && len))
        return gt_error_set(err, GT_EARG, "gt_deployment_parse: NULL argument");
    *out = NULL;
    size_t max = opts && opts->max_input ? opts->max_input : GT_PARSE_MAX_INPUT_DEFAULT;
    if (max > GT_PARSE_MAX_INPUT_HARD)
        max = GT_PARSE_MAX_INPUT_HARD;
    if (len > max) {
        gt_error_set(err, GT_ELIMIT, "input of %zu bytes exceeds the limit of %zu bytes", len, max);
        return gt_error_at(err, max, "");
    }
    gt_registry_init();
    /* The memory budget: the arena (which holds the copy of the input too) may not grow
     * past it while the deployment is parsed. */
    size_t budget = opts && opts->max_memory ? opts->max_memory : 0;
    if (!budget) {
        budget = len > SIZE_MAX / GT_PARSE_MEMORY_FACTOR ? SIZE_MAX : len * GT_PARSE_MEMORY_FACTOR;
        if (budget < GT_PARSE_MEMORY_MIN)
            budget = GT_PARSE_MEMORY_MIN;
    }
    /* One arena chunk for the input copy plus the decoded structs and workload data,
     * which take about 0.8 bytes per input byte for pretty-printed deployments
     * (bench/large.json: 0.78). */
    size_t room = len + len / 8 * 7 + 1024;
    if (budget != SIZE_MAX && room > budget)
        room = budget;
    if (room < len + GT_JSON_PAD)
        return over_budget(err, budget, len, 0, "");
    gt_deployment_impl *di = impl_new(room);
    if (!di)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    di->arena.limit = budget == SIZE_MAX ? 0 : budget;
    /* Strings and raw data point into this copy, so the caller's buffer is free to go. */
    uint8_t *copy = gt_arena_alloc_raw(&di->arena, len + GT_JSON_PAD);
    if (!copy) {
        gt_deployment_free(&di->pub);
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    }
    if (len)
        memcpy(copy, json, len);
    memset(copy + len, 0, GT_JSON_PAD); /* the padding the reader needs (and a NUL) */
    di->input = copy;
    di->input_len = len;
    gt_reader r;
    gt_error local;
    gt_reader_init(&r, copy, copy, len, &di->arena, err ? err : &local, "");
    r.raw_hook = gt_workload_data_hook;
    _Alignas(16) uint8_t scratch[GT_JSON_SCRATCH];
    gt_reader_set_scratch(&r, scratch, sizeof scratch);
    int rc = gt_json_decode(&r, &gt_schema_deployment, &di->pub);
    if (rc == GT_ENOMEM && di->arena.over_limit)
        rc = over_budget(err, budget, len, (size_t)(r.p - copy), "");
    if (rc == GT_OK)
        rc = decode_all_data(&di->pub, budget, err);
    di->arena.limit = 0; /* the budget is the parse's */
    if (rc != GT_OK) {
        gt_deployment_free(&di->pub);
        return rc;
    }
    *out = &di->pub;
    return GT_OK;
}

gt_str gt_deployment_strdup(gt_deployment *d, const char *s, size_t n)
{
    gt_str out = {NULL, 0};
    char *p = gt_arena_alloc_raw(gt_deployment_arena(d), n + 1);
    if (!p)
        return out;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    out.ptr = p;
    out.len = n;
    return out;
}

/* Appends one zeroed element to a slice of `size`-byte items in the arena. */
static void *slice_push(gt_arena *a, gt_slice *sl, size_t size)
{
    if (sl->len == sl->cap) {
        uint32_t ncap = sl->cap ? sl->cap * 2 : 4;
        uint8_t *n = gt_arena_alloc(a, ncap * size);
        if (!n)
            return NULL;
        if (sl->len)
            memcpy(n, sl->items, sl->len * size);
        sl->items = n;
        sl->cap = ncap;
    }
    sl->set = true;
    uint8_t *item = (uint8_t *)sl->items + sl->len * size;
    memset(item, 0, size);
    sl->len++;
    return item;
}

gt_workload *gt_deployment_add_workload(gt_deployment *d, const char *name, const char *type,
                                        const char *data_json, size_t data_len)
{
    gt_workload *wl = slice_push(gt_deployment_arena(d), (gt_slice *)&d->workloads, sizeof *wl);
    if (!wl)
        return NULL;
    wl->name = gt_deployment_strdup(d, name, strlen(name));
    wl->type = gt_deployment_strdup(d, type, strlen(type));
    if (gt_workload_set_data(d, wl, data_json, data_len) != GT_OK || !wl->name.ptr || !wl->type.ptr)
        return NULL;
    return wl;
}

int gt_deployment_add_request(gt_deployment *d, uint32_t twin, bool required, uint64_t weight)
{
    gt_signature_request *r = slice_push(gt_deployment_arena(d),
                                         (gt_slice *)&d->signature_requirement.requests, sizeof *r);
    if (!r)
        return GT_ENOMEM;
    r->twin_id = twin;
    r->required = required;
    r->weight = weight;
    return GT_OK;
}

int gt_workload_set_data(gt_deployment *d, gt_workload *wl, const char *data_json, size_t len)
{
    if (!data_json || !len) {
        wl->data = (gt_str){NULL, 0};
    } else {
        wl->data = gt_deployment_strdup(d, data_json, len);
        if (!wl->data.ptr)
            return GT_ENOMEM;
    }
    wl->cache = NULL;
    return GT_OK;
}

int gt_deployment_encode(const gt_deployment *d, char **out, size_t *len, gt_error *err)
{
    gt_error_clear(err);
    if (!d || !out)
        return gt_error_set(err, GT_EARG, "gt_deployment_encode: NULL argument");
    gt_buf b;
    gt_buf_init(&b);
    gt_buf_reserve(&b, 1024);
    if (gt_json_encode(&b, &gt_schema_deployment, d) != 0 || !gt_buf_reserve(&b, 1)) {
        int failed = b.failed;
        gt_buf_free(&b);
        return failed ? gt_error_set(err, GT_ENOMEM, "out of memory")
                      : gt_error_set(err, GT_EVALUE, "a value cannot be encoded as JSON");
    }
    b.data[b.len] = '\0';
    *out = b.data;
    if (len)
        *len = b.len;
    return GT_OK;
}
