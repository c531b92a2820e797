/* Object keys as Go's encoding/json matches them to a name: the last member whose key is
 * the name exactly, else the last one equal to it with ASCII letters case-folded. A list of
 * keys sorted by key and then by position finds that member in O(log k). Shared by the
 * locator (locate.c) and the diagnosis engines' JSON tree (diag/jtree.c). */
#ifndef GT_JSON_KEYS_H
#define GT_JSON_KEYS_H

#include <stdbool.h>
#include <stdint.h>

#define GT_KEY_NONE UINT32_MAX

/* A member's key (unescaped) and what stands for the member: its position among the
 * object's members, or any number that grows with it. */
typedef struct gt_key_ref {
    const char *key;
    uint32_t len;
    uint32_t id;
} gt_key_ref;

/* Byte order of two keys, exactly or with ASCII letters folded; a prefix comes first. */
int gt_key_cmp(const char *a, uint32_t an, const char *b, uint32_t bn, bool folded);

/* Sorts keys[0..n) by key (exactly or folded), equal keys by id. */
void gt_keys_sort(gt_key_ref *keys, uint32_t n, bool folded);

/* The id of the entry with the greatest id among those of sorted[0..n) (sorted by
 * gt_keys_sort with the same `folded`) whose key equals key[0..len); GT_KEY_NONE when none
 * does. */
uint32_t gt_keys_find_last(const gt_key_ref *sorted, uint32_t n, const char *key, uint32_t len, bool folded);

#endif
