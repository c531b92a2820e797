/* The divergence engine shared by the catalogue (gt_divergence_apply), the hash search
 * (gt_divergence_search) and the verify explanation: it keeps what every candidate text
 * needs (our challenge map, the input's JSON tree, the data as a JavaScript client reads
 * it) and builds the text of any set of catalogue entries from them. Internal to src/diag. */
#ifndef GT_DIAG_DIVERGENCE_H
#define GT_DIAG_DIVERGENCE_H

#include "core/buf.h"
#include "diag/jtree.h"
#include "gridtypes/diagnose.h"

/* What is known of one fragment of a challenge map. */
typedef struct dv_frag {
    size_t wl;     /* workload index, SIZE_MAX for the deployment's own fields */
    gt_str type;   /* that workload's type */
    const char *rest; /* the path after "workloads[N]." (the whole path otherwise) */
    jt_where where;   /* what the input has at the fragment's path */
    uint32_t node;
} dv_frag;

typedef struct dv_map {
    gt_challenge_map m;
    dv_frag *info;
} dv_map;

typedef struct dv_ctx {
    const gt_deployment *d;
    dv_map base;          /* the node's challenge */
    dv_map js;            /* with workload data read as JavaScript's JSON.parse does */
    bool js_differs;      /* js holds a different challenge */
    jt_tree tree;         /* the input (or the deployment's encoding when it was built) */
    char *encoded;        /* that encoding, when made */
    gt_buf scratch[2];
} dv_ctx;

/* Prepares ctx for d. GT_OK, or the challenge's error, or GT_ENOMEM; dv_free either way. */
int dv_init(dv_ctx *ctx, const gt_deployment *d, gt_error *err);
void dv_free(dv_ctx *ctx);

/* The text of entries set[0..count) (set[i] true: entry i applies) into out (reset
 * first); `field` limits per_field entries to that path (NULL: everywhere). false when
 * out of memory. */
bool dv_text(dv_ctx *ctx, const bool *set, const char *field, gt_buf *out);

/* Visits the candidate texts of the hash search, in its order (docs/DIVERGENCES.md):
 * each applicable entry alone (per_field entries also on each field alone), then pairs,
 * then whole client profiles, stopping after the first of those levels where `visit`
 * returned 1 (a hit). `visit` gets the entries, the field (or NULL) and the text; it
 * returns 0 to go on, 1 for a hit, -1 to stop at once (out of memory), -2 to stop at once
 * (done). *applicable: the entries that change the challenge; *tried: texts visited.
 * GT_OK or GT_ENOMEM. */
typedef int (*dv_visit)(void *arg, const bool *set, const char *field, const gt_buf *text);
int dv_enumerate(dv_ctx *ctx, dv_visit visit, void *arg, size_t *applicable, size_t *tried);

/* Fills m with the entries of `set` (and `field`, NULL for none). */
void dv_match_set(gt_divergence_match *m, const bool *set, const char *field);

/* Appends a match for `set` (and `field`) to a growing list; false when out of memory. */
bool dv_match_add(gt_divergence_match **list, size_t *n, size_t *cap, const bool *set, const char *field);

/* The MD5 of a candidate text. */
void dv_md5(const gt_buf *text, uint8_t out[16]);

/* Entry e's rewrite of fragment k of the node's challenge alone into out (reset first):
 * true when it changes the fragment (a FRAGMENT entry only). */
bool dv_rewrite(dv_ctx *ctx, size_t e, size_t k, gt_buf *out);

/* Whether two catalogue entries exclude each other (two ways of writing the same value). */
bool dv_conflict(size_t a, size_t b);

#endif
