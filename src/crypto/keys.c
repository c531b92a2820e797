/* Secret URI -> key pair: seed from a mnemonic or hex, then the junctions applied in order,
 * as sp-core's Pair::from_string_with_seed does for ed25519 and sr25519. */
#include "crypto/keys.h"

#include <string.h>

#include <sodium.h>

#include "crypto/bip39.h"
#include "crypto/ed25519.h"
#include "crypto/sr25519.h"
#include "crypto/uri.h"

const char gt_dev_phrase[] = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

int gt_crypto_init(gt_error *err)
{
    if (sodium_init() < 0)
        return gt_error_set(err, GT_EKEY, "libsodium could not be initialized");
    return GT_OK;
}

/* Hex digit value or -1, by arithmetic on masks: the seed is secret. */
static int hex_value(unsigned char c)
{
    int d = c - '0', l = (c | 0x20) - 'a';
    int is_d = ((d >= 0) & (d <= 9));
    int is_l = ((l >= 0) & (l <= 5));
    return (d & -is_d) | ((l + 10) & -is_l) | -(1 - (is_d | is_l));
}

int gt_hex_seed_decode(uint8_t out[32], const char *s, size_t len)
{
    int bad = 0;
    if (len != 64)
        return -1;
    for (size_t i = 0; i < 32; i++) {
        int hi = hex_value((unsigned char)s[2 * i]), lo = hex_value((unsigned char)s[2 * i + 1]);
        bad |= (hi | lo) < 0;
        /* Shifted as unsigned: hi is -1 for a bad digit, and shifting a negative int is
         * undefined behaviour (found by fuzz_hex; the value is discarded then anyway). */
        out[i] = (uint8_t)(((unsigned)hi << 4) | ((unsigned)lo & 0xfu));
    }
    if (bad) {
        sodium_memzero(out, 32);
        return -1;
    }
    return 0;
}

/* The 32-byte root seed the phrase part stands for (mini secret / ed25519 seed). */
static int root_seed(uint8_t seed[32], const gt_secret_uri *u, gt_error *err)
{
    const char *phrase = u->phrase ? u->phrase : gt_dev_phrase;
    size_t plen = u->phrase ? u->phrase_len : strlen(gt_dev_phrase);

    if (plen >= 2 && phrase[0] == '0' && phrase[1] == 'x') {
        if (gt_hex_seed_decode(seed, phrase + 2, plen - 2) != 0)
            return gt_error_set(err, GT_EKEY, "secret seed: want 0x and 64 hex digits");
        return GT_OK;
    }
    /* Our extension: bare 64 hex digits are a seed too (such a string is one word, never a
     * valid mnemonic, so nothing substrate accepts changes meaning). */
    if (gt_hex_seed_decode(seed, phrase, plen) == 0)
        return GT_OK;

    uint8_t entropy[GT_BIP39_ENTROPY_MAX];
    size_t elen = 0;
    int rc = gt_bip39_phrase_to_entropy(phrase, plen, entropy, &elen, err);
    if (rc == GT_OK)
        rc = gt_bip39_mini_secret(seed, entropy, elen, u->password ? u->password : "",
                                  u->password ? u->password_len : 0, err);
    sodium_memzero(entropy, sizeof entropy);
    return rc;
}

static int finish_sr25519(gt_keypair *out, const uint8_t seed[32], const gt_secret_uri *u)
{
    gt_sr25519_secret sk;
    gt_junction j;
    size_t pos = 0;
    gt_sr25519_expand(&sk, seed);
    while (u && gt_junction_next(u->path, u->path_len, &pos, &j)) {
        if (j.hard)
            gt_sr25519_derive_hard(&sk, NULL, &sk, j.cc);
        else
            gt_sr25519_derive_soft(&sk, &sk, j.cc, NULL);
    }
    out->type = GT_KEY_SR25519;
    gt_sr25519_public(out->public_key, &sk);
    memcpy(out->secret, sk.key, 32);
    memcpy(out->secret + 32, sk.nonce, 32);
    sodium_memzero(&sk, sizeof sk);
    sodium_memzero(&j, sizeof j);
    return GT_OK;
}

static int finish_ed25519(gt_keypair *out, const uint8_t seed[32], const gt_secret_uri *u,
                          gt_error *err)
{
    uint8_t acc[32];
    gt_junction j;
    size_t pos = 0, n = 0;
    int rc = GT_OK;
    memcpy(acc, seed, 32);
    while (u && gt_junction_next(u->path, u->path_len, &pos, &j)) {
        n++;
        if (!j.hard) {
            rc = gt_error_set(err, GT_EKEY, "ed25519 keys have no soft derivation (junction %zu)", n);
            break;
        }
        gt_ed25519_derive_hard(acc, acc, j.cc);
    }
    if (rc == GT_OK) {
        out->type = GT_KEY_ED25519;
        gt_ed25519_keypair(out->public_key, out->secret, acc);
    }
    sodium_memzero(acc, sizeof acc);
    sodium_memzero(&j, sizeof j);
    return rc;
}

static int from_seed_and_path(const uint8_t seed[32], const gt_secret_uri *u, gt_key_type type,
                              gt_keypair *out, gt_error *err)
{
    switch (type) {
    case GT_KEY_SR25519:
        return finish_sr25519(out, seed, u);
    case GT_KEY_ED25519:
        return finish_ed25519(out, seed, u, err);
    }
    return gt_error_set(err, GT_EARG, "unknown key type %d", (int)type);
}

int gt_keypair_from_secret(const char *uri, size_t len, gt_key_type type, gt_keypair *out,
                           gt_error *err)
{
    gt_secret_uri u;
    uint8_t seed[32];
    int rc;
    if (!out)
        return gt_error_set(err, GT_EARG, "NULL key pair");
    sodium_memzero(out, sizeof *out);
    if (!uri && len)
        return gt_error_set(err, GT_EARG, "NULL secret");
    if ((rc = gt_crypto_init(err)) != GT_OK)
        return rc;
    if (type != GT_KEY_ED25519 && type != GT_KEY_SR25519)
        return gt_error_set(err, GT_EARG, "unknown key type %d", (int)type);
    if ((rc = gt_secret_uri_parse(uri ? uri : "", len, &u, err)) != GT_OK)
        return rc;
    rc = root_seed(seed, &u, err);
    if (rc == GT_OK)
        rc = from_seed_and_path(seed, &u, type, out, err);
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(&u, sizeof u); /* spans into the caller's secret */
    if (rc != GT_OK)
        sodium_memzero(out, sizeof *out);
    return rc;
}

int gt_keypair_from_seed(const uint8_t seed[GT_SEED_BYTES], gt_key_type type, gt_keypair *out,
                         gt_error *err)
{
    int rc;
    if (!out)
        return gt_error_set(err, GT_EARG, "NULL key pair");
    sodium_memzero(out, sizeof *out);
    if (!seed)
        return gt_error_set(err, GT_EARG, "NULL seed");
    if ((rc = gt_crypto_init(err)) != GT_OK)
        return rc;
    rc = from_seed_and_path(seed, NULL, type, out, err);
    if (rc != GT_OK)
        sodium_memzero(out, sizeof *out);
    return rc;
}
