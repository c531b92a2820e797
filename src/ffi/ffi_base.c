/* The FFI's plumbing: ABI checks, versions, the shared heap, and errors into gt_ffi_error. */
#include "ffi/ffi_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/gonet.h"
#include "gridtypes/version.h"

/* Bindings rely on these offsets on every target (wasm32 and x86_64 alike). */
_Static_assert(sizeof(gt_ffi_error) == 784, "gt_ffi_error is 784 bytes everywhere");
_Static_assert(offsetof(gt_ffi_error, offset) == 8, "gt_ffi_error.offset at 8");
_Static_assert(offsetof(gt_ffi_error, path) == 16, "gt_ffi_error.path at 16");
_Static_assert(offsetof(gt_ffi_error, message) == 272, "gt_ffi_error.message at 272");
_Static_assert(GT_FFI_PATH_MAX == GT_ERROR_PATH_MAX && GT_FFI_MESSAGE_MAX == GT_ERROR_MESSAGE_MAX,
               "a gt_error's texts fit a gt_ffi_error's");

uint32_t gt_ffi_abi_version(void)
{
    return GT_FFI_ABI_VERSION;
}

uint32_t gt_ffi_error_size(void)
{
    return (uint32_t)sizeof(gt_ffi_error);
}

const char *gt_ffi_version(void)
{
    return gt_version();
}

const char *gt_ffi_reference_rules(void)
{
    return gt_reference_rules();
}

const char *gt_ffi_status_name(int32_t code)
{
    return gt_status_name(code);
}

void *gt_ffi_alloc(size_t size)
{
    return malloc(size);
}

void gt_ffi_free(void *p)
{
    free(p);
}

/* Copies the NUL-terminated src into dst[cap]. A text that fills dst (cut here, or already
 * cut by the printf that made it) loses a last character left incomplete, so it stays
 * valid UTF-8 where src was. */
static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = 0;
    while (n < cap - 1 && src[n])
        n++;
    if (n == cap - 1) {
        for (size_t back = 1; back <= 4 && back <= n; back++) {
            unsigned char c = (unsigned char)src[n - back];
            if ((c & 0xc0) == 0x80)
                continue; /* a continuation byte: its lead is further back */
            size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            if (want > back)
                n -= back;
            break;
        }
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int32_t gt_fi_copy(gt_ffi_error *err, const gt_error *from)
{
    if (!err)
        return from->code;
    err->code = from->code;
    err->reserved = 0;
    err->offset = from->offset == GT_NO_OFFSET ? -1 : (int64_t)from->offset;
    copy_text(err->path, sizeof err->path, from->path);
    copy_text(err->message, sizeof err->message, from->message);
    return from->code;
}

int32_t gt_fi_fail(gt_ffi_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    char msg[GT_FFI_MESSAGE_MAX + 4];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err->code = code;
    err->reserved = 0;
    err->offset = -1;
    err->path[0] = '\0';
    copy_text(err->message, sizeof err->message, msg);
    return code;
}

void gt_fi_json_u64_string(gt_buf *b, uint64_t v)
{
    gt_buf_putc(b, '"');
    gt_buf_put_u64(b, v);
    gt_buf_putc(b, '"');
}

void gt_fi_json_key(gt_buf *b, const char *key)
{
    gt_buf_putc(b, '"');
    gt_buf_puts(b, key);
    gt_buf_putc(b, '"');
    gt_buf_putc(b, ':');
}

void gt_fi_json_hex(gt_buf *b, const uint8_t *p, size_t n)
{
    gt_buf_putc(b, '"');
    if (n && gt_buf_reserve(b, 2 * n + 1)) {
        gt_hex_encode(p, n, b->data + b->len); /* writes a NUL after the digits */
        b->len += 2 * n;
    }
    gt_buf_putc(b, '"');
}

int32_t gt_fi_take(gt_buf *b, char **out, size_t *len, gt_ffi_error *err)
{
    gt_buf_putc(b, '\0');
    if (b->failed) {
        gt_buf_free(b);
        *out = NULL;
        *len = 0;
        return gt_fi_fail(err, GT_ENOMEM, "out of memory");
    }
    *out = b->data;
    *len = b->len - 1;
    gt_buf_init(b);
    gt_fi_ok(err);
    return GT_OK;
}
