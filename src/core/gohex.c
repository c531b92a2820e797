/* Go encoding/hex: EncodeToString and DecodeString with Go's error order and texts. */
#include "core/gonet.h"

static const char lowerhex[] = "0123456789abcdef";

size_t gt_hex_encode(const uint8_t *in, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = lowerhex[in[i] >> 4];
        out[2 * i + 1] = lowerhex[in[i] & 0xF];
    }
    out[2 * n] = '\0';
    return 2 * n;
}

static int nibble(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int gt_hex_decode(const char *s, size_t n, uint8_t *out, size_t *out_len, gt_hex_err *err)
{
    gt_hex_err e = {GT_HEX_OK, 0};
    size_t k = 0;
    size_t j = 1;

    /* Pairs left to right; within a pair the first byte is blamed first. */
    for (; j < n; j += 2) {
        int a = nibble((unsigned char)s[j - 1]);
        int b = nibble((unsigned char)s[j]);
        if (a < 0) {
            e.status = GT_HEX_INVALID_BYTE;
            e.byte = (uint8_t)s[j - 1];
            goto done;
        }
        if (b < 0) {
            e.status = GT_HEX_INVALID_BYTE;
            e.byte = (uint8_t)s[j];
            goto done;
        }
        out[k++] = (uint8_t)(a << 4 | b);
    }
    /* An odd tail: a bad last byte is the earlier problem, so it wins over the length. */
    if (n % 2 == 1) {
        if (nibble((unsigned char)s[j - 1]) < 0) {
            e.status = GT_HEX_INVALID_BYTE;
            e.byte = (uint8_t)s[j - 1];
        } else {
            e.status = GT_HEX_ODD_LENGTH;
        }
    }

done:
    if (out_len)
        *out_len = k;
    if (err)
        *err = e;
    return e.status == GT_HEX_OK ? 0 : -1;
}

/* strconv.IsPrint restricted to U+0000..U+00FF (the runes a byte can name): ASCII
 * graphics and space, and Latin-1 except NBSP and the soft hyphen. */
static bool latin1_is_print(unsigned r)
{
    if (r < 0x80)
        return r >= 0x20 && r < 0x7F;
    return r > 0xA0 && r != 0xAD;
}

void gt_hex_error_format(gt_gobuf *b, const gt_hex_err *err)
{
    static const char upperhex[] = "0123456789ABCDEF";
    if (err->status == GT_HEX_ODD_LENGTH) {
        gt_gobuf_puts(b, "encoding/hex: odd length hex string");
        return;
    }
    if (err->status != GT_HEX_INVALID_BYTE)
        return;
    /* fmt %#U of rune(byte): "U+00XX", then " 'c'" (c UTF-8 encoded) when printable. */
    unsigned r = err->byte;
    char t[12];
    size_t k = 0;
    t[k++] = 'U';
    t[k++] = '+';
    t[k++] = '0';
    t[k++] = '0';
    t[k++] = upperhex[r >> 4];
    t[k++] = upperhex[r & 0xF];
    if (latin1_is_print(r)) {
        t[k++] = ' ';
        t[k++] = '\'';
        if (r < 0x80) {
            t[k++] = (char)r;
        } else {
            t[k++] = (char)(0xC0 | (r >> 6));
            t[k++] = (char)(0x80 | (r & 0x3F));
        }
        t[k++] = '\'';
    }
    gt_gobuf_puts(b, "encoding/hex: invalid byte: ");
    gt_gobuf_put(b, t, k);
}
