/* The key table: twins' public keys, the answers a node's key getter would give, held by
 * the caller instead of a callback. An open-addressing table keyed by twin id: a verifier
 * looks up one twin per signature request, and a caller may load many twins. */
#include "ffi/ffi_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/strhash.h"
#include "ffi/ffi_keys.h"
#include "gridtypes/crypto.h"

struct gt_ffi_keys {
    gt_ffi_key_entry *slots; /* cap slots, len == KEY_EMPTY when free */
    uint32_t cap;            /* a power of two, or 0 */
    uint32_t count;
};

#define KEY_EMPTY ((uint16_t)0xffff)

/* The twins come from the caller's input (a keys file a user gives, say): the slot is
 * the keyed hash of the id (core/strhash.h), so that no set of twins can be chosen to
 * collide. */
static uint32_t slot_of(uint32_t twin, uint32_t cap)
{
    uint8_t b[4] = {(uint8_t)twin, (uint8_t)(twin >> 8), (uint8_t)(twin >> 16), (uint8_t)(twin >> 24)};
    return (uint32_t)gt_strhash((const char *)b, sizeof b) & (cap - 1);
}

gt_ffi_keys *gt_ffi_keys_new(void)
{
    return calloc(1, sizeof(gt_ffi_keys));
}

void gt_ffi_keys_free(gt_ffi_keys *t)
{
    if (!t)
        return;
    free(t->slots);
    free(t);
}

uint32_t gt_ffi_keys_count(const gt_ffi_keys *t)
{
    return t ? t->count : 0;
}

const gt_ffi_key_entry *gt_fi_keys_find(const gt_ffi_keys *t, uint32_t twin)
{
    if (!t || !t->cap)
        return NULL;
    for (uint32_t i = slot_of(twin, t->cap);; i = (i + 1) & (t->cap - 1)) {
        const gt_ffi_key_entry *e = &t->slots[i];
        if (e->len == KEY_EMPTY)
            return NULL;
        if (e->twin == twin)
            return e;
    }
}

/* Keeps the table at most half full, so that probes stay short and one slot stays free. */
static bool grow(gt_ffi_keys *t)
{
    if ((uint64_t)(t->count + 1) * 2 <= t->cap)
        return true;
    uint32_t cap = t->cap ? t->cap * 2 : 16;
    if (cap < t->cap || cap > (1u << 30))
        return false;
    gt_ffi_key_entry *slots = malloc((size_t)cap * sizeof *slots);
    if (!slots)
        return false;
    for (uint32_t i = 0; i < cap; i++)
        slots[i].len = KEY_EMPTY;
    for (uint32_t j = 0; j < t->cap; j++) {
        const gt_ffi_key_entry *e = &t->slots[j];
        if (e->len == KEY_EMPTY)
            continue;
        uint32_t i = slot_of(e->twin, cap);
        while (slots[i].len != KEY_EMPTY)
            i = (i + 1) & (cap - 1);
        slots[i] = *e;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return true;
}

int32_t gt_ffi_keys_add_raw(gt_ffi_keys *t, uint32_t twin, const uint8_t *key, size_t len, gt_ffi_error *err)
{
    if (!t || (!key && len))
        return gt_fi_fail(err, GT_EARG, "gt_ffi_keys_add_raw: NULL argument");
    if (len > GT_KEY_MAX)
        return gt_fi_fail(err, GT_ELIMIT, "the key of twin %u has %zu bytes, more than the %d allowed", twin, len,
                          GT_KEY_MAX);
    gt_ffi_key_entry *e = (gt_ffi_key_entry *)gt_fi_keys_find(t, twin);
    if (!e) {
        if (!grow(t))
            return gt_fi_fail(err, GT_ENOMEM, "out of memory");
        uint32_t i = slot_of(twin, t->cap);
        while (t->slots[i].len != KEY_EMPTY)
            i = (i + 1) & (t->cap - 1);
        e = &t->slots[i];
        e->twin = twin;
        t->count++;
    }
    if (len)
        memcpy(e->key, key, len);
    e->len = (uint16_t)len;
    gt_fi_ok(err);
    return GT_OK;
}

int32_t gt_ffi_keys_add(gt_ffi_keys *t, uint32_t twin, const char *text, size_t len, gt_ffi_error *err)
{
    if (!t || (!text && len))
        return gt_fi_fail(err, GT_EARG, "gt_ffi_keys_add: NULL argument");
    uint8_t key[GT_KEY_MAX];
    size_t n = 0;
    gt_error e;
    if (gt_public_key_from_text(text, len, key, sizeof key, &n, &e) != GT_OK) {
        char why[GT_ERROR_MESSAGE_MAX];
        memcpy(why, e.message, sizeof why);
        size_t at = e.offset;
        gt_error_set(&e, e.code, "the key of twin %u: %s", twin, why);
        gt_error_at(&e, at, NULL);
        return gt_fi_copy(err, &e);
    }
    return gt_ffi_keys_add_raw(t, twin, key, n, err);
}
