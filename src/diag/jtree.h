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

/* Deeper values are kept whole as one opaque node (kind JT_DEEP): nothing the engines
 * look at is nested that deep, and the tree is built without recursion beyond it. */
#define JT_MAX_DEPTH 64

typedef enum { JT_OBJECT, JT_ARRAY, JT_STRING, JT_NUMBER, JT_TRUE, JT_FALSE, JT_NULL, JT_DEEP } jt_kind;

typedef struct jt_node {
    jt_kind kind;
    uint32_t start, end;  /* the value's bytes in the document */
    uint32_t first, next; /* first child, next sibling: node indexes, 0 = none */
    gt_str key;           /* a member's key, unescaped (as Go reads it); else empty */
} jt_node;

typedef struct jt_tree {
    const uint8_t *doc;
    size_t len;
    jt_node *nodes; /* nodes[0] is unused, nodes[1] the document's value */
    uint32_t n, cap;
    gt_arena arena; /* unescaped keys and strings */
} jt_tree;

/* Builds the tree of doc[0..len) (JSON the library has parsed, so well formed; anything
 * else gives whatever part could be read). false when out of memory (t is then empty).
 * Release with jt_free. */
bool jt_build(jt_tree *t, const uint8_t *doc, size_t len);
void jt_free(jt_tree *t);

/* The member `key` of object node `obj` as Go's decoder picks it: the last exact match,
 * else the last ASCII case-insensitive match. 0 when none. */
uint32_t jt_member(const jt_tree *t, uint32_t obj, const char *key, size_t klen);

/* Element `index` of array node `arr`; 0 when none. */
uint32_t jt_element(const jt_tree *t, uint32_t arr, size_t index);

/* What a JSON path ("workloads[3].data.size") names. */
typedef enum {
    JT_FOUND,   /* the value is there: *node */
    JT_ABSENT,  /* its parent object is there, the member is not: *node is the parent */
    JT_UNKNOWN  /* an earlier part is missing or not an object/array */
} jt_where;

jt_where jt_path(const jt_tree *t, const char *path, uint32_t *node);

/* The text of string node `s` as Go decodes it (escapes resolved, invalid UTF-8 as
 * U+FFFD); false when out of memory or not a string. */
bool jt_string(jt_tree *t, uint32_t s, gt_str *out);

#endif
