/* Public keys as people have them: hex from a keys file or a block explorer (either case,
 * with or without 0x), or the SS58 address the chain and the dashboard show. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "gridtypes/crypto.h"

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool all_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (hex_digit(s[i]) < 0)
            return false;
    return true;
}

int gt_public_key_decode(const char *text, size_t len, uint8_t *out, size_t cap, size_t *out_len, gt_error *err)
{
    gt_error_clear(err);
    if (!text || !out || !out_len)
        return gt_error_set(err, GT_EARG, "gt_public_key_decode: NULL argument");
    *out_len = 0;
    size_t start = len >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') ? 2 : 0;
    const char *h = text + start;
    size_t n = len - start;
    /* hex when it says so, looks so, or cannot be an address: the SS58 address of a
     * 32-byte key is 47 to 50 characters and, in practice, never all hex digits */
    bool address_length = len >= 40 && len <= 60;
    if (start || !address_length || (n % 2 == 0 && all_hex(h, n))) {
        if (n == 0) {
            gt_error_set(err, GT_EKEY, start ? "no hex digits after 0x" : "an empty key");
            gt_error_at(err, len, NULL);
            return GT_EKEY;
        }
        for (size_t i = 0; i < n; i++)
            if (hex_digit(h[i]) < 0) {
                /* quote a printable byte, name another */
                if ((unsigned char)h[i] > 0x20 && (unsigned char)h[i] < 0x7f)
                    gt_error_set(err, GT_EKEY, "'%c' is not a hex digit", h[i]);
                else
                    gt_error_set(err, GT_EKEY, "byte 0x%02x is not a hex digit", (unsigned char)h[i]);
                gt_error_at(err, start + i, NULL);
                return GT_EKEY;
            }
        if (n % 2)
            return gt_error_set(err, GT_EKEY, "an odd number of hex digits (%zu)", n);
        if (n / 2 > cap)
            return gt_error_set(err, GT_ELIMIT, "a key of %zu bytes, more than the %zu allowed", n / 2, cap);
        for (size_t i = 0; i < n; i += 2)
            out[i / 2] = (uint8_t)(hex_digit(h[i]) << 4 | hex_digit(h[i + 1]));
        *out_len = n / 2;
        return GT_OK;
    }
    if (cap < GT_PUBLIC_KEY_BYTES)
        return gt_error_set(err, GT_ELIMIT, "an SS58 address holds %d bytes, more than the %zu allowed",
                            GT_PUBLIC_KEY_BYTES, cap);
    int rc = gt_ss58_decode(text, len, out, NULL, err);
    if (rc != GT_OK) {
        if (err && rc == GT_EKEY && strncmp(err->message, "ss58: ", 6) == 0) {
            /* name both readings: the text was neither */
            char why[GT_ERROR_MESSAGE_MAX - 64];
            snprintf(why, sizeof why, "%s", err->message + 6);
            size_t off = err->offset;
            gt_error_set(err, GT_EKEY, "neither hex nor an SS58 address: %s", why);
            err->offset = off;
        }
        return rc;
    }
    *out_len = GT_PUBLIC_KEY_BYTES;
    return GT_OK;
}
