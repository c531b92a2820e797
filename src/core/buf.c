#include "core/buf.h"

#include <stdlib.h>
#include <string.h>

void gt_buf_init(gt_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

void gt_buf_free(gt_buf *b)
{
    free(b->data);
    gt_buf_init(b);
}

bool gt_buf_reserve(gt_buf *b, size_t n)
{
    if (b->failed)
        return false;
    if (b->cap - b->len >= n)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < n) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = true;
        return false;
    }
    b->data = d;
    b->cap = cap;
    return true;
}

void gt_buf_put(gt_buf *b, const void *p, size_t n)
{
    if (n == 0 || !gt_buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void gt_buf_putc(gt_buf *b, char c)
{
    if (!gt_buf_reserve(b, 1))
        return;
    b->data[b->len++] = c;
}

void gt_buf_puts(gt_buf *b, const char *s)
{
    gt_buf_put(b, s, strlen(s));
}

const char gt_digit_pairs[201] = "00010203040506070809101112131415161718192021222324"
                                 "25262728293031323334353637383940414243444546474849"
                                 "50515253545556575859606162636465666768697071727374"
                                 "75767778798081828384858687888990919293949596979899";

char *gt_fmt_u64(char *end, uint64_t v)
{
    /* Two digits per division. */
    const char *pairs = gt_digit_pairs;
    char *p = end;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        p -= 2;
        p[0] = pairs[2 * r];
        p[1] = pairs[2 * r + 1];
    }
    if (v >= 10) {
        p -= 2;
        p[0] = pairs[2 * v];
        p[1] = pairs[2 * v + 1];
    } else {
        *--p = (char)('0' + v);
    }
    return p;
}

void gt_buf_put_u64(gt_buf *b, uint64_t v)
{
    char tmp[24];
    char *s = gt_fmt_u64(tmp + sizeof tmp, v);
    gt_buf_put(b, s, (size_t)(tmp + sizeof tmp - s));
}

void gt_buf_put_i64(gt_buf *b, int64_t v)
{
    if (v < 0) {
        gt_buf_putc(b, '-');
        gt_buf_put_u64(b, (uint64_t)0 - (uint64_t)v);
    } else {
        gt_buf_put_u64(b, (uint64_t)v);
    }
}
