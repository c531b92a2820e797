/* SS58 address encoding: a base58 string of the network prefix (one byte below 64, two bytes
 * up to 16383), the 32-byte key and the first two bytes of
 * blake2b-512("SS58PRE" || prefix || key). The base58 encoder here is private to this file's
 * needs (a few dozen bytes), so the quadratic schoolbook conversion is the simple choice. */
#include "crypto/ss58.h"

#include <string.h>

#include <sodium.h>

#include "gridtypes/crypto.h"

static const char ALPHABET[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

size_t gt_ss58_base58(const uint8_t *in, size_t len, char *out, size_t cap)
{
    uint8_t digits[128]; /* base-58 digits, least significant first; enough for 90 bytes */
    size_t nd = 0, zeros = 0;
    if (len > 90)
        return 0;
    while (zeros < len && in[zeros] == 0)
        zeros++;
    for (size_t i = zeros; i < len; i++) {
        unsigned carry = in[i];
        for (size_t j = 0; j < nd; j++) {
            carry += (unsigned)digits[j] << 8;
            digits[j] = (uint8_t)(carry % 58);
            carry /= 58;
        }
        while (carry) {
            digits[nd++] = (uint8_t)(carry % 58);
            carry /= 58;
        }
    }
    /* every leading zero byte is written as a '1' */
    if (zeros + nd + 1 > cap)
        return 0;
    size_t o = 0;
    for (size_t i = 0; i < zeros; i++)
        out[o++] = '1';
    while (nd)
        out[o++] = ALPHABET[digits[--nd]];
    out[o] = '\0';
    return o;
}

int gt_ss58_encode(const uint8_t *key, size_t key_len, uint16_t prefix, char *out, size_t cap,
                   gt_error *err)
{
    uint8_t buf[2 + 32 + 2], hash[64];
    size_t n = 0;
    if (!key || !out)
        return gt_error_set(err, GT_EARG, "ss58: NULL argument");
    if (key_len != 32)
        return gt_error_set(err, GT_EARG, "ss58: key of %zu bytes (want 32)", key_len);
    if (prefix < 64) {
        buf[n++] = (uint8_t)prefix;
    } else if (prefix < 16384) {
        /* the two-byte form spreads the 14 bits so the first byte stays in 64..127 */
        buf[n++] = (uint8_t)(((prefix & 0xfc) >> 2) | 0x40);
        buf[n++] = (uint8_t)((prefix >> 8) | ((prefix & 0x03) << 6));
    } else {
        return gt_error_set(err, GT_EARG, "ss58: prefix %u above 16383", (unsigned)prefix);
    }
    memcpy(buf + n, key, 32);
    n += 32;

    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof hash);
    crypto_generichash_update(&st, (const uint8_t *)"SS58PRE", 7);
    crypto_generichash_update(&st, buf, n);
    crypto_generichash_final(&st, hash, sizeof hash);
    buf[n++] = hash[0];
    buf[n++] = hash[1];

    if (gt_ss58_base58(buf, n, out, cap) == 0) {
        if (cap)
            out[0] = '\0';
        return gt_error_set(err, GT_ELIMIT, "ss58: output buffer too small");
    }
    return GT_OK;
}
