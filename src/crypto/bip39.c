/* BIP39 phrase <-> entropy for the English list, and substrate's entropy-keyed PBKDF2.
 * Phrases are secrets: words are matched against all 2048 entries with a comparison that
 * does not depend on where they differ, and every buffer holding key material is wiped. */
#include "crypto/bip39.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/pbkdf2.h>
#include <sodium.h>

#include "gridtypes/error.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Index of the word, or -1. Every entry is compared over its full padded row and the result
 * is folded into `found` with masks, so the time does not tell which word matched. */
static int word_index(const char *w, size_t len)
{
    uint8_t buf[GT_BIP39_WORD_MAX + 1] = { 0 };
    if (len == 0 || len > GT_BIP39_WORD_MAX)
        return -1;
    memcpy(buf, w, len);
    uint32_t found = 0, index = 0;
    for (uint32_t i = 0; i < GT_BIP39_WORDS; i++) {
        uint32_t diff = 0;
        for (size_t j = 0; j <= GT_BIP39_WORD_MAX; j++)
            diff |= (uint32_t)(buf[j] ^ (uint8_t)gt_bip39_english[i][j]);
        uint32_t eq = ((diff - 1u) >> 8) & 1u; /* diff < 256: 1 iff diff == 0 */
        uint32_t mask = 0u - eq;
        index |= i & mask;
        found |= eq;
    }
    sodium_memzero(buf, sizeof buf);
    return found ? (int)index : -1;
}

int gt_bip39_phrase_to_entropy(const char *phrase, size_t len, uint8_t entropy[GT_BIP39_ENTROPY_MAX],
                               size_t *entropy_len, gt_error *err)
{
    /* 24 words * 11 bits = 264 bits = 33 bytes (32 of entropy, 1 of checksum) */
    uint8_t bits[33] = { 0 }, hash[32];
    size_t nwords = 0, i = 0;
    int rc = GT_OK;

    while (i < len) {
        while (i < len && is_space(phrase[i]))
            i++;
        if (i == len)
            break;
        size_t start = i;
        while (i < len && !is_space(phrase[i]))
            i++;
        if (nwords == 24) {
            rc = gt_error_set(err, GT_EKEY, "mnemonic: more than 24 words");
            goto out;
        }
        int idx = word_index(phrase + start, i - start);
        if (idx < 0) {
            rc = gt_error_set(err, GT_EKEY, "mnemonic: word %zu is not in the English list",
                              nwords + 1);
            goto out;
        }
        /* append 11 bits, most significant first */
        for (int b = 10; b >= 0; b--) {
            size_t pos = nwords * 11 + (size_t)(10 - b);
            bits[pos / 8] |= (uint8_t)(((unsigned)idx >> b & 1u) << (7 - pos % 8));
        }
        nwords++;
    }
    if (nwords < 12 || nwords % 3 != 0) {
        rc = gt_error_set(err, GT_EKEY, "mnemonic: %zu words (want 12, 15, 18, 21 or 24)", nwords);
        goto out;
    }
    size_t ent = nwords * 4 / 3;  /* entropy bytes: words * 11 * 32 / 33 / 8 */
    size_t cs_bits = nwords / 3;  /* checksum bits: entropy bits / 32 */
    crypto_hash_sha256(hash, bits, ent);
    uint8_t mask = (uint8_t)(0xff00u >> cs_bits);
    if (((bits[ent] ^ hash[0]) & mask) != 0) {
        rc = gt_error_set(err, GT_EKEY, "mnemonic: checksum mismatch");
        goto out;
    }
    memcpy(entropy, bits, ent);
    *entropy_len = ent;
out:
    sodium_memzero(bits, sizeof bits);
    sodium_memzero(hash, sizeof hash);
    return rc;
}

int gt_bip39_entropy_to_phrase(const uint8_t *entropy, size_t len, char *out, size_t cap,
                               gt_error *err)
{
    uint8_t bits[33] = { 0 }, hash[32];
    if (len < 16 || len > 32 || len % 4 != 0)
        return gt_error_set(err, GT_EARG, "mnemonic: entropy of %zu bytes", len);
    memcpy(bits, entropy, len);
    crypto_hash_sha256(hash, entropy, len);
    bits[len] = hash[0]; /* only the top len/4 bits are read */
    size_t nwords = len * 3 / 4, o = 0;
    int rc = GT_OK;
    for (size_t w = 0; w < nwords; w++) {
        unsigned idx = 0;
        for (size_t b = 0; b < 11; b++) {
            size_t pos = w * 11 + b;
            idx = (idx << 1) | ((bits[pos / 8] >> (7 - pos % 8)) & 1u);
        }
        const char *word = gt_bip39_english[idx];
        size_t wl = strlen(word);
        if (o + wl + 1 > cap) { /* word plus a space or the final NUL */
            rc = gt_error_set(err, GT_ELIMIT, "mnemonic: output buffer too small");
            break;
        }
        if (w)
            out[o++] = ' ';
        memcpy(out + o, word, wl);
        o += wl;
    }
    if (rc == GT_OK)
        out[o] = '\0';
    else if (cap)
        sodium_memzero(out, cap);
    sodium_memzero(bits, sizeof bits);
    sodium_memzero(hash, sizeof hash);
    return rc;
}

int gt_bip39_mini_secret(uint8_t out[32], const uint8_t *entropy, size_t len,
                         const char *passphrase, size_t passphrase_len, gt_error *err)
{
    static const char prefix[] = "mnemonic";
    uint8_t seed[64];
    if (len < 16 || len > 32 || len % 4 != 0)
        return gt_error_set(err, GT_EKEY, "mnemonic: entropy of %zu bytes", len);
    size_t salt_len = sizeof prefix - 1 + passphrase_len;
    if (salt_len < passphrase_len)
        return gt_error_set(err, GT_ELIMIT, "mnemonic: password too long");
    uint8_t *salt = malloc(salt_len);
    if (!salt)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    memcpy(salt, prefix, sizeof prefix - 1);
    if (passphrase_len)
        memcpy(salt + sizeof prefix - 1, passphrase, passphrase_len);
    pbkdf2_hmac_sha512(len, entropy, 2048, salt_len, salt, sizeof seed, seed);
    memcpy(out, seed, 32);
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(salt, salt_len);
    free(salt);
    return GT_OK;
}
