/* fuzz_keys: substrate secret URIs, BIP39 mnemonics and derivation paths
 * (gt_keypair_from_secret and the parsers under it).
 *
 * Input: one selector byte (bit 0: ed25519 or sr25519), then the URI.
 * Properties: no crash; the URI splitter's spans stay inside the input and every
 * junction of an accepted path is yielded in finitely many steps; an accepted phrase
 * turns into entropy that prints back to a phrase giving the same entropy; deriving
 * twice gives the same key; a failure leaves the key pair all zeros; a derived key
 * signs a message that verifies. */
#include "fuzz_common.h"

#include "crypto/bip39.h"
#include "crypto/keys.h"
#include "crypto/uri.h"
#include "gridtypes/crypto.h"

static int all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= b[i];
    return acc == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    gt_key_type type = (data[0] & 1) ? GT_KEY_SR25519 : GT_KEY_ED25519;
    size_t len = size - 1;
    char *uri = malloc(len ? len : 1); /* exact size: ASan sees reads past the end */
    if (!uri)
        return 0;
    memcpy(uri, data + 1, len);

    gt_secret_uri u;
    gt_error e;
    if (gt_secret_uri_parse(uri, len, &u, &e) == GT_OK) {
        if (u.phrase)
            FUZZ_CHECK(u.phrase >= uri && u.phrase + u.phrase_len <= uri + len, "phrase span outside input");
        if (u.path_len)
            FUZZ_CHECK(u.path >= uri && u.path + u.path_len <= uri + len, "path span outside input");
        if (u.password)
            FUZZ_CHECK(u.password >= uri && u.password + u.password_len <= uri + len,
                       "password span outside input");
        size_t pos = 0, steps = 0;
        gt_junction j;
        while (gt_junction_next(u.path, u.path_len, &pos, &j)) {
            FUZZ_CHECK(++steps <= u.path_len, "junction iteration does not advance");
            FUZZ_CHECK(pos <= u.path_len, "junction position past the path");
        }
        if (u.phrase) {
            uint8_t ent[GT_BIP39_ENTROPY_MAX], ent2[GT_BIP39_ENTROPY_MAX];
            size_t elen = 0, elen2 = 0;
            if (gt_bip39_phrase_to_entropy(u.phrase, u.phrase_len, ent, &elen, &e) == GT_OK) {
                FUZZ_CHECK(elen >= 16 && elen <= 32 && elen % 4 == 0, "entropy of %zu bytes", elen);
                char phrase[GT_BIP39_PHRASE_MAX];
                FUZZ_CHECK(gt_bip39_entropy_to_phrase(ent, elen, phrase, sizeof phrase, &e) == GT_OK,
                           "entropy does not print back");
                FUZZ_CHECK(gt_bip39_phrase_to_entropy(phrase, strlen(phrase), ent2, &elen2, &e) == GT_OK &&
                               elen2 == elen && memcmp(ent, ent2, elen) == 0,
                           "phrase -> entropy -> phrase -> entropy differs");
            }
        }
    } else {
        FUZZ_CHECK(e.code == GT_EKEY, "uri parse status %d", e.code);
        FUZZ_CHECK(e.offset == GT_NO_OFFSET || e.offset <= len, "error offset past the input");
    }
    uint8_t seed[32];
    if (gt_hex_seed_decode(seed, uri, len) == 0)
        FUZZ_CHECK(len == 64, "seed decoded from %zu digits", len);

    gt_keypair kp1, kp2;
    int rc1 = gt_keypair_from_secret(uri, len, type, &kp1, &e);
    if (rc1 != GT_OK) {
        FUZZ_CHECK(all_zero(&kp1, sizeof kp1), "a failed derivation left key material");
        FUZZ_CHECK(rc1 == GT_EKEY || rc1 == GT_ENOMEM, "derivation status %d: %s", rc1, e.message);
        FUZZ_CHECK(e.message[0], "derivation error without message");
    } else {
        int rc2 = gt_keypair_from_secret(uri, len, type, &kp2, &e);
        /* The public key is deterministic; so is an ed25519 secret. An sr25519 secret's nonce
         * half is not after a soft junction: schnorrkel's derived_key_simple draws it from
         * the RNG, and substrate keeps that behaviour. */
        FUZZ_CHECK(rc2 == GT_OK && kp1.type == kp2.type &&
                       memcmp(kp1.public_key, kp2.public_key, sizeof kp1.public_key) == 0 &&
                       memcmp(kp1.secret, kp2.secret, type == GT_KEY_ED25519 ? 64 : 32) == 0,
                   "two derivations differ");
        static const uint8_t msg[] = "fuzz";
        uint8_t sig[GT_SIGNATURE_BYTES];
        FUZZ_CHECK(gt_keypair_sign(&kp1, msg, 4, sig, &e) == GT_OK, "sign failed");
        FUZZ_CHECK(gt_signature_verify(type, kp1.public_key, 32, msg, 4, sig, 64, &e) == GT_OK,
                   "signature of a derived key does not verify");
        char addr[GT_SS58_BUFSIZE];
        FUZZ_CHECK(gt_ss58_encode(kp1.public_key, 32, GT_SS58_PREFIX_SUBSTRATE, addr, sizeof addr, &e) == GT_OK,
                   "ss58");
        gt_keypair_wipe(&kp1);
        gt_keypair_wipe(&kp2);
        FUZZ_CHECK(all_zero(&kp1, sizeof kp1), "wipe left key material");
    }
    free(uri);
    return 0;
}
