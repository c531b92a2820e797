/* Which data fields changed, for the upgrade warnings. Deployment.Upgrade keeps a workload
 * untouched when its version is not the deployment's new version, whatever else changed;
 * gt_deployment_upgrade_warnings says which workloads that hits and whether their data,
 * metadata or description changed. To tell the user *what* in the data they changed in
 * vain, this compares the two workloads' parts of the challenge maps (the same library code
 * path as the hash) field by field. */
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

static void append(char *buf, size_t cap, const char *name)
{
    size_t len = strlen(buf);
    if (strstr(buf, name) && len) {
        /* already listed (a name that is a prefix of another is rare enough to accept) */
        const char *f = strstr(buf, name);
        size_t nl = strlen(name);
        if ((f == buf || f[-1] == ' ') && (f[nl] == ',' || f[nl] == '\0'))
            return;
    }
    if (len + strlen(name) + 6 >= cap) {
        if (len + 4 < cap && (len < 3 || strcmp(buf + len - 3, "...") != 0))
            strcat(buf, ", ...");
        return;
    }
    if (len)
        strcat(buf, ", ");
    strcat(buf, name);
}

/* Names the data fields that differ between the two workloads into out. */
static void changed_fields(const cli_chmap *mo, size_t oi, const cli_chmap *mn, size_t ni, char *out, size_t cap)
{
    size_t no, nn;
    field *fo = data_fields(mo, oi, &no), *fn = data_fields(mn, ni, &nn);
    if (fo && fn) {
        for (size_t a = 0; a < nn; a++) {
            size_t b = 0;
            while (b < no && strcmp(fo[b].rel, fn[a].rel) != 0)
                b++;
            if (b == no || fo[b].len != fn[a].len || memcmp(fo[b].bytes, fn[a].bytes, fn[a].len) != 0)
                append(out, cap, fn[a].rel);
        }
        for (size_t b = 0; b < no; b++) {
            size_t a = 0;
            while (a < nn && strcmp(fo[b].rel, fn[a].rel) != 0)
                a++;
            if (a == nn)
                append(out, cap, fo[b].rel);
        }
    }
    free(fo);
    free(fn);
}

void cli_upgrade_changed_fields(const gt_deployment *cur, const gt_deployment *next, size_t ni, char *out,
                                size_t cap)
{
    out[0] = '\0';
    /* the reference's name map holds the last old workload of each name */
    size_t oi = SIZE_MAX;
    for (size_t i = 0; i < cur->workloads.len; i++)
        if (same(cur->workloads.items[i].name, next->workloads.items[ni].name))
            oi = i;
    if (oi == SIZE_MAX)
        return;
    cli_chmap mo, mn;
    if (cli_chmap_build(cur, &mo, NULL) == GT_OK && cli_chmap_build(next, &mn, NULL) == GT_OK)
        changed_fields(&mo, oi, &mn, ni, out, cap);
    else
        memset(&mn, 0, sizeof mn);
    cli_chmap_free(&mo);
    cli_chmap_free(&mn);
}
