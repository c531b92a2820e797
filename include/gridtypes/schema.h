/* gridtypes/schema.h — how a Go struct looks to encoding/json, as data.
 *
 * Every type the library decodes or encodes (the deployment itself and the `data` of
 * each workload type) is described by a gt_schema: its kind, its C size and, for
 * structs, its fields in Go declaration order with their JSON names. One generic
 * reader and one generic writer walk these tables and apply Go's rules (case-folded
 * keys, repeated keys merging, null handling, integer ranges, omitempty), so a new
 * workload type needs a table, not a parser. Library users registering their own
 * workload types describe their structs the same way. */
#ifndef GRIDTYPES_SCHEMA_H
#define GRIDTYPES_SCHEMA_H

#include "gridtypes/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gt_kind {
    GT_KIND_BOOL,      /* bool */
    GT_KIND_U8,        /* uint8_t  (Go uint8) */
    GT_KIND_U16,       /* uint16_t (Go uint16) */
    GT_KIND_U32,       /* uint32_t (Go uint32) */
    GT_KIND_U64,       /* uint64_t (Go uint64, uint, gridtypes.Unit) */
    GT_KIND_STRING,    /* gt_str */
    GT_KIND_TIMESTAMP, /* int64_t, gridtypes.Timestamp: integer or RFC 3339 string */
    GT_KIND_RAW,       /* gt_str holding raw JSON (json.RawMessage); len 0 = nil */
    GT_KIND_IPNET,     /* gt_ipnet, gridtypes.IPNet: CIDR text */
    GT_KIND_IP,        /* gt_ip, net.IP: address text */
    GT_KIND_HEX,       /* gt_bytes, bytes as a hex string (zos.Bytes) */
    GT_KIND_STRUCT,    /* a C struct described by `fields` */
    GT_KIND_PTR,       /* a pointer (NULL = Go nil) to a value of `elem` */
    GT_KIND_SLICE,     /* GT_SLICE(elem) */
    GT_KIND_MAP        /* gt_map: map[string]string */
} gt_kind;

typedef struct gt_schema gt_schema;

#define GT_FIELD_OMITEMPTY 1u

typedef struct gt_field {
    const char *name;        /* JSON key (the Go tag, or the Go field name) */
    uint32_t offset;         /* offsetof in the C struct */
    const gt_schema *type;
    uint32_t flags;          /* GT_FIELD_* */
    /* strlen(name), or 0 when not given (tables written before it existed): with it the
     * reader recognises the expected key straight from the input bytes, a fast path
     * only; without it, keys are matched the ordinary way. GT_FIELD fills it in. */
    uint32_t name_len;
} gt_field;

/* One gt_field for member `member` of struct `ctype`, under the JSON key `key` (a string
 * literal), of schema `type` (a gt_schema object), with GT_FIELD_* `flags`. */
#define GT_FIELD(ctype, member, key, type, flags) \
    {key, (uint32_t)offsetof(ctype, member), &(type), (flags), (uint32_t)(sizeof(key) - 1)}

struct gt_schema {
    gt_kind kind;
    uint32_t size;           /* sizeof the C value of this kind */
    const char *go_name;     /* Go type name, for error messages ("zos.ZMount") */
    const gt_field *fields;  /* GT_KIND_STRUCT: fields in Go declaration order */
    uint32_t nfields;
    const gt_schema *elem;   /* GT_KIND_PTR and GT_KIND_SLICE: the element type */
};

/* Ready-made schemas for Go's basic and gridtypes scalar types. */
extern const gt_schema gt_schema_bool;
extern const gt_schema gt_schema_uint8;
extern const gt_schema gt_schema_uint16;
extern const gt_schema gt_schema_uint32;
extern const gt_schema gt_schema_uint64;
extern const gt_schema gt_schema_uint;      /* Go uint (64-bit on the nodes) */
extern const gt_schema gt_schema_unit;      /* gridtypes.Unit */
extern const gt_schema gt_schema_string;
extern const gt_schema gt_schema_name;      /* gridtypes.Name */
extern const gt_schema gt_schema_timestamp; /* gridtypes.Timestamp */
extern const gt_schema gt_schema_raw;       /* json.RawMessage */
extern const gt_schema gt_schema_ipnet;     /* gridtypes.IPNet */
extern const gt_schema gt_schema_ip;        /* net.IP */
extern const gt_schema gt_schema_hex;       /* zos.Bytes */
extern const gt_schema gt_schema_map;       /* map[string]string */

#ifdef __cplusplus
}
#endif
#endif
