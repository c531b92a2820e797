/* SS58 address encoding: a base58 string of the network prefix (one byte below 64, two bytes
 * up to 16383), the 32-byte key and the first two bytes of
 * blake2b-512("SS58PRE" || prefix || key). The base58 encoder here is private to this file's
 * needs (a few dozen bytes), so the quadratic schoolbook conversion is the simple choice. */
#include "crypto/ss58.h"

#include <string.h>

#include <sodium.h>

#include "core/gonet.h"
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

/* The two checksum bytes of prefix-and-key bytes buf[0..n). */
static void checksum(const uint8_t *buf, size_t n, uint8_t out[2])
{
    uint8_t hash[64];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof hash);
    crypto_generichash_update(&st, (const uint8_t *)"SS58PRE", 7);
    crypto_generichash_update(&st, buf, n);
    crypto_generichash_final(&st, hash, sizeof hash);
    out[0] = hash[0];
    out[1] = hash[1];
}

int gt_ss58_encode(const uint8_t *key, size_t key_len, uint16_t prefix, char *out, size_t cap,
                   gt_error *err)
{
    uint8_t buf[2 + 32 + 2];
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

    checksum(buf, n, buf + n);
    n += 2;

    if (gt_ss58_base58(buf, n, out, cap) == 0) {
        if (cap)
            out[0] = '\0';
        return gt_error_set(err, GT_ELIMIT, "ss58: output buffer too small");
    }
    return GT_OK;
}

/* Longest text worth decoding: 36 bytes take at most 50 base58 digits. */
#define SS58_TEXT_MAX 50

int gt_ss58_decode(const char *text, size_t len, uint8_t key[GT_PUBLIC_KEY_BYTES], uint16_t *prefix,
                   gt_error *err)
{
    if ((!text && len) || !key)
        return gt_error_set(err, GT_EARG, "ss58: NULL argument");
    for (size_t i = 0; i < len; i++) {
        if (!text[i] || !strchr(ALPHABET, text[i])) {
            /* the offset goes in err, not in the text, which tools print beside it */
            unsigned char c = (unsigned char)text[i];
            if (c > 0x20 && c < 0x7f)
                gt_error_set(err, GT_EKEY, "ss58: '%c' is not a base58 digit", c);
            else
                gt_error_set(err, GT_EKEY, "ss58: byte 0x%02x is not a base58 digit", c);
            return gt_error_at(err, i, NULL);
        }
    }
    uint8_t buf[64];
    size_t n = 0;
    if (len == 0 || len > SS58_TEXT_MAX || gt_base58_decode(text, len, buf, sizeof buf, &n) != 0)
        return gt_error_set(err, GT_EKEY, "ss58: %zu characters cannot hold the address of a 32-byte key", len);
    /* the first byte says how long the prefix is: < 64 one byte, < 128 two, above reserved */
    size_t plen = buf[0] < 64 ? 1 : buf[0] < 128 ? 2 : 0;
    if (plen == 0)
        return gt_error_set(err, GT_EKEY, "ss58: reserved prefix byte %u", buf[0]);
    if (n != plen + GT_PUBLIC_KEY_BYTES + 2)
        return gt_error_set(err, GT_EKEY, "ss58: %zu bytes, not those of a 32-byte key's address", n);
    uint8_t sum[2];
    checksum(buf, plen + GT_PUBLIC_KEY_BYTES, sum);
    if (memcmp(sum, buf + plen + GT_PUBLIC_KEY_BYTES, 2) != 0)
        return gt_error_set(err, GT_EKEY, "ss58: the checksum does not match");
    if (prefix)
        *prefix = plen == 1 ? buf[0]
                            : (uint16_t)((((buf[0] & 0x3f) << 2) | (buf[1] >> 6)) | ((buf[1] & 0x3f) << 8));
    memcpy(key, buf + plen, GT_PUBLIC_KEY_BYTES);
    gt_error_clear(err);
    return GT_OK;
}
