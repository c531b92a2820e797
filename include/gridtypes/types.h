/* gridtypes/types.h — the small value types every other header uses. */
#ifndef GRIDTYPES_TYPES_H
#define GRIDTYPES_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A byte string: `len` bytes at `ptr`, not NUL-terminated, may hold any byte.
 * Strings inside a parsed deployment are owned by its arena and live as long as it. */
typedef struct gt_str {
    const char *ptr;
    size_t len;
} gt_str;

/* Builds a gt_str from a NUL-terminated C string (borrowed, not copied). */
#define GT_STR(s) ((gt_str){(s), sizeof(s) - 1})

/* A Go slice: `len` items; `cap` items are allocated and those past `len` may hold
 * values of an earlier, longer array (Go reuses them when a repeated key decodes a
 * longer array again, and so do we). `set` is false for a nil slice, which Go encodes
 * as `null`; an empty but set slice encodes as `[]`. */
#define GT_SLICE(T)   \
    struct {          \
        T *items;     \
        uint32_t len; \
        uint32_t cap; \
        bool set;     \
    }

typedef GT_SLICE(void) gt_slice;

/* An IP address like Go's net.IP: len 0 (nil), 4 or 16 bytes. */
typedef struct gt_ip {
    uint8_t len;
    uint8_t b[16];
} gt_ip;

/* An IP network like Go's net.IPNet as zos keeps it: the address as written (host bits
 * kept) and the mask (len 0 when unset). The zero value is the empty net. */
typedef struct gt_ipnet {
    gt_ip ip;
    gt_ip mask;
} gt_ipnet;

/* Byte fields that travel as hex strings (zos.Bytes, zos.EncryptionKey). */
typedef struct gt_bytes {
    const uint8_t *ptr;
    size_t len;
    bool set; /* false: nil (Go encodes "" for a nil Bytes via MarshalText) */
} gt_bytes;

/* A string -> string map (Go map[string]string). Keys are unique; order is insertion
 * order here, Go's encoder and the challenge sort keys bytewise. */
typedef struct gt_kv {
    gt_str key;
    gt_str value;
} gt_kv;
typedef GT_SLICE(gt_kv) gt_map;

/* Capacity units are bytes; these are the reference's multipliers. */
#define GT_KB ((uint64_t)1024)
#define GT_MB (GT_KB * 1024)
#define GT_GB (GT_MB * 1024)
#define GT_TB (GT_GB * 1024)

/* The capacity a workload consumes (gridtypes.Capacity). */
typedef struct gt_capacity {
    uint64_t cru;   /* cores */
    uint64_t sru;   /* SSD bytes */
    uint64_t hru;   /* HDD bytes */
    uint64_t mru;   /* memory bytes */
    uint64_t ipv4u; /* public IPv4 addresses */
} gt_capacity;

/* Adds `b` into `a` with Go's wrapping unsigned arithmetic. */
void gt_capacity_add(gt_capacity *a, const gt_capacity *b);

#ifdef __cplusplus
}
#endif
#endif
