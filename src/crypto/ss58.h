/* SS58 addresses (substrate): base58(prefix || key || checksum).
 *
 * Internal header; the public entry point is gt_ss58_encode in include/gridtypes/crypto.h. */
#ifndef GT_CRYPTO_SS58_H
#define GT_CRYPTO_SS58_H

#include <stddef.h>
#include <stdint.h>

/* Bitcoin-alphabet base58 of len bytes into out (NUL-terminated). Returns the number of
 * characters written, or 0 if cap is too small (cap >= len * 138 / 100 + 2 always suffices). */
size_t gt_ss58_base58(const uint8_t *in, size_t len, char *out, size_t cap);

#endif
