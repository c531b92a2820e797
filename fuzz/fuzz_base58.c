/* fuzz_base58: base58 (bitcoin alphabet) decoding and encoding (gt_base58_decode,
 * gt_base58_encode).
 *
 * Input: the whole input is decoded as text, and also encoded as bytes.
 * Properties: no crash, no write past cap; decode(s) succeeds exactly when every byte
 * is in the alphabet (a zero-capacity or short buffer may refuse); a decoded text
 * encodes back to the same text; encoded bytes decode back to the same bytes and the
 * encoding fits gt_base58_encoded_max. */
#include "fuzz_common.h"

#include "core/gonet.h"

static const char alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* text -> bytes -> text */
    char *s = malloc(size ? size : 1);
    uint8_t *out = malloc(size ? size : 1); /* "out needs n bytes at most" */
    if (!s || !out)
        goto done;
    memcpy(s, data, size);
    int in_alpha = 1;
    for (size_t i = 0; i < size; i++)
        if (!memchr(alphabet, data[i], sizeof alphabet - 1) || data[i] == 0)
            in_alpha = 0;
    size_t n = (size_t)-1;
    int rc = gt_base58_decode(s, size, out, size, &n);
    FUZZ_CHECK((rc == 0) == in_alpha, "decode verdict %d for alphabet=%d", rc, in_alpha);
    if (rc == 0) {
        FUZZ_CHECK(n <= size, "decoded %zu bytes from %zu characters", n, size);
        size_t cap = gt_base58_encoded_max(n) + 1;
        char *t = malloc(cap);
        size_t tlen = 0;
        FUZZ_CHECK(t && gt_base58_encode(out, n, t, cap, &tlen) == 0, "re-encode failed");
        FUZZ_CHECK(tlen == size && memcmp(t, s, size) == 0 && t[tlen] == '\0', "base58 text round trip differs");
        free(t);
        /* A buffer one byte short is refused, not overrun. */
        if (n > 0) {
            uint8_t *small = malloc(n - 1 ? n - 1 : 1);
            size_t m;
            FUZZ_CHECK(gt_base58_decode(s, size, small, n - 1, &m) != 0, "short buffer accepted");
            free(small);
        }
    }
    /* bytes -> text -> bytes */
    {
        size_t cap = gt_base58_encoded_max(size) + 1;
        char *t = malloc(cap);
        size_t tlen = 0;
        FUZZ_CHECK(t && gt_base58_encode(data, size, t, cap, &tlen) == 0, "encode failed");
        FUZZ_CHECK(tlen < cap && t[tlen] == '\0', "encoding does not fit");
        uint8_t *back = malloc(tlen ? tlen : 1);
        size_t blen = 0;
        FUZZ_CHECK(back && gt_base58_decode(t, tlen, back, tlen, &blen) == 0, "decode of an encoding failed");
        FUZZ_CHECK(blen == size && memcmp(back, data, size) == 0, "base58 byte round trip differs");
        free(back);
        if (cap > 1) {
            char *short_buf = malloc(cap - 1);
            size_t m;
            if (tlen + 1 > cap - 1)
                FUZZ_CHECK(gt_base58_encode(data, size, short_buf, cap - 1, &m) != 0 || m + 1 <= cap - 1,
                           "short encode buffer overrun");
            free(short_buf);
        }
        free(t);
    }
done:
    free(s);
    free(out);
    return 0;
}
