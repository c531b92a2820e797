/* fuzz_hex: encoding/hex decoding as the reference uses it (gt_hex_decode), and the
 * constant-time seed decoder.
 *
 * Properties: no crash, no write past n / 2 bytes; success exactly when Go's
 * hex.DecodeString succeeds (even length, every byte a hex digit); the error is the
 * first bad byte of a pair, or the odd length; decoding then encoding gives the
 * input in lowercase; the seed decoder agrees with gt_hex_decode on 64 digits. */
#include "fuzz_common.h"

#include "core/gonet.h"
#include "crypto/keys.h"

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    uint8_t *out = malloc(size / 2 ? size / 2 : 1); /* exactly what the header asks for */
    char *back = malloc(size + 1);
    if (!s || !out || !back)
        goto done;
    memcpy(s, data, size);
    size_t n = 0;
    gt_hex_err err = {GT_HEX_OK, 0};
    int rc = gt_hex_decode(s, size, out, &n, &err);

    /* The model: Go's hex.Decode. */
    size_t i, expect_n = 0;
    gt_hex_status st = GT_HEX_OK;
    uint8_t bad = 0;
    for (i = 1; i < size; i += 2) {
        int a = hexval(data[i - 1]), b = hexval(data[i]);
        if (a < 0) { st = GT_HEX_INVALID_BYTE; bad = data[i - 1]; break; }
        if (b < 0) { st = GT_HEX_INVALID_BYTE; bad = data[i]; break; }
        expect_n++;
    }
    if (st == GT_HEX_OK && size % 2 == 1) {
        if (hexval(data[size - 1]) < 0) {
            st = GT_HEX_INVALID_BYTE;
            bad = data[size - 1];
        } else {
            st = GT_HEX_ODD_LENGTH;
        }
    }
    FUZZ_CHECK((rc == 0) == (st == GT_HEX_OK), "verdict %d, model %d", rc, (int)st);
    FUZZ_CHECK(n == expect_n, "decoded %zu bytes, model %zu", n, expect_n);
    if (rc != 0) {
        FUZZ_CHECK(err.status == st, "status %d, model %d", (int)err.status, (int)st);
        if (st == GT_HEX_INVALID_BYTE)
            FUZZ_CHECK(err.byte == bad, "bad byte %02x, model %02x", err.byte, bad);
        char msg[96];
        gt_gobuf b;
        gt_gobuf_init(&b, msg, sizeof msg);
        gt_hex_error_format(&b, &err);
        FUZZ_CHECK(b.len > 0 && b.len < sizeof msg, "error text of %zu bytes", b.len);
    } else {
        size_t m = gt_hex_encode(out, n, back);
        FUZZ_CHECK(m == size && back[m] == '\0', "encode length");
        for (i = 0; i < size; i++)
            FUZZ_CHECK(back[i] == (char)(data[i] >= 'A' && data[i] <= 'F' ? data[i] + 32 : data[i]),
                       "hex round trip differs at %zu", i);
    }
    uint8_t seed[32];
    int src = gt_hex_seed_decode(seed, s, size);
    FUZZ_CHECK((src == 0) == (size == 64 && rc == 0), "seed decoder disagrees");
    if (src == 0)
        FUZZ_CHECK(memcmp(seed, out, 32) == 0, "seed bytes differ");
done:
    free(s);
    free(out);
    free(back);
    return 0;
}
