/* fuzz_key_text: public keys written as text (gt_public_key_from_text, gt_ss58_decode) and
 * the FFI's key table that reads them.
 *
 * Input: the text, as is.
 * Properties: no crash; an accepted key fits its buffer; a key read as hex prints back to
 * the same digits (case aside); a key read as SS58 encodes back to exactly the text with
 * the prefix decoded; the key table accepts exactly the texts the library accepts, and an
 * offset of a refusal lies within the text. */
#include "fuzz_common.h"

#include "gridtypes/crypto.h"
#include "gridtypes/ffi.h"
#include "gridtypes/signing.h"

#include <ctype.h>
#include <stdbool.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size ? size : 1); /* exact size: ASan sees reads past the end */
    if (!text)
        return 0;
    memcpy(text, data, size);

    uint8_t key[GT_KEY_MAX];
    size_t n = 0;
    gt_error e;
    int rc = gt_public_key_from_text(text, size, key, sizeof key, &n, &e);
    if (rc == GT_OK) {
        if (n > sizeof key)
            abort();
        size_t from = size >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') ? 2 : 0;
        bool hex = size - from == 2 * n;
        for (size_t i = from; hex && i < size; i++)
            hex = isxdigit((unsigned char)text[i]) != 0;
        if (hex) {
            static const char digits[] = "0123456789abcdef";
            for (size_t i = 0; i < n; i++)
                if (digits[key[i] >> 4] != tolower((unsigned char)text[from + 2 * i]) ||
                    digits[key[i] & 15] != tolower((unsigned char)text[from + 2 * i + 1]))
                    abort();
        } else {
            uint8_t again[GT_PUBLIC_KEY_BYTES];
            uint16_t prefix = 0;
            char addr[GT_SS58_BUFSIZE];
            if (n != GT_PUBLIC_KEY_BYTES || gt_ss58_decode(text, size, again, &prefix, &e) != GT_OK ||
                memcmp(again, key, n) != 0 || gt_ss58_encode(key, n, prefix, addr, sizeof addr, &e) != GT_OK ||
                strlen(addr) != size || memcmp(addr, text, size) != 0)
                abort();
        }
    } else if (e.offset != GT_NO_OFFSET && e.offset >= size) {
        abort();
    }

    gt_ffi_keys *t = gt_ffi_keys_new();
    if (t) {
        gt_ffi_error fe;
        int32_t frc = gt_ffi_keys_add(t, 7, text, size, &fe);
        if ((frc == GT_OK) != (rc == GT_OK) || gt_ffi_keys_count(t) != (rc == GT_OK ? 1u : 0u))
            abort();
        gt_ffi_keys_free(t);
    }
    free(text);
    return 0;
}
