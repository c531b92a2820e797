/* A small read-only tree of a JSON document for the diagnosis engines: where each value
 * is, what kind it is, and the members of objects as written (repeated keys and all), so
 * that an engine can ask what a client that reads JSON differently from Go would see.
 * Internal to src/diag. */
#ifndef GT_DIAG_JTREE_H
#define GT_DIAG_JTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "gridtypes/types.h"
#include "json/keys.h"

/* Deeper values are kept whole as one opaque node (kind JT_DEEP): nothing the engines
 * look at is nested that deep, and the tree is built without recursion beyond it. */
#define JT_MAX_DEPTH 64

typedef enum { JT_OBJECT, JT_ARRAY, JT_STRING, JT_NUMBER, JT_TRUE, JT_FALSE, JT_NULL, JT_DEEP } jt_kind;

typedef struct jt_node {
    jt_kind kind;
    uint32_t start, end;  /* the value's bytes in the document */
    uint32_t first, next; /* first child, next sibling: node indexes, 0 = none */
    uint32_t kids, nkids; /* an object's or array's children: kid[kids .. kids + nkids) */
    uint32_t exact, folded; /* an object's members sorted by key, and by ASCII-folded key
                               (ties by position): offsets in `order`, UINT32_MAX until
                               its first lookup */
    gt_str key;           /* a member's key, unescaped (as Go reads it); else empty */
} jt_node;

typedef struct jt_tree {
    const uint8_t *doc;
    size_t len;
    jt_node *nodes; /* nodes[0] is unused, nodes[1] the document's value */
    uint32_t n, cap;
    uint32_t *kid;   /* every container's children, container by container */
    gt_key_ref *order; /* sorted member lists of the objects looked into */
    size_t norder, order_cap;
    bool oom;        /* an index could not be made: lookups fall back to scanning */
    gt_arena arena;  /* unescaped keys and strings */
} jt_tree;

/* Builds the tree of doc[0..len) (JSON the library has parsed, so well formed; anything
 * else gives whatever part could be read). false when out of memory (t is then empty).
 * Release with jt_free. */
bool jt_build(jt_tree *t, const uint8_t *doc, size_t len);
void jt_free(jt_tree *t);

/* The member `key` of object node `obj` as Go's decoder picks it: the last exact match,
 * else the last ASCII case-insensitive match. 0 when none. O(log k) for k members after
 * the object's first lookup, which sorts them (O(k log k)), so any number of lookups cost
 * about one sort of each object looked into. */
uint32_t jt_member(jt_tree *t, uint32_t obj, const char *key, size_t klen);

/* Element `index` of array node `arr`, in O(1); 0 when none. */
uint32_t jt_element(const jt_tree *t, uint32_t arr, size_t index);

/* Child i (0-based) of object or array node `x`; 0 when none. */
uint32_t jt_child(const jt_tree *t, uint32_t x, size_t i);

/* For each member i of object `obj`: the position of the next member with the very same
 * key (the later one is the one Go keeps for a scalar), or UINT32_MAX. Writes obj's nkids
 * positions to next[]. O(k log k). false when out of memory. */
bool jt_repeated(jt_tree *t, uint32_t obj, uint32_t *next);

/* What a JSON path ("workloads[3].data.size") names. */
typedef enum {
    JT_FOUND,   /* the value is there: *node */
    JT_ABSENT,  /* its parent object is there, the member is not: *node is the parent */
    JT_UNKNOWN  /* an earlier part is missing or not an object/array */
} jt_where;

jt_where jt_path(jt_tree *t, const char *path, uint32_t *node);

/* The text of string node `s` as Go decodes it (escapes resolved, invalid UTF-8 as
 * U+FFFD); false when out of memory or not a string. */
bool jt_string(jt_tree *t, uint32_t s, gt_str *out);

#endif
