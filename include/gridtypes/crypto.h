/* gridtypes/crypto.h — keys, signatures and addresses for signing deployments.
 *
 * Two key types, as the node accepts them: ed25519 (Go's crypto/ed25519) and sr25519
 * (schnorrkel over ristretto255, substrate's signing context "substrate"). Keys come from
 * substrate secret URIs: a BIP39 English mnemonic or a 32-byte hex seed, optionally followed
 * by a derivation path and a password (`PHRASE//hard/soft///password`, or just `//Alice` for
 * the development phrase). Verification reproduces the node's verdicts exactly, including
 * its edge cases (see gt_signature_verify).
 *
 * Secrets: a gt_keypair holds secret key material; wipe it with gt_keypair_wipe when done.
 * Every function here wipes its own secret intermediates. All functions are thread-safe. */
#ifndef GRIDTYPES_CRYPTO_H
#define GRIDTYPES_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "gridtypes/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GT_PUBLIC_KEY_BYTES 32
#define GT_SIGNATURE_BYTES 64
#define GT_SEED_BYTES 32
#define GT_SS58_PREFIX_SUBSTRATE 42 /* the generic substrate prefix ("5..." addresses) */
#define GT_SS58_BUFSIZE 64          /* always enough for gt_ss58_encode's output + NUL */

typedef enum gt_key_type {
    GT_KEY_ED25519 = 0,
    GT_KEY_SR25519 = 1
} gt_key_type;

/* A key pair. `public_key` is the 32-byte public key (the on-chain account id). `secret` is
 * opaque: for ed25519 libsodium's secret key (seed || public key), for sr25519 the expanded
 * secret scalar || nonce seed. */
typedef struct gt_keypair {
    gt_key_type type;
    uint8_t public_key[GT_PUBLIC_KEY_BYTES];
    uint8_t secret[64];
} gt_keypair;

/* The signature_type string for a key type: "ed25519" or "sr25519". Never NULL. */
const char *gt_key_type_name(gt_key_type type);

/* Derives a key pair of `type` from the substrate secret URI uri[0..len) (need not be
 * NUL-terminated). Accepted forms:
 *   - a BIP39 English mnemonic of 12/15/18/21/24 words (checksum checked); the seed is
 *     substrate's: PBKDF2-HMAC-SHA512 keyed by the phrase's entropy, salted with "mnemonic"
 *     and the URI's password (so it differs from the BIP39 seed of the same phrase);
 *   - "0x" + 64 hex digits, or just 64 hex digits: the 32-byte seed itself (the password is
 *     then ignored, as substrate does);
 *   - nothing before the path: the development phrase
 *     "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
 * followed by junctions "//hard" and "/soft" (a junction that parses as a u64 is used as that
 * number) and an optional "///password". ed25519 supports only hard junctions.
 * On success fills *out (which then holds secrets). On failure *out is wiped and the status
 * is GT_EARG (NULL arguments, unknown type) or GT_EKEY (malformed URI, unknown word, bad
 * checksum, bad seed, soft junction for ed25519), GT_ENOMEM; err gets a message that never
 * quotes the secret, and for URI syntax errors the byte offset. */
int gt_keypair_from_secret(const char *uri, size_t len, gt_key_type type, gt_keypair *out,
                           gt_error *err);

/* Key pair of `type` from a raw 32-byte seed (ed25519 seed, or sr25519 mini secret key).
 * Same as the URI "0x<seed hex>". Returns GT_OK or GT_EARG. */
int gt_keypair_from_seed(const uint8_t seed[GT_SEED_BYTES], gt_key_type type, gt_keypair *out,
                         gt_error *err);

/* Signs msg[0..len) into sig. ed25519 signatures are deterministic (RFC 8032); sr25519
 * signatures use a fresh random nonce (mixed with the key's nonce seed), so signing twice
 * gives different bytes, both valid. Returns GT_OK or GT_EARG. */
int gt_keypair_sign(const gt_keypair *kp, const uint8_t *msg, size_t len,
                    uint8_t sig[GT_SIGNATURE_BYTES], gt_error *err);

/* Verifies sig over msg with public key pk as the node (zosbase) does:
 *   ed25519 (Go crypto/ed25519.Verify): pk_len must be 32, otherwise Go panics and we return
 *     GT_EPANIC with the message "ed25519: bad public key length: N"; a signature that is not
 *     64 bytes, has s >= l or does not verify gives GT_EVERIFY. Like Go, and unlike
 *     libsodium's own verifier, non-canonical and small-order public keys and small-order R
 *     are accepted when the cofactorless equation holds.
 *   sr25519 (go-schnorrkel v1.1.0): pk and sig are zero-padded or truncated to 32 and 64
 *     bytes; an undecodable key, the identity key (all zeros), a signature without the
 *     schnorrkel marker bit, an undecodable R or a non-canonical s give GT_EVERIFY (a key
 *     or R with bit 255 set is undecodable, as in gtank/ristretto255). The check itself
 *     runs in variable time: verification handles public data only.
 * Returns GT_OK when the signature is valid. GT_EARG for NULL pointers with non-zero length
 * or an unknown type. */
int gt_signature_verify(gt_key_type type, const uint8_t *pk, size_t pk_len, const uint8_t *msg,
                        size_t len, const uint8_t *sig, size_t sig_len, gt_error *err);

/* Writes the SS58 address of the 32-byte key for network `prefix` (0..16383; 42 for the
 * generic substrate format) into out as a NUL-terminated string. Returns GT_OK, GT_EARG (key
 * not 32 bytes, prefix too large) or GT_ELIMIT (cap too small; GT_SS58_BUFSIZE suffices). */
int gt_ss58_encode(const uint8_t *key, size_t key_len, uint16_t prefix, char *out, size_t cap,
                   gt_error *err);

/* Decodes an SS58 address text[0..len) (as gt_ss58_encode writes it) of a 32-byte key:
 * base58 of a one- or two-byte network prefix, the key and a two-byte checksum, which must
 * match blake2b-512("SS58PRE" || prefix || key). Any prefix is accepted and returned in
 * *prefix (may be NULL). Returns GT_OK with the key in key[0..32); GT_EKEY when the text is
 * not base58 (offset: the first byte outside the alphabet), decodes to another length than a
 * 32-byte key's address, has a reserved prefix byte or a wrong checksum; GT_EARG for NULL. */
int gt_ss58_decode(const char *text, size_t len, uint8_t key[GT_PUBLIC_KEY_BYTES], uint16_t *prefix,
                   gt_error *err);

/* Decodes a public key written as text, in any of the forms the chain's keys are usually
 * shown in:
 *   - hex, lower- or upper-case, of any even number of digits (including none: an empty
 *     key, which verification then refuses like the reference);
 *   - the same after "0x" or "0X";
 *   - an SS58 address (gt_ss58_decode: checksum checked, any network prefix).
 * Text made only of hex digits is read as hex (an SS58 address of a 32-byte key is 47 or
 * more characters and, being base58, never holds '0', so the two meet only in theory).
 * On success writes the key to out[0..*out_len). Errors: GT_EKEY with a message and the
 * byte offset in text of the first offending byte (a non-hex digit after "0x", an odd
 * count of digits, an SS58 error); GT_ELIMIT when the key is longer than cap bytes;
 * GT_EARG for NULL pointers. Public keys are not secret: messages may quote the text. */
int gt_public_key_from_text(const char *text, size_t len, uint8_t *out, size_t cap, size_t *out_len,
                            gt_error *err);

/* Wipes the whole key pair (secret and public parts). kp may be NULL. */
void gt_keypair_wipe(gt_keypair *kp);

#ifdef __cplusplus
}
#endif
#endif
