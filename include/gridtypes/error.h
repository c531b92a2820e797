/* gridtypes/error.h — status codes and the caller-owned error record.
 *
 * Every fallible function returns an int status: GT_OK (0) on success, one of the
 * negative GT_E* codes on failure. When the caller passes a non-NULL gt_error, the
 * function also fills it with the code, a message and, where the input is to blame,
 * where: a byte offset into the JSON input and/or a JSON path such as
 * `workloads[1].data.compute_capacity.cpu`. There is no global error state. */
#ifndef GRIDTYPES_ERROR_H
#define GRIDTYPES_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    GT_OK = 0,
    GT_EARG = -1,      /* the caller passed something unusable (NULL, bad flag) */
    GT_ENOMEM = -2,    /* an allocation failed */
    GT_ESYNTAX = -3,   /* the bytes are not JSON (offset says where) */
    GT_ETYPE = -4,     /* JSON value of the wrong type for a field, or out of range */
    GT_EVALUE = -5,    /* a field's own decoder refused the value (IP, hex, timestamp) */
    GT_EDATA = -6,     /* a workload's `data` could not be loaded into its type */
    GT_EINVALID = -7,  /* validation refused the deployment or workload */
    GT_ENOTFOUND = -8, /* no such workload / key / entry */
    GT_EUPGRADE = -9,  /* the update is refused */
    GT_EPANIC = -10,   /* the reference panics on this input; we report instead */
    GT_ELIMIT = -11,   /* a documented limit was exceeded (size, depth) */
    GT_EVERIFY = -12,  /* signature verification refused the deployment */
    GT_EKEY = -13,     /* a key, seed, mnemonic or derivation path is unusable */
    GT_EIO = -14       /* reading or writing a file or stream failed */
};

#define GT_ERROR_PATH_MAX 256
#define GT_ERROR_MESSAGE_MAX 512
#define GT_NO_OFFSET ((size_t)-1)

/* An error record owned by the caller (usually on its stack). `offset` is a byte
 * offset into the input the failing call read, or GT_NO_OFFSET when unknown; `path`
 * is the JSON path of the field at fault ("" when none). `message` is NUL-terminated
 * and `message_len` long: like the reference's, a message that quotes input holding a
 * NUL byte (a workload name, an IP text) holds that NUL too, so read message_len bytes
 * to get all of it (strlen stops at the first NUL). */
typedef struct gt_error {
    int code;
    size_t offset;
    char path[GT_ERROR_PATH_MAX];
    char message[GT_ERROR_MESSAGE_MAX];
    size_t message_len;
} gt_error;

/* Resets `err` to "no error" (code GT_OK, empty texts). `err` may be NULL. */
void gt_error_clear(gt_error *err);

/* Fills `err` (which may be NULL) with `code` and a printf-style message (cut to fit),
 * leaving offset and path unset. Returns `code`, so callers can write
 * `return gt_error_set(...)`. */
int gt_error_set(gt_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The same for a message that quotes input: a "%.*s" conversion copies exactly its
 * length in bytes, NUL bytes included (see message_len), as the reference's texts quote
 * Go strings; its argument must hold that many bytes. Other conversions are printf's. */
int gt_error_set_quoting(gt_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Sets the byte offset and/or JSON path of an already filled error. `path` may be NULL
 * to keep the current path. Returns err->code (GT_OK when err is NULL). */
int gt_error_at(gt_error *err, size_t offset, const char *path);

/* A short constant name for a status code ("syntax", "type", ...). Never NULL. */
const char *gt_status_name(int code);

#ifdef __cplusplus
}
#endif
#endif
