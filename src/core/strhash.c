/* The keyed string hash (strhash.h). */
#define _POSIX_C_SOURCE 200809L
#include "core/strhash.h"

#include <pthread.h>
#include <sodium.h>
#include <time.h>
#include <unistd.h>

static unsigned char hash_key[crypto_shorthash_KEYBYTES];
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

uint64_t gt_strhash(const char *p, size_t n)
{
    pthread_once(&key_once, draw_key);
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, (const unsigned char *)(n ? p : ""), n, hash_key);
    uint64_t h;
    memcpy(&h, out, sizeof h);
    return h;
}
