/* One arena per deployment: every allocation made while parsing or editing a
 * deployment comes from here and is released at once by gt_arena_free. Memory is
 * handed out zeroed, which gives every decoded field its Go zero value for free. */
#ifndef GT_CORE_ARENA_H
#define GT_CORE_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct gt_arena_chunk gt_arena_chunk;
typedef struct gt_arena_block gt_arena_block;

typedef struct gt_arena {
    gt_arena_chunk *head;
    gt_arena_block *blocks; /* grown with realloc (see gt_arena_block_resize) */
    uint8_t *cur;
    uint8_t *end;
    size_t total;   /* bytes obtained from malloc, for the benchmarks */
    size_t chunks;  /* number of malloc calls */
    size_t next;    /* size of the next chunk */
    size_t limit;   /* total may not grow past it (0: no limit) */
    bool over_limit; /* an allocation was refused for the limit, not by malloc */
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

/* A block of the arena's own, outside its chunks, that can be resized: for a sequence
 * that grows element by element (a long list being decoded), so that growing it leaves no
 * old copies behind in the chunks (realloc moves or extends it). `payload` NULL makes a
 * new block. Returns the block's payload (16-byte aligned), or NULL when malloc or the
 * limit refuses (the old block then stays as it was). Its bytes are counted in `total`,
 * and it is released with the arena. New bytes are not zeroed. */
void *gt_arena_block_resize(gt_arena *a, void *payload, size_t size);

/* Whether `bytes` more (outside the arena, but on its account: a parse's temporary
 * indexes) would take it past its limit; sets over_limit when so. */
static inline bool gt_arena_over(gt_arena *a, size_t bytes)
{
    if (a->limit && (a->total > a->limit || bytes > a->limit - a->total)) {
        a->over_limit = true;
        return true;
    }
    return false;
}

/* Releases every chunk. The arena may be initialised again afterwards. */
void gt_arena_free(gt_arena *a);

#endif
