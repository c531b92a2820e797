/* Names and keys built against hash tables (hostile.h). A table of n keys has 2^k slots,
 * the first power of two from 16 that is at least 2n (the library's sizing); the colliding
 * kinds keep only names whose hash falls in the first 1/64th of those slots, so n keys
 * crowd into n/32 slots and linear probing walks one long cluster again and again. */
#include "hostile.h"

#include "core/strhash.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)p[i]) * 1099511628211ull;
    return h;
}

/* The library's hash under a key the attacker knows (all zeros). */
static uint64_t siphash_known_key(const char *p, size_t n)
{
    static const uint8_t zero[GT_STRHASH_KEY_BYTES];
    return gt_siphash(zero, 1, 3, p, n);
}

char *hostile_names(size_t n, hostile_kind kind)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    char *out = malloc(n * (HOSTILE_NAME_LEN + 1));
    if (!out)
        exit(1);
    uint64_t size = 16;
    while (size < 2 * n)
        size *= 2;
    uint64_t mask = size - 1, window = size / 64, state = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < n;) {
        char *s = out + i * (HOSTILE_NAME_LEN + 1);
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        uint64_t r = state;
        for (int j = 0; j < HOSTILE_NAME_LEN - 5; j++, r /= 36)
            s[j] = alphabet[r % 36];
        size_t c = i; /* the last characters count, so that names stay distinct */
        for (int j = HOSTILE_NAME_LEN - 5; j < HOSTILE_NAME_LEN; j++, c /= 36)
            s[j] = alphabet[c % 36];
        s[HOSTILE_NAME_LEN] = '\0';
        uint64_t h = kind == HOSTILE_FNV       ? fnv1a(s, HOSTILE_NAME_LEN)
                     : kind == HOSTILE_SIPHASH ? siphash_known_key(s, HOSTILE_NAME_LEN)
                                               : 0;
        if (kind != HOSTILE_RANDOM && (h & mask) >= window)
            continue;
        i++;
    }
    return out;
}

char *hostile_deployment(size_t n, hostile_kind kind, size_t *len)
{
    char *nm = hostile_names(n, kind);
    size_t cap = n * 96 + 128, k = 0;
    char *s = malloc(cap);
    if (!s)
        exit(1);
    k += (size_t)snprintf(s, cap, "{\"version\":1,\"twin_id\":1,\"contract_id\":1,\"workloads\":[");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, cap - k, "%s{\"version\":1,\"name\":\"%s\",\"type\":\"zmount\",\"data\":{\"size\":1}}",
                              i ? "," : "", nm + i * (HOSTILE_NAME_LEN + 1));
    k += (size_t)snprintf(s + k, cap - k, "]}");
    free(nm);
    *len = k;
    return s;
}

char *hostile_env(size_t n, hostile_kind kind, size_t *len)
{
    char *nm = hostile_names(n, kind);
    size_t cap = n * 24 + 256, k = 0;
    char *s = malloc(cap);
    if (!s)
        exit(1);
    k += (size_t)snprintf(s, cap, "{\"version\":1,\"workloads\":[{\"version\":1,\"name\":\"vm\",\"type\":\"zmachine-light\","
                                  "\"data\":{\"flist\":\"f\",\"env\":{");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, cap - k, "%s\"%s\":\"v\"", i ? "," : "", nm + i * (HOSTILE_NAME_LEN + 1));
    k += (size_t)snprintf(s + k, cap - k, "}}}]}");
    free(nm);
    *len = k;
    return s;
}
