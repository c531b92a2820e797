/* Which data fields changed, for the upgrade warnings. Deployment.Upgrade keeps a workload
 * untouched when its version is not the deployment's new version, whatever else changed;
 * gt_deployment_upgrade_warnings says which workloads that hits and whether their data,
 * metadata or description changed. To tell the user *what* in the data they changed in
 * vain, this compares the two workloads' parts of the challenge maps (the same library code
 * path as the hash) field by field. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static bool same(gt_str a, gt_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* One field of a workload's data in a challenge map: path relative to the data, bytes. */
typedef struct {
    const char *rel;
    const uint8_t *bytes;
    size_t len;
} field;

/* The fields of workload i's data in map m (consecutive fragments of one path merged). */
static field *data_fields(const cli_chmap *m, size_t i, size_t *n)
{
    char prefix[48];
    int pl = snprintf(prefix, sizeof prefix, "workloads[%zu].data", i);
    field *out = malloc((m->nfrags ? m->nfrags : 1) * sizeof *out);
    *n = 0;
    if (!out)
        return NULL;
    for (size_t k = 0; k < m->nfrags; k++) {
        const char *p = m->frags[k].path;
        if (strncmp(p, prefix, (size_t)pl) != 0 || (p[pl] != '.' && p[pl] != '[' && p[pl] != '\0'))
            continue;
        const char *rel = p[pl] == '.' ? p + pl + 1 : p + pl;
        if (*n > 0 && strcmp(out[*n - 1].rel, rel) == 0) {
            out[*n - 1].len += m->frags[k].len; /* fragments are contiguous in the challenge */
            continue;
        }
        out[(*n)++] = (field){rel, m->bytes + m->frags[k].start, m->frags[k].len};
    }
    return out;
}

/* Adds name to the list unless it is there already. */
static void add(cli_strlist *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i], name) == 0)
            return;
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

/* Lists the data fields that differ between the two workloads. */
static void changed_fields(const cli_chmap *mo, size_t oi, const cli_chmap *mn, size_t ni, cli_strlist *out)
{
    size_t no, nn;
    field *fo = data_fields(mo, oi, &no), *fn = data_fields(mn, ni, &nn);
    if (fo && fn) {
        for (size_t a = 0; a < nn; a++) {
            size_t b = 0;
            while (b < no && strcmp(fo[b].rel, fn[a].rel) != 0)
                b++;
            if (b == no || fo[b].len != fn[a].len || memcmp(fo[b].bytes, fn[a].bytes, fn[a].len) != 0)
                add(out, fn[a].rel);
        }
        for (size_t b = 0; b < no; b++) {
            size_t a = 0;
            while (a < nn && strcmp(fo[b].rel, fn[a].rel) != 0)
                a++;
            if (a == nn)
                add(out, fo[b].rel);
        }
    }
    free(fo);
    free(fn);
}

void cli_upgrade_changed_fields(const gt_deployment *cur, const gt_deployment *next, size_t ni, cli_strlist *out)
{
    memset(out, 0, sizeof *out);
    /* the reference's name map holds the last old workload of each name */
    size_t oi = SIZE_MAX;
    for (size_t i = 0; i < cur->workloads.len; i++)
        if (same(cur->workloads.items[i].name, next->workloads.items[ni].name))
            oi = i;
    if (oi == SIZE_MAX)
        return;
    cli_chmap mo, mn;
    if (cli_chmap_build(cur, &mo, NULL) == GT_OK && cli_chmap_build(next, &mn, NULL) == GT_OK)
        changed_fields(&mo, oi, &mn, ni, out);
    else
        memset(&mn, 0, sizeof mn);
    cli_chmap_free(&mo);
    cli_chmap_free(&mn);
}

void cli_strlist_free(cli_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}
