/* One arena per deployment: every allocation made while parsing or editing a
 * deployment comes from here and is released at once by gt_arena_free. Memory is
 * handed out zeroed, which gives every decoded field its Go zero value for free. */
#ifndef GT_CORE_ARENA_H
#define GT_CORE_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct gt_arena_chunk gt_arena_chunk;

typedef struct gt_arena {
    gt_arena_chunk *head;
    uint8_t *cur;
    uint8_t *end;
    size_t total;   /* bytes obtained from malloc, for the benchmarks */
    size_t chunks;  /* number of malloc calls */
    size_t next;    /* size of the next chunk */
} gt_arena;

/* Prepares an empty arena whose first chunk will be about `hint` bytes. */
void gt_arena_init(gt_arena *a, size_t hint);

/* Returns `size` zeroed bytes aligned to 8, or NULL when malloc fails. */
void *gt_arena_alloc(gt_arena *a, size_t size);

/* Like gt_arena_alloc but does not zero the memory (for bytes about to be copied). */
void *gt_arena_alloc_raw(gt_arena *a, size_t size);

/* Copies `n` bytes into the arena; returns NULL when out of memory. */
void *gt_arena_dup(gt_arena *a, const void *p, size_t n);

/* Releases every chunk. The arena may be initialised again afterwards. */
void gt_arena_free(gt_arena *a);

#endif
