#include "core/challenge.h"
#include "core/gonet.h"

#include <stdio.h>
#include <string.h>

void gt_chal_init(gt_chal *c)
{
    memset(c, 0, offsetof(gt_chal, pending));
}

void gt_chal_flush(gt_chal *c)
{
    if (c->md5 && c->npending) {
        md5_update(c->md5, c->npending, c->pending);
        c->npending = 0;
    }
}

static void render_path(const gt_chal *c, const char *field, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i <= c->depth && n < cap; i++) {
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

static void emit(gt_chal *c, const char *field, const void *p, size_t n)
{
    if (c->md5) {
        if (n <= sizeof c->pending - c->npending) {
            memcpy(c->pending + c->npending, p, n);
            c->npending += n;
        } else {
            gt_chal_flush(c);
            if (n < sizeof c->pending) {
                memcpy(c->pending, p, n);
                c->npending = n;
            } else {
                md5_update(c->md5, n, p);
            }
        }
    }
    if (c->text)
        gt_buf_put(c->text, p, n);
    if (c->fn) {
        char path[512];
        render_path(c, field, path, sizeof path);
        c->fn(c->ctx, path, p, n);
    }
}

void gt_chal_str(gt_chal *c, const char *field, const char *s, size_t n)
{
    emit(c, field, s, n);
}

void gt_chal_gstr(gt_chal *c, const char *field, gt_str s)
{
    emit(c, field, s.ptr, s.len);
}

void gt_chal_u64(gt_chal *c, const char *field, uint64_t v)
{
    char tmp[24];
    char *s = gt_fmt_u64(tmp + sizeof tmp, v);
    emit(c, field, s, (size_t)(tmp + sizeof tmp - s));
}

void gt_chal_i64(gt_chal *c, const char *field, int64_t v)
{
    char tmp[24];
    char *s = gt_fmt_u64(tmp + sizeof tmp, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
    if (v < 0)
        *--s = '-';
    emit(c, field, s, (size_t)(tmp + sizeof tmp - s));
}

void gt_chal_bool(gt_chal *c, const char *field, bool v)
{
    emit(c, field, v ? "true" : "false", v ? 4 : 5);
}

void gt_chal_hex(gt_chal *c, const char *field, const gt_bytes *b)
{
    char tmp[128];
    size_t done = 0;
    do {
        size_t k = b->len - done;
        if (k > 63)
            k = 63;
        gt_hex_encode(b->ptr + done, k, tmp);
        emit(c, field, tmp, 2 * k);
        done += k;
    } while (done < b->len);
}

void gt_chal_ip(gt_chal *c, const char *field, const gt_ip *ip)
{
    char tmp[64];
    size_t n = gt_ip_format(ip, tmp);
    emit(c, field, tmp, n);
}

void gt_chal_ipnet(gt_chal *c, const char *field, const gt_ipnet *n)
{
    char tmp[96];
    size_t len = gt_ipnet_format(n, tmp);
    emit(c, field, tmp, len);
}

void gt_chal_enter(gt_chal *c, const char *field)
{
    if (c->depth < GT_CHAL_DEPTH) {
        c->seg[c->depth].name = field;
        c->seg[c->depth].index = -1;
    }
    c->depth++;
}

void gt_chal_enter_index(gt_chal *c, const char *field, size_t index)
{
    if (c->depth < GT_CHAL_DEPTH) {
        c->seg[c->depth].name = field;
        c->seg[c->depth].index = (long)index;
    }
    c->depth++;
}

void gt_chal_leave(gt_chal *c)
{
    c->depth--;
}
