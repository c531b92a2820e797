/* gridtypes/diagnose.h — finding why another client's answer differs from the node's.
 *
 * The node's verdicts (hash, validity, signatures) come from the rest of the library and
 * are the reference's. What this header adds is explanation: where another
 * implementation's challenge leaves ours and, when the pattern is a known one, why.
 * Nothing here changes a verdict; every text it produces is ours, not the reference's.
 *
 * Ownership: every object returned through an out-pointer is owned by the caller and
 * released by the matching *_free; pointers inside it are borrowed from it. */
#ifndef GRIDTYPES_DIAGNOSE_H
#define GRIDTYPES_DIAGNOSE_H

#include "gridtypes/deployment.h"
#include "gridtypes/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the challenge kept in memory, fragment by fragment ---- */

/* One fragment of the challenge: the JSON path of the field that wrote it and where its
 * bytes are in gt_challenge_map.bytes. Fragments may be empty (len 0). */
typedef struct gt_challenge_fragment {
    char *path;   /* NUL-terminated, owned by the map */
    size_t start; /* offset of the fragment in the challenge */
    size_t len;
} gt_challenge_fragment;

/* The whole challenge (the bytes Deployment.Challenge writes) and its fragments in
 * order; the fragments' bytes, concatenated, are `bytes`. Built from the same library
 * code path as the hash, so what it shows is what is hashed. */
typedef struct gt_challenge_map {
    uint8_t *bytes; /* the challenge, `len` bytes (not NUL-terminated) */
    size_t len;
    gt_challenge_fragment *frags;
    size_t nfrags;
    size_t cap, fcap; /* internal: allocated sizes */
    bool oom;         /* internal */
} gt_challenge_map;

/* Fills *m with the challenge map of d (m needs no initialisation). GT_OK, or the error
 * of gt_deployment_challenge_map, or GT_ENOMEM. Whatever the status, release *m with
 * gt_challenge_map_free. */
int gt_challenge_map_build(const gt_deployment *d, gt_challenge_map *m, gt_error *err);

/* Releases what the map holds and zeroes it. NULL is fine. */
void gt_challenge_map_free(gt_challenge_map *m);

/* The index of the fragment that holds byte `offset` of the challenge; for an offset at
 * or past the end, the last non-empty fragment; SIZE_MAX when the map has no fragment. */
size_t gt_challenge_map_find(const gt_challenge_map *m, size_t offset);

/* ---- comparing another implementation's challenge with ours ---- */

#define GT_COMPARE_CAUSES_MAX 6
#define GT_COMPARE_CAUSE_TEXT_MAX 512

/* A likely cause of a difference. `code` names the pattern for programs (static
 * storage, stable across releases): "trailing-newline", "signature-style-missing",
 * "field-missing", "extra-bytes", "nil-net", "hex-case", "letter-case",
 * "ip-unnormalised", "ip-different", "number-above-2^53". `text` says it for people. */
typedef struct gt_compare_cause {
    const char *code;
    char text[GT_COMPARE_CAUSE_TEXT_MAX];
} gt_compare_cause;

/* One place where their challenge leaves ours. */
typedef struct gt_challenge_difference {
    size_t ours_offset;   /* first differing byte in our challenge (may be its length) */
    size_t theirs_offset; /* the same place in theirs (may be its length) */
    size_t fragment;      /* index in the map of our fragment that holds it; SIZE_MAX none */
    size_t ncauses;
    gt_compare_cause causes[GT_COMPARE_CAUSES_MAX];
} gt_challenge_difference;

/* The result of gt_challenge_compare. */
typedef struct gt_comparison {
    bool equal;             /* their bytes are exactly our challenge */
    gt_challenge_map ours;  /* our challenge and its fragments */
    uint8_t *theirs;        /* their challenge as compared (hex already decoded), owned */
    size_t theirs_len;
    gt_challenge_difference *diffs; /* the differences found (none when equal) */
    size_t ndiffs;
} gt_comparison;

/* Flags of gt_challenge_compare. */
enum {
    /* `theirs` is the challenge in hex (an optional 0x; spaces, tabs and newlines are
     * ignored; either letter case) rather than its raw bytes. */
    GT_COMPARE_HEX = 1u << 0
};

/* Compares `theirs` (len bytes: another implementation's challenge for the same
 * deployment) with the challenge of d, and explains the first difference: its offset,
 * the field of ours that holds it and the causes recognised. On GT_OK *out is a new
 * comparison (free it with gt_comparison_free), whether the texts are equal or not.
 * Errors: GT_EARG (NULL arguments, unknown flags), GT_EVALUE when GT_COMPARE_HEX is set
 * and theirs is not hex (offset: the first byte that is not a hex digit, or len for an
 * odd number of digits), the challenge's own error (GT_EDATA, GT_EPANIC), GT_ENOMEM;
 * then *out is NULL. */
int gt_challenge_compare(const gt_deployment *d, const void *theirs, size_t len, unsigned flags,
                         gt_comparison **out, gt_error *err);

/* Releases a comparison. NULL is fine. */
void gt_comparison_free(gt_comparison *c);

#ifdef __cplusplus
}
#endif
#endif
