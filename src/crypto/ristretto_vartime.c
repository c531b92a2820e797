/* Variable-time ristretto255 over edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2), for checking
 * signatures only: see ristretto_vartime.h. Points are kept in the four coordinate systems
 * of Hisil-Wong-Carter-Dawson's formulas, each used where it saves multiplications:
 *   extended  (X:Y:Z:T)            x = X/Z, y = Y/Z, T = XY/Z: the input of an addition;
 *   completed ((X:Z),(Y:T))        x = X/Z, y = Y/T: the output of doublings and additions;
 *   projective (X:Y:Z)             enough for a doubling, one multiplication cheaper to get;
 *   cached    (Y+X, Y-X, Z, 2dT)   a table entry, ready to be added. */
#include "crypto/ristretto_vartime.h"

#if defined(GT_RISTRETTO_VARTIME_AVAILABLE)

#include <pthread.h>
#include <string.h>

#include <sodium.h>

typedef struct { gt_fe X, Y, Z, T; } completed;
typedef struct { gt_fe X, Y, Z; } projective;
typedef struct { gt_fe YplusX, YminusX, Z, T2d; } cached;

/* d = -121665/121666 and 2d, and sqrt(-1) = 2^((p-1)/4), in radix 2^51. */
static const gt_fe D = { { 0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb,
                           0x52036cee2b6ff } };
static const gt_fe D2 = { { 0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977,
                            0x2406d9dc56dff } };
static const gt_fe SQRT_M1 = { { 0x61b274a0ea0b0, 0xd5a5fc8f189d, 0x7ef5e9cbd0c60,
                                 0x78595a6804c9e, 0x2b8324804fc1d } };

/* The ristretto255 encoding of the base point. */
static const uint8_t BASE_ENCODING[32] = { 0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71,
                                           0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
                                           0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d,
                                           0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76 };

#define P_WIDTH 5                            /* NAF width for the variable point */
#define B_WIDTH 8                            /* NAF width for the base point */
#define P_TABLE (1 << (P_WIDTH - 2))          /* odd multiples 1P, 3P, ..., 15P */
#define B_TABLE (1 << (B_WIDTH - 2))          /* odd multiples 1B, 3B, ..., 127B */

/* (X:Y:Z) doubled, as a completed point (dbl-2008-hwcd with a = -1). */
static void dbl(completed *r, const projective *p)
{
    gt_fe xx, yy, zz2, s;
    fe_sq(&xx, &p->X);
    fe_sq(&yy, &p->Y);
    fe_sq(&zz2, &p->Z);
    fe_add(&zz2, &zz2, &zz2);
    fe_add(&s, &p->X, &p->Y);
    fe_sq(&s, &s);
    fe_add(&r->Y, &yy, &xx);      /* y^2 + x^2 */
    fe_sub(&r->Z, &yy, &xx);      /* y^2 - x^2 = 1 + d x^2 y^2, scaled */
    fe_sub(&r->X, &s, &r->Y);     /* 2xy */
    fe_sub(&r->T, &zz2, &r->Z);
}

/* p + q (sign > 0) or p - q (sign < 0), as a completed point (add-2008-hwcd-3). Subtracting
 * swaps Y+X with Y-X and negates 2dT, which is what negating the cached point does. */
static void add_cached(completed *r, const gt_ristretto_point *p, const cached *q, int sign)
{
    gt_fe a, b, c, zz;
    fe_add(&a, &p->Y, &p->X);
    fe_sub(&b, &p->Y, &p->X);
    fe_mul(&a, &a, sign > 0 ? &q->YplusX : &q->YminusX);
    fe_mul(&b, &b, sign > 0 ? &q->YminusX : &q->YplusX);
    fe_mul(&c, &q->T2d, &p->T);
    fe_mul(&zz, &p->Z, &q->Z);
    fe_add(&zz, &zz, &zz);
    fe_sub(&r->X, &a, &b);
    fe_add(&r->Y, &a, &b);
    if (sign > 0) {
        fe_add(&r->Z, &zz, &c);
        fe_sub(&r->T, &zz, &c);
    } else {
        fe_sub(&r->Z, &zz, &c);
        fe_add(&r->T, &zz, &c);
    }
}

static void completed_to_projective(projective *r, const completed *p)
{
    fe_mul(&r->X, &p->X, &p->T);
    fe_mul(&r->Y, &p->Y, &p->Z);
    fe_mul(&r->Z, &p->Z, &p->T);
}

static void completed_to_extended(gt_ristretto_point *r, const completed *p)
{
    fe_mul(&r->X, &p->X, &p->T);
    fe_mul(&r->Y, &p->Y, &p->Z);
    fe_mul(&r->Z, &p->Z, &p->T);
    fe_mul(&r->T, &p->X, &p->Y);
}

static void extended_to_cached(cached *r, const gt_ristretto_point *p)
{
    fe_add(&r->YplusX, &p->Y, &p->X);
    fe_sub(&r->YminusX, &p->Y, &p->X);
    r->Z = p->Z;
    fe_mul(&r->T2d, &p->T, &D2);
}

/* table[i] = (2i + 1) * p for i < n. */
static void odd_multiples(cached *table, int n, const gt_ristretto_point *p)
{
    completed t;
    gt_ristretto_point p2, cur = *p;
    cached c2;
    const projective pp = { p->X, p->Y, p->Z };
    dbl(&t, &pp);
    completed_to_extended(&p2, &t);
    extended_to_cached(&c2, &p2);
    extended_to_cached(&table[0], p);
    for (int i = 1; i < n; i++) {
        add_cached(&t, &cur, &c2, 1);
        completed_to_extended(&cur, &t);
        extended_to_cached(&table[i], &cur);
    }
}

/* Odd multiples of B and of B' = 2^128 B: a scalar below l is t0 + 2^128 t1 with both
 * halves below 2^128, so t*B takes only 128 doublings (see gt_ristretto_schnorr_check). */
static cached base_table[B_TABLE], base128_table[B_TABLE];
static pthread_once_t base_table_once = PTHREAD_ONCE_INIT;

static void build_base_tables(void)
{
    gt_ristretto_point b;
    completed t;
    if (!gt_ristretto_decode(&b, BASE_ENCODING))
        return; /* cannot happen: the encoding is a constant (a unit test decodes it) */
    odd_multiples(base_table, B_TABLE, &b);
    for (int i = 0; i < 128; i++) {
        const projective pb = { b.X, b.Y, b.Z };
        dbl(&t, &pb);
        completed_to_extended(&b, &t);
    }
    odd_multiples(base128_table, B_TABLE, &b);
}

/* Width-w non-adjacent form of a 256-bit scalar below 2^253: naf[i] is 0 or odd with
 * |naf[i]| < 2^(w-1), any w consecutive digits hold at most one non-zero one, and
 * sum naf[i] 2^i equals the scalar. A window that would be a digit of 2^(w-1) or more
 * becomes that minus 2^w, with a carry into the next window; for a scalar below 2^253 the
 * last carry lands at bit 254 at most, inside the array. */
static void naf_digits(int8_t naf[256], const uint8_t s[32], unsigned w)
{
    uint64_t x[5] = { 0 };
    for (int i = 0; i < 4; i++)
        for (int j = 7; j >= 0; j--)
            x[i] = (x[i] << 8) | s[8 * i + j];
    memset(naf, 0, 256);
    const uint64_t width = UINT64_C(1) << w, mask = width - 1;
    uint64_t carry = 0;
    unsigned pos = 0;
    while (pos < 256) {
        unsigned limb = pos / 64, bit = pos % 64;
        uint64_t bits = x[limb] >> bit;
        if (bit + w > 64)
            bits |= x[limb + 1] << (64 - bit);
        uint64_t window = carry + (bits & mask);
        if (!(window & 1)) {
            pos++; /* a zero digit; a pending carry moves up with it */
            continue;
        }
        if (window < width / 2) {
            naf[pos] = (int8_t)window;
            carry = 0;
        } else {
            naf[pos] = (int8_t)((int64_t)window - (int64_t)width);
            carry = 1;
        }
        pos += w;
    }
}

/* One term of a multi-scalar multiplication: the NAF digits of its scalar and the odd
 * multiples of its point. */
typedef struct {
    int8_t naf[256];
    const cached *table;
} term;

/* r = the sum of the terms' products, by Straus' method: one chain of doublings from the
 * top digit of all the scalars down, each term adding its table entry where it has a
 * digit. */
static void straus(gt_ristretto_point *r, const term *terms, int n)
{
    completed t;
    projective acc;
    gt_ristretto_point sum;
    int i = 255;
    for (;;) {
        int any = 0;
        for (int j = 0; j < n; j++)
            any |= terms[j].naf[i];
        if (any || i == 0)
            break;
        i--;
    }
    /* the identity (0 : 1 : 1 : 0) */
    fe_set_small(&acc.X, 0);
    fe_set_small(&acc.Y, 1);
    fe_set_small(&acc.Z, 1);
    for (; i >= 0; i--) {
        dbl(&t, &acc);
        for (int j = 0; j < n; j++) {
            int d = terms[j].naf[i];
            if (d) {
                completed_to_extended(&sum, &t);
                add_cached(&t, &sum, &terms[j].table[(d < 0 ? -d : d) / 2], d);
            }
        }
        if (i > 0)
            completed_to_projective(&acc, &t);
    }
    completed_to_extended(r, &t);
}

void gt_ristretto_mul_add_base_vartime(gt_ristretto_point *r, const uint8_t a[32],
                                       const gt_ristretto_point *P, const uint8_t b[32])
{
    cached ptable[P_TABLE];
    term terms[2];

    pthread_once(&base_table_once, build_base_tables);
    odd_multiples(ptable, P_TABLE, P);
    naf_digits(terms[0].naf, a, P_WIDTH);
    terms[0].table = ptable;
    naf_digits(terms[1].naf, b, B_WIDTH);
    terms[1].table = base_table;
    straus(r, terms, 2);
}

/* ---- Half-size scalars ----
 * 256-bit integers as four 64-bit words, little-endian; as signed numbers, two's complement. */
typedef struct {
    uint64_t w[4];
} u256;

static void u256_from_bytes(u256 *r, const uint8_t s[32])
{
    for (int i = 0; i < 4; i++) {
        r->w[i] = 0;
        for (int j = 7; j >= 0; j--)
            r->w[i] = (r->w[i] << 8) | s[8 * i + j];
    }
}

static void u256_to_bytes(uint8_t s[32], const u256 *a)
{
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            s[8 * i + j] = (uint8_t)(a->w[i] >> (8 * j));
}

static unsigned u256_bitlen(const u256 *a)
{
    for (int i = 3; i >= 0; i--)
        if (a->w[i])
            return 64 * (unsigned)i + 64 - (unsigned)__builtin_clzll(a->w[i]);
    return 0;
}

static bool u256_less(const u256 *a, const u256 *b)
{
    for (int i = 3; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i];
    return false;
}

/* r = a << n, for n < 256 (bits shifted out are lost) */
static void u256_shl(u256 *r, const u256 *a, unsigned n)
{
    unsigned words = n / 64, bits = n % 64;
    for (int i = 3; i >= 0; i--) {
        int from = i - (int)words;
        uint64_t v = from >= 0 ? a->w[from] << bits : 0;
        if (bits && from >= 1)
            v |= a->w[from - 1] >> (64 - bits);
        r->w[i] = v;
    }
}

/* r = a - b mod 2^256 */
static void u256_sub(u256 *r, const u256 *a, const u256 *b)
{
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t d = a->w[i] - b->w[i];
        uint64_t next = (a->w[i] < b->w[i]) | (d < borrow);
        r->w[i] = d - borrow;
        borrow = next;
    }
}

/* For a scalar k < l, finds c0 and c1 with c0 = c1 k (mod l), 0 <= c0 < 2^127 and
 * 0 < |c1| < 2^126: the extended Euclidean algorithm on (l, k), stopped at the first
 * remainder below 2^127. Every remainder r_i = s_i l + t_i k, so r_i = t_i k (mod l), and
 * |t_i| <= l / r_(i-1), where r_(i-1) >= 2^127 (or is l itself). Quotients are found by
 * subtracting shifted copies, which keeps everything within 256 bits: the t_i alternate in
 * sign and grow in size up to |t_i| < 2^126. Writes |c1| to c1 and its sign to *negative. */
static void half_size(u256 *c0, u256 *c1, bool *negative, const uint8_t k[32])
{
    static const u256 L = { { 0x5812631a5cf5d3ed, 0x14def9dea2f79cd6, 0, 0x1000000000000000 } };
    u256 r0 = L, t0 = { { 0 } }, r1, t1 = { { 1 } }, shifted, swap;
    u256_from_bytes(&r1, k);
    while (u256_bitlen(&r1) > 127) {
        /* (r0, t0) -= q (r1, t1) with q = floor(r0 / r1), one binary digit of q at a time */
        while (!u256_less(&r0, &r1)) {
            unsigned n = u256_bitlen(&r0) - u256_bitlen(&r1);
            u256_shl(&shifted, &r1, n);
            if (u256_less(&r0, &shifted))
                u256_shl(&shifted, &r1, --n);
            u256_sub(&r0, &r0, &shifted);
            u256_shl(&shifted, &t1, n);
            u256_sub(&t0, &t0, &shifted);
        }
        swap = r0, r0 = r1, r1 = swap;
        swap = t0, t0 = t1, t1 = swap;
    }
    *c0 = r1;
    *negative = t1.w[3] >> 63;
    if (*negative) {
        const u256 zero = { { 0 } };
        u256_sub(c1, &zero, &t1);
    } else {
        *c1 = t1;
    }
}

bool gt_ristretto_schnorr_check_vartime(const gt_ristretto_point *A, const uint8_t k[32],
                                        const uint8_t s[32], const gt_ristretto_point *R)
{
    u256 c0, c1;
    bool c1_negative;
    uint8_t c0_bytes[32], c1_bytes[32], t[32];
    gt_ristretto_point minus_a, r_signed, sum;
    cached a_table[P_TABLE], r_table[P_TABLE];
    term terms[4];

    pthread_once(&base_table_once, build_base_tables);
    /* R = sB - kA  <=>  c1 R = (c1 s) B - c0 A, as c1 is invertible mod the prime l:
     * check t0 B + t1 2^128 B + c0 (-A) + |c1| (-sign(c1) R) = identity, t = c1 s mod l */
    half_size(&c0, &c1, &c1_negative, k);
    u256_to_bytes(c0_bytes, &c0);
    u256_to_bytes(c1_bytes, &c1);
    crypto_core_ristretto255_scalar_mul(t, c1_bytes, s);
    if (c1_negative)
        crypto_core_ristretto255_scalar_negate(t, t);

    gt_ristretto_negate(&minus_a, A);
    if (c1_negative)
        r_signed = *R;
    else
        gt_ristretto_negate(&r_signed, R);
    odd_multiples(a_table, P_TABLE, &minus_a);
    odd_multiples(r_table, P_TABLE, &r_signed);

    uint8_t low[32] = { 0 }, high[32] = { 0 };
    memcpy(low, t, 16);
    memcpy(high, t + 16, 16);
    naf_digits(terms[0].naf, low, B_WIDTH);
    terms[0].table = base_table;
    naf_digits(terms[1].naf, high, B_WIDTH);
    terms[1].table = base128_table;
    naf_digits(terms[2].naf, c0_bytes, P_WIDTH);
    terms[2].table = a_table;
    naf_digits(terms[3].naf, c1_bytes, P_WIDTH);
    terms[3].table = r_table;
    straus(&sum, terms, 4);
    /* the identity element: a point of order dividing 4, i.e. x = 0 or y = 0 */
    return fe_is_zero(&sum.X) || fe_is_zero(&sum.Y);
}

void gt_ristretto_negate(gt_ristretto_point *r, const gt_ristretto_point *p)
{
    fe_neg(&r->X, &p->X);
    r->Y = p->Y;
    r->Z = p->Z;
    fe_neg(&r->T, &p->T);
}

bool gt_ristretto_equal(const gt_ristretto_point *p, const gt_ristretto_point *q)
{
    /* Two points stand for the same element when they differ by a point of order 4, i.e.
     * when X1 Y2 = Y1 X2 or X1 X2 = Y1 Y2 (the ristretto255 specification's equality). */
    gt_fe l, r;
    fe_mul(&l, &p->X, &q->Y);
    fe_mul(&r, &p->Y, &q->X);
    if (fe_equal(&l, &r))
        return true;
    fe_mul(&l, &p->X, &q->X);
    fe_mul(&r, &p->Y, &q->Y);
    return fe_equal(&l, &r);
}

/* The specification's SQRT_RATIO_M1(1, v): 1/sqrt(v) when v is a non-zero square, else
 * sqrt(i/v) with *was_square false (0 for v = 0, also not a square). Non-negative. */
static gt_fe inv_sqrt(const gt_fe *v, bool *was_square)
{
    gt_fe v3, v7, r, check, one, minus_one, minus_i;
    fe_sq(&v3, v);
    fe_mul(&v3, &v3, v);          /* v^3 */
    fe_sq(&v7, &v3);
    fe_mul(&v7, &v7, v);          /* v^7 */
    fe_pow22523(&r, &v7);
    fe_mul(&r, &r, &v3);          /* v^3 (v^7)^((p-5)/8) */
    fe_sq(&check, &r);
    fe_mul(&check, &check, v);    /* v r^2: 1, -1, i or -i */
    fe_set_small(&one, 1);
    fe_neg(&minus_one, &one);
    fe_neg(&minus_i, &SQRT_M1);
    bool correct = fe_equal(&check, &one);
    bool flipped = fe_equal(&check, &minus_one);
    bool flipped_i = fe_equal(&check, &minus_i);
    if (flipped || flipped_i)
        fe_mul(&r, &r, &SQRT_M1);
    fe_abs(&r, &r);
    *was_square = correct || flipped;
    return r;
}

bool gt_ristretto_decode(gt_ristretto_point *p, const uint8_t bytes[32])
{
    gt_fe s, ss, u1, u2, u2sq, v, t, den_x, den_y, one;
    uint8_t canon[32];
    bool was_square;

    fe_frombytes(&s, bytes);
    fe_tobytes(canon, &s);
    if (memcmp(canon, bytes, 32) != 0 || (bytes[0] & 1))
        return false; /* not canonical (bit 255 set, or s >= p), or s negative */

    fe_set_small(&one, 1);
    fe_sq(&ss, &s);
    fe_sub(&u1, &one, &ss);        /* 1 - s^2 */
    fe_add(&u2, &one, &ss);        /* 1 + s^2 */
    fe_sq(&u2sq, &u2);
    fe_sq(&t, &u1);
    fe_mul(&t, &t, &D);
    fe_add(&v, &t, &u2sq);
    fe_neg(&v, &v);                /* -(d u1^2) - u2^2 */
    fe_mul(&t, &v, &u2sq);
    gt_fe invsqrt = inv_sqrt(&t, &was_square);
    fe_mul(&den_x, &invsqrt, &u2);
    fe_mul(&den_y, &invsqrt, &den_x);
    fe_mul(&den_y, &den_y, &v);
    fe_add(&t, &s, &s);
    fe_mul(&t, &t, &den_x);
    fe_abs(&p->X, &t);             /* |2 s den_x| */
    fe_mul(&p->Y, &u1, &den_y);
    fe_set_small(&p->Z, 1);
    fe_mul(&p->T, &p->X, &p->Y);
    return was_square && !fe_is_negative(&p->T) && !fe_is_zero(&p->Y);
}

#endif
