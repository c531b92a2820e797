/* The challenge map kept in memory: the fragments gt_deployment_challenge_map delivers,
 * with their paths, so that a tool can print them, say which field holds a byte of the
 * challenge or tell which data fields of two deployments differ. */
#include "gridtypes/diagnose.h"

#include <stdlib.h>
#include <string.h>

/* The gt_fragment_fn: appends one fragment (its bytes and a copy of its path). */
static void collect(void *ctx, const char *path, const uint8_t *bytes, size_t len)
{
    gt_challenge_map *m = ctx;
    if (m->oom)
        return;
    if (m->len + len > m->cap) {
        size_t ncap = m->cap ? m->cap : 1024;
        while (ncap < m->len + len)
            ncap *= 2;
        uint8_t *nb = realloc(m->bytes, ncap);
        if (!nb) {
            m->oom = true;
            return;
        }
        m->bytes = nb;
        m->cap = ncap;
    }
    if (m->nfrags == m->fcap) {
        size_t ncap = m->fcap ? m->fcap * 2 : 64;
        gt_challenge_fragment *nf = realloc(m->frags, ncap * sizeof *nf);
        if (!nf) {
            m->oom = true;
            return;
        }
        m->frags = nf;
        m->fcap = ncap;
    }
    size_t plen = strlen(path);
    char *p = malloc(plen + 1);
    if (!p) {
        m->oom = true;
        return;
    }
    memcpy(p, path, plen + 1);
    if (len)
        memcpy(m->bytes + m->len, bytes, len);
    m->frags[m->nfrags++] = (gt_challenge_fragment){p, m->len, len};
    m->len += len;
}

int gt_challenge_map_build(const gt_deployment *d, gt_challenge_map *m, gt_error *err)
{
    if (!m)
        return gt_error_set(err, GT_EARG, "gt_challenge_map_build: NULL argument");
    memset(m, 0, sizeof *m);
    int rc = gt_deployment_challenge_map(d, collect, m, err);
    if (rc == GT_OK && m->oom)
        rc = gt_error_set(err, GT_ENOMEM, "out of memory");
    return rc;
}

void gt_challenge_map_free(gt_challenge_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nfrags; i++)
        free(m->frags[i].path);
    free(m->frags);
    free(m->bytes);
    memset(m, 0, sizeof *m);
}

size_t gt_challenge_map_find(const gt_challenge_map *m, size_t offset)
{
    size_t last = SIZE_MAX;
    for (size_t i = 0; i < m->nfrags; i++) {
        const gt_challenge_fragment *f = &m->frags[i];
        if (f->len == 0)
            continue;
        if (offset >= f->start && offset < f->start + f->len)
            return i;
        last = i;
    }
    if (last == SIZE_MAX && m->nfrags)
        last = m->nfrags - 1;
    return last;
}
