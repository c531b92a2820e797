/* Shared helpers of the libFuzzer targets (fuzz/fuzz_*.c).
 *
 * A property violation is reported with fuzz_fail, which prints what broke and aborts:
 * libFuzzer then saves the input as a crash reproducer. */
#ifndef GT_FUZZ_COMMON_H
#define GT_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
static inline void fuzz_fail(const char *fmt, ...);

#include <stdarg.h>
static inline void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz property violated: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

#define FUZZ_CHECK(cond, ...)          \
    do {                               \
        if (!(cond))                   \
            fuzz_fail(__VA_ARGS__);    \
    } while (0)

/* The separator between the two parts of a two-document input (upgrade target):
 * a byte sequence that never appears in the conformance corpus. */
#define FUZZ_SEP "\n@@@@\n"
#define FUZZ_SEP_LEN 6

/* Splits data at the first FUZZ_SEP; without one, splits in the middle. */
static inline void fuzz_split(const uint8_t *data, size_t size, const uint8_t **a, size_t *alen,
                              const uint8_t **b, size_t *blen)
{
    for (size_t i = 0; i + FUZZ_SEP_LEN <= size; i++) {
        if (memcmp(data + i, FUZZ_SEP, FUZZ_SEP_LEN) == 0) {
            *a = data;
            *alen = i;
            *b = data + i + FUZZ_SEP_LEN;
            *blen = size - i - FUZZ_SEP_LEN;
            return;
        }
    }
    *a = data;
    *alen = size / 2;
    *b = data + size / 2;
    *blen = size - size / 2;
}

#endif
