/* Arithmetic modulo p = 2^255 - 19 in radix 2^51 (five 64-bit limbs, 128-bit products), for
 * the variable-time ristretto255 code that checks signatures (ristretto_vartime.c).
 *
 * Every function returns a "weakly reduced" element: limbs below 2^51 + 2^12, so any result
 * can go into any other function (fe_sub's 2p offset and fe_mul's 128-bit sums rely on
 * that bound). Only fe_tobytes gives the unique (canonical) value. The arithmetic itself has
 * no secret-dependent branch, but the callers use it on public data only and freely branch
 * on results; secrets go through libsodium's constant-time code.
 *
 * Internal header; needs unsigned __int128 (GT_FE25519_AVAILABLE says whether it is there). */
#ifndef GT_CRYPTO_FE25519_H
#define GT_CRYPTO_FE25519_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if defined(__SIZEOF_INT128__)
#define GT_FE25519_AVAILABLE 1

typedef unsigned __int128 gt_u128;

typedef struct gt_fe {
    uint64_t v[5];
} gt_fe;

#define GT_FE_MASK ((UINT64_C(1) << 51) - 1)

static inline void fe_set_small(gt_fe *r, uint64_t x)
{
    r->v[0] = x;
    r->v[1] = r->v[2] = r->v[3] = r->v[4] = 0;
}

/* Moves each limb's bits above 51 into the next limb; the top limb's go to the bottom times
 * 19 (2^255 = 19 mod p). Limbs up to 2^63 in, limbs below 2^51 + 2^12 out. */
static inline void fe_carry(gt_fe *r)
{
    uint64_t c;
    c = r->v[0] >> 51; r->v[0] &= GT_FE_MASK; r->v[1] += c;
    c = r->v[1] >> 51; r->v[1] &= GT_FE_MASK; r->v[2] += c;
    c = r->v[2] >> 51; r->v[2] &= GT_FE_MASK; r->v[3] += c;
    c = r->v[3] >> 51; r->v[3] &= GT_FE_MASK; r->v[4] += c;
    c = r->v[4] >> 51; r->v[4] &= GT_FE_MASK; r->v[0] += c * 19;
}

static inline void fe_add(gt_fe *r, const gt_fe *a, const gt_fe *b)
{
    /* written out: at -O2 a loop here stays a loop, which costs ~15 % of a verification */
    r->v[0] = a->v[0] + b->v[0];
    r->v[1] = a->v[1] + b->v[1];
    r->v[2] = a->v[2] + b->v[2];
    r->v[3] = a->v[3] + b->v[3];
    r->v[4] = a->v[4] + b->v[4];
    fe_carry(r);
}

/* a - b computed as a + 2p - b, which keeps every limb non-negative for b's limbs below
 * 2^52 - 38 (always true of weakly reduced elements). */
static inline void fe_sub(gt_fe *r, const gt_fe *a, const gt_fe *b)
{
    r->v[0] = a->v[0] + UINT64_C(0xfffffffffffda) - b->v[0];
    r->v[1] = a->v[1] + UINT64_C(0xffffffffffffe) - b->v[1];
    r->v[2] = a->v[2] + UINT64_C(0xffffffffffffe) - b->v[2];
    r->v[3] = a->v[3] + UINT64_C(0xffffffffffffe) - b->v[3];
    r->v[4] = a->v[4] + UINT64_C(0xffffffffffffe) - b->v[4];
    fe_carry(r);
}

static inline void fe_neg(gt_fe *r, const gt_fe *a)
{
    gt_fe zero;
    fe_set_small(&zero, 0);
    fe_sub(r, &zero, a);
}

/* The five 128-bit column sums of a product carried down to limbs. For weakly reduced
 * inputs the sums stay below 2^109 and the top one below 2^105, so its carry times 19 fits
 * in 64 bits. */
static inline void fe_carry_wide(gt_fe *r, gt_u128 t0, gt_u128 t1, gt_u128 t2, gt_u128 t3,
                                 gt_u128 t4)
{
    uint64_t r0, r1, r2, r3, r4, c;
    r0 = (uint64_t)t0 & GT_FE_MASK; t1 += (uint64_t)(t0 >> 51);
    r1 = (uint64_t)t1 & GT_FE_MASK; t2 += (uint64_t)(t1 >> 51);
    r2 = (uint64_t)t2 & GT_FE_MASK; t3 += (uint64_t)(t2 >> 51);
    r3 = (uint64_t)t3 & GT_FE_MASK; t4 += (uint64_t)(t3 >> 51);
    r4 = (uint64_t)t4 & GT_FE_MASK; c = (uint64_t)(t4 >> 51);
    r0 += c * 19;
    c = r0 >> 51; r0 &= GT_FE_MASK; r1 += c;
    r->v[0] = r0; r->v[1] = r1; r->v[2] = r2; r->v[3] = r3; r->v[4] = r4;
}

static inline void fe_mul(gt_fe *r, const gt_fe *a, const gt_fe *b)
{
    const uint64_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3], a4 = a->v[4];
    const uint64_t b0 = b->v[0], b1 = b->v[1], b2 = b->v[2], b3 = b->v[3], b4 = b->v[4];
    const uint64_t b1_19 = b1 * 19, b2_19 = b2 * 19, b3_19 = b3 * 19, b4_19 = b4 * 19;
    gt_u128 t0 = (gt_u128)a0 * b0 + (gt_u128)a1 * b4_19 + (gt_u128)a2 * b3_19 +
                 (gt_u128)a3 * b2_19 + (gt_u128)a4 * b1_19;
    gt_u128 t1 = (gt_u128)a0 * b1 + (gt_u128)a1 * b0 + (gt_u128)a2 * b4_19 +
                 (gt_u128)a3 * b3_19 + (gt_u128)a4 * b2_19;
    gt_u128 t2 = (gt_u128)a0 * b2 + (gt_u128)a1 * b1 + (gt_u128)a2 * b0 +
                 (gt_u128)a3 * b4_19 + (gt_u128)a4 * b3_19;
    gt_u128 t3 = (gt_u128)a0 * b3 + (gt_u128)a1 * b2 + (gt_u128)a2 * b1 + (gt_u128)a3 * b0 +
                 (gt_u128)a4 * b4_19;
    gt_u128 t4 = (gt_u128)a0 * b4 + (gt_u128)a1 * b3 + (gt_u128)a2 * b2 + (gt_u128)a3 * b1 +
                 (gt_u128)a4 * b0;
    fe_carry_wide(r, t0, t1, t2, t3, t4);
}

/* a^2: the cross products appear twice, so 15 multiplications instead of 25. */
static inline void fe_sq(gt_fe *r, const gt_fe *a)
{
    const uint64_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3], a4 = a->v[4];
    const uint64_t d0 = a0 * 2, d1 = a1 * 2, d3_19 = a3 * 38, a3_19 = a3 * 19, a4_19 = a4 * 19;
    gt_u128 t0 = (gt_u128)a0 * a0 + (gt_u128)d1 * a4_19 + (gt_u128)a2 * d3_19;
    gt_u128 t1 = (gt_u128)d0 * a1 + (gt_u128)a2 * (a4 * 38) + (gt_u128)a3 * a3_19;
    gt_u128 t2 = (gt_u128)d0 * a2 + (gt_u128)a1 * a1 + (gt_u128)d3_19 * a4;
    gt_u128 t3 = (gt_u128)d0 * a3 + (gt_u128)d1 * a2 + (gt_u128)a4 * a4_19;
    gt_u128 t4 = (gt_u128)d0 * a4 + (gt_u128)d1 * a3 + (gt_u128)a2 * a2;
    fe_carry_wide(r, t0, t1, t2, t3, t4);
}

/* a^(2^n), n >= 1. */
static inline void fe_sqn(gt_fe *r, const gt_fe *a, int n)
{
    fe_sq(r, a);
    while (--n > 0)
        fe_sq(r, r);
}

/* The 255 low bits of s, little-endian (bit 255 is ignored; the value may be >= p). */
static inline void fe_frombytes(gt_fe *r, const uint8_t s[32])
{
    uint64_t w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = 0;
        for (int j = 7; j >= 0; j--)
            w[i] = (w[i] << 8) | s[8 * i + j];
    }
    r->v[0] = w[0] & GT_FE_MASK;
    r->v[1] = ((w[0] >> 51) | (w[1] << 13)) & GT_FE_MASK;
    r->v[2] = ((w[1] >> 38) | (w[2] << 26)) & GT_FE_MASK;
    r->v[3] = ((w[2] >> 25) | (w[3] << 39)) & GT_FE_MASK;
    r->v[4] = (w[3] >> 12) & GT_FE_MASK;
}

/* The canonical encoding: the value reduced below p, 32 bytes little-endian. */
static inline void fe_tobytes(uint8_t s[32], const gt_fe *a)
{
    gt_fe t = *a;
    fe_carry(&t); /* now below 2^255 + 2^12 < 2p */
    /* q = 1 exactly when t >= p, i.e. when t + 19 reaches 2^255 */
    uint64_t q = (t.v[0] + 19) >> 51;
    q = (t.v[1] + q) >> 51;
    q = (t.v[2] + q) >> 51;
    q = (t.v[3] + q) >> 51;
    q = (t.v[4] + q) >> 51;
    /* t - q*p = t + 19q - q*2^255: add 19q, carry through, drop bit 255 */
    t.v[0] += 19 * q;
    t.v[1] += t.v[0] >> 51; t.v[0] &= GT_FE_MASK;
    t.v[2] += t.v[1] >> 51; t.v[1] &= GT_FE_MASK;
    t.v[3] += t.v[2] >> 51; t.v[2] &= GT_FE_MASK;
    t.v[4] += t.v[3] >> 51; t.v[3] &= GT_FE_MASK;
    t.v[4] &= GT_FE_MASK;
    const uint64_t w[4] = { t.v[0] | (t.v[1] << 51), (t.v[1] >> 13) | (t.v[2] << 38),
                            (t.v[2] >> 26) | (t.v[3] << 25), (t.v[3] >> 39) | (t.v[4] << 12) };
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            s[8 * i + j] = (uint8_t)(w[i] >> (8 * j));
}

/* The sign convention of ristretto255 and ed25519: the low bit of the canonical value. */
static inline bool fe_is_negative(const gt_fe *a)
{
    uint8_t s[32];
    fe_tobytes(s, a);
    return s[0] & 1;
}

static inline bool fe_is_zero(const gt_fe *a)
{
    static const uint8_t zero[32];
    uint8_t s[32];
    fe_tobytes(s, a);
    return memcmp(s, zero, 32) == 0;
}

static inline bool fe_equal(const gt_fe *a, const gt_fe *b)
{
    gt_fe d;
    fe_sub(&d, a, b);
    return fe_is_zero(&d);
}

/* |a|: a or -a, whichever is non-negative. */
static inline void fe_abs(gt_fe *r, const gt_fe *a)
{
    if (fe_is_negative(a))
        fe_neg(r, a);
    else
        *r = *a;
}

/* z^((p-5)/8) = z^(2^252 - 3), by the usual chain of 2^k - 1 powers. */
static inline void fe_pow22523(gt_fe *r, const gt_fe *z)
{
    gt_fe z2, z9, z11, x5, x10, x20, x40, x50, x100, t;
    fe_sq(&z2, z);              /* z^2 */
    fe_sqn(&t, &z2, 2);         /* z^8 */
    fe_mul(&z9, &t, z);         /* z^9 */
    fe_mul(&z11, &z9, &z2);     /* z^11 */
    fe_sq(&t, &z11);            /* z^22 */
    fe_mul(&x5, &t, &z9);       /* z^(2^5 - 1) */
    fe_sqn(&t, &x5, 5);
    fe_mul(&x10, &t, &x5);      /* z^(2^10 - 1) */
    fe_sqn(&t, &x10, 10);
    fe_mul(&x20, &t, &x10);     /* z^(2^20 - 1) */
    fe_sqn(&t, &x20, 20);
    fe_mul(&x40, &t, &x20);     /* z^(2^40 - 1) */
    fe_sqn(&t, &x40, 10);
    fe_mul(&x50, &t, &x10);     /* z^(2^50 - 1) */
    fe_sqn(&t, &x50, 50);
    fe_mul(&x100, &t, &x50);    /* z^(2^100 - 1) */
    fe_sqn(&t, &x100, 100);
    fe_mul(&t, &t, &x100);      /* z^(2^200 - 1) */
    fe_sqn(&t, &t, 50);
    fe_mul(&t, &t, &x50);       /* z^(2^250 - 1) */
    fe_sqn(&t, &t, 2);          /* z^(2^252 - 4) */
    fe_mul(r, &t, z);           /* z^(2^252 - 3) */
}

#endif /* __SIZEOF_INT128__ */
#endif
