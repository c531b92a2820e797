/* Key pairs from substrate secret URIs (public functions in include/gridtypes/crypto.h).
 *
 * Internal header: the pieces tests and other layers may reuse. */
#ifndef GT_CRYPTO_KEYS_H
#define GT_CRYPTO_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "gridtypes/crypto.h"

/* substrate's DEV_PHRASE, used when a secret URI starts with its path ("//Alice"). */
extern const char gt_dev_phrase[];

/* Decodes exactly 64 hex digits (either case) into 32 bytes without branching on the digit
 * values. Returns 0, or -1 if len != 64 or a character is not a hex digit. */
int gt_hex_seed_decode(uint8_t out[32], const char *s, size_t len);

/* Initializes libsodium (idempotent, thread-safe). Returns GT_OK, or GT_EKEY if libsodium
 * cannot start (no entropy source). */
int gt_crypto_init(gt_error *err);

#endif
