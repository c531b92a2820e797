/* Public keys written as text: hex, 0x hex or SS58, the forms the chain's keys are shown in
 * (keys files of the command, the key tables of the language bindings). */
#include "gridtypes/crypto.h"

#include <stdio.h>
#include <string.h>

#include "core/gonet.h"

/* Hex digits text[from..len) into out; the caller has checked that they are all digits. */
static int decode_hex(const char *text, size_t from, size_t len, uint8_t *out, size_t cap, size_t *out_len,
                      gt_error *err)
{
    size_t digits = len - from;
    if (digits % 2) {
        gt_error_set(err, GT_EKEY, "hex public key with an odd number of digits (%zu)", digits);
        return gt_error_at(err, len - 1, NULL);
    }
    if (digits / 2 > cap)
        return gt_error_set(err, GT_ELIMIT, "public key of %zu bytes, longer than the %zu allowed", digits / 2,
                            cap);
    for (size_t i = 0; i < digits / 2; i++)
        out[i] = (uint8_t)(gt_hex_digit((unsigned char)text[from + 2 * i]) << 4 |
                           gt_hex_digit((unsigned char)text[from + 2 * i + 1]));
    *out_len = digits / 2;
    gt_error_clear(err);
    return GT_OK;
}

/* The first byte of text[from..len) that is not a hex digit, or len. */
static size_t first_non_hex(const char *text, size_t from, size_t len)
{
    while (from < len && gt_hex_digit((unsigned char)text[from]) >= 0)
        from++;
    return from;
}

/* The shortest SS58 address of a 32-byte key: a zero prefix byte and a key of zeros are 33
 * '1's, and the two checksum bytes at least 3 more base58 digits. */
#define SS58_SHORTEST 36

int gt_public_key_from_text(const char *text, size_t len, uint8_t *out, size_t cap, size_t *out_len,
                            gt_error *err)
{
    if ((!text && len) || (!out && cap) || !out_len)
        return gt_error_set(err, GT_EARG, "gt_public_key_from_text: NULL argument");
    *out_len = 0;
    if (len >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        size_t bad = first_non_hex(text, 2, len);
        if (bad < len) {
            /* the offset goes in err, not in the text, which tools print beside it */
            unsigned char c = (unsigned char)text[bad];
            if (c > 0x20 && c < 0x7f)
                gt_error_set(err, GT_EKEY, "public key after 0x is not hex: '%c' is not a hex digit", c);
            else
                gt_error_set(err, GT_EKEY, "public key after 0x is not hex: byte 0x%02x is not a hex digit", c);
            return gt_error_at(err, bad, NULL);
        }
        return decode_hex(text, 2, len, out, cap, out_len, err);
    }
    if (first_non_hex(text, 0, len) == len)
        return decode_hex(text, 0, len, out, cap, out_len, err);
    uint8_t key[GT_PUBLIC_KEY_BYTES];
    gt_error why;
    if (gt_ss58_decode(text, len, key, NULL, &why) != GT_OK) {
        if (why.offset == GT_NO_OFFSET && len < SS58_SHORTEST) {
            /* all base58 but too short for an address: most likely hex with a typo, so
             * point at the first byte that is not a hex digit */
            size_t bad = first_non_hex(text, 0, len);
            gt_error_set(err, GT_EKEY,
                         "public key is neither hex ('%c' is not a hex digit) nor an SS58 address (too short for one)",
                         text[bad]);
            return gt_error_at(err, bad, NULL);
        }
        gt_error_set(err, GT_EKEY, "public key is neither hex nor an SS58 address (%s)", why.message);
        return gt_error_at(err, why.offset, NULL);
    }
    if (cap < GT_PUBLIC_KEY_BYTES)
        return gt_error_set(err, GT_ELIMIT, "public key of %d bytes, longer than the %zu allowed",
                            GT_PUBLIC_KEY_BYTES, cap);
    memcpy(out, key, GT_PUBLIC_KEY_BYTES);
    *out_len = GT_PUBLIC_KEY_BYTES;
    gt_error_clear(err);
    return GT_OK;
}
