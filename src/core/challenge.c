#include "core/challenge.h"
#include "core/gonet.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void gt_chal_init(gt_chal *c)
{
    /* seg[] needs no zeroing: enter writes an entry before depth covers it. */
    c->md5 = NULL;
    c->text = NULL;
    c->fn = NULL;
    c->ctx = NULL;
    c->depth = 0;
    c->pos = c->limit = c->pending;
}

/* nettle 3.9 made the compression function public as md5_compress; 3.8 declares the
 * same symbol in md5.h under its full name only. */
#ifndef md5_compress
#define md5_compress nettle_md5_compress
#endif

/* Compresses one whole block straight into the context, as md5_update does for a block
 * when its buffer is empty, without md5_update's bookkeeping per call: the context's
 * block count is all that changes besides the state. */
static inline void compress_block(struct md5_ctx *md5, const uint8_t *block)
{
    md5_compress(md5->state, block);
    md5->count++;
}

void gt_chal_init_md5(gt_chal *c, struct md5_ctx *md5)
{
    gt_chal_init(c);
    c->md5 = md5;
    c->limit = c->pending + MD5_BLOCK_SIZE;
}

void gt_chal_flush(gt_chal *c)
{
    if (c->md5 && c->pos > c->pending)
        md5_update(c->md5, (size_t)(c->pos - c->pending), c->pending);
    c->pos = c->pending;
}

static void render_path(const gt_chal *c, const char *field, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i <= c->depth && n < cap; i++) {
        if (i < c->depth && i >= GT_CHAL_DEPTH)
            continue; /* deeper than seg[] keeps (enter stores nothing there) */
        const char *name = i < c->depth ? c->seg[i].name : field;
        long index = i < c->depth ? c->seg[i].index : -1;
        if (!name)
            continue;
        int k = snprintf(out + n, cap - n, "%s%s", n ? "." : "", name);
        n += k > 0 ? (size_t)k : 0;
        if (index >= 0 && n < cap) {
            k = snprintf(out + n, cap - n, "[%ld]", index);
            n += k > 0 ? (size_t)k : 0;
        }
    }
}

/* Text and callback outputs, kept out of gt_chal_emit_slow: their path buffer would
 * make every call pay for a large frame. */
static __attribute__((noinline)) void emit_outputs(gt_chal *c, const char *field, const void *p, size_t n)
{
    if (n == 0)
        p = ""; /* an empty gt_str may have a NULL pointer */
    if (c->text)
        gt_buf_put(c->text, p, n);
    if (c->fn) {
        char path[512];
        render_path(c, field, path, sizeof path);
        c->fn(c->ctx, path, p, n);
    }
}

void gt_chal_emit_slow(gt_chal *c, const char *field, const void *p, size_t n)
{
    if (!c->md5) {
        c->pos = c->pending; /* what the inline part copied there was only scratch */
        emit_outputs(c, field, p, n);
    } else if (n <= MD5_BLOCK_SIZE) {
        /* The copy filled the block. Whole blocks go to MD5 as soon as they are complete
         * (nettle's buffer stays empty until the flush, so they are compressed where
         * they are): writing the next block overlaps with MD5's long dependency chain
         * instead of waiting for it. */
        compress_block(c->md5, c->pending);
        size_t over = (size_t)(c->pos - c->limit); /* < a block: pos started below limit */
        gt_chal_copy_short(c->pending, c->limit, over);
        c->pos = c->pending + over;
    } else {
        const uint8_t *q = p;
        size_t room = (size_t)(c->limit - c->pos);
        gt_chal_copy_short(c->pos, q, room);
        compress_block(c->md5, c->pending);
        q += room;
        size_t left = n - room;
        for (; left >= MD5_BLOCK_SIZE; q += MD5_BLOCK_SIZE, left -= MD5_BLOCK_SIZE)
            compress_block(c->md5, q);
        gt_chal_copy_short(c->pending, q, left);
        c->pos = c->pending + left;
    }
}

/* The public writers. A name in parentheses is not expanded by challenge.h's macros, so
 * these define the exported functions; their bodies are the inline versions. */

void (gt_chal_str)(gt_chal *c, const char *field, const char *s, size_t n)
{
    gt_chal_str(c, field, s, n);
}

void (gt_chal_gstr)(gt_chal *c, const char *field, gt_str s)
{
    gt_chal_gstr(c, field, s);
}

void (gt_chal_u64)(gt_chal *c, const char *field, uint64_t v)
{
    gt_chal_u64(c, field, v);
}

void gt_chal_u64_wide(gt_chal *c, const char *field, uint64_t v)
{
    char tmp[24];
    char *s = gt_fmt_u64(tmp + sizeof tmp, v);
    gt_chal_emit(c, field, s, (size_t)(tmp + sizeof tmp - s));
}

void gt_chal_i64(gt_chal *c, const char *field, int64_t v)
{
    char tmp[24];
    char *s = gt_fmt_u64(tmp + sizeof tmp, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
    if (v < 0)
        *--s = '-';
    gt_chal_emit(c, field, s, (size_t)(tmp + sizeof tmp - s));
}

void (gt_chal_bool)(gt_chal *c, const char *field, bool v)
{
    gt_chal_bool(c, field, v);
}

void gt_chal_hex(gt_chal *c, const char *field, const gt_bytes *b)
{
    char tmp[128];
    size_t done = 0;
    if (b->len == 0) { /* a nil gt_bytes has a NULL pointer */
        gt_chal_emit(c, field, "", 0);
        return;
    }
    do {
        size_t k = b->len - done;
        if (k > 63)
            k = 63;
        gt_hex_encode(b->ptr + done, k, tmp);
        gt_chal_emit(c, field, tmp, 2 * k);
        done += k;
    } while (done < b->len);
}

/* IPv4 addresses (most of the IPs and nets in a deployment) are written here directly;
 * anything else goes through the general net.IP / IPNet formatters. */

/* The 4 bytes of an IPv4 address (4 bytes, or IPv4-mapped in 16), as gt_ip_to4, or NULL. */
static const uint8_t *ipv4_bytes(const gt_ip *ip)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (ip->len == 4)
        return ip->b;
    if (ip->len == 16) {
        /* memcmp of the 12-byte prefix, as two loads (a libc call costs more) */
        uint64_t head, want_head;
        uint32_t mid, want_mid;
        memcpy(&head, ip->b, 8);
        memcpy(&want_head, mapped, 8);
        memcpy(&mid, ip->b + 8, 4);
        memcpy(&want_mid, mapped + 8, 4);
        if (head == want_head && mid == want_mid)
            return ip->b + 12;
    }
    return NULL;
}

/* The decimal text of every byte value: up to three digits, then the length in [3].
 * Built by the compiler: v = 100h + 10t + o, leading zeros dropped. */
#define OCTET(h, t, o)                                                                    \
    {(uint8_t)((h) ? '0' + (h) : (t) ? '0' + (t) : '0' + (o)),                          \
     (uint8_t)((h) ? '0' + (t) : (t) ? '0' + (o) : 0), (uint8_t)((h) ? '0' + (o) : 0),  \
     (uint8_t)((h) ? 3 : (t) ? 2 : 1)}
#define OCTETS10(h, t)                                                                     \
    OCTET(h, t, 0), OCTET(h, t, 1), OCTET(h, t, 2), OCTET(h, t, 3), OCTET(h, t, 4),         \
        OCTET(h, t, 5), OCTET(h, t, 6), OCTET(h, t, 7), OCTET(h, t, 8), OCTET(h, t, 9)
#define OCTETS100(h)                                                                       \
    OCTETS10(h, 0), OCTETS10(h, 1), OCTETS10(h, 2), OCTETS10(h, 3), OCTETS10(h, 4),         \
        OCTETS10(h, 5), OCTETS10(h, 6), OCTETS10(h, 7), OCTETS10(h, 8), OCTETS10(h, 9)
static const uint8_t octet_text[256][4] = {
    OCTETS100(0), OCTETS100(1), OCTETS10(2, 0), OCTETS10(2, 1), OCTETS10(2, 2), OCTETS10(2, 3),
    OCTETS10(2, 4), OCTET(2, 5, 0), OCTET(2, 5, 1), OCTET(2, 5, 2), OCTET(2, 5, 3), OCTET(2, 5, 4),
    OCTET(2, 5, 5),
};

/* Writes the decimal text of v (< 256); stores 4 bytes (out needs one byte of room past
 * the text) and returns the text's length. */
static inline size_t put_octet(char *out, unsigned v)
{
    memcpy(out, octet_text[v], 4);
    return octet_text[v][3];
}

/* Dotted decimal, as net.IP.String() writes an IPv4 address (at most 15 bytes; out
 * needs 16). */
static size_t put_ipv4(char *out, const uint8_t b[4])
{
    size_t k = put_octet(out, b[0]);
    for (int i = 1; i < 4; i++) {
        out[k++] = '.';
        k += put_octet(out + k, b[i]);
    }
    return k;
}

/* The prefix length of a 4-byte mask, or -1 when its ones are not contiguous. */
static int ipv4_prefix(const uint8_t m[4])
{
    uint32_t v = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];
    if (v == UINT32_C(0xffffffff))
        return 32;
#if defined(__GNUC__)
    int ones = __builtin_clz(~v);
#else
    int ones = 0;
    while (v & (UINT32_C(0x80000000) >> ones))
        ones++;
#endif
    return (v & (UINT32_C(0xffffffff) >> ones)) ? -1 : ones;
}

void gt_chal_ip(gt_chal *c, const char *field, const gt_ip *ip)
{
    char tmp[64];
    const uint8_t *v4 = ipv4_bytes(ip);
    size_t n = v4 ? put_ipv4(tmp, v4) : gt_ip_format(ip, tmp);
    gt_chal_emit(c, field, tmp, n);
}

void gt_chal_ipnet(gt_chal *c, const char *field, const gt_ipnet *n)
{
    char tmp[96];
    size_t len;
    /* IPNet.String() of an IPv4 net with a 4-byte mask (or a 16-byte one, whose last 4
     * bytes count then) and a canonical prefix: "a.b.c.d/ones". */
    const uint8_t *v4 = ipv4_bytes(&n->ip);
    int ones = -1;
    if (v4 && (n->mask.len == 4 || n->mask.len == 16))
        ones = ipv4_prefix(n->mask.b + (n->mask.len == 16 ? 12 : 0));
    if (ones >= 0) {
        len = put_ipv4(tmp, v4);
        tmp[len++] = '/';
        len += put_octet(tmp + len, (unsigned)ones);
    } else {
        len = gt_ipnet_format(n, tmp);
    }
    gt_chal_emit(c, field, tmp, len);
}

void (gt_chal_enter)(gt_chal *c, const char *field)
{
    gt_chal_enter(c, field);
}

void (gt_chal_enter_index)(gt_chal *c, const char *field, size_t index)
{
    gt_chal_enter_index(c, field, index);
}

void (gt_chal_leave)(gt_chal *c)
{
    gt_chal_leave(c);
}
