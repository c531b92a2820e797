/* One arena per deployment: every allocation made while parsing or editing a
 * deployment comes from here and is released at once by gt_arena_free. Memory is
 * handed out zeroed, which gives every decoded field its Go zero value for free. */
#ifndef GT_CORE_ARENA_H
#define GT_CORE_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
/* Prepares an arena that hands out the `size` bytes at `mem` (16-byte aligned) before it
 * mallocs any chunk. `mem` stays the caller's: gt_arena_free leaves it alone. This lets
 * an owner and its first chunk share one malloc. */
void gt_arena_init_in(gt_arena *a, void *mem, size_t size);

/* gt_arena_alloc_raw's slow path: `size` (already rounded to 8, at most SIZE_MAX / 2, so
 * CHUNK_HEADER + size cannot wrap) does not fit the current chunk; takes a new one. */
void *gt_arena_alloc_grow(gt_arena *a, size_t size);

/* Returns `size` bytes aligned to 8, not zeroed (for bytes about to be written), or NULL
 * when malloc fails. Inline: the reader allocates for most strings and slices it keeps. */
static inline void *gt_arena_alloc_raw(gt_arena *a, size_t size)
{
    if (size > SIZE_MAX / 2)
        return NULL; /* no chunk can be that big; the rounding below would wrap */
    size = size ? (size + 7) & ~(size_t)7 : 8;
    if (a->cur && (size_t)(a->end - a->cur) >= size) {
        void *p = a->cur;
        a->cur += size;
        return p;
    }
    return gt_arena_alloc_grow(a, size);
}

/* Returns `size` zeroed bytes aligned to 8, or NULL when malloc fails. */
static inline void *gt_arena_alloc(gt_arena *a, size_t size)
{
    void *p = gt_arena_alloc_raw(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

/* Copies `n` bytes into the arena; returns NULL when out of memory. */
static inline void *gt_arena_dup(gt_arena *a, const void *p, size_t n)
{
    void *q = gt_arena_alloc_raw(a, n);
    if (q && n)
        memcpy(q, p, n);
    return q;
}

/* Releases every chunk. The arena may be initialised again afterwards. */
void gt_arena_free(gt_arena *a);

#endif
