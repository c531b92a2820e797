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

/* The value of each base58 character, -1 for characters outside the alphabet. */
static int b58_value(unsigned char c)
{
    const char *p = c ? strchr(ALPHABET, c) : NULL;
    return p ? (int)(p - ALPHABET) : -1;
}

size_t gt_ss58_unbase58(const char *in, size_t len, uint8_t *out, size_t cap, size_t *bad)
{
    uint8_t bytes[128]; /* big-endian value, least significant byte first while building */
    size_t nb = 0, zeros = 0;
    *bad = SIZE_MAX;
    if (len > 160)
        return 0;
    while (zeros < len && in[zeros] == '1')
        zeros++;
    for (size_t i = zeros; i < len; i++) {
        int v = b58_value((unsigned char)in[i]);
        if (v < 0) {
            *bad = i;
            return 0;
        }
        unsigned carry = (unsigned)v;
        for (size_t j = 0; j < nb; j++) {
            carry += (unsigned)bytes[j] * 58;
            bytes[j] = (uint8_t)(carry & 0xff);
            carry >>= 8;
        }
        while (carry) {
            if (nb == sizeof bytes)
                return 0;
            bytes[nb++] = (uint8_t)(carry & 0xff);
            carry >>= 8;
        }
    }
    /* every leading '1' stands for a zero byte */
    if (zeros + nb > cap || zeros + nb == 0)
        return 0;
    memset(out, 0, zeros);
    for (size_t j = 0; j < nb; j++)
        out[zeros + j] = bytes[nb - 1 - j];
    return zeros + nb;
}

/* blake2b-512("SS58PRE" || body)'s first two bytes: the address checksum. */
static void ss58_checksum(const uint8_t *body, size_t n, uint8_t out[2])
{
    uint8_t hash[64];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof hash);
    crypto_generichash_update(&st, (const uint8_t *)"SS58PRE", 7);
    crypto_generichash_update(&st, body, n);
    crypto_generichash_final(&st, hash, sizeof hash);
    out[0] = hash[0];
    out[1] = hash[1];
}

int gt_ss58_decode(const char *addr, size_t len, uint8_t key[GT_PUBLIC_KEY_BYTES], uint16_t *prefix,
                   gt_error *err)
{
    uint8_t raw[40];
    size_t bad;
    if (!addr || !key)
        return gt_error_set(err, GT_EARG, "ss58: NULL argument");
    size_t n = gt_ss58_unbase58(addr, len, raw, sizeof raw, &bad);
    if (bad != SIZE_MAX) {
        gt_error_set(err, GT_EKEY, "ss58: '%c' is not a base58 character", addr[bad]);
        return gt_error_at(err, bad, NULL);
    }
    /* a one-byte network prefix is below 64; 64..127 starts the two-byte form */
    size_t plen = n > 0 && raw[0] >= 64 ? 2 : 1;
    if (n != plen + 32 + 2 || raw[0] >= 128)
        return gt_error_set(err, GT_EKEY, "ss58: not the address of a 32-byte key (%zu bytes decoded)", n);
    uint8_t sum[2];
    ss58_checksum(raw, plen + 32, sum);
    if (sum[0] != raw[plen + 32] || sum[1] != raw[plen + 33])
        return gt_error_set(err, GT_EKEY, "ss58: wrong checksum (a mistyped address?)");
    if (prefix)
        *prefix = plen == 1 ? raw[0]
                            : (uint16_t)(((raw[0] & 0x3f) << 2) | (raw[1] >> 6) | ((raw[1] & 0x3f) << 8));
    memcpy(key, raw + plen, 32);
    return GT_OK;
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
    ss58_checksum(buf, n, buf + n);
    n += 2;

    if (gt_ss58_base58(buf, n, out, cap) == 0) {
        if (cap)
            out[0] = '\0';
        return gt_error_set(err, GT_ELIMIT, "ss58: output buffer too small");
    }
    return GT_OK;
}
