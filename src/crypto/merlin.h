/* Merlin transcripts (merlin.cool, v1.0) on top of STROBE-128.
 *
 * Internal header: not part of the public API. Labels are NUL-terminated strings (they are
 * protocol constants); messages are explicit-length byte strings. */
#ifndef GT_CRYPTO_MERLIN_H
#define GT_CRYPTO_MERLIN_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/strobe.h"

typedef struct gt_merlin {
    gt_strobe strobe;
} gt_merlin;

/* Starts a transcript with the application's domain separator `label`. */
void gt_merlin_init(gt_merlin *t, const char *label);

/* Appends a labelled message. The length is framed as a little-endian u32; like the Go
 * reference (gtank/merlin) a length above 4 GiB is truncated to 32 bits. */
void gt_merlin_append(gt_merlin *t, const char *label, const uint8_t *msg, size_t len);

/* Appends x as 8 little-endian bytes. */
void gt_merlin_append_u64(gt_merlin *t, const char *label, uint64_t x);

/* Writes len challenge bytes bound to everything appended so far. */
void gt_merlin_challenge(gt_merlin *t, const char *label, uint8_t *out, size_t len);

/* Merlin's transcript RNG: derives `len` secret bytes from a copy of the transcript, the
 * witness strings seeds[0..nseeds) (each rekeyed under `label`) and 32 external random bytes
 * `rnd`. The transcript itself is not modified. Used for signing nonces: the output is
 * unpredictable if either the witness or rnd is. The copy is wiped before returning. */
void gt_merlin_witness(const gt_merlin *t, const char *label, const uint8_t *const *seeds,
                       const size_t *seed_lens, size_t nseeds, const uint8_t rnd[32],
                       uint8_t *out, size_t len);

/* Wipes the transcript state. */
void gt_merlin_wipe(gt_merlin *t);

#endif
