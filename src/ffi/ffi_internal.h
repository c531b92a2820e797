/* Helpers shared by the files of src/ffi: errors into gt_ffi_error, JSON outputs. */
#ifndef GT_FFI_INTERNAL_H
#define GT_FFI_INTERNAL_H

#include "core/buf.h"
#include "gridtypes/crypto.h"
#include "gridtypes/deployment.h"
#include "gridtypes/error.h"
#include "gridtypes/ffi.h"

/* Marks err (may be NULL) as "no error". */
static inline void gt_fi_ok(gt_ffi_error *err)
{
    if (err) {
        err->code = GT_OK;
        err->reserved = 0;
        err->offset = -1;
        err->path[0] = '\0';
        err->message[0] = '\0';
    }
}

/* Copies the library's error into err (may be NULL) and returns its code. */
int32_t gt_fi_copy(gt_ffi_error *err, const gt_error *from);

/* The ending of a call: rc GT_OK marks err ok; anything else copies `from`. Returns rc. */
static inline int32_t gt_fi_done(gt_ffi_error *err, int rc, const gt_error *from)
{
    if (rc == GT_OK) {
        gt_fi_ok(err);
        return GT_OK;
    }
    return gt_fi_copy(err, from);
}

/* Fills err with code and a printf-style message, no offset or path. Returns code. */
int32_t gt_fi_fail(gt_ffi_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Appends a 64-bit number as a JSON string of its decimal digits ("18446744073709551615"). */
void gt_fi_json_u64_string(gt_buf *b, uint64_t v);

/* Appends `"key":` (key is plain ASCII needing no escape). */
void gt_fi_json_key(gt_buf *b, const char *key);

/* Appends the lower-case hex of p[0..n) as a JSON string. */
void gt_fi_json_hex(gt_buf *b, const uint8_t *p, size_t n);

/* The key pair of secret URI secret[0..len) (NULL with len 0 is "") for the FFI's key_type:
 * GT_OK, or GT_EARG ("<fn>: unknown key type N") or the library's error, in err. The pair
 * is wiped on failure. (ffi_signing.c) */
int32_t gt_fi_keypair(const uint8_t *secret, size_t len, int32_t key_type, const char *fn, gt_keypair *kp,
                      gt_ffi_error *err);

/* The library's key type of the FFI's integer, or -1. */
int gt_fi_key_type(int32_t key_type);

/* Sets d's signature_style to style (NULL: leaves it), *before getting the old value to put
 * back. GT_OK or GT_ENOMEM (in err). (ffi_signing.c) */
int32_t gt_fi_set_style(gt_deployment *d, const char *style, gt_str *before, gt_ffi_error *err);

/* Appends `"explanation":{...}` (gt_verify_explain's finding, see gt_ffi_verify) to b;
 * defined with the other diagnosis wrappers (ffi_diagnose.c). */
struct gt_verify_explanation;
void gt_fi_put_explanation(gt_buf *b, const struct gt_verify_explanation *x);

/* Hands b's contents over as a NUL-terminated malloc'd buffer (*out, *len), or fails with
 * GT_ENOMEM when b ran out of memory (b is freed then, *out NULL). */
int32_t gt_fi_take(gt_buf *b, char **out, size_t *len, gt_ffi_error *err);

#endif
