/* The key table's entries, for the verifier's getter (ffi_keys.c, ffi_signing.c). */
#ifndef GT_FFI_KEYS_H
#define GT_FFI_KEYS_H

#include <stdint.h>

#include "gridtypes/ffi.h"
#include "gridtypes/signing.h"

typedef struct gt_ffi_key_entry {
    uint32_t twin;
    uint16_t len; /* bytes of key; 0xffff marks a free slot */
    uint8_t key[GT_KEY_MAX];
} gt_ffi_key_entry;

/* The entry of twin, or NULL. */
const gt_ffi_key_entry *gt_fi_keys_find(const gt_ffi_keys *t, uint32_t twin);

#endif
