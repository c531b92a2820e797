/* The keyed string hash (strhash.h): SipHash-1-3 (one compression round per 8-byte word,
 * three finalization rounds; the variant Rust's and Python's hash tables use against hash
 * flooding), written for the short keys deployments hold. test_strhash checks the code
 * against libsodium's SipHash-2-4 with the rounds set to 2 and 4. */
#define _POSIX_C_SOURCE 200809L
#include "core/strhash.h"

#include <pthread.h>
#include <sodium.h>
#include <time.h>
#include <unistd.h>

static uint8_t hash_key[GT_STRHASH_KEY_BYTES];
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void draw_key(void)
{
    if (sodium_init() >= 0) {
        randombytes_buf(hash_key, sizeof hash_key);
        return;
    }
    /* libsodium found no source of randomness (it then cannot sign either). The tables
     * still work; their key is as unpredictable as the clock, the process and the
     * addresses this run was given can make it. */
    struct {
        struct timespec real, mono;
        pid_t pid;
        const void *stack, *data;
    } seed;
    memset(&seed, 0, sizeof seed);
    clock_gettime(CLOCK_REALTIME, &seed.real);
    clock_gettime(CLOCK_MONOTONIC, &seed.mono);
    seed.pid = getpid();
    seed.stack = &seed;
    seed.data = hash_key;
    crypto_generichash(hash_key, sizeof hash_key, (const unsigned char *)&seed, sizeof seed, NULL, 0);
}

static inline uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

static inline uint64_t le64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

#define SIPROUND                      \
    do {                              \
        v0 += v1;                     \
        v1 = rotl(v1, 13);            \
        v1 ^= v0;                     \
        v0 = rotl(v0, 32);            \
        v2 += v3;                     \
        v3 = rotl(v3, 16);            \
        v3 ^= v2;                     \
        v0 += v3;                     \
        v3 = rotl(v3, 21);            \
        v3 ^= v0;                     \
        v2 += v1;                     \
        v1 = rotl(v1, 17);            \
        v1 ^= v2;                     \
        v2 = rotl(v2, 32);            \
    } while (0)

/* Inlined with constant rounds below, so that the round loops unroll. */
static inline uint64_t siphash(const uint8_t key[GT_STRHASH_KEY_BYTES], int c_rounds, int d_rounds, const char *p,
                               size_t n)
{
    uint64_t k0 = le64(key), k1 = le64(key + 8);
    uint64_t v0 = k0 ^ 0x736f6d6570736575ull, v1 = k1 ^ 0x646f72616e646f6dull;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ull, v3 = k1 ^ 0x7465646279746573ull;
    const uint8_t *u = (const uint8_t *)p;
    size_t words = n / 8;
    for (size_t i = 0; i < words; i++, u += 8) {
        uint64_t m = le64(u);
        v3 ^= m;
        for (int r = 0; r < c_rounds; r++)
            SIPROUND;
        v0 ^= m;
    }
    /* the last word: the remaining bytes, little-endian, and the length's low byte on top */
    uint64_t b = (uint64_t)n << 56;
    switch (n & 7) {
    case 7: b |= (uint64_t)u[6] << 48; /* fall through */
    case 6: b |= (uint64_t)u[5] << 40; /* fall through */
    case 5: b |= (uint64_t)u[4] << 32; /* fall through */
    case 4: b |= (uint64_t)u[3] << 24; /* fall through */
    case 3: b |= (uint64_t)u[2] << 16; /* fall through */
    case 2: b |= (uint64_t)u[1] << 8;  /* fall through */
    case 1: b |= (uint64_t)u[0]; break;
    case 0: break;
    }
    v3 ^= b;
    for (int r = 0; r < c_rounds; r++)
        SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    for (int r = 0; r < d_rounds; r++)
        SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t gt_siphash(const uint8_t key[GT_STRHASH_KEY_BYTES], int c_rounds, int d_rounds, const char *p, size_t n)
{
    if (c_rounds == 1 && d_rounds == 3)
        return siphash(key, 1, 3, n ? p : "", n);
    return siphash(key, c_rounds, d_rounds, n ? p : "", n);
}

uint64_t gt_strhash(const char *p, size_t n)
{
    pthread_once(&key_once, draw_key);
    return siphash(hash_key, 1, 3, n ? p : "", n);
}
