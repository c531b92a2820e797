/* Which data fields changed, for the upgrade warnings. Deployment.Upgrade keeps a workload
 * untouched when its version is not the deployment's new version, whatever else changed;
 * gt_deployment_upgrade_warnings says which workloads that hits and whether their data,
 * metadata or description changed. To tell the user *what* in the data they changed in
 * vain, this compares the two workloads' parts of the challenge maps (the same library code
 * path as the hash) field by field.
 *
 * Cost: the two maps are built once for all the warnings, each workload's fragments are
 * found through a table of where they start, and two workloads' fields are matched by
 * sorting them, so a hostile update of many workloads and many fields stays O(n log n). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* One field of a workload's data in a challenge map: path relative to the data, bytes. */
typedef struct {
    const char *rel;
    const uint8_t *bytes;
    size_t len;
    size_t order; /* its place among the workload's fields */
} field;

/* range[i][0] .. range[i][1]: the fragments of workload i (the challenge writes each
 * workload in one run). NULL when out of memory. */
static size_t (*fragment_ranges(const gt_challenge_map *m, size_t nworkloads))[2]
{
    size_t (*range)[2] = calloc(nworkloads ? nworkloads : 1, sizeof *range);
    if (!range)
        return NULL;
    for (size_t k = 0; k < m->nfrags; k++) {
        size_t w = cli_path_workload(m->frags[k].path);
        if (w >= nworkloads)
            continue;
        if (range[w][1] == 0)
            range[w][0] = k;
        range[w][1] = k + 1;
    }
    return range;
}

int cli_upgrade_diff_init(cli_upgrade_diff *x, const gt_deployment *cur, const gt_deployment *next)
{
    memset(x, 0, sizeof *x);
    x->cur = cur;
    x->next = next;
    if (gt_challenge_map_build(cur, &x->mo, NULL) != GT_OK || gt_challenge_map_build(next, &x->mn, NULL) != GT_OK)
        return GT_EDATA; /* no field names then; the warnings stand */
    x->so = fragment_ranges(&x->mo, cur->workloads.len);
    x->sn = fragment_ranges(&x->mn, next->workloads.len);
    if (!x->so || !x->sn)
        return GT_ENOMEM;
    x->ready = true;
    return GT_OK;
}

void cli_upgrade_diff_free(cli_upgrade_diff *x)
{
    gt_challenge_map_free(&x->mo);
    gt_challenge_map_free(&x->mn);
    free(x->so);
    free(x->sn);
    memset(x, 0, sizeof *x);
}

/* The fields of workload i's data in map m (consecutive fragments of one path merged). */
static field *data_fields(const gt_challenge_map *m, const size_t (*range)[2], size_t i, size_t *n)
{
    char prefix[48];
    int pl = snprintf(prefix, sizeof prefix, "workloads[%zu].data", i);
    size_t from = range[i][0], to = range[i][1];
    field *out = malloc((to > from ? to - from : 1) * sizeof *out);
    *n = 0;
    if (!out)
        return NULL;
    for (size_t k = from; k < to; k++) {
        const char *p = m->frags[k].path;
        if (strncmp(p, prefix, (size_t)pl) != 0 || (p[pl] != '.' && p[pl] != '[' && p[pl] != '\0'))
            continue;
        const char *rel = p[pl] == '.' ? p + pl + 1 : p + pl;
        if (*n > 0 && strcmp(out[*n - 1].rel, rel) == 0) {
            out[*n - 1].len += m->frags[k].len; /* fragments are contiguous in the challenge */
            continue;
        }
        out[*n] = (field){rel, m->bytes + m->frags[k].start, m->frags[k].len, *n};
        (*n)++;
    }
    return out;
}

/* Adds name to the list (a name already there was caught by the caller). */
static void add(cli_strlist *l, const char *name)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        char **ni = realloc(l->items, ncap * sizeof *ni);
        if (!ni)
            return; /* a shorter list: the warning itself stands */
        l->items = ni;
        l->cap = ncap;
    }
    char *copy = strdup(name);
    if (copy)
        l->items[l->n++] = copy;
}

void cli_strlist_free(cli_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int cmp_field(const void *a, const void *b)
{
    const field *x = a, *y = b;
    int c = strcmp(x->rel, y->rel);
    if (c)
        return c;
    return (x->order > y->order) - (x->order < y->order);
}

/* Names the data fields that differ between the two workloads into out: fields of the new
 * one whose bytes differ or that the old one lacks (in the new one's order), then fields
 * only the old one has (in its order). A field is matched with the first of that path in
 * the other workload. A path met twice is listed once (its first time). */
static void changed_fields(field *fo, size_t no, field *fn, size_t nn, cli_strlist *out)
{
    bool *new_changed = calloc(nn ? nn : 1, sizeof *new_changed);
    bool *old_gone = calloc(no ? no : 1, sizeof *old_gone);
    field *so = malloc((no ? no : 1) * sizeof *so), *sn = malloc((nn ? nn : 1) * sizeof *sn);
    if (new_changed && old_gone && so && sn) {
        memcpy(so, fo, no * sizeof *so);
        memcpy(sn, fn, nn * sizeof *sn);
        qsort(so, no, sizeof *so, cmp_field);
        qsort(sn, nn, sizeof *sn, cmp_field);
        /* an old field is gone when no new field has its path */
        size_t a = 0;
        for (size_t b = 0; b < no; b++) {
            while (a < nn && strcmp(sn[a].rel, so[b].rel) < 0)
                a++;
            old_gone[so[b].order] = !(a < nn && strcmp(sn[a].rel, so[b].rel) == 0);
        }
        /* a new field has changed when the first old field of its path differs, or there is none */
        size_t b = 0;
        for (a = 0; a < nn; a++) {
            while (b < no && strcmp(so[b].rel, sn[a].rel) < 0)
                b++;
            bool found = b < no && strcmp(so[b].rel, sn[a].rel) == 0;
            if (!found || so[b].len != sn[a].len || (sn[a].len && memcmp(so[b].bytes, sn[a].bytes, sn[a].len) != 0))
                new_changed[sn[a].order] = true;
        }
        /* of fields of one path (next to each other once sorted), only the first is listed */
        for (a = 1; a < nn; a++)
            if (strcmp(sn[a].rel, sn[a - 1].rel) == 0)
                new_changed[sn[a].order] = false;
        for (b = 1; b < no; b++)
            if (strcmp(so[b].rel, so[b - 1].rel) == 0)
                old_gone[so[b].order] = false;
        for (a = 0; a < nn; a++)
            if (new_changed[a])
                add(out, fn[a].rel);
        for (size_t k = 0; k < no; k++)
            if (old_gone[k])
                add(out, fo[k].rel);
    }
    free(new_changed);
    free(old_gone);
    free(so);
    free(sn);
}

void cli_upgrade_changed_fields(const cli_upgrade_diff *x, const gt_upgrade_warning *w, cli_strlist *out)
{
    memset(out, 0, sizeof *out);
    if (!x->ready || w->old_index >= x->cur->workloads.len || w->index >= x->next->workloads.len)
        return;
    size_t no, nn;
    field *fo = data_fields(&x->mo, x->so, w->old_index, &no);
    field *fn = data_fields(&x->mn, x->sn, w->index, &nn);
    if (fo && fn)
        changed_fields(fo, no, fn, nn, out);
    free(fo);
    free(fn);
}
