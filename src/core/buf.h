/* A growable byte buffer (malloc-owned) for encoders and challenge text. */
#ifndef GT_CORE_BUF_H
#define GT_CORE_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct gt_buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed: contents are incomplete */
} gt_buf;

void gt_buf_init(gt_buf *b);
void gt_buf_free(gt_buf *b);
/* Makes room for `n` more bytes; returns false (and sets failed) when out of memory. */
bool gt_buf_reserve(gt_buf *b, size_t n);
void gt_buf_put(gt_buf *b, const void *p, size_t n);
void gt_buf_putc(gt_buf *b, char c);
void gt_buf_puts(gt_buf *b, const char *s);
void gt_buf_put_u64(gt_buf *b, uint64_t v);
void gt_buf_put_i64(gt_buf *b, int64_t v);

/* Writes the decimal digits of v ending at `end` (exclusive); returns the start. */
char *gt_fmt_u64(char *end, uint64_t v);

/* "00" "01" ... "99": the two decimal digits of n at gt_digit_pairs[2 * n]. */
extern const char gt_digit_pairs[201];

#endif
