#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

struct gt_arena_chunk {
    gt_arena_chunk *next;
    size_t size;
    /* payload follows, 16-byte aligned */
};

#define CHUNK_HEADER ((sizeof(gt_arena_chunk) + 15) & ~(size_t)15)

void gt_arena_init(gt_arena *a, size_t hint)
{
    a->head = NULL;
    a->cur = a->end = NULL;
    a->total = 0;
    a->chunks = 0;
    a->next = hint < 1024 ? 1024 : hint;
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

void gt_arena_free(gt_arena *a)
{
    gt_arena_chunk *c = a->head;
    while (c) {
        gt_arena_chunk *n = c->next;
        free(c);
        c = n;
    }
    a->head = NULL;
    a->cur = a->end = NULL;
}
