/* hostile.h — inputs built against the library's tables, for the bench's "(i)" rows:
 * names and keys whose hashes collide in the bits a table uses, for the hash the library
 * used before (unkeyed FNV-1a) and for SipHash under a key the attacker knows, beside
 * random ones of the same count and length (hostile.c). */
#ifndef GT_BENCH_HOSTILE_H
#define GT_BENCH_HOSTILE_H

#include <stddef.h>

typedef enum { HOSTILE_RANDOM, HOSTILE_FNV, HOSTILE_SIPHASH } hostile_kind;

/* Each name's length; names are HOSTILE_NAME_LEN word characters and a NUL. */
#define HOSTILE_NAME_LEN 12

/* n distinct names of that kind, one after the other, each NUL-terminated (malloc'd): the
 * colliding kinds keep only names whose hash falls in the first 1/64th of the slots of a
 * table for n keys (the library's sizing), so n keys crowd into n/32 slots. The same n and
 * kind give the same names. Also used by tests/unit/test_flooding.c. */
char *hostile_names(size_t n, hostile_kind kind);

/* A valid deployment of n zmount workloads whose names are of that kind (malloc'd). */
char *hostile_deployment(size_t n, hostile_kind kind, size_t *len);

/* A deployment of one zmachine-light whose env has n keys of that kind (malloc'd). */
char *hostile_env(size_t n, hostile_kind kind, size_t *len);

#endif
