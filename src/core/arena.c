#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

struct gt_arena_chunk {
    gt_arena_chunk *next;
    size_t size;
    /* payload follows, 16-byte aligned */
};

#define CHUNK_HEADER ((sizeof(gt_arena_chunk) + 15) & ~(size_t)15)

struct gt_arena_block {
    gt_arena_block *next, *prev;
    size_t size;
    /* payload follows, 16-byte aligned */
};

#define BLOCK_HEADER ((sizeof(gt_arena_block) + 15) & ~(size_t)15)

void gt_arena_init(gt_arena *a, size_t hint)
{
    a->head = NULL;
    a->blocks = NULL;
    a->cur = a->end = NULL;
    a->total = 0;
    a->chunks = 0;
    a->next = hint < 1024 ? 1024 : hint;
    a->limit = 0;
    a->over_limit = false;
}

/* Later chunks add half of what the arena holds: geometric growth keeps the number of
 * mallocs logarithmic, and a first chunk sized for the job (a parse sizes it from the
 * input) is not followed by one twice as big for a few bytes more. */
static void plan_next_chunk(gt_arena *a)
{
    a->next = a->total / 2;
    if (a->next < 1024)
        a->next = 1024;
    if (a->next > ((size_t)1 << 26))
        a->next = (size_t)1 << 26;
}

void gt_arena_init_in(gt_arena *a, void *mem, size_t size)
{
    gt_arena_init(a, size);
    a->cur = mem;
    a->end = a->cur + size;
    a->total = size; /* later chunks grow from it as from a chunk of its own */
    plan_next_chunk(a);
}

static int grow(gt_arena *a, size_t need)
{
    size_t size = a->next;
    if (size < need)
        size = need;
    if (a->limit) {
        /* a planned chunk shrinks to what the limit leaves; the one needed cannot */
        if (gt_arena_over(a, CHUNK_HEADER + need))
            return -1;
        if (CHUNK_HEADER + size > a->limit - a->total)
            size = a->limit - a->total - CHUNK_HEADER;
    }
    gt_arena_chunk *c = malloc(CHUNK_HEADER + size);
    if (!c)
        return -1;
    c->next = a->head;
    c->size = size;
    a->head = c;
    a->cur = (uint8_t *)c + CHUNK_HEADER;
    a->end = a->cur + size;
    a->total += CHUNK_HEADER + size;
    a->chunks++;
    plan_next_chunk(a);
    return 0;
}

void *gt_arena_alloc_grow(gt_arena *a, size_t size)
{
    if (grow(a, size) != 0)
        return NULL;
    void *p = a->cur;
    a->cur += size;
    return p;
}

void *gt_arena_block_resize(gt_arena *a, void *payload, size_t size)
{
    gt_arena_block *b = payload ? (gt_arena_block *)((uint8_t *)payload - BLOCK_HEADER) : NULL;
    size_t old = b ? BLOCK_HEADER + b->size : 0;
    if (size > SIZE_MAX / 2)
        return NULL;
    size_t want = BLOCK_HEADER + size;
    if (want > old && gt_arena_over(a, want - old))
        return NULL;
    gt_arena_block *n = realloc(b, want);
    if (!n)
        return NULL;
    if (!b) {
        n->prev = NULL;
        n->next = a->blocks;
        if (a->blocks)
            a->blocks->prev = n;
        a->blocks = n;
    } else if (n != b) { /* moved: its neighbours point at it again */
        if (n->prev)
            n->prev->next = n;
        else
            a->blocks = n;
        if (n->next)
            n->next->prev = n;
    }
    n->size = size;
    a->total = a->total - old + want;
    return (uint8_t *)n + BLOCK_HEADER;
}

void gt_arena_free(gt_arena *a)
{
    while (a->blocks) {
        gt_arena_block *b = a->blocks;
        a->blocks = b->next;
        free(b);
    }
    gt_arena_chunk *c = a->head;
    while (c) {
        gt_arena_chunk *n = c->next;
        free(c);
        c = n;
    }
    a->head = NULL;
    a->cur = a->end = NULL;
}
