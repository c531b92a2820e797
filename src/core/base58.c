/* base58 with the bitcoin alphabet, as decred/base58 and jbenet/go-base58 encode it
 * (WorkloadID.Unique and zos.NetworkID hash their inputs with MD5 and print them so). */
#include "core/gonet.h"

#include <string.h>

static const char alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

size_t gt_base58_encoded_max(size_t n)
{
    /* log(256)/log(58) < 1.38: every input byte adds at most 1.38 digits. */
    return n * 138 / 100 + 1;
}

int gt_base58_encode(const uint8_t *in, size_t n, char *out, size_t cap, size_t *out_len)
{
    size_t zeros = 0;
    while (zeros < n && in[zeros] == 0)
        zeros++;

    size_t size = gt_base58_encoded_max(n - zeros);
    if (cap < zeros + size + 1)
        return -1;

    /* Big-endian base-58 digits of the non-zero tail, built in place after the '1's:
     * each input byte multiplies the number by 256 and adds itself. `high` tracks the
     * first digit in use so the inner loop stays proportional to the digits so far. */
    uint8_t *dig = (uint8_t *)out + zeros;
    memset(dig, 0, size);
    size_t high = size;
    for (size_t i = zeros; i < n; i++) {
        unsigned carry = in[i];
        size_t j = size;
        while (j > high || carry != 0) {
            j--;
            carry += 256u * dig[j];
            dig[j] = (uint8_t)(carry % 58);
            carry /= 58;
        }
        high = j;
    }

    size_t skip = 0;
    while (skip < size && dig[skip] == 0)
        skip++;
    size_t len = size - skip;
    for (size_t i = 0; i < zeros; i++)
        out[i] = '1';
    for (size_t i = 0; i < len; i++)
        out[zeros + i] = alphabet[dig[skip + i]];
    out[zeros + len] = '\0';
    if (out_len)
        *out_len = zeros + len;
    return 0;
}

static int digit_of(unsigned char c)
{
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

int gt_base58_decode(const char *s, size_t n, uint8_t *out, size_t cap, size_t *out_len)
{
    size_t ones = 0;
    while (ones < n && s[ones] == '1')
        ones++;

    /* Little-endian base-256 accumulator in out, grown as needed; reversed at the end.
     * The value of the non-'1' tail fits in at most its length in bytes. */
    size_t used = 0;
    for (size_t i = ones; i < n; i++) {
        int d = digit_of((unsigned char)s[i]);
        if (d < 0)
            return -1;
        unsigned carry = (unsigned)d;
        for (size_t j = 0; j < used; j++) {
            carry += 58u * out[ones + j];
            out[ones + j] = (uint8_t)(carry & 0xFF);
            carry >>= 8;
        }
        while (carry > 0) {
            if (ones + used >= cap)
                return -1;
            out[ones + used++] = (uint8_t)(carry & 0xFF);
            carry >>= 8;
        }
    }
    if (ones > cap)
        return -1;
    for (size_t i = 0; i < used / 2; i++) {
        uint8_t t = out[ones + i];
        out[ones + i] = out[ones + used - 1 - i];
        out[ones + used - 1 - i] = t;
    }
    memset(out, 0, ones);
    if (out_len)
        *out_len = ones + used;
    return 0;
}
