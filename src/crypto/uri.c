/* Secret URI parsing and junction chain codes, following sp-core (crypto.rs, address_uri.rs). */
#include "crypto/uri.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

static bool is_phrase_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
}

/* Names an unexpected byte of a secret without revealing the secret: the whitespace and
 * control characters that slip into a file (a newline, a tab, a byte order mark) by name,
 * any other byte only as "a character". */
static void name_byte(const char *s, size_t i, size_t len, char *out, size_t cap)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '\n')
        snprintf(out, cap, "a newline");
    else if (c == '\r')
        snprintf(out, cap, "a carriage return");
    else if (c == '\t')
        snprintf(out, cap, "a tab");
    else if (len - i >= 3 && memcmp(s + i, "\xef\xbb\xbf", 3) == 0)
        snprintf(out, cap, "a byte order mark (EF BB BF)");
    else if (c < 0x20 || c == 0x7f)
        snprintf(out, cap, "the control byte 0x%02x", c);
    else
        snprintf(out, cap, "a character");
}

int gt_secret_uri_parse(const char *s, size_t len, gt_secret_uri *out, gt_error *err)
{
    size_t i = 0;
    memset(out, 0, sizeof *out);
    while (i < len && is_phrase_char(s[i]))
        i++;
    if (i > 0) {
        out->phrase = s;
        out->phrase_len = i;
    }
    size_t path_start = i;
    while (i < len) {
        /* "///" ends the path: whatever follows is the password (it may contain '/'). A
         * junction can never start with "///" because its text must not begin with '/'. */
        if (len - i >= 3 && s[i] == '/' && s[i + 1] == '/' && s[i + 2] == '/') {
            out->password = s + i + 3;
            out->password_len = len - i - 3;
            break;
        }
        if (s[i] != '/') {
            char what[40];
            name_byte(s, i, len, what, sizeof what);
            /* the offset goes in err, not in the text, which tools print beside it */
            gt_error_set(err, GT_EKEY, "secret URI: found %s where '/' should start the derivation path", what);
            return gt_error_at(err, i, NULL);
        }
        size_t j = i + 1;
        if (j < len && s[j] == '/')
            j++;
        size_t k = j;
        while (k < len && s[k] != '/')
            k++;
        if (k == j) {
            gt_error_set(err, GT_EKEY, "secret URI: empty junction");
            return gt_error_at(err, i, NULL);
        }
        i = k;
    }
    out->path = s + path_start;
    out->path_len = i - path_start;
    return GT_OK;
}

/* Rust's u64::from_str: an optional '+', then one or more ASCII digits, no overflow. */
static bool parse_u64(const char *s, size_t len, uint64_t *v)
{
    size_t i = 0;
    uint64_t x = 0;
    if (len > 0 && s[0] == '+')
        i = 1;
    if (i == len)
        return false;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (x > (UINT64_MAX - d) / 10)
            return false;
        x = x * 10 + d;
    }
    *v = x;
    return true;
}

void gt_junction_chain_code(uint8_t cc[32], const char *code, size_t len)
{
    uint64_t n;
    memset(cc, 0, 32);
    if (parse_u64(code, len, &n)) {
        for (int i = 0; i < 8; i++)
            cc[i] = (uint8_t)(n >> (8 * i));
        return;
    }
    /* SCALE compact length prefix: 1, 2 or 4 bytes with the mode in the low two bits; lengths
     * from 2^30 use the "big integer" mode (byte count - 4 in the upper bits). */
    uint8_t prefix[9];
    size_t np = 0;
    if (len < (1u << 6)) {
        prefix[np++] = (uint8_t)(len << 2);
    } else if (len < (1u << 14)) {
        uint32_t v = (uint32_t)(len << 2) | 1u;
        prefix[np++] = (uint8_t)v;
        prefix[np++] = (uint8_t)(v >> 8);
    } else if (len < (1u << 30)) {
        uint32_t v = (uint32_t)(len << 2) | 2u;
        for (int i = 0; i < 4; i++)
            prefix[np++] = (uint8_t)(v >> (8 * i));
    } else {
        uint64_t v = (uint64_t)len;
        size_t nb = 0;
        for (uint64_t t = v; t; t >>= 8)
            nb++;
        prefix[np++] = (uint8_t)(((nb - 4) << 2) | 3u);
        for (size_t i = 0; i < nb; i++)
            prefix[np++] = (uint8_t)(v >> (8 * i));
    }
    if (np + len <= 32) {
        memcpy(cc, prefix, np);
        memcpy(cc + np, code, len);
        return;
    }
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    crypto_generichash_update(&st, prefix, np);
    crypto_generichash_update(&st, (const uint8_t *)code, len);
    crypto_generichash_final(&st, cc, 32);
    sodium_memzero(&st, sizeof st);
}

bool gt_junction_next(const char *path, size_t len, size_t *pos, gt_junction *j)
{
    size_t i = *pos;
    if (i >= len || path[i] != '/')
        return false;
    i++;
    j->hard = i < len && path[i] == '/';
    if (j->hard)
        i++;
    size_t start = i;
    while (i < len && path[i] != '/')
        i++;
    gt_junction_chain_code(j->cc, path + start, i - start);
    *pos = i;
    return true;
}
