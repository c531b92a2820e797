/* STROBE-128/1600 (v1.0.2), reduced to the four operations Merlin transcripts use.
 *
 * Internal header: not part of the public API. The duplex state is kept as 200 bytes and
 * handed to nettle's keccak-f[1600] (sha3_permute) for each permutation. */
#ifndef GT_CRYPTO_STROBE_H
#define GT_CRYPTO_STROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GT_STROBE_STATE_BYTES 200

typedef struct gt_strobe {
    uint8_t st[GT_STROBE_STATE_BYTES]; /* keccak state, byte i of lane i/8 little-endian */
    uint8_t pos;                       /* next byte of the rate to touch */
    uint8_t pos_begin;                 /* where the current operation began (+1), 0 after F */
    uint8_t cur_flags;                 /* flags of the current operation, for "more" calls */
} gt_strobe;

/* Starts a STROBE-128 instance and absorbs `label` as its protocol meta-AD. */
void gt_strobe_init(gt_strobe *s, const uint8_t *label, size_t len);

/* Each operation either begins a new STROBE operation (more = false) or continues the
 * previous one, which must have been the same kind (more = true). */
void gt_strobe_meta_ad(gt_strobe *s, const uint8_t *data, size_t len, bool more);
void gt_strobe_ad(gt_strobe *s, const uint8_t *data, size_t len, bool more);
/* PRF: writes len pseudo-random bytes to out. */
void gt_strobe_prf(gt_strobe *s, uint8_t *out, size_t len, bool more);
/* KEY: overwrites the rate with secret bytes (used by the witness RNG). */
void gt_strobe_key(gt_strobe *s, const uint8_t *data, size_t len, bool more);

/* Wipes the whole state (it holds secrets once KEY was used). */
void gt_strobe_wipe(gt_strobe *s);

#endif
