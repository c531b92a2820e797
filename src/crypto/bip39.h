/* BIP39 English mnemonics: phrase <-> entropy, and substrate's mini secret from entropy.
 *
 * Internal header: not part of the public API. */
#ifndef GT_CRYPTO_BIP39_H
#define GT_CRYPTO_BIP39_H

#include <stddef.h>
#include <stdint.h>

#define GT_BIP39_WORDS 2048
#define GT_BIP39_WORD_MAX 8 /* the longest English word has 8 letters */
#define GT_BIP39_ENTROPY_MAX 32
#define GT_BIP39_PHRASE_MAX (24 * (GT_BIP39_WORD_MAX + 1)) /* incl. the NUL */

/* The English list, sorted, one NUL-padded row per word. Generated at configure time from
 * the python3-mnemonic package's english.txt (see src/crypto/wordlist.cmake). */
extern const char gt_bip39_english[GT_BIP39_WORDS][GT_BIP39_WORD_MAX + 1];

/* Parses a phrase of 12, 15, 18, 21 or 24 lowercase English words separated by ASCII
 * whitespace (leading/trailing/repeated whitespace allowed, as Rust's split_whitespace) and
 * checks its checksum. Writes 16..32 bytes of entropy and their count. The lookup does not
 * branch on the letters of the words. Returns 0, or GT_EKEY (word count, unknown word, bad
 * checksum) with err filled. Secret intermediates are wiped. */
struct gt_error;
int gt_bip39_phrase_to_entropy(const char *phrase, size_t len, uint8_t entropy[GT_BIP39_ENTROPY_MAX],
                               size_t *entropy_len, struct gt_error *err);

/* Writes the phrase for 16, 20, 24, 28 or 32 bytes of entropy into out (NUL-terminated,
 * words separated by one space). Returns 0, GT_EARG for another length, GT_ELIMIT if cap is
 * too small (GT_BIP39_PHRASE_MAX always suffices). */
int gt_bip39_entropy_to_phrase(const uint8_t *entropy, size_t len, char *out, size_t cap,
                               struct gt_error *err);

/* substrate-bip39's mini secret: the first 32 bytes of
 * PBKDF2-HMAC-SHA512(password = entropy, salt = "mnemonic" || passphrase, 2048 rounds).
 * Note the entropy, not the phrase, is the PBKDF2 password: this is not the BIP39 seed.
 * Returns 0 or GT_ENOMEM / GT_EKEY (entropy length not 16..32 in steps of 4). */
int gt_bip39_mini_secret(uint8_t out[32], const uint8_t *entropy, size_t len,
                         const char *passphrase, size_t passphrase_len, struct gt_error *err);

#endif
