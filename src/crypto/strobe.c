/* STROBE-128 over keccak-f[1600], the subset Merlin needs (meta-AD, AD, PRF, KEY).
 * Behaviour follows the STROBE v1.0.2 specification with security level 128: the rate is
 * 1600/8 - 2*128/8 - 2 = 166 bytes, the two bytes after it carry the padding. */
#include "crypto/strobe.h"

#include <assert.h>
#include <string.h>

#include <nettle/sha3.h>
#include <sodium.h>

#define STROBE_R 166

enum {
    FLAG_I = 1 << 0, /* inbound */
    FLAG_A = 1 << 1, /* application data */
    FLAG_C = 1 << 2, /* cipher: the output depends on the key, forces a fresh block */
    FLAG_T = 1 << 3, /* transport: never used by Merlin */
    FLAG_M = 1 << 4, /* meta */
    FLAG_K = 1 << 5, /* keytree: never used by Merlin */
};

/* nettle keeps the keccak state as 25 native uint64 lanes while STROBE addresses bytes of the
 * little-endian serialization, so every permutation loads and stores the lanes byte-wise
 * (this also keeps us correct on big-endian hosts). */
static void keccak_f(uint8_t st[GT_STROBE_STATE_BYTES])
{
    struct sha3_state ks;
    for (int i = 0; i < 25; i++) {
        uint64_t lane = 0;
        for (int b = 7; b >= 0; b--)
            lane = (lane << 8) | st[8 * i + b];
        ks.a[i] = lane;
    }
    sha3_permute(&ks);
    for (int i = 0; i < 25; i++) {
        uint64_t lane = ks.a[i];
        for (int b = 0; b < 8; b++) {
            st[8 * i + b] = (uint8_t)lane;
            lane >>= 8;
        }
    }
    sodium_memzero(&ks, sizeof ks);
}

/* Pads the current block (pos_begin marks the operation boundary) and permutes. */
static void run_f(gt_strobe *s)
{
    s->st[s->pos] ^= s->pos_begin;
    s->st[s->pos + 1] ^= 0x04;
    s->st[STROBE_R + 1] ^= 0x80;
    keccak_f(s->st);
    s->pos = 0;
    s->pos_begin = 0;
}

static void absorb(gt_strobe *s, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        s->st[s->pos++] ^= data[i];
        if (s->pos == STROBE_R)
            run_f(s);
    }
}

static void overwrite(gt_strobe *s, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        s->st[s->pos++] = data[i];
        if (s->pos == STROBE_R)
            run_f(s);
    }
}

/* PRF output is read from the rate and then zeroed (STROBE's squeeze for I|A|C). */
static void squeeze(gt_strobe *s, uint8_t *out, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        out[i] = s->st[s->pos];
        s->st[s->pos++] = 0;
        if (s->pos == STROBE_R)
            run_f(s);
    }
}

static void begin_op(gt_strobe *s, uint8_t flags, bool more)
{
    if (more) {
        /* Continuing an operation with other flags is a caller bug, not an input error. */
        assert(s->cur_flags == flags);
        return;
    }
    assert((flags & (FLAG_T | FLAG_K)) == 0);
    uint8_t header[2] = { s->pos_begin, flags };
    s->pos_begin = (uint8_t)(s->pos + 1);
    s->cur_flags = flags;
    absorb(s, header, sizeof header);
    /* Operations whose output depends on the state (C) must start on a fresh block. */
    if ((flags & FLAG_C) && s->pos != 0)
        run_f(s);
}

void gt_strobe_init(gt_strobe *s, const uint8_t *label, size_t len)
{
    static const uint8_t domain[18] = { 1, STROBE_R + 2, 1, 0, 1, 96, 'S', 'T', 'R', 'O',
                                        'B', 'E', 'v', '1', '.', '0', '.', '2' };
    memset(s->st, 0, sizeof s->st);
    memcpy(s->st, domain, sizeof domain);
    keccak_f(s->st);
    s->pos = 0;
    s->pos_begin = 0;
    s->cur_flags = 0;
    gt_strobe_meta_ad(s, label, len, false);
}

void gt_strobe_meta_ad(gt_strobe *s, const uint8_t *data, size_t len, bool more)
{
    begin_op(s, FLAG_M | FLAG_A, more);
    absorb(s, data, len);
}

void gt_strobe_ad(gt_strobe *s, const uint8_t *data, size_t len, bool more)
{
    begin_op(s, FLAG_A, more);
    absorb(s, data, len);
}

void gt_strobe_prf(gt_strobe *s, uint8_t *out, size_t len, bool more)
{
    begin_op(s, FLAG_I | FLAG_A | FLAG_C, more);
    squeeze(s, out, len);
}

void gt_strobe_key(gt_strobe *s, const uint8_t *data, size_t len, bool more)
{
    begin_op(s, FLAG_A | FLAG_C, more);
    overwrite(s, data, len);
}

void gt_strobe_wipe(gt_strobe *s)
{
    sodium_memzero(s, sizeof *s);
}
